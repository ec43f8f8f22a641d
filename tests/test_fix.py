"""``nd30check fix`` on the samples (issue 13, item 4).

For every defect sample of a fixable rule: fix → check the copy → that rule passes and no
other rule changes status (a rule the defect also broke may pass again); fixing is
deterministic and idempotent; parts the fix did not need are byte-identical in the zip; inputs
and signed files are never modified (hashes). Samples whose mistake is one a person must put
right (a number, a name, a missing component) are listed with why, and are left as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.checks.base import FIXABLE
from nd30check.config import Config
from nd30check.engine import _load_checks
from nd30check.fix import Outcome, default_output, fix_file
from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEFECTS = sorted((SAMPLES / "defects").glob("*.docx"))
CONFIG = dataclasses.replace(Config(), profile="draft", cache=False)

# the defect samples `fix` must leave alone, and why: text a person decides, or a component
# that is missing / in the wrong place (the file-level ones have nothing to fix in the layout)
NOT_FIXABLE = {
    "FILE-TRACKED-CHANGES--comment": "a comment is for the author to resolve",
    "FILE-TRACKED-CHANGES--ins-del": "tracked changes are for the author to accept or reject",
    "FILE-UNREADABLE--truncated-zip": "unreadable: refused",
    "ND30-DATE-FORMAT--30-february": "a date that does not exist: which day was meant?",
    "ND30-HEADINGS--1-1-1-numbering": "renumbering headings rewrites the text",
    "ND30-PAGE-NUMBER--in-footer": "moving a field between header and footer is a structural edit",
    "ND30-PAGE-NUMBER--missing": "adding a header part is a structural edit",
    "ND30-PL-REF--wrong-date": "the cited date is content",
    "ND30-QH-TEXT--missing-xa-hoi": "the words of the national title are text",
    "ND30-SIGN-NAME--academic-title": "the signer's name is a name",
    "ND30-SO-FORMAT--not-zero-padded": "the register number is a number",
    "ND30-SO-FORMAT--spaces-in-symbol": "the symbol is the register's",
    "ND30-SO-TYPE--cong-van-with-type": "the symbol is the register's",
    "ND30-SO-TYPE--kh-on-quyet-dinh": "the symbol is the register's",
    "ND30-STRUCTURE-ORDER--kinh-gui-after-body": "moving components is a structural edit",
    "ND30-STRUCTURE-REQUIRED--no-noi-nhan": "a missing component must be written",
    "ND30-STRUCTURE-REQUIRED--no-trich-yeu": "a missing component must be written",
    "ND30-TEXT-STRAY--backtick-double-space": "stray characters are text",
}


def _defects_module():
    sys.path.insert(0, str(SAMPLES))
    try:
        import defects  # samples/defects.py

        return {f"{d.rule}--{d.desc}": d for d in defects.DEFECTS}
    finally:
        sys.path.remove(str(SAMPLES))


DEFECT_SPECS = _defects_module()


@lru_cache(maxsize=None)
def pack():
    return load_pack()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=None)
def fixed(name: str) -> tuple[Outcome, bytes]:
    """The fix of one defect sample, worked out once (nothing written)."""
    src = SAMPLES / "defects" / f"{name}.docx"
    out = fix_file(str(src), CONFIG, pack(), write=False)
    return out, out.data or b""


def statuses(data: bytes, tmp: Path, name: str) -> dict[str, str]:
    path = tmp / f"{name}.docx"
    path.write_bytes(data)
    res = check_path(str(path), CONFIG, pack())
    assert res.error is None, res.error
    return res.statuses


def test_every_defect_sample_is_fixed_or_said_why() -> None:
    """A defect sample not in NOT_FIXABLE is a fixable mistake: its finding is fixable."""
    _load_checks()
    for path in DEFECTS:
        name = path.stem
        out, _ = fixed(name)
        if name in NOT_FIXABLE:
            assert not out.edits, (name, [e.prop for e in out.edits])
            continue
        assert name.split("--")[0] in FIXABLE, name
        assert out.status == "fixed", (name, out.status, out.reason, out.left)


@pytest.mark.parametrize("name", [p.stem for p in DEFECTS if p.stem not in NOT_FIXABLE])
def test_fixed_copy_passes_its_rule_and_nothing_else_changes(name: str, tmp_path: Path) -> None:
    rule = name.split("--")[0]
    out, data = fixed(name)
    before = out.before.statuses  # type: ignore[union-attr]
    assert before[rule] == "fail"
    after = statuses(data, tmp_path, name)
    assert after[rule] == "pass", (name, out.left)
    spec = DEFECT_SPECS[name]
    also = set(spec.expected) | set(spec.unsure)  # what the same mistake necessarily broke too
    changed = {r: (before[r], after.get(r)) for r in before if r != rule and after.get(r) != before[r]}
    allowed = {r: v for r, v in changed.items() if r in also and v == ("fail", "pass")}
    assert changed == allowed, (name, changed)


@pytest.mark.parametrize("name", [p.stem for p in DEFECTS if p.stem not in NOT_FIXABLE][::3])
def test_fixing_is_deterministic_and_idempotent(name: str, tmp_path: Path) -> None:
    src = SAMPLES / "defects" / f"{name}.docx"
    first = fix_file(str(src), CONFIG, pack(), write=False).data
    assert first == fixed(name)[1]  # same input → same bytes
    again = tmp_path / f"{name}.docx"
    again.write_bytes(first)  # type: ignore[arg-type]
    second = fix_file(str(again), CONFIG, pack(), output=str(tmp_path / "x.docx"))
    assert second.status == "clean" and not second.edits and not second.written
    assert not (tmp_path / "x.docx").exists()


def _entries(data: bytes) -> list[tuple[str, bytes, int]]:
    """(name, raw local record bytes, compression) of each zip entry, in file order."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    out = []
    for info in sorted(zf.infolist(), key=lambda i: i.header_offset):
        n = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
        m = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
        start = info.header_offset + 30 + n + m
        out.append((info.filename, data[info.header_offset:start + info.compress_size], info.compress_type))
    return out


