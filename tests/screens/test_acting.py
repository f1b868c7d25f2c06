"""The one path a screen acts through the Store (``screens.acting``): a refusal is said and
changes nothing on the screen, a change made meanwhile is shown first, U takes back through the
same path — and no screen keeps a path of its own beside it."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App, ComposeResult

from models.errors import BazError, ChangedMeanwhileError
from screens.acting import ActingScreen, UndoStep
from screens.widgets.status_line import StatusLine

SCREENS = Path(__file__).resolve().parents[2] / "screens"


class Counter(ActingScreen[None]):
    """A screen with one number, changed by actions that may be refused."""

    def __init__(self) -> None:
        super().__init__()
        self.number = 0
        self.shown: list[object] = []
        self.reads = 0
        self.before = 0

    def compose(self) -> ComposeResult:
        yield StatusLine()

    def show_result(self, result: object) -> None:
        self.shown.append(result)

    def follow_changes(self) -> None:
        self.reads += 1

    def before_action(self) -> None:
        self.before += 1

    def add(self, delta: int) -> int:
        self.number += delta
        return self.number

    def step(self, delta: int) -> int | None:
        return self.act(
            lambda: self.add(delta),
            lambda n: f"now {n}",
            undo=lambda _n: UndoStep(lambda: self.add(-delta), about="number"),
        )


class Host(App[None]):
    def __init__(self, screen: Counter) -> None:
        super().__init__()
        self.counter = screen

    def on_mount(self) -> None:
        self.push_screen(self.counter)


def said(screen: Counter) -> str:
    return str(screen.status_line.render())


def refuse(error: BazError) -> int:
    raise error


async def test_an_action_is_shown_said_and_taken_back_by_u() -> None:
    screen = Counter()
    async with Host(screen).run_test() as pilot:
        await pilot.pause()
        assert screen.step(2) == 2
        assert screen.shown == [2] and "now 2" in said(screen)
        assert screen.before == 1
        screen.action_undo()
        await pilot.pause()
        assert screen.number == 0 and screen.shown == [2, 0]
        assert "Ongedaan gemaakt" in said(screen)  # the step back is said like an action
        assert screen.undo_steps == [] and screen.before == 2


async def test_a_refusal_is_said_and_changes_nothing_on_the_screen() -> None:
    screen = Counter()
    async with Host(screen).run_test() as pilot:
        await pilot.pause()
        result = screen.act(
            lambda: refuse(BazError("Dat mag niet.")),
            "never said",
            undo=lambda _n: UndoStep(lambda: 0),
        )
        assert result is None
        assert "⚠ Dat mag niet." in said(screen)
        assert screen.shown == [] and screen.undo_steps == [] and screen.reads == 0


async def test_a_change_made_meanwhile_is_shown_before_the_refusal() -> None:
    screen = Counter()
    async with Host(screen).run_test() as pilot:
        await pilot.pause()
        screen.act(lambda: refuse(ChangedMeanwhileError("Iemand anders was eerder.")))
        assert screen.reads == 1  # read again: the screen shows the data as it is now
        assert "Iemand anders was eerder." in said(screen)


async def test_a_refused_step_back_is_said_and_not_kept() -> None:
    screen = Counter()
    async with Host(screen).run_test() as pilot:
        await pilot.pause()
        screen.remember(UndoStep(lambda: refuse(BazError("Al veranderd."))))
        screen.action_undo()
        assert "Al veranderd." in said(screen)
        assert screen.undo_steps == []  # it can never be taken back cleanly any more


async def test_forget_drops_only_the_steps_about_what_is_gone() -> None:
    screen = Counter()
    async with Host(screen).run_test() as pilot:
        await pilot.pause()
        screen.step(1)
        screen.remember(UndoStep(lambda: 0, about="other"))
        screen.forget("number")
        assert [step.about for step in screen.undo_steps] == ["other"]


def _defined_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    } | {
        target.attr
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute)
    }


def test_no_screen_keeps_an_action_or_undo_path_of_its_own() -> None:
    """One path (issue #24): a second ``_act``, undo stack or ``action_undo`` beside
    ``ActingScreen`` would drift from it (a refusal said differently, a step not taken back)."""
    own = {}
    for path in sorted(SCREENS.rglob("*.py")):
        if path.name == "acting.py":
            continue
        found = _defined_names(path) & {"_act", "action_undo", "undo_stack"}
        if found:
            own[path.name] = sorted(found)
    assert own == {}
