"""Ink the page reading left unread: found, read again on its own, or kept as a known gap.

Tesseract's page layout sometimes drops a short line of its own — the wrapped "xã." that
closes a paragraph, a lone "- Lưu: VT." — and then the paragraph above ends at the wrong word
and a part can look absent. Here the page's ink that no recognised word, rule or seal covers is
grouped into line-sized regions; each region that stands as a line of its own (no recognised
word beside it on its height) and has the height of the page's text is read again as one line
(page segmentation mode 7). Words read well join the page; what stays unread is returned, so
that an absence on this page is not taken for a fact (``OcrPage.unread``).
"""

from __future__ import annotations

import statistics
from typing import Any

from .tess import Word, recognise

#: a region's height against the page's usual word height: a line of text, not a dot, a
#: handwritten signature or a seal's arc
MIN_HEIGHT, MAX_HEIGHT = 0.45, 1.6
MIN_WIDTH_EM = 0.4  # ink narrower than this: a stray mark (a page number's digit is 0.5)
MIN_INK_EM2 = 0.08  # dark pixels, in squared word heights, that make text rather than dirt
#: a recognised word this close (em) on the region's height means the region belongs to a read
#: line (a handwritten number beside "Số:", a dropped tail): not a line of its own
BESIDE_EM = 3.0
REREAD_CONF = 80.0  # a word read again is kept at this confidence or better
MAX_REGIONS = 12  # more than this is no dropped line but a picture, a table of marks: left alone
PAD_EM = 0.35
INK_LEVEL = 150  # grey level under which a pixel is ink (faint print included: an absence must not hide in it)
Box = tuple[int, int, int, int]
NOISE_CONF = 25.0  # a mark without letters or digits read below this is dirt (as page._keep)
#: what a line read again may open with besides words: the dash of a list line ("- Lưu: VT.")
LIST_MARKS = frozenset({"-", "–", "+", "•"})


def _usual_height(words: list[Word]) -> float | None:
    hs = [w.bottom - w.top for w in words if w.conf >= 80 and sum(c.isalpha() for c in w.text) >= 3]
    return statistics.median(hs) if len(hs) >= 5 else None


def unread_regions(words: list[Word], dark: Any, covered: list[tuple[float, float, float, float]],
                   discs: list[tuple[float, float, float]]) -> tuple[list[Box], list[Box]]:
    """Ink (boxes in pixels: x0, top, x1, bottom) that no word, rule or seal covers: the
    line-sized regions that stand apart from every recognised line (to read again), and the
    rest that is more than a speck (a handwritten mark, a stamp, a dropped tail)."""
    import numpy as np

    from .ink import components

    em = _usual_height(words)
    if em is None:
        return [], []
    h, w = dark.shape
    mask = dark.copy()
    pad = max(1, int(0.15 * em))
    for o in words:
        mask[max(0, o.top - pad):o.bottom + pad + 1, max(0, o.x0 - pad):o.x1 + pad + 1] = False
    for x0, y0, x1, y1 in covered:
        mask[max(0, int(y0) - pad):int(y1) + pad + 1, max(0, int(x0) - pad):int(x1) + pad + 1] = False
    yy, xx = np.ogrid[:h, :w]
    for cx, cy, r in discs:
        r2 = (1.15 * r) ** 2
        y0, y1, x0, x1 = max(0, int(cy - 1.2 * r)), min(h, int(cy + 1.2 * r)), max(0, int(cx - 1.2 * r)), min(w, int(cx + 1.2 * r))
        sub = (yy[y0:y1] - cy) ** 2 + (xx[:, x0:x1] - cx) ** 2 <= r2
        mask[y0:y1, x0:x1] &= ~sub
    read = [o for o in words if o.conf >= 80]
    column = (min(o.x0 for o in read), max(o.x1 for o in read))  # a lost line lies in the text's column
    f = max(1, int(round(em / 8)))  # cells of an eighth of a word height
    hh, ww = h // f, w // f
    small = mask[:hh * f, :ww * f].reshape(hh, f, ww, f).any(axis=(1, 3))
    if small.sum() == 0:
        return [], []
    reach = max(1, int(round(0.6 * em / f)))  # letters and words of one line join
    wide = small.copy()
    for d in range(1, reach + 1):
        wide[:, d:] |= small[:, :-d]
        wide[:, :-d] |= small[:, d:]
    lines: list[Box] = []
    other: list[Box] = []
    for comp in (c.coords() for c in components(wide)):
        ys, xs = comp[:, 0], comp[:, 1]
        box = _ink_box(mask, int(xs.min()) * f, int(ys.min()) * f, (int(xs.max()) + 1) * f, (int(ys.max()) + 1) * f)
        if box is None:
            continue
        x0, top, x1, bottom = box
        height, width = bottom - top, x1 - x0
        if int(mask[top:bottom, x0:x1].sum()) < MIN_INK_EM2 * em * em:
            continue  # a speck
        if not (MIN_HEIGHT * em <= height <= MAX_HEIGHT * em) or width < MIN_WIDTH_EM * em \
                or not (column[0] - em <= x0 and x1 <= column[1] + em) \
                or any(o.bottom > top + 0.3 * height and o.top < bottom - 0.3 * height
                       and o.x1 > x0 - BESIDE_EM * em and o.x0 < x1 + BESIDE_EM * em for o in words):
            other.append((x0, top, x1, bottom))
        else:
            lines.append((x0, top, x1, bottom))
    return lines, other


