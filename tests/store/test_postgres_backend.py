"""The same BaZ on a PostgreSQL server: following changes, reading only, sorting, clear failures.

The tests that take ``store_url`` or ``store`` run on SQLite and on PostgreSQL (see
``tests/conftest.py``): what the chair's laptop and the beamer see must not depend on it.
"""

from __future__ import annotations

import time as clock_time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine
from sqlalchemy.engine import make_url

from models.beamer import BeamerFeed
from models.database import Database, _unusable, describe_failure
from models.database.changes import ChangeSignal
from models.domain import CardKind, Channel, Presence
from models.errors import BazError, DatabaseError
from models.i18n import _
from models.records.beamer import BeamerChoice, Phase, Showing
from models.store import Store
from tests.conftest import Clock, everyone_present_item_running

#: A notification travels through the server's socket: give it a moment to arrive.
ARRIVAL_S = 2.0


def _changed_soon(signal: ChangeSignal, database: Database) -> bool:
    """Whether the signal says "changed" within the time a change takes to arrive: ARRIVAL_S
    on the server; SQLite's change counter answers at once, so there one look is the answer
    (and "no change" costs no wait)."""
    wait = ARRIVAL_S if database.engine.dialect.name == "postgresql" else 0.0
    deadline = clock_time.monotonic() + wait
    while True:
        if signal.changed():
            return True
        if clock_time.monotonic() >= deadline:
            return False
        clock_time.sleep(0.005)


@pytest.fixture
def chair(store_url: str, clock: Clock) -> Iterator[Store]:
    s = Store.open(store_url, clock=clock)
    yield s
    s.close()


@pytest.fixture
def beamer(chair: Store, store_url: str, clock: Clock) -> Iterator[Store]:
    """The beamer's Store on the same database, opened read-only."""
    s = Store(Database.open_read_only(store_url), clock)
    yield s
    s.close()


@pytest.fixture
def evening(chair: Store):  # type: ignore[no-untyped-def]
    meeting = chair.create_meeting("Bewonersavond", date(2026, 12, 1), time(19, 30))
    for name in ("Jan de Vries", "Fatima Ouali", "Piet Jansen"):
        chair.add_attendee(meeting.id, name)
    return chair.get_meeting(meeting.id)


# ------------------------------------------------------------------ following changes


def test_the_signal_is_exact_and_sees_every_action_the_beamer_shows(
    chair: Store, beamer: Store, evening
) -> None:  # type: ignore[no-untyped-def]
    signal = ChangeSignal(beamer.database)
    assert signal.exact  # SQLite's change counter, PostgreSQL's notifications
    assert signal.changed() is True  # the first look
    assert signal.changed() is False
    item_id = everyone_present_item_running(chair, evening)
    assert _changed_soon(signal, beamer.database)
    who = {a.name: a.id for a in chair.list_attendees(evening.id)}
    chair.add_speaker(item_id, who["Jan de Vries"])
    done: dict[str, Any] = {}  # what an action returned, for the undo after it
    poll = chair.create_poll(item_id, "Lampen erbij?")
    card = chair.add_card(item_id, CardKind.OPLOSSING, "Lampen").ideas[0]
    assert _changed_soon(signal, beamer.database)
    actions = [
        lambda: chair.show_on_beamer(evening.id, BeamerChoice(Showing.VOTES)),
        lambda: chair.add_speaker(item_id, who["Fatima Ouali"]),
        lambda: done.update(floor=chair.next_speaker(item_id)),
        lambda: chair.undo_speakers(done["floor"].undo),
        lambda: chair.add_dots(card.id, 1),
        lambda: chair.update_card(card.id, text="Meer lampen"),  # same length as before: seen
        lambda: chair.add_to_count(poll.id, poll.options[0].id, Channel.ZAAL, 1),
        lambda: chair.declare_poll(poll.id),
        lambda: chair.set_presence(who["Piet Jansen"], Presence.AFWEZIG),
        lambda: chair.start_break(evening.id),
        lambda: chair.end_break(evening.id),
        lambda: chair.close_meeting(evening.id),
    ]
    for number, action in enumerate(actions):
        action()
        assert _changed_soon(signal, beamer.database), f"action {number} was not noticed"
        assert signal.changed() is False, f"action {number} was announced twice"
    # Reading is no change, and neither is a commit that changed nothing.
    chair.speaker_state(item_id)
    chair.list_attendees(evening.id)
    chair.show_on_beamer(evening.id, BeamerChoice(Showing.VOTES))
    assert not _changed_soon(signal, beamer.database)
    signal.close()


