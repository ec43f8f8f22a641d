"""Header labelling of lines as a scan's reading gives them (structure/header.py).

A Số line typed without its colon ("Số 05/KH-UBND", the SO-FORMAT no-colon defect) whose "/"
the reading also lost reads "Số 05KH-UBND": neither mark that makes it a Số line is left. It
must not be taken for a third line of the agency's name (ND30-CQ-TEXT then failed on its
lower-case "ố" — a false error on salt f).
"""

from __future__ import annotations

import pytest

from nd30check.model import Role
from nd30check.structure import analyze
from test_structure import kh_table_layout


@pytest.mark.parametrize("text", ["Số 05KH-UBND", "Số 05 KH-UBND", "Số.05KH-UBND"])
def test_a_so_line_without_its_marks_is_not_an_agency_line(text: str) -> None:
    doc, _want = kh_table_layout()
    so = doc.paragraphs[4]
    so.runs[0].text = text
    analyze(doc)
    assert so.role not in (Role.CQ_BAN_HANH, Role.CQ_CHU_QUAN)
    assert doc.facts.agency == "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN"


def test_agency_names_starting_with_so_stay_agency_lines() -> None:
    doc, _want = kh_table_layout()
    doc.paragraphs[0].runs[0].text = "UBND TỈNH THÁI NGUYÊN"
    doc.paragraphs[1].runs[0].text = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    doc.paragraphs[2].runs[0].text = ""
    analyze(doc)
    assert doc.paragraphs[1].role == Role.CQ_BAN_HANH
