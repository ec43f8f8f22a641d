"""Recipients (ô 9b) checks: the "Nơi nhận:" label, its items and the closing "Lưu" line.

Apart from the signer's checks (block.py) since the list is judged on its own
lines: ND30-NN-LABEL on ``noi-nhan``, ND30-NN-ITEMS and ND30-NN-LUU on ``noi-nhan-item``.
"""

from __future__ import annotations

import re
import unicodedata

from ...measure.lines import split_lines
from ...measure.position import alignment_of, side_of
from ...model import Document, Paragraph, Role
from ...structure.elements import noi_nhan_items
from ...structure.signblock import INNER_ITEM
from ..base import Ctx, Phrase, Term, check
from ..body import ALIGN_WORDS, doc_type, tail
from ..common import MARK_CONF, all_bold, all_italic, end_confidence, fmt_pt, unlisted_type
from ..fixes import align_fix, dash_fix, end_fix, sizes_to, text_fix, toggle_fix, typed
from .block import _DOT_MARKS, _meets, _size_problem

# --------------------------------------------------------------------------------------------
# ND30-NN-LABEL
# --------------------------------------------------------------------------------------------


def _label_ok(text: str) -> bool:
    return unicodedata.normalize("NFC", text).strip() == "Nơi nhận:"


@check("ND30-NN-LABEL", fixable=True)
def nn_label(ctx: Ctx) -> None:
    """"Nơi nhận:" present, flush left, 12 pt, bold italic.

    Kept whole: one case per requirement of the “Nơi nhận:” line (text, size, bold italic, flush
    left, side)."""
    doc = ctx.doc
    label = next((p for p in doc.with_role(Role.NOI_NHAN) if not p.is_empty), None)
    if label is not None:
        label = split_lines(label)[0]  # "Nơi nhận:" + list typed as one paragraph with line breaks
    dtype = doc_type(doc)
    if label is None:
        if doc.facts.is_appendix:
            ctx.not_applicable(key="the-file-is-a-separate-appendix")
        elif dtype is not None and dtype in ctx.param("types_without"):
            ctx.not_applicable(key="type-without-noi-nhan")
        elif unlisted_type(doc) is not None:
            ctx.not_evaluated(key="unlisted-type", type=unlisted_type(doc))
        else:
            ctx.fail(None, key="missing", excerpt="")
        return
    text = label.shown_text.strip()
    if not _label_ok(label.text):
        ctx.fail(label, key="text", expected="Nơi nhận:", actual=text[:30], fix=_label_fix(label))
    size = float(ctx.param("size_pt"))
    tol = float(ctx.param("tolerance_pt"))
    ok, actual = _size_problem(label, size, size, tol)
    if ok is False:
        ctx.fail(label, key="size", expected=fmt_pt(size), actual=actual, fix=sizes_to(label, size, tol))
    b, it = all_bold(label), all_italic(label)
    if b is False or it is False:
        want = Term("bold-italic")
        got = Phrase(Term(x) for x, bad in (("not-bold-short", b is False), ("not-italic-short", it is False)) if bad)
        ctx.fail(label, key="style", expected=want, actual=got,
                 fix=toggle_fix(label, "bold", True) + toggle_fix(label, "italic", True))
    # flush left: left-aligned, no indent (inside its cell or on the page)
    align = alignment_of(doc, label)
    if align is None and (label.extra or {}).get("alignment_ambiguous") == "left-or-justify":
        align = "left"  # one short PDF line: left or justified, flush left either way
    if align is not None and align not in ("left", "justify"):
        ctx.fail(label, key="align", expected=ALIGN_WORDS["left"], actual=ALIGN_WORDS[align],
                 fix=align_fix(label, "left"))
    else:
        indent = (label.left_indent or 0.0) + max(label.first_line_indent or 0.0, 0.0)
        if indent > float(ctx.param("max_indent_pt")):
            ctx.fail(label, key="indent", expected="0 cm", actual=f"{indent / 28.3465:.2f} cm")
    if side_of(doc, label) == "right":
        ctx.fail(label, key="position", expected=Term("left-side"),
                 actual=Term("right-side"))
    if not ctx.failed and (ok is None or b is None or it is None or align is None):
        ctx.not_evaluated(key="label-style-unknown")


def _label_fix(label: Paragraph) -> object:
    """"Nơi nhận" typed without its colon (or with a space before it) → "Nơi nhận:"."""
    old = typed(label)
    m = re.match(r"^(\s*)(Nơi nhận)[ \t\u00a0]*[:;.]?[ \t\u00a0]*$", unicodedata.normalize("NFC", old), re.IGNORECASE)
    return text_fix(label, old, m.group(1) + m.group(2) + ":") if m and not label.numbering else None


