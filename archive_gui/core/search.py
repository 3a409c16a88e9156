"""The search syntax of the search box and of ``archive-gui tag --search``.

A query is words, ``"phrases"`` and ``prefix*`` terms, combined with ``AND``,
``OR`` and ``NOT`` (upper case; two terms side by side mean AND; ``-term`` is
short for ``NOT term``), grouped with parentheses, and field terms::

    speaker:Marin   speaker:"David Marin"   city:Atlanta   tag:policy
    outlet:Times    year:2017   year:2015..2017   status:verified

``NOT`` binds tightest, then AND, then OR. Free text matches quote text (for
quotes) or article text (for operations) through the full-text index; field
values match names ignoring case (``tag:policy`` also matches its children such
as ``policy/sanctuary``; ``value*`` matches names starting with ``value``).

:func:`parse` turns a query into a tree of plain dataclasses, or raises
:class:`SearchSyntaxError` pointing at the position of the problem. This module
writes no SQL: ``archive_gui.core.store.search_sql`` does, with bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELDS = ("speaker", "city", "tag", "outlet", "year", "status")
REVIEW_STATUSES = ("unreviewed", "verified", "disputed", "rejected")
_OPERATORS = ("AND", "OR", "NOT")
_YEAR = re.compile(r"^(\d{4})(?:(?:\.\.|-)(\d{4}))?$")


class SearchSyntaxError(ValueError):
    """A query that cannot be understood; ``position`` is where (0-based, in the query)."""

    def __init__(self, message: str, position: int, length: int = 1):
        self.message = message
        self.position = position
        self.length = max(1, length)
        super().__init__(f"{message} (at column {position + 1})")


# -- the tree ------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Free text: a word, or a phrase (several words in order); ``prefix`` for ``word*``."""

    value: str
    phrase: bool = False
    prefix: bool = False
    position: int = 0


@dataclass(frozen=True)
class Field:
    """A field term such as ``speaker:Marin``; for ``year`` the value is ``"2015..2017"``."""

    name: str
    value: str
    prefix: bool = False
    position: int = 0

    @property
    def years(self) -> tuple[int, int]:
        """First and last year of a ``year:`` term."""
        match = _YEAR.match(self.value)
        if not match:
            raise ValueError(f"not a year: {self.value!r}")
        first = int(match.group(1))
        return first, int(match.group(2) or first)


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Text | Field | And | Or | Not


@dataclass(frozen=True)
class Query:
    """A parsed query: the text as typed and its tree."""

    source: str
    root: Node

    def text_terms(self) -> list[Text]:
        """The free-text terms the query looks for (not those under NOT): for highlighting."""
        return [node for node in _positive_leaves(self.root) if isinstance(node, Text)]

    def fields(self) -> list[Field]:
        """Every field term of the query, in order."""
        return [node for node in _leaves(self.root) if isinstance(node, Field)]


def _leaves(node: Node):
    if isinstance(node, And | Or):
        for item in node.items:
            yield from _leaves(item)
    elif isinstance(node, Not):
        yield from _leaves(node.item)
    else:
        yield node


def _positive_leaves(node: Node):
    if isinstance(node, And | Or):
        for item in node.items:
            yield from _positive_leaves(item)
    elif not isinstance(node, Not):
        yield node


# -- tokens ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "(", ")", "AND", "OR", "NOT", "-", "text", "field"
    position: int
    end: int
    value: str = ""
    phrase: bool = False
    prefix: bool = False
    field: str = ""


_SPACE = " \t\r\n\u00a0"
_QUOTES = '"\u201c\u201d'  # straight and curly double quotes
_BREAK = _SPACE + "()" + _QUOTES


