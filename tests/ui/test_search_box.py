"""The search box: typing filters after a pause; a malformed query says what is wrong."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from archive_gui.core.search import Field, SearchSyntaxError, Text
from archive_gui.ui.search_box import DEBOUNCE_MS, SearchBox, error_html


@pytest.fixture
def box(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


def test_typing_emits_one_parsed_query_after_the_pause(qtbot, box):
    queries = []
    box.query_changed.connect(queries.append)
    qtbot.keyClicks(box.edit, "speaker:Cox deliberate")
    assert queries == []  # nothing while typing
    assert box.is_pending()
    qtbot.waitUntil(lambda: len(queries) == 1, timeout=DEBOUNCE_MS * 8)
    query = queries[0]
    assert query.source == "speaker:Cox deliberate"
    assert [f.value for f in query.fields()] == ["Cox"]
    assert isinstance(query.fields()[0], Field)
    assert [t.value for t in query.text_terms()] == ["deliberate"]
    qtbot.wait(DEBOUNCE_MS * 2)
    assert len(queries) == 1  # one query for the whole typing


def test_enter_applies_at_once(qtbot, box):
    with qtbot.waitSignal(box.query_changed, timeout=100) as signal:
        qtbot.keyClicks(box.edit, "arrest*")
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    root = signal.args[0].root
    assert isinstance(root, Text) and root.prefix and root.value == "arrest"


def test_a_malformed_query_shows_the_error_with_its_place_and_keeps_the_last_query(qtbot, box):
    box.set_text("families")
    good = box.query()
    errors = []
    box.error_changed.connect(errors.append)
    queries = []
    box.query_changed.connect(queries.append)
    qtbot.keyClicks(box.edit, ' "unclosed')
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert queries == []
    assert box.query() is good
    assert isinstance(box.error(), SearchSyntaxError)
    assert errors == ["this quotation mark is never closed"]
    assert box.error_label.isVisible()
    shown = box.error_label.text()
    assert "never closed" in shown
    assert "background-color:#ffcdd2" in shown  # the faulty part is marked
    # fixing it hides the message and filters again
    qtbot.keyClicks(box.edit, '"')
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert not box.error_label.isVisible()
    assert errors[-1] == ""
    assert queries and queries[-1].source == 'families "unclosed"'


def test_unknown_field_is_explained(qtbot, box):
    box.set_text("colour:red")
    assert "unknown field colour:" in box.error_label.text()


def test_error_html_escapes_what_was_typed():
    error = SearchSyntaxError("this ( is never closed", 9)
    shown = error_html("<b>x</b> (", error)
    assert "<b>x</b>" not in shown
    assert "&lt;b&gt;x&lt;/b&gt;" in shown and ">(</span>" in shown


def test_escape_and_clearing_emit_no_filter(qtbot, box):
    box.set_text("Atlanta")
    with qtbot.waitSignal(box.query_changed, timeout=100) as signal:
        box.edit.setFocus()
        qtbot.keyClick(box.edit, Qt.Key.Key_Escape)
    assert signal.args == [None]
    assert box.text() == ""
