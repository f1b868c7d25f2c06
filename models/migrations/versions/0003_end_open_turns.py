"""End open speaking turns (issue #19) — PLACEHOLDER on branch issue-20.

Revision ID: 0003_end_open_turns
Revises: 0002_agenda_timing
Create Date: 2025-03-01

This file only holds the place of the lead's data migration of issue #19 in the chain of
revisions, so that 0004_public_review can follow it; it changes nothing. The real revision
(same id) replaces this file when the branches are merged.
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0003_end_open_turns"
down_revision: str | None = "0002_agenda_timing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
