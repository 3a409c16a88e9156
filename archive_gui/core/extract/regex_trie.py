"""Word alternations compiled as a character trie.

Python's regex engine tries every branch of ``a|b|c`` in turn at each position; a
trie-shaped pattern ("s(?:ome|everal)") decides on the first character instead, which
makes scanning for a few hundred words several times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final


def trie_alternation(words: Iterable[str], tails: Mapping[str, str] | None = None) -> str:
    """A non-capturing regex matching any of ``words`` (longest match preferred).

    ``tails`` maps some words to a pattern that must follow them: "in" with the tail
    ``\\s+excess`` matches only "in excess", and words sharing a prefix stay one trie.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = (tails or {}).get(word, "")
    return _pattern(trie, _START_ORDER) or "(?!)"


# The order the branches of a trie node are tried in: the engine tests each branch's first
# character in turn (a cheap test for a plain literal), so the likelier characters go
# first: letters by how often English words start with them (at a word's first letter)
# or hold them (further in), small letters before capitals, then the rest.  No two
# branches of a node open with the same character, so at most one can match there: the
# order changes the time, never the match.
_START_LETTERS: Final = "taoiswcbphfmdrelngyuvkjqxz"
_INNER_LETTERS: Final = "etaoinshrdlcumwfgypbvkjxqz"


def _order(letters: str) -> dict[str, int]:
    order = {char: rank for rank, char in enumerate(letters)}
    order.update({char.upper(): rank + len(letters) for rank, char in enumerate(letters)})
    return order


_START_ORDER: Final = _order(_START_LETTERS)
_INNER_ORDER: Final = _order(_INNER_LETTERS)


def _pattern(node: dict, order: dict[str, int]) -> str:
    children = sorted(
        (char for char in node if char), key=lambda char: (order.get(char, len(order)), char)
    )
    branches = [re.escape(char) + _pattern(node[char], _INNER_ORDER) for char in children]
    tail = node.get("")
    if tail:
        branches.append(tail)
    if not branches:
        return ""
    optional = tail == ""
    if len(branches) == 1 and not optional:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if optional else group


# The Latin-1 characters ``\w`` matches (letters, digits, "_", "ª", "²", "µ", ...).
_LATIN1_WORD: Final = "".join(chr(code) for code in range(256) if re.fullmatch(r"\w", chr(code)))


def non_word_char(others: str, then: str = "") -> str:
    r"""A pattern matching what ``[^\w<others>]`` matches, one character, found faster,
    followed by the zero-width pattern ``then`` (a look-ahead).

    A scan for a class holding ``\w`` tests each character's Unicode category; this
    one tests a Latin-1 bitmap (``\w`` there and ``others``) and checks the category
    only behind the few characters past Latin-1 it lets through (curly quotes, dashes).
    The category is checked after ``then``, so only where ``then`` matches: both are
    zero-width tests at the same position, and ``then`` fails at nearly every space.
    """
    escaped = re.escape(others)
    return rf"[^{re.escape(_LATIN1_WORD)}{escaped}]{then}(?<=[^\w{escaped}])"
