"""ND30-HEADINGS: Phần/Chương/Mục/Điều and I./1. headings (PL I, Phần I, Mục II, khoản 6, c–đ)."""

from __future__ import annotations

import re

from ...measure.position import alignment_of
from ...model import Paragraph, Role
from ..base import Ctx, Term, check
from ..common import all_bold, is_all_caps
from ..fixes import align_fix, caps_fix, toggle_fix
from .common import ALIGN_WORDS, in_data_table

# --------------------------------------------------------------------------------------------
# ND30-HEADINGS
# --------------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^[IVXLCDM]+$")
_PHAN = re.compile(r"^\s*(Phần|Chương)\s+([^\s.:]+)", re.IGNORECASE)
_MUC = re.compile(r"^\s*(Tiểu mục|Mục)\s+([^\s.:]+)", re.IGNORECASE)
_DIEU = re.compile(r"^\s*Điều\s+(\d+)\s*([.:\-–)]?)", re.IGNORECASE)
_ROMAN_HEAD = re.compile(r"^\s*([IVXLCDM]+)\s*([.:\-–)]?)\s")
_HEADING_ROLES = (Role.HEADING_PHAN, Role.HEADING_MUC, Role.HEADING_TITLE, Role.HEADING_DIEU,
                  Role.HEADING_ROMAN, Role.HEADING_NUMBERED)


def _numberlike(token: str) -> bool:
    """A real number token ("1", "I", "một"), not a template placeholder ("…", "...")."""
    return any(c.isalnum() for c in token)


def _multilevel(text: str, max_levels: int) -> str | None:
    """"1.1.1." style label with more than ``max_levels`` levels, else None.

    Segments have one or two digits, so "1.500 người" (a thousands separator) is not a label."""
    m = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?(?=\s)", text)
    if not m:
        return None
    return m.group(1) if m.group(1).count(".") + 1 > max_levels else None


def _label_bold(p: Paragraph, label_len: int) -> bool | None:
    """Bold of the characters of the label at the start of the paragraph's runs."""
    if p.numbering:  # label drawn by Word numbering: judge by the text if it is all bold
        return True if all_bold(p) else None
    pos = 0
    seen = False
    unknown = False
    for r in p.runs:
        start, pos = pos, pos + len(r.text)
        if start >= label_len:
            break
        if not r.text.strip():
            continue
        seen = True
        if r.bold is False:
            return False
        if r.bold is None:
            unknown = True
    if not seen:
        return None
    return None if unknown else True


@check("ND30-HEADINGS", fixable=True)
def headings(ctx: Ctx) -> None:
    """Phần/Chương Roman, Mục/Điều Arabic, in the decree's weight and alignment; no
    "1.1.1"-style numbering."""
    doc = ctx.doc
    max_levels = int(ctx.param("max_number_levels"))
    sentence_case = bool(ctx.param("label_sentence_case"))
    heads = [p for p in doc.paragraphs if p.role in _HEADING_ROLES and not p.is_empty]
    unknown = False
    for p in heads:
        if p.role in (Role.HEADING_PHAN, Role.HEADING_MUC, Role.HEADING_DIEU) and sentence_case:
            _label_case(ctx, p)
        unknown |= _JUDGES[p.role](ctx, p)
    # multi-level decimal numbering anywhere in the body or its headings
    for p in doc.paragraphs:
        if p.role not in _HEADING_ROLES + (Role.BODY,) or p.container in ("header", "footer") or in_data_table(doc, p):
            continue
        label = _multilevel(p.text, max_levels)
        if label:
            ctx.fail(p, key="multilevel", expected=Term("numbering-i-1-a"), actual=label)
    if not heads and not ctx.failed:
        ctx.not_applicable(key="the-document-has-no-headings")
    elif unknown and not ctx.failed:
        ctx.not_evaluated(key="weight-or-alignment-of-a-heading")


