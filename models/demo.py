"""A realistic Dutch demo: a residents' evening about the playground of Wielwijk (Dordrecht).

Everything goes through Store methods, so the demo is exactly what a facilitator could have
typed. The data is Dutch on purpose (it is what BaZ is for); only the standard agenda items
follow the active language. Later issues add speakers, cards, votes and actions: add their data
as tuples here and one small helper each.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from models.agenda_template import TemplateItem
from models.domain import Consent, ParticipationLevel, Presence, Purpose, Role, SpeakerKind
from models.timing import local_moment

if TYPE_CHECKING:
    from models.store import Store
    from models.views import MeetingInfo, MeetingSummary

# ----------------------------------------------------------------------------- the data

PROCESS_TITLE = "Herinrichting speelplein Wielwijk"
NEIGHBOURHOOD = "Wielwijk"
BUDGET_EURO_CENTS = 85_000 * 100
#: The council decides on the design this long after the evening.
DECISION_AFTER = timedelta(weeks=12)
FIXED_TEXT = (
    "Het speelplein blijft een openbare speelplek; budget max. € 85.000; de kabels en "
    "leidingen onder het plein liggen vast."
)
OPEN_TEXT = "Indeling, speeltoestellen, groen, bankjes en verlichting."
FEEDBACK_TEXT = (
    "Binnen twee weken na elke avond een terugkoppeling in de wijkkrant en op de website; het "
    "definitieve ontwerp wordt in een bewonersavond gepresenteerd."
)

MEETING_TITLE = "Bewonersavond speelplein Wielwijk"
LOCATION = "Wijkcentrum De Wielslag, Dordrecht"
START = time(19, 30)
SCHEDULED_END = time(21, 30)
CHAIR = "Ria van Dongen"
NOTE_TAKER = "Kees Verhoeven"
TUESDAY = 1  # date.weekday()

CONTENT_ITEMS = (
    TemplateItem("Terugkoppeling enquête speelplein", Purpose.INFORMATIE, 15),
    TemplateItem("Probleemanalyse: gebruik van het speelplein", Purpose.BESPREKING, 35),
    TemplateItem("Keuze ontwerprichting", Purpose.BESLUITVORMING, 25),
)

#: Per position of the whole agenda (standard items around the content items):
#: (planned minutes, speaking limit in seconds, hamerstuk). 115 minutes for 19:30-21:30.
AGENDA_TIMES: tuple[tuple[int, int, bool], ...] = (
    (3, 0, False),  # Opening
    (2, 0, False),  # Vaststellen agenda
    (5, 0, True),  # Mededelingen
    (3, 0, False),  # Ingekomen stukken
    (5, 120, True),  # Notulen vorige vergadering
    (10, 120, False),  # Actielijst
    (15, 120, False),  # Terugkoppeling enquête speelplein
    (35, 180, False),  # Probleemanalyse
    (25, 120, False),  # Keuze ontwerprichting
    (8, 60, False),  # Rondvraag
    (2, 0, False),  # Sluiting
)

#: Notes prepared per position: plain paragraphs and "- " bullet lines.
AGENDA_NOTES: dict[int, str] = {
    2: "- Nieuwe openingstijden wijkcentrum vanaf januari\n- Snoeiwerk Wielwijkpark in week 50",
    5: "Actie 2025-07 (gemeente): offerte verlichting speelplein — loopt nog.",
    6: (
        "Enquête: 142 reacties uit 380 huishoudens.\n"
        "- Meeste wens: meer schaduw en bankjes\n"
        "- Zorg: hangjongeren 's avonds"
    ),
    7: "Werkvorm: kaartjes per probleem, oorzaak en gevolg; daarna elk drie stippen.",
}

_N = Consent.NAAM
_I = Consent.INITIALEN
_A = Consent.ANONIEM
_NOTICE = Presence.AFWEZIG_MET_KENNISGEVING
_UNMARKED = Presence.ONBEKEND

#: (name, role, consent, presence): the chair marks the unmarked ones at the door.
ATTENDEES: tuple[tuple[str, Role, Consent, Presence], ...] = (
    (CHAIR, Role.VOORZITTER, _N, _UNMARKED),
    (NOTE_TAKER, Role.NOTULIST, _N, _UNMARKED),
    ("Sanne de Wit", Role.GEMEENTE, _N, _UNMARKED),  # procesbegeleider gemeente Dordrecht
    ("Mohamed el Amrani", Role.GEMEENTE, _N, _NOTICE),  # projectleider openbare ruimte
    ("Ingrid Bakker", Role.CORPORATIE, _N, _UNMARKED),
    ("Erik Schouten", Role.WIJKAGENT, _N, _UNMARKED),
    ("Lotte Hendriks", Role.DESKUNDIGE, _N, _UNMARKED),  # landschapsarchitect speelruimte
    ("Jeroen Smit", Role.GAST, _A, _UNMARKED),  # verslaggever wijkkrant
    ("Fatima Ouali", Role.BEWONER, _N, _UNMARKED),
    ("Henk Jansen", Role.BEWONER, _N, _UNMARKED),
    ("Annie de Graaf", Role.BEWONER, _I, _UNMARKED),
    ("Yusuf Demir", Role.BEWONER, _A, _UNMARKED),
    ("Marieke Visser", Role.BEWONER, _A, _NOTICE),
    ("Joost van der Linden", Role.BEWONER, _I, _UNMARKED),
    ("Priya Ramdin", Role.BEWONER, _A, _UNMARKED),
    ("Gerrit Mulder", Role.BEWONER, _A, _UNMARKED),
    ("Esra Yılmaz", Role.BEWONER, _A, _UNMARKED),
    ("Bram de Jong", Role.BEWONER, _N, _UNMARKED),
    ("Wilma Kok", Role.BEWONER, _A, _NOTICE),
    ("Sevda Kaya", Role.BEWONER, _A, _UNMARKED),
    ("Tom Vermeulen", Role.BEWONER, _I, _UNMARKED),
    ("Noor Benali", Role.BEWONER, _A, _UNMARKED),
    ("Piet van Leeuwen", Role.BEWONER, _A, _UNMARKED),
    ("Marloes Dekker", Role.BEWONER, _A, _UNMARKED),
    ("Dewi Pinas", Role.BEWONER, _A, _UNMARKED),
)

_NORMAL = SpeakerKind.NORMAAL
_ORDER = SpeakerKind.PUNT_VAN_ORDE

#: Speaker history per agenda position: when the first turn began (local time) and the turns
#: in the order they were given, as (attendee name or None for an anonymous resident, kind,
#: seconds spoken). Limits per AGENDA_TIMES: 120 s on the enquête, 180 s on the analysis.
SPEAKER_HISTORY: dict[int, tuple[time, tuple[tuple[str | None, SpeakerKind, int], ...]]] = {
    6: (
        time(19, 58),
        (
            ("Sanne de Wit", _NORMAL, 150),  # presents the enquête: over the limit
            ("Henk Jansen", _NORMAL, 95),
            (None, _NORMAL, 70),
            ("Ingrid Bakker", _NORMAL, 110),
            ("Fatima Ouali", _NORMAL, 205),
        ),
    ),
    7: (
        time(20, 14),
        (
            ("Lotte Hendriks", _NORMAL, 240),
            ("Annie de Graaf", _NORMAL, 130),
            ("Henk Jansen", _ORDER, 25),  # "can we stick to the playground itself?"
            ("Bram de Jong", _NORMAL, 100),
            ("Erik Schouten", _NORMAL, 140),
            (None, _NORMAL, 85),
            ("Yusuf Demir", _NORMAL, 190),
            ("Sanne de Wit", _NORMAL, 60),
        ),
    ),
}
#: Seconds between one turn and the chair giving the floor to the next.
TURN_GAP_SECONDS = 6

# ----------------------------------------------------------------------------- building it


def next_tuesday(today: date) -> date:
    """The coming Tuesday, or ``today`` when it is a Tuesday (the usual evening in Wielwijk)."""
    return today + timedelta(days=(TUESDAY - today.weekday()) % 7)


def find_demo(store: Store) -> MeetingSummary | None:
    """The demo meeting already in the database, if any (newest first)."""
    return next((m for m in store.list_meetings() if m.title == MEETING_TITLE), None)


def create_demo(store: Store, today: date | None = None) -> MeetingInfo:
    """Fill ``store`` with the demo process, meeting, agenda and attendees; return the meeting."""
    meeting_date = next_tuesday(today or date.today())
    # A second demo (after --reset) shares the process, so the list of processes stays clean.
    existing = next((p for p in store.list_processes() if p.title == PROCESS_TITLE), None)
    frames = dict(
        neighbourhood=NEIGHBOURHOOD,
        participation_level=ParticipationLevel.MEEBESLISSEN,
        budget_euro_cents=BUDGET_EURO_CENTS,
        decision_deadline=meeting_date + DECISION_AFTER,
        fixed_text=FIXED_TEXT,
        open_text=OPEN_TEXT,
        feedback_text=FEEDBACK_TEXT,
    )
    if existing is None:
        process = store.create_process(PROCESS_TITLE, **frames)  # type: ignore[arg-type]
    else:
        process = store.update_process(existing.id, **frames)
    meeting = store.create_meeting(
        MEETING_TITLE,
        meeting_date,
        START,
        location=LOCATION,
        process_id=process.id,
        scheduled_end_time=SCHEDULED_END,
        chair=CHAIR,
        note_taker=NOTE_TAKER,
        content_items=CONTENT_ITEMS,
    )
    _prepare_agenda(store, meeting.id)
    _add_attendees(store, meeting.id)
    _add_speaker_history(store, meeting.id, meeting_date)
    return meeting


def _prepare_agenda(store: Store, meeting_id: int) -> None:
    items = store.list_agenda(meeting_id)
    for item, (minutes, limit, hamerstuk) in zip(items, AGENDA_TIMES, strict=True):
        store.update_agenda_item(
            item.id, planned_minutes=minutes, speaking_limit_seconds=limit, hamerstuk=hamerstuk
        )
    for position, notes in AGENDA_NOTES.items():
        store.save_notes(items[position].id, notes)


def _add_attendees(store: Store, meeting_id: int) -> None:
    for name, role, consent, presence in ATTENDEES:
        store.add_attendee(meeting_id, name, role, consent, presence)


class _SteppedClock:
    """The demo's own clock: the turns get the moments they would have had that evening."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: int) -> None:
        self.moment += timedelta(seconds=seconds)


def _add_speaker_history(store: Store, meeting_id: int, meeting_date: date) -> None:
    """Finished turns on two items, given through the Store as the chair would give them."""
    from models.store import Store  # the runtime class; only a type above

    people = {a.name: a.id for a in store.list_attendees(meeting_id)}
    items = store.list_agenda(meeting_id)
    for position, (start, turns) in SPEAKER_HISTORY.items():
        clock = _SteppedClock(local_moment(meeting_date, start).astimezone(UTC))
        evening = Store(store.database, clock=clock)  # shares the database; not closed here
        item_id = items[position].id
        for name, kind, seconds in turns:
            evening.add_speaker(item_id, people[name] if name is not None else None, kind)
            evening.next_speaker(item_id)
            clock.advance(seconds)
            evening.stop_speaker(item_id)
            clock.advance(TURN_GAP_SECONDS)
