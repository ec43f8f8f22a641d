"""Fixed phrases of an administrative document, restored where OCR misread only their marks.

Tesseract's Vietnamese model confuses diacritics far more often than letters: "Tự đo" for
"Tự do", "NHÂN DẦN" for "NHÂN DÂN", "Noi nhận" for "Nơi nhận". The phrases Decree 30 fixes
(quốc hiệu, tiêu ngữ, the names of the usual bodies and titles, the block labels) are known,
so a run of consecutive words of one line whose letters, with every mark taken off, are exactly
those of such a phrase is read as the phrase. Only marks are restored: a word missing, a word
added, a letter changed, a dash, a space or the punctuation around the words — what the
rules judge — stay as read, so a real defect ("Độc lập – Tự do", "CỘNG HÒA CHỦ NGHĨA VIỆT NAM",
lower case) is never corrected away. Case follows the reading.

This is reading, not judging: the reader says what the image most probably shows.
"""

from __future__ import annotations

from typing import Sequence

from ...doctypes import COPY_TYPES, TYPES
from ...text.fold import fold, strip_accents

#: The fixed phrases besides the document types, in their decree spelling.
_FIXED: tuple[str, ...] = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập Tự do Hạnh phúc",
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "PHÓ CHÁNH VĂN PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "VĂN PHÒNG",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ HIỆU TRƯỞNG",
    "HIỆU TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "TRƯỞNG PHÒNG",
    "TRƯỞNG BAN",
    "BAN CHỈ ĐẠO",
    "Nơi nhận",
    "Kính gửi",
    "Lưu VT",
)

#: The phrases tried, longer first (a phrase inside another is tried after it): the fixed ones
#: and the names of the document types (ô 3: tên loại) from the one list of them, doctypes.
PHRASES: tuple[str, ...] = tuple(sorted(
    dict.fromkeys(_FIXED + tuple(name for _, name in TYPES + COPY_TYPES)),
    key=lambda p: (-len(p.split()), -len(p)),
))

#: Block labels ending in a colon, at the start of a line: their first letter is often misread
#: ("Vơi nhận:" for "Nơi nhận:", a seal's edge or a fold before the N). With the colon and every
#: other letter as read, one misread first letter is restored too — a label no document writes
#: otherwise, so no real defect is hidden (a missing colon or a dash stays as read).
LABELS: tuple[str, ...] = ("Nơi nhận", "Kính gửi")

_EDGE = "-–—.,;:()\"'“”/"


def _bare(word: str) -> str:
    """Letters without marks, upper case ("Đ" → "D")."""
    return strip_accents(word).upper()


def _core(word: str) -> tuple[str, str, str]:
    """(leading punctuation, the word, trailing punctuation)."""
    a = 0
    while a < len(word) and word[a] in _EDGE:
        a += 1
    b = len(word)
    while b > a and word[b - 1] in _EDGE:
        b -= 1
    return word[:a], word[a:b], word[b:]


def _case_as(model: str, read: str) -> str:
    if read.isupper():
        return model.upper()
    if read.islower():
        return model.lower()
    if read[:1].isupper() and read[1:].islower():
        return model[:1].upper() + model[1:].lower()
    return model


_TABLE = [(tuple(p.split()), tuple(_bare(w) for w in p.split())) for p in PHRASES]


def restore(words: Sequence[str]) -> list[str]:
    """The words of one line with the marks of any fixed phrase among them restored.

    Words standing for nothing but punctuation (a dash between "Độc lập" and "Tự do") are
    skipped over when matching and kept as they are. A phrase word split in two by the
    recognition ("CHÁN H" for "CHÁNH": a gap in worn ink) is joined: the first word carries
    it and the second becomes "" (the caller merges their boxes)."""
    out = _labels(list(words))
    out = _joined(out)
    return _restored(out)


def _labels(out: list[str]) -> list[str]:
    if len(out) < 2:
        return out
    lead, first, trail = _core(out[0])
    _, second, trail2 = _core(out[1])
    if lead not in ("", ".") or trail or not trail2.startswith(":") or len(first) < 2:
        return out
    for label in LABELS:
        a, b = label.split()
        if _bare(first[1:]) == _bare(a[1:]) and _bare(second) == _bare(b) and _bare(first[:1]) != _bare(a[:1]):
            out[0] = _case_as(a, first)
            out[1] = _case_as(b, second) + trail2
    return out


_WORDS = {_bare(w) for p in PHRASES for w in p.split() if len(w) >= 3}


def _joined(out: list[str]) -> list[str]:
    """Two neighbouring words whose letters together, and neither alone, are a phrase word of
    three letters or more, when the pair makes a phrase with its neighbours."""
    for i in range(len(out) - 1):
        a, b = _core(out[i]), _core(out[i + 1])
        if not a[1] or not b[1] or a[2] or b[0]:
            continue
        whole = _bare(a[1] + b[1])
        if whole not in _WORDS or _bare(a[1]) in _WORDS:
            continue
        trial = out[:i] + [a[0] + a[1] + b[1] + b[2]] + out[i + 2:]
        if _restored(trial) != trial or _in_phrase(trial, i):
            out[i], out[i + 1] = trial[i], ""
    return out


def _in_phrase(words: list[str], i: int) -> bool:
    """Is word ``i`` inside a fixed phrase as read (marks folded)?"""
    cores = [_core(w) for w in words]
    idx = [k for k, (_, c, _) in enumerate(cores) if c]
    bare = [_bare(cores[k][1]) for k in idx]
    for _, key in _TABLE:
        n = len(key)
        for s in range(len(idx) - n + 1):
            if tuple(bare[s:s + n]) == key and idx[s] <= i <= idx[s + n - 1]:
                return True
    return False


def _restored(words: list[str]) -> list[str]:
    out = list(words)
    cores = [_core(w) for w in out]
    idx = [i for i, (_, c, _) in enumerate(cores) if c]  # positions of words with letters
    bare = [_bare(cores[i][1]) for i in idx]
    taken: set[int] = set()
    for model, key in _TABLE:
        n = len(key)
        for s in range(len(idx) - n + 1):
            if any(idx[s + k] in taken for k in range(n)) or tuple(bare[s:s + n]) != key:
                continue
            for k in range(n):
                i = idx[s + k]
                lead, core, trail = cores[i]
                if fold(core) != fold(model[k]):
                    out[i] = lead + _case_as(model[k], core) + trail
                taken.add(i)
    return out
