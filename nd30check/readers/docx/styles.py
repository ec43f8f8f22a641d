"""Word style machinery: property parsing, style chains, toggles, theme fonts, numbering.

Kept apart from the document walk so that the rules Word applies to formatting (which layer
wins, how bold toggles, where a theme font comes from) can be read and tested on their own.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from lxml import etree

from ...ooxml import A_NS, W_NS  # noqa: F401 - re-exported


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


WVAL = w("val")
OFF_VALUES = frozenset({"0", "false", "off", "none", "False"})
TOGGLES = ("b", "i", "bCs", "iCs", "caps", "smallCaps", "vanish", "strike")
_TOGGLE_TAGS = {w(t): t for t in TOGGLES}
T_RFONTS, T_SZ, T_SZCS, T_COLOR, T_U, T_RTL, T_CS, T_RSTYLE = (
    w("rFonts"), w("sz"), w("szCs"), w("color"), w("u"), w("rtl"), w("cs"), w("rStyle"))
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
_FONT_ATTRS = [(s, w(s), w(s + "Theme") if s != "cs" else w("cstheme")) for s in FONT_SLOTS]


def on(el: etree._Element | None) -> bool | None:
    """ST_OnOff: present without val = on; "0"/"false"/"off" = off."""
    if el is None:
        return None
    v = el.get(WVAL)
    return v is None or v not in OFF_VALUES


def num(v: str | None) -> float | None:
    """Parse a measurement attribute; tolerates "12pt"-style strict values; junk, NaN, ∞ → None."""
    if v is None:
        return None
    try:
        x = float(v)
    except ValueError:
        x = None
        for unit, factor in (("pt", 20.0), ("mm", 56.6929), ("cm", 566.929), ("in", 1440.0)):
            if v.endswith(unit):
                try:
                    x = float(v[: -len(unit)]) * factor
                except ValueError:
                    return None
                break
        if x is None:
            return None
    if not math.isfinite(x) or abs(x) > 1e7:  # no real length is that large: hostile or broken
        return None
    return x


def inum(v: str | None, default: int = 0, lo: int = 0, hi: int = 1_000_000) -> int:
    """An integer attribute (level, start, span), clamped to a sane range."""
    x = num(v)
    if x is None:
        return default
    return int(min(max(x, lo), hi))


def parse_rpr(el: etree._Element | None) -> dict[str, Any]:
    """Run properties that matter for layout checks, as a flat dict."""
    out: dict[str, Any] = {}
    if el is None:
        return out
    for c in el:
        tag = c.tag
        t = _TOGGLE_TAGS.get(tag)  # type: ignore[arg-type]
        if t is not None:
            out[t] = on(c)
        elif tag == T_RFONTS:
            for slot, attr, theme_attr in _FONT_ATTRS:
                th = c.get(theme_attr)
                if th:
                    out["f_" + slot] = ("theme", th)
                else:
                    name = c.get(attr)
                    if name:
                        out["f_" + slot] = ("font", name)
        elif tag == T_SZ:
            v = num(c.get(WVAL))
            if v is not None:
                out["sz"] = v / 2.0
        elif tag == T_SZCS:
            v = num(c.get(WVAL))
            if v is not None:
                out["szCs"] = v / 2.0
        elif tag == T_COLOR:
            v = c.get(WVAL)
            if v:
                out["color"] = None if v.lower() == "auto" else v.upper()
        elif tag == T_U:
            v = c.get(WVAL)
            out["u"] = v is not None and v not in ("none", "0", "false")
        elif tag == T_RTL:
            out["rtl"] = on(c)
        elif tag == T_CS:
            out["csflag"] = on(c)
    return out


W_LEADER, W_POS = w("leader"), w("pos")
T_JC, T_IND, T_SPACING, T_CTX, T_NUMPR, T_PBDR, T_TABS, T_PSTYLE, T_PBB = (
    w("jc"), w("ind"), w("spacing"), w("contextualSpacing"), w("numPr"), w("pBdr"), w("tabs"),
    w("pStyle"), w("pageBreakBefore"))
_JC = {
    "left": "left", "start": "left", "right": "right", "end": "right", "center": "center",
    "both": "justify", "distribute": "justify", "lowKashida": "justify", "mediumKashida": "justify",
    "highKashida": "justify", "thaiDistribute": "justify",
}


_IND_SIDES = [("ind_left", [(w("leftChars"), w("left")), (w("startChars"), w("start"))]),
              ("ind_right", [(w("rightChars"), w("right")), (w("endChars"), w("end"))])]
A_HANGC, A_FIRSTC, A_HANG, A_FIRST = w("hangingChars"), w("firstLineChars"), w("hanging"), w("firstLine")
_SP_SIDES = [(s, w(s + "Autospacing"), w(s + "Lines"), w(s)) for s in ("before", "after")]
A_LINE, A_LINERULE = w("line"), w("lineRule")


def parse_ppr(el: etree._Element | None) -> dict[str, Any]:
    """Paragraph properties: each attribute of w:ind / w:spacing inherits on its own, like Word.

    Kept whole: one branch per w:pPr child that matters (OOXML's flat list); a table of handlers
    would only move the branches."""
    out: dict[str, Any] = {}
    if el is None:
        return out
    for c in el:
        tag = c.tag
        if tag == T_JC:
            v = _JC.get(c.get(WVAL, ""))
            if v:
                out["jc"] = v
        elif tag == T_IND:
            for key, names in _IND_SIDES:
                for a_chars, a_tw in names:
                    ch = num(c.get(a_chars))
                    if ch is not None and ch != 0:
                        out[key] = ("chars", ch)
                        break
                    v = num(c.get(a_tw))
                    if v is not None:
                        out[key] = ("tw", v)
                        break
            hc, fc = num(c.get(A_HANGC)), num(c.get(A_FIRSTC))
            h, f = num(c.get(A_HANG)), num(c.get(A_FIRST))
            if hc:
                out["ind_first"] = ("chars", -hc)
            elif h is not None:
                out["ind_first"] = ("tw", -h if h else 0.0)  # hanging="0": no -0
            elif fc:
                out["ind_first"] = ("chars", fc)
            elif f is not None:
                out["ind_first"] = ("tw", f)
        elif tag == T_SPACING:
            for side, a_auto, a_lines, a_val in _SP_SIDES:
                auto = on_attr(c.get(a_auto))
                lines = num(c.get(a_lines))
                v = num(c.get(a_val))
                if auto:
                    out[side] = ("pt", 14.0)
                elif lines is not None:
                    out[side] = ("lines", lines / 100.0)
                elif v is not None:
                    out[side] = ("pt", v / 20.0)
                elif auto is False:
                    pass
            line = num(c.get(A_LINE))
            if line is not None:
                rule = c.get(A_LINERULE, "auto")
                if rule == "auto":
                    out["line"] = (line / 240.0, "auto")
                else:
                    out["line"] = (line / 20.0, "exact" if rule == "exact" else "atLeast")
        elif tag == T_CTX:
            out["contextual"] = on(c)
        elif tag == T_NUMPR:
            n_el, l_el = c.find(w("numId")), c.find(w("ilvl"))
            if n_el is not None:
                out["numId"] = n_el.get(WVAL)
            if l_el is not None:
                out["ilvl"] = inum(l_el.get(WVAL), 0, 0, 8)
        elif tag == T_PBDR:
            b = c.find(w("bottom"))
            if b is not None:
                out["bdr_bottom"] = b.get(WVAL, "single") not in ("none", "nil")
        elif tag == T_TABS:
            ops = []
            for t in c:
                pos = num(t.get(W_POS))
                if pos is not None:
                    leader = t.get(W_LEADER)
                    ops.append((t.get(WVAL, "left"), pos / 20.0, None if leader in (None, "none") else leader))
            out["tabs"] = ops
        elif tag == T_PBB:
            out["pageBreakBefore"] = on(c)
    return out


def on_attr(v: str | None) -> bool | None:
    if v is None:
        return None
    return v not in OFF_VALUES


_STYLE_START = re.compile(rb"<w:style[\s>/]")
_ATTR = re.compile(rb'w:(styleId|type|default)\s*=\s*["\']([^"\']*)["\']')
_NAME = re.compile(rb'<w:name\s+w:val\s*=\s*["\']([^"\']*)["\']')


class _LazyStyles:
    """styleId → <w:style> element, parsed on first use.

    Real styles.xml parts are large (python-docx's template: 350 KB, ~4 ms to parse) while a
    document uses a handful of styles. The part is cut into one byte chunk per style and only the
    chunks a document needs are parsed (each through safety.parse_xml, inside the original root
    tag so the namespace declarations hold)."""

    def __init__(self, data: bytes, root_tag: bytes, parse: Callable[[bytes, str], etree._Element]):
        self._data = data
        self._root_tag = root_tag
        self._parse = parse
        self._spans: dict[str, tuple[int, int]] = {}
        self._done: dict[str, etree._Element] = {}
        self.attrs: dict[str, dict[str, str]] = {}
        pos = 0
        while True:
            m = _STYLE_START.search(data, pos)
            if m is None:
                break
            tag_end = data.find(b">", m.start())
            if tag_end < 0:
                break
            head = data[m.start() : tag_end + 1]
            if head.endswith(b"/>"):
                end = tag_end + 1
            else:
                close = data.find(b"</w:style>", tag_end)
                if close < 0:
                    break
                end = close + len(b"</w:style>")
            attrs = {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(head)}
            sid = attrs.get("styleId")
            if sid is not None and sid not in self._spans:
                self._spans[sid] = (m.start(), end)
                self.attrs[sid] = attrs
            pos = end

    def __contains__(self, sid: object) -> bool:
        return sid in self._spans

    def __getitem__(self, sid: str) -> etree._Element:
        el = self._done.get(sid)
        if el is None:
            a, b = self._spans[sid]
            root = self._parse(self._root_tag + self._data[a:b] + b"</w:styles>", "word/styles.xml")
            el = root[0] if len(root) else etree.SubElement(root, w("style"))
            self._done[sid] = el
        return el

    def name(self, sid: str) -> str:
        a, b = self._spans[sid]
        m = _NAME.search(self._data, a, b)
        return m.group(1).decode("utf-8", "replace") if m else sid


class StyleSheet:
    """styles.xml + theme: resolved (flattened) styles, cached."""

    def __init__(self, styles_data: bytes | None, theme_loader: Callable[[], etree._Element | None],
                 parse: Callable[[bytes, str], etree._Element]):
        self.styles: dict[str, etree._Element] | _LazyStyles = {}
        self.names: dict[str, str] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self.dd_rpr: dict[str, Any] = {}
        self.dd_ppr: dict[str, Any] = {}
        self._flat: dict[tuple[str, str], dict[str, Any]] = {}
        self._theme_loader = theme_loader
        self._theme: dict[tuple[str, str], str] | None = None
        if styles_data is None:
            return
        root_m = re.search(rb"<w:styles[\s>][^>]*>", styles_data[:4096])
        if root_m is not None and not styles_data.startswith((b"\xff\xfe", b"\xfe\xff")):
            parse(styles_data[: root_m.end()] + b"</w:styles>", "word/styles.xml")  # vets prolog (DOCTYPE, entities)
            if b"<!ENTITY" in styles_data:
                parse(styles_data, "word/styles.xml")  # refuses with the right error
            lazy = _LazyStyles(styles_data, root_m.group(0), parse)
            self.styles = lazy
            dd_a = styles_data.find(b"<w:docDefaults")
            dd_b = styles_data.find(b"</w:docDefaults>")
            if 0 <= dd_a < dd_b:
                dd = parse(root_m.group(0) + styles_data[dd_a : dd_b + 16] + b"</w:styles>", "word/styles.xml")[0]
                self._defaults(dd)
            for sid, attrs in lazy.attrs.items():
                if on_attr(attrs.get("default")):
                    self._set_default(attrs.get("type"), sid)
            return
        root = parse(styles_data, "word/styles.xml")
        dd = root.find(w("docDefaults"))
        if dd is not None:
            self._defaults(dd)
        plain: dict[str, etree._Element] = {}
        for st in root.iterchildren(w("style")):
            sid = st.get(w("styleId"))
            if sid is None:
                continue
            plain.setdefault(sid, st)
            n = st.find(w("name"))
            self.names[sid] = n.get(WVAL, sid) if n is not None else sid
            if on_attr(st.get(w("default"))):
                self._set_default(st.get(w("type")), sid)
        self.styles = plain

    def _defaults(self, dd: etree._Element) -> None:
        self.dd_rpr = parse_rpr(dd.find(f"{w('rPrDefault')}/{w('rPr')}"))
        self.dd_ppr = parse_ppr(dd.find(f"{w('pPrDefault')}/{w('pPr')}"))

    def _set_default(self, kind: str | None, sid: str) -> None:
        if kind == "paragraph" and self.default_para is None:
            self.default_para = sid
        elif kind == "character" and self.default_char is None:
            self.default_char = sid
        elif kind == "table" and self.default_table is None:
            self.default_table = sid

    @property
    def theme(self) -> dict[tuple[str, str], str]:
        if self._theme is None:
            self._theme = _theme_fonts(self._theme_loader())
        return self._theme

    def name(self, sid: str | None) -> str | None:
        if sid is None:
            return None
        got = self.names.get(sid)
        if got is None:
            got = self.styles.name(sid) if isinstance(self.styles, _LazyStyles) and sid in self.styles else sid
            self.names[sid] = got
        return got

    def exists(self, sid: str | None) -> bool:
        return sid is not None and sid in self.styles

    def chain(self, sid: str) -> list[etree._Element]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen and cur in self.styles and len(out) < 50:
            seen.add(cur)
            st = self.styles[cur]
            out.append(st)
            b = st.find(w("basedOn"))
            cur = b.get(WVAL) if b is not None else None
        return out

    def flat(self, sid: str | None, what: str) -> dict[str, Any]:
        """Flattened rPr or pPr of a style: derived styles override their bases."""
        if sid is None:
            return {}
        key = (sid, what)
        got = self._flat.get(key)
        if got is not None:
            return got
        out: dict[str, Any] = {}
        parse = parse_rpr if what == "rPr" else parse_ppr
        for st in reversed(self.chain(sid)):
            props = parse(st.find(w(what)))
            if what == "pPr" and "tabs" in props and "tabs" in out:
                props["tabs"] = out["tabs"] + props["tabs"]
            out.update(props)
        self._flat[key] = out
        return out

    def flat_origins(self, sid: str | None, what: str) -> dict[str, str]:
        """For each key of :meth:`flat`, the id of the style in the basedOn chain that set it
        (what a fix edits: the style the value comes from, not the one that inherits it)."""
        if sid is None:
            return {}
        key = (sid, what + "@")
        got = self._flat.get(key)
        if got is not None:
            return got
        out: dict[str, str] = {}
        parse = parse_rpr if what == "rPr" else parse_ppr
        for st in reversed(self.chain(sid)):
            own = st.get(w("styleId")) or sid
            for k in parse(st.find(w(what))):
                out[k] = own
        self._flat[key] = out
        return out

    def table_parts(self, sid: str | None) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
        """Table style: {"wholeTable"|"firstRow"|…: (rPr, pPr)} flattened over basedOn."""
        key = (sid or "", "tbl")
        got = self._flat.get(key)
        if got is not None:
            return got  # type: ignore[return-value]
        parts: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        if sid:
            for st in reversed(self.chain(sid)):
                r, p = parse_rpr(st.find(w("rPr"))), parse_ppr(st.find(w("pPr")))
                whole = parts.setdefault("wholeTable", ({}, {}))
                whole[0].update(r)
                whole[1].update(p)
                for cond in st.iterchildren(w("tblStylePr")):
                    t = cond.get(w("type"), "")
                    cur = parts.setdefault(t, ({}, {}))
                    cur[0].update(parse_rpr(cond.find(w("rPr"))))
                    cur[1].update(parse_ppr(cond.find(w("pPr"))))
        self._flat[key] = parts  # type: ignore[assignment]
        return parts

    def table_borders(self, sid: str | None) -> bool:
        for st in self.chain(sid) if sid else []:
            b = st.find(f"{w('tblPr')}/{w('tblBorders')}")
            if b is not None:
                return any(c.get(WVAL, "single") not in ("none", "nil") for c in b)
        return False

    def theme_font(self, name: str) -> str | None:
        n = name.lower()
        major = n.startswith("major")
        if n.endswith("bidi"):
            return self.theme.get(("major" if major else "minor", "cs"))
        if n.endswith("eastasia"):
            return self.theme.get(("major" if major else "minor", "ea"))
        return self.theme.get(("major" if major else "minor", "latin"))


def _theme_fonts(root: etree._Element | None) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    if root is None:
        return out
    for kind in ("major", "minor"):
        el = root.find(f".//{{{A_NS}}}{kind}Font")
        if el is None:
            continue
        for script in ("latin", "ea", "cs"):
            s = el.find(f"{{{A_NS}}}{script}")
            if s is not None and s.get("typeface"):
                out[(kind, script)] = s.get("typeface")
    return out


# --------------------------------------------------------------------------- numbering

def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out) or "0"


def _letter(n: int) -> str:
    if n <= 0:
        return "0"
    k, r = divmod(n - 1, 26)
    return chr(ord("a") + r) * (k + 1)  # Word repeats the letter: aa, bb…


def format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman",):
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


BULLET_DASHES = {"-", "–", "—", "−", "‐", "\uf02d", "\uf0be"}


class Numbering:
    """numbering.xml: renders list labels the way Word counts them."""

    def __init__(self, loader: Callable[[], etree._Element | None],
                 style_num_id: Callable[[str], str | None] | None = None):
        self._style_num_id = style_num_id  # numbering style → its numId (for w:numStyleLink)
        self.links: dict[str, str] = {}  # abstractNumId → numbering style it defers to
        self.abstract: dict[str, dict[int, dict[str, Any]]] = {}
        self.nums: dict[str, tuple[str, dict[int, dict[str, Any]]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        self._loader: Callable[[], etree._Element | None] | None = loader

    def _load(self) -> None:
        """numbering.xml is parsed only when a paragraph is actually numbered."""
        loader, self._loader = self._loader, None
        root = loader() if loader else None
        if root is None:
            return
        for an in root.iterchildren(w("abstractNum")):
            aid = an.get(w("abstractNumId"), "")
            self.abstract[aid] = {
                inum(lv.get(w("ilvl")), 0, 0, 8): _parse_lvl(lv) for lv in an.iterchildren(w("lvl"))
            }
            link = an.find(w("numStyleLink"))
            if link is not None and link.get(WVAL):
                self.links[aid] = link.get(WVAL)  # type: ignore[assignment]
        for n in root.iterchildren(w("num")):
            a = n.find(w("abstractNumId"))
            overrides: dict[int, dict[str, Any]] = {}
            for o in n.iterchildren(w("lvlOverride")):
                lvl = inum(o.get(w("ilvl")), 0, 0, 8)
                d: dict[str, Any] = {}
                so = o.find(w("startOverride"))
                if so is not None:
                    d["startOverride"] = inum(so.get(WVAL), 1)
                lv = o.find(w("lvl"))
                if lv is not None:
                    d.update(_parse_lvl(lv))
                overrides[lvl] = d
            self.nums[n.get(w("numId"), "")] = (a.get(WVAL, "") if a is not None else "", overrides)

    def _abstract_of(self, num_id: str) -> str | None:
        """The abstract definition behind a numId, following list-style links (w:numStyleLink)."""
        seen: set[str] = set()
        got = self.nums.get(num_id)
        while got is not None and got[0] in self.links and got[0] not in seen and self._style_num_id:
            seen.add(got[0])
            target = self._style_num_id(self.links[got[0]])
            if target is None or target not in self.nums:
                break
            got = self.nums[target]
        return got[0] if got is not None else None

    def level(self, num_id: str, ilvl: int) -> dict[str, Any] | None:
        got = self.nums.get(num_id)
        if got is None:
            return None
        lv = dict(self.abstract.get(self._abstract_of(num_id) or got[0], {}).get(ilvl, {}))
        lv.update({k: v for k, v in got[1].get(ilvl, {}).items() if k != "startOverride"})
        return lv or None

    def label(self, num_id: str | None, ilvl: int) -> tuple[str | None, dict[str, Any]]:
        """Advance the counters and return the rendered label (None when nothing is shown).

        Kept whole: Word's numbering format list (decimal, roman, letters, bullets…), one case
        each."""
        if not num_id or num_id == "0":
            return None, {}
        if self._loader is not None:
            self._load()
        if num_id not in self.nums:
            return None, {}
        overrides = self.nums[num_id][1]
        abs_id = self._abstract_of(num_id) or self.nums[num_id][0]
        counters = self.counters.setdefault(abs_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, d in overrides.items():
                if "startOverride" in d:
                    counters[lvl] = d["startOverride"] - 1
                    for deeper in [k for k in counters if k > lvl]:
                        del counters[deeper]
        lv = self.level(num_id, ilvl) or {}
        start = lv.get("start", 1)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt = lv.get("fmt", "decimal")
        text = lv.get("text")
        if fmt == "none" or text is None:
            return None, lv
        if fmt == "bullet":
            t = text.strip()
            if not t:
                return None, lv
            return ("-" if t in BULLET_DASHES else t if t.isprintable() and not _pua(t) else "•"), lv
        out = text
        for k in range(9, 0, -1):
            tok = f"%{k}"
            if tok in out:
                lk = k - 1
                other = lv if lk == ilvl else (self.level(num_id, lk) or {})
                value = counters.get(lk, other.get("start", 1))
                lfmt = fmt if lk == ilvl else other.get("fmt", "decimal")
                if lv.get("isLgl") and lfmt not in ("bullet", "none"):
                    lfmt = "decimal"  # legal numbering shows every level in Arabic digits
                out = out.replace(tok, format_number(value, lfmt))
        return (out or None), lv


def _pua(t: str) -> bool:
    return any(0xE000 <= ord(c) <= 0xF8FF for c in t)


def _parse_lvl(lv: etree._Element) -> dict[str, Any]:
    d: dict[str, Any] = {}
    s = lv.find(w("start"))
    if s is not None:
        d["start"] = inum(s.get(WVAL), 1)
    f = lv.find(w("numFmt"))
    if f is not None:
        d["fmt"] = f.get(WVAL, "decimal")
    if on(lv.find(w("isLgl"))):
        d["isLgl"] = True
    t = lv.find(w("lvlText"))
    if t is not None:
        d["text"] = t.get(WVAL, "")
    p = lv.find(w("pPr"))
    if p is not None:
        d["pPr"] = parse_ppr(p)
    r = lv.find(w("rPr"))
    if r is not None:
        d["rPr"] = parse_rpr(r)
    return d
