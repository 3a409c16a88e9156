"""What the browsing layer may show and sort by: the whitelist between UI and SQL.

The UI refers to columns and filters only by these keys; the archive turns a
key into SQL. No string from the user ever becomes part of a statement.
"""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from archive_gui.core.search import Query


def marks(values: Sized) -> str:
    """``?, ?, ?``: one bound-parameter mark per value, for ``IN (...)`` and ``VALUES``."""
    return ", ".join("?" * len(values))


def and_where(where: str, clauses: list[str]) -> str:
    """``where`` (a WHERE clause or "") with more conditions ANDed on."""
    if not clauses:
        return where
    joined = " AND ".join(clauses)
    return f"{where} AND {joined}" if where else f"WHERE {joined}"


class RecordKind(StrEnum):
    OPERATIONS = "operations"
    QUOTES = "quotes"


@dataclass(frozen=True)
class Column:
    """A column of a record list: its key, header, and SQL to show and sort by."""

    key: str
    header: str
    expr: str  # SQL expression over the aliases of the kind's FROM clause
    # SQL to sort by, over the record table's own alias only (joined values have
    # copies there, kept by triggers), so that every order is one index: () sorts by
    # ``expr``; None is not sortable. Only the first term may be NULL (NULLs sort
    # last in both directions); the record id breaks the remaining ties.
    sort: tuple[str, ...] | None = ()

    @property
    def sort_terms(self) -> tuple[str, ...]:
        if self.sort is None:
            raise KeyError(f"column {self.key!r} is not sortable")
        return self.sort or (self.expr,)


@dataclass(frozen=True)
class Facet:
    """A filter on a field of the records: a side panel's facet, or the chart's place.

    The one description the filter SQL, the facet counts, the saved filters and the
    side panels are derived from. SQL templates are written over the record table's
    alias ``{a}`` (``o`` or ``q``), with ``{marks}`` for the bound values.
    """

    key: str  # the RecordFilter field
    title: str  # its name in the side panel and the filter summary
    counts: RecordKind | None  # the records its panel counts (None: those of the list)
    # SQL true for a record having one of the values, by record kind
    condition: dict[RecordKind, str]
    # SQL of the value a record is counted under, by kind (None: not counted for
    # that kind); the facet has no counts at all when the whole map is None
    count_key: dict[RecordKind, str | None] | None = None
    count_join: str = ""  # joined to the records for ``count_key``
    labels: str | None = None  # SELECT value, label ... IN ({}): what the values read as
    panel: bool = True  # a side panel (False: set from the chart only)

    def condition_sql(self, kind: RecordKind, values: Sized) -> str:
        return self.condition[kind].format(a=_ALIAS[kind], marks=marks(values))


_ALIAS = {RecordKind.OPERATIONS: "o", RecordKind.QUOTES: "q"}


def _by_kind(operations: str | None, quotes: str | None) -> dict[RecordKind, str | None]:
    return {RecordKind.OPERATIONS: operations, RecordKind.QUOTES: quotes}


def _same(sql: str) -> dict[RecordKind, str]:
    return _by_kind(sql, sql)


# The records of articles that report an operation with a value (quotes, filtered by a
# field of operations) or that quote a speaker with one (operations, by a quote field).
_OPERATIONS_WITH = "q.article_id IN (SELECT article_id FROM operations WHERE {})"
_QUOTES_WITH = "o.article_id IN (SELECT article_id FROM quotes WHERE {})"
_PLACES_OF_STATES = "SELECT id FROM places WHERE state IN ({marks})"
_QUOTES_TAGGED = "SELECT quote_id FROM quote_tags WHERE tag_id IN ({marks})"

