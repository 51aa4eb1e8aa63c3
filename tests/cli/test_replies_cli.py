"""``netaudit replies`` as a user runs it: exit codes, the table, --json, the filters, errors.

Expected figures come from the construction of samples/article/make_replies.py (documented
there) or from the tiny files written in each test, worked out in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path

from netaudit.cli import app

ARTICLE = Path(__file__).resolve().parents[2] / "samples" / "article" / "replies"
HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
          "DATE,SUBJECT,CONTENT,FOLDER\n")
ME = "Pat Owner,https://www.linkedin.com/in/pat-owner"


def _row(conv: str, sender: str, to: str, date: str, body: str = "hello") -> str:
    return f"{conv},,{sender},{to},{date},,{body},INBOX\n"


def test_article_dataset_json(runner):
    result = runner.invoke(app, ["replies", str(ARTICLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["replied"], data["reached"], data["reply_rate"]) == (42, 1050, 0.04)
    assert [round(100 * x, 2) for x in data["ci95"]] == [2.97, 5.36]
    for key in ("window_days", "since", "until", "median_hours_to_reply", "within_24h",
                "within_7d", "segments", "campaigns"):
        assert key in data
    assert data["article"]["replied"] == 42 and data["article"]["reached"] == 1050
    assert data["segments"]["invited"]["test"] == "fisher"


def test_article_dataset_table(runner):
    result = runner.invoke(app, ["replies", str(ARTICLE), "-q"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    # Yours and the essay's, the same by construction: the essay-like row (1:1 outreach to
    # connections: every one of the 1,050 got the campaign message alone), the all-outreach
    # row (the group message went to 3 of them already reached) and the essay's own.
    assert text.count("42 of 1,050 replied, 4.0% (95% CI 3.0%–5.4%)") == 3
    assert "Fisher's exact test: p < 0.001" in text
    assert "41 of 1,049 replied" in text                  # the campaign (Quinn's was an answer)
    assert "Outreach: a message of yours" in text         # the definition footnote


def test_since_until_and_campaign_filters(runner):
    # From 2010-04-01: the follow-up (20 people, 1 replied) and the group message (3 people,
    # 1 answered in the group) -> 2 of 23.
    result = runner.invoke(app, ["replies", str(ARTICLE), "--json", "--since", "2010-04-01"])
    data = json.loads(result.stdout)
    assert (data["replied"], data["reached"], data["since"]) == (2, 23, "2010-04-01")
    # Up to 2010-03-31 only the campaign counts (Quinn's message was an answer): 41 of 1,049.
    result = runner.invoke(app, ["replies", str(ARTICLE), "--json", "--until", "2010-03-31"])
    data = json.loads(result.stdout)
    assert (data["replied"], data["reached"]) == (41, 1049)
    result = runner.invoke(app, ["replies", str(ARTICLE), "--json", "--campaign",
                                 "JUST FOLLOWING UP"])
    data = json.loads(result.stdout)
    assert (data["replied"], data["reached"], data["campaign_filter"]) == (
        1, 20, "JUST FOLLOWING UP")


def test_window_edges_through_a_messages_file(runner, tmp_path):
    # LinkedIn messages.csv (2023 form): the owner writes to Ana and Bo on 2024-01-01 09:00;
    # Ana answers exactly 30 days later (counts), Bo 30 days and 1 second later (does not).
    # Cy wrote first; the owner's answer an hour later is not outreach. -> 1 of 2.
    ana = "Ana Ruiz,https://www.linkedin.com/in/ana-ruiz"
    bo = "Bo Li,https://www.linkedin.com/in/bo-li"
    cy = "Cy Diaz,https://www.linkedin.com/in/cy-diaz"
    path = tmp_path / "messages.csv"
    path.write_text(
        HEADER
        + _row("c1", ana, ME, "2024-01-31 09:00:00 UTC")
        + _row("c1", ME, ana, "2024-01-01 09:00:00 UTC")
        + _row("c2", bo, ME, "2024-01-31 09:00:01 UTC")
        + _row("c2", ME, bo, "2024-01-01 09:00:00 UTC")
        + _row("c3", ME, cy, "2024-01-01 10:00:00 UTC")
        + _row("c3", cy, ME, "2024-01-01 09:00:00 UTC"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["replies", str(path), "--json", "--me", "Pat Owner"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["replied"], data["reached"], data["answers"]) == (1, 2, 1)
    # --window 29: Ana's reply (30 days) is now too late as well -> 0 of 2.
    result = runner.invoke(app, ["replies", str(path), "--json", "--me", "Pat Owner",
                                 "--window", "29"])
    assert json.loads(result.stdout)["replied"] == 0


def test_mbox_auto_replies_bounces_and_threads(runner):
    # tests/fixtures/mbox/EXPECTED.md (helper-1's hand-written fixture): the owner writes to
    # José (#1, answered by #2 after 1 d 4 h 32 min 2 s), answers José (#3: an answer), writes
    # to Priya + Søren together (#4; Priya's auto-reply #5 is no reply), to Kwame (#6; out of
    # office #7) and to Lars (#8; bounce #9 from MAILER-DAEMON). -> 1 of 5, 28.5339 h; Priya
    # and Søren were reached by a group message, José, Kwame and Lars alone.
    mbox = Path(__file__).resolve().parents[1] / "fixtures" / "mbox" / (
        "All mail Including Spam and Trash.mbox")
    result = runner.invoke(app, ["replies", str(mbox), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["replied"], data["reached"], data["answers"]) == (1, 5, 1)
    assert round(data["median_hours_to_reply"], 4) == round(28 + 32 / 60 + 2 / 3600, 4)
    groups = {s["segment"]: (s["reached"], s["replied"])
              for s in data["segments"]["conversation"]["segments"]}
    assert groups == {"1:1": (3, 1), "group": (2, 0)}


def test_no_message_log_is_exit_1_with_what_is_needed(runner, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Acme,CEO,04 Jul 2023\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["replies", str(path)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "error: no message log was found in the inputs" in message
    assert "messages.csv" in message and "mbox" in message and "message CSV" in message
    assert "Traceback" not in result.output


def test_bad_options_are_usage_errors(runner):
    for args, wanted in (
        (["--since", "01/03/2010"], "--since '01/03/2010' is not a date"),
        (["--since", "2010-05-01", "--until", "2010-04-01"], "is after --until"),
    ):
        result = runner.invoke(app, ["replies", str(ARTICLE), *args])
        assert result.exit_code == 2, result.output
        assert wanted in " ".join(result.output.split())
    result = runner.invoke(app, ["replies", str(ARTICLE), "--window", "0"])
    assert result.exit_code == 2


def test_help_states_the_definition(runner):
    result = runner.invoke(app, ["replies", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "had not written to you in that conversation during the --window days" in text
    assert "--campaign" in text and "--since" in text and "--until" in text


def test_sample_segments_in_plain_words_and_small_ones_marked(runner):
    # The bundled sample: 2 people reached both 1:1 and in groups, both replied (2 of 2,
    # "100%"): under 5 people, marked so. The 1:1-or-group test (p < 0.001) reads as a real
    # difference; connection years (p = 0.972, approximate) as too few people to tell.
    sample = Path(__file__).parents[2] / "samples" / "Basic_LinkedInDataExport_11-20-2026.zip"
    result = runner.invoke(app, ["replies", str(sample), "-q"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "1:1 and group (under 5 people)" in text
    assert "A real difference between these groups (unlikely to be chance alone)" in text
    assert "No clear difference between these groups (too few people to tell)" in text
    assert "19 of 100 replied, 19.0%" in text and "26 of 111 replied, 23.4%" in text
