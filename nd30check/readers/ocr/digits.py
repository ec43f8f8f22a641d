"""A small handwritten-digit classifier (numpy only): one cut-out digit → (digit, probability).

Clerks write the number ("Số: 23 /BC-UBND") and the day ("ngày 23 tháng 01") by pen into
a typed header after signing; Tesseract's models are trained on print and read such digits
wrong at high confidence. This is a small convolutional net over MNIST-style images (the ink's
box scaled into 20 × 20 px, slant removed by its second moments, centre of mass in the
middle of 28 × 28), trained offline by ``tools/train_digits.py`` (torch) on public handwritten
digits (MNIST sample, CC BY-SA 3.0) and generated pen digits, run here in numpy from a small
weights file next to this module (``digits.npz``). Probabilities are temperature-calibrated on held-out digits, so that
"0.97" means what it says on data like the training data; a real scan's pen differs, which
is why :mod:`.slots` accepts a field only when every digit is that sure and caps the field's
confidence below the rule pack's threshold.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = Path(__file__).with_name("digits.npz")
SIDE, BOX = 28, 20


def _resize(a: np.ndarray, h: int, w: int) -> np.ndarray:
    """Area-averaging resize of a float image (PIL's box filter, in float mode)."""
    from PIL import Image

    img = Image.fromarray(a.astype(np.float32), "F")
    return np.asarray(img.resize((max(1, w), max(1, h)), Image.Resampling.BOX), dtype=np.float32)


def deskew(a: np.ndarray) -> np.ndarray:
    """Shear the ink so its principal axis stands upright (slanted handwriting, the "5240"
    of a hurried clerk): x' = x - s (y - ȳ), with s the covariance of x and y over var y."""
    from PIL import Image

    total = float(a.sum())
    if total <= 0:
        return a
    h, w = a.shape
    ys, xs = np.mgrid[0:h, 0:w]
    my, mx = float((ys * a).sum() / total), float((xs * a).sum() / total)
    vy = float((((ys - my) ** 2) * a).sum() / total)
    cxy = float(((xs - mx) * (ys - my) * a).sum() / total)
    if vy <= 1e-6:
        return a
    s = max(-1.0, min(1.0, cxy / vy))
    pad = int(abs(s) * h / 2) + 2
    wide = np.zeros((h, w + 2 * pad), dtype=np.float32)
    wide[:, pad:pad + w] = a
    # PIL's affine maps output (x, y) to input (a x + b y + c, …): input x = x + s (y - my)
    img = Image.fromarray(wide, "F").transform(wide.shape[::-1], Image.Transform.AFFINE,
                                                (1.0, s, -s * my, 0.0, 1.0, 0.0), resample=Image.Resampling.BILINEAR)
    return np.asarray(img, dtype=np.float32)


def normalise(ink: np.ndarray, slant: bool = True) -> np.ndarray:
    """An ink image (any size, 0 = paper … 1 = ink) → the 28 × 28 MNIST form, flattened."""
    a = np.asarray(ink, dtype=np.float32)
    if slant:
        a = deskew(a)
    rows, cols = np.nonzero(a > 0.1)
    if len(rows) == 0:
        return np.zeros(SIDE * SIDE, dtype=np.float32)
    a = a[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    h, w = a.shape
    k = BOX / max(h, w)
    nh, nw = max(1, int(round(h * k))), max(1, int(round(w * k)))
    small = _resize(a, nh, nw)
    out = np.zeros((SIDE, SIDE), dtype=np.float32)
    total = float(small.sum())
    if total <= 0:
        return out.ravel()
    ys, xs = np.mgrid[0:nh, 0:nw]
    cy, cx = float((ys * small).sum() / total), float((xs * small).sum() / total)
    top = int(round(SIDE / 2 - cy))
    left = int(round(SIDE / 2 - cx))
    top = min(max(top, 0), SIDE - nh)
    left = min(max(left, 0), SIDE - nw)
    out[top:top + nh, left:left + nw] = small
    m = float(out.max())
    if m > 0:
        out /= m
    return out.ravel()


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray, pad: int) -> np.ndarray:
    """Batch convolution by im2col (N × C × H × W, O × C × k × k → N × O × H' × W'), "valid"
    after ``pad`` zeros on each side — the same cross-correlation as torch's Conv2d."""
    if pad:
        x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    k = w.shape[-1]
    cols = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(2, 3))  # N C H' W' k k
    return np.einsum("nchwij,ocij->nohw", cols, w, optimize=True) + b[None, :, None, None]


def maxpool2(x: np.ndarray) -> np.ndarray:
    n, c, h, w = x.shape
    return x[:, :, :h // 2 * 2, :w // 2 * 2].reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


class Model:
    """A LeNet-size convolutional net (two 5 × 5 convolutions with max-pooling, then two dense
    layers) and its calibration temperature; trained in ``tools/train_digits.py`` (torch),
    run here in numpy."""

    def __init__(self, params: dict[str, Any]):
        self.p = {k: np.asarray(v, dtype=np.float32) for k, v in params.items() if k != "temperature"}
        self.temperature = float(params["temperature"])

    def logits(self, x: np.ndarray) -> np.ndarray:
        p = self.p
        a = np.asarray(x, dtype=np.float32).reshape(-1, 1, SIDE, SIDE)
        a = maxpool2(np.maximum(0.0, conv2d(a, p["c1w"], p["c1b"], 2)))
        a = maxpool2(np.maximum(0.0, conv2d(a, p["c2w"], p["c2b"], 0)))
        a = np.maximum(0.0, a.reshape(len(a), -1) @ p["f1w"].T + p["f1b"])
        return a @ p["f2w"].T + p["f2b"]

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = self.logits(np.atleast_2d(x)) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The committed model; None when the weights file is missing (no handwritten reading)."""
    try:
        with np.load(WEIGHTS) as data:
            return Model({k: data[k] for k in data.files})
    except (OSError, KeyError, ValueError):
        return None


def classify(inks: list[np.ndarray]) -> list[tuple[int, float]]:
    """(digit, calibrated probability) of each cut-out ink image."""
    m = model()
    if m is None or not inks:
        return [(-1, 0.0) for _ in inks]
    p = m.proba(np.stack([normalise(i) for i in inks]))
    best = p.argmax(axis=1)
    return [(int(d), float(p[k, d])) for k, d in enumerate(best)]
