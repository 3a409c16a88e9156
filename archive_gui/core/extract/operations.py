"""Arrest counts ("operations") with their place, period and agency.

A count is an operation only when its clause links it to an arrest verb: "arrested
about 200", "192 people were apprehended", "the 40 people detained", "680 arrests".
Counts of agents, detainers, deportations, percentages, years, money and durations are
never linked to such a verb, and are rejected explicitly where a stray verb could link
them anyway.

Sentences are read as a main clause plus dash/parenthesis asides.  An aside opening
with "which/that/who" describes something (an area's states, a person) and is ignored
entirely; one opening with "including/among them" holds breakdowns of the main count.

Headlines are read too (the lines above a dateline, or a short unpunctuated first
line); bare present tense ("Fugitive teams arrest dozens") counts only there.

Subsets: a count that is part of another ("including 790 ...", "71 of those arrested",
"Of those arrested, 24 ...") is kept only with a place of its own right after it (a
breakdown by place); otherwise it is a subset by attribute and dropped.  "the 112 people
arrested" repeating an earlier figure refers back and is not counted again; "its 1,100
employees" is a group size.  Press-release lists ("Baltimore (28); Boston (45)") and
elliptical lists ("in Louisiana, 78; in Tennessee, 64") give one operation per item.
Comma-set relative clauses and ranking appositives (", which covers ...", ", the largest
raid in Texas this year,") are descriptive asides like the dashed ones.

Context rules:
- place: the nearest place phrase in the count's clause; else the parent count's place
  (for breakdowns); else the latest place in the preceding sentences of this or the
  previous paragraph (a list of several places there makes it ambiguous: no place);
  else the dateline.
- period: the nearest period phrase in the clause, then in the sentence's asides, then
  the parent's; else the previous operation's period, when it is the latest period in
  the article and no more than a paragraph back.  Single days next to a speech verb
  ("said Friday") date the statement, not the arrests, and are skipped.
- agency: the agency named nearest in the sentence, else the parent's, else the agency
  the article names most often.
- ranges ("between 40 and 50", "40 to 50") keep the lower bound, qualifier at_least.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from archive_gui.core.extract.gazetteer_data import REGIONS, STATES
from archive_gui.core.extract.numbers import CountMention, find_counts
from archive_gui.core.extract.periods import PeriodMention, find_periods
from archive_gui.core.extract.places import (
    NATIONWIDE,
    PlaceMention,
    city_place,
    find_dateline,
    find_places,
    office_mention,
    office_name,
    rehome_dateline,
    resolve_relative,
    resolve_town,
    state_place,
)
from archive_gui.core.extract.regex_trie import CASE_ODDITIES, without_ignorecase
from archive_gui.core.records import Operation, Place

# (a tuple of the characters: compiled, iterating a string makes a string of each)
_CASE_ODDITIES: Final = tuple(CASE_ODDITIES)


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile``, without re.IGNORECASE where the same matches can be had faster
    (``regex_trie.without_ignorecase``)."""
    return without_ignorecase(re.compile(pattern, flags))


# ---------------------------------------------------------------------------- sentences

# (Both open with a single character class, not a repeat of one: the engine then skips
# ahead to candidates with its quick character-set scan instead of trying a match at
# every position; ``X+`` and ``XX*`` match alike.)
_PARAGRAPH: Final = _compile(r"[^\n][^\n]*")
_SENTENCE_END: Final = _compile(r"[.!?][.!?]*[\"”’)\]]*(?=\s+[\"“‘(\[»]*[A-Z0-9])")
# ``_SENTENCE_END`` in a paragraph without "!" or "?": led by a literal, which the engine
# finds with a much tighter loop than a character set.
_SENTENCE_END_DOT: Final = _compile(r"\.\.*[\"”’)\]]*(?=\s+[\"“‘(\[»]*[A-Z0-9])")
_ABBREVIATION: Final = _compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Lt|Sgt|Gen|Col|Capt|Cmdr|St|Jr|Sr|Inc|Co|Corp|No|Jan"
    r"|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind"
    r"|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Vt|Va|Wash|Wis|Wyo"
    r"|Ft|Mt|Rev|Prof|Atty|Supt|Dept|vs|etc)|\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
# Real sentences have two or three asides and a handful of counts or places; the caps
# keep the per-sentence work linear on odd input (tables flattened into one "sentence").
_MAX_ASIDES: Final = 16
_MAX_MENTIONS: Final = 24
_DASH: Final = _compile(r"\s*—\s*|\s+(?:–|--)\s+")
_PARENTHESIS: Final = _compile(r"\(([^()]*)\)")
# Appositives ranking the event (", the largest raid in Texas this year", ", in what
# officials called ...") describe it against others: their places are not its place.
_RANK: Final = r"(?:latest|largest|biggest|first|second|third|most|newest|last)"
# "In Dalton, Ga., a carpet-manufacturing city near the Tennessee line, ...": an
# appositive describing a town; its places are not the count's.
_TOWN_APPOSITIVE: Final = r"an?\s+(?:[\w-]+\s+){0,3}?(?:city|town|village|suburb|community)\b"
_DESCRIPTIVE_ASIDE: Final = _compile(
    rf"[\"“]?(?:which|that|who|whom|whose|where|the\s+{_RANK}|in\s+what|{_TOWN_APPOSITIVE})\b",
    re.I,
)
# "which brings the total to 1,618": a running total, read like the main clause.
_TOTAL_ASIDE: Final = _compile(
    r"(?:which|that)\s+(?:brings?|brought|raises?|raised|push(?:es|ed)|lifts?|lifted)\s+"
    r"(?:the|its|their)\s+(?:[\w-]+\s+)?(?:total|tally|number|count)\b",
    re.I,
)
# ", which said this week that more than 370 people had been arrested in ...,": what the
# subject reported, read like the main clause.
_REPORTING_ASIDE: Final = _compile(
    r"(?:which|who)\s+(?:[a-z]+\s+){0,2}?(?:said|says|announced|reported|reports|stated)\b"
    r"(?:\s+[\w.]+){0,4}?\s+that\b",
    re.I,
)
# "which included 112 in Phoenix": a breakdown of the count the sentence refers to.
_INCLUDED_ASIDE: Final = _compile(r"(?:which|that)\s+(?:included|includes|include)\b", re.I)
# "— 27 in Albuquerque and eight in Santa Fe": counts by place breaking down the sentence's.
_COUNT_IN_PLACE_ASIDE: Final = _compile(
    r"(?:(?:about|nearly|almost|more\s+than|at\s+least)\s+)?(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)"
    r"\s+in\s+(?:the\s+)?[A-Z]"
)
_BREAKDOWN_ASIDE: Final = _compile(
    r"(?:including|among\s+(?:them|those|whom)|of\s+(?:whom|them|those)|with)\b", re.I
)


# (Not frozen: a frozen dataclass takes four times as long to build, and these are
# built by the hundred per article; treat them as immutable all the same.)
@dataclass(unsafe_hash=True, slots=True)
class _Aside:
    """Interior of a dash pair or parenthesis: kind is descriptive, breakdown or other."""

    start: int
    end: int
    kind: str


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int
    text: str = field(default="", repr=False)
    headline: bool = False
    _asides: list[_Aside] | None = field(default=None, repr=False)

    @property
    def asides(self) -> list[_Aside]:
        """Found on first use: most sentences have no count, place or period to read."""
        if self._asides is None:
            self._asides = _find_asides(self.text, self.start, self.end)
        return self._asides

    def aside_at(self, position: int) -> _Aside | None:
        asides = self._asides
        if asides is None:
            asides = self.asides
        for aside in asides:
            if aside.start <= position < aside.end:
                return aside
        return None


def _split_sentences(
    text: str, body_start: int, body_end: int | None = None, first_paragraph: int = 0
) -> list[_Sentence]:
    """Sentences, numbered by paragraph (one paragraph per line)."""
    sentences = []
    body_end = len(text) if body_end is None else body_end
    find = text.find
    # (most articles have no "!" or "?" at all: then no paragraph is searched for one)
    marks = find("!", body_start, body_end) >= 0 or find("?", body_start, body_end) >= 0
    for number, (start, paragraph_end) in enumerate(
        _paragraphs(text, body_start, body_end), first_paragraph
    ):
        ends = (
            _SENTENCE_END
            if marks
            and (find("!", start, paragraph_end) >= 0 or find("?", start, paragraph_end) >= 0)
            else _SENTENCE_END_DOT
        )
        for boundary in ends.finditer(text, start, paragraph_end):
            at, stop = boundary.span()  # (one call on the match, not three)
            if (
                text[at] == "."
                and _may_abbreviate(text, at)
                and _ABBREVIATION.search(text, max(start, at - 12), at + 1)
            ):
                continue
            sentences.append(_Sentence(start, stop, number, text))
            start = stop
        if text[start:paragraph_end].strip():
            sentences.append(_Sentence(start, paragraph_end, number, text))
    return sentences


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]`` that is not empty: the spans of
    ``_PARAGRAPH.finditer(text, start, end)``, from one ``split`` of the range (a
    ``find`` per line parses its bounds each time, which costs more)."""
    spans = []
    for line in text[start:end].split("\n"):
        stop = start + len(line)
        if line:
            spans.append((start, stop))
        start = stop + 1
    return spans


def _positions(text: str, char: str) -> list[int]:
    """Where ``char`` is in ``text``, in order."""
    positions = []
    find = text.find
    at = find(char)
    while at >= 0:
        positions.append(at)
        at = find(char, at + 1)
    return positions


_LOWER_ABBREVIATIONS: Final = ("vs", "etc")
_MAX_ABBREVIATION: Final = 5  # "Calif", "Sept": no word ``_ABBREVIATION`` lists is longer


def _may_abbreviate(text: str, period: int) -> bool:
    """False when the word before the period cannot be one ``_ABBREVIATION`` matches (a
    lower-case or long word without inner dots: most sentence ends), so the pattern
    runs only for the rest."""
    # (Most words before a stop are letters after a space: one ``rfind`` finds where the
    # walk below would stop, which it can reach within its 13 characters.)
    space = text.rfind(" ", period - 13 if period > 13 else 0, period)
    word = text[space + 1 : period]
    if space >= 0 and word.isalpha():
        if word[0].islower():
            return word in _LOWER_ABBREVIATIONS
        return len(word) <= _MAX_ABBREVIATION
    first = period
    while (
        first > 0 and period - first <= 12 and (text[first - 1].isalpha() or text[first - 1] == ".")
    ):
        first -= 1
    word = text[first:period]
    if not word or "." in word:
        return True
    if word[0].islower():
        return word in _LOWER_ABBREVIATIONS
    return len(word) <= _MAX_ABBREVIATION


_COMMA_RELATIVE: Final = _compile(
    rf",\s+(?=(?:which|who|whom|whose|the\s+{_RANK}|in\s+what|{_TOWN_APPOSITIVE})\b)"
)
# A comma ends a relative clause unless a capitalised list item follows ("which covers
# Georgia, South Carolina and North Carolina, ...").
_COMMA_CLAUSE_END: Final = _compile(
    r",(?!\d)(?!\s+(?:and\s+|or\s+)?[A-Z][a-z])|;|[.!?]+[\"”’)]*\s*$"
)


def _comma_asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Relative clauses (", which covers Georgia and the Carolinas,") and ranking
    appositives (", the largest raid in Texas this year,") set off by commas, as
    (start, end) of their interior."""
    spans = []
    for match in _COMMA_RELATIVE.finditer(text, start, end):
        close = _COMMA_CLAUSE_END.search(text, match.end(), end)
        spans.append((match.end(), close.start() if close else end))
    return spans


def _find_asides(text: str, start: int, end: int) -> list[_Aside]:
    """Dash pairs, a final unpaired dash, parentheses and comma-set relative clauses
    inside ``text[start:end]``."""
    # (Tests on one copy of the sentence: ``in`` spares ``find`` parsing its bounds.)
    chunk = text[start:end]
    dashed = "—" in chunk or "–" in chunk or "--" in chunk
    if not dashed and "(" not in chunk and ", " not in chunk:
        return []
    spans = []
    if dashed:
        dashes = _dashes(text, start, end)
        spans += [(a[1], b[0]) for a, b in zip(dashes[::2], dashes[1::2], strict=False)]
        if len(dashes) % 2:
            spans.append((dashes[-1][1], start + len(chunk.rstrip('.!?"”’ '))))
    if "(" in chunk:
        spans += [m.span(1) for m in _PARENTHESIS.finditer(text, start, end)]
    if "," in chunk:
        spans += _comma_asides(text, start, end)
    if not spans:
        return []
    asides: list[_Aside] = []
    for aside_start, aside_end in sorted(spans):
        if len(asides) == _MAX_ASIDES:
            break
        if asides and aside_start < asides[-1].end:
            continue
        asides.append(_Aside(aside_start, aside_end, _aside_kind(text, aside_start, aside_end)))
    return asides


