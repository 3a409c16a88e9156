"""Settings for the whole test run."""

from __future__ import annotations

import os
import shutil
import tempfile

_TABLE_CACHE = "ARCHIVE_GUI_TABLE_CACHE"


def pytest_configure(config) -> None:
    # Derived gazetteer tables are kept in a folder of this run's own (inherited by the
    # importer's worker processes), never in the user's cache directory.
    if _TABLE_CACHE not in os.environ:
        os.environ[_TABLE_CACHE] = tempfile.mkdtemp(prefix="archive-gui-tables-")
        config._table_cache_made = os.environ[_TABLE_CACHE]


def pytest_unconfigure(config) -> None:
    made = getattr(config, "_table_cache_made", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)
        del os.environ[_TABLE_CACHE]
