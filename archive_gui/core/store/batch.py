"""Storing an import's articles many to a transaction, each whole or not at all.

A transaction per article costs several times the article's rows: the commit writes
the full-text indexes' pending terms as a new segment (merged with others later),
writes every page touched to the write-ahead log and waits for the disk. An import
therefore collects its articles and stores them together (:meth:`Archive.add_articles`:
one transaction, three statements) once ``MAX_ARTICLES`` are waiting or the first
has waited ``COMMIT_SECONDS``:

- if the transaction fails (an article breaks a constraint, the disk is full), the
  articles are stored again one by one, each in a transaction of its own, so that
  a bad article fails alone, with its own message, and the others are stored;
- a crash or a kill loses at most the articles not yet committed: whole articles,
  which the next import of the same files stores (the archive only ever holds whole
  articles, see ``tests/reliability/test_crash_safety.py``);
- other connections (the window's lists) see the new articles when they commit; the
  write lock is held only while a batch is written (tens of milliseconds).

An article's outcome goes to ``on_done`` once it is final: committed, or failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from archive_gui.core.records import ArticleMeta, Extraction
from archive_gui.core.store.archive import AddResult, Archive, ArchiveError

COMMIT_SECONDS = 0.25
MAX_ARTICLES = 64  # ~1 ms each to write: the importer's workers extract meanwhile
# Page cache while importing (KiB): the record tables' indexes are touched all over.
CACHE_KIB = 64 * 1024

# (key, result, None) once an article is committed; (key, None, reason) if it failed.
DoneCallback = Callable[[Hashable, AddResult | None, str | None], None]


@dataclass
class _Waiting:
    key: Hashable
    article: tuple[str, ArticleMeta, Extraction, str]  # what add_articles takes


class ArticleBatch:
    """Collects articles and stores them together; use as a context manager (leaving
    it stores what is waiting, whatever the reason for leaving)."""

    def __init__(
        self,
        archive: Archive,
        on_done: DoneCallback,
        commit_seconds: float = COMMIT_SECONDS,
        max_articles: int = MAX_ARTICLES,
    ) -> None:
        self.archive = archive
        self.on_done = on_done
        self.commit_seconds = commit_seconds
        self.max_articles = max_articles
        self._waiting: list[_Waiting] = []
        self._since = 0.0  # when the first waiting article came
        self._ids: dict = {}  # speakers and places looked up (see Archive.add_articles)
        self._cache_size: int | None = None

    def __enter__(self) -> ArticleBatch:
        conn = self.archive.db.conn
        (self._cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
        if self._cache_size > -CACHE_KIB:
            conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.commit()
        finally:
            if self._cache_size is not None:
                self.archive.db.conn.execute(f"PRAGMA cache_size = {int(self._cache_size)}")

    def __len__(self) -> int:
        return len(self._waiting)

    @property
    def due(self) -> bool:
        """An article has waited long enough: commit now."""
        return bool(self._waiting) and time.monotonic() - self._since >= self.commit_seconds

    def add(
        self,
        key: Hashable,
        text: str,
        meta: ArticleMeta,
        extraction: Extraction,
        extractor_version: str,
    ) -> None:
        """Queue an article (``key`` names it to ``on_done``); the batch is stored when
        full or due."""
        if not self._waiting:
            self._since = time.monotonic()
        self._waiting.append(_Waiting(key, (text, meta, extraction, extractor_version)))
        if len(self._waiting) >= self.max_articles or self.due:
            self.commit()

    def commit(self) -> None:
        """Store the waiting articles and hand over their outcomes."""
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        try:
            results = self.archive.add_articles([item.article for item in waiting], self._ids)
        except Exception:
            self._store_apart(waiting)
            return
        for item, result in zip(waiting, results, strict=True):
            self.on_done(item.key, result, None)

    def _store_apart(self, waiting: list[_Waiting]) -> None:
        """The batch failed as a whole: each article in a transaction of its own."""
        for item in waiting:
            try:
                result = self.archive.add_article(*item.article)
            except ArchiveError as exc:
                self.on_done(item.key, None, str(exc))
            except Exception as exc:  # a bug must cost one article, never the others
                self.on_done(item.key, None, f"unexpected error: {type(exc).__name__}: {exc}")
            else:
                self.on_done(item.key, result, None)
