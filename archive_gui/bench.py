"""Measure the archive browser on a large synthetic archive.

    python -m archive_gui.bench [--quotes N] [--db PATH] [--runs R]

Builds (or reuses) a synthetic archive of N quotes (see archive_gui.core.synthetic),
drives the real main window offscreen through the interactions of the performance
targets, and prints one line per figure (median and p95 over R runs) and a final
JSON line with every figure. The longest GUI-thread stall is measured by a 5 ms
timer that records how late it fires.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGETS = {
    "startup_first_paint_ms": 1000,
    "startup_populated_ms": 1500,
    "facet_click_table_ms": (100, 250),
    "sort_table_ms": (100, 250),
    "search_table_ms": (100, 250),
    "search_in_city_table_ms": (100, 250),
    "facets_and_chart_ms": 300,
    "facets_refresh_ms": 300,
    "tag_10k_window_ms": 1000,
    "undo_tag_10k_window_ms": 1000,
    "jump_to_end_ms": 30,
    "jump_to_row_ms": 30,
    "max_gui_stall_ms": 50,
    "tag_10k_ms": 1000,
    "untag_10k_ms": 1000,
    "export_100k_csv_ms": 3000,
    "import_articles_per_s": 300,
    "peak_rss_mb": 400,
}


def cache_path(quotes: int) -> Path:
    """Where the benchmark archive of this size lives: outside the repository, named by
    the schema and generator version it was built with (a change builds a new one)."""
    from archive_gui.core.paths import bundled_path
    from archive_gui.core.synthetic import GENERATOR_VERSION

    digest = hashlib.sha256()
    for sql in sorted(bundled_path("db").glob("*.sql")):
        digest.update(sql.read_bytes())
    digest.update(str(GENERATOR_VERSION).encode())
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "archive-gui"
    return base / f"bench-{quotes}-{digest.hexdigest()[:10]}.db"


def ensure_archive(path: Path, quotes: int) -> float | None:
    """Build the archive in a child process if it is missing; return the build seconds."""
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"bench-{quotes}-*.db*"):
        old.unlink()
    print(f"building a synthetic archive of {quotes:,} quotes at {path} …", flush=True)
    started = time.perf_counter()
    partial = path.with_name(path.name + ".partial")
    for stale in path.parent.glob(partial.name + "*"):
        stale.unlink()
    subprocess.run(
        [sys.executable, "-m", "archive_gui.core.synthetic", "--quotes", str(quotes), partial],
        check=True,
    )
    partial.rename(path)
    return time.perf_counter() - started


def summary(samples: list[float]) -> dict | None:
    """Median, p95 and max of the samples; None (printed "n/a") when there are none,
    e.g. a search query that fewer runs than queries never reached."""
    if not samples:
        return None
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 1),
        "p95": round(p95, 1),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


# -- the startup probe (a child process per run) -------------------------------------


def startup_probe(db: Path) -> None:
    """Open the window on ``db`` and print when it first painted and when it was
    populated (rows, facets and chart), in seconds since BENCH_T0 (the parent's clock
    just before it started this process)."""
    t0 = float(os.environ["BENCH_T0"])
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from archive_gui.core.store import Archive
    from archive_gui.ui.app import freeze_when_settled
    from archive_gui.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    seen: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and "first_paint" not in seen:
                seen["first_paint"] = time.time() - t0
            return False

    window = MainWindow(Archive.open(db))
    freeze_when_settled(window)  # as the app does
    watcher = FirstPaint()
    window.quotes_table.viewport().installEventFilter(watcher)
    window.operations_table.viewport().installEventFilter(watcher)
    state = {"summaries": False}
    window.summaries_shown.connect(lambda: state.update(summaries=True))

    def check() -> None:
        models = (window.operations_model, window.quotes_model)
        ready = state["summaries"] and not any(m.is_loading for m in models)
        if ready and window.chart.is_built and "first_paint" in seen:
            window.operations_table.viewport().repaint()
            seen["populated"] = time.time() - t0
            seen["rows"] = window.operations_model.rowCount()
            app.quit()
            return
        QTimer.singleShot(2, check)

    window.show()
    QTimer.singleShot(0, check)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    print(json.dumps(seen))
    window.close()
    window.archive.close()


def compile_package() -> None:
    """Write the package's bytecode, as Python does on a user's first start. Machines
    that set PYTHONDONTWRITEBYTECODE (these do) would otherwise compile it again on every
    start: about 0.2 s before the first paint, which only a first start pays."""
    import compileall

    import archive_gui

    compileall.compile_dir(Path(archive_gui.__file__).parent, quiet=1)


def measure_startup(db: Path, runs: int) -> tuple[list[float], list[float]]:
    compile_package()
    first, populated = [], []
    for _ in range(runs):
        env = dict(os.environ, BENCH_T0=repr(time.time()))
        out = subprocess.run(
            [sys.executable, "-m", "archive_gui.bench", "--startup-probe", "--db", str(db)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        seen = json.loads(out.strip().splitlines()[-1])
        first.append(seen["first_paint"] * 1000)
        populated.append(seen["populated"] * 1000)
    return first, populated


# -- the in-process interactions ----------------------------------------------------


class StallMonitor:
    """A 5 ms timer that records how late it fires: the GUI thread's longest stall."""

    INTERVAL_MS = 5

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._phases: list[tuple[float, str]] = [(0.0, "")]  # (since, phase)
        self.longest_phase = ""
        self.sampler: StackSampler | None = None
        self.by_phase: dict[str, float] = {}  # the longest stall in each kind of phase
        self.stalls: list[tuple[float, str, str]] = []  # (ms, phase, where), over 50 ms
        self.running = False
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def phase(self) -> str:
        return self._phases[-1][1]

    @phase.setter
    def phase(self, name: str) -> None:
        self._phases.append((time.perf_counter(), name))
        del self._phases[:-50]

    def _phase_during(self, start: float, end: float) -> str:
        """The phase that took most of [start, end] (a stall spanning a phase change
        belongs to the phase it was spent in, not to the one current when it ended)."""
        spans: dict[str, float] = {}
        bounds = [*self._phases[1:], (end, "")]
        for (since, name), (until, _next) in zip(self._phases, bounds, strict=True):
            overlap = min(until, end) - max(since, start)
            if overlap > 0:
                spans[name] = spans.get(name, 0.0) + overlap
        return max(spans, key=spans.get) if spans else self.phase

    def start(self) -> None:
        self._last = time.perf_counter()
        self.running = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.running = False

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._last) * 1000 - self.INTERVAL_MS
        phase = self._phase_during(self._last, now) if late > 10 else self.phase
        if late > self.longest:
            self.longest, self.longest_phase = late, phase
        self.by_phase[phase] = max(self.by_phase.get(phase, 0.0), round(late, 1))
        if late > 50 and self.sampler is not None:
            self.stalls.append((late, phase, self.sampler.during(self._last, now)))
        self._last = now


