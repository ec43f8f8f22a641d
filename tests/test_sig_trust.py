"""Trust store: pinned bundled certificates, chain judgement on the real samples' certificates."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from nd30check.signatures import trust

def _real_signer_certs(folder: Path):
    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    from pyhanko.pdf_utils.reader import PdfFileReader

    out = []
    for path in sorted(folder.glob("quangngai-*-scan-signed.pdf")):
        with open(path, "rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            for sig in reader.embedded_signatures:
                out.append((Path(path).name, sig.signer_cert, sig.self_reported_timestamp))
    return out


@pytest.fixture(scope="module")
def real_certs(real_samples):
    return _real_signer_certs(real_samples)


def test_builtin_store_pinned_and_split():
    certs = trust.builtin_certs()
    assert len(certs) == len(trust.BUILTIN_CERTS)
    store = trust.load_store(trust.TrustConfig())
    roots = {trust.describe_name(c.subject)[0]["CN"] for c in store.roots}
    inter = {trust.describe_name(c.subject)[0]["CN"] for c in store.intermediates}
    assert roots == {"RootCA chuyên dùng Chính phủ G2", "Co quan chung thuc so chuyen dung Chinh phu (RootCA)", "Vietnam National Root CA"}
    assert inter == {"CA phục vụ các cơ quan Nhà nước G2", "Co quan chung thuc so Chinh phu", "VNPT-CA SHA2"}


def test_pin_mismatch_refused(tmp_path):
    for name in trust.BUILTIN_CERTS:
        shutil.copy(trust.TRUST_DIR / name, tmp_path / name)
    assert len(trust.load_pinned(tmp_path, trust.BUILTIN_CERTS)) == len(trust.BUILTIN_CERTS)
    # swap two files: each is still a valid certificate, but not the pinned one
    shutil.copy(trust.TRUST_DIR / "vgca-root-g1.pem", tmp_path / "vgca-root-g2.pem")
    with pytest.raises(trust.TrustStoreError, match="fingerprint"):
        trust.load_pinned(tmp_path, trust.BUILTIN_CERTS)


def test_real_certificates_trusted_at_claimed_time(real_certs):
    assert len(real_certs) == 6
    for name, cert, claimed in real_certs:
        res = trust.validate_certificate(cert, config=trust.TrustConfig(), moment=claimed, moment_basis="claimed")
        assert res.status == "trusted", (name, res.reason_en)
        assert res.trusted is True and res.basis == "claimed" and res.revocation == "unknown"
        assert res.path[0].startswith(("CN=RootCA chuyên dùng Chính phủ G2", "CN=Co quan chung thuc so chuyen dung"))


def test_expired_cong_bao_certificate(real_certs):
    name, cert, claimed = [c for c in real_certs if "CT16" in c[0]][1]
    now = trust.validate_certificate(cert, config=trust.TrustConfig())
    assert now.status == "expired" and now.trusted is False and now.basis == "now"
    then = trust.validate_certificate(cert, config=trust.TrustConfig(), moment=claimed, moment_basis="claimed")
    assert then.status == "trusted"


def test_sha1_policy_switch(real_certs):
    g1 = [c for c in real_certs if "Co quan chung thuc so Chinh phu" in c[1].issuer.human_friendly][0]
    strict = trust.validate_certificate(g1[1], config=trust.TrustConfig(allow_sha1=False), moment=g1[2], moment_basis="claimed")
    assert strict.status == "untrusted"


def test_unknown_issuer_with_empty_store(real_certs, tmp_path):
    _, cert, claimed = real_certs[0]
    res = trust.validate_certificate(cert, config=trust.TrustConfig(trust_only=True), moment=claimed, moment_basis="claimed")
    assert res.status == "unknown-issuer" and res.trusted is None
    assert "Co quan chung thuc so Chinh phu" in res.reason_vi and "--trust" in res.reason_vi


def test_is_organisation_on_real_certificates(real_certs):
    for name, cert, _ in real_certs:
        assert trust.is_organisation(cert), name  # agency + Công báo centre certificates


def test_is_organisation_heuristics():
    from asn1crypto import x509

    def name(**kw):
        return x509.Name.build(kw)

    assert not trust.is_organisation(name(common_name="Nguyễn Văn An", organizational_unit_name="VĂN PHÒNG", organization_name="ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"))
    assert not trust.is_organisation(name(common_name="ĐOÀN THỊ HOA", organization_name="SỞ Y TẾ"))
    assert trust.is_organisation(name(common_name="CỤC THUẾ", organization_name="BỘ TÀI CHÍNH"))
    assert trust.is_organisation(name(common_name="UBND xã Phượng Tiến"))
    assert trust.is_organisation(name(common_name="Trường THCS Lê Lợi"))
    assert trust.is_organisation(name(common_name="Sở Giáo dục và Đào tạo"))


def test_describe_name_order_and_repeats(real_certs):
    cert = [c for c in real_certs if "CV575" in c[0]][0][1]
    fields, text = trust.describe_name(cert.subject)
    assert fields["CN"] == "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"
    assert fields["UID"] == "MNS:1103293; MST:4300476238"
    assert text.startswith("CN=TRUNG TÂM CÔNG BÁO VÀ TIN HỌC, E=ttcbth@quangngai.gov.vn")
    assert text.endswith("C=VN")


def test_load_certs_rejects_garbage(tmp_path):
    bad = tmp_path / "bad.pem"
    bad.write_bytes(b"not a certificate")
    with pytest.raises(trust.TrustStoreError):
        trust.load_certs([str(bad)])


# --- test PKI ----------------------------------------------------------------------------

from sigkit import session_pki  # noqa: E402


@pytest.fixture(scope="module")
def tpki(tmp_path_factory):
    return session_pki(tmp_path_factory)


def test_test_root_trusted_only_when_configured(tpki):
    official, inter = tpki.official.asn1_cert, tpki.inter.asn1_cert
    # the intermediate comes from the document (other_certs): it builds the path, never anchors it
    res = trust.validate_certificate(official, other_certs=[inter], config=trust.TrustConfig(extra=[tpki.files["root"]]))
    assert res.status == "trusted" and res.path[0].startswith("CN=nd30check Test Root CA")
    res = trust.validate_certificate(official, other_certs=[inter, tpki.root.asn1_cert], config=trust.TrustConfig())
    assert res.status == "unknown-issuer" and res.trusted is None
    assert "nd30check Test Root CA" in res.reason_vi


def test_intermediate_alone_is_not_an_anchor(tpki):
    res = trust.validate_certificate(tpki.official.asn1_cert, config=trust.TrustConfig(extra=[tpki.files["inter"]]))
    assert res.status == "unknown-issuer"  # names the root that is missing
    assert "nd30check Test Root CA" in res.reason_en


def test_impostor_with_look_alike_chain(tpki):
    cfg = trust.TrustConfig(extra=[tpki.files["chain"]])
    res = trust.validate_certificate(tpki.impostor.asn1_cert, other_certs=[tpki.fake_inter.asn1_cert], config=cfg)
    assert res.status == "impostor" and res.trusted is False
    cfg = trust.TrustConfig(extra=[tpki.files["root"]])
    res = trust.validate_certificate(tpki.impostor.asn1_cert, other_certs=[tpki.fake_inter.asn1_cert], config=cfg)
    assert res.status == "impostor"


def test_revoked_with_crl_and_unknown_without(tpki):
    with_crl = trust.TrustConfig(extra=[tpki.files["root"]], crls=[tpki.files["crl"], tpki.files["root_crl"]])
    res = trust.validate_certificate(tpki.revoked.asn1_cert, other_certs=[tpki.inter.asn1_cert], config=with_crl)
    assert res.status == "revoked" and res.revocation == "revoked" and res.trusted is False
    good = trust.validate_certificate(tpki.official.asn1_cert, other_certs=[tpki.inter.asn1_cert], config=with_crl)
    assert good.status == "trusted" and good.revocation == "good"
    offline = trust.validate_certificate(tpki.revoked.asn1_cert, other_certs=[tpki.inter.asn1_cert],
                                         config=trust.TrustConfig(extra=[tpki.files["root"]]))
    assert offline.status == "trusted" and offline.revocation == "unknown"


def test_agency_key_usage_digital_signature_only_is_accepted(tpki):
    cert = tpki.agency.asn1_cert
    assert set(cert.key_usage_value.native) == {"digital_signature"}
    res = trust.validate_certificate(cert, other_certs=[tpki.inter.asn1_cert], config=trust.TrustConfig(extra=[tpki.files["root"]]))
    assert res.status == "trusted"
    assert trust.is_organisation(cert) and not trust.is_organisation(tpki.official.asn1_cert)


def test_tsa_certificate_not_for_signing(tpki):
    assert not trust.key_usage_ok(tpki.root.asn1_cert)  # keyCertSign/cRLSign only
    assert trust.key_usage_ok(tpki.tsa.asn1_cert)


def test_online_judges_now_only_while_valid(tpki, real_certs):
    from datetime import datetime, timedelta, timezone

    past = datetime.now(timezone.utc) - timedelta(days=1)
    cert = tpki.official.asn1_cert
    assert trust.effective_moment(cert, past, "claimed", trust.TrustConfig()) == (past, "claimed")
    assert trust.effective_moment(cert, past, "claimed", trust.TrustConfig(online=True)) == (None, "now")
    expired = [c for c in real_certs if "CT16" in c[0]][1]
    assert trust.effective_moment(expired[1], expired[2], "claimed", trust.TrustConfig(online=True)) == (expired[2], "claimed")
