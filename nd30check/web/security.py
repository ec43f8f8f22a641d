"""Who may talk to the server: Host check, access token, response headers.

* **Host header (DNS rebinding).** A page on another site can make its own host name resolve
  to 127.0.0.1 and then talk to us as "same origin". The browser still sends that name in
  ``Host``, so we answer only to names we know: on loopback ``127.0.0.1``, ``localhost`` and
  ``::1``; on a LAN address also any IP literal (an IP address cannot be rebound) and the
  names given with ``--allow-host``. Anything else is refused (400).
* **Token.** Every state-changing request (POST…) carries the server's token in the
  ``X-ND30-Token`` header. Another site cannot read our page to learn it, nor send a custom
  header without a CORS preflight we never grant; an ``Origin`` that is not ours is refused
  too. On loopback the page itself hands the token to its script; on a LAN the page is given
  only to who opens the URL with ``?token=…`` (a cookie then keeps it), so the token is the
  office's key.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

TOKEN_HEADER = "x-nd30-token"
TOKEN_COOKIE = "nd30_token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MIN_TOKEN_LENGTH = 12

#: Response headers on every answer: no framing, no sniffing, no referrer, scripts and styles
#: from this server only, pictures inline (rendered pages are data: URIs), no network beyond.
SECURITY_HEADERS = {
    "content-security-policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                                "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
                                "frame-ancestors 'none'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def new_token() -> str:
    return secrets.token_urlsafe(18)


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
        return True
    except ValueError:
        return False


def split_host(value: str) -> str:
    """The name part of a Host header value ("[::1]:8030" → "::1", "localhost:8030" → "localhost")."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


class HostPolicy:
    """Which Host names the server answers to (see the module docstring)."""

    def __init__(self, bind_host: str, allowed: list[str] | tuple[str, ...] = ()):
        self.loopback_only = is_loopback(bind_host)
        self.names = set(LOOPBACK_NAMES) | {a.strip().lower().strip("[]") for a in allowed if a.strip()}
        if not self.loopback_only and not _ip_literal(bind_host) and bind_host:
            self.names.add(bind_host.lower())

    def allows(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        name = split_host(host_header)
        if name in self.names:
            return True
        if self.loopback_only:
            return False
        return _ip_literal(name)

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        """An ``Origin`` header, when sent, must name this very server (scheme http, same host)."""
        if origin is None:
            return True
        if origin == "null":
            return False
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and bool(host_header) and \
            parts.netloc.lower() == (host_header or "").strip().lower()


def token_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
