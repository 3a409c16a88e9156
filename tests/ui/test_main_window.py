"""The main window: facets, tables, chart and source pane working together.

Widgets are found by objectName: ``cityFilter`` / ``speakerFilter`` (FilterPanel),
``operationsTable`` / ``quotesTable`` (RecordTableView), ``arrestChart``
(ArrestChartPanel), ``sourceView`` (SourceView), ``emptyState``, ``recordCounts``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from archive_gui.core.store import Archive
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.app import run
from archive_gui.ui.chart import ArrestChartPanel
from archive_gui.ui.filters import FilterPanel
from archive_gui.ui.importing import ImportController
from archive_gui.ui.main_window import MainWindow
from archive_gui.ui.models import CountRole, FacetIdRole, RecordRole
from archive_gui.ui.source import SourceView
from tests.ui.conftest import ArticleSpec, fill_archive


def _panel(window, name: str) -> FilterPanel:
    panel = window.findChild(FilterPanel, name)
    assert panel is not None, name
    return panel


def _table(window, name: str) -> QTableView:
    table = window.findChild(QTableView, name)
    assert table is not None, name
    return table


def _facet_counts(panel: FilterPanel) -> dict[str, int]:
    view = panel.list_view
    model = view.model()
    return {
        model.index(row, 0).data(): model.index(row, 0).data(CountRole)
        for row in range(model.rowCount())
    }


def _check(qtbot, panel: FilterPanel, label: str) -> None:
    """Click a facet value, as a user would, and wait for the filter to change."""
    view = panel.list_view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == label)
    rect = view.visualRect(model.index(row, 0))
    with qtbot.waitSignal(panel.selection_changed):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _chart_totals(window) -> dict[str, float]:
    chart = window.findChild(ArrestChartPanel, "arrestChart")
    totals, rows = chart.totals_item.getData()
    labels = [t.label for t in chart.totals]
    if totals is None:  # pyqtgraph's way of saying "no data"
        assert not labels
        return {}
    assert list(rows) == list(range(len(labels)))
    return dict(zip(labels, totals.tolist(), strict=True))


def test_window_shows_every_record_at_first(window):
    assert _table(window, "operationsTable").model().rowCount() == 6
    assert _table(window, "quotesTable").model().rowCount() == 5
    assert _facet_counts(_panel(window, "cityFilter")) == {
        "Atlanta, GA": 2,
        "Chicago, IL": 1,
        "Los Angeles, CA": 1,
    }
    assert _chart_totals(window) == {
        "California": 1179,
        "Chicago, IL": 200,
        "Atlanta, GA": 115,
        "Los Angeles, CA": 42,
        "Atlanta area of operations": 24,
    }
    status = window.findChild(QLabel, "recordCounts").text()
    assert status == "6 operations · 5 quotes · 3 articles"
    assert not window.findChild(type(window.empty_page), "emptyState").isVisible()


def test_city_then_speaker_filter_everything(qtbot, window):
    operations = _table(window, "operationsTable").model()
    quotes = _table(window, "quotesTable").model()
    city_panel = _panel(window, "cityFilter")
    speaker_panel = _panel(window, "speakerFilter")

    _check(qtbot, city_panel, "Atlanta, GA")
    assert operations.rowCount() == 2
    assert quotes.rowCount() == 4  # quotes of the articles reporting arrests in Atlanta
    assert _facet_counts(speaker_panel) == {"Bryan Cox": 2, "Maria Lopez": 1, "Tom Homan": 1}
    # A facet's own counts ignore its own selection.
    assert _facet_counts(city_panel)["Chicago, IL"] == 1
    assert _chart_totals(window) == {"Atlanta, GA": 115}
    assert "2 of 6 operations · 4 of 5 quotes" in window.findChild(QLabel, "recordCounts").text()

    _check(qtbot, speaker_panel, "Maria Lopez")
    assert operations.rowCount() == 1
    assert quotes.rowCount() == 1
    assert _facet_counts(city_panel) == {"Chicago, IL": 1, "Atlanta, GA": 1}
    assert _chart_totals(window) == {"Atlanta, GA": 15}
    chart = window.findChild(ArrestChartPanel, "arrestChart")
    assert [t.approximate for t in chart.totals] == [False]


def test_checked_value_stays_listed_at_zero(qtbot, window):
    _check(qtbot, _panel(window, "cityFilter"), "Los Angeles, CA")
    _check(qtbot, _panel(window, "cityFilter"), "Chicago, IL")
    _check(qtbot, _panel(window, "speakerFilter"), "Maria Lopez")
    assert _facet_counts(_panel(window, "cityFilter")) == {
        "Chicago, IL": 1,
        "Atlanta, GA": 1,
        "Los Angeles, CA": 0,
    }
    assert _table(window, "operationsTable").model().rowCount() == 1


def test_chart_says_when_there_is_nothing_to_draw(qtbot, window):
    chart = window.findChild(ArrestChartPanel, "arrestChart")
    chart.show_totals([])
    assert _chart_totals(window) == {}
    assert chart.empty_label.isVisible()
    assert not chart.plot.isVisible()


def test_clicking_a_checked_value_unchecks_it(qtbot, window):
    panel = _panel(window, "cityFilter")
    _check(qtbot, panel, "Chicago, IL")
    assert panel.checked_ids()
    _check(qtbot, panel, "Chicago, IL")
    assert not panel.checked_ids()
    assert _table(window, "operationsTable").model().rowCount() == 6


def test_quick_search_narrows_the_facet_but_keeps_checked_values(qtbot, window):
    panel = _panel(window, "cityFilter")
    _check(qtbot, panel, "Chicago, IL")
    panel.search.setText("los")
    assert set(_facet_counts(panel)) == {"Los Angeles, CA", "Chicago, IL"}
    panel.search.clear()
    assert len(_facet_counts(panel)) == 3


def test_clear_filters_action_resets(qtbot, window):
    _check(qtbot, _panel(window, "cityFilter"), "Atlanta, GA")
    _check(qtbot, _panel(window, "speakerFilter"), "Bryan Cox")
    assert window.clear_filters_action.isEnabled()
    window.clear_filters_action.trigger()
    assert window.filters.is_empty
    assert _table(window, "operationsTable").model().rowCount() == 6
    assert not _panel(window, "cityFilter").checked_ids()
    assert not window.clear_filters_action.isEnabled()


def test_clear_link_clears_one_panel(qtbot, window):
    panel = _panel(window, "cityFilter")
    _check(qtbot, panel, "Atlanta, GA")
    with qtbot.waitSignal(panel.selection_changed):
        panel.clear_link.linkActivated.emit("clear")
    assert _table(window, "operationsTable").model().rowCount() == 6


@pytest.mark.parametrize("kind", [RecordKind.OPERATIONS, RecordKind.QUOTES])
def test_selecting_a_row_highlights_its_span(qtbot, window, archive, kind):
    table = _table(window, "operationsTable" if kind is RecordKind.OPERATIONS else "quotesTable")
    for row in range(table.model().rowCount()):
        window.tabs.setCurrentWidget(table)
        rect = table.visualRect(table.model().index(row, 1))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        record = table.model().index(row, 0).data(RecordRole)
        article = archive.article(record["article_id"])
        source = window.findChild(SourceView, "sourceView")
        assert source.toPlainText() == article.text
        spans = {h.role: h for h in source.highlighted_spans()}
        expected = article.text[record["start"] : record["end"]]
        assert spans["record"].text == expected
        if kind is RecordKind.QUOTES:
            assert expected == record["text"]
            mention = spans["speaker"]
            assert mention.text == record["mention_text"]
        else:
            assert expected == record["count_text"]
            assert spans["place"].text == article.text[record["place_start"] : record["place_end"]]
        selections = source.extraSelections()
        assert selections[0].cursor.selectedText() == expected


def test_the_detail_pane_follows_its_record_through_a_new_query(qtbot, window, archive):
    """A search that keeps the shown quote selects it again; one that leaves it out
    clears the source and the editor rather than show a record the list no longer has."""
    table = _table(window, "quotesTable")
    window.tabs.setCurrentWidget(table)
    model = table.model()
    record = model.index(0, 0).data(RecordRole)
    rect = table.visualRect(model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    source = window.findChild(SourceView, "sourceView")
    assert window.editor.record_id == record["id"] and source.toPlainText()
    word = next(w for w in record["text"].split() if w.isalpha() and len(w) > 3)
    window.search_box.set_text(word)  # the quote has the word: still the one shown
    qtbot.waitUntil(lambda: not model.is_loading)
    current = table.selectionModel().currentIndex()
    assert current.isValid() and current.data(RecordRole)["id"] == record["id"]
    assert window.editor.record_id == record["id"]
    window.search_box.set_text(f"{word} NOT {word}")  # nothing matches
    qtbot.waitUntil(lambda: not model.is_loading)
    assert model.rowCount() == 0
    assert window.editor.record_id is None and source.toPlainText() == ""


def test_source_shows_article_text_as_plain_text(qtbot, empty_archive):
    html = '<b>bold</b> <img src="https://tracker.example/x.png"> "Quoted <i>words</i>," he said.'
    spec = ArticleSpec("<h1>Title</h1>", date(2025, 3, 1), html, quotes=(), operations=())
    fill_archive(empty_archive, [spec])
    window = MainWindow(empty_archive)
    qtbot.addWidget(window)
    article = empty_archive.article(1)
    record = {"start": 0, "end": 11, "count_text": "x", "qualifier": "exact", "count": 1}
    window.source.show_record(RecordKind.OPERATIONS, record, article)
    view = window.findChild(SourceView, "sourceView")
    assert view.toPlainText() == html
    assert window.source.title_label.text() == "<h1>Title</h1>"
    assert window.source.title_label.textFormat() == Qt.TextFormat.PlainText


def _header_click(qtbot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_header_click_sorts_through_the_archive(qtbot, window):
    table = _table(window, "operationsTable")
    model = table.model()
    arrests = next(c for c in range(model.columnCount()) if model.column_key(c) == "count_text")
    with qtbot.waitSignal(model.modelReset):
        _header_click(qtbot, table, arrests)
    first = [model.index(r, 0).data(RecordRole)["count"] for r in range(model.rowCount())]
    assert first in (sorted(first), sorted(first, reverse=True))
    with qtbot.waitSignal(model.modelReset):
        _header_click(qtbot, table, arrests)
    second = [model.index(r, 0).data(RecordRole)["count"] for r in range(model.rowCount())]
    assert second == list(reversed(first))
    assert table.horizontalHeader().sortIndicatorSection() == arrests


def test_header_click_on_unsortable_column_does_nothing(qtbot, window):
    table = _table(window, "quotesTable")
    window.tabs.setCurrentWidget(table)
    model = table.model()
    tags = next(c for c in range(model.columnCount()) if model.column_key(c) == "tags")
    before = [model.index(r, 0).data(RecordRole)["id"] for r in range(model.rowCount())]
    indicator = table.horizontalHeader().sortIndicatorSection()
    with qtbot.assertNotEmitted(model.modelReset):
        _header_click(qtbot, table, tags)
    assert [model.index(r, 0).data(RecordRole)["id"] for r in range(model.rowCount())] == before
    assert table.horizontalHeader().sortIndicatorSection() == indicator


def test_rows_have_a_fixed_height(window):
    for name in ("operationsTable", "quotesTable"):
        rows = _table(window, name).verticalHeader()
        assert rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed


def _options_of(ours, qts, index):
    """The style options our delegate and Qt's fill for ``index``."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    mine, theirs = QStyleOptionViewItem(), QStyleOptionViewItem()
    ours.initStyleOption(mine, index)
    qts.initStyleOption(theirs, index)
    return mine, theirs


def test_the_record_delegate_fills_cells_as_qt_would_from_the_model(window):
    """The delegate reads the row once instead of asking Qt's seven roles: the text, the
    features and the font (italic for approximate counts) come out the same."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from archive_gui.ui.delegates import RecordItemDelegate

    ours, qts = RecordItemDelegate(), QStyledItemDelegate()
    italics = 0
    for table in (window.operations_table, window.quotes_table):
        model = table.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                mine, theirs = _options_of(ours, qts, model.index(row, column))
                assert (mine.text, mine.features, mine.font) == (
                    theirs.text,
                    theirs.features,
                    theirs.font,
                )
                italics += mine.font.italic()
        assert isinstance(table.itemDelegate(), RecordItemDelegate)
    assert italics  # the approximate counts were compared too


def test_the_facet_delegate_fills_rows_as_qt_would_from_the_model(qtbot, window):
    """Also through the quick-search proxy, and for checked and excluded values."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from archive_gui.ui.filters import FacetItemDelegate

    panel = _panel(window, "cityFilter")
    model = panel.model
    model.set_checked(model.index(0).data(FacetIdRole), True)
    model.set_excluded(model.index(1).data(FacetIdRole), True)
    ours, qts = FacetItemDelegate(), QStyledItemDelegate()

    def compare(view_model) -> int:
        for row in range(view_model.rowCount()):
            mine, theirs = _options_of(ours, qts, view_model.index(row, 0))
            assert (mine.text, mine.features, mine.checkState) == (
                theirs.text,
                theirs.features,
                theirs.checkState,
            )
        return view_model.rowCount()

    assert compare(model) >= 3
    panel.search.setText("a")  # the list now shows the proxy
    assert panel.list_view.model() is not model
    assert compare(panel.list_view.model()) >= 1


