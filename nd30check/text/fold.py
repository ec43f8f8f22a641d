"""Folding Vietnamese text for comparison: one home for each way of making two spellings equal.

* :func:`fold` — the comparison form that *keeps* the diacritics: NFC, upper case, the old and
  new tone placements made equal ("HOÀ" = "HÒA", "UỶ" = "ỦY"), spaces collapsed. For matching
  fixed wordings (Quốc hiệu, type names, agency heads) whose accents matter.
* :func:`strip_accents` — the text without diacritics ("CỘNG HÒA" → "CONG HOA", đ → d): for
  pattern matching that must survive missing accents (G1 certificates, typed file names).
* :func:`match_key` — lower case without accents, punctuation as spaces, "&" as "va": the key
  names are compared by (certificates against headers).
* :func:`has_accents` — whether a text carries any Vietnamese diacritic (an unaccented name is
  compared unaccented).
"""

from __future__ import annotations

import re
import unicodedata

# Old ("hoà", "uỷ") and new ("hòa", "ủy") tone placements, in capitals (fold upper-cases first).
_TONE_PAIRS = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA", "UỶ": "ỦY", "UÝ": "ÚY", "UỲ": "ÙY",
               "UỸ": "ŨY", "UỴ": "ỤY", "OÈ": "ÒE", "OÉ": "ÓE", "OẺ": "ỎE", "OẼ": "ÕE", "OẸ": "ỌE"}
_TONE_RE = re.compile("|".join(_TONE_PAIRS))


def fold_upper(text: str) -> str:
    """:func:`fold` for text already NFC and single-spaced (the structure pass folds every
    paragraph once: this skips the normalisation it does not need)."""
    up = text.upper()
    if _TONE_RE.search(up):
        up = _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group()], up)
    return up


# Letters that print like Vietnamese ones but are other code points: the Icelandic eth "Ð/ð"
# (U+00D0/U+00F0) left for "Đ/đ" (U+0110/U+0111) by legacy-font conversions and some keyboards.
LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})


def fold(text: str) -> str:
    """Upper case, NFC, with "HOÀ"/"HÒA"-style accent placements and look-alike letters made
    equal, spaces collapsed."""
    return " ".join(fold_upper(unicodedata.normalize("NFC", text).translate(LOOKALIKES)).split())


def _ascii_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    table[ord("Đ")] = "D"
    table[ord("đ")] = "d"
    table[ord("Ð")] = "D"  # the eth look-alike typed for Đ (see LOOKALIKES)
    table[ord("ð")] = "d"
    return table


_ASCII = _ascii_table()


def strip_accents(text: str) -> str:
    """Text without Vietnamese diacritics, case kept ("Cộng hòa" → "Cong hoa", "Đ" → "D").

    Fast for NFC text (one ``str.translate``); decomposed input (combining marks left after the
    table) is decomposed and its marks dropped, so NFC and NFD spellings give the same result."""
    out = text.translate(_ASCII)
    if not out.isascii() and any(unicodedata.combining(c) for c in out):
        out = "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))
        out = out.translate(_ASCII)
    return out


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def match_key(text: str | None) -> str:
    """Case, accents and đ folded; "&" read as "va"; punctuation becomes space; spaces collapsed."""
    if not text:
        return ""
    text = strip_accents(unicodedata.normalize("NFC", text)).lower()
    text = text.replace("&", " va ")
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split())


def has_accents(text: str | None) -> bool:
    """Does the text carry any Vietnamese diacritic (or đ)?"""
    if not text:
        return False
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)) or "đ" in text.lower()
