"""Starting the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

# How long a thread running Python keeps the interpreter lock once another asks for it.
# The GUI thread asks for it again after Qt calls and for each callback from Qt (a
# model's data()), and waited up to Python's default of 5 ms each time a background
# reader was converting rows: a table repaint took 23 ms instead of 9 with one busy
# worker. Workers spend their time in SQLite, which runs without the lock.
GIL_SWITCH_SECONDS = 0.0005


def prepare_gui_process() -> None:
    """Settings of the process the window runs in (see ``GIL_SWITCH_SECONDS``)."""
    sys.setswitchinterval(GIL_SWITCH_SECONDS)


def run(archive_path: Path, *, import_sample: bool) -> int:
    """Open the archive at ``archive_path`` in the main window; return the exit code.

    With ``import_sample`` an archive without articles first gets the bundled
    sample, so a first start shows something to explore.
    """
    # Qt and the window load here, not at import, so the command line stays quick.
    from PySide6.QtWidgets import QApplication, QMessageBox

    from archive_gui.core.store import Archive, ArchiveError, ArchiveTooNewError
    from archive_gui.ui.main_window import MainWindow

    prepare_gui_process()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("archive-gui")
    app.setApplicationDisplayName("News Enforcement Archive")
    try:
        archive = Archive.open(archive_path)
    except (ArchiveError, ArchiveTooNewError) as exc:
        QMessageBox.critical(None, "Cannot open archive", str(exc))
        return 1
    if import_sample:
        from archive_gui.core.sample import ensure_sample

        ensure_sample(archive)
    window = MainWindow(archive)
    window.show()
    try:
        return app.exec()
    finally:
        window.archive.close()
