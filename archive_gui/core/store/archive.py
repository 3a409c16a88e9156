"""The archive: one SQLite file, and the only code in the project that writes SQL.

Reads for display are shaped for lists that never load a whole table: the ids
of the matching records in sort order, then rows fetched a page at a time by
id; facet counts and chart series are aggregated by SQLite.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place, Quote
from archive_gui.core.store import filtering, migrations
from archive_gui.core.store._sqlite_utils import sqlite_utils
from archive_gui.core.store.filtering import filter_clauses
from archive_gui.core.store.schema import (
    COLUMNS,
    DEFAULT_SORT,
    FROM_CLAUSES,
    ID_EXPR,
    RECORD_TABLES,
    ROW_EXTRAS,
    RecordFilter,
    RecordKind,
    and_where,
    column,
    marks,
)
from archive_gui.core.store.search_sql import (
    FTS_DOCS,
    FTS_DOCS_UP_TO,
    FTS_DOCUMENT_OF,
    FTS_DOCUMENTS,
    FTS_HITS_AMONG,
    FTS_IN,
    FTS_JOIN,
    FTS_JOIN_SORT_KEYS,
    FTS_MATCH,
    FTS_MATCHING_DOCUMENTS,
    FTS_PROBE,
    FTS_ROWID,
    SORT_KEY_COLUMNS,
    fts_errors,
    fts_match,
    fts_probe_terms,
)

NATIONWIDE = Place(kind="nationwide", name="United States")
_TAG_SEPARATOR = "\x1f"


# The full-text indexes, and how many segments each may grow to (imports add them)
# before :meth:`Archive.tidy_search_index` merges it into one.
SEARCH_INDEXES = ("quotes_fts", "articles_fts")
SEARCH_INDEX_MAX_SEGMENTS = 4


class ArchiveError(Exception):
    """A problem with the archive file, worded for the person using the app."""


# What a read may raise when the file is busy, damaged or the read was interrupted.
READ_ERRORS = (ArchiveError, sqlite3.Error)
# A walk of a sort index under a free-text search and other filters tests each row with a
# full-text probe (tens of microseconds): walked only when a page is found within this
# many rows.
WALK_PROBES = 2_000
# Such a walk also steps over the rows its other filters leave out (about STEP_US each,
# no probe): it is taken only when it finds its page within this many rows of the sort
# index (about 50 ms).
WALK_STEPS = 100_000
# What finding a page of a free-text search alone costs, in microseconds per row, by plan
# (measured at a million quotes, warm cache). A probe of the full-text index for one
# record seeks each term in each segment of the index (a bulk load leaves about a dozen
# in quotes_fts); reading the matches into a temporary index costs per match, and
# walking the sort index against it per row walked; sorting costs per match.
PROBE_US = {RecordKind.QUOTES: 90.0, RecordKind.OPERATIONS: 25.0}  # a one-word probe
MATCH_US = 0.16
STEP_US = 0.5
SORT_US = 1.0
# Operations under a free-text search are counted by joining each matching article to its
# operations (about half a microsecond each): before the first page is shown only when
# there are at most this many matching articles; otherwise the count comes after it.
EXACT_COUNT_DOCS = 20_000
# A free-text search with other filters is driven by those filters, each of their
# records tested with a probe of the full-text index (about 20 µs at a million quotes),
# when they match at most this many records: at most 40 ms, where reading every match
# of a common word to test the filters on it takes 200-550 ms (825,000 quotes for
# "we"). Only filters with an index of their own decide (counting the others' records
# could scan the table).
FILTER_DRIVE_MAX = 2_000
DRIVING_FILTERS = ("cities", "speakers", "tags", "places", "states")
# Up to this many records the filters still drive when probing each costs less than
# reading the search's matches: a probe about DRIVE_PROBE_US per term (14-17 us at a
# million quotes, nine index segments), a match read and tested against the filters
# about MATCH_TEST_US ("we" in a city of 2,750 quotes: 47 ms by probes, 215 ms through
# its 825,000 matches).
DRIVE_COUNT_MAX = 15_000
DRIVE_PROBE_US = 20.0
MATCH_TEST_US = 0.3
# A search with other filters whose sample says it matches at most this many records
# reads them all, sorted, for its first page and count at once (see _count_for_plan).
FEW_MATCHES = 20_000
# Matches are always counted this far before a search's first page (a few milliseconds):
# a smaller list comes with its exact count.
COUNT_FLOOR = 20_000
# Before counting a search's matches up to where its plan settles, they are counted among
# the first 1/SAMPLE of the full-text index's ids: when that many already settle the plan
# (twice over, extrapolated), that count is the lower bound shown first.
SAMPLE = 8
# The matches joined to the other filters in that sample are read one by one (about
# 0.5 us each, "we" in the top city at 1M: 100,000 matches, 50 ms): a common word is
# sampled among fewer of the first documents, so that about this many matches are read.
SAMPLE_READS = 12_000
# A search that its filters drive reads their records in list order and probes them
# until its page is full, when they are at least this many times the probes the page
# needs (about the page over the share of the index the search matches): "we" in a city
# of 2,300 quotes at 1M probed all of them with its exact count (60-90 ms) where 250
# probes fill the page (10 ms). The exact count comes after the page, in the background.
ORDERED_PROBES_SAVE = 2.0
# ... or, when the search matches at most this many full-text documents (a sample says),
# their ids are read from the index (about 0.2 us each) and the filters' records kept
# that are among them: "employers" (40,000 quotes) in a city of 3,000 quotes at 1M had
# joined each of its matches to its quote to test the city (70-110 ms).
INTERSECT_DOCUMENTS = 100_000


@dataclass(frozen=True)
class AddResult:
    article_id: int
    created: bool
    quotes: int = 0
    operations: int = 0


@dataclass(frozen=True)
class ArticleRecord:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None
    source_file: str | None
    sha256: str
    text: str


@dataclass(frozen=True)
class FacetValue:
    id: int
    label: str
    count: int
    approximate: bool = False  # counted within a cap: a lower bound


@dataclass(frozen=True)
class PlaceTotal:
    """Arrests at one place: the sum of its operations' stated counts."""

    place_id: int
    label: str
    kind: str
    total: int
    operations: int
    approximate: bool  # at least one count is not exact
    # counted from a capped sample of the matching operations (a lower bound)
    sampled: bool = False


@dataclass(frozen=True)
class Totals:
    articles: int
    operations: int
    quotes: int


