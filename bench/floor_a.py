"""Floor A: the barest Textual app — what no Textual app can paint faster than."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello floor")


if __name__ == "__main__":
    Hello().run()
