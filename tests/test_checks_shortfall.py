"""DATE-FORMAT on a scanned date line short of whole words (checks/shortfall.py).

The A5 defect sample's date line runs off its sheet: the scan reads "Định Hóa, ngày 24 tÌ" with
"tÌ" at 73 %. Whatever that word is, four words of "tháng MM năm YYYY" cannot be in it: the
failure rests on the sure words and fails (it was a note, the rule not-evaluated — a missed
defect on salt f). A line of the right length whose doubtful word breaks the parse, or a line
with ink left unread beside it, stays a matter of the reading's confidence.
"""

from __future__ import annotations

from nd30check.config import Config
from nd30check.engine import run_rules
from nd30check.model import Document, Page, Paragraph, Role, Run
from nd30check.rulepack import load_pack


def _date_doc(words: list[tuple[str, float]], unread: list | None = None) -> Document:
    text = " ".join(w for w, _ in words)
    conf = min(c for _, c in words)
    r = Run(text, size=13, x0=296.0, x1=414.8, top=96.8, bottom=109.8, source="ocr", confidence=conf)
    dl = Paragraph(0, runs=[r], role=Role.DIA_DANH_NGAY, page=1, x0=296.0, x1=414.8, top=96.8, bottom=109.8,
                   source="ocr", confidence=conf)
    dl.extra["word_confidences"] = words
    page = Page(1, 419.56, 595.3, source="ocr", confidence=0.95, dpi=200.0, unread=unread or [])
    return Document(path="x.pdf", kind="pdf", pages=[page], paragraphs=[dl], page_count=1,
                    capabilities={"positions", "text"})


def _date_format(doc: Document):
    return next(r for r in run_rules(doc, load_pack(), Config(select=["ND30-DATE-FORMAT"]))
                if r.rule == "ND30-DATE-FORMAT")


CUT = [("Định", 0.95), ("Hóa,", 0.962), ("ngày", 0.969), ("24", 0.932), ("tÌ", 0.73)]


def test_a_date_line_short_of_whole_words_fails_on_its_sure_words() -> None:
    res = _date_format(_date_doc(CUT))
    assert res.status == "fail", [(f.key, f.confidence, f.note) for f in res.findings]
    assert [round(f.confidence, 3) for f in res.findings] == [0.932]


def test_a_full_length_line_or_unread_ink_beside_it_stays_doubtful() -> None:
    full = [("Định", 0.95), ("Hóa,", 0.962), ("ngày", 0.969), ("24", 0.932), ("tháng", 0.95), ("3", 0.95),
            ("năm", 0.95), ("2O26", 0.61)]
    assert _date_format(_date_doc(full)).status == "not-evaluated"
    assert _date_format(_date_doc(CUT, unread=[(415.0, 97.0, 419.0, 109.0)])).status == "not-evaluated"


def _motto_doc(words: list[tuple[str, float]]) -> Document:
    doc = _date_doc(words)
    doc.paragraphs[0].role = Role.TIEU_NGU
    return doc


def _tn_text(doc: Document):
    return next(r for r in run_rules(doc, load_pack(), Config(select=["ND30-TN-TEXT"])) if r.rule == "ND30-TN-TEXT")


def test_a_motto_short_of_whole_words_fails_and_a_misread_letter_stays_a_note() -> None:
    """Salt d's A5 twin: "Độc lập - Tự do:" with "do:" at 34 % — "- Hạnh phúc" is not there."""
    cut = [("Độc", 0.959), ("lập", 0.933), ("-", 0.929), ("Tự", 0.964), ("do:", 0.342)]
    res = _tn_text(_motto_doc(cut))
    assert res.status == "fail" and [round(f.confidence, 3) for f in res.findings] == [0.929]
    whole = [("Độc", 0.959), ("lập", 0.933), ("-", 0.929), ("Tự", 0.964), ("do", 0.95), ("-", 0.93),
             ("Hạnh", 0.95), ("phủc", 0.55)]
    assert _tn_text(_motto_doc(whole)).status == "not-evaluated"


def test_words_the_text_glued_count_apart() -> None:
    """Salt e's compliant twin: the text reads "Độc lập– Tựdo - Hạnh phúc" (6 tokens) where OCR
    has 8 words, "Tự" at 85 %: a whole motto, its failure a matter of the letters (a note)."""
    words = [("Độc", 0.964), ("lập", 0.933), ("–", 0.928), ("Tự", 0.85), ("do", 0.933), ("-", 0.932),
             ("Hạnh", 0.96), ("phúc", 0.96)]
    doc = _motto_doc(words)
    doc.paragraphs[0].runs[0].text = "Độc lập– Tựdo - Hạnh phúc"
    assert _tn_text(doc).status == "not-evaluated"


def test_a_quoc_hieu_short_of_whole_words_fails_on_its_sure_words() -> None:
    """Salt j's A5 twin: the quốc hiệu cut by the sheet reads "CỘNG HÒA XÃ HỘI CE", "CE" at
    41 % — "NGHĨA VIỆT NAM" is not there whatever "CE" is (it was a note: a missed defect).
    A whole quốc hiệu with one misread word stays a note."""
    doc = _date_doc([("CỘNG", 0.95), ("HÒA", 0.93), ("XÃ", 0.96), ("HỘI", 0.94), ("CE", 0.41)])
    doc.paragraphs[0].role = Role.QUOC_HIEU
    res = next(r for r in run_rules(doc, load_pack(), Config(select=["ND30-QH-TEXT"])) if r.rule == "ND30-QH-TEXT")
    wrong = [f for f in res.findings if f.key == "wrong-text"]
    assert [round(f.confidence, 3) for f in wrong] == [0.93] and not wrong[0].note
    whole = [("CỘNG", 0.95), ("HÒA", 0.93), ("XÃ", 0.96), ("HỘI", 0.94), ("CHỦ", 0.95), ("NGHĨA", 0.95),
             ("VIỆT", 0.95), ("NAMI", 0.52)]
    doc = _date_doc(whole)
    doc.paragraphs[0].role = Role.QUOC_HIEU
    res = next(r for r in run_rules(doc, load_pack(), Config(select=["ND30-QH-TEXT"])) if r.rule == "ND30-QH-TEXT")
    assert [f.note for f in res.findings if f.key == "wrong-text"] == [True]
