"""Arrest-count patterns found by blind probe articles (round 4), one short article each.

The articles are fictional; each test states the pattern it covers.
"""

from __future__ import annotations

from datetime import date

from archive_gui.core.extract.operations import extract_operations
from archive_gui.core.extract.places import find_places


def _found(text: str, published: date = date(2019, 6, 1)) -> list[tuple[int, str | None]]:
    return [
        (op.count, op.place.label if op.place else None)
        for op in extract_operations(text, published)
    ]


def _spans_hold(text: str) -> None:
    for op in extract_operations(text, date(2019, 6, 1)):
        assert text[op.start : op.end] == op.count_text
        if op.place_start is not None:
            assert text[op.place_start : op.place_end] == op.place_text


def test_booked_into_detention_is_an_arrest():
    text = (
        "SAN JOSE, Calif. — Forty-one people were booked into immigration detention after a "
        "three-day operation in Santa Clara County, ICE officials said Thursday.\n\n"
        "County supervisors asked for an accounting of the arrests."
    )
    assert _found(text) == [(41, "California")]
    _spans_hold(text)


def test_landed_in_custody_is_an_arrest():
    text = (
        "SAN DIEGO — Twenty-nine people landed in immigration custody after a sweep of San "
        "Diego worksites on Monday, ICE said.\n\nThe sweep focused on two staffing agencies."
    )
    assert _found(text) == [(29, "San Diego, CA")]


def test_after_being_detained_is_an_arrest():
    text = (
        "DENVER — Thirty-three people face deportation after being detained by immigration "
        "agents in Denver this week, the agency said.\n\nICE said 20 of them had prior "
        "criminal convictions."
    )
    assert _found(text) == [(33, "Denver, CO")]


def test_after_being_released_is_not_an_arrest():
    text = "DENVER — Thirty-three people returned home after being released by a judge."
    assert _found(text) == []


def test_final_count_in_the_next_sentence():
    text = (
        "MIAMI — Federal agents arrested dozens of people in Miami on Tuesday. The final "
        "count was 84, ICE said Wednesday.\n\nThe arrests took place at construction sites."
    )
    assert _found(text) == [(12, "Miami, FL"), (84, "Miami, FL")]


def test_final_count_without_arrests_before_is_nothing():
    text = "MIAMI — The city held a budget hearing on Tuesday. The final count was 84 votes."
    assert _found(text) == []


def test_fiscal_year_agency_statistic_is_nationwide():
    text = (
        "WASHINGTON — How many people does ICE arrest?\n\n"
        "ICE made 143,470 administrative arrests in fiscal year 2018, up 11 percent from the "
        "year before, according to the agency's annual report.\n\n"
        "The agency removed 256,085 people in fiscal 2018."
    )
    assert _found(text) == [(143470, "United States")]
    operation = extract_operations(text)[0]
    assert operation.place_text is None and operation.place_start is None
    _spans_hold(text)


def test_fiscal_year_statistic_of_a_named_office_keeps_its_place():
    text = (
        "ATLANTA — ICE officers arrested 9,200 people in Georgia in fiscal year 2019, the "
        "agency said."
    )
    assert _found(text) == [(9200, "Georgia")]


def test_county_list_reads_every_county():
    text = (
        "RALEIGH, N.C. — ICE arrested 88 people in North Carolina last week. The agency said "
        "31 were arrested in Wake County, 24 in Mecklenburg County and 19 in Durham County."
    )
    assert _found(text) == [
        (88, "North Carolina"),
        (31, "North Carolina"),
        (24, "North Carolina"),
        (19, "North Carolina"),
    ]


def test_county_at_sentence_start_drops_the_capitalised_first_word():
    text = "RALEIGH, N.C. — In Mecklenburg County, 24 people were arrested on Monday."
    places = [p.text for p in find_places(text, 0, None, "NC")]
    assert "Mecklenburg County" in places
    assert _found(text) == [(24, "North Carolina")]


def test_the_carolinas_join_a_list_of_states():
    assert _found("ATLANTA — ICE arrested 160 people in Georgia and the Carolinas.") == [
        (160, "Atlanta area of operations")
    ]
    assert _found("ATLANTA — ICE arrested 160 people in Georgia, the Carolinas and Tennessee.") == [
        (160, None)
    ]
    assert _found("ATLANTA — ICE arrested 160 people in the Carolinas.") == [(160, None)]


