"""Shared by the scan tests, the scan accuracy script and bench_ocr: run the scan corpus and
its text twins through the real pipeline (batch, with workers and the result cache) and
compare them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LABELS = HERE / "labels.json"
REAL = ROOT / "tests" / "real" / "files"
NOW = "2026-12-01T00:00:00+07:00"


def labels() -> dict:
    return json.loads(LABELS.read_text("utf-8"))


def run(paths: list[str], cache_dir: str | None, jobs: int | None = None, **cfg) -> dict[str, object]:
    """path → FileResult, through ``batch.check_files`` (workers; cached by content hash)."""
    from nd30check.batch import check_files
    from nd30check.config import Config
    from nd30check.rulepack import load_pack

    config = Config(profile="draft", now=NOW, cache=cache_dir is not None, cache_dir=cache_dir, jobs=jobs,
                    timeout=300.0, **cfg)
    results = check_files([str(p) for p in paths], config, load_pack(config.rules))
    return {r.path: r for r in results}


def message(finding: object, lang: str = "vi") -> str:
    """A finding's message as a report shows it (results carry keys and values, not text)."""
    from nd30check.report.words import Words

    return Words(lang=lang).message(finding)  # type: ignore[arg-type]


@dataclass
class Score:
    tp: int = 0  # text PDF fails, scan fails
    fn: list[str] = field(default_factory=list)  # text PDF fails, scan does not
    fp: list[str] = field(default_factory=list)  # scan fails where the text PDF does not
    agree: int = 0
    compliant_findings: list[str] = field(default_factory=list)  # error/warning on compliant twins

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + len(self.fn)) if self.tp + len(self.fn) else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.fp)) if self.tp + len(self.fp) else 1.0


def score(results: dict[str, object], files: list[dict] | None = None) -> Score:
    """Compare each scan twin with its text PDF over the answerable rules (labels.json;
    ``files``: other twins' entries, same fields — rescan.py)."""
    lab = labels()
    rules = set(lab["answerable_rules"]) - {"FILE-NO-TEXT"}
    sc = Score()
    for e in files if files is not None else lab["files"]:
        scan = results[str(ROOT / e["path"])]
        text = results[str(ROOT / e["source"])]
        st_scan = {r.rule: r.status for r in scan.results}  # type: ignore[attr-defined]
        st_text = {r.rule: r.status for r in text.results}  # type: ignore[attr-defined]
        name = Path(e["path"]).name
        if e["subset"] == "compliant":
            for f in scan.findings:  # type: ignore[attr-defined]
                if f.severity in ("error", "warning") and not f.note:
                    sc.compliant_findings.append(f"{name}: {f.rule} {message(f)}")
        if not e["answerable"]:
            continue
        for rule in sorted(rules):
            a, b = st_text.get(rule), st_scan.get(rule)
            if a == "fail" and b == "fail":
                sc.tp += 1
            elif a == "fail":
                sc.fn.append(f"{name}: {rule} text=fail scan={b}")
            elif b == "fail":
                sc.fp.append(f"{name}: {rule} text={a} scan=fail")
            elif a == b:
                sc.agree += 1
    return sc
