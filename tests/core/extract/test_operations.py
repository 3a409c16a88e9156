"""Arrest-count extraction: the seed article and short constructed articles."""

import multiprocessing
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
    text = (
        "CBP agents apprehended 300 migrants last month. Nearly 200 of them were caught in Texas."
    )
    parent, child = operations(text)
    assert (child.part_of, child.agency, child.period_text) == (0, "CBP", "last month")
    assert child.place.name == "Texas"


@pytest.mark.parametrize(
    "second",
    [
        "Nearly 200 of them were adults.",
        "The agency said 71 of those arrested had been released by local authorities.",
        "More than 60 of those arrested had criminal convictions, and 12 were gang members.",
        "Of those arrested, 24 were members of gangs.",
        "ICE lodged detainers against 21 of those arrested who were in local jails.",
        "At least three of my clients were picked up at home, a lawyer said.",
        "An attorney, who represents nine of those detained, disputed that.",
    ],
)
def test_subsets_by_attribute_are_not_operations(second):
    ops = operations(f"Agents arrested 300 people in Ohio last month. {second}")
    assert [op.count for op in ops] == [300]


def test_subset_including_without_place_is_dropped_but_with_place_kept():
    text = (
        "ICE arrested 1,461 people in Massachusetts, including 790 with criminal records. "
        "Arrests took place across the state, including 212 in Boston and 94 in Worcester."
    )
    ops = operations(text)
    assert [(op.count, op.place.name, op.part_of) for op in ops] == [
        (1461, "Massachusetts", None),
        (212, "Boston", 0),
        (94, "Worcester", 0),
    ]


def test_which_included_aside_breaks_down_previous_count():
    text = (
        "Agents arrested 189 people in Arizona. "
        "The arrests, which included 112 in Tucson, were planned months ago."
    )
    parent, child = operations(text)
    assert (child.count, child.place.name, child.part_of) == (112, "Tucson", 0)


def test_comma_which_aside_does_not_lend_places():
    text = (
        "Officers arrested 152 people in the Atlanta area of responsibility, which covers "
        "Georgia and the Carolinas, as part of a sweep."
    )
    assert only(text).place == Place("area", "Atlanta", None, "Atlanta")


def test_reference_back_to_stated_total_is_not_counted_again():
    text = (
        "Agents arrested 112 workers in Omaha on Tuesday.\n\n"
        "Of the 112 people arrested, 17 were released the same day."
    )
    assert [op.count for op in operations(text)] == [112]


def test_group_size_after_possessive_is_not_a_count():
    text = "The company did not say how many of its 1,100 employees were arrested."
    assert operations(text) == []


def test_none_of_the_arrests_negates_the_place():
    text = "ICE said none of the 121 arrests it made this month took place in California."
    op = only(text)
    assert (op.count, op.place) == (121, None)


def test_press_release_list_in_parentheses():
    text = (
        "Arrests were made in the following cities: Baltimore (28); Boston (45); "
        "Chicago (27); Denver (63); Los Angeles (101); New York (107); Philadelphia (107); "
        "San Jose (27); Seattle (33); and Washington, D.C. (14)."
    )
    ops = operations(text)
    assert [(op.count, op.place.name) for op in ops] == [
        (28, "Baltimore"),
        (45, "Boston"),
        (27, "Chicago"),
        (63, "Denver"),
        (101, "Los Angeles"),
        (107, "New York"),
        (107, "Philadelphia"),
        (27, "San Jose"),
        (33, "Seattle"),
        (14, "Washington"),
    ]
    assert all(op.rule == "listed" for op in ops)


def test_parenthesised_number_without_arrests_is_not_listed():
    assert operations("The plant employs workers in Denver (300) and Omaha (250).") == []


def test_elliptical_list_after_semicolon():
    text = "In Louisiana, officers arrested 78; in Tennessee, 64."
    first, second = operations(text)
    assert [(op.count, op.place.name) for op in (first, second)] == [
        (78, "Louisiana"),
        (64, "Tennessee"),
    ]


def test_elliptical_list_mixing_and_and_semicolons():
    text = "ICE officers arrested 14 in Hartford and 9 in Bridgeport; in New Haven, 6."
    assert [(op.count, op.place.name) for op in operations(text)] == [
        (14, "Hartford"),
        (9, "Bridgeport"),
        (6, "New Haven"),
    ]


