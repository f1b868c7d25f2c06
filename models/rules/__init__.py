"""The rules of BaZ: pure functions of plain values, tested without a database or a screen.

The speaker list, votes, the problem analysis, the clock of a meeting, naming people in the
minutes, privacy, checks on what a user typed, and how dates, numbers and terminal text are
written. A rule imports only ``models.domain``, ``models.errors``, ``models.i18n`` and other
rules: never SQLAlchemy, SQLModel, Textual or python-docx (``tests/test_layers.py``).
"""
