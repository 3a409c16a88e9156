"""Rule-based extraction of quotes and operations from article text.

The rules (compiled patterns, gazetteer tables: about 0.35 s) load on the first
``extract``: the window imports this package for ``EXTRACTOR_VERSION`` and the import
machinery, and starts that much sooner without them.
"""

from __future__ import annotations

from datetime import date

from archive_gui.core.records import Extraction

# Bump when extraction output changes, so archives can tell which records are stale.
EXTRACTOR_VERSION = "2"


def extract(text: str, published: date | None = None) -> Extraction:
    """Extract every quote and operation from ``text``.

    ``published`` resolves relative periods ("this week") to dates.
    """
    from archive_gui.core.extract.operations import extract_operations
    from archive_gui.core.extract.quotes import extract_quotes

    return Extraction(
        quotes=extract_quotes(text),
        operations=extract_operations(text, published),
    )
