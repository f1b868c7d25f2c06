"""The room is not trusted: hostile requests to its web server change nothing and get a page.

Each case is one request (or a short replay) by a phone that joined, against a room with an
open vote, ideas to dot and cards open. The state of the Store's room is dumped before and
after: where a request must be refused, it is unchanged, and the answer is a page (never a
traceback) that says why — the Store's own sentence when the Store refused.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from baz_tui.room.app import create_app
from baz_tui.room.security import Bucket, RateLimiter
from tests.e2e.room_contract import CODE, MEETING, ContractStore, contract_room

HOST = "testserver"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Phone:
    store: ContractStore
    client: TestClient
    token: str

    def post(self, path: str, **fields: str) -> Any:
        return self.client.post(path, data={"csrf": self.token, **fields})

    def page_after(self, response: Any) -> str:
        """The page a phone ends on: the redirect followed, or the refusal itself."""
        if response.status_code == 303:
            return str(self.client.get(response.headers["location"]).text)
        return str(response.text)


def phone(store: ContractStore | None = None, limiter: RateLimiter | None = None) -> Phone:
    store = store or contract_room()
    app = create_app(store, MEETING, allowed_hosts={HOST}, secret=b"k" * 32, limiter=limiter)
    client = TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)
    assert client.get(f"/?c={CODE}").status_code == 303
    page = client.get("/nu").text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found
    return Phone(store, client, found.group(1))


def refused(p: Phone, act: Callable[[Phone], Any], *, says: str | None = None) -> str:
    """Run ``act``; the room must be unchanged and the answer a page. The page's text."""
    before = p.store.dump()
    response = act(p)
    assert p.store.dump() == before, "a refused request changed the room"
    assert response.status_code in (200, 303, 400, 403, 404, 405, 409, 410, 413, 414, 415, 429)
    page = p.page_after(response)
    assert "<html" in page and "Traceback" not in page
    if says is not None:
        assert says in page, page
    return page


# ----------------------------------------------------------------------------- the cases

#: (id, what the phone does, a sentence the page must say or None)
Case = tuple[str, "Callable[[Phone], Any] | Replay", str | None]
BROKEN = "Dit verzoek klopt niet, dus er is niets veranderd."
STALE = "Dit formulier is verlopen"


def _vote(**fields: str) -> Callable[[Phone], Any]:
    return lambda p: p.post("/stem", **fields)


def _dot(**fields: str) -> Callable[[Phone], Any]:
    return lambda p: p.post("/stip", **fields)


def _card(**fields: str) -> Callable[[Phone], Any]:
    return lambda p: p.post("/kaart", **fields)


def _raw(
    path: str, body: bytes, content_type: str = FORM, **headers: str
) -> Callable[[Phone], Any]:
    return lambda p: p.client.post(
        path, content=body, headers={"content-type": content_type, **headers}
    )


def _with_token(token: str) -> Callable[[Phone], Any]:
    return lambda p: p.client.post("/stem", data={"csrf": token, "poll_id": "7", "option_id": "11"})


def _cookie(value: str | None) -> Callable[[Phone], Any]:
    def act(p: Phone) -> Any:
        p.client.cookies.clear()
        if value is not None:
            p.client.cookies.set("baz_phone", value)
        return p.post("/stem", poll_id="7", option_id="11")

    return act


@dataclass(frozen=True)
class Replay:
    """``first`` may change the room (a vote that counts); ``second``, its replay, must not."""

    first: Callable[[Phone], Any]
    second: Callable[[Phone], Any]


