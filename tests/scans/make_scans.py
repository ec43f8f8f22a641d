#!/usr/bin/env python3
"""Make the scan corpus: the sample PDFs as a scanner or a phone would hand them back.

    python tests/scans/make_scans.py            # tests/scans/files/*.pdf + tests/scans/labels.json
    python tests/scans/make_scans.py --check    # regenerate in memory, compare with the committed bytes

Each twin is one text PDF of ``samples/pdf/`` rendered (pypdfium2) and degraded the way real
scans are — a resolution of 150, 200 or 300 dpi, grey or colour, a JPEG quality of 60–90, a
skew of 0.3–2°, speckle noise, and on issued-looking documents a red seal pressed over the
signature block — then wrapped as an image-only PDF (one JPEG per page, nothing else). The
profile of each twin is chosen from its name with a fixed seed, so the output is the same
bytes on every run; the profile is recorded in the labels.

Which samples: every compliant sample, and the defect samples whose defect a scan can show
(``ANSWERABLE_DEFECTS``: geometry, text, rules drawn, sizes clearly apart). Defects of font
family, colour, bold or italic are left out: a scan cannot show them and the reader says
so (not-evaluated), which ``test_scans.py`` checks on one of them all the same.

Labels (``labels.json``): per twin, the source sample's expected statuses (from
``tests/corpus/labels.json``) for every rule a scan can answer (``ANSWERABLE_RULES``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FILES = HERE / "files"
LABELS = HERE / "labels.json"
SAMPLES = ROOT / "samples" / "pdf"

#: rules whose outcome a scan can show (the words, their places, the rules drawn, page size,
#: sizes when the estimate is clear); style rules that also need bold/italic stay out
ANSWERABLE_RULES = [
    "FILE-NO-TEXT", "ND30-PAGE-SIZE", "ND30-PAGE-ORIENT", "ND30-MARGIN", "ND30-PAGE-NUMBER",
    "ND30-QH-TEXT", "ND30-TN-TEXT", "ND30-TN-LINE", "ND30-CQ-TEXT", "ND30-CQ-LINE", "ND30-SO-FORMAT",
    "ND30-SO-TYPE", "ND30-DATE-FORMAT", "ND30-BODY-SIZE", "ND30-BODY-ALIGN", "ND30-BODY-INDENT",
    "ND30-BODY-SPACING", "ND30-HEADINGS", "ND30-KINH-GUI", "ND30-STRUCTURE-REQUIRED", "ND30-STRUCTURE-ORDER",
    "ND30-SIGN-AUTHORITY", "ND30-SIGN-NAME", "ND30-NN-ITEMS", "ND30-NN-LUU", "ND30-PL-REF",
]

#: defect samples whose defect shows on a scan (see module docstring)
ANSWERABLE_DEFECTS = [
    "ND30-BODY-ALIGN--left", "ND30-BODY-INDENT--none", "ND30-BODY-SPACING--0pt",
    "ND30-CQ-LINE--too-long", "ND30-CQ-TEXT--lower-case", "ND30-DATE-FORMAT--day-not-padded",
    "ND30-HEADINGS--1-1-1-numbering", "ND30-KINH-GUI--items-without-dash", "ND30-MARGIN--left-20mm",
    "ND30-NN-ITEMS--no-dash", "ND30-NN-LUU--no-final-period", "ND30-PAGE-NUMBER--on-first-page",
    "ND30-PAGE-ORIENT--landscape-prose", "ND30-PAGE-SIZE--a5", "ND30-PL-REF--wrong-date",
    "ND30-QH-TEXT--missing-xa-hoi", "ND30-SIGN-AUTHORITY--t-slash-m", "ND30-SIGN-NAME--academic-title",
    "ND30-SO-FORMAT--no-colon", "ND30-SO-TYPE--kh-on-quyet-dinh", "ND30-STRUCTURE-ORDER--kinh-gui-after-body",
    "ND30-STRUCTURE-REQUIRED--no-noi-nhan", "ND30-TN-LINE--missing", "ND30-TN-TEXT--en-dash",
]
#: defects a scan cannot show, kept to test that the reader says not-evaluated: bold (not
#: measured for the quốc hiệu), and 12 pt body text against 13–14 pt — 8 %, inside what the
#: print-and-scan chain's scale and ink do to a size estimate (readers/ocr/size.py SYSTEMATIC)
UNANSWERABLE_PROBE = ["ND30-QH-STYLE--not-bold", "ND30-BODY-SIZE--12pt"]

DPIS = (150, 150, 200, 200, 200, 300)


def profile(stem: str, pages: int = 1) -> dict:
    """The degradation of one twin, from its name (deterministic).

    Two kinds of scan, as offices make them: ``jpeg`` (a phone or a scanner in photo mode:
    grey or colour, JPEG quality 60–90) and ``bilevel`` (a document scanner's default black and
    white at 200–300 dpi, the kind of two of the real Quảng Ngãi scans; red ink drops out as
    scanners' colour dropout does, or turns black). Documents of several pages go through the
    feeder as bilevel; about half of the one-page ones are JPEG. JPEG pages of text weigh
    150–700 KB, bilevel ones 40–90 KB: this keeps the committed corpus at a few MB."""
    rnd = random.Random(int(hashlib.sha256(stem.encode()).hexdigest()[:12], 16))
    dpi = rnd.choice(DPIS)
    colour = rnd.random() < 0.4
    quality = rnd.randint(60, 90)
    jpeg = pages == 1 and rnd.random() < 0.5
    if not jpeg:
        dpi, colour = (300 if pages == 1 and dpi == 300 else 200), False
    elif dpi == 300:  # 300 dpi JPEG text pages weigh 400–700 KB: the real scans cover that kind
        dpi = 200
    return {
        "mode": "jpeg" if jpeg else "bilevel",
        "dpi": dpi,
        "colour": colour,
        "jpeg": quality if jpeg else None,
        "skew": round(rnd.choice((-1, 1)) * rnd.uniform(0.3, 2.0), 2),
        "speckle": round(rnd.uniform(0.00005, 0.0003), 6),
        "seal": True,
        "red_dropout": rnd.random() < 0.5,
        "seed": rnd.randint(0, 2**31),
    }


def _signature_box(pdf_path: Path) -> tuple[int, tuple[float, float, float, float]] | None:
    """(page, box in points) of the signer's title and name, where a seal is pressed."""
    from nd30check.model import Role
    from nd30check.readers.pdf import read_pdf
    from nd30check.structure import analyze

    doc = read_pdf(str(pdf_path))
    analyze(doc)
    paras = [p for p in doc.paragraphs if p.role in (Role.QUYEN_HAN, Role.CHUC_VU, Role.HO_TEN) and p.x0 is not None]
    if not paras:
        return None
    page = paras[-1].page or 1
    paras = [p for p in paras if p.page == page]
    return page, (min(p.x0 for p in paras), min(p.top for p in paras), max(p.x1 for p in paras), max(p.bottom for p in paras))  # type: ignore[type-var]


def _seal(img, box_px: tuple[float, float, float, float], dpi: int, rnd: random.Random) -> None:
    """A round red seal (two rings, a star, ring text as strokes) over the title, left of centre."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = box_px
    r = int(18 / 25.4 * dpi)  # 36 mm seal
    cx = int((x0 + x1) / 2 - 0.35 * r + rnd.uniform(-0.1, 0.1) * r)
    cy = int(y0 + 0.55 * (y1 - y0) + rnd.uniform(-0.1, 0.1) * r)
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    w = max(2, int(0.9 / 25.4 * dpi))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=w)
    d.ellipse((cx - int(0.72 * r), cy - int(0.72 * r), cx + int(0.72 * r), cy + int(0.72 * r)), outline=255, width=max(1, w // 2))
    import math

    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = 0.3 * r if k % 2 == 0 else 0.12 * r
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=255)
    for k in range(28):  # the ring text: short strokes between the rings
        ang = k * 2 * math.pi / 28
        ra, rb = 0.78 * r, 0.93 * r
        d.line((cx + ra * math.cos(ang), cy + ra * math.sin(ang), cx + rb * math.cos(ang + 0.05), cy + rb * math.sin(ang + 0.05)),
               fill=255, width=max(1, w // 2))
    red = Image.new("RGB", img.size, (200, 30, 40))
    # ink multiplies: the seal darkens paper to red, black text stays black
    from PIL import ImageChops

    stamped = ImageChops.multiply(img, Image.composite(red, Image.new("RGB", img.size, (255, 255, 255)), layer.point(lambda v: int(v * 0.85))))
    img.paste(stamped)


def degrade(pdf_path: Path, prof: dict) -> list[tuple[str, int, int, bytes]]:
    """(kind, width, height, encoded bytes) of each page of ``pdf_path`` scanned with ``prof``."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rnd = random.Random(prof["seed"])
    sig = _signature_box(pdf_path) if prof["seal"] else None
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    dpi = prof["dpi"]
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72.0).to_pil().convert("RGB")
        if sig is not None and sig[0] == i + 1:
            k = dpi / 72.0
            _seal(img, tuple(v * k for v in sig[1]), dpi, rnd)  # type: ignore[arg-type]
        arr = np.asarray(img, dtype=np.int32)
        # paper is never pure white; toner is never pure black
        arr = 18 + arr * (238 - 18) // 255
        rng = np.random.default_rng(prof["seed"] + i)
        specks = rng.random(arr.shape[:2]) < prof["speckle"]
        arr[specks] = 40
        arr = arr.astype(np.uint8)  # (no sensor noise on the paper: scanners level it to flat white)
        img = Image.fromarray(arr, "RGB")
        img = img.rotate(prof["skew"], resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(236, 236, 236))
        if prof["mode"] == "bilevel":
            grey = img.getchannel("R") if prof["red_dropout"] else img.convert("L")
            bw = grey.point(lambda v: 255 if v > 140 else 0).convert("1")
            out.append(("bilevel", bw.width, bw.height, zlib.compress(bw.tobytes(), 9)))
            continue
        if not prof["colour"]:
            img = img.convert("L")
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=prof["jpeg"], optimize=True)
        out.append(("jpeg", img.width, img.height, buf.getvalue()))
    return out


