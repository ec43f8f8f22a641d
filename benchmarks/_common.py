"""Small helpers shared by the benchmark scripts (timing, peak memory, output)."""

from __future__ import annotations

import resource
import statistics
import time
from typing import Callable


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_each(fn: Callable[[str], object], files: list[str], repeat: int = 3) -> list[float]:
    """Best-of-``repeat`` wall time per file, in milliseconds."""
    out = []
    for f in files:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(f)
            best = min(best, time.perf_counter() - t0)
        out.append(best * 1000)
    return out


def line(label: str, ms: list[float]) -> str:
    if not ms:
        return f"{label:<42} (no files)"
    total = sum(ms) / 1000
    return (f"{label:<42} n={len(ms):<5} mean {statistics.mean(ms):7.2f} ms  median {statistics.median(ms):7.2f} ms"
            f"  p95 {sorted(ms)[int(0.95 * (len(ms) - 1))]:7.2f} ms  {len(ms) / total:8.1f} docs/s")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