def _style(ctx: Ctx, p: Paragraph, bold: bool = True, centred: bool = False, caps: bool = False) -> bool:
    """Bold / centred / capitals of a heading line; returns whether something was unknown."""
    unknown = False
    if bold:
        b = all_bold(p)
        if b is False:
            ctx.fail(p, key="bold", expected=Term("bold"), actual=Term("not-bold"), fix=toggle_fix(p, "bold", True))
        unknown |= b is None
    if centred:
        a = alignment_of(ctx.doc, p)
        if a is None:
            unknown = True
        elif a != "center":
            ctx.fail(p, key="centre", expected=ALIGN_WORDS["center"], actual=ALIGN_WORDS[a],
                     fix=align_fix(p, "center"))
    if caps:
        c = is_all_caps(p)
        if c is False:
            ctx.fail(p, key="caps", expected=Term("all-capitals"), actual=Term("lower-case-letters"),
                     fix=caps_fix(p))
    return unknown


def _label_case(ctx: Ctx, p: Paragraph) -> None:
    """"Phần", "Chương", "Mục", "Điều" are written in sentence case, not capitals."""
    lm = re.match(r"^\s*(Phần|Chương|Tiểu mục|Mục|Điều)\b", p.shown_text, re.IGNORECASE)
    if lm and lm.group(1).isupper():
        word = lm.group(1)
        ctx.fail(p, key="label_case", expected=word[0] + word[1:].lower(), actual=word)


#: what OCR makes of a Roman numeral's strokes ("II" → "H", "III" → "IH", "I" → "1", "l", "|")
_ROMAN_LOOKALIKE = re.compile(r"^[IVXLCHl1|]+$")
#: the confidence of a "not Roman" finding on such a reading: a note, never a failure
LOOKALIKE_CONF = 0.5


def _phan(ctx: Ctx, p: Paragraph) -> bool:
    m = _PHAN.match(p.shown_text)
    if m and _numberlike(m.group(2)) and not _ROMAN.match(m.group(2)):
        guess = p.source == "ocr" and bool(_ROMAN_LOOKALIKE.match(m.group(2)))
        ctx.fail(p, key="roman", expected=f"{m.group(1)} I, II, III…", actual=f"{m.group(1)} {m.group(2)}",
                 confidence=LOOKALIKE_CONF if guess else None)
    return _style(ctx, p, centred=True)


def _muc(ctx: Ctx, p: Paragraph) -> bool:
    m = _MUC.match(p.shown_text)
    if m and _numberlike(m.group(2)) and not m.group(2).isdigit():
        ctx.fail(p, key="arabic", expected=f"{m.group(1)} 1, 2, 3…", actual=f"{m.group(1)} {m.group(2)}")
    return _style(ctx, p, centred=True)


def _dieu(ctx: Ctx, p: Paragraph) -> bool:
    """"Điều 1." with an Arabic number and a full stop, the label bold."""
    text = p.shown_text
    m = _DIEU.match(text)
    if m is None:
        mm_ = re.match(r"^\s*Điều\s+([^\s.:]+)", text, re.IGNORECASE)
        if mm_ and _numberlike(mm_.group(1)):
            ctx.fail(p, key="arabic", expected="Điều 1, 2, 3…", actual=f"Điều {mm_.group(1)}")
        return False
    if m.group(2) != ".":
        ctx.fail(p, key="dieu_dot", expected=f"Điều {m.group(1)}.", actual=m.group(0).strip())
    b = _label_bold(p, len(m.group(0)) - (len(p.numbering) + 1 if p.numbering else 0))
    if b is False:
        ctx.fail(p, key="dieu_bold", expected=Term("bold"), actual=Term("not-bold"))
    return b is None


def _roman(ctx: Ctx, p: Paragraph) -> bool:
    m = _ROMAN_HEAD.match(p.shown_text)
    if m and m.group(2) != ".":
        ctx.fail(p, key="roman_dot", expected=f"{m.group(1)}.", actual=m.group(0).strip())
    return _style(ctx, p, caps=True)


# how each heading role is judged (HEADING_NUMBERED: only the multi-level rule below)
_JUDGES = {
    Role.HEADING_PHAN: _phan,
    Role.HEADING_MUC: _muc,
    Role.HEADING_TITLE: lambda ctx, p: _style(ctx, p, centred=True, caps=True),
    Role.HEADING_DIEU: _dieu,
    Role.HEADING_ROMAN: _roman,
    Role.HEADING_NUMBERED: lambda ctx, p: False,
}
