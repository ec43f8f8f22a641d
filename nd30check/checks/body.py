"""Body (ô 6) checks: size, alignment, indent, spacing of the running text, căn cứ lines,
headings and Kính gửi (PL I, Phần I, Mục II, khoản 6 and 9).

Body rules look only at paragraphs that structure recognition labelled ``body`` and that
are not inside a data table: headings, căn cứ lines, the header and the signature block have
their own rules (RULES.md, "How to read the rules"). A value the reader could not measure
(``None``) makes the rule not-evaluated unless something else already failed.

The small helpers at the top (:func:`doc_type`, :class:`Capped`, :func:`body_paragraphs`,
:func:`tail`) are shared with ``signblock``, ``appendix`` and ``text``.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..doctypes import ABBREVIATIONS, CONG_VAN
from ..model import MM, Document, Paragraph, Role, Run
from .base import Ctx, check
from .common import all_bold, all_italic, dominant_size, fmt_pt, fmt_range, is_all_caps, run_size_in, size_in, text_runs

# --------------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------------

ALIGN_WORDS: dict[str | None, dict[str, str]] = {
    "left": {"vi": "căn trái", "en": "left"},
    "right": {"vi": "căn phải", "en": "right"},
    "center": {"vi": "căn giữa", "en": "centred"},
    "justify": {"vi": "căn đều hai lề", "en": "justified"},
    None: {"vi": "không rõ", "en": "unknown"},
}


def doc_type(doc: Document) -> str | None:
    """The document's type as an Appendix III abbreviation, ``CV`` for công văn, or None."""
    f = doc.facts
    for value in (f.type_abbr, f.type):
        if value and (value in ABBREVIATIONS or value == CONG_VAN):
            return value
    return None


def alignment_of(doc: Document, p: Paragraph) -> str | None:
    """Effective alignment. In a .docx, no ``w:jc`` anywhere in the style cascade is not
    "unknown": OOXML's default is left (start), and Word shows the paragraph left-aligned."""
    if p.alignment is None and doc.kind == "docx":
        return "left"
    return p.alignment


def in_data_table(doc: Document, p: Paragraph) -> bool:
    if p.cell is None or not (0 <= p.cell.table < len(doc.tables)):
        return False
    return doc.tables[p.cell.table].is_data_table


def is_continuation(doc: Document, p: Paragraph) -> bool:
    """A paragraph that is really the rest of the one before it, with no first line of its own:
    a PDF paragraph continued from the previous page (the reader marks it), or, in a PDF, a
    "paragraph" starting with a lower-case word (a last line the layout split off). A điểm
    label such as "a)" or "đ)" starts with a lower-case letter and is not a continuation."""
    ex = p.extra or {}
    if ex.get("continues_from_previous_page") or ex.get("continuation"):
        return True
    if doc.kind == "pdf" and not p.numbering:
        t = p.text.lstrip()
        if t[:1].islower() and not re.match(r"^[a-zđ]\)", t):
            return True
    return False


def is_caps_lead_in(p: Paragraph) -> bool:
    """A short centred capitals line such as "QUYẾT ĐỊNH:" or "QUYẾT NGHỊ:" that the decree's
    templates put between the căn cứ and the articles: a heading-like line, not running text."""
    t = " ".join(p.shown_text.split())
    return (t.endswith(":") and len(t) <= 40 and len(t.split()) <= 4 and any(c.isalpha() for c in t)
            and not any(c.islower() for c in t))


_DIEU_LEAD = re.compile(r"^\s*Điều\s+\d+\s*[.:]?\s*", re.IGNORECASE)


def _dieu_with_text(p: Paragraph, min_letters: int = 60) -> bool:
    """"Điều 1. Thành lập Tổ …" typed as one paragraph (as in most real quyết định) is running
    text of the body: its size, indent and alignment are the body's (PL I.I.II.6), so the body
    checks must see it instead of finding "no body paragraphs" in a quyết định."""
    rest = _DIEU_LEAD.sub("", p.shown_text, count=1)
    return letters(rest) >= min_letters


