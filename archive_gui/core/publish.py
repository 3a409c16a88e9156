"""Publishing an archive for a team with Datasette, read-only, on this machine.

An archive file is a plain SQLite database that Datasette serves as it is. Migration
0002 puts two readable views in every archive: ``quote_view`` (a quote with its speaker,
tags, note, the cities its article reports and its article's provenance) and
``operation_view`` (an operation with its place, city, state, area, the speakers quoted
in its article, and its article's provenance). :func:`metadata` configures Datasette on
top: titles, full-text search on the views (``fts_table``/``fts_pk``), and facets on
city, speaker and tag.

Datasette is an optional extra (``pip install 'archive-gui[serve]'``); nothing here
imports it until :func:`serve` runs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import signal
import tempfile
from pathlib import Path

from archive_gui import __version__
from archive_gui.core.store import Archive

HOST = "127.0.0.1"  # localhost only: never reachable from another machine
DEFAULT_PORT = 8001
INSTALL_HINT = (
    "Datasette is not installed, and `archive-gui serve` needs it. Install the optional "
    "extra with:  pip install 'archive-gui[serve]'   (or: pip install 'datasette>=0.65')"
)


class DatasetteMissing(RuntimeError):
    """The optional ``serve`` extra is not installed."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def datasette_available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def database_name(db_path: Path) -> str:
    """The name Datasette gives a database file: its name without the suffix."""
    return Path(db_path).stem


def metadata(db_name: str) -> dict:
    """Datasette metadata for an archive served under ``db_name``."""
    provenance = (
        "Each row carries its article's title, outlet, publication date, URL and SHA-256,"
        " and the character span (start, end) of the record in the article text."
    )
    return {
        "title": "Immigration enforcement coverage archive",
        "description": (
            "Quotes and arrest operations extracted from news articles, each traceable to "
            f"the character offsets of the stored article text (archive-gui {__version__})."
        ),
        "databases": {
            db_name: {
                "tables": {
                    "quote_view": {
                        "title": "Quotes",
                        "description": "Quotes with their speaker, tags and note. " + provenance,
                        "label_column": "text",
                        "sort_desc": "published",
                        "fts_table": "quotes_fts",
                        "fts_pk": "id",
                        "facets": ["speaker", {"array": "cities"}, {"array": "tags"}],
                    },
                    "operation_view": {
                        "title": "Operations",
                        "description": (
                            "Arrest counts with their place, period and agency; search matches"
                            " the article text. " + provenance
                        ),
                        "label_column": "count_text",
                        "sort_desc": "published",
                        "fts_table": "articles_fts",
                        "fts_pk": "article_id",
                        "facets": ["city", "state", "agency", {"array": "speakers"}],
                    },
                    "articles": {
                        "label_column": "title",
                        "fts_table": "articles_fts",
                        "facets": ["outlet"],
                    },
                    "quotes": {"label_column": "text", "fts_table": "quotes_fts"},
                    "speakers": {"label_column": "name", "facets": ["kind"]},
                    "places": {"label_column": "label", "facets": ["kind"]},
                    "tags": {"label_column": "name"},
                }
            }
        },
    }


def prepare(db_path: Path) -> None:
    """Bring the archive to the current schema (with its views) and fold in its WAL.

    Datasette serves the file immutable, reading the main database file only, so what
    sits in the write-ahead log must be moved into it first.
    """
    with Archive.open(db_path) as archive:
        archive.checkpoint()


def datasette_args(db_path: Path, port: int, metadata_path: Path) -> list[str]:
    """The ``datasette`` command line: immutable (read-only), bound to localhost."""
    return [
        "serve",
        "-i",
        str(db_path),
        "--host",
        HOST,
        "--port",
        str(port),
        "--metadata",
        str(metadata_path),
        "--setting",
        "default_page_size",
        "50",
    ]


def serve(db_path: Path, port: int = DEFAULT_PORT) -> int:
    """Serve the archive with Datasette until interrupted; return an exit status."""
    if not datasette_available():
        raise DatasetteMissing()
    from datasette.cli import cli

    db_path = Path(db_path).resolve()
    prepare(db_path)
    # The server stops on SIGTERM as on Ctrl-C, so the folder below is removed: uvicorn
    # shuts down, then raises the signal again, which by default ends the process at once.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with tempfile.TemporaryDirectory(prefix="archive-gui-serve-") as folder:
            metadata_path = Path(folder) / "metadata.json"
            metadata_path.write_text(json.dumps(metadata(database_name(db_path)), indent=2))
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a serve ends
                cli.main(
                    args=datasette_args(db_path, port, metadata_path),
                    prog_name="archive-gui serve",
                    standalone_mode=False,
                )
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt
