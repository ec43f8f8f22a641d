"""PDF reader: a PDF's text layer → :class:`nd30check.model.Document` (layout from geometry).

What it measures (``Document.capabilities``): positions, margins measured from the text
extents, line spacing and paragraph spacing. What it cannot know and leaves ``None`` or out:
styles, tracked changes, declared margins, page-number *fields* (a page number is only seen as
a lone number at the top or bottom of a page).

How the model is filled (details in each module):

* ``content`` — bounded content-stream interpreter: glyphs with Unicode text, font, size
  (Tf × text matrix × CTM, vertical scale), fill colour and position on the *displayed* page
  (after CropBox and /Rotate; origin top-left); horizontal/vertical rules; images.
* ``fonts`` — codes → Unicode (ToUnicode, Encoding/Differences + glyph names, the embedded
  TrueType cmap), widths, family/bold/italic from the BaseFont (base-14 ``Times-*`` is family
  "Times", not Times New Roman) and the FontDescriptor.
* ``layout`` — lines, two-column blocks (header: agency | Quốc hiệu; signature: Nơi nhận
  | title) → ``Paragraph.column``, paragraphs, alignment, indents, line spacing (baseline pitch
  / (1.15 × size)), spacing (see the note there: space_before/space_after both hold the one
  extra gap), page numbers, rules under text. A two-column block is read left side first,
  then right side, like the one-row table it is in the DOCX. A line is cut into its two cells
  at a wide gap, or at a narrow one where the look changes (upright Số | italic date) or the
  neighbouring rows' gutter runs; stacked authority lines (TL./KT./TM./TUQ./Q. and the title
  under them) stay lines of their own; super- and subscripts are marked (``Run.script``).
* footnotes (small text under a short rule at the text box's left edge) go to the page's
  footer, as the DOCX reader leaves footnotes out; white text (e-office anchors) is not laid out.
* ``pdf_tables`` — ruled tables from crossing rules → ``Document.tables``, ``Paragraph.cell``.
* ``pdf_annots`` — text drawn by signature widgets and stamps (``from_signature=True``);
  merged into the blank it fills ("Số:      /UBND" + "507" → "Số: 507/UBND"), otherwise its
  own paragraph with container "signature"; ``signature_appearances()`` for the verifier.

Sections: one per run of pages with the same size and orientation, and a new one where the
page numbering restarts (an appendix in the same file); margins are the union of the text
extents of the section's pages, without page numbers and signature text.

Hostile input: every loop is bounded (operators per page and per document, form depth and
cycles, decoded bytes per stream and per document, annotations per page, a wall-clock
deadline); a file pypdf cannot parse becomes ``UnreadableError``; never a hang.
"""

from __future__ import annotations

import logging
import statistics
import time
from typing import Any

from ...model import Cap, Document, HLine, Page, PageNumberField, Paragraph, Section, Table, UnreadableError
from .content import Interpreter, Matrix
from .fonts import Budget
from . import layout as L

CAPABILITIES = frozenset({Cap.TEXT, Cap.FONTS, Cap.SIZES, Cap.BOLD_ITALIC, Cap.COLOR, Cap.POSITIONS, Cap.PAGE_SETUP,
                          Cap.MARGINS_MEASURED, Cap.LINE_SPACING, Cap.SPACING, Cap.LINES})
MIN_TEXT_CHARS = 20  # fewer visible characters over all pages = no text layer (scan)
MAX_PAGES = 2_000
DEADLINE_S = 120.0
STREAM_LIMIT = 64_000_000  # decoded bytes per stream (decompression bombs)
DOC_BYTES_LIMIT = 400_000_000


def _err(code: str, vi: str, en: str) -> UnreadableError:
    return UnreadableError(code, vi, en)


def display_matrix(page: Any) -> tuple[Matrix, float, float, int]:
    """Default user space → displayed page (after CropBox and /Rotate), y down, origin top-left."""
    try:
        box = page.cropbox
        llx, lly, urx, ury = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    except Exception:
        llx, lly, urx, ury = 0.0, 0.0, 595.28, 841.89
    llx, urx = min(llx, urx), max(llx, urx)
    lly, ury = min(lly, ury), max(lly, ury)
    if urx - llx < 1 or ury - lly < 1:
        llx, lly, urx, ury = 0.0, 0.0, 595.28, 841.89
    try:
        rot = int(page.rotation) % 360
    except Exception:
        rot = 0
    if rot % 90:
        rot = 0
    w, h = urx - llx, ury - lly
    if rot == 90:
        return (0.0, 1.0, 1.0, 0.0, -lly, -llx), h, w, rot
    if rot == 180:
        return (-1.0, 0.0, 0.0, 1.0, urx, -lly), w, h, rot
    if rot == 270:
        return (0.0, -1.0, -1.0, 0.0, ury, urx), h, w, rot
    return (1.0, 0.0, 0.0, -1.0, -llx, ury), w, h, 0