def body_paragraphs(doc: Document) -> list[Paragraph]:
    """Running-text paragraphs: role ``body``, in the document body, not in a data table nor
    in one column of a two-column block (header, signature)."""
    out = []
    recipients = kinh_gui_lines(doc) if doc.with_role(Role.KINH_GUI) else set()
    for p in doc.paragraphs:
        if p.role == Role.HEADING_DIEU and not _dieu_with_text(p):
            continue  # a bare "Điều 1. Tên điều" heading line: ND30-HEADINGS judges it
        if p.role not in (Role.BODY, Role.HEADING_DIEU) or p.container in ("header", "footer", "signature", "textbox"):
            continue
        if in_data_table(doc, p) or p.is_empty or is_caps_lead_in(p) or p.index in recipients:
            continue
        if p.column in ("left", "right"):
            continue  # one side of a two-column header/signature block, not running text
        out.append(p)
    return out


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def tail(text: str) -> str:
    """Last visible character of a line, the closing "./." marker of a document ignored."""
    t = text.rstrip()
    if t.endswith("./."):
        t = t[:-2]
    return t[-1:] if t else ""


def cm(points: float) -> float:
    return points / MM / 10.0


def fmt_cm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def loc(value: str) -> dict[str, str]:
    """A number for both languages: Vietnamese writes a decimal comma."""
    return {"vi": value.replace(".", ","), "en": value}


def split_lines(p: Paragraph) -> list[Paragraph]:
    """A paragraph cut at its manual line breaks (Shift+Enter), one light copy per line.

    Word users often type a whole block — "Nơi nhận:" and its list, "TM. ỦY BAN NHÂN DÂN" and
    "CHỦ TỊCH", "Kính gửi:" and its recipients — as one paragraph with line breaks. Each copy
    keeps the paragraph's index and formatting and only the runs of its line (a run holding a
    break is cut in two), so line rules can judge each line on its own."""
    if not any("\n" in r.text for r in p.runs):
        return [p]
    lines: list[list[Run]] = [[]]
    for r in p.runs:
        parts = r.text.split("\n")
        for j, part in enumerate(parts):
            if j:
                lines.append([])
            if part:
                piece = copy.copy(r)
                piece.text = part
                lines[-1].append(piece)
    out = []
    for k, runs in enumerate(lines):
        if not any(r.visible for r in runs):
            continue
        q = copy.copy(p)
        q.runs = runs
        q.numbering = p.numbering if k == 0 else None
        out.append(q)
    return out or [p]


class Capped:
    """Reports findings of one key until a cap, then one summary finding (``more`` key).

    Why: a document typed entirely at the wrong size would otherwise give one finding per
    paragraph; a clerk needs the first few places and the count."""

    def __init__(self, ctx: Ctx, key: str, limit: int | None = None):
        self.ctx, self.key = ctx, key
        self.limit = int(limit if limit is not None else ctx.param("max_findings", 15))
        self.count = 0

    def fail(self, para: Paragraph | None, **kw: Any) -> None:
        self.count += 1
        if self.count <= self.limit:
            self.ctx.fail(para, key=self.key, **kw)

    def close(self) -> None:
        extra = self.count - self.limit
        if extra > 0:
            self.ctx.fail(None, key="more", count=extra, what=self.key)


def _counting_runs(p: Paragraph) -> list:
    """Visible runs that carry words: one- or two-character runs without letters (footnote
    marks, superscript "2" of m²) are left out of size comparisons."""
    return [r for r in text_runs(p) if letters(r.text) or len(r.text.strip()) > 2]


# --------------------------------------------------------------------------------------------
# ND30-BODY-SIZE
# --------------------------------------------------------------------------------------------


