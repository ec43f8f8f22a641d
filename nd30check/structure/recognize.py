"""Structure recognition: give every paragraph a role (``model.Role``) and fill ``doc.facts``.

Order of evidence: text patterns first (the Quốc hiệu words, "Độc lập", "Số:", ", ngày … tháng
… năm", "Nơi nhận", "Kính gửi", "V/v", authority prefixes), then position (table cell, column,
alignment, page), then formatting (bold) only to break ties. Defective documents must still be
labelled (a Quốc hiệu with wrong words is still the Quốc hiệu): checks judge, this only labels.

The document is cut into segments: each header block (Quốc hiệu / Số / date cluster) starts a
main segment, each stand-alone "Phụ lục …" heading starts an appendix segment. A main segment
is read as header → tên loại → trích yếu → thẩm quyền → căn cứ → body → signature block.
"""

from __future__ import annotations

import re

from ..doctypes import ABBR_TO_NAME
from ..model import Document, Role
from .body import label_body
from .facts import collect_facts
from .features import Feat, build
from .flow import label_appendix_segment, label_main_segment
from .segments import find_segments, table_ranges
from .text import DateLine, SoLine, parse_date_line, parse_kem_theo, parse_so_line

__all__ = ["analyze", "parse_so_line", "parse_date_line", "parse_kem_theo", "SoLine", "DateLine", "DOC_TYPES"]

# Values ``Facts.type`` takes (Phụ lục III abbreviations, "CV" for công văn) → the type's name.
DOC_TYPES: dict[str, str] = dict(ABBR_TO_NAME)

_PAGE_NO_RE = re.compile(r"^(?:TRANG\s*)?[-–\s]*\d{1,3}[-–\s]*(?:/\s*\d{1,3})?$")


def analyze(doc: Document) -> None:
    """Set ``Paragraph.role`` on every paragraph and fill ``doc.facts``. Never raises on odd input."""
    feats = build(doc)
    n = len(feats)
    roles: list[str | None] = [None] * n
    conf = [1.0] * n
    table_range = table_ranges(feats, doc)
    _global_pass(feats, roles)
    segs = find_segments(feats, roles, table_range)
    pre_end = segs[0].start if segs else n
    label_body(feats, roles, 0, pre_end)
    info: dict[str, object] = {}
    for k, seg in enumerate(segs):
        seg.end = segs[k + 1].start if k + 1 < len(segs) else n
        if seg.kind == "main":
            label_main_segment(feats, roles, conf, seg, table_range, info if not info.get("done") else None)
            info["done"] = True
        else:
            label_appendix_segment(feats, roles, seg, table_range)
    for f in feats:
        r = roles[f.i]
        if r is None or (f.noise and r == Role.EMPTY):
            r = Role.OTHER if f.noise or not f.empty else Role.EMPTY
        f.p.role = r
        f.p.role_confidence = conf[f.i]
    doc.facts = collect_facts(feats, roles, segs, info)
    from .appendix_names import named_appendices

    doc.facts.appendices_named = named_appendices(doc)  # for BUNDLE-ORPHAN (batch.py)


# --- passes --------------------------------------------------------------------------------


def _global_pass(feats: list[Feat], roles: list[str | None]) -> None:
    """Roles that don't depend on the document's flow: margins, empties, data cells, stamps.

    Kept whole: one ordered decision per paragraph (page number, empty, margin, stamp, data
    cell…); the order of the cases is the rule."""
    last_page: int | None = None
    first_on_page: set[int] = set()
    last_on_page: dict[int, int] = {}
    for f in feats:
        if (f.empty and not f.noise) or f.margin or f.page is None:
            continue
        if f.page != last_page:
            first_on_page.add(f.i)
            last_page = f.page
        last_on_page[f.page] = f.i
    last_idx = set(last_on_page.values())
    for f in feats:
        i = f.i
        if f.noise and (i in first_on_page and (f.page or 0) > 1 or i in last_idx) and f.text.isdigit() \
                and f.p.column in (None, "full") and f.align in (None, "center"):
            roles[i] = Role.PAGE_NUMBER
        elif f.empty:
            roles[i] = Role.EMPTY
        elif f.margin:
            if _PAGE_NO_RE.match(f.up):
                roles[i] = Role.PAGE_NUMBER
            elif f.kind == "address" or _addressish(f.up):
                roles[i] = Role.ADDRESS
            elif f.stamp:
                roles[i] = Role.STAMP
            else:
                roles[i] = Role.OTHER
        elif f.stamp:
            roles[i] = Role.STAMP
        elif f.data_cell:
            roles[i] = Role.TABLE_CELL
        elif (i in first_on_page and (f.page or 0) > 1 or i in last_idx) and _PAGE_NO_RE.match(f.up) and f.words <= 3 \
                and f.p.column in (None, "full"):
            roles[i] = Role.PAGE_NUMBER
        elif f.p.container == "textbox" and (f.kind == "address" or _addressish(f.up)):
            roles[i] = Role.ADDRESS
        elif f.p.container == "textbox" and f.kind == "so" and ";" in f.text:
            # the box the agency's signature fills on a separate-file appendix (Mẫu 2.2):
            # "Số: 05/KH-UBND; 08/5/2026; 09:15:00"
            roles[i] = Role.STAMP


def _addressish(up: str) -> bool:
    return any(k in up for k in ("ĐIỆN THOẠI", "EMAIL", "E-MAIL", "FAX", "WEBSITE", "ĐỊA CHỈ"))


# --- facts ---------------------------------------------------------------------------------


