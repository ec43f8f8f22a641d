"""Labelling the running part of a segment: body, headings, Kính gửi and its recipients."""

from __future__ import annotations

from ..model import Role
from .features import Feat, bold, follows_split
from .segments import DASHES, NOT_AGENCY
from .text import is_khan_mat


def label_body(feats: list[Feat], roles: list[str | None], a: int, b: int) -> None:
    """Body, headings, Kính gửi and stray appendix reference lines in [a, b).

    Kept whole: one pass whose cases share the heading-title expectation and the scan position."""
    expect_title = 0
    k = a
    while k < b:
        f = feats[k]
        if roles[k] is not None or f.empty:
            k += 1
            continue
        if follows_split(feats, f) and roles[k - 1] is not None:
            roles[k] = roles[k - 1]
            k += 1
            continue
        kind = f.kind
        if f.sep:
            roles[k] = Role.OTHER
        elif kind == "phan":
            roles[k] = Role.HEADING_PHAN
            expect_title = 2 if f.words <= 3 else 0
            k += 1
            continue
        elif kind == "muc":
            roles[k] = Role.HEADING_MUC
            expect_title = 2 if f.words <= 3 else 0
            k += 1
            continue
        elif expect_title and f.caps and f.kind is None:
            roles[k] = Role.HEADING_TITLE
            expect_title -= 1
            k += 1
            continue
        elif kind == "dieu":
            roles[k] = Role.HEADING_DIEU
        elif kind == "roman":
            roles[k] = Role.HEADING_ROMAN if (f.caps or bold(f)) and len(f.text) <= 200 else Role.BODY
        elif kind == "numbered":
            roles[k] = Role.HEADING_NUMBERED if bold(f) and len(f.text) <= 150 and f.text[-1] not in ";," \
                else Role.BODY
        elif kind == "kinhgui" and (":" in f.text[:12] or len(f.text) <= 120):  # not "Kính gửi tới …" prose
            roles[k] = Role.KINH_GUI
            k = label_kinh_gui_items(feats, roles, k, b)
            expect_title = 0
            continue
        elif kind == "kemtheo" and f.text.startswith("("):
            roles[k] = Role.PL_REF
        elif is_khan_mat(f.up):
            roles[k] = Role.KHAN_MAT
        elif f.caps and f.words <= 4 and f.up.startswith(NOT_AGENCY):
            roles[k] = Role.OTHER  # "DỰ THẢO", "LƯU HÀNH NỘI BỘ" marks
        else:
            roles[k] = Role.BODY
        expect_title = 0
        k += 1


def label_kinh_gui_items(feats: list[Feat], roles: list[str | None], kg: int, b: int) -> int:
    """Kept whole: one scan of the recipient lines with the cases that end the list."""
    f0 = feats[kg]
    after = f0.text.split(":", 1)[1].strip() if ":" in f0.text else f0.text[8:].strip()
    k = kg + 1
    while k < b:
        f = feats[k]
        if f.margin or (roles[k] is not None and not f.empty):
            k += 1
            continue
        if f.empty:
            if f0.layout and f.layout and f.table == f0.table:
                k += 1
                continue
            break
        t = f.text
        if follows_split(feats, f) and roles[k - 1] in (Role.KINH_GUI, Role.KINH_GUI_ITEM):
            roles[k] = roles[k - 1]
            k += 1
            continue
        if t.startswith(DASHES):
            roles[k] = Role.KINH_GUI_ITEM
            k += 1
            continue
        if not after and f.kind is None and len(t) <= 120 and t[-1] in ";.," and \
                not (f.align == "justify" and (f.p.first_line_indent or 0) > 1):
            roles[k] = Role.KINH_GUI_ITEM
            k += 1
            if t[-1] == ".":
                break
            continue
        if f0.layout and f.layout and f.table == f0.table and f.kind is None and len(t) <= 160:
            roles[k] = Role.KINH_GUI_ITEM
            k += 1
            continue
        break
    return k
