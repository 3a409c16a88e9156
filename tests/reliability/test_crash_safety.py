"""Crash safety: import, bulk tagging and export killed with SIGKILL at many moments.

A worker process (``crash_worker``, or the ``archive-gui export`` command) is killed
at spread-out times, inside and between its transactions, and the archive is then
checked: SQLite's integrity check and the full-text indexes' own check pass, every
article is there with exactly the records extraction finds in its text or not there
at all, nothing the worker reported as committed is missing, and running the same
work again completes with no duplicates. Each chain of kills ends with an
uninterrupted run on the same archive.

The default run tries a bounded sample of kill points; ``ARCHIVE_GUI_HEAVY=1`` (or
``-m reliability_heavy``) tries more than a hundred.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archive_gui.core.extract import extract
from archive_gui.core.store import Archive
from archive_gui.core.store.archive import text_sha256
from tests.reliability.crash_worker import bulk_tag_ids
from tests.reliability.helpers import ROOT, check_archive_file, child_env, python

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ARTICLES = 300
TAG_ROUNDS = 40


@dataclass
class Run:
    """One worker process: its output lines, as they arrived."""

    process: subprocess.Popen
    started: float
    lines: list[tuple[float, str]] = field(default_factory=list)
    reader: threading.Thread | None = None

    @classmethod
    def start(cls, command: list[str]) -> Run:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        run = cls(process, time.perf_counter())
        run.reader = threading.Thread(target=run._read, daemon=True)
        run.reader.start()
        return run

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.strip()))

    def wait_for(self, word: str, timeout: float = 60) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for stamp, line in list(self.lines):
                if line.split(" ", 1)[0] == word:
                    return stamp
            if self.process.poll() is not None and not self.reader.is_alive():
                break
            time.sleep(0.002)
        raise AssertionError(f"worker never said {word}: {self.lines[-5:]}")

    def wait_for_nth(self, prefix: str, n: int, timeout: float = 60) -> float | None:
        """When the worker said its ``n``-th line starting with ``prefix`` (None: it ended)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            stamps = [stamp for stamp, line in list(self.lines) if line.startswith(prefix)]
            if len(stamps) >= n:
                return stamps[n - 1]
            if self.process.poll() is not None and not self.reader.is_alive():
                return None
            time.sleep(0.0005)
        raise AssertionError(f"worker never said {prefix!r} {n} times")

    def kill_after(self, delay: float, since: float) -> bool:
        """SIGKILL ``delay`` seconds after ``since``; whether it was still running then."""
        time.sleep(max(0.0, since + delay - time.perf_counter()))
        if self.process.poll() is not None:
            self.finish()
            return False
        self.process.send_signal(signal.SIGKILL)
        self.finish()
        return self.process.returncode == -signal.SIGKILL

    def finish(self, timeout: float = 120) -> None:
        self.process.wait(timeout)
        self.reader.join(timeout)
        self.process.stdout.close()

    def committed(self) -> list[str]:
        return [line[2:] for _, line in self.lines if line.startswith("C ")]

    def in_write(self) -> bool:
        """Whether the last thing the worker said was that a write had begun."""
        marks = [line for _, line in self.lines if line[:2] in ("B ", "C ")]
        return bool(marks) and marks[-1].startswith("B ")


@dataclass
class Tally:
    what: str
    kills: int = 0
    in_write: int = 0
    before_ready: int = 0
    finished_first: int = 0

    def __str__(self) -> str:
        return (
            f"{self.what}: {self.kills} kill points ({self.in_write} inside a write, "
            f"{self.before_ready} while opening the archive); "
            f"{self.finished_first} runs finished before their kill time"
        )


def kill_points(default: int, heavy_count: int) -> int:
    from tests.reliability.helpers import heavy

    return heavy_count if heavy() else default


# -- import ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The article files and what extraction finds in each: sha -> (quote, operation spans)."""
    from tests.reliability.helpers import write_crash_corpus

    folder = tmp_path_factory.mktemp("crash") / "articles"
    files = write_crash_corpus(folder, ARTICLES)
    expected = {}
    for path in files.values():
        text = path.read_text(encoding="utf-8")
        found = extract(text)
        expected[text_sha256(text)] = (
            sorted((q.start, q.end, q.text) for q in found.quotes),
            sorted((o.start, o.end, o.count_text) for o in found.operations),
        )
    assert sum(len(q) + len(o) for q, o in expected.values()) > 2 * ARTICLES
    return folder, expected


