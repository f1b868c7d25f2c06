"""The form that opens — or prepares — a vote: question, method, rule, what the rule needs,
and on which agenda item, now or when the item comes.

Used from the votes screen and from the analysis screen (an idea becomes a proposal). The rule
profiles cover the usual cases in one choice. The form asks only what the chosen method and
rule need, and shows more as the choices change: options for a choice or dot voting, dots for
dot voting, the three "own rule" fields for an own rule, the number of all eligible voters for
a rule that counts them or a quorum. A refusal stands under the field it is about.

A vote can be prepared on any item (DESIGN §4.2): the next item for a decision is the one
offered; it opens now when that item runs, else it is prepared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from models.domain import Ballot, PollMethod, Threshold, VoteBase, label
from models.i18n import _
from models.rules import validation as check
from screens.meeting_form import example
from screens.widgets.form_dialog import FieldError, FormDialog, FormField, about_field

if TYPE_CHECKING:
    from textual.screen import Screen

    from models.records.meeting import AgendaState
    from models.records.polls import PollInfo
    from models.store import Store

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


def where_fields(agenda: AgendaState, item_id: int) -> list[FormField]:
    """On which item the vote goes, and whether it opens now or is prepared for later."""
    offered = item_for_a_vote(agenda, item_id)
    return [
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


def _method(values: Mapping[str, str]) -> PollMethod:
    return PollMethod(values.get("method") or PollMethod.VOOR_TEGEN.value)


def _custom(values: Mapping[str, str]) -> bool:
    from models.rules.votes import RuleProfile

    return _method(values) is PollMethod.VOOR_TEGEN and values.get("profile") == RuleProfile.EIGEN


def _counts_all_eligible(values: Mapping[str, str]) -> bool:
    """Whether the rule or the quorum needs the number of all eligible voters."""
    from models.rules.votes import RuleProfile

    if values.get("quorum", "").strip():
        return True
    if _method(values) is not PollMethod.VOOR_TEGEN:
        return False
    if values.get("profile") == RuleProfile.ZEVENTIG_PROCENT_HUISHOUDENS:
        return True
    return _custom(values) and values.get("base") == VoteBase.STEMGERECHTIGDEN


def poll_fields(question: str = "") -> list[FormField]:
    """The fields of the vote form, each shown only when the method and rule need it."""
    from models.rules.votes import RuleProfile

    def with_options(values: Mapping[str, str]) -> bool:
        return _method(values) is not PollMethod.VOOR_TEGEN

    return [
        FormField("question", _("Question or proposal"), question),
        FormField(
            "method",
            _("How people vote"),
            PollMethod.VOOR_TEGEN.value,
            options=[(m.value, label(m)) for m in PollMethod],
        ),
        FormField(
            "profile",
            _("Rule"),
            RuleProfile.GEWONE_MEERDERHEID.value,
            options=[(p.value, p.label()) for p in RuleProfile],
            shown_when=lambda v: _method(v) is PollMethod.VOOR_TEGEN,
        ),
        FormField(
            "options",
            _("Options, one per line"),
            multiline=True,
            shown_when=with_options,
        ),
        FormField(
            "dots",
            _("Dots per participant"),
            "3",
            shown_when=lambda v: _method(v) is PollMethod.STIPPEN,
        ),
        FormField(
            "base",
            _("Own rule: counted over"),
            VoteBase.VOOR_TEGEN.value,
            options=[(b.value, label(b)) for b in VoteBase],
            shown_when=_custom,
        ),
        FormField(
            "threshold",
            _("Own rule: needed"),
            Threshold.MEER_DAN_HELFT.value,
            options=[(t.value, label(t)) for t in Threshold],
            shown_when=_custom,
        ),
        FormField(
            "percent",
            _("Own rule: percentage (at least)"),
            placeholder=example("60"),
            shown_when=lambda v: _custom(v) and v.get("threshold") == Threshold.PERCENTAGE,
        ),
        FormField(
            "ballot",
            _("Voting by phone"),
            Ballot.OPEN.value,
            # Not label(): Ballot.OPEN is the string "open", as an open vote's status is.
            options=[
                (Ballot.OPEN.value, _("open (meeting code)")),
                (Ballot.STEMKAART.value, _("with voting card")),
            ],
            shown_when=lambda v: _method(v) is PollMethod.VOOR_TEGEN,
        ),
        FormField(
            "quorum",
            _("Quorum (optional)"),
            placeholder=example(_("50% or 1/2")),
        ),
        FormField(
            "eligible",
            _("Number of all eligible voters, e.g. households"),
            placeholder=example("40"),
            shown_when=_counts_all_eligible,
        ),
    ]


def save_poll(
    store: Store,
    item_id: int,
    values: dict[str, str],
    *,
    source_card_id: int | None = None,
) -> PollInfo:
    """Open (or prepare) the vote the form describes; a refusal about one field names that
    field. The form's "item" and "when", when it asks them, choose where and when."""
    from models.rules.validation import parse_fraction
    from models.rules.votes import RuleProfile

    method = _method(values)
    profile = RuleProfile(values["profile"] or RuleProfile.GEWONE_MEERDERHEID.value)
    custom = _custom(values)
    with about_field("question"):
        # Only whether there is one: its length is the Store's to judge.
        check.clean_line(values["question"], _("The question"), max_length=10**6)
    options = [line.strip() for line in values["options"].splitlines() if line.strip()]
    if method is not PollMethod.VOOR_TEGEN and len(options) < 2:
        raise FieldError("options", _("Give at least two options, one per line."))
    dots = None
    if method is PollMethod.STIPPEN:
        if not values["dots"].strip():
            raise FieldError("dots", _("Fill in how many dots each participant may place."))
        with about_field("dots"):
            dots = check.whole_number(
                values["dots"], _("The number of dots per participant"), low=1
            )
    percent = None
    if custom and values["threshold"] == Threshold.PERCENTAGE:
        if not values["percent"].strip():
            raise FieldError("percent", _("Fill in a percentage from 1 to 100, for example 60."))
        with about_field("percent"):
            percent = check.whole_number(values["percent"], _("The percentage"), low=1, high=100)
    with about_field("quorum"):
        quorum = parse_fraction(values["quorum"], _("The quorum"))
    eligible = None
    if _counts_all_eligible(values):
        if not values["eligible"].strip():
            raise FieldError(
                "eligible",
                _("Fill in how many eligible voters there are in all, for example 40 households."),
            )
        with about_field("eligible"):
            eligible = check.whole_number(
                values["eligible"], _("The number of eligible voters"), low=1
            )
    return store.create_poll(
        int(values["item"]) if values.get("item") else item_id,
        values["question"],
        method=method,
        profile=profile,
        base=VoteBase(values["base"]) if custom and values["base"] else None,
        threshold=Threshold(values["threshold"]) if custom and values["threshold"] else None,
        threshold_percent=percent,
        options=options if method is not PollMethod.VOOR_TEGEN else (),
        quorum=quorum,
        eligible_count=eligible,
        dots_per_participant=dots,
        source_card_id=source_card_id,
        prepared=values.get("when") == LATER,
        ballot=Ballot(values.get("ballot") or Ballot.OPEN.value)
        if method is PollMethod.VOOR_TEGEN
        else Ballot.OPEN,
    )


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
    fields = poll_fields(question)
    if agenda is not None:
        fields[1:1] = where_fields(agenda, item_id)

    def save(values: dict[str, str]) -> PollInfo:
        return save_poll(store, item_id, values, source_card_id=source_card_id)

    screen.app.push_screen(FormDialog(_("New vote"), fields, save), done)
