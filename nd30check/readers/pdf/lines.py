"""PDF page layout, first half: positioned glyphs → visual lines → two-column zones.

A PDF has no lines or words, only positioned glyphs. This groups them by baseline into lines
(dropping what lies off the sheet and flagging the lines it cuts), joins raised marks, fills
blanks with text drawn by a signature appearance, and splits lines at table cells and at the
gutter of the header's and signature's two blocks. Geometry only: the checks judge.

Constants and why:
* ``LINE_FACTOR = 1.15``: one "single" line of Times New Roman (and the metric-compatible
  Liberation Serif) is (ascender 1825 + descender 443 + line gap 87) / 2048 ≈ 1.15 em in
  Word and LibreOffice. ``line_spacing`` = baseline pitch / (1.15 × font size), so 1.0 is
  single and 1.5 is "1.5 lines".
* A gap wider than ``WORD_GAP`` em between two glyphs is a word space (text drawn glyph by
  glyph still comes out as words).
"""

from __future__ import annotations

import re
import statistics
from operator import attrgetter
from typing import Any, Iterable

from ...model import nfc
from .content import Glyph

_X0, _X1, _TOP, _BOTTOM = (attrgetter(a) for a in ("x0", "x1", "top", "bottom"))
_Y_X0 = attrgetter("y", "x0")
_X0_SEQ = attrgetter("x0", "seq")

LINE_FACTOR = 1.15
WORD_GAP = 0.2  # em
COLUMN_GAP_EM = 1.2  # a column gap is at least this wide (em) …
COLUMN_GAP_RATIO = 2.5  # … and this many times the line's widest other word gap (justified lines)
_PN = re.compile(r"^[\s\-–—]*(\d{1,3})[\s\-–—]*$")
_NO_SPACE_AFTER = set("/-–(")
_NO_SPACE_BEFORE = set("/-–).,;:")


