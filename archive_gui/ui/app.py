"""Starting the desktop application."""

from __future__ import annotations

import gc
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
    freeze_when_settled(window)
    window.show()
    try:
        return app.exec()
    finally:
        window.archive.close()


def freeze_when_settled(window) -> None:
    """Move what start-up made (modules, Qt wrappers, pyqtgraph) out of the garbage
    collector's reach once the window first shows its counts and charts.

    A full collection walks every tracked object while holding the GIL, so it stalls
    the GUI thread whichever thread triggers it: 90,000 start-up objects cost 50 ms
    each time. Frozen, they are never walked again (they live as long as the app).
    """

    def settled() -> None:
        if window.chart.is_built:
            window.summaries_shown.disconnect(settled)
            gc.freeze()

    window.summaries_shown.connect(settled)
