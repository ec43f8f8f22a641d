"""File-level checks: unreadable files (FILE-UNREADABLE), text layer (FILE-NO-TEXT) and
leftover review marks (FILE-TRACKED-CHANGES).

FILE-UNREADABLE is a pipeline rule: ``check.py`` calls :func:`file_unreadable` when a reader
raises ``UnreadableError`` (or a worker times out or dies); its words per error code live in
``rules/file.toml``.
"""

from __future__ import annotations

from typing import Any, Mapping

from .base import Ctx, RawFinding, check, pipeline


@pipeline("FILE-UNREADABLE")
def file_unreadable(messages: Mapping[str, Any], code: str, detail: Any) -> RawFinding:
    """The finding for a file that could not be read: the message of its reader error
    ``code`` when the pack has one (each says how to fix), else the default with the detail
    (a word: the reader's ``{"vi", "en"}`` text, or a Term of the pack)."""
    return RawFinding(key=code if code in messages else "default", actual=code, fmt={"detail": detail})


@check("FILE-NO-TEXT")
def no_text(ctx: Ctx) -> None:
    """A scanned PDF carries only images: every layout rule becomes not-evaluated (the engine
    does that), and the user must know why. A PDF with some image-only pages gets the same
    warning for those pages, because rules then only see part of the document."""
    doc = ctx.doc
    if doc.pages:  # rendered pages (PDF, scans): the text layer page by page
        pages = doc.page_count if doc.page_count is not None else len(doc.pages)
        if _scan_read_or_not(ctx, pages):
            return
        if not doc.has_text_layer:
            # a scan with an invisible OCR layer: the words are searchable but say nothing
            # about fonts, sizes or positions
            ocr = any("OCR" in n for n in doc.reader_notes)
            ctx.fail(None, key="ocr-only" if ocr else "default", actual=str(pages or "?"), pages=pages or "?")
            return
        blank = [p.number for p in doc.pages if not p.has_text]
        if blank and len(blank) < len(doc.pages):
            ctx.fail(None, key="some-pages", page=blank[0], actual=", ".join(map(str, blank)),
                     pages=", ".join(map(str, blank)))
        return
    # DOCX: text always comes as text; a file with no visible character at all is an image
    # pasted into Word (a "scan in a docx") and cannot be checked either.
    if not any(not p.is_empty for p in doc.paragraphs):
        ctx.fail(None, key="docx-no-text")


def _scan_read_or_not(ctx: Ctx, pages: int | None) -> bool:
    """FILE-NO-TEXT on a scan the OCR reader saw: read (an info-level failure: a digitised
    copy is a valid form and its layout was checked from the image), or not read because OCR
    is off or Tesseract is missing (the message says how to install it). False: neither."""
    doc = ctx.doc
    ocr = [p for p in doc.pages if p.source == "ocr"]
    if ocr:
        confs = [p.confidence for p in ocr if p.confidence is not None]
        mean = f"{sum(confs) / len(confs):.0%}" if confs else "?"
        key = "ocr-read" if not doc.has_text_layer else "ocr-some-pages"
        nums = ", ".join(str(p.number) for p in ocr)
        ctx.fail(None, key=key, severity="info", actual=nums, pages=len(ocr) if key == "ocr-read" else nums, mean=mean)
        return True
    if not doc.has_text_layer and doc.ocr_status in ("missing", "disabled"):
        key = "no-tesseract" if doc.ocr_status == "missing" else "ocr-off"
        ctx.fail(None, key=key, actual=str(pages or "?"), pages=pages or "?")
        return True
    return False


@check("FILE-TRACKED-CHANGES")
def tracked_changes(ctx: Ctx) -> None:
    """Tracked insertions/deletions and comments must be accepted/removed before a document
    leaves the office: the recipient may see (or print) the drafting history."""
    doc = ctx.doc  # the rule requires "tracked-changes": the engine does not run it on readers without
    if doc.tracked_changes > 0:
        ctx.fail(None, key="tracked", actual=str(doc.tracked_changes), count=doc.tracked_changes)
    if doc.comments > 0:
        ctx.fail(None, key="comments", actual=str(doc.comments), count=doc.comments)
