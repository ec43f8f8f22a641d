"""Signature block (ô 7) checks: the signer's authority, title and name.

ND30-SIGN-AUTHORITY and ND30-SIGN-NAME look at the lines structure recognition labelled
``quyen-han``/``chuc-vu`` and ``ho-ten`` (the Nơi nhận rules are in recipients.py).
Prefixes are judged on the text as shown (``w:caps`` counts), so "Kt." typed in a caps style
is shown "KT." and is fine.
"""

from __future__ import annotations

import re
import unicodedata

from ...measure.lines import split_lines
from ...measure.position import page_width_of, side_of
from ...model import Document, Paragraph, Role
from ...text.fold import strip_accents
from ..base import Ctx, Term, check
from ..body import doc_type
from ..common import (
    all_bold,
    check_sizes,
    fmt_range,
    is_all_caps,
    MARK_CONF,
    lower_letters,
    part_confidence,
    token_confidence,
    weakest,
)
from ..fixes import caps_fix, size_fix, text_fix, toggle_fix, typed

BOLD = Term("bold")
NOT_BOLD = Term("not-bold")


def _size_problem(p: Paragraph, lo: float, hi: float, tol: float) -> tuple[bool | None, str]:
    """(ok, offending sizes) over the paragraph's visible runs (stamps left out)."""
    v = check_sizes(p, lo, hi, tol)
    return v.ok, v.actual


def _nonempty(paras: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paras if not p.is_empty]


# --------------------------------------------------------------------------------------------
# ND30-SIGN-AUTHORITY
# --------------------------------------------------------------------------------------------

_PREFIX_TOKEN = re.compile(r"^\s*([A-Za-zĐđ](?:[ ./:]{0,2}[A-Za-zĐđ]){0,2})([./:]*)(?=\s|[^\w\s]|$)")
_GLUED = re.compile(r"^\s*(TM|KT|TL|TUQ|Q)\.(?=[^\s.])")
# the prefix glued to the title by another dot-like mark ("KT:CHỦ TỊCH": a scan's "." under a
# speck or a seal's edge): the prefix is there, its mark is wrong
_GLUED_MARK = re.compile(r"^\s*(TM|KT|TL|TUQ|Q)[:;,](?=[^\s.:;,])")
#: the marks a scan confuses with each other or loses: a few pixels each
_DOT_MARKS = ".:;,"


def authority_prefix(text: str, prefixes: list[str]) -> tuple[str | None, bool]:
    """(prefix it stands for, written exactly) for the start of an authority line.

    "TM. ỦY BAN" → ("TM", True); "T/M ỦY BAN", "Tm. ỦY BAN", "KT CHỦ TỊCH", "K.T. CHỦ TỊCH",
    "TM.ỦY BAN" → (…, False); "CHỦ TỊCH" → (None, True)."""
    wanted = {p.rstrip(".").upper(): p for p in prefixes}
    g = _GLUED.match(text) or _GLUED_MARK.match(text)
    if g:
        return g.group(1), False
    m = _PREFIX_TOKEN.match(text)
    if not m:
        return None, True
    raw = m.group(0).strip()
    letters_only = re.sub(r"[^A-Za-zĐđ]", "", raw).upper()
    if letters_only not in wanted:
        return None, True
    if raw != wanted[letters_only]:
        return letters_only, False
    return letters_only, True


def _size_and_bold(ctx: Ctx, p: Paragraph, lo: float, hi: float, tol: float) -> bool:
    """Judge a signer line's size and bold (the authority, title and name lines ask the same);
    True when either could not be measured."""
    ok, actual = _size_problem(p, lo, hi, tol)
    if ok is False:
        ctx.fail(p, key="size", expected=fmt_range(lo, hi), actual=actual, fix=size_fix(p, lo, hi, tol))
    b = all_bold(p)
    if b is False:
        ctx.fail(p, key="bold", expected=BOLD, actual=NOT_BOLD, fix=toggle_fix(p, "bold", True))
    return ok is None or b is None

