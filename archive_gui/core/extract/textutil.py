"""Paragraph, sentence and word helpers that keep article offsets.

Everything returns spans into the original text, so records built from them
can always be checked with ``text[start:end]``.
"""

from __future__ import annotations

import codecs
import re
import threading
from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import itemgetter
from typing import Final

from archive_gui.core.extract.names_data import ABBREVIATIONS

OPEN_QUOTE: Final = "“"
CLOSE_QUOTE: Final = "”"
STRAIGHT_QUOTE: Final = '"'
QUOTE_MARKS: Final = OPEN_QUOTE + CLOSE_QUOTE + STRAIGHT_QUOTE


# A word and its span in the article: ``(text, start, end)``. A plain tuple, which is
# built and indexed much faster than a named tuple's attributes are read.
Token = tuple[str, int, int]


# Dotted abbreviations ("U.S.") are one token; words keep inner apostrophes and hyphens.
_WORD: Final = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[’'\-]\w+)*")
# The same words, read faster over a whole text: the first character is shared by both
# alternatives (a dotted abbreviation starts with a letter), and the word is captured
# so that ``split`` returns the words between the stretches of text around them.
# Possessive quantifiers: a word never gives characters back, so nothing is retried.
# The full stop comes before the look-behind at the letter, so that the branch is
# left at once (a literal test) after nearly every first character.
_WORD_SPLIT: Final = re.compile(r"(\w(?:\.(?<=[^\W\d_]\.)(?:[^\W\d_]\.)+|\w*+(?:[’'\-]\w++)*+))")
# ``_WORD_SPLIT`` for a text whose characters beyond ASCII were each replaced by an ASCII
# one of the same kind for it (``_ascii_for_words``): ASCII classes are told by a bitmap,
# where Unicode ones take several calls a character. (On ASCII, ``\w`` is [0-9A-Z_a-z]
# and ``[^\W\d_]`` is [A-Za-z].)
_WORD_SPLIT_ASCII: Final = re.compile(
    r"([0-9A-Z_a-z](?:\.(?<=[A-Za-z]\.)(?:[A-Za-z]\.)+|[0-9A-Z_a-z]*+(?:['\-][0-9A-Z_a-z]++)*+))"
)
_BLANK_LINE: Final = re.compile(r"\n[ \t]*\n")
_LINE_BREAK: Final = re.compile(r"\n")
# One mark first, so that the search skips to the next mark as a charset (about twice as
# fast as a leading repeat); possessive, as giving marks back never lets a match succeed.
_SENTENCE_END: Final = re.compile(r"[.?!][.?!]*+[”\"’)]*+\s+")
# ``_SENTENCE_END`` in a paragraph without "?" or "!": led by a literal, which the engine
# scans for with a plain character comparison instead of testing a class at each one.
_SENTENCE_END_DOT: Final = re.compile(r"\.[.?!]*+[”\"’)]*+\s+")
# "ST. LOUIS —", "NEWARK, N.J. (AP) —", "OAKLAND, Calif. (Reuters) -" opening a paragraph.
_DATELINE: Final = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z.](?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"(?:\s+\([^)\n]{1,30}\))?\s+[—–-]{1,2}\s"
)


def words(text: str, start: int, end: int) -> list[Token]:
    """The words of ``text[start:end]`` with their article offsets, as ``(text, start, end)``.

    The words of the whole text are read once (for the last text asked about) and
    sliced: where no word of the whole text straddles ``start`` or ``end``, the slice
    is exactly what reading ``text[start:end]`` alone gives.
    """
    # The cache is used unless a word straddles either end or the range reaches into a
    # stretch the cache left unread: the range is then read on its own. (Written out in
    # both functions: they are called for nearly every stretch of text.)
    cached = _word_cache
    if cached[0] is not text:
        cached = _read_words(text)
    _, tokens, starts, ends, _texts, unread = cached
    if unread:
        # ``unread`` alternates the starts and ends of the stretches left unread
        index = bisect_right(unread, start)
        if index & 1 or (index < len(unread) and unread[index] < end):
            return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    first = bisect_left(starts, start)
    last = bisect_left(starts, end, first)
    if (first and ends[first - 1] > start) or (last > first and ends[last - 1] > end):
        return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    return tokens[first:last]


