"""The report writer: a PDF, one HTML file, or a folder of PNG charts, chosen by the suffix of
the output path; and the one writer of a folder of charts (also used by ``analyze --out``)."""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netaudit import interrupts
from netaudit.errors import OutputError, OutputExists
from netaudit.progress import Progress
from netaudit.render.charts import save
from netaudit.render.export import check_writable, make_parent, write_csv
from netaudit.render.html import write_html
from netaudit.render.pdf import write_pdf
from netaudit.render.report.aside import existing_objects_left_alone
from netaudit.render.report.content import (
    FORMAT_MEANING,
    Report,
    ReportFormat,
    Section,
    format_for,
    plural,
)

if TYPE_CHECKING:
    from netaudit.analyses.summary import Summary


def check_output(path: Path, *, force: bool = False) -> ReportFormat:
    """The format of ``path``, after checking that it can be written: call it before the
    data is read, so that a report that cannot be written fails at once."""
    fmt = format_for(path)
    if fmt is ReportFormat.PNG:
        if path.exists() and not path.is_dir():
            raise OutputError("exists and is not a folder",
                              hint="give a folder name, or a name ending in .pdf or .html",
                              path=path)
    else:
        check_writable(Path(path), force)
    return fmt


def write_report(report: Report, path: Path, *, force: bool = False,
                 progress: Progress | None = None,
                 warn: Callable[[str], None] | None = None) -> Path:
    """Write ``report`` to ``path`` in the format its suffix asks for (see :func:`format_for`).

    Atomic: a failed run leaves no half-written file or folder behind. Refuses to overwrite
    an existing output unless ``force``. ``progress(description, done, total)`` hears the
    pages written ("writing PDF pages") or the charts drawn ("drawing charts"). ``warn``
    hears what the reader should know about the file (a PDF or PNG slides: letters no font
    could draw).
    """
    with existing_objects_left_alone():
        return _write(report, Path(path), force=force, progress=progress, warn=warn)


def _write(report: Report, path: Path, *, force: bool, progress: Progress | None,
           warn: Callable[[str], None] | None) -> Path:
    fmt = format_for(path)
    if fmt is ReportFormat.PDF:
        return write_pdf(report, path, force=force, progress=progress, warn=warn)
    writer = _writer(fmt)
    if fmt is not ReportFormat.PNG:  # HTML: the browser draws the names, with its own fonts
        return writer(report, path, force=force, progress=progress)
    from netaudit.render import fonts

    fonts.take_uncovered()
    written = writer(report, path, force=force, progress=progress)
    missing = fonts.uncovered_warning()
    if missing and warn is not None:
        warn(missing)
    return written


def describe_written(report: Report, path: Path) -> str:
    """What :func:`write_report` wrote at ``path``, counted from the file or folder on disk
    (not from the report's content): PDF pages, HTML sections and charts, PNG files.

    >>> import tempfile
    >>> from netaudit.render.report.content import Cover
    >>> folder = Path(tempfile.mkdtemp())
    >>> report = Report(Cover("t", "", [], "", "", False),
    ...                 [Section("summary", "S", "", "", figure=print), Section("prune", "P", "", "")], [])
    >>> _ = (folder / "01-summary.png").write_bytes(b"")
    >>> describe_written(report, folder)
    'a folder of PNG slides, one per chart and per list of people: 1 PNG file (1 of the 2 sections is a table without a slide)'
    """
    path = Path(path)
    fmt = format_for(path)
    what = FORMAT_MEANING[fmt]
    if fmt is ReportFormat.PDF:
        from netaudit.render.pdf import page_count

        return (f"{what}: {plural(page_count(path), 'page')} "
                f"({plural(len(report.sections), 'finding')})")
    if fmt is ReportFormat.HTML:
        document = path.read_text(encoding="utf-8")
        # The findings' sections, read back from the file; the appendix is not one.
        sections = document.count("<section id=") - document.count('<section id="appendix"')
        return (f"{what}: {plural(sections, 'section')}, "
                f"{plural(document.count('<figure>'), 'chart')}")
    written = sum(1 for name, _ in png_names(report) if (path / name).is_file())
    tables = len(report.sections) - len(png_names(report))
    text = f"{what}: {plural(written, 'PNG file')}"
    if tables:
        text += (f" ({tables:,} of the {plural(len(report.sections), 'section')} "
                 f"{'is a table' if tables == 1 else 'are tables'} without a slide)")
    return text


def _writer(fmt: ReportFormat) -> Callable[..., Path]:
    if fmt is ReportFormat.PDF:
        return write_pdf
    if fmt is ReportFormat.HTML:
        return write_html
    if fmt is ReportFormat.PNG:
        return write_png_folder
    raise AssertionError(f"unhandled report format {fmt}")  # pragma: no cover


#: The lists of people that the report's PNG folder also holds, each as a table slide
#: (warm_paths: the team report's, `report --team`).
TABLE_SLIDES = ("reengage", "prune", "introduce", "warm_paths")


def png_names(report: Report, *, numbered: bool = True) -> list[tuple[str, Section]]:
    """``NN-key.png`` file names of the report's slides, in report order: each section with a
    figure, and the lists of people (:data:`TABLE_SLIDES`). Not ``numbered``: ``key.png`` for
    the charts only, as ``analyze --out`` names them."""
    if not numbered:
        return [(f"{s.key}.png", s) for s in report.sections if s.figure is not None]
    drawn = [s for s in report.sections
             if s.figure is not None or (s.key in TABLE_SLIDES and s.table is not None)]
    return [(f"{i:02d}-{s.key.replace('_', '-')}.png", s) for i, s in enumerate(drawn, start=1)]


