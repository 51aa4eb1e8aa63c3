"""README "Privacy" and "Safety" name, beside each guarantee, the test that pins it (issue
16, Done when): every name cited there must be a test of the suite."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_every_test_named_in_privacy_and_safety_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cited = {name for title in ("Privacy", "Safety")
             for name in re.findall(r"\btest_[a-z0-9_]+", _section(readme, title))}
    defined = {name for path in (ROOT / "tests").rglob("test_*.py")
               for name in re.findall(r"^\s*def (test_[a-z0-9_]+)",
                                      path.read_text(encoding="utf-8"), re.MULTILINE)}
    defined |= {path.stem for path in (ROOT / "tests").rglob("test_*.py")}  # file names
    assert len(cited) > 40  # both sections cite their tests (59 when written)
    assert sorted(cited - defined) == []
