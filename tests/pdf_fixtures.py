"""Hand-written PDFs for the PDF reader tests, made at test time (no LibreOffice, no fonts).

Every file is written byte by byte by :class:`PdfBuilder`, so each edge case is exactly the
one we mean: CID fonts (Identity-H + ToUnicode), simple fonts without ToUnicode (WinAnsi,
Differences with glyph names), Type3 fonts, text drawn glyph by glyph, combining marks drawn
as separate glyphs, scaled CTMs, rotated pages, a two-column Decree 30 layout with justified
body text, a scanned (image-only) page, and hostile files (broken xref, cycles, endless
streams, decompression bomb, encryption, not a PDF).

Widths come from the base-14 Times-Roman metrics shipped with pypdf, so positions are
plausible without any installed font. Run ``python tests/pdf_fixtures.py DIR`` to write
them all to DIR for a look in a viewer.
"""

from __future__ import annotations

import io
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

A4 = (595.28, 841.89)
MM = 72 / 25.4


# --- a minimal PDF writer ------------------------------------------------------------------------
class PdfBuilder:
    """Objects are byte strings; ``ref(n)`` for references; ``build`` writes xref + trailer."""

    def __init__(self) -> None:
        self.objs: list[bytes | None] = []

    def reserve(self) -> int:
        self.objs.append(None)
        return len(self.objs)

    def add(self, body: bytes | str, num: int | None = None) -> int:
        if isinstance(body, str):
            body = body.encode("latin-1")
        if num is None:
            self.objs.append(body)
            return len(self.objs)
        self.objs[num - 1] = body
        return num

    def stream(self, dict_body: str, data: bytes, *, compress: bool = False, num: int | None = None) -> int:
        if compress:
            data = zlib.compress(data)
            dict_body += " /Filter /FlateDecode"
        return self.add(f"<< {dict_body} /Length {len(data)} >>\nstream\n".encode("latin-1") + data + b"\nendstream", num)

    def build(self, root: int, *, trailer_extra: str = "", broken_xref: bool = False) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.objs, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % n + (body or b"null") + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objs) + 1))
        for off in offsets:
            out.write(b"%010d 00000 n \n" % (off + (37 if broken_xref else 0)))
        out.write(
            f"trailer\n<< /Size {len(self.objs) + 1} /Root {root} 0 R {trailer_extra}>>\nstartxref\n{xref + (11 if broken_xref else 0)}\n%%EOF\n".encode()
        )
        return out.getvalue()


def _widths() -> dict[str, float]:
    from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

    return dict(CORE_FONT_METRICS["Times-Roman"].character_widths)


_TIMES = _widths()


def char_width(ch: str) -> float:
    """Glyph width (1/1000 em) of a character: base letter's Times-Roman width."""
    if unicodedata.combining(ch):
        return 0.0
    if ch in _TIMES:
        return float(_TIMES[ch])
    base = unicodedata.normalize("NFD", ch)[:1]
    if base == "đ":
        base = "d"
    if base == "Đ":
        base = "D"
    return float(_TIMES.get(base, 500))


def pdf_str(b: bytes) -> str:
    return "(" + b.decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


