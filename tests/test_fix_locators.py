"""Locators: every paragraph, run, section and line the .docx reader gives points at its own
element in the package, and says where its judged values were set; findings carry them
(JSON ``locator``, ``fixable``), and the reports say what `nd30check fix` can correct."""

from __future__ import annotations

import json
import unicodedata
import zipfile
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config
from nd30check.fix.xml import resolve, w
from nd30check.readers.docx import read_docx
from nd30check.safety import parse_xml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "samples" / "defects").glob("ND30-*.docx"))[::4] + sorted((ROOT / "tests" / "real" / "files").glob("*.docx")) \
    + sorted((ROOT / "tests" / "unseen" / "files").glob("*.docx"))[::3]


def _roots(path: Path) -> dict[str, object]:
    zf = zipfile.ZipFile(path)
    return {n: parse_xml(zf.read(n), n) for n in zf.namelist() if n.endswith(".xml")}


def _el(roots: dict, locator: str):
    part, _, address = locator.partition("#")
    return resolve(roots[part], address)


def _stored_text(r) -> str:
    out = []
    for c in r:
        tag = c.tag
        if tag == w("t"):
            out.append(c.text or "")
        elif tag in (w("tab"), w("ptab")):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
    return unicodedata.normalize("NFC", "".join(out))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:40])
def test_every_locator_names_its_element(path: Path) -> None:
    doc = read_docx(str(path))
    roots = _roots(path)
    for p in doc.paragraphs:
        el = _el(roots, p.locator)
        assert el is not None and el.tag == w("p"), p.locator
        for r in p.runs:
            rel = _el(roots, r.locator)
            assert rel is not None and rel.tag == w("r"), r.locator
            assert r.locator.startswith(p.locator + "/")
            if r.visible and "\t" not in r.text and "\n" not in r.text and "\xad" not in r.text:
                # the run's text is in its element (the reader's tab splits cut runs in pieces)
                assert r.text.strip() in _stored_text(rel) or unicodedata.normalize("NFC", r.text).strip() in \
                    _stored_text(rel), (r.locator, r.text)
    for s in doc.sections:
        if s.locator:
            assert _el(roots, s.locator).tag == w("sectPr")
    for h in doc.hlines:
        if h.locator:
            assert _el(roots, h.locator) is not None, h.locator


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:40])
def test_origins_name_what_set_the_value(path: Path) -> None:
    """Each origin is the element itself, a style that exists, the defaults or a theme font."""
    doc = read_docx(str(path))
    roots = _roots(path)
    for p in doc.paragraphs:
        for who in [p, *p.runs]:
            for prop, origin in (who.origins or {}).items():
                part, _, address = origin.partition("#")
                if origin == who.locator or address == "docDefaults":
                    continue
                if address.startswith(("style=", "font=")):
                    assert resolve(roots[part], address) is not None, (prop, origin)
                elif address.startswith(("tablestyle=", "num=")):
                    continue
                else:  # the paragraph the run sits in (its mark's formatting) or the element itself
                    assert _el(roots, origin) is not None, (prop, origin)


def test_origins_on_the_samples_say_where_each_font_comes_from() -> None:
    defects = ROOT / "samples" / "defects"
    doc = read_docx(str(defects / "ND30-FONT--arial-in-docdefaults.docx"))
    assert {r.origins["font"] for p in doc.paragraphs for r in p.visible_runs} == {"word/styles.xml#docDefaults"}
    doc = read_docx(str(defects / "ND30-FONT--calibri-from-theme.docx"))
    calibri = [r for p in doc.paragraphs for r in p.visible_runs if r.font == "Calibri"]
    assert calibri and {r.origins["font"] for r in calibri} == {"word/theme/theme1.xml#font=minor"}
    doc = read_docx(str(defects / "ND30-BODY-SIZE--12pt.docx"))
    body = [r for p in doc.paragraphs if p.role is None for r in p.visible_runs if r.size == 12.0]
    assert body and all(r.origins["size"] == r.locator for r in body)  # set on the runs themselves
    nn = [r for p in doc.paragraphs for r in p.visible_runs if r.size == 11.0]
    assert nn and {r.origins["size"] for r in nn} == {"word/styles.xml#style=NoiNhan"}


def test_findings_point_at_what_to_edit_and_say_fixable() -> None:
    defects = ROOT / "samples" / "defects"
    from nd30check.report.json import file_entry
    from nd30check.report.words import Words

    words = Words()  # results are keys and values; the JSON contract's finding is rendered
    res = check_path(str(defects / "ND30-FONT--arial-in-docdefaults.docx"), Config(profile="draft", cache=False))
    font = [f.to_json() for f in words.findings(res) if f.rule == "ND30-FONT"]
    assert font and font[0]["fixable"] is True and font[0]["locator"] == "word/styles.xml#docDefaults"
    res = check_path(str(defects / "ND30-MARGIN--left-20mm.docx"), Config(profile="draft", cache=False))
    margin = [f.to_json() for f in words.findings(res) if f.rule == "ND30-MARGIN"]
    assert margin[0]["fixable"] is True and margin[0]["locator"].endswith("w:sectPr[1]")
    res = check_path(str(defects / "ND30-SO-FORMAT--not-zero-padded.docx"), Config(profile="draft", cache=False))
    so = [f.to_json() for f in words.findings(res) if f.rule == "ND30-SO-FORMAT"]
    assert so and so[0]["fixable"] is False and so[0]["locator"].startswith("word/document.xml#/w:body/")
    json.dumps(file_entry(res, words))


def test_signed_and_pdf_findings_are_not_fixable() -> None:
    """`fix` refuses signed files and PDFs, so their findings are never marked fixable."""
    pdf = sorted((ROOT / "samples" / "pdf" / "defects").glob("ND30-MARGIN*.pdf"))
    for path in pdf[:1]:
        res = check_path(str(path), Config(profile="draft", cache=False))
        assert all(not f.fixable for f in res.findings)
    signed = ROOT / "samples" / "compliant" / "tb-ubnd-ket-luan-chu-tich.docx"
    res = check_path(str(signed), Config(cache=False))
    assert all(not f.fixable for f in res.findings)


def test_reports_say_what_can_be_fixed_automatically() -> None:
    from nd30check.report import render_report
    from nd30check.rulepack import load_pack

    cfg = Config(profile="draft", cache=False)
    res = check_path(str(ROOT / "samples" / "defects" / "ND30-BODY-SIZE--12pt.docx"), cfg)
    pack = load_pack()
    text = render_report("text", [res], cfg, pack)
    assert "có thể sửa tự động" in text and "nd30check fix" in text
    html = render_report("html", [res], cfg, pack)
    assert "có thể sửa tự động" in html
    en = render_report("text", [res], Config(profile="draft", cache=False, lang="en"), pack)
    assert "can be fixed automatically" in en