def test_a_refused_action_announces_nothing(chair: Store, beamer: Store, evening) -> None:  # type: ignore[no-untyped-def]
    signal = ChangeSignal(beamer.database)
    signal.changed()
    with pytest.raises(BazError):
        chair.add_agenda_item(evening.id, "   ")  # refused before anything is written
    with pytest.raises(BazError):
        chair.next_speaker(chair.list_agenda(evening.id)[0].id)  # nobody waiting
    assert not _changed_soon(signal, beamer.database)
    signal.close()


def test_the_beamer_follows_and_reads_only_after_a_change(
    chair: Store, beamer: Store, evening
) -> None:  # type: ignore[no-untyped-def]
    feed = BeamerFeed(beamer, evening.id)
    first = feed.poll()
    assert first is not None and first.phase is Phase.NOT_STARTED
    for _round in range(50):
        assert feed.poll() is None
    assert feed.reads == 1, "nothing changed, so nothing may be read"
    chair.start_meeting(evening.id)
    deadline = clock_time.monotonic() + ARRIVAL_S
    view = feed.poll()
    while view is None and clock_time.monotonic() < deadline:
        clock_time.sleep(0.005)
        view = feed.poll()
    assert view is not None and view.phase is Phase.RUNNING
    assert feed.reads == 2
    feed.close()


def test_the_signal_comes_back_after_its_connection_is_lost(
    chair: Store, beamer: Store, evening, backend: str
) -> None:  # type: ignore[no-untyped-def]
    signal = ChangeSignal(beamer.database)
    signal.changed()
    assert signal.changed() is False
    signal.close()  # as a dropped connection: the next look makes a new one
    assert signal.changed() is True  # what happened meanwhile is not known: read again
    chair.add_attendee(evening.id, "Anna Bakker")
    assert _changed_soon(signal, beamer.database)
    signal.close()


# ------------------------------------------------------------------ reading only


def test_the_beamer_cannot_write(beamer: Store, evening) -> None:  # type: ignore[no-untyped-def]
    for write in (
        lambda: beamer.start_meeting(evening.id),
        lambda: beamer.add_attendee(evening.id, "Inbreker"),
        lambda: beamer.show_on_beamer(evening.id, BeamerChoice(Showing.VOTES)),
    ):
        with pytest.raises(DatabaseError):
            write()
    assert [a.name for a in beamer.list_attendees(evening.id)] == [
        "Fatima Ouali",
        "Jan de Vries",
        "Piet Jansen",
    ]


