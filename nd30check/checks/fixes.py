"""Safe corrections the checks attach to their findings (``ctx.fail(…, fix=…)``).

Each builder returns the :class:`~nd30check.checks.base.Change` list that brings what a rule
judged into its range — computed from the same parameters, on the same runs and paragraphs
(``measure.runs.text_runs``) the judgement used — and nothing for what is already right. The
values are the *nearest* allowed ones (a 12 pt body in 13–14 becomes 13, a 15 pt one 14), so
a fix changes a document as little as the rule allows. ``nd30check fix`` turns them into
edits of the file; a builder never reads or writes files.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..measure.runs import text_runs
from ..model import Paragraph, Run
from .base import Change


def nearest(value: float, lo: float, hi: float, step: float = 0.5) -> float:
    """The value in [lo, hi] closest to ``value``, on a ``step`` grid inside the range
    (sizes: Word stores half points)."""
    if value < lo:
        out = lo
    elif value > hi:
        out = hi
    else:
        return value
    return round(out / step) * step if step else out


def _runs(paras: Paragraph | Iterable[Paragraph]) -> list[tuple[Paragraph, Run]]:
    """(paragraph, run) for the runs :func:`~nd30check.measure.runs.text_runs` judges."""
    return [(p, r) for p in ([paras] if isinstance(paras, Paragraph) else paras) for r in text_runs(p)]


def size_fix(paras: Paragraph | Iterable[Paragraph], lo: float, hi: float, tol: float = 0.25) -> list[Change]:
    """Runs sized outside [lo, hi] ± tol → the nearest size inside (whole points when the range
    has them)."""
    step = 1.0 if lo == int(lo) and hi == int(hi) else 0.5
    return [Change(r, "size", nearest(r.size, lo, hi, step), before=r.size, para=p) for p, r in _runs(paras)
            if r.size is not None and not (lo - tol <= r.size <= hi + tol)]


def sizes_to(paras: Paragraph | Iterable[Paragraph], size: float, tol: float = 0.25) -> list[Change]:
    """Runs whose size is off ``size`` by more than ``tol`` → ``size`` (a fixed size, a pair)."""
    return [Change(r, "size", size, before=r.size, para=p) for p, r in _runs(paras)
            if r.size is not None and abs(r.size - size) > tol]


def toggle_fix(paras: Paragraph | Iterable[Paragraph], prop: str, want: bool) -> list[Change]:
    """Runs whose "bold" / "italic" is not ``want`` → ``want`` (every visible run of the
    element, punctuation included, so the element reads as one style)."""
    return [Change(r, prop, want, before=getattr(r, prop), para=p) for p, r in _runs(paras)
            if getattr(r, prop) is not None and getattr(r, prop) != want]


def caps_fix(paras: Paragraph | Iterable[Paragraph]) -> list[Change]:
    """Runs shown with lower-case letters → shown in capitals (the Caps format: the typed
    letters stay as they are)."""
    return [Change(r, "caps", True, before=False, para=p) for p, r in _runs(paras)
            if not r.caps and any(c.islower() for c in r.text)]


def runs_to(items: Iterable[tuple[Paragraph, Run]], prop: str, value: object) -> list[Change]:
    """These (paragraph, run) pairs' ``prop`` → ``value`` (the check chose the runs)."""
    return [Change(r, prop, value, before=getattr(r, prop, None), para=p) for p, r in items]


def align_fix(p: Paragraph, want: str) -> Change | None:
    """The paragraph's alignment → ``want`` ("justify", "center", "left")."""
    return None if p.alignment == want else Change(p, "align", want, before=p.alignment)


def text_fix(p: Paragraph, old: str, new: str) -> Change | None:
    """Replace the stretch ``old`` of the paragraph's typed text by ``new`` (punctuation and
    spacing the decree prescribes; never names, numbers or symbols)."""
    return None if old == new else Change(p, "text", (old, new), before=old)


def typed(p: Paragraph) -> str:
    """The paragraph's text as typed in its runs (no list label; a text edit works on this)."""
    import unicodedata

    return unicodedata.normalize("NFC", "".join(r.text for r in p.runs))


def end_fix(p: Paragraph, want: str) -> Change | None:
    """The line's closing punctuation → ``want`` (";" between list lines, "." at the end): a
    wrong mark is replaced, a missing one added; the closing "./." of a document is kept."""
    old = typed(p).rstrip()
    if not old or p.numbering and not old.strip():
        return None
    body, closing = (old[:-3], old[-3:]) if old.endswith("./.") else (old, "")
    if not body.strip():
        return None
    new = (body[:-1] + want if body[-1] in ";,.:" else body + want) + closing
    return text_fix(p, old, new)


def dash_fix(p: Paragraph, dash: str = "-") -> Change | None:
    """A list line typed without its leading dash → "- " before it (not a numbered list line:
    its label is the list's)."""
    if p.numbering:
        return None
    old = typed(p)
    body = old.lstrip()
    if not body:
        return None
    lead = old[: len(old) - len(body)]
    if body[0] in "–—•+*·":  # another marker typed: the decree's dash instead
        return text_fix(p, old, lead + dash + " " + body[1:].lstrip())
    return text_fix(p, old, lead + dash + " " + body)


# --- the typed punctuation Phụ lục I prescribes (never names, numbers or symbols) ----------


def motto_fix(p: Paragraph, dashes: str) -> Change | None:
    """Hyphens between the three phrases, one space on each side (the typed letters kept)."""
    old = typed(p)
    body = old.strip()
    lead = old[: len(old) - len(old.lstrip())]
    new = re.sub(r"[ \t\u00a0]*[-" + dashes + r"][ \t\u00a0]*", " - ", body)
    return text_fix(p, old, lead + new + old[len(lead) + len(body):])


def so_label_fix(so: Paragraph) -> Change | None:
    """"Số 05/…", "Số:05/…" → "Số: 05/…": the label's colon and space only (the number and the
    symbol are the register's, never rewritten)."""
    old = typed(so)
    m = re.match(r"^(\s*)(Số|SỐ|số)[ \t\u00a0]*[:.;,]?[ \t\u00a0]*(?=\S)", old)
    if so.numbering or m is None:
        return None
    return text_fix(so, m.group(0), f"{m.group(1)}{m.group(2)}: ")


def date_fix(dl: Paragraph, pattern: str, repl: str) -> Change | None:
    """The leading zeros of the day and month (and the comma after the place) as Phụ lục I,
    ô 4 writes them: the first match of ``pattern`` in the typed line, nothing else."""
    old = typed(dl)
    new = re.sub(pattern, repl, old, count=1)
    return None if dl.numbering else text_fix(dl, old, new)
