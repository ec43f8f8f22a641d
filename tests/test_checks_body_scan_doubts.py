"""BODY-INDENT / BODY-SPACING on scans where the paragraph's shape was misread (checks/body/doubts.py).

The geometries are those the OCR reader produced on re-scanned twins (salts c, d, f, g): the
last line "sau:" of a paragraph split off (read "Sau:"), a signer's title under a seal read as
a body line ("HÒNG" at 12 cm), a continuation line whose first words went unread. Each was a
false warning; each is now a note and leaves the rule not-evaluated — while the same geometry
with a real fault (an unindented paragraph after a short last line, a 0 pt gap between two
indented paragraphs) and the same geometry on a text PDF still fail.
"""

from __future__ import annotations

from nd30check.model import Paragraph, Role, Run

from test_checks_body import CM, doc_of, keys, run, status

BOX = (99.1, 538.0)  # the column's left and right edges (points)


def _ocr(i: int, lines: list[tuple[str, float, float]], top: float, *, fli: float | None, before: float | None,
         scanned: bool = True, pitch: float = 18.5) -> Paragraph:
    """A paragraph as the OCR reader makes it: one run per line (text, x0, x1), baselines one
    ``pitch`` apart, the column box, a reading confidence."""
    runs = [Run(t, font=None, size=14.1, bold=None, italic=None, x0=a, x1=b, top=top + k * pitch,
                bottom=top + k * pitch + 13) for k, (t, a, b) in enumerate(lines)]
    p = Paragraph(index=i, runs=runs, alignment="justify" if len(lines) > 1 else None, first_line_indent=fli,
                  left_indent=0.0, space_before=before, space_after=0.0, line_spacing=1.14 if len(lines) > 1 else None,
                  line_rule="auto" if len(lines) > 1 else None, role=Role.BODY, page=1,
                  x0=min(a for _, a, _ in lines), x1=max(b for _, _, b in lines), top=top,
                  bottom=top + (len(lines) - 1) * pitch + 13, lines=len(lines),
                  confidence=0.95 if scanned else None)
    p.extra.update(baselines=[top + 12 + k * pitch for k in range(len(lines))], column_box=BOX)
    return p


FULL = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc sắp xếp, bố trí đội ngũ công chức"


def _split_doc(last: str = "Sau:", last_x1: float = 537.7, scanned: bool = True):
    a = _ocr(0, [(FULL, 135.1, 537.7), (FULL, 99.4, 537.8), (FULL, 99.4, last_x1)], 243.0, fli=36.0, before=6.0,
             scanned=scanned)
    b = _ocr(1, [(last, 99.1, 121.5)], 243.0 + 3 * 18.5, fli=0.4, before=0.0, scanned=scanned)
    c = _ocr(2, [(FULL, 135.2, 538.0), (FULL, 99.1, 379.1)], 243.0 + 4 * 18.5 + 8, fli=36.1, before=6.0,
             scanned=scanned)
    return doc_of(a, b, c, kind="pdf")


def test_a_last_line_split_off_is_a_note_not_an_indent_or_gap_fault() -> None:
    for rule in ("ND30-BODY-INDENT", "ND30-BODY-SPACING"):
        ctx = run(rule, _split_doc())
        assert status(ctx) == "not-evaluated", (rule, [(f.key, f.actual, f.note) for f in ctx.findings])
        assert [f.key for f in ctx.findings if f.note] == ["split-last-line"]


def test_the_same_geometry_after_a_short_line_or_on_a_text_pdf_still_fails() -> None:
    # the line above ends short: a paragraph's own last line, so the next one is a paragraph
    d = _split_doc(last_x1=380.0)
    assert keys(run("ND30-BODY-INDENT", d)) == ["default"]
    assert keys(run("ND30-BODY-SPACING", d)) == ["default"]
    # a text PDF's paragraphs are the file's own
    d = _split_doc(scanned=False)
    assert keys(run("ND30-BODY-INDENT", d)) == ["default"]


