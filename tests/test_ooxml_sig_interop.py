"""OOXML signatures against an independent signer (LibreOffice 7.4 / xmlsec) and chain judgement.

``fixtures/ooxml/libreoffice-7.4-official.docx`` was signed by headless LibreOffice
(``fixtures/ooxml/make_libreoffice_fixture.py``); it guards against our verifier and our
test signer agreeing only with each other. Trust goes through ``signatures.trust``.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

sys.path.insert(0, str(Path(__file__).parent))
from ooxml_signer import make_test_ca, make_test_cert, rewrite_docx, sign_docx  # noqa: E402

from nd30check.signatures.ooxml import verify_docx  # noqa: E402
from nd30check.signatures.trust import TrustConfig  # noqa: E402

FIX = Path(__file__).parent / "fixtures" / "ooxml"
LO_DOC = FIX / "libreoffice-7.4-official.docx"
LO_CA = FIX / "libreoffice-test-ca.pem"
MAIN_CT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def lo_trust() -> TrustConfig:
    return TrustConfig(extra=[str(LO_CA)], trust_only=True)


def test_libreoffice_signature_verifies_with_warning():
    rep = verify_docx(str(LO_DOC))
    assert rep.problems == [] and rep.filled_fields == 1
    (s,) = rep.signatures
    assert s.intact is True and s.coverage == "ALL_PARTS" and s.valid is True
    # LibreOffice 7.4's old xmlsec digests /_rels/.rels (which ends in a newline) its own way.
    assert s.problems == ["rels-digest-nonstandard"]
    assert "/_rels/.rels" in s.problem_messages[0]
    assert s.subject["CN"] == "Nguyễn Văn An" and s.serial == "1234ABCD"
    assert s.role == "official" and s.signing_time is not None


def test_libreoffice_signature_chain_judged_at_claimed_time():
    (s,) = verify_docx(str(LO_DOC), lo_trust()).signatures
    assert s.trusted is True and s.trust_status == "trusted"
    assert s.judged_at_basis == "claimed" and s.judged_at == s.signing_time
    assert s.trust_reason and s.trust_reason_en


def test_libreoffice_signer_unknown_to_the_bundled_store():
    (s,) = verify_docx(str(LO_DOC), TrustConfig()).signatures
    assert s.intact is True
    assert s.trusted is None and s.trust_status == "unknown-issuer"


def test_agency_signature_added_in_parallel_to_libreoffice(tmp_path):
    """Our Office-style signer on LibreOffice's package: both signatures stay valid."""
    ca = make_test_ca()
    key, cert = make_test_cert("Ủy ban nhân dân xã Phượng Tiến", org="Tỉnh Thái Nguyên", issuer=ca)
    out = tmp_path / "lo-plus-agency.docx"
    sign_docx(str(LO_DOC), str(out), key, cert, time=datetime(2026, 5, 8, 3, 0, tzinfo=timezone.utc))
    rep = verify_docx(str(out))
    assert rep.filled_fields == 2
    off, ag = rep.signatures
    assert off.valid is True and off.problems == ["rels-digest-nonstandard"]
    assert ag.valid is True and ag.problems == []
    assert (off.role, ag.role) == ("official", "agency")


@pytest.mark.parametrize("name,changes,code", [
    ("doc", {"word/document.xml": lambda b: b.replace("đọc sách".encode(), "đọc báo".encode())}, "part-digest-mismatch"),
    ("afchunk", {
        "word/evil.html": b"<html><body>Chen them</body></html>",
        "word/_rels/document.xml.rels": lambda b: b.replace(
            b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/aFChunk" Target="evil.html"/></Relationships>'),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", b'<Default Extension="html" ContentType="text/html"/></Types>'),
    }, "relationship-not-signed"),
    ("macro", {"[Content_Types].xml": lambda b: b.replace(MAIN_CT, b"application/vnd.ms-word.document.macroEnabled.main+xml")},
     "content-type-mismatch"),
    ("rels-retarget", {"_rels/.rels": lambda b: b.replace(b'Target="word/document.xml"', b'Target="word/document2.xml"')},
     "part-digest-mismatch"),
])
def test_libreoffice_tamper_variants_rejected(tmp_path, name, changes, code):
    out = tmp_path / f"lo-{name}.docx"
    rewrite_docx(str(LO_DOC), str(out), changes)
    (s,) = verify_docx(str(out)).signatures
    assert s.valid is False and code in s.problems


def test_swapped_certificate_from_same_ca_rejected(tmp_path):
    import base64

    from cryptography import x509

    agency = x509.load_pem_x509_certificate((FIX / "libreoffice-agency.pem").read_bytes())
    b64 = base64.b64encode(agency.public_bytes(serialization.Encoding.DER)).decode()
    out = tmp_path / "lo-swap.docx"
    rewrite_docx(str(LO_DOC), str(out), {"_xmlsignatures/sig1.xml": lambda b: re.sub(
        rb"<X509Certificate>[^<]+</X509Certificate>", f"<X509Certificate>{b64}</X509Certificate>".encode(), b, count=1)})
    (s,) = verify_docx(str(out), lo_trust()).signatures
    assert s.intact is False and s.valid is False and "signing-certificate-mismatch" in s.problems
    assert s.trusted is None  # a broken signature is not judged for trust


# --- chain judgement on our own signer's output ------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    d = tmp_path_factory.mktemp("ooxml-pki")
    ca_key, ca_cert = make_test_ca()
    ca_pem = d / "ca.pem"
    ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    # A certificate valid only in 2025: expired now, valid when the document was signed.
    key, cert = make_test_cert("Nguyễn Văn An", issuer=(ca_key, ca_cert), not_before=datetime(2025, 1, 1, tzinfo=timezone.utc), days=365)
    _, look_cert = make_test_ca()  # same name, other key: an impostor root
    look_pem = d / "lookalike.pem"
    look_pem.write_bytes(look_cert.public_bytes(serialization.Encoding.PEM))
    import docx

    plain = d / "plain.docx"
    doc = docx.Document()
    doc.add_paragraph("Kế hoạch tổ chức ngày hội đọc sách")
    doc.save(plain)
    signed = d / "signed-2025.docx"
    sign_docx(str(plain), str(signed), key, cert, time=datetime(2025, 6, 2, 8, 0, tzinfo=timezone.utc), extra_certs=[ca_cert])
    return {"ca": ca_pem, "lookalike": look_pem, "signed": signed}


def test_expired_now_but_trusted_at_claimed_signing_time(pki):
    (s,) = verify_docx(str(pki["signed"]), TrustConfig(extra=[str(pki["ca"])], trust_only=True)).signatures
    assert s.valid is True
    assert s.trusted is True and s.judged_at_basis == "claimed"
    assert s.judged_at.startswith("2025-06-02T08:00:00")


def test_embedded_ca_never_becomes_a_root(pki):
    """The signature carries its CA in KeyInfo; trust must still come only from the store."""
    (s,) = verify_docx(str(pki["signed"]), TrustConfig(extra=[], trust_only=True)).signatures
    assert s.trusted is not True


def test_lookalike_root_is_an_impostor(pki):
    (s,) = verify_docx(str(pki["signed"]), TrustConfig(extra=[str(pki["lookalike"])], trust_only=True)).signatures
    assert s.intact is True
    assert s.trusted is False and s.trust_status == "impostor"
