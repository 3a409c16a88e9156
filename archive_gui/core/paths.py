"""Where the bundled files (migrations, sample archive) and the user's archive live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_path(*parts: str) -> Path:
    """Path of a file shipped with the app.

    A wheel carries ``db/`` and ``resources/`` inside the package (``_data``);
    a source checkout or editable install has them at the repository root.
    """
    for root in (_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"bundled file not found: {'/'.join(parts)}")


def default_archive_path() -> Path:
    """The user's own archive, in the platform's data directory."""
    return Path(platformdirs.user_data_dir("archive-gui", appauthor=False)) / "archive.db"
