"""Qt item models over the archive.

The record tables keep the row count and a few pages of rows, fetched by key as
the view asks for them: a list of a million quotes costs a count and a few
hundred rows, and any page is one index range scan away. Queries that read a
whole list (the count, where each page starts) run on a background thread with
their own connection for a file archive.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import os
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont
from shiboken6 import Shiboken

from archive_gui.core.search import Query
from archive_gui.core.store.archive import READ_ERRORS, Archive, FacetValue
from archive_gui.core.store.schema import COLUMNS, DEFAULT_SORT, RecordFilter, RecordKind

# The row dict of a record (column keys plus ids and spans), for the detail pane.
RecordRole = Qt.ItemDataRole.UserRole + 1
# The number of records a facet value matches.
CountRole = Qt.ItemDataRole.UserRole + 2
# The entity id behind a facet value.
FacetIdRole = Qt.ItemDataRole.UserRole + 3
# True when a facet count was counted within a cap (a lower bound).
ApproximateRole = Qt.ItemDataRole.UserRole + 4
# True when a facet value is excluded (its records are left out).
ExcludedRole = Qt.ItemDataRole.UserRole + 5

PAGE_SIZE = 200
MAX_CACHED_PAGES = 8
# Quotes longer than this get their full text as a tooltip.
TOOLTIP_MIN_LENGTH = 60

APPROXIMATE_MARK = "≈"

# How the review column shows a status (unreviewed: nothing, so the rest stand out).
REVIEW_MARKS = {
    "unreviewed": "",
    "verified": "✓ verified",
    "disputed": "? disputed",
    "rejected": "✗ rejected",
}

_QUALIFIER_WORDS = {
    "exact": "exact",
    "about": "about",
    "nearly": "nearly",
    "more_than": "more than",
    "at_least": "at least",
    "up_to": "up to",
    "dozens": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
}


def qualifier_words(qualifier: str | None) -> str:
    """How a count qualifier reads in the UI ("more_than" -> "more than")."""
    if qualifier is None:
        return ""
    return _QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))


def _single_line(text: str) -> str:
    """Table cells have one fixed-height line: fold line breaks and runs of spaces."""
    return " ".join(text.split())


class _Dispatcher(QObject):
    """Brings background results to the GUI thread: workers emit ``done`` (a queued
    signal of this GUI-thread object), and the result goes to its owner if the owner
    still exists.

    Results are handed over one per turn of the event loop: those that arrive together
    (a list's rows, its count, facet counts) were handled back to back with the paint
    they caused, and the window took no input for the sum of them."""

    done = Signal(int, object, object)  # token, result, exception

    def __init__(self):
        super().__init__()
        self.pending: dict[
            int,
            tuple[QObject, Callable[[object], None], Callable[[BaseException], None] | None],
        ] = {}
        self.tokens = itertools.count(1)
        self._arrived: deque[tuple[int, object, object]] = deque()
        self._next = QTimer(self)
        self._next.setInterval(0)
        self._next.timeout.connect(self._deliver_next)
        self.done.connect(self._arrive, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object, object)
    def _arrive(self, token: int, result, error) -> None:
        if self._arrived or self._next.isActive():  # one handed over this turn already
            self._arrived.append((token, result, error))
        else:
            self._deliver(token, result, error)
        self._next.start()

    def _deliver_next(self) -> None:
        if not self._arrived:
            self._next.stop()
            return
        self._deliver(*self._arrived.popleft())

    def deliver_all(self) -> None:
        """Hand over every result that has arrived (the app or its archive closing)."""
        while self._arrived:
            self._deliver(*self._arrived.popleft())

    @Slot(int, object, object)
    def _deliver(self, token: int, result, error) -> None:
        owner, on_done, on_error = self.pending.pop(token, (None, None, None))
        if owner is None or not Shiboken.isValid(owner):
            return  # the owner is gone: nobody is waiting for this any more
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        elif not isinstance(error, READ_ERRORS):
            raise error


_POOL: QThreadPool | None = None
_LIST_POOL: QThreadPool | None = None
_DISPATCHER: _Dispatcher | None = None


def background_pool() -> QThreadPool:
    """The pool of archive readers: one thread per core, at most two."""
    global _POOL
    if _POOL is None:
        # The GUI thread takes the GIL back for every call from Qt into Python (a cell
        # to draw, a row SQLite hands it); while a reader runs Python (building rows)
        # it waits up to the switch interval each time: 5 ms by default. At 0.5 ms a
        # table's paint still spent half its time waiting at a million quotes; at
        # 0.1 ms the longest stall of two benchmark runs went from 53-54 to 47 ms.
        sys.setswitchinterval(0.0001)
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(max(1, min(2, os.cpu_count() or 1)))
    return _POOL


def list_pool() -> QThreadPool:
    """Threads of their own for what the lists show first (their first pages and counts):
    the rows after a click never wait behind facet counts, charts or page anchors. Two,
    so that both lists (operations and quotes) read their first pages at once."""
    global _LIST_POOL
    if _LIST_POOL is None:
        _LIST_POOL = QThreadPool()
        _LIST_POOL.setMaxThreadCount(2)
    return _LIST_POOL


_SCAN_POOL: QThreadPool | None = None


def scan_pool() -> QThreadPool:
    """A thread of its own, at the lowest priority, for the scans that find where each
    page of a list starts: under a common search word they take seconds at a million
    quotes, and on the facet threads they would hold back the facet counts."""
    global _SCAN_POOL
    if _SCAN_POOL is None:
        _SCAN_POOL = QThreadPool()
        _SCAN_POOL.setMaxThreadCount(1)
    return _SCAN_POOL


_READERS: dict[tuple[int, str], Archive] = {}  # (thread, archive path) -> connection
_BUSY: set[tuple[int, str]] = set()  # readers a worker is using right now
_READERS_LOCK = threading.Lock()


_NICE = threading.local()


# Worker priorities (Linux nice values): the list's own thread (the rows the user waits
# for) at the GUI thread's, above the facet, chart and anchor readers. (At nice 5 it got
# a quarter of a core beside any other busy process: a search's first page took three
# times as long on a loaded machine.)
LIST_NICE = 0
BACKGROUND_NICE = 15
SCAN_NICE = 19

# The first pages the lists are waiting for (queued or being read): readers of facets,
# charts and page anchors hold back until they are in, up to HOLD_BACK_SECONDS, so that
# on two cores the rows after a click or a search never share the CPU with them.
_FIRST_PAGES = threading.Condition()
_first_pages_pending = 0
HOLD_BACK_SECONDS = 0.3


def _first_page_queued() -> None:
    global _first_pages_pending
    with _FIRST_PAGES:
        _first_pages_pending += 1


def _first_page_done() -> None:
    global _first_pages_pending
    with _FIRST_PAGES:
        _first_pages_pending = max(0, _first_pages_pending - 1)
        _FIRST_PAGES.notify_all()


def _hold_back() -> None:
    """Wait (a worker thread) until no list waits for its first page, or at most
    HOLD_BACK_SECONDS."""
    with _FIRST_PAGES:
        _FIRST_PAGES.wait_for(lambda: _first_pages_pending == 0, HOLD_BACK_SECONDS)


def _yield_to_gui(level: int = BACKGROUND_NICE) -> None:
    """Lower this worker thread's CPU priority (on Linux, once per thread and level): on
    a 2-core machine readers would otherwise take the cores the GUI thread needs to
    paint, and facet counts the core the list's first page needs."""
    if getattr(_NICE, "level", None) == level:
        return
    _NICE.level = level
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), level)


