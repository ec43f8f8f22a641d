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

from ..doctypes import ABBR_TO_NAME, CONG_VAN, abbr_for_name
from ..model import Document, Facts, Role
from .features import Feat, bold, build, follows_split
from .signblock import find_start as _sign_start
from .signblock import label as _sign_label
from .text import (
    DateLine, SoLine, ascii_fold, fold, guess_type_from_symbol, is_caps, is_khan_mat, is_quoc_hieu, is_tieu_ngu,
    line_kind, looks_like_date_line, parse_date_line, parse_kem_theo, parse_so_line,
)

__all__ = ["analyze", "parse_so_line", "parse_date_line", "parse_kem_theo", "SoLine", "DateLine", "DOC_TYPES"]

# Values ``Facts.type`` takes (Phụ lục III abbreviations, "CV" for công văn) → the type's name.
DOC_TYPES: dict[str, str] = dict(ABBR_TO_NAME)

_PAGE_NO_RE = re.compile(r"^(?:TRANG\s*)?[-–\s]*\d{1,3}[-–\s]*(?:/\s*\d{1,3})?$")
_PL_HEADING_RE = re.compile(r"^PHỤ\s*LỤC(?:\s*(?:SỐ\s+)?[IVXLC\d…._]+[A-Z]?)?\s*[.:]?$")
_PL_INLINE_RE = re.compile(r"^PHỤ\s*LỤC\s+(?:SỐ\s+)?[IVXLC\d]+[A-Z]?\s*[:.\-–]\s*\S")
_FOOTNOTE_RE = re.compile(r"[\d*]+$")
_DATE_CUT_RE = re.compile(r"^[^:;,]{2,40},\s*ngày\b", re.IGNORECASE)
_AGENCY_HEADS = tuple(fold(w) + " " for w in (
    "UBND", "ỦY BAN", "HĐND", "HỘI ĐỒNG", "BỘ", "SỞ", "PHÒNG", "TRƯỜNG", "BAN", "CỤC", "TỔNG CỤC", "CHI CỤC",
    "VỤ", "VIỆN", "TRUNG TÂM", "VĂN PHÒNG", "CÔNG TY", "TỔNG CÔNG TY", "TÒA ÁN", "BỆNH VIỆN", "ĐẠI HỌC",
    "HỌC VIỆN", "TẬP ĐOÀN", "NGÂN HÀNG", "KHO BẠC", "CÔNG AN", "BỘ CHỈ HUY", "ĐOÀN", "HỘI", "LIÊN ĐOÀN",
    "CHÍNH PHỦ", "THỦ TƯỚNG", "CHỦ TỊCH", "ĐẢNG ỦY", "MẶT TRẬN", "CHI NHÁNH", "ĐÀI", "THANH TRA", "TÊN",
    "QUỸ", "BẢO HIỂM", "KIỂM TOÁN", "HẢI QUAN", "THÀNH ĐOÀN", "TỈNH ĐOÀN", "CHI BỘ", "ĐẢNG BỘ", "BCH",
    "BAN CHỈ ĐẠO", "BCĐ", "TỔ CÔNG TÁC", "TRẠM", "HTX", "HỢP TÁC XÃ", "LIÊN MINH", "ỦY BAN NHÂN DÂN",
)) + ("UBND", "HĐND", "CHÍNH PHỦ")
_BODYISH_KINDS = frozenset({"cancu", "denghi", "kinhgui", "dieu", "phan", "muc", "roman", "kemtheo", "vv",
                            "noinhan", "phuluc"})
_DASHES = ("-", "–", "—", "+", "•", "*")
_NOT_AGENCY = ("DỰ THẢO", "MẪU", "LƯU HÀNH", "XEM XONG", "TÀI LIỆU", "HỎA TỐC", "KHẨN", "MẬT", "TỐI MẬT")
_STOP_KINDS = frozenset({"cancu", "denghi", "dieu", "phan", "muc", "roman", "noinhan"})


class _PartLine:
    """A piece of an unsplit tab line, for facts only (it has no paragraph of its own)."""

    __slots__ = ("text", "up", "bold", "i")

    def __init__(self, text: str, bold_share: float | None, i: int) -> None:
        self.i = i
        self.text = text
        self.up = fold(text)
        self.bold = bold_share