@check("ND30-SIGN-AUTHORITY", fixable=True)
def sign_authority(ctx: Ctx) -> None:
    """Authority and title lines: right block, capitals, 13–14, bold; prefix TM./KT./TL./TUQ./Q.
    written exactly so; a KT. line followed by the deputy's own title."""
    doc = ctx.doc
    block = [q for p in doc.paragraphs if p.role in _SIGN_ROLES and not p.is_empty for q in split_lines(p)]
    lines = [q for q in block if q.role in (Role.QUYEN_HAN, Role.CHUC_VU)]
    if not lines:
        ctx.not_applicable(key="no-signature-block-found-see-nd30")
        return
    lo, hi = float(ctx.param("min")), float(ctx.param("max"))
    tol = float(ctx.param("tolerance_pt"))
    prefixes = list(ctx.param("prefixes"))
    two_columns = doc_type(doc) in set(ctx.param("two_column_types"))
    unknown = False
    for p in lines:
        text = p.shown_text.strip()
        # position: the right block (biên bản and multi-party types sign in both columns)
        if not two_columns and ctx.param("check_position"):
            side = side_of(doc, p)
            if side == "left":
                ctx.fail(p, key="position", expected=Term("right-block"),
                         actual=Term("left-block"))
        caps = is_all_caps(p)
        if caps is False:
            ctx.fail(p, key="caps", expected=Term("all-capitals"),
                     actual=lower_letters(p) or Term("lower-case-letters"), fix=caps_fix(p))
        unknown |= _size_and_bold(ctx, p, lo, hi, tol)
        _judge_prefix(ctx, p, text, block, prefixes)
    _deputy_without_kt(ctx, lines, prefixes)
    if not two_columns and ctx.param("check_position"):
        _centred_on_page(ctx, doc, lines)
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="size-or-weight-of-the-signature")


def _judge_prefix(ctx: Ctx, p: Paragraph, text: str, block: list[Paragraph], prefixes: list[str]) -> None:
    """The authority prefix of a line: written exactly (a missing space is only a slip); after
    KT., the deputy's own title of the same head; TM. only for a body run collectively."""
    prefix, exact = authority_prefix(text, prefixes)
    if prefix is not None and not exact:
        word = re.match(r"^\s*\S+", text)
        if _GLUED.match(text):
            # "KT.GIÁM ĐỐC": the prefix is right, only the space after it is missing — a
            # typing slip, like "Số:05" (ND30-SO-FORMAT), not a wrong authority
            ctx.fail(p, key="prefix-space", severity="warning", expected=f"{prefix}. …",
                     actual=word.group(0).strip() if word else text[:8], fix=_prefix_fix(p, prefixes))
        else:
            actual = word.group(0).strip() if word else text[:6]
            # the finding rests on the prefix's own reading ("T/M" at 0.92 on a line whose agency
            # word under the seal read at 0.26), or on its mark alone (a note)
            ctx.fail(p, key="prefix", expected=f"{prefix}.", actual=actual, fix=_prefix_fix(p, prefixes),
                     confidence=_mark_confidence(p, prefix, text) or token_confidence(p, actual))
    if prefix == "KT":
        nxt = _next_line(block, p)
        if nxt is None or nxt.role not in (Role.CHUC_VU, Role.QUYEN_HAN):
            ctx.fail(p, key="kt_title")
        elif _is_deputy(nxt.shown_text) and not _deputy_of(text, nxt.shown_text):
            # the two lines' titles compared word by word: the comparison rests on the weakest
            # word of either line (a "VĂN" read "XĂN" at a low confidence is a note)
            conf = [c for c in (weakest(p, *_after_prefix(text).split()), weakest(nxt, *nxt.shown_text.split()))
                    if c is not None]
            ctx.fail(nxt, key="kt_other_head", expected=f"PHÓ {_after_prefix(text)}",
                     actual=nxt.shown_text.strip(), confidence=min(conf) if conf else None)
    if prefix == "TM" and _not_collective(_after_prefix(text), ctx.param("non_collective")):
        ctx.fail(p, key="tm_not_collective", actual=text)


def _mark_confidence(p: Paragraph, prefix: str, text: str) -> float | None:
    """How sure a scan's reading is of a prefix that differs from "KT." only by its dot-like
    mark (":", ";", "," or none read): Tesseract's word confidence is its letters', and a
    speck or a seal's edge beside the dot makes a colon of it — a mark absent or changed in
    OCR text is no proof of the typed one. Such a reading makes a note (``MARK_CONF``);
    None (the engine's own) for exact text and for differences in the letters or a "/"."""
    if p.source != "ocr":
        return None
    lead = re.match(r"^\s*(\S+)", text)
    token = lead.group(1) if lead else ""
    if not token.startswith(prefix):  # "Kt.": its letters differ, not only its mark
        return None
    rest = token[len(prefix):]
    glued = re.match(rf"^[{_DOT_MARKS}]*", rest)
    if glued is None or (glued.end() < len(rest) and not glued.group(0)):
        return None
    return MARK_CONF


