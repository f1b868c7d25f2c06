"""Every key visible (issue #23): the key bar wraps to a second line, or shows the keys that can
act now and ends in "F1 more"; a key is never cut. Checked on the layout rule itself and on
every screen at 80×24 and 120×36, as the bar draws it."""

from __future__ import annotations

import pytest

from screens.widgets.key_bar import KeyBar, _Key, arrange
from tests.conftest import everyone_present_item_running, make_app, wait_loaded

SIZES = [(80, 24), (120, 36)]


def key(letter: str, description: str, enabled: bool = True, action: str = "") -> _Key:
    return _Key(letter, letter.upper(), description, enabled, "", action or description)


def lines_of(placed) -> list[str]:  # type: ignore[no-untyped-def]
    lines: dict[int, str] = {}
    for p in placed:
        text = p.key.display + (" " + p.key.description if p.key.description else "")
        lines[p.line] = (lines.get(p.line, "") + " " + text).lstrip()
    return [lines[n] for n in sorted(lines)]


def test_keys_that_fit_stay_on_one_line_in_their_order() -> None:
    keys = (key("n", "Nieuw"), key("e", "Wijzig"), key("f1", "Help", action="help"))
    assert lines_of(arrange(keys, 40, "meer")) == ["N Nieuw E Wijzig F1 Help"]


def test_keys_that_do_not_fit_go_on_a_second_line_never_cut() -> None:
    keys = tuple(key(c, "Omschrijving") for c in "abcdef") + (key("f1", "Help", action="help"),)
    assert lines_of(arrange(keys[:4] + keys[-1:], 40, "meer")) == [
        "A Omschrijving B Omschrijving",
        "C Omschrijving D Omschrijving F1 Help",
    ]
    # Two more keys need a third line: the last ones make way for "F1 meer".
    placed = arrange(keys, 40, "meer")
    assert lines_of(placed) == [
        "A Omschrijving B Omschrijving",
        "C Omschrijving D Omschrijving F1 meer",
    ]
    assert all(p.end <= 40 for p in placed)


def test_beyond_two_lines_the_keys_that_cannot_act_make_way_and_f1_says_more() -> None:
    keys = (
        key("a", "Een lange omschrijving"),
        key("b", "Kan nu niet", enabled=False),
        key("c", "Nog een lange omschrijving"),
        key("d", "Ook niet", enabled=False),
        key("ctrl+q", "Stop", action="quit"),
        key("f1", "Help", action="help"),
    )
    # The keys that cannot act went first, then Stop; the keys that act stay.
    assert lines_of(arrange(keys, 40, "meer")) == [
        "A Een lange omschrijving",
        "C Nog een lange omschrijving F1 meer",
    ]


def test_quit_makes_way_before_a_key_that_acts() -> None:
    keys = (
        key("a", "Aanwezig"),
        key("b", "Bijna vol"),
        key("ctrl+q", "Stop", action="quit"),
        key("f1", "Help", action="help"),
    )
    shown = " ".join(lines_of(arrange(keys, 12, "meer")))
    assert "Stop" not in shown and shown.endswith("F1 meer")


async def _screens(pilot, size):  # type: ignore[no-untyped-def]
    """Each screen's key bar: (name, lines) after opening it."""
    seen = [("home", pilot.app.screen.query_one(KeyBar))]
    await pilot.press("enter")
    await pilot.pause()
    for f_key in ("f2", "f3", "f4", "f5", "f6", "f7", "f8"):
        await pilot.press(f_key)
        await pilot.pause()
        seen.append((type(pilot.app.screen).__name__, pilot.app.screen.query_one(KeyBar)))
        yield seen[-1]
    # The speakers screen while a name is typed has its most keys.
    await pilot.press("f3")
    await pilot.pause()
    await pilot.press("plus")
    await pilot.pause()
    yield ("typing a name", pilot.app.screen.query_one(KeyBar))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("running", [False, True], ids=["before", "running"])
async def test_every_key_of_every_screen_is_whole_on_the_screen(
    store, meeting, size, running
) -> None:  # type: ignore[no-untyped-def]
    from tests.screens.test_hostile_screens import screen_text

    if running:
        store.start_meeting(meeting.id)
        everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        home = pilot.app.screen.query_one(KeyBar)
        checked = [("home", home.text_lines(), screen_text(app))]
        async for name, bar in _screens(pilot, size):
            checked.append((name, bar.text_lines(), screen_text(app)))
        for name, lines, drawn in checked:
            assert 1 <= len(lines) <= 2, name
            assert all(len(line) <= size[0] for line in lines), (name, lines)
            # The last key is help: "F1 Help" when everything is shown, else "F1 meer".
            assert lines[-1].endswith(("F1 Help", "F1 meer")), (name, lines)
            # And the bar is drawn as it is laid out: whole, at the bottom of the screen (the
            # screenshot's text leaves out the spaces between keys: compared without spaces).
            bottom = drawn.rstrip("\n").split("\n")[-len(lines) :]
            assert ["".join(row.split()) for row in bottom] == [
                "".join(line.split()) for line in lines
            ], (name, bottom, lines)
