"""File-level and page-setup checks on hand-built documents (edge cases, PDF geometry, the
tri-state helpers of checks/common.py)."""

from __future__ import annotations

import tomllib

import pytest

from nd30check.checks.common import all_bold, check_sizes, is_all_caps
from nd30check.checks.page import font_family, is_times_new_roman
from nd30check.measure.pages import estimate_pages
from nd30check.measure.widths import text_width
from nd30check.model import MM, Document, Page, PageNumberField, Paragraph, Role, Run, Section, Table

from test_checks_header_helpers import ROOT, R, header_doc, keys, run, status


def pdf_doc(pages: list[Page], paras: list[Paragraph] | None = None, **kw) -> Document:
    d = Document(path="x.pdf", kind="pdf", pages=pages, paragraphs=paras or [], page_count=len(pages),
                 capabilities={"positions", "margins-measured"}, **kw)
    return d


def body_line(i: int, page: int, top: float, x0: float = 30 * MM, x1: float = 195 * MM, text: str = "Nội dung văn bản",
              size: float = 14, font: str = "TimesNewRomanPSMT", role: str = Role.BODY) -> Paragraph:
    r = Run(text, font=font, size=size, bold=False, italic=False, x0=x0, x1=x1, top=top, bottom=top + size)
    return Paragraph(i, runs=[r], role=role, page=page, x0=x0, x1=x1, top=top, bottom=top + size)


# --- common helpers ------------------------------------------------------------------------


def test_tristate_helpers():
    p = Paragraph(0, runs=[Run("A", bold=True), Run("B", bold=None)])
    assert all_bold(p) is None
    p.runs[1].bold = False
    assert all_bold(p) is False
    assert is_all_caps(Paragraph(0, runs=[Run("abc", caps=True), Run("  ")])) is True
    assert is_all_caps(Paragraph(0, runs=[Run("1.")])) is None  # no letters: unknown
    v = check_sizes(Paragraph(0, runs=[Run("x", size=13.25), Run("y", size=12.74)]), 13, 14)
    assert v.ok is False and v.bad == [12.5]
    v = check_sizes(Paragraph(0, runs=[Run("x", size=13), Run("y", size=None)]), 13, 14)
    assert v.ok is None


def test_text_width_matches_times_new_roman_metrics():
    # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" bold 13 pt: about 91 mm in Word
    w = text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True) / MM
    assert 85 < w < 97
    assert text_width("ư", 10) > text_width("u", 10)  # horn letters are wider


# --- FILE-NO-TEXT / FILE-TRACKED-CHANGES ---------------------------------------------------


def test_file_no_text():
    d = pdf_doc([Page(1, 595, 842, has_text=False), Page(2, 595, 842, has_text=False)])
    d.has_text_layer = False
    ctx = run("FILE-NO-TEXT", d)
    assert status(ctx) == "fail" and ctx.findings[0].fmt["pages"] == 2
    d = pdf_doc([Page(1, 595, 842), Page(2, 595, 842, has_text=False)], [body_line(0, 1, 80)])
    assert keys(run("FILE-NO-TEXT", d)) == ["some-pages"]
    assert status(run("FILE-NO-TEXT", pdf_doc([Page(1, 595, 842)], [body_line(0, 1, 80)]))) == "pass"
    assert status(run("FILE-NO-TEXT", header_doc())) == "pass"


def test_tracked_changes():
    d = header_doc()
    assert status(run("FILE-TRACKED-CHANGES", d)) == "pass"
    d.tracked_changes, d.comments = 3, 1
    assert keys(run("FILE-TRACKED-CHANGES", d)) == ["tracked", "comments"]
    # a reader that cannot tell: the engine does not run the check (requires = ["tracked-changes"])
    from nd30check.config import Config
    from nd30check.engine import run_rules
    from nd30check.rulepack import load_pack

    d.capabilities = frozenset(d.capabilities) - {"tracked-changes"}
    res = run_rules(d, load_pack(), Config(select=["FILE-TRACKED-CHANGES"]))
    assert [(r.rule, r.status) for r in res] == [("FILE-TRACKED-CHANGES", "not-evaluated")]
    from nd30check.report.words import Words

    assert "theo dõi thay đổi" in Words().reasons(res[0])[0]


