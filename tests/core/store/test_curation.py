"""Curation: tags, notes, review status, corrections, speakers, saved searches, and undo."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from archive_gui.core.records import ArticleMeta, Extraction, Place, Quote
from archive_gui.core.store import RecordKind
from archive_gui.core.store.curation import (
    Curation,
    CurationError,
    normalize_tag_name,
)
from tests.core.conftest import ATLANTA_TEXT, LA_TEXT


@pytest.fixture
def cur(filled_archive):
    return Curation(filled_archive)


def quote_ids(archive, speaker=None):
    sql = "SELECT q.id FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
    params = []
    if speaker:
        sql += " WHERE s.name = ?"
        params.append(speaker)
    return [row[0] for row in archive.db.execute(sql + " ORDER BY q.id", params)]


def tag_names(cur):
    return {t.name: t.count for t in cur.tags()}


def quote_row(archive, quote_id):
    cursor = archive.db.execute(
        'SELECT q.text, q.start, q."end", q.speaker_id, q.speaker_variant_id, q.speaker_role,'
        " s.name AS speaker, q.review_status, q.note FROM quotes q"
        " LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id = ?",
        [quote_id],
    )
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def assert_undo_redo(cur, change, state):
    """Undo restores the state before, redo the state after, twice over."""
    after = state()
    undo = cur.revert(change)
    before = state()
    redo = cur.revert(undo)
    assert state() == after
    again = cur.revert(redo)
    assert state() == before
    cur.revert(again)
    assert state() == after
    return before, after


# -- schema ------------------------------------------------------------------


def test_records_start_unreviewed_and_the_status_is_checked(filled_archive):
    db = filled_archive.db
    assert {r[0] for r in db.execute("SELECT review_status FROM quotes")} == {"unreviewed"}
    assert {r[0] for r in db.execute("SELECT review_status FROM operations")} == {"unreviewed"}
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE quotes SET review_status = 'maybe'")
    indexes = {r[1] for r in db.execute("PRAGMA index_list(quotes)")}
    assert "quotes_review_status" in indexes


# -- tags ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("policy", "policy"),
        (" policy / sanctuary ", "policy/sanctuary"),
        ("/a/b/", "a/b"),
    ],
)
def test_tag_names_are_trimmed_paths(given, expected):
    assert normalize_tag_name(given) == expected


@pytest.mark.parametrize("bad", ["", "  ", "a//b", "/", "a/ /b"])
def test_tag_names_with_empty_levels_are_refused(bad):
    with pytest.raises(CurationError):
        normalize_tag_name(bad)


def test_tagging_returns_exactly_the_quotes_it_changed(cur, filled_archive):
    ids = quote_ids(filled_archive)
    first = cur.tag_quotes(ids[:2], "policy/sanctuary")
    assert first.quote_ids == tuple(ids[:2]) and first.tag_row
    second = cur.tag_quotes([*ids, 9999], "policy/sanctuary")  # unknown ids are ignored
    assert second.quote_ids == tuple(ids[2:]) and not second.tag_row
    assert tag_names(cur) == {"policy/sanctuary": len(ids)}
    assert second.description == f"Tag {len(ids) - 2} quotes with policy/sanctuary"

    undo = cur.revert(second)
    assert tag_names(cur) == {"policy/sanctuary": 2}
    cur.revert(undo)
    assert tag_names(cur) == {"policy/sanctuary": len(ids)}

    removed = cur.untag_quotes(ids[:3], "POLICY/Sanctuary")  # found ignoring case
    assert removed.quote_ids == tuple(ids[:3])
    assert cur.untag_quotes(ids[:3], "policy/sanctuary").empty
    assert cur.untag_quotes(ids, "no such tag").empty


def test_undoing_the_tagging_that_created_a_tag_removes_the_tag(cur, filled_archive):
    ids = quote_ids(filled_archive)
    change = cur.tag_quotes(ids, "new", color="#ff0000")
    assert_undo_redo(cur, change, lambda: {t.name: (t.id, t.color, t.count) for t in cur.tags()})
    undo = cur.revert(change)
    assert cur.tags() == []
    cur.revert(undo)
    assert [(t.name, t.color, t.count) for t in cur.tags()] == [("new", "#ff0000", len(ids))]


def test_tags_of_quotes_splits_tags_carried_by_all_and_by_some(cur, filled_archive):
    ids = quote_ids(filled_archive)
    assert len(ids) >= 3
    cur.tag_quotes(ids[:3], "Arrests")
    cur.tag_quotes(ids[:2], "policy/sanctuary")
    cur.tag_quotes(ids[2:3], "zeta")
    cur.create_tag("unused")
    result = cur.tags_of_quotes([ids[2], ids[0], ids[1], ids[0]])  # order, duplicates
    assert [t.name for t in result.all] == ["Arrests"]
    assert [t.name for t in result.some] == ["policy/sanctuary", "zeta"]
    by_name = {t.name: result.counts[t.id] for t in result.all + result.some}
    assert by_name == {"Arrests": 3, "policy/sanctuary": 2, "zeta": 1}
    # The same as asking quote by quote.
    per_quote = [{t.name for t in cur.tags_of_quote(i)} for i in ids[:3]]
    assert {t.name for t in result.all} == set.intersection(*per_quote)
    assert {t.name for t in result.all + result.some} == set.union(*per_quote)
    # One quote: all its tags are carried by all; an unknown id: none by all.
    assert [t.name for t in cur.tags_of_quotes([ids[0]]).all] == ["Arrests", "policy/sanctuary"]
    unknown = cur.tags_of_quotes([ids[0], 10**9])
    assert unknown.all == () and [t.name for t in unknown.some] == ["Arrests", "policy/sanctuary"]
    assert cur.tags_of_quotes([]) == cur.tags_of_quotes([10**9])
    assert cur.tags_of_quotes([]).all == () and cur.tags_of_quotes([]).some == ()


def test_tags_of_quotes_is_one_query(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids, "Arrests")
    statements = []
    filled_archive.db.conn.set_trace_callback(statements.append)
    try:
        result = cur.tags_of_quotes(ids)
    finally:
        filled_archive.db.conn.set_trace_callback(None)
    assert [t.name for t in result.all] == ["Arrests"]
    assert len(statements) == 1


def test_tags_are_listed_with_counts_and_their_place_in_the_hierarchy(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.create_tag("policy")
    cur.tag_quotes(ids[:1], "policy/sanctuary")
    cur.tag_quotes(ids, "Arrests")
    info = {t.name: t for t in cur.tags()}
    assert [t.name for t in cur.tags()] == ["Arrests", "policy", "policy/sanctuary"]
    assert info["policy"].count == 0 and info["policy/sanctuary"].count == 1
    assert info["policy/sanctuary"].parent == "policy"
    assert info["policy/sanctuary"].leaf == "sanctuary"
    assert [t.name for t in cur.tags_of_quote(ids[0])] == ["Arrests", "policy/sanctuary"]
    with pytest.raises(CurationError, match="already exists"):
        cur.create_tag("POLICY")


def test_renaming_a_parent_renames_its_children_and_undoes(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids[:1], "policy")
    cur.tag_quotes(ids[:2], "policy/sanctuary")
    cur.tag_quotes(ids[:3], "policy/sanctuary/cities")
    cur.tag_quotes(ids[:1], "policymakers")  # not a child: only shares a prefix
    change = cur.rename_tag("policy", "law")
    assert tag_names(cur) == {
        "law": 1,
        "law/sanctuary": 2,
        "law/sanctuary/cities": 3,
        "policymakers": 1,
    }
    assert change.description == "Rename tag policy to law"
    assert_undo_redo(cur, change, lambda: tag_names(cur))


def test_a_parent_level_that_is_not_a_tag_can_be_renamed(cur, filled_archive):
    cur.tag_quotes(quote_ids(filled_archive)[:1], "policy/sanctuary")
    cur.rename_tag("policy", "immigration/policy")
    assert tag_names(cur) == {"immigration/policy/sanctuary": 1}


def test_renaming_onto_an_existing_tag_is_refused_and_changes_nothing(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids[:1], "a/x")
    cur.tag_quotes(ids[:1], "b/x")
    with pytest.raises(CurationError, match="merge"):
        cur.rename_tag("a", "b")
    assert tag_names(cur) == {"a/x": 1, "b/x": 1}
    with pytest.raises(CurationError, match="no tag"):
        cur.rename_tag("zzz", "y")
    assert cur.rename_tag("a/x", "a/x").empty


def test_renaming_a_tag_into_its_own_subtree(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids[:1], "p")
    cur.tag_quotes(ids[:2], "p/q")
    change = cur.rename_tag("p", "p/q")
    assert tag_names(cur) == {"p/q": 1, "p/q/q": 2}
    cur.revert(change)
    assert tag_names(cur) == {"p": 1, "p/q": 2}


def test_merge_preview_counts_the_quotes_that_change_and_merge_undoes(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids[0:2], "ice")
    cur.tag_quotes(ids[1:3], "ICE agency")
    cur.tag_quotes(ids[2:3], "agency/ice")
    preview = cur.preview_merge_tags(["ice", "ICE agency"], "agency/ice")
    assert preview.quotes == 3  # quotes 0, 1, 2 carry a source tag
    assert preview.gaining == 2  # quote 2 already has the target
    assert set(preview.tags) == {"ice", "ICE agency"}

    def state():
        return sorted(
            filled_archive.db.execute(
                "SELECT t.id, t.name, qt.quote_id FROM tags t"
                " LEFT JOIN quote_tags qt ON qt.tag_id = t.id ORDER BY 1, 3"
            ).fetchall()
        )

    change = cur.merge_tags(["ice", "ICE agency"], "agency/ice")
    assert tag_names(cur) == {"agency/ice": 3}
    assert change.description == "Merge ice, ICE agency into agency/ice"
    assert_undo_redo(cur, change, state)


def test_merging_into_a_new_tag_creates_it_and_undo_removes_it(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids[:2], "a")
    assert cur.preview_merge_tags(["a"], "b").gaining == 2
    change = cur.merge_tags(["a"], "b")
    assert tag_names(cur) == {"b": 2}
    cur.revert(change)
    assert tag_names(cur) == {"a": 2}
    with pytest.raises(CurationError):
        cur.merge_tags(["a"], "a")
    with pytest.raises(CurationError, match="no tag"):
        cur.merge_tags(["missing"], "a")


def test_recolouring_and_deleting_tags_undo(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.tag_quotes(ids, "policy")
    cur.tag_quotes(ids[:1], "policy/sanctuary")
    colour = cur.recolor_tag("policy", "#336699")
    assert colour.previous == {cur.tag("policy").id: None}
    assert cur.tag("policy").color == "#336699"
    cur.revert(colour)
    assert cur.tag("policy").color is None

    def state():
        return (
            [(t.id, t.name, t.color, t.count) for t in cur.tags()],
            filled_archive.db.execute("SELECT * FROM quote_tags ORDER BY 1, 2").fetchall(),
        )

    only = cur.delete_tags(["policy"])
    assert tag_names(cur) == {"policy/sanctuary": 1}
    cur.revert(only)
    everything = cur.delete_tags(["policy"], recursive=True)
    assert cur.tags() == []
    assert_undo_redo(cur, everything, state)


def test_bulk_tag_and_review_of_ten_thousand_quotes_round_trip(archive):
    """Correctness at bulk size; the timings are the benchmark's business (archive_gui.bench)."""
    archive.add_article("x" * 10, ArticleMeta(), Extraction(), "t")
    archive.db.conn.executemany(
        "INSERT INTO quotes (article_id, text, start, \"end\") VALUES (1, 'x', 0, 1)",
        [()] * 10_000,
    )
    archive.db.conn.commit()
    cur = Curation(archive)
    ids = [row[0] for row in archive.db.execute("SELECT id FROM quotes")]
    change = cur.tag_quotes(ids, "bulk")
    assert len(change.quote_ids) == 10_000
    undo = cur.revert(change)
    assert cur.tags() == []
    cur.revert(undo)
    assert [t.count for t in cur.tags()] == [10_000]
    status = cur.set_review_status("quotes", ids, "verified")
    assert len(status.rows) == 10_000
    cur.revert(status)
    assert set(cur.review_statuses("quotes", ids).values()) == {"unreviewed"}