def test_empty_archive_shows_how_to_import(qtbot, empty_archive):
    window = MainWindow(empty_archive)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.empty_page.isVisible()
    assert "Import" in " ".join(label.text() for label in window.empty_page.findChildren(QLabel))
    assert window.findChild(QLabel, "recordCounts").text() == "0 operations · 0 quotes · 0 articles"


def test_import_runs_in_a_worker_and_refreshes(qtbot, tmp_path):
    article = tmp_path / "raid.txt"
    article.write_text(
        "Agents arrest 12 in Atlanta\n\n"
        'ICE agents arrested 12 people in Atlanta on Monday. "We follow the law," '
        "said ICE spokesman Bryan Cox.\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    archive = Archive.open(tmp_path / "archive.db")
    window = MainWindow(archive)
    qtbot.addWidget(window)
    assert (
        window.empty_page.isHidden() is False or window._pages.currentWidget() is window.empty_page
    )

    controller = window.import_files([article])
    assert controller is not None
    with qtbot.waitSignal(controller.done, timeout=20_000) as blocker:
        pass
    report = blocker.args[0]
    assert report.added == 1
    assert window.archive.totals().articles == 1
    assert not window.empty_page.isVisibleTo(window)
    status = window.findChild(QLabel, "recordCounts").text()
    assert status.endswith("1 article")
    assert window.import_action.isEnabled()
    window.close()
    window.archive.close()


def test_an_import_merges_the_search_index_segments_it_added(qtbot, tmp_path, monkeypatch):
    """Each import adds full-text segments, which every search probe seeks; once past
    the limit (one here) they are merged in the background after the import."""
    from archive_gui.core.store import archive as archive_module

    monkeypatch.setattr(archive_module, "SEARCH_INDEX_MAX_SEGMENTS", 1)
    archive = Archive.open(tmp_path / "archive.db")
    fill_archive(archive)
    assert archive.search_index_segments()["quotes_fts"] > 1
    article = tmp_path / "raid.txt"
    article.write_text(
        'Agents arrested 12 people in Atlanta. "We follow the law," said Bryan Cox.\n',
        encoding="utf-8",
    )
    window = MainWindow(archive)
    qtbot.addWidget(window)
    controller = window.import_files([article])
    with qtbot.waitSignal(controller.done, timeout=20_000):
        pass
    qtbot.waitUntil(
        lambda: archive.search_index_segments() == {"quotes_fts": 1, "articles_fts": 1},
        timeout=10_000,
    )
    window.close()
    archive.close()


def test_open_archive_switches_files(qtbot, window, tmp_path):
    other = Archive.open(tmp_path / "other.db")
    other.close()
    assert window.open_archive(Path(tmp_path / "other.db"))
    assert window.empty_page.isVisibleTo(window)
    window.archive.close()


def test_run_opens_the_window_on_a_new_archive_with_the_sample(qapp, tmp_path):
    seen = {}

    def inspect_and_close():
        window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))
        seen["articles"] = window.archive.totals().articles
        seen["visible"] = window.isVisible()
        window.close()

    QTimer.singleShot(0, inspect_and_close)
    QTimer.singleShot(20_000, qapp.quit)  # never hang the suite if the window stays open
    assert run(tmp_path / "new.db", import_sample=True) == 0
    assert seen == {"articles": 1, "visible": True}


