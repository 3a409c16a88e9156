"""The shortcuts of the operation extraction (places, periods, counts) give what the
patterns alone give."""

from __future__ import annotations

import random
import re
import string

from archive_gui.core.extract import numbers, operations, periods, places, regex_trie

_PIECES = [
    "a",
    "A",
    "an",
    "dozen",
    "In",
    "in",
    "excess",
    "of",
    "the",
    "past",
    "This",
    "week",
    "Monday",
    "Mondays",
    "Jan.",
    "January",
    "FY",
    "2019",
    "20",
    "5",
    "1,200",
    "3.5",
    "4th",
    "more",
    "than",
    "twenty-five",
    "thousand",
    "ICE",
    "ICEd",
    "ERO",
    "Atlanta",
    "area",
    "field",
    "office",
    ", Ga.",
    "said",
    "ſaid",
    "İn",
    "K",
    "—",
    "–",
    "--",
    "-",
    "(",
    ")",
    "“",
    ",",
    ".",
    " ",
    "  ",
    "\n",
    "\u00a0",
    "٣",
    "É",
    "_",
]


def _texts(count: int = 400, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_PIECES) + rng.choice(("", " ", " ", ",")) for _ in range(30))
        for _ in range(count)
    ]


def _windows(text: str, rng: random.Random):
    for start in range(0, len(text), 3):
        yield start, min(len(text), start + rng.randint(0, 80))
        yield start, len(text)


def test_ignorecase_folds_no_other_character_onto_an_ascii_letter() -> None:
    letters = re.compile(f"[{string.ascii_letters}]", re.I)
    odd = [chr(c) for c in range(128, 0x110000) if letters.fullmatch(chr(c))]
    assert "".join(odd) == regex_trie.CASE_ODDITIES


def test_patterns_without_ignorecase_match_as_with_it() -> None:
    rng = random.Random(2)
    pairs = [(numbers._MENTION, numbers._MENTION_FAST)]
    pairs += [(numbers._DIGIT_MENTION, numbers._DIGIT_MENTION_FAST)]
    assert regex_trie.without_ignorecase(re.compile("k", re.I)).pattern == "[Kk\u212a]"
    kept = re.compile("[a-z]", re.I)  # (a class with letters: left as it is)
    assert regex_trie.without_ignorecase(kept) is kept
    for text in _texts(150):
        for slow, fast in pairs:
            for at in range(len(text)):
                a, b = slow.match(text, at), fast.match(text, at)
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
        for start, end in _windows(text, rng):
            for slow in _IGNORING_CASE:
                fast = regex_trie.without_ignorecase(slow)
                assert not fast.flags & re.I
                a, b = slow.search(text, start, end), fast.search(text, start, end)
                assert (a and a.span()) == (b and b.span())


_IGNORING_CASE = [
    re.compile(r"\b(?:said|says|told|interview)\b[^.;]{0,40}$", re.I),
    re.compile(r"(?:arrested|detained|nets)\s+(?:a\s+total\s+of\s+)?$", re.I),
    re.compile(r"(?P<gap>(?:\s+[\w'’-]+){0,3}?)\s+in\s+custody\b", re.I),
    re.compile(r"\bK[^\W\d]+\s+(?:more|six)", re.I),
]


def test_candidates_are_those_the_scans_find() -> None:
    rng = random.Random(3)
    for text in _texts():
        for start, end in _windows(text, rng):
            assert numbers._candidates(text, start, end) == [
                m.start() + 1 for m in numbers._FAST_CANDIDATE.finditer(text, start, end)
            ]
            assert periods._candidates(text, start, end) == [
                m.start() + 1 for m in periods._CANDIDATE.finditer(text, start, end)
            ]
            if numbers._CANDIDATE.match(text, start, end):
                assert numbers._may_start(text, start, end)


def test_plain_numbers_are_what_the_digit_pattern_reads() -> None:
    for text in _texts():
        for at, char in enumerate(text):
            if not "0" <= char <= "9":
                continue
            plain = numbers._plain_number(text, at, len(text))
            if plain is None:
                continue
            match = numbers._DIGIT_MENTION.match(text, at)
            assert match is not None and match.span() == (plain.start, plain.end)
            assert numbers._digits_value(match) == (plain.value, plain.qualifier)


def test_dashes_agencies_and_speech_are_what_the_patterns_find() -> None:
    rng = random.Random(4)
    for text in _texts():
        assert [(m.name, m.start, m.end) for m in operations._find_agencies(text)] == [
            (operations._AGENCY_SHORT_NAMES[m.lastgroup or ""], m.start(), m.end())
            for m in operations._AGENCY.finditer(text)
        ]
        for start, end in _windows(text, rng):
            assert operations._dashes(text, start, end) == [
                m.span() for m in operations._DASH.finditer(text, start, end)
            ]
            assert operations._speech_before(text, start, end) == bool(
                operations._SPEECH_BEFORE.search(text, start, end)
            )


def test_place_suffix_tests_are_what_the_patterns_match() -> None:
    rng = random.Random(5)
    for text in _texts():
        for stop in range(len(text)):
            end = min(len(text), stop + rng.randint(0, 30))
            for test, pattern in (
                (places._next_capitalised, places._NEXT_CAPITALISED),
                (places._area_suffix, places._AREA_SUFFIX),
                (places._state_suffix, places._STATE_SUFFIX),
            ):
                a, b = test(text, stop, end), pattern.match(text, stop, end)
                assert (a and a.span()) == (b and b.span())
