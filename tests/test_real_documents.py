"""The real public documents of tests/real/files against their measured labels (tests/real/labels.json).

For every file with a text layer: the facts read from the header and signature block, no
error-level layout finding that the labels do not prove (each true defect carries the measured
value vs Decree 30 and a probe re-measured here with pdfplumber / python-docx, independently of
our reader), every true defect found, and the expected status of every ND30 rule. Scans carry
their header facts read by eye (``scan_facts``, the OCR reader's labels) and must not fail any
layout rule.

Signatures are not verified here (tests/test_sig_*.py do, with pyHanko): the layout rules only
need to know whether the file carries filled signature fields (a number or day stamped by a
widget is not a blank), which the file's own widgets say.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from nd30check.checks.base import Options
from nd30check.config import Config
from nd30check.engine import run_rules
from nd30check.model import SignatureReport
from nd30check.readers import read_document
from nd30check.report.words import Words
from nd30check.rulepack import load_pack
from nd30check.structure import analyze

WORDS = Words(lang="en")  # the messages of unproven findings, for the assertion text

HERE = Path(__file__).resolve().parent / "real"
FILES = HERE / "files"
_ALL: dict[str, Any] = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
LABELS: dict[str, Any] = _ALL["files"]
SCAN_FACTS: dict[str, Any] = _ALL["scan_facts"]
TEXT = sorted(n for n, lab in LABELS.items() if lab["class"] not in ("scan", "reference-templates"))
SCANS = sorted(n for n, lab in LABELS.items() if lab["class"] == "scan")
FACT_KEYS = ("type", "number_symbol", "agency", "parent_agency", "place", "date", "signer", "is_appendix")
MM = 72 / 25.4


def test_every_real_file_is_labelled() -> None:
    assert sorted(p.name for p in FILES.iterdir() if p.is_file()) == sorted(LABELS)


def _filled_signature_fields(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 0
    from nd30check.readers.pdf import signature_appearances

    return sum(1 for a in signature_appearances(str(path)) if a["kind"] == "signature" and a["signed"])


@lru_cache(maxsize=None)
def _checked(name: str, ocr: bool = True) -> tuple[Any, dict[str, str], list[Any]]:
    path = FILES / name
    doc = read_document(str(path), ocr=ocr)
    analyze(doc)
    doc.signatures = SignatureReport(filled_fields=_filled_signature_fields(path))
    config = Config()
    results = run_rules(doc, load_pack(config.rules), config, Options(profile=config.profile))
    layout = [r for r in results if r.rule.startswith("ND30-")]
    return doc, {r.rule: r.status for r in layout}, [f for r in layout for f in r.findings]


@pytest.mark.parametrize("name", TEXT)
def test_facts(name: str) -> None:
    doc, _st, _f = _checked(name)
    want = LABELS[name]["facts"]
    got = {k: getattr(doc.facts, k) for k in FACT_KEYS}
    assert got == {k: want[k] for k in FACT_KEYS}
    if "appendix_ref" in want:
        assert doc.facts.appendix_ref == want["appendix_ref"]


@pytest.mark.parametrize("name", TEXT)
def test_error_findings_are_the_measured_defects(name: str) -> None:
    """No error-level layout finding the labels do not prove, and every labelled defect found."""
    _doc, _st, findings = _checked(name)
    errors = {}
    for f in findings:
        if f.severity == "error":
            errors.setdefault(f.rule, []).append(WORDS.message(f))
    labelled = set(LABELS[name]["errors"])
    false = {r: m for r, m in errors.items() if r not in labelled}
    assert not false, f"error findings not proven by a measurement: {false}"
    missed = labelled - set(errors)
    assert not missed, f"measured defects not found: {sorted(missed)}"


@pytest.mark.parametrize("name", TEXT)
def test_rule_statuses(name: str) -> None:
    _doc, st, _f = _checked(name)
    want = LABELS[name]["statuses"]
    known = LABELS[name].get("known_deviations", {})
    diff = {r: (s, st.get(r)) for r, s in want.items() if st.get(r) != s and r not in known}
    assert not diff, f"(labelled, now): {diff}"


@pytest.mark.parametrize("name", SCANS)
def test_scans_carry_facts_by_eye_and_fail_no_layout_rule(name: str) -> None:
    sf = SCAN_FACTS[name]
    assert all(sf.get(k) for k in ("type", "number_symbol", "agency", "place", "date", "signer"))
    doc, st, findings = _checked(name, ocr=False)  # read through OCR in tests/scans/test_scans.py
    assert not doc.has_text_layer
    assert not [f for f in findings if f.severity == "error"]
    assert st["ND30-QH-TEXT"] == "not-evaluated" and st["ND30-SO-FORMAT"] == "not-evaluated"


def test_template_collection_is_read() -> None:
    doc, st, _f = _checked("nd30-phu-luc-III-official-templates.docx")
    assert doc.paragraphs and st


# --- the measurements behind the labels, re-measured independently of our reader -------------
def _probes() -> list[tuple[str, str, dict[str, Any]]]:
    return [(n, rule, v["probe"]) for n, lab in sorted(LABELS.items()) for rule, v in lab.get("errors", {}).items()]


@pytest.mark.parametrize("name, rule, probe", _probes(), ids=lambda v: v if isinstance(v, str) else "")
def test_labelled_defect_is_measured(name: str, rule: str, probe: dict[str, Any]) -> None:
    path = FILES / name
    if "docx_page" in probe:
        import docx

        for s in docx.Document(str(path)).sections:
            assert (round(s.page_width.mm, 1), round(s.page_height.mm, 1)) == (probe["width_mm"], probe["height_mm"])
        return
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (test extra) measures the labels")
    import sys

    sys.path.insert(0, str(HERE))
    import measure as M  # tests/real/measure.py

    with pdfplumber.open(str(path)) as pdf:
        if probe.get("page_size"):
            sizes = {(round(float(p.width) / MM, 1), round(float(p.height) / MM, 1)) for p in pdf.pages}
            assert all(abs(w - 210) > 1 or abs(h - 297) > 1 for w, h in sizes), sizes
        if probe.get("margins"):
            ext = [e for e in M.text_extents(pdf) if e[3] is not None]
            for side, k in (("left", 3), ("right", 4), ("top", 5), ("bottom", 6)):
                limit = probe.get(f"{side}_below")
                if limit is not None:
                    # pdfplumber's char box starts 0.107 em lower than Word's line box: allow for it on top
                    slack = 0.6 if side == "top" else 0.0
                    assert min(e[k] for e in ext) < limit + slack, (side, min(e[k] for e in ext))
        if "text" in probe:
            chars = M.find_words(pdf.pages[probe.get("page", 1) - 1], probe["text"])
            assert chars, f"“{probe['text']}” not on page {probe.get('page', 1)}"
            if "size" in probe:
                sizes = [round(c["size"], 2) for c in chars if c["text"].strip()]
                assert max(sizes, key=sizes.count) == pytest.approx(probe["size"], abs=0.06), sizes
        if "line_under" in probe:
            page = pdf.pages[probe.get("page", 1) - 1]
            chars = M.find_words(page, probe["line_under"])
            assert chars
            bottom = max(c["bottom"] for c in chars)
            rules = [ln for ln in list(page.lines) + [r for r in page.rects if r["height"] <= 2.5]
                     if bottom - 2 <= ln["top"] <= bottom + 25]
            typed = [c for c in page.chars if c["text"] == "_" and bottom - 2 <= c["top"] <= bottom + 25]
            assert probe.get("none") and not rules and not typed
