"""Legacy files: what a conversion through LibreOffice costs, per file.

Usage: python benchmarks/bench_convert.py [--runs 3]

Prints, in the same run, on the .doc/.rtf/.odt fixtures of tests/legacy/files:

* nd30check's conversion as it runs in a check: private copy, fresh profile written with
  macros off, soffice.bin started and (once) restarted, output read back — per file, median;
* the whole ``check_path`` of a converted file against the same check of its source .docx
  (what the conversion adds to a check);
* the obvious alternatives: one ``soffice --convert-to`` call for all files with one shared
  profile (fast, but one profile for everything: unsafe across parallel workers and it puts
  every file's fate in one process), and a per-file call reusing a warm profile.

The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nd30check.check import check_path  # noqa: E402
from nd30check.readers.legacy import soffice  # noqa: E402

FILES = ROOT / "tests" / "legacy" / "files"


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    office = soffice.find_office()
    if office is None:
        raise SystemExit("LibreOffice not found")
    labels = json.loads((ROOT / "tests" / "legacy" / "labels.json").read_text(encoding="utf-8"))["files"]
    entries = [e for e in labels if e["kind"] in ("doc", "rtf", "odt")]
    print(f"{office.name}; {len(entries)} files; load average {os.getloadavg()[0]:.2f}")

    per_file: dict[str, list[float]] = {}
    for _ in range(a.runs):
        for e in entries:
            work = soffice.new_workdir()
            try:
                src = work / f"document{Path(e['file']).suffix}"
                t0 = time.perf_counter()
                shutil.copyfile(FILES / e["file"], src)
                soffice.run_conversion(office, src, work / "out", work, 120)
                per_file.setdefault(e["kind"], []).append(_ms(t0))
            finally:
                shutil.rmtree(work, ignore_errors=True)
    for kind, times in sorted(per_file.items()):
        print(f"  nd30check conversion, fresh profile  {kind:4s} median {statistics.median(times):7.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f}, n={len(times)})")
    every = [t for ts in per_file.values() for t in ts]
    print(f"  nd30check conversion, all kinds      median {statistics.median(every):7.0f} ms per file")

    added = []
    for e in entries[:6]:
        src = ROOT / e["source"] if "/" in e["source"] else FILES / e["source"]
        t0 = time.perf_counter()
        check_path(src)
        base = _ms(t0)
        t0 = time.perf_counter()
        check_path(FILES / e["file"])
        added.append(_ms(t0) - base)
    print(f"  check_path of a converted file       +{statistics.median(added):6.0f} ms over its .docx source (median)")

    with tempfile.TemporaryDirectory(prefix="nd30-bench-") as t:
        tmp = Path(t)
        srcs = [str(FILES / e["file"]) for e in entries]
        cmd = [office.program, f"-env:UserInstallation={(tmp / 'shared').as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML"]
        subprocess.run(cmd + ["--outdir", str(tmp / "warm"), srcs[0]], capture_output=True, timeout=120)  # profile
        subprocess.run(cmd + ["--outdir", str(tmp / "warm"), srcs[0]], capture_output=True, timeout=120)
        t0 = time.perf_counter()
        subprocess.run(cmd + ["--outdir", str(tmp / "all"), *srcs], capture_output=True, timeout=600)
        print(f"  alternative: one call, shared profile  {_ms(t0) / len(srcs):6.0f} ms per file "
              f"({len(list((tmp / 'all').glob('*.docx')))} distinct outputs: same-named files overwrite each other)")
        times = []
        for s in srcs:
            t0 = time.perf_counter()
            subprocess.run(cmd + ["--outdir", str(tmp / "one"), s], capture_output=True, timeout=120)
            times.append(_ms(t0))
        print(f"  alternative: per file, warm profile    {statistics.median(times):6.0f} ms per file (median)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
