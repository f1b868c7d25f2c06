"""Crash safety: a scripted meeting written through the Store, killed with SIGKILL, many times.

A child process runs a fixed residents' meeting (100 Store calls) through the real
:class:`models.store.Store` on a SQLite file: attendees and attendance at the door, the agenda item by item, speakers and
their pauses, the note-taker's notes, a problem analysis with cards and dots, a vote counted
hand by hand and declared, decisions, action points, a break, the close. After each Store call
has *returned* it writes one line ``ack <step> <name>`` to its pipe (unbuffered): that action is
acknowledged, as a screen that has updated is to the chair.

The parent kills the child with SIGKILL at a random moment (seeded): after a random number of
acknowledged actions plus a random delay shorter than two actions, so that kills land inside
transactions, inside commits and between them, and sometimes while the database is opened or
created. After each kill it copies the files (database, WAL, shared memory) as the kill left
them and checks the copy:

- ``PRAGMA integrity_check`` is ``ok`` (and ``foreign_key_check`` finds nothing);
- the content of every table equals, row by row and column by column, the content a
  reference run of the same script has after exactly the acknowledged actions — or after one
  more: the action in flight may have committed just before the kill, before it could say so.
  So every acknowledged action's own effect is there (its row, its moment, its count), and
  nothing else is. The reference runs the script once without kills, with the same clock
  (every moment is a function of the step), so the comparison is exact;
- the app can open the meeting: a Store opens the copy the way the app does and reads every
  state the app's screens read (agenda, attendance, each item's speakers, analysis and votes,
  decisions, action list, the minutes preview) and the beamer's picture, read-only. After the
  last kill, the real app (``baz_tui.app.BazApp``) runs headless on the database as the last
  kill that left a meeting had left it, opens the meeting and visits every screen (F2–F8).

Then the next child **resumes** on the original files — hot WAL and all — from the step the
database is at. That is what happens on the evening itself: the chair's laptop crashes, BaZ is
started again on the same file, and the meeting goes on; it also tests a crash during the
recovery of an earlier crash. When a child gets to the end of the script, the whole meeting
must equal the reference's, and the next round starts on a new file (so kills also hit the
creation of a database).

    python -m bench.crash --kills 200                  # the long run
    python -m bench.crash --kills 200 --seed 7 --json crash.json
    python -m bench.crash --kills 20 --spawn           # a fresh interpreter per child
    python -m bench.crash --app --kills 20             # the real app instead (bench.crash_app)

``--app`` runs :mod:`bench.crash_app`: the real app in a pty, notes typed without a pause and
random keys on every screen, killed with SIGKILL; no acknowledged action may be lost, notes
included (see that module).

By default the child is forked from the runner after the Store's modules are imported (so a
kill costs milliseconds, not the two seconds an interpreter needs to import SQLAlchemy); it
opens its own database connection after the fork, like a new process. ``--spawn`` starts each
child as ``python -m bench.crash --child ...`` instead, exactly as a restarted app would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The meeting's clock: doors open at 19:22 local on 1 December 2026; each step 20 seconds on.
EVENING = datetime(2026, 12, 1, 18, 22, tzinfo=UTC)
STEP_SECONDS = 20
#: A kill comes after at most this many acknowledged actions of one child.
MAX_ACTIONS_PER_CHILD = 25
#: The tables' ``created_at`` columns are filled from the wall clock, not the Store's clock:
#: compared as "set", not by value.
WALL_CLOCK_COLUMNS = frozenset({"created_at"})


# ---------------------------------------------------------------------- the script


class ScriptMeeting:
    """The child's view of the meeting being played: the Store, the clock, and the ids of
    things by what people call them (looked up in the database, so a resumed child finds what
    an earlier child made)."""

    def __init__(self) -> None:
        self.step = 0
        self.store: Any = None
        self._ids: dict[tuple[str, Any], Any] = {}

    def now(self) -> datetime:
        """Every moment the Store records is a function of the step: resumable, comparable."""
        return EVENING + timedelta(seconds=STEP_SECONDS * self.step)

    def _cached(self, key: tuple[str, Any], find: Callable[[], Any]) -> Any:
        if key not in self._ids:
            self._ids[key] = find()
        return self._ids[key]

    @property
    def meeting_id(self) -> int:
        return int(self._cached(("meeting", None), lambda: self.store.list_meetings()[0].id))

    @property
    def process_id(self) -> int:
        return int(
            self._cached(
                ("process", None), lambda: self.store.get_meeting(self.meeting_id).process.id
            )
        )

    def attendee(self, name: str) -> int:
        def find() -> int:
            return next(a.id for a in self.store.list_attendees(self.meeting_id) if a.name == name)

        return int(self._cached(("attendee", name), find))

    def item(self, position: int) -> int:
        def find() -> int:
            return self.store.list_agenda(self.meeting_id)[position].id

        return int(self._cached(("item", position), find))

    def poll(self, position: int) -> Any:
        """The newest poll of the item (read every time: its counts change)."""
        return self.store.list_polls(self.item(position))[-1]

    def option(self, position: int, label: str) -> int:
        """An option of the item's newest poll; for/against/abstain by their place."""

        def find() -> int:
            place = ("voor", "tegen", "onthouding").index(label)
            return next(o.id for o in self.poll(position).options if o.position == place)

        return int(self._cached(("option", (position, label)), find))

    def card(self, position: int, text: str) -> int:
        def find() -> int:
            state = self.store.analysis_state(self.item(position))
            cards = [state.core, *state.causes, *state.effects, *state.ideas]
            seen: list[Any] = []
            while cards:
                card = cards.pop()
                if card is not None:
                    seen.append(card)
                    cards.extend(card.children)
            return next(c.id for c in seen if c.text == text)

        return int(self._cached(("card", (position, text)), find))


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[ScriptMeeting], Any]