# -- notes and review status -------------------------------------------------------


def test_notes_are_set_cleared_and_undone(cur, filled_archive):
    qid = quote_ids(filled_archive)[0]
    change = cur.set_note(qid, "check against the press release")
    assert cur.note(qid) == "check against the press release"
    assert change.previous == {qid: None}
    cleared = cur.set_note(qid, "   ")
    assert cur.note(qid) is None
    cur.revert(cleared)
    assert cur.note(qid) == "check against the press release"
    cur.revert(change)
    assert cur.note(qid) is None
    op_note = cur.set_note(1, "double-check", kind="operations")
    assert cur.note(1, kind=RecordKind.OPERATIONS) == "double-check"
    assert not op_note.empty
    with pytest.raises(CurationError):
        cur.set_note(9999, "x")


def test_review_status_is_set_in_bulk_returning_the_previous_statuses(cur, filled_archive):
    ids = quote_ids(filled_archive)
    cur.set_review_status("quotes", ids[:1], "disputed")
    change = cur.set_review_status(RecordKind.QUOTES, ids, "verified")
    assert change.previous == {ids[0]: "disputed", **{i: "unreviewed" for i in ids[1:]}}
    assert change.description == f"Mark {len(ids)} quotes verified"
    assert cur.set_review_status("quotes", ids, "verified").empty  # nothing left to change
    cur.revert(change)
    assert cur.review_statuses("quotes", ids) == {
        ids[0]: "disputed",
        **{i: "unreviewed" for i in ids[1:]},
    }
    ops = cur.set_review_status("operations", [1, 2, 999], "rejected")
    assert sorted(ops.previous) == [1, 2]
    with pytest.raises(CurationError, match="review status"):
        cur.set_review_status("quotes", ids, "fine")
    with pytest.raises(CurationError, match="kind"):
        cur.set_review_status("articles", ids, "verified")