def image_pdf(pages: list[tuple[str, int, int, bytes, float, float, bool]]) -> bytes:
    """A minimal image-only PDF: per page (kind, px width, px height, data, pt width, pt height, colour)."""
    objs: list[bytes] = []
    kids = []
    for k, (kind, w, h, data, pw, ph, colour) in enumerate(pages):
        img_no, content_no, page_no = 3 + 3 * k, 4 + 3 * k, 5 + 3 * k
        if kind == "jpeg":
            head = b"/ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode" % (b"/DeviceRGB" if colour else b"/DeviceGray")
        else:
            head = b"/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode"
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>\nstream\n"
                    % (w, h, head, len(data)) + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (pw, ph, img_no, content_no))
        kids.append(b"%d 0 R" % page_no)
    body = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)] + objs
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, obj in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)


def make_twin(src: Path) -> tuple[bytes, dict]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    prof = profile(src.stem, len(pdf))
    pages = []
    for i, (kind, w, h, data) in enumerate(degrade(src, prof)):
        pw, ph = pdf[i].get_size()
        pages.append((kind, w, h, data, pw, ph, prof["colour"]))
    return image_pdf(pages), prof


def rescan_sample(folder: Path, subset: str, stem: str, salt: str) -> Path:
    """The re-scan twin of sample ``subset/stem`` for ``salt`` written into ``folder`` under
    rescan.py's name for it (the tests that rebuild one twin)."""
    src = next(s for s in sources() if s.parent.name == subset and s.stem == stem)
    out = folder / f"{subset}--{stem}--scan-{salt}.pdf"
    rescan_twin(src, salt, out)
    return out


