"""Fixtures for the Qt-free core: archives filled with hand-made records.

They do not go through extraction, so store, import and export tests stay
independent of how well extraction does.
"""

from __future__ import annotations

from datetime import date

import pytest

from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place, Quote
from archive_gui.core.store import Archive

ATLANTA = Place(kind="city", name="Atlanta", state="GA", area="Atlanta")
LOS_ANGELES = Place(kind="city", name="Los Angeles", state="CA", area="Los Angeles")
GEORGIA = Place(kind="state", name="Georgia", state="GA", area="Atlanta")


def quote(text: str, body: str, speaker: str, kind: str = "person", role: str | None = None):
    start = body.index(text)
    return Quote(
        text=text,
        start=start,
        end=start + len(text),
        speaker=speaker,
        speaker_kind=kind,
        speaker_role=role,
    )


def operation(count_text: str, body: str, count: int, qualifier: str, place: Place, **kw):
    start = body.index(count_text)
    return Operation(
        count=count,
        qualifier=qualifier,
        count_text=count_text,
        start=start,
        end=start + len(count_text),
        place=place,
        **kw,
    )


ATLANTA_TEXT = (
    "About 30 people were arrested in Atlanta. Nearly 100 were arrested in Georgia.\n\n"
    "“We arrest people every day,” said Bryan Cox, an ICE spokesman.\n\n"
    "“This is routine,” he said."
)
LA_TEXT = (
    "More than 160 people were arrested in Los Angeles this week.\n\n"
    "“Nothing out of the ordinary,” said David Marin.\n\n"
    "“We arrest people every day for the same reasons,” said Bryan Cox."
)


def atlanta_extraction() -> Extraction:
    return Extraction(
        quotes=[
            quote("We arrest people every day,", ATLANTA_TEXT, "Bryan Cox", role="spokesman"),
            quote("This is routine,", ATLANTA_TEXT, "Bryan Cox", role="spokesman"),
        ],
        operations=[
            operation("About 30", ATLANTA_TEXT, 30, "about", ATLANTA, agency="ICE"),
            operation("Nearly 100", ATLANTA_TEXT, 100, "nearly", GEORGIA, agency="ICE"),
        ],
    )


def la_extraction() -> Extraction:
    return Extraction(
        quotes=[
            quote("Nothing out of the ordinary,", LA_TEXT, "David Marin"),
            quote("We arrest people every day for the same reasons,", LA_TEXT, "Bryan Cox"),
        ],
        operations=[
            operation(
                "More than 160",
                LA_TEXT,
                160,
                "more_than",
                LOS_ANGELES,
                period_text="this week",
                period_start=date(2017, 2, 6),
                period_end=date(2017, 2, 12),
            ),
        ],
    )


@pytest.fixture
def archive(tmp_path):
    with Archive.open(tmp_path / "archive.db") as opened:
        yield opened


@pytest.fixture
def filled_archive(archive):
    archive.add_article(
        ATLANTA_TEXT,
        ArticleMeta(title="Atlanta arrests", outlet="Daily", published=date(2017, 2, 10)),
        atlanta_extraction(),
        "test",
    )
    archive.add_article(
        LA_TEXT,
        ArticleMeta(title="LA arrests", url="https://example.org/la", published=date(2017, 2, 9)),
        la_extraction(),
        "test",
    )
    return archive
