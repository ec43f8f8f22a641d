"""Trust store and certificate-chain judgement shared by the PDF and OOXML verifiers.

Why this module exists: both signature formats must answer the same question — does the
signer's certificate chain to a root *we* configured, at the time the document was signed?
— and must answer it the same way (same store, same SHA-1 policy, same wording).

Decisions (see also ``reference/signatures.md``):

* **Trust comes only from configured stores**: the bundled Vietnamese certificates (pinned by
  SHA-256 and checked at load) and the user's ``--trust`` files. Certificates found inside a
  document only help path building (``other_certs``), never become roots.
* **Roots vs intermediates**: a self-signed certificate is a root (trust anchor); any other
  CA certificate in a store is an intermediate offered to path building. Signed documents
  embed only the end-entity certificate, so the issuing CAs (G1, G2) must be in the store.
* **SHA-1 is allowed in chains and CMS** (``allow_sha1``): Government CA signatures up to 2025
  use it. SIG-ALGORITHM warns about it; trust never fails for it. MD5/MD2 stay forbidden.
  RSA keys are accepted from 1024 bits for the same reason (SIG-ALGORITHM warns < 2048).
* **Key usage**: digitalSignature *or* nonRepudiation is enough. pyHanko's default asks for
  nonRepudiation, but real agency (organisation) certificates may carry only
  digitalSignature, and Decree 30 does not require the non-repudiation bit.
* **Point in time**: the chain is judged at the best known signing time — a timestamp if one
  is present, else the time the signer claims, else now — and the result says which
  (``basis``). Old documents with since-expired certificates stay trusted at signing time.
* **Revocation**: offline by default, soft-fail: revocation data is used when supplied
  (``crls``/``ocsps``) or fetched (``online``); otherwise ``revocation == "unknown"``.
* **Unknown issuer vs impostor**: an issuer no configured store knows (by name) is
  ``unknown-issuer`` (trusted ``None``: not evaluated, the user may add the root with
  ``--trust FILE``); an issuer whose *name* matches a known CA but whose key did not sign
  the certificate is an ``impostor`` (trusted ``False``).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Sequence

from ..text.fold import has_accents, strip_accents

if TYPE_CHECKING:  # pragma: no cover
    from asn1crypto import x509

TRUST_DIR = Path(__file__).resolve().parent.parent / "data" / "trust"

#: Bundled certificates and their pinned SHA-256 fingerprints (the manifest). A file whose
#: fingerprint differs is refused at load: the store must be exactly what was reviewed.
BUILTIN_CERTS: dict[str, str] = {
    "vgca-root-g2.pem": "f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8",
    "vgca-state-agencies-g2.pem": "d8cab7a4aef92e6bb2509d7c61cee7b44f3731b2d21074963530277b366fae4b",
    "vgca-root-g1.pem": "f7bc89054cec7f12730d7b8cd3eb7955b163835087e5eb873edfb584763b3f90",
    "vgca-government-ca-g1.pem": "75e969c07ba35c29c72bbc1bfb880f20f3891a619b00b77eb02ca6160736a1fe",
    "neac-vietnam-national-root-ca.pem": "bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7",
    "vnpt-ca-sha2.pem": "7d6ba5245317f9ed5d8bc765a4634d26ac6340d36b9f584df3b52d9c4a81a306",
}

#: Key usages of which at least one must be present in a signer certificate.
SIGNING_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})

TrustStatus = Literal["trusted", "untrusted", "unknown-issuer", "impostor", "revoked", "expired", "error"]
Basis = Literal["timestamp", "claimed", "now"]


class TrustStoreError(Exception):
    """A bundled or configured trust file cannot be used (bad fingerprint, unreadable)."""


@dataclass(slots=True)
class TrustConfig:
    """Where trust and revocation data come from for one run."""

    extra: list[str] = field(default_factory=list)  # PEM/DER files or directories (--trust)
    trust_only: bool = False  # use only ``extra``, not the bundled Vietnamese store
    crls: list[str] = field(default_factory=list)  # local CRL files (DER or PEM)
    ocsps: list[str] = field(default_factory=list)  # local OCSP responses (DER)
    online: bool = False  # allow fetching CRL/OCSP/certificates over the network
    allow_sha1: bool = True  # SHA-1 does not make a chain untrusted (SIG-ALGORITHM warns)

    def key(self) -> tuple:
        """Hashable identity (files with their mtimes) for caching the loaded store."""

        def stamp(paths: Sequence[str]) -> tuple:
            out = []
            for p in paths:
                try:
                    out.append((str(p), os.stat(p).st_mtime_ns))
                except OSError:
                    out.append((str(p), None))
            return tuple(out)

        return (stamp(self.extra), self.trust_only, stamp(self.crls), stamp(self.ocsps), self.online, self.allow_sha1)


@dataclass(slots=True)
class TrustResult:
    """Outcome of judging one certificate chain."""

    trusted: bool | None  # None = could not be judged (unknown issuer, error)
    status: TrustStatus
    reason_vi: str
    reason_en: str
    judged_at: str | None  # ISO 8601
    basis: Basis
    revocation: Literal["good", "revoked", "unknown"] = "unknown"
    path: list[str] = field(default_factory=list)  # subject strings, root first


@dataclass(slots=True)
class TrustStore:
    """Loaded certificates: roots (anchors) and intermediates (path building only)."""

    roots: list[Any]
    intermediates: list[Any]
    crls: list[Any]
    ocsps: list[Any]
    sources: dict[str, str]  # fingerprint -> file it came from

    @property
    def cas(self) -> list[Any]:
        return self.roots + self.intermediates


# ---------------------------------------------------------------------------------------
# loading


def _split_pem(data: bytes) -> list[bytes]:
    from asn1crypto import pem

    if not pem.detect(data):
        return [data]
    return [der for _type, _hdr, der in pem.unarmor(data, multiple=True)]


def _files(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(q for q in path.iterdir() if q.is_file() and q.suffix.lower() in (".pem", ".crt", ".cer", ".der")))
        else:
            out.append(path)
    return out


def load_certs(paths: Iterable[str]) -> list["x509.Certificate"]:
    """Read certificates from PEM (one or many per file) or DER files, or directories of them."""
    from asn1crypto import x509

    certs = []
    for path in _files(paths):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TrustStoreError(f"cannot read {path}: {exc}") from exc
        for der in _split_pem(data):
            try:
                cert = x509.Certificate.load(der)
                cert.native  # force a full parse now, not at validation time
            except Exception as exc:  # noqa: BLE001 - any parse error means "not a certificate"
                raise TrustStoreError(f"{path}: not an X.509 certificate ({exc})") from exc
            certs.append(cert)
    return certs


def _load_revinfo(paths: Iterable[str], kind: str) -> list[Any]:
    from asn1crypto import crl, ocsp

    out = []
    for path in _files(paths) if kind == "crl" else [Path(p) for p in paths]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TrustStoreError(f"cannot read {path}: {exc}") from exc
        for der in _split_pem(data):
            try:
                obj = crl.CertificateList.load(der) if kind == "crl" else ocsp.OCSPResponse.load(der)
                obj.native
            except Exception as exc:  # noqa: BLE001
                raise TrustStoreError(f"{path}: not a {kind.upper()} ({exc})") from exc
            out.append(obj)
    return out


def fingerprint(cert: "x509.Certificate") -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def is_self_signed(cert: "x509.Certificate") -> bool:
    """Self-issued and verifiable with its own key = a root."""
    if cert.subject != cert.issuer:
        return False
    return _signed_by(cert, cert)


def load_pinned(directory: Path, manifest: dict[str, str]) -> tuple[Any, ...]:
    """Load ``manifest``'s files from ``directory``; refuse any whose SHA-256 differs from its pin."""
    certs = []
    for name, pinned in manifest.items():
        found = load_certs([str(directory / name)])
        if len(found) != 1:
            raise TrustStoreError(f"bundled trust file {name} must hold exactly one certificate")
        fp = fingerprint(found[0])
        if fp != pinned:
            raise TrustStoreError(f"bundled trust file {name} has fingerprint {fp}, expected {pinned}")
        certs.append(found[0])
    return tuple(certs)


