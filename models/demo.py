"""A realistic Dutch demo: two residents' evenings about the playground of Wielwijk (Dordrecht).

The process "Herinrichting speelplein Wielwijk" has a first evening that was held two weeks
before the coming Tuesday — walked through item by item against the clock, with speakers,
a break, the problem analysis, two votes, decisions and action points, and closed — and a
second evening on the coming Tuesday, prepared and still to come: the one to try running.

The first evening is played through the Store with a clock of its own, as the chair's keys
would have played it, so every turn lies inside its item's running time (S10) and the minutes'
figures add up. Everything goes through Store methods, so the demo is exactly what a
facilitator could have typed. The data is Dutch on purpose (it is what BaZ is for); only the
standard agenda items follow the active language.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from models.domain import (
    CardKind,
    Consent,
    ParticipationLevel,
    Presence,
    Purpose,
    Role,
    SpeakerKind,
)
from models.rules.agenda_template import TemplateItem
from models.rules.timing import local_moment

if TYPE_CHECKING:
    from models.records.meeting import MeetingInfo, MeetingSummary
    from models.store import Store

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
#: Who residents can ask (the last lines of the minutes): a website and a place, since the
#: public version leaves e-mail addresses and phone numbers out.
CONTACT = (
    "Sanne de Wit, procesbegeleider van de gemeente Dordrecht: via "
    "www.dordrecht.nl/speelplein-wielwijk of op dinsdagmiddag in Wijkcentrum De Wielslag"
)

#: The first evening, held; ``create_demo`` returns it.
MEETING_TITLE = "Bewonersavond speelplein Wielwijk"
#: The second evening, on the coming Tuesday: the one ``baz demo --open`` opens.
NEXT_TITLE = "Tweede bewonersavond speelplein Wielwijk"
#: The first evening was held this long before the second.
HELD_BEFORE = timedelta(weeks=2)
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
    5: (
        "Eerste avond van het traject: nog geen actiepunten van eerdere avonden. De offerte "
        "voor de verlichting (gemeente) loopt nog."
    ),
    6: (
        "Enquête: 142 reacties uit 380 huishoudens.\n"
        "- Meeste wens: meer schaduw en bankjes\n"
        "- Zorg: hangjongeren 's avonds"
    ),
    7: "Werkvorm: kaartjes per probleem, oorzaak en gevolg; daarna elk drie stippen.",
    1: "De agenda wordt ongewijzigd vastgesteld.",
    9: (
        "Henk Jansen vraagt wat er gebeurt aan de hangjongeren 's avonds bij het speelplein. "
        "De wijkagent loopt er de komende weken vaker langs en nodigt de jongeren uit voor de "
        "volgende avond."
    ),
}

_N = Consent.NAAM
_I = Consent.INITIALEN
_A = Consent.ANONIEM
_NOTICE = Presence.AFWEZIG_MET_KENNISGEVING
_UNMARKED = Presence.ONBEKEND
_PRESENT = Presence.AANWEZIG

#: (name, role, consent, presence) on the first evening: those who took part in the
#: discussions were present (their dots must fit), those "unmarked" here did not come. On the
#: second evening only the ones who sent notice are marked; the chair marks the rest at the door.
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

#: The first evening, walked through with V: when each agenda position was started (local
#: time), when the meeting began (S) and closed (X), and its coffee break (P … P).
MEETING_STARTED = time(19, 32)
ITEM_STARTS: tuple[time, ...] = (
    time(19, 32),  # Opening
    time(19, 35),  # Vaststellen agenda (adopted at once)
    time(19, 37),  # Mededelingen (hamerstuk)
    time(19, 39),  # Ingekomen stukken
    time(19, 42),  # Notulen vorige vergadering (hamerstuk)
    time(19, 44),  # Actielijst
    time(19, 55),  # Terugkoppeling enquête speelplein
    time(20, 11),  # Probleemanalyse
    time(20, 56),  # Keuze ontwerprichting
    time(21, 12),  # Rondvraag
    time(21, 20),  # Sluiting
)
BREAK = (time(20, 43), time(20, 53))
MEETING_CLOSED = time(21, 22)

#: Speaker history per agenda position: when the first turn began (local time) and the turns
#: in the order they were given, as (attendee name or None for an anonymous resident, kind,
#: seconds spoken). Limits per AGENDA_TIMES: 120 s on the enquête, 180 s on the analysis, 60 s
#: in the round of questions.
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
    9: (
        time(21, 13),
        (
            ("Henk Jansen", _NORMAL, 75),  # the youths in the evening: over the limit
            ("Erik Schouten", _NORMAL, 50),
        ),
    ),
}
#: Seconds between one turn and the chair giving the floor to the next.
TURN_GAP_SECONDS = 6

#: The problem analysis on the playground item: (key, kind, text, parent key, author), put
#: up after the round of speakers from ANALYSIS_START, one card every CARD_GAP_SECONDS; then
#: the dots.
ANALYSIS_POSITION = 7
ANALYSIS_START = time(20, 32)
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

#: The votes on "Keuze ontwerprichting": a choice of design direction and a proposal, both
#: declared with their decision. Those present are counted from the list.
VOTE_POSITION = 8
VOTE_START = time(21, 0)
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
#: Hands counted (for, against, abstain); the proposal needs two thirds.
LIGHTING_ROOM_COUNTS = (5, 1, 0)

#: A decision taken on the analysis item without a vote.
ANALYSIS_DECISION = (
    "De probleemboom en de gekozen ideeën gaan mee als opdracht voor het schetsontwerp."
)
#: The action points of the first evening: (agenda position, what, who, weeks until due,
#: key of the idea card it came from). They are still open, so the second evening shows them.
ACTIONS: tuple[tuple[int, str, str, int, str | None], ...] = (
    (5, "Kapotte speeltoestellen laten keuren en afzetten", "Ingrid Bakker", 1, None),
    (
        7,
        "Offerte voor schaduwdoeken en bomen bij de zandbak opvragen",
        "Sanne de Wit",
        4,
        "schaduw",
    ),
    (7, "Met de kinderen van De Wielslag drie toestellen uitkiezen", "Fatima Ouali", 3, "samen"),
    (8, "Schetsontwerp 'natuurlijk spelen' maken", "Lotte Hendriks", 2, None),
)

#: The second evening: its content items and the notes prepared on them (by position).
NEXT_CONTENT_ITEMS = (
    TemplateItem("Terugkoppeling eerste avond", Purpose.INFORMATIE, 10),
    TemplateItem("Schetsontwerp natuurlijk spelen", Purpose.BESPREKING, 35),
    TemplateItem("Besluit: definitief ontwerp voor de gemeente", Purpose.BESLUITVORMING, 25),
)
#: The standard items as on the first evening; the content items of their own.
NEXT_AGENDA_TIMES: tuple[tuple[int, int, bool], ...] = (
    *AGENDA_TIMES[:6],
    (10, 120, False),  # Terugkoppeling eerste avond
    (35, 180, False),  # Schetsontwerp
    (25, 120, False),  # Besluit
    *AGENDA_TIMES[9:],
)
#: The vote prepared for the second evening's decision item (two thirds of those voting).
NEXT_VOTE_POSITION = 8
NEXT_VOTE = "Werken we het schetsontwerp 'natuurlijk spelen' uit tot het definitieve ontwerp?"
NEXT_AGENDA_NOTES: dict[int, str] = {
    6: "- Probleemboom en stippen van de eerste avond\n- Uitslag keuze ontwerprichting",
    7: "Lotte Hendriks (landschapsarchitect) laat twee schetsen zien.",
}

#: The action list of the second evening (its position on the agenda).
NEXT_ACTIONS_POSITION = 5


def next_action_notes(numbers: list[str]) -> str:
    """The note prepared on the second evening's action list: the first evening's action
    points by number (as ``ACTIONS`` lists them)."""
    keeping, shade, children, sketch = numbers
    return (
        f"- {keeping}: toestellen gekeurd, twee afgezet; vervanging volgt\n"
        f"- {shade}: offerte schaduwdoeken aangevraagd\n"
        f"- {children}: kinderen kozen drie toestellen\n"
        f"- {sketch}: het schetsontwerp komt bij punt 8"
    )


# ----------------------------------------------------------------------------- building it


def next_tuesday(today: date) -> date:
    """The coming Tuesday, or ``today`` when it is a Tuesday (the usual evening in Wielwijk)."""
    return today + timedelta(days=(TUESDAY - today.weekday()) % 7)


def find_demo(store: Store) -> MeetingSummary | None:
    """The demo's first evening already in the database, if any (newest first)."""
    return next((m for m in store.list_meetings() if m.title == MEETING_TITLE), None)


