"""The reply-rate rules of issue 3, one small hand-built network per rule.

Networks are built directly from DataFrames (``netaudit.model.conform``), so these tests do
not depend on any importer. Every expected number is worked out in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from netaudit.analyses.replies import (
    BOTH,
    GROUP,
    NO_INVITATION,
    NOT_CONNECTION,
    ONE_TO_ONE,
    OTHER,
    SEGMENTATION_TITLES,
    THEY_INVITED,
    UNKNOWN,
    YOU_INVITED,
    Segmentation,
    detect_campaigns,
    find_outreach,
    normalize_outreach_text,
    outreach_figures,
    reply_rates,
)
from netaudit.analyses.stats import SignificanceTest
from netaudit.errors import InputError, UsageError
from netaudit.model import Network, Owner, conform, derive_message_fields

T0 = pd.Timestamp("2024-01-10 12:00:00", tz="UTC")
DAY = pd.Timedelta(days=1)
HOUR = pd.Timedelta(hours=1)
SECOND = pd.Timedelta(seconds=1)
ME = "me"


def msg(conv, at, sender, to, body="", **flags):
    """One message row; ``to`` is a person id or a tuple of them."""
    to = (to,) if isinstance(to, str) else tuple(to)
    return {"conversation_id": conv, "sent_at": at, "sender_id": sender, "recipient_ids": to,
            "body": body, **flags}


def build(messages, people=None, invitations=()):
    """A Network owned by ``me``; every id mentioned becomes a person (a connection unless
    ``people`` says otherwise)."""
    people = {pid: dict(row) for pid, row in (people or {}).items()}
    for m in messages:
        for pid in (m["sender_id"], *m["recipient_ids"]):
            people.setdefault(pid, {})
    rows = []
    for pid, row in people.items():
        rows.append({"person_id": pid, "name": row.pop("name", pid.title()),
                     "is_owner": pid == ME, "is_connection": pid != ME, **row})
    frame = pd.DataFrame(messages)
    frame["message_id"] = [f"m{i}" for i in range(len(frame))]
    network = Network(
        people=conform(pd.DataFrame(rows), "people"),
        messages=conform(frame, "messages"),
        invitations=conform(pd.DataFrame(list(invitations)), "invitations"),
        owner=Owner(ME, "Me", "test"),
    )
    derive_message_fields(network)
    network.validate()
    return network


# ---- outreach and reply: the window edges ----------------------------------------------------

def test_reply_exactly_at_window_end_counts_one_second_later_does_not():
    # a replies exactly 30 days after the outreach (inside, inclusive); b 30 days + 1 s after.
    network = build([
        msg("ca", T0, ME, "a"), msg("ca", T0 + 30 * DAY, "a", ME),
        msg("cb", T0, ME, "b"), msg("cb", T0 + 30 * DAY + SECOND, "b", ME),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached) == (1, 2)
    table, _ = find_outreach(network)
    assert table.set_index("person_id")["replied"].to_dict() == {"a": True, "b": False}


def test_window_option_changes_both_edges():
    # --window 7: a reply 7 days later counts, one 8 days later does not.
    network = build([
        msg("ca", T0, ME, "a"), msg("ca", T0 + 7 * DAY, "a", ME),
        msg("cb", T0, ME, "b"), msg("cb", T0 + 8 * DAY, "b", ME),
    ])
    result = reply_rates(network, window_days=7)
    assert (result.replied, result.reached, result.window_days) == (1, 2, 7)
    with pytest.raises(UsageError):
        reply_rates(network, window_days=0)


def test_reply_must_be_in_the_same_conversation():
    # b answers in another conversation: not a reply to the outreach in "c1".
    network = build([msg("c1", T0, ME, "b"), msg("c2", T0 + HOUR, "b", ME)])
    assert (reply_rates(network).replied, reply_rates(network).reached) == (0, 1)


# ---- answers are not outreach ----------------------------------------------------------------

def test_answer_to_their_message_is_not_outreach():
    # c wrote first; the owner's message 1 h later answers it; c's next message is no reply.
    # d wrote 31 days before the owner's message (outside the 30-day look-back): outreach,
    # and d's answer counts. e wrote exactly 30 days before: still an answer (inclusive).
    network = build([
        msg("cc", T0, "c", ME), msg("cc", T0 + HOUR, ME, "c"), msg("cc", T0 + 2 * HOUR, "c", ME),
        msg("cd", T0 - 31 * DAY, "d", ME), msg("cd", T0, ME, "d"), msg("cd", T0 + DAY, "d", ME),
        msg("ce", T0 - 30 * DAY, "e", ME), msg("ce", T0, ME, "e"), msg("ce", T0 + DAY, "e", ME),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached) == (1, 1)          # only d
    assert result.answers == 2                                # to c and to e
    assert set(result.outreach["person_id"]) == {"d"}


def test_same_second_message_counts_as_before_the_owners():
    # f and the owner write at the same instant: the owner's message is taken as an answer.
    network = build([msg("cf", T0, "f", ME), msg("cf", T0, ME, "f")])
    result = reply_rates(network)
    assert (result.reached, result.answers) == (0, 1)


def test_a_later_message_after_a_long_silence_is_outreach_again():
    # g wrote at T0, the owner answered (answer); 40 days after g's message the owner writes
    # again (outreach) and g replies 2 days later -> 1 of 1.
    network = build([
        msg("cg", T0, "g", ME), msg("cg", T0 + HOUR, ME, "g"),
        msg("cg", T0 + 40 * DAY, ME, "g"), msg("cg", T0 + 42 * DAY, "g", ME),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached, result.answers) == (1, 1, 1)


# ---- several outreaches, groups --------------------------------------------------------------

def test_follow_up_person_counted_once_replied_if_any_outreach_answered():
    # Outreach T0, follow-up T0+10d; reply at T0+35d: 35 days after the first (too late) but
    # 25 days after the follow-up -> replied. One person reached, 2 outreach messages.
    network = build([
        msg("ch", T0, ME, "h"), msg("ch", T0 + 10 * DAY, ME, "h"),
        msg("ch", T0 + 35 * DAY, "h", ME),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached, result.outreach_messages) == (1, 1, 2)
    # time to reply runs from the outreach the reply answered (the follow-up at T0+10d, the
    # first outreach went unanswered) to the reply: 35 - 10 = 25 days = 600 h (issue 11).
    assert result.median_hours_to_reply == 600.0


def test_group_conversation_each_recipient_judged_separately():
    # One message to x, y, z; only y answers -> 1 of 3.
    network = build([msg("grp", T0, ME, ("x", "y", "z")), msg("grp", T0 + DAY, "y", ("x", "z", ME))])
    result = reply_rates(network)
    assert (result.replied, result.reached) == (1, 3)
    conversation = next(t for t in result.segments
                        if t.segmentation is Segmentation.CONVERSATION)
    assert [(s.name, s.reached, s.replied) for s in conversation.segments] == [(GROUP, 3, 1)]


def test_group_message_is_an_answer_only_for_the_member_who_wrote():
    # x wrote in the group 2 days before the owner's message: for x it is an answer; y and z
    # are reached; z answers -> 1 of 2. Counted in messages, the owner's one message is
    # outreach (to y and z), so it is not also an answer: 1 outreach message, 0 answers.
    network = build([
        msg("grp", T0 - 2 * DAY, "x", (ME, "y", "z")),
        msg("grp", T0, ME, ("x", "y", "z")),
        msg("grp", T0 + DAY, "z", (ME, "x", "y")),
        msg("grp", T0 + DAY, "x", (ME, "y", "z")),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached, result.outreach_messages, result.answers) == (
        1, 2, 1, 0)


def test_one_to_one_group_and_both_segments():
    # p: 1:1 only (replied); q: group only (no reply); r: 1:1 and group (replied in group).
    network = build([
        msg("c-p", T0, ME, "p"), msg("c-p", T0 + HOUR, "p", ME),
        msg("c-r", T0, ME, "r"),
        msg("grp", T0, ME, ("q", "r")), msg("grp", T0 + HOUR, "r", (ME, "q")),
    ])
    result = reply_rates(network)
    conversation = next(t for t in result.segments
                        if t.segmentation is Segmentation.CONVERSATION)
    assert [(s.name, s.reached, s.replied) for s in conversation.segments] == [
        (ONE_TO_ONE, 1, 1), (GROUP, 1, 0), (BOTH, 1, 1)]


def test_a_system_sender_in_the_thread_does_not_make_it_a_group():
    # A bounce from "mailer" (a system sender) in a's thread: the model may call the thread a
    # group (two people besides the owner), but the outreach went to a alone -> 1:1.
    network = build([msg("ca", T0, ME, "a"),
                     msg("ca", T0 + SECOND, "mailer", ME, "Undeliverable", is_system=True,
                         is_auto=True)])
    result = reply_rates(network)
    rows, _ = _segment(result, Segmentation.CONVERSATION)
    assert rows == [(ONE_TO_ONE, 1, 0)]


# ---- what never counts -----------------------------------------------------------------------

def test_auto_replies_and_bounces_are_not_replies():
    # i's auto-reply 1 minute later is no reply; nor does it make the follow-up 2 days later
    # an answer: 2 outreach messages, 1 person reached, 0 replied.
    network = build([
        msg("ci", T0, ME, "i"),
        msg("ci", T0 + pd.Timedelta(minutes=1), "i", ME, "Out of office", is_auto=True),
        msg("ci", T0 + 2 * DAY, ME, "i"),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached, result.outreach_messages, result.answers) == (
        0, 1, 2, 0)


def test_sponsored_rows_and_drafts_never_count():
    # "LinkedIn Member" (lm) sends sponsored rows; the owner's click-reply to lm is not
    # outreach, lm's next sponsored row no reply. A draft to j is no outreach, so j's message
    # after it is no reply. A sponsored row inside k's conversation is not k replying.
    network = build([
        msg("sp", T0, "lm", ME, "Hi %FIRSTNAME%", is_system=True),
        msg("sp", T0 + HOUR, ME, "lm", "Yes, interested"),
        msg("sp", T0 + 2 * HOUR, "lm", ME, "Great", is_system=True),
        msg("cj", T0, ME, "j", "Draft", is_draft=True),
        msg("cj", T0 + DAY, "j", ME, "Hello?"),
        msg("ck", T0, ME, "k", "Hi k"),
    ], people={"lm": {"name": "LinkedIn Member", "is_connection": False}})
    result = reply_rates(network)
    assert (result.replied, result.reached) == (0, 1)   # only k, who did not reply
    assert set(result.outreach["person_id"]) == {"k"}
    assert "not counted: 1 drafts, 2 sponsored/system rows, 0 auto-replies or bounces" in (
        result.notes)


def test_undated_messages_are_left_out_and_counted():
    network = build([msg("ca", T0, ME, "a"), msg("ca", pd.NaT, "a", ME)])
    result = reply_rates(network)
    assert (result.replied, result.reached) == (0, 1)
    assert "1 messages without a date were left out" in result.notes


# ---- period and campaign filters -------------------------------------------------------------

def test_since_until_are_whole_days_and_replies_may_come_later():
    # k at the first instant of Jan 1, l at the last second of Jan 31 (replies Feb 5, after
    # --until: still counts), m at Feb 1 00:00 (outside). n wrote Dec 25, so the owner's
    # Jan 2 message is an answer even though n's message is before --since.
    jan1 = pd.Timestamp("2024-01-01", tz="UTC")
    network = build([
        msg("ck", jan1, ME, "k"),
        msg("cl", pd.Timestamp("2024-01-31 23:59:59", tz="UTC"), ME, "l"),
        msg("cl", pd.Timestamp("2024-02-05", tz="UTC"), "l", ME),
        msg("cm", pd.Timestamp("2024-02-01", tz="UTC"), ME, "m"),
        msg("cn", pd.Timestamp("2023-12-25", tz="UTC"), "n", ME),
        msg("cn", pd.Timestamp("2024-01-02", tz="UTC"), ME, "n"),
    ])
    result = reply_rates(network, since="2024-01-01", until=dt.date(2024, 1, 31))
    assert (result.replied, result.reached, result.answers) == (1, 2, 1)
    assert (result.since, result.until) == ("2024-01-01", "2024-01-31")
    everything = reply_rates(network)
    assert everything.reached == 3                            # k, l, m
    with pytest.raises(UsageError, match="is not a date"):
        reply_rates(network, since="01/02/2024")
    with pytest.raises(UsageError, match="is after"):
        reply_rates(network, since="2024-02-01", until="2024-01-01")


def test_campaign_filter_keeps_outreach_containing_the_text():
    # Only the two messages mentioning "demo" (any case) count; b replied -> 1 of 2.
    network = build([
        msg("ca", T0, ME, "a", "Hi A, want a DEMO?"),
        msg("cb", T0, ME, "b", "Hi B, want a demo?"), msg("cb", T0 + HOUR, "b", ME, "yes"),
        msg("cc", T0, ME, "c", "Lunch?"), msg("cc", T0 + HOUR, "c", ME, "sure"),
    ])
    result = reply_rates(network, campaign="Demo")
    assert (result.replied, result.reached, result.campaign_filter) == (1, 2, "Demo")


# ---- time to reply ---------------------------------------------------------------------------

def test_time_to_reply_median_and_shares():
    # Replies after exactly 24 h, 72 h and 240 h; one person never replies.
    # median(24, 72, 240) = 72; within 24 h: 1 of 3 (24 h is inclusive); within 7 d: 2 of 3.
    network = build([
        msg("c1", T0, ME, "a"), msg("c1", T0 + 24 * HOUR, "a", ME),
        msg("c2", T0, ME, "b"), msg("c2", T0 + 72 * HOUR, "b", ME),
        msg("c3", T0, ME, "c"), msg("c3", T0 + 240 * HOUR, "c", ME),
        msg("c4", T0, ME, "d"),
    ])
    result = reply_rates(network)
    assert result.median_hours_to_reply == 72.0
    assert (result.replied_within_24h, result.replied_within_7d, result.replied) == (1, 2, 3)
    assert result.within_24h == pytest.approx(1 / 3)
    assert result.within_7d == pytest.approx(2 / 3)


def test_window_still_open_is_noted():
    # The last message in the data is 5 days after the outreach to b: b's window is open.
    network = build([
        msg("ca", T0, ME, "a"), msg("ca", T0 + DAY, "a", ME),
        msg("cb", T0 + 10 * DAY, ME, "b"), msg("cz", T0 + 15 * DAY, "z", ME),
    ])
    result = reply_rates(network)
    assert result.window_open == 1
    assert any("1 person reached has not replied yet" in n for n in result.notes)


# ---- headline, JSON, errors ------------------------------------------------------------------

def test_rate_interval_and_json_keys():
    # 1 of 4: Wilson 95% by hand: p=.25, z²/n=.9603647; centre=(.25+.4801824)/1.9603647=.3724727;
    # half = 1.959964*sqrt(.046875+.0600228)/1.9603647 = .3268854 -> [.0455873, .6993582]
    network = build([msg(f"c{p}", T0, ME, p) for p in "abcd"] + [msg("ca", T0 + DAY, "a", ME)])
    data = reply_rates(network).to_dict()
    assert (data["replied"], data["reached"], data["reply_rate"]) == (1, 4, 0.25)
    assert data["ci95"] == pytest.approx([0.0455873, 0.6993582], abs=1e-6)
    for key in ("reached", "replied", "reply_rate", "ci95", "window_days", "since", "until",
                "median_hours_to_reply", "within_24h", "within_7d", "segments", "campaigns",
                "article"):
        assert key in data
    assert data["article"]["replied"] == 42 and data["article"]["reached"] == 1050
    assert set(data["segments"]) == {s.value for s in Segmentation}
    figures = outreach_figures(network)
    # All four are connections written to one to one: the essay-like figure is the same.
    assert figures == {"reached": 4, "replied": 1, "reply_rate": 0.25, "window_days": 30,
                       "ci95": data["ci95"],
                       "one_to_one_connections": {"reached": 4, "replied": 1,
                                                  "reply_rate": 0.25, "ci95": data["ci95"]}}


def test_no_message_log_is_an_input_error():
    with pytest.raises(InputError, match="no message log"):
        reply_rates(Network())
    assert outreach_figures(Network()) is None


def test_owner_who_sent_nothing_gets_a_note():
    network = build([msg("ca", T0, "a", ME)])
    result = reply_rates(network)
    assert result.reached == 0 and result.reply_rate is None and result.ci95 is None
    assert any("sent none of the messages" in n for n in result.notes)


# ---- segments --------------------------------------------------------------------------------

def _segment(result, segmentation):
    table = next(t for t in result.segments if t.segmentation is segmentation)
    return [(s.name, s.reached, s.replied) for s in table.segments], table.comparison


def test_segments_by_invitation_year_company_and_role():
    # a, b, c invited the owner (a replied); d, e were invited by the owner (both replied);
    # f has no invitation (no reply); s is not a connection (no reply).
    # d has both an incoming and an outgoing invitation: the earlier (outgoing) decides.
    people = {
        "a": {"company": "Acme", "position": "Software Engineer",
              "connected_on": pd.Timestamp("2019-05-01", tz="UTC")},
        "b": {"company": "Acme", "position": "Recruiter",
              "connected_on": pd.Timestamp("2019-06-01", tz="UTC")},
        "c": {"company": "Acme", "position": "Florist",
              "connected_on": pd.Timestamp("2020-01-01", tz="UTC")},
        "d": {"company": "Beta", "position": "Senior Engineer",
              "connected_on": pd.Timestamp("2020-02-01", tz="UTC")},
        "e": {"company": "Gamma", "position": "",
              "connected_on": pd.Timestamp("2021-03-01", tz="UTC")},
        "f": {"company": "", "position": "Data Analyst"},
        "s": {"is_connection": False},
    }
    replied = {"a", "d", "e"}
    messages = []
    for pid in people:
        messages.append(msg(f"c-{pid}", T0, ME, pid))
        if pid in replied:
            messages.append(msg(f"c-{pid}", T0 + HOUR, pid, ME))
    invitations = [
        {"person_id": p, "direction": "incoming", "sent_at": pd.Timestamp("2019-01-01", tz="UTC")}
        for p in "abc"
    ] + [
        {"person_id": "d", "direction": "outgoing", "sent_at": pd.Timestamp("2018-01-01", tz="UTC")},
        {"person_id": "d", "direction": "incoming", "sent_at": pd.Timestamp("2019-01-01", tz="UTC")},
        {"person_id": "e", "direction": "outgoing", "sent_at": pd.NaT},
    ]
    result = reply_rates(build(messages, people, invitations), top_companies=1)
    assert (result.replied, result.reached) == (3, 7)

    rows, comparison = _segment(result, Segmentation.INVITED)
    assert rows == [(THEY_INVITED, 3, 1), (YOU_INVITED, 2, 2), (NO_INVITATION, 2, 0)]
    # 3 groups -> chi-square even with small expected counts, flagged approximate.
    assert comparison.test is SignificanceTest.CHI_SQUARE
    assert comparison.note.startswith("approximate")

    rows, _ = _segment(result, Segmentation.CONNECTION_YEAR)
    assert rows == [("2019", 2, 1), ("2020", 2, 1), ("2021", 1, 1), ("date unknown", 1, 0),
                    (NOT_CONNECTION, 1, 0)]

    rows, _ = _segment(result, Segmentation.COMPANY)
    # top 1 company = Acme (3 reached); Beta, Gamma -> other; f and s have none -> unknown.
    assert rows == [("Acme", 3, 1), (OTHER, 2, 2), (UNKNOWN, 2, 0)]

    rows, _ = _segment(result, Segmentation.ROLE_FAMILY)
    # engineering: a, d (2 replied); recruiting: b; data: f; other: c (Florist);
    # unknown: e (no position), s. Ranked by reached, ties by name; other/unknown last.
    assert rows == [("engineering", 2, 2), ("data", 1, 0), ("recruiting", 1, 0),
                    (OTHER, 1, 0), (UNKNOWN, 2, 1)]


def test_two_segments_with_small_counts_use_fisher():
    # 1:1: 4 reached, 1 replied; group: 3 reached, 2 replied. Expected replies in 1:1:
    # 4*3/7 = 1.71 < 5 -> Fisher; p = 17/35 (see test_stats.test_fisher_for_small_2x2).
    messages = []
    for i, pid in enumerate("abcd"):
        messages.append(msg(f"c-{pid}", T0, ME, pid))
        if i == 0:
            messages.append(msg(f"c-{pid}", T0 + HOUR, pid, ME))
    messages += [msg("grp", T0, ME, ("x", "y", "z")), msg("grp", T0 + HOUR, "x", ME),
                 msg("grp", T0 + 2 * HOUR, "y", ME)]
    result = reply_rates(build(messages))
    rows, comparison = _segment(result, Segmentation.CONVERSATION)
    assert rows == [(ONE_TO_ONE, 4, 1), (GROUP, 3, 2)]
    assert comparison.test is SignificanceTest.FISHER
    assert comparison.p_value == pytest.approx(17 / 35)


def test_every_segmentation_has_a_title():
    for member in Segmentation:
        assert SEGMENTATION_TITLES[member] == member.label


# ---- campaigns -------------------------------------------------------------------------------

NAMES = ["Anna", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kim"]


def _campaign_network(count, days, greeting_variants=True):
    """``count`` people get the same pitch at the given day offsets, with varying greetings,
    case, punctuation and their first name inside; the first two reply."""
    people = {n.lower(): {"name": f"{n} Doe", "first_name": n} for n in NAMES[:count]}
    messages = []
    for i, (pid, day) in enumerate(zip(people, days, strict=True)):
        name = people[pid]["first_name"]
        if greeting_variants and i % 2:
            body = f"Hello {name} -- we launch our new COURSE on Monday, {name}!!"
        else:
            body = f"Hi {name}, we launch our new course on Monday {name}."
        messages.append(msg(f"c-{pid}", T0 + day * DAY, ME, pid, body))
        if i < 2:
            messages.append(msg(f"c-{pid}", T0 + day * DAY + HOUR, pid, ME, "Tell me more"))
    return build(messages, people)


def test_ten_recipients_within_seven_days_is_a_campaign():
    # days 0,0,1,...,7,7: 10 distinct people within 7 days (inclusive) -> one campaign, 2 replied.
    network = _campaign_network(10, [0, 0, 1, 2, 3, 4, 5, 6, 7, 7])
    campaigns = reply_rates(network).campaigns
    assert len(campaigns) == 1
    c = campaigns[0]
    assert (c.reached, c.replied, c.messages) == (10, 2, 10)
    assert c.text == "we launch our new course on monday"
    assert c.first_sent.startswith("2024-01-10") and c.last_sent.startswith("2024-01-17")


def test_nine_recipients_is_no_campaign():
    network = _campaign_network(9, [0, 0, 1, 2, 3, 4, 5, 6, 7])
    assert reply_rates(network).campaigns == []


def test_ten_recipients_spread_over_ten_days_is_no_campaign():
    # One a day on days 0..9: every 7-day span holds at most 8 of them.
    network = _campaign_network(10, list(range(10)))
    assert reply_rates(network).campaigns == []


def test_campaign_groups_only_equal_texts():
    # The 10th person gets a different text: 9 + 1 -> no campaign.
    network = _campaign_network(10, [0] * 10)
    messages = network.messages
    messages.loc[messages["conversation_id"] == "c-jo", "body"] = "Hi Jo, different text"
    assert detect_campaigns(find_outreach(network)[0], network.people) == []


def test_normalize_outreach_text_rules():
    texts = pd.Series(["Dear Dr. Ruiz: Hello, Ana; see you!", "Hey there I have news",
                       "HI,\nLine two", "Hi José, ça va José?"])
    firsts = pd.Series(["Ana", "Bo", "", "José"])
    assert normalize_outreach_text(texts, firsts).tolist() == [
        "hello see you", "hey there i have news", "line two", "ça va"]


def test_python_and_pyarrow_folding_agree():
    # The two implementations of fold_text must give the same texts (pyarrow is optional).
    pytest.importorskip("pyarrow")
    from netaudit.analyses.replies import _fold_text_python, fold_text

    texts = ["Hi Anna, Would you like a DEMO?!", "Hello Bo -- see\u00a0you", "History of art",
             "HEY,\nLine two", "Dear Dr. Ruiz: ça va? Søren_x", "  hi  ", "Привет, как дела?",
             "Hey there I have news", "日本語のテキスト。", "tab\tand\r\nlines", ""]
    assert fold_text(texts) == _fold_text_python(texts)
    assert fold_text(texts, strip_greeting=False) == _fold_text_python(texts, False)


# ---- the fictional datasets ------------------------------------------------------------------

ARTICLE = Path(__file__).resolve().parents[2] / "samples" / "article"


@pytest.fixture(scope="module")
def article_replies():
    import netaudit

    return reply_rates(netaudit.load([ARTICLE / "replies"]))


def test_article_dataset_gives_the_essays_figure(article_replies):
    # By construction (samples/article/make_replies.py): 1,050 connections written to, 42
    # replied within 30 days; the noise (sponsored rows, drafts, late replies, a person who
    # wrote first, a follow-up, a group conversation) changes neither figure.
    # Wilson by hand (see test_stats): 2.97% .. 5.36%.
    result = article_replies
    assert (result.replied, result.reached) == (42, 1050)
    assert result.reply_rate == 0.04
    assert [round(100 * x, 2) for x in result.ci95] == [2.97, 5.36]


def test_article_dataset_details_match_its_construction(article_replies):
    import json

    truth = json.loads((ARTICLE / "replies_TRUTH.json").read_text(encoding="utf-8"))
    result = article_replies
    # Reply delays are set in the generator: 18 within 24 h, 32 within 7 days, and the 21st
    # and 22nd of the 42 sorted delays are 36 h and 44 h -> median 40 h.
    assert result.median_hours_to_reply == truth["median_hours_to_reply"] == 40.0
    assert (result.replied_within_24h, result.replied_within_7d) == (18, 32)
    assert result.answers == truth["answers_not_outreach"] == 8
    assert result.window_open == 0
    rows, comparison = _segment(result, Segmentation.INVITED)
    assert rows == [(THEY_INVITED, 990, 32), (YOU_INVITED, 60, 10)]
    # expected replies among the 60: 60 * 42 / 1050 = 2.4 < 5 -> Fisher.
    assert comparison.test is SignificanceTest.FISHER
    rows, _ = _segment(result, Segmentation.CONVERSATION)
    assert rows == [(ONE_TO_ONE, 1047, 41), (BOTH, 3, 1)]
    assert [(c.reached, c.replied) for c in result.campaigns] == [(1049, 41), (20, 1)]
    assert result.notes == ["not counted: 2 drafts, 3 sponsored/system rows, 0 auto-replies "
                            "or bounces"]


def test_article_dataset_is_what_the_generator_writes(tmp_path):
    # The committed files are the generator's output, byte for byte.
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_replies", ARTICLE / "make_replies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(module.build(), tmp_path / "replies", tmp_path / "truth.json")
    for name in ("Connections.csv", "Invitations.csv", "messages.csv", "Profile.csv"):
        assert (tmp_path / "replies" / name).read_bytes() == (
            ARTICLE / "replies" / name).read_bytes(), name
    assert (tmp_path / "truth.json").read_bytes() == (
        ARTICLE / "replies_TRUTH.json").read_bytes()


def test_sample_export_agrees_with_its_generators_count():
    # samples/make_samples.py (written independently) counts, for 1:1 conversations with
    # connections, the people written to first and those who replied within 30 days, and the
    # openers per message: restricted the same way, the rules here must give its numbers.
    import json

    import netaudit

    samples = ARTICLE.parent
    truth = json.loads((samples / "sample_truth.json").read_text(encoding="utf-8"))["outreach"]
    network = netaudit.load([samples / "Basic_LinkedInDataExport_11-20-2026.zip"])
    table, _ = find_outreach(network)
    one_to_one = table[~table["is_group"] & table["person_id"].isin(
        network.connections["person_id"])]
    assert one_to_one["person_id"].nunique() == truth["written_first"]
    assert one_to_one.loc[one_to_one["replied"], "person_id"].nunique() == (
        truth["replied_within_30_days"])
    assert len(one_to_one) == truth["openers"]
    assert int(one_to_one["replied"].sum()) == truth["openers_answered"]
    # ... and that is the figure netaudit prints beside the essay's (issue 11): 19 of 100.
    like = reply_rates(network).one_to_one_connections
    assert (like["replied"], like["reached"]) == (
        truth["replied_within_30_days"], truth["written_first"]) == (19, 100)


# ---- issue 11: definitions that mean what they say -------------------------------------------

def test_answers_are_counted_in_messages_not_recipients():
    # x, y and z each write in the group; the owner's one message after them answers all three
    # (before issue 11 it counted 3, once per recipient). w writes 1:1 and the owner answers:
    # 2 answer messages. The owner's message to v is outreach: 1 + 2 = 3 messages sent.
    network = build([
        msg("grp", T0, "x", (ME, "y", "z")), msg("grp", T0 + HOUR, "y", (ME, "x", "z")),
        msg("grp", T0 + 2 * HOUR, "z", (ME, "x", "y")),
        msg("grp", T0 + 3 * HOUR, ME, ("x", "y", "z")),
        msg("cw", T0, "w", ME), msg("cw", T0 + HOUR, ME, "w"),
        msg("cv", T0, ME, "v"),
    ])
    result = reply_rates(network)
    assert (result.outreach_messages, result.answers) == (1, 2)


def test_time_to_reply_runs_from_the_outreach_the_reply_answered():
    # The issue's timeline. Ana: outreach May 1, 6 and 11 at 09:00, reply May 13 09:00 ->
    # from May 11: 48 h. Bo: outreach May 1 and Jun 10 at 09:00, reply Jun 15 09:00 -> from
    # Jun 10: 5 days = 120 h (May 1 + 30 days = May 31: that one went unanswered). Median of
    # 48 and 120 = 84 h; 0 of 2 within 24 h, 2 of 2 within 7 days (168 h). Before: median 28.5
    # days ((12 + 45) / 2 from the first outreach), 0 of 2 within 7 days.
    def at(month, day):
        return pd.Timestamp(f"2024-{month:02d}-{day:02d} 09:00", tz="UTC")

    network = build([
        msg("ca", at(5, 1), ME, "ana"), msg("ca", at(5, 6), ME, "ana"),
        msg("ca", at(5, 11), ME, "ana"), msg("ca", at(5, 13), "ana", ME),
        msg("cb", at(5, 1), ME, "bo"), msg("cb", at(6, 10), ME, "bo"),
        msg("cb", at(6, 15), "bo", ME),
    ])
    result = reply_rates(network)
    assert (result.replied, result.reached) == (2, 2)
    assert result.median_hours_to_reply == 84.0
    assert (result.replied_within_24h, result.replied_within_7d) == (0, 2)
    # Wilson of 2 of 2: low = (1 + z²/4 - z*sqrt(z²/16)) ... = n/(n+z²) = 2/5.8415 = 0.34238.
    assert result.within_7d_ci95 == pytest.approx([0.342380, 1.0], abs=1e-5)
    assert result.within_24h_ci95[0] == 0.0


def test_a_sponsored_row_does_not_erase_its_sender():
    # Recruiter r sent one sponsored row in March; in June the owner writes r 1:1 and r answers
    # the next day: reached 1, replied 1 (before issue 11: 0 of 0, r was dropped as a system
    # sender). lm, who only ever sent sponsored rows, stays out.
    network = build([
        msg("sp", T0, "r", ME, "Hi %FIRSTNAME%", is_system=True),
        msg("sp2", T0, "lm", ME, "Hi %FIRSTNAME%", is_system=True),
        msg("cr", T0 + 90 * DAY, ME, "r", "Hello r"),
        msg("cr", T0 + 91 * DAY, "r", ME, "Happy to talk"),
    ], people={"lm": {"name": "LinkedIn Member", "is_connection": False}})
    result = reply_rates(network)
    assert (result.replied, result.reached) == (1, 1)
    assert set(result.outreach["person_id"]) == {"r"}
    assert outreach_figures(network)["reached"] == 1


def test_essay_comparison_counts_one_to_one_outreach_to_connections():
    # a (connection, 1:1, replied), b (connection, 1:1, no reply), n (not a connection, 1:1,
    # replied), g and h (connections, only in a group message, both replied).
    # All outreach: a, n, g, h replied of a, b, n, g, h = 4 of 5. Essay-like (1:1 to
    # connections): a of a, b = 1 of 2.
    network = build([
        msg("ca", T0, ME, "a"), msg("ca", T0 + HOUR, "a", ME),
        msg("cb", T0, ME, "b"),
        msg("cn", T0, ME, "n"), msg("cn", T0 + HOUR, "n", ME),
        msg("grp", T0, ME, ("g", "h")), msg("grp", T0 + HOUR, "g", (ME, "h")),
        msg("grp", T0 + 2 * HOUR, "h", (ME, "g")),
    ], people={"n": {"is_connection": False}})
    result = reply_rates(network)
    assert (result.replied, result.reached) == (4, 5)
    like = result.one_to_one_connections
    assert (like["replied"], like["reached"], like["reply_rate"]) == (1, 2, 0.5)
    assert outreach_figures(network)["one_to_one_connections"] == like
    assert result.to_dict()["one_to_one_connections"] == like


def test_campaign_span_counts_every_message_not_only_each_persons_first():
    # One text. p0 on day 0 and day 10; q on day 5; p1..p9 on days 9.5, 10, ..., 13.5.
    # Gaps are all <= 7 days: one burst. The 7 days from day 9.5 to 16.5 hold p1..p9 and
    # p0's second message: 10 people -> a campaign reaching p0, q, p1..p9 = 11 people.
    # Counting only each person's first message (p0 on day 0) found at most 9: no campaign.
    text = "Would you like a demo of our scheduling tool"
    sends = [(0.0, "p0"), (5.0, "q"), (10.0, "p0")] + [(9.0 + 0.5 * i, f"p{i}")
                                                        for i in range(1, 10)]
    network = build([msg(f"c{who}", T0 + pd.Timedelta(days=d), ME, who, text)
                     for d, who in sends])
    campaigns = reply_rates(network).campaigns
    assert [(c.reached, c.messages) for c in campaigns] == [(11, 12)]


@pytest.mark.parametrize(("channel", "label"), [("whatsapp", "whatsapp"), ("", OTHER)])
def test_a_log_on_one_network_puts_everyone_reached_on_it(channel, label):
    # Every message of the log on one network (or none named, as a message CSV): a and b,
    # reached in two conversations, are both on it; a replied, b did not: 1 of 2.
    network = build([
        msg("ca", T0, ME, "a", channel=channel), msg("ca", T0 + DAY, "a", ME, channel=channel),
        msg("cb", T0, ME, "b", channel=channel),
    ])
    networks = {t.segmentation: t for t in reply_rates(network).segments}[Segmentation.NETWORK]
    assert [(s.name, s.reached, s.replied) for s in networks.segments] == [(label, 2, 1)]
