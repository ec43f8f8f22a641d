"""Folders and runs for the audit database tests.

Two days of one folder of real sample documents (the signed compliant samples, trusted
through the samples' demo configuration, and defect samples, which are unsigned):

* day 1: the 15 compliant samples; ``to-fix.docx`` (12-pt body text, unsigned);
  ``to-break.docx`` (a compliant decision); ``going.docx`` (a 20 mm left margin);
* day 2: ``to-fix.docx`` replaced by a compliant, signed invitation (fixed);
  ``to-break.docx`` by Arial as the default font (started failing); ``going.docx`` removed;
  ``new.docx`` added (a signed official letter). The 15 others unchanged: 16 documents each
  day (18 files, two of them separate appendices), 14 then 15 of them well formatted and
  validly signed by their agency.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CONFIG = SAMPLES / "nd30check.toml"
DAY1 = "2026-06-01T20:00:00+07:00"
DAY2 = "2026-06-02T20:00:00+07:00"


def day1(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted((SAMPLES / "compliant").glob("*.docx")):
        shutil.copy(p, folder / p.name)
    shutil.copy(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx", folder / "to-fix.docx")
    shutil.copy(SAMPLES / "compliant" / "qd-ubnd-thanh-lap-to-cong-tac.docx", folder / "to-break.docx")
    shutil.copy(SAMPLES / "defects" / "ND30-MARGIN--left-20mm.docx", folder / "going.docx")
    return folder


def day2(folder: Path) -> Path:
    shutil.copy(SAMPLES / "compliant" / "gm-ubnd-hoi-nghi-so-ket.docx", folder / "to-fix.docx")
    shutil.copy(SAMPLES / "defects" / "ND30-FONT--arial-in-docdefaults.docx", folder / "to-break.docx")
    (folder / "going.docx").unlink()
    shutil.copy(SAMPLES / "compliant" / "cv-ubnd-mot-noi-nhan-2-trang.docx", folder / "new.docx")
    return folder


def bulk(folder: Path, n: int) -> Path:
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), "--bulk", str(n), "--out", str(folder)],
                   check=True, capture_output=True, timeout=600)
    (folder / "labels.json").unlink(missing_ok=True)
    return folder


def nd30(*args: str, env: dict[str, str] | None = None, timeout: float = 600, **kw: Any) -> subprocess.CompletedProcess:
    """The installed command, as a user (or cron) runs it: a real process."""
    full = {**os.environ, "CI": "1", **(env or {})}
    full.pop("ND30CHECK_DB", None)
    exe = Path(sys.executable).with_name("nd30check")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, env=full, **kw)


def popen(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Started in its own process group, so a test can kill it together with its workers."""
    full = {**os.environ, "CI": "1", **(env or {})}
    full.pop("ND30CHECK_DB", None)
    exe = Path(sys.executable).with_name("nd30check")
    return subprocess.Popen([str(exe), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full,
                            start_new_session=True)


def audit_args(folder: Path, url: str, now: str, *extra: str) -> list[str]:
    return ["audit", str(folder), "--db", url, "--config", str(CONFIG), "--now", now, "--no-cache", *extra]


def config(now: str):
    from nd30check.config import load_config

    return load_config(CONFIG, {"now": now, "cache": False})


def report(url: str, scope: list[str] | None = None, now: str = DAY2, **kw: Any) -> dict[str, Any]:
    from nd30check.auditdb import open_database
    from nd30check.auditdb.figures import build_report
    from nd30check.auditdb.record import scope_of

    with open_database(url) as db:
        return build_report(db, scope_key=scope_of(scope)[1] if scope else None, generated_at=now, **kw)


def query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    from nd30check.auditdb import open_database

    with open_database(url) as db:
        return db.all(sql, params)
