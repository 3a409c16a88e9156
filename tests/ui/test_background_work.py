"""Background work in the window: errors reach the user, a reloading list never mixes
two queries, and tagging writes (and their undo) run off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel

from archive_gui.core.search import SearchSyntaxError, parse
from archive_gui.core.store import Archive
from archive_gui.core.store.schema import RecordFilter, RecordKind
from archive_gui.ui.main_window import MainWindow
from archive_gui.ui.models import (
    PAGE_SIZE,
    QuotesTableModel,
    RecordRole,
    run_in_background,
    wait_for_background,
)
from tests.ui.conftest import fill_archive

NUL_SEARCH = "we\x00x"  # parses, but SQLite's full-text index rejects it when run


@pytest.fixture
def file_archive(tmp_path):
    archive = fill_archive(Archive.open(tmp_path / "archive.db"))
    yield archive
    wait_for_background()
    archive.close()


def _window(qtbot, archive) -> MainWindow:
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.quotes_model.is_loading, timeout=10_000)
    return window


def _settle(qtbot, window) -> None:
    models = (window.operations_model, window.quotes_model)
    qtbot.waitUntil(
        lambda: not any(m.is_loading for m in models) and not window.undo_stack.busy,
        timeout=10_000,
    )


# -- errors of background work --------------------------------------------------------


def test_run_in_background_hands_errors_to_on_error(qtbot, file_archive):
    from PySide6.QtCore import QObject

    owner = QObject()
    errors: list = []

    def work(_archive):
        raise ValueError("boom")

    run_in_background(owner, file_archive, work, lambda _r: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], ValueError)


def test_results_that_arrive_together_are_handed_over_one_per_turn(qtbot):
    """Rows, counts and facet counts arriving at once were handled back to back, with
    the paints they caused, and the window took no input for the sum of them."""
    from PySide6.QtCore import QCoreApplication, QObject

    from archive_gui.ui import models

    dispatcher, owner, delivered = models._Dispatcher(), QObject(), []
    for token in (1, 2, 3):
        dispatcher.pending[token] = (owner, delivered.append, None)
        dispatcher.done.emit(token, f"result {token}", None)
    QCoreApplication.sendPostedEvents()  # the three arrive in one turn
    assert delivered == ["result 1"]
    qtbot.waitUntil(lambda: len(delivered) == 3)
    assert delivered == ["result 1", "result 2", "result 3"]
    dispatcher.pending[4] = (owner, delivered.append, None)
    dispatcher.done.emit(4, "result 4", None)
    QCoreApplication.sendPostedEvents()
    dispatcher.deliver_all()  # as when the archive closes
    assert delivered[-1] == "result 4"


def test_a_search_the_index_rejects_shows_in_the_search_box(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    before = window.quotes_model.rowCount()
    with qtbot.waitSignal(window.quotes_model.failed, timeout=10_000) as failed:
        window.search_box.set_text(NUL_SEARCH)
        window.search_box.apply()
    assert isinstance(failed.args[0], SearchSyntaxError)
    qtbot.waitUntil(lambda: window.search_box.error() is not None, timeout=5_000)
    assert not window.quotes_model.is_loading  # not stuck loading
    assert window.quotes_model.rowCount() == before  # the last good rows stay


def test_a_failed_list_load_clears_loading_and_reports_in_the_status_bar(qtbot, archive):
    window = _window(qtbot, archive)
    model = window.quotes_model

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    archive.count = broken  # this archive only
    model.refresh()
    assert not model.is_loading
    assert "disk on fire" in window.statusBar().currentMessage()


def test_an_in_memory_search_error_shows_in_the_search_box(qtbot, archive):
    window = _window(qtbot, archive)
    window.search_box.set_text(NUL_SEARCH)
    window.search_box.apply()
    assert window.search_box.error() is not None
    assert not window.quotes_model.is_loading


def test_a_failed_reextraction_clears_its_flag(qtbot, archive, monkeypatch):
    window = _window(qtbot, archive)

    def broken(*_args, **_kwargs):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr("archive_gui.core.reextract.reextract_articles", broken)
    window.reextract(None)
    assert not window._reextracting
    assert window.reextract_all_action.isEnabled()
    assert "extractor crashed" in window.statusBar().currentMessage()


# -- a reloading list keeps showing the query its rows belong to -------------------------


def test_the_list_on_screen_reads_its_first_page_before_the_hidden_one(
    qtbot, file_archive, monkeypatch
):
    """On two cores the other tab's list would share the CPU and the GIL with the one
    the user waits for: it starts once the shown list's first page is in."""
    import threading
    import time

    window = _window(qtbot, file_archive)
    window.tabs.setCurrentWidget(window.quotes_table)
    _settle(qtbot, window)
    reads: dict[str, tuple[float, float]] = {}
    first_page = Archive.first_page
    lock = threading.Lock()

    def timed(self, kind, *args, **kwargs):
        started = time.perf_counter()
        if kind is RecordKind.QUOTES:
            time.sleep(0.1)  # long enough to see who waits
        try:
            return first_page(self, kind, *args, **kwargs)
        finally:
            with lock:
                reads[kind.value] = (started, time.perf_counter())

    monkeypatch.setattr(Archive, "first_page", timed)
    window.search_box.set_text("families")
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=10_000)
    _settle(qtbot, window)
    assert reads["operations"][0] >= reads["quotes"][1]
    # and the other way round once the operations are shown
    reads.clear()
    window.tabs.setCurrentWidget(window.operations_table)
    window.search_box.set_text("law")
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=10_000)
    _settle(qtbot, window)
    assert reads["operations"][0] < reads["quotes"][0]