def words_and_texts(text: str, start: int, end: int) -> tuple[list[Token], list[str]]:
    """``words(text, start, end)`` and the words' texts (``[t[0] for t in tokens]``),
    the texts sliced from a list kept with the cached words."""
    # (what ``words`` does, written out)
    cached = _word_cache
    if cached[0] is not text:
        cached = _read_words(text)
    _, tokens, starts, ends, texts, unread = cached
    if unread:
        index = bisect_right(unread, start)
        if index & 1 or (index < len(unread) and unread[index] < end):
            found = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
            return found, [t[0] for t in found]
    first = bisect_left(starts, start)
    last = bisect_left(starts, end, first)
    if (first and ends[first - 1] > start) or (last > first and ends[last - 1] > end):
        found = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
        return found, [t[0] for t in found]
    return tokens[first:last], texts[first:last]


def read_words_except(text: str, unread: list[tuple[int, int]]) -> None:
    """Read the words of ``text`` into the cache, but for the sorted, non-overlapping
    ``unread`` stretches (quotations, whose words nobody asks for): reading is most of
    the cost of the words, and ``words()`` reads any range touching them on its own.

    Nothing changes when the cache holds ``text`` already.
    """
    if _word_cache[0] is text:
        return
    pieces = []
    position = 0
    for start, end in unread:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))  # no word: offsets stay those of the text
        position = end
    pieces.append(text[position:])
    # outside the unread stretches the words are those of the text: a range of it has the
    # same words as the same range of the blanked text (and a word straddling a range's
    # end in one straddles it in both, as they agree on the range)
    _read_words(text, "".join(pieces), [b for u in unread if u[1] > u[0] for b in u])


def _read_words(
    text: str, blanked: str | None = None, unread: list[int] | None = None
) -> tuple[str, list[Token], list[int], list[int], list[str], list[int]]:
    """Read the words of ``text`` (or of ``blanked``, the text with stretches left
    unread, their starts and ends alternating in ``unread``) into the cache."""
    source = text if blanked is None else blanked
    spots: list[int] = []
    if not source.isascii():
        source = _ascii_for_words(source, spots)
    # the words and the text between them alternate; offsets are running lengths
    parts = _WORD_SPLIT_ASCII.split(source)
    offsets = list(accumulate(map(len, parts), initial=0))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    texts = parts[1::2]
    for spot in spots:
        # a word holding a character that was replaced: its text is read from the text
        index = bisect_right(starts, spot) - 1
        if index >= 0 and spot < ends[index]:
            texts[index] = text[starts[index] : ends[index]]
    tokens = list(zip(texts, starts, ends, strict=True))
    cached = (text, tokens, starts, ends, texts, unread or [])
    _set_word_cache(cached)
    return cached


def _ascii_for_words(text: str, spots: list[int]) -> str:
    """``text`` with each character beyond ASCII replaced by an ASCII character that the
    words' pattern treats alike (``_WORD_CLASSES``), and the positions of those replaced
    by a word's character (a letter, a digit, "’") added to ``spots``, in order."""
    # The marks most articles hold beyond ASCII are replaced first, each by one C-level
    # ``str.replace``: the codec calls its Python handler for every run of characters
    # beyond ASCII, some fifty times an article.
    if "’" in text:  # (a word's character: its positions are spots)
        position = text.find("’")
        while position >= 0:
            spots.append(position)
            position = text.find("’", position + 1)
        text = text.replace("’", "'")
    for mark in _MARKS_BEYOND_ASCII:
        text = text.replace(mark, " ")
    if text.isascii():
        return text
    _REPLACED.spots = spots
    try:
        return text.encode("ascii", _ASCII_FOR_WORDS).decode("ascii")
    finally:
        _REPLACED.spots = None


# Characters beyond ASCII frequent in articles that are no part of a word (their stand-in
# is a space): curly double quotes and dashes.
_MARKS_BEYOND_ASCII: Final = ("“", "”", "—", "–")


class _WordClasses(dict):
    """The ASCII stand-in of a character beyond ASCII for ``_WORD_SPLIT``, kept per
    character: "0" for a digit (``\\d``), "a" for any other word character (``\\w``, a
    letter for ``[^\\W\\d_]``), "'" for "’" (which may join the parts of a word), and a
    space for any other character (which can be no part of a word)."""

    def __missing__(self, char: str) -> str:
        if len(self) > 50_000:
            self.clear()  # (a bound on memory)
        if char == "’":
            stand_in = "'"
        elif char.isdecimal():
            stand_in = "0"
        elif char.isalnum():
            stand_in = "a"
        else:
            stand_in = " "
        self[char] = stand_in
        return stand_in


_WORD_CLASSES: Final = _WordClasses()
# The positions list of the text being replaced, per thread (the handler below is global).
_REPLACED: Final = threading.local()


