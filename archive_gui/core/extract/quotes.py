"""Direct quotes and who said them.

Convention: ``Quote.text`` is exactly what stands between the quotation marks
(punctuation inside the marks included), so ``text[q.start:q.end] == q.text``.
A paragraph-long part of a multi-paragraph quote runs to the paragraph's end.

A quoted phrase is reported speech when it stands where speech does (it opens
a sentence, follows a colon or "he said,") or when it is a partial quote of at
least five words after a speech verb ("denied they were carrying out '...'").
Short terms in quotation marks and title-cased names are scare quotes or
names, not speech.

The speaker is read next to the quote ("..., ICE spokesman Bryan Cox said",
"said Name, role", "Name said: ...", "according to the group"); failing that it
is carried over from a neighbouring quote: the other parts of a multi-paragraph
quote, an attributed quote of the same paragraph, or the previous paragraph's
speaker when a paragraph is nothing but a quote. ``Quote.rule`` names the way
taken and ``Quote.confidence`` says how sure it is: highest for a speaker named
next to the quote, lower for pronouns and for speakers carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

from archive_gui.core.extract.names_data import (
    DOCUMENT_GROUPS,
    NAMING_VERBS,
    SPEECH_VERBS,
    is_first_name,
)
from archive_gui.core.extract.places import is_place_name
from archive_gui.core.extract.speakers import (
    ORGANIZATION,
    PERSON,
    PRONOUN,
    REFERENCE,
    Entity,
    EntityBook,
    Mention,
    document_authored,
    find_mentions,
    lower_words,
    read_deferred,
    read_object,
    read_subject,
    reference_fits,
)
from archive_gui.core.extract.textutil import (
    CLOSE_QUOTE,
    OPEN_QUOTE,
    QUOTE_MARKS,
    STRAIGHT_QUOTE,
    Token,
    bisect_left,
    bisect_right,
    dateline_end,
    paragraph_spans,
    read_words_except,
    sentence_starts,
    words,
)
from archive_gui.core.records import Quote

MIN_PARTIAL_QUOTE_WORDS: Final = 4
# Speech verbs further than this from the quote do not attribute it.
MAX_ATTRIBUTION_WORDS: Final = 16
_MAX_NAME_WORDS: Final = 8
# How far a speech verb may stand after a quote when a long appositive comes before it.
_MAX_APPOSITIVE_ATTRIBUTION_WORDS: Final = 40

_CONFIDENCE: Final = {
    "quote-said-name": 0.95,
    "quote-name-said": 0.95,
    "name-said-quote": 0.9,
    "according-to": 0.9,
    "next-sentence": 0.85,
    "name-colon-quote": 0.8,
    "reference": 0.75,
    "attribution-next-paragraph": 0.85,
    "reference-named-later": 0.6,
}
_PRONOUN_CONFIDENCE: Final = 0.8
_PRONOUN_ANY_GENDER_CONFIDENCE: Final = 0.65  # "they", or a person whose gender is unknown
_INHERITED_CONFIDENCE: Final = {
    "multi-paragraph": 0.95,
    "same-paragraph": 0.9,
    "continuation-paragraph": 0.85,
    "introduced-speaker": 0.6,
    "headline-repeated": 0.9,
    "interview-answer": 0.8,
    "quote-run-source": 0.8,
}
_UNATTRIBUTED_CONFIDENCE: Final = 0.3
_BREAK_AFTER_QUOTE: Final = ",.;:?!—–-…"
# Punctuation ending a spoken sentence, possibly inside a nested quote ("... today?’").
_FINAL_MARKS: Final = ",.;:?!—–…-"
_SINGLE_MARK: Final = re.compile("['‘’]")
_SENTENCE_MARKS: Final = ".?!"
_MAX_HEADLINE_WORDS: Final = 25
_WORD_CHAR: Final = re.compile(r"\w")
# A sentence after a quote that names its source: "The words came from Tran Van Hieu, ...",
# "That was the response from Commissioner ...", "Those were the words of ...".
_SOURCE_SENTENCE: Final = re.compile(
    r"(?:The|Those|These|That|This|Such)\s+(?:[\w’']+\s+){0,5}?"
    r"(?:words?|response|reply|answer|reaction|assessment|message|verdict|view|comment|"
    r"warning|plea|question|remark|remarks)"
    r"(?:,[^,.;“”\"]{1,80},)?"  # "Those words, relayed by phone from inside, came from"
    r"\s+(?:[\w’']+\s+){0,3}?(?:from|of|by|to)\s+"
    # "The speaker was Alondra Ruiz", "The voice belonged to ..."
    r"|(?:The|That|This)\s+(?:[\w’'-]+\s+){0,2}?(?:speaker|voice)\s+(?:was|is|belonged\s+to)\s+"
    # "That is how Marisol Quintero remembers the morning ...", "So says ..."
    r"|(?:That|This)(?:\s+is|\s+was|'s|’s)\s+(?:how|what)\s+|So\s+says\s+"
)
_MAX_QUESTION_WORDS: Final = 40
_DATELINE_PARAGRAPHS: Final = 6  # a dateline opens one of the first paragraphs (after headlines)
_SUBJECT_PRONOUNS: Final = frozenset({"he", "she", "they"})
# A subject introducing a quote stands near the start of its sentence ("The mayor, Name,").
_MAX_SUBJECT_OFFSET: Final = 4
_WORD_RUN: Final = re.compile(r"\w+")
_CALLING_VERBS: Final = frozenset(
    {"call", "calls", "called", "calling", "describe", "describes", "described", "describing"}
    | {"characterize", "characterizes", "characterized", "characterise", "characterised"}
)
# Lower-case words inside title-cased names ("Department of the Interior").
_TITLE_SMALL_WORDS: Final = frozenset(
    {"a", "an", "and", "at", "de", "for", "in", "of", "on", "the", "to"}
)


# What a word is to the tests of speech verbs, as bits of its lower-cased form (``_VerbKinds``).
_SPEECH, _ACCORDING, _TO, _NAMING, _CALLING = 1, 2, 4, 8, 16


class _VerbKinds(dict):
    """The bits of ``_SPEECH`` ... ``_CALLING`` a word has, kept per word: one dictionary
    look-up instead of lower-casing the word (a new string) for each test."""

    def __missing__(self, word: str) -> int:
        if len(self) > 50_000:
            self.clear()  # (a bound on memory)
        lower = word.lower()
        kind = (
            (_SPEECH if lower in SPEECH_VERBS else 0)
            | (_ACCORDING if lower == "according" else 0)
            | (_TO if lower == "to" else 0)
            | (_NAMING if lower in NAMING_VERBS else 0)
            | (_CALLING if lower in _CALLING_VERBS else 0)
        )
        self[word] = kind
        return kind


_VERB_KINDS: Final = _VerbKinds()


@dataclass(init=False, slots=True)
class _Span:
    """Where a quotation sits: its marks, its words and its paragraph."""

    open_mark: int
    close_mark: int | None  # None when the quote runs on into the next paragraph
    start: int
    end: int
    paragraph: int
    continued: bool = False  # opens a paragraph that carries on the previous one's quote
    headline: bool = False  # in a headline or subhead (single marks count there)

    # (written out, not the dataclass's: compiled, it is a native call, where the
    # generated ``__init__`` runs in the interpreter with its arguments packed)
    def __init__(
        self,
        open_mark: int,
        close_mark: int | None,
        start: int,
        end: int,
        paragraph: int,
        continued: bool = False,
        headline: bool = False,
    ) -> None:
        self.open_mark = open_mark
        self.close_mark = close_mark
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.continued = continued
        self.headline = headline


@dataclass(init=False, slots=True)
class _Candidate:
    """A quote being attributed."""

    span: _Span
    mention: Mention | None = None
    rule: str = ""
    entity: Entity | None = None
    source: _Candidate | None = None  # the quote the speaker was carried over from

    def __init__(  # (written out: see ``_Span``)
        self,
        span: _Span,
        mention: Mention | None = None,
        rule: str = "",
        entity: Entity | None = None,
        source: _Candidate | None = None,
    ) -> None:
        self.span = span
        self.mention = mention
        self.rule = rule
        self.entity = entity
        self.source = source


# Re-reading a candidate's speaker after a call that may have set it: the type checker
# (and mypyc, which trusts it) would otherwise take the value tested before the call.
def _unattributed(candidate: _Candidate) -> bool:
    return candidate.mention is None


def _unresolved(candidate: _Candidate) -> bool:
    return candidate.entity is None


def extract_quotes(text: str) -> list[Quote]:
    """Every direct quote in the article, with its speaker when the article tells it."""
    article = _Article.read(text)
    candidates = _speech_candidates(article)
    introduced = _resolve_mentions(article, candidates)
    _carry_over(article, candidates, introduced)
    _share_with_headlines(article, candidates)
    return [_record(text, candidate) for candidate in candidates]


@dataclass(slots=True)
class _Article:
    """The text with its paragraphs and the quotation spans of each paragraph."""

    text: str
    paragraphs: list[tuple[int, int]]
    spans: list[list[_Span]]  # per paragraph, in order
    sentences: list[int] = field(default_factory=list)  # where each sentence starts
    # where each paragraph starts, for finding a position's paragraph with int comparisons
    starts: list[int] = field(default_factory=list)
    # the stretches outside quotation marks, and the paragraph of each
    _outside: list[tuple[int, int]] | None = None
    _outside_paragraphs: list[int] | None = None

    @classmethod
    def read(cls, text: str) -> _Article:
        paragraphs = paragraph_spans(text)
        spans: list[list[_Span]] = [[] for _ in paragraphs]
        found = _find_spans(text, paragraphs)
        for span in found:
            spans[span.paragraph].append(span)
        # the words inside quotation marks are never asked for: not reading them saves
        # a quarter of the reading
        read_words_except(text, [(span.start, span.end) for span in found])
        return cls(text, paragraphs, spans, starts=[start for start, _ in paragraphs])

    def paragraph_of(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def outside_quotes(self) -> list[tuple[int, int]]:
        """The stretches of text that are not inside quotation marks."""
        if self._outside is None:
            self._stretches_outside_quotes()
        assert self._outside is not None
        return self._outside

    def outside_paragraphs(self) -> list[int]:
        """The paragraph of each stretch of ``outside_quotes()``."""
        if self._outside is None:
            self._stretches_outside_quotes()
        assert self._outside_paragraphs is not None
        return self._outside_paragraphs

    def _stretches_outside_quotes(self) -> None:
        stretches = []
        numbers = []
        for number, ((start, end), spans) in enumerate(
            zip(self.paragraphs, self.spans, strict=True)
        ):
            position = start
            for span in spans:
                if span.open_mark > position:
                    stretches.append((position, span.open_mark))
                    numbers.append(number)
                position = span.close_mark + 1 if span.close_mark is not None else end
            if end > position:
                stretches.append((position, end))
                numbers.append(number)
        self._outside = stretches
        self._outside_paragraphs = numbers


# ----------------------------------------------------------------------------
# Quotation marks


def _find_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[_Span]:
    """Pair the quotation marks of each paragraph; unmatched marks are skipped.

    An opening mark left open at the end of a paragraph starts a
    multi-paragraph quote when the next paragraph opens with a quotation mark.
    """
    spans: list[_Span] = []
    continued = False
    marks = _quote_mark_positions(text)
    for number, (start, end) in enumerate(paragraphs):
        first_mark = bisect_left(marks, start)
        last_mark = bisect_left(marks, end, first_mark)
        if first_mark == last_mark and _is_headline(text, start, end):
            spans.extend(_single_quoted(text, start, end, number))
            continue
        opened: int | None = None
        first_in_paragraph = len(spans)
        for position in marks[first_mark:last_mark]:
            mark = text[position]  # (curly marks tell at once, without a call)
            if (
                mark == OPEN_QUOTE
                if mark != STRAIGHT_QUOTE
                else _is_opening(text, position, opened is not None)
            ):
                opened = position
            elif opened is not None:
                spans.append(_Span(opened, position, opened + 1, position, number))
                opened = None
        if continued and len(spans) > first_in_paragraph:
            spans[first_in_paragraph].continued = True
        continued = False
        if opened is not None and _next_opens_with_quote(text, paragraphs, number):
            spans.append(_Span(opened, None, opened + 1, end, number))
            continued = True
    return [span for span in spans if span.end > span.start]


def _quote_mark_positions(text: str) -> list[int]:
    """Where the quotation marks of the text stand, in order.

    ``str.find`` skips to each mark far faster than a regex search, which tries
    every character of the text.
    """
    positions = []
    for mark in QUOTE_MARKS:
        position = text.find(mark)
        while position >= 0:
            positions.append(position)
            position = text.find(mark, position + 1)
    positions.sort()
    return positions


def _is_headline(text: str, start: int, end: int) -> bool:
    """Whether a paragraph is a headline or subhead: short, without a closing full stop."""
    if _closes_sentence(text, start, end) or text.startswith("By ", start):
        return False
    return len(text[start:end].split()) <= _MAX_HEADLINE_WORDS


def _closes_sentence(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a full stop, "?" or "!", perhaps then a mark."""
    if end > start:  # (most paragraphs end in a letter or a mark: told by their last character)
        last = text[end - 1]
        if last in _SENTENCE_MARKS:
            return True
        if last.isalnum():
            return False
    piece = text[max(start, end - 8) : end].rstrip()
    if piece and piece[-1] in "”\"’'":
        piece = piece[:-1]
    return bool(piece) and piece[-1] in _SENTENCE_MARKS