def test_a_line_past_the_middle_of_the_column_is_not_judged_as_an_indent() -> None:
    a = _ocr(0, [(FULL, 135.1, 537.7), (FULL, 99.4, 500.0)], 400.0, fli=36.0, before=6.0)
    title = _ocr(1, [("HÒNG", 429.2, 465.9)], 471.6, fli=330.0, before=17.7)
    ctx = run("ND30-BODY-INDENT", doc_of(a, title, kind="pdf"))
    assert status(ctx) == "not-evaluated" and [f.key for f in ctx.findings] == ["right-block"]


def test_continuation_lines_starting_late_leave_the_indent_unjudged_unless_wrong_from_the_column_too() -> None:
    # first line at 1.27 cm from the column, its second line read from 0.84 cm in (first words unread)
    p = _ocr(0, [(FULL, BOX[0] + 36.0, 523.8), (FULL, BOX[0] + 23.9, 513.6)], 330.0, fli=12.1, before=6.0)
    ctx = run("ND30-BODY-INDENT", doc_of(p, kind="pdf"))
    assert status(ctx) == "not-evaluated" and [f.key for f in ctx.findings] == ["late-left-edge"]
    # a first line that is wrong from the column's edge as well still fails
    p = _ocr(0, [(FULL, BOX[0] + 80.0, 523.8), (FULL, BOX[0] + 23.9, 513.6)], 330.0, fli=56.1, before=6.0)
    assert keys(run("ND30-BODY-INDENT", doc_of(p, kind="pdf"))) == ["default"]
    assert 56.1 / CM > 1.27 + 0.1 and 80.0 / CM > 1.27 + 0.1


def test_a_paragraph_cut_after_a_line_whose_last_word_went_unread_is_a_note() -> None:
    """Salt j's compliant twin: 'lễ hội Lồng [Tồng]' — the last word of a justified line went
    unread (Page.unread holds its ink up to the column's edge), so the line looks short and the
    reading began a paragraph at the next line: 0 pt gap, no indent — two false warnings. With
    the unread ink the cut is a note for both rules; the same short line with white paper after
    it (a paragraph's own last line) still makes the unindented, ungapped line below a fault."""
    from nd30check.model import Page

    def cut_doc(unread: bool):
        d = _split_doc(last_x1=505.0)
        b = d.paragraphs[1]
        b.runs.append(Run(FULL, font=None, size=14.1, bold=None, italic=None, x0=99.2, x1=380.0,
                          top=b.runs[0].top + 18.5, bottom=b.runs[0].bottom + 18.5))
        b.extra["baselines"].append(b.extra["baselines"][0] + 18.5)
        b.lines = 2
        last = d.paragraphs[0].runs[-1]
        d.pages = [Page(1, 595.3, 841.9, dpi=200, source="ocr",
                        unread=[(509.0, last.top - 1.0, 537.0, last.bottom + 0.5)] if unread else [])]
        return d

    for rule in ("ND30-BODY-INDENT", "ND30-BODY-SPACING"):
        ctx = run(rule, cut_doc(True))
        assert status(ctx) == "not-evaluated", (rule, [(f.key, f.actual, f.note) for f in ctx.findings])
        assert [f.key for f in ctx.findings if f.note] == ["unread-line-end"]
        assert keys(run(rule, cut_doc(False))) == ["default"], rule


def test_can_cu_whose_last_line_was_split_off_ends_with_that_lines_mark() -> None:
    """Salt k (first held-out run) compliant QĐ twin: "Theo đề nghị của … Ủy ban nhân dân" |
    "Xã." — the wrapped last line read with a capital became an item of its own, so the line
    above 'ended with "n"' (a false CAN-CU warning). On a scan the split line is the item's end
    again; the same split on a text PDF (its paragraphs are the file's own) still fails."""
    from nd30check.model import Page

    def doc(scanned: bool):
        a = _ocr(0, [("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", 135.0, 420.0)],
                 200.0, fli=36.0, before=6.0, scanned=scanned, pitch=20.0)
        b = _ocr(1, [("Căn cứ Nghị định số 118/2025/NĐ-CP " + FULL, 135.0, 537.8), (FULL, 99.2, 537.6),
                     ("thủ tục hành chính;", 99.2, 300.0)], 225.0, fli=36.0, before=6.0, scanned=scanned, pitch=20.0)
        c = _ocr(2, [("Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", 135.0, 537.7)],
                 291.0, fli=36.0, before=6.0, scanned=scanned, pitch=20.0)
        d = _ocr(3, [("Xã.", 99.2, 114.0)], 311.0, fli=0.0, before=0.0, scanned=scanned, pitch=20.0)
        for p in (a, b, c, d):
            p.role = Role.CAN_CU
            for r in p.runs:
                r.italic, r.size = True, 14.0
        out = doc_of(a, b, c, d, kind="pdf", dtype="QĐ")
        out.pages = [Page(1, 595.3, 841.9, dpi=200 if scanned else None, source="ocr" if scanned else None)]
        return out

    ctx = run("ND30-CAN-CU", doc(True))
    assert [f.key for f in ctx.findings if not f.note] == [], [(f.key, f.actual) for f in ctx.findings]
    assert "end" in [f.key for f in run("ND30-CAN-CU", doc(False)).findings]


