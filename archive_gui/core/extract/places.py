"""Finding and resolving place mentions: cities, states, ICE areas, "nationwide", datelines.

Gazetteer names are found through a dict keyed by the first capitalised word, so a
scan costs one dict lookup per capitalised word however large the gazetteer grows.

Conventions (see gazetteer_data for the data caveats):
- "the Atlanta area" / "greater Atlanta" is the city; "Atlanta area of operations" and
  "Atlanta field office" are the ICE area, when Atlanta hosts a field office.
- Bare "New York" is the city; the state needs "New York state" / "state of New York".
- Bare "Washington" is ignored: it names the federal government more often than a place.
- A name followed by another capitalised word ("Los Angeles Times") or inside "X of Y"
  ("University of Georgia") belongs to an organisation and is skipped.
- Consecutive names joined by commas/"and" form one list mention; a list resolves to
  a place only when its states are exactly one field office's area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive_gui.core.extract.gazetteer_data import (
    AMBIGUOUS_CITIES,
    CITIES,
    FIELD_OFFICE_ALIASES,
    FIELD_OFFICES,
    REGIONS,
    STATES,
)
from archive_gui.core.extract.regex_trie import trie_alternation
from archive_gui.core.records import Place

NATIONWIDE = Place("nationwide", "United States")


@dataclass(frozen=True)
class PlaceMention:
    """A place phrase and what it resolves to; ``place`` is None for an unresolved list."""

    place: Place | None
    text: str
    start: int
    end: int
    members: tuple[Place, ...] = ()

    @property
    def is_list(self) -> bool:
        return len(self.members) > 1


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
    return names


_NAMES = _build_names()
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def _index_by_first_word(names) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name in names:
        index.setdefault(_FIRST_WORD.match(name).group(), []).append(name)
    return {key: tuple(sorted(group, key=len, reverse=True)) for key, group in index.items()}


_BY_FIRST_WORD = _index_by_first_word(_NAMES)
_NAMES_UPPER = {name.upper(): place for name, place in _NAMES.items()}
# The first words of gazetteer names as one trie-shaped pattern: the scan stays in C.
# (A leading look-behind would disable the engine's first-character skip, so the word
# boundary before a name is checked in Python.)
_FIRST_WORDS = re.compile(rf"{trie_alternation(_BY_FIRST_WORD)}(?![A-Za-z])")
_INSIDE_WORD = frozenset("'’.-")

_STATE_ALTERNATION = "|".join(
    re.escape(name) for name in sorted(_STATE_CODE, key=len, reverse=True) if name != "Washington"
)
_STATE_SUFFIX = re.compile(rf",\s+(?P<state>{_STATE_ALTERNATION}|Washington)(?![A-Za-z])")
_AREA_SUFFIX = re.compile(
    r"\s+(?:(?P<office>area\s+of\s+(?:operations|responsibility)|(?:ICE\s+|ERO\s+)?field\s+office)"
    r"|(?:metro(?:politan)?\s+)?area\b|region\b|metro\b)"
)
_THE_PREFIX = re.compile(r"(?:\bthe\s+(?:greater\s+)?|\b[Gg]reater\s+|\b[Mm]etro\s+)$")
_LOCATIVE_PREFIX = re.compile(
    r"\b(?:in|near|outside|from|around|across|throughout|to|at|of)\s+(?:the\s+)?(?:city\s+of\s+)?$"
)
_ORG_PREFIX = re.compile(r"\b[A-Z][a-z]+\s+of\s+(?:the\s+)?$")
_NEXT_CAPITALISED = re.compile(r"\s+([A-Z][A-Za-z]*)")
_NOT_ORG_CONTINUATION = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
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
    ]
)
_NATIONWIDE_FIRST_WORDS = trie_alternation(
    w for v in ("nationwide", "across", "throughout", "around", "all", "in") for w in (v, v.title())
)
_NATIONWIDE = re.compile(
    rf"(?={_NATIONWIDE_FIRST_WORDS})"
    r"(?:[Nn]ationwide|(?:[Aa]cross|[Tt]hroughout|[Aa]round|[Aa]ll\s+over)\s+the\s+"
    r"(?:country|nation|United\s+States|U\.S\.)|(?:[Aa]cross|[Ii]n)\s+all\s+50\s+states)(?![\w])"
)
# Cities outside the gazetteer are read only with their state and after a preposition.
_UNLISTED_CITY = re.compile(
    rf"(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}),\s+"
    rf"(?P<state>{_STATE_ALTERNATION})(?![A-Za-z])"
)
_CITY_PREPOSITION = re.compile(r"\b(?:in|near|outside|from|of)\s+$")
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_PREFIX_WINDOW = 30


def _office_name(name: str) -> str | None:
    office = FIELD_OFFICE_ALIASES.get(name, name)
    return office if office in FIELD_OFFICES else None


def _gazetteer_match(text: str, word: str, pos: int, end: int) -> str | None:
    """The longest gazetteer name starting with ``word`` at ``pos``, ending on a word boundary."""
    for name in _BY_FIRST_WORD.get(word, ()):
        stop = pos + len(name)
        at_boundary = stop >= len(text) or not (text[stop].isalnum() or text[stop] == "-")
        if stop <= end and at_boundary and text.startswith(name, pos):
            return name
    return None


def _resolve_name(text: str, name: str, start: int, stop: int, end: int) -> PlaceMention | None:
    """Turn a gazetteer hit into a mention, applying the suffix/prefix/org conventions."""
    place = _NAMES[name]
    before = text[max(0, start - _PREFIX_WINDOW) : start]
    if _ORG_PREFIX.search(before):
        return None
    confirmed = False
    state = _STATE_SUFFIX.match(text, stop, end) if place.kind == "city" else None
    if state:
        code = _STATE_CODE[state["state"]]
        if code != place.state:
            place = city_place(place.name, code)
        stop, confirmed = state.end(), True
    area = _AREA_SUFFIX.match(text, stop, end)
    if area:
        office = _office_name(name) if area["office"] else None
        if office:
            place = Place("area", office, None, office)
        stop, confirmed = area.end(), True
        prefix = _THE_PREFIX.search(before)
        if prefix:
            start -= len(prefix.group())
    following = _NEXT_CAPITALISED.match(text, stop, end)
    if following and following.group(1) not in _NOT_ORG_CONTINUATION:
        return None
    if name in AMBIGUOUS_CITIES and not confirmed and not _LOCATIVE_PREFIX.search(before):
        return None
    return PlaceMention(place, text[start:stop], start, stop)


def _gazetteer_mentions(text: str, start: int, end: int) -> list[PlaceMention]:
    mentions = []
    position = start
    for word in _FIRST_WORDS.finditer(text, start, end):
        before = text[word.start() - 1] if word.start() else " "
        if word.start() < position or before.isalnum() or before in _INSIDE_WORD:
            continue
        name = _gazetteer_match(text, word.group(), word.start(), end)
        if name is None:
            continue
        mention = _resolve_name(text, name, word.start(), word.start() + len(name), end)
        if mention:
            mentions.append(mention)
            position = mention.end
    return mentions


def _unlisted_city_mentions(text: str, start: int, end: int, known) -> list[PlaceMention]:
    """Cities outside the gazetteer written with their state ("in Morton, Miss.")."""
    mentions = []
    for match in _UNLISTED_CITY.finditer(text, start, end):
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


def _merge_lists(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Join runs of cities/states separated only by commas or "and" into list mentions."""
    merged: list[list[PlaceMention]] = []
    for mention in mentions:
        previous = merged[-1][-1] if merged else None
        if (
            previous
            and previous.place
            and mention.place
            and previous.place.kind in ("city", "state")
            and mention.place.kind in ("city", "state")
            and _LIST_GAP.fullmatch(text, previous.end, mention.start)
        ):
            merged[-1].append(mention)
        else:
            merged.append([mention])
    return [group[0] if len(group) == 1 else _list_mention(text, group) for group in merged]