@pytest.mark.parametrize("name", [p.stem for p in DEFECTS if p.stem not in NOT_FIXABLE])
def test_untouched_parts_are_byte_identical(name: str) -> None:
    out, data = fixed(name)
    src = (SAMPLES / "defects" / f"{name}.docx").read_bytes()
    old, new = _entries(src), _entries(data)
    assert [e[0] for e in old] == [e[0] for e in new]  # same entries, same order
    assert [e[2] for e in old] == [e[2] for e in new]  # same compression
    edited = {e.part for e in out.edits}
    for (name_, raw_old, _c), (_n, raw_new, _c2) in zip(old, new):
        if name_ not in edited:
            assert raw_old == raw_new, (name, name_)  # header and compressed bytes as they were
    assert {e[0] for e, f in zip(old, new) if e[1] != f[1]} <= edited


def test_the_xml_outside_the_edited_elements_is_kept_byte_for_byte() -> None:
    """A one-character text edit changes one character of document.xml, nothing else (no
    re-serialisation of the part: ``<w:t></w:t>``, quotes, references stay as written)."""
    out, data = fixed("ND30-TN-TEXT--en-dash")
    old = zipfile.ZipFile(SAMPLES / "defects" / "ND30-TN-TEXT--en-dash.docx").read("word/document.xml")
    new = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert len(old.decode()) == len(new.decode())
    diff = [i for i, (a, b) in enumerate(zip(old.decode(), new.decode())) if a != b]
    assert len(diff) == 2 and {old.decode()[i] for i in diff} == {"–"} and {new.decode()[i] for i in diff} == {"-"}


def test_a_style_is_fixed_once_when_every_user_is_wrong() -> None:
    """Arial in the document defaults, used by every run: one edit there, not one per run."""
    out, data = fixed("ND30-FONT--arial-in-docdefaults")
    assert [(e.scope, e.address) for e in out.edits] == [("defaults", "docDefaults")]
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:ascii="Times New Roman"' in styles.split("</w:docDefaults>")[0]
    assert zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml") == \
        zipfile.ZipFile(SAMPLES / "defects" / "ND30-FONT--arial-in-docdefaults.docx").read("word/document.xml")


