"""Signature block and Nơi nhận checks on hand-built documents (edge cases)."""

from __future__ import annotations

from typing import Any

import tomllib
from pathlib import Path

import pytest

from nd30check.checks import signblock  # noqa: F401  (registers the checks)
from nd30check.readers.docx.reader import CAPABILITIES as DOCX_CAPS
from nd30check.rulepack import load_pack
from nd30check.checks.base import REGISTRY, Ctx, Options
from nd30check.checks.signblock import academic_title, authority_prefix
from nd30check.model import Document, Facts, Paragraph, Role, Run

ROOT = Path(__file__).resolve().parent.parent
# the rule pack's resolved parameters (declared defaults), as the engine hands them to checks
PARAMS: dict[str, dict[str, Any]] = {r.id: r.params for r in load_pack().rules.values()}


def para(txt: str, role: str, *, size: float | None = 14, bold: bool | None = True, italic: bool | None = False,
         align: str | None = "center", column: str | None = "right", caps: bool = False, **kw) -> Paragraph:
    return Paragraph(index=0, runs=[Run(txt, size=size, bold=bold, italic=italic, caps=caps)], alignment=align,
                     column=column, role=role, left_indent=0.0, first_line_indent=0.0, **kw)


def doc_of(*paras: Paragraph, dtype: str | None = "KH", **facts) -> Document:
    d = Document(path="x.docx", kind="docx", paragraphs=list(paras), capabilities=DOCX_CAPS, facts=Facts(type=dtype, **facts))
    for i, p in enumerate(d.paragraphs):
        p.index = i
    return d


def run(rule: str, doc: Document) -> Ctx:
    ctx = Ctx(doc, rule, PARAMS[rule], Options())
    REGISTRY[rule](ctx)
    return ctx


def status(ctx: Ctx) -> str:
    return ctx.status


def keys(ctx: Ctx) -> list[str]:
    return [f.key for f in ctx.findings]


P = ["TM.", "KT.", "TL.", "TUQ.", "Q."]


@pytest.mark.parametrize("text,expected", [
    ("TM. ỦY BAN NHÂN DÂN", ("TM", True)), ("KT. CHỦ TỊCH", ("KT", True)), ("TUQ. CHỦ TỊCH", ("TUQ", True)),
    ("Q. GIÁM ĐỐC", ("Q", True)), ("TL. BỘ TRƯỞNG", ("TL", True)), ("CHỦ TỊCH", (None, True)),
    ("T/M ỦY BAN NHÂN DÂN", ("TM", False)), ("KT CHỦ TỊCH", ("KT", False)), ("Kt. CHỦ TỊCH", ("KT", False)),
    ("TM ỦY BAN NHÂN DÂN", ("TM", False)), ("K.T. CHỦ TỊCH", ("KT", False)), ("TM.ỦY BAN", ("TM", False)),
    ("KT: CHỦ TỊCH", ("KT", False)), ("THỨ TRƯỞNG", (None, True)), ("TỔ TRƯỞNG", (None, True)),
])
def test_authority_prefix(text: str, expected: tuple) -> None:
    assert authority_prefix(text, P) == expected


def block(*lines: Paragraph, name: str = "Nguyễn Văn A") -> list[Paragraph]:
    return [*lines, para(name, Role.HO_TEN)]


def test_sign_authority_pass_stacked_and_kt() -> None:
    ok = doc_of(*block(para("TL. CHỦ TỊCH", Role.QUYEN_HAN), para("KT. CHÁNH VĂN PHÒNG", Role.QUYEN_HAN),
                       para("PHÓ CHÁNH VĂN PHÒNG", Role.CHUC_VU)))
    assert status(run("ND30-SIGN-AUTHORITY", ok)) == "pass"
    no_deputy = doc_of(*block(para("KT. CHỦ TỊCH", Role.QUYEN_HAN)))
    assert keys(run("ND30-SIGN-AUTHORITY", no_deputy)) == ["kt_title"]


def test_sign_authority_style_and_prefix() -> None:
    d = doc_of(*block(para("T/M Ủy ban nhân dân", Role.QUYEN_HAN, bold=False, size=12, column="left"),
                      para("CHỦ TỊCH", Role.CHUC_VU)))
    ctx = run("ND30-SIGN-AUTHORITY", d)
    assert sorted(keys(ctx)) == ["bold", "caps", "position", "prefix", "size"]
    pre = next(f for f in ctx.findings if f.key == "prefix")
    assert pre.expected == "TM." and pre.actual == "T/M"