def test_can_cu_whose_wrapped_end_went_unread_is_a_note() -> None:
    """Salt l (first held-out run): the same QĐ's "xã." was not read at all — only unread ink
    at the column's left edge on the next line. The item's end is then unknown (a note, the rule
    not-evaluated); with white paper there, the line really ends with "n" and fails."""
    from nd30check.model import Page

    def doc(unread: bool):
        c = _ocr(0, [("Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", 135.0, 537.7)],
                 291.0, fli=36.0, before=6.0, pitch=20.0)
        c.role = Role.CAN_CU
        for r in c.runs:
            r.italic, r.size = True, 14.0
        out = doc_of(c, kind="pdf", dtype="QĐ")
        out.pages = [Page(1, 595.3, 841.9, dpi=200, source="ocr",
                          unread=[(99.5, 304.0, 114.0, 313.5)] if unread else [])]
        return out

    ctx = run("ND30-CAN-CU", doc(True))
    assert status(ctx) == "not-evaluated" and [f.key for f in ctx.findings] == ["end-unread"]
    assert [f.key for f in run("ND30-CAN-CU", doc(False)).findings] == ["theo_end"]


def _centred(i: int, lines: list[tuple[str, float, float]], top: float, *, scanned: bool = True) -> Paragraph:
    p = _ocr(i, lines, top, fli=None, before=6.0, scanned=scanned)
    p.alignment = "center"
    return p


TITLE = "SỰ CẦN THIẾT VÀ CĂN CỨ XÂY DỰNG ĐỀ ÁN"


def test_a_lone_line_read_centred_on_a_scan_is_a_note_not_an_alignment_fault() -> None:
    """Salt l, compliant ĐA twin: "Phần I" read "Phần" (its "I" unread), the title under it was
    labelled body and, one centred line, failed BODY-ALIGN. One line has no second to be
    symmetric with: on a scan its alignment is a note; several centred lines are judged, and on
    a text PDF a centred line still fails."""
    body = _ocr(1, [(FULL, 135.1, 537.7), (FULL, 99.4, 537.8), (FULL, 99.4, 300.0)], 260.0, fli=36.0, before=6.0)
    ctx = run("ND30-BODY-ALIGN", doc_of(_centred(0, [(TITLE, 164.4, 473.7)], 200.0), body, kind="pdf"))
    assert status(ctx) == "not-evaluated", [(f.key, f.note) for f in ctx.findings]
    assert [f.key for f in ctx.findings if f.note] == ["lone-centred-line"]
    # two centred lines (one axis, starts apart) are a measurement: judged
    two = _centred(0, [(FULL, 120.0, 517.1), (TITLE, 164.4, 472.7)], 200.0)
    assert keys(run("ND30-BODY-ALIGN", doc_of(two, body, kind="pdf"))) == ["default"]
    # a text PDF's lone centred line is the file's own geometry
    text = doc_of(_centred(0, [(TITLE, 164.4, 473.7)], 200.0, scanned=False),
                  _ocr(1, [(FULL, 135.1, 537.7), (FULL, 99.4, 300.0)], 260.0, fli=36.0, before=6.0, scanned=False),
                  kind="pdf")
    assert keys(run("ND30-BODY-ALIGN", text)) == ["default"]