def test_full_gazetteer_skips_names_more_common_abroad():
    assert only("Agents arrested 12 people in Durango on Monday.").place is None
    op = only("Agents arrested 30 people in Spring, a Houston suburb.")
    assert (op.place.name, op.place.state) == ("Spring", "TX")


def test_nationally_is_nationwide():
    op = only("Nationally, ICE said it had arrested more than 275 people in the operation.")
    assert op.place.kind == "nationwide"


def test_headline_above_dateline_is_read_and_takes_dateline_place():
    text = (
        "Around 50 arrested as ICE targets employers\n\n"
        "EL PASO, Texas — Around 50 people were arrested this week at businesses, ICE said."
    )
    first, second = operations(text)
    assert (first.count, first.place.name, second.place.name) == (50, "El Paso", "El Paso")
    assert first.place_text == "EL PASO, Texas"


def test_headline_present_tense_and_title_case():
    text = (
        "ICE Arrests More Than 1,600 Illegal Aliens in Los Angeles Since June 6\n\n"
        "WASHINGTON — The agency made the arrests over three weeks."
    )
    op = only(text)
    assert (op.count, op.qualifier, op.place.name) == (1600, "more_than", "Los Angeles")
    assert op.rule == "active"
    assert only("Fugitive teams arrest dozens in Tucson\n\nBy A. Writer").count == 12


def test_bare_present_tense_in_running_text_is_not_an_arrest():
    assert operations('"When you arrest 152 people, I want to see records," she said.') == []


def test_arrests_top_a_figure():
    op = only("Border Patrol arrests top 250 in Charlotte")
    assert (op.count, op.place.name) == (250, "Charlotte")


def test_agency_office_name_yields_to_place_after_count():
    text = "ICE Boston arrested 1,461 people during a month-long Massachusetts operation."
    assert only(text).place.name == "Massachusetts"


def test_statewide_takes_the_state_named_before():
    text = "ICE has stepped up raids in Ohio.\n\nAgents arrested 140 people across the state."
    assert only(text).place == Place("state", "Ohio", "OH", "Detroit")


def test_city_from_full_gazetteer_with_state_from_context():
    text = "BOSTON — ICE arrested 300 people, including 94 in Lawrence and 23 in Haverhill."
    ops = operations(text)
    assert [(op.count, op.place.name, op.place.state) for op in ops] == [
        (300, "Boston", "MA"),
        (94, "Lawrence", "MA"),
        (23, "Haverhill", "MA"),
    ]


def test_full_gazetteer_city_needs_a_preposition_and_no_capitalised_follower():
    assert only("Agents arrested 40 people in Orange County.").place is None
    assert only("Lawrence said agents arrested 40 people.").place is None


def test_bare_dateline_town_takes_the_articles_state():
    text = (
        "MORTON — Agents arrested 680 workers at plants in six Mississippi towns.\n\n"
        "Agents detained 84 workers at the plant in Morton alone."
    )
    first, second = operations(text)
    assert (first.place.name, first.place.state) == ("Mississippi", "MS")
    assert second.place == Place("city", "Morton", "MS", "New Orleans")


def test_washington_state_or_capital_from_the_other_places():
    state = only("SEATTLE — Agents arrested 40 people in Washington, ICE said.")
    assert state.place == Place("state", "Washington", "WA", "Seattle")
    capital = only("Officers from Virginia arrested 40 people in Washington on Monday.")
    assert (capital.place.kind, capital.place.state) == ("city", "DC")
    assert only("Agents arrested 40 people, officials in Washington said.").place is None
    area = only("The Washington field office arrested 40 people.")
    assert area.place == Place("area", "Washington", None, "Washington")
    region = only("Agents arrested 24 workers in Central Washington.")
    assert region.place.state == "WA"


def test_the_district_is_the_capital_in_dc_coverage():
    text = "WASHINGTON — More than 600 people have been arrested in the District since Aug. 11."
    assert only(text).place == Place("city", "Washington", "DC", "Washington")


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


