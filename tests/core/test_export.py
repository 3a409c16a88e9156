"""Export: JSON and CSV read back, provenance fields, atomic files."""

from __future__ import annotations

import csv
import json

import pytest

from archive_gui.core.export import (
    OPERATION_FIELDS,
    QUOTE_FIELDS,
    available_fields,
    export_records,
)
from archive_gui.core.store import RecordFilter, RecordKind


def test_json_quotes_carry_the_documented_fields(filled_archive, tmp_path):
    out = tmp_path / "quotes.json"
    assert export_records(filled_archive, RecordKind.QUOTES, "json", out) == 4
    quotes = json.loads(out.read_text(encoding="utf-8"))
    assert [q["speaker"] for q in quotes] == ["Bryan Cox", "Bryan Cox", "David Marin", "Bryan Cox"]
    assert set(quotes[0]) == set(available_fields(filled_archive, RecordKind.QUOTES))
    assert set(QUOTE_FIELDS) <= set(quotes[0])
    assert quotes[0]["tags"] == []
    assert quotes[0]["article_title"] == "Atlanta arrests"


def test_csv_operations_read_back(filled_archive, tmp_path):
    out = tmp_path / "ops.csv"
    export_records(filled_archive, RecordKind.OPERATIONS, "csv", out)
    with out.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert tuple(rows[0]) == available_fields(filled_archive, RecordKind.OPERATIONS)
    assert tuple(rows[0])[: len(OPERATION_FIELDS)] == OPERATION_FIELDS
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


# -- every format, provenance, manifest ---------------------------------------------------

PROVENANCE = ("article_title", "article_outlet", "published", "article_url", "article_sha256")


def read_csv(path, encoding="utf-8"):
    with path.open(newline="", encoding=encoding) as stream:
        return list(csv.DictReader(stream))


