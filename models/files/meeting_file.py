"""The meeting file: one meeting with everything in it, as versioned JSON (no database here).

``baz dump`` and the home screen write it; ``baz load`` and the home screen read it into another
database. The format is described in ``docs/meeting-file.md``; its JSON Schema,
``meeting_file.schema.json`` beside this module, is what :func:`parse_meeting_file` checks a file
against, so the documented schema and the checks cannot drift apart. A file is refused as a
whole with a message that names its first problem ("agenda[2].speakers[0].attendee: deelnemer 17
bestaat niet"), before anything is written.

Ids in the file are references inside the file only (an attendee's ``id`` is what a speaker's
``attendee`` points at); the Store numbers them 1, 2, 3 … in file order when it writes a file
and gives every object a new id of the database when it reads one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from models.errors import BazError, InvalidInputError
from models.i18n import N_, _
from models.records.meeting import SPEAKER_TURN_COLUMNS

FORMAT = "baz-meeting"
VERSION = 1
SUFFIX = ".baz.json"
SCHEMA_PATH = Path(__file__).with_name("meeting_file.schema.json")
#: A meeting file is text; one of a very big meeting (300 people, 100 items, 2,000 turns) is
#: a few megabytes. What is read is bounded before it is parsed (memory), and what is parsed
#: by the limits of the schema (``maxItems``, ``maximum``; ``docs/meeting-file.md``).
SIZE_LIMIT = 25_000_000
#: The most people a meeting holds (the schema's ``maxItems`` of ``attendees``; an import of a
#: CSV list stops there too): the attendance screen stays usable.
ATTENDEES_MAX = 5_000

# The fields of each object, in file order: the column of the same name of its table. Columns
# not named here are structure (ids, the meeting or item an object belongs to, positions given
# by list order) or references, listed in REFERENCES; tests check that every column is covered.
PROCESS_FIELDS = (
    "title",
    "neighbourhood",
    "participation_level",
    "budget_euro_cents",
    "decision_deadline",
    "fixed_text",
    "open_text",
    "feedback_text",
    "created_at",
    "contact",
    "template",
)
MEETING_FIELDS = (
    "title",
    "date",
    "start_time",
    "scheduled_end_time",
    "location",
    "chair",
    "note_taker",
    "status",
    "actual_start",
    "actual_end",
    "agenda_adopted_at",
    "minutes_status",
    "minutes_approved_on",
    "beamer_view",
    "created_at",
)
ATTENDEE_FIELDS = ("name", "role", "presence", "consent", "arrived_at", "left_at", "created_at")
BREAK_FIELDS = ("started_at", "ended_at")
ITEM_FIELDS = (
    "title",
    "purpose",
    "hamerstuk",
    "hamered_at",
    "planned_minutes",
    "speaking_limit_seconds",
    "order_policy",
    "speakers_closed",
    "dots_per_participant",
    "started_at",
    "ended_at",
    "spent_seconds",
    "resumed_at",
    "notes",
    "created_at",
)
SPEAKER_FIELDS = SPEAKER_TURN_COLUMNS
CARD_FIELDS = ("kind", "text", "dots", "position", "created_at")
POLL_FIELDS = (
    "question",
    "method",
    "base",
    "threshold",
    "threshold_percent",
    "quorum_numerator",
    "quorum_denominator",
    "eligible_count",
    "present_count",
    "dots_per_participant",
    "status",
    "result_text",
    "opened_at",
    "declared_at",
    "digital_source",
    "result_facts",
    "ballot",
)
DECISION_FIELDS = ("year", "number", "text", "created_at")
ACTION_FIELDS = (
    "what",
    "who",
    "due",
    "status",
    "status_changed_at",
    "created_at",
    "year",
    "number",
)
#: The choices of the review of the public version (``attendee`` is a reference).
REVIEW_FIELDS = ("spot", "choice", "word", "created_at")

#: Per kind of object: file key → the column that holds the (database) id it refers to.
REFERENCES: dict[str, dict[str, str]] = {
    "speaker": {"attendee": "attendee_id"},
    "card": {"parent": "parent_id", "author": "author_attendee_id"},
    "poll": {"previous_poll": "previous_poll_id", "source_card": "source_card_id"},
    "decision": {"item": "agenda_item_id", "poll": "poll_id"},
    "action": {"item": "agenda_item_id", "source_card": "source_card_id"},
    "review": {"attendee": "attendee_id"},
}


class MeetingFileError(InvalidInputError):
    """A meeting file that cannot be loaded; the message names its first problem."""


class DuplicateMeetingError(BazError):
    """The meeting of the file is already in this database (same title, date and time)."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