@dataclass
class CidFont:
    """A Type0 font (Identity-H) with a ToUnicode CMap: codes are assigned as text appears."""

    base_font: str  # e.g. "ABCDEF+TimesNewRomanPSMT"
    codes: dict[str, int] = field(default_factory=dict)
    name: str = "F1"
    bold: bool = False
    italic: bool = False
    tounicode: bool = True

    def code(self, ch: str) -> int:
        if ch not in self.codes:
            self.codes[ch] = len(self.codes) + 3
        return self.codes[ch]

    def encode(self, text: str) -> str:
        return "<" + "".join(f"{self.code(c):04X}" for c in text) + ">"

    def width(self, text: str, size: float) -> float:
        return sum(char_width(c) for c in text) * size / 1000

    def write(self, pdf: PdfBuilder) -> int:
        ws = " ".join(f"{code} [{char_width(ch):g}]" for ch, code in sorted(self.codes.items(), key=lambda kv: kv[1]))
        flags = 2 | (64 if self.italic else 0) | (1 << 18 if self.bold else 0)
        desc = pdf.add(
            f"<< /Type /FontDescriptor /FontName /{self.base_font} /Flags {flags} /FontBBox [-568 -307 2000 1007] "
            f"/ItalicAngle {-16.3 if self.italic else 0} /Ascent 891 /Descent -216 /CapHeight 662 /StemV 80 >>"
        )
        cid = pdf.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{self.base_font} "
            f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {desc} 0 R /DW 500 /W [{ws}] /CIDToGIDMap /Identity >>"
        )
        tu = ""
        if self.tounicode:
            lines = []
            for ch, code in sorted(self.codes.items(), key=lambda kv: kv[1]):
                dst = ch.encode("utf-16-be").hex().upper()
                lines.append(f"<{code:04X}> <{dst}>")
            cmap = (
                "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                f"{len(lines)} beginbfchar\n" + "\n".join(lines) + "\nendbfchar\n"
                "endcmap CMapName currentdict /CMap defineresource pop end end"
            ).encode("latin-1")
            tu = f" /ToUnicode {pdf.stream('', cmap)} 0 R"
        return pdf.add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{self.base_font} /Encoding /Identity-H "
            f"/DescendantFonts [{cid} 0 R]{tu} >>"
        )


class Canvas:
    """Content-stream text and lines in top-left coordinates (y down), for readable fixtures."""

    def __init__(self, height: float = A4[1]):
        self.h = height
        self.ops: list[str] = []

    def text(self, font: CidFont, size: float, x: float, baseline: float, text: str, color: str = "0 g") -> float:
        self.ops.append(f"BT {color} /{font.name} {size:g} Tf 1 0 0 1 {x:.3f} {self.h - baseline:.3f} Tm {font.encode(text)} Tj ET")
        return font.width(text, size)

    def centred(self, font: CidFont, size: float, cx: float, baseline: float, text: str) -> None:
        self.text(font, size, cx - font.width(text, size) / 2, baseline, text)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.5) -> None:
        self.ops.append(f"{width:g} w {x0:.2f} {self.h - y:.2f} m {x1:.2f} {self.h - y:.2f} l S")

    def justified(self, font: CidFont, size: float, left: float, right: float, baseline: float, text: str,
                  *, indent: float = 0.0, pitch: float | None = None, last_full: bool = False) -> float:
        """Justified paragraph (words placed one by one like LibreOffice); returns next baseline."""
        pitch = pitch or size * 1.15
        words = text.split()
        space = font.width(" ", size)
        lines: list[list[str]] = [[]]
        avail = right - left - indent
        cur = 0.0
        for w in words:
            ww = font.width(w, size)
            if lines[-1] and cur + space + ww > avail:
                lines.append([])
                cur = 0.0
                avail = right - left
            cur += (space if lines[-1] else 0) + ww
            lines[-1].append(w)
        y = baseline
        for i, ws in enumerate(lines):
            x = left + (indent if i == 0 else 0)
            widths = [font.width(w, size) for w in ws]
            last = i == len(lines) - 1 and not last_full
            gap = space if last or len(ws) == 1 else (right - x - sum(widths)) / (len(ws) - 1)
            for w, ww in zip(ws, widths):
                self.text(font, size, x, y, w)
                x += ww + gap
            y += pitch
        return y - pitch

    def data(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1")


def _page(pdf: PdfBuilder, parent: int, content: int, fonts: dict[str, int], *, box: tuple[float, float] = A4,
          extra: str = "", xobjects: str = "") -> int:
    font_res = " ".join(f"/{k} {v} 0 R" for k, v in fonts.items())
    xo = f" /XObject << {xobjects} >>" if xobjects else ""
    return pdf.add(
        f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 {box[0]:g} {box[1]:g}] "
        f"/Resources << /Font << {font_res} >>{xo} >> /Contents {content} 0 R {extra}>>"
    )


