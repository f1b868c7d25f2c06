"""Votes (F5): count hands fast and say plainly whether a proposal passed, and why.

The rules are pure functions in ``models.rules.votes`` applied by the Store; this screen only shows
what the Store returns. Counting is one key (+ or -) or a typed number, each committed before
the screen changes, and undoable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.widgets import Static

from models.domain import Ballot, Channel, PollMethod, PollStatus, label
from models.i18n import _, ngettext
from models.records.beamer import BeamerChoice
from models.records.following import poll_to_show
from screens.acting import UndoStep
from screens.meeting_base import (
    ITEM_BINDINGS,
    NAVIGATION_BINDINGS,
    ItemScreen,
)
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_text import DrawnLines
from screens.widgets.parts_line import PartsLine
from screens.widgets.quiet import show
from screens.widgets.status_line import StatusLine
from screens.widgets.steady import show_steady
from screens.widgets.tally_view import OptionCounts, TallyView

if TYPE_CHECKING:
    from models.files.csv_import import VoteImport
    from models.records.meeting import AgendaState
    from models.records.polls import PollInfo
    from models.store import Store


def opened_message(poll: PollInfo) -> str:
    return ngettext(
        "Vote opened: {n} eligible voter present. Count with + and -, or type a number.",
        "Vote opened: {n} eligible voters present. Count with + and -, or type a number.",
        poll.present_count,
    ).format(n=poll.present_count)


def prepared_message(agenda: AgendaState | None, poll: PollInfo) -> str:
    """ "Vote prepared (item 9). …": where the chair will find it, to open it there. Short
    enough for the status line at 80 columns; the form showed the item's title already."""
    item = next((i for i in agenda.items if i.id == poll.agenda_item_id), None) if agenda else None
    if item is None:
        return _("Vote prepared; open it with O when its item comes.")
    return _("Vote prepared (item {number}). Open it with O on F5 when item {number} runs.").format(
        number=item.number
    )


def counts_of(poll: PollInfo) -> tuple[tuple[int, int, int], ...]:
    """The counts of a poll as (option id, in the room, digital), as the chair saw them."""
    return tuple((o.id, o.room, o.digital) for o in poll.options)


