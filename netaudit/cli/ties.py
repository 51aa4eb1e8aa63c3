"""``netaudit ties`` and ``netaudit introduce``: how strong each tie is, and who should meet whom."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netaudit.cli._common import (
    WRITES,
    Export,
    Force,
    Source,
    Targets,
    WithEmail,
    _escape,
    check_exports,
    err,
    when_called,
    write_export,
    written_path,
)
from netaudit.cli.app import command

if TYPE_CHECKING:
    from netaudit.analyses.ties import TieStrength

NETWORK, ANONYMIZE = "netaudit.render.network_terminal", "netaudit.render.anonymize"

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


@command(options=WRITES)
def ties(
    src: Source,
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
) -> None:
    """How strong is each tie? A score in [0, 1] per person, layers, status, who to re-engage or prune.

    Six visible components: recency (halves every 180 days of silence), frequency (messages in the last 90 days and ever), reciprocity (both of you write and answer), duration (since the first contact), services (recommendations, endorsements) and intimacy (1:1 rather than group only).

    Layers by rank of score: ranks 1-5 / 6-15 / 16-50 / 51-150 / rest (each ring holds only its ranks). Status: active, fading (silent over 3 times the usual gap), dormant (no contact ever), one-way. Definitions: README, "What the numbers mean".

    Example: netaudit ties samples/Basic_LinkedInDataExport_11-20-2026.zip --csv ties.csv
    """
    from netaudit.analyses.ties import parse_as_of, parse_weights

    chosen, when = parse_weights(weights) if weights else None, parse_as_of(as_of)
    export_fmt = check_exports(src.anonymize, export)
    wanted = None
    if targets is not None:
        from netaudit.userfiles import read_targets

        wanted = read_targets(targets)
    audit = src.open()
    result = src.compute(lambda audit: audit.tie_strength(weights=chosen, as_of=when))
    found = (src.compute(lambda audit: audit.targets(wanted, weights=chosen, as_of=when))
             if wanted is not None else None)
    if export is not None:
        from netaudit.render.crm import ties_items

        write_export(export, export_fmt, ties_items(result), audit.network.people,
                     with_email, force)

    def write_rows(shown: TieStrength) -> None:
        if csv is not None:
            from netaudit.render.export import write_csv

            written = write_csv(shown.rows, csv, force=force)
            err().print(f"wrote {_escape(written_path(written, src.names))} "
                        f"({len(shown.rows):,} rows)", highlight=False)

    # The renderers and anonymizers are imported when used: --json without --anonymize
    # needs none of them (16 ms of imports, issue 17).
    src.show(result, partial(when_called(NETWORK, "render_ties"), limit=limit),
             when_called(ANONYMIZE, "anonymous_ties"), before=write_rows,
             targets=(found, when_called("netaudit.render.action_terminal", "render_targets"),
                      when_called(ANONYMIZE, "anonymous_targets")))


@command(options=WRITES)
def introduce(
    src: Source,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many pairs.")] = 20,
    weights: Weights = None,
    as_of: AsOf = None,
    export: Export = None,
    with_email: WithEmail = False,
    force: Force = False,
) -> None:
    """Who should meet whom: pairs of your connections who could help each other.

    Complementary roles (recruiter and job seeker, investor and founder, hiring manager and professional in the same field, recruiter and manager), or the same field in the same place (locations come from contacts CSVs and vCards). Ranked by fit and your tie strength to both; pairs already tied in the data are left out.

    Example: netaudit introduce samples/Basic_LinkedInDataExport_11-20-2026.zip --limit 5
    """
    from netaudit.analyses.ties import parse_as_of, parse_weights

    chosen, when = parse_weights(weights) if weights else None, parse_as_of(as_of)
    export_fmt = check_exports(src.anonymize, export)
    audit = src.open()
    result = src.compute(lambda audit: audit.introductions(limit=limit, weights=chosen,
                                                          as_of=when))
    if export is not None:
        from netaudit.render.crm import introduction_items

        statuses = audit.tie_strength(weights=chosen, as_of=when).status_of
        write_export(export, export_fmt, introduction_items(result, statuses),
                     audit.network.people, with_email, force)
    src.show(result, when_called(NETWORK, "render_introductions"),
             when_called(ANONYMIZE, "anonymous_introductions"))
