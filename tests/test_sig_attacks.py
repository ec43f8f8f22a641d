"""Every attack class of reference/signatures.md fails the expected SIG rule; genuine files pass."""

from __future__ import annotations

import pytest

import sig_attacks as A
from sigkit import doc_for, run_sig_rules, session_pki, statuses

from nd30check.model import Facts
from nd30check.signatures import trust

FACTS = Facts(signer="Nguyễn Văn An", agency="ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN")


@pytest.fixture(scope="module")
def tpki(tmp_path_factory):
    return session_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def bases(tpki):
    return A.bases(tpki)


@pytest.fixture(scope="module")
def cfg(tpki):
    return trust.TrustConfig(extra=[tpki.files["root"]])


@pytest.mark.parametrize("base", ["pair", "shadow", "form"])
def test_genuine_bases_pass_every_rule(base, bases, cfg, tmp_path):
    path = tmp_path / f"{base}.pdf"
    path.write_bytes(bases[base])
    st = statuses(run_sig_rules(doc_for(path, cfg, FACTS)))
    assert {r for r, s in st.items() if s in ("fail", "not-evaluated")} == set(), st


@pytest.mark.parametrize("name", sorted(A.ATTACKS))
def test_attack_fails_expected_rules(name, bases, cfg, tmp_path):
    fn, base, expected = A.ATTACKS[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(fn(bases[base]))
    results = run_sig_rules(doc_for(path, cfg, FACTS))
    failed = {r for r, (s, _ctx) in results.items() if s == "fail"}
    assert expected <= failed, (name, statuses(results))


def test_attacks_pyhanko_alone_misses(bases, tmp_path):
    """The classes pyHanko's own verdict lets through (why the extra checks exist)."""
    import io
    import logging

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    vc_cfg = trust.TrustConfig(extra=[str(tmp_path)], trust_only=True)  # chain irrelevant here
    for name in ("objects-after-eof", "sneaky-signature", "unknown-subfilter", "form-value-changed"):
        fn, base, _expected = A.ATTACKS[name]
        reader = PdfFileReader(io.BytesIO(fn(bases[base])), strict=False)
        sigs = reader.embedded_signatures
        if name == "unknown-subfilter":
            assert sigs == []  # silently skipped
            continue
        for emb in sigs:
            st = validate_pdf_signature(emb, trust.validation_context(vc_cfg))
            assert st.intact and st.valid and st.modification_level.name in ("NONE", "FORM_FILLING")


def test_no_attack_leaves_the_file_unchanged(bases):
    for name, (fn, base, _expected) in A.ATTACKS.items():
        assert fn(bases[base]) != bases[base], name