def test_a_theme_font_is_fixed_in_the_theme_latin_slot_only() -> None:
    out, data = fixed("ND30-FONT--calibri-from-theme")
    assert [(e.scope, e.address) for e in out.edits] == [("theme", "font=minor")]
    theme = zipfile.ZipFile(io.BytesIO(data)).read("word/theme/theme1.xml").decode()
    minor = theme.split("<a:minorFont>")[1].split("</a:minorFont>")[0]
    assert '<a:latin typeface="Times New Roman"/>' in minor and '<a:ea typeface=""/>' in minor


def test_one_paragraph_is_fixed_on_its_runs() -> None:
    """Arial pasted into one paragraph: the runs of that paragraph, not the style everyone uses."""
    out, _ = fixed("ND30-FONT--arial-one-paragraph")
    assert {e.scope for e in out.edits} == {"run"} and all("/w:r[" in e.address for e in out.edits)


def test_sizes_go_to_the_nearest_value_in_range() -> None:
    out, _ = fixed("ND30-BODY-SIZE--12pt")
    assert {(e.before, e.value) for e in out.edits} == {(12.0, 13.0)}


def test_the_organisations_pack_decides_the_values(tmp_path: Path) -> None:
    """--rules: a unit that wants 14 pt body text and a 32 mm left margin gets exactly that."""
    (tmp_path / "org.toml").write_text(
        '[[rule]]\nid = "ND30-BODY-SIZE"\nparams = { min = 14.0, max = 14.0 }\n'
        '[[rule]]\nid = "ND30-MARGIN"\nparams = { left_min_mm = 32.0 }\n', encoding="utf-8")
    org = load_pack([tmp_path / "org.toml"])
    out = fix_file(str(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx"), CONFIG, org, write=False)
    assert out.edits and {e.value for e in out.edits if e.rule == "ND30-BODY-SIZE"} == {14.0}
    out = fix_file(str(SAMPLES / "defects" / "ND30-MARGIN--left-20mm.docx"), CONFIG, org, write=False)
    left = [e for e in out.edits if e.prop == "margin_left"]
    assert left and round(left[0].value / (72 / 25.4), 1) == 32.0
    assert statuses(out.data, tmp_path, "m")["ND30-MARGIN"] == "pass"  # type: ignore[arg-type]


def test_select_and_ignore_choose_the_rules_fixed(tmp_path: Path) -> None:
    src = SAMPLES / "defects" / "ND30-PAGE-NUMBER--right-aligned-11pt.docx"
    only = dataclasses.replace(CONFIG, select=["ND30-FONT"])
    assert fix_file(str(src), only, pack(), write=False).status == "clean"
    none = dataclasses.replace(CONFIG, ignore=["ND30-PAGE-NUMBER"])
    assert not fix_file(str(src), none, pack(), write=False).edits
    assert fix_file(str(src), dataclasses.replace(CONFIG, select=["ND30-PAGE"]), pack(), write=False).edits


def test_the_input_is_never_written_and_the_copy_goes_next_to_it(tmp_path: Path) -> None:
    src = tmp_path / "du-thao.docx"
    shutil.copy(SAMPLES / "defects" / "ND30-MARGIN--left-20mm.docx", src)
    h = sha(src)
    out = fix_file(str(src), CONFIG, pack())
    assert out.written and out.output == str(tmp_path / "du-thao.da-sua.docx") == default_output(str(src))
    assert sha(src) == h
    refused = fix_file(str(src), CONFIG, pack(), output=str(src))
    assert refused.status == "refused" and refused.reason == "output-is-input" and sha(src) == h


@pytest.mark.parametrize("path", sorted((SAMPLES / "compliant").glob("*.docx")), ids=lambda p: p.stem)
def test_signed_files_are_refused_and_untouched(path: Path, tmp_path: Path) -> None:
    h = sha(path)
    out = fix_file(str(path), CONFIG, pack(), output=str(tmp_path / "out.docx"))
    assert out.status == "refused" and out.reason == "signed" and not out.written
    assert sha(path) == h and not (tmp_path / "out.docx").exists()


def test_a_signed_file_is_never_overwritten_by_a_copy(tmp_path: Path) -> None:
    signed = tmp_path / "signed.docx"
    shutil.copy(SAMPLES / "compliant" / "tb-ubnd-ket-luan-chu-tich.docx", signed)
    h = sha(signed)
    out = fix_file(str(SAMPLES / "defects" / "ND30-MARGIN--left-20mm.docx"), CONFIG, pack(), output=str(signed))
    assert out.status == "refused" and out.reason == "output-signed" and sha(signed) == h


def test_pdfs_and_unreadable_files_are_refused(tmp_path: Path) -> None:
    pdfs = sorted((SAMPLES / "pdf" / "defects").glob("ND30-MARGIN*.pdf"))
    if pdfs:
        out = fix_file(str(pdfs[0]), CONFIG, pack(), output=str(tmp_path / "x.docx"))
        assert (out.status, out.reason) == ("refused", "pdf")
    bad = SAMPLES / "defects" / "FILE-UNREADABLE--truncated-zip.docx"
    h = sha(bad)
    out = fix_file(str(bad), CONFIG, pack(), output=str(tmp_path / "y.docx"))
    assert (out.status, out.reason) == ("refused", "unreadable") and out.detail and sha(bad) == h
    legacy = tmp_path / "old.rtf"
    legacy.write_bytes(b"{\\rtf1\\ansi Hello}")
    assert fix_file(str(legacy), CONFIG, pack()).reason == "not-docx"


def _unsigned_compliant() -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(SAMPLES))
    try:
        from content import COMPLIANT
        from defects import VARIANTS
        from docxgen import build_docx
        from layout import layout

        out = []
        specs = {}
        for fn in COMPLIANT:
            spec = fn()
            specs[spec.key] = spec
            out.append((spec.key, build_docx(layout(spec))))
        for v in VARIANTS:
            model = layout(specs[v.base])
            v.model_fn(model)
            out.append((v.key, build_docx(model)))
        return out
    finally:
        sys.path.remove(str(SAMPLES))


def test_compliant_documents_are_left_as_they_are_and_it_says_so(tmp_path: Path) -> None:
    """The compliant samples before they were signed: nothing to fix, nothing written."""
    from nd30check.fix.report import render

    for key, data in _unsigned_compliant():
        src = tmp_path / f"{key}.docx"
        src.write_bytes(data)
        out = fix_file(str(src), CONFIG, pack())
        assert out.status == "clean" and not out.edits and not out.written, (key, [e.rule for e in out.edits])
        assert not (tmp_path / f"{key}.da-sua.docx").exists()
        text = "\n".join(render(out, pack(), "vi", False))
        assert "Không có gì cần sửa" in text, (key, text)


def test_tracked_changes_and_comments_stay_as_they_are(tmp_path: Path) -> None:
    """A file with a comment and a wrong margin: the margin is fixed, the comment part and the
    comment marks are the same bytes."""
    src = SAMPLES / "defects" / "FILE-TRACKED-CHANGES--comment.docx"
    zin = zipfile.ZipFile(src)
    doc = zin.read("word/document.xml").replace(b'w:left="1701"', b'w:left="1134"', 1)
    assert b'w:left="1134"' in doc
    made = tmp_path / "comment-margin.docx"
    parts = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts:
            z.writestr(name, doc if name == "word/document.xml" else content)
    out = fix_file(str(made), CONFIG, pack(), write=False)
    assert [e.rule for e in out.edits] == ["ND30-MARGIN"]
    zout = zipfile.ZipFile(io.BytesIO(out.data))  # type: ignore[arg-type]
    assert zout.read("word/comments.xml") == zin.read("word/comments.xml")
    new_doc = zout.read("word/document.xml")
    for mark in (b"commentRangeStart", b"commentRangeEnd", b"commentReference"):
        assert new_doc.count(mark) == doc.count(mark)
    assert statuses(out.data, tmp_path, "c")["FILE-TRACKED-CHANGES"] == "fail"  # type: ignore[arg-type]


def test_fixed_copies_open_in_python_docx() -> None:
    docx = pytest.importorskip("docx")
    for path in DEFECTS:
        if path.stem in NOT_FIXABLE:
            continue
        _out, data = fixed(path.stem)
        assert docx.Document(io.BytesIO(data)).paragraphs, path.stem