def _ends_spoken_sentence(quoted: str) -> bool:
    """Whether a quote ends with the punctuation of a spoken sentence, possibly inside a
    nested quote ("... today?’")."""
    piece = quoted.rstrip()
    if piece and piece[-1] in "’'":
        piece = piece[:-1]
    return bool(piece) and piece[-1] in _FINAL_MARKS


def _single_quoted(text: str, start: int, end: int, number: int) -> list[_Span]:
    """Quotes in single marks, as headlines write them ("Mayor: 'This is not who we are'")."""
    spans = []
    opened: int | None = None
    for match in _SINGLE_MARK.finditer(text, start, end):
        position = match.start()
        before = text[position - 1] if position > start else " "
        after = text[position + 1] if position + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe: "don't", "Charlotte's"
        if opened is None:
            if (before.isspace() or before in "([—–:") and after.isalnum():
                opened = position
        elif not before.isspace() and (after.isspace() or after in _BREAK_AFTER_QUOTE):
            if position > opened + 1:
                spans.append(_Span(opened, position, opened + 1, position, number, headline=True))
            opened = None
    return spans


def _is_opening(text: str, position: int, inside: bool) -> bool:
    """Whether a quotation mark opens a quote; straight marks are judged by their neighbours."""
    mark = text[position]
    if mark == OPEN_QUOTE:
        return True
    if mark == CLOSE_QUOTE:
        return False
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if (before.isspace() or before in "([—–") and not after.isspace():
        return True
    if after.isspace() or after in _BREAK_AFTER_QUOTE + ")]":
        return False
    return not inside


