"""The tag manager: the archive's tags as a tree, with counts and colours.

Tags are hierarchical by name (``policy/sanctuary`` sits under ``policy``, which
need not be a tag of its own). Create, rename (in place: F2 or double-click),
merge (with a preview of the quotes that change), recolour and delete -- each one
step on the window's undo stack, written to the archive at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError, TagInfo, normalize_tag_name
from archive_gui.ui.undo import CurationUndoStack

# The full name path of a tree node ("policy/sanctuary").
TagNameRole = Qt.ItemDataRole.UserRole + 20
# True when the node is a tag of its own (not only a level above tags).
IsTagRole = Qt.ItemDataRole.UserRole + 21
# Quotes carrying the tag itself.
TagCountRole = Qt.ItemDataRole.UserRole + 22

NAME_COLUMN, COUNT_COLUMN = 0, 1
_ROOT = QModelIndex()


@dataclass(eq=False)
class _Node:
    name: str  # full path; "" for the invisible root
    parent: _Node | None = None
    tag: TagInfo | None = None
    children: list[_Node] = field(default_factory=list)

    @property
    def leaf(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def subtree_tags(self) -> list[TagInfo]:
        found = [self.tag] if self.tag else []
        for child in self.children:
            found += child.subtree_tags()
        return found


_SWATCHES: dict[str, QIcon] = {}


def color_swatch(color: str | None) -> QIcon:
    """A small rounded square of the tag's colour (cached); an outline for none."""
    color = color or ""
    icon = _SWATCHES.get(color)
    if icon is None:
        size = 12
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if color:
            painter.setBrush(QBrush(QColor(color)))
            painter.setPen(QColor(color).darker(140))
        else:  # no colour: an empty outline, so that names stay aligned
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor("#bdbdbd"))
        painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
        painter.end()
        icon = _SWATCHES[color] = QIcon(pixmap)
    return icon


class TagTreeModel(QAbstractItemModel):
    """Tags as a tree by name path; columns: name (with colour) and quotes.

    ``renamer(old_name, new_name) -> bool`` is called when a name is edited in place;
    a new name without ``/`` replaces the last level only.
    """

    HEADERS = ("Tag", "Quotes")

    def __init__(self, parent=None, renamer: Callable[[str, str], bool] | None = None):
        super().__init__(parent)
        self._root = _Node("")
        self._by_name: dict[str, _Node] = {}
        self.renamer = renamer

    def set_tags(self, tags: list[TagInfo]) -> None:
        self.beginResetModel()
        root = _Node("")
        by_name: dict[str, _Node] = {}

        def node_for(name: str) -> _Node:
            if name in by_name:
                return by_name[name]
            parent = node_for(name.rsplit("/", 1)[0]) if "/" in name else root
            node = _Node(name, parent)
            parent.children.append(node)
            by_name[name] = node
            return node

        for tag in sorted(tags, key=lambda t: (t.name.casefold(), t.name)):
            node_for(tag.name).tag = tag
        for node in [root, *by_name.values()]:
            node.children.sort(key=lambda n: n.leaf.casefold())
        self._root, self._by_name = root, by_name
        self.endResetModel()

    def node_names(self) -> list[str]:
        """The name of every node: each tag and each level above one (``policy``)."""
        return list(self._by_name)

    def tag_names(self) -> list[str]:
        return sorted((n.name for n in self._by_name.values() if n.tag), key=str.casefold)

    def index_of(self, name: str) -> QModelIndex:
        node = self._by_name.get(name)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def node(self, index: QModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def subtree_tags(self, name: str) -> list[TagInfo]:
        node = self._by_name.get(name)
        return node.subtree_tags() if node else []

    # -- QAbstractItemModel -----------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: QModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
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
        if index.column() == NAME_COLUMN and self.renamer is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        tag = node.tag
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return node.leaf
            if tag is None:
                return ""
            return f"{tag.count:,}"
        if role == Qt.ItemDataRole.EditRole and column == NAME_COLUMN:
            return node.leaf
        if role == Qt.ItemDataRole.DecorationRole and column == NAME_COLUMN:
            return color_swatch(tag.color) if tag else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if tag is None:
                below = len(node.subtree_tags())
                return f"{node.name} (a level above {below} tag{'s' if below != 1 else ''})"
            n = tag.count
            return f"{tag.name}: {n:,} quote{'s' if n != 1 else ''}" + (
                f", colour {tag.color}" if tag.color else ""
            )
        if role == Qt.ItemDataRole.FontRole and tag is None and column == NAME_COLUMN:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TagNameRole:
            return node.name
        if role == IsTagRole:
            return tag is not None
        if role == TagCountRole:
            return tag.count if tag else 0
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or index.column() != NAME_COLUMN
            or self.renamer is None
        ):
            return False
        node: _Node = index.internalPointer()
        text = str(value or "").strip()
        if not text or text == node.leaf:
            return False
        new = (
            text
            if "/" in text
            else (f"{node.parent.name}/{text}" if node.parent and node.parent.name else text)
        )
        return bool(self.renamer(node.name, new))


