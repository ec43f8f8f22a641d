"""PDF signature verification (CMS / PAdES) on top of pyHanko, offline, split by concern the
way pyHanko is: ``status`` (one signature's digest, value, chain), ``diff`` (what each update
after the first signature changed, analysed once per file), ``policy`` (each signature judged
against those updates), ``widgets`` (where a signature shows and what it draws), ``detect``
(cheap byte-level questions), ``reader`` (pyHanko's reader with indexed object streams).

Known attacks on PDF signatures (``reference/signatures.md``) get through pyHanko's verdict in
five ways, so this package adds:

1. every exception while reading or validating a signature = a failed signature;
2. every filled signature field must be a validated signature (an unknown /SubFilter that
   pyHanko silently skips fails here);
3. only whitespace may follow the last ``%%EOF`` (objects appended without an xref are
   invisible to pyHanko);
4. after a signature only *signed* signature fields may be added: no new empty fields
   (the "sneaky signature" paints fake text through an empty field's appearance), no
   changed form values, annotations, pages or content;
5. the last signature covers the whole file or is followed only by validation data or
   metadata (DSS, document timestamp, Info/XMP).

A file re-saved whole after signing (a receiving system's "ký đóng dấu đến" stamp) breaks
every digest; it is told apart from tampering and reported as such (``file-rewritten``).

Verifiers take bytes: the caller reads the file once. Unsigned documents pay nothing:
:func:`has_pdf_signatures` looks at bytes without importing pyHanko.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ...model import SignatureInfo, SignatureReport
from .. import trust
from ..problems import Problem
from ..report import add_problem
from .detect import bytes_after_eof
from .detect import has_pdf_signatures as _has_signatures

__all__ = ["MAX_SIGNATURES", "bytes_after_eof", "has_pdf_signatures", "verify_pdf"]

MAX_SIGNATURES = 64  # real files carry 1–6; thousands of fields would be a denial of service
_SUBFILTERS = ("/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161")


def _bytes(source: bytes | str | os.PathLike[str], data: bytes | None = None) -> bytes:
    if data is not None:
        return data
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    with open(source, "rb") as fh:
        return fh.read()


def has_pdf_signatures(source: bytes | str | os.PathLike[str], data: bytes | None = None) -> bool:
    """True when the file may hold a signature (filled or forged). No pyHanko import."""
    return _has_signatures(_bytes(source, data))


def _open(data: bytes, report: SignatureReport) -> tuple[Any, dict, list] | None:
    from .fields import enumerate_filled, fields_of
    from .reader import open_reader

    try:
        reader = open_reader(data)
        return reader, fields_of(reader.root), enumerate_filled(reader)
    except Exception as exc:  # noqa: BLE001
        report.filled_fields = max(1, len(re.findall(rb"/ByteRange", data)))
        add_problem(report, Problem.UNREADABLE_PDF, type(exc).__name__)
        report.error = str(exc)
        return None


def _embedded(reader: Any, sig_fields: list, report: SignatureReport) -> tuple[list[tuple[Any, Any]], list[SignatureInfo]]:
    """pyHanko's view of each filled field; unknown formats and broken dictionaries fail here."""
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    embedded: list[tuple[Any, Any]] = []
    broken: list[SignatureInfo] = []
    for fq_name, sig_obj, sig_field in sig_fields:
        try:
            sig_obj = sig_obj.get_object()
            subfilter = sig_obj.get("/SubFilter")
            if sig_obj.get("/Type") != "/DocTimeStamp" and str(subfilter) not in _SUBFILTERS:
                info = SignatureInfo(index=-1, kind="pdf-cms", field_name=str(fq_name), valid=False)
                add_problem(info, Problem.UNKNOWN_SUBFILTER, str(subfilter))
                add_problem(report, Problem.UNKNOWN_SUBFILTER, str(subfilter))
                broken.append(info)
                continue
            emb = EmbeddedPdfSignature(reader, sig_field, fq_name)
            emb.signed_revision  # computing the revision parses /ByteRange: may raise
            embedded.append((emb, sig_obj))
        except Exception as exc:  # noqa: BLE001 - USF: missing/garbled /ByteRange or /Contents
            info = SignatureInfo(index=-1, kind="pdf-cms", field_name=str(fq_name), intact=False, valid=False)
            add_problem(info, Problem.MALFORMED_SIGNATURE, type(exc).__name__ + (f": {exc}" if str(exc) else ""))
            broken.append(info)
    embedded.sort(key=lambda e: e[0].signed_revision)
    return embedded, broken