def _next_opens_with_quote(text: str, paragraphs: list[tuple[int, int]], number: int) -> bool:
    return number + 1 < len(paragraphs) and text[paragraphs[number + 1][0]] in (OPEN_QUOTE + '"')


# ----------------------------------------------------------------------------
# Which quotations are speech, and the attribution next to them


def _speech_candidates(article: _Article) -> list[_Candidate]:
    candidates = []
    text = article.text
    for number, ((start, end), spans) in enumerate(
        zip(article.paragraphs, article.spans, strict=True)
    ):
        if not spans:  # (most paragraphs: only their sentences are wanted)
            article.sentences.extend(sentence_starts(text, start, end, []))
            continue
        marks = [(s.open_mark, s.close_mark or end) for s in spans]
        starts = sentence_starts(text, start, end, marks)
        if len(starts) > 1 and spans:
            starts = _join_trailing_attributions(text, starts, end)
        article.sentences.extend(starts)
        spoken: _Span | None = None  # the last quotation of the paragraph taken as speech
        for index, span in enumerate(spans):
            previous = spans[index - 1] if index else None
            lead = _lead(span, previous, starts)
            tail = _tail(span, spans[index + 1] if index + 1 < len(spans) else None, starts, end)
            if _is_speech(text, span, lead, tail) or _continues_speech(
                text, span, lead, previous, spoken
            ):
                spoken = span
                tail_tokens = words(text, tail[0], tail[1])
                candidate = _attribute(text, span, lead, tail, tail_tokens)
                if candidate.mention is None and previous is not None:
                    _subject_before_earlier_quote(text, candidate, lead, previous, starts)
                elif candidate.mention is None and number and span.open_mark == start:
                    _introduced_by_paragraph_before(article, candidate, number - 1)
                if candidate.mention is None and not tail_tokens:
                    following = (
                        article.paragraphs[number + 1]
                        if number + 1 < len(article.paragraphs)
                        else None
                    )
                    _source_in_next_sentence(text, candidate, starts, end, following)
                    if _unattributed(candidate) and following is not None:
                        _attribution_opening_next(article, candidate, number + 1)
                candidates.append(candidate)
    return candidates


def _introduced_by_paragraph_before(article: _Article, candidate: _Candidate, number: int) -> None:
    """'El Centro ..., laid out its count in a statement posted on its website:' then the
    quote as the next paragraph: the paragraph ending in a colon introduces it."""
    start, end = article.paragraphs[number]
    if article.spans[number] or not article.text.endswith(":", start, end):
        return
    sentences = article.sentences  # (this paragraph's are in: it was read already)
    start = max(start, sentences[bisect_right(sentences, end - 1) - 1])  # its last sentence
    found = _before_quote(article.text, (dateline_end(article.text, start, end), end))
    if found is not None:
        candidate.mention, candidate.rule = found


# "and said the county would": a speech verb sharing the subject of the sentence.
_COORDINATED_SPEECH: Final = re.compile(
    r"\s*,?\s*(?:and|but)\s+(?:then\s+|also\s+|later\s+)?([a-z]+)\b"
)


def _subject_before_earlier_quote(
    text: str, candidate: _Candidate, lead: tuple[int, int], previous: _Span, starts: list[int]
) -> None:
    """'He called it "not our business" and said the county would "stay in its lane."':
    a speech verb after an earlier quote of the sentence has the sentence's subject."""
    if previous.close_mark is None or lead[0] != previous.close_mark + 1:
        return
    verb = _COORDINATED_SPEECH.match(text, lead[0], lead[1])
    if verb is None or verb[1] not in SPEECH_VERBS:
        return
    sentence_start = starts[bisect_right(starts, previous.open_mark) - 1]
    found = _before_quote(
        text, (dateline_end(text, sentence_start, previous.open_mark), previous.open_mark)
    )
    if found is not None:
        candidate.mention, candidate.rule = found


# A question or exclamation closing a quote: ‘“Where do we go?” Irma Estrada said.’
_QUESTION_CLOSE: Final = re.compile(r"[?!][”\"’]\s*$")
_MAX_TRAILING_ATTRIBUTION_WORDS: Final = 6


def _join_trailing_attributions(text: str, starts: list[int], end: int) -> list[int]:
    """Sentence starts without those that only begin the attribution of a quote ending in
    "?" or "!" (‘“Where do we go?” Irma Estrada said.’): the name and the verb belong to
    the quote's sentence, as they do after a comma."""
    kept = [starts[0]]
    for index in range(1, len(starts)):
        start = starts[index]
        if _QUESTION_CLOSE.search(text, max(kept[-1], start - 4), start):
            stop = starts[index + 1] if index + 1 < len(starts) else end
            tokens = words(text, start, stop)[: _MAX_TRAILING_ATTRIBUTION_WORDS + 1]
            verb = _first_speech_verb(tokens)
            if (
                verb is not None
                and 0 < verb <= _MAX_TRAILING_ATTRIBUTION_WORDS
                and not any(text[t[2] : t[2] + 1] in ".;:" for t in tokens[: verb - 1])
            ):
                continue
        kept.append(start)
    return kept


