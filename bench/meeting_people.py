"""The people and the moment of the small meeting that the tests and the room's benchmark build:
one list, so the tests' meeting fixture and the room of ``bench.room_meeting`` stay the same."""

from __future__ import annotations

from datetime import UTC, datetime

#: Four residents (who may vote), three professionals and a guest, with their consent.
PEOPLE = (
    ("Jan de Vries", "bewoner", "naam"),
    ("Fatima Ouali", "bewoner", "anoniem"),
    ("Piet Jansen", "bewoner", "initialen"),
    ("Anna Bakker", "bewoner", "anoniem"),
    ("Mohammed El Amrani", "gemeente", "naam"),
    ("Els Verbeek", "corporatie", "naam"),
    ("Kees Dekker", "wijkagent", "naam"),
    ("Sanne Visser", "gast", "anoniem"),
)

#: A fixed moment for every recorded time: Tuesday 1 December 2026, 19:25 local.
FIXED_NOW = datetime(2026, 12, 1, 18, 25, tzinfo=UTC)