def reread_lost_lines(words: list[Word], image: Any, dpi: float, tess: Any,
                      covered: list[tuple[float, float, float, float]],
                      discs: list[tuple[float, float, float]]) -> tuple[list[Word], list[Box]]:
    """The words with the lost lines read again added; and the regions that stayed unread."""
    import numpy as np

    arr = np.asarray(image)
    dark = arr < INK_LEVEL
    regions, unread = unread_regions(words, dark, covered, discs)
    em = _usual_height(words) or 0
    found: list[Word] = []
    serial = 3_000_000
    if len(regions) > MAX_REGIONS:  # no dropped lines but a picture, a field of marks: all unread
        return words, unread + regions
    for x0, top, x1, bottom in regions:
        p = int(PAD_EM * em)
        box = (max(0, x0 - p), max(0, top - p), min(arr.shape[1], x1 + p), min(arr.shape[0], bottom + p))
        new = [w for w in recognise(tess, image.crop(box), int(dpi), psm=7) if w.text.strip()
               and (w.conf >= NOISE_CONF or any(c.isalnum() for c in w.text))]  # a speck read as "'" is dirt
        new.sort(key=lambda w: w.x0)
        good = [w for k, w in enumerate(new) if w.conf >= REREAD_CONF and (any(c.isalnum() for c in w.text)
                                                             or (k == 0 and w.text in LIST_MARKS))]
        if not any(any(c.isalnum() for c in w.text) for w in good) or len(good) < len(new):
            unread.append((x0, top, x1, bottom))  # not all of it read well: a gap, not words
            continue
        serial += 1
        for w in good:
            w.x0, w.x1, w.top, w.bottom = w.x0 + box[0], w.x1 + box[0], w.top + box[1], w.bottom + box[1]
            if w.baseline is not None:
                w.baseline += box[1]
            w.line = w.block = serial
            _tighten(w, dark, (x0, top, x1, bottom))
        found.extend(good)
    return words + found, unread


def _ink_box(mask: Any, x0: int, top: int, x1: int, bottom: int) -> Box | None:
    """The box of the ink inside a (dilated) region: what its size and place are judged on."""
    sub = mask[top:bottom, x0:x1]
    rows, cols = sub.any(axis=1).nonzero()[0], sub.any(axis=0).nonzero()[0]
    if not len(rows) or not len(cols):
        return None
    return x0 + int(cols[0]), top + int(rows[0]), x0 + int(cols[-1]) + 1, top + int(rows[-1]) + 1


def _tighten(w: Word, dark: Any, region: tuple[int, int, int, int]) -> None:
    """A word's box from a one-line reading is loose (it may run to the crop's edge): the box
    of its ink inside the region, which is what a page reading reports and sizes rest on."""
    x0, top, x1, bottom = region
    a, b = max(w.x0, x0), min(w.x1, x1)
    if b <= a:
        return
    sub = dark[top:bottom, a:b + 1]
    rows, cols = sub.any(axis=1).nonzero()[0], sub.any(axis=0).nonzero()[0]
    if len(rows) and len(cols):
        w.top, w.bottom = top + int(rows[0]), top + int(rows[-1])
        w.x0, w.x1 = a + int(cols[0]), a + int(cols[-1])
