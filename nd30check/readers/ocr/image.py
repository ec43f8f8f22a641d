"""Page images: render a PDF page, clean it the way scans need, straighten it.

* Renderer: pypdfium2 (PDFium, the engine of Chromium's viewer; wheels for every platform,
  no system library). A scanned page is drawn at the resolution of its own image (capped at
  ``MAX_DPI``: beyond it Tesseract gains nothing and time grows with the pixels), never below
  ``MIN_DPI``.
* Red seals and stamps: the agency's seal is red ink pressed over the signature block, on top
  of the title and the signer's name. In the red channel red ink is almost as light as the
  paper while black (and blue) ink stays dark, so reddish pixels take their red-channel value:
  the seal fades, the text under it survives.
* Speckle: isolated dark dots (dust, JPEG noise at low quality) are whitened — a dark pixel
  with at most one dark neighbour. Thin rules survive (every pixel of a line has two).
* Deskew: pages are scanned 0.3–2° askew. The angle that makes the ink's row profile
  sharpest (lines of text fall into the fewest rows) is found on a reduced image, refined,
  and the page is rotated back, so that left edges, indents and rules are measured straight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MIN_DPI = 150
MAX_DPI = 300
DEFAULT_DPI = 200  # a page with no image to go by (vector drawings only)
INK = 150  # grey level below which a pixel is ink


@dataclass(slots=True)
class PageImage:
    image: Any  # PIL "L" image, straightened
    dpi: float
    width_pt: float
    height_pt: float
    skew: float  # degrees the page was rotated back by
    colour: bool
    red_pixels: int  # pixels taken for red ink (a seal or stamp), after reduction


def native_dpi(page: Any) -> float | None:
    """Resolution of the largest image on the page (pixels per inch as placed)."""
    import pypdfium2.raw as raw

    best: tuple[float, float] | None = None
    try:
        objs = list(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    except Exception:
        return None
    for obj in objs[:50]:
        try:
            m = obj.get_metadata()
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:
            continue
        area = abs((x1 - x0) * (y1 - y0))
        if area <= 0 or m.width <= 0:
            continue
        dpi = m.width / (abs(x1 - x0) / 72.0)
        if best is None or area > best[0]:
            best = (area, dpi)
    return best[1] if best else None


def colour_page(page: Any) -> bool:
    import pypdfium2.raw as raw

    try:
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            m = obj.get_metadata()
            if m.bits_per_pixel >= 24 or m.colorspace not in (1, 0):  # DeviceGray / unknown
                return True
    except Exception:
        return True
    return False


def choose_dpi(native: float | None) -> int:
    if native is None:
        return DEFAULT_DPI
    return int(round(min(MAX_DPI, max(MIN_DPI, native))))


def render(page: Any, dpi: int | None = None) -> PageImage:
    """Render, de-seal, despeckle and straighten one pypdfium2 page."""
    import numpy as np
    from PIL import Image

    dpi = dpi or choose_dpi(native_dpi(page))
    width_pt, height_pt = page.get_size()
    colour = colour_page(page)
    bitmap = page.render(scale=dpi / 72.0, grayscale=not colour, may_draw_forms=False)
    pil = bitmap.to_pil()
    red = 0
    if colour:
        rgb = np.asarray(pil.convert("RGB"), dtype=np.int16)
        r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
        grey = (0.299 * r + 0.587 * g + 0.114 * b).astype(np.int16)
        reddish = (r - np.maximum(g, b) > 40) & (r > 110)
        red = int(reddish.sum())
        grey = np.where(reddish, np.maximum(r, grey), grey)
        arr = grey.clip(0, 255).astype(np.uint8)
    else:
        arr = np.asarray(pil.convert("L"), dtype=np.uint8)
    arr = despeckle(arr)
    arr = fade_grey_marks(arr, dpi)
    angle = estimate_skew(arr)
    img = Image.fromarray(arr, "L")
    if abs(angle) >= 0.05:
        img = img.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return PageImage(image=img, dpi=float(dpi), width_pt=float(width_pt), height_pt=float(height_pt),
                     skew=round(angle, 2), colour=colour, red_pixels=red)


CORE = 60  # grey level below which ink is the dark core of a stroke (text, not a pale stamp)
PALE = 170  # lighter than this is paper


def horizontal_runs(mask: Any) -> tuple[Any, Any, Any]:
    """(rows, starts, ends) of the horizontal runs of True in a 2-D mask, row-major, ``end``
    exclusive: what rule detection (long runs) and stroke weight (short runs) both measure."""
    import numpy as np

    h, w = mask.shape
    p = np.zeros((h, w + 2), dtype=np.int8)
    p[:, 1:-1] = mask
    d = np.diff(p, axis=1)
    rows, starts = np.nonzero(d == 1)
    _, ends = np.nonzero(d == -1)  # starts and ends come in the same row-major order, pairwise
    return rows, starts, ends


def _dilate(mask: Any, r: int) -> Any:
    import numpy as np

    out = mask.copy()
    h, w = mask.shape
    p = np.pad(mask, r)
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dy or dx:
                out |= p[r + dy:r + dy + h, r + dx:r + dx + w]
    return out


def fade_grey_marks(arr: Any, dpi: float) -> Any:
    """Whiten pale ink far from any dark stroke: a seal or stamp printed in grey (a red seal
    scanned in grey), pale rays over the signature block. Text strokes have dark cores, and
    their grey edges lie within a pixel or two of them, so they stay; where a seal crosses a
    letter the letter is darker and stays. Only on pages whose ink is mostly dark-cored
    (a faded scan, all grey, is left alone)."""
    import numpy as np

    ink = arr < PALE
    n = int(ink.sum())
    if n == 0:
        return arr
    core = arr < CORE
    if core.sum() < 0.35 * n:
        return arr
    halo = _dilate(core, max(1, int(round(dpi / 100))))
    pale = ink & ~halo
    if pale.sum() < 0.002 * n:
        return arr
    _keep_rules(pale, ink, dpi)
    out = arr.copy()
    out[pale] = 255
    return out


def _keep_rules(pale: Any, ink: Any, dpi: float) -> None:
    """Thin rules (under the Tiêu ngữ, the agency, the trích yếu; table borders) scanned in
    grey are pale all along: they are not marks to fade."""
    from .rules import MIN_LEN_MM, _runs

    min_len = max(8, int(MIN_LEN_MM / 25.4 * dpi))
    for row, a, b in _runs(ink, min_len):
        pale[row, a:b] = False
    for col, a, b in _runs(ink.T.copy(), min_len):
        pale[a:b, col] = False


def despeckle(arr: Any) -> Any:
    """Whiten dark pixels with at most one dark neighbour (8-connectivity)."""
    import numpy as np

    dark = arr < INK
    if not dark.any():
        return arr
    p = np.pad(dark, 1).astype(np.uint8)
    h, w = dark.shape
    n = (p[0:h, 0:w] + p[0:h, 1:w + 1] + p[0:h, 2:w + 2] + p[1:h + 1, 0:w] + p[1:h + 1, 2:w + 2]
         + p[2:h + 2, 0:w] + p[2:h + 2, 1:w + 1] + p[2:h + 2, 2:w + 2])
    lone = dark & (n <= 1)
    if not lone.any():
        return arr
    out = arr.copy()
    out[lone] = 255
    return out


def _profile_score(ys: Any, xs: Any, angle: float, height: int) -> float:
    import numpy as np

    t = np.deg2rad(angle)
    rows = np.round(ys * np.cos(t) - xs * np.sin(t)).astype(np.int64)
    rows -= rows.min()
    hist = np.bincount(rows, minlength=1).astype(np.float64)
    return float((hist * hist).sum())


def estimate_skew(arr: Any, limit: float = 3.0) -> float:
    """Degrees the text lines climb to the right (positive = counter-clockwise ink)."""
    import numpy as np

    h, w = arr.shape
    step = max(1, int(round(w / 600)))  # coarse pass on ~600 px wide
    small = arr[::step, ::step] < INK
    ys, xs = np.nonzero(small)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 200_000:
        sel = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[sel], xs[sel]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)
    # ink climbing to the right has y falling with x: rows = y*cos - x*sin is flattest at angle -tilt
    best = max((_profile_score(ys, xs, a, small.shape[0]), a) for a in np.arange(-limit, limit + 1e-9, 0.25))[1]
    step2 = max(1, step // 2)
    fine = arr[::step2, ::step2] < INK
    ys, xs = np.nonzero(fine)
    if len(ys) > 400_000:
        sel = np.random.default_rng(1).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[sel], xs[sel]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)
    cands = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    best = max((_profile_score(ys, xs, a, fine.shape[0]), a) for a in cands)[1]
    return -float(best)
