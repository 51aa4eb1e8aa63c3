"""``netaudit report``: the audit as a PDF, a self-contained HTML file, or a folder of PNG charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netaudit.cli._common import (
    Anonymize,
    AnonymizeCompanies,
    AnonymizeKey,
    Db,
    Format,
    Json,
    Map,
    Me,
    OptionalPaths,
    Quiet,
    Snapshot,
    check_anonymize,
    err,
    flag,
    handles_errors,
    open_shown,
    out,
    print_json,
    progress_bar,
)
from netaudit.cli.app import app


@app.command()
@handles_errors
def report(
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Where to write: FILE.pdf (multi-page), FILE.html "
                                            "(one self-contained file) or a folder (PNG charts, "
                                            "one per figure).", show_default=False),
    ],
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
    title: Annotated[str, typer.Option("--title", help="Title on the cover.")] = "Network audit",
    names: Annotated[
        Path | None, typer.Option("--names", help="Connections you named from memory (one "
                                                  "'Name - profession' per line): adds the "
                                                  "recall page.")
    ] = None,
    log: Annotated[
        Path | None, typer.Option("--log", help="ACTIVITY.csv (person, date, kind): adds the "
                                                "activity page.")
    ] = None,
    groups: Annotated[
        Path | None, typer.Option("--groups", help="GROUPS.csv (person, group): adds group "
                                                   "membership to the activity page.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100,
                                     help="Rows in the re-engage, prune, introduce and "
                                          "campaign tables.")] = 15,
    force: Annotated[bool, flag("--force", help="Overwrite an existing report.")] = False,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    since: Annotated[
        Path | None, typer.Option("--since", metavar="OLD",
                                  help="An earlier export of yours (path, or snapshot:ID): "
                                       "adds 'What changed since <date>'. Two exports given "
                                       "as PATHs, or --snapshot with an earlier snapshot, "
                                       "add it too.")
    ] = None,
    paths: OptionalPaths = None,
    snapshot: Snapshot = None,
    db: Db = None,
) -> None:
    """Write the audit as a report: a PDF, one self-contained HTML file, or PNG charts.

    Each page states a finding in words, shows the figure and says exactly what was counted.
    Pages whose data is missing are left out, and the cover says which file would add them.
    The output format follows the suffix of -o. Set SOURCE_DATE_EPOCH to fix the date printed
    on the cover (reproducible output).
    """
    from netaudit.cli._common import anonymize_key as anonymize_key_of_run
    from netaudit.errors import UsageError
    from netaudit.render.report import (
        ReportOptions,
        build_report,
        check_output,
        describe_written,
        write_report,
    )

    check_anonymize(anonymize, anonymize_companies)
    if groups is not None and log is None:
        raise UsageError("--groups adds to the activity page, which needs --log",
                         hint="pass --log ACTIVITY.csv as well")
    kind = check_output(output, force=force)
    # The lines saying what was read name no one either; the pages are anonymized by the
    # report builder, with the same pseudonyms.
    audit, _ = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                          anonymize_companies=anonymize_companies,
                              snapshot=snapshot, db=db)
    earlier = since if since is not None else _older_export(audit, paths or [])
    older = None
    if earlier is not None:
        from netaudit.cli.history import _open_one

        older = _open_one(earlier, me, fmt, mapping, True, db)
    # A second bar, after the lines saying what was read: the analyses and the drawing take
    # longer than the reading on a large export.
    with progress_bar(not (quiet or json)) as progress:
        audit.progress = progress
        results = audit.report_results(names=names, log=log, groups=groups, top=top,
                                       since=older)
        content = build_report(results, ReportOptions(
            title=title, anonymize=anonymize, anonymize_companies=anonymize_companies,
            anonymize_key=anonymize_key_of_run() if anonymize else None, top=top),
            progress=progress)
        written = write_report(content, output, force=force, progress=progress)
    if json:
        print_json({"path": str(written), "format": kind.value, **content.to_dict()})
        return
    if not quiet:
        for missing in content.left_out_lines():
            err().print(f"[dim]left out[/] {missing}", highlight=False)
        from netaudit.model import set_aside_lines

        for line in set_aside_lines(content.set_aside):
            err().print(line, highlight=False, markup=False)
    # Counted from what is on disk: a PNG folder holds one file per chart, not per section.
    out().print(f"wrote {written}: {describe_written(content, written)}", highlight=False,
                soft_wrap=True)


def _older_export(audit: Any, paths: list[Path]) -> Path | None:
    """Of two exports of one person given together, the older one (the reader kept the newer
    and said so in a warning), to compare with: the report's "What changed" page."""
    if len(paths) < 2:
        return None
    for problem in audit.network.problems:
        if problem.message.startswith("not read: an older export"):
            older = {entry.rsplit(" (", 1)[0] for entry in problem.path.split(", ")}
            given = [p for p in paths if str(p) in older]
            if len(given) == 1:
                return given[0]
    return None
