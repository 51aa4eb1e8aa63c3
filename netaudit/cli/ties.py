"""``netaudit ties`` and ``netaudit introduce``: how strong each tie is, and who should meet whom."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import (
    Anonymize,
    AnonymizeCompanies,
    AnonymizeKey,
    Db,
    Export,
    Force,
    Format,
    Json,
    Map,
    Me,
    OptionalPaths,
    Quiet,
    Snapshot,
    Targets,
    WithEmail,
    check_anonymize,
    check_exports,
    err,
    handles_errors,
    open_shown,
    out,
    print_shown_json,
    progress_bar,
    write_export,
)
from netaudit.cli.app import app
from netaudit.userfiles import read_targets

Weights = Annotated[
    str | None,
    typer.Option("--weights", metavar="NAME=W,...",
                 help="Override component weights, e.g. 'recency=0.4,services=0.2'. Names: "
                      "recency, frequency, reciprocity, duration, services, intimacy."),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD",
                 help="Score as of the end of this day (UTC); later events are ignored. "
                      "Default: the latest date in the data."),
]


@app.command()
@handles_errors
def ties(
    weights: Weights = None,
    as_of: AsOf = None,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="People shown per table.")] = 15,
    csv: Annotated[Path | None, typer.Option("--csv", metavar="FILE",
                                             help="Also write the per-person table as CSV.")
                   ] = None,
    force: Force = False,
    targets: Targets = None,
    export: Export = None,
    with_email: WithEmail = False,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
    paths: OptionalPaths = None,
    snapshot: Snapshot = None,
    db: Db = None,
) -> None:
    """How strong is each tie? A score in [0, 1] per person, layers, status, who to re-engage or prune.

    Six visible components: recency (halves every 180 days of silence), frequency (messages in the last 90 days and ever), reciprocity (both of you write and answer), duration (since the first contact), services (recommendations, endorsements) and intimacy (1:1 rather than group only).

    Layers by rank of score: ranks 1-5 / 6-15 / 16-50 / 51-150 / rest (each ring holds only its ranks). Status: active, fading (silent over 3 times the usual gap), dormant (no contact ever), one-way. Definitions: README, "What the numbers mean".
    """
    from netaudit.analyses.ties import parse_as_of, parse_weights
    from netaudit.render.network_terminal import render_ties

    check_anonymize(anonymize, anonymize_companies)
    chosen, when = parse_weights(weights), parse_as_of(as_of)
    export_fmt = check_exports(anonymize, export)
    wanted = read_targets(targets) if targets is not None else None
    audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                              anonymize_companies=anonymize_companies,
                              snapshot=snapshot, db=db)
    with progress_bar(not (quiet or json)) as progress:
        audit.progress = progress
        result = audit.tie_strength(weights=chosen if weights else None, as_of=when)
        found = (audit.targets(wanted, weights=chosen if weights else None, as_of=when)
                 if wanted is not None else None)
        if export is not None:
            from netaudit.render.crm import ties_items

            write_export(export, export_fmt, ties_items(result), audit.network.people,
                         with_email, force)
        if names is not None and found is not None:
            from netaudit.render.anonymize import anonymous_targets

            found = anonymous_targets(found, names)
        if names is not None:
            from netaudit.progress import stage
            from netaudit.render.anonymize import anonymous_ties

            with stage(progress, "anonymizing"):
                result = anonymous_ties(result, names)
    if csv is not None:
        from netaudit.render.export import write_csv

        written = write_csv(result.rows, csv, force=force)
        err().print(f"wrote {written} ({len(result.rows):,} rows)", highlight=False)
    if json:
        data = result.to_dict()
        if found is not None:
            data["targets"] = found.to_dict()
        print_shown_json(data, names)
    else:
        render_ties(out(), result, limit=limit)
        if found is not None:
            from netaudit.render.action_terminal import render_targets

            render_targets(out(), found)


@app.command()
@handles_errors
def introduce(
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many pairs.")] = 20,
    weights: Weights = None,
    as_of: AsOf = None,
    export: Export = None,
    with_email: WithEmail = False,
    force: Force = False,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
    paths: OptionalPaths = None,
    snapshot: Snapshot = None,
    db: Db = None,
) -> None:
    """Who should meet whom: pairs of your connections who could help each other.

    Complementary roles (recruiter and job seeker, investor and founder, hiring manager and professional in the same field, recruiter and manager), or the same field in the same place (locations come from contacts CSVs and vCards). Ranked by fit and your tie strength to both; pairs already tied in the data are left out.
    """
    from netaudit.analyses.ties import parse_as_of, parse_weights
    from netaudit.render.network_terminal import render_introductions

    check_anonymize(anonymize, anonymize_companies)
    chosen, when = parse_weights(weights), parse_as_of(as_of)
    export_fmt = check_exports(anonymize, export)
    audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                              anonymize_companies=anonymize_companies,
                              snapshot=snapshot, db=db)
    with progress_bar(not (quiet or json)) as progress:
        audit.progress = progress
        result = audit.introductions(limit=limit, weights=chosen if weights else None,
                                     as_of=when)
        if export is not None:
            from netaudit.render.crm import introduction_items

            rows = audit.tie_strength(weights=chosen if weights else None, as_of=when).rows
            statuses = dict(zip(rows["person_id"].tolist(), rows["status"].tolist(),
                                strict=True))
            write_export(export, export_fmt, introduction_items(result, statuses),
                         audit.network.people, with_email, force)
    if names is not None:
        from netaudit.render.anonymize import anonymous_introductions

        result = anonymous_introductions(result, names)
    if json:
        print_shown_json(result.to_dict(), names)
    else:
        render_introductions(out(), result)