@lru_cache(maxsize=1)
def builtin_certs() -> tuple[Any, ...]:
    """The bundled Vietnamese store, each file checked against its pinned fingerprint."""
    return load_pinned(TRUST_DIR, BUILTIN_CERTS)


def check_sources(config: TrustConfig) -> None:
    """Load the user's trust, CRL and OCSP files once, so that a file that is not a
    certificate (or a folder holding none) is refused when a run starts, not reported for
    every signed document. Raises :class:`TrustStoreError` naming the file."""
    for given in config.extra:
        if Path(given).is_dir() and not _files([given]):
            raise TrustStoreError(f"{given}: no certificate file (.pem, .crt, .cer, .der) in this folder")
    for paths, load in ((config.extra, load_certs), (config.crls, lambda p: _load_revinfo(p, "crl")),
                        (config.ocsps, lambda p: _load_revinfo(p, "ocsp"))):
        for p in paths:
            try:
                load([p])
            except TrustStoreError:
                raise
            except Exception as exc:  # noqa: BLE001 - a broken PEM armour, bad base64…: the file is unusable
                raise TrustStoreError(f"{p}: unreadable ({exc})") from exc


_STORE_CACHE: dict[tuple, TrustStore] = {}


def load_store(config: TrustConfig) -> TrustStore:
    """The store a run uses (cached per configuration: loading is done once per process)."""
    key = config.key()
    store = _STORE_CACHE.get(key)
    if store is not None:
        return store
    certs: list[Any] = [] if config.trust_only else list(builtin_certs())
    sources = {fingerprint(c): "builtin" for c in certs}
    for cert in load_certs(config.extra):
        fp = fingerprint(cert)
        if fp not in sources:
            certs.append(cert)
            sources[fp] = "extra"
    roots = [c for c in certs if is_self_signed(c)]
    intermediates = [c for c in certs if c not in roots]
    store = TrustStore(roots, intermediates, _load_revinfo(config.crls, "crl"), _load_revinfo(config.ocsps, "ocsp"), sources)
    _STORE_CACHE[key] = store
    return store


