"""ND30-STRUCTURE-REQUIRED and ND30-STRUCTURE-ORDER: the components a document of its type
must have, in the decree's order (Điều 8; PL I, Phần I, Mục II)."""

from __future__ import annotations

from typing import Any

from ...doctypes import CONG_VAN
from ...measure import measured_layout
from ...model import Document, Paragraph, Role
from ..base import Ctx, check
from .common import doc_type, in_data_table

# --------------------------------------------------------------------------------------------
# ND30-STRUCTURE-REQUIRED
# --------------------------------------------------------------------------------------------

# (component id, roles that satisfy it, Vietnamese name, English name)
_COMPONENTS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "quoc-hieu": ((Role.QUOC_HIEU,), "Quốc hiệu (ô 1)", "national title (box 1)"),
    "tieu-ngu": ((Role.TIEU_NGU,), "Tiêu ngữ (ô 1)", "motto (box 1)"),
    "co-quan": ((Role.CQ_BAN_HANH,), "tên cơ quan ban hành (ô 2)", "issuing agency name (box 2)"),
    "so": ((Role.SO_KY_HIEU,), "số, ký hiệu (ô 3)", "number and symbol (box 3)"),
    "ngay": ((Role.DIA_DANH_NGAY,), "địa danh và ngày tháng (ô 4)", "place and date (box 4)"),
    "ten-loai": ((Role.TEN_LOAI,), "tên loại văn bản (ô 5a)", "document type name (box 5a)"),
    "trich-yeu": ((Role.TRICH_YEU,), "trích yếu (ô 5a)", "subject line (box 5a)"),
    "loai-hoac-vv": ((Role.TEN_LOAI, Role.VV), "tên loại văn bản, hoặc dòng V/v nếu là công văn (ô 5)",
                     "type name, or the V/v line of a công văn (box 5)"),
    "vv": ((Role.VV,), "trích yếu công văn “V/v …” (ô 5b)", "công văn subject line “V/v …” (box 5b)"),
    "kinh-gui": ((Role.KINH_GUI,), "“Kính gửi:” (ô 9a)", "“Kính gửi:” (box 9a)"),
    "can-cu": ((Role.CAN_CU,), "căn cứ ban hành", "legal bases (căn cứ)"),
    "dieu": ((Role.HEADING_DIEU,), "các điều (Điều 1, Điều 2, …)", "articles (Điều 1, Điều 2, …)"),
    "chuc-vu": ((Role.QUYEN_HAN, Role.CHUC_VU), "quyền hạn, chức vụ người ký (ô 7a)",
                "signing authority and title (box 7a)"),
    "ho-ten": ((Role.HO_TEN,), "họ tên người ký (ô 7b)", "signer's name (box 7b)"),
    "noi-nhan": ((Role.NOI_NHAN,), "“Nơi nhận:” (ô 9b)", "“Nơi nhận:” recipients block (box 9b)"),
}


def required_components(dtype: str | None, params: dict[str, Any]) -> list[str]:
    """Components a document of type ``dtype`` must have (decree order); ``params`` are the
    rule's (the type lists are declared in its TOML entry)."""
    def has(name: str) -> bool:
        return dtype is not None and dtype in params[name]

    need = ["quoc-hieu", "tieu-ngu", "co-quan", "so"]
    if not has("no_date_types"):
        need.append("ngay")
    if dtype == CONG_VAN:
        need += ["vv", "kinh-gui"]
    elif dtype is None:
        need.append("loai-hoac-vv")
    else:
        need.append("ten-loai")
        if not has("no_trich_yeu_types"):
            need.append("trich-yeu")
    if has("can_cu_types"):
        need.append("can-cu")
    if has("article_types"):
        need.append("dieu")
    need += ["chuc-vu", "ho-ten"]
    if not has("no_noi_nhan_types"):
        need.append("noi-nhan")
    return need


def _present(doc: Document, roles: tuple[str, ...]) -> bool:
    return any(p.role in roles and not p.is_empty for p in doc.paragraphs)


@check("ND30-STRUCTURE-REQUIRED")
def structure_required(ctx: Ctx) -> None:
    """Each component the document's type needs is present; one finding per missing one.

    A separate-file appendix is judged as an appendix (the PL-* rules), not as a main document."""
    doc = ctx.doc
    if doc.facts.is_appendix:
        ctx.not_applicable("Tệp là phụ lục riêng: xem các quy tắc ND30-PL-*",
                           "The file is a separate appendix: see the ND30-PL-* rules")
        return
    dtype = doc_type(doc)
    for comp in required_components(dtype, ctx.params):
        roles, vi, en = _COMPONENTS[comp]
        if not _present(doc, roles):
            ctx.fail(None, key="missing", component={"vi": vi, "en": en}, excerpt="")
    if dtype is not None and dtype in ctx.param("two_signer_types"):
        names = [p for p in doc.with_role(Role.HO_TEN) if not p.is_empty]
        want = int(ctx.param("min_signers"))
        if 0 < len(names) < want:
            ctx.fail(names[0], key="signers", expected=str(want), actual=str(len(names)))