# -- corrections -----------------------------------------------------------------


def test_correcting_a_speaker_by_choosing_or_creating_one(cur, filled_archive):
    qid = quote_ids(filled_archive, "Bryan Cox")[0]
    cox = filled_archive.speaker_ids("Bryan Cox")[0]
    created = cur.create_speaker("Jane Doe", role="spokeswoman", affiliation="ICE")
    jane = created.speaker.id
    change = cur.correct_quote(qid, speaker_id=jane, speaker_role="press officer")
    assert change.previous == {"speaker_id": cox, "speaker_role": "spokesman"}
    row = quote_row(filled_archive, qid)
    assert (row["speaker"], row["speaker_role"]) == ("Jane Doe", "press officer")
    fixes = cur.corrections("quotes", qid)
    assert fixes["speaker_id"].corrected == jane
    assert fixes["speaker_role"].extracted == "spokesman"
    assert cur.create_speaker("Jane Doe").empty  # exists: names the same speaker
    assert cur.create_speaker("Jane Doe").speaker.id == jane

    undo = cur.revert(change)
    row = quote_row(filled_archive, qid)
    assert (row["speaker"], row["speaker_role"]) == ("Bryan Cox", "spokesman")
    assert cur.corrections("quotes", qid) == {}  # back to the extracted values
    cur.revert(undo)
    assert quote_row(filled_archive, qid)["speaker"] == "Jane Doe"
    unattributed = cur.correct_quote(qid, speaker_id=None)
    assert quote_row(filled_archive, qid)["speaker"] is None
    cur.revert(unattributed)


