"""Labelling a header block: Quốc hiệu, Tiêu ngữ, agency lines (chủ quản / ban hành), Số, date,
V/v, Kính gửi in the header; and what the facts need of it (number, date, agency texts)."""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from ..model import Role
from .body import label_kinh_gui_items
from .features import Feat, bold
from .segments import BODYISH_KINDS, NOT_AGENCY, Segment, marker, part_markers
from .text import fold, is_caps, is_khan_mat

AGENCY_HEADS = tuple(fold(w) + " " for w in (
    "UBND", "ỦY BAN", "HĐND", "HỘI ĐỒNG", "BỘ", "SỞ", "PHÒNG", "TRƯỜNG", "BAN", "CỤC", "TỔNG CỤC", "CHI CỤC",
    "VỤ", "VIỆN", "TRUNG TÂM", "VĂN PHÒNG", "CÔNG TY", "TỔNG CÔNG TY", "TÒA ÁN", "BỆNH VIỆN", "ĐẠI HỌC",
    "HỌC VIỆN", "TẬP ĐOÀN", "NGÂN HÀNG", "KHO BẠC", "CÔNG AN", "BỘ CHỈ HUY", "ĐOÀN", "HỘI", "LIÊN ĐOÀN",
    "CHÍNH PHỦ", "THỦ TƯỚNG", "CHỦ TỊCH", "ĐẢNG ỦY", "MẶT TRẬN", "CHI NHÁNH", "ĐÀI", "THANH TRA", "TÊN",
    "QUỸ", "BẢO HIỂM", "KIỂM TOÁN", "HẢI QUAN", "THÀNH ĐOÀN", "TỈNH ĐOÀN", "CHI BỘ", "ĐẢNG BỘ", "BCH",
    "BAN CHỈ ĐẠO", "BCĐ", "TỔ CÔNG TÁC", "TRẠM", "HTX", "HỢP TÁC XÃ", "LIÊN MINH", "ỦY BAN NHÂN DÂN",
)) + ("UBND", "HĐND", "CHÍNH PHỦ")


class PartLine:
    """A piece of an unsplit tab line, for facts only (it has no paragraph of its own)."""

    __slots__ = ("text", "up", "bold", "i")

    def __init__(self, text: str, bold_share: float | None, i: int) -> None:
        self.i = i
        self.text = text
        self.up = fold(text)
        self.bold = bold_share


@dataclass(slots=True)
class HeaderMarks:
    """What the first pass over a header block found: the indexes of its marked lines, the Số
    and date texts (possibly a part of an unsplit tab line), agency text inside such lines."""

    so_i: int | None = None
    vv_i: int | None = None
    date_i: int | None = None
    kg_i: int | None = None
    so_text: str | None = None
    date_text: str | None = None
    so_from: Feat | None = None  # the line the Số text was taken from (its reading confidence)
    date_from: Feat | None = None
    part_agency: list[PartLine] = field(default_factory=list)


def label_header(feats: list[Feat], roles: list[str | None], seg: Segment, info: dict[str, object] | None) -> int:
    """Label the header block; returns the last index that belongs to it."""
    hs, he = seg.hstart, seg.hend
    marks = _label_marked(feats, roles, hs, he)
    end = he
    if marks.vv_i is not None:
        end = max(end, vv_continuation(feats, roles, marks.vv_i, he))
    if marks.kg_i is not None:
        end = max(end, label_kinh_gui_items(feats, roles, marks.kg_i, min(len(feats), end + 12)) - 1)
    # agency lines: unlabelled lines before the Số line (or the block end), not on the right
    limit = marks.so_i if marks.so_i is not None else end + 1
    chu_quan, ban_hanh = _label_agency(feats, roles, hs, limit, marks.part_agency)
    for f in feats[hs:end + 1]:
        if roles[f.i] is None and not f.empty:
            roles[f.i] = Role.OTHER
    if info is not None:
        _header_info(info, marks, chu_quan, ban_hanh)
    return end


def _label_marked(feats: list[Feat], roles: list[str | None], hs: int, he: int) -> HeaderMarks:
    """Quốc hiệu, Tiêu ngữ, Số, date, V/v, khẩn/mật stamps, separators and a header Kính gửi,
    by their markers; the first Số/date/V/v/Kính gửi only."""
    marks = HeaderMarks()
    for f in feats[hs:he + 1]:
        if roles[f.i] is not None or f.empty:
            continue
        m = marker(f)
        if f.parts and m is not None:
            _part_texts(f, marks)
        if m == "qh":
            roles[f.i] = Role.QUOC_HIEU
        elif m == "tn":
            roles[f.i] = Role.TIEU_NGU
        elif m == "so" and marks.so_i is None:
            roles[f.i] = Role.SO_KY_HIEU
            marks.so_i = f.i
            if marks.so_text is None:
                marks.so_text, marks.so_from = f.text, f
        elif m == "date" and marks.date_i is None:
            roles[f.i] = Role.DIA_DANH_NGAY
            marks.date_i = f.i
            if not f.parts:
                marks.date_text, marks.date_from = f.text, f
        elif m == "vv" and marks.vv_i is None:
            roles[f.i] = Role.VV
            marks.vv_i = f.i
        elif is_khan_mat(f.up):
            roles[f.i] = Role.KHAN_MAT
        elif f.sep:
            roles[f.i] = Role.OTHER
        elif f.kind == "kinhgui" and marks.kg_i is None:  # "Kính gửi:" in the header table / PDF zone
            roles[f.i] = Role.KINH_GUI
            marks.kg_i = f.i
    return marks


