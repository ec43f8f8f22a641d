"""ND30-MARGIN on a scanned page: text in a margin is only as sure as the word standing there.

Where a drawn rule crosses the end of a line (the trích yếu's rule on the A5 defect sample),
OCR takes the rule's ink into the line's last word ("nănT" at 29–65 %): the line seems to reach
5 mm from the edge. That must not fail the rule; a well-read word in the margin still does.
Documents are built with the real model the way the OCR reader fills it, and judged through
the engine (the confidence rule lives there) with the shipped rule pack.
"""

from __future__ import annotations

from nd30check.config import Config
from nd30check.engine import run_rules
from nd30check.model import MM, Document, Page, Paragraph, Role, Run
from nd30check.rulepack import load_pack

W, H = 595.3, 841.9


def _line(i: int, top: float, x0: float, x1: float, words: list[tuple[str, float]]) -> Paragraph:
    text = " ".join(w for w, _ in words)
    conf = sum(c for _, c in words) / len(words)
    r = Run(text, size=14, bold=False, italic=False, x0=x0, x1=x1, top=top, bottom=top + 14, source="ocr",
            confidence=conf)
    p = Paragraph(i, runs=[r], role=Role.BODY, page=1, x0=x0, x1=x1, top=top, bottom=top + 14, source="ocr")
    p.extra["word_confidences"] = words
    p.extra["extent_confidence"] = sorted(c for _, c in words)[len(words) // 2]
    return p


def _scan(last_word: tuple[str, float]) -> Document:
    """A page of well-placed body lines (30 mm / 15 mm margins) and one line whose last word
    reaches 5 mm from the right edge."""
    good = [("Nội", 0.96), ("dung", 0.97), ("văn", 0.96), ("bản", 0.95)]
    paras = [_line(i, 25 * MM + i * 20, 30 * MM, 195 * MM, good) for i in range(30)]
    paras.append(_line(30, 25 * MM + 30 * 20, 55 * MM, W - 5 * MM, [("học", 0.96), ("phổ", 0.96), last_word]))
    page = Page(1, W, H, source="ocr", confidence=0.95, dpi=200.0)
    return Document(path="x.pdf", kind="pdf", pages=[page], paragraphs=paras, page_count=1,
                    capabilities={"positions", "margins-measured", "text"})


def _margin(doc: Document):
    return next(r for r in run_rules(doc, load_pack(), Config(select=["ND30-MARGIN"])) if r.rule == "ND30-MARGIN")


def test_a_doubtful_word_in_the_margin_is_a_note_not_a_fail() -> None:
    res = _margin(_scan(("nănT", 0.29)))
    assert res.status == "not-evaluated", [(f.key, f.confidence, f.severity) for f in res.findings]
    assert all(f.note for f in res.findings)


def test_a_well_read_word_in_the_margin_fails() -> None:
    res = _margin(_scan(("thông", 0.96)))
    assert res.status == "fail"
    assert [(f.key, f.note) for f in res.findings] == [("pdf-narrow", False)]
