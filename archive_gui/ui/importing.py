"""Importing files off the UI thread, with progress and cancel.

SQLite connections belong to the thread that opened them, so the worker opens
its own connection to the archive file; the window's connection sees the new
articles once the worker's transactions commit.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from archive_gui.core.importer import ImportReport, import_paths
from archive_gui.core.store import Archive


class ImportWorker(QObject):
    """Runs ``import_paths`` in a worker thread; signals are delivered to the UI thread."""

    progressed = Signal(int, int, str)  # done, total, file name
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, archive_path: Path, paths: list[Path]):
        super().__init__()
        self._archive_path = archive_path
        self._paths = paths
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            with Archive.open(self._archive_path) as archive:
                report = import_paths(
                    archive,
                    self._paths,
                    progress=self._report_progress,
                    should_cancel=self._cancel.is_set,
                )
        except Exception as exc:  # shown to the user; the thread must always finish
            self.failed.emit(str(exc))
            return
        finally:
            # Hand the worker back to the UI thread, which outlives this one and frees it.
            self.moveToThread(QCoreApplication.instance().thread())
        self.finished.emit(report)

    def _report_progress(self, done: int, total: int, path: Path) -> None:
        self.progressed.emit(done, total, path.name)


class ImportController(QObject):
    """Owns one import: the worker thread and its progress dialog.

    ``done`` carries the ImportReport (or None if the import failed to start or
    crashed, with ``error`` set) once the thread has stopped.
    """

    done = Signal(object)

    def __init__(self, archive_path: Path, paths: list[Path], parent: QWidget):
        super().__init__(parent)
        self.error: str | None = None
        self.report: ImportReport | None = None
        self._thread = QThread(self)
        self._worker = ImportWorker(archive_path, paths)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._on_thread_finished)

        self.dialog = QProgressDialog("Preparing import…", "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle("Importing articles")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.dialog.setLabelText("Cancelling after the current file…")
        self._worker.cancel()

    def wait(self) -> None:
        """Cancel and block until the thread has stopped (e.g. when the window closes)."""
        self._worker.cancel()
        self._thread.quit()
        self._thread.wait()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if name:
            self.dialog.setLabelText(f"Importing {name} ({done + 1} of {total})")

    @Slot(object)
    def _on_finished(self, report: ImportReport) -> None:
        self.report = report
        self._thread.quit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.error = message
        self._thread.quit()

    @Slot()
    def _on_thread_finished(self) -> None:
        self.dialog.reset()  # also stops the timer that would show a quick import's dialog
        self.dialog.close()
        self.done.emit(self.report)
