"""Tagging selected quotes from the keyboard: Ctrl+T, type (with completion), Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow

from archive_gui.core.store.curation import Curation
from archive_gui.ui.tagging import TaggingController
from archive_gui.ui.undo import CurationUndoStack


@pytest.fixture
def setup(qtbot, archive):
    window = QMainWindow()
    focus = QLineEdit()  # stands in for the quotes table: the focus is somewhere in the window
    window.setCentralWidget(focus)
    qtbot.addWidget(window)
    stack = CurationUndoStack(Curation(archive))
    selected = {"ids": [1, 2]}
    controller = TaggingController(stack, lambda: selected["ids"], window)
    window.show()
    qtbot.waitExposed(window)
    focus.setFocus()
    return window, focus, stack, controller, selected


def _tags(stack, quote_id):
    return [t.name for t in stack.curation.tags_of_quote(quote_id)]


def test_ctrl_t_type_enter_tags_the_selection_and_undo_removes_it(qtbot, setup):
    window, focus, stack, controller, _ = setup
    qtbot.keyClick(focus, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    popup = controller.popup
    assert popup.isVisible()
    assert popup.heading.text() == "Tag 2 selected quotes"
    with qtbot.waitSignal(controller.tagged):
        qtbot.keyClicks(popup.edit, "policy/sanctuary")
        assert "creates the tag policy/sanctuary" in popup.hint.text()
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert _tags(stack, 1) == ["policy/sanctuary"] and _tags(stack, 2) == ["policy/sanctuary"]
    stack.undo()
    assert _tags(stack, 1) == []


def test_completion_offers_existing_tags_by_any_part(qtbot, setup):
    window, focus, stack, controller, selected = setup
    stack.perform(lambda c: c.tag_quotes([3], "enforcement/courthouse"))
    selected["ids"] = [4]
    controller.action.trigger()
    popup = controller.popup
    assert "carry" not in popup.hint.text()
    qtbot.keyClicks(popup.edit, "court")
    completer = popup.completer
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "enforcement/courthouse"
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    if popup.isVisible():  # Enter picked the completion; a second Enter applies it
        qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert _tags(stack, 4) == ["enforcement/courthouse"]


def test_minus_removes_a_tag(qtbot, setup):
    window, focus, stack, controller, _ = setup
    stack.perform(lambda c: c.tag_quotes([1, 2, 3], "theme"))
    controller.action.trigger()
    popup = controller.popup
    assert "All selected quotes carry: theme" in popup.hint.text()
    qtbot.keyClicks(popup.edit, "-theme")
    assert "removes theme from 2 quotes" in popup.hint.text()
    qtbot.keyClick(popup.edit, Qt.Key.Key_Return)
    assert _tags(stack, 1) == [] and _tags(stack, 3) == ["theme"]


def test_nothing_selected_says_so(qtbot, setup):
    window, focus, stack, controller, selected = setup
    selected["ids"] = []
    with qtbot.waitSignal(controller.error) as signal:
        controller.action.trigger()
    assert "Select one or more quotes" in signal.args[0]
    assert not controller.popup.isVisible()


def test_escape_closes_without_tagging(qtbot, setup):
    window, focus, stack, controller, _ = setup
    controller.action.trigger()
    qtbot.keyClicks(controller.popup.edit, "abc")
    qtbot.keyClick(controller.popup.edit, Qt.Key.Key_Escape)
    assert not controller.popup.isVisible()
    assert stack.count() == 0


def test_the_popup_lists_the_tags_all_selected_quotes_carry(qtbot, setup):
    window, focus, stack, controller, selected = setup
    stack.perform(lambda c: c.tag_quotes([1, 2], "Arrests"))
    stack.perform(lambda c: c.tag_quotes([1], "only/one"))
    calls = []
    curation = stack.curation
    original = curation.tags_of_quote
    curation.tags_of_quote = lambda i: calls.append(i) or original(i)  # must not be used
    assert controller.open_popup()
    assert controller.popup.common == ["Arrests"]
    assert "All selected quotes carry: Arrests" in controller.popup.hint.text()
    assert calls == []
