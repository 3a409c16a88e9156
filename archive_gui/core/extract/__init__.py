"""Rule-based extraction of quotes and operations from article text.

The rules (compiled patterns, gazetteer tables: about 0.35 s) load on the first
``extract``: the window imports this package for ``EXTRACTOR_VERSION`` and the import
machinery, and starts that much sooner without them. Those modules may be compiled
with mypyc (``native``), when built from the sources beside them.
"""

from __future__ import annotations

from datetime import date

from archive_gui.core.extract import native
from archive_gui.core.records import Extraction

# The compiled build of the modules below, when there is one for these sources
# (``native.mode`` says which kind is used).
native.install()

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
