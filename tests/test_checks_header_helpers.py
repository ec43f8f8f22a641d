"""Helpers for the file/page/header check tests: run one rule on a Document with the params
of the shipped rule pack, and build a labelled header by hand (the way the DOCX reader and
structure recognition would fill the model)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from nd30check.checks import file as _file  # noqa: F401  (registers checks)
from nd30check.checks import header as _header  # noqa: F401
from nd30check.checks import page as _page  # noqa: F401
from nd30check.rulepack import load_pack
from nd30check.checks.base import REGISTRY, Ctx, Options
from nd30check.model import MM, Cell, Document, HLine, Paragraph, Role, Run, Section, Table

ROOT = Path(__file__).resolve().parent.parent
# the rule pack's resolved parameters (declared defaults), as the engine hands them to checks
_PARAMS: dict[str, dict[str, Any]] = {r.id: r.params for r in load_pack().rules.values()}


def run(rule: str, doc: Document, profile: str = "issued") -> Ctx:
    ctx = Ctx(doc, rule, dict(_PARAMS[rule]), Options(profile=profile))
    REGISTRY[rule](ctx)
    return ctx


def status(ctx: Ctx) -> str:
    return ctx.status


def keys(ctx: Ctx) -> list[str]:
    return [f.key for f in ctx.findings]


def R(text: str, size: float | None = 13, bold: bool | None = False, italic: bool | None = False, **kw: Any) -> Run:
    return Run(text, font=kw.pop("font", "Times New Roman"), size=size, bold=bold, italic=italic, **kw)


def header_doc(
    *,
    qh: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    tn: str = "Độc lập - Tự do - Hạnh phúc",
    parent: str | None = "UBND TỈNH QUẢNG NGÃI",
    agency: str = "SỞ NỘI VỤ",
    so: str = "Số: 05/KH-SNV",
    date: str = "Quảng Ngãi, ngày 05 tháng 01 năm 2026",
    type_name: str | None = "KẾ HOẠCH",
    trich_yeu: str | None = "Tổ chức hội nghị tổng kết năm 2025",
    vv: str | None = None,
    sizes: tuple[float, float, float] = (13, 14, 14),
    doc_type: str | None = "KH",
    tn_line: float | None = "auto",  # type: ignore[assignment]
    cq_line: float | None = "auto",  # type: ignore[assignment]
    ty_line: float | None = "auto",  # type: ignore[assignment]
    **overrides: Any,
) -> Document:
    """A DOCX-like document: header table (left: agency, Số; right: QH, TN, date), then type
    name and trích yếu, then a body paragraph. Lines default to correct lengths."""
    from nd30check.measure.widths import longest_line

    qs, ts, ds = sizes
    doc = Document(path="hand.docx", kind="docx", capabilities={"styles", "tracked-changes", "margins-declared",
                                                                  "page-number-fields"})
    doc.sections = [Section(0, page_width=210 * MM, page_height=297 * MM, orientation="portrait",
                            margin_top=20 * MM, margin_bottom=20 * MM, margin_left=30 * MM, margin_right=15 * MM)]
    doc.tables = [Table(0, rows=2, cols=2, has_borders=False)]
    paras: list[Paragraph] = []

    def add(runs: list[Run], role: str | None, cell: tuple[int, int] | None = None, align: str | None = "center") -> Paragraph:
        p = Paragraph(len(paras), runs=runs, alignment=align, role=role,  # type: ignore[arg-type]
                      cell=Cell(0, *cell) if cell else None, container="table" if cell else "body")
        paras.append(p)
        return p

    if parent:
        add([R(parent, 13)], Role.CQ_CHU_QUAN, (0, 0))
    cq = add([R(agency, 13, bold=True)], Role.CQ_BAN_HANH, (0, 0))
    cq_empty = add([], Role.EMPTY, (0, 0))
    add([R(so, 13)], Role.SO_KY_HIEU, (1, 0))
    if vv:
        add([R(vv, 12)], Role.VV, (1, 0))
    add([R(qh, qs, bold=True)], Role.QUOC_HIEU, (0, 1))
    tn_p = add([R(tn, ts, bold=True)], Role.TIEU_NGU, (0, 1))
    tn_empty = add([], Role.EMPTY, (0, 1))
    add([R(date, ds, italic=True)], Role.DIA_DANH_NGAY, (1, 1))
    ty = None
    if type_name:
        add([R(type_name, 14, bold=True)], Role.TEN_LOAI)
    if trich_yeu:
        ty = add([R(trich_yeu, 14, bold=True)], Role.TRICH_YEU)
        ty_empty = add([], Role.EMPTY)
    add([R("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về công tác năm 2026.", 14)], Role.BODY, align="justify")
    doc.paragraphs = paras
    if tn_line == "auto":
        tn_line = longest_line(tn_p)
    if tn_line is not None:
        doc.hlines.append(HLine("shape", tn_line, paragraph=tn_empty.index))
    if cq_line == "auto":
        cq_line = longest_line(cq) * 0.42
    if cq_line is not None:
        doc.hlines.append(HLine("shape", cq_line, paragraph=cq_empty.index))
    if ty is not None:
        if ty_line == "auto":
            ty_line = longest_line(ty) * 0.4
        if ty_line is not None:
            doc.hlines.append(HLine("shape", ty_line, paragraph=ty_empty.index))
    doc.facts.type = doc_type
    for k, v in overrides.items():
        setattr(doc, k, v)
    return doc