def read_xlsx(path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        sheets = {}
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            sheets[sheet.title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        return sheets
    finally:
        book.close()


def test_every_format_reads_back_with_provenance(filled_archive, tmp_path):
    expected = json.loads(_export(filled_archive, tmp_path / "q.json", "json").read_text())
    assert len(expected) == 4
    first = expected[0]
    assert first["article_sha256"] == filled_archive.article(first["article_id"]).sha256
    assert (first["article_title"], first["article_outlet"], first["published"]) == (
        "Atlanta arrests",
        "Daily",
        "2017-02-10",
    )
    text = filled_archive.article(first["article_id"]).text
    assert text[first["start"] : first["end"]] == first["text"]
    assert first["speaker_role"] == "spokesman"

    lines = _export(filled_archive, tmp_path / "q.jsonl", "jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == expected

    rows = read_csv(_export(filled_archive, tmp_path / "q.csv", "csv"))
    assert [int(r["id"]) for r in rows] == [q["id"] for q in expected]
    assert rows[3]["article_url"] == "https://example.org/la"
    for row, quote in zip(rows, expected, strict=True):
        assert all(row[name] == str(quote[name] or "") for name in PROVENANCE)

    sheets = read_xlsx(_export(filled_archive, tmp_path / "q.xlsx", "xlsx"))
    assert list(sheets) == ["quotes", "manifest"]
    xlsx_rows = sheets["quotes"]
    assert [r["id"] for r in xlsx_rows] == [q["id"] for q in expected]
    for row, quote in zip(xlsx_rows, expected, strict=True):
        for name in ("text", "speaker", "start", "end", *PROVENANCE):
            assert row[name] == quote[name]
    manifest = {r["key"]: r["value"] for r in sheets["manifest"]}
    assert manifest["records"] == 4 and manifest["format"] == "xlsx"


def _export(archive, path, fmt, kind=RecordKind.QUOTES, **kwargs):
    export_records(archive, kind, fmt, path, **kwargs)
    return path


def test_manifest_beside_the_file(filled_archive, tmp_path):
    from archive_gui import __version__
    from archive_gui.core.export import manifest_path
    from archive_gui.core.extract import EXTRACTOR_VERSION

    speakers = {v.label: v.id for v in filled_archive.speaker_facet()}
    cox = RecordFilter(speakers=frozenset({speakers["Bryan Cox"]}))
    out = _export(filled_archive, tmp_path / "cox.csv", "csv", filters=cox, columns=["id", "text"])
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert manifest_path(out).name == "cox.csv.manifest.json"
    assert manifest["records"] == 3 and manifest["articles"] == 2
    assert manifest["what"] == "quotes" and manifest["format"] == "csv"
    assert manifest["columns"] == ["id", "text"]
    assert manifest["selection"] == {
        "ids": None,
        "filters": {"cities": [], "speakers": [{"id": speakers["Bryan Cox"], "name": "Bryan Cox"}]},
    }
    assert manifest["app_version"] == __version__
    assert manifest["extractor_version"] == EXTRACTOR_VERSION
    assert manifest["schema_version"] == filled_archive.schema_version
    assert manifest["archive"] == str(filled_archive.path.resolve())
    assert manifest["exported_at"].endswith("+00:00")

    ids = list(filled_archive.record_ids(RecordKind.OPERATIONS))[:2]
    out = _export(filled_archive, tmp_path / "ops.md", "md", RecordKind.OPERATIONS, ids=ids)
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert manifest["selection"]["ids"] == sorted(ids)
    assert manifest["records"] == 2 and manifest["columns"] is None


def test_no_manifest_for_standard_output(filled_archive, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert export_records(filled_archive, RecordKind.QUOTES, "jsonl", None) == 4
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert list(tmp_path.glob("*.manifest.json")) == []


def test_columns_pick_and_order_fields(filled_archive, tmp_path):
    out = _export(filled_archive, tmp_path / "c.csv", "csv", columns=["speaker", "id", "tags"])
    assert tuple(read_csv(out)[0]) == ("speaker", "id", "tags")
    out = _export(filled_archive, tmp_path / "c.json", "json", columns=["id", "tags"])
    assert json.loads(out.read_text())[0] == {"id": 1, "tags": []}
    with pytest.raises(ValueError, match="unknown column.*nonsense"):
        export_records(
            filled_archive, RecordKind.QUOTES, "csv", tmp_path / "x.csv", columns=["nonsense"]
        )
    assert not (tmp_path / "x.csv").exists()


def test_tags_and_note_are_exported(filled_archive, tmp_path):
    db = filled_archive.db
    db.execute("INSERT INTO tags (name) VALUES ('policy'), ('=cmd')")
    db.execute("INSERT INTO quote_tags SELECT 1, id FROM tags")
    db.execute("UPDATE quotes SET note = 'checked against print' WHERE id = 1")
    db.conn.commit()
    (first, *_) = json.loads(_export(filled_archive, tmp_path / "t.json", "json").read_text())
    assert sorted(first["tags"]) == ["=cmd", "policy"]
    assert first["note"] == "checked against print"
    row = read_csv(_export(filled_archive, tmp_path / "t.csv", "csv"))[0]
    assert sorted(row["tags"].lstrip("'").split("; ")) == ["=cmd", "policy"]


def test_excel_bom_option(filled_archive, tmp_path):
    plain = _export(filled_archive, tmp_path / "p.csv", "csv")
    bom = _export(filled_archive, tmp_path / "b.csv", "csv", excel_compatible=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert read_csv(bom, encoding="utf-8-sig") == read_csv(plain)


FORMULAS = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tx=1", "\rx=1"]


@pytest.fixture
def formula_archive(archive):
    from archive_gui.core.records import ArticleMeta, Extraction, Quote

    quotes, body = [], ""
    for words in FORMULAS:
        start = len(body) + 1
        body += f"“{words}” she said. "
        quotes.append(Quote(text=words, start=start, end=start + len(words), speaker="=Jane Roe"))
    archive.add_article(
        body, ArticleMeta(title="@title", outlet="-Outlet"), Extraction(quotes), "t"
    )
    return archive


def test_formula_cells_are_neutralised_in_csv_and_xlsx(formula_archive, tmp_path):
    rows = read_csv(_export(formula_archive, tmp_path / "f.csv", "csv"))
    assert [r["text"] for r in rows] == ["'" + w for w in FORMULAS]
    assert {r["speaker"] for r in rows} == {"'=Jane Roe"}
    assert {(r["article_title"], r["article_outlet"]) for r in rows} == {("'@title", "'-Outlet")}

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(_export(formula_archive, tmp_path / "f.xlsx", "xlsx"))
    sheet = book["quotes"]
    header = [cell.value for cell in sheet[1]]
    for name in ("text", "speaker", "article_title", "article_outlet"):
        cells = [row[header.index(name)] for row in sheet.iter_rows(min_row=2)]
        assert all(cell.data_type == "s" for cell in cells), name  # text, never a formula
    texts = [row[header.index("text")].value for row in sheet.iter_rows(min_row=2)]
    # Stored exactly, as string cells. A carriage return is written as the OOXML escape
    # _x000D_ (XML would turn a raw one into a newline), which openpyxl does not decode.
    assert [t.replace("_x000D_", "\r") for t in texts] == FORMULAS
    book.close()


def test_citation_lists(filled_archive, tmp_path):
    txt = _export(filled_archive, tmp_path / "q.txt", "txt").read_text(encoding="utf-8")
    assert txt.splitlines() == [
        "“We arrest people every day,” — Bryan Cox, spokesman, Daily, 2017-02-10",
        "“This is routine,” — Bryan Cox, spokesman, Daily, 2017-02-10",
        "“Nothing out of the ordinary,” — David Marin, LA arrests, 2017-02-09,"
        " https://example.org/la",
        "“We arrest people every day for the same reasons,” — Bryan Cox, LA arrests,"
        " 2017-02-09, https://example.org/la",
    ]
    ops = _export(filled_archive, tmp_path / "o.md", "md", RecordKind.OPERATIONS)
    lines = ops.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Operations"
    assert lines[2:] == [
        "- About 30 arrested — Atlanta, GA, ICE — Daily, 2017-02-10",
        "- Nearly 100 arrested — Georgia, ICE — Daily, 2017-02-10",
        "- More than 160 arrested — Los Angeles, CA, this week (2017-02-06–2017-02-12)"
        " — LA arrests, 2017-02-09, <https://example.org/la>",
    ]


def test_a_tag_list_starting_like_a_formula_is_neutralised_in_csv(formula_archive, tmp_path):
    from archive_gui.core.store.curation import Curation

    ids = [row[0] for row in formula_archive.db.execute("SELECT id FROM quotes ORDER BY id")]
    Curation(formula_archive).tag_quotes(ids[:1], "=cmd")
    rows = read_csv(_export(formula_archive, tmp_path / "t.csv", "csv"))
    assert rows[0]["tags"] == "'=cmd"
    assert all(r["tags"] == "" for r in rows[1:])


def test_markdown_escapes_what_it_would_render(formula_archive, tmp_path):
    from archive_gui.core.export import quote_citation

    line = quote_citation({"text": "a *b* [c]\nd", "speaker": "X_Y"}, markdown=True)
    assert line == "“a \\*b\\* \\[c\\] d” — X\\_Y"


def test_many_ids_are_queried_in_chunks(filled_archive, tmp_path, monkeypatch):
    import archive_gui.core.export as export

    monkeypatch.setattr(export, "_ID_CHUNK", 1)
    ids = [4, 2, 3, 99]
    out = _export(filled_archive, tmp_path / "ids.json", "json", ids=ids)
    assert [q["id"] for q in json.loads(out.read_text())] == [2, 3, 4]


def test_cancelled_export_keeps_the_previous_file(filled_archive, tmp_path):
    from archive_gui.core.export import ExportCancelled

    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"old.{fmt}"
        out.write_text("previous good export")
        seen: list[int] = []

        def cancel(count, seen=seen):
            seen.append(count)
            return False

        with pytest.raises(ExportCancelled):
            export_records(
                filled_archive,
                RecordKind.QUOTES,
                fmt,
                out,
                progress=cancel,
            )
        assert seen and out.read_text() == "previous good export"
        assert not (tmp_path / f"old.{fmt}.manifest.json").exists()
    assert sorted(p.name for p in tmp_path.glob("*old*")) == ["old.csv", "old.xlsx"]


def test_progress_reports_the_final_count(filled_archive, tmp_path):
    seen = []
    export_records(
        filled_archive, RecordKind.QUOTES, "jsonl", tmp_path / "p.jsonl", progress=seen.append
    )
    assert seen[-1] == 4


def test_xlsx_needs_a_file(filled_archive):
    with pytest.raises(ValueError, match="output file"):
        export_records(filled_archive, RecordKind.QUOTES, "xlsx", None)


def test_review_status_is_exported_once_the_schema_has_it(filled_archive, tmp_path):
    db = filled_archive.db
    if "review_status" not in filled_archive.table_columns("quotes"):
        assert "review_status" not in available_fields(filled_archive, RecordKind.QUOTES)
        db.execute("ALTER TABLE quotes ADD COLUMN review_status TEXT")
    assert "review_status" in available_fields(filled_archive, RecordKind.QUOTES)
    db.execute("UPDATE quotes SET review_status = 'verified' WHERE id = 2")
    db.conn.commit()
    out = _export(filled_archive, tmp_path / "r.json", "json")
    statuses = {q["id"]: q["review_status"] for q in json.loads(out.read_text())}
    assert statuses[2] == "verified" and statuses[1] != "verified"
    rows = read_csv(_export(filled_archive, tmp_path / "r.csv", "csv", columns=["review_status"]))
    assert rows[1] == {"review_status": "verified"}


def test_exported_files_are_not_private_temporaries(filled_archive, tmp_path):
    out = _export(filled_archive, tmp_path / "q.csv", "csv")
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)
    _export(filled_archive, out, "csv")
    assert out.stat().st_mode & 0o777 == 0o640
