"""The two handwritten slots of a signed paper header: the number and the day.

A paper document is typed with "Số:      /BC-UBND" and "Quảng Ngãi, ngày    tháng 01 năm
2025" and the văn thư writes the number and the day in by pen when it is issued. Tesseract,
trained on print, reads such digits as junk (dropped by ``page._clean``) or, worse, as other
digits at a confidence it would give print. Here the slots are found from the typed words
Tesseract did read — the ink after the colon of "Số:" up to the "/SYMBOL" word; the ink
between "ngày" and "tháng" — the ink is cut into digits (connected components; vertical
pieces of one digit joined, two touching digits split by width; typed marks, dots and
leaders left out) and each digit is read by :mod:`.digits`. A field is taken only when every
digit is sure and the value is plausible (a day that exists in the typed month and year; a
number of 1–5 digits); otherwise the slot is left blank, as before. Whether a slot holds
print or pen is told by the ink's height against the line's typed year (pen digits stand
taller), not by Tesseract's confidence, which is as high on pen digits it misreads ("16" →
"46" at 92) as on print; a printed slot is left to Tesseract.

A reading enters the word stream like a typed word, with the field's confidence capped under
the rule pack's threshold (a handwritten reading never fails a rule by itself) and marked
handwritten (``GlyphInfo.handwritten``), so a report can say "(viết tay)".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from .ink import Component
from .ink import components as ink_components
from .tess import Word

#: the typed year is taken as the height of print when read at this confidence or more
TYPED_CONF = 75.0
#: every digit of an accepted field is at least this probable (calibrated on held-out digits)
DIGIT_MIN_P = 0.90
#: a handwritten reading's confidence never reaches the rule pack's threshold (0.90)
MAX_CONF = 0.85
INK = 128
#: the typed "ngày" is this share of the typed "tháng" beside it (Times italic, measured 0.85)
NGAY_PER_THANG = 0.855
#: a "ngày" read as such but wider than this × its width from "tháng" (real scans 0.99–1.01 ×)
#: holds pen ink that touches it: Tesseract's box then runs into the slot, and the slot starts
#: where the typed word ends (from "tháng"), not at the box's edge
LABEL_WIDE = 1.12
HEADER_SHARE = 0.40  # the header lies in the top 40 % of page 1
#: pen digits written into a typed line stand taller than its typed digits (1.1–1.5 × the
#: year's height on real scans); print measures 0.9–1.04 (scan twins): below this the slot's
#: ink is print, and Tesseract's reading of it stands
HAND_HEIGHT = 1.08
#: a "/SYMBOL" read again from its line is taken at this confidence or more (Tesseract's own
#: doubt: below half, its reading of print is as likely garbage as not)
SYMBOL_CONF = 50.0


@dataclass(slots=True)
class Reading:
    """One slot read: the text, the field confidence (0–1), each digit's probability, and the
    ink box in page pixels."""

    field: str  # "number" | "day"
    text: str
    conf: float
    digits: list[tuple[int, float]]
    box: tuple[int, int, int, int]
    accepted: bool


def components(mask: np.ndarray) -> list[Component]:
    """The mask's 8-connected components, left to right."""
    return sorted(ink_components(mask), key=lambda c: c.x0)


def _is_dot(c: Component, em: float) -> bool:
    return 0.05 * em <= c.w <= 0.3 * em and 0.05 * em <= c.h <= 0.3 * em and 0.5 <= c.w / c.h <= 2.0 \
        and c.area >= 0.4 * c.w * c.h


def colon_end(comps: list[Component], em: float, baseline: float) -> int | None:
    """x just right of the colon of "Số:" — two dots one above the other, the lower on the
    baseline — or, when the lower dot touches the first digit, of the dot at its upper place;
    None if there is none. The leftmost pair counts: digits come after it."""
    dots = [c for c in comps if _is_dot(c, em)]
    pairs = [(d, o) for d in dots for o in dots if o is not d and o.x0 <= d.x1 and d.x0 <= o.x1
             and o.top > d.bottom and abs(o.bottom - baseline) <= 0.2 * em]
    if pairs:
        d, o = min(pairs, key=lambda p: p[0].x0)
        return max(d.x1, o.x1) + 1
    upper = [d for d in dots if baseline - 0.6 * em <= (d.top + d.bottom) / 2 <= baseline - 0.2 * em]
    return min(upper, key=lambda d: d.x0).x1 + 1 if upper else None


