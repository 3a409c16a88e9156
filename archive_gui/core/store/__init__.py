"""The data layer: the archive file, its migrations, and every SQL statement."""

from archive_gui.core.store.archive import (
    AddResult,
    Archive,
    ArchiveError,
    ArticleRecord,
    FacetValue,
    PlaceTotal,
    Totals,
)
from archive_gui.core.store.migrations import ArchiveTooNewError
from archive_gui.core.store.schema import COLUMNS, Column, RecordFilter, RecordKind

__all__ = [
    "COLUMNS",
    "AddResult",
    "Archive",
    "ArchiveError",
    "ArchiveTooNewError",
    "ArticleRecord",
    "Column",
    "FacetValue",
    "PlaceTotal",
    "RecordFilter",
    "RecordKind",
    "Totals",
]
