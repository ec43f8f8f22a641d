"""One vocabulary of signature problem codes, for the PDF and OOXML verifiers alike.

Each code belongs to one class, which decides the rule that reports it:

* ``integrity`` — the signature itself does not verify (SIG-INTEGRITY fails);
* ``coverage`` — the signature verifies but does not vouch for all of the file, or the file
  changed after it in a way the signature does not permit (SIG-COVERAGE fails);
* ``warning`` — reported, invalidates nothing on its own (a note under SIG-INTEGRITY);
* ``note`` — a benign change after signing, told so (a note under SIG-COVERAGE).

Codes are stable: they appear in JSON reports. Their wording lives in the rule pack
(``rules/signatures.toml``, a message per code under the rule that reports it); the
verifiers only attach codes and details (part names, revisions, what changed).
"""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    INTEGRITY = "integrity"
    COVERAGE = "coverage"
    WARNING = "warning"
    NOTE = "note"


class Problem(str, Enum):
    """A problem code and its class (``Problem.DIGEST_MISMATCH.kind is Kind.INTEGRITY``)."""

    kind: Kind

    def __new__(cls, code: str, kind: str) -> "Problem":
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.kind = Kind(kind)
        return obj

    # --- both formats
    MALFORMED_SIGNATURE = ("malformed-signature", "integrity")
    VERIFICATION_ERROR = ("verification-error", "integrity")
    TOO_LARGE = ("too-large", "integrity")
    TIMESTAMP_UNTRUSTED = ("timestamp-untrusted", "warning")
    READER_ERROR = ("reader-error", "integrity")
    TRUST_ERROR = ("trust-error", "integrity")
    # --- PDF: the signature
    VALIDATION_ERROR = ("validation-error", "integrity")
    DIGEST_MISMATCH = ("digest-mismatch", "integrity")
    SIGNATURE_INVALID = ("signature-invalid", "integrity")
    FILE_REWRITTEN = ("file-rewritten", "integrity")
    UNREADABLE_PDF = ("unreadable-pdf", "integrity")
    TOO_MANY_SIGNATURES = ("too-many-signatures", "integrity")
    DOC_TIMESTAMP_INVALID = ("doc-timestamp-invalid", "warning")
    # --- PDF: what the signatures cover and what changed after them
    UNKNOWN_SUBFILTER = ("unknown-subfilter", "coverage")
    BYTES_AFTER_EOF = ("bytes-after-eof", "coverage")
    UNVALIDATED_SIGNATURE_FIELD = ("unvalidated-signature-field", "coverage")
    COVERAGE_UNCLEAR = ("coverage-unclear", "coverage")
    UNSIGNED_CHANGES = ("unsigned-changes", "coverage")
    EMPTY_FIELD_ADDED = ("empty-field-added", "coverage")
    FORM_CHANGED = ("form-changed", "coverage")
    LAST_SIGNATURE_PARTIAL = ("last-signature-partial", "coverage")
    DOCMDP_VIOLATED = ("docmdp-violated", "coverage")
    FIELD_LOCKED = ("field-locked", "coverage")
    BENIGN_UPDATE = ("benign-update", "note")
    # --- OOXML: the signature
    XML_ENTITIES = ("xml-entities", "integrity")
    DUPLICATE_ID = ("duplicate-id", "integrity")
    UNSUPPORTED_ALGORITHM = ("unsupported-algorithm", "integrity")
    REFERENCE_UNRESOLVED = ("reference-unresolved", "integrity")
    REFERENCE_DIGEST_MISMATCH = ("reference-digest-mismatch", "integrity")
    SIGNATURE_VALUE_INVALID = ("signature-value-invalid", "integrity")
    NO_CERTIFICATE = ("no-certificate", "integrity")
    CERTIFICATE_UNREADABLE = ("certificate-unreadable", "integrity")
    SIGNING_CERTIFICATE_MISMATCH = ("signing-certificate-mismatch", "integrity")
    NO_MANIFEST = ("no-manifest", "integrity")
    MANIFEST_PART_MISSING = ("manifest-part-missing", "integrity")
    PART_DIGEST_MISMATCH = ("part-digest-mismatch", "integrity")
    TRANSFORM_NOT_ALLOWED = ("transform-not-allowed", "integrity")
    SIGNATURE_PART_MISSING = ("signature-part-missing", "integrity")
    DUPLICATE_PART = ("duplicate-part", "integrity")
    CORRUPT_PACKAGE = ("corrupt-package", "integrity")
    RELS_DIGEST_NONSTANDARD = ("rels-digest-nonstandard", "warning")
    SIGNING_TIME_MISMATCH = ("signing-time-mismatch", "warning")
    NO_SIGNING_TIME = ("no-signing-time", "warning")
    NO_XADES = ("no-xades", "warning")
    UNSIGNED_OBJECT = ("unsigned-object", "warning")
    # --- OOXML: coverage
    CONTENT_TYPE_MISMATCH = ("content-type-mismatch", "coverage")
    PART_NOT_SIGNED = ("part-not-signed", "coverage")
    RELATIONSHIP_NOT_SIGNED = ("relationship-not-signed", "coverage")
    SIGNATURE_PART_ORPHAN = ("signature-part-orphan", "coverage")
    METADATA_UNSIGNED = ("metadata-unsigned", "note")


def kind_of(code: str) -> Kind:
    """Class of a code; an unknown code is an integrity problem (never a pass)."""
    try:
        return Problem(code).kind
    except ValueError:
        return Kind.INTEGRITY


def codes(kind: Kind) -> frozenset[str]:
    return frozenset(p.value for p in Problem if p.kind is kind)


INTEGRITY_CODES = codes(Kind.INTEGRITY)
COVERAGE_CODES = codes(Kind.COVERAGE)
WARNING_CODES = codes(Kind.WARNING)
NOTE_CODES = codes(Kind.NOTE)
#: Codes that leave a signature valid (reported, but never a failure).
HARMLESS_CODES = WARNING_CODES | NOTE_CODES
