"""Choosing and installing the UI language (formatting lives in ``models.rules.formatting``).

Dutch is the default, English the second language. The language must be installed before any
screen module is imported, because Textual evaluates binding descriptions when a class body runs.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from models import i18n as catalogue

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "baz"
SUPPORTED = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def choose_language(
    requested: str | None, saved: str | None, environ: Mapping[str, str] | None = None
) -> str:
    """The language to use: ``--lang``, then the saved setting, then the environment, then Dutch."""
    for candidate in (requested, saved):
        if candidate in SUPPORTED:
            return candidate
    env = os.environ if environ is None else environ
    for variable in ("BAZ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in SUPPORTED:
                return code
    return DEFAULT_LANGUAGE


def install_language(language: str) -> None:
    """Make ``language`` the language of every message from now on."""
    if language not in SUPPORTED:
        raise ValueError(f"unsupported language {language!r}")
    if language == "en":
        # The source texts are English: no catalogue needed.
        translations: gettext.NullTranslations = gettext.NullTranslations()
    else:
        translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    catalogue.install(translations, language)


def current_language() -> str:
    return catalogue.current_language()
