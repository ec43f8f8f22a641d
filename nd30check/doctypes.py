"""Document types of Điều 7 and their Phụ lục III abbreviations (pure data; comparisons use text.fold)."""

from __future__ import annotations

from .text.fold import LOOKALIKES, fold  # noqa: F401  (re-exported: the comparison form of type names)

# (abbreviation, type name in capitals as it appears as tên loại)
TYPES: list[tuple[str, str]] = [
    ("NQ", "NGHỊ QUYẾT"),
    ("QĐ", "QUYẾT ĐỊNH"),
    ("CT", "CHỈ THỊ"),
    ("QC", "QUY CHẾ"),
    ("QyĐ", "QUY ĐỊNH"),
    ("TC", "THÔNG CÁO"),
    ("TB", "THÔNG BÁO"),
    ("HD", "HƯỚNG DẪN"),
    ("CTr", "CHƯƠNG TRÌNH"),
    ("KH", "KẾ HOẠCH"),
    ("PA", "PHƯƠNG ÁN"),
    ("ĐA", "ĐỀ ÁN"),
    ("DA", "DỰ ÁN"),
    ("BC", "BÁO CÁO"),
    ("BB", "BIÊN BẢN"),
    ("TTr", "TỜ TRÌNH"),
    ("HĐ", "HỢP ĐỒNG"),
    ("CĐ", "CÔNG ĐIỆN"),
    ("BGN", "BẢN GHI NHỚ"),
    ("BTT", "BẢN THỎA THUẬN"),
    ("GUQ", "GIẤY ỦY QUYỀN"),
    ("GM", "GIẤY MỜI"),
    ("GGT", "GIẤY GIỚI THIỆU"),
    ("GNP", "GIẤY NGHỈ PHÉP"),
    ("PG", "PHIẾU GỬI"),
    ("PC", "PHIẾU CHUYỂN"),
    ("PB", "PHIẾU BÁO"),
]
COPY_TYPES: list[tuple[str, str]] = [("SY", "SAO Y"), ("TrS", "TRÍCH SAO"), ("SL", "SAO LỤC")]
CONG_VAN = "CV"  # công văn: no abbreviation in its symbol; this code is ours

ABBREVIATIONS: frozenset[str] = frozenset(a for a, _ in TYPES + COPY_TYPES)
NAME_TO_ABBR: dict[str, str] = {}
ABBR_TO_NAME: dict[str, str] = {a: n for a, n in TYPES + COPY_TYPES}
ABBR_TO_NAME[CONG_VAN] = "CÔNG VĂN"

# Multi-party types may sign in both columns; biên bản has no date line and two signers.
MULTI_PARTY = frozenset({"HĐ", "BGN", "BTT"})
NEEDS_CAN_CU = frozenset({"QĐ", "NQ"})
KINH_GUI_TYPES = frozenset({"CV", "TTr", "BC"})


for _abbr, _name in TYPES + COPY_TYPES:
    NAME_TO_ABBR[fold(_name)] = _abbr
# common spellings seen in practice
NAME_TO_ABBR[fold("BẢN THOẢ THUẬN")] = "BTT"
NAME_TO_ABBR[fold("GIẤY UỶ QUYỀN")] = "GUQ"


def abbr_for_name(name: str) -> str | None:
    """Abbreviation for a tên loại line such as "KẾ HOẠCH" (None if it is not a type name)."""
    return NAME_TO_ABBR.get(fold(name))
