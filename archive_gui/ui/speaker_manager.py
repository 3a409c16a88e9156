"""The speaker manager: the archive's speakers as an authority list.

The same person under several names ("Marin", "David Marin", "Mr. Marin") is
merged into one speaker: the merged names stay, under the speaker they were merged
into, and can be split off again. Names, roles and affiliations are edited in
place. Every change is one step on the window's undo stack, written at once; each
quote keeps the role its speaker held at the time.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError, SpeakerRow
from archive_gui.ui.tree_manager import ManagerDialog, ManagerTreeModel, TreeNode

SpeakerIdRole = Qt.ItemDataRole.UserRole + 30
IsMergedRole = Qt.ItemDataRole.UserRole + 31
QuoteCountRole = Qt.ItemDataRole.UserRole + 32

COLUMNS = (
    ("name", "Speaker"),
    ("kind", "Kind"),
    ("role", "Role"),
    ("affiliation", "Affiliation"),
    ("quotes", "Quotes"),
)
EDITABLE = {"name", "role", "affiliation"}
NAME_COLUMN, QUOTES_COLUMN = 0, 4


class SpeakerTreeModel(ManagerTreeModel):
    """Speakers shown on their own at the top level; the speakers merged into one
    below it. ``editor(speaker_id, field, value) -> bool`` saves an edit."""

    HEADERS = tuple(title for _, title in COLUMNS)

    def __init__(self, parent=None, editor=None):
        super().__init__(parent)
        self.editor = editor

    def set_speakers(self, speakers: list[SpeakerRow]) -> None:
        root = TreeNode()
        by_id = {s.id: TreeNode(s.id, s) for s in speakers}
        for node in by_id.values():
            into = node.item.merged_into
            parent = by_id.get(into) if into else None
            (parent or root).append_child(node)
        for node in [root, *by_id.values()]:
            node.sort_children(lambda n: (n.item.name.casefold(), n.item.id))
        self._set_tree(root, by_id)

    def speaker_ids(self) -> list[int]:
        """The id of every speaker in the tree (those merged into another too)."""
        return self.node_keys()

    def speaker(self, speaker_id: int) -> SpeakerRow | None:
        node = self._by_key.get(speaker_id)
        return node.item if node else None

    def _editable(self, column: int) -> bool:
        return self.editor is not None and COLUMNS[column][0] in EDITABLE

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        speaker: SpeakerRow = index.internalPointer().item
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
        speaker: SpeakerRow = index.internalPointer().item
        text = str(value or "").strip()
        if text == (getattr(speaker, key) or ""):
            return False
        return bool(self.editor(speaker.id, key, text))


class SpeakerManagerDialog(ManagerDialog):
    """Search, merge (with a preview), split, and edit speakers; every change undoable."""

    PREFIX = "speaker"
    TITLE = "Speaker manager"
    KEY_ROLE = SpeakerIdRole
    FIND_PLACEHOLDER = "Find a speaker (also by a merged name)…"
    SIZE = (720, 620)
    REVEAL_SELECTION = True  # a selected merged name shows under its speaker

    def _create_model(self) -> SpeakerTreeModel:
        return SpeakerTreeModel(self, editor=self._edit_later)

    def _build_controls(self) -> list[QWidget | QHBoxLayout]:
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        header = self.tree.header()
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 90)
        header.resizeSection(2, 130)
        header.resizeSection(3, 130)
        header.resizeSection(QUOTES_COLUMN, 60)

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

        return [row, self.merge_box]

    # -- reading -----------------------------------------------------------------

    def _load(self) -> None:
        self.model.set_speakers(self.stack.curation.speakers(include_merged=True))

    def selected_ids(self) -> list[int]:
        return self.selected_keys()

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
        return self._after_editor(self.edit, speaker_id, key, value)