def _source_in_next_sentence(
    text: str, candidate: _Candidate, starts: list[int], end: int, following: tuple[int, int] | None
) -> None:
    """ "“Nobody here has a record.” The words came from Tran Van Hieu, a retired welder."

    A quote closing its paragraph may be sourced by the next paragraph's opening
    ("That is how Marisol Quintero remembers ...").
    """
    close = candidate.span.close_mark
    if close is None:
        return
    index = bisect_right(starts, close)
    if index < len(starts):
        sentence_start = starts[index]
        sentence_end = starts[index + 1] if index + 1 < len(starts) else end
    elif following is not None and not text[close + 1 : end].strip():
        sentence_start, sentence_end = following
    else:
        return
    match = _SOURCE_SENTENCE.match(text, sentence_start, sentence_end)
    if match is None:
        return
    mention = read_object(text, match.end(), sentence_end)
    found = _with_rule(mention, "next-sentence")
    if found is not None:
        candidate.mention, candidate.rule = found


def _attribution_opening_next(article: _Article, candidate: _Candidate, number: int) -> None:
    """“... in thirty years,” / said Walter Hemmings, who farms ...: a quote closing its
    paragraph on a comma, its attribution opening the next paragraph."""
    text = article.text
    close = candidate.span.close_mark
    if close is None or text[close - 1] != ",":
        return
    start, end = article.paragraphs[number]
    spans = article.spans[number]
    if spans and spans[0].open_mark - start < 2:
        return  # the next paragraph opens with a quote of its own
    stop = spans[0].open_mark if spans else end
    found = _after_quote(text, (start, _sentence_end(text, start, stop)))
    if found is not None:
        candidate.mention, candidate.rule = (
            found[0],
            (found[1] if found[0].kind in (PRONOUN, REFERENCE) else "attribution-next-paragraph"),
        )


def _sentence_end(text: str, start: int, stop: int) -> int:
    """Where the sentence opening at ``start`` ends (before ``stop``)."""
    match = _SENTENCE_STOP.search(text, start, stop)
    return match.start() + 1 if match else stop


_SENTENCE_STOP: Final = re.compile(r"[.!?](?=\s+[A-Z“\"]|\s*$)")


def _lead(span: _Span, previous: _Span | None, starts: list[int]) -> tuple[int, int]:
    """The text of the quote's sentence before its opening mark (after any earlier quote)."""
    start = starts[bisect_right(starts, span.open_mark) - 1]
    if previous is not None and previous.close_mark is not None:
        start = max(start, previous.close_mark + 1)
    return start, span.open_mark


def _tail(span: _Span, following: _Span | None, starts: list[int], end: int) -> tuple[int, int]:
    """The text after the closing mark, up to the end of the sentence or the next quote."""
    if span.close_mark is None:
        return end, end
    start = span.close_mark + 1
    next_sentence = bisect_right(starts, span.close_mark)
    stop = starts[next_sentence] if next_sentence < len(starts) else end
    if following is not None:
        stop = min(stop, following.open_mark)
    return start, max(start, stop)


def _is_speech(text: str, span: _Span, lead: tuple[int, int], tail: tuple[int, int]) -> bool:
    quoted = text[span.start : span.end]
    quoted_words = _first_words(quoted)
    if not quoted_words or _looks_like_title(quoted, quoted_words):
        return False
    if span.continued or span.close_mark is None:
        return True
    lead = (dateline_end(text, lead[0], lead[1]), lead[1])  # "PROVO, Utah — “We were told ...”"
    lead_tokens = words(text, lead[0], lead[1])
    lead_text = text[lead[0] : lead[1]].strip()
    in_speech_position = (
        not lead_tokens
        or lead_text.endswith(":")
        or _INTERVIEW_LABEL.fullmatch(lead_text) is not None
        or (lead_text.endswith(",") and _reports_speech(lead_tokens))
    )
    if in_speech_position and (_ends_spoken_sentence(quoted) or _breaks_after(text, tail)):
        return True
    if span.headline and lead_text.endswith(":"):
        # "Mayor: 'This is not who we are' as arrests top 250", "Leaders: 'Enough is enough'":
        # a headline gives the speaker's own words after the colon, however short
        return True
    if not _is_long_enough(quoted_words):
        return False
    return _reports_speech(lead_tokens) or _calls_something(lead_tokens)


def _first_words(quoted: str) -> list[str]:
    """The words of a quote, as far as the tests of its words look: up to one more than a
    name has (``_looks_like_title``), a partial quote needing fewer (``_is_long_enough``)."""
    return quoted.split(None, _MAX_NAME_WORDS)


def _is_long_enough(quoted_words: list[str]) -> bool:
    """Whether a fragment is long enough to be a partial quote (four words, articles too:
    "the worst of the worst")."""
    return len(quoted_words) >= MIN_PARTIAL_QUOTE_WORDS


def _continues_speech(
    text: str, span: _Span, lead: tuple[int, int], previous: _Span | None, spoken: _Span | None
) -> bool:
    """A second partial quote in the sentence of a quote taken as speech, its speech verb
    standing before the first: 'said the operation targets "the worst of the worst" and
    accused local leaders of "rolling out the red carpet for criminals."'"""
    if previous is None or previous is not spoken or previous.close_mark is None:
        return False
    if lead[0] != previous.close_mark + 1:
        return False  # a new sentence began after the earlier quote
    quoted_words = _first_words(text[span.start : span.end])
    if not _is_long_enough(quoted_words) or _looks_like_title(
        text[span.start : span.end], quoted_words
    ):
        return False
    kinds = _VERB_KINDS
    return not any(kinds[t[0]] & _NAMING for t in words(text, lead[0], lead[1]))


def _looks_like_title(quoted: str, quoted_words: list[str]) -> bool:
    """A name in quotation marks ("Operation Safe City"): capitalised words, no punctuation."""
    if _ends_spoken_sentence(quoted) or len(quoted_words) > _MAX_NAME_WORDS:
        return False
    return quoted_words[0][0].isupper() and all(
        w[0].isupper() or not w[0].isalpha() or w in _TITLE_SMALL_WORDS for w in quoted_words
    )


def _breaks_after(text: str, tail: tuple[int, int]) -> bool:
    """Whether the sentence pauses right after the closing mark (as after a spoken sentence)."""
    rest = text[tail[0] : tail[1]].lstrip()
    return not rest or rest[0] in _BREAK_AFTER_QUOTE


