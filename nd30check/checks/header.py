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
from typing import Sequence

from ..doctypes import ABBREVIATIONS, CONG_VAN, abbr_for_name, fold
from ..text.fold import LOOKALIKES
from ..measure.position import centred, same_block, same_level, side_of
from ..model import Paragraph, Role, nfc
from ..structure.elements import cv_heading, element, next_in_block, qh_tn
from ..text.dates import parse_date
from ..text.numbers import SoParts, parse_so
from .base import Ctx, Term, check, excerpt_of
from .common import (
    all_bold,
    weakest,
    all_italic,
    own_confidence,
    all_upright,
    check_sizes,
    fmt_range,
    is_all_caps,
    is_signed,
    joined_text,
    lower_letters,
    MARK_CONF,
    none_bold,
    unlisted_type,
)
from .gaps import gap_reading
from .lines import line_check
from .readings import label_confidence, marks_confidence, type_code_confidence
from .shortfall import words_short
from .fixes import align_fix, caps_fix, date_fix, motto_fix, size_fix, so_label_fix, text_fix, toggle_fix, typed

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


# --------------------------------------------------------------------------------------------
# small shared pieces
# --------------------------------------------------------------------------------------------


def _rng(ctx: Ctx, name: str) -> tuple[float, float]:
    v = ctx.param(name)
    return float(v[0]), float(v[-1])


def _tol(ctx: Ctx) -> float:
    return float(ctx.param("size_tolerance_pt"))


def _no_header(ctx: Ctx, what: str, see: str | None = None) -> None:
    """The element is absent: not-applicable with the reason (its *-TEXT rule, or ``see``,
    reports it). ``what`` names the element: [terms.element-<what>]."""
    doc = ctx.doc
    if doc.facts.is_appendix:
        ctx.not_applicable(key="a-separate-appendix-has-no-header")
    elif see:
        ctx.not_applicable(key="element-not-found-see", what=Term("element-" + what), rule=see)
    else:
        ctx.not_applicable(key="element-not-found", what=Term("element-" + what))


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
            ctx.fail(anchor, key=prefix + "size", expected=fmt_range(lo, hi), actual=v.actual,
                     fix=size_fix(paras, lo, hi, _tol(ctx)))
        elif v.ok is None:
            unknown = True
    if caps is True:
        c = is_all_caps(paras)
        if c is False:
            ctx.fail(anchor, key=prefix + "not-caps", expected=Term("capitals"),
                     actual=Term("has-lower-case"), words=lower_letters(paras), fix=caps_fix(paras))
    if bold is not None:
        b = all_bold(paras) if bold else none_bold(paras)
        if b is False:
            ctx.fail(anchor, key=prefix + ("not-bold" if bold else "bold"), severity=bold_severity,
                     expected=Term("bold-short" if bold else "not-bold-short"),
                     actual=Term("not-bold-short" if bold else "bold-short"), fix=toggle_fix(paras, "bold", bold))
        elif b is None:
            unknown = True
    if italic is not None:
        i = all_italic(paras) if italic else all_upright(paras)
        if i is False:
            ctx.fail(anchor, key=prefix + ("not-italic" if italic else "italic"),
                     expected=Term("italic-short" if italic else "upright-short"),
                     actual=Term("not-italic-short" if italic else "italic-short"),
                     fix=toggle_fix(paras, "italic", italic))
        elif i is None:
            unknown = True
    return unknown


def _unknown(ctx: Ctx, unknown: bool) -> None:
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="text-properties-unknown")


# --------------------------------------------------------------------------------------------
# Quốc hiệu
# --------------------------------------------------------------------------------------------


