"""Issue 2's bar on the labelled corpus: ≥ 95 % recall per rule, no error on compliant samples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import accuracy  # noqa: E402

LABELS = Path(__file__).parent / "corpus" / "labels.json"


@pytest.fixture(scope="module")
def scores():
    if not LABELS.is_file():
        pytest.skip("tests/corpus/labels.json missing: run python samples/make_samples.py")
    return accuracy.evaluate(accuracy.load_labels(LABELS), profile="draft")


def test_recall_per_rule_at_least_95_percent(scores):
    low = {r: scores.recall(r) for r in scores.tp.keys() | scores.fn.keys() if (scores.recall(r) or 0) < 0.95}
    assert not low, accuracy.report(scores)


def test_precision_per_rule_at_least_90_percent(scores):
    low = {r: scores.precision(r) for r in scores.tp.keys() | scores.fp.keys() if (scores.precision(r) or 0) < 0.90}
    assert not low, accuracy.report(scores)


def test_no_error_level_layout_finding_on_compliant_samples(scores):
    assert not scores.compliant_errors, accuracy.report(scores)


def test_roles_and_facts(scores):
    assert scores.role_total > 1000
    assert scores.role_ok / scores.role_total >= 0.95, accuracy.report(scores)
    assert scores.facts_ok / scores.facts_total >= 0.95, accuracy.report(scores)
