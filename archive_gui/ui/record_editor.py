"""Correcting a record in place: the fields extraction gave, the review status, a note.

:class:`RecordEditorPanel` shows one quote or operation. Each field is written
to the archive as soon as it is edited (Enter, leaving the field, or picking a
value), as one step on the undo stack; the value extraction gave is kept by the
archive, and a corrected field is marked with it. For a quote: speaker (choose
one, or type a new name to create it), role, affiliation, and the quote's
boundaries (start/end, showing the resulting text). For an operation: count,
qualifier, place (chosen from the archive's places), period and agency.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archive_gui.core.records import QUALIFIERS
from archive_gui.core.search import REVIEW_STATUSES
from archive_gui.core.store.curation import (
    Change,
    CompositeChange,
    CorrectionChange,
    CurationError,
    QuoteTagsChange,
    SavedSearchChange,
    SpeakerAuthorityChange,
    SpeakerRowChange,
    TagRowsChange,
    TagsRenamed,
    ValuesChange,
)
from archive_gui.core.store.schema import RecordKind
from archive_gui.ui.undo import CurationUndoStack

UNATTRIBUTED = ""
PREVIEW_CHARS = 400
CORRECTED_MARK = " ✎"
MAX_PLACE_CHOICES = 60

REVIEW_LABELS = {
    "unreviewed": "Unreviewed",
    "verified": "Verified",
    "disputed": "Disputed",
    "rejected": "Rejected",
}


def _qualifier_label(qualifier: str) -> str:
    return qualifier.replace("_", " ")


def _touches(change: Change, kind: RecordKind | None, record_id: int | None) -> bool:
    """Whether ``change`` may alter what the editor shows of the record (when unsure: yes)."""
    if kind is None or record_id is None:
        return False
    if isinstance(change, CompositeChange):
        return any(_touches(part, kind, record_id) for part in change.parts)
    if isinstance(change, CorrectionChange):
        return change.kind is kind and change.record_id == record_id
    if isinstance(change, ValuesChange):
        if change.table == kind.value:
            return any(row_id == record_id for row_id, _, _ in change.rows)
        return change.table == "speakers" and kind is RecordKind.QUOTES  # a speaker's name
    if isinstance(change, SpeakerAuthorityChange | SpeakerRowChange):
        return kind is RecordKind.QUOTES
    # Tags and saved searches are not shown in the editor.
    return not isinstance(change, QuoteTagsChange | TagRowsChange | TagsRenamed | SavedSearchChange)


class _FocusOut(QObject):
    """Calls ``callback`` when the watched widget loses the keyboard focus."""

    def __init__(self, widget: QWidget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class RecordEditorPanel(QWidget):
    """Edits one record; ``edited(change)`` after each change it wrote."""

    edited = Signal(object)

    def __init__(self, stack: CurationUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.stack = stack
        self.kind: RecordKind | None = None
        self.record_id: int | None = None
        self._values: dict[str, Any] = {}
        self._article_text = ""
        self._speakers: dict[str, int] | None = None  # lower-case name -> id (cached)
        self._speaker_names: dict[int, str] = {}
        self._places: dict[str, int] = {}
        self._loading = False

        self.heading = QLabel("No record selected")
        self.heading.setObjectName("editorHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        # -- quote fields --
        self.speaker_edit = QLineEdit()
        self.speaker_edit.setObjectName("speakerEdit")
        self.speaker_edit.setPlaceholderText("Unattributed — type a name to choose or create")
        self._speaker_model = QStringListModel(self)
        completer = QCompleter(self._speaker_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speaker_edit.setCompleter(completer)
        self.speaker_edit.editingFinished.connect(self.commit_speaker)
        completer.activated.connect(lambda _text: QTimer.singleShot(0, self.commit_speaker))
        self.speaker_edit.textEdited.connect(self._speaker_hint)
        self.speaker_kind = QComboBox()
        self.speaker_kind.setObjectName("speakerKind")
        self.speaker_kind.addItem("person", "person")
        self.speaker_kind.addItem("organization", "organization")
        self.speaker_kind.setToolTip("The kind of a new speaker")
        self.speaker_kind.hide()
        speaker_row = QHBoxLayout()
        speaker_row.setContentsMargins(0, 0, 0, 0)
        speaker_row.addWidget(self.speaker_edit, 1)
        speaker_row.addWidget(self.speaker_kind)

        self.role_edit = QLineEdit()
        self.role_edit.setObjectName("roleEdit")
        self.role_edit.setPlaceholderText("the speaker's role when quoted")
        self.role_edit.editingFinished.connect(
            lambda: self._commit_text("speaker_role", self.role_edit)
        )
        self.affiliation_edit = QLineEdit()
        self.affiliation_edit.setObjectName("affiliationEdit")
        self.affiliation_edit.editingFinished.connect(
            lambda: self._commit_text("speaker_affiliation", self.affiliation_edit)
        )
        self.start_spin = QSpinBox()
        self.start_spin.setObjectName("startSpin")
        self.end_spin = QSpinBox()
        self.end_spin.setObjectName("endSpin")
        for spin in (self.start_spin, self.end_spin):
            spin.setKeyboardTracking(False)
            spin.setAccelerated(True)
            spin.valueChanged.connect(self._update_boundary_preview)
            spin.editingFinished.connect(self.commit_boundaries)
        bounds_row = QHBoxLayout()
        bounds_row.setContentsMargins(0, 0, 0, 0)
        bounds_row.addWidget(QLabel("from"))
        bounds_row.addWidget(self.start_spin)
        bounds_row.addWidget(QLabel("to"))
        bounds_row.addWidget(self.end_spin)
        self.apply_bounds = QPushButton("Apply")
        self.apply_bounds.setObjectName("applyBoundaries")
        self.apply_bounds.clicked.connect(self.commit_boundaries)
        bounds_row.addWidget(self.apply_bounds)
        bounds_row.addStretch()
        self.boundary_preview = QLabel()
        self.boundary_preview.setObjectName("boundaryPreview")
        self.boundary_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.boundary_preview.setWordWrap(True)
        self.boundary_preview.setStyleSheet("background: #fff8e1; color: #212121; padding: 4px;")

        # -- operation fields --
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setRange(0, 10_000_000)
        self.count_spin.setGroupSeparatorShown(True)
        self.count_spin.setKeyboardTracking(False)
        self.count_spin.editingFinished.connect(self.commit_count)
        self.qualifier_combo = QComboBox()
        self.qualifier_combo.setObjectName("qualifierCombo")
        for qualifier in QUALIFIERS:
            self.qualifier_combo.addItem(_qualifier_label(qualifier), qualifier)
        self.qualifier_combo.activated.connect(
            lambda _i: self._commit({"qualifier": self.qualifier_combo.currentData()})
        )
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("placeEdit")
        self.place_edit.setPlaceholderText("type to find a place")
        self._place_model = QStringListModel(self)
        place_completer = QCompleter(self._place_model, self)
        place_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        place_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place_edit.setCompleter(place_completer)
        self.place_edit.textEdited.connect(self._find_places)
        self.place_edit.editingFinished.connect(self.commit_place)
        place_completer.activated.connect(lambda _t: QTimer.singleShot(0, self.commit_place))
        self.period_edit = QLineEdit()
        self.period_edit.setObjectName("periodEdit")
        self.period_edit.setPlaceholderText("as the article says it, e.g. last week")
        self.period_edit.editingFinished.connect(
            lambda: self._commit_text("period_text", self.period_edit)
        )
        self.period_start_edit = QLineEdit()
        self.period_start_edit.setObjectName("periodStartEdit")
        self.period_end_edit = QLineEdit()
        self.period_end_edit.setObjectName("periodEndEdit")
        for edit, key in (
            (self.period_start_edit, "period_start"),
            (self.period_end_edit, "period_end"),
        ):
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setInputMask("")
            edit.editingFinished.connect(lambda e=edit, k=key: self._commit_text(k, e))
        dates_row = QHBoxLayout()
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.period_start_edit)
        dates_row.addWidget(QLabel("–"))
        dates_row.addWidget(self.period_end_edit)
        self.agency_edit = QLineEdit()
        self.agency_edit.setObjectName("agencyEdit")
        self.agency_edit.editingFinished.connect(
            lambda: self._commit_text("agency", self.agency_edit)
        )

        # -- both --
        self.review_combo = QComboBox()
        self.review_combo.setObjectName("reviewCombo")
        for status in REVIEW_STATUSES:
            self.review_combo.addItem(REVIEW_LABELS[status], status)
        self.review_combo.activated.connect(lambda _i: self.commit_review())
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText("A note on this record (saved when you leave the field)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        _FocusOut(self.note_edit, self.commit_note)
        save_note = QShortcut(QKeySequence("Ctrl+Return"), self.note_edit)
        save_note.setContext(Qt.ShortcutContext.WidgetShortcut)
        save_note.activated.connect(self.commit_note)

        self.message = QLabel()
        self.message.setObjectName("editorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        self._rows: dict[str, list[QWidget]] = {}
        self._add_row("speaker_id", "Speaker", speaker_row)
        self._add_row("speaker_role", "Role", self.role_edit)
        self._add_row("speaker_affiliation", "Affiliation", self.affiliation_edit)
        self._add_row("bounds", "Quote", bounds_row)
        self._add_row("bounds_preview", "", self.boundary_preview)
        self._add_row("count", "Arrests", self.count_spin)
        self._add_row("qualifier", "Qualifier", self.qualifier_combo)
        self._add_row("place_id", "Place", self.place_edit)
        self._add_row("period_text", "Period", self.period_edit)
        self._add_row("period_dates", "Dates", dates_row)
        self._add_row("agency", "Agency", self.agency_edit)
        self._add_row("review_status", "Review", self.review_combo)
        self._add_row("note", "Note", self.note_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch()

        self._stale = False  # the shown record changed while hidden: reload when shown
        self.stack.changed.connect(self._archive_changed)
        self.clear()

    def _add_row(self, key: str, title: str, field) -> None:
        label = QLabel(title)
        self._labels[key] = label
        self.form.addRow(label, field)

    def _show_rows(self, keys: set[str]) -> None:
        for key, label in self._labels.items():
            self.form.setRowVisible(label, key in keys)

    # -- loading -------------------------------------------------------------------

    def clear(self) -> None:
        self.kind, self.record_id, self._values = None, None, {}
        self._stale = False
        self.heading.setText("No record selected")
        self._show_rows(set())
        self.message.clear()

    def set_record(self, kind: RecordKind | str, record_id: int) -> None:
        """Show a record for editing (commits nothing pending of the previous one)."""
        self.kind, self.record_id = RecordKind(kind), int(record_id)
        self.message.clear()
        self._load()

    def _load(self) -> None:
        if self.kind is None or self.record_id is None:
            return
        self._stale = False
        curation = self.stack.curation
        try:
            values = curation.record_fields(self.kind, self.record_id)
        except CurationError:
            self.clear()
            return
        values["note"] = curation.note(self.record_id, self.kind) or ""
        values["review_status"] = curation.review_statuses(self.kind, [self.record_id]).get(
            self.record_id, "unreviewed"
        )
        corrections = curation.corrections(self.kind, self.record_id)
        self._values = values
        self._loading = True
        try:
            if self.kind is RecordKind.QUOTES:
                self._load_quote(values)
            else:
                self._load_operation(values)
            index = self.review_combo.findData(values["review_status"])
            self.review_combo.setCurrentIndex(max(0, index))
            if self.note_edit.toPlainText() != values["note"]:
                self.note_edit.setPlainText(values["note"])
        finally:
            self._loading = False
        self._mark_corrections(corrections)

    def _load_quote(self, values: dict) -> None:
        self.heading.setText(f"Quote {self.record_id}")
        self._show_rows(
            {
                "speaker_id",
                "speaker_role",
                "speaker_affiliation",
                "bounds",
                "bounds_preview",
                "review_status",
                "note",
            }
        )
        self._article_text = self.stack.curation.archive.article(values["article_id"]).text
        self._ensure_speakers()
        speaker_id = values["speaker_id"]
        name = ""
        if speaker_id is not None:
            name = (
                self._speaker_names.get(speaker_id) or self.stack.curation.speaker(speaker_id).name
            )
        self.speaker_edit.setText(name)
        self.speaker_kind.hide()
        self.role_edit.setText(values["speaker_role"] or "")
        self.affiliation_edit.setText(values["speaker_affiliation"] or "")
        length = len(self._article_text)
        for spin in (self.start_spin, self.end_spin):
            spin.blockSignals(True)
            spin.setRange(0, length)
        self.start_spin.setValue(values["start"])
        self.end_spin.setValue(values["end"])
        for spin in (self.start_spin, self.end_spin):
            spin.blockSignals(False)
        self._update_boundary_preview()

    def _load_operation(self, values: dict) -> None:
        self.heading.setText(f"Operation {self.record_id}")
        self._show_rows(
            {
                "count",
                "qualifier",
                "place_id",
                "period_text",
                "period_dates",
                "agency",
                "review_status",
                "note",
            }
        )
        self.count_spin.setValue(values["count"] or 0)
        self.qualifier_combo.setCurrentIndex(
            max(0, self.qualifier_combo.findData(values["qualifier"]))
        )
        label = ""
        if values["place_id"] is not None:
            label = self._place_label(values["place_id"])
        self.place_edit.setText(label)
        self.period_edit.setText(values["period_text"] or "")
        self.period_start_edit.setText(values["period_start"] or "")
        self.period_end_edit.setText(values["period_end"] or "")
        self.agency_edit.setText(values["agency"] or "")

    def _mark_corrections(self, corrections: dict) -> None:
        titles = {
            "speaker_id": "Speaker",
            "speaker_role": "Role",
            "speaker_affiliation": "Affiliation",
            "count": "Arrests",
            "qualifier": "Qualifier",
            "place_id": "Place",
            "period_text": "Period",
            "agency": "Agency",
        }
        fixed = set(corrections)
        for key, title in titles.items():
            label = self._labels[key]
            if key in fixed:
                label.setText(title + CORRECTED_MARK)
                label.setToolTip(
                    f"Corrected by hand; extraction gave: {self._shown(key, corrections[key])}"
                )
            else:
                label.setText(title)
                label.setToolTip("")
        bounds = {"start", "end"} & fixed
        dates = {"period_start", "period_end"} & fixed
        for key, title, group in (("bounds", "Quote", bounds), ("period_dates", "Dates", dates)):
            label = self._labels[key]
            label.setText(title + (CORRECTED_MARK if group else ""))
            label.setToolTip(
                "Corrected by hand; extraction gave: "
                + ", ".join(f"{k} {corrections[k].extracted!r}" for k in sorted(group))
                if group
                else ""
            )

    def _shown(self, key: str, correction) -> str:
        """The value extraction gave, as a person reads it."""
        value = correction.extracted
        if value is None:
            return "nothing"
        if key == "speaker_id":
            try:
                return self.stack.curation.speaker(value).name
            except CurationError:
                return f"speaker {value}"
        if key == "place_id":
            return self._place_label(value) or f"place {value}"
        if key == "qualifier":
            return _qualifier_label(value)
        return str(value)

    def _archive_changed(self, change) -> None:
        if isinstance(change, SpeakerRowChange | SpeakerAuthorityChange | CompositeChange):
            self._speakers = None
        if self.record_id is None:
            return
        if not self.isVisible():  # read the record again when shown, if it changed
            if not self._stale and _touches(change, self.kind, self.record_id):
                self._stale = True
            return
        if isinstance(change, CorrectionChange) and (
            change.kind is not self.kind or change.record_id != self.record_id
        ):
            return
        self._load()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._load()
        super().showEvent(event)

    # -- speakers and places ----------------------------------------------------------

    def _ensure_speakers(self) -> None:
        if self._speakers is not None:
            return
        speakers = self.stack.curation.speakers(include_merged=True)
        self._speaker_names = {s.id: s.name for s in speakers}
        by_name: dict[str, int] = {}
        for s in sorted(speakers, key=lambda s: s.merged_into is not None):
            by_name.setdefault(s.name.casefold(), s.id)  # a speaker shown on its own first
        self._speakers = by_name
        self._speaker_model.setStringList(
            sorted({s.name for s in speakers if s.merged_into is None}, key=str.casefold)
        )

    def _speaker_hint(self, text: str) -> None:
        self._ensure_speakers()
        new = bool(text.strip()) and text.strip().casefold() not in self._speakers
        self.speaker_kind.setVisible(new)
        self.message.setText(f"A new speaker {text.strip()} will be created." if new else "")
        self.message.setStyleSheet("color: #1565c0;" if new else "color: #b71c1c;")

    def _place_label(self, place_id: int) -> str:
        for pid, label, _kind in self.stack.curation.places():
            if pid == place_id:
                return label
        return ""

    def _find_places(self, text: str) -> None:
        places = self.stack.curation.places(search=text.strip() or None)[:MAX_PLACE_CHOICES]
        self._places = {label.casefold(): pid for pid, label, _kind in places}
        self._place_model.setStringList([label for _pid, label, _kind in places])

    # -- committing ----------------------------------------------------------------------

    def _commit(self, fields: dict[str, Any]) -> bool:
        """Correct ``fields`` of the record through the undo stack (nothing if unchanged)."""
        if self._loading or self.record_id is None or self.kind is None:
            return False
        fields = {k: v for k, v in fields.items() if self._values.get(k) != v}
        if not fields:
            return False
        record_id = self.record_id
        if self.kind is RecordKind.QUOTES:

            def correct(c):
                return c.correct_quote(record_id, **fields)

        else:

            def correct(c):
                return c.correct_operation(record_id, **fields)

        self.message.setStyleSheet("color: #b71c1c;")
        try:
            change = self.stack.perform(correct)
        except CurationError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        self._load()
        self.edited.emit(change)
        return True

    def _commit_text(self, key: str, edit: QLineEdit) -> bool:
        text = edit.text().strip()
        return self._commit({key: text or None})

    def commit_speaker(self) -> bool:
        if self._loading or self.kind is not RecordKind.QUOTES:
            return False
        self._ensure_speakers()
        name = self.speaker_edit.text().strip()
        if not name:
            return self._commit({"speaker_id": None})
        speaker_id = self._speakers.get(name.casefold())
        if speaker_id is not None:
            return self._commit({"speaker_id": speaker_id})
        kind = self.speaker_kind.currentData()
        created: dict[str, int] = {}

        def create(c):
            change = c.create_speaker(name, kind)
            created["id"] = change.speaker.id
            return change

        record_id = self.record_id

        def correct(c):
            return c.correct_quote(record_id, speaker_id=created["id"])

        self.message.setStyleSheet("color: #b71c1c;")
        try:
            change = self.stack.perform_all(
                [create, correct], f"Attribute quote {record_id} to new speaker {name}"
            )
        except CurationError as exc:
            self.message.setText(str(exc))
            return False
        self._speakers = None
        self.message.clear()
        self.speaker_kind.hide()
        self._load()
        self.edited.emit(change)
        return True

    def commit_boundaries(self) -> bool:
        return self._commit({"start": self.start_spin.value(), "end": self.end_spin.value()})

    def commit_count(self) -> bool:
        return self._commit({"count": self.count_spin.value()})

    def commit_place(self) -> bool:
        if self._loading or self.kind is not RecordKind.OPERATIONS:
            return False
        text = self.place_edit.text().strip()
        if not text:
            return self._commit({"place_id": None})
        if not self._places:
            self._find_places(text)
        place_id = self._places.get(text.casefold())
        if place_id is None:
            matches = self.stack.curation.places(search=text)
            exact = [pid for pid, label, _ in matches if label.casefold() == text.casefold()]
            place_id = exact[0] if exact else (matches[0][0] if len(matches) == 1 else None)
        if place_id is None:
            self.message.setStyleSheet("color: #b71c1c;")
            self.message.setText(f"No place {text!r} in the archive: choose one from the list.")
            return False
        return self._commit({"place_id": place_id})

    def commit_review(self) -> bool:
        if self._loading or self.record_id is None:
            return False
        status = self.review_combo.currentData()
        if status == self._values.get("review_status"):
            return False
        record_id, kind = self.record_id, self.kind
        change = self.stack.perform(lambda c: c.set_review_status(kind, [record_id], status))
        self._load()
        self.edited.emit(change)
        return True

    def commit_note(self) -> bool:
        if self._loading or self.record_id is None:
            return False
        note = self.note_edit.toPlainText()
        if note.strip() == (self._values.get("note") or "").strip():
            return False
        record_id, kind = self.record_id, self.kind
        change = self.stack.perform(lambda c: c.set_note(record_id, note, kind))
        self._values["note"] = note
        self.edited.emit(change)
        return True

    def _update_boundary_preview(self, *_args) -> None:
        start, end = self.start_spin.value(), self.end_spin.value()
        if not 0 <= start < end <= len(self._article_text):
            self.boundary_preview.setText("(the end must come after the start)")
            return
        text = " ".join(self._article_text[start:end].split())
        if len(text) > PREVIEW_CHARS:
            text = text[: PREVIEW_CHARS // 2] + " … " + text[-PREVIEW_CHARS // 2 :]
        self.boundary_preview.setText(f"“{text}”")
