"""Exporting records with their provenance, as JSON or CSV, streamed and written atomically."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from archive_gui.core.store import Archive, RecordFilter, RecordKind

FORMATS = ("json", "csv")

QUOTE_FIELDS = (
    "id", "text", "speaker", "speaker_kind", "speaker_role", "speaker_affiliation",
    "mention_text", "article_id", "article_title", "article_outlet", "article_url",
    "published", "article_sha256", "start", "end", "tags", "note", "rule", "confidence",
)  # fmt: skip

OPERATION_FIELDS = (
    "id", "count", "qualifier", "count_text", "approximate", "place", "place_kind",
    "city", "state", "area", "place_text", "period_text", "period_start", "period_end",
    "agency", "part_of", "article_id", "article_title", "article_outlet", "article_url",
    "published", "article_sha256", "start", "end", "rule", "confidence",
)  # fmt: skip

FIELDS = {RecordKind.QUOTES: QUOTE_FIELDS, RecordKind.OPERATIONS: OPERATION_FIELDS}

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_records(
    archive: Archive,
    kind: RecordKind,
    fmt: str,
    destination: Path | None,
    filters: RecordFilter = RecordFilter(),
    ids: Iterable[int] = (),
) -> int:
    """Write the matching records to ``destination`` (stdout if None); return how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    records = _ordered(archive.iter_export(kind, filters, ids), FIELDS[kind])
    writer = _write_json if fmt == "json" else _write_csv
    with _output(destination, newline="" if fmt == "csv" else None) as stream:
        return writer(stream, records, FIELDS[kind])


def _ordered(rows: Iterator[dict], fields: tuple[str, ...]) -> Iterator[dict]:
    for row in rows:
        yield {name: row.get(name) for name in fields}


def _write_json(stream: IO[str], records: Iterator[dict], fields: tuple[str, ...]) -> int:
    """A JSON list, written one object at a time so a large export is never all in memory."""
    count = 0
    stream.write("[")
    for record in records:
        stream.write(",\n  " if count else "\n  ")
        stream.write(json.dumps(record, ensure_ascii=False))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def _write_csv(stream: IO[str], records: Iterator[dict], fields: tuple[str, ...]) -> int:
    writer = csv.DictWriter(stream, fieldnames=fields)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({key: _csv_cell(value) for key, value in record.items()})
        count += 1
    return count


def _csv_cell(value: object) -> object:
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value  # shown as text, never evaluated
    return value


@contextmanager
def _output(destination: Path | None, newline: str | None) -> Iterator[IO[str]]:
    """Stdout, or a temporary file renamed over ``destination`` only once complete."""
    if destination is None:
        yield sys.stdout
        return
    destination = Path(destination)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent or Path(".")
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp_name, destination)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
