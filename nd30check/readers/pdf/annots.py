"""Text and images drawn by annotation appearances (signature widgets, stamps, free text).

Why: in Vietnamese e-office workflows the number ("507") and the day ("24") are stamped by
signature widgets over the blanks of ``Số:      /UBND-KGVX`` and ``ngày     tháng …``; the
page content keeps the blanks. A reader that ignores appearance streams sees a draft.

The placement follows PDF 32000-1:2008, 12.5.5: the form's BBox transformed by its Matrix
is fitted onto the annotation's Rect; the content runs with Matrix × A × (page → display).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .content import Glyph, Interpreter, Matrix, apply, mult

TEXT_SUBTYPES = ("/Widget", "/Stamp", "/FreeText")
MAX_ANNOTS_PER_PAGE = 500


@dataclass
class AnnotDrawing:
    kind: str  # "signature" | "stamp" | "freetext" | "widget"
    page: int
    rect: tuple[float, float, float, float]  # x0, top, x1, bottom on the displayed page
    field_name: str | None
    signed: bool
    glyphs: list[Glyph] = field(default_factory=list)
    images: int = 0

    def info(self, text: str) -> dict[str, Any]:
        font, size = self.dominant_font()
        return {
            "kind": self.kind,
            "page": self.page,
            "rect": tuple(round(v, 2) for v in self.rect),
            "field": self.field_name,
            "signed": self.signed,
            "text": text,
            "has_image": self.images > 0,
            "font": font,
            "size": size,
        }

    def dominant_font(self) -> tuple[str | None, float | None]:
        """(font base name, size in points) drawing most of the visible characters."""
        weight: dict[tuple[str | None, float], int] = {}
        for g in self.glyphs:
            if g.text.strip():
                key = (getattr(g.font, "base_name", None), round(g.size, 1))
                weight[key] = weight.get(key, 0) + 1
        if not weight:
            return None, None
        return max(weight, key=lambda k: weight[k])


def _get(obj: Any, key: str) -> Any:
    try:
        v = obj.get(key)
        return v.get_object() if v is not None else None
    except Exception:
        return None


def _has_value(node: Any) -> bool:
    """The field has a value (/V). A signature's value is a dictionary holding the whole CMS
    blob as a hex string: presence is enough here, so a reference is not resolved (parsing
    five signatures' /Contents cost more than laying out the page)."""
    try:
        raw = dict.get(node, "/V") if isinstance(node, dict) else node.get("/V")
    except Exception:
        return False
    if raw is None:
        return False
    if type(raw).__name__ == "IndirectObject":
        return True
    try:
        return raw.get_object() is not None and type(raw.get_object()).__name__ != "NullObject"
    except Exception:
        return False


def _field_info(annot: Any) -> tuple[str | None, str | None, bool]:
    """(field type, full field name, signed) walking /Parent (bounded)."""
    ft = None
    names: list[str] = []
    signed = False
    node = annot
    for _ in range(32):
        if node is None or not hasattr(node, "get"):
            break
        if ft is None:
            f = _get(node, "/FT")
            if isinstance(f, str):
                ft = f
        t = _get(node, "/T")
        if t is not None:
            names.append(str(t))
        if not signed and _has_value(node):
            signed = True
        node = _get(node, "/Parent")
    return ft, ".".join(reversed(names)) or None, signed


def _appearance(annot: Any) -> Any:
    ap = _get(annot, "/AP")
    if ap is None or not hasattr(ap, "get"):
        return None
    n = _get(ap, "/N")
    if n is None:
        return None
    if hasattr(n, "get_data"):
        return n
    if hasattr(n, "get"):  # appearance states: pick /AS
        state = _get(annot, "/AS")
        if isinstance(state, str):
            s = _get(n, state)
            if s is not None and hasattr(s, "get_data"):
                return s
    return None


def _fit_matrix(form: Any, rect: list[float]) -> Matrix | None:
    """Matrix A of 12.5.5 mapping the transformed BBox onto Rect."""
    try:
        bbox = [float(v) for v in form.get("/BBox")[:4]]
        mat = form.get("/Matrix")
        m: Matrix = tuple(float(v) for v in mat[:6]) if mat is not None and len(mat) >= 6 else (1, 0, 0, 1, 0, 0)  # type: ignore[assignment]
    except Exception:
        return None
    pts = [apply(m, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    tx0, tx1 = min(p[0] for p in pts), max(p[0] for p in pts)
    ty0, ty1 = min(p[1] for p in pts), max(p[1] for p in pts)
    rx0, ry0, rx1, ry1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    if tx1 - tx0 <= 1e-6 or ty1 - ty0 <= 1e-6:
        return None
    sx = (rx1 - rx0) / (tx1 - tx0)
    sy = (ry1 - ry0) / (ty1 - ty0)
    return (sx, 0.0, 0.0, sy, rx0 - tx0 * sx, ry0 - ty0 * sy)


def page_annotations(page: Any, page_no: int, display: Matrix, interp: Interpreter, *, signatures_only: bool = False) -> list[AnnotDrawing]:
    """Interpret the normal appearances of a page's annotations; the glyphs carry sig=True."""
    annots = _get(page, "/Annots")
    if not isinstance(annots, list):
        return []
    out: list[AnnotDrawing] = []
    for ref in annots[:MAX_ANNOTS_PER_PAGE]:
        try:
            a = ref.get_object()
        except Exception:
            continue
        if a is None or not hasattr(a, "get"):
            continue
        sub = _get(a, "/Subtype")
        if sub not in TEXT_SUBTYPES:
            continue
        try:
            flags = int(_get(a, "/F") or 0)
        except (TypeError, ValueError):
            flags = 0
        if flags & (2 | 32):  # Hidden, NoView
            continue
        ft, name, signed = _field_info(a) if sub == "/Widget" else (None, None, False)
        kind = "signature" if ft == "/Sig" else "stamp" if sub == "/Stamp" else "freetext" if sub == "/FreeText" else "widget"
        if signatures_only and kind not in ("signature", "stamp"):
            continue
        rect_obj = _get(a, "/Rect")
        try:
            rect = [float(v) for v in rect_obj[:4]]
        except Exception:
            continue
        corners = [apply(display, x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
        drect = (min(c[0] for c in corners), min(c[1] for c in corners), max(c[0] for c in corners), max(c[1] for c in corners))
        drawing = AnnotDrawing(kind, page_no, drect, name, signed or kind == "stamp")
        form = _appearance(a)
        if form is not None:
            fit = _fit_matrix(form, rect)
            if fit is not None:
                key = ("annot", getattr(ref, "idnum", id(a)))
                content = interp.run_annotation(form, key, _get(page, "/Resources"), mult(fit, display))
                drawing.glyphs = [g for g in content.glyphs if not g.invisible]
                drawing.images = len(content.images)
        out.append(drawing)
    return out
