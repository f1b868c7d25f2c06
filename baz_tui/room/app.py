"""The room's web app: a phone joins with the meeting code, then votes, places dots and hands
in cards — each one Store method, nothing else (no route does anything the chair does).

Routes (every other path is a 404 page, every other method a 405 page)::

    GET  /            the meeting code to type; /?c=CODE (the QR code) joins at once;
                      /?k=CARD (a voting card's QR code, with or without c=) keeps the
                      card's code in a session cookie, to fill in at a vote
    POST /            join with a typed code
    GET  /nu          what the room does now (the page a phone stays on)
    GET  /nu/versie   a short fingerprint of /nu, for room.js to reload only on a change
    POST /stem        vote: poll_id, option_id (and kaart, the voting card's code)
    POST /stip        a dot on an idea, or one back: card_id, delta (1 or -1)
    POST /kaart       hand in a card: item_id, kind, text
    GET  /static/…    room.css and room.js, nothing else

Every POST carries the form token of the phone's cookie and ends in a redirect to ``/nu``
(Post/Redirect/Get), which shows once what the tap did or the Store's sentence why it did
nothing. A request that is broken or forged (no cookie, a wrong token, an id that is no number)
gets a page that says so, and reaches no Store method.

**One language per request.** Texts (ours and the Store's refusals) are translated by the one
catalogue of the process, so a request installs its phone's language and then reads, writes
and renders without an ``await`` in between: the handlers are coroutines that do their Store
call synchronously, so two phones in two languages never interleave. A Store call takes about
a millisecond on SQLite; the server is its own process, so this waits for no key of the chair.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from importlib.resources import files
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import Scope

from baz_tui.i18n import SUPPORTED, install_language
from baz_tui.room import security
from baz_tui.room.markup import Html
from baz_tui.room.pages import PHONE_CARD_KINDS, Notice, error_page, join_page, now_page
from baz_tui.room.security import (
    CARD_COOKIE,
    JOIN_COOKIE,
    LANG_COOKIE,
    MAX_BODY,
    PHONE_COOKIE,
    Guard,
    RateLimiter,
    cookies_of,
    csrf_token,
    csrf_valid,
    new_join_cookie,
    new_secret,
    query_language,
)
from models.errors import BazError
from models.i18n import _
from models.records.room import RoomNow
from models.rules.room import CARD_CODE_LENGTH, normalise_code

if TYPE_CHECKING:
    from models.store import Store

DEFAULT_LANGUAGE = "nl"
#: How long a phone stays joined: an evening, with room to spare.
PHONE_COOKIE_AGE = 12 * 3600
#: An id in a form: a positive whole number of at most nine digits (no sign, no spaces).
ID = re.compile(r"[0-9]{1,9}")
MAX_CODE = 32
MAX_CARD_CODE = 64
MAX_FIELDS = 8
#: How many phones' notices wait at most for their next page.
MAX_NOTICES = 4096

STATIC_TYPES = {"room.css": "text/css; charset=utf-8", "room.js": "text/javascript; charset=utf-8"}


class Refused(Exception):
    """A request that is broken or forged: answered with a page, it reaches no Store method."""

    def __init__(self, status: int, message: str, back: str = "/nu") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.back = back


class RoomApp:
    """The routes of one meeting's room, on the Store of the chair's database.

    Only the Store's phone methods are called (``models/store/room.py``: joining, reading
    what the room does now, a vote, a dot, a card); no route calls anything the chair does.
    """

    def __init__(self, store: Store, meeting_id: int, secret: bytes) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.secret = secret
        self.notices: OrderedDict[int, Notice] = OrderedDict()
        package = files("baz_tui.room") / "static"
        self.static = {name: (package / name).read_bytes() for name in STATIC_TYPES}

    # ------------------------------------------------------------------------- routes

    async def home(self, request: Request) -> Response:
        language = language_of(request)
        install_language(language)
        code = request.query_params.get("c")
        card = None
        if "k" in request.query_params:
            try:
                card = self._scanned_card(request)
            except Refused as refused:
                return with_language(request, self._refusal(request, refused))
        phone = self._phone_or_none(request)
        response: Response
        if phone is not None:
            if card is not None:
                self._remember(phone, Notice(card_kept()))
            response = see_other("/nu")
        elif code is not None:
            if len(request.query_params.getlist("c")) != 1:
                return self._refusal(request, Refused(400, broken(), back="/"))
            response = self._join(request, code)
        elif card is not None:
            response = see_other("/")  # the join form, without the card's code in the address
        else:
            response = self._join_form(request)
        if card is not None:
            # No max_age: a session cookie, gone when the browser closes. Never logged
            # (the server keeps no access log) and never shown back but in the card's field.
            response.set_cookie(CARD_COOKIE, card, path="/", httponly=True, samesite="strict")
        return with_language(request, response)

    async def join(self, request: Request) -> Response:
        try:
            form = await read_form(request)
        except Refused as refused:
            refused.back = "/"
            return self._refusal(request, refused)
        install_language(language_of(request))
        cookie = request.cookies.get(JOIN_COOKIE)
        if not csrf_valid(self.secret, cookie, form.get("csrf")):
            return self._join_form(request, Notice(stale_form(), refused=True), status=403)
        return self._join(request, form.get("code", ""))

    async def now(self, request: Request) -> Response:
        install_language(language_of(request))
        try:
            token, phone = self._phone(request)
            now = self.store.room_now(self.meeting_id, phone)
        except Refused as refused:
            if refused.status == 401:
                return with_language(request, see_other("/"))
            return with_language(request, self._refusal(request, refused))
        except BazError as error:
            return with_language(request, self._refusal(request, self._closed_or(error)))
        if not now.is_open:
            closed = Refused(
                410, _("The chair has closed the room: there is nothing to do here now."), back="/"
            )
            return with_language(request, self._refusal(request, closed))
        html = now_page(
            language_of(request),
            now,
            csrf_token(self.secret, token),
            fingerprint(now),
            self.notices.pop(phone, None),
            card_code=kept_card(request),
        )
        return with_language(request, page(html))

    async def now_version(self, request: Request) -> Response:
        install_language(language_of(request))
        try:
            _token, phone = self._phone(request)
            now = self.store.room_now(self.meeting_id, phone)
        except (Refused, BazError):
            return PlainTextResponse("-", status_code=403)
        pending = "!" if phone in self.notices else ""
        return PlainTextResponse(fingerprint(now) + pending)

    async def vote(self, request: Request) -> Response:
        def act(phone: int, form: dict[str, str]) -> Notice | None:
            poll_id = form_id(form, "poll_id")
            option_id = form_id(form, "option_id")
            card_code = form.get("kaart")
            if card_code is not None:
                card_code = card_code.strip()
                if len(card_code) > MAX_CARD_CODE:
                    raise Refused(400, broken())
            self.store.cast_phone_vote(
                self.meeting_id, phone, poll_id, option_id, card_code or None
            )
            return None  # /nu says "Your vote has been counted" under the question itself

        return await self._post(request, act)

    async def dot(self, request: Request) -> Response:
        def act(phone: int, form: dict[str, str]) -> Notice:
            card_id = form_id(form, "card_id")
            delta = {"1": 1, "-1": -1}.get(form.get("delta", ""))
            if delta is None:
                raise Refused(400, broken())
            self.store.place_phone_dot(self.meeting_id, phone, card_id, delta)
            return Notice(_("Your dot is placed.") if delta > 0 else _("Your dot is taken back."))

        return await self._post(request, act)

    async def card(self, request: Request) -> Response:
        def act(phone: int, form: dict[str, str]) -> Notice:
            item_id = form_id(form, "item_id")
            kind = form.get("kind", "")
            if kind not in PHONE_CARD_KINDS:
                raise Refused(
                    400, _("Choose what kind of card it is: a cause, an effect or an idea.")
                )
            self.store.submit_phone_card(
                self.meeting_id, phone, item_id, kind, form.get("text", "")
            )
            return Notice(_("Your card has been handed in; the note-taker will look at it."))

        return await self._post(request, act)

    async def static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self.static:
            raise HTTPException(404)
        return Response(self.static[name], media_type=STATIC_TYPES[name])

    # ------------------------------------------------------------------------- the parts

    async def _post(
        self, request: Request, act: Callable[[int, dict[str, str]], Notice | None]
    ) -> Response:
        """A phone's POST: form, token, phone, then one Store call; redirect to /nu.

        Broken or forged requests get their page at once; a refusal of the Store is the notice
        on /nu (Post/Redirect/Get: reloading that page repeats nothing)."""
        try:
            form = await read_form(request)
        except Refused as refused:
            install_language(language_of(request))
            return self._refusal(request, refused)
        install_language(language_of(request))
        try:
            token, phone = self._phone(request)
            if not csrf_valid(self.secret, token, form.get("csrf")):
                raise Refused(403, stale_form())
            notice = act(phone, form)
        except Refused as refused:
            if refused.status == 401:
                refused = Refused(403, not_joined(), back="/")
            return self._refusal(request, refused)
        except BazError as error:
            notice = Notice(error.message, refused=True)
        if notice is not None:
            self._remember(phone, notice)
        return see_other("/nu")

    def _join(self, request: Request, code: str) -> Response:
        code = code.strip()
        if not code or len(code) > MAX_CODE:
            return self._join_form(request, Notice(unknown_code(), refused=True), status=400)
        try:
            room = self.store.room_by_code(code)
            if room.meeting_id != self.meeting_id:
                raise BazError(unknown_code())
            token = self.store.join_room(self.meeting_id)
        except BazError as error:
            return self._join_form(request, Notice(error.message, refused=True), status=409)
        response = see_other("/nu")
        response.set_cookie(
            PHONE_COOKIE,
            token,
            max_age=PHONE_COOKIE_AGE,
            path="/",
            httponly=True,
            samesite="strict",
        )
        response.delete_cookie(JOIN_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    def _scanned_card(self, request: Request) -> str:
        """The voting card's code in ``?k=``, in its one written form; refused (and kept
        nowhere) when it is no card of this meeting — checked as a typed code is."""
        typed = request.query_params.getlist("k")
        if len(typed) != 1 or len(typed[0]) > MAX_CARD_CODE:
            raise Refused(400, broken(), back="/")
        try:
            return self.store.check_voting_card(self.meeting_id, typed[0])
        except BazError as error:
            raise self._closed_or(error) from error

    def _join_form(
        self, request: Request, notice: Notice | None = None, status: int = 200
    ) -> Response:
        if notice is None and kept_card(request):
            notice = Notice(card_kept_join())
        cookie = request.cookies.get(JOIN_COOKIE) or ""
        if not re.fullmatch(r"[A-Za-z0-9_-]{32}", cookie):
            cookie = new_join_cookie()
        html = join_page(language_of(request), csrf_token(self.secret, cookie), notice)
        response = page(html, status)
        response.set_cookie(JOIN_COOKIE, cookie, path="/", httponly=True, samesite="strict")
        return response

    def _phone_or_none(self, request: Request) -> int | None:
        try:
            return self._phone(request)[1]
        except Refused:
            return None

    def _phone(self, request: Request) -> tuple[str, int]:
        """The phone's cookie and its number; 401 without a cookie, 403 for one not known."""
        token = request.cookies.get(PHONE_COOKIE)
        if not token:
            raise Refused(401, not_joined(), back="/")
        if len(token) > 128:
            raise Refused(403, unknown_phone(), back="/")
        try:
            return token, self.store.phone_of(self.meeting_id, token)
        except BazError as error:
            raise Refused(403, error.message, back="/") from error

    def _closed_or(self, error: BazError) -> Refused:
        info = self.store.room_info(self.meeting_id)
        status = 410 if info is None or not info.is_open else 409
        return Refused(status, error.message, back="/")

    def _remember(self, phone: int, notice: Notice) -> None:
        self.notices.pop(phone, None)
        self.notices[phone] = notice
        while len(self.notices) > MAX_NOTICES:
            self.notices.popitem(last=False)

    def _refusal(self, request: Request, refused: Refused) -> Response:
        html = error_page(language_of(request), refused.status, refused.message, back=refused.back)
        return page(html, refused.status)


