"""ND30-STRUCTURE-REQUIRED and ND30-STRUCTURE-ORDER: the components a document of its type
must have, in the decree's order (Điều 8; PL I, Phần I, Mục II)."""

from __future__ import annotations

from typing import Any

from ...doctypes import CONG_VAN
from ...measure import measured_layout
from ...model import Document, Paragraph, Role
from ..base import Ctx, Phrase, Term, check
from ..common import part_confidence, unlisted_type
from .common import doc_type, in_data_table

# --------------------------------------------------------------------------------------------
# ND30-STRUCTURE-REQUIRED
# --------------------------------------------------------------------------------------------

# component id → (roles that satisfy it, its name: [terms.component-<id>])
_COMPONENTS: dict[str, tuple[tuple[str, ...], Term]] = {
    "quoc-hieu": ((Role.QUOC_HIEU,), Term("component-quoc-hieu")),
    "tieu-ngu": ((Role.TIEU_NGU,), Term("component-tieu-ngu")),
    "co-quan": ((Role.CQ_BAN_HANH,), Term("component-co-quan")),
    "so": ((Role.SO_KY_HIEU,), Term("component-so")),
    "ngay": ((Role.DIA_DANH_NGAY,), Term("component-ngay")),
    "ten-loai": ((Role.TEN_LOAI,), Term("component-ten-loai")),
    "trich-yeu": ((Role.TRICH_YEU,), Term("component-trich-yeu")),
    "loai-hoac-vv": ((Role.TEN_LOAI, Role.VV,), Term("component-loai-hoac-vv")),
    "vv": ((Role.VV,), Term("component-vv")),
    "kinh-gui": ((Role.KINH_GUI,), Term("component-kinh-gui")),
    "can-cu": ((Role.CAN_CU,), Term("component-can-cu")),
    "dieu": ((Role.HEADING_DIEU,), Term("component-dieu")),
    "chuc-vu": ((Role.QUYEN_HAN, Role.CHUC_VU,), Term("component-chuc-vu")),
    "ho-ten": ((Role.HO_TEN,), Term("component-ho-ten")),
    "noi-nhan": ((Role.NOI_NHAN,), Term("component-noi-nhan")),
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


# what an issued document carries because it is issued (number, date, signer, recipients):
# not judged on a paper whose type the decree does not list
_ISSUANCE_COMPONENTS = frozenset({"so", "ngay", "chuc-vu", "ho-ten", "noi-nhan"})


def _present(doc: Document, roles: tuple[str, ...]) -> bool:
    return any(p.role in roles and not p.is_empty for p in doc.paragraphs)


@check("ND30-STRUCTURE-REQUIRED")
def structure_required(ctx: Ctx) -> None:
    """Each component the document's type needs is present; one finding per missing one.

    A separate-file appendix is judged as an appendix (the PL-* rules), not as a main document."""
    doc = ctx.doc
    if doc.facts.is_appendix:
        ctx.not_applicable(key="the-file-is-a-separate-appendix-see")
        return
    dtype = doc_type(doc)
    unlisted = unlisted_type(doc)
    unknown: list[str] = []
    for comp in required_components(dtype, ctx.params):
        roles, name = _COMPONENTS[comp]
        if not _present(doc, roles):
            if unlisted is not None and comp in _ISSUANCE_COMPONENTS:
                unknown.append(comp)
                continue
            # on a scan an absence is a recognition miss, unless the place was read blank (page=)
            page = _read_blank(doc, comp)
            ctx.fail(None, key="missing", component=name, excerpt="", page=page)
    if unknown:
        ctx.not_evaluated(key="unlisted-type", type=unlisted, components=Phrase(_COMPONENTS[c][1] for c in unknown))
    if dtype is not None and dtype in ctx.param("two_signer_types"):
        names = [p for p in doc.with_role(Role.HO_TEN) if not p.is_empty]
        want = int(ctx.param("min_signers"))
        if 0 < len(names) < want:
            ctx.fail(names[0], key="signers", expected=str(want), actual=str(len(names)))


#: the place of the Nơi nhận on a page read from its image: left of the signature block (PL I,
#: ô 9a beside 7a–7c), from a little above its first line down to the page's foot (points)
BESIDE_SIGN_ABOVE = 6.0
BESIDE_SIGN_GAP = 6.0
#: the signature block stands on the right half for there to be such a place
BESIDE_SIGN_MIN_X = 0.45
#: the Nơi nhận is the left column of that block (PL I, ô 9a): its place ends at the page's
#: middle whatever stands between it and the block (a seal's edge, the signature's ink)
NOI_NHAN_MAX_X = 0.5
#: a body paragraph runs the text's width when it ends this share of the page's width or less
#: before the widest one
BODY_EDGE_TOL = 0.03


def _read_blank(doc: Document, comp: str) -> int | None:
    """On a document read from images, an absent Nơi nhận is a fact, not a recognition miss,
    when its place was read and found blank: left of the signature block, from its first line
    to the page's foot, no paragraph, no ink the reading left unread, no seal (``Page.unread``),
    and no text on a later page. Then: the page the finding rests on (its reading's confidence
    decides, as for any finding on the page); None otherwise (the absence stays unconfirmed)."""
    if comp != "noi-nhan" or not doc.pages or any(pg.source != "ocr" for pg in doc.pages):
        return None
    place = _beside_signature(doc)
    if place is None:
        return None
    number, zone = place
    page = doc.pages[number - 1]
    for p in doc.paragraphs:
        if p.is_empty or p.page is None:
            continue
        if p.page > number:
            return None
        if p.page == number and (p.x0 is None or _meets(zone, (p.x0, p.top or 0.0, p.x1 or p.x0, p.bottom or page.height))):
            return None
    return None if any(_meets(zone, box) for box in page.unread) else number


Box = tuple[float, float, float, float]


def _beside_signature(doc: Document) -> tuple[int, Box] | None:
    """(page, box) of the place left of the signature block, when the block stands on the right.

    The block starts at its first authority or title line. When recognition labelled none (a
    seal over the title left it unread or misread), the lines standing on the right half after
    the body's last line are the block, and the place starts where the body ends (the block's
    first line may be the one the seal hid)."""
    sig = next((p for p in doc.paragraphs if p.role in (Role.QUYEN_HAN, Role.CHUC_VU) and not p.is_empty), None)
    body_end: Paragraph | None = None
    if sig is None:
        sig, body_end = _right_after_body(doc)
    if sig is None or sig.page is None or sig.x0 is None or sig.top is None or sig.page > len(doc.pages):
        return None
    page = doc.pages[sig.page - 1]
    if sig.x0 < BESIDE_SIGN_MIN_X * page.width:
        return None
    top = sig.top - BESIDE_SIGN_ABOVE
    if body_end is not None and body_end.page == sig.page and body_end.bottom is not None:
        top = min(top, body_end.bottom)
    right = min(sig.x0 - BESIDE_SIGN_GAP, NOI_NHAN_MAX_X * page.width)
    return sig.page, (0.0, top, right, page.height)


def _right_half(doc: Document, p: Paragraph) -> bool | None:
    """Does a measured paragraph begin on the right half of its page (None: not measured)?"""
    if p.x0 is None or p.page is None or not 0 < p.page <= len(doc.pages):
        return None
    return p.x0 >= BESIDE_SIGN_MIN_X * doc.pages[p.page - 1].width


def _right_after_body(doc: Document) -> tuple[Paragraph | None, Paragraph | None]:
    """(first line after the body's last paragraph, that paragraph) when every line after it
    stands on the right half of its page (where the signature block is), else (None, None).

    The body's last paragraph is the last one running the text's width (to within
    ``BODY_EDGE_TOL`` of the page, of the widest body paragraph): recipient lines the reading
    took for body text are short, and must not pass for the body's end."""
    text = [p for p in doc.paragraphs if not p.is_empty and p.container == "body"]
    body = [p for p in text if _RANK.get(p.role or "") == 5 and _right_half(doc, p) is False and p.x1 is not None]
    if not body:
        return None, None
    edge = max(p.x1 for p in body if p.x1 is not None)
    wide = [p for p in body if p.x1 is not None and p.page is not None
            and p.x1 >= edge - BODY_EDGE_TOL * doc.pages[p.page - 1].width]
    last = max(i for i, p in enumerate(text) if any(p is w for w in wide))
    tail = text[last + 1:]
    if not tail or not all(_right_half(doc, p) for p in tail):
        return None, None
    return tail[0], text[last]


def _meets(zone: Box, box: Box) -> bool:
    return box[0] < zone[2] and box[2] > zone[0] and box[1] < zone[3] and box[3] > zone[1]


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
_GROUP_NAMES: dict[int, Term] = {n: Term(f"part-{n}") for n in range(1, 7)}  # [terms.part-N]


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
        ctx.not_applicable(key="the-file-is-a-separate-appendix")
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
        ctx.not_evaluated(key="no-document-component-was-recognised")
        return
    reported: set[tuple[int, int]] = set()
    reached: dict[int, list[Paragraph]] = {}  # the paragraphs of each part reached, in order

    def judge(seq: list[tuple[Paragraph, int]], highest: int) -> int:
        for p, rank in seq:
            if rank < highest:
                if (rank, highest) not in reported:
                    reported.add((rank, highest))
                    part, after = _GROUP_NAMES[rank], _GROUP_NAMES[highest]
                    ctx.fail(p, key="default", component=part, after=after,
                             expected=Term("order-before", part=part, other=after),
                             actual=Term("order-after", part=part, other=after),
                             confidence=_order_confidence(p, reached[highest]))
            else:
                highest = rank
                reached.setdefault(rank, []).append(p)
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


def _order_confidence(p: Paragraph, before: list[Paragraph]) -> float | None:
    """How sure the reading is that ``p`` stands after a part it must precede: its own opening
    words, and the best-read paragraph of that part above it — any one of them proves the
    order, so one heading whose "I." was read badly does not make a clear body paragraph
    above "Kính gửi:" doubtful. None (exact text): the engine's own confidence."""
    sure = [c for q in before if (c := part_confidence(q)) is not None]
    if not sure:
        return part_confidence(p, before[0])
    own = part_confidence(p)
    return max(sure) if own is None else min(own, max(sure))
