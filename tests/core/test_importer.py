"""Import: decoding, per-file failures, idempotency, cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive_gui.core.importer import (
    ArticleFileError,
    default_title,
    import_paths,
    read_article_text,
)
from archive_gui.core.records import ArticleMeta

ARTICLE = (
    "More than 40 people were arrested in Chicago this week, ICE said.\n\n"
    "“We are doing our job,” said Jane Roe, a spokeswoman for the agency.\n"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "crlf"],
)
def test_text_files_decode_to_the_same_text(tmp_path, data):
    assert read_article_text(write(tmp_path / "a.txt", data)) == ARTICLE


def test_windows_1252_is_decoded(tmp_path):
    path = write(tmp_path / "a.txt", "“Caf\u00e9,” she said.".encode("cp1252"))
    assert read_article_text(path) == "“Café,” she said."


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x89PNG\r\n\x00\x00\x00", "binary")],
)
def test_unusable_files_say_why(tmp_path, data, reason):
    with pytest.raises(ArticleFileError, match=reason):
        read_article_text(write(tmp_path / "bad.txt", data))


def test_import_adds_each_file_once(archive, tmp_path):
    folder = tmp_path / "articles"
    write(folder / "one.txt", ARTICLE)
    write(folder / "nested" / "two.txt", ARTICLE.replace("Chicago", "Denver"))
    write(folder / "notes.md", "ignored: not an article file")

    first = import_paths(archive, [folder], ArticleMeta(published=date(2017, 2, 10)))
    assert (first.added, first.skipped, first.failed) == (2, 0, [])
    assert first.quotes >= 2 and first.operations >= 2

    again = import_paths(archive, [folder])
    assert (again.added, again.skipped, again.failed) == (0, 2, [])
    assert archive.totals().articles == 2


def test_bad_file_is_reported_and_the_others_go_in(archive, tmp_path):
    good = write(tmp_path / "good.txt", ARTICLE)
    empty = write(tmp_path / "empty.txt", b"")
    missing = tmp_path / "missing.txt"
    other = write(tmp_path / "page.pdf", b"%PDF-1.4")
    report = import_paths(archive, [empty, good, missing, other])
    assert report.added == 1
    reasons = {path.name: reason for path, reason in report.failed}
    assert set(reasons) == {"empty.txt", "missing.txt", "page.pdf"}
    assert "empty" in reasons["empty.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert "unsupported" in reasons["page.pdf"]
    assert not report.ok
    assert archive.totals().articles == 1


def test_extraction_crash_fails_only_that_file(archive, tmp_path, monkeypatch):
    import archive_gui.core.importer as importer

    def explode(text, published):
        if "Chicago" in text:
            raise RuntimeError("boom")
        return real_extract(text, published)

    real_extract = importer.extract
    monkeypatch.setattr(importer, "extract", explode)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE.replace("Chicago", "Denver"))
    report = import_paths(archive, [tmp_path])
    assert report.added == 1
    assert [(p.name, "boom" in r) for p, r in report.failed] == [("a.txt", True)]
    assert archive.totals().articles == 1


def test_cancel_stops_before_the_next_file(archive, tmp_path):
    for n in range(5):
        write(tmp_path / f"{n}.txt", ARTICLE.replace("40", str(40 + n)))
    seen = []
    report = import_paths(
        archive,
        [tmp_path],
        progress=lambda done, total, path: seen.append(done),
        should_cancel=lambda: len(seen) >= 2,
    )
    assert report.cancelled
    assert report.added == 2
    assert archive.totals().articles == 2


def test_metadata_is_stored_and_title_defaults(archive, tmp_path):
    write(tmp_path / "ice-raids_chicago.txt", ARTICLE)
    meta = ArticleMeta(outlet="Tribune", url="https://example.org/x", published=date(2017, 2, 9))
    report = import_paths(archive, [tmp_path], meta)
    article = archive.article(report.article_ids[0])
    assert (article.title, article.outlet, article.url, article.published) == (
        "Ice raids chicago",
        "Tribune",
        "https://example.org/x",
        "2017-02-09",
    )
    assert article.source_file == "ice-raids_chicago.txt"


def test_short_first_line_is_the_headline():
    text = "ICE arrests 40 in Chicago\n\nMore than 40 people were arrested."
    assert default_title(text, Path("x.txt")) == "ICE arrests 40 in Chicago"
