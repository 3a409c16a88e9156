"""Undo and redo of the researcher's work, on a Qt undo stack.

Every change to the archive (a tag, a note, a correction, a merge...) is made by
a :class:`~archive_gui.core.store.curation.Curation` method, written at once in
one transaction, and returns a ``Change``; ``Curation.revert(change)`` undoes it
and returns the change that redoes it. :class:`CurationCommand` is that pair as a
``QUndoCommand``, and :class:`CurationUndoStack` the window's stack, which also
tells the UI whenever the archive changed (``changed``) or a step failed
(``failed``) so that lists, facets and editors re-read what they show.

Callers never push commands themselves: ``stack.perform(lambda c: c.tag_quotes(...))``
runs the change (a :class:`CurationError` reaches the caller, nothing is pushed)
and pushes it unless it changed nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from archive_gui.core.store.curation import Change, CompositeChange, Curation

Operation = Callable[[Curation], Change]


class CurationCommand(QUndoCommand):
    """One step of the researcher's work: ``change`` already written to the archive.

    The first ``redo`` (which ``QUndoStack.push`` calls) does nothing, since the
    change is made before it is pushed; later ones revert the inverse change.
    """

    def __init__(self, stack: CurationUndoStack, change: Change, text: str | None = None):
        super().__init__(text or change.description)
        self._stack = stack
        self.change = change  # what the archive holds now when this step is done
        self._inverse: Change | None = None
        self._done = True  # pushed after being made

    def redo(self) -> None:
        if self._done:
            return
        assert self._inverse is not None
        self.change = self._stack._revert(self._inverse, self)
        if self.change is not None:
            self._inverse = None
            self._done = True

    def undo(self) -> None:
        if not self._done:  # pragma: no cover - Qt never undoes an undone command
            return
        inverse = self._stack._revert(self.change, self)
        if inverse is not None:
            self._inverse = inverse
            self._done = False


class CurationUndoStack(QUndoStack):
    """The undo stack of one open archive.

    ``changed(change)`` is emitted after every step done, undone or redone (with the
    change as the archive now holds it), ``failed(message)`` when a step cannot be
    undone or redone any more (the archive changed under it); that step is dropped.
    """

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, curation: Curation, parent: QObject | None = None):
        super().__init__(parent)
        self.curation = curation

    def set_curation(self, curation: Curation) -> None:
        """Another archive: the steps of the previous one cannot be undone any more."""
        self.clear()
        self.curation = curation

    def perform(self, operation: Operation, text: str | None = None) -> Change:
        """Make a change (``operation(curation)``) and push it unless it changed nothing.

        Raises what the operation raises (a CurationError: nothing changed).
        """
        change = operation(self.curation)
        self.push_change(change, text)
        return change

    def perform_all(self, operations: list[Operation], text: str) -> Change:
        """Several changes as one step (e.g. create a speaker, then attribute a quote to it).

        They run in one transaction (each operation's own becomes a savepoint): if one
        fails, none of them is written, and the error is raised.
        """
        curation = self.curation
        with curation.archive.transaction():
            done = [operation(curation) for operation in operations]
        change = CompositeChange(tuple(done), text)
        self.push_change(change, text)
        return change

    def push_change(self, change: Change, text: str | None = None) -> None:
        """Push a change already written to the archive (nothing if it is empty)."""
        if change.empty:
            return
        self.push(CurationCommand(self, change, text))
        self.changed.emit(change)

    def _revert(self, change: Change, command: CurationCommand) -> Change | None:
        try:
            result = self.curation.revert(change)
        except Exception as exc:  # noqa: BLE001 - any failure: report it, drop the step
            command.setObsolete(True)
            self.failed.emit(f"Cannot {'undo' if command.change is change else 'redo'}: {exc}")
            return None
        self.changed.emit(result)
        return result