def test_the_nations_capital_is_washington():
    text = "WASHINGTON — Federal agents arrested 68 more people in the nation's capital on Tuesday."
    assert _found(text) == [(68, "Washington, DC")]


def test_more_regional_names_mean_their_state():
    assert _found("DENVER — ICE arrested 75 people along the Front Range this week.") == [
        (75, "Colorado")
    ]
    assert _found("TUCSON, Ariz. — Agents arrested 40 people across Southern Arizona.") == [
        (40, "Arizona")
    ]


# Round 5 probes: places the earlier rounds did not read.


def test_neighbourhood_is_its_city():
    text = (
        "MIAMI — Federal agents arrested 14 people in Little Haiti early Tuesday, ICE said.\n\n"
        "In Pilsen, on Chicago's Southwest Side, agents detained 9 more."
    )
    assert _found(text) == [(14, "Miami, FL"), (9, "Chicago, IL")]


def test_sentence_opening_preposition_reads_a_town():
    text = (
        "ATLANTA — About 40 people were arrested in Gwinnett County on Tuesday during an "
        "immigration operation. In nearby Norcross, another 12 were detained."
    )
    assert _found(text) == [(40, "Georgia"), (12, "Norcross, GA")]


def test_town_naming_a_workplace_or_raid():
    text = (
        "MORRISTOWN, Tenn. — Federal agents arrested 97 workers at a Bean Station meatpacking "
        "plant Thursday.\n\nAdvocates said the Bean Station raid left dozens of children "
        "without a parent at home."
    )
    assert _found(text) == [(97, "Bean Station, TN")]


def test_regions_of_several_states():
    text = (
        "BOSTON (AP) — Federal immigration officers arrested 1,461 people across New England "
        "this spring, the agency said. In the Pacific Northwest, ICE Seattle reported 92 arrests."
        "\n\nSeveral hundred people were arrested across the Southeast the same week, and "
        "agents along the Southwest border apprehended 8,000."
    )
    assert _found(text) == [
        (1461, "Boston area of operations"),
        (92, None),
        (100, None),
        (8000, None),
    ]


def test_this_town_and_the_city_are_the_dateline():
    text = (
        "POSTVILLE, Iowa (AP) — Federal agents detained 389 workers Monday at a meatpacking "
        "plant in this northeast Iowa town.\n\nCHARLOTTE was not the only city hit."
    )
    assert _found(text) == [(389, "Postville, IA")]
    text = (
        "CHARLOTTE, N.C. — Agents detained 30 people in Raleigh on Friday.\n\n"
        "On Saturday alone, Border Patrol agents picked up 81 people across the city."
    )
    assert _found(text) == [(30, "Raleigh, NC"), (81, "Charlotte, NC")]


def test_goal_of_arrests_is_not_an_operation():
    text = (
        "NEW ORLEANS — Federal agents have arrested about 250 people in the New Orleans area "
        "since Dec. 3, officials said.\n\nThe operation's goal is 5,000 arrests, and the agency "
        "has a quota of 3,000 arrests a day nationwide."
    )
    assert _found(text) == [(250, "New Orleans, LA")]


def test_arrests_included_counts_by_place():
    text = (
        "SAN FRANCISCO — ICE officers arrested 243 people across Northern California, the "
        "agency said. Those arrested included 54 in San Jose, 41 in Oakland and 22 with "
        "criminal records."
    )
    assert _found(text) == [(243, "California"), (54, "San Jose, CA"), (41, "Oakland, CA")]


def test_place_then_count_list_items():
    text = (
        "WASHINGTON — ICE released figures showing 5,100 arrests in its first week. The states "
        "with the most arrests were Texas, 516; Florida, 344; and New York, 188.\n\n"
        "Officials said the largest numbers were arrested in Ohio, with 330, and Iowa, with 29."
        "\n\nIn Georgia, 20 were released."
    )
    assert _found(text) == [
        (5100, None),
        (516, "Texas"),
        (344, "Florida"),
        (188, "New York"),
        (330, "Ohio"),
        (29, "Iowa"),
    ]


def test_enumeration_across_an_attribution():
    text = (
        "BOSTON — Immigration agents detained 32 people in East Boston on Thursday, according "
        "to a city councilor, and at least a dozen more in Chelsea.\n\nMARIETTA — Agents "
        "arrested 26 people in Cobb County last week, according to ICE, and dozens of "
        "residents packed a county meeting."
    )
    assert _found(text) == [(32, "Boston, MA"), (12, "Chelsea, MA"), (26, "Georgia")]


