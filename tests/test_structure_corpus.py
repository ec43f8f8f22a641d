"""Role accuracy on the labelled sample corpus (tests/corpus/labels.json, written by
samples/make_samples.py): every sample is read by the real reader and labelled by the real
structure recognition; labelled paragraphs are matched in reading order by text prefix (the same
rule as tests/accuracy.py). Skips, with the reason, until the corpus exists."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from nd30check.model import Role

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "corpus" / "labels.json"
ROLE_BAR = 0.95
FACTS_BAR = 0.90
FACT_KEYS = ("type", "number", "agency", "date", "signer")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _entries() -> list[dict]:
    if not LABELS.is_file():
        return []
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    entries = data["files"] if isinstance(data, dict) and "files" in data else data
    if isinstance(entries, dict):
        entries = [dict(v, path=k) for k, v in entries.items()]
    return [e for e in entries if (ROOT / e["path"]).is_file() and (e.get("roles") or e.get("document"))]


def _analyse(path: Path):
    from nd30check.model import UnreadableError
    from nd30check.readers import read_document
    from nd30check.structure import analyze

    try:
        doc = read_document(str(path))
    except UnreadableError:
        return None
    analyze(doc)
    return doc


def score(entries: list[dict]) -> dict:
    """Match expected roles to paragraphs in reading order; count hits, confusions and facts."""
    out = {"total": 0, "ok": 0, "confusion": Counter(), "per_file": {}, "facts_total": 0, "facts_ok": 0,
           "facts_wrong": [], "by_kind": Counter(), "ok_by_kind": Counter()}
    for e in entries:
        path = ROOT / e["path"]
        doc = _analyse(path)
        if doc is None:
            continue
        kind = path.suffix.lstrip(".")
        # the labels list the body's paragraphs (page headers and footers are not labelled)
        got = [(_norm(p.text)[:40] if p.container not in ("header", "footer") else "", p.role)
               for p in doc.paragraphs]
        pos = 0
        used: set[int] = set()
        bad = []
        for prefix, want in e.get("roles") or []:
            np_ = _norm(prefix)[:40]
            found = None
            # reading order, with some slack backwards: a two-column block (Nơi nhận | signer)
            # may be read row by row or column by column; both are right
            for j in range(max(0, pos - 15), len(got)):
                a = got[j][0]
                if j not in used and a and (a.startswith(np_) or (np_.startswith(a) and len(a) >= min(8, len(np_)))):
                    found = j
                    break
            out["total"] += 1
            out["by_kind"][kind] += 1
            if found is None:
                out["confusion"][(want, "<not found>")] += 1
                bad.append(f"{prefix[:40]!r}: {want} → <not found>")
                continue
            used.add(found)
            pos = max(pos, found + 1)
            if got[found][1] == want:
                out["ok"] += 1
                out["ok_by_kind"][kind] += 1
            else:
                out["confusion"][(want, got[found][1])] += 1
                bad.append(f"{prefix[:40]!r}: {want} → {got[found][1]}")
        out["per_file"][e["path"]] = bad
        want_doc = e.get("document") or {}
        facts = doc.facts.to_json()
        for key in FACT_KEYS:
            if want_doc.get(key) is not None:
                out["facts_total"] += 1
                if _norm(str(facts.get(key) or "")) == _norm(str(want_doc[key])):
                    out["facts_ok"] += 1
                else:
                    out["facts_wrong"].append(f"{e['path']}: {key} = {facts.get(key)!r}, expected {want_doc[key]!r}")
    return out


def summary(sc: dict) -> str:
    lines = [f"roles: {sc['ok']}/{sc['total']}"
             + (f" = {100 * sc['ok'] / sc['total']:.1f}%" if sc["total"] else "")]
    for k, n in sc["by_kind"].items():
        lines.append(f"  {k}: {sc['ok_by_kind'][k]}/{n} = {100 * sc['ok_by_kind'][k] / n:.1f}%")
    for (want, got), n in sc["confusion"].most_common(25):
        lines.append(f"  {want} → {got}: {n}")
    for path, bad in sc["per_file"].items():
        if bad:
            lines.append(f"  {path}: " + "; ".join(bad[:6]))
    if sc["facts_total"]:
        lines.append(f"facts: {sc['facts_ok']}/{sc['facts_total']}")
        lines.extend("  " + w for w in sc["facts_wrong"][:25])
    return "\n".join(lines)


@pytest.fixture(scope="module")
def corpus_score() -> dict:
    entries = _entries()
    if not entries:
        pytest.skip(f"no labelled samples yet ({LABELS.relative_to(ROOT)} or its files missing)")
    return score(entries)


def test_role_accuracy_on_corpus(corpus_score: dict) -> None:
    sc = corpus_score
    if not sc["total"]:
        pytest.skip("the corpus labels no roles yet")
    acc = sc["ok"] / sc["total"]
    assert acc >= ROLE_BAR, f"role accuracy {100 * acc:.1f}% < {100 * ROLE_BAR:.0f}%\n{summary(sc)}"


def test_fact_accuracy_on_corpus(corpus_score: dict) -> None:
    sc = corpus_score
    if not sc["facts_total"]:
        pytest.skip("the corpus lists no document facts yet")
    acc = sc["facts_ok"] / sc["facts_total"]
    assert acc >= FACTS_BAR, f"fact accuracy {100 * acc:.1f}% < {100 * FACTS_BAR:.0f}%\n{summary(sc)}"


def test_labels_only_use_known_roles() -> None:
    entries = _entries()
    if not entries:
        pytest.skip("no labelled samples yet")
    known = set(Role.all())
    unknown = {r for e in entries for _, r in (e.get("roles") or []) if r not in known}
    assert not unknown, f"labels.json uses roles the model does not define: {sorted(unknown)}"


if __name__ == "__main__":  # python tests/test_structure_corpus.py → print the summary
    import sys

    sys.path.insert(0, str(ROOT))
    print(summary(score(_entries())))
