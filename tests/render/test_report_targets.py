"""``report --targets``: the section 'Who you know at your targets' on the hand-written export
of tests/fixtures/due (answers in its EXPECTED.md)."""

from __future__ import annotations

import re
from pathlib import Path

from netaudit.audit import Audit
from netaudit.render import report as rp

DUE = Path(__file__).resolve().parents[1] / "fixtures" / "due"


def _section(**options):
    audit = Audit([DUE / "export"])
    report = rp.build_report(audit.report_results(targets=DUE / "targets.txt"),
                             rp.ReportOptions(**options))
    return next(s for s in report.sections if s.key == "targets")


def _no_scores(text):
    return re.sub(r"\(\d\.\d\d, ", "(S, ", text)


def test_the_targets_section_lists_who_you_know_and_the_targets_with_nobody():
    section = _section()
    # EXPECTED.md: Kestrel -> Ana; Google -> Google LLC (Bo) and Google Cloud (Cy); Meta and
    # Nowhere Corp -> nobody (Metaswitch named as the closest to Meta). Known at 2 of 4; Ana,
    # Bo and Cy each have a contact, so both known targets have a live tie.
    assert section.headline == ("You know someone at 2 of 4 (50.0%) of your targets, with a "
                                "live tie (a contact on record) at 2; 2 have nobody at all.")
    rows = [[_no_scores(c) for c in row] for row in section.table.rows]
    # Cy (wrote and answered, active) ranks above Bo (one message from you, one-way).
    assert rows == [["Kestrel", "Ana Ruiz (S, one-way)", "1"],
                    ["Google", "Cy Dorn (S, active); Bo Li (S, one-way)", "2"],
                    ["Meta", "nobody (closest: Metaswitch)", "0"],
                    ["Nowhere Corp", "nobody", "0"]]


def test_the_targets_section_anonymized_names_nobody():
    section = _section(anonymize=True)
    text = " ".join(" ".join(row) for row in section.table.rows)
    for secret in ("Ana", "Bo Li", "Cy Dorn", "Metaswitch"):
        assert secret not in text
    # Company targets are kept (companies are shown); unmatched ones may be people: numbered.
    assert [row[0] for row in section.table.rows] == ["Kestrel", "Google", "Target 3",
                                                      "Target 4"]


def test_without_targets_the_section_is_absent_and_not_listed_as_left_out():
    report = rp.build_report(Audit([DUE / "export"]).report_results(), rp.ReportOptions())
    assert "targets" not in [s.key for s in report.sections]
    assert not any("targets" in str(line) for line in report.left_out)
