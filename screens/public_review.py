"""The review of the public version (W → public on the minutes screen), before the file is written.

Every replacement and every doubtful spot of the public minutes, with where it is and the
sentence around it before and after (``models.public_review``). The facilitator accepts a
spot, undoes a replacement (the words stay as typed), or marks the words as the name of a
person of the process or of somebody on no list ("meneer Pietersen" → "een bewoner"). Each
choice is one Store call, kept with the meeting: the next export and the beamer use it, and a
sentence changed later comes back for review. W writes the Word file as the list shows it;
Esc goes back without writing.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Click, Key
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from models.domain import ReviewAnswer
from models.i18n import _
from models.rules.naming import SpotKind
from screens.acting import ActingScreen
from screens.keys import key_now_label
from screens.widgets.key_bar import KeyBar
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from models.public_review import Review
    from models.rules.naming import Spot
    from models.store import Store

#: Answers of the "whose name is it?" question: a key per person (1–9), x for nobody known.
_PERSON_KEYS = "123456789"
_NOBODY = "nobody"


class PublicReviewScreen(ActingScreen[bool]):
    """The review list; dismissed with True when the facilitator asks to write the file."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP_TITLE = _("Review of the public version")
    HELP_INTRO = _(
        "Before the public minutes are written, this list shows every name BaZ replaces and "
        "every spot it doubts (a surname that is also a word, a first name that more people "
        "share, a name after “meneer” or “mevrouw” of somebody on no list), e-mail addresses "
        "and phone numbers too. Below the list: the sentence as typed and as the public "
        "version shows it. A accepts, U keeps the words as typed, N marks them as a name, "
        "Del takes your choice back. Your choices are kept with the meeting: the beamer and "
        "the next export use them, and a sentence that is changed later is asked again. "
        "W writes the Word file; Esc goes back without writing."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "a",
            "choose('accept')",
            _("Accept"),
            id="review.accept",
            tooltip=_("Leave the selected spot as BaZ proposes it (a doubtful word stays)"),
        ),
        Binding(
            "u",
            "choose('keep')",
            _("Undo"),
            id="review.keep",
            tooltip=_("Undo the replacement: the public version shows the words as typed"),
        ),
        Binding(
            "n",
            "mark_name",
            _("Name"),
            id="review.name",
            tooltip=_(
                "The words are a name: of a person of the process, or of somebody on no list"
            ),
        ),
        Binding(
            "delete,backspace",
            "forget",
            _("Clear choice"),
            id="review.forget",
            tooltip=_("Take your choice back: as BaZ proposes, and to be reviewed again"),
        ),
        Binding(
            "f",
            "toggle_filter",
            _("Filter"),
            id="review.filter",
            tooltip=_("Show only the doubtful spots, or every spot"),
        ),
        Binding(
            "w",
            "write",
            _("Word"),
            id="review.write",
            tooltip=_("Write the public Word file as this list shows it"),
        ),
        Binding(
            "escape",
            "back",
            _("Back"),
            id="review.back",
            tooltip=_("Back to the minutes without writing"),
        ),
    ]

    #: Show only the doubtful spots.
    only_doubts: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, store: Store, meeting_id: int) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.review: Review | None = None
        self.rows: list[Spot] = []
        self._answered = False

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Review of the public version")), id="review-title")
        yield Static(Text("⏳ " + _("Reading the minutes…")), id="review-summary")
        yield DataTable(id="review-spots", cursor_type="row", zebra_stripes=True)
        yield Static(id="review-detail")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Review of the public version")
        table = self.query_one("#review-spots", DataTable)
        where, words = _column_widths(self.app.size.width)
        table.add_column("", key="sign", width=1)
        table.add_column(_("Where"), key="where", width=where)
        table.add_column(_("Found"), key="found", width=words)
        table.add_column(_("Public version"), key="shown", width=words)
        table.add_column(_("What BaZ did"), key="kind", width=15)
        table.focus()
        meeting = self.read(lambda: self.store.get_meeting(self.meeting_id))
        if meeting is None:
            return
        title = _("Review of the public version — {title}").format(title=meeting.title)
        self.query_one("#review-title", Static).update(Text(title))
        self._load()

    # ---------------------------------------------------------------- reading

    @work(exclusive=True, group="review")
    async def _load(self, keep: str | None = None) -> None:
        """Build the review off the UI thread (it builds the whole public minutes), and show it
        here, on the UI thread. A refusal is shown by the app's one handler."""
        self._show(await asyncio.to_thread(_build_review, self.store, self.meeting_id), keep)

    def _show(self, review: Review, keep: str | None = None) -> None:
        from models.public_review import summary_text

        self.review = review
        self.query_one("#review-summary", Static).update(Text(summary_text(review) + "."))
        table = self.query_one("#review-spots", DataTable)
        keep = keep or (self.selected.key if self.selected is not None else None)
        self.rows = [s for s in review.spots if s.doubtful or not self.only_doubts]
        table.clear()
        for spot in self.rows:
            table.add_row(*_cells(spot), key=spot.key)
        keys = [s.key for s in self.rows]
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        elif keys and keep is None and review.open:
            # First look at what needs a choice.
            first_open = next((s.key for s in self.rows if s in review.open), keys[0])
            table.move_cursor(row=keys.index(first_open))
        self._show_detail()
        if not review.spots:
            self.status_line.show_info(
                _("Nothing to replace or doubt: W writes the public version.")
            )
        self.refresh_bindings()

    @property
    def selected(self) -> Spot | None:
        table = self.query_one("#review-spots", DataTable)
        row = table.cursor_row
        return self.rows[row] if self.rows and 0 <= row < len(self.rows) else None

    @on(DataTable.RowHighlighted, "#review-spots")
    def _highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        from models.public_review import choice_text, reason_text

        detail = self.query_one("#review-detail", Static)
        spot = self.selected
        if spot is None:
            detail.update("")
            return
        text = Text()
        text.append(_("Where: "), style="bold")
        text.append(spot.where + "\n")
        text.append(_("Why: "), style="bold")
        text.append(reason_text(spot))
        if spot.choice is not None:
            text.append("  ")
            text.append(_("Your choice: {choice}").format(choice=choice_text(spot)), style="bold")
        text.append("\n")
        text.append(_("Typed: "), style="bold")
        text.append(spot.sentence + "\n")
        text.append(_("Public: "), style="bold")
        text.append(spot.sentence_shown)
        detail.update(text)

    def watch_only_doubts(self) -> None:
        if self.review is not None:
            self._show(self.review)

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        spot = self.selected
        if action in ("choose", "mark_name"):
            if spot is None:
                return None
            if spot.kind is SpotKind.CONTACT:
                # An e-mail address or phone number never goes public; it can only be accepted.
                return True if action == "choose" and parameters == ("accept",) else None
            return True
        if action == "forget":
            return True if spot is not None and spot.choice is not None else None
        if action == "write":
            return True if self.review is not None else None
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str:
        """Why a key of this list cannot act now (see ``screens.key_reasons``)."""
        spot = self.selected
        if action == "write":
            return _("The list is still being read; W works once it is there.")
        if spot is None:
            return _("Choose a spot in the list first (↑ ↓).")
        if action == "forget":
            return _("Nothing was chosen for this spot.")
        return _("An e-mail address or phone number never goes public: A accepts that.")

    @on(Key)
    def _answer_a_key_that_cannot_act(self, event: Key) -> None:
        from screens.key_reasons import refused_action

        refused = refused_action(self, event.key)
        if refused is not None:
            self.status_line.show_hint(self.why_not(*refused))

    def action_choose(self, answer: str) -> None:
        spot = self.selected
        if spot is None:
            return
        self._record(spot, ReviewAnswer(answer))

    def action_mark_name(self) -> None:
        from models.public_review import marked_name

        spot, review = self.selected, self.review
        if spot is None or review is None or spot.kind is SpotKind.CONTACT:
            return
        people = [review.people[i] for i in spot.candidates if i in review.people]
        answers = [
            (str(person.id), key, f"{person.name} → {person.shown}")
            for key, person in zip(_PERSON_KEYS, people, strict=False)
        ]
        word = marked_name(spot)
        answers.append(
            (_NOBODY, "x", _("somebody on no list: “{name}” → “{label}”").format(
                name=word, label=_("a resident")
            ))
        )  # fmt: skip

        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            if answer == _NOBODY:
                self._record(spot, ReviewAnswer.NAME, word=word)
            else:
                self._record(spot, ReviewAnswer.NAME, attendee_id=int(answer))

        self.app.push_screen(
            WhoseNameDialog(_("Whose name is “{found}”?").format(found=spot.found), answers),
            chosen,
        )

    def _record(
        self, spot: Spot, answer: ReviewAnswer, *, attendee_id: int | None = None, word: str = ""
    ) -> None:
        self.act(
            lambda: self.store.choose_in_review(
                self.meeting_id, spot.key, answer, attendee_id=attendee_id, word=word
            ),
            _("“{found}”: {choice}.").format(found=spot.found, choice=_answer_text(answer)),
            show=lambda _none: self._next_after(spot),
        )

    def _next_after(self, spot: Spot) -> None:
        """Read the review again (a choice can change other spots) and go to the next one
        that still needs a choice, or stay."""
        keys = [s.key for s in self.rows]
        index = keys.index(spot.key) if spot.key in keys else -1
        later = [s for s in self.rows[index + 1 :] if s.doubtful and s.choice is None]
        self._load(later[0].key if later else spot.key)

    def action_forget(self) -> None:
        spot = self.selected
        if spot is None or spot.choice is None:
            return
        self.act(
            lambda: self.store.forget_review_choice(self.meeting_id, spot.key),
            _("“{found}”: as BaZ proposes it, to be reviewed again.").format(found=spot.found),
            show=lambda _none: self._load(spot.key),
        )

    def action_toggle_filter(self) -> None:
        self.only_doubts = not self.only_doubts

    def action_write(self) -> None:
        if self.review is None or self._answered:
            return
        self._answered = True
        self.dismiss(True)

    def action_back(self) -> None:
        if self._answered:
            return
        self._answered = True
        self.dismiss(False)


