"""The tag manager: the archive's tags as a tree, with counts and colours.

Tags are hierarchical by name (``policy/sanctuary`` sits under ``policy``, which
need not be a tag of its own). Create, rename (in place: F2 or double-click),
merge (with a preview of the quotes that change), recolour and delete -- each one
step on the window's undo stack, written to the archive at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    Qt,
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
)
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError, TagInfo, normalize_tag_name
from archive_gui.ui.tree_manager import ManagerDialog, ManagerTreeModel, TreeNode
from archive_gui.ui.undo import CurationUndoStack

# The full name path of a tree node ("policy/sanctuary").
TagNameRole = Qt.ItemDataRole.UserRole + 20
# True when the node is a tag of its own (not only a level above tags).
IsTagRole = Qt.ItemDataRole.UserRole + 21
# Quotes carrying the tag itself.
TagCountRole = Qt.ItemDataRole.UserRole + 22

NAME_COLUMN, COUNT_COLUMN = 0, 1


class _TagNode(TreeNode):
    """A tag (``item``) or a bare level above tags; ``key`` is the full name path."""

    __slots__ = ()

    @property
    def name(self) -> str:
        return self.key

    @property
    def tag(self) -> TagInfo | None:
        return self.item

    @property
    def leaf(self) -> str:
        return self.name.rsplit("/", 1)[-1]

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


class TagTreeModel(ManagerTreeModel):
    """Tags as a tree by name path; columns: name (with colour) and quotes.

    ``renamer(old_name, new_name) -> bool`` is called when a name is edited in place;
    a new name without ``/`` replaces the last level only.
    """

    HEADERS = ("Tag", "Quotes")

    def __init__(self, parent=None, renamer: Callable[[str, str], bool] | None = None):
        super().__init__(parent)
        self.renamer = renamer

    def set_tags(self, tags: list[TagInfo]) -> None:
        root = _TagNode("")
        by_name: dict[str, _TagNode] = {}

        def node_for(name: str) -> _TagNode:
            if name in by_name:
                return by_name[name]
            parent = node_for(name.rsplit("/", 1)[0]) if "/" in name else root
            node = by_name[name] = _TagNode(name)
            parent.append_child(node)
            return node

        for tag in sorted(tags, key=lambda t: (t.name.casefold(), t.name)):
            node_for(tag.name).item = tag
        for node in [root, *by_name.values()]:
            node.sort_children(lambda n: n.leaf.casefold())
        self._set_tree(root, by_name)

    def node_names(self) -> list[str]:
        """The name of every node: each tag and each level above one (``policy``)."""
        return self.node_keys()

    def tag_names(self) -> list[str]:
        return sorted((n.name for n in self._by_key.values() if n.tag), key=str.casefold)

    def subtree_tags(self, name: str) -> list[TagInfo]:
        node = self._by_key.get(name)
        return node.subtree_tags() if node else []

    def _editable(self, column: int) -> bool:
        return column == NAME_COLUMN and self.renamer is not None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _TagNode = index.internalPointer()
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
        node: _TagNode = index.internalPointer()
        text = str(value or "").strip()
        if not text or text == node.leaf:
            return False
        new = (
            text
            if "/" in text
            else (f"{node.parent.name}/{text}" if node.parent and node.parent.name else text)
        )
        return bool(self.renamer(node.name, new))


class TagManagerDialog(ManagerDialog):
    """Create, rename, merge, recolour and delete tags; every change is undoable.

    ``choose_color(current) -> str | None`` and ``confirm(title, text) -> bool`` ask
    the user; tests replace them.
    """

    PREFIX = "tag"
    TITLE = "Tag manager"
    KEY_ROLE = TagNameRole
    FILTER_ROLE = TagNameRole  # find by full path: "policy/" lists the policy tags
    FIND_PLACEHOLDER = "Find a tag…"
    SIZE = (520, 620)
    EXPAND_ALL = True

    def __init__(self, stack: CurationUndoStack, parent: QWidget | None = None):
        super().__init__(stack, parent)
        self.choose_color: Callable[[str | None], str | None] = self._ask_color
        self.confirm: Callable[[str, str], bool] = self._ask_confirm

    def _create_model(self) -> TagTreeModel:
        return TagTreeModel(self, renamer=self._rename_later)

    def _build_controls(self) -> list[QWidget | QHBoxLayout]:
        self.tree.header().setSectionResizeMode(
            COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

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

        return [actions, new_row, self.merge_box]

    # -- reading -----------------------------------------------------------------

    def _load(self) -> None:
        self.model.set_tags(self.stack.curation.tags())
        text = self.merge_target.currentText()
        self.merge_target.blockSignals(True)
        self.merge_target.clear()
        self.merge_target.addItems(self.model.tag_names())
        self.merge_target.setEditText(text)
        self.merge_target.blockSignals(False)

    def selected_names(self) -> list[str]:
        """Full names of the selected nodes (tags or levels above tags), in view order."""
        return self.selected_keys()

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
        return self._after_editor(self.rename, old, new)

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
