"""The bar charts of arrests reported: per place, and over time (by month or week).

A click on a bar filters the lists to that place or period; hovering over a bar
shows the operations behind it (``hover_text`` gives the text).

pyqtgraph (and numpy) cost a few hundred milliseconds to import: the plot is built
after the window's first paint, or when something asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.archive import PlaceTotal
from archive_gui.core.store.filtering import PeriodTotal
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


SAMPLE_NOTE = "≥ sampled: counted from the first matches only"
SAMPLE_TOOLTIP = (
    "Under a search, the chart counts a capped number of the matching operations, "
    "so its totals are lower bounds. Narrow the search or the filters for exact totals."
)


def _value_texts(placed: list[tuple[float, float, object]]) -> list[tuple[float, float, str]]:
    """``(x, y, text)`` of each ``(x, y, total)``: its total, marked when approximate."""
    labels = []
    for x, y, total in placed:
        text = f"{total.total:,}"
        if total.approximate:
            text = f"{APPROXIMATE_MARK} {text}"
        labels.append((float(x), float(y), text))
    return labels


def _paint_with_the_window(plot) -> None:
    """Let the plot's changes be painted with the window's next paint, in its own turn
    of the event loop. Unless something listens to a graphics scene's ``changed``
    signal, the scene, right after taking in a change, paints everything waiting to be
    painted in its window at once: the table, the facet lists and the chart in one
    go, 40-60 ms of the GUI thread at a million quotes. With a listener it tells its
    views what changed instead, and they ask for an ordinary paint."""
    plot.scene().changed.connect(_scene_changed)


def _scene_changed(_regions) -> None:
    """(Listening is what matters: see ``_paint_with_the_window``.)"""


def _sample_note() -> QLabel:
    """The header note shown while a chart's totals come from a capped sample."""
    note = QLabel(SAMPLE_NOTE)
    note.setObjectName("chartSampleNote")
    note.setToolTip(SAMPLE_TOOLTIP)
    # Its room is kept while hidden, and it may be narrowed: coming and going, it
    # widened the centre pane's minimum, and the window's splitter moved every pane
    # and repainted them all.
    policy = note.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    note.setSizePolicy(policy)
    note.setMinimumWidth(1)
    note.setVisible(False)
    return note


def _legend_entry(approximate: bool, text: str) -> QHBoxLayout:
    swatch = QLabel()
    swatch.setPixmap(_swatch(approximate))
    row = QHBoxLayout()
    row.setSpacing(4)
    row.addWidget(swatch)
    row.addWidget(QLabel(text))
    return row


class _BarHover:
    """Click and hover on the bars of a chart panel: shared by both charts.

    The panel provides ``bar_at(scene_pos)``, ``click_bar(index)``, ``_totals``,
    ``_plot``, ``_hovered`` and ``hover_text`` (a callable, or None).
    """

    def tooltip_for(self, index: int) -> str:
        return self.hover_text(self._totals[index]) if self.hover_text else ""

    def show_hover_again(self) -> None:
        """Show the hovered bar's text again (it has been read in the background)."""
        hovered = self._hovered
        if self._plot is None or hovered is None or self.hover_text is None:
            return
        if not 0 <= hovered < len(self._totals) or not QToolTip.isVisible():
            return
        QToolTip.showText(QCursor.pos(), self.hover_text(self._totals[hovered]), self._plot)

    def _scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        index = self.bar_at(event.scenePos())
        if index is not None:
            self.click_bar(index)

    def _scene_moved(self, scene_pos) -> None:
        index = self.bar_at(scene_pos)
        if index == self._hovered:
            return
        self._hovered = index
        if index is None or self.hover_text is None:
            QToolTip.hideText()
            return
        text = self.hover_text(self._totals[index])
        view_pos = self._plot.mapFromScene(scene_pos)
        QToolTip.showText(self._plot.mapToGlobal(view_pos), text, self._plot)