@check("ND30-QH-TEXT")
def qh_text(ctx: Ctx) -> None:
    doc = ctx.doc
    qh, _tn, _split = qh_tn(doc)
    if not qh:
        if doc.facts.is_appendix:
            ctx.not_applicable(key="a-separate-appendix-has-no-national")
            return
        ctx.fail(None, key="missing", expected=QUOC_HIEU, actual=Term("none"))
        return
    text = joined_text(qh)
    if gap_reading(qh, fold(text), fold(ctx.param("text"))):  # a word gap OCR inferred, not letters
        ctx.note(qh[0], key="word-gap", expected=ctx.param("text"), actual=excerpt_of(text))
    elif fold(text) != fold(ctx.param("text")):
        # a scanned line short of whole words fails on its sure words (a cut "… HỘI CE")
        ctx.fail(qh[0], key="wrong-text", expected=ctx.param("text"), actual=excerpt_of(text),
                 confidence=words_short(doc, qh[0], None, len(ctx.param("text").split())) if len(qh) == 1 else None)
    side = side_of(doc, qh[0])
    if side in ("left", "full"):
        ctx.fail(qh[0], key="not-right", expected=Term("top-right"),
                 actual=Term("side-" + side))
    elif side is None and not ctx.failed:
        ctx.not_evaluated(key="the-position-of-the-national-title")


@check("ND30-QH-STYLE", fixable=True)
def qh_style(ctx: Ctx) -> None:
    qh, _tn, _split = qh_tn(ctx.doc)
    if not qh:
        _no_header(ctx, "quoc-hieu")
        return
    unknown = _style(ctx, qh, size=_rng(ctx, "size"), caps=True, bold=True, italic=False)
    _unknown(ctx, unknown)


# --------------------------------------------------------------------------------------------
# Tiêu ngữ
# --------------------------------------------------------------------------------------------

_DASHES = "\u2013\u2014\u2012\u2011\u2212"


@check("ND30-TN-TEXT", fixable=True)
def tn_text(ctx: Ctx) -> None:
    doc = ctx.doc
    qh, tn, split = qh_tn(doc)
    expected = nfc(ctx.param("text"))
    if not tn:
        if doc.facts.is_appendix:
            ctx.not_applicable(key="a-separate-appendix-has-no-motto")
            return
        ctx.fail(None, key="missing", expected=expected, actual=Term("none"))
        return
    p = tn[0]
    text = " ".join(joined_text(tn, shown=True).split())
    plain = text.translate(LOOKALIKES)
    if plain != text:
        # "Ðộc lập" with the eth U+00D0: prints right, but is not the Vietnamese letter
        ctx.fail(p, key="lookalike", severity="warning", expected="Đ (U+0110)", actual="Ð (U+00D0)",
                 fix=text_fix(p, typed(p), typed(p).translate(LOOKALIKES)) if len(tn) == 1 else None)
        text = plain
    if text != expected:
        hyph = text
        for d in _DASHES:
            hyph = hyph.replace(d, "-")
        spaced = re.sub(r"\s*-\s*", " - ", hyph)
        fix = motto_fix(p, _DASHES) if len(tn) == 1 else None
        if gap_reading(tn, text, expected):  # "Hạnhphúc" on a scan: a word gap OCR inferred, not letters
            ctx.note(p, key="word-gap", expected=expected, actual=excerpt_of(text))
        elif hyph == expected:  # on a scan: rests on the dashes' own reading (their measured length)
            ctx.fail(p, key="en-dash", severity="warning", expected="-", actual="–", fix=fix,
                     confidence=marks_confidence(tn, _DASHES))
        elif spaced == expected:
            ctx.fail(p, key="no-spaces", expected=expected, actual=text, fix=fix)
            if hyph != text:
                ctx.fail(p, key="en-dash", severity="warning", expected="-", actual="–", fix=fix)
        elif fold(spaced) == fold(expected):
            ctx.fail(p, key="case", expected=expected, actual=text)
        else:  # on a scan: sure when the line is short of whole words of the motto
            ctx.fail(p, key="wrong-text", expected=expected, actual=excerpt_of(text),
                     confidence=words_short(doc, p, None, len(expected.split())) if len(tn) == 1 else None)
    if qh and not split:
        nxt = next_in_block(doc, qh[-1])
        if nxt is not p or not same_block(doc, qh[-1], p):
            ctx.fail(p, key="not-under-qh", expected=Term("right-under-the-national-title"),
                     actual=Term("not-right-under"))


