"""The room is not trusted: what every request passes before a route sees it.

:class:`Guard` is one plain ASGI middleware, outermost, so that even its own refusals carry the
headers:

- **headers** on every response: a strict Content-Security-Policy (only this server's own
  files; no inline script or style; no frames; forms post only here), ``nosniff``,
  ``Referrer-Policy: no-referrer`` (the meeting code in ``/?c=`` never leaks), no caching;
- **the Host header** must name this server (a page elsewhere that rebinds its DNS name to the
  laptop reaches nothing);
- **sizes**: a long query string or path is refused (414), a body whose length is over
  :data:`MAX_BODY` (413; a body sent without a length is counted as it arrives, in the
  route's :func:`baz_tui.room.app.read_form`);
- **rate limits** per client address (:class:`RateLimiter`, token buckets): posts, joins and
  plain page loads each have their own bucket (429).

CSRF (:func:`csrf_token`, :func:`csrf_valid`): a form's token is an HMAC of the phone's cookie
under a key that lives only in this process, compared in constant time. The cookie itself is
``HttpOnly`` and ``SameSite=Strict``, so another site can neither read it nor send it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Every form of the room is a few fields: a card's text is at most a few hundred characters.
MAX_BODY = 4096
MAX_QUERY = 512
MAX_PATH = 256

PHONE_COOKIE = "baz_phone"
LANG_COOKIE = "baz_lang"
#: Before a phone has joined, the join form is protected by a double-submit token.
JOIN_COOKIE = "baz_join"
#: The code of the voting card whose QR code this phone scanned (``/?k=``): a session cookie,
#: gone when the browser closes, that fills in the card's field at a vote.
CARD_COOKIE = "baz_kaart"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),
)


# ----------------------------------------------------------------------------- CSRF


def new_secret() -> bytes:
    """The key of this server process: a restarted server makes old forms stale, not valid."""
    return secrets.token_bytes(32)


def csrf_token(secret: bytes, cookie: str) -> str:
    """The form token for the holder of ``cookie`` (a phone's, or the join cookie)."""
    return hmac.new(secret, b"csrf:" + cookie.encode(), hashlib.sha256).hexdigest()


def csrf_valid(secret: bytes, cookie: str | None, token: str | None) -> bool:
    """Whether ``token`` is the form token of ``cookie``; constant time, never on an empty one."""
    if not cookie or not token:
        return False
    return hmac.compare_digest(
        csrf_token(secret, cookie).encode(), token.encode("utf-8", "replace")
    )


def new_join_cookie() -> str:
    return secrets.token_urlsafe(24)


# ----------------------------------------------------------------------------- rate limits


@dataclass(frozen=True, slots=True)
class Bucket:
    """A token bucket's shape: ``capacity`` at once, then ``per_second`` more."""

    capacity: float
    per_second: float


#: Ten posts in ten seconds from one phone is more than a resident taps; a burst of joins
#: from one address is a script, not a room (a phone joins once, and again after a reset).
POSTS = Bucket(capacity=10, per_second=1.0)
JOINS = Bucket(capacity=5, per_second=1 / 30)
PAGES = Bucket(capacity=60, per_second=3.0)


class RateLimiter:
    """Token buckets per (kind, client address); the oldest addresses are forgotten first."""

    def __init__(
        self,
        buckets: dict[str, Bucket],
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 4096,
    ) -> None:
        self._buckets = buckets
        self._clock = clock
        self._max_clients = max_clients
        self._state: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()

    def allow(self, kind: str, client: str) -> bool:
        """Take one token of ``kind`` for ``client``; False when its bucket is empty."""
        shape = self._buckets[kind]
        now = self._clock()
        key = (kind, client)
        tokens, since = self._state.pop(key, (shape.capacity, now))
        tokens = min(shape.capacity, tokens + (now - since) * shape.per_second)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        self._state[key] = (tokens, now)
        while len(self._state) > self._max_clients:
            self._state.popitem(last=False)
        return allowed


# ----------------------------------------------------------------------------- the guard


def cookies_of(scope: Scope) -> dict[str, str]:
    """The request's cookies; a malformed header gives none rather than an error."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a cookie header is the client's to break; never ours to crash
                continue
            found.update({key: morsel.value for key, morsel in jar.items()})
    return found


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def query_language(scope: Scope) -> str | None:
    query = scope.get("query_string", b"").decode("latin-1")
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "lang":
            return str(value)
    return None


#: Renders a refusal page: (scope, HTTP status, the reason) → (body, status).
Refusal = Callable[[Scope, int, str], tuple[bytes, int]]


class Guard:
    """Headers, host, sizes and rate limits for every request (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        refuse: Refusal,
        allowed_hosts: frozenset[str] | None,
        limiter: RateLimiter,
    ) -> None:
        self.app = app
        self.refuse = refuse
        self.allowed_hosts = allowed_hosts
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets in the room

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k not in _OURS] + list(
                    SECURITY_HEADERS
                )
                message["headers"] = headers
            await send(message)

        problem = self._check(scope)
        if problem is not None:
            await self._send_refusal(scope, send_with_headers, *problem)
            return
        length = header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await self._send_refusal(scope, send_with_headers, 413, "body")
            await _drain(receive)
            return
        # A body sent without a length is counted as it arrives (``read_form``).
        await self.app(scope, receive, send_with_headers)

    def _check(self, scope: Scope) -> tuple[int, str] | None:
        if self.allowed_hosts is not None:
            host = (header(scope, b"host") or "").rsplit(":", 1)[0].strip("[]").lower()
            if host not in self.allowed_hosts:
                return 400, "host"
        if len(scope.get("query_string", b"")) > MAX_QUERY or len(scope["path"]) > MAX_PATH:
            return 414, "uri"
        client = (scope.get("client") or ("unknown", 0))[0]
        method = scope["method"]
        path = scope["path"]
        query = scope.get("query_string", b"")
        # Typing or scanning a code (a meeting's, a voting card's) is a guess to be limited.
        joining = path == "/" and (method == "POST" or b"c=" in query or b"k=" in query)
        kind = "join" if joining else "post" if method not in ("GET", "HEAD") else "page"
        if not self.limiter.allow(kind, client):
            return 429, kind
        return None

    async def _send_refusal(self, scope: Scope, send: Send, status: int, reason: str) -> None:
        body, status = self.refuse(scope, status, reason)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    *([(b"retry-after", b"10")] if status == 429 else []),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


_OURS = {name for name, _value in SECURITY_HEADERS}


async def _drain(receive: Receive) -> None:
    """Read what the client still sends, up to a point, so the refusal is not a reset."""
    read = 0
    while read < 64 * MAX_BODY:
        message = await receive()
        if message["type"] != "http.request":
            return
        read += len(message.get("body", b""))
        if not message.get("more_body", False):
            return
