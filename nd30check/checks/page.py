"""Page setup checks (PL I, Phần I, Mục I): paper size, orientation, margins, font, colour,
page numbers, and the Quốc hiệu / Tiêu ngữ / date size pairing.

How PDFs are judged (they carry no declared page setup):

* **Margins** are measured from where the text is. A PDF shows the text area only, so the
  check asks "does the text lie inside the allowed region?": text reaching *into* a margin
  narrower than the minimum is a certain violation (error). A margin *wider* than the maximum
  can only be inferred where lines reliably reach the edge (left edge, justified right edge on
  a well-filled page) and is reported as a warning; the bottom margin is never judged too
  wide (pages end early at page breaks). Pages with too few lines only get the certain test;
  when no page has measurable text the rule is not-evaluated.
  The header and signature blocks are left out of the sideways measure (their layout tables
  often run a few millimetres past the text area, in the decree's own templates too), page
  numbers and signature stamps are left out entirely, and "too wide" is judged on the
  narrowest margin over the well-filled pages of the file (one setting per document).
* **Page numbers** are read from the page-number text the PDF reader found on each page (a
  lone number at the top or bottom); the first page of each Phụ lục restarts the numbering.
* **DOCX page count**: Word stores no reliable count (python-docx copies "Pages = 1" from its
  template), so rendered page breaks are used when present, else the saved count when it says
  more than one page, else the text length is estimated from Times New Roman widths. Without
  any page number field: clearly one page → pass, clearly longer → fail, in between →
  not-evaluated.
* **Landscape** (A17): the decree gives one set of margins; a margin out of range in a
  landscape section is reported as a warning only.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

from ..model import MM, Document, PageNumberField, Paragraph, Role, Run
from ..text.encodings import legacy_encoding
from .base import Ctx, check, excerpt_of
from .common import dominant_size, fmt_pt, fmt_range, size_in, text_width

# --------------------------------------------------------------------------------------------
# ND30-PAGE-SIZE
# --------------------------------------------------------------------------------------------


def _fmt_mm(w: float, h: float) -> str:
    return f"{w / MM:.0f} × {h / MM:.0f} mm"


def _is_a4(w: float, h: float, width_mm: float, height_mm: float, tol_mm: float) -> bool:
    a, b = sorted((w / MM, h / MM))
    return abs(a - width_mm) <= tol_mm and abs(b - height_mm) <= tol_mm


@check("ND30-PAGE-SIZE")
def page_size(ctx: Ctx) -> None:
    """A4 (either orientation; orientation is ND30-PAGE-ORIENT's business). Scanned pages get
    a wider tolerance: scanners add a millimetre or two around the sheet."""
    doc = ctx.doc
    wmm = float(ctx.param("width_mm", 210.0))
    hmm = float(ctx.param("height_mm", 297.0))
    tol = float(ctx.param("tolerance_mm", 1.0))
    tol_scan = float(ctx.param("tolerance_scan_mm", 3.0))
    expected = f"{wmm:g} × {hmm:g} mm"
    if doc.kind == "pdf" and doc.pages:
        bad: dict[tuple[str, bool], list[int]] = defaultdict(list)
        for pg in doc.pages:
            scanned = not (pg.has_text and doc.has_text_layer)
            t = tol_scan if scanned else tol
            if not _is_a4(pg.width, pg.height, wmm, hmm, t):
                bad[(_fmt_mm(pg.width, pg.height), scanned)].append(pg.number)
        for (size, scanned), pages in bad.items():
            if scanned:
                # a scanned page's box is the scanner's image (cropped or padded), not the paper
                ctx.fail(None, key="scan", severity="warning", expected=expected, actual=size, page=pages[0],
                         pages=_pages(pages))
            else:
                ctx.fail(None, expected=expected, actual=size, page=pages[0], pages=_pages(pages))
        return
    measured = False
    bad_s: dict[str, list[int]] = defaultdict(list)
    for s in doc.sections:
        if s.page_width is None or s.page_height is None:
            continue
        measured = True
        if not _is_a4(s.page_width, s.page_height, wmm, hmm, tol):
            bad_s[_fmt_mm(s.page_width, s.page_height)].append(s.index + 1)
    if not measured:
        ctx.not_evaluated("Không đọc được khổ giấy của tệp.", "The page size could not be read.")
        return
    for size, secs in bad_s.items():
        para = _first_para_of_section(doc, secs[0] - 1)
        ctx.fail(para, expected=expected, actual=size, sections=_pages(secs))


def _pages(nums: list[int]) -> str:
    """[1,2,3,5] → "1–3, 5"."""
    nums = sorted(set(nums))
    out: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)


def _first_para_of_section(doc: Document, sec: int) -> Paragraph | None:
    for p in doc.paragraphs:
        if p.section == sec and not p.is_empty and p.container not in ("header", "footer"):
            return p
    return None


# --------------------------------------------------------------------------------------------
# ND30-PAGE-ORIENT
# --------------------------------------------------------------------------------------------


def _section_has_table(doc: Document, sec: int) -> bool:
    s = doc.sections[sec] if 0 <= sec < len(doc.sections) else None
    if s is not None and s.has_data_table:
        return True
    return any(t.section == sec and t.is_data_table for t in doc.tables)


@check("ND30-PAGE-ORIENT")
def page_orient(ctx: Ctx) -> None:
    """Portrait; a landscape section is fine only when it holds a data table (bordered, or more
    than two columns). The borderless layout tables of the header/signature don't count."""
    doc = ctx.doc
    if doc.kind == "pdf" and doc.pages:
        landscape = [pg for pg in doc.pages if _landscape(pg.width, pg.height, pg.rotation)]
        if not landscape:
            return
        unknown: list[int] = []
        prose: list[int] = []
        for pg in landscape:
            verdict = _pdf_page_has_table(doc, pg.number)
            if verdict is None:
                unknown.append(pg.number)
            elif not verdict:
                prose.append(pg.number)
        if prose:
            ctx.fail(None, page=prose[0], expected={"vi": "khổ dọc", "en": "portrait"},
                     actual={"vi": "khổ ngang", "en": "landscape"}, pages=_pages(prose))
        if unknown and not prose:
            ctx.not_evaluated(f"Trang {_pages(unknown)} khổ ngang: không xác định được trang có bảng hay không.",
                              f"Landscape page(s) {_pages(unknown)}: cannot tell whether they hold a table.")
        return
    known = False
    for s in doc.sections:
        orient = s.orientation
        if orient is None and s.page_width is not None and s.page_height is not None:
            orient = "landscape" if s.page_width > s.page_height else "portrait"
        if orient is None:
            continue
        known = True
        if orient == "landscape" and not _section_has_table(doc, s.index):
            ctx.fail(_first_para_of_section(doc, s.index), expected={"vi": "khổ dọc", "en": "portrait"},
                     actual={"vi": "khổ ngang", "en": "landscape"}, pages=f"section {s.index + 1}",
                     section=s.index + 1)
    if not known:
        ctx.not_evaluated("Không đọc được hướng trang.", "The page orientation could not be read.")


def _landscape(w: float, h: float, rotation: int) -> bool:
    if rotation % 180 == 90:
        w, h = h, w
    return w > h * 1.02


def _pdf_page_has_table(doc: Document, page: int) -> bool | None:
    for s in doc.sections:
        if page in s.pages:
            if s.has_data_table:
                return True
    if any(p.page == page and p.cell is not None and 0 <= p.cell.table < len(doc.tables)
           and doc.tables[p.cell.table].is_data_table for p in doc.paragraphs):
        return True
    if not any(p.page == page and not p.is_empty for p in doc.paragraphs):
        return None  # nothing readable on the page
    if not doc.tables and not any(s.pages for s in doc.sections):
        return None  # the reader does not detect tables: cannot tell
    return False


# --------------------------------------------------------------------------------------------
# ND30-MARGIN
# --------------------------------------------------------------------------------------------

_SIDES = ("top", "bottom", "left", "right")
_SIDE_VI = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _ranges(ctx: Ctx) -> dict[str, tuple[float, float]]:
    return {
        "top": (float(ctx.param("top_min_mm", 20.0)), float(ctx.param("top_max_mm", 25.0))),
        "bottom": (float(ctx.param("bottom_min_mm", 20.0)), float(ctx.param("bottom_max_mm", 25.0))),
        "left": (float(ctx.param("left_min_mm", 30.0)), float(ctx.param("left_max_mm", 35.0))),
        "right": (float(ctx.param("right_min_mm", 15.0)), float(ctx.param("right_max_mm", 20.0))),
    }


@check("ND30-MARGIN")
def margins(ctx: Ctx) -> None:
    doc = ctx.doc
    if doc.kind == "pdf":
        _pdf_margins(ctx)
        return
    ranges = _ranges(ctx)
    tol = float(ctx.param("tolerance_mm", 0.5))
    measured = False
    # group identical findings over sections
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    landscape_secs: set[int] = set()
    for s in doc.sections:
        values = {"top": s.margin_top, "bottom": s.margin_bottom, "left": s.margin_left, "right": s.margin_right}
        if s.orientation == "landscape" or (s.page_width and s.page_height and s.page_width > s.page_height):
            landscape_secs.add(s.index)
        for side, v in values.items():
            if v is None:
                continue
            measured = True
            lo, hi = ranges[side]
            if not (lo - tol <= v / MM <= hi + tol):
                found[(side, f"{v / MM:.1f}".rstrip("0").rstrip("."))].append(s.index)
    if not measured:
        ctx.not_evaluated("Không đọc được lề trang.", "The page margins could not be read.")
        return
    for (side, actual), secs in found.items():
        lo, hi = ranges[side]
        # A17: the decree does not say how margins map on a landscape page → warning only there
        sev = "warning" if all(i in landscape_secs for i in secs) else None
        ctx.fail(_first_para_of_section(doc, secs[0]), key="default", severity=sev,
                 expected=f"{lo:g}–{hi:g} mm", actual=f"{actual} mm", side=_SIDE_VI[side], side_en=side,
                 sections=_pages([i + 1 for i in secs]))


# Blocks laid out by borderless tables (header ô 1–4, signature ô 7, Nơi nhận): Word users and
# the decree's own templates let these tables run a few millimetres past the text area, so they
# say nothing about the page margins sideways (they still count for top and bottom).
_TABLE_BLOCK_ROLES = frozenset({
    Role.QUOC_HIEU, Role.TIEU_NGU, Role.CQ_CHU_QUAN, Role.CQ_BAN_HANH, Role.SO_KY_HIEU, Role.DIA_DANH_NGAY,
    Role.VV, Role.QUYEN_HAN, Role.CHUC_VU, Role.CHU_KY, Role.HO_TEN, Role.NOI_NHAN, Role.NOI_NHAN_ITEM,
})


def _page_text_box(doc: Document, page: int) -> tuple[float, float, float, float, int] | None:
    """(x0, top, x1, bottom, lines) of the author's text on a page: page numbers, header/footer
    text and signature stamps excluded (they legitimately sit in the margins); header and
    signature layout blocks excluded from the sideways extent."""
    x0 = top = math.inf
    x1 = bottom = -math.inf
    lines = 0
    for p in doc.paragraphs:
        if p.page != page or p.role in (Role.PAGE_NUMBER, Role.STAMP):
            continue
        if p.container in ("header", "footer", "signature") and not p.extra.get("footnote"):
            continue  # footnotes sit inside the text area (above the bottom margin): they count
        runs = [r for r in p.runs if r.visible and not r.from_signature]
        geo = [r for r in runs if r.x0 is not None and r.x1 is not None and r.top is not None and r.bottom is not None]
        sideways = p.role not in _TABLE_BLOCK_ROLES
        if geo:
            if sideways:
                x0 = min(x0, min(r.x0 for r in geo))
                x1 = max(x1, max(r.x1 for r in geo))
            top = min(top, min(r.top for r in geo))
            bottom = max(bottom, max(r.bottom for r in geo))
            lines += max(1, p.lines)
        elif runs and p.x0 is not None and p.x1 is not None and p.top is not None and p.bottom is not None:
            if sideways:
                x0, x1 = min(x0, p.x0), max(x1, p.x1)
            top, bottom = min(top, p.top), max(bottom, p.bottom)
            lines += max(1, p.lines)
    if lines == 0:
        return None
    return x0, top, x1, bottom, lines


def _pdf_margins(ctx: Ctx) -> None:
    doc = ctx.doc
    ranges = _ranges(ctx)
    tol = float(ctx.param("tolerance_mm", 0.5))
    slack = float(ctx.param("measured_slack_mm", 3.0))
    min_lines = int(ctx.param("min_lines", 10))
    judged = 0
    narrow: dict[str, list[tuple[int, float]]] = defaultdict(list)
    # "too wide" is judged on the narrowest measure over well-filled pages (a margin is one
    # setting; single pages start lower after empty lines or end early at a page break)
    filled: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for pg in doc.pages:
        if not pg.has_text:
            continue
        box = _page_text_box(doc, pg.number)
        if box is None and any(p.page == pg.number for p in doc.paragraphs):
            continue  # only a page number / stamp on the page: nothing to measure
        if box is None and pg.text_x0 is not None and pg.text_x1 is not None and pg.text_top is not None \
                and pg.text_bottom is not None:
            box = (pg.text_x0, pg.text_top, pg.text_x1, pg.text_bottom, 0)
        if box is None:
            continue
        x0, top, x1, bottom, lines = box
        w, h = pg.width, pg.height  # the displayed page (after /Rotate), as the text positions are
        judged += 1
        measured = {"top": top / MM, "bottom": (h - bottom) / MM}
        if math.isfinite(x0) and math.isfinite(x1):
            measured.update(left=x0 / MM, right=(w - x1) / MM)
        for side, m in measured.items():
            lo, hi = ranges[side]
            if m < lo - tol:
                narrow[side].append((pg.number, m))
            elif lines >= min_lines and side in ("left", "right", "top"):
                filled[side].append((pg.number, m))
    if not judged:
        ctx.not_evaluated("Không có trang nào đủ chữ để đo lề.", "No page has enough text to measure the margins.")
        return
    landscape = {pg.number for pg in doc.pages if pg.width > pg.height * 1.02}
    for side, items in narrow.items():
        lo, hi = ranges[side]
        worst = min(m for _, m in items)
        # A17: the decree does not say how margins map on a landscape page → warning only there
        sev = "warning" if all(p in landscape for p, _ in items) else None
        ctx.fail(None, key="pdf-narrow", page=items[0][0], expected=f"≥ {lo:g} mm", actual=f"{worst:.1f} mm",
                 severity=sev, side=_SIDE_VI[side], side_en=side, pages=_pages([p for p, _ in items]))
    for side, items in filled.items():
        lo, hi = ranges[side]
        best = min(m for _, m in items)
        if best <= hi + tol + slack or side in narrow:
            continue
        ctx.fail(None, key="pdf-wide", severity="warning", page=items[0][0], expected=f"≤ {hi:g} mm",
                 actual=f"{best:.1f} mm", side=_SIDE_VI[side], side_en=side, pages=_pages([p for p, _ in items]))


# --------------------------------------------------------------------------------------------
# ND30-FONT and ND30-COLOR
# --------------------------------------------------------------------------------------------

_SUBSET = re.compile(r"^[A-Z]{6}\+")


def font_family(name: str) -> str:
    """Normalised family key: subset prefix, style suffixes, spaces and case dropped.

    "ABCDEF+TimesNewRomanPS-BoldMT" → "timesnewroman"; "Times New Roman,Bold" → "timesnewroman"."""
    n = _SUBSET.sub("", name.strip())
    n = n.split(",")[0]
    key = re.sub(r"[\s_-]", "", n).lower()
    key = re.sub(r"(ps)?(bold|italic|regular|oblique)*(mt)?$", "", key) or key
    return key


def is_times_new_roman(name: str, accepted: list[str] | None = None) -> bool:
    fam = font_family(name)
    for a in accepted or ["Times New Roman"]:
        if fam == font_family(a):
            return True
    return False


def _where(p: Paragraph) -> str:
    return f"{p.page}" if p.page is not None else "?"


@check("ND30-FONT")
def font(ctx: Ctx) -> None:
    """Every visible run in Times New Roman. One finding per other font found, with how many
    runs use it and where it first appears. Signature stamps are the signing software's."""
    doc = ctx.doc
    accepted = list(ctx.param("accepted", ["Times New Roman"]))
    others: dict[str, list[tuple[Paragraph, Run]]] = defaultdict(list)
    stamp_fonts: dict[str, Paragraph] = {}
    unknown = 0
    total = 0
    for p in doc.paragraphs:
        for r in p.runs:
            if not r.visible:
                continue
            if r.from_signature:
                if r.font and not is_times_new_roman(r.font, accepted):
                    stamp_fonts.setdefault(_display_font(r.font), p)
                continue
            total += 1
            if r.font is None:
                unknown += 1
            elif not is_times_new_roman(r.font, accepted):
                others[_display_font(r.font)].append((p, r))
    if total == 0:
        ctx.not_evaluated("Không có chữ để kiểm tra phông.", "No text to check the font of.")
        return
    for name, items in sorted(others.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        p, r = items[0]
        enc = legacy_encoding(name)  # TCVN3 / VNI: the text was decoded by the reader; say why it is wrong
        if enc is not None:
            ctx.fail(p, key="legacy-encoding", expected="Unicode Times New Roman", actual=name,
                     excerpt=excerpt_of(r.shown_text), count=len(items), font=name, encoding=enc)
            continue
        if _MATH_FONT.search(name):
            # formulas set by Word's equation editor (OMML) come out in its OpenType math font:
            # Times New Roman has no math layout, so this is said, not failed
            ctx.fail(p, key="math-font", severity="warning", expected="Times New Roman", actual=name,
                     excerpt=excerpt_of(r.text), count=len(items), font=name)
            continue
        ctx.fail(p, expected="Times New Roman", actual=name, excerpt=excerpt_of(r.text), count=len(items),
                 font=name)
    for name, p in stamp_fonts.items():
        ctx.note(p, key="stamp-font", actual=name, font=name)
    if unknown and not others:
        ctx.not_evaluated(f"Không xác định được phông của {unknown} đoạn chữ.",
                          f"The font of {unknown} text run(s) could not be determined.")


_MATH_FONT = re.compile(r"\bmath\b|math$", re.IGNORECASE)  # Cambria Math, STIX Two Math, Latin Modern Math


def _display_font(name: str) -> str:
    n = _SUBSET.sub("", name.strip())
    return n.split(",")[0]


def _rgb(color: str) -> tuple[int, int, int] | None:
    c = color.strip().lstrip("#")
    if len(c) != 6:
        return None
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return None


@check("ND30-COLOR")
def color(ctx: Ctx) -> None:
    """Text black or automatic. Near-black (every channel ≤ ``near_black_max``) counts as black:
    PDF writers and colour profiles shift pure black by a few units."""
    doc = ctx.doc
    limit = int(ctx.param("near_black_max", 40))
    others: dict[str, list[tuple[Paragraph, Run]]] = defaultdict(list)
    unknown = 0
    for p in doc.paragraphs:
        for r in p.runs:
            if not r.visible or r.from_signature or r.color is None:
                continue
            if r.color.lower() in ("auto", "000000"):
                continue
            rgb = _rgb(r.color)
            if rgb is None:
                unknown += 1
                continue
            if max(rgb) <= limit:
                continue
            others[r.color.upper()].append((p, r))
    for c, items in sorted(others.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        p, r = items[0]
        ctx.fail(p, expected={"vi": "đen", "en": "black"}, actual=f"#{c}", excerpt=excerpt_of(r.text),
                 count=len(items), color=f"#{c}")
    if unknown and not others:
        ctx.not_evaluated(f"Không đọc được màu của {unknown} đoạn chữ.", f"The colour of {unknown} run(s) is unreadable.")


# --------------------------------------------------------------------------------------------
# ND30-PAGE-NUMBER
# --------------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^[IVXLCDM]+$", re.I)


def estimate_pages(doc: Document) -> float | None:
    """Rough page count of a DOCX from its text (Word stores no reliable count): line count from
    Times New Roman advance widths over the text width, line height ≈ 1.15 × size (single), plus
    paragraph spacing. Tables: a row is as tall as its tallest cell. Each later section starts
    on a new page (Word's usual "next page" break). Measured against LibreOffice's layout of the
    sample builds (60 files): median +9 %, range −6 %…+33 % of the real length; hence the
    thresholds one_page_max = 0.85 and more_pages_min = 1.4 leave no wrong call on them."""
    if not doc.sections or doc.sections[0].page_width is None or doc.sections[0].page_height is None:
        return None
    pages = 0.0
    for sec in doc.sections:
        pw = sec.page_width or doc.sections[0].page_width
        ph = sec.page_height or doc.sections[0].page_height
        ml = sec.margin_left if sec.margin_left is not None else 30 * MM
        mr = sec.margin_right if sec.margin_right is not None else 20 * MM
        mt = sec.margin_top if sec.margin_top is not None else 20 * MM
        mb = sec.margin_bottom if sec.margin_bottom is not None else 20 * MM
        text_w = max(pw - ml - mr, 100.0)
        text_h = max(ph - mt - mb, 100.0)
        paras = [p for p in doc.paragraphs if p.section == sec.index
                 and p.container not in ("header", "footer", "signature", "textbox")]
        if not paras:
            continue
        total = 0.0
        cells: dict[tuple[int, int], dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for p in paras:
            size = dominant_size(p) or 13.0
            if p.line_rule == "exact" and p.line_spacing:
                lh = p.line_spacing
            elif p.line_rule == "atLeast" and p.line_spacing:
                lh = max(p.line_spacing, size * 1.15)
            else:
                lh = size * 1.15 * (p.line_spacing or 1.0)
            width = text_w
            if p.cell is not None and 0 <= p.cell.table < len(doc.tables):
                width = text_w / max(1, doc.tables[p.cell.table].cols)
            width -= (p.left_indent or 0) + (p.right_indent or 0)
            w = sum(text_width(r.shown_text, r.size or size, bool(r.bold), bool(r.italic)) for r in p.runs)
            w += max(0.0, p.first_line_indent or 0.0)
            n = max(1, math.ceil(w / max(width, 50.0))) + p.text.count("\n")
            h = n * lh + (p.space_before or 0) + (p.space_after or 0)
            if p.cell is not None:
                cells[(p.cell.table, p.cell.row)][p.cell.col] += h
            else:
                total += h
        total += sum(max(cols.values()) for cols in cells.values())
        if pages:
            pages = math.ceil(pages - 1e-6)  # a new section starts on a new page
        pages += total / text_h
    return pages


def _page_count(doc: Document, more_pages_min: float = 1.4) -> int | None:
    """Pages of the document, None when unknown.

    PDF: exact. DOCX: rendered page breaks when the reader saw them; else the saved count
    (docProps/app.xml ``Pages``), which Word refreshes on save but generators copy from a
    template ("1" in every python-docx file) — so a saved count of 1 is believed only when the
    text's estimated length agrees."""
    if doc.kind == "pdf":
        return doc.page_count if doc.page_count is not None else (len(doc.pages) or None)
    pages = [p.page for p in doc.paragraphs if p.page is not None]
    if pages and max(pages) > 1:
        return max(pages)
    if doc.page_count is not None and doc.page_count > 1:
        return doc.page_count
    if doc.page_count == 1:
        est = estimate_pages(doc)
        if est is None or est <= more_pages_min:
            return 1
    return None


@check("ND30-PAGE-NUMBER")
def page_number(ctx: Ctx) -> None:
    """Numbers on pages 2…, Arabic, centred in the header (top margin), 13–14, none on page 1.

    Page count: PDF knows it. DOCX does not store a reliable one: the reader's value
    (``page_count`` / rendered page breaks) is used when given; otherwise the length of the
    text is estimated. A document with no number that clearly fits on one page passes, one
    that clearly runs longer fails, and in between the rule is not-evaluated."""
    doc = ctx.doc
    lo, hi = ctx.param("size", [13.0, 14.0])
    tol = float(ctx.param("size_tolerance_pt", 0.25))
    if doc.kind == "pdf":
        _pdf_page_number(ctx, float(lo), float(hi), tol)
        return
    fields: list[tuple[int, PageNumberField]] = [(s.index, f) for s in doc.sections for f in s.page_numbers]
    count = _page_count(doc, float(ctx.param("more_pages_min", 1.4)))
    if not fields:
        if "page-number-fields" not in doc.capabilities and doc.capabilities:
            ctx.not_evaluated("Trình đọc không đọc được trường số trang.", "The reader cannot read page number fields.")
            return
        if count is not None:
            if count > 1:
                ctx.fail(None, key="missing", expected={"vi": "có số trang từ trang 2", "en": "numbers from page 2"},
                         actual={"vi": f"không có ({count} trang)", "en": f"none ({count} pages)"}, pages=count)
            return
        est = estimate_pages(doc)
        one = float(ctx.param("one_page_max", 0.85))
        more = float(ctx.param("more_pages_min", 1.4))
        if est is None:
            ctx.not_evaluated("Không biết văn bản dài mấy trang.", "The page count is unknown.")
        elif est > more:
            ctx.fail(None, key="missing", expected={"vi": "có số trang từ trang 2", "en": "numbers from page 2"},
                     actual={"vi": f"không có (ước khoảng {est:.1f} trang)", "en": f"none (about {est:.1f} pages)"},
                     pages=f"~{est:.1f}")
        elif est > one:
            ctx.not_evaluated(
                f"Văn bản không đánh số trang và dài khoảng {est:.1f} trang: không chắc có vượt quá 1 trang không.",
                f"No page numbers and about {est:.1f} pages long: cannot tell whether it exceeds one page.")
        return
    if count == 1:
        return  # one-page documents pass whatever their header holds
    unknown = False
    reported: set[str] = set()

    def once(key: str, **kw: Any) -> None:
        if key not in reported:
            reported.add(key)
            ctx.fail(None, key=key, **kw)

    for sec, f in fields:
        if f.where != "header":
            once("not-top", expected={"vi": "lề trên (header)", "en": "top margin (header)"},
                 actual={"vi": "lề dưới (footer)" if f.where == "footer" else "trong thân văn bản",
                         "en": "bottom margin (footer)" if f.where == "footer" else "in the body"})
        if f.alignment is None:
            unknown = True
        elif f.alignment != "center":
            once("not-centred", expected={"vi": "giữa", "en": "centred"}, actual=_ALIGN.get(f.alignment, f.alignment))
        ok = size_in(f.size, float(lo), float(hi), tol)
        if ok is None:
            unknown = True
        elif not ok:
            once("size", expected=fmt_range(float(lo), float(hi)), actual=fmt_pt(f.size))
        if not f.arabic:
            once("not-arabic", expected={"vi": "số Ả Rập (2, 3, …)", "en": "Arabic digits"},
                 actual={"vi": "số La Mã / chữ", "en": "Roman numerals / letters"})
        if f.first_page and sec == 0:
            once("on-first-page", expected={"vi": "không hiện ở trang 1", "en": "hidden on page 1"},
                 actual={"vi": "hiện ở trang 1", "en": "shown on page 1"})
    if unknown and not ctx.failed:
        ctx.not_evaluated("Không đọc được căn lề hoặc cỡ chữ của số trang.",
                          "The alignment or size of the page number could not be read.")


_ALIGN = {
    "left": {"vi": "trái", "en": "left"},
    "right": {"vi": "phải", "en": "right"},
    "justify": {"vi": "đều hai bên", "en": "justified"},
    "center": {"vi": "giữa", "en": "centred"},
}


def _pdf_numbers(doc: Document) -> dict[int, tuple[str, Paragraph | None, PageNumberField | None]]:
    """Page → (number text, paragraph, field) as found by the reader / structure recognition."""
    out: dict[int, tuple[str, Paragraph | None, PageNumberField | None]] = {}
    for s in doc.sections:
        for f in s.page_numbers:
            if f.page is not None:
                out[f.page] = (f.text or "", None, f)
    for p in doc.paragraphs:
        if p.role == Role.PAGE_NUMBER and p.page is not None and p.page not in out:
            out[p.page] = (p.text.strip(), p, None)
    for pg in doc.pages:
        if pg.page_number_text and pg.number not in out:
            out[pg.number] = (pg.page_number_text.strip(), None, None)
    return out


def _pdf_page_number(ctx: Ctx, lo: float, hi: float, tol: float) -> None:
    doc = ctx.doc
    count = _page_count(doc)
    if count is None:
        ctx.not_evaluated("Không biết số trang của tệp.", "The page count is unknown.")
        return
    if count <= 1:
        return
    # the PDF reader looks for a lone number at the top and at the bottom of every page, so
    # "none found" means the pages carry no (Arabic) number
    numbers = _pdf_numbers(doc)
    ctol = float(ctx.param("centre_tolerance_mm", 8.0)) * MM
    # each Phụ lục has its own numbering (PL I, Phần I, Mục III, 1.đ): its first page is a new
    # "page 1" and carries no number
    restarts = {p.page for p in doc.paragraphs if p.role == Role.PL_HEADING and p.page is not None}
    missing = [n for n in range(2, count + 1) if n not in numbers and _page_has_text(doc, n) and n not in restarts]
    if missing and not any(n >= 2 for n in numbers):
        ctx.fail(None, key="missing", expected={"vi": "có số trang từ trang 2", "en": "numbers from page 2"},
                 actual={"vi": f"không có ({count} trang)", "en": f"none ({count} pages)"}, pages=count)
    elif missing:
        ctx.fail(None, key="missing-pages", page=missing[0], expected={"vi": "có số trang", "en": "numbered"},
                 actual={"vi": f"thiếu ở trang {_pages(missing)}", "en": f"missing on page(s) {_pages(missing)}"},
                 pages=_pages(missing))
    if 1 in numbers:
        ctx.fail(None, key="on-first-page", page=1, expected={"vi": "không hiện ở trang 1", "en": "hidden on page 1"},
                 actual={"vi": "hiện ở trang 1", "en": "shown on page 1"})
    bad: dict[str, list[int]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)
    unknown = False
    for n, (text, para, fld) in sorted(numbers.items()):
        if n == 1:
            continue
        t = text.strip().strip("-–— ").strip()
        if t and not t.isdigit() and _ROMAN.match(t):
            bad["not-arabic"].append(n)
        pg = next((x for x in doc.pages if x.number == n), None)
        where = fld.where if fld is not None else None
        top = para.top if para is not None else None
        if where is None and top is not None and pg is not None:
            where = "header" if top < pg.height / 2 else "footer"
        if where is None:
            unknown = True
        elif where != "header":
            bad["not-top"].append(n)
        cx = None
        if para is not None and para.x0 is not None and para.x1 is not None:
            cx = (para.x0 + para.x1) / 2
        if cx is not None and pg is not None:
            box = _page_text_box(doc, n)
            centres = [pg.width / 2] + ([(box[0] + box[2]) / 2] if box and math.isfinite(box[0] + box[2]) else [])
            if min(abs(cx - c) for c in centres) > ctol:
                bad["not-centred"].append(n)
        elif fld is not None and fld.alignment is not None:
            if fld.alignment != "center":
                bad["not-centred"].append(n)
        else:
            unknown = True
        size = fld.size if fld is not None and fld.size is not None else (dominant_size(para) if para else None)
        ok = size_in(size, lo, hi, tol)
        if ok is None:
            unknown = True
        elif not ok:
            sizes[fmt_pt(size)].append(n)
    words = {
        "not-arabic": ({"vi": "số Ả Rập", "en": "Arabic digits"}, {"vi": "số La Mã", "en": "Roman numerals"}),
        "not-top": ({"vi": "lề trên", "en": "top margin"}, {"vi": "lề dưới", "en": "bottom margin"}),
        "not-centred": ({"vi": "giữa", "en": "centred"}, {"vi": "lệch khỏi giữa", "en": "off centre"}),
    }
    for key, pages in bad.items():
        exp, act = words[key]
        ctx.fail(None, key=key, page=pages[0], expected=exp, actual=act, pages=_pages(pages))
    for s, pages in sizes.items():
        ctx.fail(None, key="size", page=pages[0], expected=fmt_range(lo, hi), actual=s, pages=_pages(pages))
    if unknown and not ctx.failed:
        ctx.not_evaluated("Không đo được vị trí hoặc cỡ chữ của số trang.",
                          "The position or size of the page numbers could not be measured.")


def _page_has_text(doc: Document, n: int) -> bool:
    pg = next((x for x in doc.pages if x.number == n), None)
    return pg is None or pg.has_text


# --------------------------------------------------------------------------------------------
# ND30-SIZE-PAIR
# --------------------------------------------------------------------------------------------


@check("ND30-SIZE-PAIR")
def size_pair(ctx: Ctx) -> None:
    """Quốc hiệu / Tiêu ngữ / date sizes rise and fall together (footnote 2 of Mục V):
    13/14/14 or 12/13/13. Biên bản has no date line: the first two are compared alone."""
    doc = ctx.doc
    pairs = [tuple(float(v) for v in t) for t in ctx.param("pairs", [[13, 14, 14], [12, 13, 13]])]
    tol = float(ctx.param("size_tolerance_pt", 0.25))
    from .header import qh_tn

    qhs, tns, _split = qh_tn(doc)
    qh, tn, date = (qhs[0] if qhs else None), (tns[0] if tns else None), doc.first(Role.DIA_DANH_NGAY)
    if qh is None or tn is None:
        if doc.facts.is_appendix:
            ctx.not_applicable("Phụ lục tách rời không có Quốc hiệu.", "A separate appendix has no national title.")
        else:
            ctx.not_applicable("Không thấy Quốc hiệu/Tiêu ngữ (xem ND30-QH-TEXT, ND30-TN-TEXT).",
                               "National title / motto not found (see ND30-QH-TEXT, ND30-TN-TEXT).")
        return
    sizes = [dominant_size(qh), dominant_size(tn)]
    if date is not None:
        sizes.append(dominant_size(date))
    if any(s is None for s in sizes):
        ctx.not_evaluated("Không đo được cỡ chữ của Quốc hiệu, Tiêu ngữ hoặc dòng ngày tháng.",
                          "The size of the national title, motto or date line is unknown.")
        return
    n = len(sizes)
    for pair in pairs:
        if all(abs(s - e) <= tol for s, e in zip(sizes, pair[:n])):
            return
    expected = " hoặc ".join("/".join(fmt_pt(v) for v in p[:n]) for p in pairs)
    expected_en = " or ".join("/".join(fmt_pt(v) for v in p[:n]) for p in pairs)
    ctx.fail(qh, expected={"vi": expected, "en": expected_en}, actual="/".join(fmt_pt(s) for s in sizes))
