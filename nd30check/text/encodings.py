"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC) and VNI Windows, to and from Unicode.

Before Unicode (TCVN 6909:2001) offices typed Vietnamese in fonts that draw Vietnamese
letters in place of Latin-1 characters. Word stores such text as the Latin-1 characters
themselves, so a paragraph typed "ỦY BAN NHÂN DÂN" in ``.VnTimeH`` reads "ñy ban nh©n d©n" —
structure recognition finds nothing until the text is decoded.

* **TCVN3 (ABC)**, TCVN 5712:1993 table VN3, fonts ``.VnTime``, ``.VnArial``… One byte per
  letter. It has no room for the capital letters with tone marks: those are typed with the
  lower-case codes in a *capital* font (``.VnTimeH``, ``.VnArialH``…), which draws every letter
  as a capital. Capitals without tone marks (Ă Â Đ Ê Ô Ơ Ư) have their own codes.
* **VNI Windows**, fonts ``VNI-Times``, ``VNI-Helve``…: a base letter followed by a mark
  character (``a`` + ``ù`` = á, ``A`` + ``Ù`` = Á); a few letters are single characters
  (``ñ`` = đ, ``ô`` = ơ, ``ö`` = ư, ``æ`` = ỉ …).

The tables below are written as (base letter, codes of its five toned forms in the order
grave, hook, tilde, acute, dot below). Verified against two independent public converter
tables (WinVNKey/VBKey-style code tables and a TCVN3 → Unicode C# table) and by round trips
over the whole alphabet in ``tests/test_encodings.py``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "TCVN3", "VNI", "legacy_encoding", "is_capital_font", "is_legacy_text", "decode", "decode_tcvn3",
    "decode_vni", "encode_tcvn3", "encode_vni", "VIETNAMESE_LETTERS",
]

TCVN3 = "TCVN3"
VNI = "VNI"

# Tone marks as combining characters, in the order the tables use.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot below


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# The twelve vowels with their untoned TCVN3 code, then the codes of the five toned forms.
_TCVN3_VOWELS: tuple[tuple[str, str, str], ...] = (
    ("a", "a", "\xb5\xb6\xb7\xb8\xb9"),
    ("ă", "\xa8", "\xbb\xbc\xbd\xbe\xc6"),
    ("â", "\xa9", "\xc7\xc8\xc9\xca\xcb"),
    ("e", "e", "\xcc\xce\xcf\xd0\xd1"),
    ("ê", "\xaa", "\xd2\xd3\xd4\xd5\xd6"),
    ("i", "i", "\xd7\xd8\xdc\xdd\xde"),
    ("o", "o", "\xdf\xe1\xe2\xe3\xe4"),
    ("ô", "\xab", "\xe5\xe6\xe7\xe8\xe9"),
    ("ơ", "\xac", "\xea\xeb\xec\xed\xee"),
    ("u", "u", "\xef\xf1\xf2\xf3\xf4"),
    ("ư", "\xad", "\xf5\xf6\xf7\xf8\xf9"),
    ("y", "y", "\xfa\xfb\xfc\xfd\xfe"),
)
# Capitals that have their own code (no tone mark), and đ.
_TCVN3_OTHER = {"đ": "\xae", "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7"}


def _tcvn3_tables() -> tuple[dict[str, str], dict[str, str]]:
    dec: dict[str, str] = {}
    for vowel, plain, toned in _TCVN3_VOWELS:
        if plain != vowel:
            dec[plain] = vowel
        for tone, code in zip(_TONES, toned):
            dec[code] = _nfc(vowel + tone)
    for letter, code in _TCVN3_OTHER.items():
        dec[code] = letter
    enc = {u: c for c, u in dec.items()}
    return dec, enc


_TCVN3_DEC, _TCVN3_ENC = _tcvn3_tables()

# VNI: how each vowel is written untoned, then its five toned forms (lower case).
_VNI_VOWELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("a", "a", ("aø", "aû", "aõ", "aù", "aï")),
    ("ă", "aê", ("aè", "aú", "aü", "aé", "aë")),
    ("â", "aâ", ("aà", "aå", "aã", "aá", "aä")),
    ("e", "e", ("eø", "eû", "eõ", "eù", "eï")),
    ("ê", "eâ", ("eà", "eå", "eã", "eá", "eä")),
    ("i", "i", ("ì", "æ", "ó", "í", "ò")),
    ("o", "o", ("oø", "oû", "oõ", "où", "oï")),
    ("ô", "oâ", ("oà", "oå", "oã", "oá", "oä")),
    ("ơ", "ô", ("ôø", "ôû", "ôõ", "ôù", "ôï")),
    ("u", "u", ("uø", "uû", "uõ", "uù", "uï")),
    ("ư", "ö", ("öø", "öû", "öõ", "öù", "öï")),
    ("y", "y", ("yø", "yû", "yõ", "yù", "î")),
)


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    forms = [("đ", "ñ")]
    for vowel, plain, toned in _VNI_VOWELS:
        forms.append((vowel, plain))
        forms.extend((_nfc(vowel + t), code) for t, code in zip(_TONES, toned))
    dec: dict[str, str] = {}
    enc: dict[str, str] = {}
    for letter, code in forms:
        for lt, cd in ((letter, code), (letter.upper(), code.upper())):
            enc[lt] = cd
            if cd != lt:  # ì and í are written as themselves
                dec[cd] = lt
    return dec, enc


