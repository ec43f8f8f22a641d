"""Running text (ô 6): size, alignment, first-line indent, paragraph and line spacing
(ND30-BODY-SIZE/ALIGN/INDENT/SPACING; PL I, Phần I, Mục II, khoản 6).

Body rules look only at paragraphs that structure recognition labelled ``body`` and that
are not inside a data table: headings, căn cứ lines, the header and the signature block have
their own rules (RULES.md, "How to read the rules"). A value the reader could not measure
(``None``) makes the rule not-evaluated unless something else already failed.
"""

from __future__ import annotations

from ...measure import measured_layout
from ...measure.position import alignment_of, paragraph_gap
from ...measure.runs import dominant_size, run_size_in, size_differs
from ...model import MM, Paragraph
from ..base import Change, Ctx, Term, check
from ..common import extent_confidence, fmt_pt, fmt_range, size_in
from ..fixes import align_fix, nearest, size_fix, sizes_to
from .doubts import late_left_edge, lone_centred_line, right_block, split_last_line, unread_line_end
from .common import (
    ALIGN_WORDS,
    Capped,
    _counting_runs,
    body_paragraphs,
    cm,
    fmt_cm,
    is_continuation,
    letters,
    loc,
)

# --------------------------------------------------------------------------------------------
# ND30-BODY-SIZE
# --------------------------------------------------------------------------------------------


@check("ND30-BODY-SIZE", fixable=True)
def body_size(ctx: Ctx) -> None:
    """Body text 13–14 pt and one size throughout (the dominant size; list who differs)."""
    paras = body_paragraphs(ctx.doc)
    if not paras:
        ctx.not_applicable(key="no-body-paragraphs-found")
        return
    lo, hi = float(ctx.param("min")), float(ctx.param("max"))
    tol = float(ctx.param("tolerance_pt"))
    weight: dict[float, int] = {}
    unknown = 0
    for p in paras:
        for r in _counting_runs(p):
            if r.size is None:
                unknown += 1
            else:
                s = round(r.size * 2) / 2
                weight[s] = weight.get(s, 0) + len(r.text.strip())
    if not weight:
        ctx.not_evaluated(key="body-text-size-could-not-be-measured")
        return
    dom = max(sorted(weight), key=lambda s: weight[s])
    out_range = Capped(ctx, "default")
    mixed = Capped(ctx, "mixed")
    for p in paras:
        runs = [r for r in _counting_runs(p) if r.size is not None]
        states = [run_size_in(r, lo, hi, tol) for r in runs]
        bad = sorted({round(r.size * 2) / 2 for r, st in zip(runs, states) if st is False})  # type: ignore[operator]
        unknown += sum(1 for r, st in zip(runs, states) if st is None and r.size_error)  # estimates too close to say
        if bad:
            out_range.fail(p, expected=fmt_range(lo, hi), actual=", ".join(fmt_pt(s) for s in bad),
                           fix=size_fix(p, lo, hi, tol))
            continue
        if ctx.param("one_size"):
            other = sorted({round(r.size * 2) / 2 for r in runs if size_differs(r, dom, tol)})  # type: ignore[operator]
            if other:  # one size throughout: the document's own dominant one (in range)
                mixed.fail(p, expected=fmt_pt(dom), actual=", ".join(fmt_pt(s) for s in other),
                           fix=sizes_to(p, dom, tol) if size_in(dom, lo, hi, tol) else None)
    out_range.close()
    mixed.close()
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="unknown-sizes", count=unknown)


# --------------------------------------------------------------------------------------------
# ND30-BODY-ALIGN
# --------------------------------------------------------------------------------------------


def _indented_single_line(ctx: Ctx, p: Paragraph) -> bool:
    """A one-line PDF paragraph that the reader calls centred but that starts where a
    first-line indent would put it: an indented line that ends as far from the right edge
    as it starts from the left looks exactly centred. Not a finding either way."""
    box = (p.extra or {}).get("column_box")
    if p.alignment != "center" or p.x0 is None or not box:
        return False
    left = cm(p.x0 - box[0])
    lo, hi = ctx.param("pdf_ambiguous_indent_cm")  # BODY-INDENT falls back to the default
    return lo <= left <= hi


