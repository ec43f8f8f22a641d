"""OCR reader: image-only PDF pages → the same :class:`nd30check.model.Document` as text PDFs.

Flow per image-only page: render (pypdfium2) → fade red seals, despeckle, deskew (``image``)
→ Tesseract 5 with the Vietnamese model (``tess``) → words with boxes, baselines and
confidences → one pseudo-glyph per word with a size estimated from its ink height
(``size``, calibrated on Times New Roman) → the PDF reader's own layout (lines, columns,
paragraphs, alignment, indents, spacing, rules under text, tables), rules taken from the
image (``rules``). Paragraphs and pages read this way carry ``source = "ocr"`` and a
confidence; runs carry ``size_error`` (the estimate's ± points); fonts, exact sizes, bold,
italic and colour stay ``None``, and the document's capabilities say so, so the rules that
need them are not-evaluated instead of guessed.

Entry points: :func:`available` (is Tesseract with Vietnamese installed?) and
:func:`read_pdf_ocr` (a PDF, its image-only pages recognised).
"""

from __future__ import annotations

import os
import statistics
from typing import Any

from ...model import Cap, Document, Paragraph
from .tess import INSTALL_COMMAND, Tesseract, find

__all__ = ["available", "read_pdf_ocr", "INSTALL_COMMAND", "OCR_CAPABILITIES", "ocr_key"]

#: What a fully scanned document can answer (see module docstring).
OCR_CAPABILITIES = frozenset({Cap.TEXT, Cap.POSITIONS, Cap.SIZE_ESTIMATE, Cap.LINES, Cap.MARGINS_MEASURED,
                              Cap.LINE_SPACING, Cap.SPACING, Cap.PAGE_SETUP})


def available() -> Tesseract | None:
    """The installed Tesseract with the Vietnamese model, or None."""
    return find()


def ocr_key(enabled: bool) -> str:
    """Cache-key part: OCR on/off and which engine (a result read by another engine differs)."""
    if not enabled:
        return "off"
    t = available()
    return t.key if t else "missing"


def _threads(pages: int) -> int:
    env = os.environ.get("ND30CHECK_OCR_THREADS")
    if env and env.isdigit():
        return max(1, int(env))
    return max(1, min(pages, os.cpu_count() or 1, 4))


def read_pdf_ocr(path: str, tess: Tesseract | None = None, threads: int | None = None,
                 data: bytes | None = None) -> Document:
    """Read a PDF (``data``: its bytes when already read); pages without visible text are
    recognised with Tesseract."""
    from ..pdf import read_pdf
    from .page import OcrPage, ocr_pdf_pages

    tess = tess or available()
    if tess is None:
        raise RuntimeError("Tesseract with the Vietnamese model is not installed")
    pages: dict[int, OcrPage] = {}
    failure: list[BaseException] = []

    def hook(numbers: list[int]) -> dict[int, tuple[Any, Any, Any]]:
        n_threads = threads if threads is not None else _threads(len(numbers))
        try:
            pages.update(ocr_pdf_pages(data if data is not None else path, numbers, tess, n_threads))
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # recognition trouble is not a broken PDF: the file keeps its other checks
            failure.append(exc)
            return {}
        return {n: (p.glyphs, p.hlines, p.vlines) for n, p in pages.items()}

    doc = read_pdf(path, data=data, page_ocr=hook)
    if failure:
        doc.ocr_status = "failed"
        doc.reader_notes.append(f"Nhận dạng chữ (OCR) thất bại: {failure[0]!r}. / OCR failed: {failure[0]!r}.")
    elif pages:
        _mark(doc, pages)
    return doc


