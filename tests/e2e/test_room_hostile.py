"""The room is not trusted: hostile requests to its web server change nothing and get a page.

Each case is one request (or a short replay) by a phone that joined, against the real Store on
a SQLite file (``tests/e2e/room_store.py``): a room with an open vote, ideas to dot and cards
open. The room's tables (votes, voters, phones, dots, cards, voting cards, the room, the polls)
are read with plain SQL before and after: where a request must be refused they are unchanged,
and the answer is a page (never a traceback) that says why — the Store's own sentence when the
Store refused.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from baz_tui.room.app import create_app
from baz_tui.room.security import Bucket, RateLimiter
from models.domain import Ballot, Channel
from tests.e2e.room_store import DOTS, PRESENT, Room, count_rows, dump, room, room_template

__all__ = ["room", "room_template"]  # the fixtures

HOST = "testserver"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Phone:
    room: Room
    client: TestClient
    token: str
    #: Ids a case made in its first step (a vote with voting cards), for its second.
    made: dict[str, object] = field(default_factory=dict)

    def fields(self, **values: str | None) -> dict[str, str]:
        """Form fields; ``{poll}``, ``{yes}``, ``{idea}`` … name the room's ids (Room.names)."""
        names = {**self.room.names(), **self.made}
        return {
            key: value.format(**names) if "{" in value else value
            for key, value in values.items()
            if value is not None
        }

    def post(self, path: str, **values: str | None) -> Any:
        """A form as the page sends it: the phone's token first (``csrf=None`` leaves it out)."""
        return self.client.post(path, data=self.fields(**{"csrf": self.token, **values}))

    @property
    def phone_id(self) -> int:
        return self.room.phone_id(self.client.cookies.get("baz_phone") or "")

    def page_after(self, response: Any) -> str:
        """The page a phone ends on: the redirect followed, or the refusal itself."""
        if response.status_code == 303:
            return str(self.client.get(response.headers["location"]).text)
        return str(response.text)


def phone(room: Room, limiter: RateLimiter | None = None) -> Phone:
    app = create_app(
        room.store, room.meeting, allowed_hosts={HOST}, secret=b"k" * 32, limiter=limiter
    )
    client = TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)
    assert client.get(f"/?c={room.code}").status_code == 303
    page = client.get("/nu").text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found
    return Phone(room, client, found.group(1))


def refused(p: Phone, act: Callable[[Phone], Any], *, says: str | None = None) -> str:
    """Run ``act``; the room's tables must be unchanged and the answer a page. Its text."""
    before = dump(p.room.path)
    response = act(p)
    assert dump(p.room.path) == before, "a refused request changed the room"
    assert response.status_code in (200, 303, 400, 403, 404, 405, 409, 410, 413, 414, 415, 429)
    page = p.page_after(response)
    assert dump(p.room.path) == before, "reading the page after a refusal changed the room"
    assert "<html" in page and "Traceback" not in page
    if says is not None:
        assert says in page, page
    return page


# ----------------------------------------------------------------------------- the cases

#: (id, what the phone does, a sentence the page must say or None)
Case = tuple[str, "Callable[[Phone], Any] | Replay", str | None]
BROKEN = "Dit verzoek klopt niet, dus er is niets veranderd."
STALE = "Dit formulier is verlopen"


def _vote(**fields: str | None) -> Callable[[Phone], Any]:
    return lambda p: p.post("/stem", **fields)


def _dot(**fields: str | None) -> Callable[[Phone], Any]:
    return lambda p: p.post("/stip", **fields)


def _card(**fields: str | None) -> Callable[[Phone], Any]:
    return lambda p: p.post("/kaart", **fields)


def _raw(
    path: str, body: bytes, content_type: str = FORM, **headers: str
) -> Callable[[Phone], Any]:
    return lambda p: p.client.post(
        path, content=body, headers={"content-type": content_type, **headers}
    )


def _with_token(token: str | None) -> Callable[[Phone], Any]:
    return lambda p: p.post("/stem", csrf=token, poll_id="{poll}", option_id="{yes}")