def test_sign_authority_caps_style_counts_and_unknown() -> None:
    # "Tm. ủy ban" typed in a caps style is shown "TM. ỦY BAN": fine
    assert status(run("ND30-SIGN-AUTHORITY", doc_of(*block(para("Tm. ủy ban nhân dân", Role.QUYEN_HAN, caps=True),
                                                           para("chủ tịch", Role.CHUC_VU, caps=True))))) == "pass"
    assert status(run("ND30-SIGN-AUTHORITY", doc_of(*block(para("CHỦ TỊCH", Role.CHUC_VU, bold=None))))) \
        == "not-evaluated"
    assert status(run("ND30-SIGN-AUTHORITY", doc_of(para("x", Role.BODY)))) == "not-applicable"
    # biên bản: THƯ KÝ signs in the left column
    bb = doc_of(para("THƯ KÝ", Role.CHUC_VU, column="left"), para("CHỦ TỌA", Role.CHUC_VU), dtype="BB")
    assert status(run("ND30-SIGN-AUTHORITY", bb)) == "pass"


@pytest.mark.parametrize("name,title", [("TS. Nguyễn Văn A", "TS."), ("ThS.Lê Văn B", "ThS."),
                                        ("PGS.TS. Trần C", "PGS.TS."), ("Tiến sĩ Hà D", "Tiến sĩ"),
                                        ("Nguyễn Văn Cường", None), ("Tô Thị Gấm", None), ("Thạch Sanh", None)])
def test_academic_title(name: str, title: str | None) -> None:
    assert academic_title(name, PARAMS["ND30-SIGN-NAME"]["academic_titles"]) == title


def test_sign_name() -> None:
    ok = doc_of(para("CHỦ TỊCH", Role.CHUC_VU), para("Nguyễn Văn A", Role.HO_TEN))
    assert status(run("ND30-SIGN-NAME", ok)) == "pass"
    bad = doc_of(para("CHỦ TỊCH", Role.CHUC_VU), para("TS. Nguyễn Văn A", Role.HO_TEN, bold=False, size=12))
    assert sorted(keys(run("ND30-SIGN-NAME", bad))) == ["bold", "size", "title"]
    missing = doc_of(para("CHỦ TỊCH", Role.CHUC_VU))
    assert keys(run("ND30-SIGN-NAME", missing)) == ["missing"]


def nn(text: str = "Nơi nhận:", **kw) -> Paragraph:
    kw.setdefault("size", 12)
    kw.setdefault("italic", True)
    kw.setdefault("align", "left")
    kw.setdefault("column", "left")
    return para(text, Role.NOI_NHAN, **kw)


def item(text: str, **kw) -> Paragraph:
    kw.setdefault("size", 11)
    kw.setdefault("bold", False)
    kw.setdefault("align", "left")
    kw.setdefault("column", "left")
    return para(text, Role.NOI_NHAN_ITEM, **kw)


def test_nn_label() -> None:
    assert status(run("ND30-NN-LABEL", doc_of(nn()))) == "pass"
    ctx = run("ND30-NN-LABEL", doc_of(nn("Nơi nhận", size=13, italic=False, align="center")))
    assert sorted(keys(ctx)) == ["align", "size", "style", "text"]
    assert keys(run("ND30-NN-LABEL", doc_of(para("x", Role.BODY)))) == ["missing"]
    assert status(run("ND30-NN-LABEL", doc_of(para("x", Role.BODY), is_appendix=True))) == "not-applicable"
    indented = nn()
    indented.left_indent = 20.0
    assert keys(run("ND30-NN-LABEL", doc_of(indented))) == ["indent"]


def test_nn_items() -> None:
    good = doc_of(nn(), item("- Như trên;"), item("- UBND huyện (để b/c);"), item("- Lưu: VT, VP."))
    assert status(run("ND30-NN-ITEMS", good)) == "pass"
    bad = doc_of(nn(), item("+ Như trên,", size=12), item("- Sở Nội vụ", size=12), item("- Lưu: VT, VP.", size=12))
    ctx = run("ND30-NN-ITEMS", bad)
    assert keys(ctx) == ["dash", "end", "end", "size"]
    size = ctx.findings[-1]
    assert size.actual == "12" and size.fmt["count"] == 3


