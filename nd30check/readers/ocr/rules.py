"""Horizontal and vertical rules seen in a page image (the line under the Tiêu ngữ, under the
agency name and the trích yếu; the borders of ruled tables).

A rule is a run of ink pixels in one row, far longer than any stroke of a letter, stacked
over a few rows at most (a thick bar or a filled box is not a rule). Runs on neighbouring
rows that overlap or touch are one rule; its length is the union of their extents. A rule
left slightly slanted by the deskew (a few tenths of a degree) or scanned pale and broken
steps from row to row: its pieces on each row are shorter than a rule, so pieces down to
``PIECE_SHARE`` of the rule's length are joined, and only the joined length must be a rule's;
pieces broken end to end by a pale pixel or two (``BREAK_MM``) are one rule too. Returned in points
in the shapes the PDF reader uses (``PathLine``/``VLine``), so the same code anchors them
under paragraphs and finds table grids.
"""

from __future__ import annotations

from typing import Any

from ..pdf.content import PathLine, VLine
from .image import horizontal_runs

MIN_LEN_MM = 7.0  # shorter runs are letter strokes, dashes, underscores of a blank
MAX_THICK_MM = 1.0
#: a piece of a stepped rule on one row: at least this share of ``MIN_LEN_MM`` (a letter's bar
#: is shorter, and the bars of two letters side by side do not touch)
PIECE_SHARE = 0.45
#: a break this short in a rule is a pale or speckled pixel of it, not two lines (a word space
#: at 13 pt is ~1.1 mm; the blank between two typed underscore runs is at least that)
BREAK_MM = 0.4


def _runs(mask: Any, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of horizontal runs of True at least ``min_len`` long."""
    rs, cs, ce = horizontal_runs(mask)
    lengths = ce - cs
    keep = lengths >= min_len
    return list(zip(rs[keep].tolist(), cs[keep].tolist(), ce[keep].tolist()))


def _group(runs: list[tuple[int, int, int]], max_thick: int, min_len: int = 0,
           gap: int = 0) -> list[tuple[float, float, float, float]]:
    """Runs stacked on consecutive rows, overlapping or touching → (x0, x1, y centre,
    thickness) in pixels, of the groups at most ``max_thick`` rows thick and, once pieces at
    most ``gap`` apart are joined, at least ``min_len`` long."""
    runs.sort()
    groups: list[list[int]] = []  # [x0, x1, row0, row1]
    open_: list[list[int]] = []
    for row, a, b in runs:
        hits = [g for g in open_ if g[3] >= row - 1 and a <= g[1] and b >= g[0]]
        if not hits:
            g = [a, b, row, row]
            groups.append(g)
            open_.append(g)
            continue
        hit = hits[0]
        hit[0], hit[1], hit[3] = min(hit[0], a), max(hit[1], b), row
        for g in hits[1:]:  # the run joins pieces seen apart so far (a rule's pale edge row)
            hit[0], hit[1], hit[2] = min(hit[0], g[0]), max(hit[1], g[1]), min(hit[2], g[2])
            groups.remove(g)
            open_.remove(g)
        open_ = [g for g in open_ if g[3] >= row - 1]
    out = []
    for x0, x1, r0, r1 in _joined([g for g in groups if g[3] - g[2] + 1 <= max_thick], gap):
        thick = r1 - r0 + 1
        if thick <= max_thick and x1 - x0 >= min_len:
            out.append((float(x0), float(x1), (r0 + r1) / 2.0 + 0.5, float(thick)))
    return out


def _joined(groups: list[list[int]], gap: int) -> list[list[int]]:
    """Pieces of one rule broken by a pale pixel or two (a scan's faint or speckled stroke) →
    the whole rule: pieces end to end, at most ``gap`` pixels apart, on overlapping rows. The
    gap is far below a word space, so two underscored blanks or a dashed line stay apart."""
    if gap <= 0:
        return groups
    out: list[list[int]] = []
    for g in sorted(groups, key=lambda g: (g[0], g[2])):
        for h in out:
            if g[0] - h[1] <= gap and g[1] >= h[0] and g[2] <= h[3] + 1 and g[3] >= h[2] - 1:
                h[0], h[1], h[2], h[3] = min(h[0], g[0]), max(h[1], g[1]), min(h[2], g[2]), max(h[3], g[3])
                break
        else:
            out.append(list(g))
    return out


def find_rules(image: Any, dpi: float) -> tuple[list[PathLine], list[VLine]]:
    """Horizontal rules as PathLine, vertical ones as VLine, in points (top-left origin)."""
    import numpy as np

    arr = np.asarray(image)
    mask = arr < 160
    px = 72.0 / dpi
    min_len = max(8, int(MIN_LEN_MM / 25.4 * dpi))
    max_thick = max(2, int(round(MAX_THICK_MM / 25.4 * dpi)))
    piece = max(4, int(PIECE_SHARE * min_len))
    gap = max(1, int(BREAK_MM / 25.4 * dpi))
    hl = [PathLine(x0=x0 * px, x1=x1 * px, y=y * px, thickness=t * px)
          for x0, x1, y, t in _group(_runs(mask, piece), max_thick, min_len, gap)]
    v_len = max(min_len, int(4 / 25.4 * dpi))
    vl = [VLine(x=x * px, y0=y0 * px, y1=y1 * px)
          for y0, y1, x, _ in _group(_runs(mask.T.copy(), max(4, int(PIECE_SHARE * v_len))), max_thick, v_len)]
    return hl, vl


#: a rule scanned pale (a 0.5-pt line at 150 dpi, blurred by JPEG: its dark core broken into
#: pieces shorter than ``PIECE_SHARE`` of a rule) is whole at the faint-ink level marks use
FAINT_RULE_LEVEL = 190


def faint_rules(image: Any, dpi: float, words: list[Any], found: list[PathLine]) -> list[PathLine]:
    """Rules seen only at the faint-ink level (points), where no rule was found: not a
    measurement of a line (their length is the blur's as much as the line's), only the sign
    that one may stand there — a rule's check then cannot say "no line". At that level the
    serifs of a word's letters join into runs too, so a run crossing a word between its top and
    its baseline is text, not a rule; ``words``: the page's recognised words (pixels)."""
    import numpy as np

    arr = np.asarray(image)
    px = 72.0 / dpi
    min_len = max(8, int(MIN_LEN_MM / 25.4 * dpi))
    max_thick = max(2, int(round(MAX_THICK_MM / 25.4 * dpi)))
    piece = max(4, int(PIECE_SHARE * min_len))
    gap = max(1, int(BREAK_MM / 25.4 * dpi))
    out: list[PathLine] = []
    for x0, x1, y, t in _group(_runs(arr <= FAINT_RULE_LEVEL, piece), max_thick, min_len, gap):
        if any(w.x0 < x1 and w.x1 > x0 and w.top - 1 <= y <= (w.baseline if w.baseline is not None else w.bottom) + 1
               for w in words):
            continue  # in a line of text
        if any(h.x0 < x1 * px and h.x1 > x0 * px and abs(h.y - y * px) <= max(2.0, 2 * t * px) for h in found):
            continue  # the rule found already
        out.append(PathLine(x0=x0 * px, x1=x1 * px, y=y * px, thickness=t * px))
    return out