def _reports_speech(tokens: list[Token]) -> bool:
    """Whether the last verb before a quote reports speech rather than names something."""
    speech = _last_speech_verb(tokens)
    if speech is None:
        return False
    kinds = _VERB_KINDS
    return not any(kinds[t[0]] & _NAMING for t in tokens[speech + 1 :])


def _last_speech_verb(tokens: list[Token]) -> int | None:
    """Index of the last speech verb ("said", "according" before "to") among the tokens."""
    kinds = _VERB_KINDS
    for index in range(len(tokens) - 1, -1, -1):
        kind = kinds[tokens[index][0]]
        if not kind:
            continue  # (most words)
        if kind & _SPEECH:
            return index
        if kind & _ACCORDING and index + 1 < len(tokens) and kinds[tokens[index + 1][0]] & _TO:
            return index
    return None


def _calls_something(tokens: list[Token]) -> bool:
    """ "called the operation '...'": an evaluation in the speaker's words, not a label.

    A label follows the verb directly ("what they are calling '...'").
    """
    kinds = _VERB_KINDS
    for index in range(len(tokens) - 1, -1, -1):
        if kinds[tokens[index][0]] & _CALLING:
            return index < len(tokens) - 1 and not _reports_speech(tokens)
    return False


def _first_speech_verb(tokens: list[Token]) -> int | None:
    """Index of the first speech verb among the tokens ("said", "according" before "to")."""
    kinds = _VERB_KINDS
    for index, token in enumerate(tokens):
        kind = kinds[token[0]]
        if not kind:
            continue  # (most words)
        if kind & _ACCORDING:
            if index + 1 < len(tokens) and kinds[tokens[index + 1][0]] & _TO:
                return index
        elif kind & _SPEECH:
            return index
    return None


def _last_index(tokens: list[Token], test) -> int | None:
    return next((i for i in range(len(tokens) - 1, -1, -1) if test(i)), None)


def _attribute(
    text: str,
    span: _Span,
    lead: tuple[int, int],
    tail: tuple[int, int],
    tail_tokens: list[Token],
) -> _Candidate:
    """Read the speaker written after the quote, else the one written before it."""
    candidate = _Candidate(span)
    if span.paragraph < _DATELINE_PARAGRAPHS and text[lead[0] : lead[0] + 2].isupper():
        # "FRESNO, Calif. — A supervisor said ..."
        lead = (dateline_end(text, lead[0], lead[1]), lead[1])
    # a headline's "Label: 'quote'" names a topic as often as a speaker
    found = _after_quote(text, tail, tail_tokens) or _before_quote(
        text, lead, colon=not span.headline
    )
    if found is not None:
        candidate.mention, candidate.rule = found
    return candidate


def _after_quote(
    text: str, tail: tuple[int, int], every: list[Token] | None = None
) -> tuple[Mention, str] | None:
    """“...,” ICE spokesman Bryan Cox said / said Bryan Cox / according to the group."""
    if every is None:
        every = words(text, tail[0], tail[1])
    tokens = every[:MAX_ATTRIBUTION_WORDS]
    verb = _first_speech_verb(tokens)
    if verb is None:
        verb = _verb_after_appositive(text, every)
        if verb is None:
            return None
        tokens = every
    if _VERB_KINDS[tokens[verb][0]] & _ACCORDING:
        mention = read_object(text, tokens[verb + 1][2], tail[1], every[verb + 2 :])
        return _with_rule(mention, "according-to")
    if verb > 0:
        subject = read_subject(text, tail[0], tokens[verb][1], every[:verb])
        return _with_rule(subject, "quote-name-said")
    return _with_rule(read_object(text, tokens[verb][2], tail[1], every[1:]), "quote-said-name")


def _verb_after_appositive(text: str, tokens: list[Token]) -> int | None:
    """A speech verb closing a long appositive: "..., Sen. Walter Briggs, a Republican
    from Mesa and a retired agent who served for 26 years along the line, said."

    The verb must follow the comma that ends the appositive, and the name must open it.
    """
    limit = min(len(tokens), _MAX_APPOSITIVE_ATTRIBUTION_WORDS)
    for index in range(MAX_ATTRIBUTION_WORDS, limit):
        if _VERB_KINDS[tokens[index][0]] & _SPEECH:  # ("according" is none)
            between = text[tokens[index - 1][2] : tokens[index][1]]
            first_comma = text.find(",", tokens[0][2], tokens[index][1])
            if (
                between.strip() == ","
                and 0 <= first_comma < tokens[min(_MAX_NAME_WORDS, index - 1)][1]
            ):
                return index
            return None
    return None


def _before_quote(
    text: str, lead: tuple[int, int], *, colon: bool = True
) -> tuple[Mention, str] | None:
    """Marin said: “...” / He added: “...” / ICE officials denied they were “...”."""
    tokens = words(text, lead[0], lead[1])
    verb = _last_speech_verb(tokens)
    if verb is None and _calls_something(tokens):
        verb = _last_index(tokens, lambda i: _VERB_KINDS[tokens[i][0]] & _CALLING)
    if verb is None:
        if colon and tokens and text[lead[0] : lead[1]].rstrip().endswith(":"):
            return _with_rule(_introducing_subject(text, lead, tokens), "name-colon-quote")
        return None
    if _VERB_KINDS[tokens[verb][0]] & _ACCORDING:
        mention = read_object(text, tokens[verb + 1][2], lead[1], tokens[verb + 2 :])
        return _with_rule(mention, "according-to")
    subject = read_subject(text, lead[0], tokens[verb][1], tokens[:verb])
    return _with_rule(subject, "name-said-quote")


def _introducing_subject(text: str, lead: tuple[int, int], tokens: list[Token]) -> Mention | None:
    """The subject of a sentence that introduces a quote without a speech verb.

    "Bastien put it bluntly: “...”", "He described the second visit this way: “...”",
    and the speaker labels of a transcript ("Costa: “...”").
    """
    start = dateline_end(text, lead[0], lead[1])
    tokens = [t for t in tokens if t[1] >= start]
    if not tokens:
        return None
    first = tokens[0][0].lower()
    if first in _SUBJECT_PRONOUNS:
        return read_subject(text, start, tokens[0][2])
    if len(tokens) == 1 and _is_interviewer_label(text, tokens[0]):
        return None
    for mention in find_mentions(text, start, lead[1]):
        if mention.kind in (PERSON, ORGANIZATION):
            if len(words(text, start, mention.start)) > _MAX_SUBJECT_OFFSET:
                return None
            if mention.kind == PERSON and " " in mention.name:
                mention.certain = True  # a full name opening the sentence is its subject
            return mention
    return None


