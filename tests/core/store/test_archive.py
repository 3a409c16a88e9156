"""The archive: writing articles with their records, and the browsing queries."""

from __future__ import annotations

import sqlite3

import pytest

from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place
from archive_gui.core.store import Archive, ArchiveError, RecordFilter, RecordKind
from tests.core.conftest import ATLANTA_TEXT, LA_TEXT, atlanta_extraction

OPS = RecordKind.OPERATIONS
QUOTES = RecordKind.QUOTES


def facet(values):
    return {value.label: value.count for value in values}


def test_archive_is_wal_with_foreign_keys(archive):
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert archive.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_article_is_stored_verbatim_with_its_records(filled_archive):
    totals = filled_archive.totals()
    assert (totals.articles, totals.operations, totals.quotes) == (2, 3, 4)
    article = filled_archive.article(1)
    assert article.text == ATLANTA_TEXT
    assert article.title == "Atlanta arrests"
    assert article.published == "2017-02-10"
    for kind in (OPS, QUOTES):
        for row in filled_archive.rows(kind, filled_archive.record_ids(kind)):
            text = filled_archive.article(row["article_id"]).text
            shown = row["count_text"] if kind is OPS else row["text"]
            assert text[row["start"] : row["end"]] == shown


def test_same_text_twice_is_a_no_op(filled_archive):
    result = filled_archive.add_article(
        ATLANTA_TEXT, ArticleMeta(title="again"), atlanta_extraction(), "test"
    )
    assert not result.created
    assert result.article_id == 1
    assert filled_archive.totals().articles == 2
    assert filled_archive.totals().quotes == 4


def test_one_speaker_row_per_person_across_articles(filled_archive):
    assert facet(filled_archive.speaker_facet()) == {"Bryan Cox": 3, "David Marin": 1}


def test_failed_write_leaves_nothing_behind(archive):
    bad = Operation(count=5, qualifier="not-a-qualifier", count_text="5", start=0, end=1)
    with pytest.raises(ArchiveError):
        archive.add_article("Five were arrested.", ArticleMeta(), Extraction(operations=[bad]), "t")
    assert archive.totals().articles == 0
    assert archive.has_text("Five were arrested.") is None


def test_places_nest_city_in_state(filled_archive):
    rows = filled_archive.db.execute(
        "SELECT c.label, s.kind, s.name FROM places c JOIN places s ON s.id = c.parent_id"
        " WHERE c.kind = 'city' ORDER BY c.label"
    ).fetchall()
    assert rows == [("Atlanta, GA", "state", "Georgia"), ("Los Angeles, CA", "state", "California")]


def test_city_filter_applies_to_operations_and_through_articles_to_quotes(filled_archive):
    cities = {v.label: v.id for v in filled_archive.city_facet()}
    only_atlanta = RecordFilter(cities=frozenset({cities["Atlanta, GA"]}))
    assert filled_archive.count(OPS, only_atlanta) == 1
    assert filled_archive.count(QUOTES, only_atlanta) == 2
    # the speaker facet follows the city filter; the city facet ignores its own selection
    assert facet(filled_archive.speaker_facet(only_atlanta)) == {"Bryan Cox": 2}
    assert facet(filled_archive.city_facet(only_atlanta)) == {
        "Atlanta, GA": 1,
        "Los Angeles, CA": 1,
    }


def test_speaker_filter_applies_to_quotes_and_through_articles_to_operations(filled_archive):
    speakers = {v.label: v.id for v in filled_archive.speaker_facet()}
    marin = RecordFilter(speakers=frozenset({speakers["David Marin"]}))
    assert filled_archive.count(QUOTES, marin) == 1
    assert filled_archive.count(OPS, marin) == 1
    assert facet(filled_archive.city_facet(marin)) == {"Los Angeles, CA": 1}
    totals = filled_archive.arrests_by_place(marin)
    assert [(t.label, t.total, t.approximate) for t in totals] == [("Los Angeles, CA", 160, True)]


