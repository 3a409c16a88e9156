"""The record lists' delegates paint cells as Qt's own delegate would, with fewer calls.

The oracle is Qt: the same view is grabbed with our delegates and with a plain
QStyledItemDelegate, and the images are compared. They may differ only inside the
cell with the keyboard focus (its frame is drawn from an option without text).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem

from archive_gui.ui.delegates import HighlightDelegate, RecordItemDelegate
from archive_gui.ui.main_window import RecordTableView


def _settle(qtbot, table: RecordTableView) -> None:
    model = table.record_model()
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() > 0)
    qtbot.wait(20)


def _grab(qtbot, table: RecordTableView) -> QImage:
    table.viewport().update()
    qtbot.wait(20)
    return table.viewport().grab().toImage()


def _grab_with_qts_delegate(qtbot, table: RecordTableView) -> QImage:
    """The view painted by Qt's delegate, then ours put back."""
    ours, columns = table.itemDelegate(), range(table.model().columnCount())
    per_column = {c: table.itemDelegateForColumn(c) for c in columns}
    qts = QStyledItemDelegate(table)
    table.setItemDelegate(qts)
    for column in columns:
        table.setItemDelegateForColumn(column, None)
    image = _grab(qtbot, table)
    table.setItemDelegate(ours)
    for column, delegate in per_column.items():
        table.setItemDelegateForColumn(column, delegate)
    return image


def _differing_pixels(ours: QImage, theirs: QImage, outside: QRect | None = None) -> int:
    assert ours.size() == theirs.size()
    differing = 0
    for y in range(ours.height()):
        for x in range(ours.width()):
            if outside is not None and outside.contains(x, y):
                continue
            differing += ours.pixel(x, y) != theirs.pixel(x, y)
    return differing


@pytest.mark.parametrize("name", ["operationsTable", "quotesTable"])
def test_cells_paint_as_qts_delegate_would(qtbot, window, name):
    """Text, elision, the italic approximate counts, the selected row's colours."""
    table = window.findChild(RecordTableView, name)
    window.tabs.setCurrentWidget(table)
    _settle(qtbot, table)
    table.selectRow(1)
    table.setFocus()
    focused = table.visualRect(table.currentIndex())
    ours, theirs = _grab(qtbot, table), _grab_with_qts_delegate(qtbot, table)
    assert _differing_pixels(ours, theirs, outside=focused) == 0
    # and the comparison can fail: the plain view differs from the selected one
    table.clearSelection()
    assert _differing_pixels(_grab(qtbot, table), theirs, outside=focused) > 0


def test_cells_follow_a_change_of_font(qtbot, window):
    """Lines elided in the old font are not reused: the ellipsis moves with the font."""
    table = window.quotes_table
    window.tabs.setCurrentWidget(table)
    _settle(qtbot, table)
    model, delegate = table.record_model(), table.highlighter
    column = _text_column(model)
    width = table.columnWidth(column) - 2 * delegate._margin

    def fitted() -> list[str]:
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        texts = [model.index(row, column).data() for row in range(model.rowCount())]
        return [delegate.fit(option, text, width, None)[0] for text in texts]

    _grab(qtbot, table)  # lines elided and kept in the old font
    before = fitted()
    font = QFont(table.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    table.setFont(font)
    _grab(qtbot, table)
    after = fitted()
    metrics = QFontMetrics(font)
    texts = [model.index(row, column).data() for row in range(model.rowCount())]
    assert after == [metrics.elidedText(t, Qt.TextElideMode.ElideRight, width) for t in texts]
    assert after != before


def _text_column(model) -> int:
    return next(c for c in range(model.columnCount()) if model.column_key(c) == "text")


def test_matches_are_drawn_only_in_cells_that_show_them(qtbot, window):
    """With a search, a quote whose visible part holds no match paints as Qt's would;
    one that shows a match is drawn differently (the match in bold)."""
    table = window.quotes_table
    window.tabs.setCurrentWidget(table)
    # a quote column too narrow to show "deliberate" in "This is only the beginning…"
    column = _text_column(table.record_model())
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(column, 160)
    window.search_box.set_text("deliberate OR families")
    _settle(qtbot, table)
    qtbot.waitUntil(lambda: table.highlighter.query is not None)
    model, delegate = table.record_model(), table.highlighter
    assert isinstance(delegate, HighlightDelegate)
    ours, theirs = _grab(qtbot, table), _grab_with_qts_delegate(qtbot, table)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    shown = {True: 0, False: 0}
    for row in range(model.rowCount()):
        index = model.index(row, column)
        cell = table.visualRect(index)
        text = index.data()
        option_width = cell.width() - 2 * delegate._margin
        fitted, _key = delegate.fit(option, text, option_width, None)
        has_match = bool(delegate._matcher.spans(fitted))
        shown[has_match] += 1
        differing = _differing_pixels(ours.copy(cell), theirs.copy(cell))
        assert (differing > 0) == has_match, (text, fitted)
    assert shown[True] and shown[False]  # both kinds were seen


def test_the_record_delegate_is_used_for_every_column(window):
    for table in (window.operations_table, window.quotes_table):
        assert isinstance(table.itemDelegate(), RecordItemDelegate)