_INTERVIEWER_LABELS: Final = frozenset({"REPORTER", "INTERVIEWER", "HOST", "MODERATOR", "Q"})


def _is_interviewer_label(text: str, label: Token) -> bool:
    """Whether a transcript label is the interviewer's: "REPORTER:", or the publication
    the article said the interview was with ("talked with the Record" ... "RECORD:")."""
    word = label[0]
    if word in _INTERVIEWER_LABELS:
        return True
    if not word.isupper() or len(word) < 3:
        return False
    return f"the {word.title()}" in text[: label[1]]


def _with_rule(mention: Mention | None, rule: str) -> tuple[Mention, str] | None:
    if mention is None:
        return None
    if mention.kind == PRONOUN:
        return mention, "pronoun"
    if mention.kind == REFERENCE:
        return mention, "reference"
    return mention, rule


# ----------------------------------------------------------------------------
# Entities


def _resolve_mentions(
    article: _Article, candidates: list[_Candidate]
) -> dict[int, tuple[Mention, Entity]]:
    """Resolve every mention in article order; attributions win over plain mentions.

    Returns, per paragraph, the last person named outside quotes, with the mention.
    """
    attributions = {id(c.mention): c for c in candidates if c.mention is not None}
    attributed: list[Mention] = []
    for candidate in attributions.values():
        mention = candidate.mention
        assert mention is not None
        mention.subject = True  # the subject of its speech verb, "said" or not
        _first_name_speaker(mention)
        attributed.append(mention)
    spans = sorted((m.start, m.end) for m in attributed)
    taken = ([s for s, _ in spans], [e for _, e in spans])  # their starts, their ends
    mentions = attributed.copy()
    deferred: list = []  # lone words that only a full name elsewhere can make a name
    text = article.text
    taken_starts, taken_ends = taken
    for start, end in article.outside_quotes():
        # (", she said." names nobody: without a capital letter, "the" or "a", "one" ...,
        # find_mentions reads no run and no description, as fast as a search for them)
        start = dateline_end(text, start, end)
        for mention in find_mentions(text, start, end, taken, deferred):
            # not when it overlaps an attribution (the taken spans do not overlap)
            index = bisect_left(taken_starts, mention.end)
            if not index or taken_ends[index - 1] <= mention.start:
                mentions.append(mention)
    vocabulary = _name_vocabulary(mentions)
    mentions.extend(read_deferred(text, deferred, vocabulary))
    mentions = [  # a lone uncertain word only when some name has the word
        m
        for m in mentions
        if m.certain or m.kind != PERSON or " " in m.name or m.name.lower() in vocabulary
    ]
    mentions.sort(key=_START)
    sentences = article.sentences
    for mention in mentions:
        mention.sentence = bisect_right(sentences, mention.start) - 1

    book = EntityBook()
    introduced: dict[int, tuple[Mention, Entity]] = {}
    first_seen: dict[Entity, int] = {}  # each person, at the start of its first mention
    waiting: list[_Candidate] = []  # "the principal said" before the principal is named
    documents: list[_Candidate] = []  # "the lawsuit says"
    authors: list[tuple[int, str, Entity]] = []  # (position, document group, author)
    quotes_documents = any(m.kind == REFERENCE and m.name in DOCUMENT_GROUPS for m in attributed)
    for mention in mentions:
        entity = book.resolve(mention)
        attribution = attributions.get(id(mention))
        if (
            quotes_documents
            and entity is not None
            and (
                mention.kind in (PERSON, ORGANIZATION)
                or (mention.kind == REFERENCE and entity.kind == ORGANIZATION)
            )
        ):
            author = entity.speaks_for or entity  # "A CBP spokesperson said in a statement"
            group = document_authored(article.text, mention) if author.named else None
            if group is not None:
                authors.append((mention.start, group, author))
        if attribution is not None:
            attribution.entity = entity
            if mention.kind == REFERENCE and mention.name in DOCUMENT_GROUPS:
                documents.append(attribution)
            elif entity is None and mention.kind == REFERENCE:
                waiting.append(attribution)
        elif (
            entity is not None
            and entity.kind == PERSON
            and (mention.certain or (mention.subject and entity.named))
        ):
            # a name, or a known person's surname opening a clause ("Olson says she ...")
            introduced[article.paragraph_of(mention.start)] = (mention, entity)
        if entity is not None and entity.kind == PERSON and entity.named:
            first_seen.setdefault(entity, mention.start)
    for candidate in waiting:
        _named_later(article, candidate, first_seen)
    for candidate in documents:
        _document_author(article, candidate, authors, book)
    return introduced


def _name_vocabulary(mentions: list[Mention]) -> set[str]:
    """The lower-cased words of the names of the article, lone uncertain words aside.

    A lone capitalised word can only stand for a person or organisation the article names
    in full somewhere ("Olson" for "Jenna Olson"); one that no name contains resolves to
    nobody, so reading it would change nothing.
    """
    vocabulary: set[str] = set()
    for mention in mentions:
        if mention.certain or mention.kind != PERSON or " " in mention.name:  # no lone word
            vocabulary.update(lower_words(mention.name))  # (kept per name)
            if mention.affiliation:
                vocabulary.update(lower_words(mention.affiliation))
    return vocabulary


# "the complaint, which the collective filed": a document's author in a relative clause.
_FILED_BY_RELATIVE: Final = re.compile(
    r"\b(" + "|".join(DOCUMENT_GROUPS) + r"),\s+(?:which|that)\s+the\s+([a-z]+)\s+"
    r"(?:had\s+|has\s+)?(?:filed|released|issued|published|wrote|sent|signed|brought)\b"
)


def _document_author(
    article: _Article,
    candidate: _Candidate,
    authors: list[tuple[int, str, Entity]],
    book: EntityBook,
) -> None:
    """A document quoted as the speaker ("the lawsuit says") speaks for the author the
    article gave it up to the quote's paragraph ("The lawsuit, filed by the ACLU")."""
    assert candidate.mention is not None
    group = DOCUMENT_GROUPS[candidate.mention.name]
    paragraph = candidate.span.paragraph
    limit = article.paragraphs[paragraph][1]
    for match in _FILED_BY_RELATIVE.finditer(article.text, 0, limit):
        # "the complaint, which the collective filed in August"
        if DOCUMENT_GROUPS[match[1].lower()] == group:
            author = book.organisation_called(match[2].lower())
            if author is not None:
                authors.append((match.start(2), group, author))
    found = [entity for position, kind, entity in authors if kind == group and position < limit]
    if found:
        candidate.entity = found[-1]
        return
    # "“...,” the complaint says. / Green Oak Landscaping ... filed the suit": named next
    following = article.paragraphs[min(paragraph + 1, len(article.paragraphs) - 1)][1]
    found = [
        e
        for position, kind, e in authors
        if kind == group and position < following and e.kind == ORGANIZATION
    ]
    if found:
        candidate.entity = found[0]


