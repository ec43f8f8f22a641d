"""Second readings of the parts of a page that a whole-page reading gets wrong.

Tesseract's page layout reads the header and the signature area of an administrative
document badly in one known way: the two columns (agency | Quốc hiệu, Số | date, Nơi nhận |
signature block) stand at the same heights, so it joins the left and the right text into one
text line and recognises them together with one baseline and one x-height — which costs
letters and accents on both sides ("Tự đo" for "Tự do", "Nơi nhận: TM.ỦY"). Read on its own,
each column is read as well as any body text.

So, after the whole-page reading: lines with a wide gap (two columns) that follow each other
and share a white channel between their columns make a *two-column zone*; the zone's left
and right parts are read again, each as one column (page segmentation mode 4), and their words
replace the first reading there unless they hold clearly less well-read text. Nothing is invented:
every word comes from Tesseract with its own confidence, only the crop it is shown differs.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from .tess import Tesseract, Word, recognise

COLUMN_GAP_EM = 2.0  # a gap this wide (in the line's word heights) separates two columns
ZONE_JOIN_EM = 3.0  # split lines this close (vertically) are one zone
BLOCK_PSM = 4  # Tesseract: one column of text of variable sizes
KEEP_SHARE = 0.9  # a second reading replaces the first unless it holds clearly less well-read text
_LINE_BASE = 1_000_000  # line numbers of second readings (kept apart from the first reading's)


@dataclass(slots=True)
class Zone:
    top: int
    bottom: int
    cut: int  # x of the white channel between the columns
    em: float


def _lines(words: list[Word]) -> dict[int, list[Word]]:
    out: dict[int, list[Word]] = {}
    for w in words:
        out.setdefault(w.line, []).append(w)
    for ws in out.values():
        ws.sort(key=lambda w: w.x0)
    return out


@dataclass(slots=True)
class _Line:
    words: list[Word]
    top: int
    bottom: int
    em: float

    def gap_at(self, x: float) -> bool:
        """Is ``x`` in white space of this line (between its words, or beside them)?"""
        return not any(w.x0 <= x <= w.x1 for w in self.words)

    def widest_gap(self) -> tuple[int, int]:
        a, b = max(zip(self.words, self.words[1:]), key=lambda pair: pair[1].x0 - pair[0].x1)
        return a.x1, b.x0


def _white(line: _Line, g0: float, g1: float) -> tuple[float, float] | None:
    """The widest stretch of [g0, g1] that no word of ``line`` covers."""
    spans = sorted((w.x0, w.x1) for w in line.words if w.x1 > g0 and w.x0 < g1)
    best, x = None, g0
    for a, b in spans + [(g1, g1)]:
        if a > x and (best is None or a - x > best[1] - best[0]):
            best = (x, min(a, g1))
        x = max(x, b)
    return best


def _text_lines(words: list[Word]) -> list[_Line]:
    out = []
    for ws in _lines(words).values():
        em = statistics.median(w.bottom - w.top for w in ws)
        out.append(_Line(ws, min(w.top for w in ws), max(w.bottom for w in ws), em))
    return sorted(out, key=lambda ln: ln.top)


def find_zones(words: list[Word]) -> list[Zone]:
    """Two-column zones: runs of split lines, close together, with a common white channel,
    grown over the lines above and below that leave the channel white (a column's other
    lines), cropped half-way to the lines outside."""
    lines = _text_lines(words)
    split = [i for i, ln in enumerate(lines)
             if len(ln.words) > 1 and (lambda g: g[1] - g[0])(ln.widest_gap()) > COLUMN_GAP_EM * ln.em]
    zones: list[Zone] = []
    used: set[int] = set()
    for i in split:
        if i in used:
            continue
        g0, g1 = lines[i].widest_gap()
        members = {i}
        # grow: neighbours that are split with an overlapping gap, or that leave a channel white
        changed = True
        while changed:
            changed = False
            lo, hi = min(members), max(members)
            for j in (lo - 1, hi + 1):
                if j < 0 or j >= len(lines) or j in members:
                    continue
                ln = lines[j]
                near = (lines[lo].top - ln.bottom if j < lo else ln.top - lines[hi].bottom) < ZONE_JOIN_EM * ln.em
                if not near:
                    continue
                white = _white(ln, g0, g1)
                if white is None or white[1] - white[0] < ln.em:
                    continue
                g0, g1 = white
                members.add(j)
                changed = True
        used |= members
        lo, hi = min(members), max(members)
        em = statistics.median(lines[k].em for k in members)
        above = lines[lo - 1].bottom if lo > 0 else lines[lo].top - 2 * em
        below = lines[hi + 1].top if hi + 1 < len(lines) else lines[hi].bottom + 2 * em
        top = int(min(lines[lo].top - 2, (above + lines[lo].top) / 2))
        bottom = int(max(lines[hi].bottom + 2, (below + lines[hi].bottom) / 2))
        zones.append(Zone(top=top, bottom=bottom, cut=int((g0 + g1) / 2), em=em))
    return _clean(zones, words)


def _clean(zones: list[Zone], words: list[Word]) -> list[Zone]:
    """Zones whose channel no word of the first reading crosses (else it is no channel), and
    whose edges cut no word (a word half inside would be read in pieces)."""
    out = []
    for z in zones:
        inside = [w for w in words if w.bottom > z.top and w.top < z.bottom]
        if any(w.x0 < z.cut < w.x1 for w in inside):
            continue
        if any(w.top < z.top < w.bottom or w.top < z.bottom < w.bottom for w in inside):
            continue
        out.append(z)
    return out


def _score(ws: list[Word]) -> float:
    """How much well-read text: letters weighted by confidence."""
    return sum(sum(c.isalnum() for c in w.text) * w.conf / 100.0 for w in ws)


def reread_zones(words: list[Word], image: Any, dpi: float, tess: Tesseract,
                 ruled: list[tuple[float, float]] = ()) -> list[Word]:  # type: ignore[assignment]
    """``words`` with the two-column zones read again column by column (see module docstring).
    ``ruled``: vertical extents (pixels) of vertical rules: a ruled table's columns are cells,
    read well already, not a header's columns."""
    zones = [z for z in find_zones(words) if not any(y0 < z.bottom and y1 > z.top for y0, y1 in ruled)]
    if not zones:
        return words
    width, height = image.size
    out = list(words)
    serial = _LINE_BASE
    for z in zones:
        top, bottom = max(0, z.top), min(height, z.bottom)
        for x0, x1 in ((0, z.cut), (z.cut, width)):
            old = [w for w in out if top <= (w.top + w.bottom) / 2 <= bottom and x0 <= (w.x0 + w.x1) / 2 < x1]
            if not old:
                continue
            crop = image.crop((x0, top, x1, bottom))
            new = recognise(tess, crop, int(dpi), psm=BLOCK_PSM)
            if not new or _score(new) < KEEP_SHARE * _score(old):
                continue
            lines: dict[int, int] = {}
            for w in new:
                w.x0, w.x1, w.top, w.bottom = w.x0 + x0, w.x1 + x0, w.top + top, w.bottom + top
                if w.baseline is not None:
                    w.baseline += top
                if w.line not in lines:
                    serial += 1
                    lines[w.line] = serial
                w.line = lines[w.line]
                w.block = serial
            gone = set(map(id, old))
            out = [w for w in out if id(w) not in gone] + new
    return out