# Generous: the inputs below take well under a second; the bound only turns a hang
# (catastrophic regex backtracking) into a failure instead of a stuck test run.
_HANG_LIMIT_SECONDS = 120


@pytest.fixture(scope="module")
def worker():
    """A separate process to extract in, so that a hang can be stopped."""
    pool = multiprocessing.get_context("spawn").Pool(1)
    yield pool
    pool.terminate()
    pool.join()


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("—" * 5000, [], id="dashes"),
        pytest.param("1 " * 5000, [], id="numbers"),
        pytest.param("arrested " * 3000 + "5", [5], id="verbs-then-count"),
        pytest.param("In Georgia, " * 2000, [], id="places"),
        pytest.param("(" * 3000 + "were arrested", [], id="open-parens"),
        pytest.param("about about about 1 " * 1000 + " were arrested", [], id="qualifiers"),
    ],
)
def test_pathological_inputs_terminate(worker, text, counts):
    pending = worker.apply_async(extract_operations, (text, PUBLISHED))
    try:
        found = pending.get(timeout=_HANG_LIMIT_SECONDS)
    except multiprocessing.TimeoutError:
        pytest.fail(f"extraction did not finish within {_HANG_LIMIT_SECONDS} s")
    assert operations(text) == found  # spans hold; same result in this process
    assert [op.count for op in found] == counts


def test_ranking_appositive_does_not_lend_its_place():
    text = (
        "HOUSTON (AP) — Agents arrested 93 workers at a plant on Tuesday, the largest "
        "worksite operation in Texas this year, ICE said."
    )
    assert only(text).place.name == "Houston"


def test_latest_in_a_series_appositive_does_not_lend_its_place():
    text = (
        "CHICAGO (AP) — Agents arrested 57 workers Tuesday at a warehouse in suburban "
        "Elk Grove Village, the latest in a series of raids criticised by Illinois lawmakers."
    )
    op = only(text)
    assert (op.place.name, op.place.state) == ("Elk Grove Village", "IL")


def test_sweep_nets_a_count():
    op = only("ICE sweep nets 65 in Massachusetts")
    assert (op.count, op.place.name) == (65, "Massachusetts")


def test_directional_washington_is_the_state():
    op = only("Officers arrested 26 people in western Washington over the past two weeks.")
    assert op.place == Place("state", "Washington", "WA", "Seattle")


def _counts_places(text):
    return [
        (op.count, op.place.kind if op.place else None, op.place.name if op.place else None)
        for op in operations(text)
    ]


def test_elliptical_state_roundup_gives_one_operation_per_state():
    text = (
        "Officers arrested 120 people in a week-long sweep, the agency said. "
        "In Ohio, 50 were arrested; in Iowa, 40; in New York, 20; and in Utah, 10."
    )
    found = _counts_places(text)
    assert (40, "state", "Iowa") in found
    assert (20, "state", "New York") in found
    assert (10, "state", "Utah") in found


def test_elliptical_items_after_accounted_for_and_offices():
    shares = _counts_places(
        "Agents arrested 70 people across the region last week. "
        "Denver accounted for 30 of the arrests, Boise for 25 and Omaha for 15."
    )
    assert shares[1:] == [(30, "city", "Denver"), (25, "city", "Boise"), (15, "city", "Omaha")]
    offices = _counts_places(
        "The Newark office reported about 700 arrests and the Miami office about 500."
    )
    assert offices == [(700, "area", "Newark"), (500, "area", "Miami")]


def test_items_after_a_picked_up_clause_take_their_own_city():
    found = _counts_places(
        "Forty were picked up in the Tampa area, 12 in Orlando and 9 in Jacksonville, "
        "officials said."
    )
    assert found == [(40, "city", "Tampa"), (12, "city", "Orlando"), (9, "city", "Jacksonville")]


def test_list_of_field_offices_names_areas_not_cities():
    found = _counts_places(
        "ICE arrested 300 people nationwide. Arrests by field office were: Denver (120); "
        "Newark (100); and Seattle (80)."
    )
    assert found[1:] == [(120, "area", "Denver"), (100, "area", "Newark"), (80, "area", "Seattle")]


