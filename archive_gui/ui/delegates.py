"""Delegates that paint the record lists' cells: one line of text each, with few calls.

Qt's own delegate lays a cell's text out three times per paint (to size it, to elide
it, to draw it), and asks the model for seven roles. On a screenful of 150 cells that
came to 40M instructions, most of the paint that follows a search or a filter, and the
longest single task of the GUI thread on a large archive. These delegates take each
cell's text from the model (which works a row's texts out once per read of the row),
let the style draw the cell without text (selection, focus frame, hover) and draw the
text from a cache of laid-out lines: a speaker, role, date or title seen before is not
laid out again, and a new quote is laid out once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPalette,
    QStaticText,
    QTextCharFormat,
    QTextLayout,
    QTransform,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from archive_gui.core.search import Query, highlighter

# Laid-out lines kept per delegate; past this the cache starts again (a line costs a
# few hundred bytes; a screenful needs about 150).
LINE_CACHE_SIZE = 4_000

_ITEM_VIEW_ITEM = QStyle.ControlElement.CE_ItemViewItem
_FOCUS_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
# States in which a style may draw something under the text (selection, focus frame,
# hover): a cell in none of them has only the row's background, drawn by the view.
_DRAWN_STATES = (
    _SELECTED | QStyle.StateFlag.State_HasFocus.value | QStyle.StateFlag.State_MouseOver.value
)
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_PLAIN_TEXT = Qt.TextFormat.PlainText
_IDENTITY = QTransform()
# A match in bold on a light yellow, or only in bold on a selected row's colour.
_SELECTED_MATCH_FORMAT = QTextCharFormat()
_SELECTED_MATCH_FORMAT.setFontWeight(QFont.Weight.Bold)
_MATCH_FORMAT = QTextCharFormat(_SELECTED_MATCH_FORMAT)
_MATCH_FORMAT.setBackground(QColor("#fff59d"))


def text_color(palette: QPalette, state: int) -> QColor:
    """The colour Qt's styles draw an item's text in, from its state's bits."""
    if not state & _ENABLED:
        group = QPalette.ColorGroup.Disabled
    elif state & _ACTIVE:
        group = QPalette.ColorGroup.Normal
    else:
        group = QPalette.ColorGroup.Inactive
    return palette.color(group, _HIGHLIGHTED_TEXT if state & _SELECTED else _TEXT)


