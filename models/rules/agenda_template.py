"""The standard Dutch agenda a new meeting starts from."""

from __future__ import annotations

from dataclasses import dataclass

from models.domain import Purpose
from models.i18n import N_, _


@dataclass(frozen=True, slots=True)
class TemplateItem:
    title: str
    purpose: Purpose
    planned_minutes: int


_BEFORE = (
    TemplateItem(N_("Opening"), Purpose.INFORMATIE, 5),
    TemplateItem(N_("Adoption of the agenda"), Purpose.BESLUITVORMING, 2),
    TemplateItem(N_("Announcements"), Purpose.INFORMATIE, 5),
    TemplateItem(N_("Incoming correspondence"), Purpose.INFORMATIE, 5),
    TemplateItem(N_("Minutes of the previous meeting"), Purpose.BESLUITVORMING, 5),
    TemplateItem(N_("Action list"), Purpose.BESPREKING, 10),
)
_AFTER = (
    TemplateItem(N_("Any other business"), Purpose.BESPREKING, 10),
    TemplateItem(N_("Closing"), Purpose.INFORMATIE, 2),
)


def standard_agenda(content: tuple[TemplateItem, ...] = ()) -> list[TemplateItem]:
    """The standard agenda in the active language, with ``content`` items before Rondvraag."""
    translate = [TemplateItem(_(t.title), t.purpose, t.planned_minutes) for t in _BEFORE]
    after = [TemplateItem(_(t.title), t.purpose, t.planned_minutes) for t in _AFTER]
    return [*translate, *content, *after]