@check("ND30-BODY-SIZE")
def body_size(ctx: Ctx) -> None:
    """Body text 13–14 pt and one size throughout (the dominant size; list who differs)."""
    paras = body_paragraphs(ctx.doc)
    if not paras:
        ctx.not_applicable("Không thấy đoạn nội dung nào", "No body paragraphs found")
        return
    lo, hi = float(ctx.param("min_pt", 13)), float(ctx.param("max_pt", 14))
    tol = float(ctx.param("tolerance_pt", 0.25))
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
        ctx.not_evaluated("Không đo được cỡ chữ của phần nội dung", "Body text size could not be measured")
        return
    dom = max(sorted(weight), key=lambda s: weight[s])
    out_range = Capped(ctx, "default")
    mixed = Capped(ctx, "mixed")
    for p in paras:
        runs = [r for r in _counting_runs(p) if r.size is not None]
        sizes = sorted({round(r.size * 2) / 2 for r in runs})  # type: ignore[operator]
        bad = sorted({round(r.size * 2) / 2 for r in runs if run_size_in(r, lo, hi, tol) is False})  # type: ignore[operator]
        unknown += sum(1 for r in runs if r.size_error and run_size_in(r, lo, hi, tol) is None)
        if bad:
            out_range.fail(p, expected=fmt_range(lo, hi), actual=", ".join(fmt_pt(s) for s in bad))
            continue
        if ctx.param("one_size", True):
            # an estimated size (OCR) differs only when it differs by more than its error bar
            other = sorted({round(r.size * 2) / 2 for r in runs  # type: ignore[operator]
                            if abs(r.size - dom) > tol + 2 * (r.size_error or 0.0)})  # type: ignore[operator]
            if other:
                mixed.fail(p, expected=fmt_pt(dom), actual=", ".join(fmt_pt(s) for s in other))
    out_range.close()
    mixed.close()
    if unknown and not ctx.failed:
        ctx.not_evaluated(f"{unknown} đoạn chữ không đo được cỡ chữ", f"{unknown} runs have no measurable size")


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
    lo, hi = ctx.param("pdf_ambiguous_indent_cm", [0.9, 1.4])  # BODY-INDENT falls back to the default
    return lo <= left <= hi


@check("ND30-BODY-ALIGN")
def body_align(ctx: Ctx) -> None:
    """Body paragraphs justified.

    In a PDF a one-line paragraph set justified looks exactly like one set left (there is
    nothing to stretch), so a one-line 'left' paragraph there is not a finding; if that is
    all there is, the rule is not-evaluated."""
    doc = ctx.doc
    paras = body_paragraphs(doc)
    if not paras:
        ctx.not_applicable("Không thấy đoạn nội dung nào", "No body paragraphs found")
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
        if doc.kind == "pdf" and p.lines <= 1 and (a == "left" or _indented_single_line(ctx, p)):
            continue  # cannot tell justified from left (or from centred, see below) on a single line
        judged += 1
        cap.fail(p, expected=ALIGN_WORDS["justify"], actual=ALIGN_WORDS.get(a, ALIGN_WORDS[None]))
    cap.close()
    if ctx.failed:
        return
    if unknown:
        ctx.not_evaluated(f"{unknown} đoạn không xác định được cách căn lề",
                          f"{unknown} paragraphs have no measurable alignment")
    elif not judged:
        ctx.not_evaluated("Các đoạn chỉ có một dòng: không phân biệt được căn đều với căn trái trong PDF",
                          "Only one-line paragraphs: justified and left look the same in a PDF")


# --------------------------------------------------------------------------------------------
# ND30-BODY-INDENT
# --------------------------------------------------------------------------------------------


def first_line_start(p: Paragraph, ctx: Ctx | None = None) -> float | None:
    """Where the first line starts relative to the text's left edge (points).

    Numbered khoản/điểm lines made with Word numbering usually carry a left indent and a
    hanging indent; what the reader sees is where the label starts: left + first-line."""
    if p.first_line_indent is None:
        if ctx is not None and ctx.doc.kind == "pdf" and p.lines <= 1 and _indented_single_line(ctx, p):
            return p.x0 - p.extra["column_box"][0]  # type: ignore[operator]  # see _indented_single_line
        return None
    if p.numbering:
        return (p.left_indent or 0.0) + p.first_line_indent
    return p.first_line_indent


@check("ND30-BODY-INDENT")
def body_indent(ctx: Ctx) -> None:
    """First-line indent 1–1.27 cm on body paragraphs (numbered khoản/điểm lines too)."""
    doc = ctx.doc
    paras = [p for p in body_paragraphs(doc) if not is_continuation(doc, p) and letters(p.text) >= 2]
    if not paras:
        ctx.not_applicable("Không thấy đoạn nội dung nào", "No body paragraphs found")
        return
    lo, hi = float(ctx.param("min_cm", 1.0)), float(ctx.param("max_cm", 1.27))
    tol = float(ctx.param("pdf_tolerance_cm" if doc.kind == "pdf" else "tolerance_cm", 0.05))
    expected = loc(f"{fmt_cm(lo)}–{fmt_cm(hi)} cm")
    cap = Capped(ctx, "default")
    unknown = 0
    for p in paras:
        start = first_line_start(p, ctx)
        if start is None:
            unknown += 1
            continue
        v = cm(start)
        if not (lo - tol <= v <= hi + tol):
            cap.fail(p, expected=expected, actual=loc(f"{fmt_cm(v)} cm"))
    cap.close()
    if unknown and not ctx.failed:
        ctx.not_evaluated(f"{unknown} đoạn không đo được thụt đầu dòng",
                          f"{unknown} paragraphs have no measurable first-line indent")


