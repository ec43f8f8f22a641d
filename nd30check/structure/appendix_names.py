"""Which appendices a document says it sends with it ("… chi tiết tại Phụ lục I và Phụ lục II
kèm theo"), so a batch can tell when one of them is missing (BUNDLE-ORPHAN, second half).

Precision first: a mention counts only when the same sentence says the appendix comes with
this document ("kèm theo", "đính kèm", "gửi kèm") and does not tie it to another text ("Phụ lục
II ban hành kèm theo Nghị định số 30/2020/NĐ-CP" is the decree's appendix, not ours). Only
body text is read: the appendices' own headings and "(Kèm theo …)" lines are not mentions.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Document, Role

_NUM = r"(?:[IVXLC]+|\d{1,2}[a-z]?)"
_MENTION = re.compile(rf"\bPhụ\s+lục\s+(?:số\s+)?(?P<list>{_NUM}(?:\s*(?:,|;|và|-|–)\s*(?:Phụ\s+lục\s+)?(?:số\s+)?{_NUM})*)\b",
                      re.IGNORECASE)
_SEP = re.compile(rf"(?:Phụ\s+lục\s+)?(?:số\s+)?\b({_NUM})\b", re.IGNORECASE)
_WITH_US = re.compile(r"\b(?:kèm\s+theo|đính\s+kèm|gửi\s+kèm)\b", re.IGNORECASE)
_OTHER_TEXT = re.compile(
    r"\b(?:kèm\s+theo|của|tại|thuộc)\s+(?:các\s+)?(?:Nghị\s+định|Thông\s+tư|Quyết\s+định|Luật|Nghị\s+quyết|Chỉ\s+thị|"
    r"Công\s+văn|Văn\s+bản|Kế\s+hoạch|Hướng\s+dẫn)\b", re.IGNORECASE)
BODY_ROLES = frozenset({Role.BODY, Role.HEADING_NUMBERED, Role.HEADING_ROMAN, Role.HEADING_DIEU, Role.KINH_GUI_ITEM})


def _norm(num: str) -> str:
    return num.upper() if re.fullmatch(r"[ivxlc]+", num, re.IGNORECASE) else num.lstrip("0") or num


def numeral(heading: str | None) -> str | None:
    """'Phụ lục II' → 'II'; 'PHỤ LỤC 2' → '2'; None when the text names no appendix."""
    m = re.match(rf"\s*Phụ\s+lục\s+(?:số\s+)?({_NUM})\b", unicodedata.normalize("NFC", heading or ""), re.IGNORECASE)
    return _norm(m.group(1)) if m else None


def named_in(text: str) -> list[str]:
    """Numerals of the appendices a sentence says come with this document."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.:])\s+", unicodedata.normalize("NFC", text)):
        for m in _MENTION.finditer(sentence):
            after = sentence[m.end():m.end() + 90]
            if not _WITH_US.search(after) or _OTHER_TEXT.search(after):
                continue
            for n in _SEP.findall(m.group("list")):
                if _norm(n) not in out:
                    out.append(_norm(n))
    return out


def named_appendices(doc: Document) -> list[str]:
    """Appendix numerals named in the body text of ``doc`` (after structure recognition)."""
    out: list[str] = []
    for p in doc.paragraphs:
        if p.role in BODY_ROLES and "lục" in p.text.lower():
            for n in named_in(p.text):
                if n not in out:
                    out.append(n)
    return out
