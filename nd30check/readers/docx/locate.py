"""Locators: where in the package an element sits, and where an effective value was set.

A locator is "<part>#<address>" (see ``model.LOCATOR_SEP``): an element path from the part's
root — "/w:body/w:tbl[1]/w:tr[2]/w:tc[1]/w:p[3]/w:r[2]", each step 1-based among the siblings
of the same tag, as XPath counts them — or "style=<styleId>", "docDefaults", "font=minor|major"
(a theme font). Findings point at them ("what to edit") and ``nd30check fix`` resolves them.

The body walk builds paths with per-parent counters as it goes (no sibling scans on the hot
path); :func:`rel_path` walks up from a rare deep element (a drawing inside a run).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...ooxml import BODY, NAMESPACES, PREFIXES, name_of, step  # noqa: F401 - the grammar, re-exported
from .blocks import Where


class Counter:
    """Numbers the children of one parent by tag as a walk meets them."""

    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def next(self, tag: str) -> int:
        n = self.counts.get(tag, 0) + 1
        self.counts[tag] = n
        return n


def rel_path(el: etree._Element, top: etree._Element) -> str:
    """Path of ``el`` below ``top`` ("" when it is ``top``), counting siblings as XPath does."""
    steps: list[str] = []
    cur: etree._Element | None = el
    while cur is not None and cur is not top:
        parent = cur.getparent()
        if parent is None:
            break
        tag = cur.tag
        n = 1 + sum(1 for s in cur.itersiblings(preceding=True) if s.tag == tag)
        steps.append(step(tag, n))
        cur = parent
    return "".join(reversed(steps))


class Origins:
    """Locators of the places an effective value can come from, for one package."""

    def __init__(self, styles_part: str | None, theme_part: str | None, numbering_part: str | None):
        sp = styles_part or "word/styles.xml"
        self.styles_part = styles_part
        self.doc_defaults = f"{sp}#docDefaults"
        self._sp = sp
        self._theme = theme_part
        self._numbering = numbering_part or "word/numbering.xml"
        self._style: dict[str, str] = {}

    def style(self, sid: str) -> str:
        got = self._style.get(sid)
        if got is None:
            got = self._style[sid] = f"{self._sp}#style={sid}"
        return got

    def table_style(self, sid: str) -> str:
        # a table style's conditional formatting (first row, …): shown, not edited as a style
        return f"{self._sp}#tablestyle={sid}"

    def numbering(self, num_id: str | None, ilvl: int) -> str:
        return f"{self._numbering}#num={num_id}:{ilvl}"

    def theme(self, name: str) -> str:
        """A theme font reference ("minorHAnsi", "majorBidi"…) → the theme's font scheme."""
        kind = "major" if name.lower().startswith("major") else "minor"
        return f"{self._theme or 'word/theme/theme1.xml'}#font={kind}"


_PARA_KEYS = {"jc": "align", "ind_first": "first_indent", "ind_left": "left_indent", "before": "space_before",
              "after": "space_after", "line": "line_spacing", "contextual": "contextual"}

_PARA_KEYSET = frozenset(_PARA_KEYS)


