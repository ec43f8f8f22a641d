"""Legacy Vietnamese encodings (TCVN3, VNI): the whole alphabet both ways, fonts, documents."""

from __future__ import annotations

import unicodedata

import pytest

from nd30check.model import Document, Paragraph, Run
from nd30check.readers.legacy.fonts import decode_legacy_fonts
from nd30check.text.encodings import (
    TCVN3,
    VIETNAMESE_LETTERS,
    VNI,
    decode,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    is_capital_font,
    is_legacy_text,
    legacy_encoding,
)

LOWER = VIETNAMESE_LETTERS
UPPER = LOWER.upper()
TONED_CAPITALS = [c for c in UPPER if unicodedata.decomposition(c) and c not in "ĂÂÊÔƠƯĐ"
                  and any(m in unicodedata.normalize("NFD", c) for m in "\u0300\u0301\u0303\u0309\u0323")]


def test_alphabet_is_complete() -> None:
    # 12 vowels × 6 tones + đ + 16 consonants
    assert len(LOWER) == 12 * 6 + 1 + 16 == len(set(LOWER))
    assert all(unicodedata.is_normalized("NFC", c) for c in LOWER)


def test_tcvn3_round_trip_lower_case_and_plain_capitals() -> None:
    plain_capitals = "ĂÂÊÔƠƯĐ" + "ABCDEGHIKLMNOPQRSTUVXY"
    for text in (LOWER, plain_capitals):
        coded = encode_tcvn3(text)
        assert all(ord(c) < 0x100 for c in coded)
        assert decode_tcvn3(coded) == text
    # one byte per letter, and 74 distinct codes for the 74 letters beyond ASCII
    non_ascii = [c for c in LOWER + "ĂÂÊÔƠƯĐ" if ord(c) > 0x7F]
    assert len({encode_tcvn3(c) for c in non_ascii}) == len(non_ascii) == 74


def test_tcvn3_capitals_with_tone_marks_need_the_capital_font() -> None:
    assert len(TONED_CAPITALS) == 60
    for c in TONED_CAPITALS:
        with pytest.raises(ValueError):
            encode_tcvn3(c)
    coded = encode_tcvn3(UPPER, capital=True)
    assert decode_tcvn3(coded, capital=True) == UPPER


def test_tcvn3_known_codes() -> None:
    # a few codes of TCVN 5712:1993 VN3, as public converter tables give them
    assert decode_tcvn3("\xb8\xb5\xb6\xb7\xb9") == "áàảãạ"
    assert decode_tcvn3("\xae\xa7\xad\xa6") == "đĐưƯ"
    assert decode_tcvn3("Céng hßa x· héi chñ nghÜa ViÖt Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert decode_tcvn3("ñy ban nh©n d©n", capital=True) == "ỦY BAN NHÂN DÂN"


def test_vni_round_trip_whole_alphabet_both_cases() -> None:
    for text in (LOWER, UPPER, "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"):
        coded = encode_vni(text)
        assert all(ord(c) < 0x100 for c in coded)
        assert decode_vni(coded) == text


def test_vni_known_codes_and_mixed_shift() -> None:
    assert decode_vni("Xin chaøo caùc baïn") == "Xin chào các bạn"
    assert decode_vni("COÄNG HOØA") == "CỘNG HÒA"
    assert decode_vni("Ñoäc laäp") == "Độc lập"
    assert decode_vni("Aù") == "Á"  # capital base, lower-case mark: clerks mix Shift states


def test_symbol_font_private_use_area_is_read_as_bytes() -> None:
    # Word keeps symbol-charset fonts' characters at U+F0xx
    assert decode_tcvn3("".join(chr(0xF000 + ord(c)) for c in "Céng")) == "Cộng"


@pytest.mark.parametrize("font,enc,capital", [
    (".VnTime", TCVN3, False), (".VnTimeH", TCVN3, True), (".VnArial", TCVN3, False), (".VnArialH", TCVN3, True),
    ("VnTime", TCVN3, False), ("ABCDEF+.VnTimeH,Bold", TCVN3, True), (".VnCentury Schoolbook", TCVN3, False),
    ("VNI-Times", VNI, False), ("VNI-Helve", VNI, False), ("VNI Times", VNI, False),
    ("Times New Roman", None, False), ("Arial", None, False), ("Verdana", None, False), (None, None, False),
])
def test_font_classification(font: str | None, enc: str | None, capital: bool) -> None:
    assert legacy_encoding(font) == enc
    assert is_capital_font(font) is capital


def test_unicode_text_in_a_legacy_font_is_left_alone() -> None:
    assert is_legacy_text("Céng hßa") and not is_legacy_text("Cộng hòa")
    doc = Document(path="x", kind="docx", paragraphs=[Paragraph(0, runs=[
        Run("Cộng hòa", font=".VnTime"), Run(" Céng hßa", font=".VnTime"), Run(" ñy ban", font=".VnTimeH"),
        Run(" Xin chaøo", font="VNI-Times"), Run(" Ph\xadêng", font="Times New Roman")])])
    counts = decode_legacy_fonts(doc)
    assert [r.text for r in doc.paragraphs[0].runs] == ["Cộng hòa", " Cộng hòa", " ỦY BAN", " Xin chào", " Phêng"]
    assert counts == {TCVN3: 2, VNI: 1}
    assert doc.paragraphs[0].runs[0].font == ".VnTime"  # the font stays: ND30-FONT reports it


def test_decode_refuses_unknown_encoding() -> None:
    with pytest.raises(ValueError):
        decode("x", "VISCII")


def test_tcvn3_docx_is_recognised_and_font_fails_specifically() -> None:
    from pathlib import Path

    from nd30check.check import check_path
    from nd30check.report.words import Words

    root = Path(__file__).resolve().parent
    src = check_path(root.parent / "samples" / "compliant" / "cv-ubnd-mot-noi-nhan-2-trang.docx")
    res = check_path(root / "legacy" / "files" / "tcvn3-cv-ubnd-mot-noi-nhan-2-trang.docx")
    assert src.statuses["ND30-FONT"] == "pass" and res.statuses["ND30-FONT"] == "fail"
    assert res.facts.to_json() == src.facts.to_json()  # Số, ngày, cơ quan, người ký… all found
    msgs = [f.message for f in Words().findings(res) if f.rule == "ND30-FONT"]
    assert msgs and all("Phông TCVN3" in m and "cần Unicode Times New Roman" in m for m in msgs)
    assert any("ỦY BAN NHÂN DÂN" in m for m in msgs)  # the excerpt is decoded text
    assert any("TCVN3 font" in f.message and "Unicode Times New Roman" in f.message  # the same result, in English
               for f in Words(lang="en").findings(res) if f.rule == "ND30-FONT")
    vni = check_path(root / "legacy" / "files" / "vni-tb-ubnd-ket-luan-chu-tich.docx")
    assert any("Phông VNI" in f.message for f in Words().findings(vni) if f.rule == "ND30-FONT")
