"""Speed of the PDF reader against pdfplumber's character extraction, on the same files.

Usage: ``python benchmarks/bench_pdf.py [FILE_OR_DIR ...] [--repeat N]``

Without arguments it uses the PDFs of the samples (``samples/pdf/**.pdf``, when present), the
real scanned samples (``../shared/real-samples``) and the test fixtures of
``tests/pdf_fixtures.py`` plus a generated 20-page Decree 30 document. Per file it keeps the
best of ``--repeat`` runs of ``read_pdf`` (the whole reader: text, fonts, layout, paragraphs)
and of pdfplumber's ``page.chars`` on every page (characters only), prints ms per page and
pages per second (all files, text-layer files, scans), then PASS/FAIL against the targets:
≤ 20 ms per page, and at least 2× faster than pdfplumber.
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


def per_file(files: list[Path], repeat: int) -> list[tuple[Path, int, bool, float, float]]:
    """(file, pages, has text layer, best ms read_pdf, best ms pdfplumber) per readable file."""
    import pdfplumber

    from nd30check.model import UnreadableError
    from nd30check.readers.pdf import read_pdf

    out = []
    for f in files:
        try:
            doc = read_pdf(str(f))
        except UnreadableError:
            continue
        ours = plumb = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            read_pdf(str(f))
            ours = min(ours, time.perf_counter() - t)
            t = time.perf_counter()
            with pdfplumber.open(str(f)) as pdf:
                for page in pdf.pages:
                    _ = page.chars
            plumb = min(plumb, time.perf_counter() - t)
        out.append((f, doc.page_count or 0, doc.has_text_layer, ours * 1000, plumb * 1000))
    return out


def report(label: str, rows: list[tuple[Path, int, bool, float, float]]) -> tuple[float, float]:
    pages = sum(r[1] for r in rows) or 1
    ours = sum(r[3] for r in rows) / pages
    plumb = sum(r[4] for r in rows) / pages
    print(f"{label}: {len(rows)} files, {pages} pages")
    print(f"  read_pdf             : {ours:7.2f} ms/page  {1000 / ours if ours else 0:8.1f} pages/s")
    print(f"  pdfplumber page.chars: {plumb:7.2f} ms/page  {1000 / plumb if plumb else 0:8.1f} pages/s"
          f"  (pdfplumber / read_pdf = {plumb / ours if ours else 0:.1f}×)")
    return ours, plumb


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
        import logging

        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        per_file(files[:1], 1)  # warm up imports outside the timing
        rows = per_file(files, args.repeat)
    ours, plumb = report("all files", rows)
    report("with a text layer", [r for r in rows if r[2]])
    report("scanned (no text layer)", [r for r in rows if not r[2]])
    speedup = plumb / ours if ours else float("inf")
    ok1 = ours <= TARGET_MS_PER_PAGE
    ok2 = speedup >= TARGET_SPEEDUP
    print(f"target ≤ {TARGET_MS_PER_PAGE:g} ms/page: {'PASS' if ok1 else 'FAIL'} ({ours:.2f})")
    print(f"target ≥ {TARGET_SPEEDUP:g}× pdfplumber: {'PASS' if ok2 else 'FAIL'} ({speedup:.1f}×)")
    return 0 if ok1 and ok2 else 1


if __name__ == "__main__":
    sys.exit(main())
