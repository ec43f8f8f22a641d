"""Header checks (ô 1–5): Quốc hiệu, Tiêu ngữ, agency names, Số/ký hiệu, place and date,
type name and trích yếu.

Conventions shared by these checks:

* An element that structure recognition did not find is reported missing only by its
  ``*-TEXT`` rule (or ND30-STRUCTURE-REQUIRED); the ``*-STYLE`` and ``*-LINE`` rules are then
  not-applicable, so one absence yields one finding.
* A separate-file appendix (``facts.is_appendix``) has no header of its own (Mẫu 2.2): the
  header rules are not-applicable to it.
* Numbers and days drawn by signature stamps (``Run.from_signature``) are part of the text but
  are left out of size/style judgements (their font is the signing software's).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace as _dc_replace
from typing import Sequence

from ..doctypes import ABBREVIATIONS, CONG_VAN, LOOKALIKES, abbr_for_name, fold
from ..model import MM, Document, Paragraph, Role, Run, nfc
from .base import Ctx, check, excerpt_of
from .common import (
    is_marker_paragraph,
    all_bold,
    all_italic,
    all_upright,
    center_x,
    check_sizes,
    fmt_range,
    fmt_ratio,
    hline_length,
    is_all_caps,
    is_signed,
    unlisted_type,
    joined_text,
    lines_under,
    longest_line,
    lower_letters,
    none_bold,
    ratio_ok,
    same_block,
    side_of,
)

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


# --------------------------------------------------------------------------------------------
# small shared pieces
# --------------------------------------------------------------------------------------------


def _rng(ctx: Ctx, name: str, default: Sequence[float]) -> tuple[float, float]:
    v = ctx.param(name, list(default))
    return float(v[0]), float(v[-1])


def _tol(ctx: Ctx) -> float:
    return float(ctx.param("size_tolerance_pt", 0.25))


def _no_header(ctx: Ctx, what_vi: str, what_en: str, rule_vi: str = "", rule_en: str = "") -> None:
    """The element is absent: not-applicable with the reason (its *-TEXT rule reports it)."""
    doc = ctx.doc
    if doc.facts.is_appendix:
        ctx.not_applicable("Phụ lục tách rời không có phần đầu văn bản.", "A separate appendix has no header block.")
    else:
        ctx.not_applicable(f"Không thấy {what_vi}{rule_vi}.", f"{what_en} not found{rule_en}.")


def _style(
    ctx: Ctx,
    paras: Sequence[Paragraph],
    *,
    size: tuple[float, float] | None = None,
    caps: bool | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    prefix: str = "",
    bold_severity: str | None = None,
) -> bool:
    """Judge size / capitals / bold / italic of an element; one finding per broken property.

    ``bold=True`` means "must be bold", ``False`` "must not be bold", None "not judged" (same
    for italic: True = must be italic, False = must be upright). Returns True when something
    was unknown (the caller turns it into not-evaluated if nothing failed)."""
    unknown = False
    anchor = paras[0]
    if size is not None:
        lo, hi = size
        v = check_sizes(paras, lo, hi, _tol(ctx))
        if v.ok is False:
            ctx.fail(anchor, key=prefix + "size", expected=fmt_range(lo, hi), actual=v.actual)
        elif v.ok is None:
            unknown = True
    if caps is True:
        c = is_all_caps(paras)
        if c is False:
            ctx.fail(anchor, key=prefix + "not-caps", expected={"vi": "in hoa", "en": "all capitals"},
                     actual={"vi": "có chữ thường", "en": "has lower case"}, words=lower_letters(paras))
    if bold is not None:
        b = all_bold(paras) if bold else none_bold(paras)
        if b is False:
            ctx.fail(anchor, key=prefix + ("not-bold" if bold else "bold"), severity=bold_severity,
                     expected={"vi": "đậm" if bold else "không đậm", "en": "bold" if bold else "not bold"},
                     actual={"vi": "không đậm" if bold else "đậm", "en": "not bold" if bold else "bold"})
        elif b is None:
            unknown = True
    if italic is not None:
        i = all_italic(paras) if italic else all_upright(paras)
        if i is False:
            ctx.fail(anchor, key=prefix + ("not-italic" if italic else "italic"),
                     expected={"vi": "nghiêng" if italic else "đứng", "en": "italic" if italic else "upright"},
                     actual={"vi": "không nghiêng" if italic else "nghiêng", "en": "not italic" if italic else "italic"})
        elif i is None:
            unknown = True
    return unknown


def _unknown(ctx: Ctx, unknown: bool) -> None:
    if unknown and not ctx.failed:
        ctx.not_evaluated("Có thuộc tính chữ (cỡ, đậm, nghiêng) không đọc được.",
                          "Some text properties (size, bold, italic) could not be read.")


def _centred(doc: Document, para: Paragraph, ref: Paragraph | None, tol_mm: float) -> bool | None:
    """Is ``para`` centred (under ``ref`` when given)? DOCX: alignment; PDF: box centres."""
    if doc.kind == "pdf" or para.alignment is None:
        cx = center_x(para)
        if cx is None:
            return None if para.alignment is None else para.alignment == "center"
        if ref is not None and center_x(ref) is not None:
            return abs(cx - center_x(ref)) <= tol_mm * MM
        # centred on the page's text area
        sec = doc.sections[para.section] if 0 <= para.section < len(doc.sections) else None
        pw = None
        for pg in doc.pages:
            if pg.number == para.page:
                pw = pg.width
        if pw is None:
            return None
        centres = [pw / 2]
        if sec is not None and sec.margin_left is not None and sec.margin_right is not None:
            centres.append((sec.margin_left + pw - sec.margin_right) / 2)
        else:
            centres.append((30 * MM + pw - 20 * MM) / 2)
        return min(abs(cx - c) for c in centres) <= tol_mm * MM
    if para.alignment != "center":
        return False
    if ref is not None and ref.alignment is not None and ref.alignment != "center":
        return False
    return True


def _next_nonempty(doc: Document, para: Paragraph) -> Paragraph | None:
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


def _element(doc: Document, role: str) -> list[Paragraph]:
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


def _visual_lines(p: Paragraph) -> list[Paragraph]:
    """One paragraph per visual line: runs grouped by their top (PDF) or cut at line breaks
    (DOCX). Same index as the source paragraph; used only to pull a Tiêu ngữ line out of a
    Quốc hiệu paragraph that a reader merged with it."""
    rows: list[list[Run]] = []
    geo = all(r.top is not None for r in p.runs if r.visible)
    if geo and any(r.visible for r in p.runs):
        for r in sorted((r for r in p.runs if r.visible), key=lambda r: (r.top, r.x0 or 0)):
            if rows and abs(rows[-1][0].top - r.top) < max(2.0, 0.4 * (r.size or 10)):  # type: ignore[operator]
                rows[-1].append(r)
            else:
                rows.append([r])
    else:
        rows = [[]]
        for r in p.runs:
            parts = r.text.split("\n")
            for j, part in enumerate(parts):
                if j:
                    rows.append([])
                if part:
                    rows[-1].append(_dc_replace(r, text=part))
        rows = [row for row in rows if any(x.visible for x in row)]
    out: list[Paragraph] = []
    for row in rows:
        xs0 = [r.x0 for r in row if r.x0 is not None]
        xs1 = [r.x1 for r in row if r.x1 is not None]
        tops = [r.top for r in row if r.top is not None]
        bots = [r.bottom for r in row if r.bottom is not None]
        out.append(Paragraph(p.index, runs=row, alignment=p.alignment, style=p.style, container=p.container,
                             cell=p.cell, column=p.column, section=p.section, page=p.page,
                             x0=min(xs0) if xs0 else None, x1=max(xs1) if xs1 else None,
                             top=min(tops) if tops else None, bottom=max(bots) if bots else None,
                             role=p.role, extra={"virtual": True}))
    return out


def qh_tn(doc: Document) -> tuple[list[Paragraph], list[Paragraph], bool]:
    """Quốc hiệu and Tiêu ngữ paragraphs. When no Tiêu ngữ was recognised but the Quốc hiệu
    paragraph goes on with a line starting "Độc lập" (two header lines of the same size that a
    reader merged), the lines are split. The flag says whether that split happened."""
    qh = _element(doc, Role.QUOC_HIEU)
    tn = _element(doc, Role.TIEU_NGU)
    if tn or not qh:
        return qh, tn, False
    lines = [ln for p in qh for ln in _visual_lines(p)]
    for k, ln in enumerate(lines):
        if k and fold(ln.text).startswith("ĐỘC LẬP"):
            top, rest = lines[:k], lines[k:]
            for v in rest:
                v.role = Role.TIEU_NGU
            return top, rest, True
    return qh, tn, False


def _line_check(ctx: Ctx, paras: Sequence[Paragraph], lo: float, hi: float, tol: float) -> None:
    """Judge the line drawn under an element against the element's longest text line."""
    doc = ctx.doc
    lines = lines_under(doc, paras)
    # underlined text (the whole element underlined) also draws a line as long as the text
    underlined = bool(paras) and all(r.underline for p in paras for r in p.runs if r.visible)
    if not lines:
        if underlined:
            ctx.note(paras[-1], key="underlined-text")
            return
        ctx.fail(paras[-1], key="missing", expected={"vi": "có đường kẻ", "en": "a line"},
                 actual={"vi": "không có", "en": "none"})
        return
    text_w = longest_line(paras)
    lengths = [(hline_length(h, paras[-1]), h) for h in lines]
    known = [(L, h) for L, h in lengths if L is not None and L > 0]
    if not known or not text_w:
        ctx.not_evaluated("Có đường kẻ nhưng không đo được độ dài.", "A line is there but its length is unknown.")
        return
    # the line closest to the expected ratio decides (a document may also have a full-width rule)
    target = (lo + hi) / 2
    best = min(known, key=lambda lh: abs(lh[0] / text_w - target))
    ratio = best[0] / text_w
    h = best[1]
    el = [p for p in paras if p.x0 is not None and p.x1 is not None]
    if h.x0 is not None and h.x1 is not None and el and all(p.top is not None for p in el):
        # PDF: the line is centred under the text (a line off to one side is not "under" it)
        tx0, tx1 = min(p.x0 for p in el), max(p.x1 for p in el)  # type: ignore[type-var]
        off = abs((h.x0 + h.x1) / 2 - (tx0 + tx1) / 2)
        # slack: a few millimetres, or the ratio tolerance (15 %) of the line's length
        slack = max(float(ctx.param("line_centre_tolerance_mm", 4.0)) * MM, tol * best[0])
        if off > slack:
            ctx.fail(paras[-1], key="off-centre", severity="warning", expected={"vi": "căn giữa dòng chữ", "en": "centred"},
                     actual=f"{off / MM:.0f} mm", offset_mm=f"{off / MM:.0f}")
    if not ratio_ok(ratio, lo, hi, tol):
        pct = f"{ratio * 100:.0f} %"
        exp = f"{lo * 100:.0f} %" if abs(hi - lo) < 1e-9 else f"{lo * 100:.0f}–{hi * 100:.0f} %"
        ctx.fail(paras[-1], key="length", expected=exp, actual=pct, ratio=fmt_ratio(ratio),
                 line_mm=f"{best[0] / MM:.0f}", text_mm=f"{text_w / MM:.0f}")


