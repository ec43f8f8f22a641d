"""Page setup checks: paper size, orientation, margins, font, colour and the Quốc hiệu /
Tiêu ngữ / date size pairing (how PDFs are judged: see the package docstring)."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

from ...measure.pages import (
    is_landscape,
    page_has_table,
    page_text_box,
    page_text_parts,
    section_has_table,
)
from ...measure.runs import dominant_error, dominant_size, matches_size
from ...model import MM, Cap, Document, Paragraph, Role, Run
from ...text.encodings import legacy_encoding
from ..base import Change, Ctx, Phrase, Term, check, excerpt_of
from ..common import fmt_pt, page_ranges
from ..fixes import nearest, runs_to, sizes_to

# --------------------------------------------------------------------------------------------
# ND30-PAGE-SIZE
# --------------------------------------------------------------------------------------------


def _fmt_mm(w: float, h: float) -> str:
    return f"{w / MM:.0f} × {h / MM:.0f} mm"


def _is_a4(w: float, h: float, width_mm: float, height_mm: float, tol_mm: float) -> bool:
    a, b = sorted((w / MM, h / MM))
    return abs(a - width_mm) <= tol_mm and abs(b - height_mm) <= tol_mm


@check("ND30-PAGE-SIZE", fixable=True)
def page_size(ctx: Ctx) -> None:
    """A4 (either orientation; orientation is ND30-PAGE-ORIENT's business). Scanned pages get
    a wider tolerance: scanners add a millimetre or two around the sheet."""
    doc = ctx.doc
    wmm = float(ctx.param("width_mm"))
    hmm = float(ctx.param("height_mm"))
    tol = float(ctx.param("tolerance_mm"))
    tol_scan = float(ctx.param("tolerance_scan_mm"))
    expected = f"{wmm:g} × {hmm:g} mm"
    if doc.pages:  # rendered pages: each page as printed
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
                         pages=page_ranges(pages))
            else:
                ctx.fail(None, expected=expected, actual=size, page=pages[0], pages=page_ranges(pages))
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
        ctx.not_evaluated(key="the-page-size-could-not-be-read")
        return
    for size, secs in bad_s.items():
        para = _first_para_of_section(doc, secs[0] - 1)
        ctx.fail(para, expected=expected, actual=size, sections=page_ranges(secs),
                 fix=[_a4(doc.sections[i - 1], wmm, hmm) for i in secs])


def _a4(s: Any, wmm: float, hmm: float) -> Change:
    """The section's paper → the rule's size (A4), in the section's own orientation."""
    w, h = wmm * MM, hmm * MM
    landscape = s.orientation == "landscape" or (s.page_width or 0) > (s.page_height or 0)
    return Change(s, "page_size", (h, w) if landscape else (w, h), before=(s.page_width, s.page_height))


def _first_para_of_section(doc: Document, sec: int) -> Paragraph | None:
    for p in doc.paragraphs:
        if p.section == sec and not p.is_empty and p.container not in ("header", "footer"):
            return p
    return None


# --------------------------------------------------------------------------------------------
# ND30-PAGE-ORIENT
# --------------------------------------------------------------------------------------------


@check("ND30-PAGE-ORIENT", fixable=True)
def page_orient(ctx: Ctx) -> None:
    """Portrait; a landscape section is fine only when it holds a data table (bordered, or more
    than two columns). The borderless layout tables of the header/signature don't count."""
    doc = ctx.doc
    if doc.pages:  # rendered pages: each page as printed
        landscape = [pg for pg in doc.pages if is_landscape(pg.width, pg.height, pg.rotation)]
        if not landscape:
            return
        unknown: list[int] = []
        prose: list[int] = []
        for pg in landscape:
            verdict = page_has_table(doc, pg.number)
            if verdict is None:
                unknown.append(pg.number)
            elif not verdict:
                prose.append(pg.number)
        if prose:
            ctx.fail(None, page=prose[0], expected=Term("portrait"),
                     actual=Term("landscape"), pages=page_ranges(prose))
        if unknown and not prose:
            ctx.not_evaluated(key="landscape-unknown", pages=page_ranges(unknown))
        return
    known = False
    for s in doc.sections:
        orient = s.orientation
        if orient is None and s.page_width is not None and s.page_height is not None:
            orient = "landscape" if s.page_width > s.page_height else "portrait"
        if orient is None:
            continue
        known = True
        if orient == "landscape" and not section_has_table(doc, s.index):
            ctx.fail(_first_para_of_section(doc, s.index), expected=Term("portrait"),
                     actual=Term("landscape"), pages=f"section {s.index + 1}",
                     section=s.index + 1, fix=Change(s, "orientation", "portrait", before="landscape"))
    if not known:
        ctx.not_evaluated(key="the-page-orientation-could-not-be")


# --------------------------------------------------------------------------------------------
# ND30-MARGIN
# --------------------------------------------------------------------------------------------

_SIDES = ("top", "bottom", "left", "right")
_SIDE = {side: Term("margin-" + side) for side in _SIDES}  # [terms.margin-top] …


def _ranges(ctx: Ctx) -> dict[str, tuple[float, float]]:
    return {
        "top": (float(ctx.param("top_min_mm")), float(ctx.param("top_max_mm"))),
        "bottom": (float(ctx.param("bottom_min_mm")), float(ctx.param("bottom_max_mm"))),
        "left": (float(ctx.param("left_min_mm")), float(ctx.param("left_max_mm"))),
        "right": (float(ctx.param("right_min_mm")), float(ctx.param("right_max_mm"))),
    }


@check("ND30-MARGIN", fixable=True)
def margins(ctx: Ctx) -> None:
    doc = ctx.doc
    if not ctx.can(Cap.MARGINS_DECLARED):  # margins measured from where the text lies
        _pdf_margins(ctx)
        return
    ranges = _ranges(ctx)
    tol = float(ctx.param("tolerance_mm"))
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
        ctx.not_evaluated(key="the-page-margins-could-not-be-read")
        return
    for (side, actual), secs in found.items():
        lo, hi = ranges[side]
        # A17: the decree does not say how margins map on a landscape page → warning only there
        sev = "warning" if all(i in landscape_secs for i in secs) else None
        ctx.fail(_first_para_of_section(doc, secs[0]), key="default", severity=sev,
                 expected=f"{lo:g}–{hi:g} mm", actual=f"{actual} mm", side=_SIDE[side], side_en=side,
                 sections=page_ranges([i + 1 for i in secs]), fix=[_margin(doc.sections[i], side, lo, hi) for i in secs])


def _margin(s: Any, side: str, lo: float, hi: float) -> Change:
    """A margin out of range → the nearest millimetre value inside it."""
    now = getattr(s, "margin_" + side)
    return Change(s, "margin_" + side, nearest(now / MM, lo, hi, 0) * MM, before=now)


_OPPOSITE = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}


