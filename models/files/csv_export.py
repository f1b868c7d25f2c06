"""The vote results, the besluitenlijst and the actiepuntenlijst of a meeting as CSV files.

Written the way a Dutch Excel opens them right with a double click: semicolons between the
fields, UTF-8 with a byte order mark (without it Excel reads "ë" as "Ã«"), Windows line ends,
dates as dd-mm-jjjj. The content comes from :class:`~models.records.minutes.Minutes`, so the
public version names people exactly as the public Word document does.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from models.domain import Channel, label
from models.files import (
    FileError,
    exists,
    is_folder,
    reason_of,
    safe_file_name,
    user_path,
    write_all,
)
from models.i18n import _
from models.records.minutes import Minutes

SUFFIX = ".csv"
Row = Sequence[str | int]

#: A cell starting with one of these is a formula to a spreadsheet: "=HYPERLINK(…)" typed into
#: a note must stay text. A leading "-" followed by a space is an ordinary bullet and is kept.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def vote_rows(minutes: Minutes) -> list[Row]:
    """One row per option of every vote: counts per channel, the rule and the result."""
    rows: list[Row] = [
        (
            _("Item no."),
            _("Agenda item"),
            _("Question"),
            _("Method"),
            _("Option"),
            _capital(label(Channel.ZAAL)),
            _capital(label(Channel.DIGITAAL)),
            _("Total"),
            _("Rule"),
            _("Result"),
            _("Declared"),
            _("Source of the digital votes"),
        )
    ]
    for item in minutes.items:
        for poll in item.polls:
            # The minutes hold the room row first and the total last (digital only when used).
            room, total = poll.rows[0].counts, poll.rows[-1].counts
            for index, option in enumerate(poll.options):
                rows.append(
                    (
                        item.number,
                        item.title,
                        poll.question,
                        poll.method,
                        option,
                        room[index],
                        total[index] - room[index],
                        total[index],
                        poll.rule_text,
                        poll.result_text,
                        _("yes") if poll.declared else _("no"),
                        poll.digital_source,
                    )
                )
    return rows


def decision_rows(minutes: Minutes) -> list[Row]:
    """The besluitenlijst: number, date, agenda item, decision."""
    rows: list[Row] = [(_("No."), _("Date"), _("Item no."), _("Agenda item"), _("Decision"))]
    for decision in minutes.decisions:
        rows.append(
            (
                decision.label,
                _day(decision.meeting_date),
                decision.item_number if decision.item_number is not None else "",
                decision.item_title,
                decision.text,
            )
        )
    return rows


def action_rows(minutes: Minutes) -> list[Row]:
    """The actiepuntenlijst: number, what, who, by when, status, the meeting it came from, the
    item."""
    rows: list[Row] = [
        (
            _("No."),
            _("What"),
            _("Who"),
            _("Due"),
            _("Status"),
            _("From the meeting of"),
            _("Item no."),
            _("Agenda item"),
        )
    ]
    for action in minutes.actions:
        rows.append(
            (
                action.label,
                action.what,
                action.who,
                _day(action.due) if action.due is not None else "",
                label(action.status),
                _day(action.meeting_date),
                action.item_number if action.item_number is not None else "",
                action.item_title,
            )
        )
    return rows


def to_csv(rows: Iterable[Row]) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark and CRLF line ends (Excel's CSV)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def csv_files(minutes: Minutes, folder: Path | None = None) -> list[tuple[str, bytes]]:
    """The three files of a meeting: (file name, content); names fit the file system of
    ``folder``."""
    day = _day(minutes.date)
    kinds = (
        (_("Vote results {title} {date}"), vote_rows),
        (_("Decisions {title} {date}"), decision_rows),
        (_("Action points {title} {date}"), action_rows),
    )
    files = []
    for name, rows in kinds:
        text = name.format(title=minutes.title, date=day)
        if minutes.public:
            text = _("{name} (public version)").format(name=text)
        files.append(
            (
                safe_file_name(
                    text, SUFFIX, fallback=_("Minutes"), folder=folder, title=minutes.title
                ),
                to_csv(rows(minutes)),
            )
        )
    return files


def write_csv_files(
    minutes: Minutes, folder: str | Path, *, replace_read_only: bool = False
) -> list[Path]:
    """Write the three files into ``folder`` (made when only its last part is missing): all
    three or none of them."""
    target = user_path(folder)
    if exists(target) and not is_folder(target):
        raise FileError(_("{path} is a file, not a folder.").format(path=target))
    if not is_folder(target):
        if not is_folder(target.parent):
            raise FileError(_("The folder {folder} does not exist.").format(folder=target.parent))
        try:
            target.mkdir()
        except OSError as exc:
            raise FileError(
                _("Cannot make the folder {folder}: {reason}").format(
                    folder=target, reason=reason_of(exc)
                )
            ) from exc
    return write_all(
        [(target / name, data) for name, data in csv_files(minutes, target)],
        replace_read_only=replace_read_only,
    )


def _cell(value: str | int) -> str | int:
    if isinstance(value, int):
        return value
    text = value.replace("\r\n", "\n")
    if text.startswith(_FORMULA_START) or (text.startswith("-") and not text.startswith("- ")):
        # A quote in front keeps it text (it stays visible): better than a formula that runs.
        return "'" + text
    return text


def _day(value: date) -> str:
    # dd-mm-jjjj is what a Dutch Excel recognises as a date.
    return value.strftime("%d-%m-%Y")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
