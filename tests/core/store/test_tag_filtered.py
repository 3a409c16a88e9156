"""Tagging every quote of a filtered list in the store, and searches that the
full-text index drives (joined, or probed row by row) giving the same records."""

from __future__ import annotations

import dataclasses

import pytest

from archive_gui.core.search import parse
from archive_gui.core.store import RecordKind
from archive_gui.core.store.archive import _where
from archive_gui.core.store.curation import Curation
from archive_gui.core.store.schema import ID_EXPR, RECORD_TABLES, RecordFilter


@pytest.fixture
def cur(filled_archive):
    return Curation(filled_archive)


def _tagged(archive, name):
    rows = archive.db.execute(
        "SELECT qt.quote_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE t.name = ?",
        [name],
    )
    return {row[0] for row in rows}


def _slow_ids(archive, kind, filters):
    """The records matching by the plain IN form (no full-text join)."""
    where, params = _where(kind, filters)
    sql = f"SELECT {ID_EXPR[kind]} FROM {RECORD_TABLES[kind]} {where}"
    return {row[0] for row in archive.db.execute(sql, params)}


SEARCHES = ["we", "agents", '"public safety"', "we OR agents", "we -agents", "speaker:Cox"]


def test_tag_filtered_tags_exactly_the_listed_quotes_and_undoes(cur, filled_archive):
    filters = RecordFilter(search=parse("we"))
    expected = _slow_ids(filled_archive, RecordKind.QUOTES, filters)
    assert expected
    change = cur.tag_filtered(filters, "listed")
    assert set(change.quote_ids) == expected == _tagged(filled_archive, "listed")
    again = cur.tag_filtered(filters, "listed")
    assert again.quote_ids == ()  # already tagged: nothing new
    redo = cur.revert(change)
    assert _tagged(filled_archive, "listed") == set()
    cur.revert(redo)
    assert _tagged(filled_archive, "listed") == expected


def test_untag_filtered_removes_the_tag_from_the_listed_quotes_only(cur, filled_archive):
    everything = _slow_ids(filled_archive, RecordKind.QUOTES, RecordFilter())
    cur.tag_filtered(RecordFilter(), "all")
    filters = RecordFilter(search=parse("we"))
    listed = _slow_ids(filled_archive, RecordKind.QUOTES, filters)
    change = cur.untag_filtered(filters, "all")
    assert set(change.quote_ids) == listed
    assert _tagged(filled_archive, "all") == everything - listed
    assert cur.untag_filtered(filters, "no such tag").quote_ids == ()


@pytest.mark.parametrize("text", SEARCHES)
@pytest.mark.parametrize("kind", [RecordKind.QUOTES, RecordKind.OPERATIONS])
def test_fts_driven_reads_match_the_plain_filter(filled_archive, kind, text):
    archive = filled_archive
    filters = RecordFilter(search=parse(text))
    expected = _slow_ids(archive, kind, filters)
    assert archive.count(kind, filters) == len(expected)
    keys = archive.record_keys(kind, filters, limit=1000, matches=len(expected))
    assert {key[-1] for key in keys} == expected
    walked = archive.record_keys(kind, filters, limit=1000, matches=10**9)  # probe plan
    assert {key[-1] for key in walked} == expected
    anchors = archive.page_anchors(kind, filters, step=1)
    assert len(anchors) == len(expected)
    with_other = dataclasses.replace(filters, review_statuses=frozenset({"unreviewed"}))
    assert archive.count(kind, with_other) == len(_slow_ids(archive, kind, with_other))


def test_facets_and_charts_under_a_free_text_search(filled_archive):
    archive = filled_archive
    filters = RecordFilter(search=parse("we"))
    speakers = archive.speaker_facet(filters)
    assert sum(v.count for v in speakers) <= archive.count(RecordKind.QUOTES, filters)
    assert archive.facet("tags", RecordKind.QUOTES, filters) is not None
    cities = archive.city_facet(filters)
    assert sum(v.count for v in cities) <= archive.count(RecordKind.OPERATIONS, filters)
    archive.arrests_by_place(filters)
    archive.arrests_over_time(filters)
    records, total = archive.records_behind(filters)
    assert total == archive.count(RecordKind.OPERATIONS, filters)
    assert len(records) == min(total, 8)


def test_the_tags_facet_caps_the_quotes_it_reads(cur, filled_archive):
    archive = filled_archive
    cur.tag_filtered(RecordFilter(), "everywhere")
    filters = RecordFilter(review_statuses=frozenset({"unreviewed"}))
    exact = archive.facet("tags", RecordKind.QUOTES, filters, cap=10_000)
    assert [(v.label, v.approximate) for v in exact] == [("everywhere", False)]
    assert exact[0].count == archive.count(RecordKind.QUOTES, filters)
    sampled = archive.facet("tags", RecordKind.QUOTES, filters, cap=1)
    assert [(v.label, v.count, v.approximate) for v in sampled] == [("everywhere", 1, True)]