def _mark(doc: Document, pages: dict[int, Any]) -> None:
    """Provenance, confidences and capabilities of what came from OCR."""
    from ..pdf.reader import CAPABILITIES as PDF_CAPS

    for n, op in pages.items():
        pg = doc.pages[n - 1]
        pg.source, pg.confidence, pg.dpi, pg.skew = "ocr", op.mean_conf, op.dpi, op.skew
        pg.unread = [tuple(round(v, 1) for v in box) for box in op.unread]  # type: ignore[misc]
        pg.unread += [(round(cx - r, 1), round(cy - r, 1), round(cx + r, 1), round(cy + r, 1)) for cx, cy, r in op.seals]
    estimates: list[tuple[Paragraph, Any]] = []
    for para in doc.paragraphs:
        if para.page in pages and para.container != "signature":
            est = _mark_paragraph(para, pages[para.page])
            if est is not None:
                estimates.append((para, est))
    _implausible_sizes_dropped(estimates)
    for n, op in pages.items():
        _faint_lines_anchored([p for p in doc.paragraphs if p.page == n and p.source == "ocr"], op.faint_hlines)
    for sec in doc.sections:  # a page number is one or two digits: too few glyphs for a size
        for f in sec.page_numbers:
            if f.page in pages:
                f.size = None
    only_ocr = not doc.has_text_layer
    doc.capabilities = OCR_CAPABILITIES if only_ocr else (PDF_CAPS | {Cap.SIZE_ESTIMATE})
    doc.ocr_status = "read"
    dpis = sorted({int(p.dpi) for p in pages.values()})
    skews = [abs(p.skew) for p in pages.values()]
    nums = ", ".join(str(n) for n in sorted(pages))
    mean = statistics.mean(p.mean_conf for p in pages.values() if p.mean_conf is not None) if any(
        p.mean_conf is not None for p in pages.values()) else None
    doc.reader_notes.append(
        f"Trang {nums}: nhận dạng chữ từ ảnh quét (Tesseract, {'/'.join(map(str, dpis))} dpi, "
        f"độ tin cậy trung bình {mean:.0%}, đã chỉnh nghiêng tối đa {max(skews):.1f}°). / "
        f"Page(s) {nums}: text recognised from the scanned image (Tesseract, {'/'.join(map(str, dpis))} dpi, "
        f"mean confidence {mean:.0%}, straightened by up to {max(skews):.1f}°)." if mean is not None else
        f"Trang {nums}: ảnh quét không nhận dạng được chữ nào. / Page(s) {nums}: no text recognised on the scanned image."
    )


#: a rule seen only in faint ink belongs to the paragraph above it when it lies at most this
#: many of the paragraph's font sizes under its bottom (the agency line sits ~0.3–0.6 em under
#: a name's descenders, the Tiêu ngữ's ~0.2 em)
FAINT_LINE_REACH = 1.2


def _faint_lines_anchored(paras: list[Paragraph], lines: list[Any]) -> None:
    """Mark the paragraph just above a rule seen only in faint ink (``faint_line_below``: its
    x0, x1, y in points): where a rule's check finds no line under it, the line may be there,
    too pale to measure (readers/ocr/rules.faint_rules) — not a sure absence."""
    for h in lines:
        best = None
        for p in paras:
            if p.top is None or p.bottom is None or p.x0 is None or p.x1 is None:
                continue
            size = next((r.size for r in p.runs if r.visible and r.size), None) or 13.0
            if p.top > h.y or not -0.5 * size <= h.y - p.bottom <= FAINT_LINE_REACH * size or p.x1 < h.x0 or p.x0 > h.x1:
                continue
            if best is None or p.bottom > best.bottom:
                best = p
        if best is not None:
            best.extra["faint_line_below"] = (round(h.x0, 1), round(h.x1, 1), round(h.y, 1))


#: a run is said to be regular (not bold) only on this many measured words: the stroke of one or
#: two short words ("Nơi nhận:", "Điều 1.", italic labels) is too uncertain to fail a bold rule
MIN_REGULAR_WORDS = 3


#: a paragraph's size estimate is a measurement only when its words agree within this share
#: (two standard errors over the size): wider, the words' heights disagree — a stamp, a
#: handwritten number or a seal's edge taken into the line — and no size is said
MAX_RELATIVE_ERROR = 0.25
#: the body text's estimate of a document: from paragraphs of at least this many sized words
BODY_WORDS = 8
#: an estimate this far from the document's own body-text estimate is no size of Decree 30's
#: header or body (12–14 pt; 11 pt Nơi nhận, 15 pt titles lie well inside): a measurement
#: failure, not a finding (a scan's scale moves both alike, so the ratio is scale-free)
PLAUSIBLE_RATIO = (0.7, 1.35)


#: the confidence a paragraph's reading keeps at most when its words' heights are no size
FOREIGN_INK_CONF = 0.85


def body_estimate(estimates: list[tuple[Paragraph, Any]]) -> float | None:
    """The size most of the document's words are estimated at (median over words of the
    paragraphs with at least ``BODY_WORDS`` sized words), None when too little text."""
    pool: list[tuple[float, int]] = [(e.size, e.words) for _, e in estimates
                                     if e.words >= BODY_WORDS and e.error <= MAX_RELATIVE_ERROR * e.size]
    total = sum(n for _, n in pool)
    if total < 3 * BODY_WORDS:
        return None
    pool.sort()
    acc = 0
    for size, n in pool:
        acc += n
        if acc * 2 >= total:
            return size
    return pool[-1][0]


