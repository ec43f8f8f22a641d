"""Bold from the image: the thickness of a word's strokes against the page's usual stroke.

Times New Roman Bold's stems are about 1.7 times as thick as the Regular's (0.14 vs 0.08 em).
A word's stroke thickness is the typical length of its horizontal ink runs — across a
vertical stem a row of ink is as long as the stem is thick; runs longer than a third of the
word's height (bars, serifs joined, dots of a blur) are left out. Thickness in pixels depends
on the scanner (threshold, toner, blur, JPEG), so it is compared with the page's own usual
stroke (the median over its words, mostly running text set in Regular): a word is bold when
it is clearly thicker, regular when clearly not, and unknown in between or when it has too
few runs to measure. Thresholds: calibrated on the scan twins, whose text PDFs say which
words are bold (``tests/scans/calibrate_bold.py``).
"""

from __future__ import annotations

from typing import Any

from .image import horizontal_runs

INK = 128
MIN_RUNS = 12  # fewer horizontal runs than this: too little ink to judge
BOLD_RATIO = 1.30  # thicker than this × the page's usual stroke: bold
REGULAR_RATIO = 1.16  # thinner than this: regular; in between: unknown


def stroke_px(arr: Any, box: tuple[int, int, int, int]) -> tuple[float, int] | None:
    """(mean of the central half of the horizontal run lengths in pixels, number of runs) inside ``box`` (x0, top, x1, bottom)."""
    import numpy as np

    x0, top, x1, bottom = box
    sub = arr[max(0, top):bottom, max(0, x0):x1] < INK
    if sub.size == 0:
        return None
    h = sub.shape[0]
    _, starts, ends = horizontal_runs(sub)
    lengths = ends - starts
    lengths = np.sort(lengths[lengths <= max(2, h // 3)])
    if len(lengths) < MIN_RUNS:
        return None
    mid = lengths[len(lengths) // 4:len(lengths) - len(lengths) // 4]  # the central half: sub-pixel
    return float(mid.mean()), int(len(lengths))


def page_stroke(samples: list[float]) -> float | None:
    """The page's usual stroke thickness: the median over its measured words."""
    if len(samples) < 8:
        return None
    s = sorted(samples)
    return s[len(s) // 2]


def classify(stroke: float | None, usual: float | None) -> bool | None:
    """True bold, False regular, None unknown."""
    if stroke is None or not usual:
        return None
    ratio = stroke / usual
    if ratio >= BOLD_RATIO:
        return True
    if ratio <= REGULAR_RATIO:
        return False
    return None


#: a token this short without letters ("2.", "12.") has too few stems to measure itself (a "2"
#: is curves and bars): it is set in the weight of the word it follows ("Điều 2.", "năm 2024")
SHORT_MARK = 3


def _follows(texts: list[str] | None, classes: list[bool | None]) -> list[bool | None]:
    if texts is None:
        return list(classes)
    out = list(classes)
    for i in range(1, len(out)):
        t = texts[i]
        if out[i] is None and len(t) <= SHORT_MARK and not any(c.isalpha() for c in t):
            out[i] = classes[i - 1]
    return out


def smooth(ratios: list[float | None], classes: list[bool | None],
           texts: list[str] | None = None) -> list[bool | None]:
    """Words of one line segment, one weight each where the segment is clear. A segment is
    mostly set in one weight: a word whose own ratio is not decisive (capitals with few upright
    stems — N, A, M, V — measure thinner than they are) takes the class of the segment's median
    ratio when that is decisive; a word with a decisive ratio keeps its own class (a bold
    "Điều 1." opening a regular line), and so does a short mark that takes the weight of the
    word before it (``texts``: the words, for ``SHORT_MARK``)."""
    known = [r for r in ratios if r is not None]
    if not known:
        return classes
    med = sorted(known)[len(known) // 2]
    seg = classify(med, 1.0)
    followed = _follows(texts, classes)
    out = list(followed)
    for i, (r, c) in enumerate(zip(ratios, classes)):
        if seg is None or r is None or followed[i] is not c:
            continue
        if c is None or (seg and r >= 1.0) or (not seg and r <= 1.40):
            out[i] = seg
    return out
