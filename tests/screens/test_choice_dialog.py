"""A choice whose answers do not fit side by side puts them one under the other, never cut."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Button

from screens.widgets.choice import ChoiceDialog

ANSWERS = [
    ("intern", "i", "internal: with names (for the organisation)"),
    ("openbaar", "o", "public: names only as people agreed"),
]


async def _shown(size: tuple[int, int]) -> ChoiceDialog:
    app: App[None] = App()
    async with app.run_test(size=size) as pilot:
        dialog = ChoiceDialog("Which version of the minutes?", ANSWERS)
        await app.push_screen(dialog)
        await pilot.pause()
        for button in dialog.query(Button):
            label = str(button.label)
            assert dialog.region.contains_region(button.region), label
            assert button.region.width >= len(label), label  # the whole label: nothing cut
        return dialog


async def test_answers_go_under_each_other_at_80_columns() -> None:
    assert (await _shown((80, 24))).has_class("-stacked")


async def test_answers_stay_side_by_side_when_they_fit() -> None:
    assert not (await _shown((160, 36))).has_class("-stacked")
