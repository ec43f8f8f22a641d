"""The stable identity of a finding, shared by baselines and SARIF.

A finding is identified by the file's name (not its folder: archives move), the rule, the
excerpt, the actual value as shown, and the signature it concerns — not by paragraph number,
which shifts when text is edited.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def fingerprint_text(path: str, f) -> str:
    return "|".join([Path(path).name, f.rule, str(f.excerpt or ""), str(f.actual or ""), str(f.signature if f.signature is not None else "")])


def finding_fingerprint(path: str, f) -> str:
    """The baseline identity of a finding, hashed (32 hex digits): SARIF's stable fingerprint."""
    return hashlib.sha256(fingerprint_text(path, f).encode("utf-8", "backslashreplace")).hexdigest()[:32]
