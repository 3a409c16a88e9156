"""Importing article files: decoding, extraction, and storing each article whole.

A bad file is reported with its name and reason and the rest go on; an article
is stored whole (text with all its records) or not at all; a text already in
the archive is skipped. Articles are stored many to a transaction (a batch every
64 articles or quarter second, see ``store.batch``): a kill loses at most the batch
not yet committed, whole articles that importing the files again stores.

Every file costs bounded time and memory: only regular files are read (a named
pipe or a device never blocks the import), at most ``MAX_FILE_BYTES`` of them; a
text longer than ``MAX_TEXT_CHARS`` is refused; and a long text (or a big web
page) is read and extracted in a separate process that is stopped after
``FILE_TIME_LIMIT`` seconds, so no input can hang or crash the whole import.

Extraction runs on the available cores (see :func:`import_paths`): files are
read, checked against the archive and stored in order by the calling thread,
the only one that touches the archive, while worker processes extract the next
files.
"""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import multiprocessing.connection
import os
import pickle
import re
import stat
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from archive_gui.core.extract import EXTRACTOR_VERSION, extract
from archive_gui.core.htmlpage import HtmlPageError, read_html_page
from archive_gui.core.records import ArticleMeta, Extraction

if TYPE_CHECKING:
    from archive_gui.core.store import Archive
    from archive_gui.core.store.archive import AddResult
    from archive_gui.core.store.batch import ArticleBatch

# The archive (``archive_gui.core.store``, with sqlite-utils) is imported where it is
# used, by the importing process only: worker processes and the child processes of
# big files import this module and extraction, and start half a second sooner so.

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")  # saved web pages: article body and metadata
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000  # a long-form article is ~100,000 characters
# Above these sizes a file is read and extracted in a child process under a time limit.
ISOLATE_TEXT_CHARS = 50_000
ISOLATE_PAGE_BYTES = 1_000_000
FILE_TIME_LIMIT = 30.0  # seconds
# Extraction in worker processes: only for this many files or more (starting them costs ~0.5 s),
# with at most this many workers by default (the calling thread needs a core for the archive).
PARALLEL_MIN_FILES = 8
MAX_WORKERS = 4
POOL_RESTARTS = 3  # a crashed worker pool is replaced this many times, then extraction is local
# Files in flight: per worker (a batch of articles is stored meanwhile, tens of
# milliseconds in which the workers must not run dry), and at most this much text.
WINDOW_PER_WORKER = 16
WINDOW_CHARS = 8_000_000

ProgressCallback = Callable[[int, int, Path], None]


class ArticleFileError(Exception):
    """A file that cannot be imported as an article; the message says why."""


@dataclass
class ImportReport:
    added: int = 0
    skipped: int = 0  # already in the archive
    failed: list[tuple[Path, str]] = field(default_factory=list)
    quotes: int = 0
    operations: int = 0
    cancelled: bool = False
    article_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.skipped} skipped (already archived), "
            f"{len(self.failed)} failed; {self.quotes} quotes and "
            f"{self.operations} operations found"
        )
        return text + (" (cancelled)" if self.cancelled else "")


