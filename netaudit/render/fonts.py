"""Fonts for the PDF report: the base font for Latin, Greek and Cyrillic, and a fallback chain
by script so that names in Kannada, Arabic, Chinese and other scripts print as written.

ReportLab draws TrueType fonts and shapes them with HarfBuzz (uharfbuzz): Kannada conjuncts,
Arabic joining and right-to-left order come out as a reader writes them. The base font is
DejaVu Sans, which matplotlib ships (so the charts and the pages share one face). The
fallbacks are system fonts, looked up in :data:`FONT_DIRS`, first match wins per character:
Debian's ``fonts-noto-core`` (one TrueType file per script) and, for Chinese, Japanese and
Japanese, ``fonts-droid-fallback`` (Apache-2.0, TrueType outlines: the Noto CJK files of
``fonts-noto-cjk`` have PostScript outlines, which ReportLab cannot embed), and for Korean,
which Droid Sans Fallback lacks (no Hangul syllables), ``fonts-nanum``'s Nanum Gothic (SIL
OFL 1.1, TrueType; a system font, not shipped with netaudit). A character no
font covers is drawn in the base font (a box) and reported once; a name is never
transliterated.

A shaped glyph (a conjunct, an Arabic contextual form) has no character of its own, so a PDF
reader would extract a private-use or presentation-form character. :func:`to_unicode` gives
the ToUnicode map of each such glyph the characters it was shaped from, so that copying or
searching a name in the PDF gives back the name as written.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from html import escape as _escape
from itertools import chain
from pathlib import Path
from typing import Any

BASE = "NetauditSans"
BOLD = "NetauditSans-Bold"

#: Where fallback fonts are looked for (Debian's paths; NETAUDIT_FONT_DIRS, separated by
#: os.pathsep, is searched first).
FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/droid",
             "/usr/share/fonts/truetype/nanum", "/usr/share/fonts/truetype",
             "/usr/local/share/fonts")

#: The fallback chain, in order: one TrueType file per script (fonts-noto-core), Hangul
#: (fonts-nanum, :data:`SCRIPT_ONLY`), then CJK ideographs and kana (fonts-droid-fallback).
FALLBACKS = (
    "NotoSansKannada-Regular.ttf", "NotoSansArabic-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf", "NotoSansBengali-Regular.ttf",
    "NotoSansTamil-Regular.ttf", "NotoSansTelugu-Regular.ttf",
    "NotoSansMalayalam-Regular.ttf", "NotoSansGujarati-Regular.ttf",
    "NotoSansGurmukhi-Regular.ttf", "NotoSansSinhala-Regular.ttf",
    "NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf", "NotoSansArmenian-Regular.ttf",
    "NotoSansGeorgian-Regular.ttf", "NotoSansEthiopic-Regular.ttf",
    "NotoSansKhmer-Regular.ttf", "NotoSansMyanmar-Regular.ttf",
    "NotoSans-Regular.ttf", "NanumGothic.ttf", "DroidSansFallbackFull.ttf",
)

#: Hangul: the jamo, the compatibility jamo, the extended jamo and the syllables.
HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
#: Fallbacks that draw one script only. Nanum Gothic also has 4,620 Chinese characters (in
#: their Korean forms) and Latin: Chinese names stay in Droid Sans Fallback, Latin in DejaVu.
#: Droid Sans Fallback has 3 Hangul syllables (가, 힢, 힣): put after Nanum, it no longer draws
#: one syllable of a Korean name in another face.
SCRIPT_ONLY = {"NanumGothic.ttf": HANGUL}

_lock = threading.Lock()
#: (PDF font name, glyph id) -> the characters the glyph was shaped from.
_shaped_from: dict[tuple[str, int], str] = {}
#: Characters no font covers, seen since the last :func:`take_uncovered`.
_uncovered: set[str] = set()


def _mpl_font(name: str) -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def _dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("NETAUDIT_FONT_DIRS", "").split(os.pathsep) if p]
    return [*extra, *(Path(d) for d in FONT_DIRS)]


@cache
def fallback_files() -> tuple[Path, ...]:
    """The fallback fonts found on this machine, in chain order."""
    found = []
    for name in FALLBACKS:
        for folder in _dirs():
            if (folder / name).is_file():
                found.append(folder / name)
                break
    return tuple(found)


@cache
def register() -> None:
    """Register the base fonts with ReportLab (once)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((BASE, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        # Shapable: ReportLab shapes a paragraph only when its style's font is. DejaVu's
        # ligatures (fi, ffi) are mapped back to their letters like any shaped glyph.
        font = TTFont(name, str(_mpl_font(file)))
        font.shapable = True
        pdfmetrics.registerFont(font)
    addMapping(BASE, 0, 0, BASE)
    addMapping(BASE, 1, 0, BOLD)
    addMapping(BASE, 0, 1, BASE)
    addMapping(BASE, 1, 1, BOLD)
    _patch_to_unicode()
    _no_discretionary_ligatures()
    _shape_each_font_apart()


@cache
def _codepoints(path: Path) -> frozenset[int]:
    """The characters ``path`` maps to a glyph (its Unicode cmap, as FreeType picks it: the
    same set as fontTools' getBestCmap for every font of the chain, read in C: the 19
    fallbacks and DejaVu Sans took 0.11 s through fontTools, 0.006 s this way)."""
    from matplotlib import ft2font

    return frozenset(ft2font.FT2Font(str(path)).get_charmap())


@cache
def coverage(path: Path) -> frozenset[int]:
    """The characters fallback ``path`` is used for: those it maps, within its script when
    it is one of :data:`SCRIPT_ONLY`.

    >>> nanum = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
    >>> if nanum.is_file():
    ...     assert ord("민") in coverage(nanum) and ord("王") not in coverage(nanum)
    """
    codes = _codepoints(path)
    ranges = SCRIPT_ONLY.get(path.name)
    if ranges is None:
        return codes
    # The script's 11,600 code points as a set: testing each of Nanum Gothic's 17,666 characters
    # against the ranges took 0.012 s of every chart command's CPU, the intersection 0.001 s.
    return codes & frozenset(chain.from_iterable(range(low, high + 1) for low, high in ranges))


@cache
def _fallback_name(path: Path) -> str:
    """Register ``path`` with ReportLab (on first use) and return its font name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "Netaudit-" + path.stem
    font = TTFont(name, str(path))
    font.shapable = True
    pdfmetrics.registerFont(font)
    return name


@cache
def _base_codepoints() -> frozenset[int]:
    return _codepoints(_mpl_font("DejaVuSans.ttf"))


def _base_first(code: int) -> bool:
    """Latin, Greek, Cyrillic, punctuation and symbols: the base font's own scripts. DejaVu
    Sans also has some Arabic and Hebrew, but the script fonts shape them fully."""
    return code < 0x590 or 0x1D00 <= code < 0x2C00 or 0xA640 <= code < 0xA800


def font_for(char: str) -> str | None:
    """The font that draws ``char``: None for the base font, else a fallback's name."""
    code = ord(char)
    if char.isspace() or (_base_first(code) and code in _base_codepoints()):
        return None
    for path in fallback_files():
        if code in coverage(path):
            return _fallback_name(path)
    if code in _base_codepoints():
        return None
    if not (0x200B <= code <= 0x200F or 0xFE00 <= code <= 0xFE0F):  # joiners, selectors
        with _lock:
            _uncovered.add(char)
    return None


#: Letters DejaVu Sans draws as one ligature glyph (its 'liga' feature).
_LIGATURES = re.compile("f[fil]")

#: Combining marks and joiners stay with the run they follow.
_JOINS = re.compile(r"[\u0300-\u036f\u200c\u200d\ufe00-\ufe0f]")


def runs(text: str) -> Iterator[tuple[str | None, str]]:
    """``text`` cut into (font name or None for the base font, text) runs."""
    current: str | None = None
    start = 0
    for i, char in enumerate(text):
        if char.isspace() or _JOINS.match(char):
            continue
        font = font_for(char)
        if font != current:
            if i > start:
                yield current, text[start:i]
            current, start = font, i
    if start < len(text):
        yield current, text[start:]


def printable(text: str) -> str:
    """``text`` without what no font draws and nobody reads: controls and format characters
    (U+FEFF, bidi marks; joiners stay, they shape Indic and Arabic names) and symbols no font
    covers (the emoji of a display name, "🌱 Priya"). Letters are never dropped.

    >>> printable("\ufeffPriya 🌱")
    'Priya'
    """
    import unicodedata

    kept = []
    for char in text:
        kind = unicodedata.category(char)
        if char in "\u200c\u200d" or char in "\n\t":
            kept.append(char)
        elif kind[0] == "C":
            continue
        elif kind[0] == "S" and ord(char) not in _base_codepoints() and not any(
                ord(char) in coverage(p) for p in fallback_files()):
            continue
        else:
            kept.append(char)
    return re.sub(" {2,}", " ", "".join(kept)).strip()


def markup(text: str) -> str:
    """``text`` as ReportLab paragraph markup: escaped, each run outside the base font in a
    ``<font>`` tag of its fallback."""
    out = []
    parts = list(runs(printable(text)))
    # Only a paragraph with a fallback run is shaped (pdf._p), so only there can DejaVu's
    # ligatures appear.
    shaped = any(font is not None for font, _ in parts)
    for font, run in parts:
        if font is None:
            if shaped and _LIGATURES.search(run):
                _record_shaping(BASE, run)
                _record_shaping(BOLD, run)
            out.append(escape(run))
        else:
            _record_shaping(font, run)
            out.append(f'<font name="{font}">{escape(_visual_words(run))}</font>')
    return "".join(out)


def escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` as entities, quotes kept, as ReportLab's
    markup needs them (what ``xml.sax.saxutils.escape`` gives; importing that module
    imported urllib.request, http.client and ssl: 17-33 ms of every report).

    >>> escape('Ana & "Bo" <Ltd>')
    'Ana &amp; "Bo" &lt;Ltd&gt;'
    """
    return _escape(text, quote=False)


def _visual_words(run: str) -> str:
    """A right-to-left run (Arabic, Hebrew) with its words in the order they stand on the
    page, right to left: HarfBuzz orders the letters inside each word, and ReportLab lays
    the words out left to right. A text extractor reading the line back reverses the run as
    a whole, so 'فاطمة الزهراء' is copied out as written.

    >>> _visual_words("فاطمة الزهراء") == "الزهراء فاطمة"
    True
    >>> _visual_words("王小明")
    '王小明'
    """
    import unicodedata

    strong = next((unicodedata.bidirectional(c) for c in run
                   if unicodedata.bidirectional(c) in ("L", "R", "AL")), "L")
    if strong == "L":
        return run
    lead = run[: len(run) - len(run.lstrip())]
    trail = run[len(run.rstrip()):]
    return lead + " ".join(reversed(run.split())) + trail


def note_uncovered(text: str) -> None:
    """Remember the letters of ``text`` that no font covers (the charts' fonts are the
    same as the pages'), for the one warning of :func:`uncovered_warning`."""
    codes = _base_codepoints().union(*(coverage(p) for p in fallback_files()))
    missing = {c for c in text if ord(c) not in codes and not c.isspace()
               and not (0x200B <= ord(c) <= 0x200F or 0xFE00 <= ord(c) <= 0xFE0F)}
    if missing:
        with _lock:
            _uncovered.update(missing)


def uncovered_warning() -> str | None:
    """The warning about the characters no font covered since the last call (and forget
    them), or None when there were none."""
    missing = take_uncovered()
    if not missing:
        return None
    return (f"{len(missing)} character{'s' if len(missing) != 1 else ''} of names in the "
            f"report have no font on this machine and print as boxes ("
            + " ".join(missing[:10]) + "); install fonts-noto-core, fonts-droid-fallback and fonts-nanum")


def take_uncovered() -> list[str]:
    """Characters no font covered since the last call (sorted), and forget them."""
    with _lock:
        chars = sorted(_uncovered)
        _uncovered.clear()
    return chars


def _record_shaping(font_name: str, run: str) -> None:
    """Shape ``run`` word by word as ReportLab will, and remember which characters each
    glyph stands for (for the ToUnicode map)."""
    import uharfbuzz
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(font_name)
    hb_font = font.hbFont(10)
    for word in run.split():
        buf = uharfbuzz.Buffer()
        buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
        buf.add_str(word)
        buf.guess_segment_properties()
        uharfbuzz.shape(hb_font, buf, FEATURES)
        infos = buf.glyph_infos
        clusters = sorted({info.cluster for info in infos})
        ends = dict(zip(clusters, [*clusters[1:], len(word)], strict=True))
        seen: set[int] = set()
        with _lock:
            for info in infos:
                key = (font_name, info.codepoint)
                if info.cluster in seen:
                    _shaped_from.setdefault(key, "")
                    continue
                seen.add(info.cluster)
                if not _shaped_from.get(key):
                    _shaped_from[key] = word[info.cluster:ends[info.cluster]]


#: The OpenType features text is shaped with: kerning and the standard ligatures (fi, and the
#: conjuncts and joining forms that complex scripts need), not the discretionary ones
#: (DejaVu's 'st' ligature, one glyph for a whole Arabic word), which every typesetter leaves
#: off unless asked.
FEATURES = {"kern": True, "liga": True, "dlig": False}


@cache
def _no_discretionary_ligatures() -> None:
    """ReportLab shapes with discretionary ligatures on (its default features); use
    :data:`FEATURES` instead (the default is a dict that its functions share)."""
    from reportlab.pdfbase import ttfonts

    defaults = getattr(ttfonts.shapeFragWord, "__defaults__", None) or ()
    for value in defaults:
        if isinstance(value, dict) and "dlig" in value:
            value.clear()
            value.update(FEATURES)


@cache
def _shape_each_font_apart() -> None:
    """Shape a word drawn in several fonts one font at a time.

    ReportLab shapes a word (text between spaces) with its first font and then looks the
    glyph ids up in each character's own font: 'ಕೃಷ್ಣ.' (Kannada, then the base font's
    period) drew the period as DejaVu's glyph of the Kannada period's id, an 'ǟ'. Each run of
    one font is shaped on its own here and the pieces joined.
    """
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    original = paragraph.shapeFragWord

    def shape(w: Any, *args: Any, **kwargs: Any) -> Any:
        parts = w[1:]
        names = {getattr(f, "fontName", None) for f, _ in parts
                 if not hasattr(f, "cbDefn")}
        if len(names) <= 1 or any(hasattr(f, "cbDefn") for f, _ in parts):
            return original(w, *args, **kwargs)
        pieces: list[list[Any]] = []
        for frag, text in parts:
            if pieces and pieces[-1][-1][0].fontName == frag.fontName:
                pieces[-1].append((frag, text))
            else:
                pieces.append([(frag, text)])
        joined = ttfonts.makeShapedFragWord(w)([])
        width = 0.0
        for piece in pieces:
            part = w.__class__([sum(ttfonts.pdfmetrics.stringWidth(t, f.fontName, f.fontSize)
                                    for f, t in piece), *piece])
            shaped = original(part, force=True)
            width += shaped[0]
            joined.extend(shaped[1:])
        joined.insert(0, width)
        return joined

    paragraph.shapeFragWord = shape


@cache
def _patch_to_unicode() -> None:
    """Give ReportLab's ToUnicode maps the characters a shaped glyph stands for."""
    from reportlab.pdfbase import pdfmetrics, ttfonts

    original = ttfonts.makeToUnicodeCMap

    def make(fontname: str, subset: list[int]) -> str:
        # fontname is 'AAAAAA+<face name>'; find the registered font of that face.
        face = fontname.split("+", 1)[-1]
        font = next((f for f in pdfmetrics._fonts.values()
                     if getattr(getattr(f, "face", None), "name", b"") in (face, face.encode())),
                     None)
        cmap = original(fontname, subset)
        if font is None:
            return cmap
        for i, code in enumerate(subset):
            gid = font.face.charToGlyph.get(code)
            text = _shaped_from.get((font.fontName, gid)) if gid is not None else None
            if text is None:
                continue
            # One glyph, the characters it was shaped from (none for the second glyph of a
            # character drawn in two: '<>' maps it to nothing).
            cmap = cmap.replace(f"<{i:02X}> <{code:04X}>",
                                f"<{i:02X}> <{text.encode('utf-16-be').hex().upper()}>", 1)
        return cmap

    ttfonts.makeToUnicodeCMap = make


@contextmanager
def collecting() -> Iterator[None]:
    """Forget shaping records when done (they belong to one document)."""
    try:
        yield
    finally:
        with _lock:
            _shaped_from.clear()
