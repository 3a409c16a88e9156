"""Saved searches: save the current search under a name, apply, rename, delete, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from archive_gui.core.store.curation import Curation
from archive_gui.ui.filter_summary import Chip, FilterSummaryBar
from archive_gui.ui.saved_searches import SavedSearchesPanel, SavedSearchModel, SearchState
from archive_gui.ui.undo import CurationUndoStack


@pytest.fixture
def panel(qtbot, archive):
    stack = CurationUndoStack(Curation(archive))
    state = {"now": SearchState("raids", {"cities": [3]}, "published", True, None)}
    panel = SavedSearchesPanel(stack, lambda: state["now"])
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.state = state
    return panel


def test_model_passes_qt_model_checks(qtmodeltester, archive):
    curation = Curation(archive)
    curation.save_search("one", "a")
    curation.save_search("two", "b")
    model = SavedSearchModel()
    model.set_searches(curation.saved_searches())
    qtmodeltester.check(model)


def test_save_apply_rename_delete_and_undo(qtbot, panel):
    qtbot.keyClicks(panel.name_edit, "Atlanta raids")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert panel.names() == ["Atlanta raids"]
    saved = panel.stack.curation.saved_search("Atlanta raids")
    assert (saved.query, saved.filters, saved.sort_key, saved.descending) == (
        "raids",
        {"cities": [3]},
        "published",
        True,
    )
    index = panel.model.index(0)
    assert "Search: raids" in index.data(Qt.ItemDataRole.ToolTipRole)

    with qtbot.waitSignal(panel.apply_requested) as signal:
        rect = panel.list_view.visualRect(index)
        qtbot.mouseClick(panel.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args[0].name == "Atlanta raids"

    panel.list_view.setCurrentIndex(index)
    qtbot.keyClick(panel.list_view, Qt.Key.Key_F2)
    editor = panel.list_view.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Raids in Atlanta")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.names() == ["Raids in Atlanta"])

    panel.list_view.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.list_view, Qt.Key.Key_Delete)
    assert panel.names() == []
    panel.stack.undo()
    assert panel.names() == ["Raids in Atlanta"]
    panel.stack.undo()
    assert panel.names() == ["Atlanta raids"]


def test_a_name_is_needed_and_must_be_free(qtbot, panel):
    panel.save_button.click()
    assert "Type a name" in panel.message.text()
    panel.name_edit.setText("x")
    panel.save_button.click()
    panel.name_edit.setText("X")
    panel.save_button.click()
    assert "already exists" in panel.message.text()


def test_filter_summary_chips_remove_their_filter(qtbot):
    host = QWidget()
    bar = FilterSummaryBar(host)
    qtbot.addWidget(host)
    host.show()
    # Nothing filtered: the line says so and stays, so the lists below never move.
    height = bar.height()
    assert bar.isVisible() and bar.empty_note.isVisible() and not bar.clear_link.isVisible()
    chips = [
        Chip("search", None, "raids"),
        Chip("cities", 3, "Atlanta, GA"),
        Chip("outlets", "Daily News", "Daily News", excluded=True),
    ]
    bar.set_chips(chips)
    assert not bar.empty_note.isVisible() and bar.clear_link.isVisible()
    texts = [b.text() for b in bar.buttons()]
    assert texts == ["Search: raids  ×", "City: Atlanta, GA  ×", "not Outlet: Daily News  ×"]
    with qtbot.waitSignal(bar.remove_requested) as signal:
        qtbot.mouseClick(bar.buttons()[2], Qt.MouseButton.LeftButton)
    assert signal.args[0] == chips[2]
    with qtbot.waitSignal(bar.clear_requested):
        bar.clear_link.linkActivated.emit("clear")
    bar.set_chips([])
    assert bar.buttons() == [] and bar.empty_note.isVisible()
    assert bar.height() == height
