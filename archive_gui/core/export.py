"""Exporting records with their provenance: streamed, written atomically, with a manifest.

Formats: ``csv``, ``json`` (a list), ``jsonl`` (one object a line), ``xlsx`` (a records sheet
and a ``manifest`` sheet), and citation lists in ``md`` and ``txt``. Records come from
:meth:`Archive.iter_export` one at a time and go straight to the file, so an export of any
size never holds all records in memory. A file is written under a temporary name beside its
destination and renamed over it only once complete; beside it goes ``<file>.manifest.json``
saying what was exported, from where, by which versions, when.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO

from archive_gui import __version__
from archive_gui.core.extract import EXTRACTOR_VERSION
from archive_gui.core.store import Archive, RecordFilter, RecordKind

FORMATS = ("csv", "json", "jsonl", "xlsx", "md", "txt")
CITATION_FORMATS = ("md", "txt")
SUFFIXES = {"csv": ".csv", "json": ".json", "jsonl": ".jsonl", "xlsx": ".xlsx"}
SUFFIXES.update(md=".md", txt=".txt")

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

# Fields a later schema adds to a record table (review status comes with the review
# workflow): exported once the table has the column, taken from Archive.iter_export.
OPTIONAL_FIELDS = {
    RecordKind.QUOTES: ("review_status",),
    RecordKind.OPERATIONS: ("review_status", "note"),
}
_TABLE = {RecordKind.QUOTES: "quotes", RecordKind.OPERATIONS: "operations"}

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_STARTS)  # each is one character

XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header row included
_ID_CHUNK = 10_000  # ids bound per query: SQLite allows 32,766 parameters
_PROGRESS_EVERY = 1_000

ProgressCallback = Callable[[int], bool | None]


class ExportCancelled(Exception):
    """The progress callback asked to stop; the destination was left as it was."""


def available_fields(archive: Archive, kind: RecordKind) -> tuple[str, ...]:
    """Every field this archive can export for ``kind``, in their documented order."""
    present = set(archive.table_columns(_TABLE[kind]))
    return FIELDS[kind] + tuple(name for name in OPTIONAL_FIELDS[kind] if name in present)


def manifest_path(destination: Path) -> Path:
    destination = Path(destination)
    return destination.with_name(destination.name + ".manifest.json")


def export_records(
    archive: Archive,
    kind: RecordKind,
    fmt: str,
    destination: Path | None,
    filters: RecordFilter = RecordFilter(),
    ids: Iterable[int] = (),
    *,
    columns: Sequence[str] | None = None,
    excel_compatible: bool = False,
    progress: ProgressCallback | None = None,
    write_manifest: bool = True,
) -> int:
    """Write the matching records to ``destination`` (stdout if None); return how many.

    ``ids`` restricts the export to those records (an empty selection means no
    restriction); ``columns`` picks and orders fields of the tabular formats (the
    citation formats have a fixed form). ``excel_compatible`` starts a CSV file with a
    UTF-8 byte order mark so Excel reads it as UTF-8. ``progress`` is called with the
    number of records written so far; returning ``False`` cancels the export
    (:class:`ExportCancelled`) and leaves the destination untouched. With a
    destination, ``<destination>.manifest.json`` is written beside it.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    kind = RecordKind(kind)
    fields = _select_fields(available_fields(archive, kind), columns)
    if fmt == "xlsx" and destination is None:
        raise ValueError("an xlsx export needs an output file")
    ids = sorted({int(i) for i in ids})
    run = _Run(archive, kind, filters, ids, progress)
    manifest = _Manifest(archive, kind, fmt, destination, filters, ids, fields, excel_compatible)

    # The data file is renamed into place before its manifest is written, so a manifest
    # never describes a file that is not (yet) there.
    # The last progress report (which may cancel) comes before the data file is renamed
    # into place, and the manifest after it, so a manifest never describes a file that
    # is not there.
    if fmt == "xlsx":
        with atomic_path(destination) as tmp:
            _write_xlsx(tmp, run, fields, kind, manifest)
            run.report()
    else:
        encoding = "utf-8-sig" if excel_compatible and fmt == "csv" else "utf-8"
        newline = "" if fmt == "csv" else None
        with _output(destination, encoding=encoding, newline=newline) as out:
            _WRITERS[fmt](out, run, fields, kind)
            run.report()
    if write_manifest and destination is not None:
        _write_manifest(run, manifest)
    return run.count