@dataclass(frozen=True)
class FirstPage:
    """The first keys of a list and how many records it has (see Archive.first_page)."""

    keys: list[tuple]
    count: int  # the number of records, or a lower bound of it when not ``exact``
    exact: bool
    # what later pages of the list are planned by: pass as ``record_keys(matches=...)``
    matches: int


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Archive:
    """An open archive file. Not thread-safe: open one per thread."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None):
        self.db = db
        self.path = path
        self.backup_path: Path | None = None
        self._search_samples: dict[tuple, int] = {}

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Archive:
        """Open (creating if needed) and migrate the archive at ``path``."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise ArchiveError(f"{path} is a folder, not an archive file.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"Cannot create the folder {path.parent}: {exc.strerror}") from exc
        for needed, what in ((path, "file"), (path.parent, "folder")):
            if needed.exists() and not os.access(needed, os.W_OK):
                raise ArchiveError(
                    f"{path} cannot be opened: its {what} is read-only, and archive-gui writes "
                    "to its archive (and, beside it, SQLite's journal files). Make it writable, "
                    "or copy the archive to a folder you can write to."
                )
        try:
            conn = sqlite3.connect(str(path), timeout=migrations.BUSY_TIMEOUT_SECONDS)
        except sqlite3.Error as exc:
            raise ArchiveError(migrations.describe_error(exc, path)) from exc
        return cls._setup(conn, path)

    @classmethod
    def in_memory(cls) -> Archive:
        return cls._setup(sqlite3.connect(":memory:"), None)

    @classmethod
    def open_reader(cls, path: str | Path) -> Archive:
        """Another connection to an archive this process has already opened with
        :meth:`open` (so checked and migrated), for a worker thread: it skips the checks
        that read the whole file, so a background read starts in a millisecond. It may
        be closed from another thread once its worker is done with it."""
        conn = sqlite3.connect(
            str(path), timeout=migrations.BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(migrations.BUSY_TIMEOUT_SECONDS * 1000)}")
        return cls(db, Path(path))

    @classmethod
    def _setup(cls, conn: sqlite3.Connection, path: Path | None) -> Archive:
        try:
            # Nothing writes to the file before it is known to be an intact archive
            # this version can open: a damaged or foreign file is left as it was.
            migrations.refuse_newer(conn)
            migrations.refuse_foreign(conn)
            if path is not None:
                migrations.check_intact(conn, path)
            db = sqlite_utils.Database(conn, execute_plugins=False)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute(f"PRAGMA busy_timeout = {int(migrations.BUSY_TIMEOUT_SECONDS * 1000)}")
            if path is not None:
                db.enable_wal()
            archive = cls(db, path)
            archive.backup_path = migrations.migrate(conn, path)
        except migrations.ArchiveTooNewError:
            conn.close()
            raise
        except (sqlite3.Error, OSError) as exc:
            conn.close()
            raise ArchiveError(migrations.describe_error(exc, path)) from exc
        return archive

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all.

        The outermost level takes the write lock up front (BEGIN IMMEDIATE), so
        a second writer waits for the busy timeout instead of failing mid-way.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return migrations.schema_version(self.db.conn)

    # -- writing -------------------------------------------------------------

    _INSERT_ARTICLE = (
        "INSERT INTO articles (id, sha256, title, outlet, url, author, published,"
        " imported_at, source_file, extractor_version, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    _INSERT_QUOTE = (
        'INSERT INTO quotes (article_id, text, start, "end", speaker_id, speaker_role,'
        " speaker_affiliation, mention_text, mention_start, mention_end, rule, confidence)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    _INSERT_OPERATION = (
        'INSERT INTO operations (id, article_id, count, qualifier, count_text, start, "end",'
        " place_id, city_id, place_text, place_start, place_end, period_text,"
        " period_start, period_end, agency, part_of, rule, confidence)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )

    def has_text(self, text: str) -> int | None:
        """The id of the article with exactly this text, if archived."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE sha256 = ?", [text_sha256(text)]
        ).fetchone()
        return row[0] if row else None

    def add_article(
        self, text: str, meta: ArticleMeta, extraction: Extraction, extractor_version: str
    ) -> AddResult:
        """Store an article with its records in one transaction; a known text is a no-op.

        (An import stores many articles to a transaction: see ``store.batch``.)
        """
        return self.add_articles([(text, meta, extraction, extractor_version)])[0]

    def add_articles(
        self, articles: list[tuple[str, ArticleMeta, Extraction, str]], ids: dict | None = None
    ) -> list[AddResult]:
        """Store articles (``(text, meta, extraction, extractor_version)``) with their
        records in one transaction, all or none; a known text (or one given twice) is
        stored once.

        ``ids``: a dict the caller keeps from one call to the next (an import), in which
        the speakers and places looked up are remembered for as long as no other
        connection writes to the archive (``PRAGMA data_version``).
        """
        ids = {} if ids is None else ids
        try:
            with self.transaction():
                (version,) = self.db.conn.execute("PRAGMA data_version").fetchone()
                if ids.get("data_version") != version:
                    ids.clear()
                    ids["data_version"] = version
                return self._add_articles(articles, ids)
        except sqlite3.Error as exc:
            ids.clear()  # what was found or created may have been rolled back
            reason = migrations.describe_error(exc, self.path)
            many = "s were" if len(articles) > 1 else " was"
            raise ArchiveError(f"the article{many} not stored: {reason}") from exc
        except BaseException:
            ids.clear()
            raise

    def _add_articles(
        self, articles: list[tuple[str, ArticleMeta, Extraction, str]], ids: dict
    ) -> list[AddResult]:
        """:meth:`add_articles` in the transaction the caller holds.

        Three statements, whatever the number of articles: one per table (after the
        speakers and places they name are found or created). The full-text indexes
        write their pending terms to disk as a new segment at the start of each
        statement of a transaction (a statement savepoint): a statement per record
        would write, and later merge, a tiny segment per record. Ids are given here,
        as SQLite would give them (the next after the largest; the caller holds the
        write lock), so that records can name their article and a count the count
        it is a breakdown of.
        """
        conn = self.db.conn
        shas = [text_sha256(text) for text, *_ in articles]
        known: dict[str, int] = {}
        unique = sorted(set(shas))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            known.update(
                conn.execute(
                    f"SELECT sha256, id FROM articles WHERE sha256 IN ({marks(chunk)})", chunk
                )
            )
        (next_article,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()
        (next_operation,) = conn.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM operations"
        ).fetchone()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        results: list[AddResult] = []
        article_rows: list[tuple] = []
        quote_rows: list[tuple] = []
        operation_rows: list[tuple] = []
        for sha, (text, meta, extraction, extractor_version) in zip(shas, articles, strict=True):
            if sha in known:
                results.append(AddResult(known[sha], created=False))
                continue
            article_id = known[sha] = next_article
            next_article += 1
            article_rows.append(
                (
                    article_id,
                    sha,
                    meta.title,
                    meta.outlet,
                    meta.url,
                    meta.author,
                    meta.published.isoformat() if meta.published else None,
                    now,
                    meta.source_file,
                    extractor_version,
                    text,
                )
            )
            quote_rows += [self._quote_row(article_id, quote, ids) for quote in extraction.quotes]
            first = next_operation
            for n, operation in enumerate(extraction.operations):
                part_of = operation.part_of
                parent = first + part_of if part_of is not None and part_of < n else None
                operation_rows.append(
                    self._operation_row(article_id, operation, parent, ids, first + n)
                )
            next_operation += len(extraction.operations)
            results.append(
                AddResult(
                    article_id,
                    created=True,
                    quotes=len(extraction.quotes),
                    operations=len(extraction.operations),
                )
            )
        self._insert_rows(self._INSERT_ARTICLE, article_rows)
        self._insert_rows(self._INSERT_QUOTE, quote_rows)
        self._insert_rows(self._INSERT_OPERATION, operation_rows)
        return results

    def _insert_rows(self, sql: str, rows: list[tuple]) -> None:
        """``sql`` (an INSERT of one row of VALUES) for each of ``rows``, in order, in a
        few multi-row statements: chunks of a power of two rows (a few statement texts
        to prepare and cache), within SQLite's limit of bound parameters."""
        if not rows:
            return
        conn = self.db.conn
        limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(rows[0])
        head, _, values = sql.rpartition(" VALUES ")
        start = 0
        while start < len(rows):
            size = 1 << (min(len(rows) - start, limit, 1024).bit_length() - 1)
            chunk = rows[start : start + size]
            statement = f"{head} VALUES {', '.join([values] * size)}"
            conn.execute(statement, [value for row in chunk for value in row])
            start += size

    def _insert_quote(self, article_id: int, quote: Quote) -> int:
        return self.db.conn.execute(
            self._INSERT_QUOTE, self._quote_row(article_id, quote)
        ).lastrowid

    def _quote_row(self, article_id: int, quote: Quote, ids: dict | None = None) -> tuple:
        speaker_id = None
        if quote.speaker:
            speaker_id = self._speaker_id(
                quote.speaker,
                quote.speaker_kind or "person",
                quote.speaker_role,
                quote.speaker_affiliation,
                ids,
            )
        return (
            article_id,
            quote.text,
            quote.start,
            quote.end,
            speaker_id,
            quote.speaker_role,
            quote.speaker_affiliation,
            quote.mention_text,
            quote.mention_start,
            quote.mention_end,
            quote.rule,
            quote.confidence,
        )

    def _insert_operation(
        self, article_id: int, op: Operation, parent_id: int | None, ids: dict | None = None
    ) -> int:
        row = self._operation_row(article_id, op, parent_id, ids)
        return self.db.conn.execute(self._INSERT_OPERATION, row).lastrowid

    def _operation_row(
        self,
        article_id: int,
        op: Operation,
        parent_id: int | None,
        ids: dict | None = None,
        operation_id: int | None = None,
    ) -> tuple:
        place_id = self._place_id(op.place, ids) if op.place else None
        city_id = place_id if op.place and op.place.kind == "city" else None
        return (
            operation_id,
            article_id,
            op.count,
            op.qualifier,
            op.count_text,
            op.start,
            op.end,
            place_id,
            city_id,
            op.place_text,
            op.place_start,
            op.place_end,
            op.period_text,
            op.period_start.isoformat() if op.period_start else None,
            op.period_end.isoformat() if op.period_end else None,
            op.agency,
            parent_id,
            op.rule,
            op.confidence,
        )

    def _speaker_id(
        self,
        name: str,
        kind: str,
        role: str | None,
        affiliation: str | None,
        ids: dict | None = None,
    ) -> int:
        """The id of a speaker, created if new; a role or affiliation given replaces the one
        stored. ``ids`` remembers the row as it now stands (see :meth:`_add_articles`)."""
        key = ("speaker", name, kind)
        row = ids.get(key) if ids is not None else None
        if row is None:
            row = self.db.conn.execute(
                "SELECT id, role, affiliation FROM speakers WHERE name = ? AND kind = ?",
                [name, kind],
            ).fetchone()
            if row is None:
                speaker_id = self.db.conn.execute(
                    "INSERT INTO speakers (name, kind, role, affiliation) VALUES (?, ?, ?, ?)",
                    [name, kind, role, affiliation],
                ).lastrowid
                if ids is not None:
                    ids[key] = (speaker_id, role, affiliation)
                return speaker_id
        speaker_id, known_role, known_affiliation = row
        new_role = known_role if role is None else role
        new_affiliation = known_affiliation if affiliation is None else affiliation
        if (new_role, new_affiliation) != (known_role, known_affiliation):
            self.db.conn.execute(
                "UPDATE speakers SET role = ?, affiliation = ? WHERE id = ?",
                [new_role, new_affiliation, speaker_id],
            )
        if ids is not None:
            ids[key] = (speaker_id, new_role, new_affiliation)
        return speaker_id

    def _place_id(self, place: Place, ids: dict | None = None) -> int:
        """The id of a place, creating it and the places it nests in."""
        key = ("place", place.kind, place.name, place.state or "")
        if ids is not None and key in ids:
            return ids[key]
        row = self.db.conn.execute(
            "SELECT id FROM places WHERE kind = ? AND name = ? AND coalesce(state, '') = ?",
            [place.kind, place.name, place.state or ""],
        ).fetchone()
        if row:
            place_id = row[0]
        else:
            parent_id = None
            if place.kind == "city" and place.state:
                parent_id = self._place_id(_state_of(place), ids)
            elif place.kind in ("state", "area"):
                parent_id = self._place_id(NATIONWIDE, ids)
            place_id = self.db.conn.execute(
                "INSERT INTO places (kind, name, state, area, parent_id, label)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [place.kind, place.name, place.state, place.area, parent_id, place.label],
            ).lastrowid
        if ids is not None:
            ids[key] = place_id
        return place_id

    # -- reading: articles and totals ------------------------------------------

    def article(self, article_id: int) -> ArticleRecord:
        row = self.db.execute(
            "SELECT id, title, outlet, url, author, published, source_file, sha256, text"
            " FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id}")
        return ArticleRecord(*row)

    def totals(self) -> Totals:
        (articles,) = self.db.execute("SELECT count(*) FROM articles").fetchone()
        (operations,) = self.db.execute("SELECT count(*) FROM operations").fetchone()
        (quotes,) = self.db.execute("SELECT count(*) FROM quotes").fetchone()
        return Totals(articles, operations, quotes)

    # -- reading: record lists -------------------------------------------------

    def record_ids(
        self,
        kind: RecordKind,
        filters: RecordFilter = RecordFilter(),
        sort_key: str | None = None,
        descending: bool = False,
    ) -> array:
        """Ids of every record matching ``filters``, in list order (for exports and bundles;
        lists page by key with :meth:`record_keys` instead of loading every id)."""
        terms = _sort_terms(kind, sort_key)
        where, params = _where(kind, filters)
        direction = "DESC" if descending else "ASC"
        order = ", ".join([f"{terms[0]} IS NULL", *(f"{term} {direction}" for term in terms)])
        sql = f"SELECT {ID_EXPR[kind]} FROM {RECORD_TABLES[kind]} {where} ORDER BY {order}"
        ids = array("q")
        cursor = self.db.execute(sql, params)
        while chunk := cursor.fetchmany(10_000):
            ids.extend(row[0] for row in chunk)
        return ids

    def record_keys(
        self,
        kind: RecordKind,
        filters: RecordFilter = RecordFilter(),
        sort_key: str | None = None,
        descending: bool = False,
        *,
        after: tuple | None = None,
        before: tuple | None = None,
        from_end: bool = False,
        inclusive: bool = False,
        limit: int = 200,
        matches: int | None = None,
        plan: str | None = None,
    ) -> list[tuple]:
        """Sort keys of up to ``limit`` consecutive records of a list, in list order.

        Keyset paging: a key is ``(segment, *sort values, id)`` (segment 1 holds the
        records whose first sort value is NULL, listed last in either direction) and
        each call is a range scan of one index from a key, never an OFFSET. With no
        position the keys start at the top; ``after`` continues below a key (from it
        with ``inclusive``), ``before`` continues above one, ``from_end`` ends at the
        bottom. ``key[-1]`` is the record id.

        ``matches``, the number of records the filters match (or an estimate, as
        :meth:`first_page` gives), picks the plan (see :meth:`_plan`): many matches walk
        the sort index and test the filters (a page is found within a few hundred rows),
        few are found through the filter index and sorted. ``plan`` forces one.

        A walk that probes the full-text index row by row gives up after a few times the
        rows it was expected to read (matches that are dense overall can be sparse at the
        start of the list, e.g. a word of the last years in a list sorted by date): the
        rest of the page is then read by the "in" plan.
        """
        terms = _sort_terms(kind, sort_key)
        forward = before is None and not from_end
        anchor = after if forward else before
        ascending = forward != descending  # the direction of the index scan
        segments = (0, 1) if forward else (1, 0)
        if anchor is not None:
            segments = segments[segments.index(anchor[0]) :]
        plan = plan or self._plan(kind, filters, matches, limit)
        probes = plan == "probe" and _fts_search(filters)
        # A walk tests each row in a column and stops after a budget of rows, then reads
        # the rest of the page by its fallback plan: matches clustered in the sort order
        # can lie far down the index (quotes of one speaker sorted by speaker: 0.5-1.3 s
        # to walk to them at 1M, where reading them through the speaker index and sorting
        # takes tens of ms).
        fallback = test = None
        if probes:
            # The walk reads the rows of the other filters and probes each in a column.
            others = dataclasses.replace(filters, search=None)
            source, where, params = _source(kind, others, "walk", reads=terms)
            test, test_params = FTS_PROBE[kind], [fts_match(filters.search)]
            budget, fallback = self._probe_budget(kind, matches, limit), "in"
        else:
            source, where, params = _source(kind, filters, plan, reads=terms)
            if plan == "walk" and where:
                test, test_params = f"({where.removeprefix('WHERE ')})", params
                where, params = "", []
                budget, fallback = self._walk_budget(kind, matches, limit), "index"
        if plan in ("index", "filtered") and anchor is None and forward:
            # Found through the filters or the matches and sorted: both segments in one
            # read of them (one query per segment joined the full-text index twice).
            order = ", ".join(f"{term} {'ASC' if ascending else 'DESC'}" for term in terms)
            sql = (
                f"SELECT {', '.join(terms)} FROM {source} {where}"
                f" ORDER BY {terms[0]} IS NULL, {order} LIMIT ?"
            )
            rows = self.db.execute(sql, [*params, limit])
            return [(int(row[0] is None), *row) for row in rows]
        keys: list[tuple] = []
        for segment in segments:
            need = limit - len(keys)
            if need <= 0:
                break
            # A NULL first value is equal for the whole segment: it orders by the rest.
            ordered = terms if segment == 0 else terms[1:]
            # Found through the filters: the segment's test must not pick the sort index
            # instead (a scan of every quote with no date, to test the filters on each).
            plus = "+" if plan in ("index", "filtered") else ""
            base = [f"{plus}{terms[0]} IS {'NOT NULL' if segment == 0 else 'NULL'}"]
            direction = "ASC" if ascending else "DESC"
            order = ", ".join(f"{term} {direction}" for term in ordered)
            # Rows after the anchor: one query per sort term, most specific first
            # (t1 = v1 AND t2 > v2, then t1 > v1), so each is an index seek. A row-value
            # comparison (t1, t2) > (v1, v2) seeks on t1 only and scans every row sharing
            # it (a million "unreviewed" quotes).
            ranges: list[tuple[list[str], list]] = [([], [])]
            if anchor is not None and segment == anchor[0]:
                values = list(anchor[1:] if segment == 0 else anchor[2:])
                ranges = []
                for level in range(len(ordered) - 1, -1, -1):
                    op = ">" if ascending else "<"
                    if inclusive and level == len(ordered) - 1:
                        op += "="
                    equal = [f"{term} = ?" for term in ordered[:level]]
                    ranges.append(([*equal, f"{ordered[level]} {op} ?"], values[: level + 1]))
            for extra, extra_values in ranges:
                need = limit - len(keys)
                if need <= 0:
                    break
                if test is None:
                    sql = (
                        f"SELECT {', '.join(terms)} FROM {source}"
                        f" {and_where(where, [*base, *extra])} ORDER BY {order} LIMIT ?"
                    )
                    rows = self.db.execute(sql, [*params, *extra_values, need])
                    keys += [(segment, *row) for row in rows]
                    continue
                sql = (
                    f"SELECT {', '.join(terms)}, {test} FROM {source}"
                    f" {and_where(where, [*base, *extra])} ORDER BY {order} LIMIT ?"
                )
                walked, last = 0, None
                # Stepped row by row: the walk stops at the page's last match.
                rows = self.db.execute(sql, [*test_params, *params, *extra_values, budget])
                for *values, hit in rows:
                    walked, last = walked + 1, (segment, *values)
                    if hit:
                        keys.append(last)
                        if len(keys) == limit:
                            break
                if len(keys) < limit and walked == budget:
                    # Sparse here: the whole page by the fallback plan, from where it
                    # starts (the first page in one read of the matches).
                    return self.record_keys(
                        kind,
                        filters,
                        sort_key,
                        descending,
                        after=after,
                        before=before,
                        from_end=from_end,
                        inclusive=inclusive,
                        limit=limit,
                        matches=matches,
                        plan=fallback,
                    )
            else:
                continue
            break
        if not forward:
            keys.reverse()
        return keys

    def _probe_budget(self, kind: RecordKind, matches: int | None, limit: int) -> int:
        """How many rows a walk that probes each may read: four times what it is expected
        to (at least 1,000 rows, at most twice ``WALK_PROBES``)."""
        size = self._max_id(kind.value)
        expected = limit * size / max(matches or 1, 1)
        return int(min(max(1_000, 4 * expected), 2 * WALK_PROBES))

    def _walk_budget(self, kind: RecordKind, matches: int | None, limit: int) -> int:
        """How many rows a walk that tests each in SQL may read: twice what it is
        expected to, at least 1,000 rows and at most 5,000 (a twentieth of ``WALK_STEPS``:
        each row costs 2-4 us, its record read to test it, so about 15 ms)."""
        size = self._max_id(kind.value)
        expected = limit * size / max(matches or 1, 1)
        return int(min(max(1_000, 2 * expected), WALK_STEPS / 20))

    def interrupt_when(self, outdated: Callable[[], bool]) -> None:
        """Abandon this connection's running reads once ``outdated()`` is true: they raise
        ``sqlite3.OperationalError`` (one of READ_ERRORS). For a worker's own connection."""
        # Checked every 500,000 virtual-machine steps (a few milliseconds): each check
        # takes the GIL, which the GUI thread waits for on every row it reads.
        self.db.conn.set_progress_handler(lambda: 1 if outdated() else 0, 500_000)

    def _plan(
        self,
        kind: RecordKind,
        filters: RecordFilter,
        matches: int | None,
        limit: int,
        driven: bool | None = None,
    ) -> str:
        """How :meth:`record_keys` finds ``limit`` records among ``matches``:

        - ``"walk"``: walk the sort index and test the filters on each row; it reads
          about ``limit * size / matches`` rows;
        - ``"index"``: find the matches through the filters' own indexes (or the
          full-text index) and sort them; it reads ``matches`` rows.
        - ``"filtered"``: a search whose other filters match few records (see
          ``FILTER_DRIVE_MAX``) reads those and probes the full-text index for each.

        A free-text search walks in one of two ways: ``"probe"`` tests each row walked
        with a probe of the full-text index, ``"in"`` reads the matches once into a
        temporary index and looks each row up there. Alone, the search takes the plan
        of least cost (``PROBE_US`` ...); with other filters, a walk probes, and only
        when it finds its page within ``WALK_PROBES`` probes (of the rows those filters
        keep) and ``WALK_STEPS`` rows of the sort index. ``driven``: whether the
        other filters drive a search ("filtered"), if the caller has decided it already.
        """
        if driven is None:
            driven = self._filters_drive(kind, filters)
        if driven:
            return "filtered"
        if not matches:
            return "index"
        size = self._max_id(kind.value)
        walked = limit * size / matches
        if not _fts_search(filters):
            return "walk" if matches * matches > limit * size else "index"
        if not _search_alone(filters):
            # Only the rows the other filters keep are probed: about the page over the
            # share of records the search alone matches.
            probes = limit / max(self._search_share(kind, filters), 1e-9)
            return "probe" if probes <= WALK_PROBES and walked <= WALK_STEPS else "index"
        docs = matches * self._max_id(FTS_DOCUMENTS[kind]) / max(size, 1)
        costs = {  # ties go to the first
            "probe": walked * _probe_us(kind, filters),
            "in": docs * MATCH_US + walked * STEP_US,
            "index": matches * SORT_US,
        }
        return min(costs, key=costs.__getitem__)

    def _plan_settled(self, kind: RecordKind, filters: RecordFilter, limit: int) -> int:
        """The number of matches from which :meth:`_plan` no longer changes (for a search
        alone, in full-text documents): counting further does not change the page."""
        size = self._max_id(kind.value)
        if not _fts_search(filters):
            return math.isqrt(limit * size) + 1
        if not _search_alone(filters):
            return math.ceil(limit * size / WALK_STEPS)
        per_record = self._max_id(FTS_DOCUMENTS[kind]) / max(size, 1)
        probe = _probe_us(kind, filters)
        if math.isinf(probe):  # never probed: "in" beats "index" from here on
            # docs * MATCH + walked * STEP = m * SORT, with walked = limit * size / m
            matches = math.sqrt(limit * size * STEP_US / max(SORT_US - MATCH_US * per_record, 0.1))
        else:
            # walked * PROBE = docs * MATCH + walked * STEP, with docs = m * per_record
            matches = math.sqrt(limit * size * (probe - STEP_US) / (MATCH_US * per_record))
        return math.ceil(matches * per_record) + 1

    def _max_id(self, table: str) -> int:
        return _max_id(self.db, table)

    def first_page(
        self,
        kind: RecordKind,
        filters: RecordFilter = RecordFilter(),
        sort_key: str | None = None,
        descending: bool = False,
        limit: int = 200,
    ) -> FirstPage:
        """The first ``limit`` keys of a list and its count, for showing the list at once.

        Without a search the count is exact. Under a search, matches are counted only
        as far as they decide the plan of the page (see :meth:`_plan_settled`: a few
        milliseconds) and the count is then a lower bound (``exact`` False): count the
        rest with :meth:`count` after showing the page. A search in most of a million
        quotes takes 40 ms to count, and operations under it 100 ms; its first page
        takes a few.
        """
        with fts_errors(filters.search):
            # whether the other filters drive a search: decided once, a query each time
            records = _filter_records(self.db, kind, filters)
            driven = self._filters_drive(kind, filters, records)
            if filters.search is None:
                count = self.count(kind, filters)
                exact, matches = True, count
            else:
                if records is not None and records <= DRIVE_COUNT_MAX:
                    first = self._among_filtered(kind, filters, sort_key, descending, limit, driven)
                    if first is not None:
                        return first
                count, exact, matches, every = self._count_for_plan(
                    kind, filters, limit, sort_key, descending, driven
                )
                if every is not None:  # every match read, sorted: the page and the count
                    return FirstPage(every[:limit], count, True, count)
            page = min(limit, count) if exact else limit
            keys = self.record_keys(
                kind,
                filters,
                sort_key,
                descending,
                limit=page,
                matches=matches,
                plan=self._plan(kind, filters, matches, page, driven),
            )
        if not exact and len(keys) < limit:
            count, exact = len(keys), True  # the page holds the whole list
        return FirstPage(keys, max(count, len(keys)), exact, matches)

    def _among_filtered(
        self,
        kind: RecordKind,
        filters: RecordFilter,
        sort_key: str | None,
        descending: bool,
        limit: int,
        driven: bool,
    ) -> FirstPage | None:
        """The first page of a search whose other filters match at most DRIVE_COUNT_MAX
        records, found among those records read in list order (None: another plan):

        - when the search matches few documents (``INTERSECT_DOCUMENTS``), their ids are
          read from the full-text index and the records kept that are among them: the
          page and the exact count at once, without a probe or a join;
        - when the filters drive it and the page needs few of their records probed (see
          ``ORDERED_PROBES_SAVE``), the full-text index is probed for a chunk of them at a
          time until the page is full; the count is then a lower bound, unless every
          record was probed.
        """
        share = self._search_share(kind, filters)
        few = self._search_sample(kind, filters) * SAMPLE <= INTERSECT_DOCUMENTS
        if not few and not driven:
            return None
        terms = _sort_terms(kind, sort_key)
        where, params = _where(kind, dataclasses.replace(filters, search=None))
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{term} {direction}" for term in terms)
        sql = (
            f"SELECT {', '.join(terms)}, {FTS_DOCUMENT_OF[kind]} FROM {RECORD_TABLES[kind]}"
            f" {where} ORDER BY {terms[0]} IS NULL, {order} LIMIT ?"
        )
        rows = self.db.execute(sql, [*params, DRIVE_COUNT_MAX + 1]).fetchall()
        if len(rows) > DRIVE_COUNT_MAX:
            return None
        if few:
            match = [fts_match(filters.search)]
            found = {doc for (doc,) in self.db.execute(FTS_MATCHING_DOCUMENTS[kind], match)}
            keys = [(int(row[0] is None), *row[:-1]) for row in rows if row[-1] in found]
            return FirstPage(keys[:limit], len(keys), True, len(keys))
        if len(rows) < ORDERED_PROBES_SAVE * limit / max(share, 1e-9):
            return None
        match = fts_match(filters.search)
        keys: list[tuple] = []
        hits_seen = probed = 0
        while probed < len(rows) and len(keys) < limit:
            # as many as the matches still wanted take, at the rate seen so far
            per_match = probed / hits_seen if hits_seen else 1 / max(share, 1e-9)
            step = max(math.ceil((limit - len(keys)) * per_match * 1.1) + 8, 16)
            chunk = rows[probed : probed + step]
            documents = sorted({row[-1] for row in chunk})
            sql = FTS_HITS_AMONG[kind].format(marks(documents))
            hits = {hit for (hit,) in self.db.execute(sql, [match, *documents])}
            for row in chunk:
                if row[-1] in hits:
                    hits_seen += 1
                    if len(keys) < limit:
                        keys.append((int(row[0] is None), *row[:-1]))
            probed += len(chunk)
        if probed >= len(rows):  # every record probed: the count is exact
            return FirstPage(keys, hits_seen, True, hits_seen)
        return FirstPage(keys, hits_seen, False, math.ceil(len(rows) * hits_seen / probed))

    def _count_for_plan(
        self,
        kind: RecordKind,
        filters: RecordFilter,
        limit: int,
        sort_key: str | None = None,
        descending: bool = False,
        driven: bool = False,
    ) -> tuple[int, bool, int, list[tuple] | None]:
        """``(count, exact, matches, every)``: the matches of a search counted as far as
        the page plan needs (a lower bound when not ``exact``), what to plan pages by,
        and, when every match was read (see ``FEW_MATCHES``), their keys in list order.
        ``driven``: the other filters drive the search (see ``_filters_drive``)."""
        cap = max(self._plan_settled(kind, filters, limit), COUNT_FLOOR)
        if not (_fts_search(filters) and _search_alone(filters)):
            # Every match read at once, sorted, when there are few: counted first and
            # then paged, the same records were read twice ("employers" in the top city
            # at 1M: 56 + 58 ms; "we" in a city of 2,750 quotes, probed: 48 + 52 ms).
            every_plan = None
            if _fts_search(filters) and driven:
                every_plan = "filtered"  # at most DRIVE_COUNT_MAX records, each probed
            elif _fts_search(filters):
                # Common words under a big filter: counting to the cap reads most of the
                # index (300 ms for "we" in the top city at 1M); a sample settles it.
                # Beyond a few matches it is the lower bound shown first: counting them
                # to the cap before the page read a common word's matches twice ("we" in
                # New York at 1M: 330 ms to count 75,000, then 350 to sort them).
                part = self._sample_part(kind, filters)
                sample = self._matches_among_first_documents(kind, filters, part)
                if sample * part > FEW_MATCHES:
                    return sample, False, sample * part, None
                every_plan = "index"
            if every_plan is not None:
                every = self.record_keys(
                    kind, filters, sort_key, descending, limit=FEW_MATCHES + 1, plan=every_plan
                )
                if len(every) <= FEW_MATCHES:
                    return len(every), True, len(every), every
            count = self.count(kind, filters, cap=cap, driven=driven)
            return count, count < cap, count, None
        match = fts_match(filters.search)
        documents = self._max_id(FTS_DOCUMENTS[kind])
        (sample,) = self.db.execute(FTS_DOCS_UP_TO[kind], [match, documents // SAMPLE]).fetchone()
        if sample * SAMPLE >= 2 * cap:  # a common word: 5 ms to sample, 25 to count to cap
            docs, lower, settled = sample * SAMPLE, sample, True
        else:
            (docs,) = self.db.execute(FTS_DOCS[kind], [match, cap]).fetchone()
            lower, settled = docs, docs >= cap
        if kind is RecordKind.QUOTES:  # one document per quote: the count itself
            return lower, not settled, docs, None
        size = self._max_id(kind.value)
        matches = math.ceil(docs * size / max(documents, 1))
        if not settled and docs <= EXACT_COUNT_DOCS:
            count = self.count(kind, filters)
            return count, True, count, None
        return 0, False, matches, None

    def _matches_among_first_documents(
        self, kind: RecordKind, filters: RecordFilter, part: int = SAMPLE
    ) -> int:
        """The records matching a free-text search and other filters among the first
        1/``part`` of the full-text index's documents (read by rowid range)."""
        source, where, params = _source(kind, filters)
        documents = self._max_id(FTS_DOCUMENTS[kind])
        where = and_where(where, [f"{FTS_ROWID[kind]} <= ?"])
        sql = f"SELECT count(*) FROM {source} {where}"
        return self.db.execute(sql, [*params, documents // part]).fetchone()[0]

    def _filters_drive(
        self, kind: RecordKind, filters: RecordFilter, records: int | None = None
    ) -> bool:
        """:func:`_filters_drive` with the search's sample remembered."""
        return _filters_drive(
            self.db, kind, filters, lambda: self._search_sample(kind, filters), records
        )

    def _search_sample(self, kind: RecordKind, filters: RecordFilter) -> int:
        """The full-text documents the search alone matches among the first 1/``SAMPLE``
        of the index's (a few ms for the commonest word at 1M), remembered for the
        index's size: the plans of a query's first and later pages weigh it."""
        match = fts_match(filters.search)
        documents = self._max_id(FTS_DOCUMENTS[kind])
        key = (kind, match, documents)
        if key not in self._search_samples:
            if len(self._search_samples) > 64:
                self._search_samples.clear()
            (sample,) = self.db.execute(
                FTS_DOCS_UP_TO[kind], [match, documents // SAMPLE]
            ).fetchone()
            self._search_samples[key] = sample
        return self._search_samples[key]

    def _search_share(self, kind: RecordKind, filters: RecordFilter) -> float:
        """The share of full-text documents the search alone matches, from a sample."""
        documents = self._max_id(FTS_DOCUMENTS[kind]) // SAMPLE
        return self._search_sample(kind, filters) / max(documents, 1)

    def _sample_part(self, kind: RecordKind, filters: RecordFilter) -> int:
        """Among which part of the first documents a search under other filters is
        sampled: 1/``SAMPLE``, or less for a common word (see ``SAMPLE_READS``)."""
        reads = self._search_sample(kind, filters)
        return SAMPLE * max(1, math.ceil(reads / SAMPLE_READS))

    def page_anchors(
        self,
        kind: RecordKind,
        filters: RecordFilter = RecordFilter(),
        sort_key: str | None = None,
        descending: bool = False,
        step: int = 200,
    ) -> list[tuple]:
        """The keys of records 0, ``step``, 2 * ``step``, ... of a list: where each page
        starts, so any page is one keyset query away. Scans the whole list once (in
        SQLite, off the GUI thread for a big list)."""
        terms = _sort_terms(kind, sort_key)
        source, where, params = _reading_source(self.db, kind, filters, reads=terms)
        direction = "DESC" if descending else "ASC"
        anchors: list[tuple] = []
        before = 0  # records in the segments already scanned
        for segment in (0, 1):
            ordered = terms if segment == 0 else terms[1:]
            clause = f"{terms[0]} IS {'NOT NULL' if segment == 0 else 'NULL'}"
            order = ", ".join(f"{term} {direction}" for term in ordered)
            names = ", ".join(f"k{i}" for i in range(len(terms)))
            sql = (
                f"SELECT {names}, n FROM (SELECT"
                f" {', '.join(f'{term} AS k{i}' for i, term in enumerate(terms))},"
                f" row_number() OVER (ORDER BY {order}) - 1 AS n"
                f" FROM {source} {and_where(where, [clause])})"
                " WHERE (n + ?) % ? = 0 ORDER BY n"
            )
            rows = self.db.execute(sql, [*params, before % step, step]).fetchall()
            anchors += [(segment, *row[:-1]) for row in rows]
            sql = f"SELECT count(*) FROM {source} {and_where(where, [clause])}"
            before += self.db.execute(sql, params).fetchone()[0]
        return anchors

    def rows(self, kind: RecordKind, ids: Iterable[int]) -> list[dict]:
        """The display rows of these records, in the order given."""
        ids = list(ids)
        if not ids:
            return []
        selects = [f"{col.expr} AS {col.key}" for col in COLUMNS[kind]] + list(ROW_EXTRAS[kind])
        sql = (
            f"SELECT {', '.join(selects)} FROM {FROM_CLAUSES[kind]}"
            f" WHERE {ID_EXPR[kind]} IN ({marks(ids)})"
        )
        cursor = self.db.execute(sql, ids)
        names = [d[0] for d in cursor.description]
        rows = (dict(zip(names, values, strict=True)) for values in cursor)
        by_id = {row["id"]: row for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def count(
        self,
        kind: RecordKind,
        filters: RecordFilter = RecordFilter(),
        cap: int | None = None,
        *,
        driven: bool | None = None,
    ) -> int:
        """The number of records matching ``filters``; with ``cap``, counting stops at
        ``cap`` (a result of ``cap`` means at least that many). ``driven``: whether the
        other filters drive a search, when the caller has decided it already."""
        source, where, params = _reading_source(self.db, kind, filters, driven=driven)
        sql = f"SELECT count(*) FROM {source} {where}"
        if cap is not None:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} {where} LIMIT ?)"
            params = [*params, cap]
        if kind is RecordKind.QUOTES and _fts_search(filters) and _search_alone(filters):
            # Free text alone: the index has one row per quote (its rowid the quote id),
            # so its matches are the count, without reading a quote.
            match = fts_match(filters.search)
            sql, params = "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", [match]
            if cap is not None:
                sql, params = FTS_DOCS[kind], [match, cap]
        with fts_errors(filters.search):
            return self.db.execute(sql, params).fetchone()[0]

    # -- reading: facets and charts ---------------------------------------------

    def city_facet(
        self, filters: RecordFilter = RecordFilter(), cap: int | None = None
    ) -> list[FacetValue]:
        """Cities with their number of operations, under every filter but the city one.

        With ``cap``, at most that many operations are counted: counts that hit it are
        lower bounds, marked ``approximate``.
        """
        rest = filters.without("cities")
        if cap:
            return self._sampled_facet("cities", RecordKind.OPERATIONS, rest, cap)
        source, where, params = _reading_source(self.db, RecordKind.OPERATIONS, rest)
        inner = f"SELECT o.city_id FROM {source} {and_where(where, ['o.city_id IS NOT NULL'])}"
        return self._facet(inner, params, "SELECT id, label FROM places", "city_id")

    def speaker_facet(
        self, filters: RecordFilter = RecordFilter(), cap: int | None = None
    ) -> list[FacetValue]:
        """Speakers with their number of quotes, under every filter but the speaker one.

        Without other filters the counts are pre-aggregated (kept by triggers); with
        ``cap``, at most that many quotes are counted (see :meth:`city_facet`).
        """
        rest = filters.without("speakers")
        if rest.is_empty:
            sql = (
                "SELECT s.id, s.name, c.quotes FROM speaker_quote_counts c"
                " JOIN speakers s ON s.id = c.speaker_id WHERE c.quotes > 0"
                " ORDER BY c.quotes DESC, s.name"
            )
            return [FacetValue(*row) for row in self.db.execute(sql)]
        if cap:
            return self._sampled_facet("speakers", RecordKind.QUOTES, rest, cap)
        source, where, params = _reading_source(self.db, RecordKind.QUOTES, rest)
        inner = (
            f"SELECT q.speaker_id FROM {source} {and_where(where, ['q.speaker_id IS NOT NULL'])}"
        )
        labels = "SELECT id, name AS label FROM speakers"
        return self._facet(inner, params, labels, "speaker_id")

    def _facet(self, inner: str, params: list, labels: str, key: str) -> list[FacetValue]:
        """Exact counts of ``key`` over the rows of ``inner``, most first."""
        sql = (
            f"SELECT e.id, e.label, c.n FROM (SELECT {key} AS id, count(*) AS n"
            f" FROM ({inner}) GROUP BY {key}) c JOIN ({labels}) e"
            " ON e.id = c.id ORDER BY c.n DESC, e.label"
        )
        return [FacetValue(*row) for row in self.db.execute(sql, params)]

    def _sampled_facet(
        self, facet: str, kind: RecordKind, rest: RecordFilter, cap: int
    ) -> list[FacetValue]:
        """Counts of a facet among at most ``cap`` records (see
        ``filtering.shared_facet_counts``)."""
        with fts_errors(rest.search):
            values = filtering.shared_facet_counts(self.db, [facet], kind, rest, cap)[facet]
        return [FacetValue(*value) for value in values]

    def arrests_by_place(
        self, filters: RecordFilter = RecordFilter(), limit: int = 20, cap: int | None = None
    ) -> list[PlaceTotal]:
        """The places with the most arrests reported; each place on its own, never rolled up.

        A city's count is not added to its state's, so nested places are never
        counted twice. Aggregated from a covering index, then joined to the few
        places shown; under one speaker or city alone, read from the totals triggers keep.
        With ``cap`` at most that many operations are read: when there are more, the
        totals are lower bounds and marked ``sampled``.
        """
        kept = filtering.kept_totals(filters)
        if kept is not None:  # kept by triggers
            prefix, value = kept  # a table name, not user text
            rows = self.db.execute(
                "SELECT p.id, p.label, p.kind, t.total, t.operations, t.approximate > 0"
                f" FROM {prefix}_place_totals t JOIN places p ON p.id = t.place_id"
                f" WHERE t.{prefix}_id = ? AND t.operations > 0"
                " ORDER BY t.total DESC, p.label LIMIT ?",
                [value, limit],
            ).fetchall()
            return [PlaceTotal(*row[:5], bool(row[5])) for row in rows]
        source, where, params = _reading_source(self.db, RecordKind.OPERATIONS, filters)
        matching = (
            "SELECT o.place_id AS place_id, o.count AS c, o.qualifier AS qualifier"
            f" FROM {source} {and_where(where, ['o.place_id IS NOT NULL'])}"
            + (" LIMIT ?" if cap else "")
        )
        sql = (
            "SELECT p.id, p.label, p.kind, t.total, t.n, t.approximate, t.read FROM"
            " (SELECT place_id, sum(c) AS total, count(*) AS n,"
            " max(qualifier <> 'exact') AS approximate, sum(count(*)) OVER () AS read"
            f" FROM ({matching}) GROUP BY place_id) t"
            " JOIN places p ON p.id = t.place_id ORDER BY t.total DESC, p.label LIMIT ?"
        )
        rows = self.db.execute(sql, [*params, *([cap] if cap else []), limit]).fetchall()
        sampled = bool(cap) and any(read >= cap for *_, read in rows)
        return [
            PlaceTotal(pid, label, kind, total, n, bool(approx), sampled)
            for pid, label, kind, total, n, approx, _read in rows
        ]

    def facet(
        self,
        facet: str,
        shown: RecordKind = RecordKind.OPERATIONS,
        filters: RecordFilter = RecordFilter(),
        cap: int | None = None,
    ) -> list[FacetValue]:
        """A side-panel facet (a RecordFilter field: "states", "outlets", "years",
        "agencies", "tags", "review_statuses", "cities", "speakers") with the number of
        records of each value under every filter but the facet's own. Outlet, year and
        review status count the records of the ``shown`` list; the others count the
        records they belong to (see ``filtering.FACET_KINDS``)."""
        kind = filtering.facet_kind(facet, shown)
        with fts_errors(filters.search):
            values = filtering.facet_counts(self.db, facet, kind, filters, cap)
        return [FacetValue(value, label, n, approximate) for value, label, n, approximate in values]

    def facets(
        self,
        names: Iterable[str],
        shown: RecordKind = RecordKind.OPERATIONS,
        filters: RecordFilter = RecordFilter(),
        cap: int | None = None,
    ) -> dict[str, list[FacetValue]]:
        """Several side-panel facets at once, by name (see :meth:`facet`).

        Facets that count the same records under the same filters (all but those whose
        own values are selected) are counted from one read of those records, so a
        refresh under a city or a common search word reads the matches once per kind,
        not once per facet. Speakers with no other filter keep their exact counts kept
        by triggers."""
        groups: dict[tuple, list[str]] = {}
        for name in names:
            kind = filtering.facet_kind(name, shown)
            groups.setdefault((kind, filters.without(name)), []).append(name)
        result: dict[str, list[FacetValue]] = {}
        for (kind, rest), group in groups.items():
            if "speakers" in group and rest.is_empty:
                result["speakers"] = self.speaker_facet(filters, cap)
                group.remove("speakers")
            if len(group) == 1:
                (name,) = group
                if name == "cities":
                    result[name] = self.city_facet(filters, cap)
                elif name == "speakers":
                    result[name] = self.speaker_facet(filters, cap)
                else:
                    result[name] = self.facet(name, shown, filters, cap)
            elif group:
                with fts_errors(rest.search):
                    counted = filtering.shared_facet_counts(self.db, group, kind, rest, cap)
                for name, values in counted.items():
                    result[name] = [FacetValue(*value) for value in values]
        return result

    def arrests_over_time(
        self, filters: RecordFilter = RecordFilter(), unit: str = "month", cap: int | None = None
    ) -> list[filtering.PeriodTotal]:
        """Arrest counts by month or week (see ``filtering.arrests_over_time``)."""
        with fts_errors(filters.search):
            return filtering.arrests_over_time(self.db, filters, unit, cap)

    def records_behind(
        self,
        filters: RecordFilter = RecordFilter(),
        place_id: int | None = None,
        period: tuple[str, str] | None = None,
        limit: int = 8,
    ) -> tuple[list[filtering.BarRecord], int]:
        """A few of the operations behind a chart bar, and how many there are."""
        with fts_errors(filters.search):
            return filtering.records_behind(self.db, filters, place_id, period, limit)

    def filter_labels(self, facet: str, values: Iterable) -> dict:
        """What the filter summary shows for selected values of a facet."""
        return filtering.facet_labels(self.db, facet, list(values))

    # -- reading: export --------------------------------------------------------

    def iter_export(
        self, kind: RecordKind, filters: RecordFilter = RecordFilter(), ids: Iterable[int] = ()
    ) -> Iterator[dict]:
        """Every matching record with its provenance, streamed from the cursor."""
        where, params = _where(kind, filters)
        ids = list(ids)
        if ids:
            clause = f"{ID_EXPR[kind]} IN ({marks(ids)})"
            where = f"{where} AND {clause}" if where else f"WHERE {clause}"
            params = [*params, *ids]
        if kind is RecordKind.QUOTES:
            sql = _QUOTE_EXPORT.format(where=where)
        else:
            sql = _OPERATION_EXPORT.format(where=where)
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            if kind is RecordKind.QUOTES:
                row["tags"] = row["tags"].split(_TAG_SEPARATOR) if row["tags"] else []
            else:
                row["approximate"] = row["qualifier"] != "exact"
            yield row

    # -- reading: lookups for export, bundles and publishing ----------------------
    # (export by name from the command line, manifests, and `archive-gui serve`)

    def city_ids(self, name: str) -> list[int]:
        """Ids of the cities called ``name`` ("Atlanta" or "Atlanta, GA"), ignoring case."""
        rows = self.db.execute(
            "SELECT id FROM places WHERE kind = 'city'"
            " AND (name = ? COLLATE NOCASE OR label = ? COLLATE NOCASE) ORDER BY id",
            [name.strip(), name.strip()],
        )
        return [row[0] for row in rows]

    def speaker_ids(self, name: str) -> list[int]:
        """Ids of the speakers (people or organisations) called ``name``, ignoring case."""
        rows = self.db.execute(
            "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE ORDER BY id", [name.strip()]
        )
        return [row[0] for row in rows]

    def facet_labels(self, facet: str, ids: Iterable[int]) -> dict[int, str]:
        """What the filter panels show for these ids: city labels or speaker names."""
        sql = {
            "cities": "SELECT id, label FROM places WHERE id = ?",
            "speakers": "SELECT id, name FROM speakers WHERE id = ?",
        }[facet]
        found = (self.db.execute(sql, [i]).fetchone() for i in ids)
        return {row[0]: row[1] for row in found if row}

    def table_columns(self, table: str) -> tuple[str, ...]:
        """The columns of a table of the archive (none if it has no such table): how
        export and bundles carry fields that a later schema adds."""
        return tuple(
            row[0] for row in self.db.execute("SELECT name FROM pragma_table_info(?)", [table])
        )

    def record_fields(
        self, kind: RecordKind, ids: Iterable[int], names: Iterable[str]
    ) -> dict[int, dict]:
        """Columns of the record table itself (e.g. a review status) for these records."""
        names = [name for name in names if name in self.table_columns(kind.value)]
        ids = list(ids)
        if not names or not ids:
            return {}
        quoted = ", ".join(f'"{name}"' for name in names)  # checked against the schema
        sql = f"SELECT id, {quoted} FROM {kind.value} WHERE id IN ({marks(ids)})"
        return {row[0]: dict(zip(names, row[1:], strict=True)) for row in self.db.execute(sql, ids)}

    def checkpoint(self) -> None:
        """Move everything in the write-ahead log into the main file (before serving it)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def search_index_segments(self) -> dict[str, int]:
        """How many segments each full-text index is in. Every import (and deletion) adds
        some; a search's probe seeks each one (about 20 us in one segment, 90 us in 17)."""
        return {
            fts: self.db.execute(
                f"SELECT count(DISTINCT id >> 37) FROM {fts}_data WHERE id >= 1 << 37"
            ).fetchone()[0]
            for fts in SEARCH_INDEXES
        }

    def tidy_search_index(self, max_segments: int | None = None) -> list[str]:
        """Merge each full-text index in more than ``max_segments`` segments (default
        SEARCH_INDEX_MAX_SEGMENTS) into one, and return the ones merged. About 1.7 s for
        the quotes of a million; a reader sees the index as it was until the merge commits."""
        limit = SEARCH_INDEX_MAX_SEGMENTS if max_segments is None else max_segments
        merged = []
        for fts, segments in self.search_index_segments().items():
            if segments > limit:
                with self.transaction():
                    self.db.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
                merged.append(fts)
        return merged


_QUOTE_EXPORT = (
    "SELECT q.id, q.text, s.name AS speaker, s.kind AS speaker_kind,"
    " q.speaker_role, q.speaker_affiliation, q.mention_text,"
    " q.article_id, a.title AS article_title, a.outlet AS article_outlet,"
    " a.url AS article_url, a.published, a.sha256 AS article_sha256,"
    ' q.start, q."end", q.rule, q.confidence, q.note, q.review_status,'
    " (SELECT group_concat(t.name, char(31)) FROM quote_tags qt JOIN tags t"
    "   ON t.id = qt.tag_id WHERE qt.quote_id = q.id) AS tags"
    " FROM quotes q JOIN articles a ON a.id = q.article_id"
    " LEFT JOIN speakers s ON s.id = q.speaker_id {where} ORDER BY q.id"
)

_OPERATION_EXPORT = (
    "SELECT o.id, o.count, o.qualifier, o.count_text,"
    " p.label AS place, p.kind AS place_kind,"
    " CASE WHEN p.kind = 'city' THEN p.name END AS city,"
    " CASE WHEN p.kind IN ('city', 'state') THEN p.state END AS state,"
    " CASE WHEN p.kind = 'area' THEN p.name ELSE p.area END AS area,"
    " o.place_text, o.period_text, o.period_start, o.period_end, o.agency, o.part_of,"
    " o.article_id, a.title AS article_title, a.outlet AS article_outlet,"
    " a.url AS article_url, a.published, a.sha256 AS article_sha256,"
    ' o.start, o."end", o.rule, o.confidence, o.review_status, o.note'
    " FROM operations o JOIN articles a ON a.id = o.article_id"
    " LEFT JOIN places p ON p.id = o.place_id {where} ORDER BY o.id"
)


def _where(kind: RecordKind, filters: RecordFilter, scan: bool = False) -> tuple[str, list]:
    """A WHERE clause of bound parameters for the filters, over the kind's aliases.

    With ``scan`` the filters cannot drive an index (SQLite's unary ``+``): a query
    ordered by an index then walks it and tests each row, the fast plan when the
    filters match a large share of the records.
    """
    clauses: list[str] = []
    params: list = []
    cities = sorted(filters.cities)
    speakers = sorted(filters.speakers)
    plus = "+" if scan else ""
    if kind is RecordKind.OPERATIONS:
        if cities:
            clauses.append(f"{plus}o.city_id IN ({marks(cities)})")
            params += cities
        if speakers:
            clauses.append(
                f"{plus}o.article_id IN (SELECT article_id FROM quotes"
                f" WHERE speaker_id IN ({marks(speakers)}))"
            )
            params += speakers
    else:
        if speakers:
            clauses.append(f"{plus}q.speaker_id IN ({marks(speakers)})")
            params += speakers
        if cities:
            clauses.append(
                f"{plus}q.article_id IN (SELECT article_id FROM operations"
                f" WHERE city_id IN ({marks(cities)}))"
            )
            params += cities
    extra, extra_params = filter_clauses(kind, filters, plus)
    clauses += extra
    params += extra_params
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(clauses), params


def _source(
    kind: RecordKind,
    filters: RecordFilter,
    plan: str = "index",
    reads: Iterable[str] | None = None,
) -> tuple[str, str, list]:
    """``(from, where, params)`` for the records matching ``filters``: the FROM clause
    (the kind's table, or the full-text index joined to it when the search is free
    text, so the matches drive the query), and a WHERE clause for it. For a walk of a
    sort index that stops after a page (``plan`` "walk", "probe" or "in", see
    ``Archive._plan``) the filters cannot drive the query, and a free-text search is
    tested row by row: by a probe of the full-text index, or ("in") by a lookup among
    its matches read once. ``reads``, the record columns the query reads (when it
    reads nothing else), lets a search that filters nothing else join the full-text
    index to a covering index of those columns instead of to the record rows."""
    scan = plan in ("walk", "probe", "in")
    search = filters.search
    match = fts_match(search) if search is not None else None
    if match is None:
        where, params = _where(kind, filters, scan)
        return RECORD_TABLES[kind], where, params
    others = dataclasses.replace(filters, search=None)
    if scan or plan == "filtered":
        where, params = _where(kind, others, scan)
        test = FTS_IN[kind] if plan == "in" else FTS_PROBE[kind]
        return RECORD_TABLES[kind], and_where(where, [test]), [*params, match]
    # The matches drive the query, each record tested against the other filters: kept
    # off the indexes, or SQLite may look each match up once per value of an article
    # list ("quotes_article (article_id=? AND rowid=?)": 67 s for "we" in a city at 100k).
    where, params = _where(kind, others, scan=True)
    source = FTS_JOIN[kind]
    covered = SORT_KEY_COLUMNS.get(kind)
    if not where and reads is not None and covered is not None and set(reads) <= covered:
        source = FTS_JOIN_SORT_KEYS[kind]
    return source, and_where(where, [FTS_MATCH[kind]]), [*params, match]


def _max_id(db, table: str) -> int:
    """The largest id of a record table (its size, give or take deletions)."""
    (size,) = db.execute(f"SELECT max(id) FROM {table}").fetchone()  # a whitelisted name
    return size or 0


def _filter_records(db, kind: RecordKind, filters: RecordFilter) -> int | None:
    """How many records the filters other than a free-text search match, counted through
    their indexes up to the larger of FILTER_DRIVE_MAX and DRIVE_COUNT_MAX (one more means
    more); None when no filter with an index of its own is set (counting could scan)."""
    if not _fts_search(filters) or _search_alone(filters):
        return None
    if not any(getattr(filters, name) for name in DRIVING_FILTERS):
        return None
    where, params = _where(kind, dataclasses.replace(filters, search=None))
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {RECORD_TABLES[kind]} {where} LIMIT ?)"
    # Counted once as far as either limit needs: a city's quotes are found through an
    # article list built for each query (8 ms for the top city at 1M), so counting to
    # the first limit and then again to the second cost that twice.
    limit = max(FILTER_DRIVE_MAX, DRIVE_COUNT_MAX) + 1
    (count,) = db.execute(sql, [*params, limit]).fetchone()
    return count


def _filters_drive(
    db,
    kind: RecordKind,
    filters: RecordFilter,
    search_sample: Callable[[], int] | None = None,
    records: int | None = None,
) -> bool:
    """A free-text search is better found among the few records its other filters match
    (see ``FILTER_DRIVE_MAX``), or among more when probing each costs less than reading
    the search's matches (a common word, see ``DRIVE_COUNT_MAX``): the records counted
    through those filters' indexes (``records``, when the caller has counted them)."""
    if records is None:
        records = _filter_records(db, kind, filters)
    if records is None:
        return False
    if records <= FILTER_DRIVE_MAX:
        return True
    terms = fts_probe_terms(filters.search)
    if terms is None:  # a prefix search: no cheap probe
        return False
    # As many matches as a sample of the index's first documents says (a few ms): the
    # records that probing may cost as much as reading those.
    if search_sample is not None:  # the caller's, remembered (``Archive._search_sample``)
        sample = search_sample()
    else:
        step = max(1, _max_id(db, FTS_DOCUMENTS[kind]) // SAMPLE)
        (sample,) = db.execute(FTS_DOCS_UP_TO[kind], [fts_match(filters.search), step]).fetchone()
    worth = sample * SAMPLE * MATCH_TEST_US / (DRIVE_PROBE_US * max(terms, 1))
    most = int(min(worth, DRIVE_COUNT_MAX))
    return most > FILTER_DRIVE_MAX and records <= most


def _reading_source(
    db,
    kind: RecordKind,
    filters: RecordFilter,
    reads: Iterable[str] | None = None,
    driven: bool | None = None,
) -> tuple[str, str, list]:
    """:func:`_source` for a query that reads every match (a count, a facet, a chart,
    the page anchors): driven by the other filters when they match few records
    (``driven``, decided here when None)."""
    if driven is None:
        driven = _filters_drive(db, kind, filters)
    return _source(kind, filters, "filtered" if driven else "index", reads)


def _sort_terms(kind: RecordKind, sort_key: str | None) -> tuple[str, ...]:
    """The whitelisted ORDER BY terms of a list, ending with the record id."""
    return (*column(kind, sort_key or DEFAULT_SORT[kind]).sort_terms, ID_EXPR[kind])


def _fts_search(filters: RecordFilter) -> bool:
    """The search is free text alone (see :func:`_source`)."""
    return filters.search is not None and fts_match(filters.search) is not None


def _probe_us(kind: RecordKind, filters: RecordFilter) -> float:
    """What a probe of the full-text index for the search costs per record (infinite
    for a prefix search, see ``fts_probe_terms``)."""
    terms = fts_probe_terms(filters.search)
    return math.inf if terms is None else PROBE_US[kind] * max(terms, 1)


def _search_alone(filters: RecordFilter) -> bool:
    """Nothing but the search filters the records."""
    return dataclasses.replace(filters, search=None).is_empty


def _state_of(city: Place) -> Place:
    # Imported here: the gazetteer's patterns cost the window 0.1 s at start otherwise.
    from archive_gui.core.extract.places import state_place

    try:
        return state_place(city.state)
    except KeyError:  # a code the gazetteer does not know: keep it as given
        return Place(kind="state", name=city.state, state=city.state)
