"""Period phrases ("this week", "since Jan. 20", "this summer") and the dates they cover.

Relative phrases are resolved against the publication date, reading every phrase as
past: an article can only report arrests that have already happened.  So

- no period ends after the publication date: "this week" published on a Friday is
  Monday..Friday, "this month" is the 1st..publication day;
- "this summer" is the most recent summer that began on or before publication (in
  February that is last year's); "last summer" the most recent one already over;
- "last week"/"last month"/"last year" are the previous calendar week (Monday..Sunday),
  month or year; "the past week"/"over the past 30 days" end on the publication day;
- a bare weekday or date is the most recent one on or before publication; "since X"
  runs from X to publication; fiscal years run October..September;
- seasons are meteorological: spring Mar-May, summer Jun-Aug, fall Sep-Nov, winter Dec-Feb;
- vague phrases ("in recent weeks") keep their text but get no dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from archive_gui.core.extract.numbers import words_to_int
from archive_gui.core.extract.regex_trie import COMPILED, non_word_char, trie_alternation

_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS: Final = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "May": 5,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_SEASON_START_MONTH: Final = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MONTH_NAME: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)


def _either_case(*words: str) -> str:
    """Alternation of ``words`` lower-case or capitalised (at a sentence start).

    Spelled out rather than re.IGNORECASE, which makes the scan several times slower.
    """
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words) + ")"


_PREPOSITION: Final = _either_case(
    "over", "during", "in", "within", "since", "throughout", "through"
)
_MODIFIER: Final = _either_case(
    r"this\s+past",
    "this",
    "last",
    "previous",
    "past",
    r"the\s+past",
    r"the\s+last",
    r"the\s+previous",
)
_UNIT: Final = "(?:weekend|week|month|year|summer|spring|fall|autumn|winter)"
_SEASON: Final = "(?:summer|spring|fall|autumn|winter)"
_YEAR: Final = r"(?:19|20)\d\d"
_THE: Final = _either_case("the")
_WEEKDAY_MODIFIER: Final = _either_case("last", r"this\s+past", "this")
_DAY_WORD: Final = _either_case("today", "yesterday", r"last\s+night", "overnight")
# Every word a period phrase can start with: checked first, so the long pattern below
# is only tried where a phrase can begin.
_FIRST_WORDS: Final = trie_alternation(
    [
        w
        for v in ["over", "during", "in", "within", "since", "throughout", "through", "earlier"]
        + ["this", "last", "previous", "past", "the", "recent", "summer", "spring", "fall"]
        + ["autumn", "winter", "fiscal", "today", "yesterday", "overnight"]
        for w in (v, v.capitalize())
    ]
    + list(_WEEKDAYS)
    + [name.rstrip(".") for name in re.findall(r"[A-Z][a-z]+\.?", _MONTH_NAME)]
    + ["FY", "19", "20"]
)
# Where a phrase can begin: a non-word character followed by one of those words, with
# what must come next ("the" only opens "the past ...", "the last ...", "the summer
# 2019"; a preposition needs a phrase after it).  The scan opens with a character class,
# which the regex engine skips to quickly; the position after that character is then
# tried with the full pattern.  It finds every position ``_PERIOD`` can match at, and
# few more: "in" and "the" are too common to try the full pattern at each one.
_TAILS: Final = {
    **{w: "" for w in _WEEKDAYS},
    **{name.rstrip("."): "" for name in re.findall(r"[A-Z][a-z]+\.?", _MONTH_NAME)},
    **{
        w: r"\s"
        for v in ["this", "last", "previous", "past", "recent", "fiscal"]
        for w in (v, v.capitalize())
    },
    **{
        w: r"\s"
        for v in ["summer", "spring", "fall", "autumn", "winter"]
        for w in (v, v.capitalize())
    },
    **{w: "" for v in ["today", "yesterday", "overnight"] for w in (v, v.capitalize())},
    "the": r"\s+(?:[Pp]ast|[Ll]ast|[Pp]revious|summer|spring|fall|autumn|winter)",
    "The": r"\s+(?:[Pp]ast|[Ll]ast|[Pp]revious|summer|spring|fall|autumn|winter)",
    "FY": r"\s?(?:19|20)",
    "19": r"\d\d",
    "20": r"\d\d",
}
_PHRASE_START: Final = trie_alternation(_TAILS, _TAILS)
_PREPOSITION_TAILS: Final = {
    w: rf"\s+{_PHRASE_START}"
    for v in ["over", "during", "in", "within", "since", "throughout", "through", "earlier"]
    for w in (v, v.capitalize())
}
_ALL_TAILS: Final = {**_TAILS, **_PREPOSITION_TAILS}
_CANDIDATE: Final = re.compile(
    non_word_char("-", f"(?={trie_alternation(_ALL_TAILS, _ALL_TAILS)})")
)
_PERIOD: Final = re.compile(
    rf"""
    (?={_FIRST_WORDS})(?<![\w-])
    (?:(?P<prep>{_PREPOSITION}|[Ee]arlier)\s+)?
    (?:
        (?P<rel>(?P<mod>{_MODIFIER})\s+(?P<unit>{_UNIT}))
      | (?P<span>(?:{_THE}\s+)?{_either_case("past", "last", "previous")}
            \s+(?P<count>\d{{1,3}}|[a-z]+(?:-[a-z]+)?)\s+(?P<span_unit>days|weeks|months|years))
      | (?P<recent>{_either_case("recent")}\s+(?:days|weeks|months)
            |{_THE}\s+(?:past|last)\s+(?:few|several)\s+(?:days|weeks|months))
      | (?P<season_of>(?:{_THE}\s+)?(?P<season>{_SEASON})
            \s+(?:of\s+)?(?P<season_year>{_YEAR}))
      | (?P<fiscal>{_either_case("fiscal")}\s+(?:year\s+)?(?P<fy>{_YEAR})|FY\s?(?P<fy2>{_YEAR}))
      | (?P<weekday_phrase>(?P<wd_mod>(?:{_WEEKDAY_MODIFIER})\s+)?
            (?P<weekday>{"|".join(_WEEKDAYS)}))
      | (?P<month_phrase>(?P<month>{_MONTH_NAME})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?
            (?:,?\s+(?P<month_year>{_YEAR}))?)
      | (?P<year>{_YEAR})
      | (?P<dayword>{_DAY_WORD})
    )
    (?![\w-])
    """,
    re.VERBOSE,
)


# (Not frozen: a frozen dataclass takes four times as long to build, and these are
# built by the hundred per article; treat them as immutable all the same.)
@dataclass(unsafe_hash=True, slots=True)
class PeriodMention:
    """A period phrase with its span and the dates it covers (None when unknown)."""

    text: str
    start: int
    end: int
    first: date | None
    last: date | None
    day_level: bool  # a single day: likely the day something was *said*, not done


def find_periods(
    text: str, start: int = 0, end: int | None = None, published: date | None = None
) -> list[PeriodMention]:
    """Period phrases in ``text[start:end]``, resolved against ``published`` if given."""
    end = len(text) if end is None else end
    mentions = []
    for match in _matches(text, start, end):
        if not _plausible(match):
            continue
        first, last = _resolve(match, published) if published else (None, None)
        single_day = bool(match["weekday"] or match["dayword"] or match["day"])
        day_level = single_day and (match["prep"] or "").lower() != "since"
        mentions.append(
            PeriodMention(match.group(), match.start(), match.end(), first, last, day_level)
        )
    return mentions


def _matches(text: str, start: int, end: int):
    """``_PERIOD.finditer(text, start, end)``, trying the pattern only at candidates."""
    match_at = _PERIOD.match
    position = start
    if start < end:
        match = match_at(text, start, end)
        if match:
            yield match
            position = match.end()
    # (word by word: cheaper compiled, dearer in pure Python than the scan)
    if COMPILED:
        candidates = _candidates(text, start, end)
    else:
        candidates = [m.start() + 1 for m in _CANDIDATE.finditer(text, start, end)]
    for at in candidates:
        if at < position:
            continue
        match = match_at(text, at, end)
        if match:
            yield match
            position = match.end()


def _pair_table() -> list[bool]:
    """For each pair of ASCII codes ``128 * first + second``, whether a word of
    ``_ALL_TAILS`` opens with those two characters."""
    table = [False] * (128 * 128)
    for word in _ALL_TAILS:
        table[128 * ord(word[0]) + ord(word[1])] = True
    return table


_PAIRS: Final = _pair_table()


def _candidates(text: str, start: int, end: int) -> list[int]:
    """``[m.start() + 1 for m in _CANDIDATE.finditer(text, start, end)]``, read word by
    word (as ``numbers._candidates``): a word of letters or digits can only be a
    candidate where it starts, after a space, and only words opening with the first two
    characters of one ``_CANDIDATE`` looks for are checked with the pattern itself."""
    starts: list[int] = []
    position = start
    for token in text[start:end].split(" "):
        size = len(token)
        if size:
            if token.isalnum() or (size > 1 and token[: size - 1].isalnum()):
                # (letters and digits, maybe then one mark: "week," "2019.")
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
                        and not (previous.isalnum() or previous in "_-")
                        and _candidate_at(text, at, end, token[index:])
                    ):
                        starts.append(at)
                    previous = char
        position += size + 1
    return starts


def _candidate_at(text: str, at: int, end: int, rest: str) -> bool:
    """Whether ``_CANDIDATE`` matches at ``at - 1`` (a character it accepts there),
    ``rest`` being the text from ``at`` to the next space or ``end``."""
    first = ord(rest[0])
    if first < 128:
        if len(rest) < 2:
            return False  # (every word looked for has two characters or more)
        second = ord(rest[1])
        if second >= 128 or not _PAIRS[128 * first + second]:
            return False
        if (97 <= first <= 122 or 65 <= first <= 90) and not _may_open(rest):
            return False
    return _CANDIDATE.match(text, at - 1, end) is not None


# The first three letters of the words ``_CANDIDATE`` looks for that may be followed by
# more letters (their tail is empty: "Monday" in "Mondays", "Jan" in "January"); every
# other word of letters is followed by something else (white space, a digit).
_OPEN_PREFIXES: Final = frozenset(word[:3] for word, tail in _ALL_TAILS.items() if not tail)


def _may_open(rest: str) -> bool:
    """Whether ``rest``, opening with an ASCII letter, opens with a word ``_CANDIDATE``
    looks for: its letters are one such word, or open as one with an empty tail.
    ("the" passes the table of first two characters, "they" or "that" do not pass this.)"""
    if rest in _ALL_TAILS or rest[:3] in _OPEN_PREFIXES:
        return True
    letters = 1
    size = len(rest)
    while letters < size:
        code = ord(rest[letters])
        if not (97 <= code <= 122 or 65 <= code <= 90):
            break
        letters += 1
    return letters < size and rest[:letters] in _ALL_TAILS


def _plausible(match: re.Match) -> bool:
    """Bare years and month names need a preposition ("in 2016", "in May", not "may")."""
    if match["year"] or (match["month"] and not match["day"] and not match["month_year"]):
        return bool(match["prep"])
    return not match["span"] or _span_count(match) is not None


def _span_count(match: re.Match) -> int | None:
    return words_to_int(match["count"])


def _resolve(match: re.Match, published: date) -> tuple[date | None, date | None]:
    first, last = _dates(match, published)
    if first is None or last is None:
        return None, None
    if (match["prep"] or "").lower() == "since":
        return first, published
    if first <= published < last:
        last = published
    return first, last


def _dates(match: re.Match, published: date) -> tuple[date | None, date | None]:
    if match["rel"]:
        return _relative(" ".join(match["mod"].lower().split()), match["unit"].lower(), published)
    if match["span"]:
        count = _span_count(match)
        if count is None:
            return None, None
        return _trailing(count, match["span_unit"].lower(), published)
    if match["season_of"]:
        return _season(match["season"].lower(), int(match["season_year"]))
    if match["fiscal"]:
        year = int(match["fy"] or match["fy2"])
        return date(year - 1, 10, 1), date(year, 9, 30)
    if match["weekday"]:
        strict = " ".join((match["wd_mod"] or "this").lower().split()) != "this"
        day = _last_weekday(_WEEKDAYS.index(match["weekday"]), published, strict)
        return day, day
    if match["month"]:
        return _month_phrase(match, published)
    if match["year"]:
        year = int(match["year"])
        return date(year, 1, 1), date(year, 12, 31)
    if match["dayword"]:
        word = match["dayword"].lower()
        day = published if word == "today" else published - timedelta(days=1)
        return day, (published if word == "overnight" else day)
    return None, None


def _relative(mod: str, unit: str, published: date) -> tuple[date, date]:
    """this/last/past + week, weekend, month, year or season."""
    trailing = mod not in ("this", "last", "previous")
    if unit in _SEASON_START_MONTH:
        return _recent_season(unit, published, ended=mod != "this")
    if unit == "weekend":
        return _weekend(published, strict=mod != "this")
    if trailing:
        return _trailing(1, unit + "s", published)
    back = 0 if mod == "this" else 1
    if unit == "week":
        monday = published - timedelta(days=published.weekday() + 7 * back)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _add_months(published.replace(day=1), -back)
        return first, _month_end(first.year, first.month)
    year = published.year - back
    return date(year, 1, 1), date(year, 12, 31)


def _trailing(count: int, unit: str, published: date) -> tuple[date, date]:
    """The ``count`` days/weeks/months/years ending on the publication day."""
    if unit == "days":
        first = published - timedelta(days=count - 1)
    elif unit == "weeks":
        first = published - timedelta(days=7 * count - 1)
    elif unit == "months":
        first = _add_months(published, -count) + timedelta(days=1)
    else:
        first = _add_months(published, -12 * count) + timedelta(days=1)
    return first, published


def _weekend(published: date, strict: bool) -> tuple[date, date]:
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if strict and published.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _last_weekday(weekday: int, published: date, strict: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return published - timedelta(days=back)


def _season(season: str, year: int) -> tuple[date, date]:
    start_month = _SEASON_START_MONTH[season]
    first = date(year, start_month, 1)
    last_month = _add_months(first, 2)
    return first, _month_end(last_month.year, last_month.month)


def _recent_season(season: str, published: date, ended: bool) -> tuple[date, date]:
    """The most recent season that began (or, if ``ended``, finished) by publication."""
    for year in (published.year, published.year - 1, published.year - 2):
        first, last = _season(season, year)
        if (last < published) if ended else (first <= published):
            return first, last
    raise AssertionError("a season always recurs within two years")


def _month_phrase(match: re.Match, published: date) -> tuple[date, date]:
    month = _MONTHS[match["month"][:3]]
    day = int(match["day"] or 1)
    if match["month_year"]:
        year = int(match["month_year"])
    else:
        this_year = _clamped_date(published.year, month, day)
        year = published.year if this_year <= published else published.year - 1
    if match["day"]:
        single = _clamped_date(year, month, day)
        return single, single
    return date(year, month, 1), _month_end(year, month)


def _clamped_date(year: int, month: int, day: int) -> date:
    """The date, with an impossible day ("Feb. 30") moved into the month."""
    return date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
