"""The SQL of bundles: reading articles whole for a bundle, and merging them into an archive.

A bundled article is a plain dict: its ``article`` row (text and metadata), its ``quotes``
with their ``speaker`` and ``tags`` by name, and its ``operations`` with their ``place`` and
``part_of`` as an index into the article's own operations. Record rows carry every column
of their table except the ids that only mean something inside one archive, so columns a
later schema adds (such as a review status) travel too, and land wherever the receiving
archive has them.

Merging never changes what the receiving archive already has: an article whose text it
already holds (same SHA-256) is left with its own records, tags, notes and corrections;
speakers and tags are matched by name, places by kind, name and state, and existing ones
are reused as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from archive_gui.core.records import Place
from archive_gui.core.store.archive import Archive, _where, text_sha256
from archive_gui.core.store.schema import ID_EXPR, RECORD_TABLES, RecordFilter, RecordKind, marks


# Columns that mean something only inside one archive: ids (``id``, every ``*_id``, and
# ``part_of``), rebuilt on import, and derived sort keys (``sort_*``), refilled by triggers.
def _is_local(name: str) -> bool:
    return name in ("id", "part_of") or name.endswith("_id") or name.startswith("sort_")


_REQUIRED_ARTICLE = ("sha256", "text", "extractor_version")


class BundleError(ValueError):
    """A bundle that cannot be merged as it is; nothing was written."""


@dataclass
class MergeResult:
    articles_added: int = 0
    articles_present: int = 0  # already in the archive: left exactly as they were
    quotes: int = 0
    operations: int = 0
    speakers_added: int = 0
    tags_added: int = 0
    places_added: int = 0


def bundle_article_ids(
    archive: Archive,
    kind: RecordKind,
    filters: RecordFilter = RecordFilter(),
    ids: Iterable[int] = (),
) -> list[int]:
    """The articles of the selected records; with no filter and no ids, every article."""
    ids = sorted({int(i) for i in ids})
    if not ids and filters.is_empty:
        return [row[0] for row in archive.db.execute("SELECT id FROM articles ORDER BY id")]
    where, params = _where(kind, filters)
    alias = ID_EXPR[kind].split(".")[0]
    found: set[int] = set()
    chunks = [ids[i : i + 10_000] for i in range(0, len(ids), 10_000)] or [[]]
    for chunk in chunks:
        clause, chunk_params = where, list(params)
        if chunk:
            term = f"{ID_EXPR[kind]} IN ({marks(chunk)})"
            clause = f"{where} AND {term}" if where else f"WHERE {term}"
            chunk_params += chunk
        sql = f"SELECT DISTINCT {alias}.article_id FROM {RECORD_TABLES[kind]} {clause}"
        found.update(row[0] for row in archive.db.execute(sql, chunk_params))
    return sorted(found)


def iter_bundle_articles(archive: Archive, article_ids: Iterable[int]) -> Iterator[dict]:
    """Each article whole, one at a time: text, metadata, records and what they refer to."""
    db = archive.db
    corrections = bool(archive.table_columns("corrections"))
    for article_id in article_ids:
        article = _row(db.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
        if article is None:
            continue
        quotes = []
        cursor = db.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY id", [article_id])
        for row in _rows(cursor):
            quote = _strip(row)
            quote["speaker"] = _row(
                db.execute(
                    "SELECT name, kind, role, affiliation FROM speakers WHERE id = ?",
                    [row["speaker_id"]],
                )
            )
            quote["tags"] = list(
                _rows(
                    db.execute(
                        "SELECT t.name, t.color FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id"
                        " WHERE qt.quote_id = ? ORDER BY t.name",
                        [row["id"]],
                    )
                )
            )
            if corrections:
                quote["corrections"] = _corrections(archive, "quote", row["id"])
            quotes.append(quote)
        operations = []
        index_of: dict[int, int] = {}
        cursor = db.execute(
            "SELECT * FROM operations WHERE article_id = ? ORDER BY id", [article_id]
        )
        for row in _rows(cursor):
            operation = _strip(row)
            operation["place"] = _row(
                db.execute(
                    "SELECT kind, name, state, area, label FROM places WHERE id = ?",
                    [row["place_id"]],
                )
            )
            operation["part_of"] = index_of.get(row["part_of"])
            if corrections:
                operation["corrections"] = _corrections(archive, "operation", row["id"])
            index_of[row["id"]] = len(operations)
            operations.append(operation)
        yield {"article": _strip(article), "quotes": quotes, "operations": operations}


def merge_articles(archive: Archive, articles: Iterable[dict]) -> MergeResult:
    """Merge bundled articles into the archive, all in one transaction."""
    result = MergeResult()
    columns = {  # what this archive's tables can hold
        table: {name for name in archive.table_columns(table) if not _is_local(name)}
        for table in ("articles", "quotes", "operations", "corrections")
    }
    count_places = "SELECT count(*) FROM places"
    with archive.transaction():
        places_before = archive.db.execute(count_places).fetchone()[0]
        for number, bundled in enumerate(articles, start=1):
            try:
                _merge_article(archive, bundled, columns, result)
            except (KeyError, TypeError, AttributeError, IndexError, sqlite3.Error) as exc:
                raise BundleError(f"article {number} of the bundle is malformed: {exc!r}") from exc
        result.places_added = archive.db.execute(count_places).fetchone()[0] - places_before
    return result


def _merge_article(archive: Archive, bundled: dict, columns: dict, result: MergeResult) -> None:
    db = archive.db
    article = bundled["article"]
    missing = [name for name in _REQUIRED_ARTICLE if not article.get(name)]
    if missing:
        raise BundleError(f"a bundled article lacks {', '.join(missing)}")
    text = article["text"]
    if text_sha256(text) != article["sha256"]:
        raise BundleError(f"article {article['sha256'][:12]}…: its text does not match its hash")
    if db.execute("SELECT 1 FROM articles WHERE sha256 = ?", [article["sha256"]]).fetchone():
        result.articles_present += 1
        return
    for kind, records, span_of in (
        ("quote", bundled["quotes"], "text"),
        ("operation", bundled["operations"], "count_text"),
    ):
        for record in records:
            if text[record["start"] : record["end"]] != record[span_of]:
                raise BundleError(
                    f"article {article['sha256'][:12]}…: a {kind} span does not match its text"
                )
    article = dict(article)
    article.setdefault("imported_at", datetime.now(UTC).isoformat(timespec="seconds"))
    article_id = _insert(archive, "articles", article, columns["articles"])
    result.articles_added += 1
    for quote in bundled["quotes"]:
        values = dict(quote, article_id=article_id)
        values["speaker_id"] = _speaker(archive, quote.get("speaker"), result)
        quote_id = _insert(
            archive, "quotes", values, columns["quotes"] | {"article_id", "speaker_id"}
        )
        for tag in quote.get("tags") or ():
            db.execute(
                "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id) VALUES (?, ?)",
                [quote_id, _tag(archive, tag, result)],
            )
        _add_corrections(archive, "quote", quote_id, quote, columns)
        result.quotes += 1
    operation_ids: list[int] = []
    local = {"article_id", "place_id", "city_id", "part_of"}
    for operation in bundled["operations"]:
        values = dict(operation, article_id=article_id)
        place = operation.get("place")
        values["place_id"] = _place(archive, place) if place else None
        values["city_id"] = values["place_id"] if place and place["kind"] == "city" else None
        parent = operation.get("part_of")
        values["part_of"] = (
            operation_ids[parent]
            if isinstance(parent, int) and 0 <= parent < len(operation_ids)
            else None
        )
        operation_id = _insert(archive, "operations", values, columns["operations"] | local)
        _add_corrections(archive, "operation", operation_id, operation, columns)
        operation_ids.append(operation_id)
        result.operations += 1


def _corrections(archive: Archive, kind: str, record_id: int) -> list[dict]:
    """A record's human corrections (field, extracted and corrected value, when)."""
    cursor = archive.db.execute(
        "SELECT * FROM corrections WHERE record_kind = ? AND record_id = ? ORDER BY id",
        [kind, record_id],
    )
    return [_strip(row) for row in _rows(cursor)]