def test_city_listed_after_a_namesake_takes_the_shared_state():
    text = "HOUSTON — Immigration officers arrested 58 people in Pasadena and Baytown last week."
    assert _found(text) == [(58, None)]


def test_apprehensions_at_the_border_totaled_and_sector_share():
    text = (
        "WASHINGTON — Apprehensions at the southwest border totaled 47,330 in April, down 24 "
        "percent from March, CBP said.\n\nThe Border Patrol's Rio Grande Valley sector "
        "accounted for 12,300 of them."
    )
    assert _found(text) == [(47330, None), (12300, "Texas")]


def test_arrests_came_in_a_city_is_not_a_biography():
    text = (
        "CHARLOTTE, N.C. — Federal agents arrested more than 370 people in the first week, "
        "DHS said. About 130 of the arrests came in Charlotte itself, with the rest in "
        "surrounding counties and in Raleigh."
    )
    assert _found(text) == [(370, "Charlotte, NC"), (130, "Charlotte, NC")]


def test_county_naming_a_workplace_is_its_state():
    text = (
        "KNOXVILLE, Tenn. — A judge sentenced the manager of a Grainger County meatpacking "
        "plant, two years after a raid there led to the arrest of 97 workers.\n\n"
        "The Cobb County jail held 40 people for ICE."
    )
    assert _found(text)[:1] == [(97, "Tennessee")]


# Round 6 probes: verbs, lists and places a second batch found.


def test_bulleted_office_list_and_state_colon_items():
    text = (
        "WASHINGTON — ICE arrested 2,040 people across the country, the agency said.\n"
        "Arrests by field office:\n• Atlanta: 235\n• Dallas: 198\n\n"
        "WASHINGTON — ICE arrested 498 people in a four-day operation.\n"
        "Arrests by location:\nCalifornia: 101\nWashington: 27"
    )
    assert _found(text) == [
        (2040, "United States"),
        (235, "Atlanta area of operations"),
        (198, "Dallas area of operations"),
        (498, None),
        (101, "California"),
        (27, "Washington"),
    ]


def test_agents_held_workers_but_not_a_detention_population():
    text = (
        "GREELEY, Colo. (AP) — Federal agents held nearly 300 workers at the meatpacking "
        "plant here Tuesday.\n\nICE held a record 55,000 people in detention this month."
    )
    assert _found(text) == [(300, "Greeley, CO")]


def test_booked_into_detention_but_not_into_a_jail():
    text = (
        "FORT WORTH, Texas — ICE officers booked 118 people into the Prairieland Detention "
        "Center after a week of arrests across North Texas.\n\nDeputies booked 40 people "
        "into the county jail on other charges."
    )
    assert _found(text) == [(118, "Texas")]


def test_in_custody_after_an_event():
    text = (
        "SANTA ANA, Calif. — At least 11 people were in federal custody Sunday after agents "
        "raided a swap meet in Santa Ana.\n\nAbout 1,400 people were in ICE custody at the "
        "Adelanto center."
    )
    assert _found(text) == [(11, "Santa Ana, CA")]


def test_count_then_punctuation_quantifies_nothing_after_it():
    text = (
        "WASHINGTON — ICE arrests in fiscal year 2019 totaled 143,099, down 10 percent from "
        "the year before. Arrests in the interior averaged about 400 a day."
    )
    assert _found(text) == [(143099, "United States"), (400, None)]


def test_count_more_in_a_neighbouring_town_and_parts_of_one_city():
    text = (
        "EVANSTON, Ill. — Federal agents picked up seven people in Evanston and four more in "
        "neighboring Skokie on Tuesday.\n\nNEW YORK — Agents detained five people in Harlem "
        "and Sunset Park, and at least 20 at a car wash in Boyle Heights and in nearby "
        "Huntington Park."
    )
    assert _found(text) == [
        (7, "Evanston, IL"),
        (4, "Skokie, IL"),
        (5, "New York City, NY"),
        (20, None),
    ]


def test_office_list_line_with_its_states_in_parentheses():
    text = (
        "WASHINGTON — ICE arrested 600 people nationwide this week.\n"
        "Arrests by ERO field office included:\n"
        "Atlanta (Georgia, North Carolina and South Carolina) – 231\n"
        "Chicago – 187\n"
    )
    assert _found(text) == [
        (600, "United States"),
        (231, "Atlanta area of operations"),
        (187, "Chicago area of operations"),
    ]