@dataclass(frozen=True, slots=True)
class LoadedMeeting:
    """What loading a meeting file did: the new meeting, and what the user should know."""

    meeting_id: int
    title: str
    day: date
    #: Sentences about the process: joined an existing one, its frames kept or updated.
    notes: tuple[str, ...]


# ------------------------------------------------------------------------ values


def moment_text(value: datetime) -> str:
    """A stored moment as UTC text: 2026-12-01T18:25:00Z (microseconds only when there are)."""
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text + "Z"


def parse_moment(text: str) -> datetime:
    """The moment of :func:`moment_text` (raises ValueError when it is none)."""
    if not text.endswith("Z"):
        raise ValueError(text)
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


def time_text(value: time) -> str:
    """A wall-clock time: 19:30, or 19:30:15 when it has seconds."""
    if value.second or value.microsecond:
        return value.isoformat()
    return value.strftime("%H:%M")


def value_text(value: Any) -> Any:
    """A column value as JSON: moments, dates and times as text, the rest as it is."""
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return time_text(value)
    return value


def encode(data: Mapping[str, Any]) -> bytes:
    """The file's bytes: UTF-8 JSON, indented, so a person can read (and diff) it."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def default_file_name(title: str, day: date, folder: Path | None = None) -> str:
    """ "Vergadering <titel> <datum>.baz.json", as long as the file system of ``folder`` takes."""
    from models.files import safe_file_name
    from models.rules.formatting import format_date

    name = _("Meeting {title} {date}").format(title=title, date=format_date(day))
    return safe_file_name(name, SUFFIX, fallback=_("Meeting"), folder=folder, title=title)


def file_target(path: str | Path, title: str, day: date) -> Path:
    """Where a meeting file goes: into a folder with its usual name, else the file named
    (".baz.json" added when the name has no ".json")."""
    from models.files import is_folder, user_path

    target = user_path(path)
    if is_folder(target):
        return target / default_file_name(title, day, target)
    if not target.name.casefold().endswith(".json"):
        return target.with_name(target.name + SUFFIX)
    return target


# ----------------------------------------------------------------------- reading


def parse_meeting_file(raw: bytes) -> dict[str, Any]:
    """The checked content of a meeting file; refused whole, naming the first problem."""
    data = _json(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MeetingFileError(_("This is not a BaZ meeting file."))
    version = data.get("version")
    if version != VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            message = _(
                "This meeting file has version {found}, made by a newer BaZ; this BaZ reads "
                "version {known}. Update BaZ to load it."
            )
        else:
            message = _("This meeting file has an unknown version “{found}” (expected {known}).")
        raise MeetingFileError(message.format(found=_shown(str(version)), known=VERSION))
    problem = schema_problem(data) or reference_problem(data)
    if problem:
        raise MeetingFileError(
            _("This meeting file cannot be loaded: {problem}").format(problem=problem)
        )
    return data


def _json(raw: bytes) -> Any:
    if not raw.strip():
        raise MeetingFileError(_("The file is empty."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MeetingFileError(
            _("This is not a BaZ meeting file (it is not UTF-8 text).")
        ) from None
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_twice)
    except _FieldTwice as twice:
        raise MeetingFileError(
            _("The meeting file is damaged: the field “{name}” appears twice in one group.").format(
                name=_shown(twice.name)
            )
        ) from None
    except json.JSONDecodeError as error:
        raise MeetingFileError(
            _(
                "The meeting file is damaged: its JSON breaks off at line {line}, column {column}."
            ).format(line=error.lineno, column=error.colno)
        ) from None
    except (ValueError, RecursionError):
        raise MeetingFileError(_("The meeting file is damaged: it is not valid JSON.")) from None


class _FieldTwice(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python keeps the last of two equal keys without a word; which one a reader took would
    # then depend on the reader. A file with one is damaged (hand-edited, badly merged).
    found: dict[str, Any] = {}
    for name, value in pairs:
        if name in found:
            raise _FieldTwice(name)
        found[name] = value
    return found


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON, though Python's reader accepts them.
    raise ValueError(name)


# ------------------------------------------------------------------ the schema


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the meeting file (``meeting_file.schema.json``)."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


#: The keywords the checker below understands; a test keeps the schema within them.
SCHEMA_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "type",
        "const",
        "enum",
        "anyOf",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "maxLength",
        "pattern",
        "format",
    }
)

#: How a value of a text form should be written, for the message when it is not.
_FORMS = {
    "date": N_("a date written as 2026-12-01"),
    "time": N_("a time written as 19:30"),
    "moment": N_("a moment in UTC written as 2026-12-01T18:30:00Z"),
    "spot": N_("a key of the review (the digits 0–9 and letters a–f)"),
}


def schema_problem(data: Any) -> str | None:
    """The first way ``data`` breaks the schema, in words with where it is; None if it fits."""
    return _Checker(schema()).problem(schema(), data, "", None)


class _Checker:
    """A JSON Schema checker for the keywords of ``SCHEMA_KEYWORDS`` that stops at the first
    problem and says it in the user's language (a general validator reports in English)."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.definitions: dict[str, Any] = root.get("$defs", {})

    def problem(self, node: dict[str, Any], value: Any, path: str, form: str | None) -> str | None:
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/$defs/")
            found = self.problem(self.definitions[name], value, path, name)
            if found:
                return found
        if "anyOf" in node:
            found = self._any_of(node["anyOf"], value, path, form)
            if found:
                return found
        if "const" in node and not _same(value, node["const"]):
            return _at(path, _("must be {value}").format(value=json.dumps(node["const"])))
        if "enum" in node and not any(_same(value, v) for v in node["enum"]):
            return _at(
                path,
                _("“{value}” is not one of: {choices}").format(
                    value=_shown(value), choices=", ".join(str(v) for v in node["enum"])
                ),
            )
        if "type" in node:
            kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
            if not any(_is(kind, value) for kind in kinds):
                return _at(
                    path,
                    _("must be {expected}, not {found}").format(
                        expected=_(" or ").join(_kind_name(k) for k in kinds),
                        found=_found_name(value),
                    ),
                )
        if isinstance(value, dict):
            return self._object(node, value, path)
        if isinstance(value, list):
            return self._array(node, value, path)
        if isinstance(value, str):
            return _text_problem(node, value, path, form)
        if isinstance(value, int) and not isinstance(value, bool):
            if "minimum" in node and value < node["minimum"]:
                return _at(path, _("must be at least {n}").format(n=node["minimum"]))
            if "maximum" in node and value > node["maximum"]:
                return _at(path, _("must be at most {n}").format(n=node["maximum"]))
        return None

    def _any_of(self, branches: list[Any], value: Any, path: str, form: str | None) -> str | None:
        problems = [self.problem(branch, value, path, form) for branch in branches]
        if not all(problems):
            return None
        # "x or null": the problem with x says more than "must be null".
        for branch, found in zip(branches, problems, strict=True):
            if branch.get("type") != "null":
                return found
        return problems[0]

    def _object(self, node: dict[str, Any], value: dict[str, Any], path: str) -> str | None:
        properties: dict[str, Any] = node.get("properties", {})
        for name in node.get("required", ()):
            if name not in value:
                return _at(path, _("“{name}” is missing").format(name=name))
        if node.get("additionalProperties") is False:
            for name in value:
                if name not in properties:
                    return _at(path, _("unknown field “{name}”").format(name=_shown(name)))
        for name, sub in properties.items():
            if name in value:
                found = self.problem(sub, value[name], f"{path}.{name}" if path else name, None)
                if found:
                    return found
        return None

    def _array(self, node: dict[str, Any], value: list[Any], path: str) -> str | None:
        if "minItems" in node and len(value) < node["minItems"]:
            return _at(path, _("needs at least {n} entries").format(n=node["minItems"]))
        if "maxItems" in node and len(value) > node["maxItems"]:
            return _at(
                path,
                _("has {count} entries; a meeting file holds at most {n}").format(
                    count=len(value), n=node["maxItems"]
                ),
            )
        if "items" in node:
            for index, entry in enumerate(value):
                found = self.problem(node["items"], entry, f"{path}[{index}]", None)
                if found:
                    return found
        return None


