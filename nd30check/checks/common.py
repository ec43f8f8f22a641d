"""Helpers shared by the layout checks: size ranges, capitals, bold/italic, text widths, lines.

Why a shared module: every header, body and signature-block rule asks the same questions
("is every visible run 13–14 pt?", "is this line all capitals, counting ``w:caps``?", "how long
is this text compared with the line drawn under it?"), and they must be answered the same way
everywhere — in particular, *unknown* (``None``) must stay unknown so that a check reports
``not-evaluated`` instead of a pass.

Tri-state answers: helpers that judge a property over several runs return ``True`` (all runs
have it), ``False`` (at least one run certainly lacks it) or ``None`` (no run lacks it but at
least one is unknown).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Document, HLine, Paragraph, Run

DEFAULT_SIZE_TOLERANCE = 0.25  # pt; the decree's sizes are whole points, Word stores half points

# --------------------------------------------------------------------------------------------
# Runs and sizes
# --------------------------------------------------------------------------------------------


def text_runs(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> list[Run]:
    """Visible runs of one or more paragraphs; runs drawn by signature stamps are left out
    unless asked for (their font and size are the signing software's, not the author's)."""
    if isinstance(paras, Paragraph):
        paras = [paras]
    out: list[Run] = []
    for p in paras:
        runs = [r for r in p.runs if r.visible and (include_stamps or not r.from_signature)]
        big = max((r.size for r in runs if r.size is not None), default=None)
        out.extend(r for r in runs if not _is_marker(r, big))
    return out


def _is_marker(run: Run, biggest: float | None) -> bool:
    """A footnote reference / superscript marker ("1", "(2)", "*") set much smaller than the
    text around it: not text of the element, so not judged for size or weight."""
    t = run.text.strip()
    if not t or len(t) > 4 or run.size is None or biggest is None:
        return False
    return run.size < 0.8 * biggest and all(c.isdigit() or c in "()*" for c in t)


def size_in(size: float | None, lo: float, hi: float, tol: float = DEFAULT_SIZE_TOLERANCE,
            error: float | None = None) -> bool | None:
    """Is ``size`` inside [lo, hi] with ``tol`` points of slack? None when unknown.

    An estimated size (``error`` = its ± points, from OCR) answers only when it is clearly
    inside or clearly outside: the half-point sizes a word processor can set that lie within
    the error bar (the nearest one if none does) must all be in the range, or all out of it;
    otherwise None."""
    if size is None:
        return None
    if not error:
        return lo - tol <= size <= hi + tol
    k0, k1 = math.ceil((size - error) * 2 - 1e-9), math.floor((size + error) * 2 + 1e-9)
    cands = [k / 2 for k in range(k0, k1 + 1)] or [round(size * 2) / 2]
    inside = [lo - 1e-9 <= c <= hi + 1e-9 for c in cands]
    if all(inside):
        return True
    if not any(inside):
        return False
    return None


def run_size_in(run: Run, lo: float, hi: float, tol: float = DEFAULT_SIZE_TOLERANCE) -> bool | None:
    """``size_in`` for a run, with its estimate's error bar when it has one."""
    return size_in(run.size, lo, hi, tol, run.size_error)


def fmt_pt(value: float | None) -> str:
    """12.0 → "12", 12.5 → "12.5", None → "?"."""
    if value is None:
        return "?"
    r = round(value * 2) / 2
    return str(int(r)) if r == int(r) else f"{r:g}"


def fmt_range(lo: float, hi: float) -> str:
    """(13, 14) → "13–14"; (13, 13) → "13"."""
    return fmt_pt(lo) if abs(hi - lo) < 1e-9 else f"{fmt_pt(lo)}–{fmt_pt(hi)}"


@dataclass(slots=True)
class SizeVerdict:
    """Result of checking the sizes of an element's runs against a range."""

    ok: bool | None  # True all in range, False some out of range, None nothing measurable
    sizes: list[float]  # distinct measured sizes (rounded to half points), sorted
    bad: list[float]  # distinct sizes outside the range
    unknown: int  # visible runs whose size is unknown

    @property
    def actual(self) -> str:
        """Short "actual" value for a finding: the offending sizes, else all sizes."""
        shown = self.bad or self.sizes
        return ", ".join(fmt_pt(s) for s in shown) if shown else "?"


