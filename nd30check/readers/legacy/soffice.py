"""Running LibreOffice headless, safely, to turn a legacy document into a .docx.

Each conversion gets its own private folder (mode 0700) holding a copy of the input, a fresh
LibreOffice profile (``-env:UserInstallation``) and the output: two conversions never share a
profile, whether they run in parallel batch workers, threads of the web server, or two
nd30check processes. The user's file is only read (copied once); LibreOffice never sees its
path, so no lock file (``.~lock.*#``) appears next to it.

The profile is written before the first start with macros off (security level "very high"
and macro execution disabled), links never updated and untrusted referer links blocked, so a
hostile document can neither run code nor fetch anything. LibreOffice runs with a time limit
in its own process group, killed as a whole when time runs out; on Linux it is also killed if
the worker that started it dies (PR_SET_PDEATHSIG), so a batch timeout leaves no orphan.

``ND30CHECK_SOFFICE`` chooses the program: a path or a command name, or ``off`` (also ``0``,
``none``, ``no``) to never convert. Without it, ``soffice``/``libreoffice`` on PATH and the
usual install folders are tried.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ENV_VAR = "ND30CHECK_SOFFICE"
TIMEOUT_ENV_VAR = "ND30CHECK_CONVERT_TIMEOUT"
DEFAULT_TIMEOUT = 45.0  # seconds; the batch's per-file limit (60 s) must still leave time to check
_OFF = {"", "0", "off", "none", "no", "false"}
_RESTART = 81  # soffice.bin asks to be restarted after it set up a fresh profile (oosplash does the same)

_CANDIDATES = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

# Profile settings (LibreOffice registry, "registrymodifications.xcu").
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentOOoLockFile" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentSystemFileLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="CreateBackup" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


class ConversionError(Exception):
    """LibreOffice could not convert the file: ``code`` is "convert-timeout" or "convert-failed"."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Office:
    """An installed LibreOffice: the program we run and its version."""

    program: str  # soffice.bin when found next to the launcher, else the launcher
    home: str  # the install's program folder

    @property
    def version(self) -> str:
        """"7.4.7.2", or "" when it cannot be found out (asked once per process)."""
        return _version(self.home)

    @property
    def name(self) -> str:
        return f"LibreOffice {self.version}".strip()


def configured_program() -> str | None:
    """What ``ND30CHECK_SOFFICE`` or the usual places point at (None = conversion off / absent)."""
    value = os.environ.get(ENV_VAR)
    if value is not None:
        value = value.strip()
        if value.lower() in _OFF:
            return None
        if os.path.isfile(value) and os.access(value, os.X_OK):
            return os.path.abspath(value)
        return shutil.which(value)
    for name in ("soffice", "libreoffice"):
        hit = shutil.which(name)
        if hit:
            return hit
    for cand in _CANDIDATES:
        if os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def find_office() -> Office | None:
    """The LibreOffice to convert with, or None. Cheap: no process is started."""
    prog = configured_program()
    return _office_at(prog) if prog else None


@lru_cache(maxsize=8)
def _office_at(launcher: str) -> Office:
    real = Path(os.path.realpath(launcher))
    program = str(real)
    binary = real.parent / ("soffice.bin" if os.name != "nt" else "soffice.exe")
    if real.name in ("soffice", "libreoffice") and binary.is_file() and os.access(binary, os.X_OK):
        program = str(binary)  # run the office itself: its process is the one we time and kill
    return Office(program=program, home=str(real.parent))


@lru_cache(maxsize=8)
def _version(home: str) -> str:
    """Version from the install's ``versionrc``/``version.ini``, else ``soffice --version``."""
    program_dir = Path(home)
    for name in ("versionrc", "version.ini"):
        f = program_dir / name
        try:
            text = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith(("ProductVersion=", "MsiProductVersion=")):
                return line.split("=", 1)[1].strip()
        build = next((ln.split("=", 1)[1] for ln in text.splitlines() if ln.startswith("buildid=")), "")
        if build:
            return _version_from_binary(program_dir) or build
    return _version_from_binary(program_dir)


