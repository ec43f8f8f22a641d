"""Text edits inside one paragraph: replace a stretch of what the reader saw by new text,
touching only the characters that differ.

The paragraph's typed text is spread over ``w:t`` elements of several runs, with tabs,
breaks and symbols between them, and may be stored decomposed (NFD, as old keyboards type
it) while the model holds it composed (NFC). So the edit is made on a *view*: the runs' text
in order, each piece remembering its element, composed cluster by cluster with a map back to
the stored characters. The difference between the old and the new stretch (difflib) becomes a
few small replacements, each inside ``w:t`` text: a tab, break or symbol is never removed, and
an edit that would need to is refused (the finding stays).
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from lxml import etree

from .xml import W, w

_T, _R, _TAB, _PTAB, _BR, _CR, _NBH, _SOFT, _SYM, _RPR, _VANISH = (
    w("t"), w("r"), w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen"), w("softHyphen"), w("sym"),
    w("rPr"), w("vanish"))
_INTO = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "bdo", "dir",
                        "sdtContent")}
_SDT = w("sdt")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(slots=True)
class Piece:
    el: etree._Element | None  # the w:t holding it; None for a tab, break, symbol (not editable)
    start: int
    end: int


def _hidden(r: etree._Element) -> bool:
    rpr = r.find(_RPR)
    v = rpr.find(_VANISH) if rpr is not None else None
    return v is not None and v.get(f"{{{W}}}val") not in ("0", "false", "off")


def view(p: etree._Element) -> tuple[str, list[Piece]]:
    """The paragraph's text as stored (runs in order; deleted and hidden text left out)."""
    parts: list[str] = []
    pieces: list[Piece] = []
    pos = 0

    def add(text: str, el: etree._Element | None) -> None:
        nonlocal pos
        parts.append(text)
        pieces.append(Piece(el, pos, pos + len(text)))
        pos += len(text)

    def walk(parent: etree._Element) -> None:
        for el in parent:
            tag = el.tag
            if tag == _R:
                if _hidden(el):
                    continue
                for c in el:
                    ct = c.tag
                    if ct == _T:
                        add(c.text or "", c)
                    elif ct in (_TAB, _PTAB):
                        add("\t", None)
                    elif ct in (_BR, _CR):
                        add("\n", None)
                    elif ct == _NBH:
                        add("-", None)
                    elif ct == _SOFT:
                        add("\xad", None)
                    elif ct == _SYM:
                        add("\ufffc", None)
            elif tag in _INTO:
                walk(el)
            elif tag == _SDT:
                inner = el.find(w("sdtContent"))
                if inner is not None:
                    walk(inner)

    walk(p)
    return "".join(parts), pieces


def _clusters(raw: str) -> list[tuple[int, int]]:
    """Spans of ``raw`` each starting at a character of combining class 0 (composition never
    crosses one)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(raw) + 1):
        if i == len(raw) or unicodedata.combining(raw[i]) == 0:
            spans.append((start, i))
            start = i
    return spans if raw else []


class TextView:
    """A paragraph's stored text composed (NFC), mapped back to the stored characters."""

    def __init__(self, p: etree._Element):
        self.raw, self.pieces = view(p)
        self.spans = _clusters(self.raw)
        composed: list[str] = []
        self.owner: list[int] = []  # composed char → cluster
        self.first: list[int] = []  # cluster → its first composed char
        for k, (a, b) in enumerate(self.spans):
            c = unicodedata.normalize("NFC", self.raw[a:b])
            self.first.append(len(self.owner))
            composed.append(c)
            self.owner.extend([k] * len(c))
        self.text = "".join(composed)

    def replace(self, old: str, new: str) -> list[etree._Element] | None:
        """Replace the first ``old`` by ``new``; the ``w:t`` elements changed, or None (not found,
        or a tab/break/symbol would have to go)."""
        old, new = unicodedata.normalize("NFC", old), unicodedata.normalize("NFC", new)
        at = self.text.find(old)
        if at < 0:
            return None
        edits = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag != "equal":
                edits.append((at + i1, at + i2, new[j1:j2]))
        touched: list[etree._Element] = []
        for n0, n1, s in reversed(edits):
            got = self._apply(n0, n1, s)
            if got is None:
                return None
            touched += got
        return touched

    def _apply(self, n0: int, n1: int, s: str) -> list[etree._Element] | None:
        """Composed range [n0, n1) → ``s``, widened to whole clusters, in the stored text."""
        if n1 > n0:
            k0, k1 = self.owner[n0], self.owner[n1 - 1]
        elif n0 < len(self.owner):
            k0 = k1 = self.owner[n0]
            if self.first[k0] == n0:  # an insertion before this cluster: nothing to widen
                return self._stored(self.spans[k0][0], self.spans[k0][0], s)
        else:
            return self._stored(len(self.raw), len(self.raw), s)
        c0, c1 = self.first[k0], (self.first[k1 + 1] if k1 + 1 < len(self.first) else len(self.text))
        repl = self.text[c0:n0] + s + self.text[max(n1, n0):c1]
        return self._stored(self.spans[k0][0], self.spans[k1][1], repl)

    def _stored(self, r0: int, r1: int, s: str) -> list[etree._Element] | None:
        """Stored range [r0, r1) → ``s``: the text goes into the first ``w:t`` the range
        touches (at an insertion point: the text before it, else after it)."""
        hit = [p for p in self.pieces if p.start < r1 and p.end > r0] if r1 > r0 else []
        if any(p.el is None for p in hit):
            return None
        if not hit:  # insertion: inside a text, else at the end of the one before, else the one after
            inside = [p for p in self.pieces if p.start < r0 < p.end]
            before = [p for p in self.pieces if p.end == r0 and p.el is not None]
            after = [p for p in self.pieces if p.start == r0 and p.el is not None]
            if inside and inside[0].el is None:
                return None
            host = inside[0] if inside else before[-1] if before else after[0] if after else None
            if host is None:
                return None
            hit = [host]
        out = []
        for i, p in enumerate(hit):
            text = p.el.text or ""  # type: ignore[union-attr]
            a, b = max(r0, p.start) - p.start, min(r1, p.end) - p.start
            if r1 == r0:
                a = b = r0 - p.start
            _set_text(p.el, text[:a] + (s if i == 0 else "") + text[b:])  # type: ignore[arg-type]
            out.append(p.el)
        return out


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")
