"""Finding the documents to check under the paths a user gives.

Recursive, deterministic (sorted by path), never follows a symbolic link out of the root,
skips Office lock files (``~$*.docx``) and hidden files/folders, and applies
``--include``/``--exclude`` globs (matched against the path relative to the root, and the
file name). Copes with tens of thousands of files: ``os.scandir`` and no stat calls
beyond what scandir already did.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

DOC_SUFFIXES = (".docx", ".pdf")
# Shown to the user as unreadable (with advice) rather than silently skipped.
CONVERTIBLE_SUFFIXES = (".doc", ".odt", ".rtf", ".docm", ".dotx")


def _matches(rel: str, name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _wanted(rel: str, name: str, include: list[str], exclude: list[str]) -> bool:
    if name.startswith("~$") or name.startswith("."):
        return False
    if exclude and _matches(rel, name, exclude):
        return False
    if include:
        return _matches(rel, name, include)
    return name.lower().endswith(DOC_SUFFIXES + CONVERTIBLE_SUFFIXES)


def walk(paths: list[str], include: list[str] | None = None, exclude: list[str] | None = None) -> list[str]:
    """Files to check. Paths named explicitly are always taken (even with other suffixes)."""
    include = include or []
    exclude = exclude or []
    out: list[str] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            root_real = os.path.realpath(p)
            found: list[str] = []
            stack = [str(p)]
            while stack:
                folder = stack.pop()
                try:
                    entries = list(os.scandir(folder))
                except OSError:
                    continue
                for e in entries:
                    rel = os.path.relpath(e.path, p).replace(os.sep, "/")
                    if e.is_symlink():
                        target = os.path.realpath(e.path)
                        if not (target == root_real or target.startswith(root_real + os.sep)):
                            continue  # never leave the root through a link
                        if e.is_dir():
                            continue  # no link loops
                    if e.is_dir(follow_symlinks=False):
                        if not e.name.startswith("."):
                            stack.append(e.path)
                    elif e.is_file() and _wanted(rel, e.name, include, exclude):
                        found.append(e.path)
            for f in sorted(found):
                if f not in seen:
                    seen.add(f)
                    out.append(f)
        else:
            s = str(p)
            if s not in seen:
                seen.add(s)
                out.append(s)
    return out