FACET_TABLE: tuple[Facet, ...] = (
    Facet(
        "cities",
        "City",
        RecordKind.OPERATIONS,
        _by_kind("o.city_id IN ({marks})", _OPERATIONS_WITH.format("city_id IN ({marks})")),
        _by_kind("{a}.city_id", None),
        labels="SELECT id, label FROM places WHERE id IN ({})",
    ),
    Facet(
        "speakers",
        "Speaker",
        RecordKind.QUOTES,
        _by_kind(_QUOTES_WITH.format("speaker_id IN ({marks})"), "q.speaker_id IN ({marks})"),
        _by_kind(None, "q.speaker_id"),
        labels="SELECT id, name FROM speakers WHERE id IN ({})",
    ),
    Facet(
        "states",
        "State",
        RecordKind.OPERATIONS,
        _by_kind(
            f"o.place_id IN ({_PLACES_OF_STATES})",
            _OPERATIONS_WITH.format(f"place_id IN ({_PLACES_OF_STATES})"),
        ),
        _same("(SELECT state FROM places WHERE id = o.place_id)"),
        labels="SELECT state, name FROM places WHERE kind = 'state' AND state IN ({})",
    ),
    Facet(
        "outlets",
        "Outlet",
        None,
        _same("{a}.article_id IN (SELECT id FROM articles WHERE outlet IN ({marks}))"),
        _same("(SELECT outlet FROM articles WHERE id = {a}.article_id)"),
    ),
    Facet(
        "years",
        "Year",
        None,
        _same("CAST(substr({a}.sort_published, 1, 4) AS INTEGER) IN ({marks})"),
        _same("CAST(substr({a}.sort_published, 1, 4) AS INTEGER)"),
    ),
    Facet(
        "agencies",
        "Agency",
        RecordKind.OPERATIONS,
        _by_kind("o.agency IN ({marks})", _OPERATIONS_WITH.format("agency IN ({marks})")),
        _same("o.agency"),
    ),
    Facet(
        "tags",
        "Tag",
        RecordKind.QUOTES,
        _by_kind(_QUOTES_WITH.format(f"id IN ({_QUOTES_TAGGED})"), f"q.id IN ({_QUOTES_TAGGED})"),
        _same("qt.tag_id"),
        count_join=" JOIN quote_tags qt ON qt.quote_id = q.id",
        labels="SELECT id, name FROM tags WHERE id IN ({})",
    ),
    Facet(
        "review_statuses",
        "Review",
        None,
        _same("{a}.review_status IN ({marks})"),
        _same("{a}.review_status"),
    ),
    Facet(
        "places",
        "Place",
        RecordKind.OPERATIONS,
        _by_kind("o.place_id IN ({marks})", _OPERATIONS_WITH.format("place_id IN ({marks})")),
        labels="SELECT id, label FROM places WHERE id IN ({})",
        panel=False,
    ),
)
FACET_BY_KEY = {facet.key: facet for facet in FACET_TABLE}

# The facets of the side panel, by RecordFilter field.
FACETS = tuple(facet.key for facet in FACET_TABLE if facet.panel)


@dataclass(frozen=True)
class RecordFilter:
    """The active filters: facet selections, exclusions, a chart bar and the search.

    An empty set means "no filter"; several values in one facet mean any of them.
    A filter on a field a record does not have (a city for a quote, a speaker for
    an operation) applies through the article: quotes from articles reporting an
    operation in that city. ``excluded`` holds (facet, value) pairs whose records
    are left out. ``places`` and ``period`` (ISO ``[start, end)``) come from a
    click on the chart; ``search`` is a parsed query (``archive_gui.core.search``).
    """

    cities: frozenset[int] = field(default_factory=frozenset)
    speakers: frozenset[int] = field(default_factory=frozenset)
    states: frozenset[str] = field(default_factory=frozenset)  # two-letter codes
    outlets: frozenset[str] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)  # year of publication
    agencies: frozenset[str] = field(default_factory=frozenset)
    tags: frozenset[int] = field(default_factory=frozenset)  # tag ids
    review_statuses: frozenset[str] = field(default_factory=frozenset)
    places: frozenset[int] = field(default_factory=frozenset)
    period: tuple[str, str] | None = None
    excluded: frozenset[tuple[str, Any]] = field(default_factory=frozenset)
    search: Query | None = None

    def without(self, facet: str) -> RecordFilter:
        """This filter with one facet cleared (its included and excluded values): a
        facet's own counts ignore its selection."""
        if facet not in FACET_BY_KEY:
            return self
        return replace(
            self,
            **{facet: frozenset()},
            excluded=frozenset(e for e in self.excluded if e[0] != facet),
        )

    def excluded_values(self, facet: str) -> frozenset:
        return frozenset(value for name, value in self.excluded if name == facet)

    @property
    def is_empty(self) -> bool:
        return not (
            any(getattr(self, name) for name in FACETS)
            or self.places
            or self.period
            or self.excluded
            or self.search is not None
        )


