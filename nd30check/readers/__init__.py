"""Readers: bytes → :class:`nd30check.model.Document`.

``read_document`` looks at the file's bytes (not its name) and hands it to the DOCX or PDF
reader, or — for legacy .doc, .rtf, .odt and Word 2003 XML — converts it to .docx with
LibreOffice first (``readers.legacy``). Text typed in legacy Vietnamese fonts (TCVN3, VNI) is
decoded to Unicode whatever the format. Problems become
:class:`nd30check.model.UnreadableError`.
"""

from __future__ import annotations

from ..model import Document, UnreadableError
from ..source import Source
from .detect import CONVERTIBLE, DEFAULT_MAX_BYTES, sniff

__all__ = ["read_document", "sniff", "UnreadableError"]


def read_document(source: Source | str, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None,
                  ocr: bool = True) -> Document:
    """Read a .docx or .pdf file (or a convertible legacy one) into the format-neutral model.

    ``source``: the input read once (:class:`~nd30check.source.Source`; its ``kind`` is set to
    what the bytes are), or a path (then ``data``, when given, are its bytes; else the readers
    open the path themselves).

    A PDF with image-only pages (a scan) has those pages recognised with OCR when ``ocr`` is on
    and Tesseract is installed (``readers/ocr``); ``Document.ocr_status`` says what happened,
    so FILE-NO-TEXT can tell the user (and how to install Tesseract)."""
    if isinstance(source, Source):
        path, data = source.name, source.data
        kind = source.kind = sniff(path, max_bytes=max_bytes, data=data)  # from the bytes, never the name
    else:
        path = source
        kind = sniff(path, max_bytes=max_bytes, data=data)
    if kind == "docx":
        from .docx import read_docx

        doc = read_docx(path, data=data)
    elif kind == "pdf":
        from .pdf import read_pdf  # imported lazily (heavy dependencies)

        doc = read_pdf(path, data=data)
        if not (doc.has_text_layer and all(p.has_text for p in doc.pages)):
            doc = _read_scan(path, data, doc, ocr)
    elif kind == "word-html":
        raise _word_html_error()
    elif kind in CONVERTIBLE:
        from .legacy import read_converted

        doc = read_converted(path, kind, data=data)
    else:  # pragma: no cover - sniff returns only the kinds above
        raise UnreadableError("not-a-document", "Tệp không nhận dạng được.", "Unrecognised file.")
    from .legacy.fonts import decode_legacy_fonts

    decode_legacy_fonts(doc)
    return doc


def _word_html_error() -> UnreadableError:
    return UnreadableError(
        "word-html",
        "Tệp mang đuôi .doc nhưng thực chất là trang web (HTML) do Word lưu (\"Lưu dạng Trang web\"), không phải "
        "văn bản Word. Phông, cỡ chữ, lề và giãn dòng của nó nằm trong phần định dạng kiểu trang web mà khi chuyển "
        "đổi không giữ được chính xác, nên không kiểm tra để tránh kết luận sai. Cách sửa: mở tệp bằng Word, chọn "
        "Tệp → Lưu thành → Tài liệu Word (.docx), rồi kiểm tra tệp .docx.",
        "The file has a .doc name but is a web page (HTML) saved by Word (\"Save as Web Page\"), not a Word "
        "document. Its fonts, sizes, margins and spacing live in web-page styles that a conversion does not keep "
        "faithfully, so it is not checked rather than judged wrongly. Fix: open it in Word, use File → Save As → "
        "Word Document (.docx), and check the .docx.",
    )


def _read_scan(path: str, data: bytes | None, doc: Document, ocr: bool) -> Document:
    """The PDF read again with its image-only pages recognised, when OCR can run; else ``doc``
    with ``ocr_status`` saying why not."""
    if not ocr:
        doc.ocr_status = "disabled"
        return doc
    from .ocr import available, read_pdf_ocr

    tess = available()
    if tess is None:
        doc.ocr_status = "missing"
        return doc
    try:
        import numpy  # noqa: F401  (the [ocr] extra)
        import pypdfium2  # noqa: F401
    except ImportError:
        doc.ocr_status = "missing"
        doc.reader_notes.append("Thiếu gói Python cho OCR: pip install \"nd30check[ocr]\". / "
                                "Python packages for OCR missing: pip install \"nd30check[ocr]\".")
        return doc
    try:
        return read_pdf_ocr(path, tess, data=data)
    except (MemoryError, RecursionError):
        raise
    except UnreadableError:
        raise
    except Exception as exc:  # OCR trouble must not cost the file its other checks
        doc.ocr_status = "failed"
        doc.reader_notes.append(f"Nhận dạng chữ (OCR) thất bại: {exc!r}. / OCR failed: {exc!r}.")
        return doc
