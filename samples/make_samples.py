#!/usr/bin/env python3
"""Generate the sample documents and the labelled corpus.

    python samples/make_samples.py                 # samples/compliant, samples/defects, tests/corpus/labels.json
    python samples/make_samples.py --pdf           # + samples/pdf/… through LibreOffice (see samples/README.md)
    python samples/make_samples.py --bulk 500 --out /tmp/bulk   # benchmark folder (not committed)

Output is deterministic: the same command gives the same bytes (fixed zip timestamps,
seeded choices), so the committed samples can be checked against the generator.
Labels come from the same model the files are written from, so they cannot drift apart.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from content import COMPLIANT  # noqa: E402
from defects import DEFECTS, VARIANTS, Defect  # noqa: E402
from docxgen import build_docx  # noqa: E402
from layout import Layout, Spec, layout, roles_of  # noqa: E402

# The compliant samples are signed (official + agency) with a DEMO PKI trusted only through
# samples/nd30check.toml: see demo_pki.py. Defect samples stay unsigned drafts, so each shows
# its own mistake (and, being unsigned, never passes as an issued document).
SIGNED_FOLDER = "compliant"

ROOT = HERE.parent
LAYOUT_RULES = [
    "FILE-TRACKED-CHANGES", "ND30-PAGE-SIZE", "ND30-PAGE-ORIENT", "ND30-MARGIN", "ND30-FONT", "ND30-COLOR",
    "ND30-PAGE-NUMBER", "ND30-SIZE-PAIR", "ND30-QH-TEXT", "ND30-QH-STYLE", "ND30-TN-TEXT", "ND30-TN-STYLE",
    "ND30-TN-LINE", "ND30-CQ-TEXT", "ND30-CQ-STYLE", "ND30-CQ-LINE", "ND30-SO-FORMAT", "ND30-SO-TYPE",
    "ND30-DATE-FORMAT", "ND30-DATE-STYLE", "ND30-TYPE-STYLE", "ND30-TRICH-YEU", "ND30-BODY-SIZE", "ND30-BODY-ALIGN",
    "ND30-BODY-INDENT", "ND30-BODY-SPACING", "ND30-CAN-CU", "ND30-HEADINGS", "ND30-KINH-GUI",
    "ND30-STRUCTURE-REQUIRED", "ND30-STRUCTURE-ORDER", "ND30-TEXT-STRAY", "ND30-SIGN-AUTHORITY", "ND30-SIGN-NAME",
    "ND30-NN-LABEL", "ND30-NN-ITEMS", "ND30-NN-LUU", "ND30-PL-HEADING", "ND30-PL-REF",
]


def expected_for(spec: Spec) -> dict[str, str]:
    """Rule statuses a correct checker gives this compliant spec (only the ones we are sure of)."""
    if spec.appendix_only:
        exp = {r: "pass" for r in ("FILE-TRACKED-CHANGES", "ND30-PAGE-SIZE", "ND30-PAGE-ORIENT", "ND30-MARGIN",
                                   "ND30-FONT", "ND30-COLOR", "ND30-PAGE-NUMBER", "ND30-PL-HEADING", "ND30-TEXT-STRAY")}
        if spec.layout.landscape:  # how margins map onto a landscape page is open (A17)
            del exp["ND30-MARGIN"]
        return exp
    exp = {r: "pass" for r in LAYOUT_RULES}
    if spec.kind == "CV":
        exp["ND30-TYPE-STYLE"] = "not-applicable"
    if not spec.can_cu:
        exp["ND30-CAN-CU"] = "not-applicable"
    if not spec.kinh_gui:
        exp["ND30-KINH-GUI"] = "not-applicable"
    if not any(k in ("roman", "num", "dieu") for k, _ in spec.body):
        del exp["ND30-HEADINGS"]
    if not spec.appendix:
        exp["ND30-PL-HEADING"] = "not-applicable"
        exp["ND30-PL-REF"] = "not-applicable"
    if not spec.date_line:
        exp["ND30-DATE-FORMAT"] = "not-applicable"
        exp["ND30-DATE-STYLE"] = "not-applicable"
        del exp["ND30-SIZE-PAIR"]
    return exp


def _entry(path: str, spec: Spec, model, expected: dict, compliant: bool, extra: dict | None = None) -> dict:
    e = {"path": path, "kind": "docx", "compliant": compliant, "expected": dict(sorted(expected.items())),
         "roles": roles_of(model), "document": spec.facts()}
    if spec.appendix_only and spec.appendix:
        e["document"] = {"is_appendix": True, "appendix_ref": {"type": "Kế hoạch", "number_symbol": spec.number_symbol,
                                                               "date": "2026-%02d-%02d" % spec.date[1:]}}
    if extra:
        e.update(extra)
    return e


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def generate(out: Path, rel_base: Path, unsigned: dict[str, bytes] | None = None,
             specs: dict[str, Spec] | None = None) -> list[dict]:
    """Write compliant samples (signed with the demo PKI) and defect variants under ``out``;
    return their label entries. ``unsigned``/``specs`` receive, per compliant sample path,
    its bytes before signing (what the PDF twin is converted from) and its spec."""
    from demo_pki import demo_pki
    from sign_samples import sign_docx_sample

    pki = demo_pki()
    pki.write_trust()
    unsigned = {} if unsigned is None else unsigned
    specs = {} if specs is None else specs
    entries: list[dict] = []
    bases: dict[str, tuple[Spec, bytes]] = {}
    pdf_rules: set[str] = set()
    for fn in COMPLIANT:
        spec = fn()
        model = layout(spec)
        data = build_docx(model)
        path = out / "compliant" / f"{spec.key}.docx"
        write(path, sign_docx_sample(spec, data, pki))
        unsigned[str(path)], specs[str(path)] = data, spec
        bases[spec.key] = (spec, data)
        entries.append(_entry(str(path.relative_to(rel_base)), spec, model, expected_for(spec), True))
    for v in VARIANTS:
        spec = bases[v.base][0]
        model = layout(spec)
        v.model_fn(model)
        path = out / "compliant" / f"{v.key}.docx"
        data = build_docx(model)
        write(path, sign_docx_sample(spec, data, pki))
        unsigned[str(path)], specs[str(path)] = data, spec
        entries.append(_entry(str(path.relative_to(rel_base)), spec, model, expected_for(spec), True,
                              {"variant": v.what}))
    for d in DEFECTS:
        spec0 = next(fn() for fn in COMPLIANT if fn().key == d.base)
        spec = d.spec_fn(spec0) if d.spec_fn else spec0
        model = layout(spec)
        if d.model_fn:
            d.model_fn(model)
        data = build_docx(model)
        if d.bytes_fn:
            data = d.bytes_fn(data)
        path = out / "defects" / f"{d.rule}--{d.desc}.docx"
        write(path, data)
        exp = expected_for(spec0)
        for r in d.unsure:
            exp.pop(r, None)
        exp.update(d.expected)
        exp[d.rule] = "fail"
        extra = {"defect": {"rule": d.rule, "what": d.what}}
        if d.pdf_target_only:
            extra["pdf_expected"] = {d.rule: "fail"}
        if d.severity:
            extra["expected_severity"] = {d.rule: d.severity}
        if d.unreadable:
            e = {"path": str(path.relative_to(rel_base)), "kind": "docx", "compliant": False,
                 "expected": {"FILE-UNREADABLE": "fail"}, "roles": [], "document": {}, **extra}
        else:
            e = _entry(str(path.relative_to(rel_base)), spec, model, exp, False, extra)
            for k, v in d.facts.items():
                if v is None:
                    e["document"].pop(k, None)
                else:
                    e["document"][k] = v
            e["pdf_ok"] = d.pdf and d.rule not in pdf_rules  # one PDF per rule keeps the repo small
            if d.pdf:
                pdf_rules.add(d.rule)
        entries.append(e)
    return entries


# --- PDFs -------------------------------------------------------------------------------------
FONT_DIR = HERE / "fonts"


def make_pdfs(entries: list[dict], out: Path, rel_base: Path, run: bool = True,
              unsigned: dict[str, bytes] | None = None, specs: dict[str, Spec] | None = None) -> list[dict]:
    """Label entries for the PDF twins of every compliant sample and every defect a PDF can show.

    ``run``: convert with LibreOffice (else only list the PDFs already there). A compliant
    sample is converted from its unsigned DOCX, then its PDF is signed with the demo PKI;
    ``pdf/SIGNED.json`` keeps the length of each PDF before signing, so the signatures can be
    made again (same bytes) without LibreOffice."""
    import hashlib

    unsigned = unsigned or {}
    specs = specs or {}
    jobs = [e for e in entries if e.get("compliant") or e.get("pdf_ok")]
    sources = [rel_base / e["path"] for e in jobs]
    targets = [out / "pdf" / s.relative_to(out).with_suffix(".pdf") for s in sources]
    signed_path = out / "pdf" / "SIGNED.json"
    signed_len: dict[str, int] = json.loads(signed_path.read_text(encoding="utf-8")) if signed_path.exists() else {}
    fresh: dict[Path, bytes] = {}  # target → unsigned PDF just converted
    if run:  # convert only what changed since the last run (LibreOffice stamps dates into PDFs)
        import tempfile

        from pdfconv import convert  # local helper, needs LibreOffice

        def source_bytes(s: Path) -> bytes:
            return unsigned.get(str(s)) or s.read_bytes()

        manifest_path = out / "pdf" / "SOURCES.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        digests = {str(t.relative_to(out)): hashlib.sha256(source_bytes(s)).hexdigest() for s, t in zip(sources, targets)}
        todo = [(s, t) for s, t in zip(sources, targets)
                if not t.exists() or manifest.get(str(t.relative_to(out))) != digests[str(t.relative_to(out))]]
        if todo:
            with tempfile.TemporaryDirectory() as tmp:
                plain = []
                for i, (s, _t) in enumerate(todo):  # convert the unsigned DOCX, under its own name
                    p = Path(tmp) / f"{i:03d}" / s.name
                    p.parent.mkdir()
                    p.write_bytes(source_bytes(s))
                    plain.append(p)
                convert(plain, [t for _, t in todo])
            for _s, t in todo:
                fresh[t] = t.read_bytes()
        scan_src = targets[[str(x) for x in sources].index(str(SCAN_SOURCE(out)))]
        scan = out / "pdf" / "defects" / SCAN_NAME
        if scan_src in [t for _, t in todo] or not scan.exists():
            make_scan(scan_src, scan)  # from the unsigned PDF: a scan of the paper copy
        for old in (out / "pdf").rglob("*.pdf"):
            if old not in targets and old != scan:
                old.unlink()
        manifest_path.write_text(json.dumps(dict(sorted(digests.items())), indent=1) + "\n", encoding="utf-8")
    try:
        _sign_pdfs([(t, specs.get(str(s))) for s, t in zip(sources, targets)], out, fresh, signed_len)
    finally:  # what was signed so far must stay recoverable
        if signed_len:
            signed_path.parent.mkdir(parents=True, exist_ok=True)
            signed_path.write_text(json.dumps(dict(sorted(signed_len.items())), indent=1) + "\n", encoding="utf-8")
    pdf_entries = []
    scan = out / "pdf" / "defects" / SCAN_NAME
    if scan.exists():
        pdf_entries.append({"path": str(scan.relative_to(rel_base)), "kind": "pdf", "compliant": False,
                            "expected": {"FILE-NO-TEXT": "fail"}, "roles": [], "document": {},
                            "defect": {"rule": "FILE-NO-TEXT", "what": "the signed paper copy scanned to an image-only PDF"},
                            "expected_severity": {"FILE-NO-TEXT": "warning"}})
    for e, t in zip(jobs, targets):
        if not t.exists():
            continue
        pe = dict(e, path=str(t.relative_to(rel_base)), kind="pdf")
        pe.pop("pdf_ok", None)
        only_target = pe.pop("pdf_expected", None)
        exp = dict(only_target or pe["expected"])
        if only_target:  # the page rewraps and clips: roles and facts are not sure either
            pe["roles"], pe["document"] = [], {}
        exp.pop("FILE-TRACKED-CHANGES", None)
        pe["expected"] = exp
        if pe["roles"]:
            pe["roles"] = pdf_order(t, pe["roles"])
        pdf_entries.append(pe)
    return pdf_entries


def _sign_pdfs(items: list[tuple[Path, Spec | None]], out: Path, fresh: dict[Path, bytes], signed_len: dict[str, int]) -> None:
    """Sign the compliant PDF twins: from a fresh conversion, or from the unsigned bytes at
    the start of the committed (signed) file — signatures are incremental updates."""
    from demo_pki import demo_pki
    from sign_samples import sign_pdf_sample

    pki = None
    for target, spec in items:
        if spec is None or not target.exists():
            continue
        key = str(target.relative_to(out))
        if target in fresh:
            plain = fresh[target]
        else:
            data = target.read_bytes()
            n = signed_len.get(key)
            plain = data[:n] if n and b"/ByteRange" in data else data
            if b"/ByteRange" in plain:
                raise SystemExit(f"{target}: signed, but pdf/SIGNED.json does not say where the unsigned file ends; "
                                 "run with --pdf to convert it again")
        pki = pki or demo_pki()
        write(target, sign_pdf_sample(spec, plain, pki))
        signed_len[key] = len(plain)


SCAN_NAME = "FILE-NO-TEXT--scanned-cong-van.pdf"


def SCAN_SOURCE(out: Path) -> Path:  # noqa: N802 - a constant that depends on the output folder
    return out / "compliant" / "cv-so-noi-vu-nhieu-noi-nhan.docx"


def make_scan(pdf: Path, target: Path) -> None:
    """An image-only PDF (what a scanner gives): the PDF's pages rasterised in grey, 150 dpi."""
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p*.png"))]
        target.parent.mkdir(parents=True, exist_ok=True)
        pages[0].save(target, "PDF", resolution=150.0, save_all=True, append_images=pages[1:])


