"""Cutting a document into segments: each header block (Quốc hiệu / Số / date cluster) starts a
main segment, each stand-alone "Phụ lục …" heading an appendix segment. Also the line markers
that find header blocks, and the tên loại test."""

from __future__ import annotations

import re

from ..doctypes import abbr_for_name
from ..model import Document, Role
from .features import Feat, bold
from .text import (ascii_fold, fold, is_quoc_hieu, is_tieu_ngu, line_kind, looks_like_date_line, parse_date_line,
    parse_so_line)

PL_HEADING_RE = re.compile(r"^PHỤ\s*LỤC(?:\s*(?:SỐ\s+)?[IVXLC\d…._]+[A-Z]?)?\s*[.:]?$")


PL_INLINE_RE = re.compile(r"^PHỤ\s*LỤC\s+(?:SỐ\s+)?[IVXLC\d]+[A-Z]?\s*[:.\-–]\s*\S")


FOOTNOTE_RE = re.compile(r"[\d*]+$")


DATE_CUT_RE = re.compile(r"^[^:;,]{2,40},\s*ngày\b", re.IGNORECASE)


BODYISH_KINDS = frozenset({"cancu", "denghi", "kinhgui", "dieu", "phan", "muc", "roman", "kemtheo", "vv",
                            "noinhan", "phuluc"})


DASHES = ("-", "–", "—", "+", "•", "*")


NOT_AGENCY = ("DỰ THẢO", "MẪU", "LƯU HÀNH", "XEM XONG", "TÀI LIỆU", "HỎA TỐC", "KHẨN", "MẬT", "TỐI MẬT")


STOP_KINDS = frozenset({"cancu", "denghi", "dieu", "phan", "muc", "roman", "noinhan"})


class Segment:
    __slots__ = ("start", "end", "kind", "hstart", "hend", "sign_start")

    def __init__(self, start: int, kind: str, hstart: int = -1, hend: int = -1) -> None:
        self.start = start
        self.end = start
        self.kind = kind  # "main" | "appendix"
        self.hstart = hstart
        self.hend = hend
        self.sign_start: int | None = None


def table_ranges(feats: list[Feat], doc: Document) -> dict[int, tuple[int, int]]:
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


#: the same heading read from a scan: its numeral's strokes misread ("HII", "1I", "Il"; an "I"
#: with a speck over it "ï", "í", "!") and a rule or dash under it taken into the line
PL_HEADING_OCR_RE = re.compile(r"^PHỤ\s*LỤC(?:\s*(?:SỐ\s+)?[IVXLCH1|!ÍÌÏÎĨỊỈ\d…._]{1,6}[A-Z]?)?[\s.:\-–—]*$")


_SPECKED_I = str.maketrans({c: "I" for c in "ïíìîĩịỉÏÍÌÎĨỊỈ!|"})


def pl_heading_text(f: Feat) -> str:
    """The heading as the appendix's name: on a scan an "I" with a speck over it ("Phụ lục ï")
    is the numeral I, so the appendix answers to "Phụ lục I" in the main text."""
    if f.p.source != "ocr" or not PL_HEADING_OCR_RE.match(f.up) or PL_HEADING_RE.match(f.up):
        return f.text
    head, _, num = f.text.rstrip(" .:-–—").rpartition(" ")
    return f"{head} {num.translate(_SPECKED_I)}" if head else f.text


def is_pl_heading(f: Feat) -> bool:
    if f.kind != "phuluc" or f.data_cell or f.words > 25:
        return False
    if PL_HEADING_RE.match(f.up):
        return True
    if f.p.source == "ocr" and PL_HEADING_OCR_RE.match(f.up):
        return True
    return bool(PL_INLINE_RE.match(f.up)) and (f.caps or bool(bold(f)) or f.align == "center")


MARK_ORDER = ("qh", "tn", "so", "date", "vv")


def text_marker(text: str, kind: str | None = None, ax: str | None = None) -> str | None:
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
    elif kind is None and len(text) <= 60 and DATE_CUT_RE.match(text):
        return "date"  # a date line cut short (clipped page, unfinished draft): "Hà Nội, ngày 24 thá"
    return None


def part_markers(f: Feat) -> list[str | None]:
    return [text_marker(t) for t in f.parts] if f.parts else []


def marker(f: Feat) -> str | None:
    """Header marker of a line: "qh", "tn", "so", "date", "vv" or None. A line the reader could
    not split at its tab ("UBND HUYỆN X<tab>CỘNG HÒA …") is judged by its strongest part."""
    if f.empty or f.data_cell or f.margin or f.stamp:
        return None
    if f.parts:
        ms = part_markers(f)
        for m in MARK_ORDER:
            if m in ms:
                return m
        return None
    return text_marker(f.text, f.kind, f.ax)