class StackSampler:
    """Samples the GUI thread's Python stack every millisecond from another thread, so
    a stall the StallMonitor sees can be put down to the code that ran during it."""

    SKIP = ("bench.py", "threading.py")

    def __init__(self):
        import threading

        self._main = threading.main_thread().ident
        self._samples: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.001):
            frame = sys._current_frames().get(self._main)
            where = []
            while frame is not None and len(where) < 4:
                name = frame.f_code.co_filename
                if "archive_gui" in name and not name.endswith(self.SKIP):
                    where.append(f"{Path(name).stem}.{frame.f_code.co_name}:{frame.f_lineno}")
                frame = frame.f_back
            self._samples.append((time.perf_counter(), " < ".join(where)))
            if len(self._samples) > 200_000:
                del self._samples[:100_000]

    def during(self, start: float, end: float) -> str:
        """The stack seen most often between two instants (empty: Qt's own work)."""
        from collections import Counter

        seen = Counter(where for t, where in self._samples if start <= t <= end and where)
        return seen.most_common(1)[0][0] if seen else "(Qt / no Python frame)"


class ViewportPaints:
    """Counts the paint events a view's viewport receives."""

    def __init__(self, viewport):
        from PySide6.QtCore import QEvent, QObject

        paints = self

        class Filter(QObject):
            def eventFilter(self, _obj, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    paints.count += 1
                    paints.last = time.perf_counter()
                return False

        self.count = 0
        self.last = 0.0  # when the latest paint started
        self._filter = Filter()
        viewport.installEventFilter(self._filter)


def wait_for(app, condition, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.0005)


def _by_kind(by_phase: dict[str, float]) -> dict[str, float]:
    """The longest stall of each kind of interaction (facet clicks, sorts, searches …)."""
    kinds: dict[str, float] = {}
    for phase, late in by_phase.items():
        kind = phase.split(" (")[0].split(" by ")[0]
        kind = "search" if kind.startswith("search") else kind
        kinds[kind] = max(kinds.get(kind, 0.0), late)
    return kinds


# What the search figure types: a common word, a rare word, a phrase and a field term.
SEARCHES = ("we", "employers", '"public safety"', 'speaker:"Department of Homeland Security"')


def run_interactions(db: Path, runs: int, attribute: bool = False) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from archive_gui.core.store import Archive
    from archive_gui.core.store.schema import DEFAULT_SORT
    from archive_gui.ui.app import freeze_when_settled
    from archive_gui.ui.main_window import MainWindow
    from archive_gui.ui.models import FacetIdRole

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(Archive.open(db))
    freeze_when_settled(window)  # as the app does
    window.resize(1400, 900)
    window.show()
    state = {"summaries": 0}
    window.summaries_shown.connect(lambda: state.update(summaries=state["summaries"] + 1))
    models = (window.operations_model, window.quotes_model)
    wait_for(app, lambda: state["summaries"] and not any(m.is_loading for m in models))
    window.chart.plot  # noqa: B018 - built (pyqtgraph imported) before measuring
    window.tabs.setCurrentWidget(window.quotes_table)
    view, model = window.quotes_table, window.quotes_model
    wait_for(app, lambda: model.has_anchors)  # only the list on screen has them
    app.processEvents()

    monitor = StallMonitor()
    if attribute:
        monitor.sampler = StackSampler()
        monitor.sampler.start()
    monitor.start()
    names = ("facet", "summaries", "sort", "end", "row", "search", "counted", "refresh")
    names += ("tag", "untag", "search in city")
    figures: dict[str, list[float]] = {k: [] for k in names}
    figures.update({f"search:{q}": [] for q in SEARCHES})

    painted = ViewportPaints(view.viewport())
    changed = [0.0]  # when the list last changed what it shows
    for signal in (model.modelReset, model.dataChanged):
        signal.connect(lambda *_args: changed.__setitem__(0, time.perf_counter()))

    def settle_table(started: float) -> float:
        """Until the table has painted the new rows (pages read in the background
        included). The paint is the window's own, in its turn of the event loop: a
        repaint forced here would add a second paint the app never does. The list on
        the other tab loads after the one shown (see ``run_in_background``), and the
        clock does not wait for it."""
        while True:
            wait_for(app, lambda: not model.is_loading)
            if not model.is_fetching and started <= changed[0] <= painted.last:
                # the window has painted the change already, in the same turn of the
                # event loop: asking for another paint would time a second one
                return (time.perf_counter() - started) * 1000
            before = painted.count
            view.viewport().update()
            wait_for(app, lambda b=before: painted.count > b)
            if not model.is_fetching:
                return (time.perf_counter() - started) * 1000
            wait_for(app, lambda: not model.is_fetching)

    def toggle(panel, facet_id: int, checked: bool) -> None:
        before = state["summaries"]
        started = time.perf_counter()
        panel.model.set_checked(facet_id, checked)
        figures["facet"].append(settle_table(started))
        wait_for(app, lambda: state["summaries"] > before)
        figures["summaries"].append((time.perf_counter() - started) * 1000)

    rng = random.Random(5)
    for run in range(runs):
        panel = window.city_panel if run % 2 == 0 else window.speaker_panel
        monitor.phase = f"facet click ({panel.objectName()})"
        facet = panel.model
        # The most common value, then others down the long tail.
        row = 0 if run < 2 else rng.randrange(min(facet.rowCount(), 50))
        facet_id = facet.index(row).data(FacetIdRole)
        toggle(panel, facet_id, True)
        toggle(panel, facet_id, False)

    sortable = [c for c in range(model.columnCount()) if model.is_sortable(c)]
    for run in range(runs):
        column = sortable[run % len(sortable)]
        monitor.phase = f"sort by {model.column_key(column)}"
        order = Qt.SortOrder.DescendingOrder if run % 2 else Qt.SortOrder.AscendingOrder
        started = time.perf_counter()
        view.sortByColumn(column, order)
        figures["sort"].append(settle_table(started))
    # Back to the order the window opens in, so that what follows is measured in it
    # whatever --runs left the last sort at (15 runs left the list sorted by role).
    opening = next(c for c in sortable if model.column_key(c) == DEFAULT_SORT[model.kind])
    view.sortByColumn(opening, Qt.SortOrder.AscendingOrder)
    settle_table(time.perf_counter())
    wait_for(app, lambda: model.has_anchors)

    scrollbar = view.verticalScrollBar()
    monitor.phase = "jumps"
    # A jump ends when the rows jumped to are painted: a page not cached is read in the
    # background, and its rows are painted empty until it is in.
    for _run in range(runs):
        scrollbar.setValue(0)
        settle_table(time.perf_counter())
        started = time.perf_counter()
        view.scrollToBottom()
        figures["end"].append(settle_table(started))
        for _ in range(3):
            started = time.perf_counter()
            scrollbar.setValue(rng.randrange(scrollbar.maximum() + 1))
            figures["row"].append(settle_table(started))
    app.processEvents()

    # Search: type into the real box; the clock starts when the debounce fires.
    from PySide6.QtTest import QTest

    box = window.search_box
    fired: list[float] = []
    box.query_changed.connect(lambda _q: fired.append(time.perf_counter()))
    for run in range(runs):
        text = SEARCHES[run % len(SEARCHES)]
        monitor.phase = f"search {text}"
        box.edit.setFocus()
        QTest.keyClicks(box.edit, text)
        wait_for(app, lambda: fired and not box.is_pending())
        elapsed = settle_table(fired[-1])
        figures["search"].append(elapsed)
        figures[f"search:{text}"].append(elapsed)
        # The first rows may come with a lower bound of the count ("≥ n"): until both
        # lists have counted every match.
        wait_for(app, lambda: all(m.count_is_exact for m in models))
        figures["counted"].append((time.perf_counter() - fired[-1]) * 1000)
        wait_for(app, lambda: state["summaries"] and window.filters.search is not None)
        monitor.phase = "search cleared"
        fired.clear()
        before = state["summaries"]
        box.clear()
        wait_for(app, lambda b=before: fired and state["summaries"] > b)
        settle_table(time.perf_counter())
        fired.clear()

    # A search typed with a city selected: the top city, then one down the long tail.
    for run in range(runs):
        row = 0 if run % 2 == 0 else min(window.city_panel.model.rowCount() - 1, 40)
        city = window.city_panel.model.index(row).data(FacetIdRole)
        window.city_panel.model.set_checked(city, True)
        settle_table(time.perf_counter())
        text = SEARCHES[(run // 2) % 2]
        monitor.phase = f"search {text} in a city"
        fired.clear()
        QTest.keyClicks(box.edit, text)
        wait_for(app, lambda: fired and not box.is_pending())
        figures["search in city"].append(settle_table(fired[-1]))
        wait_for(app, lambda: all(m.count_is_exact for m in models))
        box.set_text("")
        window.city_panel.model.set_checked(city, False)
        settle_table(time.perf_counter())
    fired.clear()

    # The eight facets and both charts re-read under a filter (a city) and a search.
    city = window.city_panel.model.index(0).data(FacetIdRole)
    window.city_panel.model.set_checked(city, True)
    settle_table(time.perf_counter())
    for run in range(runs):
        monitor.phase = "facet refresh"
        if run == runs // 2:
            box.set_text(SEARCHES[0])
            settle_table(time.perf_counter())
        before = state["summaries"]
        window._summary_cache.clear()  # counted afresh, not remembered
        started = time.perf_counter()
        window._refresh_summaries()
        wait_for(app, lambda b=before: state["summaries"] > b)
        figures["refresh"].append((time.perf_counter() - started) * 1000)
    box.set_text("")
    window.city_panel.model.set_checked(city, False)
    settle_table(time.perf_counter())
    wait_for(app, lambda: model.has_anchors)

    # Tag 10,000 quotes through the window's tag path, then undo it (QUndoStack).
    (size,) = window.archive.db.execute("SELECT max(id) FROM quotes").fetchone()
    for _run in range(max(3, runs // 3)):
        ids = sorted(rng.sample(range(1, size + 1), min(10_000, size)))
        monitor.phase = "tag 10k"
        started = time.perf_counter()
        # The write runs off the GUI thread and is pushed onto the undo stack when done.
        assert window.tagging.tag(ids, "bench-window")
        wait_for(app, lambda: not window.undo_stack.busy)
        figures["tag"].append(settle_table(started))
        monitor.phase = "undo tag 10k"
        started = time.perf_counter()
        window.undo_stack.undo()  # reverted off the GUI thread too
        wait_for(app, lambda: not window.undo_stack.busy)
        figures["untag"].append(settle_table(started))
        app.processEvents()
    window.undo_stack.clear()
    app.processEvents()
    monitor.stop()
    if monitor.sampler is not None:
        monitor.sampler.stop()
        for late, phase, where in sorted(monitor.stalls, reverse=True)[:15]:
            print(f"stall {late:6.1f} ms  {phase:36s} {where}", file=sys.stderr)

    result = {
        "rows": model.rowCount(),
        "facet_click_table_ms": summary(figures["facet"]),
        "facets_and_chart_ms": summary(figures["summaries"]),
        "sort_table_ms": summary(figures["sort"]),
        "jump_to_end_ms": summary(figures["end"]),
        "jump_to_row_ms": summary(figures["row"]),
        "search_table_ms": summary(figures["search"]),
        "search_by_query_ms": {q: summary(figures[f"search:{q}"]) for q in SEARCHES},
        "search_counted_ms": summary(figures["counted"]),
        "search_in_city_table_ms": summary(figures["search in city"]),
        "facets_refresh_ms": summary(figures["refresh"]),
        "tag_10k_window_ms": summary(figures["tag"]),
        "undo_tag_10k_window_ms": summary(figures["untag"]),
        "max_gui_stall_ms": round(monitor.longest, 1),
        "max_gui_stall_during": monitor.longest_phase,
        "max_gui_stall_by_phase_ms": _by_kind(monitor.by_phase),
    }
    with window.archive.transaction():
        window.archive.db.execute("DELETE FROM tags WHERE name = 'bench-window'")
    window.close()
    window.archive.close()
    return result


# -- store-level figures --------------------------------------------------------------


def measure_tagging(db: Path, runs: int) -> dict:
    from archive_gui.core.store import Archive
    from archive_gui.core.store.bulk import tag_quotes, untag_quotes

    tag, untag = [], []
    with Archive.open(db) as archive:
        (size,) = archive.db.execute("SELECT max(id) FROM quotes").fetchone()
        rng = random.Random(3)
        for _ in range(runs):
            ids = rng.sample(range(1, size + 1), min(10_000, size))
            started = time.perf_counter()
            tag_quotes(archive, ids, "bench-selection")
            tag.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            untag_quotes(archive, ids, "bench-selection")
            untag.append((time.perf_counter() - started) * 1000)
        with archive.transaction():
            archive.db.execute("DELETE FROM tags WHERE name = 'bench-selection'")
    return {"tag_10k_ms": summary(tag), "untag_10k_ms": summary(untag)}


def measure_export(db: Path, runs: int) -> dict:
    from archive_gui.core.export import export_records
    from archive_gui.core.store import Archive, RecordKind

    samples = []
    with Archive.open(db) as archive, tempfile.TemporaryDirectory() as tmp:
        (size,) = archive.db.execute("SELECT max(id) FROM quotes").fetchone()
        ids = range(1, min(100_000, size) + 1)
        for _ in range(max(1, runs // 3)):
            started = time.perf_counter()
            export_records(archive, RecordKind.QUOTES, "csv", Path(tmp) / "quotes.csv", ids=ids)
            samples.append((time.perf_counter() - started) * 1000)
    return {"export_100k_csv_ms": summary(samples), "export_records": len(ids)}


_IMPORT_TEMPLATE = (
    "Agents detain {n} in {city}\n\n"
    "Federal immigration agents arrested {n} people in {city} this week, "
    "according to ICE. Article {i} of a benchmark run (synthetic).\n\n"
    '"We are focused on public safety threats," said ICE spokesman Bryan Cox.\n\n'
    "Advocates said families were afraid to leave their homes.\n\n"
    '"People are terrified to go to work," said Maria Lopez, an organizer with '
    "a local immigrant rights group.\n\n"
    "Officials did not say how many of those arrested had criminal records.\n"
)
_IMPORT_CITIES = ("Atlanta", "Chicago", "Houston", "Denver", "Phoenix", "Newark")


def measure_import(db: Path, articles: int = 300) -> dict:
    from archive_gui.core.importer import import_paths
    from archive_gui.core.store import Archive
    from archive_gui.core.store.bulk import delete_articles

    with tempfile.TemporaryDirectory() as tmp, Archive.open(db) as archive:
        stamp = time.time_ns()
        for i in range(articles):
            text = _IMPORT_TEMPLATE.format(
                n=10 + i % 90, city=_IMPORT_CITIES[i % len(_IMPORT_CITIES)], i=f"{stamp}-{i}"
            )
            Path(tmp, f"article-{i:04d}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        report = import_paths(archive, [Path(tmp)])
        seconds = time.perf_counter() - started
        delete_articles(archive, report.article_ids)  # leave the bench archive as it was,
        archive.tidy_search_index()  # its full-text index in one segment again
    return {
        "import_articles_per_s": round(report.added / seconds, 1),
        "import_records": report.quotes + report.operations,
    }


# -- the command ------------------------------------------------------------------------


# The figures printed, one line each, in this order (and all in the final JSON line).
FIGURES = (
    "startup_first_paint_ms",
    "startup_populated_ms",
    "facet_click_table_ms",
    "search_table_ms",
    "search_in_city_table_ms",
    "sort_table_ms",
    "facets_and_chart_ms",
    "facets_refresh_ms",
    "jump_to_end_ms",
    "jump_to_row_ms",
    "max_gui_stall_ms",
    "tag_10k_window_ms",
    "undo_tag_10k_window_ms",
    "tag_10k_ms",
    "untag_10k_ms",
    "export_100k_csv_ms",
    "import_articles_per_s",
    "peak_rss_mb",
)


def _line(name: str, value) -> str:
    target = TARGETS.get(name)
    if isinstance(value, dict):
        text = f"median {value['median']:,} ms, p95 {value['p95']:,} ms (n={value['n']})"
        if isinstance(target, tuple):
            ok = value["median"] <= target[0] and value["p95"] <= target[1]
            goal = f"median ≤ {target[0]} ms, p95 ≤ {target[1]} ms"
        elif target is not None:
            ok, goal = value["median"] <= target, f"≤ {target} ms"
        else:
            ok, goal = None, ""
    elif value is None:
        text, ok, goal = "n/a", None, ""
    else:
        unit = " MB" if name.endswith("_mb") else ""
        unit = " articles/s" if name.endswith("_per_s") else unit or " ms"
        text = f"{value:,}{unit}"
        if name.endswith("_per_s"):
            ok, goal = value >= target, f"≥ {target}{unit}"
        elif target is not None:
            ok, goal = value <= target, f"≤ {target}{unit}"
        else:
            ok, goal = None, ""
    verdict = "" if ok is None else (" ok" if ok else " MISSES TARGET")
    return f"{name:24s} {text}" + (f"  [target {goal}]{verdict}" if goal else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="the archive to measure (built if missing)")
    parser.add_argument("--runs", type=int, default=15, help="repetitions per interaction")
    parser.add_argument(
        "--attribute-stalls",
        action="store_true",
        help="sample the GUI thread's stack and print where each stall over 50 ms was spent",
    )
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.startup_probe:
        startup_probe(args.db)
        return 0

    db = args.db or cache_path(args.quotes)
    build = ensure_archive(db, args.quotes)
    figures: dict = {"archive": str(db), "quotes": args.quotes}
    if build is not None:
        figures["build_s"] = round(build, 1)
    first, populated = measure_startup(db, max(3, args.runs // 3))
    figures["startup_first_paint_ms"] = summary(first)
    figures["startup_populated_ms"] = summary(populated)
    figures.update(run_interactions(db, args.runs, args.attribute_stalls))
    figures.update(measure_tagging(db, max(3, args.runs // 3)))
    figures.update(measure_export(db, args.runs))
    figures.update(measure_import(db))
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    for name in FIGURES:
        print(_line(name, figures[name]), flush=True)
        if name == "max_gui_stall_ms":
            stalls = ", ".join(
                f"{kind or 'idle'} {late:,} ms"
                for kind, late in figures["max_gui_stall_by_phase_ms"].items()
            )
            print(f"  by interaction: {stalls}", flush=True)
        if name == "search_table_ms":
            for query, value in figures["search_by_query_ms"].items():
                print("  " + _line(f"search {query}", value), flush=True)
            print("  " + _line("… every match counted", figures["search_counted_ms"]), flush=True)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
