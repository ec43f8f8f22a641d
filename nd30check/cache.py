"""Result cache: one JSON file per (file content, rule pack, tool code, run settings).

A re-run over an unchanged folder only hashes the files. The key covers everything that
can change a result: the file's bytes, the rule pack's digest, the tool's own code (so a
development build never serves stale results), and the settings that shape the result
(profile, selection, severity overrides, trust settings and the bytes of the trust, CRL and
OCSP files, SHA-1 policy, fixed "now", bundle). Not the language: a result holds keys and
values of the rule pack, and reports render them (``report/words.py``), so a run in
``--lang en`` reuses what a ``--lang vi`` run stored. What the key cannot hold is the
clock: a signed file's result is stamped with the day it was made and, without ``--now``,
reused on that day only (a signing time "in the future" stops being so; a certificate
judged at "now" expires; fetched revocation data ages). Unsigned files do not depend on the
clock and stay cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nd30check"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version + size/mtime of every module and rule file of the package (cheap, no reads)."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for p in sorted(list(root.rglob("*.py")) + list(root.glob("data/trust/*"))):
        st = p.stat()
        h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def file_digest(path: str, chunk: int = 1 << 20, max_bytes: int | None = None) -> str:
    """SHA-256 of a regular file's bytes. Anything else (a FIFO, a device such as /dev/zero,
    a looping link) or a file over ``max_bytes`` raises OSError instead of blocking or
    reading forever: such a file is then checked, uncached, and comes out unreadable."""
    import stat

    from .inputs import DEFAULT_MAX_BYTES

    cap = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(f"not a regular file: {path}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        h = hashlib.sha256()
        total = 0
        while True:
            block = os.read(fd, chunk)
            if not block:
                break
            total += len(block)
            if total > cap:
                raise OSError(f"larger than {cap} bytes: {path}")
            h.update(block)
        return h.hexdigest()
    finally:
        os.close(fd)


def today() -> str:
    """The calendar day in Vietnam: signature verdicts that depend on "now" are reused for
    one day at most (unless ``--now`` fixes the time)."""
    from datetime import datetime, timedelta, timezone

    return datetime.now(timezone(timedelta(hours=7))).date().isoformat()


def time_dependent(data: dict[str, Any]) -> bool:
    """Does a cached result carry signature verdicts judged against the clock (SIG-TIME
    "in the future", a chain judged at "now", revocation fetched online)?"""
    sigs = data.get("signatures") or {}
    return bool(sigs.get("signatures") or sigs.get("filled_fields") or sigs.get("problems"))


@lru_cache(maxsize=8)
def content_fingerprint(paths: tuple[str, ...]) -> str:
    """Hash of the bytes of trust anchors, CRLs and OCSP responses (files or folders): a
    nightly run with a fresh CRL under the same file name must not reuse old verdicts."""
    h = hashlib.sha256()
    for given in paths:
        p = Path(given)
        members = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for m in members:
            h.update(str(m).encode() + b"\0")
            try:
                h.update(file_digest(str(m)).encode())
            except OSError:
                h.update(b"unreadable")
    return h.hexdigest()[:16]


def _ocr_key(config: Any) -> str:
    """OCR on/off and the engine that would read scans (results differ with and without it)."""
    from .readers.ocr import ocr_key

    return ocr_key(bool(getattr(config, "ocr", True)))


def settings_key(config: Any, pack_digest: str, bundle: dict[str, Any] | None = None) -> str:
    """Everything besides the file's bytes that can change its result, hashed."""
    parts = {
        "pack": pack_digest,
        "code": code_fingerprint(),
        "profile": config.profile,
        "select": sorted(config.select),
        "ignore": sorted(config.ignore),
        "severity": sorted(config.severity.items()),
        "trust": sorted(config.trust),
        "trust_only": config.trust_only,
        "crl": sorted(config.crl),
        "ocsp": sorted(config.ocsp),
        "online": config.online,
        "allow_sha1": getattr(config, "allow_sha1", True),
        "now": config.now,
        "trust_content": content_fingerprint(tuple(config.trust) + tuple(config.crl) + tuple(config.ocsp)),
        "bundle": bundle,
        "ocr": _ocr_key(config),
        "converter": _converter(),  # a .doc checked without LibreOffice is checked again once it is installed
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:24]


def _converter() -> str:
    from .readers.legacy.soffice import fingerprint

    return fingerprint()


class ResultCache:
    def __init__(self, folder: str | os.PathLike[str] | None):
        self.folder = Path(folder) if folder else default_dir()

    def _path(self, digest: str, settings: str) -> Path:
        return self.folder / digest[:2] / f"{digest}-{settings}.json"

    def get(self, digest: str, settings: str) -> dict[str, Any] | None:
        path = self._path(digest, settings)
        try:
            with path.open("r", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return None
        try:
            os.utime(path)  # "last used", for pruning
        except OSError:
            pass
        return data if isinstance(data, dict) else None

    def prune(self, max_age_days: float = 90.0, now: float | None = None) -> int:
        """Delete entries unused for ``max_age_days`` (results of old tool versions, files
        long gone) and stray temp files; returns how many files went. Runs at most once a
        day per cache folder (a stamp file), so a nightly audit keeps the cache bounded."""
        import time

        now = time.time() if now is None else now
        stamp = self.folder / ".pruned"
        try:
            if now - stamp.stat().st_mtime < 86400:
                return 0
        except OSError:
            pass
        removed = 0
        try:
            subfolders = [d for d in self.folder.iterdir() if d.is_dir() and len(d.name) == 2]
        except OSError:
            return 0
        for sub in subfolders:
            try:
                entries = list(os.scandir(sub))
            except OSError:
                continue
            for e in entries:
                try:
                    age = now - e.stat().st_mtime
                    if (e.name.endswith(".json") and age > max_age_days * 86400) or (e.name.endswith(".tmp") and age > 86400):
                        os.unlink(e.path)
                        removed += 1
                except OSError:
                    continue
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            pass
        return removed

    def put(self, digest: str, settings: str, data: dict[str, Any]) -> None:
        target = self._path(digest, settings)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written is only slower, never wrong