class WhoseNameDialog(ModalScreen[str | None]):
    """ "Whose name is it?": the people it may be and "somebody on no list", one per line (a
    line each, so that long names fit at 80 columns), each with its own key; Esc cancels."""

    DEFAULT_CSS = """
    WhoseNameDialog {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 100%;
            height: auto;
            border: thick $primary;
            background: $surface;
            padding: 1 2;
        }
        & #whose-question { margin-bottom: 1; text-style: bold; }
        & .whose-answer { width: 100%; }
        & #whose-cancel { margin-top: 1; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            _("Cancel"),
            show=True,
            tooltip=_("Choose nothing"),
            id="whose_name.cancel",
        )
    ]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), id="whose-question")
            for value, key, text in self.answers:
                line = Text()
                line.append(f" {key.upper()} ", style="reverse bold")
                line.append(f"  {text}")
                yield Static(line, classes="whose-answer", id=f"whose-{value}")
            cancel = Text()
            key = key_now_label(self.app, self.BINDINGS, "whose_name.cancel")
            cancel.append(f" {key} ", style="reverse bold")
            cancel.append("  " + _("Cancel"))
            yield Static(cancel, id="whose-cancel")

    def on_key(self, event: Key) -> None:
        for value, key, _text in self.answers:
            if event.key == key:
                event.stop()
                self._answer(value)
                return

    def on_click(self, event: Click) -> None:
        widget = event.widget
        if widget is not None and (widget.id or "").startswith("whose-"):
            value = (widget.id or "").removeprefix("whose-")
            if value == "cancel":
                self._answer(None)
            elif any(value == v for v, _k, _t in self.answers):
                self._answer(value)

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, value: str | None) -> None:
        if self._answered:  # a dialog answers once, however fast keys come
            return
        self._answered = True
        self.dismiss(value)


def _build_review(store: Store, meeting_id: int) -> Review:
    """The review of the meeting's public version: work for a thread (no widget)."""
    from models.public_review import build_review

    return build_review(store, meeting_id)


def _column_widths(width: int) -> tuple[int, int]:
    """The widths of "where" and of each of "found" and "public version" for a terminal this
    wide: what the sign and "what BaZ did" (16 cells), the cell padding, the margins and the
    scrollbar leave, a third to each at 80 columns and more to "where" beyond."""
    room = max(48, width - 30)
    words = min(30, max(16, (room * 3) // 10))
    return room - 2 * words, words


def _answer_text(answer: ReviewAnswer) -> str:
    from models.domain import label

    return label(answer)


def _cells(spot: Spot) -> tuple[Text, ...]:
    from models.public_review import kind_text

    if spot.choice is not None:
        sign = Text("✓", style="bold")
    elif spot.doubtful:
        sign = Text("?", style="bold reverse")
    else:
        sign = Text("•")
    return (
        sign,
        # The item's title is in the detail below; the column says which item and field.
        Text(re.sub(r"\s*“[^”]*”", "", spot.where), no_wrap=True, overflow="ellipsis"),
        Text(spot.found, no_wrap=True, overflow="ellipsis"),
        Text(spot.shown, no_wrap=True, overflow="ellipsis"),
        Text(kind_text(spot), no_wrap=True, overflow="ellipsis"),
    )
