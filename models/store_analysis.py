"""The Store's methods for the problem analysis (cards, dots)."""

from __future__ import annotations

from models.store_base import StoreBase


class AnalysisActions(StoreBase):
    """Store methods for the problem analysis (cards, dots); combined into :class:`models.store.Store`."""