class _TagFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(TagNameRole)
        self.setFilterKeyColumn(NAME_COLUMN)


class TagManagerDialog(QDialog):
    """Create, rename, merge, recolour and delete tags; every change is undoable.

    ``choose_color(current) -> str | None`` and ``confirm(title, text) -> bool`` ask
    the user; tests replace them.
    """

    def __init__(self, stack: CurationUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tagManager")
        self.setWindowTitle("Tag manager")
        self.stack = stack
        self.choose_color: Callable[[str | None], str | None] = self._ask_color
        self.confirm: Callable[[str, str], bool] = self._ask_confirm

        self.model = TagTreeModel(self, renamer=self._rename_later)
        self.proxy = _TagFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("tagFind")
        self.find_edit.setPlaceholderText("Find a tag…")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._find)

        self.tree = QTreeView()
        self.tree.setObjectName("tagTree")
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
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newTagEdit")
        self.new_edit.setPlaceholderText("New tag, e.g. policy/sanctuary")
        self.new_edit.returnPressed.connect(self.create_from_edit)
        self.create_button = QPushButton("&Create")
        self.create_button.setObjectName("createTagButton")
        self.create_button.clicked.connect(self.create_from_edit)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_edit, 1)
        new_row.addWidget(self.create_button)

        self.rename_button = QPushButton("&Rename")
        self.rename_button.setObjectName("renameTagButton")
        self.rename_button.setToolTip("Rename the tag in place (F2); the tags below it follow")
        self.rename_button.clicked.connect(self._edit_current)
        self.color_button = QPushButton("C&olour…")
        self.color_button.setObjectName("colorTagButton")
        self.color_button.clicked.connect(self.recolor_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("deleteTagButton")
        self.delete_button.clicked.connect(self.delete_selected)
        actions = QHBoxLayout()
        for button in (self.rename_button, self.color_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch()

        self.merge_box = QGroupBox("Merge the selected tags into")
        self.merge_target = QComboBox()
        self.merge_target.setObjectName("mergeTarget")
        self.merge_target.setEditable(True)
        self.merge_target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.merge_target.lineEdit().setPlaceholderText("the tag to keep (or a new one)")
        self.merge_target.editTextChanged.connect(self._update_preview)
        self.merge_button = QPushButton("&Merge")
        self.merge_button.setObjectName("mergeTagsButton")
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_preview = QLabel()
        self.merge_preview.setObjectName("mergePreview")
        self.merge_preview.setWordWrap(True)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_target, 1)
        merge_row.addWidget(self.merge_button)
        merge_layout = QVBoxLayout(self.merge_box)
        merge_layout.addLayout(merge_row)
        merge_layout.addWidget(self.merge_preview)

        self.message = QLabel()
        self.message.setObjectName("tagMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.undo_button = buttons.addButton("&Undo", QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setObjectName("tagUndoButton")
        self.undo_button.clicked.connect(self.stack.undo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.stack.canUndo())

        layout = QVBoxLayout(self)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        layout.addLayout(new_row)
        layout.addWidget(self.merge_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, 620)

        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self._stale = False  # the archive changed while hidden: reload when shown
        self.stack.changed.connect(self._archive_changed)
        self.reload()

    # -- reading -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the tags again, keeping what is expanded and selected."""
        self._stale = False
        expanded = {name for name in self.model.node_names() if self._is_expanded(name)}
        selected = self.selected_names()
        self.model.set_tags(self.stack.curation.tags())
        for name in expanded:
            index = self._view_index(name)
            if index.isValid():
                self.tree.setExpanded(index, True)
        if not expanded:
            self.tree.expandAll()
        self.select(selected)
        names = self.model.tag_names()
        text = self.merge_target.currentText()
        self.merge_target.blockSignals(True)
        self.merge_target.clear()
        self.merge_target.addItems(names)
        self.merge_target.setEditText(text)
        self.merge_target.blockSignals(False)
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

    def _is_expanded(self, name: str) -> bool:
        index = self._view_index(name)
        return index.isValid() and self.tree.isExpanded(index)

    def _view_index(self, name: str) -> QModelIndex:
        return self.proxy.mapFromSource(self.model.index_of(name))

    def _find(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def selected_names(self) -> list[str]:
        """Full names of the selected nodes (tags or levels above tags), in view order."""
        rows = self.tree.selectionModel().selectedRows(NAME_COLUMN)
        return [index.data(TagNameRole) for index in rows]

    def select(self, names: list[str]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        first = True
        for name in names:
            index = self._view_index(name)
            if index.isValid():
                if first:
                    selection.setCurrentIndex(index, flags)
                    first = False
                else:
                    selection.select(index, flags)

    def _selection_changed(self, *_args) -> None:
        names = self.selected_names()
        tags = [n for n in names if self.model.subtree_tags(n)]
        self.rename_button.setEnabled(len(names) == 1)
        self.color_button.setEnabled(any(self._is_tag(n) for n in names))
        self.delete_button.setEnabled(bool(tags))
        self.merge_box.setEnabled(any(self._is_tag(n) for n in names))
        self._update_preview()

    def _is_tag(self, name: str) -> bool:
        return self.model.index_of(name).data(IsTagRole) is True

    def _update_preview(self, *_args) -> None:
        sources = [n for n in self.selected_names() if self._is_tag(n)]
        target = self.merge_target.currentText().strip()
        if not sources:
            self.merge_preview.setText("Select the tags to merge (Ctrl+click for several).")
            self.merge_button.setEnabled(False)
            return
        if not target:
            self.merge_preview.setText("Choose or type the tag they become.")
            self.merge_button.setEnabled(False)
            return
        try:
            target = normalize_tag_name(target)
            preview = self.stack.curation.preview_merge_tags(sources, target)
        except CurationError as exc:
            self.merge_preview.setText(str(exc))
            self.merge_button.setEnabled(False)
            return
        if not preview.tags:
            self.merge_preview.setText("Select a tag other than the one to keep.")
            self.merge_button.setEnabled(False)
            return
        new = "" if self.stack.curation.tag(target) else " (a new tag)"
        n = preview.quotes
        self.merge_preview.setText(
            f"{n:,} quote{'s' if n != 1 else ''} carry {', '.join(preview.tags)}; "
            f"{preview.gaining:,} of them will gain {target}{new}. "
            f"Removed: {', '.join(preview.tags)}."
        )
        self.merge_button.setEnabled(True)

    # -- changes -------------------------------------------------------------------

    def _run(self, operation, text: str | None = None) -> bool:
        try:
            self.stack.perform(operation, text)
        except CurationError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        return True

    def create(self, name: str) -> bool:
        ok = self._run(lambda c: c.create_tag(name))
        if ok:
            self.select([normalize_tag_name(name)])
        return ok

    def create_from_edit(self) -> None:
        if self.create(self.new_edit.text()):
            self.new_edit.clear()

    def rename(self, old: str, new: str) -> bool:
        ok = self._run(lambda c: c.rename_tag(old, new))
        if ok:
            self.select([normalize_tag_name(new)])
        return ok

    def _rename_later(self, old: str, new: str) -> bool:
        # Edited in place: rename once the editor has closed, not while the view
        # is still committing into the model that the rename resets.
        QTimer.singleShot(0, lambda: self.rename(old, new))
        return True

    def _edit_current(self) -> None:
        index = self.tree.selectionModel().currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(NAME_COLUMN))

    def recolor_selected(self) -> None:
        names = [n for n in self.selected_names() if self._is_tag(n)]
        if not names:
            return
        current = self.model.index_of(names[0]).internalPointer().tag.color
        color = self.choose_color(current)
        if color is None:
            return
        color = color or None  # "" clears the colour
        if len(names) == 1:
            self._run(lambda c: c.recolor_tag(names[0], color))
            return
        try:
            self.stack.perform_all(
                [lambda c, n=n: c.recolor_tag(n, color) for n in names],
                f"Recolour {len(names)} tags",
            )
        except CurationError as exc:
            self.message.setText(str(exc))

    def delete_selected(self) -> None:
        tags: dict[int, TagInfo] = {}
        for name in self.selected_names():
            for tag in self.model.subtree_tags(name):
                tags[tag.id] = tag
        if not tags:
            return
        quotes = sum(t.count for t in tags.values())
        names = ", ".join(t.name for t in tags.values())
        text = (
            f"Delete {names}?\n\nThey are removed from the quotes carrying them "
            f"({quotes:,} tag{'s' if quotes != 1 else ''} on quotes). Undo brings them back."
        )
        if not self.confirm("Delete tags", text):
            return
        self._run(lambda c: c.delete_tags([t.name for t in tags.values()]))

    def merge_selected(self) -> bool:
        sources = [n for n in self.selected_names() if self._is_tag(n)]
        target = self.merge_target.currentText().strip()
        if not sources or not target:
            return False
        ok = self._run(lambda c: c.merge_tags(sources, target))
        if ok:
            self.select([normalize_tag_name(target)])
        return ok

    # -- asking ----------------------------------------------------------------------

    def _ask_color(self, current: str | None) -> str | None:
        color = QColorDialog.getColor(QColor(current or "#4e79a7"), self, "Tag colour")
        return color.name() if color.isValid() else None

    def _ask_confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes
