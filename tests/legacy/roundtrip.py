"""Measure what a LibreOffice conversion changes: the evidence behind readers/legacy/vouch.py.

Each .docx given is saved by LibreOffice as .doc, .rtf and .odt, converted back to .docx the
way nd30check converts, and both are read and checked. Printed: per format, how many matched
paragraphs changed each property, and which rules changed status or findings (with the first
example). Re-run it when LibreOffice is upgraded or the reader changes.

    python tests/legacy/roundtrip.py tests/real/files samples/compliant samples/defects
"""

from __future__ import annotations

import collections
import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from nd30check.check import check_path  # noqa: E402
from nd30check.readers import read_document  # noqa: E402
from nd30check.readers.legacy import soffice  # noqa: E402
from nd30check.structure import analyze  # noqa: E402

FORMATS = {"doc": "doc:MS Word 97", "rtf": "rtf:Rich Text Format", "odt": "odt:writer8"}
PARA = ("alignment", "first_line_indent", "left_indent", "right_indent", "space_before", "space_after",
        "line_spacing", "line_rule", "role")
RUN = ("font", "size", "bold", "italic", "caps", "underline", "color")


def _body(path: Path):
    doc = read_document(str(path))
    analyze(doc)
    return doc, [p for p in doc.paragraphs if not p.is_empty and p.container not in ("header", "footer")]


def _chars(runs, attr):
    c: collections.Counter = collections.Counter()
    for r in runs:
        c[getattr(r, attr)] += sum(not ch.isspace() for ch in r.text)
    return c


def compare(orig: Path, back: Path, props: collections.Counter, rules: dict[str, list[str]]) -> int:
    do, po = _body(orig)
    db, pb = _body(back)
    matched = 0
    sm = difflib.SequenceMatcher(a=[p.text for p in po], b=[p.text for p in pb], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            props["text changed"] += max(i2 - i1, j2 - j1)
            continue
        for p, q in zip(po[i1:i2], pb[j1:j2]):
            matched += 1
            for a in PARA:
                va, vb = getattr(p, a), getattr(q, a)
                if a == "alignment" and {va, vb} <= {None, "left"}:
                    continue
                if isinstance(va, float) and isinstance(vb, float) and abs(va - vb) < 0.06:
                    continue
                if va != vb:
                    props[a] += 1
            for a in RUN:
                if _chars(p.visible_runs, a) != _chars(q.visible_runs, a):
                    props["run " + a] += 1
            if len(do.hlines_under(p)) != len(db.hlines_under(q)):
                props["lines under"] += 1
            if {r.font_source for r in p.visible_runs} != {r.font_source for r in q.visible_runs}:
                props["font source"] += 1
    for a in ("orientation", "margin_top", "margin_bottom", "margin_left", "margin_right", "title_page"):
        if [getattr(s, a) for s in do.sections] != [getattr(s, a) for s in db.sections]:
            props["section " + a] += 1
    ro, rb = check_path(orig), check_path(back)
    for rule in sorted(set(ro.statuses) | set(rb.statuses)):
        fo = sorted(f.message for f in ro.findings if f.rule == rule)
        fb = sorted(f.message for f in rb.findings if f.rule == rule)
        if ro.statuses.get(rule) != rb.statuses.get(rule) or fo != fb:
            rules.setdefault(rule, []).append(f"{orig.name}: {ro.statuses.get(rule)} → {rb.statuses.get(rule)} "
                                              f"{(sorted(set(fb) - set(fo)) or [''])[0][:90]}")
    return matched


def main(argv: list[str]) -> int:
    office = soffice.find_office()
    if office is None:
        raise SystemExit("LibreOffice not found")
    sources = sorted(p for a in argv for p in (Path(a).glob("*.docx") if Path(a).is_dir() else [Path(a)]))
    print(f"{office.name}; {len(sources)} documents")
    with tempfile.TemporaryDirectory(prefix="nd30-roundtrip-") as t:
        tmp = Path(t)
        for fmt, flt in FORMATS.items():
            out = tmp / fmt
            subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'p').as_uri()}", "--headless", "--convert-to",
                            flt, "--outdir", str(out), *map(str, sources)], check=True, capture_output=True,
                           timeout=1200, env={"HOME": str(tmp), "PATH": "/usr/bin:/bin"})
            props: collections.Counter = collections.Counter()
            rules: dict[str, list[str]] = {}
            matched = 0
            for src in sources:
                legacy = out / f"{src.stem}.{fmt}"
                if not legacy.exists():
                    props["not converted"] += 1
                    continue
                work = soffice.new_workdir()
                try:
                    shutil.copyfile(legacy, work / legacy.name)
                    back = soffice.run_conversion(office, work / legacy.name, work / "out", work, 120)
                    matched += compare(src, back, props, rules)
                finally:
                    shutil.rmtree(work, ignore_errors=True)
            print(f"\n== {fmt}: {matched} matched paragraphs")
            for k, v in props.most_common():
                print(f"   {k:22s} {v}")
            for rule, examples in sorted(rules.items()):
                print(f"   {rule:22s} {len(examples)} file(s), e.g. {examples[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
