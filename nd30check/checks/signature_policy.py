"""Decree 30 signature policy: SIG-* rules on top of the verified signatures.

Reads only ``ctx.doc.signatures`` (a :class:`model.SignatureReport`, filled by
``signatures/pdf.py`` or ``signatures/ooxml.py``; ``None`` = no signature reader ran, same
as no signature), ``ctx.doc.facts`` (signer, agency, date, number/symbol, appendix flag, from
structure recognition) and the run options (profile, bundle facts, fixed "now").

Roles come from the certificates: a certificate whose CN names a body is the agency's
(``SignatureInfo.role == "agency"``), a personal name is the official's.

Decisions (parameters in ``rules/signatures.toml`` let an organisation change them):

* SIG-PRESENT: a scan (PDF without text layer: a digitised paper original) signed by the
  agency only is accepted with a note (``scan_agency_only_ok``); profile "draft" → not
  applicable. Broken signatures still count as present: SIG-INTEGRITY fails them.
* SIG-TRUST: revocation that could not be checked (offline, no CRL/OCSP) is a note by
  default, said plainly; ``revocation_unknown = "not-evaluated"`` makes it incomplete.
  An unknown issuer is not-evaluated (with how to add its root), an impostor fails.
* SIG-TIME: a claimed time exactly 7 hours after the visible local time is Vietnam time
  labelled UTC (seen on real provincial PDFs): a note, not a warning.
* SIG-APPENDIX-INFO on DOCX: Office signatures have no visible stamp to measure → not
  evaluated.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..model import SignatureInfo, SignatureReport
from ..signatures import names
from ..signatures.problems import COVERAGE_CODES, HARMLESS_CODES, NOTE_CODES, WARNING_CODES, Kind, kind_of
from .base import Ctx, Phrase, Term, check

VN = timezone(timedelta(hours=7))

# ---------------------------------------------------------------------------------------
# helpers


def _report(ctx: Ctx) -> SignatureReport | None:
    return ctx.doc.signatures


def _signatures(ctx: Ctx) -> list[SignatureInfo]:
    rep = _report(ctx)
    return list(rep.signatures) if rep is not None else []


def _signed(ctx: Ctx) -> bool:
    rep = _report(ctx)
    return rep is not None and (bool(rep.signatures) or rep.filled_fields > 0 or bool(rep.problems))


def _common(ctx: Ctx) -> bool:
    """Shared preamble: False when the rule does not apply / cannot be evaluated."""
    rep = _report(ctx)
    if rep is not None and not rep.evaluated:
        ctx.not_evaluated(key="sig-unchecked", error=rep.error or Term("sig-reader-not-run"))
        return False
    if not _signed(ctx):
        ctx.not_applicable(key="sig-none")
        return False
    return True


def _who(sig: SignatureInfo) -> str:
    return sig.subject.get("CN") or sig.subject_str or sig.field_name or f"#{sig.index + 1}"


def _who_prefix(sig: SignatureInfo | None) -> Any:
    """The ``{who}`` of a problem message: "Chữ ký “X”: " or nothing for the file."""
    if sig is None:
        return ""
    return Term("sig-who", who=_who(sig))


def _detail(details: list[Any]) -> Any:
    """The ``{detail}`` of a problem message: " — a; b" (the verifier's details, each a string
    or its ``{"vi", "en"}`` text), or nothing."""
    if not details:
        return ""
    return Term("sig-detail", detail=Phrase(details, "; "))


def _verifier_text(vi: Any, en: Any) -> Any:
    """What the verifier wrote in both languages (a trust failure's reason), as one value."""
    return {"vi": vi or "", "en": en or vi or ""}


def _report_code(ctx: Ctx, code: str, sig: SignatureInfo | None, details: list[Any], *, note: bool = False) -> None:
    """One finding for one problem code; its wording is the rule's message of that code."""
    fmt = {"who": _who_prefix(sig), "detail": _detail(details), "signer": _who(sig) if sig else ""}
    page = sig.page if sig is not None else None
    if note:
        ctx.note(key=code, signature=sig, page=page, actual=code, **fmt)
    else:
        ctx.fail(key=code, signature=sig, page=page, actual=code, **fmt)


_VBQPPL_NUMBER = re.compile(r"^\s*\d+\s*/\s*(19|20)\d{2}\s*/")


def _is_vbqppl(ctx: Ctx) -> bool:
    """A legal normative document (its number carries the year: 49/2026/NĐ-CP): outside Decree
    30, which governs administrative documents; its e-copy carries the issuing body's signature."""
    return bool(_VBQPPL_NUMBER.match(ctx.doc.facts.number_symbol or ""))


def _is_scan(ctx: Ctx) -> bool:
    """A digitised paper original: rendered pages without a text layer (what FILE-NO-TEXT reports)."""
    return bool(ctx.doc.pages) and not ctx.doc.has_text_layer


def _now(ctx: Ctx) -> datetime:
    if ctx.options.now_iso:
        try:
            dt = datetime.fromisoformat(ctx.options.now_iso)
            return dt if dt.tzinfo else dt.replace(tzinfo=VN)
        except ValueError:
            pass
    return datetime.now(timezone.utc)


def _parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=VN)