def test_file_unreadable_has_a_message_per_reader_code():
    with open(ROOT / "nd30check" / "rules" / "file.toml", "rb") as fh:
        rules = {r["id"]: r for r in tomllib.load(fh)["rule"]}
    fu = rules["FILE-UNREADABLE"]
    assert fu["pipeline"] is True
    for code in ("corrupt-zip", "encrypted", "legacy-doc", "odt", "zip-bomb", "xml-entities", "too-deep",
                 "not-a-document", "empty", "too-large", "timeout", "malformed-pdf", "crash"):
        m = fu["messages"][code]
        assert m["vi"] and m["en"] and m["vi"] != m["en"], code


# --- ND30-PAGE-SIZE / ORIENT ---------------------------------------------------------------


def test_page_size_docx_and_pdf():
    d = header_doc()
    assert status(run("ND30-PAGE-SIZE", d)) == "pass"
    d.sections[0].page_width, d.sections[0].page_height = 215.9 * MM, 279.4 * MM  # US Letter
    ctx = run("ND30-PAGE-SIZE", d)
    assert status(ctx) == "fail" and ctx.findings[0].actual == "216 × 279 mm"
    d.sections[0].page_width = None
    assert status(run("ND30-PAGE-SIZE", d)) == "not-evaluated"
    # a scan of A4 at 211 × 299 mm is within the scan tolerance, a text PDF is not
    scan = pdf_doc([Page(1, 211 * MM, 299 * MM, has_text=False)])
    scan.has_text_layer = False
    assert status(run("ND30-PAGE-SIZE", scan)) == "pass"
    text = pdf_doc([Page(1, 211 * MM, 299 * MM)], [body_line(0, 1, 80)])
    assert status(run("ND30-PAGE-SIZE", text)) == "fail"
    assert status(run("ND30-PAGE-SIZE", pdf_doc([Page(1, 842, 595.3)]))) == "pass"  # landscape A4 is A4


def test_page_orientation():
    d = header_doc()
    d.sections.append(Section(1, page_width=297 * MM, page_height=210 * MM, orientation="landscape"))
    assert status(run("ND30-PAGE-ORIENT", d)) == "fail"
    d.tables.append(Table(1, rows=5, cols=4, has_borders=True, section=1))
    assert status(run("ND30-PAGE-ORIENT", d)) == "pass"
    # the borderless two-column header table doesn't count as a data table
    d = header_doc()
    d.sections[0].orientation = "landscape"
    assert status(run("ND30-PAGE-ORIENT", d)) == "fail"


# --- ND30-MARGIN ---------------------------------------------------------------------------


def test_margins_docx():
    d = header_doc()
    assert status(run("ND30-MARGIN", d)) == "pass"
    d.sections[0].margin_left = 25 * MM
    d.sections[0].margin_right = 20.4 * MM  # within ±0.5
    ctx = run("ND30-MARGIN", d)
    assert keys(ctx) == ["default"] and ctx.findings[0].fmt["side_en"] == "left"
    assert ctx.findings[0].expected == "30–35 mm" and ctx.findings[0].actual == "25 mm"


def _full_page(page: int, x0: float, x1: float, top0: float, n: int = 30) -> list[Paragraph]:
    return [body_line(page * 100 + i, page, top0 + i * 20, x0=x0, x1=x1) for i in range(n)]


def test_margins_pdf_measured_from_text():
    a4 = [Page(1, 595.3, 841.9)]
    ok = pdf_doc(a4, _full_page(1, 30 * MM, 195 * MM, 21 * MM))
    assert status(run("ND30-MARGIN", ok)) == "pass"
    narrow = pdf_doc(a4, _full_page(1, 20 * MM, 195 * MM, 21 * MM))
    ctx = run("ND30-MARGIN", narrow)
    assert keys(ctx) == ["pdf-narrow"] and ctx.findings[0].severity is None and ctx.findings[0].actual == "20.0 mm"
    wide = pdf_doc(a4, _full_page(1, 45 * MM, 195 * MM, 21 * MM))
    ctx = run("ND30-MARGIN", wide)
    assert keys(ctx) == ["pdf-wide"] and ctx.findings[0].severity == "warning"
    # a short page with text well inside the allowed region passes (not enough text to call it wide)
    short = pdf_doc(a4, _full_page(1, 45 * MM, 150 * MM, 21 * MM, n=3))
    assert status(run("ND30-MARGIN", short)) == "pass"
    # page numbers and signature stamps in the top margin are not text of the body
    pn = body_line(999, 1, 10 * MM, x0=100 * MM, x1=105 * MM, text="2", role=Role.PAGE_NUMBER)
    ok.paragraphs.append(pn)
    assert status(run("ND30-MARGIN", ok)) == "pass"
    empty = pdf_doc(a4, [])
    assert status(run("ND30-MARGIN", empty)) == "not-evaluated"