def test_undoing_a_created_speaker_removes_it_unless_in_use(cur, filled_archive):
    created = cur.create_speaker("Temp Person")
    undo = cur.revert(created)
    assert "Temp Person" not in {s.name for s in cur.speakers()}
    redo = cur.revert(undo)
    assert redo.speaker.id == created.speaker.id
    cur.correct_quote(quote_ids(filled_archive)[0], speaker_id=created.speaker.id)
    with pytest.raises(CurationError, match="in use"):
        cur.revert(created)


def test_quote_boundaries_are_checked_against_the_article_text(cur, filled_archive):
    qid = quote_ids(filled_archive)[0]
    start = ATLANTA_TEXT.index("We arrest")
    change = cur.correct_quote(qid, start=start, end=start + len("We arrest people"))
    row = quote_row(filled_archive, qid)
    assert row["text"] == "We arrest people" == ATLANTA_TEXT[row["start"] : row["end"]]
    fts = filled_archive.db.execute(
        "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'every'"
    ).fetchall()
    assert (qid,) not in fts  # the full-text index follows the corrected text
    for bad in [
        {"start": -1},
        {"end": len(ATLANTA_TEXT) + 1},
        {"start": start, "end": start},
        {"start": 10, "end": 5},
        {"start": "3"},
        {"start": ATLANTA_TEXT.index("\n\n"), "end": ATLANTA_TEXT.index("\n\n") + 2},
    ]:
        with pytest.raises(CurationError):
            cur.correct_quote(qid, **bad)
    assert quote_row(filled_archive, qid)["text"] == "We arrest people"
    cur.revert(change)
    assert quote_row(filled_archive, qid)["text"] == "We arrest people every day,"
    with pytest.raises(CurationError, match="cannot correct"):
        cur.correct_quote(qid, text="made up")
    with pytest.raises(CurationError, match="no quote"):
        cur.correct_quote(9999, speaker_role="x")


