"""The runs that carry an element's text, and its dominant size.

Signature stamps (``Run.from_signature``) and footnote markers are not the author's text:
they are left out of every size, font and weight measure unless asked for.
"""

from __future__ import annotations

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
