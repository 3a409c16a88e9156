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

Big writes (tagging thousands of quotes) run off the GUI thread:
``stack.perform_in_background(operation, ...)`` writes on a connection of a worker's
own and pushes the change when it is done; on a file archive, undo and redo revert
in the background the same way. While a write is in flight (``busy``) the stack
takes no other step: ``undo``/``redo`` do nothing and the window's actions are
disabled, so the stack always matches the archive.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from shiboken6 import Shiboken

from archive_gui.core.store.archive import Archive
from archive_gui.core.store.curation import Change, CompositeChange, Curation
from archive_gui.ui.models import run_in_background

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
        if self._inverse is None:  # a revert that failed in the background: dropped
            return
        if self._stack.in_background:
            self._stack._revert_in_background(self._inverse, self, redo=True)
            return
        self.change = self._stack._revert(self._inverse, self)
        if self.change is not None:
            self._inverse = None
            self._done = True

    def undo(self) -> None:
        if not self._done:  # pragma: no cover - Qt never undoes an undone command
            return
        if self._stack.in_background:
            self._stack._revert_in_background(self.change, self, redo=False)
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
    busy_changed = Signal(bool)

    def __init__(self, curation: Curation, parent: QObject | None = None):
        super().__init__(parent)
        self.curation = curation
        self._busy = 0  # writes in flight in the background

    @property
    def in_background(self) -> bool:
        """Writes of a file archive run off the GUI thread (an in-memory one has no
        file for a second connection: its writes run right here)."""
        return self.curation.archive.path is not None

    @property
    def busy(self) -> bool:
        """A write (a change, an undo or a redo) is running in the background."""
        return self._busy > 0

    def _set_busy(self, delta: int) -> None:
        was = self.busy
        self._busy += delta
        if was != self.busy:
            self.busy_changed.emit(self.busy)

    def undo(self) -> None:
        if not self.busy:
            super().undo()

    def redo(self) -> None:
        if not self.busy:
            super().redo()

    def create_actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Undo and Redo actions, disabled while a write is in flight."""
        undo, redo = QAction("&Undo", parent), QAction("&Redo", parent)
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)

        def update(*_args) -> None:
            if not (Shiboken.isValid(self) and Shiboken.isValid(undo) and Shiboken.isValid(redo)):
                return  # the window is being torn down
            undo.setEnabled(self.canUndo() and not self.busy)
            redo.setEnabled(self.canRedo() and not self.busy)
            undo.setText(f"&Undo {self.undoText()}".rstrip())
            redo.setText(f"&Redo {self.redoText()}".rstrip())

        for signal in (
            self.canUndoChanged,
            self.canRedoChanged,
            self.undoTextChanged,
            self.redoTextChanged,
            self.busy_changed,
            self.indexChanged,
        ):
            signal.connect(update)
        update()
        return undo, redo

    def perform_in_background(
        self,
        operation: Operation,
        text: str | None = None,
        on_done: Callable[[Change], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Make a change off the GUI thread, on a connection of its own, then push it
        (``on_done(change)``); ``on_error(exception)`` if it failed (nothing written).
        False (and nothing done) while another write is in flight."""
        if self.busy:
            return False
        owner_curation = self.curation

        def done(change: Change) -> None:
            self._set_busy(-1)
            if self.curation is owner_curation:  # still the same archive
                self.push_change(change, text)
            if on_done is not None:
                on_done(change)

        def failed(exc: BaseException) -> None:
            self._set_busy(-1)
            if on_error is not None:
                on_error(exc)
            else:
                self.failed.emit(str(exc))

        self._set_busy(1)
        run_in_background(
            self,
            self.curation.archive,
            lambda archive: operation(Curation(archive)),
            done,
            on_error=failed,
            connect=Archive.open_reader,
        )
        return True

    def _revert_in_background(self, change: Change, command: CurationCommand, redo: bool) -> None:
        owner_curation = self.curation
        self._set_busy(1)

        def done(result: Change) -> None:
            self._set_busy(-1)
            if self.curation is not owner_curation:
                return
            if redo:
                command.change, command._inverse, command._done = result, None, True
            else:
                command._inverse, command._done = result, False
            self.changed.emit(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(-1)
            if self.curation is not owner_curation:
                return
            # The step cannot be taken: the stack has moved past it, so it stays, inert.
            command._inverse, command._done = None, not redo
            self.failed.emit(f"Cannot {'redo' if redo else 'undo'}: {exc}")
            self.changed.emit(change)

        run_in_background(
            self,
            self.curation.archive,
            lambda archive: Curation(archive).revert(change),
            done,
            on_error=failed,
            connect=Archive.open_reader,
        )

    def set_curation(self, curation: Curation) -> None:
        """Another archive: the steps of the previous one cannot be undone any more."""
        self.clear()
        if self._busy:
            self._busy = 0
            self.busy_changed.emit(False)
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
