"""The archive: one SQLite file, and the only code in the project that writes SQL.

Reads for display are shaped for lists that never load a whole table: the ids
of the matching records in sort order, then rows fetched a page at a time by
id; facet counts and chart series are aggregated by SQLite.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from archive_gui.core.extract.places import state_place
from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place, Quote
from archive_gui.core.store import migrations
from archive_gui.core.store.schema import (
    COLUMNS,
    FROM_CLAUSES,
    ID_EXPR,
    ROW_EXTRAS,
    RecordFilter,
    RecordKind,
    column,
)

NATIONWIDE = Place(kind="nationwide", name="United States")
_TAG_SEPARATOR = "\x1f"


class ArchiveError(Exception):
    """A problem with the archive file, worded for the person using the app."""


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


@dataclass(frozen=True)
class PlaceTotal:
    """Arrests at one place: the sum of its operations' stated counts."""

    place_id: int
    label: str
    kind: str
    total: int
    operations: int
    approximate: bool  # at least one count is not exact


@dataclass(frozen=True)
class Totals:
    articles: int
    operations: int
    quotes: int


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Archive:
    """An open archive file. Not thread-safe: open one per thread."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None):
        self.db = db
        self.path = path
        self.backup_path: Path | None = None

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Archive:
        """Open (creating if needed) and migrate the archive at ``path``."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise ArchiveError(f"{path} is a folder, not an archive file.")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(path), timeout=5.0)
        except sqlite3.Error as exc:
            raise ArchiveError(f"Cannot open {path}: {exc}") from exc
        return cls._setup(conn, path)

    @classmethod
    def in_memory(cls) -> Archive:
        return cls._setup(sqlite3.connect(":memory:"), None)

    @classmethod
    def _setup(cls, conn: sqlite3.Connection, path: Path | None) -> Archive:
        try:
            migrations.refuse_newer(conn)  # before anything writes to the file
            db = sqlite_utils.Database(conn, execute_plugins=False)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 5000")
            if path is not None:
                db.enable_wal()
            archive = cls(db, path)
            archive.backup_path = migrations.migrate(conn, path)
        except migrations.ArchiveTooNewError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ArchiveError(f"{path} is not a usable archive: {exc}.") from exc
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

    def has_text(self, text: str) -> int | None:
        """The id of the article with exactly this text, if archived."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE sha256 = ?", [text_sha256(text)]
        ).fetchone()
        return row[0] if row else None

    def add_article(
        self, text: str, meta: ArticleMeta, extraction: Extraction, extractor_version: str
    ) -> AddResult:
        """Store an article with its records in one transaction; a known text is a no-op."""
        try:
            return self._add_article(text, meta, extraction, extractor_version)
        except sqlite3.Error as exc:
            raise ArchiveError(f"the archive could not store the article: {exc}") from exc

    def _add_article(
        self, text: str, meta: ArticleMeta, extraction: Extraction, extractor_version: str
    ) -> AddResult:
        sha = text_sha256(text)
        with self.transaction():
            existing = self.db.execute("SELECT id FROM articles WHERE sha256 = ?", [sha]).fetchone()
            if existing:
                return AddResult(existing[0], created=False)
            article_id = self.db.execute(
                "INSERT INTO articles (sha256, title, outlet, url, author, published,"
                " imported_at, source_file, extractor_version, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    sha,
                    meta.title,
                    meta.outlet,
                    meta.url,
                    meta.author,
                    meta.published.isoformat() if meta.published else None,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    meta.source_file,
                    extractor_version,
                    text,
                ],
            ).lastrowid
            for quote in extraction.quotes:
                self._insert_quote(article_id, quote)
            operation_ids: list[int] = []
            for operation in extraction.operations:
                parent = (
                    operation_ids[operation.part_of]
                    if operation.part_of is not None and operation.part_of < len(operation_ids)
                    else None
                )
                operation_ids.append(self._insert_operation(article_id, operation, parent))
        return AddResult(
            article_id,
            created=True,
            quotes=len(extraction.quotes),
            operations=len(extraction.operations),
        )

    def _insert_quote(self, article_id: int, quote: Quote) -> int:
        speaker_id = None
        if quote.speaker:
            speaker_id = self._speaker_id(
                quote.speaker,
                quote.speaker_kind or "person",
                quote.speaker_role,
                quote.speaker_affiliation,
            )
        return self.db.execute(
            'INSERT INTO quotes (article_id, text, start, "end", speaker_id, speaker_role,'
            " speaker_affiliation, mention_text, mention_start, mention_end, rule, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        ).lastrowid

    def _insert_operation(self, article_id: int, op: Operation, parent_id: int | None) -> int:
        place_id = self._place_id(op.place) if op.place else None
        city_id = place_id if op.place and op.place.kind == "city" else None
        return self.db.execute(
            'INSERT INTO operations (article_id, count, qualifier, count_text, start, "end",'
            " place_id, city_id, place_text, place_start, place_end, period_text,"
            " period_start, period_end, agency, part_of, rule, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        ).lastrowid

    def _speaker_id(self, name: str, kind: str, role: str | None, affiliation: str | None) -> int:
        row = self.db.execute(
            "SELECT id FROM speakers WHERE name = ? AND kind = ?", [name, kind]
        ).fetchone()
        if row:
            self.db.execute(
                "UPDATE speakers SET role = coalesce(?, role),"
                " affiliation = coalesce(?, affiliation) WHERE id = ?",
                [role, affiliation, row[0]],
            )
            return row[0]
        return self.db.execute(
            "INSERT INTO speakers (name, kind, role, affiliation) VALUES (?, ?, ?, ?)",
            [name, kind, role, affiliation],
        ).lastrowid

    def _place_id(self, place: Place) -> int:
        """The id of a place, creating it and the places it nests in."""
        row = self.db.execute(
            "SELECT id FROM places WHERE kind = ? AND name = ? AND coalesce(state, '') = ?",
            [place.kind, place.name, place.state or ""],
        ).fetchone()
        if row:
            return row[0]
        parent_id = None
        if place.kind == "city" and place.state:
            parent_id = self._place_id(_state_of(place))
        elif place.kind in ("state", "area"):
            parent_id = self._place_id(NATIONWIDE)
        return self.db.execute(
            "INSERT INTO places (kind, name, state, area, parent_id, label)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [place.kind, place.name, place.state, place.area, parent_id, place.label],
        ).lastrowid

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
        """Ids of the records matching ``filters``, in the order of a whitelisted column."""
        where, params = _where(kind, filters)
        id_expr = ID_EXPR[kind]
        order = ""
        if sort_key is not None:
            direction = "DESC" if descending else "ASC"
            terms = [f"{term} {direction} NULLS LAST" for term in column(kind, sort_key).sort_terms]
            order = "ORDER BY " + ", ".join([*terms, f"{id_expr} {direction}"])
        else:
            order = f"ORDER BY {id_expr}"
        sql = f"SELECT {id_expr} FROM {FROM_CLAUSES[kind]} {where} {order}"
        ids = array("q")
        cursor = self.db.execute(sql, params)
        while chunk := cursor.fetchmany(10_000):
            ids.extend(row[0] for row in chunk)
        return ids

    def rows(self, kind: RecordKind, ids: Iterable[int]) -> list[dict]:
        """The display rows of these records, in the order given."""
        ids = list(ids)
        if not ids:
            return []
        selects = [f"{col.expr} AS {col.key}" for col in COLUMNS[kind]] + list(ROW_EXTRAS[kind])
        marks = ", ".join("?" * len(ids))
        sql = (
            f"SELECT {', '.join(selects)} FROM {FROM_CLAUSES[kind]}"
            f" WHERE {ID_EXPR[kind]} IN ({marks})"
        )
        cursor = self.db.execute(sql, ids)
        names = [d[0] for d in cursor.description]
        rows = (dict(zip(names, values, strict=True)) for values in cursor)
        by_id = {row["id"]: row for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def count(self, kind: RecordKind, filters: RecordFilter = RecordFilter()) -> int:
        where, params = _where(kind, filters)
        alias = ID_EXPR[kind].split(".")[0]
        table = "operations" if kind is RecordKind.OPERATIONS else "quotes"
        sql = f"SELECT count(*) FROM {table} {alias} {where}"
        return self.db.execute(sql, params).fetchone()[0]

    # -- reading: facets and charts ---------------------------------------------

    def city_facet(self, filters: RecordFilter = RecordFilter()) -> list[FacetValue]:
        """Cities with their number of operations, under every filter but the city one."""
        where, params = _where(RecordKind.OPERATIONS, filters.without("cities"))
        extra = "AND" if where else "WHERE"
        sql = (
            "SELECT p.id, p.label, count(*) AS n FROM operations o"
            f" JOIN places p ON p.id = o.city_id {where} {extra} o.city_id IS NOT NULL"
            " GROUP BY p.id ORDER BY n DESC, p.label"
        )
        return [FacetValue(*row) for row in self.db.execute(sql, params)]

    def speaker_facet(self, filters: RecordFilter = RecordFilter()) -> list[FacetValue]:
        """Speakers with their number of quotes, under every filter but the speaker one."""
        where, params = _where(RecordKind.QUOTES, filters.without("speakers"))
        extra = "AND" if where else "WHERE"
        sql = (
            "SELECT s.id, s.name, count(*) AS n FROM quotes q"
            f" JOIN speakers s ON s.id = q.speaker_id {where} {extra} q.speaker_id IS NOT NULL"
            " GROUP BY s.id ORDER BY n DESC, s.name"
        )
        return [FacetValue(*row) for row in self.db.execute(sql, params)]

    def arrests_by_place(
        self, filters: RecordFilter = RecordFilter(), limit: int = 20
    ) -> list[PlaceTotal]:
        """The places with the most arrests reported; each place on its own, never rolled up.

        A city's count is not added to its state's, so nested places are never
        counted twice.
        """
        where, params = _where(RecordKind.OPERATIONS, filters)
        extra = "AND" if where else "WHERE"
        sql = (
            "SELECT p.id, p.label, p.kind, sum(o.count) AS total, count(*),"
            " max(o.qualifier <> 'exact') FROM operations o"
            f" JOIN places p ON p.id = o.place_id {where} {extra} o.place_id IS NOT NULL"
            " GROUP BY p.id ORDER BY total DESC, p.label LIMIT ?"
        )
        rows = self.db.execute(sql, [*params, limit])
        return [
            PlaceTotal(pid, label, kind, total, n, bool(approx))
            for pid, label, kind, total, n, approx in rows
        ]

    # -- reading: export --------------------------------------------------------

    def iter_export(
        self, kind: RecordKind, filters: RecordFilter = RecordFilter(), ids: Iterable[int] = ()
    ) -> Iterator[dict]:
        """Every matching record with its provenance, streamed from the cursor."""
        where, params = _where(kind, filters)
        ids = list(ids)
        if ids:
            clause = f"{ID_EXPR[kind]} IN ({', '.join('?' * len(ids))})"
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


_QUOTE_EXPORT = (
    "SELECT q.id, q.text, s.name AS speaker, s.kind AS speaker_kind,"
    " q.speaker_role, q.speaker_affiliation, q.mention_text,"
    " q.article_id, a.title AS article_title, a.outlet AS article_outlet,"
    " a.url AS article_url, a.published, a.sha256 AS article_sha256,"
    ' q.start, q."end", q.rule, q.confidence, q.note,'
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
    ' o.start, o."end", o.rule, o.confidence'
    " FROM operations o JOIN articles a ON a.id = o.article_id"
    " LEFT JOIN places p ON p.id = o.place_id {where} ORDER BY o.id"
)


def _where(kind: RecordKind, filters: RecordFilter) -> tuple[str, list]:
    """A WHERE clause of bound parameters for the filters, over the kind's aliases."""
    clauses: list[str] = []
    params: list = []
    cities = sorted(filters.cities)
    speakers = sorted(filters.speakers)
    if kind is RecordKind.OPERATIONS:
        if cities:
            clauses.append(f"o.city_id IN ({_marks(cities)})")
            params += cities
        if speakers:
            clauses.append(
                "o.article_id IN (SELECT article_id FROM quotes"
                f" WHERE speaker_id IN ({_marks(speakers)}))"
            )
            params += speakers
    else:
        if speakers:
            clauses.append(f"q.speaker_id IN ({_marks(speakers)})")
            params += speakers
        if cities:
            clauses.append(
                "q.article_id IN (SELECT article_id FROM operations"
                f" WHERE city_id IN ({_marks(cities)}))"
            )
            params += cities
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(clauses), params


def _state_of(city: Place) -> Place:
    try:
        return state_place(city.state)
    except KeyError:  # a code the gazetteer does not know: keep it as given
        return Place(kind="state", name=city.state, state=city.state)


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))