# --- ND30-FONT / ND30-COLOR ----------------------------------------------------------------


@pytest.mark.parametrize("name, ok", [("Times New Roman", True), ("ABCDEF+TimesNewRomanPS-BoldMT", True),
                                      ("Times New Roman,Italic", True), ("TimesNewRomanPSMT", True),
                                      ("Times-Roman", False), ("Arial", False), ("Liberation Serif", False)])
def test_font_names(name, ok):
    assert is_times_new_roman(name) is ok
    assert font_family("TimesNewRomanPS-BoldItalicMT") == "timesnewroman"


def test_font_reports_each_other_font_once_with_count():
    d = header_doc()
    body = d.paragraphs[-1]
    body.runs = [R("Một ", 14, font="Arial"), R("hai ", 14, font="Arial"), R("ba", 14, font="Calibri")]
    ctx = run("ND30-FONT", d)
    assert [(f.actual, f.fmt["count"]) for f in ctx.findings] == [("Arial", 2), ("Calibri", 1)]
    assert ctx.findings[0].excerpt == "Một"


def test_font_ignores_signature_stamps_but_notes_them():
    d = header_doc()
    d.paragraphs[-1].runs.append(Run("507", font="Courier New", size=10, from_signature=True))
    ctx = run("ND30-FONT", d)
    assert status(ctx) == "pass" and [f.key for f in ctx.findings] == ["stamp-font"] and ctx.findings[0].note


def test_font_unknown_is_not_evaluated():
    d = header_doc()
    d.paragraphs[-1].runs[0].font = None
    assert status(run("ND30-FONT", d)) == "not-evaluated"


def test_color():
    d = header_doc()
    d.paragraphs[-1].runs[0].color = "101010"  # near black
    assert status(run("ND30-COLOR", d)) == "pass"
    d.paragraphs[-1].runs[0].color = "FF0000"
    ctx = run("ND30-COLOR", d)
    assert status(ctx) == "fail" and ctx.findings[0].actual == "#FF0000"


# --- ND30-PAGE-NUMBER ----------------------------------------------------------------------


def test_page_number_docx_fields():
    d = header_doc()
    d.page_count = 3
    d.sections[0].page_numbers = [PageNumberField("header", alignment="center", size=14)]
    assert status(run("ND30-PAGE-NUMBER", d)) == "pass"
    d.sections[0].page_numbers = [PageNumberField("footer", alignment="right", size=12, first_page=True)]
    assert sorted(keys(run("ND30-PAGE-NUMBER", d))) == ["not-centred", "not-top", "on-first-page", "size"]
    d.sections[0].page_numbers = [PageNumberField("header", alignment=None, size=13)]
    assert status(run("ND30-PAGE-NUMBER", d)) == "not-evaluated"


def test_page_number_docx_without_fields_uses_length():
    short = header_doc()
    assert status(run("ND30-PAGE-NUMBER", short)) == "pass"  # clearly one page
    long = header_doc()
    long.paragraphs += [Paragraph(len(long.paragraphs) + i, runs=[R("Nội dung dài của văn bản " * 12, 14)],
                                  space_after=6, role=Role.BODY) for i in range(40)]
    est = estimate_pages(long)
    assert est is not None and est > 2
    assert keys(run("ND30-PAGE-NUMBER", long)) == ["missing"]
    counted = header_doc()
    counted.page_count = 1
    assert status(run("ND30-PAGE-NUMBER", counted)) == "pass"


