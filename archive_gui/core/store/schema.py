"""What the browsing layer may show and sort by: the whitelist between UI and SQL.

The UI refers to columns and filters only by these keys; the archive turns a
key into SQL. No string from the user ever becomes part of a statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from archive_gui.core.search import Query


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


# The facets of the side panel, by RecordFilter field.
FACETS = (
    "cities",
    "speakers",
    "states",
    "outlets",
    "years",
    "agencies",
    "tags",
    "review_statuses",
)


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
        if facet not in FACETS and facet != "places":
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
