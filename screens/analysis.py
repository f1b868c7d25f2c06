"""Problem analysis (F4): residents name the core problem, its causes and effects, and choose
what to do about it.

The tree is shown as one list in the order people read a problem tree aloud: the effects above,
the core problem in the middle, the causes below, then the ideas ranked by dots. Each card is
one line with its place in the tree drawn by guides, so it fits at 80×24.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, Paste
from textual.widgets import Static

from models.domain import CardKind, Presence, label
from models.errors import BazError
from models.i18n import _, ngettext
from screens.acting import UndoStep
from screens.meeting_base import (
    ITEM_BINDINGS,
    NAVIGATION_BINDINGS,
    ItemScreen,
)
from screens.widgets.key_bar import KeyBar
from screens.widgets.quiet import show
from screens.widgets.request_line import RequestLine
from screens.widgets.status_line import StatusLine
from screens.widgets.tree_list import TreeList, TreeRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.records.analysis import AnalysisState, CardInfo
    from models.records.polls import PollInfo
    from models.records.room import PhoneCardInfo
    from models.store import Store

#: The sign of each kind of card, so the kind is readable without colour.
KIND_SIGNS = {
    CardKind.KERNPROBLEEM: "■",
    CardKind.OORZAAK: "▼",
    CardKind.GEVOLG: "▲",
    CardKind.OPLOSSING: "✱",
}


def _idle_prompt() -> str:
    return _("K core, O cause, G effect, I idea, S under the card: then type")


def _new_card_prompt(kind: CardKind, under: str) -> str:
    """What the card line says while a new card is typed."""
    if under:
        return _("New {kind} under “{parent}”: type it, Enter adds, Esc stops").format(
            kind=label(kind), parent=under
        )
    return _("New {kind}: type it, Enter adds, Esc stops").format(kind=label(kind))


def dot_signs(dots: int) -> str:
    """Dots as signs and a number: "●●● 3"."""
    return ("●" * min(dots, 10) + ("…" if dots > 10 else "") + f" {dots}") if dots else "· 0"


def card_line(card: CardInfo, guide: str, ranks: dict[int, int]) -> Text:
    """One card: tree guide, kind sign, text, then dots and rank, author, links."""
    text = Text(guide)
    text.append(KIND_SIGNS[card.kind] + " ", style="bold")
    text.append(card.text)
    if card.kind is CardKind.OPLOSSING or card.dots:
        text.append("  " + dot_signs(card.dots), style="bold")
    if card.id in ranks and card.dots:
        text.append(" · #" + str(ranks[card.id]), style="bold")
    if card.author_name:
        text.append("  — " + card.author_name, style="italic")
    if card.action_item_id is not None:
        text.append("  → " + _("action point"), style="bold")
    if card.poll_id is not None:
        text.append("  → " + _("vote"), style="bold")
    return text


def tree_rows(state: AnalysisState, *, hints: bool) -> list[tuple[Text, int | None]]:
    """The tree as lines in the order a problem tree is read aloud: effects above, the core
    problem, causes below, then the ideas; each with its card id (None for a heading).

    ``hints`` names the key that adds a missing part (the chair's screen); without them the
    lines only say what is missing (the beamer).
    """
    ranks = {r.card.id: r.rank for r in state.ranked_ideas}
    rows: list[tuple[Text, int | None]] = []

    def heading(text: str) -> None:
        rows.append((Text(text, style="bold underline"), None))

    def missing(hint: str, plain: str) -> None:
        heading("   " + (hint if hints else plain))

    def cards(nodes: tuple[CardInfo, ...], prefix: str) -> None:
        # A stack of its own, not recursion: how deep a tree goes comes from the data.
        stack = [(prefix, nodes, 0)]
        while stack:
            at, siblings, index = stack.pop()
            if index >= len(siblings):
                continue
            card = siblings[index]
            last = index == len(siblings) - 1
            rows.append((card_line(card, at + ("└ " if last else "├ "), ranks), card.id))
            stack.append((at, siblings, index + 1))
            under = card.children_of_kind(card.kind)
            if under:
                stack.append((at + ("  " if last else "│ "), under, 0))

    heading("▲ " + _("Effects (what the problem leads to)"))
    cards(state.effects, "")
    if not state.effects:
        missing(_("none yet — G adds one"), _("none yet"))
    heading("■ " + _("Core problem"))
    if state.core is not None:
        rows.append((card_line(state.core, "", ranks), state.core.id))
    else:
        missing(_("not named yet — K names it"), _("not named yet"))
    heading("▼ " + _("Causes (where the problem comes from)"))
    cards(state.causes, "")
    if not state.causes:
        missing(_("none yet — O adds one"), _("none yet"))
    heading("✱ " + _("Ideas (what we can do about it)"))
    for index, card in enumerate(state.ideas):
        last = index == len(state.ideas) - 1
        rows.append((card_line(card, "└ " if last else "├ ", ranks), card.id))
    if not state.ideas:
        missing(_("none yet — I adds one"), _("none yet"))
    return rows


def ranking_text(state: AnalysisState) -> Text:
    """The ideas by dots (equal dots share a rank), then the dots left and placed."""
    text = Text()
    if not state.ranked_ideas:
        text.append(_("No ideas yet."))
    for ranked in state.ranked_ideas:
        text.append(f"{ranked.rank:>2}. ", style="bold")
        text.append(ranked.card.text)
        text.append("  " + dot_signs(ranked.card.dots) + "\n", style="bold")
    text.append("\n")
    text.append(
        ngettext("{n} dot left", "{n} dots left", state.dots_left).format(n=state.dots_left),
        style="bold",
    )
    text.append(
        "\n"
        + ngettext(
            "{used} of {allowed} placed: {each} each for {people} participant",
            "{used} of {allowed} placed: {each} each for {people} participants",
            state.participants,
        ).format(
            used=state.dots_used,
            allowed=state.dots_allowed,
            each=state.dots_per_participant,
            people=state.participants,
        )
    )
    return text


class AnalysisScreen(ItemScreen):
    """The problem tree of one agenda item, built by keys."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    SCREEN_NAME = "analysis"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    HELP_TITLE = _("Problem analysis")
    HELP_INTRO = _(
        "K names the core problem. O adds a cause, G an effect, I an idea; S adds a card under "
        "the selected one (a sub-cause, a further effect). E changes the text or the author, M "
        "moves a card under another, Delete removes it with its sub-cards (U takes it back). "
        "+ and - place and take back dots on ideas; the ranking and the dots left are always "
        "shown. A turns the selected idea into an action point, V into a proposal to vote on."
    )

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding(
            "k",
            "core",
            _("Core problem"),
            show=True,
            tooltip=_("Name the core problem"),
            id="analysis.core_problem",
        ),
        Binding(
            "o",
            "add('oorzaak')",
            _("Cause"),
            show=True,
            tooltip=_("Add a cause"),
            id="analysis.add_cause",
        ),
        Binding(
            "g",
            "add('gevolg')",
            _("Effect"),
            show=True,
            tooltip=_("Add an effect"),
            id="analysis.add_effect",
        ),
        Binding(
            "i",
            "add('oplossing')",
            _("Idea"),
            show=True,
            tooltip=_("Add a solution idea"),
            id="analysis.add_idea",
        ),
        Binding(
            "s",
            "add_child",
            _("Sub-card"),
            show=True,
            tooltip=_("Add a card under the selected one (a sub-cause, a further effect)"),
            id="analysis.add_child",
        ),
        Binding(
            "e,enter",
            "edit",
            _("Edit"),
            show=True,
            tooltip=_("Change text or author"),
            id="analysis.edit",
        ),
        Binding(
            "m",
            "move",
            _("Move"),
            show=False,
            tooltip=_("Put the selected card under another card"),
            id="analysis.move",
        ),
        Binding(
            "delete",
            "delete",
            _("Delete"),
            show=True,
            tooltip=_("Delete the card and its sub-cards"),
            id="analysis.delete",
        ),
        Binding(
            "plus,equals_sign",
            "dot(1)",
            _("Dot on"),
            show=True,
            tooltip=_("Place a dot"),
            id="analysis.add_dot",
        ),
        Binding(
            "minus",
            "dot(-1)",
            _("Dot off"),
            show=True,
            tooltip=_("Take a dot back"),
            id="analysis.remove_dot",
        ),
        Binding(
            "a",
            "to_action",
            _("Action"),
            show=True,
            tooltip=_("Turn the selected idea into an action point (what, who, when)"),
            id="analysis.to_action_point",
        ),
        Binding(
            "v",
            "to_poll",
            _("Vote"),
            show=True,
            tooltip=_("Turn the selected idea into a proposal to vote on (F5)"),
            id="analysis.to_vote",
        ),
        Binding(
            "d",
            "dots_setting",
            _("Dots each"),
            show=False,
            tooltip=_("Set how many dots each participant may place"),
            id="analysis.dots_setting",
        ),
        Binding(
            "shift+up",
            "reorder(-1)",
            _("Up"),
            show=False,
            tooltip=_("Move the card up"),
            id="analysis.move_up",
        ),
        Binding(
            "shift+down",
            "reorder(1)",
            _("Down"),
            show=False,
            tooltip=_("Move the card down"),
            id="analysis.move_down",
        ),
        Binding(
            "u,ctrl+z",
            "undo",
            _("Undo"),
            show=True,
            tooltip=_("Bring back what was deleted"),
            id="analysis.undo",
        ),
        # T (telefoon): the line above the tree names it when cards from phones wait.
        Binding(
            "t",
            "phone_inbox",
            _("Phone cards"),
            show=False,
            tooltip=_("Cards handed in from phones: take them into the tree or decline them"),
            id="analysis.phone_inbox",
        ),
        *ITEM_BINDINGS,
        *NAVIGATION_BINDINGS,
        # While a card is typed in the line under the tree (see on_key).
        Binding(
            "enter",
            "card_submit",
            _("Add"),
            show=True,
            tooltip=_("Add the typed card"),
            id="analysis.card_submit",
        ),
        Binding(
            "escape",
            "card_cancel",
            _("Stop"),
            show=True,
            tooltip=_("Stop typing a card"),
            id="analysis.card_cancel",
        ),
    ]

    def __init__(self, store: Store, meeting_id: int, item_id: int | None = None) -> None:
        super().__init__(store, meeting_id, item_id)
        self.state: AnalysisState | None = None
        #: The tree, and the line a new card is typed into (kept: every key asks for them).
        self._tree = TreeList(_("Problem tree"), id="tree")
        self._line = RequestLine(_idle_prompt(), id="card-line")
        #: The cards of the state shown, by id (the keys' checks look up the selected card).
        self._cards: dict[int, CardInfo] = {}
        self._save_typed: Callable[[str], AnalysisState] | None = None
        #: The cards from phones that wait for the item shown (``room_inbox``), oldest first.
        self.inbox: tuple[PhoneCardInfo, ...] = ()

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static(id="item-line")
        yield Static(id="inbox-line")
        with Horizontal(id="body"):
            yield self._tree
            with Vertical(id="side"):
                yield Static(_("Ideas by dots"), id="ranking-title")
                yield Static(id="ranking")
        yield self._line
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = _("Problem analysis")
        meeting = self.load_meeting()
        if meeting is None:
            return
        self.show_meeting(meeting)
        error = self.load_agenda()
        if error:
            self.status_line.show_error(error)
        self._reload()
        self._tree.focus()

    # --------------------------------------------------------------- reading

    def follow_changes(self) -> None:
        self._reload()

    def _reload(self) -> None:
        if self.item_id is None:
            show(self.query_one("#item-line", Static), self.item_title())
            self._show_inbox(())
            return
        item_id = self.item_id
        state = self.read(lambda: self.store.analysis_state(item_id))
        if state is not None:
            self._show(state)
        self._read_inbox()

    def _read_inbox(self) -> None:
        item_id = self.item_id
        if item_id is not None:
            self._show_inbox(self.read(lambda: self.store.room_inbox(item_id)) or ())

    def _show_inbox(self, inbox: tuple[PhoneCardInfo, ...]) -> None:
        """Say how many cards from phones wait (a line that is there only when some do)."""
        from screens.keys import key_now_label
        from screens.phone_inbox import waiting_text

        before, self.inbox = self.inbox, inbox
        line = self.query_one("#inbox-line", Static)
        if inbox:
            key = key_now_label(self.app, self.BINDINGS, "analysis.phone_inbox")
            show(line, Text("✉ " + waiting_text(len(inbox), key), style="bold"))
        line.set_class(bool(inbox), "-waiting")
        if bool(before) != bool(inbox):
            self.update_keys()

    def _show(self, state: AnalysisState, select: int | None = None) -> None:
        """Draw a state the Store returned; keep the cursor on ``select`` or the same card."""
        keep = select if select is not None else self.selected_id
        self.state = state
        self._cards = {card.id: card for _depth, card in state.flat()}
        line = self.item_title()
        line.append("  │  ")
        line.append(
            _("dots left: {left} of {allowed} ({each} each)").format(
                left=state.dots_left, allowed=state.dots_allowed, each=state.dots_per_participant
            )
        )
        show(self.query_one("#item-line", Static), line)
        self._tree.show_rows(
            [TreeRow(card_id, text) for text, card_id in tree_rows(state, hints=True)], keep
        )
        self._fill_ranking(state)
        self.update_keys()

    def _fill_ranking(self, state: AnalysisState) -> None:
        show(self.query_one("#ranking", Static), ranking_text(state))

    @property
    def selected_id(self) -> int | None:
        return self._tree.selected_card

    @property
    def selected(self) -> CardInfo | None:
        card_id = self.selected_id
        return self._cards.get(card_id) if card_id is not None else None

    @on(TreeList.Highlighted)
    def _highlighted(self) -> None:
        self.update_keys()
        card = self.selected
        if card is not None and len(card.text) > self._tree.size.width - 8:
            # Cut in the tree: the whole card where the eye goes next.
            self.status_line.show_hint(f"{KIND_SIGNS[card.kind]} {card.text}")

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self._line.typing
        if action in ("card_submit", "card_cancel"):
            return typing
        if action == "phone_inbox" and not typing:
            return True if self.inbox else None
        if typing and action not in ("show", "show_on_beamer", "help"):
            return False  # the keys type the card now: not shown
        if self.state is None or self.item_id is None:
            return super().check_action(action, parameters)
        card = self.selected
        if action in ("edit", "delete", "move", "reorder"):
            return True if card is not None else None
        if action == "add_child":
            return True if card is not None and card.kind is not CardKind.OPLOSSING else None
        if action == "dot":
            return True if card is not None and card.kind is not CardKind.KERNPROBLEEM else None
        if action in ("to_action", "to_poll"):
            return True if card is not None and card.kind is CardKind.OPLOSSING else None
        return super().check_action(action, parameters)

    def show_result(self, result: AnalysisState) -> None:
        """Show the tree an action returned, the cursor on the card it touched."""
        self._show(result, select=result.touched_card_id)

    def _card_form(
        self,
        title: str,
        save: Callable[[str, int | None], AnalysisState],
        text: str = "",
        author_id: int | None = None,
    ) -> None:
        """Ask for a card's text and (optionally) its author; anonymous unless chosen."""
        from screens.widgets.form_dialog import FormDialog, FormField

        try:
            people = [
                (str(a.id), a.name)
                for a in self.store.list_attendees(self.meeting_id)
                if a.presence is Presence.AANWEZIG or a.id == author_id
            ]
        except BazError:
            people = []
        fields = [
            FormField("text", _("Text of the card"), text),
            FormField(
                "author",
                _("Author (anonymous unless you choose someone)"),
                str(author_id or 0),
                options=[("0", _("anonymous"))] + people,
            ),
        ]

        def saved(values: dict[str, str]) -> AnalysisState:
            author = int(values["author"] or 0) or None
            return save(values["text"], author)

        def done(state: AnalysisState | None) -> None:
            if state is not None:
                self._show(state, select=state.touched_card_id)
                self.status_line.show_info(_("Saved."))

        self.app.push_screen(FormDialog(title, fields, saved), done)

    # ------------------------------------------------------- typing a new card

    def _type_card(self, prompt: str, save: Callable[[str], AnalysisState], text: str = "") -> None:
        """Type a card in the line under the tree; the focus stays on the tree.

        A new card is typed where the tree is, not in a dialog: opening and closing a dialog
        redraws the whole screen twice, more than a frame on a big meeting. Enter adds it,
        Esc stops; the author (anonymous by default) is chosen afterwards with E.
        """
        self._save_typed = save
        self._line.start(prompt)
        if text:
            self._line.paste(text)
        self.update_keys()

    def _stop_typing(self, *, keys: bool = True) -> None:
        """Back from typing a card to the tree; ``keys=False`` when the tree is drawn right
        after (which brings the keys up to date: once per key press is enough)."""
        self._save_typed = None
        self._line.stop(_idle_prompt())
        if keys:
            self.update_keys()

    def action_card_submit(self) -> None:
        save, typed = self._save_typed, self._line.value.strip()
        if save is None:
            return
        if not typed:
            self._stop_typing()
            return

        def saved(state: AnalysisState) -> None:
            self._stop_typing(keys=False)  # refused, the text stays in the line, to correct it
            self.show_result(state)

        self.act(lambda: save(typed), _("Saved: {text}").format(text=typed), show=saved)

    def action_card_cancel(self) -> None:
        self._stop_typing()

    def on_key(self, event: Key) -> None:
        """While a card is typed, its keys go to the line (and not to the keys of the tree)."""
        line = self._line
        if not line.typing:
            return
        if event.key == "enter":
            self.action_card_submit()
        elif event.key == "escape":
            self.action_card_cancel()
        elif not line.type_key(event):
            return  # F-keys, arrows: as always
        event.stop()
        event.prevent_default()

    def on_paste(self, event: Paste) -> None:
        if self._line.typing:
            self._line.paste(event.text)
            event.stop()

    @on(RequestLine.Clicked)
    def _line_clicked(self) -> None:
        if not self._line.typing and self.state is not None:
            self.action_add(CardKind.OORZAAK.value)

    def action_core(self) -> None:
        assert self.item_id is not None and self.state is not None
        item_id, core = self.item_id, self.state.core
        if core is not None:
            self._type_card(
                _("The core problem (change it): Enter saves, Esc stops"),
                lambda text: self.store.update_card(core.id, text=text),
                core.text,
            )
        else:
            self._type_card(
                _("The core problem: type it, Enter saves, Esc stops"),
                lambda text: self.store.add_card(item_id, CardKind.KERNPROBLEEM, text),
            )

    def action_add(self, kind: str) -> None:
        assert self.item_id is not None and self.state is not None
        item_id, card_kind = self.item_id, CardKind(kind)
        parent = self.state.core.id if self.state.core is not None else None
        under = ""
        if card_kind is CardKind.OPLOSSING:
            # An idea typed while a cause is selected tackles that cause.
            selected = self.selected
            if selected is not None and selected.kind is CardKind.OORZAAK:
                parent, under = selected.id, selected.text
        self._type_card(
            _new_card_prompt(card_kind, under),
            lambda text: self.store.add_card(item_id, card_kind, text, parent_id=parent),
        )

    def action_add_child(self) -> None:
        card = self.selected
        if card is None or self.item_id is None or card.kind is CardKind.OPLOSSING:
            return
        item_id = self.item_id
        if card.kind is CardKind.KERNPROBLEEM:
            from screens.widgets.choice import ChoiceDialog

            def chosen(answer: str | None) -> None:
                if answer:
                    self.action_add(answer)

            self.app.push_screen(
                ChoiceDialog(
                    _("What do you add under the core problem?"),
                    [
                        (CardKind.OORZAAK.value, "o", label(CardKind.OORZAAK)),
                        (CardKind.GEVOLG.value, "g", label(CardKind.GEVOLG)),
                        (CardKind.OPLOSSING.value, "i", label(CardKind.OPLOSSING)),
                    ],
                ),
                chosen,
            )
            return
        self._type_card(
            _new_card_prompt(card.kind, card.text),
            lambda text: self.store.add_card(item_id, card.kind, text, parent_id=card.id),
        )

    def action_edit(self) -> None:
        card = self.selected
        if card is None:
            return
        self._card_form(
            _("Change card: {kind}").format(kind=label(card.kind)),
            lambda text, author: self.store.update_card(
                card.id, text=text, author_attendee_id=author
            ),
            card.text,
            card.author_attendee_id,
        )

    def action_delete(self) -> None:
        card = self.selected
        if card is None:
            return
        from screens.widgets.confirm import ConfirmDialog

        count = sum(1 for _card in card.walk())

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.act(
                lambda: self.store.delete_card(card.id),
                _("Deleted (U brings it back)."),
                show=lambda deleted: self._show(deleted[0]),
                undo=lambda deleted: UndoStep(lambda: self.store.restore_cards(deleted[1])),
            )

        question = _("Delete “{text}”?").format(text=card.text)
        if count > 1:
            question += " " + ngettext(
                "{n} sub-card goes with it.", "{n} sub-cards go with it.", count - 1
            ).format(n=count - 1)
        self.app.push_screen(ConfirmDialog(question, _("Delete")), answered)

    def action_move(self) -> None:
        card = self.selected
        if card is None or self.state is None:
            return
        from screens.widgets.form_dialog import FormDialog, FormField

        # Offer only the places the rules allow (never the card itself or its own sub-cards).
        options = [
            ("top", _("(at the top, under nothing)"))
            if place is None
            else (str(place.id), f"{KIND_SIGNS[place.kind]} {place.text}")
            for place in self.state.places_for(card.id)
        ]
        if not options:
            self.status_line.show_error(_("This card has nowhere else to go."))
            return

        def saved(values: dict[str, str]) -> AnalysisState:
            target = values["parent"]
            return self.store.move_card(card.id, None if target in ("", "top") else int(target))

        def done(state: AnalysisState | None) -> None:
            if state is not None:
                self._show(state, select=card.id)
                self.status_line.show_info(_("Moved."))

        self.app.push_screen(
            FormDialog(
                _("Move “{text}” under:").format(text=card.text),
                [
                    FormField(
                        "parent",
                        _("New place"),
                        str(card.parent_id or "top"),
                        options=options,
                    )
                ],
                saved,
            ),
            done,
        )

    def action_reorder(self, delta: int) -> None:
        card = self.selected
        if card is not None:
            self.act(lambda: self.store.reorder_card(card.id, delta))

    def action_dot(self, delta: int) -> None:
        card = self.selected
        if card is None:
            return
        state = self.act(lambda: self.store.add_dots(card.id, delta))
        if state is None:
            return
        shown = self._cards.get(card.id)
        dots = shown.dots if shown is not None else 0
        left = state.cause_dots_left if card.kind is CardKind.OORZAAK else state.dots_left
        # What the key did, in words: the row shows the dots, this says on which card.
        self.status_line.show_info(
            ngettext(
                "{n} dot on “{text}”; {left} left.",
                "{n} dots on “{text}”; {left} left.",
                dots,
            ).format(n=dots, text=card.text, left=left)
        )

    def action_dots_setting(self) -> None:
        if self.item_id is None or self.state is None:
            return
        from screens.widgets.form_dialog import FormDialog, FormField

        item_id = self.item_id

        def saved(values: dict[str, str]) -> AnalysisState:
            from models.rules.validation import whole_number

            each = whole_number(values["each"], _("The number of dots"), low=1, high=20)
            return self.store.set_dots_per_participant(item_id, each)

        def done(state: AnalysisState | None) -> None:
            if state is not None:
                self._show(state)

        self.app.push_screen(
            FormDialog(
                _("Dots per participant"),
                [FormField("each", _("Dots each (1–20)"), str(self.state.dots_per_participant))],
                saved,
            ),
            done,
        )

    def action_to_action(self) -> None:
        card = self.selected
        if card is None or card.kind is not CardKind.OPLOSSING or self.item_id is None:
            return
        from screens.minutes_forms import open_action_form

        def done(_result: object) -> None:
            self._reload()
            if _result is not None:
                self.status_line.show_info(
                    _("Action point {label} recorded; it appears in the minutes (F6).").format(
                        label=getattr(_result, "label", "")
                    )
                )

        open_action_form(
            self,
            self.store,
            self.meeting_id,
            done,
            item_id=self.item_id,
            what=card.text,
            source_card_id=card.id,
        )

    def action_to_poll(self) -> None:
        card = self.selected
        if card is None or card.kind is not CardKind.OPLOSSING or self.item_id is None:
            return
        from screens.poll_form import open_poll_form

        def done(poll: PollInfo | None) -> None:
            if poll is None:
                return
            if poll.is_prepared:  # for when its item comes: the chair stays with the ideas
                from screens.votes import prepared_message

                self.status_line.show_info(prepared_message(self.agenda, poll))
            else:
                self.action_show("votes")

        open_poll_form(
            self,
            self.store,
            self.item_id,
            done,
            question=card.text,
            source_card_id=card.id,
            agenda=self.agenda,
        )

    # -------------------------------------------------------- cards from phones

    def action_phone_inbox(self) -> None:
        """T: the cards from phones that wait; the one answered is taken in or declined
        (through ``act``: U takes it back), then the inbox shows the rest."""
        if not self.inbox:
            return
        from screens.phone_inbox import PhoneInboxDialog

        self.app.push_screen(PhoneInboxDialog(self.inbox), self._inbox_answered)

    def _inbox_answered(self, answer: tuple[str, PhoneCardInfo] | None) -> None:
        if answer is None:
            return
        what, card = answer
        if what == "decline":
            item_id = card.agenda_item_id

            def decline() -> AnalysisState:
                self.store.decline_phone_card(card.id)
                return self.store.analysis_state(item_id)

            self._phone_card_done(
                decline, _("Declined: {text} (U takes it back).").format(text=card.text), card
            )
            return
        places = self._places_for_phone_card(card)
        if not places:
            self._accept_phone_card(card, None)
            return
        from screens.widgets.form_dialog import FormDialog, FormField

        def chosen(place: str | None) -> None:
            if place is not None:
                self._accept_phone_card(card, None if place == "top" else int(place))

        self.app.push_screen(
            FormDialog(
                _("Where does “{text}” go in the tree?").format(text=card.text),
                [FormField("place", _("Under"), "top", options=places)],
                lambda values: values["place"] or "top",
            ),
            chosen,
        )

    def _places_for_phone_card(self, card: PhoneCardInfo) -> list[tuple[str, str]]:
        """Where a card from a phone may go: under the core problem (the default), or under a
        cause (a sub-cause; an idea that tackles it) or an effect (a further effect). Empty
        when the core problem is the only place."""
        state = self.state
        if state is None:
            return []
        under = CardKind.GEVOLG if card.kind is CardKind.GEVOLG else CardKind.OORZAAK
        cards = [c for _depth, c in state.flat() if c.kind is under]
        if not cards:
            return []
        top = _("the core problem") if state.core is not None else _("(at the top)")
        return [("top", top)] + [(str(c.id), f"{KIND_SIGNS[c.kind]} {c.text}") for c in cards]

    def _accept_phone_card(self, card: PhoneCardInfo, parent_id: int | None) -> None:
        self._phone_card_done(
            lambda: self.store.accept_phone_card(card.id, parent_id),
            _("Taken into the tree: {text} (U takes it back).").format(text=card.text),
            card,
        )

    def _phone_card_done(
        self, call: Callable[[], AnalysisState], said: str, card: PhoneCardInfo
    ) -> None:
        def shown(state: AnalysisState) -> None:
            self._show(state, select=state.touched_card_id)
            self._read_inbox()
            if self.inbox:  # the next one, while the note-taker is at it
                self.action_phone_inbox()

        def taken_back(state: AnalysisState) -> None:
            self._show(state)
            self._read_inbox()

        self.act(
            call,
            said,
            show=shown,
            undo=lambda _state: UndoStep(
                lambda: self.store.return_phone_card(card.id),
                show=taken_back,
                said=_("Back in the inbox: {text}").format(text=card.text),
            ),
        )

    def item_changed(self) -> None:
        self.undo_steps.clear()
        self._reload()
