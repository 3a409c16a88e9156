"""Numbered schema migrations from ``db/NNNN_name.sql``, applied in order.

The schema version is SQLite's ``PRAGMA user_version``. Before an existing
archive is migrated, the file is copied next to itself, so a failed or
regretted upgrade never costs the user their archive.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive_gui.core.paths import bundled_path

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


class ArchiveTooNewError(RuntimeError):
    """The archive was written by a newer version of the application."""


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


def backup_file(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    """Copy the archive (consistently, through SQLite's backup API) before migrating."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.v{version}-{stamp}.bak")
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
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
