"""The sample generator is reproducible and its committed outputs are sound.

* two runs of samples/make_samples.py give the same bytes (fixed zip timestamps, seeded choices),
  and the committed .docx files are exactly what the generator writes today;
* every committed sample is a valid zip whose XML parts parse (no entities, no network);
* tests/corpus/labels.json lists every sample file, and only files that exist, with roles the
  model knows, and the defect files fail exactly the rule their name says.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from nd30check.model import Role

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LABELS = ROOT / "tests" / "corpus" / "labels.json"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _samples(kind: str) -> list[Path]:
    return sorted(p for p in SAMPLES.rglob(f"*.{kind}") if "fonts" not in p.parts)


def _labels() -> dict[str, dict]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    return {e["path"]: e for e in data["files"]}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen")
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), "--out", str(out)], check=True,
                   capture_output=True, timeout=120)
    return out


def test_two_runs_give_the_same_bytes(generated: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True, timeout=120)
    first = sorted(p.relative_to(generated) for p in generated.rglob("*.docx"))
    second = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.docx"))
    assert first == second and len(first) > 50
    for rel in first:
        assert (generated / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_committed_docx_are_what_the_generator_writes(generated: Path) -> None:
    committed = {p.relative_to(SAMPLES) for p in _samples("docx")}
    made = {p.relative_to(generated) for p in generated.rglob("*.docx")}
    assert committed == made, "run: python samples/make_samples.py (and commit)"
    stale = [str(r) for r in sorted(made) if (generated / r).read_bytes() != (SAMPLES / r).read_bytes()]
    assert not stale, f"committed samples differ from the generator: {stale[:5]}"


def test_zip_entries_have_fixed_timestamps() -> None:
    with zipfile.ZipFile(SAMPLES / "compliant" / "qd-ubnd-thanh-lap-to-cong-tac.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 5, 8, 8, 0, 0)}


@pytest.mark.parametrize("path", _samples("docx"), ids=lambda p: p.name)
def test_docx_is_a_zip_whose_xml_parses(path: Path) -> None:
    if path.name.startswith("FILE-UNREADABLE--"):
        with pytest.raises(zipfile.BadZipFile):
            zipfile.ZipFile(path).testzip()
        return
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert "[Content_Types].xml" in names and "word/document.xml" in names
        for name in names:
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(z.read(name), PARSER)
                assert root is not None
        ct = etree.fromstring(z.read("[Content_Types].xml"), PARSER)
        overrides = {e.get("PartName", "").lstrip("/") for e in ct}
        for name in names:
            if name.startswith("word/") and name.endswith(".xml"):
                assert name in overrides, f"{name} has no content type"


def test_python_docx_opens_the_compliant_samples() -> None:
    """A second, independent OOXML consumer reads the same text we labelled."""
    import docx

    labels = _labels()
    for path in _samples("docx"):
        if "compliant" not in path.parts:
            continue
        d = docx.Document(str(path))
        texts = [unicodedata.normalize("NFC", p.text) for p in d.paragraphs]
        texts += [unicodedata.normalize("NFC", p.text) for t in d.tables for c in t._cells for p in c.paragraphs]
        first = labels[str(path.relative_to(ROOT))]["roles"][0][0]
        assert any(first in t for t in texts), path.name
        assert d.sections[0].page_width is not None


@pytest.mark.parametrize("path", _samples("pdf"), ids=lambda p: p.name)
def test_pdf_starts_and_ends_like_a_pdf(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.") and b"%%EOF" in data[-64:]
    if not path.name.startswith("FILE-NO-TEXT--"):  # the scan has no fonts at all
        assert b"TimesNewRomanPSMT" in data  # fonts embedded under Word's PostScript names


def test_labels_cover_every_sample_and_only_existing_files() -> None:
    labels = _labels()
    on_disk = {str(p.relative_to(ROOT)) for p in _samples("docx") + _samples("pdf")}
    assert on_disk == set(labels), (sorted(on_disk - set(labels))[:5], sorted(set(labels) - on_disk)[:5])


def test_labels_use_known_roles_and_rule_ids() -> None:
    known = set(Role.all())
    for path, e in _labels().items():
        assert {r for _, r in e["roles"]} <= known, path
        for rule, status in e["expected"].items():
            assert rule.startswith(("ND30-", "FILE-")), (path, rule)
            assert status in ("pass", "fail", "not-applicable", "not-evaluated"), (path, status)


def test_defect_files_fail_their_rule_and_compliant_files_fail_none() -> None:
    for path, e in _labels().items():
        name = Path(path).name
        failing = {r for r, s in e["expected"].items() if s == "fail"}
        if "/defects/" in path:
            rule = name.split("--", 1)[0]
            assert rule in failing, path
            assert e["defect"]["rule"] == rule
        else:
            assert e["compliant"] and not failing, path
            assert e["document"] or "pl-rieng" in name, path


def test_labels_match_the_generator() -> None:
    sys.path.insert(0, str(SAMPLES))
    try:
        ms = importlib.import_module("make_samples")
        from layout import layout, roles_of  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(SAMPLES))
    labels = _labels()
    for fn in ms.COMPLIANT:
        spec = fn()
        e = labels[f"samples/compliant/{spec.key}.docx"]
        assert e["roles"] == roles_of(layout(spec))
        assert e["expected"] == ms.expected_for(spec)


def test_bulk_writes_n_documents_with_labels(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), "--bulk", "40", "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    docs = sorted(tmp_path.glob("*.docx"))
    assert len(docs) == 40
    labels = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))["files"]
    assert {e["path"] for e in labels} == {d.name for d in docs}
    assert any(not e["compliant"] for e in labels) and any(e["compliant"] for e in labels)
    with zipfile.ZipFile(docs[0]) as z:
        etree.fromstring(z.read("word/document.xml"), PARSER)
