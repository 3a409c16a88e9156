"""The shortcuts taken before a regex or a search give what the regex alone gives."""

from __future__ import annotations

import random
import re
from bisect import bisect_right

from archive_gui.core.extract import textutil
from archive_gui.core.extract.quotes import _Article
from archive_gui.core.extract.speakers import _unnamed
from archive_gui.core.extract.textutil import dateline_end, words

_PIECES = [
    "ST.",
    "LOUIS",
    "A",
    "Ab",
    "N.J.",
    "(AP)",
    "—",
    "-",
    "–",
    " ",
    ",",
    "Calif.",
    "x",
    "’",
    "'",
]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_PIECES) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(0, 8)))
        for _ in range(count)
    ]


def test_dateline_end_matches_the_regex_alone() -> None:
    for text in _random_texts(7, 4000):
        for start in range(min(len(text), 3)):
            match = textutil._DATELINE.match(text, start, len(text))
            expected = match.end() if match else start
            assert dateline_end(text, start, len(text)) == expected, text


def test_paragraph_of_matches_bisecting_the_spans() -> None:
    text = "One.\n\nTwo “quoted” here.\n\n  Three\n\nFour."
    article = _Article.read(text)
    for position in range(len(text)):
        expected = bisect_right(article.paragraphs, (position, len(text))) - 1
        assert article.paragraph_of(position) == expected


def test_unnamed_without_person_noun_or_who_finds_nobody() -> None:
    text = "a big red Texas truck, who said a spokesman, one man who spoke and another"
    tokens = words(text, 0, len(text))
    found = {index: _unnamed(text, tokens, index) for index in range(len(tokens))}
    assert found[0] is not None and found[0].kind == "unnamed"  # "a ... truck, who"
    assert found[7] is not None and found[7].name == "spokesman"
    assert found[9] is not None and found[9].name == "man"
    assert found[len(tokens) - 1] is None


def test_words_read_by_the_character_loop_are_those_of_the_pattern() -> None:
    # the word cache reads words with a loop over the characters, each told by its kind
    # (``_kind``), compiled, and by splitting an ASCII stand-in of the text in pure Python:
    # the words must be those the Unicode pattern reads
    rng = random.Random(11)
    alphabet = list("aZ09_.'’-‘“”— \n,") + [
        "é", "ñ", "ễ", "ß", "İ", "ǅ", "ﬁ", "٣", "١", "²", "Ⅻ", "𝟘", "\U0001d400", "\U0001f600",
        "\u0301", "\xa0", "·", "\ud800",
    ]  # fmt: skip
    for _ in range(3000):
        text = "".join(
            rng.choice(alphabet) if rng.random() < 0.85 else chr(rng.randint(0x80, 0x10FFFF))
            for _ in range(rng.randint(0, 40))
        )
        expected = [(m.group(), m.start(), m.end()) for m in textutil._WORD.finditer(text)]
        textutil._read_words(text)
        assert words(text, 0, len(text)) == expected, repr(text)
        # both ways of reading (compiled, and pure Python), a stretch left unread too
        first, last = len(text) // 3, len(text) // 2
        unread = [first, last] if last > first else []  # (never an empty stretch)
        blanked = text[:first] + " " * (last - first) + text[last:]
        expected = [(m.group(), m.start(), m.end()) for m in textutil._WORD.finditer(blanked)]
        for read in (textutil._words_by_loop, textutil._words_by_split):
            found = read(text, unread)
            assert list(zip(*found, strict=True)) == expected, (read, text)
    kinds = {
        textutil._NONE: (False, False, False, False),
        textutil._JOINER: (False, False, False, True),
        textutil._DIGIT: (True, None, False, False),
        textutil._LETTER: (True, False, True, False),
    }
    for code in range(0x80, 0x110000, 7):
        char = chr(code)
        stand_in = textutil._WORD_CLASSES[char]
        for pattern in (r"\w", r"\d", r"[^\W\d_]", r"[’'\-]"):
            assert bool(re.match(pattern, char)) == bool(re.match(pattern, stand_in)), hex(code)
    for code in [*range(0x80), *range(0x80, 0x110000, 7)]:
        char = chr(code)
        for pattern, expected in zip(
            (r"\w", r"\d", r"[^\W\d_]", r"[’'\-]"), kinds[textutil._kind(code)], strict=True
        ):
            if expected is not None:
                assert bool(re.match(pattern, char)) == expected, hex(code)


