"""File > Export from the window: the dialog gets the current tab, filters and selection."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from tests.ui.conftest import fill_archive  # noqa: E402


def test_export_action_exports_the_selected_quotes(qtbot, tmp_path):
    from PySide6.QtCore import QItemSelectionModel

    from archive_gui.core.store import Archive
    from archive_gui.ui.main_window import MainWindow
    from archive_gui.ui.models import RecordRole, wait_for_background

    archive = Archive.open(tmp_path / "archive.db")
    fill_archive(archive)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    models = (window.operations_model, window.quotes_model)
    qtbot.waitUntil(lambda: not any(m.is_loading for m in models))

    window.tabs.setCurrentWidget(window.quotes_table)
    table = window.quotes_table
    chosen = []
    for row in (0, 2):
        index = table.model().index(row, 0)
        table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
        chosen.append(index.data(RecordRole)["id"])

    dialog = window.show_export_dialog()
    qtbot.addWidget(dialog)
    assert dialog.selected_button.isEnabled()
    dialog.selected_button.setChecked(True)
    dialog.set_format("json")
    dialog.path_edit.setText(str(tmp_path / "chosen.json"))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.start_export()
    exported = json.loads((tmp_path / "chosen.json").read_text(encoding="utf-8"))
    assert sorted(q["id"] for q in exported) == sorted(chosen)
    dialog.wait()
    wait_for_background()
    window.close()