_VISIBLE_TIME = [
    # ISO 8601: 2026-05-08T09:15:00+07:00 (also a space instead of T, Z or no zone)
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?"), "ymd"),
    # 08.05.2026 09:15:00 +07:00, 24/01/2025 14:23:43, 08-05-2026 09:15
    (re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?"), "dmy"),
]


def parse_visible_time(text: str | None) -> tuple[datetime, str] | None:
    """The first date-time shown in a signature's appearance text; no zone = Vietnam time."""
    if not text:
        return None
    flat = " ".join(text.split())
    best: tuple[int, datetime, str] | None = None
    for rx, order in _VISIBLE_TIME:
        m = rx.search(flat)
        if not m:
            continue
        a, b, c, hh, mi, ss, tz = m.groups()
        y, mo, d = (int(a), int(b), int(c)) if order == "ymd" else (int(c), int(b), int(a))
        try:
            zone = VN
            if tz:
                if tz == "Z":
                    zone = timezone.utc
                else:
                    sign = -1 if tz[0] == "-" else 1
                    digits = tz[1:].replace(":", "")
                    zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))
            dt = datetime(y, mo, d, int(hh), int(mi), int(ss or 0), tzinfo=zone)
        except ValueError:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), dt, m.group(0))
    return (best[1], best[2]) if best else None


def _signed_time(sig: SignatureInfo) -> tuple[datetime | None, str]:
    ts = _parse_iso(sig.timestamp) if sig.timestamp_trusted else None
    if ts is not None:
        return ts, "timestamp"
    return _parse_iso(sig.signing_time), "claimed"


def _fmt_vn(dt: datetime) -> str:
    return dt.astimezone(VN).strftime("%d.%m.%Y %H:%M:%S +07:00")


def _main_facts(ctx: Ctx) -> dict[str, Any]:
    return dict(ctx.options.bundle or {})


# ---------------------------------------------------------------------------------------
# rules


@check("SIG-PRESENT")
def sig_present(ctx: Ctx) -> None:
    rep = _report(ctx)
    if rep is not None and not rep.evaluated:
        ctx.not_evaluated(key="sig-unchecked", error=rep.error)
        return
    sigs = _signatures(ctx)
    if ctx.options.profile == "draft":
        ctx.not_applicable(key="draft")
        return
    agency = [s for s in sigs if s.role == "agency"]
    official = [s for s in sigs if s.role == "official"]
    if ctx.doc.facts.is_appendix:
        if not agency:
            ctx.fail(key="appendix", expected=Term("sig-agency-signature"), actual=Term("none"))
        return
    if not sigs:
        ctx.fail(key="unsigned", expected=Term("sig-two-signatures"), actual="0")
    elif not official and agency:
        _agency_only(ctx, agency)
    elif official and not agency:
        ctx.fail(key="no_agency", expected=Term("sig-agency-signature"), actual=", ".join(_who(s) for s in official))
    elif not official and not agency:
        ctx.fail(key="unsigned", expected=Term("sig-two-signatures"), actual=Term("sig-unreadable-signatures"))