def _implausible_sizes_dropped(estimates: list[tuple[Paragraph, Any]]) -> None:
    """Sizes that are no measurement are unknown (None): the rules then say not-evaluated."""
    body = body_estimate(estimates)
    for para, est in estimates:
        bad = est.error > MAX_RELATIVE_ERROR * est.size
        if body is not None and not PLAUSIBLE_RATIO[0] <= est.size / body <= PLAUSIBLE_RATIO[1]:
            bad = True
        if bad:
            for run in para.runs:
                if run.visible:
                    run.size, run.size_error = None, None
        if body is not None and est.size / body > PLAUSIBLE_RATIO[1] and para.confidence is not None:
            # words far taller than any size of the decree: ink that is not these letters (a
            # seal's arc, a stamp, a signature) is inside their boxes, so their text is a guess too
            para.confidence = min(para.confidence, FOREIGN_INK_CONF)


def _mark_paragraph(para: Paragraph, op: Any) -> Any:
    """Provenance, confidence, size and weight of a paragraph read from an image.

    Size: one paragraph is set in one size (the layout already splits where the size jumps),
    so the words of the whole paragraph are pooled into one estimate and one error bar —
    far tighter than a line's. Confidence: the weakest words count (one misread word is
    enough to make a text comparison wrong), softened for long paragraphs (a body paragraph
    with one uncertain word is still read well enough for its geometry)."""
    from . import size as S

    para.source = "ocr"
    confs: list[float] = []
    sizes: list[float] = []
    alts: list[float] = []
    fallback_err = 0.0
    last: tuple[float, float, Any] | None = None  # (baseline, right end, info) of the paragraph's last word
    read: list[tuple[float, float, float]] = []  # (baseline, left end, confidence) of its words
    extents: list[tuple[float, float, Any]] = []  # (baseline, left end, info) of its words
    words: list[tuple[str, float]] = []  # (text, confidence) of its words, in reading order
    letters: list[tuple[str, Any]] = []  # (text, its letters' confidences) where the binding gives them
    for run in para.runs:
        run.font_source = run.size_source = "ocr"
        if run.x0 is None:
            continue
        pairs = [(g, info) for g in op.glyphs if not g.text.isspace() and run.x0 - 0.5 <= (g.x0 + g.x1) / 2 <= (run.x1 or run.x0) + 0.5
                 and (run.top or 0) - 0.5 <= g.y <= (run.bottom or 0) + 0.5 and (info := op.glyph_info.get(g.seq))]
        inside = [info for _, info in pairs]
        weights = {i.bold for i in inside}
        run.bold = weights.pop() if len(weights) == 1 else None  # measured from strokes (weight.py)
        if run.bold is False and sum(1 for i in inside if i.weight is not None) < MIN_REGULAR_WORDS:
            run.bold = None  # "Nơi nhận:", "Điều 1.": too little ink to say it is not bold
        run.italic = None  # slant is not measured
        run.font = None
        for g, info in pairs:  # the last word: on the lowest line, the rightmost
            half = 0.5 * (g.size or 1)
            if last is None or g.y > last[0] + half or (abs(g.y - last[0]) <= half and g.x1 > last[1]):
                last = (g.y, g.x1, info)
        read.extend((g.y, g.x0, info.conf) for g, info in pairs)
        words.extend((g.text, round(info.conf, 3)) for g, info in pairs)
        letters.extend((g.text, info.letters) for g, info in pairs if info.letters)
        extents.extend((g.y, g.x0, info) for g, info in pairs)
        confs.extend(i.conf for i in inside)
        sizes.extend(i.size for i in inside if i.size is not None)
        alts.extend(i.size_alt for i in inside if i.size_alt is not None)
        fallback_err = max([fallback_err] + [i.size_error for i in inside])
    est = S.estimate(sizes, op.dpi)
    alt = S.estimate(alts, op.dpi) if alts else None
    if est is not None and alt is not None and alt.size > est.size:
        # capitals whose marks may have been lost to the scan: either size is possible
        est.error = round(est.error + (alt.size - est.size) / 2, 2)
    for run in para.runs:
        if not run.visible:
            continue
        if est is not None:
            run.size, run.size_error = est.size, est.error
        else:
            run.size_error = max(fallback_err, 2.0)
    if not confs:
        para.confidence = 0.0
        return est
    para.extra["lead_confidence"] = _lead_confidence(read)
    para.extra["extent_confidence"] = _extent_confidence(confs, [info for _, _, info in extents])
    if _unread_before(para, read, op.unread):
        from .page import TAIL_CONF

        para.extra["extent_confidence"] = min(para.extra["extent_confidence"], TAIL_CONF)
    para.extra["word_confidences"] = words  # what a comparison of one token rests on (checks.common)
    _first_word_marks(para, extents)
    if letters:
        para.extra["letter_confidences"] = letters  # one letter's reading (checks.readings)
    confs.sort()
    k = 0 if len(confs) <= 12 else len(confs) // 10
    para.confidence = round(confs[k], 3)
    if last is not None and last[2].tail_ink:  # its end was not all read: what it ends with is a guess
        from .page import TAIL_CONF

        para.confidence = min(para.confidence, TAIL_CONF)
    elif last is not None and last[2].end_conf is not None:
        # the mark ending it (or its absence) measured from the ink: what a rule on that mark rests on
        para.extra["end_confidence"] = last[2].end_conf
    return est


