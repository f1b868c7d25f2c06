"""Reading CSV files from spreadsheets and online polls: attendee lists and digital pre-votes.

Pure functions, no database. What comes in is whatever a spreadsheet saved: UTF-8 with or without
a byte order mark, or Windows-1252 (older Excel); commas or semicolons (a Dutch Excel saves with
semicolons), sometimes a "sep=;" line first; headers in Dutch or English. Lines that cannot be
used are reported one by one ("Regel 4: onbekende rol “burgemeester”") next to the lines that
can, so the user decides whether to import the good ones; nothing here writes anything.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from models.domain import Consent, PollMethod, Role, default_consent, label
from models.errors import BazError, InvalidInputError
from models.i18n import _, ngettext
from models.rules import validation as check

_Kind = TypeVar("_Kind", Role, Consent)

#: Attendee lists and poll exports are small; a bigger file is not what the user meant.
SIZE_LIMIT = 5_000_000
ROWS_MAX = 100_000
SUFFIXES = (".csv", ".txt")
DELIMITERS = (";", ",", "\t")


class CsvError(BazError):
    """A file that cannot be read as CSV at all (the whole file, not one line)."""


@dataclass(frozen=True, slots=True)
class LineProblem:
    """Why one line of the file is not imported; ``line`` counts from 1, the header included."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("Line {line}: {problem}").format(line=self.line, problem=self.message)


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The non-empty rows of a CSV file with their line numbers, and how it was read."""

    rows: tuple[tuple[int, tuple[str, ...]], ...]
    delimiter: str
    encoding: str

    def describe(self) -> str:
        """ "Windows-1252, separated by semicolons", for the user who wonders."""
        if all(len(cells) < 2 for _line, cells in self.rows):
            return self.encoding  # one column: nothing was separated
        names = {";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}
        return _("{encoding}, separated by {delimiter}").format(
            encoding=self.encoding, delimiter=names[self.delimiter]
        )


def read_csv(data: bytes) -> CsvTable:
    """Decode and split a CSV file, guessing its encoding and separator."""
    text, encoding = decode(data)
    lines = text.splitlines(keepends=True)
    delimiter = None
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise CsvError(_("The file is empty."))
    hint = re.fullmatch(r"\s*sep=(.)\s*", lines[first], flags=re.I)
    skip = 0
    if hint and hint.group(1) in DELIMITERS:
        # Excel writes and honours a first line "sep=;".
        delimiter, skip = hint.group(1), first + 1
    else:
        delimiter = _guess_delimiter(lines[first])
    reader = csv.reader(io.StringIO("".join(lines[skip:]), newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        for cells in reader:
            if len(rows) >= ROWS_MAX:
                raise CsvError(_("The file has more than {n} lines.").format(n=ROWS_MAX))
            cleaned = tuple(c.strip().lstrip("\ufeff").strip() for c in cells)
            if any(cleaned):
                rows.append((reader.line_num + skip, cleaned))
    except csv.Error as error:
        raise CsvError(
            _("The file cannot be read as CSV (line {line}).").format(line=reader.line_num + skip)
        ) from error
    if not rows:
        raise CsvError(_("The file is empty."))
    return CsvTable(tuple(rows), delimiter, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the name of its encoding."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CsvError(
            _(
                "This is a spreadsheet workbook, not a CSV file: save it in the spreadsheet as "
                "“CSV” (comma- or semicolon-separated) first."
            )
        )
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), _("UTF-8 with BOM")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "UTF-16"
    except UnicodeDecodeError:
        raise CsvError(_("The file says it is Unicode text, but it is damaged.")) from None
    if b"\x00" in data:
        raise CsvError(_("This is not a text file, so not a CSV file."))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    broken = _broken_utf8_lines(data)
    if broken:
        # UTF-8 with a few damaged bytes: read as Windows-1252 every accent of the file would
        # turn into two letters ("José" as "JosÃ©"), stored without a word. Refused instead.
        lines = ", ".join(str(n) for n in broken[:5]) + (" …" if len(broken) > 5 else "")
        raise CsvError(
            ngettext(
                "The file is UTF-8 text, but line {lines} has a byte that is not: save the "
                "file again as UTF-8 (in Excel: “CSV UTF-8”) or correct that line.",
                "The file is UTF-8 text, but lines {lines} have bytes that are not: save the "
                "file again as UTF-8 (in Excel: “CSV UTF-8”) or correct those lines.",
                len(broken),
            ).format(lines=lines)
        )
    # Not UTF-8 at all: an older Excel on Windows. Its five unused bytes cannot be in a real file.
    return data.decode("cp1252", errors="replace"), "Windows-1252"


def _broken_utf8_lines(data: bytes) -> list[int]:
    """The lines (from 1) with bytes that are not UTF-8, when the rest of the file shows it
    *is* UTF-8 (it has well-formed accented letters); empty for a file of another encoding."""
    text = data.decode("utf-8", errors="replace")
    if not any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text):
        return []  # no character beyond ASCII reads as UTF-8: an 8-bit encoding
    lines: list[int] = []
    start = 0
    while start < len(data) and len(lines) <= 5:  # five are named, the rest is "…"
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            at = start + error.start
            line = data.count(b"\n", 0, at) + 1
            if not lines or lines[-1] != line:
                lines.append(line)
            start = at + max(1, error.end - error.start)
    return lines


def _guess_delimiter(line: str) -> str:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first, the semicolon
    return best if counts[best] else ";"


def key(text: str) -> str:
    """A header or value as it is compared: case, accents' forms, spaces and "_" evened out."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[_\-/]+", " ", text)
    text = re.sub(r"[\"'“”‘’:*()?.]+", "", text)
    return " ".join(text.split())