def test_rows_are_highlighted_for_the_search_that_found_them(qtbot, file_archive, monkeypatch):
    """While a new search is read, the rows shown keep the old search's highlights (the
    new terms would be drawn on rows about to go); they change with the rows."""
    import time

    window = _window(qtbot, file_archive)
    window.tabs.setCurrentWidget(window.quotes_table)
    window.search_box.set_text("families")
    _settle(qtbot, window)
    assert window.quotes_table.highlighter.query.source == "families"
    first_page = Archive.first_page

    def slow(self, *args, **kwargs):
        time.sleep(0.2)
        return first_page(self, *args, **kwargs)

    monkeypatch.setattr(Archive, "first_page", slow)
    window.search_box.set_text("law")
    assert window.quotes_table.highlighter.query.source == "families"
    _settle(qtbot, window)
    assert window.quotes_table.highlighter.query.source == "law"
    window.search_box.set_text("")
    _settle(qtbot, window)
    assert window.quotes_table.highlighter.query is None


def test_rows_stay_with_their_query_until_the_new_one_is_in(qtbot, file_archive):
    model = QuotesTableModel(file_archive)
    qtbot.waitUntil(lambda: not model.is_loading, timeout=10_000)
    shown = [model.index(r, 0).data(RecordRole)["id"] for r in range(model.rowCount())]
    model.set_filters(RecordFilter(search=parse("beginning")))
    assert model.is_loading
    assert model.filters.search is not None  # asked for at once
    # Meanwhile the page queries still read the shown (unfiltered) list.
    query = model._page_query(0)
    assert query["filters"] == RecordFilter()
    assert [model.index(r, 0).data(RecordRole)["id"] for r in range(model.rowCount())] == shown
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        pass
    assert model._page_query(0)["filters"].search is not None
    assert model.rowCount() == 1
    wait_for_background()


def test_sorting_switches_rows_atomically(qtbot, file_archive):
    model = QuotesTableModel(file_archive)
    qtbot.waitUntil(lambda: not model.is_loading, timeout=10_000)
    column = next(c for c in range(model.columnCount()) if model.is_sortable(c))
    old = model._shown
    model.sort(column, model.sort_order().__class__.DescendingOrder)
    assert model._shown is old and model._page_query(0)["sort_key"] == old.sort_key
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        pass
    assert model._shown.descending
    wait_for_background()


def test_a_search_shows_its_first_rows_before_every_match_is_counted(
    qtbot, file_archive, monkeypatch
):
    """Under a search the first page comes with a lower bound of the count when counting
    every match would cost more than the page (forced here: one-row pages, counting
    stopped at one match): the status bar says "≥ n", then the rest is counted in the
    background, its rows appended, and the status shows the exact count."""
    monkeypatch.setattr("archive_gui.ui.models.PAGE_SIZE", 1)
    monkeypatch.setattr(Archive, "_plan_settled", lambda *_args: 1)
    monkeypatch.setattr("archive_gui.core.store.archive.COUNT_FLOOR", 1)
    window = _window(qtbot, file_archive)
    model = window.quotes_model
    query = parse("we OR families OR our")
    expected = file_archive.record_ids(RecordKind.QUOTES, RecordFilter(search=query))
    assert len(expected) >= 2
    seen: list = []

    def on_loaded() -> None:
        if model.filters.search is not None and not seen:
            status = window.status_label.text()
            seen.append((model.rowCount(), model.count_is_exact, status))

    model.loaded.connect(on_loaded)
    with qtbot.waitSignal(model.counted, timeout=10_000):
        window.search_box.set_text("we OR families OR our")
        window.search_box.apply()
    rows, exact, status = seen[0]
    assert (rows, exact) == (1, False)
    assert "≥ 1 of" in status
    assert model.count_is_exact and model.rowCount() == len(expected)
    assert "≥" not in window.status_label.text().split("·")[1]
    assert model.ids_in_rows(0, model.rowCount() - 1) == list(
        file_archive.record_ids(RecordKind.QUOTES, RecordFilter(search=query), "published")
    )
    wait_for_background()


def test_a_new_query_shows_the_top_of_its_list(qtbot, file_archive, monkeypatch):
    monkeypatch.setattr("archive_gui.ui.models.PAGE_SIZE", 1)
    window = _window(qtbot, file_archive)
    table = window.quotes_table
    window.tabs.setCurrentWidget(table)
    table.setFixedHeight(table.verticalHeader().defaultSectionSize() * 3)
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 0, timeout=5_000)
    table.scrollToBottom()
    assert table.verticalScrollBar().value() > 0
    with qtbot.waitSignal(window.quotes_model.loaded, timeout=10_000):
        window.search_box.set_text("we OR families")
        window.search_box.apply()
    assert table.verticalScrollBar().value() == 0
    wait_for_background()