def find_next_evening(store: Store) -> MeetingSummary | None:
    """The demo's second evening (the one still to come), if any."""
    return next((m for m in store.list_meetings() if m.title == NEXT_TITLE), None)


def create_demo(store: Store, today: date | None = None) -> MeetingInfo:
    """Fill ``store`` with the demo process and its two evenings; return the first (held) one.

    The second evening is on the coming Tuesday (``find_next_evening``); the first was held
    ``HELD_BEFORE`` earlier.
    """
    next_date = next_tuesday(today or date.today())
    held_date = next_date - HELD_BEFORE
    # A second demo (after --reset) shares the process, so the list of processes stays clean.
    existing = next((p for p in store.list_processes() if p.title == PROCESS_TITLE), None)
    frames: dict[str, Any] = dict(
        neighbourhood=NEIGHBOURHOOD,
        participation_level=ParticipationLevel.MEEBESLISSEN,
        budget_euro_cents=BUDGET_EURO_CENTS,
        decision_deadline=next_date + DECISION_AFTER,
        fixed_text=FIXED_TEXT,
        open_text=OPEN_TEXT,
        feedback_text=FEEDBACK_TEXT,
        contact=CONTACT,
    )
    if existing is None:
        process = store.create_process(PROCESS_TITLE, **frames)
    else:
        process = store.update_process(existing.id, **frames)
    held = _meeting(store, MEETING_TITLE, held_date, process.id, CONTENT_ITEMS)
    _prepare_agenda(store, held.id, AGENDA_TIMES, AGENDA_NOTES)
    for name, role, consent, presence in ATTENDEES:
        # Who was not marked at the door did not come.
        came = Presence.AFWEZIG if presence is _UNMARKED else presence
        store.add_attendee(held.id, name, role, consent, came)
    _play_the_first_evening(store, held.id, held_date)

    coming = _meeting(store, NEXT_TITLE, next_date, process.id, NEXT_CONTENT_ITEMS)
    # The action list of the second evening goes through the first evening's action points
    # by their numbers (A-2026-01 …), as a note-taker prepares it.
    numbers = [a.label for a in store.action_list(held.id)]
    notes = {**NEXT_AGENDA_NOTES, NEXT_ACTIONS_POSITION: next_action_notes(numbers)}
    _prepare_agenda(store, coming.id, NEXT_AGENDA_TIMES, notes)
    for name, role, consent, presence in ATTENDEES:
        told = presence if presence is _NOTICE else _UNMARKED
        store.add_attendee(coming.id, name, role, consent, told)
    _prepare_the_vote(store, coming.id)
    return store.get_meeting(held.id)