# --------------------------------------------------------------------------------------------
# ND30-NN-ITEMS and ND30-NN-LUU
# --------------------------------------------------------------------------------------------

# "- Lưu …" with its dash, or "Lưu:"/"Lưu VT" without one; not a signer named "Lưu Thị Hằng"
_LUU_START = re.compile(r"^\s*(?:[-–•+]\s*Lưu\b|Lưu\s*(?::|VT\b|Văn thư\b))", re.IGNORECASE)
_LUU_FORM = Term("luu-form")
#: a scan's last recipient line opening with the word "Lưu" in any case, its dash or colon
#: lost ("LƯU VÌ, VD."): the Lưu line misread, judged (as a note) on that reading
_SCAN_LUU = re.compile(r"^\W{0,2}\s*Lưu\b", re.IGNORECASE)


@check("ND30-NN-ITEMS", fixable=True)
def nn_items(ctx: Ctx) -> None:
    """Each recipient line 11 pt, starting "-" and ending ";" (the last "Lưu" line is
    ND30-NN-LUU's). Kept whole: one pass over the lines with the three marks' verdicts side by
    side, each branch a scan doubt that hands off to a helper (_read_before_dash, mark places)."""
    items = noi_nhan_items(ctx.doc)
    if not items:
        ctx.not_applicable(key="no-recipient-list")
        return
    size = float(ctx.param("size_pt"))
    tol = float(ctx.param("tolerance_pt"))
    dash = str(ctx.param("dash"))
    wrong_size: list[tuple[Paragraph, str]] = []
    unknown = False
    for i, it in enumerate(items):
        p, text = it.para, it.text
        for q in it.paras:
            ok, actual = _size_problem(q, size, size, tol)
            if ok is False:
                wrong_size.append((q, actual))
            unknown |= ok is None
        is_luu = bool(_LUU_START.match(text))
        order = _merged_reading(it.paras, text)
        lead, measured = _lead_dash(p)
        before = _read_before_dash(ctx.doc, p, dash, size) if not text.startswith(dash) else None
        if not text.startswith(dash) and lead != "present" and before != "placed":
            ctx.fail(p, key="dash", expected=f'"{dash}"', actual=f'"{text[:14]}…"', excerpt=text[:80],
                     fix=dash_fix(p, dash), confidence=order or (MARK_CONF if before == "off-column" else None)
                     or _dash_like(p, text) or measured or _dash_place(ctx.doc, p, size))
        if is_luu or (i == len(items) - 1):
            continue
        end = tail(text)
        if end != ";":
            ctx.fail(p, key="end", expected='";"', actual=f'"{end}"' if end else "—", excerpt=text[:80],
                     fix=end_fix(it.paras[-1], ";"), confidence=order or _other_mark(it.paras[-1], end))
    if wrong_size:
        sizes = sorted({a for _, a in wrong_size})
        ctx.fail(wrong_size[0][0], key="size", expected=fmt_pt(size), actual=", ".join(sizes),
                 count=len(wrong_size), total=sum(len(it.paras) for it in items),
                 fix=[c for q, _a in wrong_size for c in sizes_to(q, size, tol)])
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="size-of-the-recipient-list-could-not")


def _lead_dash(p: Paragraph) -> tuple[str | None, float | None]:
    """What the ink before a scanned recipient line's first word says of its dash (the OCR
    reader's ``lead_dash``) and the confidence a "no dash" then has: ("present", None) — a dash
    measured there is the line's, whatever the reading dropped; ("absent", conf) — white paper
    there is a sure "no dash" (a line typed without one, or a hanging line that never had one);
    ("unsure", None) — the place's own doubt decides. (None, None): exact text or unmeasured."""
    lead = (p.extra or {}).get("lead_dash") if p.source == "ocr" else None
    if not lead:
        return None, None
    return str(lead[0]), (float(lead[1]) if lead[0] == "absent" else None)


#: how far (ems of the list's size) a scanned line's dash may stand from the list's left edge
#: and still be at the item's place
EDGE_EM = 0.3


