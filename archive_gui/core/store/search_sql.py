"""SQL for a parsed search query: a boolean expression of bound parameters.

:func:`search_clause` gives, for a record kind, an expression to AND into the
WHERE clause of a record query. It refers only to the record table's own alias
(``q`` for quotes, ``o`` for operations) and to subqueries, so it fits the FROM
clauses of ``schema.FROM_CLAUSES`` as well as a bare ``FROM quotes q``.

User text reaches SQL only as parameters: free text as an FTS5 query in which
every term is a quoted string (so FTS operators typed by the user are just
words), field values as LIKE patterns with their wildcards escaped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from archive_gui.core.search import (
    And,
    Field,
    Node,
    Not,
    Or,
    Query,
    SearchSyntaxError,
    Text,
    parse,
)
from archive_gui.core.store.schema import RecordKind

_ALIAS = {RecordKind.QUOTES: "q", RecordKind.OPERATIONS: "o"}

# Free text: quotes match on their own text, operations on their article's title and text.
_TEXT_SQL = {
    RecordKind.QUOTES: "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
    RecordKind.OPERATIONS: (
        "o.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    ),
}

# A search that is free text alone can drive the query from the full-text index:
# joined (the FTS table's rowid is the quote id / the article id), every match is
# read once in rowid order with no temporary table of matches (the IN form above
# builds one: over a second for a word in most of a million quotes).
FTS_JOIN = {
    RecordKind.QUOTES: "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid",
    RecordKind.OPERATIONS: "articles_fts JOIN operations o ON o.article_id = articles_fts.rowid",
}
FTS_MATCH = {
    RecordKind.QUOTES: "quotes_fts MATCH ?",
    RecordKind.OPERATIONS: "articles_fts MATCH ?",
}
# ... or joined to the sort keys alone (schema 5's covering index of each quote's id and
# default sort key), when the query reads nothing else of the quote: sorting sparse
# matches by date then reads a small index, never the (large) quote rows at random.
# Named with INDEXED BY: SQLite would otherwise look each quote up by its rowid.
FTS_JOIN_SORT_KEYS = {
    RecordKind.QUOTES: (
        "quotes_fts JOIN quotes q INDEXED BY quotes_sort_keys ON q.id = quotes_fts.rowid"
    ),
}
SORT_KEY_COLUMNS = {
    RecordKind.QUOTES: frozenset({"q.id", "q.sort_published", "q.start"}),
}
# ... or be read once into a temporary index of the matches' ids, which a walk of a sort
# index then tests each row against (a lookup in memory, far cheaper than a probe of the
# full-text index): the unary ``+`` keeps SQLite from driving the query by those ids.
FTS_IN = {
    RecordKind.QUOTES: "+q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
    RecordKind.OPERATIONS: (
        "+o.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    ),
}
# The number of index documents (quotes, articles) a query matches, counted up to a cap:
# the full-text index alone, no record read.
FTS_DOCS = {
    RecordKind.QUOTES: (
        "SELECT count(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
    ),
    RecordKind.OPERATIONS: (
        "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)"
    ),
}
# ... and among the documents up to an id (a sample of the index, read by rowid range).
FTS_DOCS_UP_TO = {
    RecordKind.QUOTES: "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid <= ?",
    RecordKind.OPERATIONS: (
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid <= ?"
    ),
}
# Every document a search matches.
FTS_MATCHING_DOCUMENTS = {
    RecordKind.QUOTES: "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?",
    RecordKind.OPERATIONS: "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
}
# Which of some documents (a bound-parameter list) a search matches.
FTS_HITS_AMONG = {
    RecordKind.QUOTES: "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid IN ({})",
    RecordKind.OPERATIONS: (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({})"
    ),
}
# A record's document in the full-text index (the quote itself; an operation's article).
FTS_DOCUMENT_OF = {RecordKind.QUOTES: "q.id", RecordKind.OPERATIONS: "o.article_id"}
# The full-text index's document id, as the joins above name it.
FTS_ROWID = {RecordKind.QUOTES: "quotes_fts.rowid", RecordKind.OPERATIONS: "articles_fts.rowid"}
# The table whose rowids the full-text index of a kind holds (quotes; articles for
# operations).
FTS_DOCUMENTS = {RecordKind.QUOTES: "quotes", RecordKind.OPERATIONS: "articles"}
# ... or be tested row by row (one index probe each), when a query walks another index
# and stops after a page of rows.
FTS_PROBE = {
    RecordKind.QUOTES: (
        "EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = q.id)"
    ),
    RecordKind.OPERATIONS: (
        "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = o.article_id)"
    ),
}


def fts_match(query: Query | str | None) -> str | None:
    """The FTS5 query string when ``query`` is free text alone (no fields), else None."""
    if isinstance(query, str):
        query = parse(query)
    if query is None:
        return None
    return fts_query(query.root)


def fts_probe_terms(query: Query | str | None) -> int | None:
    """How many terms a probe of the full-text index for one record evaluates (each
    seeks in every segment of the index), or None when the query has a ``prefix*``
    term: a prefix probe expands to every word of the index that starts with it (up to
    milliseconds per record), so a walk never probes one."""
    if isinstance(query, str):
        query = parse(query)
    if query is None:
        return 0
    terms = 0
    nodes: list[Node] = [query.root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, Text):
            if node.prefix:
                return None
            terms += 1
        elif isinstance(node, And | Or):
            nodes.extend(node.items)
        elif isinstance(node, Not):
            nodes.append(node.item)
    return terms


# What SQLite says about a MATCH expression it cannot read.
_FTS_MESSAGES = ("fts5", "unterminated string", "syntax error", "MATCH")


def search_clause(kind: RecordKind, query: Query | str | None) -> tuple[str, list]:
    """``(sql, params)``: a boolean SQL expression for the records ``query`` matches.

    ``("", [])`` when there is no query. A string is parsed first (and may raise
    :class:`SearchSyntaxError`). Run the statement inside :func:`fts_errors` so
    that an error the full-text index reports is a SearchSyntaxError too.
    """
    if isinstance(query, str):
        query = parse(query)
    if query is None:
        return "", []
    return _Compiler(RecordKind(kind)).sql(query.root)


def fts_query(node: Node) -> str | None:
    """The node as one FTS5 query string, or None if it is not pure free text.

    Every term is a double-quoted FTS5 string (inner quotes doubled), so nothing
    the user typed is read as FTS5 syntax.
    """
    if isinstance(node, Text):
        quoted = '"' + node.value.replace('"', '""') + '"'
        return quoted + ("*" if node.prefix else "")
    if isinstance(node, Or):
        parts = [fts_query(item) for item in node.items]
        if any(part is None for part in parts):
            return None
        return "(" + " OR ".join(parts) + ")"
    if isinstance(node, And):
        positive = [item for item in node.items if not isinstance(item, Not)]
        negative = [item.item for item in node.items if isinstance(item, Not)]
        if not positive:
            return None  # FTS5 has no NOT on its own
        parts = [fts_query(item) for item in positive]
        excluded = [fts_query(item) for item in negative]
        if any(part is None for part in parts + excluded):
            return None
        expr = "(" + " AND ".join(parts) + ")"
        for part in excluded:
            expr = f"({expr} NOT {part})"
        return expr
    return None


@contextmanager
def fts_errors(query: Query | str | None = None) -> Iterator[None]:
    """Turn an error of the full-text index while running a search into SearchSyntaxError."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if any(part in message for part in _FTS_MESSAGES):
            source = query.source if isinstance(query, Query) else (query or "")
            raise SearchSyntaxError(
                f"the search could not be run: {message}", 0, max(1, len(source))
            ) from exc
        raise


