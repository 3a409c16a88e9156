"""Bundles: a selection moved between archives, merged without duplicates or lost edits."""

from __future__ import annotations

import json
import zipfile

import pytest

from archive_gui.core.bundle import BundleError, export_bundle, import_bundle, read_bundle_info
from archive_gui.core.export import export_records
from archive_gui.core.store import Archive, RecordFilter, RecordKind
from tests.core.conftest import ATLANTA_TEXT, LA_TEXT, la_extraction


def snapshot(archive, tmp_path, name):
    """Everything the export shows, minus the ids that differ between archives."""
    result = {}
    for kind in RecordKind:
        out = tmp_path / f"{name}-{kind}.json"
        export_records(archive, kind, "json", out, write_manifest=False)
        records = json.loads(out.read_text(encoding="utf-8"))
        for record in records:
            record.pop("id")
            record.pop("article_id")
            record.pop("part_of", None)
            if "tags" in record:
                record["tags"] = sorted(record["tags"])
        result[kind] = sorted(records, key=lambda r: (r["article_sha256"], r["start"]))
    return result


def table_count(archive, table):
    return archive.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def receiving(tmp_path):
    with Archive.open(tmp_path / "receiving.db") as opened:
        yield opened


def test_round_trip_into_an_empty_archive(filled_archive, receiving, tmp_path):
    db = filled_archive.db
    db.execute("INSERT INTO tags (name, color) VALUES ('policy', '#aa0000')")
    db.execute("INSERT INTO quote_tags (quote_id, tag_id) VALUES (1, 1), (4, 1)")
    db.execute("UPDATE quotes SET note = 'said twice' WHERE id = 4")
    db.conn.commit()
    path = tmp_path / "all.bundle"
    summary = export_bundle(filled_archive, path)
    assert (summary.articles, summary.quotes, summary.operations) == (2, 4, 3)
    info = read_bundle_info(path)
    assert info["format"] == "archive-gui-bundle" and info["articles"] == 2

    result = import_bundle(receiving, path)
    assert (result.articles_added, result.quotes, result.operations) == (2, 4, 3)
    assert (result.speakers_added, result.tags_added) == (2, 1)
    assert snapshot(receiving, tmp_path, "b") == snapshot(filled_archive, tmp_path, "a")
    assert receiving.db.execute("SELECT color FROM tags").fetchall() == [("#aa0000",)]
    for table in ("articles", "quotes", "operations", "speakers", "places", "tags"):
        assert table_count(receiving, table) == table_count(filled_archive, table), table
    # the breakdown link survives, remapped to the receiving archive's ids
    texts = dict(receiving.db.execute("SELECT text, sha256 FROM articles").fetchall())
    assert set(texts) == {ATLANTA_TEXT, LA_TEXT}

    again = import_bundle(receiving, path)  # importing twice is a no-op
    assert (again.articles_added, again.articles_present, again.quotes) == (0, 2, 0)
    assert (again.speakers_added, again.tags_added, again.places_added) == (0, 0, 0)
    assert snapshot(receiving, tmp_path, "c") == snapshot(filled_archive, tmp_path, "a")


def test_review_status_and_corrections_travel(filled_archive, receiving, tmp_path):
    db = filled_archive.db
    db.execute("UPDATE quotes SET review_status = 'disputed', speaker_role = 'press officer'")
    db.execute(
        "INSERT INTO corrections (record_kind, record_id, field, extracted_value,"
        " corrected_value, corrected_at) VALUES"
        " ('quote', 1, 'speaker_role', 'spokesman', 'press officer', '2025-01-01T00:00:00')"
    )
    db.conn.commit()
    export_bundle(filled_archive, tmp_path / "all.bundle")
    import_bundle(receiving, tmp_path / "all.bundle")
    rows = receiving.db.execute("SELECT DISTINCT review_status, speaker_role FROM quotes")
    assert rows.fetchall() == [("disputed", "press officer")]
    first = receiving.db.execute(
        "SELECT id FROM quotes WHERE text = 'We arrest people every day,'"
    ).fetchone()[0]
    corrections = receiving.db.execute(
        "SELECT record_kind, record_id, field, extracted_value, corrected_value FROM corrections"
    ).fetchall()
    assert corrections == [("quote", first, "speaker_role", "spokesman", "press officer")]


def test_part_of_links_are_remapped(archive, receiving, tmp_path):
    from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place

    text = "ICE arrested 192 people, including about 30 in Atlanta."
    ops = [
        Operation(192, "exact", "192", 13, 16, place=Place("area", "Atlanta")),
        Operation(30, "about", "about 30", 35, 43, place=Place("city", "Atlanta", "GA"), part_of=0),
    ]
    archive.add_article(text, ArticleMeta(), Extraction(operations=ops), "t")
    receiving.add_article("Unrelated text.", ArticleMeta(), Extraction(), "t")  # ids shift
    export_bundle(archive, tmp_path / "ops.bundle")
    import_bundle(receiving, tmp_path / "ops.bundle")
    rows = receiving.db.execute(
        "SELECT o.id, o.part_of, o.count_text, p.label FROM operations o"
        " JOIN places p ON p.id = o.place_id ORDER BY o.id"
    ).fetchall()
    (parent_id, _, _, _), child = rows
    assert child[1:] == (parent_id, "about 30", "Atlanta, GA")


