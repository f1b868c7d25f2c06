"""Plain, immutable data of the public version: what it needs to name the people of a meeting."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.rules.naming import Person, ReviewChoice


@dataclass(frozen=True, slots=True)
class PublicNaming:
    """Everything the public version needs to name the people of one meeting."""

    meeting_id: int
    #: The attendees (``here``), then the other people of the process, one per name.
    people: tuple[Person, ...]
    #: The review's choices by spot key.
    choices: dict[str, ReviewChoice] = field(default_factory=dict)
