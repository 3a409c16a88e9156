"""Import with extraction in worker processes: the same archive, and the same guarantees.

Monkeypatching reaches a worker process only through what is pickled to it: the
importer hands each worker the extraction function it holds at that moment, by
reference, so ``importer._extract`` replaced by a module-level function of this file
runs in the workers too (as ``die`` does for the child process in
``tests/reliability/test_bad_input.py``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import archive_gui.core.importer as importer
from archive_gui.core.export import available_fields, export_records
from archive_gui.core.extract import extract
from archive_gui.core.import_bench import write_articles
from archive_gui.core.importer import ArticleFileError, import_paths
from archive_gui.core.records import ArticleMeta
from archive_gui.core.store import Archive
from archive_gui.core.store.schema import RecordKind
from tests.data.nasty.generate import slow_article

ROOT = Path(__file__).resolve().parents[2]
HTML_PAGE = ROOT / "tests" / "data" / "html" / "wire-story.html"
CRASH = "CRASH-THIS-WORKER"
HANG = "HANG-THIS-WORKER"


# --- stand-ins for extraction, run in the worker processes ------------------------------------


def crash_on_marker(text, published):
    if CRASH in text:
        os._exit(70)  # as on a segfault
    return extract(text, published)


def hang_on_marker(text, published):
    if HANG in text:
        time.sleep(3600)
    return extract(text, published)


def must_not_run(text, published):
    raise RuntimeError("extraction ran for a text already in the archive")


def extract_without_qt(text, published):
    if any(name == "PySide6" or name.startswith("PySide6.") for name in sys.modules):
        raise ArticleFileError("Qt is loaded in the worker process")
    if os.getpid() == int(os.environ["IMPORTING_PID"]):
        raise ArticleFileError("extracted in the importing process, not a worker")
    return extract(text, published)


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """24 gold articles (padded to ~4 KB), a duplicate, an empty file, a web page."""
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder, 24)
    (folder / "article-00024.txt").write_bytes((folder / "article-00003.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "page.html").write_bytes(HTML_PAGE.read_bytes())
    return folder


def copy_corpus(corpus: Path, folder: Path, count: int | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.iterdir())[:count]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def exported(archive: Archive, folder: Path) -> dict[str, bytes]:
    """The export of quotes and operations (without import times), and the article rows."""
    out = {}
    for kind in (RecordKind.QUOTES, RecordKind.OPERATIONS):
        columns = [f for f in available_fields(archive, kind) if "imported" not in f]
        path = folder / f"{kind.value}.jsonl"
        export_records(archive, kind, "jsonl", path, columns=columns, write_manifest=False)
        out[kind.value] = path.read_bytes()
    rows = archive.db.execute(
        "SELECT id, sha256, title, outlet, published, source_file FROM articles ORDER BY id"
    ).fetchall()
    out["articles"] = repr(rows).encode()
    return out


def import_into(path: Path, folders, **kw):
    with Archive.open(path) as archive:
        report = import_paths(archive, folders, **kw)
        return report, exported(archive, path.parent)


def outcome(report) -> tuple:
    failed = [(p.name, reason) for p, reason in report.failed]
    return (report.added, report.skipped, failed, report.quotes, report.operations)


# --- the same archive ---------------------------------------------------------------------


def test_one_and_two_workers_build_the_same_archive(corpus, tmp_path):
    meta = ArticleMeta(outlet="Wire")
    serial, serial_export = import_into(tmp_path / "1" / "a.db", [corpus], meta=meta, workers=1)
    parallel, parallel_export = import_into(tmp_path / "2" / "a.db", [corpus], meta=meta, workers=2)
    assert outcome(parallel) == outcome(serial)
    assert parallel.article_ids == serial.article_ids == list(range(1, 26))
    assert (serial.added, serial.skipped) == (25, 1)
    assert [(p.name, r) for p, r in serial.failed] == [("empty.txt", "file is empty")]
    assert parallel_export == serial_export
    assert serial_export["quotes"].count(b"\n") == serial.quotes > 100


def test_default_workers_leave_a_core_free_and_are_capped():
    workers = importer.default_workers()
    assert 1 <= workers <= importer.MAX_WORKERS
    assert workers <= (os.cpu_count() or 1)


def test_few_files_or_one_worker_start_no_processes(corpus, tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(importer, "ProcessPoolExecutor", no_pool)
    small = copy_corpus(corpus, tmp_path / "small", importer.PARALLEL_MIN_FILES - 1)
    with Archive.open(tmp_path / "a.db") as archive:
        assert import_paths(archive, [small], workers=4).added == importer.PARALLEL_MIN_FILES - 1
    with Archive.open(tmp_path / "b.db") as archive:
        assert import_paths(archive, [corpus], workers=1).added == 25


def test_without_worker_processes_extraction_is_local(corpus, tmp_path, monkeypatch):
    class Unavailable:
        def __init__(self, *args, **kwargs):
            pass

        def submit(self, *args, **kwargs):
            raise OSError(38, "Function not implemented")  # no semaphores in a sandbox

        def shutdown(self, *args, **kwargs):
            pass

    monkeypatch.setattr(importer, "ProcessPoolExecutor", Unavailable)
    report, _ = import_into(tmp_path / "a.db", [corpus], workers=2)
    assert (report.added, report.skipped, len(report.failed)) == (25, 1, 1)


# --- failures stay with their file --------------------------------------------------------


def test_a_crashed_worker_fails_only_its_file(corpus, tmp_path, monkeypatch):
    folder = copy_corpus(corpus, tmp_path / "in", 20)
    victim = folder / "article-00007.txt"
    victim.write_text(victim.read_text(encoding="utf-8") + CRASH + "\n", encoding="utf-8")
    monkeypatch.setattr(importer, "_extract", crash_on_marker)
    report, _ = import_into(tmp_path / "a.db", [folder], workers=2)
    assert [(p.name, r) for p, r in report.failed] == [
        ("article-00007.txt", "reading the file crashed its worker process (exit status 70)")
    ]
    assert report.added == 19
    monkeypatch.undo()
    victim.unlink()
    reference, reference_export = import_into(tmp_path / "ref.db", [folder], workers=1)
    _, parallel_export = import_into(tmp_path / "again" / "a.db", [folder], workers=2)
    assert reference.added == 19 and parallel_export == reference_export


def test_the_time_limit_holds_for_long_texts_in_workers(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "FILE_TIME_LIMIT", 2.0)
    folder = copy_corpus(corpus, tmp_path / "in", 10)
    (folder / "article-00004-slow.txt").write_text(slow_article(), encoding="utf-8")
    started = time.perf_counter()
    report, _ = import_into(tmp_path / "a.db", [folder], workers=2)
    elapsed = time.perf_counter() - started
    assert [(p.name, r.split(":")[0]) for p, r in report.failed] == [
        ("article-00004-slow.txt", "gave up after 2 s")
    ]
    assert report.added == 10
    assert elapsed < 2.0 + 15


def test_a_worker_stuck_on_a_short_text_is_stopped(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "FILE_TIME_LIMIT", 2.0)
    monkeypatch.setattr(importer, "_extract", hang_on_marker)
    folder = copy_corpus(corpus, tmp_path / "in", 12)
    victim = folder / "article-00002.txt"
    victim.write_text(victim.read_text(encoding="utf-8") + HANG + "\n", encoding="utf-8")
    started = time.perf_counter()
    report, _ = import_into(tmp_path / "a.db", [folder], workers=2)
    assert time.perf_counter() - started < 60
    assert [(p.name, r.split(":")[0]) for p, r in report.failed] == [
        ("article-00002.txt", "gave up after 2 s")
    ]
    assert report.added == 11


# --- re-import, progress, cancel ----------------------------------------------------------


def test_reimport_is_a_no_op_checked_before_extraction(corpus, tmp_path, monkeypatch):
    with Archive.open(tmp_path / "a.db") as archive:
        first = import_paths(archive, [corpus], workers=2)
        before = exported(archive, tmp_path)
        monkeypatch.setattr(importer, "_extract", must_not_run)  # would fail every file
        again = import_paths(archive, [corpus], workers=2)
        assert exported(archive, tmp_path) == before
    assert (again.added, again.skipped) == (0, first.added + first.skipped)
    assert [p.name for p, _ in again.failed] == ["empty.txt"]


def test_progress_arrives_in_order_once_per_file_before_it_is_stored(corpus, tmp_path):
    files = sorted(p for p in corpus.iterdir())
    calls = []
    with Archive.open(tmp_path / "a.db") as archive:

        def progress(done, total, path):
            calls.append((done, total, path.name, archive.totals().articles))

        report = import_paths(archive, [corpus], progress=progress, workers=2)
    total = len(files)
    assert [c[:3] for c in calls] == [
        *((n, total, path.name) for n, path in enumerate(files)),
        (total, total, ""),
    ]
    # a file's progress call comes before its article is stored (articles are stored
    # many to a transaction, see store.batch: the count grows by batches)
    stored = [c[3] for c in calls]
    assert stored == sorted(stored) and stored[-1] == report.added
    assert all(count <= done for (done, *_), count in zip(calls, stored, strict=True))


def test_cancel_stops_soon_and_leaves_only_whole_articles(corpus, tmp_path):
    seen = []
    with Archive.open(tmp_path / "a.db") as archive:
        report = import_paths(
            archive,
            [corpus],
            progress=lambda done, total, path: seen.append(done),
            should_cancel=lambda: len(seen) >= 3,
            workers=2,
        )
        partial = exported(archive, tmp_path)
    assert report.cancelled and report.added == 3 and seen == [0, 1, 2]
    # the three articles stored are exactly what a full import stores for them
    with Archive.open(tmp_path / "full.db") as archive:
        full = import_paths(archive, [copy_corpus(corpus, tmp_path / "three", 3)], workers=1)
        assert full.added == 3
        assert exported(archive, tmp_path) == partial


def test_cancel_during_a_slow_extraction_is_prompt(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "_extract", hang_on_marker)
    folder = copy_corpus(corpus, tmp_path / "in", 12)
    victim = folder / "article-00001.txt"
    victim.write_text(victim.read_text(encoding="utf-8") + HANG + "\n", encoding="utf-8")
    seen = []  # when the first file was stored; one second later the user cancels

    def should_cancel():
        return bool(seen) and time.perf_counter() - seen[0] > 1.0

    with Archive.open(tmp_path / "a.db") as archive:
        report = import_paths(
            archive,
            [folder],
            progress=lambda done, total, path: seen.append(time.perf_counter()),
            should_cancel=should_cancel,
            workers=2,
        )
        assert archive.totals().articles == 1
    assert report.cancelled and report.added == 1 and len(seen) == 1
    assert time.perf_counter() - seen[0] < 1.0 + 5  # not the hour the extraction would take


# --- worker processes -------------------------------------------------------------------------


def _run_python(code: str, **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, **kw
    )


def test_workers_do_not_load_qt_when_the_caller_has(corpus, tmp_path):
    pytest.importorskip("PySide6.QtCore")
    code = f"""
