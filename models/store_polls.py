"""The Store's methods for votes (polls, counts, declaring)."""

from __future__ import annotations

from models.store_base import StoreBase


class PollActions(StoreBase):
    """Store methods for votes (polls, counts, declaring); combined into :class:`models.store.Store`."""
