#!/usr/bin/env python3
"""Make the `nd30check fix` round-trip fixtures (run once; the outputs are committed).

    python tests/fix_fixtures.py        # needs LibreOffice

For a few defect samples — one per kind of edit the fix makes (document defaults, theme font,
runs, a section, paragraph spacing, text, a line added, a line's length, the first-page
header) — it writes the fixed copy (``<sample>.da-sua.docx``) and that copy opened and saved
again by LibreOffice (``<sample>.da-sua.lo.docx``: what a clerk gets after editing the fixed
copy in LibreOffice Writer), with ``manifest.json`` naming the rule each one fixes.
``tests/test_fix_roundtrip.py`` checks that the round-tripped copies still pass their rule.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nd30check.config import Config  # noqa: E402
from nd30check.fix import fix_file  # noqa: E402
from nd30check.readers.legacy.soffice import find_office, new_workdir, run_conversion  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "fix"
SAMPLES = ["ND30-FONT--arial-in-docdefaults", "ND30-FONT--calibri-from-theme", "ND30-BODY-SIZE--12pt",
           "ND30-MARGIN--left-20mm", "ND30-BODY-SPACING--double-line", "ND30-TN-TEXT--en-dash",
           "ND30-CQ-LINE--missing", "ND30-CQ-LINE--too-long", "ND30-PAGE-NUMBER--on-first-page"]
CONFIG = dataclasses.replace(Config(), profile="draft", cache=False)


def libreoffice_roundtrip(src: Path, dst: Path) -> None:
    """``src`` opened and saved as .docx by LibreOffice into ``dst``."""
    office = find_office()
    if office is None:
        raise SystemExit("LibreOffice (soffice) is needed to make these fixtures")
    work = new_workdir()
    try:
        staged = work / "in" / src.name
        staged.parent.mkdir()
        shutil.copy(src, staged)
        produced = run_conversion(office, staged, work / "out", work, 120.0)
        shutil.copy(produced, dst)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    pack = load_pack()
    manifest = []
    for name in SAMPLES:
        outcome = fix_file(str(ROOT / "samples" / "defects" / f"{name}.docx"), CONFIG, pack, write=False)
        assert outcome.status == "fixed" and outcome.data, (name, outcome.status)
        fixed = OUT / f"{name}.da-sua.docx"
        fixed.write_bytes(outcome.data)
        libreoffice_roundtrip(fixed, OUT / f"{name}.da-sua.lo.docx")
        manifest.append({"sample": name, "rule": name.split("--")[0],
                         "fixed": fixed.name, "fixed_sha256": hashlib.sha256(outcome.data).hexdigest(),
                         "roundtrip": f"{name}.da-sua.lo.docx",
                         "edits": sorted({f"{e.prop}@{e.scope}" for e in outcome.edits})})
        print(f"{name}: {len(outcome.edits)} edit(s), round-tripped")
    (OUT / "manifest.json").write_text(json.dumps({"files": manifest}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
