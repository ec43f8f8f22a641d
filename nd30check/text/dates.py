"""The date line grammar: "<Địa danh>, ngày DD tháng MM năm YYYY" (ô 4), one parser for
recognition and for the checks.

:func:`parse_date` splits a line into its lexical parts as typed (the place, the comma, the
words "ngày"/"tháng"/"năm" with their case, the three values, anything after the year);
:func:`parse_date_line` is the recognition view — place, digits and the ISO date when the line
ends with the year — tolerant of a missing comma and blank parts.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import NamedTuple

_DATE = re.compile(
    r"^(?P<place>.*?)\s*(?P<comma>,?)\s*(?P<ngay>ngày)\s*(?P<d>[^\s]*?)\s*(?P<thang>tháng)\s*(?P<m>[^\s]*?)\s*"
    r"(?P<nam>năm)\s*(?P<y>[^\s]*)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ANY = re.compile(r"ngày\b.{0,16}?tháng\b.{0,16}?năm\b", re.IGNORECASE)


class DateParts(NamedTuple):
    """A date line split as typed (text already NFC and single-spaced)."""

    place: str
    comma: str
    ngay: str
    d: str
    thang: str
    m: str
    nam: str
    y: str
    rest: str


class DateLine(NamedTuple):
    """A recognised date line; ``iso`` is None unless it is a real calendar date with all three
    parts present."""

    place: str | None
    day: str | None
    month: str | None
    year: str | None
    has_comma: bool
    iso: str | None


def normalise(text: str) -> str:
    """NFC, every run of white space (no-break spaces included) one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_date(text: str) -> DateParts | None:
    """The parts of the first "… ngày … tháng … năm …" in the line; None when there is none."""
    m = _DATE.match(normalise(text))
    return DateParts(**m.groupdict()) if m else None


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


def digits(s: str | None) -> str | None:
    """The digits of a date part with blanks and dots around it dropped; None when not a number."""
    if not s:
        return None
    s = s.strip(".,;…_ ")
    return s if s.isdigit() else None


def parse_date_line(text: str) -> DateLine | None:
    """A date line as recognition reads it: the line must end with the year (a final "."
    allowed); when its first "ngày" does not lead to such an end, a later one may (the place
    then holds the words before it). A line with a "ngày … tháng … năm" that fits nowhere gives
    an empty DateLine; a line without one, None."""
    t = normalise(text)
    start = 0
    while (m := _DATE.match(t[start:])) is not None:
        if m["rest"] in ("", "."):
            place = (t[:start] + m["place"]).strip(" ,") or None
            d, mo, y = digits(m["d"]), digits(m["m"]), digits(m["y"])
            return DateLine(place, d, mo, y, bool(m["comma"]), iso_date(d, mo, y))
        start += m.end("ngay")  # try the next "ngày"
    if not _ANY.search(t):
        return None
    return DateLine(None, None, None, None, False, None)


def looks_like_date_line(text: str) -> bool:
    return bool(_ANY.search(text))
