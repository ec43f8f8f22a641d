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

#: Abbreviations seen in agency names (folded form → expansion, with accents).
#: "TT" is left alone: trung tâm or thị trấn, the reader cannot tell.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "mttq": "mặt trận tổ quốc",
    "tp": "thành phố",
    "tx": "thị xã",
    "vp": "văn phòng",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "mn": "mầm non",
    "gd dt": "giáo dục và đào tạo",
    "gddt": "giáo dục và đào tạo",
    "ldtbxh": "lao động thương binh và xã hội",
    "ldtb xh": "lao động thương binh và xã hội",
    "tn mt": "tài nguyên và môi trường",
    "tnmt": "tài nguyên và môi trường",
    "nn ptnt": "nông nghiệp và phát triển nông thôn",
    "nnptnt": "nông nghiệp và phát triển nông thôn",
    "kh cn": "khoa học và công nghệ",
    "khcn": "khoa học và công nghệ",
    "kh dt": "kế hoạch và đầu tư",
    "khdt": "kế hoạch và đầu tư",
    "vh tt dl": "văn hóa thể thao và du lịch",
    "vhttdl": "văn hóa thể thao và du lịch",
    "tt tt": "thông tin và truyền thông",
    "tttt": "thông tin và truyền thông",
    "gtvt": "giao thông vận tải",
    "bch": "ban chấp hành",
    "cp": "chính phủ",
    "tw": "trung ương",
}
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng

# "GD&ĐT", "VH,TT&DL": the same abbreviations with "và" between their groups.
for _abbr, _val in list(ABBREVIATIONS.items()):
    _parts = _abbr.split()
    if len(_parts) > 1:
        ABBREVIATIONS.setdefault(" ".join(_parts[:-1]) + " va " + _parts[-1], _val)
        ABBREVIATIONS.setdefault(" va ".join(_parts), _val)

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def _words(text: str | None) -> list[str]:
    """Lower-case NFC words, punctuation dropped, "&" read as "và" (accents kept)."""
    if not text:
        return []
    text = unicodedata.normalize("NFC", text).lower().replace("&", " và ")
    return _PUNCT.sub(" ", text).split()


def _syllable_key(word: str) -> str:
    """A word with its tone mark moved to the end: "uỷ" and "ủy" (old and new placement) agree,
    "đông" and "đồng" do not."""
    nfd = unicodedata.normalize("NFD", word)
    tones = "".join(sorted(c for c in nfd if c in _TONES))
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return base + tones


from ..text.fold import has_accents  # noqa: E402,F401  (one copy: nd30check.text)
from ..text.fold import match_key as fold  # noqa: E402  (case, accents, đ, punctuation folded)


def _expand_words(words: list[str]) -> list[str]:
    """Expand abbreviations (looked up folded; longest first, up to five tokens: "vh tt và dl")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (5, 4, 3, 2, 1):
            if len(words) - i < n:
                continue
            chunk = fold(" ".join(words[i : i + n]))
            if chunk in ABBREVIATIONS:
                out.extend(ABBREVIATIONS[chunk].split())
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _key(text: str | None, accents: bool) -> str:
    words = [w for w in _expand_words(_words(text)) if fold(w) != "va"]  # "và" is not significant
    return " ".join(_syllable_key(w) if accents else fold(w) for w in words)


def normalize_name(text: str | None) -> str:
    """Folded and expanded: ``"UBND TỈNH QUẢNG NGÃI"`` → ``"uy ban nhan dan tinh quang ngai"``."""
    return fold(" ".join(_expand_words(_words(text))))


def agency_matches(cert_name: str | None, agency: str | None, parent: str | None = None) -> bool:
    """Does a certificate's name designate the issuing agency of the header?

    Accents count when both sides have them ("xã Đông" ≠ "xã Đồng"); a side written without
    accents (G1-era certificates: "Uy ban nhan dan tinh …") is compared folded. Accepts the
    agency alone or with its parent body ("Văn phòng UBND tỉnh Quảng Ngãi" for agency
    "VĂN PHÒNG" under "UBND TỈNH QUẢNG NGÃI").
    """
    if not cert_name or not agency:
        return False
    accents = has_accents(cert_name) and has_accents(agency)
    cert = _key(cert_name, accents)
    forms = {_key(agency, accents)}
    if parent:
        forms.add(_key(f"{agency} {parent}", accents))
        forms.add(_key(f"{parent} {agency}", accents))
    return bool(cert) and cert in forms


#: Words a body's name starts with (folded): a header agency read without one is incomplete.
BODY_KINDS = ("uy ban", "ubnd", "hoi dong", "hdnd", "so", "bo", "ban", "cuc", "tong cuc", "chi cuc", "van phong",
              "trung tam", "truong", "phong", "vien", "thanh tra", "kho bac", "chinh phu", "quoc hoi", "toa an",
              "vien kiem sat", "cong an", "bao hiem", "dai", "hoi", "doan", "cong ty", "tinh", "thanh pho", "huyen", "xa",
              "phuong", "quan", "thi xa", "thi tran", "dang uy", "tinh uy", "thanh uy", "huyen uy")


def is_partial_agency(agency: str | None) -> bool:
    """True when a header agency does not begin with a kind of body ("TÀI CHÍNH" for "SỞ TÀI CHÍNH"):
    the reader lost words (a font without a usable text mapping), so the name is incomplete."""
    key = normalize_name(agency)
    return bool(key) and not any(key == k or key.startswith(k + " ") for k in BODY_KINDS)


def ends_with_agency(cert_name: str | None, agency: str | None) -> bool:
    """The certificate names the body more fully than an incomplete header reading."""
    cert, ag = normalize_name(cert_name), normalize_name(agency)
    return bool(ag) and (cert == ag or cert.endswith(" " + ag))


def person_matches(cert_name: str | None, signer: str | None) -> bool:
    """Same personal name, case folded; accents compared when both sides have them."""
    if not cert_name or not signer:
        return False
    accents = has_accents(cert_name) and has_accents(signer)
    a = " ".join(_syllable_key(w) if accents else fold(w) for w in _words(cert_name))
    b = " ".join(_syllable_key(w) if accents else fold(w) for w in _words(signer))
    return bool(a) and a == b
