"""DOCX reader on real files: the decree's official templates (Phụ lục III), python-docx output,
and the committed samples when they exist. Also the speed budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES
from nd30check.model import MM, UnreadableError
from nd30check.readers import read_document
from nd30check.readers.docx import read_docx

TEMPLATES = "nd30-phu-luc-III-official-templates.docx"


@pytest.fixture(scope="module")
def templates(real_samples: Path):
    return read_docx(str(real_samples / TEMPLATES))


def test_quoc_hieu_font_size_bold_and_right_column(templates) -> None:
    qh = [p for p in templates.paragraphs if p.text.strip() == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert len(qh) >= 10  # one per model layout
    for p in qh:
        runs = p.visible_runs
        assert {r.font for r in runs} == {"Times New Roman"}
        assert all(r.bold for r in runs) and not any(r.italic for r in runs)
        assert (p.container, p.column, p.alignment) == ("table", "right", "center")
    # the decree's templates use 13 pt (12 in one model)
    assert sorted({p.runs[0].size for p in qh}) == [12.0, 13.0]


def test_header_tables_are_borderless_two_column_layouts(templates) -> None:
    qh = next(p for p in templates.paragraphs if p.text.strip() == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    table = templates.tables[qh.cell.table]
    assert (table.cols, table.has_borders, table.is_data_table) == (2, False, False)
    same = [p for p in templates.paragraphs if p.cell and p.cell.table == table.index]
    left = [p.text for p in same if p.column == "left"]
    right = [p.text for p in same if p.column == "right"]
    assert any(t.startswith("Số:") for t in left)
    assert "Độc lập - Tự do - Hạnh phúc" in right
    tieu_ngu = next(p for p in same if p.text == "Độc lập - Tự do - Hạnh phúc")
    assert tieu_ngu.runs[0].size == 14.0 and tieu_ngu.runs[0].bold
    date = next(p for p in same if "ngày" in p.text and "tháng" in p.text)
    assert date.runs[0].italic and date.column == "right"
    # the line under Tiêu ngữ is a paragraph of underscores here
    assert any(h.kind == "underline" for h in templates.hlines
               if templates.paragraphs[h.paragraph].cell and templates.paragraphs[h.paragraph].cell.table == table.index)


def test_noi_nhan_in_left_column(templates) -> None:
    nn = [p for p in templates.paragraphs if p.text.startswith("Nơi nhận")]
    assert nn and all(p.column == "left" for p in nn)
    assert all(r.bold and r.italic and r.size == 12.0 for r in nn[0].visible_runs)


def test_page_setup_and_page_number_field(templates) -> None:
    (s,) = templates.sections
    assert round(s.page_width / MM) == 210 and round(s.page_height / MM) == 297
    assert [round(v / MM, 1) for v in (s.margin_top, s.margin_bottom, s.margin_left, s.margin_right)] == [
        25.0, 20.0, 35.0, 20.0]
    assert s.orientation == "portrait" and s.title_page
    (f,) = s.page_numbers  # PAGE field in the default header; the first-page header is empty
    assert (f.where, f.alignment, f.size, f.font, f.first_page, f.arabic) == (
        "header", "center", 14.0, "Times New Roman", False, True)
    assert s.has_data_table  # the abbreviation tables have borders
    hdr = [p for p in templates.paragraphs if p.container == "header"]
    assert [p.extra["header_type"] for p in hdr if p.text] == ["default"]


def test_numbering_tracked_changes_and_pages(templates) -> None:
    labels = [p.numbering for p in templates.paragraphs if p.numbering]
    assert labels[:3] == ["1.", "2.", "3."]
    assert templates.tracked_changes == 0 and templates.comments == 0
    assert templates.paragraphs[0].page == 1 and templates.paragraphs[0].text == "Phụ lục III"
    assert templates.paragraphs[-1].page is None  # no rendered page marks: far paragraphs unknown
    assert [p.index for p in templates.paragraphs] == list(range(len(templates.paragraphs)))


def test_python_docx_output(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)
    h = d.add_paragraph("KẾ HOẠCH")
    h.runs[0].bold = True
    for i in range(3):
        d.add_paragraph(f"Nội dung {i}", style="List Number")
    t = d.add_table(rows=2, cols=3)
    t.style = d.styles["Table Grid"]
    t.cell(0, 0).text = "STT"
    d.add_page_break()
    d.add_paragraph("Trang hai")
    path = tmp_path / "pd.docx"
    d.save(str(path))
    doc = read_document(str(path))
    p0 = doc.paragraphs[0]
    assert p0.text == "KẾ HOẠCH" and p0.runs[0].bold and p0.runs[0].size == 14.0
    assert p0.runs[0].font == "Times New Roman" and p0.runs[0].font_source == "style:Normal"
    assert [p.numbering for p in doc.paragraphs[1:4]] == ["1.", "2.", "3."]
    assert doc.tables[0].has_borders and doc.tables[0].cols == 3  # borders from the table style
    assert doc.paragraphs[-1].text == "Trang hai" and doc.paragraphs[-1].page is None


def _samples() -> list[Path]:
    return sorted(SAMPLES.rglob("*.docx")) if SAMPLES.is_dir() else []


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_committed_samples_read(path: Path) -> None:
    if path.name.startswith("FILE-UNREADABLE"):
        with pytest.raises(UnreadableError):
            read_document(str(path))
        return
    doc = read_docx(str(path))
    assert doc.paragraphs and doc.sections
    assert all(p.index == i for i, p in enumerate(doc.paragraphs))
    assert all(h.paragraph is not None and 0 <= h.paragraph < len(doc.paragraphs) for h in doc.hlines)
    if path.name.startswith("FILE-TRACKED-CHANGES--ins-del"):
        assert doc.tracked_changes > 0
    elif path.name.startswith("FILE-TRACKED-CHANGES--comment"):
        assert doc.comments > 0
    elif path.parent.name == "compliant":
        assert doc.tracked_changes == 0 and doc.comments == 0
        # every compliant sample has a national title somewhere on the right
        qh = [p for p in doc.paragraphs if p.text.strip().upper().startswith("CỘNG HÒA XÃ HỘI")]
        assert all(p.column == "right" for p in qh)
