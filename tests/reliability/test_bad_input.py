"""Bad input: a folder of nasty files goes through the importer.

Each file is either stored as an article or fails alone with a message that says
why; the import goes on with the others; a failed file leaves the archive exactly
as it was; and no file takes long (a long or pathological text is read and
extracted in a child process under a time limit).
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

import archive_gui.core.importer as importer
from archive_gui.core.importer import import_paths
from archive_gui.core.store import Archive
from archive_gui.core.store.archive import text_sha256
from tests.data.nasty.generate import ADDED, FAILED, article, slow_article, write_corpus
from tests.reliability.helpers import (
    ROOT,
    child_env,
    die,
    python,
    table_counts,
    unprivileged,
)

# Generous for a slow CI machine; measured here the slowest file takes under 3 s.
SECONDS_PER_FILE = 20


@pytest.fixture(scope="module")
def nasty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nasty") / "corpus"
    return folder, write_corpus(folder)


def _display(path: Path) -> str:
    return importer._displayable(path.name)


def test_every_nasty_file_is_imported_or_fails_alone_with_a_reason(nasty, tmp_path):
    folder, cases = nasty
    snapshots: list[tuple[float, Path | None, dict]] = []
    with Archive.open(tmp_path / "archive.db") as archive:

        def progress(done, total, path):
            snapshots.append((time.perf_counter(), path, table_counts(archive.db.conn)))

        started = time.perf_counter()
        report = import_paths(archive, [folder], progress=progress)
        elapsed = time.perf_counter() - started
        stored = {
            row[0]: row[1] for row in archive.db.execute("SELECT source_file, sha256 FROM articles")
        }

    failed = {path: reason for path, reason in report.failed}
    expected_failures = {case.path: case for case in cases if case.expect == FAILED}
    assert set(failed) == set(expected_failures), "files failed that should not, or vice versa"
    for path, case in expected_failures.items():
        assert re.search(case.reason, failed[path], re.I), (case.name, failed[path])
        assert len(failed[path]) > 10  # a sentence, not an error code
    added = [case for case in cases if case.expect == ADDED]
    assert report.added == len(added) and report.skipped == 0
    assert {_display(case.path) for case in added} == set(stored)

    # Per file: how long it took. Articles are stored many to a transaction (see
    # store.batch), so the archive grows by batches, never ahead of the files done;
    # that it holds exactly the files that did not fail is checked above.
    timings = []
    for (t0, path, before), (t1, _, after) in zip(snapshots, snapshots[1:], strict=False):
        timings.append((t1 - t0, path.name))
        assert before["articles"] <= after["articles"]
    counts = [counts["articles"] for _, _, counts in snapshots]
    assert all(count <= done for done, count in enumerate(counts))
    slowest = max(timings)
    assert slowest[0] < SECONDS_PER_FILE, slowest
    print(
        f"{len(cases)} nasty inputs: {report.added} stored, {len(failed)} failed with a reason; "
        f"slowest file {slowest[0]:.2f} s ({slowest[1]}), whole import {elapsed:.1f} s"
    )


def test_stored_nasty_articles_keep_exact_offsets(nasty, tmp_path):
    """Quotes and counts read from odd text still index the stored text exactly."""
    folder, cases = nasty
    picks = [c.path for c in cases if c.expect == ADDED and "quote" in c.name or "rtl" in c.name]
    with Archive.open(tmp_path / "archive.db") as archive:
        report = import_paths(archive, picks + [folder / "hostile.html"])
        assert report.ok and report.added == len(picks) + 1
        for article_id in report.article_ids:
            text = archive.article(article_id).text
            rows = archive.db.execute(
                'SELECT text, start, "end", mention_text, mention_start, mention_end FROM quotes'
                " WHERE article_id = ?",
                [article_id],
            )
            for words, start, end, mention, m_start, m_end in rows:
                assert text[start:end] == words
                if mention is not None and m_start is not None:
                    assert text[m_start:m_end] == mention
            rows = archive.db.execute(
                'SELECT count_text, start, "end", place_text, place_start, place_end'
                " FROM operations WHERE article_id = ?",
                [article_id],
            )
            for count_text, start, end, place, p_start, p_end in rows:
                assert text[start:end] == count_text
                if place is not None and p_start is not None:
                    assert text[p_start:p_end] == place


def test_hostile_page_is_stored_without_its_active_content(nasty, tmp_path):
    folder, _ = nasty
    with Archive.open(tmp_path / "archive.db") as archive:
        report = import_paths(archive, [folder / "hostile.html"])
        assert report.ok
        text = archive.article(report.article_ids[0]).text
    assert "arrested 57 people in Denver" in text
    for active in ("script", "alert(", "attacker.invalid", "iframe", "<form", "onerror", "<img"):
        assert active not in text


def test_paths_named_explicitly_that_are_not_files(nasty, tmp_path):
    folder, _ = nasty
    pipe = folder / "named-pipe.txt"
    named = [folder / "folder.txt", folder / "device.txt", folder / "loop" / "a.txt"]
    named += [pipe] if pipe.exists() else []
    with Archive.open(tmp_path / "archive.db") as archive:
        started = time.perf_counter()
        report = import_paths(archive, named)
        assert time.perf_counter() - started < SECONDS_PER_FILE  # a pipe never blocks
    reasons = {path.name: reason for path, reason in report.failed}
    assert report.added == 1  # the article inside the folder named folder.txt
    assert "device" in reasons["device.txt"]
    assert "symbolic link loop" in reasons["a.txt"]
    if pipe.exists():
        assert "named pipe" in reasons["named-pipe.txt"]


def test_a_file_that_takes_too_long_is_stopped_and_the_import_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "FILE_TIME_LIMIT", 2.0)
    (tmp_path / "a-slow.txt").write_text(slow_article(), encoding="utf-8")
    (tmp_path / "b-fine.txt").write_text(article(1), encoding="utf-8")
    with Archive.open(tmp_path / "archive.db") as archive:
        started = time.perf_counter()
        report = import_paths(archive, [tmp_path])
        elapsed = time.perf_counter() - started
        assert archive.has_text(slow_article()) is None
    assert report.added == 1
    [(path, reason)] = report.failed
    assert path.name == "a-slow.txt" and "gave up after 2 s" in reason
    assert elapsed < 2.0 + 8  # the limit, plus starting the child and the other file


def test_a_crash_while_reading_apart_fails_only_that_file(tmp_path, monkeypatch):
    """A long text is extracted in a child process; if that process dies, the file fails."""
    monkeypatch.setattr(importer, "ISOLATE_TEXT_CHARS", 1000)
    monkeypatch.setattr(importer, "_extract", die)  # the child process exits at once
    (tmp_path / "a.txt").write_text(article(1) * 5, encoding="utf-8")
    with Archive.open(tmp_path / "archive.db") as archive:
        report = import_paths(archive, [tmp_path])
        assert archive.totals().articles == 0
    [(path, reason)] = report.failed
    assert path.name == "a.txt" and "crashed its worker process (exit status 70)" in reason


def test_command_line_import_of_the_corpus_reports_each_failure(tmp_path):
    """The real command, as an unprivileged process: unreadable files are unreadable too."""
    folder = tmp_path / "corpus"
    cases = write_corpus(folder, quick=True)
    command = unprivileged(python("-m", "archive_gui", "import", "--db", "ARCHIVE", str(folder)))
    if command is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    work = tmp_path / "work"
    work.mkdir()
    work.chmod(0o777)
    db = work / "archive.db"
    command[command.index("ARCHIVE")] = str(db)
    result = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True)
    assert result.returncode == 1, result.stderr[-2000:]
    unreadable = folder / "unreadable.txt"
    assert f"failed: {unreadable}: cannot read file: Permission denied" in result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    expected = sum(case.expect == FAILED for case in cases) + (cases[-1].expect == ADDED)
    assert len(failures) == expected
    assert f"{len(cases) - expected} added, 0 skipped" in result.stdout
    conn = __import__("sqlite3").connect(db)
    shas = {row[0] for row in conn.execute("SELECT sha256 FROM articles")}
    conn.close()
    assert text_sha256(article(24)) not in shas  # the unreadable one
