"""Text patterns of structure recognition: pure functions, compiled once, reused by checks.

Everything here works on one line of text and knows nothing about layout. Patterns are
tolerant on purpose (a missing colon, an en dash, extra spaces, "HOÀ"/"HÒA"): structure
recognition only *labels* lines; the checks judge whether the text is right.
"""

from __future__ import annotations

import re
import unicodedata

from ..doctypes import ABBREVIATIONS
from ..text.dates import DateLine, iso_date, looks_like_date_line, parse_date_line
from ..text.dates import digits as _digits
from ..text.fold import fold
from ..text.fold import strip_accents as ascii_fold
from ..text.numbers import SoLine, parse_so_line

__all__ = [
    "SoLine", "DateLine", "fold", "ascii_fold", "parse_so_line", "parse_date_line", "parse_kem_theo",
    "line_kind", "is_quoc_hieu", "is_tieu_ngu", "is_caps", "is_placeholder", "iso_date",
    "is_khan_mat", "is_separator", "guess_type_from_symbol", "looks_like_date_line",
]


# --- line kinds (one anchored alternation, matched once per paragraph on folded text) ----------

_KIND_RE = re.compile(
    r"^(?:"
    r"(?P<so>SỐ\s*[:：;.]|SỐ\s+(?=[\d.…_/ ]*/)|SỐ\s+(?=\d{1,4}\s?[A-ZĐ][A-ZĐ0-9]*-[A-ZĐ0-9]+\s*$))"  # "/" lost
    r"|(?P<cancu>CĂN\s*CỨ\b)"
    r"|(?P<denghi>(?:THEO|XÉT)\s+(?:ĐỀ\s*NGHỊ|ĐỀ\s*XUẤT|TỜ\s*TRÌNH|BÁO\s*CÁO|Ý\s*KIẾN|KẾT\s*QUẢ)|XÉT\s+(?:ĐƠN|HỒ\s*SƠ|NHU\s*CẦU))"
    r"|(?P<kinhgui>KÍNH\s*GỬI\b|KÍNH\s*GỞI\b)"
    r"|(?P<noinhan>NƠI\s*NHẬN\s*(?:[:.]|$))"
    r"|(?P<vv>V\s*/\s*V\b|V\.V\b)"
    r"|(?P<dieu>ĐIỀU\s+(?:\d+|[.…]+))"
    r"|(?P<phan>(?:PHẦN|CHƯƠNG)\s+(?:[IVXLC]+|\d+|THỨ\s+\S+)\b)"
    r"|(?P<muc>(?:TIỂU\s+MỤC|MỤC)\s+(?:\d+|[IVXLC]+)\b)"
    r"|(?P<phuluc>PHỤ\s*LỤC\b)"
    r"|(?P<kemtheo>\(?\s*(?:BAN\s+HÀNH\s+)?KÈM\s+THEO\b)"
    r"|(?P<prefix>(?:TM|KT|TL|TUQ|T/M|K/T|T/L|T\.M|K\.T|T\.L)\s*[.:]?\s+(?=\S)|(?:TM|KT|TL|TUQ|Q)\s*\.\s*(?=\S))"
    r"|(?P<roman>[IVXLC]{1,6}\s*[.)]\s*(?=\S))"
    r"|(?P<numbered>\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s+(?=\S)|\d{1,2}(?:\.\d{1,2})+\.?(?=\S))"
    r"|(?P<address>(?:ĐỊA\s*CHỈ|TRỤ\s*SỞ|ĐT|ĐIỆN\s*THOẠI|FAX|E-?MAIL|WEBSITE|WEB)\s*[:.]|(?:ĐT|FAX)\s+\d)"
    r")"
)


#: a Phần/Chương heading as OCR reads it: its Roman numeral's strokes taken for "H" ("II"),
#: "IH"/"HI" ("III"), "1", "l" or "|" — the label alone on its line or before its punctuation —
#: or not read at all ("Phần I" read "Phần": a lone "I" is a thin stroke Tesseract may leave
#: unread); a line of the one word "Phần" or "Chương" is no sentence of running text
_OCR_PHAN_RE = re.compile(r"^(?:PHẦN|CHƯƠNG)(?:\s+[IVXLCH1|]{1,5}(?=\s*(?:[.:\-–—]|$))|\s*[.:]?\s*$)")


#: a Roman-numbered heading's label as OCR reads it ("III." → "HI.", "II." → "H.", "I." → "1I."):
#: the same strokes, at least one of them taken for a letter that is no numeral
_OCR_ROMAN_RE = re.compile(r"^(?=[IVX]*[H1|])[IVXH1|]{1,5}\s*\.\s+(?=\S)")


def ocr_line_kind(up: str) -> str | None:
    """:func:`line_kind` of a line read by OCR: the same kinds, with Roman numerals as OCR
    misreads them in a Phần/Chương heading and in a Roman-numbered heading's label (labelling
    only: whether the label is right stays the heading rule's call)."""
    kind = line_kind(up)
    if kind is None and _OCR_PHAN_RE.match(up):
        return "phan"
    if kind is None and _OCR_ROMAN_RE.match(up):
        return "roman"
    return kind


def line_kind(up: str) -> str | None:
    """Kind of a line from its start (``up`` is :func:`fold` text): "so", "cancu", "denghi",
    "kinhgui", "noinhan", "vv", "dieu", "phan", "muc", "phuluc", "kemtheo", "prefix", "roman",
    "numbered", "address" or None."""
    m = _KIND_RE.match(up)
    return m.lastgroup if m else None