@pytest.mark.parametrize("last,key", [
    ("- Lưu: VT, TCCB.", None), ("- Lưu: VT, VP, NVA(05).", None), ("- Lưu: VT, KTTH. PL(10).", None),
    ("- Lưu: VT, Hồ sơ.", None), ("- Lưu: VT, VP;", "end"), ("- Lưu VT, VP.", "form"), ("- Lưu: VT.", "unit"),
    ("- Sở Nội vụ;", "missing"), ("- Lưu CM.", "form"), ("Lưu Thị Hằng", "missing"),
])
def test_nn_luu(last: str, key: str | None) -> None:
    ctx = run("ND30-NN-LUU", doc_of(nn(), item("- Như trên;"), item(last)))
    assert keys(ctx) == ([key] if key else [])


def test_nn_luu_not_last_and_ggt() -> None:
    ctx = run("ND30-NN-LUU", doc_of(nn(), item("- Lưu: VT, VP."), item("- Sở Nội vụ;")))
    assert keys(ctx) == ["not_last"]
    assert status(run("ND30-NN-LUU", doc_of(nn(), item("- Như trên;"), item("- Lưu: VT."), dtype="GGT"))) == "pass"


def test_kt_followed_by_title_across_the_pdf_reading_order() -> None:
    # a PDF reads both columns line by line: "Nơi nhận:" sits between KT. and the deputy's title
    d = doc_of(para("KT. CHỦ TỊCH", Role.QUYEN_HAN), nn(), para("PHÓ CHỦ TỊCH", Role.CHUC_VU),
               item("- Lưu: VT, VP."), para("Trần Văn C", Role.HO_TEN))
    assert status(run("ND30-SIGN-AUTHORITY", d)) == "pass"


def test_nn_label_pdf_left_or_justify_is_flush_left() -> None:
    label = nn(align=None)
    label.extra["alignment_ambiguous"] = "left-or-justify"
    d = doc_of(label)
    d.kind = "pdf"
    assert status(run("ND30-NN-LABEL", d)) == "pass"


def test_nn_items_wrapped_recipient_is_one_item() -> None:
    d = doc_of(nn(), item("- Sở Giáo dục và Đào tạo tỉnh Quảng"), item("Ngãi;"), item("- Lưu: VT, VP."))
    assert status(run("ND30-NN-ITEMS", d)) == "pass"
    assert status(run("ND30-NN-LUU", d)) == "pass"
    wrapped_luu = doc_of(nn(), item("- Như trên;"), item("- Lưu: VT, Văn phòng, Phòng Văn hóa"), item("và Thông tin."))
    assert status(run("ND30-NN-LUU", wrapped_luu)) == "pass"


def test_blocks_typed_as_one_paragraph_with_line_breaks() -> None:
    label = Paragraph(index=0, role=Role.NOI_NHAN, alignment="left", column="left", left_indent=0.0,
                      runs=[Run("Nơi nhận:\n", size=12, bold=True, italic=True),
                            Run("- Như trên;\n", size=11, bold=False), Run("- Lưu: VT, VP.", size=11, bold=False)])
    auth = Paragraph(index=1, role=Role.QUYEN_HAN, alignment="center", column="right",
                     runs=[Run("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", size=14, bold=True)])
    d = doc_of(label, auth, para("Nguyễn Văn A", Role.HO_TEN))
    for rule in ("ND30-NN-LABEL", "ND30-NN-ITEMS", "ND30-NN-LUU", "ND30-SIGN-AUTHORITY"):
        assert status(run(rule, d)) == "pass", rule
    label.runs[2].text = "- Lưu VT."
    assert keys(run("ND30-NN-LUU", d)) == ["form"]


# --- scans: what the signature block's reading can prove ------------------------------------

def scanned(txt: str, role: str, top: float, *, x0: float = 360, x1: float = 460, conf: float = 0.96,
            **kw) -> Paragraph:
    """A line read from an image: OCR provenance, word confidences, its box on page 1."""
    p = para(txt, role, source="ocr", confidence=conf, page=1, x0=x0, x1=x1, top=top, bottom=top + 14, **kw)
    p.extra["lead_confidence"] = conf
    p.extra["word_confidences"] = [(w, conf) for w in txt.split()]
    return p


def scan_doc(*paras: Paragraph, unread: list | None = None) -> Document:
    from nd30check.model import Page

    d = doc_of(*paras, dtype="QĐ")
    d.kind = "pdf"
    d.pages = [Page(1, 595, 842, source="ocr", confidence=0.95, unread=unread or [])]
    return d


