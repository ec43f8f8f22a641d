"""Digital signatures inside a legacy file: found and said, never verified.

A conversion to .docx drops them, and nd30check verifies PDF (PAdES/CMS) and OOXML package
signatures only. A Word 97–2003 signature (the ``_xmlsignatures``/``_signatures`` storages or
the ``\\x05DigitalSignature`` stream of the compound file) or an ODF one
(``META-INF/documentsignatures.xml``) makes the signature rules not-evaluated, with the
reason, instead of "not signed".
"""

from __future__ import annotations

from ...model import SignatureReport

_CFB_SIGNATURE_NAMES = ("_xmlsignatures", "_signatures", "\x05DigitalSignature", "MsoDigitalSig")


def legacy_signature_report(path: str, kind: str, data: bytes | None = None) -> SignatureReport:
    """``data``: the file's bytes when already read (then ``path`` is not opened)."""
    found = _count(path, kind, data)
    if not found:
        return SignatureReport()
    what = {"doc": ".doc (Word 97–2003)", "odt": ".odt (OpenDocument)"}.get(kind, kind)
    return SignatureReport(
        evaluated=False, filled_fields=found,
        error=f"chữ ký số trong tệp {what} (định dạng cũ) không kiểm tra được / "
              f"a signature in a {what} file cannot be verified",
    )


def _count(path: str, kind: str, data: bytes | None = None) -> int:
    try:
        if kind == "doc":
            from ..detect import _cfb_entries

            if data is None:
                with open(path, "rb") as fh:
                    data = fh.read(64 * 1024 * 1024)
            entries, _ = _cfb_entries(data[: 64 * 1024 * 1024])
            return sum(1 for n in entries if n in _CFB_SIGNATURE_NAMES)
        if kind == "odt":
            from ...safety import SafeZip

            if data is None:
                with open(path, "rb") as fh:
                    data = fh.read()
            if data[:2] != b"PK":
                return 0
            with SafeZip(data) as zf:
                return sum(1 for n in zf.names() if n.lower().startswith("meta-inf/") and "signatures" in n.lower())
    except Exception:
        return 0
    return 0