def test_place_count_pairs_need_an_arrest_word():
    text = "DENVER — Ticket sales by city: Boston – 214, Lynn – 97."
    assert _found(text) == []


# Round 7 probes (a third fresh batch).


def test_subset_sent_somewhere_is_not_a_place_breakdown():
    text = (
        "BEAN STATION, Tenn. (AP) — Immigration agents detained about 100 workers at a "
        "meatpacking plant on Thursday.\n\nOf those detained, 54 were taken to a federal "
        "facility in Louisiana, officials said."
    )
    assert _found(text) == [(100, "Bean Station, TN")]


def test_county_with_an_inner_capital():
    text = (
        "ATLANTA — Eleven people were taken into custody Tuesday in DeKalb County, and nine "
        "more were apprehended in McIntosh County the next day, ICE said."
    )
    assert _found(text) == [(11, "Georgia"), (9, "Georgia")]


def test_arrests_rose_by_a_percentage_to_a_count():
    text = (
        "PHOENIX — ICE arrests in Arizona rose 45 percent in April to 2,310, the agency said. "
        "About 70 percent of those arrested had no criminal record."
    )
    assert _found(text) == [(2310, "Arizona")]


def test_headline_region_without_the():
    text = (
        "Agents arrest 52 in Midwest sweep\n"
        "KANSAS CITY, Mo. — ICE officers arrested 52 people in Missouri and Kansas last week."
    )
    assert _found(text) == [(52, None), (52, None)]


# Round 8 probes (a fourth fresh batch).


def test_among_them_colon_breaks_down_the_previous_count():
    text = (
        "WASHINGTON — More than 3,100 people were arrested during a six-day nationwide "
        "operation, ICE said. Among them: 243 in the Houston area of responsibility and 212 in "
        "the Dallas area of responsibility."
    )
    assert _found(text) == [
        (3100, "United States"),
        (243, "Houston area of operations"),
        (212, "Dallas area of operations"),
    ]


def test_apprehended_a_group_of():
    text = "EL PASO, Texas — Agents apprehended a group of 1,036 migrants early Wednesday."
    assert _found(text) == [(1036, "El Paso, TX")]


def test_town_with_an_apostrophe_and_towns_under_their_state():
    text = (
        "GRAND ISLAND, Neb. — The company supplied many of the 133 workers arrested in last "
        "year's raid at potato farms near O'Neill."
    )
    assert _found(text) == [(133, "O'Neill, NE")]
    text = (
        "DENVER — ICE arrested 57 people, the agency said. By city, the arrests were "
        "Colorado: Aurora (14); Wyoming: Cheyenne (5)."
    )
    assert _found(text) == [(57, "Denver, CO"), (14, "Aurora, CO"), (5, "Cheyenne, WY")]


# Round 9 probes (a fifth fresh batch).


def test_elliptical_count_after_an_arrest_clause_and_along_with():
    text = (
        "RALEIGH, N.C. — At least 370 people have been arrested since the operation began in "
        "Charlotte, and more than 50 in the Raleigh area this week, DHS said.\n\nBOSTON — ICE "
        "officers arrested 16 people in Maine during the operation, along with 28 in "
        "Massachusetts."
    )
    assert _found(text) == [
        (370, "Charlotte, NC"),
        (50, "Raleigh, NC"),
        (16, "Maine"),
        (28, "Massachusetts"),
    ]


def test_at_or_near_the_border_but_a_town_near_it_wins():
    text = (
        "WASHINGTON — ICE said it arrested 110,115 people in the interior in fiscal 2013 and "
        "made 235,093 arrests at or near the border.\n\nEL PASO, Texas — Agents rounded up "
        "230 migrants along the border near El Paso."
    )
    assert _found(text) == [(110115, "United States"), (235093, None), (230, "El Paso, TX")]


def test_unlisted_town_after_a_listed_one_makes_a_list():
    text = "SALINA, Ohio — Agents arrested 114 workers in Sandusky and Castalia on Tuesday."
    assert _found(text) == [(114, None)]


def test_a_month_after_in_is_not_a_town():
    text = (
        "SAN FRANCISCO — ICE's San Francisco field office reported 1,133 arrests in September, "
        "the agency said."
    )
    assert _found(text) == [(1133, "San Francisco area of operations")]


