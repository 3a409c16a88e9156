"""The evaluation metrics on hand-made extractions, and the well-formedness of the gold corpus.

No test here asserts how well the extractors do: the figures move as rules change, and
``python -m archive_gui.evaluate`` is where they are read.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from archive_gui.core.evaluation import (
    SPLITS,
    GoldArticle,
    GoldOperation,
    GoldQuote,
    evaluate,
    load_gold,
    normalise_quote,
    same_speaker,
    score_article,
    total,
)
from archive_gui.core.records import PLACE_KINDS, QUALIFIERS, Extraction, Operation, Place, Quote
from archive_gui.evaluate import main

TEXT = (
    "ATLANTA — About 30 people were arrested in Atlanta. Nearly 100 were arrested in Georgia.\n\n"
    "“We arrest people every day,” said ICE spokesman Bryan Cox.\n\n"
    "“This is routine,” he said."
)
ATLANTA = Place("city", "Atlanta", "GA")
GEORGIA = Place("state", "Georgia", "GA")


def gold_article(**changes) -> GoldArticle:
    fields = {
        "file": "atlanta.txt",
        "split": "dev",
        "published": date(2017, 2, 10),
        "outlet": None,
        "title": None,
        "text": TEXT,
        "quotes": (
            GoldQuote("We arrest people every day,", "Bryan Cox", "person"),
            GoldQuote("This is routine,", "Bryan Cox", "person"),
        ),
        "operations": (
            GoldOperation(30, "about", ATLANTA),
            GoldOperation(100, "nearly", GEORGIA),
        ),
    }
    return GoldArticle(**(fields | changes))


def quote(text: str, speaker: str | None = "Bryan Cox", kind: str = "person") -> Quote:
    return Quote(text=text, start=0, end=len(text), speaker=speaker, speaker_kind=kind)


def operation(count: int, place: Place | None) -> Operation:
    return Operation(
        count=count, qualifier="exact", count_text=str(count), start=0, end=1, place=place
    )


def perfect() -> Extraction:
    return Extraction(
        quotes=[quote("We arrest people every day,"), quote("This is routine,")],
        operations=[operation(30, ATLANTA), operation(100, GEORGIA)],
    )


def test_a_perfect_extraction_scores_one_everywhere():
    result = score_article(gold_article(), perfect())

    scores = result.scores
    assert scores.quote_spans.f1 == 1.0
    assert scores.speaker_accuracy == 1.0
    assert scores.attributed.f1 == 1.0
    assert scores.operations.f1 == 1.0
    assert result.errors == []


def test_a_missing_quote_lowers_recall_and_is_listed():
    extraction = perfect()
    del extraction.quotes[1]

    result = score_article(gold_article(), extraction)

    assert result.scores.quote_spans.precision == 1.0
    assert result.scores.quote_spans.recall == 0.5
    assert result.errors == ["quote missed: “This is routine,” ('Bryan Cox')"]


def test_a_wrong_speaker_lowers_speaker_accuracy_but_not_span_f1():
    extraction = perfect()
    extraction.quotes[1] = quote("This is routine,", "David Marin")

    scores = score_article(gold_article(), extraction).scores

    assert scores.quote_spans.f1 == 1.0
    assert scores.speaker_accuracy == 0.5
    assert scores.attributed.f1 == 0.5


def test_quotes_match_across_curly_and_straight_marks_and_edge_punctuation():
    gold = gold_article(quotes=(GoldQuote("It’s “routine” work,", "Bryan Cox"),))
    extraction = Extraction(quotes=[quote('"It\'s "routine" work"')])

    assert score_article(gold, extraction).scores.quote_spans.f1 == 1.0
    assert normalise_quote("  “We arrest people every day,”\n") == "We arrest people every day"


def test_duplicate_predictions_are_not_counted_twice():
    extraction = perfect()
    extraction.quotes.append(quote("We arrest people every day,"))
    extraction.operations.append(operation(30, ATLANTA))

    scores = score_article(gold_article(), extraction).scores

    assert (scores.quote_spans.tp, scores.quote_spans.fp) == (2, 1)
    assert (scores.operations.tp, scores.operations.fp) == (2, 1)


def test_duplicate_gold_quotes_prefer_the_prediction_with_the_right_speaker():
    gold = gold_article(
        quotes=(
            GoldQuote("Enough is enough", "Paul Amundsen"),
            GoldQuote("Enough is enough,", None),
        )
    )
    extraction = Extraction(
        quotes=[quote("Enough is enough,", None), quote("Enough is enough", "Amundsen")]
    )

    assert score_article(gold, extraction).scores.speaker_accuracy == 1.0


def test_an_operation_needs_both_count_and_place():
    extraction = perfect()
    extraction.operations = [operation(30, GEORGIA), operation(99, GEORGIA)]

    result = score_article(gold_article(), extraction)

    assert result.scores.operations.tp == 0
    assert "operation missed: 30 at Atlanta, GA" in result.errors
    assert any(e.startswith("operation false positive: 99 at Georgia") for e in result.errors)


@pytest.mark.parametrize(
    ("gold", "predicted", "kind"),
    [
        (Place("nationwide", "nationwide"), Place("nationwide", "United States"), "any name"),
        (Place("city", "New York City", "NY"), Place("city", "New York", "NY"), "alias"),
        (Place("city", "Atlanta", "GA"), Place("city", "atlanta", None), "state unknown"),
        (Place("area", "St. Paul"), Place("area", "Saint Paul", None, "St. Paul"), "alias"),
    ],
)
def test_places_match_by_kind_and_normalised_name(gold, predicted, kind):
    article = gold_article(operations=(GoldOperation(5, "exact", gold),))
    extraction = Extraction(operations=[operation(5, predicted)])

    assert score_article(article, extraction).scores.operations.f1 == 1.0, kind


def test_places_of_another_kind_or_state_do_not_match():
    article = gold_article(operations=(GoldOperation(192, "exact", Place("area", "Atlanta")),))
    for predicted in (ATLANTA, Place("city", "Atlanta", "TX"), None):
        extraction = Extraction(operations=[operation(192, predicted)])
        assert score_article(article, extraction).scores.operations.tp == 0


@pytest.mark.parametrize(
    ("gold", "predicted", "organization", "same"),
    [
        ("David Marin", "Marin", False, True),
        ("Kevin de León", "de Leon", False, True),
        ("Kevin de León", "KEVIN DE LEÓN", False, True),
        ("ICE", "U.S. Immigration and Customs Enforcement", True, True),
        ("DHS", "Department of Homeland Security", True, True),
        ("National Immigration Forum", "Forum", True, False),
        ("David Marin", "Bryan Cox", False, False),
        ("David Marin", "David", False, False),
        (None, None, False, True),
        ("David Marin", None, False, False),
    ],
)
def test_speaker_names_are_compared_leniently_but_not_loosely(gold, predicted, organization, same):
    assert same_speaker(gold, predicted, organization) is same


def test_an_extractor_that_raises_scores_nothing_for_that_article_only():
    def flaky(text: str, published: date | None) -> Extraction:
        if "Atlanta" in text:
            raise ValueError("boom")
        return Extraction()

    other = gold_article(file="empty.txt", text="Nothing here.", quotes=(), operations=())
    results = evaluate([gold_article(), other], flaky)

    assert results[0].errors[0] == "extraction failed: ValueError: boom"
    assert results[0].scores.quote_spans.recall == 0.0
    assert results[1].scores.operations.f1 == 1.0
    assert total(results).operations.fn == 2


# --- the gold corpus itself -------------------------------------------------------------


@pytest.fixture(scope="module")
def gold():
    return load_gold()


def test_gold_articles_exist_and_splits_are_valid(gold):
    assert len(gold) >= 40
    assert {article.split for article in gold} == set(SPLITS)
    assert len({article.file for article in gold}) == len(gold)
    assert all(article.text.strip() for article in gold)


def test_every_gold_quote_occurs_verbatim_in_its_article(gold):
    missing = [
        (article.file, q.text)
        for article in gold
        for q in article.quotes
        if q.text not in article.text
    ]
    assert missing == []


def test_gold_operations_are_well_formed(gold):
    for article in gold:
        for op in article.operations:
            assert op.count > 0 and op.qualifier in QUALIFIERS, article.file
            if op.place is not None:
                assert op.place.kind in PLACE_KINDS, article.file
                assert op.place.state is None or re.fullmatch(r"[A-Z]{2}", op.place.state)
            if op.part_of is not None:
                assert 0 <= op.part_of < len(article.operations), article.file
                assert article.operations[op.part_of].part_of is None, article.file


def test_the_seed_article_is_annotated_as_the_project_expects(gold):
    seed = next(article for article in gold if article.file == "seed-atlanta-2017.txt")

    speakers = [q.speaker for q in seed.quotes]
    assert len(seed.quotes) == 12
    assert {s: speakers.count(s) for s in set(speakers)} == {
        "Bryan Cox": 2,
        "ICE": 1,
        "David Marin": 4,
        "Ali Noorani": 3,
        "Kevin de León": 2,
    }
    assert [(op.count, op.place.kind, op.part_of) for op in seed.operations] == [
        (100, "nationwide", None),
        (30, "city", 0),
        (192, "area", None),
        (100, "state", 2),
        (160, "city", None),
        (200, "city", None),
    ]


def test_the_command_prints_the_four_figures_per_split(capsys, monkeypatch):
    monkeypatch.setattr("archive_gui.core.extract.extract", lambda text, published: Extraction())

    assert main(["--split", "all", "--verbose"]) == 0

    out = capsys.readouterr().out
    assert "quote span F1" in out and "operation F1" in out
    dev_articles = sum(article.split == "dev" for article in load_gold())
    assert re.search(rf"^dev\s+{dev_articles}\s", out, re.MULTILINE)
    assert re.search(r"^heldout\s+\d+\s", out, re.MULTILINE)
    assert "quote missed:" in out


def test_each_blind_round_of_the_held_out_split_gets_its_own_row():
    from archive_gui.evaluate import report

    def result(origin: str, perfect_run: bool):
        article = gold_article(split="heldout", file=f"{origin}.txt")
        extraction = perfect() if perfect_run else Extraction()
        scored = score_article(article, extraction)
        scored.origin = origin
        return scored

    out = report([result("heldout-3", True), result("heldout-4", False)], "heldout", False)

    assert re.search(r"^ heldout-3\s+1\s+1\.000", out, re.MULTILINE)
    assert re.search(r"^ heldout-4\s+1\s+0\.000", out, re.MULTILINE)
    single = report([result("heldout-3", True)], "heldout", False)
    assert "heldout-3" not in single
