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
    return _pattern(trie) or "(?!)"


def _pattern(node: dict) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
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