# ----------------------------------------------------------------------------- helpers


def card_kept() -> str:
    return _("Your voting card has been read: its code is filled in when a vote asks for it.")


def card_kept_join() -> str:
    return _(
        "Your voting card has been read: its code is filled in when a vote asks for it. Now "
        "type the meeting code that is on the beamer."
    )


def kept_card(request: Request) -> str | None:
    """The voting card's code this phone scanned (its session cookie), if it can be one; the
    Store checks it again at the vote."""
    return normalise_code(request.cookies.get(CARD_COOKIE), CARD_CODE_LENGTH)


def not_joined() -> str:
    return _("This phone has not joined the meeting yet: type the meeting code first.")


def unknown_phone() -> str:
    return _("This phone is not known in this meeting (any more): type the meeting code again.")


def unknown_code() -> str:
    return _("This meeting code is not known here. Check the code on the beamer.")


def stale_form() -> str:
    return _(
        "This form is out of date, so nothing was changed. Open the page again and tap once more."
    )


def broken() -> str:
    return _("This request is not right, so nothing was changed.")


def language_of(request: Request) -> str:
    """?lang=, else the language cookie, else Dutch."""
    asked = request.query_params.get("lang")
    if asked in SUPPORTED:
        return asked
    saved = request.cookies.get(LANG_COOKIE)
    return saved if saved in SUPPORTED else DEFAULT_LANGUAGE