#: each part of a cut pair is at least this share of the pair's height: a cut through a
#: long lead-in ("1" as Vietnamese schools write it) leaves a short piece, not a digit
PART_HEIGHT = 0.7


def _part(c: Component, sub: np.ndarray, lo: int, hi: int) -> Component | None:
    """The ink of columns lo…hi-1 of ``c`` (``sub``: its box of the mask) as a component."""
    rows = np.nonzero(sub[:, lo:hi].any(axis=1))[0]
    if len(rows) == 0:
        return None
    part = Component(c.x0 + lo, c.top + int(rows[0]), c.x0 + hi - 1, c.top + int(rows[-1]))
    part.pixels = [(r, max(s, c.x0 + lo), min(e, c.x0 + hi)) for r, s, e in c.pixels
                   if min(e, c.x0 + hi) > max(s, c.x0 + lo)]
    return part if part.pixels else None


def _split_wide(c: Component, img: np.ndarray, em: float) -> list[Component]:
    """Two touching digits are one component about twice a digit's width (only when clearly
    two: wider than 1.25 × its height): cut at the column of least ink in its middle third
    where both parts stand nearly the pair's full height. A column of little ink can be the
    lead-in of a flagged "1", which a cut there leaves as a short stroke beside the rest;
    with no cut that leaves two digits, the pair stays one (read unsure, the slot blank)."""
    if c.w <= 1.25 * c.h or c.w < 0.6 * em:
        return [c]
    sub = img[c.top:c.bottom + 1, c.x0:c.x1 + 1]
    prof = sub.sum(axis=0)
    a, b = c.w // 3, 2 * c.w // 3
    for cut in sorted(range(a, b), key=lambda k: (prof[k], abs(k - c.w / 2))):
        left, right = _part(c, sub, 0, cut), _part(c, sub, cut, c.w)
        if left is not None and right is not None and min(left.h, right.h) >= PART_HEIGHT * c.h:
            return [left, right]
    return [c]


def segment(mask: np.ndarray, em: float) -> list[Component]:
    """The digits of a slot's ink, left to right. Left out: specks, dots, and thin horizontal
    leaders ("……", "___"); pieces one above the other (a "5" whose bar was lifted) are one."""
    comps = [c for c in components(mask) if c.area >= 0.004 * em * em]
    comps = [c for c in comps if not (c.h < 0.2 * em and c.w > 1.5 * c.h)]  # dotted or underscore leader
    comps = [c for c in comps if not _is_dot(c, em) and max(c.w, c.h) >= 0.25 * em]
    comps.sort(key=lambda c: c.x0)
    merged: list[Component] = []
    for c in comps:
        if merged:
            p = merged[-1]
            overlap = min(p.x1, c.x1) - max(p.x0, c.x0)
            if overlap > 0.5 * min(p.w, c.w) and (c.bottom < p.top + 0.5 * p.h or c.top > p.top + 0.5 * p.h
                                                  or min(p.h, c.h) < 0.5 * max(p.h, c.h)):
                p.merge(c)
                continue
        merged.append(c)
    out: list[Component] = []
    for c in merged:
        out.extend(_split_wide(c, mask, em))
    tall = max((c.h for c in out), default=0)
    return [c for c in out if c.h >= 0.45 * tall]  # a stray mark beside the digits


#: the band of a digit's height (from the top) where a "1" or a "7" is one stroke: under a
#: "1"'s lead-in (it ends at 0.4–0.8 of the height) and above a foot serif
FOOT_BAND = (0.82, 0.95)


def strokes_at_foot(c: Component) -> float:
    """How many strokes cross the lower part of the digit (median over the rows of
    ``FOOT_BAND``; runs closer than a stroke's gap of 2 px are one). A "1" or a "7" stands on
    one stroke; two are two digits in one component: "11" written with lead-ins overlapping,
    the second's lead-in over the first's stem (read as one "1" at 0.99 — a wrong day)."""
    lo, hi = c.top + FOOT_BAND[0] * c.h, c.top + FOOT_BAND[1] * c.h
    rows: dict[int, list[tuple[int, int]]] = {}
    for r, s, e in c.pixels:
        if lo <= r <= hi:
            rows.setdefault(r, []).append((s, e))
    counts = []
    for runs in rows.values():
        runs.sort()
        n, end = 0, -10
        for s, e in runs:
            if s > end + 2:
                n += 1
            end = max(end, e)
        counts.append(n)
    return float(np.median(counts)) if counts else 0.0


