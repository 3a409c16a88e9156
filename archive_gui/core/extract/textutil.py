"""Paragraph, sentence and word helpers that keep article offsets.

Everything returns spans into the original text, so records built from them
can always be checked with ``text[start:end]``.
"""

from __future__ import annotations

import codecs
import re
import threading
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING, Final

from archive_gui.core.extract.names_data import ABBREVIATIONS
from archive_gui.core.extract.regex_trie import COMPILED

if TYPE_CHECKING:  # (mypyc's native 64-bit int: only local variables are annotated with it,
    # annotations never evaluated, so that the pure Python modules run without the package)
    from mypy_extensions import i64

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
# One mark first, so that the search skips to the next mark as a charset (about twice as
# fast as a leading repeat); possessive, as giving marks back never lets a match succeed.
_SENTENCE_END: Final = re.compile(r"[.?!][.?!]*+[”\"’)]*+\s+")
# "ST. LOUIS —", "NEWARK, N.J. (AP) —", "OAKLAND, Calif. (Reuters) -" opening a paragraph.
_DATELINE: Final = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z.](?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"(?:\s+\([^)\n]{1,30}\))?\s+[—–-]{1,2}\s"
)


def bisect_left(values: list[int], value: int, low: int = 0) -> int:
    """``bisect.bisect_left`` for a sorted list of ints: compiled, the ints are compared
    natively, where the ``bisect`` module compares objects."""
    high = len(values)
    while low < high:
        middle = (low + high) >> 1
        if values[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low


def bisect_right(values: list[int], value: int, low: int = 0) -> int:
    """``bisect.bisect_right`` for a sorted list of ints (compiled, as ``bisect_left``)."""
    high = len(values)
    while low < high:
        middle = (low + high) >> 1
        if value < values[middle]:
            high = middle
        else:
            low = middle + 1
    return low


def first_token_from(tokens: list[Token], position: int) -> int:
    """The index of the first of the tokens starting at or after ``position``
    (``bisect_left`` on their starts)."""
    low = 0
    high = len(tokens)
    while low < high:
        middle = (low + high) >> 1
        if tokens[middle][1] < position:
            low = middle + 1
        else:
            high = middle
    return low


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
    # outside the unread stretches the words are those of the text: a range of it has the
    # same words as the same range of the text with the stretches blanked (and a word
    # straddling a range's end in one straddles it in both, as they agree on the range)
    _read_words(text, [b for u in unread if u[1] > u[0] for b in u])


def _read_words(
    text: str, unread: list[int] | None = None
) -> tuple[str, list[Token], list[int], list[int], list[str], list[int]]:
    """Read the words of ``text`` (but for the stretches whose starts and ends alternate
    in ``unread``, read as blanks) into the cache."""
    # Compiled, a loop over the characters is fastest; in pure Python, a regex split
    # (the same words either way)
    read = _words_by_loop if COMPILED else _words_by_split
    texts, starts, ends = read(text, unread)
    tokens = list(zip(texts, starts, ends, strict=True))
    cached = (text, tokens, starts, ends, texts, unread or [])
    _set_word_cache(cached)
    return cached


def _words_by_loop(
    text: str, unread: list[int] | None = None
) -> tuple[list[str], list[int], list[int]]:
    """The words of ``text`` but for the ``unread`` stretches: their texts, starts and
    ends, read by ``_scan_words``."""
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    if unread:
        for index in range(0, len(unread), 2):
            _scan_words(text, position, unread[index], texts, starts, ends)
            position = unread[index + 1]
    _scan_words(text, position, len(text), texts, starts, ends)
    return texts, starts, ends


def _words_by_split(
    text: str, unread: list[int] | None = None
) -> tuple[list[str], list[int], list[int]]:
    """``_words_by_loop`` by splitting an ASCII stand-in of the text, the unread stretches
    blanked, with ``_WORD_SPLIT_ASCII``: the faster way in pure Python."""
    source = text
    if unread:
        pieces = []
        position = 0
        for index in range(0, len(unread), 2):
            pieces.append(text[position : unread[index]])
            pieces.append(" " * (unread[index + 1] - unread[index]))  # (offsets stay)
            position = unread[index + 1]
        pieces.append(text[position:])
        source = "".join(pieces)
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
    return texts, starts, ends


def _scan_words(
    text: str, position: int, stop: int, texts: list[str], starts: list[int], ends: list[int]
) -> None:
    """Add the words of ``text[position:stop]`` (those ``_WORD`` finds) to the lists.

    A loop over the characters, compiled: it reads the text once, where the pattern's
    ``split`` made a string of each stretch between words and its offsets took two more
    passes. Words are told exactly as ``_WORD`` tells them: a letter, a full stop and one
    or more letters each followed by a full stop (a dotted abbreviation), or word
    characters joined by single apostrophes or hyphens.
    """
    # (native 64-bit ints when compiled: no test of an int's tag at each step)
    index: i64 = position
    end: i64 = stop
    code: i64
    kind: i64
    while index < end:
        code = ord(text[index])
        kind = ord(_ASCII_KINDS[code]) if code < 128 else _wide_kind(code)
        if kind < _DIGIT:
            index += 1  # (most characters between words are ASCII: told by the table)
            continue
        start: i64 = index
        index += 1
        if (
            kind == _LETTER
            and index + 2 < end
            and text[index] == "."
            and text[index + 2] == "."
            and _kind(ord(text[index + 1])) == _LETTER
        ):
            # "U.S.", "N.J.": a letter then each further letter with its full stop
            index += 3
            while index + 1 < end and text[index + 1] == "." and _kind(ord(text[index])) == _LETTER:
                index += 2
        else:
            while True:
                while index < end:
                    code = ord(text[index])
                    if 97 <= code <= 122:  # (a lower-case letter: most characters of words)
                        index += 1
                    elif (ord(_ASCII_KINDS[code]) if code < 128 else _wide_kind(code)) < _DIGIT:
                        break
                    else:
                        index += 1
                # "don't", "well-known": a joiner followed by a word character goes on
                if (
                    index + 1 < end
                    and _kind(ord(text[index])) == _JOINER
                    and _kind(ord(text[index + 1])) >= _DIGIT
                ):
                    index += 2
                else:
                    break
        texts.append(text[start:index])
        starts.append(start)
        ends.append(index)


# What a character is to ``_WORD`` (its code's kind): none of a word, an apostrophe or a
# hyphen that may join the parts of a word, a word character that is no letter (``\d``
# or "_"), or a letter (``[^\W\d_]``).
_NONE: Final = 0
_JOINER: Final = 1
_DIGIT: Final = 2
_LETTER: Final = 3
# (a string of the kinds' codes: compiled, a character of it is read in place)
_ASCII_KINDS: Final = "".join(
    chr(_LETTER)
    if chr(code).isalpha()
    else chr(_DIGIT)
    if chr(code).isdigit() or code == ord("_")
    else chr(_JOINER)
    if chr(code) in "'-"
    else chr(_NONE)
    for code in range(128)
)


def _kind(code: int) -> int:
    return ord(_ASCII_KINDS[code]) if code < 128 else _wide_kind(code)


def _wide_kind(code: int) -> int:
    r"""The kind of a character beyond ASCII, kept per character (``\w`` is what
    ``str.isalnum`` accepts, ``\d`` what ``str.isdecimal`` does)."""
    kind = _WIDE_KINDS.get(code)
    if kind is None:
        if len(_WIDE_KINDS) > 50_000:
            _WIDE_KINDS.clear()  # (a bound on memory)
        char = chr(code)
        if char == "’":
            kind = _JOINER
        elif char.isdecimal():
            kind = _DIGIT
        elif char.isalnum():
            kind = _LETTER
        else:
            kind = _NONE
        _WIDE_KINDS[code] = kind
    return kind


_WIDE_KINDS: Final[dict[int, int]] = {}


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
    separators = _blank_lines(text)
    if not separators:
        position = text.find("\n")
        while position >= 0:
            separators.append((position, position + 1))
            position = text.find("\n", position + 1)
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end in separators:
        if position < start and not text[position].isspace() and not text[start - 1].isspace():
            spans.append((position, start))  # (nothing to strip: most paragraphs)
        else:
            _add_stripped(text, position, start, spans)
        position = end
    _add_stripped(text, position, len(text), spans)
    return spans


def _blank_lines(text: str) -> list[tuple[int, int]]:
    """The spans of ``\n[ \t]*\n`` in ``text`` (blank lines), found with ``str.find`` (compiled, the
    characters after each line break are told by a comparison, where the regex engine
    tested every character of the text)."""
    found = []
    length = len(text)
    position = text.find("\n")
    while position >= 0:
        index = position + 1
        while index < length and (text[index] == " " or text[index] == "\t"):
            index += 1
        if index < length and text[index] == "\n":
            found.append((position, index + 1))
            position = text.find("\n", index + 1)
        else:
            position = text.find("\n", position + 1)
    return found


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
    if text.find("?", start, end) >= 0 or text.find("!", start, end) >= 0:
        for match in _SENTENCE_END.finditer(text, start, end):
            _add_sentence_start(text, match.start(), match.end(), end, quoted, opens, starts)
        return starts
    # Without "?" or "!", ``_SENTENCE_END`` read by hand, compiled: ``str.find`` skips to
    # each full stop, and the characters after it are told by their codes.
    position = text.find(".", start, end)
    while position >= 0:
        index = position + 1
        while index < end and text[index] == ".":
            index += 1
        while index < end and _closes(ord(text[index])):
            index += 1
        after = index
        while index < end and _is_space(ord(text[index])):
            index += 1
        if index == after:  # no space after it: no sentence end (the search goes on)
            position = text.find(".", position + 1, end)
            continue
        _add_sentence_start(text, position, index, end, quoted, opens, starts)
        position = text.find(".", index, end)
    return starts


def _closes(code: int) -> bool:
    """Whether the character may stand between a sentence's final mark and the space
    after it: ”, ", ’ or ")"."""
    return code == 0x201D or code == 0x22 or code == 0x2019 or code == 0x29


def _is_space(code: int) -> bool:
    """Whether the character of the code is a space (as ``str.isspace`` tells)."""
    if code < 128:
        return code == 32 or 9 <= code <= 13 or 28 <= code <= 31
    return chr(code).isspace()


def _add_sentence_start(
    text: str,
    mark: int,
    following: int,
    end: int,
    quoted: list[tuple[int, int]],
    opens: list[int],
    starts: list[int],
) -> None:
    """Add where a sentence starts after a sentence end from ``mark`` to ``following``,
    unless it is no sentence's end."""
    if following >= end:
        return
    if not _can_start_sentence(text[following]):
        return
    if (opens and _inside_quote(mark, following, quoted, opens)) or _is_abbreviation(text, mark):
        return
    starts.append(following)


_OPEN_MARK: Final = itemgetter(0)


def _can_start_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in QUOTE_MARKS


def _inside_quote(
    mark: int, following: int, quoted: list[tuple[int, int]], opens: list[int]
) -> bool:
    """Whether the sentence end lies within a quote rather than at its end."""
    index = bisect_left(opens, mark) - 1
    if index < 0 or mark >= quoted[index][1]:
        return False
    return not mark < quoted[index][1] < following


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