def test_kt_prefix_whose_dot_a_scan_read_as_another_mark_is_a_note() -> None:
    """"KT: CHỦ TỊCH" read from a scan where a speck or a seal's edge sits over the dot: the
    prefix's letters are right, only its mark differs — no proof of a wrong prefix (a note),
    and the head after the mark is still "CHỦ TỊCH" (no other-head finding). Typed, it fails."""
    d = scan_doc(scanned("KT: CHỦ TỊCH", Role.QUYEN_HAN, 610), scanned("PHÓ CHỦ TỊCH", Role.CHUC_VU, 625),
                 scanned("Hoàng Văn Khánh", Role.HO_TEN, 702))
    ctx = run("ND30-SIGN-AUTHORITY", d)
    assert keys(ctx) == ["prefix"] and ctx.findings[0].confidence == 0.5
    glued = scan_doc(scanned("KT:CHỦ TỊCH", Role.CHUC_VU, 610), scanned("PHÓ CHỦ TỊCH", Role.CHUC_VU, 625),
                     scanned("Hoàng Văn Khánh", Role.HO_TEN, 702))
    ctx = run("ND30-SIGN-AUTHORITY", glued)  # read as a title: still the KT. line above the deputy
    assert keys(ctx) == ["prefix"] and ctx.findings[0].confidence == 0.5
    letters = scan_doc(scanned("K.T. CHỦ TỊCH", Role.QUYEN_HAN, 610), scanned("PHÓ CHỦ TỊCH", Role.CHUC_VU, 625))
    assert [f.confidence for f in run("ND30-SIGN-AUTHORITY", letters).findings] == [0.96]  # letters: the word as read
    typed = doc_of(*block(para("KT: CHỦ TỊCH", Role.QUYEN_HAN), para("PHÓ CHỦ TỊCH", Role.CHUC_VU)))
    ctx = run("ND30-SIGN-AUTHORITY", typed)
    assert keys(ctx) == ["prefix"] and ctx.findings[0].confidence is None


def test_deputy_without_kt_rests_on_the_reading_of_the_place_above() -> None:
    """On a scan, "no KT. line above the deputy's title" is concluded only from what was read
    there: a KT. line merged into the Nơi nhận label beside it is found, ink left unread there
    leaves the question open, and a line read badly just above makes the finding doubtful."""
    title = scanned("PHÓ CHỦ TỊCH", Role.CHUC_VU, 625)
    name = scanned("Hoàng Văn Khánh", Role.HO_TEN, 702)
    merged = scanned("Nơi nhận: KT.CHỦ TỊCH", Role.NOI_NHAN, 610, x0=99, x1=457, column="full")
    assert status(run("ND30-SIGN-AUTHORITY", scan_doc(merged, title, name))) == "pass"
    sealed = scan_doc(title, name, unread=[(340, 600, 440, 700)])
    ctx = run("ND30-SIGN-AUTHORITY", sealed)
    assert status(ctx) == "not-evaluated" and not ctx.findings
    blank = run("ND30-SIGN-AUTHORITY", scan_doc(title, name))
    assert keys(blank) == ["deputy_without_kt"] and blank.findings[0].confidence == 0.96
    doubtful = scan_doc(scanned("ỦY BAN NHÂN DÂN", Role.QUYEN_HAN, 610, conf=0.6), title, name)
    assert [f.confidence for f in run("ND30-SIGN-AUTHORITY", doubtful).findings] == [0.6]


def _scan_list(*lines: tuple[str, float], size: float = 11) -> Document:
    """A scanned Nơi nhận: "Nơi nhận:" at x0 = 85, then the given (text, x0) lines."""
    label = scanned("Nơi nhận:", Role.NOI_NHAN, 470, x0=85, x1=137, column=None)
    items = [scanned(t, Role.NOI_NHAN_ITEM, 486 + 13 * i, x0=x0, x1=x0 + 120, column=None, size=size)
             for i, (t, x0) in enumerate(lines)]
    return scan_doc(label, *items)


def test_scan_recipient_whose_words_begin_a_dash_width_in_is_a_note() -> None:
    """Tesseract drops a short "-" at a line's start: a recipient read without its dash whose
    words begin a dash's width right of the list's edge (85 → 92 pt) had ink there — a note;
    one that begins at the edge (the dash really not typed) still fails."""
    dropped = run("ND30-NN-ITEMS", _scan_list(("Như trên;", 92), ("- Chủ tịch UBND xã;", 85), ("- Lưu: VT, VP.", 85)))
    assert keys(dropped) == ["dash"] and dropped.findings[0].confidence == 0.5
    flush = run("ND30-NN-ITEMS", _scan_list(("Như trên;", 85), ("- Chủ tịch UBND xã;", 85), ("- Lưu: VT, VP.", 85)))
    assert keys(flush) == ["dash"] and flush.findings[0].confidence is None