CASES: list[Case] = [
    # CSRF and cookies
    (
        "csrf-missing",
        lambda p: p.client.post("/stem", data={"poll_id": "7", "option_id": "11"}),
        STALE,
    ),
    ("csrf-empty", _with_token(""), STALE),
    ("csrf-forged", _with_token("0" * 64), STALE),
    ("csrf-of-other-cookie", _with_token("deadbeef" * 8), STALE),
    (
        "csrf-truncated",
        lambda p: p.client.post(
            "/stem", data={"csrf": p.token[:-1], "poll_id": "7", "option_id": "11"}
        ),
        STALE,
    ),
    ("csrf-non-ascii", _with_token("é" * 64), STALE),
    (
        "csrf-in-query-only",
        lambda p: p.client.post(f"/stem?csrf={p.token}", data={"poll_id": "7", "option_id": "11"}),
        STALE,
    ),
    ("no-cookie", _cookie(None), "doet nog niet mee"),
    ("forged-cookie", _cookie("x" * 32), "kennen we niet"),
    ("overlong-cookie", _cookie("x" * 500), None),
    ("cookie-with-quotes", _cookie('"abc\\"def"'), None),
    (
        "dot-without-cookie",
        lambda p: (p.client.cookies.clear(), p.post("/stip", card_id="21", delta="1"))[1],
        None,
    ),
    (
        "card-without-cookie",
        lambda p: (
            p.client.cookies.clear(),
            p.post("/kaart", item_id="3", kind="oorzaak", text="x"),
        )[1],
        None,
    ),
    # votes the Store refuses
    (
        "vote-other-poll-not-current",
        _vote(poll_id="8", option_id="11"),
        "hoort niet bij deze stemming",
    ),
    (
        "vote-option-of-other-poll",
        _vote(poll_id="7", option_id="31"),
        "hoort niet bij deze stemming",
    ),
    ("vote-unknown-poll", _vote(poll_id="999", option_id="11"), "geen stemming"),
    ("vote-unknown-option", _vote(poll_id="7", option_id="99999"), "hoort niet"),
    (
        "vote-twice",
        Replay(_vote(poll_id="7", option_id="11"), _vote(poll_id="7", option_id="12")),
        "al gestemd",
    ),
    (
        "vote-closed-poll",
        Replay(
            lambda p: p.store.set_status(7, "voorbereid"),
            lambda p: p.post("/stem", poll_id="7", option_id="11"),
        ),
        "niet open",
    ),
    (
        "vote-declared-poll",
        Replay(
            lambda p: p.store.set_status(7, "vastgesteld"),
            lambda p: p.post("/stem", poll_id="7", option_id="11"),
        ),
        "niet open",
    ),
    # ids that are no ids
    ("vote-negative-poll", _vote(poll_id="-7", option_id="11"), BROKEN),
    ("vote-huge-poll", _vote(poll_id="9" * 30, option_id="11"), BROKEN),
    ("vote-text-option", _vote(poll_id="7", option_id="Voor"), BROKEN),
    ("vote-float-option", _vote(poll_id="7", option_id="11.0"), BROKEN),
    ("vote-spaced-option", _vote(poll_id="7", option_id=" 11"), BROKEN),
    ("vote-plus-option", _vote(poll_id="7", option_id="+11"), BROKEN),
    ("vote-unicode-digits", _vote(poll_id="7", option_id="١١"), BROKEN),
    ("vote-missing-option", _vote(poll_id="7"), BROKEN),
    ("vote-empty-poll", _vote(poll_id="", option_id="11"), BROKEN),
    ("vote-sql-option", _vote(poll_id="7", option_id="11 OR 1=1"), BROKEN),
    ("vote-overlong-card-code", _vote(poll_id="7", option_id="11", kaart="A" * 65), BROKEN),
    ("dot-non-numeric-card", _dot(card_id="abc", delta="1"), BROKEN),
    ("dot-negative-card", _dot(card_id="-21", delta="1"), BROKEN),
    ("dot-delta-two", _dot(card_id="21", delta="2"), BROKEN),
    ("dot-delta-hundred", _dot(card_id="21", delta="100"), BROKEN),
    ("dot-delta-minus-two", _dot(card_id="21", delta="-2"), BROKEN),
    ("dot-delta-empty", _dot(card_id="21", delta=""), BROKEN),
    ("card-non-numeric-item", _card(item_id="drie", kind="oorzaak", text="x"), BROKEN),
    ("card-huge-item", _card(item_id="1" * 12, kind="oorzaak", text="x"), BROKEN),
    # dots the Store refuses
    ("dot-on-a-non-idea", _dot(card_id="23", delta="1"), "alleen op ideeën"),
    ("dot-on-unknown-card", _dot(card_id="999999", delta="1"), "alleen op ideeën"),
    ("dot-take-back-none", _dot(card_id="21", delta="-1"), "geen stip"),
    (
        "dot-beyond-allowance",
        Replay(
            lambda p: p.store.state.dots.update({(1, 21): 2, (1, 22): 1}),
            lambda p: p.post("/stip", card_id="21", delta="1"),
        ),
        "op",
    ),
    (
        "dot-when-dots-closed",
        Replay(
            lambda p: setattr(p.store.state, "dots_open", False),
            lambda p: p.post("/stip", card_id="21", delta="1"),
        ),
        "niet met stippen",
    ),
    # cards the web or the Store refuses
    (
        "card-kind-core-problem",
        _card(item_id="3", kind="kernprobleem", text="Alles"),
        "Kies wat voor kaart",
    ),
    ("card-kind-unknown", _card(item_id="3", kind="besluit", text="x"), "Kies wat voor kaart"),
    ("card-kind-missing", _card(item_id="3", text="x"), "Kies wat voor kaart"),
    ("card-other-item", _card(item_id="4", kind="oorzaak", text="x"), "geen kaarten"),
    (
        "card-when-closed",
        Replay(
            lambda p: setattr(p.store.state, "cards_open", False),
            lambda p: p.post("/kaart", item_id="3", kind="oorzaak", text="x"),
        ),
        "geen kaarten",
    ),
    # voting cards
    (
        "card-code-missing",
        Replay(
            lambda p: p.store.open_poll(9, ballot="stemkaart", options=(41, 42)),
            lambda p: p.post("/stem", poll_id="9", option_id="41"),
        ),
        "stemkaart nodig",
    ),
    (
        "card-code-forged",
        Replay(
            lambda p: p.store.open_poll(9, ballot="stemkaart", options=(41, 42)),
            lambda p: p.post("/stem", poll_id="9", option_id="41", kaart="QQQQ-QQQQ-QQQQ-QQQQ"),
        ),
        "kennen we niet",
    ),
    (
        "card-code-other-meeting",
        Replay(
            lambda p: p.store.open_poll(9, ballot="stemkaart", options=(41, 42)),
            lambda p: p.post("/stem", poll_id="9", option_id="41", kaart="ZZZZ-YYYY-XXXX-WWWW"),
        ),
        "kennen we niet",
    ),
    (
        "card-code-reused",
        Replay(
            lambda p: (
                p.store.open_poll(9, ballot="stemkaart", options=(41, 42)),
                p.post("/stem", poll_id="9", option_id="41", kaart="AAAA-BBBB-CCCC-DDDD"),
            ),
            # Another phone could hold the card too: a card votes once per poll, whoever taps.
            _vote(poll_id="9", option_id="42", kaart="aaaa-bbbb-cccc-dddd"),
        ),
        "al gestemd",
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
            content=json.dumps({"csrf": p.token, "poll_id": 7, "option_id": 11}),
            headers={"content-type": "application/json"},
        ),
        BROKEN,
    ),
    (
        "content-type-multipart",
        lambda p: p.client.post(
            "/stem",
            data={"csrf": p.token, "poll_id": "7", "option_id": "11"},
            files={"f": ("a.txt", b"x")},
        ),
        BROKEN,
    ),
    (
        "content-type-missing",
        lambda p: p.client.post("/stem", content=f"csrf={p.token}&poll_id=7&option_id=11"),
        BROKEN,
    ),
    (
        "content-type-text",
        lambda p: p.client.post(
            "/stem",
            content=f"csrf={p.token}&poll_id=7&option_id=11",
            headers={"content-type": "text/plain"},
        ),
        BROKEN,
    ),
    (
        "body-not-utf8",
        lambda p: p.client.post(
            "/kaart",
            content=f"csrf={p.token}&item_id=3&kind=oorzaak&text=%FF%FE".encode(),
            headers={"content-type": FORM},
        ),
        BROKEN,
    ),
    (
        "field-twice",
        lambda p: p.client.post(
            "/stem",
            content=f"csrf={p.token}&poll_id=7&option_id=11&option_id=12".encode(),
            headers={"content-type": FORM},
        ),
        BROKEN,
    ),
    (
        "too-many-fields",
        lambda p: p.client.post(
            "/stem",
            content=(
                f"csrf={p.token}&poll_id=7&option_id=11&" + "&".join(f"f{i}=1" for i in range(20))
            ).encode(),
            headers={"content-type": FORM},
        ),
        BROKEN,
    ),
    # methods, paths, headers, queries
    (
        "put-vote",
        lambda p: p.client.put("/stem", data={"csrf": p.token}),
        "Zo werkt deze pagina niet",
    ),
    ("delete-now", lambda p: p.client.delete("/nu"), "Zo werkt deze pagina niet"),
    (
        "get-vote-with-query",
        lambda p: p.client.get(f"/stem?csrf={p.token}&poll_id=7&option_id=11"),
        "Zo werkt deze pagina niet",
    ),
    (
        "post-static",
        lambda p: p.client.post("/static/room.js", data={"csrf": p.token}),
        "Zo werkt deze pagina niet",
    ),
    ("chair-action-route", lambda p: p.post("/verklaar", poll_id="7"), "Deze pagina bestaat niet"),
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
            "/stem",
            data={"csrf": p.token, "poll_id": "7", "option_id": "11"},
            headers={"host": "evil.example"},
        ),
        BROKEN,
    ),
    ("lang-header-injection", lambda p: p.client.get("/nu?lang=en%0d%0aSet-Cookie:%20x=1"), None),
    ("query-too-long", lambda p: p.client.get("/nu?x=" + "a" * 600), "Dat adres is te lang"),
    ("path-too-long", lambda p: p.client.get("/" + "a" * 300), "Dat adres is te lang"),
    ("join-code-overlong", lambda p: p.client.get("/?c=" + "A" * 100), None),
    (
        "join-code-twice",
        lambda p: (p.client.cookies.clear(), p.client.get(f"/?c={CODE}&c={CODE}"))[1],
        BROKEN,
    ),
    (
        "join-post-without-csrf",
        lambda p: (p.client.cookies.clear(), p.client.post("/", data={"code": CODE}))[1],
        STALE,
    ),
    (
        "join-wrong-code",
        lambda p: (p.client.cookies.clear(), p.client.get("/?c=WRONG1"))[1],
        "kennen we niet",
    ),
]


