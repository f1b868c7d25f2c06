"""The note-taker's inbox of cards handed in from phones (DESIGN §5a): each card's kind and
text; A takes the selected one into the tree, D declines it, Esc closes.

Nothing a phone sends reaches the tree (or the beamer) without this: the dialog only answers
which card and what to do with it; the analysis screen runs the Store call (``act``), so U
takes it back like any other action.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from models.domain import CardKind, label
from models.i18n import _, ngettext
from models.records.room import PhoneCardInfo
from screens.keys import key_now_label
from screens.widgets.dialog import Dialog

#: What the note-taker decided about a card: take it in, or leave it out.
Answer = tuple[Literal["accept", "decline"], PhoneCardInfo]

#: The sign of each kind of card (as the tree shows them), so the kind reads without colour.
_SIGNS = {CardKind.OORZAAK: "▼", CardKind.GEVOLG: "▲", CardKind.OPLOSSING: "✱"}


def waiting_text(count: int, key: str) -> str:
    """ "3 kaarten van telefoons wachten — T bekijkt ze" for the analysis screen."""
    return ngettext(
        "{n} card from a phone is waiting — {key} shows it",
        "{n} cards from phones are waiting — {key} shows them",
        count,
    ).format(n=count, key=key)


class PhoneInboxDialog(Dialog[Answer | None]):
    """The cards from phones that wait for an agenda item, oldest first, one selected."""

    DEFAULT_CSS = """
    PhoneInboxDialog {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & #inbox-title { text-style: bold; margin-bottom: 1; }
        & #inbox-cards { height: auto; max-height: 16; }
        & #inbox-keys { margin-top: 1; }
    }
    """

    # Each id is the key's name in the user's keymap file (``baz keys``): a contract, never renamed.
    BINDINGS = [
        Binding("up", "select(-1)", _("Card up"), show=False, id="inbox.previous"),
        Binding("down", "select(1)", _("Card down"), show=False, id="inbox.next"),
        Binding("a,enter", "answer('accept')", _("Take in"), show=True, id="inbox.accept"),
        Binding("d,delete", "answer('decline')", _("Decline"), show=True, id="inbox.decline"),
        Binding("escape", "close", _("Close"), show=True, id="inbox.close"),
    ]

    def __init__(self, cards: tuple[PhoneCardInfo, ...]) -> None:
        super().__init__()
        self.cards = cards
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                ngettext(
                    "{n} card from a phone waits for you",
                    "{n} cards from phones wait for you",
                    len(self.cards),
                ).format(n=len(self.cards)),
                id="inbox-title",
            )
            yield Static(self._cards_text(), id="inbox-cards")
            yield Static(self._keys_text(), id="inbox-keys")

    def _cards_text(self) -> Text:
        text = Text()
        for index, card in enumerate(self.cards):
            chosen = index == self.index
            line = Text(("▶ " if chosen else "  ") + f"{_SIGNS.get(card.kind, '·')} ")
            line.append(label(card.kind) + ": ", style="bold")
            line.append(card.text)
            if chosen:
                line.stylize("reverse")
            if index:
                text.append("\n")
            text.append_text(line)
        return text

    def _keys_text(self) -> Text:
        keys = {
            binding_id: key_now_label(self.app, self.BINDINGS, binding_id)
            for binding_id in ("inbox.accept", "inbox.decline", "inbox.close")
        }
        return Text(
            _(
                "↑ ↓ choose · {accept} take into the tree · {decline} decline · {close} close"
            ).format(
                accept=keys["inbox.accept"],
                decline=keys["inbox.decline"],
                close=keys["inbox.close"],
            )
        )

    def action_select(self, delta: int) -> None:
        self.index = max(0, min(len(self.cards) - 1, self.index + delta))
        self.query_one("#inbox-cards", Static).update(self._cards_text())

    def action_answer(self, what: Literal["accept", "decline"]) -> None:
        if self.cards:
            self.dismiss((what, self.cards[self.index]))

    def action_close(self) -> None:
        self.dismiss(None)