def test_scan_recipient_dash_rests_on_the_ink_measured_before_the_line() -> None:
    """The reader measures the place of a recipient line's dash (``lead_dash``): a dash's ink
    there is the line's dash though the reading dropped it (no finding); white paper there is a
    sure "no dash" even a dash's width in (CT16's hanging lines "CP Xây dựng …" under "- Các Công
    ty: …": a failure, no longer a note by place); unsure ink leaves the place's note."""
    def dash_of(state: str, conf: float) -> object:
        d = _scan_list(("Như trên;", 92), ("- Chủ tịch UBND xã;", 85), ("- Lưu: VT, VP.", 85))
        d.paragraphs[1].extra["lead_dash"] = (state, conf)
        return run("ND30-NN-ITEMS", d)

    assert status(dash_of("present", 0.95)) == "pass"
    absent = dash_of("absent", 0.95)
    assert keys(absent) == ["dash"] and absent.findings[0].confidence == 0.95
    unsure = dash_of("unsure", 0.5)
    assert keys(unsure) == ["dash"] and unsure.findings[0].confidence == 0.5


def test_scan_recipient_line_holding_two_items_is_a_note() -> None:
    """A scanned line holding another item's end and dash inside ("…(b/c); Đảng ủy…(b/c); - TT"):
    the reader merged two lines and ordered their words; where the item ends is no
    measurement — a note. The same text typed is judged as written."""
    merged = "- Sở Khoa học và Công nghệ (b/c); Đảng ủy, HĐND xã (b/c); - TT"
    ctx = run("ND30-NN-ITEMS", _scan_list((merged, 85), ("- Chủ tịch UBND xã;", 85), ("- Lưu: VT, VP.", 85)))
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence == 0.5
    typed = doc_of(para("Nơi nhận:", Role.NOI_NHAN, size=12), para(merged, Role.NOI_NHAN_ITEM, size=11),
                   para("- Lưu: VT, VP.", Role.NOI_NHAN_ITEM, size=11))
    ctx = run("ND30-NN-ITEMS", typed)
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence is None


def test_scan_lost_luu_line_with_ink_under_the_list_is_not_evaluated() -> None:
    """Tesseract returned nothing for a "- Lưu: VT, VP." line whose ink is there (Page.unread
    under the last item read): NN-LUU cannot say the line is missing. Without such ink, a list
    ending on another recipient still lacks its Lưu line."""
    d = _scan_list(("- Như Điều 3;", 85), ("- Chủ tịch UBND xã;", 85))
    assert keys(run("ND30-NN-LUU", d)) == ["missing"]
    d.pages[0].unread = [(86, 523, 153, 532)]  # under the last line (top 499, bottom 513)
    ctx = run("ND30-NN-LUU", d)
    assert status(ctx) == "not-evaluated" and not ctx.findings
    d.pages[0].unread = [(360, 523, 460, 532)]  # ink elsewhere (the seal beside the list)
    assert keys(run("ND30-NN-LUU", d)) == ["missing"]


def test_scan_recipient_starting_with_a_dash_like_mark_is_a_note() -> None:
    """A list's short dash read "—", "–" or "_" from a scan is a doubtful reading of that dash
    (a note); typed, an em dash is another mark and fails."""
    for mark in ("—", "–", "_"):
        ctx = run("ND30-NN-ITEMS", _scan_list((f"{mark} Như trên;", 85), ("- Lưu: VT, VP.", 85)))
        assert keys(ctx) == ["dash"] and ctx.findings[0].confidence == 0.5
    typed = doc_of(para("Nơi nhận:", Role.NOI_NHAN, size=12), para("— Như trên;", Role.NOI_NHAN_ITEM, size=11),
                   para("- Lưu: VT, VP.", Role.NOI_NHAN_ITEM, size=11))
    ctx = run("ND30-NN-ITEMS", typed)
    assert keys(ctx) == ["dash"] and ctx.findings[0].confidence is None


