"""The chart totals kept per speaker and per city by triggers (migration 7) always equal
a recount, whatever writes the records, and the charts read from them say what a full
read says."""

from __future__ import annotations

import random

import pytest

from archive_gui.core.store import Archive, RecordFilter
from archive_gui.core.store.curation import Curation
from archive_gui.core.store.filtering import kept_totals

TABLES = ("speaker_month_totals", "speaker_place_totals", "city_month_totals", "city_place_totals")
NOTHING = 10**9  # no speaker or city has this id


def assert_totals_kept(archive: Archive) -> None:
    for table in TABLES:
        # Rows whose operations all went stay behind at zero: not a difference.
        kept = set(
            archive.db.execute(
                f"SELECT * FROM {table} WHERE operations <> 0 OR total <> 0 OR approximate <> 0"
            ).fetchall()
        )
        counted = set(archive.db.execute(f"SELECT * FROM {table}_computed").fetchall())
        assert kept == counted, table


@pytest.fixture
def synthetic(tmp_path):
    from archive_gui.core.synthetic import build_synthetic_archive

    path = tmp_path / "archive.db"
    build_synthetic_archive(path, quotes=2_000)
    with Archive.open(path) as archive:
        yield archive


def _speakers_by_quotes(archive: Archive) -> list[int]:
    return [
        row[0]
        for row in archive.db.execute(
            "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL"
            " GROUP BY speaker_id ORDER BY count(*) DESC, speaker_id"
        )
    ]


def test_a_bulk_load_fills_the_totals(synthetic):
    assert synthetic.db.execute("SELECT count(*) FROM speaker_month_totals").fetchone()[0] > 50
    assert_totals_kept(synthetic)


def test_curation_keeps_the_totals(synthetic):
    """Merges, splits, corrections of speakers and counts, and their undo."""
    cur = Curation(synthetic)
    rng = random.Random(7)
    speakers = _speakers_by_quotes(synthetic)
    merge = cur.merge_speakers(speakers[0], [speakers[1], speakers[5]])
    assert_totals_kept(synthetic)
    cur.split_speaker(speakers[5])
    assert_totals_kept(synthetic)
    cur.revert(merge)
    assert_totals_kept(synthetic)
    quotes = [row[0] for row in synthetic.db.execute("SELECT id FROM quotes ORDER BY id")]
    operations = [row[0] for row in synthetic.db.execute("SELECT id FROM operations ORDER BY id")]
    places = [row[0] for row in synthetic.db.execute("SELECT id FROM places ORDER BY id")]
    changes = []
    for _ in range(30):
        changes.append(
            cur.correct_quote(rng.choice(quotes), speaker_id=rng.choice([None, *speakers[:8]]))
        )
        changes.append(
            cur.correct_operation(
                rng.choice(operations),
                count=rng.randrange(1, 500),
                qualifier=rng.choice(["exact", "about", "more_than"]),
                place_id=rng.choice([None, *places[:20]]),
            )
        )
    assert_totals_kept(synthetic)
    for change in reversed(changes):
        cur.revert(change)
    assert_totals_kept(synthetic)