def _ink(c: Component, grey: np.ndarray) -> np.ndarray:
    """The component's own ink (others' pixels in its box stay paper), as darkness 0–1."""
    out = np.zeros((c.h, c.w), dtype=np.float32)
    for r, s, e in c.pixels:
        out[r - c.top, s - c.x0:e - c.x0] = 1.0
    box = grey[c.top:c.bottom + 1, c.x0:c.x1 + 1].astype(np.float32)
    dark = np.clip((255.0 - box) / 200.0, 0.0, 1.0)
    grown = out.copy()  # the anti-aliased edge around the mask belongs to the stroke too
    grown[1:, :] = np.maximum(grown[1:, :], out[:-1, :])
    grown[:-1, :] = np.maximum(grown[:-1, :], out[1:, :])
    grown[:, 1:] = np.maximum(grown[:, 1:], out[:, :-1])
    grown[:, :-1] = np.maximum(grown[:, :-1], out[:, 1:])
    return dark * grown


def read_region(grey: np.ndarray, x0: int, y0: int, x1: int, y1: int, em: float, kind: str,
                max_digits: int, typed_h: float) -> Reading | None:
    """Segment and classify the ink in one region of the page (pixels); None when no ink, or
    when the ink is no taller than the line's typed digits (``typed_h``): print, not pen."""
    from .digits import classify

    h, w = grey.shape
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    region = grey[y0:y1, x0:x1]
    comps = segment(region < INK, em)
    if not comps or max(c.h for c in comps) < HAND_HEIGHT * typed_h:
        return None
    digits = classify([_ink(c, region) for c in comps]) if len(comps) <= max_digits else []
    box = (x0 + min(c.x0 for c in comps), y0 + min(c.top for c in comps),
           x0 + max(c.x1 for c in comps) + 1, y0 + max(c.bottom for c in comps) + 1)
    if not digits:
        return Reading(kind, "", 0.0, [], box, False)
    text = "".join(str(d) for d, _ in digits)
    conf = float(np.prod([p for _, p in digits]))
    ok = all(p >= DIGIT_MIN_P and d >= 0 for d, p in digits)
    # a "1" or "7" on two strokes is two digits the segmenter could not cut: not a reading
    ok = ok and not any(d in (1, 7) and strokes_at_foot(c) >= 2 for (d, _), c in zip(digits, comps))
    return Reading(kind, text, round(min(conf, MAX_CONF), 3), digits, box, ok)


def _bare(s: str) -> str:
    """Lower case without diacritics ("ngày" → "ngay"), for matching the typed labels."""
    from ...text.fold import strip_accents

    return strip_accents(s).lower()


_SYMBOL = re.compile(r"^/[A-ZĐ]")
_DIGITS = re.compile(r"\d")


def _same_line(a: Word, b: Word) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.4 * min(a.bottom - a.top, b.bottom - b.top)


def _word(text: str, conf: float, box: tuple[int, int, int, int], like: Word) -> Word:
    return Word(text=text, conf=round(conf * 100, 1), x0=box[0], top=box[1], x1=box[2], bottom=box[3],
                line=like.line, block=like.block, baseline=like.baseline)