_MAX_PARAGRAPHS_TO_NAMING: Final = 2
_START: Final = attrgetter("start")


def _named_later(article: _Article, candidate: _Candidate, first_seen: dict[Entity, int]) -> None:
    """A role noun met before anyone has that role ("the principal said") is the person
    of that role the next paragraphs introduce ("Principal Dorothy Keene")."""
    mention = candidate.mention
    assert mention is not None
    limit = article.paragraph_of(mention.start) + _MAX_PARAGRAPHS_TO_NAMING
    for entity, position in first_seen.items():
        if position <= mention.start or article.paragraph_of(position) > limit:
            continue
        if reference_fits(mention.name, entity):
            candidate.entity = entity
            candidate.rule = "reference-named-later"
            return


def _first_name_speaker(mention: Mention) -> None:
    """A lone first name attributing a quote ("Felipe said", "said Rigoberto, 51,") is a
    person the article names by first name only (children, people who withheld their
    surname); a known person of that first name still takes precedence."""
    if (
        mention.kind == PERSON
        and not mention.certain
        and " " not in mention.name
        and is_first_name(mention.name)
        and not is_place_name(mention.name)
    ):
        mention.certain = True


# ----------------------------------------------------------------------------
# Speakers carried over from neighbouring quotes


def _carry_over(
    article: _Article,
    candidates: list[_Candidate],
    introduced: dict[int, tuple[Mention, Entity]],
) -> None:
    """Give unattributed quotes the speaker their neighbours establish.

    Runs in article order, so a speaker carries on through a chain of
    unattributed paragraphs.
    """
    by_paragraph: dict[int, list[_Candidate]] = {}
    for candidate in candidates:
        by_paragraph.setdefault(candidate.span.paragraph, []).append(candidate)
    _share_within_multi_paragraph_quotes(candidates)
    for same in by_paragraph.values():
        _share_within_paragraph(same)
    quote_only = _quote_only_paragraphs(article)
    interview = _InterviewLabels.read(article)
    interviewing = False  # a quoted answer has followed a question: the article is a Q&A
    for candidate in candidates:
        if interview.label(candidate) == "A":
            interview.answer(candidate, introduced)
        if candidate.entity is not None:
            continue
        paragraph = candidate.span.paragraph
        previous = by_paragraph.get(paragraph - 1, [None])[-1]
        if (
            paragraph in quote_only
            and previous is None
            and (
                _is_question(article, paragraph - 1)
                # "The agency said it arrested 35. That seems small.": in a Q&A, a prompt
                # need not end in a question mark
                or (interviewing and _is_prompt(article, paragraph - 1, introduced))
            )
        ):
            _answer(candidate, by_paragraph.get(paragraph - 2, [None])[-1], introduced)
            interviewing = interviewing or not _unresolved(candidate)
        elif previous is None or previous.entity is None:
            if paragraph in quote_only and previous is None and paragraph - 1 in introduced:
                candidate.mention, candidate.entity = introduced[paragraph - 1]
                candidate.rule = "introduced-speaker"
        elif candidate.span.continued:
            _inherit(candidate, previous, "multi-paragraph")
        elif paragraph in quote_only:
            _inherit(candidate, previous, "continuation-paragraph")
    _share_back_through_quote_runs(candidates, by_paragraph, quote_only)


# "Q: ..." and "A: ..." labels of a transcript-style interview.
_INTERVIEW_LABEL: Final = re.compile(r"(Q|A|Question|Answer)\s*[:.]\s*")


@dataclass(slots=True)
class _InterviewLabels:
    """The Q and A labels opening an interview's paragraphs, and the answers met so far."""

    text: str
    paragraphs: list[tuple[int, int]]
    first_question: int | None
    last_answer: _Candidate | None = None

    @classmethod
    def read(cls, article: _Article) -> _InterviewLabels:
        text = article.text
        first = None
        if "Q" in text:  # (a "Q" label needs the letter somewhere)
            first = next(
                (
                    number
                    for number, (start, end) in enumerate(article.paragraphs)
                    # (a "Q" label opens with the letter: other paragraphs are told at once)
                    if text[start] == "Q"
                    and (match := _INTERVIEW_LABEL.match(text, start, end))
                    and match.group(1)[0] == "Q"
                ),
                None,
            )
        return cls(text, article.paragraphs, first)

    def label(self, candidate: _Candidate) -> str | None:
        """ "Q" or "A" when the quote's paragraph opens with that label right before it."""
        if self.first_question is None or candidate.span.paragraph < self.first_question:
            return None
        start = self.paragraphs[candidate.span.paragraph][0]
        match = _INTERVIEW_LABEL.match(self.text, start, candidate.span.open_mark)
        if match is None or match.end() != candidate.span.open_mark:
            return None
        return match.group(1)[0]

    def answer(self, candidate: _Candidate, introduced: dict[int, tuple[Mention, Entity]]) -> None:
        """An "A:" quote is the interviewee's: whoever gave the last answer, or the
        person the paragraphs before the first question introduced."""
        if candidate.entity is not None:
            self.last_answer = candidate
        elif self.last_answer is not None:
            _inherit(candidate, self.last_answer, "interview-answer")
        else:
            first_question = self.first_question
            assert first_question is not None  # (``label`` gave "A" only after a question)
            before = [p for p in introduced if p < first_question]
            if before:
                candidate.mention, candidate.entity = introduced[max(before)]
                candidate.rule = "introduced-speaker"
                self.last_answer = candidate


# Rules of a speaker the text gives after a quote-only paragraph, in the paragraph next to it.
_SOURCED_AFTER: Final = frozenset(
    {"next-sentence", "attribution-next-paragraph", "quote-run-source"}
)


def _share_back_through_quote_runs(
    candidates: list[_Candidate],
    by_paragraph: dict[int, list[_Candidate]],
    quote_only: set[int],
) -> None:
    """Quote-only paragraphs opening a run whose last quote is sourced by the text after
    it ("“...” / “...” / “...” / That is how Carmen Ybarra describes ...") are hers too."""
    for candidate in reversed(candidates):
        paragraph = candidate.span.paragraph
        if candidate.entity is not None or paragraph not in quote_only:
            continue
        following = by_paragraph.get(paragraph + 1, [None])[0]
        if (
            following is not None
            and following.entity is not None
            and following.span.paragraph in quote_only
            and following.rule in _SOURCED_AFTER
        ):
            for same in by_paragraph[paragraph]:
                if same.entity is None:
                    _inherit(same, following, "quote-run-source")


