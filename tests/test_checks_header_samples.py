"""File-level, page-setup and header rules on the real sample files.

Each rule has a failing fixture (``samples/defects/<RULE-ID>--*.docx|pdf``, made by
``samples/make_samples.py``) and must not fail on the compliant samples
(``samples/compliant/*``). Files go through the real pipeline: readers, structure
recognition, engine. A missing sample skips its test with the reason, never passes it.
The public real documents (scanned, signed PDFs) check FILE-NO-TEXT and the page size of scans.
"""

from __future__ import annotations

import sys

import pytest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from samplekit import ROOT, rule_sample_tests  # noqa: E402
from samplekit import defect_files as _defect_files  # noqa: E402
from samplekit import statuses as _statuses  # noqa: E402

RULES = (
    "FILE-NO-TEXT", "FILE-TRACKED-CHANGES",
    "ND30-PAGE-SIZE", "ND30-PAGE-ORIENT", "ND30-MARGIN", "ND30-FONT", "ND30-COLOR", "ND30-PAGE-NUMBER",
    "ND30-SIZE-PAIR",
    "ND30-QH-TEXT", "ND30-QH-STYLE", "ND30-TN-TEXT", "ND30-TN-STYLE", "ND30-TN-LINE",
    "ND30-CQ-TEXT", "ND30-CQ-STYLE", "ND30-CQ-LINE", "ND30-SO-FORMAT", "ND30-SO-TYPE",
    "ND30-DATE-FORMAT", "ND30-DATE-STYLE", "ND30-TYPE-STYLE", "ND30-TRICH-YEU",
)

test_defect_sample_fails, test_compliant_samples_do_not_fail = rule_sample_tests(RULES)


def statuses(path: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return _statuses(path, RULES)


def defect_files(rule: str) -> list[Path]:
    return _defect_files(rule, "docx") + _defect_files(rule, "pdf")


def test_scanned_real_documents_have_no_text_and_a4_within_scan_tolerance(real_samples: Path) -> None:
    from nd30check.check import check_path
    from nd30check.config import Config

    for name in ("quangngai-CT11-UBND-2021-scan-signed.pdf", "quangngai-CT16-UBND-2021-scan-signed.pdf"):
        # without OCR (--no-ocr); read through OCR these scans are tested in tests/scans/
        res = check_path(str(real_samples / name), Config(select=list(RULES), cache=False, ocr=False))
        st = {r.rule: (r.status, ()) for r in res.results}
        assert st["FILE-NO-TEXT"][0] == "fail", (name, st["FILE-NO-TEXT"])
        # CT16 measures 211 × 299 mm: a scanned A4 sheet, inside the scan tolerance
        assert st["ND30-PAGE-SIZE"][0] == "pass", (name, st["ND30-PAGE-SIZE"])
        # layout of a scan is honestly not evaluated
        assert st["ND30-QH-TEXT"][0] == "not-evaluated"


# --- number and day stamped by signature widgets (tests/pdf_fixtures.py) ---------------------------


def _rule_results(path: str) -> dict:
    from nd30check.check import check_path
    from nd30check.config import Config
    from nd30check.rulepack import load_pack

    res = check_path(path, Config(select=list(RULES)), load_pack())
    assert res.error is None, res.error
    return {r.rule: r for r in res.results}


def test_blanks_filled_by_signature_stamps_pass_and_unsigned_draft_gets_info(tmp_path: Path) -> None:
    pytest.importorskip("pyhanko")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import pdf_fixtures as F  # noqa: E402

    signed = tmp_path / "signed.pdf"
    signed.write_bytes(F.signed_over_blanks(tmp_path))
    res = _rule_results(str(signed))
    for rule in ("ND30-SO-FORMAT", "ND30-DATE-FORMAT", "ND30-FONT"):
        assert res[rule].status == "pass", (rule, res[rule].findings)
    assert not [f for f in res["ND30-SO-FORMAT"].findings]  # "507" drawn by the stamp: no blank
    # the stamp's own font is at most a note
    assert all(f.note for f in res["ND30-FONT"].findings)

    draft = tmp_path / "draft.pdf"
    draft.write_bytes(F.nd30_layout(pages=1, number_blank=True))
    res = _rule_results(str(draft))
    so, date = res["ND30-SO-FORMAT"], res["ND30-DATE-FORMAT"]
    assert so.status == "pass" and [f.severity for f in so.findings] == ["info"]
    assert date.status == "pass" and [f.severity for f in date.findings] == ["info"]


def test_unreadable_samples_get_the_message_of_their_code() -> None:
    """FILE-UNREADABLE is emitted by the pipeline with the rule pack's words for the code."""
    files = defect_files("FILE-UNREADABLE")
    if not files:
        pytest.skip("no sample samples/defects/FILE-UNREADABLE--* yet")
    import tomllib

    from nd30check.check import check_path
    from nd30check.config import Config
    from nd30check.report.words import Words

    with open(ROOT / "nd30check" / "rules" / "file.toml", "rb") as fh:
        msgs = {r["id"]: r for r in tomllib.load(fh)["rule"]}["FILE-UNREADABLE"]["messages"]
    for f in files:
        res = check_path(str(f), Config())
        assert res.error is not None, f.name
        code, message = res.error["code"], Words().error(res)["message"]
        assert code in msgs, (f.name, code)
        assert "{" not in message and ("Cách sửa" in message or "Hãy" in message), message
        first = next(r for r in res.results if r.rule == "FILE-UNREADABLE")
        assert first.status == "fail"