#: Standard agenda positions with three content items (see models.rules.agenda_template).
OPENING, ADOPT, NEWS, POST, MINUTES, ACTIONS = 0, 1, 2, 3, 4, 5
FEEDBACK, ANALYSIS, CHOICE, ROUND, CLOSING = 6, 7, 8, 9, 10

PEOPLE = (
    ("Ria Smit", "voorzitter", "naam"),
    ("Henk Mulder", "notulist", "naam"),
    ("Jan de Vries", "bewoner", "naam"),
    ("Fatima Ouali", "bewoner", "anoniem"),
    ("Piet Jansen", "bewoner", "initialen"),
    ("Anna Bakker", "bewoner", "anoniem"),
    ("Yusuf Demir", "bewoner", "naam"),
    ("Lotte Kramer", "bewoner", "anoniem"),
    ("Mohammed El Amrani", "gemeente", "naam"),
    ("Els Verbeek", "corporatie", "naam"),
    ("Kees Dekker", "wijkagent", "naam"),
    ("Sanne Visser", "gast", "anoniem"),
)
ABSENT_WITH_NOTICE = "Lotte Kramer"
NOTES = (
    "Bewoners willen meer schaduw en bankjes.",
    "- de gemeente kijkt naar de toestellen",
    "- de corporatie wil meedenken over het onderhoud",
    "Bewoner 3 vraagt naar de planning; antwoord volgt.",
)


