"""Why a key cannot act now, in words: the answer a meeting screen gives instead of silence.

``check_action`` of each screen says *whether* a key acts now (a dimmed key cannot); the
functions here say *why not*, and what to do instead, for the status line. They read what the
screen already holds (its state, its selection, its undo list) and never the Store. A key with
no answer here gets the general one ("“Close” (X) cannot be done now").

They live together here, one function per screen, so that the screens stay about what their
keys do; ``MeetingScreen.why_not`` finds the screen's function by its ``SCREEN_NAME``. A screen
may also answer itself by overriding ``why_not``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models.domain import MeetingStatus, PollMethod, PollStatus
from models.i18n import _

#: The answer of a screen: the action's name and parameters → the reason, or None for the
#: general answer, or "" when the key should stay silent (it means something else here).
Reason = Callable[[Any, str, tuple[object, ...]], str | None]

_REASONS: dict[str, Reason] = {}


def reason_for(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    """Why ``action`` cannot act now on ``screen``; None when no screen function knows."""
    answer = _REASONS.get(getattr(screen, "SCREEN_NAME", ""))
    return answer(screen, action, parameters) if answer is not None else None


def _for(name: str) -> Callable[[Reason], Reason]:
    def register(function: Reason) -> Reason:
        _REASONS[name] = function
        return function

    return register


def refused_action(screen: Any, key: str) -> tuple[str, tuple[object, ...]] | None:
    """The action of ``screen`` that ``key`` would run but cannot now, when no other binding
    of the key (the focused widget's, the app's) acts instead; else None.

    Costs a dict lookup for a key that is not the screen's (most keys)."""
    from textual.actions import parse

    from screens.keys import bindings_now

    if key not in bindings_now(screen).key_to_bindings:
        return None
    refused = None
    for node, bindings in screen._modal_binding_chain:
        for binding in bindings.key_to_bindings.get(key, ()):
            namespace, name, parameters = parse(binding.action)
            target = screen.app if namespace == "app" else screen if namespace == "screen" else node
            if target.check_action(name, parameters):
                return None  # another binding of this key acts
            if refused is None and target is screen:
                refused = (name, parameters)
    return refused


def nothing_to_undo() -> str:
    return _("There is nothing to undo.")


def _meeting_not_running(status: MeetingStatus | None) -> str:
    if status is MeetingStatus.GESLOTEN:
        return _("The meeting is closed.")
    return _("The meeting has not started yet: S on the agenda (F2) starts it.")


# --------------------------------------------------------------------------- agenda


@_for("agenda")
def _agenda(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    state = screen.state
    if state is None:
        return None
    meeting = state.meeting
    item = screen.selected
    running = meeting.status is MeetingStatus.LOPEND
    if action == "start_meeting":
        if running:
            return _("The meeting is running already.")
        return _("The meeting is closed.")
    if action in ("next_item", "toggle_break", "close_meeting", "start_selected"):
        if not running:
            return _meeting_not_running(meeting.status)
        if action == "start_selected":
            if item is None:
                return _("Choose an agenda item first (↑ ↓).")
            return _("This item is running already.")
        return None
    if action == "adopt_agenda":
        return _("The agenda was adopted already.")
    if action == "hamer":
        if item is None:
            return _("Choose an agenda item first (↑ ↓).")
        if item.hamered_at is not None:
            return _("This formality was agreed already.")
        return _("This item is not a formality (hamerstuk); E can make it one.")
    if action in ("edit_item", "delete_item", "move"):
        return _("Choose an agenda item first (↑ ↓).")
    return None


# ------------------------------------------------------------------------- speakers


@_for("speakers")
def _speakers(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    if action.startswith("request_"):
        return _("Type a name after + first (or after O for a point of order).")
    state = screen.state
    if state is None:
        return None
    if state.meeting_closed:
        return _("The meeting is closed: its speaker lists no longer change.")
    if action == "next_speaker":
        if not state.running:
            return _("This item is not running: only the running item gives the floor.")
        return _("Nobody is on the list: + puts someone on it.")
    if action == "pause":
        return _("Nobody has the floor.")
    if action == "back":
        return _("Nobody has spoken on this item yet.")
    if action in ("move", "remove"):
        return _("Nobody is waiting.")
    return None


# ------------------------------------------------------------------------- analysis


@_for("analysis")
def _analysis(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    if action == "phone_inbox":
        return _("No cards from phones are waiting for this item.")
    if screen.state is None or screen.item_id is None:
        return None
    card = screen.selected
    if card is None:
        if action in ("edit", "delete", "move", "reorder", "add_child", "dot"):
            return _("Choose a card first (↑ ↓).")
        if action in ("to_action", "to_poll"):
            return _("Choose an idea (✱) first (↑ ↓).")
        return None
    if action == "add_child":
        return _("An idea has no cards under it: choose a cause or an effect.")
    if action == "dot":
        return _("The core problem gets no dots: dots go on ideas and causes.")
    if action == "to_action":
        return _("Only an idea (✱) becomes an action point: choose an idea.")
    if action == "to_poll":
        return _("Only an idea (✱) becomes a proposal to vote on: choose an idea.")
    return None


# ---------------------------------------------------------------------------- votes


@_for("votes")
def _votes(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    poll = screen.poll
    if action == "new_poll":
        return _("There is no agenda item to vote on.")
    if action == "other_poll":
        return _("This item has only one vote.")
    if action == "revote":
        if poll is None:
            return _("There is no vote yet: N starts one.")
        return _("This vote is still open: declare it (V) before voting again.")
    if poll is None:
        return _("There is no vote yet: N starts one.")
    if action == "ballot":
        if poll.status is PollStatus.VASTGESTELD:
            return _("This vote is declared: who may vote no longer changes.")
        if poll.method is not PollMethod.VOOR_TEGEN:
            return _("Only a for/against/abstain vote asks for a voting card.")
        return _("Phones have voted in this vote already: who may vote no longer changes.")
    if poll.status is not PollStatus.OPEN:
        if action == "count":
            return _("This vote is declared: its counts no longer change (H votes again).")
        return _("This vote is declared (H votes again).")
    return None


# -------------------------------------------------------------------------- minutes


@_for("minutes")
def _minutes(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    if action in ("edit", "delete"):
        return _("Choose a decision or an action point first (↑ ↓).")
    if action == "set_status":
        if screen.selected is None:
            return _("Choose an action point first (↑ ↓).")
        return _("Only an action point is done or dropped: choose an action point.")
    return None


# ------------------------------------------------------------------------ attendance


@_for("attendance")
def _attendance(screen: Any, action: str, parameters: tuple[object, ...]) -> str | None:
    if action in ("mark", "edit_attendee", "remove_attendee"):
        return _("Choose a person first (↑ ↓, or / to search).")
    return None
