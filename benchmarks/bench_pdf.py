"""Speed of the PDF reader against pdfplumber's character extraction, on the same files.

Usage: ``python benchmarks/bench_pdf.py [FILE_OR_DIR ...] [--repeat N]``

Without arguments it uses the PDFs of the samples (``samples/pdf/**.pdf``, when present), the
real documents (``tests/real/files``: Word, Aspose, DevExpress and docx4j e-office PDFs and
scans) and the test fixtures of ``tests/pdf_fixtures.py`` plus a generated 20-page Decree 30
document. Per file it keeps the best of ``--repeat`` runs of ``read_pdf`` (the whole reader:
text, fonts, layout, paragraphs) and of pdfplumber's ``page.chars`` on every page (characters
only), prints ms per page and pages per second (all files, text-layer files, scans, each real
file), then PASS/FAIL against the targets: ≤ 20 ms per page over all files and on the 29-page
Nghị định 49/2026 (docx4j, 1 500 operators and 2 200 glyphs a page), and at least 2× faster
than pdfplumber. The machine is shared: the load average is printed with the figures, and the
reader's CPU time is shown beside its wall time.
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
    files += sorted((ROOT / "tests" / "real" / "files").glob("*.pdf"))
    for name in ("nd30-layout.pdf", "nd30-word-names.pdf", "simple-fonts.pdf", "glyph-by-glyph.pdf", "colours-forms.pdf"):
        p = tmp / name
        p.write_bytes(F.ALL[name]())
        files.append(p)
    big = tmp / "nd30-20-pages.pdf"
    big.write_bytes(F.nd30_layout(pages=20))
    files.append(big)
    return files


DECREE = "pdf_signed_chinhphu_ND49-2026-ND-CP_vgcasign.pdf"


def per_file(files: list[Path], repeat: int) -> list[tuple[Path, int, bool, float, float, float]]:
    """(file, pages, has text layer, best ms read_pdf, best ms pdfplumber, best CPU ms read_pdf)."""
    import pdfplumber

    from nd30check.model import UnreadableError
    from nd30check.readers.pdf import read_pdf

    out = []
    for f in files:
        try:
            doc = read_pdf(str(f))
        except UnreadableError:
            continue
        ours = plumb = cpu = float("inf")
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            read_pdf(str(f))
            ours = min(ours, time.perf_counter() - t)
            cpu = min(cpu, time.process_time() - c)
            t = time.perf_counter()
            with pdfplumber.open(str(f)) as pdf:
                for page in pdf.pages:
                    _ = page.chars
            plumb = min(plumb, time.perf_counter() - t)
        out.append((f, doc.page_count or 0, doc.has_text_layer, ours * 1000, plumb * 1000, cpu * 1000))
    return out


def report(label: str, rows: list[tuple[Path, int, bool, float, float, float]]) -> tuple[float, float]:
    pages = sum(r[1] for r in rows) or 1
    ours = sum(r[3] for r in rows) / pages
    plumb = sum(r[4] for r in rows) / pages
    cpu = sum(r[5] for r in rows) / pages
    print(f"{label}: {len(rows)} files, {pages} pages")
    print(f"  read_pdf             : {ours:7.2f} ms/page  {1000 / ours if ours else 0:8.1f} pages/s  (CPU {cpu:.2f} ms/page)")
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
    import os

    print(f"load average {' / '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")
    ours, plumb = report("all files", rows)
    report("with a text layer", [r for r in rows if r[2]])
    report("scanned (no text layer)", [r for r in rows if not r[2]])
    real = [r for r in rows if r[0].parent.name == "files" and r[0].parent.parent.name == "real"]
    if real:
        print("real documents (tests/real/files): ms/page read_pdf (CPU) | pdfplumber page.chars")
        for f, pages, text, o, p, c in real:
            print(f"  {f.name[:58]:58s} {pages:3d} p  {o / pages:6.1f} ({c / pages:5.1f}) | {p / pages:6.1f}"
                  f"{'' if text else '  scan'}")
    speedup = plumb / ours if ours else float("inf")
    ok1 = ours <= TARGET_MS_PER_PAGE
    ok2 = speedup >= TARGET_SPEEDUP
    print(f"target ≤ {TARGET_MS_PER_PAGE:g} ms/page: {'PASS' if ok1 else 'FAIL'} ({ours:.2f})")
    print(f"target ≥ {TARGET_SPEEDUP:g}× pdfplumber: {'PASS' if ok2 else 'FAIL'} ({speedup:.1f}×)")
    ok3 = True
    dec = [r for r in rows if r[0].name == DECREE]
    if dec:
        f, pages, _t, o, p, c = dec[0]
        ok3 = o / pages <= TARGET_MS_PER_PAGE
        print(f"target ≤ {TARGET_MS_PER_PAGE:g} ms/page on the {pages}-page Nghị định 49/2026: "
              f"{'PASS' if ok3 else 'FAIL'} ({o / pages:.2f} ms/page, CPU {c / pages:.2f}; pdfplumber {p / pages:.2f})")
    return 0 if ok1 and ok2 and ok3 else 1


if __name__ == "__main__":
    sys.exit(main())
