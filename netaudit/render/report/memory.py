"""Report sections on experiments 2 and 3: recall from memory, and the activity of your
connections."""

from __future__ import annotations

from functools import partial

from netaudit.render import charts
from netaudit.render.report.content import (
    ARTICLE_MEAN_ACTIVITY,
    ARTICLE_MEAN_GROUPS,
    ARTICLE_RECALL_BEST,
    ARTICLE_RECALL_WORST,
    LeftOut,
    Page,
    Section,
    Table,
    interval,
    needs,
    pct,
)


def _recall(r: Page) -> Section | LeftOut:
    title = "Recall: who you can name from memory"
    if (missing := needs(title, r, "recall")) is not None:
        return missing
    rec = r.get("recall")
    headline = (f"You named {rec.matched_with_profession:,} of your {rec.network_size:,} "
                f"connections from memory with their profession "
                f"({100 * (rec.recall_rate or 0):.1f}%); the article's participants managed "
                f"{ARTICLE_RECALL_WORST} to {ARTICLE_RECALL_BEST}.")
    definition = (f"Entries: {rec.named:,} distinct names listed. Matched: {rec.matched:,} "
                  "named exactly one connection (accents, 'Last, First', common nicknames "
                  "confirmed by the surname); never guessed: "
                  f"{len(rec.unmatched):,} matched nobody and {len(rec.ambiguous):,} several "
                  "people equally. With profession: the profession given matches the "
                  "connection's position or company. Recall rate, with profession = with "
                  f"profession / all {rec.network_size:,} connections "
                  f"({pct(rec.matched_with_profession, rec.network_size)}); names only = "
                  f"matched / all connections ({pct(rec.matched, rec.network_size)}). Research: free recall misses about 20% "
                  "of the people one knows.")
    anonymous = r.options.anonymize
    rows = []
    for m in rec.matches[: r.options.top]:
        who = r.names.scrub(m.connection) if anonymous else m.connection
        rows.append([who, "yes" if m.profession_ok else "no", m.rule])
    columns = ["Connection named", "profession right", "matched by"]
    note = (f"{len(rows)} of {rec.matched} matches" if rec.matched > len(rows) else "")
    return Section("recall", title, headline, definition,
                   figure=partial(charts.recall_chart,
                                  [("You", rec.matched, rec.matched_with_profession)],
                                  best=ARTICLE_RECALL_BEST, worst=ARTICLE_RECALL_WORST),
                   table=Table(columns, rows, [False, False, False], note) if rows else None,
                   figure_height=2.2)


def _activity(r: Page) -> Section | LeftOut:
    title = "Activity of your connections"
    if (missing := needs(title, r, "activity")) is not None:
        return missing
    act = r.get("activity")
    per_person = act.per_person
    counts = [int(v) for v in per_person["activities"]] if per_person is not None else []
    top = 10
    bins = [(str(k), sum(1 for c in counts if c == k)) for k in range(top)]
    bins.append((f"{top}+", sum(1 for c in counts if c >= top)))
    while len(bins) > 2 and bins[-2][1] == 0 and bins[-1][1] == 0:
        bins.pop(-2)
    lorenz = getattr(act, "lorenz", None) or charts.lorenz_points(counts)
    ci = act.mean_activity_ci95
    headline = (f"{pct(act.inactive, act.sampled)} of the connections measured did nothing "
                f"counted in {act.window_days} days ({interval(act.inactive_share_ci95)}); "
                f"mean {act.mean_activity:.1f} activities per person"
                + (f" (95% interval {ci[0]:.1f}–{ci[1]:.1f})" if ci else "")
                + f" (article: {ARTICLE_MEAN_ACTIVITY}).")
    part = act.participation
    split = ""
    if part:
        # Named by the people each group holds: with 10 people the "top 1%" is 1 person.
        people = " / ".join(f"{v['people']:,}" for v in part.values())
        shares = [f"{100 * (v.get('share') or 0):.0f}%" for v in part.values()]
        split = (f" Share of all activity by the most active {people} of the "
                 f"{act.sampled:,} people (about 1% / 9% / 90%): " + " / ".join(shares)
                 + " (Nielsen's 90-9-1 rule).")
    definition = (f"Counted activity: {', '.join(act.counted_kinds)} in the {act.window_days} "
                  f"days {act.window_start} to {act.as_of} ({act.source}). Left: people by number of counted "
                  "activities. Right: the Lorenz curve (people sorted from least to most "
                  "active; the further below the diagonal, the more unequal) and the Gini "
                  "coefficient (0 = everyone equally active, 1 = one person does everything)."
                  + (f" Mean {act.mean_activity:.2f}, bootstrap 95% interval "
                     f"{ci[0]:.2f}–{ci[1]:.2f} ({act.resamples:,} resamples, seed "
                     f"{act.seed})." if ci else "") + split
                  + (f" Mean groups per person: {act.mean_groups:.1f} (article: "
                     f"{ARTICLE_MEAN_GROUPS})." if act.mean_groups is not None else ""))
    return Section("activity", title, headline, definition,
                   figure=partial(charts.lorenz_chart, bins, lorenz, act.gini),
                   figure_height=3.6)


