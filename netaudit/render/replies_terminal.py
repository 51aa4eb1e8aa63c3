"""Terminal rendering of experiment 1 (``netaudit replies``) with rich: every rate with its
denominator and Wilson interval, the essay's figure beside the user's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from netaudit.analyses.stats import SMALL_SEGMENT
from netaudit.render.terminal import pct_ci

if TYPE_CHECKING:
    from rich.console import Console

    from netaudit.analyses.replies import Replies
    from netaudit.analyses.stats import Comparison


def rate_text(replied: int, reached: int, ci95: list[float] | None, *, verb: str = "replied"
              ) -> str:
    """``'42 of 1,050 replied, 4.0% (95% CI 3.0%–5.4%)'``.

    >>> rate_text(42, 1050, [0.0297, 0.0536])
    '42 of 1,050 replied, 4.0% (95% CI 3.0%–5.4%)'
    >>> rate_text(0, 0, None)
    '0 of 0 replied (–)'
    """
    if not reached:
        return f"{replied:,} of {reached:,} {verb} (–)"
    text = f"{replied:,} of {reached:,} {verb}, {100 * replied / reached:.1f}%"
    if ci95:
        text += f" (95% CI {100 * ci95[0]:.1f}%–{100 * ci95[1]:.1f}%)"
    return text


def comparison_text(comparison: Comparison) -> str:
    """The result in plain words, then the test: ``"no clear difference between these
    groups (too few people to tell). Fisher's exact test: p = 0.486"``, or why there is no
    test.

    >>> from netaudit.analyses.stats import compare_proportions
    >>> comparison_text(compare_proportions([1, 2], [4, 3]))
    "No clear difference between these groups (too few people to tell). Fisher's exact test: p = 0.486"
    >>> comparison_text(compare_proportions([0, 0], [4, 3]))
    'No test: every group has the same rate (0%)'
    """
    meaning = comparison.meaning
    meaning = meaning[:1].upper() + meaning[1:]
    if comparison.test is None or comparison.p_value is None:
        return meaning
    return f"{meaning}. {result_text(comparison)}"


def result_text(comparison: Comparison) -> str:
    """``"Fisher's exact test: p = 0.486"``; empty when no test was possible.

    >>> from netaudit.analyses.stats import compare_proportions
    >>> result_text(compare_proportions([1, 2], [4, 3]))
    "Fisher's exact test: p = 0.486"
    """
    if comparison.test is None or comparison.p_value is None:
        return ""
    p = comparison.p_value
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    text = f"{comparison.test.label}: {shown}"
    if comparison.note:
        text += f" ({comparison.note})"
    return text


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 48:
        return f"{value:,.1f} hours"
    return f"{value / 24:,.1f} days"


def definition(window_days: int) -> str:
    """The footnote: what was counted, in one paragraph."""
    return (
        f"Outreach: a message of yours to someone who had not written to you in that "
        f"conversation during the {window_days} days before it (each recipient of a group "
        f"message counts). Replied: they wrote in the same conversation within {window_days} "
        "days after it. Auto-replies, bounces, drafts and sponsored/system messages never "
        "count. Each person counts once. 95% CI: Wilson score interval."
    )


def render_replies(console: Console, result: Replies) -> None:
    """The headline beside the essay's figure, time to reply, segments, campaigns, notes."""
    from netaudit.analyses.replies import ESSAY, article_figure

    essay = article_figure()
    window = result.window_days
    title = f"Reply rate of your outreach ({window}-day window)"
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("Figure")
    table.add_column("You", justify="right")
    table.add_column("Essay (2010)", justify="right")
    table.add_column("Definition", style="dim")
    like = result.one_to_one_connections
    if like:
        table.add_row(
            "Reply rate, 1:1 to connections",
            rate_text(like["replied"], like["reached"], like["ci95"]),
            rate_text(essay["replied"], essay["reached"], essay["ci95"]),
            f"connections you wrote to first, one to one, who wrote back within {window} "
            "days: the essay's kind of outreach (one message to each connection)",
        )
    table.add_row(
        "Reply rate, all outreach",
        rate_text(result.replied, result.reached, result.ci95), "–",
        f"everyone you wrote to first (group messages and people who are not connections "
        f"included) who wrote back within {window} days",
    )
    table.add_row(
        "Outreach",
        f"{result.outreach_messages:,} message{'' if result.outreach_messages == 1 else 's'} "
        f"to {result.reached:,} {'person' if result.reached == 1 else 'people'}",
        f"1 message to each of {essay['reached']:,}",
        f"your messages that were not answers; {result.answers:,} messages of yours were "
        "answers and are not counted",
    )
    table.add_row(
        "Median time to reply", _hours(result.median_hours_to_reply), "–",
        "from the outreach a person's first reply answered to that reply, over the "
        f"{result.replied:,} who replied",
    )
    table.add_row("Replied within 24 hours",
                  pct_ci(result.replied_within_24h, result.replied, result.within_24h_ci95),
                  "–",
                  "share of those who replied")
    table.add_row("Replied within 7 days",
                  pct_ci(result.replied_within_7d, result.replied, result.within_7d_ci95),
                  "–",
                  "share of those who replied")
    period = _period(result)
    if period:
        table.add_row("Period", period, "–", "dates of the outreach counted (UTC)")
    if result.campaign_filter:
        table.add_row("Only outreach containing", escape(repr(result.campaign_filter)), "–",
                      "--campaign, case-insensitive")
    console.print(table)

    if result.segments:
        console.print(_segments_table(result))
    if result.campaigns:
        console.print(_campaigns_table(result))
    elif result.reached:
        console.print("[dim]Campaigns: none (no text went to 10 or more people within "
                      "7 days).[/]", highlight=False)
    console.print(f"[dim]{escape(definition(window))}[/]", highlight=False)
    if like:
        console.print(f"[dim]Essay (2010): {escape(ESSAY)}; docs/essay.md.[/]", highlight=False)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)


