"""Saved searches in the side panel: the current query, facet selections and sort,
saved under a name; applied with a click (or Enter), renamed in place, deleted.

Saving, renaming and deleting are steps on the undo stack like every other change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError, SavedSearch, SavedSearchChange
from archive_gui.ui.undo import CurationUndoStack

SavedSearchRole = Qt.ItemDataRole.UserRole + 40
_ROOT = QModelIndex()


@dataclass(frozen=True)
class SearchState:
    """What a saved search keeps: the query text, facet selections (JSON) and the sort."""

    query: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False
    kind: str | None = None


def describe(saved: SavedSearch) -> str:
    """A tooltip: what the saved search selects."""
    parts = []
    if saved.query:
        parts.append(f"Search: {saved.query}")
    for name, values in sorted(saved.filters.items()):
        if name == "excluded":
            parts.append("Excluding: " + ", ".join(f"{f} {v}" for f, v in values))
        elif name == "period":
            parts.append(f"Period: {values[0]} – {values[1]}")
        else:
            parts.append(f"{name.replace('_', ' ').capitalize()}: {len(values)} selected")
    if saved.sort_key:
        parts.append(f"Sorted by {saved.sort_key}{' (descending)' if saved.descending else ''}")
    return "\n".join(parts) or "Everything"


class SavedSearchModel(QAbstractListModel):
    """The saved searches by name; ``renamer(saved_id, name) -> bool`` edits in place."""

    def __init__(self, parent=None, renamer: Callable[[int, str], bool] | None = None):
        super().__init__(parent)
        self._rows: list[SavedSearch] = []
        self.renamer = renamer

    def set_searches(self, searches: list[SavedSearch]) -> None:
        self.beginResetModel()
        self._rows = list(searches)
        self.endResetModel()

    def row_of(self, saved_id: int) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == saved_id), -1)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.renamer is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        saved = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return saved.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(saved)
        if role == SavedSearchRole:
            return saved
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.renamer is None:
            return False
        name = str(value or "").strip()
        saved = self._rows[index.row()]
        if not name or name == saved.name:
            return False
        return bool(self.renamer(saved.id, name))


class SavedSearchesPanel(QWidget):
    """``apply_requested(SavedSearch)`` when one is chosen (click, Enter).

    ``current_state() -> SearchState`` gives what "Save" saves.
    """

    apply_requested = Signal(object)

    def __init__(
        self,
        stack: CurationUndoStack,
        current_state: Callable[[], SearchState],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.stack = stack
        self.current_state = current_state
        self.model = SavedSearchModel(self, renamer=self._rename_later)

        title = QLabel("Saved searches")
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self.list_view = QListView()
        self.list_view.setObjectName("savedSearchList")
        self.list_view.setModel(self.model)
        self.list_view.setEditTriggers(QListView.EditTrigger.EditKeyPressed)  # F2 renames
        self.list_view.setToolTip("Click to apply; F2 renames; Delete removes")
        self.list_view.setUniformItemSizes(True)
        self.list_view.activated.connect(self._apply_index)
        self.list_view.clicked.connect(self._apply_index)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list_view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("savedSearchName")
        self.name_edit.setPlaceholderText("Name the current search…")
        self.name_edit.returnPressed.connect(self.save_current)
        self.save_button = QToolButton()
        self.save_button.setText("Save")
        self.save_button.setObjectName("saveSearchButton")
        self.save_button.setToolTip("Save the search, the filters and the sort under this name")
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete")
        self.delete_button.setObjectName("deleteSearchButton")
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.save_button, self.delete_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        row.addWidget(self.save_button)
        row.addWidget(self.delete_button)

        self.message = QLabel()
        self.message.setObjectName("savedSearchMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.list_view, 1)
        name_row = QHBoxLayout()
        name_row.setContentsMargins(0, 0, 0, 0)
        name_row.setSpacing(3)
        name_row.addWidget(self.name_edit, 1)
        name_row.addLayout(row)
        layout.addLayout(name_row)
        layout.addWidget(self.message)

        self.stack.changed.connect(self._archive_changed)
        self.reload()

    def reload(self) -> None:
        current = self.current_id()
        self.model.set_searches(self.stack.curation.saved_searches())
        if current is not None:
            self.select(current)
        self.delete_button.setEnabled(self.model.rowCount() > 0)

    def _archive_changed(self, change) -> None:
        if isinstance(change, SavedSearchChange) or hasattr(change, "parts"):
            self.reload()

    def current_id(self) -> int | None:
        index = self.list_view.currentIndex()
        saved = index.data(SavedSearchRole) if index.isValid() else None
        return saved.id if saved else None

    def select(self, saved_id: int) -> None:
        row = self.model.row_of(saved_id)
        if row >= 0:
            self.list_view.setCurrentIndex(self.model.index(row))

    def names(self) -> list[str]:
        return [self.model.index(r).data() for r in range(self.model.rowCount())]

    def _show(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _run(self, operation) -> SavedSearchChange | None:
        try:
            change = self.stack.perform(operation)
        except CurationError as exc:
            self._show(str(exc))
            return None
        self._show("")
        return change

    def save_current(self) -> bool:
        name = self.name_edit.text().strip()
        if not name:
            self._show("Type a name for the search first.")
            return False
        state = self.current_state()
        change = self._run(
            lambda c: c.save_search(
                name, state.query, state.filters, state.sort_key, state.descending, state.kind
            )
        )
        if change is None:
            return False
        self.name_edit.clear()
        self.select(change.after.id)
        return True

    def rename(self, saved_id: int, name: str) -> bool:
        ok = self._run(lambda c: c.rename_saved_search(saved_id, name)) is not None
        if ok:
            self.select(saved_id)
        return ok

    def _rename_later(self, saved_id: int, name: str) -> bool:
        QTimer.singleShot(0, lambda: self.rename(saved_id, name))
        return True

    def delete_current(self) -> bool:
        saved_id = self.current_id()
        if saved_id is None:
            return False
        return self._run(lambda c: c.delete_saved_search(saved_id)) is not None

    def _apply_index(self, index: QModelIndex) -> None:
        saved = index.data(SavedSearchRole)
        if saved is not None:
            self.apply_requested.emit(saved)
