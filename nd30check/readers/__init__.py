"""Readers: bytes → :class:`nd30check.model.Document`.

``read_document`` looks at the file's bytes (not its name) and hands it to the DOCX or PDF
reader. Problems become :class:`nd30check.model.UnreadableError`.
"""

from __future__ import annotations

from ..model import Document, UnreadableError
from .detect import DEFAULT_MAX_BYTES, sniff

__all__ = ["read_document", "sniff", "UnreadableError"]


def read_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool = True) -> Document:
    """Read a .docx or .pdf file into the format-neutral model.

    A PDF with image-only pages (a scan) is read again with OCR for those pages when ``ocr``
    is on and Tesseract is installed (``readers/ocr``); ``Document.ocr_status`` says what
    happened, so FILE-NO-TEXT can tell the user (and how to install Tesseract)."""
    kind = sniff(path, max_bytes=max_bytes)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    from .pdf import read_pdf  # written separately; imported lazily (heavy dependencies)

    doc = read_pdf(path)
    if doc.has_text_layer and all(p.has_text for p in doc.pages):
        return doc
    if not ocr:
        doc.ocr_status = "disabled"
        return doc
    from .ocr import available, read_pdf_ocr

    tess = available()
    if tess is None:
        doc.ocr_status = "missing"
        return doc
    try:
        import pypdfium2  # noqa: F401  (the [ocr] extra)
        import numpy  # noqa: F401
    except ImportError:
        doc.ocr_status = "missing"
        doc.reader_notes.append("Thiếu gói Python cho OCR: pip install \"nd30check[ocr]\". / "
                                "Python packages for OCR missing: pip install \"nd30check[ocr]\".")
        return doc
    try:
        return read_pdf_ocr(path, tess)
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # OCR trouble must not cost the file its other checks
        doc.ocr_status = "failed"
        doc.reader_notes.append(f"Nhận dạng chữ (OCR) thất bại: {exc!r}. / OCR failed: {exc!r}.")
        return doc