def _dashes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``_DASH.finditer(text, start, end)``, the pattern tried only at the
    white space before each dash (found with ``str.find``): as it opens with white space
    that may be empty, a scan with it tries every position of the range.

    A match holds a dash and the white space right before it, so it starts where that
    white space does (at a dash without any, only ``\\s*—\\s*`` can match)."""
    marks = []
    for dash in ("—", "–", "--"):
        at = text.find(dash, start, end)
        while at >= 0:
            marks.append(at)
            at = text.find(dash, at + 1, end)
    marks.sort()
    spans = []
    position = start
    for at in marks:
        if at < position:
            continue
        first = at
        while first > position and text[first - 1].isspace():
            first -= 1
        match = _DASH.match(text, first, end)
        if match:
            spans.append(match.span())
            position = match.end()
    return spans


def _aside_kind(text: str, start: int, end: int) -> str:
    if _COUNT_IN_PLACE_ASIDE.match(text, start, end):
        return "breakdown"
    if _INCLUDED_ASIDE.match(text, start, end) and any(c.isdigit() for c in text[start:end]):
        return "breakdown"
    if _TOTAL_ASIDE.match(text, start, end) or _REPORTING_ASIDE.match(text, start, end):
        return "other"
    if _DESCRIPTIVE_ASIDE.match(text, start, end):
        return "descriptive"
    if _BREAKDOWN_ASIDE.match(text, start, end):
        return "breakdown"
    return "other"


def _has_descriptive(sentence: _Sentence) -> bool:
    """Whether any aside of the sentence is descriptive: without one, no mention in it
    is left out as inside one (most sentences), and none need be looked up."""
    return any(aside.kind == "descriptive" for aside in sentence.asides)


def _in_segment(sentence: _Sentence, mentions: list, aside: _Aside | None) -> list:
    """The mentions in one segment of the sentence (``aside``, or the main one for None):
    all of them, without a lookup each, in a sentence with no asides."""
    if aside is None and not sentence.asides:
        return list(mentions)
    return [m for m in mentions if sentence.aside_at(m.start) == aside]


def _view(text: str, sentence: _Sentence, aside: _Aside | None) -> str:
    """The sentence with everything outside one segment blanked, offsets unchanged.

    The main segment blanks every aside including its dashes, so "160 people — mostly
    men — were arrested" reads as "160 people were arrested".
    """
    if aside is not None:
        return (
            " " * (aside.start - sentence.start)
            + text[aside.start : aside.end]
            + " " * (sentence.end - aside.end)
        )
    if not sentence.asides:
        return text[sentence.start : sentence.end]
    chars = list(text[sentence.start : sentence.end])
    for other in sentence.asides:
        dash_start = other.start - 1
        while dash_start > sentence.start and text[dash_start - 1] in " —–-(":
            dash_start -= 1
        dash_end = other.end
        while dash_end < sentence.end and text[dash_end] in " —–-)":
            dash_end += 1
        low, high = max(dash_start, sentence.start) - sentence.start, dash_end - sentence.start
        if high > low:
            chars[low:high] = " " * (high - low)  # (one slice, not a loop per character)
    return "".join(chars)


# ---------------------------------------------------------------------- arrest linking


class _EndsWith:
    """A pattern ending in a word and ``\\s+$``, searched in the text before a count only
    when the last word there ends with one of ``words`` (a C-level test, where the
    pattern would be tried at every position of the text)."""

    __slots__ = ("pattern", "words", "fold", "spaced", "known")

    def __init__(
        self, pattern: re.Pattern, words: tuple[str, ...], fold: bool = True, spaced: bool = True
    ):
        self.pattern = pattern
        self.words = words
        self.fold = fold  # compare lower-cased (for a pattern compiled with re.I)
        self.spaced = spaced  # the pattern ends in whitespace (``\\s+$``)
        # Last words already tested, with the answer: ``endswith`` tries every word of
        # the tuple in turn, a dict answers a word seen before (most are) at once.
        self.known: dict[str, bool] = {}

    def _ends(self, word: str) -> bool:
        """Whether ``word`` ends with one of ``self.words`` (remembered)."""
        known = self.known
        ends = known.get(word)
        if ends is None:
            ends = word.endswith(self.words)
            if len(known) < _KNOWN_WORDS:
                known[word] = ends
        return ends

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        before = text[pos:endpos] if pos or endpos is not None else text
        if not before or (self.spaced and not before[-1].isspace()):
            return None
        # ``_last_word(before, self.fold)``, inlined: this runs some 150 times an article
        cache = _LAST_WORD
        if cache[0] is not before:
            last = before.rsplit(None, 1)
            cache[0], cache[1], cache[2] = before, (last[-1] if last else None), None
        word = cache[1]
        if word is None:
            return None
        if self.fold:
            word = cache[2]
            if word is None:
                word = cache[2] = cache[1].lower()
        if not self._ends(word):
            return None
        return self.pattern.search(before)


# (A bound on the words each remembers: a long run meets ever more of them.)
_KNOWN_WORDS: Final = 20_000


class _Contains(_EndsWith):
    """Like ``_EndsWith``, for a pattern whose last word only contains one of ``words``
    ("Jan" in "(Jan.")."""

    __slots__ = ("inside",)

    def __init__(self, pattern: re.Pattern, words: tuple[str, ...]):
        super().__init__(pattern, words, fold=False)
        # ``any(w in word for w in words)`` as one scan (the words are literals)
        self.inside = _compile("|".join(re.escape(w) for w in words))

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        before = text[pos:endpos] if pos or endpos is not None else text
        if not before or not before[-1].isspace():
            return None
        word = _last_word(before, False)
        if word is None or self.inside.search(word) is None:
            return None
        return self.pattern.search(before)


# The text before a count is tested against several of these patterns in a row: its last
# word (as is and lower-cased) is kept for the string last asked about.  (Compared by
# identity: the cache holds the string, so no other string can take its place.)
_LAST_WORD: Final[list] = [None, None, None]


def _last_word(before: str, fold: bool) -> str | None:
    """``before.rsplit(None, 1)[-1]`` (lower-cased with ``fold``), None when all blank."""
    cache = _LAST_WORD
    if cache[0] is not before:
        last = before.rsplit(None, 1)
        cache[0], cache[1], cache[2] = before, (last[-1] if last else None), None
    word = cache[1]
    if not fold or word is None:
        return word
    lowered = cache[2]
    if lowered is None:
        lowered = cache[2] = word.lower()
    return lowered


_ARRESTED: Final = (
    r"(?:arrested|apprehended|detained|nabbed|caught|(?:picked|rounded|swept)\s+up"
    r"|taken\s+into\s+(?:\w+\s+)?custody|placed\s+(?:under\s+arrest|in(?:to)?\s+custody)"
    # "41 people were booked into immigration detention", "29 people landed in custody"
    r"|booked\s+into|(?:landed|ended\s+up|wound\s+up)\s+in\s+(?:\w+\s+)?custody)"
)
_ACTIVE_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:arrested|apprehended|detained|nabbed|caught|nets|netted|(?:picked|rounded|swept)\s+up"
        # "swept through farm fields this week, arresting dozens of workers"
        r"|arresting|detaining|apprehending|(?:picking|rounding|sweeping)\s+up"
        r"|(?:arrests?|apprehensions?|detentions?)\s+of|(?:took|taken|takes|take)\s+into\s+custody)\s+"
        r"(?:(?:a\s+total\s+of|an\s+additional|another|a\s+further|a\s+record|the"
        r"|a\s+(?:group|band|crowd|caravan)\s+of)\s+)?$",
        re.I,
    ),
    (
        "arrested",
        "apprehended",
        "detained",
        "arresting",
        "detaining",
        "apprehending",
        "nabbed",
        "caught",
        "nets",
        "netted",
        "up",
        "of",
        "custody",
        "additional",
        "another",
        "further",
        "record",
        "the",
    ),
)
# Headline present tense: "ICE arrests 2,901", "Fugitive teams arrest dozens"; the bare
# form only when no modal or "to" makes it hypothetical ("plans to arrest 500").
_PRESENT_VERBS: Final = (
    "arrests",
    "detains",
    "apprehends",
    "nabs",
    "arrest",
    "detain",
    "apprehend",
    "nab",
)
_PRESENT_BEFORE: Final = _compile(
    r"(?P<before>\S+\s+)?\b(?:arrests|detains|apprehends|nabs|(?P<bare>arrest|detain|apprehend|nab))"
    r"\s+$",
    re.I,
)
_OPEN_MARKS: Final = ("'", '"', "“", "‘")
_TOOK_BEFORE: Final = _EndsWith(
    _compile(r"\b(?:took|taken)\s+$", re.I),
    (
        "took",
        "taken",
    ),
)
# "Federal agents held nearly 300 workers at the plant": agents holding people is an
# arrest; "ICE held 55,000 people in detention" is a detention population.
_HELD_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:agents|officers|authorities|deputies|troopers|ICE|HSI|CBP)\s+(?:also\s+|briefly\s+)?held\s+$"
    ),
    ("held",),
)
_NOT_HELD_AFTER: Final = _compile(
    r"[^.;]{0,60}?\b(?:in\s+(?:\w+\s+)?detention|a\s+day|on\s+average)\b", re.I
)
# "ICE officers booked 118 people into the Prairieland Detention Center": an arrest when
# the booking is into immigration custody or detention, not a county jail.
_BOOKED_BEFORE: Final = _EndsWith(
    _compile(r"\bbooked\s+$", re.I),
    ("booked",),
)
_INTO_DETENTION_AFTER: Final = _compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+into\s+(?:(?:the|a|an|ICE|immigration|federal|[A-Z][\w-]*)\s+){0,3}"
    r"(?:[Cc]ustody|[Dd]etention|[Pp]rocessing)\b",
)
_INTO_CUSTODY_AFTER: Final = _compile(r"(?:\s+[\w'’-]+){0,3}?\s+into\s+(?:\w+\s+)?custody\b", re.I)
_TOTAL_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:arrests|apprehensions)(?:\s+[\w.'’-]+){0,8}?\s+(?:totaled|totalled|reached|topped"
        r"|numbered|surpassed|hit|tops?|reach(?:es)?|near(?:s|ed)?|pass(?:es|ed)?|surpass(?:es)?"
        r"|(?:rose|climbed|jumped|grew|fell|dropped|increased|decreased|declined|soared)"
        # "arrests in Arizona rose 45 percent in April to 2,310"
        r"(?:\s+[\w%.'’-]+){0,5}?\s+to|stood\s+at|averaged|average"
        r"|were|was)\s+$",
        re.I,
    ),
    (
        "totaled",
        "totalled",
        "reached",
        "topped",
        "numbered",
        "surpassed",
        "hit",
        "top",
        "tops",
        "reach",
        "reaches",
        "near",
        "nears",
        "neared",
        "pass",
        "passes",
        "passed",
        "surpass",
        "surpasses",
        "to",
        "at",
        "averaged",
        "average",
        "were",
        "was",
    ),
)
# Running totals: "which brings the total to 1,618", "the tally of arrests ... reached 1,618",
# "the number of people taken into custody rose to 164", "The total now stands at 2,792".
_TALLY_NOUN: Final = r"(?:total|tally|number|count)"
_TALLY_VERB: Final = (
    r"(?:reached|hit|topped|passed|(?:rose|climbed|grew|jumped|increased|swelled)\s+to"
    r"|(?:now\s+)?(?:stands|stood)\s+at|(?:is|was)\s+now|now\s+(?:is|was)|reach(?:es)?)"
)
_TALLY_BEFORE: Final = _compile(
    # "The final count was 84": the settled figure of arrests the previous sentence stated
    r"(?:\b[Tt]he\s+(?:final|official|overall|updated|confirmed)\s+(?:total|tally|count|number)"
    r"\s+(?:was|is|came\s+to|stood\s+at|stands\s+at)(?P<gap3>)"
    rf"|\b(?:brings?|brought|bringing|push(?:es|ed|ing)?|rais(?:es|ed|ing)|lift(?:s|ed)?)"
    rf"\s+(?:the|its|their|this\s+\w+'s)\s+(?:[\w'’-]+\s+)?{_TALLY_NOUN}\b(?P<gap1>[^;:!?]{{0,80}}?)"
    rf"\s+to|\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+)?{_TALLY_NOUN}\b(?P<gap2>[^;:!?]{{0,100}}?)"
    rf"\s+{_TALLY_VERB})\s+(?:(?:about|around|roughly|nearly|almost|more\s+than|over|at\s+least)\s+)?$"
)
_TALLY_WORD: Final = _compile(r"\b(?:total|tally|count)\b", re.I)
# What a running total must not count: "the number of agents ... rose to 300".
_TALLY_NOT_ARRESTS: Final = _compile(
    r"\b(?:agents?|officers?|troops|deploy|target|sought|deport|remov|releas|detainers?"
    r"|beds?|capacity|population|encounter|calls?|dollars|cases|held|hold|housed|facility"
    r"|shelter)",
    re.I,
)
# The count is the object of a verb that is no arrest: what was done to people arrested.
_REMOVED_BEFORE: Final = _compile(
    r"(?:removed|deported|released|expelled|repatriated|freed|housed)\s+"
    r"(?:(?:about|around|roughly|nearly|almost|more\s+than|over|at\s+least|some)\s+)?$"
)
_EXCEEDED_BEFORE: Final = _compile(r"\b(?:arrests|apprehensions)(?:\s+[\w'’-]+){0,8}?\s+$", re.I)
_PASSIVE_AFTER: Final = _compile(
    # (a gap word may be an initialism: "Two men, both U.S. citizens, were arrested")
    rf"(?P<gap>(?:\s+(?:[^\s.;:!?]+|(?:[A-Z]\.){{2,}},?)){{0,10}}?)\s+"
    rf"(?:were|was|have\s+been|has\s+been|had\s+been"
    rf"|been|got|get|after\s+being)\s+(?P<adverbs>(?:[\w'’-]+\s+){{0,2}}?){_ARRESTED}\b",
    re.I,
)
# Words every ``_PASSIVE_AFTER`` match holds (an auxiliary and an arrest verb), tested
# lower-cased in the range first when it has none of ``_CASE_ODDITIES``.
_PASSIVE_AUXILIARIES: Final = ("were", "was", "been", "being", "got", "get")
_ARRESTED_WORDS: Final = (
    "arrested",
    "apprehended",
    "detained",
    "nabbed",
    "caught",
    "picked",
    "rounded",
    "swept",
    "taken",
    "placed",
    "booked",
    "landed",
    "ended",
    "wound",
)


def _passive_after(view: str, end: int, limit: int):
    """``_PASSIVE_AFTER.match(view, end, limit)``, tried only where it may match."""
    after = view[end:limit]
    if not any(odd in after for odd in _CASE_ODDITIES):
        lowered = after.lower()
        if not any(word in lowered for word in _PASSIVE_AUXILIARIES) or not any(
            word in lowered for word in _ARRESTED_WORDS
        ):
            return None
    return _PASSIVE_AFTER.match(view, end, limit)


_PARTICIPLE_AFTER: Final = _compile(rf"(?P<gap>(?:\s+[\w'’-]+){{0,3}}?)\s+{_ARRESTED}\b", re.I)
_ARRESTS_AFTER: Final = _compile(
    r"(?P<gap>(?:\s+[\w'’-]+){0,2}?)\s+(?:arrests|apprehensions)\b", re.I
)
# "At least 11 people were in federal custody Sunday after agents raided a swap meet":
# people in custody after an event were arrested in it ("55,000 people were in ICE
# custody" with no event is a detention population).
_IN_CUSTODY_AFTER: Final = _compile(
    r"(?:\s+[\w'’-]+){0,2}?\s+(?:were|was|are|is|remain(?:ed|s)?)\s+(?:now\s+|still\s+)?in\s+"
    r"(?:[\w-]+\s+){0,2}?custody\b(?=[^.;]{0,50}\b(?:after|following|during)\b[^.;]{0,40}"
    r"\b(?:agents?|officers?|raid(?:s|ed)?|operations?|sweeps?|ICE|immigration|Border\s+Patrol))",
    re.I,
)
_NEGATION: Final = _compile(r"\b(?:not|never|no|none|nobody)\b|n[’']t\b", re.I)
_HYPOTHETICAL: Final = _compile(r"\b(?:would|could|will|may|might|should|must|can|to)\s*$", re.I)
_CLAUSE_VERB: Final = _compile(r"\b(?:were|was|are|is|been|be|had|have|has|and|or|but|not)\b", re.I)

# "including 790 in Texas", "Those arrested included 54 in San Jose": a part of a count.
_INCLUDING_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:including:?|among\s+(?:them|those|whom):?|(?:arrested|detained|apprehended|arrests"
        r"|apprehensions)\s+(?:also\s+)?(?:included|include|includes))\s+$",
        re.I,
    ),
    (
        "including",
        "including:",
        "them",
        "them:",
        "those",
        "those:",
        "whom",
        "whom:",
        "included",
        "include",
        "includes",
    ),
)
# "71 of those arrested", "three of my clients", "40 of the arrests": a subset.
_OF_THEM_AFTER: Final = _compile(
    r"\s+of\s+(?:them|those|whom|these|the|his|her|their|its|our|my)\b", re.I
)
# "The operation's goal is 5,000 arrests", "a quota of 3,000 arrests a day": a target.
_GOAL_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:goals?|targets?|quotas?|objectives?|benchmarks?)\s+(?:(?:is|was|of|were|are|set\s+at"
        r"|remains?)\s+)?(?:(?:about|around|roughly|at\s+least|more\s+than|some|an?)\s+)?$",
        re.I,
    ),
    (
        "goal",
        "goals",
        "target",
        "targets",
        "quota",
        "quotas",
        "objective",
        "objectives",
        "benchmark",
        "benchmarks",
        "is",
        "was",
        "of",
        "were",
        "are",
        "at",
        "remain",
        "remains",
        "about",
        "around",
        "roughly",
        "least",
        "than",
        "some",
        "a",
        "an",
    ),
)
# "the target the White House set for it in May: 3,000 arrests a day"
_GOAL_COLON: Final = _compile(
    r"\b(?:goals?|targets?|quotas?|objectives?|benchmarks?)\b[^.;:!?]{0,70}:\s*$"
)
# "Among them: 243 in the Houston area ...": a sentence of breakdowns of the last count.
_AMONG_OPENING: Final = _compile(r"\s*(?:Among\s+(?:them|those)|Including):", re.I)
_COMPARED_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:compared\s+(?:with|to)|(?:up|down)\s+from|,\s+from|(?:rose|fell|climbed|dropped"
        r"|increased|decreased|declined|grew|jumped)\s+(?:[\w%-]+\s+){0,3}?from)\s+$",
        re.I,
    ),
    ("with", "to", "from"),
)
_POSSESSIVE_BEFORE: Final = _EndsWith(
    _compile(r"\b(?:its|their|his|her|our|my|your)\s+$", re.I),
    (
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
    ),
)
_DEFINITE_BEFORE: Final = _EndsWith(
    _compile(r"\b(?:the|those|these)\s+$", re.I),
    (
        "the",
        "those",
        "these",
    ),
)
_NONE_OF_BEFORE: Final = _EndsWith(
    _compile(r"\bnone\s+of\s+(?:the|its|their|those)\s+$", re.I),
    (
        "the",
        "its",
        "their",
        "those",
    ),
)
_ARREST_WORD: Final = _compile(r"\b(?:arrest|apprehen|detain|custody)", re.I)
_BREAKDOWN_PLACE_GAP: Final = 60
_MAX_RESTATING: Final = 30  # ", in other parts of " before a place
# "N of those arrested in Austin had ...": the place belongs to the reference back to the
# total, and the count's own predicate is an attribute.
_REFERENCE_WITH_PLACE: Final = _compile(
    rf"\s+of\s+(?:those|the|them|whom)\s+(?:[\w-]+\s+)?{_ARRESTED}\s+(?:in|at|across)\s+"
    r"(?:the\s+)?[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}(?:,\s+[A-Z][\w.]*)?"
    r"\s+(?:had|have|has|were|was|are|is)\b(?!\s+(?:been\s+)?(?:arrested|detained|apprehended|taken"
    r"|picked|rounded|caught))",
    re.I,
)
# "17 of those arrested had been released from jails in Colorado": the place goes with
# another verb, so it does not make the subset a breakdown by place.
_OTHER_PREDICATE: Final = _compile(
    r"\b(?:released|convicted|deported|removed|charged|sentenced|booked|transferred|jailed"
    r"|freed|held|born|living|lived|worked|working"
    # "54 were taken to a federal facility in Louisiana": where they were sent
    r"|(?:taken|sent|flown|transported|moved|bused|driven)\s+to)\b",
    re.I,
)
_PLACE_GAP_BREAK: Final = _compile(r"[;:,()]|—|–|--")
_LOCATION_BEFORE_COMMA: Final = _compile(
    r"\b(?:outside|inside|within|beyond|near|around)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+$", re.I
)
_PLACE_RESTATED: Final = _compile(
    r"\s+(?:in|across|throughout)\s+(?:(?:other\s+)?parts?\s+of\s+|the\s+rest\s+of\s+)?"
    r"(?:the\s+)?"
)
_OF_THOSE_OPENING: Final = _compile(
    r"^[\s\"“]*(?:Of|Among)\s+(?:the|those|these|them)\b[^,;]{0,60},\s*$", re.I
)
_COORDINATED_BEFORE: Final = _compile(
    r"^(?:\s+[\w.'’-]+|,?\s*;){0,8}?\s*(?:,|\band\b|\bplus\b|\bwhile\b|\balong\s+with\b"
    r"|\bas\s+well\s+as\b)\s*"
    r"(?:another\s+|an?\s+additional\s+)?$",
    re.I,
)
# Across an attribution ("in East Boston on Thursday, according to a councilor, and at
# least a dozen more in Chelsea") only an elliptical item continues the enumeration.
_COORDINATED_FAR_BEFORE: Final = _compile(
    r"^(?:\s+[\w.'’-]+|,?\s*;|,(?=\s+[\w.'’-]+)){0,16}?\s*,\s*"
    r"(?:and|plus|while|along\s+with|as\s+well\s+as)\s+"
    r"(?:another\s+|an?\s+additional\s+)?$",
    re.I,
)
_ELLIPTICAL_AFTER: Final = _compile(
    r"\s+(?:more|others|additional)\b"
    # "50 in the Raleigh area", "20 at a car wash in Boyle Heights" (a capital: a place)
    r"|\s+(?:(?:people|others|workers|men|women)\s+)?(?:in|at|near|outside|from)\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?-i:[a-z][\w-]*)\s+){0,3}?(?:(?:in|at|near)\s+(?:the\s+)?)?"
    r"(?-i:[A-Z])",
    re.I,
)
_ARREST_PARTICIPLES: Final = frozenset(
    ["arrested", "detained", "apprehended", "nabbed", "booked", "picked", "rounded", "swept"]
)
_PAST_VERB: Final = _compile(r"\b\w+ed\b", re.I)
_ADJECTIVES_IN_ED: Final = frozenset(
    [
        "unauthorized",
        "undocumented",
        "suspected",
        "convicted",
        "wanted",
        "accused",
        "alleged",
        "armed",
        "documented",
        "unidentified",
        "unnamed",
    ]
)

# ------------------------------------------------------------------- non-count filters

_UNIT_AFTER: Final = _compile(
    r"\s*(?:%|percent\b|per\s*cent\b|percentage\b|(?:a\.m\.|p\.m\.|am\b|pm\b)|:\d|(?:seconds?"
    r"|minutes?|hours?|days?|weeks?|months?|years?|decades?|miles?|kilometers?|km|feet|foot"
    r"|acres?|pounds?|kilos?|grams?|times|dollars?|cents?|billion|degrees?|points?)\b)",
    re.I,
)
# The first two letters (lower-cased) of every unit of ``_UNIT_AFTER`` but "%" and ":\d",
# which the engine would otherwise try one case-insensitive branch at a time after every
# count; an ASCII word opening otherwise cannot start a unit.
_UNIT_OPENINGS: Final = frozenset(
    [
        "pe",
        "p.",
        "pm",
        "po",
        "a.",
        "am",
        "ac",
        "se",
        "mi",
        "ho",
        "da",
        "we",
        "mo",
        "ye",
        "de",
        "ki",
        "km",
        "fe",
        "fo",
        "gr",
        "ti",
        "do",
        "ce",
        "bi",
    ]
)


def _unit_after(after: str) -> bool:
    """``_UNIT_AFTER.match(after) is not None``."""
    opening = after.lstrip()[:2]
    if opening.isascii() and opening[:1] not in "%:" and opening.lower() not in _UNIT_OPENINGS:
        return False
    return _UNIT_AFTER.match(after) is not None


# A statute's section, not a count: "287(g)", "1324(a)".
_SECTION_AFTER: Final = _compile(r"\([a-z]\)")
_REFERENCE_BEFORE: Final = _EndsWith(
    _compile(
        r"(?:\b(?:No|Nos|Route|Highway|Interstate|Article|Section|Title|Proposition|Prop|page"
        r"|Chapter|Room|Suite|Unit|Gate|Precinct|District|ages?|aged|number)\.?\s*"
        r"|\b(?:one|\d+)\s+(?:in|out\s+of|of\s+every)\s+)$",
        re.I,
    ),
    tuple(
        [
            "no",
            "nos",
            "route",
            "highway",
            "interstate",
            "article",
            "section",
            "title",
            "proposition",
            "prop",
            "page",
            "chapter",
            "room",
            "suite",
            "unit",
            "gate",
            "precinct",
            "district",
            "age",
            "ages",
            "aged",
            "number",
            "in",
            "of",
            "every",
            "no.",
            "nos.",
            "prop.",
        ]
    ),
    spaced=False,
)
_MONTH_BEFORE: Final = _Contains(
    _compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$"),
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)
_NO_ONE_BEFORE: Final = _compile(r"\b(?:no|any|every|some)\s+$", re.I)
_AGE_BEFORE: Final = _compile(r"(?:(?P<first>[A-Z][\w'’-]+)\s+)?(?P<last>[A-Z][\w'’-]+),\s*$")
_COMMA_AFTER: Final = _compile(r"\s*,")
_YEAR: Final = _compile(r"(?:1[89]|20)\d\d")
_WORD: Final = _compile(r"[A-Za-z'’][A-Za-z'’]*")  # (a class first: see ``_PARAGRAPH``)
_PHRASE_END: Final = _compile(r"[,;:.()]")
_NOT_PEOPLE: Final = frozenset(
    [
        "agents",
        "officers",
        "officials",
        "deputies",
        "troopers",
        "personnel",
        "investigators",
        "staff",
        "agencies",
        "countries",
        "nations",
        "cities",
        "states",
        "counties",
        "communities",
        "jurisdictions",
        "sites",
        "locations",
        "facilities",
        "centers",
        "centres",
        "businesses",
        "companies",
        "employers",
        "detainers",
        "deportations",
        "removals",
        "cases",
        "charges",
        "counts",
        "warrants",
        "raids",
        "operations",
        "teams",
        "vehicles",
        "cars",
        "homes",
        "houses",
        "addresses",
        "pages",
        "beds",
        "bills",
        "laws",
        "orders",
        "languages",
        "percent",
        "dollars",
        "protesters",
        "demonstrators",
        "activists",
        "lawmakers",
    ]
)
# Nouns for the people (or arrests) a count is about.
_PEOPLE_NOUNS: Final = frozenset(
    [
        "people",
        "persons",
        "individuals",
        "immigrants",
        "migrants",
        "aliens",
        "men",
        "women",
        "children",
        "adults",
        "workers",
        "targets",
        "fugitives",
        "arrests",
        "apprehensions",
    ]
)
# Words that end the noun phrase after a count.
_NOUN_PHRASE_END: Final = _PEOPLE_NOUNS | frozenset(
    [
        "in",
        "at",
        "across",
        "during",
        "on",
        "were",
        "was",
        "have",
        "has",
        "had",
        "who",
        "that",
        "which",
        "and",
        "or",
        "from",
        "over",
        "this",
        "last",
        "since",
        "as",
        "after",
        "before",
    ]
)

_SPEECH_BEFORE: Final = _compile(
    r"\b(?:said|says|told|announced|stated|confirmed|reported|added|statement|call"
    r"|interview|conference|release)\b[^.;]{0,40}$",
    re.I,
)

# Every word ``_SPEECH_BEFORE`` opens with, lower-cased.
_SPEECH_WORDS: Final = (
    "said",
    "says",
    "told",
    "announced",
    "stated",
    "confirmed",
    "reported",
    "added",
    "statement",
    "call",
    "interview",
    "conference",
    "release",
)


def _speech_before(text: str, start: int, end: int) -> bool:
    """``_SPEECH_BEFORE.search(text, start, end) is not None``, the pattern run only when
    the range holds one of its words (by substring tests on the range lower-cased, as
    ``_has_arrest_stem``): it opens with a word boundary, so its search tries every
    position of the range."""
    window = text[start:end]
    lowered = window.lower()
    if any(word in lowered for word in _SPEECH_WORDS) or any(
        odd in window for odd in _CASE_ODDITIES
    ):
        return _SPEECH_BEFORE.search(text, start, end) is not None
    return False


# --------------------------------------------------------------------------- agencies

_AGENCY: Final = _compile(
    # The look-ahead on the names' first letters lets the engine skip most positions.
    r"(?=[BCDEHIMU])\b(?:(?P<HSI>Homeland\s+Security\s+Investigations|HSI)"
    r"|(?P<ICE>(?:U\.S\.\s+)?Immigration\s+and\s+Customs\s+Enforcement|ICE"
    r"|Enforcement\s+and\s+Removal\s+Operations|ERO)"
    r"|(?P<BorderPatrol>(?:U\.S\.\s+)?Border\s+Patrol)"
    r"|(?P<CBP>(?:U\.S\.\s+)?Customs\s+and\s+Border\s+Protection|CBP)"
    r"|(?P<DHS>Department\s+of\s+Homeland\s+Security|Homeland\s+Security\s+Department|DHS)"
    r"|(?P<Marshals>U\.S\.\s+Marshals(?:\s+Service)?|Marshals\s+Service))(?![\w])"
)
_AGENCY_SHORT_NAMES: Final = {
    "HSI": "HSI",
    "ICE": "ICE",
    "BorderPatrol": "Border Patrol",
    "CBP": "CBP",
    "DHS": "DHS",
    "Marshals": "U.S. Marshals",
}


_HEADLINE_MAX: Final = 160
_SENTENCE_CLOSE: Final = _compile(r"[.!?][\"”’)]*\s*$")


def _mark_headline(text: str, sentences: list[_Sentence]) -> None:
    """Without a dateline, a short first line with no closing stop, followed by more
    text, is the headline."""
    if not sentences or sentences[-1].paragraph == 0:
        return
    first = sentences[0]
    line_end = text.find("\n", first.start)
    line = text[first.start : line_end if line_end >= 0 else len(text)]
    if len(line) <= _HEADLINE_MAX and not _SENTENCE_CLOSE.search(line):
        for sentence in sentences:
            if sentence.paragraph == 0:
                sentence.headline = True


class _Spans:
    """Mentions found once per article, looked up by range (they are in text order)."""

    def __init__(self, mentions):
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def within(self, start: int, end: int):
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return self.mentions[low:high]


class _SentenceSpans:
    """Mentions found per sentence on first use, looked up by a range inside one sentence:
    counts and periods are read only in the sentences a count could be linked in and in
    the few before them that lend context, not across the whole article."""

    def __init__(self, text: str, sentences: list[_Sentence], finder):
        self.text = text
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.finder = finder
        self.found: dict[int, tuple[list, list[int]]] = {}

    def of_sentence(self, index: int) -> list:
        return self._read(index)[0]

    def _read(self, index: int) -> tuple[list, list[int]]:
        cached = self.found.get(index)
        if cached is None:
            sentence = self.sentences[index]
            mentions = self.finder(self.text, sentence.start, sentence.end)
            cached = self.found[index] = (mentions, [m.start for m in mentions])
        return cached

    def within(self, start: int, end: int):
        index = bisect.bisect_right(self.sentence_starts, start) - 1
        if index < 0:
            return []
        cached = self.found.get(index)
        mentions, starts = cached if cached is not None else self._read(index)
        if not starts:
            return []
        low = bisect.bisect_left(starts, start)
        high = bisect.bisect_left(starts, end)
        return mentions[low:high]


# (Not frozen: a frozen dataclass takes four times as long to build, and these are
# built by the hundred per article; treat them as immutable all the same.)
@dataclass(unsafe_hash=True, slots=True)
class _AgencyMention:
    name: str
    start: int
    end: int


# The first word of every ``_AGENCY`` name: every match starts with one of them, and
# looking for each with ``str.find`` (a quick scan in C) is much faster than a pattern
# stopping at every capital that may open a name.
_AGENCY_FIRST_WORDS: Final = (
    "HSI",
    "Homeland",
    "ICE",
    "U.S.",
    "Immigration",
    "Enforcement",
    "ERO",
    "Border",
    "Customs",
    "CBP",
    "Department",
    "DHS",
    "Marshals",
)


def _find_agencies(text: str) -> list[_AgencyMention]:
    """``_AGENCY.finditer(text)``, trying the pattern only where a name's first word is."""
    candidates = []
    find = text.find
    for word in _AGENCY_FIRST_WORDS:
        at = find(word)
        while at >= 0:
            candidates.append(at)
            at = find(word, at + 1)
    candidates.sort()
    mentions = []
    position = 0
    match_at = _AGENCY.match
    for at in candidates:
        if at < position:
            continue
        acronym = _acronym_at(text, at)
        if acronym is not None:
            mentions.append(_AgencyMention(acronym, at, at + 3))
            position = at + 3
            continue
        match = match_at(text, at)
        if match:
            name = _AGENCY_SHORT_NAMES[match.lastgroup or ""]
            mentions.append(_AgencyMention(name, at, match.end()))
            position = match.end()
    return mentions


