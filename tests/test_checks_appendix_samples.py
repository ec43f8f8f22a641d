"""Appendix rules on the real sample files.

Each rule has a failing fixture (``samples/defects/<RULE-ID>--*.docx|pdf``, made by
``samples/make_samples.py``) and must not fail on the compliant samples
(``samples/compliant/*``). Files are read by the real readers, labelled by the real structure
recognition and judged through the real engine. A missing sample file skips its test with
the reason, never passes it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config
from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RULES = (
    "ND30-PL-HEADING",
    "ND30-PL-REF",
)
KINDS = ("docx", "pdf")


@lru_cache(maxsize=None)
def _pack():
    return load_pack()


@lru_cache(maxsize=None)
def statuses(path: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """rule → (status, finding messages) for one sample file, our rules only."""
    res = check_path(path, Config(select=list(RULES)), _pack())
    assert res.error is None, f"{path}: {res.error}"
    return {r.rule: (r.status, tuple(f.message for f in r.findings)) for r in res.results}


def _files(sub: str, pattern: str, kind: str) -> list[Path]:
    d = SAMPLES / sub if kind == "docx" else SAMPLES / "pdf" / sub
    return sorted(p for p in d.glob(pattern) if p.suffix == "." + kind) if d.is_dir() else []


def defect_files(rule: str, kind: str) -> list[Path]:
    return _files("defects", f"{rule}--*", kind)


def compliant_files(kind: str) -> list[Path]:
    return _files("compliant", "*", kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("rule", RULES)
def test_defect_sample_fails(rule: str, kind: str) -> None:
    files = defect_files(rule, kind)
    if not files:
        pytest.skip(f"no {kind} sample for {rule} (samples/[pdf/]defects/{rule}--*.{kind})")
    for f in files:
        status, messages = statuses(str(f))[rule]
        assert status == "fail", f"{f.name}: {rule} is {status}, expected fail"
        assert messages and all(m.strip() for m in messages)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("rule", RULES)
def test_compliant_samples_do_not_fail(rule: str, kind: str) -> None:
    files = compliant_files(kind)
    if not files:
        pytest.skip(f"no compliant {kind} samples yet")
    bad = {f.name: statuses(str(f))[rule] for f in files if statuses(str(f))[rule][0] == "fail"}
    assert not bad, f"{rule} fails on compliant samples: {bad}"


def _pair() -> tuple[Path, Path]:
    main = SAMPLES / "compliant" / "kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc.docx"
    pl = SAMPLES / "compliant" / "pl-rieng-kh05-phu-luc-ii.docx"
    if not (main.exists() and pl.exists()):
        pytest.skip("bundle samples (kh-ubnd-xa-chuyen-doi-so…, pl-rieng-kh05…) not made yet")
    return main, pl


def test_separate_appendix_is_judged_against_its_bundle() -> None:
    from nd30check.batch import bundle_info

    main, pl = _pair()
    cfg = Config(select=["ND30-PL-REF"])
    main_res = check_path(str(main), cfg, _pack())
    alone = check_path(str(pl), cfg, _pack())
    assert alone.statuses["ND30-PL-REF"] == "not-evaluated"  # no main document to compare with
    info = bundle_info(main_res)
    assert check_path(str(pl), cfg, _pack(), bundle=info).statuses["ND30-PL-REF"] == "pass"
    # the same appendix checked against a main document with another number and date
    other = dict(info, number="06/KH-UBND", number_symbol="06/KH-UBND", date="2026-05-09")
    res = check_path(str(pl), cfg, _pack(), bundle=other)
    rr = next(r for r in res.results if r.rule == "ND30-PL-REF")
    assert rr.status == "fail" and len(rr.findings) == 2
    assert any("06/KH-UBND" in f.message for f in rr.findings)