# --------------------------------------------------------------------------------------------
# Quốc hiệu
# --------------------------------------------------------------------------------------------


@check("ND30-QH-TEXT")
def qh_text(ctx: Ctx) -> None:
    doc = ctx.doc
    qh, _tn, _split = qh_tn(doc)
    if not qh:
        if doc.facts.is_appendix:
            ctx.not_applicable("Phụ lục tách rời không có Quốc hiệu.", "A separate appendix has no national title.")
            return
        ctx.fail(None, key="missing", expected=QUOC_HIEU, actual={"vi": "không có", "en": "none"})
        return
    text = joined_text(qh)
    if fold(text) != fold(ctx.param("text", QUOC_HIEU)):
        ctx.fail(qh[0], key="wrong-text", expected=ctx.param("text", QUOC_HIEU), actual=excerpt_of(text))
    side = side_of(doc, qh[0])
    if side in ("left", "full"):
        ctx.fail(qh[0], key="not-right", expected={"vi": "bên phải, phía trên", "en": "top right"},
                 actual={"vi": "bên trái" if side == "left" else "giữa trang", "en": side})
    elif side is None and not ctx.failed:
        ctx.not_evaluated("Không xác định được vị trí Quốc hiệu.", "The position of the national title is unknown.")


@check("ND30-QH-STYLE")
def qh_style(ctx: Ctx) -> None:
    qh, _tn, _split = qh_tn(ctx.doc)
    if not qh:
        _no_header(ctx, "Quốc hiệu", "National title")
        return
    unknown = _style(ctx, qh, size=_rng(ctx, "size", (12, 13)), caps=True, bold=True, italic=False)
    _unknown(ctx, unknown)


