"""Every link to a heading of the README or docs/ (``#anchor``) lands on a heading that exists:
the parser tables moved from the README to docs/formats.md (issue 15), and a link left
pointing at the old place would open the top of the page instead."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, markup and punctuation dropped, spaces to
    hyphens ('Facebook, X / Twitter' -> 'facebook-x--twitter')."""
    text = re.sub(r"[`*]", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, flags=re.M):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def test_slug_by_hand():
    assert slug('LinkedIn export ("Get a copy of your data", Basic or Complete)') == \
        "linkedin-export-get-a-copy-of-your-data-basic-or-complete"
    assert slug("Facebook, X / Twitter, WhatsApp and Telegram exports") == \
        "facebook-x--twitter-whatsapp-and-telegram-exports"
    assert slug("`analyze`") == "analyze"


def test_every_heading_link_lands_on_a_heading():
    broken, checked = [], 0
    for page in PAGES:
        text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
        for target, anchor in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", text):
            if "://" in target or not (target == "" or target.endswith(".md")):
                continue
            linked = page if target == "" else (page.parent / target).resolve()
            checked += 1
            if anchor not in anchors(linked):
                broken.append(f"{page.name}: {target}#{anchor}")
    assert broken == []
    assert checked > 20  # the README alone links its own sections and docs/ many times
