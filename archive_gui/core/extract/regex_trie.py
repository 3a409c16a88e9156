"""Word alternations compiled as a character trie.

Python's regex engine tries every branch of ``a|b|c`` in turn at each position; a
trie-shaped pattern ("s(?:ome|everal)") decides on the first character instead, which
makes scanning for a few hundred words several times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import FunctionType
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


# The characters past ASCII that re.IGNORECASE matches to an ASCII letter ("ſ" to "s",
# the Kelvin sign to "k"; the tests check there are no others).
CASE_ODDITIES: Final = "\u0130\u0131\u017f\u212a"


def _letter_class(letter: str) -> str:
    """A class of every character ``letter`` matches ignoring case."""
    chars = {letter.lower(), letter.upper(), *CASE_ODDITIES}
    return "[" + "".join(sorted(c for c in chars if re.fullmatch(letter, c, re.I))) + "]"


def _cased(text: str) -> bool:
    return any(char.lower() != char.upper() for char in text)


def _without_ignorecase(pattern: str) -> str:
    """``pattern`` (compiled with re.IGNORECASE) for use without it: each ASCII letter
    outside an escape, a class or a group name becomes the class of the characters it
    matches ignoring case ("k": "[Kk\u212a]").  ValueError where that would not match
    the same: a class or another character with a case, a back reference, inline
    flags, a comment."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escape = pattern[index : index + 2]
            if escape[1:].isdigit() or _cased(escape[1:]) and escape[1] not in "bBdDsSwWAZ":
                raise ValueError(f"escape {escape}")
            out.append(escape)
            index += 2
        elif char == "[":
            close = index + 1
            while pattern[close] != "]":
                close += 2 if pattern[close] == "\\" else 1
            part = pattern[index : close + 1]
            if _cased(re.sub(r"\\[dDsSwW]", "", part)):
                raise ValueError(f"a class with a letter: {part}")
            out.append(part)
            index = close + 1
        elif pattern.startswith("(?P<", index):
            close = pattern.index(">", index) + 1
            out.append(pattern[index:close])
            index = close
        elif pattern.startswith("(?P=", index) or (
            pattern.startswith("(?", index) and pattern[index + 2].isalpha()
        ):
            raise ValueError("a back reference or inline flags")
        elif char == "#":
            raise ValueError("a comment")
        elif "a" <= char <= "z" or "A" <= char <= "Z":
            out.append(_letter_class(char))
            index += 1
        elif _cased(char):
            raise ValueError(f"a letter past ASCII: {char}")
        else:
            out.append(char)
            index += 1
    return "".join(out)


def without_ignorecase(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` compiled without re.IGNORECASE, matching the same, where it can be
    (else ``pattern`` itself): under the flag the engine enters every branch of an
    alternation of words to try it, where it passes over a branch opening with a class
    at once when the next character is not in it."""
    if not pattern.flags & re.IGNORECASE:
        return pattern
    try:
        source = _without_ignorecase(pattern.pattern)
    except ValueError:
        return pattern
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


# Whether these modules run compiled (a compiled function is no Python function). Where
# the fastest way differs, compiled code loops over words and characters, and pure
# Python keeps the regex scans (in C) that such loops would be slower than.
COMPILED: Final = not isinstance(trie_alternation, FunctionType)
