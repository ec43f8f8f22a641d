"""Marks a rule asks for at a fixed place, measured from the ink where they would stand.

Tesseract drops a list line's short lead "-" and the ":" after "Số" more often than any letter,
and it leaves no trace of the drop: the words that follow are read well. A rule on that mark
("- Như trên;", "Số: 05/…") then rests on nothing. So the place itself is measured:

* the lead dash (``lead_dash``): left of a line's first word, on the band a hyphen sits on — one
  flat bar of a hyphen's length a space before the word (the dash is there), white paper (it is
  not: a line typed without its dash, or a hanging line that never had one), anything else
  (other ink, a seal, a neighbour word, the image's edge): unsure;
* the colon after a label word (``colon_after``): the label's last narrow column run, or the ink
  between it and the next word — two dots stacked, the lower on the baseline (a colon), nothing
  (no mark), anything else: unsure;
* the mark before a date's "ngày" (``mark_before``): after the place name's last letter — one
  mark whose ink (with its pale blur) reaches under the baseline (a comma), a round dot sitting
  on it with nothing under it (a full stop), white paper with no mark read (none), anything
  else: unsure. Tesseract reads a 150-dpi comma whose pale tail it cannot see as ".".

Each returns ``(state, confidence)``: ``MEASURED_CONF`` for a clear measurement, ``UNSURE_CONF``
otherwise. Thresholds are shares of the line's font size in pixels (``fs``), measured on the scan
twins at 150–300 dpi with Tesseract's reading at ≥ 90 % as the truth (tests/scans).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .ink import components
from .marks import FAINT_LEVEL, MEASURED_CONF
from .tess import Word

UNSURE_CONF = 0.5
Box = tuple[float, float, float, float]

#: where a lead dash stands: from ``LEAD_REACH`` font sizes left of the first word to the word
#: (Times: a hyphen's ink is 0.26 em, then a space of 0.25 em and the side bearings), on rows
#: from ``BAND_ABOVE`` over the baseline to ``BAND_BELOW`` under it (a hyphen sits at ~0.25 em)
LEAD_REACH = 1.3
BAND_ABOVE, BAND_BELOW = 0.65, 0.12
#: a hyphen's ink, in font sizes: its length (twins: 0.23–0.30 em, blurred at 150 dpi a little
#: more), its height at most, how high its middle stands over the baseline, and how far its right
#: end may be from the word (a space, and a space stretched by the list's tab)
DASH_LEN = (0.15, 0.45)
DASH_HEIGHT = 0.14
DASH_MID = (0.12, 0.42)
DASH_GAP = 0.7
#: ink components this small (pixels, or this share of fs²) are speckle, not a mark
SPECK_PX, SPECK_SHARE = 3, 0.004


#: "white paper" is judged on a paler mask than a mark's shape: any pixel this much darker
#: than the region's paper. The reader whitens pale ink far from dark strokes (image.py
#: ``fade_grey_marks``): a 150-dpi hyphen in grey, with no dark core, is whitened but leaves a
#: ring of its blur at 195–225 on paper at 238 (salt-c twins) — no ink under ``FAINT_LEVEL``,
#: yet no white paper either. JPEG noise on paper stays within ~10 levels.
PALE_DELTA = 15
#: the place measured keeps this far (font sizes, 2 px at least) from the word's own ink: its blur
EDGE_GAP = 0.08


def _ink(grey: Any, x0: int, top: int, x1: int, bottom: int, fs: float, pale: bool = False) -> list[Any] | None:
    """The ink components of a page region (faint ink counts; ``pale``: any pixel clearly darker
    than its paper), specks left out; None when the region is not wholly on the image."""
    h, w = grey.shape
    if x0 < 0 or top < 0 or x1 > w or bottom > h or x1 - x0 < 2 or bottom - top < 2:
        return None
    region = grey[top:bottom, x0:x1]
    mask = region < float(np.median(region)) - PALE_DELTA if pale else region <= FAINT_LEVEL
    speck = max(SPECK_PX, SPECK_SHARE * fs * fs)
    return [c for c in components(mask) if c.area > speck]


def _edge_gap(fs: float) -> int:
    return max(2, int(round(EDGE_GAP * fs)))


def _dash_shaped(c: Any, fs: float, base_above: float) -> bool:
    """Is an ink component a hyphen: a flat bar of a hyphen's length, at its height over the
    baseline (``base_above``: the baseline's row minus the component's region's top row)?"""
    mid = base_above - (c.top + c.bottom) / 2
    return DASH_LEN[0] * fs <= c.w <= DASH_LEN[1] * fs and c.h <= max(2, DASH_HEIGHT * fs) \
        and c.w >= 2 * c.h and DASH_MID[0] * fs <= mid <= DASH_MID[1] * fs


def _box_opens_with_dash(w: Word, grey: Any, fs: float) -> bool:
    """Does the word's own box begin with a hyphen and a gap (a low reading that took the dash
    into its first word)? Its first column run of ink must be one dash-shaped component."""
    h, wd = grey.shape
    top, bottom = max(0, int(w.baseline - BAND_ABOVE * fs)), min(h, int(w.baseline + BAND_BELOW * fs) + 1)  # type: ignore[operator]
    x0, x1 = max(0, w.x0), min(wd, w.x1 + 1)
    if bottom - top < 2 or x1 - x0 < 2:
        return False
    cols = (grey[top:bottom, x0:x1] <= FAINT_LEVEL).any(axis=0)
    inked = cols.nonzero()[0]
    if not len(inked):
        return False
    end = int(inked[0])
    while end + 1 < len(cols) and cols[end + 1]:
        end += 1
    if end + 1 >= len(cols):
        return False  # no gap after it: the run is the word itself
    ink = _ink(grey, x0, top, x0 + end + 1, bottom, fs)
    return bool(ink) and len(ink) == 1 and _dash_shaped(ink[0], fs, w.baseline - top)  # type: ignore[operator]


def _plausible(w: Word, fs: float) -> bool:
    """Is ``fs`` a font size of the word's line? A segment's size estimate can fail (a 2-px
    size from a stray mark): the places measured would then be too small to prove absence."""
    return fs > 0 and fs >= 0.6 * (w.bottom - w.top)


def _crossed(box: Box, words: list[Word], hidden: list[Box], w: Word) -> bool:
    x0, top, x1, bottom = box
    if any(o is not w and o.x0 < x1 and o.x1 > x0 and o.top < bottom and o.bottom > top for o in words):
        return True  # another word stands there
    return any(b[0] < x1 and b[2] > x0 and b[1] < bottom and b[3] > top for b in hidden)


def lead_dash(w: Word, grey: Any, fs: float, words: list[Word], hidden: list[Box] = ()  # type: ignore[assignment]
              ) -> tuple[str, float]:
    """Is a short dash printed before ``w``, the first word of its line? ``"present"``,
    ``"absent"`` or ``"unsure"`` with a confidence (module docstring). ``grey``: the page image
    as an array; ``fs``: the line's font size in pixels; ``hidden``: seals (pixels)."""
    if w.baseline is None or not _plausible(w, fs):
        return "unsure", UNSURE_CONF
    if _box_opens_with_dash(w, grey, fs):
        return "present", MEASURED_CONF  # the word's box took the dash in ("- Lưu:" read "LƯU")
    x0, x1 = int(w.x0 - LEAD_REACH * fs), w.x0 - _edge_gap(fs) + 1
    top, bottom = int(w.baseline - BAND_ABOVE * fs), int(w.baseline + BAND_BELOW * fs) + 1
    if _crossed((x0, top, x1, bottom), words, hidden, w):
        return "unsure", UNSURE_CONF
    ink = _ink(grey, x0, top, x1, bottom, fs)
    if ink is None:
        return "unsure", UNSURE_CONF  # at the image's edge
    if not ink and not _ink(grey, x0, top, x1, bottom, fs, pale=True):
        return "absent", MEASURED_CONF
    if len(ink) == 1:
        c = ink[0]
        if c.x0 > 0 and _dash_shaped(c, fs, w.baseline - top) and (x1 - x0) - 1 - c.x1 <= DASH_GAP * fs:
            return "present", MEASURED_CONF
    return "unsure", UNSURE_CONF


#: a label's colon: each dot at most ``DOT_MAX`` font sizes high and wide, the lower one's
#: bottom within ``ON_BASE`` of the baseline, the upper one's top ``UPPER_TOP`` over it (Times:
#: the colon's dots at 0 and ~0.45 em); looked for up to ``AFTER_REACH`` past the label's letters
DOT_MAX = 0.2
ON_BASE = 0.08
UPPER_TOP = (0.28, 0.65)
AFTER_REACH = 0.6
#: the label's last column run is a mark (not a letter's stroke) when at most this wide
MARK_WIDTH = 0.22


def colon_after(w: Word, grey: Any, fs: float, words: list[Word], hidden: list[Box] = ()  # type: ignore[assignment]
                ) -> tuple[str, float]:
    """Is a colon printed right after the label word ``w`` ("Số", "Số:")? ``"colon"``, ``"none"``
    or ``"unsure"`` with a confidence (module docstring)."""
    if w.baseline is None or not _plausible(w, fs):
        return "unsure", UNSURE_CONF
    base = w.baseline
    top, bottom = int(base - BAND_ABOVE * fs), int(base + BAND_BELOW * fs) + 1
    # the next word with a letter or digit: a mark read as its own word (":") is measured here
    after = [o for o in words if o is not w and o.x0 >= w.x1 - 1 and o.top < bottom and o.bottom > top
             and any(c.isalnum() for c in o.text)]
    nxt = min((o.x0 for o in after), default=None)
    end = _letters_end(w, grey, fs)
    if end is None:
        return "unsure", UNSURE_CONF
    read_mark = not w.text[-1:].isalnum()
    x0 = end + _edge_gap(fs)
    x1 = int(min(w.x1 + AFTER_REACH * fs, nxt - _edge_gap(fs) if nxt is not None else w.x1 + AFTER_REACH * fs)) + 1
    if x1 - x0 < 2:
        return "unsure", UNSURE_CONF  # the next word touches the label: no room to tell
    if any(b[0] < x1 and b[2] > x0 and b[1] < bottom and b[3] > top for b in hidden):
        return "unsure", UNSURE_CONF
    ink = _ink(grey, x0, top, x1, bottom, fs)
    if ink is None:
        return "unsure", UNSURE_CONF
    if not ink and (read_mark and end >= w.x1 - 1 or _ink(grey, x0, top, x1, bottom, fs, pale=True)):
        return "unsure", UNSURE_CONF  # pale ink, or a mark read inside the word that may touch its letter
    if not ink:
        return "none", MEASURED_CONF
    if len(ink) == 2:
        up, low = sorted(ink, key=lambda c: c.top)
        dots = all(c.h <= DOT_MAX * fs and c.w <= DOT_MAX * fs for c in (up, low))
        stacked = min(up.x1, low.x1) - max(up.x0, low.x0) >= 0 and low.top > up.bottom
        if dots and stacked and abs(top + low.bottom - base) <= ON_BASE * fs \
                and UPPER_TOP[0] * fs <= base - (top + up.top) <= UPPER_TOP[1] * fs:
            return "colon", MEASURED_CONF
    return "unsure", UNSURE_CONF


def _letters_end(w: Word, grey: Any, fs: float) -> int | None:
    """The last page column of the word's letters: its box's right end, or where its last
    narrow column run (a mark read into the word, "Số:") begins. None: no ink in the box."""
    h, wd = grey.shape
    top, bottom = max(0, w.top), min(h, w.bottom + 1)
    x0, x1 = max(0, w.x0), min(wd, w.x1 + 1)
    if bottom - top < 2 or x1 - x0 < 2:
        return None
    cols = (grey[top:bottom, x0:x1] <= FAINT_LEVEL).any(axis=0).nonzero()[0]
    if not len(cols):
        return None
    c0 = c1 = int(cols[-1])
    inked = set(cols.tolist())
    while c0 - 1 in inked:
        c0 -= 1
    if c1 - c0 + 1 <= MARK_WIDTH * fs and c0 > int(cols[0]):
        before = [c for c in inked if c < c0]
        return x0 + max(before)  # the letters end before the mark's run
    return x0 + c1


#: the mark between a place name and the date's "ngày" ("Hà Nội, ngày …"): looked for in the
#: gap after the name's last letter, down to ``MARK_BELOW`` font sizes under the baseline (a
#: comma's tail); letters are the components reaching ``LETTER_HEIGHT`` (an x-height's stem), a
#: mark is at most ``MARK_SIZE`` high and wide (Times: a comma 0.22 em with its tail, a full stop 0.1)
MARK_BELOW = 0.3
LETTER_HEIGHT = 0.3
MARK_SIZE = (0.4, 0.3)
#: where the mark's ink ends under the baseline (its pale blur with it: a 150-dpi comma's tail
#: is paler than the faint level): a full stop's at most ``DOT_LOW`` (1 px at least: the
#: baseline's rounding), a comma's at least ``COMMA_LOW`` (2 px at least); in between no one can tell
DOT_LOW, COMMA_LOW = 0.04, 0.08


def mark_before(w: Word, nxt: Word, grey: Any, fs: float, words: list[Word], hidden: list[Box] = ()  # type: ignore[assignment]
                ) -> tuple[str, float]:
    """Which mark stands between the word ``w`` and the next word ``nxt`` on its line:
    ``"comma"`` (a mark with a tail under the baseline), ``"dot"`` (a round dot sitting on it,
    nothing under it), ``"none"`` (white paper after the letters, none read either) or
    ``"unsure"``, with a confidence (module docstring). Tesseract reads a 150-dpi comma whose
    tail is pale as "." at 0.96: the date line's comma rests on this, not on that reading."""
    if w.baseline is None or not _plausible(w, fs):
        return "unsure", UNSURE_CONF
    base = w.baseline
    gap = _edge_gap(fs)
    x0, x1 = w.x0, nxt.x0 - gap + 1
    top, bottom = int(base - BAND_ABOVE * fs), int(base + MARK_BELOW * fs) + 1
    others = [o for o in words if o is not w and o is not nxt]
    if x1 - x0 < 2 or _crossed((x0, top, x1, bottom), others, hidden, w):
        return "unsure", UNSURE_CONF
    ink = _ink(grey, x0, top, x1, bottom, fs)
    if not ink:
        return "unsure", UNSURE_CONF  # off the image, or no letters where the word was read
    letters = [c for c in ink if c.h >= LETTER_HEIGHT * fs or c.top == 0]
    if not letters:
        return "unsure", UNSURE_CONF
    end = max(c.x1 for c in letters)
    marks = [c for c in ink if c.x0 > end]
    if any(c.x1 > end and c.x0 <= end and c not in letters for c in ink):
        return "unsure", UNSURE_CONF  # ink touching the last letter's edge
    read_mark = not w.text[-1:].isalnum()
    if not marks:
        pale = _ink(grey, x0 + end + gap, top, x1, bottom, fs, pale=True)
        if read_mark or pale is None or any(_may_be_mark(c, top, base, fs) for c in pale):
            return "unsure", UNSURE_CONF  # a mark read but not seen apart, or pale ink there
        return "none", MEASURED_CONF
    if len(marks) != 1:
        return "unsure", UNSURE_CONF
    c = marks[0]
    if c.h > MARK_SIZE[0] * fs or c.w > MARK_SIZE[1] * fs:
        return "unsure", UNSURE_CONF
    low = _pale_bottom(grey, x0 + c.x0, top + c.top, x0 + c.x1, bottom) - base
    if low >= max(2.0, COMMA_LOW * fs):
        return "comma", MEASURED_CONF
    if low <= max(1.0, DOT_LOW * fs) and top + c.bottom <= base + max(1.0, DOT_LOW * fs) \
            and c.h <= max(1.3 * c.w, c.w + 1) and c.h <= DOT_MAX * fs:
        return "dot", MEASURED_CONF
    return "unsure", UNSURE_CONF


#: pale ink is a mark's trace (a comma whitened with its ring left) when it is at least a
#: full stop's size each way (Times: 0.1 em; 3 px at 150 dpi) and reaches down to where a
#: full stop or a comma's head sits (``LOW_DOT`` over the baseline): JPEG ringing one or two
#: pixels wide beside a letter's stem at mid-height is neither
PALE_DOT = 0.1
LOW_DOT = 0.15


def _may_be_mark(c: Any, top: int, base: float, fs: float) -> bool:
    need = max(2.0, PALE_DOT * fs)
    return c.h >= need and c.w >= need and top + c.bottom >= base - LOW_DOT * fs


def _pale_bottom(grey: Any, x0: int, top: int, x1: int, limit: int) -> int:
    """The lowest page row the pale ink of a mark reaches, row by touching row from its top, in
    its columns and two to its left (a comma's tail curls to the lower left), down to ``limit``."""
    region = grey[top:limit, max(0, x0 - 2):x1 + 1]
    if region.size == 0:
        return top
    mask = region < float(np.median(grey[top:limit, max(0, x0 - 8):x1 + 8])) - PALE_DELTA
    row = 0
    while row + 1 < mask.shape[0] and mask[row + 1].any():
        row += 1
    return top + row