def test_a_second_correction_undoes_to_the_first(cur, filled_archive):
    qid = quote_ids(filled_archive)[0]
    first = cur.correct_quote(qid, speaker_role="press secretary")
    second = cur.correct_quote(qid, speaker_role="director")
    assert second.previous == {"speaker_role": "press secretary"}
    cur.revert(second)
    fix = cur.corrections("quotes", qid)["speaker_role"]
    assert (fix.extracted, fix.corrected) == ("spokesman", "press secretary")
    cur.revert(first)
    assert cur.corrections("quotes", qid) == {}
    assert cur.correct_quote(qid, speaker_role="spokesman").empty


def test_correcting_an_operation(cur, filled_archive):
    db = filled_archive.db
    la = cur.ensure_place(Place(kind="city", name="Los Angeles", state="CA"))
    assert la == db.execute("SELECT id FROM places WHERE name = 'Los Angeles'").fetchone()[0]
    georgia = db.execute("SELECT id FROM places WHERE label = 'Georgia'").fetchone()[0]
    assert (georgia, "Georgia", "state") in cur.places(kind="state")
    assert [p[1] for p in cur.places(search="atl")] == ["Atlanta, GA"]

    def op():
        return db.execute(
            "SELECT count, qualifier, place_id, city_id, period_text, period_start, period_end,"
            " agency FROM operations WHERE id = 1"
        ).fetchone()

    before = op()
    change = cur.correct_operation(
        1,
        count=32,
        qualifier="exact",
        place_id=georgia,
        period_text="last week",
        period_start=date(2017, 2, 1),
        period_end="2017-02-07",
        agency="CBP",
    )
    assert op() == (32, "exact", georgia, None, "last week", "2017-02-01", "2017-02-07", "CBP")
    assert change.previous["count"] == 30 and change.previous["qualifier"] == "about"
    city = cur.correct_operation(1, place_id=la)
    assert op()[2:4] == (la, la)  # a city place is also the City facet's value
    cur.revert(city)
    cur.revert(change)
    assert op() == before
    assert cur.corrections("operations", 1) == {}
    for bad in [
        {"qualifier": "roughly"},
        {"count": -1},
        {"count": 1.5},
        {"place_id": 9999},
        {"period_start": "Feb 1"},
        {"period_start": "2017-03-01", "period_end": "2017-02-01"},
    ]:
        with pytest.raises(CurationError):
            cur.correct_operation(1, **bad)
    assert op() == before