def test_scan_last_line_with_its_luu_label_lost_is_not_evaluated() -> None:
    """"- Lưu: VT, VHXH." read "— VI, VHXH.": the words are a Lưu line's units after a lost
    label, or ink went unread on the line itself — "no Lưu line" is not what the scan shows.
    A recipient line with no unread ink (or the same text typed) still lacks its Lưu line; a
    scan's "LƯU VÌ, VD." (dash and colon lost) is the Lưu line, judged on its reading."""
    units = _scan_list(("- Như Điều 3;", 85), ("— VI, VHXH.", 85))
    ctx = run("ND30-NN-LUU", units)
    assert status(ctx) == "not-evaluated" and not ctx.findings
    d = _scan_list(("- Như Điều 3;", 85), ("- Chủ tịch UBND xã;", 85))
    d.pages[0].unread = [(92, 501, 112, 509)]  # inside the last line (top 499, bottom 513)
    assert status(run("ND30-NN-LUU", d)) == "not-evaluated"
    d.pages[0].unread = [(360, 501, 460, 509)]  # the seal beside it
    assert keys(run("ND30-NN-LUU", d)) == ["missing"]
    typed = doc_of(para("Nơi nhận:", Role.NOI_NHAN, size=12), para("- Như Điều 3;", Role.NOI_NHAN_ITEM, size=11),
                   para("- VT, VHXH.", Role.NOI_NHAN_ITEM, size=11))
    assert keys(run("ND30-NN-LUU", typed)) == ["missing"]
    caps = run("ND30-NN-LUU", _scan_list(("- Như Điều 3;", 85), ("LƯU VÌ, VD.", 85)))
    assert keys(caps) == ["form"]


def test_scan_prefix_finding_rests_on_the_prefix_word() -> None:
    """"T/M ỦY BAN NHÂN DÂN" read from a scan whose seal blurred the agency words (0.26): the
    wrong prefix is the word "T/M", read at 0.92 — the finding rests on that word, not on the
    weakest word of the line; a prefix read badly itself stays doubtful."""
    line = scanned("T/M ỦY BAN NHÂN DÂN", Role.QUYEN_HAN, 194, conf=0.26)
    line.extra["word_confidences"] = [("T/M", 0.92), ("LÀI", 0.26), ("BAN", 0.94), ("NHÂN", 0.96), ("DÂN", 0.97)]
    d = scan_doc(line, scanned("CHỦ TỊCH", Role.CHUC_VU, 213), scanned("Ma Thị Thu Hà", Role.HO_TEN, 310))
    ctx = run("ND30-SIGN-AUTHORITY", d)
    assert keys(ctx) == ["prefix"] and ctx.findings[0].confidence == 0.92
    line.extra["word_confidences"][0] = ("T/M", 0.6)
    assert [f.confidence for f in run("ND30-SIGN-AUTHORITY", d).findings] == [0.6]


def test_scan_academic_title_under_the_seal_edge() -> None:
    """The seal's ring crosses a "TS." before the name: read "'TS." (a quote before it) or "T8."
    (a digit in a letter's place) — still a title before the name, judged at that word's
    reading; a badly read one is a note. Typed text is matched as written; a plain name passes."""
    def sign(name: str, conf: float) -> Ctx:
        p = scanned(name, Role.HO_TEN, 702, conf=0.97)
        p.extra["word_confidences"] = [(w, conf if i == 0 else 0.97) for i, w in enumerate(name.split())]
        return run("ND30-SIGN-NAME", scan_doc(scanned("CHỦ TỊCH", Role.CHUC_VU, 625), p))

    for read in ("T8. Hoàng Văn Khánh", "'TS. Hoàng Văn Khánh", "Ths. Hoàng Văn Khánh"):
        ctx = sign(read, 0.93)
        assert keys(ctx) == ["title"] and ctx.findings[0].confidence == 0.93, read
    assert sign("T3. Khánh", 0.61).findings[0].confidence == 0.61
    # the quote took the word's confidence down: with the reader's letters, "TS." rests on its own
    p = scanned("'TS. Hoàng Văn Khánh", Role.HO_TEN, 702, conf=0.97)
    p.extra["word_confidences"][0] = ("'TS.", 0.795)
    assert run("ND30-SIGN-NAME", scan_doc(p)).findings[0].confidence == 0.795
    p.extra["letter_confidences"] = [("'TS.", (("'", 0.41), ("T", 0.98), ("S", 0.97), (".", 0.95)))]
    assert run("ND30-SIGN-NAME", scan_doc(p)).findings[0].confidence == 0.95
    assert "title" not in keys(sign("Hoàng Văn Khánh", 0.97))
    assert "title" not in keys(sign("Tô Văn Khánh", 0.97))
    typed = doc_of(para("CHỦ TỊCH", Role.CHUC_VU), para("T8. Hoàng Văn Khánh", Role.HO_TEN))
    assert "title" not in keys(run("ND30-SIGN-NAME", typed))