def _reader(path) -> tuple[tuple[int, str], Archive]:
    """This worker thread's connection to the archive at ``path`` (opened once: opening
    with every check costs a scan of the file), marked busy until :func:`_release`."""
    key = (threading.get_ident(), str(path))
    with _READERS_LOCK:
        reader = _READERS.get(key)
        if reader is None:
            reader = _READERS[key] = Archive.open_reader(path)
        _BUSY.add(key)
        return key, reader


def _release(key: tuple[int, str], reader: Archive) -> None:
    conn = reader.db.conn
    conn.set_progress_handler(None, 0)
    if conn.in_transaction:
        conn.rollback()
    with _READERS_LOCK:
        _BUSY.discard(key)
        if _READERS.get(key) is not reader:  # closed meanwhile: its worker closes it
            reader.close()


def close_readers() -> None:
    """Close the workers' connections (one in use is closed by its worker when done)."""
    with _READERS_LOCK:
        idle = [key for key in _READERS if key not in _BUSY]
        readers = [_READERS.pop(key) for key in idle]
        for key in list(_READERS):
            _READERS.pop(key)  # busy: _release closes it
    for reader in readers:
        reader.close()


def run_in_background(
    owner: QObject,
    archive: Archive,
    work: Callable[[Archive], object],
    on_done: Callable[[object], None],
    priority: int = 0,
    pool: QThreadPool | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    connect: Callable[[object], Archive] | None = None,
    first_page: bool = False,
    hold_back: bool | None = None,
) -> None:
    """Run ``work`` off the GUI thread on a connection of its own, then ``on_done(result)``
    on the GUI thread, unless ``owner`` has been deleted by then. An in-memory archive
    has no file to share: it runs right here.

    ``first_page`` marks the read a list shows first: until it is done, reads on the
    other pools (facets, charts, page anchors; not writes) wait (see ``_hold_back``).
    ``hold_back`` makes a read wait so (or not) whatever its pool.

    Callers discard results they no longer want (a generation counter), so a slow
    answer to an old question never overwrites a newer one.

    ``on_error(exception)`` gets what ``work`` raised (on the GUI thread); without
    it, read errors are dropped and anything else is raised on the GUI thread.
    ``connect(path)``, if given, opens the connection ``work`` runs on (e.g. a writer)
    instead of the thread's shared reader; it is closed afterwards.
    """
    global _DISPATCHER
    if archive.path is None:
        if on_error is None:
            on_done(work(archive))
            return
        try:
            result = work(archive)
        except Exception as exc:  # noqa: BLE001 - handed to the caller
            on_error(exc)
            return
        on_done(result)
        return
    if _DISPATCHER is None:
        _DISPATCHER = _Dispatcher()
    dispatcher, path = _DISPATCHER, archive.path
    token = next(dispatcher.tokens)
    dispatcher.pending[token] = (owner, on_done, on_error)
    pool = pool or background_pool()
    level = {id(_LIST_POOL): LIST_NICE, id(_SCAN_POOL): SCAN_NICE}.get(id(pool), BACKGROUND_NICE)
    holds_back = (connect is None and pool is not _LIST_POOL) if hold_back is None else hold_back
    if first_page:
        _first_page_queued()

    def run() -> None:
        try:
            _yield_to_gui(level)
            if holds_back:
                _hold_back()
            if connect is not None:
                own = connect(path)
                try:
                    result = work(own)
                finally:
                    own.close()
            else:
                key, reader = _reader(path)
                try:
                    result = work(reader)
                finally:
                    _release(key, reader)
        except Exception as exc:  # delivered to the caller, never lost in the pool
            dispatcher.done.emit(token, None, exc)
            return
        finally:
            if first_page:
                _first_page_done()
        dispatcher.done.emit(token, result, None)

    pool.start(run, priority)