def test_cancelled_import_stops_before_the_next_file(qtbot, tmp_path):
    paths = []
    for n in range(3):
        path = tmp_path / f"article{n}.txt"
        path.write_text(f"Article {n}\n\nAgents arrested {n + 5} people.\n", encoding="utf-8")
        paths.append(path)
    Archive.open(tmp_path / "archive.db").close()
    parent = QWidget()
    qtbot.addWidget(parent)
    controller = ImportController(tmp_path / "archive.db", paths, parent)
    controller.cancel()  # before the worker reads the first file
    with qtbot.waitSignal(controller.done, timeout=20_000) as blocker:
        controller.start()
    report = blocker.args[0]
    assert report.cancelled
    assert report.added == 0
    assert not controller.dialog.isVisible()


def test_file_archive_reads_lists_facets_and_chart_in_the_background(qtbot, tmp_path):
    """On a file archive the window's queries run on worker threads with their own
    connections; results arrive by signal and an outdated one is dropped."""
    archive = fill_archive(Archive.open(tmp_path / "archive.db"))
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    models = (window.operations_model, window.quotes_model)
    qtbot.waitUntil(lambda: not any(m.is_loading for m in models) and bool(window.chart.totals))
    assert window.operations_model.rowCount() == 6
    assert _facet_counts(_panel(window, "cityFilter"))["Atlanta, GA"] == 2

    city_panel = _panel(window, "cityFilter")
    row = next(
        r
        for r in range(city_panel.model.rowCount())
        if city_panel.model.index(r).data() == "Chicago, IL"
    )
    chicago = city_panel.model.index(row).data(FacetIdRole)
    with qtbot.waitSignal(window.summaries_shown, timeout=10_000):
        city_panel.model.set_checked(chicago, True)  # superseded by the next click
        city_panel.model.set_checked(chicago, False)
        city_panel.model.set_checked(chicago, True)
    qtbot.waitUntil(lambda: not any(m.is_loading for m in models))
    assert window.operations_model.rowCount() == 1
    assert _chart_totals(window) == {"Chicago, IL": 200}
    assert "1 of 6 operations" in window.findChild(QLabel, "recordCounts").text()
    window.close()
    window.archive.close()


