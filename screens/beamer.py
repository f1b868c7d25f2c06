"""The beamer: what the room sees, large and plain, following the chair's app.

Read-only. Every quarter second the screen asks its :class:`~models.beamer.BeamerFeed` whether
anything changed (microseconds) and redraws only when it did; the clocks tick every second
from the stored moments, without asking the database. What it shows follows the chair: the
screen the chair opened (agenda, speakers, votes, analysis) or what the chair put on the beamer
with F9. Every name is as people agreed for the public. Signs and words carry every state,
never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Label, Static

from models.domain import Channel, PollStatus, SpeakerKind, label
from models.i18n import _, ngettext
from models.records.beamer import BeamerSpeakers, BeamerView, Phase, Showing
from models.rules import timing
from models.rules.formatting import format_time, format_weekday_date, to_local
from models.rules.speakers import format_clock, format_overtime
from screens.analysis import ranking_text, tree_rows
from screens.widgets.process_banner import banner_text
from screens.widgets.qr_code import QrCode
from screens.widgets.quiet import show, show_digits
from screens.widgets.scaled_digits import ScaledDigits
from screens.widgets.tally_view import OptionCounts, TallyView

if TYPE_CHECKING:
    from models.beamer import BeamerFeed
    from models.records.meeting import AgendaItemInfo, MeetingInfo
    from models.records.room import RoomInfo

#: Seconds between two questions to the database: the room sees a change within half a second.
POLL_INTERVAL = 0.25
#: From this size on the clocks are drawn twice as large.
BIG_WIDTH, BIG_HEIGHT = 120, 40
#: Columns the meeting keeps beside the room's QR code (usual, twice as large): where they
#: are not left, the room is one line at the bottom.
ROOM_BESIDE, ROOM_BESIDE_LARGE = 64, 80
#: Columns of the room's panel besides its QR code (border and padding).
ROOM_FRAME = 4
#: Lines the room's panel needs besides its QR code (a title, the words, air).
ROOM_WORDS = 6

_PANELS = {
    Showing.AGENDA: "agenda-panel",
    Showing.SPEAKERS: "speakers-panel",
    Showing.VOTES: "votes-panel",
    Showing.ANALYSIS: "analysis-panel",
}


class BeamerScreen(Screen[None]):
    """The room's view of the meeting; it has no keys of its own."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    AUTO_FOCUS = ""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (BIG_WIDTH, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (BIG_HEIGHT, "-tall")]

    def __init__(
        self,
        feed: BeamerFeed,
        clock: Callable[[], datetime],
        poll_interval: float = POLL_INTERVAL,
    ) -> None:
        super().__init__()
        self.feed = feed
        self.clock = clock
        self.poll_interval = poll_interval
        #: The picture shown (None until the first read).
        self.view: BeamerView | None = None

    def compose(self) -> ComposeResult:
        # The room for phones, while it is open and there is room: beside everything else,
        # never over it (docked right, the rest of the picture is laid out in what is left).
        with Vertical(id="room-panel"):
            yield Static(id="room-title")
            yield QrCode(id="room-qr")
            yield Static(id="room-words")
        with Horizontal(id="top"):
            with Vertical(id="heading"):
                yield Static(id="title")
                yield Static(id="when")
                yield Static(id="phase")
            yield ScaledDigits("", id="clock")
        yield Static(id="banner")
        yield Static(id="item")
        with ContentSwitcher(id="body", initial="message-panel"):
            with Vertical(id="message-panel"):
                yield Static(id="message")
                yield Static(id="message-detail")
            with Vertical(id="speakers-panel"):
                with Horizontal(id="floor"):
                    with Vertical(id="floor-text"):
                        yield Label(_("Has the floor"), id="floor-title")
                        yield Static(id="speaker")
                        yield Static(id="speaker-note")
                    yield ScaledDigits("", id="countdown")
                yield Label(_("Next speakers"), id="next-title")
                yield Static(id="next")
            with Vertical(id="agenda-panel"):
                yield Static(id="agenda-list")
                yield Static(id="agenda-speaker")
            with Vertical(id="votes-panel"):
                yield Static(id="question")
                yield Static(id="rule")
                yield TallyView(id="tally")
                yield Static(id="result")
            with Horizontal(id="analysis-panel"):
                yield Static(id="tree")
                with Vertical(id="ranking-pane"):
                    yield Label(_("Ideas by dots"), id="ranking-title")
                    yield Static(id="ranking")
        yield Static(id="bottom")

    def on_mount(self) -> None:
        self._poll()
        self.set_interval(self.poll_interval, self._poll)
        self.set_interval(1.0, self._tick)

    def on_resize(self) -> None:
        # A projector at 160×45 shows small letters: the clocks are then drawn twice as large.
        scale = 2 if self.size.width >= BIG_WIDTH and self.size.height >= BIG_HEIGHT else 1
        for digits in self.query(ScaledDigits):
            digits.scale = scale
        # The agenda list shows as many items as fit, and the queue spreads out when tall.
        if self.view is not None:
            self.show_view(self.view)

    def on_unmount(self) -> None:
        self.feed.close()

    # ------------------------------------------------------------------ following

    def _poll(self) -> None:
        view = self.feed.poll()
        if view is not None:
            self.show_view(view)

    def show_view(self, view: BeamerView) -> None:
        """Draw a new picture; the parts that follow the clock are drawn by ``_tick``."""
        self.view = view
        meeting = view.meeting
        show(self.query_one("#title", Static), Text(meeting.title if meeting else "BaZ"))
        show(self.query_one("#when", Static), _when(meeting) if meeting else "")
        banner = self.query_one("#banner", Static)
        banner.display = meeting is not None and meeting.process is not None
        if meeting is not None and meeting.process is not None:
            show(banner, banner_text(meeting.process))
        running = view.phase is Phase.RUNNING and view.item is not None
        self.query_one("#item").display = running or view.phase is Phase.ON_BREAK
        switcher = self.query_one(ContentSwitcher)
        switcher.current = _PANELS[view.showing] if running else "message-panel"
        if not running:
            self._show_message(view)
        elif view.showing is Showing.SPEAKERS:
            self._show_queue(view.speakers)
        elif view.showing is Showing.VOTES:
            self._show_poll(view)
        elif view.showing is Showing.ANALYSIS:
            self._show_analysis(view)
        panel = self._show_room(view.room)
        bottom = self.query_one("#bottom", Static)
        problem = Text()
        if view.problem:
            problem.append("⚠ " + view.problem + " — " + _("showing what was read last"))
            problem.stylize("bold reverse")
        elif view.room is not None and not panel:
            problem = room_line(view.room)
        else:
            problem.append("Bewoners aan Zet")
        bottom.set_class(view.room is not None and not panel and not view.problem, "-room")
        show(bottom, problem)
        self._tick()

    def _show_room(self, room: RoomInfo | None) -> bool:
        """The panel with the room's QR code, address and code, where there is room for it
        beside the rest; whether it is shown (else the bottom line names the room)."""
        panel = self.query_one("#room-panel")
        url = room.join_url if room is not None else ""
        lines = _room_qr(url, self.size.width, self.size.height) if url else None
        panel.display = room is not None and lines is not None
        if room is None or lines is None:
            return False
        self.query_one(QrCode).show_code(lines)
        show(self.query_one("#room-title", Static), Text(_("Join with your phone"), style="bold"))
        words = Text()
        words.append(_("Scan the code, or go to") + "\n")
        words.append(room.address + "\n", style="bold")
        words.append(_("Meeting code") + "  ")
        words.append(f" {room.code} ", style="bold reverse")
        show(self.query_one("#room-words", Static), words)
        return True

    # -------------------------------------------------------------------- parts

    def _show_message(self, view: BeamerView) -> None:
        message, detail = Text(), Text()
        meeting = view.meeting
        if view.phase is Phase.NOT_STARTED and meeting is not None:
            message.append(_starts(meeting, self.clock()))
            if view.agenda is not None and view.agenda.items:
                detail.append(_("On the agenda") + "\n", style="bold underline")
                for item in view.agenda.items:
                    detail.append(f"{item.number:>2}. {item.title}\n")
        elif view.phase is Phase.ENDED and meeting is not None:
            message.append(_("Thank you for coming"))
            if meeting.actual_end is not None:
                detail.append(
                    _("The meeting closed at {time}.").format(time=format_time(meeting.actual_end))
                )
        elif view.phase is Phase.ON_BREAK:
            message.append("☕ " + _("Break"))
            breaks = view.agenda.breaks if view.agenda is not None else []
            if breaks:
                detail.append(
                    _("Since {time}.").format(time=format_time(breaks[-1].started_at)) + "\n"
                )
            if view.item is not None:
                detail.append(
                    _("After the break: item {number}. {title}").format(
                        number=view.item.number, title=view.item.title
                    )
                )
        elif view.phase is Phase.RUNNING:
            message.append(_("This meeting has no agenda items."))
        else:
            message.append(view.message)
        message.stylize("bold")
        show(self.query_one("#message", Static), message)
        show(self.query_one("#message-detail", Static), detail)

    def _show_queue(self, speakers: BeamerSpeakers | None) -> None:
        text = Text()
        # On a big screen the names stand apart: a room reads them from far away.
        line_end = "\n\n" if self.has_class("-tall") else "\n"
        if speakers is not None:
            for place, entry in enumerate(speakers.next, start=1):
                text.append(f"{place}. ", style="bold")
                if entry.kind is SpeakerKind.PUNT_VAN_ORDE:
                    text.append("‼ ", style="bold")
                text.append(entry.name, style="bold")
                if entry.kind is SpeakerKind.PUNT_VAN_ORDE:
                    text.append("  — " + _("point of order"))
                text.append(line_end)
            if speakers.more_waiting:
                n = speakers.more_waiting
                text.append(
                    ngettext("+ {n} more waiting", "+ {n} more waiting", n).format(n=n) + "\n"
                )
            if not speakers.next:
                text.append(_("Nobody is waiting.") + "\n")
            if speakers.closed:
                text.append("■ " + _("The list of speakers is closed."), style="bold")
        show(self.query_one("#next", Static), text)

    def _show_poll(self, view: BeamerView) -> None:
        poll = view.poll
        question = self.query_one("#question", Static)
        rule = self.query_one("#rule", Static)
        result = self.query_one("#result", Static)
        tally = self.query_one(TallyView)
        if poll is None:
            show(question, Text(_("No vote on this item yet."), style="bold"))
            show(rule, "")
            show(result, "")
            tally.show((), -1, Channel.ZAAL)
            return
        heading = Text()
        if view.poll_count > 1:
            heading.append(
                _("vote {n} of {count}").format(n=view.poll_number, count=view.poll_count) + ": "
            )
        heading.append(poll.question)
        heading.stylize("bold")
        show(question, heading)
        line = Text()
        if poll.status is PollStatus.OPEN:
            line.append("● " + _("open — counting"), style="bold")
        else:
            line.append("■ " + _("declared"), style="bold reverse")
        line.append("  │  " + poll.profile_label)
        line.append(
            "  │  "
            + ngettext(
                "{n} eligible voter present", "{n} eligible voters present", poll.present_count
            ).format(n=poll.present_count)
        )
        show(rule, line)
        tally.show(
            tuple(OptionCounts(o.label, o.room, o.digital, o.phone) for o in poll.options),
            -1,
            Channel.ZAAL,
        )
        outcome = Text()
        if poll.status is PollStatus.OPEN:
            outcome.append(poll.rule_text)
        else:
            outcome.append(" " + poll.result.outcome.label().upper() + " ", style="bold reverse")
            outcome.append("  " + poll.result_text, style="bold")
        show(result, outcome)

    def _show_analysis(self, view: BeamerView) -> None:
        tree = self.query_one("#tree", Static)
        ranking = self.query_one("#ranking", Static)
        if view.analysis is None:
            show(tree, "")
            show(ranking, "")
            return
        lines = Text("\n").join(line for line, _card in tree_rows(view.analysis, hints=False))
        show(tree, lines)
        show(ranking, ranking_text(view.analysis))

    # ------------------------------------------------------------------- clocks

    def _tick(self) -> None:
        """Once a second: the clock, the item's time, the speaking time, from stored moments."""
        now = self.clock()
        show_digits(self.query_one("#clock", ScaledDigits), format_time(now))
        view = self.view
        if view is None:
            return
        show(self.query_one("#phase", Static), _phase_line(view))
        if view.item is not None:
            show(self.query_one("#item", Static), _item_lines(view, view.item, now))
        if view.phase is not Phase.RUNNING:
            return
        if view.showing is Showing.SPEAKERS:
            self._tick_floor(view.speakers, now)
        elif view.showing is Showing.AGENDA:
            self._tick_agenda(view, now)

    def _tick_floor(self, speakers: BeamerSpeakers | None, now: datetime) -> None:
        current = speakers.current if speakers is not None else None
        name = self.query_one("#speaker", Static)
        note = self.query_one("#speaker-note", Static)
        digits = self.query_one("#countdown", ScaledDigits)
        if speakers is None or current is None:
            show(name, Text(_("Nobody has the floor."), style="bold"))
            show(note, "")
            show_digits(digits, "")
            return
        show(name, Text(" " + current.name + " ", style="bold"))
        words = Text(label(current.role))
        if current.kind is SpeakerKind.PUNT_VAN_ORDE:
            words.append("  ‼ " + _("point of order"), style="bold")
        words.append("\n")
        clock, state = _countdown(speakers, now)
        show_digits(digits, clock)
        digits.set_class(speakers.overtime_seconds(now) > 0, "-overtime")
        if current.paused:
            state = Text("⏸ " + _("paused"), style="bold reverse")
        show(note, words + state)

    def _tick_agenda(self, view: BeamerView, now: datetime) -> None:
        agenda = view.agenda
        if agenda is None:
            return
        items = agenda.items
        room = max(1, self.query_one("#agenda-list", Static).size.height - 2)
        running = next((n for n, i in enumerate(items) if i.id == agenda.running_item_id), 0)
        start = max(0, min(running - 2, len(items) - room))
        text = Text()
        title_width = max(20, self.query_one("#agenda-list", Static).size.width - 30)
        for item in items[start : start + room]:
            text.append_text(_agenda_line(view, item, now, title_width))
            text.append("\n")
        projected = timing.projected_end(now, agenda.timings(now), agenda.on_break)
        text.append(_("expected end {time}").format(time=format_time(projected)), style="bold")
        show(self.query_one("#agenda-list", Static), text)
        speaker = Text()
        speakers = view.speakers
        if speakers is not None and speakers.current is not None:
            clock, _state = _countdown(speakers, now)
            speaker.append(_("Has the floor") + ": ", style="bold")
            speaker.append(speakers.current.name + "  " + clock, style="bold reverse")
        show(self.query_one("#agenda-speaker", Static), speaker)


