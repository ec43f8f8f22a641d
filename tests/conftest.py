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


@pytest.fixture(scope="session", autouse=True)
def _ocr_page_cache(request, tmp_path_factory):
    """Recognised scan pages cached by content for the whole session (and across sessions in
    pytest's cache folder): the scan corpus, the real scans and the golden outputs read the
    same pages; Tesseract runs once per page and OCR code version (readers/ocr/pagecache.py)."""
    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("nd30check-ocr") if cache is not None else tmp_path_factory.mktemp("ocr-pages")
    old = os.environ.get("ND30CHECK_OCR_CACHE")
    os.environ["ND30CHECK_OCR_CACHE"] = str(folder)
    yield
    if old is None:
        os.environ.pop("ND30CHECK_OCR_CACHE", None)
    else:
        os.environ["ND30CHECK_OCR_CACHE"] = old