def _prefix_fix(p: Paragraph, prefixes: list[str]) -> object:
    """"T/M", "KT", "K.T.", "KT.GIÁM ĐỐC" → the prefix as Điều 13 writes it ("TM.", "KT. GIÁM
    ĐỐC"): the abbreviation's spelling only, the title after it as typed."""
    old = typed(p)
    lead = old[: len(old) - len(old.lstrip())]
    g = _GLUED.match(old)
    if g:
        return text_fix(p, old, old[: g.end()] + " " + old[g.end():])
    m = _PREFIX_TOKEN.match(old)
    if m is None or p.numbering:
        return None
    canon = {x.rstrip(".").upper(): x for x in prefixes}.get(re.sub(r"[^A-Za-zĐđ]", "", m.group(0)).upper())
    if canon is None:
        return None
    return text_fix(p, old, lead + canon + " " + old[m.end():].lstrip(" \u00a0"))


_SIGN_ROLES = (Role.QUYEN_HAN, Role.CHUC_VU, Role.CHU_KY, Role.HO_TEN)
# Bodies run by one head (chế độ thủ trưởng), not a collective: their head signs, or a deputy
# signs "KT.", never "TM." (Điều 13, khoản 1–2): the rule's ``non_collective`` parameter, folded
# upper case as the TM. line starts.


def _upper_key(text: str) -> str:
    """Upper case without accents, spaces collapsed (the form ``non_collective`` is written in)."""
    return " ".join(strip_accents(text).upper().split())


_PREFIX_RE = re.compile(r"^\s*(?:K[./]?\s?T|T[./]?\s?U[./]?\s?Q|T[./]?\s?M|T[./]?\s?L|Q)\s*[./:;,]?\s*", re.IGNORECASE)


def _after_prefix(text: str) -> str:
    """The head or body named after an authority prefix ("K.T. GIÁM ĐỐC" → "GIÁM ĐỐC")."""
    return _PREFIX_RE.sub("", text.strip(), count=1).strip()


def _is_deputy(title: str) -> bool:
    f = _upper_key(title)
    return f.startswith(("PHO ", "THU TRUONG"))


def _deputy_of(kt_line: str, title: str) -> bool:
    """Does the deputy's title belong to the head named on the KT. line? ("KT. CHỦ TỊCH" →
    "PHÓ CHỦ TỊCH [THƯỜNG TRỰC]", "KT. BỘ TRƯỞNG" → "THỨ TRƯỞNG", "KT. TRƯỞNG BAN" → "PHÓ TRƯỞNG BAN")."""
    head, dep = _upper_key(_after_prefix(kt_line)), _upper_key(title)
    if dep.startswith("THU TRUONG"):
        return head.startswith("BO TRUONG")
    dep = dep[4:]  # after "PHO "
    if head.startswith("TRUONG BAN") and dep.startswith("BAN"):
        return True
    return bool(head) and (dep.startswith(head) or head.startswith(dep))


def _not_collective(body: str, prefixes: list[str]) -> bool:
    f = _upper_key(body) + " "
    return any(f.startswith(p) for p in prefixes)


def _deputy_without_kt(ctx: Ctx, lines: list[Paragraph], prefixes: list[str]) -> None:
    """A deputy's title ("PHÓ CHỦ TỊCH", "THỨ TRƯỞNG") with no "KT." line above it in its block.

    Any line above counts by its prefix, whatever role recognition gave it ("KT:CHỦ TỊCH" read
    as a title). On a scan the absence rests on the reading of the place above the title
    (:func:`_place_above`): text there of another paragraph (a line merged with the Nơi nhận
    label beside it) is searched for the prefix, and ink left unread there leaves it open."""
    for i, p in enumerate(lines):
        if p.role != Role.CHUC_VU or not _is_deputy(p.shown_text):
            continue
        above = [q for q in lines[:i] if _same_cell(q, p)]
        found = {authority_prefix(q.shown_text.strip(), prefixes)[0] for q in above}
        if "KT" in found or found & {"TL", "TUQ"}:
            continue
        place = _place_above(ctx.doc, p, above)
        if place == "found":
            continue
        title = p.shown_text.strip()
        head = "BỘ TRƯỞNG" if _upper_key(title).startswith("THU TRUONG") else title[4:].strip()
        if place == "unread":
            ctx.not_evaluated(key="kt-place-unread", actual=title)
            continue
        ctx.fail(p, key="deputy_without_kt", actual=title, expected=f"KT. {head}", confidence=place)


