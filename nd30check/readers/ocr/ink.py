"""Ink of a page image as connected components: one labelling for the OCR reader's image
measurements (pen digits, seals, lines Tesseract left unread)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(slots=True)
class Component:
    x0: int
    top: int
    x1: int  # inclusive
    bottom: int  # inclusive
    pixels: list[tuple[int, int, int]] = field(default_factory=list)  # (row, start, end) runs

    @property
    def w(self) -> int:
        return self.x1 - self.x0 + 1

    @property
    def h(self) -> int:
        return self.bottom - self.top + 1

    @property
    def area(self) -> int:
        return sum(e - s for _, s, e in self.pixels)

    def coords(self) -> np.ndarray:
        """The component's pixels as an (n, 2) array of (row, column)."""
        ys = np.concatenate([np.full(e - s, r) for r, s, e in self.pixels])
        xs = np.concatenate([np.arange(s, e) for _, s, e in self.pixels])
        return np.stack([ys, xs], axis=1)

    def merge(self, o: "Component") -> None:
        self.x0, self.top = min(self.x0, o.x0), min(self.top, o.top)
        self.x1, self.bottom = max(self.x1, o.x1), max(self.bottom, o.bottom)
        self.pixels.extend(o.pixels)



def components(mask: np.ndarray) -> list[Component]:
    """8-connected components of a boolean mask, by row runs joined with union–find (small
    crops: a seal, a header line, a page reduced), in the order their first run is met."""
    runs: list[tuple[int, int, int]] = []
    for r in range(mask.shape[0]):
        row = mask[r]
        if not row.any():
            continue
        d = np.diff(np.concatenate(([0], row.view(np.int8), [0])))
        for s, e in zip(np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]):
            runs.append((r, int(s), int(e)))
    parent = list(range(len(runs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    prev: list[int] = []
    cur: list[int] = []
    row = -1
    for i, (r, s, e) in enumerate(runs):
        if r != row:
            prev = cur if r == row + 1 else []
            cur, row = [], r
        for j in prev:
            _, ps, pe = runs[j]
            if ps <= e and s <= pe:  # touching diagonally counts (8-connectivity)
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
        cur.append(i)
    out: dict[int, Component] = {}
    for i, (r, s, e) in enumerate(runs):
        k = find(i)
        c = out.get(k)
        if c is None:
            out[k] = Component(s, r, e - 1, r, [(r, s, e)])
        else:
            c.x0, c.x1, c.bottom = min(c.x0, s), max(c.x1, e - 1), max(c.bottom, r)
            c.top = min(c.top, r)
            c.pixels.append((r, s, e))
    return list(out.values())
