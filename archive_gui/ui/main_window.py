"""The main window: search, facets, record tables, charts, the source pane and the
record editor, with the researcher's work (tags, review, corrections) on an undo stack.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.search import REVIEW_STATUSES, Query, SearchSyntaxError, highlighter
from archive_gui.core.store import Archive, ArchiveError, ArchiveTooNewError, Totals, filtering
from archive_gui.core.store.curation import Curation, QuoteTagsChange, SavedSearch
from archive_gui.core.store.filtering import filters_from_json, filters_to_json
from archive_gui.core.store.schema import FACET_BY_KEY, RecordFilter, RecordKind
from archive_gui.ui.chart import ArrestChartPanel, ArrestsOverTimePanel
from archive_gui.ui.delegates import HighlightDelegate, RecordItemDelegate
from archive_gui.ui.export_dialog import ExportDialog
from archive_gui.ui.filter_summary import Chip, FilterSummaryBar
from archive_gui.ui.filters import FilterPanel
from archive_gui.ui.importing import ImportController
from archive_gui.ui.models import (
    OperationsTableModel,
    QuotesTableModel,
    RecordRole,
    RecordTableModel,
    abandon_when,
    run_in_background,
    scan_pool,
    wait_for_background,
)
from archive_gui.ui.record_editor import REVIEW_LABELS, RecordEditorPanel
from archive_gui.ui.saved_searches import SavedSearchesPanel, SearchState
from archive_gui.ui.search_box import SearchBox
from archive_gui.ui.source import SourcePanel, utf16_offset
from archive_gui.ui.speaker_manager import SpeakerManagerDialog
from archive_gui.ui.tag_manager import TagManagerDialog
from archive_gui.ui.tagging import TaggingController
from archive_gui.ui.undo import CurationUndoStack

if TYPE_CHECKING:
    from archive_gui.core.importer import ImportReport

ROW_HEIGHT_PADDING = 8
# Facet counts under a filter count at most this many records (then marked "≥"),
# so the eight facets and two charts together stay within about 300 ms on two cores
# at a million quotes (100,000 cost 1.0-1.9 s of reads there).
FACET_CAP = 25_000
# Under a search, facets and charts count at most this many matches: a common word's
# matches are read through the full-text index and tested against the other filters,
# about four times the cost per record of a filter's own index ("we" in the top city at
# 1M: the summaries took 250-330 ms with 25,000, about 100 with 10,000).
SEARCH_CAP = 10_000
SEARCH_COLOR = QColor("#c8e6c9")  # search matches in the source view

# Default widths of the record columns, by column key; the rest share what is left.
COLUMN_WIDTHS = {
    RecordKind.OPERATIONS: {
        "count_text": 115,
        "qualifier": 80,
        "place": 165,
        "period": 95,
        "agency": 55,
        "published": 85,
        "review_status": 85,
    },
    RecordKind.QUOTES: {  # narrow enough to leave the quote itself most of the row
        "speaker": 110,
        "role": 90,
        "tags": 70,
        "published": 80,
        "article": 90,
        "review_status": 80,
    },
}
STRETCH_COLUMN = {RecordKind.OPERATIONS: "article", RecordKind.QUOTES: "text"}

# The facets of the side panel: (field, title, unit, search placeholder, rows shown).
# The side panels in the order shown: facet (``schema.FACET_TABLE``), the placeholder
# of its quick search (None: no search) and the rows it shows (None: it stretches).
FACET_PANELS = (
    ("cities", "Find a city…", None),
    ("speakers", "Find a speaker…", None),
    ("tags", "Find a tag…", 8),
    ("states", "Find a state…", 8),
    ("outlets", "Find an outlet…", 8),
    ("years", None, 6),
    ("agencies", None, 5),
    ("review_statuses", None, 4),
)
SUMMARY_FACETS = tuple(facet for facet, _placeholder, _rows in FACET_PANELS)
SETTINGS_GROUP = "mainWindow"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


_LOOKS_CHANGES = (
    QEvent.Type.FontChange,
    QEvent.Type.PaletteChange,
    QEvent.Type.StyleChange,
)


class RecordTableView(QTableView):
    """A record list: one fixed-height line per row, sorted by the archive on header click;
    several rows can be selected (Shift/Ctrl+click, Ctrl+A) for tagging and review."""

    def __init__(self, model: RecordTableModel, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setModel(model)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setItemDelegate(RecordItemDelegate(self))
        self.highlighter = HighlightDelegate(self)

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
            if key in ("text", "article"):
                self.setItemDelegateForColumn(column, self.highlighter)

        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.setSortingEnabled(True)
        # A new search, filter or sort order starts at its first rows (a reset of the
        # model alone keeps the scroll position, e.g. at the end of the previous list).
        model.query_replaced.connect(self.scrollToTop)
        # The rows shown are highlighted for the search that found them: set when they
        # come in, not when the search is typed (the old rows repainted with the new
        # terms were thrown away a moment later, 20 ms of the GUI thread each time).
        model.query_replaced.connect(lambda: self.highlighter.set_query(model.shown_search))
        # Connected after setSortingEnabled, so this runs once the model has (not) sorted.
        header.sortIndicatorChanged.connect(self._keep_indicator_on_sorted_column)

    def changeEvent(self, event) -> None:
        # The delegates keep lines laid out in the old font and colours of the old palette.
        if event.type() in _LOOKS_CHANGES:
            self.itemDelegate().forget_looks()
            self.highlighter.forget_looks()
        super().changeEvent(event)

    def record_model(self) -> RecordTableModel:
        return self.model()

    def all_selected(self) -> bool:
        """Every row of the list is selected (Ctrl+A): the selection is the filter."""
        count = self.model().rowCount()
        if count == 0:
            return False
        rows = 0
        for selected in self.selectionModel().selection():
            if selected.left() == 0 and selected.right() == self.model().columnCount() - 1:
                rows += selected.bottom() - selected.top() + 1
        return rows >= count

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, by selection range: from the cached pages, and
        the keys of any other page (one keyset query of 200 keys each, no row data)."""
        model = self.record_model()
        rows: set[tuple[int, int]] = set()
        for selected in self.selectionModel().selection():
            rows.add((selected.top(), selected.bottom()))
        ids: set[int] = set()
        for first, last in sorted(rows):
            ids.update(model.ids_in_rows(first, last))
        return sorted(ids)

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the rows of these records that are loaded (after a refresh)."""
        model, selection = self.record_model(), self.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        selection.clearSelection()
        for record_id in ids:
            row = model.row_of(record_id)
            if row is not None:
                selection.select(model.index(row, 0), flags)
        if current is not None and (row := model.row_of(current)) is not None:
            selection.setCurrentIndex(model.index(row, 0), selection.SelectionFlag.NoUpdate)

    def sync_sort_indicator(self) -> None:
        model = self.record_model()
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(model.sort_column(), model.sort_order())
        header.blockSignals(False)

    def _keep_indicator_on_sorted_column(self, column: int, order: Qt.SortOrder) -> None:
        model = self.record_model()
        if model.is_sortable(column):
            return
        self.sync_sort_indicator()


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
            "Import news articles saved as plain-text files (.txt) or web pages (.html),\n"
            "one article per file, or whole folders of them. Quotes and arrest counts are\n"
            "extracted on import.\n\n"
            "Use File › Import files…, the button below, or drop files or folders here."
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


class ReextractProgressDialog(QProgressDialog):
    """Progress and Cancel for a re-extraction running on a worker thread.

    ``progressed`` may be emitted from the worker: the queued connection brings it
    to the GUI thread. Cancel takes effect before the next article.
    """

    progressed = Signal(int, int)

    def __init__(self, total: int, parent: QWidget):
        super().__init__("Re-extracting articles…", "Cancel", 0, max(total, 1), parent)
        self.setObjectName("reextractProgress")
        self.setWindowTitle("Re-extract")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)
        self.setAutoReset(False)
        self.cancelled = threading.Event()
        self.canceled.connect(self.cancelled.set)
        self.progressed.connect(self._show)

    def cancel(self) -> None:
        self.cancelled.set()
        super().cancel()

    def _show(self, done: int, total: int) -> None:
        self.setMaximum(max(total, 1))
        self.setValue(done)
        self.setLabelText(f"Re-extracting article {min(done + 1, total)} of {total}…")

    def finish(self) -> None:
        self.canceled.disconnect(self.cancelled.set)
        self.reset()
        self.hide()


class MainWindow(QMainWindow):
    """Browses one archive at a time; opening another one closes the previous one.

    ``summaries_shown`` is emitted when facet counts and the charts show the current
    filters (they are read off the GUI thread for a file archive). ``settings``: where
    the layout is kept (default: the application's QSettings). ``extractor``: what
    Re-extract runs (default: the current extraction).
    """

    summaries_shown = Signal()
    reextracted = Signal(object)  # the list of ReextractReports

    def __init__(self, archive: Archive, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.archive = archive
        self.settings = settings if settings is not None else QSettings()
        self.extractor = None
        self.filters = RecordFilter()
        self._query: Query | None = None
        self._places: dict[int, str] = {}  # chart bar filter: place id -> label
        self._period: tuple[str, str, str] | None = None  # start, end, label
        self._totals = Totals(0, 0, 0)
        self._summary_generation = 0
        # Facet counts and chart totals by what they were read under; emptied whenever
        # the archive changes (an edit, an undo, an import, another archive).
        self._summary_cache: dict = {}
        self._import: ImportController | None = None
        self._reextracting = False
        self._tag_manager: TagManagerDialog | None = None
        self._speaker_manager: SpeakerManagerDialog | None = None
        self._splitters_restored = False
        self.search_spans: list[tuple[int, int]] = []  # search matches shown in the article
        self.resize(1400, 900)
        self.setAcceptDrops(True)

        self.curation = Curation(archive)
        self.undo_stack = CurationUndoStack(self.curation, self)
        self.undo_stack.changed.connect(self._archive_edited)
        self.undo_stack.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.undo_stack.busy_changed.connect(self._update_actions)
        # Chart hover texts by (bar, filters): read in the background, once per state.
        self._tooltip_cache: dict = {}
        self._tooltip_loading: set = set()

        self.operations_model = OperationsTableModel(archive, self)
        self.quotes_model = QuotesTableModel(archive, self)
        self.operations_table = RecordTableView(self.operations_model, "operationsTable")
        self.quotes_table = RecordTableView(self.quotes_model, "quotesTable")
        self.tagging = TaggingController(self.undo_stack, self.selected_quote_ids, self)
        self.tagging.error.connect(lambda message: self.statusBar().showMessage(message, 5000))

        self._create_actions()
        self._create_menus()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(self.operations_table, "Operations")
        self.tabs.addTab(self.quotes_table, "Quotes")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._want_anchors_of_shown_list()
        for table in (self.operations_table, self.quotes_table):
            table.selectionModel().currentRowChanged.connect(self._show_current_record)
            table.selectionModel().selectionChanged.connect(self._update_actions)
            for action in self.review_actions:
                table.addAction(action)
        for model in (self.operations_model, self.quotes_model):
            model.loaded.connect(self._update_status)
            model.loaded.connect(lambda m=model: self._follow_shown_record(m))
            model.counted.connect(self._update_status)
            model.failed.connect(self._list_failed)

        self.search_box = SearchBox()
        self.search_box.query_changed.connect(self._search_changed)
        self.summary_bar = FilterSummaryBar()
        self.summary_bar.remove_requested.connect(self.remove_filter)
        self.summary_bar.clear_requested.connect(self.clear_filters)

        self.panels: dict[str, FilterPanel] = {}
        for facet, placeholder, rows in FACET_PANELS:
            spec = FACET_BY_KEY[facet]
            unit = spec.counts.value if spec.counts is not None else "records"
            panel = FilterPanel(spec.title, unit, placeholder, facet=facet, rows=rows)
            panel.setObjectName(f"{facet}Filter")
            panel.selection_changed.connect(self._apply_filters)
            self.panels[facet] = panel
        self.city_panel = self.panels["cities"]
        self.city_panel.setObjectName("cityFilter")
        self.speaker_panel = self.panels["speakers"]
        self.speaker_panel.setObjectName("speakerFilter")
        self.saved_searches = SavedSearchesPanel(self.undo_stack, self.current_search_state)
        self.saved_searches.apply_requested.connect(self.apply_saved_search)

        self.chart = ArrestChartPanel()
        self.chart.bar_clicked.connect(self._place_clicked)
        self.chart.hover_text = self._place_tooltip
        self.time_chart = ArrestsOverTimePanel()
        self.time_chart.period_clicked.connect(self._period_clicked)
        self.time_chart.unit_changed.connect(lambda _unit: self._refresh_summaries())
        self.time_chart.hover_text = self._period_tooltip
        self.charts = QTabWidget()
        self.charts.setObjectName("chartTabs")
        self.charts.addTab(self.chart, "By place")
        self.charts.addTab(self.time_chart, "Over time")
        # The chart over time is brought up to date when shown (see _refresh_summaries).
        self.charts.currentChanged.connect(lambda _index: self._refresh_summaries(relabel=False))
        self.source = SourcePanel()
        self.editor = RecordEditorPanel(self.undo_stack)
        self.editor.edited.connect(lambda _change: self._show_current_record())

        self._pages = QStackedWidget()
        self.empty_page = EmptyArchivePage(self.import_action)
        self.browser_page = self._build_browser()
        self._pages.addWidget(self.browser_page)
        self._pages.addWidget(self.empty_page)
        self.setCentralWidget(self._pages)

        self.status_label = QLabel()
        self.status_label.setObjectName("recordCounts")
        self.statusBar().addPermanentWidget(self.status_label)

        self._restore_settings()
        self._refresh_all()
        self.operations_table.setFocus()

    # -- layout ------------------------------------------------------------------

    def _build_browser(self) -> QWidget:
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.setSpacing(6)
        self.saved_searches.setMaximumHeight(190)
        side_layout.addWidget(self.saved_searches)
        for panel in self.panels.values():
            side_layout.addWidget(panel, 2 if panel.facet in ("cities", "speakers") else 0)
        side_layout.addStretch(0)
        scroll = QScrollArea()
        scroll.setObjectName("facetScroll")
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: a scroll bar that came and went as the panels outgrew the pane
        # (under a search, say) narrowed and widened all eight, each laid out and
        # repainted again.
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        for panel in self.panels.values():
            panel.list_view.setMinimumHeight(60)
        self.city_panel.list_view.setMinimumHeight(150)
        self.speaker_panel.list_view.setMinimumHeight(150)

        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.setSpacing(4)
        lists_layout.addWidget(self.search_box)
        lists_layout.addWidget(self.summary_bar)
        lists_layout.addWidget(self.tabs, 1)

        self.centre_splitter = centre = QSplitter(Qt.Orientation.Vertical)
        centre.setObjectName("centreSplitter")
        centre.addWidget(lists)
        centre.addWidget(self.charts)
        centre.setSizes([540, 280])
        centre.setStretchFactor(0, 1)

        self.right_splitter = right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("rightSplitter")
        right.addWidget(self.source)
        right.addWidget(self.editor)
        right.setSizes([520, 330])

        self.main_splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(scroll)
        splitter.addWidget(centre)
        splitter.addWidget(right)
        splitter.setSizes([250, 760, 390])
        splitter.setStretchFactor(1, 1)
        for index in range(splitter.count()):
            splitter.setCollapsible(index, False)

        browser = QWidget()
        layout = QVBoxLayout(browser)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(splitter)
        return browser

    def _action(self, text: str, slot, name: str | None = None, shortcut=None) -> QAction:
        """A menu action triggering ``slot``, with an object name tests can find."""
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = self._action("&Open archive…", self.choose_archive, shortcut=keys.Open)
        self.import_action = self._action(
            "&Import files…", self.choose_import_files, "importAction", "Ctrl+I"
        )
        self.export_action = self._action(
            "&Export…", self.show_export_dialog, "exportAction", "Ctrl+E"
        )
        self.quit_action = self._action("&Quit", self.close, shortcut=keys.Quit)
        self.clear_filters_action = self._action(
            "&Clear filters", self.clear_filters, "clearFiltersAction", "Ctrl+Shift+L"
        )
        self.find_action = self._action(
            "&Find…", lambda: self.search_box.focus(), "findAction", keys.Find
        )

        # Disabled while a change is written in the background.
        self.undo_action, self.redo_action = self.undo_stack.create_actions(self)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

        self.tag_action = self.tagging.action
        self.untag_action = self._action(
            "&Remove a tag from selected quotes…",
            self._untag_selected,
            "untagSelectedAction",
            "Ctrl+Shift+T",
        )
        self.tag_matching_action = self._action(
            "Tag &all quotes in the list…", self.tag_all_listed, "tagMatchingAction"
        )

        self.review_actions: list[QAction] = []
        for number, status in enumerate(REVIEW_STATUSES, start=1):
            action = QAction(f"Mark {REVIEW_LABELS[status].lower()}", self)
            action.setObjectName(f"review_{status}")
            action.setShortcut(QKeySequence(str(number)))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _c=False, s=status: self.set_review_status(s))
            self.review_actions.append(action)

        self.tag_manager_action = self._action(
            "&Tag manager…", self.show_tag_manager, "tagManagerAction"
        )
        self.speaker_manager_action = self._action(
            "&Speaker manager…", self.show_speaker_manager, "speakerManagerAction"
        )
        self.reextract_action = self._action(
            "&Re-extract the selected records' articles", self.reextract_selected, "reextractAction"
        )
        self.reextract_all_action = self._action(
            "Re-extract &every article", lambda: self.reextract(None), "reextractAllAction"
        )

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        quotes_menu = self.menuBar().addMenu("&Quotes")
        quotes_menu.addAction(self.tag_action)
        quotes_menu.addAction(self.untag_action)
        quotes_menu.addAction(self.tag_matching_action)
        review_menu = self.menuBar().addMenu("&Review")
        for action in self.review_actions:
            review_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.clear_filters_action)
        tools_menu = self.menuBar().addMenu("&Tools")
        tools_menu.addAction(self.tag_manager_action)
        tools_menu.addAction(self.speaker_manager_action)
        tools_menu.addSeparator()
        tools_menu.addAction(self.reextract_action)
        tools_menu.addAction(self.reextract_all_action)

    # -- filters and refresh ----------------------------------------------------

    def clear_filters(self) -> None:
        for panel in self.panels.values():
            panel.clear_silently()
        self._places.clear()
        self._period = None
        self.search_box.set_text("", emit=False)
        self._query = None
        self._apply_filters()

    def _search_changed(self, query: Query | None) -> None:
        self._query = query  # the lists highlight it once its rows are in
        self._apply_filters()

    def _place_clicked(self, total) -> None:
        self._places = {total.place_id: total.label}
        self._apply_filters()

    def _period_clicked(self, period) -> None:
        self._period = (period.start, period.end, period.key)
        self._apply_filters()

    def _build_filters(self) -> RecordFilter:
        fields: dict = {facet: panel.checked_ids() for facet, panel in self.panels.items()}
        excluded = frozenset(
            (facet, value) for facet, panel in self.panels.items() for value in panel.excluded_ids()
        )
        return RecordFilter(
            **fields,
            places=frozenset(self._places),
            period=self._period[:2] if self._period else None,
            excluded=excluded,
            search=self._query,
        )

    def _apply_filters(self) -> None:
        self.filters = self._build_filters()
        # The chips first: widgets made while the lists' readers run wait for the GIL
        # between calls into Qt (the chips of a search in a city took up to 47 ms).
        self._update_summary_bar()
        for model in self._models_shown_first():
            model.set_filters(self.filters)
        # the chips are up to date: the counts coming back only re-count their values
        self._refresh_summaries(relabel=False)

    def remove_filter(self, chip: Chip) -> None:
        """Remove one filter of the summary line."""
        if chip.facet == "search":
            self.search_box.set_text("", emit=False)
            self._query = None
        elif chip.facet == "places":
            self._places.pop(chip.value, None)
        elif chip.facet == "period":
            self._period = None
        elif chip.facet in self.panels:
            self.panels[chip.facet].model.remove(chip.value)
            self.panels[chip.facet].update_clear_link()
        self._apply_filters()

    def _update_summary_bar(self) -> None:
        chips: list[Chip] = []
        if self._query is not None:
            chips.append(Chip("search", None, self._query.source))
        for facet, panel in self.panels.items():
            for value in sorted(panel.checked_ids(), key=str):
                chips.append(Chip(facet, value, panel.model.label(value)))
            for value in sorted(panel.excluded_ids(), key=str):
                chips.append(Chip(facet, value, panel.model.label(value), excluded=True))
        for place_id, label in self._places.items():
            chips.append(Chip("places", place_id, label))
        if self._period:
            chips.append(Chip("period", self._period[:2], self._period[2]))
        self.summary_bar.set_chips(chips)

    def shown_kind(self) -> RecordKind:
        return self._current_table().record_model().kind

    def _refresh_all(self) -> None:
        """Re-read everything from the archive, e.g. after an import or opening another file."""
        self._summary_cache.clear()
        self._totals = self.archive.totals()
        for model in self._models_shown_first():
            model.refresh()
        self._refresh_summaries()
        self.source.clear()
        self.editor.clear()

    def _refresh_summaries(self, relabel: bool = True) -> None:
        """Facet counts and charts under the current filters (read in the background for
        a file archive, in two halves on two threads; a late answer to an older filter
        is dropped and its queries interrupted), and the status. ``relabel``: the summary
        bar is redrawn with the values' labels as counted (e.g. a renamed speaker).

        Every count is kept by the filters it was counted under (until the archive
        changes), so removing a filter shows the counts from before at once."""
        self._summary_generation += 1
        generation, filters = self._summary_generation, self.filters
        shown, unit = self.shown_kind(), self.time_chart.unit
        cache = self._summary_cache

        def facet_key(facet: str) -> tuple:
            counted = filtering.facet_kind(facet, shown)
            return ("facet", facet, counted, filters.without(facet))

        # One half counts quotes, the other operations: the facets of a half that
        # share their filters are counted from one read of the records. The chart over
        # time is read only while its tab is shown (its totals took 125 ms of a
        # reader's time at a million quotes, on every change): showing it reads them.
        counts = {name: filtering.facet_kind(name, shown) for name in SUMMARY_FACETS}
        showing_time = self.charts.currentWidget() is self.time_chart
        periods_key = ("periods", filters, unit) if showing_time else None
        halves = tuple(
            (tuple(name for name in SUMMARY_FACETS if counts[name] is kind), chart_key)
            for kind, chart_key in (
                (RecordKind.QUOTES, periods_key),
                (RecordKind.OPERATIONS, ("places", filters)),
            )
        )
        found: dict = {}
        for names, chart_key in halves:
            for name in names:
                if (key := facet_key(name)) in cache:
                    found[key] = cache[key]
            if chart_key is not None and chart_key in cache:
                found[chart_key] = cache[chart_key]

        def reader(names: tuple, chart_key: tuple):
            def read(archive: Archive) -> dict:
                abandon_when(archive, lambda: generation != self._summary_generation)
                result: dict = {}
                todo = [name for name in names if facet_key(name) not in found]
                searching = filters.search is not None
                cap = SEARCH_CAP if searching else FACET_CAP
                for name, values in archive.facets(todo, shown, filters, cap).items():
                    result[facet_key(name)] = values
                if chart_key is not None and chart_key not in found:
                    # Under a search the charts, like the facets, count a capped sample
                    # (a common word matches most of the archive) and say so.
                    sample = SEARCH_CAP if searching else None
                    if chart_key[0] == "places":
                        result[chart_key] = archive.arrests_by_place(filters, cap=sample)
                    else:
                        result[chart_key] = archive.arrests_over_time(filters, unit, cap=sample)
                return result

            return read

        waiting = {"halves": 0}

        def done(result: dict) -> None:
            if generation != self._summary_generation:
                return
            cache.update(result)
            found.update(result)
            waiting["halves"] -= 1
            if waiting["halves"] == 0:
                facets = {name: found[facet_key(name)] for names, _ in halves for name in names}
                charts = {key[0]: found[key] for _, key in halves if key is not None}
                places, periods = charts["places"], charts.get("periods")
                self._show_summaries(generation, (facets, places, periods), relabel)

        todo = [
            (names, chart_key)
            for names, chart_key in halves
            if (chart_key is not None and chart_key not in found)
            or any(facet_key(n) not in found for n in names)
        ]
        if not todo:
            waiting["halves"] = 1
            done({})
        else:
            waiting["halves"] = len(todo)
            for names, chart_key in todo:
                run_in_background(
                    self,
                    self.archive,
                    reader(names, chart_key),
                    done,
                    on_error=lambda exc, g=generation: self._summaries_failed(g, exc),
                )
        self.clear_filters_action.setEnabled(not self.filters.is_empty)
        self._update_status()

    def _summaries_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._summary_generation or isinstance(error, SearchSyntaxError):
            return  # outdated (interrupted), or a search error the lists report
        self.statusBar().showMessage(f"Could not count the facets: {error}", 8000)

    def _list_failed(self, error: BaseException) -> None:
        """A list could not be read: a search the full-text index refused shows in the
        search box (the lists keep the last good rows), anything else in the status bar."""
        if isinstance(error, SearchSyntaxError):
            self.search_box.show_error(error)
        else:
            self.statusBar().showMessage(f"Could not read the list: {error}", 8000)
        self._update_status()

    def _show_summaries(self, generation: int, summaries: tuple, relabel: bool = True) -> None:
        if generation != self._summary_generation:
            return
        facets, places, periods = summaries
        steps = [
            functools.partial(self.panels[facet].set_values, values)
            for facet, values in facets.items()
        ]
        if relabel:
            steps.append(self._update_summary_bar)
        # What waits to be painted (the lists, often the table) is painted in a turn of
        # its own before the charts change, not in one paint with them.
        steps.append(self._paint_pending)
        steps.append(functools.partial(self._show_chart, generation, places, periods))
        if self.archive.path is None:
            for step in steps:
                step()
            return

        # A file archive's (large) facets and charts are shown one per turn of the event
        # loop: a 5,000-speaker panel takes 15-30 ms, all eight and the charts 50 ms or
        # more, stretched further when the readers' threads keep both cores busy.
        def next_step() -> None:
            if generation == self._summary_generation and steps:
                steps.pop(0)()
                QTimer.singleShot(0, self, next_step)  # dropped if the window is gone

        next_step()

    def _paint_pending(self) -> None:
        """Paint now what the window has waiting to be painted (see _show_summaries)."""
        QCoreApplication.sendPostedEvents(self, QEvent.Type.UpdateRequest)

    def _show_chart(self, generation: int, places: list, periods: list) -> None:
        if generation != self._summary_generation:
            return
        self.chart.show_totals(places)
        if periods is not None:  # read only while shown
            self.time_chart.show_totals(periods)
        self.summaries_shown.emit()

    def _update_status(self) -> None:
        totals = self._totals
        self._pages.setCurrentWidget(self.empty_page if totals.articles == 0 else self.browser_page)
        operations = self.operations_model.rowCount()
        quotes = self.quotes_model.rowCount()
        # A search's first rows are shown before all its matches are counted: "≥ n".
        ops_mark = "" if self.operations_model.count_is_exact else "≥ "
        quotes_mark = "" if self.quotes_model.count_is_exact else "≥ "
        if self.filters.is_empty:
            counts = [_plural(operations, "operation"), _plural(quotes, "quote")]
        else:
            counts = [
                f"{ops_mark}{operations:,} of {_plural(totals.operations, 'operation')}",
                f"{quotes_mark}{quotes:,} of {_plural(totals.quotes, 'quote')}",
            ]
        self.status_label.setText(" · ".join([*counts, _plural(totals.articles, "article")]))
        self.import_action.setEnabled(self.archive.path is not None and self._import is None)
        title = self.archive.path.name if self.archive.path else "(in memory)"
        self.setWindowTitle(f"{title} — News Enforcement Archive")
        self.tag_matching_action.setEnabled(quotes > 0)
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        quotes = self.shown_kind() is RecordKind.QUOTES
        selected = self._current_table().selectionModel().hasSelection()
        writing = self.undo_stack.busy
        self.tag_action.setEnabled(quotes and not writing)
        self.untag_action.setEnabled(quotes and selected and not writing)
        self.tag_matching_action.setEnabled(not writing and self.quotes_model.rowCount() > 0)
        for action in self.review_actions:
            action.setEnabled(selected)
        busy = self._reextracting
        self.reextract_action.setEnabled(selected and not busy)
        self.reextract_all_action.setEnabled(not busy and self._totals.articles > 0)

    def _tab_changed(self, *_args) -> None:
        self._want_anchors_of_shown_list()
        self._show_current_record()
        self._update_actions()
        self._refresh_summaries()  # outlet, year and review count the list shown

    # -- chart tooltips ------------------------------------------------------------

    def _bar_text(self, title: str, records, total: int) -> str:
        lines = [f"<b>{title}</b> — {_plural(total, 'operation')}"]
        for record in records:
            where = f", {record.place}" if record.place else ""
            lines.append(
                f"{_escape(record.count_text)}{_escape(where)} — "
                f"{_escape(record.title or '')} ({record.published or 'undated'})"
            )
        if total > len(records):
            lines.append(f"… and {total - len(records):,} more (click to list them)")
        return "<br>".join(lines)

    def _bar_tooltip(self, chart, key: tuple, title: str, **where) -> str:
        """The hover text of a bar: read in the background once per bar and filter
        state ("loading…" until then, and the tooltip is shown again when it is in)."""
        cache_key = (key, self.filters)
        if cache_key not in self._tooltip_cache and cache_key not in self._tooltip_loading:
            self._tooltip_loading.add(cache_key)
            filters, cache = self.filters, self._tooltip_cache

            def done(result) -> None:
                self._tooltip_loading.discard(cache_key)
                if cache is not self._tooltip_cache:
                    return  # the archive changed meanwhile
                records, n = result
                cache[cache_key] = self._bar_text(title, records, n)
                if self.archive.path is not None:
                    chart.show_hover_again()

            run_in_background(
                self,
                self.archive,
                lambda archive: archive.records_behind(filters, **where),
                done,
                on_error=lambda _exc: self._tooltip_loading.discard(cache_key),
            )
        text = self._tooltip_cache.get(cache_key)
        return text if text is not None else f"<b>{_escape(title)}</b> — loading…"

    def _place_tooltip(self, total) -> str:
        return self._bar_tooltip(
            self.chart, ("place", total.place_id), total.label, place_id=total.place_id
        )

    def _period_tooltip(self, period) -> str:
        return self._bar_tooltip(
            self.time_chart,
            ("period", period.start, period.end),
            period.key,
            period=(period.start, period.end),
        )

    # -- the researcher's work ----------------------------------------------------

    def selected_quote_ids(self) -> list[int] | tuple[RecordFilter, int]:
        """The selected quotes: their ids, or ``(filters, count)`` when every row of
        the list is selected (Ctrl+A), so that no id is read on the GUI thread."""
        if self.shown_kind() is not RecordKind.QUOTES:
            return []
        model = self.quotes_model
        if self.quotes_table.all_selected():
            return (model.filters, model.rowCount())
        return self.quotes_table.selected_ids()

    def _untag_selected(self) -> None:
        self.tagging.open_popup("-")

    def tag_all_listed(self) -> bool:
        """Tag every quote in the (filtered) list: ask for the tag, then tag them all."""
        count = self.quotes_model.rowCount()
        if not count:
            return False
        heading = f"Tag all {_plural(count, 'quote')} in the list"
        return self.tagging.ask_for_filter(self.quotes_model.filters, count, heading)

    def set_review_status(self, status: str) -> None:
        """Set the review status of the selected records of the list shown."""
        table = self._current_table()
        ids = table.selected_ids()
        if not ids:
            return
        kind = table.record_model().kind
        self.undo_stack.perform(lambda c: c.set_review_status(kind, ids, status))
        self.statusBar().showMessage(f"Marked {_plural(len(ids), kind.value[:-1])} {status}", 4000)

    def _archive_edited(self, change) -> None:
        """Something was changed, undone or redone: show it everywhere."""
        self._summary_cache.clear()
        self._tooltip_cache = {}
        self._tooltip_loading = set()
        if not isinstance(change, QuoteTagsChange):  # tags add or remove no record
            self._totals = self.archive.totals()  # three count(*): 0.2 s at 1M, cold
        for table in (self.operations_table, self.quotes_table):
            model = table.record_model()
            if self.filters.is_empty:
                model.refresh_rows()  # rows keep their places: selection and scroll stay
            else:
                ids = table.selected_ids()
                current = table.selectionModel().currentIndex().data(RecordRole)
                model.refresh()
                current_id = current["id"] if current else None
                if self.archive.path is None:
                    table.select_ids(ids, current_id)
                else:
                    model.loaded.connect(
                        lambda t=table, i=ids, c=current_id: t.select_ids(i, c),
                        Qt.ConnectionType.SingleShotConnection,
                    )
        self._refresh_summaries()
        self._show_current_record(update_editor=False)

    # -- dialogs --------------------------------------------------------------------

    def show_tag_manager(self) -> TagManagerDialog:
        if self._tag_manager is None:
            self._tag_manager = TagManagerDialog(self.undo_stack, self)
        self._tag_manager.reload()
        self._tag_manager.show()
        self._tag_manager.raise_()
        return self._tag_manager

    def show_speaker_manager(self) -> SpeakerManagerDialog:
        if self._speaker_manager is None:
            self._speaker_manager = SpeakerManagerDialog(self.undo_stack, self)
        self._speaker_manager.reload()
        self._speaker_manager.show()
        self._speaker_manager.raise_()
        return self._speaker_manager

    # -- saved searches ---------------------------------------------------------------

    def current_search_state(self) -> SearchState:
        model = self._current_table().record_model()
        return SearchState(
            query=self._query.source if self._query else "",
            filters=filters_to_json(replace_search(self.filters)),
            sort_key=model.sort_key,
            descending=model.descending,
            kind=model.kind.value,
        )

    def apply_saved_search(self, saved: SavedSearch) -> None:
        """Show what a saved search selects: its query, facet selections and sort."""
        filters = filters_from_json(saved.filters)
        for facet, panel in self.panels.items():
            included = {value: str(value) for value in getattr(filters, facet)}
            excluded = {value: str(value) for value in filters.excluded_values(facet)}
            if included or excluded:
                labels = self.archive.filter_labels(facet, [*included, *excluded])
                included = {v: labels.get(v, str(v)) for v in included}
                excluded = {v: labels.get(v, str(v)) for v in excluded}
            panel.model.restore(included, excluded)
            panel.update_clear_link()
        self._places = dict(self.archive.filter_labels("places", filters.places))
        self._period = (*filters.period, filters.period[0][:7]) if filters.period else None
        self.search_box.set_text(saved.query, emit=False)
        self._query = self.search_box.query()
        if saved.kind:
            table = self.quotes_table if saved.kind == "quotes" else self.operations_table
            self.tabs.setCurrentWidget(table)
            if saved.sort_key:
                table.record_model().set_sort(saved.sort_key, saved.descending)
                table.sync_sort_indicator()
        self._apply_filters()
        self.statusBar().showMessage(f"Saved search: {saved.name}", 4000)

    # -- the detail pane ----------------------------------------------------------

    def _want_anchors_of_shown_list(self) -> None:
        """Only the list on screen scans for where its pages start (see
        ``RecordTableModel.set_anchors_wanted``)."""
        shown = self._current_table().record_model()
        for model in (self.operations_model, self.quotes_model):
            model.set_anchors_wanted(model is shown)

    def _models_shown_first(self) -> tuple[RecordTableModel, RecordTableModel]:
        """Both lists, the one on screen first: its first page is queued before the other
        list's read starts, which then waits for it (see ``run_in_background``)."""
        shown = self._current_table().record_model()
        other = self.quotes_model if shown is self.operations_model else self.operations_model
        return shown, other

    def _current_table(self) -> RecordTableView:
        return self.tabs.currentWidget()

    def _follow_shown_record(self, model: RecordTableModel) -> None:
        """After the list on screen was read again (a filter, a search, a sort): the record
        in the detail pane is selected again where the new list's first rows hold it, and
        otherwise the pane is cleared, so that it never shows a record the list no longer
        has. A pane being edited is left alone (its field commits when it loses focus)."""
        table = self._current_table()
        if table.record_model() is not model:
            return
        kind, record_id = self.editor.kind, self.editor.record_id
        if record_id is None or kind is not model.kind:
            return
        focus = QApplication.focusWidget()
        if focus is not None and self.editor.isAncestorOf(focus):
            return
        row = model.row_of(record_id)
        if row is not None:
            selection = table.selectionModel()
            flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
            selection.setCurrentIndex(model.index(row, 0), flags)
            return
        self.source.clear()
        self.editor.clear()

    def _show_current_record(self, *_args, update_editor: bool = True) -> None:
        table = self._current_table()
        current: QModelIndex = table.selectionModel().currentIndex()
        record = current.data(RecordRole) if current.isValid() else None
        if record is None:
            self.source.clear()
            self.editor.clear()
            return
        kind = table.record_model().kind
        article = self.archive.article(record["article_id"])
        self.source.show_record(kind, record, article)
        self._highlight_search(article.text)
        if update_editor or self.editor.record_id != record["id"]:
            self.editor.set_record(kind, record["id"])

    def _highlight_search(self, text: str) -> None:
        """Mark the search's matches in the article, beside the record's highlights."""
        spans = highlighter(self._query).spans(text)
        self.search_spans = spans
        if not spans:
            return
        view = self.source.view
        selections = list(view.extraSelections())
        fmt = QTextCharFormat()
        fmt.setBackground(SEARCH_COLOR)
        fmt.setFontWeight(QFont.Weight.Bold)
        for start, end in spans:
            cursor = QTextCursor(view.document())
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)  # bold, over the record's own highlight
        view.setExtraSelections(selections)

    # -- re-extraction --------------------------------------------------------------------

    def reextract_selected(self) -> bool:
        table = self._current_table()
        articles = sorted(
            {
                record["article_id"]
                for index in table.selectionModel().selectedRows()
                if (record := index.data(RecordRole)) is not None
            }
        )
        return self.reextract(articles) if articles else False

    def reextract(self, article_ids: list[int] | None) -> bool:
        """Run extraction again on articles (None: every article) in the background,
        keeping the researcher's work; the undo history is cleared afterwards."""
        if self._reextracting:
            return False
        from archive_gui.core.extract import EXTRACTOR_VERSION, extract
        from archive_gui.core.reextract import reextract_articles

        extractor = self.extractor
        ids = list(article_ids) if article_ids is not None else self.curation.article_ids()

        dialog = self.reextract_dialog = ReextractProgressDialog(len(ids), self)

        def work(archive: Archive):
            return reextract_articles(
                archive,
                ids,
                extractor or extract,
                EXTRACTOR_VERSION,
                progress=dialog.progressed.emit,  # queued to the GUI thread
                should_cancel=dialog.cancelled.is_set,
            )

        self._reextracting = True
        self._update_actions()
        self.statusBar().showMessage(f"Re-extracting {_plural(len(ids), 'article')}…")
        run_in_background(
            self, self.archive, work, self._reextract_done, on_error=self._reextract_failed
        )
        return True

    def _reextract_failed(self, error: BaseException) -> None:
        self.reextract_dialog.finish()
        self._reextracting = False
        self._update_actions()
        self.statusBar().showMessage(f"Re-extraction failed: {error}", 15_000)
        self._refresh_all()  # whatever was written before the failure

    def _reextract_done(self, reports) -> None:
        cancelled = self.reextract_dialog.cancelled.is_set()
        self.reextract_dialog.finish()
        self._reextracting = False
        self.undo_stack.clear()  # record ids and values the old steps refer to may be gone
        self._refresh_all()
        kept = sum(r.quotes_kept + r.operations_kept for r in reports)
        added = sum(r.quotes_added + r.operations_added for r in reports)
        fixes = sum(r.corrections_applied for r in reports)
        orphaned = sum(r.quotes_orphaned + r.operations_orphaned for r in reports)
        stopped = " (cancelled; the rest are unchanged)" if cancelled else ""
        self.statusBar().showMessage(
            f"Re-extracted {_plural(len(reports), 'article')}{stopped}: {kept:,} records kept,"
            f" {added:,} new, {fixes:,} corrections re-applied, {orphaned:,} kept for your work",
            15_000,
        )
        self.reextracted.emit(reports)

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
        self.curation = Curation(archive)
        self.undo_stack.set_curation(self.curation)
        for panel in self.panels.values():
            panel.clear_silently()
        self._places.clear()
        self._period = None
        self.search_box.set_text("", emit=False)
        self._query = None
        self.filters = RecordFilter()
        self._update_summary_bar()
        self.operations_model.set_archive(archive)
        self.quotes_model.set_archive(archive)
        self.saved_searches.reload()
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
        dialog = ExportDialog(
            archive_path=self.archive.path,
            kind=model.kind,
            filters=self.filters,
            selected_ids=table.selected_ids(),
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
        if report.added:
            self._tidy_search_index()
        if report.failed:
            details = "\n".join(f"{path.name}: {reason}" for path, reason in report.failed[:20])
            more = len(report.failed) - 20
            if more > 0:
                details += f"\n… and {more} more"
            QMessageBox.warning(
                self, "Some files were not imported", f"{report.summary()}.\n\n{details}"
            )

    def _tidy_search_index(self) -> None:
        """Merge the segments imports added to the full-text indexes, on a thread of the
        lowest priority and a connection of its own (a write: the lists read the index as
        it was meanwhile). Not merged, a search's probes get slower with every import.
        A failure (the archive busy with another write) leaves it to the next import."""
        run_in_background(
            self,
            self.archive,
            lambda archive: archive.tidy_search_index(),
            lambda _merged: None,
            pool=scan_pool(),
            on_error=lambda _exc: None,
            connect=Archive.open_reader,
        )

    # -- dropping files ------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(event) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event) -> None:
        if self._dropped_paths(event) and self.archive.path is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = self._dropped_paths(event)
        if paths and self.import_files(paths) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- settings --------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        s.beginGroup(SETTINGS_GROUP)
        try:
            geometry = s.value("geometry")
            if isinstance(geometry, QByteArray | bytes):
                self.restoreGeometry(QByteArray(geometry))
            # (the splitters once the window is laid out: see showEvent)
            for table in (self.operations_table, self.quotes_table):
                kind = table.record_model().kind.value
                state = s.value(f"{kind}/header")
                if isinstance(state, QByteArray | bytes):
                    table.horizontalHeader().restoreState(QByteArray(state))
                sort_key = s.value(f"{kind}/sort")
                if isinstance(sort_key, str) and sort_key:
                    descending = str(s.value(f"{kind}/descending", "false")).lower() == "true"
                    table.record_model().set_sort(sort_key, descending)
                table.sync_sort_indicator()
            unit = s.value("chart/unit")
            index = self.time_chart.unit_combo.findData(unit)
            if index >= 0:
                self.time_chart.unit_combo.blockSignals(True)
                self.time_chart.unit_combo.setCurrentIndex(index)
                self.time_chart.unit_combo.blockSignals(False)
        finally:
            s.endGroup()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            self._splitters_restored = True
            self.settings.beginGroup(SETTINGS_GROUP)
            for name in ("main_splitter", "centre_splitter", "right_splitter"):
                state = self.settings.value(name)
                if isinstance(state, QByteArray | bytes):
                    getattr(self, name).restoreState(QByteArray(state))
            self.settings.endGroup()

    def save_settings(self) -> None:
        s = self.settings
        s.beginGroup(SETTINGS_GROUP)
        s.setValue("geometry", self.saveGeometry())
        for name in ("main_splitter", "centre_splitter", "right_splitter"):
            s.setValue(name, getattr(self, name).saveState())
        for table in (self.operations_table, self.quotes_table):
            model = table.record_model()
            kind = model.kind.value
            s.setValue(f"{kind}/header", table.horizontalHeader().saveState())
            s.setValue(f"{kind}/sort", model.sort_key)
            s.setValue(f"{kind}/descending", "true" if model.descending else "false")
        s.setValue("chart/unit", self.time_chart.unit)
        s.endGroup()
        s.sync()

    def closeEvent(self, event) -> None:
        self.editor.commit_note()  # a note being typed is not lost
        self.save_settings()
        if self._import is not None:
            self._import.done.disconnect(self._import_done)
            self._import.wait()
            self._import = None
        wait_for_background()
        super().closeEvent(event)


def replace_search(filters: RecordFilter) -> RecordFilter:
    """The filters without the search (a saved search keeps its query as text)."""
    from dataclasses import replace

    return replace(filters, search=None)


def _escape(text: str) -> str:
    import html

    return html.escape(text)
