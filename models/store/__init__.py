"""The Store: the only place that reads and writes the database, and the one way in to it for
the screens, the command line and the exports: ``from models.store import Store``.

Every user action is one method, one transaction, committed before it returns; it returns
records (``models.records``) and refuses bad input with a :class:`~models.errors.BazError`
whose message is written for the user. Screens hold a Store, never a session.

**The parts.** The Store is one object, combined from one part per domain: a class on
:class:`~models.store.base.StoreBase` (the database, the clock, the transaction, :func:`hold`)
in a module named after its domain. A method lives in the part its name speaks of:

==============  =========================================================================
processes       processes and their frames: ``create_process``, ``update_process``
meetings        meetings: list, create, copy, update, delete; ``previous_meeting``,
                ``next_meeting``
attendance      attendees and their presence, the counts, a list read in from CSV
agenda          agenda items: add, update, move, delete, notes, ``hamer_item``
running         running the meeting along its agenda: ``agenda_state``, ``adopt_agenda``,
                ``start_meeting``, ``start_item``, ``next_item``, breaks, ``close_meeting``
speakers        the speaker list of an item, the floor, speaking time and statistics
polls           votes: create, open, count, digital votes read in, declare
analysis        the problem analysis: cards and dots
decisions       besluiten
action_points   actiepunten and the actielijst (``action_list``)
minutes         the minutes approved (vastgesteld), or a draft again
beamer          what the chair's app puts on the beamer, which meeting a beamer follows
meeting_files   a whole meeting to and from a meeting file
privacy         purge, access requests, erasure
review          the public version: who the process knows, the review's choices
room            the room on their phones: the room and its code, phones, phone votes,
                voting cards, phone dots, the inbox of cards handed in from phones
==============  =========================================================================

What parts share is public and has one home: :mod:`~models.store.rows` (table rows to
records), :mod:`~models.store.numbering` (the numbers of decisions and action points), and the
few functions of one part that another needs (``agenda.item_headings``,
``meetings.process_meetings``, ``speakers.end_open_turns``, ``decisions.record_decision``, …).
A part imports other parts' public names only, never this module, and the parts import each
other without a circle (``tests/test_layers.py``).

**ORM or Core.** SQLAlchemy Core — plain rows read once, only the changed columns written, in
a connection from ``_core_transaction`` (or the session's own connection inside an ORM
action) — where a key of the evening must answer within a frame on the big meeting: the
speaker list (``speakers``), running the meeting (``running``) and counting a vote
(``polls``, ``_change_count``); and for the reads that build such a screen's state: the
attendee list (``attendance``) and the cards of the problem analysis (``analysis``). The ORM
(SQLModel objects in the Session of ``_transaction``) everywhere else — preparing, editing,
decisions and action points, files, privacy — where being plain to read counts for more than
a tenth of a millisecond. A new method uses the ORM, unless it is such a key or read; then it
uses Core and its docstring says so.
"""

from __future__ import annotations

from models.store.action_points import ActionPointActions
from models.store.agenda import AgendaActions
from models.store.analysis import AnalysisActions
from models.store.attendance import AttendanceActions
from models.store.beamer import BeamerActions
from models.store.decisions import DecisionActions
from models.store.meeting_files import MeetingFileActions
from models.store.meetings import MeetingActions
from models.store.minutes import MinutesActions
from models.store.polls import PollActions
from models.store.privacy import PrivacyActions
from models.store.processes import ProcessActions
from models.store.review import ReviewActions
from models.store.room import RoomActions
from models.store.running import RunningActions
from models.store.speakers import SpeakerActions


class Store(
    ProcessActions,
    MeetingActions,
    AttendanceActions,
    AgendaActions,
    RunningActions,
    SpeakerActions,
    PollActions,
    AnalysisActions,
    DecisionActions,
    ActionPointActions,
    MinutesActions,
    BeamerActions,
    MeetingFileActions,
    PrivacyActions,
    ReviewActions,
    RoomActions,
):
    """All reading and writing of BaZ data, one committed transaction per user action."""


__all__ = ["Store"]
