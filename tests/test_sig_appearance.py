"""What signature widgets draw, read by the PDF reader's one content interpreter
(readers/pdf/annots.py) and shared with the signature verifier.

Widgets are hand-built with pyHanko's writer: simple and CID fonts, nested forms with images,
the synthetic italic (skewed text matrix) signing software uses for the stamped day, a form
that draws itself, garbage content.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from nd30check.readers.pdf.reader import signature_appearances


def N(name: str) -> generic.NameObject:
    return generic.NameObject(name)


def type1(name: str = "Times-Roman") -> generic.DictionaryObject:
    return generic.DictionaryObject({N("/Type"): N("/Font"), N("/Subtype"): N("/Type1"), N("/BaseFont"): N("/" + name),
                                     N("/Encoding"): N("/WinAnsiEncoding")})


CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <04EA> <1EE6> endbfchar
1 beginbfrange <0024> <0026> <0041> endbfrange
endcmap end end"""


def cid_font(w: PdfFileWriter) -> generic.DictionaryObject:
    desc = generic.DictionaryObject({N("/Type"): N("/Font"), N("/Subtype"): N("/CIDFontType2"), N("/BaseFont"): N("/ABCDEF+TimesNewRomanPSMT"),
                                     N("/CIDSystemInfo"): generic.DictionaryObject({N("/Registry"): generic.pdf_string("Adobe"),
                                                                                    N("/Ordering"): generic.pdf_string("Identity"),
                                                                                    N("/Supplement"): generic.NumberObject(0)}),
                                     N("/DW"): generic.NumberObject(500)})
    return generic.DictionaryObject({N("/Type"): N("/Font"), N("/Subtype"): N("/Type0"), N("/BaseFont"): N("/ABCDEF+TimesNewRomanPSMT"),
                                     N("/Encoding"): N("/Identity-H"), N("/DescendantFonts"): generic.ArrayObject([w.add_object(desc)]),
                                     N("/ToUnicode"): w.add_object(generic.StreamObject(stream_data=CMAP))})