def meeting_script() -> list[Step]:
    """The scripted evening, one Store call per step (about 130), always the same."""
    from models.domain import (
        CardKind,
        Channel,
        ParticipationLevel,
        Presence,
        Purpose,
        Role,
    )
    from models.rules.agenda_template import TemplateItem

    steps: list[Step] = []

    def add(name: str, run: Callable[[ScriptMeeting], Any]) -> None:
        steps.append(Step(name, run))

    content = (
        TemplateItem("Terugkoppeling enquête speelplein", Purpose.INFORMATIE, 15),
        TemplateItem("Probleemanalyse: gebruik van het speelplein", Purpose.BESPREKING, 35),
        TemplateItem("Keuze ontwerprichting", Purpose.BESLUITVORMING, 25),
    )
    add(
        "create meeting",
        lambda m: m.store.create_meeting(
            "Bewonersavond speelplein Wielwijk",
            date(2026, 12, 1),
            clock_time(19, 30),
            location="Wijkcentrum De Wielslag",
            new_process_title="Herinrichting speelplein Wielwijk",
            scheduled_end_time=clock_time(21, 30),
            chair="Ria Smit",
            note_taker="Henk Mulder",
            content_items=content,
        ),
    )
    add(
        "set the frames of the process",
        lambda m: m.store.update_process(
            m.process_id,
            participation_level=ParticipationLevel.MEEBESLISSEN,
            budget_euro_cents=8_500_000,
            decision_deadline=date(2027, 3, 1),
            fixed_text="Het plein blijft een speelplek.",
            open_text="De inrichting en de toestellen.",
        ),
    )
    for name, role, consent in PEOPLE:
        add(
            f"add attendee {name}",
            lambda m, n=name, r=role, c=consent: m.store.add_attendee(m.meeting_id, n, Role(r), c),
        )
    for name, _role, _consent in PEOPLE:
        presence = Presence.AFWEZIG_MET_KENNISGEVING if name == ABSENT_WITH_NOTICE else None
        if name == "Sanne Visser":
            continue  # the guest never comes: stays "unknown"
        add(
            f"mark {name} {'absent with notice' if presence else 'present'}",
            lambda m, n=name, p=presence or Presence.AANWEZIG: m.store.set_presence(
                m.attendee(n), p
            ),
        )
    add("start the meeting", lambda m: m.store.start_meeting(m.meeting_id))
    add("start item 1", lambda m: m.store.start_item(m.item(OPENING)))
    add("notes on item 1", lambda m: m.store.save_notes(m.item(OPENING), "Welkom door Ria."))
    add("next item (2)", lambda m: m.store.next_item(m.meeting_id))
    add("adopt the agenda", lambda m: m.store.adopt_agenda(m.meeting_id))
    add(
        "make item 3 a hamerstuk",
        lambda m: m.store.update_agenda_item(m.item(NEWS), hamerstuk=True),
    )
    add("next item (3)", lambda m: m.store.next_item(m.meeting_id))
    add("gavel item 3", lambda m: m.store.hamer_item(m.item(NEWS)))
    for position in (POST, MINUTES, ACTIONS):
        add(f"next item ({position + 1})", lambda m: m.store.next_item(m.meeting_id))
    add(
        "notes on the action list",
        lambda m: m.store.save_notes(m.item(ACTIONS), "Geen open actiepunten."),
    )

    # Feedback on the survey: speakers, a paused speaker, notes as they are typed.
    add("next item (7)", lambda m: m.store.next_item(m.meeting_id))
    for name in ("Jan de Vries", "Fatima Ouali", "Mohammed El Amrani", None, "Piet Jansen"):
        add(
            f"speaker {name or 'anonymous resident'} asks for the floor",
            lambda m, n=name: m.store.add_speaker(m.item(FEEDBACK), m.attendee(n) if n else None),
        )
    add("next speaker", lambda m: m.store.next_speaker(m.item(FEEDBACK)))
    add("pause the speaker", lambda m: m.store.pause_speaker(m.item(FEEDBACK)))
    add("resume the speaker", lambda m: m.store.resume_speaker(m.item(FEEDBACK)))
    notes = ""
    for count, line in enumerate(NOTES):
        notes += line + "\n"
        add(f"next speaker ({count + 2})", lambda m: m.store.next_speaker(m.item(FEEDBACK)))
        add(
            f"notes on item 7 ({count + 1})",
            lambda m, t=notes: m.store.save_notes(m.item(FEEDBACK), t),
        )
    add("previous speaker back", lambda m: m.store.previous_speaker_back(m.item(FEEDBACK)))
    add("stop the speaker", lambda m: m.store.stop_speaker(m.item(FEEDBACK)))
    add(
        "decision on item 7",
        lambda m: m.store.add_decision(
            m.meeting_id,
            "De uitkomst van de enquête wordt op de website gezet.",
            item_id=m.item(FEEDBACK),
        ),
    )
    add(
        "action point on item 7",
        lambda m: m.store.add_action(
            m.meeting_id,
            "Uitkomst enquête publiceren",
            who="Mohammed El Amrani",
            due=date(2026, 12, 15),
            item_id=m.item(FEEDBACK),
        ),
    )

    # The residents' problem analysis: a tree of cards, dots on the ideas.
    add("next item (8)", lambda m: m.store.next_item(m.meeting_id))
    core = "Het speelplein wordt weinig gebruikt"
    add(
        "core problem",
        lambda m: m.store.add_card(m.item(ANALYSIS), CardKind.KERNPROBLEEM, core),
    )
    cards = (
        (CardKind.OORZAAK, "Toestellen zijn kapot"),
        (CardKind.OORZAAK, "Geen schaduw"),
        (CardKind.OORZAAK, "Hangjongeren 's avonds"),
        (CardKind.GEVOLG, "Kinderen spelen op straat"),
        (CardKind.GEVOLG, "Ouders blijven thuis"),
    )
    for kind, text in cards:
        add(
            f"card: {text}",
            lambda m, k=kind, t=text: m.store.add_card(
                m.item(ANALYSIS), k, t, parent_id=m.card(ANALYSIS, core)
            ),
        )
    ideas = (
        ("Nieuwe toestellen", "Toestellen zijn kapot"),
        ("Bomen planten", "Geen schaduw"),
        ("Buurtvaders", None),
    )
    for text, cause in ideas:
        add(
            f"idea: {text}",
            lambda m, t=text, c=cause: m.store.add_card(
                m.item(ANALYSIS),
                CardKind.OPLOSSING,
                t,
                parent_id=m.card(ANALYSIS, c) if c else None,
            ),
        )
    for text in ("Nieuwe toestellen", "Bomen planten", "Nieuwe toestellen", "Buurtvaders"):
        add(
            f"dot on {text}",
            lambda m, t=text: m.store.add_dots(m.card(ANALYSIS, t), 1),
        )
    add(
        "change a card",
        lambda m: m.store.update_card(
            m.card(ANALYSIS, "Geen schaduw"), text="Geen schaduw op het plein"
        ),
    )
    add(
        "speaker on the analysis",
        lambda m: m.store.add_speaker(m.item(ANALYSIS), m.attendee("Anna Bakker")),
    )
    add("next speaker on the analysis", lambda m: m.store.next_speaker(m.item(ANALYSIS)))
    add(
        "notes on item 8",
        lambda m: m.store.save_notes(m.item(ANALYSIS), "Bewoners kozen de toestellen als eerste."),
    )
    add(
        "action point from an idea",
        lambda m: m.store.add_action(
            m.meeting_id,
            "Offerte nieuwe toestellen",
            who="Els Verbeek",
            item_id=m.item(ANALYSIS),
            source_card_id=m.card(ANALYSIS, "Nieuwe toestellen"),
        ),
    )

    add("start a break", lambda m: m.store.start_break(m.meeting_id))
    add("end the break", lambda m: m.store.end_break(m.meeting_id))

    # The vote: counted by a teller one hand at a time, digital pre-votes typed, declared.
    add("next item (9)", lambda m: m.store.next_item(m.meeting_id))
    add(
        "open the vote",
        lambda m: m.store.create_poll(m.item(CHOICE), "Kiezen we ontwerp B?"),
    )
    hands = ("voor",) * 4 + ("tegen", "onthouding", "tegen")
    for n, label in enumerate(hands):
        add(
            f"a hand {label} ({n + 1})",
            lambda m, lab=label: m.store.add_to_count(
                m.poll(CHOICE).id, m.option(CHOICE, lab), Channel.ZAAL, 1
            ),
        )
    add(
        "take one hand back",
        lambda m: m.store.add_to_count(
            m.poll(CHOICE).id, m.option(CHOICE, "tegen"), Channel.ZAAL, -1
        ),
    )
    for label, count in (("voor", 6), ("tegen", 2)):
        add(
            f"digital pre-votes {label}",
            lambda m, lab=label, c=count: m.store.set_count(
                m.poll(CHOICE).id, m.option(CHOICE, lab), Channel.DIGITAAL, c
            ),
        )
    add(
        "declare the vote",
        lambda m: m.store.declare_poll(
            m.poll(CHOICE).id, decision_text="Besluit: ontwerp B wordt uitgewerkt."
        ),
    )
    add(
        "action point on the vote",
        lambda m: m.store.add_action(
            m.meeting_id,
            "Ontwerp B uitwerken met de bewoners",
            who="Jan de Vries",
            due="2027-01-31",
            item_id=m.item(CHOICE),
        ),
    )

    # Rondvraag: somebody not on the list, then closing.
    add("next item (10)", lambda m: m.store.next_item(m.meeting_id))
    add(
        "a newcomer asks for the floor",
        lambda m: m.store.add_speaker_by_name(m.item(ROUND), "Wim Groen"),
    )
    add("next speaker in the rondvraag", lambda m: m.store.next_speaker(m.item(ROUND)))
    add(
        "notes on the rondvraag",
        lambda m: m.store.save_notes(m.item(ROUND), "Wim vraagt naar de hondenpoep."),
    )
    add("next item (11)", lambda m: m.store.next_item(m.meeting_id))
    add(
        "last decision",
        lambda m: m.store.add_decision(m.meeting_id, "De volgende avond is op 12 januari."),
    )
    add("close the meeting", lambda m: m.store.close_meeting(m.meeting_id))
    return steps


