"""The numbers written at the ends of a chart's bars, drawn as one plot item.

pyqtgraph's ``TextItem`` is a QGraphicsTextItem (a text document) per label that
re-positions itself in Python whenever the view changes: twenty labels cost the
place chart 10-20 ms of the GUI thread per update. Here one item keeps the labels
as ``(x, y, text)`` in data coordinates and draws them all in one ``paint``, at a
fixed pixel size whatever the zoom. Imported with the plot (pyqtgraph loads late).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

GAP_PIXELS = 4  # between the bar's end and its label


class ValueLabelsItem(pg.GraphicsObject):
    """Labels anchored at data points: ``anchor`` (ax, ay) is the point of the text's
    box placed on the data point, (0, 0.5) its left middle, (0.5, 1) its bottom centre;
    the text is moved ``GAP_PIXELS`` away from the point along the anchor's side."""

    def __init__(self, anchor: tuple[float, float], color: QColor, font: QFont):
        super().__init__()
        self._anchor = anchor
        self._color = QColor(color)
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._labels: list[tuple[float, float, str]] = []
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to the bars

    def set_labels(self, labels: list[tuple[float, float, str]], color: QColor) -> None:
        self.prepareGeometryChange()
        self._labels = list(labels)
        self._color = QColor(color)
        self.update()

    def texts(self) -> list[str]:
        """The texts drawn, in order (what a reader sees on the bars)."""
        return [text for _x, _y, text in self._labels]

    def dataBounds(self, *_args, **_kwargs) -> None:
        """No extent of its own: the labels never widen the chart's range."""
        return None

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()  # the bounding rectangle is the view's

    def boundingRect(self) -> QRectF:
        # Labels stay the same size in pixels while the data scales: the item covers the
        # view it is in (which clips it) rather than computing each text's data extent.
        view = self.getViewBox()
        if view is None or not self._labels:
            return QRectF()
        return view.viewRect()

    def paint(self, painter, *_args) -> None:
        if not self._labels:
            return
        to_device = painter.transform()
        ax, ay = self._anchor
        gap_x = GAP_PIXELS * (1 - 2 * ax) if ax != 0.5 else 0.0
        gap_y = GAP_PIXELS * (1 - 2 * ay) if ay != 0.5 else 0.0
        height = self._metrics.height()
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.resetTransform()
        painter.setFont(self._font)
        painter.setPen(self._color)
        for x, y, text in self._labels:
            point = to_device.map(QPointF(x, y))
            width = self._metrics.horizontalAdvance(text) + 1
            left = point.x() - ax * width + gap_x
            top = point.y() - ay * height + gap_y
            painter.drawText(QRectF(left, top, width, height), align, text)
        painter.restore()
