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
from models.domain import (
    CardKind,
    Consent,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
    SpeakerKind,
)
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
_PRESENT = Presence.AANWEZIG

#: (name, role, consent, presence): those who took part in the discussions are marked present
#: (their dots must fit); the chair marks the unmarked ones at the door.
ATTENDEES: tuple[tuple[str, Role, Consent, Presence], ...] = (
    (CHAIR, Role.VOORZITTER, _N, _PRESENT),
    (NOTE_TAKER, Role.NOTULIST, _N, _PRESENT),
    ("Sanne de Wit", Role.GEMEENTE, _N, _PRESENT),  # procesbegeleider gemeente Dordrecht
    ("Mohamed el Amrani", Role.GEMEENTE, _N, _NOTICE),  # projectleider openbare ruimte
    ("Ingrid Bakker", Role.CORPORATIE, _N, _PRESENT),
    ("Erik Schouten", Role.WIJKAGENT, _N, _PRESENT),
    ("Lotte Hendriks", Role.DESKUNDIGE, _N, _PRESENT),  # landschapsarchitect speelruimte
    ("Jeroen Smit", Role.GAST, _A, _UNMARKED),  # verslaggever wijkkrant
    ("Fatima Ouali", Role.BEWONER, _N, _PRESENT),
    ("Henk Jansen", Role.BEWONER, _N, _PRESENT),
    ("Annie de Graaf", Role.BEWONER, _I, _PRESENT),
    ("Yusuf Demir", Role.BEWONER, _A, _PRESENT),
    ("Marieke Visser", Role.BEWONER, _A, _NOTICE),
    ("Joost van der Linden", Role.BEWONER, _I, _UNMARKED),
    ("Priya Ramdin", Role.BEWONER, _A, _UNMARKED),
    ("Gerrit Mulder", Role.BEWONER, _A, _UNMARKED),
    ("Esra Yılmaz", Role.BEWONER, _A, _UNMARKED),
    ("Bram de Jong", Role.BEWONER, _N, _PRESENT),
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

#: The problem analysis on the playground item: (key, kind, text, parent key, author), typed
#: by the note-taker from ANALYSIS_START, one card every CARD_GAP_SECONDS; then the dots.
ANALYSIS_POSITION = 7
ANALYSIS_START = time(20, 16)
CARD_GAP_SECONDS = 50
ANALYSIS_CARDS: tuple[tuple[str, CardKind, str, str | None, str | None], ...] = (
    ("kern", CardKind.KERNPROBLEEM, "Speelplein wordt weinig gebruikt", None, None),
    ("hitte", CardKind.OORZAAK, "Geen schaduw: in de zomer is het plein te heet", "kern", None),
    ("bomen", CardKind.OORZAAK, "Bomen gekapt bij de vervanging van het riool", "hitte", None),
    (
        "toestellen",
        CardKind.OORZAAK,
        "Speeltoestellen verouderd, twee staan al maanden af",
        "kern",
        None,
    ),
    ("donker", CardKind.OORZAAK, "'s Avonds donker; ouders vinden het er onveilig", "kern", None),
    ("straat", CardKind.GEVOLG, "Kinderen spelen op straat, tussen de auto's", "kern", None),
    (
        "elders",
        CardKind.GEVOLG,
        "Ouders gaan met hun kinderen naar speeltuinen in andere wijken",
        "kern",
        None,
    ),
    ("contact", CardKind.GEVOLG, "Minder contact tussen de buren in de Wielwijk", "elders", None),
    (
        "schaduw",
        CardKind.OPLOSSING,
        "Bomen en schaduwdoeken bij de zandbak en de bankjes",
        "hitte",
        None,
    ),
    (
        "samen",
        CardKind.OPLOSSING,
        "Nieuwe toestellen, samen met de kinderen uitgekozen",
        "toestellen",
        "Fatima Ouali",
    ),
    ("licht", CardKind.OPLOSSING, "Ledverlichting langs het pad en bij de ingang", "donker", None),
    (
        "woensdag",
        CardKind.OPLOSSING,
        "Vaste speelmiddag op woensdag met de buurtsportcoach",
        "kern",
        None,
    ),
)
#: Dots per idea: 7 participants × 3 dots = 21; two ideas share the first place.
ANALYSIS_DOTS: tuple[tuple[str, int], ...] = (
    ("schaduw", 6),
    ("samen", 6),
    ("licht", 4),
    ("woensdag", 2),
)

#: The votes on "Keuze ontwerprichting": a choice of design direction, declared with its
#: decision, and a proposal still being counted. Those present are counted from the list.
VOTE_POSITION = 8
VOTE_START = time(20, 58)
VOTE_GAP_SECONDS = 240
DESIGN_QUESTION = "Welke ontwerprichting werken we uit tot een definitief ontwerp?"
#: Per option: (label, hands in the room, digital votes from the online enquête).
DESIGN_OPTIONS: tuple[tuple[str, int, int], ...] = (
    ("Natuurlijk spelen: groen, boomstammen en een waterpomp", 4, 31),
    ("Sport en bewegen: trapveldje en klimrek", 2, 22),
    ("Ontmoeten: bankjes in de schaduw en een jeu-de-boulesbaan", 1, 17),
)
DESIGN_DIGITAL_SOURCE = "enquete-speelplein.csv (ingelezen 19:20)"
LIGHTING_PROPOSAL = "De verlichting op het speelplein blijft aan tot 22.00 uur"
#: Hands counted so far (for, against, abstain); the proposal needs two thirds.
LIGHTING_ROOM_COUNTS = (5, 1, 0)

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
    _add_problem_analysis(store, meeting.id, meeting_date)
    _add_votes(store, meeting.id, meeting_date)
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


def _add_problem_analysis(store: Store, meeting_id: int, meeting_date: date) -> None:
    """The problem tree of the playground item and the dots on its ideas."""
    from models.store import Store  # the runtime class; only a type above

    people = {a.name: a.id for a in store.list_attendees(meeting_id)}
    item_id = store.list_agenda(meeting_id)[ANALYSIS_POSITION].id
    clock = _SteppedClock(local_moment(meeting_date, ANALYSIS_START).astimezone(UTC))
    evening = Store(store.database, clock=clock)  # shares the database; not closed here
    ids: dict[str, int] = {}
    for key, kind, text, parent, author in ANALYSIS_CARDS:
        state = evening.add_card(
            item_id,
            kind,
            text,
            parent_id=ids[parent] if parent is not None else None,
            author_attendee_id=people[author] if author is not None else None,
        )
        assert state.touched_card_id is not None  # the card just added
        ids[key] = state.touched_card_id
        clock.advance(CARD_GAP_SECONDS)
    for key, dots in ANALYSIS_DOTS:
        for _dot in range(dots):
            evening.add_dots(ids[key], 1)


def _add_votes(store: Store, meeting_id: int, meeting_date: date) -> None:
    """A declared choice of design direction with its decision, and a proposal being counted."""
    from models.domain import Channel, PollMethod
    from models.store import Store  # the runtime class; only a type above
    from models.votes import RuleProfile

    item_id = store.list_agenda(meeting_id)[VOTE_POSITION].id
    clock = _SteppedClock(local_moment(meeting_date, VOTE_START).astimezone(UTC))
    evening = Store(store.database, clock=clock)  # shares the database; not closed here
    choice = evening.create_poll(
        item_id, DESIGN_QUESTION, method=PollMethod.KEUZE, options=[o[0] for o in DESIGN_OPTIONS]
    )
    evening.set_digital_source(choice.id, DESIGN_DIGITAL_SOURCE)
    for option, (_label, room, digital) in zip(choice.options, DESIGN_OPTIONS, strict=True):
        evening.set_count(choice.id, option.id, Channel.ZAAL, room)
        choice = evening.set_count(choice.id, option.id, Channel.DIGITAAL, digital)
    clock.advance(VOTE_GAP_SECONDS)
    evening.declare_poll(choice.id, decision_text=choice.suggested_decision)
    clock.advance(VOTE_GAP_SECONDS)
    proposal = evening.create_poll(item_id, LIGHTING_PROPOSAL, profile=RuleProfile.TWEE_DERDE)
    for option, count in zip(proposal.options, LIGHTING_ROOM_COUNTS, strict=True):
        evening.set_count(proposal.id, option.id, Channel.ZAAL, count)
