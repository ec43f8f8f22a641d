"""Strict verifier for OOXML package signatures (.docx, ECMA-376 Part 2 / XML-DSig + XAdES),
split by concern like python-docx (package / parts) and pyHanko (status / coverage):
``package`` (the zip as OPC parts, through the shared SafeZip), ``xmldsig`` (one signature's
cryptography), ``coverage`` (what it leaves out), this module (each signature's status,
certificate and trust, and the report).

Why strict: lenient verifiers (LibreOffice, and Office per Rohlmann et al., USENIX Security
2023) call a document "validly signed" when a relationship was added after signing (an
``aFChunk`` HTML part shown inside the text), when a part is missing from the signed
Manifest, or when ``[Content_Types].xml`` switched the main part to macro-enabled. Here a
signature is *intact* only if SignedInfo, the signature value and every Manifest digest
verify, and its *coverage* is ``ALL_PARTS`` only if every part and every relationship of
the package is signed (except the metadata Office leaves unsigned: properties and thumbnail)
with the content types it was signed with. Anything unexpected is a failed signature.

Nothing is fetched, no entity is expanded, zip members are read with size caps. Verifiers
take bytes (the caller reads the file once) or a path.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from ...model import SignatureInfo, SignatureReport
from ..problems import HARMLESS_CODES, WARNING_CODES, Problem
from ..report import add_problem
from .coverage import coverage_gaps, signature_parts
from .package import (
    _DIGEST_RANK, DSIG, MAX_SIG_BYTES, MAX_SIGNATURES, REL_ORIGIN, SIG_METHODS,
    TIME_TOLERANCE_S, Package, SigError, parse_xml,
)
from .xmldsig import Result, _b64, _q, verify_signature_xml

__all__ = ["WARNING_CODES", "has_ooxml_signatures", "verify_docx"]


def _source(source: bytes | str | os.PathLike[str]) -> bytes | str:
    return bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else os.fspath(source)


def has_ooxml_signatures(source: bytes | str | os.PathLike[str]) -> bool:
    """Cheap test: the zip lists ``_xmlsignatures/`` parts or the package rels name an origin.

    Through the shared SafeZip; a package it refuses as too large answers "maybe" (the
    verifier then reports it), a corrupt one "no" (the document reader reports it)."""
    from ...model import UnreadableError
    from ...safety import SafeZip

    try:
        with SafeZip(_source(source)) as zf:
            names = zf.names()
            if any(n.lower().startswith("_xmlsignatures/") for n in names):
                return True
            if zf.has("_rels/.rels"):
                return REL_ORIGIN.encode() in zf.read("_rels/.rels")
    except UnreadableError as exc:
        return exc.code == "zip-bomb"
    except (OSError, ValueError, KeyError):
        return False
    return False


def _trust_config(config: Any) -> Any:
    if config is None:
        return None
    try:
        from ..trust import TrustConfig
    except ImportError:
        return None
    if isinstance(config, TrustConfig):
        return config
    return getattr(config, "trust_config", None)


def _name_fields(name: Any) -> tuple[dict[str, str], str]:
    from cryptography.x509.oid import NameOID

    short = {
        NameOID.COMMON_NAME: "CN", NameOID.ORGANIZATION_NAME: "O", NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
        NameOID.LOCALITY_NAME: "L", NameOID.STATE_OR_PROVINCE_NAME: "ST", NameOID.COUNTRY_NAME: "C",
        NameOID.EMAIL_ADDRESS: "E", NameOID.USER_ID: "UID", NameOID.SERIAL_NUMBER: "SERIALNUMBER",
        NameOID.TITLE: "T", NameOID.GIVEN_NAME: "GN", NameOID.SURNAME: "SN",
    }
    fields: dict[str, str] = {}
    parts: list[str] = []
    for rdn in reversed(list(name.rdns)):
        for attr in rdn:
            key = short.get(attr.oid, attr.oid.dotted_string)
            val = attr.value if isinstance(attr.value, str) else attr.value.hex()
            fields[key] = f"{fields[key]}, {val}" if key in fields else val
            parts.append(f"{key}={val}")
    return fields, ", ".join(parts)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _fill(info: SignatureInfo, res: Result, key: tuple[str, int] | None) -> None:
    from cryptography import x509

    cert = x509.load_der_x509_certificate(res.cert_der)
    info.subject, info.subject_str = _name_fields(cert.subject)
    info.issuer, info.issuer_str = _name_fields(cert.issuer)
    try:  # same wording as the PDF verifier when the shared trust module is there
        from asn1crypto import x509 as ax509

        from ..trust import describe_name

        acert = ax509.Certificate.load(res.cert_der)
        subject, subject_str = describe_name(acert.subject)
        issuer, issuer_str = describe_name(acert.issuer)
        if subject_str:
            info.subject, info.subject_str = subject, subject_str
        if issuer_str:
            info.issuer, info.issuer_str = issuer, issuer_str
    except ImportError:
        pass
    info.serial = format(cert.serial_number, "X")
    if res.digests:
        info.digest_algorithm = min(res.digests, key=lambda d: _DIGEST_RANK.get(d, -1))
    if res.signature_method:
        kt, algo = SIG_METHODS[res.signature_method]
        info.signature_algorithm = f"{'rsa' if kt == 'RSA' else 'ecdsa'}-{algo}"
    if key:
        info.key_type, info.key_bits = key
    when = res.signing_time or res.signature_time
    info.signing_time = _iso(when)


def _judge_trust(info: SignatureInfo, res: Result, config: Any) -> None:
    """Chain validation through trust.py, judged at the claimed signing time."""
    tcfg = _trust_config(config)
    try:
        from asn1crypto import x509 as ax509

        from .. import trust
    except ImportError:
        return
    cert = ax509.Certificate.load(res.cert_der)
    try:
        info.is_organisation = bool(trust.is_organisation(cert))
        info.role = "agency" if info.is_organisation else "official"
    except Exception:  # noqa: BLE001 - role stays unknown
        pass
    if tcfg is None:
        return
    when = res.signing_time or res.signature_time
    try:
        tr = trust.validate_certificate(cert, other_certs=[ax509.Certificate.load(c) for c in res.other_certs],
                                        config=tcfg, moment=when, moment_basis="claimed" if when else "now")
    except Exception as exc:  # noqa: BLE001 - a chain we cannot judge is not trusted
        info.trusted = False
        info.trust_status = "error"
        info.trust_reason = f"lỗi khi kiểm tra chuỗi chứng thư: {exc}"
        info.trust_reason_en = f"error while validating the certificate chain: {exc}"
        return
    info.trusted = tr.trusted
    info.trust_status = tr.status
    info.trust_reason = tr.reason_vi
    info.trust_reason_en = tr.reason_en
    info.judged_at = tr.judged_at if isinstance(tr.judged_at, str) or tr.judged_at is None else tr.judged_at.isoformat()
    info.judged_at_basis = tr.basis
    info.revocation = tr.revocation


def _add(info: SignatureInfo, code: str, detail: str = "") -> None:
    add_problem(info, code, detail)


def _describe_claimed(info: SignatureInfo, data: bytes | None) -> None:
    """For a broken signature, still say whose certificate it carries (never trusted, never judged)."""
    if not data:
        return
    try:
        root = parse_xml(data, "signature").getroot()
        el = next(root.iter(_q(DSIG, "X509Certificate")), None)
        if el is None:
            return
        res = Result(cert_der=_b64(el.text))
        _fill(info, res, _key_of(res.cert_der))
        from asn1crypto import x509 as ax509

        from ..trust import is_organisation

        info.is_organisation = bool(is_organisation(ax509.Certificate.load(res.cert_der)))
        info.role = "agency" if info.is_organisation else "official"
    except Exception:  # noqa: BLE001 - best effort only: the signature already failed
        return


def _verify_one(pkg: Package, index: int, part: str, meta: set[str], config: Any) -> SignatureInfo:
    info = SignatureInfo(index=index, kind="ooxml", field_name="/" + part)
    res: Result | None = None
    key: tuple[str, int] | None = None
    data: bytes | None = None
    try:
        data = pkg.read(part, MAX_SIG_BYTES)
        res = verify_signature_xml(pkg, data)
        key = _key_of(res.cert_der)
    except SigError as exc:
        info.intact = False
        info.valid = False
        _add(info, exc.code if exc.code != "manifest-part-missing" or pkg.has(part) else "signature-part-missing", exc.detail)
        if exc.code not in ("xml-entities", "too-large"):
            _describe_claimed(info, data)
        return info
    except Exception as exc:  # noqa: BLE001 - never pass a signature we could not process
        info.intact = False
        info.valid = False
        _add(info, "verification-error", repr(exc))
        return info
    try:
        info.intact = res.intact
        for code, detail in res.problems:
            _add(info, code, detail)
        gaps, notes = coverage_gaps(pkg, res, meta)
        for code, detail in gaps + notes:
            _add(info, code, detail)
        info.coverage = "PARTIAL" if gaps else "ALL_PARTS"
        if res.signature_time and res.signing_time and abs((res.signature_time - res.signing_time).total_seconds()) > TIME_TOLERANCE_S:
            _add(info, "signing-time-mismatch", f"{_iso(res.signature_time)} ≠ {_iso(res.signing_time)}")
        if not (res.signature_time or res.signing_time):
            _add(info, "no-signing-time")
        _fill(info, res, key)
        info.valid = info.intact and info.coverage == "ALL_PARTS" and not (set(info.problems) - HARMLESS_CODES)
    except SigError as exc:
        info.valid = False
        info.coverage = info.coverage or "PARTIAL"
        _add(info, exc.code, exc.detail)
        return info
    except Exception as exc:  # noqa: BLE001
        info.valid = False
        _add(info, "verification-error", repr(exc))
        return info
    _judge_trust(info, res, config)
    return info


def _key_of(cert_der: bytes | None) -> tuple[str, int] | None:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if cert_der is None:
        return None
    key = x509.load_der_x509_certificate(cert_der).public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC", key.curve.key_size
    return type(key).__name__, 0


def verify_docx(source: bytes | str | os.PathLike[str], config: Any = None) -> SignatureReport:
    """Verify every OOXML package signature of a .docx (bytes, or a path read once).

    ``config`` is a ``signatures.trust.TrustConfig`` (None: no chain validation). Signatures
    come in the order the origin's relationships list them (Office appends, so official
    first, agency last). ``filled_fields`` is the number of signature parts found.
    """
    report = SignatureReport()
    try:
        pkg = Package.open(_source(source))
    except SigError as exc:
        report.evaluated = False
        report.error = exc.code
        add_problem(report, exc.code, exc.detail)
        return report
    try:
        with pkg.zf:
            _verify_package(pkg, config, report)
    except Exception as exc:  # noqa: BLE001 - a package we cannot walk is not evaluated, never passed
        report.evaluated = False
        report.error = repr(exc)
        add_problem(report, Problem.VERIFICATION_ERROR, repr(exc))
    return report


def _verify_package(pkg: Package, config: Any, report: SignatureReport) -> None:
    try:
        sig_parts, meta = signature_parts(pkg)
    except SigError as exc:
        add_problem(report, exc.code, exc.detail)
        sig_parts, meta = [], set()
    declared = set(sig_parts)
    orphans = [n for n in pkg.names if n.lower().startswith("_xmlsignatures/") and n.lower().endswith(".xml") and n not in declared]
    for n in orphans:
        add_problem(report, Problem.SIGNATURE_PART_ORPHAN, "/" + n)
    report.filled_fields = len(sig_parts) + len(orphans)
    for i, part in enumerate(sig_parts[:MAX_SIGNATURES]):
        report.signatures.append(_verify_one(pkg, i, part, meta, config))
    if len(sig_parts) > MAX_SIGNATURES:
        add_problem(report, Problem.TOO_LARGE, f"{len(sig_parts)} signatures")
    for detail in pkg.details:
        code, _, what = detail.partition(": ")
        add_problem(report, code, what)
    for code in pkg.problems:
        add_problem(report, code)
    for info in report.signatures:
        for code in info.problems:
            if code in ("part-not-signed", "relationship-not-signed", "content-type-mismatch"):
                for d in info.problem_details.get(code, []) or [""]:
                    add_problem(report, code, d)
    if pkg.problems:
        for info in report.signatures:
            for code in pkg.problems:
                _add(info, code)
            info.valid = False
            info.coverage = "PARTIAL"