def _version_from_binary(program_dir: Path) -> str:
    """Debian's versionrc has no ProductVersion: take it from ``soffice --version`` once."""
    launcher = program_dir / "soffice"
    if not launcher.is_file():
        return ""
    try:
        out = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=20,
                             env=_env(Path(tempfile.gettempdir()))).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    parts = out.split()
    return parts[1] if len(parts) > 1 and parts[0] == "LibreOffice" else ""


def fingerprint() -> str:
    """Identity of the converter for result caches: a file checked without LibreOffice must be
    checked again once it is installed (and after it is upgraded)."""
    office = find_office()
    if office is None:
        return "none"
    try:
        st = os.stat(office.program)
    except OSError:
        return office.program
    return f"{office.program}:{st.st_size}:{int(st.st_mtime)}"


def timeout_seconds() -> float:
    try:
        return max(0.05, float(os.environ.get(TIMEOUT_ENV_VAR, DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


# --------------------------------------------------------------------------- running

def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAL_", "OOO_", "UNO_", "URE_"))}
    env.update(HOME=str(home), TMPDIR=str(home), TMP=str(home), TEMP=str(home), LC_ALL="C.UTF-8",
               SAL_USE_VCLPLUGIN="svp", SAL_DISABLE_JAVALDX="1")
    return env


def _die_with_parent() -> None:  # runs in the child between fork and exec (Linux only)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


WORKDIR_PREFIX = "nd30check-convert-"


def new_workdir() -> Path:
    """A private folder for one conversion (the caller removes it). Its name carries our pid:
    folders left by a worker killed mid-conversion (batch time limit) are swept here."""
    _sweep_orphans()
    return Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-"))


def _sweep_orphans() -> None:
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for e in entries:
        if not e.name.startswith(WORKDIR_PREFIX):
            continue
        pid = e.name[len(WORKDIR_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            if e.is_dir(follow_symlinks=False) and e.stat(follow_symlinks=False).st_uid == os.getuid():
                shutil.rmtree(e.path, ignore_errors=True)
        except (OSError, AttributeError):
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def write_profile(work: Path) -> Path:
    profile = work / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    return profile


def run_conversion(office: Office, source: Path, outdir: Path, work: Path, timeout: float,
                   target: str = 'docx:"MS Word 2007 XML"') -> Path:
    """Convert ``source`` (inside ``work``) into ``outdir``; return the produced file."""
    profile = write_profile(work)
    outdir.mkdir(exist_ok=True)
    cmd = [office.program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
           "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
           "--convert-to", target.replace('"', ""), "--outdir", str(outdir), str(source)]
    deadline = time.monotonic() + timeout
    last = ""
    for _attempt in range(3):  # a fresh profile makes soffice.bin ask for one restart (code 81)
        left = deadline - time.monotonic()
        if left <= 0:
            break
        popen_kw: dict = {"cwd": str(work), "env": _env(work), "stdin": subprocess.DEVNULL,
                          "stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
        if os.name == "posix":
            popen_kw["start_new_session"] = True
            if sys.platform.startswith("linux"):
                popen_kw["preexec_fn"] = _die_with_parent
        try:
            proc = subprocess.Popen(cmd, **popen_kw)
        except OSError as exc:
            raise ConversionError("convert-failed", f"cannot start LibreOffice: {exc}") from None
        try:
            out, _ = proc.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise ConversionError("convert-timeout", f"LibreOffice took longer than {timeout:g} s") from None
        finally:
            _kill_group_quietly(proc)
        last = out.decode("utf-8", "replace").strip()
        if proc.returncode == _RESTART:
            continue
        break
    else:
        raise ConversionError("convert-failed", "LibreOffice kept asking to restart")
    if time.monotonic() > deadline and not any(outdir.iterdir()):
        raise ConversionError("convert-timeout", f"LibreOffice took longer than {timeout:g} s")
    produced = sorted(p for p in outdir.iterdir() if p.is_file())
    if not produced or produced[0].stat().st_size == 0:
        detail = last.splitlines()[-1] if last else f"exit code {proc.returncode}"
        raise ConversionError("convert-failed", detail)
    return produced[0]


def _kill_group_quietly(proc: subprocess.Popen[bytes]) -> None:
    """Leftover helpers of the office (its own children) go with it."""
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass
