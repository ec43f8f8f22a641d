"""Per-paragraph features computed once, so the recognisers never re-join runs or re-run regexes."""

from __future__ import annotations

import re
import unicodedata

from ..model import Document, Paragraph
from ..text.fold import fold_upper
from .text import (
    ascii_fold, is_caps, is_placeholder, is_quoc_hieu, is_separator, is_tieu_ngu, line_kind, ocr_line_kind,
)

Side = str  # "left" | "right" | ""

_NOISE_RE = re.compile(r"^[\d*()\s]+$")
class Feat:
    """What structure recognition needs to know about one paragraph."""

    __slots__ = ("i", "p", "text", "up", "ax", "kind", "caps", "bold", "italic", "align", "side",
                 "table", "col", "layout", "data_cell", "empty", "sep", "stamp", "placeholder",
                 "margin", "words", "page", "split_right", "parts", "noise")

    def __init__(self, i: int, p: Paragraph) -> None:
        """Kept whole: computes every feature of a paragraph once, in one place (the hot path
        of recognition)."""
        self.i = i
        self.p = p
        runs = p.runs
        raw = "".join(r.text for r in runs)
        if not raw.isascii():
            raw = unicodedata.normalize("NFC", raw)
        if p.numbering:
            raw = f"{p.numbering} {raw}" if raw else p.numbering
        text = " ".join(raw.split())
        self.text = text
        # an unsplit "LEFT<tab>RIGHT" line: its parts, so header markers are still found
        self.parts: list[str] | None = None
        if "\t" in raw:
            parts = [" ".join(x.split()) for x in raw.split("\t") if x.strip()]
            if len(parts) >= 2:
                self.parts = parts
        self.page = p.page
        self.margin = p.container in ("header", "footer")
        # footnote marks a PDF reader left on their own ("1", "7 8", "(*)"): no line of their own
        self.noise = bool(text) and len(text) <= 6 and not self.margin and p.cell is None \
            and _NOISE_RE.match(text) is not None
        self.empty = not text or self.noise
        if self.empty:
            self.up = self.ax = ""
            self.kind = None
            self.caps = False
            self.bold = self.italic = None
            self.sep = self.stamp = self.placeholder = False
            self.words = 0
        else:
            short = len(text) < 120
            up = fold_upper(text if short else text[:100])  # patterns only look at the start of long lines
            self.up = up
            self.ax = ascii_fold(up) if short else ""
            self.kind = ocr_line_kind(up) if p.source == "ocr" else line_kind(up)
            if any(r.caps for r in runs):
                shown = "".join(r.text.upper() if r.caps else r.text for r in runs)
                self.caps = is_caps(shown)
            else:
                self.caps = is_caps(text)
            self.bold, self.italic = _weights(p)
            self.sep = is_separator(text)
            self.stamp = any(r.from_signature for r in runs) and all(
                r.from_signature for r in runs if r.text.strip())
            self.placeholder = text[0] == "(" and is_placeholder(up) or up in ("ĐÃ KÝ", "(ĐÃ KÝ)")
            self.words = text.count(" ") + 1
            if self.parts is None and self.ax:
                self.parts = _merged_parts(text, self.ax, self.kind)
        self.align = p.alignment
        self.table: int | None = p.cell.table if p.cell is not None else None
        self.col: int | None = p.cell.col if p.cell is not None else None
        self.layout = False  # set by recognise(): inside a layout (non-data) table
        self.data_cell = False
        self.side: Side = ""
        # right half of a "LEFT<tab>RIGHT" line the docx reader split: in the body it is the
        # same logical line as its left half
        self.split_right = p.column == "right" and p.extra.get("split_from") is not None


_SO_START_RE = re.compile(r"^S[ốoố]\s*:?\s*[^/\s]*\s*/\s*")
_SYMBOL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđ0123456789-")


def _split_so_date(text: str) -> list[str] | None:
    """"Số: 05/KH-UBNDHà Nội, ngày …" → ["Số: 05/KH-UBND", "Hà Nội, ngày …"]: the place starts at
    the last capital-then-lower-case letter pair the symbol's characters allow."""
    m = _SO_START_RE.match(text)
    if not m:
        return None
    k = m.end()
    end = k
    while end < len(text) and text[end] in _SYMBOL_CHARS:
        end += 1
    if end < len(text) and text[end] == " ":
        return [text[:end], text[end:].strip()]
    for cut in range(end, k, -1):
        if cut + 1 < len(text) and text[cut].isupper() and text[cut + 1].islower():
            return [text[:cut], text[cut:].strip()]
    return None


def _merged_parts(text: str, ax: str, kind: str | None) -> list[str] | None:
    """Left and right header texts a PDF reader put on one line ("UBND XÃ A CỘNG HÒA …",
    "Số: 05/KH-UBNDHà Nội, ngày …"): cut where the right-hand element starts."""
    for key in ("CONG HOA", "DOC LAP"):
        k = ax.find(key)
        if k > 2:
            left, right = text[:k].strip(), text[k:].strip()
            # only an agency name (capitals) before it: "Căn cứ Hiến pháp nước Cộng hòa …" is a sentence
            if left and right and is_caps(left) and len(right) <= 45:
                return [left, right]
    if kind == "so" and "NGAY" in ax:
        return _split_so_date(text)
    return None


def _weights(p: Paragraph) -> tuple[float | None, float | None]:
    """Share of visible characters that are bold / italic (None when the reader could not tell)."""
    tot = b = it = 0
    known_b = known_i = False
    for r in p.runs:
        n = len(r.text.strip())
        if not n:
            continue
        tot += n
        if r.bold is not None:
            known_b = True
            if r.bold:
                b += n
        if r.italic is not None:
            known_i = True
            if r.italic:
                it += n
    if not tot:
        return None, None
    return (b / tot if known_b else None), (it / tot if known_i else None)


def build(doc: Document) -> list[Feat]:
    """Features for every paragraph. Tables holding a header or signature block count as layout
    whatever their borders; every other data table's cells are table cells."""
    feats = [Feat(i, p) for i, p in enumerate(doc.paragraphs)]
    layout = _layout_tables(doc, feats)
    ntables = len(doc.tables)
    for f in feats:
        if f.table is not None:
            t = doc.tables[f.table] if 0 <= f.table < ntables else None
            f.layout = f.table in layout or (t is not None and not t.is_data_table)
            f.data_cell = not f.layout
            if f.layout:
                cols = t.cols if t is not None else 2
                if cols >= 2 and f.col is not None:
                    f.side = "left" if f.col < max(1, cols // 2) else "right"
        col = f.p.column
        if not f.side and col in ("left", "right"):
            f.side = col
    return feats


def _layout_tables(doc: Document, feats: list[Feat]) -> set[int]:
    """Tables that hold a header or signature block even when they have borders or >2 columns
    (the decree's own templates put the signature block in a 3–5 column grid)."""
    out: set[int] = set()
    ntables = len(doc.tables)
    for f in feats:
        if f.table is None or f.table in out or f.empty or len(f.text) > 80:
            continue
        if f.kind in ("so", "noinhan", "prefix") or is_quoc_hieu(f.ax) or is_tieu_ngu(f.ax):
            out.add(f.table)
        elif f.placeholder and 0 <= f.table < ntables and not doc.tables[f.table].has_borders:
            out.add(f.table)  # a bordered list with "(Ký tên)" cells stays a data table
    # nested tables inside a layout table are layout too
    changed = bool(out)
    while changed:
        changed = False
        for t in doc.tables:
            if t.nested_in is not None and t.nested_in in out and t.index not in out:
                out.add(t.index)
                changed = True
    return out


def follows_split(feats: list[Feat], f: Feat) -> bool:
    """``f`` is the right half of the paragraph just before it."""
    if not f.split_right or f.i == 0:
        return False
    left = feats[f.i - 1]
    return left.p.extra.get("split_from") == f.p.extra.get("split_from") and left.p.column == "left"


def bold(f: Feat) -> bool | None:
    """Mostly bold (True), mostly not (False), unknown (None)."""
    if f.bold is None:
        return None
    return f.bold >= 0.6


def sep_like(f: Feat) -> bool:
    return f.sep
