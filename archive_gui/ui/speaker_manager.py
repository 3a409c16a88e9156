"""The speaker manager: the archive's speakers as an authority list.

The same person under several names ("Marin", "David Marin", "Mr. Marin") is
merged into one speaker: the merged names stay, under the speaker they were merged
into, and can be split off again. Names, roles and affiliations are edited in
place. Every change is one step on the window's undo stack, written at once; each
quote keeps the role its speaker held at the time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError, SpeakerRow
from archive_gui.ui.undo import CurationUndoStack

SpeakerIdRole = Qt.ItemDataRole.UserRole + 30
IsMergedRole = Qt.ItemDataRole.UserRole + 31
QuoteCountRole = Qt.ItemDataRole.UserRole + 32

_ROOT = QModelIndex()

COLUMNS = (
    ("name", "Speaker"),
    ("kind", "Kind"),
    ("role", "Role"),
    ("affiliation", "Affiliation"),
    ("quotes", "Quotes"),
)
EDITABLE = {"name", "role", "affiliation"}
NAME_COLUMN, QUOTES_COLUMN = 0, 4


@dataclass(eq=False)
class _Node:
    speaker: SpeakerRow | None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class SpeakerTreeModel(QAbstractItemModel):
    """Speakers shown on their own at the top level; the speakers merged into one
    below it. ``editor(speaker_id, field, value) -> bool`` saves an edit."""

    def __init__(self, parent=None, editor=None):
        super().__init__(parent)
        self._root = _Node(None)
        self._by_id: dict[int, _Node] = {}
        self.editor = editor

    def set_speakers(self, speakers: list[SpeakerRow]) -> None:
        self.beginResetModel()
        root = _Node(None)
        by_id = {s.id: _Node(s) for s in speakers}
        for node in by_id.values():
            parent = by_id.get(node.speaker.merged_into) if node.speaker.merged_into else None
            node.parent = parent or root
            node.parent.children.append(node)
        for node in [root, *by_id.values()]:
            node.children.sort(key=lambda n: (n.speaker.name.casefold(), n.speaker.id))
        self._root, self._by_id = root, by_id
        self.endResetModel()

    def speaker_ids(self) -> list[int]:
        """The id of every speaker in the tree (those merged into another too)."""
        return list(self._by_id)

    def speaker(self, speaker_id: int) -> SpeakerRow | None:
        node = self._by_id.get(speaker_id)
        return node.speaker if node else None

    def index_of(self, speaker_id: int) -> QModelIndex:
        node = self._by_id.get(speaker_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def _node(self, index: QModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: QModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editor is not None and COLUMNS[index.column()][0] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        speaker: SpeakerRow = index.internalPointer().speaker
        key = COLUMNS[index.column()][0]
        merged = speaker.merged_into is not None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "quotes":
                return f"{speaker.quotes:,}" if role == Qt.ItemDataRole.DisplayRole else None
            value = getattr(speaker, key)
            return value or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            n = speaker.quotes
            quotes = f"{n:,} quote{'s' if n != 1 else ''}"
            if merged:
                into = self.speaker(speaker.canonical_id)
                target = into.name if into else "another speaker"
                return f"{speaker.name}: merged into {target} ({quotes} under this name)"
            return f"{speaker.name}: {quotes}"
        if role == Qt.ItemDataRole.FontRole and merged and key == "name":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "quotes":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SpeakerIdRole:
            return speaker.id
        if role == IsMergedRole:
            return merged
        if role == QuoteCountRole:
            return speaker.quotes
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.editor is None:
            return False
        key = COLUMNS[index.column()][0]
        if key not in EDITABLE:
            return False
        speaker: SpeakerRow = index.internalPointer().speaker
        text = str(value or "").strip()
        if text == (getattr(speaker, key) or ""):
            return False
        return bool(self.editor(speaker.id, key, text))


class _SpeakerFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(NAME_COLUMN)


class SpeakerManagerDialog(QDialog):
    """Search, merge (with a preview), split, and edit speakers; every change undoable."""

    def __init__(self, stack: CurationUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("speakerManager")
        self.setWindowTitle("Speaker manager")
        self.stack = stack
        self.model = SpeakerTreeModel(self, editor=self._edit_later)
        self.proxy = _SpeakerFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("speakerFind")
        self.find_edit.setPlaceholderText("Find a speaker (also by a merged name)…")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._find)

        self.tree = QTreeView()
        self.tree.setObjectName("speakerTree")
        self.tree.setModel(self.proxy)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 90)
        header.resizeSection(2, 130)
        header.resizeSection(3, 130)
        header.resizeSection(QUOTES_COLUMN, 60)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        self.merge_box = QGroupBox("Merge the selected speakers")
        self.keep_combo = QComboBox()
        self.keep_combo.setObjectName("keepSpeaker")
        self.keep_combo.currentIndexChanged.connect(self._update_preview)
        self.merge_button = QPushButton("&Merge")
        self.merge_button.setObjectName("mergeSpeakersButton")
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_preview = QLabel()
        self.merge_preview.setObjectName("speakerMergePreview")
        self.merge_preview.setWordWrap(True)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel("Keep:"))
        keep_row.addWidget(self.keep_combo, 1)
        keep_row.addWidget(self.merge_button)
        merge_layout = QVBoxLayout(self.merge_box)
        merge_layout.addLayout(keep_row)
        merge_layout.addWidget(self.merge_preview)

        self.split_button = QPushButton("&Split off")
        self.split_button.setObjectName("splitSpeakerButton")
        self.split_button.setToolTip("Take a merged name out of its speaker again")
        self.split_button.clicked.connect(self.split_selected)
        self.edit_button = QPushButton("&Edit")
        self.edit_button.setObjectName("editSpeakerButton")
        self.edit_button.setToolTip("Edit the name, role or affiliation in place (F2)")
        self.edit_button.clicked.connect(self._edit_current)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.split_button)
        row.addStretch()

        self.message = QLabel()
        self.message.setObjectName("speakerMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.undo_button = buttons.addButton("&Undo", QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setObjectName("speakerUndoButton")
        self.undo_button.clicked.connect(self.stack.undo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.stack.canUndo())

        layout = QVBoxLayout(self)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.merge_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 620)

        self._stale = False  # the archive changed while hidden: reload when shown
        self.stack.changed.connect(self._archive_changed)
        self.reload()

    # -- reading -----------------------------------------------------------------

    def reload(self) -> None:
        self._stale = False
        selected = self.selected_ids()
        expanded = [i for i in self.model.speaker_ids() if self._is_expanded(i)]
        self.model.set_speakers(self.stack.curation.speakers(include_merged=True))
        for speaker_id in expanded:
            index = self._view_index(speaker_id)
            if index.isValid():
                self.tree.setExpanded(index, True)
        self.select(selected)
        self._selection_changed()

    def _archive_changed(self, _change) -> None:
        if self.isVisible():
            self.reload()
        else:  # nothing to redraw: read the archive again only when shown
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _view_index(self, speaker_id: int) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.index_of(speaker_id))

    def _is_expanded(self, speaker_id: int) -> bool:
        index = self._view_index(speaker_id)
        return index.isValid() and self.tree.isExpanded(index)

    def _find(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    def selected_ids(self) -> list[int]:
        rows = self.tree.selectionModel().selectedRows(NAME_COLUMN)
        return [index.data(SpeakerIdRole) for index in rows]

    def select(self, ids: list[int]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n, speaker_id in enumerate(ids):
            index = self._view_index(speaker_id)
            if not index.isValid():
                continue
            parent = index.parent()
            if parent.isValid():
                self.tree.setExpanded(parent, True)
            if n == 0:
                selection.setCurrentIndex(index, flags)
            else:
                selection.select(index, flags)

    def _selection_changed(self, *_args) -> None:
        speakers = [self.model.speaker(i) for i in self.selected_ids()]
        shown = [s for s in speakers if s is not None and s.merged_into is None]
        merged = [s for s in speakers if s is not None and s.merged_into is not None]
        self.split_button.setEnabled(len(merged) == 1 and len(speakers) == 1)
        self.edit_button.setEnabled(len(speakers) == 1)
        keep = self.keep_combo.currentData()
        self.keep_combo.blockSignals(True)
        self.keep_combo.clear()
        for s in sorted(shown, key=lambda s: (-s.quotes, s.name.casefold())):
            self.keep_combo.addItem(f"{s.name} ({s.quotes:,})", s.id)
        found = self.keep_combo.findData(keep)
        if found >= 0:
            self.keep_combo.setCurrentIndex(found)
        self.keep_combo.blockSignals(False)
        self.merge_box.setEnabled(len(shown) >= 2)
        self._update_preview()

    def _merge_plan(self) -> tuple[int | None, list[int]]:
        keep = self.keep_combo.currentData()
        others = [
            i
            for i in self.selected_ids()
            if i != keep and (s := self.model.speaker(i)) is not None and s.merged_into is None
        ]
        return keep, others

    def _update_preview(self, *_args) -> None:
        keep, others = self._merge_plan()
        if keep is None or not others:
            self.merge_preview.setText(
                "Select two or more speakers (Ctrl+click) that are the same person."
            )
            self.merge_button.setEnabled(False)
            return
        try:
            preview = self.stack.curation.preview_merge_speakers(keep, others)
        except CurationError as exc:
            self.merge_preview.setText(str(exc))
            self.merge_button.setEnabled(False)
            return
        kept = self.model.speaker(keep)
        names = ", ".join(f"{name} ({n:,})" for _, name, n in preview.by_speaker)
        n = preview.quotes
        self.merge_preview.setText(
            f"{n:,} quote{'s' if n != 1 else ''} of {names} will be attributed to "
            f"{kept.name if kept else keep}. Each keeps the role given at the time."
        )
        self.merge_button.setEnabled(True)

    # -- changes -------------------------------------------------------------------

    def _run(self, operation) -> bool:
        try:
            self.stack.perform(operation)
        except CurationError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        return True

    def merge_selected(self) -> bool:
        keep, others = self._merge_plan()
        if keep is None or not others:
            return False
        ok = self._run(lambda c: c.merge_speakers(keep, others))
        if ok:
            self.select([keep])
            self.tree.setExpanded(self._view_index(keep), True)
        return ok

    def split_selected(self) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        speaker_id = ids[0]
        ok = self._run(lambda c: c.split_speaker(speaker_id))
        if ok:
            self.select([speaker_id])
        return ok

    def edit(self, speaker_id: int, key: str, value: str) -> bool:
        ok = self._run(lambda c: c.edit_speaker(speaker_id, **{key: value}))
        if ok:
            self.select([speaker_id])
        return ok

    def _edit_later(self, speaker_id: int, key: str, value: str) -> bool:
        # after the in-place editor has closed: the edit reloads the model
        QTimer.singleShot(0, lambda: self.edit(speaker_id, key, value))
        return True

    def _edit_current(self) -> None:
        index = self.tree.selectionModel().currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(NAME_COLUMN))