@check("ND30-TN-STYLE", fixable=True)
def tn_style(ctx: Ctx) -> None:
    doc = ctx.doc
    qhs, tn, _split = qh_tn(doc)
    if not tn:
        _no_header(ctx, "tieu-ngu")
        return
    unknown = _style(ctx, tn, size=_rng(ctx, "size"), bold=True, italic=False)
    qh = qhs[0] if qhs else None
    c = centred(doc, tn[0], qh, float(ctx.param("centre_tolerance_mm")))
    if c is False:
        ctx.fail(tn[0], key="not-centred", expected=Term("centred-under-the-national-title"),
                 actual=Term("off-centre"), fix=[align_fix(x, "center") for x in (tn[0], qh) if x is not None])
    elif c is None:
        if any(p.extra.get("cut_at_page_edge") for p in (tn[0], qh) if p is not None) and not ctx.failed:
            ctx.not_evaluated(key="cut-at-page-edge")
            return
        unknown = True
    _unknown(ctx, unknown)


@check("ND30-TN-LINE", fixable=True)
def tn_line(ctx: Ctx) -> None:
    _qh, tn, _split = qh_tn(ctx.doc)
    if not tn:
        _no_header(ctx, "tieu-ngu")
        return
    line_check(ctx, tn, float(ctx.param("ratio_min")), float(ctx.param("ratio_max")),
                float(ctx.param("ratio_tolerance")))


# --------------------------------------------------------------------------------------------
# Agency names
# --------------------------------------------------------------------------------------------


@check("ND30-CQ-TEXT", fixable=True)
def cq_text(ctx: Ctx) -> None:
    doc = ctx.doc
    cq = element(doc, Role.CQ_BAN_HANH)
    parent = element(doc, Role.CQ_CHU_QUAN)
    if not cq:
        if doc.facts.is_appendix:
            ctx.not_applicable(key="a-separate-appendix-has-no-agency")
            return
        ctx.fail(parent[0] if parent else None, key="missing", expected=Term("issuing-agency-name"),
                 actual=Term("none"))
        return
    for el in ([parent] if parent else []) + [cq]:
        if is_all_caps(el) is False:  # shown in capitals by the Caps format: the letters as typed
            ctx.fail(el[0], key="not-caps", expected=Term("capitals"),
                     actual=Term("has-lower-case"), words=lower_letters(el), fix=caps_fix(el))
    side = side_of(doc, cq[0])
    if side in ("right", "full"):
        ctx.fail(cq[0], key="not-left", expected=Term("top-left"),
                 actual=Term("side-" + side))
    if parent and parent[0].index > cq[0].index:
        ctx.fail(parent[0], key="parent-below", severity="warning",
                 expected=Term("parent-agency-above"),
                 actual=Term("below"))
    if side is None and not ctx.failed:
        ctx.not_evaluated(key="the-position-of-the-agency-name-is")


@check("ND30-CQ-STYLE", fixable=True)
def cq_style(ctx: Ctx) -> None:
    doc = ctx.doc
    cq = element(doc, Role.CQ_BAN_HANH)
    parent = element(doc, Role.CQ_CHU_QUAN)
    if not cq and not parent:
        _no_header(ctx, "agency")
        return
    size = _rng(ctx, "size")
    unknown = False
    if cq:
        unknown |= _style(ctx, cq, size=size, bold=True, italic=False)
    if parent:
        unknown |= _style(ctx, parent, size=size, bold=False, italic=False, prefix="parent-",
                          bold_severity=ctx.param("parent_bold_severity"))
    for p in [*parent, *cq]:  # centred in the left block (Phụ lục I, ô 2), as typed alignment says
        if p.x0 is None and p.alignment in ("left", "justify", "right") and not p.is_empty:
            ctx.fail(p, key="not-centred", expected=Term("align-centre"), actual=ALIGN_NAMES[p.alignment],
                     excerpt=excerpt_of(p.text),
                     fix=[align_fix(q, "center") for q in [*parent, *cq] if q.x0 is None and not q.is_empty])
            break
    _unknown(ctx, unknown)


ALIGN_NAMES = {a: Term("aligned-" + a) for a in ("left", "right", "justify")}  # [terms.aligned-left] …


@check("ND30-CQ-LINE", fixable=True)
def cq_line(ctx: Ctx) -> None:
    cq = element(ctx.doc, Role.CQ_BAN_HANH)
    if not cq:
        _no_header(ctx, "issuing-agency")
        return
    line_check(ctx, cq, float(ctx.param("ratio_min")), float(ctx.param("ratio_max")),
                float(ctx.param("ratio_tolerance")))