# --------------------------------------------------------------------------------------------
# Tiêu ngữ
# --------------------------------------------------------------------------------------------

_DASHES = "\u2013\u2014\u2012\u2011\u2212"


@check("ND30-TN-TEXT")
def tn_text(ctx: Ctx) -> None:
    doc = ctx.doc
    qh, tn, split = qh_tn(doc)
    expected = nfc(ctx.param("text", TIEU_NGU))
    if not tn:
        if doc.facts.is_appendix:
            ctx.not_applicable("Phụ lục tách rời không có Tiêu ngữ.", "A separate appendix has no motto.")
            return
        ctx.fail(None, key="missing", expected=expected, actual={"vi": "không có", "en": "none"})
        return
    p = tn[0]
    text = " ".join(joined_text(tn, shown=True).split())
    plain = text.translate(LOOKALIKES)
    if plain != text:
        # "Ðộc lập" with the eth U+00D0: prints right, but is not the Vietnamese letter
        ctx.fail(p, key="lookalike", severity="warning", expected="Đ (U+0110)", actual="Ð (U+00D0)")
        text = plain
    if text != expected:
        hyph = text
        for d in _DASHES:
            hyph = hyph.replace(d, "-")
        spaced = re.sub(r"\s*-\s*", " - ", hyph)
        if hyph == expected:
            ctx.fail(p, key="en-dash", severity="warning", expected="-", actual="–")
        elif spaced == expected:
            ctx.fail(p, key="no-spaces", expected=expected, actual=text)
            if hyph != text:
                ctx.fail(p, key="en-dash", severity="warning", expected="-", actual="–")
        elif fold(spaced) == fold(expected):
            ctx.fail(p, key="case", expected=expected, actual=text)
        else:
            ctx.fail(p, key="wrong-text", expected=expected, actual=excerpt_of(text))
    if qh and not split:
        nxt = _next_nonempty(doc, qh[-1])
        if nxt is not p or not same_block(doc, qh[-1], p):
            ctx.fail(p, key="not-under-qh", expected={"vi": "ngay dưới Quốc hiệu", "en": "right under the national title"},
                     actual={"vi": "không liền dưới", "en": "elsewhere"})