# --------------------------------------------------------------------------- the child


def play(path: Path, start: int, write: Callable[[str], None], stop: int | None = None) -> None:
    """Run the script on ``path`` from step ``start`` (1-based: the next step to do) up to
    step ``stop`` (default: the end), acknowledging each step once its Store call returned."""
    from baz_tui.i18n import install_language
    from models.store import Store

    install_language("nl")  # the texts the Store writes (options, results) are Dutch
    steps = meeting_script()
    write("# imported")
    meeting = ScriptMeeting()
    meeting.step = start
    meeting.store = Store.open(path, clock=meeting.now)
    write("# opened")
    for number in range(start, (stop or len(steps)) + 1):
        meeting.step = number
        steps[number - 1].run(meeting)
        write(f"ack {number} {steps[number - 1].name}")
    meeting.store.close()
    write("# done")


def _child_main(path: Path, start: int, fd: int) -> None:
    """The child's body in either mode; ends the process without any clean-up."""

    def write(line: str) -> None:
        os.write(fd, (line + "\n").encode())  # one write per line, no buffer: sent now

    try:
        play(path, start, write)
    except BaseException:  # noqa: BLE001 — reported to the parent, whatever it is
        message = traceback.format_exc().strip().splitlines()
        write("! " + " | ".join(message[-3:]))
        os._exit(1)
    os._exit(0)


