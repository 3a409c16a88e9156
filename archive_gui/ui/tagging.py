"""Tagging the selected quotes from the keyboard: Ctrl+T, type, Enter.

:class:`TagPopup` is a small box with completion over the archive's tags (typing
any part of a name finds it, ``policy/`` lists the children of ``policy``);
Enter applies, Escape closes. A name that does not exist yet creates the tag. A
leading ``-`` removes the tag instead (``-policy/sanctuary``).

:class:`TaggingController` owns the "Tag selected quotes…" action and makes the
change through the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.curation import CurationError, normalize_tag_name
from archive_gui.ui.undo import CurationUndoStack

TAG_SHORTCUT = QKeySequence("Ctrl+T")
# Above this many selected quotes the popup does not list the tags they all carry.
COMMON_TAGS_LIMIT = 500


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


class TagPopup(QDialog):
    """Asks for one tag name; ``chosen(name, remove)`` on Enter."""

    chosen = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tagPopup")
        self.setWindowTitle("Tag quotes")
        self.heading = QLabel()
        self.heading.setObjectName("tagPopupHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.edit = QLineEdit()
        self.edit.setObjectName("tagPopupEdit")
        self.edit.setPlaceholderText("Tag name, e.g. policy/sanctuary  (-name removes it)")
        self.hint = QLabel()
        self.hint.setObjectName("tagPopupHint")
        self.hint.setWordWrap(True)

        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.edit.textChanged.connect(self._update_hint)
        self.edit.returnPressed.connect(self.accept_text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.setMinimumWidth(380)
        self._count = 0

    def ask(self, count: int, tag_names: list[str], common: list[str] | None = None) -> None:
        """Show the popup for ``count`` quotes; ``common``: tags they all carry already."""
        self._count = count
        self.names.setStringList(tag_names)
        self.heading.setText(f"Tag {_plural(count, 'selected quote')}")
        self._common = list(common or [])
        self.edit.clear()
        self._update_hint("")
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def _update_hint(self, text: str) -> None:
        name = text.strip()
        remove = name.startswith("-")
        name = name[1:].strip() if remove else name
        if not name:
            hint = "Type a tag and press Enter; Escape closes."
            if self._common:
                hint += "\nAll selected quotes carry: " + ", ".join(self._common)
        else:
            try:
                name = normalize_tag_name(name)
            except CurationError as exc:
                self.hint.setText(str(exc))
                return
            known = {n.casefold() for n in self.names.stringList()}
            if remove:
                hint = f"Enter removes {name} from {_plural(self._count, 'quote')}."
            elif name.casefold() in known:
                hint = f"Enter tags {_plural(self._count, 'quote')} with {name}."
            else:
                hint = f"Enter creates the tag {name} and tags {_plural(self._count, 'quote')}."
        self.hint.setText(hint)

    def accept_text(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            current = popup.currentIndex()
            if current.isValid():  # Enter on a completion takes it
                self.edit.setText(current.data())
            popup.hide()
        text = self.edit.text().strip()
        remove = text.startswith("-")
        name = text[1:].strip() if remove else text
        try:
            name = normalize_tag_name(name)
        except CurationError as exc:
            self.hint.setText(str(exc))
            return
        self.hide()
        self.chosen.emit(name, remove)


class TaggingController(QObject):
    """The "Tag selected quotes…" action (Ctrl+T) for a window.

    ``selected_quotes`` gives the ids of the selected quotes. ``tagged(change)`` after
    a tag was applied; ``error(message)`` when it could not be.
    """

    tagged = Signal(object)
    error = Signal(str)

    def __init__(
        self,
        stack: CurationUndoStack,
        selected_quotes: Callable[[], list[int]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.stack = stack
        self.selected_quotes = selected_quotes
        self.popup = TagPopup(parent)
        self.popup.chosen.connect(self._apply)
        self._ids: list[int] = []
        self.action = QAction("&Tag selected quotes…", parent)
        self.action.setObjectName("tagSelectedAction")
        self.action.setShortcut(TAG_SHORTCUT)
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.open_popup)
        if parent is not None:  # the shortcut works wherever the focus is in the window
            parent.addAction(self.action)

    def open_popup(self) -> bool:
        """Ask for a tag for the selected quotes (False, and nothing shown, if none are)."""
        self._ids = list(self.selected_quotes())
        if not self._ids:
            self.error.emit("Select one or more quotes to tag.")
            return False
        curation = self.stack.curation
        names = [tag.name for tag in curation.tags()]
        common = None
        if len(self._ids) <= COMMON_TAGS_LIMIT:
            common = [tag.name for tag in curation.tags_of_quotes(self._ids).all]
        self.popup.ask(len(self._ids), names, common)
        return True

    def tag(self, ids: list[int], name: str, remove: bool = False):
        """Tag (or untag) quotes through the undo stack; returns the change or None."""
        try:
            if remove:
                return self.stack.perform(lambda c: c.untag_quotes(ids, name))
            return self.stack.perform(lambda c: c.tag_quotes(ids, name))
        except CurationError as exc:
            self.error.emit(str(exc))
            return None

    def _apply(self, name: str, remove: bool) -> None:
        change = self.tag(self._ids, name, remove)
        if change is not None:
            self.tagged.emit(change)
