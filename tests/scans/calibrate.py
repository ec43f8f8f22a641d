"""Fit the OCR size estimate (readers/ocr/size.py CAL_PX, CAL_SCALE) on text PDFs rendered to
images: each recognised word's pixel height and ink span against the size of the text-layer
glyphs under it. Prints the fit and the residuals per dpi. Run: python tests/scans/calibrate.py"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nd30check.readers.ocr import image as I, size as S, tess as T  # noqa: E402
from nd30check.readers.pdf import read_pdf  # noqa: E402

FILES = ["compliant/cv-so-noi-vu-nhieu-noi-nhan.pdf", "compliant/qd-ubnd-thanh-lap-to-cong-tac.pdf",
         "compliant/kh-truong-thpt-on-thi-tot-nghiep.pdf", "defects/ND30-BODY-SIZE--12pt.pdf"]


def samples(dpi: int, files=FILES):
    import pypdfium2 as pdfium

    t = T.find()
    out = []
    for f in files:
        path = ROOT / "samples" / "pdf" / f
        doc = read_pdf(str(path))
        pdf = pdfium.PdfDocument(str(path))
        img = I.render(pdf[0], dpi)
        words = T.recognise(t, img.image, dpi)
        px = 72.0 / dpi
        runs = [r for p in doc.paragraphs if p.page == 1 for r in p.runs if r.x0 is not None and r.size]
        for w in words:
            if w.conf < 80:
                continue
            cx, cy = (w.x0 + w.x1) / 2 * px, (w.top + w.bottom) / 2 * px
            hit = [r for r in runs if r.x0 - 1 <= cx <= r.x1 + 1 and r.top - 1 <= cy <= r.bottom + 1]
            if len({r.size for r in hit}) != 1:
                continue
            span = S.span_em(w.text)
            if span is None:
                continue
            out.append((w.text, w.bottom - w.top, span, hit[0].size))
    return out


def fit(data, dpi):
    """Robust fit: for each pixel offset c, scale = median(true / raw); keep the c whose
    relative residuals have the smallest median absolute deviation."""
    best = None
    for k in range(0, 41):
        c = k / 10
        raw = [((h - c) / sp * 72 / dpi, s) for _, h, sp, s in data]
        scale = statistics.median(s / r for r, s in raw)
        rel = [scale * r / s - 1 for r, s in raw]
        mad = statistics.median(abs(v) for v in rel)
        if best is None or mad < best[0]:
            best = (mad, c, scale)
    return best


def main() -> None:
    for dpi in (150, 200, 250, 300):
        data = samples(dpi)
        mad, c, scale = fit(data, dpi)
        res = [S.word_size(t, h, dpi) - s for t, h, sp, s in data]
        print(f"dpi {dpi}: n={len(data)} fit px {c:.1f}, scale {scale:.4f}, relative MAD {100 * mad:.2f} %; "
              f"current: residual median {statistics.median(res):+.3f} pt, MAD {statistics.median(abs(r - statistics.median(res)) for r in res):.3f}")


if __name__ == "__main__":
    main()