def number_slot(words: list[Word], grey: np.ndarray, typed_h: float, row: Word
                ) -> tuple[Reading, list[Word], Word, Word | None] | None:
    """The Số line's number slot: (reading, words inside the slot, the symbol word, a "Số:"
    label word made here or None). The Số line stands in the left column of the date line's
    row (``row``: its tháng)."""
    h, w = grey.shape
    em_row = row.bottom - row.top
    syms = [x for x in words if _SYMBOL.match(x.text) and abs(x.top - row.top) < 2 * em_row
            and (x.x0 + x.x1) / 2 < 0.55 * w]
    if not syms:
        return None
    sym = min(syms, key=lambda x: x.top)
    em = float(sym.bottom - sym.top)
    line = [x for x in words if x is not sym and _same_line(x, sym) and x.x1 <= sym.x0 + 2 and x.x0 > sym.x0 - 8 * em]
    label = next((x for x in reversed(sorted(line, key=lambda x: x.x0)) if _bare(x.text).startswith("so")), None)
    inside = [x for x in line if label is None or x.x0 > label.x0]
    if label is not None and _DIGITS.search(label.text):
        inside.append(label)  # "Số:05" read as one word
    left = label.x0 if label is not None else int(sym.x0 - 6 * em)
    y0, y1 = int(sym.top - 0.6 * em), int(sym.bottom + 0.4 * em)
    region = grey[max(0, y0):y1, max(0, left):sym.x0 - 1] < INK
    base = (sym.baseline if sym.baseline is not None else sym.bottom) - max(0, y0)
    comps = components(region)
    start = colon_end(comps, em, base)
    if start is None:
        if label is None or _bare(label.text).rstrip(":") != "so":
            return None
        start = label.x1 + 1 - max(0, left)
    r = read_region(grey, max(0, left) + start, y0, sym.x0 - 2, y1, em, "number", 5, typed_h)
    if r is None:
        return None
    made = _label_from_ink(grey, comps, start, max(0, left), max(0, y0), base, sym, em, typed_h) if label is None else None
    return r, [x for x in inside if x is not label], sym, made


def _label_from_ink(grey: np.ndarray, comps: list[Component], start: int, left: int, top: int, base: float,
                    sym: Word, em: float, typed_h: float) -> Word | None:
    """The "Số:" of a Số line that Tesseract read glued to the pen digits ("Số:⁄‡4_" at 4 %,
    dropped as noise) while it read the "/SYMBOL" after them: the print left of the colon, if
    Tesseract asked again about the typed line alone (pen ink painted out) reads "Số" and the
    symbol. Then the symbol word takes that reading too (a line of print read whole, not a
    fragment beside pen ink). None when the ink or the second reading says otherwise."""
    label = [c for c in comps if c.x1 < start and c.bottom >= base - 1.6 * typed_h and c.top <= base + 0.5 * typed_h]
    if len(label) < 2:
        return None
    lab_box = (left + min(c.x0 for c in label), top + min(c.top for c in label), left + start, top + int(base) + 1)
    sym_box = (sym.x0, sym.top, sym.x1 + 1, sym.bottom + 1)
    got = typed_line_reread(grey, lab_box, sym_box, left + start, em, top + base)
    if got is None:
        return None
    (_, lab_conf), (sym_text, sym_conf) = got
    if sym_conf > sym.conf:
        sym.text, sym.conf = sym_text, round(sym_conf, 1)
    return Word(text="Số:", conf=round(lab_conf, 1), x0=lab_box[0], top=lab_box[1], x1=lab_box[2],
                bottom=lab_box[3], line=sym.line, block=sym.block, baseline=sym.baseline)


_SYMBOL_TEXT = re.compile(r"^/[A-ZĐ][A-ZĐ0-9Ư.&-]*[A-ZĐ0-9]$")


def _typed_start(comps: list[Component], typed_h: float, base: float) -> int | None:
    """Index of the first component of the typed run at the right end of a line (the
    "/SYMBOL"): letters of print height standing on the baseline, hyphens between them. Read
    from the right; the first mark that is not print ends it. None when fewer than two."""
    k = len(comps)
    for c in reversed(comps):
        letter = 0.8 * typed_h <= c.h <= 1.2 * typed_h and abs(c.bottom - base) <= 0.15 * typed_h
        mid = (c.top + c.bottom) / 2
        dash = c.h <= 0.3 * typed_h and c.w <= typed_h and base - 0.75 * typed_h <= mid <= base - 0.15 * typed_h
        if not (letter or dash):
            break
        k -= 1
    return k if len(comps) - k >= 2 else None


