"""Shared by the per-section sample tests: each rule fails on its defect sample and on no compliant one.

Defect samples are ``samples/[pdf/]defects/<RULE-ID>--*.docx|pdf`` and compliant ones
``samples/[pdf/]compliant/*`` (made by ``samples/make_samples.py``). Files go through the real
pipeline — readers, structure recognition, engine. A missing sample skips with the reason.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config
from nd30check.report.words import Words
from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
KINDS = ("docx", "pdf")


@lru_cache(maxsize=None)
def pack():
    return load_pack()


@lru_cache(maxsize=None)
def statuses(path: str, rules: tuple[str, ...]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """rule → (status, messages of the findings that fail it) for one file, ``rules`` only."""
    res = check_path(path, Config(select=list(rules), cache=False), pack())
    assert res.error is None, f"{path}: {res.error}"
    words = Words()
    return {r.rule: (r.status, tuple(f.message for f in words.findings(r) if not f.note)) for r in res.results}


def _files(sub: str, pattern: str, kind: str) -> list[Path]:
    d = SAMPLES / sub if kind == "docx" else SAMPLES / "pdf" / sub
    return sorted(p for p in d.glob(pattern) if p.suffix == "." + kind) if d.is_dir() else []


def defect_files(rule: str, kind: str) -> list[Path]:
    return _files("defects", f"{rule}--*", kind)


def compliant_files(kind: str) -> list[Path]:
    return _files("compliant", "*", kind)


def rule_sample_tests(rules: tuple[str, ...], kinds: tuple[str, ...] = KINDS):
    """The two parametrised tests for a section's rules (assign them to module-level names)."""

    @pytest.mark.parametrize("kind", kinds)
    @pytest.mark.parametrize("rule", rules)
    def test_defect_sample_fails(rule: str, kind: str) -> None:
        files = defect_files(rule, kind)
        if not files:
            pytest.skip(f"no {kind} sample for {rule} (samples/[pdf/]defects/{rule}--*.{kind})")
        for f in files:
            status, messages = statuses(str(f), rules)[rule]
            assert status == "fail", f"{f.name}: {rule} is {status}, expected fail"
            assert messages and all(m.strip() and "{" not in m for m in messages), messages

    @pytest.mark.parametrize("kind", kinds)
    @pytest.mark.parametrize("rule", rules)
    def test_compliant_samples_do_not_fail(rule: str, kind: str) -> None:
        files = compliant_files(kind)
        if not files:
            pytest.skip(f"no compliant {kind} samples yet")
        bad = {f.name: statuses(str(f), rules)[rule] for f in files if statuses(str(f), rules)[rule][0] == "fail"}
        assert not bad, f"{rule} fails on compliant samples: {bad}"

    return test_defect_sample_fails, test_compliant_samples_do_not_fail
