"""The item models: Qt's model contract, paging, sorting and presentation."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from archive_gui.core.store.schema import RecordFilter, RecordKind, column
from archive_gui.ui.models import (
    APPROXIMATE_MARK,
    MAX_CACHED_PAGES,
    CountRole,
    FacetIdRole,
    FacetListModel,
    OperationsTableModel,
    QuotesTableModel,
    RecordRole,
)


def _column_index(model, key: str) -> int:
    return next(c for c in range(model.columnCount()) if model.column_key(c) == key)


def _display_column(model, key: str) -> list[str]:
    col = _column_index(model, key)
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_operations_model_passes_qt_model_checks(qtmodeltester, archive):
    qtmodeltester.check(OperationsTableModel(archive))


def test_quotes_model_passes_qt_model_checks(qtmodeltester, archive):
    qtmodeltester.check(QuotesTableModel(archive))


def test_empty_models_pass_qt_model_checks(qtmodeltester, empty_archive):
    qtmodeltester.check(OperationsTableModel(empty_archive))
    qtmodeltester.check(QuotesTableModel(empty_archive))
    qtmodeltester.check(FacetListModel())


def test_facet_model_passes_qt_model_checks(qtmodeltester, archive):
    model = FacetListModel("operations")
    model.set_values(archive.city_facet())
    model.set_checked(model.index(0).data(FacetIdRole), True)
    qtmodeltester.check(model)


def test_headers_come_from_the_column_whitelist(archive):
    model = QuotesTableModel(archive)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Quote", "Speaker", "Role", "Tags", "Published", "Article", "Review"]


def test_approximate_counts_are_marked(archive):
    model = OperationsTableModel(archive)
    col = _column_index(model, "count_text")
    by_text = {}
    for row in range(model.rowCount()):
        index = model.index(row, col)
        by_text[index.data(RecordRole)["count_text"]] = index
    assert by_text["nearly 100"].data() == f"{APPROXIMATE_MARK} nearly 100"
    assert by_text["nearly 100"].data(Qt.ItemDataRole.FontRole).italic()
    assert by_text["42"].data() == "42"
    assert by_text["42"].data(Qt.ItemDataRole.FontRole) is None
    qualifiers = set(_display_column(model, "qualifier"))
    assert "more than" in qualifiers


def test_long_quote_has_its_full_text_as_tooltip(archive):
    model = QuotesTableModel(archive)
    col = _column_index(model, "text")
    tooltips = {
        model.index(row, col).data(RecordRole)["text"]: model.index(row, col).data(
            Qt.ItemDataRole.ToolTipRole
        )
        for row in range(model.rowCount())
    }
    long_quote = next(text for text in tooltips if text.startswith("This is only"))
    assert long_quote in tooltips[long_quote]
    assert tooltips["We will continue"] is None


def test_record_role_carries_spans_for_the_detail_pane(archive):
    model = QuotesTableModel(archive)
    record = model.index(0, 0).data(RecordRole)
    article = archive.article(record["article_id"])
    assert article.text[record["start"] : record["end"]] == record["text"]
    assert record["mention_start"] is not None


def test_sort_requeries_in_column_order(archive):
    model = OperationsTableModel(archive)
    arrests = _column_index(model, "count_text")
    model.sort(arrests, Qt.SortOrder.DescendingOrder)
    counts = [model.record(row)["count"] for row in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    model.sort(arrests, Qt.SortOrder.AscendingOrder)
    assert [model.record(row)["count"] for row in range(model.rowCount())] == sorted(counts)


def test_sorting_an_unsortable_column_does_nothing(qtbot, archive):
    model = QuotesTableModel(archive)
    tags = _column_index(model, "tags")
    assert column(RecordKind.QUOTES, "tags").sort is None
    before = [model.record(row)["id"] for row in range(model.rowCount())]
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(tags, Qt.SortOrder.DescendingOrder)
    assert [model.record(row)["id"] for row in range(model.rowCount())] == before
    assert model.sort_column() != tags


def test_filters_requery(archive):
    model = OperationsTableModel(archive)
    atlanta = next(v for v in archive.city_facet() if v.label == "Atlanta, GA")
    model.set_filters(RecordFilter(cities=frozenset({atlanta.id})))
    assert model.rowCount() == atlanta.count == 2
    assert set(_display_column(model, "place")) == {"Atlanta, GA"}


def test_facet_keeps_checked_values_whose_count_dropped_to_zero(qtbot, archive):
    model = FacetListModel("operations")
    model.set_values(archive.city_facet())
    los_angeles = next(v for v in archive.city_facet() if v.label == "Los Angeles, CA")
    with qtbot.waitSignal(model.checked_changed):
        model.set_checked(los_angeles.id, True)
    homan = next(v for v in archive.speaker_facet() if v.label == "Tom Homan")
    model.set_values(archive.city_facet(RecordFilter(speakers=frozenset({homan.id}))))
    labels = {
        model.index(r).data(): model.index(r).data(CountRole) for r in range(model.rowCount())
    }
    assert labels["Los Angeles, CA"] == 0
    assert model.checked_ids() == {los_angeles.id}


# -- keyset paging through the model ----------------------------------------------


@pytest.fixture(scope="module")
def paged_archive():
    from archive_gui.core.store import Archive
    from tests.core.store.test_keyset import build_archive

    with Archive.in_memory() as archive:
        yield build_archive(archive, articles=500)


def _model_ids(model, rows) -> list[int]:
    return [model.record(row)["id"] for row in rows]


@pytest.mark.parametrize("key", ["published", "speaker", "role", "text", "article"])
@pytest.mark.parametrize("descending", [False, True])
def test_model_pages_by_key_in_any_order_of_access(paged_archive, key, descending):
    model = QuotesTableModel(paged_archive)
    model.sort(_column_index(model, key), Qt.SortOrder(int(descending)))
    expected = list(
        paged_archive.record_ids(RecordKind.QUOTES, sort_key=key, descending=descending)
    )
    count = model.rowCount()
    assert count == len(expected) == 2500
    # Jump to the end first, then walk up; then random rows (pages from anchors).
    assert _model_ids(model, range(count - 1, -1, -1)) == expected[::-1]
    rows = random.Random(1).sample(range(count), 300)
    assert _model_ids(model, rows) == [expected[row] for row in rows]
    assert model.cached_page_count <= MAX_CACHED_PAGES


def test_model_pages_under_filters(paged_archive):
    model = OperationsTableModel(paged_archive)
    atlanta = next(v.id for v in paged_archive.city_facet() if v.label == "Atlanta, GA")
    cox = next(v.id for v in paged_archive.speaker_facet() if v.label == "Bryan Cox")
    for filters in (
        RecordFilter(cities=frozenset({atlanta})),
        RecordFilter(speakers=frozenset({cox})),
        RecordFilter(cities=frozenset({atlanta}), speakers=frozenset({cox})),
    ):
        model.set_filters(filters)
        expected = list(paged_archive.record_ids(RecordKind.OPERATIONS, filters))
        assert model.rowCount() == len(expected)
        last = model.rowCount() - 1
        assert model.record(last)["id"] == expected[-1]
        assert _model_ids(model, range(model.rowCount())) == expected


def test_paged_models_pass_qt_model_checks(qtmodeltester, paged_archive):
    model = QuotesTableModel(paged_archive)
    model.sort(_column_index(model, "speaker"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_approximate_facet_counts_are_marked(qtmodeltester):
    from archive_gui.core.store.archive import FacetValue
    from archive_gui.ui.models import ApproximateRole

    model = FacetListModel("quotes")
    model.set_values([FacetValue(1, "ICE", 1200, approximate=True), FacetValue(2, "ACLU", 3)])
    assert model.index(0).data(ApproximateRole) is True
    assert "at least 1,200" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1).data(ApproximateRole) is False
    qtmodeltester.check(model)


def test_facet_model_with_exclusions_passes_qt_model_checks(qtmodeltester, archive):
    from archive_gui.core.store.schema import RecordFilter, RecordKind

    model = FacetListModel("operations")
    model.set_values(archive.facet("states", RecordKind.OPERATIONS, RecordFilter()))
    model.set_excluded("CA", True)
    model.set_checked("GA", True)
    model.set_values([])  # the selected values stay listed
    assert model.rowCount() == 2
    assert model.excluded_ids() == frozenset({"CA"}) and model.checked_ids() == frozenset({"GA"})
    qtmodeltester.check(model)
