"""Check one file: read → structure → signatures → rules → a :class:`~nd30check.results.FileResult`.

The input is a :class:`~nd30check.source.Source` read once (:func:`check_path` reads a file on
disk into one; :func:`check_source` takes one made from bytes) and handed to the document
reader and the signature verifier. Whatever goes wrong with one file ends here as
FILE-UNREADABLE for that file, never as an exception that stops a batch. The result holds keys
and values, no words: reports render them (``nd30check.report.words``).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable

from .checks.base import Options
from .config import Config
from .engine import make_finding, run_rules
from .model import Document, SignatureReport, UnreadableError
from .results import FileResult, Finding, RuleResult
from .rulepack import RulePack, load_pack
from .source import Source
from .words import Term, to_data

log = logging.getLogger("nd30check")
__all__ = ["FileResult", "check_path", "check_source", "input_kind", "is_signed_package", "read_signatures",
           "unreadable_result"]


def unreadable_result(path: str, kind: str | None, code: str, detail: Any, pack: RulePack, config: Config) -> FileResult:
    """FILE-UNREADABLE fails (``detail``: a word — the reader's ``{"vi", "en"}`` text or a Term
    of the pack); every other selected rule is honestly not-evaluated."""
    from .checks.file import file_unreadable

    rule = pack.get("FILE-UNREADABLE")
    severity = config.severity.get("FILE-UNREADABLE", rule.severity if rule is not None else "error")
    if rule is not None:
        finding = make_finding(rule, file_unreadable(rule.messages, code, detail), severity)
    else:
        finding = Finding(rule="FILE-UNREADABLE", severity=severity, values={"detail": detail}, actual=code)
    results = [RuleResult("FILE-UNREADABLE", "fail", [finding])]
    reason = Term("file-unreadable")
    for r in pack.ordered():
        if r.id != "FILE-UNREADABLE" and not r.pipeline and config.selected(r.id):
            results.append(RuleResult(r.id, "not-evaluated", reasons=[reason]))
    # the error keeps the detail as data: a report words it even when a baseline hid the finding
    return FileResult(path=path, kind=kind, results=results,
                      error={"rule": "FILE-UNREADABLE", "code": code, "detail": to_data(detail)})


def read_signatures(doc: Document, source: Source, config: Config) -> SignatureReport:
    """Second reader: digital signatures, verified from the bytes the document reader read (a
    file is read once); a PDF's widget appearances come from the document the PDF reader built
    (one content interpreter). pyhanko is imported only when a PDF is signed."""
    if doc.conversion is not None:  # the user's file is not the .docx that was read
        from .readers.legacy.signatures import legacy_signature_report

        return legacy_signature_report(source.name, doc.conversion.source, source.data)
    try:
        data = source.data
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
        log.warning("signature reader crashed on %s: %r", source.name, exc)
        return SignatureReport(evaluated=True, problems=["reader-error"], problem_messages=[str(exc)],
                               filled_fields=1, error=repr(exc))


def input_kind(source: Source) -> str:
    """What the bytes are ("docx", "pdf", "doc"…), sniffed once and kept on the Source; raises
    UnreadableError. For surfaces that decide before checking (``fix`` refuses PDFs) without
    reaching into the readers."""
    from .readers import sniff

    if source.kind is None:
        source.kind = sniff(source.name, data=source.data)
    return source.kind


def is_signed_package(data: bytes) -> bool:
    """Does this OOXML package carry a digital signature (an edit would break it)? Cheap: the
    package's signature parts, nothing verified."""
    from .signatures.ooxml import has_ooxml_signatures

    return has_ooxml_signatures(data)


def trust_config(config: Config) -> Any:
    from .signatures.trust import TrustConfig

    return TrustConfig(extra=list(config.trust), trust_only=config.trust_only, crls=list(config.crl),
                       ocsps=list(config.ocsp), online=config.online, allow_sha1=config.allow_sha1)


