"""The bar chart of arrests reported per place.

pyqtgraph (and numpy) cost a few hundred milliseconds to import: the plot is built
after the window's first paint, or when something asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.archive import PlaceTotal
from archive_gui.ui.models import APPROXIMATE_MARK

BAR_COLOR = QColor("#3b6ea5")
BAR_HEIGHT = 0.7
ROW_PIXELS = 24  # at least this much height per bar, so place labels never overlap
MIN_ROWS = 6  # a chart of one or two places keeps slim bars


def bar_pen() -> QPen:
    pen = QPen(BAR_COLOR)
    pen.setWidthF(1.2)
    pen.setCosmetic(True)
    return pen


def bar_brush(approximate: bool) -> QBrush:
    """Exact totals are solid; totals with any approximate count are hatched."""
    if approximate:
        return QBrush(BAR_COLOR, Qt.BrushStyle.BDiagPattern)
    return QBrush(BAR_COLOR)


def _swatch(approximate: bool) -> QPixmap:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(bar_pen())
    painter.setBrush(bar_brush(approximate))
    painter.drawRect(1, 1, 12, 12)
    painter.end()
    return pixmap


def _legend_entry(approximate: bool, text: str) -> QHBoxLayout:
    swatch = QLabel()
    swatch.setPixmap(_swatch(approximate))
    row = QHBoxLayout()
    row.setSpacing(4)
    row.addWidget(swatch)
    row.addWidget(QLabel(text))
    return row


class ArrestChartPanel(QWidget):
    """Horizontal bars of the arrests reported at each place under the current filters.

    Places are never rolled up (a city's arrests are not added to its state's).
    ``totals_item`` holds the plotted series, ``x`` the totals and ``y`` the bar
    rows (0 at the top), so ``totals_item.getData()`` reads back what is drawn.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("arrestChart")
        self._totals: list[PlaceTotal] = []
        self._plot = None
        self._bars = None
        self._totals_item = None
        self._value_labels: list = []
        self._build_scheduled = False

        title = QLabel("Arrests reported, by place")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch()
        header.addLayout(_legend_entry(False, "exact"))
        header.addSpacing(12)
        header.addLayout(_legend_entry(True, f"{APPROXIMATE_MARK} includes approximate counts"))

        self.empty_label = QLabel("No arrests with a known place in the current selection.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)

        # Many places make the plot taller than the pane: it scrolls rather than squeezes.
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._stack = QStackedLayout()
        self._stack.addWidget(self._scroll)
        self._stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(self._stack)

    @property
    def plot(self):
        """The pyqtgraph PlotWidget (built, and pyqtgraph imported, on first use)."""
        self._ensure_plot()
        return self._plot

    @property
    def totals_item(self):
        """The plotted series: ``x`` the totals, ``y`` the bar rows (0 at the top)."""
        self._ensure_plot()
        return self._totals_item

    @property
    def is_built(self) -> bool:
        return self._plot is not None

    @property
    def totals(self) -> list[PlaceTotal]:
        return list(self._totals)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._plot is None and not self._build_scheduled:
            # First paint done: build the plot on the next turn of the event loop.
            self._build_scheduled = True
            QTimer.singleShot(0, self._ensure_plot)

    def _ensure_plot(self) -> None:
        if self._plot is not None:
            return
        import pyqtgraph as pg

        self._plot = plot = pg.PlotWidget()
        plot.setBackground(self.palette().base().color())
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.invertY(True)
        plot.showGrid(x=True, y=False, alpha=0.25)
        item = plot.getPlotItem()
        item.getAxis("bottom").setLabel("arrests (stated counts)")
        self._style_axes()
        self._bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT, pen=bar_pen())
        self._totals_item = pg.PlotDataItem(x=[], y=[], pen=None)
        plot.addItem(self._bars)
        plot.addItem(self._totals_item)
        self._scroll.setWidget(plot)
        self._render()

    def show_totals(self, totals: list[PlaceTotal]) -> None:
        self._totals = list(totals)
        if not totals:
            self._stack.setCurrentWidget(self.empty_label)
        else:
            self._stack.setCurrentWidget(self._scroll)
        if self._plot is not None:
            self._render()

    def _render(self) -> None:
        import numpy as np
        import pyqtgraph as pg

        totals = self._totals
        plot = self._plot
        for label in self._value_labels:
            plot.removeItem(label)
        self._value_labels = []
        rows = np.arange(len(totals), dtype=float)
        values = np.array([t.total for t in totals], dtype=float)
        self._totals_item.setData(x=values, y=rows)
        self._bars.setOpts(
            x0=np.zeros(len(totals)),
            y=rows,
            width=values,
            height=BAR_HEIGHT,
            brushes=[bar_brush(t.approximate) for t in totals],
        )
        if not totals:
            return
        plot.setMinimumHeight(len(totals) * ROW_PIXELS + 60)

        for row, total in zip(rows, totals, strict=True):
            text = f"{total.total:,}"
            if total.approximate:
                text = f"{APPROXIMATE_MARK} {text}"
            label = pg.TextItem(text, color=self.palette().text().color(), anchor=(0, 0.5))
            label.setPos(total.total, row)
            plot.addItem(label)
            self._value_labels.append(label)

        left = plot.getAxis("left")
        left.setTicks([[(float(row), t.label) for row, t in zip(rows, totals, strict=True)]])
        metrics = QFontMetrics(self.font())
        left.setWidth(max(metrics.horizontalAdvance(t.label) for t in totals) + 16)
        # Room on the right for the value labels at the bar ends.
        plot.setXRange(0, float(values.max()) * 1.18, padding=0)
        plot.setYRange(-0.6, max(len(totals), MIN_ROWS) - 0.4, padding=0)

    def _style_axes(self) -> None:
        import pyqtgraph as pg

        text_pen = pg.mkPen(self.palette().text().color())
        for name in ("left", "bottom"):
            axis = self._plot.getAxis(name)
            axis.setTextPen(text_pen)
            axis.setPen(pg.mkPen(self.palette().mid().color()))
            axis.setStyle(tickFont=self.font())
