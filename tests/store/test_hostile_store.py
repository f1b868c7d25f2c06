"""The hostile input corpus through every text field, count, date and time the Store takes.

Each case is refused with a :class:`~models.errors.BazError` subclass whose message is user
language, or stored and read back exactly as the corpus says (tests/data/hostile_inputs.json).
One database serves the whole module: every case adds its own rows, so they never meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import pytest

from models import errors
from models.domain import CardKind, Channel, PollMethod, Threshold, VoteBase
from models.errors import BazError
from models.i18n import _
from models.rules import validation as check
from models.rules.votes import RuleProfile
from models.store import Store
from tests.conftest import Clock
from tests.rules.test_hostile_corpus import cases, corpus, text_expectation, value


@dataclass
class Place:
    """The rows of the shared database the cases write into."""

    store: Store
    meeting_id: int
    process_id: int
    item_id: int
    poll_id: int
    option_id: int


@pytest.fixture(scope="module")
def place() -> Iterator[Place]:
    store = Store.in_memory(clock=Clock())
    meeting = store.create_meeting(
        "Hostile", date(2026, 12, 1), time(19, 30), new_process_title="Traject"
    )
    assert meeting.process is not None
    item = store.add_agenda_item(meeting.id, "Speelplein")
    store.add_card(item.id, CardKind.KERNPROBLEEM, "Kernprobleem")
    poll = store.create_poll(item.id, "Teltest", present_count="0")
    yield Place(store, meeting.id, meeting.process.id, item.id, poll.id, poll.options[0].id)
    store.close()


# ------------------------------------------------------------------------------ text


def _attendee_name(p: Place, text: str) -> str:
    added = p.store.add_attendee(p.meeting_id, text)
    return next(a.name for a in p.store.list_attendees(p.meeting_id) if a.id == added.id)


def _attendee_rename(p: Place, text: str) -> str:
    person = p.store.add_attendee(p.meeting_id, "Nog te hernoemen")
    p.store.update_attendee(person.id, name=text)
    return next(a.name for a in p.store.list_attendees(p.meeting_id) if a.id == person.id)


def _speaker_name(p: Place, text: str) -> str:
    state = p.store.add_speaker_by_name(p.item_id, text)
    return p.store.speaker_state(state.item.id).waiting[-1].name


def _meeting_field(name: str) -> Callable[[Place, str], str]:
    def set_and_read(p: Place, text: str) -> str:
        p.store.update_meeting(p.meeting_id, **{name: text})
        return str(getattr(p.store.get_meeting(p.meeting_id), name))

    return set_and_read


def _process_field(name: str) -> Callable[[Place, str], str]:
    def set_and_read(p: Place, text: str) -> str:
        p.store.update_process(p.process_id, **{name: text})
        return str(getattr(p.store.get_process(p.process_id), name))

    return set_and_read


def _agenda_title(p: Place, text: str) -> str:
    added = p.store.add_agenda_item(p.meeting_id, text)
    return next(i.title for i in p.store.list_agenda(p.meeting_id) if i.id == added.id)


def _agenda_notes(p: Place, text: str) -> str:
    p.store.save_notes(p.item_id, text)
    return next(i.notes for i in p.store.list_agenda(p.meeting_id) if i.id == p.item_id)


def _card_text(p: Place, text: str) -> str:
    state = p.store.add_card(p.item_id, CardKind.OORZAAK, text)
    assert state.touched_card_id is not None
    card_id = state.touched_card_id
    again = p.store.analysis_state(p.item_id)
    return next(c.text for _depth, c in again.flat() if c.id == card_id)


def _decision_text(p: Place, text: str) -> str:
    added = p.store.add_decision(p.meeting_id, text)
    return next(d.text for d in p.store.list_decisions(p.meeting_id) if d.id == added.id)


def _action_what(p: Place, text: str) -> str:
    added = p.store.add_action(p.meeting_id, text)
    return next(a.what for a in p.store.action_list(p.meeting_id) if a.id == added.id)


def _action_who(p: Place, text: str) -> str:
    added = p.store.add_action(p.meeting_id, "Iets doen", who=text)
    return next(a.who for a in p.store.action_list(p.meeting_id) if a.id == added.id)


def _poll_question(p: Place, text: str) -> str:
    poll = p.store.create_poll(p.item_id, text, present_count="0")
    return p.store.get_poll(poll.id).question


def _poll_option(p: Place, text: str) -> str:
    poll = p.store.create_poll(
        p.item_id, "Welke?", method=PollMethod.KEUZE, options=[text, "\u2013"], present_count="0"
    )
    return p.store.get_poll(poll.id).options[0].label


def _poll_digital_source(p: Place, text: str) -> str:
    p.store.set_digital_source(p.poll_id, text)
    return p.store.get_poll(p.poll_id).digital_source


TEXT_FIELDS: dict[str, Callable[[Place, str], str]] = {
    "attendee.name": _attendee_name,
    "attendee.rename": _attendee_rename,
    "speaker.name": _speaker_name,
    "meeting.title": _meeting_field("title"),
    "meeting.location": _meeting_field("location"),
    "meeting.chair": _meeting_field("chair"),
    "meeting.note_taker": _meeting_field("note_taker"),
    "process.title": _process_field("title"),
    "process.neighbourhood": _process_field("neighbourhood"),
    "process.fixed_text": _process_field("fixed_text"),
    "process.open_text": _process_field("open_text"),
    "process.feedback_text": _process_field("feedback_text"),
    "agenda.title": _agenda_title,
    "agenda.notes": _agenda_notes,
    "card.text": _card_text,
    "decision.text": _decision_text,
    "action.what": _action_what,
    "action.who": _action_who,
    "poll.question": _poll_question,
    "poll.option": _poll_option,
    "poll.digital_source": _poll_digital_source,
}


def test_every_field_of_the_corpus_is_exercised() -> None:
    assert set(TEXT_FIELDS) == set(corpus()["text_fields"])


def assert_user_message(error: BazError) -> None:
    """A message for the person at the keyboard: a sentence, no Python or SQL in it."""
    message = error.message
    assert message and message == str(error)
    assert len(message) < 400
    for leak in ("Traceback", "Error:", "sqlite", "SQL", "\\x", "None", "<", "self."):
        assert leak not in message, message
    assert all(ch.isprintable() for ch in message), repr(message)


def _refused(expected: dict[str, Any], run: Callable[[], Any]) -> BazError:
    error_class = getattr(errors, expected["refused"])
    with pytest.raises(BazError) as caught:
        run()
    assert isinstance(caught.value, error_class)
    assert_user_message(caught.value)
    return caught.value


def _outcomes(
    checks: dict[str, tuple[dict[str, Any], Callable[[], Any]]],
) -> list[str]:
    """Run every field's check; the list of fields that did not give what the corpus says.

    One test per case runs all its fields (not one test per field): a thousand tiny tests
    cost more in pytest than in the Store, and the list still names each field that failed.
    """
    problems = []
    for field, (expected, run) in checks.items():
        try:
            if "refused" in expected:
                _refused(expected, run)
            else:
                got = run()
                if got != expected["stored"]:
                    problems.append(f"{field}: stored {got!r:.120} not {expected['stored']!r:.120}")
        except BaseException as error:  # noqa: BLE001 - every field is reported, then failed
            problems.append(f"{field}: {type(error).__name__}: {error!s:.200}")
    return problems


@pytest.mark.parametrize("case", cases("text"), ids=lambda c: c["id"])
def test_text_is_refused_or_stored_faithfully(place: Place, case: dict[str, Any]) -> None:
    text = value(case["value"])
    checks = {}
    for field, run in TEXT_FIELDS.items():
        expected = dict(text_expectation(case, field))
        if "stored" in expected:
            expected["stored"] = value(expected["stored"])
        checks[field] = (expected, lambda run=run: run(place, text))
    assert _outcomes(checks) == []


def test_a_refused_change_leaves_the_stored_text_as_it_was(place: Place) -> None:
    person = place.store.add_attendee(place.meeting_id, "Els [bold]Verbeek[/bold]")
    with pytest.raises(BazError):
        place.store.update_attendee(person.id, name="Els\x00Verbeek")
    names = [a.name for a in place.store.list_attendees(place.meeting_id) if a.id == person.id]
    assert names == ["Els [bold]Verbeek[/bold]"]


# ---------------------------------------------------------------------------- counts


def _poll_count(p: Place, typed: str) -> int:
    poll = p.store.set_count(p.poll_id, p.option_id, Channel.DIGITAAL, typed)
    return next(o.digital for o in poll.options if o.id == p.option_id)


def _poll_eligible(p: Place, typed: str) -> int:
    poll = p.store.create_poll(
        p.item_id,
        "Huishoudens",
        profile=RuleProfile.EIGEN,
        base=VoteBase.STEMGERECHTIGDEN,
        threshold=Threshold.MEER_DAN_HELFT,
        eligible_count=typed,
        present_count="0",
    )
    eligible = p.store.get_poll(poll.id).eligible_count
    assert eligible is not None
    return eligible


def _poll_percent(p: Place, typed: str) -> int:
    poll = p.store.create_poll(
        p.item_id,
        "Percentage",
        profile=RuleProfile.EIGEN,
        base=VoteBase.VOOR_TEGEN,
        threshold=Threshold.PERCENTAGE,
        threshold_percent=typed,
        present_count="0",
    )
    percent = p.store.get_poll(poll.id).threshold_percent
    assert percent is not None
    return percent


def _agenda_number(name: str) -> Callable[[Place, str], int]:
    def set_and_read(p: Place, typed: str) -> int:
        p.store.update_agenda_item(p.item_id, **{name: typed})
        item = next(i for i in p.store.list_agenda(p.meeting_id) if i.id == p.item_id)
        return int(getattr(item, name))

    return set_and_read


def _dots(p: Place, typed: str) -> int:
    p.store.set_dots_per_participant(p.item_id, typed)
    return p.store.analysis_state(p.item_id).dots_per_participant


def _budget(p: Place, typed: str) -> int:
    p.store.update_process(p.process_id, budget_euro_cents=typed)
    budget = p.store.get_process(p.process_id).budget_euro_cents
    assert budget is not None
    return budget


COUNT_FIELDS: dict[str, Callable[[Place, str], int]] = {
    "poll.count": _poll_count,
    "poll.eligible_count": _poll_eligible,
    "poll.threshold_percent": _poll_percent,
    "agenda.planned_minutes": _agenda_number("planned_minutes"),
    "agenda.speaking_limit_seconds": _agenda_number("speaking_limit_seconds"),
    "analysis.dots_per_participant": _dots,
    "process.budget_euro_cents": _budget,
}


def test_every_count_field_of_the_corpus_is_exercised() -> None:
    assert set(COUNT_FIELDS) == set(corpus()["count_fields"])


@pytest.mark.parametrize("case", cases("count"), ids=lambda c: c["id"])
def test_a_count_is_refused_or_stored_within_its_bounds(place: Place, case: dict[str, Any]) -> None:
    typed = value(case["value"])
    expect = case["expect"]
    checks = {}
    for field, run in COUNT_FIELDS.items():
        low, high = corpus()["count_fields"][field]
        if "number" in expect and low <= expect["number"] <= high:
            expected: dict[str, Any] = {"stored": expect["number"]}
        else:
            expected = {"refused": "InvalidInputError"}
        checks[field] = (expected, lambda run=run: run(place, typed))
    assert _outcomes(checks) == []
    if "number" in expect or "out_of_range" in expect:
        # A whole number out of bounds is refused with the bounds, not as "not a number".
        for field, run in COUNT_FIELDS.items():
            low, high = corpus()["count_fields"][field]
            if "number" not in expect or not low <= expect["number"] <= high:
                with pytest.raises(BazError) as caught:
                    run(place, typed)
                assert str(low) in caught.value.message, (field, caught.value.message)


# ------------------------------------------------------------------ dates and times


def _action_due(p: Place, typed: str) -> str | None:
    added = p.store.add_action(p.meeting_id, "Op tijd", due=typed)
    due = next(a.due for a in p.store.action_list(p.meeting_id) if a.id == added.id)
    return due.isoformat() if due is not None else None


def _approved_on(p: Place, typed: str) -> str | None:
    # The meeting is of 1 December 2026; the minutes cannot be approved before it, so a
    # meeting in year 1 takes the dates the corpus has.
    early = p.store.create_meeting("Vroeg", date(1, 1, 1), time(19, 30))
    approved = p.store.approve_minutes(early.id, typed).minutes_approved_on
    return approved.isoformat() if approved is not None else None


def _parsed_date(_p: Place, typed: str) -> str | None:
    # What the meeting form does with the date field before it calls the Store.
    return check.parse_date(typed).isoformat()


DATE_FIELDS: dict[str, Callable[[Place, str], str | None]] = {
    "action.due": _action_due,
    "minutes.approved_on": _approved_on,
    "meeting_form.date": _parsed_date,
}


def test_every_date_field_of_the_corpus_is_exercised() -> None:
    assert set(DATE_FIELDS) == set(corpus()["date_fields"])


@pytest.mark.parametrize("case", cases("date"), ids=lambda c: c["id"])
def test_a_date_is_refused_or_read_as_the_calendar_day(place: Place, case: dict[str, Any]) -> None:
    checks = {}
    for field, run in DATE_FIELDS.items():
        expected = case["expect"].get("fields", {}).get(field, case["expect"])
        expected = {k: v for k, v in expected.items() if k != "fields"}
        checks[field] = (expected, lambda run=run: run(place, case["value"]))
    assert _outcomes(checks) == []


@pytest.mark.parametrize("case", cases("time"), ids=lambda c: c["id"])
def test_a_time_is_refused_or_read_as_a_clock_time(place: Place, case: dict[str, Any]) -> None:
    expect = case["expect"]
    if "refused" in expect:
        _refused(expect, lambda: check.parse_time(case["value"]))
        return
    parsed = check.parse_time(case["value"])
    assert parsed.strftime("%H:%M") == expect["stored"]
    # And the Store keeps it as the meeting's start.
    place.store.update_meeting(place.meeting_id, start_time=parsed)
    assert place.store.get_meeting(place.meeting_id).start_time == parsed


@pytest.mark.parametrize("case", cases("amount"), ids=lambda c: c["id"])
def test_an_amount_is_refused_or_read_in_cents(place: Place, case: dict[str, Any]) -> None:
    expect = case["expect"]
    if "refused" in expect:
        _refused(expect, lambda: check.parse_euros(case["value"]))
        return
    cents = check.parse_euros(case["value"])
    assert cents == expect["stored"]
    place.store.update_process(place.process_id, budget_euro_cents=cents)
    assert place.store.get_process(place.process_id).budget_euro_cents == cents


@pytest.mark.parametrize(
    "case",
    [c for c in cases("count") if "out_of_range" in c["expect"]],
    ids=lambda c: c["id"],
)
def test_a_number_without_upper_bound_is_refused_beyond_what_the_database_holds(
    place: Place, case: dict[str, Any]
) -> None:
    # A meeting number on the command line has only a lower bound: a huge one is refused in
    # words, not passed to the database driver (which raises OverflowError).
    typed = value(case["value"])
    error = _refused(
        {"refused": "InvalidInputError"},
        lambda: check.whole_number(typed, _("The meeting number"), low=1),
    )
    assert error.message == _("{what} is too large.").format(what=_("The meeting number"))
