"""The lines under header elements on a scan whose image edge cuts the line or its text.

A page laid out for a larger sheet (the A5 defect sample keeps an A4 header) runs past the
sheet's edge; a scanner or a phone can also stop short of the sheet. What is seen of a line or
a text that reaches the image's edge is only a lower bound: the check must not pass on it.
Documents are built with the real model the way the OCR reader fills it (a page with a dpi),
and judged by the real checks with the shipped rule pack's parameters.
"""

from __future__ import annotations

from nd30check.check import check_path
from nd30check.model import HLine, Page, Paragraph, Role, Run, Document

from test_checks_header_helpers import keys, run, status

A5_W, A5_H = 419.56, 595.3


def _motto_doc(text: str, x0: float, x1: float, line: tuple[float, float], dpi: float | None = 200.0,
               width: float = A5_W) -> Document:
    """A Tiêu ngữ line of text at [x0, x1] and the rule under it at ``line`` on one page."""
    doc = Document(path="x.pdf", kind="pdf", pages=[Page(1, width, A5_H, dpi=dpi, source="ocr" if dpi else None)])
    tn = Paragraph(0, runs=[Run(text, size=13, bold=True, italic=False, x0=x0, x1=x1, top=75, bottom=88)],
                   role=Role.TIEU_NGU, page=1, x0=x0, x1=x1, top=75, bottom=88)
    doc.paragraphs = [tn]
    doc.hlines = [HLine("path", line[1] - line[0], paragraph=0, page=1, x0=line[0], x1=line[1], y=94)]
    return doc


def test_line_and_text_cut_by_the_image_edge_are_not_evaluated_never_pass() -> None:
    """The A5 twin's geometry: the text and the rule both end at the scan's right edge; the
    seen parts are about as long as each other, which says nothing of the real lengths."""
    doc = _motto_doc("Độc lập - Tự do", 321.5, 414.5, (321.8, 419.8))
    ctx = run("ND30-TN-LINE", doc)
    assert status(ctx) == "not-evaluated", [(f.key, f.actual) for f in ctx.findings]
    assert [r.key for r in ctx.unevaluated] == ["cut-at-image-edge"]


def test_cut_line_already_too_long_fails_and_cut_text_with_a_short_line_fails() -> None:
    # only the line reaches the edge, and even its seen part is twice the text: at least that long
    doc = _motto_doc("Độc lập - Tự do - Hạnh phúc", 150.0, 250.0, (150.0, 417.0))
    assert keys(run("ND30-TN-LINE", doc)) == ["length"]
    # only the text reaches the edge, and the line is far shorter than even its seen part
    doc = _motto_doc("Độc lập - Tự do - Hạnh phúc", 250.0, 417.0, (300.0, 340.0))
    assert keys(run("ND30-TN-LINE", doc)) == ["length"]
    # only the line reaches the edge and its seen part is about the text's length: unknown
    doc = _motto_doc("Độc lập - Tự do - Hạnh phúc", 250.0, 400.0, (250.0, 418.0))
    assert status(run("ND30-TN-LINE", doc)) == "not-evaluated"


def test_away_from_the_edge_and_on_text_pages_the_measure_is_the_usual_one() -> None:
    # a scan of a right-sized page: nothing near the edge, judged as before
    doc = _motto_doc("Độc lập - Tự do - Hạnh phúc", 300.0, 470.0, (301.0, 469.0), width=595.3)
    assert status(run("ND30-TN-LINE", doc)) == "pass"
    # a text PDF's geometry is the file's own: the line's full length is known, even past the edge
    doc = _motto_doc("Độc lập - Tự do -", 321.4, 422.7, (321.55, 492.3), dpi=None)
    assert sorted(keys(run("ND30-TN-LINE", doc))) == ["length", "off-centre"]
    # unless the reader found glyphs of the text past the sheet's side: the shown text is only a part
    doc.paragraphs[0].extra["cut_at_page_edge"] = True
    ctx = run("ND30-TN-LINE", doc)
    assert status(ctx) == "not-evaluated", [(f.key, f.actual) for f in ctx.findings]
    assert [r.key for r in ctx.unevaluated] == ["cut-at-page-edge"]