# -------------------------------------------------------------------------- the parent


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in rowid order (wall-clock columns as "set or not")."""
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        content: dict[str, list[tuple[Any, ...]]] = {}
        for name in names:
            cursor = connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            columns = [d[0] for d in cursor.description]
            wall = [n for n, column in enumerate(columns) if column in WALL_CLOCK_COLUMNS]
            rows = []
            for row in cursor:
                values = list(row)
                for n in wall:
                    values[n] = values[n] is not None
                rows.append(tuple(values))
            content[name] = rows
        return content
    finally:
        connection.close()


def integrity(path: Path) -> tuple[str, int]:
    """``PRAGMA integrity_check`` and the number of broken foreign keys."""
    connection = sqlite3.connect(path)
    try:
        result = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
        broken = len(connection.execute("PRAGMA foreign_key_check").fetchall())
        return result, broken
    finally:
        connection.close()


def difference(found: dict[str, list[Any]], expected: dict[str, list[Any]]) -> list[str]:
    """What differs, table by table (first few rows), for a failure report."""
    lines = []
    for table in sorted(set(found) | set(expected)):
        have, want = found.get(table), expected.get(table)
        if have == want:
            continue
        if have is None or want is None:
            lines.append(f"{table}: {'missing' if have is None else 'unexpected'} table")
            continue
        missing = [row for row in want if row not in have][:3]
        extra = [row for row in have if row not in want][:3]
        lines.append(f"{table}: missing {missing} unexpected {extra}")
    return lines


class AppCheck:
    """Opens a crashed database as the app does and reads every state the app's screens and
    the beamer read; raises when anything fails.

    The same engines serve every check (the files under them are replaced between checks,
    with no connection open): a new engine starts with an empty statement cache, and
    compiling the app's statements again each time would be most of the cost of a check
    without testing anything about the database. What an opening does — the schema check,
    WAL mode, the read-only look of the beamer — is done again every time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Any = None
        self.reader: Any = None

    def _open(self) -> None:
        from models.database import Database
        from models.database.migrate import check_schema, prepare_schema
        from models.store import Store

        if self.store is None or self.reader is None:
            self.release()
            self.store = Store.open(self.path)
            self.reader = Store(Database.open_read_only(self.path))
            return
        # What Database.open and Database.open_read_only do, on the engines already there.
        prepare_schema(self.store.engine, self.path)
        with self.store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        # The file under the engine is a new one on purpose: watch this one from now on.
        self.store.database.watch_file()
        check_schema(self.reader.engine)

    def release(self) -> None:
        """Close every connection (before the files are replaced, and before a fork)."""
        for store in (self.store, self.reader):
            if store is not None:
                store.engine.dispose()

    def run(self) -> dict[str, Any]:
        from models.beamer import BeamerFeed
        from models.minutes import build_minutes
        from models.records.beamer import Phase

        try:
            self._open()
            store = self.store
            meetings = store.list_meetings()
            if not meetings:
                return {"meeting": None}
            meeting_id = meetings[0].id
            store.get_meeting(meeting_id)
            store.list_processes()
            store.list_attendees(meeting_id)
            store.attendance_counts(meeting_id)
            agenda = store.agenda_state(meeting_id)
            # Each item screen reads its own item; every item is read, as paging through does.
            for item in agenda.items:
                store.speaker_state(item.id)
                store.analysis_state(item.id)
                store.list_polls(item.id)
            store.meeting_speaking(meeting_id, except_item_id=agenda.running_item_id)
            store.list_decisions(meeting_id)
            store.action_list(meeting_id)
            store.previous_meeting(meeting_id)
            # The minutes screen's preview: every part of the meeting once more, as exported.
            build_minutes(store, meeting_id, public=False)
            feed = BeamerFeed(self.reader)
            try:
                view = feed.poll()
            finally:
                feed.close()
        finally:
            self.release()
        if view is None or view.phase is Phase.UNREADABLE or view.problem:
            raise RuntimeError(f"the beamer could not read the meeting: {view}")
        return {
            "meeting": meeting_id,
            "status": agenda.meeting.status.value,
            "beamer": view.phase.value,
        }