# The agencies' acronyms, as ``_AGENCY`` reads them: where one stands as a whole word,
# no longer name of the pattern can open there (every one opens with a word).
_ACRONYMS: Final = {"ICE": "ICE", "ERO": "ICE", "HSI": "HSI", "CBP": "CBP", "DHS": "DHS"}


def _acronym_at(text: str, at: int) -> str | None:
    """The agency of an acronym at ``at`` standing as a whole word ("ICE" in "ICE
    agents", not in "ICEd"), as ``_AGENCY.match`` names it; None otherwise (the
    pattern decides)."""
    agency = _ACRONYMS.get(text[at : at + 3])
    if agency is None:
        return None
    if at > 0:
        before = text[at - 1]
        if before.isalnum() or before == "_":
            return None
    if at + 3 < len(text):
        after = text[at + 3]
        if after.isalnum() or after == "_":
            return None
    return agency


def _dominant_agency(mentions: list[_AgencyMention]) -> str | None:
    """The agency named most often (first named wins ties): who the article is about."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


# --------------------------------------------------------------------- classification


@dataclass(slots=True)
class _Found:
    """An arrest count being assembled, before it becomes an Operation."""

    mention: CountMention
    sentence: _Sentence
    aside: _Aside | None
    rule: str
    parent: int | None = None
    place: PlaceMention | None = None
    place_source: str = ""
    period: PeriodMention | None = None
    period_inherited: bool = False
    agency: str | None = None
    subset: bool = False  # a part of another count: kept only with a place of its own
    no_place: bool = False  # "none of the 121 arrests ... took place in California"
    like: int | None = None  # the count this one is compared with ("up from 1,525")


def _names_a_state(match: re.Match) -> bool:
    """Whether the words before a comma are a state or a region ("Long Island, 41,")."""
    last = match["last"]
    return last in _STATE_OR_REGION or f"{match['first']} {last}" in _STATE_OR_REGION


def _is_not_a_count(view: str, mention: CountMention, start: int, end: int) -> bool:
    """Years, dates, ages, percentages, money, durations, references and the like."""
    before = view[max(0, start - 30) : start]
    after = view[end : end + 40]
    if after.startswith("-") or _unit_after(after) or _REFERENCE_BEFORE.search(before):
        return True
    if _MONTH_BEFORE.search(before):
        return True
    if mention.text.lower() == "one" and _NO_ONE_BEFORE.search(before):
        return True
    if (
        mention.value < 120
        and before.rstrip().endswith(",")
        and _COMMA_AFTER.match(after)
        and (age := _AGE_BEFORE.search(before))
        and not _names_a_state(age)  # "and in New York, 79, according to ...": a list item
    ):
        return True
    if _YEAR.fullmatch(mention.text) and not _next_noun_is_people(after):
        return True
    return _counts_non_people(after)


def _next_words(after: str) -> list[str]:
    """The words of the noun phrase after a count: up to five, before any punctuation
    ("143,099, down 10 percent" quantifies nothing after it)."""
    end = _PHRASE_END.search(after, 0, 60)  # (``split(after[:60], 1)[0]``, no copies)
    phrase = after[: end.start() if end else 60]
    if phrase.isascii():  # lower-cased as a whole: the same words (of ASCII letters)
        return _WORD.findall(phrase.lower())[:5]
    return [w.lower() for w in _WORD.findall(phrase)][:5]


def _counts_non_people(after: str) -> bool:
    """Whether the noun the count quantifies is not people ("300 federal agents")."""
    for word in _next_words(after):
        if word in _NOT_PEOPLE:
            return True
        if word in _NOUN_PHRASE_END:
            return False
    return False


def _next_noun_is_people(after: str) -> bool:
    words = _next_words(after)
    return bool(words) and words[0] in _PEOPLE_NOUNS


# A word every arrest-linking pattern above contains (``_ARRESTED``, ``_ACTIVE_BEFORE``,
# ``_TOTAL_BEFORE``, the present tense, "took ... into custody"), matched with the same
# flags: a segment without one links no count, and its counts skip ``_arrest_rule``.
_ARREST_STEM: Final = re.compile(
    r"arrest|apprehen|detain|detention|nab|caught|nets|netted|picked|rounded|swept|custody"
    r"|booked|held",
    re.I,
)

_STEMS: Final = tuple(_ARREST_STEM.pattern.split("|"))
# Characters that re.I matches to an ASCII letter of the stems but str.lower() does not
# turn into that letter: with one of them present, the regex decides.


def _has_arrest_stem(view: str) -> bool:
    """``_ARREST_STEM.search(view) is not None``, by substring tests (much faster)."""
    lowered = view.lower()
    if any(stem in lowered for stem in _STEMS):
        return True
    if any(odd in view for odd in _CASE_ODDITIES):
        return _ARREST_STEM.search(view) is not None
    return False


# Words that let a sentence without an arrest stem link a count: running totals (as
# whole words, like ``_TALLY_WORD``), shares and subsets.
_TOTAL_WORDS: Final = ("total", "tally", "count")
_SHARE_WORDS: Final = ("accounted", "among", "of th", "including")


def _find_all(
    text, word, spans: list[tuple[int, int]], whole: bool = False, letters: str | None = None
) -> None:
    """Append the span of every occurrence of ``word`` (``str.find`` runs in C); with
    ``whole``, only where no letter adjoins it ("count", not "county" or "country"), as
    ``letters`` (``text`` itself by default, which may then be bytes) tells."""
    letters = text if letters is None else letters
    at = text.find(word)
    while at >= 0:
        stop = at + len(word)
        if not whole or (
            not (at and letters[at - 1].isalpha())
            and not (stop < len(letters) and letters[stop].isalpha())
        ):
            spans.append((at, stop))
        at = text.find(word, at + 1)


class _LinkWords:
    """Whether a range of the article holds an arrest stem or a running-total word, by
    substring tests on one copy of the range in the article's ASCII lower case: cheaper
    than scanning the whole article for each word (most sentences are tested, and a
    sentence with an arrest word stops at the first one)."""

    def __init__(self, text: str):
        self.text = text
        self.exact = not any(odd in text for odd in _CASE_ODDITIES)
        # The words are ASCII: lower-casing the ASCII characters (one "?" a character
        # past ASCII, which lowers to none of their letters without ``_CASE_ODDITIES``)
        # finds them where ``text.lower()`` would, several times faster.
        self.lowered = text.encode("ascii", "replace").lower().decode("ascii") if self.exact else ""

    def stem(self, text: str, start: int, end: int) -> bool:
        """``_has_arrest_stem(text[start:end])``."""
        if not self.exact:
            return _has_arrest_stem(text[start:end])
        chunk = self.lowered[start:end]
        return any(stem in chunk for stem in _STEMS)

    def may_link(self, text: str, start: int, end: int) -> bool:
        """``_may_link(text[start:end])``, but that a running-total word is whole as
        the article's letters around it (not the range's ends) tell."""
        if not self.exact:
            return _may_link(text[start:end])
        chunk = self.lowered[start:end]
        for stem in _STEMS:
            if stem in chunk:
                return True
        for word in _SHARE_WORDS:
            if word in chunk:
                return True
        letters = self.text
        size = len(letters)
        for word in _TOTAL_WORDS:
            if word not in chunk:
                continue
            at = chunk.find(word)
            while at >= 0:
                first, stop = start + at, start + at + len(word)
                if not (first and letters[first - 1].isalpha()) and not (
                    stop < size and letters[stop].isalpha()
                ):
                    return True
                at = chunk.find(word, at + 1)
        return False


def _may_link(sentence: str) -> bool:
    """Whether any rule could read an arrest count in the sentence: one needs an arrest
    word, a running-total noun ("the total stands at"), "accounted for" or a subset of
    the last count ("Among them:", "12 of those"); the others only continue a count read
    that way.  (``_LinkWords.may_link`` answers the same by bisection.)"""
    if _has_arrest_stem(sentence):
        return True
    lowered = sentence.lower()
    spans: list[tuple[int, int]] = []
    for word in _TOTAL_WORDS:
        _find_all(lowered, word, spans, whole=True)
    return bool(spans) or any(word in lowered for word in _SHARE_WORDS)


def _tally(before: str) -> bool:
    """Whether ``before`` ends in a running-total phrase ("brings the total to")."""
    lowered = before.lower()
    if not any(noun in lowered for noun in ("total", "tally", "number", "count")):
        return False
    match = _TALLY_BEFORE.search(before)
    if match is None:
        return False
    gap = match["gap1"] if match["gap1"] is not None else match["gap2"]
    return not _TALLY_NOT_ARRESTS.search(gap or "")


def _arrest_rule(
    view: str, mention: CountMention, start: int, end: int, limit: int, headline: bool = False
) -> str | None:
    """How the clause links the count to an arrest, or None when it does not.

    Bare present tense ("teams arrest dozens") is read only in headlines: in running text
    it is habitual or hypothetical ("when you arrest 152 people").
    """
    before = view[max(0, start - 80) : start]
    if before.endswith(_OPEN_MARKS):
        before = before[:-1]  # a count in scare quotes: "arrested 'at least 30'"
    if _ACTIVE_BEFORE.search(before):
        return "active"
    if mention.text.lower().startswith("exceeded"):
        if _EXCEEDED_BEFORE.search(before):
            return "total"
    elif _TOTAL_BEFORE.search(before):
        return "total"
    if _tally(before):
        return "total"
    if _TOOK_BEFORE.search(before) and _INTO_CUSTODY_AFTER.match(view, end, limit):
        return "active"
    if _HELD_BEFORE.search(before) and not _NOT_HELD_AFTER.match(view, end):
        return "active"
    if _BOOKED_BEFORE.search(before) and _INTO_DETENTION_AFTER.match(view, end, limit):
        return "active"
    present = (
        _PRESENT_BEFORE.search(before, max(0, len(before) - 40))
        if before.rstrip().lower().endswith(_PRESENT_VERBS)
        else None
    )
    if present and not (
        present["bare"]
        and (not headline or (present["before"] and _HYPOTHETICAL.search(present["before"])))
    ):
        return "active"
    passive = _passive_after(view, end, limit)
    if passive:
        negated = _NEGATION.search(passive["gap"]) or _NEGATION.search(passive["adverbs"])
        return None if negated or _HYPOTHETICAL.search(passive["gap"]) else "passive"
    participle = _PARTICIPLE_AFTER.match(view, end, limit)
    if participle and not _CLAUSE_VERB.search(participle["gap"]):
        return "participle"
    if _IN_CUSTODY_AFTER.match(view, end, limit):
        return "passive"
    arrests = _ARRESTS_AFTER.match(view, end, limit)
    if arrests and not _CLAUSE_VERB.search(arrests["gap"]):
        return "arrests"
    return None


_RULE_CONFIDENCE: Final = {
    "active": 0.9,
    "passive": 0.9,
    "total": 0.85,
    "arrests": 0.85,
    "participle": 0.75,
    "breakdown": 0.8,
    "coordinated": 0.75,
    "listed": 0.8,
}


# "Arrests by field office were: Atlanta (171); ...": the list names offices, not cities.
_OFFICE_LIST: Final = _compile(
    r"\b(?:field\s+offices?|offices|areas?\s+of\s+(?:operations|responsibility))\b", re.I
)
_STATE_NAMES: Final = {name: code for name, code, _ in STATES}
# ... and their AP abbreviations ("Portland, Ore. (14)" in a list)
_STATE_OR_REGION: Final = frozenset(_STATE_NAMES) | frozenset(REGIONS)
_STATE_NAMES_OR_AP: Final = {**_STATE_NAMES, **{abbrev: code for _, code, abbrev in STATES}}
_ACCOUNTED_BEFORE: Final = _compile(
    r"(?:\s+(?:sector|office|field\s+office|area|region|county|metro\s+area))?"
    r"(?P<share>\s+accounted\s+for\s+$)"
    # "Tampa police made 14 of those arrests": the place's share, when "of" follows
    r"|(?:\s+(?:police|officers|agents|deputies|authorities|troopers))?"
    r"\s+(?:made|reported|recorded|had)\s+$",
    re.I,
)
# "Texas accounted for the most arrests, 409, followed by ...": the count after a comma.
_MOST_ARRESTS_BEFORE: Final = _compile(
    r"\s+(?:accounted\s+for|had|made|reported|recorded)\s+the\s+(?:most|largest\s+number\s+of)"
    r"\s+arrests,\s+$"
)
_SHARE_BEFORE: Final = _compile(
    r"\b(?:[Mm]ost|(?:[Ll]argest|[Bb]iggest|[Gg]reatest)\s+(?:share|number|portion|part))\s+of\s+"
    r"(?:the\s+|those\s+)?"
    r"(?:[\w'’.-]+\s+){0,3}?(?:arrests|arrested),\s+$"
)
_SHARE_PLACE_AFTER: Final = _compile(
    r",\s+(?:came|were\s+made|was|were|took\s+place|happened|occurred)\s+(?:in|at)\s+"
)
_ACCOUNTED_WORDS: Final = ("for", "made", "reported", "recorded", "had")
# Elliptical list items: what may stand between the previous count and the item's place,
# between the place and the count, and after the item.
_ITEM_HEAD: Final = _compile(
    r"(?:\s+[\w'’-]+){0,4}?\s*(?:[,;]|\band\b)\s*(?:and\s+)?(?:in\s+)?", re.I
)
# (A period may end an abbreviation inside the item: "in St. Paul and 48 in Rochester".)
_ABBREVIATION_PERIOD: Final = (
    r"(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z][a-z]{2})\.|(?<=\b[A-Z][a-z]{3})\."
    r"|(?<=\b[A-Z][a-z]{4})\."
)
_ITEM_HEAD_LONG: Final = _compile(
    rf"(?:[^.;:]|{_ABBREVIATION_PERIOD}){{0,80}}?(?:[,;]|\band)\s*", re.I
)
_ITEM_AFTER_PLACE: Final = _compile(r",?\s+(?:for\s+|with\s+)?|,\s*")
_IN_PLACE: Final = _compile(r"\s+in\s+")
_PLACE_ITEM_GAP: Final = _compile(r",\s+(?:with\s+)?|\s+with\s+|\s*[:–—]\s*")
_ITEM_END: Final = _compile(r"\s*(?:[,;.)]|\band\b|$)")


# One-per-line lists under a heading ("Arrests by state included:" then "Texas – 516",
# "Colorado: Aurora (14), Denver (11) and Pueblo (4)."): the heading ends with a colon and
# has an arrest word; each following line is a list of "Name – N" or "Name (N)" items,
# optionally after the state its towns lie in.
_HEADING_END: Final = _compile(r":[\s\"”’]*$")
_HEADING_KIND: Final = _compile(
    r"\b(?:(?P<office>field\s+offices?|offices?|areas?\s+of\s+(?:operations|responsibility))"
    r"|(?P<state>states?)|(?P<city>cit(?:y|ies)|towns?|communities)"
    r"|(?P<nation>countr(?:y|ies)|nationalit(?:y|ies)|nationals|citizens))\b",
    re.I,
)
_LINE_STATE: Final = _compile(r"\s*(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s+")
_LINE_ITEM: Final = _compile(
    r"\s*(?P<name>[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,3}"
    # "Cook County, Illinois (91)", "Portland, Oregon (14)": the state the name lies in
    r"(?:,\s(?:[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+)?|[A-Z]\.[A-Z]\.))?)"
    # "Atlanta (Georgia, North Carolina and South Carolina) – 231": the office's states
    r"\s*(?:(?:\([^()\d]{0,80}\)\s*)?[–—:-]\s*(?P<dash>\d[\d,]*)|\((?P<paren>\d[\d,]*)\))"
)
_LINE_BULLET: Final = _compile(r"\s*(?:[•·▪◦*‣⁃]|[-–—](?=\s))\s*")
_LINE_GAP: Final = _compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)")
_LINE_END: Final = _compile(r"[\s.;]*$")


def _list_line(text: str, start: int, end: int):
    """The state code a list line opens with (or None) and its items as
    (name start, name end, count start), or None when the line is not such a list.
    A bullet before the line is skipped; "Texas: 516" is one item, not a state head."""
    bullet = _LINE_BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    head = _LINE_STATE.match(text, start, end)
    if head and head.group("name") in _STATE_NAMES:
        items = _line_items(text, head.end(), end)
        if items is not None:
            return _STATE_NAMES[head.group("name")], items
    items = _line_items(text, start, end)
    return None if items is None else (None, items)


def _line_items(text: str, start: int, end: int):
    items = []
    position = start
    while True:
        item = _LINE_ITEM.match(text, position, end)
        if not item:
            return None
        comma = text.find(",", item.start("name"), item.end("name"))
        if comma >= 0 and text[comma + 1 : item.end("name")].strip() not in _STATE_NAMES_OR_AP:
            return None
        count = "dash" if item.group("dash") else "paren"
        items.append((item.start("name"), item.end("name"), item.start(count)))
        position = item.end()
        if _LINE_END.match(text, position, end):
            return items
        gap = _LINE_GAP.match(text, position, end)
        if not gap:
            return None
        position = gap.end()


def _coordinated(view: str, previous_end: int, start: int, end: int) -> bool:
    """Whether the count continues an enumeration: "50 in Texas and 30 in Georgia"."""
    between = view[previous_end:start]
    near = _COORDINATED_BEFORE.match(between)
    if not near and not (
        _ELLIPTICAL_AFTER.match(view, end)
        and "," in between
        and _COORDINATED_FAR_BEFORE.match(between)
    ):
        return False
    verbs = {w.lower() for w in _PAST_VERB.findall(between)} - _ADJECTIVES_IN_ED
    # An elliptical item ("..., and more than 50 in the Raleigh area") shares the verb
    # that linked the first count ("370 people have been arrested since ..., and 50 in X").
    return not verbs or (not near and verbs <= _ARREST_PARTICIPLES)


class _Extractor:
    """Walks an article's sentences, keeping the context the rules above need."""

    def __init__(self, text: str, published: date | None):
        self.text = text
        self.published = published
        dateline = find_dateline(text)
        self.dateline = dateline[0] if dateline else None
        # The headline (and byline) above a dateline is read too, as its own paragraphs
        # that neither lend nor borrow context; the dateline itself is skipped.
        head_end = dateline[0].start if dateline else 0
        body_start = dateline[1] if dateline else 0
        if dateline:
            self.sentences = _split_sentences(text, 0, head_end)
            for sentence in self.sentences:
                sentence.headline = True
            first_body = self.sentences[-1].paragraph + 3 if self.sentences else 0
            self.sentences += _split_sentences(text, body_start, None, first_body)
        else:
            self.sentences = _split_sentences(text, 0)
            _mark_headline(text, self.sentences)
        self.link_words = _LinkWords(text)
        agencies = _find_agencies(text)
        self.agencies = _Spans(agencies)
        self.default_agency = _dominant_agency(agencies)
        self.counts = _SentenceSpans(text, self.sentences, find_counts)
        self.places = _Spans(self._find_places(head_end, body_start))
        self.periods = _SentenceSpans(
            text,
            self.sentences,
            lambda text, start, end: find_periods(text, start, end, published),
        )
        self.found: list[_Found] = []
        self.sentence_places: list[PlaceMention] = []
        self.sentence_first = 0  # index in found of the current sentence's first operation
        self.segment_links = False  # whether the current segment has an arrest word
        # Sentences with places / periods, for the context of later counts: filtered (of
        # descriptive asides) only when a count needs them, as [sentence, raw, filtered]
        # and, for periods, whether the sentence had operations.
        self.place_history: list[list] = []
        self.period_history: list[list] = []
        self.list_heading: tuple[int, str] | None = None  # (last paragraph, kind) of a list
        # Where the article's colons are: a list heading ends with one (most sentences
        # have none, told by bisection rather than a ``find`` per sentence).
        self.colons = _positions(text, ":")

    def _find_places(self, head_end: int, body_start: int) -> list[PlaceMention]:
        text, dateline = self.text, self.dateline
        hint = dateline.place.state if dateline and dateline.place else None
        places = find_places(text, 0, head_end, hint) + find_places(text, body_start, None, hint)
        if dateline and dateline.place is not None:
            moved = rehome_dateline(dateline, places)
            if moved is not dateline:  # "LANCASTER —" over a story about Pennsylvania
                self.dateline = dateline = moved
                hint = moved.place.state if moved.place else None
                places = find_places(text, 0, head_end, hint) + find_places(
                    text, body_start, None, hint
                )
        if dateline and dateline.place is None:
            town = resolve_town(text, dateline, places, body_start)
            if town:
                self.dateline, extra = town
                name = extra[0].text if extra else None
                places = sorted(
                    [p for p in places if p.text != name] + extra, key=lambda m: m.start
                )
            else:
                self.dateline = None
        return resolve_relative(places, dateline)

    def run(self) -> list[Operation]:
        for sentence in self.sentences:
            self._read_sentence(sentence)
        order = sorted(range(len(self.found)), key=lambda i: self.found[i].mention.start)
        new_index = {old: new for new, old in enumerate(order)}
        operations = [self._operation(self.found[i]) for i in order]
        for operation in operations:
            if operation.part_of is not None:
                operation.part_of = new_index[operation.part_of]
        return operations

    # -- per sentence

    def _read_sentence(self, sentence: _Sentence) -> None:
        text = self.text
        if self.list_heading is not None and self._read_list_line(sentence):
            return
        self._note_list_heading(sentence)
        raw_places = self.places.within(sentence.start, sentence.end)[:_MAX_MENTIONS]
        self.sentence_first = len(self.found)
        places = periods = None
        if self.link_words.may_link(text, sentence.start, sentence.end) and self.counts.within(
            sentence.start, sentence.end
        ):
            places = self._sentence_places(sentence, raw_places)
            self.sentence_places = places
            for segment in [None, *sentence.asides]:
                if segment is None or segment.kind != "descriptive":
                    self._read_segment(sentence, segment)
            # The periods are read once the sentence has an operation to give one; without,
            # the sentence joins the history unread (as sentences without counts do), read
            # only if a later count looks back to it (an entry found to have no period is
            # passed over, as if never added).
            if len(self.found) > self.sentence_first:
                periods = self._sentence_periods(sentence, self._raw_periods(sentence))
                for found in self.found[self.sentence_first :]:
                    self._attach_place(found, places)
                    self._attach_period(found, periods)
                    self._attach_agency(found)
        if raw_places:
            self.place_history.append([sentence, raw_places, places])
        if periods is None or periods:
            new = len(self.found) > self.sentence_first
            self.period_history.append([sentence, None, periods, new])

    def _raw_periods(self, sentence: _Sentence) -> list[PeriodMention]:
        return self.periods.within(sentence.start, sentence.end)[:_MAX_MENTIONS]

    def _sentence_places(self, sentence: _Sentence, raw: list[PlaceMention]):
        if not raw or not _has_descriptive(sentence):
            return list(raw)
        return [p for p in raw if not self._descriptive(sentence, p.start)]

    def _sentence_periods(self, sentence: _Sentence, raw: list[PeriodMention]):
        text = self.text
        if not raw:
            return []
        if not _has_descriptive(sentence):
            return [p for p in raw if not self._speech_dated(text, p)]
        return [
            p
            for p in raw
            if not self._descriptive(sentence, p.start) and not self._speech_dated(text, p)
        ]

    def _latest(self, history: list[list], read, paragraph: int):
        """The latest entry of a history whose filtered mentions are not empty, when it is
        no more than a paragraph before ``paragraph`` (else None)."""
        for index in range(len(history) - 1, -1, -1):  # (mypyc cannot reverse a list[list])
            entry = history[index]
            sentence = entry[0]
            if paragraph - sentence.paragraph > 1:
                return None
            if entry[2] is None:
                if entry[1] is None:
                    entry[1] = self._raw_periods(sentence)
                entry[2] = read(sentence, entry[1])
            if entry[2]:
                return entry
        return None

    def _note_list_heading(self, sentence: _Sentence) -> None:
        """Remember a heading that introduces a one-per-line list of arrests by place."""
        text = self.text
        self.list_heading = None
        colons = self.colons
        at = bisect.bisect_left(colons, sentence.start)
        if (
            at == len(colons)
            or colons[at] >= sentence.end
            or not _HEADING_END.search(text, sentence.start, sentence.end)
        ):
            return
        if not _ARREST_WORD.search(text, sentence.start, sentence.end):
            return
        kind = _HEADING_KIND.search(text, sentence.start, sentence.end)
        self.list_heading = (sentence.paragraph, (kind.lastgroup or "") if kind else "")

    def _read_list_line(self, sentence: _Sentence) -> bool:
        """The operations of a line of a list under a heading; False when the sentence is
        not such a line (which ends the list)."""
        assert self.list_heading is not None
        paragraph, kind = self.list_heading
        if sentence.paragraph != paragraph + 1:
            return False
        text = self.text
        parsed = _list_line(text, sentence.start, sentence.end)
        if parsed is None:
            return False
        state, items = parsed
        self.list_heading = (sentence.paragraph, kind)
        self.sentence_first = len(self.found)
        self.sentence_places = []
        parent = next(
            (i for i in range(len(self.found) - 1, -1, -1) if self.found[i].rule != "listed"),
            None,
        )
        # towns of the state the listed total was in ("412 arrested in Arkansas": "Rogers – 96")
        parent_state = self._list_parent_state(parent)
        for name_start, name_end, count_start in items:
            mention = next(iter(self.counts.within(count_start, count_start + 1)), None)
            place = self._list_line_place(
                text[name_start:name_end], name_start, state, kind, parent_state
            )
            if mention is None or place is None:
                continue
            found = _Found(mention, sentence, None, "listed", place=place, place_source="sentence")
            if parent is not None and self._fits_in(found, self.found[parent]):
                found.parent = parent
                found.period = self.found[parent].period
                found.agency = self.found[parent].agency
            found.agency = found.agency or self.default_agency
            self.found.append(found)
        return True

    def _list_parent_state(self, parent: int | None) -> str | None:
        """The state of the total a list breaks down, when that total is one state's."""
        if parent is None:
            return None
        found = self.found[parent]
        place = found.place.place if found.place is not None else None
        return place.state if place is not None and place.kind == "state" else None

    def _list_line_place(
        self, name: str, start: int, state: str | None, kind: str, parent_state: str | None = None
    ) -> PlaceMention | None:
        if kind == "nation":
            return None  # "nationals of these countries:", "Mexico – 20"
        end = start + len(name)
        base, comma, state_name = name.partition(", ")
        if comma and kind != "office":
            # "Cook County, Illinois" is the state (a county is its state); "Portland, Oregon"
            code = _STATE_NAMES_OR_AP[state_name]
            if base.endswith((" County", " Parish")):
                return PlaceMention(state_place(code), name, start, end)
            return PlaceMention(city_place(base, code), name, start, end)
        mention = next(
            (p for p in self.places.within(start, end) if p.end == end and p.place), None
        )
        if (
            state is None
            and parent_state is not None
            and kind in ("", "city")
            and name not in _STATE_NAMES
            and (mention is None or mention.place.state != parent_state)
        ):
            state = parent_state
        if kind == "office":
            office = office_name(name)
            if office is None and mention is not None:
                office = office_name(mention.place.name)
            if office is None:
                return None
            return PlaceMention(Place("area", office, None, office), name, start, end)
        if state is not None:
            if mention is not None and mention.place.state == state:
                return mention
            return PlaceMention(city_place(name, state), name, start, end)
        if name in _STATE_NAMES and kind != "city":
            return PlaceMention(state_place(_STATE_NAMES[name]), name, start, end)
        return mention

    @staticmethod
    def _descriptive(sentence: _Sentence, position: int) -> bool:
        aside = sentence.aside_at(position)
        return aside is not None and aside.kind == "descriptive"

    @staticmethod
    def _speech_dated(text: str, period: PeriodMention) -> bool:
        return period.day_level and _speech_before(text, max(0, period.start - 60), period.start)

    def _read_segment(self, sentence: _Sentence, aside: _Aside | None) -> None:
        base = sentence.start
        low, high = (aside.start, aside.end) if aside else (sentence.start, sentence.end)
        mentions = self.counts.within(low, high)
        if aside is None and sentence.asides:
            mentions = [m for m in mentions if sentence.aside_at(m.start) is None]
        mentions = mentions[:_MAX_MENTIONS]
        if not mentions:
            return
        view = _view(self.text, sentence, aside)
        # (an aside, or a sentence without any, is one stretch of the text: the article's
        # stems answer for it; the main segment around asides is read from its view)
        if aside is not None:
            self.segment_links = self.link_words.stem(self.text, aside.start, aside.end)
        elif not sentence.asides:
            self.segment_links = self.link_words.stem(self.text, sentence.start, sentence.end)
        else:
            self.segment_links = _has_arrest_stem(view)
        if aside is not None and aside.kind == "other" and len(mentions) == 1:
            listed = self._listed(sentence, aside, mentions[0])
            if listed:
                self.found.append(listed)
                return
        previous: _Found | None = None  # the operation just before, if adjacent
        previous_end = 0
        for position, mention in enumerate(mentions):
            start, end = mention.start - base, mention.end - base
            limit = (
                mentions[position + 1].start - base if position + 1 < len(mentions) else len(view)
            )
            limit = min(limit, _clause_end(view, end))
            found = None
            if not _is_not_a_count(view, mention, start, end) and not (
                self.text.startswith("(", mention.end)
                and _SECTION_AFTER.match(self.text, mention.end)
            ):
                found = self._classify(
                    sentence, aside, view, mention, (start, end, limit), previous, previous_end
                )
            previous_end = end
            previous = None
            if found and not self._duplicate(found):
                self.found.append(found)
                previous = found

    def _classify(self, sentence, aside, view, mention, bounds, previous, previous_end):
        start, end, limit = bounds
        rule = (
            _arrest_rule(view, mention, start, end, limit, sentence.headline)
            if self.segment_links
            else self._running_total(view, start, sentence, aside)
        )
        before = view[max(0, start - 30) : start]
        if _GOAL_BEFORE.search(before) or (
            before.endswith((": ", ":")) and _GOAL_COLON.search(view, max(0, start - 90), start)
        ):
            return None
        if rule != "active" and "ed " in before and _REMOVED_BEFORE.search(before):
            return None  # "ICE removed about 102,000 people arrested inside the country"
        if rule != "active" and _POSSESSIVE_BEFORE.search(before):
            return None  # "its 1,100 employees": the size of a group, not an arrest count
        if _DEFINITE_BEFORE.search(before) and any(
            f.mention.value == mention.value for f in self.found[: self.sentence_first]
        ):
            return None  # "Of the 112 people arrested": refers back to a stated total
        if rule != "active":
            accounted = self._accounted_for(view, start, end, sentence) or self._largest_share(
                view, start, end, sentence
            )
            if accounted is not None:
                return self._place_share(mention, sentence, aside, accounted)
        found = _Found(mention, sentence, aside, rule or "")
        found.no_place = bool(_NONE_OF_BEFORE.search(before))
        if _INCLUDING_BEFORE.search(before) or (aside is not None and aside.kind == "breakdown"):
            found.parent = self._sentence_parent(sentence, aside)
            if found.parent is None and (
                _ARREST_WORD.search(self.text, sentence.start, sentence.end)
                or _AMONG_OPENING.match(self.text, sentence.start, sentence.end)
            ):
                found.parent = self._previous_operation(sentence)
            found.subset = True
        elif rule != "active" and (
            _OF_THEM_AFTER.match(view, end, limit) or _OF_THOSE_OPENING.match(view, 0, start)
        ):
            found.parent = self._previous_operation(sentence)
            found.subset = True
        elif (
            rule is None
            and sentence.headline
            and self.found[self.sentence_first :]
            and _HEADLINE_COUNTER.search(view, max(0, start - 60), start)
            and _HEADLINE_COUNTER_END.match(view, end)
        ):
            found.rule = "coordinated"  # "... arrested 30 in Durham; agency says 18"
        elif rule is None and (item := self._list_item(sentence, aside, view, mention, end)):
            found.rule, found.parent = "coordinated", item[0].parent
            found.place, found.place_source = item[1], "sentence"
            found.subset = item[0].subset
        elif rule is None and (place := self._place_item(sentence, view, mention, end)):
            found.rule, found.place, found.place_source = "coordinated", place, "sentence"
            parent = self._sentence_parent(sentence, aside)
            found.parent = parent if parent is not None else self._previous_operation(sentence)
        elif (
            rule is None
            and self.found[self.sentence_first :]
            and _COMPARED_BEFORE.search(view[max(0, start - 30) : start])
        ):
            # "made 2,048 arrests nationwide, up from 1,525 the year before": the same
            # kind of count, for another period, at the same place
            found.rule, found.like = "coordinated", len(self.found) - 1
        elif previous is not None and rule is None and _coordinated(view, previous_end, start, end):
            found.rule, found.parent = "coordinated", previous.parent
            found.subset = previous.subset
        if found.parent is not None and not self._fits_in(found, self.found[found.parent]):
            found.parent = None
        if not found.rule and found.parent is not None:
            found.rule = "breakdown"
        if found.subset and _REFERENCE_WITH_PLACE.match(view, end):
            return None  # "23 of those arrested in Austin had convictions": an attribute
        if found.subset and not self._own_place_after(found):
            return None  # a subset by attribute ("71 of those arrested had been released")
        return found if found.rule else None

    def _running_total(self, view: str, start: int, sentence: _Sentence, aside) -> str | None:
        """A running total ("The total now stands at 2,792") right after a sentence stating arrests:
        the total of those arrests, though the sentence has no arrest word."""
        if not _TALLY_WORD.search(view):
            return None
        previous = self._previous_operation(sentence)
        if previous is None or (self.found[previous].sentence is sentence and aside is None):
            return None
        return "total" if _tally(view[max(0, start - 80) : start]) else None

    def _accounted_for(self, view: str, start: int, end: int, sentence: _Sentence):
        """The place a count is the share of: "Las Vegas accounted for 31 of the arrests"."""
        last = view[max(0, start - 12) : start].rsplit(None, 1)
        if not last:
            return None
        if last[-1] == "arrests,":
            match = _MOST_ARRESTS_BEFORE.search(view, max(0, start - 60), start)
            if not match:
                return None
        else:
            if not last[-1].lower().endswith(_ACCOUNTED_WORDS):
                return None  # (the pattern ends in one of them: a cheap test first)
            match = _ACCOUNTED_BEFORE.search(view, max(0, start - 30), start)
            if not match:
                return None
            if match["share"] is None and not _OF_THEM_AFTER.match(view, end):
                return None
        position = sentence.start + match.start()
        return next((p for p in self.sentence_places if p.end == position and p.place), None)

    def _largest_share(self, view: str, start: int, end: int, sentence: _Sentence):
        """The place of a share set off by commas: "The largest share of the California
        arrests, 205, came in the Los Angeles area"."""
        if not view.endswith(("arrests, ", "arrested, "), 0, start) or not _SHARE_BEFORE.search(
            view, max(0, start - 80), start
        ):
            return None
        after = _SHARE_PLACE_AFTER.match(view, end)
        if after is None:
            return None
        position = sentence.start + after.end()
        return next(
            (p for p in self.sentence_places if p.place and p.start == position),
            None,
        )

    def _place_share(self, mention, sentence, aside, place: PlaceMention) -> _Found:
        found = _Found(mention, sentence, aside, "breakdown", place=place, place_source="sentence")
        parent = self._previous_operation(sentence)
        if parent is not None and self._fits_in(found, self.found[parent]):
            found.parent = parent
        return found

    def _state_item(self, place: PlaceMention) -> PlaceMention:
        """Bare "New York" among items that are all states is the state."""
        others = [p.place for p in self.sentence_places if p is not place and p.place]
        city = place.place
        if (
            city is not None
            and city.kind == "city"
            and city.state is not None
            and others
            and all(o.kind == "state" for o in others)
            and _STATE_NAMES.get(place.text) == city.state
        ):
            return PlaceMention(state_place(city.state), place.text, place.start, place.end)
        return place

    def _item_place(self, sentence: _Sentence, place: PlaceMention) -> PlaceMention:
        """A list item's place: the office in a list of offices ("Arrests by field office:
        Atlanta, 210; Chicago, 188"), the state in a list of states."""
        if _OFFICE_LIST.search(self.text, sentence.start, place.start):
            return office_mention(place)
        return self._state_item(place)

    def _list_item(self, sentence, aside, view, mention, end):
        """The operation of this sentence an elliptical list item continues, if the count
        is one: a place then the bare count ("in Texas, 312 were arrested; in Ohio, 41",
        "Las Vegas for 31, Boise for 12", "the El Paso office about 9,800 and the Dallas
        office about 8,900") or the count then "in" a place ("35 in Miami, 22 in Tampa")."""
        text = self.text
        earlier = [
            f
            for f in self.found[self.sentence_first :]
            if f.aside == aside and f.mention.end <= mention.start
        ]
        if not earlier:
            return None
        last = earlier[-1]
        places = [
            p
            for p in self.sentence_places
            if p.place is not None and last.mention.end <= p.start and p.end <= mention.end + 80
        ]
        for place in places:
            if place.end <= mention.start:
                if not _ITEM_AFTER_PLACE.fullmatch(text, place.end, mention.start):
                    continue
                head_end = place.start
            elif _IN_PLACE.fullmatch(text, mention.end, place.start):
                if not _ITEM_END.match(text, place.end, sentence.end) or not (
                    _ITEM_HEAD_LONG.fullmatch(text, last.mention.end, mention.start)
                ):
                    continue
                return last, self._item_place(sentence, place)
            else:
                continue
            if not _ITEM_HEAD.fullmatch(text, last.mention.end, head_end):
                continue
            if place.end <= mention.start and not _ITEM_END.match(view, end):
                continue
            return last, self._item_place(sentence, place)
        return None

    def _place_item(self, sentence: _Sentence, view: str, mention: CountMention, end: int):
        """The place of a list item written as the place then its count, in a sentence
        about arrests: "the most arrests were Texas, 516; Florida, 344", "in Texas, with
        330, and California, with 290"."""
        text = self.text
        if not self.link_words.stem(text, sentence.start, sentence.end):
            return None
        for place in self.sentence_places:
            if place.place is None or place.end > mention.start:
                continue
            if _PLACE_ITEM_GAP.fullmatch(text, place.end, mention.start) and _ITEM_END.match(
                view, end
            ):
                return self._item_place(sentence, place)
        return None

    def _own_place_after(self, found: _Found) -> bool:
        """Whether a place follows the count closely in its clause ("30 in Atlanta",
        "100 of them were arrested in Georgia"): what makes a subset a place breakdown."""
        mention, sentence = found.mention, found.sentence
        for place in self.sentence_places:
            if (
                place.start >= mention.end
                and sentence.aside_at(place.start) == found.aside
                and self._close_place(mention.end, place.start)
                and not _OTHER_PREDICATE.search(self.text, mention.end, place.start)
                and not self.counts.within(mention.end, place.start)
            ):
                return True
        return False

    def _close_place(self, start: int, end: int) -> bool:
        """Whether a place closely follows a count, nothing breaking the clause between
        them but a comma before the place restating a location ("happened outside city
        limits, in other parts of Mecklenburg County")."""
        if end - start > _BREAKDOWN_PLACE_GAP + _MAX_RESTATING:
            return False
        text = self.text
        first = _PLACE_GAP_BREAK.search(text, start, end)
        if first is None:
            return end - start <= _BREAKDOWN_PLACE_GAP
        return (
            first.group() == ","
            and first.start() - start <= _BREAKDOWN_PLACE_GAP
            and _PLACE_GAP_BREAK.search(text, first.end(), end) is None
            and _LOCATION_BEFORE_COMMA.search(text, start, first.start()) is not None
            and _PLACE_RESTATED.fullmatch(text, first.end(), end) is not None
        )

    def _listed(self, sentence: _Sentence, aside: _Aside, mention: CountMention):
        """A press-release list of arrests by place: "Baltimore (28); Boston (45)"."""
        text = self.text
        if text[aside.start : aside.end].strip() != mention.text or not mention.text.isdigit():
            return None
        if not _ARREST_WORD.search(text, sentence.start, sentence.end):
            return None
        place = next(
            (
                p
                for p in self.sentence_places
                if p.end < aside.start and not text[p.end : aside.start - 1].strip()
            ),
            None,
        )
        if place is None:
            return None
        if _OFFICE_LIST.search(text, sentence.start, aside.start):
            place = office_mention(place)
        found = _Found(mention, sentence, aside, "listed", place=place, place_source="sentence")
        parent = next(
            (i for i in range(len(self.found) - 1, -1, -1) if self.found[i].rule != "listed"),
            None,
        )
        if parent is not None and self._fits_in(found, self.found[parent]):
            found.parent = parent
        return found

    def _sentence_parent(self, sentence: _Sentence, aside: _Aside | None) -> int | None:
        """The main-clause operation of this sentence that a breakdown belongs to."""
        candidates = [
            i
            for i, f in enumerate(self.found[self.sentence_first :], self.sentence_first)
            if f.aside is None and (aside is None or f.mention.start < aside.start)
        ]
        return candidates[-1] if candidates else None

    def _previous_operation(self, sentence: _Sentence) -> int | None:
        if self.found and sentence.paragraph - self.found[-1].sentence.paragraph <= 1:
            return len(self.found) - 1
        return None

    @staticmethod
    def _fits_in(child: _Found, parent: _Found) -> bool:
        open_ended = parent.mention.qualifier in (
            "more_than",
            "at_least",
            "dozens",
            "hundreds",
            "thousands",
        )
        return open_ended or child.mention.value <= parent.mention.value

    def _duplicate(self, found: _Found) -> bool:
        """The same figure said twice in one sentence is one operation."""
        return any(
            f.mention.value == found.mention.value
            and f.mention.qualifier == found.mention.qualifier
            for f in self.found[self.sentence_first :]
        )

    # -- attributes

    def _attach_place(self, found: _Found, places: list[PlaceMention]) -> None:
        if found.place is not None:
            return
        if found.no_place:
            found.place, found.place_source = None, "negated"
            return
        own = _nearest(
            self.text,
            found,
            _in_segment(found.sentence, places, found.aside),
            self.found[self.sentence_first :],
        )
        if own:
            if found.rule == "coordinated":
                own = self._state_item(own)
            if _AGENCY_BEFORE_PLACE.search(self.text, max(0, own.start - 40), own.start):
                own = office_mention(own)  # "ERO Houston arrested ...": the office's area
            found.place, found.place_source = own, "sentence"
        elif shared := self._coordinated_place(found, places):
            found.place, found.place_source = shared, "sentence"
        elif found.parent is not None and self.found[found.parent].place:
            found.place = self.found[found.parent].place
            found.place_source = "parent"
        elif found.like is not None:
            found.place = self.found[found.like].place
            found.place_source = "parent"
        else:
            found.place, found.place_source = self._context_place(found.sentence)
            if found.place_source in ("dateline", "") and self._agency_year(found):
                found.place = PlaceMention(NATIONWIDE, "", found.mention.start, found.mention.start)
                found.place_source = "agency-year"

    def _coordinated_place(self, found: _Found, places: list[PlaceMention]):
        """The place closing a clause that coordinates this count with the next one:
        "apprehended 73 migrants and arrested four smugglers ... across the Rio Grande
        Valley" places both."""
        following = next(
            (
                f
                for f in self.found[self.sentence_first :]
                if f.mention.start >= found.mention.end and f.aside == found.aside
            ),
            None,
        )
        if following is None or not _COORDINATED_COUNTS.fullmatch(
            self.text, found.mention.end, following.mention.start
        ):
            return None
        candidates = _in_segment(found.sentence, places, found.aside)
        place = _nearest(self.text, following, candidates, self.found[self.sentence_first :])
        return place if place is not None and place.start >= following.mention.end else None

    def _agency_year(self, found: _Found) -> bool:
        """An agency's yearly statistic with no place ("ICE made 143,470 administrative
        arrests in fiscal year 2018"): the agency's national figure, not the dateline's."""
        sentence = found.sentence
        return bool(
            _FISCAL_YEAR.search(self.text, sentence.start, sentence.end)
            and self.agencies.within(sentence.start, sentence.end)
        )

    def _context_place(self, sentence: _Sentence) -> tuple[PlaceMention | None, str]:
        entry = self._latest(self.place_history, self._sentence_places, sentence.paragraph)
        if entry is not None:
            latest = entry[2][-1]
            return (None, "") if latest.is_list else (latest, "context")
        return (self.dateline, "dateline") if self.dateline else (None, "")

    def _attach_period(self, found: _Found, periods: list[PeriodMention]) -> None:
        sentence = found.sentence
        same_segment = _in_segment(sentence, periods, found.aside)
        period = _nearest(self.text, found, same_segment, self.found[self.sentence_first :]) or (
            periods[0] if periods else None
        )
        if period:
            found.period = period
        elif found.parent is not None:
            found.period = self.found[found.parent].period
        else:
            entry = self._latest(self.period_history, self._sentence_periods, sentence.paragraph)
            if entry is not None and entry[3]:
                found.period, found.period_inherited = entry[2][-1], True

    def _attach_agency(self, found: _Found) -> None:
        sentence = found.sentence
        named = self.agencies.within(sentence.start, sentence.end)
        if named and _has_descriptive(sentence):
            named = [a for a in named if not self._descriptive(sentence, a.start)]
        if named:
            found.agency = min(named, key=lambda a: abs(a.start - found.mention.start)).name
        elif found.parent is not None:
            found.agency = self.found[found.parent].agency or self.default_agency
        else:
            found.agency = self.default_agency

    def _operation(self, found: _Found) -> Operation:
        mention, place, period = found.mention, found.place, found.period
        spanned = place if place is not None and place.end > place.start else None  # not implied
        confidence = _RULE_CONFIDENCE[found.rule]
        confidence *= {"context": 0.85, "dateline": 0.9}.get(found.place_source, 1.0)
        confidence *= 0.9 if found.period_inherited else 1.0
        return Operation(
            count=mention.value,
            qualifier=mention.qualifier,
            count_text=mention.text,
            start=mention.start,
            end=mention.end,
            place=place.place if place else None,
            place_text=spanned.text if spanned is not None else None,
            place_start=spanned.start if spanned is not None else None,
            place_end=spanned.end if spanned is not None else None,
            period_text=period.text if period else None,
            period_start=period.first if period else None,
            period_end=period.last if period else None,
            agency=found.agency,
            part_of=found.parent,
            rule=found.rule,
            confidence=round(confidence, 2),
        )


