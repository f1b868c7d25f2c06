"""Damaged, unreadable and unwritable files: one clear line, a non-zero exit, nothing lost.

Every case runs the commands a user types — ``baz``, ``baz list``, ``baz export``,
``baz beamer`` — and checks that stderr is one line in the user's language (Dutch here, the
default), that there is no traceback, and that the file is exactly as it was.

Permissions and root. The tests may run as root (here, and perhaps in CI), and root ignores
``chmod``. As root, the commands run in a child process whose capabilities to override file
permissions are dropped (``setpriv`` removes CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and
CAP_FOWNER from the bounding set): it is still uid 0, but the kernel now checks the mode bits
as for any owner, so ``chmod a-w`` really refuses writes — to BaZ's own checks (``os.access``)
and to SQLite's C code alike. That is the real thing, not a model of it. Where ``setpriv`` is
missing or not allowed, the refusal is simulated at the OS boundary instead: ``os.access``
answers "not writable" for the file or the folder, which is what the kernel answers a normal
user, and the checks run in this process. Not as root, plain ``chmod`` is used.

A full disk during the export is a writer that fails part-way with ENOSPC (always), and, when
the tests may mount, a real 64 KiB tmpfs in a private mount namespace (``unshare -m``).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import pty
import random
import re
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
import textwrap
import time as clock
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path

import pytest

from baz_tui import cli
from baz_tui.i18n import current_language, install_language
from models.database import migrate
from models.i18n import _
from models.store import Store
from tests.conftest import DROP_OVERRIDE, ROOT, privileges_can_be_dropped

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>])")

NOT_BAZ = "{path} is not a BaZ database (the file is damaged or of another kind)."
DAMAGED = (
    "{path} is damaged: BaZ cannot read it. Nothing was changed; open a backup copy of it "
    "instead, if there is one."
)
FOLDER = "{path} is a folder, not a database file."
NO_PERMISSION = "Cannot open {path}: no permission to read or write it."
FOLDER_NOT_WRITABLE = (
    "Cannot open {path}: BaZ also writes files next to it, and it may not write in the folder "
    "{folder}."
)
CANNOT_WRITE = "Cannot write {path}: {reason}"


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


# ------------------------------------------------------------------------------ helpers


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_real_database(path: Path) -> None:
    """A real BaZ database (WAL, as BaZ leaves it) with a meeting big enough for many pages."""
    store = Store.open(path)
    meeting = store.create_meeting("Buurtoverleg", date(2026, 1, 13), time(19, 30))
    for n in range(60):
        store.add_attendee(meeting.id, f"Bewoner {n:02d} van de Wielwijk")
    for n in range(12):
        store.add_agenda_item(meeting.id, f"Punt {n}", notes="Aantekening. " * 200)
    store.close()


@pytest.fixture(scope="module")
def real_database(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("real") / "baz.db"
    _make_real_database(path)
    assert not path.with_name("baz.db-wal").exists()  # closed: the file is the database
    return path.read_bytes()


def _with_meeting_table_destroyed(data: bytes) -> bytes:
    """The real file with the page of the meeting table overwritten by noise.

    The header, the schema and the revision stay readable, so BaZ opens the file; the damage
    shows only when the meetings are read — the case SQLite calls "malformed".
    """
    page_size = int.from_bytes(data[16:18], "big")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(data[:18] + b"\x01\x01" + data[20:])  # in memory: no WAL
    (root_page,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'meeting'"
    ).fetchone()
    conn.close()
    damaged = bytearray(data)
    start = (root_page - 1) * page_size
    damaged[start : start + page_size] = random.Random(3).randbytes(page_size)
    return bytes(damaged)


#: How each damaged file is made, from the bytes of a real database.
DAMAGE: dict[str, Callable[[Path, bytes], None]] = {
    "random bytes": lambda p, _db: p.write_bytes(random.Random(7).randbytes(16384)),
    "cut off at half": lambda p, db: p.write_bytes(db[: len(db) // 2]),
    "cut off after the first page": lambda p, db: p.write_bytes(db[:4096]),
    "cut off inside the header": lambda p, db: p.write_bytes(db[:60]),
    "a text file": lambda p, _db: p.write_text("Notulen van de vorige keer\n", encoding="utf-8"),
    "a folder": lambda p, _db: p.mkdir(),
    "the meeting table destroyed": lambda p, db: p.write_bytes(_with_meeting_table_destroyed(db)),
}
#: The sentence each case must end in; a file destroyed inside may be caught at either step.
EXPECTED = {
    "random bytes": (NOT_BAZ,),
    "cut off at half": (NOT_BAZ,),
    "cut off after the first page": (NOT_BAZ,),
    "cut off inside the header": (NOT_BAZ,),
    "a text file": (NOT_BAZ,),
    "a folder": (FOLDER,),
    "the meeting table destroyed": (DAMAGED, NOT_BAZ),
}
COMMANDS = {
    "baz": (),
    "baz list": ("list",),
    "baz export": ("export", "1"),
    "baz beamer": ("beamer",),
}


def _state(folder: Path) -> dict[str, str]:
    """Every entry of a folder with its content hash (folders as "<folder>")."""
    return {p.name: "<folder>" if p.is_dir() else _sha256(p) for p in sorted(folder.iterdir())}


def _baz(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``baz --lang nl ARGS`` in this process: the exit code, stdout and stderr."""
    capsys.readouterr()
    code = cli.main(["--lang", "nl", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _baz_in_a_terminal(*args: str, timeout: float = 60) -> tuple[int, str]:
    """``baz ARGS`` in a pseudo-terminal (the app needs one): exit code and all it printed."""
    main, child = pty.openpty()
    # Wide enough that the closing line is not wrapped.
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 400, 0, 0))
    # The size of the terminal, not one a test runner put in the environment (xdist workers).
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "baz_tui", "--lang", "nl", *args],
        cwd=ROOT,
        env=env,
        stdin=child,
        stdout=child,
        stderr=child,
        close_fds=True,
    )
    os.close(child)
    output = bytearray()
    deadline = clock.monotonic() + timeout
    try:
        while clock.monotonic() < deadline:
            ready, _w, _x = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        else:
            process.kill()
            raise AssertionError(f"baz did not end: {bytes(output)[-500:]!r}")
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    text = ANSI.sub("", output.decode("utf-8", "replace")).replace("\r", "\n")
    return code, text


