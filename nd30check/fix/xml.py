"""WordprocessingML editing: parse a part faithfully, find elements by locator address, set
run / paragraph / section properties in schema order, write the part back.

Only what a fix needs, and always the smallest edit: an attribute set on an existing element,
else one child element inserted where the schema (ECMA-376 Part 1, transitional) puts it —
Word refuses a file whose ``w:rPr`` children are out of order. Elements of other namespaces
(``w14:…`` extensions) keep their place; change-tracking records (``w:rPrChange``…) stay last.
"""

from __future__ import annotations

import re

from lxml import etree

from ..ooxml import NAMESPACES
from ..safety import parse_xml

W = NAMESPACES["w"]
A = NAMESPACES["a"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


WVAL = w("val")

# schema order of the children of each properties element
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
             "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
             "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
             "em", "lang", "eastAsianLayout", "specVanish", "oMath"]
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr"]
SECT_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
              "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
              "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings"]
STYLE_ORDER = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
               "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
               "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"]
_CHANGE_RECORDS = {w(t) for t in ("rPrChange", "pPrChange", "sectPrChange")}
_ORDERS: dict[str, dict[str, int]] = {}


def _rank(order: list[str]) -> dict[str, int]:
    key = order[0]
    got = _ORDERS.get(key)
    if got is None:
        got = _ORDERS[key] = {w(t): i for i, t in enumerate(order)}
    return got


def child(parent: etree._Element, tag: str, order: list[str], create: bool = True) -> etree._Element | None:
    """The ``w:tag`` child of ``parent``, created where the schema ``order`` puts it."""
    clark = w(tag)
    found = parent.find(clark)
    if found is not None or not create:
        return found
    rank = _rank(order)
    mine = rank[clark]
    new = parent.makeelement(clark, {})
    for i, c in enumerate(parent):
        if not isinstance(c.tag, str):
            continue
        r = rank.get(c.tag)
        # an element of the schema placed later, an extension (w14:…), a change record
        if (r is not None and r > mine) or (r is None and (c.tag in _CHANGE_RECORDS or not c.tag.startswith(f"{{{W}}}"))):
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


def props(el: etree._Element, what: str) -> etree._Element:
    """The ``w:rPr`` / ``w:pPr`` that holds direct or style properties of ``el`` (a run, a
    paragraph, a style, the document defaults), created where it belongs."""
    tag = el.tag
    if tag == w("docDefaults"):
        holder = child(el, what + "Default", ["rPrDefault", "pPrDefault"])
        assert holder is not None
        got = holder.find(w(what))
        if got is None:
            got = holder.makeelement(w(what), {})
            holder.insert(0, got)
        return got
    if tag == w("style"):
        got = child(el, what, STYLE_ORDER)
        assert got is not None
        return got
    got = el.find(w(what))
    if got is None:  # w:rPr first in a w:r, w:pPr first in a w:p
        got = el.makeelement(w(what), {})
        el.insert(0, got)
    return got


def set_toggle(rpr: etree._Element, tag: str, on: bool, also: str | None = None) -> None:
    """``<w:b/>`` / ``<w:b w:val="0"/>``; ``also`` (bCs, iCs) is kept in step when present."""
    el = child(rpr, tag, RPR_ORDER)
    assert el is not None
    _on_off(el, on)
    if also is not None:
        other = rpr.find(w(also))
        if other is not None:
            _on_off(other, on)


def _on_off(el: etree._Element, on: bool) -> None:
    if on:
        if WVAL in el.attrib:
            del el.attrib[WVAL]
    else:
        el.set(WVAL, "0")


def set_attrs(el: etree._Element, values: dict[str, str | None]) -> None:
    """Set (or, for None, remove) ``w:`` attributes."""
    for k, v in values.items():
        a = w(k)
        if v is None:
            if a in el.attrib:
                del el.attrib[a]
        else:
            el.set(a, v)


def twips(points: float) -> str:
    return str(int(round(points * 20)))


# --------------------------------------------------------------------------- parts and paths

_STEP = re.compile(r"^(?:([A-Za-z0-9]+):([A-Za-z0-9_]+)|\{([^}]*)\}([A-Za-z0-9_]+))(?:\[(\d+)\])?$")