def _shifted(side: str, m: float, measured: dict[str, float], ranges: dict[str, tuple[float, float]],
             tol: float, placement: float) -> bool:
    """On a scanned page a narrow side may only be the sheet lying off-centre on the glass or in
    the feeder, or a copy scaled by a few per cent: the text block's size and place on the sheet
    are known only that well. The side is then not judged narrow when it is short by no more
    than ``placement`` and so are the two opposite margins together."""
    other = _OPPOSITE[side]
    if other not in measured or m < ranges[side][0] - placement:
        return False
    return m + measured[other] >= ranges[side][0] + ranges[other][0] - placement


def _intruder(doc: Document, pg: Any, side: str, limit: float) -> tuple[Paragraph | None, float | None]:
    """The best-read paragraph of a scanned page whose text lies closer to the ``side`` edge
    than ``limit`` (points), and how sure the reading is of it there, capped by the page's.
    Text in the margin is only as sure as the word standing there: a drawn rule or a seal's
    edge taken into a line's last word ("nănT" at 29 % where a rule crosses the end of a line)
    must not make a margin fail, however well the rest of the line was read."""
    best: tuple[Paragraph | None, float | None] = (None, None)
    for p, (x0, top, x1, bottom), sideways, _n in page_text_parts(doc, pg.number):
        dist = {"left": x0, "right": pg.width - x1, "top": top, "bottom": pg.height - bottom}[side]
        if dist >= limit or (side in ("left", "right") and not sideways):
            continue
        conf = _edge_confidence(p, pg, side, limit)
        if conf is not None and pg.confidence is not None:
            conf = min(conf, pg.confidence)
        if best[0] is None or (conf is not None and (best[1] is None or conf > best[1])):
            best = (p, conf)
    return best


