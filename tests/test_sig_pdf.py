"""PDF signature verification on the real signed samples and on test-PKI documents."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pki as P
from sigkit import session_pki

from nd30check.signatures import pdf, trust

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tpki(tmp_path_factory):
    return session_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def real(real_samples):
    return {p.name.split("-")[1]: pdf.verify_pdf(str(p), trust.TrustConfig()) for p in sorted(real_samples.glob("quangngai-*-scan-signed.pdf"))}


# --- real documents ------------------------------------------------------------------------


def test_real_samples_all_intact_and_trusted(real):
    assert set(real) == {"BC23", "CT11", "CT16", "CV575"}
    counts = {k: len(r.signatures) for k, r in real.items()}
    assert counts == {"BC23": 2, "CT11": 1, "CT16": 2, "CV575": 1}
    for name, rep in real.items():
        assert rep.evaluated and rep.problems == [], (name, rep.problem_messages)
        assert rep.filled_fields == len(rep.signatures)
        for s in rep.signatures:
            assert s.intact and s.valid, (name, s.problems)
            assert s.trusted is True and s.trust_status == "trusted", (name, s.trust_reason_en)
            assert s.revocation == "unknown"  # offline, no CRL given: said, not hidden
            assert s.role == "agency" and s.is_organisation  # UBND tỉnh and Trung tâm Công báo
            assert s.problems == []
        assert rep.signatures[-1].coverage == "ENTIRE_FILE"


def test_real_sha1_g1_and_sha256_g2(real):
    g1 = real["CT11"].signatures[0]
    assert g1.digest_algorithm == "sha1" and g1.issuer["CN"] == "Co quan chung thuc so Chinh phu"
    assert g1.subject["CN"] == "Ủy ban nhân dân tỉnh Quảng Ngãi" and g1.subject["O"] == "Tỉnh Quảng Ngãi"
    g2 = real["CV575"].signatures[0]
    assert g2.digest_algorithm == "sha256" and g2.issuer["CN"] == "CA phục vụ các cơ quan Nhà nước G2"
    assert (g2.key_type, g2.key_bits) == ("RSA", 3072)
    assert g2.subject["UID"] == "MNS:1103293; MST:4300476238"


def test_real_expired_cong_bao_judged_at_signing_time(real):
    earlier, cong_bao = real["CT16"].signatures
    assert cong_bao.subject["CN"] == "Trung tâm Công báo và Tin học"
    assert cong_bao.trusted is True and cong_bao.judged_at_basis == "claimed"
    assert cong_bao.judged_at.startswith("2021-12-27")
    assert "thời điểm ký do người ký khai" in cong_bao.trust_reason
    assert earlier.coverage == "ENTIRE_REVISION" and earlier.modification == "FORM_FILLING"


def test_real_timestamp_used_when_present(real):
    s = real["BC23"].signatures[0]
    assert s.timestamp is not None and s.timestamp_trusted is True
    assert s.judged_at_basis == "timestamp" and s.judged_at == s.timestamp


def test_real_visible_stamp_text(real):
    s = real["BC23"].signatures[1]
    assert s.visible_text.splitlines()[-1] == "24.01.2025 20:06:24 +07:00"
    assert s.page == 1 and s.has_image is True
    assert s.visible_font == "TimesNewRomanPSMT"
    x0, top, x1, bottom = s.rect
    assert top < 50 and x0 > 200  # top of page 1


def test_real_samples_detected_cheaply(real_samples):
    for path in real_samples.glob("quangngai-*-scan-signed.pdf"):
        assert pdf.has_pdf_signatures(str(path))


# --- cheap detection, no pyHanko for unsigned files ----------------------------------------


def test_unsigned_pdf_needs_no_pyhanko(tmp_path):
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(P.plain_pdf())
    code = (
        "import sys; from nd30check.signatures.pdf import has_pdf_signatures; "
        f"r = has_pdf_signatures({str(unsigned)!r}); "
        "print(r, 'pyhanko' in sys.modules, any(m.startswith('pyhanko') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True).stdout.split()
    assert out == ["False", "False", "False"]


def test_signature_field_hidden_in_object_stream_is_found(tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    w = PdfFileWriter(stream_xrefs=True)
    objstm = w.prepare_object_stream(compress=True)
    field = generic.DictionaryObject({generic.NameObject("/FT"): generic.NameObject("/Sig"),
                                      generic.NameObject("/T"): generic.TextStringObject("S")})
    ref = w.add_object(field, obj_stream=objstm)
    form = generic.DictionaryObject({generic.NameObject("/Fields"): generic.ArrayObject([ref])})
    w.root["/AcroForm"] = w.add_object(form, obj_stream=objstm)
    path = tmp_path / "objstm.pdf"
    with open(path, "wb") as fh:
        w.write(fh)
    data = path.read_bytes()
    assert b"/ObjStm" in data and b"/Sig" not in data  # invisible to a plain byte scan
    assert pdf.has_pdf_signatures(str(path)) is True
    # without a signature field, the same layout is unsigned
    w2 = PdfFileWriter(stream_xrefs=True)
    objstm2 = w2.prepare_object_stream(compress=True)
    w2.root["/AcroForm"] = w2.add_object(generic.DictionaryObject({generic.NameObject("/Fields"): generic.ArrayObject()}), obj_stream=objstm2)
    path2 = tmp_path / "objstm-unsigned.pdf"
    with open(path2, "wb") as fh:
        w2.write(fh)
    assert pdf.has_pdf_signatures(str(path2)) is False


def test_bytes_after_eof():
    assert not pdf.bytes_after_eof(b"%PDF-1.7\n...%%EOF\r\n\x00 \n")
    assert pdf.bytes_after_eof(b"%PDF-1.7\n...%%EOF\n1 0 obj\n<<>>\nendobj\n")
    assert pdf.bytes_after_eof(b"%PDF-1.7 no end marker")


@pytest.mark.parametrize("junk", [b"", b"%PDF-1.7\n/ByteRange [0 1 2 3]\n%%EOF", b"not a pdf /FT /Sig", b"%PDF-1.4\n" + b"\x00" * 2000])
def test_garbage_never_raises(tmp_path, junk):
    path = tmp_path / "junk.pdf"
    path.write_bytes(junk)
    rep = pdf.verify_pdf(str(path), trust.TrustConfig())
    if junk and b"ByteRange" in junk:
        assert rep.problems and rep.filled_fields >= 1  # something claims to be signed: it fails


# --- test PKI documents --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair_ts(tpki, tmp_path_factory):
    path = tmp_path_factory.mktemp("sigpdf") / "pair-ts.pdf"
    path.write_bytes(P.official_then_agency(tpki, timestamp=True))
    return path


def test_official_then_agency_with_timestamp(tpki, pair_ts):
    rep = pdf.verify_pdf(str(pair_ts), trust.TrustConfig(extra=[tpki.files["root"]]))
    assert rep.problems == [] and rep.filled_fields == 2
    off, ag = rep.signatures
    assert (off.role, ag.role) == ("official", "agency")
    assert off.subject["CN"] == "Nguyễn Văn An" and ag.subject["CN"] == "Ủy ban nhân dân xã Phượng Tiến"
    for s in (off, ag):
        assert s.intact and s.valid and s.trusted and s.timestamp_trusted
        assert s.judged_at_basis == "timestamp"
    assert (off.coverage, off.modification) == ("ENTIRE_REVISION", "FORM_FILLING")
    assert (ag.coverage, ag.modification) == ("ENTIRE_FILE", "NONE")
    assert ag.has_image is True and off.has_image is False
    assert "Nguyen Van An" in off.visible_text or "Nguyễn Văn An" in off.visible_text


def test_document_timestamp_after_last_signature_is_allowed(tpki, tmp_path):
    path = tmp_path / "lta.pdf"
    path.write_bytes(P.doc_timestamp(P.official_then_agency(tpki), tpki))
    rep = pdf.verify_pdf(str(path), trust.TrustConfig(extra=[tpki.files["root"]]))
    assert rep.problems == [] and rep.filled_fields == 3 and len(rep.signatures) == 2
    assert rep.signatures[-1].modification == "LTA_UPDATES"


def test_untrusted_timestamp_falls_back_to_claimed_time(pair_ts):
    # without the test root the TSA is unknown too: judge at the claimed time and say so
    rep = pdf.verify_pdf(str(pair_ts), trust.TrustConfig())
    for s in rep.signatures:
        assert s.trust_status == "unknown-issuer" and s.trusted is None
        assert s.timestamp_trusted is False and s.judged_at_basis == "claimed"
        assert "--trust" in s.trust_reason


def test_impostor_and_revoked_signers(tpki, tmp_path):
    cfg = trust.TrustConfig(extra=[tpki.files["root"]], crls=[tpki.files["crl"], tpki.files["root_crl"]])
    for who, status in ((tpki.impostor, "impostor"), (tpki.revoked, "revoked"), (tpki.official, "trusted")):
        path = tmp_path / f"{who.name}.pdf"
        path.write_bytes(P.sign(P.plain_pdf(), who, field="S", pki=tpki))
        s = pdf.verify_pdf(str(path), cfg).signatures[0]
        assert s.intact and s.trust_status == status, (who.name, s.trust_reason_en)
        assert s.revocation == {"impostor": "unknown", "revoked": "revoked", "trusted": "good"}[status]


def test_appendix_stamp_measured(tpki, tmp_path):
    path = tmp_path / "appendix.pdf"
    path.write_bytes(P.appendix_signed(tpki))
    s = pdf.verify_pdf(str(path), trust.TrustConfig(extra=[tpki.files["root"]])).signatures[0]
    assert s.visible_text.splitlines()[0] == "05/KH-UBND"
    assert (s.visible_font, s.visible_size, s.has_image, s.page) == ("Times-Roman", 10.0, False, 1)
    x0, top, x1, bottom = s.rect
    assert x0 == pytest.approx(400) and top == pytest.approx(841.89 - 830, abs=0.01)


def test_too_many_signature_fields_capped(tmp_path):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(P.plain_pdf()), strict=False)
    fields = generic.ArrayObject()
    for i in range(pdf.MAX_SIGNATURES + 6):
        sig = w.add_object(generic.DictionaryObject({generic.NameObject("/Type"): generic.NameObject("/Sig"),
                                                     generic.NameObject("/SubFilter"): generic.NameObject("/adbe.pkcs7.detached")}))
        fields.append(w.add_object(generic.DictionaryObject({
            generic.NameObject("/FT"): generic.NameObject("/Sig"), generic.NameObject("/T"): generic.TextStringObject(f"S{i}"),
            generic.NameObject("/V"): sig})))
    w.root["/AcroForm"] = w.add_object(generic.DictionaryObject({generic.NameObject("/Fields"): fields}))
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    path = tmp_path / "many.pdf"
    path.write_bytes(out.getvalue())
    rep = pdf.verify_pdf(str(path), trust.TrustConfig())
    assert "too-many-signatures" in rep.problems and rep.filled_fields == pdf.MAX_SIGNATURES + 6
    assert len(rep.signatures) == pdf.MAX_SIGNATURES and all(s.valid is False for s in rep.signatures)


def test_verification_works_inside_a_running_event_loop(pair_ts, tpki):
    import asyncio

    async def inside() -> list:
        return pdf.verify_pdf(str(pair_ts), trust.TrustConfig(extra=[tpki.files["root"]])).signatures

    sigs = asyncio.run(inside())
    assert [s.trust_status for s in sigs] == ["trusted", "trusted"]


def test_whole_check_of_unsigned_pdf_imports_no_pyhanko(tmp_path):
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(P.plain_pdf())
    code = (
        "import sys; from nd30check.check import check_path; "
        f"r = check_path({str(unsigned)!r}); "
        "print(any(m.startswith('pyhanko') for m in sys.modules), "
        "dict((x.rule, x.status) for x in r.results)['SIG-PRESENT'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True).stdout.split()
    assert out == ["False", "fail"]
