"""Re-running extraction on archived articles without losing a researcher's work.

When extraction improves, an article's records are replaced by what the new
extraction finds, except what people did to them: records matched to a new one
(same span, same text, or overlapping) keep their id, tags, note, review status
and corrections (applied again over the new values); records someone reviewed,
corrected, tagged or annotated are kept even when extraction no longer finds
them, flagged ``orphaned``. The SQL is in ``Curation.replace_extraction``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from archive_gui.core.extract import EXTRACTOR_VERSION, extract
from archive_gui.core.records import Extraction
from archive_gui.core.store import Archive
from archive_gui.core.store.curation import Curation, ReextractReport

Extractor = Callable[[str, date | None], Extraction]


def reextract_article(
    archive: Archive,
    article_id: int,
    extractor: Extractor = extract,
    extractor_version: str = EXTRACTOR_VERSION,
) -> ReextractReport:
    """Extract the article's stored text again and merge the result in one transaction.

    ``extractor`` defaults to the current extraction (a stand-in may be given in tests).
    Raises KeyError for an unknown article.
    """
    article = archive.article(article_id)
    published = date.fromisoformat(article.published) if article.published else None
    extraction = extractor(article.text, published)
    return Curation(archive).replace_extraction(article_id, extraction, extractor_version)


def reextract_articles(
    archive: Archive,
    article_ids: Iterable[int] | None = None,
    extractor: Extractor = extract,
    extractor_version: str = EXTRACTOR_VERSION,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[ReextractReport]:
    """Re-extract several articles, each in its own transaction.

    ``article_ids`` None means the articles extracted by another version than
    ``extractor_version`` (all of them once extraction has improved). Cancelling
    stops before the next article; the articles already done stay done.
    """
    if article_ids is None:
        article_ids = Curation(archive).article_ids(stale_for=extractor_version)
    ids = list(article_ids)
    reports = []
    for done, article_id in enumerate(ids):
        if should_cancel is not None and should_cancel():
            return reports
        if progress is not None:
            progress(done, len(ids))
        reports.append(reextract_article(archive, article_id, extractor, extractor_version))
    if progress is not None:
        progress(len(ids), len(ids))
    return reports
