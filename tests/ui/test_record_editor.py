"""Correcting a record in place: each field written at once, undoable, marked corrected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from archive_gui.core.store.curation import Curation
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.record_editor import CORRECTED_MARK, RecordEditorPanel
from archive_gui.ui.undo import CurationUndoStack


@pytest.fixture
def stack(archive):
    return CurationUndoStack(Curation(archive))


@pytest.fixture
def editor(qtbot, stack):
    panel = RecordEditorPanel(stack)
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _retype(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_shows_a_quote(editor):
    editor.set_record(RecordKind.QUOTES, 1)
    assert editor.heading.text() == "Quote 1"
    assert editor.speaker_edit.text() == "Bryan Cox"
    assert editor.role_edit.text() == "spokesman"
    assert editor.boundary_preview.text() == "“We are targeting public safety threats first”"
    assert editor.review_combo.currentData() == "unreviewed"
    assert editor.speaker_edit.isVisible() and not editor.count_spin.isVisible()


def test_choose_another_speaker_then_undo(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 1)
    _retype(qtbot, editor.speaker_edit, "tom homan")
    current = stack.curation.record_fields(RecordKind.QUOTES, 1)
    homan = next(s.id for s in stack.curation.speakers() if s.name == "Tom Homan")
    assert current["speaker_id"] == homan
    assert editor.speaker_edit.text() == "Tom Homan"
    assert editor._labels["speaker_id"].text() == "Speaker" + CORRECTED_MARK
    assert editor._labels["speaker_id"].toolTip().endswith("extraction gave: Bryan Cox")
    stack.undo()
    assert editor.speaker_edit.text() == "Bryan Cox"
    assert editor._labels["speaker_id"].text() == "Speaker"


def test_typing_a_new_name_creates_the_speaker_in_the_same_step(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 4)
    editor.speaker_edit.setFocus()
    editor.speaker_edit.selectAll()
    qtbot.keyClicks(editor.speaker_edit, "Thomas D. Homan")
    assert editor.speaker_kind.isVisible()
    assert "will be created" in editor.message.text()
    qtbot.keyClick(editor.speaker_edit, Qt.Key.Key_Return)
    assert stack.count() == 1
    assert [s.name for s in stack.curation.speakers(search="Thomas")] == ["Thomas D. Homan"]
    assert editor.speaker_edit.text() == "Thomas D. Homan"
    stack.undo()
    assert stack.curation.speakers(search="Thomas") == []
    assert editor.speaker_edit.text() == "Tom Homan"


def test_role_is_corrected_per_quote(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 1)
    _retype(qtbot, editor.role_edit, "ICE spokesman")
    assert stack.curation.record_fields(RecordKind.QUOTES, 1)["speaker_role"] == "ICE spokesman"
    assert stack.curation.record_fields(RecordKind.QUOTES, 2)["speaker_role"] == "spokesman"
    assert stack.undoText() == "Correct speaker_role of quote 1"


def test_boundaries_preview_the_text_before_writing_it(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 1)
    start = editor.start_spin.value()
    editor.end_spin.setValue(start + len("We are targeting"))
    assert editor.boundary_preview.text() == "“We are targeting”"
    assert stack.count() == 0
    editor.apply_bounds.click()
    row = stack.curation.archive.rows(RecordKind.QUOTES, [1])[0]
    assert row["text"] == "We are targeting"
    stack.undo()
    row = stack.curation.archive.rows(RecordKind.QUOTES, [1])[0]
    assert row["text"] == "We are targeting public safety threats first"


def test_bad_boundaries_are_refused_with_a_message(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 1)
    editor.end_spin.setValue(editor.start_spin.value())
    assert "end must come after" in editor.boundary_preview.text()
    editor.apply_bounds.click()
    assert "boundaries" in editor.message.text()
    assert stack.count() == 0


def test_operation_count_qualifier_place_period(qtbot, editor, stack):
    curation = stack.curation
    editor.set_record(RecordKind.OPERATIONS, 1)
    assert editor.heading.text() == "Operation 1"
    assert editor.place_edit.text() == "Atlanta, GA"
    assert editor.count_spin.value() == 100
    _retype(qtbot, editor.count_spin.lineEdit(), "97")
    editor.qualifier_combo.setCurrentIndex(editor.qualifier_combo.findData("exact"))
    editor.qualifier_combo.activated.emit(editor.qualifier_combo.currentIndex())
    _retype(qtbot, editor.place_edit, "Georgia")
    _retype(qtbot, editor.period_edit, "this week")
    _retype(qtbot, editor.period_start_edit, "2025-01-20")
    _retype(qtbot, editor.period_end_edit, "2025-01-26")
    values = curation.record_fields(RecordKind.OPERATIONS, 1)
    georgia = next(pid for pid, label, _ in curation.places() if label == "Georgia")
    assert values["count"] == 97 and values["qualifier"] == "exact"
    assert values["place_id"] == georgia
    assert values["period_text"] == "this week"
    assert (values["period_start"], values["period_end"]) == ("2025-01-20", "2025-01-26")
    assert stack.count() == 6
    assert editor._labels["count"].text() == "Arrests" + CORRECTED_MARK
    assert "100" in editor._labels["count"].toolTip()
    for _ in range(6):
        stack.undo()
    assert curation.corrections(RecordKind.OPERATIONS, 1) == {}
    assert editor.count_spin.value() == 100


def test_an_unknown_place_or_date_is_explained(qtbot, editor, stack):
    editor.set_record(RecordKind.OPERATIONS, 1)
    _retype(qtbot, editor.place_edit, "Atlantis")
    assert "No place 'Atlantis'" in editor.message.text()
    _retype(qtbot, editor.period_start_edit, "last june")
    assert "YYYY-MM-DD" in editor.message.text()
    assert stack.count() == 0


def test_review_status_and_note(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 3)
    editor.review_combo.setCurrentIndex(editor.review_combo.findData("verified"))
    editor.review_combo.activated.emit(editor.review_combo.currentIndex())
    assert stack.curation.review_statuses(RecordKind.QUOTES, [3]) == {3: "verified"}
    editor.note_edit.setFocus()
    qtbot.keyClicks(editor.note_edit, "Checked against the video.")
    editor.role_edit.setFocus()  # leaving the note saves it
    assert stack.curation.note(3) == "Checked against the video."
    stack.undo()
    assert stack.curation.note(3) is None
    assert editor.note_edit.toPlainText() == ""
    stack.undo()
    assert editor.review_combo.currentData() == "unreviewed"


def test_hidden_editor_reloads_when_shown_only_if_its_record_changed(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 1)
    loads = []
    original = editor._load
    editor._load = lambda: loads.append(1) or original()
    editor.hide()
    stack.perform(lambda c: c.tag_quotes([1], "policy"))  # tags are not shown
    stack.perform(lambda c: c.set_note(2, "other record"))
    editor.show()
    qtbot.waitExposed(editor)
    assert loads == []  # nothing it shows changed
    editor.hide()
    stack.perform(lambda c: c.set_note(1, "checked"))
    stack.perform(lambda c: c.correct_quote(1, speaker_role="ICE spokesman"))
    assert loads == [] and editor.note_edit.toPlainText() == ""
    editor.show()
    qtbot.waitExposed(editor)
    assert loads == [1]  # once, for both changes
    assert editor.note_edit.toPlainText() == "checked"
    assert editor.role_edit.text() == "ICE spokesman"
    stack.undo()  # visible: reloaded at once
    assert loads == [1, 1] and editor.role_edit.text() == "spokesman"


def test_hidden_editor_reloads_for_a_composite_or_speaker_change(qtbot, editor, stack):
    editor.set_record(RecordKind.QUOTES, 1)
    editor.hide()
    stack.perform_all(
        [lambda c: c.tag_quotes([1], "x"), lambda c: c.set_note(1, "both")], "Tag and note"
    )
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.note_edit.toPlainText() == "both"
    editor.hide()
    cox = next(s.id for s in stack.curation.speakers() if s.name == "Bryan Cox")
    stack.perform(lambda c: c.edit_speaker(cox, name="Bryan D. Cox"))
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.speaker_edit.text() == "Bryan D. Cox"