def _select_fields(available: tuple[str, ...], columns: Sequence[str] | None) -> tuple[str, ...]:
    if columns is None:
        return available
    columns = [c.strip() for c in columns if c.strip()]
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise ValueError(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)};"
            f" choose from {', '.join(available)}"
        )
    if not columns:
        raise ValueError("no columns chosen")
    return tuple(dict.fromkeys(columns))


def _write_manifest(run: _Run, manifest: _Manifest) -> None:
    data = manifest.as_dict(run)
    with _output(manifest_path(manifest.destination), "utf-8", None) as stream:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")


# -- reading the records ----------------------------------------------------------


class _Run:
    """The stream of records of one export, counting records and articles as it goes."""

    def __init__(self, archive, kind, filters, ids, progress):
        self.archive = archive
        self.kind = kind
        self.filters = filters
        self.ids = ids
        self.progress = progress
        self.count = 0
        self.article_ids: set[int] = set()

    def rows(self) -> Iterator[dict]:
        for batch in self._batches():
            for row in batch:
                self.count += 1
                self.article_ids.add(row.get("article_id"))
                if self.count % _PROGRESS_EVERY == 0:
                    self.report()
                yield row

    def _batches(self) -> Iterator[list[dict]]:
        """Rows a thousand at a time, with the optional fields iter_export leaves out."""
        optional = [
            name
            for name in OPTIONAL_FIELDS[self.kind]
            if name in self.archive.table_columns(_TABLE[self.kind])
        ]
        chunks = (
            [self.ids[i : i + _ID_CHUNK] for i in range(0, len(self.ids), _ID_CHUNK)]
            if self.ids
            else [()]
        )
        for chunk in chunks:  # ids are sorted, and each query orders by id
            rows = self.archive.iter_export(self.kind, self.filters, chunk)
            while batch := list(islice(rows, _PROGRESS_EVERY)):
                missing = [name for name in optional if name not in batch[0]]
                if missing:
                    extra = self.archive.record_fields(
                        self.kind, [row["id"] for row in batch], missing
                    )
                    for row in batch:
                        row.update(extra.get(row["id"], {}))
                yield batch

    def records(self, fields: tuple[str, ...]) -> Iterator[dict]:
        for row in self.rows():
            yield {name: row.get(name) for name in fields}

    def report(self) -> None:
        if self.progress is not None and self.progress(self.count) is False:
            raise ExportCancelled(f"export cancelled after {self.count} records")


# -- the manifest -----------------------------------------------------------------


@dataclass
class _Manifest:
    archive: Archive
    kind: RecordKind
    fmt: str
    destination: Path | None
    filters: RecordFilter
    ids: list[int]
    fields: tuple[str, ...]
    excel_compatible: bool
    started: datetime = field(default_factory=lambda: datetime.now(UTC))

    def as_dict(self, run: _Run) -> dict:
        path = self.archive.path
        return {
            "file": Path(self.destination).name if self.destination else None,
            "format": self.fmt,
            "what": self.kind.value,
            "records": run.count,
            "articles": len(run.article_ids),
            "columns": list(self.fields) if self.fmt not in CITATION_FORMATS else None,
            "citation_form": _CITATION_FORMS[self.kind] if self.fmt in CITATION_FORMATS else None,
            "selection": {
                "ids": self.ids or None,
                "filters": describe_filters(self.archive, self.filters),
            },
            "excel_compatible": self.excel_compatible if self.fmt == "csv" else None,
            "app_version": __version__,
            "extractor_version": EXTRACTOR_VERSION,
            "schema_version": self.archive.schema_version,
            "archive": str(Path(path).resolve()) if path is not None else None,
            "exported_at": self.started.isoformat(timespec="seconds"),
        }


