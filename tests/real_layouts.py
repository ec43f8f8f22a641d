"""PDFs laid out the way real Word-born e-office PDFs are (see tests/real/files), made at test time.

Each builder reproduces one class of layout measured on the real files, with the minimal PDF
writer of ``pdf_fixtures`` (no fonts, no LibreOffice), so the reader's handling of the class is
tested on a file we control:

* ``header_tight`` — the Số line and the date line on one baseline, blanks left for the number
  and the day, and only a few spaces between the two cells (the decree's header table with a
  long symbol or a long place name);
* the last page's Nơi nhận list (12/11 pt, left) beside the signer block (13 pt bold, right)
  with interleaved baselines, and stacked authority lines (TL. / KT. / the title);
* ``widgets``: signature widgets that draw the number and the day into the blanks the way
  signing software does: by rectangle, a little off the baseline, over leader dots, or with a
  sheared text matrix (a synthetic italic);
* ``word2010_blank_cmap`` — a ToUnicode CMap that maps inked glyphs to U+0020, as Word 2010's
  export does, with the letters recoverable from the embedded font;
* white text (e-office anchors), a footnote area under Word's 2-inch separator, subscripts.
"""

from __future__ import annotations

import io

import pdf_fixtures as F
from pdf_fixtures import A4, CidFont, Canvas, PdfBuilder

LEFT, RIGHT = 85.05, 538.6
SPLIT = 255.0  # the header table's column boundary
LC, RC = (LEFT + SPLIT) / 2, (SPLIT + RIGHT) / 2


def _fonts() -> tuple[CidFont, CidFont, CidFont, CidFont]:
    return (CidFont("ABCDEF+TimesNewRomanPSMT", name="R"), CidFont("BCDEFG+TimesNewRomanPS-BoldMT", name="B", bold=True),
            CidFont("CDEFGH+TimesNewRomanPS-ItalicMT", name="I", italic=True),
            CidFont("DEFGHI+TimesNewRomanPS-BoldItalicMT", name="BI", bold=True, italic=True))


def _sig_widget(pdf: PdfBuilder, font_id: int, font: CidFont, rect: tuple[float, float, float, float], text: str,
                *, tm: str = "1 0 0 1 2 5.3", size: float = 13, name: str = "Sig") -> int:
    """A filled signature field whose appearance draws ``text`` (PDF user space rect)."""
    x0, y0, x1, y1 = rect
    content = f"BT {tm} Tm /F1 {size:g} Tf 0 0 0 rg {font.encode(text)} Tj ET".encode("latin-1")
    form = pdf.stream(f"/Type /XObject /Subtype /Form /BBox [0 0 {x1 - x0:.2f} {y1 - y0:.2f}] "
                      f"/Resources << /Font << /F1 {font_id} 0 R >> >>", content)
    value = pdf.add("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 0 0] /Contents <00> >>")
    return pdf.add(f"<< /Type /Annot /Subtype /Widget /FT /Sig /T ({name}) /V {value} 0 R /F 132 "
                   f"/Rect [{x0:.2f} {y0:.2f} {x1:.2f} {y1:.2f}] /AP << /N {form} 0 R >> >>")