# --------------------------------------------------------------------------------------------
# ND30-BODY-SPACING
# --------------------------------------------------------------------------------------------


def _gap(doc: Document, prev: Paragraph, nxt: Paragraph) -> float | None:
    """Space between two paragraphs as Word lays it out: space-after + space-before.

    A PDF reader cannot tell the two apart and puts the whole measured extra gap in both
    (see readers/pdf/layout.py): there, one of them is the gap."""
    a, b = prev.space_after, nxt.space_before
    if doc.kind == "pdf":
        return b if b is not None else a
    if a is None and b is None:
        return None
    if a is None or b is None:
        known = a if a is not None else b
        return known if known else None  # one side unknown and the other zero: cannot tell
    return a + b


def _line_verdict(ctx: Ctx, p: Paragraph) -> tuple[bool | None, str]:
    """(ok, actual text) for the paragraph's line spacing."""
    ls, rule = p.line_spacing, p.line_rule
    if ls is None or rule is None:
        return None, ""
    pdf = ctx.doc.kind == "pdf"
    lo_m, hi_m = float(ctx.param("min_multiple", 1.0)), float(ctx.param("max_multiple", 1.5))
    factor = float(ctx.param("single_line_factor", 1.15))
    min_exact = float(ctx.param("min_exact_pt", 15.0))
    tol = float(ctx.param("pdf_line_tolerance_pt", 1.0)) if pdf else 0.1
    if rule == "auto":
        mtol = 0.08 if pdf else 0.01
        return (lo_m - mtol <= ls <= hi_m + mtol), f"{ls:.2f}".rstrip("0").rstrip(".") + "×"
    size = dominant_size(p) or float(ctx.param("max_body_pt", 14))
    upper = hi_m * factor * size + tol
    actual = f"{fmt_pt(ls)} pt"
    if rule == "exact" and ls < min_exact - tol:
        return False, actual
    return ls <= upper, actual


@check("ND30-BODY-SPACING")
def body_spacing(ctx: Ctx) -> None:
    """Gap between consecutive body paragraphs ≥ 6 pt; line spacing single to 1.5 lines.

    Consecutive means nothing but empty paragraphs between them; an empty paragraph is itself
    a blank line (more than 6 pt), so such a pair passes. PDF values are estimated from the
    baselines, so PDF gets a tolerance and an unknown value is not-evaluated, not a fail."""
    doc = ctx.doc
    paras = body_paragraphs(doc)
    if not paras:
        ctx.not_applicable("Không thấy đoạn nội dung nào", "No body paragraphs found")
        return
    body_ids = {p.index for p in paras}
    min_gap = float(ctx.param("min_gap_pt", 6.0))
    gtol = float(ctx.param("pdf_gap_tolerance_pt", 1.5)) if doc.kind == "pdf" else 0.05
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
            g = _gap(doc, prev, p)
            if g is None:
                unknown_gap += 1
            elif g < min_gap - gtol:
                gaps.fail(p, expected=loc(f"≥ {fmt_pt(min_gap)} pt"), actual=loc(f"{fmt_pt(g)} pt"))
        prev, blank_between = p, False
        ok, actual = _line_verdict(ctx, p)
        if ok is not None:
            measured_line += 1
        if ok is None:
            if doc.kind == "docx" or p.lines > 1:
                unknown_line += 1
        elif not ok:
            lines.fail(p, expected={"vi": "từ 1 dòng đến 1,5 dòng", "en": "single to 1.5 lines"}, actual=loc(actual))
    gaps.close()
    lines.close()
    if ctx.failed:
        return
    if not measured_line:
        # a one-line paragraph has no line spacing: in a PDF where every body paragraph came
        # out as one line (short paragraphs, or lines spaced so far apart that they read as
        # separate paragraphs) the line spacing was never seen
        ctx.not_evaluated("Không đo được giãn dòng: không có đoạn nội dung nào từ hai dòng trở lên",
                          "Line spacing not measured: no body paragraph has two or more lines")
    elif unknown_gap or unknown_line:
        ctx.not_evaluated(
            f"Không đo được khoảng cách: {unknown_gap} khoảng giữa đoạn, {unknown_line} đoạn (giãn dòng)",
            f"Could not measure {unknown_gap} paragraph gaps and {unknown_line} line spacings")