def _prepare_the_vote(store: Store, meeting_id: int) -> None:
    """The facilitator prepares the second evening's vote on its decision item: the chair
    opens it (O on F5) when the item comes."""
    from models.rules.votes import RuleProfile

    item = store.list_agenda(meeting_id)[NEXT_VOTE_POSITION]
    store.create_poll(item.id, NEXT_VOTE, profile=RuleProfile.TWEE_DERDE, prepared=True)


def _meeting(
    store: Store,
    title: str,
    day: date,
    process_id: int,
    content: tuple[TemplateItem, ...],
) -> MeetingInfo:
    return store.create_meeting(
        title,
        day,
        START,
        location=LOCATION,
        process_id=process_id,
        scheduled_end_time=SCHEDULED_END,
        chair=CHAIR,
        note_taker=NOTE_TAKER,
        content_items=content,
    )


def _prepare_agenda(
    store: Store,
    meeting_id: int,
    times: tuple[tuple[int, int, bool], ...],
    notes: dict[int, str],
) -> None:
    items = store.list_agenda(meeting_id)
    for item, (minutes, limit, hamerstuk) in zip(items, times, strict=True):
        store.update_agenda_item(
            item.id, planned_minutes=minutes, speaking_limit_seconds=limit, hamerstuk=hamerstuk
        )
    for position, text in notes.items():
        store.save_notes(items[position].id, text)