def _rewritten(data: bytes, reader: Any, embedded: list[tuple[Any, Any]], infos: list[SignatureInfo]) -> bool:
    """Every digest broken because the file was saved again whole, not appended to.

    Incremental signing gives each signature its own revision, ending where its byte range
    ends. A rewrite leaves fewer revisions than signatures, or byte ranges reaching past the
    end of the file, or none ending at a revision's end.
    """
    if not infos or any(i.intact is not False for i in infos):
        return False
    ends = []
    for _emb, sig_obj in embedded:
        try:
            br = [int(x) for x in sig_obj["/ByteRange"]]
            ends.append(br[2] + br[3])
        except Exception:  # noqa: BLE001
            continue
    eofs = {m.end() for m in re.finditer(rb"%%EOF(\r\n|\r|\n)?", data)} | {m.start() + 5 for m in re.finditer(rb"%%EOF", data)}
    return (reader.xrefs.total_revisions < len(embedded) or any(e > len(data) for e in ends)
            or (bool(ends) and not any(e in eofs for e in ends)))


def verify_pdf(source: bytes | str | os.PathLike[str], config: trust.TrustConfig | None = None,
               data: bytes | None = None, appearances: list[dict[str, Any]] | None = None) -> SignatureReport:
    """Verify every signature of a PDF (bytes, or a path read once). Never raises.

    ``appearances``: what the widgets draw, as the PDF reader already read them
    (``Document.signature_appearances``); None = read them here with the same reader.
    """
    config = config or trust.TrustConfig()
    report = SignatureReport()
    try:
        data = _bytes(source, data)
    except OSError as exc:
        return SignatureReport(evaluated=False, error=str(exc))
    trust.quiet_pyhanko()
    if bytes_after_eof(data):
        add_problem(report, Problem.BYTES_AFTER_EOF)
    try:
        store = trust.load_store(config)
    except Exception as exc:  # noqa: BLE001
        return SignatureReport(evaluated=False, error=f"trust store: {exc}")
    opened = _open(data, report)
    if opened is None:
        return report
    reader, final_fields, sig_fields = opened
    report.filled_fields = len(sig_fields)
    if len(sig_fields) > MAX_SIGNATURES:
        add_problem(report, Problem.TOO_MANY_SIGNATURES, str(len(sig_fields)))
        sig_fields = sig_fields[:MAX_SIGNATURES]
    embedded, broken = _embedded(reader, sig_fields, report)
    statuses, validated = _validate_all(embedded, config, store, report)
    for info in broken:
        info.index = len(report.signatures)
        report.signatures.append(info)
    if validated < report.filled_fields:
        add_problem(report, Problem.UNVALIDATED_SIGNATURE_FIELD, f"{report.filled_fields - validated}/{report.filled_fields}")
    _changes(data, reader, embedded, statuses, final_fields, report)
    from .widgets import fill_appearances

    fill_appearances(reader, {str(name): ref for name, _obj, ref in sig_fields}, report, appearances, data)
    return report


def _validate_all(embedded: list[tuple[Any, Any]], config: trust.TrustConfig, store: trust.TrustStore,
                  report: SignatureReport) -> tuple[list[tuple[SignatureInfo | None, Any, Any]], int]:
    from .status import verify_doc_timestamp, verify_one

    statuses: list[tuple[SignatureInfo | None, Any, Any]] = []  # (info or None for a doc timestamp, emb, status)
    validated = 0
    for emb, sig_obj in embedded:
        if sig_obj.get("/Type") == "/DocTimeStamp":
            if verify_doc_timestamp(emb, config):
                validated += 1
            else:
                add_problem(report, Problem.DOC_TIMESTAMP_INVALID)
            statuses.append((None, emb, None))
            continue
        info, status = verify_one(len(report.signatures), emb, config, store)
        report.signatures.append(info)
        statuses.append((info, emb, status))
        if status is not None:
            validated += 1
    return statuses, validated


def _changes(data: bytes, reader: Any, embedded: list, statuses: list, final_fields: dict, report: SignatureReport) -> None:
    """What changed after each signature (analysed once per file), or why it cannot be told."""
    from .diff import analyse_updates
    from .policy import judge

    infos = [i for i, _e, _s in statuses if i is not None]
    if _rewritten(data, reader, embedded, infos):
        revs, sigs = reader.xrefs.total_revisions, len(embedded)
        add_problem(report, Problem.FILE_REWRITTEN, {"vi": f"{sigs} chữ ký nhưng tệp chỉ còn {revs} lần lưu",
                                                     "en": f"{sigs} signatures but {revs} saved revision(s) left"})
        for info in infos:
            add_problem(info, Problem.FILE_REWRITTEN)
        return
    first = min((emb.signed_revision for emb, _o in embedded), default=None)
    updates = analyse_updates(reader, first) if first is not None else []
    judge(reader, statuses, updates, final_fields, report)