@check("ND30-BODY-ALIGN", fixable=True)
def body_align(ctx: Ctx) -> None:
    """Body paragraphs justified.

    In a PDF a one-line paragraph set justified looks exactly like one set left (there is
    nothing to stretch), so a one-line 'left' paragraph there is not a finding; if that is
    all there is, the rule is not-evaluated."""
    doc = ctx.doc
    paras = body_paragraphs(doc)
    if not paras:
        ctx.not_applicable(key="no-body-paragraphs-found")
        return
    cap = Capped(ctx, "default")
    judged = unknown = 0
    for p in paras:
        a = alignment_of(doc, p)
        if a is None and (p.extra or {}).get("alignment_ambiguous") == "left-or-justify":
            continue  # the PDF reader could not tell left from justified: neither is a finding
        if a is None:
            unknown += 1
            continue
        if a == "justify":
            judged += 1
            continue
        if measured_layout(doc) and p.lines <= 1 and (a == "left" or _indented_single_line(ctx, p)):
            continue  # cannot tell justified from left (or from centred, see below) on a single line
        if lone_centred_line(p):
            ctx.note(p, key="lone-centred-line", actual=ALIGN_WORDS["center"])
            unknown += 1
            continue
        judged += 1
        cap.fail(p, expected=ALIGN_WORDS["justify"], actual=ALIGN_WORDS.get(a, ALIGN_WORDS[None]),
                 fix=align_fix(p, "justify"))
    cap.close()
    if ctx.failed:
        return
    if unknown:
        ctx.not_evaluated(key="unknown-alignment", count=unknown)
    elif not judged:
        ctx.not_evaluated(key="only-one-line-paragraphs-justified")


# --------------------------------------------------------------------------------------------
# ND30-BODY-INDENT
# --------------------------------------------------------------------------------------------


def first_line_start(p: Paragraph, ctx: Ctx | None = None) -> float | None:
    """Where the first line starts relative to the text's left edge (points).

    Numbered khoản/điểm lines made with Word numbering usually carry a left indent and a
    hanging indent; what the reader sees is where the label starts: left + first-line."""
    if p.first_line_indent is None:
        if ctx is not None and measured_layout(ctx.doc) and p.lines <= 1 and _indented_single_line(ctx, p):
            return p.x0 - p.extra["column_box"][0]  # type: ignore[operator]  # see _indented_single_line
        return None
    if p.numbering:
        return (p.left_indent or 0.0) + p.first_line_indent
    return p.first_line_indent


def _doubted_start(p: Paragraph) -> float | None:
    """The confidence an indent finding rests on when the reading doubts where the line begins
    (ink before its first word left unread: OCR's extent_confidence lowered), else None."""
    ext = extent_confidence(p)
    return ext if ext is not None and p.reading_confidence is not None and ext < p.reading_confidence else None


def _indent_doubt(ctx: Ctx, p: Paragraph, v: float, allowed: tuple[float, float], edge: float) -> str | None:
    """Why a scanned paragraph's indent ``v`` (cm) out of range cannot be judged (the message
    key), else None (see ``doubts``)."""
    if allowed[0] <= v <= allowed[1]:
        return None
    if right_block(p):
        return "right-block"
    if split_last_line(ctx.doc, p, edge):
        return "split-last-line"
    if unread_line_end(ctx.doc, p, edge):
        return "unread-line-end"
    late = late_left_edge(p, edge)
    if late is not None and allowed[0] <= cm(late) <= allowed[1]:
        return "late-left-edge"
    return None