def _norm(text: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def pdf_order(pdf: Path, roles: list[list[str]]) -> list[list[str]]:
    """Reorder role labels the way the PDF shows them: page, then line top, then left to right.

    A DOCX lists a two-column table cell by cell; a PDF reader sees rows (agency line 1 beside
    the Quốc hiệu, "Nơi nhận:" beside the authority line). Each label is found on the page by
    its text; one not found keeps its place after the previous label."""
    import pdfplumber

    raw: list[tuple[int, float, float, str]] = []
    with pdfplumber.open(str(pdf)) as doc:
        for pno, page in enumerate(doc.pages):
            words = sorted(page.extract_words(use_text_flow=False, keep_blank_chars=False),
                           key=lambda w: (round(w["top"]), w["x0"]))
            lines: list[list[dict]] = []
            for w in words:  # a line = words whose tops agree within 3 pt
                if lines and abs(w["top"] - lines[-1][0]["top"]) <= 3:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            for line in lines:
                line.sort(key=lambda w: w["x0"])
                cur: list[dict] = []
                for w in line + [None]:  # a segment = a run of words without a column-wide gap
                    if cur and (w is None or w["x0"] - cur[-1]["x1"] > 9):
                        raw.append((pno, cur[0]["top"], cur[0]["x0"], _norm(" ".join(x["text"] for x in cur))))
                        cur = []
                    if w is not None:
                        cur.append(w)
    raw.sort()
    segs: list[tuple[int, int, float, str]] = []
    row, start = -1, (-1, -100.0)
    for pno, top, x0, text in raw:  # rows: tops within 4 pt of the row's first segment, left to right
        if pno != start[0] or top - start[1] > 4:
            row, start = row + 1, (pno, top)
        segs.append((pno, row, x0, text))
    segs.sort(key=lambda t: (t[0], t[1], t[2]))
    used: set[int] = set()
    keyed = []
    last = (0, -1.0, -1.0)
    for k, (text, role) in enumerate(roles):
        want = _norm(text)[:30]
        hit = None
        for j, (pno, top, x0, seg) in enumerate(segs):
            if j in used or not seg:
                continue
            if seg.startswith(want) or (len(seg) >= 6 and want.startswith(seg)):
                if (pno, top) >= last[:2] or hit is None:
                    hit = j
                    if (pno, top) >= last[:2]:
                        break
        if hit is not None:
            used.add(hit)
            last = segs[hit][:3]
        keyed.append((last, k, [text, role]))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [item for _, _, item in keyed]


def bulk(n: int, out: Path, seed: int = 30) -> None:
    """``n`` documents: mixed types and layouts, about one in four with a defect, plus labels.json."""
    rng = random.Random(seed)
    specs = [fn for fn in COMPLIANT]
    entries = []
    out.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        fn = rng.choice(specs)
        spec = fn()
        d: Defect | None = None
        if rng.random() < 0.25:
            cands = [x for x in DEFECTS if x.base == spec.key and not x.unreadable]
            d = rng.choice(cands) if cands else None
        varied = _vary(spec, rng, k)
        # a defect variant keeps its base's build and date (its mistake is defined against them)
        spec = replace(spec, number=varied.number) if d else varied
        if d and d.spec_fn:
            spec = d.spec_fn(spec)
        model = layout(spec)
        if d and d.model_fn:
            d.model_fn(model)
        data = build_docx(model)
        if d and d.bytes_fn:
            data = d.bytes_fn(data)
        name = f"{k + 1:04d}-{spec.key}" + (f"--{d.rule}" if d else "") + ".docx"
        (out / name).write_bytes(data)
        exp = expected_for(spec) if d is None else {d.rule: "fail"}
        entries.append({"path": name, "kind": "docx", "compliant": d is None, "expected": exp,
                        "roles": roles_of(model), "document": spec.facts()})
    (out / "labels.json").write_text(json.dumps({"files": entries}, ensure_ascii=False, indent=1), encoding="utf-8")


COMMUNES = ["Phượng Tiến", "Tân Dương", "Trung Hội", "Bình Yên", "Kim Phượng", "Phú Đình", "Điềm Mặc", "Bảo Linh"]


def _swap(value, old: str, new: str):
    """Replace a place name everywhere in a spec's words (strings, lists, tuples, nested specs)."""
    if isinstance(value, str):
        return value.replace(old, new).replace(old.upper(), new.upper())
    if isinstance(value, list):
        return [_swap(v, old, new) for v in value]
    if isinstance(value, tuple):
        return tuple(_swap(v, old, new) for v in value)
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, Layout):
        return replace(value, **{f: _swap(getattr(value, f), old, new) for f in value.__dataclass_fields__})
    return value