def check_import(path: Path, expected: dict, committed: set[str]) -> int:
    """Check an archive after a kill; return how many articles it holds."""
    if not path.exists():
        assert not committed
        return 0
    conn = check_archive_file_or_new(path)
    try:
        present = {}
        for article_id, sha, text in conn.execute("SELECT id, sha256, text FROM articles"):
            assert sha == text_sha256(text) and sha in expected, "an article that was never given"
            quotes = sorted(
                conn.execute(
                    'SELECT start, "end", text FROM quotes WHERE article_id = ?', [article_id]
                )
            )
            operations = sorted(
                conn.execute(
                    'SELECT start, "end", count_text FROM operations WHERE article_id = ?',
                    [article_id],
                )
            )
            assert (quotes, operations) == expected[sha], f"article {sha[:8]} is incomplete"
            present[sha] = article_id
        assert committed <= present.keys(), "an article reported committed is missing"
        return len(present)
    finally:
        conn.close()


def check_archive_file_or_new(path: Path):
    """After a kill during the archive's creation the schema may be part way: the
    integrity check runs first, then opening the archive completes the migrations."""
    import sqlite3

    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    Archive.open(path).close()
    return check_archive_file(path)


def import_chains(corpus, tmp_path, chains: int, kills_per_chain: int, seed: int) -> Tally:
    folder, expected = corpus
    rng = random.Random(seed)
    tally = Tally("import")
    per_article = None
    for chain in range(chains):
        path = tmp_path / f"chain-{chain}.db"
        committed: set[str] = set()
        killed = attempts = 0
        while True:
            last = killed == kills_per_chain or attempts == 3 * kills_per_chain
            aimed = not last and attempts % 2 == 1 and len(committed) < ARTICLES - 10
            command = python("-m", "tests.reliability.crash_worker", "import", str(path))
            run = Run.start([*command, str(folder), *(["slow"] if aimed else [])])
            attempts += 1
            if last:
                run.finish()
                assert run.process.returncode == 0
            elif attempts == 1 and chain % 2 == 1:
                # while Python starts and the new archive is created and migrated
                if run.kill_after(rng.uniform(0.05, 0.6), run.started):
                    tally.kills += 1
                    killed += 1
                    tally.before_ready += not any(line == "READY" for _, line in run.lines)
            elif aimed:
                # aimed at a write: just after the worker says an article's transaction began
                began = run.wait_for_nth("B ", rng.randrange(1, 40))
                if began is not None and run.kill_after(rng.uniform(0.0, 0.008), began):
                    tally.kills += 1
                    killed += 1
                    tally.in_write += run.in_write()
                else:
                    tally.finished_first += 1
            else:
                ready = run.wait_for("READY")
                remaining = ARTICLES - len(committed)
                span = remaining * (per_article or 0.005) * 1.1
                if run.kill_after(rng.uniform(0.0, span), ready):
                    tally.kills += 1
                    killed += 1
                    tally.in_write += run.in_write()
                else:
                    tally.finished_first += 1
                stamps = [stamp for stamp, line in run.lines if line.startswith("C ")]
                if len(stamps) >= 10:  # how long an article takes here, for the next spans
                    per_article = (stamps[-1] - ready) / len(stamps)
            committed |= set(run.committed())
            held = check_import(path, expected, committed)
            if last:
                done = [line for _, line in run.lines if line.startswith("DONE")]
                added, skipped, failed = map(int, done[0].split()[1:])
                assert (added + skipped, failed) == (ARTICLES, 0)
                assert held == ARTICLES  # every article once: sha256 is unique
                break
    return tally


def test_import_killed_at_many_moments_loses_nothing(corpus, tmp_path):
    tally = import_chains(corpus, tmp_path, chains=3, kills_per_chain=4, seed=1)
    print(tally)
    assert tally.kills == 12


@pytest.mark.reliability_heavy
def test_import_killed_at_a_hundred_moments_loses_nothing(corpus, tmp_path):
    tally = import_chains(corpus, tmp_path, chains=12, kills_per_chain=10, seed=2)
    print(tally)
    assert tally.kills == 120


# -- bulk tagging ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A 5,000-quote archive: each bulk tag round is one transaction over 4,000 quotes."""
    from archive_gui.core.synthetic import build_synthetic_archive

    path = tmp_path_factory.mktemp("synthetic") / "synthetic.db"
    build_synthetic_archive(path, 5_000)
    return path


def check_tags(path: Path, quote_ids: list[int], committed: set[str]) -> int:
    """Every bulk tag is on exactly its quotes, or does not exist; return how many exist."""
    conn = check_archive_file(path)
    try:
        tags = dict(conn.execute("SELECT name, id FROM tags WHERE name LIKE 'bulk/round-%'"))
        for name, tag_id in tags.items():
            tagged = [
                row[0]
                for row in conn.execute(
                    "SELECT quote_id FROM quote_tags WHERE tag_id = ? ORDER BY quote_id", [tag_id]
                )
            ]
            assert tagged == bulk_tag_ids(quote_ids, int(name[-3:])), f"{name} is half applied"
        assert committed <= tags.keys(), "a bulk tag reported committed is missing"
        return len(tags)
    finally:
        conn.close()


