"""Fixtures for the UI tests: an offscreen Qt platform and small hand-made archives.

The archives are built from hand-written Extraction objects, not by running
extraction, so these tests do not move when the extraction rules change.
"""

from __future__ import annotations

import os

# Before anything imports Qt: no display is needed, or used if there is one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass  # noqa: E402
from datetime import date  # noqa: E402

import pytest  # noqa: E402


@dataclass(frozen=True)
class ArticleSpec:
    title: str
    published: date
    text: str
    quotes: tuple  # (quote text, speaker, kind, role, mention)
    operations: tuple  # (count text, count, qualifier, place kind, name, state, place text)


# Three articles: cities in three states, a state, an area of operations,
# exact and approximate counts, people and an organisation quoted.
ARTICLES = (
    ArticleSpec(
        title="ICE arrests nearly 100 in Atlanta",
        published=date(2025, 1, 27),
        text=(
            "Federal agents arrested nearly 100 people in Atlanta this week, officials said.\n\n"
            '"We are targeting public safety threats first," said ICE spokesman Bryan Cox.\n\n'
            "In Los Angeles, agents detained 42 people on Tuesday.\n\n"
            '"This is only the beginning of a long and deliberate operation that will '
            'continue in every state," Cox added.'
        ),
        quotes=(
            (
                "We are targeting public safety threats first",
                "Bryan Cox",
                "person",
                "spokesman",
                "ICE spokesman Bryan Cox",
            ),
            (
                "This is only the beginning of a long and deliberate operation that will "
                "continue in every state",
                "Bryan Cox",
                "person",
                "spokesman",
                "Cox",
            ),
        ),
        operations=(
            ("nearly 100", 100, "nearly", "city", "Atlanta", "GA", "Atlanta"),
            ("42", 42, "exact", "city", "Los Angeles", "CA", "Los Angeles"),
        ),
    ),
    ArticleSpec(
        title="Chicago families fear new raids",
        published=date(2025, 2, 3),
        text=(
            "Immigration officers arrested more than 200 people in Chicago, according to ICE.\n\n"
            '"Families are terrified," said Maria Lopez, an organizer.\n\n'
            "Separately, 15 arrests were reported in Atlanta.\n\n"
            '"We will continue," said Tom Homan.'
        ),
        quotes=(
            ("Families are terrified", "Maria Lopez", "person", "organizer", "Maria Lopez"),
            ("We will continue", "Tom Homan", "person", None, "Tom Homan"),
        ),
        operations=(
            ("more than 200", 200, "more_than", "city", "Chicago", "IL", "Chicago"),
            ("15", 15, "exact", "city", "Atlanta", "GA", "Atlanta"),
        ),
    ),
    ArticleSpec(
        title="Statewide sweep in California",
        published=date(2025, 2, 10),
        text=(
            "ICE said it made 1,179 arrests across California.\n\n"
            "In the Atlanta area of operations, officers arrested dozens.\n\n"
            '"Our communities deserve better," said the ACLU.'
        ),
        quotes=(("Our communities deserve better", "ACLU", "organization", None, "the ACLU"),),
        operations=(
            ("1,179", 1179, "exact", "state", "California", "CA", "California"),
            ("dozens", 24, "dozens", "area", "Atlanta", None, "the Atlanta area of operations"),
        ),
    ),
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _span_near(text: str, start: int, end: int, needle: str) -> tuple[int, int]:
    """The span of ``needle`` nearest a record: the next one after it, else the last before."""
    found = text.find(needle, end)
    if found < 0:
        found = text.rindex(needle, 0, start)
    return found, found + len(needle)


def build_extraction(spec: ArticleSpec):
    from archive_gui.core.records import Extraction, Operation, Place, Quote

    quotes = []
    for words, speaker, kind, role, mention in spec.quotes:
        start, end = _span(spec.text, words)
        mention_start, mention_end = _span_near(spec.text, start, end, mention)
        quotes.append(
            Quote(
                text=words,
                start=start,
                end=end,
                speaker=speaker,
                speaker_kind=kind,
                speaker_role=role,
                mention_text=mention,
                mention_start=mention_start,
                mention_end=mention_end,
            )
        )
    operations = []
    for count_text, count, qualifier, place_kind, name, state, place_text in spec.operations:
        start, end = _span(spec.text, count_text)
        place_start, place_end = _span_near(spec.text, start, end, place_text)
        operations.append(
            Operation(
                count=count,
                qualifier=qualifier,
                count_text=count_text,
                start=start,
                end=end,
                place=Place(kind=place_kind, name=name, state=state),
                place_text=place_text,
                place_start=place_start,
                place_end=place_end,
                agency="ICE",
            )
        )
    return Extraction(quotes=quotes, operations=operations)


def fill_archive(archive, specs=ARTICLES):
    from archive_gui.core.records import ArticleMeta

    for spec in specs:
        meta = ArticleMeta(
            title=spec.title,
            outlet="Test Gazette",
            published=spec.published,
            url=f"https://news.example/{spec.published.isoformat()}",
        )
        archive.add_article(spec.text, meta, build_extraction(spec), "test")
    return archive


@pytest.fixture
def archive():
    """An in-memory archive of the three ARTICLES."""
    from archive_gui.core.store import Archive

    with Archive.in_memory() as archive:
        yield fill_archive(archive)


@pytest.fixture
def window(qtbot, archive):
    """The main window on the three ARTICLES, shown at 1400x900."""
    from archive_gui.ui.main_window import MainWindow

    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def empty_archive():
    from archive_gui.core.store import Archive

    with Archive.in_memory() as archive:
        yield archive


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    """Window layouts are saved to a temporary directory, never to the user's settings:
    each test starts from the default layout."""
    from PySide6.QtCore import QSettings

    path = str(tmp_path / "settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, path)
    yield path
