"""``netaudit analyze``: the one-screen audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    print_set_aside,
    print_shown_json,
)
from netaudit.cli.app import app


@app.command()
@handles_errors
def analyze(
    paths: OptionalPaths = None,
    me: Me = None,
    fmt: Format = None,
    mapping: Map = None,
    json: Json = False,
    quiet: Quiet = False,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the tables as CSV and the charts as PNG here "
                                   "(e.g. reports/)."),
    ] = None,
    force: Annotated[bool, flag("--force", help="Overwrite files in --out.")] = False,
    anonymize: Anonymize = False,
    anonymize_companies: AnonymizeCompanies = False,
    anonymize_key: AnonymizeKey = None,
    snapshot: Snapshot = None,
    db: Db = None,
) -> None:
    """Audit a network: size, growth, who asked whom, who you talk to, reply rate, dormant ties.

    Definitions of every figure: see the README section "What the numbers mean".
    """
    from netaudit.render.terminal import render_summary

    check_anonymize(anonymize, anonymize_companies)
    audit, names = open_shown(paths, me, fmt, mapping, quiet or json, anonymize=anonymize,
                              anonymize_companies=anonymize_companies, snapshot=snapshot,
                              db=db)
    summary = audit.summary
    if names is not None:
        from netaudit.render.anonymize import anonymous_summary

        summary = anonymous_summary(summary, names)
    from netaudit.model import set_aside_counts

    set_aside = set_aside_counts(audit.network)
    if json:
        print_shown_json({**summary.to_dict(), "set_aside": set_aside}, names)
    else:
        render_summary(out(), summary)
        print_set_aside(set_aside)
    if out_dir is not None:
        from netaudit.cli._common import anonymize_key as anonymize_key_of_run
        from netaudit.render.report import summary_report, write_summary_files

        charts = summary_report(audit.report_results(), anonymize=names is not None,
                                companies=anonymize_companies,
                                key=anonymize_key_of_run() if names is not None else None)
        written = write_summary_files(summary, charts, out_dir, force=force)
        err().print(f"wrote {len(written)} files to {out_dir}")
