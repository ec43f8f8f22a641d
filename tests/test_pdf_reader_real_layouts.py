"""PDF reader on layouts measured in real Word-born e-office PDFs (tests/real_layouts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import real_layouts as RL
from nd30check.check import check_path
from nd30check.readers.pdf import read_pdf
from nd30check.structure import analyze


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("real-layouts")
    out = {}
    for name, make in RL.ALL.items():
        (d / name).write_bytes(make())
        out[name] = str(d / name)
    return out


def _doc(path: str):
    doc = read_pdf(path)
    analyze(doc)
    return doc


def _role(doc, role: str):
    found = [p for p in doc.paragraphs if p.role == role]
    assert found, f"no {role}: {[(p.role, p.text) for p in doc.paragraphs]}"
    return found


@pytest.mark.parametrize("name", ["header-tight.pdf", "header-tight-upright-date.pdf", "header-tight-leader-widgets.pdf"])
def test_so_and_date_lines_a_few_spaces_apart_stay_apart(files, name: str) -> None:
    """Số and date on one baseline, 3 spaces apart, blanks wider than the gap: two paragraphs,
    cut where the look changes (upright | italic) or, same look, where the header's gutter runs."""
    doc = _doc(files[name])
    (so,) = _role(doc, "so-ky-hieu")
    (date,) = _role(doc, "dia-danh-ngay")
    assert so.text.startswith("Số:") and "ngày" not in so.text and so.column == "left"
    assert date.text.startswith("Thành phố Quảng Ngãi, ngày") and date.column == "right"
    assert doc.facts.place == "Thành phố Quảng Ngãi" and doc.facts.symbol == "TB-UBND-KGVX"


@pytest.mark.parametrize("name", ["header-tight-widgets.pdf", "header-tight-widgets-offset.pdf",
                                  "header-tight-leader-widgets.pdf"])
def test_widgets_draw_the_number_and_the_day(files, name: str) -> None:
    """Widgets on the baseline, 4 pt above it with a sheared (synthetic italic) matrix, or over
    leader dots: the number and the day land in their blanks."""
    doc = _doc(files[name])
    assert doc.facts.number == "565" and doc.facts.date == "2024-11-06"
    (date,) = _role(doc, "dia-danh-ngay")
    assert date.text == "Thành phố Quảng Ngãi, ngày 06 tháng 11 năm 2024"
    day = next(r for r in date.runs if r.text.strip() == "06")
    assert day.from_signature and day.italic  # italic font, or sheared by the text matrix
    (so,) = _role(doc, "so-ky-hieu")
    assert so.text == "Số: 565/TB-UBND-KGVX"
    assert abs(so.top - date.top) < 1.0  # the stamp sits on the line it fills


def test_unsigned_header_and_interleaved_signature_block_checks(files) -> None:
    """No false errors from the layout itself: the blank number/day of an unsigned file is a
    draft matter (info), the Nơi nhận list beside TL./KT./title lines is read as such."""
    res = check_path(files["header-tight.pdf"])
    st = res.statuses
    for rule in ("ND30-QH-TEXT", "ND30-TN-TEXT", "ND30-SIGN-AUTHORITY", "ND30-SIGN-NAME", "ND30-NN-LABEL",
                 "ND30-STRUCTURE-REQUIRED", "ND30-DATE-STYLE"):
        assert st[rule] == "pass", (rule, [f for f in res.findings if f.rule == rule])
    assert not [f for f in res.findings if f.rule in ("ND30-SO-FORMAT", "ND30-DATE-FORMAT") and f.severity == "error"]
    doc = _doc(files["header-tight.pdf"])
    assert [p.text for p in doc.paragraphs if p.role in ("quyen-han", "chuc-vu")] == [
        "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert [p.role for p in doc.paragraphs if p.role and p.role.startswith("noi-nhan")] == ["noi-nhan"] + ["noi-nhan-item"] * 4
    assert _role(doc, "ho-ten")[0].text == "Phùng Tô Long"


def test_stacked_authority_lines_with_offset_centres(files) -> None:
    """DevExpress centres 'KT. BỘ TRƯỞNG' and 'THỨ TRƯỞNG' 5 pt apart; a title filling its cell
    under 'KT. CHÁNH VĂN PHÒNG': each authority line is a paragraph of its own."""
    texts = [p.text for p in read_pdf(files["stacked-offset-centres.pdf"]).paragraphs]
    for t in ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"):
        assert t in texts, texts


def test_tounicode_blanks_for_inked_glyphs_are_read_from_the_font(files) -> None:
    doc = read_pdf(files["word2010-blank-cmap.pdf"])
    assert doc.paragraphs[0].text == "UBND TỈNH BÌNH THUẬN Hiệp hội Doanh nghiệp"


def test_overdrawn_space_white_anchor_footnote_and_subscripts(files) -> None:
    doc = read_pdf(files["anchors-footnotes-subscripts.pdf"])
    texts = [p.text for p in doc.paragraphs]
    assert "CỘNG HÒA" in texts  # the neighbour's space drawn across "Ộ" splits nothing
    assert not any("VVV" in t for t in texts) and any("white characters" in n for n in doc.reader_notes)
    (note,) = [p for p in doc.paragraphs if p.text.startswith("1 UBND")]
    assert note.container == "footer" and note.extra.get("footnote")
    assert all(p.container == "body" for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    formula = next(p for p in doc.paragraphs if p.text.startswith("Ttb"))
    assert [(r.text.strip(), r.script) for r in formula.runs if r.size and r.size < 10] == [
        ("tb", "sub"), ("tt", "sub"), ("tt", "sub")]


def test_tagged_pdf_cells_split_a_line_geometry_cannot(files, monkeypatch) -> None:
    """Số and date one space apart, same look, no rows around: the structure tree's two TD
    cells cut the line; without the tags it stays one line (the cue is what splits it)."""
    doc = read_pdf(files["tagged-header-one-space.pdf"])
    texts = [p.text for p in doc.paragraphs]
    assert "Số: 1925/STC-HTDN" in texts and "Bình Thuận, ngày 19 tháng 5 năm 2025" in texts, texts
    import nd30check.readers.pdf.reader as R

    monkeypatch.setattr(R, "_is_tagged", lambda reader: False)
    merged = [p.text for p in read_pdf(files["tagged-header-one-space.pdf"]).paragraphs]
    assert any("HTDN Bình Thuận" in t for t in merged), merged