def copy_database(source: Path, target: Path) -> None:
    """The files exactly as the kill left them (nobody has them open now)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


@dataclass
class Child:
    """One child process and what it said."""

    pid: int
    fd: int
    popen: subprocess.Popen[bytes] | None = None
    buffer: bytes = b""
    lines: list[str] = field(default_factory=list)

    def read(self, timeout: float) -> bool:
        """Read what is there (waiting up to ``timeout``); False at end of file."""
        ready, _w, _x = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        chunk = os.read(self.fd, 65536)
        if not chunk:
            return False
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(line.decode() for line in complete)
        return True

    @property
    def acknowledged(self) -> list[int]:
        return [int(line.split()[1]) for line in self.lines if line.startswith("ack ")]

    def said(self, marker: str) -> bool:
        return any(line == marker for line in self.lines)

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def wait(self) -> int:
        """The exit status: the exit code, or minus the signal that ended it."""
        if self.popen is not None:
            code = self.popen.wait()
        else:
            _pid, status = os.waitpid(self.pid, 0)
            code = os.waitstatus_to_exitcode(status)
        while self.read(5.0):  # the rest of the pipe: lines written before the kill count
            pass
        os.close(self.fd)
        return code


def start_child(path: Path, start: int, spawn: bool) -> Child:
    if spawn:
        popen = subprocess.Popen(
            [sys.executable, "-m", "bench.crash", "--child", str(path), "--from", str(start)],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert popen.stdout is not None
        fd = os.dup(popen.stdout.fileno())
        popen.stdout.close()
        return Child(popen.pid, fd, popen)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no connection of the parent is open here (see run)
        os.close(read_end)
        _child_main(path, start, write_end)
    os.close(write_end)
    return Child(pid, read_end)


@dataclass
class Kill:
    round: int
    started_at_step: int
    acknowledged: int  # the last acknowledged step (absolute in the script)
    in_flight_committed: bool
    integrity: str
    meeting_opened: bool


@dataclass
class Outcome:
    kills: list[Kill] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    rounds_completed: int = 0
    children: int = 0
    pilot: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def reference(
    folder: Path, stop: int | None = None
) -> tuple[list[dict[str, list[Any]]], float, float]:
    """The content after each step of an uninterrupted run (up to step ``stop``), and the
    time of an open and of a step (median), which scale the kill delays."""
    from baz_tui.i18n import install_language
    from models.store import Store

    install_language("nl")  # as the child does
    path = folder / "reference.db"
    steps = meeting_script()[:stop]
    meeting = ScriptMeeting()
    started = time.perf_counter()
    meeting.store = Store.open(path, clock=meeting.now)
    opening = time.perf_counter() - started
    states = [snapshot(path)]
    durations = []
    for number, step in enumerate(steps, start=1):
        meeting.step = number
        started = time.perf_counter()
        step.run(meeting)
        durations.append(time.perf_counter() - started)
        states.append(snapshot(path))
    meeting.store.close()
    for earlier, later, step in zip(states[:-1], states[1:], steps, strict=True):
        if earlier == later:
            raise AssertionError(f"the step “{step.name}” changes nothing: it cannot be checked")
    return states, opening, statistics.median(durations)


def check_state(
    path: Path, check: Path, expected: list[dict[str, list[Any]]], last: int, opened: bool
) -> tuple[int | None, str, list[str]]:
    """Check a crashed database through a copy; the step its content is at (None: neither
    the acknowledged one nor the one after), the integrity result, problems found."""
    copy_database(path, check)
    problems = []
    try:
        result, broken = integrity(check)
    except sqlite3.DatabaseError as error:
        result, broken = f"cannot be checked: {error}", 0
    if result != "ok":
        problems.append(f"integrity_check: {result}")
    if broken:
        problems.append(f"foreign_key_check: {broken} rows")
    try:
        found = snapshot(check)
    except sqlite3.DatabaseError as error:
        problems.append(f"the tables cannot be read: {error}")
        return None, result, problems
    matched: int | None = None
    for candidate in (last, last + 1):
        if candidate < len(expected) and found == expected[candidate]:
            matched = candidate
            break
    if matched is None and last == 0 and not opened and not found:
        matched = 0  # killed before the new database had its tables: an empty file is right
    if matched is None:
        problems.append(diagnosis(found, expected, last))
    return matched, result, problems


def diagnosis(found: dict[str, list[Any]], expected: list[dict[str, list[Any]]], last: int) -> str:
    """Which acknowledged action is missing (or what else is wrong), in one line."""
    steps = meeting_script()
    at = next((n for n, state in enumerate(expected) if state == found), None)
    if at is not None and at < last:
        return (
            f"acknowledged actions lost: the database is at step {at}, acknowledged was "
            f"{last}; the first lost is step {at + 1} “{steps[at].name}”"
        )
    if at is not None:
        return f"the database is at step {at}, beyond the acknowledged {last} and the one in flight"
    return f"content matches no step of the script; against step {last}: " + "; ".join(
        difference(found, expected[last])
    )


def run(
    kills: int, seed: int, folder: Path, *, spawn: bool = False, pilot: bool = True, log: Any = None
) -> Outcome:
    """Kill the child ``kills`` times; every check as in the module's text."""
    steps = meeting_script()
    began = time.perf_counter()
    expected, opening, step_time = reference(folder)
    rng = random.Random(seed)
    outcome = Outcome()
    outcome.timings["reference_s"] = time.perf_counter() - began
    checking = 0.0
    round_number, start, last_crash = 1, 1, None
    path = folder / f"round-{round_number}.db"
    check = folder / "check.db"
    app_check = AppCheck(check)
    while len(outcome.kills) < kills and len(outcome.failures) < 5:
        target = rng.randint(0, MAX_ACTIONS_PER_CHILD)
        delay = rng.uniform(0, 2 * (opening if target == 0 else step_time))
        child = start_child(path, start, spawn)
        outcome.children += 1
        killed_at: float | None = None
        while True:
            if not child.read(0.05 if killed_at is None else 5.0):
                break  # the child ended on its own (or after the kill)
            count = len(child.acknowledged)
            armed = child.said("# imported") if target == 0 else count >= target
            if armed and killed_at is None:
                time.sleep(delay)
                child.kill()
                killed_at = time.perf_counter()
        code = child.wait()
        acked = child.acknowledged
        errors = [line for line in child.lines if line.startswith("!")]
        if acked and acked != list(range(start, acked[-1] + 1)):
            outcome.failures.append(
                f"round {round_number}: steps acknowledged out of order {acked}"
            )
        last = acked[-1] if acked else start - 1
        if errors or (code != -signal.SIGKILL and not child.said("# done")):
            outcome.failures.append(
                f"round {round_number}, child from step {start}: exit {code} {errors}"
            )
        if code != -signal.SIGKILL:
            # Finished the whole script before the kill came: the meeting must be complete.
            if child.said("# done"):
                _matched, _result, problems = check_state(path, check, expected, len(steps), True)
                outcome.failures.extend(f"round {round_number} (complete): {p}" for p in problems)
                outcome.rounds_completed += 1
            round_number, start = round_number + 1, 1
            path = folder / f"round-{round_number}.db"
            continue
        opened = child.said("# opened") or start > 1
        began = time.perf_counter()
        matched, result, problems = check_state(path, check, expected, last, opened)
        meeting_opened = False
        if not problems:
            try:
                meeting_opened = app_check.run()["meeting"] is not None
            except Exception as error:  # noqa: BLE001 — any failure to open is a finding
                problems.append(f"the app could not open the meeting: {error!r}")
        checking += time.perf_counter() - began
        outcome.kills.append(
            Kill(round_number, start, last, matched == last + 1, result, meeting_opened)
        )
        if meeting_opened and not problems:
            last_crash = folder / "last-crash.db"
            copy_database(check, last_crash)
        if log is not None:
            log(
                f"kill {len(outcome.kills):4}: round {round_number:3}, child from step "
                f"{start:3}, acknowledged up to {last:3}"
                f"{' (+1 committed in flight)' if matched == last + 1 else ''}, "
                f"integrity {result}{', ' + '; '.join(problems) if problems else ''}"
            )
        if problems:
            outcome.failures.extend(
                f"round {round_number}, kill after step {last}: {p}" for p in problems
            )
            round_number, start = round_number + 1, 1  # go on with a new database
            path = folder / f"round-{round_number}.db"
        else:
            assert matched is not None
            start = matched + 1
            if start > len(steps):
                round_number, start = round_number + 1, 1
                path = folder / f"round-{round_number}.db"
    outcome.timings["checks_s"] = checking
    if pilot and last_crash is not None:
        try:
            began = time.perf_counter()
            outcome.pilot = app_opens_meeting(last_crash)
            outcome.timings["pilot_s"] = time.perf_counter() - began
        except Exception as error:  # noqa: BLE001
            outcome.failures.append(f"the app (headless) could not open the meeting: {error!r}")
    return outcome


