"""BulkLoader: the connection's settings after a load are the ones before it."""

from __future__ import annotations

import pytest

from archive_gui.core.store.archive import Archive
from archive_gui.core.store.bulk import BulkLoader


def _settings(archive: Archive) -> tuple:
    conn = archive.db.conn
    return tuple(
        conn.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "cache_size")
    )


@pytest.mark.parametrize("synchronous", [1, 2, 3])  # NORMAL, FULL, EXTRA
def test_bulk_load_restores_the_settings_in_force_before_it(tmp_path, synchronous):
    archive = Archive.open(tmp_path / "archive.db")
    archive.db.execute(f"PRAGMA synchronous = {synchronous}")
    archive.db.execute("PRAGMA cache_size = -12345")
    before = _settings(archive)
    assert before == ("wal", synchronous, -12345)
    with BulkLoader(archive) as load:
        assert _settings(archive) != before  # tuned for the load
        load.tags([(1, "checked", None)])
    assert _settings(archive) == before
    assert archive.db.execute("SELECT name FROM tags").fetchall() == [("checked",)]
    archive.close()


def test_failed_bulk_load_restores_the_settings_too(tmp_path):
    archive = Archive.open(tmp_path / "archive.db")
    before = _settings(archive)
    with pytest.raises(RuntimeError), BulkLoader(archive) as load:
        load.tags([(1, "checked", None)])
        raise RuntimeError("stop")
    assert _settings(archive) == before
    assert archive.db.execute("SELECT count(*) FROM tags").fetchone() == (0,)
    archive.close()


def test_bulk_load_into_memory_keeps_its_journal(tmp_path):
    archive = Archive.in_memory()
    before = _settings(archive)
    with BulkLoader(archive):
        pass
    assert _settings(archive) == before


def test_a_bulk_load_leaves_full_text_indexes_that_check_out_and_find_rows(tmp_path):
    from archive_gui.core.synthetic import build_synthetic_archive

    build_synthetic_archive(tmp_path / "archive.db", quotes=3_000)

    archive = Archive.open(tmp_path / "archive.db")
    for fts in ("quotes_fts", "articles_fts"):
        archive.db.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    word = archive.db.execute("SELECT text FROM quotes LIMIT 1").fetchone()[0].split()[0]
    word = "".join(ch for ch in word if ch.isalnum())
    found = archive.db.execute(
        "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", [f'"{word}"']
    ).fetchone()[0]
    assert found >= 1
    archive.close()