def _agency_only(ctx: Ctx, agency: list[SignatureInfo]) -> None:
    """Only the agency signed: enough for a scan, a legal normative document, or a file without
    a signature block (noted); otherwise the official's signature is missing."""
    who = ", ".join(_who(s) for s in agency)
    facts = ctx.doc.facts
    if _is_scan(ctx) and ctx.param("scan_agency_only_ok"):
        ctx.note(key="scan", actual=who)
    elif _is_vbqppl(ctx):
        ctx.note(key="vbqppl", actual=who, expected=facts.number_symbol or "")
    elif not facts.signer and not facts.type and not facts.number_symbol:
        ctx.note(key="no_signature_block", actual=who)
    else:
        ctx.fail(key="no_official", expected=Term("sig-official-signature"), actual=who)


@check("SIG-INTEGRITY")
def sig_integrity(ctx: Ctx) -> None:
    """Integrity problems fail, warnings are noted; one finding per code and signature."""
    if not _common(ctx):
        return
    rep = _report(ctx)
    assert rep is not None
    for code in rep.problems:
        kind = kind_of(code)
        if kind in (Kind.INTEGRITY, Kind.WARNING):
            _report_code(ctx, code, None, rep.problem_details.get(code, []), note=kind is Kind.WARNING)
    rewritten = "file-rewritten" in rep.problems
    for sig in rep.signatures:
        codes = [c for c in sig.problems if kind_of(c) is Kind.INTEGRITY]
        if rewritten:  # one finding says why every digest broke; the per-signature ones add nothing
            codes = [c for c in codes if c not in ("digest-mismatch", "file-rewritten")]
        for code in codes:
            _report_code(ctx, code, sig, sig.problem_details.get(code, []))
        for code in (c for c in sig.problems if c in WARNING_CODES):
            _report_code(ctx, code, sig, sig.problem_details.get(code, []), note=True)
        coverage_only = any(c in COVERAGE_CODES for c in sig.problems)
        if codes or rewritten:
            continue
        if sig.intact is False or (sig.valid is False and not coverage_only):
            _report_code(ctx, "digest-mismatch" if sig.intact is False else "signature-invalid", sig, [])
        elif sig.intact is None and sig.valid is None:
            ctx.not_evaluated(key="unchecked-signature", signer=_who(sig))


@check("SIG-COVERAGE")
def sig_coverage(ctx: Ctx) -> None:
    """Coverage problems fail (naming the part or revision), benign changes are noted."""
    if not _common(ctx):
        return
    rep = _report(ctx)
    assert rep is not None
    if "file-rewritten" in rep.problems:
        ctx.not_evaluated(key="rewritten-whole")
        return
    seen: set[str] = set()
    for sig in rep.signatures:
        for code in sig.problems:
            if code in COVERAGE_CODES:
                seen.add(code)
                _report_code(ctx, code, sig, sig.problem_details.get(code, []))
            elif code in NOTE_CODES:
                _report_code(ctx, code, sig, sig.problem_details.get(code, []), note=True)
    for code in rep.problems:
        if code in COVERAGE_CODES and code not in seen:
            _report_code(ctx, code, None, rep.problem_details.get(code, []))
        elif code in NOTE_CODES:
            _report_code(ctx, code, None, rep.problem_details.get(code, []), note=True)


