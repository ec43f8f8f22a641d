"""Comparing names on certificates with names in documents.

Certificates write ``Ủy ban nhân dân tỉnh Quảng Ngãi`` (sentence case, sometimes without
accents on G1 certificates: ``Uy ban nhan dan``); headers write ``UBND TỈNH QUẢNG NGÃI`` or
``ỦY BAN NHÂN DÂN`` / ``TỈNH QUẢNG NGÃI`` on two lines. Both sides are folded (NFC, case,
accents, đ/Đ → d, punctuation → space) and the usual abbreviations expanded before
comparing. Only whole tokens are expanded, so "TT" inside a word never changes.
"""

from __future__ import annotations

import re
import unicodedata

#: Abbreviations seen in agency names (folded form → folded expansion).
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "tp": "thanh pho",  # "TT" is left alone: trung tâm or thị trấn, the reader cannot tell
    "tx": "thi xa",
    "vp": "van phong",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
    "mn": "mam non",
    "gd dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "ldtb xh": "lao dong thuong binh va xa hoi",
    "tn mt": "tai nguyen va moi truong",
    "tnmt": "tai nguyen va moi truong",
    "nn ptnt": "nong nghiep va phat trien nong thon",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "kh cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "kh dt": "ke hoach va dau tu",
    "khdt": "ke hoach va dau tu",
    "vh tt dl": "van hoa the thao va du lich",
    "vhttdl": "van hoa the thao va du lich",
    "tt tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "gtvt": "giao thong van tai",
    "bch": "ban chap hanh",
    "cp": "chinh phu",
    "tw": "trung uong",
}

# "GD&ĐT", "VH,TT&DL": the same abbreviations with "và" between their groups.
for _key, _val in list(ABBREVIATIONS.items()):
    _parts = _key.split()
    if len(_parts) > 1:
        ABBREVIATIONS.setdefault(" ".join(_parts[:-1]) + " va " + _parts[-1], _val)
        ABBREVIATIONS.setdefault(" va ".join(_parts), _val)

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def fold(text: str | None) -> str:
    """Case, accents and đ folded; punctuation becomes space; spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " va ")
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split())


def _expand(folded: str) -> str:
    words = folded.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        # longest abbreviation first (up to five tokens: "vh tt va dl")
        for n in (5, 4, 3, 2, 1):
            chunk = " ".join(words[i : i + n])
            if len(words) - i >= n and chunk in ABBREVIATIONS:
                out.append(ABBREVIATIONS[chunk])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out).replace(" va va ", " va ")


def normalize_name(text: str | None) -> str:
    """Folded and expanded: ``"UBND TỈNH QUẢNG NGÃI"`` → ``"uy ban nhan dan tinh quang ngai"``."""
    return _expand(fold(text))


def _drop_va(text: str) -> str:
    """"Sở Giáo dục và Đào tạo" vs "Sở GD&ĐT", "Sở Giáo dục, Đào tạo": "và" is not significant."""
    return " ".join(w for w in text.split() if w != "va")


def agency_matches(cert_name: str | None, agency: str | None, parent: str | None = None) -> bool:
    """Does a certificate's name designate the issuing agency of the header?

    Accepts the agency alone or prefixed/suffixed by its parent body ("Văn phòng UBND tỉnh
    Quảng Ngãi" for agency "VĂN PHÒNG" under "UBND TỈNH QUẢNG NGÃI").
    """
    cert = _drop_va(normalize_name(cert_name))
    if not cert or not agency:
        return False
    forms = {_drop_va(normalize_name(agency))}
    if parent:
        forms.add(_drop_va(normalize_name(f"{agency} {parent}")))
        forms.add(_drop_va(normalize_name(f"{parent} {agency}")))
    return cert in forms


def person_matches(cert_name: str | None, signer: str | None) -> bool:
    """Same personal name, case and accents folded (no abbreviation expansion for people)."""
    a, b = fold(cert_name), fold(signer)
    return bool(a) and a == b
