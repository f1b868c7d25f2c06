"""When notes are saved while someone types (issue #21, finding 4): the rule, without the app.

Within a second of the last key, and at least every two seconds while the typing goes on; the
real app killed while notes are typed is in ``tests/slow/test_notes_autosave.py``.
"""

from __future__ import annotations

from screens.agenda import NOTES_SAVE_CEILING, NOTES_SAVE_DELAY
from screens.widgets.autosave import save_in


def test_saved_after_the_last_key_and_at_least_every_ceiling() -> None:
    # One key at 0: saved at 0.8.
    assert save_in(0.0, 0.0, 0.0, 0.8, 2.0) == 0.8
    # Keys every 0.1 s since 0: the pause never comes, the ceiling does (at 2.0).
    assert save_in(1.9, 0.0, 1.9, 0.8, 2.0) == 2.0 - 1.9
    assert save_in(2.0, 0.0, 1.95, 0.8, 2.0) <= 0
    # A pause after the last key: saved 0.8 s after it, before the ceiling.
    assert abs(save_in(1.0, 0.0, 0.5, 0.8, 2.0) - 0.3) < 1e-9
    assert NOTES_SAVE_DELAY <= 1.0 and NOTES_SAVE_CEILING <= 2.0