# --------------------------------------------------------------------------------------------
# Số, ký hiệu
# --------------------------------------------------------------------------------------------

_GROUP = re.compile(r"^[A-Za-zĐđ0-9]+$")


def _so_parts(text: str) -> SoParts | None:
    """The Số line as the checks judge it: the label must be "Số" itself (any case) and the
    line one line (the grammar is nd30check.text.numbers)."""
    parts = parse_so(text)
    if parts is None or parts.label.casefold() != "số" or "\n" in parts.rest.strip():
        return None
    return parts
_BLANK = re.compile(r"^[\s.…_\-]*$")


def _blank_verdict(ctx: Ctx, para: Paragraph, what: str) -> None:
    """A blank number/day: info on an unsigned draft; on a signed file the stamp should have
    filled it (a warning: the signature appearance may not carry it, or was not read)."""
    signed = is_signed(ctx.doc)
    if signed:
        ctx.fail(para, key=f"blank-{what}-signed", severity="warning",
                 expected=Term("filled-in"), actual=Term("blank"))
    else:
        ctx.note(para, key=f"blank-{what}", expected=Term("filled-at-issuance"),
                 actual=Term("blank"))


def _colon_measured(so: Paragraph) -> tuple[str | None, float | None]:
    """What the ink after a scan's "Số" says (the OCR reader's ``label_colon``): ("colon", _) — a
    colon the reading may have dropped; ("none", conf) — white paper, a sure missing colon;
    ("unsure", MARK_CONF) — a reading without a colon is a note. (None, None): exact text or
    unmeasured (the word's reading stands)."""
    got = (so.extra or {}).get("label_colon") if so.source == "ocr" else None
    if not got:
        return None, None
    state, conf = str(got[0]), float(got[1])
    return state, (conf if state == "none" else MARK_CONF if state == "unsure" else None)


@check("ND30-SO-FORMAT", fixable=True)
def so_format(ctx: Ctx) -> None:
    """Kept whole: one case per Decree 30 requirement on the Số line, in the order the line is
    read."""
    doc = ctx.doc
    so = doc.first(Role.SO_KY_HIEU)
    if so is None:
        if doc.facts.is_appendix:
            ctx.not_applicable(key="a-separate-appendix-has-no-number-of")
            return
        unlisted = unlisted_type(doc)
        if unlisted is not None:
            ctx.not_evaluated(key="unlisted-type", type=unlisted)
            return
        ctx.fail(None, key="missing", expected="Số: 01/KH-UBND", actual=Term("none"))
        return
    text = " ".join(so.text.replace("\u00a0", " ").split(" "))
    parts = _so_parts(text)
    if parts is None:
        ctx.fail(so, key="format", expected="Số: NN/…-…", actual=excerpt_of(text))
        return
    read = parts.colon == ":" and re.match(r"^\s*Số:", nfc(text))
    colon, measured = _colon_measured(so)
    if (not read and colon != "colon") or colon == "none":
        ctx.fail(so, key="colon", expected="Số:", actual=excerpt_of(text[:8]), fix=so_label_fix(so),
                 confidence=measured or label_confidence(so, parts.label))  # "Số" and its mark, not the number
    elif re.match(r"^\s*Số:\S", nfc(text)):
        # the decree writes "Số: 05/…"; a missing space is a typing slip, not a wrong number
        ctx.fail(so, key="no-space", severity="warning", expected="Số: 05/…", actual=excerpt_of(text[:10]),
                 fix=so_label_fix(so))
    num = parts.num
    if _BLANK.match(num):
        _blank_verdict(ctx, so, "number")
    elif not num.isdigit():
        ctx.fail(so, key="number", expected="01, 02, …", actual=num)
    elif len(num) == 1 or int(num) == 0 or (num.startswith("0") and len(num) > 2) or (num.startswith("0") and int(num) >= 10):
        key = "not-padded" if len(num) == 1 and num != "0" else "number"
        ctx.fail(so, key=key, expected=f"0{num}" if key == "not-padded" else "01, 02, …", actual=num)
    sym = parts.sym
    if not parts.slash:
        ctx.fail(so, key="no-slash", expected="NN/KÝ-HIỆU", actual=excerpt_of(text))
    elif not sym.strip():
        ctx.fail(so, key="symbol", expected="KH-UBND", actual=Term("empty"))
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
    unknown = _style(ctx, [so], size=_rng(ctx, "size"), italic=False)
    cq = doc.first(Role.CQ_BAN_HANH)
    side = side_of(doc, so)
    if side in ("right",) or (cq is not None and so.index < cq.index):
        ctx.fail(so, key="position", severity="warning",
                 expected=Term("under-the-agency-name-left"),
                 actual=Term("so-right" if side == "right" else "so-above-agency"))
    _unknown(ctx, unknown)


