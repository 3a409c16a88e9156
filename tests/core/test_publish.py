"""Publishing: the views the archive carries, Datasette metadata, and a live localhost serve."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from archive_gui.core.publish import HOST, database_name, datasette_args, metadata

needs_datasette = pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None, reason="the serve extra is not installed"
)


def test_archive_carries_readable_views(filled_archive):
    db = filled_archive.db
    db.execute("INSERT INTO tags (name) VALUES ('policy')")
    db.execute("INSERT INTO quote_tags VALUES (1, 1)")
    db.conn.commit()
    quotes = db.execute(
        "SELECT speaker, speaker_role, tags, cities, article_title, article_sha256"
        " FROM quote_view ORDER BY id"
    ).fetchall()
    assert quotes[0][:5] == (
        "Bryan Cox",
        "spokesman",
        '["policy"]',
        '["Atlanta, GA"]',
        "Atlanta arrests",
    )
    assert quotes[2][:4] == ("David Marin", None, "[]", '["Los Angeles, CA"]')
    ops = db.execute(
        "SELECT count_text, place, city, state, speakers FROM operation_view ORDER BY id"
    ).fetchall()
    assert ops == [
        ("About 30", "Atlanta, GA", "Atlanta, GA", "GA", '["Bryan Cox"]'),
        ("Nearly 100", "Georgia", None, "GA", '["Bryan Cox"]'),
        (
            "More than 160",
            "Los Angeles, CA",
            "Los Angeles, CA",
            "CA",
            '["Bryan Cox","David Marin"]',
        ),
    ]


def test_metadata_configures_search_and_facets():
    tables = metadata("archive")["databases"]["archive"]["tables"]
    quotes, ops = tables["quote_view"], tables["operation_view"]
    assert (quotes["fts_table"], quotes["fts_pk"]) == ("quotes_fts", "id")
    assert (ops["fts_table"], ops["fts_pk"]) == ("articles_fts", "article_id")
    assert quotes["facets"] == ["speaker", {"array": "cities"}, {"array": "tags"}]
    assert "city" in ops["facets"] and {"array": "speakers"} in ops["facets"]


def test_datasette_runs_immutable_on_localhost(tmp_path):
    args = datasette_args(tmp_path / "a.db", 9000, tmp_path / "m.json")
    assert args[:3] == ["serve", "-i", str(tmp_path / "a.db")]
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert database_name(tmp_path / "my archive.db") == "my archive"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def fetch_json(url: str, deadline: float, proc: subprocess.Popen) -> dict:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:  # an answer all the same
            with error:
                return json.load(error)
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.25)


@needs_datasette
@pytest.mark.slow
def test_serve_answers_on_localhost_with_facets(filled_archive, tmp_path):
    db = filled_archive.db
    db.execute("INSERT INTO tags (name) VALUES ('policy')")
    db.execute("INSERT INTO quote_tags VALUES (1, 1), (3, 1)")
    db.conn.commit()  # still in the write-ahead log: serve must fold it in
    path = filled_archive.path
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    scratch = tmp_path / "scratch"  # where serve writes its Datasette metadata
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive_gui", "serve", "--db", str(path), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, ended below whatever happens
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    try:
        base = f"http://{HOST}:{port}/{database_name(path)}"
        deadline = time.monotonic() + 60
        quotes = fetch_json(f"{base}/quote_view.json?_facet=speaker", deadline, proc)
        facets = quotes["facet_results"]
        assert {"speaker", "cities", "tags"} <= set(facets)
        speakers = {r["value"]: r["count"] for r in facets["speaker"]["results"]}
        assert speakers == {"Bryan Cox": 3, "David Marin": 1}
        assert {r["value"]: r["count"] for r in facets["tags"]["results"]} == {"policy": 2}
        assert quotes["filtered_table_rows_count"] == 4

        ops = fetch_json(f"{base}/operation_view.json", deadline, proc)
        cities = {r["value"] for r in ops["facet_results"]["city"]["results"]}
        assert cities == {"Atlanta, GA", "Los Angeles, CA"}

        found = fetch_json(f"{base}/quote_view.json?_search=routine", deadline, proc)
        assert found["filtered_table_rows_count"] == 1

        write = f"{base}.json?sql=" + urllib.parse.quote("insert into tags (name) values ('x')")
        refused = fetch_json(write, deadline, proc)
        assert refused["ok"] is False  # read-only

        assert list(scratch.iterdir())  # the metadata folder, while it serves
        proc.send_signal(signal.SIGTERM)  # how a service manager stops it
        assert proc.wait(timeout=30) == 0
        assert not list(scratch.iterdir())  # nothing left behind
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        log.close()
