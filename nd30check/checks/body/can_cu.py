"""ND30-CAN-CU: the căn cứ lines of a quyết định / nghị quyết (PL I, Phần I, Mục II, khoản 6, a)."""

from __future__ import annotations

from ...model import MM, Document, Paragraph
from ...structure.elements import THEO_DE_NGHI_RE, can_cu_block
from ..base import Ctx, Term, check
from ...measure.runs import run_size_in
from ..common import all_italic, fmt_pt, fmt_range
from ..fixes import end_fix, size_fix, toggle_fix
from .common import _counting_runs, doc_type, tail
from .doubts import split_last_line

Item = tuple[Paragraph, list[Paragraph], str]


def _join_split_last_lines(doc: Document, block: list[Item], edge: float) -> list[Item]:
    """A scan's căn cứ item whose last line the reading split off as an item of its own ("…
    Ủy ban nhân dân" | "Xã." read with a capital: at the left edge, one line step below a full
    line — see ``doubts.split_last_line``) is one item again: its end mark is the split line's."""
    out: list[Item] = []
    for p, paras, text in block:
        if out and len(paras) == 1 and split_last_line(doc, paras[0], edge):
            q, qparas, qtext = out[-1]
            out[-1] = (q, qparas + paras, f"{qtext} {text}")
        else:
            out.append((p, paras, text))
    return out


def _goes_on_unread(doc: Document, p: Paragraph, edge: float) -> bool:
    """On a scan: unread ink (``Page.unread``) at the column's left edge on the line just
    below ``p``'s last one (within a line and a half) — the wrapped end of the line, lost."""
    box, base = p.extra.get("column_box"), p.extra.get("baselines") or []
    page = next((pg for pg in doc.pages if pg.number == p.page), None)
    if p.reading_confidence is None or page is None or not box or not base or p.bottom is None:
        return False
    size = next((r.size for r in p.runs if r.size), 14.0)
    return any(abs(x0 - box[0]) <= edge and p.bottom - 0.2 * size <= y0 <= base[-1] + 1.5 * 1.3 * size
               for x0, y0, _x1, _y1 in page.unread)

# --------------------------------------------------------------------------------------------
# ND30-CAN-CU
# --------------------------------------------------------------------------------------------


@check("ND30-CAN-CU", fixable=True)
def can_cu(ctx: Ctx) -> None:
    """Căn cứ lines: italic, 13–14, each ending ";", the last "."; a closing "Theo đề nghị
    của …" line ends with "." or ",".

    Kept whole: per căn cứ line: style, size, then the line-end punctuation that depends on its
    place in the block."""
    block = can_cu_block(ctx.doc)
    if not block:
        ctx.not_applicable(key="no-can-cu")
        return
    if len(block) == 1 and tail(block[0][2]) == ":" and doc_type(ctx.doc) not in ("QĐ", "NQ"):
        # "Căn cứ Kế hoạch số 12/KH-UBND …, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:" is
        # the opening sentence of a kế hoạch/thông báo/tờ trình (upright, ends with ":"), not a
        # căn cứ ban hành block: judging it as one would raise two false warnings.
        ctx.not_applicable(key="opening-sentence-not-can-cu")
        return
    edge = float(ctx.param("scan_edge_mm")) * MM
    block = _join_split_last_lines(ctx.doc, block, edge)
    lo, hi = float(ctx.param("min")), float(ctx.param("max"))
    tol = float(ctx.param("tolerance_pt"))
    unknown = False
    judged: set[int] = set()
    for i, (p, paras, text) in enumerate(block):
        last = i == len(block) - 1
        for q in paras:
            if q.index in judged:
                continue
            judged.add(q.index)
            it = all_italic(q)
            if it is False:
                ctx.fail(q, key="italic", expected=Term("italic"),
                         actual=Term("upright"), fix=toggle_fix(q, "italic", True))
            elif it is None:
                unknown = True
            runs = [r for r in _counting_runs(q) if r.size is not None]
            states = [run_size_in(r, lo, hi, tol) for r in runs]
            bad = sorted({round(r.size * 2) / 2 for r, st in zip(runs, states) if st is False})  # type: ignore[operator]
            if bad:
                ctx.fail(q, key="size", expected=fmt_range(lo, hi), actual=", ".join(fmt_pt(s) for s in bad),
                         fix=size_fix(q, lo, hi, tol))
            elif not runs or None in states:
                unknown = True
        end = tail(text)
        theo = bool(THEO_DE_NGHI_RE.match(text))
        excerpt = text if len(text) <= 80 else "…" + text[-79:]
        if end not in (".", ";", ",") and _goes_on_unread(ctx.doc, paras[-1], edge):
            ctx.note(p, key="end-unread", actual=f'"{end}"' if end else "—", excerpt=excerpt)
            unknown = True
            continue
        if last:
            allowed = ".," if theo else "."
            if end not in allowed:
                ctx.fail(p, key="theo_end" if theo else "last_end", excerpt=excerpt,
                         expected=Term("dot-or-comma") if theo else '"."', actual=f'"{end}"' if end else "—",
                         fix=end_fix(paras[-1], "."))
        elif end != ";":
            ctx.fail(p, key="end", expected='";"', actual=f'"{end}"' if end else "—", excerpt=excerpt,
                     fix=end_fix(paras[-1], ";"))
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="can-cu-style-unknown")
