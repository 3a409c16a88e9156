"""Filters beyond city and speaker: facets with counts, exclusions, the search, chart
bars and periods, and the arrests-over-time series."""

from __future__ import annotations

from dataclasses import replace

import pytest

from archive_gui.core.search import parse
from archive_gui.core.store import Archive, RecordKind
from archive_gui.core.store.curation import Curation
from archive_gui.core.store.filtering import (
    filters_from_json,
    filters_to_json,
    period_bounds,
)
from archive_gui.core.store.schema import RecordFilter
from tests.ui.conftest import fill_archive

Q, OPS = RecordKind.QUOTES, RecordKind.OPERATIONS


@pytest.fixture
def archive():
    with Archive.in_memory() as archive:
        fill_archive(archive)
        curation = Curation(archive)
        curation.tag_quotes([1, 2], "policy/rhetoric")
        curation.tag_quotes([3], "fear")
        curation.set_review_status(Q, [1, 3], "verified")
        curation.set_review_status(OPS, [2], "disputed")
        yield archive


def count(archive, kind, **fields):
    return archive.count(kind, RecordFilter(**fields))


def facet(archive, name, shown=OPS, **fields):
    return {v.label: v.count for v in archive.facet(name, shown, RecordFilter(**fields))}


def test_each_facet_counts_its_values(archive):
    assert facet(archive, "states") == {"Georgia": 2, "California": 2, "Illinois": 1}
    assert facet(archive, "outlets") == {"Test Gazette": 6}
    assert facet(archive, "outlets", Q) == {"Test Gazette": 5}
    assert facet(archive, "years") == {"2025": 6}
    assert facet(archive, "agencies") == {"ICE": 6}
    assert facet(archive, "tags") == {"policy/rhetoric": 2, "fear": 1}
    assert facet(archive, "review_statuses", Q) == {"Unreviewed": 3, "Verified": 2}
    assert list(facet(archive, "review_statuses", OPS)) == ["Unreviewed", "Disputed"]


def test_counts_follow_the_other_filters_not_their_own(archive):
    georgia = RecordFilter(states=frozenset({"GA"}))
    assert {v.label: v.count for v in archive.facet("states", OPS, georgia)}["California"] == 2
    assert {v.label: v.count for v in archive.facet("tags", Q, georgia)} == {
        "policy/rhetoric": 2,
        "fear": 1,
    }
    fear = archive.db.execute("SELECT id FROM tags WHERE name = 'fear'").fetchone()[0]
    tagged = RecordFilter(tags=frozenset({fear}))
    assert {v.label: v.count for v in archive.facet("states", OPS, tagged)} == {
        "Illinois": 1,
        "Georgia": 1,
    }


def test_include_and_exclude(archive):
    assert count(archive, OPS, states=frozenset({"CA"})) == 2
    assert count(archive, Q, states=frozenset({"CA"})) == 3  # quotes through their article
    assert count(archive, OPS, excluded=frozenset({("states", "CA")})) == 4
    # an operation with no state (the Atlanta area) is not excluded with California
    assert count(archive, OPS, excluded=frozenset({("states", "GA")})) == 4
    assert count(archive, Q, review_statuses=frozenset({"verified"})) == 2
    assert count(archive, Q, excluded=frozenset({("review_statuses", "verified")})) == 3
    assert count(archive, OPS, years=frozenset({2025})) == 6
    assert count(archive, OPS, years=frozenset({2017})) == 0
    assert count(archive, Q, outlets=frozenset({"Test Gazette"})) == 5
    assert count(archive, OPS, agencies=frozenset({"ICE"})) == 6
    fear = archive.db.execute("SELECT id FROM tags WHERE name = 'fear'").fetchone()[0]
    assert count(archive, Q, tags=frozenset({fear})) == 1
    assert count(archive, OPS, tags=frozenset({fear})) == 2  # operations of its article
    assert count(archive, Q, excluded=frozenset({("tags", fear)})) == 4


