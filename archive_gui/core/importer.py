"""Importing article files: decoding, extraction, and one transaction per article.

A bad file is reported with its name and reason and the rest go on; an article
is stored whole (text with all its records) or not at all; a text already in
the archive is skipped.

Every file costs bounded time and memory: only regular files are read (a named
pipe or a device never blocks the import), at most ``MAX_FILE_BYTES`` of them; a
text longer than ``MAX_TEXT_CHARS`` is refused; and a long text (or a big web
page) is read and extracted in a separate process that is stopped after
``FILE_TIME_LIMIT`` seconds, so no input can hang or crash the whole import.
"""

from __future__ import annotations

import errno
import os
import pickle
import re
import stat
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from archive_gui.core.extract import EXTRACTOR_VERSION, extract
from archive_gui.core.htmlpage import HtmlPageError, read_html_page
from archive_gui.core.records import ArticleMeta, Extraction
from archive_gui.core.store import Archive, ArchiveError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")  # saved web pages: article body and metadata
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000  # a long-form article is ~100,000 characters
# Above these sizes a file is read and extracted in a child process under a time limit.
ISOLATE_TEXT_CHARS = 50_000
ISOLATE_PAGE_BYTES = 1_000_000
FILE_TIME_LIMIT = 30.0  # seconds

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
            if path.is_symlink():  # a loop, or a link to nothing
                problems.append((path, f"cannot read file: {_reason(_stat_error(path), path)}"))
            else:
                problems.append((path, "no such file or folder"))
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            problems.append((path, f"unsupported file type {path.suffix or '(none)'!r}"))
        else:
            found.append(path)
    return found, problems


