"""The speaker list (F3): who has the floor, who is next and why, and how long they spoke.

The countdown is computed from stored moments every second; the queue order comes from the
pure rules in ``models.rules.speakers`` (S1–S9), applied by the Store.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Key, Paste

from models.domain import PROFESSIONAL_ROLES, OrderPolicy, Presence, Role, SpeakerKind, label
from models.errors import BazError
from models.i18n import _
from models.rules import speakers as rules
from models.rules.speakers import Turn, speaking_stats
from screens.acting import UndoStep
from screens.meeting_base import (
    ITEM_BINDINGS,
    NAVIGATION_BINDINGS,
    ItemScreen,
)
from screens.widgets.floor_panel import FloorPanel
from screens.widgets.key_bar import KeyBar
from screens.widgets.parts_line import PartsLine
from screens.widgets.request_line import RequestLine
from screens.widgets.row_list import RowList
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.records.meeting import MeetingSpeaking, SpeakerInfo, SpeakerState
    from models.store import Store


def balance_bar(resident_percent: int, width: int = 20) -> Text:
    """Residents vs professionals as a bar with words and numbers, never colour alone."""
    filled = round(width * resident_percent / 100)
    text = Text()
    text.append(_("Residents {p}%").format(p=resident_percent) + " ", style="bold")
    text.append("█" * filled)
    text.append("░" * (width - filled))
    text.append(" " + _("{p}% professionals").format(p=100 - resident_percent), style="bold")
    return text


def waiting_row(index: int, entry: SpeakerInfo) -> tuple[str, str, str]:
    """A row of the queue: place, name (‼ for a point of order) and why it is there."""
    sign = "‼ " if entry.kind is SpeakerKind.PUNT_VAN_ORDE else ""
    return str(index + 1), sign + entry.name, entry.reason


def stats_row(index: int, row: tuple[str, str, str]) -> tuple[str, str, str]:
    """A row of the statistics: name (◆ for a professional), on this item, in the meeting."""
    return row


def done_row(index: int, entry: SpeakerInfo) -> tuple[str, str]:
    """A row of the finished turns: name and spoken time, with the overtime."""
    spoken = rules.format_clock(entry.spoken_seconds or 0)
    if entry.overtime_seconds:
        spoken += " " + rules.format_overtime(entry.overtime_seconds)
    return entry.name, spoken


#: A role on the professionals' side, for the turn that sums that side.
_PROFESSIONAL = min(PROFESSIONAL_ROLES)


#: The actions whose keys type letters (or stop typing) while a name is typed.
_TYPED_OVER = frozenset(
    {
        "next_speaker",
        "request",
        "pause",
        "back",
        "undo",
        "toggle_closed",
        "toggle_stats",
        "toggle_policy",
        "leave",  # Esc stops typing then
    }
)


def _closed_prompt() -> str:
    """The name line of a closed meeting: why + and O no longer add anyone."""
    return _("The meeting is closed: its speaker lists no longer change.")


#: The actions that change a list: none of them on a closed meeting.
_CHANGES_THE_LIST = frozenset(
    {
        "next_speaker",
        "request",
        "pause",
        "back",
        "undo",
        "remove",
        "move",
        "toggle_closed",
        "toggle_policy",
    }
)


def balance_sides(turns: tuple[Turn, ...]) -> tuple[Turn, Turn]:
    """``turns`` summed per side of the balance: two turns that weigh the same as all of them.

    The balance is asked for every second; the finished turns of a long meeting (hundreds of
    people) only change with an action, so they are summed once per action.
    """
    resident = professional = 0
    for turn in turns:
        # As PersonStats.professional: no role (anonymous) counts as a resident.
        if turn.role is not None and turn.role in PROFESSIONAL_ROLES:
            professional += turn.seconds
        else:
            resident += turn.seconds
    return (
        Turn("residents", "", None, None, resident),
        Turn("professionals", "", None, _PROFESSIONAL, professional),
    )


class SpeakersScreen(ItemScreen):
    """The speaker list of the running (or first open) agenda item."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "speakers"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = _("Speakers")
    HELP_INTRO = _(
        "Type a name after + (or O for a point of order) and press Enter: the list suggests the "
        "people present; someone not on the list can be added as a new attendee or as an "
        "anonymous resident. Space gives the floor to the next speaker, P pauses the clock, "
        "T puts the last speaker back at the front. New speakers go before people who already "
        "spoke (F switches to first come, first served); L closes the list for new requests."
    )

    # The list's own keys are priority bindings: Textual runs them as soon as the key arrives,
    # instead of after the key has travelled from the focused list through each container up
    # to the app (a hop each) — about a millisecond of every key press. Nothing on this screen
    # takes these keys itself: while a name is typed, ``check_action`` turns the typed-over
    # keys off, and the key goes on to ``on_key`` and the name line.
    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "space",
            "next_speaker",
            _("Next"),
            show=True,
            tooltip=_("End the current speaker and give the floor to the next"),
            priority=True,
            id="speakers.next_speaker",
        ),
        Binding(
            "plus,equals_sign",
            "request('normaal')",
            _("Speaker"),
            show=True,
            tooltip=_("Add someone to the list"),
            priority=True,
            id="speakers.add_speaker",
        ),
        Binding(
            "o",
            "request('punt_van_orde')",
            _("Point of order"),
            show=True,
            tooltip=_("A point of order goes before the other speakers"),
            priority=True,
            id="speakers.point_of_order",
        ),
        Binding(
            "p",
            "pause",
            _("Pause"),
            show=True,
            tooltip=_("Pause or resume the clock"),
            priority=True,
            id="speakers.pause",
        ),
        Binding(
            "t",
            "back",
            _("Previous speaker"),
            show=True,
            tooltip=_("Put the last speaker back at the front"),
            priority=True,
            id="speakers.put_back",
        ),
        Binding(
            "u,ctrl+z",
            "undo",
            _("Undo"),
            show=True,
            tooltip=_("Take back the last change"),
            priority=True,
            id="speakers.undo",
        ),
        Binding(
            "delete",
            "remove",
            _("Remove"),
            show=True,
            tooltip=_("Take the selected speaker off the list"),
            priority=True,
            id="speakers.remove",
        ),
        Binding(
            "l",
            "toggle_closed",
            _("Close list"),
            show=True,
            tooltip=_("Close or open the list for new speakers"),
            priority=True,
            id="speakers.close_list",
        ),
        Binding(
            "i",
            "toggle_stats",
            _("Statistics"),
            show=True,
            tooltip=_("Turns and speaking time per person, on this item and in the meeting"),
            priority=True,
            id="speakers.statistics",
        ),
        Binding(
            "f",
            "toggle_policy",
            _("Order"),
            show=False,
            tooltip=_("Switch between new speakers first and first come, first served"),
            priority=True,
            id="speakers.order_policy",
        ),
        *ITEM_BINDINGS,
        *NAVIGATION_BINDINGS,
        # While a name is typed (after + or O): these keys go to the name line (see on_key).
        Binding(
            "enter",
            "request_submit",
            _("Add"),
            show=True,
            tooltip=_("Put this name on the list"),
            priority=True,
            id="speakers.request_submit",
        ),
        Binding(
            "tab",
            "request_complete",
            _("Complete"),
            show=True,
            tooltip=_("Take the suggested name"),
            priority=True,
            id="speakers.request_complete",
        ),
        Binding(
            "escape",
            "request_cancel",
            _("Cancel"),
            show=True,
            tooltip=_("Stop typing a name"),
            priority=True,
            id="speakers.request_cancel",
        ),
        Binding(
            "shift+up",
            "move(-1)",
            _("Up"),
            show=False,
            tooltip=_("Move the speaker up"),
            priority=True,
            id="speakers.move_up",
        ),
        Binding(
            "shift+down",
            "move(1)",
            _("Down"),
            show=False,
            tooltip=_("Move the speaker down"),
            priority=True,
            id="speakers.move_down",
        ),
    ]

    def __init__(self, store: Store, meeting_id: int, item_id: int | None = None) -> None:
        super().__init__(store, meeting_id, item_id)
        self.state: SpeakerState | None = None
        #: How to take back each action of this screen (S9), the last one last.
        self._request_kind = SpeakerKind.NORMAAL
        #: The people present as (id, name), read with the suggestions: a name typed after +
        #: is looked up here, not with another read of 300 attendees on Enter.
        self._present: list[tuple[int, str]] = []
        #: The turns on the other items of the meeting: read with the item, not per key.
        self._others: MeetingSpeaking | None = None
        #: The finished turns of the shown state per side of the balance (item, meeting).
        self._sides: tuple[tuple[Turn, Turn], tuple[Turn, Turn]] | None = None
        self._others_sides: tuple[MeetingSpeaking, tuple[Turn, Turn]] | None = None

    def compose(self) -> ComposeResult:
        # The parts each key changes are kept as attributes: a query for each (a few dozen
        # per key, with the keys' states) costs more than some of the actions.
        self._item_line = PartsLine(id="item-line")
        self._floor = FloorPanel(
            _("Has the floor"), _("Speaking time on this item"), _("Whole meeting"), id="floor"
        )
        self._line = RequestLine(self._request_prompt(None), id="request")
        self._waiting = RowList(
            [("#", 2), (_("Name"), 24), (_("Why here"), 22)],
            waiting_row,
            title=_("Waiting"),
            shrink=(1, 2),
            id="waiting",
        )
        self._done = RowList(
            [(_("Name"), 24), (_("Spoke"), 11)],
            done_row,
            title=_("Has spoken"),
            shrink=(0,),
            id="done",
        )
        # Shown on request (I) instead of the finished turns: filled only then.
        self._stats = RowList(
            [(_("Name"), 20), (_("Item"), 11), (_("Meeting"), 12)],
            stats_row,
            title=_("Statistics (◆ = professional)"),
            shrink=(0,),
            id="stats",
        )
        yield from self.compose_top()
        yield self._item_line
        yield self._floor
        yield self._line
        with Horizontal(id="lists"):
            yield self._waiting
            yield self._done
            yield self._stats
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Speakers")
        self._stats.display = False
        meeting = self.load_meeting()
        if meeting is None:
            return
        self.show_meeting(meeting)
        error = self.load_agenda()
        if error:
            self.status_line.show_error(error)
        self._reload()
        self._waiting.focus()
        self.set_interval(1.0, self._tick)

    # --------------------------------------------------------------- reading

    def follow_changes(self) -> None:
        self._reload()

    def _reload(self) -> None:
        if self.item_id is None:
            self._item_line.show_parts([_("This meeting has no agenda items.")])
            return
        try:
            self._others = self.store.meeting_speaking(self.meeting_id, except_item_id=self.item_id)
            state = self.store.speaker_state(self.item_id)
        except BazError as error:
            self.status_line.show_error(error.message)
            return
        self._show(state)
        self._update_suggestions()

    def _show(self, state: SpeakerState) -> None:
        """Draw a state the Store returned (after a read or an action).

        Each part repaints only what changed and none asks for a layout of the screen in the
        usual case: this runs on every key of the list, and a layout or a rebuilt table costs
        more than the action itself.
        """
        self.state = state
        self._sides = None
        self._show_item_line()
        if state.meeting_closed and self._line.placeholder != _closed_prompt():
            self._line.stop(_closed_prompt())  # no + or O any more: say why
        self._fill_lists()
        if self._stats.display:
            self._fill_stats(self._now())
        self._tick()
        self.update_keys()

    def _show_item_line(self) -> None:
        assert self.state is not None
        closed = self.state.closed
        limit = self.state.limit_seconds
        self._item_line.show_parts(
            [
                self.item_title(),
                _("order: {policy}").format(policy=label(self.state.policy)),
                Text("■ " + _("list closed"), style="bold reverse")
                if closed
                else "□ " + _("list open"),
                _("speaking time {time}").format(time=rules.format_clock(limit))
                if limit
                else _("no time limit"),
            ]
        )

    def _fill_lists(self) -> None:
        """The queue and the finished turns; the cursor stays on its row (clamped)."""
        assert self.state is not None
        self._waiting.show_items(self.state.waiting)
        self._done.show_items(self.state.done)

    def _fill_stats(self, now: datetime) -> None:
        """Per person: turns and time on this item and in the whole meeting (S8)."""
        assert self.state is not None
        rows: list[tuple[str, str, str]] = []
        item = self.state.item_stats(now)
        # Anonymous residents are numbered per item but one row for the meeting.
        item_by_person: dict[int | None, tuple[int, int]] = {}
        for person in item.people:
            turns, seconds = item_by_person.get(person.attendee_id, (0, 0))
            item_by_person[person.attendee_id] = (turns + person.turns, seconds + person.seconds)
        assert self._others is not None
        for person in self.state.meeting_stats(now, self._others).people:
            turns, seconds = item_by_person.get(person.attendee_id, (0, 0))
            sign = "◆ " if person.professional else ""
            rows.append(
                (
                    sign + person.name,
                    f"{turns}× {rules.format_clock(seconds)}" if turns else "—",
                    f"{person.turns}× {rules.format_clock(person.seconds)}",
                )
            )
        self._stats.show_items(rows)

    def action_toggle_stats(self) -> None:
        showing_stats = not self._stats.display
        self._stats.display, self._done.display = showing_stats, not showing_stats
        if showing_stats:
            # Another laptop may have given turns on other items since: read them again.
            try:
                self._others = self.store.meeting_speaking(
                    self.meeting_id, except_item_id=self.item_id
                )
            except BazError as error:
                self.status_line.show_error(error.message)
            self._fill_stats(self._now())

    def _show_balance(self, now: datetime) -> None:
        """The two balance bars: the finished turns (summed per side) and the running one."""
        assert self.state is not None
        if self._sides is None:
            assert self._others is not None
            # The other items' turns are read once per item shown: summed once too.
            if self._others_sides is None or self._others_sides[0] is not self._others:
                self._others_sides = (self._others, balance_sides(self._others.turns))
            item = balance_sides(self.state.item_turns)
            self._sides = (item, balance_sides(self._others_sides[1] + item))
        current = self.state.current
        running: tuple[Turn, ...] = ()
        if current is not None:
            running = (Turn("current", "", None, current.role, current.spoken_at(now)),)
        bars = []
        for sides in self._sides:
            stats = speaking_stats(sides + running)
            if stats.total_seconds == 0:
                bars.append(Text(_("Nobody has spoken yet.")))
            else:
                bars.append(balance_bar(stats.resident_percent))
        self._floor.show_balance(*bars)

    def _now(self) -> datetime:
        return self.store.now()

    def _tick(self) -> None:
        """Once a second: the countdown and the balance, from the stored moments (not while
        another screen is shown: it reads again when it comes back)."""
        if self.state is None or not self.is_current:
            return
        now = self._now()
        self._show_balance(now)
        current = self.state.current
        floor = self._floor
        if current is None:
            floor.show_floor(Text(self._nobody_text(), style="bold"), "", False, "")
            return
        who = Text(current.name, style="bold")
        who.append(f"  ({label(current.role)})")
        if current.kind is SpeakerKind.PUNT_VAN_ORDE:
            who.append("  ‼ " + _("point of order"), style="bold")
        limit = self.state.limit_seconds
        remaining = self.state.remaining_seconds(now)
        if remaining is None:
            clock = rules.format_clock(self.state.spoken_seconds(now))
            note = Text(_("no time limit — spoken so far"))
        elif remaining > 0:
            clock = rules.format_clock(remaining)
            note = Text(_("time left of {limit}").format(limit=rules.format_clock(limit)))
        else:
            clock = rules.format_overtime(self.state.overtime_seconds(now)) or "0:00"
            note = Text("⚠ " + _("over time"), style="bold reverse")
        if self.state.on_break:
            note = Text(
                "☕ " + _("break — the clock runs on after the break"), style="bold reverse"
            )
        elif current.paused_at is not None:
            note = Text("⏸ " + _("paused — P resumes"), style="bold reverse")
        floor.show_floor(who, clock, remaining is not None and remaining <= 0, note)

    def _nobody_text(self) -> str:
        """Who has the floor when nobody has: and why, and what gives it (S10)."""
        assert self.state is not None
        if self.state.meeting_closed:
            return _("Nobody — the meeting is closed")
        if not self.state.running:
            return _("Nobody — this item is not running (B on the agenda starts it)")
        return _("Nobody — Space gives the floor to the first in line")

    def _update_suggestions(self) -> None:
        """Type-ahead over the people present (the attendance list of this meeting)."""
        try:
            present = [
                (a.id, a.name)
                for a in self.store.list_attendees(self.meeting_id)
                if a.presence is Presence.AANWEZIG
            ]
        except BazError:
            present = []
        self._present = present
        self._line.set_names(name for _id, name in present)

    @property
    def selected(self) -> SpeakerInfo | None:
        if self.state is None or not self.state.waiting:
            return None
        row = self._waiting.cursor_row
        return self.state.waiting[row] if 0 <= row < len(self.state.waiting) else None

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self._line.typing
        if action.startswith("request_"):
            return typing
        if typing and action in _TYPED_OVER:
            return False  # their keys type letters now: not shown
        if self.state is None:
            return super().check_action(action, parameters)
        if self.state.meeting_closed and action in _CHANGES_THE_LIST:
            return False  # a closed meeting's lists are what the minutes report: no such keys
        if action == "next_speaker":
            if not self.state.running:
                return None  # S10: only the running item gives the floor
            return True if self.state.waiting or self.state.current else None
        if action == "pause":
            # During a break P answers why the clock stands still (the Store says so).
            return True if self.state.current else None
        if action == "back":
            return True if self.state.done else None
        if action in ("move", "remove"):
            return True if self.selected else None
        return super().check_action(action, parameters)

    def show_result(self, result: SpeakerState) -> None:
        """Show the list an action returned, the cursor on the entry it touched."""
        self._show(result)
        if result.touched_entry_id is not None:
            self._select_entry(result.touched_entry_id)

    def _typed_result(self, state: SpeakerState) -> None:
        """After an action from the name line: the line is cleared (it keeps the name to
        correct when the action is refused) before the state is shown, so the keys are
        brought up to date once."""
        self._stop_typing()
        self.show_result(state)

    def _step_back(self, state: SpeakerState) -> UndoStep[SpeakerState] | None:
        """U takes back exactly what the action changed (``Store.undo_speakers``)."""
        undo = state.undo
        return None if undo is None else UndoStep(lambda: self.store.undo_speakers(undo))

    def _list_action(
        self, call: Callable[[], SpeakerState], done: str | None = None
    ) -> SpeakerState | None:
        """An action on the list, taken back by U."""
        return self.act(call, done, undo=self._step_back)

    def _select_entry(self, entry_id: int) -> None:
        assert self.state is not None
        ids = [e.id for e in self.state.waiting]
        if entry_id in ids:
            self._waiting.move_cursor(ids.index(entry_id))

    # --------------------------------------------------------- typing a name

    @staticmethod
    def _request_prompt(kind: SpeakerKind | None) -> str:
        if kind is None:
            return _("+ adds a speaker, O a point of order: type the name, Enter adds")
        if kind is SpeakerKind.PUNT_VAN_ORDE:
            return _("Name for a POINT OF ORDER, Enter adds")
        return _("Name of the next speaker, Enter adds")

    def action_request(self, kind: str) -> None:
        """Start typing a name; the keys go to the name line, the focus stays on the list."""
        self._request_kind = SpeakerKind(kind)
        self._line.start(self._request_prompt(self._request_kind))
        self.update_keys()

    def action_request_cancel(self) -> None:
        self._stop_typing()
        self.update_keys()

    def _stop_typing(self) -> None:
        self._line.stop(self._request_prompt(None))
        self._request_kind = SpeakerKind.NORMAAL

    def action_request_complete(self) -> None:
        line = self._line
        line.paste(line.suggestion[len(line.value) :])

    def on_key(self, event: Key) -> None:
        """While a name is typed, its keys go to the name line (and not to the bindings)."""
        line = self._line
        if not line.typing:
            return
        if event.key == "enter":
            self.action_request_submit()
        elif event.key == "escape":
            self.action_request_cancel()
        elif not line.type_key(event):
            return  # F-keys, arrows: as always
        event.stop()
        event.prevent_default()

    def on_paste(self, event: Paste) -> None:
        line = self._line
        if line.typing:
            line.paste(event.text)
            event.stop()

    @on(RequestLine.Clicked)
    def _request_clicked(self) -> None:
        if not self._line.typing:
            self.action_request(SpeakerKind.NORMAAL.value)

    def action_request_submit(self) -> None:
        typed = self._line.value.strip()
        kind = self._request_kind
        if not typed:
            self.action_request_cancel()
            return
        matches = self._find_present(typed)
        if len(matches) == 1:
            self._add(matches[0], None, kind)
            return
        if matches:
            # Several people start so: the name stays on the line to type more of it.
            names = [name for id_, name in self._present if id_ in matches]
            shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
            self.status_line.show_error(
                _("“{typed}” fits {count} people ({names}): type more of the name.").format(
                    typed=typed, count=len(names), names=shown
                )
            )
            return
        from screens.widgets.choice import ChoiceDialog

        def chosen(answer: str | None) -> None:
            # Nothing chosen: the name stays, to correct it.
            if answer == "new":
                self._add(None, typed, kind)
            elif answer == "anonymous":
                self._add(None, None, kind)

        question = _("“{name}” is not among the people present. Add as:").format(name=typed)
        self.app.push_screen(
            ChoiceDialog(
                question,
                [
                    ("new", "n", _("new attendee (resident)")),
                    ("anonymous", "b", _("anonymous resident")),
                ],
            ),
            chosen,
        )

    def _find_present(self, typed: str) -> list[int]:
        """The attendee ids for what was typed: an exact name, else every name it starts.

        Looked up among the people present as read for the suggestions (on opening, on another
        item, after adding a new attendee): attendance is marked on another screen, and
        switching screens opens this one anew.
        """
        folded = typed.casefold()
        exact = [id_ for id_, name in self._present if name.casefold() == folded]
        if exact:
            return exact[:1]
        return [id_ for id_, name in self._present if name.casefold().startswith(folded)]

    def _add(self, attendee_id: int | None, new_name: str | None, kind: SpeakerKind) -> bool:
        assert self.item_id is not None
        item_id = self.item_id
        if new_name is not None:
            state = self.act(
                lambda: self.store.add_speaker_by_name(item_id, new_name, Role.BEWONER, kind),
                show=self._typed_result,
                undo=self._step_back,
            )
            self._update_suggestions()
        else:
            state = self.act(
                lambda: self.store.add_speaker(item_id, attendee_id, kind),
                show=self._typed_result,
                undo=self._step_back,
            )
        if state is None:
            return False
        # The name line is cleared: Space, + and O work on the list again at once.
        added = next((e for e in state.waiting if e.id == state.touched_entry_id), None)
        if added is not None:
            self.status_line.show_info(
                _("On the list: {name} ({reason}).").format(name=added.name, reason=added.reason)
            )
        return True

    def action_next_speaker(self) -> None:
        assert self.item_id is not None and self.state is not None
        item_id = self.item_id
        # What the chair sees is what Space acts on: refused when another laptop changed it.
        current, waiting = self.state.current, self.state.waiting
        seen = (current.id if current else None, waiting[0].id if waiting else None)
        state = self._list_action(lambda: self.store.next_speaker(item_id, seen=seen))
        if state is not None:
            self.status_line.show_info(
                _("The floor: {name}.").format(name=state.current.name)
                if state.current
                else _("Nobody is waiting.")
            )

    def action_pause(self) -> None:
        assert self.item_id is not None and self.state is not None
        item_id = self.item_id
        current = self.state.current
        seen = current.id if current is not None else None
        if current is not None and current.paused_at is not None:
            self._list_action(
                lambda: self.store.resume_speaker(item_id, seen=seen), _("The clock runs again.")
            )
        else:
            self._list_action(
                lambda: self.store.pause_speaker(item_id, seen=seen),
                _("Paused: the speaking time stands still."),
            )

    def action_back(self) -> None:
        assert self.item_id is not None
        item_id = self.item_id
        self._list_action(
            lambda: self.store.previous_speaker_back(item_id),
            _("The last speaker is back at the front."),
        )

    def action_move(self, delta: int) -> None:
        entry = self.selected
        if entry is not None:
            self._list_action(lambda: self.store.move_speaker(entry.id, delta))

    def action_remove(self) -> None:
        entry = self.selected
        if entry is not None:
            self._list_action(
                lambda: self.store.remove_speaker(entry.id),
                _("Taken off the list: {name} (U takes it back).").format(name=entry.name),
            )

    def action_toggle_closed(self) -> None:
        assert self.item_id is not None and self.state is not None
        item_id, closed = self.item_id, self.state.closed
        self._list_action(
            lambda: self.store.set_speakers_closed(item_id, not closed),
            _("The list is open again.")
            if closed
            else _("The list is closed: only points of order can still be added."),
        )

    def action_toggle_policy(self) -> None:
        assert self.item_id is not None and self.state is not None
        item_id = self.item_id
        other = (
            OrderPolicy.FIFO
            if self.state.policy is OrderPolicy.EERST_NIEUWE_SPREKERS
            else OrderPolicy.EERST_NIEUWE_SPREKERS
        )
        self._list_action(
            lambda: self.store.set_order_policy(item_id, other),
            _("Order: {policy}.").format(policy=label(other)),
        )

    def item_changed(self) -> None:
        self.undo_steps.clear()
        self._reload()