def _tokens(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char in _SPACE:
            i += 1
        elif char in "()":
            tokens.append(_Token(char, i, i + 1))
            i += 1
        elif char in _QUOTES:
            value, i_end = _quoted(source, i)
            prefix = i_end < n and source[i_end] == "*"
            end = i_end + prefix
            if _has_word(value):  # punctuation alone matches nothing: leave it out
                tokens.append(_Token("text", i, end, value, phrase=True, prefix=prefix))
            i = end
        elif (
            char == "-" and i + 1 < n and source[i + 1] not in _SPACE + ")" and _at_start(source, i)
        ):
            tokens.append(_Token("-", i, i + 1))
            i += 1
        else:
            start = i
            while i < n and source[i] not in _BREAK:
                if source[i] == ":" and _is_field_name(source[start:i]):
                    break
                i += 1
            word = source[start:i]
            if i < n and source[i] == ":" and _is_field_name(word):
                i += 1
                tokens.append(_field_token(source, start, word.lower(), i))
                i = tokens[-1].end
            elif word in _OPERATORS:
                tokens.append(_Token(word, start, i))
            elif _has_word(word) or "*" in word:
                tokens.append(_word_token(word, start, i))
    return tokens


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _at_start(source: str, i: int) -> bool:
    """A ``-`` starts a NOT only at the start of a term, not inside ``post-9/11``."""
    return i == 0 or source[i - 1] in _SPACE + "("


def _is_field_name(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _quoted(source: str, start: int) -> tuple[str, int]:
    """The text between a quote at ``start`` and its closing quote; and the index after it."""
    i = start + 1
    while i < len(source) and source[i] not in _QUOTES:
        i += 1
    if i >= len(source):
        raise SearchSyntaxError("this quotation mark is never closed", start)
    return source[start + 1 : i], i + 1


def _word_token(word: str, start: int, end: int) -> _Token:
    prefix = word.endswith("*")
    value = word.rstrip("*") if prefix else word
    if "*" in value:
        raise SearchSyntaxError("* can only end a word (as in arrest*)", start + value.index("*"))
    if not value:
        raise SearchSyntaxError("* needs a word before it (as in arrest*)", start)
    return _Token("text", start, end, value, prefix=prefix)


def _field_token(source: str, start: int, name: str, value_start: int) -> _Token:
    if name not in FIELDS:
        raise SearchSyntaxError(
            f"unknown field {name}: (known fields: {', '.join(f + ':' for f in FIELDS)})",
            start,
            len(name) + 1,
        )
    n = len(source)
    if value_start < n and source[value_start] in _QUOTES:
        value, end = _quoted(source, value_start)
        prefix = end < n and source[end] == "*"
        end += prefix
    else:
        end = value_start
        while end < n and source[end] not in _BREAK:
            end += 1
        value = source[value_start:end]
        prefix = value.endswith("*")
        value = value.rstrip("*") if prefix else value
        if "*" in value:
            raise SearchSyntaxError(
                "* can only end a value (as in speaker:Mar*)", value_start + value.index("*")
            )
    value = value.strip()
    if not value:
        raise SearchSyntaxError(
            f"{name}: needs a value, as in {_EXAMPLES[name]}", start, end - start
        )
    if name == "year" and (prefix or not _YEAR.match(value)):
        raise SearchSyntaxError(
            "year: takes a year or a range of years, as in year:2017 or year:2015..2017",
            value_start,
            end - value_start,
        )
    if name == "year":
        match = _YEAR.match(value)
        if match.group(2) and int(match.group(2)) < int(match.group(1)):
            raise SearchSyntaxError("the range of years runs backwards", value_start)
    if name == "status":
        value = value.lower()
        if prefix or value not in REVIEW_STATUSES:
            raise SearchSyntaxError(
                f"status: is one of {', '.join(REVIEW_STATUSES)}", value_start, end - value_start
            )
    return _Token("field", start, end, value, prefix=prefix, field=name)


_EXAMPLES = {
    "speaker": 'speaker:Marin or speaker:"David Marin"',
    "city": 'city:Atlanta or city:"Los Angeles"',
    "tag": "tag:policy/sanctuary",
    "outlet": "outlet:Times",
    "year": "year:2017",
    "status": "status:verified",
}


# -- grammar ---------------------------------------------------------------------
#   query   := or EOF
#   or      := and (OR and)*
#   and     := unary ((AND)? unary)*
#   unary   := (NOT | -) unary | primary
#   primary := "(" or ")" | text | field


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokens(source)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        node = self.parse_or()
        token = self.peek()
        if token is not None:
            if token.kind == ")":
                raise SearchSyntaxError("this ) has no ( before it", token.position)
            raise SearchSyntaxError(f"unexpected {token.kind}", token.position)  # pragma: no cover
        return node

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            items.append(self.parse_and(after=token))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self, after: _Token | None = None) -> Node:
        items = [self.parse_unary(after)]
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.take()
                items.append(self.parse_unary(after=token))
            else:
                items.append(self.parse_unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary(self, after: _Token | None = None) -> Node:
        token = self.peek()
        if token is not None and token.kind in ("NOT", "-"):
            self.take()
            return Not(self.parse_unary(after=token))
        return self.parse_primary(after)

    def parse_primary(self, after: _Token | None) -> Node:
        token = self.peek()
        if token is None:
            if after is not None:
                word = "-" if after.kind == "-" else after.kind
                raise SearchSyntaxError(
                    f"{word} needs a term after it", after.position, after.end - after.position
                )
            raise SearchSyntaxError("the query ends too early", len(self.source))
        if token.kind == "(":
            self.take()
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise SearchSyntaxError("empty parentheses", token.position, 2)
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise SearchSyntaxError("this ( is never closed", token.position)
            self.take()
            return node
        if token.kind == "text":
            self.take()
            return Text(
                token.value, phrase=token.phrase, prefix=token.prefix, position=token.position
            )
        if token.kind == "field":
            self.take()
            return Field(token.field, token.value, prefix=token.prefix, position=token.position)
        if token.kind == ")":
            if after is not None:
                raise SearchSyntaxError(
                    f"{after.kind} needs a term after it",
                    after.position,
                    after.end - after.position,
                )
            raise SearchSyntaxError("this ) has no ( before it", token.position)
        # AND / OR where a term should be
        if after is not None:
            raise SearchSyntaxError(f"{after.kind} needs a term after it", token.position)
        raise SearchSyntaxError(f"{token.kind} needs a term before it", token.position)


def parse(source: str) -> Query | None:
    """Parse a query; ``None`` for an empty one (no filter). Raises SearchSyntaxError."""
    if not source or not source.strip():
        return None
    return Query(source, _Parser(source).parse())


# -- highlighting ------------------------------------------------------------------

_WORD = re.compile(r"\w+")


class Highlighter:
    """The spans of a text matching a query's free-text terms; made once per query
    (:func:`highlighter`) and reused for every text shown, e.g. each painted cell.

    An approximation of the full-text index's tokenizer (case-insensitive words,
    phrases as consecutive words, ``prefix*``), for highlighting a list row or the
    source view; it never decides which records match.
    """

    def __init__(self, query: Query | None):
        needles = []
        for term in query.text_terms() if query is not None else ():
            words = tuple(w.casefold() for w in _WORD.findall(term.value))
            if words:
                needles.append((words, term.prefix))
        self._needles: tuple[tuple[tuple[str, ...], bool], ...] = tuple(needles)

    def __bool__(self) -> bool:
        """Whether any text can have a span (the query has free-text terms)."""
        return bool(self._needles)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` matching the terms, sorted and merged."""
        if not self._needles:
            return []
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        spans: list[tuple[int, int]] = []
        for needle, prefix in self._needles:
            size = len(needle)
            for i in range(len(words) - size + 1):
                window = words[i : i + size]
                if all(w[2] == t for w, t in zip(window[:-1], needle[:-1], strict=True)):
                    last = window[-1][2]
                    hit = last.startswith(needle[-1]) if prefix else last == needle[-1]
                    if hit:
                        spans.append((window[0][0], window[-1][1]))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def highlighter(query: Query | None) -> Highlighter:
    """The prepared matcher of ``query``'s free-text terms (``None``: one that finds
    nothing): make it when the query changes, then call ``.spans(text)`` per text."""
    return Highlighter(query)


def highlight_spans(query: Query | None, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` matching the query's free-text terms, sorted and merged
    (see :class:`Highlighter`; prepare one with :func:`highlighter` to reuse)."""
    return highlighter(query).spans(text)
