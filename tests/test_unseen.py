"""Independent corpus (tests/unseen/, written unlike samples/): expected statuses and facts hold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config

ROOT = Path(__file__).resolve().parent.parent
LABELS = json.loads((ROOT / "tests/unseen/labels.json").read_text(encoding="utf-8"))["files"]
LAYOUT = ("ND30-", "FILE-")


def _diff(entry: dict) -> list[str]:
    res = check_path(ROOT / entry["path"], Config(profile="draft", cache=False)).to_json()
    out = []
    for rule, want in entry["expected"].items():
        got = res["rules"].get(rule)
        if got != want:
            msgs = [f.get("message", "") for f in res["findings"] if f.get("rule") == rule][:2]
            out.append(f"{rule}: expected {want}, got {got} {msgs}")
    for k, want in entry["document"].items():
        got = res["document"].get(k)
        if got != want:
            out.append(f"fact {k}: expected {want!r}, got {got!r}")
    if entry["compliant"]:
        for f in res["findings"]:
            if f.get("severity") == "error" and f.get("rule", "").startswith(LAYOUT):
                out.append(f"false alarm {f['rule']}: {f.get('message', '')}")
    return out


@pytest.mark.parametrize("entry", LABELS, ids=[e["path"].rsplit("/", 1)[1] for e in LABELS])
def test_unseen(entry: dict) -> None:
    problems = _diff(entry)
    assert not problems, "\n".join([entry["path"], *problems])
