"""OOXML package signatures: genuine Office-style signatures verify, every tamper variant fails.

Fixtures are made at test time: a .docx from python-docx, signed twice (official, then
agency: parallel signatures) by the test-only signer in ``tests/ooxml_signer.py``; tamper
variants are byte surgery on the signed package. The variants marked "LibreOffice accepts"
are the ones lenient verifiers call valid (Rohlmann et al., USENIX Security 2023).
"""

from __future__ import annotations

import base64
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ooxml_signer import make_test_cert, rewrite_docx, sign_docx  # noqa: E402

from nd30check.signatures.ooxml import WARNING_CODES, has_ooxml_signatures, verify_docx  # noqa: E402

SIGNED_AT = datetime(2026, 5, 8, 2, 15, tzinfo=timezone.utc)
DOC_MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_CT = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.fixture(scope="module")
def keys():
    official = make_test_cert("Nguyễn Văn An", org="Ủy ban nhân dân xã Phượng Tiến")
    agency = make_test_cert("Ủy ban nhân dân xã Phượng Tiến", org="Tỉnh Thái Nguyên", key_type="ec")
    return official, agency


@pytest.fixture(scope="module")
def work(tmp_path_factory, keys) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("ooxml")
    doc = docx.Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN")
    doc.add_paragraph("KẾ HOẠCH Tổ chức ngày hội đọc sách năm 2026")
    doc.add_paragraph("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;")
    plain = d / "plain.docx"
    doc.save(plain)
    (ok, oc), (ak, ac) = keys
    one = d / "one.docx"
    two = d / "two.docx"
    sign_docx(str(plain), str(one), ok, oc, time=SIGNED_AT)
    sign_docx(str(one), str(two), ak, ac, time=SIGNED_AT + timedelta(minutes=30))
    return {"dir": d, "plain": plain, "one": one, "two": two}


def variant(work, name: str, changes) -> str:
    out = work["dir"] / f"{name}.docx"
    rewrite_docx(str(work["two"]), str(out), changes)
    return str(out)


def codes(report) -> list[set[str]]:
    return [set(s.problems) for s in report.signatures]


def test_genuine_two_signatures_verify(work):
    rep = verify_docx(str(work["two"]))
    assert rep.evaluated and rep.problems == [] and rep.filled_fields == 2
    assert len(rep.signatures) == 2
    for s in rep.signatures:
        assert s.kind == "ooxml"
        assert s.intact is True and s.valid is True
        assert s.coverage == "ALL_PARTS"
        assert s.problems == [], s.problem_messages
        assert s.digest_algorithm == "sha256"
    off, ag = rep.signatures
    assert off.subject["CN"] == "Nguyễn Văn An" and off.key_type == "RSA" and off.key_bits == 2048
    assert ag.subject["CN"] == "Ủy ban nhân dân xã Phượng Tiến" and ag.key_type == "EC"
    assert off.role == "official" and ag.role == "agency"
    assert off.signing_time == "2026-05-08T02:15:00+00:00"
    assert ag.signing_time == "2026-05-08T02:45:00+00:00"
    assert off.field_name == "/_xmlsignatures/sig1.xml"


def test_detection_is_cheap_and_right(work):
    assert has_ooxml_signatures(str(work["two"]))
    assert not has_ooxml_signatures(str(work["plain"]))
    assert verify_docx(str(work["plain"])).signatures == []


def test_parallel_signature_removed_leaves_the_other_valid(work):
    rels = "_xmlsignatures/_rels/origin.sigs.rels"
    path = variant(work, "one-left", {
        "_xmlsignatures/sig2.xml": None,
        rels: lambda b: re.sub(rb'<Relationship Id="rId2"[^>]*/>', b"", b),
    })
    rep = verify_docx(path)
    assert rep.filled_fields == 1 and len(rep.signatures) == 1
    assert rep.signatures[0].valid is True