def test_page_number_pdf():
    pages = [Page(n, 595.3, 841.9) for n in (1, 2, 3)]
    paras = _full_page(1, 30 * MM, 195 * MM, 21 * MM, 5) + _full_page(2, 30 * MM, 195 * MM, 21 * MM, 5) \
        + _full_page(3, 30 * MM, 195 * MM, 21 * MM, 5)
    nums = [body_line(900 + n, n, 10 * MM, x0=110 * MM, x1=114 * MM, text=str(n), role=Role.PAGE_NUMBER, size=14)
            for n in (2, 3)]
    d = pdf_doc(pages, paras + nums)
    assert status(run("ND30-PAGE-NUMBER", d)) == "pass"
    d = pdf_doc(pages, paras + nums[:1])
    assert keys(run("ND30-PAGE-NUMBER", d)) == ["missing-pages"]
    first = body_line(899, 1, 10 * MM, x0=110 * MM, x1=114 * MM, text="1", role=Role.PAGE_NUMBER, size=14)
    assert "on-first-page" in keys(run("ND30-PAGE-NUMBER", pdf_doc(pages, paras + nums + [first])))
    bottom = [body_line(900 + n, n, 285 * MM, x0=110 * MM, x1=114 * MM, text=str(n), role=Role.PAGE_NUMBER, size=14)
              for n in (2, 3)]
    assert keys(run("ND30-PAGE-NUMBER", pdf_doc(pages, paras + bottom))) == ["not-top"]
    one = pdf_doc(pages[:1], paras[:5])
    assert status(run("ND30-PAGE-NUMBER", one)) == "pass"


def test_docx_saved_page_count_of_one_is_checked_against_the_text_length():
    """python-docx copies "Pages=1" from its template into every file: not believed for long text."""
    long = header_doc()
    long.page_count = 1
    long.paragraphs += [Paragraph(len(long.paragraphs) + i, runs=[R("Nội dung dài của văn bản " * 12, 14)],
                                  space_after=6, role=Role.BODY) for i in range(40)]
    assert keys(run("ND30-PAGE-NUMBER", long)) == ["missing"]


def test_pdf_appendix_first_page_restarts_numbering():
    pages = [Page(n, 595.3, 841.9) for n in (1, 2, 3)]
    paras = [body_line(n * 10, n, 21 * MM) for n in (1, 2, 3)]
    paras.append(body_line(31, 3, 30 * MM, text="Phụ lục I", role=Role.PL_HEADING))
    nums = [body_line(900, 2, 10 * MM, x0=110 * MM, x1=114 * MM, text="2", role=Role.PAGE_NUMBER, size=14)]
    assert status(run("ND30-PAGE-NUMBER", pdf_doc(pages, paras + nums))) == "pass"
    paras[-1].role = Role.BODY
    assert keys(run("ND30-PAGE-NUMBER", pdf_doc(pages, paras + nums))) == ["missing-pages"]


def test_every_unreadable_code_raised_in_the_code_base_has_its_own_message():
    """A reader code without a message would fall back to the generic one: keep them in step."""
    import re

    with open(ROOT / "nd30check" / "rules" / "file.toml", "rb") as fh:
        msgs = {r["id"]: r for r in tomllib.load(fh)["rule"]}["FILE-UNREADABLE"]["messages"]
    codes: set[str] = set()
    for path in list((ROOT / "nd30check").rglob("*.py")):
        src = path.read_text("utf-8")
        codes |= set(re.findall(r"""(?:_err|UnreadableError|unreadable_result)\(\s*(?:[\w.]+,\s*[\w.]+,\s*)?["']([a-z][a-z-]+)["']""", src))
    codes -= {"rule"}
    assert codes, "no reader codes found"
    missing = sorted(c for c in codes if c not in msgs)
    assert not missing, f"FILE-UNREADABLE has no message for {missing}"


def test_docx_line_widths_wrap_at_the_box_width():
    from nd30check.measure.widths import line_widths

    p = Paragraph(0, runs=[Run("ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN", size=13, bold=True)])
    (one,) = line_widths(p)
    assert 80 * MM < one < 90 * MM
    p.extra["box_width"] = 60 * MM  # the header cell: Word wraps after "XÃ"
    first, second = line_widths(p)
    assert first <= 60 * MM and abs(first + second + text_width(" ", 13, bold=True) - one) < 0.5
    p.runs = [Run("ỦY BAN NHÂN DÂN\nXÃ PHƯỢNG TIẾN", size=13, bold=True)]  # explicit line break
    assert len(line_widths(p)) == 2


def test_file_no_text_ocr_only_scan():
    d = pdf_doc([Page(1, 595, 842, has_text=False)])
    d.has_text_layer = False
    d.reader_notes.append("Chỉ có lớp chữ ẩn do nhận dạng (OCR), không dùng để đo thể thức. / Only an invisible OCR text layer")
    assert keys(run("FILE-NO-TEXT", d)) == ["ocr-only"]
