"""No function over ~60 lines or 25 branches without a reason in its docstring ("Kept whole:").

Scope: the knowledge and rule layers (model, text, rule pack, engine, checks, structure, the
measurement layer, the .docx reader), and issue 10 part B's: the results model, words and
sources, the pipeline (check, batch, executor, workers, bundles, progress, inputs, cache) and
report/. Measured with tests/codesize.py (cyclomatic complexity
counted as radon does); ``python tests/codesize.py`` prints the figures for the whole package.
"""

from __future__ import annotations

import codesize

SCOPE = ("nd30check/model.py", "nd30check/text/", "nd30check/doctypes.py", "nd30check/rulepack.py",
         "nd30check/engine.py", "nd30check/checks/", "nd30check/structure/", "nd30check/measure/",
         "nd30check/readers/docx/",
         "nd30check/results.py", "nd30check/words.py", "nd30check/source.py", "nd30check/serialize.py",
         "nd30check/summary.py", "nd30check/check.py", "nd30check/batch.py", "nd30check/executor.py",
         "nd30check/workers.py", "nd30check/bundles.py", "nd30check/progress.py", "nd30check/inputs.py",
         "nd30check/cache.py", "nd30check/report/")
OWNED_ELSEWHERE: tuple[str, ...] = ()
MAX_LINES, MAX_COMPLEXITY = 60, 25


def test_big_functions_say_why() -> None:
    offenders = [f"{f.where}: {f.lines} lines, complexity {f.complexity}"
                 for f in codesize.functions()
                 if f.module.startswith(SCOPE) and not f.module.startswith(OWNED_ELSEWHERE)
                 and (f.lines > MAX_LINES or f.complexity > MAX_COMPLEXITY) and "Kept whole:" not in f.docstring]
    assert not offenders, "split these, or say why in the docstring (\"Kept whole: …\"):\n" + "\n".join(offenders)


def test_no_module_of_that_scope_is_a_god_module() -> None:
    big = [f"{m}: {n} lines" for m, n in codesize.modules() if m.startswith(SCOPE) and n > 700
           and not m.startswith(OWNED_ELSEWHERE)]
    assert not big, big