def scope_language(scope: Scope) -> str:
    """:func:`language_of` for the guard, before there is a request."""
    asked = query_language(scope)
    if asked in SUPPORTED:
        return str(asked)
    saved = cookies_of(scope).get(LANG_COOKIE)
    return saved if saved in SUPPORTED else DEFAULT_LANGUAGE


def with_language(request: Request, response: Response) -> Response:
    """Remember ``?lang=`` in a cookie, so the next page speaks it too."""
    asked = request.query_params.get("lang")
    if asked in SUPPORTED:
        response.set_cookie(
            LANG_COOKIE, asked, max_age=365 * 24 * 3600, path="/", httponly=True, samesite="strict"
        )
    return response


def page(html: Html, status: int = 200) -> Response:
    return Response(html.encode("utf-8"), status_code=status, media_type="text/html; charset=utf-8")


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def fingerprint(now: RoomNow) -> str:
    """A short digest of what /nu shows: it changes when the page would."""
    return hashlib.sha256(repr(now).encode("utf-8", "replace")).hexdigest()[:16]


async def read_form(request: Request) -> dict[str, str]:
    """The url-encoded form of a POST: at most :data:`MAX_BODY` bytes of UTF-8, each field once.

    Anything else — another content type, a longer body (also one sent without a length),
    bytes that are not UTF-8, a field given twice — is refused before any Store call.
    """
    kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise Refused(415, broken())
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, _("That is more than this page takes, so nothing was changed."))
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise Refused(400, broken()) from error
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise Refused(400, broken())
        form[key] = value
    return form