def test_arresting_office_is_its_area():
    op = only("ERO Denver arrested 75 noncitizens in June, the agency said.")
    assert (op.place.kind, op.place.name) == ("area", "Denver")


def test_county_is_its_state_but_not_a_county_building():
    op = only("Deputies arrested 14 people in Gwinnett County on Friday.")
    assert op.place == Place("state", "Georgia", "GA", "Atlanta")
    op = only("AUSTIN, Texas — Officers arrested five people at the Travis County courthouse.")
    assert (op.place.kind, op.place.name) == ("city", "Austin")


# -- probe classes: running totals, towns of the article's state, state lists and
#    abbreviations, twin-city metros, "several states", offices as the arresting party


def test_running_total_phrases_are_arrest_counts():
    text = (
        "LOS ANGELES — The tally of immigration arrests in the Los Angeles area since June 6 "
        "reached 1,618 on Thursday.\n\n"
        "Agents arrested 135 more people on Wednesday, which brings the total to 1,618, "
        "an official said.\n\n"
        "The total since June 6 now stands at 2,792.\n\n"
        "The number of agents deployed rose to 4,000."
    )
    found = [(op.count, op.place.name) for op in operations(text)]
    assert found == [
        (1618, "Los Angeles"),
        (135, "Los Angeles"),
        (1618, "Los Angeles"),
        (2792, "Los Angeles"),
    ]


def test_day_of_a_date_is_not_the_start_of_a_range():
    text = (
        "NEW YORK — ICE officers arrested 40 people in New York City.\n\n"
        "The arrests brought the number of people taken into custody since Feb. 1 to 149."
    )
    assert [op.count for op in operations(text)] == [40, 149]


def test_bare_town_takes_the_state_the_article_is_about():
    text = (
        "OMAHA, Neb. — Agents arrested 37 people, including 12 in Grand Island and 9 in "
        "Lexington, officials said.\n\n"
        "A separate raid led to 20 arrests in Lexington, Ky., last month."
    )
    places = [(op.count, op.place.name, op.place.state) for op in operations(text)]
    assert (9, "Lexington", "NE") in places
    assert (20, "Lexington", "KY") in places
    op = only("CANTON, Miss. — A dozen workers were arrested at a plant in Morton.")
    assert (op.place.name, op.place.state) == ("Morton", "MS")
    # A large city keeps its own state.
    op = only("JACKSON, Miss. — Agents later arrested 15 people in Houston.")
    assert op.place.state == "TX"


def test_washington_listed_with_states_is_the_state():
    op = only("ERO Seattle arrested 25 noncitizens in Oregon and Washington last week.")
    assert op.place is None
    op = only("Officers arrested 18 people in Washington and Idaho.")
    assert op.place is None
    op = only("Agents arrested 11 people in Idaho, Oregon and Washington.")
    assert op.place is None


def test_state_written_as_its_abbreviation_alone():
    op = only("ICE officers arrested 14 men in Neb. last week, according to a court filing.")
    assert op.place == Place("state", "Nebraska", "NE", "St. Paul")


def test_twin_city_metro_is_its_first_city():
    op = only("Officers arrested 50 people in the Minneapolis-St. Paul area this week.")
    assert (op.place.kind, op.place.name) == ("city", "Minneapolis")


def test_count_of_states_is_several_places():
    op = only(
        "ATLANTA — Federal agents arrested more than 680 people last week in raids in at least "
        "a dozen states, officials said."
    )
    assert op.count == 680 and op.place is None


def test_office_as_arresting_party_yields_to_named_place():
    op = only("In Texas, the San Antonio field office made 51 arrests.")
    assert (op.place.kind, op.place.state) == ("state", "TX")


def test_took_into_custody_before_the_count():
    op = only("CHICAGO — Agents took into custody 13 people in Franklin Park on Friday.")
    assert (op.count, op.place.name, op.place.state) == (13, "Franklin Park", "IL")


def test_list_item_after_an_abbreviated_place():
    text = (
        "MINNEAPOLIS — Agents have arrested about 1,500 people in Minnesota since the surge "
        "began. That includes 312 arrested in St. Paul and 48 in Rochester, Minn."
    )
    found = [(op.count, op.place.name) for op in operations(text)]
    assert found == [(1500, "Minnesota"), (312, "St. Paul"), (48, "Rochester")]