class _Seg:
    __slots__ = ("start", "end", "kind", "hstart", "hend", "sign_start")

    def __init__(self, start: int, kind: str, hstart: int = -1, hend: int = -1) -> None:
        self.start = start
        self.end = start
        self.kind = kind  # "main" | "appendix"
        self.hstart = hstart
        self.hend = hend
        self.sign_start: int | None = None


def analyze(doc: Document) -> None:
    """Set ``Paragraph.role`` on every paragraph and fill ``doc.facts``. Never raises on odd input."""
    feats = build(doc)
    n = len(feats)
    roles: list[str | None] = [None] * n
    conf = [1.0] * n
    table_range = _table_ranges(feats, doc)
    _global_pass(feats, roles)
    segs = _segments(feats, roles, table_range)
    pre_end = segs[0].start if segs else n
    _body(feats, roles, 0, pre_end)
    info: dict[str, object] = {}
    for k, seg in enumerate(segs):
        seg.end = segs[k + 1].start if k + 1 < len(segs) else n
        if seg.kind == "main":
            _main_segment(feats, roles, conf, seg, table_range, info if not info.get("done") else None)
            info["done"] = True
        else:
            _appendix_segment(feats, roles, seg, table_range)
    for f in feats:
        r = roles[f.i]
        if r is None or (f.noise and r == Role.EMPTY):
            r = Role.OTHER if f.noise or not f.empty else Role.EMPTY
        f.p.role = r
        f.p.role_confidence = conf[f.i]
    doc.facts = _facts(feats, roles, segs, info)
    from .appendix_names import named_appendices

    doc.facts.appendices_named = named_appendices(doc)  # for BUNDLE-ORPHAN (batch.py)


# --- passes --------------------------------------------------------------------------------

def _table_ranges(feats: list[Feat], doc: Document) -> dict[int, tuple[int, int]]:
    """Paragraph index range of each table, nested tables folded into their outer table."""
    parent = {t.index: t.nested_in for t in doc.tables}

    def top(t: int) -> int:
        seen = 0
        while parent.get(t) is not None and seen < 50:
            t = parent[t]  # type: ignore[assignment]
            seen += 1
        return t

    rng: dict[int, tuple[int, int]] = {}
    for f in feats:
        if f.table is None:
            continue
        for t in {f.table, top(f.table)}:
            a, b = rng.get(t, (f.i, f.i))
            rng[t] = (min(a, f.i), max(b, f.i))
    return rng


def _global_pass(feats: list[Feat], roles: list[str | None]) -> None:
    """Roles that don't depend on the document's flow: margins, empties, data cells, stamps."""
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


def _is_pl_heading(f: Feat) -> bool:
    if f.kind != "phuluc" or f.data_cell or f.words > 25:
        return False
    if _PL_HEADING_RE.match(f.up):
        return True
    return bool(_PL_INLINE_RE.match(f.up)) and (f.caps or bool(bold(f)) or f.align == "center")


_MARK_ORDER = ("qh", "tn", "so", "date", "vv")


def _text_marker(text: str, kind: str | None = None, ax: str | None = None) -> str | None:
    if ax is None:
        up = fold(text)
        ax = ascii_fold(up) if len(up) < 120 else ""
        kind = line_kind(up)
    if ax and is_quoc_hieu(ax):
        return "qh"
    if ax and is_tieu_ngu(ax):
        return "tn"
    if kind == "so" and text.count(" ") < 8 and parse_so_line(text) is not None:
        return "so"
    if kind == "vv":
        return "vv"
    if kind is None and len(text) <= 110 and looks_like_date_line(text):
        dl = parse_date_line(text)
        # "Thời gian: 08 giờ 00, ngày 30 tháng 6 năm 2026" is body text, not the date line
        if dl is not None and (dl.place is None or (":" not in dl.place and dl.place.count(" ") < 8)):
            return "date"
    elif kind is None and len(text) <= 60 and _DATE_CUT_RE.match(text):
        return "date"  # a date line cut short (clipped page, unfinished draft): "Hà Nội, ngày 24 thá"
    return None


def _part_markers(f: Feat) -> list[str | None]:
    return [_text_marker(t) for t in f.parts] if f.parts else []


