"""Signature verification speed: nd30check's verify_pdf vs a plain pyHanko loop, same files, same run.

    python benchmarks/bench_signatures.py [--runs 15] [--json out.json]

Measures (median of ``--runs`` warm runs, milliseconds per file):

* signed PDFs from the test PKI: one signature, two signatures (official + agency), each with
  an RFC 3161 timestamp; plus the real signed samples when ``../shared/real-samples`` exists;
* measured alternately (ours, pyHanko, ours, …) so machine load hits both alike;
* the baseline: ``PdfFileReader`` + ``embedded_signatures`` + ``validate_pdf_signature`` per
  signature with a fresh ``ValidationContext`` (what a pyHanko user writes), same trust store;
* the cost of an *unsigned* PDF: ``has_pdf_signatures`` in a fresh interpreter must not import
  pyHanko at all (reported with its time), next to pyHanko's own cold import time.

* the multi-signature real files (``tests/real/files``: the 21-page appendix of QĐ 1187/BNV
  with four signatures, the 29-page Nghị định 49/2026, …): one fresh process each for
  ``verify_pdf`` and for pyHanko's own validation (the loop above, diff analysis included), in
  the same run, reporting seconds for the call (imports excluded), the process's peak memory and
  each signature's modification level from both (the verdicts must agree, or the difference is
  one ``diff.py`` documents).

``time_verifier(fn, path, config, runs)`` is the hook other verifiers (OOXML) reuse.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def time_verifier(fn: Callable[..., Any], path: str, config: Any, runs: int = 15) -> float:
    """Median wall time in ms of ``fn(path, config)`` over ``runs`` warm runs (one warm-up)."""
    fn(path, config)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(path, config)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def paired(fn_a: Callable[..., Any], fn_b: Callable[..., Any], path: str, config: Any, runs: int = 15) -> tuple[float, float]:
    """Medians in ms of two verifiers run alternately on the same file (noise hits both alike)."""
    fn_a(path, config)
    fn_b(path, config)
    ta, tb = [], []
    for _ in range(runs):
        for fn, acc in ((fn_a, ta), (fn_b, tb)):
            t = time.perf_counter()
            fn(path, config)
            acc.append((time.perf_counter() - t) * 1000)
    return statistics.median(ta), statistics.median(tb)


def pyhanko_loop(path: str, config: Any) -> list[Any]:
    """Baseline: pyHanko alone, one ValidationContext per signature, same store and policy."""
    import asyncio
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature

    from nd30check.signatures import trust

    with open(path, "rb") as fh:
        reader = PdfFileReader(io.BytesIO(fh.read()), strict=False)
    out = []
    for emb in reader.embedded_signatures:
        vc = trust.validation_context(config, other_certs=emb.other_embedded_certs, moment=emb.self_reported_timestamp)
        out.append(asyncio.run(async_validate_pdf_signature(emb, signer_validation_context=vc,
                                                            key_usage_settings=trust.key_usage_constraints())))
    return out


HEAVY = ("pdf_appendix_bnv_1187-kem-bochiso_2025_landscape_signed.pdf", "pdf_signed_chinhphu_ND49-2026-ND-CP_vgcasign.pdf",
         "pdf_signed_bnv_QD1187-BNV_2025.pdf", "pdf_signed_vinhlong_BC811-UBND_2026.pdf")

_ONE_PROCESS = """
import json, logging, resource, sys, time
logging.disable(logging.WARNING)
sys.path.insert(0, {tests!r}); sys.path.insert(0, {bench!r})
from nd30check.signatures import pdf, trust
import bench_signatures as B
cfg = trust.TrustConfig()
t = time.perf_counter()
if {which!r} == "ours":
    levels = [s.modification for s in pdf.verify_pdf({path!r}, cfg).signatures]
else:
    levels = [getattr(st.modification_level, "name", None) for st in B.pyhanko_loop({path!r}, cfg)]