# --------------------------------------------------------------------------------------------
# ND30-STRUCTURE-ORDER
# --------------------------------------------------------------------------------------------

# Rank of each role in the decree's order. Within one rank any order is fine: the header's
# left and right columns, căn cứ and Kính gửi (a tờ trình may cite its bases after Kính gửi),
# and the signature block with Nơi nhận (a two-column table: left column read first).
_RANK: dict[str, int] = {
    Role.QUOC_HIEU: 1, Role.TIEU_NGU: 1, Role.CQ_CHU_QUAN: 1, Role.CQ_BAN_HANH: 1, Role.SO_KY_HIEU: 1,
    Role.DIA_DANH_NGAY: 1, Role.VV: 1, Role.KHAN_MAT: 1,
    Role.TEN_LOAI: 2, Role.TRICH_YEU: 3,
    Role.THAM_QUYEN: 4, Role.CAN_CU: 4, Role.KINH_GUI: 4, Role.KINH_GUI_ITEM: 4,
    Role.BODY: 5, Role.HEADING_PHAN: 5, Role.HEADING_MUC: 5, Role.HEADING_TITLE: 5, Role.HEADING_DIEU: 5,
    Role.HEADING_ROMAN: 5, Role.HEADING_NUMBERED: 5,
    Role.QUYEN_HAN: 6, Role.CHUC_VU: 6, Role.CHU_KY: 6, Role.HO_TEN: 6, Role.NOI_NHAN: 6, Role.NOI_NHAN_ITEM: 6,
}
_GROUP_NAMES: dict[int, tuple[str, str]] = {
    1: ("phần đầu văn bản (ô 1–4)", "header block (boxes 1–4)"),
    2: ("tên loại văn bản", "document type name"),
    3: ("trích yếu", "subject line"),
    4: ("căn cứ / Kính gửi", "legal bases / Kính gửi"),
    5: ("nội dung", "body"),
    6: ("khối chữ ký và nơi nhận", "signature block and recipients"),
}


def _block_key(doc: Document, p: Paragraph) -> tuple | None:
    """Two-column blocks whose columns a reader returns one after the other (a DOCX layout
    table: left cell then right cell; a PDF two-column zone: left column then right): the
    order *across* their columns says nothing about the page."""
    if p.cell is not None and not in_data_table(doc, p):
        return ("table", p.cell.table, p.cell.row)
    zone = (p.extra or {}).get("zone")
    if measured_layout(doc) and isinstance(zone, int) and zone >= 0 and p.column in ("left", "right"):
        return ("zone", p.page, zone)
    return None


def _column_key(p: Paragraph) -> object:
    return p.cell.col if p.cell is not None else p.column


@check("ND30-STRUCTURE-ORDER")
def structure_order(ctx: Ctx) -> None:
    """Components appear in the decree's order: header, type and trích yếu, căn cứ, body,
    signature block with nơi nhận. Appendices inside the file (from the first "Phụ lục"
    heading on) are not part of the main document's order. Inside a two-column block each
    column is read on its own."""
    doc = ctx.doc
    if doc.facts.is_appendix:
        ctx.not_applicable("Tệp là phụ lục riêng", "The file is a separate appendix")
        return
    units: list[tuple[tuple | None, list[tuple[Paragraph, int]]]] = []
    for p in doc.paragraphs:
        if p.container in ("header", "footer") or p.is_empty:
            continue
        if p.role in (Role.PL_HEADING, Role.PL_TITLE, Role.PL_REF):
            break
        rank = _RANK.get(p.role or "")
        if rank is None or (rank == 5 and (in_data_table(doc, p) or p.column in ("left", "right"))):
            continue  # body text inside a data table or a two-column block is not a document part
        key = _block_key(doc, p)
        if units and key is not None and units[-1][0] == key:
            units[-1][1].append((p, rank))
        else:
            units.append((key, [(p, rank)]))
    if not units:
        ctx.not_evaluated("Không nhận ra thành phần nào của văn bản", "No document component was recognised")
        return
    reported: set[tuple[int, int]] = set()

    def judge(seq: list[tuple[Paragraph, int]], highest: int) -> int:
        for p, rank in seq:
            if rank < highest:
                if (rank, highest) not in reported:
                    reported.add((rank, highest))
                    vi, en = _GROUP_NAMES[rank]
                    avi, aen = _GROUP_NAMES[highest]
                    ctx.fail(p, key="default", component={"vi": vi, "en": en}, after={"vi": avi, "en": aen},
                             expected={"vi": f"{vi} trước {avi}", "en": f"{en} before {aen}"},
                             actual={"vi": f"{vi} sau {avi}", "en": f"{en} after {aen}"})
            else:
                highest = rank
        return highest

    highest = 0
    for key, seq in units:
        if key is None:
            highest = judge(seq, highest)
            continue
        columns: dict[object, list[tuple[Paragraph, int]]] = {}
        for item in seq:
            columns.setdefault(_column_key(item[0]), []).append(item)
        highest = max(judge(col, highest) for col in columns.values())
