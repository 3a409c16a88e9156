"""Starting the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path


def run(archive_path: Path, *, import_sample: bool) -> int:
    """Open the archive at ``archive_path`` in the main window; return the exit code.

    With ``import_sample`` an archive without articles first gets the bundled
    sample, so a first start shows something to explore.
    """
    # Qt and the window load here, not at import, so the command line stays quick.
    from PySide6.QtWidgets import QApplication, QMessageBox

    from archive_gui.core.store import Archive, ArchiveError, ArchiveTooNewError
    from archive_gui.ui.main_window import MainWindow

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