def test_search_and_chart_selections(archive):
    assert count(archive, Q, search=parse("deliberate")) == 1
    assert count(archive, OPS, search=parse("Chicago")) == 2  # article text
    assert count(archive, Q, search=parse("tag:policy")) == 2
    atlanta = archive.db.execute("SELECT id FROM places WHERE label = 'Atlanta, GA'").fetchone()[0]
    assert count(archive, OPS, places=frozenset({atlanta})) == 2
    assert count(archive, OPS, period=("2025-02-01", "2025-03-01")) == 4
    assert count(archive, Q, period=("2025-01-01", "2025-02-01")) == 2


def test_arrests_over_time_by_month_and_week(archive):
    months = archive.arrests_over_time(RecordFilter(), "month")
    assert [(m.key, m.total, m.operations, m.approximate) for m in months] == [
        ("2025-01", 142, 2, True),
        ("2025-02", 200 + 15 + 1179 + 24, 4, True),
    ]
    weeks = archive.arrests_over_time(RecordFilter(), "week")
    assert [w.key for w in weeks] == ["2025-01-27", "2025-02-03", "2025-02-10"]
    assert (weeks[0].start, weeks[0].end) == ("2025-01-27", "2025-02-03")
    georgia = archive.arrests_over_time(RecordFilter(states=frozenset({"GA"})), "month")
    assert [(m.key, m.total) for m in georgia] == [("2025-01", 100), ("2025-02", 15)]
    assert period_bounds("2024-12", "month") == ("2024-12-01", "2025-01-01")


def test_records_behind_a_bar(archive):
    records, total = archive.records_behind(RecordFilter(), period=("2025-02-01", "2025-03-01"))
    assert total == 4
    assert [r.count_text for r in records] == ["1,179", "more than 200", "dozens", "15"]
    atlanta = archive.db.execute("SELECT id FROM places WHERE label = 'Atlanta, GA'").fetchone()[0]
    records, total = archive.records_behind(RecordFilter(), place_id=atlanta, limit=1)
    assert total == 2 and len(records) == 1 and records[0].place == "Atlanta, GA"


def test_filters_round_trip_through_json(archive):
    filters = RecordFilter(
        cities=frozenset({3}),
        states=frozenset({"GA"}),
        years=frozenset({2025}),
        excluded=frozenset({("outlets", "Daily"), ("tags", 2)}),
        period=("2025-01-01", "2025-02-01"),
    )
    data = filters_to_json(filters)
    import json

    again = filters_from_json(json.loads(json.dumps(data)), "raids")
    assert again == replace(filters, search=parse("raids"))
    assert filters.without("states").states == frozenset()
    assert filters.without("outlets").excluded == frozenset({("tags", 2)})
    assert not filters.is_empty and RecordFilter().is_empty
    assert archive.filter_labels("states", ["GA"]) == {"GA": "Georgia"}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic archive: its records' ids are in no order of city or date."""
    from archive_gui.core.synthetic import build_synthetic_archive

    path = tmp_path_factory.mktemp("synthetic") / "archive.db"
    build_synthetic_archive(path, quotes=3_000)
    with Archive.open(path) as archive:
        yield archive


@pytest.mark.parametrize("kind", [OPS, Q])
def test_a_capped_facet_with_no_filter_samples_the_first_records_by_id(synthetic, kind):
    """Not the first records of the smallest index holding the value, which is ordered
    by that value: the sample would then hold the first city (or year) alone."""
    from collections import Counter

    cap = 200
    table = "operations" if kind is OPS else "quotes"
    first = f"SELECT * FROM {table} ORDER BY id LIMIT {cap}"  # the test's own literals
    rows = synthetic.db.execute(
        f"SELECT sort_published, {'city_id' if kind is OPS else 'speaker_id'} FROM ({first})"
    ).fetchall()
    years = Counter(int(published[:4]) for published, _ in rows if published)
    assert len(years) > 3
    counted = synthetic.facet("years", kind, RecordFilter(), cap=cap)
    assert {v.id: v.count for v in counted} == dict(years)
    assert all(v.approximate for v in counted)
    if kind is OPS:
        cities = Counter(city for _, city in rows if city)
        assert len(cities) > 3
        counted = synthetic.city_facet(RecordFilter(), cap=cap)
        assert {v.id: v.count for v in counted} == dict(cities)
    # counted together, the same sample
    together = synthetic.facets(["years", "review_statuses"], kind, RecordFilter(), cap=cap)
    assert {v.id: v.count for v in together["years"]} == dict(years)