def describe_filters(archive: Archive, filters: RecordFilter) -> dict:
    """The filters as JSON: cities and speakers with their labels, any other filter as is."""
    described: dict = {}
    for item in dataclasses.fields(filters):
        value = getattr(filters, item.name)
        if item.name in ("cities", "speakers"):
            ids = sorted(value)
            labels = archive.facet_labels(item.name, ids)
            key = "label" if item.name == "cities" else "name"
            described[item.name] = [{"id": i, key: labels.get(i)} for i in ids]
        elif not value:
            continue  # a filter not in use (the researcher's facets, search, chart bars)
        elif hasattr(value, "source"):
            described[item.name] = value.source  # a parsed search: the query as typed
        elif isinstance(value, set | frozenset | tuple | list):
            described[item.name] = sorted(value, key=str)
        else:
            described[item.name] = (
                value if isinstance(value, str | int | float | None) else str(value)
            )
    return described


# -- writers ------------------------------------------------------------------------


def _write_json(stream: IO[str], run: _Run, fields: tuple[str, ...], kind: RecordKind) -> None:
    """A JSON list, written one object at a time so a large export is never all in memory."""
    first = True
    stream.write("[")
    for record in run.records(fields):
        stream.write("\n  " if first else ",\n  ")
        stream.write(json.dumps(record, ensure_ascii=False))
        first = False
    stream.write("]\n" if first else "\n]\n")


def _write_jsonl(stream: IO[str], run: _Run, fields: tuple[str, ...], kind: RecordKind) -> None:
    for record in run.records(fields):
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")


def _write_csv(stream: IO[str], run: _Run, fields: tuple[str, ...], kind: RecordKind) -> None:
    writer = csv.writer(stream)
    writer.writerow(fields)
    first = _FORMULA_FIRST
    for row in run.rows():
        # _csv_cell inlined for text, the commonest cell: a call per cell was a quarter
        # of a 100,000-quote export (2 million calls)
        writer.writerow(
            [
                ("'" + value if value[:1] in first else value)
                if value.__class__ is str
                else (_csv_cell(value) if value.__class__ is list else value)
                for value in map(row.get, fields)
            ]
        )


def _csv_cell(value: object) -> object:
    if value.__class__ is list:
        value = "; ".join(value)
    if value.__class__ is str and value.startswith(_FORMULA_STARTS):
        return "'" + value  # shown as text, never evaluated
    return value