import os
os.environ["IMPORTING_PID"] = str(os.getpid())
import PySide6.QtCore
import archive_gui.core.importer as importer
from archive_gui.core.store import Archive
from tests.core.test_parallel_import import extract_without_qt
importer._extract = extract_without_qt
with Archive.open({str(tmp_path / "a.db")!r}) as archive:
    report = importer.import_paths(archive, [{str(corpus)!r}], workers=2)
print(report.added, [reason for _, reason in report.failed])
"""
    child = _run_python(code)
    output, _ = child.communicate(timeout=120)
    assert output.strip() == "25 ['file is empty']"


def _descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_die_with_a_killed_importer(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_articles(folder, 400)
    code = f"""
import sys
from archive_gui.core.importer import import_paths
from archive_gui.core.store import Archive
with Archive.open({str(tmp_path / "a.db")!r}) as archive:
    def progress(done, total, path):
        if done == 20:
            print("RUNNING", flush=True)
    import_paths(archive, [{str(folder)!r}], progress=progress, workers=2)
"""
    child = _run_python(code, start_new_session=True)
    try:
        assert child.stdout.readline().strip() == "RUNNING"
        helpers = _descendants(child.pid)
        assert len(helpers) >= 2  # at least the two workers
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(map(_alive, helpers)):
            time.sleep(0.1)
        assert not [pid for pid in helpers if _alive(pid)], "orphaned worker processes"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()


def test_after_repeated_crashes_each_file_is_extracted_apart(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "POOL_RESTARTS", 0)
    monkeypatch.setattr(importer, "_extract", crash_on_marker)
    folder = copy_corpus(corpus, tmp_path / "in", 9)
    for name in ("article-00001.txt", "article-00006.txt"):
        victim = folder / name
        victim.write_text(victim.read_text(encoding="utf-8") + CRASH + "\n", encoding="utf-8")
    report, _ = import_into(tmp_path / "a.db", [folder], workers=2)
    crashed = "reading the file crashed its worker process (exit status 70)"
    assert [(p.name, r) for p, r in report.failed] == [
        ("article-00001.txt", crashed),
        ("article-00006.txt", crashed),
    ]
    assert report.added == 7


def test_after_a_crash_only_the_files_the_pool_held_are_extracted_apart(
    corpus, tmp_path, monkeypatch
):
    """Files the crashed pool had finished keep their outcome; of the others only those
    it may have been extracting (one more than its workers) go to processes of their
    own (each costs a process start), the rest to a new pool."""
    folder = copy_corpus(corpus, tmp_path / "in", 20)
    victim = folder / "article-00012.txt"
    victim.write_text(victim.read_text(encoding="utf-8") + CRASH + "\n", encoding="utf-8")
    monkeypatch.setattr(importer, "_extract", crash_on_marker)
    apart = []
    isolated = importer._isolated

    def counted(function, *args):
        apart.append(args[0][:30])
        return isolated(function, *args)

    monkeypatch.setattr(importer, "_isolated", counted)
    report, _ = import_into(tmp_path / "a.db", [folder], workers=2)
    assert [p.name for p, _ in report.failed] == ["article-00012.txt"]
    assert report.added == 19
    assert 1 <= len(apart) <= 3