def _is_question(article: _Article, paragraph: int) -> bool:
    """Whether a paragraph is an interviewer's question: short, unquoted, ending in "?"."""
    if paragraph < 0 or article.spans[paragraph]:
        return False
    start, end = article.paragraphs[paragraph]
    return (
        article.text[end - 1] == "?" and len(words(article.text, start, end)) <= _MAX_QUESTION_WORDS
    )


def _is_prompt(
    article: _Article, paragraph: int, introduced: dict[int, tuple[Mention, Entity]]
) -> bool:
    """Whether a paragraph may be an interviewer's prompt: short, unquoted, naming nobody."""
    if paragraph < 0 or article.spans[paragraph] or paragraph in introduced:
        return False
    start, end = article.paragraphs[paragraph]
    return len(words(article.text, start, end)) <= _MAX_QUESTION_WORDS


def _answer(
    candidate: _Candidate,
    before_question: _Candidate | None,
    introduced: dict[int, tuple[Mention, Entity]],
) -> None:
    """A quoted answer after a question is the interviewee's: the one who answered the
    previous question, or the person the paragraph before the first question named."""
    if before_question is not None and before_question.entity is not None:
        _inherit(candidate, before_question, "interview-answer")
        return
    paragraph = candidate.span.paragraph - 2
    if before_question is None and paragraph in introduced:
        candidate.mention, candidate.entity = introduced[paragraph]
        candidate.rule = "introduced-speaker"


def _share_within_multi_paragraph_quotes(candidates: list[_Candidate]) -> None:
    """The parts of a quote running over several paragraphs share any part's attribution."""
    groups: list[list[_Candidate]] = []
    for candidate in candidates:
        if candidate.span.continued and groups:
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    for group in groups:
        if len(group) < 2:
            continue  # (a quote of one paragraph: nothing to share)
        source = next((c for c in group if c.entity is not None), None)
        for candidate in group:
            if source is not None and candidate.entity is None:
                _inherit(candidate, source, "multi-paragraph")


def _share_within_paragraph(same: list[_Candidate]) -> None:
    """A quote without attribution shares the nearest attributed quote of its paragraph.

    The nearest one before it, or else the first one after it.
    """
    if len(same) < 2:
        return  # (the only quote of its paragraph)
    first = next((c for c in same if c.entity is not None), None)
    last = None
    for candidate in same:
        if candidate.entity is not None:
            last = candidate
        elif (source := last or first) is not None:
            _inherit(candidate, source, "same-paragraph")


def _quote_only_paragraphs(article: _Article) -> set[int]:
    """Paragraphs with no words outside their quotation marks."""
    text = article.text
    with_words = {
        number
        for (start, end), number in zip(
            article.outside_quotes(), article.outside_paragraphs(), strict=True
        )
        if text[start].isalnum() or _WORD_CHAR.search(text, start, end)
    }
    quoted = {number for number, spans in enumerate(article.spans) if spans}
    return quoted - with_words


def _share_with_headlines(article: _Article, candidates: list[_Candidate]) -> None:
    """A headline quote the body repeats has the speaker the body gives it: one in single
    marks, or one in double marks in the title line (“We didn’t open the door”: ...)."""
    text = article.text
    waiting = [c for c in candidates if c.span.headline and c.entity is None]
    if article.spans and article.spans[0]:
        start, end = article.paragraphs[0]
        if _is_headline(text, start, end):
            waiting += [
                c
                for c in candidates
                if c.span.paragraph == 0
                and not c.span.headline
                and c.entity is None
                # (the body must hold its words as written: a cheap test before folding)
                and text.find(text[c.span.start : c.span.end].rstrip(_BREAK_AFTER_QUOTE), end) >= 0
            ]
    if not waiting:
        return
    heads = {id(c) for c in waiting} | {id(c) for c in candidates if c.span.headline}
    # only a body quote with a speaker can be a source: only those are folded, each once
    # (no waiting quote is in the body, so no speaker of the body changes in the loop)
    body = [c for c in candidates if id(c) not in heads and c.entity is not None]
    folded: dict[int, str] = {}
    for candidate in waiting:
        key = _folded(text, candidate.span)
        if not key.strip():
            continue
        for source in body:
            words_ = folded.get(id(source))
            if words_ is None:
                words_ = folded[id(source)] = _folded(text, source.span)
            if key in words_:
                _inherit(candidate, source, "headline-repeated")
                break


def _folded(text: str, span: _Span) -> str:
    """The quote's words, lower-cased and space-padded, for comparing repeated quotes."""
    return " " + " ".join(_WORD_RUN.findall(text[span.start : span.end].casefold())) + " "


def _inherit(candidate: _Candidate, source: _Candidate, rule: str) -> None:
    candidate.entity = source.entity
    candidate.mention = source.mention
    candidate.source = source
    candidate.rule = rule


# ----------------------------------------------------------------------------
# Records


def _record(text: str, candidate: _Candidate) -> Quote:
    span = candidate.span
    quote = Quote(text=text[span.start : span.end], start=span.start, end=span.end)
    entity, mention = candidate.entity, candidate.mention
    if entity is None:
        quote.rule = "unattributed"
        quote.confidence = _UNATTRIBUTED_CONFIDENCE
        return quote
    if entity.speaks_for is not None:
        entity = entity.speaks_for  # "an ICE official, who ..., said" speaks for ICE
    quote.speaker = entity.name if entity.named else None  # "a foreman" names nobody
    quote.speaker_kind = entity.kind
    quote.speaker_role = entity.role
    quote.speaker_affiliation = entity.affiliation
    if entity.kind == ORGANIZATION and mention is not None:
        quote.speaker_role = mention.role
    if mention is not None:
        quote.mention_text = text[mention.start : mention.end]
        quote.mention_start = mention.start
        quote.mention_end = mention.end
    quote.rule = candidate.rule
    quote.confidence = _confidence(candidate)
    return quote


def _confidence(candidate: _Candidate) -> float:
    if candidate.source is not None:
        return round(_INHERITED_CONFIDENCE[candidate.rule] * _confidence(candidate.source), 2)
    if candidate.rule == "introduced-speaker":
        return _INHERITED_CONFIDENCE[candidate.rule]
    if candidate.rule == "pronoun":
        assert candidate.mention is not None and candidate.entity is not None
        gendered = candidate.mention.gender is not None and candidate.entity.gender is not None
        return _PRONOUN_CONFIDENCE if gendered else _PRONOUN_ANY_GENDER_CONFIDENCE
    return _CONFIDENCE[candidate.rule]
