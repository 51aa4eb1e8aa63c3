"""The report: what it shows (:mod:`.content`, the section builders, :mod:`.build`) and how it
is written (:mod:`.write`: PDF, HTML or a folder of PNG charts).

It receives results (:meth:`netaudit.audit.Audit.report_results`), never the Audit::

    from netaudit import Audit
    from netaudit.render.report import ReportOptions, build_report, write_report

    audit = Audit(["export.zip"])
    report = build_report(audit.report_results(names="names.txt"),
                          ReportOptions(anonymize=True))
    write_report(report, "audit.pdf")
"""

from netaudit.render.report.build import (
    BUILDERS,
    SUMMARY_CHARTS,
    build_report,
    select_pages,
    summary_report,
)
from netaudit.render.report.content import (
    FORMAT_MEANING,
    SUFFIXES,
    TOP_N,
    Cover,
    LeftOut,
    Page,
    Report,
    ReportFormat,
    ReportOptions,
    Results,
    Section,
    Table,
    check_logo,
    format_for,
    generated_on,
    interval,
    pct,
    plural,
)
from netaudit.render.report.write import (
    check_output,
    describe_written,
    png_names,
    write_png_folder,
    write_report,
    write_summary_files,
)

__all__ = ["BUILDERS", "FORMAT_MEANING", "SUFFIXES", "SUMMARY_CHARTS", "TOP_N", "Cover",
           "LeftOut", "Page", "Report", "ReportFormat", "ReportOptions", "Results", "Section",
           "Table", "build_report", "check_logo", "check_output", "select_pages", "describe_written", "format_for",
           "generated_on", "interval", "pct", "plural", "png_names", "summary_report",
           "write_png_folder", "write_report", "write_summary_files"]
