"""The Export dialog: format, columns, file, and which records; the export runs off the UI thread.

The worker opens its own connection to the archive file (SQLite connections belong to
the thread that opened them) and calls the same :func:`export_records` as the command
line, so the window and a script write the same files, manifest included.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.export import (
    CITATION_FORMATS,
    SUFFIXES,
    ExportCancelled,
    available_fields,
    export_records,
)
from archive_gui.core.store import Archive, RecordFilter, RecordKind

FORMAT_LABELS = (
    ("csv", "CSV (spreadsheet, comma-separated)"),
    ("xlsx", "Excel workbook (.xlsx)"),
    ("json", "JSON"),
    ("jsonl", "JSON Lines"),
    ("md", "Citation list (Markdown)"),
    ("txt", "Citation list (plain text)"),
)
_FILE_FILTERS = {
    "csv": "CSV files (*.csv)",
    "xlsx": "Excel workbooks (*.xlsx)",
    "json": "JSON files (*.json)",
    "jsonl": "JSON Lines files (*.jsonl)",
    "md": "Markdown files (*.md)",
    "txt": "Text files (*.txt)",
}


class ExportWorker(QObject):
    """Runs one export in a worker thread; signals are delivered to the UI thread."""

    started = Signal(int)  # how many records will be written
    progressed = Signal(int)  # records written so far
    finished = Signal(int)  # records written
    cancelled = Signal()
    failed = Signal(str)

    def __init__(
        self,
        archive_path: Path,
        kind: RecordKind,
        fmt: str,
        destination: Path,
        filters: RecordFilter,
        ids: Sequence[int],
        columns: Sequence[str] | None,
        excel_compatible: bool,
    ):
        super().__init__()
        self._args = (archive_path, kind, fmt, destination, filters, list(ids))
        self._columns = list(columns) if columns is not None else None
        self._excel_compatible = excel_compatible
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        archive_path, kind, fmt, destination, filters, ids = self._args
        try:
            with Archive.open(archive_path) as archive:
                self.started.emit(len(ids) if ids else archive.count(kind, filters))
                count = export_records(
                    archive,
                    kind,
                    fmt,
                    destination,
                    filters=filters,
                    ids=ids,
                    columns=self._columns,
                    excel_compatible=self._excel_compatible,
                    progress=self._progress,
                )
        except ExportCancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # shown to the user; the thread must always finish
            self.failed.emit(str(exc))
            return
        finally:
            # Hand the worker back to the UI thread, which outlives this one and frees it.
            self.moveToThread(QCoreApplication.instance().thread())
        self.finished.emit(count)

    def _progress(self, done: int) -> bool:
        self.progressed.emit(done)
        return not self._cancel.is_set()


class ExportDialog(QDialog):
    """Export quotes or operations: the selected rows, or all matching the current filters.

    ``archive_path`` is the archive file (the export opens its own connection to it);
    ``kind`` the records of the current tab; ``filters`` the window's current filters;
    ``selected_ids`` the ids of the selected rows; ``matching_count`` (optional) how many
    records match the filters, shown beside that choice; ``directory`` where the file
    chooser starts. ``exported`` is emitted with the file and the number of records once
    a file is written.
    """

    exported = Signal(object, int)  # Path, records written

    def __init__(
        self,
        archive_path: Path,
        kind: RecordKind,
        filters: RecordFilter = RecordFilter(),
        selected_ids: Sequence[int] = (),
        matching_count: int | None = None,
        directory: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._archive_path = Path(archive_path)
        self._kind = RecordKind(kind)
        self._filters = filters
        self._selected_ids = list(selected_ids)
        self._directory = Path(directory) if directory else Path.home()
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self.result_count: int | None = None
        self.error: str | None = None

        what = "quotes" if self._kind is RecordKind.QUOTES else "operations"
        self.setWindowTitle(f"Export {what}")
        self.setMinimumWidth(520)

        self.format_box = QComboBox()
        for fmt, label in FORMAT_LABELS:
            self.format_box.addItem(label, fmt)
        self.excel_bom = QCheckBox("Excel-compatible encoding (UTF-8 with byte order mark)")
        self.excel_bom.setChecked(True)

        self.selected_button = QRadioButton(f"Selected rows ({len(self._selected_ids):,})")
        matching = f" ({matching_count:,})" if matching_count is not None else ""
        scope = (
            f"All {what} matching the current filters" if not filters.is_empty else f"All {what}"
        )
        self.all_button = QRadioButton(scope + matching)
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.selected_button)
        self._scope.addButton(self.all_button)
        self.selected_button.setEnabled(bool(self._selected_ids))
        (self.selected_button if self._selected_ids else self.all_button).setChecked(True)

        self.columns = QListWidget()
        self.columns.setToolTip("The fields to export, in this order")
        with Archive.open(self._archive_path) as archive:  # a short read on this thread
            fields = available_fields(archive, self._kind)
        for name in fields:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.all_columns = QPushButton("All")
        self.no_columns = QPushButton("None")
        self.all_columns.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.no_columns.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.columns_note = QLabel("Citation lists have a fixed form.")
        column_buttons = QHBoxLayout()
        column_buttons.addWidget(self.all_columns)
        column_buttons.addWidget(self.no_columns)
        column_buttons.addStretch(1)
        column_buttons.addWidget(self.columns_note)
        column_box = QVBoxLayout()
        column_box.addWidget(self.columns)
        column_box.addLayout(column_buttons)

        self.path_edit = QLineEdit(str(self._directory / f"{what}.csv"))
        self.browse = QPushButton("Browse…")
        self.browse.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse)

        scope_box = QVBoxLayout()
        scope_box.addWidget(self.selected_button)
        scope_box.addWidget(self.all_button)

        form = QFormLayout()
        form.addRow("Records:", scope_box)
        form.addRow("Format:", self.format_box)
        form.addRow("", self.excel_bom)
        form.addRow("Columns:", column_box)
        form.addRow("File:", file_row)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.columns.itemChanged.connect(self._update_export_enabled)
        self.path_edit.textChanged.connect(self._update_export_enabled)
        self._format_changed()

    # -- choices ---------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return self.format_box.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def chosen_columns(self) -> list[str]:
        return [
            self.columns.item(row).text()
            for row in range(self.columns.count())
            if self.columns.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_columns(self, names: Sequence[str]) -> None:
        for row in range(self.columns.count()):
            item = self.columns.item(row)
            checked = item.text() in names
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def destination(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.columns.count()):
            self.columns.item(row).setCheckState(state)

    @Slot()
    def _format_changed(self) -> None:
        fmt = self.fmt
        citation = fmt in CITATION_FORMATS
        for widget in (self.columns, self.all_columns, self.no_columns):
            widget.setEnabled(not citation)
        self.columns_note.setVisible(citation)
        self.excel_bom.setEnabled(fmt == "csv")
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(SUFFIXES[fmt])))
        self._update_export_enabled()

    @Slot()
    def _update_export_enabled(self) -> None:
        if self._thread is not None:
            return
        ready = bool(self.path_edit.text().strip()) and (
            self.fmt in CITATION_FORMATS or bool(self.chosen_columns())
        )
        self.export_button.setEnabled(ready)

    @Slot()
    def _choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.path_edit.text(), _FILE_FILTERS[self.fmt]
        )
        if name:
            self.path_edit.setText(name)

    # -- running -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None

    @Slot()
    def start_export(self) -> None:
        if self.running:
            return
        destination = self.destination()
        if not destination.parent.is_dir():
            self.status.setText(f"The folder {destination.parent} does not exist.")
            return
        selected = self.selected_button.isChecked()
        columns = None if self.fmt in CITATION_FORMATS else self.chosen_columns()
        self.result_count = None
        self.error = None
        self._worker = ExportWorker(
            self._archive_path,
            self._kind,
            self.fmt,
            destination,
            RecordFilter() if selected else self._filters,
            self._selected_ids if selected else (),
            columns,
            self.excel_bom.isChecked() and self.fmt == "csv",
        )
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.started.connect(self._on_started)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._on_thread_finished)
        self._set_inputs_enabled(False)
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText("Exporting…")
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self.status.setText("Cancelling…")
            self._worker.cancel()

    def wait(self) -> None:
        """Cancel a running export and block until its thread has stopped."""
        if self._thread is not None:
            self.cancel()
            self._thread.quit()
            self._thread.wait()

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (
            self.format_box,
            self.selected_button,
            self.all_button,
            self.path_edit,
            self.browse,
        ):
            widget.setEnabled(enabled)
        self.selected_button.setEnabled(enabled and bool(self._selected_ids))
        if enabled:
            self._format_changed()
        else:
            for widget in (self.columns, self.all_columns, self.no_columns, self.excel_bom):
                widget.setEnabled(False)

    @Slot(int)
    def _on_started(self, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)

    @Slot(int)
    def _on_progress(self, done: int) -> None:
        self.progress.setValue(min(done, self.progress.maximum()))
        self.status.setText(f"Exported {done:,} records…")

    @Slot(int)
    def _on_finished(self, count: int) -> None:
        self.result_count = count
        self.progress.setValue(self.progress.maximum())
        self.status.setText(
            f"{count:,} records written to {self.destination().name}"
            f" (manifest: {self.destination().name}.manifest.json)."
        )
        self._thread.quit()

    @Slot()
    def _on_cancelled(self) -> None:
        self.status.setText("Export cancelled; no file was written.")
        self._thread.quit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.error = message
        self.status.setText(f"The export failed: {message}")
        self._thread.quit()

    @Slot()
    def _on_thread_finished(self) -> None:
        self._thread.deleteLater()
        self._thread = None
        self._worker = None
        self.progress.setVisible(False)
        self.close_button.setText("Close")
        self._set_inputs_enabled(True)
        if self.result_count is not None:
            self.exported.emit(self.destination(), self.result_count)

    @Slot()
    def _close_or_cancel(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.running:  # Escape or the window's close button while exporting
            self.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.wait()
        super().done(result)
