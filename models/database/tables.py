"""The SQLModel tables of BaZ: every entity of the design, designed whole.

No ``from __future__ import annotations`` here: SQLModel needs real annotations.
Enumerations are stored as their string values (stable Dutch codes, see ``models.domain``).
Moments are UTC (``UTCDateTime``); calendar dates and wall-clock times of a meeting are local.
"""

import datetime as dt
from datetime import date, datetime, time

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.database.types import UTCDateTime, utcnow

# Constraint names are fixed so that Alembic migrations can refer to them on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: A speaker's turn that is going on: started, not ended, not taken off the list.
_OPEN_TURN = "started_at IS NOT NULL AND ended_at IS NULL AND removed_at IS NULL"


def _moment(nullable: bool = True) -> Column[datetime]:
    return Column(UTCDateTime(), nullable=nullable)


def _created() -> Column[datetime]:
    return Column(UTCDateTime(), nullable=False, default=utcnow)


def _parent(table: str, *, nullable: bool = False, on_delete: str = "CASCADE") -> Column[int]:
    return Column(
        Integer, ForeignKey(f"{table}.id", ondelete=on_delete), nullable=nullable, index=True
    )


class Process(SQLModel, table=True):
    """A traject: a series of meetings about one subject, with its participation frames."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(String(200), nullable=False))
    neighbourhood: str = Field(
        default="", sa_column=Column(String(200), nullable=False, default="")
    )
    participation_level: str = Field(default="raadplegen", max_length=20)
    budget_euro_cents: int | None = Field(default=None)
    decision_deadline: date | None = Field(default=None)
    fixed_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    open_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    feedback_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())
    #: Who residents can ask about the process: a line of the minutes (revision 0005).
    contact: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )
    #: The Word document in the house style its minutes are written on: a path on this laptop;
    #: "" for the default of the settings (revision 0005).
    template: str = Field(
        default="",
        sa_column=Column(String(1000), nullable=False, default="", server_default=""),
    )


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    process_id: int | None = Field(
        default=None, sa_column=_parent("process", nullable=True, on_delete="SET NULL")
    )
    title: str = Field(sa_column=Column(String(200), nullable=False))
    date: date
    start_time: time
    scheduled_end_time: time | None = Field(default=None)
    location: str = Field(default="", sa_column=Column(String(200), nullable=False, default=""))
    chair: str = Field(default="", sa_column=Column(String(200), nullable=False, default=""))
    note_taker: str = Field(default="", sa_column=Column(String(200), nullable=False, default=""))
    status: str = Field(default="gepland", max_length=20)
    actual_start: datetime | None = Field(default=None, sa_column=_moment())
    actual_end: datetime | None = Field(default=None, sa_column=_moment())
    agenda_adopted_at: datetime | None = Field(default=None, sa_column=_moment())
    minutes_status: str = Field(default="concept", max_length=20)
    # dt.date: inside this class, "date" names the field above.
    minutes_approved_on: dt.date | None = Field(default=None)
    #: What the room should see on the beamer: a screen name the chair's app writes.
    beamer_view: str = Field(default="", max_length=40)
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())

    __table_args__ = (Index("ix_meeting_date", "date"),)


class Attendee(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    name: str = Field(sa_column=Column(String(200), nullable=False))
    role: str = Field(default="bewoner", max_length=20)
    presence: str = Field(default="onbekend", max_length=30)
    consent: str = Field(default="anoniem", max_length=20)
    arrived_at: datetime | None = Field(default=None, sa_column=_moment())
    left_at: datetime | None = Field(default=None, sa_column=_moment())
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())


class AgendaItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    #: Order within the meeting, 0-based; the shown number follows from it.
    position: int
    title: str = Field(sa_column=Column(String(200), nullable=False))
    purpose: str = Field(default="ter_bespreking", max_length=30)
    hamerstuk: bool = Field(default=False)
    hamered_at: datetime | None = Field(default=None, sa_column=_moment())
    planned_minutes: int = Field(default=10)
    #: Speaking-time limit per turn in seconds; 0 means no limit.
    speaking_limit_seconds: int = Field(default=180)
    order_policy: str = Field(default="eerst_nieuwe_sprekers", max_length=30)
    speakers_closed: bool = Field(default=False)
    dots_per_participant: int = Field(default=3)
    #: First start and last end of the item.
    started_at: datetime | None = Field(default=None, sa_column=_moment())
    ended_at: datetime | None = Field(default=None, sa_column=_moment())
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())
    #: Time of the earlier periods of this item, breaks excluded (revision 0002).
    spent_seconds: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, default=0, server_default="0")
    )
    #: Start of the current running period; None when the item is not running (revision 0002).
    resumed_at: datetime | None = Field(default=None, sa_column=_moment())

    __table_args__ = (Index("ix_agendaitem_meeting_position", "meeting_id", "position"),)


class MeetingBreak(SQLModel, table=True):
    """A pause of the whole meeting; item timers do not count it."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    started_at: datetime | None = Field(default=None, sa_column=_moment(False))
    #: None while the break is going on.
    ended_at: datetime | None = Field(default=None, sa_column=_moment())