class _SteppedClock:
    """The demo's own clock: everything gets the moment it would have had that evening."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.moment = self.at(START)

    def __call__(self) -> datetime:
        return self.moment

    def at(self, local: time) -> datetime:
        return local_moment(self.day, local).astimezone(UTC)

    def go_to(self, local: time) -> None:
        """Move on to a later moment of the evening (never back: the evening runs forward)."""
        moment = self.at(local)
        assert moment >= self.moment, f"the demo's evening runs backwards at {local}"
        self.moment = moment

    def advance(self, seconds: int) -> None:
        self.moment += timedelta(seconds=seconds)


def _play_the_first_evening(store: Store, meeting_id: int, day: date) -> None:
    """The first evening as the chair and note-taker ran it: the agenda walked through with V,
    and on each item what happened there, at the moment it happened."""
    from models.store import Store  # the runtime class; only a type above

    clock = _SteppedClock(day)
    evening = Store(store.database, clock=clock)  # shares the database; not closed here
    items = store.list_agenda(meeting_id)
    people = {a.name: a.id for a in store.list_attendees(meeting_id)}
    cards: dict[str, int] = {}
    clock.go_to(MEETING_STARTED)
    evening.start_meeting(meeting_id)
    for position, (item, started) in enumerate(zip(items, ITEM_STARTS, strict=True)):
        clock.go_to(started)
        evening.next_item(meeting_id)
        if position == 1:
            clock.advance(60)
            evening.adopt_agenda(meeting_id)
        if item.hamerstuk:
            evening.hamer_item(item.id)
        if position in SPEAKER_HISTORY:
            _turns(evening, clock, item.id, people, SPEAKER_HISTORY[position])
        if position == ANALYSIS_POSITION:
            cards = _problem_analysis(evening, clock, item.id, people)
            clock.go_to(BREAK[0])
            evening.start_break(meeting_id)
            clock.go_to(BREAK[1])
            evening.end_break(meeting_id)
            evening.add_decision(meeting_id, ANALYSIS_DECISION, item_id=item.id)
        if position == VOTE_POSITION:
            _votes(evening, clock, item.id)
    for position, what, who, weeks, card in ACTIONS:
        evening.add_action(
            meeting_id,
            what,
            who=who,
            due=day + timedelta(weeks=weeks),
            item_id=items[position].id,
            source_card_id=cards[card] if card is not None else None,
        )
    clock.go_to(MEETING_CLOSED)
    evening.close_meeting(meeting_id)


def _turns(
    evening: Store,
    clock: _SteppedClock,
    item_id: int,
    people: dict[str, int],
    history: tuple[time, tuple[tuple[str | None, SpeakerKind, int], ...]],
) -> None:
    """The turns on an item, given through the Store as the chair would give them."""
    start, turns = history
    clock.go_to(start)
    for name, kind, seconds in turns:
        evening.add_speaker(item_id, people[name] if name is not None else None, kind)
        evening.next_speaker(item_id)
        clock.advance(seconds)
        evening.stop_speaker(item_id)
        clock.advance(TURN_GAP_SECONDS)


def _problem_analysis(
    evening: Store, clock: _SteppedClock, item_id: int, people: dict[str, int]
) -> dict[str, int]:
    """The problem tree of the playground item and the dots on its ideas; the cards by key."""
    clock.go_to(ANALYSIS_START)
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
    return ids


def _votes(evening: Store, clock: _SteppedClock, item_id: int) -> None:
    """A declared choice of design direction and a proposal, each with its decision."""
    from models.domain import Channel, PollMethod
    from models.rules.votes import RuleProfile

    clock.go_to(VOTE_START)
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
        proposal = evening.set_count(proposal.id, option.id, Channel.ZAAL, count)
    clock.advance(VOTE_GAP_SECONDS // 2)
    evening.declare_poll(proposal.id, decision_text=proposal.suggested_decision)