def _period(result: Replies) -> str:
    first = result.since or (result.first_outreach or "")[:10]
    last = result.until or (result.last_outreach or "")[:10]
    if not first and not last:
        return ""
    return f"{first or '…'} to {last or '…'}"


def _segments_table(result: Replies) -> Table:
    table = Table(title="Reply rate by segment", title_justify="left", header_style="bold")
    table.add_column("Split")
    table.add_column("Segment")
    table.add_column("Reply rate (95% CI)", justify="right")
    for i, split in enumerate(s for s in result.segments if s.shown):
        if i:
            table.add_section()
        for j, segment in enumerate(split.segments):
            rate = rate_text(segment.replied, segment.reached, segment.ci95)
            name = escape(segment.name)
            if segment.reached < SMALL_SEGMENT:
                # Too few people for the rate to mean much: greyed and said so.
                name, rate = f"[dim]{name} (under {SMALL_SEGMENT} people)[/]", \
                    f"[dim]{rate}[/]"
            table.add_row(split.title if j == 0 else "", name, rate)
        meaning = split.comparison.meaning
        table.add_row("", f"[italic]{escape(meaning[:1].upper() + meaning[1:])}[/]", "")
        if split.comparison.test is not None:
            table.add_row("", f"[dim]{escape(result_text(split.comparison))}[/]", "")
    return table


def _campaigns_table(result: Replies) -> Table:
    table = Table(title="Campaigns: the same text to 10+ people within 7 days",
                  title_justify="left", header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Text (greeting and names removed)")
    table.add_column("Sent")
    table.add_column("Reply rate (95% CI)", justify="right")
    for i, campaign in enumerate(result.campaigns, 1):
        first, last = campaign.first_sent[:10], campaign.last_sent[:10]
        sent = first if first == last else f"{first} to {last}"
        table.add_row(str(i), escape(campaign.text), sent,
                      rate_text(campaign.replied, campaign.reached, campaign.ci95))
    return table