def check_sizes(
    paras: Paragraph | Iterable[Paragraph],
    lo: float,
    hi: float,
    tol: float = DEFAULT_SIZE_TOLERANCE,
    *,
    include_stamps: bool = False,
) -> SizeVerdict:
    """Judge every visible run's effective size against [lo, hi] ± tol.

    A run of unknown size never makes the element pass: if nothing is out of range but some
    runs are unknown, ``ok`` is None (the caller reports not-evaluated)."""
    runs = text_runs(paras, include_stamps=include_stamps)
    sizes: set[float] = set()
    bad: set[float] = set()
    unknown = 0
    for r in runs:
        state = run_size_in(r, lo, hi, tol)
        if state is None:  # unknown, or an estimate too close to the range's edge to say
            unknown += 1
            continue
        s = round(r.size * 2) / 2  # type: ignore[operator]
        sizes.add(s)
        if not state:
            bad.add(s)
    if bad:
        ok: bool | None = False
    elif unknown or not runs:
        ok = None
    else:
        ok = True
    return SizeVerdict(ok, sorted(sizes), sorted(bad), unknown)


def dominant_size(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> float | None:
    """The size carrying the most characters (half-point rounded), None when unknown."""
    weight: dict[float, int] = {}
    for r in text_runs(paras, include_stamps=include_stamps):
        if r.size is None:
            continue
        s = round(r.size * 2) / 2
        weight[s] = weight.get(s, 0) + len(r.text.strip())
    if not weight:
        return None
    return max(sorted(weight), key=lambda s: weight[s])


# --------------------------------------------------------------------------------------------
# Capitals, bold, italic
# --------------------------------------------------------------------------------------------


def letters_upper(text: str) -> tuple[int, int]:
    """(letters, lower-case letters) in ``text``."""
    letters = lower = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch.islower():
                lower += 1
    return letters, lower


def is_all_caps(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """Every letter is shown in capitals (``Run.caps`` counts: Word shows those runs in capitals).

    None when there are no letters at all."""
    runs = text_runs(paras, include_stamps=include_stamps)
    letters = 0
    for r in runs:
        n, low = letters_upper(r.shown_text)
        letters += n
        if low:
            return False
    return True if letters else None


def lower_letters(paras: Paragraph | Iterable[Paragraph]) -> str:
    """The words holding lower-case letters (for messages: what is not in capitals)."""
    words: list[str] = []
    for r in text_runs(paras):
        for w in r.shown_text.split():
            if any(c.islower() for c in w) and w not in words:
                words.append(w)
    return " ".join(words[:6])


def _all(runs: Sequence[Run], attr: str, want: bool) -> bool | None:
    if not runs:
        return None
    unknown = False
    for r in runs:
        v = getattr(r, attr)
        if v is None:
            unknown = True
        elif v != want:
            return False
    return None if unknown else True


def all_bold(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """Every visible run bold: True / False (one run certainly not bold) / None (unknown)."""
    return _all(text_runs(paras, include_stamps=include_stamps), "bold", True)


def none_bold(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """No visible run bold."""
    return _all(text_runs(paras, include_stamps=include_stamps), "bold", False)


def all_italic(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """Every visible run italic."""
    return _all(text_runs(paras, include_stamps=include_stamps), "italic", True)


def all_upright(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """No visible run italic ("đứng")."""
    return _all(text_runs(paras, include_stamps=include_stamps), "italic", False)


# --------------------------------------------------------------------------------------------
# Text widths (Times New Roman advance widths; Liberation Serif has identical metrics)
# --------------------------------------------------------------------------------------------

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
    word by word as Word does; without it a DOCX line longer than its cell is over-estimated."""
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


# --------------------------------------------------------------------------------------------
# Lines drawn under text
# --------------------------------------------------------------------------------------------


def is_marker_paragraph(p: Paragraph) -> bool:
    """A paragraph holding only a footnote marker (PDF layout may split "¹" off its line)."""
    vis = [r for r in p.runs if r.visible]
    return bool(vis) and len(p.text.strip()) <= 4 and all(c.isdigit() or c in "()*" for c in p.text.strip())


_LINELESS_ROLES = frozenset({"quoc-hieu", "co-quan-chu-quan", "ten-loai"})


def lines_under(doc: Document, paras: Paragraph | Sequence[Paragraph], *, gap: int = 2) -> list[HLine]:
    """Horizontal lines belonging to an element: anchored to its paragraphs, to the empty
    paragraphs right after its last one (Word users often draw the line in an empty paragraph),
    to a paragraph of underscores right under it, or the paragraphs' bottom borders. With
    geometry (PDF), lines and underscore paragraphs just below the element and overlapping it
    horizontally count too, since reading order interleaves the two header columns."""
    if isinstance(paras, Paragraph):
        paras = [paras]
    paras = [p for p in paras if not is_marker_paragraph(p)] or list(paras)
    if not paras:
        return []
    idx = {p.index for p in paras}
    last = max(idx)
    by_index = {p.index: p for p in doc.paragraphs}
    # follow up to ``gap`` empty / underscore paragraphs after the element (same container, cell)
    anchor = by_index.get(last)
    k, taken = 1, 0
    while taken < gap:
        nxt = by_index.get(last + k)
        k += 1
        if nxt is None or (anchor is not None and nxt.container != anchor.container):
            break
        if anchor is not None and anchor.cell is not None and nxt.cell is not None and (
            anchor.cell.table, anchor.cell.row, anchor.cell.col) != (nxt.cell.table, nxt.cell.row, nxt.cell.col):
            break
        if is_marker_paragraph(nxt):
            continue
        if not (nxt.is_empty or is_rule_text(nxt.text)):
            break
        idx.add(nxt.index)
        taken += 1
    # geometry: paragraphs of underscores just below the element, overlapping it
    el = [p for p in paras if p.bottom is not None and p.x0 is not None and p.x1 is not None and p.page is not None]
    if el:
        low = max(el, key=lambda p: p.bottom)  # type: ignore[arg-type, return-value]
        size = max((r.size for r in low.runs if r.size), default=12.0)
        x0, x1 = min(p.x0 for p in el), max(p.x1 for p in el)  # type: ignore[type-var]
        for p in doc.paragraphs:
            if p.page == low.page and p.top is not None and p.x0 is not None and p.x1 is not None \
                    and low.bottom - 2 <= p.top <= low.bottom + 2.5 * size and p.x1 > x0 and p.x0 < x1 \
                    and is_rule_text(p.text):
                idx.add(p.index)
    out = [h for h in doc.hlines if h.paragraph in idx]
    # DOCX drawings are anchored to a paragraph but placed by offsets: Word users often anchor
    # the line under the Tiêu ngữ on the Quốc hiệu paragraph, the agency's on the parent agency
    # line, the trích yếu's on the tên loại. Lines anchored on such line-less neighbours just
    # above the element (same cell) count as drawn under it.
    first = by_index.get(min(p.index for p in paras))
    if first is not None and first.top is None:
        j = first.index - 1
        while j >= 0:
            q = by_index.get(j)
            if q is None or q.container != first.container or (
                    (q.cell is None) != (first.cell is None)) or (
                    q.cell is not None and first.cell is not None
                    and (q.cell.table, q.cell.row, q.cell.col) != (first.cell.table, first.cell.row, first.cell.col)):
                break
            if q.role not in _LINELESS_ROLES and not q.is_empty:
                break
            out += [h for h in doc.hlines if h.paragraph == j and h.kind in ("shape", "vml") and h not in out]
            j -= 1
    if el:
        for h in doc.hlines:
            if h in out or h.page != low.page or h.y is None or h.x0 is None or h.x1 is None:
                continue
            if low.bottom - 2 <= h.y <= low.bottom + 2.5 * size and h.x1 > x0 and h.x0 < x1:
                out.append(h)
    seen = {id(h) for h in out}
    # a line typed as underscores (a paragraph of its own) that no reader turned into an HLine
    for i in sorted(idx):
        p = by_index.get(i)
        if p is not None and is_rule_text(p.text) and not any(h.paragraph == i for h in out):
            widths = line_widths(p)
            if widths:
                out.append(HLine("underline", max(widths), paragraph=i, page=p.page, x0=p.x0, x1=p.x1))
    for i in sorted(idx):
        p = by_index.get(i)
        if p is not None and p.border_bottom is not None and id(p.border_bottom) not in seen:
            out.append(p.border_bottom)
            seen.add(id(p.border_bottom))
    return out


_RULE_CHARS = set("_‗‾─━―—–-=. \t\u00a0")


def is_rule_text(text: str) -> bool:
    """A paragraph made only of underscores/box-drawing dashes: a line typed as text (the
    decree's own templates draw the lines under the header this way)."""
    t = text.strip()
    return len(t) >= 3 and set(t) <= _RULE_CHARS and any(c in "_‗‾─━―" for c in t)


def hline_length(h: HLine, para: Paragraph | None = None) -> float | None:
    """Length of a line in points: its own length, else its x extent, else (a border spanning
    the paragraph box) the paragraph's box width when known."""
    if h.length is not None:
        return h.length
    if h.x0 is not None and h.x1 is not None:
        return abs(h.x1 - h.x0)
    if para is not None:
        box = para.extra.get("box_width") if para.extra else None
        if isinstance(box, (int, float)):
            return float(box)
        if para.x0 is not None and para.x1 is not None:
            return para.x1 - para.x0
    return None


def ratio_ok(ratio: float, lo: float, hi: float, tol: float = 0.15) -> bool:
    """Is ``ratio`` within [lo, hi] widened by ``tol`` relative (±15 % by default)?"""
    return lo * (1 - tol) <= ratio <= hi * (1 + tol)


def fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "?"
    return f"{ratio:.2f}".rstrip("0").rstrip(".") if ratio < 10 else f"{ratio:.0f}"


# --------------------------------------------------------------------------------------------
# Position helpers
# --------------------------------------------------------------------------------------------


def page_width_of(doc: Document, para: Paragraph) -> float | None:
    """Width of the page a paragraph sits on (PDF page, else its section)."""
    if para.page is not None:
        for pg in doc.pages:
            if pg.number == para.page:
                return pg.width
    if 0 <= para.section < len(doc.sections):
        return doc.sections[para.section].page_width
    return doc.sections[0].page_width if doc.sections else None


def side_of(doc: Document, para: Paragraph) -> str | None:
    """"left", "right", "full" or None: which block of the two-column header a paragraph is in.

    Uses the reader's ``column`` when set; else the cell of a two-column layout table; else,
    with geometry, the centre of the text box against the page centre."""
    if para.column is not None:
        return para.column
    if para.cell is not None and 0 <= para.cell.table < len(doc.tables):
        t = doc.tables[para.cell.table]
        if t.cols >= 2:
            # the decree's templates also lay headers out on 3–5 column grids
            if para.cell.col == 0 or para.cell.col < t.cols / 2 - 0.01 and para.cell.col < t.cols - 1:
                return "left"
            return "right"
    if para.x0 is not None and para.x1 is not None:
        width = page_width_of(doc, para)
        if width:
            mid = (para.x0 + para.x1) / 2
            if mid > width * 0.5:
                return "right"
            if mid < width * 0.5:
                return "left"
    return None


def center_x(para: Paragraph) -> float | None:
    if para.x0 is None or para.x1 is None:
        return None
    return (para.x0 + para.x1) / 2


def same_block(doc: Document, a: Paragraph, b: Paragraph) -> bool:
    """Same table cell (DOCX) or same column side."""
    if a.cell is not None and b.cell is not None:
        return (a.cell.table, a.cell.row, a.cell.col) == (b.cell.table, b.cell.row, b.cell.col)
    return side_of(doc, a) == side_of(doc, b)


def joined_text(paras: Iterable[Paragraph], *, shown: bool = True) -> str:
    """Texts of several paragraphs joined by single spaces (an agency name on several lines)."""
    parts = [(p.shown_text if shown else p.text).replace("\n", " ") for p in paras]
    return " ".join(" ".join(t.split()) for t in parts if t.strip())


def is_stamped(para: Paragraph) -> bool:
    return any(r.from_signature and r.visible for r in para.runs)


def is_signed(doc: Document) -> bool | None:
    """Does the file carry at least one digital signature? None when signatures were not read."""
    rep = doc.signatures
    if rep is None or not rep.evaluated:
        return None
    return bool(rep.signatures) or rep.filled_fields > 0