def _keys(*words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words)


def read_text(file_name: str, table: CsvTable) -> str:
    """ "ledenlijst.csv gelezen (Windows-1252, gescheiden door puntkomma's)." """
    return _("Read {file} ({how}).").format(file=file_name, how=table.describe())


def problem_text(problems: Sequence[LineProblem], limit: int = 8) -> str:
    """The first ``limit`` problems, one per line, and how many more there are."""
    lines = [str(p) for p in problems[:limit]]
    more = len(problems) - limit
    if more > 0:
        lines.append(
            ngettext(
                "… and {n} more line with a problem", "… and {n} more lines with problems", more
            ).format(n=more)
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------- attendees

_NAME = _keys(
    "naam", "name", "volledige naam", "full name", "deelnemer", "naam deelnemer",
    "participant", "attendee", "voor- en achternaam", "bewoner",
)  # fmt: skip
_FIRST = _keys("voornaam", "roepnaam", "first name", "given name")
_MIDDLE = _keys("tussenvoegsel", "tussenvoegsels", "middle name", "prefix")
_LAST = _keys("achternaam", "last name", "surname", "family name")
_ROLE = _keys("rol", "role", "functie", "function", "hoedanigheid")
_CONSENT = _keys(
    "toestemming", "consent", "naming consent", "toestemming naam", "naamsvermelding",
    "vermelding", "in de notulen als", "in de openbare notulen als", "in the minutes as",
    "in the public minutes as", "naam in notulen", "naam in de notulen", "naam noemen",
)  # fmt: skip

#: Words people put in a role column, besides the codes and the labels of the UI language.
_ROLE_WORDS: dict[Role, tuple[str, ...]] = {
    Role.BEWONER: ("bewoner", "bewoonster", "buurtbewoner", "inwoner", "resident"),
    Role.VOORZITTER: ("voorzitter", "chair", "chairman", "chairperson", "chairwoman"),
    Role.NOTULIST: ("notulist", "notuliste", "note-taker", "notetaker", "minute taker"),
    Role.GEMEENTE: ("gemeente", "ambtenaar", "municipality", "council", "city"),
    Role.CORPORATIE: (
        "corporatie",
        "woningcorporatie",
        "housing corporation",
        "housing association",
    ),
    Role.WIJKAGENT: ("wijkagent", "politie", "community police officer", "police"),
    Role.DESKUNDIGE: ("deskundige", "expert", "specialist"),
    Role.GAST: ("gast", "guest", "bezoeker", "visitor"),
}
_CONSENT_WORDS: dict[Consent, tuple[str, ...]] = {
    Consent.NAAM: (
        "naam",
        "met naam",
        "volledige naam",
        "ja",
        "j",
        "full name",
        "name",
        "yes",
        "y",
    ),
    Consent.INITIALEN: ("initialen", "voorletters", "initials"),
    Consent.ANONIEM: ("anoniem", "geen naam", "nee", "n", "anonymous", "no"),
}


@dataclass(frozen=True, slots=True)
class AttendeeRow:
    """One person to add: checked name, role and naming consent, with the line it came from."""

    line: int
    name: str
    role: Role
    consent: Consent


@dataclass(frozen=True, slots=True)
class AttendeeImport:
    """What an attendee list holds: the people that can be added, and the lines that cannot."""

    rows: tuple[AttendeeRow, ...]
    problems: tuple[LineProblem, ...]
    #: Headers of columns BaZ does not use (e-mail, address …), so the user knows.
    ignored_columns: tuple[str, ...]
    table: CsvTable
    #: The name of the file it came from, when it came from one.
    file_name: str = ""


def parse_attendees(data: bytes) -> AttendeeImport:
    """The people of a CSV list with a header line naming name, role and consent columns."""
    table = read_csv(data)
    (_header_line, header), *body = table.rows
    keys = [key(h) for h in header]
    name = _column(keys, _NAME)
    parts = [_column(keys, words) for words in (_FIRST, _MIDDLE, _LAST)]
    if name is None and parts[0] is None and parts[2] is None:
        raise CsvError(
            _(
                "The first line must name the columns, such as “naam;rol;toestemming” or "
                "“name,role,consent”; it says: {found}"
            ).format(found=table.delimiter.join(header)[:80])
        )
    role = _column(keys, _ROLE)
    consent = _column(keys, _CONSENT)
    used = {name, role, consent, *parts}
    ignored = tuple(h for index, h in enumerate(header) if index not in used and h)
    roles = _aliases(_ROLE_WORDS, Role)
    consents = _aliases(_CONSENT_WORDS, Consent)
    rows: list[AttendeeRow] = []
    problems: list[LineProblem] = []
    first_line: dict[str, int] = {}
    for line, cells in body:
        issues: list[str] = []

        def cell(index: int | None, cells: tuple[str, ...] = cells) -> str:
            return cells[index] if index is not None and index < len(cells) else ""

        if name is not None:
            person = cell(name)
        else:
            person = " ".join(cell(i) for i in parts if cell(i))
        try:
            person = check.clean_line(" ".join(person.split()), _("The name"))
        except InvalidInputError as error:
            issues.append(error.message if person else _("no name"))
        role_text = cell(role)
        found_role = roles.get(key(role_text), Role.BEWONER if not role_text else None)
        if found_role is None:
            issues.append(_("unknown role “{value}”").format(value=role_text[:40]))
        consent_text = cell(consent)
        found_consent = consents.get(key(consent_text)) if consent_text else None
        if consent_text and found_consent is None:
            issues.append(_("unknown naming consent “{value}”").format(value=consent_text[:40]))
        if not issues and person.casefold() in first_line:
            issues.append(
                _("“{name}” is also on line {first}").format(
                    name=person, first=first_line[person.casefold()]
                )
            )
        if issues:
            problems.append(LineProblem(line, "; ".join(issues)))
            continue
        assert found_role is not None
        first_line[person.casefold()] = line
        rows.append(
            AttendeeRow(line, person, found_role, found_consent or default_consent(found_role))
        )
    return AttendeeImport(tuple(rows), tuple(problems), ignored, table)


def without_known(parsed: AttendeeImport, known_names: Iterable[str]) -> AttendeeImport:
    """The import without the people already on the meeting's list (reported as problems):
    reading the same list twice adds nobody twice."""
    known = {" ".join(n.split()).casefold() for n in known_names}
    rows = [r for r in parsed.rows if r.name.casefold() not in known]
    skipped = [
        LineProblem(r.line, _("“{name}” is already on the list").format(name=r.name))
        for r in parsed.rows
        if r.name.casefold() in known
    ]
    problems = sorted([*parsed.problems, *skipped], key=lambda p: p.line)
    return replace(parsed, rows=tuple(rows), problems=tuple(problems))


def _column(keys: Sequence[str], words: frozenset[str]) -> int | None:
    return next((index for index, k in enumerate(keys) if k in words), None)


def _aliases(words: Mapping[_Kind, tuple[str, ...]], kinds: type[_Kind]) -> dict[str, _Kind]:
    """Every way of writing a value: its code, its label now, and the usual words."""
    found: dict[str, _Kind] = {}
    member: _Kind
    for member in kinds:
        for word in (str(member.value), label(member), *words.get(member, ())):
            found.setdefault(key(word), member)
    return found


# ------------------------------------------------------------------ digital votes

_OPTION = _keys(
    "optie", "keuze", "antwoord", "antwoordoptie", "stem", "mijn stem", "voorkeur",
    "option", "choice", "answer", "vote", "preference",
)  # fmt: skip
_COUNT = _keys(
    "aantal", "stemmen", "aantal stemmen", "totaal", "aantal keer", "stippen",
    "count", "votes", "number", "total", "number of votes", "dots",
)  # fmt: skip
#: For a for/against/abstain vote, the usual words per option (for, against, abstain).
_VOTE_WORDS = (
    ("voor", "ja", "eens", "for", "yes", "in favour", "in favor"),
    ("tegen", "nee", "oneens", "against", "no"),
    ("onthouding", "blanco", "neutraal", "geen mening", "abstain", "abstention", "neutral"),
)
PER_OPTION = "per_option"
PER_BALLOT = "per_ballot"


@dataclass(frozen=True, slots=True)
class VoteImport:
    """The digital votes a file holds for the options of one poll, in option order."""

    counts: tuple[int, ...]
    #: ``PER_OPTION`` (a count per option) or ``PER_BALLOT`` (a line per vote cast).
    layout: str
    problems: tuple[LineProblem, ...]
    #: The header of the column the votes were read from.
    column: str
    table: CsvTable
    #: The name of the file it came from, when it came from one.
    file_name: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts)