def _write_xlsx(
    path: Path, run: _Run, fields: tuple[str, ...], kind: RecordKind, manifest: _Manifest
) -> None:
    import xlsxwriter

    options = {
        "constant_memory": True,  # rows are flushed to disk as they are written
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    with xlsxwriter.Workbook(str(path), options) as book:
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet(kind.value)
        for col, name in enumerate(fields):
            sheet.write_string(0, col, name, bold)
        sheet.freeze_panes(1, 0)
        for row, record in enumerate(run.records(fields), start=1):
            if row >= XLSX_MAX_ROWS:
                raise ValueError(
                    f"more than {XLSX_MAX_ROWS - 1:,} records do not fit in an Excel sheet;"
                    " export CSV or JSON Lines instead"
                )
            for col, value in enumerate(record.values()):
                _xlsx_cell(sheet, row, col, value)
        info = book.add_worksheet("manifest")
        info.write_string(0, 0, "key", bold)
        info.write_string(0, 1, "value", bold)
        run.report()
        for row, (key, value) in enumerate(manifest.as_dict(run).items(), start=1):
            info.write_string(row, 0, key)
            _xlsx_cell(info, row, 1, value if not isinstance(value, dict | list) else _json(value))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _xlsx_cell(sheet, row: int, col: int, value: object) -> None:
    """Every string as a string cell: never read as a formula, number or link."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, list):
        sheet.write_string(row, col, "; ".join(str(v) for v in value))
    else:
        sheet.write_string(row, col, str(value))


# -- citation lists -------------------------------------------------------------------

_CITATION_FORMS = {
    RecordKind.QUOTES: "“quote” — speaker, role, outlet (or title), published, URL",
    RecordKind.OPERATIONS: (
        "count arrested — place, period (start–end), agency — outlet (or title), published, URL"
    ),
}
_HEADINGS = {RecordKind.QUOTES: "Quotes", RecordKind.OPERATIONS: "Operations"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_SPACE = re.compile(r"\s+")


def quote_citation(record: dict, markdown: bool = False) -> str:
    """``“quote” — Speaker, role, Outlet, date, URL``, leaving out what is unknown."""
    words = _plain(record.get("text"), markdown)
    speaker = _plain(record.get("speaker"), markdown) or "unattributed"
    role = _plain(record.get("speaker_role"), markdown)
    return f"“{words}” — " + ", ".join(p for p in (speaker, role, *_source(record, markdown)) if p)


def operation_citation(record: dict, markdown: bool = False) -> str:
    """``More than 160 arrested — Los Angeles, CA, this week (2017-02-06–2017-02-10), ICE — …``"""
    count_text = _plain(record.get("count_text"), markdown) or str(record.get("count"))
    head = f"{count_text[:1].upper()}{count_text[1:]} arrested"
    period = _plain(record.get("period_text"), markdown)
    start, end = record.get("period_start"), record.get("period_end")
    if start and end:
        dates = start if start == end else f"{start}–{end}"
        period = f"{period} ({dates})" if period else dates
    where = [_plain(record.get("place"), markdown), period, _plain(record.get("agency"), markdown)]
    parts = [head]
    if any(where):
        parts.append(", ".join(p for p in where if p))
    source = [p for p in _source(record, markdown) if p]
    if source:
        parts.append(", ".join(source))
    return " — ".join(parts)


def _source(record: dict, markdown: bool) -> list[str | None]:
    outlet = record.get("article_outlet") or record.get("article_title")
    url = record.get("article_url")
    if url and markdown:
        url = f"<{url}>"
    return [_plain(outlet, markdown), record.get("published"), url]


def _plain(value: object, markdown: bool) -> str | None:
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return _MD_SPECIAL.sub(r"\\\1", text) if markdown else text


def _write_citations(markdown: bool):
    def write(stream: IO[str], run: _Run, fields: tuple[str, ...], kind: RecordKind) -> None:
        cite = quote_citation if kind is RecordKind.QUOTES else operation_citation
        if markdown:
            stream.write(f"# {_HEADINGS[kind]}\n\n")
        for row in run.rows():
            line = cite(row, markdown=markdown)
            stream.write(f"- {line}\n" if markdown else f"{line}\n")

    return write


_WRITERS = {
    "json": _write_json,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "md": _write_citations(markdown=True),
    "txt": _write_citations(markdown=False),
}


# -- atomic files ---------------------------------------------------------------------


@contextmanager
def atomic_path(destination: Path) -> Iterator[Path]:
    """A temporary path beside ``destination``, renamed over it only once complete."""
    destination = Path(destination)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent or Path(".")
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); give it the mode of the file it replaces,
        # or the usual mode of a new file, since exports are made to be shared.
        mode = destination.stat().st_mode & 0o777 if destination.exists() else 0o644
        tmp.chmod(mode)
        yield tmp
        with tmp.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def _output(destination: Path | None, encoding: str, newline: str | None) -> Iterator[IO[str]]:
    """Stdout, or a temporary file renamed over ``destination`` only once complete."""
    if destination is None:
        yield sys.stdout
        return
    with (
        atomic_path(destination) as tmp,
        tmp.open("w", encoding=encoding, newline=newline) as stream,
    ):
        yield stream