_QUIETED = False


def quiet_pyhanko() -> None:
    """pyHanko logs whole tracebacks at WARNING for problems we report ourselves, in words."""
    global _QUIETED
    if not _QUIETED:
        import logging

        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        _QUIETED = True


def run_sync(coro: Any) -> Any:
    """Run a pyHanko coroutine from synchronous code, even when an event loop is running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


# ---------------------------------------------------------------------------------------
# validation context


def algorithm_policy(config: TrustConfig) -> Any:
    """Chain/CMS algorithm policy: MD5/MD2 forbidden; SHA-1 only when ``allow_sha1`` is off."""
    from pyhanko_certvalidator.policy_decl import DisallowWeakAlgorithmsPolicy

    weak = {"md2", "md5"} if config.allow_sha1 else {"md2", "md5", "sha1"}
    return DisallowWeakAlgorithmsPolicy(frozenset(weak), rsa_key_size_threshold=1024, dsa_key_size_threshold=1024)


def validation_context(
    config: TrustConfig,
    *,
    other_certs: Iterable[Any] = (),
    moment: datetime | None = None,
) -> Any:
    """A fresh pyhanko-certvalidator ``ValidationContext`` (one per signature: it keeps state).

    ``moment`` = point in time to judge at (tz-aware); ``None`` = now. With ``online`` the
    context may fetch revocation data, which certvalidator allows only when judging "now".
    """
    from pyhanko_certvalidator import ValidationContext

    store = load_store(config)
    fetch = bool(config.online and moment is None)
    return ValidationContext(
        trust_roots=list(store.roots),
        other_certs=list(store.intermediates) + [c for c in other_certs if c is not None],
        moment=moment,
        allow_fetching=fetch,
        crls=list(store.crls),
        ocsps=list(store.ocsps),
        revocation_mode="soft-fail",
        algorithm_usage_policy=algorithm_policy(config),
    )


def effective_moment(cert: Any, moment: datetime | None, basis: str, config: TrustConfig) -> tuple[datetime | None, str]:
    """With ``online``, judge "now" (fetching revocation data) while the certificate is still
    valid: certvalidator fetches nothing for a point in time in the past. Otherwise unchanged."""
    if not config.online or moment is None:
        return moment, basis
    try:
        validity = cert["tbs_certificate"]["validity"]
        now = datetime.now(timezone.utc)
        if validity["not_before"].native <= now <= validity["not_after"].native:
            return None, "now"
    except Exception:  # noqa: BLE001
        pass
    return moment, basis


def key_usage_constraints() -> Any:
    """pyHanko key-usage settings: digitalSignature or nonRepudiation, any EKU."""
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(key_usage=set(SIGNING_KEY_USAGES), match_all_key_usages=False)


# ---------------------------------------------------------------------------------------
# names


_NAME_KEYS = {
    "common_name": "CN",
    "organization_name": "O",
    "organizational_unit_name": "OU",
    "locality_name": "L",
    "state_or_province_name": "ST",
    "country_name": "C",
    "email_address": "E",
    "user_id": "UID",
    "serial_number": "SERIALNUMBER",
    "title": "T",
    "given_name": "GN",
    "surname": "SN",
    "street_address": "STREET",
    "domain_component": "DC",
    "organization_identifier": "organizationIdentifier",
}
_NAME_ORDER = ["CN", "E", "UID", "SERIALNUMBER", "T", "GN", "SN", "OU", "O", "STREET", "L", "ST", "C", "DC"]


def describe_name(name: Any) -> tuple[dict[str, str], str]:
    """An X.509 name as ``({"CN": …, "O": …}, "CN=…, OU=…, O=…, L=…, C=VN")``.

    Repeated attributes (two OUs, two UIDs) are joined with ``"; "``; text is NFC.
    Unknown attribute types keep their dotted OID.
    """
    fields: dict[str, list[str]] = {}
    try:
        rdns = name.chosen
        for rdn in rdns:
            for atv in rdn:
                key = _NAME_KEYS.get(atv["type"].native, atv["type"].dotted)
                value = atv["value"].native
                if not isinstance(value, str):
                    value = str(value)
                fields.setdefault(key, []).append(unicodedata.normalize("NFC", value.strip()))
    except Exception:  # noqa: BLE001 - a malformed name must not crash a report
        return {}, ""
    joined = {k: "; ".join(sorted(v)) for k, v in fields.items()}
    order = [k for k in _NAME_ORDER if k in joined] + sorted(k for k in joined if k not in _NAME_ORDER)
    text = ", ".join(f"{k}={joined[k]}" for k in order)
    return {k: joined[k] for k in order}, text


def _fold(text: str) -> str:
    """Accents and case folded, spaces collapsed (punctuation kept)."""
    return " ".join(strip_accents(text).lower().split())


#: CN beginnings (lower case, with accents) that name a body, not a person. Matched with
#: accents because some fold onto family names: "Trường" (school) vs "Trương", "Quận" vs
#: "Quan", "Viện" vs "Viên", "Đoàn thanh niên" vs "Đoàn". Unaccented CNs (G1-era
#: certificates such as "Uy ban nhan dan …") are compared folded.
ORG_PREFIXES = (
    "ủy ban", "uỷ ban", "ubnd", "hội đồng", "hđnd", "sở ", "trường ", "phòng ", "văn phòng",
    "trung tâm", "cục ", "tổng cục", "chi cục", "bộ ", "ban ", "viện ", "bệnh viện", "công an",
    "quân đội", "bộ chỉ huy", "bảo hiểm", "kho bạc", "tòa án", "toà án", "viện kiểm sát", "thanh tra",
    "hội ", "đoàn thanh niên", "đoàn luật sư", "liên đoàn", "công ty", "tập đoàn", "tổng công ty",
    "ngân hàng", "đài ", "báo ", "trạm ", "học viện", "đại học", "mặt trận", "tỉnh ủy", "tỉnh uỷ",
    "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "đảng ủy", "đảng uỷ", "chi bộ", "đảng bộ",
    "quỹ ", "ban quản lý", "tỉnh ", "thành phố ", "huyện ", "xã ", "phường ", "thị trấn", "thị xã",
    "quận ", "trường mầm non", "hợp tác xã", "doanh nghiệp", "cơ quan", "nhà xuất bản",
    "thư viện", "bảo tàng", "ubmttq", "mttq", "chính phủ", "quốc hội", "kiểm toán nhà nước", "thủ tướng chính phủ",
)
#: Folded words that, anywhere in a CN, mark a body ("Trung tâm Công báo", "… nhân dân …").
ORG_WORDS = (
    "nhan dan", "cong bao", "tin hoc", "co quan", "uy ban", "cong ty", "trung tam", "van phong",
    "thcs", "thpt", "tieu hoc", "mam non", "dai hoc", "cao dang", "ubnd", "hdnd", "chi nhanh", "chinh phu",
)


_has_accents = has_accents


def is_organisation(cert_or_name: Any) -> bool:
    """True when a certificate belongs to a body (agency seal), not to a person.

    Heuristics, tested on the real certificates of the real samples:

    * the CN starts with the name of a kind of body ("Ủy ban nhân dân …", "UBND …", "Sở …",
      "Trường …", "Phòng …", "Văn phòng …", "Trung tâm …", "CỤC THUẾ", …) or contains words
      only bodies use ("nhân dân", "công báo", "THCS"): organisation;
    * otherwise a person: personal certificates carry a personal name as CN and put the unit
      in OU/O (``CN=Nguyễn Văn A, OU=VĂN PHÒNG, O=ỦY BAN NHÂN DÂN …``);
    * with no CN, an O without OU (``O=<body>``) hints at an organisation.
    """
    name = getattr(cert_or_name, "subject", cert_or_name)
    fields, _ = describe_name(name)
    raw = fields.get("CN", "")
    if not raw:
        return bool(fields.get("O")) and not fields.get("OU")
    low = " ".join(unicodedata.normalize("NFC", raw).lower().split())
    folded = _fold(raw)
    if low.startswith(ORG_PREFIXES):
        return True
    if not _has_accents(raw) and folded.startswith(tuple(_fold(p) + (" " if p.endswith(" ") else "") for p in ORG_PREFIXES)):
        return True
    return any(f" {w} " in f" {folded} " for w in ORG_WORDS)


# ---------------------------------------------------------------------------------------
# judging a chain


def _signed_by(cert: Any, issuer: Any) -> bool:
    """Does ``issuer``'s key verify ``cert``'s signature? (SHA-1 allowed: identity, not policy.)"""
    try:
        from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator

        DefaultSignatureValidator().validate_signature(
            cert["signature_value"].native,
            cert["tbs_certificate"].dump(),
            issuer.public_key,
            cert["signature_algorithm"],
        )
        return True
    except Exception:  # noqa: BLE001 - any failure means "not signed by this key"
        return False


def _path_names(path: Any) -> list[str]:
    out = []
    try:
        for c in path:
            out.append(describe_name(c.subject)[1])
    except Exception:  # noqa: BLE001
        pass
    return out


def iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.isoformat(timespec="seconds")


def _when(basis: str) -> tuple[str, str]:
    return {
        "timestamp": ("tại thời điểm dấu thời gian chứng thực", "at the time proven by the timestamp"),
        "claimed": ("tại thời điểm ký do người ký khai (không có dấu thời gian chứng thực)", "at the signing time the signer claims (no timestamp proves it)"),
    }.get(basis, ("tại thời điểm kiểm tra", "at check time"))


def identify_issuer(cert: Any, store: TrustStore, other_certs: Iterable[Any] = ()) -> tuple[str, Any | None]:
    """Why no trusted path: ``("impostor", ca)``, ``("unknown-issuer", last)`` or ``("known", root)``.

    Walks up by issuer name, through store CAs (checking their keys) and the document's own
    certificates. A store CA with the issuer's *name* whose key does not verify the
    signature marks an impostor. ``last`` is the highest certificate reached: its issuer is
    the one no store knows.
    """
    known = store.cas
    roots = {fingerprint(r) for r in store.roots}
    others = [c for c in other_certs if c is not None]
    current, seen = cert, set()
    for _ in range(12):
        same_name = [ca for ca in known if ca.subject == current.issuer]
        if same_name:
            good = [ca for ca in same_name if _signed_by(current, ca)]
            if not good:
                return "impostor", same_name[0]
            if fingerprint(good[0]) in roots:
                return "known", good[0]
            nxt = good[0]
        else:
            parents = [c for c in others if c.subject == current.issuer and c.subject != current.subject]
            if not parents:
                return "unknown-issuer", current
            nxt = parents[0]
        fp = fingerprint(nxt)
        if fp in seen:
            break
        seen.add(fp)
        current = nxt
    return "unknown-issuer", current


def ca_issuer_urls(cert: Any) -> list[str]:
    """The caIssuers URLs of a certificate's AIA extension (where its issuer's certificate is published)."""
    try:
        aia = cert.authority_information_access_value
        if aia is None:
            return []
        return [d["access_location"].native for d in aia if d["access_method"].native == "ca_issuers"
                and isinstance(d["access_location"].native, str)][:3]
    except Exception:  # noqa: BLE001
        return []


def _revocation_known(cert: Any, store: TrustStore) -> bool:
    """Was revocation data with jurisdiction over ``cert`` at hand (supplied CRL/OCSP)?"""
    for c in store.crls:
        try:
            if c.issuer == cert.issuer:
                return True
        except Exception:  # noqa: BLE001
            continue
    for o in store.ocsps:
        try:
            for resp in o.basic_ocsp_response["tbs_response_data"]["responses"]:
                if resp["cert_id"]["serial_number"].native == cert.serial_number:
                    return True
        except Exception:  # noqa: BLE001
            continue
    return False


def result_for_failure(
    cert: Any,
    error: BaseException | str | None,
    *,
    store: TrustStore,
    other_certs: Iterable[Any] = (),
    judged_at: datetime | None,
    basis: str,
    indication: str | None = None,
) -> TrustResult:
    """Turn a certvalidator error (or pyHanko's AdES sub-indication) into a TrustResult."""
    from pyhanko_certvalidator import errors as E

    at, basis_ = iso(judged_at), basis  # type: ignore[assignment]
    when_vi, when_en = _when(basis)
    ind = (indication or "").upper()
    msg = str(error) if error is not None else ind
    issuer_str = describe_name(cert.issuer)[1]

    if isinstance(error, E.RevokedError) or "REVOKED" in ind:
        return TrustResult(False, "revoked", f"chứng thư số đã bị thu hồi ({when_vi})", f"the certificate has been revoked ({when_en})", at, basis_, "revoked")
    if isinstance(error, (E.ExpiredError, E.NotYetValidError)) or ind in ("OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED", "NOT_YET_VALID"):
        return TrustResult(
            False, "expired",
            f"chứng thư số không còn hiệu lực {when_vi}",
            f"the certificate was not valid {when_en}", at, basis_,
        )
    if isinstance(error, E.DisallowedAlgorithmError) or ind == "CRYPTO_CONSTRAINTS_FAILURE_NO_POE":
        return TrustResult(False, "untrusted", "chuỗi chứng thư dùng thuật toán bị cấm (yếu)", f"the chain uses a forbidden (weak) algorithm: {msg}", at, basis_)
    if isinstance(error, E.InvalidCertificateError) and not isinstance(error, E.PathValidationError):
        return TrustResult(False, "untrusted", "chứng thư số không dùng được để ký (mục đích sử dụng khóa không phù hợp)", f"the certificate may not be used for signing: {msg}", at, basis_)

    by_issuer = _issuer_result(cert, store, other_certs, at, basis_)
    if by_issuer is not None:
        return by_issuer
    if isinstance(error, E.PathBuildingError) or ind == "NO_CERTIFICATE_CHAIN_FOUND":
        return TrustResult(
            False, "untrusted",
            "chứng thư số không chuỗi về tổ chức tin cậy",
            f"the certificate does not chain to a trusted root (issuer {issuer_str}): {msg}",
            at, basis_,
        )
    return TrustResult(
        False, "untrusted",
        "chứng thư số không chuỗi về tổ chức tin cậy",
        f"the certificate chain is not valid: {msg}",
        at, basis_,
    )


def _issuer_result(cert: Any, store: TrustStore, other_certs: Iterable[Any], at: str | None, basis_: Any) -> TrustResult | None:
    """Impostor, unknown issuer or a root only the document carries; None when the chain reaches a configured root."""
    issuer_str = describe_name(cert.issuer)[1]
    kind, ca = identify_issuer(cert, store, other_certs)
    if kind == "unknown-issuer" and ca is not None and ca.subject == ca.issuer and _signed_by(ca, ca):
        kind = "untrusted-root"  # a self-signed root we reached, but no store lists it
    if kind == "impostor":
        ca_str = describe_name(ca.subject)[1]
        return TrustResult(
            False, "impostor",
            f"chuỗi chứng thư số mang tên tổ chức cấp “{ca_str}” nhưng không do khóa của tổ chức này ký (giả mạo)",
            f"the certificate chain names the known CA “{ca_str}” as issuer but was not signed by its key (impostor)",
            at, basis_,
        )
    if kind == "unknown-issuer":
        top = describe_name(ca.issuer)[1] if ca is not None else issuer_str
        urls = ca_issuer_urls(ca) if ca is not None else []
        where_vi = f"; chứng thư của tổ chức cấp được công bố tại {', '.join(urls)}" if urls else ""
        where_en = f"; the issuer's certificate is published at {', '.join(urls)}" if urls else ""
        return TrustResult(
            None, "unknown-issuer",
            f"chứng thư số do “{top}” cấp, tổ chức này không có trong kho tin cậy đã cấu hình{where_vi}; "
            f"nếu tin cậy, thêm chứng thư của nó bằng --trust FILE (một CA trung gian chỉ được tin khi chuỗi về chứng thư gốc đã cấu hình)",
            f"the certificate was issued by “{top}”, which no configured trust store knows{where_en}; "
            f"if you trust it, add its certificate with --trust FILE (an intermediate CA is trusted only when it chains to a configured root)",
            at, basis_,
        )
    if kind == "untrusted-root":
        root_str = describe_name(ca.subject)[1]
        return TrustResult(
            None, "unknown-issuer",
            f"chứng thư số chuỗi về chứng thư gốc “{root_str}” đi kèm văn bản, không có trong kho tin cậy đã cấu hình; "
            f"nếu tin cậy, thêm chứng thư gốc này bằng --trust FILE",
            f"the certificate chains to the root “{root_str}” carried by the document, which no configured trust store "
            f"lists; if you trust it, add that root with --trust FILE",
            at, basis_,
        )
    return None


def result_for_success(cert: Any, path: Any, *, store: TrustStore, judged_at: datetime | None, basis: str) -> TrustResult:
    when_vi, when_en = _when(basis)
    rev = "good" if _revocation_known(cert, store) else "unknown"
    rev_vi = "" if rev == "good" else "; chưa kiểm tra được tình trạng thu hồi (không có dữ liệu CRL/OCSP)"
    rev_en = "" if rev == "good" else "; revocation not checked (no CRL/OCSP data at hand)"
    names = _path_names(path)
    anchor = names[0] if names else "?"
    return TrustResult(
        True, "trusted",
        f"chứng thư số chuỗi về tổ chức tin cậy “{anchor}”, còn hiệu lực {when_vi}{rev_vi}",
        f"the certificate chains to the trusted root “{anchor}” and was valid {when_en}{rev_en}",
        iso(judged_at), basis, rev, names,  # type: ignore[arg-type]
    )


def key_usage_ok(cert: Any) -> bool:
    ku = cert.key_usage_value
    if ku is None:  # no extension = no restriction (RFC 5280)
        return True
    return bool(set(ku.native) & SIGNING_KEY_USAGES)


def validate_certificate(
    cert: "x509.Certificate",
    *,
    other_certs: Iterable[Any] = (),
    config: TrustConfig,
    moment: datetime | None = None,
    moment_basis: str = "now",
) -> TrustResult:
    """Judge a signer certificate against the configured stores at ``moment``.

    ``other_certs`` (e.g. the certificates embedded in a signature) help path building only.
    ``moment_basis`` says where ``moment`` came from ("timestamp", "claimed", "now").
    Never raises: a store or validation problem becomes status "error".
    """
    from pyhanko_certvalidator import CertificateValidator

    quiet_pyhanko()
    others = [c for c in other_certs if c is not None]
    moment, moment_basis = effective_moment(cert, moment, moment_basis, config)
    basis = moment_basis if moment is not None else "now"
    judged = moment or datetime.now(timezone.utc)
    try:
        store = load_store(config)
        vc = validation_context(config, other_certs=others, moment=moment)
    except Exception as exc:  # noqa: BLE001
        return TrustResult(None, "error", f"không nạp được kho tin cậy: {exc}", f"cannot load the trust store: {exc}", iso(judged), basis)  # type: ignore[arg-type]
    try:
        validator = CertificateValidator(cert, validation_context=vc)
        path = run_sync(validator.async_validate_path())
    except Exception as exc:  # noqa: BLE001 - every certvalidator error is a judgement
        try:
            return result_for_failure(cert, exc, store=store, other_certs=others, judged_at=judged, basis=basis)
        except Exception as exc2:  # noqa: BLE001
            return TrustResult(None, "error", f"lỗi khi kiểm tra chuỗi chứng thư: {exc2}", f"error while checking the chain: {exc2}", iso(judged), basis)  # type: ignore[arg-type]
    if not key_usage_ok(cert):
        return TrustResult(
            False, "untrusted",
            "chứng thư số không dùng được để ký (thiếu digitalSignature/nonRepudiation)",
            "the certificate may not be used for signing (neither digitalSignature nor nonRepudiation)",
            iso(judged), basis, "unknown", _path_names(path),  # type: ignore[arg-type]
        )
    return result_for_success(cert, path, store=store, judged_at=judged, basis=basis)
