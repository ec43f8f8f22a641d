"""The reading order of a segment: a main segment is header → tên loại → trích yếu → thẩm quyền →
căn cứ → body → signature block; an appendix segment is heading → title → "(Kèm theo …)" →
body (→ a signature block only when something explicit says so)."""

from __future__ import annotations

from ..doctypes import abbr_for_name
from ..model import Role
from .body import label_body
from .features import Feat, bold, follows_split
from .header import label_header
from .segments import BODYISH_KINDS, Segment, title_line
from .signblock import find_start as _sign_start
from .signblock import label as _sign_label
from .text import is_khan_mat


def label_main_segment(feats: list[Feat], roles: list[str | None], conf: list[float], seg: Segment,
                  table_range: dict[int, tuple[int, int]], info: dict[str, object] | None) -> None:
    label_body(feats, roles, seg.start, seg.hstart)
    hend = label_header(feats, roles, seg, info)
    e = seg.end
    i = hend + 1

    def nxt(j: int) -> int:
        while j < e and (feats[j].empty or feats[j].margin or roles[j] is not None or feats[j].sep
                         or is_khan_mat(feats[j].up)):
            if roles[j] is None:
                if feats[j].sep:
                    roles[j] = Role.OTHER
                elif not feats[j].empty and is_khan_mat(feats[j].up):
                    roles[j] = Role.KHAN_MAT
            j += 1
        return j

    type_name: str | None = None
    j = nxt(i)
    # tên loại: an exact type name among the first three lines, else a short capital line first
    probe = j
    for _ in range(3):
        if probe >= e:
            break
        nm = title_line(feats[probe], strict=True)
        if nm:
            j = probe
            type_name = nm
            break
        probe = nxt(probe + 1)
    if type_name is None and j < e and (info is None or info.get("vv") is None) and seg_vv_free(feats, roles, seg):
        nm = title_line(feats[j], strict=False)
        if nm:
            type_name = nm
            conf[j] = 0.6
    if type_name is not None and j < e:
        roles[j] = Role.TEN_LOAI
        if info is not None:
            info["type_name"] = type_name
        j = label_trich_yeu(feats, roles, j, e)
    # thẩm quyền + căn cứ block
    j = label_preamble(feats, roles, nxt(j), e, type_name)
    s = _sign_start(feats, roles, j, e, table_range)
    if s is not None and s < j:
        s = j
    seg.sign_start = s
    label_body(feats, roles, j, s if s is not None else e)
    if s is not None:
        _sign_label(feats, roles, s, e)


def seg_vv_free(feats: list[Feat], roles: list[str | None], seg: Segment) -> bool:
    return not any(roles[k] == Role.VV for k in range(seg.hstart, min(seg.hend + 3, len(roles))))


def label_trich_yeu(feats: list[Feat], roles: list[str | None], t: int, e: int) -> int:
    """Up to three lines right under the tên loại; returns the index after the last one.

    Kept whole: one scan of up to three lines with the cases that end the trích yếu."""
    first: Feat | None = None
    j = t + 1
    skipped = 0
    while j < e and (feats[j].margin or feats[j].stamp or (feats[j].empty and skipped < 2)):
        skipped += feats[j].empty
        j += 1
    while j < e:
        f = feats[j]
        if follows_split(feats, f) and roles[j - 1] == Role.TRICH_YEU and roles[j] is None:
            roles[j] = Role.TRICH_YEU
            j += 1
            continue
        if f.empty or f.sep or roles[j] is not None:
            break
        if f.kind in BODYISH_KINDS or f.kind == "prefix" or f.text.endswith(":"):
            break
        if first is not None:
            if f.caps or f.align != first.align or len(f.text) > 200:
                break
        elif f.align == "justify" and (f.p.first_line_indent or 0) > 1 and len(f.text) > 120:
            break
        roles[j] = Role.TRICH_YEU
        first = first or f
        j += 1
        if j - t > 3:
            break
    return j


def label_preamble(feats: list[Feat], roles: list[str | None], j: int, e: int, type_name: str | None) -> int:
    """Thẩm quyền line(s) and the căn cứ block; returns where the body starts.

    Kept whole: a look-ahead for the căn cứ block, then one pass labelling thẩm quyền and căn cứ
    lines that share the scan position."""
    # look ahead: is there a căn cứ block before the body proper?
    k = j
    seen = 0
    cc_at: int | None = None
    while k < e and seen < 6:
        f = feats[k]
        if f.empty or f.margin or roles[k] is not None or follows_split(feats, f):
            k += 1
            continue
        if f.kind in ("cancu", "denghi"):
            cc_at = k
            break
        if f.kind is not None and f.kind != "numbered":
            break
        seen += 1
        k += 1
    qd = type_name is not None and abbr_for_name(type_name) in ("QĐ", "NQ")
    k = j
    count = 0
    while k < e and count < 3:
        f = feats[k]
        if f.empty or f.margin or roles[k] is not None:
            k += 1
            continue
        if f.caps and f.kind is None and not f.text.endswith(":") and f.words <= 20 \
                and (cc_at is not None and k < cc_at or qd and f.align in ("center", None)):
            roles[k] = Role.THAM_QUYEN
            count += 1
            k += 1
            continue
        break
    if cc_at is None:
        return k
    k = max(k, j)
    last = k
    while k < e:
        f = feats[k]
        if f.empty or f.margin or roles[k] is not None:
            k += 1
            continue
        if follows_split(feats, f) and roles[k - 1] == Role.CAN_CU:
            roles[k] = Role.CAN_CU
            last = k + 1
            k += 1
            continue
        if f.kind is None and last > 0 and roles[last - 1] == Role.CAN_CU and last - 1 < k \
                and feats[last - 1].text[-1] not in ";.:," and not f.caps and k - last < 2:
            roles[k] = Role.CAN_CU  # the rest of a căn cứ line a PDF reader cut into two paragraphs
            last = k + 1
            k += 1
            continue
        if f.kind in ("cancu", "denghi"):
            roles[k] = Role.CAN_CU
            last = k + 1
            k += 1
            continue
        break
    return last


def label_appendix_segment(feats: list[Feat], roles: list[str | None], seg: Segment,
                      table_range: dict[int, tuple[int, int]]) -> None:
    e = seg.end
    roles[seg.start] = Role.PL_HEADING
    k = seg.start + 1
    seen = 0
    ref_open = False
    got_ref = False
    while k < e and seen < 6:
        f = feats[k]
        if f.empty or f.margin or (roles[k] is not None):
            if f.empty and got_ref:
                break
            k += 1
            continue
        if ref_open:
            roles[k] = Role.PL_REF
            ref_open = ")" not in f.text
            k += 1
            seen += 1
            continue
        if f.kind == "kemtheo":
            roles[k] = Role.PL_REF
            ref_open = ")" not in f.text and f.text.startswith("(")
            got_ref = True
            k += 1
            seen += 1
            continue
        if got_ref or f.sep or f.data_cell:
            break
        if f.kind in BODYISH_KINDS or f.kind in ("numbered", "prefix"):
            break
        if f.caps or bold(f) or f.align == "center":
            roles[k] = Role.PL_TITLE
            k += 1
            seen += 1
            continue
        break
    s = _sign_start(feats, roles, k, e, table_range)
    if s is not None:
        # an appendix has no signer of its own unless something explicit says so
        strong = any(feats[x].kind in ("noinhan", "prefix") or feats[x].placeholder for x in range(s, e))
        if not strong:
            s = None
    seg.sign_start = s
    label_body(feats, roles, k, s if s is not None else e)
    if s is not None:
        _sign_label(feats, roles, s, e)