def test_small_town_of_the_datelines_state():
    op = only("CANTON, Miss. — Half a dozen workers were detained in Carthage on Wednesday.")
    assert (op.count, op.place.name, op.place.state) == (6, "Carthage", "MS")
    # Without a state to read it in, an unknown town is no place of its own.
    op = only("Half a dozen workers were detained in Carthage on Wednesday.")
    assert op.place is None


# ------------------------------------------------- formats of real releases and reports


def _where(op):
    return None if op.place is None else (op.place.kind, op.place.name, op.place.state)


def test_one_per_line_list_of_states_under_a_heading():
    text = (
        "WASHINGTON — ICE officers arrested 1,310 people nationwide during a five-day sweep.\n\n"
        "Arrests by state included:\n\n"
        "Ohio – 212\nOregon – 57\nWashington – 33\nNew York – 20\n\n"
        "The agency thanked its partners.\n"
    )
    ops = operations(text)
    assert [(op.count, _where(op)) for op in ops[1:]] == [
        (212, ("state", "Ohio", "OH")),
        (57, ("state", "Oregon", "OR")),
        (33, ("state", "Washington", "WA")),
        (20, ("state", "New York", "NY")),
    ]
    assert all(op.part_of == 0 for op in ops[1:])


def test_one_per_line_list_of_field_offices():
    text = (
        "WASHINGTON — ICE arrested 610 gang members nationwide in a month-long operation.\n\n"
        "Arrests by ERO field office:\n\n"
        "Chicago – 88\nMiami – 61\nNew York City – 40\n"
    )
    ops = operations(text)
    assert [(op.count, _where(op)) for op in ops[1:]] == [
        (88, ("area", "Chicago", None)),
        (61, ("area", "Miami", None)),
        (40, ("area", "New York City", None)),
    ]


def test_lines_of_towns_after_their_state():
    text = (
        "DALLAS — ERO officers arrested 26 people in Texas and Oklahoma. "
        "Arrests were made in the following cities:\n\n"
        "Texas: Lubbock (9), Plano (6) and Waco (3).\n"
        "Oklahoma: Tulsa (4) and Norman (4).\n"
    )
    ops = operations(text)
    assert [(op.count, _where(op)) for op in ops[1:]] == [
        (9, ("city", "Lubbock", "TX")),
        (6, ("city", "Plano", "TX")),
        (3, ("city", "Waco", "TX")),
        (4, ("city", "Tulsa", "OK")),
        (4, ("city", "Norman", "OK")),
    ]


def test_line_list_needs_an_arrest_heading():
    text = (
        "DALLAS — ERO officers arrested 26 people in Texas.\n\n"
        "Those arrested were nationals of these countries:\n\n"
        "Mexico – 20\nHonduras – 6\n"
    )
    assert [op.count for op in operations(text)] == [26]


def test_scare_quoted_headline_count_and_the_agency_figure():
    text = (
        "Activists say agents arrested 'at least 40' in Tucson; ICE says 22\n\n"
        "TUCSON, Ariz. — Immigration agents made arrests across the city this week.\n"
    )
    ops = operations(text)
    assert [(op.count, op.qualifier, _where(op)) for op in ops] == [
        (40, "at_least", ("city", "Tucson", "AZ")),
        (22, "exact", ("city", "Tucson", "AZ")),
    ]


def test_headline_counter_figure_must_end_the_clause():
    text = "ICE arrests 30 in Ohio; advocates say one was taken at a church\n\nMore text follows.\n"
    assert [op.count for op in operations(text)] == [30]


def test_dash_aside_of_counts_in_places_is_a_breakdown():
    text = (
        "ICE said 50 people were arrested across Ohio this week — 30 in Columbus and nine "
        "in Dayton."
    )
    ops = operations(text)
    assert [(op.count, _where(op), op.part_of) for op in ops] == [
        (50, ("state", "Ohio", "OH"), None),
        (30, ("city", "Columbus", "OH"), 0),
        (9, ("city", "Dayton", "OH"), 0),
    ]


def test_subset_whose_place_belongs_to_another_verb():
    text = (
        "Agents arrested 40 people in Ohio. Nine of those arrested had been released from "
        "county jails in Kentucky despite detainers."
    )
    assert [op.count for op in operations(text)] == [40]