def test_scan_title_read_exactly_rests_on_its_letters() -> None:
    """Tesseract gives "TS." 0.67 before a clearly read name (no dictionary holds it) while its
    letters read at 0.95: a listed title read exactly, dot and all, before capitalised name
    words is as sure as its letters — a failure. A title one sign off ("T3.", letters 0.94) stays
    at the word's reading (a note), and so does a title before words that are not a name's."""
    def sign(name: str, word: float, letters: tuple) -> Ctx:
        p = scanned(name, Role.HO_TEN, 702, conf=0.97)
        first = name.split()[0]
        p.extra["word_confidences"] = [(w, word if i == 0 else 0.97) for i, w in enumerate(name.split())]
        p.extra["letter_confidences"] = [(first, letters)]
        return run("ND30-SIGN-NAME", scan_doc(scanned("CHỦ TỊCH", Role.CHUC_VU, 625), p))

    ts = (("T", 0.953), ("S", 0.995), (".", 0.994))
    ctx = sign("TS. Hoàng Văn Khánh", 0.67, ts)
    assert keys(ctx) == ["title"] and status(ctx) == "fail" and ctx.findings[0].confidence == 0.953
    assert sign("T3. Hoàng Văn Khánh", 0.61, (("T", 0.996), ("3", 0.944), (".", 0.993))).findings[0].confidence == 0.61
    assert sign("TS. 7ỊCH", 0.67, ts).findings[0].confidence == 0.67
    assert sign("TS. Hoàng Văn Khánh", 0.67, (("T", 0.62), ("S", 0.99), (".", 0.99))).findings[0].confidence == 0.62


def test_scan_name_line_cut_at_words_a_seal_hid() -> None:
    """"TS. [Hoàng Văn] Khánh": the seal hid the middle words, the reader made two lines of the
    line's ends ("TS." labelled a title). The piece just left of the name on its line, with
    unread ink filling the gap, is the line's start: its title fails on its letters. With white
    paper in the gap (another column), or a piece of more than two words, it is not joined."""
    from nd30check.checks.signblock.block import line_piece_before

    def doc(gap_unread: bool, piece: str = "TS.") -> Document:
        ts = scanned(piece, Role.CHUC_VU, 702, x0=348, x1=367, conf=0.85)
        ts.extra["letter_confidences"] = [("TS.", (("T", 0.995), ("S", 0.984), (".", 0.995)))]
        name = scanned("Khánh", Role.HO_TEN, 702, x0=436, x1=474, conf=0.97)
        d = scan_doc(scanned("PHÓ CHỦ TỊCH", Role.CHUC_VU, 625), ts, name,
                     unread=[(300.0, 600.0, 420.0, 720.0)] if gap_unread else [])
        return d

    d = doc(True)
    assert line_piece_before(d, d.paragraphs[-1]) is d.paragraphs[1]
    ctx = run("ND30-SIGN-NAME", d)
    assert status(ctx) == "fail" and keys(ctx) == ["title"] and ctx.findings[0].confidence == 0.984
    assert line_piece_before(doc(False), doc(False).paragraphs[-1]) is None
    d = doc(True, "Lưu: VT, VP.")
    assert line_piece_before(d, d.paragraphs[-1]) is None


def test_scan_name_not_read_under_a_seal_is_not_missing() -> None:
    """The seal hid the name line (the reader kept no word of it): SIGN-NAME said "missing", a
    false error on a scan whose name is printed. With unread ink (or an unnamed line) under the
    title, the absence is not shown: not-evaluated. Read clean paper there, it still fails."""
    def doc(unread: list) -> Document:
        return scan_doc(scanned("TRƯỞNG PHÒNG", Role.CHUC_VU, 625, conf=0.95), unread=unread)

    ctx = run("ND30-SIGN-NAME", doc([(330.0, 600.0, 450.0, 720.0)]))
    assert status(ctx) == "not-evaluated" and not ctx.findings
    assert status(run("ND30-SIGN-NAME", doc([]))) == "fail"
    garbled = scan_doc(scanned("TRƯỞNG PHÒNG", Role.CHUC_VU, 625, conf=0.95), scanned('"ám', Role.OTHER, 690))
    assert status(run("ND30-SIGN-NAME", garbled)) == "not-evaluated"