def _marker(f: Feat) -> str | None:
    """Header marker of a line: "qh", "tn", "so", "date", "vv" or None. A line the reader could
    not split at its tab ("UBND HUYỆN X<tab>CỘNG HÒA …") is judged by its strongest part."""
    if f.empty or f.data_cell or f.margin or f.stamp:
        return None
    if f.parts:
        ms = _part_markers(f)
        for m in _MARK_ORDER:
            if m in ms:
                return m
        return None
    return _text_marker(f.text, f.kind, f.ax)


def _ref_headed(body: list[Feat]) -> bool:
    """A separate appendix headed otherwise than "Phụ lục" ("Bảng 2", "BIỂU MẪU", a title in
    capitals) yet carrying its reference line: 1–4 short title lines (capitals, bold or centred)
    then "(Kèm theo …)" / "(Ban hành kèm theo …)", with no Quốc hiệu before it."""
    for k, f in enumerate(body[:5]):
        if f.kind == "kemtheo" and f.text.startswith("("):
            return k >= 1
        if f.data_cell or f.words > 25 or _marker(f) is not None or f.kind in _BODYISH_KINDS:
            return False
        if not (f.caps or bold(f) or f.align == "center"):
            return False
    return False


def _segments(feats: list[Feat], roles: list[str | None], table_range: dict[int, tuple[int, int]]) -> list[_Seg]:
    segs: list[_Seg] = []
    body = [f for f in feats if not f.margin and not f.empty and roles[f.i] != Role.STAMP]
    starts_with_pl = bool(body) and (_is_pl_heading(body[0]) or _ref_headed(body))
    if starts_with_pl and not _is_pl_heading(body[0]):
        segs.append(_Seg(body[0].i, "appendix"))
    taken_until = -1
    if not starts_with_pl:
        marks: dict[int, str] = {}
        for f in body[:25]:
            if f.data_cell:
                continue
            if f.kind in _STOP_KINDS or _is_title_line(f, strict=True):
                break  # the header is over once the type name or the text proper starts
            m = _marker(f)
            if m:
                marks[f.i] = m
        # a date line or V/v alone far down is not a header; need a QH/TN/Số among the markers
        if any(m in ("qh", "tn", "so") for m in marks.values()):
            seg = _cluster(feats, roles, marks, table_range, 0)
            segs.append(seg)
            taken_until = seg.hend
    # further header blocks (documents holding several layouts, e.g. the decree's templates)
    for f in feats:
        if f.i <= taken_until or roles[f.i] is not None:
            continue
        if _is_pl_heading(f) and not f.layout:
            s = _Seg(f.i, "appendix")
            segs.append(s)
            continue
        if _marker(f) == "qh":
            lo = max(taken_until + 1, f.i - 12)
            hi = min(len(feats), f.i + 13)
            marks = {}
            for g in feats[lo:hi]:
                if roles[g.i] is None and (m := _marker(g)) and (m != "qh" or g.i == f.i):
                    if f.layout and g.table != f.table and g.i < f.i:
                        continue
                    marks[g.i] = m
            seg = _cluster(feats, roles, marks, table_range, taken_until + 1)
            if segs and seg.start <= segs[-1].start:
                continue
            segs.append(seg)
            taken_until = seg.hend
    segs.sort(key=lambda s: s.start)
    return segs


def _cluster(feats: list[Feat], roles: list[str | None], marks: dict[int, str],
             table_range: dict[int, tuple[int, int]], lower: int) -> _Seg:
    """Turn header markers into a header block [hstart, hend]."""
    idx = sorted(marks)
    hs, he = idx[0], idx[-1]
    for i in idx:
        f = feats[i]
        if f.layout and f.table in table_range:
            a, b = table_range[f.table]
            hs, he = min(hs, a), max(he, b)
    # walk back over agency lines, separators and blanks above the first marker
    j = hs - 1
    while j >= lower:
        g = feats[j]
        if g.margin or g.empty or g.sep or g.stamp:
            j -= 1
            continue
        if roles[j] is None and not g.data_cell and g.kind not in _BODYISH_KINDS and g.words <= 15 \
                and not g.up.startswith(_NOT_AGENCY) and (g.caps or g.side == "left" or (g.layout and g.table == feats[hs].table)
                     or (lower == 0 and g.kind is None and g.words <= 12 and g.side != "right")):
            if g.layout and g.table in table_range:
                hs = min(hs, table_range[g.table][0])
                j = min(j, hs) - 1
                continue
            hs = j
            j -= 1
            continue
        break
    while hs < idx[0] and (feats[hs].empty or feats[hs].margin):
        hs += 1
    seg = _Seg(hs, "main", hs, he)
    if lower == 0 and hs > 0:
        seg.start = hs
    return seg


