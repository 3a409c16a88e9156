"""The line above the record lists that says what is filtered, one chip per filter.

Each chip ("City: Atlanta, GA ×", "not Outlet: Daily News ×", "Search: raids ×")
removes its filter with one click; "Clear all" removes every one. The line stays when
nothing is filtered (it says so): were it to come and go, the lists below would move
and be redrawn whole with every first and last filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QWidget

FACET_TITLES = {
    "search": "Search",
    "cities": "City",
    "speakers": "Speaker",
    "states": "State",
    "outlets": "Outlet",
    "years": "Year",
    "agencies": "Agency",
    "tags": "Tag",
    "review_statuses": "Review",
    "places": "Place",
    "period": "Period",
}

_CHIP_STYLE = (
    "QToolButton { border: 1px solid #90a4ae; border-radius: 9px; padding: 1px 8px;"
    " background: #eceff1; color: #263238; }"
    "QToolButton:hover { background: #cfd8dc; }"
)
_EXCLUDED_STYLE = (
    "QToolButton { border: 1px solid #e57373; border-radius: 9px; padding: 1px 8px;"
    " background: #ffebee; color: #b71c1c; }"
    "QToolButton:hover { background: #ffcdd2; }"
)


@dataclass(frozen=True)
class Chip:
    """One active filter: ``facet`` (a RecordFilter field, "search" or "period"), the
    ``value`` selected, what it reads as, and whether it excludes."""

    facet: str
    value: Any
    label: str
    excluded: bool = False

    @property
    def text(self) -> str:
        title = FACET_TITLES.get(self.facet, self.facet)
        return f"{'not ' if self.excluded else ''}{title}: {self.label}  ×"


class FilterSummaryBar(QWidget):
    """``remove_requested(Chip)`` when a chip is clicked; ``clear_requested`` for all."""

    remove_requested = Signal(object)
    clear_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("filterSummary")
        self._chips: list[Chip] = []
        self._buttons: list[QToolButton] = []
        self.title = QLabel("Filtered by:")
        self.chip_area = QWidget()
        self.chip_layout = QHBoxLayout(self.chip_area)
        self.chip_layout.setContentsMargins(0, 0, 0, 0)
        self.chip_layout.setSpacing(4)
        self.chip_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(self.chip_area)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setFixedHeight(self.fontMetrics().height() + 14)
        self.clear_link = QLabel('<a href="clear">Clear all</a>')
        self.clear_link.setObjectName("clearAllFilters")
        self.clear_link.linkActivated.connect(lambda _link: self.clear_requested.emit())
        self.clear_link.hide()
        self.empty_note = QLabel("none (every record is listed)")
        self.empty_note.setObjectName("noFilters")
        self.empty_note.setEnabled(False)  # greyed: a state, not something to act on
        self.chip_layout.insertWidget(0, self.empty_note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.clear_link)

    def chips(self) -> list[Chip]:
        return list(self._chips)

    def buttons(self) -> list[QToolButton]:
        return list(self._buttons)

    def set_chips(self, chips: list[Chip]) -> None:
        if chips == self._chips:
            return
        for button in self._buttons:
            self.chip_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self._buttons = []
        self._chips = list(chips)
        for chip in chips:
            button = QToolButton()
            button.setObjectName("filterChip")
            button.setText(chip.text)
            button.setToolTip("Remove this filter")
            button.setStyleSheet(_EXCLUDED_STYLE if chip.excluded else _CHIP_STYLE)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, c=chip: self.remove_requested.emit(c))
            self.chip_layout.insertWidget(self.chip_layout.count() - 1, button)
            self._buttons.append(button)
        self.empty_note.setVisible(not chips)
        self.clear_link.setVisible(bool(chips))
