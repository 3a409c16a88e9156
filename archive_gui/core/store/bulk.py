"""Bulk writes: loading a large archive in one pass, and tagging many quotes at once.

A bulk load drops the secondary indexes and triggers of the record tables, inserts
every row with ``executemany`` (with the derived sort keys filled in), then rebuilds
the indexes, the full-text indexes (merged into one segment each) and the pre-aggregated
counts once at the end, and re-creates the triggers exactly as the migrations defined
them. It is meant for
filling a new archive (the synthetic benchmark archive); rows must be consistent
with each other, since uniqueness and the triggers are not checked row by row
while the load runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from archive_gui.core.store.archive import Archive, text_sha256
from archive_gui.core.store.schema import marks

# Settings a load changes for speed; read before it and restored after it.
_TUNED_PRAGMAS = ("journal_mode", "synchronous", "cache_size")

_LOADED_TABLES = ("articles", "places", "speakers", "operations", "quotes", "tags", "quote_tags")

ARTICLE_COLUMNS = (
    "id",
    "sha256",
    "title",
    "outlet",
    "url",
    "author",
    "published",
    "imported_at",
    "source_file",
    "extractor_version",
    "text",
)
PLACE_COLUMNS = ("id", "kind", "name", "state", "area", "parent_id", "label")
SPEAKER_COLUMNS = ("id", "name", "kind", "role", "affiliation")
QUOTE_COLUMNS = (
    "id",
    "article_id",
    "text",
    "start",
    "end",
    "speaker_id",
    "speaker_role",
    "speaker_affiliation",
    "mention_text",
    "mention_start",
    "mention_end",
    "rule",
    "confidence",
)
OPERATION_COLUMNS = (
    "id",
    "article_id",
    "count",
    "qualifier",
    "count_text",
    "start",
    "end",
    "place_id",
    "city_id",
    "place_text",
    "place_start",
    "place_end",
    "period_text",
    "period_start",
    "period_end",
    "agency",
    "part_of",
    "rule",
    "confidence",
)
TAG_COLUMNS = ("id", "name", "color")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks(columns)})"


class BulkLoader:
    """Loads many rows into an archive in one transaction; use as a context manager.

    Rows are tuples in the order of the ``*_COLUMNS`` constants, ids included, so
    the caller can refer to rows it has not written yet. Articles may leave
    ``sha256`` and ``imported_at`` as None: they are filled in here.
    """

    def __init__(self, archive: Archive):
        self.archive = archive
        self._conn = archive.db.conn
        self._saved: list[tuple[str, str, str]] = []  # (type, name, sql)
        self._published_title: dict[int, tuple[str | None, str | None]] = {}
        self._speaker_names: dict[int, str] = {}
        self._place_labels: dict[int, str] = {}
        self._pragmas: dict[str, str | int] = {}

    def __enter__(self) -> BulkLoader:
        conn = self._conn
        if conn.in_transaction:
            conn.execute("COMMIT")
        # The settings in force now, put back by _restore_pragmas once the load is over.
        self._pragmas = {
            name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _TUNED_PRAGMAS
        }
        # A bulk load into a new file: no rollback journal worth its cost.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")  # 256 MB while indexes are built
        conn.execute("BEGIN IMMEDIATE")
        self._saved = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
            f" AND sql IS NOT NULL AND tbl_name IN ({marks(_LOADED_TABLES)}) ORDER BY type, name",
            _LOADED_TABLES,
        ).fetchall()
        for kind, name, _sql in self._saved:
            conn.execute(f'DROP {kind.upper()} "{name}"')
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        conn = self._conn
        if exc_type is not None:
            conn.execute("ROLLBACK")
            self._restore_pragmas()
            return
        for kind, _name, sql in self._saved:  # indexes sort before triggers
            if kind == "index":
                conn.execute(sql)
        conn.execute("DELETE FROM speaker_quote_counts")
        conn.execute(
            "INSERT INTO speaker_quote_counts (speaker_id, quotes) SELECT speaker_id, count(*)"
            " FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id"
        )
        for table in (
            "speaker_month_totals",
            "speaker_place_totals",
            "city_month_totals",
            "city_place_totals",
        ):
            # Each has a view of the same name + "_computed" that counts it from scratch.
            conn.execute(f"DELETE FROM {table}")
            conn.execute(f"INSERT INTO {table} SELECT * FROM {table}_computed")
        for fts in ("quotes_fts", "articles_fts"):
            # A rebuild leaves the index in a dozen segments at a million quotes, and a
            # search's probe seeks every segment: merged into one, a probe is about nine
            # times cheaper (90 -> 10 us). It costs under two seconds at that size.
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
        for kind, _name, sql in self._saved:
            if kind == "trigger":
                conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        self._restore_pragmas()

    def _restore_pragmas(self) -> None:
        """Put back the journal mode, durability and cache size in force before the load."""
        for name, value in self._pragmas.items():
            # Values read back from SQLite itself: a journal mode name or an integer.
            setting = str(value) if name == "journal_mode" else int(value)
            self._conn.execute(f"PRAGMA {name} = {setting}")

    # -- rows ----------------------------------------------------------------------

    def places(self, rows: Iterable[tuple]) -> None:
        rows = list(rows)
        self._place_labels.update((row[0], row[6]) for row in rows)
        self._conn.executemany(_insert_sql("places", PLACE_COLUMNS), rows)

    def speakers(self, rows: Iterable[tuple]) -> None:
        rows = list(rows)
        self._speaker_names.update((row[0], row[1]) for row in rows)
        self._conn.executemany(_insert_sql("speakers", SPEAKER_COLUMNS), rows)

    def tags(self, rows: Iterable[tuple]) -> None:
        self._conn.executemany(_insert_sql("tags", TAG_COLUMNS), list(rows))

    def articles(self, rows: Iterable[tuple]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        filled = []
        for row in rows:
            row = list(row)
            if row[1] is None:
                row[1] = text_sha256(row[10])
            if row[7] is None:
                row[7] = now
            self._published_title[row[0]] = (row[6], row[2])
            filled.append(row)
        self._conn.executemany(_insert_sql("articles", ARTICLE_COLUMNS), filled)

    def quotes(self, rows: Iterable[tuple]) -> None:
        """Quotes of articles and speakers already given to this loader."""
        sql = _insert_sql(
            "quotes", (*QUOTE_COLUMNS, "sort_published", "sort_title", "sort_speaker")
        )
        articles, speakers = self._published_title, self._speaker_names
        self._conn.executemany(
            sql, [(*row, *articles[row[1]], speakers.get(row[5])) for row in rows]
        )

    def operations(self, rows: Iterable[tuple]) -> None:
        """Operations of articles and places already given to this loader."""
        sql = _insert_sql(
            "operations", (*OPERATION_COLUMNS, "sort_published", "sort_title", "sort_place")
        )
        articles, places = self._published_title, self._place_labels
        self._conn.executemany(sql, [(*row, *articles[row[1]], places.get(row[7])) for row in rows])

    def quote_tags(self, rows: Iterable[tuple[int, int]]) -> None:
        self._conn.executemany(
            "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) VALUES (?, ?)", list(rows)
        )


# -- tagging many quotes ------------------------------------------------------------


def tag_quotes(archive: Archive, quote_ids: Iterable[int], tag: str) -> int:
    """Give every quote in ``quote_ids`` the tag ``tag`` (created if new); return how many
    quotes gained it. One transaction, one statement per chunk of ids."""
    ids = sorted({int(i) for i in quote_ids})
    added = 0
    with archive.transaction():
        archive.db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [tag])
        (tag_id,) = archive.db.execute("SELECT id FROM tags WHERE name = ?", [tag]).fetchone()
        for chunk in _chunks(ids):
            cursor = archive.db.execute(
                "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)"
                f" SELECT id, ? FROM quotes WHERE id IN ({marks(chunk)})",
                [tag_id, *chunk],
            )
            added += cursor.rowcount
    return added


def untag_quotes(archive: Archive, quote_ids: Iterable[int], tag: str) -> int:
    """Take the tag ``tag`` off every quote in ``quote_ids``; return how many lost it."""
    ids = sorted({int(i) for i in quote_ids})
    removed = 0
    with archive.transaction():
        row = archive.db.execute("SELECT id FROM tags WHERE name = ?", [tag]).fetchone()
        if row is None:
            return 0
        for chunk in _chunks(ids):
            cursor = archive.db.execute(
                f"DELETE FROM quote_tags WHERE tag_id = ? AND quote_id IN ({marks(chunk)})",
                [row[0], *chunk],
            )
            removed += cursor.rowcount
    return removed


def delete_articles(archive: Archive, article_ids: Iterable[int]) -> int:
    """Delete articles with their records (e.g. a benchmark's imports); return how many."""
    ids = sorted({int(i) for i in article_ids})
    deleted = 0
    with archive.transaction():
        for chunk in _chunks(ids):
            cursor = archive.db.execute(f"DELETE FROM articles WHERE id IN ({marks(chunk)})", chunk)
            deleted += cursor.rowcount
    return deleted


def _chunks(ids: list[int], size: int = 10_000) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
