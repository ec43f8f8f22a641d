"""Calibrate bold-from-stroke-width (readers/ocr/weight.py) on the scan twins: every word the
OCR reads is matched with the text PDF's run under it (same page, its centre inside the run's
box), and the word's stroke ratio (its thickness over the page's usual stroke) is tallied
against the run's bold flag, per kind of scan. Prints the distributions, and how the reader
(thresholds BOLD_RATIO, REGULAR_RATIO, then the segment's smoothing) sorts them: right, wrong, unknown.

    python tests/scans/calibrate_bold.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import scankit as K  # noqa: E402

from nd30check.readers.ocr.page import ocr_pdf_pages  # noqa: E402
from nd30check.readers.ocr.tess import find  # noqa: E402
from nd30check.readers.pdf import read_pdf  # noqa: E402


def pairs() -> dict[str, list[tuple[float, bool, str, bool | None]]]:
    """kind of scan → [(stroke ratio, bold in the text PDF, word, the reader's weight)]."""
    tess = find()
    out: dict[str, list[tuple[float, bool, str, bool | None]]] = {}
    for e in K.labels()["files"]:
        text = read_pdf(str(K.ROOT / e["source"]))
        runs = [(p.page, r) for p in text.paragraphs for r in p.runs if r.x0 is not None and r.visible]
        scan = K.ROOT / e["path"]
        n = len(text.pages)
        pages = ocr_pdf_pages(str(scan), list(range(1, n + 1)), tess)
        kind = f"{e['scan']['mode']}-{e['scan']['dpi']}"
        for num, op in pages.items():
            for g in op.glyphs:
                info = op.glyph_info.get(g.seq)
                if info is None or info.weight is None or info.conf < 0.8 or len(g.text) < 2:
                    continue
                cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
                hit = {bool(r.bold) for pg, r in runs if pg == num and r.x0 - 2 <= cx <= r.x1 + 2
                       and r.top - 2 <= cy <= r.bottom + 2}
                if len(hit) == 1:
                    out.setdefault(kind, []).append((info.weight, hit.pop(), g.text, info.bold))
    return out


def main() -> None:
    data = pairs()
    total = {"right": 0, "wrong": 0, "unknown": 0}
    for kind, rows in sorted(data.items()):
        b = sorted(r for r, bold, _, _ in rows if bold)
        g = sorted(r for r, bold, _, _ in rows if not bold)
        tally = {"right": 0, "wrong": 0, "unknown": 0}
        for ratio, bold, _, c in rows:
            tally["unknown" if c is None else "right" if c == bold else "wrong"] += 1
        for k in tally:
            total[k] += tally[k]
        q = lambda xs, f: xs[int(f * (len(xs) - 1))] if xs else float("nan")  # noqa: E731
        print(f"{kind:12} regular n={len(g):5} p50={q(g, .5):.2f} p95={q(g, .95):.2f} p99={q(g, .99):.2f} | "
              f"bold n={len(b):4} p1={q(b, .01):.2f} p5={q(b, .05):.2f} p50={q(b, .5):.2f} | {tally}")
    print("all:", total)
    wrong = [(kind, r, bold, t) for kind, rows in data.items() for r, bold, t, c in rows if c not in (None, bold)]
    for w in sorted(wrong)[:40]:
        print("  wrong:", w)


if __name__ == "__main__":
    main()