def test_a_filter_change_redraws_the_summary_bar_once(qtbot, window, monkeypatch):
    calls = []
    redraw = window._update_summary_bar
    monkeypatch.setattr(window, "_update_summary_bar", lambda: calls.append(1) or redraw())
    _check(qtbot, _panel(window, "cityFilter"), "Atlanta, GA")
    qtbot.wait(50)  # let the counts under the new filter come back
    assert _facet_counts(_panel(window, "cityFilter"))["Atlanta, GA"] == 2
    assert len(calls) == 1


def test_the_lists_stay_in_place_when_the_first_filter_comes_and_goes(qtbot, window):
    """The filter line is always there: a list that moved would be redrawn whole."""
    qtbot.wait(50)
    before = window.tabs.geometry()
    _check(qtbot, _panel(window, "cityFilter"), "Atlanta, GA")
    qtbot.wait(50)
    assert window.summary_bar.buttons() and window.tabs.geometry() == before
    window.clear_filters()
    qtbot.wait(50)
    assert not window.summary_bar.buttons() and window.tabs.geometry() == before


def test_every_side_panel_facet_has_one_panel_titled_as_the_facet_table(window):
    from archive_gui.core.store.schema import FACET_BY_KEY, FACETS

    assert set(window.panels) == set(FACETS)
    for facet, panel in window.panels.items():
        assert (panel.facet, panel.title) == (facet, FACET_BY_KEY[facet].title)