@check("ND30-TN-STYLE")
def tn_style(ctx: Ctx) -> None:
    doc = ctx.doc
    qhs, tn, _split = qh_tn(doc)
    if not tn:
        _no_header(ctx, "Tiêu ngữ", "Motto")
        return
    unknown = _style(ctx, tn, size=_rng(ctx, "size", (13, 14)), bold=True, italic=False)
    qh = qhs[0] if qhs else None
    c = _centred(doc, tn[0], qh, float(ctx.param("centre_tolerance_mm", 3.0)))
    if c is False:
        ctx.fail(tn[0], key="not-centred", expected={"vi": "căn giữa dưới Quốc hiệu", "en": "centred under the national title"},
                 actual={"vi": "lệch", "en": "off centre"})
    elif c is None:
        unknown = True
    _unknown(ctx, unknown)


@check("ND30-TN-LINE")
def tn_line(ctx: Ctx) -> None:
    _qh, tn, _split = qh_tn(ctx.doc)
    if not tn:
        _no_header(ctx, "Tiêu ngữ", "Motto")
        return
    _line_check(ctx, tn, float(ctx.param("ratio_min", 1.0)), float(ctx.param("ratio_max", 1.0)),
                float(ctx.param("ratio_tolerance", 0.15)))


# --------------------------------------------------------------------------------------------
# Agency names
# --------------------------------------------------------------------------------------------


@check("ND30-CQ-TEXT")
def cq_text(ctx: Ctx) -> None:
    doc = ctx.doc
    cq = _element(doc, Role.CQ_BAN_HANH)
    parent = _element(doc, Role.CQ_CHU_QUAN)
    if not cq:
        if doc.facts.is_appendix:
            ctx.not_applicable("Phụ lục tách rời không có tên cơ quan ở đầu trang.", "A separate appendix has no agency header.")
            return
        ctx.fail(parent[0] if parent else None, key="missing", expected={"vi": "tên cơ quan ban hành", "en": "issuing agency name"},
                 actual={"vi": "không có", "en": "none"})
        return
    for el in ([parent] if parent else []) + [cq]:
        if is_all_caps(el) is False:
            ctx.fail(el[0], key="not-caps", expected={"vi": "in hoa", "en": "all capitals"},
                     actual={"vi": "có chữ thường", "en": "has lower case"}, words=lower_letters(el))
    side = side_of(doc, cq[0])
    if side in ("right", "full"):
        ctx.fail(cq[0], key="not-left", expected={"vi": "bên trái, phía trên", "en": "top left"},
                 actual={"vi": "bên phải" if side == "right" else "giữa trang", "en": side})
    if parent and parent[0].index > cq[0].index:
        ctx.fail(parent[0], key="parent-below", severity="warning",
                 expected={"vi": "cơ quan chủ quản ở trên", "en": "parent agency above"},
                 actual={"vi": "ở dưới", "en": "below"})
    if side is None and not ctx.failed:
        ctx.not_evaluated("Không xác định được vị trí tên cơ quan.", "The position of the agency name is unknown.")


@check("ND30-CQ-STYLE")
def cq_style(ctx: Ctx) -> None:
    doc = ctx.doc
    cq = _element(doc, Role.CQ_BAN_HANH)
    parent = _element(doc, Role.CQ_CHU_QUAN)
    if not cq and not parent:
        _no_header(ctx, "tên cơ quan", "Agency name")
        return
    size = _rng(ctx, "size", (12, 13))
    unknown = False
    if cq:
        unknown |= _style(ctx, cq, size=size, bold=True, italic=False)
    if parent:
        unknown |= _style(ctx, parent, size=size, bold=False, italic=False, prefix="parent-",
                          bold_severity=ctx.param("parent_bold_severity", "warning"))
    for p in [*parent, *cq]:  # centred in the left block (Phụ lục I, ô 2), as typed alignment says
        if p.x0 is None and p.alignment in ("left", "justify", "right") and not p.is_empty:
            ctx.fail(p, key="not-centred", expected={"vi": "căn giữa", "en": "centred"},
                     actual=ALIGN_NAMES.get(p.alignment, {"vi": p.alignment, "en": p.alignment}),
                     excerpt=excerpt_of(p.text))
            break
    _unknown(ctx, unknown)


