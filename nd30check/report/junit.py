"""JUnit XML for CI dashboards: one test case per file; failures list the findings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..summary import counted_findings


def render(results, config) -> str:
    suite = ET.Element("testsuite", name="nd30check")
    failures = errors = 0
    total_time = 0.0
    for r in results:
        p = Path(r.path)
        secs = (r.elapsed_ms or 0) / 1000
        total_time += secs
        case = ET.SubElement(suite, "testcase", classname=p.parent.as_posix().strip("/").replace("/", ".") or ".",
                             name=p.name, file=r.path, time=f"{secs:.3f}")
        if r.error:
            errors += 1
            el = ET.SubElement(case, "error", message=r.error.get("message", ""), type=r.error.get("code", "FILE-UNREADABLE"))
            el.text = r.error.get("message", "")
            continue
        n = counted_findings(r, config.fail_on)
        lines = [f"{f.rule} [{f.severity}] {f.message}" + (f" «{f.excerpt}»" if f.excerpt else "") for f in r.findings]
        if n:
            failures += 1
            el = ET.SubElement(case, "failure", message=f"{n} finding(s) at or above {config.fail_on}; verdict {r.verdict}",
                               type=r.verdict)
            el.text = "\n".join(lines)
        elif lines:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(lines)
    suite.set("tests", str(len(results)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", f"{total_time:.3f}")
    root = ET.Element("testsuites", tests=str(len(results)), failures=str(failures), errors=str(errors))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