def abandon_when(archive: Archive, outdated: Callable[[], bool]) -> None:
    """Interrupt this worker's queries once ``outdated()``: a newer question was asked,
    and a stale scan must not hold a thread that the new one needs. (An in-memory
    archive runs its queries on the GUI thread's own connection: left alone.)"""
    if archive.path is not None:
        archive.interrupt_when(outdated)


def wait_for_background(msecs: int = 10_000) -> None:
    """Let running archive readers finish (before the archive or the app closes)."""
    idle = True
    for pool in (_LIST_POOL, _SCAN_POOL, _POOL):
        if pool is not None:
            idle = pool.waitForDone(msecs) and idle
    if _POOL is not None or _LIST_POOL is not None or _SCAN_POOL is not None:
        QCoreApplication.sendPostedEvents()
        if _DISPATCHER is not None:
            _DISPATCHER.deliver_all()
    if idle:
        close_readers()


@dataclass
class _Page:
    keys: list[tuple]  # sort keys, key[-1] the record id
    rows: list[dict | None]


@dataclass(frozen=True)
class _Query:
    kind: RecordKind
    filters: RecordFilter
    sort_key: str
    descending: bool


def _load(query: _Query, archive: Archive, with_anchors: bool) -> dict:
    """Everything a list needs at first: its first page and its count (under a search
    maybe a lower bound, counted in full after the page is shown, see
    ``Archive.first_page``), and (for a big list, in the background) where every page
    starts. With the anchors (a list read in one go) the count is always exact."""
    first = archive.first_page(
        query.kind, query.filters, query.sort_key, query.descending, PAGE_SIZE
    )
    count, exact = first.count, first.exact
    if with_anchors and not exact:
        count, exact = archive.count(query.kind, query.filters), True
    result = {
        "count": count,
        "exact": exact,
        "matches": first.matches if not exact else count,
        "first": _Page(first.keys, _rows(archive, query.kind, first.keys)),
        "anchors": None,
    }
    if with_anchors:
        result["anchors"] = _anchors(query, archive)
    return result


