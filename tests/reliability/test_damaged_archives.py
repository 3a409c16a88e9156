"""Damaged and contested archives: each gets a clear message, and nothing is lost.

Truncated and corrupted files, files that are not archives, read-only files and
folders, a full disk, an archive locked by another running copy, and archives of
every earlier schema version (migrated, with a backup).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from archive_gui.core.importer import import_paths
from archive_gui.core.records import ArticleMeta, Extraction
from archive_gui.core.store import Archive, ArchiveError, RecordKind
from archive_gui.core.store import migrations as migrations_module
from archive_gui.core.store.migrations import available_migrations
from archive_gui.core.store.search_sql import search_ids
from tests.core.store.test_chart_totals import assert_totals_kept
from tests.reliability.helpers import (
    ROOT,
    check_archive_file,
    child_env,
    python,
    table_counts,
    unprivileged,
    write_crash_corpus,
)

FIXTURES = ROOT / "tests" / "data" / "archives"
LATEST = available_migrations()[-1].version
V1_TABLES = ("articles", "places", "speakers", "quotes", "operations", "tags", "quote_tags")


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name)}


@pytest.fixture
def full_archive(tmp_path) -> Path:
    """An archive file of a few dozen pages, checkpointed into one file."""
    path = tmp_path / "archive.db"
    with Archive.open(path) as archive:
        import_paths(archive, [write_crash_corpus(tmp_path / "articles", 40)["article-0000.txt"]])
        import_paths(archive, [tmp_path / "articles"])
        archive.checkpoint()
        assert archive.totals().articles == 40
    return path


# -- earlier schema versions -------------------------------------------------------------


def test_there_is_a_fixture_archive_for_every_earlier_schema_version():
    have = sorted(int(p.stem.removeprefix("schema_v")) for p in FIXTURES.glob("schema_v*.sqlite"))
    assert have == list(range(1, LATEST)), (
        "an archive of each earlier schema version is kept in tests/data/archives: "
        "run `python tests/data/archives/make_archives.py` and commit the new file"
    )


def _v1_columns() -> dict[str, list[str]]:
    conn = sqlite3.connect(FIXTURES / "schema_v1.sqlite")
    try:
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in V1_TABLES}
    finally:
        conn.close()


def _dump(conn: sqlite3.Connection) -> dict[str, list]:
    """The rows of the version-1 tables, in the version-1 columns (every later one keeps them)."""
    dump = {}
    for table, columns in _v1_columns().items():
        names = ", ".join(f'"{c}"' for c in columns)
        dump[table] = conn.execute(f"SELECT {names} FROM {table} ORDER BY 1, 2").fetchall()
    return dump


@pytest.mark.parametrize("version", range(1, LATEST))
def test_an_archive_of_an_earlier_version_is_migrated_with_a_backup(tmp_path, version):
    fixture = FIXTURES / f"schema_v{version}.sqlite"
    if not fixture.exists():
        pytest.fail(f"missing {fixture.name}: run tests/data/archives/make_archives.py")
    path = tmp_path / "archive.db"
    shutil.copy(fixture, path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        before = _dump(conn)
    conn.close()
    assert sum(len(rows) for rows in before.values()) > 15

    with Archive.open(path) as archive:
        assert archive.schema_version == LATEST
        backup = archive.backup_path
        assert backup is not None and backup.name.startswith(f"archive.db.v{version}-")
        after = _dump(archive.db.conn)
        assert after == before  # every row, every value
        assert_totals_kept(archive)  # the tables that version 7 fills from the records
        # what came with later versions works on the old data: search, export, tags
        assert search_ids(archive.db, RecordKind.QUOTES, "terrified") == [2]
        quotes = {row["id"]: row for row in archive.iter_export(RecordKind.QUOTES)}
        assert sorted(quotes[2]["tags"]) == ["people/families", "policy"]
        assert quotes[1]["note"] == "checked against the print edition"
        schema = archive.db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    with Archive.open(tmp_path / "new.db") as fresh:
        assert (
            schema
            == fresh.db.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            ).fetchall()
        ), "a migrated archive differs from a new one"
    check_archive_file(path).close()
    with sqlite3.connect(backup) as copy:  # the backup is the archive as it was
        assert copy.execute("PRAGMA user_version").fetchone()[0] == version
        assert _dump(copy) == before
    copy.close()


def test_an_archive_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    shutil.copy(FIXTURES / "schema_v1.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(migrations_module.ArchiveTooNewError, match="newer version"):
        Archive.open(path)
    assert path.read_bytes() == before and siblings(path) == {"future.db"}


# -- damaged files ---------------------------------------------------------------------


@pytest.mark.parametrize("keep", [50, 100, 1024, 4096, 0.5, -4096])
def test_a_truncated_archive_is_refused_with_a_clear_message(full_archive, keep):
    data = full_archive.read_bytes()
    cut = keep if isinstance(keep, int) and keep > 0 else int(len(data) * keep) if keep < 1 else 0
    cut = len(data) + keep if isinstance(keep, int) and keep < 0 else cut
    full_archive.write_bytes(data[:cut])
    with pytest.raises(ArchiveError, match="damaged|not a usable archive") as error:
        Archive.open(full_archive)
    assert str(full_archive) in str(error.value)
    assert full_archive.read_bytes() == data[:cut]  # left as it was, for recovery
    assert siblings(full_archive) == {"archive.db"}


@pytest.mark.parametrize("where", [0.3, 0.5, 0.8])
def test_a_corrupted_archive_is_refused_with_a_clear_message(full_archive, where):
    data = bytearray(full_archive.read_bytes())
    page = int(len(data) * where) // 4096 * 4096
    data[page + 8 : page + 4096] = os.urandom(4096 - 8)  # a page's cells: garbage
    full_archive.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="is damaged") as error:
        Archive.open(full_archive)
    assert "was not opened" in str(error.value)
    assert full_archive.read_bytes() == bytes(data)


@pytest.mark.parametrize(
    "content",
    [
        b"These are my notes, not an archive.\n" * 200,
        b"\x89PNG\r\n\x1a\n" + bytes(5000),
        b"PK\x03\x04" + os.urandom(5000),
        bytes(range(256)) * 40,
    ],
    ids=["text", "png", "zip", "binary"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match="not a usable archive: it is not an SQLite database"):
        Archive.open(path)
    assert path.read_bytes() == content and siblings(path) == {"notes.db"}


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "browser-history.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE visits (url TEXT, at TEXT)")
    conn.execute("INSERT INTO visits VALUES ('https://example.org', '2024')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match="not an archive-gui archive"):
        Archive.open(path)
    assert path.read_bytes() == before


# -- read-only files and folders ---------------------------------------------------------

_OPEN_SCRIPT = """
import json, sys
from archive_gui.core.store import Archive, ArchiveError
try:
    Archive.open(sys.argv[1]).close()
    print(json.dumps({"opened": True}))