def _finish(pdf: PdfBuilder, pages_num: int, kids: list[int], **kw: object) -> bytes:
    pdf.add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>", pages_num)
    root = pdf.add(f"<< /Type /Catalog /Pages {pages_num} 0 R >>")
    return pdf.build(root, **kw)  # type: ignore[arg-type]


# --- the realistic Decree 30 layout -------------------------------------------------------------
BODY = (
    "Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư, "
    "Ủy ban nhân dân xã ban hành Kế hoạch triển khai công tác văn thư năm 2025 với những nội dung cụ thể "
    "như sau để các cơ quan, đơn vị, cá nhân có liên quan tổ chức thực hiện nghiêm túc, hiệu quả."
)
LEFT, RIGHT = 30 * MM, A4[0] - 20 * MM  # margins 30 mm / 20 mm
TOP = 20 * MM


def nd30_layout(*, pages: int = 2, word_style: bool = False, page_numbers: bool = True, ctm_scale: float = 1.0,
                number_blank: bool = True) -> bytes:
    """A Kế hoạch laid out per Decree 30: header block, title, justified body, signature block.

    ``word_style``: fonts named like Word's export ('Times New Roman,Bold'); otherwise
    PostScript subset names ('ABCDEF+TimesNewRomanPS-BoldMT'). ``ctm_scale``: content drawn
    under a ``cm`` scaling with font sizes divided by it (effective sizes unchanged).
    """
    names = (
        ("Times New Roman", "Times New Roman,Bold", "Times New Roman,Italic")
        if word_style
        else ("ABCDEF+TimesNewRomanPSMT", "BCDEFG+TimesNewRomanPS-BoldMT", "CDEFGH+TimesNewRomanPS-ItalicMT")
    )
    reg = CidFont(names[0].replace(" ", "#20"), name="R")
    bold = CidFont(names[1].replace(" ", "#20"), name="B", bold=True)
    ital = CidFont(names[2].replace(" ", "#20"), name="I", italic=True)
    pdf = PdfBuilder()
    parent = pdf.reserve()
    contents: list[bytes] = []
    split = LEFT + 0.42 * (RIGHT - LEFT)
    lc, rc = (LEFT + split) / 2, (split + RIGHT) / 2
    for pno in range(1, pages + 1):
        c = Canvas()
        y = TOP + 0.891 * 13
        if pno > 1 and page_numbers:
            c.centred(reg, 14, (LEFT + RIGHT) / 2, 12.7 * MM + 0.891 * 14, str(pno))
        if pno == 1:
            c.centred(reg, 13, lc, y, "UBND HUYỆN ĐỊNH HÓA")
            c.centred(bold, 12, rc, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            y2 = y + 15
            c.centred(bold, 13, lc, y2, "ỦY BAN NHÂN DÂN")
            c.centred(bold, 13, rc, y2, "Độc lập - Tự do - Hạnh phúc")
            tn_w = bold.width("Độc lập - Tự do - Hạnh phúc", 13)
            c.hline(rc - tn_w / 2, rc + tn_w / 2, y2 + 5)
            c.centred(bold, 13, lc, y2 + 15, "XÃ PHƯỢNG TIẾN")
            c.hline(lc - 30, lc + 30, y2 + 20)
            y3 = y2 + 40
            c.centred(reg, 13, lc, y3, "Số:      /KH-UBND" if number_blank else "Số: 05/KH-UBND")
            c.centred(ital, 14, rc, y3, "Phượng Tiến, ngày     tháng 01 năm 2025")
            y = y3 + 40
            c.centred(bold, 14, (LEFT + RIGHT) / 2, y, "KẾ HOẠCH")
            y += 17
            c.centred(bold, 14, (LEFT + RIGHT) / 2, y, "Triển khai công tác văn thư năm 2025")
            y += 34
        pitch = 14 * 1.15 * 1.2
        for k in range(3):
            y = c.justified(reg, 14, LEFT, RIGHT, y, BODY, indent=1.27 * 28.3465, pitch=pitch) + pitch + 6
        if pno == pages:
            y += 12
            c.text(bold, 12, LEFT, y, "Nơi nhận:")
            c.centred(bold, 14, rc, y, "TM. ỦY BAN NHÂN DÂN")
            c.text(reg, 11, LEFT, y + 14, "- UBND huyện;")
            c.centred(bold, 14, rc, y + 17, "CHỦ TỊCH")
            c.text(reg, 11, LEFT, y + 27, "- Lưu: VT.")
            c.centred(bold, 14, rc, y + 90, "Nguyễn Văn An")
        data = c.data()
        if ctm_scale != 1.0:
            import re

            def shrink(m: "re.Match[bytes]") -> bytes:
                return b"/%s %g Tf" % (m.group(1), float(m.group(2)) / ctm_scale)

            def move(m: "re.Match[bytes]") -> bytes:
                return b"1 0 0 1 %.3f %.3f Tm" % (float(m.group(1)) / ctm_scale, float(m.group(2)) / ctm_scale)

            data = re.sub(rb"/(\w+) ([\d.]+) Tf", shrink, data)
            data = re.sub(rb"1 0 0 1 ([\d.]+) ([\d.]+) Tm", move, data)
            data = re.sub(rb"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S",
                          lambda m: b"%.2f %.2f m %.2f %.2f l S" % tuple(float(v) / ctm_scale for v in m.groups()), data)
            data = f"{ctm_scale:g} 0 0 {ctm_scale:g} 0 0 cm\n".encode() + data
        contents.append(data)
    fonts = {"R": reg.write(pdf), "B": bold.write(pdf), "I": ital.write(pdf)}
    kids = [_page(pdf, parent, pdf.stream("", d, compress=True), fonts) for d in contents]
    return _finish(pdf, parent, kids)


# --- single-feature fixtures --------------------------------------------------------------------
def simple_fonts() -> bytes:
    """Fonts without ToUnicode: WinAnsi base-14 Times, Differences with glyph names (Vietnamese)."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    diffs = "/Differences [65 /A /aacute /uni1EA1 /uni00EA /uni1EC7 /dcroat /space /t /h /o /n /g /uni0301 /a /u1EA0]"
    f1 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>")
    f2 = pdf.add(
        f"<< /Type /Font /Subtype /Type1 /BaseFont /LiberationSerif-Bold /FirstChar 65 /LastChar 79 "
        f"/Widths [722 444 444 444 444 500 250 278 500 500 500 500 0 444 722] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding {diffs} >> >>"
    )
    f3 = pdf.add(
        "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+TimesNewRoman,BoldItalic /FirstChar 32 /LastChar 126 "
        "/Widths [" + " ".join("500" for _ in range(95)) + "] /Encoding /WinAnsiEncoding >>"
    )
    # "Vi\xeat" in WinAnsi = "Viêt"; code 0x4D (uni0301) after 'N' ('a') → á via combining join
    content = (
        b"BT /F1 12 Tf 72 760 Td (Caf\xe9 \x93Times\x94 \x80 50) Tj ET\n"
        b"BT /F2 14 Tf 72 730 Td (ABCDEFGHIJKL) Tj ET\n"
        b"BT /F2 14 Tf 72 700 Td (NMG) Tj ET\n"
        b"BT /F3 13 Tf 72 670 Td (Bold Italic Word) Tj ET\n"
    )
    kid = _page(pdf, parent, pdf.stream("", content), {"F1": f1, "F2": f2, "F3": f3})
    return _finish(pdf, parent, [kid])


def type3_font() -> bytes:
    """A Type3 font with FontMatrix 0.01 (glyphs in 100 units), ToUnicode for one, names for the other."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    proc = pdf.stream("", b"50 0 0 0 40 70 d1 0 0 40 70 re f")
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"2 beginbfchar\n<01> <1EC7>\n<02> <0110>\nendbfchar\nendcmap end end"
    )
    tu = pdf.stream("", cmap)
    t3 = pdf.add(
        f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0] "
        f"/CharProcs << /g1 {proc} 0 R /g2 {proc} 0 R >> /Encoding << /Type /Encoding /Differences [1 /g1 /g2] >> "
        f"/FirstChar 1 /LastChar 2 /Widths [50 60] /ToUnicode {tu} 0 R /Resources << >> >>"
    )
    t3b = pdf.add(
        f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
        f"/CharProcs << /a {proc} 0 R /b {proc} 0 R >> /Encoding << /Type /Encoding /Differences [97 /a /b] >> "
        f"/FirstChar 97 /LastChar 98 /Widths [500 500] /Resources << >> >>"
    )
    content = b"BT /T3 12 Tf 72 700 Td <0102> Tj ET\nBT /T4 10 Tf 72 650 Td (ab) Tj ET"
    kid = _page(pdf, parent, pdf.stream("", content), {"T3": t3, "T4": t3b})
    return _finish(pdf, parent, [kid])


