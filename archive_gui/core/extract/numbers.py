"""Counts as news articles print them: digits, number words, "dozens", qualifiers, ranges.

``find_counts`` returns every count-like mention with its qualifier and span; deciding
whether a mention counts arrests is left to the caller, which also needs the mentions
it rejects (they separate a count from a verb further on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from archive_gui.core.extract.regex_trie import (
    COMPILED,
    non_word_char,
    trie_alternation,
    without_ignorecase,
)

_UNITS: Final = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS: Final = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORD_VALUES: Final = {**_UNITS, **_TEENS, **_TENS, "a": 1}
_SCALES: Final = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

# Qualifier words mapped to records.QUALIFIERS.  "exceeded" is a verb but reads as a
# qualifier ("arrests exceeded 600"), so it is part of the printed count.
_QUALIFIER_WORDS: Final = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "just shy of": "nearly",
    "more than": "more_than",
    "over": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "upwards of": "more_than",
    "upward of": "more_than",
    "in excess of": "more_than",
    "exceeded": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "up to": "up_to",
    "as many as": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
}


def _alternation(words) -> str:
    """Regex alternation of ``words`` (a space matching any white space) as a trie: the
    engine picks the branch by the next character instead of trying each word in turn,
    which under IGNORECASE it cannot skip quickly.  (No word of these sets is a prefix of
    another, so at most one can match anywhere: the order of the words does not matter.)"""
    words = list(words)
    if any(a != b and b.startswith(a) for a in words for b in words):
        raise ValueError("a word is a prefix of another: list the longer one first instead")
    return trie_alternation(words).replace(r"\ ", r"\s+")


_UNIT_RE: Final = _alternation(_UNITS)
_SMALL: Final = (
    rf"(?:(?:{_alternation(_TENS)})(?:[-\s](?:{_UNIT_RE}))?|{_alternation(_TEENS)}|{_UNIT_RE})"
)
_GROUP: Final = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
_WORDS: Final = rf"(?:(?:{_GROUP}|a)\s+(?:thousand|million)(?:,?\s+(?:and\s+)?{_GROUP})?|{_GROUP})"
_DIGITS: Final = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:thousand|million))?"
_CORE: Final = rf"(?:{_DIGITS}|{_WORDS})"
_DOZEN: Final = rf"(?:(?:{_SMALL}|a|half\s+a)\s+dozen|a\s+half[-\s]dozen)"
# Vague multiples: the conservative figure and the qualifier they stand for.
_VAGUE: Final = (
    r"(?:(?:several|a\s+few)\s+(?:dozen|hundred|thousand)"
    r"|(?:tens|hundreds)\s+of\s+thousands|dozens|hundreds|thousands)"
)

_MENTION: Final = re.compile(
    rf"""
    (?<![\w$£€.,/:#-])
    (?:
        (?P<between>between\s+(?P<lo>{_CORE})\s+and\s+(?P<hi>{_CORE}))
      | (?:(?P<qual>{_alternation(_QUALIFIER_WORDS)})\s+)?
        (?:
            (?P<vague>{_VAGUE})
          | (?P<dozen>{_DOZEN})
          | (?P<num>{_CORE})(?P<range>\s*(?:to|-|–)\s*{_CORE})?
        )
    )
    (?![\w%]|[.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# (The same, matched faster: see ``regex_trie.without_ignorecase``.)
_MENTION_FAST: Final = without_ignorecase(_MENTION)

# ``_MENTION`` where the text opens with a digit: its other branches all open with a
# letter, so only the digits branch can match there (the same groups, the same match,
# without trying the word branches first).
_DIGIT_MENTION: Final = re.compile(
    rf"""
    (?<![\w$£€.,/:#-])
    (?:(?P<between>(?!)(?P<lo>)(?P<hi>))|(?P<qual>(?!))|(?P<vague>(?!))|(?P<dozen>(?!)))?
    (?P<num>{_CORE})(?P<range>\s*(?:to|-|–)\s*{_CORE})?
    (?![\w%]|[.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT_MENTION_FAST: Final = without_ignorecase(_DIGIT_MENTION)

# Where a count mention can begin: a digit or one of these words.  Scanning for them
# first keeps the large pattern from being tried at every position.
# "a" and "an" are checked by what follows them: as articles they are too common to
# try the full pattern at each one.
_START_WORDS: Final = [
    w
    for w in (
        [w.split()[0] for w in _QUALIFIER_WORDS]
        + list(_UNITS)
        + list(_TEENS)
        + list(_TENS)
        + ["half", "between", "several", "tens", "dozens", "hundreds", "thousands"]
    )
    if w not in ("a", "an")
]
_CANDIDATE: Final = re.compile(
    rf"(?<![\w.,])(?:\d|{trie_alternation(w for v in _START_WORDS for w in (v, v.capitalize()))}"
    r"|[Aa](?=\s+(?:dozen|half|hundred|thousand|million|few|minimum)\b)"
    r"|[Aa]n(?=\s+estimated\b))"
    r"(?![A-Za-z])"
)


# The fast scan: a character that may precede a count, then the count's first word.
# Words that only open a longer phrase ("in excess of", "at least", "up to") must be
# followed by its next word, the rest being matched case-insensitively as ``_MENTION``
# does; "in", "at" and "as" are too common to try the full pattern at each one.
_STANDALONE: Final = (
    {w for w in _QUALIFIER_WORDS if " " not in w}
    | set(_WORD_VALUES)
    | {"between", "dozens", "hundreds", "thousands"}
)
_NEXT_WORDS: Final[dict[str, set[str]]] = {
    "half": {"a"},
    "several": {"dozen", "hundred", "thousand"},
    "tens": {"of"},
}
for _phrase in _QUALIFIER_WORDS:
    _first, *_rest = _phrase.split()
    if _rest and _first not in _STANDALONE and _first not in ("a", "an"):
        _NEXT_WORDS.setdefault(_first, set()).add(_rest[0])
_BOUNDARY: Final = "(?![A-Za-z])"
_TAILS: Final = {w: _BOUNDARY for v in _START_WORDS for w in (v, v.capitalize())}
for _first, _nexts in _NEXT_WORDS.items():
    for _word in (_first, _first.capitalize()):
        _TAILS[_word] = rf"(?i:\s+(?:{'|'.join(sorted(_nexts))}))"
for _word in ("a", "A"):
    _TAILS[_word] = r"(?=\s+(?:dozen|half|hundred|thousand|million|few|minimum)\b)"
for _word in ("an", "An"):
    _TAILS[_word] = r"(?=\s+estimated\b)"
_FAST_CANDIDATE: Final = re.compile(
    non_word_char(".,", rf"(?=\d{_BOUNDARY}|{trie_alternation(_TAILS, _TAILS)})")
)


# (Not frozen: a frozen dataclass takes four times as long to build, and these are
# built by the hundred per article; treat them as immutable all the same.)
@dataclass(unsafe_hash=True, slots=True)
class CountMention:
    """A printed count: its conservative value, qualifier and exact span."""

    value: int
    qualifier: str
    text: str
    start: int
    end: int


_MAX_DIGITS: Final = 12


_DIGIT_NUMBER: Final = re.compile(r"\d+(?:\.\d+)?(?:\s+(?:thousand|million))?")


def words_to_int(words: str) -> int | None:
    """Value of a number written in digits or English words ("six hundred and eighty")."""
    cleaned = words.lower().replace(",", "").replace("-", " ")
    if cleaned.isdecimal() or _DIGIT_NUMBER.fullmatch(cleaned):
        number, _, scale = cleaned.partition(" ")
        if len(number.partition(".")[0]) > _MAX_DIGITS:
            return None  # no arrest count; and float() would overflow on hundreds of digits
        return round(float(number) * _SCALES.get(scale.strip(), 1))
    total = current = 0
    for token in cleaned.split():
        if token in _WORD_VALUES:
            current += _WORD_VALUES[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in ("thousand", "million"):
            total += max(current, 1) * _SCALES[token]
            current = 0
        elif token != "and":
            return None
    return total + current


def _vague_value(phrase: str) -> tuple[int, str]:
    lowered = " ".join(phrase.lower().split())
    if lowered.endswith("of thousands"):
        return (100_000 if lowered.startswith("hundreds") else 10_000), "thousands"
    for unit, value, qualifier in (
        ("dozen", 12, "dozens"),
        ("hundred", 100, "hundreds"),
        ("thousand", 1_000, "thousands"),
    ):
        if unit in lowered:
            return value, qualifier
    raise ValueError(phrase)


def _mention_value(match: re.Match) -> tuple[int, str] | None:
    """(value, qualifier) of a ``_MENTION`` match; ranges keep their lower bound."""
    value: int | None
    if match["between"]:
        value = words_to_int(match["lo"])
        return None if value is None else (value, "at_least")
    if match["vague"]:
        value, qualifier = _vague_value(match["vague"])
        return value, (
            _QUALIFIER_WORDS[_qualifier_key(match["qual"])] if match["qual"] else qualifier
        )
    if match["dozen"]:
        phrase = match["dozen"].lower()
        dozens = 0.5 if "half" in phrase else words_to_int(phrase.rsplit(None, 1)[0])
        if dozens is None:
            return None
        value = round(dozens * 12)
    else:
        value = words_to_int(match["num"])
    if value is None:
        return None
    if match["range"]:
        return value, "at_least"
    return value, _QUALIFIER_WORDS[_qualifier_key(match["qual"])] if match["qual"] else "exact"


def _digits_value(match: re.Match) -> tuple[int, str] | None:
    """``_mention_value`` of a ``_DIGIT_MENTION`` match (only its number and range can
    be set), a plain run of digits read without ``words_to_int``'s clean-up."""
    number = match["num"]
    value: int | None
    if number.isdecimal() and len(number) <= _MAX_DIGITS:
        value = int(number)  # (what ``round(float(number))`` gives for so few digits)
    else:
        value = words_to_int(number)
        if value is None:
            return None
    return value, "at_least" if match["range"] else "exact"


def _qualifier_key(qualifier: str) -> str:
    return " ".join(qualifier.lower().split())


# "since Feb. 1 to 149": a date's day, not the first bound of a range.
_MONTH_BEFORE: Final = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+$"
)


# Around a plain number ("arrested 120 people"), the characters that settle what
# ``_DIGIT_MENTION`` matches there without running it: before the digits, one its
# look-behind allows; after them, one that ends the number (a space too, unless what
# follows it could extend the match: "thousand", "million", "to", a dash, more space).
_PLAIN_BEFORE: Final = frozenset(' \n("“')
_PLAIN_AFTER: Final = frozenset(")\";:”’!?'")
_AFTER_STOP: Final = frozenset(" \n\")”’'")
_EXTENDING: Final = frozenset("tTmM-–")


def _plain_number(text: str, at: int, end: int) -> CountMention | None:
    """The mention ``_DIGIT_MENTION.match(text, at, end)`` gives (with ``_digits_value``)
    when it is a bare run of ASCII digits, read without the pattern; None when the text
    there is anything else, for the pattern to read."""
    if at > 0 and text[at - 1] not in _PLAIN_BEFORE:
        return None
    stop = at
    while stop < end and "0" <= text[stop] <= "9":
        stop += 1
    if stop == at or stop - at > _MAX_DIGITS:
        return None
    if stop < end:
        after = text[stop]
        if after == " ":
            following = stop + 1
            while following < end and text[following] == " ":
                following += 1
            if following < end and (text[following] in _EXTENDING or text[following].isspace()):
                return None
        elif after == "." or after == ",":
            if stop + 1 < end and text[stop + 1] not in _AFTER_STOP:
                return None
        elif after not in _PLAIN_AFTER:
            return None
    number = text[at:stop]
    return CountMention(int(number), "exact", number, at, stop)


def _pair_table() -> list[bool]:
    """For each pair of ASCII codes ``128 * first + second``, whether a word of ``_TAILS``
    opens with those two characters (a one-letter word: with it and a space, which stands
    for any character but a letter)."""
    table = [False] * (128 * 128)
    for word in _TAILS:
        table[128 * ord(word[0]) + ord(word[1] if len(word) > 1 else " ")] = True
    return table


_PAIRS: Final = _pair_table()


def _candidates(text: str, start: int, end: int) -> list[int]:
    """``[m.start() + 1 for m in _FAST_CANDIDATE.finditer(text, start, end)]``, read
    word by word: the range split at its spaces, a word of letters or digits can only
    be a candidate where it starts (after the space), and only the words opening as one
    of ``_TAILS`` does are checked with the pattern itself.  (Scanning with the pattern
    tests every character and tries its trie at every space.)"""
    starts: list[int] = []
    position = start
    for token in text[start:end].split(" "):
        size = len(token)
        if size:
            if token.isalnum() or (size > 1 and token[: size - 1].isalnum()):
                # (letters and digits, maybe then one mark: "arrests," "120.")
                if position > start and _candidate_at(text, position, end, token):
                    starts.append(position)
            else:
                previous = " "
                for index in range(size):
                    char = token[index]
                    at = position + index
                    if (
                        at > start
                        and char.isalnum()
                        and not (previous.isalnum() or previous in "_.,")
                        and _candidate_at(text, at, end, token[index:])
                    ):
                        starts.append(at)
                    previous = char
        position += size + 1
    return starts


def _may_start(text: str, start: int, end: int) -> bool:
    """False where ``_CANDIDATE`` cannot match at ``start``: a character that is neither
    a letter nor a digit, or two letters no word it looks for opens with (most
    sentences open with "The", "He", ...: the pattern need not run)."""
    if start >= end:
        return False
    first = ord(text[start])
    if first >= 128 or 48 <= first <= 57:
        return True
    if not _is_ascii_letter(first):
        return False
    second = ord(text[start + 1]) if start + 1 < end else 32
    if not _is_ascii_letter(second):
        second = 32
    return _PAIRS[128 * first + second]


def _is_ascii_letter(code: int) -> bool:
    return 97 <= code <= 122 or 65 <= code <= 90


def _candidate_at(text: str, at: int, end: int, rest: str) -> bool:
    """Whether ``_FAST_CANDIDATE`` matches at ``at - 1`` (a character it accepts there),
    ``rest`` being the text from ``at`` to the next space or ``end``."""
    first = ord(rest[0])
    size = len(rest)
    second = ord(rest[1]) if size > 1 else 32
    if 48 <= first <= 57:
        return not _is_ascii_letter(second)
    if first > 127:
        return _FAST_CANDIDATE.match(text, at - 1, end) is not None
    if not _is_ascii_letter(second):
        second = 32  # (a one-letter word: "a")
    if not _is_ascii_letter(first) or not _PAIRS[128 * first + second]:
        return False
    # The ASCII letters opening ``rest``: a word of ``_TAILS`` is followed by none.
    if rest not in _TAILS:
        letters = 1
        while letters < size and _is_ascii_letter(ord(rest[letters])):
            letters += 1
        if letters == size or rest[:letters] not in _TAILS:
            return False
    return _FAST_CANDIDATE.match(text, at - 1, end) is not None


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[CountMention]:
    """Every count mention in ``text[start:end]``, in text order, spans absolute."""
    end = len(text) if end is None else end
    mentions: list[CountMention] = []
    position = start
    word_match, digit_match = _MENTION_FAST.match, _DIGIT_MENTION_FAST.match
    starts = [start] if _may_start(text, start, end) and _CANDIDATE.match(text, start, end) else []
    if COMPILED:  # (word by word: cheaper compiled, dearer in pure Python than the scan)
        starts += _candidates(text, start, end)
    else:
        starts += [m.start() + 1 for m in _FAST_CANDIDATE.finditer(text, start, end)]
    for at in starts:
        if at < position:
            continue
        digits = at < end and text[at].isdecimal()
        if digits:
            plain = _plain_number(text, at, end)
            if plain is not None:
                mentions.append(plain)
                position = plain.end
                continue
        match_at = digit_match if digits else word_match
        match = match_at(text, at, end)
        if not match:
            continue
        if match["range"] and _MONTH_BEFORE.search(text, max(0, at - 12), at):
            match = match_at(text, at, match.start("range"))
            if not match:
                continue
        parsed = _digits_value(match) if digits else _mention_value(match)
        if parsed is None:
            continue
        mentions.append(CountMention(parsed[0], parsed[1], match.group(), *match.span()))
        position = match.end()
    return mentions
