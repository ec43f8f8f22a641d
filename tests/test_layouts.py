"""Layouts other Decree 30 checkers' suites use (tests/layouts/make_layouts.py): each class as a
failing+passing pair; expected rule statuses and facts hold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config
from nd30check.report.json import file_entry
from nd30check.report.words import Words

ROOT = Path(__file__).resolve().parent.parent
LABELS = json.loads((ROOT / "tests/layouts/labels.json").read_text(encoding="utf-8"))["files"]

# Not fixed yet (strict: a fix makes them fail loudly, then the entry goes).
KNOWN: dict[str, str] = {
}


def _diff(entry: dict) -> list[str]:
    res = file_entry(check_path(ROOT / entry["path"], Config(profile="draft", cache=False)), Words())
    out = []
    for rule, want in entry["expected"].items():
        got = res["rules"].get(rule)
        if got != want:
            msgs = [f.get("message", "") for f in res["findings"] if f.get("rule") == rule][:2]
            out.append(f"{rule}: expected {want}, got {got} {msgs}")
    for k, want in entry["document"].items():
        if res["document"].get(k) != want:
            out.append(f"fact {k}: expected {want!r}, got {res['document'].get(k)!r}")
    if entry["path"].rsplit("/", 1)[1].startswith("ok-"):
        for f in res["findings"]:
            if f.get("severity") == "error" and f.get("rule", "").startswith(("ND30-", "FILE-")):
                out.append(f"false alarm {f['rule']}: {f.get('message', '')}")
    return out


def _param(e: dict):
    name = e["path"].rsplit("/", 1)[1]
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
    return pytest.param(e, id=name, marks=marks)


@pytest.mark.parametrize("entry", [_param(e) for e in LABELS])
def test_layout(entry: dict) -> None:
    problems = _diff(entry)
    assert not problems, "\n".join([entry["path"], *problems])


def test_every_class_has_a_pair() -> None:
    names = [e["path"].rsplit("/", 1)[1] for e in LABELS]
    assert sum(n.startswith("ok-") for n in names) >= 8 and sum(n.startswith("bad-") for n in names) >= 10