def _header(feats: list[Feat], roles: list[str | None], seg: _Seg, info: dict[str, object] | None) -> int:
    """Label the header block; returns the last index that belongs to it."""
    hs, he = seg.hstart, seg.hend
    so_i: int | None = None
    vv_i: int | None = None
    date_i: int | None = None
    kg_i: int | None = None
    so_text: str | None = None
    date_text: str | None = None
    part_agency: list[_PartLine] = []  # agency text inside lines the reader could not split
    for f in feats[hs:he + 1]:
        if roles[f.i] is not None or f.empty:
            continue
        m = _marker(f)
        if f.parts and m is not None:
            for part, pm in zip(f.parts, _part_markers(f)):
                if pm == "so" and so_text is None:
                    so_text = part
                elif pm == "date" and date_text is None:
                    date_text = part
                elif pm is None and part is f.parts[0] and is_caps(part) and part.count(" ") < 15:
                    part_agency.append(_PartLine(part, f.bold, f.i))
        if m == "qh":
            roles[f.i] = Role.QUOC_HIEU
        elif m == "tn":
            roles[f.i] = Role.TIEU_NGU
        elif m == "so" and so_i is None:
            roles[f.i] = Role.SO_KY_HIEU
            so_i = f.i
            so_text = so_text or f.text
        elif m == "date" and date_i is None:
            roles[f.i] = Role.DIA_DANH_NGAY
            date_i = f.i
            date_text = date_text if f.parts else f.text
        elif m == "vv" and vv_i is None:
            roles[f.i] = Role.VV
            vv_i = f.i
        elif is_khan_mat(f.up):
            roles[f.i] = Role.KHAN_MAT
        elif f.sep:
            roles[f.i] = Role.OTHER
        elif f.kind == "kinhgui" and kg_i is None:  # "Kính gửi:" in the header table / PDF zone
            roles[f.i] = Role.KINH_GUI
            kg_i = f.i
    end = he
    if vv_i is not None:
        end = max(end, _vv_continuation(feats, roles, vv_i, he))
    if kg_i is not None:
        end = max(end, _kinh_gui_items(feats, roles, kg_i, min(len(feats), end + 12)) - 1)
    # agency lines: unlabelled lines before the Số line (or the block end), not on the right
    limit = so_i if so_i is not None else end + 1
    cands: list[Feat] = []
    for f in feats[hs:limit]:
        if roles[f.i] is not None or f.empty or f.data_cell or f.margin:
            continue
        if f.side == "right" or f.words > 20 or f.kind in _BODYISH_KINDS or f.up.startswith(_NOT_AGENCY):
            continue
        if f.sep:
            continue
        cands.append(f)
    union: list = sorted(cands + part_agency, key=lambda x: x.i)
    chu_quan, ban_hanh = _split_agency(union)
    for f in chu_quan:
        if isinstance(f, Feat):
            roles[f.i] = Role.CQ_CHU_QUAN
    for f in ban_hanh:
        if isinstance(f, Feat):
            roles[f.i] = Role.CQ_BAN_HANH
    for f in feats[hs:end + 1]:
        if roles[f.i] is None and not f.empty:
            roles[f.i] = Role.OTHER
    if info is not None:
        info["so"] = so_text
        info["date"] = date_text
        info["vv"] = vv_i
        agency = [f.text for f in ban_hanh]
        parent = [f.text for f in chu_quan]
        if not chu_quan and len(ban_hanh) == 1 and isinstance(ban_hanh[0], Feat):
            split = _break_split(ban_hanh[0])
            if split is not None:
                parent, agency = split
        info["agency"] = agency
        info["parent"] = parent
    return end