print(json.dumps({{"s": time.perf_counter() - t, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "levels": levels}}))
"""


def heavy_real(names: tuple[str, ...] = HEAVY, timeout: float = 600) -> list[dict[str, Any]]:
    """Seconds and peak MB of ours vs pyHanko on the multi-signature real files, one process each."""
    rows = []
    for name in names:
        path = ROOT / "tests" / "real" / "files" / name
        if not path.exists():
            continue
        row: dict[str, Any] = {"file": name}
        for which in ("ours", "pyhanko"):
            code = _ONE_PROCESS.format(tests=str(ROOT / "tests"), bench=str(ROOT / "benchmarks"), which=which, path=str(path))
            try:
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                                     check=True).stdout.strip().splitlines()[-1]
                row[which] = json.loads(out)
            except (subprocess.SubprocessError, IndexError, ValueError) as exc:
                row[which] = {"error": type(exc).__name__}
        rows.append(row)
    return rows


def unsigned_cost(path: str) -> dict[str, Any]:
    code = (
        "import sys, time; t = time.perf_counter(); "
        "from nd30check.signatures.pdf import has_pdf_signatures; "
        f"r = has_pdf_signatures({path!r}); "
        "print((time.perf_counter() - t) * 1000, r, any(m.startswith('pyhanko') for m in sys.modules))"
    )
    ms, signed, imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True).stdout.split()
    cold = subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); "
                           "import pyhanko.sign.validation, pyhanko.pdf_utils.reader; print((time.perf_counter()-t)*1000)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    return {"has_pdf_signatures_ms_cold_process": round(float(ms), 1), "signed": signed == "True",
            "pyhanko_imported": imported == "True", "pyhanko_cold_import_ms": round(float(cold), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--json", help="write the numbers here too")
    ap.add_argument("--no-heavy", action="store_true", help="skip the multi-signature real files (pyHanko needs a minute on one)")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)

    import pki as P

    from nd30check.signatures import pdf, trust

    work = Path(tempfile.mkdtemp(prefix="nd30-bench-"))
    kit = P.get_pki(work / "pki")
    files: dict[str, tuple[Path, Any]] = {}
    cfg = trust.TrustConfig(extra=[kit.files["root"]])
    one = work / "one-sig-ts.pdf"
    one.write_bytes(P.sign(P.plain_pdf(), kit.agency, field="A", pki=kit, box=(330, 110, 420, 200), text="UBND", timestamp=True))
    two = work / "two-sig-ts.pdf"
    two.write_bytes(P.official_then_agency(kit, timestamp=True))
    files["test PKI, 1 signature + timestamp"] = (one, cfg)
    files["test PKI, 2 signatures + timestamps"] = (two, cfg)
    real = ROOT / "tests" / "real" / "files"
    for p in sorted(real.glob("quangngai-*.pdf")) if real.is_dir() else []:
        files[f"real {p.name.split('-')[1]}"] = (p, trust.TrustConfig())

    rows = []
    for label, (path, conf) in files.items():
        ours, base = paired(pdf.verify_pdf, pyhanko_loop, str(path), conf, args.runs)
        nsig = len(pdf.verify_pdf(str(path), conf).signatures)
        rows.append({"file": label, "signatures": nsig, "size_kb": round(path.stat().st_size / 1024),
                     "verify_pdf_ms": round(ours, 1), "pyhanko_ms": round(base, 1),
                     "overhead_pct": round((ours / base - 1) * 100, 1)})
    unsigned = work / "unsigned.pdf"
    unsigned.write_bytes(P.plain_pdf())
    cost = unsigned_cost(str(unsigned))

    print(f"{'file':38} {'sigs':>4} {'KB':>6} {'verify_pdf':>11} {'pyHanko':>9} {'overhead':>9}")
    for r in rows:
        print(f"{r['file']:38} {r['signatures']:>4} {r['size_kb']:>6} {r['verify_pdf_ms']:>9.1f}ms {r['pyhanko_ms']:>7.1f}ms {r['overhead_pct']:>8.1f}%")
    total_ours = sum(r["verify_pdf_ms"] for r in rows)
    total_base = sum(r["pyhanko_ms"] for r in rows)
    print(f"{'total':38} {'':>4} {'':>6} {total_ours:>9.1f}ms {total_base:>7.1f}ms {(total_ours / total_base - 1) * 100:>8.1f}%")
    print(f"unsigned PDF: has_pdf_signatures in a fresh process {cost['has_pdf_signatures_ms_cold_process']} ms "
          f"(incl. imports), pyhanko imported: {cost['pyhanko_imported']}; pyHanko cold import alone: {cost['pyhanko_cold_import_ms']} ms")
    heavy = [] if args.no_heavy else heavy_real()
    if heavy:
        print(f"\n{'multi-signature real file':58} {'verify_pdf':>16} {'pyHanko':>16}  levels (ours / pyHanko)")
    for r in heavy:
        o, b = r.get("ours", {}), r.get("pyhanko", {})

        def cell(x: dict[str, Any]) -> str:
            return x["error"] if "error" in x else f"{x['s']:6.2f}s {x['peak_mb']:5.0f}MB"

        print(f"{r['file'][:58]:58} {cell(o):>16} {cell(b):>16}  {o.get('levels')} / {b.get('levels')}")
    if args.json:
        Path(args.json).write_text(json.dumps({"pdf": rows, "unsigned": cost, "heavy": heavy}, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0 if not cost["pyhanko_imported"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
