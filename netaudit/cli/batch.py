"""``netaudit batch``: many exports (an agency's clients) into Parquet tables, one partition
per export; see docs/batch.md."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netaudit.cli._common import EXIT_INPUT, Source, err, progress_bar
from netaudit.cli.app import command

Exports = Annotated[
    list[Path],
    typer.Argument(metavar="PATH", help="One export per path (a LinkedIn ZIP or folder, an "
                   "mbox, a message CSV…); a shell pattern such as clients/*/*.zip gives many.",
                   show_default=False),
]


@command(options=("json", "quiet", "paths"), paths=Exports)
def batch(
    src: Source,
    out_dir: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="DIR", help="Folder of the Parquet tables "
                     "(created if missing; exports already in it are skipped)."),
    ] = None,
    # The old name of -o, kept working but not shown: -o/--output in every command (issue 15).
    old_out: Annotated[Path | None, typer.Option("--out", hidden=True,
                                                 help="The old name of -o/--output.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N",
                                      help="Worker processes (1: none, all in this one).")] = 1,
) -> None:
    """Audit many exports at once: every `analyze` figure as one row per export, and the
    per-person tables (ties, outreach), as Parquet in DIR/export=<id>/.

    Resumable: an export already in DIR is skipped. A failed export is listed (and in
    DIR/failures.parquet) and the others go on; the exit code is then 1. See docs/batch.md.

    Example: netaudit batch samples/Basic_LinkedInDataExport_11-20-2026.zip samples/networks/linkedin -o tables
    """
    from netaudit.batch import run_batch
    from netaudit.render.batch_terminal import render_batch

    out_dir = out_dir or old_out
    if out_dir is None:
        from netaudit.errors import UsageError

        raise UsageError("missing option -o/--output DIR",
                         hint="e.g. netaudit batch clients/*.zip -o tables")

    with progress_bar(not src.silent) as progress:
        result = run_batch(src.paths or [], out_dir, jobs=jobs, progress=progress)
    src.show(result.to_dict(), render_batch)
    if result.failed:
        if src.json and not src.quiet:
            err().print(f"{len(result.failed):,} of {len(result.outcomes):,} exports failed; "
                        f"see {out_dir}/failures.parquet", highlight=False, markup=False)
        raise typer.Exit(EXIT_INPUT)
