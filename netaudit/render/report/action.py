"""Report sections that turn the audit into action (issue 14): who you know at your target
companies (``report --targets FILE``). Absent, not listed as left out, without a targets file:
most reports have none."""

from __future__ import annotations

from netaudit.render.report.content import Page, Section, Table, needs, pct

#: People named per target in the table.
PEOPLE_PER_TARGET = 3


def _targets(r: Page) -> Section | None:
    if needs("Who you know at your targets", r, "targets") is not None:
        return None
    result = r.get("targets")
    if r.options.anonymize:
        from netaudit.render.anonymize import anonymous_targets

        result = anonymous_targets(result, r.names)
    findings = result.findings
    known = [f for f in findings if f.people]
    live = [f for f in known if any(p.score > 0 for p in f.people)]
    ambiguous = [f for f in findings if f.match.status == "ambiguous"]
    nobody = result.nobody
    headline = (f"You know someone at {pct(len(known), len(findings))} of your targets, "
                f"with a live tie (a contact on record) at {len(live):,}; "
                f"{len(nobody):,} {'has' if len(nobody) == 1 else 'have'} nobody at all"
                + (f" and {len(ambiguous):,} name several companies" if ambiguous else "")
                + ".")
    rows = []
    for f in findings:
        if f.match.status == "ambiguous":
            rows.append([f.target, "ambiguous: " + ", ".join(f.match.candidates), "–"])
            continue
        if not f.people:
            close = (f" (closest: {', '.join(f.match.candidates)})"
                     if f.match.candidates else "")
            rows.append([f.target, "nobody" + close, "0"])
            continue
        who = "; ".join(f"{p.name} ({p.score:.2f}, {p.status})"
                        for p in f.people[:PEOPLE_PER_TARGET])
        if len(f.people) > PEOPLE_PER_TARGET:
            who += f"; and {len(f.people) - PEOPLE_PER_TARGET:,} more"
        if f.path:
            who += f"; warmest path: {' → '.join(f.path)} ({f.path_strength:.3f})"
        rows.append([f.target, who, f"{len(f.people):,}"])
    definition = (
        "Each line of your targets file is a company or a person. A company matches word by "
        "word (case, accents, punctuation and legal suffixes ignored): companies named "
        "exactly so, and those whose name starts with its words ('Kestrel' finds Kestrel "
        "Robotics, 'Meta' does not find Metaswitch); several different companies are "
        "ambiguous and never guessed. People are ranked by tie score (0 to 1, see Tie "
        "strength), with the tie's status; a live tie has a contact on record. Warmest path: "
        "when nobody there has a contact with you, the chain of people with the highest "
        "product of tie strengths.")
    return Section("targets", "Who you know at your targets", headline, definition,
                   table=Table(["Target", "Who you know there (score, status)", "People"],
                               rows, [False, False, True]))
