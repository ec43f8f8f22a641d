"""Elements of a labelled document, for the checks: which paragraphs (or lines) make up one
element when the labels alone do not say it.

Recognition gives every paragraph one role; some elements need more than that to be judged:
an agency name on two lines with the other header column read in between, a Quốc hiệu and a
Tiêu ngữ a reader merged into one paragraph, the recipients of "Kính gửi:" left unlabelled,
a căn cứ line a PDF cut in two, a Nơi nhận recipient wrapped onto a second line. These are
recognition's fallbacks: they live here, next to recognition, and the checks ask them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..measure.lines import is_marker_paragraph, split_lines, visual_lines
from ..measure.position import side_of
from ..model import Cap, Document, Paragraph, Role, nfc
from ..text.fold import fold
from ..text.punctuation import tail


def next_in_block(doc: Document, para: Paragraph) -> Paragraph | None:
    """The next non-empty paragraph of the same block (same table cell, or same column side
    on the same page): in a PDF the left and right header blocks interleave in reading order."""
    side = side_of(doc, para)
    for p in doc.paragraphs:
        if p.index <= para.index or p.container in ("header", "footer") or p.is_empty:
            continue
        if para.cell is not None and p.cell is not None:
            if (p.cell.table, p.cell.row, p.cell.col) != (para.cell.table, para.cell.row, para.cell.col):
                continue
        elif para.page is not None and p.page is not None and p.page != para.page:
            return p
        elif side in ("left", "right"):
            other = side_of(doc, p)
            if other is not None and other != side and other != "full":
                continue
        return p
    return None


def element(doc: Document, role: str) -> list[Paragraph]:
    """Paragraphs of one element from its first occurrence (a name on two lines). Paragraphs of
    the other header column may sit in between: tab-laid headers and PDF reading order
    interleave the left and right blocks line by line."""
    out: list[Paragraph] = []
    side: str | None = None
    for p in doc.paragraphs:
        if p.role == role:
            if out and is_marker_paragraph(p):
                continue  # a footnote marker split off the line by PDF layout
            if not out:
                side = side_of(doc, p)
            out.append(p)
        elif out and not p.is_empty:
            other = side_of(doc, p)
            if side in ("left", "right") and other in ("left", "right") and other != side:
                continue
            break
    return out


def qh_tn(doc: Document) -> tuple[list[Paragraph], list[Paragraph], bool]:
    """Quốc hiệu and Tiêu ngữ paragraphs. When no Tiêu ngữ was recognised but the Quốc hiệu
    paragraph goes on with a line starting "Độc lập" (two header lines of the same size that a
    reader merged), the lines are split. The flag says whether that split happened."""
    qh = element(doc, Role.QUOC_HIEU)
    tn = element(doc, Role.TIEU_NGU)
    if tn or not qh:
        return qh, tn, False
    lines = [ln for p in qh for ln in visual_lines(p)]
    for k, ln in enumerate(lines):
        if k and fold(ln.text).startswith("ĐỘC LẬP"):
            top, rest = lines[:k], lines[k:]
            for v in rest:
                v.role = Role.TIEU_NGU
            return top, rest, True
    return qh, tn, False


def is_continuation(doc: Document, p: Paragraph) -> bool:
    """A paragraph that is really the rest of the one before it, with no first line of its own:
    a PDF paragraph continued from the previous page (the reader marks it), or, in a PDF, a
    "paragraph" starting with a lower-case word (a last line the layout split off). A điểm
    label such as "a)" or "đ)" starts with a lower-case letter and is not a continuation."""
    ex = p.extra or {}
    if ex.get("continues_from_previous_page") or ex.get("continuation"):
        return True
    if Cap.PARAGRAPHS not in doc.capabilities and not p.numbering:  # paragraphs inferred from layout
        t = p.text.lstrip()
        if t[:1].islower() and not re.match(r"^[a-zđ]\)", t):
            return True
    return False





KINH_GUI_RE = re.compile(r"^\s*Kính\s+gửi\s*(:?)\s*(.*)$", re.IGNORECASE | re.DOTALL)


_DASHED = re.compile(r"^\s*[-–—•+]\s*\S")


_HEADER_ROLES = {Role.QUOC_HIEU, Role.TIEU_NGU, Role.CQ_CHU_QUAN, Role.CQ_BAN_HANH, Role.SO_KY_HIEU,
                 Role.DIA_DANH_NGAY, Role.VV, Role.KHAN_MAT, Role.EMPTY}


def recipient_lines(doc: Document, kg: Paragraph) -> list[Paragraph]:
    """The recipient lines under "Kính gửi:": the ``kinh-gui-item`` paragraphs that follow it.

    When recognition labelled none and the Kính gửi line itself names nobody, the recipient-
    like lines right after it (starting with a dash or ending with ";", then a short last one
    ending with ".") are its recipients whatever their label (a PDF may read the header's
    right column in between, so header lines are stepped over)."""
    after = [q for q in doc.paragraphs if q.index > kg.index and not q.is_empty
             and q.container not in ("header", "footer")]
    out: list[Paragraph] = []
    for q in after:
        if q.role in _HEADER_ROLES and not out:
            continue  # the header's other column, read in between by a PDF
        if q.role != Role.KINH_GUI_ITEM:
            break
        out.append(q)
    if out:
        return out
    m = KINH_GUI_RE.match(kg.text)
    if m is None or m.group(2).strip():
        return []
    for q in after:
        if q.role in _HEADER_ROLES:
            continue
        if q.role not in (Role.BODY, Role.OTHER, None):
            break
        end = tail(q.text)
        if _DASHED.match(q.text) or end == ";":
            out.append(q)  # a recipient line (dash forgotten or not)
            continue
        if out and end == "." and q.lines <= 1 and len(q.text) <= 120:
            out.append(q)  # the last recipient
        break
    return out


def kinh_gui_lines(doc: Document) -> set[int]:
    """Indexes of the recipient lines of every "Kính gửi:" (kept out of the body rules)."""
    return {q.index for kg in doc.with_role(Role.KINH_GUI) for q in recipient_lines(doc, kg)}


THEO_DE_NGHI_RE = re.compile(r"^\s*(theo|xét)\s+(đề nghị|đề xuất|tờ trình)", re.IGNORECASE)


_NEW_BASIS = re.compile(r"(?<=[;.,])\s+(?=(?:Căn cứ|Theo đề nghị|Theo đề xuất|Xét đề nghị|Xét tờ trình)\b)",
                        re.IGNORECASE)


def can_cu_block(doc: Document) -> list[tuple[Paragraph, list[Paragraph], str]]:
    """The căn cứ lines as (first paragraph, paragraphs, text), one entry per căn cứ.

    The block is the ``can-cu`` paragraphs plus, right after one of them, a continuation (a
    line a PDF split off) or a closing "Theo đề nghị …"/"Xét …" line. A paragraph holding
    several căn cứ (a PDF whose lines came out as one paragraph) is split at each new
    "Căn cứ"/"Theo đề nghị" after a punctuation mark."""
    groups: list[tuple[Paragraph, list[Paragraph], str]] = []
    in_block = False
    for p in doc.paragraphs:
        if p.is_empty or p.container in ("header", "footer"):
            continue
        text = " ".join(p.text.split())
        if in_block and groups and is_continuation(doc, p) and tail(groups[-1][2]) not in (";", "."):
            first, paras, prev = groups[-1]  # the rest of the line above (labelled căn cứ or not)
            groups[-1] = (first, paras + [p], prev + " " + text)
            continue
        if p.role == Role.CAN_CU:
            pass
        elif in_block and THEO_DE_NGHI_RE.match(text) and not any(
                THEO_DE_NGHI_RE.match(t) for _, _, t in groups[-1:]):
            pass
        else:
            in_block = False
            continue
        in_block = True
        for part in _NEW_BASIS.split(text):
            if part.strip():
                groups.append((p, [p], part.strip()))
    return groups


@dataclass(slots=True)
class Item:
    """One recipient: its first paragraph, and the text of all its lines joined (a long
    recipient wraps onto a second line, which a PDF or a hard line break makes a paragraph)."""

    para: Paragraph
    text: str
    paras: list[Paragraph]


_MARKER = re.compile(r"^\s*[-–—•+*·]")


def noi_nhan_items(doc: Document) -> list[Item]:
    out: list[Item] = []
    lines: list[Paragraph] = []
    for p in doc.with_role(Role.NOI_NHAN, Role.NOI_NHAN_ITEM):
        if not p.is_empty:
            parts = split_lines(p)
            lines += parts[1:] if p.role == Role.NOI_NHAN else parts  # list lines after "Nơi nhận:"
    for p in lines:
        text = " ".join(p.text.split())
        if out and not _MARKER.match(text) and tail(out[-1].text) not in (";", ".", ":"):
            out[-1].text += " " + text  # the rest of the line above
            out[-1].paras.append(p)
            continue
        out.append(Item(p, text, [p]))
    return out


def appendix_heading_lines(doc: Document) -> tuple[list[Paragraph], list[Paragraph], list[Paragraph]]:
    """(heading lines, title lines, "(Kèm theo …)" lines) of the appendices: a "Phụ lục I" typed
    with its title (and reference) in one paragraph with line breaks is cut into its lines."""
    heads = [p for p in doc.with_role(Role.PL_HEADING) if not p.is_empty]
    titles = [q for q in doc.with_role(Role.PL_TITLE) if not q.is_empty]
    refs = [q for q in doc.with_role(Role.PL_REF) if not q.is_empty]
    for i, p in enumerate(heads):
        lines = split_lines(p)
        for extra in lines[1:]:
            (refs if re.match(r"^\s*\(?\s*(Ban hành )?kèm theo", extra.text, re.IGNORECASE) else titles).append(extra)
        heads[i] = lines[0]
    return heads, titles, refs


def cv_heading(doc: Document) -> Paragraph | None:
    """A "CÔNG VĂN" line typed as a heading above the body of a công văn."""
    for p in doc.paragraphs:
        if p.container in ("header", "footer") or p.is_empty:
            continue
        if p.role in (Role.KINH_GUI, Role.BODY, Role.CAN_CU) and p.text.strip().rstrip(":").upper() != "CÔNG VĂN":
            return None  # the body has begun
        if nfc(p.shown_text).strip().rstrip(":").upper() == "CÔNG VĂN":
            return p
    return None