class VotesScreen(ItemScreen):
    """The polls of one agenda item: the selected one counted live, its result in words."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "votes"
    #: Nothing to focus: every key, digits included, goes to the screen.
    AUTO_FOCUS = ""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = _("Votes")
    HELP_INTRO = _(
        "N starts a vote on this agenda item. Count with + and - on the selected option "
        "(↑ ↓ choose the option), or type the number a teller calls and press Enter. "
        "K switches between the votes in the room and the digital votes cast in advance; "
        "both are counted separately and added up. The result and the rule are always shown "
        "in words. V declares the result and offers the decision text; H holds a new vote on "
        "the same question. [ and ] switch between the votes of this item."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "n",
            "new_poll",
            _("New vote"),
            show=True,
            tooltip=_("Open a vote now, or prepare one for this or a later item"),
            id="votes.new_vote",
        ),
        Binding(
            "o",
            "open_poll",
            _("Open vote"),
            show=True,
            tooltip=_("Open the prepared vote: from now on it is counted"),
            id="votes.open_vote",
        ),
        Binding(
            "plus,equals_sign",
            "count(1)",
            _("+1"),
            show=True,
            tooltip=_("One more vote for the selected option"),
            id="votes.add_vote",
        ),
        Binding(
            "minus",
            "count(-1)",
            _("-1"),
            show=True,
            tooltip=_("One vote less for the selected option"),
            id="votes.remove_vote",
        ),
        Binding(
            "up",
            "select(-1)",
            _("Option up"),
            show=False,
            tooltip=_("Select the option above"),
            id="votes.previous_option",
        ),
        Binding(
            "down",
            "select(1)",
            _("Option down"),
            show=False,
            tooltip=_("Select the option below"),
            id="votes.next_option",
        ),
        Binding(
            "k",
            "switch_channel",
            _("Room/digital"),
            show=True,
            tooltip=_("Count the votes in the room or the digital votes cast in advance"),
            id="votes.switch_channel",
        ),
        Binding(
            "v",
            "declare",
            _("Declare"),
            show=True,
            tooltip=_("Declare the result: the vote is locked and a decision can be recorded"),
            id="votes.declare",
        ),
        Binding(
            "h",
            "revote",
            _("Vote again"),
            show=True,
            tooltip=_("Hold a new vote on the same question; the old one stays in the record"),
            id="votes.vote_again",
        ),
        Binding(
            "u,ctrl+z",
            "undo",
            _("Undo"),
            show=True,
            tooltip=_("Take back the last count"),
            id="votes.undo",
        ),
        Binding(
            "i",
            "import_votes",
            _("Import"),
            show=True,
            tooltip=_("Load the digital votes cast in advance from a CSV file (an online poll)"),
            id="votes.import_votes",
        ),
        # S (stemkaart): who may vote on this vote from a phone; only while none did.
        Binding(
            "s",
            "ballot",
            _("Voting card"),
            show=False,
            tooltip=_(
                "Phones vote on this vote openly (meeting code) or only with a voting card; "
                "switches while nobody has voted by phone"
            ),
            id="votes.ballot",
        ),
        Binding(
            "delete",
            "delete_poll",
            _("Delete vote"),
            show=False,
            tooltip=_("Delete this vote (only while it is open)"),
            id="votes.delete_vote",
        ),
        Binding(
            "left_square_bracket,pageup",
            "other_poll(-1)",
            _("Previous vote"),
            show=False,
            tooltip=_("Show the previous vote of this item"),
            id="votes.previous_vote",
        ),
        Binding(
            "right_square_bracket,pagedown",
            "other_poll(1)",
            _("Next vote"),
            show=False,
            tooltip=_("Show the next vote of this item"),
            id="votes.next_vote",
        ),
        *ITEM_BINDINGS,
        *NAVIGATION_BINDINGS,
    ]

    def __init__(self, store: Store, meeting_id: int, item_id: int | None = None) -> None:
        super().__init__(store, meeting_id, item_id)
        self.polls: list[PollInfo] = []
        self.poll_index = 0
        self.option_index = 0
        self.channel = Channel.ZAAL
        #: The digits of a count being typed (empty when none is).
        self.typed = ""

    @property
    def poll(self) -> PollInfo | None:
        return self.polls[self.poll_index] if self.polls else None

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield PartsLine(id="item-line")
        yield Static(id="question")
        yield Static(id="rule")
        yield TallyView(id="tally")
        yield Static(
            Text(_("Type a number to enter the count of the selected option")), id="number"
        )
        yield DrawnLines(id="result")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Votes")
        meeting = self.load_meeting()
        if meeting is None:
            return
        self.show_meeting(meeting)
        error = self.load_agenda()
        if error:
            self.status_line.show_error(error)
        self._reload()

    # --------------------------------------------------------------- reading

    def follow_changes(self) -> None:
        self._reload()

    def _reload(self, select_poll: int | None = None) -> None:
        """Read the polls of the item; keep the selected poll (or select ``select_poll``)."""
        keep = select_poll if select_poll is not None else (self.poll.id if self.poll else None)
        self.polls = []
        if self.item_id is not None:
            item_id = self.item_id
            self.polls = self.read(lambda: self.store.list_polls(item_id)) or []
        # The one shown, else the one being counted, else the latest: as the beamer does.
        self.poll_index = poll_to_show(self.polls, keep) or 0
        self._show_all()

    def beamer_choice(self, exactly: bool) -> BeamerChoice | None:
        choice = super().beamer_choice(exactly)
        if choice is None or not exactly or self.poll is None:
            return choice
        return BeamerChoice(choice.showing, choice.item_id, self.poll.id)

    def _show_all(self) -> None:
        self._show_item_line()
        poll = self.poll
        question = self.query_one("#question", Static)
        rule = self.query_one("#rule", Static)
        if poll is None:
            self.query_one(TallyView).show((), -1, self.channel)
            show(question, Text(_("No vote on this item yet — N starts one."), style="bold"))
            show(rule, "")
            show_steady(self.query_one("#result", Static), "")
            self._show_number_hint()
            self.update_keys()
            return
        show(question, Text(poll.question, style="bold"))
        show(rule, self._rule_line(poll))
        self._show_counts(poll)

    def _show_item_line(self) -> None:
        parts: list[Text | str] = [self.item_title()]
        if self.polls:
            which = _("vote {n} of {count}").format(n=self.poll_index + 1, count=len(self.polls))
            if len(self.polls) > 1:
                which += " " + _("([ ] switch)")
            parts.append(which)
            poll = self.poll
            assert poll is not None
            if poll.status is PollStatus.VASTGESTELD:
                status = Text("■ " + _("declared"), style="bold reverse")
            elif poll.status is PollStatus.VOORBEREID:
                status = Text("◇ " + _("prepared — O opens it"), style="bold reverse")
            else:
                status = Text("● " + _("open — counting"), style="bold")
            if poll.previous_poll_id is not None:
                earlier = [p.id for p in self.polls]
                if poll.previous_poll_id in earlier:
                    status.append(
                        "  ↻ "
                        + _("new vote of vote {n}").format(
                            n=earlier.index(poll.previous_poll_id) + 1
                        )
                    )
            parts.append(status)
            if poll.ballot is Ballot.STEMKAART:
                parts.append(Text("▣ " + _("votes with voting card"), style="bold"))
        self.query_one("#item-line", PartsLine).show_parts(parts)

    def _rule_line(self, poll: PollInfo) -> Text:
        text = Text()
        text.append(label(poll.method))
        text.append("  │  ")
        text.append(poll.profile_label)
        text.append("  │  ")
        if poll.is_prepared:
            text.append(_("the eligible voters present are counted when it opens"))
        else:
            text.append(
                ngettext(
                    "{n} eligible voter present (counted when the vote opened)",
                    "{n} eligible voters present (counted when the vote opened)",
                    poll.present_count,
                ).format(n=poll.present_count)
            )
        return text

    def _show_counts(self, poll: PollInfo) -> None:
        """Draw the counts and the result sentence of the poll the Store returned."""
        # A prepared vote takes only the digital votes cast before it opens.
        counting = poll.status is PollStatus.OPEN or poll.is_prepared
        self.option_index = min(self.option_index, max(len(poll.options) - 1, 0))
        self.query_one(TallyView).show(
            tuple(OptionCounts(o.label, o.room, o.digital, o.phone) for o in poll.options),
            self.option_index if counting else -1,
            self.channel,
        )
        result = Text()
        if poll.is_prepared:
            # Two lines of at most 80 columns: the result box has two.
            result.append(
                "◇ " + _("Prepared, not open yet — O opens it when its item comes") + "\n",
                style="bold",
            )
            result.append(
                _("No count and no result yet; digital votes cast beforehand can go in (K).")
            )
            show_steady(self.query_one("#result", Static), result)
            self.update_keys()
            return
        if counting:
            result.append(
                _("Counting: {channel}").format(channel=label(self.channel)), style="bold"
            )
            result.append("  (" + _("K switches") + ")\n")
        else:
            result.append("■ " + _("Declared") + "\n", style="bold")
        result.append(poll.result_text, style="bold")
        show_steady(self.query_one("#result", Static), result)
        self._show_number_hint()
        self.update_keys()

    def _show_number_hint(self) -> None:
        """The line of a typed count: how to type one while the vote is counted, else
        empty (a declared vote takes no count: its hint would only mislead)."""
        if self.typed:
            return
        counting = self.poll is not None and self.poll.status is PollStatus.OPEN
        hint = _("Type a number to enter the count of the selected option") if counting else ""
        show_steady(self.query_one("#number", Static), Text(hint))

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        poll = self.poll
        counting = poll is not None and poll.status is PollStatus.OPEN
        prepared = poll is not None and poll.is_prepared
        if action == "open_poll":
            return True if prepared else False  # only then: the key bar is full enough
        if action in ("count", "select", "switch_channel", "delete_poll", "import_votes"):
            # A prepared vote: the keys answer, and the Store says the room is counted later.
            return True if counting or prepared else None
        if action == "declare":
            return True if counting else None
        if action == "new_poll":
            return True if self.item_id is not None else None
        if action == "revote":
            return True if poll is not None and not counting else None
        if action == "other_poll":
            return True if len(self.polls) > 1 else None
        if action == "ballot":
            return (
                True
                if poll is not None
                and not poll.is_declared
                and poll.method is PollMethod.VOOR_TEGEN
                and not poll.has_phone_votes
                else None
            )
        return super().check_action(action, parameters)

    def show_result(self, result: PollInfo) -> None:
        """Draw the poll an action returned (the shown one, or the one U took a count back
        on, which is then shown)."""
        ids = [p.id for p in self.polls]
        if result.id not in ids:
            self._reload(select_poll=result.id)
            return
        index = ids.index(result.id)
        before = self.polls[index]
        self.polls[index] = result
        if index != self.poll_index:
            self.poll_index = index
            self._show_all()
            return
        if result.status is not before.status or result.ballot is not before.ballot:
            self._show_item_line()
        self._show_counts(result)

    def _count_step(
        self, poll_id: int, option_id: int, channel: Channel, delta: int
    ) -> UndoStep[PollInfo] | None:
        """U takes back exactly what one count key changed: ``-delta`` on the count as it is
        then, so what another laptop counted since stays; refused when the vote was declared
        since or the count would go below 0."""
        if delta == 0:
            return None
        return UndoStep(
            lambda: self.store.add_to_count(poll_id, option_id, channel, -delta), about=poll_id
        )

    def _selected_option(self) -> tuple[PollInfo, int, int] | None:
        poll = self.poll
        if poll is None or not poll.options:
            return None
        option = poll.options[min(self.option_index, len(poll.options) - 1)]
        count = option.room if self.channel is Channel.ZAAL else option.digital
        return poll, option.id, count

    def action_count(self, delta: int) -> None:
        selected = self._selected_option()
        if selected is None:
            return
        poll, option_id, _before = selected
        channel = self.channel
        self.act(
            lambda: self.store.add_to_count(poll.id, option_id, channel, delta),
            undo=lambda _poll: self._count_step(poll.id, option_id, channel, delta),
        )

    def action_select(self, delta: int) -> None:
        poll = self.poll
        if poll is None or not poll.options:
            return
        self.option_index = (self.option_index + delta) % len(poll.options)
        self._show_counts(poll)
        self.query_one(TallyView).scroll_to_option(self.option_index)

    def action_switch_channel(self) -> None:
        self.channel = Channel.DIGITAAL if self.channel is Channel.ZAAL else Channel.ZAAL
        if self.poll is not None:
            self._show_counts(self.poll)
        self.status_line.show_info(_("Counting: {channel}.").format(channel=label(self.channel)))

    def on_key(self, event: Key) -> None:
        """Digits type the count a teller calls for the selected option; Enter stores it.

        The number is typed into the screen itself, not into an input field, so typing and
        storing it never move the focus (a focus change restyles and redraws the screen).
        """
        if self.typed:
            if event.key == "enter":
                self._store_typed()
            elif event.key == "escape":
                self._show_typed("")
            elif event.key == "backspace":
                self._show_typed(self.typed[:-1])
            elif event.character and event.character.isdigit():
                self._show_typed((self.typed + event.character)[:6])
            else:
                # Any other key (an arrow, +, K, V, an F-key) first stores the number typed
                # for the option it was typed for, as a spreadsheet does, then does its own
                # work: a number on the screen is never silently put on another option.
                self._store_typed()
                return
        elif event.character and event.character.isdigit():
            if self.check_action("count", ()):
                self._show_typed(event.character)
            else:
                self.say_why_not("count", (), event.character)  # never a silent key
        else:
            return
        event.stop()
        event.prevent_default()

    def _show_typed(self, typed: str) -> None:
        self.typed = typed
        line = self.query_one("#number", Static)
        selected = self._selected_option()
        if not typed or selected is None:
            self.typed = ""
            self._show_number_hint()
            line.remove_class("-typing")
            return
        poll, option_id, _count = selected
        option = next(o for o in poll.options if o.id == option_id)
        text = Text()
        text.append(
            _("Number for “{option}” ({channel}): ").format(
                option=option.label, channel=label(self.channel)
            ),
            style="bold",
        )
        text.append(typed + "▏", style="bold reverse")
        text.append("  " + _("Enter saves, Esc cancels"))
        show_steady(line, text)
        line.add_class("-typing")

    def _store_typed(self) -> None:
        typed = self.typed
        selected = self._selected_option()  # where it was typed: other keys store it first
        self._show_typed("")
        if selected is None:
            return
        poll, option_id, before = selected
        channel = self.channel
        option = next(o for o in poll.options if o.id == option_id)

        def count_now(stored: PollInfo) -> int:
            count = next(o for o in stored.options if o.id == option_id)
            return count.room if channel is Channel.ZAAL else count.digital

        self.act(
            lambda: self.store.set_count(poll.id, option_id, channel, typed),
            lambda stored: _("{option}: {n} ({channel}).").format(
                option=option.label, n=count_now(stored), channel=label(channel)
            ),
            undo=lambda stored: self._count_step(
                poll.id, option_id, channel, count_now(stored) - before
            ),
        )

    def action_import_votes(self) -> None:
        """Digital pre-votes from a CSV file into the "digitaal vooraf" count, after a look."""
        poll = self.poll
        if poll is None or poll.status is not PollStatus.OPEN:
            return
        from models.files import documents_folder, newest_file
        from models.files.csv_import import SUFFIXES
        from screens.file_work import read_votes
        from screens.widgets.path_dialog import PathDialog

        labels = [o.label for o in poll.options]
        folder = documents_folder()
        newest = newest_file(folder, SUFFIXES)

        def confirm(parsed: VoteImport | None) -> None:
            if parsed is None:
                return
            from screens.widgets.confirm import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog(_vote_import_question(poll, parsed), _("Yes, load")),
                lambda yes: self._import_votes(poll.id, parsed) if yes else None,
            )

        self.app.push_screen(
            PathDialog(
                _("Digital votes for “{question}” from a CSV file").format(question=poll.question),
                str(newest) if newest else f"{folder}{os.sep}",
                lambda path: read_votes(path, labels, poll.method),
                suffixes=SUFFIXES,
                hint=_(
                    "A line per option with its count (columns “keuze” and “aantal”), or a line "
                    "per vote cast, as an online poll exports it. They replace the digital "
                    "votes counted so far."
                ),
                busy=_("Reading the votes…"),
                ok_label=_("Read"),
            ),
            confirm,
        )

    def _import_votes(self, poll_id: int, parsed: VoteImport) -> None:
        from models.files.csv_import import digital_source_text

        source = digital_source_text(parsed.file_name, self.store.now())

        def loaded(poll: PollInfo) -> None:
            # Counts set by hand before the import are not what the room sees any more.
            self.forget(poll_id)
            self.show_result(poll)

        self.act(
            lambda: self.store.import_digital_votes(poll_id, parsed.counts, source),
            _("Digital votes loaded: {n}, recorded as “{source}”.").format(
                n=parsed.total, source=source
            ),
            show=loaded,
        )

    def action_ballot(self) -> None:
        """S: phones vote on this vote openly (the meeting code) or only with a voting card;
        U switches it back (the Store refuses once phones have voted)."""
        poll = self.poll
        if poll is None:
            return
        before = poll.ballot
        chosen = Ballot.OPEN if before is Ballot.STEMKAART else Ballot.STEMKAART
        poll_id = poll.id

        def said(result: PollInfo) -> str:
            if result.ballot is Ballot.STEMKAART:
                return _("From phones only with a voting card (one vote per card).")
            return _("From phones open: anyone with the meeting code, one vote per phone.")

        self.act(
            lambda: self.store.set_poll_ballot(poll_id, chosen),
            said,
            undo=lambda _result: UndoStep(
                lambda: self.store.set_poll_ballot(poll_id, before), about=poll_id
            ),
        )

    def action_other_poll(self, delta: int) -> None:
        if len(self.polls) > 1:
            self.poll_index = (self.poll_index + delta) % len(self.polls)
            self.option_index = 0
            self._show_all()

    def item_changed(self) -> None:
        self.undo_steps.clear()
        self.poll_index = 0
        self.option_index = 0
        self._reload()

    # ------------------------------------------------------- create, declare

    def action_new_poll(self) -> None:
        if self.item_id is None:
            return
        from screens.poll_form import open_poll_form

        open_poll_form(self, self.store, self.item_id, self._poll_created, agenda=self.agenda)

    def _poll_created(self, poll: PollInfo | None) -> None:
        if poll is None:
            return
        self.option_index = 0
        self.undo_steps.clear()
        if poll.agenda_item_id != self.item_id:  # prepared for a later item: stay here
            self.status_line.show_info(prepared_message(self.agenda, poll))
            return
        self._reload(select_poll=poll.id)
        if poll.is_prepared:
            self.status_line.show_info(prepared_message(self.agenda, poll))
            return
        self.status_line.show_info(opened_message(poll))

    def action_open_poll(self) -> None:
        poll = self.poll
        if poll is None or not poll.is_prepared:
            return
        poll_id = poll.id

        def opened(poll: PollInfo) -> None:
            self.show_result(poll)
            self._show_all()  # the rule line now says who is present

        self.act(lambda: self.store.open_poll(poll_id), opened_message, show=opened)

    def action_declare(self) -> None:
        poll = self.poll
        if poll is None or poll.status is not PollStatus.OPEN:
            return
        from screens.widgets.form_dialog import FormDialog, FormField

        # The result the chair declares is the one on the screen: refused when another
        # laptop counted since (the form says so; Esc, and the counts are shown anew).
        seen = counts_of(poll)

        def save(values: dict[str, str]) -> PollInfo:
            return self.store.declare_poll(
                poll.id, decision_text=values["decision"].strip() or None, seen=seen
            )

        def declared(result: PollInfo | None) -> None:
            if result is None:
                self._reload(select_poll=poll.id)  # the counts as they are now
                return
            self.undo_steps.clear()
            self._reload(select_poll=result.id)
            self.status_line.show_info(
                _("Declared — {result}").format(result=result.result_text)
                + (" " + _("The decision is recorded.") if result.decision_id else "")
            )

        self.app.push_screen(
            FormDialog(
                _("Declare the result — {result}").format(result=poll.result_text),
                [
                    FormField(
                        "decision",
                        _("Decision text (leave empty for no decision)"),
                        poll.suggested_decision,
                        multiline=True,
                    )
                ],
                save,
            ),
            declared,
        )

    def action_revote(self) -> None:
        poll = self.poll
        if poll is None or poll.status is PollStatus.OPEN:
            return
        from screens.widgets.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.act(lambda: self.store.revote(poll.id), show=self._poll_created)

        self.app.push_screen(
            ConfirmDialog(
                _("Hold a new vote on “{question}”? The declared vote stays in the record.").format(
                    question=poll.question
                ),
                _("New vote"),
            ),
            answered,
        )

    def action_delete_poll(self) -> None:
        poll = self.poll
        if poll is None or poll.status is not PollStatus.OPEN:
            return
        from screens.widgets.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def deleted(_none: None) -> None:
                self.forget(poll.id)
                self._reload()

            self.act(
                lambda: self.store.delete_poll(poll.id), _("The vote is deleted."), show=deleted
            )

        self.app.push_screen(
            ConfirmDialog(
                _("Delete the vote “{question}” with its counts?").format(question=poll.question),
                _("Delete"),
            ),
            answered,
        )


def _vote_import_question(poll: PollInfo, parsed: VoteImport) -> str:
    """What the file holds, per option, and the question whether to load it."""
    from models.files.csv_import import PER_BALLOT, problem_text, read_text

    if parsed.layout == PER_BALLOT:
        how = _("A line per vote cast (column “{column}”).").format(column=parsed.column)
    else:
        how = _("A count per option.")
    lines = [read_text(parsed.file_name, parsed.table), how, ""]
    lines += [f"  {o.label}: {n}" for o, n in zip(poll.options, parsed.counts, strict=True)]
    if parsed.problems:
        lines += ["", problem_text(parsed.problems, limit=5)]
    replacing = any(o.digital for o in poll.options)
    lines += [
        "",
        _("Replace the digital votes counted so far with these?")
        if replacing
        else _("Load these digital votes?"),
    ]
    return "\n".join(lines)
