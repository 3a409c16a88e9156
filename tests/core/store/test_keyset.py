"""Keyset paging: every way of walking a list gives the order of one full ORDER BY.

The archive has ties (shared dates, speakers, roles, texts, counts) and NULLs
(unknown dates, unattributed quotes, no role, no place) in every sort column.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place, Quote
from archive_gui.core.store import Archive, RecordFilter, RecordKind
from archive_gui.core.store.schema import COLUMNS

PAGE = 200
SPEAKERS = ("Bryan Cox", "Maria Lopez", "Tom Homan", "ACLU", None)
ROLES = ("spokesman", "organizer", None)
CITIES = (("Atlanta", "GA"), ("Chicago", "IL"), ("Houston", "TX"), None)
WORDS = ("We will continue", "Families are afraid", "No comment", "It is the law")


def build_archive(archive: Archive, articles: int = 400, seed: int = 4) -> Archive:
    rng = random.Random(seed)
    for n in range(articles):
        published = None if n % 9 == 0 else date(2020, 1 + n % 12, 1 + n % 3)
        parts, quotes, operations = [f"Article {n}.\n"], [], []
        for _ in range(rng.randrange(1, 3)):
            offset = sum(map(len, parts))
            count = rng.choice((5, 12, 40, 100))
            city = rng.choice(CITIES)
            place = Place("city", city[0], city[1]) if city else None
            text = f"Agents arrested {count} people.\n"
            start = offset + len("Agents arrested ")
            operations.append(
                Operation(
                    count=count,
                    qualifier=rng.choice(("exact", "about")),
                    count_text=str(count),
                    start=start,
                    end=start + len(str(count)),
                    place=place,
                    period_text=rng.choice(("this week", None)),
                    agency=rng.choice(("ICE", None)),
                )
            )
            parts.append(text)
        for _ in range(5):
            offset = sum(map(len, parts))
            words = rng.choice(WORDS)
            speaker = rng.choice(SPEAKERS)
            quotes.append(
                Quote(
                    text=words,
                    start=offset + 1,
                    end=offset + 1 + len(words),
                    speaker=speaker,
                    speaker_kind="organization" if speaker == "ACLU" else "person",
                    speaker_role=rng.choice(ROLES) if speaker else None,
                )
            )
            parts.append(f'"{words}," someone said.\n')
        meta = ArticleMeta(title=rng.choice(("Raids", "Arrests", None)), published=published)
        archive.add_article("".join(parts), meta, Extraction(quotes, operations), "test")
    return archive


@pytest.fixture(scope="module")
def keyset_archive():
    with Archive.in_memory() as archive:
        yield build_archive(archive)


SORTS = [
    (kind, col.key, descending)
    for kind in RecordKind
    for col in COLUMNS[kind]
    if col.sort is not None
    for descending in (False, True)
]


def _filters(archive: Archive) -> list[RecordFilter]:
    atlanta = next(v.id for v in archive.city_facet() if v.label == "Atlanta, GA")
    cox = next(v.id for v in archive.speaker_facet() if v.label == "Bryan Cox")
    homan = next(v.id for v in archive.speaker_facet() if v.label == "Tom Homan")
    return [
        RecordFilter(),
        RecordFilter(cities=frozenset({atlanta})),
        RecordFilter(speakers=frozenset({cox, homan})),
        RecordFilter(cities=frozenset({atlanta}), speakers=frozenset({cox})),
    ]


def _walk_forward(archive, kind, filters, key, descending, matches=None) -> list[int]:
    keys = archive.record_keys(kind, filters, key, descending, limit=PAGE, matches=matches)
    walked = list(keys)
    while len(keys) == PAGE:
        keys = archive.record_keys(
            kind, filters, key, descending, after=keys[-1], limit=PAGE, matches=matches
        )
        walked += keys
    return [k[-1] for k in walked]


def _walk_backward(archive, kind, filters, key, descending) -> list[int]:
    keys = archive.record_keys(kind, filters, key, descending, from_end=True, limit=PAGE)
    walked = list(keys)
    while len(keys) == PAGE:
        keys = archive.record_keys(kind, filters, key, descending, before=keys[0], limit=PAGE)
        walked = keys + walked
    return [k[-1] for k in walked]


def test_the_archive_has_ties_and_nulls(keyset_archive):
    ids = list(keyset_archive.record_ids(RecordKind.QUOTES))
    assert len(ids) == 2000
    rows = keyset_archive.rows(RecordKind.QUOTES, ids[-50:])
    assert any(row["published"] is None for row in rows)  # unknown dates sort last
    speakers = keyset_archive.rows(RecordKind.QUOTES, ids[:400])
    assert any(row["speaker"] is None for row in speakers)


@pytest.mark.parametrize(("kind", "key", "descending"), SORTS)
def test_walking_pages_either_way_gives_the_full_order(keyset_archive, kind, key, descending):
    for filters in _filters(keyset_archive):
        expected = list(keyset_archive.record_ids(kind, filters, key, descending))
        count = keyset_archive.count(kind, filters)
        assert len(expected) == count
        assert _walk_forward(keyset_archive, kind, filters, key, descending) == expected
        assert _walk_backward(keyset_archive, kind, filters, key, descending) == expected
        # Either plan (walking the sort index, or sorting the matches) gives the same.
        for matches in (1, count * 1000):
            walked = _walk_forward(keyset_archive, kind, filters, key, descending, matches)
            assert walked == expected


@pytest.mark.parametrize(("kind", "key", "descending"), SORTS)
def test_a_walk_that_runs_out_of_rows_reads_its_page_through_the_index(
    keyset_archive, monkeypatch, kind, key, descending
):
    """A walk gives up after its budget of rows (matches clustered in the sort order,
    e.g. one speaker's quotes sorted by speaker) and reads the page by the filters'
    index instead: pages in either direction are still the full order's."""
    plans: list[str] = []
    record_keys = Archive.record_keys

    def noted(self, *args, **kwargs):
        plans.append(kwargs.get("plan"))
        return record_keys(self, *args, **kwargs)

    monkeypatch.setattr(Archive, "record_keys", noted)
    monkeypatch.setattr(Archive, "_walk_budget", lambda *_args: 3)
    for filters in _filters(keyset_archive)[1:]:
        expected = list(keyset_archive.record_ids(kind, filters, key, descending))
        many = keyset_archive.count(kind, filters) * 1000  # plans a walk
        plans.clear()
        walked = _walk_forward(keyset_archive, kind, filters, key, descending, many)
        assert walked == expected
        assert "index" in plans  # gave up after three rows at least once
        keys = keyset_archive.record_keys(
            kind, filters, key, descending, from_end=True, limit=PAGE, matches=many
        )
        assert [k[-1] for k in keys] == expected[-PAGE:]


@pytest.mark.parametrize(("kind", "key", "descending"), SORTS)
def test_anchors_start_every_page(keyset_archive, kind, key, descending):
    for filters in _filters(keyset_archive):
        expected = list(keyset_archive.record_ids(kind, filters, key, descending))
        anchors = keyset_archive.page_anchors(kind, filters, key, descending, step=PAGE)
        assert [a[-1] for a in anchors] == expected[::PAGE]
        for number, anchor in enumerate(anchors):
            keys = keyset_archive.record_keys(
                kind, filters, key, descending, after=anchor, inclusive=True, limit=PAGE
            )
            assert [k[-1] for k in keys] == expected[number * PAGE : (number + 1) * PAGE]


def test_sort_keys_are_whitelisted(keyset_archive):
    with pytest.raises(KeyError):
        keyset_archive.record_keys(RecordKind.QUOTES, sort_key="text; DROP TABLE quotes")
    with pytest.raises(KeyError):
        keyset_archive.record_keys(RecordKind.QUOTES, sort_key="tags")


def test_sort_copies_follow_edits_of_articles_speakers_and_places(keyset_archive):
    with Archive.in_memory() as archive:
        build_archive(archive, articles=20)
        archive.db.execute(
            "UPDATE articles SET published = '1999-01-01', title = 'Zz' WHERE id = 7"
        )
        archive.db.execute("UPDATE speakers SET name = 'AAA Homan' WHERE name = 'Tom Homan'")
        archive.db.execute("UPDATE places SET label = 'Aa, GA' WHERE label = 'Atlanta, GA'")
        for kind in RecordKind:
            for col in COLUMNS[kind]:
                if col.sort is None:
                    continue
                expected = list(archive.record_ids(kind, sort_key=col.key))
                assert _walk_forward(archive, kind, RecordFilter(), col.key, False) == expected
        first = archive.rows(RecordKind.QUOTES, archive.record_ids(RecordKind.QUOTES))[0]
        assert first["published"] == "1999-01-01"
        by_speaker = archive.record_ids(RecordKind.QUOTES, sort_key="speaker")
        assert archive.rows(RecordKind.QUOTES, by_speaker[:1])[0]["speaker"] == "AAA Homan"
        by_place = archive.record_ids(RecordKind.OPERATIONS, sort_key="place")
        assert archive.rows(RecordKind.OPERATIONS, by_place[:1])[0]["place"] == "Aa, GA"


def test_pre_aggregated_speaker_counts_follow_inserts_and_deletes():
    from archive_gui.core.store.bulk import delete_articles

    with Archive.in_memory() as archive:
        build_archive(archive, articles=30)
        exact = {
            v.id: v.count
            for v in archive._facet(
                "SELECT q.speaker_id FROM quotes q WHERE q.speaker_id IS NOT NULL",
                [],
                "SELECT id, name AS label FROM speakers",
                "speaker_id",
            )
        }
        assert {v.id: v.count for v in archive.speaker_facet()} == exact
        delete_articles(archive, [1, 2, 3])
        after = {v.id: v.count for v in archive.speaker_facet()}
        assert sum(after.values()) == archive.count(RecordKind.QUOTES) - sum(
            1
            for row in archive.rows(RecordKind.QUOTES, archive.record_ids(RecordKind.QUOTES))
            if row["speaker"] is None
        )


def test_capped_facets_are_marked_approximate(keyset_archive):
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    filters = RecordFilter(cities=frozenset({atlanta}))
    exact = keyset_archive.speaker_facet(filters)
    assert not any(v.approximate for v in exact)
    capped = keyset_archive.speaker_facet(filters, cap=10)
    assert all(v.approximate for v in capped)
    # ten quotes read: those with a speaker are counted
    with_speaker = (
        keyset_archive.count(RecordKind.QUOTES, filters)
        - keyset_archive.db.execute(
            "SELECT count(*) FROM quotes WHERE speaker_id IS NULL AND article_id IN"
            " (SELECT article_id FROM operations WHERE city_id = ?)",
            [atlanta],
        ).fetchone()[0]
    )
    assert sum(v.count for v in capped) <= 10 < with_speaker
    exact_counts = {v.id: v.count for v in exact}
    assert all(v.count <= exact_counts[v.id] for v in capped)  # lower bounds


PANEL_FACETS = ("cities", "speakers", "tags", "states", "outlets", "years", "agencies")
PANEL_FACETS += ("review_statuses",)


def _one_by_one(archive, shown, filters, cap=None) -> dict:
    found = {}
    for name in PANEL_FACETS:
        if name == "cities":
            found[name] = archive.city_facet(filters, cap)
        elif name == "speakers":
            found[name] = archive.speaker_facet(filters, cap)
        else:
            found[name] = archive.facet(name, shown, filters, cap)
    return found


@pytest.mark.parametrize("shown", list(RecordKind))
def test_facets_counted_together_equal_each_counted_alone(keyset_archive, shown):
    """Facets sharing their filters are counted from one read of the records: the same
    values, labels, counts and order as counting each on its own."""
    from archive_gui.core.search import parse

    tag_id = keyset_archive.db.execute("SELECT min(id) FROM tags").fetchone()[0]
    cases = _filters(keyset_archive) + [
        RecordFilter(search=parse("families")),
        RecordFilter(cities=_filters(keyset_archive)[1].cities, search=parse("families")),
        RecordFilter(states=frozenset({"GA"}), years=frozenset({2017})),
    ]
    if tag_id is not None:
        cases.append(RecordFilter(tags=frozenset({tag_id})))
    for filters in cases:
        together = keyset_archive.facets(PANEL_FACETS, shown, filters)
        assert together == _one_by_one(keyset_archive, shown, filters), filters
    assert any(together[name] for name in PANEL_FACETS)


def test_facets_counted_together_under_a_cap_are_lower_bounds(keyset_archive):
    atlanta = _filters(keyset_archive)[1]
    exact = keyset_archive.facets(PANEL_FACETS, RecordKind.QUOTES, atlanta)
    capped = keyset_archive.facets(PANEL_FACETS, RecordKind.QUOTES, atlanta, cap=10)
    larger = [name for name in PANEL_FACETS if sum(v.count for v in exact[name]) > 10]
    assert {"speakers", "years", "review_statuses", "states"} <= set(larger)
    for name in larger:
        assert capped[name] and all(v.approximate for v in capped[name]), name
        bounds = {v.id: v.count for v in exact[name]}
        assert all(v.count <= bounds[v.id] for v in capped[name]), name
    # one sample of ten quotes: at most one speaker, year and review status each
    for name in ("speakers", "years", "review_statuses"):
        assert sum(v.count for v in capped[name]) <= 10
    assert sum(v.count for v in capped["review_statuses"]) == 10


@pytest.mark.parametrize("descending", [False, True])
def test_a_search_sorted_by_date_pages_through_the_sort_key_index(keyset_archive, descending):
    """A free-text search alone, sorted by the default key, reads the sort keys from
    the covering index of schema 5; the pages, either way, are those of the plain
    (filter, then sort) order."""
    from archive_gui.core.search import parse

    kind = RecordKind.QUOTES
    filters = RecordFilter(search=parse("families"))
    expected = list(keyset_archive.record_ids(kind, filters, "published", descending))
    assert 0 < len(expected) < keyset_archive.count(kind)
    matches = keyset_archive.count(kind, filters)
    walked = _walk_forward(keyset_archive, kind, filters, "published", descending, matches)
    assert walked == expected
    assert _walk_backward(keyset_archive, kind, filters, "published", descending) == expected
    anchors = keyset_archive.page_anchors(kind, filters, "published", descending, step=PAGE)
    assert [a[-1] for a in anchors] == expected[::PAGE]
    plan = keyset_archive.db.execute(
        "EXPLAIN QUERY PLAN SELECT q.sort_published, q.start, q.id FROM"
        " quotes_fts JOIN quotes q INDEXED BY quotes_sort_keys ON q.id = quotes_fts.rowid"
        " WHERE quotes_fts MATCH ? ORDER BY q.sort_published, q.start, q.id LIMIT 5",
        ['"families"'],
    ).fetchall()
    assert any("COVERING INDEX quotes_sort_keys" in row[-1] for row in plan)


def test_charts_under_a_cap_are_lower_bounds_marked_sampled(keyset_archive):
    filters = RecordFilter()
    for read in (
        lambda cap: keyset_archive.arrests_by_place(filters, limit=50, cap=cap),
        lambda cap: keyset_archive.arrests_over_time(filters, "month", cap=cap),
    ):
        exact = read(None)
        assert exact and not any(t.sampled for t in exact)
        assert read(10_000_000) == exact  # a cap that is not reached changes nothing
        capped = read(10)
        assert capped and all(t.sampled for t in capped)
        assert sum(t.operations for t in capped) <= 10
        exact_totals = {_bar(t): t.total for t in exact}
        assert all(t.total <= exact_totals[_bar(t)] for t in capped)


def _bar(total) -> object:
    """A chart total's place or period."""
    return getattr(total, "place_id", None) or total.key


SEARCHES = ("families", "we", '"no comment"', "famil*", "we OR law", "law NOT we")


@pytest.mark.parametrize("plan", ["probe", "in", "index", "filtered", "probe, then in"])
@pytest.mark.parametrize(("kind", "key", "descending"), SORTS)
def test_every_plan_of_a_search_pages_in_the_full_order(
    keyset_archive, monkeypatch, plan, kind, key, descending
):
    """A free-text search found by probing the full-text index row by row, by looking each
    row up among the matches read once ("in"), or through the index and sorted gives the
    pages of one full ORDER BY, either way, alone and with another filter; so does a
    probing walk that gives up after a few rows and reads the rest of its page by "in"."""
    from archive_gui.core.search import parse

    if plan == "probe, then in":
        plan = "probe"
        monkeypatch.setattr(Archive, "_probe_budget", lambda *_args: 3)
    monkeypatch.setattr(Archive, "_plan", lambda *_args: plan)
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    for text in SEARCHES:
        for filters in (
            RecordFilter(search=parse(text)),
            RecordFilter(search=parse(text), cities=frozenset({atlanta})),
        ):
            expected = list(keyset_archive.record_ids(kind, filters, key, descending))
            assert expected
            assert _walk_forward(keyset_archive, kind, filters, key, descending) == expected
            assert _walk_backward(keyset_archive, kind, filters, key, descending) == expected


def _everything_read(archive, kind, filters) -> tuple:
    return (
        archive.count(kind, filters),
        archive.count(kind, filters, cap=7),
        archive.first_page(kind, filters, limit=PAGE),
        archive.facets(PANEL_FACETS, kind, filters),
        # a capped sample holds other records in another order: only whether it was capped
        {
            n: all(v.approximate for v in vs)
            for n, vs in archive.facets(["review_statuses"], kind, filters, 5).items()
        },
        archive.arrests_by_place(filters, limit=50),
        archive.arrests_over_time(filters, "week"),
        archive.page_anchors(kind, filters, step=3),
    )


@pytest.mark.parametrize("kind", list(RecordKind))
def test_a_search_among_few_filtered_records_reads_the_same_either_way(
    keyset_archive, monkeypatch, kind
):
    """Under a search and a city matching few records, the reads are driven by the city
    (each record probed in the full-text index) instead of by the search's matches: the
    counts, pages, facets and charts are the same."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    records = keyset_archive.count(kind, RecordFilter(cities=frozenset({atlanta})))
    for text in SEARCHES:
        filters = RecordFilter(search=parse(text), cities=frozenset({atlanta}))
        assert archive_module._filters_drive(keyset_archive.db, kind, filters)
        assert keyset_archive._plan(kind, filters, 10, PAGE) == "filtered"
        driven = _everything_read(keyset_archive, kind, filters)
        assert driven[0] > 0
        with monkeypatch.context() as patch:
            patch.setattr(archive_module, "FILTER_DRIVE_MAX", records - 1)
            patch.setattr(archive_module, "DRIVE_COUNT_MAX", records - 1)
            assert not archive_module._filters_drive(keyset_archive.db, kind, filters)
            assert keyset_archive._plan(kind, filters, 10, PAGE) != "filtered"
            assert _everything_read(keyset_archive, kind, filters) == driven, text
    # a search alone, or other filters without an index of their own, never do
    alone = RecordFilter(search=parse("we"))
    assert not archive_module._filters_drive(keyset_archive.db, kind, alone)
    by_year = RecordFilter(search=parse("we"), years=frozenset({2017}))
    assert not archive_module._filters_drive(keyset_archive.db, kind, by_year)


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize("descending", [False, True])
def test_a_search_driven_by_its_filters_reads_its_page_and_count_at_once(
    keyset_archive, monkeypatch, kind, descending
):
    """Each of the filters' records is probed once for the first page and the exact
    count together (never counted apart first), when the page needs most of them probed
    anyway (see ORDERED_PROBES_SAVE)."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    monkeypatch.setattr(archive_module, "ORDERED_PROBES_SAVE", float("inf"))
    monkeypatch.setattr(archive_module, "INTERSECT_DOCUMENTS", -1)
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    for text in SEARCHES:
        filters = RecordFilter(search=parse(text), cities=frozenset({atlanta}))
        expected = list(keyset_archive.record_ids(kind, filters, "published", descending))
        with monkeypatch.context() as patch:
            patch.setattr(Archive, "count", lambda *_args, **_kw: pytest.fail("counted"))
            first = keyset_archive.first_page(kind, filters, "published", descending, limit=5)
        assert [k[-1] for k in first.keys] == expected[:5], text
        assert first.exact and first.count == len(expected)


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize("descending", [False, True])
def test_a_driven_search_probes_its_records_in_list_order_until_the_page_is_full(
    keyset_archive, monkeypatch, kind, descending
):
    """When the page needs few of the filters' records probed, they are read in list
    order and probed a chunk at a time: the page is the full order's, and the count a
    lower bound (exact only if every record was probed), counted in full later."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    monkeypatch.setattr(archive_module, "ORDERED_PROBES_SAVE", 0.0)
    monkeypatch.setattr(archive_module, "INTERSECT_DOCUMENTS", -1)  # every word common
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    records = keyset_archive.count(kind, RecordFilter(cities=frozenset({atlanta})))
    lower_bounds = 0
    for text in SEARCHES:
        filters = RecordFilter(search=parse(text), cities=frozenset({atlanta}))
        assert archive_module._filters_drive(keyset_archive.db, kind, filters)
        expected = list(keyset_archive.record_ids(kind, filters, "published", descending))
        with monkeypatch.context() as patch:
            patch.setattr(Archive, "count", lambda *_args, **_kw: pytest.fail("counted"))
            first = keyset_archive.first_page(kind, filters, "published", descending, limit=5)
        assert [k[-1] for k in first.keys] == expected[:5], text
        assert len(first.keys) <= first.count <= len(expected), text
        if first.exact:
            assert first.count == first.matches == len(expected), text
        else:
            lower_bounds += 1
            assert 0 < first.matches <= records, text
        assert keyset_archive.count(kind, filters) == len(expected)
    assert lower_bounds  # a common word filled its page before every record was probed


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("drives", [False, True])
def test_a_search_with_few_documents_is_intersected_with_its_filters_records(
    keyset_archive, monkeypatch, kind, descending, drives
):
    """A search matching few documents under a filter of at most DRIVE_COUNT_MAX records
    (driving or not) reads the matching documents' ids and keeps the filter's records
    among them: the page and the exact count at once, never probed, joined or counted."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    if not drives:  # a filter too big to drive, yet small enough to read
        monkeypatch.setattr(archive_module, "FILTER_DRIVE_MAX", -1)
        monkeypatch.setattr(archive_module, "MATCH_TEST_US", 0.0)
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    cox = next(v.id for v in keyset_archive.speaker_facet() if v.label == "Bryan Cox")
    for others in ({"cities": frozenset({atlanta})}, {"speakers": frozenset({cox})}):
        for text in SEARCHES:
            filters = RecordFilter(search=parse(text), **others)
            assert archive_module._filters_drive(keyset_archive.db, kind, filters) is drives
            expected = list(keyset_archive.record_ids(kind, filters, "published", descending))
            with monkeypatch.context() as patch:
                patch.setattr(Archive, "count", lambda *_args, **_kw: pytest.fail("counted"))
                patch.setattr(archive_module, "FTS_HITS_AMONG", None)  # no probe
                patch.setattr(Archive, "_count_for_plan", lambda *_a, **_k: pytest.fail("plan"))
                first = keyset_archive.first_page(kind, filters, "published", descending, 5)
            assert [k[-1] for k in first.keys] == expected[:5], text
            assert first.exact and first.count == first.matches == len(expected), text


@pytest.mark.parametrize("kind", list(RecordKind))
def test_a_bigger_filter_drives_a_search_when_probing_costs_less(keyset_archive, monkeypatch, kind):
    """Above FILTER_DRIVE_MAX records (up to DRIVE_COUNT_MAX) the filters drive when
    probing each record costs less than reading the word's matches: a common word
    does, a rare one not; a prefix search never (it has no cheap probe)."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    city = frozenset({atlanta})
    records = keyset_archive.count(kind, RecordFilter(cities=city))
    monkeypatch.setattr(archive_module, "FILTER_DRIVE_MAX", records - 1)
    monkeypatch.setattr(archive_module, "DRIVE_COUNT_MAX", records)

    def drives(text: str) -> bool:
        filters = RecordFilter(search=parse(text), cities=city)
        return archive_module._filters_drive(keyset_archive.db, kind, filters)

    documents = keyset_archive.count(kind, RecordFilter(search=parse("we")))
    per_match = archive_module.DRIVE_PROBE_US * records / documents
    monkeypatch.setattr(archive_module, "MATCH_TEST_US", per_match * 100)
    assert drives("we")  # reading its matches would cost a hundred times more
    assert not drives("we*")
    monkeypatch.setattr(archive_module, "MATCH_TEST_US", per_match / 100)
    assert not drives("we")
    monkeypatch.setattr(archive_module, "DRIVE_COUNT_MAX", records - 1)
    monkeypatch.setattr(archive_module, "MATCH_TEST_US", per_match * 100)
    assert not drives("we")  # beyond the count where the cost is weighed at all


@pytest.mark.parametrize("kind", list(RecordKind))
def test_a_common_word_under_a_big_filter_is_counted_from_a_sample_first(
    keyset_archive, monkeypatch, kind
):
    """Before the first page of a search under a filter matching many records, the
    matches are counted among the first eighth of the full-text index only: a lower
    bound, with the page itself the same as the full order's."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    monkeypatch.setattr(archive_module, "FILTER_DRIVE_MAX", -1)  # the filter is "big"
    monkeypatch.setattr(archive_module, "DRIVE_COUNT_MAX", -1)
    monkeypatch.setattr(archive_module, "FEW_MATCHES", 0)  # and so are the matches
    monkeypatch.setattr(archive_module, "COUNT_FLOOR", 1)
    monkeypatch.setattr(Archive, "_plan_settled", lambda *_args: 2)
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    filters = RecordFilter(search=parse("we"), cities=frozenset({atlanta}))
    expected = list(keyset_archive.record_ids(kind, filters, "published"))
    sample = keyset_archive._matches_among_first_documents(kind, filters)
    assert 0 < sample < len(expected)
    first = keyset_archive.first_page(kind, filters, "published", limit=5)
    assert not first.exact and first.count == sample
    assert [k[-1] for k in first.keys] == expected[:5]
    assert keyset_archive.count(kind, filters) == len(expected)  # counted in full later


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize(("key", "descending"), [("published", False), ("published", True)])
def test_a_search_with_few_matches_under_a_big_filter_reads_them_once(
    keyset_archive, monkeypatch, kind, key, descending
):
    """When a sample says a search under a filter has few matches, they are all read
    sorted, once: the first page and the exact count are those of the full order."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    monkeypatch.setattr(archive_module, "FILTER_DRIVE_MAX", -1)  # the filter is "big"
    monkeypatch.setattr(archive_module, "DRIVE_COUNT_MAX", -1)
    atlanta = next(v.id for v in keyset_archive.city_facet() if v.label == "Atlanta, GA")
    for text in SEARCHES:
        filters = RecordFilter(search=parse(text), cities=frozenset({atlanta}))
        expected = list(keyset_archive.record_ids(kind, filters, key, descending))
        with monkeypatch.context() as patch:  # read once: never counted apart
            patch.setattr(Archive, "count", lambda *_args, **_kw: pytest.fail("counted"))
            first = keyset_archive.first_page(kind, filters, key, descending, limit=5)
        assert first.exact and first.count == first.matches == len(expected)
        assert [k[-1] for k in first.keys] == expected[:5]
        with monkeypatch.context() as patch:  # more than a few: the same page, and
            patch.setattr(archive_module, "FEW_MATCHES", 0)  # the sample's lower bound
            patch.setattr(Archive, "count", lambda *_args, **_kw: pytest.fail("counted"))
            sampled = keyset_archive.first_page(kind, filters, key, descending, limit=5)
        assert sampled.keys == first.keys
        sample = keyset_archive._matches_among_first_documents(kind, filters)
        if sample:  # an empty sample plans by no matches (found through the index)
            assert not sampled.exact and sampled.count == max(sample, len(sampled.keys))
            assert sampled.matches == sample * archive_module.SAMPLE


def test_a_search_alone_takes_the_cheapest_plan(keyset_archive, monkeypatch):
    """Many matches are probed, a middling number looked up among the matches read once,
    few sorted; a prefix term (which expands to every word it starts) is never probed."""
    from archive_gui.core.search import parse

    archive = keyset_archive
    monkeypatch.setattr(archive, "_max_id", lambda _table: 1_000_000)
    words, prefix = RecordFilter(search=parse("we")), RecordFilter(search=parse("famil*"))
    assert archive._plan(RecordKind.QUOTES, words, 800_000, PAGE) == "probe"
    assert archive._plan(RecordKind.QUOTES, words, 40_000, PAGE) == "in"
    assert archive._plan(RecordKind.QUOTES, words, 800, PAGE) == "index"
    assert archive._plan(RecordKind.QUOTES, prefix, 800_000, PAGE) == "in"
    # The matches are counted only as far as the plan changes with them.
    settled = archive._plan_settled(RecordKind.QUOTES, words, PAGE)
    assert archive._plan(RecordKind.QUOTES, words, settled, PAGE) == "probe"
    assert archive._plan(RecordKind.QUOTES, words, settled // 2, PAGE) == "in"
    settled = archive._plan_settled(RecordKind.QUOTES, prefix, PAGE)
    assert archive._plan(RecordKind.QUOTES, prefix, settled // 2, PAGE) == "index"
    assert archive._plan(RecordKind.QUOTES, prefix, settled, PAGE) == "in"


def test_a_search_under_a_filter_walks_by_the_probes_it_needs(keyset_archive, monkeypatch):
    """Under other filters only the rows they keep are probed: a common word walks even
    where its matches are too few for a walk over the whole list by rows alone ("we" in
    New York at 1M: 244 probes over 2,700 rows, where sorting its 75,000 matches took
    350 ms); a word needing more probes, or a walk too long in rows, is found through
    the index."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    archive = keyset_archive
    atlanta = next(v.id for v in archive.city_facet() if v.label == "Atlanta, GA")
    city = frozenset({atlanta})
    common = RecordFilter(search=parse("we"), cities=city)
    share = archive._search_share(RecordKind.QUOTES, common)
    assert 0 < share <= 1
    monkeypatch.setattr(archive_module, "_filters_drive", lambda *_args: False)
    size = archive._max_id("quotes")
    # a tenth of the rows walked matches: the old rule (rows walked <= WALK_PROBES) said no
    monkeypatch.setattr(archive_module, "WALK_PROBES", 2 * PAGE / share)
    matches = max(1, size // 10)
    assert PAGE * size / matches > archive_module.WALK_PROBES
    assert archive._plan(RecordKind.QUOTES, common, matches, PAGE) == "probe"
    monkeypatch.setattr(archive_module, "WALK_PROBES", PAGE / share / 2)
    assert archive._plan(RecordKind.QUOTES, common, matches, PAGE) == "index"
    monkeypatch.setattr(archive_module, "WALK_PROBES", 2 * PAGE / share)
    monkeypatch.setattr(archive_module, "WALK_STEPS", PAGE * size / matches - 1)
    assert archive._plan(RecordKind.QUOTES, common, matches, PAGE) == "index"
    # whichever plan, the page is the full order's
    expected = list(archive.record_ids(RecordKind.QUOTES, common, "published"))[:PAGE]
    for plan in ("probe", "index"):
        keys = archive.record_keys(RecordKind.QUOTES, common, "published", plan=plan)
        assert [k[-1] for k in keys] == expected


def test_a_common_word_is_sampled_among_fewer_documents(keyset_archive, monkeypatch):
    """The sample of a search under a big filter reads about SAMPLE_READS matches: a
    commoner word is counted among a smaller first part of the index, and that count
    is the lower bound shown first (its page still the full order's)."""
    from archive_gui.core.search import parse
    from archive_gui.core.store import archive as archive_module

    archive, kind = keyset_archive, RecordKind.QUOTES
    monkeypatch.setattr(archive_module, "FILTER_DRIVE_MAX", -1)
    monkeypatch.setattr(archive_module, "DRIVE_COUNT_MAX", -1)
    monkeypatch.setattr(archive_module, "FEW_MATCHES", 0)
    atlanta = next(v.id for v in archive.city_facet() if v.label == "Atlanta, GA")
    filters = RecordFilter(search=parse("we"), cities=frozenset({atlanta}))
    assert archive._sample_part(kind, filters) == archive_module.SAMPLE
    reads = archive._search_sample(kind, filters)
    monkeypatch.setattr(archive_module, "SAMPLE_READS", max(1, reads // 2))
    part = archive._sample_part(kind, filters)
    assert part >= 2 * archive_module.SAMPLE
    sample = archive._matches_among_first_documents(kind, filters, part)
    first_ids = archive._max_id("quotes") // part
    expected = list(archive.record_ids(kind, filters, "published"))
    assert sample == sum(1 for i in expected if i <= first_ids)
    first = archive.first_page(kind, filters, "published", limit=5)
    if sample:
        assert not first.exact and first.count == max(sample, 5)
        assert first.matches == sample * part
    assert [k[-1] for k in first.keys] == expected[:5]


@pytest.mark.parametrize("kind", list(RecordKind))
@pytest.mark.parametrize("text", ["we", "families", 'speaker:"Bryan Cox"'])
def test_the_first_page_comes_with_an_exact_count_or_a_lower_bound(
    keyset_archive, monkeypatch, kind, text
):
    from archive_gui.core.search import parse

    filters = RecordFilter(search=parse(text))
    expected = list(keyset_archive.record_ids(kind, filters, "published"))
    first = keyset_archive.first_page(kind, filters, "published", limit=PAGE)
    assert first.exact and first.count == len(expected)
    assert [k[-1] for k in first.keys] == expected[:PAGE]
    # Counting stops early (here after 3 matches): the count is then a lower bound, and
    # the page is the same.
    monkeypatch.setattr(Archive, "_plan_settled", lambda *_args: 3)
    monkeypatch.setattr("archive_gui.core.store.archive.COUNT_FLOOR", 3)
    monkeypatch.setattr("archive_gui.core.store.archive.EXACT_COUNT_DOCS", 0)
    first = keyset_archive.first_page(kind, filters, "published", limit=PAGE)
    assert [k[-1] for k in first.keys] == expected[:PAGE]
    assert not first.exact
    assert PAGE == len(first.keys) <= first.count <= len(expected)
    assert keyset_archive.count(kind, filters, cap=3) == 3
    assert keyset_archive.count(kind, filters, cap=10**9) == len(expected)
    # A page that holds the whole list counts it.
    small = keyset_archive.first_page(kind, filters, "published", limit=len(expected) + 1)
    assert small.exact and small.count == len(expected)


def test_a_common_word_is_sampled_before_its_first_page(keyset_archive, monkeypatch):
    """When the matches among the first eighth of the index's ids already settle the plan,
    they are not counted further: that sample is the lower bound shown first."""
    from archive_gui.core.search import parse

    archive, kind = keyset_archive, RecordKind.QUOTES
    filters = RecordFilter(search=parse("we OR families OR law"))
    monkeypatch.setattr(Archive, "_plan_settled", lambda *_args: 10)
    monkeypatch.setattr("archive_gui.core.store.archive.COUNT_FLOOR", 10)
    first = archive.first_page(kind, filters, "published", limit=PAGE)
    eighth = archive._max_id("quotes") // 8
    expected = [i for i in archive.record_ids(kind, filters) if i <= eighth]
    assert len(expected) * 8 >= 20
    assert not first.exact
    assert first.count == max(len(expected), PAGE)
    assert first.matches == len(expected) * 8
    assert [k[-1] for k in first.keys] == list(archive.record_ids(kind, filters, "published"))[
        :PAGE
    ]


@pytest.mark.parametrize("kind", list(RecordKind))
def test_matches_that_drive_a_query_test_the_other_filters_row_by_row(kind):
    """Joined to the full-text matches, the other filters are kept off the indexes: with
    an article list usable as an index constraint, SQLite looked each match up once per
    listed article (67 s for a common word in a city at 100,000 quotes)."""
    from archive_gui.core.search import parse
    from archive_gui.core.store.archive import _source

    filters = RecordFilter(search=parse("we"), cities=frozenset({1}), speakers=frozenset({2}))
    source, where, _params = _source(kind, filters)
    assert "_fts JOIN" in source
    alias = "o" if kind is RecordKind.OPERATIONS else "q"
    conditions = [c for c in where.removeprefix("WHERE ").split(" AND ") if "IN (" in c]
    assert conditions and all(c.startswith(f"+{alias}.") for c in conditions), where
