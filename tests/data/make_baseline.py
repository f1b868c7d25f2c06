"""How ``tests/data/baseline-0001.sqlite`` was made: a BaZ database of the first release.

Run from the repository root::

    .venv/bin/python tests/data/make_baseline.py            # writes tests/data/baseline-0001.sqlite
    .venv/bin/python tests/data/make_baseline.py other.db   # or somewhere else

The schema comes from the real migrations, run only up to ``0001_baseline``; the rows are plain
SQL written against that schema, with the values spelled out. So the file does not depend on
today's models: it is what a user of the first release has on disk. It is a rollback-journal
file (no ``-wal`` beside it), so the one file is the whole database.

The committed file is kept as it is: ``tests/store/test_baseline_upgrade.py`` checks that opening a
copy leaves a backup byte-identical to it. Make it again only when the data below changes.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(__file__).with_name("baseline-0001.sqlite")
REVISION = "0001_baseline"

# Moments are stored as SQLAlchemy stores a naive UTC DateTime on SQLite.
ROWS: dict[str, list[dict[str, object]]] = {
    "process": [
        {
            "id": 1,
            "title": "Herinrichting speelplein Wielwijk",
            "neighbourhood": "Wielwijk",
            "participation_level": "meebeslissen",
            "budget_euro_cents": 8_500_000,
            "decision_deadline": "2025-03-01",
            "fixed_text": "Het plein blijft openbaar; bomen blijven staan.",
            "open_text": "Welke toestellen, waar de bankjes komen.",
            "feedback_text": "Nieuwsbrief in de wijk, binnen twee weken.",
            "created_at": "2025-01-06 09:00:00.000000",
        }
    ],
    "meeting": [
        {
            "id": 1,
            "process_id": 1,
            "title": "Bewonersavond speelplein",
            "date": "2025-01-14",
            "start_time": "19:30:00.000000",
            "scheduled_end_time": "21:30:00.000000",
            "location": "Wijkcentrum De Wielslag",
            "chair": "Jan de Vries",
            "note_taker": "Els Verbeek",
            "status": "gesloten",
            "actual_start": "2025-01-14 18:32:00.000000",
            "actual_end": "2025-01-14 20:21:00.000000",
            "agenda_adopted_at": "2025-01-14 18:35:00.000000",
            "minutes_status": "concept",
            "minutes_approved_on": None,
            "beamer_view": "",
            "created_at": "2025-01-06 09:05:00.000000",
        },
        {
            "id": 2,
            "process_id": 1,
            "title": "Tweede bewonersavond speelplein",
            "date": "2025-02-11",
            "start_time": "19:30:00.000000",
            "scheduled_end_time": None,
            "location": "Wijkcentrum De Wielslag",
            "chair": "Jan de Vries",
            "note_taker": "",
            "status": "gepland",
            "actual_start": None,
            "actual_end": None,
            "agenda_adopted_at": None,
            "minutes_status": "concept",
            "minutes_approved_on": None,
            "beamer_view": "",
            "created_at": "2025-01-15 10:00:00.000000",
        },
    ],
    "attendee": [
        # id, name, role, presence, consent, arrived_at
        {
            "id": i,
            "meeting_id": 1,
            "name": n,
            "role": r,
            "presence": p,
            "consent": c,
            "arrived_at": a,
            "left_at": None,
            "created_at": "2025-01-06 09:10:00.000000",
        }
        for i, n, r, p, c, a in [
            (1, "Jan de Vries", "voorzitter", "aanwezig", "naam", "2025-01-14 18:20:00.000000"),
            (2, "Fatima Ouali", "bewoner", "aanwezig", "anoniem", "2025-01-14 18:25:00.000000"),
            (3, "Piet Jansen", "bewoner", "aanwezig", "initialen", "2025-01-14 18:26:00.000000"),
            (4, "Anna Bakker", "bewoner", "afwezig_met_kennisgeving", "anoniem", None),
            (5, "Mohammed El Amrani", "gemeente", "aanwezig", "naam", "2025-01-14 18:28:00.000000"),
            (6, "Els Verbeek", "notulist", "aanwezig", "naam", "2025-01-14 18:15:00.000000"),
            (7, "Sanne Visser", "gast", "afwezig", "anoniem", None),
        ]
    ],
    "agendaitem": [
        {
            "id": i,
            "meeting_id": 1,
            "position": i - 1,
            "title": t,
            "purpose": p,
            "hamerstuk": h,
            "hamered_at": ha,
            "planned_minutes": m,
            "speaking_limit_seconds": 120,
            "order_policy": "eerst_nieuwe_sprekers",
            "speakers_closed": 0,
            "dots_per_participant": 3,
            "started_at": s,
            "ended_at": e,
            "notes": nt,
            "created_at": "2025-01-06 09:06:00.000000",
        }
        for i, t, p, h, ha, m, s, e, nt in [
            (
                1,
                "Opening",
                "ter_informatie",
                0,
                None,
                5,
                "2025-01-14 18:32:00.000000",
                "2025-01-14 18:35:00.000000",
                "Welkom door Jan.",
            ),
            (
                2,
                "Vaststellen agenda",
                "ter_besluitvorming",
                1,
                "2025-01-14 18:35:00.000000",
                2,
                "2025-01-14 18:35:00.000000",
                "2025-01-14 18:36:00.000000",
                "",
            ),
            (
                3,
                "Speelplein: wat willen we?",
                "ter_besluitvorming",
                0,
                None,
                60,
                "2025-01-14 18:36:00.000000",
                "2025-01-14 20:10:00.000000",
                "Veel kinderen uit de flats.\n- Toestellen zijn kapot\n- Te weinig bankjes",
            ),
            (
                4,
                "Rondvraag",
                "ter_bespreking",
                0,
                None,
                10,
                "2025-01-14 20:10:00.000000",
                "2025-01-14 20:20:00.000000",
                "",
            ),
            (
                5,
                "Sluiting",
                "ter_informatie",
                0,
                None,
                2,
                "2025-01-14 20:20:00.000000",
                "2025-01-14 20:21:00.000000",
                "",
            ),
        ]
    ],
    "speakerentry": [
        {
            "id": i,
            "agenda_item_id": 3,
            "attendee_id": a,
            "kind": k,
            "position": pos,
            "requested_at": rq,
            "started_at": st,
            "ended_at": en,
            "paused_at": None,
            "paused_seconds": ps,
            "spoken_seconds": sp,
            "overtime_seconds": ot,
            "removed_at": rm,
        }
        for i, a, k, pos, rq, st, en, ps, sp, ot, rm in [
            (
                1,
                2,
                "normaal",
                0,
                "2025-01-14 18:37:00.000000",
                "2025-01-14 18:38:00.000000",
                "2025-01-14 18:40:30.000000",
                0,
                150,
                30,
                None,
            ),
            (
                2,
                5,
                "normaal",
                1,
                "2025-01-14 18:37:10.000000",
                "2025-01-14 18:40:30.000000",
                "2025-01-14 18:42:00.000000",
                10,
                80,
                0,
                None,
            ),
            (
                3,
                None,
                "normaal",
                2,
                "2025-01-14 18:39:00.000000",
                "2025-01-14 18:42:00.000000",
                "2025-01-14 18:43:00.000000",
                0,
                60,
                0,
                None,
            ),
            (
                4,
                3,
                "punt_van_orde",
                0,
                "2025-01-14 18:41:00.000000",
                None,
                None,
                0,
                None,
                None,
                "2025-01-14 18:41:30.000000",
            ),
        ]
    ]
    + [
        # The first release left this turn open: Mohammed had the floor (paused once for 10 s,
        # and paused again at 20:09 UTC) when the chair moved on to "Rondvraag" at 20:10. Upgrading
        # ends it there (0003_end_open_turns): 210 s, less 70 s of pauses, is 140 s spoken.
        {
            "id": 5,
            "agenda_item_id": 3,
            "attendee_id": 5,
            "kind": "normaal",
            "position": 0,
            "requested_at": "2025-01-14 20:06:00.000000",
            "started_at": "2025-01-14 20:06:30.000000",
            "ended_at": None,
            "paused_at": "2025-01-14 20:09:00.000000",
            "paused_seconds": 10,
            "spoken_seconds": None,
            "overtime_seconds": None,
            "removed_at": None,
        }
    ],
    "card": [
        {
            "id": i,
            "agenda_item_id": 3,
            "kind": k,
            "text": t,
            "parent_id": par,
            "author_attendee_id": au,
            "dots": d,
            "position": pos,
            "created_at": "2025-01-14 18:50:00.000000",
        }
        for i, k, t, par, au, d, pos in [
            (1, "kernprobleem", "Kinderen kunnen nergens veilig spelen", None, None, 0, 0),
            (2, "oorzaak", "De toestellen zijn kapot", 1, 2, 4, 0),
            (3, "oorzaak", "Auto's rijden te hard langs het plein", 1, None, 2, 1),
            (4, "gevolg", "Kinderen spelen op straat", 1, 3, 0, 0),
            (5, "oplossing", "Nieuwe toestellen en een hek", 2, None, 5, 0),
        ]
    ],
    "poll": [
        {
            "id": 1,
            "agenda_item_id": 3,
            "question": "Nieuwe toestellen en een hek rond het speelplein",
            "method": "voor_tegen_onthouding",
            "base": "voor_tegen",
            "threshold": "meer_dan_helft",
            "threshold_percent": None,
            "quorum_numerator": None,
            "quorum_denominator": None,
            "eligible_count": None,
            "present_count": 4,
            "dots_per_participant": None,
            "status": "vastgesteld",
            "result_text": "Aangenomen: 3 voor, 1 tegen, 0 onthouding (nodig: 3 van 4).",
            "opened_at": "2025-01-14 19:55:00.000000",
            "declared_at": "2025-01-14 20:05:00.000000",
            "previous_poll_id": None,
            "source_card_id": 5,
            "digital_source": "",
        }
    ],
    "polloption": [
        {"id": 1, "poll_id": 1, "position": 0, "label": "voor"},
        {"id": 2, "poll_id": 1, "position": 1, "label": "tegen"},
        {"id": 3, "poll_id": 1, "position": 2, "label": "onthouding"},
    ],
    "votecount": [
        {"id": i, "poll_id": 1, "option_id": o, "channel": ch, "count": n}
        for i, o, ch, n in [
            (1, 1, "zaal", 2),
            (2, 1, "digitaal", 1),
            (3, 2, "zaal", 1),
            (4, 2, "digitaal", 0),
            (5, 3, "zaal", 0),
            (6, 3, "digitaal", 0),
        ]
    ],
    "decision": [
        {
            "id": 1,
            "meeting_id": 1,
            "agenda_item_id": 3,
            "process_id": 1,
            "poll_id": 1,
            "year": 2025,
            "number": 1,
            "text": "Het speelplein krijgt nieuwe toestellen en een hek.",
            "created_at": "2025-01-14 20:05:30.000000",
        }
    ],
    "actionitem": [
        {
            "id": 1,
            "meeting_id": 1,
            "agenda_item_id": 3,
            "process_id": 1,
            "source_card_id": 5,
            "what": "Offertes voor toestellen opvragen",
            "who": "Mohammed El Amrani",
            "due": "2025-02-10",
            "status": "open",
            "status_meeting_id": None,
            "status_changed_at": None,
            "created_at": "2025-01-14 20:06:00.000000",
        },
        {
            "id": 2,
            "meeting_id": 1,
            "agenda_item_id": None,
            "process_id": 1,
            "source_card_id": None,
            "what": "Verslag in de nieuwsbrief",
            "who": "Els Verbeek",
            "due": None,
            "status": "gedaan",
            "status_meeting_id": 1,
            "status_changed_at": "2025-01-14 20:15:00.000000",
            "created_at": "2025-01-14 20:07:00.000000",
        },
    ],
}


def schema_at_baseline(path: Path) -> None:
    """An empty file brought to ``0001_baseline`` by the real migration scripts."""
    sys.path.insert(0, str(ROOT))
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from models.database.migrate import SCRIPT_LOCATION

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        config = Config()
        config.set_main_option("script_location", str(SCRIPT_LOCATION))
        config.attributes["connection"] = conn
        command.upgrade(config, REVISION)
        conn.commit()
    engine.dispose()


def fill(path: Path) -> None:
    """The rows above, inserted with plain SQL (parents before children)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        with conn:
            for table, rows in ROWS.items():
                for row in rows:
                    names = ", ".join(row)
                    marks = ", ".join("?" for _ in row)
                    conn.execute(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values())
                    )
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        assert version == [(REVISION,)], version
        conn.execute("VACUUM")  # compact, and no free pages that hold stale bytes
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else TARGET
    target.unlink(missing_ok=True)
    schema_at_baseline(target)
    fill(target)
    print(f"{target}: {target.stat().st_size} bytes at {REVISION}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