def _cookie(value: str | None) -> Callable[[Phone], Any]:
    def act(p: Phone) -> Any:
        p.client.cookies.clear()
        if value is not None:
            p.client.cookies.set("baz_phone", value)
        return p.post("/stem", poll_id="{poll}", option_id="{yes}")

    return act


@dataclass(frozen=True)
class Replay:
    """``first`` may change the room (a vote that counts); ``second``, its replay, must not."""

    first: Callable[[Phone], Any]
    second: Callable[[Phone], Any]


def _scan(code: str, *, fresh: bool = False) -> Replay:
    """A voting card's QR code, forged, while a vote with voting cards is open: the card's
    code is not kept (no cookie), and the page never shows what was sent. ``fresh``: by a
    phone that has not joined."""

    def act(p: Phone) -> Any:
        if fresh:
            p.client.cookies.clear()
        names = {**p.room.names(), **p.made, "room_code": p.room.code}
        response = p.client.get("/?k=" + code.format(**names))
        assert "baz_kaart" not in response.headers.get("set-cookie", "")
        assert "<script>" not in response.text
        return response

    return Replay(_card_vote, act)


def _card_cookie(value: str) -> Replay:
    """A card's cookie the phone made up itself: never filled in, never shown."""

    def act(p: Phone) -> Any:
        p.client.cookies.set("baz_kaart", value)
        response = p.client.get("/nu")
        assert response.status_code == 200 and "<script>alert" not in response.text
        assert (
            'name="kaart"' in response.text
            and "value=" not in response.text.split('name="kaart"')[1].split(">")[0]
        )
        return response

    return Replay(_card_vote, act)


def _card_vote(p: Phone) -> None:
    """A vote with voting cards opened on the running item (it becomes the one phones see)."""
    store = p.room.store
    poll = store.create_poll(p.room.item, "Nemen we het besluit over de bankjes?")
    store.set_poll_ballot(poll.id, Ballot.STEMKAART)
    p.made.update(card_poll=poll.id, card_yes=poll.options[0].id, card_no=poll.options[1].id)


def _all_dots_placed(p: Phone) -> None:
    for _n in range(DOTS):
        p.room.store.place_phone_dot(p.room.meeting, p.phone_id, p.room.ideas[0], 1)


def _cards_waiting(p: Phone) -> None:
    from models.store.room import MAX_WAITING_CARDS

    for n in range(MAX_WAITING_CARDS):
        p.room.store.submit_phone_card(
            p.room.meeting, p.phone_id, p.room.item, "oorzaak", f"Kaart {n}"
        )


def _phone_of_other_meeting(p: Phone) -> None:
    """A phone joins the other meeting's room (opened for it): its cookie, for the replay."""
    p.room.store.open_room(p.room.other_meeting)
    p.made["other_cookie"] = p.room.store.join_room(p.room.other_meeting)


VOTE = {"poll_id": "{poll}", "option_id": "{yes}"}
NOT_THIS_MEETING = "Deze stemming hoort niet bij deze vergadering."
NOT_THIS_VOTE = "Die keuze hoort niet bij deze stemming."
ALREADY = "U heeft in deze stemming al gestemd."
CLOSED_ROOM = "De voorzitter heeft de zaal gesloten"
ONLY_IDEAS = "Stippen kunt u alleen op ideeën zetten."
NOT_NOW_DOTS = "Stippen kunt u alleen zetten op de ideeën van het punt dat nu besproken wordt."
NOT_NOW_CARDS = "Kaarten kunt u alleen inleveren bij het punt dat nu besproken wordt."
NOT_A_CARD = "Dit is niet de code van een stemkaart van deze vergadering."
UNKNOWN_PHONE = "Deze telefoon is niet bekend in deze vergadering"

