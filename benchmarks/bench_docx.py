"""DOCX reading speed: our reader (+ structure) vs a naive python-docx traversal, same files, same run.

Usage: python benchmarks/bench_docx.py [--bulk N]
Prints ms per document and docs/second over samples/**/*.docx and over a generated folder of
N documents (default 500), the ratio to python-docx, and the start-up time of `nd30check --help`.
Targets (issue 2): ≤ 10 ms per typical 3-page document in-process; ≥ 3× faster than the naive
python-docx traversal; `nd30check --help` ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import line, peak_rss_mb, time_each, verdict  # noqa: E402


def _style_chain(style, attr: str):
    """Walk base styles until the font property is set (what a python-docx user writes)."""
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return value
        style = style.base_style
    return None


def naive_python_docx(path: str) -> int:
    """The obvious alternative: python-docx, every paragraph (tables and header too), each run's
    font, size, bold and italic resolved through the run, its character style and the paragraph
    style's base chain — the information the layout rules need (docDefaults and themes ignored)."""
    import docx

    d = docx.Document(path)
    n = 0

    def visit_paragraphs(paras):
        nonlocal n
        for p in paras:
            pf = p.paragraph_format
            _ = (p.alignment, pf.first_line_indent, pf.space_after, pf.space_before, pf.line_spacing)
            pstyle = p.style
            for r in p.runs:
                f = r.font
                _ = (r.text,
                     f.name or _style_chain(r.style, "name") or _style_chain(pstyle, "name"),
                     f.size or _style_chain(r.style, "size") or _style_chain(pstyle, "size"),
                     f.bold if f.bold is not None else _style_chain(pstyle, "bold"),
                     f.italic if f.italic is not None else _style_chain(pstyle, "italic"),
                     f.color.rgb if f.color and f.color.type is not None else None)
                n += 1

    visit_paragraphs(d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                visit_paragraphs(cell.paragraphs)
    for s in d.sections:
        _ = (s.page_width, s.page_height, s.top_margin, s.left_margin, s.orientation)
        visit_paragraphs(s.header.paragraphs)
    return n


def ours(path: str) -> int:
    from nd30check.readers.docx import read_docx
    from nd30check.structure import analyze

    doc = read_docx(path)
    analyze(doc)
    return len(doc.paragraphs)


_PACK = None


def ours_read(path: str) -> int:
    from nd30check.readers.docx import read_docx

    return len(read_docx(path).paragraphs)


def ours_full(path: str) -> object:
    """All rules on one file, in-process, with the rule pack loaded once (as the batch does)."""
    global _PACK
    from nd30check.check import check_path
    from nd30check.config import Config
    from nd30check.rulepack import load_pack

    if _PACK is None:
        _PACK = load_pack()
    return check_path(path, Config(cache=False), _PACK)


def help_startup_ms(repeat: int = 5) -> float:
    exe = [sys.executable, "-m", "nd30check.cli", "--help"]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(exe, check=True, capture_output=True, cwd=ROOT)
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bulk", type=int, default=500)
    args = ap.parse_args()
    samples = sorted(glob.glob(str(ROOT / "samples" / "**" / "*.docx"), recursive=True))
    samples = [s for s in samples if "UNREADABLE" not in s]
    print(f"nd30check DOCX benchmark — {len(samples)} sample files, peak RSS at start {peak_rss_mb():.0f} MB")
    ours(samples[0])
    naive_python_docx(samples[0])  # warm imports for both
    for f in samples:  # warm the page cache and lazy imports for every contender alike
        ours_read(f)
        naive_python_docx(f)
    ms_read = time_each(ours_read, samples)
    ms_ours = time_each(ours, samples)
    ms_naive = time_each(naive_python_docx, samples)
    ms_full = time_each(ours_full, samples)
    print(line("samples: read_docx only", ms_read))
    print(line("samples: read_docx + structure", ms_ours))
    print(line("samples: full check (all rules)", ms_full))
    print(line("samples: naive python-docx traversal", ms_naive))
    ratio = statistics.mean(ms_naive) / statistics.mean(ms_read)
    print(f"reader vs naive python-docx traversal (same information): {ratio:.1f}×  (target ≥ 3×: {verdict(ratio >= 3)})")
    print(f"reader + structure recognition vs the same traversal: {statistics.mean(ms_naive) / statistics.mean(ms_ours):.1f}×")
    print(f"mean read+structure per sample: {statistics.mean(ms_ours):.2f} ms")
    three = [m for m, f in zip(ms_full, samples) if "3-trang" in f or "2-trang" in f]
    if three:
        print(f"full check of the multi-page samples: {statistics.mean(three):.2f} ms (target ≤ 10 ms: {verdict(statistics.mean(three) <= 10)})")

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "samples" / "make_samples.py"), "--bulk", str(args.bulk), "--out", tmp],
                       check=True, capture_output=True)
        bulk = sorted(glob.glob(os.path.join(tmp, "**", "*.docx"), recursive=True))
        b_ours = time_each(ours, bulk, repeat=1)
        b_naive = time_each(naive_python_docx, bulk, repeat=1)
        print(line(f"bulk {len(bulk)}: read_docx + structure", b_ours))
        print(line(f"bulk {len(bulk)}: naive python-docx traversal", b_naive))
        print(f"bulk speed-up: {statistics.mean(b_naive) / statistics.mean(b_ours):.1f}×")
    h = help_startup_ms()
    print(f"`nd30check --help` start-up: {h:.0f} ms (target ≤ 300 ms: {verdict(h <= 300)})")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