def glyph_by_glyph(text: str = "Quyết định số 12 về công tác văn thư", size: float = 14) -> bytes:
    """Each glyph its own Tj with a Td move (as some e-office converters write)."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRomanPSMT", name="F1")
    ops = [f"BT /F1 {size:g} Tf 100 700 Td"]
    x_prev = 0.0
    for ch in text:
        if ch == " ":
            x_prev += f.width(" ", size)
            ops.append(f"{f.width(' ', size):.3f} 0 Td")
            continue
        ops.append(f"{f.encode(ch)} Tj {f.width(ch, size):.3f} 0 Td")
    ops.append("ET")
    # combining marks drawn as separate zero-width glyphs: "a" + U+0301 + "o" + U+0323
    ops.append(f"BT /F1 {size:g} Tf 100 650 Td {f.encode('Ca')} Tj {f.encode(chr(0x301))} Tj {f.encode('o')} Tj {f.encode(chr(0x323))} Tj ET")
    content = "\n".join(ops).encode("latin-1")
    fid = f.write(pdf)
    kid = _page(pdf, parent, pdf.stream("", content), {"F1": fid})
    return _finish(pdf, parent, [kid])


def rotated_page(rotate: int = 90) -> bytes:
    """A landscape-looking page made of a portrait MediaBox with /Rotate; text upright when shown."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRomanPSMT", name="F1")
    w, h = A4
    # display: width h, height w. Text at display (x=100, baseline=80) must be upright after rotation.
    if rotate == 90:
        # display X = y, display Y = x  →  user (x, y) = (Y, X); text direction (display +X) = user +y
        content = f"q 0 1 -1 0 0 0 cm 1 0 0 -1 0 0 cm BT /F1 14 Tf 1 0 0 -1 100 80 Tm {f.encode('Bảng tổng hợp kết quả thực hiện')} Tj ET Q"
    else:
        content = f"BT /F1 14 Tf 100 {h - 80} Td {f.encode('Bảng tổng hợp kết quả thực hiện')} Tj ET"
    data = content.encode("latin-1")
    fid = f.write(pdf)
    kid = _page(pdf, parent, pdf.stream("", data), {"F1": fid}, extra=f"/Rotate {rotate} ")
    return _finish(pdf, parent, [kid])


