"""Re-running extraction keeps what researchers did: tags, notes, reviews and corrections."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from archive_gui.core.extract import extract
from archive_gui.core.importer import import_paths
from archive_gui.core.paths import bundled_path
from archive_gui.core.records import ArticleMeta, Extraction, Place
from archive_gui.core.reextract import reextract_article, reextract_articles
from archive_gui.core.store.curation import Curation
from tests.core.conftest import ATLANTA, ATLANTA_TEXT, atlanta_extraction, operation, quote

SEED = bundled_path("resources", "sample", "atlanta-ice-arrests.txt")


@pytest.fixture
def seeded(archive):
    report = import_paths(archive, [SEED], ArticleMeta(published=date(2017, 2, 10)))
    assert report.ok and report.article_ids == [1]
    return archive


def quote_state(archive):
    return archive.db.execute(
        'SELECT q.id, q.text, q.start, q."end", s.name, q.speaker_role, q.note,'
        " q.review_status, q.orphaned FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
        " ORDER BY q.id"
    ).fetchall()


def op_state(archive):
    return archive.db.execute(
        "SELECT o.id, o.count, o.qualifier, p.label, o.part_of, o.review_status, o.note,"
        " o.orphaned FROM operations o LEFT JOIN places p ON p.id = o.place_id ORDER BY o.id"
    ).fetchall()


def by_speaker(archive, name):
    return archive.db.execute(
        "SELECT q.id FROM quotes q JOIN speakers s ON s.id = q.speaker_id WHERE s.name = ?"
        " ORDER BY q.id",
        [name],
    ).fetchone()[0]


def test_a_corrected_tagged_annotated_quote_survives_reextraction(seeded):
    cur = Curation(seeded)
    qid = by_speaker(seeded, "Bryan Cox")
    jane = cur.create_speaker("Jane Doe").speaker.id
    cur.correct_quote(qid, speaker_id=jane, speaker_role="press officer")
    cur.tag_quotes([qid], "policy/enforcement")
    cur.set_note(qid, "role checked against the press release")
    cur.set_review_status("quotes", [qid], "verified")
    op_id = seeded.db.execute("SELECT id FROM operations WHERE count_text = '192'").fetchone()[0]
    cur.correct_operation(op_id, count=193, qualifier="about")
    cur.set_review_status("operations", [op_id], "disputed")
    quotes_before, ops_before = quote_state(seeded), op_state(seeded)

    report = reextract_article(seeded, 1)

    assert report.quotes_kept == 12 and report.operations_kept == 6
    assert report.quotes_added == report.quotes_removed == report.quotes_orphaned == 0
    assert report.corrections_applied == 4
    assert quote_state(seeded) == quotes_before
    assert op_state(seeded) == ops_before
    row = next(r for r in quote_state(seeded) if r[0] == qid)
    assert (row[4], row[5]) == ("Jane Doe", "press officer")
    assert [t.name for t in cur.tags_of_quote(qid)] == ["policy/enforcement"]
    assert cur.note(qid) == "role checked against the press release"
    assert cur.corrections("quotes", qid)["speaker_role"].extracted == "spokesman"
    assert reextract_articles(seeded) == []  # nothing is stale any more
    seen = []
    reports = reextract_articles(seeded, [1], progress=lambda done, total: seen.append(done))
    assert reports[0].quotes_kept == 12 and seen == [0, 1]  # and again: nothing moves
    assert quote_state(seeded) == quotes_before


def shifted(extraction: Extraction, by: int, text: str) -> Extraction:
    """The same records with every quote widened by ``by`` characters at its end."""
    quotes = [
        replace(q, end=q.end + by, text=text[q.start : q.end + by]) for q in extraction.quotes
    ]
    return Extraction(quotes=quotes, operations=list(extraction.operations))


def test_records_are_matched_by_overlap_when_extraction_moves_their_boundaries(archive):
    archive.add_article(ATLANTA_TEXT, ArticleMeta(), atlanta_extraction(), "v1")
    cur = Curation(archive)
    ids = [r[0] for r in archive.db.execute("SELECT id FROM quotes ORDER BY id")]
    cur.tag_quotes(ids, "routine")

    report = reextract_article(
        archive, 1, extractor=lambda text, _: shifted(atlanta_extraction(), 1, text)
    )
    assert report.quotes_kept == 2 and report.quotes_added == 0
    rows = archive.db.execute('SELECT id, text, "end" FROM quotes ORDER BY id').fetchall()
    assert [r[0] for r in rows] == ids  # same records, same ids, new boundaries
    assert rows[0][1] == "We arrest people every day,”"
    assert {t.count for t in cur.tags()} == {2}
    version = archive.db.execute("SELECT extractor_version FROM articles").fetchone()[0]
    assert version != "v1"


def test_corrected_boundaries_are_kept_over_new_machine_boundaries(archive):
    archive.add_article(ATLANTA_TEXT, ArticleMeta(), atlanta_extraction(), "v1")
    cur = Curation(archive)
    start = ATLANTA_TEXT.index("We arrest")
    cur.correct_quote(1, start=start, end=start + len("We arrest people"))
    report = reextract_article(
        archive, 1, extractor=lambda text, _: shifted(atlanta_extraction(), 1, text)
    )
    assert report.quotes_kept == 2
    text, end = archive.db.execute('SELECT text, "end" FROM quotes WHERE id = 1').fetchone()
    assert text == "We arrest people" and end == start + len("We arrest people")
    fix = cur.corrections("quotes", 1)["end"]
    assert fix.extracted == ATLANTA_TEXT.index("every day,") + len("every day,") + 1
    fts = archive.db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'every'")
    assert (1,) not in fts.fetchall()


def test_records_no_longer_found_are_deleted_unless_someone_worked_on_them(archive):
    archive.add_article(ATLANTA_TEXT, ArticleMeta(), atlanta_extraction(), "v1")
    cur = Curation(archive)
    cur.set_review_status("quotes", [2], "verified")
    cur.set_note(2, "kept", kind="operations")

    def nothing(text, published):
        return Extraction()

    report = reextract_article(archive, 1, extractor=nothing)
    assert (report.quotes_removed, report.quotes_orphaned) == (1, 1)
    assert (report.operations_removed, report.operations_orphaned) == (1, 1)
    assert archive.db.execute("SELECT id, orphaned FROM quotes").fetchall() == [(2, 1)]
    assert archive.db.execute("SELECT id, orphaned, note FROM operations").fetchall() == [
        (2, 1, "kept")
    ]
    # found again later: no longer flagged
    report = reextract_article(archive, 1, extractor=lambda t, p: atlanta_extraction())
    assert report.quotes_kept == 1 and report.quotes_added == 1
    assert archive.db.execute("SELECT id, orphaned FROM quotes ORDER BY id").fetchall() == [
        (2, 0),
        (3, 0),
    ]


def test_new_records_are_added_with_their_breakdowns(archive):
    archive.add_article(ATLANTA_TEXT, ArticleMeta(), atlanta_extraction(), "v1")
    cur = Curation(archive)
    cur.correct_operation(1, count=31)

    def better(text, published):
        ops = atlanta_extraction().operations
        atlanta_part = replace(ops[0], part_of=1)  # "About 30" is part of "Nearly 100"
        extra = quote("This is routine,", text, "Bryan Cox", role="spokesman")
        return Extraction(
            quotes=[*atlanta_extraction().quotes[:1], replace(extra, rule="new rule")],
            operations=[atlanta_part, ops[1]],
        )

    reextract_article(archive, 1, extractor=better)
    rows = archive.db.execute("SELECT id, count, part_of FROM operations ORDER BY id").fetchall()
    assert rows == [(1, 31, 2), (2, 100, None)]
    assert archive.db.execute("SELECT rule FROM quotes WHERE id = 2").fetchone()[0] == "new rule"
    assert cur.corrections("operations", 1)["count"].extracted == 30


def test_a_corrected_place_is_kept_when_extraction_finds_another(archive):
    archive.add_article(ATLANTA_TEXT, ArticleMeta(), atlanta_extraction(), "v1")
    cur = Curation(archive)
    la = cur.ensure_place(Place(kind="city", name="Los Angeles", state="CA"))
    cur.correct_operation(2, place_id=la)

    def moved(text, published):
        ops = atlanta_extraction().operations
        return Extraction(operations=[ops[0], replace(ops[1], place=ATLANTA)])

    reextract_article(archive, 1, extractor=moved)
    place, city = archive.db.execute(
        "SELECT place_id, city_id FROM operations WHERE id = 2"
    ).fetchone()
    assert place == city == la
    atlanta = archive.city_ids("Atlanta")[0]
    assert cur.corrections("operations", 2)["place_id"].extracted == atlanta


def test_reextraction_is_one_transaction(archive):
    archive.add_article(ATLANTA_TEXT, ArticleMeta(), atlanta_extraction(), "v1")
    Curation(archive).tag_quotes([1], "x")
    before = quote_state(archive), op_state(archive)

    def broken(text, published):
        good = operation("About 30", text, 30, "about", ATLANTA)
        return Extraction(quotes=[], operations=[good, replace(good, qualifier="sort of")])

    with pytest.raises(Exception, match="CHECK"):
        reextract_article(archive, 1, extractor=broken)
    assert (quote_state(archive), op_state(archive)) == before


def test_merged_speakers_stay_merged_after_reextraction(seeded):
    cur = Curation(seeded)
    cox = seeded.speaker_ids("Bryan Cox")[0]
    ice = seeded.speaker_ids("ICE")[0]
    cur.merge_speakers(ice, [cox])
    reextract_article(seeded, 1)
    names = {s.name: s.quotes for s in cur.speakers()}
    assert names["ICE"] == 3 and "Bryan Cox" not in names
    roles = seeded.db.execute(
        "SELECT speaker_role FROM quotes WHERE speaker_variant_id = ?", [cox]
    ).fetchall()
    assert roles == [("spokesman",), ("spokesman",)]
    assert extract  # the real extractor ran


def test_unknown_article(archive):
    with pytest.raises(KeyError):
        reextract_article(archive, 42)


def test_cancelling_stops_before_the_next_article(filled_archive):
    ids = Curation(filled_archive).article_ids()
    seen = []
    reports = reextract_articles(
        filled_archive,
        ids,
        progress=lambda done, total: seen.append(done),
        should_cancel=lambda: len(seen) >= 1,
    )
    assert len(ids) == 2
    assert len(reports) == 1 and reports[0].article_id == ids[0]
