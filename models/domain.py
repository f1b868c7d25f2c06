"""Plain enumerations of the domain and their user-facing labels.

The stored values are stable Dutch codes (they are what a database or a meeting file holds);
what a user reads is :func:`label`, translated at the moment it is shown.
"""

from __future__ import annotations

from enum import StrEnum

from models.i18n import N_, _


class ParticipationLevel(StrEnum):
    """The participation ladder: how much say residents have in this process."""

    INFORMEREN = "informeren"
    RAADPLEGEN = "raadplegen"
    ADVISEREN = "adviseren"
    COPRODUCEREN = "coproduceren"
    MEEBESLISSEN = "meebeslissen"
    ZELFBEHEER = "zelfbeheer"


class Role(StrEnum):
    BEWONER = "bewoner"
    VOORZITTER = "voorzitter"
    NOTULIST = "notulist"
    GEMEENTE = "gemeente"
    CORPORATIE = "corporatie"
    WIJKAGENT = "wijkagent"
    DESKUNDIGE = "deskundige"
    GAST = "gast"


#: Roles whose speaking time counts as "professional" in the balance residents vs professionals.
PROFESSIONAL_ROLES = frozenset({Role.GEMEENTE, Role.CORPORATIE, Role.WIJKAGENT, Role.DESKUNDIGE})
#: Who does not vote or place dots: the professionals and guests. The chair and the note-taker
#: do: they are often residents themselves.
NON_VOTING_ROLES = PROFESSIONAL_ROLES | {Role.GAST}


class Presence(StrEnum):
    ONBEKEND = "onbekend"
    AANWEZIG = "aanwezig"
    AFWEZIG_MET_KENNISGEVING = "afwezig_met_kennisgeving"
    AFWEZIG = "afwezig"


class Consent(StrEnum):
    """How a person may be named in the (public) minutes."""

    NAAM = "naam"
    INITIALEN = "initialen"
    ANONIEM = "anoniem"


class MeetingStatus(StrEnum):
    GEPLAND = "gepland"
    LOPEND = "lopend"
    GESLOTEN = "gesloten"


