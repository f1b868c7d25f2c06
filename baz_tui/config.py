"""Where BaZ keeps its data and settings on this laptop."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path

APP_NAME = "baz"


def data_dir() -> Path:
    """The user data directory (e.g. ~/.local/share/baz); platformdirs honours XDG_DATA_HOME."""
    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "baz.db"


def database_target(cli_value: str | None, environ: Mapping[str, str] | None = None) -> str:
    """What to open: ``--db``, then ``BAZ_DB``, then the default file (its folder is created)."""
    env = os.environ if environ is None else environ
    if cli_value:
        return cli_value
    if env.get("BAZ_DB"):
        return env["BAZ_DB"]
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def settings_path() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / "settings.json"


def keymap_path() -> Path:
    """The user's own keys (``baz_tui.keymap``), beside the settings: written by a person, so
    TOML (comments, no braces), where the settings BaZ writes itself are JSON."""
    return user_config_path(APP_NAME, appauthor=False) / "keymap.toml"


def _read_json(path: Path) -> dict[str, Any]:
    """A small JSON object BaZ keeps for itself; missing or broken means empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any], indent: int) -> None:
    """Write it whole or not at all (through a temporary file); failing to keep a preference
    or a note never stops the meeting."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=indent, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def load_settings() -> dict[str, Any]:
    """Saved settings (language, theme); a missing or broken file means "no settings"."""
    return _read_json(settings_path())


def save_setting(name: str, value: Any) -> None:
    """Remember one setting; failing to save a preference never stops the meeting."""
    settings = load_settings()
    settings[name] = value
    _write_json(settings_path(), settings, indent=2)


# ------------------------------------------------------------------- known databases

KNOWN_DATABASES = "known-databases.json"


def _known_path() -> Path:
    return data_dir() / KNOWN_DATABASES


def _known() -> dict[str, str]:
    return {str(k): str(v) for k, v in _read_json(_known_path()).items()}


def remember_database(path: Path) -> None:
    """Note that a database file was opened at ``path`` (and when), so that a next start where
    it is gone says so instead of making an empty one. Never stops the meeting."""
    import datetime

    key = str(path)
    known = _known()
    today = datetime.date.today().isoformat()
    if known.get(key) == today:
        return
    known[key] = today
    _write_json(_known_path(), known, indent=1)


def last_used(path: Path) -> str | None:
    """The day (yyyy-mm-dd) a database at ``path`` was last opened, if BaZ remembers one."""
    return _known().get(str(path))
