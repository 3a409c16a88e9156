"""Importing article files: decoding, extraction, and one transaction per article.

A bad file is reported with its name and reason and the rest go on; an article
is stored whole (text with all its records) or not at all; a text already in
the archive is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from archive_gui.core.extract import EXTRACTOR_VERSION, extract
from archive_gui.core.htmlpage import HtmlPageError, read_html_page
from archive_gui.core.records import ArticleMeta
from archive_gui.core.store import Archive, ArchiveError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")  # saved web pages: article body and metadata
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_FILE_BYTES = 10 * 1024 * 1024

ProgressCallback = Callable[[int, int, Path], None]


class ArticleFileError(Exception):
    """A file that cannot be imported as an article; the message says why."""


@dataclass
class ImportReport:
    added: int = 0
    skipped: int = 0  # already in the archive
    failed: list[tuple[Path, str]] = field(default_factory=list)
    quotes: int = 0
    operations: int = 0
    cancelled: bool = False
    article_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.skipped} skipped (already archived), "
            f"{len(self.failed)} failed; {self.quotes} quotes and "
            f"{self.operations} operations found"
        )
        return text + (" (cancelled)" if self.cancelled else "")


def find_article_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The article files named, or inside the folders named, and the paths that can't be used.

    Folders are walked recursively in name order; files of other types inside
    them are ignored, but a file of another type named explicitly is an error.
    """
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(_walk(path, problems))
        elif not path.exists():
            problems.append((path, "no such file or folder"))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            problems.append((path, f"unsupported file type {path.suffix or '(none)'!r}"))
        else:
            found.append(path)
    return found, problems


def _walk(folder: Path, problems: list[tuple[Path, str]]) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append((folder, f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.is_symlink() and entry.is_dir():
            continue  # a linked folder may loop back on itself
        if entry.is_dir():
            if not _is_saved_page_assets(entry):
                yield from _walk(entry, problems)
        elif entry.suffix.lower() in ARTICLE_SUFFIXES and entry.is_file():
            yield entry


def _is_saved_page_assets(folder: Path) -> bool:
    """``story_files/`` beside ``story.html``: a browser's "save complete page" assets.

    They hold the page's frames, ads and scripts (often as ``.htm``), not articles.
    """
    if not folder.name.endswith("_files"):
        return False
    stem = folder.name[: -len("_files")]
    return any((folder.parent / (stem + suffix)).is_file() for suffix in HTML_SUFFIXES)


def read_article_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Line endings are normalised to ``\\n`` so that character offsets mean the
    same thing in every viewer.
    """
    text = _decode(_read_bytes(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleFileError("file is empty")
    return text


def read_article(path: Path) -> tuple[str, ArticleMeta]:
    """The article text of a file and the metadata the file itself gives (web pages only)."""
    if path.suffix.lower() not in HTML_SUFFIXES:
        return read_article_text(path), ArticleMeta()
    data = _read_bytes(path)
    if not data.strip():
        raise ArticleFileError("file is empty")
    try:
        page = read_html_page(data)
    except HtmlPageError as exc:
        raise ArticleFileError(str(exc)) from exc
    return page.text, page.meta


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleFileError(
                f"file is too large for an article ({size / 1e6:.1f} MB; "
                f"the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise ArticleFileError(f"cannot read file: {exc.strerror or exc}") from exc


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        raise ArticleFileError("file looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _strict(data, "cp1252")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleFileError(
            f"file is not valid text ({encoding} decoding failed at byte {exc.start})"
        ) from exc


_HEADLINE = re.compile(r"^[^\n]{3,150}$")


def default_title(text: str, path: Path) -> str:
    """A short first line reads as a headline; otherwise the file name stands in."""
    first_line = text.lstrip().split("\n", 1)[0].strip()
    if _HEADLINE.match(first_line) and not first_line.endswith((".", "”", '"')):
        return first_line
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def import_paths(
    archive: Archive,
    paths: Iterable[Path],
    meta: ArticleMeta | None = None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import every article file under ``paths`` into ``archive``.

    ``meta`` applies to every file (title defaults per file). Cancelling stops
    before the next file; articles already imported stay.
    """
    meta = meta or ArticleMeta()
    files, problems = find_article_files(paths)
    report = ImportReport(failed=list(problems))
    for done, path in enumerate(files):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, len(files), path)
        try:
            import_file(archive, path, meta, report)
        except (ArticleFileError, ArchiveError) as exc:
            report.failed.append((path, str(exc)))
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), Path())
    return report


def merge_meta(given: ArticleMeta, page: ArticleMeta) -> ArticleMeta:
    """What the caller gave wins; what the page says fills the rest."""
    return ArticleMeta(
        title=given.title or page.title,
        outlet=given.outlet or page.outlet,
        url=given.url or page.url,
        published=given.published or page.published,
        author=given.author or page.author,
        source_file=given.source_file or page.source_file,
    )


def import_file(archive: Archive, path: Path, meta: ArticleMeta, report: ImportReport) -> None:
    """Import one file, adding its outcome to ``report``.

    Metadata: ``meta`` (the caller's options) over what a web page says about
    itself, over the defaults (title from the headline line or the file name).
    """
    text, page_meta = read_article(path)
    if archive.has_text(text) is not None:
        report.skipped += 1
        return
    meta = merge_meta(meta, page_meta)
    file_meta = replace(meta, title=meta.title or default_title(text, path), source_file=path.name)
    try:
        extraction = extract(text, file_meta.published)
    except Exception as exc:  # an extraction bug must not stop the whole import
        raise ArticleFileError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    result = archive.add_article(text, file_meta, extraction, EXTRACTOR_VERSION)
    if result.created:
        report.added += 1
        report.quotes += result.quotes
        report.operations += result.operations
        report.article_ids.append(result.article_id)
    else:
        report.skipped += 1