class MinutesStatus(StrEnum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"


class Purpose(StrEnum):
    INFORMATIE = "ter_informatie"
    BESPREKING = "ter_bespreking"
    BESLUITVORMING = "ter_besluitvorming"


class OrderPolicy(StrEnum):
    FIFO = "fifo"
    EERST_NIEUWE_SPREKERS = "eerst_nieuwe_sprekers"


class SpeakerKind(StrEnum):
    NORMAAL = "normaal"
    PUNT_VAN_ORDE = "punt_van_orde"


class CardKind(StrEnum):
    KERNPROBLEEM = "kernprobleem"
    OORZAAK = "oorzaak"
    GEVOLG = "gevolg"
    OPLOSSING = "oplossing"


class PollMethod(StrEnum):
    VOOR_TEGEN = "voor_tegen_onthouding"
    KEUZE = "keuze"
    STIPPEN = "stippen"


class VoteBase(StrEnum):
    VOOR_TEGEN = "voor_tegen"
    VOOR_TEGEN_ONTHOUDING = "voor_tegen_onthouding"
    AANWEZIGEN = "aanwezigen"
    STEMGERECHTIGDEN = "stemgerechtigden"


class Threshold(StrEnum):
    MEER_DAN_HELFT = "meer_dan_helft"
    TWEE_DERDE = "twee_derde"
    DRIE_KWART = "drie_kwart"
    PERCENTAGE = "percentage"
    UNANIEM = "unaniem"


class PollStatus(StrEnum):
    #: Prepared on an item (question, method, rule, options) and not open yet: not counted
    #: in the room, no result; the chair opens it when the item comes.
    VOORBEREID = "voorbereid"
    OPEN = "open"
    VASTGESTELD = "vastgesteld"


class Channel(StrEnum):
    ZAAL = "zaal"
    DIGITAAL = "digitaal"
    #: Votes cast from a phone in the room (DESIGN §5a): counted by the Store, never typed.
    TELEFOON = "telefoon"


class Ballot(StrEnum):
    """Who may vote on a poll from a phone (DESIGN §5a)."""

    #: Anyone in the room with the meeting's page (the meeting code): one vote per phone.
    OPEN = "open"
    #: Only with a voting card handed out at the door: one vote per card.
    STEMKAART = "stemkaart"


class PhoneCardStatus(StrEnum):
    """A card handed in from a phone, in the note-taker's inbox."""

    WACHT = "wacht"
    AANGENOMEN = "aangenomen"
    AFGEWEZEN = "afgewezen"


class ActionStatus(StrEnum):
    OPEN = "open"
    GEDAAN = "gedaan"
    VERVALLEN = "vervallen"


class ReviewAnswer(StrEnum):
    """The facilitator's choice at a spot of the review of the public version."""

    ACCEPT = "accept"  # as BaZ proposes (a doubtful spot stays as typed)
    KEEP = "keep"  # as typed: the replacement undone
    NAME = "name"  # a name: of a person of the process, or of someone on no list


_LABELS: dict[StrEnum, str] = {
    ParticipationLevel.INFORMEREN: N_("informing"),
    ParticipationLevel.RAADPLEGEN: N_("consulting"),
    ParticipationLevel.ADVISEREN: N_("advising"),
    ParticipationLevel.COPRODUCEREN: N_("co-producing"),
    ParticipationLevel.MEEBESLISSEN: N_("co-deciding"),
    ParticipationLevel.ZELFBEHEER: N_("self-management"),
    Role.BEWONER: N_("resident"),
    Role.VOORZITTER: N_("chair"),
    Role.NOTULIST: N_("note-taker"),
    Role.GEMEENTE: N_("municipality"),
    Role.CORPORATIE: N_("housing corporation"),
    Role.WIJKAGENT: N_("community police officer"),
    Role.DESKUNDIGE: N_("expert"),
    Role.GAST: N_("guest"),
    Presence.ONBEKEND: N_("not yet marked"),
    Presence.AANWEZIG: N_("present"),
    Presence.AFWEZIG_MET_KENNISGEVING: N_("absent with notice"),
    Presence.AFWEZIG: N_("absent"),
    Consent.NAAM: N_("full name"),
    Consent.INITIALEN: N_("initials"),
    Consent.ANONIEM: N_("anonymous"),
    MeetingStatus.GEPLAND: N_("planned"),
    MeetingStatus.LOPEND: N_("running"),
    MeetingStatus.GESLOTEN: N_("closed"),
    MinutesStatus.CONCEPT: N_("draft"),
    MinutesStatus.VASTGESTELD: N_("approved"),
    Purpose.INFORMATIE: N_("for information"),
    Purpose.BESPREKING: N_("for discussion"),
    Purpose.BESLUITVORMING: N_("for decision"),
    OrderPolicy.FIFO: N_("in order of request"),
    OrderPolicy.EERST_NIEUWE_SPREKERS: N_("new speakers first"),
    SpeakerKind.NORMAAL: N_("normal"),
    SpeakerKind.PUNT_VAN_ORDE: N_("point of order"),
    CardKind.KERNPROBLEEM: N_("core problem"),
    CardKind.OORZAAK: N_("cause"),
    CardKind.GEVOLG: N_("effect"),
    CardKind.OPLOSSING: N_("idea"),
    PollMethod.VOOR_TEGEN: N_("for/against/abstain"),
    PollMethod.KEUZE: N_("choice"),
    PollMethod.STIPPEN: N_("dot voting"),
    VoteBase.VOOR_TEGEN: N_("for+against"),
    VoteBase.VOOR_TEGEN_ONTHOUDING: N_("for+against+abstain"),
    VoteBase.AANWEZIGEN: N_("those present"),
    VoteBase.STEMGERECHTIGDEN: N_("all eligible voters"),
    Threshold.MEER_DAN_HELFT: N_("more than half"),
    Threshold.TWEE_DERDE: N_("two thirds"),
    Threshold.DRIE_KWART: N_("three quarters"),
    Threshold.PERCENTAGE: N_("percentage"),
    Threshold.UNANIEM: N_("unanimous"),
    PollStatus.VOORBEREID: N_("prepared"),
    PollStatus.OPEN: N_("open"),
    PollStatus.VASTGESTELD: N_("declared"),
    Channel.ZAAL: N_("in the room"),
    Channel.DIGITAAL: N_("digital in advance"),
    Channel.TELEFOON: N_("by phone"),
    Ballot.OPEN: N_("open (meeting code)"),
    Ballot.STEMKAART: N_("with voting card"),
    PhoneCardStatus.WACHT: N_("waiting"),
    PhoneCardStatus.AANGENOMEN: N_("taken in"),
    PhoneCardStatus.AFGEWEZEN: N_("declined"),
    ActionStatus.OPEN: N_("open"),
    ActionStatus.GEDAAN: N_("done"),
    ActionStatus.VERVALLEN: N_("dropped"),
    ReviewAnswer.ACCEPT: N_("accepted"),
    ReviewAnswer.KEEP: N_("kept as typed"),
    ReviewAnswer.NAME: N_("marked as a name"),
}


def label(value: StrEnum) -> str:
    """The translated, human name of an enumeration value."""
    return _(_LABELS[value])


def may_vote(role: Role) -> bool:
    """Whether someone in this role votes and places dots (see ``NON_VOTING_ROLES``)."""
    return Role(role) not in NON_VOTING_ROLES


def is_professional(role: Role) -> bool:
    """Whether speaking time of this role counts on the professionals' side of the balance."""
    return role in PROFESSIONAL_ROLES


#: Residents are anonymous unless they say otherwise; professionals speak in their role.
def default_consent(role: Role) -> Consent:
    """The naming consent a new attendee gets when none is given."""
    return Consent.ANONIEM if role in (Role.BEWONER, Role.GAST) else Consent.NAAM
