"""The active message catalogue, shared by every layer.

The domain raises errors whose text a user reads, so the catalogue lives at the bottom layer.
Which language is active is decided by ``baz_tui.i18n`` (command line, saved setting,
environment); this module only holds the result.
"""

from __future__ import annotations

import gettext as _gettext

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def install(translations: _gettext.NullTranslations, language: str) -> None:
    """Make ``translations`` the catalogue used by :func:`_` from now on."""
    global _translations, _language
    _translations = translations
    _language = language


def current_language() -> str:
    """The language code of the active catalogue ("nl" or "en")."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` with the active catalogue."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message
