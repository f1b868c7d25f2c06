"""An ``OptionList`` whose new options do not lay out the whole screen.

``OptionList.clear_options`` and ``add_options`` set the list's virtual size, a reactive that
asks Textual for a layout of the whole screen — on the analysis screen about 18 ms of every
card key on a big meeting, more than the card itself. The list's own box never changes with
its options (its height comes from the screen's CSS), so here that layout is left out; only
when the list's scrollbar comes or goes (its room for the options changes) is one asked for.
"""

from __future__ import annotations

from textual.widgets import OptionList


class QuietOptionList(OptionList):
    """``OptionList`` without a screen layout on every change of its options."""

    _quiet = False

    def _update_lines(self) -> None:
        scrollbar = self.show_vertical_scrollbar
        self._quiet = True
        try:
            super()._update_lines()
        finally:
            self._quiet = False
        if self.show_vertical_scrollbar != scrollbar:
            self.refresh(layout=True)

    def refresh(self, *regions, repaint=True, layout=False, recompose=False):  # type: ignore[no-untyped-def,override]
        # Only while the options are counted anew (see the module's text).
        return super().refresh(
            *regions, repaint=repaint, layout=layout and not self._quiet, recompose=recompose
        )