class SpeakerEntry(SQLModel, table=True):
    """One request to speak on an agenda item, from waiting through speaking to done."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(sa_column=_parent("agendaitem"))
    #: None for an anonymous "bewoner".
    attendee_id: int | None = Field(
        default=None, sa_column=_parent("attendee", nullable=True, on_delete="SET NULL")
    )
    kind: str = Field(default="normaal", max_length=20)
    #: Place in the waiting queue; meaningless once the entry has started.
    position: int = Field(default=0)
    requested_at: datetime | None = Field(default_factory=utcnow, sa_column=_moment(False))
    started_at: datetime | None = Field(default=None, sa_column=_moment())
    ended_at: datetime | None = Field(default=None, sa_column=_moment())
    #: Start of the pause in progress, if the speaker is paused now.
    paused_at: datetime | None = Field(default=None, sa_column=_moment())
    #: Total of finished pauses, in seconds.
    paused_seconds: int = Field(default=0)
    #: Recorded when the turn ends: speaking time without pauses, and the part over the limit.
    spoken_seconds: int | None = Field(default=None)
    overtime_seconds: int | None = Field(default=None)
    removed_at: datetime | None = Field(default=None, sa_column=_moment())

    #: The turn going on (at most one per meeting, S10), found without reading the meeting's
    #: other turns: V, B and closing the meeting end it, and the big meeting has thousands.
    __table_args__ = (
        Index(
            "ix_speakerentry_open_turn",
            "agenda_item_id",
            sqlite_where=text(_OPEN_TURN),
            postgresql_where=text(_OPEN_TURN),
        ),
    )


class Card(SQLModel, table=True):
    """A card of the problem analysis: core problem, cause, effect or idea."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(sa_column=_parent("agendaitem"))
    kind: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    parent_id: int | None = Field(default=None, sa_column=_parent("card", nullable=True))
    author_attendee_id: int | None = Field(
        default=None, sa_column=_parent("attendee", nullable=True, on_delete="SET NULL")
    )
    dots: int = Field(default=0)
    position: int = Field(default=0)
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())


