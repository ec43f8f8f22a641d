"""Size and complexity of the package, measured with ``ast`` (no extra dependency).

Prints the largest modules, the longest and most branching functions (cyclomatic complexity
counted as radon does: 1 + each if/elif, loop, except, boolean operator operand, conditional
expression, comprehension condition and match case), and the places that branch on
``doc.kind``. ``tests/test_layering.py`` uses :func:`functions` to hold the limits.

    python tests/codesize.py [--top N]
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nd30check"


@dataclass
class Func:
    module: str
    name: str
    line: int
    lines: int
    complexity: int
    docstring: str

    @property
    def where(self) -> str:
        return f"{self.module}:{self.name} (line {self.line})"


def _complexity(node: ast.AST) -> int:
    """Cyclomatic complexity of one function, nested functions excluded (they count alone)."""
    n = 1
    stack = list(ast.iter_child_nodes(node))
    while stack:
        x = stack.pop()
        if isinstance(x, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(x, (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.With)):
            n += 0 if isinstance(x, ast.With) else 1
        elif isinstance(x, ast.BoolOp):
            n += len(x.values) - 1
        elif isinstance(x, ast.comprehension):
            n += 1 + len(x.ifs)
        elif isinstance(x, ast.match_case):
            n += 1
        elif isinstance(x, ast.Assert):
            n += 1
        stack.extend(ast.iter_child_nodes(x))
    return n


def modules() -> list[tuple[str, int]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        out.append((str(path.relative_to(ROOT)), len(path.read_text(encoding="utf-8").splitlines())))
    return out


def functions() -> list[Func]:
    out: list[Func] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out.append(Func(rel, node.name, node.lineno, node.end_lineno - node.lineno + 1,
                                _complexity(node), ast.get_docstring(node) or ""))
    return out


def _is_doc(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "doc" or isinstance(node, ast.Attribute) and node.attr == "doc"


def kind_branches(under: str = "nd30check/checks") -> list[str]:
    """Places under ``under`` that read the document's file kind (``doc.kind``/``ctx.doc.kind``)."""
    out = []
    for path in sorted((ROOT / under).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "kind" and _is_doc(node.value):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return out


def main(argv: list[str]) -> int:
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 15
    mods = sorted(modules(), key=lambda m: -m[1])
    funcs = functions()
    print(f"modules: {len(mods)}, lines: {sum(n for _, n in mods)}")
    print("largest modules:")
    for name, n in mods[:top]:
        print(f"  {n:5d}  {name}")
    print("longest functions:")
    for f in sorted(funcs, key=lambda f: -f.lines)[:top]:
        print(f"  {f.lines:5d} lines  cc {f.complexity:3d}  {f.where}")
    print("most complex functions:")
    for f in sorted(funcs, key=lambda f: -f.complexity)[:top]:
        print(f"  cc {f.complexity:3d}  {f.lines:5d} lines  {f.where}")
    over = [f for f in funcs if f.lines > 60 or f.complexity > 25]
    print(f"functions over 60 lines or complexity 25: {len(over)}; over complexity 40: "
          f"{sum(1 for f in funcs if f.complexity > 40)}")
    kinds = kind_branches()
    print(f"doc.kind reads under nd30check/checks: {len(kinds)}")
    for k in kinds:
        print(f"  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
