"""Portable bundles: a selection of an archive, to be merged into another archive.

A bundle is a ZIP file (suffix ``.bundle``) holding two members:

``bundle.json``
    what the bundle is: ``format`` ("archive-gui-bundle"), ``bundle_version``, the
    application, extractor and schema versions that wrote it, when (UTC), the name of
    the archive file it came from, the selection (kind, ids, filters) and its counts.
``articles.jsonl``
    one article a line, whole: its row (verbatim text, SHA-256, title, outlet, URL,
    author, publication date, import time, extractor version), its quotes (speaker by
    name, kind, role and affiliation; tags by name and colour; note; every other column
    such as a review status), and its operations (place by kind, name, state and area;
    ``part_of`` as an index into the article's own operations).

A bundle carries every record of each article it holds, not only the selected ones, so
that an article is never split between archives. It is written and read one article at
a time, and written atomically. Merging is described in :mod:`archive_gui.core.store.bundles`:
articles by SHA-256, an article already present keeps the receiving archive's records
and corrections untouched, speakers and tags merge by name, all in one transaction.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive_gui import __version__
from archive_gui.core.export import atomic_path, describe_filters
from archive_gui.core.extract import EXTRACTOR_VERSION
from archive_gui.core.store import Archive, RecordFilter, RecordKind
from archive_gui.core.store.bundles import (
    BundleError,
    MergeResult,
    bundle_article_ids,
    iter_bundle_articles,
    merge_articles,
)

BUNDLE_FORMAT = "archive-gui-bundle"
BUNDLE_VERSION = 1
INFO_MEMBER = "bundle.json"
ARTICLES_MEMBER = "articles.jsonl"

__all__ = [
    "BUNDLE_FORMAT",
    "BUNDLE_VERSION",
    "BundleError",
    "BundleSummary",
    "MergeResult",
    "export_bundle",
    "import_bundle",
    "read_bundle_info",
]


@dataclass(frozen=True)
class BundleSummary:
    articles: int
    quotes: int
    operations: int


def export_bundle(
    archive: Archive,
    destination: Path,
    kind: RecordKind = RecordKind.QUOTES,
    filters: RecordFilter = RecordFilter(),
    ids: Iterable[int] = (),
) -> BundleSummary:
    """Write the articles of the selected records, whole, to a bundle at ``destination``."""
    kind = RecordKind(kind)
    ids = sorted({int(i) for i in ids})
    article_ids = bundle_article_ids(archive, kind, filters, ids)
    articles = quotes = operations = 0
    with (
        atomic_path(Path(destination)) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle,
    ):
        with (
            bundle.open(ARTICLES_MEMBER, "w", force_zip64=True) as raw,
            io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as stream,
        ):
            for article in iter_bundle_articles(archive, article_ids):
                stream.write(json.dumps(article, ensure_ascii=False))
                stream.write("\n")
                articles += 1
                quotes += len(article["quotes"])
                operations += len(article["operations"])
        info = {
            "format": BUNDLE_FORMAT,
            "bundle_version": BUNDLE_VERSION,
            "app_version": __version__,
            "extractor_version": EXTRACTOR_VERSION,
            "schema_version": archive.schema_version,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source_archive": archive.path.name if archive.path else None,
            "selection": {
                "what": kind.value,
                "ids": ids or None,
                "filters": describe_filters(archive, filters),
            },
            "articles": articles,
            "quotes": quotes,
            "operations": operations,
        }
        bundle.writestr(INFO_MEMBER, json.dumps(info, ensure_ascii=False, indent=2) + "\n")
    return BundleSummary(articles, quotes, operations)


def read_bundle_info(source: Path) -> dict:
    """The ``bundle.json`` of a bundle, checked to be one this version can read."""
    try:
        with zipfile.ZipFile(source) as bundle:
            return _info(bundle)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"{source} is not a bundle: {exc}") from exc


def import_bundle(archive: Archive, source: Path) -> MergeResult:
    """Merge a bundle into the archive in one transaction (all of it, or nothing)."""
    try:
        with zipfile.ZipFile(source) as bundle:
            _info(bundle)
            return merge_articles(archive, _articles(bundle))
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as exc:
        raise BundleError(f"{source} is not a readable bundle: {exc}") from exc


def _info(bundle: zipfile.ZipFile) -> dict:
    names = set(bundle.namelist())
    if not {INFO_MEMBER, ARTICLES_MEMBER} <= names:
        raise BundleError("not an archive-gui bundle (bundle.json or articles.jsonl is missing)")
    try:
        info = json.loads(bundle.read(INFO_MEMBER).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"the bundle's {INFO_MEMBER} is unreadable: {exc}") from exc
    if not isinstance(info, dict) or info.get("format") != BUNDLE_FORMAT:
        raise BundleError("not an archive-gui bundle")
    version = info.get("bundle_version")
    if not isinstance(version, int) or version > BUNDLE_VERSION:
        raise BundleError(
            f"this bundle has format version {version}; this version of archive-gui reads"
            f" versions up to {BUNDLE_VERSION}. Import it with a newer archive-gui."
        )
    return info


def _articles(bundle: zipfile.ZipFile) -> Iterator[dict]:
    with (
        bundle.open(ARTICLES_MEMBER) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as stream,
    ):
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                article = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BundleError(f"line {number} of {ARTICLES_MEMBER} is not JSON: {exc}") from exc
            if not isinstance(article, dict):
                raise BundleError(f"line {number} of {ARTICLES_MEMBER} is not an article")
            yield article