def test_sentence_starts_read_by_hand_are_those_of_the_pattern() -> None:
    # without "?" or "!", the sentence ends are read by hand, not by ``_SENTENCE_END``
    rng = random.Random(5)
    pieces = ["A", "b", "Mr", "U", "9", ".", "..", " ", "  ", "\n", "\xa0", "”", '"', "’", ")"]
    pieces += ["“", "?", "\u2009", "x"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        quoted = [(m.start(), m.end() - 1) for m in re.finditer("“[^“”]*”", text)]
        expected = [0]
        opens = [q[0] for q in quoted]
        for match in textutil._SENTENCE_END.finditer(text, 0, len(text)):
            following = match.end()
            if following >= len(text) or not textutil._can_start_sentence(text[following]):
                continue
            if (
                opens and textutil._inside_quote(match.start(), following, quoted, opens)
            ) or textutil._is_abbreviation(text, match.start()):
                continue
            expected.append(following)
        assert textutil.sentence_starts(text, 0, len(text), quoted) == expected, repr(text)


def test_bisects_of_ints_are_those_of_the_module() -> None:
    import bisect

    rng = random.Random(3)
    for _ in range(2000):
        values = sorted(rng.randint(0, 20) for _ in range(rng.randint(0, 12)))
        value, low = rng.randint(-1, 21), rng.randint(0, len(values) + 1)
        assert textutil.bisect_left(values, value, low) == bisect.bisect_left(values, value, low)
        assert textutil.bisect_right(values, value, low) == bisect.bisect_right(values, value, low)
        tokens = [("w", start, start + 1) for start in values]
        assert textutil.first_token_from(tokens, value) == bisect.bisect_left(values, value)


def test_paragraph_spans_read_by_hand_are_those_of_the_patterns() -> None:
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(
            rng.choice(["\n", "\n", " ", "\t", "x", "y "]) for _ in range(rng.randint(0, 20))
        )
        blank = re.compile(r"\n[ \t]*\n")
        separator = blank if blank.search(text) else re.compile(r"\n")
        expected: list[tuple[int, int]] = []
        position = 0
        for match in [*separator.finditer(text), None]:
            start, end = (match.start(), match.end()) if match else (len(text), len(text))
            piece = text[position:start]
            if piece.strip():
                first = position + len(piece) - len(piece.lstrip())
                expected.append((first, first + len(piece.strip())))
            position = end
        assert textutil.paragraph_spans(text) == expected, repr(text)


def test_written_out_constructors_set_every_field_as_the_dataclass_would():
    """``Mention``, ``Entity``, ``_Span`` and ``_Candidate`` write their ``__init__`` out
    (a native call when compiled): each field, given or left out, ends up as the
    dataclass-generated constructor would set it."""
    import dataclasses

    from archive_gui.core.extract.quotes import _Candidate, _Span
    from archive_gui.core.extract.speakers import Entity, Mention

    span = _Span(1, 9, 2, 8, 0)
    optional_kinds = {
        **dict.fromkeys(("gender", "role", "affiliation", "surname", "key"), "str"),
        "close_mark": "int",
        "member_roles": "set",
        "mention": "Mention",
        "entity": "Entity",
        "speaks_for": "Entity",
        "source": "_Candidate",
    }
    cases = [
        (Mention, (3, 7, "person", "Ana Ruiz")),
        (Entity, ("Ana Ruiz", "person")),
        (_Span, (1, 9, 2, 8, 0)),
        (_Candidate, (span,)),
    ]
    for cls, required in cases:
        fields = dataclasses.fields(cls)
        names = [f.name for f in fields]
        assert names, cls
        made = cls(*required)
        for f, value in zip(fields, required, strict=False):
            assert getattr(made, f.name) == value, (cls, f.name)
        for f in fields[len(required) :]:
            default = (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            )
            assert getattr(made, f.name) == default, (cls, f.name)
        # every field by keyword, each a distinct value of its type (compiled, the
        # constructor checks the types)
        samples = {
            "Mention": Mention(0, 1, "person", "X"),
            "Entity": Entity("X", "person"),
            "_Span": span,
            "_Candidate": _Candidate(span),
        }
        values: dict[str, object] = {}
        for number, f in enumerate(fields):
            # (the type: of the value given, of the default, or for an optional field
            # named here; compiled classes do not keep their annotations)
            if number < len(required):
                kind = type(required[number]).__name__
            elif f.default is None or f.default_factory is not dataclasses.MISSING:
                kind = optional_kinds[f.name]
            else:
                kind = type(f.default).__name__
            if kind == "bool":
                values[f.name] = not f.default
            elif kind == "int":
                values[f.name] = 100 + number
            elif kind == "str":
                values[f.name] = f"value {number}"
            elif kind == "set":
                values[f.name] = {f"value {number}"}
            else:
                values[f.name] = samples[kind]
        full = cls(**values)
        assert {name: getattr(full, name) for name in names} == values, cls
