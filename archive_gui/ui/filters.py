"""Side panels that filter the record lists by city or by speaker."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.archive import FacetValue
from archive_gui.ui.models import ApproximateRole, CountRole, FacetListModel


class FacetSearchProxyModel(QSortFilterProxyModel):
    """Narrows a facet to the values containing the typed text; checked values always show."""

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked:
            return True
        return super().filterAcceptsRow(source_row, source_parent)


class FacetItemDelegate(QStyledItemDelegate):
    """Draws a facet value as "label ........ count" and toggles it on a click anywhere."""

    _COUNT_GAP = 8

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        text_rect.adjust(2, 0, -4, 0)
        count = f"{index.data(CountRole) or 0:,}"
        if index.data(ApproximateRole):
            count = f"≥ {count}"  # counted within a cap: a lower bound
        metrics = opt.fontMetrics
        count_width = metrics.horizontalAdvance(count)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text

        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group))
        label_rect = text_rect.adjusted(0, 0, -(count_width + self._COUNT_GAP), 0)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_rect.width())
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(label_rect, align | Qt.AlignmentFlag.AlignLeft, elided)
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignRight, count)
        painter.restore()

    def editorEvent(self, event, model, option, index) -> bool:
        toggle = False
        if event.type() == QEvent.Type.MouseButtonRelease:
            toggle = event.button() == Qt.MouseButton.LeftButton and option.rect.contains(
                event.position().toPoint()
            )
        elif event.type() == QEvent.Type.MouseButtonDblClick:
            return True
        elif event.type() == QEvent.Type.KeyPress:
            toggle = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        if not toggle:
            return super().editorEvent(event, model, option, index)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new_state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new_state, Qt.ItemDataRole.CheckStateRole)


class FilterPanel(QWidget):
    """A titled, searchable list of facet values; the checked ones filter the records.

    ``selection_changed`` fires with the checked ids whenever the user checks,
    unchecks or clears values.
    """

    selection_changed = Signal(frozenset)

    def __init__(self, title: str, unit: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.model = FacetListModel(unit, self)
        self.model.checked_changed.connect(self._emit_selection)

        self._proxy = FacetSearchProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        title_label = QLabel(title)
        font = title_label.font()
        font.setBold(True)
        title_label.setFont(font)
        self.clear_link = QLabel('<a href="clear">Clear</a>')
        self.clear_link.setToolTip(f"Uncheck every {title.lower()}")
        self.clear_link.linkActivated.connect(self.clear)
        header = QHBoxLayout()
        header.addWidget(title_label)
        header.addStretch()
        header.addWidget(self.clear_link)

        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)

        self.list_view = QListView()
        # The list shows the model itself until something is typed: a proxy filtering
        # thousands of speakers in Python on every count update costs a GUI stall.
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(FacetItemDelegate(self.list_view))
        self.list_view.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.search)
        layout.addWidget(self.list_view)
        self._update_clear_link()

    def checked_ids(self) -> frozenset[int]:
        return self.model.checked_ids()

    def _search(self, text: str) -> None:
        self._proxy.setFilterFixedString(text)
        wanted = self._proxy if text else self.model
        if self.list_view.model() is not wanted:
            self.list_view.setModel(wanted)

    def set_values(self, values: list[FacetValue]) -> None:
        self.model.set_values(values)

    def clear(self) -> None:
        """Uncheck every value (one ``selection_changed``, not one per value)."""
        if self.model.clear_checks():
            self._emit_selection()

    def clear_silently(self) -> None:
        """Uncheck every value without signalling: the caller re-filters once for all panels."""
        self.model.clear_checks()
        self._update_clear_link()

    def _emit_selection(self) -> None:
        self._update_clear_link()
        self.selection_changed.emit(self.model.checked_ids())

    def _update_clear_link(self) -> None:
        self.clear_link.setVisible(bool(self.model.checked_ids()))