def test_scan_recipient_ending_in_another_dot_mark_is_a_note() -> None:
    """A real 200-dpi scan (CT11) reads "- Thường trực HĐND tỉnh;" as "…tỉnh:" at 0.92: a
    mark alone read otherwise is no proof of the typed one — a note. Typed, it fails."""
    ctx = run("ND30-NN-ITEMS", _scan_list(("- Thường trực HĐND tỉnh:", 85), ("- Lưu: VT, VP.", 85)))
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence == 0.5
    ctx = run("ND30-NN-ITEMS", _scan_list(("- Thường trực HĐND tỉnh", 85), ("- Lưu: VT, VP.", 85)))
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence is None  # no mark at all: as read
    typed = doc_of(para("Nơi nhận:", Role.NOI_NHAN, size=12), para("- Thường trực HĐND tỉnh:", Role.NOI_NHAN_ITEM,
                   size=11), para("- Lưu: VT, VP.", Role.NOI_NHAN_ITEM, size=11))
    ctx = run("ND30-NN-ITEMS", typed)
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence is None


def _luu_scan(*lines: tuple[str, float], end: float | None = 0.95, conf: float = 0.43) -> Document:
    """A scanned list whose last line's final mark the reader measured (``end_confidence``)."""
    d = _scan_list(*lines)
    last = d.paragraphs[-1]
    last.confidence = conf
    if end is not None:
        last.extra["end_confidence"] = end
    return d


def test_scan_lưu_line_without_its_full_stop_rests_on_the_ink_and_its_place() -> None:
    """"- Lưu: VT, CCVC" scanned: "VT" read "VI" at 0.43 (salt f) or "VT," at 0.899 (salt h,
    lead words under 0.9) — the missing full stop is what the ink at the line's end shows
    (white paper where a mark would stand) on the list's last line: it fails at that
    measurement; a doubt about its letters stays a note on its own (the form). Unmeasured, or
    with text standing to its right (a line cut at a gap), it rests on the reading."""
    f = run("ND30-NN-LUU", _luu_scan(("- Như trên;", 85), ("- Lưu: VI, CCVC", 85)))
    assert keys(f) == ["end", "form"] and [x.confidence for x in f.findings] == [0.95, None]
    h = _luu_scan(("- Như trên;", 85), ("- Lưu: VT, CCVC", 85), conf=0.81)
    h.paragraphs[-1].extra["lead_confidence"] = 0.899
    ctx = run("ND30-NN-LUU", h)
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence == 0.95
    unmeasured = run("ND30-NN-LUU", _luu_scan(("- Như trên;", 85), ("- Lưu: VI, CCVC", 85), end=None))
    assert keys(unmeasured) == ["form"] and unmeasured.findings[0].confidence is None
    cut = _luu_scan(("- Như trên;", 85), ("- Lưu: VT, CCVC", 85))
    cut.paragraphs.append(scanned("VP.", Role.OTHER, 499, x0=212, x1=230))  # on its height, 7 pt to its right
    ctx = run("ND30-NN-LUU", cut)
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence is None
    typed = doc_of(para("Nơi nhận:", Role.NOI_NHAN, size=12), para("- Lưu: VT, CCVC", Role.NOI_NHAN_ITEM, size=11))
    ctx = run("ND30-NN-LUU", typed)
    assert keys(ctx) == ["end"] and ctx.findings[0].confidence is None


def test_scan_lưu_line_left_out_of_the_list_is_judged_by_its_place() -> None:
    """Salt b (150 dpi): "- Lưu: VT, CCVC" read "Iưu VI CCVCG" at 0.40, left unlabelled under the
    last item — "the Lưu line is missing" (a fail at the last item's 0.9+) is not what the scan
    shows. Read like the Lưu line (its label one letter off), it is the list's last line and its
    measured end fails; another unlabelled line there makes the rule not-evaluated."""
    d = _scan_list(("- Như trên;", 85), ("- Giám đốc, các PGĐ Sở;", 85))
    below = scanned("Iưu VI CCVCG", Role.OTHER, 512, x0=85, x1=160, conf=0.397)
    below.extra["end_confidence"] = 0.95
    d.paragraphs.append(below)
    ctx = run("ND30-NN-LUU", d)
    assert keys(ctx) == ["end", "form"] and ctx.findings[0].confidence == 0.95
    below.runs[0].text = "~Iưu: VT, CCVC"  # a dash read "~" glued to the label (salt d)
    assert keys(run("ND30-NN-LUU", d)) == ["end", "form"]
    del below.extra["end_confidence"]
    ctx = run("ND30-NN-LUU", d)  # on its letters alone (0.755: a note in the engine)
    assert keys(ctx) == ["form"] and ctx.findings[0].confidence is None
    below.runs[0].text = "Giấy mời họp"
    ctx = run("ND30-NN-LUU", d)
    assert status(ctx) == "not-evaluated" and not ctx.findings
    d.paragraphs.pop()
    assert keys(run("ND30-NN-LUU", d)) == ["missing"]