def form_id(form: dict[str, str], name: str) -> int:
    value = form.get(name, "")
    if not ID.fullmatch(value):
        raise Refused(400, broken())
    return int(value)


# ----------------------------------------------------------------------------- the app


def create_app(
    store: Store,
    meeting_id: int,
    *,
    allowed_hosts: Iterable[str] | None = None,
    secret: bytes | None = None,
    limiter: RateLimiter | None = None,
) -> Guard:
    """The room's ASGI app for one meeting, behind its :class:`~baz_tui.room.security.Guard`.

    ``allowed_hosts``: the names and addresses a phone reaches this server by (the Host
    header); ``None`` accepts any (a server bound to every network, by the chair's choice).
    """
    room = RoomApp(store, meeting_id, secret or new_secret())

    def refuse_page(request: Request, status: int) -> Response:
        install_language(language_of(request))
        messages = {
            404: _("There is no page at this address."),
            405: _("This page cannot be used that way, so nothing was changed."),
        }
        back = "/nu" if request.cookies.get(PHONE_COOKIE) else "/"
        html = error_page(language_of(request), status, messages.get(status, broken()), back=back)
        return page(html, status)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return refuse_page(request, status)

    async def server_error(request: Request, exc: Exception) -> Response:
        install_language(language_of(request))
        html = error_page(
            language_of(request),
            500,
            _("Something went wrong on the laptop; nothing was changed. Try again."),
        )
        return page(html, 500)

    app = Starlette(
        routes=[
            Route("/", room.home, methods=["GET"]),
            Route("/", room.join, methods=["POST"]),
            Route("/nu", room.now, methods=["GET"]),
            Route("/nu/versie", room.now_version, methods=["GET"]),
            Route("/stem", room.vote, methods=["POST"]),
            Route("/stip", room.dot, methods=["POST"]),
            Route("/kaart", room.card, methods=["POST"]),
            Route("/static/{name}", room.static_file, methods=["GET"]),
        ],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )

    def guard_refusal(scope: Scope, status: int, reason: str) -> tuple[bytes, int]:
        language = scope_language(scope)
        install_language(language)
        messages = {
            400: _("This request is not right, so nothing was changed."),
            413: _("That is more than this page takes, so nothing was changed."),
            414: _("That address is too long."),
            429: _("Too many taps at once from this phone. Wait ten seconds and try again."),
        }
        back = "/nu" if cookies_of(scope).get(PHONE_COOKIE) else "/"
        html = error_page(language, status, messages.get(status, broken()), back=back)
        return html.encode("utf-8"), status

    hosts = None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)
    return Guard(
        app,
        refuse=guard_refusal,
        allowed_hosts=hosts,
        limiter=limiter
        or RateLimiter({"post": security.POSTS, "join": security.JOINS, "page": security.PAGES}),
    )
