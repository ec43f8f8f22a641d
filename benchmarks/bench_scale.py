"""Audit at scale, database part (issue 14 item 3): recording, unchanged re-run, report, memory.

Usage: python benchmarks/bench_scale.py [--sizes 1000,10000] [--db sqlite,postgresql]
                                        [--executor local,dask] [--scheduler ADDRESS] [--jobs 2] [--keep DIR]

For each size N a bulk folder is generated (``samples/make_samples.py --bulk N``, kept under
``--keep`` for the next time) and, for each executor and database:

* a cold recording run, ``nd30check audit DIR --db URL`` with the result cache off: seconds,
  documents per second, and the **main process's** peak resident memory (the run executes
  in a fresh child process of this script, which reads its own ``ru_maxrss``; the workers
  are not counted: they are the executor's business);
* the unchanged re-run (nothing checked again: every result comes from the database);
* the report (``audit --db URL --report``) in each format: seconds and bytes;
* the database's size.

Compared in the same run with the obvious alternative: ``nd30check audit DIR --format json``
without a database, which keeps every result in the main process (its memory grows with N).

The ``executor`` column is where the per-file checks ran: ``local`` (``--jobs`` worker
processes) or ``dask`` — a 2-worker ``distributed.LocalCluster`` (processes, one thread each,
127.0.0.1) that the script starts in its own process, or the cluster at ``--scheduler``. The
scheduler and the workers are not in the main process's memory figure (on a real cluster they
are other machines); the comparison without a database runs on each executor too.
PostgreSQL runs on a throw-away server started by the script (tests/pgserver.py); the row
says why when it cannot start.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

NOW = "2026-12-01T20:00:00+07:00"
REPORT_FORMATS = ("text", "html", "csv", "json")
EXECUTORS = ("local", "dask")


def _config(jobs: int, executor: str, scheduler: str | None = None):
    from nd30check.config import load_config

    if executor not in EXECUTORS:
        raise SystemExit(f"executor {executor!r}: use one of {', '.join(EXECUTORS)}")
    return load_config(None, {"now": NOW, "cache": False, "jobs": jobs, "fail_on": "never", "executor": executor,
                              "scheduler": scheduler})


def child(args: argparse.Namespace) -> None:
    """One measured step in a fresh process: print JSON with seconds and own peak RSS."""
    cfg = _config(args.jobs, args.executor, args.scheduler)
    from nd30check.rulepack import load_pack

    pack = load_pack(cfg.rules)
    out: dict = {}
    t0 = time.perf_counter()
    if args.child == "record":
        from nd30check.auditdb import open_database
        from nd30check.auditdb.record import record_run

        with open_database(args.url) as db:
            run = record_run(db, [args.folder], cfg, pack, progress=False)
        out.update(files=run.files, checked=run.checked, reused=run.reused)
    elif args.child == "plain":
        from nd30check.audit import run_audit
        from nd30check.report.audit import render_audit

        report = run_audit([args.folder], cfg, pack, progress=False)
        out["bytes"] = len(render_audit("json", report, cfg, pack).encode("utf-8"))
        out["files"] = len(report.files)
    elif args.child == "report":
        from nd30check.auditdb.command import report_only

        for fmt in REPORT_FORMATS:
            t = time.perf_counter()
            text = report_only(args.url, [], cfg, fmt)
            out[fmt] = {"seconds": time.perf_counter() - t, "bytes": len(text.encode("utf-8"))}
    out["seconds"] = time.perf_counter() - t0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def _step(kind: str, folder: Path, url: str, jobs: int, executor: str, scheduler: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--folder", str(folder), "--url", url, "--jobs", str(jobs),
           "--executor", executor, *(["--scheduler", scheduler] if scheduler else [])]
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="nd30-bench-cache-")}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=6 * 3600)
    if out.returncode != 0:
        raise RuntimeError(f"{kind} failed: {out.stderr.strip()[-800:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _folder(keep: Path, n: int) -> Path:
    folder = keep / f"bulk-{n}"
    if not (folder / "labels.json").exists() or len(list(folder.glob("*.docx"))) != n:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "samples" / "make_samples.py"), "--bulk", str(n), "--out", str(folder)],
                       check=True, capture_output=True)
        print(f"  generated {n} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    return folder


def _db_size(url: str) -> float:
    from nd30check.auditdb import open_database

    with open_database(url) as db:
        if db.is_pg:
            return int(db.one("SELECT pg_database_size(current_database())")[0]) / 1e6
        return sum(os.path.getsize(p) for p in (db.target, db.target + "-wal") if os.path.exists(p)) / 1e6


def _local_cluster(workers: int):
    """The 2-worker cluster of the comparison (processes, one thread each, loopback only)."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address="127.0.0.1:0", silence_logs=40)