def _vary(spec: Spec, rng: random.Random, k: int) -> Spec:
    """Another commune, number, date and file build for the same text (all still compliant)."""
    town = rng.choice(COMMUNES)
    spec = _swap(spec, "Phượng Tiến", town)
    lay = spec.layout
    pair = rng.choice([(13, 14, 14, 13), (12, 13, 13, 12)])
    lay = replace(lay, mode=rng.choice(["defaults", "theme", "explicit"]), lines=rng.choice(["border", "wps", "vml"]),
                  qh=pair[0], tn=pair[1], date=pair[2], agency=pair[3], body=rng.choice([13, 14]),
                  margins=rng.choice([(20, 20, 30, 15), (25, 25, 35, 20), (20, 20, 30, 20), (25, 20, 30, 15)]),
                  field=rng.choice(["complex", "simple"]), signblock=rng.choice(["table", "tabs"]))
    if spec.appendix_only:
        return replace(spec, layout=lay)
    date = (2026, rng.randint(3, 12), rng.randint(1, 28))
    out = replace(spec, number=f"{rng.randint(1, 450):02d}", date=date, layout=lay)
    if out.appendix:  # the appendix in the same file cites the main document's number and date
        when = out.date_text().split(", ", 1)[1]
        ref = re.sub(r"số \S+ ngày \d+ tháng \d+ năm \d+", f"số {out.number_symbol} {when}", out.appendix.ref)
        out = replace(out, appendix=replace(out.appendix, ref=ref))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: samples/)")
    ap.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice")
    ap.add_argument("--labels", type=Path, default=None, help="labels file (default: tests/corpus/labels.json)")
    ap.add_argument("--bulk", type=int, default=0, help="write N benchmark documents into --out instead")
    args = ap.parse_args(argv)
    if args.bulk:
        if args.out is None:
            ap.error("--bulk needs --out")
        bulk(args.bulk, args.out)
        print(f"{args.bulk} documents in {args.out}")
        return 0
    out = args.out or HERE
    rel_base = ROOT if out.resolve() == HERE else out
    unsigned: dict[str, bytes] = {}
    specs: dict[str, Spec] = {}
    entries = generate(out, rel_base, unsigned, specs)
    labels = args.labels or (ROOT / "tests" / "corpus" / "labels.json" if out.resolve() == HERE else out / "labels.json")
    entries += make_pdfs(entries, out, rel_base, run=args.pdf, unsigned=unsigned, specs=specs)
    for e in entries:
        e.pop("pdf_ok", None)
    labels.parent.mkdir(parents=True, exist_ok=True)
    labels.write_text(json.dumps({"version": 1, "files": entries}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} labelled files; labels in {labels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