def test_chart_series_keeps_nested_places_apart(filled_archive):
    totals = {t.label: (t.total, t.kind) for t in filled_archive.arrests_by_place()}
    assert totals == {
        "Los Angeles, CA": (160, "city"),
        "Georgia": (100, "state"),
        "Atlanta, GA": (30, "city"),
    }


@pytest.mark.parametrize("key", ["count_text", "place", "published", "period", "article"])
def test_sort_by_each_sortable_column(filled_archive, key):
    ascending = list(filled_archive.record_ids(OPS, sort_key=key))
    descending = list(filled_archive.record_ids(OPS, sort_key=key, descending=True))
    assert sorted(ascending) == [1, 2, 3]
    assert sorted(descending) == [1, 2, 3]


def test_sort_by_count_orders_numerically(filled_archive):
    rows = filled_archive.rows(OPS, filled_archive.record_ids(OPS, sort_key="count_text"))
    assert [r["count"] for r in rows] == [30, 100, 160]


def test_unknown_or_unsortable_column_is_refused(filled_archive):
    with pytest.raises(KeyError):
        filled_archive.record_ids(OPS, sort_key="count; DROP TABLE quotes")
    with pytest.raises(KeyError):
        filled_archive.record_ids(QUOTES, sort_key="tags")


def test_rows_come_back_in_the_order_asked(filled_archive):
    ids = [4, 1, 3]
    assert [row["id"] for row in filled_archive.rows(QUOTES, ids)] == ids


def test_export_rows_carry_provenance(filled_archive):
    (op,) = [r for r in filled_archive.iter_export(OPS) if r["city"] == "Los Angeles"]
    assert op["state"] == "CA"
    assert op["area"] == "Los Angeles"
    assert op["period_start"] == "2017-02-06"
    assert op["approximate"] is True
    assert op["article_url"] == "https://example.org/la"
    assert len(op["article_sha256"]) == 64
    assert LA_TEXT[op["start"] : op["end"]] == "More than 160"


def test_not_an_archive_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ArchiveError, match="not a usable archive"):
        Archive.open(path)


def test_folder_is_not_an_archive(tmp_path):
    with pytest.raises(ArchiveError, match="folder"):
        Archive.open(tmp_path)


def test_places_with_same_name_in_different_states_stay_apart(archive):
    text = "Ten were arrested in Portland. Five were arrested in Portland."
    ops = [
        Operation(10, "exact", "Ten", 0, 3, place=Place("city", "Portland", "OR")),
        Operation(5, "exact", "Five", 31, 35, place=Place("city", "Portland", "ME")),
    ]
    archive.add_article(text, ArticleMeta(), Extraction(operations=ops), "t")
    assert facet(archive.city_facet()) == {"Portland, ME": 1, "Portland, OR": 1}


def test_second_connection_sees_committed_articles(filled_archive):
    other = sqlite3.connect(filled_archive.path)
    try:
        assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    finally:
        other.close()


def test_tidying_merges_a_search_index_that_imports_split(filled_archive):
    """Each transaction that stores articles adds full-text segments (two so far);
    tidying merges an index past the limit into one, leaves one within it alone, and a
    search finds the same records before and after."""
    from archive_gui.core.search import parse

    archive = filled_archive
    search = RecordFilter(search=parse("arrest OR routine OR agents"))

    def found() -> tuple[list[int], list[int]]:
        return [list(archive.record_ids(kind, search)) for kind in RecordKind]

    before = found()
    segments = archive.search_index_segments()
    assert segments["quotes_fts"] >= 2 and segments["articles_fts"] >= 2
    assert archive.tidy_search_index(max_segments=segments["quotes_fts"]) == [
        fts for fts, n in segments.items() if n > segments["quotes_fts"]
    ]
    assert archive.tidy_search_index(max_segments=1) == sorted(segments)[::-1]
    assert archive.search_index_segments() == {"quotes_fts": 1, "articles_fts": 1}
    assert archive.tidy_search_index(max_segments=1) == []  # nothing left to merge
    assert found() == before and all(before)