def test_receiving_archive_keeps_its_own_edits(filled_archive, tmp_path):
    """The LA article exists on both sides; B's note and tag on it win over A's."""
    from datetime import date

    from archive_gui.core.records import ArticleMeta

    with Archive.open(tmp_path / "b.db") as b:
        b.add_article(LA_TEXT, ArticleMeta(title="LA (B's title)"), la_extraction(), "t")
        b.db.execute("INSERT INTO tags (name, color) VALUES ('routine', '#00ff00')")
        b.db.execute("INSERT INTO quote_tags VALUES (1, 1)")
        b.db.execute("UPDATE quotes SET note = 'B checked this' WHERE id = 1")
        b.db.execute("UPDATE speakers SET role = 'former ICE director' WHERE name = 'David Marin'")
        b.db.conn.commit()
        la_quote_in_a = filled_archive.db.execute(
            "SELECT id FROM quotes WHERE text LIKE 'Nothing%'"
        ).fetchone()[0]
        filled_archive.db.execute("INSERT INTO tags (name, color) VALUES ('routine', '#ff0000')")
        filled_archive.db.execute("INSERT INTO quote_tags VALUES (?, 1)", [la_quote_in_a])
        filled_archive.db.execute(
            "UPDATE quotes SET note = 'A says otherwise' WHERE id = ?", [la_quote_in_a]
        )
        filled_archive.db.conn.commit()

        path = tmp_path / "a.bundle"
        export_bundle(filled_archive, path)
        result = import_bundle(b, path)
        assert (result.articles_added, result.articles_present) == (1, 1)
        assert (result.speakers_added, result.tags_added) == (0, 0)

        la = b.db.execute(
            "SELECT title FROM articles WHERE sha256 = (SELECT sha256 FROM articles WHERE id = 1)"
        ).fetchone()
        assert la == ("LA (B's title)",)
        notes = b.db.execute("SELECT note FROM quotes WHERE note IS NOT NULL").fetchall()
        assert notes == [("B checked this",)]
        assert b.db.execute("SELECT name, color FROM tags").fetchall() == [("routine", "#00ff00")]
        assert b.db.execute("SELECT count(*) FROM quote_tags").fetchone() == (1,)
        assert b.db.execute("SELECT role FROM speakers WHERE name = 'David Marin'").fetchone() == (
            "former ICE director",
        )
        names = [r[0] for r in b.db.execute("SELECT name FROM speakers ORDER BY name")]
        assert names == ["Bryan Cox", "David Marin"]  # merged by name, no duplicates
        assert (table_count(b, "articles"), table_count(b, "quotes")) == (2, 4)
        published = b.db.execute("SELECT published FROM articles WHERE title = 'Atlanta arrests'")
        assert published.fetchone() == (date(2017, 2, 10).isoformat(),)


def test_bundle_of_a_selection_holds_whole_articles(filled_archive, receiving, tmp_path):
    cities = {v.label: v.id for v in filled_archive.city_facet()}
    atlanta = RecordFilter(cities=frozenset({cities["Atlanta, GA"]}))
    summary = export_bundle(
        filled_archive, tmp_path / "atl.bundle", RecordKind.OPERATIONS, filters=atlanta
    )
    assert (summary.articles, summary.quotes, summary.operations) == (1, 2, 2)
    last_quote = max(filled_archive.record_ids(RecordKind.QUOTES))  # in the LA article
    summary = export_bundle(filled_archive, tmp_path / "one.bundle", ids=[last_quote])
    assert (summary.articles, summary.quotes, summary.operations) == (1, 2, 1)
    info = read_bundle_info(tmp_path / "one.bundle")
    assert info["selection"]["ids"] == [last_quote]


def test_a_broken_bundle_changes_nothing(filled_archive, receiving, tmp_path):
    path = tmp_path / "all.bundle"
    export_bundle(filled_archive, path)
    with zipfile.ZipFile(path) as bundle:
        info = bundle.read("bundle.json")
        lines = bundle.read("articles.jsonl").decode("utf-8").splitlines()
    second = json.loads(lines[1])
    second["article"]["text"] += " tampered"
    bad = tmp_path / "bad.bundle"
    with zipfile.ZipFile(bad, "w") as bundle:
        bundle.writestr("bundle.json", info)
        bundle.writestr("articles.jsonl", lines[0] + "\n" + json.dumps(second) + "\n")
    with pytest.raises(BundleError, match="does not match its hash"):
        import_bundle(receiving, bad)
    assert table_count(receiving, "articles") == 0  # the first article was rolled back too
    assert table_count(receiving, "speakers") == 0


def test_not_a_bundle(receiving, tmp_path):
    junk = tmp_path / "junk.bundle"
    junk.write_text("hello")
    with pytest.raises(BundleError, match="not"):
        import_bundle(receiving, junk)
    newer = tmp_path / "newer.bundle"
    with zipfile.ZipFile(newer, "w") as bundle:
        bundle.writestr(
            "bundle.json", json.dumps({"format": "archive-gui-bundle", "bundle_version": 9})
        )
        bundle.writestr("articles.jsonl", "")
    with pytest.raises(BundleError, match="newer archive-gui"):
        import_bundle(receiving, newer)