class ArrestChartPanel(_BarHover, QWidget):
    """Horizontal bars of the arrests reported at each place under the current filters.

    Places are never rolled up (a city's arrests are not added to its state's).
    ``totals_item`` holds the plotted series, ``x`` the totals and ``y`` the bar
    rows (0 at the top), so ``totals_item.getData()`` reads back what is drawn.
    """

    bar_clicked = Signal(object)  # the PlaceTotal of the bar

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("arrestChart")
        self.hover_text: Callable[[PlaceTotal], str] | None = None
        self._hovered: int | None = None
        self._totals: list[PlaceTotal] = []
        self._plot = None
        self._bars = None
        self._totals_item = None
        self.value_labels = None  # the ValueLabelsItem, once the plot is built
        self._rendered: list = []  # the totals drawn last
        self._build_scheduled = False

        title = QLabel("Arrests reported, by place")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.sample_note = _sample_note()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.sample_note)
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

        from archive_gui.ui.value_labels import ValueLabelsItem

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
        self.value_labels = ValueLabelsItem((0, 0.5), self.palette().text().color(), self.font())
        plot.addItem(self._bars)
        plot.addItem(self._totals_item)
        plot.addItem(self.value_labels)
        plot.scene().sigMouseClicked.connect(self._scene_clicked)
        plot.scene().sigMouseMoved.connect(self._scene_moved)
        _paint_with_the_window(plot)
        plot.setCursor(Qt.CursorShape.PointingHandCursor)
        self._scroll.setWidget(plot)
        self._render()

    def bar_at(self, scene_pos: QPointF) -> int | None:
        """The row of the bar under a point of the plot's scene, if any."""
        if self._plot is None or not self._totals:
            return None
        point = self._plot.getPlotItem().vb.mapSceneToView(scene_pos)
        row = round(point.y())
        if 0 <= row < len(self._totals) and abs(point.y() - row) <= BAR_HEIGHT / 2:
            return row
        return None

    def bar_center(self, row: int) -> QPointF:
        """Where the middle of a bar is, in the plot widget's coordinates (for tests)."""
        total = self._totals[row]
        vb = self.plot.getPlotItem().vb
        scene = vb.mapViewToScene(QPointF(max(total.total, 1) / 2, row))
        return self.plot.mapFromScene(scene)

    def click_bar(self, row: int) -> None:
        self.bar_clicked.emit(self._totals[row])

    def show_totals(self, totals: list[PlaceTotal]) -> None:
        self.sample_note.setVisible(any(getattr(t, "sampled", False) for t in totals))
        unchanged = self._plot is not None and list(totals) == self._rendered
        self._totals = list(totals)
        if not totals:
            self._stack.setCurrentWidget(self.empty_label)
        else:
            self._stack.setCurrentWidget(self._scroll)
        if self._plot is not None and not unchanged:  # drawing costs tens of milliseconds
            self._render()

    def _render(self) -> None:
        import numpy as np

        totals = self._totals
        self._rendered = list(totals)
        plot = self._plot
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
        placed = [(t.total, row, t) for row, t in zip(rows, totals, strict=True)]
        self.value_labels.set_labels(_value_texts(placed), self.palette().text().color())
        if not totals:
            return
        plot.setMinimumHeight(len(totals) * ROW_PIXELS + 60)

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


UNITS = (("month", "By month"), ("week", "By week"))
MAX_TICKS = 10  # month keys are about 60 pixels wide: 14 ran together at 700 pixels
# Bars the time chart writes its value on. Beyond, the labels overlap into an unreadable
# band (15 years are 180 months), and a label each cost 80-130 ms of the GUI thread per
# update; the bar's tooltip still gives its value.
MAX_VALUE_LABELS = 36