_VNI_DEC, _VNI_ENC = _vni_tables()
_VNI_PAIRS = {k: v for k, v in _VNI_DEC.items() if len(k) == 2}
_VNI_SINGLE = {k: v for k, v in _VNI_DEC.items() if len(k) == 1}

VIETNAMESE_LETTERS: str = "".join(sorted(
    {ch for vowel, _, _ in _TCVN3_VOWELS for ch in [vowel] + [_nfc(vowel + t) for t in _TONES]} | {"đ"}
)) + "bcdghklmnpqrstvx"
"""Every lower-case letter of the Vietnamese alphabet with each tone (precomposed), ASCII ones too."""

# --------------------------------------------------------------------------- fonts

_TCVN3_FONT = re.compile(r"^\.?vn[a-z]", re.I)  # .VnTime, .VnTimeH, .VnArial, VnTime (PDF base name)
_VNI_FONT = re.compile(r"^vni[-_ ]", re.I)  # VNI-Times, VNI-Helve, VNI Times
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"[,-](bold|italic|bolditalic|regular|oblique)$", re.I)


def _family(font: str) -> str:
    name = _SUBSET.sub("", font.strip())
    name = _STYLE_SUFFIX.sub("", name.split(",")[0])
    return name.strip()


def legacy_encoding(font: str | None) -> str | None:
    """``"TCVN3"`` or ``"VNI"`` when ``font`` is a font of that legacy encoding, else None."""
    if not font:
        return None
    fam = _family(font)
    if _VNI_FONT.match(fam):
        return VNI
    if _TCVN3_FONT.match(fam) and not fam.lower().startswith(("vni", "vnu")):
        return TCVN3
    return None


def is_capital_font(font: str | None) -> bool:
    """A TCVN3 capital font (``.VnTimeH``, ``.VnArialH``): draws lower-case codes as capitals."""
    if not font or legacy_encoding(font) != TCVN3:
        return False
    fam = re.sub(r"\s+", "", _family(font))
    return bool(re.search(r"[a-z]H$", fam))


# --------------------------------------------------------------------------- decoding

def _as_byte_char(ch: str) -> str:
    """A symbol-font character Word keeps in the private use area (U+F0xx) → its byte."""
    o = ord(ch)
    return chr(o - 0xF000) if 0xF020 <= o <= 0xF0FF else ch


def is_legacy_text(text: str) -> bool:
    """True when ``text`` can be legacy-coded: no character beyond Latin-1 (a Unicode
    Vietnamese letter such as ư or ộ means the text was typed in Unicode already)."""
    return all(ord(c) < 0x100 or 0xF020 <= ord(c) <= 0xF0FF for c in text)


def decode_tcvn3(text: str, capital: bool = False) -> str:
    """TCVN3 text (as Latin-1 characters) → Unicode NFC; ``capital`` for a capital font."""
    out = "".join(_TCVN3_DEC.get(_as_byte_char(c), _as_byte_char(c)) for c in text)
    return out.upper() if capital else out


def decode_vni(text: str) -> str:
    """VNI Windows text (as Latin-1 characters) → Unicode NFC. A mark after a base letter of
    the other case is accepted too ("Aù" → "Á"): clerks mix Shift states."""
    s = "".join(_as_byte_char(c) for c in text)
    out: list[str] = []
    i = 0
    n = len(s)
    while i < n:
        pair = s[i:i + 2]
        if len(pair) == 2:
            hit = _VNI_PAIRS.get(pair)
            if hit is None and pair[0].isalpha():
                mixed = _VNI_PAIRS.get(pair[0] + (pair[1].upper() if pair[0].isupper() else pair[1].lower()))
                hit = mixed
            if hit is not None:
                out.append(hit)
                i += 2
                continue
        out.append(_VNI_SINGLE.get(s[i], s[i]))
        i += 1
    return "".join(out)


def decode(text: str, encoding: str, capital: bool = False) -> str:
    if encoding == TCVN3:
        return decode_tcvn3(text, capital)
    if encoding == VNI:
        return decode_vni(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


# --------------------------------------------------------------------------- encoding (fixtures, tests)

def encode_tcvn3(text: str, capital: bool = False) -> str:
    """Unicode → TCVN3 (Latin-1 characters, as Word stores them).

    For a capital font (``capital=True``) every letter is written with its lower-case code,
    the way clerks typed headings in ``.VnTimeH``. In a normal font a capital with a tone mark
    has no code: it raises ``ValueError`` (there is no faithful way to write it)."""
    src = _nfc(text.lower() if capital else text)
    out = []
    for ch in src:
        if ch in _TCVN3_ENC:
            out.append(_TCVN3_ENC[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code in a {'capital' if capital else 'normal'} font")
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode → VNI Windows (Latin-1 characters)."""
    out = []
    for ch in _nfc(text):
        if ch in _VNI_ENC:
            out.append(_VNI_ENC[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} has no VNI code")
    return "".join(out)
