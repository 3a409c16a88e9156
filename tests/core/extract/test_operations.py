"""Arrest-count extraction: the seed article and short constructed articles."""

from datetime import date
from pathlib import Path

import pytest

from archive_gui.core.extract.operations import extract_operations
from archive_gui.core.records import QUALIFIERS, Place

SEED = Path("/work/shared/seed/atlanta-ice-arrests.txt")
PUBLISHED = date(2017, 2, 10)  # a Friday


def operations(text, published=PUBLISHED):
    """Extract and check the span invariants every operation must keep."""
    found = extract_operations(text, published)
    for op in found:
        assert text[op.start : op.end] == op.count_text
        assert op.qualifier in QUALIFIERS
        if op.place_text is not None:
            assert text[op.place_start : op.place_end] == op.place_text
        if op.part_of is not None:
            assert 0 <= op.part_of < len(found)
    return found


def only(text, published=PUBLISHED):
    (op,) = operations(text, published)
    return op


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article():
    ops = operations(SEED.read_text(encoding="utf-8"))
    summary = [
        (op.count, op.qualifier, op.count_text, op.place, op.period_text, op.part_of) for op in ops
    ]
    atlanta_city = Place("city", "Atlanta", "GA", "Atlanta")
    los_angeles = Place("city", "Los Angeles", "CA", "Los Angeles")
    assert summary == [
        (100, "hundreds", "hundreds", Place("nationwide", "United States"), "this week", None),
        (30, "about", "about 30", atlanta_city, "this week", 0),
        (192, "exact", "192", Place("area", "Atlanta", None, "Atlanta"), "this week", None),
        (100, "nearly", "Nearly 100", Place("state", "Georgia", "GA", "Atlanta"), "this week", 2),
        (160, "more_than", "More than 160", los_angeles, "this week", None),
        (200, "about", "about 200", los_angeles, "this summer", None),
    ]
    assert all(op.agency == "ICE" for op in ops)
    week = (date(2017, 2, 6), date(2017, 2, 10))
    assert all((op.period_start, op.period_end) == week for op in ops[:5])
    assert (ops[5].period_start, ops[5].period_end) == (date(2016, 6, 1), date(2016, 8, 31))
    assert [op.place_text for op in ops] == [
        "across the country",
        "the Atlanta area",
        "Atlanta area of operations",
        "Georgia",
        "the Los Angeles area",
        "the Los Angeles area",
    ]


@pytest.mark.parametrize(
    ("text", "count", "qualifier", "count_text"),
    [
        ("Fifty-nine people were arrested in Ohio.", 59, "exact", "Fifty-nine"),
        ("ICE arrested six hundred and eighty people.", 680, "exact", "six hundred and eighty"),
        ("Agents detained two dozen workers.", 24, "exact", "two dozen"),
        ("Agents arrested dozens of people.", 12, "dozens", "dozens"),
        ("Agents rounded up thousands of migrants.", 1000, "thousands", "thousands"),
        ("Agents arrested about 30 people.", 30, "about", "about 30"),
        ("Nearly 100 people were apprehended.", 100, "nearly", "Nearly 100"),
        ("More than 160 people were arrested.", 160, "more_than", "More than 160"),
        ("At least 12 people were taken into custody.", 12, "at_least", "At least 12"),
        ("Up to 40 people were picked up.", 40, "up_to", "Up to 40"),
        ("Between 40 and 50 people were detained.", 40, "at_least", "Between 40 and 50"),
        ("Agents took 14 people into custody.", 14, "exact", "14"),
        ("ICE made more than 1,000 arrests.", 1000, "more_than", "more than 1,000"),
        ("Of the 15 people arrested, most had records.", 15, "exact", "15"),
        ("Arrests exceeded 600 that month.", 600, "more_than", "exceeded 600"),
    ],
)
def test_count_patterns(text, count, qualifier, count_text):
    op = only(text)
    assert (op.count, op.qualifier, op.count_text) == (count, qualifier, count_text)


@pytest.mark.parametrize(
    "text",
    [
        "ICE deployed 300 agents to the city.",
        "About 300 officers were deployed and 40 agents were arrested.",
        "Officials targeted 300 people in the operation.",
        "Agents sought 120 fugitives but found few.",
        "About 40 percent of those arrested had no criminal record.",
        "The agency issued 1,200 detainers last year.",
        "ICE carried out 2,000 deportations in 2018.",
        "The operation cost $5 million and lasted five days.",
        "They were arrested in a five-day period.",
        "We do these operations two to three times a year.",
        "Immigrants from 12 countries were arrested.",
        "John Smith, 35, was arrested in Atlanta.",
        "No one was arrested.",
        "About 300 people were not arrested.",
        "Nearly 2,000 immigrants could be arrested.",
        "ICE plans to arrest 500 people.",
        "Police arrested 12 protesters outside the building.",
        "Since 2014, arrests have risen.",
    ],
)
def test_not_operations(text):
    assert operations(text) == []