def scanned(pages: int = 2) -> bytes:
    """Image-only pages (a 2×2 grey image scaled to the page): no text layer."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    img = pdf.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80\xff\xff\x80")
    kids = []
    for _ in range(pages):
        content = pdf.stream("", f"q {A4[0]:g} 0 0 {A4[1]:g} 0 0 cm /Im0 Do Q".encode())
        kids.append(_page(pdf, parent, content, {}, xobjects=f"/Im0 {img} 0 R"))
    return _finish(pdf, parent, kids)


def tiny_ttf(codes: dict[str, int]) -> bytes:
    """A TrueType font (empty outlines) whose glyph IDs equal ``codes`` and whose cmap maps each
    character to its glyph: made with fontTools at test time, no font files needed."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    top = max(codes.values())
    order = [".notdef"] + [f"g{i}" for i in range(1, top + 1)]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(ch): f"g{code}" for ch, code in codes.items()})
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({name: empty for name in order})
    fb.setupHorizontalMetrics({name: (500, 0) for name in order})
    fb.setupHorizontalHeader(ascent=891, descent=-216)
    fb.setupNameTable({"familyName": "Tiny Serif", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def cid_embedded_no_tounicode(text: str = "Thông báo kết quả Việt Nam") -> bytes:
    """A CID TrueType font with no ToUnicode: text only recoverable from the embedded cmap."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TinySerif", name="F1", tounicode=False)
    content = f"BT /F1 14 Tf 100 700 Td {f.encode(text)} Tj ET".encode("latin-1")
    fid = f.write(pdf)
    ttf = pdf.stream(f"/Length1 {len(tiny_ttf(f.codes))}", tiny_ttf(f.codes), compress=True)
    # put the font file into the descriptor written by CidFont.write (the object before the CIDFont)
    for k, body in enumerate(pdf.objs):
        if body and b"/Type /FontDescriptor" in body and b"TinySerif" in body:
            pdf.objs[k] = body.replace(b" >>", f" /FontFile2 {ttf} 0 R >>".encode(), 1)
    kid = _page(pdf, parent, pdf.stream("", content), {"F1": fid})
    return _finish(pdf, parent, [kid])


def ocr_scan() -> bytes:
    """A scanned page with an invisible OCR text layer (Tr 3) on top of the image."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    img = pdf.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80\xff\xff\x80")
    f = CidFont("GlyphLessFont", name="F1")
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
    content = f"q {A4[0]:g} 0 0 {A4[1]:g} 0 0 cm /Im0 Do Q BT 3 Tr /F1 12 Tf 300 780 Td {f.encode(text)} Tj ET".encode("latin-1")
    kid = _page(pdf, parent, pdf.stream("", content), {"F1": f.write(pdf)}, xobjects=f"/Im0 {img} 0 R")
    return _finish(pdf, parent, [kid])


def colours_and_form() -> bytes:
    """Text in red (rg), CMYK black (k), gray; text inside a nested form XObject; a cm-scaled size."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRomanPSMT", name="F1")
    inner = pdf.stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 FONT 0 R >> >>",
        f"BT /F1 10 Tf 0 0 Td {f.encode('Trong khung')} Tj ET".encode(),
    )
    outer = pdf.stream(
        f"/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Matrix [1 0 0 1 0 0] /Resources << /XObject << /X2 {inner} 0 R >> >>",
        b"q 2 0 0 2 0 0 cm /X2 Do Q",
    )
    content = (
        f"BT 1 0 0 rg /F1 14 Tf 72 760 Td {f.encode('Chữ đỏ')} Tj ET\n"
        f"BT 0 0 0 1 k /F1 14 Tf 72 730 Td {f.encode('Chữ đen')} Tj ET\n"
        f"BT 0.5 g /F1 14 Tf 72 700 Td {f.encode('Chữ xám')} Tj ET\n"
        f"q 1 0 0 1 72 600 cm /X1 Do Q"
    ).encode("latin-1")
    fid = f.write(pdf)
    # patch the font reference into the inner form's resources
    pdf.objs[inner - 1] = pdf.objs[inner - 1].replace(b"FONT", str(fid).encode())  # type: ignore[union-attr]
    kid = _page(pdf, parent, pdf.stream("", content), {"F1": fid}, xobjects=f"/X1 {outer} 0 R")
    return _finish(pdf, parent, [kid])


def ruled_table() -> bytes:
    """A 3 × 2 table whose borders are thin filled rectangles (as Word draws them), text above."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRomanPSMT", name="R")
    c = Canvas()
    c.text(f, 14, F_LEFT, 100, "Danh sách đơn vị thực hiện kế hoạch:")
    xs = [F_LEFT, F_LEFT + 60, F_LEFT + 300]
    ys = [120, 145, 170, 195]
    for y in ys:
        c.ops.append(f"{xs[0]:.2f} {c.h - y - 0.25:.2f} {xs[-1] - xs[0]:.2f} 0.5 re f")
    for x in xs:
        c.ops.append(f"{x - 0.25:.2f} {c.h - ys[-1]:.2f} 0.5 {ys[-1] - ys[0]:.2f} re f")
    rows = [("STT", "Tên đơn vị"), ("1", "Văn phòng"), ("2", "Phòng Nội vụ")]
    for r, (a, b) in enumerate(rows):
        base = ys[r] + 18
        c.centred(f, 13, (xs[0] + xs[1]) / 2, base, a)
        c.text(f, 13, xs[1] + 5, base, b)
    kid = _page(pdf, parent, pdf.stream("", c.data()), {"R": f.write(pdf)})
    return _finish(pdf, parent, [kid])