def _break_split(f: Feat) -> tuple[list[str], list[str]] | None:
    """Chủ quản and ban hành typed in one paragraph with Shift+Enter ("SỞ GIÁO DỤC VÀ ĐÀO TẠO
    TỈNH NINH BÌNH⏎TRƯỜNG TIỂU HỌC KIM ĐỒNG"), told apart by bold as the decree sets them
    (chủ quản upright, ban hành bold): returns (parent lines, agency lines), or None when the
    lines are not "plain first, bold after"."""
    lines: list[list] = [[]]
    for r in getattr(f.p, "runs", None) or []:
        for j, part in enumerate(r.text.split("\n")):
            if j:
                lines.append([])
            if part.strip():
                lines[-1].append((part, r.bold))
    lines = [ln for ln in lines if ln]
    if len(lines) < 2:
        return None
    flags = [all(b for _, b in ln) if all(b is not None for _, b in ln) else None for ln in lines]
    if None in flags or not any(flags) or all(flags):
        return None
    k = flags.index(True)
    if not all(flags[k:]):
        return None
    text = [" ".join("".join(t for t, _ in ln).split()) for ln in lines]
    return [" ".join(text[:k])], [" ".join(text[k:])]


def _vv_continuation(feats: list[Feat], roles: list[str | None], vv_i: int, he: int) -> int:
    """A V/v line may wrap onto one or two more lines; returns the last header index."""
    vv = feats[vv_i]
    end = he
    taken = 0
    j = vv_i + 1
    steps = 0
    while j < len(feats) and taken < 2 and steps < 6:
        steps += 1
        g = feats[j]
        if g.empty or g.margin:
            if g.empty and not (vv.layout and g.table == vv.table) and vv.side == "":
                break
            j += 1
            continue
        if vv.side and g.side and g.side != vv.side:
            j += 1
            continue
        if roles[j] is not None or g.kind is not None or g.caps or len(g.text) > 100 or g.stamp or g.data_cell:
            break
        same_cell = vv.layout and g.layout and g.table == vv.table and g.col == vv.col
        same_side = bool(vv.side) and g.side == vv.side and not g.layout and not vv.layout
        same_look = not vv.side and not g.side and g.align == vv.align and g.align != "justify" \
            and not (g.p.first_line_indent or 0) > 1
        if not (same_cell or same_side or same_look):
            break
        roles[j] = Role.VV
        taken += 1
        end = max(end, j)
        j += 1
    return end


def _split_agency(lines: list[Feat]) -> tuple[list[Feat], list[Feat]]:
    """Chủ quản lines vs ban hành lines. Bold decides when it differs; otherwise agency names
    are grouped (a line opening with an agency word starts a new name) and the last name is
    the issuing one. One name → ban hành."""
    if len(lines) <= 1:
        return [], lines
    b = [bold(f) for f in lines]
    if None not in b and any(b) and not all(b):
        k = b.index(True)
        if all(b[k:]):
            return lines[:k], lines[k:]
        if not any(b[:k]):
            return lines[:k], lines[k:]
    starts = [0]
    for k, f in enumerate(lines[1:], 1):
        up = f.up
        if up.startswith(_AGENCY_HEADS) or up in ("UBND", "HĐND"):
            starts.append(k)
    if len(starts) == 1:
        return [], lines
    cut = starts[-1]
    return lines[:cut], lines[cut:]


def _is_title_line(f: Feat, strict: bool) -> str | None:
    """Tên loại? Returns the type name (capitals, footnote marks dropped) or None."""
    if f.empty or f.kind is not None or f.text.endswith(":") or f.words > 8:
        return None
    name = _FOOTNOTE_RE.sub("", f.text.upper()).strip()
    if abbr_for_name(name) or name == "TÊN LOẠI VĂN BẢN":
        return name
    if strict:
        return None
    if f.caps and f.words <= 6 and f.align in ("center", None) and bold(f) is not False \
            and not any(c.isdigit() for c in f.text) and f.side != "left" and f.side != "right":
        return name
    return None