def test_subset_of_those_arrested_in_a_place_is_an_attribute():
    text = (
        "Agents arrested 60 people across Ohio last week. She said that 14 of those arrested "
        "in Columbus had criminal convictions."
    )
    assert [op.count for op in operations(text)] == [60]


def test_bare_dateline_town_takes_the_state_the_story_is_about():
    text = (
        "RICHMOND — Federal agents arrested 14 people at a factory on Tuesday, the largest "
        "raid in eastern Indiana in years. Indiana officials were not told in advance.\n"
    )
    op = only(text)
    assert _where(op) == ("city", "Richmond", "IN")


def test_town_listed_after_a_known_city_makes_two_places():
    text = "Agents detained 15 men from Columbus and Westerville during early-morning arrests."
    op = only(text)
    assert op.place is None


def test_the_two_cities_names_no_single_place():
    text = (
        "PORTLAND, Ore. — Agents arrested people in Salem and Eugene over the weekend.\n\n"
        "ICE says 11 people were arrested in the two cities.\n"
    )
    assert only(text).place is None


def test_borough_is_its_city():
    op = only("Advocates counted 31 arrests at check-ins in Brooklyn over the past two weeks.")
    assert _where(op) == ("city", "New York City", "NY")


def test_place_of_a_life_story_is_not_the_arrest_place():
    text = (
        "Ana Ruiz, 35, a cook who came to Texas from Peru in 2001, was one of 80 people "
        "arrested by U.S. Immigration and Customs Enforcement in Georgia during the operation."
    )
    assert _where(only(text)) == ("state", "Georgia", "GA")


def test_elsewhere_in_a_state_is_a_setting_not_the_office():
    text = "Elsewhere in Texas, ERO Dallas arrested 75 people during the same period."
    assert _where(only(text)) == ("area", "Dallas", None)


def test_link_words_answer_as_the_sentence_scans_do():
    """``_LinkWords`` tests copies of the article's ASCII lower case: the same answers as
    ``_may_link`` / ``_has_arrest_stem`` on each sentence, on text with odd cases too."""
    import random

    from archive_gui.core.evaluation import load_gold
    from archive_gui.core.extract.operations import (
        _has_arrest_stem,
        _LinkWords,
        _may_link,
        _split_sentences,
    )

    rng = random.Random(5)
    pieces = ["arrest", "ARRESTS", "count", "county", "total", "tally", "of th", "among"]
    pieces += ["accounted", "Detained", "custody", "nab", "held", "é", "“", "\u017f", "\u212a"]
    texts = [article.text for article in load_gold()[:40]]
    for text in list(texts):
        chars = list(text[:1500])
        for _ in range(20):
            at = rng.randint(0, len(chars))
            chars[at:at] = rng.choice(pieces) + rng.choice(["", " ", ". ", "\n"])
        texts.append("".join(chars))
    for text in texts:
        words = _LinkWords(text)
        for sentence in _split_sentences(text, 0):
            chunk = text[sentence.start : sentence.end]
            assert words.may_link(text, sentence.start, sentence.end) == _may_link(chunk)
            assert words.stem(text, sentence.start, sentence.end) == _has_arrest_stem(chunk)


def test_positions_are_every_occurrence():
    from archive_gui.core.extract import operations

    for text in ["", ":", "a:b::c:", "no colon", "::::", "“x”: y — z:"]:
        expected = [i for i, c in enumerate(text) if c == ":"]
        assert operations._positions(text, ":") == expected
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                has = text.find(":", start, end) >= 0
                assert any(start <= at < end for at in operations._positions(text, ":")) == has


def test_paragraphs_are_the_pattern_spans():
    from archive_gui.core.extract import operations

    for text in ["", "\n", "a", "a\nb", "\n\nab\n\n c \n", "x\n\n\ny\n", "“x”\n—y"]:
        for start in range(len(text) + 1):
            for end in range(len(text) + 1):
                expected = [m.span() for m in operations._PARAGRAPH.finditer(text, start, end)]
                assert operations._paragraphs(text, start, end) == expected, (text, start, end)
