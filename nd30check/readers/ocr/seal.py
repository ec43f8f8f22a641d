"""Round seals pressed over the signature block, found by their outline and taken out.

An agency's seal (con dấu) is a ring 30–45 mm across — an outer circle, usually an inner one,
the agency's name between them and an emblem or star inside — pressed in red over the
signer's title and name. A colour scan lets the red channel fade it (``image``); a black and
white scan (or a grey one of a dark ink) keeps it as dark as the text, and Tesseract then
loses the lines it crosses: the title and the name, which are what the signature rules read.

Finding it: on the page reduced to about 50 dpi, a ring kernel of each plausible radius is
correlated with the ink (FFT); a place where ink covers most of a circle's circumference is
a ring — letters never line up along a circle. Two concentric rings, or one ring covered
almost all round, make a seal. Taking it out: the ink of the seal's strokes — the circles,
and inside the inner circle or between the rings what is not part of a text line — is
whitened; the text lines crossing the seal keep the ink of their own letters where they are
darker or denser than the seal's thin strokes. What cannot be separated stays, and the
words read there keep Tesseract's (lower) confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .ink import components

WORK_DPI = 25.0
RADII_MM = (14.0, 23.0)  # seals of 28–46 mm
RING_COVER = 0.85  # share of a circle's circumference that must be ink to be a ring (text: under 0.8)
STRONG_COVER = 0.92  # one ring this complete is a seal without a second ring
INNER_COVER = 0.7  # the inner ring (thinner, crossed by the emblem and the ring text)
INK = 160
BAND_COVER = 0.6  # share of a radius's circle (read ±1 px) that is ink for it to be part of a ring


@dataclass(slots=True)
class Seal:
    cx: float  # centre, pixels of the page image
    cy: float
    r: float  # outer radius, pixels
    inner: float | None  # radius of the inner ring, pixels (None: none found)
    cover: float


def _reduce(arr: Any, f: int) -> Any:
    """Ink mask reduced by ``f`` (a cell is ink when any of its pixels is)."""
    import numpy as np

    h, w = arr.shape
    hh, ww = h // f, w // f
    cells = (arr[:hh * f, :ww * f] < INK).reshape(hh, f, ww, f)
    return cells.any(axis=(1, 3))


def _ring(r: float, size: int) -> Any:
    import numpy as np

    yy, xx = np.mgrid[:size, :size]
    c = (size - 1) / 2.0
    d = np.hypot(yy - c, xx - c)
    return (np.abs(d - r) <= 0.75).astype(np.float64)


def _coverage(mask: Any, r: float, spectrum: Any = None) -> tuple[Any, Any]:
    """For every cell, the share of the circle of radius ``r`` around it that is ink (and the
    mask's spectrum, to reuse for the next radius)."""
    import numpy as np

    h, w = mask.shape
    size = int(2 * RADII_MM[1] * WORK_DPI / 25.4 + 5)  # one padded size for every radius (reused spectrum)
    size = max(size, int(2 * r + 5))
    H, W = h + size, w + size
    if spectrum is None or spectrum[0] != (H, W):
        spectrum = ((H, W), np.fft.rfft2(mask.astype(np.float64), s=(H, W)))
    k = _ring(r, int(2 * r + 5))
    n = k.sum()
    full = np.fft.irfft2(spectrum[1] * np.fft.rfft2(k, s=(H, W)), s=(H, W))
    off = k.shape[0] // 2
    return full[off:off + h, off:off + w] / n, spectrum


def find_seals(arr: Any, dpi: float) -> list[Seal]:
    """Seals on a page image (grey, straightened), largest coverage first."""
    import numpy as np

    f = max(1, int(round(dpi / WORK_DPI)))
    mask = _reduce(arr, f)
    if mask.sum() < 100:
        return []
    px_mm = dpi / 25.4 / f
    radii = np.arange(RADII_MM[0] * px_mm, RADII_MM[1] * px_mm + 0.01, 1.0)
    top = np.zeros(mask.shape)
    arg = np.zeros(mask.shape)
    F = None
    for r in radii:
        cov, F = _coverage(mask, float(r), F)
        better = cov > top
        top[better], arg[better] = cov[better], r
    ys, xs = np.nonzero(top >= RING_COVER)
    if len(ys) == 0:
        return []
    order = np.argsort(-top[ys, xs], kind="stable")
    seals: list[Seal] = []
    for k in order[:2000].tolist():
        y, x = int(ys[k]), int(xs[k])
        cover, r = float(top[y, x]), float(arg[y, x])
        if any(np.hypot(s.cx / f - x, s.cy / f - y) < s.r / f for s in seals):
            continue  # the same seal at a neighbouring centre or radius
        inner = _inner_ring(mask, y, x, r)
        if inner is None and cover < STRONG_COVER:
            continue
        seals.append(Seal(cx=(x + 0.5) * f, cy=(y + 0.5) * f, r=r * f, inner=inner * f if inner else None,
                          cover=round(cover, 3)))
    return seals


def _inner_ring(mask: Any, y: int, x: int, r: float) -> float | None:
    """Radius of a second ring concentric with the one at (y, x, r), if any (cells)."""
    import numpy as np

    h, w = mask.shape
    best = None
    for k in np.arange(0.55, 0.9, 0.03):
        rr = r * k
        ang = np.linspace(0, 2 * np.pi, max(24, int(2 * np.pi * rr)), endpoint=False)
        yy = np.clip(np.round(y + rr * np.sin(ang)).astype(int), 0, h - 1)
        xx = np.clip(np.round(x + rr * np.cos(ang)).astype(int), 0, w - 1)
        cover = float(mask[yy, xx].mean())
        if cover >= INNER_COVER and (best is None or cover > best[0]):
            best = (cover, rr)
    return best[1] if best else None


def _ring_cover(ink: Any, cx: float, cy: float, r: float, n: int = 360, half: float = 1.0) -> float:
    """Share of the angles around (cx, cy) with ink within ``half`` pixels of radius ``r``."""
    import numpy as np

    h, w = ink.shape
    ang = np.linspace(0, 2 * np.pi, n, endpoint=False)
    hit = np.zeros(n, dtype=bool)
    inside = np.zeros(n, dtype=bool)
    for dr in np.arange(-half, half + 0.01, 1.0):
        yy = np.round(cy + (r + dr) * np.sin(ang)).astype(int)
        xx = np.round(cx + (r + dr) * np.cos(ang)).astype(int)
        ok = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
        inside |= ok
        hit[ok] |= ink[yy[ok], xx[ok]]
    if inside.sum() < n // 2:
        return 0.0
    return float(hit[inside].mean())


@dataclass(slots=True)
class Rings:
    """A seal's circles at full resolution: (inner edge, outer edge) radii of each ring."""

    cx: float
    cy: float
    bands: list[tuple[float, float]]


def refine(arr: Any, seal: Seal, dpi: float) -> Rings:
    """Centre and ring radii at the page's own resolution (the search runs at ``WORK_DPI``)."""
    import numpy as np

    ink = arr < INK
    step = dpi / WORK_DPI
    best = (0.0, seal.cx, seal.cy, seal.r)
    span = np.arange(-step, step + 0.01, max(1.0, step / 4))
    for dy in span:
        for dx in span:
            for dr in np.arange(-1.5 * step, 1.5 * step + 0.01, 1.0):
                c = _ring_cover(ink, seal.cx + dx, seal.cy + dy, seal.r + dr, 120, 0.0)
                if c > best[0]:
                    best = (c, seal.cx + dx, seal.cy + dy, seal.r + dr)
    _, cx, cy, r = best
    # read with a pixel's tolerance: a thin inner ring a pixel off the centre found (a scan's
    # skew, an ellipse) covers under half of any exact radius and would be missed or split
    profile = [(rr, _ring_cover(ink, cx, cy, rr, 360, 1.0)) for rr in np.arange(0.45 * r, 1.08 * r, 1.0)]
    bands: list[tuple[float, float]] = []
    cur: list[float] = []
    for rr, c in profile + [(0.0, 0.0)]:
        if c >= BAND_COVER:
            cur.append(rr)
        elif cur:
            peak = max(_ring_cover(ink, cx, cy, q, 360, 1.0) for q in cur)
            if peak >= INNER_COVER:
                bands.append((min(cur), max(cur)))
            cur = []
    return Rings(cx=float(cx), cy=float(cy), bands=bands)


def _is_tick(comp: Any, cy: float, cx: float) -> bool:
    """A thin stroke pointing at the seal's centre (the ring text's strokes, the rays)."""
    import numpy as np

    ys, xs = comp[:, 0].astype(float), comp[:, 1].astype(float)
    my, mx = ys.mean(), xs.mean()
    cov = np.cov(np.stack([ys - my, xs - mx])) if len(ys) > 2 else np.eye(2)
    vals, vecs = np.linalg.eigh(cov)
    if vals[0] <= 0 or vals[1] / max(vals[0], 1e-6) < 6.0:
        return False  # not elongated
    axis = vecs[:, 1]
    radial = np.array([my - cy, mx - cx])
    n = np.linalg.norm(radial)
    if n == 0:
        return False
    return abs(float(axis @ radial) / n) > 0.9


#: a stroke whose ink runs this many pixels past a ring's edge (radially, unbroken) is a letter
#: pressed over the ring there, not the ring's own ink
BEYOND_PX = 2.0


def _merged(bands: list[tuple[float, float]], gap: float = 3.0) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(bands):
        if out and lo - out[-1][1] <= gap:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _runs_across(ink: Any, cx: float, cy: float, lo: float, hi: float, n: int, reach: float) -> tuple[Any, Any, Any]:
    """For ``n`` angles around the seal: the inner and outer radius the unbroken ink run through
    the ring's middle reaches (looked at up to ``reach`` px past its edges), and whether there is
    ink at the middle at all."""
    import numpy as np

    h, w = ink.shape
    ang = np.linspace(0, 2 * np.pi, n, endpoint=False)
    sin, cos = np.sin(ang), np.cos(ang)

    def at(rad: float) -> Any:
        yy = np.round(cy + rad * sin).astype(int)
        xx = np.round(cx + rad * cos).astype(int)
        ok = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
        out = np.zeros(n, dtype=bool)
        out[ok] = ink[yy[ok], xx[ok]]
        return out

    rc = (lo + hi) / 2
    on = at(rc)
    inner, outer = np.full(n, rc), np.full(n, rc)
    alive = on.copy()
    for rad in np.arange(rc + 0.5, hi + reach, 0.5):
        alive &= at(rad)
        outer[alive] = rad
    alive = on.copy()
    for rad in np.arange(rc - 0.5, lo - reach, -0.5):
        alive &= at(rad)
        inner[alive] = rad
    return inner, outer, on


def clean(arr: Any, rings: Rings, margin: float = 3.0) -> Any:
    """``arr`` with the seal's strokes whitened: its rings, the thin radial strokes between them
    and the emblem at its centre.

    A black-and-white scan makes the seal as black as the text, so where a ring crosses a
    letter nothing tells their ink apart but the letter's continuing past the ring: at each
    angle the unbroken ink run across the ring is followed, and where it reaches past the
    ring's edge on both sides (a stroke crossing it) the ink is kept, on one side (a letter
    touching it) the ring is whitened without the margin on the letter's side, else the ring
    and its margin go. Components left inside the seal that are seal-like go too, unless they
    are pieces of letters the ring's whitening cut (they touch it) or reach outside the seal."""
    import numpy as np

    from .image import _dilate

    if not rings.bands:
        return arr
    r_out = max(b[1] for b in rings.bands)
    r_in = min(b[0] for b in rings.bands)
    h, w = arr.shape
    x0, x1 = max(0, int(rings.cx - r_out - 8)), min(w, int(rings.cx + r_out + 9))
    y0, y1 = max(0, int(rings.cy - r_out - 8)), min(h, int(rings.cy + r_out + 9))
    page_ink = arr < INK
    out = arr.copy()
    sub = out[y0:y1, x0:x1]
    yy, xx = np.mgrid[y0:y1, x0:x1]
    d = np.hypot(yy - rings.cy, xx - rings.cx)
    theta = np.mod(np.arctan2(yy - rings.cy, xx - rings.cx), 2 * np.pi)
    ink = sub < INK
    for lo, hi in _merged(rings.bands):
        n = int(2 * np.pi * (hi + margin) * 1.5)
        inner, outer, on = _runs_across(page_ink, rings.cx, rings.cy, lo, hi, n, margin + 8)
        b = np.round(theta / (2 * np.pi) * n).astype(int) % n
        t_in, t_out = (on & (inner < lo - BEYOND_PX))[b], (on & (outer > hi + BEYOND_PX))[b]
        a_lo = np.where(t_in, lo, lo - margin)
        a_hi = np.where(t_out, hi, hi + margin)
        sub[ink & ~(t_in & t_out) & (d >= a_lo) & (d <= a_hi)] = 255
    ink = sub < INK
    cut = _dilate(page_ink[y0:y1, x0:x1] & ~ink, 1)
    cy, cx = rings.cy - y0, rings.cx - x0
    for comp in (c.coords() for c in components(ink)):
        rr = d[comp[:, 0], comp[:, 1]]
        if rr.max() > r_out + margin:
            continue  # reaches out of the seal: text
        in_annulus = rr.min() >= r_in - margin and len(rings.bands) > 1
        centre = rr.max() <= 0.42 * r_out
        piece = bool(cut[comp[:, 0], comp[:, 1]].any())
        if (in_annulus and not piece and _is_tick(comp, cy, cx)) or centre:
            sub[comp[:, 0], comp[:, 1]] = 255
    return out


#: a word read where a dark seal lies is trusted no more than this (0–100): strokes of the
#: seal may have changed or hidden letters, below the rule pack's threshold for a failure
UNDER_SEAL_CONF = 85.0
REREAD_PSM = 3


def _overlaps(w: Any, cx: float, cy: float, r: float) -> bool:
    nx, ny = min(max(cx, w.x0), w.x1), min(max(cy, w.top), w.bottom)
    return (nx - cx) ** 2 + (ny - cy) ** 2 <= r * r


def reread_seals(words: list[Any], image: Any, dpi: float, tess: Any) -> tuple[list[Any], list[tuple[float, float, float]]]:
    """Dark seals on the page: the words around each read again with the seal's strokes
    taken out (kept when they hold at least as much well-read text), and every word over a
    seal capped at ``UNDER_SEAL_CONF``. Returns the words and the seals (cx, cy, r) in pixels."""
    import numpy as np
    from PIL import Image

    from .tess import recognise
    from .zones import KEEP_SHARE, _score

    arr = np.asarray(image)
    found = find_seals(arr, dpi)
    if not found:
        return words, []
    discs = []
    out = list(words)
    serial = 2_000_000
    for s in found[:3]:
        rings = refine(arr, s, dpi)
        if not rings.bands:
            continue
        r = max(b[1] for b in rings.bands)
        discs.append((rings.cx, rings.cy, r))
        x0, x1 = rings.cx - 1.6 * r, rings.cx + 1.6 * r
        y0, y1 = rings.cy - 1.15 * r, rings.cy + 1.15 * r
        for w in out:  # whole words and lines at the edge of the region
            if w.x1 > x0 and w.x0 < x1 and w.bottom > y0 and w.top < y1:
                x0, x1, y0, y1 = min(x0, w.x0 - 4), max(x1, w.x1 + 4), min(y0, w.top - 4), max(y1, w.bottom + 4)
        box = (max(0, int(x0)), max(0, int(y0)), min(arr.shape[1], int(x1)), min(arr.shape[0], int(y1)))
        old = [w for w in out if box[0] <= (w.x0 + w.x1) / 2 < box[2] and box[1] <= (w.top + w.bottom) / 2 < box[3]]
        crop = Image.fromarray(clean(arr, rings)[box[1]:box[3], box[0]:box[2]])
        new = recognise(tess, crop, int(dpi), psm=REREAD_PSM)
        new = [w for w in new if w.text]
        if not new or _score(new) < KEEP_SHARE * _score(old):
            continue
        lines: dict[int, int] = {}
        for w in new:
            w.x0, w.x1, w.top, w.bottom = w.x0 + box[0], w.x1 + box[0], w.top + box[1], w.bottom + box[1]
            if w.baseline is not None:
                w.baseline += box[1]
            if w.line not in lines:
                serial += 1
                lines[w.line] = serial
            w.line, w.block = lines[w.line], serial
        gone = set(map(id, old))
        out = [w for w in out if id(w) not in gone] + new
    out = _seal_marks_dropped(out, discs)
    for w in out:
        if any(_overlaps(w, cx, cy, r) for cx, cy, r in discs):
            w.conf = min(w.conf, UNDER_SEAL_CONF)
    return out, discs


def _seal_marks_dropped(words: list[Any], discs: list[tuple[float, float, float]]) -> list[Any]:
    """Without the "words" of marks only ("-", "`", "¬+") that stand inside a seal on a line of
    no letter or digit: the seal's own strokes read as text. Left in, they become lines of the
    signature block (a name's place taken, a page's lines counted); the seal's disc is unread
    ink already (``Page.unread``), so nothing is claimed read there."""
    if not discs:
        return words

    def inside(w: Any) -> bool:
        mx, my = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return any((mx - cx) ** 2 + (my - cy) ** 2 <= r * r for cx, cy, r in discs)

    lettered = {w.line for w in words if any(c.isalnum() for c in w.text)}
    return [w for w in words if w.line in lettered or any(c.isalnum() for c in w.text) or not inside(w)]
