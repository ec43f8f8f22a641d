"""Body (ô 6) rules on the real sample files.

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
    "ND30-BODY-SIZE",
    "ND30-BODY-ALIGN",
    "ND30-BODY-INDENT",
    "ND30-BODY-SPACING",
    "ND30-CAN-CU",
    "ND30-HEADINGS",
    "ND30-KINH-GUI",
    "ND30-STRUCTURE-REQUIRED",
    "ND30-STRUCTURE-ORDER",
    "ND30-TEXT-STRAY",
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