def test_on_the_server_the_beamer_says_it_only_reads(postgres_server, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.store_database()
    chair = Store.open(url, clock=clock)
    meeting = chair.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    beamer = Store(Database.open_read_only(url), clock)
    with pytest.raises(DatabaseError) as refused:
        beamer.add_attendee(meeting.id, "Inbreker")
    assert refused.value.message == _(
        "This window only reads the database (it follows the meeting): it cannot change anything."
    )
    beamer.close()
    chair.close()


def test_after_the_server_dropped_the_connections_the_next_action_works(
    postgres_server, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    """A server restart or a network hiccup between two actions: nothing to notice."""
    url = postgres_server.store_database()
    chair = Store.open(url, clock=clock)
    signal = ChangeSignal(chair.database)
    meeting = chair.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    assert signal.changed() is True
    with postgres_server.admin.connect() as admin:
        dropped = admin.exec_driver_sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = '{make_url(url).database}'"
        ).scalar()
    assert dropped  # the Store's pooled connection and the signal's listener
    person = chair.add_attendee(meeting.id, "Jan")  # a new connection, checked before use
    assert [a.id for a in chair.list_attendees(meeting.id)] == [person.id]
    assert _changed_soon(signal, chair.database)  # the signal listens again and says so
    signal.close()
    chair.close()


def test_reading_only_refuses_an_older_schema_and_changes_nothing(
    chair: Store, store_url: str, evening
) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001_baseline'")
    with pytest.raises(DatabaseError, match="0001_baseline"):
        Database.open_read_only(store_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
            ("0001_baseline",)
        ]
    engine.dispose()


# ------------------------------------------------------------------ the same order everywhere


def test_names_and_titles_sort_the_same_on_every_database(store: Store) -> None:
    meeting = store.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    for name in ("Zoë", "émile", "de Vries", "Els", "anna", "De Boer", "Ömer", "Oscar"):
        store.add_attendee(meeting.id, name)
    assert [a.name for a in store.list_attendees(meeting.id)] == [
        "anna",
        "De Boer",
        "de Vries",
        "Els",
        "émile",
        "Ömer",
        "Oscar",
        "Zoë",
    ]
    for title in ("zwembad", "Speelplein", "Ééndracht", "achterpad"):
        store.create_process(title)
    assert [p.title for p in store.list_processes()] == [
        "achterpad",
        "Ééndracht",
        "Speelplein",
        "zwembad",
    ]


def test_moments_come_back_as_the_same_utc_moment(store: Store, clock: Clock) -> None:
    meeting = store.create_meeting("Avond", date(2026, 3, 29), time(1, 30))
    person = store.add_attendee(meeting.id, "Jan", presence=Presence.AANWEZIG)
    assert store.list_attendees(meeting.id)[0].arrived_at == clock() == person.arrived_at
    assert person.arrived_at is not None and person.arrived_at.utcoffset() is not None


# ------------------------------------------------------------------ failing clearly


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "postgresql://baz@127.0.0.1:1/baz",
            "No PostgreSQL server answers at {host}: is it running, and is the address right?",
        ),
        (
            "postgresql+psycopg://baz:geheim@127.0.0.1:1/baz",
            "No PostgreSQL server answers at {host}: is it running, and is the address right?",
        ),
        (
            "postgres://baz@no-such-host.invalid/baz",
            "The database server “{host}” is unknown: check the address.",
        ),
    ],
)
def test_an_unreachable_server_is_one_clear_line(url: str, expected: str) -> None:
    """No server needed: the address alone fails (psycopg 3 is used for postgresql://)."""
    with pytest.raises(DatabaseError) as refused:
        Store.open(url)
    host = "no-such-host.invalid" if "invalid" in url else "127.0.0.1:1"
    assert refused.value.message == _(expected).format(host=host)
    assert "geheim" not in refused.value.message


def test_a_missing_database_or_role_on_the_server_is_one_clear_line(
    postgres_server,
) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.url
    host = str(url.query.get("host") or url.host)
    if url.port:
        host = f"{host}:{url.port}"
    missing = url.set(database="baz_nobody_made_this")
    with pytest.raises(DatabaseError) as refused:
        Store.open(missing.render_as_string(hide_password=False))
    assert refused.value.message == _(
        "There is no database “{database}” on the PostgreSQL server at {host}: create it "
        "first (see “PostgreSQL” in the README)."
    ).format(database="baz_nobody_made_this", host=host)
    stranger = url.set(username="baz_no_such_role", password=None)
    with pytest.raises(DatabaseError) as refused:
        Database.open_read_only(stranger.render_as_string(hide_password=False))
    assert refused.value.message == _(
        "The PostgreSQL server at {host} does not let the user “{user}” in: ask its "
        "administrator for a role (see “PostgreSQL” in the README)."
    ).format(host=host, user="baz_no_such_role")


def test_a_wrong_password_and_a_missing_driver_are_one_clear_line() -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    url = make_url("postgresql+psycopg://baz:geheim@db.wijkcentrum.nl/baz")
    wrong = OperationalError(
        "connect",
        {},
        Exception(
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
            'FATAL:  password authentication failed for user "baz"'
        ),
    )
    assert describe_failure(wrong, None, url) == _(
        "The PostgreSQL server at {host} refused the user “{user}”: the password is wrong."
    ).format(host="db.wijkcentrum.nl", user="baz")
    assert _unusable(str(url), url, ModuleNotFoundError("No module named 'psycopg'")) == _(
        "BaZ was installed without PostgreSQL support; install it with: pip install 'baz[postgres]'"
    )


