"""``nd30check fix``: a corrected copy of a .docx for every layout defect that can be fixed
safely (issue 13).

The checks say what is wrong and, for what can be corrected without a person's judgement,
how (``checks.base.Change``, computed from the rule pack's parameters); this package turns
those corrections into the smallest edits of the file — at the style a value comes from when
every user of it is wrong, else at the run or paragraph — applies them to a copy, checks the
copy again and keeps only what made nothing worse. Names, numbers and symbols are never
rewritten; signed files and PDFs are refused.

* :mod:`.run` — one file: refuse, check, plan, apply, re-check, write;
* :mod:`.plan` — corrections → edits (where each goes, from the reader's locators);
* :mod:`.apply` — edits → XML, one small function per kind of property; :mod:`.text`,
  :mod:`.lines` — text edits and drawn lines;
* :mod:`.xml` — schema order, element addresses, parts written back spliced;
* :mod:`.package` — the zip, untouched entries copied byte for byte;
* :mod:`.report` — what the command prints (``--diff`` and the summary).
"""

from .run import DEFAULT_SUFFIX, Outcome, default_output, fix_file

__all__ = ["DEFAULT_SUFFIX", "Outcome", "default_output", "fix_file"]