# Two counts of one clause joined by "and": "apprehended 73 migrants and arrested four".
_COORDINATED_COUNTS: Final = _compile(r"(?:\s+[\w'’-]+){0,4}?\s+and(?:\s+[\w'’-]+){1,3}?\s+")
_FISCAL_YEAR: Final = _compile(r"\b(?:fiscal\s+(?:year\s+)?(?:19|20)?\d\d|FY\s?(?:19|20)?\d\d)\b")
_CLAUSE_BOUNDARY: Final = _compile(r",\s*(?:and|but|while|whereas|compared\s+with)\b|;", re.I)
_CLAUSE_PENALTY: Final = 1000
_NEXT_ITEM_GAP: Final = _compile(r"\s+(?:for\s+|with\s+)?")
_TIGHT_PLACE_GAP: Final = _compile(
    r"\s+(?:(?:more|others|people|workers|men|women|immigrants|migrants)\s+)?"
    # "another 11 at the immigration court in Tucson": the building, then its town
    r"(?:at\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s+(?=in\s))?"
    r"(?:in|at|from|near)\s+"
    r"(?:(?:the\s+)?(?:neighboring|neighbouring|nearby|suburban)\s+)?"
)
# "ICE Houston arrested ...", "(ERO) Boston": a place naming the agency's office, read
# as the operation's place only when the sentence has no other.
_AGENCY_BEFORE_PLACE: Final = _EndsWith(
    _compile(
        r"(?:\b(?:ICE|ERO|HSI|CBP|Enforcement|Operations|Investigations|Protection)"
        r"|\((?:ICE|ERO|HSI|CBP)\))\s+$"
    ),
    (
        "ICE",
        "ERO",
        "HSI",
        "CBP",
        "Enforcement",
        "Operations",
        "Investigations",
        "Protection",
        "ICE)",
        "ERO)",
        "HSI)",
        "CBP)",
    ),
    fold=False,
)
_OFFICE_NAME_PENALTY: Final = 500
_BIOGRAPHY_BEFORE: Final = _EndsWith(
    _compile(
        r"\b(?:came\s+(?:here\s+)?(?:to|from)|(?:moved|immigrated|emigrated|fled|returned|born"
        r"|raised|grew\s+up|lived|settled|relocated)\s+(?:(?:here\s+)?(?:to|in|from)))\s+$"
        # "Elsewhere in California, ERO San Francisco arrested 214": a setting, not the place
        r"|\belsewhere\s+in\s+(?:the\s+)?$",
        re.I,
    ),
    ("to", "in", "from", "the"),
)
_HEADLINE_COUNTER_END: Final = _compile(r"\s*(?:[,;:]|$)|\s+(?:in|across|at)\s+(?:the\s+)?[A-Z]")
# A headline's second clause giving another source's figure: "...; agency says 18".
_HEADLINE_COUNTER: Final = _compile(
    r";\s*(?:[\w'’.-]+\s+){1,3}(?:says?|confirms?|reports?|counts?|puts\s+it\s+at)\s+$", re.I
)
# "the San Antonio field office made 51 arrests": the office as the one arresting.
_OFFICE_AGENT_AFTER: Final = _compile(
    r"\s+(?:made|arrested|apprehended|detained|took|picked|rounded|nabbed|netted|reported"
    r"|recorded|logged)\b"
)


