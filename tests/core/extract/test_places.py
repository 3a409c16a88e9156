"""Fast scans in places.py against the patterns they stand for."""

import re

from archive_gui.core.extract import places


def test_state_abbreviations_match_the_pattern():
    texts = [
        "arrests in W.Va. and Va. and N.C.",
        "in Calif.",
        "Calif.x Ga.. Ga._ Ga.1 N.C.D.C. S.D.C. Mo.nt. Mont.",
        "Ariz.",
        ".Ga.",
        "alif. W.Va",
    ]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                expected = [m.span() for m in places._STATE_ABBREVIATION.finditer(text, start, end)]
                assert places._state_abbreviations(text, start, end) == expected, (text, start, end)


def test_unlisted_cities_match_the_pattern():
    texts = [
        "in Morton, Miss., and Rochester, New York, Maine",
        "jobs, Texas and in lower case, Ohio; Fort Worth, Texas",
        "x, New York, Maine",
        "Zed-Abc, Washingtonian, Washington",
        "in Orange, Texasx, Ohio",
    ]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                expected = [m.span() for m in places._UNLISTED_CITY.finditer(text, start, end)]
                found = [m.span() for m in places._unlisted_cities(text, start, end)]
                assert found == expected, (text, start, end)


def test_region_keys_cover_every_region():
    for name in places.MULTI_STATE_REGIONS:
        assert any(key in name for key in places._REGION_KEYS)


def test_state_trie_matches_the_names_longest_first():
    trie = re.compile(rf"(?:{places._STATE_ALTERNATION})(?![A-Za-z])")
    flat = re.compile(rf"(?:{places._STATE_ALTERNATION_FLAT})(?![A-Za-z])")
    names = sorted(places._STATE_CODE)
    for name in names:
        for after in ("", ".", "a", " ", ", ", "s"):
            for text in (name + after, "x" + name + after, name + " " + name):
                assert [m.span() for m in trie.finditer(text)] == [
                    m.span() for m in flat.finditer(text)
                ]


def test_short_ranges_read_as_long_ones(monkeypatch):
    """A range short enough for the substring tests on a copy gives what the tests with
    ``find`` in its bounds give."""
    text = (
        "Agents arrested 40 people nationwide and statewide across the country, in the "
        "county, in the District, in the nation's capital, in the Carolinas and Dakotas, "
        "in at least 12 states and several cities, this city, the city of Atlanta, "
        "the Rio Grande Valley Sector (RGV) where RGV agents worked in Conroe, Texas."
    )
    spans = [(s, e) for s in range(0, len(text), 7) for e in range(s, len(text) + 1, 11)]
    short = [places.find_places(text, s, e, "TX") for s, e in spans]
    monkeypatch.setattr(places, "_SHORT_RANGE", -1)
    assert [places.find_places(text, s, e, "TX") for s, e in spans] == short
