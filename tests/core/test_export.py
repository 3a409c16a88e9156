"""Export: JSON and CSV read back, provenance fields, atomic files."""

from __future__ import annotations

import csv
import json

import pytest

from archive_gui.core.export import OPERATION_FIELDS, QUOTE_FIELDS, export_records
from archive_gui.core.store import RecordFilter, RecordKind


def test_json_quotes_carry_the_documented_fields(filled_archive, tmp_path):
    out = tmp_path / "quotes.json"
    assert export_records(filled_archive, RecordKind.QUOTES, "json", out) == 4
    quotes = json.loads(out.read_text(encoding="utf-8"))
    assert [q["speaker"] for q in quotes] == ["Bryan Cox", "Bryan Cox", "David Marin", "Bryan Cox"]
    assert set(quotes[0]) == set(QUOTE_FIELDS)
    assert quotes[0]["tags"] == []
    assert quotes[0]["article_title"] == "Atlanta arrests"


def test_csv_operations_read_back(filled_archive, tmp_path):
    out = tmp_path / "ops.csv"
    export_records(filled_archive, RecordKind.OPERATIONS, "csv", out)
    with out.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert tuple(rows[0]) == OPERATION_FIELDS
    assert [(r["count"], r["qualifier"], r["place"]) for r in rows] == [
        ("30", "about", "Atlanta, GA"),
        ("100", "nearly", "Georgia"),
        ("160", "more_than", "Los Angeles, CA"),
    ]


def test_export_follows_filters_and_ids(filled_archive, tmp_path):
    out = tmp_path / "one.json"
    ids = filled_archive.record_ids(RecordKind.QUOTES)
    export_records(filled_archive, RecordKind.QUOTES, "json", out, ids=[ids[2]])
    assert [q["id"] for q in json.loads(out.read_text())] == [ids[2]]
    cities = {v.label: v.id for v in filled_archive.city_facet()}
    atlanta = RecordFilter(cities=frozenset({cities["Atlanta, GA"]}))
    export_records(filled_archive, RecordKind.OPERATIONS, "json", out, filters=atlanta)
    assert [o["city"] for o in json.loads(out.read_text())] == ["Atlanta"]


def test_empty_export_is_valid_json(archive, tmp_path):
    out = tmp_path / "none.json"
    assert export_records(archive, RecordKind.QUOTES, "json", out) == 0
    assert json.loads(out.read_text()) == []


def test_formula_cells_are_neutralised_in_csv(archive, tmp_path):
    from archive_gui.core.records import ArticleMeta, Extraction, Quote

    text = "“=HYPERLINK(1)” she said."
    quote = Quote(text="=HYPERLINK(1)", start=1, end=14, speaker="Jane Roe", speaker_kind="person")
    archive.add_article(text, ArticleMeta(), Extraction(quotes=[quote]), "t")
    out = tmp_path / "q.csv"
    export_records(archive, RecordKind.QUOTES, "csv", out)
    with out.open(newline="", encoding="utf-8") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["text"] == "'=HYPERLINK(1)"


def test_failed_export_keeps_the_previous_file(filled_archive, tmp_path, monkeypatch):
    out = tmp_path / "ops.json"
    out.write_text("previous good export")

    def broken(*args, **kwargs):
        yield {"id": 1}
        raise RuntimeError("disk went away")

    monkeypatch.setattr(filled_archive, "iter_export", broken)
    with pytest.raises(RuntimeError):
        export_records(filled_archive, RecordKind.OPERATIONS, "json", out)
    assert out.read_text() == "previous good export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ops.json")] == []


def test_unknown_format_is_refused(filled_archive):
    with pytest.raises(ValueError, match="format"):
        export_records(filled_archive, RecordKind.QUOTES, "docx", None)