# -- speakers --------------------------------------------------------------------------


def add_variants(archive):
    """Three name variants of one person, as extraction may produce them."""
    body = "“One,” said Marin. “Two,” said Mr. Marin. “Three,” said David Marin, a spokesman."
    quotes = [
        Quote("One,", body.index("One,"), body.index("One,") + 4, "Marin", "person", "spokesman"),
        Quote("Two,", body.index("Two,"), body.index("Two,") + 4, "Mr. Marin", "person"),
        Quote("Three,", body.index("Three"), body.index("Three") + 6, "David Marin", "person"),
    ]
    archive.add_article(body, ArticleMeta(title="Variants"), Extraction(quotes=quotes), "t")
    ids = {s: archive.speaker_ids(s)[0] for s in ("Marin", "Mr. Marin", "David Marin")}
    return body, ids


def speaker_state(archive):
    return (
        archive.db.execute(
            "SELECT id, merged_into, canonical_id FROM speakers ORDER BY id"
        ).fetchall(),
        archive.db.execute(
            "SELECT id, speaker_id, speaker_variant_id, speaker_role FROM quotes ORDER BY id"
        ).fetchall(),
    )


def test_merging_speakers_previews_keeps_roles_and_undoes(cur, filled_archive):
    _, ids = add_variants(filled_archive)
    keep = ids["David Marin"]
    preview = cur.preview_merge_speakers(keep, [ids["Marin"], ids["Mr. Marin"]])
    assert preview.quotes == 2
    assert {name for _, name, _ in preview.by_speaker} == {"Marin", "Mr. Marin"}
    roles_before = {r[0]: r[3] for r in speaker_state(filled_archive)[1]}

    change = cur.merge_speakers(keep, [ids["Marin"], ids["Mr. Marin"]])
    listed = {s.name: s.quotes for s in cur.speakers()}
    assert listed["David Marin"] == 2 + 2  # one here, one in LA_TEXT, and the two merged
    assert "Marin" not in listed and "Mr. Marin" not in listed
    assert {s.name for s in cur.speaker_variants(keep)} == {"Marin", "Mr. Marin"}
    assert {r[0]: r[3] for r in speaker_state(filled_archive)[1]} == roles_before
    sort = filled_archive.db.execute(
        "SELECT DISTINCT sort_speaker FROM quotes WHERE speaker_id = ?", [keep]
    )
    assert [r[0] for r in sort] == ["David Marin"]
    assert change.description == "Merge Marin, Mr. Marin into David Marin"
    assert_undo_redo(cur, change, lambda: speaker_state(filled_archive))


def test_a_merge_can_be_split_again_with_what_was_merged_into_it(cur, filled_archive):
    _, ids = add_variants(filled_archive)
    marin, mr, david = ids["Marin"], ids["Mr. Marin"], ids["David Marin"]
    before = speaker_state(filled_archive)
    cur.merge_speakers(marin, [mr])  # "Mr. Marin" is "Marin" ...
    cur.merge_speakers(david, [marin])  # ... who is "David Marin"
    assert cur.speaker(mr).canonical_id == david and cur.speaker(mr).merged_into == marin
    split = cur.split_speaker(marin)  # Marin comes out again, with Mr. Marin
    assert cur.speaker(marin).canonical_id is None
    assert cur.speaker(mr).canonical_id == marin
    names = {s.name: s.quotes for s in cur.speakers()}
    assert names["Marin"] == 2 and names["David Marin"] == 2
    undo = cur.revert(split)
    assert cur.speaker(marin).canonical_id == david
    cur.revert(undo)
    cur.split_speaker(mr)
    assert speaker_state(filled_archive) == before
    with pytest.raises(CurationError, match="not merged"):
        cur.split_speaker(david)