def test_the_facet_panels_keep_their_width_whether_or_not_they_overflow(qtbot, window):
    """The side panel's scroll bar is always there: coming and going as the panels
    outgrew the window (under a search, say), it narrowed and widened all eight, and
    each was laid out and repainted again."""
    widths = []
    for height in (1600, 600):  # the facet panels fit, then overflow
        window.resize(1400, height)
        qtbot.wait(50)
        widths.append([panel.width() for panel in window.panels.values()])
    assert widths[0] == widths[1]


def test_chart_changes_are_painted_with_the_window_not_at_once(window):
    """A graphics scene that nobody listens to paints its whole window as soon as it
    has taken in a change; the charts' scenes are listened to (see chart.py)."""
    for chart in (window.chart, window.time_chart):
        scene = chart.plot.scene()
        assert scene.receivers("2changed(QList<QRectF>)") > 0


def test_the_chart_over_time_is_read_only_while_shown(qtbot, window, monkeypatch):
    """Its totals cost a reader 125 ms at a million quotes on every change: a hidden
    chart is not read, and it is brought up to date when its tab is shown."""
    archive = window.archive
    read = archive.arrests_over_time
    calls: list = []
    monkeypatch.setattr(
        archive, "arrests_over_time", lambda *a, **k: calls.append(a) or read(*a, **k)
    )
    assert window.charts.currentWidget() is window.chart
    _check(qtbot, _panel(window, "cityFilter"), "Atlanta, GA")
    qtbot.wait(50)
    assert calls == []
    window.charts.setCurrentWidget(window.time_chart)
    expected = read(window.filters, window.time_chart.unit)
    qtbot.waitUntil(lambda: window.time_chart.totals == expected)
    assert len(calls) == 1 and expected


def test_charts_under_a_search_are_capped_and_say_so(qtbot, window, monkeypatch):
    """Under a search the charts, like the facets, count a capped sample of the matching
    operations and their headers say the totals are lower bounds; without one, exact."""
    import archive_gui.ui.main_window as main_window

    charts = (window.chart, window.time_chart)
    window.charts.setCurrentWidget(window.time_chart)  # read while shown only
    qtbot.waitUntil(lambda: bool(window.chart.totals) and bool(window.time_chart.totals))
    assert all(chart.sample_note.isHidden() for chart in charts)
    panes = window.tabs.geometry(), window.charts.geometry()
    monkeypatch.setattr(main_window, "SEARCH_CAP", 1)
    window.search_box.set_text("arrested")
    qtbot.waitUntil(lambda: not any(chart.sample_note.isHidden() for chart in charts))
    assert all(total.sampled for total in window.chart.totals)
    assert sum(total.operations for total in window.chart.totals) == 1
    qtbot.wait(20)
    # The note's room is kept while hidden: the panes do not move (and repaint) for it.
    assert (window.tabs.geometry(), window.charts.geometry()) == panes
    window.search_box.set_text("")
    qtbot.waitUntil(lambda: all(chart.sample_note.isHidden() for chart in charts))
