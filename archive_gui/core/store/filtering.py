"""SQL for the researcher's filters: facets beyond city and speaker, exclusions, the
search query, and the arrests-over-time chart.

:func:`filter_clauses` gives the conditions of a :class:`RecordFilter`'s facets
(state, outlet, year, agency, tag, review status, a chart's place or period, the
excluded values and the search), over the record table's own alias (``o`` or
``q``) and subqueries only, so they fit every statement ``archive._where`` feeds.
Every value is a bound parameter.

:func:`facet_counts` counts a facet's values under every other filter;
:func:`arrests_over_time` sums arrest counts by month or week; and
:func:`records_behind` lists a few of the operations behind a chart bar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from archive_gui.core.search import REVIEW_STATUSES, Query, parse
from archive_gui.core.store.schema import (
    FACET_BY_KEY,
    FACET_TABLE,
    RecordFilter,
    RecordKind,
    and_where,
    marks,
)
from archive_gui.core.store.search_sql import search_clause

_ALIAS = {RecordKind.OPERATIONS: "o", RecordKind.QUOTES: "q"}

# Facets of the side panel by filter field, and the records each one counts
# (None: the records of the list being shown).
FACET_KINDS: dict[str, RecordKind | None] = {
    facet.key: facet.counts for facet in FACET_TABLE if facet.panel
}

# The date an operation is charted at: when it happened, else when it was reported.
OPERATION_DATE = "coalesce(o.period_start, o.sort_published)"


def _condition(kind: RecordKind, facet: str, values: list) -> str:
    """SQL true for the records of ``kind`` having one of ``values`` of ``facet``."""
    if facet not in FACET_BY_KEY:
        raise KeyError(f"unknown facet {facet!r}")
    return FACET_BY_KEY[facet].condition_sql(kind, values)


# Facets whose conditions ``archive._where`` already writes for the included values.
_BUILT_IN = ("cities", "speakers")
_EXTRA_FACETS = tuple(facet.key for facet in FACET_TABLE if facet.key not in _BUILT_IN)


def filter_clauses(kind: RecordKind, filters: RecordFilter, plus: str = "") -> tuple[list, list]:
    """Conditions (to AND) and their parameters for everything in ``filters`` except the
    included cities and speakers. ``plus`` ("+") keeps the conditions off the indexes."""
    kind = RecordKind(kind)
    clauses: list[str] = []
    params: list = []
    for facet in _EXTRA_FACETS:
        values = sorted(getattr(filters, facet, ()) or ())
        if values:
            clauses.append(plus + _condition(kind, facet, values))
            params += values
    by_facet: dict[str, list] = {}
    for facet, value in getattr(filters, "excluded", ()) or ():
        by_facet.setdefault(facet, []).append(value)
    for facet in sorted(by_facet):
        values = sorted(by_facet[facet])
        # a record without the field (a quote with no speaker) is not excluded
        clauses.append(f"NOT coalesce({_condition(kind, facet, values)}, 0)")
        params += values
    period = getattr(filters, "period", None)
    if period:
        expr = OPERATION_DATE if kind is RecordKind.OPERATIONS else "q.sort_published"
        clauses.append(f"{expr} >= ? AND {expr} < ?")
        params += list(period)
    query = getattr(filters, "search", None)
    if query is not None:
        sql, search_params = search_clause(kind, query)
        if sql:
            clauses.append(f"{plus}({sql})" if plus else sql)
            params += search_params
    return clauses, params


def _where(kind: RecordKind, filters: RecordFilter) -> tuple[str, list]:
    from archive_gui.core.store.archive import _where as archive_where

    return archive_where(kind, filters)


def _source(db, kind: RecordKind, filters: RecordFilter) -> tuple[str, str, list]:
    """``(from, where, params)``: see ``archive._reading_source`` (a free-text search
    drives the query from the full-text index, unless the other filters match few)."""
    from archive_gui.core.store.archive import _reading_source

    return _reading_source(db, kind, filters)


# -- facet counts --------------------------------------------------------------


def facet_kind(facet: str, shown: RecordKind) -> RecordKind:
    """The records a facet counts when the list of ``shown`` records is on screen."""
    return FACET_KINDS.get(facet) or RecordKind(shown)


def facet_counts(
    db, facet: str, kind: RecordKind, filters: RecordFilter, cap: int | None = None
) -> list[tuple[Any, str, int, bool]]:
    """``(value, label, count, approximate)`` of a facet's values, counting records of
    ``kind`` under every filter but the facet's own; most records first (years: latest
    first). With ``cap`` at most that many records are counted (counts are then lower
    bounds: ``approximate``)."""
    kind = RecordKind(kind)
    spec = FACET_BY_KEY.get(facet)
    if spec is None or spec.count_key is None:
        raise KeyError(f"unknown facet {facet!r}")
    key = spec.count_key[kind]
    if key is None:
        raise ValueError(f"the {facet} facet does not count {kind.value}")
    if cap:  # a sample of the records, whose size tells whether it was capped
        return shared_facet_counts(db, [facet], kind, filters.without(facet), cap)[facet]
    a = _ALIAS[kind]
    table, where, params = _source(db, kind, filters.without(facet))
    sql = (
        f"SELECT k, count(*) FROM (SELECT {key.format(a=a)} AS k"
        f" FROM {table}{spec.count_join} {where}) WHERE k IS NOT NULL AND k <> '' GROUP BY k"
    )
    return _labelled(db, facet, db.execute(sql, params).fetchall(), capped=False)


def shared_facet_counts(
    db, facets: Iterable[str], kind: RecordKind, filters: RecordFilter, cap: int | None = None
) -> dict[str, list[tuple[Any, str, int, bool]]]:
    """:func:`facet_counts` of several facets that count the same records under the
    same ``filters`` (already without each facet's own), from one read of them: the
    matching records (at most ``cap``) are read once with every facet's value, and each
    facet groups that sample. Eight facets under a common search word cost one scan
    of the matches, not eight. The sample's size, not the counts' sum, tells whether
    it was capped (a record may have no value for a facet)."""
    kind = RecordKind(kind)
    a = _ALIAS[kind]
    facets = list(facets)
    table, where, params = _source(db, kind, filters)
    columns, branches = [f"{a}.id AS id"], []
    for index, facet in enumerate(facets):
        spec = FACET_BY_KEY.get(facet)
        key = spec.count_key[kind] if spec is not None and spec.count_key else None
        if key is None:
            raise KeyError(f"the {facet!r} facet does not count {kind.value}")
        if spec.count_join:  # a value per joined row (tags): joined to the sample's ids
            value = key.format(a=a)
        else:
            columns.append(f"{key.format(a=a)} AS k{index}")
            value = f"{a}.k{index}"
        branches.append(
            f"SELECT {index}, {value} AS k, count(*) FROM s AS {a}{spec.count_join}"
            " WHERE k IS NOT NULL AND k <> '' GROUP BY k"
        )
    branches.append("SELECT -1, NULL, count(*) FROM s")
    limit = _sample_limit(a, where) if cap else ""
    sql = (
        f"WITH s AS MATERIALIZED (SELECT {', '.join(columns)} FROM {table} {where}{limit}) "
        + " UNION ALL ".join(branches)
    )
    grouped: dict[int, list] = {index: [] for index in range(len(facets))}
    read = 0
    for index, key, count in db.execute(sql, [*params, cap] if cap else params):
        if index < 0:
            read = count
        else:
            grouped[index].append((key, count))
    capped = bool(cap) and read >= cap
    return {
        facet: _labelled(db, facet, grouped[index], capped) for index, facet in enumerate(facets)
    }


def _sample_limit(alias: str, where: str) -> str:
    """The ``LIMIT ?`` of a capped sample of records. With no filter at all the sample
    is the first records by id: SQLite would otherwise read the smallest index that
    holds the facet's value, ordered by that value, and the sample would be the first
    value's records alone (one city, or the earliest two years, at a million quotes)."""
    return " LIMIT ?" if where else f" ORDER BY {alias}.id LIMIT ?"


def _labelled(db, facet: str, rows: list, capped: bool) -> list[tuple[Any, str, int, bool]]:
    """``(value, label, count, approximate)`` in the panel's order."""
    labels = _labels(db, facet, [row[0] for row in rows])
    values = [(k, labels.get(k, str(k)), n, capped) for k, n in rows]
    if facet == "years":
        values.sort(key=lambda v: -v[0])
    elif facet == "review_statuses":
        order = {s: i for i, s in enumerate(REVIEW_STATUSES)}
        values.sort(key=lambda v: order.get(v[0], 99))
    else:
        values.sort(key=lambda v: (-v[2], v[1].casefold()))
    return values


def _labels(db, facet: str, keys: list) -> dict:
    if not keys:
        return {}
    if facet == "review_statuses":
        return {k: str(k).capitalize() for k in keys}
    spec = FACET_BY_KEY.get(facet)
    sql = spec.labels if spec is not None else None
    if sql is None:
        return {k: str(k) for k in keys}
    labels: dict = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for key, label in db.execute(sql.format(marks(chunk)), chunk):
            labels.setdefault(key, label)
    return labels


def facet_labels(db, facet: str, values: Iterable) -> dict:
    """What the filter summary shows for selected values of a facet."""
    return _labels(db, facet, list(values))


# -- arrests over time --------------------------------------------------------------


@dataclass(frozen=True)
class PeriodTotal:
    """Arrests in one month (``2025-01``) or week (its Monday, ``2025-01-27``)."""

    key: str
    start: str  # first day, ISO
    end: str  # the day after the last, ISO
    total: int
    operations: int
    approximate: bool  # at least one count is not exact
    # counted from a capped sample of the matching operations (a lower bound)
    sampled: bool = False


def period_bounds(key: str, unit: str) -> tuple[str, str]:
    """``[start, end)`` ISO dates of a month or week key."""
    if unit == "month":
        year, month = int(key[:4]), int(key[5:7])
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
    else:
        start = date.fromisoformat(key)
        end = start + timedelta(days=7)
    return start.isoformat(), end.isoformat()


def arrests_over_time(
    db, filters: RecordFilter, unit: str = "month", cap: int | None = None
) -> list[PeriodTotal]:
    """Arrest counts by month or week (Monday first) of when they happened (else of the
    report), in date order. A count that is a breakdown of another (``part_of``, "including
    30 in Atlanta") is not added again. With ``cap`` at most that many operations are
    read: when there are more, the totals are lower bounds and marked ``sampled``."""
    if unit not in ("month", "week"):
        raise ValueError("unit is month or week")
    kept = kept_totals(filters)
    if kept is not None and unit == "month":
        prefix, value = kept  # a table name of _KEPT_TOTALS, not user text
        rows = db.execute(
            f"SELECT month, total, operations, approximate > 0 FROM {prefix}_month_totals"
            f" WHERE {prefix}_id = ? AND operations > 0 ORDER BY month",
            [value],
        ).fetchall()
        return _period_totals(rows, unit, sampled=False)
    source, where, params = _source(db, RecordKind.OPERATIONS, filters)
    if unit == "month":
        key = f"substr({OPERATION_DATE}, 1, 7)"
    else:
        key = f"date({OPERATION_DATE}, '-6 days', 'weekday 1')"
    conditions = ["o.part_of IS NULL", f"{OPERATION_DATE} IS NOT NULL"]
    where = and_where(where, conditions)
    matching = (
        f"SELECT {key} AS k, o.count AS c, o.qualifier AS qualifier FROM {source} {where}"
        + (" LIMIT ?" if cap else "")
    )
    sql = (
        "SELECT k, sum(c), count(*), max(qualifier <> 'exact')"
        f" FROM ({matching}) GROUP BY k ORDER BY k"
    )
    rows = db.execute(sql, [*params, cap] if cap else params).fetchall()
    sampled = bool(cap) and sum(row[2] for row in rows) >= cap
    return _period_totals(rows, unit, sampled)


def _period_totals(rows: list[tuple], unit: str, sampled: bool) -> list[PeriodTotal]:
    """``(key, total, operations, approximate)`` rows in key order, as periods."""
    totals = []
    for k, total, n, approx in rows:
        if k is None or (unit == "month" and len(k) != 7):
            continue  # no date, or a partial one ("2017"): no month to chart it in
        start, end = period_bounds(k, unit)
        totals.append(PeriodTotal(k, start, end, total or 0, n, bool(approx), sampled))
    return totals


# Facets whose chart totals triggers keep per value (migration 7): the prefix of the
# tables (``{prefix}_month_totals``, ``{prefix}_place_totals``) and of their key column.
_KEPT_TOTALS = {"speakers": "speaker", "cities": "city"}


def kept_totals(filters: RecordFilter) -> tuple[str, int] | None:
    """``(prefix, value)`` when one selected speaker or one selected city is the whole
    filter: the charts then read the few rows of totals that triggers keep for it
    instead of every operation it covers (107,000 under the most quoted speaker)."""
    for facet, prefix in _KEPT_TOTALS.items():
        values = getattr(filters, facet)
        if len(values) != 1 or filters.excluded_values(facet):
            continue
        if filters.without(facet).is_empty:
            (value,) = values
            return prefix, value
    return None


@dataclass(frozen=True)
class BarRecord:
    """One operation behind a chart bar, as a tooltip lists it."""

    id: int
    count_text: str
    place: str | None
    published: str | None
    title: str | None


def records_behind(
    db,
    filters: RecordFilter,
    place_id: int | None = None,
    period: tuple[str, str] | None = None,
    limit: int = 8,
) -> tuple[list[BarRecord], int]:
    """A few operations behind a bar (a place, or a period) under the filters, largest
    counts first, and how many there are in all."""
    source, where, params = _source(db, RecordKind.OPERATIONS, filters)
    extra, extra_params = [], []
    if place_id is not None:
        extra.append("o.place_id = ?")
        extra_params.append(place_id)
    if period is not None:
        extra.append(f"{OPERATION_DATE} >= ? AND {OPERATION_DATE} < ?")
        extra_params += list(period)
        extra.append("o.part_of IS NULL")
    where = and_where(where, extra)
    params = [*params, *extra_params]
    (total,) = db.execute(f"SELECT count(*) FROM {source} {where}", params).fetchone()
    rows = db.execute(
        "SELECT o.id, o.count_text, (SELECT label FROM places WHERE id = o.place_id),"
        f" a.published, a.title FROM {source} JOIN articles a ON a.id = o.article_id"
        f" {where} ORDER BY o.count DESC, o.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [BarRecord(*row) for row in rows], total


# -- saved filters ----------------------------------------------------------------

_JSON_FIELDS = tuple(facet.key for facet in FACET_TABLE)


def filters_to_json(filters: RecordFilter) -> dict:
    """The facet selections of ``filters`` as JSON-able data (the search is saved apart)."""
    data: dict[str, Any] = {}
    for name in _JSON_FIELDS:
        values = getattr(filters, name, ())
        if values:
            data[name] = sorted(values)
    excluded = getattr(filters, "excluded", ())
    if excluded:
        data["excluded"] = sorted([facet, value] for facet, value in excluded)
    period = getattr(filters, "period", None)
    if period:
        data["period"] = list(period)
    return data


def filters_from_json(data: dict, query: str | Query | None = None) -> RecordFilter:
    """A RecordFilter from :func:`filters_to_json` data (unknown keys ignored) and a query."""
    fields: dict[str, Any] = {}
    for name in _JSON_FIELDS:
        if data.get(name):
            fields[name] = frozenset(data[name])
    if data.get("excluded"):
        fields["excluded"] = frozenset(
            (facet, value) for facet, value in data["excluded"] if facet in FACET_KINDS
        )
    if data.get("period"):
        fields["period"] = tuple(data["period"])
    if isinstance(query, str):
        query = parse(query)
    if query is not None:
        fields["search"] = query
    return RecordFilter(**fields)
