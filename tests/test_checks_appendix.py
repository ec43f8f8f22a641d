"""Appendix checks on hand-built documents (edge cases; the sample-file tests are separate)."""

from __future__ import annotations

from typing import Any

import tomllib
from pathlib import Path

from nd30check.checks import appendix  # noqa: F401  (registers the checks)
from nd30check.checks.appendix import parse_ref
from nd30check.readers.docx.reader import CAPABILITIES as DOCX_CAPS
from nd30check.rulepack import load_pack
from nd30check.checks.base import REGISTRY, Ctx, Options
from nd30check.model import Document, Facts, Paragraph, Role, Run

ROOT = Path(__file__).resolve().parent.parent
# the rule pack's resolved parameters (declared defaults), as the engine hands them to checks
PARAMS: dict[str, dict[str, Any]] = {r.id: r.params for r in load_pack().rules.values()}


def para(txt: str, role: str, *, size: float | None = 14, bold: bool | None = True, italic: bool | None = False,
         align: str | None = "center") -> Paragraph:
    return Paragraph(index=0, runs=[Run(txt, size=size, bold=bold, italic=italic)], alignment=align, role=role)


def doc_of(*paras: Paragraph, **facts) -> Document:
    d = Document(path="x.docx", kind="docx", paragraphs=list(paras), capabilities=DOCX_CAPS, facts=Facts(**facts))
    for i, p in enumerate(d.paragraphs):
        p.index = i
    return d


def run(rule: str, doc: Document, bundle: dict | None = None) -> Ctx:
    ctx = Ctx(doc, rule, PARAMS[rule], Options(bundle=bundle))
    REGISTRY[rule](ctx)
    return ctx


def status(ctx: Ctx) -> str:
    return ctx.status


def keys(ctx: Ctx) -> list[str]:
    return [f.key for f in ctx.findings]


REF = "(Kèm theo Kế hoạch số 45/KH-UBND ngày 08 tháng 5 năm 2026 của Ủy ban nhân dân xã Phượng Tiến)"
MAIN = dict(type="KH", type_name="KẾ HOẠCH", number_symbol="45/KH-UBND", date="2026-05-08")


def appendix_block(head: str = "Phụ lục I", ref: str = REF, **kw) -> list[Paragraph]:
    return [para(head, Role.PL_HEADING, **kw), para("DANH SÁCH ĐƠN VỊ", Role.PL_TITLE),
            para(ref, Role.PL_REF, bold=False, italic=True, size=14)]


def test_parse_ref() -> None:
    assert parse_ref(REF) == {"type": "Kế hoạch", "number_symbol": "45/KH-UBND", "date": "2026-05-08", "symbol": "KH-UBND"}
    blank = parse_ref("(Kèm theo Văn bản số …/KH-UBND ngày … tháng … năm 2026 của …)")
    assert blank["number_symbol"] == "" and blank["date"] == "" and blank["symbol"] == "KH-UBND"
    assert parse_ref("(Ban hành kèm theo Quyết định số 12/QĐ-UBND, ngày 3 tháng 02 năm 2026)")["date"] == "2026-02-03"


def test_pl_heading() -> None:
    assert status(run("ND30-PL-HEADING", doc_of(*appendix_block()))) == "pass"
    ctx = run("ND30-PL-HEADING", doc_of(*appendix_block("PHỤ LỤC 1: DANH SÁCH", size=13, bold=False, align="left"),
                                        *appendix_block("Phụ lục 2")))
    assert sorted(set(keys(ctx))) == ["bold", "case", "centre", "own_line", "roman", "size"]
    plain = appendix_block()
    plain[1] = para("Danh sách đơn vị", Role.PL_TITLE, bold=False)
    plain[2] = para(REF, Role.PL_REF, bold=False, italic=False)
    assert sorted(keys(run("ND30-PL-HEADING", doc_of(*plain)))) == ["ref_italic", "title_bold", "title_caps"]
    assert status(run("ND30-PL-HEADING", doc_of(para("x", Role.BODY)))) == "not-applicable"
    assert keys(run("ND30-PL-HEADING", doc_of(para("x", Role.BODY), is_appendix=True))) == ["missing"]
    # a single appendix needs no number
    assert status(run("ND30-PL-HEADING", doc_of(*appendix_block("Phụ lục")))) == "pass"