def _read_before_dash(doc: Document, p: Paragraph, dash: str, size: float) -> str | None:
    """Where the words a scan's reading put before a recipient line's dash stand on the page.
    ``"placed"``: right of the dash (ink of the signer's title or seal beside the list, ordered
    first by the layout: "CỊ - Các phòng…" with "CỊ" 60 mm to the right) — on the page the line
    starts with its dash, so no failure; ``"off-column"``: left of a dash standing at the list's
    left edge (seal or signature ink in the margin) — which ink opens the line is unsure, a
    note. None: exact text, no dash read at the line's start, or words before it in the line."""
    if p.source != "ocr":
        return None
    runs = [r for r in p.runs if r.visible and r.x0 is not None and r.x1 is not None and r.text.strip()]
    k = next((i for i, r in enumerate(runs) if r.text.strip().startswith(dash)), None)
    if not k:
        return None
    mark, first = runs[k], runs[:k]
    if all(r.x0 >= mark.x1 for r in first):  # type: ignore[operator]
        return "placed"
    others = sorted(q.x0 for q in doc.with_role(Role.NOI_NHAN_ITEM)
                    if q is not p and q.page == p.page and q.x0 is not None and not q.is_empty)
    if not others or abs(mark.x0 - others[len(others) // 2]) > EDGE_EM * size:  # type: ignore[operator]
        return None
    return "off-column" if all(r.x1 <= mark.x0 for r in first) else None  # type: ignore[operator]


#: where a recipient line's words begin when an unread "- " stands before them, from the
#: list's left edge, in ems of the list's size (a hyphen and a space are ~0.58 em in Times)
DASH_PLACE_EM = (0.3, 1.2)


def _dash_place(doc: Document, p: Paragraph, size: float) -> float | None:
    """How sure a scan's reading is of a recipient line "without its dash" when its words begin
    a dash's width right of the list's left edge: that place holds ink the reader dropped (a
    short dash is the mark Tesseract loses most), so it is a note (``MARK_CONF``). A line typed
    without its dash begins at the edge. None (the engine's own) otherwise and for exact text."""
    if p.source != "ocr" or p.x0 is None:
        return None
    edge = min((q.x0 for q in doc.with_role(Role.NOI_NHAN, Role.NOI_NHAN_ITEM)
                if q.page == p.page and q.x0 is not None and not q.is_empty), default=None)
    if edge is None:
        return None
    lo, hi = DASH_PLACE_EM
    return MARK_CONF if lo * size <= p.x0 - edge <= hi * size else None


#: marks a scan reads for a list's short dash: a longer dash, an underscore, a hyphen-minus sign
DASH_LIKE = "—–_−‐‑‒―~"


def _dash_like(p: Paragraph, text: str) -> float | None:
    """How sure a scan's reading is of a recipient line "starting with another mark" when that
    mark is dash-like ("—", "–", "_"): the dash's length and height are what a scan blurs, so
    which dash it is is a doubtful reading — a note (``MARK_CONF``). None for exact text."""
    return MARK_CONF if p.source == "ocr" and text[:1] in DASH_LIKE else None


def _other_mark(p: Paragraph, end: str) -> float | None:
    """How sure a scan's reading is that a recipient line ends in another dot-like mark (":",
    "," or "." read where ";" is asked): that mark alone, unmeasured — a ";" whose tail a low
    dpi lost reads ":" at high word confidence — makes a note (``MARK_CONF``). None (the
    engine's own) for exact text and for a line ending in a letter or another sign."""
    return MARK_CONF if p.source == "ocr" and end in _DOT_MARKS else None


def _merged_reading(paras: list[Paragraph], text: str) -> float | None:
    """How sure a scan's reading is of where a recipient line starts and ends when it holds
    another item's end and dash inside ("- Sở … (b/c); Đảng ủy … (b/c); - TT"): the reader
    merged two lines of the list, and which words come first is its ordering, not a
    measurement — a note (``MARK_CONF``). None (the engine's own) for exact text and for
    lines read whole."""
    if not any(q.source == "ocr" for q in paras) or not INNER_ITEM.search(text, 1):
        return None
    return MARK_CONF


#: the place under a scan's last recipient line where the next one would stand: this many of
#: its line heights
BELOW_LINES = 1.5


def _unread_below(doc: Document, p: Paragraph) -> bool:
    """Did ink go unread just under a scanned recipient line, in the list's column (a "- Lưu:"
    line Tesseract returned nothing for)? Then "no Lưu line" is not what the scan shows."""
    top, bottom, x0, x1 = p.top, p.bottom, p.x0, p.x1
    if p.source != "ocr" or top is None or bottom is None or x0 is None or x1 is None or p.page is None \
            or not 0 < p.page <= len(doc.pages):
        return False
    band = (x0, bottom, x1, bottom + BELOW_LINES * (bottom - top))
    return any(_meets(band, box) for box in doc.pages[p.page - 1].unread)


#: a Lưu line's words after its label: the filing unit "VT" (a scan may read "VI", "V1") and
#: more units after a comma — what is left of "- Lưu: VT, VP." when "Lưu:" is lost
_UNITS_ONLY = re.compile(r"^\W{0,2}\s*V\S\s?,\s?\S")


def _label_lost(doc: Document, p: Paragraph) -> bool:
    """Is a scan's last recipient line a "- Lưu: …" line whose label the reader lost? Either
    ink went unread on the line's own height inside it (the word between its dash and the units
    read), or its words are those of the units ("VT, …"). Then "no Lưu line" is not sure."""
    if p.source != "ocr":
        return False
    if _UNITS_ONLY.match(p.text):
        return True
    if None in (p.top, p.bottom, p.x0, p.x1) or p.page is None or not 0 < p.page <= len(doc.pages):
        return False
    band = (p.x0, p.top, p.x1, p.bottom)
    return any(_meets(band, box) for box in doc.pages[p.page - 1].unread)


_LUU_OK = re.compile(
    r"^-\s?Lưu\s?:\s?VT"  # "- Lưu: VT"
    r"(?P<units>(?:\s?,\s?[^,.;:]+?)*)"  # ", TCCB", ", 02b"
    r"(?P<drafter>[.,]?\s?[A-ZĐ][A-Za-zĐđ]{0,7}\.?\s?\(\s?\d{1,4}\s?[a-zA-Z]{0,2}\s?\))?"  # A9: "NVA(05)", ". PL.(300)"
    r"\s?\.$"
)


@check("ND30-NN-LUU", fixable=True)
def nn_luu(ctx: Ctx) -> None:
    """The last recipient line is "- Lưu: VT, <unit>." (copies and the drafter's initials
    may follow, A9; some templates such as the giấy giới thiệu have only "- Lưu: VT.")."""
    items = noi_nhan_items(ctx.doc)
    if not items:
        ctx.not_applicable(key="no-recipient-list")
        return
    last_item = items[-1]
    last, text = last_item.para, last_item.text
    luu = [it for it in items if _LUU_START.match(it.text)
           or (it is last_item and last.source == "ocr" and _SCAN_LUU.match(text))]
    below = _line_below(ctx.doc, last_item.paras[-1])
    if not luu:
        if below is not None and _luu_like(below.text) and _is_last_line(ctx.doc, below):
            _judge(ctx, below, below.text, [below], None)  # the Lưu line the list's recognition left out
        elif below is not None:
            ctx.not_evaluated(key="luu-label-unread", actual=below.text[:40])
        elif _unread_below(ctx.doc, last_item.paras[-1]):
            ctx.not_evaluated(key="luu-place-unread", actual=text[:40])
        elif _label_lost(ctx.doc, last):
            ctx.not_evaluated(key="luu-label-unread", actual=text[:40])
        else:
            ctx.fail(last, key="missing", expected="- Lưu: VT, …", actual=text[:40])
        return
    if luu[-1] is not last_item:
        ctx.fail(luu[-1].para, key="not_last", excerpt=luu[-1].text[:60])
        return
    _judge(ctx, last, text, last_item.paras, last_item)


def _judge(ctx: Ctx, first: Paragraph, text: str, paras: list[Paragraph], item: object) -> None:
    """Judge the Lưu line (its text ``text``, its lines ``paras``); ``item``: its list item (what
    a fix rewrites), None for a line the list's recognition left out."""
    m = _LUU_OK.match(text)
    dtype = doc_type(ctx.doc)
    unit_optional = dtype is not None and dtype in ctx.param("unit_optional_types")
    if m is None:
        key = "end" if tail(text) != "." and _LUU_OK.match(text.rstrip(";, ") + ".") else "form"
        fix = end_fix(paras[-1], ".") if key == "end" else (_luu_fix(item) if item is not None else None)
        sure = _sure_end(ctx.doc, paras) if tail(text) != "." else None
        if sure is not None:  # a missing full stop rests on that mark and on the line being the Lưu line
            ctx.fail(first, key="end", expected=_LUU_FORM, actual=text[:60], confidence=sure,
                     fix=end_fix(paras[-1], ".") if item is not None else None)
            if key == "end":
                return
            fix = None  # the rest of its form rests on its letters: the engine's own confidence
        ctx.fail(first, key=key, expected=_LUU_FORM, actual=text[:60], fix=fix)
        return
    if not m.group("units").strip(" ,") and not unit_optional:
        ctx.fail(first, key="unit", expected=_LUU_FORM, actual=text[:60])


#: how sure a scan is that a line is the Lưu line when its place says so: the last line of the
#: Nơi nhận list, nothing read or unread under it in the list's column, the line not running on
#: to its right — the decree puts the Lưu line there, whatever its letters were read as
PLACE_CONF = 0.95


def _sure_end(doc: Document, paras: list[Paragraph]) -> float | None:
    """How sure a scan's Lưu line is to end without its full stop: the ink where the mark would
    stand (the reader's ``end_confidence``: white paper there) and the line's place as the
    list's last (``PLACE_CONF``), not the letters before (\"VT\" read \"VI\" at 0.43). None for
    exact text, an end not measured, or a line that may run on (a split, a seal's cut)."""
    last = paras[-1]
    if last.source != "ocr" or (end := end_confidence(last)) is None or _runs_on(doc, last) \
            or not _is_last_line(doc, last):
        return None
    return min(end, PLACE_CONF)


def _is_last_line(doc: Document, p: Paragraph) -> bool:
    """Is scanned line ``p`` the last of its list: nothing read or unread under it in the list's column?"""
    return _line_below(doc, p) is None and not _unread_below(doc, p)


def _line_below(doc: Document, p: Paragraph) -> Paragraph | None:
    """A scanned line just under recipient line ``p`` in the list's column (its left edge within
    a line height of ``p``'s) that is no recipient item: the list's recognition stopped above it
    ("Iưu VI CCVCG" for "- Lưu: VT, CCVC" at 150 dpi, left unlabelled)."""
    if p.source != "ocr" or None in (p.top, p.bottom, p.x0) or p.page is None:
        return None
    h = p.bottom - p.top  # type: ignore[operator]
    for q in doc.paragraphs:
        if q.page != p.page or q.is_empty or q.top is None or q.x0 is None \
                or q.role in (Role.NOI_NHAN, Role.NOI_NHAN_ITEM):
            continue
        if p.bottom - 0.3 * h <= q.top <= p.bottom + BELOW_LINES * h and abs(q.x0 - p.x0) <= h:  # type: ignore[operator]
            return q
    return None


def _runs_on(doc: Document, p: Paragraph) -> bool:
    """Does other text stand on scanned line ``p``'s height to its right, inside the list's column
    (a line the reader cut at a gap, or a seal's edge): then ``p``'s end is not the line's?"""
    if None in (p.top, p.bottom, p.x1):
        return True
    col = (p.extra or {}).get("column_box")
    right = max(col[1] if col else 0.0, p.x1 + 3 * (p.bottom - p.top))  # type: ignore[operator]
    mid = (p.top + p.bottom) / 2  # type: ignore[operator]
    return any(q is not p and q.page == p.page and not q.is_empty and q.x0 is not None and q.top is not None
               and q.bottom is not None and q.top < mid < q.bottom and p.x1 <= q.x0 < right  # type: ignore[operator]
               for q in doc.paragraphs)


def _luu_like(text: str) -> bool:
    """Does a scanned line read like the Lưu line though its label is misread: its first word,
    dash (or a dash-like mark glued to it: "~Iưu:") and colon aside, one letter off "Lưu" ("Iưu",
    "Luu")?"""
    words = unicodedata.normalize("NFC", text).lstrip(" -•+" + DASH_LIKE).split()
    if not words:
        return False
    w = words[0].rstrip(":;.,").lower()
    return len(w) == 3 and sum(a != b for a, b in zip(w, "lưu")) <= 1


def _luu_fix(item: object) -> object:
    """"- Lưu CM.", "- Lưu VT", "Lưu: VT, CM" → "- Lưu: VT, CM.": the dash, "Lưu:", "VT" and the
    final full stop the decree's form asks for, the units typed after them kept. Proposed only
    when the result has the form (else the line is left to the author)."""
    p = item.paras[0]  # type: ignore[attr-defined]
    if len(item.paras) != 1 or p.numbering:  # type: ignore[attr-defined]
        return None
    old = typed(p)
    m = re.match(r"^(\s*)(?:[-–•+]\s*)?(Lưu)\s*:?\s*(?:(?:VT|Văn thư)\b\s*[,.;]?\s*)?(.*?)[\s;,.]*$",
                 unicodedata.normalize("NFC", old), re.IGNORECASE)
    if m is None:
        return None
    rest = m.group(3).strip()
    new = f"{m.group(1)}- {m.group(2)}: VT" + (f", {rest}" if rest else "") + "."
    return text_fix(p, old, new) if _LUU_OK.match(new.strip()) else None
