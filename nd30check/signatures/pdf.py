"""PDF signature verification (CMS / PAdES) on top of pyHanko, offline.

pyHanko checks digests, signature values, chains and the changes made after each
signature. Known attacks on PDF signatures (``reference/signatures.md``) get through
pyHanko's verdict in five ways, so this module adds:

1. every exception while reading or validating a signature = a failed signature;
2. every filled signature field must be a validated signature (an unknown /SubFilter that
   pyHanko silently skips fails here);
3. only whitespace may follow the last ``%%EOF`` (objects appended without an xref are
   invisible to pyHanko);
4. after a signature only *signed* signature fields may be added: no new empty fields
   (the "sneaky signature" paints fake text through an empty field's appearance), no
   changed form values, annotations, pages or content;
5. the last signature covers the whole file or is followed only by validation data
   (DSS / document timestamp).

Unsigned documents pay nothing: :func:`has_pdf_signatures` scans bytes without pyHanko.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime, timezone
from typing import Any, Iterable

from ..model import SignatureInfo, SignatureReport
from . import trust

#: Problem codes → (Vietnamese, English). Stable: they appear in JSON reports.
PROBLEMS: dict[str, tuple[str, str]] = {
    "malformed-signature": ("Chữ ký bị hỏng hoặc sai cấu trúc (không đọc được), coi như không hợp lệ", "Malformed signature (cannot be read), treated as invalid"),
    "validation-error": ("Lỗi khi kiểm tra chữ ký, coi như không hợp lệ", "Error while validating the signature, treated as invalid"),
    "unknown-subfilter": ("Chữ ký dùng định dạng (SubFilter) không được hỗ trợ, không kiểm tra được", "Signature uses an unsupported SubFilter and cannot be checked"),
    "digest-mismatch": ("Văn bản bị sửa sau khi ký (giá trị băm không khớp)", "The document was changed after signing (digest mismatch)"),
    "signature-invalid": ("Giá trị chữ ký không khớp với chứng thư số", "The signature value does not verify against the certificate"),
    "bytes-after-eof": ("Có dữ liệu lạ được nối vào sau dấu kết thúc tệp (%%EOF)", "Data was appended after the last %%EOF"),
    "unvalidated-signature-field": ("Có trường chữ ký đã điền nhưng không kiểm tra được", "A filled signature field could not be validated"),
    "coverage-unclear": ("Chữ ký không bao phủ rõ ràng phần văn bản đã ký (dấu hiệu bọc chữ ký)", "Unclear signature coverage (signature wrapping)"),
    "unsigned-changes": ("Văn bản bị sửa sau khi ký (thêm/đổi nội dung, trang hoặc chú thích)", "The document was changed after signing (content, pages or annotations)"),
    "empty-field-added": ("Sau khi ký có thêm trường chữ ký trống (có thể hiển thị chữ ký giả)", "An empty signature field was added after signing (may display a fake signature)"),
    "form-changed": ("Sau khi ký có trường biểu mẫu bị điền hoặc thay đổi", "A form field was filled or changed after signing"),
    "last-signature-partial": ("Chữ ký cuối cùng không bao phủ toàn bộ tệp: phần thêm sau không được ký", "The last signature does not cover the whole file: later changes are unsigned"),
    "doc-timestamp-invalid": ("Dấu thời gian của văn bản không hợp lệ", "Invalid document timestamp"),
    "timestamp-untrusted": ("Dấu thời gian của chữ ký không hợp lệ hoặc không tin cậy được", "The signature timestamp is invalid or untrusted"),
    "too-many-signatures": ("Tệp có quá nhiều chữ ký để kiểm tra an toàn; các chữ ký sau không được kiểm tra", "Too many signatures to check safely; the rest were not checked"),
    "unreadable-pdf": ("Không đọc được cấu trúc PDF để kiểm tra chữ ký", "Cannot read the PDF structure to check signatures"),
}
#: Codes that belong to SIG-COVERAGE (the others on a signature belong to SIG-INTEGRITY).
COVERAGE_CODES = frozenset({
    "bytes-after-eof", "unvalidated-signature-field", "unknown-subfilter", "coverage-unclear",
    "unsigned-changes", "empty-field-added", "form-changed", "last-signature-partial",
})
#: Codes that are reported but do not make a signature invalid.
WARNING_CODES = frozenset({"timestamp-untrusted"})

_PDF_WS = b"\x00\t\n\x0c\r "
MAX_SIGNATURES = 64  # real files carry 1–5; thousands of fields would be a denial of service
_SIG_HINT = re.compile(rb"/FT\s*/Sig\b|/Type\s*/(?:Sig|DocTimeStamp)\b|/ByteRange\b")

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------
# cheap detection


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def has_pdf_signatures(path: str, data: bytes | None = None) -> bool:
    """True when the file may hold a signature (filled or forged). No pyHanko import.

    Plain bytes are searched for ``/ByteRange``, ``/FT /Sig`` or ``/Type /Sig``. Signature
    dictionaries cannot hide in object streams (their byte range must point into the file),
    but a field's ``/FT /Sig`` can; a file with object streams and an AcroForm is therefore
    asked through pypdf (still no pyHanko).
    """
    data = _read(path) if data is None else data
    if _SIG_HINT.search(data):
        return True
    if b"/ObjStm" not in data:
        return False
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        form = reader.trailer["/Root"].get("/AcroForm")
        if form is None:
            return False
        for _name, fdict in _walk_fields(_item(form.get_object(), "/Fields") or []):
            if fdict.get("/FT") == "/Sig":
                return True
    except Exception:  # noqa: BLE001 - unreadable here = let the full reader decide
        return True
    return False


def bytes_after_eof(data: bytes) -> bool:
    """Anything but PDF whitespace after the last ``%%EOF`` (or no ``%%EOF`` at all)."""
    idx = data.rfind(b"%%EOF")
    if idx < 0:
        return True
    return bool(data[idx + 5 :].strip(_PDF_WS))


# ---------------------------------------------------------------------------------------
# field walking (works on pyHanko and pypdf objects alike: both are dict-like)


def _walk_fields(fields: Iterable[Any], prefix: str = "", inherited_ft: Any = None, seen: set | None = None, depth: int = 0):
    """Yield ``(fully_qualified_name, field_dict)`` for terminal fields, with /FT inherited."""
    seen = set() if seen is None else seen
    if depth > 32:
        return
    for ref in fields:
        key = getattr(ref, "idnum", None), getattr(ref, "generation", None)
        if key[0] is not None:
            if key in seen:
                continue
            seen.add(key)
        try:
            fdict = ref.get_object()
        except Exception:  # noqa: BLE001
            continue
        if not hasattr(fdict, "get"):
            continue
        t = _item(fdict, "/T")
        name = f"{prefix}.{t}" if prefix and t is not None else (str(t) if t is not None else prefix)
        ft = _item(fdict, "/FT") or inherited_ft
        kids = _item(fdict, "/Kids")
        kid_fields = []
        if kids is not None:
            try:
                kid_fields = [k for k in kids if "/T" in k.get_object()]
            except Exception:  # noqa: BLE001
                kid_fields = []
        if kid_fields:
            yield from _walk_fields(kid_fields, name, ft, seen, depth + 1)
        else:
            if ft is not None and "/FT" not in fdict:
                fdict = _WithFT(fdict, ft)
            yield name, fdict


def _item(d: Any, key: str) -> Any:
    """``d[key]`` dereferenced, or None (pyHanko's and pypdf's ``get`` may return references)."""
    try:
        return d[key] if key in d else None
    except Exception:  # noqa: BLE001
        return None


class _WithFT:
    """A field dict view with an inherited /FT."""

    def __init__(self, d: Any, ft: Any):
        self._d, self._ft = d, ft

    def get(self, key: str, default: Any = None) -> Any:
        return self._ft if key == "/FT" else self._d.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self._ft if key == "/FT" else self._d[key]

    def __contains__(self, key: str) -> bool:
        return key == "/FT" or key in self._d

    def raw_get(self, key: str) -> Any:
        return self._d.raw_get(key)


def _fields_of(root: Any) -> dict[str, tuple[str, bool, str | None]]:
    """name → (field type, filled, value) for every terminal field under ``root``'s AcroForm.

    The value of a signature field is not read (its /Contents is large and the signature
    itself is validated); other fields' values are, so a changed text value shows.
    """
    out: dict[str, tuple[str, bool, str | None]] = {}
    try:
        form = root["/AcroForm"] if "/AcroForm" in root else None
        if form is None:
            return out
        fields = form["/Fields"] if "/Fields" in form else []
        for name, fdict in _walk_fields(fields):
            ft = str(fdict.get("/FT"))
            value = None
            if ft != "/Sig" and "/V" in fdict:
                try:
                    value = str(fdict["/V"])[:500]
                except Exception:  # noqa: BLE001
                    value = "?"
            out[name] = (ft, _filled(fdict), value)
    except Exception:  # noqa: BLE001
        pass
    return out


def _filled(fdict: Any) -> bool:
    """Has a /V value, without resolving it (a signature dictionary holds a large /Contents)."""
    from pyhanko.pdf_utils import generic

    try:
        raw = fdict.raw_get("/V")
    except KeyError:
        return False
    except AttributeError:  # not a pyHanko dictionary
        raw = fdict.get("/V")
    if isinstance(raw, generic.IndirectObject):
        return True
    return raw is not None and not isinstance(raw, generic.NullObject)


# ---------------------------------------------------------------------------------------
# where each signature shows (page, rect) and what it shows (signatures/appearance.py)


def _pages(reader: Any) -> list[tuple[int | None, Any]]:
    """Pages in order as (object number, reference), walking the page tree with loop protection.

    Leaves are not read: a /Pages node whose /Count equals its number of /Kids holds only
    leaves, so scanned documents with hundreds of pages cost one array read.
    """
    from pyhanko.pdf_utils import generic

    out: list[tuple[int | None, Any]] = []
    seen: set[int] = set()

    def walk(node_ref: Any, depth: int) -> None:
        if depth > 64 or len(out) > 100000:
            return
        idnum = node_ref.idnum if isinstance(node_ref, generic.IndirectObject) else None
        if idnum is not None:
            if idnum in seen:
                return
            seen.add(idnum)
        node = node_ref.get_object()
        if node.get("/Type") != "/Pages" and "/Kids" not in node:
            out.append((idnum, node_ref))
            return
        kids = list(node.raw_get("/Kids").get_object()) if "/Kids" in node else []
        try:
            flat = int(node["/Count"]) == len(kids)
        except Exception:  # noqa: BLE001
            flat = False
        for kid in kids:
            if flat:
                kid_id = kid.idnum if isinstance(kid, generic.IndirectObject) else None
                if kid_id is None or kid_id not in seen:
                    if kid_id is not None:
                        seen.add(kid_id)
                    out.append((kid_id, kid))
            else:
                walk(kid, depth + 1)

    try:
        walk(reader.root.raw_get("/Pages"), 0)
    except Exception:  # noqa: BLE001 - a broken page tree only loses positions
        pass
    return out


def _media_box(page: Any) -> tuple[float, float, float, float]:
    node = page
    for _ in range(32):
        if node is None:
            break
        if "/MediaBox" in node:
            x0, y0, x1, y1 = (float(v) for v in node["/MediaBox"])
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        node = node["/Parent"] if "/Parent" in node else None
    return 0.0, 0.0, 595.28, 841.89


def _fill_appearances(reader: Any, fields: dict[str, Any], report: SignatureReport) -> None:
    """Page, rect (top-left origin), visible text, font, size and image of each signature."""
    from pyhanko.pdf_utils import generic

    from .appearance import _get, read_appearance

    if not report.signatures:
        return
    pages = _pages(reader)
    page_no = {idnum: i for i, (idnum, _p) in enumerate(pages, start=1) if idnum is not None}
    annot_page: dict[int, int] | None = None  # built only when a widget lacks a usable /P

    def page_listing(widget_idnum: int) -> int | None:
        nonlocal annot_page
        if annot_page is None:
            annot_page = {}
            for pno, (_idnum, page_ref) in enumerate(pages, start=1):
                try:
                    page = page_ref.get_object()
                    for ref in page.raw_get("/Annots").get_object() if "/Annots" in page else []:
                        if isinstance(ref, generic.IndirectObject):
                            annot_page.setdefault(ref.idnum, pno)
                except Exception:  # noqa: BLE001
                    continue
        return annot_page.get(widget_idnum)

    for info in report.signatures:
        ref = fields.get(info.field_name or "")
        if ref is None:
            continue
        try:
            field = ref.get_object()
            widget_ref = ref
            if "/Rect" not in field and "/Kids" in field:
                widget_ref = field.raw_get("/Kids").get_object()[0]
            widget = widget_ref.get_object()
            # the page that lists the widget in /Annots decides; /P is only a hint, but a
            # page that lists it is the usual case, so check /P's page first
            pno = None
            if "/P" in widget:
                hinted = page_no.get(getattr(widget.raw_get("/P"), "idnum", -1))
                if hinted is not None:
                    page = pages[hinted - 1][1].get_object()
                    try:
                        listed = page.raw_get("/Annots").get_object() if "/Annots" in page else []
                        if any(getattr(r, "idnum", None) == getattr(widget_ref, "idnum", -2) for r in listed):
                            pno = hinted
                    except Exception:  # noqa: BLE001
                        pno = None
            if pno is None:
                pno = page_listing(getattr(widget_ref, "idnum", -1))
            if pno is not None:
                x_off, y_off, _x1, y_top = _media_box(pages[pno - 1][1].get_object())
                x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
                info.page = pno
                info.rect = (min(x1, x2) - x_off, y_top - max(y1, y2), max(x1, x2) - x_off, y_top - min(y1, y2))
            normal = _get(_get(widget, "/AP"), "/N")
            if isinstance(normal, generic.StreamObject):
                seen = read_appearance(normal)
                info.visible_text, info.has_image = seen.text, seen.has_image
                info.visible_font, info.visible_size = seen.font, seen.size
            elif normal is None:
                info.has_image = False
        except Exception:  # noqa: BLE001 - a broken widget only loses its appearance info
            continue


# ---------------------------------------------------------------------------------------
# verification


def _problem(target: SignatureInfo | SignatureReport, code: str, detail: str = "") -> None:
    vi, _en = PROBLEMS.get(code, (code, code))
    if code not in target.problems:
        target.problems.append(code)
        target.problem_messages.append(f"{vi}{': ' + detail if detail else ''}")


def _tst_time(signer_info: Any) -> datetime | None:
    """Time of the signature timestamp token, if any (not yet validated).

    Looks the attribute up without ``.native`` on the unsigned attributes: those may hold
    megabytes of revocation data that asn1crypto would decode for nothing.
    """
    try:
        from pyhanko.sign.general import NonexistentAttributeError, find_unique_cms_attribute

        try:
            token = find_unique_cms_attribute(signer_info["unsigned_attrs"], "signature_time_stamp_token")
        except NonexistentAttributeError:
            return None
        return token["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    except Exception:  # noqa: BLE001 - a broken token: no proven time (pyHanko reports it)
        return None


def _fill_cert(info: SignatureInfo, cert: Any) -> None:
    info.subject, info.subject_str = trust.describe_name(cert.subject)
    info.issuer, info.issuer_str = trust.describe_name(cert.issuer)
    info.serial = format(cert.serial_number, "X")
    try:
        pk = cert.public_key
        info.key_type = {"rsa": "RSA", "ec": "EC", "dsa": "DSA"}.get(pk.algorithm, pk.algorithm.upper())
        info.key_bits = pk.bit_size
    except Exception:  # noqa: BLE001
        pass
    try:
        info.signature_algorithm = cert["signature_algorithm"].signature_algo
    except Exception:  # noqa: BLE001
        pass
    info.is_organisation = trust.is_organisation(cert)
    info.role = "agency" if info.is_organisation else "official"


def _apply_trust(info: SignatureInfo, res: trust.TrustResult) -> None:
    info.trusted = res.trusted
    info.trust_status = res.status
    info.trust_reason, info.trust_reason_en = res.reason_vi, res.reason_en
    info.judged_at, info.judged_at_basis = res.judged_at, res.basis  # type: ignore[assignment]
    info.revocation = res.revocation


def _trust_from_status(status: Any, emb: Any, store: trust.TrustStore, moment: datetime | None, basis: str) -> trust.TrustResult:
    cert = emb.signer_cert
    judged = moment or datetime.now(timezone.utc)
    if status.trusted:
        if not trust.key_usage_ok(cert):
            return trust.TrustResult(False, "untrusted", "chứng thư số không dùng được để ký (thiếu digitalSignature/nonRepudiation)",
                                     "the certificate may not be used for signing", trust.iso(judged), basis)  # type: ignore[arg-type]
        return trust.result_for_success(cert, status.validation_path, store=store, judged_at=judged, basis=basis)
    indic = getattr(status.trust_problem_indic, "name", None)
    if getattr(status, "revoked", False):
        indic = "REVOKED"
    others = list(getattr(emb, "other_embedded_certs", []) or [])
    res = trust.result_for_failure(cert, None, store=store, other_certs=others, judged_at=judged, basis=basis, indication=indic)
    if res.status == "untrusted" and not trust.key_usage_ok(cert):
        res.reason_vi = "chứng thư số không dùng được để ký (mục đích sử dụng khóa không phù hợp)"
    return res


async def _validate(emb: Any, vc: Any, *, skip_diff: bool = False) -> Any:
    from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature

    return await async_validate_pdf_signature(
        emb, signer_validation_context=vc, key_usage_settings=trust.key_usage_constraints(), skip_diff=skip_diff
    )


def _verify_one(index: int, emb: Any, config: trust.TrustConfig, store: trust.TrustStore) -> tuple[SignatureInfo, Any]:
    """Validate one embedded signature; every exception becomes a failed signature."""
    info = SignatureInfo(index=index, kind="pdf-cms", field_name=emb.field_name)
    status = None
    try:
        _fill_cert(info, emb.signer_cert)
        info.digest_algorithm = emb.md_algorithm
        claimed = emb.self_reported_timestamp
        info.signing_time = trust.iso(claimed)
        tst = _tst_time(emb.signer_info)
        moment, basis = (tst, "timestamp") if tst else ((claimed, "claimed") if claimed else (None, "now"))
        moment, basis = trust.effective_moment(emb.signer_cert, moment, basis, config)
        vc = trust.validation_context(config, other_certs=emb.other_embedded_certs, moment=moment)
        status = trust.run_sync(_validate(emb, vc))
        tsv = getattr(status, "timestamp_validity", None)
        if tsv is not None:
            info.timestamp = trust.iso(tsv.timestamp)
            info.timestamp_trusted = bool(tsv.valid and tsv.trusted)
            if not info.timestamp_trusted:
                _problem(info, "timestamp-untrusted")
                if claimed is not None:  # judge again at the claimed time, and say so
                    moment, basis = claimed, "claimed"
                    vc = trust.validation_context(config, other_certs=emb.other_embedded_certs, moment=moment)
                    status = trust.run_sync(_validate(emb, vc))
        info.intact = bool(status.intact)
        info.valid = bool(status.valid)
        if not status.intact:
            _problem(info, "digest-mismatch")
        elif not status.valid:
            _problem(info, "signature-invalid")
        info.coverage = status.coverage.name if status.coverage is not None else None
        info.modification = status.modification_level.name if status.modification_level is not None else None
        if status.intact and status.valid:
            _apply_trust(info, _trust_from_status(status, emb, store, moment, basis))
        else:  # pyHanko skips the chain when the signature itself fails: judge the certificate alone
            _apply_trust(info, trust.validate_certificate(emb.signer_cert, other_certs=emb.other_embedded_certs,
                                                          config=config, moment=moment, moment_basis=basis))
    except Exception as exc:  # noqa: BLE001 - rule 1: an exception is a failed signature
        log.debug("signature %s failed to validate", index, exc_info=True)
        info.intact = info.intact if info.intact is False else None
        info.valid = False
        _problem(info, "validation-error", type(exc).__name__ + (f": {exc}" if str(exc) else ""))
        status = None
    return info, status


def verify_pdf(path: str, config: trust.TrustConfig | None = None, data: bytes | None = None) -> SignatureReport:
    """Verify every signature of a PDF. Never raises: problems land in the report."""
    config = config or trust.TrustConfig()
    report = SignatureReport()
    try:
        data = _read(path) if data is None else data
    except OSError as exc:
        return SignatureReport(evaluated=False, error=str(exc))
    _quiet_pyhanko()
    if bytes_after_eof(data):
        _problem(report, "bytes-after-eof")
    try:
        store = trust.load_store(config)
    except Exception as exc:  # noqa: BLE001
        return SignatureReport(evaluated=False, error=f"trust store: {exc}")
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        final_fields = _fields_of(reader.root)
        sig_fields = list(_enumerate_filled(reader))
    except Exception as exc:  # noqa: BLE001
        report.filled_fields = max(1, len(re.findall(rb"/ByteRange", data)))
        _problem(report, "unreadable-pdf", type(exc).__name__)
        report.error = str(exc)
        return report
    report.filled_fields = len(sig_fields)
    if len(sig_fields) > MAX_SIGNATURES:
        _problem(report, "too-many-signatures", str(len(sig_fields)))
        sig_fields = sig_fields[:MAX_SIGNATURES]

    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    embedded: list[tuple[Any, Any]] = []  # (emb, sig_obj)
    broken: list[SignatureInfo] = []
    for fq_name, sig_obj, sig_field in sig_fields:
        try:
            sig_obj = sig_obj.get_object()
            subfilter = sig_obj.get("/SubFilter")
            if sig_obj.get("/Type") != "/DocTimeStamp" and str(subfilter) not in ("/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161"):
                info = SignatureInfo(index=-1, kind="pdf-cms", field_name=fq_name, valid=False)
                _problem(info, "unknown-subfilter", str(subfilter))
                _problem(report, "unknown-subfilter", str(subfilter))
                broken.append(info)
                continue
            emb = EmbeddedPdfSignature(reader, sig_field, fq_name)
            emb.signed_revision  # computing the revision parses /ByteRange: may raise
            embedded.append((emb, sig_obj))
        except Exception as exc:  # noqa: BLE001 - USF: missing/garbled /ByteRange or /Contents
            info = SignatureInfo(index=-1, kind="pdf-cms", field_name=fq_name, intact=False, valid=False)
            _problem(info, "malformed-signature", type(exc).__name__ + (f": {exc}" if str(exc) else ""))
            broken.append(info)
    embedded.sort(key=lambda e: e[0].signed_revision)

    statuses: list[tuple[SignatureInfo | None, Any, Any]] = []  # (info or None for doc ts, emb, status)
    validated = 0
    for emb, sig_obj in embedded:
        if sig_obj.get("/Type") == "/DocTimeStamp":
            ok = _verify_doc_timestamp(emb, config)
            if not ok:
                _problem(report, "doc-timestamp-invalid")
            else:
                validated += 1
            statuses.append((None, emb, None))
            continue
        info, status = _verify_one(len(report.signatures), emb, config, store)
        report.signatures.append(info)
        statuses.append((info, emb, status))
        if status is not None:
            validated += 1
    for info in broken:
        info.index = len(report.signatures)
        report.signatures.append(info)
    if validated < report.filled_fields:
        _problem(report, "unvalidated-signature-field", f"{report.filled_fields - validated}/{report.filled_fields}")

    _check_changes(reader, statuses, final_fields, report)
    _fill_appearances(reader, {name: ref for name, _obj, ref in sig_fields}, report)
    return report


def _enumerate_filled(reader: Any):
    from pyhanko.sign.fields import enumerate_sig_fields

    return enumerate_sig_fields(reader, filled_status=True)


def _verify_doc_timestamp(emb: Any, config: trust.TrustConfig) -> bool:
    try:
        from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_timestamp

        vc = trust.validation_context(config, other_certs=emb.other_embedded_certs)
        st = trust.run_sync(async_validate_pdf_timestamp(emb, validation_context=vc))
        return bool(st.intact and st.valid)
    except Exception:  # noqa: BLE001
        return False


def _check_changes(reader: Any, statuses: list, final_fields: dict[str, tuple[str, bool, str | None]], report: SignatureReport) -> None:
    """Rules 4 and 5: what may follow each signature."""
    signed_names = {emb.field_name for info, emb, st in statuses if (info is None or st is not None)}
    real = [(info, emb, st) for info, emb, st in statuses if info is not None]
    for pos, (info, emb, st) in enumerate(real):
        if st is None:
            continue
        last = pos == len(real) - 1 and all(i is None for i, _e, _s in statuses[statuses.index((info, emb, st)) + 1 :])
        cov = info.coverage
        mod = info.modification
        if cov in ("UNCLEAR", "CONTIGUOUS_BLOCK_FROM_START") or cov is None:
            _problem(info, "coverage-unclear", str(cov))
        if mod == "OTHER":
            _problem(info, "unsigned-changes")
        # fields that appeared or changed after this signature
        try:
            old = _fields_of(reader.get_historical_resolver(emb.signed_revision).root)
        except Exception:  # noqa: BLE001
            old = {}
        for name, (ft, filled, value) in final_fields.items():
            before = old.get(name)
            if before == (ft, filled, value):
                continue
            if ft == "/Sig":
                if not filled:
                    _problem(info, "empty-field-added", name)
                elif name not in signed_names:
                    _problem(info, "unvalidated-signature-field", name)
            else:
                _problem(info, "form-changed", name)
        if last and cov != "ENTIRE_FILE" and mod not in ("NONE", "LTA_UPDATES"):
            _problem(info, "last-signature-partial", f"{cov}/{mod}")
    for info, _emb, _st in real:
        for code in info.problems:
            if code in COVERAGE_CODES and code not in report.problems:
                _problem(report, code)


def _quiet_pyhanko() -> None:
    trust.quiet_pyhanko()
