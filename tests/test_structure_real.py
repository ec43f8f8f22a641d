"""Structure recognition on real files: the decree's own templates (Phụ lục III .docx), read by
the real docx reader. The file holds a dozen model layouts one after another."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from nd30check.model import Role
from nd30check.structure import analyze

R = Role


@pytest.fixture(scope="module")
def templates(real_samples):
    from nd30check.readers.docx import read_docx

    doc = read_docx(str(real_samples / "nd30-phu-luc-III-official-templates.docx"))
    analyze(doc)
    return doc


def _texts(doc, role):
    return [p.text.strip() for p in doc.paragraphs if p.role == role]


def test_every_paragraph_gets_a_known_role(templates) -> None:
    known = set(Role.all())
    assert all(p.role in known for p in templates.paragraphs)


def test_headers_of_each_model_layout(templates) -> None:
    # 13 layouts carry the Quốc hiệu block (Mẫu 1.1–1.10, the two attached-text models, 3.1, 3.2)
    qh = _texts(templates, R.QUOC_HIEU)
    assert len(qh) == 14 and all("VIỆT NAM" in t for t in qh)
    assert len(_texts(templates, R.TIEU_NGU)) == 14
    assert all(t.startswith("Số") for t in _texts(templates, R.SO_KY_HIEU))
    assert len(_texts(templates, R.SO_KY_HIEU)) == 12
    assert len(_texts(templates, R.DIA_DANH_NGAY)) == 11  # no date line on Biên bản nor the attached texts
    assert all(t.startswith("TÊN C") for t in _texts(templates, R.CQ_CHU_QUAN))
    assert len(_texts(templates, R.CQ_BAN_HANH)) == 14
    assert _texts(templates, R.VV) == ["V/v …...…6……….."]


def test_type_names_and_blocks(templates) -> None:
    names = Counter(t.rstrip("0123456789 ") for t in _texts(templates, R.TEN_LOAI))
    for n in ("NGHỊ QUYẾT", "CÔNG ĐIỆN", "GIẤY MỜI", "GIẤY GIỚI THIỆU", "BIÊN BẢN", "GIẤY NGHỈ PHÉP"):
        assert names[n] == 1, n
    assert names["QUYẾT ĐỊNH"] == 2 and names["TÊN LOẠI VĂN BẢN"] == 5
    assert "QUYẾT ĐỊNH:" not in _texts(templates, R.TEN_LOAI)
    assert all(t.startswith("THẨM QUYỀN") for t in _texts(templates, R.THAM_QUYEN))
    cc = _texts(templates, R.CAN_CU)
    assert sum(t.startswith("Căn cứ") for t in cc) == 6 and sum(t.startswith("Theo đề nghị") for t in cc) == 2
    assert _texts(templates, R.KINH_GUI) == ["Kính gửi:"]


def test_signature_blocks(templates) -> None:
    assert len(_texts(templates, R.NOI_NHAN)) == 13
    items = _texts(templates, R.NOI_NHAN_ITEM)
    assert all(t.startswith("-") for t in items) and sum(t.startswith("- Lưu") for t in items) == 13
    names = _texts(templates, R.HO_TEN)
    assert names.count("Họ và tên") == len(names) == 15  # Biên bản and Giấy nghỉ phép have two signers
    assert all(t.startswith("(") or t.startswith("dấu") for t in _texts(templates, R.CHU_KY))
    # Mẫu 3.1's copy block names the copying agency in the signature area; no role of its own
    assert all(t.startswith("QUYỀN HẠN") or t in ("THƯ KÝ", "CHỦ TỌA", "TÊN CƠ QUAN, TỔ CHỨC2")
               for t in _texts(templates, R.CHUC_VU))


def test_appendix_models_and_facts(templates) -> None:
    heads = _texts(templates, R.PL_HEADING)
    assert heads[0] == "Phụ lục III" and heads.count("Phụ lục …1...") == 2
    f = templates.facts
    # the file is itself Phụ lục III of the decree
    assert f.is_appendix
    assert f.appendix_ref == {"type": "Nghị định", "number_symbol": "30/2020/NĐ-CP", "date": "2020-03-05"}
    assert f.type == "NQ" and f.type_name == "NGHỊ QUYẾT"
    assert _texts(templates, R.PAGE_NUMBER)
    assert len(_texts(templates, R.TABLE_CELL)) > 80  # the abbreviation table


def test_fast_enough(templates) -> None:
    # ~970 paragraphs (about 30 pages of templates): analyze stays in the low milliseconds
    t0 = time.perf_counter()
    for _ in range(5):
        analyze(templates)
    ms = (time.perf_counter() - t0) / 5 * 1000
    assert ms < 60, f"{ms:.1f} ms"