# ----------------------------------------------------------------------- the real app


def app_opens_meeting(path: Path) -> dict[str, Any]:
    """The real app, headless, on a crashed database: the list, the meeting, every screen."""
    import asyncio

    from baz_tui.i18n import install_language

    install_language("nl")  # before the screens are imported (their keys are translated)
    from baz_tui.app import BazApp
    from models.database import Database
    from screens.home import HomeScreen
    from screens.meeting_base import MeetingScreen
    from screens.widgets.status_line import StatusLine

    app = BazApp(lambda: Database.open(path))
    errors: list[str] = []
    seen: list[str] = []
    plain_notify = app.notify

    def notify(message: str, *args: Any, severity: str = "information", **kwargs: Any) -> None:
        if severity == "error":
            errors.append(message)
        plain_notify(message, *args, severity=severity, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]

    async def visit() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            for _attempt in range(400):
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.screen
                if isinstance(screen, HomeScreen) and screen.store is not None:
                    break
            else:
                raise AssertionError("the list of meetings never got its Store")
            await pilot.press("enter")
            await pilot.pause()
            for key in ("f7", "f2", "f3", "f4", "f5", "f6", "f8"):
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.screen
                if not isinstance(screen, MeetingScreen) or screen.meeting is None:
                    raise AssertionError(f"{key} did not show the meeting: {screen!r}")
                # A read that failed shows on the screen's status line, marked as an error.
                errors.extend(
                    f"{key}: {line.render()}"
                    for line in screen.query(StatusLine)
                    if line.has_class("-error")
                )
                seen.append(type(screen).__name__)

    asyncio.run(visit())
    if errors:
        raise AssertionError(f"the app showed errors: {errors}")
    return {"screens": seen}