def form(w: PdfFileWriter, content: bytes, fonts: dict | None = None, xobjects: dict | None = None) -> generic.IndirectObject:
    res = generic.DictionaryObject()
    if fonts:
        res[N("/Font")] = generic.DictionaryObject({N(k): v for k, v in fonts.items()})
    if xobjects:
        res[N("/XObject")] = generic.DictionaryObject({N(k): v for k, v in xobjects.items()})
    return w.add_object(generic.StreamObject({N("/Type"): N("/XObject"), N("/Subtype"): N("/Form"), N("/Resources"): res,
                                              N("/BBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 200, 50)])},
                                             stream_data=content))


def pdf_with_widgets(build) -> bytes:
    """A one-page PDF whose signature widgets show what ``build(writer)`` returns: [(name, form ref)]."""
    w = PdfFileWriter()
    page_dict = generic.DictionaryObject({N("/Type"): N("/Page"), N("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
                                          N("/Resources"): generic.DictionaryObject()})
    page_ref = w.insert_page(page_dict)
    annots, fields = generic.ArrayObject(), generic.ArrayObject()
    for i, (name, ap) in enumerate(build(w)):
        widget = generic.DictionaryObject({N("/Type"): N("/Annot"), N("/Subtype"): N("/Widget"), N("/FT"): N("/Sig"),
                                           N("/T"): generic.pdf_string(name), N("/F"): generic.NumberObject(4), N("/P"): page_ref,
                                           N("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (50, 700 - 80 * i, 250, 750 - 80 * i)]),
                                           N("/AP"): generic.DictionaryObject({N("/N"): ap})})
        ref = w.add_object(widget)
        annots.append(ref)
        fields.append(ref)
    page_ref.get_object()[N("/Annots")] = annots
    w.root[N("/AcroForm")] = w.add_object(generic.DictionaryObject({N("/Fields"): fields}))
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def by_field(data: bytes) -> dict[str, dict]:
    return {a["field"]: a for a in signature_appearances(data)}


def test_simple_font_two_lines():
    data = pdf_with_widgets(lambda w: [("A", form(w, b"BT /F1 10 Tf 1 0 0 1 5 30 Tm (05/KH-UBND) Tj 0 -12 Td (2026-05-08T09:15:00+07:00) Tj ET",
                                                    fonts={"/F1": w.add_object(type1())}))])
    a = by_field(data)["A"]
    assert a["kind"] == "signature" and a["page"] == 1 and a["has_image"] is False
    assert a["text"].replace(" ", "") == "05/KH-UBND\n2026-05-08T09:15:00+07:00"
    assert (a["font"], a["size"]) == ("Times-Roman", 10.0)


def test_cid_font_nested_form_and_image():
    def build(w):
        img = w.add_object(generic.StreamObject({N("/Type"): N("/XObject"), N("/Subtype"): N("/Image"), N("/Width"): generic.NumberObject(1),
                                                 N("/Height"): generic.NumberObject(1), N("/ColorSpace"): N("/DeviceGray"),
                                                 N("/BitsPerComponent"): generic.NumberObject(8)}, stream_data=b"\x00"))
        inner = form(w, b"q 40 0 0 40 0 0 cm /Im0 Do Q BT /F1 8 Tf 50 20 Td <04EA0003> Tj [<0024> -400 <0025>] TJ ET",
                     fonts={"/F1": w.add_object(cid_font(w))}, xobjects={"/Im0": img})
        return [("B", form(w, b"q 1 0 0 1 0 0 cm /FRM Do Q", xobjects={"/FRM": inner}))]

    b = by_field(pdf_with_widgets(build))["B"]
    assert b["has_image"] is True
    assert b["text"].startswith("Ủ") and "A" in b["text"]
    assert b["font"] == "TimesNewRomanPSMT" and b["size"] == 8.0


def test_stamped_day_in_synthetic_italic_is_read():
    """The day stamped by an agency signature is drawn with a skewed text matrix: a lean, not
    a rotation — it was lost, so the document looked undated."""
    data = pdf_with_widgets(lambda w: [("Day", form(w, b"BT 1 0 0.21256 1 0.5 3.5 Tm /F1 14 Tf (15) Tj ET",
                                                      fonts={"/F1": w.add_object(type1("Times-Italic"))}))])
    d = by_field(data)["Day"]
    assert d["text"] == "15" and d["size"] == 14.0


def test_self_drawing_form_and_garbage_terminate():
    def build(w):
        loop = form(w, b"/X Do BT /F1 9 Tf 5 5 Td (a) Tj ET", fonts={"/F1": w.add_object(type1())})
        loop.get_object()["/Resources"][N("/XObject")] = generic.DictionaryObject({N("/X"): loop})
        junk = form(w, b"BT /F9 Tf ) ( <zz> ]] [[ Tj TJ ' \" Do cm Q Q Q ET \xff\xfe")
        return [("Loop", loop), ("Junk", junk)]

    seen = by_field(pdf_with_widgets(build))
    assert set(seen["Loop"]["text"].replace("\n", "")) == {"a"}
    assert not seen["Junk"]["text"] and seen["Junk"]["has_image"] is False


def test_verifier_uses_the_documents_reading(real_samples, monkeypatch):
    """Given the Document's appearances, the verifier does not interpret them again."""
    from nd30check.readers import read_document
    from nd30check.signatures.pdf import verify_pdf
    from nd30check.signatures.pdf import widgets

    path = real_samples / "pdf_signed_qngai_TB-UBND-HoiNghiVTCI_2024.pdf"
    doc = read_document(str(path))
    monkeypatch.setattr(widgets, "_read_appearances", lambda data: (_ for _ in ()).throw(AssertionError("read twice")))
    rep = verify_pdf(path.read_bytes(), appearances=doc.signature_appearances)
    shown = [s.visible_text for s in rep.signatures]
    assert "542" in shown and "06" in shown  # the number and the day the agency stamped