def resolve(root: etree._Element, address: str) -> etree._Element | None:
    """The element an address names in a part: an element path ("/w:body/w:p[3]/w:r[1]"),
    "style=<id>", "docDefaults" or "font=minor|major" (theme); None when it is not there."""
    if address.startswith("style="):
        sid = address[6:]
        return next((s for s in root.iterchildren(w("style")) if s.get(w("styleId")) == sid), None)
    if address == "docDefaults":
        got = root.find(w("docDefaults"))
        if got is None and root.tag == w("styles"):
            got = root.makeelement(w("docDefaults"), {})
            root.insert(0, got)
        return got
    if address.startswith("font="):
        kind = address[5:]
        return root.find(f"{{{A}}}themeElements/{{{A}}}fontScheme/{{{A}}}{kind}Font")
    cur: etree._Element | None = root
    for part in address.strip("/").split("/"):
        m = _STEP.match(part)
        if m is None or cur is None:
            return None
        ns = NAMESPACES.get(m.group(1)) if m.group(1) else m.group(3)
        if ns is None:
            return None
        tag = f"{{{ns}}}{m.group(2) or m.group(4)}"
        n = int(m.group(5) or 1)
        cur = next((c for i, c in enumerate(x for x in cur if x.tag == tag) if i == n - 1), None)
    return cur


class Part:
    """One XML part parsed for editing and written back *spliced*: only the elements an edit
    touched are re-serialised; every other byte of the part stays as it was (lxml alone would
    rewrite ``<a></a>`` as ``<a/>``, quotes, character references all over the part).

    Edits report what they changed with :meth:`touch`; on writing, each change is mapped to the
    nearest element that existed before editing, and that element's bytes are replaced."""

    def __init__(self, name: str, data: bytes):
        self.name = name
        self.data = data
        self.root = parse_xml(data, name, faithful=True)
        self._before = {el: i for i, el in enumerate(self.root.iter(etree.Element))}
        self._touched: list[etree._Element] = []

    @staticmethod
    def editable(data: bytes) -> bool:
        """UTF-8 Transitional XML (a UTF-16 or Strict OOXML part is left alone)."""
        return not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"purl.oclc.org/ooxml" not in data[:4096]

    def touch(self, el: etree._Element) -> None:
        self._touched.append(el)

    @property
    def dirty(self) -> bool:
        return bool(self._touched)

    def _units(self) -> list[etree._Element]:
        """The outermost pre-existing elements holding every change."""
        units: list[etree._Element] = []
        for el in self._touched:
            cur: etree._Element | None = el
            while cur is not None and cur not in self._before:
                cur = cur.getparent()
            units.append(cur if cur is not None else self.root)
        keep = set(units)
        out = []
        for u in units:
            if u in out:
                continue
            if any(a in keep for a in u.iterancestors()):
                continue  # inside another unit: written with it
            out.append(u)
        return out

    def serialize(self) -> bytes:
        if not self._touched:
            return self.data
        units = self._units()
        if self.root in units:
            return _prolog(self.data) + etree.tostring(self.root, encoding="UTF-8") + _trailer(self.data)
        new_text = etree.tostring(self.root, encoding="UTF-8")
        unit_set = set(units)
        after = {el: i for i, el in enumerate(self.root.iter(etree.Element)) if el in unit_set}
        old_spans = element_spans(self.data, {self._before[u] for u in units})
        new_spans = element_spans(new_text, set(after.values()))
        pieces = sorted((old_spans[self._before[u]], new_spans[after[u]]) for u in units)
        out, pos = [], 0
        for (a, b), (c, d) in pieces:
            out += [self.data[pos:a], new_text[c:d]]
            pos = b
        out.append(self.data[pos:])
        return b"".join(out)


_TOKEN = re.compile(rb"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|</[^>]*>|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)


def element_spans(data: bytes, wanted: set[int]) -> dict[int, tuple[int, int]]:
    """Byte spans of the elements numbered ``wanted`` in document order (the order of
    ``root.iter()``), found by scanning the markup: comments, CDATA, processing instructions
    skipped; attribute values may hold ">"."""
    out: dict[int, tuple[int, int]] = {}
    stack: list[tuple[int, int]] = []
    n = 0
    for m in _TOKEN.finditer(data):
        tok = m.group(0)
        second = tok[1:2]
        if second in (b"!", b"?"):
            continue
        if second == b"/":
            k, start = stack.pop()
            if k in wanted:
                out[k] = (start, m.end())
            continue
        if tok.endswith(b"/>"):
            if n in wanted:
                out[n] = (m.start(), m.end())
        else:
            stack.append((n, m.start()))
        n += 1
    return out


_ROOT_START = re.compile(rb"<(?![?!])")


def _prolog(data: bytes) -> bytes:
    m = _ROOT_START.search(data)
    return data[: m.start()] if m else b""


def _trailer(data: bytes) -> bytes:
    return data[len(data.rstrip()):]
