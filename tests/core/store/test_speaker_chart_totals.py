"""The chart totals kept per speaker by triggers (migration 7) always equal a recount,
whatever writes the records, and the charts read from them say what a full read says."""

from __future__ import annotations

import random

import pytest

from archive_gui.core.store import Archive, RecordFilter
from archive_gui.core.store.curation import Curation
from archive_gui.core.store.filtering import lone_speaker

TABLES = ("speaker_month_totals", "speaker_place_totals")
NO_SUCH_SPEAKER = 10**9


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
                    ' period_start, start, "end", rule, confidence)'
                    " VALUES (?, ?, 'n', ?, ?, ?, 0, 1, 'test', 1.0)",
                    [
                        rng.choice(articles),
                        rng.randrange(1, 300),
                        rng.choice(["exact", "about"]),
                        rng.choice([None, *places]),
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
                    "UPDATE operations SET article_id = ?, period_start = ? WHERE id = ?",
                    [
                        rng.choice(articles),
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


def test_one_speaker_reads_the_kept_totals_and_they_match_a_full_read(synthetic):
    cur = Curation(synthetic)
    speakers = _speakers_by_quotes(synthetic)
    cur.correct_operation(
        synthetic.db.execute("SELECT min(id) FROM operations").fetchone()[0], count=12_345
    )
    for speaker in (speakers[0], speakers[3], speakers[-1]):
        alone = RecordFilter(speakers=frozenset({speaker}))
        # With a second speaker no record has, the same records are read in full.
        in_full = RecordFilter(speakers=frozenset({speaker, NO_SUCH_SPEAKER}))
        assert lone_speaker(alone) == speaker and lone_speaker(in_full) is None
        months = synthetic.arrests_over_time(alone)
        assert months and months == synthetic.arrests_over_time(in_full)
        places = synthetic.arrests_by_place(alone, limit=50)
        assert places and places == synthetic.arrests_by_place(in_full, limit=50)


def test_only_a_lone_speaker_reads_the_kept_totals():
    speaker = frozenset({3})
    assert lone_speaker(RecordFilter(speakers=speaker)) == 3
    assert lone_speaker(RecordFilter()) is None
    assert lone_speaker(RecordFilter(speakers=speaker, cities=frozenset({1}))) is None
    excluding = frozenset({("speakers", 4)})
    assert lone_speaker(RecordFilter(speakers=speaker, excluded=excluding)) is None
    period = ("2020-01-01", "2020-02-01")
    assert lone_speaker(RecordFilter(speakers=speaker, period=period)) is None