# --------------------------------------------------------------------------- texts


def _room_qr(url: str, width: int, height: int) -> tuple[str, ...] | None:
    """The QR code of the room for a beamer of ``width`` × ``height``: twice as large where
    that fits beside the meeting, else the usual size, else None (no room: one line)."""
    from models.rules.qr import large_qr_lines, qr_lines

    for draw, beside in ((large_qr_lines, ROOM_BESIDE_LARGE), (qr_lines, ROOM_BESIDE)):
        lines = draw(url)
        if width - len(lines[0]) - ROOM_FRAME >= beside and len(lines) + ROOM_WORDS <= height:
            return lines
    return None


def room_line(room: RoomInfo) -> Text:
    """The room in one line, where its QR code does not fit: "Vote with your phone:
    http://192.168.1.20:8765 · code K7P2QX"."""
    line = Text(_("Join with your phone") + ": ", style="bold")
    if room.address:
        line.append(room.address, style="bold")
        line.append(" · ")
    line.append(_("code {code}").format(code=room.code), style="bold")
    return line


def _when(meeting: MeetingInfo) -> Text:
    """ "dinsdag 1 december 2026 · Wijkcentrum De Wielslag"."""
    parts = [format_weekday_date(meeting.date)]
    if meeting.location:
        parts.append(meeting.location)
    return Text(" · ".join(parts))