F_LEFT = 30 * MM


# --- hostile files --------------------------------------------------------------------------------
def broken_xref() -> bytes:
    """All xref offsets wrong: pypdf (strict=False) rebuilds them."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRomanPSMT", name="F1")
    content = pdf.stream("", f"BT /F1 14 Tf 72 700 Td {f.encode('Văn bản có bảng xref hỏng vẫn đọc được')} Tj ET".encode())
    fid = f.write(pdf)
    kid = _page(pdf, parent, content, {"F1": fid})
    return _finish(pdf, parent, [kid], broken_xref=True)


def self_drawing_form() -> bytes:
    """A form XObject that draws itself (and a page whose /Parent points to itself as resources)."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    f = CidFont("ABCDEF+TimesNewRomanPSMT", name="F1")
    fid_slot = pdf.reserve()
    form = pdf.reserve()
    pdf.stream(
        f"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /Me {form} 0 R >> /Font << /F1 {fid_slot} 0 R >> >>",
        f"BT /F1 12 Tf 0 0 Td {f.encode('Lặp')} Tj ET /Me Do".encode(),
        num=form,
    )
    content = pdf.stream("", b"q 1 0 0 1 72 700 cm /Me Do Q")
    f.write(pdf)
    pdf.objs[fid_slot - 1] = pdf.objs[-1]
    kid = _page(pdf, parent, content, {"F1": fid_slot}, xobjects=f"/Me {form} 0 R")
    return _finish(pdf, parent, [kid])