# ------------------------------------------------------------------ a server that does not answer

LOCK_WAITED = _(
    "The database does not answer: it waits for another laptop that is changing the same "
    "thing. Nothing was changed; try again in a moment."
)
NO_ANSWER = _(
    "The database does not answer in time. Nothing was changed; try again in a moment, and if "
    "this keeps happening, check the database server."
)


def _with_options(url: str, options: str) -> str:
    """``url`` with the server options of its own (they win over BaZ's)."""
    return make_url(url).update_query_dict({"options": options}).render_as_string(False)


def test_every_connection_to_the_server_waits_a_bounded_time(postgres_server) -> None:  # type: ignore[no-untyped-def]
    from models.database import (
        SERVER_IDLE_IN_TRANSACTION_TIMEOUT,
        SERVER_KEEPALIVES,
        SERVER_LOCK_TIMEOUT,
        SERVER_STATEMENT_TIMEOUT,
    )

    url = postgres_server.store_database()
    for database in (Database.open(url), Database.open_read_only(url)):
        with database.engine.connect() as connection:
            shown = [
                connection.exec_driver_sql(f"SHOW {name}").scalar()
                for name in ("statement_timeout", "lock_timeout")
            ]
            idle = connection.exec_driver_sql(
                "SELECT setting::int FROM pg_settings "
                "WHERE name = 'idle_in_transaction_session_timeout'"
            ).scalar()
            libpq = connection.connection.driver_connection.info.get_parameters()  # type: ignore[union-attr]
        database.close()
        assert shown == [SERVER_STATEMENT_TIMEOUT, SERVER_LOCK_TIMEOUT]
        assert f"{idle // 1000}s" == SERVER_IDLE_IN_TRANSACTION_TIMEOUT
        assert {k: libpq[k] for k in SERVER_KEEPALIVES} == {
            k: str(v) for k, v in SERVER_KEEPALIVES.items()
        }


@contextmanager
def _held_elsewhere(url: str) -> Iterator[Connection]:
    """Another connection (another laptop, an administrator) in a transaction: the locks it
    takes are kept until it is rolled back, at the end of the ``with``."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            try:
                yield connection
            finally:
                transaction.rollback()
    finally:
        engine.dispose()


def test_a_row_held_elsewhere_ends_in_a_sentence_and_changes_nothing(
    postgres_server, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.store_database()
    chair = Store.open(_with_options(url, "-c lock_timeout=300ms"), clock=clock)
    meeting = chair.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    with _held_elsewhere(url) as other:
        other.exec_driver_sql(f"SELECT id FROM meeting WHERE id = {meeting.id} FOR UPDATE")
        began = clock_time.monotonic()
        with pytest.raises(DatabaseError) as refused:
            chair.start_meeting(meeting.id)
        assert clock_time.monotonic() - began < 5
        assert refused.value.message == LOCK_WAITED
        assert chair.get_meeting(meeting.id) == meeting  # not started, nothing half-saved
    # The other laptop's action has ended: the next try works.
    assert chair.start_meeting(meeting.id).meeting.actual_start is not None
    chair.close()


def test_a_server_that_does_not_answer_ends_in_a_sentence_and_changes_nothing(
    postgres_server, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    """Stalled for whatever reason (here: a table locked by hand, waited for without a lock
    limit): the statement's own limit ends it."""
    url = postgres_server.store_database()
    chair = Store.open(
        _with_options(url, "-c lock_timeout=0 -c statement_timeout=300ms"), clock=clock
    )
    meeting = chair.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    with _held_elsewhere(url) as other:
        other.exec_driver_sql("LOCK TABLE attendee IN ACCESS EXCLUSIVE MODE")
        began = clock_time.monotonic()
        with pytest.raises(DatabaseError) as refused:
            chair.add_attendee(meeting.id, "Jan de Vries")
        assert clock_time.monotonic() - began < 5
        assert refused.value.message == NO_ANSWER
    assert chair.list_attendees(meeting.id) == []  # nothing half-saved
    chair.add_attendee(meeting.id, "Jan de Vries")
    assert [a.name for a in chair.list_attendees(meeting.id)] == ["Jan de Vries"]
    chair.close()
