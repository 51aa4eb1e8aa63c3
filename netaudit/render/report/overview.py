"""Report sections on the network itself: the summary, growth by year, who asked whom, top
companies and role families."""

from __future__ import annotations

from functools import partial

from netaudit.errors import NEEDS_A_MESSAGE_LOG, Missing
from netaudit.render import charts
from netaudit.render.report.content import (
    ARTICLE_ACTIVITY_DAYS,
    ARTICLE_ASKED_HIM,
    ARTICLE_CONNECTIONS,
    ARTICLE_MEAN_ACTIVITY,
    ARTICLE_MEAN_GROUPS,
    ARTICLE_RATE,
    ARTICLE_RECALL_BEST,
    ARTICLE_RECALL_WORST,
    ARTICLE_REPLIED,
    ARTICLE_REPLY_CI,
    LeftOut,
    Page,
    Section,
    Table,
    _rate,
    interval,
    pct,
)


def _summary(r: Page) -> Section:
    s = r.summary
    n = s.connections
    rows = [["Connections", f"{n:,}", f"{ARTICLE_CONNECTIONS:,}"]]
    inv = s.invitations
    if inv.get("incoming", 0) + inv.get("outgoing", 0):
        total = inv["incoming"] + inv["outgoing"]
        rows.append(["They asked you to connect", pct(inv["incoming"], total) + " invitations",
                     pct(ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS) + " connections"])
    # Without a message read, who you are in touch with is not measured (not 0% and 100%).
    unmeasured = f"– ({NEEDS_A_MESSAGE_LOG})"
    rows.append(["Ever messaged", pct(s.messaged, n) if s.message_log else unmeasured, "–"])
    rows.append(["Dormant (no interaction at all)",
                 pct(s.dormant, n) if s.message_log else unmeasured, "–"])
    outreach = s.outreach
    like = (outreach or {}).get("one_to_one_connections") or {}
    if outreach and outreach.get("reached"):
        if like.get("reached"):
            rows.append(["Reply rate, 1:1 to connections", pct(like["replied"], like["reached"]),
                         pct(ARTICLE_REPLIED, ARTICLE_CONNECTIONS)])
            rows.append(["   95% interval", interval(like.get("ci95")).replace(
                "95% interval ", ""), interval(ARTICLE_REPLY_CI).replace("95% interval ", "")])
        rows.append(["Reply rate, all outreach", pct(outreach["replied"], outreach["reached"]),
                     "–"])
        rows.append(["   95% interval", interval(outreach.get("ci95")).replace(
            "95% interval ", ""), "–"])
    else:
        rows.append(["Outreach reply rate", unmeasured,
                     pct(ARTICLE_REPLIED, ARTICLE_CONNECTIONS)])
    try:
        rec = r.get("recall")
        rows.append(["Named from memory, with profession",
                     pct(rec.matched_with_profession, rec.network_size),
                     f"best {ARTICLE_RECALL_BEST}, worst {ARTICLE_RECALL_WORST} (of 500+)"])
    except Missing:
        pass
    try:
        act = r.get("activity")
        if act.mean_activity is not None:
            ci = act.mean_activity_ci95
            rows.append([f"Mean activities in {act.window_days} days",
                         f"{act.mean_activity:.1f} ({act.sampled:,} people)"
                         + (f"; 95% interval {ci[0]:.1f}–{ci[1]:.1f}" if ci else ""),
                         f"{ARTICLE_MEAN_ACTIVITY} ({ARTICLE_ACTIVITY_DAYS} days, 100 people)"])
        if act.mean_groups is not None:
            rows.append(["Mean groups per person", f"{act.mean_groups:.1f}",
                         f"{ARTICLE_MEAN_GROUPS}"])
    except Missing:
        pass
    headline = f"Your network has {n:,} connections"
    if like.get("reached"):
        rate = like["replied"] / like["reached"]
        compare = "above" if rate > ARTICLE_RATE else "at or below"
        headline += (f"; {pct(like['replied'], like['reached'])} of the connections you wrote "
                     f"to first, one to one, replied, {compare} the article's 4.0%.")
    elif outreach and outreach.get("reached"):
        headline += (f"; {pct(outreach['replied'], outreach['reached'])} of the people you "
                     "wrote to first replied (none of them a connection written to one to one, "
                     "so there is nothing to set beside the article's 4.0%).")
    elif s.message_log:
        headline += f"; {pct(s.dormant, n)} show no interaction with you at all."
    else:
        headline += "; no message was read, so who you are in touch with is not measured."
    definition = ("Key figures of your data beside the article's (2010: one LinkedIn network "
                  "of 1,050 connections). Connections: rows of the connection list(s), one per "
                  "person. Ever messaged: connections you exchanged at least one message with. "
                  "Dormant: no message, recommendation or endorsement either way. Reply rate: "
                  "people who wrote back within the window after you wrote first, of the "
                  "people you wrote to first, with the Wilson 95% interval; '1:1 to "
                  "connections' counts only messages to one connection alone, like the "
                  "article's one message to each connection, 'all outreach' also group "
                  "messages and people who are not connections. The pages that follow define "
                  "each figure in detail.")
    figure = None
    if outreach and outreach.get("reached"):
        ci = outreach.get("ci95")
        rates = []
        if like.get("reached"):
            rates.append(_rate("You: 1:1 to connections", like["replied"], like["reached"],
                               like.get("ci95")))
        rates += [_rate("You: all outreach", outreach["replied"], outreach["reached"], ci),
                  _rate("Article (2010)", ARTICLE_REPLIED, ARTICLE_CONNECTIONS,
                        ARTICLE_REPLY_CI, reference=True)]
        figure = partial(charts.rate_chart, rates)
    return Section("summary", "Summary", headline, definition, figure=figure,
                   table=Table(["Figure", "Your network", "Article (2010)"], rows,
                               [False, True, True]), figure_height=1.9)


