#!/usr/bin/env python3
"""OCR benchmark: seconds per A4 page for the whole OCR check, by dpi, against a plain
``tesseract page.png out -l vie tsv`` on the same pages in the same run; tesserocr against
pytesseract (the two Python bindings); header facts (number, date, agency) on the scan corpus.

    python benchmarks/bench_ocr.py              # 4 pages per dpi
    python benchmarks/bench_ocr.py --pages 8

Target (issue 11): ≤ 2.5 s per A4 page at 200 dpi on a 2-core machine. The machine may be
shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "scans"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

SOURCES = ["compliant/cv-so-noi-vu-nhieu-noi-nhan.pdf", "compliant/qd-ubnd-thanh-lap-to-cong-tac.pdf",
           "compliant/tb-ubnd-ket-luan-chu-tich.pdf", "compliant/ttr-phong-vhxh-de-nghi-kinh-phi.pdf",
           "compliant/bc-truong-thcs-ket-qua-hoc-ky.pdf", "compliant/gm-ubnd-hoi-nghi-so-ket.pdf",
           "compliant/bb-ubnd-hop-ban-chi-dao.pdf", "compliant/kh-truong-thpt-on-thi-tot-nghiep.pdf"]


def scans(dpi: int, n: int, folder: Path) -> list[tuple[Path, Path]]:
    """(image-only PDF, PNG) of ``n`` sample pages at ``dpi`` (JPEG grey q75, like a scanner)."""
    import io

    import pypdfium2 as pdfium

    sys.path.insert(0, str(ROOT / "tests" / "scans"))
    from make_scans import image_pdf

    out = []
    for src in SOURCES[:n]:
        pdf = pdfium.PdfDocument(str(ROOT / "samples" / "pdf" / src))
        img = pdf[0].render(scale=dpi / 72).to_pil().convert("L")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=75)
        w, h = pdf[0].get_size()
        target = folder / f"{Path(src).stem}-{dpi}.pdf"
        target.write_bytes(image_pdf([("jpeg", img.width, img.height, buf.getvalue(), w, h, False)]))
        png = folder / f"{Path(src).stem}-{dpi}.png"
        img.save(png)
        out.append((target, png))
    return out


def time_check(pdfs: list[Path]) -> float:
    """Seconds per page of the whole check (read, OCR, structure, rules), one file at a time."""
    from nd30check.check import check_path
    from nd30check.config import Config
    from nd30check.rulepack import load_pack

    pack = load_pack()
    cfg = Config(cache=False, profile="draft")
    check_path(str(pdfs[0]), cfg, pack)  # warm-up: the model loads once per process
    t = time.perf_counter()
    for p in pdfs:
        check_path(str(p), cfg, pack)
    return (time.perf_counter() - t) / len(pdfs)


def time_cli(pngs: list[Path], folder: Path) -> float | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t = time.perf_counter()
    for png in pngs:
        subprocess.run([exe, str(png), str(folder / png.stem), "-l", "vie", "tsv"], capture_output=True, env=env, check=True)
    return (time.perf_counter() - t) / len(pngs)


def time_bindings(pngs: list[Path]) -> dict[str, float | str]:
    from PIL import Image

    from nd30check.readers.ocr import tess

    out: dict[str, float | str] = {}
    t0 = tess.find()
    imgs = [Image.open(p) for p in pngs]
    try:
        from tesserocr import PyTessBaseAPI  # noqa: F401

        t = tess.Tesseract(t0.program, t0.version, t0.tessdata, "tesserocr")  # type: ignore[union-attr]
        tess.recognise(t, imgs[0], 200)
        s = time.perf_counter()
        for im in imgs:
            tess.recognise(t, im, 200)
        out["tesserocr"] = (time.perf_counter() - s) / len(imgs)
    except ImportError:
        out["tesserocr"] = "not installed"
    try:
        import pytesseract

        s = time.perf_counter()
        for im in imgs:
            pytesseract.image_to_data(im, lang="vie", config="--psm 3")
        out["pytesseract"] = (time.perf_counter() - s) / len(imgs)
    except ImportError:
        out["pytesseract"] = "not installed (pip install pytesseract)"
    t = tess.Tesseract(t0.program, t0.version, t0.tessdata, "cli")  # type: ignore[union-attr]
    s = time.perf_counter()
    for im in imgs:
        tess.recognise(t, im, 200)
    out["tesseract program, hOCR (our fallback)"] = (time.perf_counter() - s) / len(imgs)
    return out


def facts_accuracy() -> None:
    import scankit as K

    lab = K.labels()
    paths = [str(K.ROOT / e["path"]) for e in lab["files"]] + [str(K.ROOT / e["source"]) for e in lab["files"]]
    with tempfile.TemporaryDirectory() as cache:
        res = K.run(paths, cache, jobs=None)
    for what in ("number_symbol", "date", "agency"):
        ok = wrong = missing = 0
        for e in lab["files"]:
            want = getattr(res[str(K.ROOT / e["source"])].facts, what)
            got = getattr(res[str(K.ROOT / e["path"])].facts, what)
            if want is None:
                continue
            if got == want:
                ok += 1
            elif got is None:
                missing += 1
            else:
                wrong += 1
        total = ok + wrong + missing
        print(f"  {what:14} {ok}/{total} right, {missing} not read, {wrong} wrong")
    sc = K.score(res)
    print(f"  rule statuses: recall {sc.recall:.2f}, precision {sc.precision:.2f} over the answerable rules "
          f"({sc.tp} shared failures, {len(sc.fn)} missed, {len(sc.fp)} extra); "
          f"{len(sc.compliant_findings)} error/warning findings on compliant twins")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--no-facts", action="store_true")
    args = ap.parse_args()
    from nd30check.readers.ocr import available

    t = available()
    if t is None:
        print("Tesseract with Vietnamese is not installed: sudo apt-get install tesseract-ocr tesseract-ocr-vie")
        return 1
    print(f"Tesseract {t.version}, binding {t.binding}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for dpi in (150, 200, 300):
            pairs = scans(dpi, args.pages, folder)
            ours = time_check([p for p, _ in pairs])
            cli = time_cli([g for _, g in pairs], folder)
            print(f"{dpi} dpi: whole OCR check {ours:.2f} s/page; plain `tesseract page.png out -l vie tsv` "
                  f"{cli:.2f} s/page" if cli is not None else f"{dpi} dpi: {ours:.2f} s/page")
        pairs = scans(200, args.pages, folder)
        print("bindings at 200 dpi (recognition only, s/page):")
        for k, v in time_bindings([g for _, g in pairs]).items():
            print(f"  {k:40} {v if isinstance(v, str) else f'{v:.2f}'}")
    if not args.no_facts:
        print(f"header facts on the scan corpus (scan twin against its text PDF), load {os.getloadavg()[0]:.2f}:")
        facts_accuracy()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
