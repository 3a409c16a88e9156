"""The researcher's workflow in the main window, driven as a user would: type a query,
click facets (include and exclude), tag a selection and undo it, review from the
keyboard, correct a speaker and re-extract, save a search, click the charts, drop
files, and find the layout again after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from archive_gui.core.store import Archive
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.filter_summary import FilterSummaryBar
from archive_gui.ui.main_window import MainWindow
from archive_gui.ui.models import CountRole, RecordRole
from archive_gui.ui.search_box import DEBOUNCE_MS
from tests.ui.conftest import ARTICLES, build_extraction, fill_archive


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, archive, settings):
    window = MainWindow(archive, settings=settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def _rows(model) -> list[dict]:
    return [model.index(r, 0).data(RecordRole) for r in range(model.rowCount())]


def _texts(window) -> list[str]:
    return sorted(r["text"] for r in _rows(window.quotes_model))


def _facet(panel) -> dict[str, int]:
    model = panel.list_view.model()
    return {
        model.index(r, 0).data(): model.index(r, 0).data(CountRole) for r in range(model.rowCount())
    }


def _click_value(qtbot, panel, label, modifier=Qt.KeyboardModifier.NoModifier):
    view = panel.list_view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == label)
    rect = view.visualRect(model.index(row, 0))
    view.scrollTo(model.index(row, 0))
    with qtbot.waitSignal(panel.selection_changed):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _chips(window) -> list[str]:
    bar = window.findChild(FilterSummaryBar, "filterSummary")
    return [b.text().removesuffix("  ×") for b in bar.buttons()] if bar.isVisible() else []


def _select_quotes(window, qtbot, texts: list[str]) -> list[int]:
    window.tabs.setCurrentWidget(window.quotes_table)
    table, model = window.quotes_table, window.quotes_model
    table.clearSelection()
    ids = []
    for row in range(model.rowCount()):
        record = model.index(row, 0).data(RecordRole)
        if record["text"] in texts:
            rect = table.visualRect(model.index(row, 0))
            qtbot.mouseClick(
                table.viewport(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.ControlModifier,
                rect.center(),
            )
            ids.append(record["id"])
    return sorted(ids)


def test_typing_a_query_filters_as_you_type_and_highlights(qtbot, window):
    window.tabs.setCurrentWidget(window.quotes_table)
    qtbot.keyClicks(window.search_box.edit, "deliberate OR families")
    assert len(_texts(window)) == 5  # not yet: the box waits for a pause
    qtbot.waitUntil(lambda: len(_texts(window)) == 2, timeout=DEBOUNCE_MS * 10)
    assert _chips(window) == ["Search: deliberate OR families"]
    assert window.operations_model.rowCount() == 4  # article text of two articles
    window.quotes_table.selectRow(0)
    article = window.source.view.toPlainText()
    spans = [article[a:b] for a, b in window.search_spans]
    assert spans and set(s.lower() for s in spans) <= {"deliberate", "families"}
    # the list draws the matches in bold
    assert window.quotes_table.highlighter.query.source == "deliberate OR families"
    # one click on the chip removes the search
    bar = window.findChild(FilterSummaryBar, "filterSummary")
    qtbot.mouseClick(bar.buttons()[0], Qt.MouseButton.LeftButton)
    assert len(_texts(window)) == 5 and window.search_box.text() == ""


def test_a_malformed_query_says_what_is_wrong_and_keeps_the_list(qtbot, window):
    qtbot.keyClicks(window.search_box.edit, "speaker:")
    qtbot.keyClick(window.search_box.edit, Qt.Key.Key_Return)
    assert window.search_box.error_label.isVisible()
    assert "speaker: needs a value" in window.search_box.error_label.text()
    assert window.quotes_model.rowCount() == 5


def test_facets_include_and_exclude_by_click(qtbot, window):
    states = window.panels["states"]
    assert _facet(states) == {"Georgia": 2, "California": 2, "Illinois": 1}
    _click_value(qtbot, states, "California")
    assert window.operations_model.rowCount() == 2
    assert _chips(window) == ["State: California"]
    # the other facets count under it
    assert _facet(window.panels["years"]) == {"2025": 2}
    # Alt+click excludes (and so stops including) it
    _click_value(qtbot, states, "California", Qt.KeyboardModifier.AltModifier)
    assert window.operations_model.rowCount() == 4
    assert _chips(window) == ["not State: California"]
    # a click on an excluded value includes it again
    _click_value(qtbot, states, "California")
    assert _chips(window) == ["State: California"]
    window.clear_filters()
    assert _chips(window) == [] and window.operations_model.rowCount() == 6


def test_exclude_from_the_right_click_menu(qtbot, window):
    speakers = window.speaker_panel
    model = speakers.list_view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Bryan Cox")
    menu = speakers.context_menu(model.index(row, 0))
    exclude = next(a for a in menu.actions() if a.objectName() == "excludeAction")
    with qtbot.waitSignal(speakers.selection_changed):
        exclude.trigger()
    assert "Bryan Cox" not in " ".join(_texts(window))
    assert len(_texts(window)) == 3
    assert _chips(window) == ["not Speaker: Bryan Cox"]


def test_tag_a_selection_from_the_keyboard_then_undo_and_redo(qtbot, window):
    ids = _select_quotes(window, qtbot, ["Families are terrified", "We will continue"])
    assert len(ids) == 2
    qtbot.keyClick(window.quotes_table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    popup = window.tagging.popup
    assert popup.isVisible() and popup.heading.text() == "Tag 2 selected quotes"
    qtbot.keyClicks(popup.edit, "voices/community")
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    tagged = {r["id"]: r["tags"] for r in _rows(window.quotes_model)}
    assert [tagged[i] for i in ids] == ["voices/community", "voices/community"]
    assert window.quotes_table.selected_ids() == ids  # the selection stays
    assert _facet(window.panels["tags"]) == {"voices/community": 2}
    assert window.undo_action.text() == "&Undo Tag 2 quotes with voices/community"

    window.quotes_table.setFocus()
    qtbot.keyClick(window.quotes_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(r["tags"] is None for r in _rows(window.quotes_model))
    assert _facet(window.panels["tags"]) == {}
    qtbot.keyClick(
        window.quotes_table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _facet(window.panels["tags"]) == {"voices/community": 2}


def test_tag_every_quote_in_the_filtered_list(qtbot, window):
    window.tabs.setCurrentWidget(window.quotes_table)
    window.search_box.set_text("speaker:Cox")
    assert window.quotes_model.rowCount() == 2
    window.tag_matching_action.trigger()
    popup = window.tagging.popup
    assert popup.heading.text() == "Tag all 2 quotes in the list"
    qtbot.keyClicks(popup.edit, "cox")
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert {t.name: t.count for t in window.curation.tags()} == {"cox": 2}


def test_review_status_from_the_keyboard_and_as_a_filter(qtbot, window):
    ids = _select_quotes(window, qtbot, ["Families are terrified", "We will continue"])
    window.quotes_table.setFocus()
    qtbot.keyClick(window.quotes_table, Qt.Key.Key_2)  # 2: verified
    assert window.curation.review_statuses(RecordKind.QUOTES, ids) == {
        ids[0]: "verified",
        ids[1]: "verified",
    }
    model = window.quotes_model
    column = next(c for c in range(model.columnCount()) if model.column_key(c) == "review_status")
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    assert shown.count("✓ verified") == 2
    review = window.panels["review_statuses"]
    assert _facet(review) == {"Unreviewed": 3, "Verified": 2}
    _click_value(qtbot, review, "Verified")
    assert len(_texts(window)) == 2
    window.undo_stack.undo()
    assert window.quotes_model.rowCount() == 0  # nothing verified any more


def test_correct_a_speaker_and_reextract_keeps_the_correction(qtbot, window):
    _select_quotes(window, qtbot, ["We will continue"])
    window.quotes_table.setCurrentIndex(window.quotes_table.selectionModel().selectedRows()[0])
    editor = window.editor
    assert editor.speaker_edit.text() == "Tom Homan"
    editor.speaker_edit.setFocus()
    editor.speaker_edit.selectAll()
    qtbot.keyClicks(editor.speaker_edit, "Thomas Homan")
    qtbot.keyClick(editor.speaker_edit, Qt.Key.Key_Return)
    record = next(r for r in _rows(window.quotes_model) if r["text"] == "We will continue")
    assert record["speaker"] == "Thomas Homan"
    quote_id = record["id"]

    # extraction runs again (a stand-in gives what it gave the first time)
    by_text = {spec.text: spec for spec in ARTICLES}
    window.extractor = lambda text, published: build_extraction(by_text[text])
    with qtbot.waitSignal(window.reextracted) as done:
        window.reextract(None)
    reports = done.args[0]
    assert sum(r.corrections_applied for r in reports) == 1
    record = next(r for r in _rows(window.quotes_model) if r["id"] == quote_id)
    assert record["speaker"] == "Thomas Homan"  # the correction is kept
    assert window.undo_stack.count() == 0  # the history does not survive re-extraction


def test_saved_search_restores_query_filters_and_sort(qtbot, window):
    window.tabs.setCurrentWidget(window.quotes_table)
    window.search_box.set_text("continue OR terrified")
    _click_value(qtbot, window.panels["states"], "Illinois")
    window.quotes_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # speaker
    panel = window.saved_searches
    qtbot.keyClicks(panel.name_edit, "Chicago voices")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    expected = _texts(window)
    window.clear_filters()
    assert len(_texts(window)) == 5
    index = panel.model.index(0)
    rect = panel.list_view.visualRect(index)
    qtbot.mouseClick(panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _texts(window) == expected
    assert window.search_box.text() == "continue OR terrified"
    assert _chips(window) == ["Search: continue OR terrified", "State: Illinois"]
    assert (window.quotes_model.sort_key, window.quotes_model.descending) == ("speaker", True)


def test_clicking_chart_bars_filters_and_hovering_lists_the_records(qtbot, window):
    chart = window.chart
    labels = [t.label for t in chart.totals]
    row = labels.index("Atlanta, GA")
    tip = chart.tooltip_for(row)
    assert "2 operations" in tip and "nearly 100" in tip
    point = chart.bar_center(row)
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.operations_model.rowCount() == 2
    assert _chips(window) == ["Place: Atlanta, GA"]
    window.clear_filters()

    window.charts.setCurrentWidget(window.time_chart)
    qtbot.waitUntil(lambda: window.time_chart.totals != [])
    keys = [t.key for t in window.time_chart.totals]
    assert keys == ["2025-01", "2025-02"]
    tip = window.time_chart.tooltip_for(1)
    assert "<b>2025-02</b> — 4 operations" in tip and "1,179" in tip
    window.time_chart.click_bar(1)
    assert window.operations_model.rowCount() == 4
    assert _chips(window) == ["Period: 2025-02"]
    with qtbot.waitSignal(window.summaries_shown):
        window.time_chart.unit_combo.setCurrentIndex(1)  # by week
    assert [t.key for t in window.time_chart.totals] == ["2025-02-03", "2025-02-10"]


def test_managers_open_from_the_tools_menu_and_share_the_undo_stack(qtbot, window):
    window.tag_manager_action.trigger()
    manager = window._tag_manager
    assert manager.isVisible()
    manager.create("theme/fear")
    assert _facet(window.panels["tags"]) == {}  # a tag on no quote is not a facet value
    window.speaker_manager_action.trigger()
    speakers = window._speaker_manager
    cox = next(s.id for s in window.curation.speakers() if s.name == "Bryan Cox")
    homan = next(s.id for s in window.curation.speakers() if s.name == "Tom Homan")
    speakers.select([cox, homan])
    speakers.merge_button.click()
    assert _facet(window.speaker_panel)["Bryan Cox"] == 3
    window.undo_action.trigger()
    assert _facet(window.speaker_panel)["Bryan Cox"] == 2
    window.undo_action.trigger()
    assert window.curation.tag("theme/fear") is None


def test_layout_and_sort_are_kept_between_runs(qtbot, archive, settings):
    first = MainWindow(archive, settings=settings)
    qtbot.addWidget(first)
    first.resize(780, 700)  # the offscreen screen is 800 x 800: a geometry that fits it
    first.show()
    first.quotes_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    first.quotes_table.setColumnWidth(2, 222)
    first.main_splitter.setSizes([200, 380, 180])
    sizes = first.main_splitter.sizes()
    first.close()

    second = MainWindow(archive, settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert (second.quotes_model.sort_key, second.quotes_model.descending) == ("speaker", True)
    header = second.quotes_table.horizontalHeader()
    assert header.sortIndicatorSection() == 1
    assert second.quotes_table.columnWidth(2) == 222
    assert second.main_splitter.sizes() == sizes
    assert second.size() == first.size()


def test_dropping_files_imports_them(qtbot, tmp_path, settings):
    path = tmp_path / "drop.db"
    with Archive.open(path) as archive:
        fill_archive(archive, ARTICLES[:1])
    window = MainWindow(Archive.open(path), settings=settings)
    qtbot.addWidget(window)
    window.show()
    article = tmp_path / "raid.txt"
    article.write_text(
        "ICE raid\n\nImmigration agents arrested 31 people in Houston on Monday.\n",
        encoding="utf-8",
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert event.isAccepted()
    controller = window._import
    assert controller is not None
    with qtbot.waitSignal(controller.done, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window._totals.articles == 2, timeout=10_000)
    window.close()
    window.archive.close()
    QApplication.processEvents()


def test_reextraction_shows_progress_and_can_be_cancelled(qtbot, window):
    by_text = {spec.text: spec for spec in ARTICLES}
    calls = []

    def extractor(text, published):
        calls.append(text)
        window.reextract_dialog.cancel()  # the user presses Cancel during the first article
        return build_extraction(by_text[text])

    window.extractor = extractor
    with qtbot.waitSignal(window.reextracted) as done:
        window.reextract(None)
    assert len(calls) == 1 and len(done.args[0]) == 1  # stopped before the next article
    assert "cancelled" in window.statusBar().currentMessage()
    assert not window.reextract_dialog.isVisible()
    assert window.reextract_all_action.isEnabled()


def test_the_time_chart_writes_values_on_its_bars_only_while_they_can_be_read(qtbot, window):
    """Up to MAX_VALUE_LABELS bars carry their value; fifteen years of months do not (the
    labels overlapped, and drawing them cost 80-130 ms a refresh); every bar is drawn."""
    from archive_gui.core.store.filtering import PeriodTotal
    from archive_gui.ui.chart import MAX_VALUE_LABELS

    chart = window.time_chart
    window.charts.setCurrentWidget(chart)
    qtbot.waitUntil(lambda: chart.totals != [])

    def months(n: int) -> list[PeriodTotal]:
        keys = [f"{2010 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]
        return [PeriodTotal(k, f"{k}-01", f"{k}-28", 10 + i, 1, False) for i, k in enumerate(keys)]

    def shown_labels() -> list[str]:
        return chart.value_labels.texts()

    chart.show_totals(months(3))
    assert shown_labels() == ["10", "11", "12"]
    chart.show_totals(months(180))
    assert shown_labels() == []
    heights = chart._bars.opts["height"]
    assert len(heights) == 180 and heights[-1] == 189  # every bar is still drawn
    chart.show_totals(months(MAX_VALUE_LABELS))
    assert len(shown_labels()) == MAX_VALUE_LABELS
