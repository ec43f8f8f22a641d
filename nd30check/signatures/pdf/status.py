"""One signature's own status: digest, signature value, certificate chain, timestamp.

The difference analysis (what changed after the signature) is not run here: pyHanko would
run it afresh for every signature over every later revision. ``diff.py`` analyses each
revision once per file and ``policy.py`` judges the result per signature.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from ...model import SignatureInfo
from .. import trust
from ..problems import Problem
from ..report import add_problem

log = logging.getLogger(__name__)


def tst_time(signer_info: Any) -> datetime | None:
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


def fill_cert(info: SignatureInfo, cert: Any) -> None:
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


def apply_trust(info: SignatureInfo, res: trust.TrustResult) -> None:
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


async def _validate(emb: Any, vc: Any) -> Any:
    from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature

    return await async_validate_pdf_signature(
        emb, signer_validation_context=vc, key_usage_settings=trust.key_usage_constraints(), skip_diff=True
    )


def _judge_moment(emb: Any, config: trust.TrustConfig) -> tuple[datetime | None, str, datetime | None]:
    claimed = emb.self_reported_timestamp
    tst = tst_time(emb.signer_info)
    moment, basis = (tst, "timestamp") if tst else ((claimed, "claimed") if claimed else (None, "now"))
    moment, basis = trust.effective_moment(emb.signer_cert, moment, basis, config)
    return moment, basis, claimed


def verify_one(index: int, emb: Any, config: trust.TrustConfig, store: trust.TrustStore) -> tuple[SignatureInfo, Any]:
    """Validate one embedded signature (no diff analysis); every exception is a failed signature."""
    info = SignatureInfo(index=index, kind="pdf-cms", field_name=str(emb.field_name))
    status = None
    try:
        fill_cert(info, emb.signer_cert)
        info.digest_algorithm = emb.md_algorithm
        moment, basis, claimed = _judge_moment(emb, config)
        info.signing_time = trust.iso(claimed)
        vc = trust.validation_context(config, other_certs=emb.other_embedded_certs, moment=moment)
        status = trust.run_sync(_validate(emb, vc))
        tsv = getattr(status, "timestamp_validity", None)
        if tsv is not None:
            info.timestamp = trust.iso(tsv.timestamp)
            info.timestamp_trusted = bool(tsv.valid and tsv.trusted)
            if not info.timestamp_trusted:
                add_problem(info, Problem.TIMESTAMP_UNTRUSTED)
                if claimed is not None:  # judge again at the claimed time, and say so
                    moment, basis = claimed, "claimed"
                    vc = trust.validation_context(config, other_certs=emb.other_embedded_certs, moment=moment)
                    status = trust.run_sync(_validate(emb, vc))
        info.intact = bool(status.intact)
        info.valid = bool(status.valid)
        if not status.intact:
            add_problem(info, Problem.DIGEST_MISMATCH)
        elif not status.valid:
            add_problem(info, Problem.SIGNATURE_INVALID)
        info.coverage = status.coverage.name if status.coverage is not None else None
        if status.intact and status.valid:
            apply_trust(info, _trust_from_status(status, emb, store, moment, basis))
        else:  # pyHanko skips the chain when the signature itself fails: judge the certificate alone
            apply_trust(info, trust.validate_certificate(emb.signer_cert, other_certs=emb.other_embedded_certs,
                                                         config=config, moment=moment, moment_basis=basis))
        level = emb.docmdp_level
        info.certifying = int(level.value) if level is not None else None
    except Exception as exc:  # noqa: BLE001 - rule 1: an exception is a failed signature
        log.debug("signature %s failed to validate", index, exc_info=True)
        info.intact = info.intact if info.intact is False else None
        info.valid = False
        add_problem(info, Problem.VALIDATION_ERROR, type(exc).__name__ + (f": {exc}" if str(exc) else ""))
        status = None
    return info, status


def verify_doc_timestamp(emb: Any, config: trust.TrustConfig) -> bool:
    try:
        from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_timestamp

        vc = trust.validation_context(config, other_certs=emb.other_embedded_certs)
        st = trust.run_sync(async_validate_pdf_timestamp(emb, validation_context=vc, skip_diff=True))
        return bool(st.intact and st.valid)
    except Exception:  # noqa: BLE001
        return False