@check("SIG-TRUST")
def sig_trust(ctx: Ctx) -> None:
    if not _common(ctx):
        return
    strict_revocation = ctx.param("revocation_unknown") == "not-evaluated"
    for sig in _signatures(ctx):
        who = _who(sig)
        reason = _verifier_text(sig.trust_reason, sig.trust_reason_en)
        status = sig.trust_status
        if status == "trusted" and sig.trusted:
            if sig.judged_at_basis == "claimed":
                ctx.note(key="claimed_time", signature=sig, page=sig.page, signer=who, actual=sig.judged_at)
            if sig.revocation == "unknown":
                if strict_revocation:
                    ctx.not_evaluated(key="revocation-unchecked", signer=who)
                else:
                    ctx.note(key="revocation_unknown", signature=sig, page=sig.page, signer=who)
        elif status in ("untrusted", "impostor", "revoked", "expired"):
            ctx.fail(key=status, signature=sig, page=sig.page, signer=who, reason=reason, actual=status)
        elif status == "unknown-issuer":
            ctx.not_evaluated(key="unknown-issuer", signer=who, reason=_verifier_text(sig.trust_reason, sig.trust_reason_en))
        else:  # error, or no judgement (a broken signature has no certificate to judge)
            if sig.intact is False or sig.valid is False or set(sig.problems) - HARMLESS_CODES:
                continue  # SIG-INTEGRITY/SIG-COVERAGE already fail it; nothing to judge here
            ctx.not_evaluated(key="unjudged", signer=who, reason=_verifier_text(sig.trust_reason or Term("sig-error"),
                                                                                sig.trust_reason_en or Term("sig-error")))


@check("SIG-ALGORITHM")
def sig_algorithm(ctx: Ctx) -> None:
    if not _common(ctx):
        return
    weak = {a.lower() for a in ctx.param("weak_digests")}
    min_bits = ctx.param("min_rsa_bits")
    evaluated = False
    for sig in _signatures(ctx):
        who = _who(sig)
        if sig.digest_algorithm:
            evaluated = True
            algo = sig.digest_algorithm.lower().replace("-", "")
            if algo in weak:
                ctx.fail(key="weak_digest", signature=sig, page=sig.page, signer=who, actual=algo.upper().replace("SHA", "SHA-"), expected="SHA-256")
        if sig.key_type and sig.key_bits:
            evaluated = True
            if sig.key_type.upper() == "RSA" and sig.key_bits < min_bits:
                ctx.fail(key="short_key", signature=sig, page=sig.page, signer=who, actual=str(sig.key_bits), expected=str(min_bits))
    if not evaluated:
        ctx.not_evaluated(key="no-algorithm")


@check("SIG-ORDER")
def sig_order(ctx: Ctx) -> None:
    if not _common(ctx):
        return
    sigs = sorted(_signatures(ctx), key=lambda s: s.index)
    first_agency = next((s for s in sigs if s.role == "agency"), None)
    if first_agency is None or not any(s.role == "official" for s in sigs):
        ctx.not_applicable(key="not-both")
        return
    for s in sigs:
        if s.role == "official" and s.index > first_agency.index:
            ctx.fail(signature=s, page=s.page, signer=_who(s), agency=_who(first_agency),
                     expected=Term("sig-official-first"), actual=Term("sig-agency-first"))


def _read_from_image(ctx: Ctx) -> bool:
    """The header and signature block were recognised from a scan (OCR): their text is a reading."""
    return any(p.source == "ocr" for p in ctx.doc.paragraphs[:40])


def _ocr_confidence(ctx: Ctx) -> float | None:
    confs = [p.confidence for p in ctx.doc.paragraphs[:40] if p.source == "ocr" and p.confidence is not None]
    return min(confs) if confs else None


def _ocr_close(read: str | None, certs: list[str | None], least: float) -> bool:
    """Could an OCR reading stand for one of the certificate names? The certificate's name found
    in the reading (a Số line or a type name read into the agency's lines), or at least ``least``
    of its words found there, or the two alike letter by letter (a misread mark or letter):
    then a mismatch is the reading's doubt, not the signature's."""
    from difflib import SequenceMatcher

    got = names.normalize_name(read)
    if not got:
        return False
    for cert in certs:
        want = names.normalize_name(cert)
        if not want:
            continue
        words = want.split()
        found = sum(1 for w in words if w in got.split())
        if want in got or got in want or found >= least * len(words):
            return True
        if SequenceMatcher(None, got, want).ratio() >= 0.8:
            return True
    return False


