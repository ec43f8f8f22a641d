"""The runs that carry an element's text, and its dominant size.

Signature stamps (``Run.from_signature``) and footnote markers are not the author's text:
they are left out of every size, font and weight measure unless asked for.
"""

from __future__ import annotations

import math
from typing import Iterable

from ..model import Paragraph, Run


def text_runs(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> list[Run]:
    """Visible runs of one or more paragraphs; runs drawn by signature stamps are left out
    unless asked for (their font and size are the signing software's, not the author's)."""
    if isinstance(paras, Paragraph):
        paras = [paras]
    out: list[Run] = []
    for p in paras:
        runs = [r for r in p.runs if r.visible and (include_stamps or not r.from_signature)]
        big = max((r.size for r in runs if r.size is not None), default=None)
        out.extend(r for r in runs if not _is_marker(r, big))
    return out


def _is_marker(run: Run, biggest: float | None) -> bool:
    """A footnote reference / superscript marker ("1", "(2)", "*") set much smaller than the
    text around it: not text of the element, so not judged for size or weight."""
    t = run.text.strip()
    if not t or run.size is None or biggest is None:
        return False
    if run.script is not None and run.size < 0.85 * biggest:
        return True  # a superscript or subscript (m², a formula's T_tb): set smaller by design
    if len(t) > 4:
        return False
    return run.size < 0.8 * biggest and all(c.isdigit() or c in "()*" for c in t)


def dominant_size(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> float | None:
    """The size carrying the most characters (half-point rounded), None when unknown."""
    weight: dict[float, int] = {}
    for r in text_runs(paras, include_stamps=include_stamps):
        if r.size is None:
            continue
        s = round(r.size * 2) / 2
        weight[s] = weight.get(s, 0) + len(r.text.strip())
    if not weight:
        return None
    return max(sorted(weight), key=lambda s: weight[s])


def estimate_in(size: float, error: float, lo: float, hi: float) -> bool | None:
    """Is a size estimated as ``size`` ± ``error`` (OCR: from glyph heights) inside [lo, hi]?

    It answers only when the answer is clear: the half-point sizes a word processor can set
    that lie within the error bar (the nearest one if none does) must all be in the range, or
    all out of it; otherwise None (too close to the range's edge to tell)."""
    k0, k1 = math.ceil((size - error) * 2 - 1e-9), math.floor((size + error) * 2 + 1e-9)
    cands = [k / 2 for k in range(k0, k1 + 1)] or [round(size * 2) / 2]
    inside = [lo - 1e-9 <= c <= hi + 1e-9 for c in cands]
    if all(inside):
        return True
    if not any(inside):
        return False
    return None


def run_size_in(run: Run, lo: float, hi: float, tol: float) -> bool | None:
    """Is the run's size inside [lo, hi] (± ``tol`` for an exact size; an estimate judged by
    :func:`estimate_in`)? None when unknown or unclear."""
    if run.size is None:
        return None
    if run.size_error:
        return estimate_in(run.size, run.size_error, lo, hi)
    return lo - tol <= run.size <= hi + tol


def size_differs(run: Run, other: float, tol: float) -> bool:
    """Does the run's size clearly differ from ``other``? An estimate only by more than its
    error bar (two estimates of one size can each be off by it)."""
    if run.size is None:
        return False
    return abs(run.size - other) > tol + 2 * (run.size_error or 0.0)


def dominant_error(paras: Paragraph | Iterable[Paragraph]) -> float | None:
    """The error bar (± points) of the dominant size when it is an estimate (OCR), else None."""
    dom = dominant_size(paras)
    errs = [r.size_error for r in text_runs(paras) if r.size is not None and r.size_error
            and round(r.size * 2) / 2 == dom]
    return max(errs) if errs else None


def matches_size(size: float, error: float | None, want: float, tol: float) -> bool | None:
    """Is a size ``want`` (± ``tol``)? An estimate answers only when clear: True when every
    half-point size inside its error bar is ``want``, False when none is, else None."""
    if not error:
        return abs(size - want) <= tol
    return estimate_in(size, error, want, want)
