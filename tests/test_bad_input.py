"""Hostile and broken inputs: every one becomes UnreadableError with the right code, fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import hostile
from nd30check.model import UnreadableError
from nd30check.readers import read_document, sniff
from nd30check.safety import Limits, SafeZip, parse_xml


@pytest.mark.parametrize("name", sorted(hostile.ALL))
def test_hostile_file_is_refused_with_code(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # legacy files are converted when LibreOffice is there (tests/test_legacy.py); refused here without it
    monkeypatch.setenv("ND30CHECK_SOFFICE", "off")
    build, code = hostile.ALL[name]
    path = build(tmp_path)
    start = time.perf_counter()
    with pytest.raises(UnreadableError) as info:
        read_document(str(path))
    elapsed = time.perf_counter() - start
    assert info.value.code == code, (info.value.code, info.value.message_en)
    assert elapsed < 1.0, f"{name} took {elapsed:.2f}s"
    # a clerk-readable Vietnamese message, and an English one
    assert info.value.message_vi and info.value.message_vi != info.value.message_en
    assert any(ch in info.value.message_vi for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_legacy_doc_message_says_how_to_convert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ND30CHECK_SOFFICE", "off")
    with pytest.raises(UnreadableError) as info:
        read_document(str(hostile.legacy_doc(tmp_path)))
    assert ".docx" in info.value.message_vi and "Word 97" in info.value.message_vi
    assert "LibreOffice" in info.value.message_vi  # the install hint


def test_encrypted_and_legacy_are_told_apart(tmp_path: Path) -> None:
    assert sniff(str(hostile.legacy_doc(tmp_path))) == "doc"  # converted when LibreOffice is there
    with pytest.raises(UnreadableError) as info:
        sniff(str(hostile.encrypted(tmp_path)))
    assert info.value.code == "encrypted"


def test_xxe_never_reads_the_target(tmp_path: Path) -> None:
    secret = Path("/etc/passwd").read_text(errors="replace")[:20]
    for build in (hostile.xxe, hostile.xxe_in_styles):
        try:
            doc = read_document(str(build(tmp_path)))
        except UnreadableError as exc:
            assert exc.code == "xml-entities"
            continue
        text = "".join(p.text for p in doc.paragraphs)  # parsed without expansion is fine too
        assert secret not in text and "root:" not in text


def test_parse_xml_never_expands_entities_even_without_doctype_check() -> None:
    # an internal entity declared: refused before lxml sees it
    with pytest.raises(UnreadableError) as info:
        parse_xml(b'<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>')
    assert info.value.code == "xml-entities"
    # UTF-16 encoded hostile XML is refused too
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
    with pytest.raises(UnreadableError):
        parse_xml(data.encode("utf-16"))
    # a DOCTYPE without entities is harmless and parses (no DTD is loaded)
    root = parse_xml(b'<!DOCTYPE a SYSTEM "http://example.invalid/x.dtd"><a>ok</a>')
    assert root.text == "ok"


def test_zip_bomb_detected_by_ratio_before_inflating(tmp_path: Path) -> None:
    path = hostile.zip_bomb(tmp_path, megabytes=50)
    start = time.perf_counter()
    with pytest.raises(UnreadableError) as info:
        SafeZip(str(path))
    assert info.value.code == "zip-bomb"
    assert time.perf_counter() - start < 0.2  # refused from the central directory, nothing inflated


def test_lying_declared_size_never_inflates_more(tmp_path: Path) -> None:
    """A central directory claiming 1000 bytes for a 3 MB part: reading stops (bad CRC), no blow-up."""
    path = hostile.declared_small(tmp_path)
    with SafeZip(str(path)) as zf:
        try:
            data = zf.read("word/media/zeros.bin")
        except UnreadableError as exc:
            assert exc.code in ("corrupt-zip", "zip-bomb")
        else:
            assert len(data) <= 1000


def test_read_caps_total_inflated_bytes(tmp_path: Path) -> None:
    path = hostile.zip_bomb(tmp_path, megabytes=3)
    zf = SafeZip(str(path), Limits(ratio=10_000))
    zf.limits = Limits(ratio=10_000, total=2 * 1024 * 1024)  # tightened after the directory check
    with pytest.raises(UnreadableError) as info:
        zf.read("word/media/zeros.bin")
    assert info.value.code == "zip-bomb"


def test_size_limit_parameter(tmp_path: Path) -> None:
    path = hostile.simple_docx(tmp_path / "a.docx")
    with pytest.raises(UnreadableError) as info:
        sniff(str(path), max_bytes=100)
    assert info.value.code == "too-large"
    assert sniff(str(path)) == "docx"


def test_pdf_named_docx_is_sniffed_as_pdf(tmp_path: Path) -> None:
    p = tmp_path / "scan.docx"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert sniff(str(p)) == "pdf"


def test_docx_named_pdf_is_sniffed_as_docx(tmp_path: Path) -> None:
    p = hostile.simple_docx(tmp_path / "van-ban.pdf")
    assert sniff(str(p)) == "docx"
    doc = read_document(str(p))
    assert doc.kind == "docx" and doc.paragraphs[0].text == "Xin chào"


def test_script_writes_every_hostile_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(Path(hostile.__file__)), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert len(out.strip().splitlines()) == len(hostile.ALL)
