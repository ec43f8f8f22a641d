"""Ruled tables on a PDF page: grids of horizontal and vertical rules.

Why: text inside a data table is not body text (no first-line indent, no justification), and
a section with a data table may be landscape. In a PDF a table is only visible as its ruling
lines; borderless layout tables (the header and signature blocks) have none and stay out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .content import PathLine, VLine

TOL = 1.5
MAX_PAIRS = 2_000_000  # h × v comparisons per page


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    members: set[int] = field(default_factory=set)  # indexes of the page's hlines in the grid

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def cols(self) -> int:
        return len(self.xs) - 1

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] - TOL <= x <= self.xs[-1] + TOL and self.ys[0] - TOL <= y <= self.ys[-1] + TOL):
            return None
        col = min(max(bisect_right(self.xs, x) - 1, 0), self.cols - 1)
        row = min(max(bisect_right(self.ys, y) - 1, 0), self.rows - 1)
        return row, col


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def find_grids(hlines: list[PathLine], vlines: list[VLine]) -> list[Grid]:
    """Connected groups of crossing rules with at least 2 rows' and 2 columns' boundaries."""
    if len(hlines) < 2 or len(vlines) < 2 or len(hlines) * len(vlines) > MAX_PAIRS:
        return []
    n = len(hlines)
    parent = list(range(n + len(vlines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # vertical rules sorted by x: each horizontal rule only meets those within its x-span
    order = sorted(range(len(vlines)), key=lambda j: vlines[j].x)
    vx = [vlines[j].x for j in order]
    for i, h in enumerate(hlines):
        lo = bisect_left(vx, h.x0 - TOL)
        hi = bisect_right(vx, h.x1 + TOL)
        for j in order[lo:hi]:
            v = vlines[j]
            if v.y0 - TOL <= h.y <= v.y1 + TOL:
                a, b = find(i), find(n + j)
                if a != b:
                    parent[a] = b
    comps: dict[int, list[int]] = {}
    for k in range(len(parent)):
        comps.setdefault(find(k), []).append(k)
    grids: list[Grid] = []
    for items in comps.values():
        hs = [hlines[k] for k in items if k < n]
        vs = [vlines[k - n] for k in items if k >= n]
        ys = _merge([h.y for h in hs])
        xs = _merge([v.x for v in vs])
        if len(ys) < 2 or len(xs) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
            continue
        grids.append(Grid(xs, ys, {k for k in items if k < n}))
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids
