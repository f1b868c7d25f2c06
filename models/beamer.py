"""The beamer's picture of a meeting: read through the Store after a change, named for the public.

:class:`BeamerFeed` is what the beamer app (and the soak bench) polls. Each call first asks the
:class:`~models.database.changes.ChangeSignal` (microseconds); only when somebody committed a change
does it read again, with the reads the chair's screens use (``agenda_state``, ``speaker_state``,
``list_polls``, ``analysis_state``, ``room_info``: the room's code and address while it is
open), and name every person as they agreed for the public
(``models.rules.naming``): the beamer is seen by the whole room. A read that fails (a locked or
vanished file) keeps the last picture with the problem in words, and is tried again at the next
call; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from models.database.changes import ChangeSignal
from models.domain import MeetingStatus
from models.errors import BazError, NotFoundError
from models.i18n import _
from models.records.analysis import AnalysisState, CardInfo
from models.records.beamer import BeamerSpeakers, BeamerView, Phase, Showing
from models.records.following import item_to_follow, poll_to_show
from models.records.meeting import AgendaState, MeetingInfo, SpeakerInfo
from models.records.polls import PollInfo
from models.rules.analysis import build_up
from models.rules.naming import Namer
from models.shown_process import named_process

if TYPE_CHECKING:
    from models.records.review import PublicNaming
    from models.store import Store

#: The room sees who is next, not the whole queue.
NEXT_SPEAKERS = 3


class BeamerFeed:
    """Follows one meeting (or, without an id, whichever meeting is on) for the beamer."""

    def __init__(
        self, store: Store, meeting_id: int | None = None, *, signal: ChangeSignal | None = None
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.signal = signal if signal is not None else store.change_signal()
        #: The last picture handed out (None before the first).
        self.view: BeamerView | None = None
        #: How many times the picture was read from the database (tests and the bench count).
        self.reads = 0
        self._naming: PublicNaming | None = None
        self._namer: Namer | None = None

    def poll(self) -> BeamerView | None:
        """A new picture when the database changed since the last call (always the first
        time); None when nothing changed, or the new read shows exactly the same."""
        if not self.signal.changed():
            return None
        try:
            view = self.read()
        except BazError as error:
            self.signal.invalidate()  # ask again at the next call
            if self.view is None or self.view.phase is Phase.UNREADABLE:
                view = BeamerView(Phase.UNREADABLE, message=error.message)
            else:
                view = replace(self.view, problem=error.message)
        if view == self.view:
            return None
        self.view = view
        return view

    def close(self) -> None:
        self.signal.close()

    # ------------------------------------------------------------------ reading

    def read(self) -> BeamerView:
        """The picture as the database holds it now (one short read per Store method)."""
        self.reads += 1
        store = self.store
        target = store.beamer_target(self.meeting_id)
        if target is None:
            return self._nothing_to_show()
        try:
            agenda = store.agenda_state(target.meeting_id)
            choice = target.choice
            phase = _phase(agenda)
            item_id = None
            if phase in (Phase.RUNNING, Phase.ON_BREAK):
                item_id = item_to_follow(agenda, choice.item_id)
            # Every read that names people comes before the attendee list, so that anybody
            # they name is on it (see _speaker).
            speakers = polls = analysis = None
            if item_id is not None and phase is Phase.RUNNING:
                if choice.showing in (Showing.SPEAKERS, Showing.AGENDA):
                    speakers = store.speaker_state(item_id)
                elif choice.showing is Showing.VOTES:
                    polls = store.list_polls(item_id)
                elif choice.showing is Showing.ANALYSIS:
                    analysis = store.analysis_state(item_id)
            namer = self._namer_for(store.public_naming(target.meeting_id))
            room = store.room_info(target.meeting_id)
        except NotFoundError:
            # Deleted between two reads: the next change (the delete itself) reads again.
            return self._nothing_to_show()
        text = namer.text
        agenda = _public_agenda(agenda, namer)
        view = BeamerView(
            phase,
            showing=choice.showing,
            meeting=agenda.meeting,
            agenda=agenda,
            item=next((i for i in agenda.items if i.id == item_id), None),
            room=room if room is not None and room.is_open else None,
        )
        if speakers is not None:
            waiting = speakers.waiting
            view = replace(
                view,
                speakers=BeamerSpeakers(
                    current=_speaker(speakers.current, namer) if speakers.current else None,
                    next=tuple(_speaker(e, namer) for e in waiting[:NEXT_SPEAKERS]),
                    more_waiting=max(0, len(waiting) - NEXT_SPEAKERS),
                    limit_seconds=speakers.limit_seconds,
                    closed=speakers.closed,
                ),
            )
        if polls is not None:
            # A prepared vote has not been put to the room yet: the beamer does not show it.
            polls = [p for p in polls if not p.is_prepared]
            index = poll_to_show(polls, choice.poll_id)
            if index is not None:
                view = replace(
                    view,
                    poll=_public_poll(polls[index], text),
                    poll_number=index + 1,
                    poll_count=len(polls),
                )
        if analysis is not None:
            view = replace(view, analysis=_public_analysis(analysis, text))
        return view

    def _nothing_to_show(self) -> BeamerView:
        if self.meeting_id is not None:
            return BeamerView(
                Phase.UNKNOWN_MEETING,
                message=_("There is no meeting with number {id}.").format(id=self.meeting_id),
            )
        return BeamerView(Phase.NO_MEETING, message=_("No meeting is running or planned."))

    def _namer_for(self, naming: PublicNaming) -> Namer:
        """The public namer of the meeting: the people of its process and the choices of the
        review, as the public minutes use them; built again only when they changed (building
        one indexes every name, which is not free for a big meeting)."""
        if self._namer is None or naming != self._naming:
            self._naming = naming
            self._namer = Namer(naming.people, public=True, choices=naming.choices)
        return self._namer


# ---------------------------------------------------------------------- pure helpers


def _phase(agenda: AgendaState) -> Phase:
    status = agenda.meeting.status
    if status is MeetingStatus.GEPLAND:
        return Phase.NOT_STARTED
    if status is MeetingStatus.GESLOTEN:
        return Phase.ENDED
    return Phase.ON_BREAK if agenda.on_break else Phase.RUNNING


def _public_meeting(meeting: MeetingInfo, namer: Namer) -> MeetingInfo:
    text = namer.text
    return replace(
        meeting,
        title=text(meeting.title),
        location=text(meeting.location),
        chair=namer.person(meeting.chair),
        note_taker=namer.person(meeting.note_taker),
        process=named_process(meeting.process, namer) if meeting.process else None,
    )


def _public_agenda(agenda: AgendaState, namer: Namer) -> AgendaState:
    # Notes are the note-taker's working text, not for the room: left out.
    return replace(
        agenda,
        meeting=_public_meeting(agenda.meeting, namer),
        items=[replace(i, title=namer.text(i.title), notes="") for i in agenda.items],
    )


def _speaker(entry: SpeakerInfo, namer: Namer) -> SpeakerInfo:
    """The entry with the name the public may see.

    Somebody not on the attendee list (removed meanwhile) is not named at all: the namer can
    only hide the names it knows.
    """
    name = namer.names.get(entry.attendee_id) if entry.attendee_id is not None else None
    return replace(entry, name=name or _("Anonymous resident"))


def _public_poll(poll: PollInfo, text: Callable[[str], str]) -> PollInfo:
    result = poll.result
    result = replace(
        result,
        labels=tuple(text(label) for label in result.labels),
        ranking=tuple(replace(r, label=text(r.label)) for r in result.ranking),
    )
    return replace(
        poll,
        question=text(poll.question),
        options=tuple(replace(o, label=text(o.label)) for o in poll.options),
        result_text=text(poll.result_text),
        suggested_decision="",
        result=result,
        digital_source="",
    )


def _public_analysis(state: AnalysisState, text: Callable[[str], str]) -> AnalysisState:
    """The tree with every text named for the public and no authors (cards are the room's)."""
    done: dict[int, CardInfo] = {}

    def public(c: CardInfo, _built: tuple[CardInfo, ...]) -> CardInfo:
        # Built children first (``build_up``), so every child is in ``done`` by now.
        made = replace(
            c,
            text=text(c.text),
            author_attendee_id=None,
            author_name="",
            children=tuple(done[child.id] for child in c.children),
        )
        done[c.id] = made
        return made

    def card(c: CardInfo) -> CardInfo:
        # An idea under a cause is in the tree and in the ideas: one public copy for both.
        if c.id not in done:
            build_up((c,), lambda x: [y for y in x.children if y.id not in done], public)
        return done[c.id]

    return replace(
        state,
        core=card(state.core) if state.core is not None else None,
        causes=tuple(card(c) for c in state.causes),
        effects=tuple(card(c) for c in state.effects),
        ideas=tuple(card(c) for c in state.ideas),
        ranked_ideas=tuple(replace(r, card=card(r.card)) for r in state.ranked_ideas),
    )