def _edge_confidence(p: Paragraph, pg: Any, side: str, limit: float) -> float | None:
    """Left or right: the best confidence of the words that end a line lying in that margin
    (first words for the left, last ones for the right). Else — top, bottom, or words that
    cannot be matched to their lines — the paragraph's extent confidence (where its text
    begins and ends), else its reading confidence."""
    fallback = p.extra.get("extent_confidence", p.reading_confidence)
    if side not in ("left", "right"):
        return fallback
    per_line = _words_by_line(p)
    confs = []
    for r, words in zip(p.runs, per_line):
        if r.x0 is None or r.x1 is None or not words:
            continue
        if (r.x0 if side == "left" else pg.width - r.x1) >= limit:
            continue
        text = r.text.strip(" -–+•")
        edge = words[0] if side == "left" else words[-1]
        if not (text.startswith(edge[0]) if side == "left" else text.endswith(edge[0])):
            return fallback  # the line's end holds ink no confidence was given for
        confs.append(edge[1])
    return max(confs) if confs else fallback


def _words_by_line(p: Paragraph) -> list[list[tuple[str, float]]]:
    """OCR's word confidences of a paragraph shared out over its runs (one per line read), in
    order: a word goes to the run whose text holds it next, this one or a later one; a word no
    run holds is left out. Words the reader joined in the text ("thôngnăn") or marks it kept
    out of the confidences ("-") do not stop the walk."""
    out: list[list[tuple[str, float]]] = [[] for _ in p.runs]
    cur, pos = 0, 0
    for word in p.extra.get("word_confidences") or []:
        for k in range(cur, len(p.runs)):
            at = p.runs[k].text.find(word[0], pos if k == cur else 0)
            if at >= 0:
                cur, pos = k, at + len(word[0])
                out[k].append(word)
                break
    return out


def _pdf_margins(ctx: Ctx) -> None:
    """Kept whole: one measurement per page and side feeding the two judgements (text in the
    margin; margin too wide)."""
    doc = ctx.doc
    ranges = _ranges(ctx)
    tol = float(ctx.param("tolerance_mm"))
    slack = float(ctx.param("measured_slack_mm"))
    min_lines = int(ctx.param("min_lines"))
    placement = float(ctx.param("scan_placement_mm"))
    judged = 0
    narrow: dict[str, list[tuple[int, float]]] = defaultdict(list)
    # "too wide" is judged on the narrowest measure over well-filled pages (a margin is one
    # setting; single pages start lower after empty lines or end early at a page break)
    filled: dict[str, list[tuple[int, float]]] = defaultdict(list)
    # on scans: the best-read text lying in a narrow margin, page by page
    intruders: dict[str, list[tuple[Paragraph | None, float | None]]] = defaultdict(list)
    for pg in doc.pages:
        if not pg.has_text:
            continue
        box = page_text_box(doc, pg.number)
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
        scanned = pg.dpi is not None  # an image page: its edges are the scanner's, not the sheet's
        for side, m in measured.items():
            lo, hi = ranges[side]
            if m < lo - tol and not (scanned and _shifted(side, m, measured, ranges, tol, placement)):
                narrow[side].append((pg.number, m))
                if scanned:
                    intruders[side].append(_intruder(doc, pg, side, (lo - tol) * MM))
            elif lines >= min_lines and side in ("left", "right", "top") and not (scanned and m <= hi + placement):
                filled[side].append((pg.number, m))
    if not judged:
        ctx.not_evaluated(key="margins-no-text")
        return
    landscape = {pg.number for pg in doc.pages if pg.width > pg.height * 1.02}
    for side, items in narrow.items():
        lo, hi = ranges[side]
        worst = min(m for _, m in items)
        # A17: the decree does not say how margins map on a landscape page → warning only there
        sev = "warning" if all(p in landscape for p, _ in items) else None
        para, conf = max(intruders[side], key=lambda pc: -1.0 if pc[1] is None else pc[1], default=(None, None))
        ctx.fail(para, key="pdf-narrow", page=para.page if para is not None else items[0][0], expected=f"≥ {lo:g} mm", actual=f"{worst:.1f} mm",
                 severity=sev, side=_SIDE[side], side_en=side, pages=page_ranges([p for p, _ in items]),
                 confidence=conf)
    for side, items in filled.items():
        lo, hi = ranges[side]
        best = min(m for _, m in items)
        if best <= hi + tol + slack or side in narrow:
            continue
        ctx.fail(None, key="pdf-wide", severity="warning", page=items[0][0], expected=f"≤ {hi:g} mm",
                 actual=f"{best:.1f} mm", side=_SIDE[side], side_en=side, pages=page_ranges([p for p, _ in items]))


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