def _assert_one_clear_line(code: int, out: str, err: str, *sentences: str) -> None:
    assert code == 2, (code, out, err)
    assert out == ""
    assert "Traceback" not in err and "\x1b" not in err
    assert err.endswith("\n") and len(err.splitlines()) == 1, err
    assert err.rstrip("\n") in sentences, err


# ------------------------------------------------------------------ damaged databases


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_database_is_one_clear_line_and_stays_as_it_was(
    damage: str,
    command: str,
    real_database: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "baz.db"
    DAMAGE[damage](db, real_database)
    before = _state(tmp_path)
    if command == "baz" and damage == "the meeting table destroyed":
        # Only this file gets past the checks before the app starts: the app itself must end
        # with the line. It needs a terminal, so it runs in a pseudo-terminal.
        code, printed = _baz_in_a_terminal("--db", str(db))
        install_language("nl")
        assert code == 2, printed
        assert "Traceback" not in printed
        # The line comes after the app has given the terminal back, as the last output.
        expected = tuple(_(s).format(path=db) for s in EXPECTED[damage])
        assert printed.rstrip().endswith(expected), printed[-800:]
    else:
        code, out, err = _baz(capsys, "--db", str(db), *COMMANDS[command])
        _assert_one_clear_line(code, out, err, *(_(s).format(path=db) for s in EXPECTED[damage]))
    _assert_as_it_was(tmp_path, before, reader=command == "baz beamer")


def _assert_as_it_was(folder: Path, before: dict[str, str], *, reader: bool) -> None:
    """The folder as it was; a reader (the beamer) may leave SQLite's empty journal files.

    The beamer opens a WAL database read-only, and a read-only connection cannot remove the
    shared-memory index and the (empty) log it needed to read; the next BaZ that writes
    cleans them up. The database file itself must be byte for byte the same.
    """
    after = _state(folder)
    if reader:
        empty = hashlib.sha256(b"").hexdigest()
        for name in [n for n in after if n not in before]:
            assert name.endswith(("-shm", "-wal")), name
            if name.endswith("-wal"):
                assert after[name] == empty
            del after[name]
    assert after == before


def test_the_damaged_sentences_are_dutch_for_a_dutch_user(
    real_database: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The catalogue has the sentence: the user reads Dutch, not SQLite's English."""
    db = tmp_path / "baz.db"
    db.write_text("geen database", encoding="utf-8")
    _code, _out, err = _baz(capsys, "--db", str(db), "list")
    assert err == f"{db} is geen BaZ-database (het bestand is beschadigd of is een ander soort bestand).\n"  # fmt: skip


def test_an_empty_file_is_a_new_database_but_never_shown_on_the_beamer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A zero-length file is no damage BaZ can report: SQLite itself treats it as a new
    database, and a first start killed before its first commit leaves exactly that. So the
    app, ``list`` and ``export`` take it as a new, empty database (as test_cli pins down);
    the beamer, which never writes, refuses it and leaves it at zero bytes."""
    db = tmp_path / "baz.db"
    db.touch()
    code, out, err = _baz(capsys, "--db", str(db), "beamer")
    _assert_one_clear_line(
        code,
        out,
        err,
        _("This database is still empty: open it in BaZ first (or run “baz demo”)."),
    )
    assert db.stat().st_size == 0
    code, out, err = _baz(capsys, "--db", str(db), "export", "1")
    _assert_one_clear_line(
        code, out, err, _("There is no {what} with number {id}.").format(what=_("meeting"), id=1)
    )
    code, out, err = _baz(capsys, "--db", str(db), "list")
    assert (code, out, err) == (0, _("No meetings.") + "\n", "")


def test_a_read_in_a_damaged_database_says_so_and_changes_nothing(
    real_database: bytes, tmp_path: Path
) -> None:
    """Found by these tests: the Store said "could not be read or written: database disk
    image is malformed", English inside a Dutch sentence. Now it says the file is damaged."""
    from models.errors import DamagedDatabaseError

    db = tmp_path / "baz.db"
    db.write_bytes(_with_meeting_table_destroyed(real_database))
    before = _sha256(db)
    store = Store.open(db)
    try:
        with pytest.raises(DamagedDatabaseError) as refusal:
            store.list_meetings()
        with pytest.raises(DamagedDatabaseError):
            store.create_meeting("Nog een", date(2026, 2, 1), time(19, 30))
    finally:
        store.close()
    assert str(refusal.value) == _(DAMAGED).format(path=db)
    assert _sha256(db) == before


# ------------------------------------------------------------------ a newer BaZ


@pytest.fixture
def newer_database(tmp_path: Path) -> Path:
    db = tmp_path / "baz.db"
    _make_real_database(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()
    return db


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_database_of_a_newer_baz_is_refused_untouched_by_every_command(
    command: str, newer_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _state(newer_database.parent)
    refusal = (
        "This database was made by a newer version of BaZ (schema {revision}); "
        "update BaZ to open it."
    )
    if command == "baz":
        code, printed = _baz_in_a_terminal("--db", str(newer_database))
        install_language("nl")
        assert code == 2 and "Traceback" not in printed, printed
        assert printed.rstrip().endswith(_(refusal).format(revision="ffff_future")), printed
    else:
        code, out, err = _baz(capsys, "--db", str(newer_database), *COMMANDS[command])
        _assert_one_clear_line(code, out, err, _(refusal).format(revision="ffff_future"))
    _assert_as_it_was(newer_database.parent, before, reader=command == "baz beamer")
    assert migrate.HEAD_REVISION != "ffff_future"


# ------------------------------------------------------------------ read-only files


DROPPABLE = privileges_can_be_dropped()


def _baz_without_override(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    not_writable: Path,
    *args: str,
) -> tuple[int, str, str]:
    """``baz ARGS`` as a user for whom ``chmod a-w`` on ``not_writable`` counts."""
    if not IS_ROOT:
        return _baz(capsys, *args)
    if DROPPABLE:
        result = subprocess.run(
            [*DROP_OVERRIDE, sys.executable, "-m", "baz_tui", "--lang", "nl", *args],
            cwd=ROOT,
            env=dict(os.environ),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.returncode, result.stdout, result.stderr
    # No way to drop root's override here: answer as the kernel answers a normal user.
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(path)).resolve() == not_writable.resolve():
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return _baz(capsys, *args)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("command", ["baz", "baz list", "baz export"])
def test_a_read_only_database_file_is_refused_untouched(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "baz.db"
    _make_real_database(db)
    db.chmod(0o444)
    before = _state(tmp_path)
    args = ("--db", str(db), *COMMANDS[command])
    code, out, err = _baz_without_override(capsys, monkeypatch, db, *args)
    install_language("nl")
    _assert_one_clear_line(code, out, err, _(NO_PERMISSION).format(path=db))
    assert _state(tmp_path) == before


def test_the_beamer_reads_a_read_only_database_file(tmp_path: Path) -> None:
    """The beamer only reads: a read-only file is fine for it (checked as a normal user)."""
    db = tmp_path / "baz.db"
    _make_real_database(db)
    db.chmod(0o444)
    before = _sha256(db)
    code = textwrap.dedent(
        f"""
        from baz_tui.cli_database import preflight
        from models.database import Database
        from models.store import Store
        assert preflight({str(db)!r}, writable=False) is None
        store = Store(Database.open_read_only({str(db)!r}))
        print([m.title for m in store.list_meetings()])
        store.close()
        """
    )
    prefix = DROP_OVERRIDE if DROPPABLE else []
    result = subprocess.run(
        [*prefix, sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Buurtoverleg']"
    assert _sha256(db) == before


def test_writing_through_a_read_only_connection_is_refused_with_nothing_changed(
    tmp_path: Path,
) -> None:
    """What SQLite does when the OS refuses write access after all (the file became read-only,
    or a check passed that the OS then overruled): it opens the file read-only, and every
    write fails. That is the connection ``Database.open_read_only`` makes (``mode=ro``), so it
    stands in for it, as root too. Found by this test: the message was SQLite's English
    "attempt to write a readonly database"."""
    from models.database import Database

    db = tmp_path / "baz.db"
    _make_real_database(db)
    before = _sha256(db)
    store = Store(Database.open_read_only(db))
    try:
        with pytest.raises(Exception) as refusal:
            store.create_meeting("Nog een", date(2026, 2, 1), time(19, 30))
        assert str(refusal.value) == _(
            "Cannot write to {path}: no permission. Nothing was changed."
        ).format(path=db)
        assert [m.title for m in store.list_meetings()] == ["Buurtoverleg"]
    finally:
        store.close()
    assert _sha256(db) == before


@pytest.mark.parametrize("command", ["baz", "baz list", "baz export"])
def test_a_database_in_a_read_only_folder_is_refused_untouched(
    command: str,
    read_only_folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file may be written, the folder not: SQLite's journal cannot be made beside it.
    Found by this test: the message blamed the file ("no permission to read or write it")."""
    db = read_only_folder / "baz.db"
    _make_real_database(db)
    read_only_folder.chmod(0o555)
    before = _state(read_only_folder)
    args = ("--db", str(db), *COMMANDS[command])
    code, out, err = _baz_without_override(capsys, monkeypatch, read_only_folder, *args)
    install_language("nl")
    _assert_one_clear_line(
        code, out, err, _(FOLDER_NOT_WRITABLE).format(path=db, folder=read_only_folder)
    )
    assert _state(read_only_folder) == before


def test_no_new_database_in_a_read_only_folder(
    read_only_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only_folder.chmod(0o555)
    db = read_only_folder / "baz.db"
    code, out, err = _baz_without_override(
        capsys, monkeypatch, read_only_folder, "--db", str(db), "list"
    )
    install_language("nl")
    _assert_one_clear_line(
        code,
        out,
        err,
        _("Cannot create a database in {folder}: no permission to write there.").format(
            folder=read_only_folder
        ),
    )
    assert list(read_only_folder.iterdir()) == []


# ------------------------------------------------------------------ a full disk


@pytest.fixture
def meeting_database(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "baz.db"
    db.parent.mkdir()
    _make_real_database(db)
    return db


def _fail_part_way(monkeypatch: pytest.MonkeyPatch, after: int) -> list[str]:
    """python-docx writes the document part by part into a zip: the disk fills up after
    ``after`` parts (the bytes of those parts are on disk by then)."""
    written: list[str] = []
    real_writestr = zipfile.ZipFile.writestr

    def writestr(self: zipfile.ZipFile, name: object, data: object, *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if len(written) >= after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(str(getattr(name, "filename", name)))
        return real_writestr(self, name, data, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    return written


def test_a_full_disk_during_export_leaves_the_older_minutes_intact(
    meeting_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_folder = tmp_path / "notulen"
    out_folder.mkdir()
    target = out_folder / "notulen.docx"
    target.write_bytes(b"the minutes as sent last week")
    before = _state(out_folder)
    written = _fail_part_way(monkeypatch, after=3)
    code, out, err = _baz(capsys, "--db", str(meeting_database), "export", "1", "-o", str(target))
    assert len(written) == 3  # it really failed part-way, with parts already on disk
    _assert_one_clear_line(
        code, out, err, _(CANNOT_WRITE).format(path=target, reason=_("the disk is full"))
    )
    assert _state(out_folder) == before  # the older file as it was, no half file beside it


def test_a_full_disk_during_export_leaves_no_half_file(
    meeting_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_folder = tmp_path / "notulen"
    out_folder.mkdir()
    _fail_part_way(monkeypatch, after=1)
    code, out, err = _baz(
        capsys, "--db", str(meeting_database), "export", "1", "-o", str(out_folder)
    )
    assert code == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.rstrip("\n").endswith(_("the disk is full"))
    assert list(out_folder.iterdir()) == []


TINY_DISK_SCRIPT = """
set -u
mount -t tmpfs -o size=64k,mode=0755 tmpfs "$SMALL" || exit 77
printf 'the minutes as sent last week' > "$SMALL/notulen.docx"
sha256sum "$SMALL/notulen.docx" | cut -d' ' -f1 > "$OUT/before"
# Fill the disk to the last few kilobytes: the document cannot fit, a little space is left.
dd if=/dev/zero of="$SMALL/vol" bs=1k count=52 2>/dev/null
"$PYTHON" -m baz_tui --lang nl --db "$DB" export 1 -o "$SMALL/notulen.docx" \
    > "$OUT/stdout" 2> "$OUT/stderr" < /dev/null
echo $? > "$OUT/code"
sha256sum "$SMALL/notulen.docx" | cut -d' ' -f1 > "$OUT/after"
ls -A "$SMALL" > "$OUT/listing"
df -k "$SMALL" | tail -1 > "$OUT/df"
"""


def test_a_full_disk_during_export_on_a_real_tiny_filesystem(
    meeting_database: Path, tmp_path: Path
) -> None:
    """The same on a real 64 KiB file system, in a private mount namespace (needs root)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed: no private file system can be mounted")
    small = tmp_path / "small"
    small.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    env = {
        **os.environ,
        "SMALL": str(small),
        "OUT": str(out),
        "DB": str(meeting_database),
        "PYTHON": sys.executable,
    }
    result = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", TINY_DISK_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Skipped only when the file system cannot be mounted (exit 77, or unshare refused);
    # any other failure of the script fails the test.
    if result.returncode == 77 or "unshare:" in result.stderr:
        pytest.skip(f"a tiny file system cannot be mounted here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0 and (out / "code").exists(), result.stderr
    stderr = (out / "stderr").read_text(encoding="utf-8")
    code = int((out / "code").read_text())
    assert (out / "stdout").read_text() == ""
    target = small / "notulen.docx"
    assert (code, stderr) == (
        2,
        _(CANNOT_WRITE).format(path=target, reason=_("the disk is full")) + "\n",
    ), (out / "df").read_text()
    assert (out / "after").read_text() == (out / "before").read_text()
    assert (out / "listing").read_text().split() == ["notulen.docx", "vol"]
    assert list(small.iterdir()) == []  # the namespace is gone, and the mount with it


DATABASE_FULL_SCRIPT = """
set -u
mount -t tmpfs -o size=1m,mode=0755 tmpfs "$SMALL" || exit 77
exec "$PYTHON" -c "$CODE"
"""

DATABASE_FULL_CODE = """
import json, os, sys
from datetime import date, time
from baz_tui.i18n import install_language
install_language("nl")
from models.errors import DatabaseError
from models.store import Store
db = os.path.join(os.environ["SMALL"], "baz.db")
store = Store.open(db)
meeting = store.create_meeting("Buurtoverleg", date(2026, 1, 13), time(19, 30))
saved, message = 0, None
try:
    for n in range(10_000):
        store.add_attendee(meeting.id, f"Bewoner {n:05d} " + "x" * 150)
        saved += 1
except DatabaseError as exc:
    message = str(exc)
store.close()
store = Store.open(db)
kept = len(store.list_attendees(meeting.id))
store.close()
print(json.dumps({"saved": saved, "kept": kept, "message": message, "db": db}))
"""


def test_a_full_disk_under_the_database_loses_no_saved_change(tmp_path: Path) -> None:
    """The database itself on a real tiny file system: the change that does not fit is
    refused with a sentence, every change saved before it is still there."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed: no private file system can be mounted")
    small = tmp_path / "small"
    small.mkdir()
    env = {
        **os.environ,
        "SMALL": str(small),
        "PYTHON": sys.executable,
        "CODE": DATABASE_FULL_CODE,
    }
    result = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", DATABASE_FULL_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode == 77 or "unshare:" in result.stderr:
        pytest.skip(f"a tiny file system cannot be mounted here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["saved"] > 10, report
    assert report["kept"] == report["saved"]
    assert report["message"] == _(
        "The disk of {path} is full: the last change was not saved."
    ).format(path=report["db"])