def test_pl_ref_inside_main_file() -> None:
    assert status(run("ND30-PL-REF", doc_of(*appendix_block(), **MAIN))) == "pass"
    wrong = appendix_block(ref="(Kèm theo Kế hoạch số 46/KH-UBND ngày 09 tháng 5 năm 2026 của UBND xã)")
    ctx = run("ND30-PL-REF", doc_of(*wrong, **MAIN))
    assert keys(ctx) == ["number", "date"]
    assert ctx.findings[0].expected == "45/KH-UBND" and ctx.findings[1].actual == "09/05/2026"
    typ = appendix_block(ref="(Kèm theo Quyết định số 45/KH-UBND ngày 08 tháng 5 năm 2026)")
    assert keys(run("ND30-PL-REF", doc_of(*typ, **MAIN))) == ["type"]
    assert status(run("ND30-PL-REF", doc_of(para("x", Role.BODY), **MAIN))) == "not-applicable"


def test_pl_ref_blank_electronic_line_is_not_a_mismatch() -> None:
    blank = appendix_block(ref="(Kèm theo Văn bản số …/KH-UBND ngày … tháng … năm 2026 của …)")
    assert status(run("ND30-PL-REF", doc_of(*blank, **MAIN))) == "pass"
    other = appendix_block(ref="(Kèm theo Văn bản số …/QĐ-UBND ngày … tháng … năm 2026 của …)")
    assert keys(run("ND30-PL-REF", doc_of(*other, **MAIN))) == ["number"]


def test_pl_ref_separate_file_uses_bundle() -> None:
    pl = doc_of(*appendix_block(), is_appendix=True)
    assert status(run("ND30-PL-REF", pl)) == "not-evaluated"
    bundle = {"type": "KH", "type_name": "KẾ HOẠCH", "number": "45/KH-UBND", "date": "2026-05-08", "path": "kh.pdf"}
    assert status(run("ND30-PL-REF", pl, bundle)) == "pass"
    bundle["date"] = "2026-05-07"
    assert keys(run("ND30-PL-REF", pl, bundle)) == ["date"]


def test_pl_ref_missing_or_vague() -> None:
    assert keys(run("ND30-PL-REF", doc_of(para("Phụ lục I", Role.PL_HEADING), **MAIN))) == ["missing"]
    vague = appendix_block(ref="(Kèm theo Tờ trình của Ủy ban nhân dân xã)")
    assert keys(run("ND30-PL-REF", doc_of(*vague, **MAIN))) == ["unparsed"]


def test_pl_ref_without_date_or_number() -> None:
    no_date = appendix_block(ref="(Kèm theo Kế hoạch số 45/KH-UBND của Ủy ban nhân dân xã)")
    ctx = run("ND30-PL-REF", doc_of(*no_date, **MAIN))
    assert keys(ctx) == ["no_date"]
    wrong = appendix_block(ref="(Kèm theo Kế hoạch số 46/KH-UBND của Ủy ban nhân dân xã)")
    assert keys(run("ND30-PL-REF", doc_of(*wrong, **MAIN))) == ["no_date", "number"]
    no_number = appendix_block(ref="(Kèm theo Kế hoạch ngày 08 tháng 5 năm 2026)")
    assert keys(run("ND30-PL-REF", doc_of(*no_number, **MAIN))) == ["no_number"]


def test_pl_heading_arabic_two_means_several() -> None:
    ctx = run("ND30-PL-HEADING", doc_of(*appendix_block("Phụ lục 2"), is_appendix=True))
    assert keys(ctx) == ["roman"]
    assert status(run("ND30-PL-HEADING", doc_of(*appendix_block("Phụ lục 1"), is_appendix=True))) == "pass"


def test_pl_heading_and_title_in_one_paragraph_with_a_line_break() -> None:
    head = Paragraph(index=0, role=Role.PL_HEADING, alignment="center",
                     runs=[Run("Phụ lục I\n", size=14, bold=True), Run("DANH SÁCH ĐƠN VỊ", size=14, bold=True)])
    d = doc_of(head, para(REF, Role.PL_REF, bold=False, italic=True))
    assert status(run("ND30-PL-HEADING", d)) == "pass"
    head.runs[1].text = "Danh sách đơn vị"
    assert keys(run("ND30-PL-HEADING", d)) == ["title_caps"]
