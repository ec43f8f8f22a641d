"""Decree 30 signature policy (SIG-* rules) on real and test-PKI signed files."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import pki as P
from sigkit import MAIN_FACTS, RULES, doc_for, run_sig_rules, session_pki, statuses

from nd30check.checks.base import Options
from nd30check.checks.signature_policy import parse_visible_time
from nd30check.model import Document, Facts, SignatureReport
from nd30check.signatures import names, trust

VN = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def tpki(tmp_path_factory):
    return session_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def files(tpki, tmp_path_factory):
    """The signed test documents, written once per module."""
    d = tmp_path_factory.mktemp("sigpolicy")
    base = P.plain_pdf()
    seal = P.seal_png(tpki.dir / "seal.png")
    made = {
        "pair": P.official_then_agency(tpki),
        "official-only": P.sign(base, tpki.official, field="A", pki=tpki),
        "agency-only": P.sign(base, tpki.agency, field="A", pki=tpki),
        "reversed": P.sign(P.sign(base, tpki.agency, field="A", pki=tpki), tpki.official, field="B", pki=tpki),
        "impostor-pair": P.sign(P.sign(base, tpki.official, field="A", pki=tpki), tpki.impostor, field="B", pki=tpki),
        "wrong-visible-time": P.sign(base, tpki.official, field="A", pki=tpki, box=(360, 120, 540, 190),
                                     text="Thời gian ký: 01.01.2020 08:00:00 +07:00"),
        "appendix": P.appendix_signed(tpki),
        "appendix-image": P.appendix_signed(tpki, image=seal),
        "appendix-bottom": P.appendix_signed(tpki, top_right=False),
        "appendix-wrong-number": P.appendix_signed(tpki, number_symbol="07/QĐ-UBND"),
        "appendix-courier": P.appendix_signed(tpki, font=None),
        "appendix-size12": P.appendix_signed(tpki, font_size=12),
    }
    out = {}
    for name, data in made.items():
        path = d / f"{name}.pdf"
        path.write_bytes(data)
        out[name] = path
    return out


@pytest.fixture(scope="module")
def cfg(tpki):
    return trust.TrustConfig(extra=[tpki.files["root"]])


def _facts(**kw) -> Facts:
    base = {k: v for k, v in MAIN_FACTS.items()}
    base.update(kw)
    return Facts(**base)


def _run(path, cfg, facts=None, options=None, **kw):
    return run_sig_rules(doc_for(path, cfg, facts if facts is not None else _facts(), **kw), options)


def _keys(results, rid):
    return [f.key for f in results[rid][1].findings]


# --- the main pair --------------------------------------------------------------------------


def test_pair_passes_all_with_test_root(files, cfg):
    res = _run(files["pair"], cfg)
    st = statuses(res)
    assert st == {**{r: "pass" for r in RULES}, "SIG-APPENDIX-INFO": "not-applicable"}
    # revocation was not checked (no CRL): said as a note, not hidden
    assert "revocation_unknown" in _keys(res, "SIG-TRUST")


def test_pair_with_crls_has_no_revocation_note(files, tpki):
    cfg = trust.TrustConfig(extra=[tpki.files["root"]], crls=[tpki.files["crl"], tpki.files["root_crl"]])
    res = _run(files["pair"], cfg)
    assert statuses(res)["SIG-TRUST"] == "pass" and "revocation_unknown" not in _keys(res, "SIG-TRUST")


def test_strict_revocation_param(files, cfg):
    doc = doc_for(files["pair"], cfg, _facts())
    from nd30check.checks.base import REGISTRY, Ctx

    ctx = Ctx(doc, "SIG-TRUST", {"revocation_unknown": "not-evaluated"}, Options())
    REGISTRY["SIG-TRUST"](ctx)
    assert ctx.unevaluated and not ctx.failed


def test_pair_without_test_root_is_not_evaluated(files):
    res = _run(files["pair"], trust.TrustConfig())
    st = statuses(res)
    assert st["SIG-TRUST"] == "not-evaluated"
    from nd30check.engine import reason_word
    from nd30check.report.words import Words
    from nd30check.results import RuleResult

    reason = RuleResult("SIG-TRUST", "not-evaluated", reasons=[reason_word(res["SIG-TRUST"][1].unevaluated[0])])
    reason_vi, reason_en = Words().reasons(reason)[0], Words(lang="en").reasons(reason)[0]
    assert "nd30check Test Root CA" in reason_vi and "--trust" in reason_en
    assert st["SIG-INTEGRITY"] == st["SIG-COVERAGE"] == st["SIG-PRESENT"] == "pass"


def test_look_alike_ca_is_an_impostor(files, cfg):
    res = _run(files["impostor-pair"], cfg)
    assert statuses(res)["SIG-TRUST"] == "fail"
    assert [f.key for f in res["SIG-TRUST"][1].findings if not f.note] == ["impostor"]


# --- SIG-PRESENT and SIG-ORDER --------------------------------------------------------------


def test_unsigned_document():
    for reps in (None, SignatureReport()):
        doc = Document("x.pdf", "pdf", facts=_facts(), signatures=reps)
        st = statuses(run_sig_rules(doc))
        assert st["SIG-PRESENT"] == "fail"
        assert all(s == "not-applicable" for r, s in st.items() if r != "SIG-PRESENT"), st
        draft = statuses(run_sig_rules(doc, Options(profile="draft")))
        assert draft["SIG-PRESENT"] == "not-applicable"


def test_reader_not_run_is_not_evaluated():
    doc = Document("x.pdf", "pdf", signatures=SignatureReport(evaluated=False, error="boom"))
    st = statuses(run_sig_rules(doc))
    assert st["SIG-PRESENT"] == st["SIG-INTEGRITY"] == st["SIG-TRUST"] == "not-evaluated"


def test_one_signature_missing(files, cfg):
    res = _run(files["official-only"], cfg)
    assert statuses(res)["SIG-PRESENT"] == "fail" and _keys(res, "SIG-PRESENT") == ["no_agency"]
    res = _run(files["agency-only"], cfg)
    assert statuses(res)["SIG-PRESENT"] == "fail" and _keys(res, "SIG-PRESENT") == ["no_official"]
    # a scan (digitised paper original) signed by the agency is accepted, with a note
    res = _run(files["agency-only"], cfg, text_layer=False)
    assert statuses(res)["SIG-PRESENT"] == "pass" and _keys(res, "SIG-PRESENT") == ["scan"]


def test_reversed_order(files, cfg):
    res = _run(files["reversed"], cfg)
    assert statuses(res)["SIG-ORDER"] == "fail"
    assert statuses(_run(files["pair"], cfg))["SIG-ORDER"] == "pass"
    assert statuses(_run(files["agency-only"], cfg))["SIG-ORDER"] == "not-applicable"


def test_later_bodies_and_several_agency_signatures_are_fine(real_samples):
    # BC23: UBND tỉnh, then Trung tâm Công báo; both bodies: nothing out of order
    res = _run(real_samples / "quangngai-BC23-UBND-2025-scan-signed.pdf", trust.TrustConfig(),
               Facts(agency="UBND TỈNH QUẢNG NGÃI"), text_layer=False)
    st = statuses(res)
    assert st["SIG-ORDER"] == "not-applicable" and st["SIG-PRESENT"] == "pass"
    assert st["SIG-AGENCY-MATCH"] == "pass"  # Ủy ban nhân dân tỉnh Quảng Ngãi = UBND TỈNH QUẢNG NGÃI


# --- names ----------------------------------------------------------------------------------


def test_signer_match(files, cfg):
    assert statuses(_run(files["pair"], cfg, _facts(signer="NGUYỄN VĂN AN")))["SIG-SIGNER-MATCH"] == "pass"
    res = _run(files["pair"], cfg, _facts(signer="Trần Văn Bình"))
    assert statuses(res)["SIG-SIGNER-MATCH"] == "fail"
    f = res["SIG-SIGNER-MATCH"][1].findings[0]
    assert (f.expected, f.actual) == ("Trần Văn Bình", "Nguyễn Văn An")
    assert statuses(_run(files["pair"], cfg, _facts(signer=None)))["SIG-SIGNER-MATCH"] == "not-evaluated"


def test_agency_match(files, cfg, real_samples):
    assert statuses(_run(files["pair"], cfg, _facts(agency="UBND XÃ PHƯỢNG TIẾN")))["SIG-AGENCY-MATCH"] == "pass"
    assert statuses(_run(files["pair"], cfg, _facts(agency="UBND XÃ PHƯỢNG TÂN")))["SIG-AGENCY-MATCH"] == "fail"
    assert statuses(_run(files["pair"], cfg, _facts(agency=None)))["SIG-AGENCY-MATCH"] == "not-evaluated"
    real = real_samples / "quangngai-CT11-UBND-2021-scan-signed.pdf"
    assert statuses(_run(real, trust.TrustConfig(), Facts(agency="UBND TỈNH QUẢNG NAM")))["SIG-AGENCY-MATCH"] == "fail"


def test_name_folding():
    assert names.normalize_name("UBND TỈNH QUẢNG NGÃI") == "uy ban nhan dan tinh quang ngai"
    assert names.agency_matches("Ủy ban nhân dân tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI")
    assert names.agency_matches("Uy ban nhan dan tinh Quang Ngai", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI")
    assert names.agency_matches("Hội đồng nhân dân huyện Định Hóa", "HĐND HUYỆN ĐỊNH HÓA")
    assert names.agency_matches("Sở Giáo dục và Đào tạo", "SỞ GD&ĐT")
    assert names.agency_matches("Văn phòng UBND tỉnh Quảng Ngãi", "VĂN PHÒNG", "UBND TỈNH QUẢNG NGÃI")
    assert not names.agency_matches("Ủy ban nhân dân tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NAM")
    assert not names.agency_matches("Ủy ban nhân dân xã Đông", "UBND XÃ ĐỒNG")  # accents folded, words kept
    assert names.person_matches("Đỗ Thị Hương", "ĐỖ THỊ HƯƠNG") and not names.person_matches("Đỗ Thị Hương", "Đỗ Thị Hường Anh")


# --- SIG-ALGORITHM --------------------------------------------------------------------------


def test_sha1_warns_but_stays_trusted(real_samples):
    res = _run(real_samples / "quangngai-CT11-UBND-2021-scan-signed.pdf", trust.TrustConfig(), Facts(), text_layer=False)
    st = statuses(res)
    assert st["SIG-ALGORITHM"] == "fail" and _keys(res, "SIG-ALGORITHM") == ["weak_digest"]
    assert st["SIG-TRUST"] == "pass" and st["SIG-INTEGRITY"] == "pass"
    assert RULES["SIG-ALGORITHM"]["severity"] == "warning"
    assert statuses(_run(real_samples / "quangngai-CV575-UBND-KTTH-2025-scan-signed.pdf", trust.TrustConfig(), Facts(),
                         text_layer=False))["SIG-ALGORITHM"] == "pass"


# --- SIG-TIME -------------------------------------------------------------------------------


def test_parse_visible_time_formats():
    dt, _ = parse_visible_time("Thời gian ký: 08.05.2026 09:15:00 +07:00")
    assert dt == datetime(2026, 5, 8, 9, 15, tzinfo=VN)
    dt, _ = parse_visible_time("05/KH-UBND\n2026-05-08T09:15:00+07:00")
    assert dt == datetime(2026, 5, 8, 9, 15, tzinfo=VN)
    dt, _ = parse_visible_time("Thời gian ký: 24/01/2025 14:23:43")  # no zone: Vietnam time
    assert dt == datetime(2025, 1, 24, 14, 23, 43, tzinfo=VN)
    assert parse_visible_time("Số: 05/KH-UBND") is None and parse_visible_time(None) is None
    assert parse_visible_time("31.02.2026 09:15:00 +07:00") is None


def test_signing_time_rules(files, cfg):
    tomorrow = (datetime.now(VN) + timedelta(days=1)).date().isoformat()
    res = _run(files["pair"], cfg, _facts(date=tomorrow))
    assert statuses(res)["SIG-TIME"] == "fail" and set(_keys(res, "SIG-TIME")) == {"before_date"}
    past = (datetime.now(VN) - timedelta(days=2)).isoformat()
    res = _run(files["pair"], cfg, options=Options(now_iso=past))
    assert "future" in _keys(res, "SIG-TIME")
    res = _run(files["wrong-visible-time"], cfg)
    assert _keys(res, "SIG-TIME") == ["visible_mismatch"]


def test_local_time_labelled_utc_is_a_note(real_samples):
    res = _run(real_samples / "quangngai-CV575-UBND-KTTH-2025-scan-signed.pdf", trust.TrustConfig(), Facts(date="2025-02-05"),
               text_layer=False)
    assert statuses(res)["SIG-TIME"] == "pass" and _keys(res, "SIG-TIME") == ["local_as_utc"]


# --- SIG-APPENDIX-INFO ----------------------------------------------------------------------


APPENDIX = dict(is_appendix=True, agency=None, signer=None, number_symbol=None)
BUNDLE = Options(bundle={"number_symbol": "05/KH-UBND", "agency": "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN"})


def test_appendix_passes(files, cfg):
    res = _run(files["appendix"], cfg, _facts(**APPENDIX), BUNDLE)
    st = statuses(res)
    assert st["SIG-APPENDIX-INFO"] == "pass" and st["SIG-PRESENT"] == "pass" and st["SIG-AGENCY-MATCH"] == "pass"
    assert statuses(_run(files["pair"], cfg))["SIG-APPENDIX-INFO"] == "not-applicable"


@pytest.mark.parametrize("name,key", [
    ("appendix-image", "image"),
    ("appendix-bottom", "position"),
    ("appendix-wrong-number", "number"),
    ("appendix-courier", "font"),
    ("appendix-size12", "size"),
])
def test_appendix_defects(files, cfg, name, key):
    res = _run(files[name], cfg, _facts(**APPENDIX), BUNDLE)
    assert statuses(res)["SIG-APPENDIX-INFO"] == "fail"
    assert key in _keys(res, "SIG-APPENDIX-INFO"), _keys(res, "SIG-APPENDIX-INFO")


def test_unsigned_appendix():
    doc = Document("pl.pdf", "pdf", facts=_facts(**APPENDIX), signatures=SignatureReport())
    res = run_sig_rules(doc, BUNDLE)
    assert statuses(res)["SIG-PRESENT"] == "fail" and _keys(res, "SIG-PRESENT") == ["appendix"]


# --- the rule pack ------------------------------------------------------------------------


def test_every_used_message_key_exists(files, cfg, real_samples):
    docs = [(files[n], _facts(**APPENDIX) if n.startswith("appendix") else _facts()) for n in files]
    for path, facts in docs:
        for rid, (_st, ctx) in _run(path, cfg, facts, BUNDLE).items():
            for f in ctx.findings:
                assert f.key in RULES[rid]["messages"], (rid, f.key)
    for rid, rule in RULES.items():
        assert rule["category"] == "signature" and set(rule["title"]) == {"vi", "en"}