def _first_word_marks(para: Paragraph, extents: list[tuple[float, float, Any]]) -> None:
    """The marks measured at the paragraph's start (its first line's leftmost word): whether a
    lead dash stands before it (``lead_dash``) and a colon after a "Số" label (``label_colon``),
    each ``(state, confidence)`` — what NN-ITEMS' dash and SO-FORMAT's colon rest on; and the
    mark after the word before a date's "ngày" (``place_mark``: DATE-FORMAT's comma)."""
    if not extents:
        return
    first = min(y for y, _, _ in extents)
    info = min(((x, i) for y, x, i in extents if y - first < 3.0), key=lambda t: t[0])[1]
    if info.lead_dash is not None:
        para.extra["lead_dash"] = info.lead_dash
    if info.label_colon is not None:
        para.extra["label_colon"] = info.label_colon
    places = sorted(((y, x, i.place_mark) for y, x, i in extents if i.place_mark is not None), key=lambda t: t[:2])
    if places:  # the first date label's: what DATE-FORMAT's comma rests on
        para.extra["place_mark"] = places[0][2]


def _extent_confidence(confs: list[float], infos: list[Any]) -> float:
    """How sure the paragraph's ink extent is its text's (what a line's length or a margin is
    measured against), rather than how sure each letter is: the typical word's confidence
    (one doubtful letter does not move the ends of a line), at most ``TAIL_CONF`` when ink
    beside its words was left unread or a seal lies over them (the text may reach further)."""
    from .page import TAIL_CONF

    if not confs:
        return 0.0
    conf = statistics.median(confs)
    if any(i.tail_ink or i.under_seal for i in infos):
        conf = min(conf, TAIL_CONF)
    return round(conf, 3)


def _unread_before(para: Paragraph, read: list[tuple[float, float, float]],
                   unread: list[tuple[float, float, float, float]]) -> bool:
    """Does ink the reading left unread stand just before the paragraph's first word, on its
    first line (a "III." or a list mark lost)? Then where its text begins is a guess."""
    if not read or para.top is None:
        return False
    first = min(y for y, _, _ in read)
    x0 = min(x for y, x, _ in read if y - first < 3.0)
    size = next((r.size for r in para.runs if r.visible and r.size), None) or 13.0
    top, bottom = para.top, first + 0.3 * size
    return any(b[1] < bottom and b[3] > top and x0 - 3.0 * size <= b[2] <= x0 + 1.0 for b in unread)


#: the words that open a paragraph and name its part ("Kính gửi:", "Căn cứ", "Nơi nhận:", "Điều 1.")
LEAD_WORDS = 2


def _lead_confidence(read: list[tuple[float, float, float]]) -> float:
    """The weakest of the paragraph's first ``LEAD_WORDS`` words (first line, leftmost): what
    a rule on the part's presence or place rests on, rather than on every word of its text."""
    if not read:
        return 0.0
    first = min(y for y, _, _ in read)
    line = sorted((x, c) for y, x, c in read if y - first < 3.0)  # points: one baseline
    return round(min(c for _, c in line[:LEAD_WORDS]), 3)
