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


# --- saved web pages ------------------------------------------------------------------------

HTML_PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def test_saved_pages_import_with_their_metadata(archive):
    report = import_paths(archive, [HTML_PAGES])
    assert (report.added, report.failed) == (len(list(HTML_PAGES.glob("*.html"))), [])
    by_file = {a.source_file: a for a in map(archive.article, report.article_ids)}
    wire = by_file["wire-story.html"]
    assert (wire.title, wire.outlet, wire.url, wire.published, wire.author) == (
        "Immigration agents arrest 212 in Northern California sweep",
        "Western Press Wire",
        "https://www.westernpresswire.example/news/"
        "immigration-agents-arrest-212-northern-california-sweep-7f3a21",
        "2018-02-28",
        "Marisol Vega",
    )
    assert wire.text.startswith(
        "Immigration agents arrest 212 in Northern California sweep\n\n"
        "OAKLAND, Calif. (WPW) — Federal immigration agents arrested 212 people"
    )
    release = by_file["press-release.html"]
    assert (release.outlet, release.published, release.author) == (
        "U.S. Immigration and Customs Enforcement",
        "2011-09-28",
        None,
    )
    assert by_file["windows-1252.html"].author == "José Peña"
    again = import_paths(archive, [HTML_PAGES])
    assert (again.added, again.skipped) == (0, report.added)


def test_extraction_runs_on_the_page_text(archive):
    from archive_gui.core.store.schema import RecordKind

    report = import_paths(archive, [HTML_PAGES / "wire-story.html", HTML_PAGES / "broadcast.html"])
    assert report.added == 2
    quotes = {(q["speaker"], q["text"]) for q in archive.iter_export(RecordKind.QUOTES)}
    assert (
        "Thomas Reyes",
        "Our officers went out and did their jobs professionally and safely,",
    ) in quotes
    assert ("Luis Navarro", "We prioritize public safety threats,") in quotes
    operations = {
        (o["count"], o["place"], o["published"]) for o in archive.iter_export(RecordKind.OPERATIONS)
    }
    assert (58, "Houston, TX", "2019-06-25") in operations  # "HOUSTON (KVNT) —", page date
    assert any(count == 212 for count, _, _ in operations)
    # nothing quoted or counted from navigation, ads or comments
    assert not any("Send them all back" in text for _, text in quotes)


def test_given_metadata_overrides_the_page(archive):
    given = ArticleMeta(title="NorCal sweep", outlet="Archive copy", published=date(2018, 3, 1))
    report = import_paths(archive, [HTML_PAGES / "wire-story.html"], given)
    article = archive.article(report.article_ids[0])
    assert (article.title, article.outlet, article.published) == (
        "NorCal sweep",
        "Archive copy",
        "2018-03-01",
    )
    # what was not given still comes from the page
    assert article.url.startswith("https://www.westernpresswire.example/news/")
    assert article.author == "Marisol Vega"
    assert article.source_file == "wire-story.html"


def test_cli_options_override_the_page(tmp_path, capsys):
    from archive_gui.cli import main
    from archive_gui.core.store import Archive

    db = tmp_path / "a.db"
    page = str(HTML_PAGES / "local-paper.html")
    assert main(["import", "--db", str(db), "--outlet", "Courier archive", page]) == 0
    assert "1 added" in capsys.readouterr().out
    with Archive.open(db) as archive:
        article = archive.article(1)
    assert (article.outlet, article.author, article.published) == (
        "Courier archive",
        "Daniel Okafor",
        "2019-07-18",
    )


def test_page_without_article_text_fails_alone(archive, tmp_path):
    write(
        tmp_path / "login.htm",
        "<html><head><title>Log in</title></head><body><nav><a href='/'>Home</a></nav>"
        "<form><input name='user'><button>Log in</button></form></body></html>",
    )
    write(tmp_path / "empty.html", b"")
    write(tmp_path / "STORY.HTML", (HTML_PAGES / "broadcast.html").read_bytes())
    report = import_paths(archive, [tmp_path])
    assert report.added == 1
    reasons = {path.name: reason for path, reason in report.failed}
    assert reasons == {
        "login.htm": "no article text found in the page",
        "empty.html": "file is empty",
    }


def test_html_files_named_explicitly_are_accepted(tmp_path):
    from archive_gui.core.importer import find_article_files

    page = write(tmp_path / "a.htm", "<p>x</p>")
    files, problems = find_article_files([page])
    assert (files, problems) == ([page], [])


def test_assets_of_a_saved_complete_page_are_not_articles(archive, tmp_path):
    write(tmp_path / "story.html", (HTML_PAGES / "broadcast.html").read_bytes())
    write(tmp_path / "story_files" / "ad-frame.htm", "<html><body><a href='/'>Ad</a></body></html>")
    write(tmp_path / "notes_files" / "a.txt", ARTICLE)  # no notes.html beside it: walked
    report = import_paths(archive, [tmp_path])
    assert (report.added, report.failed) == (2, [])
