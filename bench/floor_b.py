"""Floor B: a bare Textual app that imports SQLModel, opens the database and lists meetings.

This is what any SQLModel app must pay before its first rows are visible.
"""

import sys

from sqlalchemy import text
from sqlmodel import create_engine
from textual.app import App, ComposeResult
from textual.widgets import DataTable


class MeetingList(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        engine = create_engine(f"sqlite:///{sys.argv[1]}")
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT date, title, status FROM meeting ORDER BY date DESC, id DESC")
            ).all()
        table = self.query_one(DataTable)
        table.add_columns("Date", "Title", "Status")
        for row in rows:
            table.add_row(str(row[0]), row[1], row[2])


if __name__ == "__main__":
    MeetingList().run()
