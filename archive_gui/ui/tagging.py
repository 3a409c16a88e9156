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
from archive_gui.core.store.schema import RecordFilter
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
        self.common: list[str] = []  # tags every quote asked about carries

    def ask(
        self,
        count: int,
        tag_names: list[str],
        common: list[str] | None = None,
        heading: str | None = None,
        text: str = "",
    ) -> None:
        """Show the popup for ``count`` quotes; ``common``: tags they all carry already;
        ``heading`` replaces "Tag N selected quotes"; ``text`` starts the entry."""
        self._count = count
        self.names.setStringList(tag_names)
        self.heading.setText(heading or f"Tag {_plural(count, 'selected quote')}")
        self.common = list(common or [])
        self.edit.setText(text)
        self._update_hint(text)
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
            if self.common:
                hint += "\nAll selected quotes carry: " + ", ".join(self.common)
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

    ``selected_quotes`` gives the selected quotes: a list of ids, or ``(filters,
    count)`` when the selection is a whole list (every quote matching ``filters``).
    The tag is written off the GUI thread (a file archive) and pushed onto the undo
    stack when done: ``tagged(change)`` then; ``error(message)`` when it could not be.
    """

    tagged = Signal(object)
    error = Signal(str)

    def __init__(
        self,
        stack: CurationUndoStack,
        selected_quotes: Callable[[], list[int] | tuple[RecordFilter, int]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.stack = stack
        self.selected_quotes = selected_quotes
        self.popup = TagPopup(parent)
        self.popup.chosen.connect(self._apply)
        self._target: list[int] | RecordFilter = []
        self.action = QAction("&Tag selected quotes…", parent)
        self.action.setObjectName("tagSelectedAction")
        self.action.setShortcut(TAG_SHORTCUT)
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self._triggered)
        if parent is not None:  # the shortcut works wherever the focus is in the window
            parent.addAction(self.action)

    @property
    def target(self) -> list[int] | RecordFilter:
        """What the popup's tag goes on: quote ids, or every quote matching filters."""
        return self._target

    def _triggered(self) -> None:
        self.open_popup()

    def open_popup(self, text: str = "") -> bool:
        """Ask for a tag for the selected quotes (False, and nothing shown, if none are);
        ``text`` starts the popup's entry ("-" to remove a tag)."""
        selected = self.selected_quotes()
        if isinstance(selected, tuple):
            filters, count = selected
            return self.ask_for_filter(filters, count)
        self._target = list(selected)
        if not self._target:
            self.error.emit("Select one or more quotes to tag.")
            return False
        curation = self.stack.curation
        names = [tag.name for tag in curation.tags()]
        common = None
        if len(self._target) <= COMMON_TAGS_LIMIT:
            common = [tag.name for tag in curation.tags_of_quotes(self._target).all]
        self.popup.ask(len(self._target), names, common, text=text)
        return True

    def ask_for_filter(self, filters: RecordFilter, count: int, heading: str | None = None) -> bool:
        """Ask for a tag for every quote matching ``filters`` (``count`` of them)."""
        if count <= 0:
            self.error.emit("Select one or more quotes to tag.")
            return False
        self._target = filters
        names = [tag.name for tag in self.stack.curation.tags()]
        self.popup.ask(count, names, heading=heading)
        return True

    def tag(self, target: list[int] | RecordFilter, name: str, remove: bool = False) -> bool:
        """Tag (or untag) quotes, given by ids or by filters, through the undo stack.

        The write runs off the GUI thread; ``tagged(change)`` when it is done. False if
        it could not start (another write is in flight).
        """
        if isinstance(target, RecordFilter):
            filters = target
            if remove:
                operation = lambda c: c.untag_filtered(filters, name)  # noqa: E731
            else:
                operation = lambda c: c.tag_filtered(filters, name)  # noqa: E731
        else:
            ids = list(target)
            if remove:
                operation = lambda c: c.untag_quotes(ids, name)  # noqa: E731
            else:
                operation = lambda c: c.tag_quotes(ids, name)  # noqa: E731
        started = self.stack.perform_in_background(
            operation, on_done=self.tagged.emit, on_error=self._failed
        )
        if not started:
            self.error.emit("Another change is still being written; try again in a moment.")
        return started

    def _failed(self, exc: BaseException) -> None:
        self.error.emit(str(exc))

    def _apply(self, name: str, remove: bool) -> None:
        self.tag(self._target, name, remove)
