"""Font size from the height of recognised words, with an honest error bar.

For a word of known text, Times New Roman puts its ink between the lowest bottom and the
highest top of its characters (``metrics_data.INK``: "năm" spans x-height plus breve, "Độc"
the capital's accent to the baseline, "phúc" the descender of p to the acute). The word's
height in pixels at a known dpi divided by that span in em is its size in points. One word
is noisy (±1 px is ±4 % at 200 dpi); a line segment takes the median of its words, and its
error bar grows with the spread, shrinks with the count, and never falls under a floor for
what the method cannot see (bold faces ink a little taller, a blurred scan thickens edges).

Calibration (``CALIBRATION``): fitted on the compliant samples rendered at 150,
200 and 300 dpi against the sizes in their text layer (``tests/scans/calibrate.py``).
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass

from .metrics_data import INK

#: dpi -> (pixels the word box adds to the ink height, scale); fitted by tests/scans/calibrate.py
#: (relative MAD of one word after the fit: 1.7 % at 150 dpi, 0.7 % at 200, 1.1 % at 250, 0.8 % at 300)
CALIBRATION = {150: (0.2, 1.0053), 200: (0.9, 1.0173), 250: (0.3, 0.9961), 300: (0.1, 1.0055)}
FLOOR_PT = 0.2  # no estimate is trusted closer than this
MIN_SPAN = 0.40  # em; shorter spans ("-", ".", "…") say too little
WORD_SD = 0.025  # least relative spread of one word's estimate
#: what calibration on clean renders cannot know: the print-and-scan chain's scale and ink.
#: A scanner's threshold and toner make strokes fatter or thinner (bilevel scan twins: +2–3 %
#: at 200 dpi), and real scans are not at 100 %: copiers and "fit to page" printing scale the
#: sheet, toner spreads. Measured on the six real scans in tests/real/files: body text that is
#: 14 pt by every other sign estimates at 15–16 pt (+7–14 %), their text blocks are ~5 % wider
#: than A4 leaves, one page image is 292 mm tall. So a size is judged only when it is more than
#: this far outside the range: 11 or 16 pt body text is caught, 12 vs 13 pt (8 %) is not.
SYSTEMATIC = 0.12


@dataclass(slots=True)
class Estimate:
    size: float  # points
    error: float  # ± points (about two standard errors, never under FLOOR_PT)
    words: int


def span_em(text: str) -> float | None:
    """Ink height of ``text`` in em (Times New Roman), None when too few known characters."""
    text = unicodedata.normalize("NFC", text)
    lo, hi, known = 0.0, 0.0, 0
    first = True
    for ch in text:
        v = INK.get(ch)
        if v is None:
            continue
        known += 1
        b, t = v[0] / 1000.0, v[1] / 1000.0
        if first:
            lo, hi, first = b, t, False
        else:
            lo, hi = min(lo, b), max(hi, t)
    if known == 0 or hi - lo < MIN_SPAN:
        return None
    return hi - lo


def calibration(dpi: float) -> tuple[float, float]:
    """(pixel offset, scale) at ``dpi``, interpolated between the fitted resolutions."""
    keys = sorted(CALIBRATION)
    if dpi <= keys[0]:
        return CALIBRATION[keys[0]]
    if dpi >= keys[-1]:
        return CALIBRATION[keys[-1]]
    for a, b in zip(keys, keys[1:]):
        if a <= dpi <= b:
            t = (dpi - a) / (b - a)
            (ca, sa), (cb, sb) = CALIBRATION[a], CALIBRATION[b]
            return ca + t * (cb - ca), sa + t * (sb - sa)
    return CALIBRATION[keys[-1]]


def word_size(text: str, height_px: float, dpi: float) -> float | None:
    span = span_em(text)
    if span is None or height_px <= 2:
        return None
    c, scale = calibration(dpi)
    return scale * (height_px - c) / span * 72.0 / dpi


def bearings(text: str) -> tuple[float, float]:
    """(left side bearing of the first character, right one of the last) in em."""
    text = unicodedata.normalize("NFC", text.strip())
    if not text:
        return 0.0, 0.0
    a, b = INK.get(text[0]), INK.get(text[-1])
    return (a[2] / 1000.0 if a else 0.05), (b[3] / 1000.0 if b else 0.05)


def estimate(samples: list[float], dpi: float) -> Estimate | None:
    """Mean of word estimates (the extreme tenth trimmed at each end) with an error bar: two
    standard errors plus ``SYSTEMATIC`` for what calibration cannot know (the print, the scanner), never
    under ``FLOOR_PT``. Word heights come in whole pixels, so one word's estimate jumps by
    ~0.5 pt at 11 pt / 200 dpi: a mean of several words averages the steps out where a
    median would keep one of them. One word's spread is taken as at least ``WORD_SD`` of the
    size (measured after calibration: 0.7–1.7 % at 13–14 pt, 2–4 % at 11 pt); one or two
    words get a wide bar."""
    vals = sorted(v for v in samples if 4.0 <= v <= 40.0)
    if not vals:
        return None
    n = len(vals)
    cut = n // 10
    core = vals[cut:n - cut] if n - 2 * cut >= 3 else vals
    mean = statistics.fmean(core)
    if len(core) >= 3:
        sd = max(statistics.stdev(core), WORD_SD * mean)
    else:  # one or two words ("Nơi nhận:", a name): too few to judge a size by
        sd = 0.25 * mean
    se = sd / (len(core) ** 0.5)
    return Estimate(size=round(mean, 2), error=round(max(FLOOR_PT, 2.0 * se + SYSTEMATIC * mean), 2), words=n)
