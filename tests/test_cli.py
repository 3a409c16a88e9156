"""The archive-gui command line, end to end on the seed article."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from archive_gui import cli
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


# -- export formats, selection, bundles, serve ------------------------------------------


def run_export(db, *args):
    return main(["export", "--db", str(db), *args])


def test_export_every_format_with_manifest(seeded_db, tmp_path, capsys):
    import csv

    for fmt in ("csv", "json", "jsonl", "xlsx", "md", "txt"):
        out = tmp_path / f"quotes.{fmt}"
        assert run_export(seeded_db, "--what", "quotes", "--format", fmt, "-o", str(out)) == 0
        manifest = json.loads((tmp_path / f"quotes.{fmt}.manifest.json").read_text())
        assert (manifest["records"], manifest["format"], manifest["what"]) == (12, fmt, "quotes")
    assert "12 quotes written to" in capsys.readouterr().err
    with (tmp_path / "quotes.csv").open(newline="", encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == 12
    assert len((tmp_path / "quotes.txt").read_text(encoding="utf-8").splitlines()) == 12
    assert (tmp_path / "quotes.xlsx").read_bytes().startswith(b"PK")


def test_export_by_city_speaker_ids_and_columns(seeded_db, tmp_path, capsys):
    out = tmp_path / "marin.json"
    args = ["--what", "quotes", "--speaker", "david marin", "--columns", "id,speaker", "-o"]
    assert run_export(seeded_db, *args, str(out)) == 0
    marin = json.loads(out.read_text())
    assert {tuple(q) for q in marin} == {("id", "speaker")}
    assert [q["speaker"] for q in marin] == ["David Marin"] * 4

    ids = ",".join(str(q["id"]) for q in marin[:2])
    assert run_export(seeded_db, "--what", "quotes", "--ids", ids, "-o", str(out)) == 0
    assert [q["id"] for q in json.loads(out.read_text())] == [q["id"] for q in marin[:2]]

    out = tmp_path / "atl.json"
    assert (
        run_export(seeded_db, "--what", "operations", "--city", "Atlanta, GA", "-o", str(out)) == 0
    )
    assert [o["count_text"] for o in json.loads(out.read_text())] == ["about 30"]


def test_export_refuses_unknown_names_and_columns(seeded_db, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert run_export(seeded_db, "--what", "quotes", "--city", "Atlantis", "-o", str(out)) == 2
    assert "no city called 'Atlantis'" in capsys.readouterr().err
    assert run_export(seeded_db, "--what", "quotes", "--speaker", "Nobody", "-o", str(out)) == 2
    assert "no speaker called 'Nobody'" in capsys.readouterr().err
    assert run_export(seeded_db, "--what", "quotes", "--columns", "id,bogus", "-o", str(out)) == 2
    assert "unknown column bogus" in capsys.readouterr().err
    assert run_export(seeded_db, "--what", "quotes", "--format", "xlsx") == 2
    assert "needs -o FILE" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SystemExit):
        run_export(seeded_db, "--what", "quotes", "--ids", "1,x")


def test_export_csv_with_excel_bom(seeded_db, tmp_path):
    out = tmp_path / "q.csv"
    assert (
        run_export(seeded_db, "--what", "quotes", "--format", "csv", "--excel-bom", "-o", str(out))
        == 0
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,text,")


def test_bundle_between_archives(seeded_db, tmp_path, capsys):
    bundle = tmp_path / "marin.bundle"
    code = main(
        ["bundle", "export", "--db", str(seeded_db), "--speaker", "David Marin", "-o", str(bundle)]
    )
    assert code == 0
    assert "1 articles with 12 quotes and 6 operations" in capsys.readouterr().out
    other = tmp_path / "other.db"
    assert main(["bundle", "import", "--db", str(other), str(bundle)]) == 0
    assert "1 articles added (12 quotes, 6 operations)" in capsys.readouterr().out
    assert main(["bundle", "import", "--db", str(other), str(bundle)]) == 0
    assert (
        "0 articles added (0 quotes, 0 operations), 1 already archived" in capsys.readouterr().out
    )
    assert export(other, "quotes", capsys) == export(seeded_db, "quotes", capsys)


def test_bundle_import_of_a_bad_file(tmp_path, capsys):
    junk = tmp_path / "junk.bundle"
    junk.write_text("not a zip")
    assert main(["bundle", "import", "--db", str(tmp_path / "a.db"), str(junk)]) == 1
    assert "nothing was imported" in capsys.readouterr().err
    assert main(["bundle", "import", "--db", str(tmp_path / "a.db"), str(tmp_path / "no")]) == 2


def test_serve_without_datasette_says_how_to_install(seeded_db, monkeypatch, capsys):
    from archive_gui.core import publish

    monkeypatch.setattr(publish, "datasette_available", lambda: False)
    assert main(["serve", "--db", str(seeded_db)]) == 2
    assert "pip install 'archive-gui[serve]'" in capsys.readouterr().err


def test_serve_a_missing_archive(tmp_path, capsys):
    from archive_gui.core import publish

    if not publish.datasette_available():
        pytest.skip("the serve extra is not installed")
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert "no archive" in capsys.readouterr().err


def test_db_is_accepted_before_and_after_the_command(tmp_path, capsys):
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    assert main(["--db", str(before), "import", str(SEED)]) == 0
    assert main(["import", "--db", str(after), str(SEED)]) == 0
    assert before.exists() and after.exists()
    assert export(before, "quotes", capsys) == export(after, "quotes", capsys)
    capsys.readouterr()
    assert main(["--db", str(before), "export", "--what", "operations"]) == 0
    assert json.loads(capsys.readouterr().out)
    # After the command wins over before it, as for any repeated option.
    other = tmp_path / "other.db"
    assert main(["--db", str(before), "import", "--db", str(other), str(SEED)]) == 0
    assert other.exists()


def test_db_is_declared_once():
    source = (Path(cli.__file__)).read_text(encoding="utf-8")
    assert source.count('"--db"') == 1
    parser = cli.build_parser()
    for command, rest in (
        (["import"], ["x"]),
        (["tag"], ["--quote", "1", "--add", "t"]),
        (["export"], ["--what", "quotes"]),
        (["bundle", "export"], ["-o", "b.bundle"]),
        (["bundle", "import"], ["b.bundle"]),
        (["serve"], []),
    ):
        argv = [*command, *rest]
        assert parser.parse_args([*command, "--db", "a.db", *rest]).db == Path("a.db")
        assert not hasattr(parser.parse_args(argv), "db")  # main() reads it as None


@pytest.mark.parametrize(
    "argv",
    [
        ["--sample", "--db", "x.db"],
        ["--db", "x.db", "--sample"],
        ["--sample", "export", "--db", "x.db", "--what", "quotes"],
    ],
)
def test_sample_with_db_is_a_usage_error(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "--sample" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("command", [["export", "--what", "quotes"], ["bundle", "export"]])
def test_writing_into_a_missing_folder_is_a_clear_error(seeded_db, tmp_path, capsys, command):
    out = tmp_path / "no-such-folder" / "out.file"
    assert main([*command, "--db", str(seeded_db), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err
    assert not out.parent.exists()


def test_version_says_which_kind_of_extraction_runs(capsys):
    from archive_gui.core.extract import native

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("archive-gui ")
    assert out.splitlines()[1] == f"extraction: {native.mode}"
