"""Signature block (ô 7) and recipients (ô 9b): where it starts and what each line is.

The block may be a layout table (Nơi nhận left, signer right, or the decree's own 3–5 column
grid), tab-split lines, plain paragraphs in either order, or PDF lines interleaved by height.
Lines are grouped by side (left / right / none) and each group is read top to bottom.
"""

from __future__ import annotations

import re

from ..model import Role
from ..text.fold import strip_accents
from .features import Feat, bold

#: a "Lưu" line whose dash a scan lost, read in capitals ("LƯU VÌ, VD."): the word "Lưu" and a
#: short unit with its comma or stop — not a signer's title, nor a name "LƯU VĂN AN"
_LUU_LINE = re.compile(r"^\W{0,2}\s*luu\s*[:;.]?\s*\w{1,4}\s*[,.]", re.IGNORECASE)
_DASHES = ("-", "–", "—", "+", "•", "*")
#: an item's end followed by the next item's dash inside one line: a scan's reader merged two
#: recipient lines (or read their words out of order) — still lines of the list
INNER_ITEM = re.compile(r"[;.]\s*[-–—+•]\s*\w")
_HEADING_KINDS = frozenset({"phan", "muc", "dieu", "roman", "cancu", "kinhgui", "phuluc"})


def _gkey(f: Feat) -> tuple[object, str]:
    return (f.table if f.layout else None, f.side)


def find_start(feats: list[Feat], roles: list[str | None], a: int, b: int,
               table_range: dict[int, tuple[int, int]]) -> int | None:
    """Index where the signature block starts inside [a, b), or None when there is none.

    Kept whole: one scan with the cases that open a signature block (prefixes, titles, Nơi nhận,
    placeholders)."""
    cands: list[int] = []
    first_place: int | None = None
    for f in feats[a:b]:
        if roles[f.i] is not None or f.empty or f.data_cell or f.margin:
            continue
        k = f.kind
        if k == "noinhan" or (k == "prefix" and f.caps):
            cands.append(f.i)
            break
        if f.placeholder and first_place is None:
            first_place = f.i
            break
    if first_place is not None:
        # walk back over the title lines above a placeholder
        j = first_place - 1
        start = first_place
        titles = 0
        while j >= a and titles < 4:
            g = feats[j]
            if g.empty or g.stamp:
                j -= 1
                continue
            if roles[g.i] is None and g.caps and g.words <= 15 and g.kind not in _HEADING_KINDS and not g.data_cell:
                start = j
                titles += 1
                j -= 1
                continue
            break
        cands.append(start)
    # signer lines may come before a plain "Nơi nhận:" (or there is no marker at all)
    back = _backward_scan(feats, roles, a, min(cands) if cands else b)
    if back is not None:
        cands.append(back)
    if not cands:
        return None
    s = min(cands)
    t = feats[s].table if feats[s].layout else None
    if t is not None and t in table_range:
        s = min(s, table_range[t][0])
    return s if s >= a else a


def _name_like(f: Feat) -> bool:
    t = f.text
    return 2 <= f.words <= 7 and not any(c.isdigit() for c in t) and t[-1] not in ".;:,!?" and f.kind is None


def _backward_scan(feats: list[Feat], roles: list[str | None], a: int, b: int) -> int | None:
    """No Nơi nhận, prefix or placeholder: a signed PDF or a plain "CHỦ TỊCH … Nguyễn Văn A" end.
    Look for a name line at the end preceded by 1–3 short capital title lines.

    Kept whole: one backward scan with its stop conditions read together."""
    j = b - 1
    while j >= a and (feats[j].empty or feats[j].stamp or feats[j].margin or roles[j] is not None
                      or feats[j].kind == "address"):
        j -= 1
    if j < a:
        return None
    name = feats[j]
    if name.caps or not _name_like(name) or name.data_cell:
        return None
    j -= 1
    start = None
    titles = 0
    while j >= a and titles < 3:
        g = feats[j]
        if g.empty or g.stamp:
            j -= 1
            continue
        if roles[j] is None and g.caps and g.words <= 12 and g.kind not in _HEADING_KINDS and not g.data_cell \
                and not g.text.endswith(":") and bold(g) is not False:
            start = j
            titles += 1
            j -= 1
            continue
        if g.side and name.side and g.side != name.side and not g.caps and _name_like(g) and roles[j] is None:
            j -= 1  # the other signer's name (biên bản, multi-party documents)
            continue
        break
    return start


