"""Golden outputs: the JSON and text reports of the samples and the corpora, normalised.

Why: refactors (rules as data, the measurement layer, text/, structure/) must not change what
a user sees. This script produces the reports exactly as ``nd30check check DIR`` would (same
config discovery, same batch pipeline: walk, bundles, orphans), but in one process and with a
fixed clock, so the outputs are deterministic and fast to make:

* no worker processes (the in-process executor, ``executor.InlineExecutor``: no time limit,
  so a slow file gives its real result rather than "timeout");
* each file is read once for both languages (the reader's output is memoised as a pickle);
* digital signature reports are memoised on disk under ``.nd30check-cache/golden-signatures``
  keyed by the file's bytes, the signature code (signatures/, text/, model, trust store) and
  the settings that matter — a cold run verifies every signature for real.

Normalised: no tool version, paths relative to the repository, no timings (the reports have
none). Besides the public JSON the golden JSON carries, per file, the recognised roles and the
reasons of every not-evaluated / not-applicable rule: refactors of structure/ and of the
engine show up there first.

    python tests/golden.py            # compare, print a diff, exit 1 when different
    python tests/golden.py --update   # regenerate tests/golden/ (say why in the commit)
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
NOW = "2026-06-01T00:00:00+07:00"
CORPORA = {"samples": "samples", "unseen": "tests/unseen/files", "real": "tests/real/files"}
LANGS = ("vi", "en")
SIG_CACHE = ROOT / ".nd30check-cache" / "golden-signatures"
# what a signature report depends on besides the file's bytes and the settings
_SIG_CODE = ("nd30check/signatures", "nd30check/text", "nd30check/model.py", "nd30check/safety.py",
             "nd30check/data/trust", "nd30check/check.py")


def _code_digest() -> str:
    h = hashlib.sha256()
    for item in _SIG_CODE:
        p = ROOT / item
        files = sorted(x for x in p.rglob("*") if x.is_file() and "__pycache__" not in x.parts) if p.is_dir() else [p]
        for f in files:
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    try:
        from importlib.metadata import version

        h.update(version("pyhanko").encode())
    except Exception:  # pragma: no cover
        pass
    return h.hexdigest()[:16]


class _Pipeline:
    """Patches that make ``batch.run_batch`` read each file's document once and memoise
    signature reports on disk."""

    def __init__(self) -> None:
        self.docs: dict[str, bytes | BaseException] = {}
        self.code = _code_digest()

    def install(self) -> Callable[[], None]:
        from nd30check import check, readers

        real_read, real_sigs = readers.read_document, check.read_signatures

        def read_document(source: Any, *a: Any, **kw: Any):
            key = os.path.abspath(getattr(source, "name", source))
            if key not in self.docs:
                try:
                    self.docs[key] = pickle.dumps(real_read(source, *a, **kw), pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # replayed as is: unreadable files stay unreadable
                    self.docs[key] = exc
            hit = self.docs[key]
            if isinstance(hit, BaseException):
                raise hit
            return pickle.loads(hit)

        def read_signatures(doc: Any, source: Any, config: Any):
            h = hashlib.sha256(source.data)
            h.update(repr((self.code, doc.kind, config.now, config.trust, config.trust_only, config.crl,
                           config.ocsp, config.online, getattr(config, "allow_sha1", None))).encode())
            cached = SIG_CACHE / f"{h.hexdigest()[:32]}.pickle"
            if cached.exists():
                try:
                    return pickle.loads(cached.read_bytes())
                except Exception:
                    pass
            report = real_sigs(doc, source, config)
            for s in report.signatures:  # pyhanko text objects drag their whole PDF into a pickle
                if s.field_name is not None:
                    s.field_name = str(s.field_name)
            SIG_CACHE.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(report, pickle.HIGHEST_PROTOCOL))
            tmp.replace(cached)
            return report

        readers.read_document, check.read_signatures = read_document, read_signatures

        def undo() -> None:
            readers.read_document, check.read_signatures = real_read, real_sigs

        return undo


def _config(corpus: str, lang: str):
    from nd30check.config import find_config_file, load_config

    return load_config(find_config_file(ROOT / corpus), {"lang": lang, "now": NOW, "cache": False, "jobs": 1})


def _normalise(text: str) -> str:
    return text.replace(str(ROOT) + os.sep, "").replace(str(ROOT), ".")


def build() -> dict[str, str]:
    """{file name in tests/golden: content} for every corpus and language."""
    from nd30check.batch import run_batch
    from nd30check.executor import InlineExecutor
    from nd30check.report import render_report
    from nd30check.report.words import Words
    from nd30check.rulepack import load_pack

    out: dict[str, str] = {}
    pipeline = _Pipeline()
    undo = pipeline.install()
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the reports relative to the repository, as a user in it would see
    try:
        for name, corpus in CORPORA.items():
            for lang in LANGS:
                cfg = _config(corpus, lang)
                pack = load_pack(cfg.rules)
                results = run_batch([corpus], cfg, pack, progress=False, executor=InlineExecutor(), roles=True)
                out[f"{name}.{lang}.txt"] = _normalise(render_report("text", results, cfg, pack))
                if lang != "vi":
                    continue
                doc = json.loads(render_report("json", results, cfg, pack))
                doc.pop("tool", None)
                words = Words(pack, lang)
                for entry, res in zip(doc["files"], results):
                    entry["reasons"] = {r.rule: words.reasons(r) for r in res.results if r.reasons}
                out[f"{name}.json"] = _normalise(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n")
    finally:
        os.chdir(cwd)
        undo()
    return out


def compare(outputs: dict[str, str], limit: int = 120, stale: bool = True) -> list[str]:
    """Human-readable differences against tests/golden/ (empty = identical); ``stale``: also
    name golden files that ``outputs`` no longer produces."""
    problems: list[str] = []
    for fname, text in sorted(outputs.items()):
        path = GOLDEN / fname
        if not path.exists():
            problems.append(f"{fname}: missing (run python tests/golden.py --update)")
            continue
        old = path.read_text(encoding="utf-8")
        if old != text:
            diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(), f"golden/{fname}", "now", n=1, lineterm=""))
            more = f"\n… {len(diff) - limit} more diff lines" if len(diff) > limit else ""
            problems.append("\n".join(diff[:limit]) + more)
    known = set(outputs)
    for path in sorted(GOLDEN.glob("*")) if stale else []:
        if path.name not in known and path.suffix in (".json", ".txt"):
            problems.append(f"{path.name}: in tests/golden but no longer produced")
    return problems


def main(argv: list[str]) -> int:
    outputs = build()
    if "--update" in argv:
        GOLDEN.mkdir(exist_ok=True)
        for path in GOLDEN.glob("*"):
            if path.suffix in (".json", ".txt") and path.name not in outputs:
                path.unlink()
        for fname, text in outputs.items():
            (GOLDEN / fname).write_text(text, encoding="utf-8")
        print(f"wrote {len(outputs)} files to {GOLDEN.relative_to(ROOT)}")
        return 0
    problems = compare(outputs)
    for p in problems:
        print(p)
    print("golden outputs identical" if not problems else f"{len(problems)} golden file(s) differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