except ArchiveError as exc:
    print(json.dumps({"opened": False, "message": str(exc)}))
"""


def _open_unprivileged(path: Path) -> dict:
    command = unprivileged(python("-c", _OPEN_SCRIPT, str(path)))
    if command is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    result = subprocess.run(
        command, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_read_only_archive_file_gets_a_clear_message(full_archive):
    full_archive.chmod(0o444)
    before = full_archive.read_bytes()
    outcome = _open_unprivileged(full_archive)
    assert not outcome["opened"]
    assert "read-only" in outcome["message"] and "file" in outcome["message"]
    assert full_archive.read_bytes() == before


@pytest.mark.parametrize("exists", [True, False], ids=["existing archive", "new archive"])
def test_a_read_only_folder_gets_a_clear_message(full_archive, exists):
    folder = full_archive.parent / "read-only"
    folder.mkdir()
    path = folder / "archive.db"
    if exists:
        shutil.copy(full_archive, path)
        path.chmod(0o666)
    folder.chmod(0o555)
    try:
        outcome = _open_unprivileged(path)
    finally:
        folder.chmod(0o755)
    assert not outcome["opened"]
    assert "folder is read-only" in outcome["message"]


# -- full disk -------------------------------------------------------------------------


def test_a_full_disk_fails_each_article_cleanly_and_loses_nothing(tmp_path):
    files = write_crash_corpus(tmp_path / "articles", 30)
    path = tmp_path / "archive.db"
    with Archive.open(path) as archive:
        (pages,) = archive.db.execute("PRAGMA page_count").fetchone()
        archive.db.execute(f"PRAGMA max_page_count = {pages + 12}")  # a nearly full disk
        report = import_paths(archive, [tmp_path / "articles"])
        assert 0 < report.added < len(files) and len(report.failed) == len(files) - report.added
        for _, reason in report.failed:
            assert "is full" in reason and "nothing was written" in reason
        held = table_counts(archive.db.conn)
    conn = check_archive_file(path)
    assert table_counts(conn) == held
    conn.close()
    with Archive.open(path) as archive:  # space again: the rest go in, none twice
        again = import_paths(archive, [tmp_path / "articles"])
        assert (again.added, again.skipped, again.failed) == (
            len(files) - report.added,
            report.added,
            [],
        )
        assert archive.totals().articles == len(files)


# -- another running copy ----------------------------------------------------------------

_LOCKER = """
import sys
from archive_gui.core.store import Archive
from tests.core.store.test_chart_totals import assert_totals_kept
archive = Archive.open(sys.argv[1])
archive.db.conn.execute("BEGIN IMMEDIATE")
archive.db.conn.execute("INSERT INTO tags (name) VALUES ('held by the other copy')")
print("LOCKED", flush=True)
sys.stdin.readline()
archive.db.conn.execute(sys.argv[2])
archive.close()
"""


def _locker(path: Path, then: str = "COMMIT") -> subprocess.Popen:
    locker = subprocess.Popen(
        python("-c", _LOCKER, str(path), then),
        cwd=ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdout.readline().strip() == "LOCKED"
    return locker


def _release(locker: subprocess.Popen) -> None:
    locker.stdin.write("\n")
    locker.stdin.close()
    assert locker.wait(30) == 0
    locker.stdout.close()


def test_an_archive_locked_by_another_copy_waits_then_says_so(full_archive, monkeypatch):
    monkeypatch.setattr(migrations_module, "BUSY_TIMEOUT_SECONDS", 0.5)
    locker = _locker(full_archive)
    try:
        with Archive.open(full_archive) as archive:  # reading goes on during the other write
            assert archive.totals().articles == 40
            started = time.perf_counter()
            with pytest.raises(ArchiveError, match="in use by another program") as error:
                archive.add_article("A new text.", ArticleMeta(), Extraction(), "test")
            assert 0.4 < time.perf_counter() - started < 5
            assert "0.5 seconds" in str(error.value) and "Nothing was changed" in str(error.value)
            _release(locker)
            locker = None
            # once the other copy has finished, this one writes and sees its work
            archive.add_article("A new text.", ArticleMeta(), Extraction(), "test")
            assert archive.totals().articles == 41
            names = [row[0] for row in archive.db.execute("SELECT name FROM tags")]
            assert "held by the other copy" in names
    finally:
        if locker is not None:
            _release(locker)


def test_two_windows_on_one_archive_both_read_and_write(full_archive):
    with Archive.open(full_archive) as first, Archive.open(full_archive) as second:
        first.add_article("Written by the first window.", ArticleMeta(), Extraction(), "test")
        assert second.totals().articles == 41  # WAL: the second sees the commit
        second.add_article("Written by the second window.", ArticleMeta(), Extraction(), "test")
        assert first.totals().articles == 42
    check_archive_file(full_archive).close()


def test_opening_while_another_copy_holds_an_exclusive_lock_says_so(full_archive, monkeypatch):
    """An archive in rollback-journal mode (an older copy, or a tool) locked exclusively."""
    monkeypatch.setattr(migrations_module, "BUSY_TIMEOUT_SECONDS", 0.5)
    conn = sqlite3.connect(full_archive, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = full_archive.read_bytes()
    locker = subprocess.Popen(
        python("-c", _EXCLUSIVE, str(full_archive)),
        cwd=ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdout.readline().strip() == "LOCKED"
    try:
        with pytest.raises(ArchiveError, match="in use by another program"):
            Archive.open(full_archive)
    finally:
        _release(locker)
    assert full_archive.read_bytes() == before
    with Archive.open(full_archive) as archive:  # and once it is free, it opens
        assert archive.totals().articles == 40


_EXCLUSIVE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("LOCKED", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""
