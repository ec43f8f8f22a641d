"""Apply :class:`~nd30check.fix.plan.Edit` s to the package's parts: one small function per
kind of property, each changing attributes (or adding one element) of the element its
locator names, and reporting what it touched so the part is written back spliced."""

from __future__ import annotations

from typing import Callable

from lxml import etree

from ..ooxml import NAMESPACES
from .package import Package
from .plan import Edit
from .lines import line_run, vml_points as _pt
from .text import TextView
from .xml import A, PPR_ORDER, RPR_ORDER, SECT_ORDER, child, props, resolve, set_attrs, set_toggle, twips, w

EMU = 12700  # per point
_JC = {"justify": "both", "center": "center", "left": "left", "right": "right"}
Touched = list[etree._Element]


def apply(pkg: Package, edits: list[Edit]) -> tuple[list[Edit], list[tuple[Edit, str]]]:
    """(edits made, edits that could not be made with why); the package's parts are changed
    in memory (``Package.write`` writes them)."""
    done: list[Edit] = []
    failed: list[tuple[Edit, str]] = []
    for e in edits:
        part = pkg.part(e.part)
        if part is None:
            failed.append((e, "part"))
            continue
        el = resolve(part.root, e.address)
        if el is None:
            failed.append((e, "element"))
            continue
        handler = HANDLERS.get(e.prop)
        touched = handler(el, e) if handler is not None else None
        if not touched:
            failed.append((e, "not-applicable"))
            continue
        for t in touched:
            part.touch(t)
        done.append(e)
    return done, failed


# --------------------------------------------------------------------------- runs, styles, theme

def _rpr(el: etree._Element) -> etree._Element | None:
    if el.tag in (w("r"), w("style"), w("docDefaults")):
        return props(el, "rPr")
    return None


def _font(el: etree._Element, e: Edit) -> Touched | None:
    if el.tag.startswith(f"{{{A}}}"):  # a theme's major/minor font: its Latin typeface only
        latin = el.find(f"{{{A}}}latin")
        if latin is None:
            latin = el.makeelement(f"{{{A}}}latin", {})
            el.insert(0, latin)
        latin.set("typeface", str(e.value))
        for attr in ("panose", "pitchFamily", "charset"):  # they described the old face
            latin.attrib.pop(attr, None)
        return [latin]
    rpr = _rpr(el)
    if rpr is None:
        return None
    rf = child(rpr, "rFonts", RPR_ORDER)
    assert rf is not None
    # the Latin slots only: east-Asian and complex-script fonts stay as the author set them
    set_attrs(rf, {"ascii": str(e.value), "hAnsi": str(e.value), "asciiTheme": None, "hAnsiTheme": None})
    return [rf]


def _size(el: etree._Element, e: Edit) -> Touched | None:
    rpr = _rpr(el)
    if rpr is None:
        return None
    half = str(int(round(float(e.value) * 2)))
    sz = child(rpr, "sz", RPR_ORDER)
    assert sz is not None
    set_attrs(sz, {"val": half})
    cs = rpr.find(w("szCs"))
    if cs is not None:
        set_attrs(cs, {"val": half})
    return [sz]


def _color(el: etree._Element, e: Edit) -> Touched | None:
    rpr = _rpr(el)
    if rpr is None:
        return None
    c = child(rpr, "color", RPR_ORDER)
    assert c is not None
    set_attrs(c, {"val": str(e.value), "themeColor": None, "themeTint": None, "themeShade": None})
    return [c]


def _toggle(tag: str, also: str | None) -> Callable[[etree._Element, Edit], Touched | None]:
    def fn(el: etree._Element, e: Edit) -> Touched | None:
        rpr = _rpr(el)
        if rpr is None:
            return None
        set_toggle(rpr, tag, bool(e.value), also)
        return [rpr]
    return fn


# --------------------------------------------------------------------------- paragraphs

def _ppr(el: etree._Element) -> etree._Element | None:
    if el.tag in (w("p"), w("style"), w("docDefaults")):
        return props(el, "pPr")
    return None


def _align(el: etree._Element, e: Edit) -> Touched | None:
    ppr = _ppr(el)
    if ppr is None:
        return None
    jc = child(ppr, "jc", PPR_ORDER)
    assert jc is not None
    set_attrs(jc, {"val": _JC[str(e.value)]})
    return [jc]


