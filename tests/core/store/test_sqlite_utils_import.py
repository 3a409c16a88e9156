"""The data layer imports sqlite-utils without numpy (pyqtgraph's, loaded after the
window's first paint), and numpy still imports afterwards."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import archive_gui.core.store
assert "numpy" not in sys.modules and "pandas" not in sys.modules, "imported"
assert archive_gui.core.store.archive.sqlite_utils.Database
import numpy
assert numpy.arange(3).sum() == 3
"""


def test_the_store_imports_without_numpy_and_numpy_imports_after():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