class Poll(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(sa_column=_parent("agendaitem"))
    question: str = Field(sa_column=Column(Text, nullable=False))
    method: str = Field(default="voor_tegen_onthouding", max_length=30)
    base: str = Field(default="voor_tegen", max_length=30)
    threshold: str = Field(default="meer_dan_helft", max_length=20)
    #: For the "percentage" threshold: at least this many percent.
    threshold_percent: int | None = Field(default=None)
    #: Optional quorum as a fraction of the eligible voters.
    quorum_numerator: int | None = Field(default=None)
    quorum_denominator: int | None = Field(default=None)
    #: For the base "stemgerechtigden": the entered number (e.g. all households).
    eligible_count: int | None = Field(default=None)
    #: Present eligible voters, frozen when the poll opened.
    present_count: int = Field(default=0)
    dots_per_participant: int | None = Field(default=None)
    status: str = Field(default="open", max_length=20)
    result_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    opened_at: datetime | None = Field(default_factory=utcnow, sa_column=_moment(False))
    declared_at: datetime | None = Field(default=None, sa_column=_moment())
    #: A re-vote points at the poll it repeats; the old poll stays in the record.
    previous_poll_id: int | None = Field(
        default=None, sa_column=_parent("poll", nullable=True, on_delete="SET NULL")
    )
    #: An idea of the problem analysis that this poll decides on.
    source_card_id: int | None = Field(
        default=None, sa_column=_parent("card", nullable=True, on_delete="SET NULL")
    )
    #: Where the digital pre-votes came from (file name and moment), for the minutes.
    digital_source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    #: What the declared result came to, as JSON (``models.rules.votes.result_facts``), so each
    #: export writes it in its own language; "" while open, and for votes declared before
    #: revision 0005 (their ``result_text`` is what they show).
    result_facts: str = Field(
        default="", sa_column=Column(Text, nullable=False, default="", server_default="")
    )
    #: Who may vote from a phone: "open" (the meeting code) or "stemkaart" (a voting card)
    #: (``models.domain.Ballot``; revision 0007).
    ballot: str = Field(
        default="open",
        sa_column=Column(String(20), nullable=False, default="open", server_default="open"),
    )


class PollOption(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(sa_column=_parent("poll"))
    position: int
    label: str = Field(sa_column=Column(String(500), nullable=False))


class VoteCount(SQLModel, table=True):
    """The count of one option in one channel (in de zaal, digitaal vooraf)."""

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(sa_column=_parent("poll"))
    option_id: int = Field(sa_column=_parent("polloption"))
    channel: str = Field(max_length=20)
    count: int = Field(default=0)

    __table_args__ = (UniqueConstraint("option_id", "channel", name="uq_votecount_option_channel"),)


class Decision(SQLModel, table=True):
    """A besluit, numbered continuously within its process (or its meeting without one)."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    agenda_item_id: int | None = Field(
        default=None, sa_column=_parent("agendaitem", nullable=True, on_delete="SET NULL")
    )
    process_id: int | None = Field(
        default=None, sa_column=_parent("process", nullable=True, on_delete="SET NULL")
    )
    poll_id: int | None = Field(
        default=None, sa_column=_parent("poll", nullable=True, on_delete="SET NULL")
    )
    year: int
    number: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())


class ActionItem(SQLModel, table=True):
    """An actiepunt: what, who, when. Open ones carry over to the next meeting of the process."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    agenda_item_id: int | None = Field(
        default=None, sa_column=_parent("agendaitem", nullable=True, on_delete="SET NULL")
    )
    process_id: int | None = Field(
        default=None, sa_column=_parent("process", nullable=True, on_delete="SET NULL")
    )
    source_card_id: int | None = Field(
        default=None, sa_column=_parent("card", nullable=True, on_delete="SET NULL")
    )
    what: str = Field(sa_column=Column(Text, nullable=False))
    who: str = Field(default="", sa_column=Column(String(200), nullable=False, default=""))
    due: date | None = Field(default=None)
    status: str = Field(default="open", max_length=20)
    #: The meeting in which the status last changed (done or dropped), for the actielijst.
    status_meeting_id: int | None = Field(
        default=None, sa_column=_parent("meeting", nullable=True, on_delete="SET NULL")
    )
    status_changed_at: datetime | None = Field(default=None, sa_column=_moment())
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())
    #: Numbered like decisions, per process (or meeting) and year of its meeting: A-2026-03
    #: is year 2026, number 3 (revision 0005; the Store always sets both).
    year: int | None = Field(default=None)
    number: int | None = Field(default=None)


class PublicReviewChoice(SQLModel, table=True):
    """A choice of the facilitator in the review of the public minutes (revision 0004).

    Kept by the key of its spot (``models.rules.naming.spot_key``: the sentence, the words and which
    occurrence, hashed), so the next export and the beamer keep it and a changed sentence comes
    back for review. ``word`` holds a name of somebody on no list ("Pietersen"), replaced
    wherever it appears in the meeting; ``attendee_id`` the person a spot names.
    """

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    spot: str = Field(sa_column=Column(String(32), nullable=False))
    choice: str = Field(max_length=20)
    attendee_id: int | None = Field(
        default=None, sa_column=_parent("attendee", nullable=True, on_delete="SET NULL")
    )
    word: str = Field(default="", sa_column=Column(String(200), nullable=False, default=""))
    created_at: datetime | None = Field(default_factory=utcnow, sa_column=_created())

    __table_args__ = (
        UniqueConstraint("meeting_id", "spot", name="uq_publicreviewchoice_meeting_spot"),
    )