@check("ND30-SO-TYPE")
def so_type(ctx: Ctx) -> None:
    doc = ctx.doc
    so = doc.first(Role.SO_KY_HIEU)
    if so is None:
        _no_header(ctx, "so", "ND30-SO-FORMAT")
        return
    parts = _so_parts(so.text)
    sym = re.sub(r"\s+", "", parts.sym) if parts else ""
    if not sym:
        ctx.not_applicable(key="the-number-line-has-no-symbol")
        return
    first = sym.split("-")[0]
    dtype = doc.facts.type
    if dtype is None:
        tl = doc.first(Role.TEN_LOAI)
        dtype = abbr_for_name(tl.text) if tl is not None else None
        if dtype is None and (doc.first(Role.VV) is not None):
            dtype = CONG_VAN
    if dtype is None:
        ctx.not_evaluated(key="the-document-type-is-unknown")
        return
    if dtype == CONG_VAN:
        # "CV" is no abbreviation of Phụ lục III (công văn has none), but clerks write it
        if first in ABBREVIATIONS or first.upper() in {a.upper() for a in ABBREVIATIONS} | {"CV"}:
            ctx.fail(so, key="cv-has-type", expected=Term("no-type-abbreviation"),
                     actual=first)
        return
    if first == dtype:
        return
    if first.upper() == dtype.upper():
        ctx.fail(so, key="case", expected=dtype, actual=first)
    else:
        ctx.fail(so, key="mismatch", expected=dtype, actual=first, type_name=doc.facts.type_name or dtype,
                 confidence=type_code_confidence(so, first, dtype, weakest(so, sym)))  # its letters' reading


# --------------------------------------------------------------------------------------------
# Địa danh và ngày tháng
# --------------------------------------------------------------------------------------------


@check("ND30-DATE-FORMAT", fixable=True)
def date_format(ctx: Ctx) -> None:
    doc = ctx.doc
    dl = doc.first(Role.DIA_DANH_NGAY)
    if dl is None:
        if doc.facts.is_appendix or doc.facts.type == "BB":
            ctx.not_applicable(key="this-document-type-has-no-date-line")
            return
        ctx.fail(None, key="missing", expected="Hà Nội, ngày 05 tháng 01 năm 2026", actual=Term("none"))
        return
    text = " ".join(dl.text.replace("\u00a0", " ").split())
    parts = parse_date(text)
    if parts is None:  # on a scan: sure when the line is short of whole words ("ngày", D, "tháng", M, "năm", Y)
        ctx.fail(dl, key="format", expected="<Địa danh>, ngày DD tháng MM năm YYYY", actual=excerpt_of(text),
                 confidence=words_short(doc, dl, "ngày", 6))
        return
    if not parts.place.strip():
        ctx.fail(dl, key="no-place", expected="<Địa danh>, ngày …", actual=excerpt_of(text))
    elif not parts.comma and (conf := _place_mark(dl)) is not False:
        ctx.fail(dl, key="comma", expected=f"{parts.place}, ngày", actual=f"{parts.place} ngày",
                 fix=date_fix(dl, r"^(\s*\S.*?)[ \t\u00a0]+(ngày\b)", r"\1, \2"), confidence=conf)
    if parts.rest.strip() not in ("", "."):
        ctx.fail(dl, key="format", expected="… năm YYYY", actual=excerpt_of(text))
    if any(w != w.lower() for w in (parts.ngay, parts.thang, parts.nam)):
        ctx.fail(dl, key="format", expected="ngày … tháng … năm …", actual=excerpt_of(text))
    d, m, y = parts.d, parts.m, parts.y
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
        ctx.fail(dl, key="format", expected=Term("day-month-in-digits"), actual=f"{d}/{m}")
        return
    di, mi = int(d), int(m)
    if di < 10 and len(d) == 1:
        ctx.fail(dl, key="day-padding", expected=f"ngày 0{di}", actual=f"ngày {d}",
                 fix=date_fix(dl, r"(ngày[ \t\u00a0]+)(\d)(?!\d)", r"\g<1>0\2"),
                 confidence=own_confidence(dl, parts.ngay, d, parts.thang, exact=True))
    _month_padding(ctx, dl, m, own_confidence(dl, parts.thang, m, parts.nam, exact=True))
    if len(d) > 2 or len(m) > 2:
        ctx.fail(dl, key="format", expected="DD, MM", actual=f"{d}/{m}")
    if not _check_year(ctx, dl, y):
        return
    try:
        _dt.date(int(y), mi, di)
    except ValueError:
        ctx.fail(dl, key="not-a-date", expected=Term("a-real-date"), actual=f"{d}/{m}/{y}")


