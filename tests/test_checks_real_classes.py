"""Checks for classes of real documents (tests/real): each with a failing and a passing case.

* a prefix right but glued to the title ("KT.GIÁM ĐỐC"): a warning, a wrong prefix an error;
* the Tiêu ngữ typed with the eth "Ð" (U+00D0): a warning, not "motto missing";
* formulas in Cambria Math: a warning, another font an error;
* a scanned page off A4: a warning, a text page off A4 an error;
* a trích yếu line of the wrong length: a warning, no line at all an error;
* a paper naming a type the decree does not list: its number, signer and Nơi nhận not-evaluated;
* weight judged on letters: a colon left upright in a bold italic "Nơi nhận:" is fine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nd30check.checks import body, header, page, signblock  # noqa: F401  (registers the checks)
from nd30check.checks.base import REGISTRY, Ctx, Options
from nd30check.model import Document, Facts, HLine, Page, Paragraph, Role, Run
from nd30check.readers.docx.reader import CAPABILITIES as DOCX_CAPS
from nd30check.readers.pdf.reader import CAPABILITIES as PDF_CAPS
from nd30check.engine import reason_word
from nd30check.report.words import Words
from nd30check.results import RuleResult
from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
# the rule pack's resolved parameters (declared defaults), as the engine hands them to checks
PARAMS = {r.id: r.params for r in load_pack().rules.values()}


def para(txt: str, role: str | None, *, size: float = 14, bold: bool = True, italic: bool = False, column: str = "right",
         runs: list[Run] | None = None, **kw) -> Paragraph:
    return Paragraph(index=0, runs=runs or [Run(txt, size=size, bold=bold, italic=italic, font="Times New Roman")],
                     alignment="center", column=column, role=role, **kw)


def doc_of(*paras: Paragraph, kind: str = "docx", **facts) -> Document:
    d = Document(path=f"x.{kind}", kind=kind, paragraphs=list(paras), facts=Facts(**facts),
                 capabilities=DOCX_CAPS if kind == "docx" else PDF_CAPS)  # what each reader states
    for i, p in enumerate(d.paragraphs):
        p.index = i
    return d


def run(rule: str, doc: Document) -> Ctx:
    ctx = Ctx(doc, rule, PARAMS[rule], Options())
    REGISTRY[rule](ctx)
    return ctx


def severities(ctx: Ctx) -> list[tuple[str, str]]:
    return [(f.key, f.severity or "error") for f in ctx.findings]


@pytest.mark.parametrize("line, want", [
    ("KT.GIÁM ĐỐC", [("prefix-space", "warning")]),
    ("K.T. GIÁM ĐỐC", [("prefix", "error")]),
    ("KT. GIÁM ĐỐC", []),
])
def test_glued_authority_prefix_is_a_warning(line: str, want: list) -> None:
    doc = doc_of(para(line, Role.QUYEN_HAN), para("PHÓ GIÁM ĐỐC", Role.CHUC_VU), type="CV")
    assert severities(run("ND30-SIGN-AUTHORITY", doc)) == want


def _header(tn: str) -> Document:
    return doc_of(para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Role.QUOC_HIEU, size=13),
                  para(tn, Role.TIEU_NGU), type="KH")


def test_eth_in_the_motto_is_a_lookalike_warning() -> None:
    ctx = run("ND30-TN-TEXT", _header("Ðộc lập - Tự do - Hạnh phúc"))
    assert severities(ctx) == [("lookalike", "warning")]
    assert run("ND30-TN-TEXT", _header("Độc lập - Tự do - Hạnh phúc")).findings == []


@pytest.mark.parametrize("font, want", [("Cambria Math", [("math-font", "warning")]), ("Arial", [("default", "error")]),
                                        ("Times New Roman", [])])
def test_formula_font(font: str, want: list) -> None:
    doc = doc_of(para("Ttb = TSTtt / Stt", Role.BODY, bold=False,
                      runs=[Run("Giá đất ", font="Times New Roman", size=14), Run("∑ GCNi", font=font, size=14)]))
    assert severities(run("ND30-FONT", doc)) == want


@pytest.mark.parametrize("has_text, want", [(False, [("scan", "warning")]), (True, [("default", "error")])])
def test_scanned_page_off_a4_is_a_warning(has_text: bool, want: list) -> None:
    doc = doc_of(para("Số: 01/KH-UBND", Role.SO_KY_HIEU), kind="pdf")
    doc.pages = [Page(number=1, width=595.6, height=827.7, has_text=has_text)]
    doc.has_text_layer = has_text
    assert severities(run("ND30-PAGE-SIZE", doc)) == want


def _trich_yeu(line_len: float | None) -> Document:
    tl = para("KẾ HOẠCH", Role.TEN_LOAI, column="full")
    ty = para("Về việc tham dự Hội nghị đánh giá Chương trình mục tiêu quốc gia", Role.TRICH_YEU, column="full")
    for p, (x0, x1, top) in zip((tl, ty), ((270, 350, 150), (120, 520, 170))):
        p.x0, p.x1, p.top, p.bottom, p.page = x0, x1, top, top + 16, 1
    doc = doc_of(tl, ty, kind="pdf", type="KH", type_name="KẾ HOẠCH", type_abbr="KH")
    doc.pages = [Page(number=1, width=595.3, height=842)]
    if line_len is not None:
        mid = 320
        doc.hlines = [HLine(kind="path", length=line_len, paragraph=1, page=1, x0=mid - line_len / 2,
                            x1=mid + line_len / 2, y=190)]
    return doc


@pytest.mark.parametrize("line_len, want", [(95.0, [("line-length", "warning")]), (None, [("line-missing", "error")]),
                                            (160.0, [])])
def test_trich_yeu_line(line_len: float | None, want: list) -> None:
    ctx = run("ND30-TRICH-YEU", _trich_yeu(line_len))
    assert [k for k in severities(ctx) if k[0].startswith("line-")] == want


def test_a_paper_of_an_unlisted_type_is_not_failed_for_what_it_lacks() -> None:
    header_paras = [para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Role.QUOC_HIEU, size=13),
                    para("Độc lập - Tự do - Hạnh phúc", Role.TIEU_NGU),
                    para("SỞ NỘI VỤ", Role.CQ_BAN_HANH, size=13, column="left"),
                    para("BẢNG SO SÁNH THUYẾT MINH", Role.TEN_LOAI, column="full"),
                    para("NỘI DUNG DỰ THẢO NGHỊ QUYẾT", Role.TRICH_YEU, column="full")]
    unlisted = doc_of(*header_paras, type_name="BẢNG SO SÁNH THUYẾT MINH")
    for rule in ("ND30-SO-FORMAT", "ND30-STRUCTURE-REQUIRED", "ND30-NN-LABEL"):
        ctx = run(rule, unlisted)
        reason = Words().reasons(RuleResult(rule, ctx.status, reasons=[reason_word(ctx.unevaluated[0])]))[0]  # as shown
        assert ctx.status == "not-evaluated" and "BẢNG SO SÁNH THUYẾT MINH" in reason, rule
    listed = doc_of(*header_paras[:3], para("KẾ HOẠCH", Role.TEN_LOAI, column="full"), header_paras[4],
                    type="KH", type_abbr="KH", type_name="KẾ HOẠCH")
    for rule in ("ND30-SO-FORMAT", "ND30-STRUCTURE-REQUIRED", "ND30-NN-LABEL"):
        assert run(rule, listed).status == "fail", rule


@pytest.mark.parametrize("colon_bold, want", [(False, "pass"), (None, "pass")])
def test_nn_label_colon_left_upright(colon_bold: bool | None, want: str) -> None:
    label = para("Nơi nhận:", Role.NOI_NHAN, size=12, column="left",
                 runs=[Run("Nơi nhận", size=12, bold=True, italic=True), Run(":", size=12, bold=colon_bold, italic=False)])
    label.alignment = "left"
    doc = doc_of(label, para("- Lưu: VT, VP.", Role.NOI_NHAN_ITEM, size=11, bold=False, column="left"), type="CV")
    assert run("ND30-NN-LABEL", doc).status == want
    label.runs[0].bold = False
    assert run("ND30-NN-LABEL", doc).status == "fail"