class _Options:
    """Finds the option a cell names: its label, or for for/against/abstain the usual words."""

    def __init__(self, labels: Sequence[str], method: PollMethod) -> None:
        self.index: dict[str, int] = {}
        for position, text in enumerate(labels):
            self.index.setdefault(key(text), position)
        if PollMethod(method) == PollMethod.VOOR_TEGEN and len(labels) == len(_VOTE_WORDS):
            for position, words in enumerate(_VOTE_WORDS):
                for word in words:
                    self.index.setdefault(key(word), position)
        self.dots = PollMethod(method) == PollMethod.STIPPEN

    def find(self, value: str) -> list[int] | None:
        """The options a cell names (several for dots spread in one cell), or None."""
        whole = self.index.get(key(value))
        if whole is not None:
            return [whole]
        if self.dots:
            parts = [p for p in re.split(r"[;,]", value) if p.strip()]
            found = [self.index.get(key(p)) for p in parts]
            if len(found) > 1 and all(f is not None for f in found):
                return [f for f in found if f is not None]
        return None


def parse_votes(data: bytes, labels: Sequence[str], method: PollMethod) -> VoteImport:
    """The digital votes per option of a poll export: a count per option, or a line per vote."""
    table = read_csv(data)
    options = _Options(labels, method)
    (_line, header), *body = table.rows
    keys = [key(h) for h in header]
    option_column = _column(keys, _OPTION)
    count_column = _column(keys, _COUNT)
    if option_column is not None and count_column is not None:
        column = header[count_column]
        return _per_option(table, body, options, len(labels), (option_column, count_column), column)
    if option_column is None and count_column is None and _headerless_counts(table, options):
        return _per_option(table, table.rows, options, len(labels), (0, 1), "")
    if option_column is None:
        option_column = _best_column(body, options, len(header))
        if option_column is None:
            raise CsvError(
                _(
                    "No column of this file holds the options of the vote. Name the column "
                    "with the votes “keuze” (and one with the numbers “aantal”, if it has them)."
                )
            )
    counts = [0] * len(labels)
    problems: list[LineProblem] = []
    for line, cells in body:
        value = cells[option_column] if option_column < len(cells) else ""
        found = options.find(value) if value else None
        if not value:
            problems.append(LineProblem(line, _("no choice filled in")))
        elif found is None:
            problems.append(
                LineProblem(line, _("unknown option “{value}”").format(value=value[:60]))
            )
        else:
            for position in found:
                counts[position] += 1
    return VoteImport(tuple(counts), PER_BALLOT, tuple(problems), header[option_column], table)


