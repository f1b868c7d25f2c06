"""The room's web pages (baz_tui/room/): every route and rule through Starlette's TestClient,
on the real Store (a SQLite file, ``tests/e2e/room_store.py``), and the real server process on
127.0.0.1.

The hostile requests are in ``test_room_hostile.py``; the helpers to build a room are here.
"""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import warnings
from datetime import date, time
from typing import Any

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from baz_tui.room.app import create_app
from baz_tui.room.markup import Html, render
from baz_tui.room.network import hotspot_help, url_host, usable
from baz_tui.room.pages import PHONE_CARD_KINDS
from baz_tui.room.security import Bucket, RateLimiter, csrf_token, csrf_valid
from models.domain import Ballot, Channel
from models.rules.qr import qr_lines
from models.store import Store
from tests.conftest import ROOT
from tests.e2e.room_store import (
    IDEAS,
    QUESTION,
    Room,
    count_rows,
    dump,
    phone_counts,
    room,
    room_template,
)

__all__ = ["room", "room_template"]  # the fixtures

HOST = "testserver"


# ----------------------------------------------------------------------------- helpers


class Ticks:
    """A clock for the rate limiter that moves only when told."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def client_for(store: Store, meeting_id: int, limiter: RateLimiter | None = None) -> TestClient:
    app = create_app(store, meeting_id, allowed_hosts={HOST}, secret=b"k" * 32, limiter=limiter)
    return TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)


def form(client: TestClient, path: str, **fields: str) -> Any:
    return client.post(path, data=fields)


# ----------------------------------------------------------------------------- no Store needed


def test_markup_escapes_every_value_once() -> None:
    assert render("<p>{x}</p>", x="<b>&'\"") == "<p>&lt;b&gt;&amp;&#x27;&quot;</p>"
    assert render("<p>{x}</p>", x=Html("<i>ok</i>")) == "<p><i>ok</i></p>"


def test_csrf_tokens_belong_to_their_cookie() -> None:
    secret = b"s" * 32
    token = csrf_token(secret, "phone-a")
    assert csrf_valid(secret, "phone-a", token)
    assert not csrf_valid(secret, "phone-b", token)
    assert not csrf_valid(b"t" * 32, "phone-a", token)
    assert not csrf_valid(secret, "phone-a", None)
    assert not csrf_valid(secret, None, token)
    assert not csrf_valid(secret, "phone-a", token.upper() + "é")


def test_the_rate_limiter_refills_per_client() -> None:
    ticks = Ticks()
    limiter = RateLimiter({"post": Bucket(3, 1.0)}, clock=ticks, max_clients=2)
    assert [limiter.allow("post", "a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("post", "b")
    ticks.now = 1.0
    assert limiter.allow("post", "a") and not limiter.allow("post", "a")
    limiter.allow("post", "c")  # forgets the oldest client
    assert limiter.allow("post", "b") and limiter.allow("post", "b")


def test_the_server_keeps_the_strict_limits_unless_a_load_test_raises_them() -> None:
    import argparse

    import pytest

    from baz_tui.room import security
    from baz_tui.room.server import parse_rate_limit, rate_limiter

    ticks = Ticks()
    strict = rate_limiter()
    strict._clock = ticks  # the same buckets, on a clock that stands still
    joins = [strict.allow("join", "127.0.0.1") for _ in range(6)]
    assert joins == [True] * int(security.JOINS.capacity) + [False]
    raised = rate_limiter({"join": Bucket(400, 40)})
    raised._clock = ticks
    assert all(raised.allow("join", "127.0.0.1") for _ in range(400))
    assert not raised.allow("join", "127.0.0.1")
    assert parse_rate_limit("post=400/40") == ("post", Bucket(400, 40))
    for wrong in ("vote=1/1", "post=0/1", "post=abc", "post", "post=5/-1"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_rate_limit(wrong)
    with pytest.raises(ValueError):
        rate_limiter({"chair": Bucket(1, 1)})


def test_qr_code_and_network_helpers() -> None:
    lines = qr_lines("http://192.168.1.20:8765/?c=K7P2QX")
    assert len(lines) > 10 and len({len(line) for line in lines}) == 1
    assert set("".join(lines)) <= {" ", "█", "▀", "▄"}
    assert url_host("fe80::1") == "[fe80::1]" and url_host("10.0.0.2") == "10.0.0.2"
    assert usable("192.168.1.20") and not usable("127.0.0.1") and not usable("0.0.0.0")
    assert not usable("169.254.1.1") and not usable("no address")
    assert "nmcli device wifi hotspot" in hotspot_help()
    assert "Mobiele hotspot" in hotspot_help()  # the tests run in Dutch


def test_baz_zaal_help_says_how_to_make_a_hotspot() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "baz_tui", "zaal", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Mobiele hotspot" in result.stdout and "Internetdeling" in result.stdout
    assert "--host" in result.stdout and "--port" in result.stdout


# ----------------------------------------------------------------------------- a phone


def joined(room: Room, limiter: RateLimiter | None = None) -> TestClient:
    """A phone that scanned the QR code: its cookie set, on /nu."""
    client = client_for(room.store, room.meeting, limiter)
    response = client.get(f"/?c={room.code}")
    assert response.status_code == 303 and response.headers["location"] == "/nu"
    return client


def now(client: TestClient) -> tuple[str, str]:
    """The /nu page and its form token."""
    page = client.get("/nu")
    assert page.status_code == 200, page.text
    return page.text, csrf_of(page.text)


def test_the_pages_and_the_store_know_the_same_kinds_of_card() -> None:
    from models.store.room import PHONE_CARD_KINDS as STORE_KINDS

    assert PHONE_CARD_KINDS == tuple(kind.value for kind in STORE_KINDS)


def test_every_page_carries_the_security_headers(room: Room) -> None:
    client = client_for(room.store, room.meeting)
    for path in ("/", "/nu", "/static/room.css", "/does-not-exist"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


def test_the_join_page_asks_for_the_code_in_dutch_with_labels(room: Room) -> None:
    client = client_for(room.store, room.meeting)
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="nl">' in page.text
    assert '<label for="code">Vergadercode</label>' in page.text
    assert 'id="code" name="code"' in page.text
    assert "<script" not in page.text  # nothing but the refresh on /nu needs a script
    assert "http://" not in page.text and "https://" not in page.text  # nothing from outside
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_scanning_the_qr_code_joins_and_a_second_scan_keeps_the_phone(room: Room) -> None:
    client = joined(room)
    cookie = client.cookies.get("baz_phone")
    assert cookie and count_rows(room.path, "phone") == 1
    assert room.phone_id(cookie) == dump(room.path)["phone"][0][0]
    again = client.get(f"/?c={room.code}")
    assert again.status_code == 303 and again.headers["location"] == "/nu"
    assert count_rows(room.path, "phone") == 1  # the same phone: its votes and dots stay its own
    assert client.get("/").headers["location"] == "/nu"


def test_typing_the_code_joins_too_and_a_wrong_code_says_so(room: Room) -> None:
    client = client_for(room.store, room.meeting)
    token = csrf_of(client.get("/").text)
    wrong = form(client, "/", csrf=token, code="NOPE12")
    assert wrong.status_code == 409 and "hoort niet bij een open vergadering" in wrong.text
    assert count_rows(room.path, "phone") == 0
    typed = f" {room.code[:3].lower()}-{room.code[3:].lower()} "
    right = form(client, "/", csrf=csrf_of(wrong.text), code=typed)
    assert right.status_code == 303 and right.headers["location"] == "/nu"
    assert count_rows(room.path, "phone") == 1


def test_the_code_of_another_meetings_room_does_not_join_this_one(room: Room) -> None:
    other = room.store.open_room(room.other_meeting).code
    client = client_for(room.store, room.meeting)
    response = client.get(f"/?c={other}")
    assert response.status_code == 409 and "kennen we hier niet" in response.text
    assert count_rows(room.path, "phone") == 0


def test_without_a_cookie_now_goes_to_the_join_page(room: Room) -> None:
    client = client_for(room.store, room.meeting)
    response = client.get("/nu")
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_voting_once_counts_and_says_so(room: Room) -> None:
    client = joined(room)
    page, token = now(client)
    assert QUESTION in page
    yes, no, abstain = room.options
    assert f'<button type="submit" name="option_id" value="{yes}">Voor</button>' in page
    assert f'value="{abstain}">Onthouding</button>' in page
    assert 'name="kaart"' not in page  # an open vote needs no voting card
    response = form(client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(no))
    assert response.status_code == 303 and response.headers["location"] == "/nu"
    assert phone_counts(room.path, room.poll) == {no: 1}
    assert room.store.get_poll(room.poll).phone_total == 1
    page, _token = now(client)
    assert "Uw stem is geteld." in page and 'name="option_id"' not in page


def test_the_declared_result_is_shown(room: Room) -> None:
    client = joined(room)
    room.store.set_count(room.poll, room.options[0], Channel.ZAAL, 3)
    room.store.declare_poll(room.poll)
    page, _token = now(client)
    assert "<strong>Uitslag:</strong> Aangenomen: 3 voor, 0 tegen, 0 onthoudingen." in page
    rule = room.store.get_poll(room.poll).result_text  # the chair's rule sentence: not here
    assert html.escape(rule, quote=True) not in page
    assert 'action="/stem"' not in page


def test_the_result_in_plain_words_names_the_channels_that_voted(room: Room) -> None:
    """Counted in the room, in advance and by phone: the sum, with the channels named, in
    the phone's language (from the result's facts, as the minutes write it)."""
    client = joined(room)
    yes, no, abstain = room.options
    _page, token = now(client)
    form(client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(no))
    room.store.set_count(room.poll, yes, Channel.ZAAL, 2)
    room.store.set_count(room.poll, abstain, Channel.DIGITAAL, 1)
    room.store.declare_poll(room.poll)
    page, _token = now(client)
    assert "Aangenomen: 2 voor, 1 tegen, 1 onthouding (telefoon, zaal en vooraf samen)." in page
    english = client.get("/nu?lang=en").text
    assert (
        "Adopted: 2 for, 1 against, 1 abstention (phones, the room and in advance together)."
        in english
    )


def test_a_tie_and_a_rejection_in_plain_words(room: Room) -> None:
    client = joined(room)
    yes, no, _abstain = room.options
    room.store.set_count(room.poll, yes, Channel.ZAAL, 1)
    room.store.set_count(room.poll, no, Channel.ZAAL, 1)
    room.store.declare_poll(room.poll)
    assert "Verworpen, de stemmen staakten: 1 voor, 1 tegen, 0 onthoudingen." in now(client)[0]
    second = room.store.create_poll(room.item, "Komen er bankjes?")
    room.store.set_count(second.id, second.options[1].id, Channel.ZAAL, 2)
    room.store.declare_poll(second.id)
    assert "Verworpen: 0 voor, 2 tegen, 0 onthoudingen." in now(client)[0]


def test_the_options_of_a_for_against_vote_speak_the_phones_language(room: Room) -> None:
    client = joined(room)
    yes, no, abstain = room.options
    page = client.get("/nu?lang=en").text
    assert f'value="{yes}">For</button>' in page and f'value="{no}">Against</button>' in page
    assert f'value="{abstain}">Abstain</button>' in page
    page = client.get("/nu?lang=nl").text
    assert f'value="{yes}">Voor</button>' in page


def test_a_vote_with_voting_cards_asks_for_the_code(room: Room) -> None:
    poll = room.store.create_poll(room.item, "Nemen we het besluit over de bankjes?")
    room.store.set_poll_ballot(poll.id, Ballot.STEMKAART)
    client = joined(room)
    page, token = now(client)
    assert '<label for="kaart">Code van uw stemkaart</label>' in page
    code = room.voting_cards[0]
    typed = " " + "-".join(code[i : i + 4] for i in range(0, 16, 4)).lower() + " "
    option = poll.options[1].id
    response = form(
        client, "/stem", csrf=token, poll_id=str(poll.id), option_id=str(option), kaart=typed
    )
    assert response.status_code == 303
    assert phone_counts(room.path, poll.id) == {option: 1}
    voters = dump(room.path)["pollvoter"]
    assert len(voters) == 1 and voters[0][2] is None and voters[0][3] is not None  # the card
    page, _token = now(client)
    assert "Uw stem is geteld." not in page  # the card voted, not the phone: it may carry another


def card_vote(room: Room) -> Any:
    poll = room.store.create_poll(room.item, "Nemen we het besluit over de bankjes?")
    room.store.set_poll_ballot(poll.id, Ballot.STEMKAART)
    return poll


def test_a_scanned_voting_card_fills_in_its_code_and_is_still_checked(room: Room) -> None:
    """The card's QR code (/?k=CODE, baz stemkaarten --adres) after joining: the code is kept
    in a session cookie (not in the address), filled in at a vote with a card, and counted
    once — the Store checks it at the vote as it checks a typed code."""
    poll = card_vote(room)
    client = joined(room)
    code = room.voting_cards[1]
    before = dump(room.path)
    response = client.get(f"/?k={code.lower()}")
    assert response.status_code == 303 and response.headers["location"] == "/nu"
    assert dump(room.path) == before  # reading a card writes nothing
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"baz_kaart={code};") and "HttpOnly" in cookie
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()  # a session cookie
    assert "SameSite=strict" in cookie
    page, token = now(client)
    assert "Uw stemkaart is gelezen" in page
    printed = "-".join(code[i : i + 4] for i in range(0, 16, 4))
    assert f'value="{printed}"' in page
    option = poll.options[0].id
    form(client, "/stem", csrf=token, poll_id=str(poll.id), option_id=str(option), kaart=printed)
    assert phone_counts(room.path, poll.id) == {option: 1}
    # The same card again (another vote of the same poll through this phone): refused.
    page, token = now(client)
    form(client, "/stem", csrf=token, poll_id=str(poll.id), option_id=str(option), kaart=printed)
    assert phone_counts(room.path, poll.id) == {option: 1}
    assert "Met deze stemkaart is in deze stemming al gestemd." in now(client)[0]


def test_a_voting_cards_qr_code_before_joining_keeps_the_code_through_the_join(
    room: Room,
) -> None:
    """Scanned first: the join form says the card is read; with c= too, it joins at once."""
    card_vote(room)
    client = client_for(room.store, room.meeting)
    code = room.voting_cards[2]
    response = client.get(f"/?k={code}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert count_rows(room.path, "phone") == 0
    page = client.get("/").text
    assert "Uw stemkaart is gelezen" in page and "vergadercode" in page.lower()
    response = client.post("/", data={"csrf": csrf_of(page), "code": room.code})
    assert response.status_code == 303 and response.headers["location"] == "/nu"
    assert f'value="{code[:4]}-' in now(client)[0]

    both = client_for(room.store, room.meeting)
    response = both.get(f"/?c={room.code}&k={room.voting_cards[0]}")
    assert response.status_code == 303 and response.headers["location"] == "/nu"
    assert f"baz_kaart={room.voting_cards[0]};" in response.headers["set-cookie"]
    assert f'value="{room.voting_cards[0][:4]}-' in now(both)[0]


def test_a_kept_card_code_is_only_filled_in_where_a_vote_asks_for_one(room: Room) -> None:
    client = joined(room)
    client.get(f"/?k={room.voting_cards[0]}")
    page, _token = now(client)  # the open vote of the room needs no card
    assert 'name="kaart"' not in page and room.voting_cards[0][:4] not in page


def test_dots_show_what_is_left_and_go_on_and_off(room: Room) -> None:
    client = joined(room)
    idea = room.ideas[0]
    page, token = now(client)
    assert "U heeft nog 3 stippen." in page and IDEAS[0] in page
    assert form(client, "/stip", csrf=token, card_id=str(idea), delta="1").status_code == 303
    page, token = now(client)
    assert "Uw stip is geplakt." in page and "U heeft nog 2 stippen." in page
    assert "U gaf dit 1 stip." in page and "Nog geen stip van u." in page
    assert room.store.analysis_state(room.item).ideas[0].dots == 1  # the chair's tree shows it
    form(client, "/stip", csrf=token, card_id=str(idea), delta="-1")
    page, _token = now(client)
    assert "Uw stip is teruggehaald." in page and "U heeft nog 3 stippen." in page
    dots = dump(room.path)["phonedot"]
    assert [(row[1], row[3]) for row in dots] == [(idea, 0)]


def test_handing_in_a_card(room: Room) -> None:
    client = joined(room)
    page, token = now(client)
    assert '<label for="text">Uw kaart</label>' in page
    assert '<label for="kind-oplossing">Idee</label>' in page
    response = form(
        client,
        "/kaart",
        csrf=token,
        item_id=str(room.item),
        kind="oplossing",
        text="  Meer bankjes  ",
    )
    assert response.status_code == 303
    inbox = room.store.room_inbox(room.item)
    assert [(c.kind.value, c.text) for c in inbox] == [("oplossing", "Meer bankjes")]
    page, _token = now(client)
    assert "Uw kaart is ingeleverd; de notulist bekijkt hem." in page


def test_a_refusal_of_the_store_is_shown_once_on_the_next_page(room: Room) -> None:
    client = joined(room)
    yes, no, _abstain = room.options
    _page, token = now(client)
    form(client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(yes))
    again = form(client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(no))
    assert again.status_code == 303
    page, _token = now(client)
    assert 'role="alert">U heeft in deze stemming al gestemd.' in page
    assert "al gestemd" not in now(client)[0]  # shown once (Post/Redirect/Get)
    assert phone_counts(room.path, room.poll) == {yes: 1}


def test_english_on_request_and_remembered(room: Room) -> None:
    client = joined(room)
    page = client.get("/nu?lang=en")
    assert '<html lang="en">' in page.text and "Tap your choice once:" in page.text
    assert "baz_lang=en" in page.headers["set-cookie"]
    page, token = now(client)
    assert '<html lang="en">' in page and "Nederlands" in page
    form(client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(room.options[0]))
    assert "Your vote has been counted." in now(client)[0]
    again = form(
        client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(room.options[0])
    )
    assert again.status_code == 303
    assert "You have already voted in this vote." in now(client)[0]  # the Store speaks English
    assert '<html lang="nl">' in client.get("/nu?lang=nl").text


def test_the_refresh_script_and_the_version_of_now(room: Room) -> None:
    client = joined(room)
    page, token = now(client)
    assert '<script src="/static/room.js"></script>' in page
    version = re.search(r'data-version="([0-9a-f]+)"', page)
    assert version and client.get("/nu/versie").text == version.group(1)
    form(client, "/stip", csrf=token, card_id=str(room.ideas[1]), delta="1")
    assert client.get("/nu/versie").text != version.group(1)
    script = client.get("/static/room.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "XMLHttpRequest" in script.text and "http" not in script.text.replace("XMLHttp", "")
    css = client.get("/static/room.css").text
    assert "min-height: 48px" in css and "@import" not in css and "url(" not in css


def test_the_version_changes_when_the_chair_declares(room: Room) -> None:
    client = joined(room)
    before = client.get("/nu/versie").text
    room.store.declare_poll(room.poll)
    assert client.get("/nu/versie").text != before


def test_a_quiet_room_says_there_is_nothing_to_do(room: Room) -> None:
    client = joined(room)
    room.store.next_item(room.meeting)  # the next item has no vote, no ideas, no core problem
    page = client.get("/nu").text
    assert "Er is nu niets om over te stemmen of in te leveren." in page
    assert 'href="/nu">Vernieuwen</a>' in page


def test_a_closed_room_says_so(room: Room) -> None:
    client = joined(room)
    room.store.close_room(room.meeting)
    page = client.get("/nu")
    assert page.status_code == 410 and "De voorzitter heeft de zaal gesloten" in page.text
    before = dump(room.path)
    token = csrf_token(b"k" * 32, client.cookies.get("baz_phone") or "")
    vote = form(client, "/stem", csrf=token, poll_id=str(room.poll), option_id=str(room.options[0]))
    assert vote.status_code == 303 and dump(room.path) == before


def test_unknown_pages_and_methods_get_a_page(room: Room) -> None:
    client = client_for(room.store, room.meeting)
    missing = client.get("/admin")
    assert missing.status_code == 404 and "Deze pagina bestaat niet" in missing.text
    wrong = client.delete("/nu")
    assert wrong.status_code == 405 and "Zo werkt deze pagina niet" in wrong.text
    assert client.get("/stem").status_code == 405


def test_the_real_server_process_serves_and_stops(tmp_path: Any) -> None:
    from baz_tui.room.server import start_room_server
    from models.store import Store

    url = f"sqlite:///{tmp_path / 'baz.db'}"
    store = Store.open(url)
    meeting = store.create_meeting("Bewonersavond", date(2026, 12, 1), time(19, 30))
    store.close()
    server = start_room_server(url, meeting.id, "127.0.0.1", 0)
    try:
        assert server.url.startswith("http://127.0.0.1:") and server.code
        with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), 5) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200") and b"Vergadercode" in answer
        assert b"content-security-policy" in answer.lower()
    finally:
        server.stop()
    assert not server.running
    store = Store.open(url)
    try:
        info = store.room_info(meeting.id)
        assert info is None or not info.is_open  # stopping the server closed the room
    finally:
        store.close()
