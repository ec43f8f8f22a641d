"""Where each signature shows (page, rectangle) and what its appearance draws."""

from __future__ import annotations

from typing import Any

from ...model import SignatureReport


def page_refs(reader: Any) -> list[tuple[int | None, Any]]:
    """Pages in order as (object number, reference), walking the page tree with loop protection.

    Leaves are not read: a /Pages node whose /Count equals its number of /Kids holds only
    leaves, so scanned documents with hundreds of pages cost one array read.
    """
    from pyhanko.pdf_utils import generic

    out: list[tuple[int | None, Any]] = []
    seen: set[int] = set()

    def walk(node_ref: Any, depth: int) -> None:
        if depth > 64 or len(out) > 100000:
            return
        idnum = node_ref.idnum if isinstance(node_ref, generic.IndirectObject) else None
        if idnum is not None:
            if idnum in seen:
                return
            seen.add(idnum)
        node = node_ref.get_object()
        if node.get("/Type") != "/Pages" and "/Kids" not in node:
            out.append((idnum, node_ref))
            return
        kids = list(node.raw_get("/Kids").get_object()) if "/Kids" in node else []
        try:
            flat = int(node["/Count"]) == len(kids)
        except Exception:  # noqa: BLE001
            flat = False
        for kid in kids:
            if flat:
                kid_id = kid.idnum if isinstance(kid, generic.IndirectObject) else None
                if kid_id is None or kid_id not in seen:
                    if kid_id is not None:
                        seen.add(kid_id)
                    out.append((kid_id, kid))
            else:
                walk(kid, depth + 1)

    try:
        walk(reader.root.raw_get("/Pages"), 0)
    except Exception:  # noqa: BLE001 - a broken page tree only loses positions
        pass
    return out


def _media_box(page: Any) -> tuple[float, float, float, float]:
    node = page
    for _ in range(32):
        if node is None:
            break
        if "/MediaBox" in node:
            x0, y0, x1, y1 = (float(v) for v in node["/MediaBox"])
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        node = node["/Parent"] if "/Parent" in node else None
    return 0.0, 0.0, 595.28, 841.89


def fill_appearances(reader: Any, fields: dict[str, Any], report: SignatureReport) -> None:
    """Page, rect (top-left origin), visible text, font, size and image of each signature."""
    from pyhanko.pdf_utils import generic

    from ..appearance import _get, read_appearance

    if not report.signatures:
        return
    pages = page_refs(reader)
    page_no = {idnum: i for i, (idnum, _p) in enumerate(pages, start=1) if idnum is not None}
    annot_page: dict[int, int] | None = None  # built only when a widget lacks a usable /P

    def page_listing(widget_idnum: int) -> int | None:
        nonlocal annot_page
        if annot_page is None:
            annot_page = {}
            for pno, (_idnum, page_ref) in enumerate(pages, start=1):
                try:
                    page = page_ref.get_object()
                    for ref in page.raw_get("/Annots").get_object() if "/Annots" in page else []:
                        if isinstance(ref, generic.IndirectObject):
                            annot_page.setdefault(ref.idnum, pno)
                except Exception:  # noqa: BLE001
                    continue
        return annot_page.get(widget_idnum)

    for info in report.signatures:
        ref = fields.get(info.field_name or "")
        if ref is None:
            continue
        try:
            field = ref.get_object()
            widget_ref = ref
            if "/Rect" not in field and "/Kids" in field:
                widget_ref = field.raw_get("/Kids").get_object()[0]
            widget = widget_ref.get_object()
            # the page that lists the widget in /Annots decides; /P is only a hint, but a
            # page that lists it is the usual case, so check /P's page first
            pno = None
            if "/P" in widget:
                hinted = page_no.get(getattr(widget.raw_get("/P"), "idnum", -1))
                if hinted is not None:
                    page = pages[hinted - 1][1].get_object()
                    try:
                        listed = page.raw_get("/Annots").get_object() if "/Annots" in page else []
                        if any(getattr(r, "idnum", None) == getattr(widget_ref, "idnum", -2) for r in listed):
                            pno = hinted
                    except Exception:  # noqa: BLE001
                        pno = None
            if pno is None:
                pno = page_listing(getattr(widget_ref, "idnum", -1))
            if pno is not None:
                x_off, y_off, _x1, y_top = _media_box(pages[pno - 1][1].get_object())
                x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
                info.page = pno
                info.rect = (min(x1, x2) - x_off, y_top - max(y1, y2), max(x1, x2) - x_off, y_top - min(y1, y2))
            normal = _get(_get(widget, "/AP"), "/N")
            if isinstance(normal, generic.StreamObject):
                seen = read_appearance(normal)
                info.visible_text, info.has_image = seen.text, seen.has_image
                info.visible_font, info.visible_size = seen.font, seen.size
            elif normal is None:
                info.has_image = False
        except Exception:  # noqa: BLE001 - a broken widget only loses its appearance info
            continue