def rescan_twin(src: Path, salt: str, out: Path) -> dict:
    """The scan twin of ``src`` under another seed (``salt``: rescan.py's held-out profiles),
    written to ``out``; the profile comes from the name and the salt, so it is the same twin
    wherever it is made (rescan.py, the tests that rebuild one). Returns the profile."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    prof = profile(f"{src.stem}#{salt}", len(pdf))
    pages = [(kind, w, h, data, *pdf[i].get_size(), prof["colour"])
             for i, (kind, w, h, data) in enumerate(degrade(src, prof))]
    out.write_bytes(image_pdf(pages))
    return prof


def sources() -> list[Path]:
    out = sorted((SAMPLES / "compliant").glob("*.pdf"))
    for stem in ANSWERABLE_DEFECTS + UNANSWERABLE_PROBE:
        out.append(SAMPLES / "defects" / f"{stem}.pdf")
    return out


def labels_for(src: Path, corpus: dict[str, dict]) -> dict[str, str]:
    docx = f"samples/{src.parent.name}/{src.stem}.docx"
    entry = corpus.get(docx)
    if entry is None:
        raise SystemExit(f"no corpus label for {docx}")
    exp = {r: s for r, s in entry["expected"].items() if r in ANSWERABLE_RULES}
    exp["FILE-NO-TEXT"] = "fail"  # a scan has no text layer (reported at info level when read by OCR)
    return exp


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    corpus = {e["path"]: e for e in json.loads((ROOT / "tests" / "corpus" / "labels.json").read_text("utf-8"))["files"]}
    FILES.mkdir(parents=True, exist_ok=True)
    entries = []
    bad = 0
    total = 0
    for src in sources():
        data, prof = make_twin(src)
        name = f"{src.parent.name}--{src.stem}--scan.pdf"
        target = FILES / name
        total += len(data)
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                print(f"differs: {name}")
                bad += 1
        else:
            target.write_bytes(data)
        entries.append({
            "path": f"tests/scans/files/{name}",
            "source": str(src.relative_to(ROOT)),
            "subset": src.parent.name,
            "answerable": src.stem not in UNANSWERABLE_PROBE,
            "scan": {k: v for k, v in prof.items() if k != "seed"},
            "sha256": hashlib.sha256(data).hexdigest(),
            "expected": labels_for(src, corpus),
        })
        print(f"{name}: {len(data) / 1024:.0f} KiB {prof['mode']} {prof['dpi']} dpi {'colour' if prof['colour'] else 'grey'} "
              f"q{prof['jpeg']} skew {prof['skew']}°")
    doc = {"version": 1, "answerable_rules": ANSWERABLE_RULES, "files": entries}
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        if LABELS.read_text("utf-8") != text:
            print("differs: labels.json")
            bad += 1
    else:
        LABELS.write_text(text, encoding="utf-8")
    print(f"{len(entries)} twins, {total / 1e6:.1f} MB")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
