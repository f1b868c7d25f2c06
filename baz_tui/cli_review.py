"""``baz export --public``: the review of the public version before anything is written.

The command prints what the public version will replace and what it doubts (the counts, and
every doubtful spot with its sentence before and after), and writes the public file only after
the facilitator confirms (j/N) or with ``--yes``. ``--review FILE.csv`` writes the whole list
(every replacement too) for a facilitator who works in a spreadsheet; the Word file is then
written only with ``--yes`` as well. Without a terminal to ask on and without ``--yes``,
nothing is written and the command says why (exit code 2): it never waits for an answer that
cannot come. The choices themselves are made in the app (W on the minutes screen), which
keeps them with the meeting; this command uses them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from baz_tui.cli_common import Args
from baz_tui.cli_prompt import confirm
from models.errors import BazError
from models.i18n import _

if TYPE_CHECKING:
    from models.public_review import Review
    from models.store import Store

#: How long a sentence may be on the terminal before it is cut (the CSV has it whole).
SENTENCE_WIDTH = 160


def review_public_export(store: Store, meeting_id: int, args: Args) -> bool:
    """Print the review of the public version; True when the export may go ahead."""
    from models.public_review import build_review

    review = build_review(store, meeting_id)
    title = store.get_meeting(meeting_id).title
    print(review_text(review, title))
    if args.review:
        path = write_review_csv(review, args.review)
        print(_("Review list written to {path}").format(path=path))
        if not args.yes:
            print(
                _("No Word file written yet: add {option} to write it as the list says.").format(
                    option="--yes"
                )
            )
            return False
    question = _("Write the public version as shown?")
    if not confirm(
        question,
        args.yes,
        _("{question} — nothing was written: add {option} to write it without asking.").format(
            question=question, option="--yes"
        ),
    ):
        print(_("Nothing was written."))
        return False
    return True


def review_text(review: Review, title: str) -> str:
    """The counts and every doubtful spot, as lines for the terminal."""
    from models.public_review import reason_text, summary_text

    lines = [
        _("Public version of “{title}”: {summary}.").format(
            title=_line(title), summary=summary_text(review)
        )
    ]
    doubtful = review.doubtful
    if doubtful:
        lines.append(_("Doubtful spots (choose in the app: W on the minutes screen):"))
    for number, spot in enumerate(doubtful, start=1):
        chosen = ""
        if spot.choice is not None:
            from models.public_review import choice_text

            chosen = f" [{choice_text(spot)}]"
        lines.append(f"  {number}. {_line(spot.where)}: “{_line(spot.found)}”{chosen}")
        lines.append(f"     {_line(reason_text(spot))}")
        lines.append(f"     {_line(spot.sentence, SENTENCE_WIDTH)}")
        if spot.sentence_shown != spot.sentence:
            lines.append(f"     → {_line(spot.sentence_shown, SENTENCE_WIDTH)}")
        else:
            lines.append("     → " + _("(unchanged)"))
    return "\n".join(lines)


def write_review_csv(review: Review, path: str | Path) -> Path:
    """The whole review list as a CSV file a Dutch Excel opens right."""
    from models.files import FileError, write_whole
    from models.files.csv_export import to_csv
    from models.public_review import review_columns, review_rows

    target = Path(path).expanduser()
    if target.is_dir():
        raise BazError(
            _("{path} is a folder: give a file name for the review list.").format(path=target)
        )
    if not target.suffix:
        target = target.with_suffix(".csv")
    if not target.parent.is_dir():
        raise BazError(_("The folder {folder} does not exist.").format(folder=target.parent))
    try:
        return write_whole(target, to_csv([review_columns(), *review_rows(review.spots)]))
    except FileError as error:
        raise BazError(error.message) from error


def _line(text: str, width: int = 0) -> str:
    """User text on one terminal line: no control characters, whitespace collapsed, cut."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text
