"""The refusals of the Word export, apart from its entry points (``baz_tui.export``) and the
document builder (``docx_writer``), which both raise them."""

from __future__ import annotations

from models.errors import BazError


class ExportError(BazError):
    """The minutes could not be written (folder, permission, template)."""


class TemplateError(ExportError):
    """A house-style template that cannot be used."""
