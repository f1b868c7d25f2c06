"""Pilot tests of attendance: one key per person, counts in view, undo, nothing lost."""

from __future__ import annotations

from textual.widgets import Input, Static

from models.domain import Consent, Presence, Role
from screens.attendance import AttendanceScreen
from screens.process import ProcessScreen
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.row_list import RowList
from tests.conftest import make_app, wait_loaded


async def _open(pilot) -> AttendanceScreen:  # type: ignore[no-untyped-def]
    await wait_loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AttendanceScreen)
    return screen


def _presence(store, meeting_id: int) -> dict[str, Presence]:  # type: ignore[no-untyped-def]
    return {p.name: p.presence for p in store.list_attendees(meeting_id)}


async def test_marking_at_the_door_stays_on_the_person_and_names_them(store, meeting) -> None:
    """A, K and W mark the selected person; the cursor stays on them (a second key marks
    the same person again, never the next one by surprise) and the status line names them."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        # Alphabetical: Anna, Els, Fatima, Jan, Kees, Mohammed, Piet, Sanne.
        await pilot.press("a")
        await pilot.pause()
        assert screen.query_one("#attendees", RowList).cursor_row == 0
        status = str(screen.query_one("#status", Static).render())
        assert "Anna Bakker" in status and "aanwezig" in status
        await pilot.press("a", "k")  # again on Anna: present, then absent with notice
        await pilot.pause()
        stored = _presence(store, meeting.id)
        assert stored["Anna Bakker"] is Presence.AFWEZIG_MET_KENNISGEVING
        assert stored["Els Verbeek"] is Presence.ONBEKEND  # the next row was never touched
        assert "Anna Bakker" in str(screen.query_one("#status", Static).render())
        # The next person: with the arrows (or / and part of the name).
        await pilot.press("down", "a", "down", "down", "w")
        await pilot.pause()
        stored = _presence(store, meeting.id)
        assert stored["Els Verbeek"] is Presence.AANWEZIG
        assert stored["Fatima Ouali"] is Presence.ONBEKEND
        assert stored["Jan de Vries"] is Presence.AFWEZIG
        assert screen.query_one("#attendees", RowList).cursor_row == 3
        # The row shows it too: the sign, the word and (for present) the arrival time.
        row = screen.query_one("#attendees", RowList).items[1]
        assert row.name == "Els Verbeek" and row.presence is Presence.AANWEZIG
        counts = str(screen.query_one("#counts", Static).render())
        assert "Aanwezig: 1" in counts
        assert store.attendance_counts(meeting.id).present == 1


async def test_the_cursor_stays_with_its_person_when_someone_is_added_above(store, meeting) -> None:
    """Another laptop adds a person who sorts above the selected one: the next key still
    marks the person who was selected, not whoever moved into that row."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("down", "down")  # Fatima Ouali
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name == "Fatima Ouali"
        store.add_attendee(meeting.id, "Aad Aalbers")  # sorts first
        screen.follow_changes()  # as the look for changes of other laptops does
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name == "Fatima Ouali"
        await pilot.press("a")
        await pilot.pause()
        stored = _presence(store, meeting.id)
        assert stored["Fatima Ouali"] is Presence.AANWEZIG
        assert stored["Els Verbeek"] is Presence.ONBEKEND