def test_text_pdf_reader_flags_lines_cut_by_the_sheet_and_only_those() -> None:
    """The A5 defect sample keeps an A4 header: 47 characters of the quốc hiệu, the motto and
    the date (and of the signer's block) lie past the A5 sheet's right side. The reader keeps their
    glyphs out of the text and flags those paragraphs (not the agency lines on the same
    baselines, left of them);
    a compliant sample has no flag at all."""
    from pathlib import Path

    from nd30check.readers.pdf.reader import read_pdf

    root = Path(__file__).resolve().parents[1] / "samples" / "pdf"
    doc = read_pdf(str(root / "defects" / "ND30-PAGE-SIZE--a5.pdf"))
    cut = [p.text for p in doc.paragraphs if p.extra.get("cut_at_page_edge")]
    assert cut[:3] == ["CỘNG HÒA XÃ HỘI CHỦ", "Độc lập - Tự do -", "Định Hóa, ngày 24 thá"], cut
    assert cut[3:] == ["KT. HIỆU T", "PHÓ HIỆU", "Nông Vă"], cut  # the signer's block, right side too
    res = check_path(str(root / "defects" / "ND30-PAGE-SIZE--a5.pdf"))
    st = {r.rule: (r.status, [u.key for u in getattr(r, "unevaluated", [])]) for r in res.results}
    assert st["ND30-TN-LINE"][0] == "not-evaluated", st["ND30-TN-LINE"]
    for name in ("cv-so-noi-vu-nhieu-noi-nhan.pdf", "bb-ubnd-hop-ban-chi-dao.pdf"):
        whole = read_pdf(str(root / "compliant" / name))
        assert not [p.text for p in whole.paragraphs if p.extra.get("cut_at_page_edge")], name


def test_motto_centring_under_a_cut_quoc_hieu_is_unknown() -> None:
    """The A5 sample's cut motto and quốc hiệu: the shown parts' centres are not theirs, so
    TN-STYLE's centring is not-evaluated (it failed 'not centred' before); the same motto whole
    on the page is judged as usual."""
    qh = Paragraph(0, runs=[Run("CỘNG HÒA XÃ HỘI CHỦ", size=13, bold=True, italic=False)],
                   role=Role.QUOC_HIEU, page=1, x0=271.6, x1=425.9, top=57, bottom=70)
    tn = Paragraph(1, runs=[Run("Độc lập - Tự do -", size=14, bold=True, italic=False)],
                   role=Role.TIEU_NGU, page=1, x0=321.4, x1=422.7, top=72, bottom=86)
    doc = Document(path="x.pdf", kind="pdf", pages=[Page(1, A5_W, A5_H)])
    doc.paragraphs = [qh, tn]
    assert keys(run("ND30-TN-STYLE", doc)) == ["not-centred"]
    qh.extra["cut_at_page_edge"] = tn.extra["cut_at_page_edge"] = True
    ctx = run("ND30-TN-STYLE", doc)
    assert status(ctx) == "not-evaluated" and [r.key for r in ctx.unevaluated] == ["cut-at-page-edge"]


def test_a_huge_noise_word_does_not_pull_the_next_line_into_its_own() -> None:
    """Salt j's NN-LUU twin: seal ink beside "- Giám đốc, các PGĐ Sở;" was read as a 39 pt word
    "=E" 2.5 pt below that line's baseline; with its size as the line's tolerance (0.3 × 39 pt)
    the next line "- Lưu: VT, CCVC" 14 pt lower was taken into the same line, words interleaved
    ("- GiámLưu: VT,đốc,…"), and NN-LUU found no Lưu line. Sizes more than twice apart now
    share a line only at the smaller one's tolerance."""
    from nd30check.readers.pdf.content import Glyph
    from nd30check.readers.pdf.lines import build_lines

    def g(text: str, x0: float, x1: float, y: float, size: float, seq: int) -> Glyph:
        return Glyph(text, x0, x1, y, y - 0.75 * size, y + 0.1 * size, size, None, None, False, False, seq)

    glyphs = [g("-", 99.3, 103.0, 596.7, 11.1, 0), g("Giám", 105.3, 130.1, 596.7, 11.1, 1),
              g("đốc,", 132.8, 151.4, 596.7, 11.1, 2), g("=E", 375.3, 409.2, 599.2, 39.2, 3),
              g("-", 99.3, 103.2, 610.7, 11.0, 4), g("Lưu:", 105.9, 127.1, 610.7, 11.0, 5),
              g("VT,", 129.8, 146.9, 610.7, 11.0, 6)]
    lines = build_lines(glyphs, 1, 595.3, 841.9)
    texts = [" ".join(x.text for x in ln.glyphs if not x.text.isspace()) for ln in lines]
    assert texts == ["- Giám đốc, =E", "- Lưu: VT,"], texts
    # glyphs of sizes close to each other keep the larger tolerance (a 14 pt word beside 13 pt)
    near = [g("Độc", 100.0, 130.0, 300.0, 13.0, 0), g("lập", 133.0, 150.0, 303.5, 14.0, 1)]
    assert len(build_lines(near, 1, 595.3, 841.9)) == 1
