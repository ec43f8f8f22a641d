"""ND30-TEXT-STRAY: typing slips a clerk would want to see before signing.

Stray characters inside words (a backtick or a lone combining mark left by a Vietnamese
input method: "p`hủ", "pḧu"), doubled spaces, and a space before punctuation. Text is
compared after NFC, so documents typed in decomposed Unicode ("Unicode tổ hợp") are fine:
a combining mark that survives NFC is one that has no letter to sit on.

What is left alone: the header lines and signature placeholders (they are often spaced on
purpose), dot leaders and ellipses ("ngày ... tháng ..."), numbers ("1 .000" is not a
thing we judge), URLs and e-mail addresses. In a PDF the spaces are inferred from glyph
gaps (justified lines have wide gaps), so doubled spaces are only looked for in .docx.
"""

from __future__ import annotations

import re
import unicodedata

from ...model import Cap, Paragraph, Role
from ..base import Ctx, Phrase, Term, check

_SKIP_ROLES = {
    Role.QUOC_HIEU, Role.TIEU_NGU, Role.CQ_CHU_QUAN, Role.CQ_BAN_HANH, Role.SO_KY_HIEU, Role.DIA_DANH_NGAY,
    Role.CHU_KY, Role.STAMP, Role.PAGE_NUMBER, Role.EMPTY,
}
_STRAY_MARKS = "`´¨˜ˆ"


_URLISH = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_DOUBLE = re.compile(r"(?<=[^\s.…_])  +(?=[^\s.…_])")
_SPACE_PUNCT = re.compile(r"(?<=\S) +([,.;:!?])")
_LEADER = ".…_"


def _mask_urls(text: str) -> str:
    """Replace URLs and e-mail addresses with letters of the same length (positions kept)."""
    return _URLISH.sub(lambda m: "x" * len(m.group(0)), text)


def find_problems(text: str, *, doubled_spaces: bool = True) -> list[tuple[str, int]]:
    """(problem kind, position) in order of appearance; kinds: "stray", "double-space",
    "space-before-punct"."""
    norm = unicodedata.normalize("NFC", text)
    url_ends = {m.end() for m in _URLISH.finditer(norm)}
    masked = _mask_urls(norm)
    n = len(masked)
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(masked):
        if ch in _STRAY_MARKS:
            before = masked[i - 1] if i else " "
            after = masked[i + 1] if i + 1 < n else " "
            if before.isalpha() or after.isalpha():  # glued to a word
                out.append(("stray", i))
        elif unicodedata.combining(ch):  # survived NFC: no letter to sit on
            out.append(("stray", i))
    if doubled_spaces:
        out += [("double-space", m.start()) for m in _DOUBLE.finditer(masked)]
    for m in _SPACE_PUNCT.finditer(masked):
        ch, i = m.group(1), m.start(1)
        prev = masked[m.start() - 1] if m.start() else ""
        nxt = masked[i + 1] if i + 1 < n else ""
        if ch == "." and (nxt in _LEADER + "/" and nxt or prev in _LEADER):
            continue  # dot leaders, "…", the "./." end mark
        if prev in _LEADER or nxt in _LEADER and nxt:
            continue  # blanks to fill in: "ngày ... , tháng"
        if m.start() in url_ends:
            continue  # a space kept after a link so the punctuation is not part of it
        if ch in ".," and nxt.isdigit():
            continue  # ".5", ",5": part of a number
        out.append(("space-before-punct", m.start()))
    return sorted(out, key=lambda kp: kp[1])


def _excerpt(text: str, pos: int, radius: int = 25) -> str:
    a, b = max(0, pos - radius), min(len(text), pos + radius)
    core = text[a:b].replace("\n", " ").replace("\t", " ")
    return ("…" if a else "") + core + ("…" if b < len(text) else "")


_KIND_WORDS = {
    "stray": Term("stray-character-inside-a-word"),
    "double-space": Term("doubled-space"),
    "space-before-punct": Term("space-before-punctuation"),
}


def _judged(p: Paragraph) -> bool:
    return p.container not in ("header", "footer", "signature") and p.role not in _SKIP_ROLES and not p.is_empty


@check("ND30-TEXT-STRAY")
def text_stray(ctx: Ctx) -> None:
    """One finding per paragraph, with the excerpt around the first problem."""
    doc = ctx.doc
    doubled = ctx.can(Cap.SPACES) and bool(ctx.param("doubled_spaces"))  # typed, not inferred from gaps
    limit = int(ctx.param("max_findings"))
    count = 0
    for p in doc.paragraphs:
        if not _judged(p):
            continue
        text = p.text
        probs = find_problems(text, doubled_spaces=doubled)
        if not probs:
            continue
        count += 1
        if count > limit:
            continue
        kinds = []
        for k, _ in probs:
            if k not in kinds:
                kinds.append(k)
        what = Phrase(_KIND_WORDS[k] for k in kinds)
        first = probs[0][1]
        ex = _excerpt(unicodedata.normalize("NFC", text), first)
        ctx.fail(p, key="default", excerpt=ex, problem=what, actual=what, count=len(probs))
    if count > limit:
        ctx.fail(None, key="more", count=count - limit, what="default")