# --------------------------------------------------------------------------------------------
# ND30-CAN-CU
# --------------------------------------------------------------------------------------------

_THEO_DE_NGHI = re.compile(r"^\s*(theo|xét)\s+(đề nghị|đề xuất|tờ trình)", re.IGNORECASE)


_NEW_BASIS = re.compile(r"(?<=[;.,])\s+(?=(?:Căn cứ|Theo đề nghị|Theo đề xuất|Xét đề nghị|Xét tờ trình)\b)",
                        re.IGNORECASE)


def can_cu_block(doc: Document) -> list[tuple[Paragraph, list[Paragraph], str]]:
    """The căn cứ lines as (first paragraph, paragraphs, text), one entry per căn cứ.

    The block is the ``can-cu`` paragraphs plus, right after one of them, a continuation (a
    line a PDF split off) or a closing "Theo đề nghị …"/"Xét …" line. A paragraph holding
    several căn cứ (a PDF whose lines came out as one paragraph) is split at each new
    "Căn cứ"/"Theo đề nghị" after a punctuation mark."""
    groups: list[tuple[Paragraph, list[Paragraph], str]] = []
    in_block = False
    for p in doc.paragraphs:
        if p.is_empty or p.container in ("header", "footer"):
            continue
        text = " ".join(p.text.split())
        if in_block and groups and is_continuation(doc, p) and tail(groups[-1][2]) not in (";", "."):
            first, paras, prev = groups[-1]  # the rest of the line above (labelled căn cứ or not)
            groups[-1] = (first, paras + [p], prev + " " + text)
            continue
        if p.role == Role.CAN_CU:
            pass
        elif in_block and _THEO_DE_NGHI.match(text) and not any(
                _THEO_DE_NGHI.match(t) for _, _, t in groups[-1:]):
            pass
        else:
            in_block = False
            continue
        in_block = True
        for part in _NEW_BASIS.split(text):
            if part.strip():
                groups.append((p, [p], part.strip()))
    return groups


@check("ND30-CAN-CU")
def can_cu(ctx: Ctx) -> None:
    """Căn cứ lines: italic, 13–14, each ending ";", the last "."; a closing "Theo đề nghị
    của …" line ends with "." or ","."""
    block = can_cu_block(ctx.doc)
    if not block:
        ctx.not_applicable("Văn bản không có căn cứ", "The document has no căn cứ lines")
        return
    if len(block) == 1 and tail(block[0][2]) == ":" and doc_type(ctx.doc) not in ("QĐ", "NQ"):
        # "Căn cứ Kế hoạch số 12/KH-UBND …, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:" is
        # the opening sentence of a kế hoạch/thông báo/tờ trình (upright, ends with ":"), not a
        # căn cứ ban hành block: judging it as one would raise two false warnings.
        ctx.not_applicable("Câu mở đầu “Căn cứ … như sau:” là nội dung, không phải khối căn cứ ban hành",
                           "An opening sentence “Căn cứ … như sau:” is body text, not a căn cứ block")
        return
    lo, hi = float(ctx.param("min_pt", 13)), float(ctx.param("max_pt", 14))
    tol = float(ctx.param("tolerance_pt", 0.25))
    unknown = False
    judged: set[int] = set()
    for i, (p, paras, text) in enumerate(block):
        last = i == len(block) - 1
        for q in paras:
            if q.index in judged:
                continue
            judged.add(q.index)
            it = all_italic(q)
            if it is False:
                ctx.fail(q, key="italic", expected={"vi": "chữ nghiêng", "en": "italic"},
                         actual={"vi": "chữ đứng", "en": "upright"})
            elif it is None:
                unknown = True
            runs = [r for r in _counting_runs(q) if r.size is not None]
            states = [run_size_in(r, lo, hi, tol) for r in runs]
            bad = sorted({round(r.size * 2) / 2 for r, st in zip(runs, states) if st is False})  # type: ignore[operator]
            if bad:
                ctx.fail(q, key="size", expected=fmt_range(lo, hi), actual=", ".join(fmt_pt(s) for s in bad))
            elif not runs or None in states:
                unknown = True
        end = tail(text)
        theo = bool(_THEO_DE_NGHI.match(text))
        excerpt = text if len(text) <= 80 else "…" + text[-79:]
        if last:
            allowed = ".," if theo else "."
            if end not in allowed:
                ctx.fail(p, key="theo_end" if theo else "last_end", excerpt=excerpt,
                         expected={"vi": '"." hoặc ","', "en": '"." or ","'} if theo else '"."', actual=f'"{end}"' if end else "—")
        elif end != ";":
            ctx.fail(p, key="end", expected='";"', actual=f'"{end}"' if end else "—", excerpt=excerpt)
    if unknown and not ctx.failed:
        ctx.not_evaluated("Không đo được kiểu chữ hoặc cỡ chữ của dòng căn cứ",
                          "Italic or size of a căn cứ line could not be measured")