def test_document_changed_after_signing(work):
    path = variant(work, "doc-changed", {"word/document.xml": lambda b: b.replace("năm 2026".encode(), "năm 2027".encode())})
    rep = verify_docx(path)
    assert all(s.intact is False and s.valid is False for s in rep.signatures)
    assert codes(rep) == [{"part-digest-mismatch"}] * 2
    assert "/word/document.xml" in rep.signatures[0].problem_messages[0]


def test_signed_part_bytes_changed(work):
    path = variant(work, "styles-changed", {"word/styles.xml": lambda b: b + b" "})
    rep = verify_docx(path)
    assert all(s.intact is False for s in rep.signatures)
    assert all("part-digest-mismatch" in c for c in codes(rep))


def test_added_relationship_afchunk_is_rejected(work):
    """LibreOffice accepts: the signed rels digest covers only the listed Ids."""
    html = "<html><body><p>Nội dung chèn thêm sau khi ký</p></body></html>".encode()
    path = variant(work, "afchunk", {
        "word/afchunk.html": html,
        "word/_rels/document.xml.rels": lambda b: b.replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
            b'Target="afchunk.html"/></Relationships>'),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", b'<Default Extension="html" ContentType="text/html"/></Types>'),
    })
    rep = verify_docx(path)
    for s in rep.signatures:
        assert s.intact is True  # the signed bytes are untouched …
        assert s.coverage == "PARTIAL" and s.valid is False  # … but the package is not what was signed
        assert {"relationship-not-signed", "part-not-signed"} <= set(s.problems)
    assert "relationship-not-signed" in rep.problems and "part-not-signed" in rep.problems
    assert any("rId99" in m for m in rep.signatures[0].problem_messages)


def test_part_missing_from_manifest_is_rejected(work, keys):
    """LibreOffice accepts a signature whose Manifest leaves a part out."""
    (ok, oc), _ = keys
    out = work["dir"] / "partial-manifest.docx"
    import zipfile

    names = zipfile.ZipFile(work["plain"]).namelist()
    signed = [n for n in names if n not in ("[Content_Types].xml", "docProps/core.xml", "docProps/app.xml", "word/styles.xml")]
    sign_docx(str(work["plain"]), str(out), ok, oc, time=SIGNED_AT, parts=signed)
    rep = verify_docx(str(out))
    (s,) = rep.signatures
    assert s.intact is True and s.coverage == "PARTIAL" and s.valid is False
    assert "part-not-signed" in s.problems
    assert any("/word/styles.xml" in m for m in s.problem_messages)


