"""The form that opens — or prepares — a vote: question, method, rule, what the rule needs, and
on which agenda item, now or when the item comes.

Used from the votes screen and from the analysis screen (an idea becomes a proposal). The rule
profiles cover the usual cases in one choice; the three "own rule" fields are only read when
that profile is chosen. A vote can be prepared on any item (DESIGN §4.2): the next item for a
decision is the one offered; it opens now when that item runs, else it is prepared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from models.domain import PollMethod, Threshold, VoteBase, label
from models.i18n import _
from screens.widgets.form_dialog import FormDialog, FormField

if TYPE_CHECKING:
    from textual.screen import Screen

    from models.poll_views import PollInfo
    from models.store import Store
    from models.views import AgendaState

#: The "when" choice: open the vote now, or prepare it for when its item comes.
NOW, LATER = "now", "later"


def item_for_a_vote(agenda: AgendaState, item_id: int) -> int:
    """The agenda item a new vote is offered on: the first item for a decision from the item
    on the screen on (itself, when it is one), else the item on the screen."""
    from models.domain import Purpose

    ids = [i.id for i in agenda.items]
    if item_id not in ids:
        return item_id
    later = agenda.items[ids.index(item_id) :]
    decision = next((i for i in later if i.purpose is Purpose.BESLUITVORMING), None)
    return decision.id if decision is not None else item_id


def open_poll_form(
    screen: Screen[Any],
    store: Store,
    item_id: int,
    done: Callable[[PollInfo | None], None],
    *,
    question: str = "",
    source_card_id: int | None = None,
    agenda: AgendaState | None = None,
) -> None:
    """Ask for a new vote; ``done`` gets the opened or prepared poll (or None).

    Without ``agenda`` the vote opens on ``item_id``; with it, the form offers the item (see
    :func:`item_for_a_vote`) and whether to open it now (the item runs) or prepare it.
    """
    from models.votes import RuleProfile

    where: list[FormField] = []
    if agenda is not None:
        offered = item_for_a_vote(agenda, item_id)
        where = [
            FormField(
                "item",
                _("On agenda item"),
                str(offered),
                options=[(str(i.id), f"{i.number}. {i.title}") for i in agenda.items],
            ),
            FormField(
                "when",
                _("Open it"),
                NOW if agenda.running_item_id == offered else LATER,
                options=[
                    (NOW, _("now: it is counted from now on")),
                    (LATER, _("later: prepare it, the chair opens it when the item comes")),
                ],
            ),
        ]
    fields = [
        FormField("question", _("Question or proposal"), question),
        *where,
        FormField(
            "method",
            _("How people vote"),
            PollMethod.VOOR_TEGEN.value,
            options=[(m.value, label(m)) for m in PollMethod],
        ),
        FormField(
            "profile",
            _("Rule (for/against/abstain)"),
            RuleProfile.GEWONE_MEERDERHEID.value,
            options=[(p.value, p.label()) for p in RuleProfile],
        ),
        FormField(
            "options",
            _("Options, one per line (choice and dot voting)"),
            multiline=True,
        ),
        FormField(
            "dots",
            _("Dots per participant (dot voting)"),
            "3",
        ),
        FormField(
            "eligible",
            _("Number of all eligible voters, e.g. households (for 70% or a quorum)"),
            placeholder=_("optional"),
        ),
        FormField("quorum", _("Quorum (optional)"), placeholder=_("e.g. 50% or 1/2")),
        FormField(
            "base",
            _("Own rule: counted over"),
            VoteBase.VOOR_TEGEN.value,
            options=[(b.value, label(b)) for b in VoteBase],
        ),
        FormField(
            "threshold",
            _("Own rule: needed"),
            Threshold.MEER_DAN_HELFT.value,
            options=[(t.value, label(t)) for t in Threshold],
        ),
        FormField("percent", _("Own rule: percentage (at least)"), placeholder="60"),
    ]

    def save(values: dict[str, str]) -> PollInfo:
        from models.validation import parse_fraction

        method = PollMethod(values["method"] or PollMethod.VOOR_TEGEN.value)
        profile = RuleProfile(values["profile"] or RuleProfile.GEWONE_MEERDERHEID.value)
        custom = profile is RuleProfile.EIGEN
        options = [line.strip() for line in values["options"].splitlines() if line.strip()]
        return store.create_poll(
            int(values["item"]) if values.get("item") else item_id,
            values["question"],
            method=method,
            profile=profile,
            base=VoteBase(values["base"]) if custom and values["base"] else None,
            threshold=Threshold(values["threshold"]) if custom and values["threshold"] else None,
            threshold_percent=values["percent"].strip() or None if custom else None,
            options=options if method is not PollMethod.VOOR_TEGEN else (),
            quorum=parse_fraction(values["quorum"], _("The quorum")),
            eligible_count=values["eligible"].strip() or None,
            dots_per_participant=values["dots"].strip() or None
            if method is PollMethod.STIPPEN
            else None,
            source_card_id=source_card_id,
            prepared=values.get("when") == LATER,
        )

    screen.app.push_screen(FormDialog(_("New vote"), fields, save), done)
