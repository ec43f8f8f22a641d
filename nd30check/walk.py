"""Finding the documents to check under the paths a user gives.

Recursive, deterministic (sorted by path), never follows a symbolic link out of the root nor
into a folder (no loops), skips Office lock files (``~$*.docx``) and hidden files/folders,
and applies ``--include``/``--exclude`` globs (matched against the path relative to the root,
and the file name). Copes with tens of thousands of files: ``os.scandir`` and no stat calls
beyond what scandir already did.

Nothing here reads a file. An entry named like a document is taken whatever it is (a FIFO, a
device, a broken or looping link): the checker then reports it FILE-UNREADABLE instead of the
walk blocking on it or dying. What the walk leaves out on purpose or could not look into is
listed in ``skipped`` with a reason, so a report can say so:

* ``link-outside``: a link leading out of the checked folder (never followed; not an error);
* ``link-loop``: a link that loops and is not named like a document (an input error);
* ``unlistable``: a folder that could not be listed, e.g. no permission (an input error).
"""

from __future__ import annotations

import fnmatch
import os

DOC_SUFFIXES = (".docx", ".pdf")
# Shown to the user as unreadable (with advice) rather than silently skipped.
CONVERTIBLE_SUFFIXES = (".doc", ".odt", ".rtf", ".docm", ".dotx")
# an entry left out, with why; ERROR_REASONS: the reasons that mean an input could not be
# read (exit code 2), not a deliberate skip — both part of the results model
from .results import ERROR_REASONS, Skipped  # noqa: E402,F401


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


def _inside(target: str, root_real: str) -> bool:
    return target == root_real or target.startswith(root_real.rstrip(os.sep) + os.sep)


def _walk_folder(root: str, include: list[str], exclude: list[str], skipped: list[Skipped]) -> list[str]:
    root_real = os.path.realpath(root)
    found: list[str] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            skipped.append(Skipped(folder, "unlistable", exc.strerror or str(exc)))
            continue
        for e in entries:
            rel = os.path.relpath(e.path, root).replace(os.sep, "/")
            try:
                is_link = e.is_symlink()
            except OSError:
                is_link = False
            if is_link:
                if e.name.startswith("."):
                    continue
                if not _inside(os.path.realpath(e.path), root_real):
                    if _wanted(rel, e.name, include, exclude) or _is_dir(e) is True:
                        skipped.append(Skipped(e.path, "link-outside", os.path.realpath(e.path)))
                    continue
                kind = _is_dir(e)
                if kind is True:
                    continue  # a link to a folder inside the root: its files are reached anyway; no loops
                if _wanted(rel, e.name, include, exclude):
                    found.append(e.path)  # a file link, a broken link or a loop: the checker says which
                elif kind is None:
                    skipped.append(Skipped(e.path, "link-loop"))
                continue
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if not e.name.startswith("."):
                    stack.append(e.path)
            elif _wanted(rel, e.name, include, exclude):
                found.append(e.path)  # regular or not: FIFOs and devices come out unreadable
    return sorted(found)


def _is_dir(e: os.DirEntry) -> bool | None:
    """True/False, or None when the link loops (or cannot be followed for another reason)."""
    try:
        return e.is_dir()
    except OSError:
        return None


def walk(paths: list[str], include: list[str] | None = None, exclude: list[str] | None = None,
         skipped: list[Skipped] | None = None) -> list[str]:
    """Files to check. Paths named explicitly are always taken (even with other suffixes,
    even when they are no regular file: they come out unreadable). ``skipped`` (optional)
    receives what was left out, with a reason."""
    include = include or []
    exclude = exclude or []
    skipped = [] if skipped is None else skipped
    out: list[str] = []
    seen: set[str] = set()
    for given in paths:
        s = str(given)
        members = _walk_folder(s, include, exclude, skipped) if os.path.isdir(s) else [s]
        for f in members:
            if f not in seen:
                seen.add(f)
                out.append(f)
    return out