# ----------------------------------------------------------------------------- report


def summary(outcome: Outcome, seconds: float, seed: int, spawn: bool) -> dict[str, Any]:
    kills = outcome.kills
    return {
        "seed": seed,
        "mode": "spawn" if spawn else "fork",
        "seconds": round(seconds, 1),
        "steps_in_script": len(meeting_script()),
        "kills": len(kills),
        "children": outcome.children,
        "rounds_completed": outcome.rounds_completed,
        "acknowledged_actions_checked": sum(k.acknowledged for k in kills),
        "in_flight_commits": sum(k.in_flight_committed for k in kills),
        "integrity_ok": sum(k.integrity == "ok" for k in kills),
        "meeting_opened": sum(k.meeting_opened for k in kills),
        "killed_before_meeting_existed": sum(not k.meeting_opened for k in kills),
        "pilot": outcome.pilot,
        "timings_s": {name: round(value, 2) for name, value in outcome.timings.items()},
        "failures": outcome.failures,
        "per_kill": [asdict(k) for k in kills],
    }


def report(result: dict[str, Any]) -> Iterator[str]:
    yield (
        f"{result['kills']} kills ({result['mode']}, seed {result['seed']}) in "
        f"{result['seconds']} s; {result['children']} children, "
        f"{result['rounds_completed']} complete meetings of {result['steps_in_script']} steps"
    )
    yield (
        f"integrity_check ok after {result['integrity_ok']} of {result['kills']} kills; "
        f"{result['acknowledged_actions_checked']} acknowledged actions checked, all present; "
        f"{result['in_flight_commits']} times the action in flight had committed too"
    )
    yield (
        f"the app read the meeting after {result['meeting_opened']} kills "
        f"({result['killed_before_meeting_existed']} came before the meeting existed)"
    )
    if result["pilot"]:
        yield f"the real app, headless, opened the last crashed meeting: {', '.join(result['pilot']['screens'])}"
    yield "failures: " + ("none" if not result["failures"] else str(len(result["failures"])))
    for failure in result["failures"][:20]:
        yield f"  {failure}"


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if "--app" in arguments:
        from bench import crash_app

        return crash_app.main([a for a in arguments if a != "--app"])
    parser = argparse.ArgumentParser(
        prog="python -m bench.crash", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--kills", type=int, default=200, help="how many SIGKILLs (200)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--spawn", action="store_true", help="a fresh interpreter per child")
    parser.add_argument("--no-pilot", action="store_true", help="skip the headless app at the end")
    parser.add_argument("--quiet", action="store_true", help="no line per kill")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--from", dest="start", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _child_main(args.child, args.start, sys.stdout.fileno())
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep
    else:
        folder = Path(tempfile.mkdtemp(prefix="baz-crash-"))
    started = time.perf_counter()
    try:
        outcome = run(
            args.kills,
            args.seed,
            folder,
            spawn=args.spawn,
            pilot=not args.no_pilot,
            log=None if args.quiet else lambda line: print(line, flush=True),
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    result = summary(outcome, time.perf_counter() - started, args.seed, args.spawn)
    for line in report(result):
        print(line)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
