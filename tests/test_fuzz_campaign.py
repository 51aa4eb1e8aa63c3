"""The short version of the issue-16 fuzz campaign (``scripts/fuzz.py``): every target, a
few examples each, so a target that breaks is seen by the suite; the campaign itself runs
thousands (README "Safety")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _fuzz():
    spec = importlib.util.spec_from_file_location("netaudit_fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("netaudit_fuzz", module)
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()


@pytest.mark.parametrize("target", sorted(fuzz.TARGETS))
def test_fuzz_target_holds_on_a_few_examples(target):
    result = fuzz.run_target(target, 1 if target in fuzz.SLOW else 2)
    assert result["failure"] is None
    assert result["examples"] >= 1


def test_a_backspace_in_a_name_is_not_written_raw_into_the_html_report(tmp_path):
    # Found by the campaign: a name holding U+0008 was written raw into the HTML report (a
    # parse error for HTML); U+FFFE too. Both now become U+FFFD.
    fuzz.w_html(tmp_path, ["Ana\x08Ruiz", "Bo\ufffeLi"])


def test_the_campaign_covers_every_importer_and_writer_of_issue_16():
    assert set(fuzz.TARGETS) == {"linkedin", "vcard", "mbox", "message-log", "whatsapp",
                                 "telegram", "facebook", "x", "csv", "json", "graph", "vcf",
                                 "ics", "pdf", "html"}
    # Every general category but Cs (29 of Unicode's 30) is drawn on purpose.
    assert len(fuzz.CATEGORIES) == 29 and "Cs" not in fuzz.CATEGORIES