def _caption(definition: str, limit: int = 320) -> str:
    """The first sentences of a definition, up to ``limit`` characters (a slide's caption;
    the whole definition is in the PDF's appendix).

    >>> _caption("Bars: one. Line: two. Three.", 22)
    'Bars: one. Line: two.'
    """
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z'])", definition.strip())
    text = sentences[0]
    for sentence in sentences[1:]:
        if len(text) + 1 + len(sentence) > limit:
            break
        text += " " + sentence
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def draw_slide(report: Report, section: Section) -> Any:
    """``section`` as a standalone 16:9 slide: title, headline, its chart (or its table),
    a caption, and a footer with the date and the source of the data."""
    from functools import partial

    from netaudit.render.charts import slide, style, table_chart

    cover = report.cover
    if cover.team:
        # One export per member: their names say it, the three paths would not fit.
        exports = plural(len([c for c, _ in cover.sources if c != "set aside"]), "export")
        sources = (f"the members' {exports}" if cover.anonymized
                   else f"{exports} of {cover.owner}")
    else:
        sources = ("your exports" if cover.anonymized
                   else ", ".join(Path(c).name for c, _ in cover.sources if c != "set aside")
                   or "no input")
    footer = (f"{cover.title}" + (f" for {cover.client}" if cover.client else "")
              + f" · generated {cover.generated} by netaudit"
              + (f" · prepared by {cover.prepared_by}" if cover.prepared_by else "")
              + f" · source: {sources}")
    if section.figure is not None:
        body: Any = section.figure
    else:
        table = section.table
        assert table is not None
        body = partial(table_chart, table.columns, table.rows, numeric=table.numeric,
                       note=table.note)
    with style():
        return slide(body, title=section.title, headline=section.headline,
                     caption=_caption(section.definition), footer=footer, scrub=report.scrub)


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    save(figure, buffer, "png")
    return buffer.getvalue()


def slide_png(report: Report, section: Section) -> bytes:
    """``section``'s slide (:func:`draw_slide`) as PNG bytes: drawn on its own, the same in
    any process (:attr:`Report.drawn_early`)."""
    return _png(draw_slide(report, section))


def write_png_folder(report: Report, folder: Path, *, force: bool = False,
                     progress: Progress | None = None, numbered: bool = True) -> Path:
    """One PNG per figure in ``folder`` (``progress`` hears "drawing charts", n of N): the one
    writer of a folder of charts (the report as PNG, and ``analyze --out``).

    A new folder is written under a temporary name beside it and renamed when complete. Into
    an existing folder each file is written atomically; a file that exists already is only
    replaced with ``force``, and nothing else in the folder is touched.
    """
    folder = Path(folder)
    files = png_names(report, numbered=numbered)
    if folder.exists() and not folder.is_dir():
        raise OutputError("exists and is not a folder",
                          hint="give a folder name, or a name ending in .pdf or .html",
                          path=folder)
    if folder.is_dir():
        for name, _ in files:
            if os.path.lexists(folder / name):
                check_writable(folder / name, force=True)  # a device or FIFO: never replaced
    if folder.is_dir() and not force:
        clash = [name for name, _ in files if os.path.lexists(folder / name)]
        if clash:
            raise OutputExists(f"already holds {clash[0]}" + (
                f" and {len(clash) - 1} more chart{'s' if len(clash) > 2 else ''}"
                if len(clash) > 1 else ""),
                hint="pass --force to overwrite them, or choose another folder",
                path=folder)
    try:
        make_parent(folder)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp",
                                        dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})",
                          hint="choose another folder with -o", path=folder) from exc
    # The slides drawn while the report was built (by both of its processes).
    early = report.drawn_early if numbered and isinstance(report.drawn_early, dict) else {}
    try:
        for done, (name, section) in enumerate(files):
            if progress is not None:
                progress("drawing charts", done, len(files))
            png = early.get(section.key)
            if png is None:
                png = (slide_png(report, section) if numbered
                       else _png(report.draw(section, titled=True)))
            (staging / name).write_bytes(png)
        if progress is not None:
            progress("drawing charts", len(files), len(files))
        interrupts.check()  # a stop asked for while drawing puts nothing in place
        if folder.is_dir():
            for name, _ in files:
                os.replace(staging / name, folder / name)
            staging.rmdir()
        else:
            # mkdtemp makes the folder private (0700); the result gets the usual permissions.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(staging, 0o777 & ~umask)
            os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def write_summary_files(summary: Summary, charts: Report, folder: Path, *,
                        force: bool = False) -> list[Path]:
    """``netaudit analyze --out DIR``: the summary's tables as CSV (connections by year, top
    companies, top role families) and the charts of ``charts``
    (:func:`netaudit.render.report.summary_report`) as PNG, all from results already
    anonymized when anonymizing."""
    import pandas as pd

    folder = Path(folder)
    # The --out folder itself is the output (created); its parent must exist or --mkdir.
    make_parent(folder)
    folder.mkdir(exist_ok=True)
    by_year = pd.DataFrame({"year": list(summary.connections_by_year),
                            "connections": list(summary.connections_by_year.values())})
    written = [write_csv(by_year, folder / "connections_by_year.csv", force=force),
               write_csv(pd.DataFrame(summary.top_companies, columns=["company", "connections"]),
                         folder / "top_companies.csv", force=force),
               write_csv(pd.DataFrame(summary.top_roles, columns=["role", "connections"]),
                         folder / "top_roles.csv", force=force)]
    write_png_folder(charts, folder, force=force, numbered=False)
    return written + [folder / name for name, _ in png_names(charts, numbered=False)]