class Provenance:
    """Reader methods recording where each judged value was set (mixed into ``reader.Reader``)."""

    def _para_origins(self, where: Where, sid: str | None, style_ppr: dict[str, Any], direct: dict[str, Any],
                      num_id: str | None, ilvl: int, lvl: dict[str, Any], normal: bool, direct_list: bool,
                      own: str) -> dict[str, str]:
        """Where each paragraph property a rule judges was set, in the order of the cascade in
        :meth:`paragraph` (docDefaults < table style < list level < style < direct). The map
        below direct formatting is built once per style combination and shared."""
        lvl_ppr = lvl.get("pPr") or {}
        key = (sid, where.tstyle[0] if where.tstyle else None, num_id if lvl_ppr else None, ilvl, direct_list, normal)
        cache: dict[tuple[Any, ...], dict[str, str]] = self._porig_cache  # type: ignore[attr-defined]
        tmpl = cache.get(key)
        if tmpl is None:
            tmpl = cache[key] = self._para_template(where, sid, style_ppr, num_id, ilvl, lvl_ppr, normal, direct_list)
        hit = _PARA_KEYSET.intersection(direct) if direct else None
        if not hit:
            return tmpl
        out = dict(tmpl)
        for k in hit:
            out[_PARA_KEYS[k]] = own
        return out

    def _para_template(self, where: Where, sid: str | None, style_ppr: dict[str, Any], num_id: str | None,
                       ilvl: int, lvl_ppr: dict[str, Any], normal: bool, direct_list: bool) -> dict[str, str]:
        o = self.origins  # type: ignore[attr-defined]
        out = {name: o.doc_defaults for name in _PARA_KEYS.values()}
        tlayer = (where.tstyle[1][1], o.table_style(where.tstyle[0].split("|")[0])) if where.tstyle else None
        style_orig = self.styles.flat_origins(sid, "pPr")  # type: ignore[attr-defined]
        layers: list[tuple[dict[str, Any], str | None]] = []
        if tlayer and not normal:
            layers.append(tlayer)
        lvl_layer = (lvl_ppr, o.numbering(num_id, ilvl))
        if not direct_list:
            layers.append(lvl_layer)
        layers.append((style_ppr, None))
        if tlayer and normal:
            layers.append(tlayer)
        if direct_list:
            layers.append(lvl_layer)
        for props, loc in layers:
            if not props:
                continue
            for k in _PARA_KEYSET.intersection(props):
                out[_PARA_KEYS[k]] = loc if loc is not None else o.style(style_orig.get(k, sid or ""))
        return out

    def run_origins(self, where: Where, sid: str | None, rsid: str | None) -> dict[str, str]:
        """Locator of the layer that set each run property (the same layers as :meth:`run_base`)."""
        key = (where.tstyle[0] if where.tstyle else None, sid, rsid)
        got = self._orig_cache.get(key)
        if got is not None:
            return got
        st, o = self.styles, self.origins
        out: dict[str, str] = {k: o.doc_defaults for k in st.dd_rpr}
        layers: list[tuple[dict[str, Any], Any]] = []
        table_layer = (where.tstyle[1][0], o.table_style(where.tstyle[0].split("|")[0])) if where.tstyle else None
        normal = sid is not None and sid == st.default_para
        if table_layer and not normal:
            layers.append(table_layer)
        if sid:
            layers.append((st.flat(sid, "rPr"), st.flat_origins(sid, "rPr")))
        if table_layer and normal:
            layers.append(table_layer)
        if rsid:
            layers.append((st.flat(rsid, "rPr"), st.flat_origins(rsid, "rPr")))
        for props, loc in layers:
            for k in props:
                out[k] = o.style(loc.get(k, "")) if isinstance(loc, dict) else loc
        self._orig_cache[key] = out
        return out

    def _run_origin_map(self, base: dict[str, str], direct: dict[str, Any], loc: str | None, slots: tuple[str, ...],
                        vals: dict[str, tuple[Any, str]], cs: bool, size_key: str) -> dict[str, str]:
        """Model property → locator of what set it (the run itself for direct formatting).

        The map of a run without direct formatting of these properties is shared by every such
        run of the same style combination (built once): the hot path is one dict lookup."""
        key = (id(base), slots, cs)
        cache: dict[tuple[Any, ...], dict[str, str]] = self._tmpl_cache  # type: ignore[attr-defined]
        tmpl = cache.get(key)
        if tmpl is None:
            tmpl = cache[key] = self._origin_map(base, {}, None, slots, vals, cs, size_key)
        if loc is None or direct.keys().isdisjoint(_RUN_TRACKED):
            return tmpl
        return self._origin_map(base, direct, loc, slots, vals, cs, size_key)

    def _origin_map(self, base: dict[str, str], direct: dict[str, Any], loc: str | None, slots: tuple[str, ...],
                    vals: dict[str, tuple[Any, str]], cs: bool, size_key: str) -> dict[str, str]:
        """``vals``: the style-level values (``Reader.run_base``) under ``direct``."""
        dd = self.origins.doc_defaults  # type: ignore[attr-defined]
        keys = _CS_KEYS if cs else _KEYS
        out = {}
        for name, raw in keys.items():
            got = dd
            for k in raw:
                if loc is not None and k in direct:
                    got = loc
                    break
                if k in base:
                    got = base[k]
                    break
            out[name] = got
        font = dd
        for s in slots:
            own = loc is not None and s in direct
            value = direct[s] if own else (vals.get(s) or (None,))[0]
            if value:
                if value[0] == "theme":  # the family is the theme's: that is what to change
                    font = self.origins.theme(value[1])  # type: ignore[attr-defined]
                else:
                    font = loc if own else base.get(s, dd)  # type: ignore[assignment]
                break
        out["font"] = font
        return out


_KEYS = {"size": ("sz",), "color": ("color",), "bold": ("b",), "italic": ("i",), "caps": ("caps", "smallCaps")}
_CS_KEYS = {"size": ("szCs", "sz"), "color": ("color",), "bold": ("bCs",), "italic": ("iCs",),
            "caps": ("caps", "smallCaps")}
_RUN_TRACKED = frozenset({"b", "bCs", "i", "iCs", "caps", "smallCaps", "color", "sz", "szCs",
                          "f_ascii", "f_hAnsi", "f_eastAsia", "f_cs"})