def tag_chains(synthetic, tmp_path, chains: int, kills_per_chain: int, seed: int) -> Tally:
    rng = random.Random(seed)
    tally = Tally("bulk tag")
    with Archive.open(synthetic) as archive:
        quote_ids = [row[0] for row in archive.db.execute("SELECT id FROM quotes ORDER BY id")]
    per_round = 0.02
    for chain in range(chains):
        path = tmp_path / f"tags-{chain}.db"
        shutil.copy(synthetic, path)
        committed: set[str] = set()
        killed = attempts = 0
        while True:
            command = python("-m", "tests.reliability.crash_worker", "tag", str(path))
            run = Run.start([*command, str(TAG_ROUNDS)])
            last = killed == kills_per_chain or attempts == 3 * kills_per_chain
            attempts += 1
            if last:
                run.finish()
                assert run.process.returncode == 0
            else:
                ready = run.wait_for("READY")
                span = (TAG_ROUNDS - len(committed)) * per_round
                if run.kill_after(rng.uniform(0.0, span), ready):
                    tally.kills += 1
                    killed += 1
                    tally.in_write += run.in_write()
                else:
                    tally.finished_first += 1
                stamps = [stamp for stamp, line in run.lines if line.startswith("C ")]
                if len(stamps) >= 3:
                    per_round = (stamps[-1] - ready) / len(stamps)
            committed |= set(run.committed())
            held = check_tags(path, quote_ids, committed)
            if last:
                break
        assert held == TAG_ROUNDS
    return tally


def test_bulk_tagging_killed_at_many_moments_is_all_or_nothing(synthetic, tmp_path):
    tally = tag_chains(synthetic, tmp_path, chains=2, kills_per_chain=3, seed=3)
    print(tally)
    assert tally.kills == 6


@pytest.mark.reliability_heavy
def test_bulk_tagging_killed_at_fifty_moments_is_all_or_nothing(synthetic, tmp_path):
    tally = tag_chains(synthetic, tmp_path, chains=5, kills_per_chain=10, seed=4)
    print(tally)
    assert tally.kills == 50


# -- export ---------------------------------------------------------------------------

OLD_EXPORT = b'[{"the": "previous export, which must survive a failed one"}]\n'


def export_kills(synthetic, tmp_path, kills: int, seed: int) -> Tally:
    """Kill ``archive-gui export -o FILE`` over an existing FILE; FILE is old or complete."""
    rng = random.Random(seed)
    tally = Tally("export")
    with Archive.open(synthetic) as archive:
        (records,) = archive.db.execute("SELECT count(*) FROM quotes").fetchone()
    out = tmp_path / "quotes.json"
    command = python("-m", "archive_gui", "export", "--db", str(synthetic), "--what", "quotes")
    command += ["--format", "json", "-o", str(out)]
    started = time.perf_counter()
    Run.start(command).finish()  # how long a whole export takes, from the process start
    duration = time.perf_counter() - started
    assert len(json.loads(out.read_bytes())) == records
    outcomes = {"old": 0, "new": 0}
    for _ in range(3 * kills):
        if tally.kills == kills:
            break
        out.write_bytes(OLD_EXPORT)
        run = Run.start(command)
        if run.kill_after(rng.uniform(0.0, duration), run.started):
            tally.kills += 1
        else:
            tally.finished_first += 1
        data = out.read_bytes()
        if data == OLD_EXPORT:
            outcomes["old"] += 1
        else:  # renamed into place only once complete
            assert len(json.loads(data)) == records
            outcomes["new"] += 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".quotes.json.")]
    tally.what = f"export (old file kept {outcomes['old']}, complete new file {outcomes['new']}"
    tally.what += f", {len(leftovers)} hidden temporary files left by kills)"
    return tally


def test_export_killed_at_many_moments_never_leaves_a_partial_file(synthetic, tmp_path):
    tally = export_kills(synthetic, tmp_path, kills=6, seed=5)
    print(tally)
    assert tally.kills == 6


@pytest.mark.reliability_heavy
def test_export_killed_at_forty_moments_never_leaves_a_partial_file(synthetic, tmp_path):
    tally = export_kills(synthetic, tmp_path, kills=40, seed=6)
    print(tally)
    assert tally.kills == 40