def open_reader(path_or_reader: Any) -> Any:
    """A pypdf reader (non-strict), decrypted with the empty password when possible."""
    import pypdf

    if isinstance(path_or_reader, (bytes, bytearray)):
        import io

        if b"%PDF-" not in bytes(path_or_reader[:1024]):
            raise _err("not-a-document", "Tệp không phải là PDF (thiếu phần đầu %PDF-).", "Not a PDF file (no %PDF- header).")
        try:
            reader = pypdf.PdfReader(io.BytesIO(bytes(path_or_reader)), strict=False)
        except Exception as exc:
            raise _err("malformed-pdf", "Tệp PDF bị hỏng, không đọc được.", f"Broken PDF: {type(exc).__name__}: {exc}") from exc
        return _decrypt(reader)
    if not isinstance(path_or_reader, str):
        return path_or_reader
    try:
        with open(path_or_reader, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise _err("not-a-document", f"Không mở được tệp: {exc}", f"Cannot open file: {exc}") from exc
    if not head.strip():
        raise _err("empty", "Tệp rỗng.", "The file is empty.")
    if b"%PDF-" not in head:
        raise _err("not-a-document", "Tệp không phải là PDF (thiếu phần đầu %PDF-).", "Not a PDF file (no %PDF- header).")
    try:
        reader = pypdf.PdfReader(path_or_reader, strict=False)
    except Exception as exc:
        raise _err("malformed-pdf", "Tệp PDF bị hỏng, không đọc được.", f"Broken PDF: {type(exc).__name__}: {exc}") from exc
    return _decrypt(reader)


def _decrypt(reader: Any) -> Any:
    """Open an encrypted PDF with the empty user password, or refuse (UnreadableError)."""
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:
            ok = 0
        if not ok:
            raise _err(
                "encrypted",
                "Tệp PDF được mã hóa bằng mật khẩu; hãy gửi bản không đặt mật khẩu.",
                "The PDF is password-protected; provide an unprotected copy.",
            )
    return reader


def _page_content(page: Any, budget: Budget) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    obj = contents.get_object()
    parts = obj if isinstance(obj, list) else [obj]
    out = bytearray()
    for part in parts[:1000]:
        try:
            data = part.get_object().get_data()
        except Exception as exc:
            if "limit" in str(exc).lower() or type(exc).__name__ == "LimitReachedError":
                raise MemoryError("stream-limit") from exc
            continue
        budget.add_bytes(len(data))
        if budget.exhausted:
            raise MemoryError("bytes-limit")
        out += data
        out += b"\n"
    return bytes(out)


def read_pdf(path: str, data: bytes | None = None, page_ocr: Any = None) -> Document:
    """Read a PDF file into a Document (see module docstring for what is measured).

    ``data``: the file's bytes when the caller has read them already (read once).
    ``page_ocr``: optional ``f(page_numbers) -> {number: (glyphs, hlines, vlines)}`` called
    once with the pages that have no visible text; what it returns is laid out like the
    page's own text (the OCR reader, ``readers/ocr``, supplies it)."""
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with pypdf.apply_configuration(
        zlib_maximum_output_length=STREAM_LIMIT,
        lzw_maximum_output_length=STREAM_LIMIT,
        run_length_maximum_output_length=STREAM_LIMIT,
        brotli_maximum_output_length=STREAM_LIMIT,
    ):
        try:
            doc, layout_args = _read(path, data, page_ocr)
        except UnreadableError:
            raise
        except RecursionError as exc:
            raise _err("too-deep", "Cấu trúc PDF lồng nhau quá sâu.", "PDF structure nested too deeply.") from exc
        except Exception as exc:  # pypdf raises many kinds on broken files
            raise _err("malformed-pdf", "Tệp PDF bị hỏng, không đọc được.", f"Broken PDF: {type(exc).__name__}: {exc}") from exc
    # Layout works on our own data only: a failure here is a bug, not a broken file, so it is
    # not disguised as "malformed-pdf" (the pipeline reports it as an unexpected error).
    _layout(doc, *layout_args)
    return doc


def _read(path: str, data: bytes | None = None, page_ocr: Any = None) -> tuple[Document, tuple[Any, ...]]:
    from .annots import page_annotations
    from .tables import find_grids
    from .tags import page_cells

    start = time.monotonic()
    reader = open_reader(path if data is None else data)
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise _err("malformed-pdf", "Không đọc được cây trang của PDF.", f"Cannot read the page tree: {exc}") from exc
    if not pages:
        raise _err("empty", "Tệp PDF không có trang nào.", "The PDF has no pages.")
    if len(pages) > MAX_PAGES:
        raise _err("too-large", f"Tệp PDF quá nhiều trang ({len(pages)}).", f"Too many pages ({len(pages)}).")
    budget = Budget(DOC_BYTES_LIMIT)
    interp = Interpreter(budget)
    tagged = _is_tagged(reader)
    doc = Document(path=path, kind="pdf", page_count=len(pages), capabilities=CAPABILITIES)
    page_lines: list[list[L.Line]] = []
    page_hl: list[list[Any]] = []
    page_grids: list[list[Any]] = []
    sig_paras: list[tuple[int, list[L.Line], dict[str, Any]]] = []
    visible_chars = invisible_chars = white_chars = rotated = off_page = 0
    flags: set[str] = set()
    for i, page in enumerate(pages, start=1):
        if time.monotonic() - start > DEADLINE_S:
            raise _err("timeout", "Đọc tệp PDF quá lâu, đã dừng.", "Reading the PDF took too long; stopped.")
        D, w, h, rot = display_matrix(page)
        content = interp.new_page()
        try:
            data = _page_content(page, budget)
            res = page.get("/Resources")
            interp.run(data, res.get_object() if res is not None else None, D)
        except MemoryError as exc:
            flags.add(str(exc))
        except Exception:
            flags.add("bad-page")
        flags.update(content.notes)
        # the header (first page) and signature block (last page) of a tagged PDF: table cells
        cells = None
        if tagged and i in (1, len(pages)):
            try:
                cells = page_cells(reader, page)
            except Exception:  # a broken structure tree is no structure tree
                cells = None
        glyphs = []
        keep = glyphs.append
        for g in content.glyphs:
            if g.invisible:
                invisible_chars += len(g.text.strip())
            elif g.color is not None and _is_white(g.color):
                # white on the white page: e-office anchors ("VVV" where a signature goes),
                # hidden notes. Nobody sees it, so it is neither laid out nor judged.
                white_chars += len(g.text.strip())
            else:
                keep(g)
                if not g.text.isspace():
                    visible_chars += len(g.text.strip())
                if cells and g.mcid >= 0:
                    g.cell = cells.get(g.mcid)
        rotated += content.rotated_chars
        off_page += sum(1 for g in glyphs if not g.text.isspace() and (g.x0 >= w + 1 or g.x1 <= -1 or g.y <= -1 or g.top >= h + 1))
        lines = L.build_lines(glyphs, i, w, h)
        try:
            drawings = page_annotations(page, i, D, interp)
        except Exception:
            drawings = []
            flags.add("bad-annotation")
        for dr in drawings:
            own_lines = L.build_lines(dr.glyphs, i, w, h) if dr.glyphs else []
            if dr.kind in ("signature", "stamp"):  # shared with the signature verifier (read once)
                doc.signature_appearances.append(dr.info("\n".join(ln.text() for ln in own_lines)))
            if not dr.glyphs:
                continue
            # only a one-line drawing (a number, a day) can fill a blank of a text line
            merged, line = L.merge_into_blank(lines, dr.glyphs) if len(own_lines) == 1 else (False, None)
            info = dr.info("\n".join(ln.text() for ln in own_lines))
            if merged and line is not None:
                for g in dr.glyphs:
                    g.sig = True
                line.refresh()
                line.sig_only = False
                flags.add("merged-signature-text")
                doc.reader_notes.append(
                    f"Trang {i}: chữ “{info['text']}” do chữ ký số/dấu ({info['field'] or info['kind']}) vẽ nằm vào chỗ trống "
                    f"của một dòng chữ và được ghép vào dòng đó. / Page {i}: text “{info['text']}” drawn by a signature "
                    f"appearance ({info['field'] or info['kind']}) sits in a blank of a text line and was merged into it."
                )
            elif own_lines:
                sig_paras.append((i, own_lines, info))
        page_lines.append(lines)
        grids = find_grids(content.lines, content.vlines)
        in_grid = set().union(*(g.members for g in grids)) if grids else set()
        page_hl.append([h for k, h in enumerate(content.lines) if k not in in_grid])
        page_grids.append(grids)
        doc.pages.append(Page(number=i, width=round(w, 2), height=round(h, 2), rotation=rot, has_text=bool(lines)))
    doc.has_text_layer = visible_chars >= MIN_TEXT_CHARS
    if page_ocr is not None:
        blank = [p.number for p in doc.pages if not p.has_text or not doc.has_text_layer]
        for n, (glyphs, hls, vls) in (page_ocr(blank) if blank else {}).items():
            pg = doc.pages[n - 1]
            pg.source = "ocr"  # known before layout: a scan's image edge is not the text's (_edge_cut)
            page_lines[n - 1] = L.build_lines(glyphs, n, pg.width, pg.height)
            grids = find_grids(hls, vls)
            in_grid = set().union(*(g.members for g in grids)) if grids else set()
            page_hl[n - 1] = [h for k, h in enumerate(hls) if k not in in_grid]
            page_grids[n - 1] = grids
            pg.has_text = bool(page_lines[n - 1])
    if not doc.has_text_layer:
        doc.capabilities = doc.capabilities - Cap.FROM_TEXT  # page images: sizes of the pages only
        doc.reader_notes.append(
            "Tệp PDF không có lớp chữ (bản quét): không đo được thể thức. / The PDF has no text layer (scanned image): layout cannot be measured."
        )
        if invisible_chars >= MIN_TEXT_CHARS:
            doc.reader_notes.append(
                "Chỉ có lớp chữ ẩn do nhận dạng (OCR), không dùng để đo thể thức. / Only an invisible OCR text layer: not used for layout."
            )
    base14 = sorted({f.base_name for f in interp.fonts.values() if f.family == "Times"})
    if base14:
        doc.reader_notes.append(
            f"Phông {', '.join(base14)} là phông Times chuẩn PostScript (base-14), không phải Times New Roman. / "
            f"{', '.join(base14)}: the PostScript base-14 Times, not Times New Roman."
        )
    unmapped = sum(f.unmapped for f in interp.fonts.values())
    if unmapped:
        doc.reader_notes.append(
            f"{unmapped} mã ký tự không giải mã được sang Unicode (phông thiếu bảng ToUnicode), hiện là “\ufffd”. / "
            f"{unmapped} character codes could not be mapped to Unicode (font without ToUnicode); shown as U+FFFD."
        )
    if off_page:
        doc.reader_notes.append(
            f"{off_page} ký tự nằm ngoài mép trang (bị cắt khi hiển thị), không được tính. / "
            f"{off_page} characters lie outside the page (cut off when shown) and were left out."
        )
    if white_chars:
        doc.reader_notes.append(
            f"{white_chars} ký tự màu trắng (không nhìn thấy trên trang) không được tính. / "
            f"{white_chars} white characters (invisible on the page) were left out."
        )
    if rotated:
        doc.reader_notes.append(f"{rotated} ký tự bị xoay (không nằm ngang) không được dàn trang. / {rotated} rotated characters were not laid out.")
    _flag_notes(flags, doc.reader_notes)
    return doc, (page_lines, page_hl, sig_paras, page_grids)


_FLAG_TEXT = {
    "ops-limit": ("Một trang có quá nhiều lệnh vẽ; phần còn lại bị bỏ qua.", "A page has too many drawing operators; the rest was skipped."),
    "stream-limit": ("Một luồng nội dung giải nén quá lớn; đã bỏ qua.", "A content stream decompresses to too much data; skipped."),
    "bytes-limit": ("Tổng dữ liệu nội dung quá lớn; phần còn lại bị bỏ qua.", "Too much content data in total; the rest was skipped."),
    "form-cycle": ("Có đối tượng vẽ tự tham chiếu (vòng lặp); đã bỏ qua.", "A form XObject draws itself (cycle); skipped."),
    "bad-page": ("Một trang có nội dung hỏng; đã bỏ qua.", "A page has broken content; skipped."),
    "bad-font": ("Một phông chữ bị hỏng.", "A font is broken."),
    "bad-annotation": ("Một chú thích (annotation) bị hỏng.", "An annotation is broken."),
    "bad-stream": ("Một luồng dữ liệu bị hỏng.", "A stream is broken."),
}


def _is_tagged(reader: Any) -> bool:
    try:
        return reader.trailer["/Root"].get_object().get("/StructTreeRoot") is not None
    except Exception:
        return False


def _is_white(color: str | None) -> bool:
    """A fill colour too light to see on paper (every component ≥ 0xF5)."""
    if not color or len(color) != 6:
        return False
    try:
        return all(int(color[i:i + 2], 16) >= 0xF5 for i in (0, 2, 4))
    except ValueError:
        return False


def _flag_notes(flags: set[str], notes: list[str]) -> None:
    for f in sorted(flags):
        if f in _FLAG_TEXT:
            vi, en = _FLAG_TEXT[f]
            notes.append(f"{vi} / {en} [{f}]")


def _extent(lines: list[L.Line]) -> tuple[float, float, float, float] | None:
    ink = [g for ln in lines if not ln.pn for g in ln.ink if not g.sig]
    if not ink:
        return None
    return min(g.x0 for g in ink), max(g.x1 for g in ink), min(g.top for g in ink), max(g.bottom for g in ink)


def _layout(doc: Document, page_lines: list[list[L.Line]], page_hl: list[list[Any]],
            sig_paras: list[tuple[int, list[L.Line], dict[str, Any]]], page_grids: list[list[Any]]) -> None:
    # page numbers, page extents
    pn_info: dict[int, tuple[L.Line, str]] = {}
    for pg, lines in zip(doc.pages, page_lines):
        ln, where = L.page_number_line([l for l in lines if not l.sig_only], pg.width, pg.height)
        if ln is not None:
            ln.pn = True
            pn_info[pg.number] = (ln, where)
            pg.page_number_text = L._PN.match(ln.text()).group(1)  # type: ignore[union-attr]
        ext = _extent(lines)
        if ext:
            pg.text_x0, pg.text_x1, pg.text_top, pg.text_bottom = (round(v, 2) for v in ext)
        else:
            pg.has_text = bool(lines)
    # sections: runs of pages with the same size and orientation, and a new one where the
    # page numbering starts again (an appendix in the same file numbers its own pages)
    starts = _numbering_restarts(doc.pages, page_lines)
    sections: list[Section] = []
    for pg in doc.pages:
        key = (round(pg.width), round(pg.height))
        if sections and pg.number not in starts and (round(sections[-1].page_width or 0), round(sections[-1].page_height or 0)) == key:
            sections[-1].pages.append(pg.number)
        else:
            sections.append(
                Section(
                    index=len(sections),
                    page_width=pg.width,
                    page_height=pg.height,
                    orientation="landscape" if pg.width > pg.height else "portrait",
                    pages=[pg.number],
                    measured="text-extent",
                )
            )
    sec_of = {n: s.index for s in sections for n in s.pages}
    # ruled tables: text in their cells is table text, not body text
    cell_box: dict[tuple[int, int, int], tuple[float, float]] = {}
    for pg, grids in zip(doc.pages, page_grids):
        base = len(doc.tables)
        for t, grid in enumerate(grids):
            doc.tables.append(Table(index=base + t, rows=grid.rows, cols=grid.cols, has_borders=True, section=sec_of[pg.number]))
            for r in range(grid.rows):
                for c in range(grid.cols):
                    cell_box[(base + t, r, c)] = (grid.xs[c], grid.xs[c + 1])
        page_lines[pg.number - 1] = L.split_by_cells(page_lines[pg.number - 1], grids, base)
    for s in sections:
        s.has_data_table = any(t.section == s.index and t.is_data_table for t in doc.tables)
    boxes: dict[int, tuple[float, float]] = {}
    weak_left: set[int] = set()
    for s in sections:
        exts = [doc.pages[n - 1] for n in s.pages if doc.pages[n - 1].text_x0 is not None]
        if not exts:
            continue
        x0 = min(p.text_x0 for p in exts)  # type: ignore[type-var]
        x1 = max(p.text_x1 for p in exts)  # type: ignore[type-var]
        top = min(p.text_top for p in exts)  # type: ignore[type-var]
        bottom = max(p.text_bottom for p in exts)  # type: ignore[type-var]
        s.margin_left = round(x0, 2)  # type: ignore[arg-type]
        s.margin_right = round((s.page_width or 0) - x1, 2)  # type: ignore[operator]
        s.margin_top = round(top, 2)  # type: ignore[arg-type]
        s.margin_bottom = round((s.page_height or 0) - bottom, 2)  # type: ignore[operator]
        # the box paragraphs align to: edges shared by several lines, over all pages of this
        # size (an appendix section of one table page has too few lines of its own)
        same = [pg.number for pg in doc.pages if (round(pg.width), round(pg.height)) == (round(s.page_width or 0), round(s.page_height or 0))]
        sec_lines = [(ln, doc.pages[n - 1]) for n in same for ln in page_lines[n - 1]
                     if not ln.pn and not ln.sig_only and ln.cell is None]
        left = _shared_edge([l.x0 for l, pg in sec_lines if not _edge_cut(pg, l.x0)], None, low=True)
        right = _shared_edge([l.x1 for l, pg in sec_lines if not _edge_cut(pg, l.x1)], None, low=False)
        if left is None:
            weak_left.add(s.index)  # no left edge shared by several lines: indents of lone lines unknown
        boxes[s.index] = (left if left is not None else x0, right if right is not None else x1)  # type: ignore[assignment]
    # paragraphs, page by page
    all_boxes: list[tuple[L.ParaBox, int, float, float]] = []
    zone_lines: dict[tuple[int, str], list[L.Line]] = {}
    zone = -1
    prev_last: tuple[L.ParaBox, float] | None = None
    for pg, lines in zip(doc.pages, page_lines):
        sec = sec_of[pg.number]
        full = boxes.get(sec) or (0.0, pg.width)
        body_lines = [l for l in lines if not l.sig_only]
        notes = _footnote_lines(body_lines, page_hl[pg.number - 1], full, pg.height)
        body_lines = [l for l in body_lines if l not in notes]
        split, zone = L.assign_columns(sorted(body_lines, key=lambda l: l.y), full[0], full[1], zone)
        zone_bound = _zone_bounds(split)
        colbox: dict[tuple[int, str], tuple[float, float]] = {}
        for ln in split:
            if ln.zone >= 0:
                k = (ln.zone, ln.col)
                a, b = colbox.get(k, (1e9, -1e9))
                colbox[k] = (min(a, ln.x0), max(b, ln.x1))
                zone_lines.setdefault(k, []).append(ln)
        bounds: dict[tuple[int, str], tuple[float, float]] = {}
        for ln in split:
            if ln.zone >= 0:
                zb = zone_bound.get(ln.zone)
                if zb is not None:
                    bounds[(ln.zone, ln.col)] = (full[0], zb[1]) if ln.col == "left" else (zb[0], full[1])
        cells = _cell_widths(_zone_lines(split), full)
        boxes_pg = dict(colbox)
        for ln in split:
            if ln.cell is not None:
                boxes_pg[(-1, "cell:%d:%d:%d" % ln.cell)] = cell_box[ln.cell]  # type: ignore[index]
        paras = L.group_paragraphs(split, boxes_pg, full, bounds, cells)
        for ln in [l for l in lines if l.sig_only]:
            paras.append(L.ParaBox([ln], col="full", container="signature"))
        if notes:
            for k, ln in enumerate(sorted(notes, key=lambda l: l.y)):
                ln.row = 10**5 + k  # after the page's text
            for b in L.group_paragraphs(sorted(notes, key=lambda l: l.y), {}, full):
                b.container = "footer"
                b.extra["footnote"] = True
                paras.append(b)
        paras = _reading_order(paras)
        first_full = next((b for b in paras if b.col == "full" and b.container == "body"), None)
        if prev_last is not None and first_full is not None:
            pbox, pR = prev_last
            fl = first_full.lines[0]
            last = pbox.lines[-1]
            if last.x1 >= pR - 2.0 and abs(fl.x0 - full[0]) <= 2.0 and abs(fl.size - last.size) <= 0.6 and first_full.lines[0].page != pbox.lines[0].page:
                first_full.continued = True
        fulls = [b for b in paras if b.col == "full" and b.container == "body"]
        prev_last = (fulls[-1], full[1]) if fulls else None
        for b in paras:
            if b.container == "signature":
                all_boxes.append((b, pg.number, 0.0, pg.width))
            elif b.container == "table":
                cL, cR = cell_box[b.extra["cell"]]
                all_boxes.append((b, pg.number, cL, cR))
            elif b.zone >= 0:
                cL, cR = colbox[(b.zone, b.col)]
                all_boxes.append((b, pg.number, cL, cR))
            else:
                all_boxes.append((b, pg.number, full[0], full[1]))
    # standalone signature text (stamps, widgets not over a blank)
    for page_no, sl, info in sig_paras:
        box = L.ParaBox(sl, col="full", container="signature", extra={"annotation": info})
        all_boxes.append((box, page_no, 0.0, doc.pages[page_no - 1].width))
    all_boxes.sort(key=lambda t: (t[1], 0 if t[0].extra.get("page_number") else 1))
    # stable: keep per-page order built above, signature boxes after the page's text
    ordered: list[tuple[L.ParaBox, int, float, float]] = []
    for n in range(1, len(doc.pages) + 1):
        ordered.extend(t for t in all_boxes if t[1] == n)
    hl_all = []
    ul: set[int] = set()
    for pg, paths, lines in zip(doc.pages, page_hl, page_lines):
        hl, u = L.attach_hlines(paths, lines, pg.number)
        hl_all.extend(hl)
        ul |= u
    for idx, (b, page_no, cL, cR) in enumerate(ordered):
        para = L.make_paragraph(b, idx, page_no, cL, cR, ul, zone_lines.get((b.zone, b.col)) if b.zone >= 0 else None)
        para.section = sec_of[page_no]
        if para.section in weak_left and para.lines == 1 and b.zone < 0 and b.container == "body":
            para.first_line_indent = para.left_indent = None
            para.extra["indent_reference"] = "unknown"
        if b.extra.get("page_number"):
            where = pn_info.get(page_no, (None, "header"))[1]
            para.container = "footer" if where == "footer" else "header"
        if b.container == "signature":
            para.column = _side(para, doc.pages[page_no - 1].width)  # type: ignore[assignment]
            para.alignment = None
            para.first_line_indent = para.left_indent = None
            para.extra.pop("alignment_ambiguous", None)
        doc.paragraphs.append(para)
    L.set_spacing(doc.paragraphs, _median_ls(doc.paragraphs))
    L.anchor_hlines(hl_all, doc.paragraphs)
    for para in doc.paragraphs:  # a line typed as underscores, as the DOCX reader reports it
        stripped = para.text.strip()
        if len(stripped) >= 3 and set(stripped) <= {"_"} and para.x0 is not None and para.x1 is not None:
            hl_all.append(HLine(kind="underline", length=round(para.x1 - para.x0, 2), paragraph=para.index,
                                page=para.page, x0=para.x0, x1=para.x1, y=para.bottom))
    doc.hlines = hl_all
    for s in sections:
        idxs = [p.index for p in doc.paragraphs if p.section == s.index]
        if idxs:
            s.first_paragraph, s.last_paragraph = min(idxs), max(idxs)
        for n in s.pages:
            if n in pn_info:
                s.page_numbers.append(_pn_field(pn_info[n], doc.pages[n - 1], boxes.get(s.index)))
        # the first page shows no number while the numbering (of this part) runs on: a new part
        # started by a numbering restart counts too, even when it has a single page
        s.title_page = s.pages[0] not in pn_info and (bool(s.page_numbers) or s.pages[0] in starts)
    doc.sections = sections


def _footnote_lines(lines: list[L.Line], paths: list[Any], full: tuple[float, float], height: float) -> list[L.Line]:
    """Lines of the footnote area: under a short rule starting at the text box's left edge in
    the lower part of the page (Word draws a 2-inch separator, LibreOffice a quarter of the
    width), every one of them smaller than the page's text above it. Like the DOCX reader,
    which leaves footnotes out, they are not body text: they go to the page's footer."""
    width = full[1] - full[0]
    if width <= 0 or not lines:
        return []
    for pl in sorted(paths, key=lambda p: p.y):
        if abs(pl.x0 - full[0]) > 3.0 or not 0.12 * width <= pl.x1 - pl.x0 <= 0.55 * width:
            continue
        if pl.thickness > 1.5 or pl.y < 0.45 * height:
            continue
        below = [l for l in lines if l.top >= pl.y - 1.0 and not l.pn]
        above = [l for l in lines if l.bottom <= pl.y + 1.0 and not l.pn]
        if not below or not above:
            continue
        ref = statistics.median(l.size for l in above)
        if all(l.size <= 0.85 * ref for l in below) and any(l.x0 < pl.x1 for l in below):
            return below
    return []


#: mm from a scanned page's image side inside which a line's end is the image's, not the text's:
#: no margin of the decree (left 30–35, right 15–20 mm) lets text come this close to the sheet
SCAN_EDGE_MM = 5.0


def _edge_cut(pg: Page, x: float) -> bool:
    """Does a scanned line end (or start) at ``x`` by the image's side: a page laid out for a
    larger sheet, or a crop, cuts its lines there, and where several are cut they share that
    x — an edge of the image, never the text box's (the A5 twin's header, cut at the sheet's
    right side, made the body's column 1.3 cm too wide: every justified line looked short, so
    every line became a paragraph of its own). Text pages: never (their glyphs past the sheet
    are their own, ``Line.cut``)."""
    if pg.source != "ocr":
        return False
    band = SCAN_EDGE_MM * 72.0 / 25.4
    return x <= band or x >= pg.width - band


def _shared_edge(values: list[float], fallback: float | None, *, low: bool, support: int = 3) -> float | None:
    """The outermost x shared by at least ``support`` lines (±0.6 pt): the text box edge that
    paragraphs align to. A lone line poking into the margin moves the measured margin (union)
    but not the box used to judge alignment and indents."""
    vals = sorted(values, reverse=not low)
    for i, v in enumerate(vals):
        if sum(1 for w in vals[i : i + 64] if abs(w - v) <= 0.6) >= support:
            return v
    return fallback


def _zone_lines(lines: list[L.Line]) -> dict[tuple[int, str], list[L.Line]]:
    out: dict[tuple[int, str], list[L.Line]] = {}
    for ln in lines:
        if ln.zone >= 0:
            out.setdefault((ln.zone, ln.col), []).append(ln)
    return out


def _cell_widths(cols: dict[tuple[int, str], list[L.Line]], full: tuple[float, float]) -> dict[tuple[int, str], float]:
    """Estimated width of the invisible cell each side's centred lines sit in: symmetric about
    their common midpoint, bounded by the text box edge on the outer side."""
    out: dict[tuple[int, str], float] = {}
    for (z, col), lines in cols.items():
        m = statistics.median(l.mid for l in lines)
        est = 2 * (full[1] - m) if col == "right" else 2 * (m - full[0])
        out[(z, col)] = max(est, max(l.x1 - l.x0 for l in lines))
    return out


def _reading_order(paras: list[L.ParaBox]) -> list[L.ParaBox]:
    """Top to bottom; a two-column block is read like the one-row table it usually is in the
    DOCX: its whole left side, then its whole right side. Signature text comes last."""
    units: list[tuple[float, int, list[L.ParaBox]]] = []
    zones: dict[int, list[L.ParaBox]] = {}
    for b in paras:
        if b.container == "signature":
            units.append((10**6 + b.lines[0].y, 1, [b]))
        elif b.zone >= 0 and b.container == "body":
            zones.setdefault(b.zone, []).append(b)
        else:
            units.append((b.lines[0].row, 1, [b]))
    for blocks in zones.values():
        order = {"left": 0, "full": 1, "right": 2}
        blocks.sort(key=lambda b: (order[b.col], b.lines[0].row, b.lines[0].x0))
        units.append((min(b.lines[0].row for b in blocks), 0, blocks))
    units.sort(key=lambda u: (u[0], u[1]))
    return [b for _, _, blocks in units for b in blocks]


def _numbering_restarts(pages: list[Page], page_lines: list[list[L.Line]]) -> set[int]:
    """Pages where a new numbering starts: the number goes back (… 3, then 2 → the page before
    the "2" starts), or numbered pages are followed by an unnumbered page opening with a centred
    line (the title page of an appendix, which carries no number)."""
    starts: set[int] = set()
    last: tuple[int, int] | None = None  # (page, number) of the last numbered page
    for pg in pages:
        txt = pg.page_number_text
        if txt is not None and txt.isdigit():
            n = int(txt)
            if last is not None and n <= last[1]:
                starts.add(max(last[0] + 1, pg.number - (n - 1)))
            last = (pg.number, n)
        elif last is not None and last[0] == pg.number - 1 and pg.number > 1:
            body = sorted((l for l in page_lines[pg.number - 1] if not l.pn and not l.sig_only), key=lambda l: l.y)
            if body and pg.text_x0 is not None and pg.text_x1 is not None:
                first = body[0]
                centre = pg.width / 2
                if abs(first.mid - centre) <= 0.06 * pg.width and first.x0 > (pg.text_x0 or 0) + 2 * first.size:
                    starts.add(pg.number)
    return starts


def _zone_bounds(lines: list[L.Line]) -> dict[int, tuple[float, float]]:
    """Per two-column zone, (rightmost end of the left side, leftmost start of the right side):
    how far each side's lines could reach before running into the other side."""
    out: dict[int, tuple[float, float]] = {}
    for ln in lines:
        if ln.zone >= 0:
            lx1, rx0 = out.get(ln.zone, (-1e9, 1e9))
            out[ln.zone] = (max(lx1, ln.x1), rx0) if ln.col == "left" else (lx1, min(rx0, ln.x0))
    return out


def _side(p: Paragraph, width: float) -> str:
    mid = width / 2
    if (p.x1 or 0) <= mid:
        return "left"
    if (p.x0 or 0) >= mid:
        return "right"
    return "full"


def _median_ls(paras: list[Paragraph]) -> float | None:
    vals = [p.line_spacing for p in paras if p.line_spacing and p.container == "body" and p.lines >= 3]
    return statistics.median(vals) if vals else None


def _pn_field(info: tuple[L.Line, str], page: Page, box: tuple[float, float] | None) -> PageNumberField:
    ln, where = info
    x0, x1 = box if box else (0.0, page.width)
    mid = (ln.x0 + ln.x1) / 2
    tol = max(3.0, ln.size)
    if abs(mid - (x0 + x1) / 2) <= tol or abs(mid - page.width / 2) <= tol:
        align = "center"
    elif ln.x1 >= x1 - tol:
        align = "right"
    elif ln.x0 <= x0 + tol:
        align = "left"
    else:
        align = None
    g = ln.ink[0]
    return PageNumberField(
        where=where,  # type: ignore[arg-type]
        alignment=align,  # type: ignore[arg-type]
        size=round(ln.size, 2),
        font=g.font.family if g.font is not None else None,
        first_page=page.number == 1,
        page=page.number,
        text=page.page_number_text,
        arabic=True,
    )


def signature_appearances(path_or_reader: Any) -> list[dict[str, Any]]:
    """Signature widgets and stamps with what their appearance draws.

    ``path_or_reader``: a path, the file's bytes, or an open ``pypdf.PdfReader``.

    One dict per annotation: kind ("signature" | "stamp"), page (1-based), rect (x0, top,
    x1, bottom on the displayed page, points), field (full field name), signed (the field
    has a value), text (what the appearance draws, lines joined by newlines), has_image.
    Reuses the reader's bounded interpreter; raises UnreadableError like ``read_pdf``.
    """
    import pypdf

    from .annots import page_annotations

    with pypdf.apply_configuration(zlib_maximum_output_length=STREAM_LIMIT):
        reader = open_reader(path_or_reader)
        interp = Interpreter(Budget(DOC_BYTES_LIMIT))
        out: list[dict[str, Any]] = []
        try:
            pages = list(reader.pages)
        except Exception as exc:
            raise _err("malformed-pdf", "Không đọc được cây trang của PDF.", f"Cannot read the page tree: {exc}") from exc
        for i, page in enumerate(pages[:MAX_PAGES], start=1):
            D, w, h, _ = display_matrix(page)
            try:
                drawings = page_annotations(page, i, D, interp, signatures_only=True)
            except Exception:
                continue
            for dr in drawings:
                lines = L.build_lines(dr.glyphs, i, w, h) if dr.glyphs else []
                out.append(dr.info("\n".join(ln.text() for ln in lines)))
        return out
