"""The speaker manager: merge name variants into one speaker (with a preview), split a
merge again, edit names and roles -- every change undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from archive_gui.core.store.curation import Curation
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.speaker_manager import (
    NAME_COLUMN,
    QUOTES_COLUMN,
    SpeakerIdRole,
    SpeakerManagerDialog,
    SpeakerTreeModel,
)
from archive_gui.ui.undo import CurationUndoStack


@pytest.fixture
def stack(archive):
    stack = CurationUndoStack(Curation(archive))
    curation = stack.curation
    # the second Cox quote attributed to a name variant, as extraction might have done
    variant = curation.create_speaker("Mr. Cox", role="spokesman").speaker.id
    curation.correct_quote(2, speaker_id=variant)
    return stack


@pytest.fixture
def dialog(qtbot, stack):
    dialog = SpeakerManagerDialog(stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _id(stack, name):
    return next(s.id for s in stack.curation.speakers(include_merged=True) if s.name == name)


def _shown(dialog) -> dict[str, tuple[str, list[str]]]:
    """Top-level name -> (quotes, merged names below it)."""
    model = dialog.tree.model()
    found = {}
    for row in range(model.rowCount()):
        index = model.index(row, NAME_COLUMN)
        children = [model.index(r, NAME_COLUMN, index).data() for r in range(model.rowCount(index))]
        found[index.data()] = (index.siblingAtColumn(QUOTES_COLUMN).data(), children)
    return found


def _click(qtbot, dialog, speaker_id, modifier=Qt.KeyboardModifier.NoModifier):
    index = dialog._view_index(speaker_id)
    dialog.tree.scrollTo(index)
    rect = dialog.tree.visualRect(index)
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_model_passes_qt_model_checks(qtmodeltester, stack):
    curation = stack.curation
    curation.merge_speakers(_id(stack, "Bryan Cox"), [_id(stack, "Mr. Cox")])
    model = SpeakerTreeModel()
    model.set_speakers(curation.speakers(include_merged=True))
    qtmodeltester.check(model)


def test_merge_with_preview_then_undo_and_split(qtbot, dialog, stack):
    curation = stack.curation
    cox, mr_cox = _id(stack, "Bryan Cox"), _id(stack, "Mr. Cox")
    assert _shown(dialog)["Mr. Cox"] == ("1", [])
    _click(qtbot, dialog, cox)
    _click(qtbot, dialog, mr_cox, Qt.KeyboardModifier.ControlModifier)
    assert dialog.merge_box.isEnabled()
    assert dialog.keep_combo.currentText() == "Bryan Cox (1)"
    assert dialog.merge_preview.text().startswith(
        "1 quote of Mr. Cox (1) will be attributed to Bryan Cox."
    )
    dialog.merge_button.click()
    shown = _shown(dialog)
    assert "Mr. Cox" not in shown
    assert shown["Bryan Cox"] == ("2", ["Mr. Cox"])
    assert curation.speakers(search="Cox") == [curation.speakers(search="Bryan")[0]]
    # each quote keeps the role given at the time; the variant is remembered
    quote = curation._current(RecordKind.QUOTES, 2)
    assert quote["speaker_id"] == mr_cox

    stack.undo()
    assert _shown(dialog)["Mr. Cox"] == ("1", [])
    stack.redo()
    assert _shown(dialog)["Bryan Cox"][1] == ["Mr. Cox"]

    # split the variant off again
    _click(qtbot, dialog, mr_cox)
    assert dialog.split_button.isEnabled()
    dialog.split_button.click()
    assert _shown(dialog)["Mr. Cox"] == ("1", [])
    assert stack.undoText().startswith("Split Mr. Cox from Bryan Cox")


def test_keep_can_be_chosen(qtbot, dialog, stack):
    cox, mr_cox = _id(stack, "Bryan Cox"), _id(stack, "Mr. Cox")
    dialog.select([cox, mr_cox])
    dialog.keep_combo.setCurrentIndex(dialog.keep_combo.findData(mr_cox))
    assert "will be attributed to Mr. Cox" in dialog.merge_preview.text()
    dialog.merge_button.click()
    assert _shown(dialog)["Mr. Cox"] == ("2", ["Bryan Cox"])


def test_one_speaker_cannot_be_merged(qtbot, dialog, stack):
    _click(qtbot, dialog, _id(stack, "ACLU"))
    assert not dialog.merge_box.isEnabled()
    assert not dialog.split_button.isEnabled()


def test_find_matches_merged_names_too(qtbot, dialog, stack):
    stack.perform(lambda c: c.merge_speakers(_id(stack, "Bryan Cox"), [_id(stack, "Mr. Cox")]))
    qtbot.keyClicks(dialog.find_edit, "mr.")
    assert _shown(dialog) == {"Bryan Cox": ("2", ["Mr. Cox"])}


def test_edit_role_in_place_is_undoable(qtbot, dialog, stack):
    homan = _id(stack, "Tom Homan")
    _click(qtbot, dialog, homan)
    index = dialog._view_index(homan).siblingAtColumn(2)
    dialog.tree.setCurrentIndex(index)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_F2)
    editor = dialog.tree.focusWidget()
    qtbot.keyClicks(editor, "border czar")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stack.curation.speaker(homan).role == "border czar")
    assert dialog.selected_ids() == [homan]
    stack.undo()
    assert stack.curation.speaker(homan).role is None


def test_a_name_taken_is_refused_with_a_message(qtbot, dialog, stack):
    homan = _id(stack, "Tom Homan")
    assert dialog.edit(homan, "name", "Bryan Cox") is False
    assert "merge them instead" in dialog.message.text()
    index = dialog._view_index(homan)
    assert index.data(SpeakerIdRole) == homan


def test_hidden_dialog_reloads_once_when_shown_again(qtbot, dialog, stack):
    reads = []
    original = stack.curation.speakers
    stack.curation.speakers = lambda *a, **k: reads.append(a) or original(*a, **k)
    dialog.hide()
    stack.perform(lambda c: c.create_speaker("Jane Roe"))
    stack.perform(lambda c: c.create_speaker("John Doe"))
    assert reads == []  # hidden: nothing read on each change
    assert "Jane Roe" not in _shown(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(reads) == 1
    assert {"Jane Roe", "John Doe"} <= set(_shown(dialog))
    stack.undo()  # visible: read at once
    assert len(reads) == 2 and "John Doe" not in _shown(dialog)


def test_model_lists_every_speaker_id(dialog, stack):
    ids = set(dialog.model.speaker_ids())
    assert ids == {s.id for s in stack.curation.speakers(include_merged=True)}
