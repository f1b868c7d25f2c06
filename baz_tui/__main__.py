"""``python -m baz_tui``: the same as the ``baz`` command."""

from __future__ import annotations

from baz_tui.cli import run

if __name__ == "__main__":
    run()