#: marks a scan reads at a capital line's edges from an accent or a speck ("'TỜ TRÌNH": the
#: grave of "Ờ" read again as a quote before the word, at 0.36): no type name has them
SCAN_EDGE_MARKS = "'`´‘’\".,·˙"


def title_line(f: Feat, strict: bool) -> str | None:
    """Tên loại? Returns the type name (capitals, footnote marks dropped; on a scan, the quote-
    and dot-like marks read at its edges too) or None."""
    if f.empty or f.kind is not None or f.text.endswith(":") or f.words > 8:
        return None
    name = FOOTNOTE_RE.sub("", f.text.upper()).strip()
    if f.p.source == "ocr":
        name = name.strip(SCAN_EDGE_MARKS + " ")
    if abbr_for_name(name) or name == "TÊN LOẠI VĂN BẢN":
        return name
    if strict:
        return None
    if f.caps and f.words <= 6 and f.align in ("center", None) and bold(f) is not False \
            and not any(c.isdigit() for c in f.text) and f.side != "left" and f.side != "right":
        return name
    return None


def ref_headed(body: list[Feat]) -> bool:
    """A separate appendix headed otherwise than "Phụ lục" ("Bảng 2", "BIỂU MẪU", a title in
    capitals) yet carrying its reference line: 1–4 short title lines (capitals, bold or centred)
    then "(Kèm theo …)" / "(Ban hành kèm theo …)", with no Quốc hiệu before it."""
    for k, f in enumerate(body[:5]):
        if f.kind == "kemtheo" and f.text.startswith("("):
            return k >= 1
        if f.data_cell or f.words > 25 or marker(f) is not None or f.kind in BODYISH_KINDS:
            return False
        if not (f.caps or bold(f) or f.align == "center"):
            return False
    return False


def find_segments(feats: list[Feat], roles: list[str | None], table_range: dict[int, tuple[int, int]]) -> list[Segment]:
    """Kept whole: the first header block and the later ones are found in one pass sharing what
    is already taken."""
    segs: list[Segment] = []
    body = [f for f in feats if not f.margin and not f.empty and roles[f.i] != Role.STAMP]
    starts_with_pl = bool(body) and (is_pl_heading(body[0]) or ref_headed(body))
    if starts_with_pl and not is_pl_heading(body[0]):
        segs.append(Segment(body[0].i, "appendix"))
    taken_until = -1
    if not starts_with_pl:
        marks: dict[int, str] = {}
        for f in body[:25]:
            if f.data_cell:
                continue
            if f.kind in STOP_KINDS or title_line(f, strict=True):
                break  # the header is over once the type name or the text proper starts
            m = marker(f)
            if m:
                marks[f.i] = m
        # a date line or V/v alone far down is not a header; need a QH/TN/Số among the markers
        if any(m in ("qh", "tn", "so") for m in marks.values()):
            seg = cluster(feats, roles, marks, table_range, 0)
            segs.append(seg)
            taken_until = seg.hend
    # further header blocks (documents holding several layouts, e.g. the decree's templates)
    for f in feats:
        if f.i <= taken_until or roles[f.i] is not None:
            continue
        if is_pl_heading(f) and not f.layout:
            s = Segment(f.i, "appendix")
            segs.append(s)
            continue
        if marker(f) == "qh":
            lo = max(taken_until + 1, f.i - 12)
            hi = min(len(feats), f.i + 13)
            marks = {}
            for g in feats[lo:hi]:
                if roles[g.i] is None and (m := marker(g)) and (m != "qh" or g.i == f.i):
                    if f.layout and g.table != f.table and g.i < f.i:
                        continue
                    marks[g.i] = m
            seg = cluster(feats, roles, marks, table_range, taken_until + 1)
            if segs and seg.start <= segs[-1].start:
                continue
            segs.append(seg)
            taken_until = seg.hend
    segs.sort(key=lambda s: s.start)
    return segs


def cluster(feats: list[Feat], roles: list[str | None], marks: dict[int, str],
             table_range: dict[int, tuple[int, int]], lower: int) -> Segment:
    """Turn header markers into a header block [hstart, hend].

    Kept whole: one backward walk over the lines above the first marker; its stop conditions are
    read together."""
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
        if roles[j] is None and not g.data_cell and g.kind not in BODYISH_KINDS and g.words <= 15 \
                and not g.up.startswith(NOT_AGENCY) and (g.caps or g.side == "left" or (g.layout and g.table == feats[hs].table)
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
    seg = Segment(hs, "main", hs, he)
    if lower == 0 and hs > 0:
        seg.start = hs
    return seg
