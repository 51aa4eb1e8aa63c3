"""``netaudit analyze``: the one-screen audit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import WRITES, Source, _escape, err, flag, print_set_aside, written_path
from netaudit.cli.app import command


@command(options=WRITES)
def analyze(
    src: Source,
    out_dir: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="DIR",
                     help="Also write the tables as CSV and the charts as PNG in this folder "
                          "(e.g. reports/)."),
    ] = None,
    # The old name of -o, kept working but not shown: -o/--output in every command (issue 15).
    out_alias: Annotated[Path | None, typer.Option("--out", hidden=True, help="The old name of -o/--output.")] = None,
    force: Annotated[bool, flag("--force", help="Overwrite files in the -o folder.")] = False,
) -> None:
    """Audit a network: size, growth, who asked whom, who you talk to, reply rate, dormant ties.

    Definitions of every figure: see the README section "What the numbers mean".

    Example: netaudit analyze samples/Basic_LinkedInDataExport_11-20-2026.zip
    """
    from netaudit.render.anonymize import anonymous_summary

    out_dir = out_dir or out_alias
    from netaudit.render.terminal import render_summary

    audit = src.open()
    summary = src.compute(lambda audit: audit.summary)
    shown = src.show(summary, render_summary, anonymous_summary,
                     set_aside=(audit.set_aside, print_set_aside, None))
    if out_dir is not None:
        from netaudit.cli._common import anonymize_key
        from netaudit.render.report import summary_report, write_summary_files

        hidden = src.names is not None
        charts = summary_report(audit.report_results(), anonymize=hidden,
                                companies=src.anonymize_companies,
                                key=anonymize_key() if hidden else None)
        written = write_summary_files(shown, charts, out_dir, force=force)
        err().print(f"wrote {len(written)} files to "
                    f"{_escape(written_path(out_dir, src.names))}", highlight=False)

