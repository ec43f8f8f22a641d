"""The appearance-stream reader: text, fonts, sizes, images of signature widgets."""

from __future__ import annotations

from pyhanko.pdf_utils import generic

from nd30check.signatures.appearance import _parse_cmap, _tokens, read_appearance


def N(name: str) -> generic.NameObject:
    return generic.NameObject(name)


def form(content: bytes, fonts: dict | None = None, xobjects: dict | None = None, matrix=None) -> generic.StreamObject:
    res = generic.DictionaryObject()
    if fonts:
        res[N("/Font")] = generic.DictionaryObject({N(k): v for k, v in fonts.items()})
    if xobjects:
        res[N("/XObject")] = generic.DictionaryObject({N(k): v for k, v in xobjects.items()})
    d = {N("/Type"): N("/XObject"), N("/Subtype"): N("/Form"), N("/Resources"): res,
         N("/BBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 200, 50)])}
    if matrix:
        d[N("/Matrix")] = generic.ArrayObject([generic.FloatObject(v) for v in matrix])
    return generic.StreamObject(d, stream_data=content)


def type1(name: str = "Times-Roman") -> generic.DictionaryObject:
    return generic.DictionaryObject({N("/Type"): N("/Font"), N("/Subtype"): N("/Type1"), N("/BaseFont"): N("/" + name)})


CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <04EA> <1EE6> endbfchar
1 beginbfrange <0024> <0026> <0041> endbfrange
1 beginbfrange <0030> <0031> [<0110> <00F4>] endbfrange
endcmap end end"""


def cid_font() -> generic.DictionaryObject:
    tu = generic.StreamObject(stream_data=CMAP)
    return generic.DictionaryObject({N("/Type"): N("/Font"), N("/Subtype"): N("/Type0"),
                                     N("/BaseFont"): N("/ABCDEF+TimesNewRomanPSMT"), N("/ToUnicode"): tu})


def test_tokens_strings_and_escapes():
    toks = list(_tokens(rb"(a\(b\)c \101\n) <48 49> /F1 12 Tf [(x) -300 (y)] TJ % comment" + b"\n"))
    assert toks[0] == ("str", b"a(b)c A\n") and toks[1] == ("str", b"HI")
    assert ("name", b"/F1") in toks and ("op", b"TJ") in toks


def test_cmap_bfchar_and_bfrange():
    cmap = _parse_cmap(CMAP)
    assert cmap[0x03] == " " and cmap[0x4EA] == "Ủ"
    assert [cmap[c] for c in (0x24, 0x25, 0x26)] == ["A", "B", "C"]
    assert cmap[0x30] == "Đ" and cmap[0x31] == "ô"


def test_simple_font_lines_size_and_scale():
    ap = form(b"BT /F1 10 Tf 1 0 0 1 5 30 Tm (05/KH-UBND) Tj 0 -12 Td (2026-05-08T09:15:00+07:00) Tj ET",
              fonts={"/F1": type1()}, matrix=(2, 0, 0, 2, 0, 0))
    seen = read_appearance(ap)
    assert seen.text == "05/KH-UBND\n2026-05-08T09:15:00+07:00"
    assert (seen.font, seen.size, seen.has_image) == ("Times-Roman", 20.0, False)


def test_cid_font_nested_forms_and_image():
    img = generic.StreamObject({N("/Type"): N("/XObject"), N("/Subtype"): N("/Image"), N("/Width"): generic.NumberObject(1),
                                N("/Height"): generic.NumberObject(1)}, stream_data=b"\x00")
    inner = form(b"q 40 0 0 40 0 0 cm /Im0 Do Q BT /F1 8 Tf 50 20 Td <04EA0003> Tj [<0024> -400 <0025>] TJ ET",
                 fonts={"/F1": cid_font()}, xobjects={"/Im0": img})
    outer = form(b"q 1 0 0 1 0 0 cm /FRM Do Q", xobjects={"/FRM": inner})
    seen = read_appearance(outer)
    assert seen.text == "Ủ A B"
    assert seen.font == "TimesNewRomanPSMT" and seen.size == 8.0 and seen.has_image


def test_self_referencing_form_terminates():
    loop = form(b"/X Do BT /F1 9 Tf (a) Tj ET", fonts={"/F1": type1()})
    loop["/Resources"]["/XObject"] = generic.DictionaryObject({N("/X"): loop})
    seen = read_appearance(loop)
    assert seen.text is not None and set(seen.text.replace("\n", "")) == {"a"}


def test_garbage_content_is_harmless():
    seen = read_appearance(form(b"BT /F9 Tf ) ( <zz> ]] [[ Tj TJ ' \" Do cm Q Q Q ET \xff\xfe"))
    assert seen.text is None and seen.has_image is False
