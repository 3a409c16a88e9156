"""The values written on the chart bars: one item, drawn beside the bar ends."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from archive_gui.core.store.archive import PlaceTotal
from archive_gui.ui.chart import ArrestChartPanel


def _totals() -> list[PlaceTotal]:
    return [
        PlaceTotal(1, "Atlanta, GA", "city", 1200, 3, False),
        PlaceTotal(2, "Georgia", "state", 30, 1, True),
    ]


def test_the_place_chart_writes_each_total_with_its_approximate_mark(qtbot):
    chart = ArrestChartPanel()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.show_totals(_totals())
    chart.plot  # noqa: B018 - built on demand

    assert chart.value_labels.texts() == ["1,200", "≈ 30"]
    chart.show_totals([])
    assert chart.value_labels.texts() == []


def test_labels_leave_the_range_alone_and_draw_beside_the_bars(qtbot):
    chart = ArrestChartPanel()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.plot  # noqa: B018
    chart.show_totals(_totals())
    qtbot.wait(50)

    x_range, _y_range = chart.plot.getPlotItem().vb.viewRange()
    assert x_range == [0.0, 1200 * 1.18]  # the labels' own extent does not widen it
    assert chart.value_labels.dataBounds(0) is None

    # The labels change pixels just right of the longest bar's end, nowhere left of it.
    vb = chart.plot.getPlotItem().vb
    bar_end = chart.plot.mapFromScene(vb.mapViewToScene(QPointF(1200, 0)))
    with_labels = chart.plot.grab().toImage()
    texts = chart.value_labels.texts()
    chart.value_labels.set_labels([], chart.palette().text().color())
    without = chart.plot.grab().toImage()
    changed = [
        x
        for x in range(with_labels.width())
        for y in range(bar_end.y() - 6, bar_end.y() + 7)
        if with_labels.pixelColor(x, y) != without.pixelColor(x, y)
    ]
    assert texts and changed
    assert bar_end.x() < min(changed) <= bar_end.x() + 10
