"""What of a process every version shows (DESIGN: the public version's name rules).

The minutes (internal and public) and the beamer show a process through :func:`named_process`
with their own :class:`~models.rules.naming.Namer`: one list says which fields are free text
(cleaned: names per consent, no e-mail addresses or phone numbers), which are never shown and
which are plain — a new free-text field added to one place only cannot leak a name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from models.i18n import _
from models.records.meeting import ProcessInfo
from models.rules.naming import Namer

#: The free text of a process (its frames, who to ask): every version of the minutes and the
#: beamer cleans it with its namer — in a public one, names per consent, no e-mail addresses or
#: phone numbers. Every field of ``ProcessInfo`` is in exactly one of these three lists, and a
#: test holds them to it: a new free-text field must be named here before it can show.
PROCESS_TEXT_FIELDS = (
    "title",
    "neighbourhood",
    "fixed_text",
    "open_text",
    "feedback_text",
    "contact",
)
#: Never shown: where the house-style document lies on the laptop is nobody's business.
PROCESS_WITHHELD_FIELDS = ("template",)
#: Shown as stored: a number, an amount, a date and a choice from a list name nobody.
PROCESS_PLAIN_FIELDS = ("id", "participation_level", "budget_euro_cents", "decision_deadline")


def named_process(process: ProcessInfo, namer: Namer) -> ProcessInfo:
    """The process as a version of the minutes, or the beamer, shows it (``namer`` makes it
    the internal or the public one)."""
    frames = _("the process and its frames")
    where = {"contact": _("the contact of the process")}
    shown: dict[str, Any] = {
        name: namer.text(getattr(process, name), where.get(name, frames))
        for name in PROCESS_TEXT_FIELDS
    }
    shown.update(dict.fromkeys(PROCESS_WITHHELD_FIELDS, ""))
    return replace(process, **shown)