def check_path(path: str | os.PathLike[str], config: Config | None = None, pack: RulePack | None = None,
               bundle: dict[str, Any] | None = None, want_roles: bool = False,
               want_views: bool | None = None,
               on_document: Callable[[Document], None] | None = None) -> FileResult:
    """Check one file on disk (read once, regular files only, size-capped) and never raise
    for anything the file contains. ``on_document``: as for :func:`check_source`."""
    import time

    from .inputs import read_source

    t0 = time.perf_counter()
    config = config or Config()
    pack = pack or load_pack(config.rules)
    spath = str(path)
    try:
        source = read_source(spath)
    except UnreadableError as exc:
        res = unreadable_result(spath, None, exc.code, {"vi": exc.message_vi, "en": exc.message_en}, pack, config)
        res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res
    return check_source(source, config, pack, bundle=bundle, want_roles=want_roles, want_views=want_views,
                        on_document=on_document)


def check_source(source: Source, config: Config | None = None, pack: RulePack | None = None,
                 bundle: dict[str, Any] | None = None, want_roles: bool = False,
                 want_views: bool | None = None,
                 on_document: Callable[[Document], None] | None = None) -> FileResult:
    """Check one input already read (a file, an upload, a task's bytes) and never raise for
    anything it contains.

    ``bundle``: the main document's facts when the batch matched this file to one as its
    separate appendix (:func:`nd30check.bundles.bundle_info`). ``want_views`` (default:
    ``config.views``): the result carries page pictures / a paper view (``pageview.py``).
    ``on_document``: called with the labelled document once the rules have run (``nd30check
    fix`` plans its edits on it, from the results' proposed changes)."""
    import time

    from .locate import locate_findings

    t0 = time.perf_counter()
    config = config or Config()
    pack = pack or load_pack(config.rules)
    doc, kind, failure = _read_labelled(source, ocr=config.ocr)
    if doc is None:
        code, detail, timed = failure or ("crash", "", False)
        res = unreadable_result(source.name, kind, code, detail, pack, config)
        res.digest = source.digest
        if timed:
            res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res
    if bundle is not None:
        # the batch matched this file to a main document as its separate appendix (by file
        # name or "(Kèm theo …)" line): judge it as one even when the text could not say so (scans)
        doc.facts.is_appendix = True
    doc.signatures = read_signatures(doc, source, config)
    options = Options(profile=config.profile, now_iso=config.now, bundle=bundle)
    results = run_rules(doc, pack, config, options)
    locate_findings(doc, results)  # bbox (and page) where the reader measured the place
    if on_document is not None:
        on_document(doc)
    if config.selected("FILE-UNREADABLE") and pack.get("FILE-UNREADABLE"):
        results.insert(0, RuleResult("FILE-UNREADABLE", "pass"))
    res = _file_result(doc, source, results, config.views if want_views is None else want_views, want_roles)
    res.elapsed_ms = (time.perf_counter() - t0) * 1000
    return res


def _read_labelled(source: Source, ocr: bool = True) -> tuple[Document | None, str | None, tuple[str, Any, bool] | None]:
    """The document read and labelled by structure recognition: (doc, kind, None); or why it
    could not be, as FILE-UNREADABLE's (code, detail word, timed): (None, kind or None, …)."""
    from .readers import read_document
    from .structure import analyze

    kind: str | None = None
    try:
        doc = read_document(source, ocr=ocr)  # scans through OCR unless switched off (--no-ocr)
        kind = doc.kind
        analyze(doc)
    except UnreadableError as exc:
        return None, kind, (exc.code, {"vi": exc.message_vi, "en": exc.message_en}, True)
    except MemoryError:
        return None, kind, ("too-large", Term("read-too-large"), False)
    except RecursionError:
        return None, kind, ("too-deep", Term("read-too-deep"), False)
    except Exception as exc:  # a reader bug must not stop the batch, nor pass the file
        log.warning("reader crashed on %s: %r", source.name, exc)
        return None, kind, ("crash", Term("read-crash", error=repr(exc)), False)
    return doc, kind, None


def _file_result(doc: Document, source: Source, results: list[RuleResult], views: bool, roles: bool) -> FileResult:
    """The file's result from its checked document (page views and roles when asked for)."""
    from .pageview import build_views

    res = FileResult(path=source.name, kind=doc.kind, facts=doc.facts, results=results, signatures=doc.signatures,
                     has_text_layer=doc.has_text_layer, page_count=doc.page_count, conversion=doc.conversion,
                     digest=source.digest)
    if views:
        res.views = build_views(doc, source.data)
    if roles:
        res.roles = [(p.index, p.role or "", p.text[:60]) for p in doc.paragraphs
                     if not p.is_empty and p.container not in ("header", "footer")]
    return res
