"""Where a finding is on its page: a bounding box in points, when the reader measured one.

The JSON contract (v1, additive) gives a finding ``bbox: [x0, top, x1, bottom]`` in points,
relative to the top-left corner of page ``location.page``, so a page picture can mark it:
the box of the paragraph the finding is about (PDF: readers measure paragraph geometry), or
the rectangle of the signature widget it concerns. A .docx carries no geometry — its
findings keep ``paragraph`` only and the paper view marks that paragraph.

Pure function of the labelled document and the rule results (pipeline level: it moves to the
results model with them).
"""

from __future__ import annotations

from typing import Iterable

from .results import Finding, RuleResult
from .model import Document, Paragraph


def _para_box(para: Paragraph) -> tuple[float, float, float, float] | None:
    box = (para.x0, para.top, para.x1, para.bottom)
    if any(v is None for v in box):
        return None
    x0, top, x1, bottom = (float(v) for v in box)  # type: ignore[arg-type]
    if x1 < x0 or bottom < top:
        return None
    return x0, top, x1, bottom


def finding_box(doc: Document, f: Finding) -> tuple[int | None, tuple[float, float, float, float] | None]:
    """(page, bbox) of one finding, or (page, None) when its place is not measured."""
    if f.signature is not None and doc.signatures is not None:
        for s in doc.signatures.signatures:
            if s.index == f.signature and s.rect is not None and s.page:
                if f.page is None or f.page == s.page:
                    return s.page, tuple(float(v) for v in s.rect)  # type: ignore[return-value]
    if f.paragraph is not None:
        para = _paragraph(doc, f.paragraph)
        if para is not None and para.page is not None:
            box = _para_box(para)
            if box is not None and (f.page is None or f.page == para.page):
                return para.page, box
    return f.page, None


def _paragraph(doc: Document, index: int) -> Paragraph | None:
    paras = doc.paragraphs
    if 0 <= index < len(paras) and paras[index].index == index:
        return paras[index]
    return next((p for p in paras if p.index == index), None)


def locate_findings(doc: Document, results: Iterable[RuleResult]) -> None:
    """Give every finding whose place was measured its ``bbox`` (and its page when missing)."""
    for r in results:
        for f in r.findings:
            if f.bbox is not None:
                continue
            page, box = finding_box(doc, f)
            if box is not None:
                f.bbox = box
                f.page = page