ALIGN_NAMES = {"left": {"vi": "căn trái", "en": "left-aligned"}, "right": {"vi": "căn phải", "en": "right-aligned"},
               "justify": {"vi": "căn đều hai bên", "en": "justified"}}


@check("ND30-CQ-LINE")
def cq_line(ctx: Ctx) -> None:
    cq = _element(ctx.doc, Role.CQ_BAN_HANH)
    if not cq:
        _no_header(ctx, "tên cơ quan ban hành", "Issuing agency name")
        return
    _line_check(ctx, cq, float(ctx.param("ratio_min", 1 / 3)), float(ctx.param("ratio_max", 0.5)),
                float(ctx.param("ratio_tolerance", 0.15)))


# --------------------------------------------------------------------------------------------
# Số, ký hiệu
# --------------------------------------------------------------------------------------------

_SO = re.compile(r"^\s*(?P<label>số)\s*(?P<colon>[:.;]?)\s*(?P<rest>.*?)\s*$", re.IGNORECASE)
_GROUP = re.compile(r"^[A-Za-zĐđ0-9]+$")
_BLANK = re.compile(r"^[\s.…_\-]*$")


def parse_so(text: str) -> dict[str, str] | None:
    """Split a Số line into label, colon, number, slash, symbol (None when it is no Số line)."""
    m = _SO.match(nfc(text).replace("\u00a0", " "))
    if not m:
        return None
    out = {"label": m["label"], "colon": m["colon"], "num": "", "slash": "", "sym": ""}
    rest = m["rest"]
    if "/" in rest:
        num, sym = rest.split("/", 1)
        out.update(num=num.strip(), slash="/", sym=sym.strip())
    else:
        tok = rest.split(None, 1)
        if tok and tok[0].isdigit():
            out.update(num=tok[0], sym=tok[1].strip() if len(tok) > 1 else "")
        else:
            out.update(sym=rest.strip())
    return out


def _blank_verdict(ctx: Ctx, para: Paragraph, what: str) -> None:
    """A blank number/day: info on an unsigned draft; on a signed file the stamp should have
    filled it (a warning: the signature appearance may not carry it, or was not read)."""
    signed = is_signed(ctx.doc)
    if signed:
        ctx.fail(para, key=f"blank-{what}-signed", severity="warning",
                 expected={"vi": "đã điền", "en": "filled in"}, actual={"vi": "để trống", "en": "blank"})
    else:
        ctx.note(para, key=f"blank-{what}", expected={"vi": "điền khi ban hành", "en": "filled at issuance"},
                 actual={"vi": "để trống", "en": "blank"})


@check("ND30-SO-FORMAT")
def so_format(ctx: Ctx) -> None:
    doc = ctx.doc
    so = doc.first(Role.SO_KY_HIEU)
    if so is None:
        if doc.facts.is_appendix:
            ctx.not_applicable("Phụ lục tách rời không có số, ký hiệu riêng.", "A separate appendix has no number of its own.")
            return
        unlisted = unlisted_type(doc)
        if unlisted is not None:
            ctx.not_evaluated(f"“{unlisted}” không phải loại văn bản hành chính của Điều 7 Nghị định 30: không xác định "
                              "được có bắt buộc số, ký hiệu hay không.",
                              f"“{unlisted}” is none of the Decree 30 document types: whether it needs a number is not known.")
            return
        ctx.fail(None, key="missing", expected="Số: 01/KH-UBND", actual={"vi": "không có", "en": "none"})
        return
    text = " ".join(so.text.replace("\u00a0", " ").split(" "))
    parts = parse_so(text)
    if parts is None:
        ctx.fail(so, key="format", expected="Số: NN/…-…", actual=excerpt_of(text))
        return
    if parts["colon"] != ":" or not re.match(r"^\s*Số:", nfc(text)):
        ctx.fail(so, key="colon", expected="Số:", actual=excerpt_of(text[:8]))
    elif re.match(r"^\s*Số:\S", nfc(text)):
        # the decree writes "Số: 05/…"; a missing space is a typing slip, not a wrong number
        ctx.fail(so, key="no-space", severity="warning", expected="Số: 05/…", actual=excerpt_of(text[:10]))
    num = parts["num"]
    if _BLANK.match(num):
        _blank_verdict(ctx, so, "number")
    elif not num.isdigit():
        ctx.fail(so, key="number", expected="01, 02, …", actual=num)
    elif len(num) == 1 or int(num) == 0 or (num.startswith("0") and len(num) > 2) or (num.startswith("0") and int(num) >= 10):
        key = "not-padded" if len(num) == 1 and num != "0" else "number"
        ctx.fail(so, key=key, expected=f"0{num}" if key == "not-padded" else "01, 02, …", actual=num)
    sym = parts["sym"]
    if not parts["slash"]:
        ctx.fail(so, key="no-slash", expected="NN/KÝ-HIỆU", actual=excerpt_of(text))
    elif not sym.strip():
        ctx.fail(so, key="symbol", expected="KH-UBND", actual={"vi": "trống", "en": "empty"})
    else:
        if re.search(r"\s", sym):
            ctx.fail(so, key="spaces", expected=re.sub(r"\s+", "", sym), actual=sym)
        compact = re.sub(r"\s+", "", sym)
        groups = compact.split("-")
        if "/" in compact and re.search(r"/(19|20)\d\d/", "/" + compact + "/"):
            ctx.fail(so, key="year", severity="warning", expected="NN/KH-UBND", actual=compact)
        elif not all(_GROUP.match(g) for g in groups) or len(groups) < 2:
            ctx.fail(so, key="symbol", expected="KH-UBND", actual=compact)
    # size 13 fixed, upright; stamped digits excluded
    unknown = _style(ctx, [so], size=_rng(ctx, "size", (13, 13)), italic=False)
    cq = doc.first(Role.CQ_BAN_HANH)
    side = side_of(doc, so)
    if side in ("right",) or (cq is not None and so.index < cq.index):
        ctx.fail(so, key="position", severity="warning",
                 expected={"vi": "dưới tên cơ quan, bên trái", "en": "under the agency name, left"},
                 actual={"vi": "bên phải" if side == "right" else "trên tên cơ quan", "en": "elsewhere"})
    _unknown(ctx, unknown)


