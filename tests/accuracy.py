"""Accuracy harness: per-rule precision/recall and role-labelling accuracy on the labelled corpus.

Usage: python tests/accuracy.py [--labels tests/corpus/labels.json] [--profile draft] [--kind docx|pdf]

The corpus (tests/corpus/labels.json, written by samples/make_samples.py) lists per sample
the expected rule statuses, the expected role of each paragraph (by text prefix) and the
expected document facts. A rule "detects" when its status is `fail`; precision and recall
count files. Roles are matched in reading order by text prefix.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: dict = field(default_factory=lambda: defaultdict(list))  # rule → [files]
    false_alarms: dict = field(default_factory=lambda: defaultdict(list))
    role_total: int = 0
    role_ok: int = 0
    role_confusion: Counter = field(default_factory=Counter)
    docs: int = 0
    docs_all_roles_ok: int = 0
    facts_total: int = 0
    facts_ok: int = 0
    facts_wrong: list = field(default_factory=list)
    compliant_errors: list = field(default_factory=list)

    def precision(self, rule: str) -> float | None:
        d = self.tp[rule] + self.fp[rule]
        return self.tp[rule] / d if d else None

    def recall(self, rule: str) -> float | None:
        d = self.tp[rule] + self.fn[rule]
        return self.tp[rule] / d if d else None


def load_labels(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data["files"] if isinstance(data, dict) and "files" in data else data
    if isinstance(entries, dict):  # {path: entry}
        entries = [dict(v, path=k) for k, v in entries.items()]
    return entries


def evaluate(entries: list[dict], profile: str = "draft", kind: str | None = None) -> Scores:
    from nd30check.check import check_path
    from nd30check.config import Config
    from nd30check.rulepack import load_pack

    cfg = Config(profile=profile, cache=False)
    pack = load_pack()
    sc = Scores()
    for entry in entries:
        path = ROOT / entry["path"]
        if kind and path.suffix.lstrip(".") != kind:
            continue
        if not path.exists():
            continue
        res = check_path(str(path), cfg, pack, want_roles=True)
        statuses = res.statuses
        for rule, want in (entry.get("expected") or {}).items():
            got = statuses.get(rule)
            if got is None:
                continue
            if want == "fail" and got == "fail":
                sc.tp[rule] += 1
            elif want == "fail":
                sc.fn[rule] += 1
                sc.misses[rule].append(f"{entry['path']} ({got})")
            elif got == "fail":
                sc.fp[rule] += 1
                sc.false_alarms[rule].append(entry["path"])
        if entry.get("compliant"):
            from nd30check.report.words import Words

            errs = [f"{f.rule}: {f.message}" for f in Words().findings(res) if f.severity == "error" and not f.rule.startswith("SIG-")]
            if errs:
                sc.compliant_errors.append((entry["path"], errs))
        roles = entry.get("roles") or []
        if roles and res.roles is not None:
            sc.docs += 1
            got_roles = [(_norm(ex)[:40], role) for _, role, ex in res.roles]
            pos = 0
            used: set[int] = set()
            all_ok = True
            for prefix, want in roles:
                np = _norm(prefix)[:40]
                found = None
                # reading order with some slack backwards: a two-column block (Nơi nhận | signer)
                # may be read row by row or column by column; both are right
                for j in range(max(0, pos - 15), len(got_roles)):
                    a = got_roles[j][0]
                    if j not in used and a and (a.startswith(np) or (np.startswith(a) and len(a) >= min(8, len(np)))):
                        found = (j, got_roles[j][1])
                        break
                sc.role_total += 1
                if found is None:
                    all_ok = False
                    sc.role_confusion[(want, "<not found>")] += 1
                    continue
                used.add(found[0])
                pos = max(pos, found[0] + 1)
                if found[1] == want:
                    sc.role_ok += 1
                else:
                    all_ok = False
                    sc.role_confusion[(want, found[1])] += 1
            sc.docs_all_roles_ok += all_ok
        want_doc = entry.get("document") or {}
        got_doc = res.facts.to_json()
        for key in ("type", "number", "agency", "date", "signer"):
            if key in want_doc and want_doc[key] is not None:
                sc.facts_total += 1
                if _norm(str(got_doc.get(key) or "")) == _norm(str(want_doc[key])):
                    sc.facts_ok += 1
                else:
                    sc.facts_wrong.append(f"{entry['path']}: {key} = {got_doc.get(key)!r}, expected {want_doc[key]!r}")
    return sc


def report(sc: Scores) -> str:
    lines = ["rule                       TP  FP  FN  precision  recall"]
    rules = sorted(set(sc.tp) | set(sc.fp) | set(sc.fn))
    for r in rules:
        p, rc = sc.precision(r), sc.recall(r)
        fmt = lambda v: "   —  " if v is None else f"{100 * v:5.1f}%"  # noqa: E731
        lines.append(f"{r:<25} {sc.tp[r]:>3} {sc.fp[r]:>3} {sc.fn[r]:>3}   {fmt(p)}   {fmt(rc)}")
    for r, files in sorted(sc.misses.items()):
        lines.append(f"  missed {r}: {', '.join(files[:5])}")
    for r, files in sorted(sc.false_alarms.items()):
        lines.append(f"  false alarm {r}: {', '.join(files[:5])}")
    if sc.role_total:
        lines.append(f"roles: {sc.role_ok}/{sc.role_total} paragraphs = {100 * sc.role_ok / sc.role_total:.1f}%;"
                     f" whole documents all correct: {sc.docs_all_roles_ok}/{sc.docs}")
        for (want, got), n in sc.role_confusion.most_common(15):
            lines.append(f"  {want} → {got}: {n}")
    if sc.facts_total:
        lines.append(f"document facts: {sc.facts_ok}/{sc.facts_total} = {100 * sc.facts_ok / sc.facts_total:.1f}%")
        lines.extend("  " + w for w in sc.facts_wrong[:15])
    if sc.compliant_errors:
        lines.append("error-level findings on compliant samples:")
        for path, errs in sc.compliant_errors:
            lines.append(f"  {path}: {'; '.join(errs[:3])}")
    else:
        lines.append("no error-level layout finding on compliant samples")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", default=str(ROOT / "tests" / "corpus" / "labels.json"))
    ap.add_argument("--profile", default="draft")
    ap.add_argument("--kind", choices=["docx", "pdf"])
    args = ap.parse_args()
    print(report(evaluate(load_labels(Path(args.labels)), args.profile, args.kind)))


if __name__ == "__main__":
    main()