def _text_problem(node: dict[str, Any], value: str, path: str, form: str | None) -> str | None:
    if "maxLength" in node and len(value) > node["maxLength"]:
        return _at(
            path,
            _("is too long ({length} characters; at most {n})").format(
                length=len(value), n=node["maxLength"]
            ),
        )
    fits = _fits_format(node.get("format"), value) and (
        "pattern" not in node or re.fullmatch(node["pattern"], value) is not None
    )
    if fits:
        return None
    if form in _FORMS:
        return _at(
            path, _("“{value}” is not {form}").format(value=_shown(value), form=_(_FORMS[form]))
        )
    # The text patterns only forbid characters that no document or database can hold.
    return _at(path, _("contains invisible control characters"))


def _fits_format(name: str | None, value: str) -> bool:
    try:
        if name == "date":
            date.fromisoformat(value)
        elif name == "date-time":
            parse_moment(value)
    except ValueError:
        return False
    return True


def _same(value: Any, expected: Any) -> bool:
    # In Python True == 1 and 1 == 1.0; in JSON they are different values.
    return type(value) is type(expected) and value == expected


def _is(kind: str, value: Any) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(
        value,
        {"string": str, "boolean": bool, "object": dict, "array": list, "null": type(None)}[kind],
    )


def _kind_name(kind: str) -> str:
    return {
        "string": _("text"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
        "object": _("a group of fields"),
        "array": _("a list"),
        "null": _("null"),
    }[kind]


def _found_name(value: Any) -> str:
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, str):
        return _("the text “{value}”").format(value=_shown(value))
    if isinstance(value, int | float):
        return str(value)
    return _kind_name("array" if isinstance(value, list) else "object")


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 40 else text[:39] + "…"


