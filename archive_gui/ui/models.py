"""Qt item models over the archive.

The record tables hold only the ids of the matching records, in sort order, and
fetch display rows a page at a time when the view asks for them: an archive of
a hundred thousand quotes costs an array of ints, not a hundred thousand dicts.
"""

from __future__ import annotations

import html
from array import array
from collections import OrderedDict

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from archive_gui.core.store.archive import Archive, FacetValue
from archive_gui.core.store.schema import COLUMNS, DEFAULT_SORT, RecordFilter, RecordKind

# The row dict of a record (column keys plus ids and spans), for the detail pane.
RecordRole = Qt.ItemDataRole.UserRole + 1
# The number of records a facet value matches.
CountRole = Qt.ItemDataRole.UserRole + 2
# The entity id behind a facet value.
FacetIdRole = Qt.ItemDataRole.UserRole + 3

PAGE_SIZE = 200
MAX_CACHED_PAGES = 8
# Quotes longer than this get their full text as a tooltip.
TOOLTIP_MIN_LENGTH = 60

APPROXIMATE_MARK = "≈"

_QUALIFIER_WORDS = {
    "exact": "exact",
    "about": "about",
    "nearly": "nearly",
    "more_than": "more than",
    "at_least": "at least",
    "up_to": "up to",
    "dozens": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
}


def qualifier_words(qualifier: str | None) -> str:
    """How a count qualifier reads in the UI ("more_than" -> "more than")."""
    if qualifier is None:
        return ""
    return _QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))


def _single_line(text: str) -> str:
    """Table cells have one fixed-height line: fold line breaks and runs of spaces."""
    return " ".join(text.split())


class RecordTableModel(QAbstractTableModel):
    """The records of one kind matching the current filters, fetched a page at a time."""

    def __init__(self, archive: Archive, kind: RecordKind, parent=None):
        super().__init__(parent)
        self._archive = archive
        self.kind = kind
        self._columns = COLUMNS[kind]
        self._filters = RecordFilter()
        self._sort_key: str = DEFAULT_SORT[kind]
        self._descending = False
        self._ids = array("q")
        self._pages: OrderedDict[int, dict[int, dict]] = OrderedDict()
        self._requery()

    # -- state -----------------------------------------------------------------

    @property
    def cached_page_count(self) -> int:
        return len(self._pages)

    def set_archive(self, archive: Archive) -> None:
        self._archive = archive
        self.refresh()

    def set_filters(self, filters: RecordFilter) -> None:
        self._filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Re-read the ids, e.g. after an import changed the archive."""
        self.beginResetModel()
        self._requery()
        self.endResetModel()

    def column_key(self, column: int) -> str:
        return self._columns[column].key

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].sort is not None

    def sort_column(self) -> int:
        return next(i for i, col in enumerate(self._columns) if col.key == self._sort_key)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def record(self, row: int) -> dict | None:
        """The row dict of the record shown at ``row``, fetching its page if needed."""
        if not 0 <= row < len(self._ids):
            return None
        page = self._page(row // PAGE_SIZE)
        return page.get(self._ids[row])

    def _requery(self) -> None:
        self._ids = self._archive.record_ids(
            self.kind, self._filters, self._sort_key, self._descending
        )
        self._pages.clear()

    def _page(self, number: int) -> dict[int, dict]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        ids = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        page = {row["id"]: row for row in self._archive.rows(self.kind, ids)}
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt model interface ------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole and not self.is_sortable(section):
            return f"{self._columns[section].header} (not sortable)"
        return None

    _ROLES = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            RecordRole,
        }
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in self._ROLES:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        key = self._columns[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(key, record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(key, record)
        return self.font(key, record)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Re-query the ids in the order of ``column``; unsortable columns are ignored."""
        if not self.is_sortable(column):
            return
        self._sort_key = self._columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- per-kind presentation (overridden) -------------------------------------

    def display_text(self, key: str, record: dict) -> str:
        value = record.get(key)
        return "" if value is None else _single_line(str(value))

    def tooltip(self, key: str, record: dict) -> str | None:
        return None

    def font(self, key: str, record: dict) -> QFont | None:
        return None


class OperationsTableModel(RecordTableModel):
    """Enforcement operations; approximate counts are marked "≈" and set in italics."""

    def __init__(self, archive: Archive, parent=None):
        super().__init__(archive, RecordKind.OPERATIONS, parent)

    @staticmethod
    def is_approximate(record: dict) -> bool:
        return record.get("qualifier") not in (None, "exact")

    def display_text(self, key: str, record: dict) -> str:
        if key == "count_text" and self.is_approximate(record):
            return f"{APPROXIMATE_MARK} {_single_line(record['count_text'])}"
        if key == "qualifier":
            return qualifier_words(record.get("qualifier"))
        return super().display_text(key, record)

    def tooltip(self, key: str, record: dict) -> str | None:
        if key == "count_text" and self.is_approximate(record):
            return (
                f"Approximate count ({qualifier_words(record['qualifier'])}); "
                f"counted as {record['count']} in totals"
            )
        return None

    def font(self, key: str, record: dict) -> QFont | None:
        if key == "count_text" and self.is_approximate(record):
            font = QFont()
            font.setItalic(True)
            return font
        return None


class QuotesTableModel(RecordTableModel):
    """Quotes with their speaker; a long quote shows in full as a tooltip."""

    def __init__(self, archive: Archive, parent=None):
        super().__init__(archive, RecordKind.QUOTES, parent)

    def tooltip(self, key: str, record: dict) -> str | None:
        text = record.get("text") or ""
        if key != "text" or len(text) < TOOLTIP_MIN_LENGTH:
            return None
        # Rich text so that Qt wraps the tooltip; the quote itself is escaped.
        return f"<p>{html.escape(text)}</p>"


class FacetListModel(QAbstractListModel):
    """The values of one side-panel facet, each checkable, with its record count.

    Checked values stay listed, with a count of 0, when the other filters leave
    them no records: a selection never disappears from under the user.
    """

    checked_changed = Signal()

    def __init__(self, unit: str = "records", parent=None):
        super().__init__(parent)
        self._unit = unit
        self._values: list[FacetValue] = []
        self._checked: dict[int, str] = {}  # id -> label, for checked values gone from a facet

    def checked_ids(self) -> frozenset[int]:
        return frozenset(self._checked)

    def set_values(self, values: list[FacetValue]) -> None:
        """Show fresh facet counts, keeping checked values that are no longer counted."""
        present = {value.id for value in values}
        values = list(values) + [
            FacetValue(facet_id, label, 0)
            for facet_id, label in self._checked.items()
            if facet_id not in present
        ]
        if [v.id for v in values] == [v.id for v in self._values]:
            self._values = values
            if values:
                self.dataChanged.emit(self.index(0), self.index(len(values) - 1))
            return
        self.beginResetModel()
        self._values = values
        self.endResetModel()

    def clear_checks(self) -> bool:
        """Uncheck every value, without signalling; True if anything was checked."""
        if not self._checked:
            return False
        self._checked.clear()
        if self._values:
            self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1))
        return True

    def set_checked(self, facet_id: int, checked: bool) -> None:
        row = next((i for i, v in enumerate(self._values) if v.id == facet_id), None)
        if row is None:
            raise KeyError(f"no facet value {facet_id}")
        self.setData(
            self.index(row),
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._values)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        value = self._values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value.label
        if role == CountRole:
            return value.count
        if role == FacetIdRole:
            return value.id
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{value.label}: {value.count} {self._unit}"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        facet = self._values[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked[facet.id] = facet.label
        else:
            self._checked.pop(facet.id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
