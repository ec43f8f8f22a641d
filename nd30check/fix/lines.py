"""A line drawn under a paragraph, as Word writes one: a straight connector (DrawingML, in
``mc:AlternateContent`` with the VML line older readers draw instead), anchored to the
paragraph, floating, no text wrap; thin (0.5 pt), black."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ..ooxml import NAMESPACES

EMU = 12700
_W, _WP, _A, _WPS, _MC, _V = (NAMESPACES[k] for k in ("w", "wp", "a", "wps", "mc", "v"))
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "emu": 1 / EMU}


def vml_points(value: str) -> float | None:
    """"12.5pt", "1cm", "635000" (EMU) → points."""
    m = re.match(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|emu)?", value or "")
    if not m:
        return None
    try:
        return float(m.group(1)) * _UNITS[m.group(2) or "emu"]
    except ValueError:
        return None


def _el(tag: str, ns: str, attrs: dict[str, str] | None = None, nsmap: dict[str, str] | None = None) -> etree._Element:
    return etree.Element(f"{{{ns}}}{tag}", attrs or {}, nsmap=nsmap)


def _sub(parent: etree._Element, tag: str, ns: str, attrs: dict[str, str] | None = None) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{tag}", attrs or {})


def _drawing(geo: dict[str, Any], ident: int) -> etree._Element:
    cx = str(int(round(geo["length"] * EMU)))
    d = _el("drawing", _W)
    anchor = _sub(d, "anchor", _WP, {"distT": "0", "distB": "0", "distL": "114300", "distR": "114300",
                                    "simplePos": "0", "relativeHeight": str(251658240 + ident), "behindDoc": "0",
                                    "locked": "0", "layoutInCell": "1", "allowOverlap": "1"})
    _sub(anchor, "simplePos", _WP, {"x": "0", "y": "0"})
    ph = _sub(anchor, "positionH", _WP, {"relativeFrom": "column"})
    _sub(ph, "posOffset", _WP).text = str(int(round(geo["x"] * EMU)))
    pv = _sub(anchor, "positionV", _WP, {"relativeFrom": "paragraph"})
    _sub(pv, "posOffset", _WP).text = str(int(round(geo["y"] * EMU)))
    _sub(anchor, "extent", _WP, {"cx": cx, "cy": "0"})
    _sub(anchor, "effectExtent", _WP, {"l": "0", "t": "0", "r": "0", "b": "0"})
    _sub(anchor, "wrapNone", _WP)
    _sub(anchor, "docPr", _WP, {"id": str(ident), "name": f"Straight Connector {ident}"})
    _sub(anchor, "cNvGraphicFramePr", _WP)
    graphic = _sub(anchor, "graphic", _A)
    data = _sub(graphic, "graphicData", _A, {"uri": _WPS})
    wsp = _sub(data, "wsp", _WPS)
    _sub(wsp, "cNvCnPr", _WPS)
    sp = _sub(wsp, "spPr", _WPS)
    xfrm = _sub(sp, "xfrm", _A)
    _sub(xfrm, "off", _A, {"x": "0", "y": "0"})
    _sub(xfrm, "ext", _A, {"cx": cx, "cy": "0"})
    geom = _sub(sp, "prstGeom", _A, {"prst": "line"})
    _sub(geom, "avLst", _A)
    ln = _sub(sp, "ln", _A, {"w": "6350"})
    fill = _sub(ln, "solidFill", _A)
    _sub(fill, "srgbClr", _A, {"val": "000000"})
    _sub(wsp, "bodyPr", _WPS)
    return d


def _pict(geo: dict[str, Any], ident: int) -> etree._Element:
    pict = _el("pict", _W)
    x, y, length = geo["x"], geo["y"], geo["length"]
    _sub(pict, "line", _V, {"id": f"_x0000_s{1024 + ident}",
                            "style": f"position:absolute;z-index:{ident};mso-position-horizontal-relative:text;"
                                     "mso-position-vertical-relative:text",
                            "from": f"{x:.2f}pt,{y:.2f}pt", "to": f"{x + length:.2f}pt,{y:.2f}pt",
                            "strokeweight": ".5pt"})
    return pict


def line_run(geo: dict[str, Any], ident: int, declared: dict[str | None, str]) -> etree._Element:
    """A ``w:r`` holding the line: DrawingML with a VML fallback when the part declares the
    prefix ``mc:Choice Requires="wps"`` names, else the VML line alone. Namespaces the part's
    root does not declare are declared on the run, with their usual prefixes."""
    drawingml = declared.get("wps") == _WPS and declared.get("mc") == _MC
    used = ("w", "v") + (("wp", "a", "wps", "mc") if drawingml else ())
    run = _el("r", _W, nsmap={k: NAMESPACES[k] for k in used if declared.get(k) != NAMESPACES[k]} or None)
    if not drawingml:
        run.append(_pict(geo, ident))
        return run
    alt = _sub(run, "AlternateContent", _MC)
    choice = _sub(alt, "Choice", _MC, {"Requires": "wps"})
    choice.append(_drawing(geo, ident))
    fallback = _sub(alt, "Fallback", _MC)
    fallback.append(_pict(geo, ident))
    return run