def cyclic_pages() -> bytes:
    """A page tree whose /Kids contain the /Pages node itself."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    content = pdf.stream("", b"BT /F1 12 Tf 72 700 Td (Loop) Tj ET")
    f1 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    kid = _page(pdf, parent, content, {"F1": f1})
    pdf.add(f"<< /Type /Pages /Kids [{kid} 0 R {parent} 0 R] /Count 2 /Parent {parent} 0 R >>", parent)
    root = pdf.add(f"<< /Type /Catalog /Pages {parent} 0 R >>")
    return pdf.build(root)


def endless_stream(ops: int = 2_600_000) -> bytes:
    """A content stream with millions of operators (compressed it is small)."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    data = b"BT /F1 12 Tf 72 700 Td (Start) Tj ET\n" + b"q Q " * ops
    content = pdf.stream("", data, compress=True)
    f1 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    kid = _page(pdf, parent, content, {"F1": f1})
    return _finish(pdf, parent, [kid])


def flate_bomb(size: int = 200_000_000) -> bytes:
    """A FlateDecode content stream that inflates to ``size`` bytes of spaces."""
    pdf = PdfBuilder()
    parent = pdf.reserve()
    comp = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    body = b"".join(comp.compress(chunk) for _ in range(size // len(chunk))) + comp.flush()
    content = pdf.add(f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode() + body + b"\nendstream")
    f1 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    kid = _page(pdf, parent, content, {"F1": f1})
    return _finish(pdf, parent, [kid])


def encrypted(user_password: str = "secret") -> bytes:
    """Encrypted with pypdf (AES-256); an empty user password opens without asking."""
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(nd30_layout(pages=1))))
    w.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def not_a_pdf() -> bytes:
    """A zip archive named .pdf."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def truncated() -> bytes:
    """The first 300 bytes of a PDF."""
    return nd30_layout(pages=1)[:300]


# --- signed: number and day stamped by signature widgets over the blanks ------------------------
def _blank_positions(data: bytes) -> dict[str, tuple[float, float, float]]:
    """Where the blanks are (PDF user space): {'so': (x, baseline_y, size), 'ngay': …}."""
    from nd30check.readers.pdf.content import Interpreter
    from nd30check.readers.pdf.fonts import Budget
    import pypdf

    r = pypdf.PdfReader(io.BytesIO(data))
    p = r.pages[0]
    it = Interpreter(Budget())
    pc = it.new_page()
    it.run(p.get_contents().get_data(), p["/Resources"], (1, 0, 0, -1, 0, float(p.mediabox.top)))
    out: dict[str, tuple[float, float, float]] = {}
    gl = pc.glyphs
    h = float(p.mediabox.top)
    for i, g in enumerate(gl):
        if g.text == ":" and i > 0 and gl[i - 1].text == "ố":
            out.setdefault("so", (g.x1, h - g.y, g.size))
        if g.text == "y" and i >= 3 and "".join(x.text for x in gl[i - 3 : i + 1]) == "ngày":
            out.setdefault("ngay", (g.x1, h - g.y, g.size))
    return out


def signed_over_blanks(pki_dir: Path) -> bytes:
    """The Decree 30 layout with 'Số:      /KH-UBND' and 'ngày     tháng' blanks; agency signatures
    whose stamps draw '507' and '24' over them, a seal image, and a Công báo text stamp."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pki import get_pki, seal_png, sign  # type: ignore[import-not-found]

    pki = get_pki(pki_dir)
    data = nd30_layout(pages=1)
    pos = _blank_positions(data)
    x, y, size = pos["so"]
    data = sign(data, pki.agency, field="So", pki=pki, box=(x + 1, y - 4, x + 19, y + 12), text="507", font="times", font_size=12)
    x, y, size = pos["ngay"]
    data = sign(data, pki.agency, field="Ngay", pki=pki, box=(x + 2, y - 4, x + 18, y + 13), text="24", font="times", font_size=13)
    seal = seal_png(pki_dir / "seal.png")
    data = sign(data, pki.agency, field="Seal", pki=pki, box=(380, 120, 460, 200), text="", image=seal, font="times")
    data = sign(data, pki.agency, field="CongBao", pki=pki, box=(430, 800, 590, 838),
                text="Trung tam Cong bao 24.01.2025 20:01:14 +07:00", font="times", font_size=7)
    return data


