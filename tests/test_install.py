"""Rules ship in every install, and a broken install refuses to run (issue 8, item 1).

* The wheel a user installs carries the rule pack and the trust store as real files, and run
  from the unpacked wheel, outside the checkout, the 12-pt body sample fails ND30-BODY-SIZE.
* A package whose rule pack is missing or empty never checks anything: every entry point
  (check, audit, rules, explain) exits 2 with one line on stderr and prints nothing else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "nd30check"
SAMPLE = ROOT / "samples" / "defects" / "ND30-BODY-SIZE--12pt.docx"


def _site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


def _run_from(pkg_parent: Path, *args: str, cwd: Path, module: bool = False) -> subprocess.CompletedProcess:
    """Run ``nd30check`` from a copy of the package: ``-S`` so that the editable install's
    path hook (a .pth file) cannot put the checkout back on the path; dependencies come from
    this venv's site-packages, named explicitly. ``module``: as ``python -m nd30check``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join([str(pkg_parent), _site_packages()])
    code = "import sys; from nd30check.cli import main; sys.argv[0] = 'nd30check'; main()"
    how = ["-m", "nd30check"] if module else ["-c", code]
    return subprocess.run([sys.executable, "-S", *how, *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


def _copy_package(dst: Path, *, rules: str) -> Path:
    """A copy of the package; ``rules``: "keep", "missing" (no rules folder) or "empty"."""
    target = dst / "nd30check"
    shutil.copytree(PKG, target, ignore=shutil.ignore_patterns("__pycache__"))
    if rules != "keep":
        shutil.rmtree(target / "rules")
    if rules == "empty":
        (target / "rules").mkdir()
        (target / "rules" / "body.toml").write_text("# a rule file that lost its rules\n", encoding="utf-8")
    return dst


@pytest.mark.parametrize("rules", ["missing", "empty"])
def test_every_entry_point_refuses_without_rules(tmp_path: Path, rules: str) -> None:
    parent = _copy_package(tmp_path / "site", rules=rules)
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    for args, module in ((["check", str(folder / SAMPLE.name), "--no-cache"], False), (["audit", str(folder), "--no-cache"], False),
                         (["rules"], False), (["explain", "ND30-BODY-SIZE"], False),
                         (["check", str(folder), "--format", "json", "--lang", "en"], False),
                         (["check", str(folder), "--no-cache"], True)):
        p = _run_from(parent, *args, cwd=tmp_path, module=module)
        assert p.returncode == 2, (args, p.returncode, p.stdout[:300], p.stderr[:300])
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("nd30check: "), (args, p.stderr)
        assert "rule" in lines[0].lower() or "quy tắc" in lines[0], lines[0]
        assert "Traceback" not in p.stderr and p.stdout == "", args


def test_a_complete_copy_of_the_package_checks(tmp_path: Path) -> None:
    """The same harness with the rules in place fails the defect: the refusal above is the
    missing pack, not the harness."""
    parent = _copy_package(tmp_path / "site", rules="keep")
    p = _run_from(parent, "check", str(SAMPLE), "--no-cache", "--select", "ND30-BODY-SIZE", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert "ND30-BODY-SIZE" in p.stdout and "KHÔNG ĐẠT" in p.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # build from a clean copy: a stale build/ left in a developer's checkout by an earlier build
    # would put deleted modules into the wheel (setuptools reuses build/lib)
    src = tmp_path_factory.mktemp("src") / "nd30check"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("build", "dist", ".venv", ".git", "*.egg-info", "__pycache__",
                                                             "tests", "samples", "benchmarks", ".nd30check-cache"))
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(src)],
                       capture_output=True, text=True, timeout=300)
    wheels = list(out.glob("nd30check-*.whl"))
    if p.returncode != 0 or not wheels:
        pytest.skip(f"cannot build the wheel here (pip wheel: {p.stderr.strip().splitlines()[-1:] or p.returncode})")
    return wheels[0]


def test_wheel_carries_the_rule_pack_and_the_trust_store(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for src in sorted((PKG / "rules").glob("*.toml")) + sorted((PKG / "data" / "trust").glob("*.pem")):
            rel = src.relative_to(ROOT).as_posix()
            assert rel in names, f"{rel} is not in the wheel"
            assert z.read(rel) == src.read_bytes(), f"{rel} differs in the wheel"
        # a symlink in a zip is a file whose external attributes say S_IFLNK
        links = [i.filename for i in z.infolist() if (i.external_attr >> 16) & 0o170000 == 0o120000]
        assert not links, links


def test_unpacked_wheel_outside_the_checkout_fails_the_12pt_sample(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    doc = tmp_path / "doc.docx"
    shutil.copy(SAMPLE, doc)
    p = _run_from(site, "check", str(doc), "--no-cache", "--format", "json", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    import json

    f = json.loads(p.stdout)["files"][0]
    assert f["rules"]["ND30-BODY-SIZE"] == "fail"
    assert f["verdict"] == "non-compliant" and f["verdicts"]["format"] == "non-compliant"
    listing = _run_from(site, "rules", cwd=tmp_path)
    assert listing.returncode == 0 and len(listing.stdout.splitlines()) > 50
