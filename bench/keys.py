"""Key press to updated frame on a big meeting, measured inside the app.

The clock starts when the action starts and stops when the next frame has been composed
(``call_after_refresh``), so Pilot's own pauses are not counted. The floor is a frame that
changes nothing (what a key that does nothing costs). Results are ratios to that floor, with
absolute times as context. Run: ``python -m bench.keys``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import date
from datetime import time as clock_time
from pathlib import Path


def build_meeting(path: Path, attendees: int, earlier_entries: int):  # type: ignore[no-untyped-def]
    """A meeting with many attendees (all present) and a long speaking history."""
    from models.domain import Presence
    from models.store import Store

    store = Store.open(path)
    meeting = store.create_meeting("Grote bewonersavond", date(2026, 12, 1), clock_time(19, 30))
    ids = [
        store.add_attendee(meeting.id, f"Bewoner {n:03d}", presence=Presence.AANWEZIG).id
        for n in range(attendees)
    ]
    items = store.list_agenda(meeting.id)
    history_item, live_item = items[5], items[6]
    # Earlier turns: add and finish, cycling through the room.
    for n in range(earlier_entries):
        store.add_speaker(history_item.id, ids[n % len(ids)])
        store.next_speaker(history_item.id)
    store.start_item(live_item.id)
    return store, meeting, live_item, ids


async def measure(store, meeting, item, ids, rounds: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    from baz_tui.app import BazApp
    from screens.speakers import SpeakersScreen

    app = BazApp(lambda: store.database)
    times: dict[str, list[float]] = {"no-op frame": [], "add speaker": [], "next speaker": []}
    async with app.run_test(size=(120, 36)) as pilot:
        from tests.conftest import wait_loaded

        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)

        async def timed(name: str, action) -> None:  # type: ignore[no-untyped-def]
            done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            start = time.perf_counter()
            action()
            screen.call_after_refresh(lambda: done.set_result(time.perf_counter()))
            times[name].append((await done - start) * 1000)
            await pilot.pause(0.01)

        for n in range(rounds):
            await timed("no-op frame", screen.refresh)
            attendee = ids[(n * 7) % len(ids)]
            await timed(
                "add speaker", lambda a=attendee: screen._add(a, None, screen._request_kind)
            )
            await timed("next speaker", screen.action_next_speaker)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attendees", type=int, default=300)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    from baz_tui.i18n import install_language

    install_language("nl")
    with tempfile.TemporaryDirectory() as folder:
        built = time.perf_counter()
        store, meeting, item, ids = build_meeting(
            Path(folder) / "big.db", args.attendees, args.entries
        )
        print(
            f"built: {args.attendees} attendees, {args.entries} earlier turns "
            f"in {time.perf_counter() - built:.1f} s"
        )
        times = asyncio.run(measure(store, meeting, item, ids, args.rounds))
        store.close()
    floor = statistics.median(times["no-op frame"])
    print(f"{'key':16} {'median ms':>10} {'p95 ms':>8} {'× no-op':>8}  goal ≤ 16 ms and ≤ 1.5×")
    for name, values in times.items():
        values.sort()
        median = statistics.median(values)
        p95 = values[max(0, int(len(values) * 0.95) - 1)]
        ratio = median / floor if floor else 0.0
        verdict = (
            "" if name == "no-op frame" else ("met" if median <= 16 and ratio <= 1.5 else "NOT met")
        )
        print(f"{name:16} {median:10.1f} {p95:8.1f} {ratio:8.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
