"""What every request goes through: the Host check, the access token, CSRF on writes, safe headers.

- On loopback the app answers only requests addressed to ``127.0.0.1``, ``localhost`` or ``::1`` (a web
  page cannot reach it through a rebound DNS name).
- With a token (required off loopback), a request needs the token: ``?token=...`` once (the app then
  sets a cookie and redirects to the URL without it), the cookie, or ``Authorization: Bearer ...``.
- Any request that is not GET/HEAD needs the ``X-CSRF-Token`` header of the page, and, when the browser
  sends an ``Origin``, one equal to the app's own.
- Every response says: no framing, no sniffing, no referrer, and a Content-Security-Policy that allows
  only the app's own scripts and styles (so even markup slipped into a page could not run).
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "factex_review_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_SAFE_METHODS = frozenset({"GET", "HEAD"})
_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    """Say whether ``host`` (a name or an address) only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """Return the host of a ``Host`` header without its port (``[::1]:8080`` is ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def same(a: str | None, b: str | None) -> bool:
    """Compare two secrets in constant time (None never matches)."""
    return a is not None and b is not None and hmac.compare_digest(a.encode(), b.encode())


class Guard:
    """ASGI middleware: Host check, token, CSRF and safe headers around the review app.

    Args:
        app: The app to guard.
        token: The access token, or None (loopback only).
        csrf: The CSRF token pages carry.
        loopback_only: Refuse requests whose Host is not a loopback name.
    """

    def __init__(self, app: ASGIApp, *, token: str | None, csrf: str, loopback_only: bool) -> None:
        self.app = app
        self.token = token
        self.csrf = csrf
        self.loopback_only = loopback_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on with the safe headers added to the response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.loopback_only and host_name(host) not in LOOPBACK_NAMES:
            await _plain(send, 421, "This app only answers on 127.0.0.1 / localhost.")
            return
        if self.token is not None:
            refused = await self._check_token(scope, headers, send)
            if refused:
                return
        if scope["method"] not in _SAFE_METHODS:
            origin = headers.get("origin")
            scheme = scope.get("scheme", "http")
            if origin is not None and origin != f"{scheme}://{host}":
                await _plain(send, 403, "Cross-origin request refused.")
                return
            if not same(headers.get(CSRF_HEADER), self.csrf):
                await _plain(send, 403, "Missing or wrong CSRF token: reload the page.")
                return

        async def send_safe(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        await self.app(scope, receive, send_safe)

    async def _check_token(self, scope: Scope, headers: dict[str, str], send: Send) -> bool:
        """Return True when the request was answered here (refused, or redirected after ``?token=``)."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = dict(query).get("token")
        if given is not None and scope["method"] in _SAFE_METHODS:
            if not same(given, self.token):
                await _plain(send, 401, "Wrong token.")
                return True
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            path = "/" + quote(str(scope.get("path", "/")), safe="/:@!$&'()*+,;=-._~").lstrip("/")
            location = path + (f"?{rest}" if rest else "")
            cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode()), *_HEADERS],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return True
        bearer = headers.get("authorization", "")
        if bearer.lower().startswith("bearer ") and same(bearer[7:].strip(), self.token):
            return False
        if same(_cookie(headers.get("cookie", ""), TOKEN_COOKIE), self.token):
            return False
        await _plain(send, 401, "This review app needs its token: open the URL printed when it started.")
        return True


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