# an authority prefix anywhere in a line's text (a KT. line merged into a paragraph beside it)
_PREFIX_ANYWHERE = re.compile(r"(?:^|\s)(?:K[./]?\s?T|T[./]?\s?L|T[./]?\s?U[./]?\s?Q)[.:;,]", re.IGNORECASE)
#: the place above a title: this many of its line heights
ABOVE_LINES = 1.5


def _place_above(doc: Document, p: Paragraph, above: list[Paragraph]) -> str | float | None:
    """What the reading of a scan says of the place just above a deputy's title, where a "KT."
    line would stand: "found" (another paragraph's text there holds a prefix), "unread" (ink
    there went unread: a seal's edge, a line lost), else the confidence the absence rests on —
    the weakest reading of the title's opening words, of the line just above it and of any
    other text in that place. None for text not read from an image (the engine's own)."""
    if p.source != "ocr" or p.top is None or p.bottom is None or p.x0 is None or p.x1 is None:
        return None
    height = p.bottom - p.top
    band = (p.x0, p.top - ABOVE_LINES * height, p.x1, p.top)
    confs = [c for c in (part_confidence(p), part_confidence(above[-1]) if above else None) if c is not None]
    others = [q for q in doc.paragraphs if q is not p and not any(q is a for a in above) and _in_band(q, p, band)]
    if any(_PREFIX_ANYWHERE.search(q.shown_text) for q in others):
        return "found"
    confs += [c for q in others if (c := q.reading_confidence) is not None]
    if p.page is not None and 0 < p.page <= len(doc.pages):
        if any(_meets(band, box) for box in doc.pages[p.page - 1].unread):
            return "unread"
    return min(confs) if confs else None


def _in_band(q: Paragraph, p: Paragraph, band: tuple[float, float, float, float]) -> bool:
    """Does paragraph ``q`` (text, on ``p``'s page, measured) reach into ``band``?"""
    if q.is_empty or q.page != p.page or q.x0 is None or q.top is None:
        return False
    return _meets(band, (q.x0, q.top, q.x1 if q.x1 is not None else q.x0, q.bottom if q.bottom is not None else q.top))


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return b[0] < a[2] and b[2] > a[0] and b[1] < a[3] and b[3] > a[1]


def _same_cell(a: Paragraph, b: Paragraph) -> bool:
    if a.cell is None or b.cell is None:
        return a.cell is None and b.cell is None
    return (a.cell.table, a.cell.row, a.cell.col) == (b.cell.table, b.cell.row, b.cell.col)


def _centred_on_page(ctx: Ctx, doc, lines: list[Paragraph]) -> None:
    """The authority block centred across the whole text width instead of in the right block."""
    first = lines[0]
    if first.cell is not None or side_of(doc, first) not in ("full", None) or first.alignment != "center":
        return
    if (first.left_indent or 0) > 72:  # moved right by an indent: a right block typed without a table
        return
    if first.x0 is not None and first.x1 is not None:  # measured (PDF): its centre is the page's
        width = page_width_of(doc, first)
        if not width or abs((first.x0 + first.x1) / 2 - width / 2) > width * 0.08:
            return
    ctx.fail(first, key="position", expected=Term("right-block"), actual=Term("centre-of-the-page"))


def _next_line(block: list[Paragraph], p: Paragraph) -> Paragraph | None:
    """Next line of the same signature block: the next line with a signature role (a PDF
    reads the Nơi nhận column in between, so only signature lines are listed), in the same
    table cell when in a table. ``block`` holds the lines in order (paragraphs cut at breaks)."""
    pos = next(i for i, q in enumerate(block) if q is p)
    for q in block[pos + 1:]:
        if p.cell is not None and (q.cell is None or (q.cell.table, q.cell.row, q.cell.col) !=
                                   (p.cell.table, p.cell.row, p.cell.col)):
            continue
        return q
    return None