def _growth(r: Page) -> Section | LeftOut:
    s = r.summary
    if not s.connections_by_year:
        return LeftOut("Network growth by year",
                       "needs connection dates (LinkedIn Connections.csv)")
    by_year = s.connections_by_year
    best_year = max(by_year, key=lambda y: (by_year[y], y))
    dated = sum(by_year.values())
    undated = s.connections - dated
    headline = (f"You added {s.connections:,} connections between {min(by_year)} and "
                f"{max(by_year)}; the busiest year was {best_year} with {by_year[best_year]:,}.")
    definition = ("Bars: connections made in each calendar year (the connection date of "
                  "Connections.csv). Line: the running total at the end of each year. "
                  f"{dated:,} of {s.connections:,} connections have a date")
    definition += f"; {undated:,} without a date are not drawn." if undated else "."
    return Section("growth", "Network growth by year", headline, definition,
                   figure=partial(charts.growth_chart, by_year), figure_height=4.0)


def _who_asked(r: Page) -> Section | LeftOut:
    inv = r.summary.invitations
    incoming, outgoing = inv.get("incoming", 0), inv.get("outgoing", 0)
    if not incoming + outgoing:
        return LeftOut("Who asked whom to connect",
                       "needs Invitations.csv (part of the LinkedIn export)")
    total = incoming + outgoing
    article = pct(ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS)
    headline = (f"Of the {total:,} invitations on record, {pct(incoming, total)} were sent to "
                f"you; in the article, {article} of the author's connections had asked him.")
    definition = ("Rows of Invitations.csv by direction: 'they asked' = the other person sent "
                  "the invitation, 'you asked' = you sent it. LinkedIn keeps only pending and "
                  "recent invitations, so this is not the full history of how your network was "
                  "built. The article's row counts connections, not invitations.")
    rows = [("Your invitations", (incoming, outgoing)),
            ("Article (2010)", (ARTICLE_ASKED_HIM, ARTICLE_CONNECTIONS - ARTICLE_ASKED_HIM))]
    table = Table(["", "they asked", "you asked", "total"],
                  [[label, f"{a:,}", f"{b:,}", f"{a + b:,}"] for label, (a, b) in rows],
                  [False, True, True, True])
    return Section("who_asked", "Who asked whom to connect", headline, definition,
                   figure=partial(charts.stacked_share_chart, rows, ["they asked", "you asked"]),
                   table=table, figure_height=2.4)


def _companies_roles(r: Page) -> Section | LeftOut:
    s = r.summary
    if not s.top_companies and not s.top_roles:
        return LeftOut("Top companies and role families",
                       "needs companies or positions (LinkedIn Connections.csv or a contacts "
                       "file with company and title)")
    from netaudit.analyses.summary import SELF_EMPLOYED_ROW

    # Working for oneself is a row of the chart, no company to anonymize and no employer.
    companies = [(c if c == SELF_EMPLOYED_ROW else r.company(c), n) for c, n in s.top_companies]
    employers = [(r.company(c), n) for c, n in s.top_companies if c != SELF_EMPLOYED_ROW]
    parts = []
    if employers:
        parts.append(f"the biggest employer is {employers[0][0]} ({employers[0][1]:,})")
    if s.top_companies and s.top_companies[0][0] == SELF_EMPLOYED_ROW:
        # Working for oneself is no employer, but more work so than for the biggest one.
        parts.append(f"{s.top_companies[0][1]:,} work for themselves")
    if s.top_roles:
        parts.append(f"the largest role family is {s.top_roles[0][0]} ({s.top_roles[0][1]:,})")
    headline = ("Where your network works: " + "; ".join(parts) + ".") if parts else ""
    definition = (f"Current company and role family of the {s.connections - s.hidden_profiles:,} "
                  "connections with a visible profile; shares are of all "
                  f"{s.connections:,} connections. Role families come from keywords in the "
                  "position (netaudit/roles.py); positions that match no family are "
                  "'other', empty ones are left out.")
    panels = [("Top companies", companies), ("Role families", list(s.top_roles))]
    return Section("companies_roles", "Top companies and role families", headline, definition,
                   figure=partial(charts.count_bars_chart, panels, total=s.connections),
                   figure_height=max(3.0, 0.9 + 0.3 * max(len(companies), len(s.top_roles))))