def is_quoc_hieu(ax: str) -> bool:
    """``ax`` = ascii_fold(fold(text)): the line *is* the Quốc hiệu (possibly with wrong words),
    not a sentence that cites it ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")."""
    if len(ax) > 50:
        return False
    k = ax.find("CONG HOA")
    if 0 <= k <= 3:
        return "VIET NAM" in ax or "XA HOI" in ax or "CHU NGHIA" in ax
    return "XA HOI CHU NGHIA" in ax and "VIET NAM" in ax and ax.find("XA HOI") <= 3


def is_tieu_ngu(ax: str) -> bool:
    """The line is the Tiêu ngữ (tolerating dashes, spacing and case), not a sentence quoting it."""
    if len(ax) > 45:
        return False
    k = ax.find("DOC LAP")
    if 0 <= k <= 3:
        return "TU DO" in ax or "HANH PHUC" in ax
    return "TU DO" in ax and "HANH PHUC" in ax and ax.find("TU DO") <= 3


def is_caps(shown: str) -> bool:
    """All letters are capitals (and there is at least one letter)."""
    return shown.upper() == shown and shown.lower() != shown


_PLACEHOLDER_RE = re.compile(r"^\(.*(?:KÝ|DẤU|SIGNED|SIGNATURE|CHỮ\s*KÝ)|^\(?\s*ĐÃ\s*KÝ\s*\)?$|^\(?\s*KÝ\s*TÊN\s*\)?$")


def is_placeholder(up: str) -> bool:
    """Signature placeholder such as "(Đã ký)", "(Chữ ký, dấu)", "(Ký, ghi rõ họ tên)"."""
    return bool(_PLACEHOLDER_RE.match(up))


_KHAN_MAT = frozenset(fold(t) for t in ("HỎA TỐC", "HOẢ TỐC", "HỎA TỐC HẸN GIỜ", "THƯỢNG KHẨN", "KHẨN",
                                        "MẬT", "TỐI MẬT", "TUYỆT MẬT"))


def is_khan_mat(up: str) -> bool:
    return up.strip(" .:;!") in _KHAN_MAT


# box drawing (U+2500–U+257F: "────", "━━━", "═══"), horizontal bars and overlines too
_LINE_CHARS = "_\\-–—=~*\u2012\u2015\u23af\u00af\u2500-\u257f"
_SEPARATOR_RE = re.compile(rf"^[\s{_LINE_CHARS}]{{3,}}$")
_LINE_CHAR_RE = re.compile(rf"[{_LINE_CHARS}]")


def is_separator(text: str) -> bool:
    """A line drawn with characters ("_______", "-----", "────") rather than a shape or border."""
    return bool(_SEPARATOR_RE.match(text)) and bool(_LINE_CHAR_RE.search(text))


# --- Số, ký hiệu (the grammar is nd30check.text.numbers) ----------------------------------------


def guess_type_from_symbol(symbol: str | None) -> str | None:
    """Type abbreviation from the symbol's first group ("KH-UBND" → "KH"), if it is one."""
    if not symbol:
        return None
    first = symbol.split("-", 1)[0].strip()
    if first in ABBREVIATIONS:
        return first
    return None


# --- "(Kèm theo … số … ngày …)" ----------------------------------------------------------------

_KEM_RE = re.compile(r"^\W*(?:ban\s+hành\s+)?kèm\s+theo\s+(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_KEM_SO_RE = re.compile(r"\bsố\s*:?\s*(?P<ns>[^\s,;()]*(?:\s*/\s*[^\s,;()]+)?)", re.IGNORECASE)
_KEM_DATE_RE = re.compile(
    r"ngày\s*(?P<d>[\d…._ ]*?)\s*(?:tháng\s*|/)(?P<m>[\d…._ ]*?)\s*(?:năm\s*|/)(?P<y>[\d…._]*)", re.IGNORECASE)
_KEM_DATE_SLASH_RE = re.compile(r"ngày\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", re.IGNORECASE)


def parse_kem_theo(text: str) -> dict[str, str | None] | None:
    """Parse an appendix reference line "(Kèm theo Kế hoạch số 05/KH-UBND ngày 08 tháng 5 năm
    2026 của …)" → {"type", "number_symbol", "date", "issuer"}; blank parts are None."""
    t = " ".join(unicodedata.normalize("NFC", text).split())
    m = _KEM_RE.match(t)
    if not m:
        return None
    rest = m.group("rest").rstrip(" )")
    out: dict[str, str | None] = {"type": None, "number_symbol": None, "date": None, "issuer": None}
    so = _KEM_SO_RE.search(rest)
    dm = _KEM_DATE_SLASH_RE.search(rest) or _KEM_DATE_RE.search(rest)
    cut = min(x.start() for x in (so, dm) if x) if (so or dm) else None
    typ = (rest[:cut] if cut is not None else rest).strip(" ,;")
    if typ:
        out["type"] = typ
    if so:
        ns = "".join(so.group("ns").split()).rstrip(".,;")
        num, _, sym = ns.partition("/")
        if num.isdigit() and sym and not set(sym) <= set(".…_-"):
            out["number_symbol"] = ns
    if dm:
        out["date"] = iso_date(_digits(dm.group("d")), _digits(dm.group("m")), _digits(dm.group("y")))
    ci = re.search(r"\bcủa\s+(.+)$", rest, re.IGNORECASE)
    if ci:
        issuer = ci.group(1).strip(" .;…)")
        out["issuer"] = issuer or None
    return out