def typed_line_reread(grey: np.ndarray, lab_box: tuple[int, int, int, int], sym_box: tuple[int, int, int, int],
                      slot_x0: int, em: float, base: float) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """Tesseract asked again about the typed Số line alone, the pen ink between the label and
    the symbol painted paper: ((label text, conf), (symbol text, conf)) when it reads "Số" and
    a well-formed symbol at ``SYMBOL_CONF`` or more, else None. A line of print with its label
    for context reads as on any typed header ("Số:" and "/BCA-V01"), where a crop of the symbol
    alone swings with its frame ("V01" → "V0I", "V0I1")."""
    from PIL import Image

    from . import available
    from .tess import recognise

    tess = available()
    if tess is None:
        return None
    pad = int(0.3 * em)
    t, b = max(0, min(sym_box[1], lab_box[1]) - pad), min(grey.shape[0], int(base + 0.5 * em))
    x0, x1 = lab_box[0], sym_box[2]
    if b - t < 2 or x1 - x0 < 2:
        return None
    line = grey[t:b, x0:x1].copy()
    line[:, max(0, slot_x0 - x0):max(0, sym_box[0] - x0)] = 255
    crop = np.full((b - t + 4 * pad, x1 - x0 + 4 * pad), 255, dtype=np.uint8)
    crop[2 * pad:2 * pad + b - t, 2 * pad:2 * pad + x1 - x0] = line
    got = recognise(tess, Image.fromarray(crop), 300, psm=7)
    if len(got) != 2 or _bare(got[0].text).rstrip(":") != "so" or not _SYMBOL_TEXT.match(got[1].text) \
            or got[1].conf < SYMBOL_CONF:
        return None
    return (got[0].text, got[0].conf), (got[1].text, got[1].conf)


def glued_number_slot(words: list[Word], grey: np.ndarray, typed_h: float, row: Word, date_x0: int,
                      glued: Word | None) -> tuple[Reading, list[Word], list[Word]] | None:
    """The Số line when Tesseract gave no "/SYMBOL" word of its own: it read "Số:52Ø/BCA-V01"
    as one word (``glued``), or lost the line. The line is measured in the image instead, in
    the left column at the date line's height (``row``: its tháng; ``date_x0``: where the
    date line begins): the colon of "Số:" (two dots), the typed "/SYMBOL" (a run of print
    height from the right end), the pen digits between them. Taken only when Tesseract,
    asked again about the typed line alone (the pen ink painted paper), reads "Số" and a
    well-formed symbol at ``SYMBOL_CONF`` or more; then
    (reading, words to drop, new words: label, symbol)."""
    em = float(row.bottom - row.top)
    if glued is not None:
        xa, xb = glued.x0 - int(0.3 * em), glued.x1 + int(0.3 * em)
        y0, y1 = int(glued.top - 0.4 * em), int(glued.bottom + 0.4 * em)
    else:
        xa, xb = 0, date_x0 - int(em)
        y0, y1 = int(row.top - 0.7 * em), int(row.bottom + 0.3 * em)
    y0, y1, xa = max(0, y0), min(grey.shape[0], y1), max(0, xa)
    if xb - xa < 4 * em or y1 - y0 < em:
        return None
    region = grey[y0:y1, xa:xb]
    comps = [c for c in components(region < INK) if c.area >= 0.004 * em * em
             and c.top > 0 and c.bottom < region.shape[0] - 1]  # cut by the band: another line
    letters = [c.bottom for c in comps if 0.8 * typed_h <= c.h <= 1.2 * typed_h]
    if len(letters) < 4:
        return None
    base = float(np.median(letters))
    comps = [c for c in comps if c.bottom >= base - 1.6 * typed_h and c.top <= base + 0.5 * typed_h]
    start = colon_end(comps, typed_h, base)
    if start is None:
        return None
    label = [c for c in comps if c.x1 < start]
    after = [c for c in comps if c.x0 >= start]
    k = _typed_start(after, typed_h, base)
    if not label or k is None or k == 0:
        return None
    run = after[k:]
    sx0 = run[0].x0
    top = int(min(c.top for c in run))
    sym_box = (xa + sx0, y0 + top, xa + max(c.x1 for c in run) + 1, y0 + int(base) + 1)
    lab_box = (xa + min(c.x0 for c in label), y0 + min(c.top for c in label), xa + start, y0 + int(base) + 1)
    got = typed_line_reread(grey, lab_box, sym_box, xa + start, em, y0 + base)
    if got is None:
        return None
    (_, lab_conf), (sym_text, sym_conf) = got
    r = read_region(grey, xa + start, y0, xa + sx0 - 1, y1, em, "number", 5, typed_h)
    if r is None:
        return None
    like = glued or row
    sym = Word(text=sym_text, conf=round(sym_conf, 1), x0=sym_box[0], top=sym_box[1],
               x1=sym_box[2], bottom=sym_box[3], line=like.line, block=like.block, baseline=y0 + base)
    lab = Word(text="Số:", conf=round(lab_conf, 1), x0=lab_box[0], top=lab_box[1], x1=lab_box[2],
               bottom=lab_box[3], line=like.line, block=like.block, baseline=y0 + base)
    if glued is None:
        sym.line = lab.line = max((x.line for x in words), default=0) + 1
        sym.block = lab.block = max((x.block for x in words), default=0) + 1
    return r, ([glued] if glued is not None else []), [lab, sym]


