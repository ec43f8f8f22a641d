"""File-level, page-setup and header rules on the real sample files.

Each rule has a failing fixture (``samples/defects/<RULE-ID>--*.docx|pdf``, made by
``samples/make_samples.py``) and must not fail on the compliant samples
(``samples/compliant/*``). Files go through the real pipeline: readers, structure
recognition, engine. A missing sample skips its test with the reason, never passes it.
The public real documents (scanned, signed PDFs) check FILE-NO-TEXT and the page size of scans.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RULES = (
    "FILE-NO-TEXT", "FILE-TRACKED-CHANGES",
    "ND30-PAGE-SIZE", "ND30-PAGE-ORIENT", "ND30-MARGIN", "ND30-FONT", "ND30-COLOR", "ND30-PAGE-NUMBER",
    "ND30-SIZE-PAIR",
    "ND30-QH-TEXT", "ND30-QH-STYLE", "ND30-TN-TEXT", "ND30-TN-STYLE", "ND30-TN-LINE",
    "ND30-CQ-TEXT", "ND30-CQ-STYLE", "ND30-CQ-LINE", "ND30-SO-FORMAT", "ND30-SO-TYPE",
    "ND30-DATE-FORMAT", "ND30-DATE-STYLE", "ND30-TYPE-STYLE", "ND30-TRICH-YEU",
)


def _pipeline_ready() -> str | None:
    for mod in ("nd30check.readers.docx", "nd30check.readers.pdf", "nd30check.structure"):
        if importlib.util.find_spec(mod) is None:
            return f"{mod} not written yet"
    return None


@lru_cache(maxsize=None)
def statuses(path: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """rule → (status, finding messages) for one file, our rules only."""
    from nd30check.check import check_path
    from nd30check.config import Config
    from nd30check.rulepack import load_pack

    res = check_path(path, Config(select=list(RULES)), load_pack())
    assert res.error is None, f"{path}: {res.error}"
    return {r.rule: (r.status, tuple(f.message for f in r.findings if not f.note)) for r in res.results}


def defect_files(rule: str) -> list[Path]:
    """samples/defects/<RULE>--* (.docx) and samples/pdf/defects/<RULE>--* (.pdf)."""
    out: list[Path] = []
    for d in (SAMPLES / "defects", SAMPLES / "pdf" / "defects"):
        if d.is_dir():
            out += sorted(p for p in d.glob(f"{rule}--*") if p.suffix in (".docx", ".pdf"))
    return out


def compliant_files() -> list[Path]:
    out: list[Path] = []
    for d in (SAMPLES / "compliant", SAMPLES / "pdf" / "compliant"):
        if d.is_dir():
            out += sorted(p for p in d.glob("*") if p.suffix in (".docx", ".pdf"))
    return out


@pytest.mark.parametrize("rule", RULES)
def test_defect_sample_fails(rule: str) -> None:
    files = defect_files(rule)
    if not files:
        pytest.skip(f"no sample samples/defects/{rule}--*.docx|pdf yet")
    if (why := _pipeline_ready()) is not None:
        pytest.skip(why)
    for f in files:
        status, messages = statuses(str(f))[rule]
        assert status == "fail", f"{f.name}: {rule} is {status}, expected fail"
        assert messages and all(m.strip() and "{" not in m for m in messages), messages


@pytest.mark.parametrize("rule", RULES)
def test_compliant_samples_do_not_fail(rule: str) -> None:
    files = compliant_files()
    if not files:
        pytest.skip("no samples/compliant/* yet")
    if (why := _pipeline_ready()) is not None:
        pytest.skip(why)
    bad = {f.name: statuses(str(f))[rule] for f in files if statuses(str(f))[rule][0] == "fail"}
    assert not bad, f"{rule} fails on compliant samples: {bad}"


def test_scanned_real_documents_have_no_text_and_a4_within_scan_tolerance(real_samples: Path) -> None:
    if (why := _pipeline_ready()) is not None:
        pytest.skip(why)
    for name in ("quangngai-CT11-UBND-2021-scan-signed.pdf", "quangngai-CT16-UBND-2021-scan-signed.pdf"):
        st = statuses(str(real_samples / name))
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
    if (why := _pipeline_ready()) is not None:
        pytest.skip(why)
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
    if (why := _pipeline_ready()) is not None:
        pytest.skip(why)
    import tomllib

    from nd30check.check import check_path
    from nd30check.config import Config

    with open(ROOT / "rules" / "file.toml", "rb") as fh:
        msgs = {r["id"]: r for r in tomllib.load(fh)["rule"]}["FILE-UNREADABLE"]["messages"]
    for f in files:
        res = check_path(str(f), Config())
        assert res.error is not None, f.name
        code, message = res.error["code"], res.error["message"]
        assert code in msgs, (f.name, code)
        assert "{" not in message and ("Cách sửa" in message or "Hãy" in message), message
        first = next(r for r in res.results if r.rule == "FILE-UNREADABLE")
        assert first.status == "fail"
