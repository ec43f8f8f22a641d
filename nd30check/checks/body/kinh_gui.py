"""ND30-KINH-GUI: "Kính gửi:" and its recipients (PL I, Phần I, Mục II, khoản 9, a)."""

from __future__ import annotations

from ...measure.lines import split_lines
from ...model import Paragraph, Role
from ..base import Ctx, check
from ..common import MARK_CONF, end_confidence
from ..fixes import dash_fix, end_fix
from .common import KINH_GUI_RE, recipient_lines, tail


@check("ND30-KINH-GUI", fixable=True)
def kinh_gui(ctx: Ctx) -> None:
    """"Kính gửi:" with one recipient on the same line, or several on their own lines,
    each starting "-" and ending ";", the last ".". One recipient: no rule on punctuation."""
    doc = ctx.doc
    kg = doc.first(Role.KINH_GUI)
    if kg is None:
        ctx.not_applicable(key="no-kinh-gui")
        return
    kg_lines = split_lines(kg)  # "Kính gửi:" and its recipients may be one paragraph with line breaks
    m = KINH_GUI_RE.match(kg_lines[0].text)
    if m is None:
        return
    if not m.group(1):
        ctx.fail(kg, key="colon", expected="Kính gửi:", actual=" ".join(kg_lines[0].text.split())[:30])
    same_line = m.group(2).strip()
    items = kg_lines[1:] + recipient_lines(doc, kg)
    recipients: list[tuple[Paragraph, str]] = []
    if same_line:
        recipients.append((kg_lines[0], same_line))
    recipients += [(p, p.text.strip()) for p in items]
    if not recipients:
        ctx.fail(kg, key="empty")
        return
    if len(recipients) == 1:
        p, text = recipients[0]
        if p is not kg_lines[0]:
            ctx.fail(p, key="one_same_line")
        return
    dash = str(ctx.param("dash"))
    for i, (p, text) in enumerate(recipients):
        last = i == len(recipients) - 1
        own_line = p is not kg_lines[0]  # a recipient on the "Kính gửi:" line itself is left alone
        if not text.startswith(dash):
            ctx.fail(p, key="dash", expected=f'"{dash}"', actual=f'"{text[:14]}…"', excerpt=text[:60],
                     fix=dash_fix(p, dash) if own_line else None)
        end = tail(text)
        want = "." if last else ";"
        if end != want:
            ctx.fail(p, key="last_end" if last else "end", expected=f'"{want}"',
                     actual=f'"{end}"' if end else "—", excerpt=text[:60], fix=end_fix(p, want) if own_line else None,
                     confidence=_end_confidence(p, end))


def _end_confidence(p: Paragraph, end: str) -> float | None:
    """How sure a scan's reading is of a recipient line's final mark when it is not the one
    asked: the reader's measurement of it (a full stop's dot, or white paper where a mark would
    stand: ``end_confidence``) where there is one; another dot-like mark read without it
    (",", ":" for ";" — a semicolon's dot Tesseract dropped) is a note (``MARK_CONF``). None
    (the engine's own) for exact text and a line ending in a letter not measured."""
    if p.source != "ocr":
        return None
    measured = end_confidence(p)  # set only for a full stop or no mark, measured
    if measured is not None:
        return measured
    return MARK_CONF if end in ".,:;" else None