# --------------------------------------------------------------------------------------------
# ND30-HEADINGS
# --------------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^[IVXLCDM]+$")
_PHAN = re.compile(r"^\s*(Phần|Chương)\s+([^\s.:]+)", re.IGNORECASE)
_MUC = re.compile(r"^\s*(Tiểu mục|Mục)\s+([^\s.:]+)", re.IGNORECASE)
_DIEU = re.compile(r"^\s*Điều\s+(\d+)\s*([.:\-–)]?)", re.IGNORECASE)
_ROMAN_HEAD = re.compile(r"^\s*([IVXLCDM]+)\s*([.:\-–)]?)\s")
_HEADING_ROLES = (Role.HEADING_PHAN, Role.HEADING_MUC, Role.HEADING_TITLE, Role.HEADING_DIEU,
                  Role.HEADING_ROMAN, Role.HEADING_NUMBERED)


def _numberlike(token: str) -> bool:
    """A real number token ("1", "I", "một"), not a template placeholder ("…", "...")."""
    return any(c.isalnum() for c in token)


def _multilevel(text: str, max_levels: int) -> str | None:
    """"1.1.1." style label with more than ``max_levels`` levels, else None.

    Segments have one or two digits, so "1.500 người" (a thousands separator) is not a label."""
    m = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?(?=\s)", text)
    if not m:
        return None
    return m.group(1) if m.group(1).count(".") + 1 > max_levels else None


def _label_bold(p: Paragraph, label_len: int) -> bool | None:
    """Bold of the characters of the label at the start of the paragraph's runs."""
    if p.numbering:  # label drawn by Word numbering: judge by the text if it is all bold
        return True if all_bold(p) else None
    pos = 0
    seen = False
    unknown = False
    for r in p.runs:
        start, pos = pos, pos + len(r.text)
        if start >= label_len:
            break
        if not r.text.strip():
            continue
        seen = True
        if r.bold is False:
            return False
        if r.bold is None:
            unknown = True
    if not seen:
        return None
    return None if unknown else True