class ArrestsOverTimePanel(_BarHover, QWidget):
    """Vertical bars of the arrests reported per month or week, under the current filters.

    ``unit_changed(unit)`` when the user picks months or weeks; ``period_clicked`` with
    the PeriodTotal of a clicked bar. Breakdowns of another count are not added again.
    """

    unit_changed = Signal(str)
    period_clicked = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("arrestsOverTime")
        self.hover_text: Callable[[PeriodTotal], str] | None = None
        self._totals: list[PeriodTotal] = []
        self._drawn: list[PeriodTotal] = []  # the totals drawn last
        self._plot = None
        self._bars = None
        self.value_labels = None  # the ValueLabelsItem, once the plot is built
        self._hovered: int | None = None

        title = QLabel("Arrests reported, over time")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("chartUnit")
        for unit, text in UNITS:
            self.unit_combo.addItem(text, unit)
        self.unit_combo.currentIndexChanged.connect(
            lambda _i: self.unit_changed.emit(self.unit_combo.currentData())
        )
        self.sample_note = _sample_note()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addWidget(self.unit_combo)
        header.addSpacing(12)
        header.addWidget(self.sample_note)
        header.addStretch()
        header.addLayout(_legend_entry(False, "exact"))
        header.addSpacing(12)
        header.addLayout(_legend_entry(True, f"{APPROXIMATE_MARK} includes approximate counts"))

        self.empty_label = QLabel("No arrests with a known date in the current selection.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self._holder = QWidget()
        self._holder_layout = QVBoxLayout(self._holder)
        self._holder_layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedLayout()
        self._stack.addWidget(self._holder)
        self._stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(self._stack)

    @property
    def unit(self) -> str:
        return self.unit_combo.currentData()

    @property
    def totals(self) -> list[PeriodTotal]:
        return list(self._totals)

    @property
    def plot(self):
        self._ensure_plot()
        return self._plot

    def show_totals(self, totals: list[PeriodTotal]) -> None:
        self.sample_note.setVisible(any(getattr(t, "sampled", False) for t in totals))
        unchanged = self._plot is not None and list(totals) == self._drawn
        self._totals = list(totals)
        self._stack.setCurrentWidget(self._holder if totals else self.empty_label)
        if unchanged:  # drawing costs tens of milliseconds
            return
        if self._plot is not None or (totals and self.isVisible()):
            self._ensure_plot()
            self._render()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._totals:
            self._ensure_plot()
            self._render()

    def _ensure_plot(self) -> None:
        if self._plot is not None:
            return
        import pyqtgraph as pg

        from archive_gui.ui.value_labels import ValueLabelsItem

        self._plot = plot = pg.PlotWidget()
        plot.setBackground(self.palette().base().color())
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.getPlotItem().getAxis("left").setLabel("arrests (stated counts)")
        text_pen = pg.mkPen(self.palette().text().color())
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setTextPen(text_pen)
            axis.setPen(pg.mkPen(self.palette().mid().color()))
            axis.setStyle(tickFont=self.font())
        self._bars = pg.BarGraphItem(x=[], height=[], width=BAR_HEIGHT, pen=bar_pen())
        self.value_labels = ValueLabelsItem((0.5, 1), self.palette().text().color(), self.font())
        plot.addItem(self._bars)
        plot.addItem(self.value_labels)
        plot.scene().sigMouseClicked.connect(self._scene_clicked)
        plot.scene().sigMouseMoved.connect(self._scene_moved)
        _paint_with_the_window(plot)
        plot.setCursor(Qt.CursorShape.PointingHandCursor)
        self._holder_layout.addWidget(plot)

    def _render(self) -> None:
        import numpy as np

        self._drawn = list(self._totals)

        plot, totals = self._plot, self._totals
        xs = np.arange(len(totals), dtype=float)
        heights = np.array([t.total for t in totals], dtype=float)
        self._bars.setOpts(
            x=xs,
            height=heights,
            width=BAR_HEIGHT,
            brushes=[bar_brush(t.approximate) for t in totals],
        )
        labelled = totals if len(totals) <= MAX_VALUE_LABELS else []
        placed = [(x, t.total, t) for x, t in zip(xs, labelled, strict=False)]
        self.value_labels.set_labels(_value_texts(placed), self.palette().text().color())
        if not totals:
            return
        step = max(1, -(-len(totals) // MAX_TICKS))
        ticks = [(float(x), t.key) for x, t in zip(xs, totals, strict=True)][::step]
        plot.getAxis("bottom").setTicks([ticks])
        plot.setXRange(-0.6, max(len(totals), 4) - 0.4, padding=0)
        plot.setYRange(0, float(heights.max()) * 1.2, padding=0)

    def bar_at(self, scene_pos: QPointF) -> int | None:
        if self._plot is None or not self._totals:
            return None
        point = self._plot.getPlotItem().vb.mapSceneToView(scene_pos)
        column = round(point.x())
        if 0 <= column < len(self._totals) and abs(point.x() - column) <= BAR_HEIGHT / 2:
            return column
        return None

    def bar_center(self, column: int) -> QPointF:
        total = self._totals[column]
        vb = self.plot.getPlotItem().vb
        scene = vb.mapViewToScene(QPointF(column, max(total.total, 1) / 2))
        return self.plot.mapFromScene(scene)

    def click_bar(self, column: int) -> None:
        self.period_clicked.emit(self._totals[column])