class Line:
    """A visual line (or one side of a split line) on one page."""

    __slots__ = ("glyphs", "y", "top", "bottom", "x0", "x1", "size", "page", "col", "zone", "pn", "sig_only", "row", "cell",
                 "_ink", "word_gap", "cut")

    def __init__(self, glyphs: list[Glyph], page: int):
        self.glyphs = glyphs
        self.page = page
        self.col = "full"
        self.zone = -1
        self.pn = False
        self.row = 0
        self.cell: tuple[int, int, int] | None = None  # (table, row, col) for text in a ruled table
        self.cut: str | None = None  # "left"/"right": glyphs of this line lie past that side of the page (not shown)
        self.refresh()

    def refresh(self) -> None:
        glyphs = self.glyphs
        ink = [g for g in glyphs if not g.text.isspace()]
        self._ink = ink
        ink = ink or glyphs
        self.x0 = min(map(_X0, ink))
        self.x1 = max(map(_X1, ink))
        self.top = min(map(_TOP, ink))
        self.bottom = max(map(_BOTTOM, ink))
        weights: dict[float, int] = {}
        for g in ink:
            weights[g.size] = weights.get(g.size, 0) + len(g.text)
        merged: dict[float, int] = {}
        for k, v in weights.items():
            r = round(k, 1)
            merged[r] = merged.get(r, 0) + v
        self.size = max(merged.items(), key=lambda kv: (kv[1], kv[0]))[0]
        ys = sorted(g.y for g in ink if abs(g.size - self.size) < 0.051)
        self.y = ys[len(ys) // 2] if ys else ink[0].y
        self.sig_only = all(g.sig for g in ink)
        self.word_gap = _word_gap(ink)

    @property
    def ink(self) -> list[Glyph]:
        return self._ink

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2

    def text(self) -> str:
        return glyph_text(self.glyphs, self.word_gap)

    def first_word_width(self) -> float:
        """Width of the first word: what would have had to fit at the end of the line above."""
        ink = self.ink
        if not ink:
            return 0.0
        end = ink[0].x1
        for g in ink[1:]:
            if g.x0 - end > WORD_GAP * g.size:
                break
            end = g.x1
        return end - ink[0].x0

    def style(self) -> tuple[bool | None, bool | None]:
        """(all bold / none bold / None mixed, same for italic) over visible glyphs."""
        ink = self.ink
        bolds = {bool(g.font and g.font.bold) for g in ink}
        itals = {bool(g.oblique or (g.font and g.font.italic)) for g in ink}
        return (bolds.pop() if len(bolds) == 1 else None, itals.pop() if len(itals) == 1 else None)


def _word_gap(ink: list[Glyph]) -> float:
    """The gap (em) above which two glyphs of this line are two words.

    Inside a word, glyphs placed by their advance widths touch (gap ≈ 0, kerning a little
    less); between words there is a space, drawn or not. Converters that place every glyph
    and condense a line (DevExpress: "Bộ Tư pháp" with 0.19 em between words) go below the
    usual 0.2 em, so the cut sits just above the line's own in-word gaps: the lower quartile
    of its gaps + 0.08 em, at least 0.12 em and at most ``WORD_GAP``. A letter-spaced line
    (Tc) raises its in-word gaps and so its cut."""
    if len(ink) < 4:
        return WORD_GAP
    gaps = sorted(b.x0 - a.x1 for a, b in zip(ink, ink[1:]) if b.x0 >= a.x0)
    if not gaps:
        return WORD_GAP
    em = max(1.0, max(g.size for g in ink))
    q = gaps[len(gaps) // 4] / em
    return min(WORD_GAP, max(0.12, q + 0.08))


def _needs_space(prev: Glyph, g: Glyph, pending: bool, word_gap: float = WORD_GAP) -> bool:
    gap = g.x0 - prev.x1
    em = prev.size if prev.size > g.size else g.size
    if em < 1.0:
        em = 1.0
    if prev.sig != g.sig:  # signature text merged into a blank of the page text
        a = prev.text[-1:] if prev.text else ""
        b = g.text[:1]
        if (not prev.sig and a in _NO_SPACE_AFTER) or (not g.sig and b in _NO_SPACE_BEFORE):
            return False
        # the stamp fills a blank left between two words ("số … /QĐ", "ngày … tháng"): a word
        # boundary, however close the signing software put its text to the word before
        return True
    return pending or gap > word_gap * em


def _drawn_space(prev: Glyph | None, g: Glyph) -> bool:
    """A space glyph that separates words: after the previous visible glyph, not inside it.

    A space drawn over a letter (a spacer run of the neighbouring table cell, a space of
    another size on the same baseline) separates nothing: "CỘ NG" must stay "CỘNG".
    """
    return prev is not None and g.x0 >= prev.x1 - 0.25 * max(prev.size, 1.0)


def glyph_text(glyphs: Iterable[Glyph], word_gap: float = WORD_GAP) -> str:
    """Text of x-sorted glyphs with one space per word gap (spaces drawn or implied)."""
    out: list[str] = []
    prev: Glyph | None = None
    pending = False
    for g in glyphs:
        if g.text.isspace():
            pending = pending or _drawn_space(prev, g)
            continue
        if prev is not None and _needs_space(prev, g, pending, word_gap):
            out.append(" ")
        out.append(g.text)
        prev, pending = g, False
    return nfc("".join(out))


def build_lines(glyphs: list[Glyph], page: int, width: float, height: float) -> list[Line]:
    """Cluster glyphs into visual lines by baseline; drop glyphs outside the page."""
    vis = [g for g in glyphs if g.x1 > -1 and g.x0 < width + 1 and g.y > -1 and g.top < height + 1]
    if not vis:
        return []
    # glyphs on the page's height but past its side: the line they belong to is cut where the sheet ends
    beyond = [g for g in glyphs if (g.x1 <= -1 or g.x0 >= width + 1) and g.y > -1 and g.top < height + 1
              and not g.text.isspace()]
    vis.sort(key=_Y_X0)
    groups: list[list[Glyph]] = []
    cur: list[Glyph] = []
    ref, ref_size = 0.0, 0.0  # baseline of the biggest glyph of the line so far
    for g in vis:
        lim = g.size if g.size > ref_size else ref_size
        if lim > 2.0 * min(g.size, ref_size):
            # sizes this far apart (a scan's seal or signature ink read as a 39 pt "word" beside
            # 11 pt text) share a line only at the small one's tolerance: the big one must not
            # pull the next line's words into this one
            lim = min(g.size, ref_size)
        if cur and abs(g.y - ref) <= 0.3 * (lim if lim > 2.0 else 2.0):
            cur.append(g)
            if g.size > ref_size + 0.5:
                ref, ref_size = g.y, g.size
        else:
            cur = [g]
            groups.append(cur)
            ref, ref_size = g.y, g.size
    lines: list[Line] = []
    for grp in groups:
        grp.sort(key=_X0_SEQ)
        kept: list[Glyph] = []
        for g in grp:  # text drawn twice at the same place (fake bold, shadows)
            if kept and g.text == kept[-1].text and abs(g.x0 - kept[-1].x0) < 0.15 * g.size and g.sig == kept[-1].sig:
                continue
            kept.append(g)
        if any(not g.text.isspace() for g in kept):
            lines.append(Line(kept, page))
    for g in beyond:
        side = "left" if g.x1 <= -1 else "right"
        for ln in lines:
            if abs(g.y - ln.y) <= 0.3 * max(ln.size, g.size, 2.0):
                ln.cut = side if ln.cut in (None, side) else "both"
    return _merge_small(lines)


def _keep_cut(part: Line, whole: Line) -> None:
    """A part of a split line is cut where the whole was, if it holds the whole's end on that side."""
    if whole.cut is None:
        return
    right = whole.cut in ("right", "both") and part.x1 >= whole.x1 - 0.01
    left = whole.cut in ("left", "both") and part.x0 <= whole.x0 + 0.01
    part.cut = "both" if left and right else "right" if right else "left" if left else None


def _merge_small(lines: list[Line]) -> list[Line]:
    """Join superscripts/subscripts (footnote marks, "m²") to the line they are raised from."""
    if len(lines) < 2:
        return lines
    out: list[Line] = []
    dropped: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.size > 0 and len(ln.ink) <= 12:
            best = None
            for j in (i - 1, i + 1, i - 2, i + 2):
                if 0 <= j < len(lines) and j not in dropped:
                    big = lines[j]
                    if ln.size <= 0.8 * big.size and big.top - 1 <= ln.y <= big.y + 0.35 * big.size and \
                            ln.x0 >= big.x0 - big.size and ln.x1 <= big.x1 + 3 * big.size:
                        best = big
                        break
            if best is not None:
                best.glyphs = sorted(best.glyphs + ln.glyphs, key=lambda g: (g.x0, g.seq))
                best.refresh()
                dropped.add(i)
                continue
    for i, ln in enumerate(lines):
        if i not in dropped:
            out.append(ln)
    return out


_LEADER = frozenset(".…_·")


def _blank_under(ln: Line, ax0: float, ax1: float) -> float:
    """How much of [ax0, ax1] is blank in the line: no ink, or only leader dots/underscores
    ("Số: ……/TB-UBND", "ngày …… tháng")."""
    covered = 0.0
    for g in ln.ink:
        if g.text in _LEADER or set(g.text) <= _LEADER:
            continue
        o = min(g.x1, ax1) - max(g.x0, ax0)
        if o > 0:
            covered += o
    return max(0.0, (ax1 - ax0) - covered)


def merge_into_blank(lines: list[Line], extra: list[Glyph]) -> tuple[bool, Line | None]:
    """Put signature-drawn glyphs into the blank of a page line they sit on, if any.

    ``Số:      /UBND-KGVX`` + a widget drawing "507" over the blank → ``Số: 507/UBND-KGVX``.
    The stamp's text need not sit exactly on the line: signing software places it by the
    widget's rectangle, so it may ride a little above or below the baseline, stick out of
    the blank or cover leader dots ("ngày …… tháng"). The line chosen is the nearest one by
    baseline that has a blank under most of the stamp's text; leader dots under it give way.
    Returns (merged, line).
    """
    ink = [g for g in extra if not g.text.isspace()]
    if not ink:
        return False, None
    ax0, ax1 = min(g.x0 for g in ink), max(g.x1 for g in ink)
    ay = statistics.median(g.y for g in ink)
    asz = max(g.size for g in ink)
    best: Line | None = None
    best_d = 1e9
    for ln in lines:
        if ln.sig_only:
            continue
        em = max(ln.size, asz)
        d = abs(ln.y - ay)
        if d > 1.2 * em:
            continue
        if ax0 < ln.x0 - 3 * ln.size or ax1 > ln.x1 + 4 * ln.size:
            continue
        blank = _blank_under(ln, ax0, ax1)
        if blank < 0.5 * (ax1 - ax0):
            continue
        if d > 0.6 * em:
            # off the baseline, the stamp must fill a gap inside the line: text on both sides
            # of it, nothing under it (not a line of the signer block it happens to be near)
            inside = any(g.x1 <= ax0 + 0.3 * em for g in ln.ink) and any(g.x0 >= ax1 - 0.3 * em for g in ln.ink)
            if not inside or blank < 0.8 * (ax1 - ax0):
                continue
        if d < best_d:
            best, best_d = ln, d
    if best is None:
        return False, None
    best.glyphs = [g for g in best.glyphs if not ((g.text.isspace() or set(g.text) <= _LEADER)
                                                   and g.x1 > ax0 - 0.5 and g.x0 < ax1 + 0.5)]
    for g in extra:  # onto the line's baseline: it fills that line's blank
        dy = best.y - g.y
        g.y, g.top, g.bottom = best.y, g.top + dy, g.bottom + dy
    best.glyphs.extend(extra)
    best.glyphs.sort(key=_X0_SEQ)
    best.refresh()
    best.sig_only = False
    return True, best


def split_by_cells(lines: list[Line], grids: list[Any], table_base: int) -> list[Line]:
    """Cut lines at the cells of ruled tables; parts inside a cell get ``cell``."""
    if not grids:
        return lines
    out: list[Line] = []
    for ln in lines:
        parts: dict[tuple[int, int, int] | None, list[Glyph]] = {}
        for g in ln.glyphs:
            key = None
            cy = (g.top + g.bottom) / 2
            for t, grid in enumerate(grids):
                rc = grid.cell_of((g.x0 + g.x1) / 2, cy)
                if rc is not None:
                    key = (table_base + t, rc[0], rc[1])
                    break
            parts.setdefault(key, []).append(g)
        if len(parts) == 1 and None in parts:
            out.append(ln)
            continue
        for key, gl in parts.items():
            if any(not g.text.isspace() for g in gl):
                part = Line(gl, ln.page)
                part.cell = key
                _keep_cut(part, ln)
                part.pn = ln.pn and key is None
                out.append(part)
    return out


def _look(g: Glyph) -> tuple[bool, bool, float]:
    """(bold, italic, size) of a glyph: what changes from one header cell to the next."""
    f = g.font
    return (bool(f and f.bold), bool(g.oblique or (f and f.italic)), round(g.size * 2) / 2)


def _side_look(glyphs: list[Glyph]) -> tuple[bool, bool, float] | None:
    """The look nearly all of a side's letters share (≥ 85 %), or None (no letters, mixed)."""
    counts: dict[tuple[bool, bool, float], int] = {}
    for g in glyphs:
        if any(c.isalnum() for c in g.text):
            k = _look(g)
            counts[k] = counts.get(k, 0) + len(g.text)
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 0.85 * sum(counts.values()) else None


def _tagged_cut(ink: list[Glyph]) -> int:
    """Index of the first glyph of the second cell when a tagged PDF puts the line's text in
    exactly two table cells, one after the other from left to right (nearly every glyph tagged);
    -1 otherwise."""
    own = [g for g in ink if not g.sig]  # a widget's stamped number carries no tag
    tagged = [g.cell for g in own if g.cell is not None]
    if not own or len(tagged) < 0.9 * len(own) or len(set(tagged)) != 2:
        return -1
    first = None
    cut = -1
    for i, g in enumerate(ink):
        if g.cell is None:
            continue
        if first is None:
            first = g.cell
        elif g.cell != first:
            if cut < 0:
                cut = i
        elif cut >= 0:
            return -1  # the cells interleave: not two blocks side by side
    return cut


def split_line(ln: Line, left: float, right: float, gutter: tuple[float, float] | None = None) -> list[Line]:
    """Split a line where two blocks side by side meet (header: Số | date; signature block).

    The cut is the widest gap when it dwarfs the line's word gaps. Blanks left for the number
    and the day ("Số:      /TB-UBND", "ngày      tháng") make wide gaps of their own, so a
    narrower gap still cuts when the page says it is a column boundary: the look changes
    across it (upright "Số: …" | italic date line, another size or weight), or it spans the
    gutter of the two-column block around it (``gutter``: end of the left side, start of the
    right side, from the neighbouring rows). Either way the two parts must sit on the two
    halves of the text box.
    """
    ink = ln.ink
    if len(ink) < 2:
        return [ln]
    mid = (left + right) / 2
    width = right - left
    gaps: list[tuple[float, int, float]] = []  # (gap, index of the glyph after it, end of ink before)
    reach = ink[0].x1
    for i in range(1, len(ink)):
        g = ink[i]
        gaps.append((g.x0 - reach, i, reach))
        if g.x1 > reach:
            reach = g.x1
    if not gaps:
        return [ln]
    ordered = sorted(gaps, reverse=True)
    best_gap, best_i, a = ordered[0]
    second = ordered[1][0] if len(ordered) > 1 else 0.0
    size = ln.size

    def halves(a: float, b: float) -> bool:
        return a < mid + 0.15 * width and b > left + 0.25 * width

    wide = best_gap >= max(COLUMN_GAP_EM * size, 14.0) and best_gap >= COLUMN_GAP_RATIO * second
    # adjacent cells filled to the brim: a narrower gap that still dwarfs every word gap
    tight = best_gap >= 0.9 * size and best_gap >= 3.5 * max(second, 0.2 * size)
    cut_i = _tagged_cut(ink)
    if cut_i >= 0 and halves(max(g.x1 for g in ink[:cut_i]), ink[cut_i].x0):
        pass  # a tagged PDF says where one table cell ends and the next begins
    elif (wide or tight) and halves(a, ink[best_i].x0):
        cut_i = best_i
    else:
        cut_i = -1
        # a gap of a few spaces where the look changes, or across the block's gutter
        words = sorted(g for g, _, _ in gaps if g > 0.05 * size)
        typical = words[len(words) // 2] if words else 0.25 * size
        for gap, i, a in ordered:
            if gap < max(0.6 * size, 2.5 * typical, 4.0):
                break
            b = ink[i].x0
            if not halves(a, b):
                continue
            if gutter is not None and a <= gutter[1] + 0.5 * size and b >= gutter[0] - 0.5 * size:
                cut_i = i
                break
            la, ra = _side_look(ink[:i]), _side_look(ink[i:])
            if la is not None and ra is not None and la != ra:
                cut_i = i
                break
    if cut_i < 0:
        return [ln]
    cut = (max(g.x1 for g in ink[:cut_i]) + ink[cut_i].x0) / 2
    lg = [g for g in ln.glyphs if (g.x0 + g.x1) / 2 < cut]
    rg = [g for g in ln.glyphs if (g.x0 + g.x1) / 2 >= cut]
    out = []
    for part, col in ((lg, "left"), (rg, "right")):
        if any(not g.text.isspace() for g in part):
            p = Line(part, ln.page)
            p.col = col
            p.pn = ln.pn
            _keep_cut(p, ln)
            out.append(p)
    return out


def assign_columns(lines: list[Line], left: float, right: float, zone_base: int) -> tuple[list[Line], int]:
    """Split lines and mark two-column zones (header block, signature block)."""
    rows: list[list[Line]] = []
    for t, ln in enumerate(lines):
        rows.append(split_line(ln, left, right) if not ln.pn and ln.cell is None else [ln])
    # a row left whole next to split rows: cut it where their gutter runs (a narrow gap in a
    # blank-filled "Số:      /TB-UBND  Quảng Ngãi, ngày      tháng …" between header rows)
    for t, ln in enumerate(lines):
        if len(rows[t]) != 1 or ln.pn or ln.cell is not None:
            continue
        near = [rows[k] for k in range(max(0, t - 2), min(len(rows), t + 3)) if k != t and len(rows[k]) == 2
                and abs(rows[k][0].y - ln.y) <= 4.0 * max(ln.size, rows[k][0].size)]
        if near:
            gutter = (max(r[0].x1 for r in near), min(r[1].x0 for r in near))
            if gutter[0] < gutter[1]:
                rows[t] = split_line(ln, left, right, gutter)
    for t, row in enumerate(rows):
        for part in row:
            part.row = t
    n = len(rows)
    centre = (left + right) / 2

    def fit(ln: Line, lx1: float, rx0: float) -> str | None:
        """Which side of the block a lone line belongs to, or None (it ends the block)."""
        if ln.pn or ln.cell is not None or abs(ln.mid - centre) <= max(3.0, 0.04 * (right - left)):
            return None  # page numbers, table text, titles centred on the page
        slack = 0.25 * ln.size
        is_left = ln.x1 <= rx0 - slack
        is_right = ln.x0 >= lx1 + slack
        if is_left and is_right:
            return "left" if ln.mid < (lx1 + rx0) / 2 else "right"
        return "left" if is_left else "right" if is_right else None

    zone_of = [-1] * n
    side: dict[int, str] = {}
    zone = zone_base
    i = 0
    while i < n:
        if len(rows[i]) != 2:
            i += 1
            continue
        zone += 1
        lx1, rx0 = rows[i][0].x1, rows[i][1].x0  # the two sides never cross these
        k = i
        while k + 1 < n:
            r = rows[k + 1]
            if len(r) == 2:
                lx1, rx0 = max(lx1, r[0].x1), min(rx0, r[1].x0)
            else:
                sd = fit(r[0], lx1, rx0)
                if sd is None:
                    break
                nxt = rows[k + 2] if k + 2 < n else None
                if nxt is not None and len(nxt) == 1 and fit(nxt[0], lx1, rx0) is None:
                    above = r[0].top - max(p.bottom for p in rows[k])
                    below = nxt[0].top - r[0].bottom
                    if below < above - 2.0:
                        break  # it leads what follows (e.g. "Kính gửi:" before its list), not the block
                side[k + 1] = sd
                if sd == "left":
                    lx1 = max(lx1, r[0].x1)
                else:
                    rx0 = min(rx0, r[0].x0)
            k += 1
        j = i
        while j - 1 >= 0 and zone_of[j - 1] < 0 and len(rows[j - 1]) == 1:
            sd = fit(rows[j - 1][0], lx1, rx0)
            if sd is None:
                break
            if j - 2 >= 0 and zone_of[j - 2] < 0 and len(rows[j - 2]) == 1 and rows[j - 2][0].x1 >= right - 2.0 \
                    and fit(rows[j - 2][0], lx1, rx0) is None:
                break  # the last line of a justified paragraph above the block
            side[j - 1] = sd
            j -= 1
        for t in range(j, k + 1):
            zone_of[t] = zone
            for part in rows[t]:
                part.zone = zone
                if len(rows[t]) == 1:
                    part.col = side.get(t, "left")
        i = k + 1
    out = [p for r in rows for p in r]
    # a block with text on one side only is not a two-column block
    by_zone: dict[int, set[str]] = {}
    for p in out:
        if p.zone >= 0:
            by_zone.setdefault(p.zone, set()).add(p.col)
    for p in out:
        if p.zone >= 0 and len(by_zone[p.zone]) < 2:
            p.zone, p.col = -1, "full"
    return out, zone