def test_dateline_fallback():
    op = only("OAKLAND, Calif. (AP) — Immigration agents arrested 150 people, ICE said.")
    assert op.place == Place("city", "Oakland", "CA", "San Francisco")
    assert op.place_text == "OAKLAND, Calif."
    assert op.agency == "ICE"


def test_place_in_sentence_beats_dateline():
    op = only("LOS ANGELES — Agents arrested 40 people in Chicago.")
    assert op.place == Place("city", "Chicago", "IL", "Chicago")


def test_place_from_preceding_paragraph():
    text = "Officers swept through Phoenix this week.\n\nThey arrested 35 people."
    op = only(text)
    assert op.place.name == "Phoenix"
    assert op.period_text is None


def test_list_of_places_before_makes_place_ambiguous():
    text = "Raids hit Chicago, Denver and Boston.\n\nAgents arrested 35 people."
    assert only(text).place is None


def test_list_of_states_covering_an_area():
    op = only("Agents arrested 680 people in Georgia, North Carolina and South Carolina.")
    assert op.place == Place("area", "Atlanta", None, "Atlanta")
    assert op.place_text == "Georgia, North Carolina and South Carolina"


def test_list_of_unrelated_states_has_text_but_no_place():
    op = only("Agents arrested 680 people in Georgia, Texas and Ohio.")
    assert op.place is None
    assert op.place_text == "Georgia, Texas and Ohio"


def test_descriptive_aside_does_not_steal_place():
    text = (
        "In the Chicago area of operations — which includes Illinois, Indiana and "
        "Wisconsin — 230 people were arrested."
    )
    op = only(text)
    assert op.place == Place("area", "Chicago", None, "Chicago")


def test_city_with_state_outside_gazetteer():
    op = only("Agents detained 32 workers at a plant in Morton, Miss., on Wednesday.")
    assert op.place == Place("city", "Morton", "MS", "New Orleans")
    assert op.period_start == date(2017, 2, 8)


def test_nationwide():
    op = only("ICE arrested 680 people nationwide last week.")
    assert op.place == Place("nationwide", "United States")
    assert (op.period_start, op.period_end) == (date(2017, 1, 30), date(2017, 2, 5))


def test_places_split_between_clauses():
    text = "At least 37 people were arrested in Austin, while up to 50 were detained in Houston."
    first, second = operations(text)
    assert (first.place.name, second.place.name) == ("Austin", "Houston")


def test_coordinated_counts():
    first, second = operations("ICE arrested 50 people in Texas and 30 in Georgia.")
    assert (first.count, first.place.name, second.count, second.place.name) == (
        50,
        "Texas",
        30,
        "Georgia",
    )
    assert second.part_of is None


def test_breakdown_with_including():
    parent, child = operations(
        "Agents arrested 680 people across the country, including 50 in Dallas, ICE said."
    )
    assert child.part_of == 0
    assert child.place.name == "Dallas"
    assert parent.place.kind == "nationwide"


def test_breakdown_of_them_inherits_period_and_agency():
    text = "CBP agents apprehended 300 migrants last month. Nearly 200 of them were adults."
    parent, child = operations(text)
    assert (child.part_of, child.agency, child.period_text) == (0, "CBP", "last month")


def test_same_figure_twice_in_a_sentence_counts_once():
    text = "ICE arrested 75 people, and the 75 people arrested were all adults."
    assert len(operations(text)) == 1


def test_period_inherited_from_previous_operation():
    text = "ICE arrested 40 people in Denver on Tuesday. Agents arrested 12 more in Boulder."
    first, second = operations(text)
    assert second.period_text == "Tuesday"
    assert second.period_start == date(2017, 2, 7)


def test_speech_day_is_not_the_arrest_period():
    op = only("ICE said Friday that agents arrested 40 people in Denver.")
    assert op.period_text is None


def test_agency_names_are_normalised():
    cases = {
        "U.S. Immigration and Customs Enforcement arrested 40 people.": "ICE",
        "U.S. Customs and Border Protection arrested 40 people.": "CBP",
        "Border Patrol agents arrested 40 people.": "Border Patrol",
        "Homeland Security Investigations agents arrested 40 people.": "HSI",
        "The Department of Homeland Security arrested 40 people.": "DHS",
        "The U.S. Marshals Service arrested 40 people.": "U.S. Marshals",
    }
    for text, agency in cases.items():
        assert only(text).agency == agency


def test_agency_from_article_when_sentence_is_generic():
    text = "ICE has stepped up operations.\n\nFederal immigration authorities arrested 40 people."
    assert only(text).agency == "ICE"


def test_without_publication_date_periods_have_no_dates():
    op = only("ICE arrested 40 people this week.", published=None)
    assert (op.period_text, op.period_start, op.period_end) == ("this week", None, None)


def test_pathological_inputs_terminate():
    texts = [
        "",
        "—" * 5000,
        "1 " * 5000,
        "arrested " * 3000 + "5",
        "In Georgia, " * 2000,
        "(" * 3000 + "were arrested",
        "about about about 1 " * 1000 + " were arrested",
    ]
    for text in texts:
        operations(text)