def _anchors(query: _Query, archive: Archive) -> list[tuple]:
    return archive.page_anchors(
        query.kind, query.filters, query.sort_key, query.descending, PAGE_SIZE
    )


def _rows(archive: Archive, kind: RecordKind, keys: list[tuple]) -> list[dict | None]:
    by_id = {row["id"]: row for row in archive.rows(kind, [key[-1] for key in keys])}
    return [by_id.get(key[-1]) for key in keys]


class RecordTableModel(QAbstractTableModel):
    """The records of one kind matching the current filters, fetched a page at a time.

    The model keeps the row count and a few pages of 200 rows. A page is fetched by
    key: the first and the last page directly, a neighbour of a cached page from its
    edge, any other page from its start key ("anchor"). Anchors come from one scan
    of the list, which for a file archive runs on a background thread along with the
    count and the first page; until they arrive, rows far from the cached pages read
    as empty and are filled in when they do (``anchors_ready``).
    ``loaded`` is emitted when a query's count and first rows are in, ``failed(error)``
    when it could not be run (e.g. a search the full-text index refuses): the rows of
    the previous query stay. Under a search the count may first be a lower bound
    (``count_is_exact`` False: the first rows are shown before every match is counted);
    the rest of the list is then counted in the background, its rows are appended and
    ``counted`` is emitted.

    The rows shown, their count, pages and anchors belong to the query last loaded
    (``_shown``); a new query (filters, sort) takes their place at once when its own
    count and first page are in, so scrolling meanwhile never mixes the two.
    """

    loaded = Signal()
    counted = Signal()
    # The rows shown now belong to other filters or another sort order (not a refresh of
    # the same list): a view shows the top of the new list.
    query_replaced = Signal()
    anchors_ready = Signal()
    failed = Signal(object)

    def __init__(self, archive: Archive, kind: RecordKind, parent=None):
        super().__init__(parent)
        self._archive = archive
        self.kind = kind
        self._columns = COLUMNS[kind]
        self._filters = RecordFilter()
        self._sort_key: str = DEFAULT_SORT[kind]
        self._descending = False
        self._count = 0
        self._count_exact = True
        self._matches = 0  # what page queries are planned by (see Archive.record_keys)
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._cells: dict[int, tuple[dict, tuple]] = {}  # row -> (its record, its cells)
        self._anchors: list[tuple] | None = None
        self._anchors_wanted = True
        self._anchors_scanned = -1  # the serial whose anchors were last asked for
        # A row was asked for that no page query could reach yet (it read as empty):
        # the anchors, when in, must repaint the rows.
        self._rows_unreachable = False
        self._generation = 0
        self._shown = _Query(kind, self._filters, self._sort_key, self._descending)
        self._shown_serial = 0  # bumped whenever the shown rows switch to another query
        self._loading = False
        self._fetching: set[int] = set()  # pages being read in the background
        self.refresh()

    # -- state -----------------------------------------------------------------

    @property
    def cached_page_count(self) -> int:
        return len(self._pages)

    @property
    def is_loading(self) -> bool:
        """A query is running in the background; the rows shown are the previous ones."""
        return self._loading

    @property
    def has_anchors(self) -> bool:
        return self._anchors is not None

    @property
    def count_is_exact(self) -> bool:
        """False while the rows shown are counted in the background: ``rowCount()`` is
        then a lower bound (show it as "≥ n")."""
        return self._count_exact

    def set_archive(self, archive: Archive) -> None:
        self._archive = archive
        self.refresh()

    def set_filters(self, filters: RecordFilter) -> None:
        self._filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query, e.g. after an import changed the archive or a filter changed.

        On a file archive the count, the first page and the anchors are read on a
        background thread; the previous rows stay until the new ones are in.
        """
        self._generation += 1
        generation = self._generation
        query = _Query(self.kind, self._filters, self._sort_key, self._descending)
        self._loading = True
        if self._archive.path is None:  # in memory: small, and no second connection
            try:
                result = _load(query, self._archive, with_anchors=True)
            except Exception as exc:  # noqa: BLE001 - reported through ``failed``
                self._load_failed(generation, exc)
                return
            self._apply_load(generation, query, result)
            return

        def first(archive: Archive) -> dict:
            abandon_when(archive, lambda: generation != self._generation)
            return _load(query, archive, with_anchors=False)

        run_in_background(
            self,
            self._archive,
            first,
            lambda result: self._apply_load(generation, query, result),
            10,
            list_pool(),
            on_error=lambda exc: self._load_failed(generation, exc),
            # The list on screen first: the other tab's list (whose page anchors are not
            # wanted either) waits for its first page, which it would otherwise share
            # two cores and the GIL with ("we" in the top city at 1M: the quotes'
            # first page took 108 ms in the window beside the operations', 39 alone).
            first_page=self._anchors_wanted,
            hold_back=not self._anchors_wanted,
        )

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return  # an outdated query (interrupted, or failed): nobody waits for it
        self._loading = False
        self.failed.emit(error)

    def refresh_rows(self) -> None:
        """Read the cached rows again in place (a record was edited): the rows keep their
        places, so the selection and the scroll position stay."""
        if self._archive.path is not None:  # read in the background, shown when in
            serial, kind = self._shown_serial, self.kind
            pages = list(self._pages.values())

            def read(archive: Archive) -> list:
                return [_rows(archive, kind, page.keys) for page in pages]

            def done(rows: list) -> None:
                if serial != self._shown_serial:
                    return
                for page, page_rows in zip(pages, rows, strict=True):
                    page.rows = page_rows
                if self._count:
                    self.dataChanged.emit(
                        self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1)
                    )

            run_in_background(self, self._archive, read, done, 10, list_pool())
            return
        for page in self._pages.values():
            page.rows = _rows(self._archive, self.kind, page.keys)
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1)
            )

    def row_of(self, record_id: int) -> int | None:
        """The row showing a record, if it is in a cached page."""
        for number, page in self._pages.items():
            for offset, key in enumerate(page.keys):
                if key[-1] == record_id:
                    return number * PAGE_SIZE + offset
        return None

    def ids_in_rows(self, first: int, last: int) -> list[int]:
        """The record ids of rows ``first``..``last`` of the rows shown: from the cached
        pages, and by keyset queries of keys only (no row data) for the others."""
        first, last = max(first, 0), min(last, self._count - 1)
        ids: list[int] = []
        previous: list[tuple] | None = None
        for number in range(first // PAGE_SIZE, last // PAGE_SIZE + 1):
            page = self._pages.get(number)
            if page is not None:
                keys = page.keys
            elif previous:  # the next page, from the end of the one before
                keys = self._archive.record_keys(
                    self.kind,
                    self._shown.filters,
                    self._shown.sort_key,
                    self._shown.descending,
                    after=previous[-1],
                    limit=min(PAGE_SIZE, self._count - number * PAGE_SIZE),
                    matches=self._matches,
                )
            else:
                keys = self._page_keys(number) or []
            start = number * PAGE_SIZE
            lo, hi = max(first - start, 0), min(last - start, len(keys) - 1)
            ids.extend(key[-1] for key in keys[lo : hi + 1])
            previous = keys
        return ids

    @property
    def filters(self) -> RecordFilter:
        return self._filters

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def shown_search(self) -> Query | None:
        """The search that found the rows shown (the one asked for may still be read)."""
        return self._shown.filters.search

    def set_sort(self, sort_key: str, descending: bool) -> None:
        """Sort by a column key (a saved search); an unknown or unsortable key is ignored."""
        column = next((i for i, c in enumerate(self._columns) if c.key == sort_key), None)
        if column is None or not self.is_sortable(column):
            return
        if (sort_key, descending) != (self._sort_key, self._descending):
            self._sort_key, self._descending = sort_key, descending
            self.refresh()

    def set_anchors_wanted(self, wanted: bool) -> None:
        """Whether to scan for the page anchors of the rows shown. A list on a hidden tab
        is not scrolled, and its scan (half a second at a million records) would take
        CPU from the facet and chart readers the window waits for. Wanted again, the
        scan starts if the rows shown have none."""
        self._anchors_wanted = wanted
        if wanted and self._anchors is None and not self._loading:
            self._start_anchors(self._shown_serial)

    def _start_anchors(self, serial: int) -> None:
        """Scan for the page anchors once the first rows are in (they come first), unless
        the list is not shown (see ``set_anchors_wanted``) or the scan has started."""
        if not self._anchors_wanted or self._anchors_scanned == serial:
            return
        self._anchors_scanned = serial
        query = self._shown

        def anchors(archive: Archive) -> list[tuple]:
            abandon_when(archive, lambda: serial != self._shown_serial)
            return _anchors(query, archive)

        run_in_background(
            self,
            self._archive,
            anchors,
            lambda r: self._apply_anchors(serial, r),
            0,
            scan_pool(),
            on_error=lambda _exc: None,
        )

    def _apply_load(self, generation: int, query: _Query, result: dict) -> None:
        if generation != self._generation:
            return  # a newer query has been asked for
        self.beginResetModel()
        replaced = query != self._shown
        self._shown = query
        self._shown_serial += 1
        self._fetching.clear()
        self._count = result["count"]
        self._count_exact = result["exact"]
        self._matches = result["matches"]
        self._pages.clear()
        self._cells.clear()
        if result["first"].keys:
            self._pages[0] = result["first"]
        self._anchors = result["anchors"]
        self._rows_unreachable = False
        self._loading = False
        self.endResetModel()
        if replaced:
            self.query_replaced.emit()
        if not self._count_exact:
            self._start_count(self._shown_serial)
        if self._anchors is None:
            self._start_anchors(self._shown_serial)
        self.loaded.emit()

    def _start_count(self, serial: int) -> None:
        """Count the rows shown in full (their count is a lower bound until then), with
        the facet counts (at their priority, behind the first pages: the window paints
        the rows meanwhile), before any of them that waits."""
        query = self._shown

        def count(archive: Archive) -> int:
            abandon_when(archive, lambda: serial != self._shown_serial)
            return archive.count(query.kind, query.filters)

        run_in_background(
            self,
            self._archive,
            count,
            lambda n: self._apply_count(serial, n),
            1,
            on_error=lambda _exc: None,  # interrupted: a newer query is shown
        )

    def _apply_count(self, serial: int, count: int) -> None:
        if serial != self._shown_serial:
            return
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:  # changed meanwhile (an edit elsewhere): trust the count
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        self._count_exact = True
        self._matches = count
        self.counted.emit()

    def _apply_anchors(self, serial: int, anchors: list[tuple]) -> None:
        if serial != self._shown_serial:
            return
        self._anchors = anchors
        # Rows read as empty for want of an anchor are repainted; if none was asked for,
        # nothing on screen changes (a view repaints all it shows on any range change).
        if self._count and self._rows_unreachable:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1)
            )
        self._rows_unreachable = False
        self.anchors_ready.emit()

    def column_key(self, column: int) -> str:
        return self._columns[column].key

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].sort is not None

    def sort_column(self) -> int:
        return next(i for i, col in enumerate(self._columns) if col.key == self._sort_key)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def record(self, row: int) -> dict | None:
        """The row dict of the record shown at ``row``, fetching its page if needed;
        None for a row whose page cannot be reached by key yet."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        if page is None or row % PAGE_SIZE >= len(page.rows):
            return None
        return page.rows[row % PAGE_SIZE]

    def cells(self, row: int) -> tuple[tuple[str, QFont | None], ...] | None:
        """Each column's text and font (None: the view's) at ``row``, worked out once per
        row read: a paint asks for every cell of a screenful, and again on each scroll,
        selection or hover. None until the row is read."""
        record = self.record(row)
        if record is None:
            return None
        kept = self._cells.get(row)
        if kept is not None and kept[0] is record:  # the same read of the row
            return kept[1]
        cells = tuple(
            (self.display_text(column.key, record), self.font(column.key, record))
            for column in self._columns
        )
        if len(self._cells) >= MAX_CACHED_PAGES * PAGE_SIZE:
            self._cells.clear()
        self._cells[row] = (record, cells)
        return cells

    def _page(self, number: int) -> _Page | None:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._archive.path is not None:
            # Read in the background, its rows empty until it is in: under a filter a
            # page may take a scan to find, and even a page of the whole list (one index
            # range of 200 rows) waits on the disk when the file is not in the OS cache
            # (100 ms and more on the GUI thread, seen after a jump on a cold archive).
            self._fetch_in_background(number)
            return None
        query = self._page_query(number)
        if query is None:
            self._rows_unreachable = True
            return None
        keys = self._archive.record_keys(**query)
        return self._keep_page(number, _Page(keys, _rows(self._archive, self.kind, keys)))

    def _keep_page(self, number: int, page: _Page) -> _Page:
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def _fetch_in_background(self, number: int) -> None:
        if number in self._fetching:
            return
        query = self._page_query(number)
        if query is None:
            self._rows_unreachable = True
            return
        self._fetching.add(number)
        serial, kind = self._shown_serial, self.kind

        def read(archive: Archive) -> _Page:
            abandon_when(archive, lambda: serial != self._shown_serial)
            keys = archive.record_keys(**query)
            return _Page(keys, _rows(archive, kind, keys))

        def done(page: _Page) -> None:
            if serial != self._shown_serial:
                return
            self._fetching.discard(number)
            self._keep_page(number, page)
            first = number * PAGE_SIZE
            last = min(self._count, first + len(page.keys)) - 1
            if last >= first:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(last, len(self._columns) - 1)
                )

        def failed(_exc: BaseException) -> None:
            if serial == self._shown_serial:
                self._fetching.discard(number)  # asked again when the view next needs it

        run_in_background(self, self._archive, read, done, 5, list_pool(), on_error=failed)

    @property
    def is_fetching(self) -> bool:
        """Pages are being read in the background (their rows read as empty)."""
        return bool(self._fetching)

    def _page_keys(self, number: int) -> list[tuple] | None:
        """The keys of a page, by a keyset query from the nearest known key."""
        query = self._page_query(number)
        return None if query is None else self._archive.record_keys(**query)

    def _page_query(self, number: int) -> dict | None:
        """The arguments of the keyset query for a page, from the nearest known key."""
        size = min(PAGE_SIZE, self._count - number * PAGE_SIZE)
        query = {
            "kind": self.kind,
            "filters": self._shown.filters,
            "sort_key": self._shown.sort_key,
            "descending": self._shown.descending,
            "limit": size,
            "matches": self._matches,
        }
        previous, following = self._pages.get(number - 1), self._pages.get(number + 1)
        last = (self._count - 1) // PAGE_SIZE
        if number == 0:
            return query
        if previous is not None and previous.keys:
            return {**query, "after": previous.keys[-1]}
        if following is not None and following.keys:
            return {**query, "before": following.keys[0]}
        if number == last and self._count_exact:  # (a lower bound ends before the list)
            return {**query, "from_end": True}
        if self._anchors is not None and number < len(self._anchors):
            return {**query, "after": self._anchors[number], "inclusive": True}
        return None

    # -- Qt model interface ------------------------------------------------------

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's asks rowCount and columnCount, two calls into Python for every cell painted.
        if 0 <= row < self._count and 0 <= column < len(self._columns) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole and not self.is_sortable(section):
            return f"{self._columns[section].header} (not sortable)"
        return None

    _ROLES = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            RecordRole,
        }
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in self._ROLES:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(self._columns[index.column()].key, record)
        text, font = self.cells(index.row())[index.column()]
        return text if role == Qt.ItemDataRole.DisplayRole else font

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the order of ``column``; unsortable columns are ignored."""
        if not self.is_sortable(column):
            return
        self._sort_key = self._columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- per-kind presentation (overridden) -------------------------------------

    def display_text(self, key: str, record: dict) -> str:
        value = record.get(key)
        if key == "review_status":
            return REVIEW_MARKS.get(value or "unreviewed", value or "")
        return "" if value is None else _single_line(str(value))

    def tooltip(self, key: str, record: dict) -> str | None:
        return None

    def font(self, key: str, record: dict) -> QFont | None:
        return None


class OperationsTableModel(RecordTableModel):
    """Enforcement operations; approximate counts are marked "≈" and set in italics."""

    def __init__(self, archive: Archive, parent=None):
        super().__init__(archive, RecordKind.OPERATIONS, parent)

    @staticmethod
    def is_approximate(record: dict) -> bool:
        return record.get("qualifier") not in (None, "exact")

    def display_text(self, key: str, record: dict) -> str:
        if key == "count_text" and self.is_approximate(record):
            return f"{APPROXIMATE_MARK} {_single_line(record['count_text'])}"
        if key == "qualifier":
            return qualifier_words(record.get("qualifier"))
        return super().display_text(key, record)

    def tooltip(self, key: str, record: dict) -> str | None:
        if key == "count_text" and self.is_approximate(record):
            return (
                f"Approximate count ({qualifier_words(record['qualifier'])}); "
                f"counted as {record['count']} in totals"
            )
        return None

    def font(self, key: str, record: dict) -> QFont | None:
        if key == "count_text" and self.is_approximate(record):
            font = QFont()
            font.setItalic(True)
            return font
        return None


class QuotesTableModel(RecordTableModel):
    """Quotes with their speaker; a long quote shows in full as a tooltip."""

    def __init__(self, archive: Archive, parent=None):
        super().__init__(archive, RecordKind.QUOTES, parent)

    def tooltip(self, key: str, record: dict) -> str | None:
        text = record.get("text") or ""
        if key != "text" or len(text) < TOOLTIP_MIN_LENGTH:
            return None
        # Rich text so that Qt wraps the tooltip; the quote itself is escaped.
        return f"<p>{html.escape(text)}</p>"


class FacetListModel(QAbstractListModel):
    """The values of one side-panel facet, each checkable, with its record count.

    Checked values stay listed, with a count of 0, when the other filters leave
    them no records: a selection never disappears from under the user.
    """

    checked_changed = Signal()

    def __init__(self, unit: str = "records", parent=None):
        super().__init__(parent)
        self._unit = unit
        self._values: list[FacetValue] = []
        self._checked: dict[int, str] = {}  # id -> label, for checked values gone from a facet
        self._excluded: dict[int, str] = {}  # id -> label of the values left out

    def checked_ids(self) -> frozenset[int]:
        return frozenset(self._checked)

    def excluded_ids(self) -> frozenset:
        return frozenset(self._excluded)

    def label(self, facet_id) -> str:
        """The label of a value (also of a checked or excluded one no longer counted)."""
        for value in self._values:
            if value.id == facet_id:
                return value.label
        return self._checked.get(facet_id) or self._excluded.get(facet_id) or str(facet_id)

    def set_values(self, values: list[FacetValue]) -> None:
        """Show fresh facet counts, keeping checked values that are no longer counted."""
        present = {value.id for value in values}
        kept = {**self._excluded, **self._checked}
        values = list(values) + [
            FacetValue(facet_id, label, 0)
            for facet_id, label in kept.items()
            if facet_id not in present
        ]
        # Rows added or removed at the end and the rest updated in place, never a reset:
        # a reset of the 5,000-value speaker facet re-lays out its whole view.
        old, new = len(self._values), len(values)
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._values = self._values[:new]
            self.endRemoveRows()
        elif new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._values = self._values + values[old:]
            self.endInsertRows()
        self._values = values
        if values:
            self.dataChanged.emit(self.index(0), self.index(new - 1))

    def clear_checks(self) -> bool:
        """Uncheck (and un-exclude) every value, without signalling; True if anything was."""
        if not self._checked and not self._excluded:
            return False
        self._checked.clear()
        self._excluded.clear()
        if self._values:
            self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1))
        return True

    def set_excluded(self, facet_id, excluded: bool, label: str | None = None) -> None:
        """Exclude a value (which is then no longer included), or stop excluding it."""
        row = next((i for i, v in enumerate(self._values) if v.id == facet_id), None)
        label = label or self.label(facet_id)
        if excluded:
            self._excluded[facet_id] = label
            self._checked.pop(facet_id, None)
        else:
            self._excluded.pop(facet_id, None)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))
        self.checked_changed.emit()

    def remove(self, facet_id) -> bool:
        """Neither include nor exclude a value (silently); True if it was either."""
        found = self._checked.pop(facet_id, None) is not None
        found = (self._excluded.pop(facet_id, None) is not None) or found
        if found and self._values:
            self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1))
        return found

    def restore(self, checked: dict, excluded: dict) -> None:
        """Set the included and excluded values (id -> label) silently: a saved search."""
        self._checked = dict(checked)
        self._excluded = dict(excluded)
        if self._values:
            self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1))

    def set_checked(self, facet_id: int, checked: bool) -> None:
        row = next((i for i, v in enumerate(self._values) if v.id == facet_id), None)
        if row is None:
            raise KeyError(f"no facet value {facet_id}")
        self.setData(
            self.index(row),
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._values)

    def shown_value(self, row: int) -> tuple[FacetValue, bool, bool] | None:
        """The value at ``row``, whether it is checked and whether it is excluded, in
        one call (a delegate drawing it would otherwise ask Qt for ten roles)."""
        if not 0 <= row < len(self._values):
            return None
        value = self._values[row]
        return value, value.id in self._checked, value.id in self._excluded

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        value = self._values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value.label
        if role == CountRole:
            return value.count
        if role == FacetIdRole:
            return value.id
        if role == ApproximateRole:
            return value.approximate
        if role == ExcludedRole:
            return value.id in self._excluded
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if value.id in self._excluded:
                return f"{value.label}: excluded (click to include, Alt+click to stop excluding)"
            if value.approximate:
                return f"{value.label}: at least {value.count:,} {self._unit} (counted in part)"
            return f"{value.label}: {value.count:,} {self._unit}"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        facet = self._values[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked[facet.id] = facet.label
            self._excluded.pop(facet.id, None)
        else:
            self._checked.pop(facet.id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