def _clause_end(view: str, position: int) -> int:
    """Where the first ";" or ":" of ``view`` from ``position`` is (else its end): two
    ``str.find`` scans for one character, faster than a regex scan for the class."""
    stop = view.find(";", position)
    if stop < 0:
        stop = len(view)
    colon = view.find(":", position, stop)
    return stop if colon < 0 else colon


def _nearest(text: str, found: _Found, candidates, sentence_operations: list[_Found]):
    """The candidate span closest to the count, preferring ones after it (the usual
    "arrested N in X" order), never reaching past another count of the sentence and
    avoiding ones across a clause boundary (", while", "; ")."""
    mention = found.mention
    others = [f.mention for f in sentence_operations if f is not found]
    best, best_distance = None, None
    for candidate in candidates:
        if candidate.start >= mention.end:
            low, high, weight = mention.end, candidate.start, 1.0
        else:
            low, high, weight = candidate.end, mention.start, 1.5
        if any(low <= o.start < high for o in others):
            continue
        if weight == 1.0 and any(
            _NEXT_ITEM_GAP.fullmatch(text, candidate.end, o.start) for o in others
        ):
            continue  # "about 9,800 and the Dallas office about 8,900": the next item's place
        distance = weight * max(0, high - low)
        if weight == 1.0 and _TIGHT_PLACE_GAP.fullmatch(text, low, high):
            distance = 0  # "four more in neighboring Skokie": the count's own place
        if best_distance is not None and distance >= best_distance:
            continue  # penalties only add: it cannot win
        boundary = _CLAUSE_BOUNDARY.search(text, low, high)
        if boundary:
            if weight == 1.0 and any(
                o.start >= candidate.end
                and not _CLAUSE_BOUNDARY.search(text, candidate.end, o.start)
                for o in others
            ):
                continue  # "..., and ICE agents in Orlando picked up 66": that clause's place
            distance += _CLAUSE_PENALTY
            if best_distance is not None and distance >= best_distance:
                continue
        if _AGENCY_BEFORE_PLACE.search(text, max(0, candidate.start - 40), candidate.start) or (
            getattr(candidate, "place", None) is not None
            and candidate.place.kind == "area"
            and _OFFICE_AGENT_AFTER.match(text, candidate.end)
        ):
            distance += _OFFICE_NAME_PENALTY
        if _BIOGRAPHY_BEFORE.search(text, max(0, candidate.start - 30), candidate.start):
            distance += _CLAUSE_PENALTY  # "a roofer who came to Pennsylvania": a life, not a raid
        if best_distance is None or distance < best_distance:
            best, best_distance = candidate, distance
    return best


def extract_operations(text: str, published: date | None = None) -> list[Operation]:
    """The arrest counts stated in ``text``, in text order.

    ``published`` resolves relative periods ("this week") to dates.
    """
    return _Extractor(text, published).run()