def find_article_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The article files named, or inside the folders named, and the paths that can't be used.

    Folders are walked recursively in name order; files of other types inside
    them are ignored, but a file of another type named explicitly is an error.
    """
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(_walk(path, problems))
        elif not path.exists():
            if path.is_symlink():  # a loop, or a link to nothing
                problems.append((path, f"cannot read file: {_reason(_stat_error(path), path)}"))
            else:
                problems.append((path, "no such file or folder"))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            problems.append((path, f"unsupported file type {path.suffix or '(none)'!r}"))
        else:
            found.append(path)
    return found, problems


def _walk(folder: Path, problems: list[tuple[Path, str]]) -> Iterator[Path]:
    """Depth first in name order, without recursion (a deeply nested tree is no problem).

    Linked folders are not followed (one may loop back on itself); an entry with an
    article suffix that is not a regular file (a named pipe, a device, a broken or
    looping link) is reported rather than read.
    """
    stack = [iter(_entries(folder, problems))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            mode = entry.lstat().st_mode
            if stat.S_ISLNK(mode):
                if entry.is_dir():
                    continue  # a linked folder may loop back on itself
                mode = entry.stat().st_mode
        except OSError as exc:
            if entry.suffix.lower() in ARTICLE_SUFFIXES:
                problems.append((entry, f"cannot read file: {_reason(exc, entry)}"))
            continue
        if stat.S_ISDIR(mode):
            if not _is_saved_page_assets(entry):
                stack.append(iter(_entries(entry, problems)))
        elif entry.suffix.lower() in ARTICLE_SUFFIXES:
            if stat.S_ISREG(mode):
                yield entry
            else:
                problems.append((entry, _not_a_file(mode)))


def _entries(folder: Path, problems: list[tuple[Path, str]]) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        problems.append((folder, f"cannot read folder: {_reason(exc)}"))
        return []


def _is_saved_page_assets(folder: Path) -> bool:
    """``story_files/`` beside ``story.html``: a browser's "save complete page" assets.

    They hold the page's frames, ads and scripts (often as ``.htm``), not articles.
    """
    if not folder.name.endswith("_files"):
        return False
    stem = folder.name[: -len("_files")]
    return any((folder.parent / (stem + suffix)).is_file() for suffix in HTML_SUFFIXES)


def read_article_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Line endings are normalised to ``\\n`` so that character offsets mean the
    same thing in every viewer.
    """
    text = _decode(_read_bytes(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleFileError("file is empty")
    return _check_length(text)


def read_article(path: Path) -> tuple[str, ArticleMeta]:
    """The article text of a file and the metadata the file itself gives (web pages only)."""
    if path.suffix.lower() not in HTML_SUFFIXES:
        return read_article_text(path), ArticleMeta()
    data = _read_bytes(path)
    if not data.strip():
        raise ArticleFileError("file is empty")
    try:
        page = read_html_page(data)
    except HtmlPageError as exc:
        raise ArticleFileError(str(exc)) from exc
    return _check_length(page.text), page.meta


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; never blocks on a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ArticleFileError(f"cannot read file: {_reason(exc, path)}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleFileError(_not_a_file(info.st_mode))
        if info.st_size > MAX_FILE_BYTES:
            raise ArticleFileError(_too_large(info.st_size))
        chunks = []
        size = 0
        while chunk := os.read(fd, 1024 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # it grew while being read
                raise ArticleFileError(_too_large(size))
        return b"".join(chunks)
    except OSError as exc:
        raise ArticleFileError(f"cannot read file: {_reason(exc, path)}") from exc
    finally:
        os.close(fd)


def _too_large(size: int) -> str:
    return (
        f"file is too large for an article ({size / 1e6:.1f} MB; "
        f"the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"
    )


def _not_a_file(mode: int) -> str:
    what = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    return f"not a regular file ({what}), so not read"


def _reason(exc: OSError, path: Path | None = None) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path is not None and path.is_symlink():
        return "broken symbolic link (its target does not exist)"
    return exc.strerror or str(exc)


def _stat_error(path: Path) -> OSError:
    try:
        path.stat()
    except OSError as exc:
        return exc
    return FileNotFoundError(errno.ENOENT, "No such file or directory")


def _check_length(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleFileError(
            f"text is too long for an article ({len(text):,} characters; "
            f"the limit is {MAX_TEXT_CHARS:,})"
        )
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise ArticleFileError(
                "file looks binary (it contains NUL bytes): it may be UTF-16 text without a "
                "byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark"
            )
        raise ArticleFileError("file looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _strict(data, "cp1252")


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly ASCII characters with a NUL byte beside each: UTF-16 that lost its BOM."""
    sample = data[:4096]
    if len(sample) < 16:
        return False
    even, odd = sample[0::2], sample[1::2]
    return (
        max(even.count(0), odd.count(0)) > 0.8 * len(sample) / 2 > min(even.count(0), odd.count(0))
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleFileError(
            f"file is not valid text ({encoding} decoding failed at byte {exc.start})"
        ) from exc


_HEADLINE = re.compile(r"^[^\n]{3,150}$")


def default_title(text: str, path: Path) -> str:
    """A short first line reads as a headline; otherwise the file name stands in."""
    first_line = text.lstrip().split("\n", 1)[0].strip()
    if _HEADLINE.match(first_line) and not first_line.endswith((".", "”", '"')):
        return first_line
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def import_paths(
    archive: Archive,
    paths: Iterable[Path],
    meta: ArticleMeta | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every article file under ``paths`` into ``archive``.

    ``meta`` applies to every file (title defaults per file). Cancelling stops
    before the next file; articles already imported stay (and are committed).

    ``workers``: processes extracting in parallel (default: the usable cores, at
    most ``MAX_WORKERS``; 1 extracts in this thread). Whatever the number, files
    are stored in the same order by this thread, each whole or not at all (many to
    a transaction, see ``store.batch``), and a file that fails (or crashes or hangs
    its worker) fails alone. Workers are
    started with "forkserver" (or "spawn"), never "fork", so like any such process
    they import the caller's main module: a script that imports several files
    must keep its work under ``if __name__ == "__main__":``.
    """
    meta = meta or ArticleMeta()
    files, problems = find_article_files(paths)
    report = ImportReport(failed=list(problems))
    workers = default_workers() if workers is None else max(1, workers)
    from archive_gui.core.store.batch import ArticleBatch

    with ArticleBatch(archive, _recorder(report)) as batch:
        if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
            _import_parallel(archive, files, meta, report, progress, should_cancel, workers, batch)
        else:
            _import_serial(archive, files, meta, report, progress, should_cancel, batch)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), Path())
    return report


def default_workers() -> int:
    """The cores this process may use, at most ``MAX_WORKERS``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _import_serial(
    archive: Archive,
    files: list[Path],
    meta: ArticleMeta,
    report: ImportReport,
    progress: ProgressCallback | None,
    should_cancel: Callable[[], bool] | None,
    batch: ArticleBatch,
) -> None:
    for done, path in enumerate(files):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, len(files), path)
        _guarded(report, path, _import_one, archive, path, meta, report, batch)


def _recorder(report: ImportReport) -> Callable[[Path, AddResult | None, str | None], None]:
    """What records a stored (committed) or failed article in ``report``."""

    def done(path: Path, stored: AddResult | None, failure: str | None) -> None:
        if stored is None:
            report.failed.append((path, failure or "not stored"))
        elif stored.created:
            report.added += 1
            report.quotes += stored.quotes
            report.operations += stored.operations
            report.article_ids.append(stored.article_id)
        else:
            report.skipped += 1

    return done


def _guarded(report: ImportReport, path: Path, step: Callable, *args) -> None:
    """``step(*args)``; what it raises fails ``path`` alone."""
    from archive_gui.core.store import ArchiveError

    try:
        step(*args)
    except (ArticleFileError, ArchiveError) as exc:
        report.failed.append((path, str(exc)))
    except Exception as exc:  # a bug must cost one file, never the whole import
        report.failed.append((path, f"unexpected error: {type(exc).__name__}: {exc}"))


def merge_meta(given: ArticleMeta, page: ArticleMeta) -> ArticleMeta:
    """What the caller gave wins; what the page says fills the rest."""
    return ArticleMeta(
        title=given.title or page.title,
        outlet=given.outlet or page.outlet,
        url=given.url or page.url,
        published=given.published or page.published,
        author=given.author or page.author,
        source_file=given.source_file or page.source_file,
    )


def import_file(archive: Archive, path: Path, meta: ArticleMeta, report: ImportReport) -> None:
    """Import one file, adding its outcome to ``report``.

    Metadata: ``meta`` (the caller's options) over what a web page says about
    itself, over the defaults (title from the headline line or the file name).
    """
    _import_one(archive, path, meta, report, None)


def _import_one(
    archive: Archive,
    path: Path,
    meta: ArticleMeta,
    report: ImportReport,
    batch: ArticleBatch | None,
) -> None:
    job = _prepare(archive, path, meta)
    if job is None:
        report.skipped += 1
        return
    if job.isolated and batch is not None:
        batch.commit()  # not holding the write lock while a child process takes its time
    _store(archive, job, _run_here(job), report, batch)


@dataclass
class _Job:
    """One file's extraction: ``function(*args)``, in a child process under the time limit
    if ``isolated``. ``text`` is None for a big web page, read by the job itself."""

    path: Path
    meta: ArticleMeta
    text: str | None
    function: Callable
    args: tuple
    isolated: bool


def _prepare(archive: Archive, path: Path, meta: ArticleMeta) -> _Job | None:
    """Read ``path`` (unless reading it is risky) and plan its extraction; None if archived."""
    if path.suffix.lower() in HTML_SUFFIXES and _size(path) > ISOLATE_PAGE_BYTES:
        return _Job(path, meta, None, _read_and_extract, (path, meta.published), True)
    text, page_meta = read_article(path)
    if archive.has_text(text) is not None:
        return None
    file_meta = _file_meta(merge_meta(meta, page_meta), text, path)
    args = (text, file_meta.published)
    return _Job(path, file_meta, text, _extract, args, len(text) > ISOLATE_TEXT_CHARS)


def _file_meta(meta: ArticleMeta, text: str, path: Path) -> ArticleMeta:
    name = _displayable(path.name)
    return replace(meta, title=meta.title or default_title(text, Path(name)), source_file=name)


def _run_here(job: _Job):
    """The job's result, computed by this process (or its child process, if isolated)."""
    if job.isolated:
        return _isolated(job.function, *job.args)
    return job.function(*job.args)


def _store(
    archive: Archive, job: _Job, result, report: ImportReport, batch: ArticleBatch | None
) -> None:
    """Store a file's article with the extraction ``result`` of its job: in its own
    transaction, or in ``batch`` (which reports the outcome once committed)."""
    if job.text is None:
        text, page_meta, extraction = result
        if archive.has_text(text) is not None:
            report.skipped += 1
            return
        file_meta = _file_meta(merge_meta(job.meta, page_meta), text, job.path)
    else:
        text, file_meta, extraction = job.text, job.meta, result
    if batch is not None:
        batch.add(job.path, text, file_meta, extraction, EXTRACTOR_VERSION)
        return
    _recorder(report)(
        job.path, archive.add_article(text, file_meta, extraction, EXTRACTOR_VERSION), None
    )


# --- extraction in worker processes ---------------------------------------------------------


@dataclass
class _Slot:
    """A file in the window of files being extracted, in import order."""

    path: Path
    job: _Job | None = None  # None: archived already, or failed (``failure``)
    failure: str | None = None
    future: Future | None = None  # None (with a job): extract when its turn comes
    apart: bool = False  # extract in a child process of its own (its worker pool crashed)

    @property
    def chars(self) -> int:
        return len(self.job.text or "") if self.job is not None else 0


class _Pool:
    """A lazily started pool of extraction processes, replaced when it breaks.

    After ``POOL_RESTARTS`` replacements (inputs that crash or hang extraction again
    and again) each file is extracted in a child process of its own (``apart``); if
    no pool can start at all, extraction runs in this process, as with one worker.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None
        self.starts = 0
        self.unavailable = False

    @property
    def apart(self) -> bool:
        return self.starts > POOL_RESTARTS and self.executor is None and not self.unavailable

    def submit(self, job: _Job) -> Future | None:
        """The job's future, or None if it is to be run by this process (see ``apart``)."""
        if self.unavailable or (self.executor is None and self.starts > POOL_RESTARTS):
            return None
        try:
            if self.executor is None:
                self.starts += 1
                self.executor = ProcessPoolExecutor(
                    self.workers, mp_context=_pool_context(), initializer=_worker_init
                )
            return self.executor.submit(
                _pool_task, job.function, job.args, job.isolated, FILE_TIME_LIMIT
            )
        except Exception:  # no processes here (a sandbox, no semaphores, too many files open)
            self.close(kill=True)
            self.unavailable = True
            return None

    def close(self, kill: bool = False) -> None:
        """Shut the pool down; ``kill`` stops work in progress (cancel, a crash, a hang)."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=not kill, cancel_futures=True)
        if kill:
            for process in processes:
                with contextlib.suppress(Exception):
                    process.kill()
            for process in processes:
                process.join(5)


def _pool_context():
    """Never "fork": the caller may be a GUI process with threads (and an open archive).

    With "forkserver", the server process (started once, on the first import) loads
    and warms up extraction (``import_warmup``), and each worker is forked from it
    ready to extract; with "spawn" each worker loads it for itself.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "archive_gui.core.import_warmup"])
    return context


def _worker_init() -> None:
    """In each worker: exit as soon as the importing process is gone, even if it was killed."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _pool_task(function: Callable, args: tuple, isolated: bool, time_limit: float):
    """A job, in a worker process; ``time_limit``: the caller's ``FILE_TIME_LIMIT``."""
    if isolated:
        return _isolated_within(time_limit, function, args)
    return function(*args)


def _import_parallel(
    archive: Archive,
    files: list[Path],
    meta: ArticleMeta,
    report: ImportReport,
    progress: ProgressCallback | None,
    should_cancel: Callable[[], bool] | None,
    workers: int,
    batch: ArticleBatch,
) -> None:
    """:func:`import_paths` with extraction in ``workers`` processes.

    This thread reads each file, checks it against the archive, hands its
    extraction to the pool, and stores the results in file order. At most
    ``WINDOW_PER_WORKER * workers`` files (and about ``WINDOW_CHARS`` of text) are in
    flight. A worker that crashes breaks the pool: the files it may have been
    extracting are then extracted one by one in child processes of their own, so
    that only the file that crashes fails, and a new pool takes the others.
    """
    pool = _Pool(workers)
    window: deque[_Slot] = deque()
    upcoming = iter(files)
    cancelled = should_cancel if should_cancel is not None else (lambda: False)
    chars = 0  # of the texts in the window
    try:
        for done in range(len(files)):
            while (
                len(window) < 2 * workers
                or (len(window) < WINDOW_PER_WORKER * workers and chars < WINDOW_CHARS)
            ) and not cancelled():
                path = next(upcoming, None)
                if path is None:
                    break
                window.append(_submit(archive, pool, path, meta))
                chars += window[-1].chars
            if not window:  # cancelled before the file's turn
                report.cancelled = True
                return
            slot = window.popleft()
            chars -= slot.chars
            outcome = _outcome(slot, pool, window, cancelled, batch)
            if outcome is _CANCELLED or cancelled():
                report.cancelled = True
                return
            if progress is not None:
                progress(done, len(files), slot.path)
            if slot.failure is not None:
                report.failed.append((slot.path, slot.failure))
            elif slot.job is None:
                report.skipped += 1
            else:
                _guarded(report, slot.path, _store, archive, slot.job, outcome, report, batch)
    finally:
        pool.close(kill=True)


_CANCELLED = object()


def _submit(archive: Archive, pool: _Pool, path: Path, meta: ArticleMeta) -> _Slot:
    from archive_gui.core.store import ArchiveError

    slot = _Slot(path)
    try:
        slot.job = _prepare(archive, path, meta)
    except (ArticleFileError, ArchiveError) as exc:
        slot.failure = str(exc)
    except Exception as exc:
        slot.failure = f"unexpected error: {type(exc).__name__}: {exc}"
    if slot.job is not None:
        slot.future = pool.submit(slot.job)
        slot.apart = slot.future is None and pool.apart
    return slot


def _outcome(
    slot: _Slot,
    pool: _Pool,
    window: deque[_Slot],
    cancelled: Callable[[], bool],
    batch: ArticleBatch,
):
    """The slot's extraction result (a failure goes to ``slot.failure``), or ``_CANCELLED``.

    While it waits, what ``batch`` holds is committed once due (the write lock is not
    held for long, whatever the wait).
    """
    from archive_gui.core.store import ArchiveError

    if slot.job is None or slot.failure is not None:
        return None
    try:
        if slot.future is None:
            if slot.apart or slot.job.isolated:
                batch.commit()  # a child process may take its time
            return (
                _isolated(slot.job.function, *slot.job.args) if slot.apart else _run_here(slot.job)
            )
        # The worker applies the time limit to an isolated job; this is the safety net for a
        # worker stuck on a short text (the slot's turn comes only once it is running).
        deadline = FILE_TIME_LIMIT * (2 if slot.job.isolated else 1) + 5
        waited = 0.0
        while not wait_futures([slot.future], timeout=0.1).done:
            waited += 0.1
            if cancelled():
                return _CANCELLED
            if batch.due:
                batch.commit()
            if waited >= deadline:  # the others in the window are not to blame: a new pool
                pool.close(kill=True)
                _requeue(window, pool, apart=0)
                raise ArticleFileError(_gave_up())
        return slot.future.result()
    except BrokenProcessPool:
        pool.close(kill=True)
        slot.future, slot.apart = None, True
        # The pool takes files in order and holds at most one more than it has workers:
        # the file that crashed it is this one or one of the next it had not finished.
        _requeue(window, pool, apart=pool.workers)
        return _outcome(slot, pool, window, cancelled, batch)
    except (ArticleFileError, ArchiveError) as exc:
        slot.failure = str(exc)
    except Exception as exc:
        slot.failure = f"unexpected error: {type(exc).__name__}: {exc}"
    return None


def _requeue(window: deque[_Slot], pool: _Pool, apart: int) -> None:
    """After the pool was stopped or broke: files it had finished keep their outcome; of
    the others, the first ``apart`` are extracted each in a process of its own, and the
    rest go to a new pool. (If the file that broke the pool is among the rest, the new
    pool breaks in turn; after ``POOL_RESTARTS`` every file is extracted apart.)"""
    for slot in window:
        future = slot.future
        if future is None:
            continue
        finished = future.done() and not future.cancelled()
        if finished and not isinstance(future.exception(), BrokenProcessPool):
            continue
        future.cancel()
        if apart > 0:
            apart -= 1
            slot.future, slot.apart = None, True
        else:
            slot.future = pool.submit(slot.job)
            slot.apart = slot.future is None and pool.apart


def _extract(text: str, published: date | None) -> Extraction:
    try:
        return extract(text, published)
    except Exception as exc:  # an extraction bug must not stop the whole import
        raise ArticleFileError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _read_and_extract(path: Path, published: date | None) -> tuple[str, ArticleMeta, Extraction]:
    text, page_meta = read_article(path)
    return text, page_meta, _extract(text, published or page_meta.published)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it says why


def _displayable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become U+FFFD, as a file manager shows."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _isolated(function: Callable, *args):
    """``function(*args)`` in a child process, stopped after ``FILE_TIME_LIMIT`` seconds.

    The child is a fresh interpreter (nothing of this process's threads or open
    archive is inherited); what it raises comes back as the file's failure.
    """
    return _isolated_within(FILE_TIME_LIMIT, function, args)


def _gave_up(time_limit: float | None = None) -> str:
    return (
        f"gave up after {FILE_TIME_LIMIT if time_limit is None else time_limit:g} s: "
        "the file is too long or too unusual to read as an article"
    )


def _isolated_within(time_limit: float, function: Callable, args: tuple):
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    # -P: the current folder (the user's, maybe with a json.py in it) is not on sys.path
    command = [sys.executable, "-P", "-c", "from archive_gui.core.importer import _child; _child()"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    ) as child:
        try:
            output, _ = child.communicate(pickle.dumps((function, args)), time_limit)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise ArticleFileError(_gave_up(time_limit)) from None
    try:
        ok, value = pickle.loads(output)
    except Exception:
        raise ArticleFileError(
            f"reading the file crashed its worker process (exit status {child.returncode})"
        ) from None
    if not ok:
        raise ArticleFileError(value)
    return value


def _child() -> None:
    """The child side of :func:`_isolated`: a pickled call on stdin, its outcome on stdout."""
    _exit_with_parent()
    function, args = pickle.loads(sys.stdin.buffer.read())
    try:
        result = (True, function(*args))
    except ArticleFileError as exc:
        result = (False, str(exc))
    except Exception as exc:
        result = (False, f"extraction failed: {type(exc).__name__}: {exc}")
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.buffer.flush()


def _exit_with_parent() -> None:
    """Exit once the process that started this one is gone (killed, or a worker stopped)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
