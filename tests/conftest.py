"""Shared test locations. Fixtures are real files: committed samples, or made at test time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("ND30_SHARED", ROOT.parent / "shared"))
# real public documents, copied from ../shared/real-samples (provenance: tests/real/SOURCES.md)
REAL_SAMPLES = ROOT / "tests" / "real" / "files"


@pytest.fixture(scope="session")
def real_samples() -> Path:
    if not REAL_SAMPLES.is_dir():
        pytest.skip(f"real samples not found at {REAL_SAMPLES} (a checkout without tests/real/files)")
    return REAL_SAMPLES


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Never read or write the user's result cache from tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
