"""Schema migrations: applied in order, backed up first, newer archives refused."""

from __future__ import annotations

import sqlite3

import pytest

from archive_gui.core.store import Archive, ArchiveTooNewError
from archive_gui.core.store.migrations import available_migrations, migrate


def test_new_archive_is_at_the_latest_version(tmp_path):
    with Archive.open(tmp_path / "a.db") as archive:
        assert archive.schema_version == available_migrations()[-1].version
        assert archive.backup_path is None  # nothing to back up in a new file


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_archive_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ArchiveTooNewError, match="newer version"):
        Archive.open(path)
    assert path.read_bytes() == before


def _write_migrations(folder, *scripts):
    folder.mkdir()
    for number, script in enumerate(scripts, start=1):
        (folder / f"{number:04d}_step.sql").write_text(script)
    return available_migrations(folder)


def test_pending_migrations_back_up_the_file_first(tmp_path):
    steps = _write_migrations(
        tmp_path / "db",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);",
        "ALTER TABLE notes ADD COLUMN tag TEXT;",
    )
    path = tmp_path / "archive.db"
    conn = sqlite3.connect(path)
    migrate(conn, path, steps[:1])
    conn.execute("INSERT INTO notes (body) VALUES ('kept')")
    conn.commit()

    backup = migrate(conn, path, steps)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert backup is not None and backup.exists()
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT body FROM notes").fetchall() == [("kept",)]
    copy.close()
    conn.close()


def test_failed_migration_rolls_back_to_the_previous_version(tmp_path):
    steps = _write_migrations(
        tmp_path / "db",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY);",
        "CREATE TABLE half (x); CREATE TABLE notes (id);",  # second statement fails
    )
    path = tmp_path / "archive.db"
    conn = sqlite3.connect(path)
    migrate(conn, path, steps[:1])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, path, steps)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half" not in tables
    conn.close()


def test_missing_migration_number_is_an_error(tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    (folder / "0001_a.sql").write_text("CREATE TABLE a (x);")
    (folder / "0003_c.sql").write_text("CREATE TABLE c (x);")
    with pytest.raises(RuntimeError, match="0002"):
        available_migrations(folder)
