"""Lay out a document spec (what a clerk typed) as the docxgen model (how Word stores it).

A :class:`Spec` holds the words of one administrative document; a :class:`Layout` holds the
way its file was built (styles or direct formatting, header as a table or with tab stops,
lines as borders or shapes, sizes, margins). :func:`layout` turns both into a
:class:`docxgen.DocModel` whose paragraphs carry the role each one has, so the corpus labels
come from the same place as the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import zip_longest

from docxgen import Cell, DocModel, P, R, Section, Shape, Styles, Tbl, text_width_pt

AUTH_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")


@dataclass
class Layout:
    mode: str = "defaults"  # defaults | theme | explicit
    header: str = "table"  # table | tabs
    lines: str = "border"  # border | wps | vml
    qh: float = 13
    tn: float = 14
    date: float = 14
    agency: float = 13
    so: float = 13
    vv: float = 13
    type_size: float = 14
    ty_size: float = 14
    body: float = 14
    sign: float = 14
    margins: tuple[float, float, float, float] = (20, 20, 30, 15)
    field: str = "complex"
    number_size: float = 14
    signblock: str = "table"  # table | tabs
    body_first: int = 720
    body_after: int = 120
    body_before: int = 0
    body_line: int = 240
    left_frac: float = 0.40  # header left column share of the text width
    cq_ratio: float = 0.42  # line under the agency name / its longest line
    ty_ratio: float = 0.40
    tn_ratio: float = 1.0
    landscape: bool = False  # only for sections that hold a data table


@dataclass
class Appendix:
    heading: str  # "Phụ lục I"
    title: str
    ref: str  # "(Kèm theo Kế hoạch số …)"
    rows: list[list[str]]
    widths: list[int]  # relative column widths
    notes: list[str] = field(default_factory=list)


@dataclass
class Spec:
    key: str
    kind: str  # Appendix III abbreviation, "CV" for công văn
    agency: list[str]
    number: str
    symbol: str
    place: str
    date: tuple[int, int, int]
    trich_yeu: str
    authority: list[str]
    signer: str
    noi_nhan: list[str]
    body: list[tuple[str, str]]
    parent: str | None = None
    type_name: str | None = None
    kinh_gui: list[str] = field(default_factory=list)
    tham_quyen: str | None = None
    can_cu: list[str] = field(default_factory=list)
    secretary: tuple[str, str] | None = None  # biên bản: ("THƯ KÝ", name) signs on the left
    appendix: Appendix | None = None
    layout: Layout = field(default_factory=Layout)
    date_line: bool = True
    appendix_only: bool = False  # a separate-file appendix (Mẫu 2.2)
    qh_text: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tn_text: str = "Độc lập - Tự do - Hạnh phúc"
    so_label: str = "Số:"
    date_override: str | None = None  # the date line exactly as typed (defects)

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}"

    def date_text(self) -> str:
        if self.date_override is not None:
            return self.date_override
        y, m, d = self.date
        return f"{self.place}, ngày {d:02d} tháng {m:02d} năm {y}" if m <= 2 else \
            f"{self.place}, ngày {d:02d} tháng {m} năm {y}"

    def facts(self) -> dict:
        if self.appendix_only:
            return {}
        y, m, d = self.date
        out = {"type": self.kind, "number": self.number_symbol, "agency": " ".join(self.agency),
               "date": dt.date(y, m, d).isoformat() if self.date_line else None, "signer": self.signer}
        if self.parent:
            out["parent_agency"] = self.parent
        return out


# --- paragraph makers -----------------------------------------------------------------------
class _Maker:
    def __init__(self, spec: Spec) -> None:
        self.s = spec
        self.L = spec.layout
        self.explicit = self.L.mode == "explicit"
        self.sec = Section(margins_mm=self.L.margins, number_size=self.L.number_size, field_kind=self.L.field,
                           landscape=self.L.landscape)
        self.W = self.sec.text_width()  # twips

    # a paragraph outside the body flow: no indent, no spacing, given alignment
    def plain(self, text: str, role: str | None, size: float, b: bool | None = None, i: bool | None = None,
              align: str = "center", before: int = 0, after: int = 0) -> P:
        return P([R(text, b=b, i=i, size=size)], role=role, align=align, first=0, before=before, after=after,
                 line=240)

    def body(self, text: str, role: str = "body", b: bool | None = None, i: bool | None = None,
             style: str | None = None) -> P:
        L = self.L
        if self.explicit:
            return P([R(text, b=b, i=i, size=L.body)], role=role, align="both", first=L.body_first,
                     before=L.body_before, after=L.body_after, line=L.body_line)
        return P([R(text, b=b, i=i)], role=role, style=style)

    def spacer(self, size: float = 6) -> P:
        return P([], align="center", first=0, before=0, after=0, line=240, mark_size=size)


def _ratio_indent(avail: int, length: float) -> int:
    return max(0, int((avail - length) / 2))


def _width_twips(text: str, size: float, bold: bool) -> float:
    return max(text_width_pt(line, size, bold) for line in text.split("\n")) * 20


def _line_under(m: _Maker, para: P, text: str, size: float, bold: bool, ratio: float, avail: int,
                centre: float | None = None, own: bool = False) -> P | None:
    """Attach a line under ``para``: a shape run, or return a bordered spacer paragraph.

    ``own``: put the border on the paragraph itself (Tiêu ngữ style) instead of a spacer."""
    length = _width_twips(text, size, bold) * ratio
    kind = m.L.lines
    if kind in ("wps", "vml") or centre is not None:
        kind = "wps" if kind == "border" else kind
        nlines = text.count("\n") + 1
        below = int(nlines * size * 1.2 * 20) + 110
        para.runs.append(R(shape=Shape(kind, length, centre if centre is not None else avail / 2, below)))
        return None
    if own:
        ind = _ratio_indent(avail, length * 1.06)
        para.left, para.right, para.border_bottom = ind, ind, True
        return None
    sp = m.spacer(4)
    ind = _ratio_indent(avail, length)
    sp.left, sp.right, sp.border_bottom = ind, ind, True
    return sp


def _columns(m: _Maker) -> tuple[int, int, int]:
    """Header column widths (twips) and table indent: the right column must hold the Quốc hiệu on
    one line and the left its longest line, as a clerk would drag the columns; the table may jut
    into the left margin (as in the decree's own templates), 2 cm at most."""
    s, L = m.s, m.L
    pad = 240  # cell margins + a little air
    need_r = int(_width_twips(s.qh_text, L.qh, True)) + pad
    lefts = [(a, True) for a in s.agency] + ([(s.parent, False)] if s.parent else [])
    need_l = max(int(_width_twips(t, L.agency, b)) for t, b in lefts) + pad
    rw = max(int(m.W * (1 - L.left_frac)), need_r)
    lw = max(m.W - rw, need_l)
    extra = lw + rw - m.W
    if extra > 1134:
        raise ValueError(f"{s.key}: header does not fit ({extra} twips too wide)")
    return lw, rw, -85 - max(extra, 0)


def _wrap(text: str, size: float, bold: bool, avail: float) -> str:
    """Break a centred title into two balanced lines when it does not fit (as Word would wrap it)."""
    if "\n" in text or _width_twips(text, size, bold) <= avail:
        return text
    words = text.split()
    best = min(range(1, len(words)), key=lambda k: abs(_width_twips(" ".join(words[:k]), size, bold)
                                                     - _width_twips(" ".join(words[k:]), size, bold)))
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def _header_table(m: _Maker) -> list:
    s, L = m.s, m.L
    lw, rw, indent = _columns(m)
    la, ra = lw - 170, rw - 170  # cell text widths (85 twips cell margins each side)
    left: list[P] = []
    if s.parent:
        left.append(m.plain(s.parent, "co-quan-chu-quan", L.agency, b=False))
    for line in s.agency:
        left.append(m.plain(line, "co-quan-ban-hanh", L.agency, b=True))
    agency_text = "\n".join(s.agency)
    sp = _line_under(m, left[-1], agency_text if len(s.agency) == 1 else max(s.agency, key=len), L.agency, True,
                     L.cq_ratio, la)
    if sp:
        left.append(sp)
    right: list[P] = [m.plain(s.qh_text, "quoc-hieu", L.qh, b=True), m.plain(s.tn_text, "tieu-ngu", L.tn, b=True)]
    sp = _line_under(m, right[-1], s.tn_text, L.tn, True, L.tn_ratio, ra, own=True)
    if sp:
        right.append(sp)
    row2l = [m.plain(f"{s.so_label} {s.number_symbol}", "so-ky-hieu", L.so, before=120)]
    if s.kind == "CV":
        row2l.append(m.plain(s.trich_yeu, "trich-yeu-cong-van", L.vv, b=False, before=120))
    row2r = [m.plain(s.date_text(), "dia-danh-ngay", L.date, i=True, before=120)] if s.date_line else [m.spacer()]
    return [Tbl([[Cell(lw, left), Cell(rw, right)], [Cell(lw, row2l), Cell(rw, row2r)]], indent=indent)]


def _header_tabs(m: _Maker) -> list:
    """One paragraph per line, left and right parts separated by centred tab stops."""
    s, L = m.s, m.L
    lw, rw, indent = _columns(m)
    shift = indent + 85  # tab stops cannot go into the margin: squeeze instead
    lw += shift
    cl, cr = max(lw // 2, 0), lw + (m.W - lw) // 2
    tabs = [("center", cl), ("center", cr)]
    lefts = ([(s.parent, "co-quan-chu-quan", False)] if s.parent else []) + [(a, "co-quan-ban-hanh", True) for a in s.agency]
    assert len(lefts) == 2, "tab headers are made for two left lines"
    out = []
    rights = [(s.qh_text, "quoc-hieu", L.qh), (s.tn_text, "tieu-ngu", L.tn)]
    for (lt, lrole, lb), (rt, rrole, rsize) in zip(lefts, rights):
        p = P([R("\t" + lt, b=lb, size=L.agency), R("\t" + rt, b=True, size=rsize)], col_roles=[(lt, lrole), (rt, rrole)],
              align="left", first=0, left=0, before=0, after=0, line=240, tabs=tabs)
        out.append(p)
    last = out[-1]
    kind = "vml" if L.lines == "vml" else "wps"
    agency_w = _width_twips(s.agency[-1] if len(s.agency[-1]) >= len(lefts[0][0]) or not s.parent else s.agency[-1],
                            L.agency, True)
    agency_w = max(agency_w, *(_width_twips(a, L.agency, True) for a in s.agency))
    below = int(max(L.agency, L.tn) * 1.2 * 20) + 110
    last.runs.append(R(shape=Shape(kind, agency_w * L.cq_ratio, cl, below)))
    last.runs.append(R(shape=Shape(kind, _width_twips(s.tn_text, L.tn, True) * L.tn_ratio, cr, below)))
    out.append(m.spacer(8))
    parts = [R("\t" + f"{s.so_label} {s.number_symbol}", size=L.so)]
    roles = [(f"{s.so_label} {s.number_symbol}", "so-ky-hieu")]
    if s.date_line:
        parts.append(R("\t" + s.date_text(), i=True, size=L.date))
        roles.append((s.date_text(), "dia-danh-ngay"))
    out.append(P(parts, col_roles=roles, align="left", first=0, left=0, before=120, after=0, line=240, tabs=tabs))
    if s.kind == "CV":
        out.append(P([R("\t" + s.trich_yeu, size=L.vv)], col_roles=[(s.trich_yeu, "trich-yeu-cong-van")], align="left",
                     first=0, left=0, before=60, after=0, line=240, tabs=[("center", cl)]))
    return out


def _title_block(m: _Maker) -> list:
    s, L = m.s, m.L
    out: list = []
    if s.kind != "CV" and s.type_name:
        out.append(m.plain(s.type_name, "ten-loai", L.type_size, b=True, before=360))
    if s.kind != "CV" and s.type_name and s.trich_yeu:
        text = _wrap(s.trich_yeu, L.ty_size, True, m.W - 400)
        ty = m.plain(text, "trich-yeu", L.ty_size, b=True)
        out.append(ty)
        sp = _line_under(m, ty, text, L.ty_size, True, L.ty_ratio, m.W)
        if sp:
            out.append(sp)
    out.append(m.spacer(6))
    if s.tham_quyen:
        out.append(m.plain(s.tham_quyen, "tham-quyen", L.body, b=True, before=120, after=120))
    for i, c in enumerate(s.can_cu):
        p = m.body(c, "can-cu", i=True if m.explicit else None, style=None if m.explicit else "CanCu")
        out.append(p)
    if s.kinh_gui:
        if len(s.kinh_gui) == 1:
            out.append(m.plain(f"Kính gửi: {s.kinh_gui[0]}", "kinh-gui", L.body, align="center", before=120, after=120))
        else:
            lead = 1418
            out.append(m.plain("Kính gửi:", "kinh-gui", L.body, align="left", before=120))
            out[-1].left = lead
            item_left = lead + int(text_width_pt("Kính gửi: ", L.body) * 20)
            for k, item in enumerate(s.kinh_gui):
                p = m.plain(item, "kinh-gui-item", L.body, align="left", after=120 if k == len(s.kinh_gui) - 1 else 0)
                p.left = item_left
                out.append(p)
    return out


def _body(m: _Maker) -> list:
    s, L = m.s, m.L
    out: list = []
    for kind, text in s.body:
        if kind == "roman":
            out.append(m.body(text, "heading-roman", b=True))
        elif kind == "num":
            out.append(m.body(text, "heading-numbered", b=True))
        elif kind == "phan":  # "Phần I" / "Chương I" on its own line, its title in capitals under it
            label, title = text.split("|")
            out.append(m.plain(label, "heading-phan", L.body, b=True, before=240))
            out.append(m.plain(title, "heading-title", L.body, b=True, after=120))
        elif kind == "dieu":
            label, _, rest = text.partition(". ")
            p = m.body(label + ". ", "heading-dieu", b=True)
            p.runs.append(R(rest, size=L.body if m.explicit else None))
            out.append(p)
        elif kind == "center":
            out.append(m.plain(text, "body", L.body, b=True, before=120, after=120))
        elif kind == "table":
            out.append(_data_table(m, [r.split("|") for r in text.split("\n")], None))
        else:
            out.append(m.body(text, "body"))
    return out


def _data_table(m: _Maker, rows: list[list[str]], rel: list[int] | None) -> Tbl:
    n = len(rows[0])
    rel = rel or [1] * n
    widths = [int(m.W * w / sum(rel)) for w in rel]
    size = m.L.body - 1
    trows = []
    for k, row in enumerate(rows):
        cells = []
        for w, txt in zip(widths, row):
            p = P([R(txt, b=True if k == 0 else None, size=size)], role="table-cell", align="center" if k == 0 or len(txt) < 6 else "left",
                  first=0, before=40, after=40, line=240)
            cells.append(Cell(w, [p]))
        trows.append(cells)
    return Tbl(trows, borders=True, indent=0)


def _sign_lines(s: Spec) -> list[tuple[str, str]]:
    out = []
    for k, a in enumerate(s.authority):
        last = k == len(s.authority) - 1
        role = "quyen-han" if a.startswith(AUTH_PREFIXES) or (not last and len(s.authority) > 1) else "chuc-vu"
        out.append((a, role))
    return out


def _signature(m: _Maker) -> list:
    s, L = m.s, m.L
    lw = int(m.W * 0.44)
    rw = m.W - lw
    nn_label = P([R("Nơi nhận:", b=True, i=True, size=12)], role="noi-nhan", align="left", first=0, before=0, after=0, line=240)

    def nn_item(t: str) -> P:
        if m.explicit:
            return P([R(t, size=11)], role="noi-nhan-item", align="left", first=0, before=0, after=0, line=240)
        return P([R(t)], role="noi-nhan-item", style="NoiNhan")

    if s.secretary:  # biên bản: THƯ KÝ | CHỦ TỌA, nơi nhận under the table
        def col(title: str, name: str) -> list[P]:
            return ([m.plain(title, "chuc-vu", L.sign, b=True, before=240)] + [m.spacer(L.sign) for _ in range(4)]
                    + [m.plain(name, "ho-ten", L.sign, b=True)])
        half = m.W // 2
        tbl = Tbl([[Cell(half, col(*s.secretary)), Cell(m.W - half, col(s.authority[-1], s.signer))]], indent=-85)
        return [tbl, m.spacer(12)] + ([nn_label] if s.noi_nhan else []) + [nn_item(t) for t in s.noi_nhan]
    rights = [(t, r) for t, r in _sign_lines(s)]
    if L.signblock == "table":
        rc = [m.plain(t, r, L.sign, b=True) for t, r in rights] + [m.spacer(L.sign) for _ in range(4)] + \
             [m.plain(s.signer, "ho-ten", L.sign, b=True)]
        lc = ([nn_label] if s.noi_nhan else [m.spacer(12)]) + [nn_item(t) for t in s.noi_nhan]
        lc[0].before = 240
        rc[0].before = 240
        return [Tbl([[Cell(lw, lc), Cell(rw, rc)]], indent=-85)]
    # tab paragraphs: "Nơi nhận:<tab>TM. ỦY BAN NHÂN DÂN", "- Như trên;<tab>CHỦ TỊCH", …
    centre = lw + rw // 2
    rlines = rights + [("", "")] * 4 + [(s.signer, "ho-ten")]
    llines = ([("Nơi nhận:", "noi-nhan")] if s.noi_nhan else []) + [(t, "noi-nhan-item") for t in s.noi_nhan]
    out = []
    for k, (lft, rgt) in enumerate(zip_longest(llines, rlines, fillvalue=("", ""))):
        runs, roles = [], []
        if lft[0]:
            lab = lft[1] == "noi-nhan"
            runs.append(R(lft[0], b=True if lab else None, i=True if lab else None, size=12 if lab else 11))
            roles.append(lft)
        if rgt[0]:
            runs.append(R("\t" + rgt[0], b=True, size=L.sign))
            roles.append(rgt)
        p = P(runs, col_roles=roles or None, align="left", first=0, left=0, before=240 if k == 0 else 0, after=0,
              line=240, tabs=[("center", centre)], mark_size=L.sign if not roles else None)
        out.append(p)
    return out


def _appendix_blocks(m: _Maker, a: Appendix, first: bool) -> list:
    L = m.L
    out: list = [m.plain(a.heading, "phu-luc-heading", 14, b=True)]
    out.append(m.plain(a.title, "phu-luc-title", L.body, b=True))
    ref = m.plain(a.ref, "phu-luc-ref", L.body, i=True)
    out.append(ref)
    sp = _line_under(m, ref, a.ref, L.body, False, 0.3, m.W)
    if sp:
        out.append(sp)
    out.append(m.spacer(8))
    out.append(_data_table(m, a.rows, a.widths))
    for n in a.notes:
        out.append(m.body(n))
    return out


def layout(spec: Spec) -> DocModel:
    m = _Maker(spec)
    L = spec.layout
    blocks: list = []
    if spec.appendix_only:
        blocks += _appendix_blocks(m, spec.appendix, True)  # type: ignore[arg-type]
    else:
        blocks += _header_tabs(m) if L.header == "tabs" else _header_table(m)
        blocks += _title_block(m)
        body = _body(m)
        last = next(b for b in reversed(body) if isinstance(b, P) and b.runs)
        last.runs[-1].text += "./."
        blocks += body
        blocks += _signature(m)
        if spec.appendix:
            brk = m.spacer(6)
            brk.sect = replace(m.sec)
            blocks.append(brk)
            blocks += _appendix_blocks(m, spec.appendix, False)
    if isinstance(blocks[-1], Tbl):  # Word always keeps a paragraph after a final table
        blocks.append(m.spacer(6))
    final = replace(m.sec, restart_numbering=bool(spec.appendix))
    styles = Styles(mode=L.mode, body_size=L.body, body_first=L.body_first, body_after=L.body_after,
                    body_before=L.body_before, body_line=L.body_line)
    return DocModel(blocks=blocks, styles=styles, final=final, title=spec.trich_yeu)


def iter_paras(model: DocModel):
    """Paragraphs in reading order (tables row by row, cell by cell)."""
    for b in model.blocks:
        if isinstance(b, Tbl):
            for row in b.rows:
                for c in row:
                    yield from c.paras
        else:
            yield b


def roles_of(model: DocModel) -> list[list[str]]:
    """[[text, role], …] for every non-empty paragraph (one entry per column of a tab line)."""
    import unicodedata

    def nfc(t: str) -> str:
        return unicodedata.normalize("NFC", t)

    out: list[list[str]] = []
    for p in iter_paras(model):
        if p.col_roles:
            out.extend([nfc(t.strip()), r] for t, r in p.col_roles if t.strip())
        elif p.text.strip():
            if not p.role:
                raise ValueError(f"paragraph without a role: {p.text!r}")
            out.append([nfc(p.text.strip().replace("\n", " "))[:80], p.role])
    return out