ALL: dict[str, Callable[[], bytes]] = {
    "nd30-layout.pdf": nd30_layout,
    "nd30-word-names.pdf": lambda: nd30_layout(word_style=True),
    "nd30-scaled-ctm.pdf": lambda: nd30_layout(ctm_scale=2.0, pages=1),
    "simple-fonts.pdf": simple_fonts,
    "type3.pdf": type3_font,
    "glyph-by-glyph.pdf": glyph_by_glyph,
    "rotated-90.pdf": rotated_page,
    "scanned.pdf": scanned,
    "cid-embedded-cmap.pdf": cid_embedded_no_tounicode,
    "ocr-scan.pdf": ocr_scan,
    "colours-forms.pdf": colours_and_form,
    "ruled-table.pdf": ruled_table,
    "broken-xref.pdf": broken_xref,
    "self-drawing-form.pdf": self_drawing_form,
    "cyclic-pages.pdf": cyclic_pages,
    "endless-stream.pdf": endless_stream,
    "flate-bomb.pdf": flate_bomb,
    "encrypted.pdf": encrypted,
    "encrypted-empty.pdf": lambda: encrypted(""),
    "not-a-pdf.pdf": not_a_pdf,
    "truncated.pdf": truncated,
}


def write_all(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, fn in ALL.items():
        p = directory / name
        p.write_bytes(fn())
        out[name] = p
    return out


if __name__ == "__main__":  # pragma: no cover
    for name, p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "pdf-fixtures")).items():
        print(p)