def test_merge_arguments_are_checked(cur, filled_archive):
    _, ids = add_variants(filled_archive)
    cur.merge_speakers(ids["David Marin"], [ids["Marin"]])
    with pytest.raises(CurationError, match="keep that one"):
        cur.merge_speakers(ids["Marin"], [ids["Mr. Marin"]])
    with pytest.raises(CurationError, match="already merged"):
        cur.merge_speakers(ids["Mr. Marin"], [ids["Marin"]])
    with pytest.raises(CurationError, match="at least one"):
        cur.merge_speakers(ids["David Marin"], [ids["David Marin"]])
    with pytest.raises(CurationError, match="no speaker"):
        cur.merge_speakers(9999, [ids["Marin"]])


def test_a_new_quote_by_a_merged_speaker_goes_to_the_kept_speaker(cur, filled_archive):
    _, ids = add_variants(filled_archive)
    cur.merge_speakers(ids["David Marin"], [ids["Mr. Marin"]])
    body = "“Four,” said Mr. Marin."
    quote = Quote("Four,", 1, 6, "Mr. Marin", "person", "deputy")
    filled_archive.add_article(body, ArticleMeta(), Extraction(quotes=[quote]), "t")
    row = filled_archive.db.execute(
        "SELECT speaker_id, speaker_variant_id, speaker_role FROM quotes WHERE text = 'Four,'"
    ).fetchone()
    assert row == (ids["David Marin"], ids["Mr. Marin"], "deputy")


def _counted_speakers(archive):
    """What ``Curation.speakers(include_merged=True)`` must give, counted from the quotes."""
    rows = archive.db.execute(
        "SELECT s.id, CASE WHEN s.canonical_id IS NULL"
        " THEN (SELECT count(*) FROM quotes WHERE speaker_id = s.id)"
        " ELSE (SELECT count(*) FROM quotes WHERE speaker_variant_id = s.id) END"
        " FROM speakers s"
    )
    return dict(rows.fetchall())


def test_speaker_counts_match_the_quotes_through_merges_new_quotes_and_splits(cur, filled_archive):
    _, ids = add_variants(filled_archive)

    def check():
        listed = {s.id: s.quotes for s in cur.speakers(include_merged=True)}
        assert listed == _counted_speakers(filled_archive)
        shown = {s.id: s.quotes for s in cur.speakers()}
        assert shown == {i: n for i, n in listed.items() if cur.speaker(i).canonical_id is None}
        assert {s.id: s.quotes for s in cur.speakers(search="marin")} == {
            i: n for i, n in shown.items() if "marin" in cur.speaker(i).name.lower()
        }
        return listed

    before = check()
    marin, mr, david = ids["Marin"], ids["Mr. Marin"], ids["David Marin"]
    merge = cur.merge_speakers(marin, [mr])
    cur.merge_speakers(david, [marin])
    listed = check()
    assert listed[david] == before[david] + before[marin] + before[mr]
    assert listed[marin] == before[marin] and listed[mr] == before[mr]  # as variants
    # A quote imported for a merged speaker counts for the kept one (and its variant).
    body = "“Four,” said Mr. Marin."
    quote = Quote("Four,", 1, 6, "Mr. Marin", "person")
    filled_archive.add_article(body, ArticleMeta(), Extraction(quotes=[quote]), "t")
    assert check()[david] == listed[david] + 1
    cur.split_speaker(marin)
    check()
    cur.revert(cur.revert(merge))
    check()
    create = cur.create_speaker("Nobody Yet")
    assert {s.name: s.quotes for s in cur.speakers()}["Nobody Yet"] == 0
    cur.revert(create)
    check()