def header_tight(*, date_italic: bool = True, gap_spaces: int = 3, widgets: str = "", leader: bool = False) -> bytes:
    """A thông báo of a provincial People's Committee: two-column header, the Số and date lines
    on one baseline ``gap_spaces`` spaces apart, body, Nơi nhận beside stacked authority lines.

    ``widgets``: "" (unsigned, blanks stay), "on-line" (the number and the day drawn on the
    baseline), "offset" (drawn 4 pt above it, the day with a sheared matrix).
    ``leader``: the blanks are typed as dots ("Số: ……/TB-UBND", "ngày …… tháng")."""
    reg, bold, ital, bi = _fonts()
    date_font = ital if date_italic else reg
    pdf = PdfBuilder()
    parent = pdf.reserve()
    c = Canvas()
    y = 72.0
    c.centred(bold, 13, LC, y, "ỦY BAN NHÂN DÂN")
    c.centred(bold, 13, RC, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y += 15
    c.centred(bold, 13, LC, y, "TỈNH QUẢNG NGÃI")
    tn = "Độc lập - Tự do - Hạnh phúc"
    c.centred(bold, 13, RC, y, tn)
    c.hline(RC - bold.width(tn, 13) / 2, RC + bold.width(tn, 13) / 2, y + 4)
    c.hline(LC - 25, LC + 25, y + 5)
    y += 30
    blank = "……" if leader else "      "
    so = f"Số: {blank}/TB-UBND-KGVX" if leader else f"Số:{blank}/TB-UBND-KGVX"
    # the Số text ends just inside its cell, the date starts just inside the next one: only
    # ``gap_spaces`` spaces apart, the blanks in each wider than that gap
    gap = gap_spaces * reg.width(" ", 13)
    w = reg.width(so, 13)
    x = SPLIT - gap / 2 - w
    c.text(reg, 13, x, y, so)
    date = f"Thành phố Quảng Ngãi, ngày {blank} tháng 11 năm 2024"
    dx = SPLIT + gap / 2
    c.text(date_font, 13, dx, y, date)
    so_blank_x = x + reg.width("Số: " if leader else "Số:", 13)
    day_blank_x = dx + date_font.width("Thành phố Quảng Ngãi, ngày ", 13)
    y += 42
    c.centred(bold, 14, (LEFT + RIGHT) / 2, y, "THÔNG BÁO")
    y += 17
    ty = "Về việc tham dự Hội nghị đánh giá Chương trình mục tiêu quốc gia"
    c.centred(bold, 14, (LEFT + RIGHT) / 2, y, ty)
    c.hline((LEFT + RIGHT) / 2 - 50, (LEFT + RIGHT) / 2 + 50, y + 6)
    y += 40
    for _ in range(2):
        y = c.justified(reg, 14, LEFT, RIGHT, y, F.BODY, indent=36, pitch=17) + 17 + 6
    y += 20
    # the last page's two columns, baselines interleaved (measured on the Quảng Ngãi thông báo)
    c.text(bi, 12, LEFT, y, "Nơi nhận:")
    c.centred(bold, 13, 425, y + 1, "TL. CHỦ TỊCH")
    c.text(reg, 11, LEFT, y + 15, "- Như thành phần;")
    c.centred(bold, 13, 425, y + 18, "KT. CHÁNH VĂN PHÒNG")
    c.text(reg, 11, LEFT, y + 28, "- CT, PCT UBND tỉnh;")
    c.centred(bold, 13, 425, y + 33, "PHÓ CHÁNH VĂN PHÒNG")
    c.text(reg, 11, LEFT, y + 40, "- VPUB: CVP, PCVP (KGVX), HC-QT;")
    c.text(reg, 11, LEFT, y + 53, "- Lưu: VT, KGVX.")
    c.centred(bold, 14, 425, y + 141, "Phùng Tô Long")
    reg.encode("565"), ital.encode("06"), reg.encode("06")  # the widgets' glyphs get codes before the fonts are written
    fonts = {"R": reg, "B": bold, "I": ital, "BI": bi}
    ids = {k: f.write(pdf) for k, f in fonts.items()}
    annots: list[int] = []
    if widgets:
        h = A4[1]
        lift = 4.0 if widgets == "offset" else 0.0
        base = h - (y_so := 72.0 + 15 + 30) + lift
        # the number: rect over the blank, text left in it (may stick out of the blank)
        annots.append(_sig_widget(pdf, ids["R"], reg, (so_blank_x, base - 5.3, so_blank_x + 40, base + 20), "565",
                                  name="So"))
        tm = "1 0 0.21256 1 2 5.3" if widgets == "offset" else "1 0 0 1 2 5.3"
        annots.append(_sig_widget(pdf, ids["I"] if widgets != "offset" else ids["R"], ital if widgets != "offset" else reg,
                                  (day_blank_x, base - 5.3, day_blank_x + 24, base + 20), "06", tm=tm, name="Ngay"))
        del y_so
    extra = f"/Annots [{' '.join(f'{a} 0 R' for a in annots)}]" if annots else ""
    kid = F._page(pdf, parent, pdf.stream("", c.data(), compress=True), ids, extra=extra)
    return F._finish(pdf, parent, [kid])


def stacked_offset_centres() -> bytes:
    """DevExpress-style signer block: 'KT. BỘ TRƯỞNG' and 'THỨ TRƯỞNG' centred 5 pt apart and a
    cell wide enough for the next word; 'KT. CHÁNH VĂN PHÒNG' / 'PHÓ CHÁNH VĂN PHÒNG' filling it."""
    reg, bold, _ital, bi = _fonts()
    pdf = PdfBuilder()
    parent = pdf.reserve()
    c = Canvas()
    y = 100.0
    c.justified(reg, 14, LEFT, RIGHT, y, F.BODY, indent=36, pitch=17)
    y = 300.0
    c.text(bi, 12, LEFT, y, "Nơi nhận:")
    c.text(bold, 14, 402.1, y + 2, "KT. BỘ TRƯỞNG")
    c.text(reg, 11, LEFT, y + 13, "- Như trên;")
    c.text(bold, 14, 404.4, y + 19, "THỨ TRƯỞNG")
    c.text(reg, 11, LEFT, y + 26, "- Lưu: VT, Cục BTTP.")
    c.centred(bold, 14, 458, y + 118, "Mai Lương Khôi")
    y = 560.0
    c.text(bi, 12, LEFT, y, "Nơi nhận:")
    c.centred(bold, 14, 436, y + 3, "KT. CHÁNH VĂN PHÒNG")
    c.text(reg, 11, LEFT, y + 13, "- Như trên;")
    c.centred(bold, 14, 436, y + 19, "PHÓ CHÁNH VĂN PHÒNG")
    c.text(reg, 11, LEFT, y + 26, "- Lưu: VT, HCQT.")
    c.centred(bold, 14, 436, y + 100, "Trịnh Ngọc Duệ")
    ids = {"R": reg.write(pdf), "B": bold.write(pdf), "BI": bi.write(pdf)}
    kid = F._page(pdf, parent, pdf.stream("", c.data(), compress=True), ids)
    return F._finish(pdf, parent, [kid])


def _outlined_ttf(codes: dict[str, int], blank: set[str]) -> bytes:
    """A TrueType font whose glyph IDs equal ``codes``: every glyph has an outline (a box)
    except those of ``blank`` (spaces); the cmap maps each character to its glyph."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    top = max(codes.values())
    order = [".notdef"] + [f"g{i}" for i in range(1, top + 1)]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(ch): f"g{code}" for ch, code in codes.items()})
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 600))
    pen.lineTo((400, 600))
    pen.lineTo((400, 0))
    pen.closePath()
    box = pen.glyph()
    empty = TTGlyphPen(None).glyph()
    blank_ids = {codes[ch] for ch in blank if ch in codes}
    fb.setupGlyf({name: (empty if i == 0 or i in blank_ids else box) for i, name in enumerate(order)})
    fb.setupHorizontalMetrics({name: (500, 0) for name in order})
    fb.setupHorizontalHeader(ascent=891, descent=-216)
    fb.setupNameTable({"familyName": "Tiny Serif", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def word2010_blank_cmap(text: str = "UBND TỈNH BÌNH THUẬN Hiệp hội Doanh nghiệp") -> bytes:
    """Word 2010's defect: the ToUnicode CMap maps the glyphs of 'U', 'B', 'H', 'D', 'N', 'T' to
    U+0020 (they draw letters); the embedded TrueType's cmap still knows them."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRoman", name="F1")
    content = f"BT /F1 14 Tf 100 700 Td {f.encode(text)} Tj ET".encode("latin-1")
    wrong = {"U", "B", "H", "D", "N", "T"}
    real = dict(f.codes)
    fid = f.write(pdf)
    for k, body in enumerate(pdf.objs):  # break the ToUnicode entries of the wrong letters
        if body and b"beginbfchar" in body:
            for ch in wrong:
                good = f"<{real[ch]:04X}> <{ch.encode('utf-16-be').hex().upper()}>".encode()
                body = body.replace(good, f"<{real[ch]:04X}> <0020>".encode())
            head, _, rest = body.partition(b"stream\n")
            data = rest[: rest.rindex(b"\nendstream")]
            pdf.objs[k] = head.split(b"/Length")[0] + b"/Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
    ttf = _outlined_ttf(real, {" "})
    tid = pdf.stream(f"/Length1 {len(ttf)}", ttf, compress=True)
    for k, body in enumerate(pdf.objs):
        if body and b"/Type /FontDescriptor" in body:
            pdf.objs[k] = body.replace(b" >>", f" /FontFile2 {tid} 0 R >>".encode(), 1)
    kid = F._page(pdf, parent, pdf.stream("", content), {"F1": fid})
    return F._finish(pdf, parent, [kid])


def anchors_footnotes_subscripts() -> bytes:
    """White anchor text where a signature goes, a footnote under Word's 2-inch separator,
    a formula with subscripts, and a space glyph of the next cell drawn over a letter."""
    reg, bold, _ital, _bi = _fonts()
    pdf = PdfBuilder()
    parent = pdf.reserve()
    c = Canvas()
    y = 100.0
    c.text(bold, 13, 300, y, "CỘNG HÒA")
    # a 14 pt space of the neighbouring cell drawn across the "Ộ" (measured on a real header)
    c.text(reg, 14, 300 + bold.width("C", 13) + 3, y + 0.6, " ")
    y = 160.0
    for _ in range(3):
        y = c.justified(reg, 14, LEFT, RIGHT, y, F.BODY, indent=36, pitch=17) + 17 + 6
    # T_tb = TST_tt / S_tt : 9 pt subscripts 2.5 pt under the 14 pt baseline
    x = 250.0
    for big, small in (("T", "tb"), (" = TST", "tt"), (" / S", "tt")):
        x += c.text(reg, 14, x, y, big)
        x += c.text(reg, 9, x, y + 2.5, small)
    y += 30
    c.text(reg, 14, 300, y, "VVV", color="1 g")  # white: an e-office anchor
    y += 40
    c.justified(reg, 14, LEFT, RIGHT, y, F.BODY, indent=36, pitch=17)
    c.hline(LEFT, LEFT + 144, 730, width=0.5)  # Word's footnote separator
    c.text(reg, 6.5, LEFT, 742, "1")
    c.text(reg, 10, LEFT + 6, 745, "UBND các xã: Trà Ôn, Sơn Đông, Vinh Kim, Duyên Hải, Tân Hòa.")
    ids = {"R": reg.write(pdf), "B": bold.write(pdf)}
    kid = F._page(pdf, parent, pdf.stream("", c.data(), compress=True), ids)
    return F._finish(pdf, parent, [kid])


def tagged_header_one_space() -> bytes:
    """A tagged (Word-style) PDF whose Số and date lines, both upright, sit one space apart with
    nothing around them to show the gutter: only the structure tree says they are two table
    cells (Table → TR → TD → P, MCIDs 0 and 1, ParentTree keyed by the page's /StructParents)."""
    reg, bold, _ital, _bi = _fonts()
    pdf = PdfBuilder()
    parent = pdf.reserve()
    c = Canvas()
    so, date = "Số: 1925/STC-HTDN", "Bình Thuận, ngày 19 tháng 5 năm 2025"
    space = reg.width(" ", 13)
    x = SPLIT - space / 2 - reg.width(so, 13)
    c.ops.append("/P <</MCID 0>> BDC")
    c.text(reg, 13, x, 120, so)
    c.ops.append("EMC /P <</MCID 1>> BDC")
    c.text(reg, 13, SPLIT + space / 2, 120, date)
    c.ops.append("EMC")
    c.justified(reg, 14, LEFT, RIGHT, 200, F.BODY, indent=36, pitch=17)
    ids = {"R": reg.write(pdf), "B": bold.write(pdf)}
    page_num = pdf.reserve()
    content = pdf.stream("", c.data(), compress=True)
    font_res = " ".join(f"/{k} {v} 0 R" for k, v in ids.items())
    root_s = pdf.reserve()
    table, tr = pdf.reserve(), pdf.reserve()
    td0, td1, p0, p1 = pdf.reserve(), pdf.reserve(), pdf.reserve(), pdf.reserve()
    pdf.add(f"<< /Type /StructElem /S /P /P {td0} 0 R /Pg {page_num} 0 R /K 0 >>", p0)
    pdf.add(f"<< /Type /StructElem /S /P /P {td1} 0 R /Pg {page_num} 0 R /K 1 >>", p1)
    pdf.add(f"<< /Type /StructElem /S /TD /P {tr} 0 R /K [{p0} 0 R] >>", td0)
    pdf.add(f"<< /Type /StructElem /S /TD /P {tr} 0 R /K [{p1} 0 R] >>", td1)
    pdf.add(f"<< /Type /StructElem /S /TR /P {table} 0 R /K [{td0} 0 R {td1} 0 R] >>", tr)
    pdf.add(f"<< /Type /StructElem /S /Table /P {root_s} 0 R /K [{tr} 0 R] >>", table)
    pdf.add(f"<< /Type /StructTreeRoot /K [{table} 0 R] /ParentTree << /Nums [0 [{p0} 0 R {p1} 0 R]] >> "
            f"/ParentTreeNextKey 1 >>", root_s)
    pdf.add(f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 {A4[0]:g} {A4[1]:g}] /Resources << /Font << {font_res} >> >> "
            f"/Contents {content} 0 R /StructParents 0 >>", page_num)
    pdf.add(f"<< /Type /Pages /Kids [{page_num} 0 R] /Count 1 >>", parent)
    root = pdf.add(f"<< /Type /Catalog /Pages {parent} 0 R /StructTreeRoot {root_s} 0 R /MarkInfo << /Marked true >> >>")
    return pdf.build(root)


ALL = {
    "header-tight.pdf": header_tight,
    "header-tight-upright-date.pdf": lambda: header_tight(date_italic=False),
    "header-tight-widgets.pdf": lambda: header_tight(widgets="on-line"),
    "header-tight-widgets-offset.pdf": lambda: header_tight(widgets="offset"),
    "header-tight-leader-widgets.pdf": lambda: header_tight(widgets="on-line", leader=True),
    "stacked-offset-centres.pdf": stacked_offset_centres,
    "word2010-blank-cmap.pdf": word2010_blank_cmap,
    "anchors-footnotes-subscripts.pdf": anchors_footnotes_subscripts,
    "tagged-header-one-space.pdf": tagged_header_one_space,
}