@check("ND30-HEADINGS")
def headings(ctx: Ctx) -> None:
    """Phần/Chương Roman, Mục/Điều Arabic, in the decree's weight and alignment; no
    "1.1.1"-style numbering."""
    doc = ctx.doc
    max_levels = int(ctx.param("max_number_levels", 2))
    sentence_case = bool(ctx.param("label_sentence_case", True))
    heads = [p for p in doc.paragraphs if p.role in _HEADING_ROLES and not p.is_empty]
    unknown = False

    def style(p: Paragraph, bold: bool = True, centred: bool = False, caps: bool = False) -> None:
        nonlocal unknown
        if bold:
            b = all_bold(p)
            if b is False:
                ctx.fail(p, key="bold", expected={"vi": "chữ đậm", "en": "bold"},
                         actual={"vi": "không đậm", "en": "not bold"})
            unknown |= b is None
        if centred:
            a = alignment_of(doc, p)
            if a is None:
                unknown = True
            elif a != "center":
                ctx.fail(p, key="centre", expected=ALIGN_WORDS["center"], actual=ALIGN_WORDS[a])
        if caps:
            c = is_all_caps(p)
            if c is False:
                ctx.fail(p, key="caps", expected={"vi": "chữ in hoa", "en": "all capitals"},
                         actual={"vi": "có chữ thường", "en": "lower-case letters"})

    for p in heads:
        text = p.shown_text
        if p.role in (Role.HEADING_PHAN, Role.HEADING_MUC, Role.HEADING_DIEU) and sentence_case:
            lm = re.match(r"^\s*(Phần|Chương|Tiểu mục|Mục|Điều)\b", text, re.IGNORECASE)
            if lm and lm.group(1).isupper():
                word = lm.group(1)
                ctx.fail(p, key="label_case", expected=word[0] + word[1:].lower(), actual=word)
        if p.role == Role.HEADING_PHAN:
            m = _PHAN.match(text)
            if m and _numberlike(m.group(2)) and not _ROMAN.match(m.group(2)):
                ctx.fail(p, key="roman", expected=f"{m.group(1)} I, II, III…", actual=f"{m.group(1)} {m.group(2)}")
            style(p, centred=True)
        elif p.role == Role.HEADING_MUC:
            m = _MUC.match(text)
            if m and _numberlike(m.group(2)) and not m.group(2).isdigit():
                ctx.fail(p, key="arabic", expected=f"{m.group(1)} 1, 2, 3…", actual=f"{m.group(1)} {m.group(2)}")
            style(p, centred=True)
        elif p.role == Role.HEADING_TITLE:
            style(p, centred=True, caps=True)
        elif p.role == Role.HEADING_DIEU:
            m = _DIEU.match(text)
            if m is None:
                mm_ = re.match(r"^\s*Điều\s+([^\s.:]+)", text, re.IGNORECASE)
                if mm_ and _numberlike(mm_.group(1)):
                    ctx.fail(p, key="arabic", expected="Điều 1, 2, 3…", actual=f"Điều {mm_.group(1)}")
                continue
            if m.group(2) != ".":
                ctx.fail(p, key="dieu_dot", expected=f"Điều {m.group(1)}.", actual=m.group(0).strip())
            b = _label_bold(p, len(m.group(0)) - (len(p.numbering) + 1 if p.numbering else 0))
            if b is False:
                ctx.fail(p, key="dieu_bold", expected={"vi": "chữ đậm", "en": "bold"},
                         actual={"vi": "không đậm", "en": "not bold"})
            unknown |= b is None
        elif p.role == Role.HEADING_ROMAN:
            m = _ROMAN_HEAD.match(text)
            if m and m.group(2) != ".":
                ctx.fail(p, key="roman_dot", expected=f"{m.group(1)}.", actual=m.group(0).strip())
            style(p, caps=True)
    # multi-level decimal numbering anywhere in the body or its headings
    for p in doc.paragraphs:
        if p.role not in _HEADING_ROLES + (Role.BODY,) or p.container in ("header", "footer") or in_data_table(doc, p):
            continue
        label = _multilevel(p.text, max_levels)
        if label:
            ctx.fail(p, key="multilevel", expected={"vi": "I., 1., a)", "en": "I., 1., a)"}, actual=label)
    if not heads and not ctx.failed:
        ctx.not_applicable("Văn bản không có đề mục", "The document has no headings")
    elif unknown and not ctx.failed:
        ctx.not_evaluated("Không đo được kiểu chữ hoặc cách căn lề của một đề mục",
                          "Weight or alignment of a heading could not be measured")


# --------------------------------------------------------------------------------------------
# ND30-KINH-GUI
# --------------------------------------------------------------------------------------------

_KG = re.compile(r"^\s*Kính\s+gửi\s*(:?)\s*(.*)$", re.IGNORECASE | re.DOTALL)


_DASHED = re.compile(r"^\s*[-–—•+]\s*\S")
_HEADER_ROLES = {Role.QUOC_HIEU, Role.TIEU_NGU, Role.CQ_CHU_QUAN, Role.CQ_BAN_HANH, Role.SO_KY_HIEU,
                 Role.DIA_DANH_NGAY, Role.VV, Role.KHAN_MAT, Role.EMPTY}