def _at(path: str, message: str) -> str:
    return f"{path}: {message}" if path else message


# ---------------------------------------------------------------- references


def reference_problem(data: dict[str, Any]) -> str | None:
    """The first id that is used twice or a reference to an id that is not in the file."""
    return next(_reference_problems(data), None)


def _reference_problems(data: dict[str, Any]) -> Iterator[str]:
    attendees = yield from _ids(data.get("attendees", []), "attendees")
    items = yield from _ids(data.get("agenda", []), "agenda")
    agenda: list[dict[str, Any]] = data.get("agenda", [])
    card_item: dict[int, int] = {}
    polls: set[int] = set()
    for i, item in enumerate(agenda):
        for j, card in enumerate(item.get("cards", [])):
            if card["id"] in card_item:
                yield _twice(f"agenda[{i}].cards[{j}].id", card["id"])
            card_item[card["id"]] = i
        for j, poll in enumerate(item.get("polls", [])):
            if poll["id"] in polls:
                yield _twice(f"agenda[{i}].polls[{j}].id", poll["id"])
            polls.add(poll["id"])
    for i, item in enumerate(agenda):
        where = f"agenda[{i}]"
        for j, speaker in enumerate(item.get("speakers", [])):
            yield from _missing(speaker, "attendee", attendees, f"{where}.speakers[{j}]")
        cards = item.get("cards", [])
        for j, card in enumerate(cards):
            at = f"{where}.cards[{j}]"
            yield from _missing(card, "author", attendees, at)
            yield from _missing(card, "parent", set(card_item), at)
            parent = card.get("parent")
            if parent is not None and parent in card_item and card_item[parent] != i:
                yield _at(
                    f"{at}.parent",
                    _("card {id} belongs to another agenda item").format(id=parent),
                )
        yield from _circles(cards, where)
        yield from _too_deep(cards, where)
        for j, poll in enumerate(item.get("polls", [])):
            at = f"{where}.polls[{j}]"
            if poll.get("previous_poll") == poll["id"]:
                yield _at(
                    f"{at}.previous_poll",
                    _("vote {id} cannot be a new vote of itself").format(id=poll["id"]),
                )
            yield from _missing(poll, "previous_poll", polls, at)
            yield from _missing(poll, "source_card", set(card_item), at)
    numbers: set[tuple[int, int]] = set()
    for i, decision in enumerate(data.get("decisions", [])):
        at = f"decisions[{i}]"
        yield from _missing(decision, "item", items, at)
        yield from _missing(decision, "poll", polls, at)
        number = (decision["year"], decision["number"])
        if number in numbers:
            yield _at(
                at,
                _("the decision number {year}-{number} is used twice").format(
                    year=number[0], number=number[1]
                ),
            )
        numbers.add(number)
    action_numbers: set[tuple[int, int]] = set()
    for i, action in enumerate(data.get("actions", [])):
        yield from _missing(action, "item", items, f"actions[{i}]")
        yield from _missing(action, "source_card", set(card_item), f"actions[{i}]")
        if action.get("year") is None or action.get("number") is None:
            continue
        number = (action["year"], action["number"])
        if number in action_numbers:
            yield _at(
                f"actions[{i}]",
                _("the action number {year}-{number} is used twice").format(
                    year=number[0], number=number[1]
                ),
            )
        action_numbers.add(number)
    spots: set[str] = set()
    for i, choice in enumerate(data.get("review", [])):
        at = f"review[{i}]"
        yield from _missing(choice, "attendee", attendees, at)
        if choice["spot"] in spots:
            yield _at(f"{at}.spot", _("this spot is reviewed twice"))
        spots.add(choice["spot"])
        if (
            choice["choice"] == "name"
            and choice.get("attendee") is None
            and not choice.get("word", "").strip()
        ):
            yield _at(at, _("a name needs the attendee or the word"))


