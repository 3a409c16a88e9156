"""Extraction accuracy measured against the hand-annotated gold corpus in ``resources/gold``.

The extractors are rule-based and tuned by hand, so every change needs a number that says
whether it helped: quote spans, speakers and operations are scored against annotations that
``resources/gold/README.md`` documents. Matching is one-to-one, so an extractor cannot earn
credit twice for one gold record by emitting it twice.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from archive_gui.core.paths import bundled_path
from archive_gui.core.records import Extraction, Operation, Place, Quote

SPLITS = ("dev", "heldout")

Extractor = Callable[[str, date | None], Extraction]

# Curly marks folded to straight ones, so a quote matches whichever marks the text used.
_FOLD_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
# Stripped from both ends of a quote: marks, whitespace and the punctuation that articles
# put inside or outside the closing mark depending on house style.
_QUOTE_EDGES = " \t\n\"'.,;:!?…—–-"

# Organisations that articles name in more than one way; the first name is canonical.
ORGANIZATION_ALIASES: tuple[tuple[str, ...], ...] = (
    (
        "ICE",
        "U.S. Immigration and Customs Enforcement",
        "Immigration and Customs Enforcement",
        "U.S. Immigration and Customs Enforcement (ICE)",
    ),
    (
        "DHS",
        "Department of Homeland Security",
        "U.S. Department of Homeland Security",
        "Homeland Security",
        "Homeland Security Department",
    ),
    ("CBP", "U.S. Customs and Border Protection", "Customs and Border Protection"),
    ("Border Patrol", "U.S. Border Patrol"),
    ("HSI", "Homeland Security Investigations"),
    ("IRS", "Internal Revenue Service"),
    ("ACLU", "American Civil Liberties Union"),
)

# Place names printed in more than one way (AP style, field office names).
PLACE_ALIASES: tuple[tuple[str, ...], ...] = (
    ("New York City", "New York", "NYC"),
    ("Washington", "Washington, D.C.", "District of Columbia", "D.C."),
    ("St. Paul", "Saint Paul"),
    ("Salt Lake City", "Salt Lake"),
)


def fold_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name ("U.S." -> "us")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[.'’]", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _alias_table(groups: Iterable[tuple[str, ...]]) -> dict[str, str]:
    return {fold_name(name): fold_name(group[0]) for group in groups for name in group}


_ORGANIZATIONS = _alias_table(ORGANIZATION_ALIASES)
_PLACES = _alias_table(PLACE_ALIASES)


def normalise_quote(text: str) -> str:
    """The quote as compared: straight marks, single spaces, no edge marks or punctuation."""
    return " ".join(text.translate(_FOLD_MARKS).split()).strip(_QUOTE_EDGES)


def same_speaker(gold: str | None, predicted: str | None, organization: bool = False) -> bool:
    """Whether two speaker names denote the same person or organisation.

    A person named by surname only ("Marin") matches the full name ("David Marin"), since
    an extractor may not have resolved the full name; organisations must match by name or
    alias, because "Forum" is not "National Immigration Forum".
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_key = _ORGANIZATIONS.get(fold_name(gold), fold_name(gold))
    predicted_key = _ORGANIZATIONS.get(fold_name(predicted), fold_name(predicted))
    if gold_key == predicted_key:
        return True
    if organization or not gold_key or not predicted_key:
        return False
    shorter, longer = sorted((gold_key.split(), predicted_key.split()), key=len)
    return longer[-len(shorter) :] == shorter


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str | None
    speaker_kind: str | None = None


@dataclass(frozen=True)
class GoldOperation:
    count: int
    qualifier: str
    place: Place | None
    period_text: str | None = None
    part_of: int | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article with its text, as ``gold.json`` and ``articles/`` give it."""

    file: str
    split: str
    published: date | None
    outlet: str | None
    title: str | None
    text: str
    quotes: tuple[GoldQuote, ...]
    operations: tuple[GoldOperation, ...]
    # Which writing round the article came from ("heldout-4"); blind sets are reported apart.
    origin: str | None = None


def default_gold_path() -> Path:
    return bundled_path("resources", "gold", "gold.json")


def load_gold(path: Path | None = None) -> list[GoldArticle]:
    """Read the gold annotations and the text of every article they describe."""
    path = path or default_gold_path()
    document = json.loads(path.read_text(encoding="utf-8"))
    articles = []
    for entry in document["articles"]:
        published = entry.get("published")
        articles.append(
            GoldArticle(
                file=entry["file"],
                split=entry["split"],
                published=date.fromisoformat(published) if published else None,
                outlet=entry.get("outlet"),
                title=entry.get("title"),
                text=(path.parent / "articles" / entry["file"]).read_text(encoding="utf-8"),
                quotes=tuple(
                    GoldQuote(q["text"], q.get("speaker"), q.get("speaker_kind"))
                    for q in entry["quotes"]
                ),
                operations=tuple(_gold_operation(op) for op in entry["operations"]),
                origin=entry.get("origin"),
            )
        )
    return articles


def _gold_operation(entry: dict) -> GoldOperation:
    place = entry.get("place")
    return GoldOperation(
        count=entry["count"],
        qualifier=entry["qualifier"],
        place=Place(place["kind"], place["name"], place.get("state")) if place else None,
        period_text=entry.get("period_text"),
        part_of=entry.get("part_of"),
    )


def same_place(gold: Place | None, predicted: Place | None) -> bool:
    """Same kind and name (states by code when both have one); "nationwide" needs no name."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if gold.kind != predicted.kind:
        return False
    if gold.kind == "nationwide":
        return True
    if gold.kind == "state" and gold.state and predicted.state:
        return gold.state == predicted.state
    gold_name = _PLACES.get(fold_name(gold.name), fold_name(gold.name))
    predicted_name = _PLACES.get(fold_name(predicted.name), fold_name(predicted.name))
    if gold_name != predicted_name:
        return False
    if gold.kind == "city" and gold.state and predicted.state:
        return gold.state == predicted.state
    return True


