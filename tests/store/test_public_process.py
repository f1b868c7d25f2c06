"""What of a process a public version shows: one rule (``models.shown_process.named_process``) for the
public minutes and the beamer, and every field of a process declared under it (issue #24).

A free-text field added to a process later, and named in neither list, fails here before it
can carry a name onto the beamer or into the public minutes.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, time
from pathlib import Path

from models.beamer import BeamerFeed
from models.domain import Consent, ParticipationLevel
from models.minutes import build_minutes
from models.records.meeting import ProcessInfo
from models.rules.naming import Namer, Person
from models.shown_process import (
    PROCESS_PLAIN_FIELDS,
    PROCESS_TEXT_FIELDS,
    PROCESS_WITHHELD_FIELDS,
    named_process,
)
from models.store import Store
from tests.e2e.test_privacy_export import forbidden_words, words_in
from tests.screens.test_privacy_beamer import strings

HIDDEN = "Pieter Kuijpers"
#: What somebody could type into any free-text field of a process.
TYPED = "Afgesproken met Pieter Kuijpers (pieter.kuijpers@buurt.nl, 06-12345678)"
FORBIDDEN = forbidden_words([HIDDEN]) | {"buurt", "12345678"}


def _leaked(text: str) -> set[str]:
    return words_in(text) & FORBIDDEN


def test_every_field_of_a_process_is_declared_once() -> None:
    declared = PROCESS_TEXT_FIELDS + PROCESS_WITHHELD_FIELDS + PROCESS_PLAIN_FIELDS
    assert sorted(declared) == sorted(f.name for f in dataclasses.fields(ProcessInfo))
    # Free text is never shown as it was typed.
    types = typing.get_type_hints(ProcessInfo)
    assert [name for name in PROCESS_PLAIN_FIELDS if types[name] is str] == []


def test_no_text_of_a_process_reaches_a_public_version_as_typed() -> None:
    """Every text field — also one added later — holds a name, an e-mail address and a phone
    number: the public version shows none of them, and the fields that name nobody as stored."""
    types = typing.get_type_hints(ProcessInfo)
    process = ProcessInfo(
        id=7,
        title="",
        neighbourhood="",
        participation_level=ParticipationLevel.MEEBESLISSEN,
        budget_euro_cents=8_500_000,
        decision_deadline=date(2027, 3, 1),
        fixed_text="",
        open_text="",
        feedback_text="",
    )
    process = dataclasses.replace(
        process, **{name: TYPED for name, kind in types.items() if kind is str}
    )
    namer = Namer([Person(1, HIDDEN, Consent.ANONIEM, here=True)], public=True)
    shown = named_process(process, namer)
    assert {name: _leaked(getattr(shown, name)) for name in PROCESS_TEXT_FIELDS} == dict.fromkeys(
        PROCESS_TEXT_FIELDS, set()
    )
    assert all(getattr(shown, name) == "" for name in PROCESS_WITHHELD_FIELDS)
    assert all(getattr(shown, name) == getattr(process, name) for name in PROCESS_PLAIN_FIELDS)
    # The internal version keeps the text as typed (the house style's place it never shows).
    internal = named_process(process, Namer([], public=False))
    assert all(getattr(internal, name) == TYPED for name in PROCESS_TEXT_FIELDS)


def test_the_public_minutes_and_the_beamer_show_the_same_process(
    store: Store, tmp_path: Path
) -> None:
    meeting = store.create_meeting(
        "Bewonersavond", date(2026, 12, 1), time(19, 30), new_process_title="Plein"
    )
    assert meeting.process is not None
    store.add_attendee(meeting.id, HIDDEN, "bewoner", "anoniem")
    house_style = tmp_path / "Huisstijl van Pieter Kuijpers.docx"
    house_style.write_bytes(b"")
    store.update_process(
        meeting.process.id,
        **{name: TYPED for name in PROCESS_TEXT_FIELDS if name != "title"},
        title="Plein van Pieter Kuijpers",
        template=str(house_style),
    )
    public = build_minutes(store, meeting.id, public=True).process
    beamer = BeamerFeed(store, meeting.id).read().meeting
    assert public is not None and beamer is not None
    assert beamer.process == public
    assert {w for text in strings(public) for w in _leaked(text)} == set()
    assert public.template == ""
