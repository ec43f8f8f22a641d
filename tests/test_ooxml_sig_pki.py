"""OOXML signatures judged against the shared test PKI (tests/pki.py): trust, revocation, impostor."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ooxml_signer import sign_docx  # noqa: E402
from pki import get_pki  # noqa: E402

from nd30check.signatures.ooxml import verify_docx  # noqa: E402
from nd30check.signatures.trust import TrustConfig  # noqa: E402


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp("ooxml-pki")
    pki = get_pki(d / "pki")
    plain = d / "plain.docx"
    doc = docx.Document()
    doc.add_paragraph("QUYẾT ĐỊNH Về việc ban hành Quy chế công tác văn thư")
    doc.save(plain)
    when = datetime.now(timezone.utc) - timedelta(hours=1)
    files = {}
    one = d / "one.docx"
    sign_docx(str(plain), str(one), pki.official.key, pki.official.cert, time=when, extra_certs=[pki.inter.cert])
    files["two"] = d / "two.docx"
    sign_docx(str(one), str(files["two"]), pki.agency.key, pki.agency.cert, time=when + timedelta(minutes=5),
              extra_certs=[pki.inter.cert])
    files["revoked"] = d / "revoked.docx"
    sign_docx(str(plain), str(files["revoked"]), pki.revoked.key, pki.revoked.cert, time=when, extra_certs=[pki.inter.cert])
    files["impostor"] = d / "impostor.docx"
    sign_docx(str(plain), str(files["impostor"]), pki.impostor.key, pki.impostor.cert, time=when,
              extra_certs=[pki.fake_inter.cert])
    trust = TrustConfig(extra=[pki.files["root"]], trust_only=True, crls=[pki.files["crl"], pki.files["root_crl"]])
    return pki, files, trust


def test_official_and_agency_trusted_with_revocation_checked(env):
    _, files, trust = env
    off, ag = verify_docx(str(files["two"]), trust).signatures
    for s in (off, ag):
        assert s.valid is True and s.trusted is True and s.trust_status == "trusted"
        assert s.revocation == "good" and s.judged_at_basis == "claimed"
    assert (off.role, ag.role) == ("official", "agency")
    assert off.subject["OU"] == "VĂN PHÒNG"


def test_revoked_signer(env):
    _, files, trust = env
    (s,) = verify_docx(str(files["revoked"]), trust).signatures
    assert s.intact is True  # the signature itself is fine …
    assert s.trusted is False and s.trust_status == "revoked" and s.revocation == "revoked"  # … the certificate is not


def test_impostor_with_lookalike_chain_embedded(env):
    _, files, trust = env
    (s,) = verify_docx(str(files["impostor"]), trust).signatures
    assert s.intact is True
    assert s.trusted is False and s.trust_status == "impostor"