def _replace_for_words(error: UnicodeEncodeError) -> tuple[str, int]:
    """The codec error handler of ``_ascii_for_words``: a run of characters beyond ASCII."""
    start = error.start
    replacement = "".join(map(_WORD_CLASSES.__getitem__, error.object[start : error.end]))
    if replacement != " " * len(replacement):
        _REPLACED.spots.extend(
            start + offset for offset, stand_in in enumerate(replacement) if stand_in != " "
        )
    return replacement, error.end


_ASCII_FOR_WORDS: Final = "archive_gui.ascii_for_words"
# (the handler is only ever given encoding errors: ``_ascii_for_words`` only encodes)
codecs.register_error(_ASCII_FOR_WORDS, _replace_for_words)  # type: ignore[arg-type]


_word_cache: tuple[str | None, list[Token], list[int], list[int], list[str], list[int]] = (
    None,
    [],
    [],
    [],
    [],
    [],
)


def _set_word_cache(
    cached: tuple[str | None, list[Token], list[int], list[int], list[str], list[int]],
) -> None:
    global _word_cache
    _word_cache = cached


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``, without surrounding whitespace.

    Paragraphs are separated by blank lines; a text without any blank line is
    taken to put one paragraph on each line.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans = []
    position = 0
    for match in separator.finditer(text):
        start = match.start()
        if position < start and not text[position].isspace() and not text[start - 1].isspace():
            spans.append((position, start))  # (nothing to strip: most paragraphs)
        else:
            _add_stripped(text, position, start, spans)
        position = match.end()
    _add_stripped(text, position, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Add the span of ``text[start:end]`` without surrounding whitespace, if not empty."""
    piece = text[start:end]
    if piece and not piece[0].isspace() and not piece[-1].isspace():
        spans.append((start, end))  # (nothing to strip: most paragraphs)
        return
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(stripped)))


_NO_OPENS: Final[list[int]] = []  # (never changed)


def sentence_starts(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[int]:
    """Offsets where the sentences of the paragraph ``text[start:end]`` begin.

    ``quoted`` lists the (open mark, close mark) positions of the paragraph's
    quotes, in order: a full stop inside a quote ends the sentence only when it is the
    last thing inside the marks.
    """
    starts = [start]
    opens: list[int] = list(map(_OPEN_MARK, quoted)) if quoted else _NO_OPENS
    find = text.find
    dot_only = find("?", start, end) < 0 and find("!", start, end) < 0
    ends = _SENTENCE_END_DOT if dot_only else _SENTENCE_END
    for match in ends.finditer(text, start, end):
        following = match.end()
        if following >= end:
            continue
        char = text[following]  # (what _can_start_sentence tests)
        if not (char.isupper() or char.isdigit() or char in QUOTE_MARKS):
            continue
        if (opens and _inside_quote(match, quoted, opens)) or _is_abbreviation(text, match.start()):
            continue
        starts.append(following)
    return starts


_OPEN_MARK: Final = itemgetter(0)


def _can_start_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in QUOTE_MARKS


def _inside_quote(match: re.Match[str], quoted: list[tuple[int, int]], opens: list[int]) -> bool:
    """Whether the sentence end lies within a quote rather than at its end."""
    index = bisect_left(opens, match.start()) - 1
    if index < 0 or match.start() >= quoted[index][1]:
        return False
    return not match.start() < quoted[index][1] < match.end()


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    # abbreviations are short: read at most one letter more than the longest
    lowest = max(0, dot - _LONGEST_ABBREVIATION - 1)
    word = text[lowest:dot]
    if word.isalpha():  # (most often a longer word: no need to find where it starts)
        return word in ABBREVIATIONS or (len(word) == 1 and word.isupper())
    word_start = dot
    while word_start > lowest and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:dot]
    return word in ABBREVIATIONS or (len(word) == 1 and word.isupper())


_LONGEST_ABBREVIATION: Final = max(map(len, ABBREVIATIONS))


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the text after a dateline opening ``text[start:end]`` begins (``start`` if none).

    The upper-case place of a dateline ("ST. LOUIS") is not an organisation's acronym.
    """
    # (a dateline opens with two of its capitals or marks: most text is told at once)
    if (
        end - start < 5
        or text[start] not in _ASCII_CAPITALS
        or text[start + 1] not in _DATELINE_SECOND
    ):
        return start
    match = _DATELINE.match(text, start, end)
    return match.end() if match else start


_ASCII_CAPITALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# What the second character of a dateline may be (``[A-Z.'’ -]``).
_DATELINE_SECOND: Final = _ASCII_CAPITALS | frozenset(".'’ -")