@dataclass
class Counts:
    """True positives, false positives and false negatives of one kind of record."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted: there is no wrong prediction to count."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """The figures of one article or of a set of articles."""

    quote_spans: Counts = field(default_factory=Counts)
    speakers_right: int = 0  # among quotes whose span matched
    attributed: Counts = field(default_factory=Counts)  # span and speaker both right
    operations: Counts = field(default_factory=Counts)

    def __iadd__(self, other: Scores) -> Scores:
        self.quote_spans += other.quote_spans
        self.speakers_right += other.speakers_right
        self.attributed += other.attributed
        self.operations += other.operations
        return self

    @property
    def speaker_accuracy(self) -> float | None:
        """Share of matched quotes with the right speaker; None when no quote matched."""
        matched = self.quote_spans.tp
        return self.speakers_right / matched if matched else None


@dataclass
class ArticleResult:
    file: str
    split: str
    scores: Scores
    errors: list[str]
    origin: str | None = None


def _pair(
    gold: Sequence, predicted: Sequence, passes: Sequence[Callable[[object, object], bool]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), trying the strictest test first.

    Each pass only pairs records the earlier passes left unpaired, so among duplicates a
    prediction with the right speaker is preferred over one with the wrong speaker.
    """
    pairs: list[tuple[int, int]] = []
    free_gold = list(range(len(gold)))
    free_predicted = list(range(len(predicted)))
    for test in passes:
        for g in list(free_gold):
            match = next((p for p in free_predicted if test(gold[g], predicted[p])), None)
            if match is not None:
                pairs.append((g, match))
                free_gold.remove(g)
                free_predicted.remove(match)
    return sorted(pairs)


def _counts(pairs: int, gold: int, predicted: int) -> Counts:
    return Counts(tp=pairs, fp=predicted - pairs, fn=gold - pairs)


def _speaker_right(gold: GoldQuote, predicted: Quote) -> bool:
    organization = "organization" in (gold.speaker_kind, predicted.speaker_kind)
    return same_speaker(gold.speaker, predicted.speaker, organization)


def _same_span(gold: GoldQuote, predicted: Quote) -> bool:
    return normalise_quote(gold.text) == normalise_quote(predicted.text)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _place_label(place: Place | None) -> str:
    return place.label if place else "no place"


def score_article(article: GoldArticle, extraction: Extraction) -> ArticleResult:
    """Score one article's extraction and describe every miss and false positive."""
    errors: list[str] = []
    quotes = extraction.quotes
    quote_pairs = _pair(
        article.quotes,
        quotes,
        [lambda g, p: _same_span(g, p) and _speaker_right(g, p), _same_span],
    )
    speakers_right = 0
    for g, p in quote_pairs:
        if _speaker_right(article.quotes[g], quotes[p]):
            speakers_right += 1
        else:
            errors.append(
                f"speaker wrong: “{_short(quotes[p].text)}” "
                f"gold {article.quotes[g].speaker!r}, got {quotes[p].speaker!r}"
            )
    paired_gold = {g for g, _ in quote_pairs}
    paired_predicted = {p for _, p in quote_pairs}
    for index, quote in enumerate(article.quotes):
        if index not in paired_gold:
            errors.append(f"quote missed: “{_short(quote.text)}” ({quote.speaker!r})")
    for index, quote in enumerate(quotes):
        if index not in paired_predicted:
            errors.append(f"quote false positive: “{_short(quote.text)}” ({quote.speaker!r})")

    operations = extraction.operations
    operation_pairs = _pair(
        article.operations,
        operations,
        [lambda g, p: g.count == p.count and same_place(g.place, p.place)],
    )
    paired_gold = {g for g, _ in operation_pairs}
    paired_predicted = {p for _, p in operation_pairs}
    for index, gold_op in enumerate(article.operations):
        if index not in paired_gold:
            errors.append(f"operation missed: {gold_op.count} at {_place_label(gold_op.place)}")
    for index, op in enumerate(operations):
        if index not in paired_predicted:
            errors.append(_false_operation(op))

    scores = Scores(
        quote_spans=_counts(len(quote_pairs), len(article.quotes), len(quotes)),
        speakers_right=speakers_right,
        attributed=_counts(speakers_right, len(article.quotes), len(quotes)),
        operations=_counts(len(operation_pairs), len(article.operations), len(operations)),
    )
    return ArticleResult(article.file, article.split, scores, errors)


def _false_operation(op: Operation) -> str:
    return (
        f"operation false positive: {op.count} at {_place_label(op.place)} "
        f"(“{_short(op.count_text, 30)}”)"
    )


def evaluate(articles: Iterable[GoldArticle], extractor: Extractor) -> list[ArticleResult]:
    """Run ``extractor`` on every article and score it.

    An extractor that raises on one article scores nothing there (everything is a miss)
    instead of stopping the run, so one bad article does not hide the others' figures.
    """
    results = []
    for article in articles:
        try:
            extraction = extractor(article.text, article.published)
            failure = None
        except Exception as error:
            extraction = Extraction()
            failure = f"extraction failed: {type(error).__name__}: {error}"
        result = score_article(article, extraction)
        result.origin = article.origin
        if failure:
            result.errors.insert(0, failure)
        results.append(result)
    return results


def total(results: Iterable[ArticleResult], split: str | None = None) -> Scores:
    """Summed scores of the results in ``split`` (all results when ``split`` is None)."""
    summed = Scores()
    for result in results:
        if split is None or result.split == split:
            summed += result.scores
    return summed