@check("ND30-BODY-INDENT", fixable=True)
def body_indent(ctx: Ctx) -> None:
    """First-line indent 1–1.27 cm on body paragraphs (numbered khoản/điểm lines too)."""
    doc = ctx.doc
    paras = [p for p in body_paragraphs(doc) if not is_continuation(doc, p) and letters(p.text) >= 2]
    if not paras:
        ctx.not_applicable(key="no-body-paragraphs-found")
        return
    lo, hi = float(ctx.param("min")), float(ctx.param("max"))
    tol = float(ctx.param("pdf_tolerance_cm") if measured_layout(doc) else ctx.param("tolerance_cm"))
    expected = loc(f"{fmt_cm(lo)}–{fmt_cm(hi)} cm")
    cap = Capped(ctx, "default")
    unknown = 0
    edge = float(ctx.param("scan_edge_mm")) * MM
    for p in paras:
        start = first_line_start(p, ctx)
        if start is None:
            unknown += 1
            continue
        v = cm(start)
        doubt = _indent_doubt(ctx, p, v, (lo - tol, hi + tol), edge)
        if doubt:
            ctx.note(p, key=doubt, actual=loc(f"{fmt_cm(v)} cm"))
            unknown += 1
            continue
        if not (lo - tol <= v <= hi + tol):
            # the nearest allowed indent; a numbered line keeps its left indent (the label starts
            # at left + first-line)
            want = nearest(v, lo, hi, 0) * 10 * MM - ((p.left_indent or 0.0) if p.numbering else 0.0)
            cap.fail(p, expected=expected, actual=loc(f"{fmt_cm(v)} cm"), confidence=_doubted_start(p),
                     fix=Change(p, "first_indent", want, before=p.first_line_indent))
    cap.close()
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="unknown-indent", count=unknown)


# --------------------------------------------------------------------------------------------
# ND30-BODY-SPACING
# --------------------------------------------------------------------------------------------


def _line_verdict(ctx: Ctx, p: Paragraph) -> tuple[bool | None, str]:
    """(ok, actual text) for the paragraph's line spacing."""
    ls, rule = p.line_spacing, p.line_rule
    if ls is None or rule is None:
        return None, ""
    pdf = measured_layout(ctx.doc)  # values estimated from positions: tolerances
    lo_m, hi_m = float(ctx.param("min_multiple")), float(ctx.param("max_multiple"))
    factor = float(ctx.param("single_line_factor"))
    min_exact = float(ctx.param("min_exact_pt"))
    tol = float(ctx.param("pdf_line_tolerance_pt")) if pdf else 0.1
    if rule == "auto":
        mtol = 0.08 if pdf else 0.01
        return (lo_m - mtol <= ls <= hi_m + mtol), f"{ls:.2f}".rstrip("0").rstrip(".") + "×"
    size = dominant_size(p) or float(ctx.param("max_body_pt"))
    upper = hi_m * factor * size + tol
    actual = f"{fmt_pt(ls)} pt"
    if rule == "exact" and ls < min_exact - tol:
        return False, actual
    return ls <= upper, actual


def _gap_fix(prev: Paragraph, p: Paragraph, min_gap: float) -> Change:
    """The space before ``p`` that makes the gap after ``prev`` the rule's minimum."""
    return Change(p, "space_before", max(min_gap - (prev.space_after or 0.0), 0.0), before=p.space_before)


def _line_fix(ctx: Ctx, p: Paragraph) -> Change | None:
    """Line spacing → the nearest value of the range: a multiple into single–1.5 lines; an exact
    or at-least spacing up to 1.5 lines of its text size, or up to the smallest exact value."""
    ls, rule = p.line_spacing, p.line_rule
    if ls is None or rule is None:
        return None
    lo_m, hi_m = float(ctx.param("min_multiple")), float(ctx.param("max_multiple"))
    if rule == "auto":
        return Change(p, "line_spacing", (nearest(ls, lo_m, hi_m, 0), "auto"), before=(ls, rule))
    size = dominant_size(p) or float(ctx.param("max_body_pt"))
    upper = hi_m * float(ctx.param("single_line_factor")) * size
    min_exact = float(ctx.param("min_exact_pt"))
    want = min_exact if rule == "exact" and ls < min_exact else min(ls, upper)
    return Change(p, "line_spacing", (round(want * 20) / 20, rule), before=(ls, rule))


