"""Storing many articles to a transaction, each whole or not at all.

Committing costs far more than an article's rows: the commit writes the full-text
indexes' pending terms as a new segment (and merges segments), writes every page
touched to the write-ahead log and waits for the disk. An import therefore stores
its articles in transactions of about a quarter of a second each (``COMMIT_SECONDS``),
each article in a savepoint of its own:

- a failure while storing an article (a constraint, a full disk) rolls back its
  savepoint only: that article fails alone, with its own message, and the others of
  the transaction are stored;
- if SQLite rolls back the whole transaction (it may, on an I/O error or a full
  disk) or the commit fails, the articles of the transaction are stored again one
  by one, each in its own transaction, so each gets its own outcome;
- a crash or a kill loses at most the open transaction: whole articles, which a
  later import stores again (the archive holds only committed, whole articles);
- other connections (the window's lists) see the new articles when their
  transaction commits; the write lock is held at most about ``COMMIT_SECONDS``
  at a time, so another writer waits for less than its busy timeout.

An outcome is final, and handed to ``on_done``, once it is committed (or failed).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from archive_gui.core.records import ArticleMeta, Extraction
from archive_gui.core.store.archive import AddResult, Archive, ArchiveError
from archive_gui.core.store.migrations import describe_error

COMMIT_SECONDS = 0.25
# Page cache while importing (KiB): the record tables' indexes are touched all over.
CACHE_KIB = 64 * 1024

# (key, result, None) once an article is committed; (key, None, reason) if it failed.
DoneCallback = Callable[[Hashable, AddResult | None, str | None], None]


@dataclass
class _Pending:
    key: Hashable
    args: tuple  # what add_article takes
    result: AddResult


class ArticleBatch:
    """Stores articles in shared transactions; use as a context manager (leaving it
    commits what is stored, whatever the reason for leaving)."""

    def __init__(
        self,
        archive: Archive,
        on_done: DoneCallback,
        commit_seconds: float = COMMIT_SECONDS,
    ) -> None:
        self.archive = archive
        self.on_done = on_done
        self.commit_seconds = commit_seconds
        self._conn: sqlite3.Connection = archive.db.conn
        self._pending: list[_Pending] = []
        self._ids: dict = {}  # speaker and place ids looked up in the open transaction
        self._began = 0.0
        self._open = False  # this batch's transaction is open
        self._cache_size: int | None = None

    def __enter__(self) -> ArticleBatch:
        if self._conn.in_transaction:
            raise ArchiveError("an import cannot start inside another transaction")
        (self._cache_size,) = self._conn.execute("PRAGMA cache_size").fetchone()
        if self._cache_size > -CACHE_KIB:
            self._conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.commit()
        finally:
            if self._cache_size is not None:
                self._conn.execute(f"PRAGMA cache_size = {int(self._cache_size)}")

    @property
    def due(self) -> bool:
        """The open transaction has lasted long enough: commit it now."""
        return self._open and time.monotonic() - self._began >= self.commit_seconds

    def add(
        self,
        key: Hashable,
        text: str,
        meta: ArticleMeta,
        extraction: Extraction,
        extractor_version: str,
    ) -> None:
        """Store an article in the open transaction (beginning one if needed).

        What is wrong with this article alone (it breaks a constraint, or does not fit
        on the disk) is raised, as :meth:`Archive.add_article` raises it, with nothing
        of it stored; its outcome otherwise goes to ``on_done`` once committed.
        """
        args = (text, meta, extraction, extractor_version)
        conn = self._conn
        if not self._open:
            self._begin()
        try:
            conn.execute("SAVEPOINT article")
            try:
                result = self.archive._add_article(*args, ids=self._ids)
            except BaseException:
                self._roll_back_article()
                raise
            conn.execute("RELEASE article")
        except sqlite3.Error as exc:
            if self._open and conn.in_transaction:
                raise ArchiveError(
                    f"the article was not stored: {describe_error(exc, self.archive.path)}"
                ) from exc
            # SQLite rolled back the whole transaction: each article on its own again
            self._open = False
            self._pending.append(_Pending(key, args, AddResult(0, created=False)))
            self._store_apart()
            return
        self._pending.append(_Pending(key, args, result))
        if self.due:
            self.commit()

    def commit(self) -> None:
        """Commit the open transaction (if any) and hand over its outcomes."""
        if not self._open:
            return
        self._open = False
        self._ids = {}
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._store_apart()
            return
        pending, self._pending = self._pending, []
        for item in pending:
            self.on_done(item.key, item.result, None)

    def _begin(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ArchiveError(
                f"the article was not stored: {describe_error(exc, self.archive.path)}"
            ) from exc
        self._open = True
        self._began = time.monotonic()
        self._ids = {}

    def _roll_back_article(self) -> None:
        """Undo the article in progress (its savepoint), if the transaction still holds."""
        self._ids = {}  # ids found or created in the savepoint may be gone with it
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK TO article")
            self._conn.execute("RELEASE article")

    def _store_apart(self) -> None:
        """The transaction is lost: store each of its articles in a transaction of its own."""
        self._ids = {}
        pending, self._pending = self._pending, []
        for item in pending:
            try:
                result = self.archive.add_article(*item.args)
            except ArchiveError as exc:
                self.on_done(item.key, None, str(exc))
            except Exception as exc:
                self.on_done(item.key, None, f"unexpected error: {type(exc).__name__}: {exc}")
            else:
                self.on_done(item.key, result, None)
