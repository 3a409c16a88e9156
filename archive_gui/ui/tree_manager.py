"""What the tag and speaker managers share: a tree model, its filter and the dialog frame.

Both managers show curation objects as a tree with a find box above it, edit in
place, and write each change as one undoable step. The parts that differ (columns,
roles, the buttons below the tree) stay in the subclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError
from archive_gui.ui.undo import CurationUndoStack

NAME_COLUMN = 0
_ROOT = QModelIndex()


class TreeNode:
    """A node that stores its own row, so ``parent()`` is O(1) and not a list search.

    Change ``children`` only through the methods below: they keep the rows right.
    """

    __slots__ = ("key", "item", "parent", "children", "_row")

    def __init__(self, key: Hashable = None, item: Any = None):
        self.key = key  # what the model finds the node by (a tag name, a speaker id)
        self.item = item  # the object shown (None for the root and for bare levels)
        self.parent: TreeNode | None = None
        self.children: list[TreeNode] = []
        self._row = 0

    def row(self) -> int:
        return self._row

    def append_child(self, child: TreeNode) -> None:
        child.parent, child._row = self, len(self.children)
        self.children.append(child)

    def insert_child(self, row: int, child: TreeNode) -> None:
        child.parent = self
        self.children.insert(row, child)
        self._renumber(row)

    def remove_child(self, child: TreeNode) -> None:
        row = child._row
        del self.children[row]
        child.parent = None
        self._renumber(row)

    def sort_children(self, key: Callable[[Any], Any]) -> None:
        self.children.sort(key=key)
        self._renumber(0)

    def _renumber(self, start: int) -> None:
        for row in range(start, len(self.children)):
            self.children[row]._row = row


class ManagerTreeModel(QAbstractItemModel):
    """The tree plumbing of a manager: subclasses give ``HEADERS``, ``data`` and
    ``_editable``, and hand a finished tree to ``_set_tree``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = TreeNode()
        self._by_key: dict[Hashable, TreeNode] = {}

    def _set_tree(self, root: TreeNode, by_key: dict[Hashable, TreeNode]) -> None:
        """Show a tree built aside: one reset, so views never see it half built."""
        self.beginResetModel()
        self._root, self._by_key = root, by_key
        self.endResetModel()

    def node_keys(self) -> list:
        """The key of every node below the root."""
        return list(self._by_key)

    def index_of(self, key: Hashable) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def node(self, index: QModelIndex) -> TreeNode:
        return index.internalPointer() if index.isValid() else self._root

    def _editable(self, column: int) -> bool:
        """Whether cells of ``column`` may be edited in place."""
        return False

    # -- QAbstractItemModel -----------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

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
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class ManagerFilterProxy(QSortFilterProxyModel):
    """Find by name at any depth: a match keeps the nodes above it visible."""

    def __init__(self, parent=None, role: int = Qt.ItemDataRole.DisplayRole):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(role)
        self.setFilterKeyColumn(NAME_COLUMN)


class ManagerDialog(QDialog):
    """A find box over the tree, subclass controls, an error line, Undo and Close.

    Subclasses set the class attributes and implement ``_create_model``,
    ``_build_controls``, ``_load`` and ``_selection_changed``. Object names follow
    ``PREFIX`` (``tagManager``, ``tagFind``, ``tagTree``, ``tagMessage``, ...).
    """

    PREFIX = ""
    TITLE = ""
    KEY_ROLE: int = Qt.ItemDataRole.UserRole
    FILTER_ROLE: int = Qt.ItemDataRole.DisplayRole
    FIND_PLACEHOLDER = ""
    SIZE = (520, 620)
    EXPAND_ALL = False  # the tree starts fully expanded, and expands on every find
    REVEAL_SELECTION = False  # selecting a node expands its parent

    def __init__(self, stack: CurationUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{self.PREFIX}Manager")
        self.setWindowTitle(self.TITLE)
        self.stack = stack
        self.model = self._create_model()
        self.proxy = ManagerFilterProxy(self, self.FILTER_ROLE)
        self.proxy.setSourceModel(self.model)

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName(f"{self.PREFIX}Find")
        self.find_edit.setPlaceholderText(self.FIND_PLACEHOLDER)
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._find)

        self.tree = QTreeView()
        self.tree.setObjectName(f"{self.PREFIX}Tree")
        self.tree.setModel(self.proxy)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)

        self.message = QLabel()
        self.message.setObjectName(f"{self.PREFIX}Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.tree, 1)
        for part in self._build_controls():
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.undo_button = buttons.addButton("&Undo", QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setObjectName(f"{self.PREFIX}UndoButton")
        self.undo_button.clicked.connect(self.stack.undo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.stack.canUndo())
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(*self.SIZE)

        self._stale = False  # the archive changed while hidden: reload when shown
        self.stack.changed.connect(self._archive_changed)
        self.reload()

    # -- for subclasses ----------------------------------------------------------------

    def _create_model(self) -> ManagerTreeModel:
        raise NotImplementedError

    def _build_controls(self) -> Iterable[QWidget | QLayout]:
        """Finish the tree's columns; return what goes between the tree and the message."""
        return ()

    def _load(self) -> None:
        """Read the archive into the model (and anything else listing its objects)."""
        raise NotImplementedError

    def _selection_changed(self, *_args) -> None:
        """Enable the controls that fit the selection."""

    # -- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the archive again, keeping what is expanded and selected."""
        self._stale = False
        expanded = [key for key in self.model.node_keys() if self._is_expanded(key)]
        selected = self.selected_keys()
        self._load()
        for key in expanded:
            index = self._view_index(key)
            if index.isValid():
                self.tree.setExpanded(index, True)
        if self.EXPAND_ALL and not expanded:
            self.tree.expandAll()
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

    def _view_index(self, key: Hashable) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.index_of(key))

    def _is_expanded(self, key: Hashable) -> bool:
        index = self._view_index(key)
        return index.isValid() and self.tree.isExpanded(index)

    def _find(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text or self.EXPAND_ALL:
            self.tree.expandAll()

    def selected_keys(self) -> list:
        """The keys of the selected rows, in view order."""
        rows = self.tree.selectionModel().selectedRows(NAME_COLUMN)
        return [index.data(self.KEY_ROLE) for index in rows]

    def select(self, keys: list) -> None:
        """Select these rows (those still there); the first becomes current."""
        selection = self.tree.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = True
        for key in keys:
            index = self._view_index(key)
            if not index.isValid():
                continue
            if self.REVEAL_SELECTION and index.parent().isValid():
                self.tree.setExpanded(index.parent(), True)
            if first:
                selection.setCurrentIndex(index, flags)
                first = False
            else:
                selection.select(index, flags)

    # -- changes -----------------------------------------------------------------------

    def _run(self, operation, text: str | None = None) -> bool:
        """One undoable change; a refusal is shown in the message line, not raised."""
        try:
            self.stack.perform(operation, text)
        except CurationError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        return True

    def _after_editor(self, action: Callable[..., bool], *args) -> bool:
        # Edited in place: act once the editor has closed, not while the view is
        # still committing into the model that the change resets.
        QTimer.singleShot(0, lambda: action(*args))
        return True

    def _edit_current(self) -> None:
        index = self.tree.selectionModel().currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(NAME_COLUMN))