def _walk(folder: Path, problems: list[tuple[Path, str]]) -> Iterator[Path]:
    """Depth first in name order, without recursion (a deeply nested tree is no problem).

    Linked folders are not followed (one may loop back on itself); an entry with an
    article suffix that is not a regular file (a named pipe, a device, a broken or
    looping link) is reported rather than read.
    """
    stack = [iter(_entries(folder, problems))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            mode = entry.lstat().st_mode
            if stat.S_ISLNK(mode):
                if entry.is_dir():
                    continue  # a linked folder may loop back on itself
                mode = entry.stat().st_mode
        except OSError as exc:
            if entry.suffix.lower() in ARTICLE_SUFFIXES:
                problems.append((entry, f"cannot read file: {_reason(exc, entry)}"))
            continue
        if stat.S_ISDIR(mode):
            if not _is_saved_page_assets(entry):
                stack.append(iter(_entries(entry, problems)))
        elif entry.suffix.lower() in ARTICLE_SUFFIXES:
            if stat.S_ISREG(mode):
                yield entry
            else:
                problems.append((entry, _not_a_file(mode)))


def _entries(folder: Path, problems: list[tuple[Path, str]]) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        problems.append((folder, f"cannot read folder: {_reason(exc)}"))
        return []


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
    return _check_length(text)


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
    return _check_length(page.text), page.meta


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; never blocks on a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ArticleFileError(f"cannot read file: {_reason(exc, path)}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleFileError(_not_a_file(info.st_mode))
        if info.st_size > MAX_FILE_BYTES:
            raise ArticleFileError(_too_large(info.st_size))
        chunks = []
        size = 0
        while chunk := os.read(fd, 1024 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # it grew while being read
                raise ArticleFileError(_too_large(size))
        return b"".join(chunks)
    except OSError as exc:
        raise ArticleFileError(f"cannot read file: {_reason(exc, path)}") from exc
    finally:
        os.close(fd)


def _too_large(size: int) -> str:
    return (
        f"file is too large for an article ({size / 1e6:.1f} MB; "
        f"the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"
    )


def _not_a_file(mode: int) -> str:
    what = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    return f"not a regular file ({what}), so not read"


def _reason(exc: OSError, path: Path | None = None) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path is not None and path.is_symlink():
        return "broken symbolic link (its target does not exist)"
    return exc.strerror or str(exc)


def _stat_error(path: Path) -> OSError:
    try:
        path.stat()
    except OSError as exc:
        return exc
    return FileNotFoundError(errno.ENOENT, "No such file or directory")


def _check_length(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleFileError(
            f"text is too long for an article ({len(text):,} characters; "
            f"the limit is {MAX_TEXT_CHARS:,})"
        )
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise ArticleFileError(
                "file looks binary (it contains NUL bytes): it may be UTF-16 text without a "
                "byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark"
            )
        raise ArticleFileError("file looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _strict(data, "cp1252")


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly ASCII characters with a NUL byte beside each: UTF-16 that lost its BOM."""
    sample = data[:4096]
    if len(sample) < 16:
        return False
    even, odd = sample[0::2], sample[1::2]
    return (
        max(even.count(0), odd.count(0)) > 0.8 * len(sample) / 2 > min(even.count(0), odd.count(0))
    )


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
        except Exception as exc:  # a bug must cost one file, never the whole import
            report.failed.append((path, f"unexpected error: {type(exc).__name__}: {exc}"))
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
    extraction = None
    if path.suffix.lower() in HTML_SUFFIXES and _size(path) > ISOLATE_PAGE_BYTES:
        text, page_meta, extraction = _isolated(_read_and_extract, path, meta.published)
    else:
        text, page_meta = read_article(path)
    if archive.has_text(text) is not None:
        report.skipped += 1
        return
    meta = merge_meta(meta, page_meta)
    name = _displayable(path.name)
    file_meta = replace(meta, title=meta.title or default_title(text, Path(name)), source_file=name)
    if extraction is None:
        if len(text) > ISOLATE_TEXT_CHARS:
            extraction = _isolated(_extract, text, file_meta.published)
        else:
            extraction = _extract(text, file_meta.published)
    result = archive.add_article(text, file_meta, extraction, EXTRACTOR_VERSION)
    if result.created:
        report.added += 1
        report.quotes += result.quotes
        report.operations += result.operations
        report.article_ids.append(result.article_id)
    else:
        report.skipped += 1


def _extract(text: str, published: date | None) -> Extraction:
    try:
        return extract(text, published)
    except Exception as exc:  # an extraction bug must not stop the whole import
        raise ArticleFileError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _read_and_extract(path: Path, published: date | None) -> tuple[str, ArticleMeta, Extraction]:
    text, page_meta = read_article(path)
    return text, page_meta, _extract(text, published or page_meta.published)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it says why


def _displayable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become U+FFFD, as a file manager shows."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _isolated(function: Callable, *args):
    """``function(*args)`` in a child process, stopped after ``FILE_TIME_LIMIT`` seconds.

    The child is a fresh interpreter (nothing of this process's threads or open
    archive is inherited); what it raises comes back as the file's failure.
    """
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    # -P: the current folder (the user's, maybe with a json.py in it) is not on sys.path
    command = [sys.executable, "-P", "-c", "from archive_gui.core.importer import _child; _child()"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    ) as child:
        try:
            output, _ = child.communicate(pickle.dumps((function, args)), FILE_TIME_LIMIT)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise ArticleFileError(
                f"gave up after {FILE_TIME_LIMIT:g} s: the file is too long or too unusual "
                "to read as an article"
            ) from None
    try:
        ok, value = pickle.loads(output)
    except Exception:
        raise ArticleFileError(
            f"reading the file crashed its worker process (exit status {child.returncode})"
        ) from None
    if not ok:
        raise ArticleFileError(value)
    return value


def _child() -> None:
    """The child side of :func:`_isolated`: a pickled call on stdin, its outcome on stdout."""
    function, args = pickle.loads(sys.stdin.buffer.read())
    try:
        result = (True, function(*args))
    except ArticleFileError as exc:
        result = (False, str(exc))
    except Exception as exc:
        result = (False, f"extraction failed: {type(exc).__name__}: {exc}")
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.buffer.flush()