def digital_source_text(file_name: str, moment: datetime) -> str:
    """What the minutes say about where digital votes came from: the file and when it was read."""
    from models.rules.formatting import format_date, format_time

    return _("{file} (read in on {date} at {time})").format(
        file=file_name, date=format_date(moment.astimezone().date()), time=format_time(moment)
    )


def _per_option(
    table: CsvTable,
    body: Sequence[tuple[int, tuple[str, ...]]],
    options: _Options,
    size: int,
    columns: tuple[int, int],
    column: str,
) -> VoteImport:
    option_column, count_column = columns
    counts = [0] * size
    seen: dict[int, int] = {}
    problems: list[LineProblem] = []
    for line, cells in body:
        value = cells[option_column] if option_column < len(cells) else ""
        number_text = cells[count_column] if count_column < len(cells) else ""
        found = options.find(value) if value else None
        number = _whole(number_text)
        if found is None or len(found) != 1:
            problems.append(
                LineProblem(
                    line,
                    _("unknown option “{value}”").format(value=value[:60])
                    if value
                    else _("no option filled in"),
                )
            )
        elif number is None:
            problems.append(
                LineProblem(
                    line, _("“{value}” is not a whole number").format(value=number_text[:20])
                )
            )
        elif found[0] in seen:
            problems.append(
                LineProblem(
                    line,
                    _("this option was already counted on line {first}").format(
                        first=seen[found[0]]
                    ),
                )
            )
        else:
            seen[found[0]] = line
            counts[found[0]] = number
    return VoteImport(tuple(counts), PER_OPTION, tuple(problems), column, table)


def _headerless_counts(table: CsvTable, options: _Options) -> bool:
    """Whether the file is just "option;count" lines without a header."""
    return all(
        len(cells) >= 2 and options.find(cells[0]) is not None and _whole(cells[1]) is not None
        for _line, cells in table.rows
    )


def _best_column(
    body: Sequence[tuple[int, tuple[str, ...]]], options: _Options, width: int
) -> int | None:
    """The column whose cells name options most often (an online poll names it after the
    question, which BaZ cannot guess)."""
    hits = [0] * width
    for _line, cells in body:
        for index, value in enumerate(cells[:width]):
            if value and options.find(value) is not None:
                hits[index] += 1
    best = max(range(width), key=lambda i: hits[i], default=None)
    return best if best is not None and hits[best] else None


def _whole(text: str) -> int | None:
    """A count as a spreadsheet writes it: 31, or 1.234 / 1 234 with thousands grouped."""
    compact = text.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", compact):
        compact = compact.replace(".", "")
    return int(compact) if compact.isdigit() else None
