"""The mark that ends a word, told from its ink rather than taken from Tesseract's guess.

Tesseract often swaps "," and ".", and ":" and ";" — and a faded seal's grey arc beside a
full stop makes it read a colon ("KT:" for "KT."). What a rule judges ("KT." over a deputy's
title, ";" closing a recipient line, "." closing "- Lưu: VT, VP.") rests on that one mark, so
the word's last ink column run is measured:

* one blob: a comma when it reaches below the baseline with a tail, a full stop when a dot
  sits on it;
* two blobs stacked (a colon or a semicolon): a semicolon when the lower one is clearly taller
  than the upper dot (a comma under a dot) — two marks of one word compared with each other,
  so no baseline is needed. The other way round the ink proves nothing: at 150 dpi a
  semicolon's faint tail falls under the ink threshold and its lower mark measures like a
  colon's dot (salt-e twins: 3 and 4 rows both), so a ";" is never changed into ":". A ","
  read over two such marks (a dot high over the baseline, a comma under it) is a ";" whose dot
  Tesseract dropped.

Ink that says neither clearly (touching a letter, more blobs, an odd shape) leaves the reading
as it was.
"""

from __future__ import annotations

import statistics
from typing import Any

from .tess import Word

#: a comma's tail reaches below the baseline, a full stop sits on it — told by where their ink
#: ends (shares of the line's word height, "em"). Measured on the compliant salt-e twins (Tesseract's
#: reading at ≥ 90 % as the truth): full stops end 2 px above to on the baseline at 150–300 dpi,
#: commas 1–3 px under it at 150 dpi, 2–5 at 200, 4–8 at 300. In the ink mask a comma's faint tail
#: may be lost ("VT," at 150 dpi ended on the baseline): the faint ink (``FAINT_LEVEL``) under the
#: blob must end high enough too before a full stop is said.
TAIL_BELOW = 0.06  # the mask blob's bottom this far under the baseline: a comma
FAINT_TAIL = 0.1  # … and its faint ink at least this far
ON_BASE = 0.025  # a full stop's mask bottom no lower than this …
FAINT_ON_BASE = 0.05  # … and its faint ink no lower than this
#: a pixel this dark or darker is ink where faint print matters (a comma's pale tail, a pale dot
#: after a last word: an absence must not hide in it)
FAINT_LEVEL = 190
#: a dot is about as tall as wide: at most ``DOT_RATIO`` times, or one pixel taller (a 3×4 px
#: full stop at 200 dpi is rounding); a comma is taller than wide
DOT_RATIO = 1.3
#: the lower mark of a semicolon is a comma: at least ``SEMI_RATIO`` times its upper dot's
#: height, in the ink mask or with the faint ink grown onto each mark (a pale tail). Measured on
#: scan twins at 150–300 dpi (Tesseract's reading at ≥ 90 % as the truth): colons 0.8–1.33 in
#: the mask and 0.8–1.3 faint; semicolons 1.3–2.7 in the mask (1.3 where a 150-dpi tail is lost)
#: and 1.4–2.8 faint. On the real scans a ":" measured ≥ 1.5 stood where a ";" belongs (Nơi nhận
#: items, "giao thông; kiểm soát"): Tesseract's misreading this corrects
SEMI_RATIO = 1.45
#: … and, grown with the faint ink, also at least this much taller (em; 3 px at least): dots of
#: 3 px at 200 dpi make one pixel of JPEG blur a third of a dot (a colon "Lưu:" measured 3 and
#: 5 rows faint on a compliant salt-g twin)
FAINT_SEMI_EM = 0.09

MAX_MARK_WIDTH = 0.3  # em: wider, the last column run is a letter (or a mark touching one)
MAX_COLON_HEIGHT = 1.1  # em: a semicolon spans the x-height and a tail; taller, other ink is in the columns
LOW_DOT = 0.15  # em: a full stop's or comma's bottom is no higher above the baseline (its error)
BELOW_EM = 0.3  # em under the baseline where a comma's tail may still be


def marks_measured(words: list[Word], dark: Any, faint: Any = None) -> None:
    """Give each word ending in ",", ".", ":" or ";" the mark its ink shows, where the ink is
    clear (module docstring). ``dark``: the page's ink mask; ``faint``: its faint-ink mask
    (``FAINT_LEVEL``; default ``dark``)."""
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
        mark = _measured(w, dark, statistics.median(hs), dark if faint is None else faint)
        if mark is not None:
            w.text = t[:-1] + mark


