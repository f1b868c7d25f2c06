"""An evening of its own for the benchmarks and the tests of issue #21 that run the real app.

Not the demo: the demo meeting changes with the product (a held evening, the next one), and
these need one open meeting, its agenda and its people, whatever the demo shows. It lives in
``bench/`` because the crash benchmark builds its database from it; the tests import it from
here (tests may import bench, never the other way round).
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from models.domain import Consent, Presence, Purpose, Role
from models.rules.agenda_template import TemplateItem

TITLE = "Bewonersavond speelplein Wielwijk"
PEOPLE = (
    ("Ria van Dongen", Role.VOORZITTER, Consent.NAAM),
    ("Kees Verhoeven", Role.NOTULIST, Consent.NAAM),
    ("Annie de Graaf", Role.BEWONER, Consent.INITIALEN),
    ("Bram de Jong", Role.BEWONER, Consent.NAAM),
    ("Dewi Pinas", Role.BEWONER, Consent.ANONIEM),
    ("Fatima Ouali", Role.BEWONER, Consent.NAAM),
    ("Henk Jansen", Role.BEWONER, Consent.ANONIEM),
    ("Esra Yılmaz", Role.BEWONER, Consent.ANONIEM),
    ("Sanne de Wit", Role.GEMEENTE, Consent.NAAM),
    ("Ingrid Bakker", Role.CORPORATIE, Consent.NAAM),
    ("Erik Schouten", Role.WIJKAGENT, Consent.NAAM),
    ("Lotte Hendriks", Role.DESKUNDIGE, Consent.NAAM),
)


def make_evening(store: Any, *, present: bool = False, started: bool = False) -> Any:
    """A planned meeting on the standard agenda with twelve people; everyone present and the
    meeting started when asked. Returns the meeting as the Store gives it."""
    meeting = store.create_meeting(
        TITLE,
        date(2026, 12, 1),
        time(19, 30),
        location="Wijkcentrum De Wielslag",
        new_process_title="Herinrichting speelplein Wielwijk",
        scheduled_end_time=time(21, 30),
        content_items=(
            TemplateItem("Terugkoppeling enquête speelplein", Purpose.INFORMATIE, 15),
            TemplateItem("Probleemanalyse: gebruik van het speelplein", Purpose.BESPREKING, 35),
            TemplateItem("Keuze ontwerprichting", Purpose.BESLUITVORMING, 25),
        ),
    )
    for name, role, consent in PEOPLE:
        store.add_attendee(
            meeting.id, name, role, consent, Presence.AANWEZIG if present else Presence.ONBEKEND
        )
    if started:
        store.start_meeting(meeting.id)
    return store.get_meeting(meeting.id)