@check("ND30-FONT", fixable=True)
def font(ctx: Ctx) -> None:
    """Every visible run in Times New Roman. One finding per other font found, with how many
    runs use it and where it first appears. Signature stamps are the signing software's."""
    doc = ctx.doc
    accepted = list(ctx.param("accepted"))
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
        ctx.not_evaluated(key="no-text-to-check-the-font-of")
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
        # another family set in a run, a style, the defaults or the theme: set the rule's font
        # there (only the Latin slots; east-Asian and complex-script ones are left alone)
        ctx.fail(p, expected="Times New Roman", actual=name, excerpt=excerpt_of(r.text), count=len(items),
                 font=name, fix=runs_to(items, "font", accepted[0]))
    for name, p in stamp_fonts.items():
        ctx.note(p, key="stamp-font", actual=name, font=name)
    if unknown and not others:
        ctx.not_evaluated(key="unknown-fonts", count=unknown)


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


@check("ND30-COLOR", fixable=True)
def color(ctx: Ctx) -> None:
    """Text black or automatic. Near-black (every channel ≤ ``near_black_max``) counts as black:
    PDF writers and colour profiles shift pure black by a few units."""
    doc = ctx.doc
    limit = int(ctx.param("near_black_max"))
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
        ctx.fail(p, expected=Term("black"), actual=f"#{c}", excerpt=excerpt_of(r.text),
                 count=len(items), color=f"#{c}", fix=runs_to(items, "color", "auto"))
    if unknown and not others:
        ctx.not_evaluated(key="unknown-colours", count=unknown)


# --------------------------------------------------------------------------------------------
# ND30-SIZE-PAIR
# --------------------------------------------------------------------------------------------


@check("ND30-SIZE-PAIR", fixable=True)
def size_pair(ctx: Ctx) -> None:
    """Quốc hiệu / Tiêu ngữ / date sizes rise and fall together (footnote 2 of Mục V):
    13/14/14 or 12/13/13. Biên bản has no date line: the first two are compared alone."""
    doc = ctx.doc
    pairs = [tuple(float(v) for v in t) for t in ctx.param("pairs")]
    tol = float(ctx.param("size_tolerance_pt"))
    from ...structure.elements import qh_tn

    qhs, tns, _split = qh_tn(doc)
    qh, tn, date = (qhs[0] if qhs else None), (tns[0] if tns else None), doc.first(Role.DIA_DANH_NGAY)
    if qh is None or tn is None:
        if doc.facts.is_appendix:
            ctx.not_applicable(key="a-separate-appendix-has-no-national")
        else:
            ctx.not_applicable(key="national-title-motto-not-found-see")
        return
    elements = [qh, tn] + ([date] if date is not None else [])
    sizes = [dominant_size(p) for p in elements]
    if any(s is None for s in sizes):
        ctx.not_evaluated(key="the-size-of-the-national-title-motto")
        return
    errors = [dominant_error(p) for p in elements]  # estimates (OCR): only clear answers
    n = len(sizes)
    unclear = False
    for pair in pairs:
        match = [matches_size(s, e, want, tol) for s, e, want in zip(sizes, errors, pair[:n])]  # type: ignore[arg-type]
        if all(m is True for m in match):
            return
        unclear |= False not in match
    if unclear:
        ctx.not_evaluated(key="sizes-estimated-too-close", actual="/".join(fmt_pt(s) for s in sizes))
        return
    expected = Phrase(["/".join(fmt_pt(v) for v in p[:n]) for p in pairs], Term("or-between"))
    # the set nearest to what is there (fewest points changed; the first set on a tie)
    best = min(pairs, key=lambda pair: sum(abs(s - e) for s, e in zip(sizes, pair[:n])))
    fix = [c for el, e in zip((qh, tn, date), best[:n]) if el is not None for c in sizes_to(el, e, tol)]
    ctx.fail(qh, expected=expected, actual="/".join(fmt_pt(s) for s in sizes), fix=fix)