def _place_mark(dl: Paragraph) -> float | None | bool:
    """What a scan's ink says of the comma after the place (the OCR reader's ``place_mark``): a
    comma the reading missed ("Tiến." for a 150-dpi comma whose tail is pale) — False, no
    failure; white paper or a round dot — the measurement's confidence, a sure defect; anything
    else — ``MARK_CONF``, a note. None: exact text or unmeasured (the engine's own)."""
    got = (dl.extra or {}).get("place_mark") if dl.source == "ocr" else None
    if not got:
        return None
    state, conf = str(got[0]), float(got[1])
    if state == "comma":
        return False
    return conf if state in ("none", "dot") else MARK_CONF


def _month_padding(ctx: Ctx, dl: Paragraph, m: str, conf: float | None = None) -> None:
    """Months 1 and 2 take a leading zero, the others none (Phụ lục I, ô 4). ``conf``: how sure
    a scan's reading of the words it rests on is ("tháng", the month, "năm": not the place name
    on the same line; None: the engine's own)."""
    mi = int(m)
    if mi in (1, 2) and len(m) == 1:
        ctx.fail(dl, key="month-padding", expected=f"tháng 0{mi}", actual=f"tháng {m}",
                 fix=date_fix(dl, r"(tháng[ \t\u00a0]+)(\d)(?!\d)", r"\g<1>0\2"), confidence=conf)
    elif 3 <= mi <= 9 and len(m) == 2:
        ctx.fail(dl, key="month-padded", severity=ctx.param("padded_month_severity"),
                 expected=f"tháng {mi}", actual=f"tháng {m}",
                 fix=date_fix(dl, r"(tháng[ \t\u00a0]+)0(\d)(?!\d)", r"\1\2"))


def _check_year(ctx: Ctx, dl: Paragraph, y: str) -> bool:
    if _BLANK.match(y):
        return False
    if not (y.isdigit() and len(y) == 4):
        ctx.fail(dl, key="year", expected="YYYY", actual=y)
        return False
    return True


@check("ND30-DATE-STYLE", fixable=True)
def date_style(ctx: Ctx) -> None:
    doc = ctx.doc
    dl = doc.first(Role.DIA_DANH_NGAY)
    if dl is None:
        _no_header(ctx, "date")
        return
    unknown = _style(ctx, [dl], size=_rng(ctx, "size"), italic=True)
    tns = qh_tn(doc)[1]
    tn = tns[0] if tns else None
    side = side_of(doc, dl)
    if side in ("left",) or (tn is not None and dl.index < tn.index):
        ctx.fail(dl, key="position", expected=Term("under-the-motto-right"),
                 actual=Term("date-left" if side == "left" else "date-above-motto"))
    so = doc.first(Role.SO_KY_HIEU)
    if so is not None:
        level = same_level(dl, so, float(ctx.param("level_tolerance_mm")))
        if level is False:
            ctx.fail(dl, key="not-level", severity="warning",
                     expected=Term("level-with-the-number-line"),
                     actual=Term("not-level"))
    _unknown(ctx, unknown)


