"""The archive-gui command line, end to end on the seed article."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from archive_gui.cli import main
from archive_gui.core.paths import bundled_path

SEED = bundled_path("resources", "sample", "atlanta-ice-arrests.txt")


@pytest.fixture
def seeded_db(tmp_path):
    db = tmp_path / "seed.db"
    assert main(["import", "--db", str(db), "--published", "2017-02-10", str(SEED)]) == 0
    return db


def export(db, what, capsys):
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--what", what, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_seed_import_gives_twelve_quotes_with_their_speakers(seeded_db, capsys):
    quotes = export(seeded_db, "quotes", capsys)
    assert Counter(q["speaker"] for q in quotes) == {
        "Bryan Cox": 2,
        "ICE": 1,
        "David Marin": 4,
        "Ali Noorani": 3,
        "Kevin de León": 2,
    }
    text = SEED.read_text(encoding="utf-8")
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_seed_import_gives_the_six_operations(seeded_db, capsys):
    ops = export(seeded_db, "operations", capsys)
    found = {(o["count"], o["qualifier"], o["place"]) for o in ops}
    assert found == {
        (100, "hundreds", "United States"),
        (30, "about", "Atlanta, GA"),
        (192, "exact", "Atlanta area of operations"),
        (100, "nearly", "Georgia"),
        (160, "more_than", "Los Angeles, CA"),
        (200, "about", "Los Angeles, CA"),
    }
    by_count = {o["count_text"]: o for o in ops}
    assert by_count["about 30"]["part_of"] == by_count["hundreds"]["id"]
    assert by_count["Nearly 100"]["part_of"] == by_count["192"]["id"]
    assert by_count["192"]["period_start"] == "2017-02-06"
    assert by_count["about 200"]["period_text"] == "this summer"
    assert {o["agency"] for o in ops} == {"ICE"}
    assert all(o["published"] == "2017-02-10" for o in ops)


def test_reimport_changes_nothing(seeded_db, capsys):
    before = export(seeded_db, "quotes", capsys), export(seeded_db, "operations", capsys)
    assert main(["import", "--db", str(seeded_db), str(SEED)]) == 0
    assert "0 added, 1 skipped" in capsys.readouterr().out
    assert (export(seeded_db, "quotes", capsys), export(seeded_db, "operations", capsys)) == before


def test_failed_file_makes_a_non_zero_exit(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["import", "--db", str(tmp_path / "a.db"), str(empty), str(SEED)]) == 1
    captured = capsys.readouterr()
    assert "empty.txt: file is empty" in captured.err
    assert "1 added, 0 skipped (already archived), 1 failed" in captured.out


def test_export_to_a_file(seeded_db, tmp_path, capsys):
    out = tmp_path / "ops.csv"
    code = main(
        [
            "export",
            "--db",
            str(seeded_db),
            "--what",
            "operations",
            "--format",
            "csv",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("id,count,qualifier,count_text")


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "--db", str(tmp_path / "a.db"), "--published", "10/02/2017", str(SEED)])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_export_from_a_missing_archive_is_an_error(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.db"), "--what", "quotes"]) == 2
    assert "no archive" in capsys.readouterr().err