def _main_segment(feats: list[Feat], roles: list[str | None], conf: list[float], seg: _Seg,
                  table_range: dict[int, tuple[int, int]], info: dict[str, object] | None) -> None:
    _body(feats, roles, seg.start, seg.hstart)
    hend = _header(feats, roles, seg, info)
    e = seg.end
    i = hend + 1

    def nxt(j: int) -> int:
        while j < e and (feats[j].empty or feats[j].margin or roles[j] is not None or feats[j].sep
                         or is_khan_mat(feats[j].up)):
            if roles[j] is None:
                if feats[j].sep:
                    roles[j] = Role.OTHER
                elif not feats[j].empty and is_khan_mat(feats[j].up):
                    roles[j] = Role.KHAN_MAT
            j += 1
        return j

    type_name: str | None = None
    j = nxt(i)
    # tên loại: an exact type name among the first three lines, else a short capital line first
    probe = j
    for _ in range(3):
        if probe >= e:
            break
        nm = _is_title_line(feats[probe], strict=True)
        if nm:
            j = probe
            type_name = nm
            break
        probe = nxt(probe + 1)
    if type_name is None and j < e and (info is None or info.get("vv") is None) and _seg_vv_free(feats, roles, seg):
        nm = _is_title_line(feats[j], strict=False)
        if nm:
            type_name = nm
            conf[j] = 0.6
    if type_name is not None and j < e:
        roles[j] = Role.TEN_LOAI
        if info is not None:
            info["type_name"] = type_name
        j = _trich_yeu(feats, roles, j, e)
    # thẩm quyền + căn cứ block
    j = _preamble(feats, roles, nxt(j), e, type_name)
    s = _sign_start(feats, roles, j, e, table_range)
    if s is not None and s < j:
        s = j
    seg.sign_start = s
    _body(feats, roles, j, s if s is not None else e)
    if s is not None:
        _sign_label(feats, roles, s, e)


def _seg_vv_free(feats: list[Feat], roles: list[str | None], seg: _Seg) -> bool:
    return not any(roles[k] == Role.VV for k in range(seg.hstart, min(seg.hend + 3, len(roles))))


def _trich_yeu(feats: list[Feat], roles: list[str | None], t: int, e: int) -> int:
    """Up to three lines right under the tên loại; returns the index after the last one."""
    first: Feat | None = None
    j = t + 1
    skipped = 0
    while j < e and (feats[j].margin or feats[j].stamp or (feats[j].empty and skipped < 2)):
        skipped += feats[j].empty
        j += 1
    while j < e:
        f = feats[j]
        if follows_split(feats, f) and roles[j - 1] == Role.TRICH_YEU and roles[j] is None:
            roles[j] = Role.TRICH_YEU
            j += 1
            continue
        if f.empty or f.sep or roles[j] is not None:
            break
        if f.kind in _BODYISH_KINDS or f.kind == "prefix" or f.text.endswith(":"):
            break
        if first is not None:
            if f.caps or f.align != first.align or len(f.text) > 200:
                break
        elif f.align == "justify" and (f.p.first_line_indent or 0) > 1 and len(f.text) > 120:
            break
        roles[j] = Role.TRICH_YEU
        first = first or f
        j += 1
        if j - t > 3:
            break
    return j


def _preamble(feats: list[Feat], roles: list[str | None], j: int, e: int, type_name: str | None) -> int:
    """Thẩm quyền line(s) and the căn cứ block; returns where the body starts."""
    # look ahead: is there a căn cứ block before the body proper?
    k = j
    seen = 0
    cc_at: int | None = None
    while k < e and seen < 6:
        f = feats[k]
        if f.empty or f.margin or roles[k] is not None or follows_split(feats, f):
            k += 1
            continue
        if f.kind in ("cancu", "denghi"):
            cc_at = k
            break
        if f.kind is not None and f.kind != "numbered":
            break
        seen += 1
        k += 1
    qd = type_name is not None and abbr_for_name(type_name) in ("QĐ", "NQ")
    k = j
    count = 0
    while k < e and count < 3:
        f = feats[k]
        if f.empty or f.margin or roles[k] is not None:
            k += 1
            continue
        if f.caps and f.kind is None and not f.text.endswith(":") and f.words <= 20 \
                and (cc_at is not None and k < cc_at or qd and f.align in ("center", None)):
            roles[k] = Role.THAM_QUYEN
            count += 1
            k += 1
            continue
        break
    if cc_at is None:
        return k
    k = max(k, j)
    last = k
    while k < e:
        f = feats[k]
        if f.empty or f.margin or roles[k] is not None:
            k += 1
            continue
        if follows_split(feats, f) and roles[k - 1] == Role.CAN_CU:
            roles[k] = Role.CAN_CU
            last = k + 1
            k += 1
            continue
        if f.kind is None and last > 0 and roles[last - 1] == Role.CAN_CU and last - 1 < k \
                and feats[last - 1].text[-1] not in ";.:," and not f.caps and k - last < 2:
            roles[k] = Role.CAN_CU  # the rest of a căn cứ line a PDF reader cut into two paragraphs
            last = k + 1
            k += 1
            continue
        if f.kind in ("cancu", "denghi"):
            roles[k] = Role.CAN_CU
            last = k + 1
            k += 1
            continue
        break
    return last