# -- tagging off the GUI thread ----------------------------------------------------------


def _quote_ids(window) -> list[int]:
    return sorted(window.archive.record_ids(RecordKind.QUOTES))


def _tagged(archive, name: str) -> set[int]:
    rows = archive.db.execute(
        "SELECT qt.quote_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE t.name = ?",
        [name],
    )
    return {row[0] for row in rows}


def test_tagging_runs_in_the_background_and_undo_too(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    ids = _quote_ids(window)[:2]
    with qtbot.waitSignal(window.tagging.tagged, timeout=10_000):
        assert window.tagging.tag(ids, "bg/tag")
        assert window.undo_stack.busy  # in flight: no other step
        assert not window.undo_action.isEnabled()
        assert not window.tag_action.isEnabled()
    assert _tagged(file_archive, "bg/tag") == set(ids)
    assert window.undo_stack.count() == 1
    assert window.undo_action.isEnabled()

    window.undo_stack.undo()
    assert window.undo_stack.busy
    window.undo_stack.undo()  # ignored while busy: the stack stays consistent
    _settle(qtbot, window)
    assert window.undo_stack.index() == 0
    assert _tagged(file_archive, "bg/tag") == set()

    window.undo_stack.redo()
    _settle(qtbot, window)
    assert _tagged(file_archive, "bg/tag") == set(ids)
    assert window.undo_stack.index() == 1


def test_a_failed_background_tag_reports_and_pushes_nothing(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    with qtbot.waitSignal(window.tagging.error, timeout=10_000) as error:
        window.tagging.tag([1], "  ")
    assert error.args[0]
    assert window.undo_stack.count() == 0
    assert not window.undo_stack.busy


def test_tag_all_in_the_list_tags_the_filter_in_the_store(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    window.search_box.set_text("beginning")
    window.search_box.apply()
    _settle(qtbot, window)
    expected = set(window.archive.record_ids(RecordKind.QUOTES, window.filters))
    assert window.tag_all_listed()
    assert isinstance(window.tagging.target, RecordFilter)
    with qtbot.waitSignal(window.tagging.tagged, timeout=10_000) as tagged:
        window.tagging.popup.edit.setText("listed")
        window.tagging.popup.accept_text()
    assert set(tagged.args[0].quote_ids) == expected
    assert _tagged(file_archive, "listed") == expected


def test_all_rows_selected_is_the_filter(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    window.tabs.setCurrentWidget(window.quotes_table)
    window.quotes_table.selectAll()
    selected = window.selected_quote_ids()
    assert selected == (window.quotes_model.filters, window.quotes_model.rowCount())
    assert window.untag_action.isEnabled()


def test_selected_ids_resolve_by_range(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    window.tabs.setCurrentWidget(window.quotes_table)
    model, table = window.quotes_model, window.quotes_table
    selection = QItemSelection(model.index(0, 0), model.index(1, model.columnCount() - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    expected = sorted(model.index(r, 0).data(RecordRole)["id"] for r in (0, 1))
    assert window.selected_quote_ids() == expected
    assert model.ids_in_rows(0, model.rowCount() - 1) == [
        model.index(r, 0).data(RecordRole)["id"] for r in range(model.rowCount())
    ]
    assert model.rowCount() < PAGE_SIZE


# -- chart tooltips --------------------------------------------------------------------


def test_chart_tooltips_are_read_once_per_bar_and_filters(qtbot, archive):
    window = _window(qtbot, archive)
    qtbot.waitUntil(lambda: bool(window.chart.totals), timeout=10_000)
    calls = []
    real = archive.records_behind

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    archive.records_behind = counting
    first = window.chart.tooltip_for(0)
    second = window.chart.tooltip_for(0)
    assert first == second and "<b>" in first
    assert len(calls) == 1


def test_chart_tooltips_load_in_the_background(qtbot, file_archive):
    window = _window(qtbot, file_archive)
    qtbot.waitUntil(lambda: bool(window.chart.totals), timeout=10_000)
    assert "loading" in window.chart.tooltip_for(0)
    qtbot.waitUntil(lambda: "loading" not in window.chart.tooltip_for(0), timeout=10_000)


def test_facet_values_change_without_a_model_reset(qtmodeltester):
    from archive_gui.core.store.archive import FacetValue
    from archive_gui.ui.models import FacetListModel

    model = FacetListModel("quotes")
    qtmodeltester.check(model, force_py=True)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_values([FacetValue(i, f"v{i}", 10 - i) for i in range(5)])
    model.set_values([FacetValue(i, f"w{i}", 3) for i in range(2, 4)])
    assert [model.index(r).data() for r in range(model.rowCount())] == ["w2", "w3"]
    model.set_values([FacetValue(i, f"x{i}", 1) for i in range(7)])
    assert model.rowCount() == 7 and model.index(6).data() == "x6"
    assert resets == []
