"""Side panels that filter the record lists: one facet each (city, speaker, state,
outlet, year, agency, tag, review status), with counts under the other filters.

A click on a value includes it (several in one facet: any of them); Alt+click,
or Exclude in the right-click menu, excludes it instead (its records are left out).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.store.archive import FacetValue
from archive_gui.ui.models import (
    ExcludedRole,
    FacetIdRole,
    FacetListModel,
)

EXCLUDED_COLOR = QColor("#c62828")


class FacetSearchProxyModel(QSortFilterProxyModel):
    """Narrows a facet to the values containing the typed text; checked values always show."""

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked:
            return True
        if index.data(ExcludedRole):
            return True
        return super().filterAcceptsRow(source_row, source_parent)


def _shown_value(index):
    """What the facet model holds for ``index`` of the list (itself or a proxy of it)."""
    model = index.model()
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return model.shown_value(index.row())


class FacetItemDelegate(QStyledItemDelegate):
    """Draws a facet value as "label ........ count" and toggles it on a click anywhere.

    A row is read from the model once (``shown_value``): Qt's own ``initStyleOption``
    and the count, mark and exclusion would ask the Python model ten times per row.
    """

    _COUNT_GAP = 8

    def initStyleOption(self, option, index) -> None:
        self._fill(option, index, _shown_value(index))

    @staticmethod
    def _fill(option, index, shown) -> None:
        option.index = index
        option.styleObject = None  # as Qt's: no style animations inside item views
        if shown is None:
            return
        value, checked, _excluded = shown
        option.text = value.label
        option.features |= (
            QStyleOptionViewItem.ViewItemFeature.HasDisplay
            | QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        )
        option.checkState = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked

    def paint(self, painter, option, index) -> None:
        shown = _shown_value(index)
        if shown is None:
            return
        value, _checked, excluded = shown
        opt = QStyleOptionViewItem(option)
        self._fill(opt, index, shown)  # the row read once
        label = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        text_rect.adjust(2, 0, -4, 0)
        count = f"{value.count or 0:,}"
        if value.approximate:
            count = f"≥ {count}"  # counted within a cap: a lower bound
        metrics = opt.fontMetrics
        count_width = metrics.horizontalAdvance(count)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text

        painter.save()
        font = opt.font
        if excluded:  # struck out, in red: its records are left out
            font = QFont(opt.font)
            font.setStrikeOut(True)
            label = f"− {label}"
        painter.setFont(font)
        painter.setPen(EXCLUDED_COLOR if excluded else opt.palette.color(group))
        label_rect = text_rect.adjusted(0, 0, -(count_width + self._COUNT_GAP), 0)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_rect.width())
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(label_rect, align | Qt.AlignmentFlag.AlignLeft, elided)
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setFont(opt.font)
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignRight, count)
        painter.restore()

    def editorEvent(self, event, model, option, index) -> bool:
        toggle = False
        exclude = False
        if event.type() == QEvent.Type.MouseButtonRelease:
            toggle = event.button() == Qt.MouseButton.LeftButton and option.rect.contains(
                event.position().toPoint()
            )
            exclude = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        elif event.type() == QEvent.Type.MouseButtonDblClick:
            return True
        elif event.type() == QEvent.Type.KeyPress:
            toggle = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select, Qt.Key.Key_Minus)
            exclude = event.key() == Qt.Key.Key_Minus or bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
        if not toggle:
            return super().editorEvent(event, model, option, index)
        source = model.sourceModel() if hasattr(model, "sourceModel") else model
        if exclude:
            facet_id = index.data(FacetIdRole)
            source.set_excluded(facet_id, not index.data(ExcludedRole), index.data())
            return True
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        if index.data(ExcludedRole):  # a click on an excluded value includes it instead
            checked = False
        new_state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new_state, Qt.ItemDataRole.CheckStateRole)


class FilterPanel(QWidget):
    """A titled, searchable list of facet values; the checked ones filter the records.

    ``selection_changed`` fires with the checked ids whenever the user checks,
    unchecks or clears values.
    """

    selection_changed = Signal(frozenset)

    def __init__(
        self,
        title: str,
        unit: str,
        placeholder: str | None,
        parent=None,
        facet: str = "",
        rows: int | None = None,
    ):
        super().__init__(parent)
        self.title = title
        self.facet = facet
        self.model = FacetListModel(unit, self)
        self.model.checked_changed.connect(self._emit_selection)

        # The proxy is attached to the model only while something is typed: attached, it
        # re-filters every value in Python on each count update (a GUI stall with
        # thousands of speakers) even when no view shows it.
        self._proxy = FacetSearchProxyModel(self)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.toggle_button = QToolButton()
        self.toggle_button.setObjectName("facetToggle")
        self.toggle_button.setText(title)
        self.toggle_button.setCheckable(True)
        self.toggle_button.setChecked(True)
        self.toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle_button.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle_button.setAutoRaise(True)
        font = self.toggle_button.font()
        font.setBold(True)
        self.toggle_button.setFont(font)
        self.toggle_button.toggled.connect(self.set_expanded)
        self.clear_link = QLabel('<a href="clear">Clear</a>')
        self.clear_link.setToolTip(f"Include and exclude no {title.lower()}")
        self.clear_link.linkActivated.connect(self.clear)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle_button)
        header.addStretch()
        header.addWidget(self.clear_link)

        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder or "")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.setVisible(placeholder is not None)

        self.list_view = QListView()
        # The list shows the model itself until something is typed: a proxy filtering
        # thousands of speakers in Python on every count update costs a GUI stall.
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(FacetItemDelegate(self.list_view))
        self.list_view.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.list_view.setUniformItemSizes(True)
        # Laid out in batches, one per turn of the event loop: each row's layout asks the
        # model (in Python) for its row count, and 5,000 speakers in one go cost 14 ms.
        self.list_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.list_view.setBatchSize(1000)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list_view.setToolTip("Click to include; Alt+click or right-click to exclude")
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._context_menu)
        if rows is not None:  # a short facet: as tall as its values, up to ``rows``
            self.list_view.setMaximumHeight(rows * (self.fontMetrics().height() + 6) + 6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.search)
        layout.addWidget(self.list_view)
        self.update_clear_link()

    def checked_ids(self) -> frozenset[int]:
        return self.model.checked_ids()

    def excluded_ids(self) -> frozenset:
        return self.model.excluded_ids()

    def set_expanded(self, expanded: bool) -> None:
        """Fold the panel to its title (or unfold it)."""
        self.toggle_button.blockSignals(True)
        self.toggle_button.setChecked(expanded)
        self.toggle_button.blockSignals(False)
        arrow = Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        self.toggle_button.setArrowType(arrow)
        self.list_view.setVisible(expanded)
        self.search.setVisible(expanded and bool(self.search.placeholderText()))

    def is_expanded(self) -> bool:
        return self.list_view.isVisibleTo(self)

    def include(self, facet_id, included: bool = True) -> None:
        self.model.set_checked(facet_id, included)

    def exclude(self, facet_id, excluded: bool = True) -> None:
        self.model.set_excluded(facet_id, excluded)

    def remove(self, facet_id) -> None:
        """Neither include nor exclude a value (a removed filter chip)."""
        if self.model.remove(facet_id):
            self._emit_selection()

    def context_menu(self, index) -> QMenu:
        """The menu of a value: include it, exclude it, or neither."""
        menu = QMenu(self)
        facet_id, label = index.data(FacetIdRole), index.data()
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        excluded = bool(index.data(ExcludedRole))
        include = menu.addAction(f"Include {label}")
        include.setObjectName("includeAction")
        include.setEnabled(not checked)
        include.triggered.connect(lambda: self.include(facet_id))
        exclude = menu.addAction(f"Exclude {label}")
        exclude.setObjectName("excludeAction")
        exclude.setEnabled(not excluded)
        exclude.triggered.connect(lambda: self.exclude(facet_id))
        neither = menu.addAction("Remove this filter")
        neither.setObjectName("removeFilterAction")
        neither.setEnabled(checked or excluded)
        neither.triggered.connect(lambda: self.remove(facet_id))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list_view.indexAt(pos)
        if index.isValid():
            self.context_menu(index).exec(self.list_view.viewport().mapToGlobal(pos))

    def _search(self, text: str) -> None:
        if text and self._proxy.sourceModel() is not self.model:
            self._proxy.setSourceModel(self.model)
        self._proxy.setFilterFixedString(text)
        wanted = self._proxy if text else self.model
        if self.list_view.model() is not wanted:
            self.list_view.setModel(wanted)
        if not text and self._proxy.sourceModel() is not None:
            self._proxy.setSourceModel(None)

    def set_values(self, values: list[FacetValue]) -> None:
        self.model.set_values(values)

    def clear(self) -> None:
        """Uncheck every value (one ``selection_changed``, not one per value)."""
        if self.model.clear_checks():
            self._emit_selection()

    def clear_silently(self) -> None:
        """Uncheck every value without signalling: the caller re-filters once for all panels."""
        self.model.clear_checks()
        self.update_clear_link()

    def _emit_selection(self) -> None:
        self.update_clear_link()
        self.selection_changed.emit(self.model.checked_ids())

    def update_clear_link(self) -> None:
        """Show "Clear" while any value is included or excluded; call after changing
        ``model`` directly."""
        active = bool(self.model.checked_ids() or self.model.excluded_ids())
        self.clear_link.setVisible(active)