def _body(feats: list[Feat], roles: list[str | None], a: int, b: int) -> None:
    """Body, headings, Kính gửi and stray appendix reference lines in [a, b)."""
    expect_title = 0
    k = a
    while k < b:
        f = feats[k]
        if roles[k] is not None or f.empty:
            k += 1
            continue
        if follows_split(feats, f) and roles[k - 1] is not None:
            roles[k] = roles[k - 1]
            k += 1
            continue
        kind = f.kind
        if f.sep:
            roles[k] = Role.OTHER
        elif kind == "phan":
            roles[k] = Role.HEADING_PHAN
            expect_title = 2 if f.words <= 3 else 0
            k += 1
            continue
        elif kind == "muc":
            roles[k] = Role.HEADING_MUC
            expect_title = 2 if f.words <= 3 else 0
            k += 1
            continue
        elif expect_title and f.caps and f.kind is None:
            roles[k] = Role.HEADING_TITLE
            expect_title -= 1
            k += 1
            continue
        elif kind == "dieu":
            roles[k] = Role.HEADING_DIEU
        elif kind == "roman":
            roles[k] = Role.HEADING_ROMAN if (f.caps or bold(f)) and len(f.text) <= 200 else Role.BODY
        elif kind == "numbered":
            roles[k] = Role.HEADING_NUMBERED if bold(f) and len(f.text) <= 150 and f.text[-1] not in ";," \
                else Role.BODY
        elif kind == "kinhgui" and (":" in f.text[:12] or len(f.text) <= 120):  # not "Kính gửi tới …" prose
            roles[k] = Role.KINH_GUI
            k = _kinh_gui_items(feats, roles, k, b)
            expect_title = 0
            continue
        elif kind == "kemtheo" and f.text.startswith("("):
            roles[k] = Role.PL_REF
        elif is_khan_mat(f.up):
            roles[k] = Role.KHAN_MAT
        elif f.caps and f.words <= 4 and f.up.startswith(_NOT_AGENCY):
            roles[k] = Role.OTHER  # "DỰ THẢO", "LƯU HÀNH NỘI BỘ" marks
        else:
            roles[k] = Role.BODY
        expect_title = 0
        k += 1


def _kinh_gui_items(feats: list[Feat], roles: list[str | None], kg: int, b: int) -> int:
    f0 = feats[kg]
    after = f0.text.split(":", 1)[1].strip() if ":" in f0.text else f0.text[8:].strip()
    k = kg + 1
    while k < b:
        f = feats[k]
        if f.margin or (roles[k] is not None and not f.empty):
            k += 1
            continue
        if f.empty:
            if f0.layout and f.layout and f.table == f0.table:
                k += 1
                continue
            break
        t = f.text
        if follows_split(feats, f) and roles[k - 1] in (Role.KINH_GUI, Role.KINH_GUI_ITEM):
            roles[k] = roles[k - 1]
            k += 1
            continue
        if t.startswith(_DASHES):
            roles[k] = Role.KINH_GUI_ITEM
            k += 1
            continue
        if not after and f.kind is None and len(t) <= 120 and t[-1] in ";.," and \
                not (f.align == "justify" and (f.p.first_line_indent or 0) > 1):
            roles[k] = Role.KINH_GUI_ITEM
            k += 1
            if t[-1] == ".":
                break
            continue
        if f0.layout and f.layout and f.table == f0.table and f.kind is None and len(t) <= 160:
            roles[k] = Role.KINH_GUI_ITEM
            k += 1
            continue
        break
    return k


