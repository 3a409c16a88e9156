"""The Export dialog: choices, a background export with progress, cancel, selection vs filters."""

from __future__ import annotations

import csv
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import pytest  # noqa: E402

from tests.ui.conftest import fill_archive  # noqa: E402


@pytest.fixture
def archive_path(tmp_path):
    from archive_gui.core.store import Archive

    path = tmp_path / "archive.db"
    with Archive.open(path) as archive:
        fill_archive(archive)
    return path


@pytest.fixture
def make_dialog(qtbot, archive_path, tmp_path):
    from archive_gui.ui.export_dialog import ExportDialog

    dialogs = []

    def make(kind="quotes", **kwargs):
        dialog = ExportDialog(archive_path, kind, directory=tmp_path, **kwargs)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.wait()


def run_export(qtbot, dialog):
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.export_button, _left())
    return blocker.args


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_exports_all_matching_records_in_the_background(qtbot, make_dialog, archive_path, tmp_path):
    from archive_gui.core.store import Archive, RecordFilter, RecordKind

    with Archive.open(archive_path) as archive:
        atlanta = next(v.id for v in archive.city_facet() if v.label == "Atlanta, GA")
        expected = archive.count(RecordKind.OPERATIONS, RecordFilter(cities=frozenset({atlanta})))
    dialog = make_dialog(
        "operations", filters=RecordFilter(cities=frozenset({atlanta})), matching_count=expected
    )
    assert not dialog.selected_button.isEnabled() and dialog.all_button.isChecked()
    assert "matching the current filters" in dialog.all_button.text()
    dialog.set_format("csv")
    dialog.path_edit.setText(str(tmp_path / "ops.csv"))
    path, count = run_export(qtbot, dialog)
    assert count == expected == 2
    with path.open(newline="", encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert {r["city"] for r in rows} == {"Atlanta"}
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel-compatible by default
    manifest = json.loads((tmp_path / "ops.csv.manifest.json").read_text(encoding="utf-8"))
    assert manifest["selection"]["filters"]["cities"] == [{"id": atlanta, "label": "Atlanta, GA"}]
    assert "2 records written" in dialog.status.text()
    assert not dialog.running and dialog.export_button.isEnabled()


def test_exports_the_selected_rows_with_chosen_columns(qtbot, make_dialog, tmp_path):
    dialog = make_dialog(selected_ids=[2, 4])
    assert dialog.selected_button.isChecked() and "(2)" in dialog.selected_button.text()
    dialog.set_format("json")
    assert dialog.path_edit.text().endswith(".json")
    dialog.set_columns(["id", "text", "speaker"])
    path, count = run_export(qtbot, dialog)
    assert count == 2
    records = json.loads(path.read_text(encoding="utf-8"))
    assert [set(r) for r in records] == [{"id", "text", "speaker"}] * 2
    assert [r["id"] for r in records] == [2, 4]


def test_xlsx_and_citation_formats(qtbot, make_dialog, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    dialog = make_dialog()
    dialog.set_format("xlsx")
    dialog.path_edit.setText(str(tmp_path / "quotes.xlsx"))
    path, count = run_export(qtbot, dialog)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["quotes", "manifest"]
    book.close()

    dialog.set_format("txt")
    assert not dialog.columns.isEnabled() and not dialog.excel_bom.isEnabled()
    path, count = run_export(qtbot, dialog)
    assert path.name == "quotes.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count == 5
    assert all(" — " in line and line.startswith("“") for line in lines)


def test_no_columns_no_export(make_dialog):
    dialog = make_dialog()
    dialog.no_columns.click()
    assert not dialog.export_button.isEnabled()
    dialog.set_format("md")  # citations need no columns
    assert dialog.export_button.isEnabled()


def test_cancel_leaves_no_file(qtbot, make_dialog, tmp_path, monkeypatch):
    import threading

    import archive_gui.ui.export_dialog as export_dialog

    real_export = export_dialog.export_records
    cancelled = threading.Event()

    def export_held_at_first_progress(*args, progress, **kwargs):
        def held(done):
            cancelled.wait(10)  # the export is running when the user cancels
            return progress(done)

        return real_export(*args, progress=held, **kwargs)

    monkeypatch.setattr(export_dialog, "export_records", export_held_at_first_progress)
    dialog = make_dialog()
    out = tmp_path / "quotes.csv"
    out.write_text("previous")
    dialog.path_edit.setText(str(out))
    dialog.start_export()
    assert dialog.running and dialog.close_button.text() == "Cancel"
    qtbot.mouseClick(dialog.close_button, _left())  # Cancel
    cancelled.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.result_count is None
    assert "cancelled" in dialog.status.text()
    assert out.read_text() == "previous"
    assert not (tmp_path / "quotes.csv.manifest.json").exists()
    assert dialog.close_button.text() == "Close"  # ready again, the dialog still open


def test_a_failed_export_is_reported(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    dialog.path_edit.setText(str(tmp_path / "missing-folder" / "q.csv"))
    dialog.start_export()
    assert not dialog.running
    assert "does not exist" in dialog.status.text()