# --------------------------------------------------------------------------------------------
# ND30-SIGN-NAME
# --------------------------------------------------------------------------------------------


def academic_title(name: str, titles: list[str]) -> str | None:
    """The học hàm/học vị written before a name ("TS. Nguyễn Văn A" → "TS."), else None."""
    t = unicodedata.normalize("NFC", name).strip()
    for title in sorted(titles, key=len, reverse=True):
        tt = unicodedata.normalize("NFC", title)
        if t.casefold().startswith(tt.casefold()):
            rest = t[len(tt):]
            if tt.endswith(".") or not rest or rest[0] in " .\u00a0":
                return t[: len(tt) + (1 if rest[:1] == "." else 0)]
    return None


#: what stands before a scanned name's first letter that no name holds: a seal's edge or a
#: speck read as a quote or a dot
_LEAD_MARKS = "'‘’\"“”`´.,:;"


def scan_title(p: Paragraph, titles: list[str], before: Paragraph | None = None) -> tuple[str, float | None] | None:
    """(title, confidence) of a học hàm/học vị read before a scanned name, else None. The first
    word is taken without marks a seal's edge leaves before it ("'TS."), and a word that differs
    from a title ending in "." only by one digit or sign in a letter's place ("T8.", "T3.") is
    that title: no part of a Vietnamese name holds a digit or ends in a dot. The confidence is
    that word's reading (a note below the threshold); None for text not read from an image.
    ``before``: the line's first piece, cut off where its reading lost words (``line_piece_before``)."""
    if p.source != "ocr":
        return None
    words = (before.text.split() if before is not None else []) + p.text.split()
    if len(words) < 2:
        return None
    first = words[0].lstrip(_LEAD_MARKS)
    p = before if before is not None else p  # the paragraph holding the first word
    conf = token_confidence(p, words[0])
    found = academic_title(" ".join([first, *words[1:]]), titles)
    if found:
        if first != words[0] or _spelt_title(first, found, words[1:]):
            # the speck's mark, or a string no dictionary holds ("TS." at 0.67, its letters at
            # 0.95), took the word's confidence down, not its letters
            conf = _letters_after(p, words[0], len(words[0]) - len(first)) or conf
        return found, conf
    for title in titles:
        if title.endswith(".") and len(title) == len(first) and first.endswith(".") and _one_sign_off(first, title):
            return title, conf
    return None


def line_piece_before(doc: Document, p: Paragraph) -> Paragraph | None:
    """The start of a scanned name line that the reader cut off: where a seal hid the words in
    the middle ("TS. [Hoàng Văn] Khánh"), the line's two ends are read as two paragraphs a
    gutter apart. A piece of one or two words on the same line just left of ``p``, with
    unread ink (``Page.unread``: dark seals, lost words) filling most of the gap between them,
    is the line's start; None otherwise (or for text not read from an image)."""
    if p.source != "ocr" or None in (p.page, p.top, p.bottom, p.x0):
        return None
    page = next((pg for pg in doc.pages if pg.number == p.page), None)
    if page is None or not page.unread:
        return None
    best: Paragraph | None = None
    for q in doc.paragraphs:
        if not _same_line_left(q, p):
            continue
        if _unread_between(page.unread, q, p) >= 0.5 * (p.x0 - q.x1) and (best is None or q.x1 > best.x1):  # type: ignore[operator]
            best = q
    return best


def _same_line_left(q: Paragraph, p: Paragraph) -> bool:
    """``q`` is a scanned piece of one or two words on ``p``'s line, wholly left of it."""
    if q is p or q.source != "ocr" or q.page != p.page or q.role not in (Role.CHUC_VU, Role.OTHER) \
            or None in (q.top, q.bottom, q.x0, q.x1) or not 1 <= len(q.text.split()) <= 2:
        return False
    overlap = min(q.bottom, p.bottom) - max(q.top, p.top)  # type: ignore[type-var,operator]
    return overlap >= 0.5 * min(q.bottom - q.top, p.bottom - p.top) and q.x1 <= p.x0  # type: ignore[operator]