# --------------------------------------------------------------------------------------------
# Tên loại, trích yếu
# --------------------------------------------------------------------------------------------


@check("ND30-TYPE-STYLE", fixable=True)
def type_style(ctx: Ctx) -> None:
    doc = ctx.doc
    if doc.facts.type == CONG_VAN:  # a công văn has no tên loại (Phụ lục I, ô 5a): none may be typed
        heading = cv_heading(doc)
        if heading is not None:
            ctx.fail(heading, key="cv-heading", actual=excerpt_of(heading.text))
        else:
            ctx.not_applicable(key="cv-no-type-name")
        return
    tl = element(doc, Role.TEN_LOAI)
    if not tl:
        _no_header(ctx, "type-name", "ND30-STRUCTURE-REQUIRED")
        return
    unknown = _style(ctx, tl, size=_rng(ctx, "size"), caps=True, bold=True, italic=False)
    c = centred(doc, tl[0], None, float(ctx.param("centre_tolerance_mm")))
    if c is False:
        ctx.fail(tl[0], key="not-centred", expected=Term("align-centre"),
                 actual=Term("off-centre"), fix=[align_fix(p, "center") for p in tl])
    elif c is None:
        unknown = True
    _unknown(ctx, unknown)


@check("ND30-TRICH-YEU", fixable=True)
def trich_yeu(ctx: Ctx) -> None:
    doc = ctx.doc
    is_cv = doc.facts.type == CONG_VAN or (doc.facts.type is None and doc.first(Role.VV) is not None
                                           and doc.first(Role.TEN_LOAI) is None)
    if is_cv:
        _vv(ctx)
        return
    ty = element(doc, Role.TRICH_YEU)
    if not ty:
        _no_header(ctx, "trich-yeu", "ND30-STRUCTURE-REQUIRED")
        return
    tl = element(doc, Role.TEN_LOAI)
    if tl:
        nxt = next_in_block(doc, tl[-1])
        if nxt is not ty[0]:
            ctx.fail(ty[0], key="not-under-type", expected=Term("right-under-the-type-name"),
                     actual=Term("not-right-under"))
    unknown = _style(ctx, ty, size=_rng(ctx, "size"), bold=True, italic=False)
    if is_all_caps(ty) is True and sum(len(p.text) for p in ty) > 12:
        ctx.fail(ty[0], key="caps", severity="warning", expected=Term("sentence-case"),
                 actual=Term("all-capitals-whole"))
    # centred on the page (not on the tên loại line: a mis-aligned tên loại is TYPE-STYLE's finding)
    c = centred(doc, ty[0], None, float(ctx.param("centre_tolerance_mm")))
    if c is False:
        ctx.fail(ty[0], key="not-centred", expected=Term("align-centre"),
                 actual=Term("off-centre"), fix=[align_fix(p, "center") for p in ty])
    elif c is None:
        unknown = True
    sub = Ctx(doc, ctx.rule_id, ctx.params, ctx.options, ctx.terms)
    line_check(sub, ty, float(ctx.param("ratio_min")), float(ctx.param("ratio_max")),
                float(ctx.param("ratio_tolerance")))
    ctx.changes.extend(sub.changes)
    for c in sub.changes:
        c.rule = ctx.rule_id
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
    vv = element(doc, Role.VV)
    if not vv:
        _no_header(ctx, "vv", "ND30-STRUCTURE-REQUIRED")
        return
    unknown = _style(ctx, vv, size=_rng(ctx, "vv_size"), bold=False, italic=False, prefix="vv-")
    if not nfc(vv[0].text).lstrip().startswith("V/v"):
        ctx.fail(vv[0], key="vv-prefix", severity="warning", expected="V/v …", actual=excerpt_of(vv[0].text[:12]))
    so = doc.first(Role.SO_KY_HIEU)
    if so is not None:
        if vv[0].index < so.index or (side_of(doc, vv[0]) == "right"):
            ctx.fail(vv[0], key="vv-position", expected=Term("under-the-number-line-left"),
                     actual=Term("elsewhere"))
    _unknown(ctx, unknown)
