"""The detail pane: the article a record comes from, with the record's words highlighted.

The article is shown as plain text, never as HTML: an archived page cannot run,
style or fetch anything here, and the record offsets index straight into it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from archive_gui.core.store.archive import ArticleRecord
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.models import APPROXIMATE_MARK, qualifier_words

RECORD_COLOR = QColor("#ffe08a")  # the quote or the arrest count
CONTEXT_COLOR = QColor("#b9dcf7")  # the speaker mention or the place


@dataclass(frozen=True)
class Highlight:
    """A highlighted span, in Python string offsets into the article text."""

    role: str  # "record", "speaker" or "place"
    start: int
    end: int
    text: str  # the text the view shows highlighted


def utf16_offset(text: str, index: int) -> int:
    """QTextDocument counts UTF-16 code units; Python counts code points."""
    prefix = text[:index]
    if prefix.isascii():
        return index
    return len(prefix.encode("utf-16-le")) // 2


class SourceView(QTextBrowser):
    """Read-only plain-text article view that highlights spans and scrolls to them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self._text = ""
        self._highlights: list[Highlight] = []

    def loadResource(self, resource_type, url):
        """Nothing is ever fetched: plain text has no resources, and none may sneak in."""
        return None

    def show_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setPlainText(text)
        self.set_highlights([])

    def set_highlights(self, spans: list[tuple[str, int, int]]) -> None:
        """Highlight (role, start, end) spans and scroll the first one into the middle."""
        selections = []
        self._highlights = []
        for role, start, end in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(self._text, start))
            cursor.setPosition(utf16_offset(self._text, end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = self._format(role)
            selections.append(selection)
            shown = cursor.selectedText().replace("\u2029", "\n")
            self._highlights.append(Highlight(role, start, end, shown))
        self.setExtraSelections(selections)
        if spans:
            self._scroll_to(utf16_offset(self._text, spans[0][1]))

    def highlighted_spans(self) -> list[Highlight]:
        return list(self._highlights)

    @staticmethod
    def _format(role: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(RECORD_COLOR if role == "record" else CONTEXT_COLOR)
        fmt.setForeground(QColor("black"))
        if role != "record":
            fmt.setProperty(QTextFormat.Property.FontUnderline, True)
        return fmt

    def _scroll_to(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        middle = self.viewport().height() // 2
        bar.setValue(bar.value() + self.cursorRect(cursor).center().y() - middle)


def _plain_label(*, bold: bool = False, muted: bool = False) -> QLabel:
    """A label for text that comes from an article: never interpreted as rich text."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    if bold:
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    if muted:
        palette = label.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        label.setPalette(palette)
    return label


class SourcePanel(QWidget):
    """Article header (title, outlet, date, URL), a summary of the record, and the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_label = _plain_label(bold=True)
        self.meta_label = _plain_label(muted=True)
        self.url_label = _plain_label(muted=True)
        self.record_label = _plain_label()
        self.record_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.record_label.setMargin(6)
        self.view = SourceView()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.title_label, self.meta_label, self.url_label, self.record_label):
            layout.addWidget(widget)
        layout.addWidget(self.view, 1)
        self.clear()

    def clear(self) -> None:
        self.title_label.setText("No record selected")
        self.meta_label.setText("Select an operation or a quote to read it in its article.")
        self.url_label.hide()
        self.record_label.hide()
        self.view.show_text("")

    def show_record(self, kind: RecordKind, record: dict, article: ArticleRecord) -> None:
        self.title_label.setText(article.title or "(untitled article)")
        self.meta_label.setText(
            " · ".join(part for part in (article.outlet, article.published, article.author) if part)
            or "Unknown outlet and date"
        )
        self.url_label.setText(article.url or "")
        self.url_label.setVisible(bool(article.url))
        self.record_label.setText(_record_summary(kind, record))
        self.record_label.show()
        self.view.show_text(article.text)
        self.view.set_highlights(_spans(kind, record))


def _spans(kind: RecordKind, record: dict) -> list[tuple[str, int, int]]:
    spans = [("record", record["start"], record["end"])]
    if kind is RecordKind.QUOTES:
        context = ("speaker", record.get("mention_start"), record.get("mention_end"))
    else:
        context = ("place", record.get("place_start"), record.get("place_end"))
    if context[1] is not None and context[2] is not None:
        spans.append(context)
    return spans


def _record_summary(kind: RecordKind, record: dict) -> str:
    """One or two lines a researcher checks against the highlighted text."""
    if kind is RecordKind.QUOTES:
        who = record.get("speaker") or "Unattributed"
        details = ", ".join(p for p in (record.get("role"), record.get("speaker_affiliation")) if p)
        line = f"Quote by {who}" + (f" ({details})" if details else "")
        if record.get("mention_text"):
            line += f" — named in the text as “{record['mention_text']}”"
        return line
    count = record["count_text"]
    if record.get("qualifier") != "exact":
        count = (
            f"{APPROXIMATE_MARK} {count} ({qualifier_words(record.get('qualifier'))}, "
            f"counted as {record['count']:,})"
        )
    parts = [f"Arrests: {count}"]
    for label, key in (("Place", "place"), ("Period", "period"), ("Agency", "agency")):
        if record.get(key):
            parts.append(f"{label}: {record[key]}")
    return " · ".join(parts)
