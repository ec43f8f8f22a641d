#!/usr/bin/env python3
"""Another scan of the same documents: a held-out check of the OCR reading.

    python tests/scans/rescan.py --salt b        # twins with other scan profiles, scored

The committed twins (make_scans.py) are what the OCR work was measured and tuned on. This
makes a second set from the same text PDFs with the profile drawn from another seed (another
dpi, skew, JPEG quality, speckle, seal position — the same kinds), writes them outside the
repository, runs them through the real pipeline and prints the same figures as bench_ocr:
recall and precision of the answerable rules against the text PDFs, and the error/warning
findings on the compliant twins. A reading that only works on the committed pixels shows here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import make_scans as M  # noqa: E402
import scankit as K  # noqa: E402


def make(out: Path, salt: str) -> list[dict]:
    entries = []
    for src in M.sources():
        name = f"{src.parent.name}--{src.stem}--scan-{salt}.pdf"
        prof = M.rescan_twin(src, salt, out / name)
        entries.append({"path": str(out / name), "source": str(src.relative_to(K.ROOT)), "subset": src.parent.name,
                        "answerable": src.stem not in M.UNANSWERABLE_PROBE, "scan": prof})
    return entries


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--salt", default="b", help="another seed for the scan profiles")
    ap.add_argument("--out", type=Path, help="folder for the twins (default: a temporary one)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", help="result cache folder (default: none)")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix=f"nd30-rescan-{args.salt}-"))
    out.mkdir(parents=True, exist_ok=True)
    entries = make(out, args.salt)
    paths = [e["path"] for e in entries] + [str(K.ROOT / e["source"]) for e in entries]
    results = K.run(paths, args.cache, jobs=args.jobs)
    # score() joins ROOT with the paths: absolute ones stay as they are
    sc = K.score(results, entries)
    print(f"{len(entries)} twins in {out} (salt {args.salt!r})")
    print(f"recall {sc.recall:.2f} ({sc.tp}/{sc.tp + len(sc.fn)}), precision {sc.precision:.2f}, "
          f"compliant-twin error/warning findings {len(sc.compliant_findings)}")
    for title, rows in (("missed", sc.fn), ("extra", sc.fp), ("compliant findings", sc.compliant_findings)):
        print(f"{title}:")
        for row in rows:
            print(f"  {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
