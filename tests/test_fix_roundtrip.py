"""A fixed copy survives LibreOffice: opened and saved again by Writer, it still passes the rule
the fix corrected (fixtures made once by ``tests/fix_fixtures.py``, committed), and the fix
itself still writes what those fixtures were made from."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config
from nd30check.fix import fix_file
from nd30check.report.words import Words
from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "fix"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))["files"]
CONFIG = dataclasses.replace(Config(), profile="draft", cache=False)


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["sample"])
def test_libreoffice_roundtrip_of_the_fixed_copy_still_passes(entry: dict) -> None:
    rt = FIXTURES / entry["roundtrip"]
    with zipfile.ZipFile(rt) as zf:  # a file LibreOffice wrote, not ours
        assert "LibreOffice" in zf.read("docProps/app.xml").decode("utf-8", "replace")
    res = check_path(str(rt), CONFIG)
    assert res.error is None, res.error
    assert res.statuses[entry["rule"]] == "pass", [f.message for f in Words().findings(res) if f.rule == entry["rule"]]
    fixed = check_path(str(FIXTURES / entry["fixed"]), CONFIG)
    assert fixed.statuses[entry["rule"]] == "pass"


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["sample"])
def test_the_fixtures_are_what_fix_writes_today(entry: dict) -> None:
    """If this fails the fix changed on purpose: run ``python tests/fix_fixtures.py`` again."""
    out = fix_file(str(ROOT / "samples" / "defects" / f"{entry['sample']}.docx"), CONFIG, load_pack(), write=False)
    assert out.data is not None
    assert hashlib.sha256(out.data).hexdigest() == entry["fixed_sha256"], "run: python tests/fix_fixtures.py"
    assert out.data == (FIXTURES / entry["fixed"]).read_bytes()


def test_python_docx_opens_the_fixed_and_roundtripped_copies() -> None:
    docx = pytest.importorskip("docx")
    for entry in MANIFEST:
        for name in (entry["fixed"], entry["roundtrip"]):
            assert docx.Document(io.BytesIO((FIXTURES / name).read_bytes())).paragraphs, name