def _appendix_segment(feats: list[Feat], roles: list[str | None], seg: _Seg,
                      table_range: dict[int, tuple[int, int]]) -> None:
    e = seg.end
    roles[seg.start] = Role.PL_HEADING
    k = seg.start + 1
    seen = 0
    ref_open = False
    got_ref = False
    while k < e and seen < 6:
        f = feats[k]
        if f.empty or f.margin or (roles[k] is not None):
            if f.empty and got_ref:
                break
            k += 1
            continue
        if ref_open:
            roles[k] = Role.PL_REF
            ref_open = ")" not in f.text
            k += 1
            seen += 1
            continue
        if f.kind == "kemtheo":
            roles[k] = Role.PL_REF
            ref_open = ")" not in f.text and f.text.startswith("(")
            got_ref = True
            k += 1
            seen += 1
            continue
        if got_ref or f.sep or f.data_cell:
            break
        if f.kind in _BODYISH_KINDS or f.kind in ("numbered", "prefix"):
            break
        if f.caps or bold(f) or f.align == "center":
            roles[k] = Role.PL_TITLE
            k += 1
            seen += 1
            continue
        break
    s = _sign_start(feats, roles, k, e, table_range)
    if s is not None:
        # an appendix has no signer of its own unless something explicit says so
        strong = any(feats[x].kind in ("noinhan", "prefix") or feats[x].placeholder for x in range(s, e))
        if not strong:
            s = None
    seg.sign_start = s
    _body(feats, roles, k, s if s is not None else e)
    if s is not None:
        _sign_label(feats, roles, s, e)


# --- facts ---------------------------------------------------------------------------------

def _facts(feats: list[Feat], roles: list[str | None], segs: list[_Seg], info: dict[str, object]) -> Facts:
    facts = Facts()
    main = next((s for s in segs if s.kind == "main"), None)
    first_body = next((f for f in feats if not f.empty and not f.margin and roles[f.i] != Role.STAMP), None)
    if first_body is not None and roles[first_body.i] == Role.PL_HEADING:
        facts.is_appendix = True
    facts.appendices = [feats[s.start].text for s in segs if s.kind == "appendix"]
    if facts.is_appendix:
        seg0 = next(s for s in segs if s.kind == "appendix")
        ref = " ".join(feats[x].text for x in range(seg0.start, seg0.end)
                       if roles[x] == Role.PL_REF)
        parsed = parse_kem_theo(ref) if ref else None
        if parsed is not None:
            facts.appendix_ref = {"type": parsed["type"], "number_symbol": parsed["number_symbol"],
                                  "date": parsed["date"]}  # type: ignore[dict-item]
    if main is None:
        return facts
    tn = info.get("type_name")
    if isinstance(tn, str):
        facts.type_name = tn
        facts.type_abbr = abbr_for_name(tn)
    so = info.get("so")
    if isinstance(so, str):
        parsed_so = parse_so_line(so)
        if parsed_so is not None:
            facts.number = parsed_so.number
            facts.symbol = parsed_so.symbol
            facts.number_symbol = parsed_so.number_symbol
    if facts.type_abbr:
        facts.type = facts.type_abbr
    elif info.get("vv") is not None:
        facts.type = CONG_VAN
    else:
        facts.type = guess_type_from_symbol(facts.symbol)
    ag = info.get("agency") or []
    pa = info.get("parent") or []
    facts.agency = " ".join(ag) or None  # type: ignore[arg-type]
    facts.parent_agency = " ".join(pa) or None  # type: ignore[arg-type]
    date = info.get("date")
    if isinstance(date, str):
        dl = parse_date_line(date)
        if dl is not None:
            facts.place = dl.place
            facts.date = dl.iso
    # signer: the name in the right-hand group of the main segment's signature block
    if main.sign_start is not None:
        names = [f for f in feats[main.sign_start:main.end] if roles[f.i] == Role.HO_TEN]
        if names:
            right = [f for f in names if f.side == "right"]
            name = (right or names)[-1] if right else names[0]
            if len(names) > 1 and not right:
                name = names[-1]
            facts.signer = name.text
            block = [f for f in feats[main.sign_start:name.i] if roles[f.i] in (Role.QUYEN_HAN, Role.CHUC_VU)
                     and f.side == name.side and (f.table == name.table)]
            auth = [f.text for f in block if roles[f.i] == Role.QUYEN_HAN]
            titles = [f.text for f in block if roles[f.i] == Role.CHUC_VU]
            facts.authority = " ".join(auth) or None
            facts.signer_title = " ".join(titles) or (auth[-1] if auth else None)
    return facts