def date_line(words: list[Word], height: int) -> tuple[Word, Word, Word] | None:
    """(ngày, tháng, năm's year) of the header's date line: "…, ngày … tháng … năm 2025"."""
    cands = [x for x in words if _bare(x.text).endswith("thang") and x.top < HEADER_SHARE * height]
    for th in sorted(cands, key=lambda x: x.top):
        line = sorted((x for x in words if x is not th and _same_line(x, th)), key=lambda x: x.x0)
        after = [x for x in line if x.x0 >= th.x1 - 2]
        nam = next((k for k, x in enumerate(after) if _bare(x.text) == "nam"), None)
        year = after[nam + 1] if nam is not None and nam + 1 < len(after) else None
        if year is None or not re.fullmatch(r"(19|20)\d\d", year.text) or year.conf < TYPED_CONF:
            continue
        ngay = next((x for x in reversed([x for x in line if x.x1 <= th.x0 + 2]) if _bare(x.text).startswith("nga")), None)
        if ngay is not None:
            return ngay, th, year
    return None


def day_slot(words: list[Word], grey: np.ndarray, found: tuple[Word, Word, Word]
             ) -> tuple[Reading, list[Word], int, int, int] | None:
    """The date line's day slot: (reading, words inside, slot x0, slot x1, month as typed
    (0 when not read))."""
    ngay, th, year = found
    line = sorted((x for x in words if x is not th and _same_line(x, th)), key=lambda x: x.x0)
    clean_ngay, clean_thang = _bare(ngay.text) == "ngay", _bare(th.text) == "thang"
    if clean_thang:
        w_thang = th.x1 - th.x0
        if clean_ngay and ngay.x1 - ngay.x0 > LABEL_WIDE * NGAY_PER_THANG * w_thang:
            clean_ngay = False  # the pen's first digit joined to the typed word's box
    elif clean_ngay:
        w_thang = (ngay.x1 - ngay.x0) / NGAY_PER_THANG
    else:
        return None
    x0 = ngay.x1 + 1 if clean_ngay else int(ngay.x0 + NGAY_PER_THANG * w_thang)
    x1 = th.x0 - 2 if clean_thang else int(th.x1 - w_thang) - 2
    inside = [x for x in line if x is not ngay and x0 - 2 <= (x.x0 + x.x1) / 2 <= x1 + 2]
    em = float(th.bottom - th.top)
    y0, y1 = int(th.top - 0.5 * em), int(th.bottom + 0.3 * em)
    m = next((x for x in line if x.x0 >= th.x1 - 2 and x.text.isdigit()), None)
    month = int(m.text) if m is not None and 1 <= int(m.text) <= 12 else 0
    r = read_region(grey, x0, y0, x1, y1, em, "day", 2, year.bottom - year.top)
    if r is None:
        return None
    return r, inside, x0, x1, month


def plausible_day(text: str, month: int, year: int) -> bool:
    if not text.isdigit() or not 1 <= len(text) <= 2:
        return False
    d = int(text)
    if month and year:
        return 1 <= d <= calendar.monthrange(year, month)[1]
    return 1 <= d <= 31


