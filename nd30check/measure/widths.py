"""Text widths: Times New Roman advance widths, visual lines of a paragraph, line wrap.

Why here: a .docx does not say how long a line of text is on paper; the lines under the
header elements and the page estimate need it. Liberation Serif has Times New Roman's metrics,
so the widths are exact for TNR text and good to a few per cent otherwise. With positions
(PDF, OCR) the lines' extents are measured instead.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable

from ..model import Paragraph, Run

# Advance widths in 1/1000 em, extracted with fontTools from Liberation Serif 2.1.5
# (metric-compatible with Times New Roman). Vietnamese precomposed letters have the advance
# of their base letter (checked for Ộ, ệ, ạ, Ủ, ữ), so only bases are listed.
_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "ĐđƠơƯư–—“”‘’…"
)


_WIDTHS: dict[tuple[bool, bool], tuple[int, ...]] = {
    (False, False): (
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
        722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
        278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 722, 500, 722, 529, 776,
        542, 500, 1000, 444, 444, 333, 333, 1000,
    ),
    (True, False): (
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778,
        778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333,
        278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 722, 556, 778, 554, 796,
        600, 500, 1000, 500, 500, 333, 333, 1000,
    ),
    (False, True): (
        250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, 500, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, 920, 611, 611, 667, 722, 611, 611, 722,
        722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556, 389,
        278, 389, 422, 500, 333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500,
        500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541, 722, 500, 722, 534, 754,
        545, 500, 889, 556, 556, 333, 333, 889,
    ),
    (True, True): (
        250, 389, 555, 500, 500, 833, 778, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 832, 667, 667, 667, 722, 667, 667, 722,
        778, 389, 500, 667, 611, 889, 722, 722, 611, 722, 667, 556, 611, 722, 667, 889, 667, 611, 611, 333,
        278, 333, 570, 500, 333, 500, 500, 444, 500, 444, 333, 500, 556, 278, 278, 500, 278, 778, 556, 500,
        500, 500, 389, 389, 278, 556, 444, 667, 500, 444, 389, 348, 220, 348, 570, 722, 500, 722, 537, 775,
        599, 500, 1000, 500, 500, 333, 333, 1000,
    ),
}


_INDEX = {c: i for i, c in enumerate(_CHARS)}


_HORN = {"o": "ơ", "u": "ư", "O": "Ơ", "U": "Ư"}


def _base_char(ch: str) -> str:
    if ch in _INDEX:
        return ch
    d = unicodedata.normalize("NFD", ch)
    base = d[0]
    if "\u031b" in d:  # horn: ơ/ư are wider than o/u
        base = _HORN.get(base, base)
    return base


def char_width(ch: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width in points of one character in Times New Roman at ``size``."""
    if unicodedata.combining(ch):
        return 0.0
    base = _base_char(ch)
    i = _INDEX.get(base)
    table = _WIDTHS[(bool(bold), bool(italic))]
    if i is None:
        w = 500 if not base.isspace() else 250  # unknown glyph: an average advance
    else:
        w = table[i]
    return w * size / 1000.0


def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of ``text`` set in Times New Roman (good to a few % for TNR text)."""
    return sum(char_width(c, size, bold, italic) for c in unicodedata.normalize("NFC", text))


def run_width(run: Run, default_size: float = 13.0) -> float:
    """Estimated width of a run's shown text (capitals when ``caps``), trailing breaks excluded."""
    size = run.size if run.size is not None else default_size
    return text_width(run.shown_text.replace("\t", " "), size, bool(run.bold), bool(run.italic))


def line_widths(para: Paragraph, *, default_size: float = 13.0) -> list[float]:
    """Widths of the visual lines of a paragraph (points).

    PDF: runs carry geometry; runs are grouped into lines by their top and each line's width
    is its x extent. DOCX: the text is split at explicit line breaks ("\\n") and each piece is
    measured with the font metrics (leading/trailing spaces dropped, as Word centres them out).
    When the reader gives the paragraph's box width (``extra["box_width"]``), lines wrap at it
    word by word as Word does; without it a DOCX line longer than its cell is over-estimated.

    Kept whole: two measurements of the same thing (positions, or font metrics with word wrap)
    that must agree in what they return."""
    geo = [r for r in para.runs if r.visible and r.x0 is not None and r.x1 is not None and r.top is not None]
    if geo and len(geo) == len([r for r in para.runs if r.visible]):
        rows: list[list[Run]] = []
        for r in sorted(geo, key=lambda r: (r.top, r.x0)):
            if rows and abs(rows[-1][0].top - r.top) < max(2.0, 0.4 * (r.size or 10)):
                rows[-1].append(r)
            else:
                rows.append([r])
        return [max(r.x1 for r in row) - min(r.x0 for r in row) for row in rows]
    # DOCX (or PDF without per-run geometry): measure the characters, wrapping at the box
    # width when the reader says how wide the paragraph's box is (cell width minus indents)
    box = para.extra.get("box_width") if para.extra else None
    box = float(box) if isinstance(box, (int, float)) and box > 0 else None
    pieces: list[list[tuple[str, Run]]] = [[]]
    for r in para.runs:
        parts = r.shown_text.split("\n")
        for j, part in enumerate(parts):
            if j:
                pieces.append([])
            pieces[-1].append((part, r))
    widths: list[float] = []
    for piece in pieces:
        chars: list[tuple[str, float]] = []
        for t, r in piece:
            size = r.size if r.size is not None else default_size
            for ch in t.replace("\t", " "):
                chars.append((ch, char_width(ch, size, bool(r.bold), bool(r.italic))))
        widths.extend(_wrap(chars, box))
    if para.numbering and widths:
        size = next((r.size for r in para.runs if r.size), default_size)
        widths[0] += text_width(para.numbering + " ", size)
    if not widths and para.x0 is not None and para.x1 is not None:
        widths = [para.x1 - para.x0]
    return widths


def _wrap(chars: list[tuple[str, float]], box: float | None) -> list[float]:
    """Widths of the lines a run of characters makes: greedy word wrap at ``box`` (no wrap when
    None); spaces at line ends don't count (Word lets them hang)."""
    words: list[tuple[float, float]] = []  # (word width, width of the spaces after it)
    w = sp = 0.0
    for ch, cw in chars:
        if ch == " ":
            sp += cw
        else:
            if sp and (w or words):
                words.append((w, sp))
                w, sp = 0.0, 0.0
            elif sp:
                sp = 0.0  # leading spaces
            w += cw
    if w:
        words.append((w, 0.0))
    lines: list[float] = []
    cur = 0.0
    pending = 0.0
    for ww, after in words:
        if cur and box is not None and cur + pending + ww > box:
            lines.append(cur)
            cur, pending = ww, after
        else:
            cur += pending + ww
            pending = after
    if cur:
        lines.append(cur)
    return lines


def longest_line(paras: Paragraph | Iterable[Paragraph], *, max_width: float | None = None) -> float | None:
    """Width of the longest visual line of an element (several paragraphs allowed)."""
    if isinstance(paras, Paragraph):
        paras = [paras]
    best: float | None = None
    for p in paras:
        for w in line_widths(p):
            if max_width is not None:
                w = min(w, max_width)
            best = w if best is None else max(best, w)
    return best