def _part_texts(f: Feat, marks: HeaderMarks) -> None:
    """A line the reader could not split at its tab: the Số and date texts and the agency
    text it holds, for the facts (the line keeps one role)."""
    for part, pm in zip(f.parts, part_markers(f)):
        if pm == "so" and marks.so_text is None:
            marks.so_text, marks.so_from = part, f
        elif pm == "date" and marks.date_text is None:
            marks.date_text, marks.date_from = part, f
        elif pm is None and part is f.parts[0] and is_caps(part) and part.count(" ") < 15:
            marks.part_agency.append(PartLine(part, f.bold, f.i))


#: a ký hiệu ("/CT-UBND", "…/QĐ-BCĐ138"): no agency name holds one
_SYMBOL_IN_LINE = re.compile(r"/\s*[A-ZĐ]{1,8}(?:-[A-ZĐ0-9]{1,12})+\b")
#: the label "Số" and a number (accents folded): no agency name starts so ("SỞ …" is followed
#: by letters) — a Số line whose colon and "/" a scan's reading lost ("Số 05KH-UBND")
_SO_LABEL_NUMBER = re.compile(r"^SO\s*[:.]?\s*\d")


def _label_agency(feats: list[Feat], roles: list[str | None], hs: int, limit: int,
                  part_agency: list[PartLine]) -> tuple[list, list]:
    """Chủ quản and ban hành lines among the unlabelled lines before ``limit``."""
    cands: list[Feat] = []
    for f in feats[hs:limit]:
        if roles[f.i] is not None or f.empty or f.data_cell or f.margin:
            continue
        if f.side == "right" or f.words > 20 or f.kind in BODYISH_KINDS or f.up.startswith(NOT_AGENCY):
            continue
        if f.sep or _SYMBOL_IN_LINE.search(f.text) or _SO_LABEL_NUMBER.match(f.ax or ""):
            continue  # a Số line whose label and number, or whose marks, were lost (a scan)
        cands.append(f)
    union: list = sorted(cands + part_agency, key=lambda x: x.i)
    chu_quan, ban_hanh = split_agency(union)
    for f in chu_quan:
        if isinstance(f, Feat):
            roles[f.i] = Role.CQ_CHU_QUAN
    for f in ban_hanh:
        if isinstance(f, Feat):
            roles[f.i] = Role.CQ_BAN_HANH
    return chu_quan, ban_hanh


def _header_info(info: dict[str, object], marks: HeaderMarks, chu_quan: list, ban_hanh: list) -> None:
    """What the facts need of the header: Số and date texts, the V/v line, the agency names."""
    info["so"] = marks.so_text
    info["date"] = marks.date_text
    info["vv"] = marks.vv_i
    agency = [f.text for f in ban_hanh]
    parent = [f.text for f in chu_quan]
    if not chu_quan and len(ban_hanh) == 1 and isinstance(ban_hanh[0], Feat):
        split = break_split(ban_hanh[0])
        if split is not None:
            parent, agency = split
    info["agency"] = agency
    info["parent"] = parent
    info["read"] = {"number": _reading(marks.so_from), "date": _reading(marks.date_from),
                    "agency": min((c for c in map(_reading, ban_hanh) if c is not None), default=None)}


def _reading(f: object) -> float | None:
    """How sure the reading of a header line is (OCR, 0–1; None = read exactly)."""
    return f.p.reading_confidence if isinstance(f, Feat) else None


def break_split(f: Feat) -> tuple[list[str], list[str]] | None:
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


def vv_continuation(feats: list[Feat], roles: list[str | None], vv_i: int, he: int) -> int:
    """A V/v line may wrap onto one or two more lines; returns the last header index.

    Kept whole: one scan with a step budget; its stop conditions (side, cell, look) are read
    together."""
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


def split_agency(lines: list[Feat]) -> tuple[list[Feat], list[Feat]]:
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
        if up.startswith(AGENCY_HEADS) or up in ("UBND", "HĐND"):
            starts.append(k)
    if len(starts) == 1:
        return [], lines
    cut = starts[-1]
    return lines[:cut], lines[cut:]