CASES: list[Case] = [
    # CSRF and cookies
    ("csrf-missing", _with_token(None), STALE),
    ("csrf-empty", _with_token(""), STALE),
    ("csrf-forged", _with_token("0" * 64), STALE),
    ("csrf-of-other-cookie", _with_token("deadbeef" * 8), STALE),
    ("csrf-truncated", lambda p: p.post("/stem", csrf=p.token[:-1], **VOTE), STALE),
    ("csrf-non-ascii", _with_token("é" * 64), STALE),
    (
        "csrf-in-query-only",
        lambda p: p.client.post(f"/stem?csrf={p.token}", data=p.fields(**VOTE)),
        STALE,
    ),
    ("no-cookie", _cookie(None), "doet nog niet mee"),
    ("forged-cookie", _cookie("x" * 32), UNKNOWN_PHONE),
    ("overlong-cookie", _cookie("x" * 500), None),
    ("cookie-with-quotes", _cookie('"abc\\"def"'), None),
    (
        "cookie-of-other-meeting",
        Replay(
            _phone_of_other_meeting,
            lambda p: _cookie(str(p.made["other_cookie"]))(p),
        ),
        UNKNOWN_PHONE,
    ),
    (
        "dot-without-cookie",
        lambda p: (p.client.cookies.clear(), p.post("/stip", card_id="{idea}", delta="1"))[1],
        None,
    ),
    (
        "card-without-cookie",
        lambda p: (
            p.client.cookies.clear(),
            p.post("/kaart", item_id="{item}", kind="oorzaak", text="x"),
        )[1],
        None,
    ),
    # votes the Store refuses
    (
        "vote-prepared-poll",
        _vote(poll_id="{prepared}", option_id="{prepared_option}"),
        "nog niet open",
    ),
    (
        "vote-option-of-other-poll",
        _vote(poll_id="{poll}", option_id="{prepared_option}"),
        NOT_THIS_VOTE,
    ),
    ("vote-option-of-dot-poll", _vote(poll_id="{poll}", option_id="{dot_option}"), NOT_THIS_VOTE),
    ("vote-unknown-poll", _vote(poll_id="999", option_id="{yes}"), NOT_THIS_MEETING),
    ("vote-unknown-option", _vote(poll_id="{poll}", option_id="99999"), NOT_THIS_VOTE),
    (
        "vote-poll-of-other-meeting",
        _vote(poll_id="{other_poll}", option_id="{other_option}"),
        NOT_THIS_MEETING,
    ),
    ("vote-dot-poll", _vote(poll_id="{dot_poll}", option_id="{dot_option}"), "in de zaal geteld"),
    ("vote-twice", Replay(_vote(**VOTE), _vote(poll_id="{poll}", option_id="{no}")), ALREADY),
    ("vote-twice-same-option", Replay(_vote(**VOTE), _vote(**VOTE)), ALREADY),
    (
        "vote-declared-poll",
        Replay(lambda p: p.room.store.declare_poll(p.room.poll), _vote(**VOTE)),
        "Deze stemming is vastgesteld",
    ),
    (
        "vote-room-closed",
        Replay(lambda p: p.room.store.close_room(p.room.meeting), _vote(**VOTE)),
        CLOSED_ROOM,
    ),
    (
        "vote-meeting-closed",
        Replay(lambda p: p.room.store.close_meeting(p.room.meeting), _vote(**VOTE)),
        CLOSED_ROOM,
    ),
    (
        "vote-beyond-the-present-eligible",
        Replay(
            lambda p: p.room.store.set_count(p.room.poll, p.room.options[0], Channel.ZAAL, PRESENT),
            _vote(**VOTE),
        ),
        "Alle aanwezige stemgerechtigden hebben al gestemd",
    ),
    # ids that are no ids
    ("vote-negative-poll", _vote(poll_id="-{poll}", option_id="{yes}"), BROKEN),
    ("vote-huge-poll", _vote(poll_id="9" * 30, option_id="{yes}"), BROKEN),
    ("vote-text-option", _vote(poll_id="{poll}", option_id="Voor"), BROKEN),
    ("vote-float-option", _vote(poll_id="{poll}", option_id="{yes}.0"), BROKEN),
    ("vote-spaced-option", _vote(poll_id="{poll}", option_id=" {yes}"), BROKEN),
    ("vote-plus-option", _vote(poll_id="{poll}", option_id="+{yes}"), BROKEN),
    ("vote-unicode-digits", _vote(poll_id="{poll}", option_id="١١"), BROKEN),
    ("vote-missing-option", _vote(poll_id="{poll}"), BROKEN),
    ("vote-empty-poll", _vote(poll_id="", option_id="{yes}"), BROKEN),
    ("vote-sql-option", _vote(poll_id="{poll}", option_id="{yes} OR 1=1"), BROKEN),
    ("vote-overlong-card-code", _vote(**VOTE, kaart="A" * 65), BROKEN),
    ("dot-non-numeric-card", _dot(card_id="abc", delta="1"), BROKEN),
    ("dot-negative-card", _dot(card_id="-{idea}", delta="1"), BROKEN),
    ("dot-delta-two", _dot(card_id="{idea}", delta="2"), BROKEN),
    ("dot-delta-hundred", _dot(card_id="{idea}", delta="100"), BROKEN),
    ("dot-delta-minus-two", _dot(card_id="{idea}", delta="-2"), BROKEN),
    ("dot-delta-empty", _dot(card_id="{idea}", delta=""), BROKEN),
    ("card-non-numeric-item", _card(item_id="drie", kind="oorzaak", text="x"), BROKEN),
    ("card-huge-item", _card(item_id="1" * 12, kind="oorzaak", text="x"), BROKEN),
    # dots the Store refuses
    ("dot-on-a-cause", _dot(card_id="{cause}", delta="1"), ONLY_IDEAS),
    ("dot-on-the-core-problem", _dot(card_id="{core}", delta="1"), ONLY_IDEAS),
    ("dot-on-unknown-card", _dot(card_id="999999", delta="1"), NOT_NOW_DOTS),
    ("dot-take-back-none", _dot(card_id="{idea}", delta="-1"), "U heeft geen stip op dit idee"),
    (
        "dot-take-back-the-rooms-dot",
        Replay(
            lambda p: p.room.store.add_dots(p.room.ideas[0], 1),
            _dot(card_id="{idea}", delta="-1"),
        ),
        "U heeft geen stip op dit idee",
    ),
    (
        "dot-beyond-allowance",
        Replay(_all_dots_placed, _dot(card_id="{idea2}", delta="1")),
        f"U heeft al uw {DOTS} stippen gezet.",
    ),
    (
        "dot-when-the-item-has-passed",
        Replay(lambda p: p.room.store.next_item(p.room.meeting), _dot(card_id="{idea}", delta="1")),
        NOT_NOW_DOTS,
    ),
    # cards the web or the Store refuses
    (
        "card-kind-core-problem",
        _card(item_id="{item}", kind="kernprobleem", text="Alles"),
        "Kies wat voor kaart",
    ),
    ("card-kind-unknown", _card(item_id="{item}", kind="besluit", text="x"), "Kies wat voor kaart"),
    ("card-kind-missing", _card(item_id="{item}", text="x"), "Kies wat voor kaart"),
    ("card-other-item", _card(item_id="{next_item}", kind="oorzaak", text="x"), NOT_NOW_CARDS),
    ("card-empty-text", _card(item_id="{item}", kind="oorzaak", text="   "), None),
    (
        "card-when-the-item-has-passed",
        Replay(
            lambda p: p.room.store.next_item(p.room.meeting),
            _card(item_id="{item}", kind="oorzaak", text="x"),
        ),
        NOT_NOW_CARDS,
    ),
    (
        "card-too-many-waiting",
        Replay(_cards_waiting, _card(item_id="{item}", kind="gevolg", text="Nog een")),
        "kaarten van u op de notulist",
    ),
    # voting cards
    (
        "card-code-missing",
        Replay(_card_vote, _vote(poll_id="{card_poll}", option_id="{card_yes}")),
        "stemkaart nodig",
    ),
    (
        "card-code-forged",
        Replay(
            _card_vote,
            _vote(poll_id="{card_poll}", option_id="{card_yes}", kaart="QQQQ-QQQQ-QQQQ-QQQQ"),
        ),
        NOT_A_CARD,
    ),
    (
        "card-code-other-meeting",
        Replay(
            _card_vote, _vote(poll_id="{card_poll}", option_id="{card_yes}", kaart="{other_card}")
        ),
        NOT_A_CARD,
    ),
    (
        "card-code-reused",
        Replay(
            lambda p: (
                _card_vote(p),
                p.post("/stem", poll_id="{card_poll}", option_id="{card_yes}", kaart="{card_code}"),
            ),
            # Another phone could hold the card too: a card votes once per poll, whoever taps.
            lambda p: p.post(
                "/stem",
                poll_id="{card_poll}",
                option_id="{card_no}",
                kaart=" " + p.room.voting_cards[0].lower() + " ",
            ),
        ),
        "Met deze stemkaart is in deze stemming al gestemd.",
    ),
    (
        "card-code-on-an-open-vote-is-no-second-vote",
        Replay(_vote(**VOTE), _vote(poll_id="{poll}", option_id="{no}", kaart="{card_code}")),
        ALREADY,
    ),
    # bodies and content types
    ("body-too-big", _raw("/kaart", b"text=" + b"a" * 5000), "meer dan deze pagina aanneemt"),
    (
        "body-too-big-chunked",
        lambda p: p.client.post(
            "/kaart",
            content=iter([b"text=", b"a" * 3000, b"a" * 3000]),
            headers={"content-type": FORM},
        ),
        "meer dan deze pagina aanneemt",
    ),
    ("body-lying-length", _raw("/stem", b"x", **{"content-length": "999999"}), None),
    (
        "content-type-json",
        lambda p: p.client.post(
            "/stem",
            content=json.dumps(
                {"csrf": p.token, "poll_id": p.room.poll, "option_id": p.room.options[0]}
            ),
            headers={"content-type": "application/json"},
        ),
        BROKEN,
    ),
    (
        "content-type-multipart",
        lambda p: p.client.post(
            "/stem",
            data=p.fields(csrf=p.token, **VOTE),
            files={"f": ("a.txt", b"x")},
        ),
        BROKEN,
    ),
    (
        "content-type-missing",
        lambda p: p.client.post("/stem", content=_body(p, VOTE)),
        BROKEN,
    ),
    (
        "content-type-text",
        lambda p: p.client.post(
            "/stem", content=_body(p, VOTE), headers={"content-type": "text/plain"}
        ),
        BROKEN,
    ),
    (
        "body-not-utf8",
        lambda p: p.client.post(
            "/kaart",
            content=f"csrf={p.token}&item_id={p.room.item}&kind=oorzaak&text=%FF%FE".encode(),
            headers={"content-type": FORM},
        ),
        BROKEN,
    ),
    (
        "field-twice",
        lambda p: p.client.post(
            "/stem",
            content=(_body(p, VOTE) + f"&option_id={p.room.options[1]}").encode(),
            headers={"content-type": FORM},
        ),
        BROKEN,
    ),
    (
        "too-many-fields",
        lambda p: p.client.post(
            "/stem",
            content=(_body(p, VOTE) + "&" + "&".join(f"f{i}=1" for i in range(20))).encode(),
            headers={"content-type": FORM},
        ),
        BROKEN,
    ),
    # methods, paths, headers, queries
    (
        "put-vote",
        lambda p: p.client.put("/stem", data=p.fields(csrf=p.token, **VOTE)),
        "Zo werkt deze pagina niet",
    ),
    ("delete-now", lambda p: p.client.delete("/nu"), "Zo werkt deze pagina niet"),
    (
        "get-vote-with-query",
        lambda p: p.client.get("/stem?" + _body(p, VOTE)),
        "Zo werkt deze pagina niet",
    ),
    (
        "post-static",
        lambda p: p.client.post("/static/room.js", data={"csrf": p.token}),
        "Zo werkt deze pagina niet",
    ),
    (
        "chair-action-route",
        lambda p: p.post("/verklaar", poll_id="{poll}"),
        "Deze pagina bestaat niet",
    ),
    ("chair-close-room-route", lambda p: p.post("/sluit"), "Deze pagina bestaat niet"),
    ("static-traversal-dots", lambda p: p.client.get("/static/../app.py"), None),
    (
        "static-traversal-encoded",
        lambda p: p.client.get("/static/..%2f..%2fapp.py"),
        "Deze pagina bestaat niet",
    ),
    (
        "static-traversal-backslash",
        lambda p: p.client.get("/static/..\\app.py"),
        "Deze pagina bestaat niet",
    ),
    ("static-unknown-file", lambda p: p.client.get("/static/baz.db"), "Deze pagina bestaat niet"),
    (
        "host-header-foreign",
        lambda p: p.client.get("/nu", headers={"host": "evil.example"}),
        BROKEN,
    ),
    (
        "host-header-post",
        lambda p: p.client.post(
            "/stem", data=p.fields(csrf=p.token, **VOTE), headers={"host": "evil.example"}
        ),
        BROKEN,
    ),
    ("lang-header-injection", lambda p: p.client.get("/nu?lang=en%0d%0aSet-Cookie:%20x=1"), None),
    ("query-too-long", lambda p: p.client.get("/nu?x=" + "a" * 600), "Dat adres is te lang"),
    ("path-too-long", lambda p: p.client.get("/" + "a" * 300), "Dat adres is te lang"),
    ("join-code-overlong", lambda p: p.client.get("/?c=" + "A" * 100), None),
    # A voting card's QR code (/?k=CODE): checked as a typed code, kept nowhere when wrong
    ("card-qr-forged", _scan("ABCDEFGHJKMNPQRS"), NOT_A_CARD),
    ("card-qr-other-meeting", _scan("{other_card}"), NOT_A_CARD),
    ("card-qr-oversized", _scan("A" * 100), BROKEN),
    ("card-qr-twice", _scan("{card_code}&k={card_code}"), BROKEN),
    ("card-qr-look-alikes", _scan("0OIL" * 4), NOT_A_CARD),
    ("card-qr-markup", _scan("%3Cscript%3Ealert(1)%3C/script%3E"), NOT_A_CARD),
    ("card-qr-empty", _scan(""), None),
    (
        "card-qr-forged-joins-nobody",
        _scan("ABCDEFGHJKMNPQRS&c={room_code}", fresh=True),
        NOT_A_CARD,
    ),
    ("card-cookie-forged", _card_cookie('"><script>alert(1)</script>'), None),
    (
        "join-code-twice",
        lambda p: (
            p.client.cookies.clear(),
            p.client.get(f"/?c={p.room.code}&c={p.room.code}"),
        )[1],
        BROKEN,
    ),
    (
        "join-post-without-csrf",
        lambda p: (p.client.cookies.clear(), p.client.post("/", data={"code": p.room.code}))[1],
        STALE,
    ),
    (
        "join-wrong-code",
        lambda p: (p.client.cookies.clear(), p.client.get("/?c=WRONG1"))[1],
        "Deze code hoort niet bij een open vergadering.",
    ),
    (
        "join-a-closed-room",
        Replay(
            lambda p: (p.room.store.close_room(p.room.meeting), p.client.cookies.clear()),
            lambda p: p.client.get(f"/?c={p.room.code}"),
        ),
        "Deze code hoort niet bij een open vergadering.",
    ),
    (
        "join-with-the-old-code",
        Replay(
            lambda p: (p.room.store.open_room(p.room.meeting), p.client.cookies.clear()),
            lambda p: p.client.get(f"/?c={p.room.code}"),
        ),
        "Deze code hoort niet bij een open vergadering.",
    ),
]


