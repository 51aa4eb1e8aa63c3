"""``netaudit report``: the audit as a PDF, a self-contained HTML file, or a folder of PNG charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netaudit.cli._common import (
    WRITES,
    Source,
    Targets,
    _escape,
    err,
    flag,
    out,
    print_json,
    print_set_aside,
    progress_bar,
    warn,
    written_path,
)
from netaudit.cli.app import command


@command(options=WRITES)
def report(
    src: Source,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Where to write: FILE.pdf (multi-page), FILE.html "
                                            "(one self-contained file) or a folder (PNG slides: "
                                            "one per chart and per list of people).",
                     show_default=False),
    ],
    title: Annotated[str, typer.Option("--title",
                                       help="Title on the first page.")] = "Network audit",
    client: Annotated[str, typer.Option("--client", metavar="NAME",
                                        help="Who the report is for: on the first page and in "
                                             "every footer.")] = "",
    prepared_by: Annotated[str, typer.Option("--prepared-by", metavar="NAME",
                                             help="Who prepared the report (first page, PDF "
                                                  "author).")] = "",
    logo: Annotated[Path | None, typer.Option("--logo", metavar="FILE",
                                              help="A PNG, JPEG or SVG logo for the first "
                                                   "page.")] = None,
    pages: Annotated[str | None, typer.Option(
        "--pages", metavar="LIST",
        help="Only these sections, comma-separated (the executive summary and the appendix "
             "always come): summary, changes, trend, growth, who-asked, reply-rate, "
             "reply-segments, time-to-reply, campaigns, recall, activity, ties, "
             "companies-roles, network-map, reengage, prune, introduce.")] = None,
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
    since: Annotated[
        Path | None, typer.Option("--since", metavar="OLD",
                                  help="An earlier export of yours (path, or snapshot:ID): "
                                       "adds 'What changed since <date>'. Two exports given "
                                       "as PATHs, or --snapshot with an earlier snapshot, "
                                       "add it too.")
    ] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, max=2, metavar="N", show_default="2 when a core is idle",
        help="Processes for a large export: with 2 the tie, map and introduction pages are "
             "built in a second process while this one draws the other charts. The same "
             "file; on 30,000 connections 12-21% sooner on a 2-core machine for 2-3% more "
             "CPU. Started by itself when a core is idle; 1 never starts it.")] = None,
    targets: Targets = None,
    team: Annotated[bool, flag(
        "--team", help="A team report: each PATH is one member's export (overlap, reach, "
                       "who knows whom at the --targets, warm paths, communities, brokers).")
    ] = False,
) -> None:
    """Write the audit as a report: a PDF, one self-contained HTML file, or PNG slides.

    The first page is an executive summary in plain words; definitions and statistics are in
    the appendix. Pages whose data is missing are left out, and the appendix says which file
    would add them. The output format follows the suffix of -o. Set SOURCE_DATE_EPOCH to fix
    the date printed on the first page (reproducible output).

    Example: netaudit report samples/Basic_LinkedInDataExport_11-20-2026.zip -o audit.pdf
    --client Acme --pages growth,prune

    Example: netaudit report --team samples/team/*/*.zip --targets samples/team/targets.txt
    -o team.pdf
    """
    from netaudit.cli._common import anonymize_key
    from netaudit.errors import UsageError
    from netaudit.render.report import (
        ReportOptions,
        build_report,
        check_logo,
        check_output,
        select_pages,
        write_report,
    )

    if team:
        if any(v is not None for v in (names, log, groups, since, jobs)) or src.snapshot \
                or src.me:
            raise UsageError("--names, --log, --groups, --since, --snapshot, --me and --jobs "
                             "do not apply with --team (each export's owner is a member)",
                             hint="drop them, or drop --team for one person's report")
        _team_report(src, output, title=title, client=client, prepared_by=prepared_by,
                     logo=logo, pages=pages, targets=targets, force=force, top=top)
        return
    if groups is not None and log is None:
        raise UsageError("--groups adds to the activity page, which needs --log",
                         hint="pass --log ACTIVITY.csv as well")
    # Usage errors before anything is read: an unknown page key lists the valid ones.
    only = select_pages(pages) if pages is not None else None
    if logo is not None:
        check_logo(logo)
    kind = check_output(output, force=force)
    # The lines saying what was read name no one either; the pages are anonymized by the
    # report builder, with the same pseudonyms.
    audit = src.open()
    earlier = since if since is not None else audit.older_export
    older = None
    if earlier is not None:
        from netaudit.cli.history import open_one

        older = open_one(earlier, src, quiet=True)
    # A second bar, after the lines saying what was read: the analyses and the drawing take
    # longer than the reading on a large export.
    with progress_bar(not src.silent) as progress:
        audit.progress = progress
        results = audit.report_results(names=names, log=log, groups=groups, top=top,
                                       since=older, targets=targets)
        content = build_report(results, ReportOptions(
            title=title, anonymize=src.anonymize, anonymize_companies=src.anonymize_companies,
            anonymize_key=anonymize_key() if src.anonymize else None, top=top,
            client=client, prepared_by=prepared_by, logo=logo, processes=jobs),
            only=only, progress=progress,
            drawing=kind.value)
        written = write_report(content, output, force=force, progress=progress,
                               warn=None if src.quiet else warn)
    _tell_written(src, content, written, kind)


def _tell_written(src: Source, content: Any, written: Path, kind: Any) -> None:
    """What a report command says once the file is written (personal and team reports): the
    JSON object, or the pages left out, the rows set aside and the 'wrote' line."""
    from netaudit.render.report import describe_written

    if src.json:
        print_json({"path": written_path(written, src.names), "format": kind.value,
                    **content.to_dict()})
        return
    if not src.quiet:
        for missing in content.left_out_lines():
            err().print(f"[dim]left out[/] {_escape(missing)}", highlight=False)
        print_set_aside(err(), content.set_aside)
    # Counted from what is on disk: a PNG folder holds one file per chart, not per section.
    out().print(f"wrote {_escape(written_path(written, src.names))}: "
                f"{describe_written(content, written)}", highlight=False, soft_wrap=True)


def _team_report(src: Source, output: Path, *, title: str, client: str, prepared_by: str,
                 logo: Path | None, pages: str | None, targets: Path | None, force: bool,
                 top: int) -> None:
    """``report --team``: the team's combined network (as ``netaudit team`` computes it) as a
    PDF, HTML file or PNG folder, with the personal report's writers."""
    from netaudit.audit import Audit
    from netaudit.cli._common import anonymize_key
    from netaudit.cli.team import _report_members, _team_names
    from netaudit.errors import UsageError
    from netaudit.render.report import (
        ReportOptions,
        check_logo,
        check_output,
        write_report,
    )
    from netaudit.render.report.team import build_team_report, select_team_pages
    from netaudit.userfiles import read_targets

    only = select_team_pages(pages) if pages is not None else None
    if logo is not None:
        check_logo(logo)
    paths = list(src.paths or [])
    if not paths:
        raise UsageError("--team needs the members' exports",
                         hint="pass one export (ZIP, folder or file) per team member")
    kind = check_output(output, force=force)
    wanted = list(dict.fromkeys(read_targets(targets))) if targets is not None else []
    with progress_bar(not src.silent) as progress:
        outcome = Audit.team(paths, targets=wanted, fmt=src.fmt, column_map=src.column_map,
                             keep_people=src.anonymize, progress=progress)
    identities = (outcome.identities if src.anonymize else [{} for _ in outcome.members])
    src.names = _team_names(outcome.members, identities, src.anonymize,
                            src.anonymize_companies)
    _report_members(outcome.members, paths, identities, src.names, src.silent)
    result = outcome.report
    if src.names is not None:
        from netaudit.render.anonymize import anonymous_team

        result = anonymous_team(result, src.names, [str(p) for p in paths])
    options = ReportOptions(
        title=title, anonymize=src.anonymize, anonymize_companies=src.anonymize_companies,
        anonymize_key=anonymize_key() if src.anonymize else None, top=top, client=client,
        prepared_by=prepared_by, logo=logo)
    content = build_team_report(result, options, names=src.names, only=only,
                                exports=list(zip([str(p) for p in paths], outcome.members,
                                                 strict=True)))
    with progress_bar(not src.silent) as progress:
        written = write_report(content, output, force=force, progress=progress,
                               warn=None if src.quiet else warn)
    _tell_written(src, content, written, kind)