def _ids(objects: list[dict[str, Any]], where: str) -> Generator[str, None, set[int]]:
    """Yields a problem per id used twice; returns the ids."""
    seen: set[int] = set()
    for index, entry in enumerate(objects):
        if entry["id"] in seen:
            yield _twice(f"{where}[{index}].id", entry["id"])
        seen.add(entry["id"])
    return seen


def _twice(path: str, id_: int) -> str:
    return _at(path, _("the number {id} is used twice").format(id=id_))


#: What each reference points at, for the message.
_TARGETS = {
    "attendee": N_("attendee"),
    "author": N_("attendee"),
    "parent": N_("card"),
    "source_card": N_("card"),
    "previous_poll": N_("vote"),
    "poll": N_("vote"),
    "item": N_("agenda item"),
}


def _missing(entry: dict[str, Any], key: str, known: set[int], path: str) -> Iterator[str]:
    target = entry.get(key)
    if target is not None and target not in known:
        yield _at(
            f"{path}.{key}",
            _("{what} {id} does not exist").format(what=_(_TARGETS[key]), id=target),
        )


def _circles(cards: list[dict[str, Any]], where: str) -> Iterator[str]:
    parents = {card["id"]: card.get("parent") for card in cards}
    for j, card in enumerate(cards):
        seen = {card["id"]}
        parent = card.get("parent")
        while parent is not None and parent in parents:
            if parent in seen:
                yield _at(
                    f"{where}.cards[{j}].parent",
                    _("the cards hang under each other in a circle"),
                )
                return
            seen.add(parent)
            parent = parents[parent]


def _too_deep(cards: list[dict[str, Any]], where: str) -> Iterator[str]:
    """The first card that hangs deeper than the Store allows (no circles: checked before)."""
    from models.rules.analysis import CARD_DEPTH_MAX

    parents = {card["id"]: card.get("parent") for card in cards}
    depth: dict[int, int] = {}
    for j, card in enumerate(cards):
        # Up to a card whose depth is known (or the top), then down again: each card once.
        path, on_path, at = [], set(), card["id"]
        while at is not None and at in parents and at not in depth and at not in on_path:
            path.append(at)
            on_path.add(at)
            at = parents[at]
        level = depth.get(at, 0) if at is not None else 0
        for node in reversed(path):
            level += 1
            depth[node] = level
        if depth.get(card["id"], 0) > CARD_DEPTH_MAX:
            yield _at(
                f"{where}.cards[{j}].parent",
                _("the cards hang more than {n} levels deep").format(n=CARD_DEPTH_MAX),
            )
            return
