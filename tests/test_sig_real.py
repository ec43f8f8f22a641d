"""Signatures of the real signed PDFs (tests/real/files) against measured labels.

Labels: tests/real/signatures.json (signatures, roles, issuers, trust, coverage verdict, the
SIG rules that must fail at error level and why). The SIG rules run on the verifier's real
report with the facts the document states, so a regression in signature reading or policy
shows here whatever structure recognition does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sigkit import sig_results

from nd30check.model import Document, Facts
from nd30check.signatures.pdf import has_pdf_signatures, verify_pdf

LABELS = json.loads((Path(__file__).parent / "real" / "signatures.json").read_text(encoding="utf-8"))
FILES = sorted(k for k in LABELS if not k.startswith("_"))


@pytest.fixture(scope="module")
def reports(real_samples):
    return {name: verify_pdf((real_samples / name).read_bytes()) for name in FILES}


def _doc(name: str, report) -> Document:
    f = LABELS[name]["facts"]
    doc = Document(name, "pdf", has_text_layer=f["text_layer"],
                   facts=Facts(agency=f["agency"], parent_agency=f["parent_agency"], signer=f["signer"],
                               number_symbol=f["number"], date=f["date"], is_appendix=bool(f["is_appendix"])))
    doc.signatures = report
    return doc


@pytest.mark.parametrize("name", FILES)
def test_signatures_as_labelled(name, reports, real_samples):
    want = LABELS[name]
    rep = reports[name]
    assert has_pdf_signatures((real_samples / name).read_bytes())
    got = [{"role": s.role, "subject": s.subject.get("CN"), "issuer": s.issuer.get("CN"), "trust": s.trust_status} for s in rep.signatures]
    assert got == want["signatures"]
    assert len(rep.problem_details.get("benign-update", [])) == want["benign_updates"]


@pytest.mark.parametrize("name", FILES)
def test_sig_rules_as_labelled(name, reports):
    want = LABELS[name]
    res = sig_results(_doc(name, reports[name]))
    assert res["SIG-INTEGRITY"].status == want["integrity"]
    assert res["SIG-COVERAGE"].status == want["coverage"]
    errors = sorted({r for r, x in res.items() if any(f.severity == "error" and not f.note for f in x.findings)})
    assert errors == want["sig_errors"], want["why"]


def test_no_update_after_a_signature_is_unexplained(reports):
    """Every revision after a signature on these files is explained: signatures (with their
    structure tags), metadata, nothing that changes content — named per revision."""
    for name, rep in reports.items():
        if "file-rewritten" in rep.problems:
            continue
        for u in rep.updates:
            assert u["level"] != "OTHER", (name, u)
            assert u["touched"], (name, u)
            assert set(u["touched"]) <= {"signature", "metadata", "catalog", "page-annotations", "structure-tree",
                                         "file-structure", "form", "validation-data"}, (name, u)


def test_rewritten_file_says_so_and_asks_for_the_original(reports):
    rep = reports["pdf_signed_BROKEN_binhthuan_TTr-SNV_2025_kydauden.pdf"]
    assert "file-rewritten" in rep.problems
    res = sig_results(_doc("pdf_signed_BROKEN_binhthuan_TTr-SNV_2025_kydauden.pdf", rep))
    from nd30check.report.words import Words

    (finding,) = Words().findings(res["SIG-INTEGRITY"])
    assert "ký đóng dấu đến" in finding.message and "bản gốc" in finding.message
    assert "2 chữ ký nhưng tệp chỉ còn 1 lần lưu" in finding.message


def test_unknown_issuers_stay_unknown_and_say_where_the_ca_is_published(reports):
    party = reports["pdf_signed_vinhlong_BC811-UBND_2026.pdf"].signatures[0]
    assert party.trust_status == "unknown-issuer" and party.trusted is None
    assert "dcscag2.crt" in party.trust_reason_en and "--trust" in party.trust_reason_en
    bca = reports["pdf_signed_bca_CV5240-BCA-V01_2025_saoy_scan.pdf"].signatures[0]
    assert bca.trust_status == "unknown-issuer" and "Bo Cong an" in bca.trust_reason_en


def test_reports_hold_plain_values_only(reports):
    """Reports travel between processes and into the cache: no pyHanko object may hide in them
    (a pyHanko string carries its whole reader; deep-copying one exhausted a worker's memory)."""
    def walk(o, where):
        if isinstance(o, str):
            assert type(o) is str, where
        elif isinstance(o, dict):
            for k, v in o.items():
                walk(k, where), walk(v, f"{where}[{k!r}]")
        elif isinstance(o, (list, tuple, set)):
            for i, v in enumerate(o):
                walk(v, f"{where}[{i}]")
        elif hasattr(o, "__dataclass_fields__"):
            for f in o.__dataclass_fields__:
                walk(getattr(o, f), f"{where}.{f}")
        else:
            assert isinstance(o, (int, float, bool, type(None))), (where, type(o))

    for name, rep in reports.items():
        walk(rep, name)