def label(feats: list[Feat], roles: list[str | None], s: int, b: int) -> None:
    """Label the signature zone [s, b).

    Kept whole: one pass over the block's lines in columns; the column grouping and the labels
    go together."""
    zone = [f for f in feats[s:b] if roles[f.i] is None and not f.empty and not f.data_cell and not f.margin]
    # 1. Nơi nhận label and its items, within the label's group
    for f in zone:
        if f.kind != "noinhan" or roles[f.i] is not None:
            continue
        roles[f.i] = Role.NOI_NHAN
        key = _gkey(f)
        plain = key == (None, "")
        right_end = f.p.x1  # where the list's lines end so far (PDF): a line wholly beyond is beside it
        for g in zone:
            if g.i <= f.i or roles[g.i] is not None:
                continue
            if _beside(g, right_end):
                continue  # the signer's line a PDF read between two items by height (no sides known)
            gk = _gkey(g)
            if gk != key:
                if plain:
                    break
                # a tab-split "Nơi nhận:<tab>TM. …" line followed by plain item lines
                if not (gk == (None, "") and key == (None, "left") and g.p.column != "right"):
                    continue
            t = g.text
            if t.startswith(_DASHES) or _LUU_LINE.match(strip_accents(t)) or (not g.caps and (t[-1] in ";." or INNER_ITEM.search(t))
                                         and g.kind not in ("prefix",) and not g.placeholder and g.words <= 25):
                roles[g.i] = Role.NOI_NHAN_ITEM
                if right_end is not None and g.p.x1 is not None:
                    right_end = max(right_end, g.p.x1)
                continue
            break
    # 2. signer groups
    groups: dict[tuple[object, str], list[Feat]] = {}
    for f in zone:
        if roles[f.i] is None:
            groups.setdefault(_gkey(f), []).append(f)
    # a PDF line the reader could not give a side (a lone centred name) belongs to the signer
    loose = groups.get((None, ""))
    if loose and (None, "right") in groups:
        groups[(None, "right")] = sorted(groups.pop((None, "")) + groups[(None, "right")], key=lambda g: g.i)
    for fs in groups.values():
        _signer(feats, roles, fs)


def _lettered(text: str) -> bool:
    """Does a line hold a word of two letters or more? A name does; marks a scan read from a
    seal's star or strokes ("¬+") do not, and must not take the name's place."""
    return any(sum(c.isalpha() for c in w) >= 2 for w in text.split())


def _beside(g: Feat, right_end: float | None) -> bool:
    """Does a line stand wholly right of the Nơi nhận lines read so far (PDF geometry), on
    no side of its own? Then it is the signer's column beside the list, not the list's end."""
    return right_end is not None and g.p.x0 is not None and g.p.x0 > right_end and not g.side \
        and g.p.cell is None


def _signer(feats: list[Feat], roles: list[str | None], fs: list[Feat]) -> None:
    """Kept whole: one pass over the block labelling authority, title, placeholder and name
    lines, which depend on each other's order."""
    titles = 0
    signed = False
    name_done = False
    open_paren = False
    prev_i: int | None = None
    for f in fs:
        gap = 0
        if prev_i is not None:
            gap = sum(1 for g in feats[prev_i + 1:f.i] if g.empty)
        prev_i = f.i
        t = f.text
        if f.stamp:
            roles[f.i] = Role.STAMP
            signed = signed or titles > 0
            continue
        if f.placeholder or (open_paren and t.rstrip("0123456789*").endswith(")")):
            roles[f.i] = Role.CHU_KY
            open_paren = t.startswith("(") and not t.endswith(")")
            signed = True
            continue
        open_paren = False
        if f.sep or t.startswith(_DASHES):  # a list item (a Nơi nhận line read beside the block): no title or name
            roles[f.i] = Role.OTHER
            continue
        if f.kind == "address":
            roles[f.i] = Role.ADDRESS
            continue
        if f.kind == "prefix" and f.caps:
            if name_done:
                titles, signed, name_done = 0, False, False
            roles[f.i] = Role.QUYEN_HAN
            titles += 1
            continue
        if f.caps and f.words <= 15 and not t.endswith(":"):
            if name_done:  # a second signer in the same column
                titles, signed, name_done = 0, False, False
            if titles and (signed or gap >= 2) and _name_like(f):
                roles[f.i] = Role.HO_TEN  # name typed in capitals: still the name
                name_done = True
                continue
            if not signed:
                roles[f.i] = Role.CHUC_VU
                titles += 1
                continue
        if not name_done and (titles or signed) and f.words <= 10 and t[-1] not in ":;." \
                and f.kind is None and not f.sep and _lettered(t):
            roles[f.i] = Role.HO_TEN
            name_done = True
            continue
        roles[f.i] = Role.OTHER