def read_slots(words: list[Word], grey: Any) -> tuple[list[Word], set[int], list[Reading]]:
    """The page's words with the handwritten number and day put in where they were read
    surely; the ids of the words so put in; every reading made (for measurement). Only on a
    page with a header date line whose typed year was read (its height tells pen from print)."""
    arr = np.asarray(grey)
    out = list(words)
    hand: set[int] = set()
    readings: list[Reading] = []
    found = date_line(out, arr.shape[0])
    if found is None:
        return out, hand, readings
    ngay, th, year = found
    _typed_month(out, th, year)
    typed_h = float(year.bottom - year.top)
    got = number_slot(out, arr, typed_h, th)
    if got is None:
        got3 = _glued(out, arr, typed_h, th, ngay)
        if got3 is not None:
            r, drop, (lab, sym) = got3
            r.accepted = r.accepted and 1 <= len(r.text) <= 5
            readings.append(r)
            out = [x for x in out if all(x is not d for d in drop)]
            # reading order: before the first word of the left column below the line
            at = next((k for k, x in enumerate(out) if x.top > (lab.top + lab.bottom) / 2 and x.x0 < sym.x1),
                      len(out))
            out[at:at] = [lab, sym]
            out = _put(out, r, [], sym, hand)
    if got is not None:
        r, inside, sym, made = got
        r.accepted = r.accepted and 1 <= len(r.text) <= 5
        readings.append(r)
        if made is not None:
            out.insert(out.index(sym), made)
            if r.accepted:  # a pen number touching the typed colon keeps the typed word space before it
                space = int(0.25 * (th.bottom - th.top))
                made.x1 = max(made.x0 + 1, min(made.x1, r.box[0] - 1 - space))
        out = _put(out, r, inside, sym, hand)
    got2 = day_slot(out, arr, found)
    if got2 is not None:
        r, inside, x0, x1, month = got2
        r.accepted = r.accepted and plausible_day(r.text, month, int(year.text))
        readings.append(r)
        if r.accepted:
            # "ngày0ÿ", "ngàW", a "ngày" box run into the pen ink: the typed label, in its own box
            if _bare(ngay.text) != "ngay":
                ngay.text = "ngày"
            if _bare(th.text) != "thang":  # "04tháng"
                th.text = "tháng"
            # an estimated end keeps a word space before the digits (the pen ink may touch the
            # label: "ngày11" would not read as a date)
            space = 0 if ngay.x1 < x0 else int(0.25 * (th.bottom - th.top))
            ngay.x1, th.x0 = min(ngay.x1, x0 - 1 - space), max(th.x0, x1 + 1)
        out = _put(out, r, inside, th, hand)
    return out, hand, readings


def _glued(words: list[Word], grey: np.ndarray, typed_h: float, th: Word, ngay: Word
           ) -> tuple[Reading, list[Word], list[Word]] | None:
    """The Số line measured in the image: inside a word "Số…/SYMBOL", or, when no word of
    the left column at the date line's height reads like a symbol or a label, where it should be."""
    h, w = grey.shape
    em = th.bottom - th.top
    near = [x for x in words if min(x.bottom, th.bottom) - max(x.top, th.top) > 0.2 * em and (x.x0 + x.x1) / 2 < 0.55 * w]
    glued = next((x for x in near if _bare(x.text).startswith("so") and "/" in x.text), None)
    if glued is None and any(_bare(x.text).startswith("so") or "/" in x.text for x in near):
        return None
    date_x0 = min((x.x0 for x in words if _same_line(x, ngay) and x.x1 <= ngay.x0 + 2), default=ngay.x0)
    return glued_number_slot(words, grey, typed_h, th, date_x0, glued)


_LOOKALIKE = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0"})


def _typed_month(words: list[Word], th: Word, year: Word) -> None:
    """The typed month between "tháng" and "năm" read with a letter for a digit ("0I", "I1"):
    only a number stands there in a date line, so I, l, | are 1 and O is 0."""
    for x in words:
        if th.x1 - 2 <= x.x0 and x.x1 <= year.x0 and _same_line(x, th) and re.fullmatch(r"[0-9IlO|o]{1,2}", x.text) \
                and not x.text.isdigit() and x.conf >= 60:
            v = x.text.translate(_LOOKALIKE)
            if 1 <= int(v) <= 12:
                x.text = v


def _put(words: list[Word], r: Reading, inside: list[Word], before: Word, hand: set[int]) -> list[Word]:
    """The reading in place of the slot's digit words when accepted; else the slot blank:
    Tesseract's digits in a pen-written slot are doubtful (it reads pen as print), never a guess."""
    doubtful = {id(x) for x in inside if _DIGITS.search(x.text)}
    out = [x for x in words if id(x) not in doubtful]
    if r.accepted:
        nw = _word(r.text, r.conf, r.box, before)
        out.insert(out.index(before), nw)
        hand.add(id(nw))
    return out
