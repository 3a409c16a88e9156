"""The main window: filter panels, record tables, the arrests chart and the source pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.importer import ImportReport
from archive_gui.core.store import Archive, ArchiveError, ArchiveTooNewError, Totals
from archive_gui.core.store.schema import RecordFilter, RecordKind
from archive_gui.ui.chart import ArrestChartPanel
from archive_gui.ui.export_dialog import ExportDialog
from archive_gui.ui.filters import FilterPanel
from archive_gui.ui.importing import ImportController
from archive_gui.ui.models import (
    OperationsTableModel,
    QuotesTableModel,
    RecordRole,
    RecordTableModel,
    abandon_when,
    run_in_background,
    wait_for_background,
)
from archive_gui.ui.source import SourcePanel

ROW_HEIGHT_PADDING = 8
# Facet counts under a filter count at most this many records (then marked "≥"),
# so a facet never takes more than a few hundred milliseconds on a big archive.
FACET_CAP = 100_000

# Default widths of the record columns, by column key; the rest share what is left.
COLUMN_WIDTHS = {
    RecordKind.OPERATIONS: {
        "count_text": 115,
        "qualifier": 80,
        "place": 165,
        "period": 95,
        "agency": 55,
        "published": 85,
    },
    RecordKind.QUOTES: {"speaker": 120, "role": 110, "tags": 55, "published": 85, "article": 120},
}
STRETCH_COLUMN = {RecordKind.OPERATIONS: "article", RecordKind.QUOTES: "text"}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


class RecordTableView(QTableView):
    """A record list: one fixed-height line per row, sorted by the archive on header click."""

    def __init__(self, model: RecordTableModel, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setModel(model)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)

        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_HEIGHT_PADDING)

        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = COLUMN_WIDTHS[model.kind]
        for column in range(model.columnCount()):
            key = model.column_key(column)
            if key == STRETCH_COLUMN[model.kind]:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            elif key in widths:
                self.setColumnWidth(column, widths[key])

        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.setSortingEnabled(True)
        # Connected after setSortingEnabled, so this runs once the model has (not) sorted.
        header.sortIndicatorChanged.connect(self._keep_indicator_on_sorted_column)

    def record_model(self) -> RecordTableModel:
        return self.model()

    def _keep_indicator_on_sorted_column(self, column: int, order: Qt.SortOrder) -> None:
        model = self.record_model()
        if model.is_sortable(column):
            return
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(model.sort_column(), model.sort_order())
        header.blockSignals(False)


class EmptyArchivePage(QWidget):
    """What a new archive shows instead of empty tables: how to get articles in."""

    def __init__(self, import_action: QAction, parent=None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        heading = QLabel("This archive has no articles yet")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            "Import news articles saved as plain-text files (.txt), one article per file,\n"
            "or whole folders of them. Quotes and arrest counts are extracted on import.\n\n"
            "Use File › Import files… or the button below."
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton("Import files…")
        button.clicked.connect(import_action.trigger)

        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()


class MainWindow(QMainWindow):
    """Browses one archive at a time; opening another one closes the previous one.

    ``summaries_shown`` is emitted when facet counts and the chart show the current
    filters (they are read off the GUI thread for a file archive).
    """

    summaries_shown = Signal()

    def __init__(self, archive: Archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.filters = RecordFilter()
        self._totals = Totals(0, 0, 0)
        self._summary_generation = 0
        self._import: ImportController | None = None
        self.resize(1400, 900)

        self._create_actions()
        self._create_menus()

        self.operations_model = OperationsTableModel(archive, self)
        self.quotes_model = QuotesTableModel(archive, self)
        self.operations_table = RecordTableView(self.operations_model, "operationsTable")
        self.quotes_table = RecordTableView(self.quotes_model, "quotesTable")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(self.operations_table, "Operations")
        self.tabs.addTab(self.quotes_table, "Quotes")
        self.tabs.currentChanged.connect(self._show_current_record)
        for table in (self.operations_table, self.quotes_table):
            table.selectionModel().currentRowChanged.connect(self._show_current_record)
        for model in (self.operations_model, self.quotes_model):
            model.loaded.connect(self._update_status)

        self.city_panel = FilterPanel("City", "operations", "Find a city…")
        self.city_panel.setObjectName("cityFilter")
        self.speaker_panel = FilterPanel("Speaker", "quotes", "Find a speaker…")
        self.speaker_panel.setObjectName("speakerFilter")
        for panel in (self.city_panel, self.speaker_panel):
            panel.selection_changed.connect(self._apply_filters)

        self.chart = ArrestChartPanel()
        self.source = SourcePanel()

        self._pages = QStackedWidget()
        self.empty_page = EmptyArchivePage(self.import_action)
        self.browser_page = self._build_browser()
        self._pages.addWidget(self.browser_page)
        self._pages.addWidget(self.empty_page)
        self.setCentralWidget(self._pages)

        self.status_label = QLabel()
        self.status_label.setObjectName("recordCounts")
        self.statusBar().addPermanentWidget(self.status_label)

        self._refresh_all()
        self.operations_table.setFocus()

    # -- layout ------------------------------------------------------------------

    def _build_browser(self) -> QWidget:
        facets = QSplitter(Qt.Orientation.Vertical)
        facets.addWidget(self.city_panel)
        facets.addWidget(self.speaker_panel)

        centre = QSplitter(Qt.Orientation.Vertical)
        centre.addWidget(self.tabs)
        centre.addWidget(self.chart)
        centre.setSizes([520, 300])
        centre.setStretchFactor(0, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(facets)
        splitter.addWidget(centre)
        splitter.addWidget(self.source)
        splitter.setSizes([210, 790, 380])
        splitter.setStretchFactor(1, 1)
        for index in range(splitter.count()):
            splitter.setCollapsible(index, False)

        browser = QWidget()
        layout = QVBoxLayout(browser)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(splitter)
        return browser

    def _create_actions(self) -> None:
        self.open_action = QAction("&Open archive…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_archive)
        self.import_action = QAction("&Import files…", self)
        self.import_action.setObjectName("importAction")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_import_files)
        self.export_action = QAction("&Export…", self)
        self.export_action.setObjectName("exportAction")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.show_export_dialog)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.clear_filters_action = QAction("&Clear filters", self)
        self.clear_filters_action.setObjectName("clearFiltersAction")
        self.clear_filters_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.clear_filters_action.triggered.connect(self.clear_filters)

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.clear_filters_action)

    # -- filters and refresh ----------------------------------------------------

    def clear_filters(self) -> None:
        for panel in (self.city_panel, self.speaker_panel):
            panel.clear_silently()
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.filters = RecordFilter(
            cities=self.city_panel.checked_ids(), speakers=self.speaker_panel.checked_ids()
        )
        self.operations_model.set_filters(self.filters)
        self.quotes_model.set_filters(self.filters)
        self._refresh_summaries()

    def _refresh_all(self) -> None:
        """Re-read everything from the archive, e.g. after an import or opening another file."""
        self._totals = self.archive.totals()
        self.operations_model.refresh()
        self.quotes_model.refresh()
        self._refresh_summaries()
        self.source.clear()

    def _refresh_summaries(self) -> None:
        """Facet counts and chart under the current filters (read in the background for
        a file archive; a late answer to an older filter is dropped), and the status."""
        self._summary_generation += 1
        generation, filters = self._summary_generation, self.filters

        def read(archive: Archive) -> tuple:
            abandon_when(archive, lambda: generation != self._summary_generation)
            return (
                archive.city_facet(filters, cap=FACET_CAP),
                archive.speaker_facet(filters, cap=FACET_CAP),
                archive.arrests_by_place(filters),
            )

        run_in_background(self, self.archive, read, lambda r: self._show_summaries(generation, r))
        self.clear_filters_action.setEnabled(not self.filters.is_empty)
        self._update_status()

    def _show_summaries(self, generation: int, summaries: tuple) -> None:
        if generation != self._summary_generation:
            return
        cities, speakers, places = summaries
        self.city_panel.set_values(cities)
        self.speaker_panel.set_values(speakers)
        if self.archive.path is None:
            self._show_chart(generation, places)
        else:  # the chart on the next turn of the event loop: no long single stall
            QTimer.singleShot(0, lambda: self._show_chart(generation, places))

    def _show_chart(self, generation: int, places: list) -> None:
        if generation != self._summary_generation:
            return
        self.chart.show_totals(places)
        self.summaries_shown.emit()

    def _update_status(self) -> None:
        totals = self._totals
        self._pages.setCurrentWidget(self.empty_page if totals.articles == 0 else self.browser_page)
        operations = self.operations_model.rowCount()
        quotes = self.quotes_model.rowCount()
        if self.filters.is_empty:
            counts = [_plural(operations, "operation"), _plural(quotes, "quote")]
        else:
            counts = [
                f"{operations:,} of {_plural(totals.operations, 'operation')}",
                f"{quotes:,} of {_plural(totals.quotes, 'quote')}",
            ]
        self.status_label.setText(" · ".join([*counts, _plural(totals.articles, "article")]))
        self.import_action.setEnabled(self.archive.path is not None and self._import is None)
        title = self.archive.path.name if self.archive.path else "(in memory)"
        self.setWindowTitle(f"{title} — News Enforcement Archive")

    # -- the detail pane ----------------------------------------------------------

    def _current_table(self) -> RecordTableView:
        return self.tabs.currentWidget()

    def _show_current_record(self, *_args) -> None:
        table = self._current_table()
        current: QModelIndex = table.selectionModel().currentIndex()
        record = current.data(RecordRole) if current.isValid() else None
        if record is None:
            self.source.clear()
            return
        article = self.archive.article(record["article_id"])
        self.source.show_record(table.record_model().kind, record, article)

    # -- files --------------------------------------------------------------------

    def choose_archive(self) -> None:
        start = str(self.archive.path.parent) if self.archive.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self, "Open archive", start, "Archives (*.db *.sqlite);;All files (*)"
        )
        if name:
            self.open_archive(Path(name))

    def open_archive(self, path: Path) -> bool:
        try:
            archive = Archive.open(path)
        except (ArchiveError, ArchiveTooNewError, OSError) as exc:
            QMessageBox.warning(self, "Cannot open archive", str(exc))
            return False
        wait_for_background()
        self.archive.close()
        self.archive = archive
        for panel in (self.city_panel, self.speaker_panel):
            panel.clear_silently()
        self.filters = RecordFilter()
        self.operations_model.set_archive(archive)
        self.quotes_model.set_archive(archive)
        self._refresh_all()
        return True

    def choose_import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Import articles",
            "",
            "Articles (*.txt *.text *.html *.htm);;All files (*)",
        )
        if names:
            self.import_files([Path(name) for name in names])

    def show_export_dialog(self) -> ExportDialog | None:
        """Export the selected rows of the current tab, or everything the filters match."""
        if self.archive.path is None:
            return None
        table = self._current_table()
        model = table.record_model()
        selected = sorted(
            record["id"]
            for index in table.selectionModel().selectedRows()
            if (record := index.data(RecordRole)) is not None
        )
        dialog = ExportDialog(
            archive_path=self.archive.path,
            kind=model.kind,
            filters=self.filters,
            selected_ids=selected,
            matching_count=model.rowCount(),
            parent=self,
        )
        dialog.exported.connect(
            lambda path, count: self.statusBar().showMessage(
                f"Exported {count:,} records to {path}", 15_000
            )
        )
        dialog.open()
        return dialog

    def import_files(self, paths: list[Path]) -> ImportController | None:
        """Import in a worker thread; the window refreshes when it is done."""
        if self.archive.path is None or self._import is not None:
            return None
        self._import = ImportController(self.archive.path, paths, self)
        self._import.done.connect(self._import_done)
        self.import_action.setEnabled(False)
        self._import.start()
        return self._import

    def _import_done(self, report: ImportReport | None) -> None:
        controller, self._import = self._import, None
        self._refresh_all()
        if report is None:
            QMessageBox.warning(self, "Import failed", controller.error or "Unknown error")
            return
        self.statusBar().showMessage(f"Import: {report.summary()}", 15_000)
        if report.failed:
            details = "\n".join(f"{path.name}: {reason}" for path, reason in report.failed[:20])
            more = len(report.failed) - 20
            if more > 0:
                details += f"\n… and {more} more"
            QMessageBox.warning(
                self, "Some files were not imported", f"{report.summary()}.\n\n{details}"
            )

    def closeEvent(self, event) -> None:
        if self._import is not None:
            self._import.done.disconnect(self._import_done)
            self._import.wait()
            self._import = None
        wait_for_background()
        super().closeEvent(event)
