"""Start-up of the command line: ``nd30check --help`` must stay fast (target ≤ 300 ms).

Usage: python benchmarks/bench_cli.py [--runs 7]

Prints the median wall time of, in the same run:

* ``python -c pass`` (the interpreter alone: the floor);
* ``nd30check --help`` and ``nd30check check --help`` (heavy modules imported lazily);
* the obvious alternative: the same help after importing what a check needs (readers,
  structure, engine, checks, pyHanko) — what eager imports at the top of cli.py would cost;
* ``nd30check check <one compliant signed sample>`` end to end (cache off), for scale.

The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EAGER = ("import nd30check.readers, nd30check.readers.docx, nd30check.readers.pdf, nd30check.structure, "
         "nd30check.engine, nd30check.batch, pyhanko.sign.validation; nd30check.engine._load_checks(); ")


def _median(cmd: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    py = sys.executable
    cli = [py, "-m", "nd30check.cli"]
    sample = str(ROOT / "samples" / "pdf" / "compliant" / "qd-ubnd-thanh-lap-to-cong-tac.pdf")
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("nd30check --help", cli + ["--help"]),
        ("nd30check check --help", cli + ["check", "--help"]),
        ("help after eager imports (alternative)",
         [py, "-c", EAGER + "import sys; sys.argv=['nd30check','--help']; from nd30check.cli import main; main()"]),
        ("nd30check check <signed PDF> --no-cache", cli + ["check", sample, "--no-cache"]),
    ]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.runs} runs each, median")
    results = {}
    for label, cmd in rows:
        results[label] = _median(cmd, args.runs)
        print(f"  {label:<42} {results[label] * 1000:7.0f} ms")
    help_ms = results["nd30check --help"] * 1000
    print(f"--help: {help_ms:.0f} ms (target ≤ 300 ms: {'ok' if help_ms <= 300 else 'MISSED'}); "
          f"lazy imports save {1000 * (results['help after eager imports (alternative)'] - results['nd30check --help']):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