def test_speaker_variants_are_the_speakers_merged_into_one(cur, filled_archive):
    _, ids = add_variants(filled_archive)
    marin, mr, david = ids["Marin"], ids["Mr. Marin"], ids["David Marin"]
    assert cur.speaker_variants(david) == []
    cur.merge_speakers(marin, [mr])
    cur.merge_speakers(david, [marin])
    variants = cur.speaker_variants(david)
    assert [s.name for s in variants] == ["Marin", "Mr. Marin"]  # by name
    assert {s.id: s.quotes for s in variants} == {marin: 1, mr: 1}
    assert all(s.canonical_id == david for s in variants)
    assert variants[1].merged_into == marin
    assert cur.speaker_variants(marin) == []  # merged itself: nothing is canonical below it


def test_editing_a_speaker_entry(cur, filled_archive):
    cox = filled_archive.speaker_ids("Bryan Cox")[0]
    change = cur.edit_speaker(cox, name="Bryan D. Cox", affiliation="ICE")
    assert cur.speaker(cox).name == "Bryan D. Cox"
    assert filled_archive.db.execute(
        "SELECT DISTINCT sort_speaker FROM quotes WHERE speaker_id = ?", [cox]
    ).fetchall() == [("Bryan D. Cox",)]
    cur.revert(change)
    assert (cur.speaker(cox).name, cur.speaker(cox).affiliation) == ("Bryan Cox", None)
    with pytest.raises(CurationError, match="merge"):
        cur.edit_speaker(cox, name="David Marin")
    with pytest.raises(CurationError):
        cur.edit_speaker(cox, kind="organization")


# -- saved searches ---------------------------------------------------------------------


def test_saved_searches_are_created_renamed_updated_and_deleted_with_undo(cur):
    created = cur.save_search(
        "Atlanta sanctuary",
        'tag:policy "sanctuary city"',
        {"cities": {"include": [1], "exclude": []}},
        sort_key="published",
        descending=True,
        kind="quotes",
    )
    saved = created.after
    assert cur.saved_search("atlanta SANCTUARY") == saved
    assert saved.filters == {"cities": {"include": [1], "exclude": []}}
    assert (saved.sort_key, saved.descending, saved.kind) == ("published", True, "quotes")
    with pytest.raises(CurationError, match="already exists"):
        cur.save_search("ATLANTA sanctuary")

    renamed = cur.rename_saved_search(saved.id, "Sanctuary (Atlanta)")
    assert renamed.description == "Rename saved search Atlanta sanctuary to Sanctuary (Atlanta)"
    assert [s.name for s in cur.saved_searches()] == ["Sanctuary (Atlanta)"]
    updated = cur.update_saved_search(saved.id, query="tag:policy", descending=False)
    assert cur.saved_search(saved.id).query == "tag:policy"
    cur.revert(updated)
    cur.revert(renamed)
    assert cur.saved_search(saved.id) == saved

    deleted = cur.delete_saved_search(saved.id)
    assert cur.saved_searches() == []
    cur.revert(deleted)
    assert cur.saved_search(saved.id) == saved
    cur.revert(created)
    assert cur.saved_searches() == []

    other = cur.save_search("other").after
    cur.save_search("third")
    with pytest.raises(CurationError, match="already exists"):
        cur.rename_saved_search(other.id, "THIRD")
    with pytest.raises(CurationError, match="needs a name"):
        cur.rename_saved_search(other.id, " ")
    with pytest.raises(CurationError):
        cur.update_saved_search(other.id, colour="red")
    with pytest.raises(CurationError):
        cur.delete_saved_search(9999)


# -- tag matching ----------------------------------------------------------------------


def test_tag_every_quote_matching_a_search(cur, filled_archive):
    change = cur.tag_matching('arrest AND speaker:"Bryan Cox"', "routine")
    texts = {quote_row(filled_archive, i)["text"] for i in change.quote_ids}
    assert texts == {
        "We arrest people every day,",
        "We arrest people every day for the same reasons,",
    }
    removed = cur.untag_matching("speaker:Cox", "routine")
    assert removed.quote_ids == change.quote_ids
    assert {quote_row(filled_archive, i)["text"] in LA_TEXT for i in change.quote_ids} == {
        True,
        False,
    }  # both articles took part
