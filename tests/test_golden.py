"""Reports on the samples and corpora are identical to the committed golden outputs.

A change that alters them on purpose regenerates them with ``python tests/golden.py --update``
and says why in its commit message. On a merge conflict inside tests/golden/, take either side
and regenerate; never hand-merge.
"""

from __future__ import annotations

import pytest

import golden


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return golden.build()


def _names() -> list[str]:
    return [f"{name}.json" for name in golden.CORPORA] + [
        f"{name}.{lang}.txt" for name in golden.CORPORA for lang in golden.LANGS]


@pytest.mark.parametrize("fname", _names())
def test_golden_output(outputs: dict[str, str], fname: str) -> None:
    assert fname in outputs
    problems = golden.compare({fname: outputs[fname]}, stale=False)
    assert not problems, (f"{fname} differs from tests/golden/ — if the change is intended, run "
                          f"`python tests/golden.py --update` and say why in the commit.\n" + "\n".join(problems))


def test_no_stale_golden_files(outputs: dict[str, str]) -> None:
    stale = [p for p in golden.compare(outputs) if "no longer produced" in p]
    assert not stale, stale