def search_ids(db, kind: RecordKind, query: Query | str | None) -> list[int]:
    """Ids of the records of ``kind`` matching ``query``, ascending (every record if None).

    ``db`` is a sqlite_utils Database or a sqlite3 Connection.
    """
    kind = RecordKind(kind)
    clause, params = search_clause(kind, query)
    alias = _ALIAS[kind]
    table = "quotes" if kind is RecordKind.QUOTES else "operations"
    where = f"WHERE {clause}" if clause else ""
    sql = f"SELECT {alias}.id FROM {table} {alias} {where} ORDER BY {alias}.id"
    with fts_errors(query):
        return [row[0] for row in db.execute(sql, params)]


def like_escape(value: str) -> str:
    """``value`` with LIKE's wildcards escaped (for ``LIKE ? ESCAPE '\\'``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _Compiler:
    def __init__(self, kind: RecordKind):
        self.kind = kind

    def sql(self, node: Node) -> tuple[str, list]:
        fts = fts_query(node)
        if fts is not None:
            return _TEXT_SQL[self.kind], [fts]
        if isinstance(node, Not):
            inner, params = self.sql(node.item)
            return f"NOT ({inner})", params
        if isinstance(node, And | Or):
            joiner = " AND " if isinstance(node, And) else " OR "
            parts, params = self._group(node)
            return "(" + joiner.join(parts) + ")", params
        if isinstance(node, Field):
            return self.field(node)
        raise TypeError(f"not a query node: {node!r}")  # pragma: no cover

    def _group(self, node: And | Or) -> tuple[list[str], list]:
        """The items' SQL; in an AND, the free-text items are one MATCH together."""
        items = list(node.items)
        parts: list[str] = []
        params: list = []
        if isinstance(node, And):
            texty = [item for item in items if _is_text(item)]
            if len(texty) > 1 and any(not isinstance(item, Not) for item in texty):
                fts = fts_query(And(tuple(texty)))
                if fts is not None:
                    parts.append(_TEXT_SQL[self.kind])
                    params.append(fts)
                    items = [item for item in items if not _is_text(item)]
        for item in items:
            sql, item_params = self.sql(item)
            parts.append(sql)
            params += item_params
        return parts, params

    # -- field terms ----------------------------------------------------------

    def field(self, node: Field) -> tuple[str, list]:
        quotes = self.kind is RecordKind.QUOTES
        if node.name == "status":
            return f"{_ALIAS[self.kind]}.review_status = ?", [node.value]
        if node.name in ("outlet", "year"):
            cond, params = (
                _name_match("outlet", node) if node.name == "outlet" else _year_match(node)
            )
            return f"{_ALIAS[self.kind]}.article_id IN (SELECT id FROM articles WHERE {cond})", (
                params
            )
        if node.name == "speaker":
            cond, params = _name_match("name", node)
            # a merged variant's name finds the speaker it was merged into
            speakers = f"SELECT coalesce(canonical_id, id) FROM speakers WHERE {cond}"
            if quotes:
                return f"q.speaker_id IN ({speakers})", params
            return (
                f"o.article_id IN (SELECT article_id FROM quotes WHERE speaker_id IN ({speakers}))",
                params,
            )
        if node.name == "tag":
            cond, params = _tag_match(node)
            tagged = (
                "SELECT qt.quote_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id"
                f" WHERE {cond}"
            )
            if quotes:
                return f"q.id IN ({tagged})", params
            return f"o.article_id IN (SELECT article_id FROM quotes WHERE id IN ({tagged}))", (
                params
            )
        if node.name == "city":
            name_cond, name_params = _name_match("name", node)
            label_cond, label_params = _name_match("label", node)
            cities = f"SELECT id FROM places WHERE kind = 'city' AND ({name_cond} OR {label_cond})"
            params = name_params + label_params
            if quotes:
                operations = f"SELECT article_id FROM operations WHERE city_id IN ({cities})"
                return f"q.article_id IN ({operations})", params
            return f"o.city_id IN ({cities})", params
        raise SearchSyntaxError(f"unknown field {node.name}:", node.position)  # pragma: no cover


def _is_text(node: Node) -> bool:
    return fts_query(node.item if isinstance(node, Not) else node) is not None


def _name_match(column: str, node: Field) -> tuple[str, list]:
    """Names containing the value (``value*``: starting with it), ignoring case."""
    pattern = like_escape(node.value) + "%"
    if not node.prefix:
        pattern = "%" + pattern
    return f"{column} LIKE ? ESCAPE '\\'", [pattern]


def _tag_match(node: Field) -> tuple[str, list]:
    """The tag itself and its children (``value*``: every tag whose name starts with it)."""
    value = node.value.strip("/")
    if node.prefix:
        return "t.name LIKE ? ESCAPE '\\'", [like_escape(value) + "%"]
    return "(t.name = ? COLLATE NOCASE OR t.name LIKE ? ESCAPE '\\')", [
        value,
        like_escape(value) + "/%",
    ]


def _year_match(node: Field) -> tuple[str, list]:
    first, last = node.years
    return "published >= ? AND published < ?", [f"{first:04d}-01-01", f"{last + 1:04d}-01-01"]
