"""Plain records shared by extraction, the archive, export and the UI.

Every extracted record keeps the character offsets of what it was read from, so
that a researcher can check it against the stored article text:
``article.text[record.start:record.end]`` is the record's surface form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Qualifiers of an arrest count, in the words a news article uses for them.
QUALIFIERS = (
    "exact",
    "about",
    "nearly",
    "more_than",
    "at_least",
    "up_to",
    "dozens",
    "hundreds",
    "thousands",
)

PLACE_KINDS = ("city", "state", "area", "nationwide")

SPEAKER_KINDS = ("person", "organization")


@dataclass(frozen=True)
class Place:
    """Where an operation happened, at the level the article states it.

    ``kind`` is one of PLACE_KINDS. ``state`` is the two-letter code of the
    state a city lies in (or of the state itself). ``area`` is the ICE area of
    operations (field office) name, e.g. "Atlanta", when known.
    """

    kind: str
    name: str
    state: str | None = None
    area: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "city" and self.state:
            return f"{self.name}, {self.state}"
        if self.kind == "area":
            return f"{self.name} area of operations"
        return self.name


@dataclass
class Operation:
    """An enforcement action: an arrest count with its place, period and agency."""

    count: int  # the stated number; the conservative figure for dozens/hundreds
    qualifier: str  # one of QUALIFIERS
    count_text: str  # the words of the count as printed, e.g. "Nearly 100"
    start: int  # span of count_text in the article text
    end: int
    place: Place | None = None
    place_text: str | None = None  # e.g. "the Atlanta area"
    place_start: int | None = None
    place_end: int | None = None
    period_text: str | None = None  # e.g. "this week"
    period_start: date | None = None
    period_end: date | None = None
    agency: str | None = None  # e.g. "ICE"
    part_of: int | None = None  # index of the operation this count is a breakdown of
    rule: str = ""
    confidence: float = 1.0

    @property
    def is_approximate(self) -> bool:
        return self.qualifier != "exact"


@dataclass
class Quote:
    """The exact quoted words (without the quotation marks) and who said them."""

    text: str
    start: int  # span of text in the article text (inside the marks)
    end: int
    speaker: str | None = None  # canonical full name of the person or organisation
    speaker_kind: str | None = None  # one of SPEAKER_KINDS
    speaker_role: str | None = None  # e.g. "spokesman", "Los Angeles field office director"
    speaker_affiliation: str | None = None  # e.g. "ICE"
    # The mention the speaker was resolved through ("he", "Marin", "ICE spokesman Bryan Cox").
    mention_text: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Extraction:
    """Everything extracted from one article."""

    quotes: list[Quote] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)


@dataclass
class ArticleMeta:
    """Metadata of an article as given on import (all optional)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    source_file: str | None = None