@check("SIG-SIGNER-MATCH")
def sig_signer_match(ctx: Ctx) -> None:
    if not _common(ctx):
        return
    officials = [s for s in _signatures(ctx) if s.role == "official"]
    if not officials:
        ctx.not_applicable(key="no-personal-signature")
        return
    signer = ctx.doc.facts.signer
    if not signer:
        ctx.not_evaluated(key="no-signer-name")
        return
    if any(names.person_matches(s.subject.get("CN"), signer) for s in officials):
        return
    s = officials[0]
    if _read_from_image(ctx):
        if _ocr_close(signer, [o.subject.get("CN") for o in officials], 0.5):
            ctx.note(key="ocr_reading", signature=s, page=s.page, expected=signer, actual=_who(s))
            return
        ctx.fail(signature=s, page=s.page, expected=signer, actual=_who(s), confidence=_ocr_confidence(ctx))
        return
    ctx.fail(signature=s, page=s.page, expected=signer, actual=_who(s))


@check("SIG-AGENCY-MATCH")
def sig_agency_match(ctx: Ctx) -> None:
    if not _common(ctx):
        return
    agencies = [s for s in _signatures(ctx) if s.role == "agency"]
    if not agencies:
        ctx.not_applicable(key="no-agency-signature")
        return
    facts = ctx.doc.facts
    agency, parent = facts.agency, facts.parent_agency
    if not agency and facts.is_appendix:
        main = _main_facts(ctx)
        agency, parent = main.get("agency"), main.get("parent_agency")
    if not agency:
        ctx.not_evaluated(key="no-agency-name")
        return
    for s in agencies:
        if names.agency_matches(s.subject.get("CN"), agency, parent) or names.agency_matches(s.subject.get("O"), agency, parent):
            return
    s = agencies[0]
    if _read_from_image(ctx):
        certs = [a.subject.get(k) for a in agencies for k in ("CN", "O")]
        if _ocr_close(agency, certs, 0.5) or (parent and _ocr_close(parent, certs, 0.5)):
            ctx.note(key="ocr_reading", signature=s, page=s.page, expected=" ".join(agency.split()), actual=_who(s))
            return
        ctx.fail(signature=s, page=s.page, expected=" ".join(agency.split()), actual=_who(s),
                 confidence=_ocr_confidence(ctx))
        return
    if names.is_partial_agency(agency) and any(names.ends_with_agency(a.subject.get("CN"), agency) for a in agencies):
        ctx.note(key="partial_agency", signature=s, page=s.page, expected=" ".join(agency.split()), actual=_who(s))
        return
    if parent and any(names.agency_matches(a.subject.get("CN"), parent) for a in agencies):
        ctx.fail(key="parent_agency", severity="warning", signature=s, page=s.page, expected=" ".join(agency.split()),
                 actual=_who(s), parent=" ".join(parent.split()))
        return
    ctx.fail(signature=s, page=s.page, expected=" ".join(agency.split()), actual=_who(s))


@check("SIG-TIME")
def sig_time(ctx: Ctx) -> None:
    if not _common(ctx):
        return
    tol = timedelta(minutes=ctx.param("tolerance_minutes"))
    future_tol = timedelta(minutes=ctx.param("future_tolerance_minutes"))
    now = _now(ctx)
    doc_date: date | None = None
    if ctx.doc.facts.date:
        try:
            doc_date = date.fromisoformat(ctx.doc.facts.date[:10])
        except ValueError:
            doc_date = None
    checked = False
    for sig in _signatures(ctx):
        who = _who(sig)
        when, _basis = _signed_time(sig)
        if when is None:
            continue
        checked = True
        if when > now + future_tol:
            ctx.fail(key="future", signature=sig, page=sig.page, signer=who, actual=_fmt_vn(when))
        if doc_date is not None and when.astimezone(VN).date() < doc_date:
            ctx.fail(key="before_date", signature=sig, page=sig.page, signer=who, actual=_fmt_vn(when),
                     expected=doc_date.strftime("%d/%m/%Y"))
        shown = parse_visible_time(sig.visible_text)
        if shown is None:
            continue
        shown_dt, shown_text = shown
        diff = abs(shown_dt - when)
        if diff <= tol:
            continue
        # Claimed times written as Vietnam time but labelled UTC (seen on real e-office PDFs)
        if _basis == "claimed" and abs(diff - timedelta(hours=7)) <= tol and shown_dt < when:
            ctx.note(key="local_as_utc", signature=sig, page=sig.page, signer=who, actual=shown_text)
            continue
        ctx.fail(key="visible_mismatch", signature=sig, page=sig.page, signer=who, actual=shown_text, expected=_fmt_vn(when))
    if not checked:
        ctx.not_evaluated(key="no-time-recorded")


