"""The screens of BaZ: one screen per module, with its ``.tcss`` beside it.

Screens get the Store handed in and call one Store method per user action; they never open a
database session. Shared widgets live in ``screens.widgets``.
"""
