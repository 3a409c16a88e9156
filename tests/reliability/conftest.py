"""Reliability tests: crashes, bad input, property-based tests, damaged archives, hostile content.

The heavy variants (marked ``reliability_heavy``) are left out of a plain run; they run
with ``ARCHIVE_GUI_HEAVY=1`` or when named with ``-m reliability_heavy``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Qt: the GUI tests here run offscreen, as in tests/ui.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

from tests.reliability.helpers import heavy  # noqa: E402

# Hypothesis keeps a cache of Unicode data; keep it out of the work tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "archive-gui-hypothesis")


def pytest_collection_modifyitems(config, items):
    if heavy() or "reliability_heavy" in (config.getoption("markexpr") or ""):
        return
    deselected = [item for item in items if item.get_closest_marker("reliability_heavy")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]
