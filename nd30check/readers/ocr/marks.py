"""The mark that ends a word, told from its ink rather than taken from Tesseract's guess.

Tesseract often swaps "," and ".", and ":" and ";" — and a faded seal's grey arc beside a
full stop makes it read a colon ("KT:" for "KT."). What a rule judges ("KT." over a deputy's
title, ";" closing a recipient line, "." closing "- Lưu: VT, VP.") rests on that one mark, so
the word's last ink column run is measured:

* one blob: a comma when it reaches below the baseline with a tail, a full stop when a dot
  sits on it;
* two blobs stacked (a colon or a semicolon): the lower one against the upper one — a colon's
  two dots are alike, a semicolon's lower mark is a comma, about twice its dot's height. That
  compares two marks of one word with each other, so it needs no baseline (a baseline a pixel
  off is what made the lower dot's place alone unusable).

Ink that says neither clearly (touching a letter, more blobs, an odd shape) leaves the reading
as it was.
"""

from __future__ import annotations

import statistics
from typing import Any

from .tess import Word

#: a comma's tail reaches this far below the baseline, a full stop sits within ``ON_BASE`` of it
#: (shares of the line's word height, "em")
TAIL_BELOW = 0.06
ON_BASE = 0.025
#: a dot is about as tall as wide: at most ``DOT_RATIO`` times, or one pixel taller (a 3×4 px
#: full stop at 200 dpi is rounding, not a tail); a comma at least ``TAIL_RATIO`` times as tall
DOT_RATIO, TAIL_RATIO = 1.3, 1.5
#: the lower mark of a semicolon is a comma: at least ``SEMI_RATIO`` times its upper dot's
#: height, or more than ``COLON_RATIO`` times and reaching under the baseline; a colon's lower
#: dot is at most ``COLON_RATIO`` times as tall and sits on the baseline. Measured on the scan
#: twins (150–300 dpi): colons 0.67–1.33, semicolons 1.4–2.7 (a pixel more or less at 150 dpi
#: is a third of a dot, so the baseline decides near the boundary)
SEMI_RATIO, COLON_RATIO = 1.6, 1.34
MAX_MARK_WIDTH = 0.3  # em: wider, the last column run is a letter (or a mark touching one)
MAX_COLON_HEIGHT = 1.1  # em: a semicolon spans the x-height and a tail; taller, other ink is in the columns
LOW_DOT = 0.15  # em: a full stop's or comma's bottom is no higher above the baseline (its error)
BELOW_EM = 0.3  # em under the baseline where a comma's tail may still be


def marks_measured(words: list[Word], dark: Any) -> None:
    """Give each word ending in ",", ".", ":" or ";" the mark its ink shows, where the ink is
    clear (module docstring). ``dark``: the page's ink mask."""
    lines: dict[int, list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    for w in words:
        t = w.text
        if len(t) < 2 or t[-1] not in ",.:;" or t[-2] in ",.;:" or w.baseline is None:
            continue
        hs = [o.bottom - o.top for o in lines[w.line] if sum(c.isalpha() for c in o.text) >= 2]
        if not hs:
            continue
        mark = _measured(w, dark, statistics.median(hs))
        if mark is not None:
            w.text = t[:-1] + mark


def _measured(w: Word, dark: Any, em: float) -> str | None:
    """The final mark the ink of ``w`` shows, None when unclear."""
    run = _last_run(w, dark, em)
    if run is None:
        return None
    width, blobs = run
    if len(blobs) == 1:
        top, bottom = blobs[0]
        height, below = bottom - top + 1, bottom - w.baseline  # type: ignore[operator]
        if height > 0.5 * em or below < -LOW_DOT * em:
            return None  # taller than a mark, or high above the baseline (a colon's dot alone)
        if below >= TAIL_BELOW * em and height >= TAIL_RATIO * width:
            return ","
        if below <= ON_BASE * em and height <= max(DOT_RATIO * width, width + 1):
            return "."
        return None
    if len(blobs) == 2 and w.text[-1] in ":;":
        upper = blobs[0][1] - blobs[0][0] + 1
        lower = blobs[1][1] - blobs[1][0] + 1
        if upper > 0.3 * em or blobs[1][0] - blobs[0][1] < 2:
            return None
        below = (blobs[1][1] - w.baseline) / em  # type: ignore[operator]
        ratio = lower / upper
        if ratio >= SEMI_RATIO or (ratio > COLON_RATIO and below >= TAIL_BELOW / 2):
            return ";"
        if ratio <= COLON_RATIO and below <= ON_BASE:
            return ":"
    return None


def _last_run(w: Word, dark: Any, em: float) -> tuple[int, list[tuple[int, int]]] | None:
    """(width, vertical blobs as (top, bottom) rows of the page) of the last ink column run of
    the word's box; None when it is no mark (too wide or tall: a letter touching it)."""
    h, wd = dark.shape
    # a box may stop short of a tail under the baseline: look down to where a comma's tail ends
    low = max(w.bottom, int(w.baseline + BELOW_EM * em)) if w.baseline is not None else w.bottom
    top, bottom = max(0, w.top), min(h, low + 1)
    x0, x1 = max(0, w.x0), min(wd, w.x1 + 1)
    if bottom - top < 2 or x1 - x0 < 2:
        return None
    sub = dark[top:bottom, x0:x1]
    cols = sub.any(axis=0).nonzero()[0]
    if not len(cols):
        return None
    c1 = c0 = int(cols[-1])
    inked = set(cols.tolist())
    while c0 - 1 in inked:
        c0 -= 1
    width = c1 - c0 + 1
    rows = sub[:, c0:c1 + 1].any(axis=1).nonzero()[0]
    if width > MAX_MARK_WIDTH * em or rows[-1] - rows[0] + 1 > MAX_COLON_HEIGHT * em:
        return None  # a letter, or other ink in the box (an accent of the line below, a seal)
    blobs: list[tuple[int, int]] = []
    for r in rows.tolist():
        if blobs and r == blobs[-1][1] + 1:
            blobs[-1] = (blobs[-1][0], r)
        else:
            blobs.append((r, r))
    return width, [(top + a, top + b) for a, b in blobs]
