"""`nd30check fix` speed: ms per document on the samples and on a bulk folder, against the
obvious alternative (python-docx opening and saving the same file) in the same run.

Usage: python benchmarks/bench_fix.py [--bulk N] [--bulk-dir DIR]

What is timed, per file, in-process:

* ``fix`` — the whole command's work: read and check the file, plan and apply the edits, write
  the package, check the copy again (and again when a second pass proposes more), write the
  copy atomically; on files with nothing to fix, the check alone;
* ``check`` — `nd30check check` of the same file (what fix costs on top of a check);
* ``python-docx open+save`` — ``Document(path).save(out)``: what a script fixing documents
  with python-docx pays before it changes anything (and it rewrites every part).

Also printed: how many bulk files were fixed, how many edits, and whether every untouched zip
entry of every copy is byte-identical to the input's (python-docx rewrites all of them).
Target (issue 13): fix ≤ 3× a check of the same file (it checks twice and edits), i.e. well
under 100 ms for a 3-page document. The machine is shared: note the load average printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import io
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import line, peak_rss_mb, time_each, verdict  # noqa: E402

from nd30check.check import check_path  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.fix import fix_file  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402

CONFIG = dataclasses.replace(Config(), profile="draft", cache=False)
PACK = load_pack()


def _entries(data: bytes) -> dict[str, bytes]:
    out = {}
    zf = zipfile.ZipFile(io.BytesIO(data))
    for info in zf.infolist():
        n = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
        m = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
        start = info.header_offset + 30 + n + m
        out[info.filename] = data[info.header_offset:start + info.compress_size]
    return out


def untouched_identical(src: str, out: bytes, edited: set[str]) -> bool:
    a, b = _entries(Path(src).read_bytes()), _entries(out)
    return a.keys() == b.keys() and all(a[k] == b[k] for k in a if k not in edited)


def run(files: list[str], label: str, outdir: str, repeat: int) -> dict:
    def fix(path: str) -> object:
        return fix_file(path, CONFIG, PACK, output=os.path.join(outdir, os.path.basename(path)))

    def check(path: str) -> object:
        return check_path(path, CONFIG, PACK)

    def pydocx(path: str) -> None:
        import docx

        docx.Document(path).save(os.path.join(outdir, "pydocx-" + os.path.basename(path)))

    ms_fix = time_each(fix, files, repeat)
    ms_check = time_each(check, files, repeat)
    ms_py = time_each(pydocx, files, repeat)
    outcomes = [fix_file(f, CONFIG, PACK, write=False) for f in files]
    fixed = [o for o in outcomes if o.status == "fixed"]
    faithful = all(untouched_identical(o.path, o.data or b"", {e.part for e in o.edits}) for o in fixed)
    ms_fixed = [t for t, o in zip(ms_fix, outcomes) if o.status == "fixed"]
    print(line(f"{label}: nd30check fix", ms_fix))
    print(line(f"{label}: nd30check fix (files fixed)", ms_fixed))
    print(line(f"{label}: nd30check check", ms_check))
    print(line(f"{label}: python-docx open+save", ms_py))
    edits = sum(len(o.edits) for o in fixed)
    print(f"{label}: {len(fixed)}/{len(files)} files fixed, {edits} edits; untouched entries byte-identical: "
          f"{'yes' if faithful else 'NO'}")
    return {"fix": ms_fix, "check": ms_check, "py": ms_py, "fixed": ms_fixed, "faithful": faithful}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bulk", type=int, default=500, help="documents in the generated folder (default 500; 0 = skip)")
    ap.add_argument("--bulk-dir", type=Path, default=None, help="use this folder (made by make_samples.py --bulk)")
    ap.add_argument("--repeat", type=int, default=2, help="best of N per file on the samples (default 2)")
    args = ap.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    samples = sorted(f for f in glob.glob(str(ROOT / "samples" / "defects" / "*.docx"))
                     if "FILE-UNREADABLE" not in f)  # python-docx cannot open a truncated zip
    with tempfile.TemporaryDirectory() as tmp:
        s = run(samples, "samples", tmp, args.repeat)
        ok = s["faithful"]
        ratio = statistics.mean(s["fix"]) / statistics.mean(s["check"])
        print(f"samples: fix / check = {ratio:.2f}× (target ≤ 3×: {verdict(ratio <= 3.0)}); "
              f"fix / python-docx open+save = {statistics.mean(s['fix']) / statistics.mean(s['py']):.2f}×")
        if args.bulk or args.bulk_dir:
            folder = args.bulk_dir
            if folder is None:
                folder = Path(tmp) / "bulk"
                subprocess.run([sys.executable, str(ROOT / "samples" / "make_samples.py"), "--bulk", str(args.bulk),
                                "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
            files = sorted(glob.glob(str(folder / "*.docx")))
            outdir = Path(tmp) / "out"
            outdir.mkdir()
            b = run(files, f"bulk {len(files)}", str(outdir), 1)
            ok = ok and b["faithful"]
            print(f"bulk: fix / check = {statistics.mean(b['fix']) / statistics.mean(b['check']):.2f}×; "
                  f"fix / python-docx open+save = {statistics.mean(b['fix']) / statistics.mean(b['py']):.2f}×")
    print(f"untouched entries byte-identical everywhere: {verdict(ok)}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