def _body(p: Phone, fields: dict[str, str]) -> str:
    """A url-encoded body with the phone's token and ``fields`` (ids filled in)."""
    from urllib.parse import urlencode

    return urlencode(p.fields(csrf=p.token, **fields))


def _rate_limited(p: Phone) -> Any:
    last = None
    for _ in range(12):
        # Refused before the Store, so only the 429 counts.
        last = p.post("/stem", poll_id="{poll}", option_id="abc")
    return last


CASES.append(("rate-limit-posts", _rate_limited, "Iets rustiger graag"))


@pytest.mark.parametrize(("case", "act", "says"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_request_changes_nothing(
    room: Room, case: str, act: Callable[[Phone], Any] | Replay, says: str | None
) -> None:
    p = phone(room)
    if isinstance(act, Replay):
        act.first(p)
        act = act.second
    refused(p, act, says=says)


def test_there_are_enough_hostile_cases() -> None:
    assert len(CASES) >= 60 and len({c[0] for c in CASES}) == len(CASES)


def test_a_phone_from_before_the_room_was_opened_again_still_votes_once(room: Room) -> None:
    p = phone(room)
    room.store.open_room(room.meeting)  # a new code: the phones that joined stay joined
    assert p.post("/stem", **VOTE).status_code == 303
    assert "Uw stem is geteld." in p.client.get("/nu").text
    refused(p, _vote(poll_id="{poll}", option_id="{no}"), says=ALREADY)


def test_posting_faster_than_the_limit_is_refused_and_changes_nothing(room: Room) -> None:
    ticks = [0.0]
    limiter = RateLimiter(
        {"post": Bucket(3, 0.1), "join": Bucket(5, 0.1), "page": Bucket(100, 10)},
        clock=lambda: ticks[0],
    )
    p = phone(room, limiter=limiter)
    for _ in range(3):
        p.post("/stip", card_id="{idea}", delta="1")
    assert [row[3] for row in dump(room.path)["phonedot"]] == [3]
    page = refused(p, lambda q: q.post("/stip", card_id="{idea}", delta="-1"), says="Iets rustiger")
    assert "tien seconden" in page
    ticks[0] = 10.0
    assert p.post("/stip", card_id="{idea}", delta="-1").status_code == 303
    assert [row[3] for row in dump(room.path)["phonedot"]] == [2]


def test_joins_from_one_address_are_capped(room: Room) -> None:
    app = create_app(room.store, room.meeting, allowed_hosts={HOST}, secret=b"k" * 32)
    client = TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)
    answers = []
    for _ in range(8):
        client.cookies.clear()
        answers.append(client.get(f"/?c={room.code}").status_code)
    assert answers[:5] == [303] * 5 and set(answers[5:]) == {429}
    assert count_rows(room.path, "phone") == 5


# ----------------------------------------------------------------------------- hostile texts


def _corpus_texts() -> list[tuple[str, str]]:
    from tests.rules.test_hostile_corpus import cases, value

    texts = []
    for case in cases("text"):
        text = value(case["value"])
        if isinstance(text, str):
            texts.append((case["id"], text))
    return texts


@pytest.mark.parametrize(("case", "text"), _corpus_texts(), ids=[c for c, _t in _corpus_texts()])
def test_hostile_texts_as_card_text(room: Room, case: str, text: str) -> None:
    """Every text of the corpus as a phone's card: stored as the Store's rule says, refused
    with a page, or too big for a body — never a crash, never raw on the page."""
    from urllib.parse import quote_from_bytes

    from models.rules.analysis import clean_card_text

    p = phone(room)
    before = dump(room.path)
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate cannot be sent as UTF-8: the closest a phone can send is its bytes.
        body = text.encode("utf-8", "surrogatepass")
    content = (
        f"csrf={p.token}&item_id={room.item}&kind=oplossing&text=".encode()
        + quote_from_bytes(body).encode()
    )
    response = p.client.post("/kaart", content=content, headers={"content-type": FORM})
    assert response.status_code in (200, 303, 400, 413), response.text
    page = p.page_after(response)
    assert "<html" in page and "Traceback" not in page
    assert "\x1b" not in page and "<script>" not in page.replace("<script src=", "")
    after = dump(room.path)
    if response.status_code != 303 or 'role="alert"' in page:
        assert after == before
    else:
        assert {k: v for k, v in after.items() if k != "phonecard"} == {
            k: v for k, v in before.items() if k != "phonecard"
        }
        inbox = room.store.room_inbox(room.item)
        assert len(inbox) == 1 and inbox[0].text == clean_card_text(text)
        assert "Uw kaart is ingeleverd" in page


def test_the_control_characters_of_a_card_never_reach_the_page(room: Room) -> None:
    p = phone(room)
    response = p.post("/kaart", item_id="{item}", kind="oorzaak", text="a\x00b\x1b[31mc\u202ed")
    page = p.page_after(response)
    assert "\x00" not in page and "\x1b" not in page and "\u202e" not in page
