"""The tag manager: a tree of tags with counts and colours; every change undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from archive_gui.core.store.curation import Curation, TagInfo
from archive_gui.ui.tag_manager import (
    COUNT_COLUMN,
    NAME_COLUMN,
    IsTagRole,
    TagManagerDialog,
    TagNameRole,
    TagTreeModel,
)
from archive_gui.ui.undo import CurationUndoStack


@pytest.fixture
def stack(archive):
    stack = CurationUndoStack(Curation(archive))
    curation = stack.curation
    curation.tag_quotes([1, 2], "policy/sanctuary")
    curation.tag_quotes([2, 3], "policy/detention")
    curation.tag_quotes([3, 4], "fear")
    curation.tag_quotes([5], "Fear of raids")
    return stack


@pytest.fixture
def dialog(qtbot, stack):
    dialog = TagManagerDialog(stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog) -> dict[str, str]:
    """Every node shown: full name -> count text."""
    model = dialog.tree.model()
    found = {}

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, NAME_COLUMN, parent)
            found[index.data(TagNameRole)] = index.siblingAtColumn(COUNT_COLUMN).data()
            walk(index)

    walk(dialog.tree.rootIndex())
    return found


def _click(qtbot, dialog, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    index = dialog._view_index(name)
    dialog.tree.scrollTo(index)
    rect = dialog.tree.visualRect(index)
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_model_passes_qt_model_checks(qtmodeltester, qapp, stack):
    stack.curation.recolor_tag("fear", "#336699")
    model = TagTreeModel()
    model.set_tags(stack.curation.tags())
    qtmodeltester.check(model)
    empty = TagTreeModel()
    qtmodeltester.check(empty)


def test_the_tree_shows_levels_counts_and_colours(dialog):
    assert _rows(dialog) == {
        "fear": "2",
        "Fear of raids": "1",
        "policy": "",  # a level above tags, not a tag of its own
        "policy/detention": "2",
        "policy/sanctuary": "2",
    }
    policy = dialog.model.index_of("policy")
    assert policy.data(IsTagRole) is False
    assert dialog.model.rowCount(policy) == 2
    assert "a level above 2 tags" in policy.data(Qt.ItemDataRole.ToolTipRole)


def test_create_from_the_keyboard_and_undo(qtbot, dialog, stack):
    qtbot.keyClicks(dialog.new_edit, "enforcement / courthouse")
    qtbot.keyClick(dialog.new_edit, Qt.Key.Key_Return)
    assert "enforcement/courthouse" in _rows(dialog)
    assert dialog.selected_names() == ["enforcement/courthouse"]
    assert dialog.new_edit.text() == ""
    dialog.undo_button.click()
    assert "enforcement/courthouse" not in _rows(dialog)


def test_a_duplicate_name_is_refused_with_a_message(qtbot, dialog):
    qtbot.keyClicks(dialog.new_edit, "fear")
    dialog.create_button.click()
    assert "already exists" in dialog.message.text()


def test_rename_in_place_moves_the_children_and_undo_restores(qtbot, dialog, stack):
    _click(qtbot, dialog, "policy")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_F2)
    editor = dialog.tree.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "law")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "law/sanctuary" in _rows(dialog))
    assert "policy/sanctuary" not in _rows(dialog)
    assert [t.name for t in stack.curation.tags_of_quote(1)] == ["law/sanctuary"]
    assert dialog.selected_names() == ["law"]
    stack.undo()
    assert "policy/sanctuary" in _rows(dialog)


def test_merge_shows_a_preview_then_merges_in_one_undoable_step(qtbot, dialog, stack):
    _click(qtbot, dialog, "fear")
    _click(qtbot, dialog, "Fear of raids", Qt.KeyboardModifier.ControlModifier)
    assert dialog.selected_names() == ["fear", "Fear of raids"]
    dialog.merge_target.setEditText("")
    qtbot.keyClicks(dialog.merge_target.lineEdit(), "theme/fear")
    preview = dialog.merge_preview.text()
    assert "3 quotes carry fear, Fear of raids" in preview
    assert "3 of them will gain theme/fear (a new tag)" in preview
    dialog.merge_button.click()
    rows = _rows(dialog)
    assert rows["theme/fear"] == "3"
    assert "fear" not in rows and "Fear of raids" not in rows
    assert stack.undoText().startswith("Merge fear, Fear of raids into theme/fear")
    stack.undo()
    rows = _rows(dialog)
    assert rows["fear"] == "2" and rows["Fear of raids"] == "1" and "theme/fear" not in rows


def test_merge_into_an_existing_tag_counts_only_the_quotes_that_gain_it(qtbot, dialog):
    _click(qtbot, dialog, "policy/detention")
    dialog.merge_target.setEditText("policy/sanctuary")
    assert "2 quotes carry policy/detention; 1 of them will gain policy/sanctuary." in (
        dialog.merge_preview.text()
    )


def test_recolour_and_delete_with_confirmation(qtbot, dialog, stack):
    dialog.choose_color = lambda current: "#cc3333"
    asked = []
    dialog.confirm = lambda title, text: asked.append(text) or True
    _click(qtbot, dialog, "fear")
    dialog.color_button.click()
    assert stack.curation.tag("fear").color == "#cc3333"
    assert "colour #cc3333" in dialog.model.index_of("fear").data(Qt.ItemDataRole.ToolTipRole)
    _click(qtbot, dialog, "policy")  # a level: deletes the tags below it
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert "policy/detention" in asked[0] and "policy/sanctuary" in asked[0]
    assert not any(name.startswith("policy") for name in _rows(dialog))
    stack.undo()
    assert _rows(dialog)["policy/sanctuary"] == "2"
    stack.undo()
    assert stack.curation.tag("fear").color is None


def test_declining_the_confirmation_deletes_nothing(qtbot, dialog, stack):
    dialog.confirm = lambda title, text: False
    _click(qtbot, dialog, "fear")
    dialog.delete_button.click()
    assert "fear" in _rows(dialog)
    assert stack.count() == 0


def test_find_narrows_the_tree_keeping_parents(qtbot, dialog):
    qtbot.keyClicks(dialog.find_edit, "sanct")
    assert set(_rows(dialog)) == {"policy", "policy/sanctuary"}


def test_selection_follows_the_keyboard(qtbot, dialog):
    selection = dialog.tree.selectionModel()
    selection.setCurrentIndex(
        dialog._view_index("fear"),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
    assert dialog.selected_names() == ["Fear of raids"]


def _count_calls(obj, name: str) -> list:
    calls = []
    original = getattr(obj, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    setattr(obj, name, counting)
    return calls


def test_hidden_dialog_reloads_once_when_shown_again(qtbot, dialog, stack):
    reads = _count_calls(stack.curation, "tags")
    dialog.hide()
    stack.perform(lambda c: c.tag_quotes([1], "new"))
    stack.perform(lambda c: c.tag_quotes([2], "new"))
    assert reads == []  # hidden: nothing read on each change
    assert "new" not in _rows(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(reads) == 1
    assert _rows(dialog)["new"] == "2"
    dialog.hide()
    dialog.show()  # nothing changed meanwhile: nothing read
    assert len(reads) == 1
    stack.undo()  # visible: read at once
    assert len(reads) == 2 and _rows(dialog)["new"] == "1"


def test_model_lists_every_node_name():
    model = TagTreeModel()
    stack_tags = [("policy/sanctuary", 2), ("fear", 1)]
    model.set_tags([TagInfo(i, name, None, n) for i, (name, n) in enumerate(stack_tags, 1)])
    assert sorted(model.node_names()) == ["fear", "policy", "policy/sanctuary"]
    assert model.tag_names() == ["fear", "policy/sanctuary"]