def _db_url(kind: str, n: int, executor: str, keep: Path, pg: dict) -> tuple[str | None, str | None]:
    """(url, None) or (None, why the database is skipped); PostgreSQL: one throw-away server."""
    if kind == "sqlite":
        url = str(keep / f"audit-{n}-{executor}.sqlite")
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(url + suffix).unlink(missing_ok=True)
        return url, None
    import pgserver

    why = pgserver.unavailable()
    if why is None and "server" not in pg:
        try:
            pg["server"] = pgserver.PgServer()
        except Exception as exc:
            why = str(exc)
    return (None, why) if why else (pg["server"].create_database(), None)


def _row(n: int, executor: str, kind: str, cold: dict, again: dict, rep: dict, url: str) -> str:
    return (f"{n:>6} {executor:<8} {kind:<10} {cold['seconds']:>9.1f} {n / cold['seconds']:>7.1f} "
            f"{again['seconds']:>9.1f} {again['checked']:>8} {cold['peak_rss_mb']:>8.0f} "
            f"{again['peak_rss_mb']:>9.0f} {rep['seconds']:>9.2f} {rep['html']['bytes'] / 1e3:>8.0f} "
            f"{rep['csv']['bytes'] / 1e3:>7.0f} {_db_size(url):>7.1f}")


def _plain_row(n: int, executor: str, p: dict) -> str:
    return (f"{n:>6} {executor:<8} {'(none)':<10} {p['seconds']:>9.1f} {n / p['seconds']:>7.1f} {'':>9} "
            f"{'':>8} {p['peak_rss_mb']:>8.0f} {'':>9} {'':>9} {'':>8} {'':>7} {'':>7}"
            f"   ← audit --format json, all results in memory ({p['bytes'] / 1e6:.1f} MB JSON)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--db", default="sqlite,postgresql")
    ap.add_argument("--executor", default="local,dask", help="comma-separated: " + ", ".join(EXECUTORS))
    ap.add_argument("--scheduler", help="dask: this cluster instead of a LocalCluster started here")
    ap.add_argument("--dask-workers", type=int, default=2, help="workers of the LocalCluster (default 2)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "nd30check-bench-scale")
    ap.add_argument("--no-plain", action="store_true", help="skip the comparison without a database")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    args.keep.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"bench_scale: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
          f"(the machine may be shared), jobs={args.jobs}, dask: "
          f"{args.scheduler or f'LocalCluster of {args.dask_workers} worker processes'}", flush=True)
    pg: dict = {}
    cluster = None
    rows = []
    head = (f"{'docs':>6} {'executor':<8} {'database':<10} {'record s':>9} {'docs/s':>7} {'re-run s':>9} {'checked':>8} "
            f"{'main MB':>8} {'re-run MB':>9} {'report s':>9} {'html KB':>8} {'csv KB':>7} {'db MB':>7}")
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            folder = _folder(args.keep, n)
            for executor in args.executor.split(","):
                scheduler = None
                if executor == "dask":
                    if args.scheduler is None and cluster is None:
                        cluster = _local_cluster(args.dask_workers)
                    scheduler = args.scheduler or cluster.scheduler_address
                if not args.no_plain:
                    rows.append(_plain_row(n, executor, _step("plain", folder, "", args.jobs, executor, scheduler)))
                    print(rows[-1], flush=True)
                for kind in args.db.split(","):
                    url, why = _db_url(kind, n, executor, args.keep, pg)
                    if url is None:
                        rows.append(f"{n:>6} {executor:<8} {kind:<10} skipped: {why}")
                        print(rows[-1], flush=True)
                        continue
                    cold = _step("record", folder, url, args.jobs, executor, scheduler)
                    again = _step("record", folder, url, args.jobs, executor, scheduler)
                    rep = _step("report", folder, url, args.jobs, executor, scheduler)
                    rows.append(_row(n, executor, kind, cold, again, rep, url))
                    print(rows[-1], flush=True)
    finally:
        if "server" in pg:
            pg["server"].close()
        if cluster is not None:
            cluster.close()
    print()
    print(head)
    for r in rows:
        print(r)
    print("main MB: peak resident memory of the main process (workers, and the Dask scheduler, not counted); "
          "re-run: the same folder unchanged, nothing checked again; report s: all four formats.")


if __name__ == "__main__":
    main()
