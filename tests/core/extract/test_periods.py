"""Period phrases and their dates relative to the publication day."""

from datetime import date

import pytest

from archive_gui.core.extract.periods import find_periods

FRIDAY = date(2017, 2, 10)


@pytest.mark.parametrize(
    ("text", "period_text", "first", "last"),
    [
        ("arrested this week", "this week", date(2017, 2, 6), date(2017, 2, 10)),
        ("This week's raids", "This week", date(2017, 2, 6), date(2017, 2, 10)),
        ("last week", "last week", date(2017, 1, 30), date(2017, 2, 5)),
        ("over the past week", "over the past week", date(2017, 2, 4), date(2017, 2, 10)),
        ("in the past 30 days", "in the past 30 days", date(2017, 1, 12), date(2017, 2, 10)),
        ("in the last two weeks", "in the last two weeks", date(2017, 1, 28), date(2017, 2, 10)),
        ("on Monday", "Monday", date(2017, 2, 6), date(2017, 2, 6)),
        ("said Friday", "Friday", FRIDAY, FRIDAY),
        ("last Friday", "last Friday", date(2017, 2, 3), date(2017, 2, 3)),
        ("in June", "in June", date(2016, 6, 1), date(2016, 6, 30)),
        ("in January", "in January", date(2017, 1, 1), date(2017, 1, 31)),
        ("since Jan. 20", "since Jan. 20", date(2017, 1, 20), FRIDAY),
        ("on Feb. 7, 2017", "Feb. 7, 2017", date(2017, 2, 7), date(2017, 2, 7)),
        ("this summer", "this summer", date(2016, 6, 1), date(2016, 8, 31)),
        ("last summer", "last summer", date(2016, 6, 1), date(2016, 8, 31)),
        ("this winter", "this winter", date(2016, 12, 1), FRIDAY),
        ("last month", "last month", date(2017, 1, 1), date(2017, 1, 31)),
        ("earlier this month", "earlier this month", date(2017, 2, 1), FRIDAY),
        ("this year", "this year", date(2017, 1, 1), FRIDAY),
        ("last year", "last year", date(2016, 1, 1), date(2016, 12, 31)),
        ("in 2015", "in 2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("in fiscal year 2016", "in fiscal year 2016", date(2015, 10, 1), date(2016, 9, 30)),
        ("this weekend", "this weekend", date(2017, 2, 4), date(2017, 2, 5)),
        ("yesterday", "yesterday", date(2017, 2, 9), date(2017, 2, 9)),
    ],
)
def test_resolution(text, period_text, first, last):
    (mention,) = find_periods(text, published=FRIDAY)
    assert (mention.text, mention.first, mention.last) == (period_text, first, last)
    assert text[mention.start : mention.end] == period_text


def test_this_summer_after_summer_began():
    (mention,) = find_periods("this summer", published=date(2017, 7, 15))
    assert (mention.first, mention.last) == (date(2017, 6, 1), date(2017, 7, 15))


def test_vague_period_has_no_dates():
    (mention,) = find_periods("in recent weeks", published=FRIDAY)
    assert (mention.text, mention.first, mention.last) == ("in recent weeks", None, None)


def test_without_publication_date_only_text():
    (mention,) = find_periods("this week")
    assert (mention.text, mention.first, mention.last) == ("this week", None, None)


@pytest.mark.parametrize("text", ["they may be", "March organizers", "a five-day period", "2017"])
def test_not_periods(text):
    assert find_periods(text, published=FRIDAY) == []


def test_single_days_are_marked():
    day, week = find_periods("Friday and this week", published=FRIDAY)
    assert day.day_level and not week.day_level