@check("ND30-SO-TYPE")
def so_type(ctx: Ctx) -> None:
    doc = ctx.doc
    so = doc.first(Role.SO_KY_HIEU)
    if so is None:
        _no_header(ctx, "dòng Số, ký hiệu", "Number line", " (xem ND30-SO-FORMAT)", " (see ND30-SO-FORMAT)")
        return
    parts = parse_so(so.text)
    sym = re.sub(r"\s+", "", parts["sym"]) if parts else ""
    if not sym:
        ctx.not_applicable("Dòng Số không có ký hiệu.", "The number line has no symbol.")
        return
    first = sym.split("-")[0]
    dtype = doc.facts.type
    if dtype is None:
        tl = doc.first(Role.TEN_LOAI)
        dtype = abbr_for_name(tl.text) if tl is not None else None
        if dtype is None and (doc.first(Role.VV) is not None):
            dtype = CONG_VAN
    if dtype is None:
        ctx.not_evaluated("Không xác định được loại văn bản.", "The document type is unknown.")
        return
    if dtype == CONG_VAN:
        # "CV" is no abbreviation of Phụ lục III (công văn has none), but clerks write it
        if first in ABBREVIATIONS or first.upper() in {a.upper() for a in ABBREVIATIONS} | {"CV"}:
            ctx.fail(so, key="cv-has-type", expected={"vi": "không có chữ viết tắt tên loại", "en": "no type abbreviation"},
                     actual=first)
        return
    if first == dtype:
        return
    if first.upper() == dtype.upper():
        ctx.fail(so, key="case", expected=dtype, actual=first)
    else:
        ctx.fail(so, key="mismatch", expected=dtype, actual=first, type_name=doc.facts.type_name or dtype)


# --------------------------------------------------------------------------------------------
# Địa danh và ngày tháng
# --------------------------------------------------------------------------------------------

