"""Lines drawn under text in a .docx: DrawingML shapes and VML lines (text boxes are read as
blocks of their own), and where a floating line sits on the page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from ...model import HLine, Paragraph, Section
from .blocks import Where
from .locate import rel_path
from .package import A_NS, EMU_PER_PT, TXBX, V_NS, WP_NS, WPG_NS, WPS_NS
from .styles import num

if TYPE_CHECKING:
    from .reader import Reader


class Drawings:
    """Reader methods for drawings (mixed into :class:`reader.Reader`)."""

    # ----------------------------------------------------------------- graphics
    def graphics(self, g: etree._Element, para: Paragraph, where: Where,
                 pending: list[tuple[etree._Element, Where, str]]) -> None:
        """Lines (DrawingML / VML) → hlines; text boxes → pending blocks (container "textbox").

        Kept whole: DrawingML and VML shapes, group transforms included, in one walk of the
        drawing."""
        box = Where("textbox" if where.container in ("body", "table") else where.container,
                    where.cell, where.column, None, None)
        run_el, run_loc, _orig = self._cur_run  # type: ignore[attr-defined]
        at = (lambda el: f"{run_loc}{rel_path(el, run_el)}") if run_loc and run_el is not None else (lambda el: None)
        for tx in g.iter(TXBX):
            if _outside_txbx(tx, g):
                loc = at(tx)
                pending.append((tx, box, loc.split("#", 1)[1] if loc else ""))
        for ext_holder in g.iter(f"{{{WP_NS}}}anchor", f"{{{WP_NS}}}inline"):
            if not _outside_txbx(ext_holder, g):
                continue  # drawn inside a text box: found when that box is read
            ext = ext_holder.find(f"{{{WP_NS}}}extent")
            cx = num(ext.get("cx")) if ext is not None else None
            cy = num(ext.get("cy")) if ext is not None else None
            for wsp in ext_holder.iter(f"{{{WPS_NS}}}wsp"):
                geom = wsp.find(f"{{{WPS_NS}}}spPr/{{{A_NS}}}prstGeom")
                prst = geom.get("prst") if geom is not None else None
                is_line = prst in ("line", "straightConnector1") or wsp.find(f"{{{WPS_NS}}}cNvCnPr") is not None
                if not is_line and not (prst == "rect" and _flat_visible(wsp, cx, cy)):
                    continue
                xfrm_ext = wsp.find(f"{{{WPS_NS}}}spPr/{{{A_NS}}}xfrm/{{{A_NS}}}ext")
                w_, h_ = cx, cy
                if xfrm_ext is not None and wsp.getparent() is not None and wsp.getparent().tag == f"{{{WPG_NS}}}wgp":
                    w_, h_ = num(xfrm_ext.get("cx")), num(xfrm_ext.get("cy"))
                    g_ext = wsp.getparent().find(f"{{{WPG_NS}}}grpSpPr/{{{A_NS}}}xfrm/{{{A_NS}}}ext")
                    g_ch = wsp.getparent().find(f"{{{WPG_NS}}}grpSpPr/{{{A_NS}}}xfrm/{{{A_NS}}}chExt")
                    if w_ is not None and g_ext is not None and g_ch is not None:
                        gx, gc = num(g_ext.get("cx")), num(g_ch.get("cx"))
                        if gx and gc:  # child coordinates → group coordinates (EMU)
                            w_ = w_ * gx / gc
                            h_ = None if h_ is None else h_ * gx / gc
                if w_ is None or (h_ is not None and h_ > w_):
                    continue  # vertical lines are not "lines under text"
                self._hline("shape", w_ / EMU_PER_PT, para, _anchor_x(ext_holder), at(ext_holder))
        for tag in (f"{{{V_NS}}}line", f"{{{V_NS}}}shape", f"{{{V_NS}}}rect"):
            for v in g.iter(tag):
                if not _outside_txbx(v, g):
                    continue
                length = _vml_line_length(v)
                if length is not None:
                    self._hline("vml", length, para, _vml_x(v), at(v))

    def _hline(self, kind: str, length: float | None, para: Paragraph,
               pos: tuple[str, float | str] | None = None, locator: str | None = None) -> None:
        h = HLine(kind=kind, length=length, paragraph=id(para), locator=locator)  # type: ignore[arg-type]
        self.doc.hlines.append(h)
        if pos is not None:
            self.hpos[id(h)] = pos


def _flat_visible(wsp: etree._Element, cx: float | None, cy: float | None) -> bool:
    """A rectangle too flat to be anything but a rule line, with a visible outline or fill.

    LibreOffice writes Word's drawn line (a straight connector) back as such a rectangle
    after a .doc round trip; some templates draw their lines this way too."""
    if not cx or cy is None or cy > 2 * EMU_PER_PT or cx < 10 * max(cy, 1.0):
        return False
    sp = wsp.find(f"{{{WPS_NS}}}spPr")
    if sp is None:
        return False
    ln = sp.find(f"{{{A_NS}}}ln")
    if ln is not None and ln.find(f"{{{A_NS}}}noFill") is None:
        return True
    return sp.find(f"{{{A_NS}}}solidFill") is not None


def _anchor_x(holder: etree._Element) -> tuple[str, float | str] | None:
    """Horizontal placement of a floating DrawingML object: (relative to, offset in pt or alignment)."""
    ph = holder.find(f"{{{WP_NS}}}positionH")
    if ph is None:
        return None
    rel = ph.get("relativeFrom", "column")
    off = ph.find(f"{{{WP_NS}}}posOffset")
    if off is not None and num(off.text) is not None:
        return rel, num(off.text) / EMU_PER_PT  # type: ignore[operator]
    al = ph.find(f"{{{WP_NS}}}align")
    if al is not None and al.text:
        return rel, al.text.strip()
    return None


def _vml_x(v: etree._Element) -> tuple[str, float | str] | None:
    st = _vml_style(v.get("style", ""))
    rel = st.get("mso-position-horizontal-relative", "text")
    rel = {"text": "column", "char": "character"}.get(rel, rel)
    if v.tag == f"{{{V_NS}}}line":
        x = _vml_len((v.get("from") or "0,0").split(",")[0])
        x2 = _vml_len((v.get("to") or "0,0").split(",")[0])
        if x is None:
            return None
        return rel, min(x, x2 if x2 is not None else x) + (_vml_len(st.get("margin-left")) or 0.0)
    ml = _vml_len(st.get("margin-left"))
    if ml is not None:
        return rel, ml
    al = st.get("mso-position-horizontal")
    return (rel, al) if al else None


def _outside_txbx(el: etree._Element, top: etree._Element) -> bool:
    """True when no text box lies between ``top`` and ``el`` (nested content is read with its box)."""
    for anc in el.iterancestors():
        if anc is top:
            return True
        if anc.tag == TXBX:
            return False
    return True


def _vml_len(v: str | None) -> float | None:
    if not v:
        return None
    m = re.match(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|emu)?", v)
    if not m:
        return None
    x = float(m.group(1))
    unit = m.group(2) or "emu"
    return x * {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "emu": 1 / EMU_PER_PT}[unit]


def _vml_style(style: str) -> dict[str, str]:
    out = {}
    for part in style.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _vml_line_length(v: etree._Element) -> float | None:
    """Length of a horizontal VML line (v:line from/to, or a flat v:shape / v:rect)."""
    if v.tag == f"{{{V_NS}}}line":
        a, b = (v.get("from") or "0,0").split(","), (v.get("to") or "0,0").split(",")
        try:
            x1, y1 = _vml_len(a[0]) or 0.0, _vml_len(a[1] if len(a) > 1 else "0") or 0.0
            x2, y2 = _vml_len(b[0]) or 0.0, _vml_len(b[1] if len(b) > 1 else "0") or 0.0
        except (ValueError, IndexError):
            return None
        dx, dy = abs(x2 - x1), abs(y2 - y1)
        return dx if dx > 0 and dy <= max(2.0, dx * 0.05) else None
    st = _vml_style(v.get("style", ""))
    width, height = _vml_len(st.get("width")), _vml_len(st.get("height"))
    if width is None:
        return None
    connector = v.get("type", "").endswith("_x0000_t32") or v.get("{urn:schemas-microsoft-com:office:office}connectortype")
    flat = height is not None and height <= 2.0
    if (connector or flat) and width > 0 and (height or 0) <= max(2.0, width * 0.05):
        return width
    return None


def _place_hline(reader: Reader, h: HLine, sect: Section | None, avail: float | None) -> None:
    """Page x of a floating line (points from the page's left edge) when its anchor says where."""
    pos = reader.hpos.get(id(h))
    if pos is None or sect is None or h.length is None:
        return
    rel, value = pos
    margin = sect.margin_left or 0.0
    if isinstance(value, str):
        width = sect.page_width if rel == "page" else avail
        if width is None:
            return
        start = {"left": 0.0, "center": (width - h.length) / 2, "right": width - h.length}.get(value)
        if start is None:
            return
        x0 = start if rel == "page" else margin + start
    elif rel == "page":
        x0 = value
    elif rel in ("column", "margin", "character", "insideMargin", "leftMargin"):
        x0 = margin + value if rel != "leftMargin" else value
    else:
        return
    h.x0 = round(x0, 2)
    h.x1 = round(x0 + h.length, 2)