async def test_undo_takes_back_the_last_mark(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("a", "k")
        await pilot.press("u")
        await pilot.pause()
        stored = _presence(store, meeting.id)
        assert stored["Els Verbeek"] is Presence.ONBEKEND
        assert stored["Anna Bakker"] is Presence.AANWEZIG


async def test_find_jumps_to_the_person_and_marks_them(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("slash")
        await pilot.press(*"pie")
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name == "Piet Jansen"
        # Before a key marks anyone, the status line says who it will be.
        assert "Piet Jansen" in str(screen.query_one("#status", Static).render())
        await pilot.press("enter", "a")
        await pilot.pause()
        assert _presence(store, meeting.id)["Piet Jansen"] is Presence.AANWEZIG
        await pilot.press("slash", *"xyz")
        await pilot.pause()
        assert "⚠" in str(screen.query_one("#status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#find", Input).value == ""
        assert screen.query_one("#attendees", RowList).row_count == 8


async def test_add_edit_and_remove_a_person(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Wethouder Boer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = next(p for p in store.list_attendees(meeting.id) if p.name == "Wethouder Boer")
        assert added.presence is Presence.AANWEZIG
        assert added.role is Role.BEWONER and added.consent is Consent.ANONIEM
        assert screen.selected is not None and screen.selected.id == added.id

        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-role").value = Role.GEMEENTE.value
        app.screen.query_one("#field-consent").value = Consent.NAAM.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = next(p for p in store.list_attendees(meeting.id) if p.id == added.id)
        assert (edited.role, edited.consent) == (Role.GEMEENTE, Consent.NAAM)

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert added.id not in {p.id for p in store.list_attendees(meeting.id)}
        # Undo brings the person back with the same details.
        await pilot.press("u")
        await pilot.pause()
        back = next(p for p in store.list_attendees(meeting.id) if p.name == "Wethouder Boer")
        assert (back.role, back.consent, back.presence) == (
            Role.GEMEENTE,
            Consent.NAAM,
            Presence.AANWEZIG,
        )


async def test_an_empty_name_is_refused_in_the_form(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        before = store.list_attendees(meeting.id)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("space", "space", "ctrl+s")
        await pilot.pause()
        assert "⚠" in app.screen.error_text()
        assert store.list_attendees(meeting.id) == before


async def test_f8_edits_the_process_and_saves_on_leaving(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProcessScreen)
        assert screen.query_one("#budget", Input).value == "85.000"
        screen.query_one("#budget", Input).value = "90.000,50"
        screen.query_one("#neighbourhood", Input).value = "Wielwijk"
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        process = store.get_process(meeting.process.id)
        assert process.budget_euro_cents == 9_000_050
        assert process.neighbourhood == "Wielwijk"


async def test_a_bad_budget_keeps_you_on_the_process_screen(store, meeting) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("f8")
        await pilot.pause()
        app.screen.query_one("#budget", Input).value = "heel veel"
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ProcessScreen)
        assert store.get_process(meeting.process.id).budget_euro_cents == 8_500_000


async def test_a_meeting_without_process_gets_one_from_f8(store) -> None:
    from datetime import date, time

    bare = store.create_meeting("Losse avond", date(2026, 12, 2), time(20, 0))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("f8")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Veilig oversteken"
        await pilot.press("ctrl+s")
        await pilot.pause()
        linked = store.get_meeting(bare.id)
        assert linked.process is not None and linked.process.title == "Veilig oversteken"


async def test_f8_keeps_the_contact_and_the_house_style_of_the_process(
    store, meeting, tmp_path
) -> None:
    """The contact line and the house style are typed on F8; the house style is kept as the
    file's full path, must be a Word document that exists, and Ctrl+O makes it the default."""
    from baz_tui.export import default_template, template_for
    from tests.e2e.test_export import make_house_style

    template = tmp_path / "huisstijl.dotx"
    make_house_style(template, dotx=True)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProcessScreen)
        screen.query_one("#contact", Input).value = "Sanne de Wit, gemeente: www.dordrecht.nl"
        screen.query_one("#template", Input).value = str(tmp_path / "weg.docx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "bestaat niet" in str(screen.query_one("#status").render())
        assert store.get_process(meeting.process.id).template == ""
        screen.query_one("#template", Input).value = str(tmp_path / "notities.txt")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ".docx" in str(screen.query_one("#status").render())
        screen.query_one("#template", Input).value = str(template)
        await pilot.press("ctrl+s")
        await pilot.pause()
        process = store.get_process(meeting.process.id)
        assert process.contact == "Sanne de Wit, gemeente: www.dordrecht.nl"
        assert process.template == str(template.resolve())
        assert template_for(store, meeting.id)[0] == template.resolve()
        assert default_template() is None
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert default_template() == template.resolve()
        assert "huisstijl.dotx" in str(screen.query_one("#status").render())
        # Leaving after saving changes nothing more (the stored path is shown as kept).
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