def _list_mention(text: str, group: list[PlaceMention]) -> PlaceMention:
    members = tuple(m.place for m in group)
    start, end = group[0].start, group[-1].end
    return PlaceMention(_list_place(members), text[start:end], start, end, members)


def _list_place(members: tuple[Place, ...]) -> Place | None:
    """The field office area whose states are exactly the listed states, if any."""
    if any(member.kind != "state" for member in members):
        return None
    codes = {member.state for member in members}
    for office, office_codes in FIELD_OFFICES.items():
        if codes == set(office_codes) and all(_SOLE_OFFICE.get(c) == office for c in codes):
            return Place("area", office, None, office)
    return None


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Place mentions in ``text[start:end]`` in text order, lists merged."""
    end = len(text) if end is None else end
    mentions = _gazetteer_mentions(text, start, end)
    mentions += _unlisted_city_mentions(text, start, end, mentions)
    mentions += [
        PlaceMention(NATIONWIDE, m.group(), m.start(), m.end())
        for m in _NATIONWIDE.finditer(text, start, end)
    ]
    mentions.sort(key=lambda m: m.start)
    return _merge_lists(text, mentions)


_DATELINE = re.compile(
    r"^[ \t]*(?P<place>(?P<city>[A-Z][A-Z.'’ -]*[A-Z.])"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?))?)"
    r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:—|–|--)[ \t]*",
    re.MULTILINE,
)
_DATELINE_WINDOW = 400


def find_dateline(text: str) -> tuple[PlaceMention, int] | None:
    """The dateline place near the top ("OAKLAND, Calif. (AP) —") and where it ends."""
    for match in _DATELINE.finditer(text, 0, min(len(text), _DATELINE_WINDOW)):
        place = _dateline_place(match["city"], match["state"])
        if place:
            mention = PlaceMention(place, match["place"], match.start("place"), match.end("place"))
            return mention, match.end()
    return None


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
