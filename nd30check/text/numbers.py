"""The Số line grammar: "Số: 05/KH-UBND" (ô 3), one parser for recognition and for the checks.

:func:`parse_so` splits any line that starts with "Số" into its lexical parts, keeping what a
check must judge (the label as typed, the colon, the number and the symbol as written);
:func:`parse_so_line` is the recognition view — ``None`` unless the line really is a Số line
(a colon, or a "/" close after the label) — with the number and the symbol normalised.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_HEAD = re.compile(r"^\s*(?P<label>S[ốo])\s*(?P<colon>[:：;.]?)\s*", re.IGNORECASE)
_LEADING_DIGITS = re.compile(r"^(\d+)")
#: a number and a symbol with no "/" between them ("05KH-UBND", "05 KH-UBND"): the slash left
#: out, or lost by a scan's reading — still the Số line, and its missing "/" a finding
_NO_SLASH = re.compile(r"^(\d{1,4})\s?([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)+)$")


class SoParts(NamedTuple):
    """A line starting with "Số", split as typed.

    ``num``/``sym``: the text before and after the first "/" (stripped); without a "/", a
    leading run of digits is the number and the rest the symbol. ``number`` is the leading
    digits of ``num`` (None when the number is left blank), ``symbol`` the symbol without
    spaces or trailing punctuation (None when blank); ``rest`` is everything after the colon."""

    label: str
    colon: str
    rest: str
    num: str
    slash: str
    sym: str
    number: str | None
    symbol: str | None
    raw_symbol: str | None

    @property
    def number_symbol(self) -> str | None:
        return f"{self.number}/{self.symbol}" if self.number and self.symbol else None


class SoLine(NamedTuple):
    """A recognised "Số: 05/KH-UBND" line. ``number`` is None when left blank (drafts, or filled
    later by the signature stamp); ``symbol`` has spaces removed, ``raw_symbol`` keeps them."""

    number: str | None
    symbol: str | None
    number_symbol: str | None
    has_colon: bool
    raw_symbol: str | None


def parse_so(text: str) -> SoParts | None:
    """The parts of a line that starts with "Số"/"So" (any case); None otherwise."""
    t = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()
    m = _HEAD.match(t)
    if not m:
        return None
    rest = t[m.end():].strip()
    if "/" in rest:
        left, right = rest.split("/", 1)
        num, slash, sym = left.strip(), "/", right.strip()
        nm = _LEADING_DIGITS.match(num)
        number = nm.group(1) if nm else None
        raw_symbol = sym or None
    else:
        tok = rest.split(None, 1)
        glued = _NO_SLASH.match(rest)
        if glued:
            num, sym = glued.group(1), glued.group(2)
        elif tok and tok[0].isdigit():
            num, sym = tok[0], (tok[1].strip() if len(tok) > 1 else "")
        else:
            num, sym = "", rest
        slash = ""
        nm = _LEADING_DIGITS.match(rest)
        number = nm.group(1) if nm else None
        raw_symbol = None
    symbol = "".join(raw_symbol.split()).rstrip(".,;") if raw_symbol else None
    return SoParts(m["label"], m["colon"], rest, num, slash, sym, number, symbol or None, raw_symbol)


def parse_so_line(text: str) -> SoLine | None:
    """A Số line as recognition reads it; None when the text is not one (it needs "Số" and a
    colon, or a "/" within the first 25 characters after the label)."""
    parts = parse_so(text)
    if parts is None:
        return None
    colon = parts.colon in (":", "：")
    rest = parts.rest
    if not colon and "/" not in rest[:25] and not _NO_SLASH.match(rest):
        return None
    if not colon and rest and not (rest[0].isdigit() or rest[0] in "/.…_ "):
        return None
    symbol = parts.symbol if parts.raw_symbol else None
    number_symbol = f"{parts.number}/{symbol}" if parts.number and symbol else None
    return SoLine(parts.number, symbol, number_symbol, colon, parts.raw_symbol)