def test_any_write_to_the_records_keeps_the_totals(synthetic):
    """Raw writes of every kind the triggers cover (what an import, a re-extraction or
    another tool may do), in random order."""
    db = synthetic.db
    rng = random.Random(11)

    def ids(sql: str) -> list[int]:
        return [row[0] for row in db.execute(sql)]

    speakers = ids("SELECT id FROM speakers")
    articles = ids("SELECT id FROM articles")
    places = ids("SELECT id FROM places")
    cities = ids("SELECT DISTINCT city_id FROM operations WHERE city_id IS NOT NULL")
    for step in range(200):
        quotes = ids("SELECT id FROM quotes")
        operations = ids("SELECT id FROM operations")
        action = step % 10
        with synthetic.transaction():
            if action == 0:
                db.execute(
                    "UPDATE quotes SET speaker_id = ? WHERE id = ?",
                    [rng.choice([None, *speakers]), rng.choice(quotes)],
                )
            elif action == 1:
                db.execute(
                    "UPDATE quotes SET article_id = ? WHERE id = ?",
                    [rng.choice(articles), rng.choice(quotes)],
                )
            elif action == 2:
                db.execute("DELETE FROM quotes WHERE id = ?", [rng.choice(quotes)])
            elif action == 3:
                db.execute(
                    'INSERT INTO quotes (article_id, text, start, "end", speaker_id, rule,'
                    " confidence) VALUES (?, 'words', 0, 5, ?, 'test', 1.0)",
                    [rng.choice(articles), rng.choice(speakers)],
                )
            elif action == 4:
                db.execute(
                    "INSERT INTO operations (article_id, count, count_text, qualifier, place_id,"
                    ' city_id, period_start, start, "end", rule, confidence)'
                    " VALUES (?, ?, 'n', ?, ?, ?, ?, 0, 1, 'test', 1.0)",
                    [
                        rng.choice(articles),
                        rng.randrange(1, 300),
                        rng.choice(["exact", "about"]),
                        rng.choice([None, *places]),
                        rng.choice([None, *cities]),
                        rng.choice([None, "2019-03-04", "2021-11-30"]),
                    ],
                )
            elif action == 5:
                db.execute("DELETE FROM operations WHERE id = ?", [rng.choice(operations)])
            elif action == 6:
                first, second = rng.sample(operations, 2)
                db.execute("UPDATE operations SET part_of = ? WHERE id = ?", [first, second])
            elif action == 7:
                db.execute(
                    "UPDATE operations SET article_id = ?, city_id = ?, period_start = ?"
                    " WHERE id = ?",
                    [
                        rng.choice(articles),
                        rng.choice([None, *cities]),
                        rng.choice([None, "2016-01-02"]),
                        rng.choice(operations),
                    ],
                )
            elif action == 8:  # the date every record of the article is charted by
                db.execute(
                    "UPDATE articles SET published = ? WHERE id = ?",
                    [rng.choice([None, "2012-05-06", "2024-12-31"]), rng.choice(articles)],
                )
            else:  # and everything in it
                gone = rng.choice(articles)
                articles.remove(gone)
                db.execute("DELETE FROM articles WHERE id = ?", [gone])
        if step % 20 == 19:
            assert_totals_kept(synthetic)
    assert_totals_kept(synthetic)


def _by_operations(archive: Archive, column: str) -> list[int]:
    return [
        row[0]
        for row in archive.db.execute(
            f"SELECT {column} FROM operations WHERE {column} IS NOT NULL"
            f" GROUP BY {column} ORDER BY count(*) DESC, {column}"
        )
    ]


def test_one_speaker_or_city_reads_the_kept_totals_and_they_match_a_full_read(synthetic):
    Curation(synthetic).correct_operation(
        synthetic.db.execute("SELECT min(id) FROM operations").fetchone()[0], count=12_345
    )
    cases = [("speakers", "speaker", s) for s in _speakers_by_quotes(synthetic)[:4:3]]
    cases += [("cities", "city", c) for c in _by_operations(synthetic, "city_id")[:6:5]]
    for facet, prefix, value in cases:
        alone = RecordFilter(**{facet: frozenset({value})})
        # With a second value no record has, the same records are read in full.
        in_full = RecordFilter(**{facet: frozenset({value, NOTHING})})
        assert kept_totals(alone) == (prefix, value) and kept_totals(in_full) is None
        months = synthetic.arrests_over_time(alone)
        assert months and months == synthetic.arrests_over_time(in_full)
        places = synthetic.arrests_by_place(alone, limit=50)
        assert places and places == synthetic.arrests_by_place(in_full, limit=50)


def test_only_a_lone_speaker_or_city_reads_the_kept_totals():
    one = frozenset({3})
    assert kept_totals(RecordFilter(speakers=one)) == ("speaker", 3)
    assert kept_totals(RecordFilter(cities=one)) == ("city", 3)
    assert kept_totals(RecordFilter()) is None
    assert kept_totals(RecordFilter(speakers=one, cities=frozenset({1}))) is None
    excluding = frozenset({("speakers", 4)})
    assert kept_totals(RecordFilter(speakers=one, excluded=excluding)) is None
    assert kept_totals(RecordFilter(cities=one, excluded=excluding)) is None
    period = ("2020-01-01", "2020-02-01")
    assert kept_totals(RecordFilter(cities=one, period=period)) is None