def _rate_limited(p: Phone) -> Any:
    last = None
    for _ in range(12):
        last = p.post("/stem", poll_id="7", option_id="abc")  # refused, so only the 429 counts
    return last


CASES.append(("rate-limit-posts", _rate_limited, "Iets rustiger graag"))


@pytest.mark.parametrize(("case", "act", "says"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_request_changes_nothing(
    case: str, act: Callable[[Phone], Any] | Replay, says: str | None
) -> None:
    p = phone()
    if isinstance(act, Replay):
        act.first(p)
        act = act.second
    refused(p, act, says=says)


def test_posting_faster_than_the_limit_is_refused_and_changes_nothing() -> None:
    ticks = [0.0]
    limiter = RateLimiter(
        {"post": Bucket(3, 0.1), "join": Bucket(5, 0.1), "page": Bucket(100, 10)},
        clock=lambda: ticks[0],
    )
    p = phone(limiter=limiter)
    for _ in range(3):
        p.post("/stip", card_id="21", delta="1")
    assert sum(p.store.state.dots.values()) == 3
    page = refused(p, lambda q: q.post("/stip", card_id="21", delta="-1"), says="Iets rustiger")
    assert "tien seconden" in page
    ticks[0] = 10.0
    assert p.post("/stip", card_id="21", delta="-1").status_code == 303


def test_joins_from_one_address_are_capped() -> None:
    store = contract_room()
    app = create_app(store, MEETING, allowed_hosts={HOST}, secret=b"k" * 32)
    client = TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)
    answers = []
    for _ in range(8):
        client.cookies.clear()
        answers.append(client.get(f"/?c={CODE}").status_code)
    assert answers[:5] == [303] * 5 and set(answers[5:]) == {429}
    assert len(store.state.phones) == 5


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
def test_hostile_texts_as_card_text(case: str, text: str) -> None:
    """Every text of the corpus as a phone's card: stored as the Store's rule says, refused
    with a page, or too big for a body — never a crash, never raw on the page."""
    p = phone()
    before = p.store.dump()
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate cannot be sent as UTF-8: the closest a phone can send is its bytes.
        body = text.encode("utf-8", "surrogatepass")
    from urllib.parse import quote_from_bytes

    content = (
        f"csrf={p.token}&item_id=3&kind=oplossing&text=".encode() + quote_from_bytes(body).encode()
    )
    response = p.client.post("/kaart", content=content, headers={"content-type": FORM})
    assert response.status_code in (200, 303, 400, 413), response.text
    page = p.page_after(response)
    assert "<html" in page and "Traceback" not in page
    assert "\x1b" not in page and "<script>" not in page.replace("<script src=", "")
    if response.status_code != 303 or 'role="alert"' in page:
        assert p.store.dump() == before
    else:
        assert len(p.store.state.inbox) == 1
        assert "Uw kaart is ingeleverd" in page


def test_the_control_characters_of_a_card_never_reach_the_page() -> None:
    p = phone()
    response = p.post("/kaart", item_id="3", kind="oorzaak", text="a\x00b\x1b[31mc\u202ed")
    page = p.page_after(response)
    assert "\x00" not in page and "\x1b" not in page and "\u202e" not in page
