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


def _read_appearances(data: bytes) -> list[dict[str, Any]]:
    """What the widgets draw, through the PDF reader's one content interpreter (used when the
    caller has no Document that already read them)."""
    from ...readers.pdf.reader import signature_appearances

    try:
        return signature_appearances(data)
    except Exception:  # noqa: BLE001 - a file the text reader cannot open only loses appearances
        return []


class _Locator:
    """Page number and rectangle (top-left origin) of a widget, from pyHanko's objects: for
    widgets the reader did not draw (hidden, no appearance)."""

    def __init__(self, reader: Any) -> None:
        self.pages = page_refs(reader)
        self.page_no = {idnum: i for i, (idnum, _p) in enumerate(self.pages, start=1) if idnum is not None}
        self._annot_page: dict[int, int] | None = None  # built only when a widget lacks a usable /P

    def _listing(self, widget_idnum: int) -> int | None:
        from pyhanko.pdf_utils import generic

        if self._annot_page is None:
            self._annot_page = {}
            for pno, (_idnum, page_ref) in enumerate(self.pages, start=1):
                try:
                    page = page_ref.get_object()
                    for ref in page.raw_get("/Annots").get_object() if "/Annots" in page else []:
                        if isinstance(ref, generic.IndirectObject):
                            self._annot_page.setdefault(ref.idnum, pno)
                except Exception:  # noqa: BLE001
                    continue
        return self._annot_page.get(widget_idnum)

    def locate(self, field_ref: Any) -> tuple[int, tuple[float, float, float, float]] | None:
        field = field_ref.get_object()
        widget_ref = field_ref
        if "/Rect" not in field and "/Kids" in field:
            widget_ref = field.raw_get("/Kids").get_object()[0]
        widget = widget_ref.get_object()
        # the page that lists the widget in /Annots decides; /P is only a hint, but a page
        # that lists it is the usual case, so check /P's page first
        pno = None
        if "/P" in widget:
            hinted = self.page_no.get(getattr(widget.raw_get("/P"), "idnum", -1))
            if hinted is not None:
                page = self.pages[hinted - 1][1].get_object()
                listed = page.raw_get("/Annots").get_object() if "/Annots" in page else []
                if any(getattr(r, "idnum", None) == getattr(widget_ref, "idnum", -2) for r in listed):
                    pno = hinted
        if pno is None:
            pno = self._listing(getattr(widget_ref, "idnum", -1))
        if pno is None:
            return None
        x_off, _y_off, _x1, y_top = _media_box(self.pages[pno - 1][1].get_object())
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        return pno, (min(x1, x2) - x_off, y_top - max(y1, y2), max(x1, x2) - x_off, y_top - min(y1, y2))


def fill_appearances(reader: Any, fields: dict[str, Any], report: SignatureReport,
                     appearances: list[dict[str, Any]] | None, data: bytes) -> None:
    """Page, rect (top-left origin), visible text, font, size and image of each signature.

    What a widget draws comes from the PDF reader (``readers/pdf/annots.py``, the one content
    interpreter): ``appearances`` as the Document read them, or read here from ``data``.
    """
    if not report.signatures:
        return
    if appearances is None:
        appearances = _read_appearances(data)
    drawn: dict[str, dict[str, Any]] = {}
    for a in appearances:
        if a.get("kind") == "signature" and a.get("field"):
            drawn.setdefault(str(a["field"]), a)
    locator: _Locator | None = None
    for info in report.signatures:
        seen = drawn.get(info.field_name or "")
        if seen is not None:
            info.page, info.rect = int(seen["page"]), tuple(float(v) for v in seen["rect"])  # type: ignore[assignment]
            info.visible_text = seen.get("text") or None
            info.has_image = bool(seen.get("has_image"))
            info.visible_font = seen.get("font") if info.visible_text else None
            info.visible_size = seen.get("size") if info.visible_text else None
            continue
        ref = fields.get(info.field_name or "")
        if ref is None:
            continue
        try:
            locator = locator or _Locator(reader)
            where = locator.locate(ref)
        except Exception:  # noqa: BLE001 - a broken widget only loses its position
            continue
        if where is not None:
            info.page, info.rect = where
            info.has_image = False  # nothing drawn: hidden, or no appearance