# Round 10 probes (a seventh fresh batch).


def test_place_of_a_later_clause_with_its_own_count():
    text = (
        "TALLAHASSEE, Fla. — The state's agreements led to more than 1,100 arrests in the "
        "operation, the governor's office said, and ICE agents in Orlando picked up 66 others."
    )
    assert _found(text) == [(1100, "Tallahassee, FL"), (66, "Orlando, FL")]


def test_arrests_in_a_long_office_name_totaled():
    text = (
        "BALTIMORE — Arrests in the ICE Baltimore area of responsibility totaled 1,208 in "
        "February, the agency said."
    )
    assert _found(text) == [(1208, "Baltimore area of operations")]


def test_city_and_a_region_of_another_state_are_a_list():
    text = (
        "HOUSTON — ICE officers arrested 277 people in the Houston area and southeast Texas "
        "during a five-day operation."
    )
    assert _found(text) == [(277, None)]


def test_count_compared_with_takes_the_first_counts_place():
    text = (
        "WASHINGTON — In fiscal year 2019, HSI made 2,048 worksite arrests nationwide, up from "
        "1,525 the year before.\n\nATLANTA — Arrests in the Atlanta area of responsibility "
        "exceeded 3,000 last year, down from almost 5,400 the year before. Agents arrested 45 "
        "people, from 12 countries."
    )
    assert _found(text) == [
        (2048, "United States"),
        (1525, "United States"),
        (3000, "Atlanta area of operations"),
        (5400, "Atlanta area of operations"),
        (45, "Atlanta area of operations"),
    ]


def test_town_appositive_and_another_workplace_and_on_long_island():
    text = (
        "ATLANTA — In Dalton, Ga., a carpet-manufacturing city near the Tennessee line, up to "
        "15 people were arrested in May."
    )
    assert _found(text) == [(15, "Dalton, GA")]
    text = (
        "BOSTON — In 2007 agents detained more than 300 workers at another New Bedford factory "
        "and flew some of them to detention centers in Texas."
    )
    assert _found(text) == [(300, "New Bedford, MA")]
    text = (
        "NEW YORK (Reuters) - A total of 153 people were arrested in New York City and on Long "
        "Island during a three-day operation."
    )
    assert _found(text) == [(153, None)]


def test_jail_population_after_protests_is_not_an_arrest_count():
    text = (
        "PHOENIX — Officials said 4,000 people were in custody at the county jail after a "
        "weekend of protests, compared with 3,500 the week before.\n\nEL PASO — Agents "
        "encountered 1,100 migrants on Monday, compared with 800 a day earlier."
    )
    assert _found(text) == []


def test_gerund_arrest_verb_and_the_county_last_named():
    text = (
        "OXNARD, Calif. (AP) — Federal agents swept through farm fields in Ventura County this "
        "week, arresting dozens of workers, the union said.\n\nDHS said Thursday that 77 people "
        "were arrested in the county since Monday."
    )
    assert _found(text) == [(12, "California"), (77, "California")]


# Round 13 probes (release and statistics styles).


def test_office_list_written_place_comma_count():
    text = (
        "WASHINGTON — Arrests by field office: Atlanta, 210; Chicago, 188; and Newark, 97. "
        "Nationwide, officers arrested 2,104 people, ICE said."
    )
    assert _found(text) == [
        (210, "Atlanta area of operations"),
        (188, "Chicago area of operations"),
        (97, "Newark area of operations"),
        (2104, "United States"),
    ]


def test_number_held_in_a_facility_is_not_a_running_total():
    text = (
        "MIAMI — The number of people arrested by ICE in Florida reached 3,500 in June, and the "
        "number held at the Everglades facility rose to 900."
    )
    assert _found(text) == [(3500, "Florida")]


def test_a_place_made_n_of_those_arrests_and_a_possessive_total():
    text = (
        "TAMPA, Fla. — Local police arrested 105 people on immigration charges statewide in the "
        "first month, the attorney general said. Tampa police made 14 of those arrests, and "
        "Miami officers had 20 cases."
    )
    assert _found(text) == [(105, "Florida"), (14, "Tampa, FL")]
    text = (
        "MCALLEN, Texas — Agents caught 240 people on Thursday, bringing the sector's total "
        "for the year to 9,000."
    )
    assert _found(text) == [(240, "McAllen, TX"), (9000, "McAllen, TX")]


