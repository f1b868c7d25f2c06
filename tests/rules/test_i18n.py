"""The Dutch catalogue is complete, compiled, and installed before the screens are built.

Messages are extracted fresh from the sources, so a new string without a Dutch translation
fails here. Fix: ``python tools/update_catalogue.py``, translate in nl/baz.po, run it again.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date

import pytest

from baz_tui.i18n import choose_language, install_language
from models import i18n as catalogue
from tests.conftest import ROOT
from tools import update_catalogue as tool

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sdr]")


@pytest.fixture(scope="module")
def dutch():  # type: ignore[no-untyped-def]
    return tool.read(tool.PO)


def _ids(message) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_every_source_message_has_a_dutch_translation(dutch) -> None:  # type: ignore[no-untyped-def]
    template, _problems = tool.extract()
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = dutch.get(message.id, message.context)
        if translated is None or translated.fuzzy or not all(_strings(translated)):
            missing.append(_ids(message)[0])
    assert not missing, "untranslated or fuzzy in nl/baz.po (run tools/update_catalogue.py):\n" + (
        "\n".join(missing)
    )


def test_committed_mo_is_the_compiled_po(dutch) -> None:  # type: ignore[no-untyped-def]
    assert tool.MO.read_bytes() == tool.render_mo(dutch), "baz.mo is stale: run update_catalogue"


def test_placeholders_survive_translation(dutch) -> None:  # type: ignore[no-untyped-def]
    broken = []
    for message in dutch:
        if not message.id or not all(_strings(message)):
            continue
        wanted = sorted(PLACEHOLDER.findall(_ids(message)[-1]))
        for text in _strings(message):
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append(f"{_ids(message)[0]!r} -> {text!r}")
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("requested", "saved", "environ", "expected"),
    [
        ("en", "nl", {"BAZ_LANG": "nl"}, "en"),
        (None, "en", {"BAZ_LANG": "nl"}, "en"),
        ("fr", "en", {}, "en"),  # unknown --lang is skipped
        (None, "de", {"BAZ_LANG": "en"}, "en"),  # unknown saved setting is skipped
        (None, None, {"BAZ_LANG": "en", "LANG": "nl_NL.UTF-8"}, "en"),
        (None, None, {"LANGUAGE": "en_GB:nl", "LC_ALL": "nl_NL.UTF-8"}, "en"),
        (None, None, {"LANGUAGE": "fr:en", "LANG": "nl_NL"}, "en"),
        (None, None, {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "nl_NL", "LANG": "nl_NL"}, "en"),
        (None, None, {"LC_MESSAGES": "en_GB", "LANG": "nl_NL"}, "en"),
        (None, None, {"BAZ_LANG": "xx", "LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, "en"),
        (None, None, {"LANG": "fr_FR.UTF-8"}, "nl"),
        (None, None, {}, "nl"),
    ],
)
def test_choose_language_order(requested, saved, environ, expected) -> None:  # type: ignore[no-untyped-def]
    assert choose_language(requested, saved, environ) == expected


@pytest.mark.parametrize(("language", "label"), [("en", "New"), ("nl", "Nieuw")])
def test_binding_labels_follow_the_installed_language(language: str, label: str) -> None:
    script = (
        "from baz_tui.i18n import install_language\n"
        f"install_language({language!r})\n"
        "from screens.home import HomeScreen\n"
        "print(next(b.description for b in HomeScreen.BINDINGS if b.action == 'new_meeting'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == label


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = catalogue.current_language()
    yield
    install_language(before)


def test_dates_and_amounts_follow_the_language(restore_language) -> None:  # type: ignore[no-untyped-def]
    from models.rules.formatting import format_date, format_euros

    install_language("nl")
    assert format_date(date(2026, 11, 28)) == "28 november 2026"
    assert format_euros(8_500_000) == "€ 85.000"
    install_language("en")
    assert format_date(date(2026, 11, 28)) == "28 November 2026"
