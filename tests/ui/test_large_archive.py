"""A big archive stays cheap: the table keeps a count and a few pages, never every row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from archive_gui.core.records import ArticleMeta, Extraction, Quote
from archive_gui.core.store import Archive
from archive_gui.ui.main_window import RecordTableView
from archive_gui.ui.models import MAX_CACHED_PAGES, PAGE_SIZE, QuotesTableModel, RecordRole

ARTICLES = 200
QUOTES_PER_ARTICLE = 100


@pytest.fixture(scope="module")
def big_archive():
    with Archive.in_memory() as archive:
        for a in range(ARTICLES):
            lines = [f"Quote {a}-{q} said speaker {q % 7}." for q in range(QUOTES_PER_ARTICLE)]
            text = "\n".join(lines)
            quotes = []
            offset = 0
            for q, line in enumerate(lines):
                words = line.split(" said")[0]
                quotes.append(
                    Quote(text=words, start=offset, end=offset + len(words), speaker=f"S{q % 7}")
                )
                offset += len(line) + 1
            archive.add_article(
                text, ArticleMeta(title=f"Article {a}"), Extraction(quotes=quotes), "test"
            )
        yield archive


@pytest.mark.slow
def test_scrolling_to_the_end_caches_only_a_few_pages(qtbot, big_archive):
    model = QuotesTableModel(big_archive)
    assert model.rowCount() == ARTICLES * QUOTES_PER_ARTICLE == 20_000
    view = RecordTableView(model, "quotesTable")
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)

    view.scrollToBottom()
    qtbot.wait(10)  # let the view paint the rows at the end
    view.viewport().repaint()
    last = model.index(model.rowCount() - 1, 0)
    assert last.data(RecordRole) is not None
    assert 1 <= model.cached_page_count <= 2

    for row in range(0, model.rowCount(), PAGE_SIZE):  # touch every page once
        model.index(row, 0).data()
    assert model.cached_page_count == MAX_CACHED_PAGES


@pytest.mark.slow
def test_sorting_a_big_table_keeps_it_paged(qtbot, big_archive):
    model = QuotesTableModel(big_archive)
    model.index(0, 0).data()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.cached_page_count == 1  # the first page comes with the new query
    assert model.index(0, 0).data() >= model.index(model.rowCount() - 1, 0).data()
    assert model.cached_page_count == 2


@pytest.fixture(scope="module")
def big_file_archive(tmp_path_factory, big_archive):
    path = tmp_path_factory.mktemp("big") / "big.db"
    big_archive.db.conn.execute("VACUUM INTO ?", [str(path)])
    with Archive.open(path) as archive:
        yield archive


@pytest.mark.slow
@pytest.mark.parametrize("search", ["Quote", None])
def test_a_page_is_read_off_the_gui_thread(qtbot, big_file_archive, search):
    """Under a filter (a page may take a scan) and without one (the disk may be cold)."""
    from archive_gui.core.search import parse
    from archive_gui.core.store.schema import RecordFilter
    from archive_gui.ui.models import wait_for_background

    model = QuotesTableModel(big_file_archive)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filters(RecordFilter(search=parse(search) if search else None))
    assert model.rowCount() == ARTICLES * QUOTES_PER_ARTICLE
    with qtbot.waitSignal(model.anchors_ready, timeout=10_000):
        pass
    far = model.rowCount() // 2
    assert model.index(far, 0).data() is None  # asked for: read in the background
    assert model.is_fetching
    with qtbot.waitSignal(model.dataChanged, timeout=10_000):
        pass
    assert not model.is_fetching
    assert model.index(far, 0).data(RecordRole) is not None
    wait_for_background()


@pytest.mark.slow
def test_a_list_not_shown_scans_for_its_anchors_only_once_shown(qtbot, big_file_archive):
    from archive_gui.ui.models import wait_for_background

    model = QuotesTableModel(big_file_archive)
    model.set_anchors_wanted(False)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        pass
    wait_for_background()
    assert not model.has_anchors  # a hidden list is never scrolled: no scan
    with qtbot.waitSignal(model.anchors_ready, timeout=10_000):
        model.set_anchors_wanted(True)
    assert model.has_anchors
    with qtbot.assertNotEmitted(model.anchors_ready, wait=100):
        model.set_anchors_wanted(True)  # already scanned: not again
    wait_for_background()


@pytest.mark.slow
def test_anchors_repaint_the_rows_only_when_a_row_waited_for_them(qtbot, big_file_archive):
    """Any range of dataChanged repaints everything a view shows, so the anchors'
    arrival signals it only when a row read as empty for want of them."""
    from archive_gui.ui.models import wait_for_background

    changed: list[int] = []
    for ask_far_row in (False, True):
        model = QuotesTableModel(big_file_archive)
        model.set_anchors_wanted(False)
        with qtbot.waitSignal(model.loaded, timeout=10_000):
            pass
        wait_for_background()
        model.index(0, 0).data()  # the first page, on screen
        far = model.rowCount() // 2
        if ask_far_row:
            assert model.index(far, 0).data() is None  # no page query reaches it yet
        record = lambda *_args, asked=ask_far_row: changed.append(asked)  # noqa: E731
        model.dataChanged.connect(record)
        with qtbot.waitSignal(model.anchors_ready, timeout=10_000):
            model.set_anchors_wanted(True)
        model.dataChanged.disconnect(record)
        # Now every row can be reached (its page read in the background).
        model.index(far, 0).data()
        qtbot.waitUntil(lambda m=model, r=far: m.index(r, 0).data() is not None, timeout=10_000)
    assert changed == [True]
    wait_for_background()