def test_list_lines_with_a_state_after_the_name():
    text = (
        "WASHINGTON — ICE officers arrested 300 people nationwide in a week-long operation.\n\n"
        "Arrests by jurisdiction included:\n"
        "Multnomah County, Oregon (40)\n"
        "Austin, Texas (22)\n"
        "Denver (31)\n"
        "Prince George's County, Maryland (18)\n"
        "Tacoma, Wash. (12)\n"
        "Durham, N.C. (9)"
    )
    assert _found(text) == [
        (300, "United States"),
        (40, "Oregon"),
        (22, "Austin, TX"),
        (31, "Denver, CO"),
        (18, "Maryland"),
        (12, "Tacoma, WA"),
        (9, "Durham, NC"),
    ]
    _spans_hold(text)


def test_list_of_small_towns_takes_the_state_of_the_total():
    text = (
        "DES MOINES, Iowa — HSI agents arrested 160 workers at four meatpacking plants in "
        "Iowa on Tuesday.\n\n"
        "The arrests by plant location were:\n"
        "• Denison – 61\n"
        "• Storm Lake – 44\n"
        "• Marshalltown – 35\n"
        "• Postville – 20"
    )
    assert _found(text) == [
        (160, "Iowa"),
        (61, "Denison, IA"),
        (44, "Storm Lake, IA"),
        (35, "Marshalltown, IA"),
        (20, "Postville, IA"),
    ]


def test_list_under_a_multistate_total_does_not_guess_a_state():
    text = (
        "ATLANTA — ICE arrested 90 people in Georgia and Alabama this week.\n\n"
        "Arrests by city:\n"
        "Pellham Falls: 30\n"
        "Crane Hollow: 20"
    )
    assert _found(text) == [(90, None)]  # towns unknown to the gazetteer, state unknown


def test_town_named_as_the_suburb_or_village_of():
    text = (
        "DETROIT — Advocates said agents arrested at least 45 people in the suburb of "
        "Hamtramck on Friday, and 12 more in the village of Milford."
    )
    assert _found(text) == [(45, "Hamtramck, MI"), (12, "Milford, MI")]
    _spans_hold(text)


def test_share_of_arrests_placed_after_a_comma_restating_where():
    text = (
        "MEMPHIS, Tenn. — Agents have arrested 180 people in Memphis since Monday.\n\n"
        "Police said 25 of the arrests took place outside the city, in the rest of Shelby "
        "County. Another 12 of the arrests were of teenagers, in a separate case."
    )
    assert _found(text) == [(180, "Memphis, TN"), (25, "Tennessee")]
    _spans_hold(text)


def test_louisiana_parish_is_its_state_like_a_county():
    text = (
        "BATON ROUGE, La. — Agents arrested 52 people in Baton Rouge this week. Officials said "
        "19 of those arrested were taken into custody in Ascension Parish, and deputies at "
        "the Lafourche Parish jail held others."
    )
    assert _found(text) == [(52, "Baton Rouge, LA"), (19, "Louisiana")]
    _spans_hold(text)


def test_relative_clause_reporting_arrests_is_read():
    text = (
        "DURHAM, N.C. — The sheriff's office, which announced Monday that 64 people had been "
        "arrested in the Durham area since the weekend, did not say how many were released. "
        "The group, which has 300 volunteers, said it would keep counting.\n\n"
        "The state, which reported that 1,240 people had been arrested in North Carolina "
        "since June, gave no breakdown."
    )
    assert _found(text) == [(64, "Durham, NC"), (1240, "North Carolina")]
    _spans_hold(text)


def test_count_at_a_building_in_a_town_takes_the_town():
    text = (
        "SAN ANTONIO — Volunteers counted 40 arrests at the San Antonio jail and another 9 at "
        "the federal courthouse in Laredo last week."
    )
    assert _found(text) == [(40, "San Antonio, TX"), (9, "Laredo, TX")]
    _spans_hold(text)


def test_two_counts_joined_by_and_share_the_place_closing_the_clause():
    text = (
        "LAREDO, Texas — Agents detained 52 migrants and arrested three drivers during traffic "
        "stops across South Texas on Sunday.\n\n"
        "Officers arrested 12 people in Laredo and 8 more in Zapata, officials said."
    )
    assert _found(text) == [(52, "Texas"), (3, "Texas"), (12, "Laredo, TX"), (8, "Zapata, TX")]
    _spans_hold(text)