def _add_corrections(
    archive: Archive, kind: str, record_id: int, record: dict, columns: dict
) -> None:
    if not columns["corrections"]:
        return  # an archive without a corrections log: the rows carry the corrected values
    allowed = columns["corrections"] | {"record_kind", "record_id"}
    for correction in record.get("corrections") or ():
        values = dict(correction, record_kind=kind, record_id=record_id)
        _insert(archive, "corrections", values, allowed)


def _insert(archive: Archive, table: str, values: dict, allowed: set[str]) -> int:
    names = [name for name in values if name in allowed]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks(names)})"
    return archive.db.execute(sql, [values[name] for name in names]).lastrowid


def _speaker(archive: Archive, speaker: dict | None, result: MergeResult) -> int | None:
    """The receiving archive's speaker of that name (and kind), else a new one."""
    if not speaker or not speaker.get("name"):
        return None
    name, kind = speaker["name"], speaker.get("kind") or "person"
    db = archive.db
    row = db.execute("SELECT id FROM speakers WHERE name = ? AND kind = ?", [name, kind]).fetchone()
    if row is None:
        same_name = db.execute("SELECT id FROM speakers WHERE name = ? LIMIT 2", [name]).fetchall()
        row = same_name[0] if len(same_name) == 1 else None
    if row is not None:
        return row[0]
    result.speakers_added += 1
    return db.execute(
        "INSERT INTO speakers (name, kind, role, affiliation) VALUES (?, ?, ?, ?)",
        [name, kind, speaker.get("role"), speaker.get("affiliation")],
    ).lastrowid


def _tag(archive: Archive, tag: dict | str, result: MergeResult) -> int:
    name, color = (tag, None) if isinstance(tag, str) else (tag["name"], tag.get("color"))
    row = archive.db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
    if row is not None:
        return row[0]
    result.tags_added += 1
    return archive.db.execute(
        "INSERT INTO tags (name, color) VALUES (?, ?)", [name, color]
    ).lastrowid


def _place(archive: Archive, place: dict) -> int:
    """The receiving archive's place of that kind, name and state, else a new one."""
    return archive._place_id(
        Place(
            kind=place["kind"], name=place["name"], state=place.get("state"), area=place.get("area")
        )
    )


def _strip(row: dict) -> dict:
    return {name: value for name, value in row.items() if not _is_local(name)}


def _rows(cursor) -> Iterator[dict]:
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def _row(cursor) -> dict | None:
    return next(_rows(cursor), None)
