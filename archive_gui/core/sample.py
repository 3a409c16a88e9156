"""The bundled sample archive that a new user's first window opens on."""

from __future__ import annotations

import json
from datetime import date

from archive_gui.core.importer import ImportReport, import_file
from archive_gui.core.paths import bundled_path
from archive_gui.core.records import ArticleMeta
from archive_gui.core.store import Archive


def import_sample(archive: Archive) -> ImportReport:
    """Import the sample articles listed in ``resources/sample/sample.json``."""
    folder = bundled_path("resources", "sample")
    listing = json.loads((folder / "sample.json").read_text(encoding="utf-8"))
    report = ImportReport()
    for entry in listing["articles"]:
        meta = ArticleMeta(
            title=entry.get("title"),
            outlet=entry.get("outlet"),
            url=entry.get("url"),
            published=date.fromisoformat(entry["published"]) if entry.get("published") else None,
        )
        import_file(archive, folder / entry["file"], meta, report)
    return report


def ensure_sample(archive: Archive) -> bool:
    """Give an archive with no articles the sample; True if it was imported."""
    if archive.totals().articles:
        return False
    import_sample(archive)
    return True