def test_passive_arrest_after_an_appositive_with_an_initialism():
    text = (
        "NOGALES, Ariz. — Three drivers, all U.S. citizens, were arrested at the port. "
        "Two guards, both U.K. nationals, were later detained."
    )
    assert _found(text) == [(3, "Nogales, AZ"), (2, "Nogales, AZ")]


def test_count_removed_or_released_is_no_arrest_though_they_were_arrested():
    text = (
        "DENVER — ICE deported nearly 4,000 people arrested in Colorado last year, up from "
        "3,100 the year before. The county released 60 people arrested on warrants. Agents "
        "arrested 25 people in Aurora."
    )
    assert _found(text) == [(25, "Aurora, CO")]


def test_state_with_the_most_arrests_then_the_count_after_a_comma():
    text = (
        "WASHINGTON — Officers arrested 1,400 people nationwide. Arizona had the most arrests, "
        "233, followed by Nevada with 120. In Utah, 40 people were arrested; in Idaho, 31; and "
        "in New Mexico, 22, the agency said."
    )
    assert _found(text) == [
        (1400, "United States"),
        (233, "Arizona"),
        (120, "Nevada"),
        (40, "Utah"),
        (31, "Idaho"),
        (22, "New Mexico"),
    ]
    _spans_hold(text)


def test_age_after_a_name_is_still_no_count():
    text = "PHOENIX — Agents arrested Rosa Delgado, 34, and Tomas Ruiz, 51, at a car wash."
    assert [count for count, _ in _found(text)] == []


def test_statute_section_and_a_goal_after_a_colon_are_no_counts():
    text = (
        "RALEIGH, N.C. — “Nobody is screened under 287(g) unless they were arrested for "
        "something else,” the sheriff said. The administration's goal, set in March, remains "
        "out of reach: 2,500 arrests a week. Agents arrested 48 people in Raleigh."
    )
    assert _found(text) == [(48, "Raleigh, NC")]


def test_wire_dateline_with_a_plain_hyphen():
    text = (
        "Agents step up arrests\n\n"
        "DENVER (Reuters) - Federal agents have stepped up arrests, officials said.\n\n"
        '"They arrested sixty people in a week," a lawyer said.'
    )
    assert _found(text) == [(60, "Denver, CO")]


def test_largest_share_set_off_by_commas_then_its_place():
    text = (
        "COLUMBUS, Ohio — Agents arrested 311 people in Ohio last week. The biggest share of "
        "those arrested, 120, were in Cincinnati. The largest number of the Ohio arrests, "
        "90, came at the request of local police."
    )
    assert _found(text) == [(311, "Ohio"), (120, "Cincinnati, OH")]
    _spans_hold(text)


def test_inline_list_of_towns_with_counts_after_a_known_city():
    text = (
        "WORCESTER, Mass. — ICE arrested 400 people in Massachusetts this month.\n\n"
        "Arrests were made in Worcester (120), Fitchburg (41), Leominster (30) and "
        "Gardner (12), the agency said."
    )
    assert _found(text) == [
        (400, "Massachusetts"),
        (120, "Worcester, MA"),
        (41, "Fitchburg, MA"),
        (30, "Leominster, MA"),
        (12, "Gardner, MA"),
    ]
    _spans_hold(text)


def test_border_patrol_sector_acronym_stands_for_its_region():
    text = (
        "ALPINE, Texas — Agents assigned to the Big Bend Sector (BBT) apprehended 19 migrants "
        "near Presidio on Friday.\n\n"
        "So far this fiscal year, BBT agents have arrested more than 400 smugglers."
    )
    assert _found(text)[-1] == (400, "Texas")


def test_most_of_the_arrests_set_off_by_commas_then_its_place():
    text = (
        "TUCSON, Ariz. — Deputies arrested 61 people in Pima County over the weekend. Most of "
        "the arrests, 40, were made in Tucson."
    )
    assert _found(text) == [(61, "Arizona"), (40, "Tucson, AZ")]


def test_region_then_a_count_after_a_comma_is_no_age():
    text = (
        "SEATTLE — Agents arrested 90 people. In Seattle, 50 were arrested; in Eastern "
        "Washington, 28, according to the agency."
    )
    assert _found(text) == [(90, "Seattle, WA"), (50, "Seattle, WA"), (28, "Washington")]