def _first_indent(el: etree._Element, e: Edit) -> Touched | None:
    ppr = _ppr(el)
    if ppr is None:
        return None
    ind = child(ppr, "ind", PPR_ORDER)
    assert ind is not None
    v = float(e.value)
    set_attrs(ind, {"firstLine": twips(v) if v >= 0 else None, "hanging": twips(-v) if v < 0 else None,
                    "firstLineChars": None, "hangingChars": None})
    return [ind]


def _spacing(side: str) -> Callable[[etree._Element, Edit], Touched | None]:
    def fn(el: etree._Element, e: Edit) -> Touched | None:
        ppr = _ppr(el)
        if ppr is None:
            return None
        sp = child(ppr, "spacing", PPR_ORDER)
        assert sp is not None
        set_attrs(sp, {side: twips(float(e.value)), side + "Lines": None, side + "Autospacing": None})
        out = [sp]
        if e.geometry.get("contextual"):
            cs = child(ppr, "contextualSpacing", PPR_ORDER)
            assert cs is not None
            set_attrs(cs, {"val": "0"})
            out.append(cs)
        return out
    return fn


def _line_spacing(el: etree._Element, e: Edit) -> Touched | None:
    ppr = _ppr(el)
    if ppr is None:
        return None
    value, rule = e.value
    sp = child(ppr, "spacing", PPR_ORDER)
    assert sp is not None
    line = str(int(round(value * 240))) if rule == "auto" else twips(value)
    set_attrs(sp, {"line": line, "lineRule": rule})
    return [sp]


def _text(el: etree._Element, e: Edit) -> Touched | None:
    if el.tag != w("p"):
        return None
    old, new = e.value
    return TextView(el).replace(old, new)


# --------------------------------------------------------------------------- sections

def _page_size(el: etree._Element, e: Edit) -> Touched | None:
    if el.tag != w("sectPr"):
        return None
    pg = child(el, "pgSz", SECT_ORDER)
    assert pg is not None
    wd, ht = e.value
    set_attrs(pg, {"w": twips(wd), "h": twips(ht), "orient": "landscape" if wd > ht else None})
    return [pg]


def _orientation(el: etree._Element, e: Edit) -> Touched | None:
    if el.tag != w("sectPr"):
        return None
    pg = child(el, "pgSz", SECT_ORDER)
    assert pg is not None
    wv, hv = pg.get(w("w")), pg.get(w("h"))
    if wv and hv and int(float(wv)) > int(float(hv)):
        set_attrs(pg, {"w": hv, "h": wv})
    set_attrs(pg, {"orient": None})
    return [pg]


def _margin(side: str) -> Callable[[etree._Element, Edit], Touched | None]:
    def fn(el: etree._Element, e: Edit) -> Touched | None:
        if el.tag != w("sectPr"):
            return None
        mar = child(el, "pgMar", SECT_ORDER)
        assert mar is not None
        attr = side
        if side in ("left", "right") and w(side) not in mar.attrib and w("start" if side == "left" else "end") in mar.attrib:
            attr = "start" if side == "left" else "end"
        set_attrs(mar, {attr: twips(float(e.value))})
        return [mar]
    return fn


def _title_page(el: etree._Element, e: Edit) -> Touched | None:
    if el.tag != w("sectPr"):
        return None
    tp = child(el, "titlePg", SECT_ORDER)
    assert tp is not None
    set_attrs(tp, {"val": None})
    return [tp]


# --------------------------------------------------------------------------- lines

_WP, _V, _MC, _WPS = NAMESPACES["wp"], NAMESPACES["v"], NAMESPACES["mc"], NAMESPACES["wps"]


def _line_length(el: etree._Element, e: Edit) -> Touched | None:
    """A drawn line's length, its centre kept (DrawingML extent and offset, and the VML
    fallback beside it); a paragraph border's length through the paragraph's indents."""
    new = float(e.value)
    if el.tag == w("p"):
        return _border_length(el, e, new)
    if el.tag in (f"{{{_WP}}}anchor", f"{{{_WP}}}inline"):
        out = _drawing_length(el, new)
        alt = next((a for a in el.iterancestors(f"{{{_MC}}}AlternateContent")), None)
        if alt is not None and out:
            for v in alt.iter(f"{{{_V}}}line", f"{{{_V}}}shape", f"{{{_V}}}rect"):
                out += _vml_length(v, new) or []
        return out
    if el.tag.startswith(f"{{{_V}}}"):
        return _vml_length(el, new)
    return None


