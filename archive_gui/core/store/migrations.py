"""Numbered schema migrations from ``db/NNNN_name.sql``, applied in order.

The schema version is SQLite's ``PRAGMA user_version``. Before an existing
archive is migrated, the file is copied next to itself, so a failed or
regretted upgrade never costs the user their archive.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive_gui.core.paths import bundled_path

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")

BUSY_TIMEOUT_SECONDS = 5.0  # how long a write waits for another program's lock
# Archives up to this size get PRAGMA quick_check when opened (~0.4 s for 180 MB).
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024

# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


class ArchiveTooNewError(RuntimeError):
    """The archive was written by a newer version of the application."""


class ArchiveUnusableError(sqlite3.DatabaseError):
    """An archive file that must not be opened (damaged, or another program's database)."""


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available_migrations(directory: Path | None = None) -> list[Migration]:
    """The migrations shipped with the app, sorted by version, with no gaps."""
    directory = directory or bundled_path("db")
    migrations = []
    for path in directory.iterdir():
        match = _MIGRATION_NAME.match(path.name)
        if match:
            migrations.append(Migration(int(match.group(1)), path))
    migrations.sort(key=lambda m: m.version)
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration {expected:04d} is missing from {directory}")
    return migrations


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def refuse_newer(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """The archive's schema version; raises if this code is too old to open it."""
    migrations = available_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    current = schema_version(conn)
    if current > latest:
        raise ArchiveTooNewError(
            f"This archive uses schema version {current}, but this version of "
            f"archive-gui only knows versions up to {latest}. Open it with a newer "
            "version of archive-gui; it has not been changed."
        )
    return current


def refuse_foreign(conn: sqlite3.Connection) -> None:
    """Raise if the file is some other program's SQLite database (tables, but no version)."""
    if schema_version(conn) == 0:
        (tables,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if tables:
            raise ArchiveUnusableError("it is an SQLite database, but not an archive-gui archive")


def check_intact(conn: sqlite3.Connection, db_path: Path) -> None:
    """Raise if SQLite's quick check finds the file damaged (for files it checks quickly)."""
    try:
        size = db_path.stat().st_size
    except OSError:
        return  # a new file
    if size > QUICK_CHECK_MAX_BYTES:
        return  # damage shows when a damaged page is read
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise ArchiveUnusableError(f"database disk image is malformed ({'; '.join(problems)})")


def describe_error(exc: BaseException, db_path: Path | None) -> str:
    """What went wrong with the archive file, for the person using the app."""
    name = str(db_path) if db_path is not None else "the archive"
    text = str(exc).rstrip(".")
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if isinstance(exc, ArchiveUnusableError) and "not an archive-gui archive" in text:
        return f"{name} is not a usable archive: {text}. It has not been changed."
    if primary in (_BUSY, _LOCKED) or text in ("database is locked", "database table is locked"):
        return (
            f"{name} is in use by another program (another archive-gui window or import?) "
            f"and stayed locked for {BUSY_TIMEOUT_SECONDS:g} seconds. Nothing was changed; "
            "try again once it has finished."
        )
    if primary == _FULL or getattr(exc, "errno", None) == errno.ENOSPC:
        return (
            f"The disk holding {name} is full (or the archive reached its size limit), "
            "so nothing was written. Free some space and try again."
        )
    if primary == _READONLY or getattr(exc, "errno", None) in (errno.EACCES, errno.EROFS):
        return (
            f"{name} cannot be written to: the file or its folder is read-only ({text}). "
            "Make both writable, or copy the archive to a folder you can write to."
        )
    if primary == _CANTOPEN:
        return (
            f"Cannot open {name} ({text}): check that you can read and write the file and "
            "its folder (SQLite keeps its journal files beside the archive)."
        )
    if primary == _NOTADB:
        return (
            f"{name} is not a usable archive: it is not an SQLite database ({text}). "
            "It has not been changed."
        )
    if primary == _CORRUPT or "malformed" in text:
        return f"{name} is damaged ({text}) and was not opened.{_backup_hint(db_path)}"
    if primary == _IOERR:
        return f"The disk reported an error reading or writing {name} ({text})."
    return f"{name} is not a usable archive: {text}."


def _backup_hint(db_path: Path | None) -> str:
    if db_path is None:
        return ""
    backups = sorted(db_path.parent.glob(f"{db_path.name}.v*.bak"), key=os.path.getmtime)
    if backups:
        return f" The most recent backup made before a migration is {backups[-1]}."
    return " If you have a copy of it, open that instead."


def backup_file(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    """Copy the archive (consistently, through SQLite's backup API) before migrating.

    A copy that fails part way (a full disk) is removed, and the migration does not run.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.v{version}-{stamp}.bak")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    except BaseException:
        copy.close()
        target.unlink(missing_ok=True)
        raise
    copy.close()
    return target


def migrate(
    conn: sqlite3.Connection,
    db_path: Path | None,
    migrations: list[Migration] | None = None,
) -> Path | None:
    """Bring the archive up to the newest schema; return the backup made, if any.

    Each migration runs in its own transaction together with its version bump,
    so an interrupted upgrade leaves the archive at the previous version.
    """
    migrations = available_migrations() if migrations is None else migrations
    current = refuse_newer(conn, migrations)
    pending = [m for m in migrations if m.version > current]
    if not pending:
        return None
    backup = None
    if current > 0 and db_path is not None:
        backup = backup_file(conn, db_path, current)
    for migration in pending:
        _apply(conn, migration)
    return backup


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    if conn.in_transaction:
        conn.execute("COMMIT")
    # executescript() would commit between statements; BEGIN/COMMIT inside the
    # script keep the schema change and the version bump in one transaction.
    script = f"BEGIN;\n{migration.sql()}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
    try:
        conn.executescript(script)
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
