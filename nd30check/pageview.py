"""What a picture of each page needs, made while the file is checked (``Config.views``).

The web page (``nd30check serve``) shows every finding at its place on the document. It never
reads files itself: this module runs inside the checking worker (with its time and memory
limits) and leaves plain, JSON-safe data on the result (``FileResult.views``):

* a PDF (``"kind": "pdf"``): each page's size in points and a PNG rendering of it (pypdfium2,
  the ``[web]`` extra), plus the measured box of every paragraph — findings carry ``bbox``
  (``locate.py``) in the same page coordinates. Without pypdfium2, or past ``MAX_PAGES``, a
  page has no image and the page is sketched from the paragraph boxes.
* anything else (``"kind": "paper"``, i.e. .docx): a paper view built from the document model —
  page size and margins per section, every paragraph with its runs' effective font, size,
  bold/italic/underline/caps/colour, alignment, indents, spacing and line spacing, the table
  cell it sits in (the header table's two columns), the lines drawn under text and the page
  number fields. The browser lays it out on sheets of the section's size; findings are
  marked on their paragraphs.

Everything is capped (pages, paragraphs, characters) so a hostile file cannot make a huge
view; what was cut is said (``truncated``).
"""

from __future__ import annotations

import base64
import io
from typing import Any

from .model import Document, Paragraph, Run

MAX_PAGES = 40  # pages rendered as pictures (later ones are sketched from the text boxes)
MAX_PIXELS = 2400  # longest side of a rendered page, pixels
SCALE = 1.5  # pixels per point (≈ 108 dpi): sharp at the page view's width, small PNGs
MAX_PARAGRAPHS = 5000
MAX_CHARS = 400_000


def _r(v: float | None, nd: int = 1) -> float | None:
    return None if v is None else round(float(v), nd)


def build_views(doc: Document, data: bytes | None) -> dict[str, Any]:
    """The page-view data of a checked document (never raises for what the file holds)."""
    if data is not None and b"%PDF-" in data[:1024] and doc.pages:
        return pdf_view(doc, data)
    return paper_view(doc)


# ----------------------------------------------------------------------------------- PDF


def _render_pages(data: bytes, count: int) -> tuple[list[str | None], str | None]:
    """PNG data URIs of the first ``count`` pages, and why there are none when rendering fails."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return [None] * count, "pypdfium2 not installed"
    images: list[str | None] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium refuses what our reader read: sketch instead
        return [None] * count, f"render failed: {exc}"
    try:
        pdf.init_forms()  # widgets (signature stamps, filled fields) are drawn only with a form environment
    except Exception:
        pass
    try:
        for i in range(min(count, len(pdf), MAX_PAGES)):
            try:
                page = pdf[i]
                w, h = page.get_size()
                scale = min(SCALE, MAX_PIXELS / max(w, h, 1.0))
                bitmap = page.render(scale=scale, may_draw_forms=True)
                image = bitmap.to_pil()
                buf = io.BytesIO()
                image.save(buf, "PNG", compress_level=1)
                images.append("data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii"))
                page.close()
            except Exception:
                images.append(None)
    finally:
        pdf.close()
    images += [None] * (count - len(images))
    return images, None


def pdf_view(doc: Document, data: bytes) -> dict[str, Any]:
    images, error = _render_pages(data, len(doc.pages))
    pages = [{"number": p.number, "width": _r(p.width), "height": _r(p.height), "image": img}
             for p, img in zip(doc.pages, images)]
    boxes = []
    chars = 0
    for para in doc.paragraphs:
        if para.page is None or para.x0 is None or para.top is None or para.x1 is None or para.bottom is None:
            continue
        text = para.text[:300]
        chars += len(text)
        if len(boxes) >= MAX_PARAGRAPHS or chars > MAX_CHARS:
            break
        sizes = [r.size for r in para.visible_runs if r.size]
        boxes.append({"i": para.index, "page": para.page, "bbox": [_r(para.x0), _r(para.top), _r(para.x1), _r(para.bottom)],
                      "text": text, "size": _r(max(sizes)) if sizes else None, "lines": para.lines})
    return {"kind": "pdf", "pages": pages, "paragraphs": boxes, "render_error": error,
            "truncated": len(doc.pages) > MAX_PAGES}


# ----------------------------------------------------------------------------------- paper


def _run(run: Run) -> dict[str, Any]:
    out: dict[str, Any] = {"t": run.text}
    if run.font:
        out["font"] = run.font
    if run.size:
        out["size"] = _r(run.size)
    for key, value in (("b", run.bold), ("i", run.italic), ("u", run.underline), ("caps", run.caps)):
        if value:
            out[key] = True
    if run.color and run.color.lower() not in ("000000", "auto"):
        out["color"] = run.color
    return out


def _paragraph(para: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {
        "i": para.index,
        "section": para.section,
        "container": para.container,
        "align": para.alignment,
        "indent": [_r(para.left_indent), _r(para.right_indent), _r(para.first_line_indent)],
        "space": [_r(para.space_before), _r(para.space_after)],
        "line": [_r(para.line_spacing, 3), para.line_rule],
        "runs": [_run(r) for r in para.runs if r.text],
    }
    if para.cell is not None:
        out["cell"] = [para.cell.table, para.cell.row, para.cell.col]
    if para.column:
        out["column"] = para.column
    if para.numbering:
        out["numbering"] = para.numbering
    if para.role:
        out["role"] = para.role
    if para.extra.get("tab_offset") is not None and isinstance(para.extra.get("tab_offset"), (int, float)):
        out["tab"] = _r(para.extra["tab_offset"])
    return out


def paper_view(doc: Document) -> dict[str, Any]:
    sections = []
    for s in doc.sections:
        margins = [s.margin_top, s.margin_right, s.margin_bottom, s.margin_left]
        sections.append({
            "index": s.index, "width": _r(s.page_width), "height": _r(s.page_height),
            "margins": [_r(m) for m in margins], "orientation": s.orientation, "title_page": s.title_page,
            "first": s.first_paragraph, "last": s.last_paragraph,
            "page_numbers": [{"where": f.where, "align": f.alignment, "size": _r(f.size), "font": f.font,
                              "first_page": f.first_page} for f in s.page_numbers],
        })
    paragraphs = []
    chars = 0
    truncated = False
    for para in doc.paragraphs:
        if para.container in ("header", "footer"):
            continue  # page numbers come from the sections' fields
        chars += sum(len(r.text) for r in para.runs)
        if len(paragraphs) >= MAX_PARAGRAPHS or chars > MAX_CHARS:
            truncated = True
            break
        paragraphs.append(_paragraph(para))
    tables = [{"index": t.index, "rows": t.rows, "cols": t.cols, "borders": t.has_borders, "nested_in": t.nested_in}
              for t in doc.tables]
    lines = [{"paragraph": h.paragraph, "length": _r(h.length), "kind": h.kind}
             for h in doc.hlines if h.paragraph is not None and h.kind != "underline"]
    return {"kind": "paper", "sections": sections, "tables": tables, "paragraphs": paragraphs, "lines": lines,
            "truncated": truncated}