_NUMBER = re.compile(r"\d+\s*/\s*[\wĐđ]+(?:-[\wĐđ]+)*", re.UNICODE)


@check("SIG-APPENDIX-INFO")
def sig_appendix_info(ctx: Ctx) -> None:
    if not ctx.doc.facts.is_appendix:
        ctx.not_applicable(key="not-appendix")
        return
    if not _common(ctx):
        return
    agencies = [s for s in _signatures(ctx) if s.role == "agency"]
    if not agencies:
        ctx.fail(key="no_agency")
        return
    sig = agencies[0]
    text = sig.visible_text or ""
    if sig.rect is None and not text:
        if sig.kind != "pdf-cms":  # OOXML signatures carry no stamp this tool can see
            ctx.not_evaluated(key="office-no-stamp")
            return
        ctx.fail(key="invisible", signature=sig)
        return
    if sig.has_image:
        ctx.fail(key="image", signature=sig, page=sig.page, actual=Term("sig-image"), expected=Term("sig-no-image"))
    _appendix_position(ctx, sig)
    _appendix_number_and_time(ctx, sig, text)
    _appendix_font(ctx, sig)


def _appendix_position(ctx: Ctx, sig: SignatureInfo) -> None:
    """Page 1, right half, top third."""
    if sig.page is None or sig.rect is None:
        return
    page = ctx.doc.pages[0] if ctx.doc.pages else None
    width = page.width if page else 595.28
    height = page.height if page else 841.89
    x0, top, x1, _bottom = sig.rect
    if not (sig.page == 1 and (x0 + x1) / 2 >= width / 2 and top <= height / 3):
        ctx.fail(key="position", signature=sig, page=sig.page, expected=Term("sig-top-right"),
                 actual=Term("sig-position", page=sig.page, x=f"{x0:.0f}", top=f"{top:.0f}"))


def _appendix_number_and_time(ctx: Ctx, sig: SignatureInfo, text: str) -> None:
    """The main document's number/symbol and the signing time are shown."""
    main = _main_facts(ctx)
    expected_no = main.get("number_symbol") or main.get("number") or (ctx.doc.facts.appendix_ref or {}).get("number_symbol")
    flat = " ".join(text.split())
    if expected_no:
        if names.fold(expected_no).replace(" ", "") not in names.fold(flat).replace(" ", ""):
            ctx.fail(key="number", signature=sig, page=sig.page, expected=expected_no, actual=flat or "—")
    elif not _NUMBER.search(flat):
        ctx.fail(key="number", signature=sig, page=sig.page, expected=Term("sig-number-symbol"), actual=flat or "—")
    if parse_visible_time(flat) is None:
        ctx.fail(key="time", signature=sig, page=sig.page, actual=flat or "—")


def _appendix_font(ctx: Ctx, sig: SignatureInfo) -> None:
    """Times New Roman, upright, the pack's size (when the reader could measure them)."""
    if sig.visible_font:
        fonts = [names.fold(f).replace(" ", "") for f in ctx.param("fonts")]
        got = names.fold(sig.visible_font).replace(" ", "")
        upright = not any(w in got for w in ("italic", "oblique"))
        if not any(got.startswith(f) or f in got for f in fonts) or not upright:
            ctx.fail(key="font", signature=sig, page=sig.page, expected=Term("sig-upright-tnr"), actual=sig.visible_font)
    if sig.visible_size is not None:
        want = ctx.param("size_pt")
        if abs(sig.visible_size - want) > ctx.param("tolerance_pt"):
            ctx.fail(key="size", signature=sig, page=sig.page, expected=f"{want:g}", actual=f"{sig.visible_size:g}")