class RecordItemDelegate(QStyledItemDelegate):
    """Paints a record list's cell as one elided line, from the model's cell texts.

    ``initStyleOption`` fills an option the way Qt's would (from the same texts instead
    of seven roles, each a call from Qt into Python); it serves size hints,
    accessibility and the cells still painted by Qt (a row not read yet).

    What the paint keeps between cells (lines laid out, the text's colours, fonts and
    margin) follows the view's font, palette and style: the view calls
    :meth:`forget_looks` when one of them changes.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        # (text, width, font key or None for the view's font) -> the text elided
        self._fitted: dict[tuple[str, int, str | None], str] = {}
        # (fitted text, font key) -> the line laid out
        self._lines: dict[tuple[str, str | None], QStaticText] = {}
        # font key -> the font's metrics and the height of a line laid out in it
        self._metrics: dict[str | None, tuple[QFontMetrics, int]] = {}
        self._colors: dict[int, QColor] = {}
        self._margin: int | None = None

    def forget_looks(self) -> None:
        """Drop what was kept for the old font, palette or style."""
        self._fitted.clear()
        self._lines.clear()
        self._metrics.clear()
        self._colors.clear()
        self._margin = None

    def initStyleOption(self, option, index) -> None:
        option.index = index
        option.styleObject = None  # as Qt's: no style animations inside item views
        cells = index.model().cells(index.row())
        if cells is None:  # not read yet: an empty cell until its page is in
            return
        text, font = cells[index.column()]
        option.text = text
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if font is not None:
            option.font = font.resolve(option.font)
            option.fontMetrics = QFontMetrics(option.font)

    def paint(self, painter, option, index) -> None:
        cells = index.model().cells(index.row())
        if cells is None:  # not read yet: Qt's paint of an empty cell
            super().paint(painter, option, index)
            return
        text, font = cells[index.column()]
        state = option.state.value
        if self._margin is None or state & _DRAWN_STATES:
            widget = option.widget
            style = widget.style() if widget is not None else QApplication.style()
            if self._margin is None:
                self._margin = style.pixelMetric(_FOCUS_MARGIN, None, widget) + 1
            # The option Qt passes holds no text: the style draws the selection, focus
            # frame or hover, and lays nothing out.
            if state & _DRAWN_STATES:
                style.drawControl(_ITEM_VIEW_ITEM, option, painter, widget)
        if text:
            x, y, width, height = option.rect.getRect()
            margin = self._margin
            rect = (x + margin, y, width - 2 * margin, height)
            self.draw_text(painter, option, state, rect, text, font)

    def draw_text(self, painter, option, state: int, rect, text: str, font) -> None:
        """Draw ``text`` on one line in ``rect`` (x, y, width, height), elided at the
        right as Qt's delegate would; ``font`` is the model's, None for the view's."""
        fitted, font_key = self.fit(option, text, rect[2], font)
        self.draw_line(painter, option, state, rect, fitted, font_key, font)

    def fit(self, option, text: str, width: int, font) -> tuple[str, str | None]:
        """``text`` elided to ``width`` in the model's ``font`` (None: the view's), and
        the font's key (None for the view's)."""
        font_key = None if font is None else font.key()
        fitted = self._fitted.get((text, width, font_key))
        if fitted is None:
            # Only what can show (no character is narrower than a pixel) is measured.
            metrics, _height = self._font_metrics(font_key, option, font)
            fitted = metrics.elidedText(text[: width + 1], _ELIDE_RIGHT, width)
            _remember(self._fitted, (text, width, font_key), fitted)
        return fitted, font_key

    def draw_line(self, painter, option, state, rect, fitted: str, font_key, font) -> None:
        """Draw a line already fitted to ``rect``, laid out once per text and font."""
        line = self._lines.get((fitted, font_key))
        if line is None:
            line = QStaticText(fitted)
            line.setTextFormat(_PLAIN_TEXT)
            line.prepare(_IDENTITY, drawing_font(option, font))
            _remember(self._lines, (fitted, font_key), line)
        painter.setPen(self.text_color(option, state))
        x, y, _width, height = rect
        top = self.line_top(font_key, option, font, y, height)
        if font_key is None:  # the painter's font already
            painter.drawStaticText(QPointF(x, top), line)
            return
        painter.save()
        painter.setFont(drawing_font(option, font))
        painter.drawStaticText(QPointF(x, top), line)
        painter.restore()

    def text_color(self, option, state: int) -> QColor:
        color = self._colors.get(state)
        if color is None:
            color = self._colors[state] = text_color(option.palette, state)
        return color

    def line_top(self, font_key: str | None, option, font, y: int, height: int) -> int:
        """Where a line of ``font`` starts to be centred in a cell, to the pixel Qt's
        style would put it (a line's height rounded up; C division, to zero)."""
        return y + int((height - self._font_metrics(font_key, option, font)[1]) / 2)

    def _font_metrics(self, font_key: str | None, option, font) -> tuple[QFontMetrics, int]:
        metrics = self._metrics.get(font_key)
        if metrics is None:
            font = drawing_font(option, font)
            exact = QFontMetricsF(font)
            metrics = (QFontMetrics(font), math.ceil(exact.ascent() + exact.descent()))
            self._metrics[font_key] = metrics
        return metrics


def drawing_font(option, font: QFont | None) -> QFont:
    """The font a cell is drawn in: the model's over the view's (``option.font``)."""
    return option.font if font is None else font.resolve(option.font)


def _remember(cache: dict, key, value) -> None:
    """Keep ``value`` in a cache of at most LINE_CACHE_SIZE entries (then start again)."""
    if len(cache) >= LINE_CACHE_SIZE:
        cache.clear()
    cache[key] = value


class HighlightDelegate(RecordItemDelegate):
    """Draws a cell with the search's matches in bold on a light background."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.query: Query | None = None
        self._matcher = highlighter(None)

    def set_query(self, query: Query | None) -> None:
        """Highlight ``query``'s terms from the next repaint (its terms prepared once)."""
        self.query = query
        self._matcher = highlighter(query)

    def draw_text(self, painter, option, state: int, rect, text: str, font) -> None:
        if not self._matcher or not text:  # no free-text terms: nothing to find
            super().draw_text(painter, option, state, rect, text, font)
            return
        # Matches are looked for in what shows: the text as elided to the cell.
        fitted, font_key = self.fit(option, text, rect[2], font)
        spans = self._matcher.spans(fitted)
        if not spans:
            self.draw_line(painter, option, state, rect, fitted, font_key, font)
            return
        # One layout with the matches formatted: a few calls into Qt per cell, not a
        # few per piece of text; the bold matches may push the end past the clip.
        selected = bool(state & _SELECTED)
        layout = QTextLayout(fitted, drawing_font(option, font))
        layout.setFormats([self._match_range(start, end, selected) for start, end in spans])
        layout.beginLayout()
        layout.createLine().setLineWidth(1e6)
        layout.endLayout()
        x, y, width, height = rect
        painter.save()
        painter.setClipRect(x, y, width, height)
        painter.setPen(self.text_color(option, state))
        layout.draw(painter, QPointF(x, self.line_top(font_key, option, font, y, height)))
        painter.restore()

    @staticmethod
    def _match_range(start: int, end: int, selected: bool) -> QTextLayout.FormatRange:
        match = QTextLayout.FormatRange()
        match.start, match.length = start, end - start
        match.format = _SELECTED_MATCH_FORMAT if selected else _MATCH_FORMAT
        return match
