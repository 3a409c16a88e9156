"""Property-based tests of the core, with Hypothesis.

* Extraction terminates on any text, quickly, and every record's offsets index its
  surface form in the text.
* Importing any bytes as a file stores one article or fails that file with a reason.
* Any search string gives results or a clear SearchSyntaxError, never another error.
* A bundle exported from one archive and imported into another carries every article,
  record, speaker, tag and note unchanged.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_gui.core.extract import extract
from archive_gui.core.importer import import_paths
from archive_gui.core.records import ArticleMeta
from archive_gui.core.search import SearchSyntaxError
from archive_gui.core.store import Archive, RecordKind
from archive_gui.core.store.search_sql import search_ids
from tests.reliability.helpers import heavy

EXAMPLES = 2000 if heavy() else 300


def examples(n: int = EXAMPLES):
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


# Pieces of news prose, so that generated text reaches the extraction rules.
TOKENS = (
    '"', "“", "”", "‘", "’", "'", "«", "»", " ", " ", " ", "\n", "\n\n", ".", ",", ":", "—",
    "said", " said ", "says", "told", "according to", "he", "she", "they", "ICE", "DHS",
    "spokesman", "spokeswoman", "Bryan Cox", "Maria Lopez", "Mr. Cox", "Cox", "the ACLU",
    "arrested", "detained", "arrests", "people", "immigrants", "nearly", "about", "more than",
    "at least", "up to", "dozens", "hundreds", "thousands", "of", "100", "42", "1,179",
    "2,000", "five", "twenty-one", "in", "across", "Atlanta", "Georgia", "Los Angeles",
    "California", "the Atlanta area", "nationwide", "this week", "on Tuesday", "last month",
    "We are targeting public safety threats", "Families are terrified", "🇺🇸", "مرحبا", "é",
)  # fmt: skip

prose = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=80).map("".join)
any_text = st.one_of(prose, st.text(max_size=300))


def check_spans(text: str) -> None:
    started = time.perf_counter()
    found = extract(text)
    assert time.perf_counter() - started < 5
    for q in found.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.mention_start is not None:
            assert text[q.mention_start : q.mention_end] == q.mention_text
    for o in found.operations:
        assert 0 <= o.start <= o.end <= len(text)
        assert text[o.start : o.end] == o.count_text
        if o.place_start is not None:
            assert text[o.place_start : o.place_end] == o.place_text
        assert o.part_of is None or 0 <= o.part_of < len(found.operations)


@examples()
@given(any_text)
def test_extraction_terminates_and_every_span_is_its_surface_form(text):
    check_spans(text)


@examples(EXAMPLES // 3)
@given(st.lists(prose, min_size=1, max_size=6).map("\n\n".join))
def test_spans_hold_in_multi_paragraph_articles(text):
    check_spans(text)


def test_a_very_long_number_does_not_crash_extraction():
    check_spans("Agents arrested " + "1" * 400 + " people in Atlanta.")


@examples(60)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html"]))
def test_any_bytes_import_as_one_article_or_fail_alone(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / f"file{suffix}"
    path.write_bytes(data)
    with Archive.in_memory() as archive:
        report = import_paths(archive, [path])
        assert report.added + len(report.failed) == 1
        assert archive.totals().articles == report.added
        for _, reason in report.failed:
            assert reason and "unexpected error" not in reason


# -- search ------------------------------------------------------------------------------

SEARCH_TOKENS = (
    " ", '"', "(", ")", "*", "-", ":", "AND", "OR", "NOT", "and", "or", "speaker:", "city:",
    "tag:", "outlet:", "year:", "status:", "verified", "2019", "2019..2020", "Cox", "Atlanta",
    "families", "NEAR", "^", "{", "}", "%", "_", "\\", "'", ";", "--", "/*", "\x00", "🙂",
)  # fmt: skip

search_strings = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(SEARCH_TOKENS), max_size=12).map("".join),
)


@pytest.fixture(scope="module")
def searchable():
    from tests.ui.conftest import fill_archive

    with Archive.in_memory() as archive:
        yield fill_archive(archive)


@examples()
@given(query=search_strings)
def test_any_search_string_gives_results_or_a_clear_error(searchable, query):
    for kind in (RecordKind.QUOTES, RecordKind.OPERATIONS):
        try:
            ids = search_ids(searchable.db, kind, query)
        except SearchSyntaxError as exc:
            assert exc.message and 0 <= exc.position <= len(query)
        else:
            assert ids == sorted(set(ids))
            assert set(ids) <= set(searchable.record_ids(kind))


# -- bundles ----------------------------------------------------------------------------

field_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
articles = st.lists(
    st.tuples(prose, st.one_of(st.none(), field_text), st.one_of(st.none(), field_text)),
    min_size=1,
    max_size=4,
)


def _comparable(archive: Archive) -> tuple:
    """Everything an archive says about its records, without the ids it gave them."""
    quotes = []
    for row in archive.iter_export(RecordKind.QUOTES):
        row = dict(row)
        row.pop("id"), row.pop("article_id")
        row["tags"] = sorted(row["tags"])
        quotes.append(tuple(sorted(row.items())))
    operations = []
    by_id = {}
    for row in archive.iter_export(RecordKind.OPERATIONS):
        by_id[row["id"]] = (row["article_sha256"], row["start"])
        row = dict(row)
        row.pop("id"), row.pop("article_id")
        row["part_of"] = by_id.get(row["part_of"]) if row["part_of"] else None
        operations.append(tuple(sorted(row.items())))
    return sorted(quotes, key=repr), sorted(operations, key=repr)


@examples(40)
@given(articles=articles, tag=field_text.filter(lambda t: t.strip("/ ")), note=field_text)
def test_bundle_export_then_import_round_trips(tmp_path_factory, articles, tag, note):
    from archive_gui.core.bundle import export_bundle, import_bundle
    from archive_gui.core.store.curation import Curation

    bundle = tmp_path_factory.mktemp("bundle") / "out.bundle"
    with Archive.in_memory() as source, Archive.in_memory() as target:
        for n, (text, title, outlet) in enumerate(articles):
            text = f"{n}\n{text}"  # distinct texts
            meta = ArticleMeta(title=title, outlet=outlet)
            source.add_article(text, meta, extract(text), "test")
        quote_ids = list(source.record_ids(RecordKind.QUOTES))
        if quote_ids and "/".join(p.strip() for p in tag.strip().strip("/").split("/")):
            curation = Curation(source)
            try:
                curation.tag_quotes(quote_ids[::2], tag)
            except Exception as exc:  # a tag name the curation rules refuse
                assert type(exc).__name__ == "CurationError"
            source.db.execute("UPDATE quotes SET note = ? WHERE id = ?", [note, quote_ids[0]])
        export_bundle(source, bundle)
        import_bundle(target, bundle)
        assert target.totals() == source.totals()
        assert _comparable(target) == _comparable(source)
