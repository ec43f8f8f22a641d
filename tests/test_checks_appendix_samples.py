"""Appendix rules on the real sample files.

Each rule has a failing fixture (``samples/defects/<RULE-ID>--*.docx|pdf``, made by
``samples/make_samples.py``) and must not fail on the compliant samples
(``samples/compliant/*``). Files are read by the real readers, labelled by the real structure
recognition and judged through the real engine. A missing sample file skips its test with
the reason, never passes it.
"""

from __future__ import annotations

import sys

import pytest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from samplekit import SAMPLES, rule_sample_tests  # noqa: E402
from samplekit import pack as _pack  # noqa: E402

from nd30check.check import check_path  # noqa: E402
from nd30check.config import Config  # noqa: E402

RULES = (
    "ND30-PL-HEADING",
    "ND30-PL-REF",
)

test_defect_sample_fails, test_compliant_samples_do_not_fail = rule_sample_tests(RULES)


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
    from nd30check.report.words import Words

    assert any("06/KH-UBND" in f.message for f in Words().findings(rr))
