"""The search box: a query typed in the search syntax, parsed as you type.

Typing waits :data:`DEBOUNCE_MS` after the last key, then parses the text with
:func:`archive_gui.core.search.parse`. A query that parses is emitted
(``query_changed``: a ``Query``, or None for an empty box); one that does not
shows what is wrong under the box, with the place of the problem marked, and the
lists keep showing the last good query. Enter applies at once; Escape clears.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from archive_gui.core.search import Query, SearchSyntaxError, parse

DEBOUNCE_MS = 250

SYNTAX_HELP = (
    "Search quotes, operations and article text.\n"
    'words   "a phrase"   prefix*   AND  OR  NOT  -word   ( … )\n'
    'speaker:Marin   speaker:"David Marin"   city:Atlanta   tag:policy\n'
    "outlet:Times   year:2017   year:2015..2017   status:verified"
)

_ERROR_STYLE = "QLineEdit { border: 1px solid #c62828; border-radius: 2px; }"


def error_html(source: str, error: SearchSyntaxError) -> str:
    """The error message and the query with the faulty part marked, as rich text.

    The query is escaped: nothing typed is ever read as markup.
    """
    start = max(0, min(error.position, len(source)))
    end = max(start, min(start + error.length, len(source)))
    before, bad, after = source[:start], source[start:end], source[end:]
    if not bad:  # the problem is the end of the query: mark the place after it
        bad = "\u2002"
    marked = (
        html.escape(before)
        + '<span style="background-color:#ffcdd2; color:#b71c1c; text-decoration:underline;">'
        + html.escape(bad)
        + "</span>"
        + html.escape(after)
    )
    return (
        f'<span style="color:#b71c1c;">{html.escape(error.message)}</span>'
        f'<br><code style="white-space:pre;">{marked}</code>'
    )


class SearchBox(QWidget):
    """A line edit for a search query, with a debounced, parsed result.

    ``query_changed(Query | None)`` when the text parses to another query than the
    one last emitted; ``error_changed(str)`` with the message of a malformed query
    ("" when it is fixed).
    """

    query_changed = Signal(object)
    error_changed = Signal(str)

    def __init__(self, parent=None, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(
            'Search…  (words, "phrases", prefix*, AND/OR/NOT, speaker: city: tag: outlet: year:)'
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(SYNTAX_HELP)
        self.error_label = QLabel()
        self.error_label.setObjectName("searchError")
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.apply)
        self.edit.textEdited.connect(self._timer.start)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.returnPressed.connect(self.apply)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.clear)

        self._query: Query | None = None
        self._error: SearchSyntaxError | None = None
        self._failed: Query | None = None  # the query the index refused when run

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error_label)

    # -- state -------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def query(self) -> Query | None:
        """The last query that parsed (what the lists show)."""
        return self._query

    def error(self) -> SearchSyntaxError | None:
        """What is wrong with the text in the box, or None."""
        return self._error

    def is_pending(self) -> bool:
        return self._timer.isActive()

    # -- changes -----------------------------------------------------------------

    def set_text(self, text: str, emit: bool = True) -> None:
        """Put a query in the box (a saved search) and apply it now."""
        self._timer.stop()
        self.edit.setText(text)
        self.apply(emit=emit)

    def clear(self) -> None:
        self.set_text("")

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def _text_changed(self, _text: str) -> None:
        # programmatic changes (clear button, setText) also wait for the debounce
        if not self._timer.isActive():
            self._timer.start()

    def apply(self, emit: bool = True) -> None:
        """Parse the text now; emit the query if it parses and differs from the last."""
        self._timer.stop()
        source = self.edit.text()
        try:
            query = parse(source)
        except SearchSyntaxError as exc:
            self._show_error(source, exc)
            return
        if query == self._query and self._failed is not None and query == self._failed:
            return  # the same query again: the index still refuses it (keep saying so)
        self._failed = None
        self._show_error(source, None)
        if query == self._query:
            return
        self._query = query
        if emit:
            self.query_changed.emit(query)

    def show_error(self, error: SearchSyntaxError | None) -> None:
        """Show an error found when running the query (the full-text index refused it)."""
        self._failed = self._query if error is not None else None
        self._show_error(self.edit.text(), error)

    def _show_error(self, source: str, error: SearchSyntaxError | None) -> None:
        changed = (error is None) != (self._error is None) or (
            error is not None and self._error is not None and str(error) != str(self._error)
        )
        self._error = error
        if error is None:
            self.error_label.hide()
            self.error_label.clear()
            self.edit.setStyleSheet("")
            self.edit.setToolTip(SYNTAX_HELP)
        else:
            self.error_label.setText(error_html(source, error))
            self.error_label.show()
            self.edit.setStyleSheet(_ERROR_STYLE)
            self.edit.setToolTip(f"{error.message}\n\n{SYNTAX_HELP}")
        if changed:
            self.error_changed.emit("" if error is None else error.message)
