"""JUnit XML for CI dashboards: one test case per file.

* findings at or above ``--fail-on`` → ``<failure>`` listing them;
* an unreadable file → ``<error>``;
* an incomplete file (something that applies could not be measured: a scan, an unknown
  certificate issuer) → ``<skipped>`` with the reason, never a silent pass;
* each case carries ``<properties>`` with the overall verdict and the two verdicts
  (``verdict.format``, ``verdict.signature``), as pytest's ``record_property`` writes them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..summary import counted_findings
from .words import Words


def _properties(case: ET.Element, r) -> None:
    props = ET.SubElement(case, "properties")
    if r.error:
        values = {"verdict": "unreadable"}
    else:
        v = r.verdicts
        values = {"verdict": r.verdict, "verdict.format": v["format"], "verdict.signature": v["signature"]}
    for k, val in values.items():
        ET.SubElement(props, "property", name=k, value=val)


def render(results, words: Words, fail_on: str) -> str:
    suite = ET.Element("testsuite", name="nd30check")
    failures = errors = skipped = 0
    total_time = 0.0
    for r in results:
        p = Path(r.path)
        secs = (r.elapsed_ms or 0) / 1000
        total_time += secs
        case = ET.SubElement(suite, "testcase", classname=p.parent.as_posix().strip("/").replace("/", ".") or ".",
                             name=p.name, file=r.path, time=f"{secs:.3f}")
        _properties(case, r)
        if r.error:
            errors += 1
            error = words.error(r) or {}
            el = ET.SubElement(case, "error", message=error.get("message", ""), type=error.get("code", "FILE-UNREADABLE"))
            el.text = error.get("message", "")
            continue
        n = counted_findings(r, fail_on)
        lines = [f"{f.rule} [{f.severity}] {f.message}" + (f" «{f.excerpt}»" if f.excerpt else "") for f in words.findings(r)]
        if n:
            failures += 1
            el = ET.SubElement(case, "failure", message=f"{n} finding(s) at or above {fail_on}; verdict {r.verdict}",
                               type=r.verdict)
            el.text = "\n".join(lines)
        elif r.verdict == "incomplete":
            skipped += 1
            unevaluated = [rr for rr in r.results if rr.status == "not-evaluated"]
            why = "; ".join(f"{rr.rule}: {words.reasons(rr)[0]}" if rr.reasons else rr.rule for rr in unevaluated[:5])
            el = ET.SubElement(case, "skipped", message=f"incomplete: {len(unevaluated)} rule(s) not evaluated — {why}")
            el.text = "\n".join(f"{rr.rule}: {'; '.join(words.reasons(rr))}" for rr in unevaluated)
        if lines and not n:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(lines)
    suite.set("tests", str(len(results)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", f"{total_time:.3f}")
    root = ET.Element("testsuites", tests=str(len(results)), failures=str(failures), errors=str(errors),
                      skipped=str(skipped))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