def test_added_unsigned_part_is_rejected(work):
    path = variant(work, "macro-part", {
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really a macro",
        "[Content_Types].xml": lambda b: b.replace(
            b"</Types>", b'<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    })
    rep = verify_docx(path)
    assert all(s.coverage == "PARTIAL" and s.valid is False and "part-not-signed" in s.problems for s in rep.signatures)


def test_content_type_switched_to_macro_enabled_is_rejected(work):
    """LibreOffice accepts: [Content_Types].xml itself is not signed."""
    path = variant(work, "macro-ct", {"[Content_Types].xml": lambda b: b.replace(DOC_MAIN_CT.encode(), MACRO_CT.encode())})
    rep = verify_docx(path)
    for s in rep.signatures:
        assert s.intact is True and s.coverage == "PARTIAL" and s.valid is False
        assert "content-type-mismatch" in s.problems
    assert "content-type-mismatch" in rep.problems


def _edit_sig(work, name: str, fn, which: str = "_xmlsignatures/sig1.xml") -> str:
    return variant(work, name, {which: lambda b: fn(b.decode("utf-8")).encode("utf-8")})


def test_signature_value_altered(work):
    def flip(x: str) -> str:
        m = re.search(r"<SignatureValue>([^<]+)</SignatureValue>", x)
        raw = bytearray(base64.b64decode(m.group(1)))
        raw[10] ^= 0x01
        return x.replace(m.group(1), base64.b64encode(bytes(raw)).decode())

    rep = verify_docx(_edit_sig(work, "sigvalue", flip))
    assert rep.signatures[0].intact is False and rep.signatures[0].problems == ["signature-value-invalid"]
    assert rep.signatures[1].valid is True  # the parallel signature is untouched


def _swap_cert(x: str, cert) -> str:
    from cryptography.hazmat.primitives import serialization

    b64 = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
    return re.sub(r"<X509Certificate>[^<]+</X509Certificate>", f"<X509Certificate>{b64}</X509Certificate>", x, count=1)


def test_certificate_swapped_in_keyinfo(work):
    _, other = make_test_cert("Trần Thị Bình")
    rep = verify_docx(_edit_sig(work, "swapcert", lambda x: _swap_cert(x, other)))
    assert rep.signatures[0].intact is False
    assert rep.signatures[0].problems == ["signing-certificate-mismatch"]


def test_certificate_reissued_with_same_key_is_not_the_signed_one(work, keys):
    """Same key, other name: the signature value still verifies; only the XAdES binding catches it."""
    (ok, _), _ = keys
    _, lookalike = make_test_cert("Lê Văn Giả", key=ok)
    rep = verify_docx(_edit_sig(work, "samekey", lambda x: _swap_cert(x, lookalike)))
    assert rep.signatures[0].intact is False
    assert rep.signatures[0].problems == ["signing-certificate-mismatch"]


def test_duplicate_ids_rejected(work):
    def wrap(x: str) -> str:
        # Signature wrapping: an unsigned copy of the package object with the same Id.
        m = re.search(r'<Object Id="idPackageObject">.*?</Object>', x, re.S)
        return x.replace("</Signature>", m.group(0).replace("<Manifest>", "<Manifest><!-- wrapped -->") + "</Signature>")

    rep = verify_docx(_edit_sig(work, "dupid", wrap))
    assert rep.signatures[0].problems == ["duplicate-id"] and rep.signatures[0].intact is False


def test_signedinfo_reference_digest_altered(work):
    def alter(x: str) -> str:
        m = re.search(r'(<Reference Type="[^"]+" URI="#idOfficeObject">.*?<DigestValue>)([^<]+)', x, re.S)
        raw = bytearray(base64.b64decode(m.group(2)))
        raw[0] ^= 0xFF
        return x[: m.start(2)] + base64.b64encode(bytes(raw)).decode() + x[m.end(2):]

    rep = verify_docx(_edit_sig(work, "sidigest", alter))
    assert rep.signatures[0].problems == ["reference-digest-mismatch"]


def test_manifest_edited_inside_signed_object(work):
    """Pointing the Manifest at the tampered document breaks the package object's digest."""
    def alter(x: str) -> str:
        return x.replace("/word/document.xml?", "/word/document2.xml?", 1)

    rep = verify_docx(_edit_sig(work, "manifest-edit", alter))
    assert rep.signatures[0].problems == ["reference-digest-mismatch"]


def test_xxe_in_signature_is_refused_without_reading(work, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ-MẬT-42")

    def xxe(x: str) -> str:
        body = x.split("?>", 1)[1]
        body = body.replace("<SignatureComments>", "<SignatureComments>&xxe;", 1)
        return f'<?xml version="1.0"?><!DOCTYPE Signature [<!ENTITY xxe SYSTEM "file://{secret}">]>' + body

    rep = verify_docx(_edit_sig(work, "xxe", xxe))
    s = rep.signatures[0]
    assert s.intact is False and s.problems == ["xml-entities"]
    assert "BÍ-MẬT-42" not in repr(rep)


def test_signature_times_compared(work, keys, tmp_path):
    (ok, oc), _ = keys
    out = tmp_path / "times.docx"
    sign_docx(str(work["plain"]), str(out), ok, oc, time=SIGNED_AT, signature_time=SIGNED_AT + timedelta(hours=3))
    (s,) = verify_docx(str(out)).signatures
    assert "signing-time-mismatch" in s.problems and "signing-time-mismatch" in WARNING_CODES
    assert s.valid is True  # a warning, not a broken signature
    assert s.signing_time == "2026-05-08T02:15:00+00:00"  # XAdES SigningTime is preferred


def test_without_xades_a_swapped_certificate_fails_the_value(work, keys, tmp_path):
    (ok, oc), _ = keys
    out = tmp_path / "noxades.docx"
    sign_docx(str(work["plain"]), str(out), ok, oc, time=SIGNED_AT, xades=False)
    (s,) = verify_docx(str(out)).signatures
    assert s.valid is True and s.problems == ["no-xades"]
    assert s.signing_time == "2026-05-08T02:15:00+00:00"  # from mdssi:SignatureTime
    _, other = make_test_cert("Trần Thị Bình")
    bad = tmp_path / "noxades-swapped.docx"
    rewrite_docx(str(out), str(bad), {"_xmlsignatures/sig1.xml": lambda b: _swap_cert(b.decode(), other).encode()})
    (s,) = verify_docx(str(bad)).signatures
    assert s.intact is False and "signature-value-invalid" in s.problems


def test_sha1_reported(work, keys, tmp_path):
    (ok, oc), _ = keys
    out = tmp_path / "sha1.docx"
    sign_docx(str(work["plain"]), str(out), ok, oc, time=SIGNED_AT, digest="sha1")
    (s,) = verify_docx(str(out)).signatures
    assert s.valid is True and s.digest_algorithm == "sha1" and s.signature_algorithm == "rsa-sha1"


def test_undeclared_signature_part_is_reported(work):
    path = variant(work, "orphan", {"_rels/.rels": lambda b: re.sub(rb'<Relationship Id="rIdSig"[^>]*/>', b"", b)})
    assert has_ooxml_signatures(path)
    rep = verify_docx(path)
    assert rep.signatures == [] and rep.filled_fields == 2
    assert rep.problems == ["signature-part-orphan"]


def test_declared_signature_part_missing(work):
    rep = verify_docx(variant(work, "missing-sig", {"_xmlsignatures/sig2.xml": None}))
    assert rep.signatures[0].valid is True
    assert rep.signatures[1].intact is False and rep.signatures[1].problems == ["signature-part-missing"]


def test_external_reference_in_signedinfo_refused(work):
    rep = verify_docx(_edit_sig(work, "extref", lambda x: x.replace('URI="#idOfficeObject"', 'URI="http://example.invalid/x"', 1)))
    assert rep.signatures[0].problems == ["reference-unresolved"]


def test_garbage_signature_part_fails_not_crashes(work):
    rep = verify_docx(variant(work, "garbage", {"_xmlsignatures/sig1.xml": b"\x00\xffnot xml"}))
    assert rep.signatures[0].intact is False and rep.signatures[0].problems == ["malformed-signature"]


def test_corrupt_zip(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert not has_ooxml_signatures(str(bad))
    rep = verify_docx(str(bad))
    assert rep.evaluated is False and rep.problems == ["corrupt-package"]


def test_every_problem_code_is_worded_in_both_languages_by_the_rule_that_reports_it():
    from nd30check.rulepack import load_pack
    from nd30check.signatures.problems import Kind, Problem

    pack = load_pack()
    home = {Kind.INTEGRITY: "SIG-INTEGRITY", Kind.WARNING: "SIG-INTEGRITY", Kind.COVERAGE: "SIG-COVERAGE", Kind.NOTE: "SIG-COVERAGE"}
    for p in Problem:
        msg = pack.get(home[p.kind]).messages.get(p.value)
        assert msg and msg.get("vi") and msg.get("en") and msg["vi"] != msg["en"], p.value
        assert "{who}" in msg["vi"] and "{detail}" in msg["vi"] and "{detail}" in msg["en"], p.value


def _with_image(work, name: str) -> str:
    """The plain document plus an image part with a Vietnamese name (percent-encoded in URIs)."""
    out = work["dir"] / f"{name}.docx"
    rewrite_docx(str(work["plain"]), str(out), {
        "word/media/ảnh chữ ký.png": b"\x89PNG\r\n\x1a\n not really an image",
        "word/_rels/document.xml.rels": lambda b: b.replace(
            b"</Relationships>",
            '<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            'Target="media/ảnh chữ ký.png"/></Relationships>'.encode()),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'),
    })
    return str(out)


def test_non_ascii_part_name(work, keys):
    (ok, oc), _ = keys
    src = _with_image(work, "image-src")
    out = work["dir"] / "image-signed.docx"
    sign_docx(src, str(out), ok, oc, time=SIGNED_AT)
    assert b"%E1%BA%A3nh%20ch%E1%BB%AF%20k%C3%BD.png" in __import__("zipfile").ZipFile(out).read("_xmlsignatures/sig1.xml")
    (s,) = verify_docx(str(out)).signatures
    assert s.valid is True and s.problems == []
    gone = work["dir"] / "image-gone.docx"
    rewrite_docx(str(out), str(gone), {"word/media/ảnh chữ ký.png": None})
    (s,) = verify_docx(str(gone)).signatures
    assert s.intact is False and s.problems == ["manifest-part-missing"]


def test_relationships_selected_by_type(work, keys):
    """RelationshipsGroupReference: a new relationship of a selected type is signed content."""
    (ok, oc), _ = keys
    import zipfile

    from lxml import etree

    rels = zipfile.ZipFile(work["plain"]).read("word/_rels/document.xml.rels")
    types = sorted({el.get("Type") for el in etree.fromstring(rels)})
    out = work["dir"] / "by-type.docx"
    sign_docx(str(work["plain"]), str(out), ok, oc, time=SIGNED_AT, rel_types={"word/_rels/document.xml.rels": types})
    assert b"RelationshipsGroupReference" in zipfile.ZipFile(out).read("_xmlsignatures/sig1.xml")
    (s,) = verify_docx(str(out)).signatures
    assert s.valid is True, s.problem_messages
    same_type = work["dir"] / "by-type-added.docx"
    rewrite_docx(str(out), str(same_type), {"word/_rels/document.xml.rels": lambda b: b.replace(
        b"</Relationships>", f'<Relationship Id="rId77" Type="{types[0]}" Target="x.xml"/></Relationships>'.encode())})
    (s,) = verify_docx(str(same_type)).signatures
    assert s.problems == ["part-digest-mismatch"]


def test_c14n_transform_on_xml_parts(work, keys):
    (ok, oc), _ = keys
    out = work["dir"] / "c14n.docx"
    sign_docx(str(work["plain"]), str(out), ok, oc, time=SIGNED_AT, xml_c14n=True)
    (s,) = verify_docx(str(out)).signatures
    assert s.valid is True
    # Same infoset, other bytes (XML declaration quoting): C14N makes it the same content.
    respelled = work["dir"] / "c14n-respelled.docx"
    def respell(b: bytes) -> bytes:
        new = b.replace(b"version='1.0' encoding='UTF-8' standalone='yes'", b'version="1.0" encoding="utf-8"')
        assert new != b
        return new

    rewrite_docx(str(out), str(respelled), {"word/settings.xml": respell})
    (s,) = verify_docx(str(respelled)).signatures
    assert s.valid is True
    changed = work["dir"] / "c14n-changed.docx"
    rewrite_docx(str(out), str(changed), {"word/document.xml": lambda b: b.replace("đọc sách".encode(), "đọc báo".encode())})
    (s,) = verify_docx(str(changed)).signatures
    assert s.problems == ["part-digest-mismatch"]


def test_duplicate_zip_entries_invalidate_every_signature(work, tmp_path):
    import warnings
    import zipfile

    out = tmp_path / "dup-entry.docx"
    with zipfile.ZipFile(work["two"]) as src, zipfile.ZipFile(out, "w") as dst, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("word/document.xml", b"<w:document/>")  # a second entry with the same name
    rep = verify_docx(str(out))
    assert "duplicate-part" in rep.problems
    assert all(s.valid is False for s in rep.signatures)


def test_unverified_xades_timestamp_is_said_plainly(work):
    def add_ts(x: str) -> str:
        ts = ('<xd:UnsignedProperties><xd:UnsignedSignatureProperties><xd:SignatureTimeStamp>'
              '<xd:EncapsulatedTimeStamp>AAAA</xd:EncapsulatedTimeStamp></xd:SignatureTimeStamp>'
              '</xd:UnsignedSignatureProperties></xd:UnsignedProperties>')
        return x.replace("</xd:SignedProperties>", "</xd:SignedProperties>" + ts, 1)

    s = verify_docx(_edit_sig(work, "xades-t", add_ts)).signatures[0]
    assert s.valid is True and s.problems == ["timestamp-untrusted"]
    assert s.timestamp is None and s.judged_at_basis in (None, "claimed")


def test_unsigned_object_is_ignored_and_reported(work):
    """An extra Object nobody signed: its Manifest must not count, and it is said."""
    def add(x: str) -> str:
        extra = ('<Object Id="idExtra"><Manifest><Reference URI="/word/evil.xml?ContentType=application/xml">'
                 '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>AAAA</DigestValue>'
                 '</Reference></Manifest></Object>')
        return x.replace("</Signature>", extra + "</Signature>")

    s = verify_docx(_edit_sig(work, "extra-object", add)).signatures[0]
    assert s.valid is True and s.problems == ["unsigned-object"]


def test_metadata_relationship_cannot_exempt_another_part(work):
    """A core-properties relationship to a new part: the relationship type is exempt, the part is not."""
    path = variant(work, "fake-meta", {
        "word/extra.xml": b"<x>noi dung</x>",
        "_rels/.rels": lambda b: b.replace(b"</Relationships>", b'<Relationship Id="rIdMeta" Type="http://schemas.'
                                           b'openxmlformats.org/package/2006/relationships/metadata/core-properties" '
                                           b'Target="word/extra.xml"/></Relationships>'),
        "_xmlsignatures/note.html": b"<p>hidden</p>",
    })
    for s in verify_docx(path).signatures:
        assert s.valid is False and "part-not-signed" in s.problems
        assert any("/word/extra.xml" in m for m in s.problem_messages)
        assert any("/_xmlsignatures/note.html" in m for m in s.problem_messages)


def test_xxe_in_a_relationships_part(work, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ-MẬT-43")
    path = variant(work, "xxe-rels", {"word/_rels/document.xml.rels": lambda b: b.replace(
        b"?>", f'?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1).replace(b'Target="styles.xml"', b'Target="&x;"')})
    rep = verify_docx(path)
    assert all(s.valid is False and "xml-entities" in s.problems for s in rep.signatures)
    assert "BÍ-MẬT-43" not in repr(rep)


def test_broken_signature_still_names_its_certificate(work):
    """A clerk needs to know *whose* signature broke; the name is shown, trust is never judged."""
    path = variant(work, "named-broken", {"word/document.xml": lambda b: b.replace("năm 2026".encode(), "năm 2027".encode())})
    off, ag = verify_docx(path).signatures
    assert off.intact is False and off.subject["CN"] == "Nguyễn Văn An" and off.role == "official"
    assert ag.subject["CN"] == "Ủy ban nhân dân xã Phượng Tiến" and ag.role == "agency"
    assert off.trusted is None and off.trust_status is None