_TAGS_OF_QUOTE = (
    "(SELECT group_concat(t.name, ', ') FROM quote_tags qt "
    "JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id = q.id)"
)

FROM_CLAUSES = {
    RecordKind.OPERATIONS: (
        "operations o JOIN articles a ON a.id = o.article_id "
        "LEFT JOIN places p ON p.id = o.place_id"
    ),
    RecordKind.QUOTES: (
        "quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN speakers s ON s.id = q.speaker_id"
    ),
}

ID_EXPR = {RecordKind.OPERATIONS: "o.id", RecordKind.QUOTES: "q.id"}

# The record table alone, for keyset paging and counts: sort keys and filters use only it.
RECORD_TABLES = {RecordKind.OPERATIONS: "operations o", RecordKind.QUOTES: "quotes q"}

COLUMNS: dict[RecordKind, tuple[Column, ...]] = {
    RecordKind.OPERATIONS: (
        Column("count_text", "Arrests", "o.count_text", sort=("o.count",)),
        Column("qualifier", "Qualifier", "o.qualifier"),
        Column("place", "Place", "p.label", sort=("o.sort_place",)),
        Column(
            "period",
            "Period",
            "o.period_text",
            sort=("o.period_start", "coalesce(o.period_text, '')"),
        ),
        Column("agency", "Agency", "o.agency"),
        Column("published", "Published", "a.published", sort=("o.sort_published", "o.start")),
        Column("article", "Article", "a.title", sort=("o.sort_title",)),
        Column("review_status", "Review", "o.review_status"),
    ),
    RecordKind.QUOTES: (
        Column("text", "Quote", "q.text"),
        Column("speaker", "Speaker", "s.name", sort=("q.sort_speaker",)),
        Column("role", "Role", "q.speaker_role"),
        Column("tags", "Tags", _TAGS_OF_QUOTE, sort=None),
        Column("published", "Published", "a.published", sort=("q.sort_published", "q.start")),
        Column("article", "Article", "a.title", sort=("q.sort_title",)),
        Column("review_status", "Review", "q.review_status"),
    ),
}

# Fields every fetched row carries besides its columns: what the detail pane needs.
ROW_EXTRAS = {
    RecordKind.OPERATIONS: (
        "o.id AS id",
        "o.article_id AS article_id",
        "o.start AS start",
        'o."end" AS "end"',
        "o.count AS count",
        "o.place_start AS place_start",
        "o.place_end AS place_end",
        "o.rule AS rule",
        "o.confidence AS confidence",
    ),
    RecordKind.QUOTES: (
        "q.id AS id",
        "q.article_id AS article_id",
        "q.start AS start",
        'q."end" AS "end"',
        "q.mention_text AS mention_text",
        "q.mention_start AS mention_start",
        "q.mention_end AS mention_end",
        "q.speaker_affiliation AS speaker_affiliation",
        "q.rule AS rule",
        "q.confidence AS confidence",
    ),
}

DEFAULT_SORT = {RecordKind.OPERATIONS: "published", RecordKind.QUOTES: "published"}


def column(kind: RecordKind, key: str) -> Column:
    for col in COLUMNS[kind]:
        if col.key == key:
            return col
    raise KeyError(f"unknown column {key!r} for {kind}")