def _unread_between(unread: list[tuple[float, float, float, float]], q: Paragraph, p: Paragraph) -> float:
    """How much of the gap between ``q``'s end and ``p``'s start unread ink covers (points)."""
    spans = sorted((max(b[0], q.x1), min(b[2], p.x0)) for b in unread  # type: ignore[type-var]
                   if b[1] < p.bottom and b[3] > p.top and b[2] > q.x1 and b[0] < p.x0)  # type: ignore[operator]
    covered, end = 0.0, q.x1
    for a, b in spans:
        a = max(a, end)
        if b > a:
            covered, end = covered + b - a, b  # type: ignore[assignment]
    return covered  # type: ignore[return-value]


#: where a signer's name stands under the block's last line: this many of its line heights
#: (the signature's space, 3–5 empty lines, and the name itself)
BELOW_LINES = 8.0


def _place_below_unread(doc: Document, p: Paragraph) -> bool:
    """Does a scan leave the place under the signer's title unread — ink no word was read
    from there (a dark seal, a lost line) or a line read there that recognition could not name?
    Then a missing name is not shown, only not read. False for text not read from an image."""
    if p.source != "ocr" or None in (p.page, p.top, p.bottom, p.x0, p.x1):
        return False
    height = p.bottom - p.top  # type: ignore[operator]
    band = (p.x0 - 2 * height, p.bottom, p.x1 + 2 * height, p.bottom + BELOW_LINES * height)  # type: ignore[operator]
    page = next((pg for pg in doc.pages if pg.number == p.page), None)
    if page is not None and any(_meets(band, box) for box in page.unread):
        return True
    return any(q.role == Role.OTHER and _in_band(q, p, band) for q in doc.paragraphs if q is not p)


def _spelt_title(first: str, found: str, rest: list[str]) -> bool:
    """Is the first word exactly a listed abbreviated title ("TS.", "ThS.") before a name's
    capitalised words? Tesseract lowers such a word's confidence for a string no dictionary
    holds, not for its shapes; a misreading would have to make a name's word into exactly a
    title with its dot (no Vietnamese name word holds one), so its letters say how sure it is."""
    return first == found and found.endswith(".") and bool(rest) and \
        all(w[:1].isupper() and w.isalpha() for w in rest[:2])


def _letters_after(p: Paragraph, word: str, skip: int) -> float | None:
    """The weakest of ``word``'s letters after its first ``skip`` characters, from the reader's
    per-letter confidences (``extra["letter_confidences"]``: tesserocr's symbols, capped by the
    reader where it capped the word); None when the reader gave no letters for that word."""
    for text, letters in p.extra.get("letter_confidences") or ():
        if text != word or not letters:
            continue
        pos, found = 0, []
        for ch, c in letters:
            if pos >= skip:
                found.append(float(c))
            pos += len(ch)
        return min(found) if found else None
    return None


def _one_sign_off(read: str, title: str) -> bool:
    """Do ``read`` and ``title`` differ in exactly one place, where ``read`` has a digit or sign?"""
    diff = [(a, b) for a, b in zip(read.casefold(), title.casefold()) if a != b]
    return len(diff) == 1 and not diff[0][0].isalpha() and diff[0][1].isalpha()


@check("ND30-SIGN-NAME", fixable=True)
def sign_name(ctx: Ctx) -> None:
    """Signer's full name under the title: present, 13–14, bold, no academic title before it."""
    doc = ctx.doc
    names = _nonempty(doc.with_role(Role.HO_TEN))
    block = _nonempty(doc.with_role(Role.QUYEN_HAN, Role.CHUC_VU))
    if not names:
        if block and _place_below_unread(doc, block[-1]):
            ctx.not_evaluated(key="name-place-unread")
        elif block:
            ctx.fail(block[-1], key="missing")
        else:
            ctx.not_applicable(key="no-signature-block-found-see-nd30")
        return
    lo, hi = float(ctx.param("min")), float(ctx.param("max"))
    tol = float(ctx.param("tolerance_pt"))
    titles = list(ctx.param("academic_titles"))
    unknown = False
    for p in names:
        unknown |= _size_and_bold(ctx, p, lo, hi, tol)
        scan = scan_title(p, titles, line_piece_before(doc, p))
        if scan is not None:
            ctx.fail(p, key="title", actual=scan[0], expected=Term("the-name-only"), confidence=scan[1])
        elif p.source != "ocr" and (found := academic_title(p.text, titles)):
            ctx.fail(p, key="title", actual=found, expected=Term("the-name-only"))
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="name-style-unknown")