def _measured(w: Word, dark: Any, em: float, faint: Any) -> str | None:
    """The final mark the ink of ``w`` shows, None when unclear."""
    run = _last_run(w, dark, em)
    if run is None:
        return None
    (c0, c1), blobs = run
    width = c1 - c0 + 1
    if len(blobs) == 1:
        top, bottom = blobs[0]
        height, below = bottom - top + 1, bottom - w.baseline  # type: ignore[operator]
        if height > 0.5 * em or below < -LOW_DOT * em:
            return None  # taller than a mark, or high above the baseline (a colon's dot alone)
        faint_below = _faint_bottom(faint, c0, c1, bottom, int(w.baseline + BELOW_EM * em)) - w.baseline  # type: ignore[operator]
        if below >= TAIL_BELOW * em and faint_below >= FAINT_TAIL * em and height > width:
            return ","
        if below <= ON_BASE * em and faint_below < FAINT_ON_BASE * em \
                and height <= max(DOT_RATIO * width, width + 1):
            return "."
        return None
    if len(blobs) == 2 and w.text[-1] == "," and _stacked(blobs, w.baseline, em):  # type: ignore[arg-type]
        upper = blobs[0][1] - blobs[0][0] + 1
        lower = blobs[1][1] - blobs[1][0] + 1
        # a semicolon whose dot Tesseract dropped ("phường," over a clear ";"); never a colon:
        # a comma's reading with two like marks says nothing sure
        return ";" if upper <= 0.3 * em and lower >= SEMI_RATIO * upper and lower - upper >= 2 else None
    if len(blobs) == 2 and w.text[-1] in ":;":
        upper = blobs[0][1] - blobs[0][0] + 1
        lower = blobs[1][1] - blobs[1][0] + 1
        if upper > 0.3 * em or blobs[1][0] - blobs[0][1] < 2:
            return None
        if lower >= SEMI_RATIO * upper and lower - upper >= 2:  # 2 and 3 rows at 150 dpi: a colon's blur
            return ";"
        if w.text[-1] == ":":
            fu = _faint_rows(faint, c0, c1, blobs[0], blobs[0][0] - int(0.3 * em), (blobs[0][1] + blobs[1][0]) // 2)
            fl = _faint_rows(faint, c0, c1, blobs[1], (blobs[0][1] + blobs[1][0]) // 2 + 1,
                             int(w.baseline + BELOW_EM * em))  # type: ignore[operator]
            if fl >= SEMI_RATIO * fu and fl - fu >= max(3, FAINT_SEMI_EM * em):
                return ";"
    return None


#: a semicolon's lower mark (a comma) begins near the baseline, no higher than this (em) over
#: it — an "i"'s stem with a comma touching it begins at the x-height; its upper dot ends at
#: least ``DOT_ABOVE`` over the baseline
COMMA_TOP, DOT_ABOVE = 0.3, 0.2


def _stacked(blobs: list[tuple[int, int]], base: float, em: float) -> bool:
    """Do the two blobs of a word's last ink run stand as a semicolon's or colon's marks: a dot
    high over the baseline, white between, and a lower mark beginning near the baseline and
    reaching it? (Asked where Tesseract read a single mark: the ink must then say it itself.)"""
    (ut, ub), (lt, lb) = blobs
    return lt - ub >= 2 and ub <= base - DOT_ABOVE * em and lt >= base - COMMA_TOP * em \
        and lb >= base - LOW_DOT * em


def _faint_rows(faint: Any, c0: int, c1: int, blob: tuple[int, int], lo: int, hi: int) -> int:
    """How many rows a mark spans once the faint ink touching it, in its columns and one to
    each side, is grown onto it (rows ``lo``–``hi``): a comma's pale tail under the mask."""
    cols = faint[:, max(0, c0 - 1):c1 + 2]
    a, b = blob
    while a - 1 >= max(0, lo) and cols[a - 1].any():
        a -= 1
    while b + 1 <= min(hi, cols.shape[0] - 1) and cols[b + 1].any():
        b += 1
    return b - a + 1


def _faint_bottom(faint: Any, c0: int, c1: int, bottom: int, limit: int) -> int:
    """The lowest row the faint ink under a mark reaches, row by touching row, in its columns
    and two to its left (a comma's tail curls to the lower left), down to ``limit``."""
    cols = faint[:, max(0, c0 - 2):c1 + 2]
    row = bottom
    while row + 1 < min(limit + 1, cols.shape[0]) and cols[row + 1].any():
        row += 1
    return row


def _last_run(w: Word, dark: Any, em: float) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """((first, last) page column, vertical blobs as (top, bottom) page rows) of the last ink
    column run of the word's box; None when it is no mark (too wide or tall: a letter touching it)."""
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
    return (x0 + c0, x0 + c1), [(top + a, top + b) for a, b in blobs]


#: how sure a final mark is when its ink was measured: a dot sitting on the baseline, or paper
#: after the last letter where a mark would stand (above the pack's 0.9 threshold: the reading
#: of that one mark is a measurement, not Tesseract's guess)
MEASURED_CONF = 0.95
#: where a final mark would stand after the last letter: from ``AFTER_GAP`` pixels past the
#: word's box (JPEG ringing hugs the letter) to ``AFTER_EM`` line heights, from ``ABOVE_EM``
#: over the baseline to ``BELOW_EM`` under it (a comma's tail)
AFTER_GAP, AFTER_EM, ABOVE_EM = 2, 0.7, 0.7
#: the last letter's rightmost columns inked only this low (share of em over the baseline)
#: may be a full stop touching it ("C." blurred into one blob): then no absence is said
LOW_EDGE = 0.25

Box = tuple[float, float, float, float]


def end_confidence(w: Word, grey: Any, dark: Any, em: float, words: list[Word],
                   hidden: list[Box] = ()) -> float | None:  # type: ignore[assignment]
    """How sure the reading of the mark ending ``w`` (the last word of its line) is, from the
    ink: ``MEASURED_CONF`` for a full stop whose dot was measured, or for no mark where the
    paper after the last letter is white; None when the ink does not say (the word's own
    confidence then stands). A rule on a line's final mark ("- Lưu: VT, CCVC" without its
    full stop) rests on that mark, not on how well its letters were read. ``grey``: the page
    image as an array; ``dark``: its ink mask; ``hidden``: seals and unread boxes (pixels)."""
    if w.baseline is None or not w.text or em <= 0:
        return None
    end = w.text[-1]
    if end == ".":
        return MEASURED_CONF if len(w.text) >= 2 and _measured(w, dark, em, grey <= FAINT_LEVEL) == "." else None
    if not (end.isalnum() or end in ")”\""):
        return None
    run = _last_run(w, dark, em)
    if (run is not None and _may_be_mark(w, run[1], em)) or _low_right_edge(w, dark, em):
        return None  # a mark-sized blob ends the box, or a dot may touch the last letter
    h, wd = grey.shape
    x0, x1 = w.x1 + AFTER_GAP, int(w.x1 + AFTER_EM * em) + 1
    top, bottom = int(w.baseline - ABOVE_EM * em), int(w.baseline + BELOW_EM * em) + 1
    if x0 < 0 or top < 0 or x1 > wd or bottom > h:
        return None  # at the image's edge: what follows is not on the page
    if any(o is not w and o.x0 < x1 and o.x1 > x0 and o.top < bottom and o.bottom > top for o in words):
        return None  # another word stands there
    if any(b[0] < x1 and b[2] > x0 and b[1] < bottom and b[3] > top for b in hidden):
        return None  # a seal or unread ink over the place
    if _mark_sized_ink(grey[top:bottom, x0:x1] <= FAINT_LEVEL, em):
        return None  # some ink: a mark the reading dropped, or dirt
    return MEASURED_CONF


#: the least a full stop's dot measures each way in the faint ink (em; 2 px at least): the
#: twins' dots measure 0.1–0.15 em, 3×4 px at 200 dpi; a scanner's speck of one or two pixels
#: after the last letter is no mark and must not hide the paper's whiteness there
DOT_MIN_EM = 0.06


def _mark_sized_ink(ink: Any, em: float) -> bool:
    """Does the window hold ink that may be a mark: a blob (8-connected) at least a dot's size
    each way (``DOT_MIN_EM``), or any blob touching the window's border (it may run on outside)?"""
    need = max(2.0, DOT_MIN_EM * em)
    h, w = ink.shape
    seen = set()
    for start in zip(*(a.tolist() for a in ink.nonzero())):
        if start in seen:
            continue
        stack, rows, cols = [start], [], []
        seen.add(start)
        while stack:
            r, c = stack.pop()
            rows.append(r)
            cols.append(c)
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    q = (r + dr, c + dc)
                    if 0 <= q[0] < h and 0 <= q[1] < w and q not in seen and ink[q]:
                        seen.add(q)
                        stack.append(q)
        if min(rows) == 0 or min(cols) == 0 or max(rows) == h - 1 or max(cols) == w - 1:
            return True
        if max(rows) - min(rows) + 1 >= need and max(cols) - min(cols) + 1 >= need:
            return True
    return False


#: a word box this tall (em over the baseline) holds capitals or ascenders: a thin last ink run
#: reaching its top is a letter's edge
TALL_BOX = 0.8


def _may_be_mark(w: Word, blobs: list[tuple[int, int]], em: float) -> bool:
    """May the thin last ink run of a word's box be a final mark the reading left out? Not when
    its ink stays high over the baseline (a full stop or a comma reaches it: a "C"'s upper serif
    end alone at 150 dpi), nor when, in a tall box, it reaches from the box's top (a capital's
    height, where no mark stands) down to the baseline — a "C"'s two ends, like a colon."""
    base = w.baseline
    if base is None:
        return True
    if blobs[-1][1] < base - LOW_DOT * em:
        return False
    return not (w.top <= base - TALL_BOX * em and blobs[0][0] <= w.top + max(1.0, 0.1 * em))


def _low_right_edge(w: Word, dark: Any, em: float) -> bool:
    """Are the word's two rightmost inked columns inked only near the baseline?"""
    top, bottom = max(0, w.top), min(dark.shape[0], w.bottom + 1)
    sub = dark[top:bottom, max(0, w.x0):min(dark.shape[1], w.x1 + 1)]
    cols = sub.any(axis=0).nonzero()[0]
    if len(cols) < 2:
        return True
    rows = sub[:, int(cols[-2]):int(cols[-1]) + 1].any(axis=1).nonzero()[0]
    return bool(top + int(rows[0]) >= w.baseline - LOW_EDGE * em)  # type: ignore[operator]