_DATE = re.compile(
    r"^(?P<place>.*?)\s*(?P<comma>,?)\s*(?P<ngay>ngày)\s*(?P<d>[^\s]*?)\s*(?P<thang>tháng)\s*(?P<m>[^\s]*?)\s*"
    r"(?P<nam>năm)\s*(?P<y>[^\s]*)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def parse_date_line(text: str) -> dict[str, str] | None:
    m = _DATE.match(" ".join(nfc(text).replace("\u00a0", " ").split()))
    return m.groupdict() if m else None


@check("ND30-DATE-FORMAT")
def date_format(ctx: Ctx) -> None:
    doc = ctx.doc
    dl = doc.first(Role.DIA_DANH_NGAY)
    if dl is None:
        if doc.facts.is_appendix or doc.facts.type == "BB":
            ctx.not_applicable("Loại văn bản này không có dòng địa danh, ngày tháng.", "This document type has no date line.")
            return
        ctx.fail(None, key="missing", expected="Hà Nội, ngày 05 tháng 01 năm 2026", actual={"vi": "không có", "en": "none"})
        return
    text = " ".join(dl.text.replace("\u00a0", " ").split())
    parts = parse_date_line(text)
    if parts is None:
        ctx.fail(dl, key="format", expected="<Địa danh>, ngày DD tháng MM năm YYYY", actual=excerpt_of(text))
        return
    if not parts["place"].strip():
        ctx.fail(dl, key="no-place", expected="<Địa danh>, ngày …", actual=excerpt_of(text))
    elif not parts["comma"]:
        ctx.fail(dl, key="comma", expected=f"{parts['place']}, ngày", actual=f"{parts['place']} ngày")
    if parts["rest"].strip() not in ("", "."):
        ctx.fail(dl, key="format", expected="… năm YYYY", actual=excerpt_of(text))
    if any(w != w.lower() for w in (parts["ngay"], parts["thang"], parts["nam"])):
        ctx.fail(dl, key="format", expected="ngày … tháng … năm …", actual=excerpt_of(text))
    d, m, y = parts["d"], parts["m"], parts["y"]
    if _BLANK.match(d) or _BLANK.match(m):
        _blank_verdict(ctx, dl, "day")
        d_ok = False
    else:
        d_ok = True
    if not d_ok:  # a draft's blank day: the month is still judged when it is written
        if m.isdigit() and not _BLANK.match(m):
            _month_padding(ctx, dl, m)
        _check_year(ctx, dl, y)
        return
    if not d.isdigit() or not m.isdigit():
        ctx.fail(dl, key="format", expected="DD, MM bằng số", actual=f"{d}/{m}")
        return
    di, mi = int(d), int(m)
    if di < 10 and len(d) == 1:
        ctx.fail(dl, key="day-padding", expected=f"ngày 0{di}", actual=f"ngày {d}")
    _month_padding(ctx, dl, m)
    if len(d) > 2 or len(m) > 2:
        ctx.fail(dl, key="format", expected="DD, MM", actual=f"{d}/{m}")
    if not _check_year(ctx, dl, y):
        return
    try:
        _dt.date(int(y), mi, di)
    except ValueError:
        ctx.fail(dl, key="not-a-date", expected={"vi": "ngày có thật", "en": "a real date"}, actual=f"{d}/{m}/{y}")


def _month_padding(ctx: Ctx, dl: Paragraph, m: str) -> None:
    """Months 1 and 2 take a leading zero, the others none (Phụ lục I, ô 4)."""
    mi = int(m)
    if mi in (1, 2) and len(m) == 1:
        ctx.fail(dl, key="month-padding", expected=f"tháng 0{mi}", actual=f"tháng {m}")
    elif 3 <= mi <= 9 and len(m) == 2:
        ctx.fail(dl, key="month-padded", severity=ctx.param("padded_month_severity", "warning"),
                 expected=f"tháng {mi}", actual=f"tháng {m}")


def _check_year(ctx: Ctx, dl: Paragraph, y: str) -> bool:
    if _BLANK.match(y):
        return False
    if not (y.isdigit() and len(y) == 4):
        ctx.fail(dl, key="year", expected="YYYY", actual=y)
        return False
    return True


@check("ND30-DATE-STYLE")
def date_style(ctx: Ctx) -> None:
    doc = ctx.doc
    dl = doc.first(Role.DIA_DANH_NGAY)
    if dl is None:
        _no_header(ctx, "dòng địa danh, ngày tháng", "Date line")
        return
    unknown = _style(ctx, [dl], size=_rng(ctx, "size", (13, 14)), italic=True)
    tns = qh_tn(doc)[1]
    tn = tns[0] if tns else None
    side = side_of(doc, dl)
    if side in ("left",) or (tn is not None and dl.index < tn.index):
        ctx.fail(dl, key="position", expected={"vi": "dưới Tiêu ngữ, bên phải", "en": "under the motto, right"},
                 actual={"vi": "bên trái" if side == "left" else "trên Tiêu ngữ", "en": "elsewhere"})
    so = doc.first(Role.SO_KY_HIEU)
    if so is not None:
        level = _same_level(dl, so, float(ctx.param("level_tolerance_mm", 4.0)))
        if level is False:
            ctx.fail(dl, key="not-level", severity="warning",
                     expected={"vi": "ngang hàng với dòng Số", "en": "level with the number line"},
                     actual={"vi": "lệch hàng", "en": "not level"})
    _unknown(ctx, unknown)


def _same_level(a: Paragraph, b: Paragraph, tol_mm: float) -> bool | None:
    if a.top is not None and b.top is not None and a.page == b.page:
        return abs(a.top - b.top) <= tol_mm * MM
    if a.cell is not None and b.cell is not None and a.cell.table == b.cell.table:
        return a.cell.row == b.cell.row
    return None


# --------------------------------------------------------------------------------------------
# Tên loại, trích yếu
# --------------------------------------------------------------------------------------------


@check("ND30-TYPE-STYLE")
def type_style(ctx: Ctx) -> None:
    doc = ctx.doc
    if doc.facts.type == CONG_VAN:  # a công văn has no tên loại (Phụ lục I, ô 5a): none may be typed
        heading = _cv_heading(doc)
        if heading is not None:
            ctx.fail(heading, key="cv-heading", actual=excerpt_of(heading.text))
        else:
            ctx.not_applicable("Công văn không có tên loại.", "A công văn has no type name.")
        return
    tl = _element(doc, Role.TEN_LOAI)
    if not tl:
        _no_header(ctx, "tên loại văn bản", "Type name", " (xem ND30-STRUCTURE-REQUIRED)", " (see ND30-STRUCTURE-REQUIRED)")
        return
    unknown = _style(ctx, tl, size=_rng(ctx, "size", (13, 14)), caps=True, bold=True, italic=False)
    c = _centred(doc, tl[0], None, float(ctx.param("centre_tolerance_mm", 10.0)))
    if c is False:
        ctx.fail(tl[0], key="not-centred", expected={"vi": "căn giữa", "en": "centred"},
                 actual={"vi": "lệch", "en": "off centre"})
    elif c is None:
        unknown = True
    _unknown(ctx, unknown)


def _cv_heading(doc: Document) -> Paragraph | None:
    """A "CÔNG VĂN" line typed as a heading above the body of a công văn."""
    for p in doc.paragraphs:
        if p.container in ("header", "footer") or p.is_empty:
            continue
        if p.role in (Role.KINH_GUI, Role.BODY, Role.CAN_CU) and p.text.strip().rstrip(":").upper() != "CÔNG VĂN":
            return None  # the body has begun
        if nfc(p.shown_text).strip().rstrip(":").upper() == "CÔNG VĂN":
            return p
    return None


@check("ND30-TRICH-YEU")
def trich_yeu(ctx: Ctx) -> None:
    doc = ctx.doc
    is_cv = doc.facts.type == CONG_VAN or (doc.facts.type is None and doc.first(Role.VV) is not None
                                           and doc.first(Role.TEN_LOAI) is None)
    if is_cv:
        _vv(ctx)
        return
    ty = _element(doc, Role.TRICH_YEU)
    if not ty:
        _no_header(ctx, "trích yếu", "Summary line", " (xem ND30-STRUCTURE-REQUIRED)", " (see ND30-STRUCTURE-REQUIRED)")
        return
    tl = _element(doc, Role.TEN_LOAI)
    if tl:
        nxt = _next_nonempty(doc, tl[-1])
        if nxt is not ty[0]:
            ctx.fail(ty[0], key="not-under-type", expected={"vi": "ngay dưới tên loại", "en": "right under the type name"},
                     actual={"vi": "không liền dưới", "en": "elsewhere"})
    unknown = _style(ctx, ty, size=_rng(ctx, "size", (13, 14)), bold=True, italic=False)
    if is_all_caps(ty) is True and sum(len(p.text) for p in ty) > 12:
        ctx.fail(ty[0], key="caps", severity="warning", expected={"vi": "in thường", "en": "sentence case"},
                 actual={"vi": "in hoa toàn bộ", "en": "all capitals"})
    # centred on the page (not on the tên loại line: a mis-aligned tên loại is TYPE-STYLE's finding)
    c = _centred(doc, ty[0], None, float(ctx.param("centre_tolerance_mm", 10.0)))
    if c is False:
        ctx.fail(ty[0], key="not-centred", expected={"vi": "căn giữa", "en": "centred"},
                 actual={"vi": "lệch", "en": "off centre"})
    elif c is None:
        unknown = True
    sub = Ctx(doc, ctx.rule_id, ctx.params, ctx.options)
    _line_check(sub, ty, float(ctx.param("ratio_min", 1 / 3)), float(ctx.param("ratio_max", 0.5)),
                float(ctx.param("ratio_tolerance", 0.15)))
    for f in sub.findings:
        f.key = "line-" + f.key
        if f.key == "line-length":
            # the same "1/3 to 1/2 of the line of text" as the agency line (ND30-CQ-LINE, a
            # warning), and for a wrapped trích yếu the decree does not say which line: the
            # length is a warning; a missing line stays an error
            f.severity = "warning"
        ctx.findings.append(f)
    if sub.unevaluated:
        unknown = True
    _unknown(ctx, unknown)


def _vv(ctx: Ctx) -> None:
    """Công văn: "V/v …" under the Số line, 12–13, upright, not bold, centred under ô 3."""
    doc = ctx.doc
    vv = _element(doc, Role.VV)
    if not vv:
        _no_header(ctx, "dòng V/v", "V/v line", " (xem ND30-STRUCTURE-REQUIRED)", " (see ND30-STRUCTURE-REQUIRED)")
        return
    unknown = _style(ctx, vv, size=_rng(ctx, "vv_size", (12, 13)), bold=False, italic=False, prefix="vv-")
    if not nfc(vv[0].text).lstrip().startswith("V/v"):
        ctx.fail(vv[0], key="vv-prefix", severity="warning", expected="V/v …", actual=excerpt_of(vv[0].text[:12]))
    so = doc.first(Role.SO_KY_HIEU)
    if so is not None:
        if vv[0].index < so.index or (side_of(doc, vv[0]) == "right"):
            ctx.fail(vv[0], key="vv-position", expected={"vi": "dưới dòng Số, bên trái", "en": "under the number line, left"},
                     actual={"vi": "vị trí khác", "en": "elsewhere"})
    _unknown(ctx, unknown)
