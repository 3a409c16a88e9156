"""Count mentions: number words, digits, vague multiples, qualifiers and ranges."""

import pytest

from archive_gui.core.extract.numbers import find_counts, words_to_int


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("Fifty-nine", 59),
        ("six hundred and eighty", 680),
        ("one thousand two hundred", 1200),
        ("a hundred", 100),
        ("twenty one", 21),
        ("1,234", 1234),
        ("1.5 million", 1_500_000),
    ],
)
def test_words_to_int(phrase, value):
    assert words_to_int(phrase) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "count_text"),
    [
        ("Fifty-nine people", 59, "exact", "Fifty-nine"),
        ("arrested six hundred and eighty people", 680, "exact", "six hundred and eighty"),
        ("two dozen workers", 24, "exact", "two dozen"),
        ("about a dozen men", 12, "about", "about a dozen"),
        ("dozens of people", 12, "dozens", "dozens"),
        ("hundreds of immigrants", 100, "hundreds", "hundreds"),
        ("thousands of people", 1000, "thousands", "thousands"),
        ("tens of thousands of people", 10_000, "thousands", "tens of thousands"),
        ("about 30 in", 30, "about", "about 30"),
        ("around 30 in", 30, "about", "around 30"),
        ("roughly 30 in", 30, "about", "roughly 30"),
        ("approximately 30 in", 30, "about", "approximately 30"),
        ("some 30 in", 30, "about", "some 30"),
        ("Nearly 100 of them", 100, "nearly", "Nearly 100"),
        ("almost 100 of them", 100, "nearly", "almost 100"),
        ("close to 100 of them", 100, "nearly", "close to 100"),
        ("just under 100 of them", 100, "nearly", "just under 100"),
        ("More than 160 people", 160, "more_than", "More than 160"),
        ("over 160 people", 160, "more_than", "over 160"),
        ("upwards of 160 people", 160, "more_than", "upwards of 160"),
        ("arrests exceeded 600", 600, "more_than", "exceeded 600"),
        ("at least 7 people", 7, "at_least", "at least 7"),
        ("up to 50 people", 50, "up_to", "up to 50"),
        ("as many as 50 people", 50, "up_to", "as many as 50"),
        ("between 40 and 50 people", 40, "at_least", "between 40 and 50"),
        ("40 to 50 people", 40, "at_least", "40 to 50"),
        ("1,200 people", 1200, "exact", "1,200"),
    ],
)
def test_find_counts(text, value, qualifier, count_text):
    (mention,) = find_counts(text)
    assert (mention.value, mention.qualifier, mention.text) == (value, qualifier, count_text)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("text", ["$5 million", "35%", "someone", "twofold", "1,2,3"])
def test_no_count(text):
    assert [m for m in find_counts(text) if m.text in ("5", "35", "1", "2")] == []


def test_spans_are_absolute_with_bounds():
    text = "xx 12 people and 40 more"
    mentions = find_counts(text, 6)
    assert [m.text for m in mentions] == ["40"]
    assert text[mentions[0].start : mentions[0].end] == "40"


def test_a_number_of_hundreds_of_digits_is_no_count():
    assert words_to_int("1" * 400) is None
    assert words_to_int("123,456") == 123456
