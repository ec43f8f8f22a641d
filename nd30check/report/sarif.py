"""SARIF 2.1.0 (validates against the OASIS schema), with rule metadata and help text.

Each result carries a stable fingerprint (``partialFingerprints["nd30check/v1"]``): the file's
name, the rule, the excerpt and the actual value, hashed — the same identity baselines use,
so code-scanning services follow a finding across runs even when paragraphs move or the
folder is renamed.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .fingerprint import finding_fingerprint
from .words import Words

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code-scanning services want that); an absolute one
    becomes a file:// URI. Spaces and Vietnamese letters are percent-encoded."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def render(results, words: Words) -> str:
    lang, pack = words.lang, words.pack
    used = sorted({f.rule for r in results for f in r.findings} | {"FILE-UNREADABLE"} & set(pack.rules))
    rules_meta = []
    index = {}
    for rid in [r.id for r in pack.ordered() if r.id in used]:
        rule = pack.get(rid)
        index[rid] = len(rules_meta)
        help_text = " ".join(x for x in (rule.text("why", lang), rule.text("fix", lang)) if x) or rule.text("title", lang)
        rules_meta.append({
            "id": rid,
            "name": rid.replace("-", ""),
            "shortDescription": {"text": rule.text("title", lang) or rid},
            "fullDescription": {"text": rule.text("why", lang) or rule.text("title", lang) or rid},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": LEVEL[rule.severity]},
            "properties": {"clause": rule.clause, "category": rule.category, "tags": [rule.category]},
        })
    sarif_results = []
    artifacts = []
    for i, r in enumerate(results):
        uri = artifact_uri(r.path)
        artifacts.append({"location": {"uri": uri}})
        for f in words.findings(r):
            loc: dict = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": i}}}
            if f.paragraph is not None:
                region: dict = {"startLine": f.paragraph + 1}
                if f.excerpt:
                    region["snippet"] = {"text": f.excerpt}
                loc["physicalLocation"]["region"] = region
            item = {
                "ruleId": f.rule,
                "level": LEVEL.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [loc],
                "properties": {"page": f.page, "paragraph": f.paragraph, "role": f.role,
                               "expected": f.expected, "actual": f.actual, "clause": f.clause},
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            item["partialFingerprints"] = {"nd30check/v1": finding_fingerprint(r.path, f)}
            sarif_results.append(item)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nd30check", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-30-2020-ND-CP-cong-tac-van-thu-437498.aspx",
                                "rules": rules_meta}},
            "artifacts": artifacts,
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