# ----------------------------------------------------------------- the room on their phones
# (DESIGN §5a; revision 0007). What the phones of one evening leave behind: not part of a
# meeting file, and no row links a phone or a voting card to what it chose.


class RoomSession(SQLModel, table=True):
    """A period in which the meeting's page for phones is open, with its meeting code."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    #: The short code on the beamer (``models.rules.room.MEETING_CODE_LENGTH`` characters);
    #: a new one each time the room is opened.
    code: str = Field(sa_column=Column(String(20), nullable=False))
    #: Where phones go, ``http://<address>:<port>``, as the server that opened it serves it
    #: (the beamer shows it with the QR code); empty when opened without a server.
    address: str = Field(
        default="", sa_column=Column(String(200), nullable=False, server_default="")
    )
    opened_at: datetime | None = Field(default_factory=utcnow, sa_column=_moment(False))
    #: None while the room is open.
    closed_at: datetime | None = Field(default=None, sa_column=_moment())


class Phone(SQLModel, table=True):
    """A phone that joined a meeting's room. Its token lives in the phone's cookie; only the
    token's SHA-256 is kept here."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    joined_at: datetime | None = Field(default_factory=utcnow, sa_column=_moment(False))


class VotingCard(SQLModel, table=True):
    """A one-time voting card of a meeting (a stemkaart), linked to no name.

    Only the SHA-256 of its code is kept; ``number`` is printed on the card so the
    facilitator can count the cards, and is never used to vote with."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    code_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    number: int

    __table_args__ = (
        UniqueConstraint("meeting_id", "number", name="uq_votingcard_meeting_number"),
    )


class PollVoter(SQLModel, table=True):
    """Who voted in a poll from a phone: the phone (open ballot) or the voting card (ballot
    with voting cards) — never what. What was chosen is only in ``VoteCount`` (channel
    "telefoon"), added up with everyone else's; no column here or there says whose it is."""

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(sa_column=_parent("poll"))
    phone_id: int | None = Field(default=None, sa_column=_parent("phone", nullable=True))
    voting_card_id: int | None = Field(default=None, sa_column=_parent("votingcard", nullable=True))

    __table_args__ = (
        UniqueConstraint("poll_id", "phone_id", name="uq_pollvoter_poll_phone"),
        UniqueConstraint("poll_id", "voting_card_id", name="uq_pollvoter_poll_votingcard"),
    )


class PhoneDot(SQLModel, table=True):
    """The dots one phone placed on one idea (so it keeps within its allowance); the idea's
    ``Card.dots`` holds them too, with the room's."""

    id: int | None = Field(default=None, primary_key=True)
    card_id: int = Field(sa_column=_parent("card"))
    phone_id: int = Field(sa_column=_parent("phone"))
    count: int = Field(default=0)

    __table_args__ = (UniqueConstraint("card_id", "phone_id", name="uq_phonedot_card_phone"),)


class PhoneCard(SQLModel, table=True):
    """A card handed in from a phone: it waits in the note-taker's inbox until accepted into
    the tree (as an anonymous card) or declined. ``phone_id`` is kept for the limits on how
    many may wait per phone, and is never shown."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_parent("meeting"))
    agenda_item_id: int = Field(sa_column=_parent("agendaitem"))
    kind: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    submitted_at: datetime | None = Field(default_factory=utcnow, sa_column=_moment(False))
    status: str = Field(default="wacht", max_length=20)
    accepted_card_id: int | None = Field(
        default=None, sa_column=_parent("card", nullable=True, on_delete="SET NULL")
    )
    phone_id: int | None = Field(
        default=None, sa_column=_parent("phone", nullable=True, on_delete="SET NULL")
    )


#: The tables of a meeting as a meeting file holds it (the room's tables are not in it).
ALL_TABLES = (
    Process,
    Meeting,
    Attendee,
    AgendaItem,
    MeetingBreak,
    SpeakerEntry,
    Card,
    Poll,
    PollOption,
    VoteCount,
    Decision,
    ActionItem,
    PublicReviewChoice,
)
#: The tables of the room on their phones: the evening's, never written to a meeting file.
ROOM_TABLES = (RoomSession, Phone, VotingCard, PollVoter, PhoneDot, PhoneCard)
