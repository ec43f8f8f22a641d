"""Check one file: read → structure → signatures → rules → a :class:`FileResult`.

Whatever goes wrong with one file ends here as FILE-UNREADABLE for that file (with a
Vietnamese message), never as an exception that stops a batch.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from .checks.base import Options
from .config import Config
from .engine import Finding, RuleResult, render_finding, run_rules, verdict
from .locate import locate_findings
from .model import Conversion, Document, Facts, SignatureReport, UnreadableError
from .rulepack import RulePack, load_pack

log = logging.getLogger("nd30check")
JSON_VERSION = 1

#: The two judgements an inspection counts apart ("sai thể thức", "không ký số"), besides the
#: overall verdict. A rule belongs to one group by its ID: ``SIG-*`` = signature; ``BUNDLE-*``
#: and ``AUDIT-*`` are about the batch (a missing main document or appendix, numbering across
#: files), so they count only in the overall verdict; everything else (``ND30-*`` layout rules
#: and ``FILE-*``: the file as a document — unreadable, scanned, tracked changes left) = format.
VERDICT_GROUPS = ("format", "signature")


def rule_group(rule_id: str) -> str:
    """"signature", "batch" or "format" (see :data:`VERDICT_GROUPS`)."""
    if rule_id.startswith("SIG-"):
        return "signature"
    if rule_id.startswith(("BUNDLE-", "AUDIT-")):
        return "batch"
    return "format"


def group_verdict(results: list[RuleResult]) -> str:
    """The verdict of one group; ``not-applicable`` when none of its rules applied (a draft's
    signatures, or a group left out with --select/--ignore)."""
    if not results or all(r.status == "not-applicable" for r in results):
        return "not-applicable"
    return verdict(results)


@dataclass
class FileResult:
    path: str
    kind: str | None
    facts: Facts = field(default_factory=Facts)
    results: list[RuleResult] = field(default_factory=list)
    signatures: SignatureReport | None = None
    error: dict[str, str] | None = None  # {"rule", "code", "message"}
    has_text_layer: bool = True
    page_count: int | None = None
    elapsed_ms: float | None = None
    roles: list[tuple[int, str, str]] | None = None  # (paragraph, role, excerpt) when asked for
    views: dict[str, Any] | None = None  # page pictures / paper view when asked for (pageview.py)
    conversion: Conversion | None = None  # the file was converted to .docx before checking

    @property
    def verdict(self) -> str:
        return verdict(self.results)

    @property
    def verdicts(self) -> dict[str, str]:
        """{"format": …, "signature": …}: compliant, non-compliant, incomplete or not-applicable."""
        groups: dict[str, list[RuleResult]] = {g: [] for g in VERDICT_GROUPS}
        for r in self.results:
            g = rule_group(r.rule)
            if g in groups:
                groups[g].append(r)
        return {g: group_verdict(rs) for g, rs in groups.items()}

    @property
    def findings(self) -> list[Finding]:
        out = [f for r in self.results for f in r.findings]
        return sorted(out, key=Finding.sort_key)

    @property
    def statuses(self) -> dict[str, str]:
        return {r.rule: r.status for r in self.results}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "document": self.facts.to_json(),
            "verdict": self.verdict,
            "verdicts": self.verdicts,
            "rules": self.statuses,
            "findings": [f.to_json() for f in self.findings],
            "signatures": [s.to_json() for s in self.signatures.signatures] if self.signatures else [],
            "error": self.error,
        }
        if self.signatures and (self.signatures.problems or self.signatures.error):
            out["signature_problems"] = list(self.signatures.problems)
        if self.conversion is not None:
            out["converted"] = self.conversion.to_json()
        if self.roles is not None:
            out["roles"] = [{"paragraph": i, "role": r, "excerpt": e} for i, r, e in self.roles]
        return out


def unreadable_result(path: str, kind: str | None, code: str, message_vi: str, message_en: str,
                      pack: RulePack, config: Config) -> FileResult:
    """FILE-UNREADABLE fails; every other selected rule is honestly not-evaluated."""
    from .checks.file import file_unreadable

    rule = pack.get("FILE-UNREADABLE")
    lang = config.lang
    if rule is not None:
        raw = file_unreadable(rule.messages, code, message_vi, message_en)
        finding = render_finding(rule, raw, config.severity.get("FILE-UNREADABLE", rule.severity), lang, pack.terms)
    else:
        finding = Finding(rule="FILE-UNREADABLE", severity=config.severity.get("FILE-UNREADABLE", "error"),
                          message=message_vi if lang == "vi" else message_en, clause="", actual=code)
    message = finding.message
    results = [RuleResult("FILE-UNREADABLE", "fail", [finding])]
    reason = "không đọc được tệp" if lang == "vi" else "file could not be read"
    for r in pack.ordered():
        if r.id != "FILE-UNREADABLE" and not r.pipeline and config.selected(r.id):
            results.append(RuleResult(r.id, "not-evaluated", reasons=[reason]))
    return FileResult(path=path, kind=kind, results=results,
                      error={"rule": "FILE-UNREADABLE", "code": code, "message": message})


def read_signatures(doc: Document, path: str, config: Config, data: bytes | None = None) -> SignatureReport:
    """Second reader: digital signatures. pyhanko is imported only when a PDF is signed.

    ``data``: the file's bytes, already read for the document reader (a file is read once);
    a PDF's widget appearances come from the document the PDF reader already read (one
    content interpreter)."""
    if doc.conversion is not None:  # the user's file is not the .docx that was read
        from .readers.legacy.signatures import legacy_signature_report

        return legacy_signature_report(path, doc.conversion.source)
    try:
        if data is None:
            with open(path, "rb") as fh:
                data = fh.read()
        if doc.kind == "pdf":
            from .signatures.pdf import has_pdf_signatures, verify_pdf

            if not has_pdf_signatures(data):
                return SignatureReport()
            return verify_pdf(data, trust_config(config), appearances=doc.signature_appearances)
        from .signatures.ooxml import has_ooxml_signatures, verify_docx

        if not has_ooxml_signatures(data):
            return SignatureReport()
        return verify_docx(data, trust_config(config))
    except ImportError as exc:  # the verifier is missing: say so, don't pretend
        return SignatureReport(evaluated=False, error=f"signature verifier unavailable: {exc}")
    except Exception as exc:  # a signature we cannot process is a failed signature
        log.warning("signature reader crashed on %s: %r", path, exc)
        return SignatureReport(evaluated=True, problems=["reader-error"], problem_messages=[str(exc)],
                               filled_fields=1, error=repr(exc))


def trust_config(config: Config) -> Any:
    from .signatures.trust import TrustConfig

    return TrustConfig(extra=list(config.trust), trust_only=config.trust_only, crls=list(config.crl),
                       ocsps=list(config.ocsp), online=config.online, allow_sha1=config.allow_sha1)


def check_path(path: str | os.PathLike[str], config: Config | None = None, pack: RulePack | None = None,
               bundle: dict[str, Any] | None = None, want_roles: bool = False,
               want_views: bool | None = None,
               on_document: Callable[[Document], None] | None = None) -> FileResult:
    """Check one file and never raise for anything the file contains. ``on_document``: called
    with the labelled document once the rules have run (``nd30check fix`` edits from it)."""
    import time

    from .inputs import read_input
    from .pageview import build_views
    from .readers import read_document
    from .structure import analyze

    t0 = time.perf_counter()
    config = config or Config()
    pack = pack or load_pack(config.rules)
    spath = str(path)
    kind: str | None = None
    data: bytes | None = None
    try:
        data = read_input(spath)  # regular files only, capped; then handed to every reader
        doc = read_document(spath, data=data, ocr=config.ocr)
        kind = doc.kind
        analyze(doc)
    except UnreadableError as exc:
        res = unreadable_result(spath, kind, exc.code, exc.message_vi, exc.message_en, pack, config)
        res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res
    except MemoryError:
        return unreadable_result(spath, kind, "too-large", "Tệp quá lớn để đọc trong giới hạn bộ nhớ.",
                                 "The file is too large to read within the memory limit.", pack, config)
    except RecursionError:
        return unreadable_result(spath, kind, "too-deep", "Cấu trúc tệp lồng nhau quá sâu.",
                                 "The file's structure is nested too deeply.", pack, config)
    except Exception as exc:  # a reader bug must not stop the batch, nor pass the file
        log.warning("reader crashed on %s: %r", spath, exc)
        return unreadable_result(spath, kind, "crash", f"Lỗi khi đọc tệp: {exc!r}",
                                 f"Error while reading the file: {exc!r}", pack, config)
    if bundle is not None:
        # the batch matched this file to a main document as its separate appendix (by file
        # name or "(Kèm theo …)" line): judge it as one even when the text could not say so (scans)
        doc.facts.is_appendix = True
    doc.signatures = read_signatures(doc, spath, config, data)
    options = Options(profile=config.profile, lang=config.lang, now_iso=config.now, bundle=bundle)
    results = run_rules(doc, pack, config, options)
    locate_findings(doc, results)
    if on_document is not None:
        on_document(doc)
    if config.selected("FILE-UNREADABLE") and pack.get("FILE-UNREADABLE"):
        results.insert(0, RuleResult("FILE-UNREADABLE", "pass"))
    res = FileResult(path=spath, kind=doc.kind, facts=doc.facts, results=results, signatures=doc.signatures,
                     has_text_layer=doc.has_text_layer, page_count=doc.page_count, conversion=doc.conversion)
    if config.views if want_views is None else want_views:
        res.views = build_views(doc, data)
    del data
    if want_roles:
        res.roles = [(p.index, p.role or "", p.text[:60]) for p in doc.paragraphs
                     if not p.is_empty and p.container not in ("header", "footer")]
    res.elapsed_ms = (time.perf_counter() - t0) * 1000
    return res
