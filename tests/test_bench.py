"""``python -m archive_gui.bench`` end to end on a small archive: the command keeps
working as the window changes (it drives the real window), and prints every figure."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from archive_gui.bench import FIGURES


@pytest.mark.slow
def test_the_benchmark_measures_every_figure_on_a_small_archive(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    db = tmp_path / "bench.db"
    command = [sys.executable, "-m", "archive_gui.bench", "--quotes", "2000", "--runs", "1"]
    done = subprocess.run(
        [*command, "--db", str(db)], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert figures["quotes"] == 2000 and figures["rows"] == 2000
    for name in FIGURES:
        assert figures[name] is not None, name
        assert any(line.startswith(name) for line in lines), name
    # one run types the first query; the others say they were not reached
    searches = figures["search_by_query_ms"]
    assert searches["we"]["n"] == 1 and set(searches) > {"we"}
    # the synthetic archive is marked as such
    import sqlite3

    with sqlite3.connect(db) as conn:
        outlets = {row[0] for row in conn.execute("SELECT DISTINCT outlet FROM articles")}
    assert outlets == {"SYNTHETIC"}
