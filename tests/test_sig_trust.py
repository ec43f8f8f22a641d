"""Trust store: pinned bundled certificates, chain judgement on the real samples' certificates."""

from __future__ import annotations

import glob
import logging
import shutil
from pathlib import Path

import pytest

from nd30check.signatures import trust

REAL = sorted(glob.glob("/work/shared/real-samples/*.pdf"))


def _real_signer_certs():
    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    from pyhanko.pdf_utils.reader import PdfFileReader

    out = []
    for path in REAL:
        with open(path, "rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            for sig in reader.embedded_signatures:
                out.append((Path(path).name, sig.signer_cert, sig.self_reported_timestamp))
    return out


@pytest.fixture(scope="module")
def real_certs():
    if not REAL:
        pytest.skip("real samples not available")
    return _real_signer_certs()


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
