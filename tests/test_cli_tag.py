"""``archive-gui tag``: tag quotes by id or by search from a shell."""

from __future__ import annotations

import pytest

from archive_gui.cli import main
from archive_gui.core.paths import bundled_path
from archive_gui.core.store import Archive
from archive_gui.core.store.curation import Curation

SEED = bundled_path("resources", "sample", "atlanta-ice-arrests.txt")


@pytest.fixture
def seeded_db(tmp_path, capsys):
    db = tmp_path / "seed.db"
    assert main(["import", "--db", str(db), "--published", "2017-02-10", str(SEED)]) == 0
    capsys.readouterr()
    return db


def tags(db):
    with Archive.open(db) as archive:
        return {t.name: t.count for t in Curation(archive).tags()}


def run(capsys, *args):
    code = main(["tag", *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_tag_quotes_by_id_then_remove(seeded_db, capsys):
    db = str(seeded_db)
    code, out, _ = run(capsys, "--db", db, "--quote", "1", "2", "--quote", "3", "--add", "policy")
    assert code == 0
    assert out == "3 quotes tagged policy (0 of 3 selected unchanged)"
    code, out, _ = run(capsys, "--db", db, "--quote", "3", "4", "--add", "policy")
    assert out == "1 quote tagged policy (1 of 2 selected unchanged)"
    assert tags(seeded_db) == {"policy": 4}
    code, out, _ = run(capsys, "--db", db, "--quote", "1", "9", "--remove", "policy")
    assert (code, out) == (0, "1 quote untagged policy (1 of 2 selected unchanged)")
    assert tags(seeded_db) == {"policy": 3}


def test_tag_every_quote_matching_a_search(seeded_db, capsys):
    db = str(seeded_db)
    code, out, _ = run(capsys, "--db", db, "--search", "speaker:Marin", "--add", "people/marin")
    assert (code, out) == (0, "4 quotes tagged people/marin (0 of 4 selected unchanged)")
    code, out, _ = run(
        capsys, "--db", db, "--search", "tag:people AND ordinary", "--remove", "people/marin"
    )
    assert out.startswith("1 quote untagged")
    assert tags(seeded_db) == {"people/marin": 3}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--search", "(ICE", "--add", "x"], "bad search: this ( is never closed (at column 1)"),
        (["--search", "ICE", "--add", "a//b"], "not a usable tag name"),
        (["--quote", "1", "999", "--add", "x"], "no quote with id 999 (nothing was changed)"),
    ],
)
def test_mistakes_are_reported_and_change_nothing(seeded_db, capsys, args, message):
    code, _, err = run(capsys, "--db", str(seeded_db), *args)
    assert code == 2
    assert message in err
    assert tags(seeded_db) == {}


def test_a_missing_archive_is_reported(tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "--quote", "1", "--add", "x")
    assert code == 2 and "no archive" in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--add", "x"],  # neither --quote nor --search
        ["--quote", "1"],  # neither --add nor --remove
        ["--quote", "1", "--search", "x", "--add", "x"],
        ["--quote", "1", "--add", "x", "--remove", "y"],
        ["--quote", "one", "--add", "x"],
    ],
)
def test_usage_errors(seeded_db, capsys, args):
    with pytest.raises(SystemExit) as exited:
        main(["tag", "--db", str(seeded_db), *args])
    assert exited.value.code == 2
    capsys.readouterr()