def _judge_gap(ctx: Ctx, gaps: Capped, prev: Paragraph, p: Paragraph, limits: tuple[float, float, float]) -> int:
    """The gap between two consecutive body paragraphs: 1 when it could not be judged (not
    measured, or a scanned line that may be ``prev``'s own last line: a note), else 0."""
    min_gap, gtol, edge = limits
    g = paragraph_gap(ctx.doc, prev, p)
    if g is None:
        return 1
    if g < min_gap - gtol and (split_last_line(ctx.doc, p, edge) or unread_line_end(ctx.doc, p, edge)):
        key = "split-last-line" if split_last_line(ctx.doc, p, edge) else "unread-line-end"
        ctx.note(p, key=key, actual=loc(f"{fmt_pt(g)} pt"))
        return 1
    if g < min_gap - gtol:  # the space before this paragraph makes up the gap
        gaps.fail(p, expected=loc(f"≥ {fmt_pt(min_gap)} pt"), actual=loc(f"{fmt_pt(g)} pt"),
                  fix=_gap_fix(prev, p, min_gap))
    return 0


@check("ND30-BODY-SPACING", fixable=True)
def body_spacing(ctx: Ctx) -> None:
    """Gap between consecutive body paragraphs ≥ 6 pt; line spacing single to 1.5 lines.

    Consecutive means nothing but empty paragraphs between them; an empty paragraph is itself
    a blank line (more than 6 pt), so such a pair passes. PDF values are estimated from the
    baselines, so PDF gets a tolerance and an unknown value is not-evaluated, not a fail."""
    doc = ctx.doc
    paras = body_paragraphs(doc)
    if not paras:
        ctx.not_applicable(key="no-body-paragraphs-found")
        return
    body_ids = {p.index for p in paras}
    min_gap = float(ctx.param("min_gap_pt"))
    gtol = float(ctx.param("pdf_gap_tolerance_pt")) if measured_layout(doc) else 0.05
    edge = float(ctx.param("scan_edge_mm")) * MM
    gaps = Capped(ctx, "default")
    lines = Capped(ctx, "line")
    unknown_gap = unknown_line = measured_line = 0
    prev: Paragraph | None = None
    blank_between = False
    for p in doc.paragraphs:
        if p.container in ("header", "footer"):
            continue
        if p.index not in body_ids:
            if p.is_empty and prev is not None and p.container == prev.container:
                blank_between = True
            else:
                prev, blank_between = None, False
            continue
        if prev is not None and not blank_between and prev.page == p.page and not is_continuation(doc, p):
            unknown_gap += _judge_gap(ctx, gaps, prev, p, (min_gap, gtol, edge))
        prev, blank_between = p, False
        ok, actual = _line_verdict(ctx, p)
        if ok is not None:
            measured_line += 1
        if ok is None:
            if not measured_layout(doc) or p.lines > 1:
                unknown_line += 1
        elif not ok:
            lines.fail(p, expected=Term("single-to-1-5-lines"), actual=loc(actual), fix=_line_fix(ctx, p))
    gaps.close()
    lines.close()
    if ctx.failed:
        return
    if not measured_line:
        # a one-line paragraph has no line spacing: in a PDF where every body paragraph came
        # out as one line (short paragraphs, or lines spaced so far apart that they read as
        # separate paragraphs) the line spacing was never seen
        ctx.not_evaluated(key="line-spacing-not-measured-no-body")
    elif unknown_gap or unknown_line:
        ctx.not_evaluated(key="unknown-spacing", gaps=unknown_gap, lines=unknown_line)
