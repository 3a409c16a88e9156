"""Storing an import's articles many to a transaction (``store.batch``)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from archive_gui.core.records import ArticleMeta, Extraction, Operation
from archive_gui.core.store import Archive
from archive_gui.core.store.batch import ArticleBatch
from tests.core.conftest import ATLANTA_TEXT, LA_TEXT, atlanta_extraction, la_extraction

META = ArticleMeta(title="Arrests", outlet="Daily", published=date(2017, 2, 10))


def table_rows(archive: Archive) -> dict[str, list]:
    """Every row of the record tables (without import times)."""
    out = {}
    for table in ("articles", "quotes", "operations", "speakers", "places", "speaker_quote_counts"):
        columns = [c for c in archive.table_columns(table) if c != "imported_at"]
        names = ", ".join(f'"{c}"' for c in columns)
        out[table] = archive.db.execute(f"SELECT {names} FROM {table} ORDER BY 1").fetchall()
    return out


def breakdown_extraction() -> Extraction:
    """An operation that is a breakdown of an earlier one (``part_of``)."""
    extraction = atlanta_extraction()
    extraction.operations[1] = replace(extraction.operations[1], part_of=0)
    return extraction


def articles(n: int) -> list[tuple]:
    out = []
    for i in range(n):
        text = f"{ATLANTA_TEXT}\n\nCopy {i}."
        extraction = breakdown_extraction() if i % 2 else la_extraction()
        if i % 2 == 0:
            text = f"{LA_TEXT}\n\nCopy {i}."
        out.append((text, replace(META, title=f"Arrests {i}"), extraction, "test"))
    return out


def collect(outcomes: list):
    return lambda key, stored, failure: outcomes.append((key, stored, failure))


def test_a_batch_stores_exactly_what_one_transaction_per_article_stores(tmp_path):
    given = articles(9)
    with Archive.open(tmp_path / "one.db") as one:
        for article in given:
            one.add_article(*article)
        expected = table_rows(one)
    outcomes: list = []
    with Archive.open(tmp_path / "batch.db") as archive:
        with ArticleBatch(archive, collect(outcomes), max_articles=4) as batch:
            for n, article in enumerate(given):
                batch.add(n, *article)
        assert table_rows(archive) == expected
    assert [(key, stored.article_id, failure) for key, stored, failure in outcomes] == [
        (n, n + 1, None) for n in range(9)
    ]
    parts = [row for row in expected["operations"] if row[16] is not None]
    assert parts  # the breakdowns name the id of their total, as stored one by one


def test_outcomes_come_once_committed(tmp_path):
    outcomes: list = []
    path = tmp_path / "archive.db"
    with Archive.open(path) as archive:
        other = sqlite3.connect(path)
        with ArticleBatch(archive, collect(outcomes), max_articles=3) as batch:
            for n, article in enumerate(articles(4)):
                batch.add(n, *article)
            # three committed together; the fourth waits, without holding the write lock
            assert [key for key, *_ in outcomes] == [0, 1, 2]
            assert other.execute("SELECT count(*) FROM articles").fetchone() == (3,)
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        assert [key for key, *_ in outcomes] == [0, 1, 2, 3]
        assert other.execute("SELECT count(*) FROM articles").fetchone() == (4,)
        other.close()


def test_a_batch_is_committed_once_due(archive):
    outcomes: list = []
    with ArticleBatch(archive, collect(outcomes), commit_seconds=0.0) as batch:
        batch.add("a", *articles(1)[0])
        assert outcomes and not batch.due


def test_a_text_archived_or_given_twice_is_stored_once(archive):
    first, second = articles(2)
    archive.add_article(*first)
    outcomes: list = []
    with ArticleBatch(archive, collect(outcomes)) as batch:
        batch.add("known", *first)
        batch.add("new", *second)
        batch.add("again", *second)
    assert [(key, stored.created, stored.article_id) for key, stored, _ in outcomes] == [
        ("known", False, 1),
        ("new", True, 2),
        ("again", False, 2),
    ]
    assert archive.totals().articles == 2


def test_a_bad_article_fails_alone_and_the_rest_of_its_batch_is_stored(archive):
    given = articles(5)
    bad = Extraction(operations=[Operation(3, "exact", "3", start=9, end=2)])  # start > end
    given[2] = (given[2][0], given[2][1], bad, "test")
    outcomes: list = []
    with ArticleBatch(archive, collect(outcomes)) as batch:
        for n, article in enumerate(given):
            batch.add(n, *article)
    failed = [(key, failure) for key, stored, failure in outcomes if stored is None]
    assert [key for key, _ in failed] == [2]
    assert "not stored" in failed[0][1] and "CHECK" in failed[0][1]
    assert archive.totals().articles == 4
    assert archive.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored_texts = {row[0] for row in archive.db.execute("SELECT text FROM articles")}
    assert stored_texts == {given[n][0] for n in (0, 1, 3, 4)}


def test_a_bug_while_storing_costs_one_article(archive):
    given = articles(3)
    given[1] = (given[1][0], given[1][1], None, "test")  # not an extraction at all
    outcomes: list = []
    with ArticleBatch(archive, collect(outcomes)) as batch:
        for n, article in enumerate(given):
            batch.add(n, *article)
    assert [(key, failure is None) for key, _, failure in outcomes] == [
        (0, True),
        (1, False),
        (2, True),
    ]
    assert "unexpected error" in outcomes[1][2]
    assert archive.totals().articles == 2


def test_leaving_on_an_error_stores_what_was_given(archive):
    outcomes: list = []
    try:
        with ArticleBatch(archive, collect(outcomes)) as batch:
            batch.add("a", *articles(1)[0])
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert [key for key, *_ in outcomes] == ["a"] and archive.totals().articles == 1


def test_the_page_cache_is_put_back(archive):
    (before,) = archive.db.execute("PRAGMA cache_size").fetchone()
    with ArticleBatch(archive, collect([])):
        assert archive.db.execute("PRAGMA cache_size").fetchone()[0] != before
    assert archive.db.execute("PRAGMA cache_size").fetchone()[0] == before


def test_many_records_span_several_statements(archive):
    """More rows than one statement may bind (SQLite's limit of parameters)."""
    text = ATLANTA_TEXT
    one = atlanta_extraction()
    extraction = Extraction(quotes=one.quotes * 1500, operations=one.operations * 1000)
    archive.add_article(text, META, extraction, "test")
    assert archive.totals().quotes == 3000 and archive.totals().operations == 2000


def test_speakers_renamed_by_another_connection_between_batches_are_looked_up_again(tmp_path):
    path = tmp_path / "archive.db"
    first, _, second = articles(3)  # both quote David Marin (and Bryan Cox)
    with Archive.open(path) as archive:
        with ArticleBatch(archive, collect([]), max_articles=1) as batch:
            batch.add("first", *first)
            other = sqlite3.connect(path)
            other.execute("UPDATE speakers SET name = 'D. Marin' WHERE name = 'David Marin'")
            other.commit()
            other.close()
            batch.add("second", *second)
        speakers = archive.db.execute(
            "SELECT s.name, count(*) FROM quotes q JOIN speakers s ON s.id = q.speaker_id"
            " WHERE s.name LIKE '%Marin' GROUP BY s.name ORDER BY s.name"
        ).fetchall()
    assert speakers == [("D. Marin", 1), ("David Marin", 1)]
