"""Report sections on experiment 1, the reply rate: the rate beside the article's, by segment,
time to reply, campaigns."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from netaudit.render import charts
from netaudit.render.report.content import (
    ARTICLE_CONNECTIONS,
    ARTICLE_RATE,
    ARTICLE_REPLIED,
    ARTICLE_REPLY_CI,
    CAMPAIGN_ROWS,
    LeftOut,
    Page,
    Section,
    Table,
    _p_value,
    _rate,
    interval,
    needs,
    pct,
    plural,
)


def _segment_label(r: Page, segmentation: str, name: str) -> str:
    return r.company(name) if segmentation == "company" else name


def _segment_rates(r: Page, tables: Sequence[Any]) -> tuple[list[Any], list[str]]:
    rates: list[Any] = []
    tests = []
    for table in tables:
        rates.append(table.title)
        rates.extend(_rate(_segment_label(r, table.segmentation.value, seg.name), seg.replied,
                           seg.reached, seg.ci95) for seg in table.segments)
        tests.append(f"{table.title}: {_p_value(table.comparison)}")
    return rates, tests


#: Segmentations on the first reply-rate page; the others get the second.
FIRST_SEGMENTS = ("invited", "conversation", "role_family")


def _reply_rate(r: Page) -> Section | LeftOut:
    title = "Outreach reply rate"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    if not rep.reached:
        return LeftOut(title, "no outreach found: the message log has no message you wrote "
                       "first (check --me if the owner was not recognised)")
    like = rep.one_to_one_connections
    rates: list[Any] = []
    if like.get("reached"):
        rates.append(_rate("You: 1:1 to connections", like["replied"], like["reached"],
                           like["ci95"]))
    rates += [
        _rate("You: all outreach", rep.replied, rep.reached, rep.ci95),
        _rate("Article (2010)", ARTICLE_REPLIED, ARTICLE_CONNECTIONS, ARTICLE_REPLY_CI,
              reference=True),
    ]
    first = [t for t in rep.segments if t.segmentation.value in FIRST_SEGMENTS]
    segment_rates, tests = _segment_rates(r, first)
    rates += segment_rates
    everyone = (f"All outreach, group messages and people who are not connections included: "
                f"{pct(rep.replied, rep.reached)}.")
    if like.get("reached"):
        ratio = like["replied"] / like["reached"] / ARTICLE_RATE
        compare = (f"{ratio:.1f} times the article's 4.0%" if ratio >= 1
                   else "below the article's 4.0%")
        headline = (f"{pct(like['replied'], like['reached'])} of the connections you wrote to "
                    f"first, one to one as in the article, replied within {rep.window_days} "
                    f"days: {compare}. {everyone}")
    elif r.network.connections.empty:  # messages alone: who is a connection is not known
        headline = (f"{pct(rep.replied, rep.reached)} of the people you wrote to first replied "
                    f"within {rep.window_days} days; no connection list was read, so the "
                    "connections written to one to one, the article's 4.0% kind, are not "
                    "known.")
    else:
        headline = (f"{pct(rep.replied, rep.reached)} of the people you wrote to first replied "
                    f"within {rep.window_days} days; none was a connection written to one to "
                    "one, so there is no figure like the article's 4.0% to compare.")
    definition = (f"An outreach is a message you sent to a person who had not written to you "
                  f"in that conversation in the {rep.window_days} days before; the person "
                  f"replied if they wrote in the same conversation within {rep.window_days} "
                  "days after it (auto-replies, bounces, drafts and sponsored messages never "
                  f"count). Reached: {rep.reached:,} distinct people you wrote to first"
                  + (f" between {rep.first_outreach[:10]} and {rep.last_outreach[:10]}"
                     if rep.first_outreach and rep.last_outreach else "")
                  + "; each counts once. '1:1 to connections' keeps only messages to one "
                  "connection alone, like the article's one message to each connection. Bars: "
                  "Wilson 95% intervals; 'n < 5': fewer than 5 people, too few to show a "
                  "rate, so none is drawn. Tests of 'same rate in every segment': " + "; ".join(tests) + "."
                  + (" " + " ".join(n[0].upper() + n[1:] + "." for n in rep.notes)
                     if rep.notes else ""))
    return Section("reply_rate", title, headline, definition,
                   figure=partial(charts.rate_chart, rates, reference=ARTICLE_RATE,
                                  reference_label="article: 4.0%"),
                   figure_height=min(7.0, 1.0 + 0.24 * len(rates)))


def _reply_segments(r: Page) -> Section | LeftOut:
    title = "Reply rate by company and connection year"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    rest = [t for t in rep.segments
            if t.segmentation.value not in FIRST_SEGMENTS and t.shown]
    if not rep.reached or not rest:
        return LeftOut(title, "no outreach found in the message log")
    rates, tests = _segment_rates(r, rest)
    best = max((x for x in rates if not isinstance(x, str) and x.whole >= 5),
               key=lambda x: (x.rate, x.whole), default=None)
    tested = [t for t in rest if t.comparison.p_value is not None]
    significant = [t for t in tested if t.comparison.p_value < 0.05]
    if significant:
        headline = ("Reply rates really differ by " + " and by ".join(
            t.title.lower() for t in significant) + ": gaps this large are unlikely to be chance (the tests are in the appendix).")
    elif tested:
        headline = ("No clear difference in reply rate between companies or between "
                    "connection years: too few people, or gaps that often come by chance.")
    else:
        headline = "Too few people were reached to compare companies or connection years."
    if best is not None:
        headline += (f" Highest among segments of 5 or more people: {best.label}, "
                     f"{pct(best.part, best.whole)}.")
    definition = ("The same people reached as on the previous page, split by their current "
                  "company (the most reached companies; the rest are 'other') and by the year "
                  "you connected. Small segments have wide intervals: read them as hints, not "
                  "findings. A difference is called clear when its test gives p < 0.05. "
                  + "; ".join(tests) + ".")
    return Section("reply_segments", title, headline, definition,
                   figure=partial(charts.rate_chart, rates,
                                  reference=ARTICLE_RATE,
                                  reference_label="article: 4.0%"),
                   figure_height=min(7.2, 1.0 + 0.24 * len(rates)))


def _time_to_reply(r: Page) -> Section | LeftOut:
    title = "Time to reply"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    if not rep.replied:
        return LeftOut(title, "nobody replied to your outreach, so there is no time to show")
    day, week = rep.replied_within_24h, rep.replied_within_7d
    bins = [("within 24 hours", day), ("1 to 7 days", week - day),
            (f"7 to {rep.window_days} days", rep.replied - week)]
    median = rep.median_hours_to_reply
    median_bin = 0 if median <= 24 else 1 if median <= 24 * 7 else 2
    median_text = (f"{median:.1f} hours" if median < 10 else f"{median:.0f} hours"
                   if median < 48 else f"{median / 24:.1f} days")
    headline = (f"The median time to reply was {median_text}; {pct(day, rep.replied)} of the "
                f"people who replied did so within 24 hours ({interval(rep.within_24h_ci95)}).")
    definition = (f"For each of the {rep.replied:,} people who replied: the time from the "
                  "outreach their first reply answered (your latest message to them before it) "
                  "to that reply; an earlier message that went unanswered does not count. "
                  "Median: "
                  f"{median_text} (marked). Within 7 days: {pct(week, rep.replied)} "
                  f"({interval(rep.within_7d_ci95)}, Wilson). Replies "
                  f"later than {rep.window_days} days do not count as replies.")
    return Section("time_to_reply", title, headline, definition,
                   figure=partial(charts.binned_bar_chart, bins, xlabel="time to first reply",
                                  ylabel="people who replied",
                                  marks=[(median_bin, f"median: {median_text}")]),
                   figure_height=3.4)


def _campaigns(r: Page) -> Section | LeftOut:
    title = "Campaigns"
    if (missing := needs(title, r, "replies")) is not None:
        return missing
    rep = r.get("replies")
    if not rep.campaigns:
        return LeftOut(title, "none found: no text went to 10 or more people within 7 days")
    # At most 10: the page holds the chart and the table of texts it refers to.
    shown = rep.campaigns[: min(r.options.top, CAMPAIGN_ROWS)]
    anonymous = r.options.anonymize

    def label(i: int, c: Any) -> str:
        # The text is the owner's own words, but it may quote people: not shown anonymized.
        return f"Campaign {i}" if anonymous else f"{i}. {c.text}"

    rows = [[label(i, c), c.first_sent[:10], f"{c.messages:,}", f"{c.reached:,}",
             f"{c.replied:,}", f"{100 * c.reply_rate:.1f}%" if c.reply_rate is not None else "–",
             interval(c.ci95).replace("95% interval ", "")]
            for i, c in enumerate(shown, start=1)]
    note = f"{len(shown)} of {len(rep.campaigns)} campaigns" if len(shown) < len(
        rep.campaigns) else ""
    best = max(rep.campaigns, key=lambda c: (c.reply_rate or 0, c.reached))
    headline = (f"You sent {plural(len(rep.campaigns), 'campaign')}; the best answered was "
                + (f"campaign {rep.campaigns.index(best) + 1}" if anonymous
                   else f"'{charts.shorten(best.text, 40)}'")
                + f" with {pct(best.replied, best.reached)}.")
    definition = ("A campaign is a burst of near-identical outreach: the same text once the "
                  "greeting and the recipient's first name are removed, sent to 10 or more "
                  "people within 7 days. Each campaign's reply rate counts replies to its own "
                  "messages only." + (" Texts are not shown in an anonymized report."
                                      if anonymous else ""))
    # The chart names campaigns by number; their texts are in the table below it.
    rates = [_rate(f"campaign {i}", c.replied, c.reached, c.ci95)
             for i, c in enumerate(shown, start=1)]
    return Section(
        "campaigns", title, headline, definition,
        figure=partial(charts.rate_chart, rates, reference=rep.reply_rate,
                       reference_label="all outreach"),
        table=Table(["Campaign", "first sent", "messages", "reached", "replied", "rate",
                     "95% interval"], rows, [False, False, True, True, True, True, True], note),
        figure_height=min(5.0, 1.0 + 0.3 * len(rates)))


