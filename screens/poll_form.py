"""The form that opens a vote: question, method, rule, and what the rule needs.

Used from the votes screen and from the analysis screen (an idea becomes a proposal). The rule
profiles cover the usual cases in one choice; the three "own rule" fields are only read when
that profile is chosen.
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


def open_poll_form(
    screen: Screen[Any],
    store: Store,
    item_id: int,
    done: Callable[[PollInfo | None], None],
    *,
    question: str = "",
    source_card_id: int | None = None,
) -> None:
    """Ask for a new vote on ``item_id``; ``done`` gets the opened poll (or None)."""
    from models.votes import RuleProfile

    fields = [
        FormField("question", _("Question or proposal"), question),
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
            item_id,
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
        )

    screen.app.push_screen(FormDialog(_("New vote"), fields, save), done)
