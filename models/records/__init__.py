"""The records: plain, immutable data that the Store hands out and the screens draw.

One module per domain (a meeting with its agenda, attendees and speakers; votes; the problem
analysis; the minutes; the beamer). A record may compute from its own fields with the rules
(``models.rules``), but holds no session and no table object: importing a record module never
loads SQLModel (``tests/test_layers.py``).
"""