def _drawing_length(holder: etree._Element, new: float) -> Touched | None:
    ext = holder.find(f"{{{_WP}}}extent")
    if ext is None or not (ext.get("cx") or "").lstrip("-").isdigit():
        return None
    old = int(ext.get("cx"))  # type: ignore[arg-type]
    cx = int(round(new * EMU))
    ext.set("cx", str(cx))
    out: Touched = [ext]
    for xe in holder.iter(f"{{{NAMESPACES['a']}}}ext"):
        if xe.getparent() is not None and xe.getparent().tag == f"{{{NAMESPACES['a']}}}xfrm" and xe.get("cx"):
            xe.set("cx", str(cx))
            out.append(xe)
    off = holder.find(f"{{{_WP}}}positionH/{{{_WP}}}posOffset")
    if off is not None and (off.text or "").strip().lstrip("-").isdigit():
        off.text = str(int(off.text.strip()) + (old - cx) // 2)  # type: ignore[union-attr]
        out.append(off)
    return out


def _vml_length(v: etree._Element, new: float) -> Touched | None:
    if v.tag == f"{{{_V}}}line":
        a, b = (v.get("from") or "0,0").split(","), (v.get("to") or "0,0").split(",")
        x1, x2 = _pt(a[0]), _pt(b[0])
        if x1 is None or x2 is None:
            return None
        c = (x1 + x2) / 2
        y1, y2 = (a[1] if len(a) > 1 else "0"), (b[1] if len(b) > 1 else "0")
        v.set("from", f"{c - new / 2:.2f}pt,{y1}")
        v.set("to", f"{c + new / 2:.2f}pt,{y2}")
        return [v]
    style = v.get("style", "")
    parts = [s for s in style.split(";") if s.strip()]
    kv = {s.split(":", 1)[0].strip().lower(): i for i, s in enumerate(parts) if ":" in s}
    if "width" not in kv:
        return None
    old = _pt(parts[kv["width"]].split(":", 1)[1]) or 0.0
    parts[kv["width"]] = f"width:{new:.2f}pt"
    if "margin-left" in kv:
        ml = _pt(parts[kv["margin-left"]].split(":", 1)[1]) or 0.0
        parts[kv["margin-left"]] = f"margin-left:{ml + (old - new) / 2:.2f}pt"
    v.set("style", ";".join(parts))
    return [v]


def _border_length(p: etree._Element, e: Edit, new: float) -> Touched | None:
    """Bottom border of a paragraph: as long as the paragraph, so its indents set the length
    (centred: the same indent on both sides)."""
    width = e.geometry.get("width")
    if not width:
        return None
    side = max((float(width) - new) / 2, 0.0)
    ppr = props(p, "pPr")
    ind = child(ppr, "ind", PPR_ORDER)
    assert ind is not None
    values: dict[str, str | None] = {"left": twips(side), "right": twips(side), "leftChars": None, "rightChars": None}
    if w("start") in ind.attrib or w("end") in ind.attrib:
        values.update(start=twips(side), end=twips(side), startChars=None, endChars=None)
    set_attrs(ind, values)
    return [ind]


def _add_line(p: etree._Element, e: Edit) -> Touched | None:
    """A thin black line under the paragraph, as Word draws a straight connector (with the
    VML picture older readers use), anchored to the paragraph and centred under its text."""
    if p.tag != w("p"):
        return None
    root = p.getroottree().getroot()
    ids = [int(d.get("id")) for d in root.iter(f"{{{_WP}}}docPr") if (d.get("id") or "").isdigit()]
    run = line_run(e.geometry, max(ids, default=0) + 1, dict(root.nsmap or {}))
    p.append(run)
    return [run]


HANDLERS: dict[str, Callable[[etree._Element, Edit], Touched | None]] = {
    "font": _font, "size": _size, "color": _color,
    "bold": _toggle("b", "bCs"), "italic": _toggle("i", "iCs"), "caps": _toggle("caps", None),
    "align": _align, "first_indent": _first_indent, "space_before": _spacing("before"),
    "space_after": _spacing("after"), "line_spacing": _line_spacing, "text": _text,
    "page_size": _page_size, "orientation": _orientation, "title_page": _title_page,
    "margin_top": _margin("top"), "margin_bottom": _margin("bottom"), "margin_left": _margin("left"),
    "margin_right": _margin("right"), "line_length": _line_length, "add_line": _add_line,
}

