"""The forms for a decision (besluit) and an action point (actiepunt).

Used from the agenda, the analysis and the minutes screens, so a decision is recorded the same
way wherever the note-taker is. Each form saves through one Store call; a refusal keeps the
form open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from models.errors import BazError
from models.i18n import _
from screens.widgets.form_dialog import FormDialog, FormField

if TYPE_CHECKING:
    from textual.screen import Screen

    from models.records.minutes import ActionInfo, DecisionInfo
    from models.store import Store

NO_ITEM = "0"

#: The same two keys wherever a decision or an action point can be recorded.
#: Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
RECORD_BINDINGS = [
    Binding(
        "d",
        "new_decision",
        _("Decision"),
        show=True,
        tooltip=_("Record a decision"),
        id="minutes.new_decision",
    ),
    Binding(
        "t",
        "new_action",
        _("Action point"),
        show=True,
        tooltip=_("Record an action point"),
        id="minutes.new_action_point",
    ),
]


def _item_options(store: Store, meeting_id: int) -> list[tuple[str, str]]:
    try:
        items = store.list_agenda(meeting_id)
    except BazError:
        items = []
    return [(NO_ITEM, _("(the meeting as a whole)"))] + [
        (str(item.id), f"{item.number}. {item.title}") for item in items
    ]


def _item_id(value: str) -> int | None:
    return int(value) if value and value != NO_ITEM else None


def open_decision_form(
    screen: Screen[Any],
    store: Store,
    meeting_id: int,
    done: Callable[[DecisionInfo | None], None],
    *,
    item_id: int | None = None,
    decision: DecisionInfo | None = None,
) -> None:
    """Ask for a decision's text (and its agenda item); new, or a change of ``decision``."""
    fields = [FormField("text", _("Decision"), decision.text if decision else "", multiline=True)]
    if decision is None:
        fields.append(
            FormField(
                "item",
                _("Agenda item"),
                str(item_id or NO_ITEM),
                options=_item_options(store, meeting_id),
            )
        )

    def save(values: dict[str, str]) -> DecisionInfo:
        if decision is not None:
            return store.update_decision(decision.id, values["text"])
        return store.add_decision(meeting_id, values["text"], item_id=_item_id(values["item"]))

    title = (
        _("Change decision {label}").format(label=decision.label) if decision else _("New decision")
    )
    screen.app.push_screen(FormDialog(title, fields, save), done)


def open_action_form(
    screen: Screen[Any],
    store: Store,
    meeting_id: int,
    done: Callable[[ActionInfo | None], None],
    *,
    item_id: int | None = None,
    what: str = "",
    source_card_id: int | None = None,
    action: ActionInfo | None = None,
) -> None:
    """Ask what, who and when; new (maybe from an idea), or a change of ``action``."""
    fields = [
        FormField("what", _("What"), action.what if action else what),
        FormField("who", _("Who"), action.who if action else "", _("a name, a group or a role")),
        FormField(
            "due",
            _("When (date, optional)"),
            f"{action.due:%d-%m-%Y}" if action and action.due else "",
            _("dd-mm-yyyy"),
        ),
    ]
    if action is None:
        fields.append(
            FormField(
                "item",
                _("Agenda item"),
                str(item_id or NO_ITEM),
                options=_item_options(store, meeting_id),
            )
        )

    def save(values: dict[str, str]) -> ActionInfo:
        from models.rules.validation import parse_date

        due = parse_date(values["due"]) if values["due"].strip() else None
        if action is not None:
            return store.update_action(action.id, what=values["what"], who=values["who"], due=due)
        return store.add_action(
            meeting_id,
            values["what"],
            who=values["who"],
            due=due,
            item_id=_item_id(values["item"]),
            source_card_id=source_card_id,
        )

    title = _("Change action point") if action else _("New action point")
    screen.app.push_screen(FormDialog(title, fields, save), done)
