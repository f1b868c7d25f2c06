"""The Store's invariants under random sequences of actions: the state machine of
``tests/store/test_store_invariants.py``, run by hypothesis (about two minutes on two cores).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from tests.store.test_store_invariants import MeetingMachine

MeetingMachine.TestCase.settings = settings(
    # 20 examples found an open turn left after "next item" in about one run in three; 60
    # find it every time (tried with the ending switched off), in about 20 seconds.
    max_examples=60,
    stateful_step_count=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestStoreInvariants = MeetingMachine.TestCase
