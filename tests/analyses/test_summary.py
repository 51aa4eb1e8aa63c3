"""The one-screen audit's message counts (issue 11): sponsored rows and draft-only
conversations are not messages the owner exchanged."""

from __future__ import annotations

from network_builders import DAY, ME, build, days_ago, msg

from netaudit.analyses.summary import summarize


def test_messages_and_conversations_leave_out_sponsored_rows_and_drafts():
    # ca: 2 real messages. sp: 2 sponsored rows (a conversation of nothing else). dr: 1 draft
    # only. cb: 1 real message and 1 draft. Real messages 2 + 1 = 3 in 2 conversations (ca,
    # cb). Before: 5 messages (drafts left out, sponsored rows in) in 4 conversations.
    network = build([
        msg("ca", days_ago(10), ME, "a"), msg("ca", days_ago(9), "a", ME),
        msg("sp", days_ago(8), "lm", ME, is_system=True),
        msg("sp", days_ago(8) + DAY / 24, ME, "lm", is_system=True),
        msg("dr", days_ago(7), ME, "d", is_draft=True),
        msg("cb", days_ago(6), ME, "b"), msg("cb", days_ago(5), ME, "b", is_draft=True),
    ], people={"lm": {"name": "LinkedIn Member", "is_connection": False}})
    summary = summarize(network)
    assert (summary.messages, summary.conversations) == (3, 2)