def _starts(meeting: MeetingInfo, now: datetime) -> str:
    """When a planned meeting begins: today only the time, another day with the date."""
    if to_local(now).date() == meeting.date:
        return _("The meeting starts at {time}").format(time=format_time(meeting.start_time))
    return _("The meeting starts on {date} at {time}").format(
        date=format_weekday_date(meeting.date), time=format_time(meeting.start_time)
    )


def _phase_line(view: BeamerView) -> Text:
    phase = view.phase
    if phase is Phase.RUNNING:
        return Text("● " + _("The meeting is running"), style="bold")
    if phase is Phase.ON_BREAK:
        return Text("☕ " + _("Break"), style="bold reverse")
    if phase is Phase.NOT_STARTED:
        return Text("○ " + _("Not started yet"))
    if phase is Phase.ENDED:
        return Text("■ " + _("Closed"))
    return Text("")


def _item_lines(view: BeamerView, item: AgendaItemInfo, now: datetime) -> Text:
    """ "▶ Item 7. Choice of design" and "⏱ 12:34 of 20 min  ⚠ +3 min"."""
    text = Text()
    sign = "▶ " if view.item_running else "· "
    text.append(sign + _("Item {number}. {title}").format(number=item.number, title=item.title))
    if not view.item_running:
        text.append("  (" + _("not running") + ")")
    text.stylize("bold")
    elapsed = view.item_elapsed_seconds(now)
    text.append(
        "\n⏱ "
        + _("{elapsed} of {planned} min").format(
            elapsed=timing.format_duration(elapsed), planned=item.planned_minutes
        )
    )
    overrun = timing.overrun_seconds(item.planned_minutes, elapsed)
    if overrun:
        text.append("  ⚠ " + timing.format_overrun(overrun), style="bold reverse")
    return text


def _agenda_line(view: BeamerView, item: AgendaItemInfo, now: datetime, width: int) -> Text:
    assert view.agenda is not None
    running = item.id == view.agenda.running_item_id
    if running:
        sign = "▶"
    elif item.ended_at is not None or item.hamered_at is not None:
        sign = "✔"
    else:
        sign = " "
    line = Text(f"{sign} {item.number:>2}. {item.title}")
    line.truncate(width, overflow="ellipsis", pad=True)
    planned = _("{n} min").format(n=item.planned_minutes)
    if running:
        elapsed = view.agenda.elapsed_seconds(item, now)
        line.append(f"  {timing.format_duration(elapsed)} / {planned}")
        overrun = timing.overrun_seconds(item.planned_minutes, elapsed)
        if overrun:
            line.append("  ⚠ " + timing.format_overrun(overrun))
        line.stylize("bold reverse")
    else:
        line.append(f"  {planned}")
    return line


def _countdown(speakers: BeamerSpeakers, now: datetime) -> tuple[str, Text]:
    """The big clock of the current turn and what it means, in words."""
    remaining = speakers.remaining_seconds(now)
    limit = speakers.limit_seconds
    if remaining is None:
        return format_clock(speakers.spoken_seconds(now)), Text(_("no time limit — spoken so far"))
    if remaining > 0:
        return format_clock(remaining), Text(
            _("time left of {limit}").format(limit=format_clock(limit))
        )
    over = format_overtime(speakers.overtime_seconds(now)) or "0:00"
    return over, Text("⚠ " + _("over time"), style="bold reverse")
