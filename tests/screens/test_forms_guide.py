"""Forms that fit and guide (issue #23): only the fields that apply, the save key in the form's
own line, a refusal next to its field and in view, Esc asks before throwing typing away, and
placeholders that read as examples. At 80×24, the smallest screen, and 120×36."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea

from models.domain import PollMethod
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.form_dialog import FormDialog
from tests.conftest import (
    everyone_present_item_running,
    fill_field,
    make_app,
    open_meeting_screen,
    wait_loaded,
)

SIZES = [(80, 24), (120, 36)]
BY_SIZE = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def shown_fields(dialog: FormDialog) -> list[str]:  # type: ignore[type-arg]
    return [spec.name for spec in dialog.fields if dialog.query_one(f"#field-{spec.name}").display]


async def choose(pilot, dialog, name: str, value: str) -> None:  # type: ignore[no-untyped-def]
    dialog.query_one(f"#field-{name}", Select).value = value
    await pilot.pause()


@BY_SIZE
async def test_the_vote_form_asks_only_what_the_method_and_rule_need(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f5")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        # A plain for/against vote: question, where and when, method, rule, how phones vote
        # (openly or with a voting card) and an optional quorum.
        where = ["item", "when"]
        assert shown_fields(dialog) == [
            "question",
            *where,
            "method",
            "profile",
            "ballot",
            "quorum",
        ]
        # The save key is in the form's own line, on the screen without scrolling.
        keys = dialog.query_one("#form-keys")
        assert "Ctrl+S" in str(keys.render()) and dialog.region.contains_region(keys.region)
        await choose(pilot, dialog, "method", PollMethod.STIPPEN.value)
        assert shown_fields(dialog) == ["question", *where, "method", "options", "dots", "quorum"]
        await choose(pilot, dialog, "method", PollMethod.KEUZE.value)
        assert shown_fields(dialog) == ["question", *where, "method", "options", "quorum"]
        await choose(pilot, dialog, "method", PollMethod.VOOR_TEGEN.value)
        await choose(pilot, dialog, "profile", "eigen")
        assert shown_fields(dialog) == [
            "question",
            *where,
            "method",
            "profile",
            "base",
            "threshold",
            "ballot",
            "quorum",
        ]
        await choose(pilot, dialog, "threshold", "percentage")
        assert "percent" in shown_fields(dialog)
        await choose(pilot, dialog, "profile", "zeventig_procent_huishoudens")
        assert shown_fields(dialog) == [
            "question",
            *where,
            "method",
            "profile",
            "ballot",
            "quorum",
            "eligible",
        ]
        await choose(pilot, dialog, "profile", "gewone_meerderheid")
        # A quorum typed asks for the number of all voters too.
        await fill_field(pilot, "quorum", "50%")
        assert shown_fields(dialog)[-1] == "eligible"
        await fill_field(pilot, "question", "Drie bomen bij de zandbak")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # the number is missing: said under its field
        assert "Vul in hoeveel stemgerechtigden er in totaal zijn" in dialog.error_text()
        assert dialog.query_one("#error-eligible").display
        assert dialog.query_one("#field-eligible", Input).has_focus
        await fill_field(pilot, "eligible", "40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        (poll,) = store.list_polls(item_id)
        assert (poll.eligible_count, poll.method) == (40, PollMethod.VOOR_TEGEN)


@BY_SIZE
async def test_a_dot_vote_needs_its_options_said_under_them(store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_meeting_screen(pilot, "f5")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await fill_field(pilot, "question", "Welk idee eerst?")
        await choose(pilot, dialog, "method", PollMethod.STIPPEN.value)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Geef minstens twee keuzes, één per regel." in dialog.error_text()
        assert dialog.query_one("#field-options", TextArea).has_focus
        dialog.query_one("#field-options", TextArea).text = "Bomen\nBankjes\nWater"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (poll,) = store.list_polls(item_id)
        assert [o.label for o in poll.options] == ["Bomen", "Bankjes", "Water"]
        assert poll.dots_per_participant == 3


@BY_SIZE
async def test_a_new_meeting_without_a_date_says_so_under_the_date_in_view(store, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        # Placeholders read as examples, never as values.
        assert dialog.query_one("#field-date", Input).placeholder == "bijv. 8-12-2026"
        assert dialog.query_one("#field-title", Input).placeholder.startswith("bijv. ")
        await fill_field(pilot, "title", "Bewonersavond")
        # Save from the last field, as a user who filled the form from the top would.
        last = dialog.query_one("#field-new_process", Input)
        last.focus()
        fields = dialog.query_one("#form-fields")
        for _frame in range(50):  # as a person sees it: the last field scrolled into view
            if fields.region.contains_region(last.region):
                break
            await pilot.pause(0.02)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.error_text() == "⚠ Vul een datum in, bijvoorbeeld 8-12-2026."
        error = dialog.query_one("#error-date")
        # Next to its field and scrolled into view (after the error's own line is laid out),
        # with the field focused for typing.
        for _frame in range(50):
            if fields.region.contains_region(error.region):
                break
            await pilot.pause(0.02)
        assert fields.region.contains_region(error.region), (fields.region, error.region)
        assert dialog.query_one("#field-date", Input).has_focus
        await pilot.press(*"32-13-2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "“32-13-2026” is geen geldige datum" in dialog.error_text()
        assert store.list_meetings() == []


@BY_SIZE
async def test_esc_on_an_untouched_form_closes_it_at_once(store, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        home = app.screen
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


@BY_SIZE
async def test_esc_on_a_changed_form_asks_once_and_j_closes_it(store, size) -> None:  # type: ignore[no-untyped-def]
    closed: list[object] = []
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        home = app.screen
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog._result_callbacks[-1].callback = closed.append  # type: ignore[assignment]
        await pilot.press("x")  # typed into the title
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        # The answer's keys are on its buttons: N (no) and J (yes, in Dutch).
        assert str(question.query_one("#no").label).startswith("N  ")
        assert str(question.query_one("#yes").label).startswith("J  ")
        await pilot.press("j", "j")  # a second J must not answer twice
        await pilot.pause()
        assert app.screen is home
        assert closed == [None]
