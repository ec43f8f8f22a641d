"""Text patterns of structure recognition: pure functions, compiled once, reused by checks.

Everything here works on one line of text and knows nothing about layout. Patterns are
tolerant on purpose (a missing colon, an en dash, extra spaces, "HOÀ"/"HÒA"): structure
recognition only *labels* lines; the checks judge whether the text is right.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import NamedTuple

from ..doctypes import ABBREVIATIONS, fold

__all__ = [
    "SoLine", "DateLine", "fold", "ascii_fold", "parse_so_line", "parse_date_line", "parse_kem_theo",
    "line_kind", "is_quoc_hieu", "is_tieu_ngu", "is_caps", "is_placeholder", "iso_date",
    "is_khan_mat", "is_separator", "guess_type_from_symbol",
]

# --- accent folding ------------------------------------------------------------------------

def _build_ascii_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    table[ord("Đ")] = "D"
    table[ord("đ")] = "d"
    table[ord("Ð")] = "D"  # the eth look-alike typed for Đ (see doctypes.LOOKALIKES)
    table[ord("ð")] = "d"
    return table


_ASCII = _build_ascii_table()


def ascii_fold(text: str) -> str:
    """Text without Vietnamese diacritics ("CỘNG HÒA" → "CONG HOA"); fast (str.translate)."""
    return text.translate(_ASCII)


# --- line kinds (one anchored alternation, matched once per paragraph on folded text) ----------

_KIND_RE = re.compile(
    r"^(?:"
    r"(?P<so>SỐ\s*[:：;.]|SỐ\s+(?=[\d.…_/ ]*/))"
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


# --- Số, ký hiệu -----------------------------------------------------------------------------

class SoLine(NamedTuple):
    """A parsed "Số: 05/KH-UBND" line. ``number`` is None when left blank (drafts, or filled
    later by the signature stamp); ``symbol`` has spaces removed, ``raw_symbol`` keeps them."""

    number: str | None
    symbol: str | None
    number_symbol: str | None
    has_colon: bool
    raw_symbol: str | None


_SO_HEAD_RE = re.compile(r"^\s*S[ốốỐỐoO]\s*([:：;.]?)\s*", re.IGNORECASE)
_SO_NUM_RE = re.compile(r"^(\d+)")


def parse_so_line(text: str) -> SoLine | None:
    """Parse a Số line; None when the text is not one (needs "Số" + a "/" or a colon)."""
    t = unicodedata.normalize("NFC", text).strip()
    m = _SO_HEAD_RE.match(t)
    if not m:
        return None
    head = t[: m.end()].strip()
    if not head[:2].lower().startswith("s"):
        return None
    rest = t[m.end():].strip()
    colon = m.group(1) in (":", "：")
    if not colon and "/" not in rest[:25]:
        return None
    if not colon and rest and not (rest[0].isdigit() or rest[0] in "/.…_ "):
        return None
    number: str | None = None
    raw_symbol: str | None = None
    if "/" in rest:
        left, right = rest.split("/", 1)
        nm = _SO_NUM_RE.match(left.strip())
        number = nm.group(1) if nm and left.strip().isdigit() else (nm.group(1) if nm else None)
        raw_symbol = right.strip() or None
    else:
        nm = _SO_NUM_RE.match(rest)
        number = nm.group(1) if nm else None
        raw_symbol = None
    symbol = "".join(raw_symbol.split()) if raw_symbol else None
    if symbol:
        symbol = symbol.rstrip(".,;")
    number_symbol = f"{number}/{symbol}" if number and symbol else None
    return SoLine(number, symbol, number_symbol, colon, raw_symbol)


def guess_type_from_symbol(symbol: str | None) -> str | None:
    """Type abbreviation from the symbol's first group ("KH-UBND" → "KH"), if it is one."""
    if not symbol:
        return None
    first = symbol.split("-", 1)[0].strip()
    if first in ABBREVIATIONS:
        return first
    return None


# --- date line -----------------------------------------------------------------------------

class DateLine(NamedTuple):
    """A parsed "<Place>, ngày DD tháng MM năm YYYY" line; ``iso`` is None unless it is a real
    calendar date with all three parts present."""

    place: str | None
    day: str | None
    month: str | None
    year: str | None
    has_comma: bool
    iso: str | None


_DATE_RE = re.compile(
    r"^(?P<place>.*?)(?P<comma>\s*,)?\s*ngày\s*(?P<d>[^\s]*?)\s*tháng\s*(?P<m>[^\s]*?)\s*năm\s*(?P<y>[^\s]*)\s*\.?\s*$",
    re.IGNORECASE,
)
_DATE_ANY_RE = re.compile(r"ngày\b.{0,16}?tháng\b.{0,16}?năm\b", re.IGNORECASE)


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date when the three parts are digits and form a real calendar date."""
    if not (day and month and year and day.isdigit() and month.isdigit() and year.isdigit()):
        return None
    d, m, y = int(day), int(month), int(year)
    if len(year) != 4 or not (1 <= m <= 12) or y < 1900:
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _digits(s: str | None) -> str | None:
    if not s:
        return None
    s = s.strip(".,;…_ ")
    return s if s.isdigit() else None


def parse_date_line(text: str) -> DateLine | None:
    """Parse a date line (tolerates a missing comma and blank parts); None if it is not one."""
    t = " ".join(unicodedata.normalize("NFC", text).split())
    m = _DATE_RE.match(t)
    if not m:
        if not _DATE_ANY_RE.search(t):
            return None
        return DateLine(None, None, None, None, False, None)
    place = m.group("place").strip(" ,") or None
    d, mo, y = _digits(m.group("d")), _digits(m.group("m")), _digits(m.group("y"))
    return DateLine(place, d, mo, y, bool(m.group("comma")), iso_date(d, mo, y))


def looks_like_date_line(text: str) -> bool:
    return bool(_DATE_ANY_RE.search(text))


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
