"""The undo stack: every change to the archive is one undoable, redoable step."""

from __future__ import annotations

import pytest

from archive_gui.core.store.curation import Curation, CurationError
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.undo import CurationCommand, CurationUndoStack


@pytest.fixture
def stack(qtbot, archive):
    return CurationUndoStack(Curation(archive))


def _tags(curation: Curation, quote_id: int) -> list[str]:
    return [t.name for t in curation.tags_of_quote(quote_id)]


def test_perform_writes_at_once_and_undo_redo_revert(stack):
    curation = stack.curation
    changes = []
    stack.changed.connect(changes.append)
    stack.perform(lambda c: c.tag_quotes([1, 2], "policy/sanctuary"))
    assert _tags(curation, 1) == ["policy/sanctuary"]
    assert stack.count() == 1
    assert stack.undoText() == "Tag 2 quotes with policy/sanctuary"
    assert isinstance(stack.command(0), CurationCommand)

    stack.undo()
    assert _tags(curation, 1) == []
    assert curation.tag("policy/sanctuary") is None  # created by the step, gone with it
    stack.redo()
    assert _tags(curation, 2) == ["policy/sanctuary"]
    assert len(changes) == 3


def test_a_change_that_changes_nothing_is_not_pushed(stack):
    stack.perform(lambda c: c.set_review_status(RecordKind.QUOTES, [1], "verified"))
    stack.perform(lambda c: c.set_review_status(RecordKind.QUOTES, [1], "verified"))
    assert stack.count() == 1


def test_an_error_reaches_the_caller_and_pushes_nothing(stack):
    with pytest.raises(CurationError):
        stack.perform(lambda c: c.rename_tag("nothing", "other"))
    assert stack.count() == 0


def test_perform_all_is_one_step_and_all_or_nothing(stack):
    curation = stack.curation
    stack.perform_all(
        [lambda c: c.tag_quotes([1], "a"), lambda c: c.set_note(1, "checked")], "Tag and note"
    )
    assert stack.count() == 1
    stack.undo()
    assert _tags(curation, 1) == [] and curation.note(1) is None
    with pytest.raises(CurationError):
        stack.perform_all(
            [lambda c: c.tag_quotes([1], "b"), lambda c: c.rename_tag("zzz", "y")], "Broken"
        )
    assert _tags(curation, 1) == []  # the first part was reverted
    assert stack.count() == 1  # the undone step is still there to redo


def test_perform_all_failing_second_operation_leaves_nothing_of_the_first(stack):
    curation = stack.curation
    conn = curation.archive.db.conn
    changes = []
    stack.changed.connect(changes.append)

    def crash(c: Curation):
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        stack.perform_all(
            [lambda c: c.tag_quotes([1, 2], "new/tag"), lambda c: c.set_note(1, "n"), crash],
            "Broken",
        )
    # Rolled back as one transaction, not reverted by hand: the tag row the first
    # operation created is gone too, and no transaction is left open.
    assert curation.tag("new/tag") is None
    assert _tags(curation, 1) == [] and _tags(curation, 2) == []
    assert curation.note(1) is None
    assert not conn.in_transaction
    assert stack.count() == 0 and changes == []
    # The archive still takes writes afterwards.
    stack.perform(lambda c: c.set_note(1, "ok"))
    assert curation.note(1) == "ok"


def test_many_steps_undo_in_order(stack):
    curation = stack.curation
    stack.perform(lambda c: c.set_note(1, "one"))
    stack.perform(lambda c: c.set_note(1, "two"))
    stack.perform(lambda c: c.correct_quote(1, speaker_role="ICE spokesman"))
    stack.undo()
    assert curation.corrections(RecordKind.QUOTES, 1) == {}
    stack.undo()
    assert curation.note(1) == "one"
    stack.undo()
    assert curation.note(1) is None
    stack.redo()
    stack.redo()
    stack.redo()
    assert curation.note(1) == "two"
    assert "speaker_role" in curation.corrections(RecordKind.QUOTES, 1)


def test_a_step_that_can_no_longer_be_undone_reports_it(stack):
    curation = stack.curation
    failures = []
    stack.failed.connect(failures.append)
    change = stack.perform(lambda c: c.create_speaker("Jane Roe"))
    # the speaker gets used behind the stack's back: it cannot be deleted any more
    curation.correct_quote(1, speaker_id=change.speaker.id)
    stack.undo()
    assert failures and "Cannot undo" in failures[0]
    assert curation.speaker(change.speaker.id).name == "Jane Roe"
