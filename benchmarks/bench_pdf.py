"""Speed of the PDF reader against pdfplumber's character extraction, on the same files.

Usage: ``python benchmarks/bench_pdf.py [FILE_OR_DIR ...] [--repeat N]``

Without arguments it uses the PDFs of the samples (``samples/pdf/**.pdf``, when present), the
real scanned samples (``../shared/real-samples``) and the test fixtures of
``tests/pdf_fixtures.py`` plus a generated 20-page Decree 30 document. It prints ms per page
and pages per second for ``read_pdf`` (the whole reader: text, fonts, layout, paragraphs) and
for pdfplumber's ``page.chars`` on every page (characters only), then PASS/FAIL against the
targets: ≤ 20 ms per page, and at least 2× faster than pdfplumber.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TARGET_MS_PER_PAGE = 20.0
TARGET_SPEEDUP = 2.0


def default_files(tmp: Path) -> list[Path]:
    import pdf_fixtures as F

    files = sorted((ROOT / "samples").glob("**/*.pdf"))
    real = ROOT.parent / "shared" / "real-samples"
    files += sorted(real.glob("*.pdf")) if real.is_dir() else []
    for name in ("nd30-layout.pdf", "nd30-word-names.pdf", "simple-fonts.pdf", "glyph-by-glyph.pdf", "colours-forms.pdf"):
        p = tmp / name
        p.write_bytes(F.ALL[name]())
        files.append(p)
    big = tmp / "nd30-20-pages.pdf"
    big.write_bytes(F.nd30_layout(pages=20))
    files.append(big)
    return files


def time_reader(files: list[Path], repeat: int) -> tuple[float, int]:
    from nd30check.model import UnreadableError
    from nd30check.readers.pdf import read_pdf

    pages = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            try:
                doc = read_pdf(str(f))
                pages += doc.page_count or 0
            except UnreadableError:
                pass
    return time.perf_counter() - start, pages


def time_pdfplumber(files: list[Path], repeat: int) -> tuple[float, int]:
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            try:
                with pdfplumber.open(str(f)) as pdf:
                    for page in pdf.pages:
                        _ = page.chars
                        pages += 1
            except Exception:
                pass
    return time.perf_counter() - start, pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as td:
        files: list[Path] = []
        for p in map(Path, args.paths):
            files += sorted(p.glob("**/*.pdf")) if p.is_dir() else [p]
        if not files:
            files = default_files(Path(td))
        # warm up imports and caches outside the timing
        time_reader(files[:1], 1)
        time_pdfplumber(files[:1], 1)
        t_ours, n_ours = time_reader(files, args.repeat)
        t_plumb, n_plumb = time_pdfplumber(files, args.repeat)
    ms_ours = 1000 * t_ours / max(n_ours, 1)
    ms_plumb = 1000 * t_plumb / max(n_plumb, 1)
    speedup = ms_plumb / ms_ours if ms_ours else float("inf")
    print(f"files: {len(files)}, pages per pass: {n_ours // args.repeat}, passes: {args.repeat}")
    print(f"read_pdf            : {ms_ours:7.2f} ms/page  {1000 / ms_ours if ms_ours else 0:8.1f} pages/s")
    print(f"pdfplumber page.chars: {ms_plumb:7.2f} ms/page  {1000 / ms_plumb if ms_plumb else 0:8.1f} pages/s")
    ok1 = ms_ours <= TARGET_MS_PER_PAGE
    ok2 = speedup >= TARGET_SPEEDUP
    print(f"target ≤ {TARGET_MS_PER_PAGE:g} ms/page: {'PASS' if ok1 else 'FAIL'} ({ms_ours:.2f})")
    print(f"target ≥ {TARGET_SPEEDUP:g}× pdfplumber: {'PASS' if ok2 else 'FAIL'} ({speedup:.1f}×)")
    return 0 if ok1 and ok2 else 1


if __name__ == "__main__":
    sys.exit(main())
