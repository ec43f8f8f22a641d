"""Imports flow one way, down to the model (docs/architecture.md); a violation fails here.

Layers, bottom to top (a module may import its own layer and the layers below):

0. the model — knowledge, no I/O: ``model`` (the document), ``text``, ``doctypes``, ``words``
   (keys of the rule pack), ``source`` (an input read once), ``ooxml`` (the OOXML namespaces
   and the locator grammar), and the results model: ``results``, ``serialize``, ``summary``,
   ``figures`` (and the package root: its version)
0.5 ``safety`` — the hostile-input guards (the safe zip reader and XML parser): above the model
   (it opens files, the model never does), below every reader, verifier and ``fix``
1. ``readers``, ``measure``, ``structure``, ``signatures``, ``rulepack``, ``config``
2. ``checks``, ``engine``
3. the pipeline: ``check`` (one file), ``batch``, ``executor``, ``workers``, ``bundles``,
   ``cache``, ``walk``, ``inputs``, ``progress``, ``faults``, ``audit``
4. surfaces: ``report``, ``cli``, ``__main__``, ``baseline`` (it writes files with
   ``report.atomic``), ``web``, ``fix``, ``auditdb``

``report/`` reads results only: besides the model it may use the rule pack (for words), never
the pipeline — bundles, per-unit figures and the summary are on the RunResult.

Inside layer 1 the packages stay apart: readers, measure, rulepack and config use layer 0
only; structure may use measure; signatures may use readers (the safe XML parser, the PDF
content interpreter). Inside layer 2, checks never import the engine (the engine loads them).

Every import counts, the lazy ones inside functions too: a dependency is a dependency. A new
top-level module must be given a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import codesize

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nd30check"
LAYERS: dict[str, float] = {
    "": 0, "model": 0, "text": 0, "doctypes": 0, "words": 0, "source": 0, "ooxml": 0,
    "results": 0, "serialize": 0, "summary": 0, "figures": 0,
    "safety": 0.5,
    "readers": 1, "measure": 1, "structure": 1, "signatures": 1, "rulepack": 1, "config": 1,
    "checks": 2, "engine": 2,
    "check": 3, "batch": 3, "executor": 3, "executor_dask": 3, "workers": 3, "bundles": 3, "cache": 3, "walk": 3, "inputs": 3,
    "progress": 3, "faults": 3, "audit": 3, "locate": 3, "pageview": 3,
    # the audit history database records runs through the batch and renders its own report
    "baseline": 4, "report": 4, "cli": 4, "__main__": 4, "web": 4, "fix": 4, "serve": 4, "auditdb": 4,
}
# allowed imports inside layers 1 and 2 besides layer 0 (and the package itself)
SIDEWAYS: dict[str, set[str]] = {
    "readers": set(), "measure": set(), "rulepack": set(), "config": set(),
    "structure": {"measure"}, "signatures": {"readers"},
    "checks": {"readers", "measure", "structure", "signatures", "rulepack", "config"},
    "engine": {"checks", "readers", "measure", "structure", "signatures", "rulepack", "config"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _targets(path: Path) -> list[tuple[int, str]]:
    """(line, imported nd30check module) for every import in the file."""
    mod = _module(path)
    pkg = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("nd30check"):
                continue
            for alias in node.names:  # "from . import checks" imports the submodule
                sub = f"{target}.{alias.name}"
                is_sub = (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py").exists() or \
                    (PACKAGE.parent / sub.replace(".", "/")).is_dir()
                out.append((node.lineno, sub if is_sub else target))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("nd30check")]
    return out


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_has_a_layer() -> None:
    unknown = sorted({_top(_module(p)) for p in PACKAGE.rglob("*.py")} - set(LAYERS))
    assert not unknown, f"give these a layer in tests/test_layering.py: {unknown}"


def test_imports_flow_down() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        src = _top(_module(path))
        for line, target in _targets(path):
            dst = _top(target)
            if dst == src or dst not in LAYERS:
                continue
            ls, ld = LAYERS[src], LAYERS[dst]
            ok = ld < ls or (ld == ls and ls >= 3) or dst in SIDEWAYS.get(src, set())
            if ld == 0:
                ok = True
            if not ok:
                bad.append(f"{path.relative_to(ROOT)}:{line}: {src} (layer {ls}) imports {target} (layer {ld})")
    assert not bad, "\n".join(bad)


def test_checks_ask_capabilities_not_the_file_kind() -> None:
    """No check or measurement reads ``doc.kind``."""
    reads = codesize.kind_branches("nd30check/checks") + codesize.kind_branches("nd30check/measure")
    assert not reads, reads


def test_reports_read_results_only() -> None:
    """report/ never reaches into the pipeline (batch, bundles, figures, executor…) nor below the
    rule pack: what a report shows is on the RunResult."""
    allowed = {"", "model", "text", "doctypes", "words", "source", "results", "summary", "rulepack", "report"}
    bad = [f"{path.relative_to(ROOT)}:{line}: imports {target}"
           for path in sorted((PACKAGE / "report").rglob("*.py"))
           for line, target in _targets(path) if _top(target) not in allowed]
    assert not bad, "\n".join(bad)


def test_surfaces_sit_on_check_not_on_the_readers() -> None:
    """web, fix and the audit database work from `check`/`batch` and the results: they never
    import a reader, the measurement layer, structure recognition or a signature verifier."""
    below = {"readers", "measure", "structure", "signatures"}
    bad = []
    for surface in ("web", "fix", "auditdb"):
        for path in sorted((PACKAGE / surface).rglob("*.py")):
            for line, target in _targets(path):
                if _top(target) in below:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {surface} imports {target}")
    assert not bad, "\n".join(bad)


def test_fix_shares_the_readers_foundations_from_below() -> None:
    """What ``fix`` and the docx reader both need — the safe zip and XML parser, the OOXML
    namespaces and the locator grammar — sits below both of them, one copy."""
    assert LAYERS["ooxml"] == 0 and 0 < LAYERS["safety"] < LAYERS["readers"]
    assert not (PACKAGE / "readers" / "safety.py").exists()
    users = {surface: {t for p in sorted((PACKAGE / surface).rglob("*.py")) for _l, t in _targets(p)}
             for surface in ("fix", "readers")}
    for surface in ("fix", "readers"):
        assert {"nd30check.safety", "nd30check.ooxml"} <= users[surface], surface


def test_new_modules_have_their_layers() -> None:
    """Issue 10 part B: the results model, words and sources at the bottom; the executor, the
    worker pool, bundles and progress in the pipeline; the new surfaces on top."""
    for mod in ("results", "words", "source", "serialize", "summary", "figures"):
        assert LAYERS[mod] == 0, mod
    for mod in ("executor", "workers", "bundles", "progress", "batch", "check"):
        assert LAYERS[mod] == 3, mod
    for mod in ("fix", "web", "auditdb", "report"):
        assert LAYERS[mod] == 4, mod
    for mod in ("results", "words", "source", "executor", "workers", "bundles", "progress"):
        assert (PACKAGE / f"{mod}.py").exists(), mod