def _recipient_lines(doc: Document, kg: Paragraph) -> list[Paragraph]:
    """The recipient lines under "Kính gửi:": the ``kinh-gui-item`` paragraphs that follow it.

    When recognition labelled none and the Kính gửi line itself names nobody, the recipient-
    like lines right after it (starting with a dash or ending with ";", then a short last one
    ending with ".") are its recipients whatever their label (a PDF may read the header's
    right column in between, so header lines are stepped over)."""
    after = [q for q in doc.paragraphs if q.index > kg.index and not q.is_empty
             and q.container not in ("header", "footer")]
    out: list[Paragraph] = []
    for q in after:
        if q.role in _HEADER_ROLES and not out:
            continue  # the header's other column, read in between by a PDF
        if q.role != Role.KINH_GUI_ITEM:
            break
        out.append(q)
    if out:
        return out
    m = _KG.match(kg.text)
    if m is None or m.group(2).strip():
        return []
    for q in after:
        if q.role in _HEADER_ROLES:
            continue
        if q.role not in (Role.BODY, Role.OTHER, None):
            break
        end = tail(q.text)
        if _DASHED.match(q.text) or end == ";":
            out.append(q)  # a recipient line (dash forgotten or not)
            continue
        if out and end == "." and q.lines <= 1 and len(q.text) <= 120:
            out.append(q)  # the last recipient
        break
    return out


def kinh_gui_lines(doc: Document) -> set[int]:
    """Indexes of the recipient lines of every "Kính gửi:" (kept out of the body rules)."""
    return {q.index for kg in doc.with_role(Role.KINH_GUI) for q in _recipient_lines(doc, kg)}


@check("ND30-KINH-GUI")
def kinh_gui(ctx: Ctx) -> None:
    """"Kính gửi:" with one recipient on the same line, or several on their own lines,
    each starting "-" and ending ";", the last ".". One recipient: no rule on punctuation."""
    doc = ctx.doc
    kg = doc.first(Role.KINH_GUI)
    if kg is None:
        ctx.not_applicable("Không có dòng Kính gửi", "No Kính gửi line")
        return
    kg_lines = split_lines(kg)  # "Kính gửi:" and its recipients may be one paragraph with line breaks
    m = _KG.match(kg_lines[0].text)
    if m is None:
        return
    if not m.group(1):
        ctx.fail(kg, key="colon", expected="Kính gửi:", actual=" ".join(kg_lines[0].text.split())[:30])
    same_line = m.group(2).strip()
    items = kg_lines[1:] + _recipient_lines(doc, kg)
    recipients: list[tuple[Paragraph, str]] = []
    if same_line:
        recipients.append((kg_lines[0], same_line))
    recipients += [(p, p.text.strip()) for p in items]
    if not recipients:
        ctx.fail(kg, key="empty")
        return
    if len(recipients) == 1:
        p, text = recipients[0]
        if p is not kg_lines[0]:
            ctx.fail(p, key="one_same_line")
        return
    dash = str(ctx.param("dash", "-"))
    for i, (p, text) in enumerate(recipients):
        last = i == len(recipients) - 1
        if not text.startswith(dash):
            ctx.fail(p, key="dash", expected=f'"{dash}"', actual=f'"{text[:14]}…"', excerpt=text[:60])
        end = tail(text)
        want = "." if last else ";"
        if end != want:
            ctx.fail(p, key="last_end" if last else "end", expected=f'"{want}"',
                     actual=f'"{end}"' if end else "—", excerpt=text[:60])


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
    """Components a document of type ``dtype`` must have (decree order)."""
    def has(name: str, default: list[str]) -> bool:
        return dtype is not None and dtype in params.get(name, default)

    need = ["quoc-hieu", "tieu-ngu", "co-quan", "so"]
    if not has("no_date_types", ["BB"]):
        need.append("ngay")
    if dtype == CONG_VAN:
        need += ["vv", "kinh-gui"]
    elif dtype is None:
        need.append("loai-hoac-vv")
    else:
        need.append("ten-loai")
        if not has("no_trich_yeu_types", ["GGT", "GNP"]):
            need.append("trich-yeu")
    if has("can_cu_types", ["QĐ", "NQ"]):
        need.append("can-cu")
    if has("article_types", ["QĐ", "NQ"]):
        need.append("dieu")
    need += ["chuc-vu", "ho-ten"]
    if not has("no_noi_nhan_types", []):
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
    if dtype is not None and dtype in ctx.param("two_signer_types", ["BB"]):
        names = [p for p in doc.with_role(Role.HO_TEN) if not p.is_empty]
        want = int(ctx.param("min_signers", 2))
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
    if doc.kind == "pdf" and isinstance(zone, int) and zone >= 0 and p.column in ("left", "right"):
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
