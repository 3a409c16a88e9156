"""The researcher's work on an archive: tags, notes, review status, corrections,
the speaker authority list and saved searches -- all of its SQL.

Every mutating method runs in one transaction and returns a :class:`Change`: a
frozen record of exactly what it did. ``Curation.revert(change)`` undoes it and
returns the change that redoes it, so an undo stack needs nothing else::

    change = curation.tag_quotes(ids, "policy/sanctuary")   # do
    redo = curation.revert(change)                            # undo
    change = curation.revert(redo)                            # redo

Corrections are written into the record row itself (so every list, facet, view
and export shows the corrected value) and logged in ``corrections`` with the
value extraction gave; :meth:`Curation.replace_extraction` re-applies them when
extraction runs again, and keeps every record a person has worked on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from archive_gui.core.records import QUALIFIERS, SPEAKER_KINDS, Extraction, Operation, Place, Quote
from archive_gui.core.search import REVIEW_STATUSES, Query
from archive_gui.core.store.archive import Archive
from archive_gui.core.store.schema import RecordKind
from archive_gui.core.store.search_sql import like_escape, search_ids

QUOTE_FIELDS = ("speaker_id", "speaker_role", "speaker_affiliation", "start", "end")
OPERATION_FIELDS = (
    "count",
    "qualifier",
    "place_id",
    "period_text",
    "period_start",
    "period_end",
    "agency",
)
_CORRECTION_KIND = {RecordKind.QUOTES: "quote", RecordKind.OPERATIONS: "operation"}
_TABLE = {RecordKind.QUOTES: "quotes", RecordKind.OPERATIONS: "operations"}
# (table, column) pairs a ValuesChange may set: the plain, per-row human fields.
_VALUE_FIELDS = {
    ("quotes", "note"),
    ("operations", "note"),
    ("quotes", "review_status"),
    ("operations", "review_status"),
    ("tags", "color"),
    ("speakers", "name"),
    ("speakers", "role"),
    ("speakers", "affiliation"),
}


class CurationError(ValueError):
    """A request that cannot be carried out as asked; the message is for the user."""


# -- rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class TagRow:
    id: int
    name: str
    color: str | None = None


@dataclass(frozen=True)
class TagInfo:
    """A tag as the tag panel shows it: ``count`` quotes carry it (not its children)."""

    id: int
    name: str
    color: str | None
    count: int

    @property
    def parent(self) -> str | None:
        """The name path of the parent (``policy`` for ``policy/sanctuary``)."""
        return self.name.rsplit("/", 1)[0] if "/" in self.name else None

    @property
    def leaf(self) -> str:
        return self.name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class SelectionTags:
    """The tags of a set of quotes: carried by ``all`` of them, or by ``some`` only.

    ``counts`` gives, by tag id, how many of the quotes carry each tag.
    """

    all: tuple[TagRow, ...]
    some: tuple[TagRow, ...]
    counts: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TagMergePreview:
    quotes: int  # quotes carrying any of the tags merged away
    gaining: int  # of those, quotes that do not carry the target yet
    tags: tuple[str, ...]  # the tags that will disappear


@dataclass(frozen=True)
class SpeakerRow:
    id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    merged_into: int | None = None  # the speaker this one was merged into
    canonical_id: int | None = None  # the end of that chain; None when shown on its own
    quotes: int = 0  # quotes attributed to it (to a merged speaker: as a variant)


@dataclass(frozen=True)
class SpeakerMergePreview:
    quotes: int  # quotes that will be attributed to the kept speaker
    by_speaker: tuple[tuple[int, str, int], ...]  # (id, name, quotes) of each merged speaker


@dataclass(frozen=True)
class Correction:
    field: str
    extracted: Any
    corrected: Any
    corrected_at: str


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort_key: str | None = None
    descending: bool = False
    kind: str | None = None  # "quotes", "operations", or None for both lists
    created_at: str = ""
    updated_at: str = ""


# -- changes -----------------------------------------------------------------------


class Change:
    """What a mutating method did; ``Curation.revert`` undoes it."""

    @property
    def description(self) -> str:  # pragma: no cover - every change overrides it
        return "Change"

    @property
    def empty(self) -> bool:
        """True when nothing changed (the UI need not push it on the undo stack)."""
        return False


@dataclass(frozen=True)
class QuoteTagsChange(Change):
    """``tag`` was added to (or removed from) ``quote_ids``; ``tag_row``: the tag itself
    was created (or deleted) by this change."""

    tag: TagRow
    quote_ids: tuple[int, ...]
    added: bool
    tag_row: bool = False

    @property
    def description(self) -> str:
        n = len(self.quote_ids)
        what = f"{n} quote{'s' if n != 1 else ''}"
        if self.added:
            return f"Tag {what} with {self.tag.name}"
        return f"Remove tag {self.tag.name} from {what}"

    @property
    def empty(self) -> bool:
        return not self.quote_ids and not self.tag_row


@dataclass(frozen=True)
class TagRowsChange(Change):
    """Tags created (``created``) or deleted with the quote links they had."""

    tags: tuple[TagRow, ...]
    links: tuple[tuple[int, int], ...]  # (quote_id, tag_id)
    created: bool

    @property
    def description(self) -> str:
        names = ", ".join(tag.name for tag in self.tags)
        return f"{'Create' if self.created else 'Delete'} tag {names}"

    @property
    def empty(self) -> bool:
        return not self.tags


@dataclass(frozen=True)
class TagsRenamed(Change):
    renames: tuple[tuple[int, str, str], ...]  # (tag_id, old name, new name)

    @property
    def description(self) -> str:
        if not self.renames:
            return "Rename tag"
        _, old, new = self.renames[0]
        return f"Rename tag {old} to {new}"

    @property
    def empty(self) -> bool:
        return not self.renames


@dataclass(frozen=True)
class ValuesChange(Change):
    """One column of some rows set: notes, review statuses, tag colours, speaker fields."""

    table: str
    column: str
    rows: tuple[tuple[int, Any, Any], ...]  # (id, old, new)

    @property
    def previous(self) -> dict[int, Any]:
        """The old value of each changed row, by id."""
        return {row_id: old for row_id, old, _ in self.rows}

    @property
    def description(self) -> str:
        n = len(self.rows)
        noun = {"quotes": "quote", "operations": "operation", "tags": "tag"}.get(
            self.table, "speaker"
        )
        what = f"{n} {noun}{'s' if n != 1 else ''}"
        if self.column == "review_status" and self.rows:
            return f"Mark {what} {self.rows[0][2]}"
        if self.column == "note":
            return f"Edit note of {what}"
        if self.column == "color":
            return f"Recolour {what}"
        return f"Edit {self.column} of {what}"

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class CorrectionChange(Change):
    """Fields of one record corrected; the values are what the UI would show."""

    kind: RecordKind
    record_id: int
    fields: tuple[tuple[str, Any, Any], ...]  # (field, old, new)

    @property
    def previous(self) -> dict[str, Any]:
        return {name: old for name, old, _ in self.fields}

    @property
    def description(self) -> str:
        names = ", ".join(name for name, _, _ in self.fields)
        noun = "quote" if self.kind is RecordKind.QUOTES else "operation"
        return f"Correct {names} of {noun} {self.record_id}"

    @property
    def empty(self) -> bool:
        return not self.fields


@dataclass(frozen=True)
class SpeakerAuthorityChange(Change):
    """A merge or split: speakers' merge links and quotes' attributions, before and after."""

    speakers: tuple[tuple[int, Any, Any, Any, Any], ...]
    # (speaker_id, old merged_into, old canonical_id, new merged_into, new canonical_id)
    quotes: tuple[tuple[int, Any, Any, Any, Any], ...]
    # (quote_id, old speaker_id, old speaker_variant_id, new speaker_id, new variant)
    text: str = "Merge speakers"

    @property
    def description(self) -> str:
        return self.text

    @property
    def empty(self) -> bool:
        return not self.speakers and not self.quotes


@dataclass(frozen=True)
class SpeakerRowChange(Change):
    """A speaker created (``created``) or deleted; ``empty`` when it already existed."""

    speaker: SpeakerRow
    created: bool
    noop: bool = False

    @property
    def description(self) -> str:
        return f"{'Create' if self.created else 'Delete'} speaker {self.speaker.name}"

    @property
    def empty(self) -> bool:
        return self.noop


@dataclass(frozen=True)
class SavedSearchChange(Change):
    """A saved search created (before None), edited, or deleted (after None)."""

    before: SavedSearch | None
    after: SavedSearch | None

    @property
    def description(self) -> str:
        if self.before is None and self.after is not None:
            return f"Save search {self.after.name}"
        if self.after is None and self.before is not None:
            return f"Delete saved search {self.before.name}"
        if self.before is not None and self.after is not None:
            if self.before.name != self.after.name:
                return f"Rename saved search {self.before.name} to {self.after.name}"
            return f"Update saved search {self.after.name}"
        return "Saved search"  # pragma: no cover

    @property
    def empty(self) -> bool:
        return self.before == self.after


@dataclass(frozen=True)
class CompositeChange(Change):
    """Several changes made as one step (a tag merge); reverted in reverse order."""

    parts: tuple[Change, ...]
    text: str = ""

    @property
    def description(self) -> str:
        return self.text or (self.parts[0].description if self.parts else "Change")

    @property
    def empty(self) -> bool:
        return all(part.empty for part in self.parts)


@dataclass
class ReextractReport:
    """What re-running extraction on an article did to its records."""

    article_id: int
    quotes_kept: int = 0  # matched to a new extraction record: updated in place, ids kept
    quotes_added: int = 0
    quotes_removed: int = 0  # no human work on them, and no longer found
    quotes_orphaned: int = 0  # no longer found, kept (flagged) for the human work on them
    operations_kept: int = 0
    operations_added: int = 0
    operations_removed: int = 0
    operations_orphaned: int = 0
    corrections_applied: int = 0


# -- helpers -------------------------------------------------------------------------


def normalize_tag_name(name: str) -> str:
    """A tag name path, each level trimmed: ``" policy / sanctuary "`` is ``policy/sanctuary``."""
    if not isinstance(name, str):
        raise CurationError("a tag name must be text")
    parts = [part.strip() for part in name.strip().strip("/").split("/")]
    if not parts or any(not part for part in parts):
        raise CurationError(f"{name!r} is not a usable tag name (empty level)")
    return "/".join(parts)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ids_json(ids: Iterable[int]) -> str:
    return json.dumps(sorted({int(i) for i in ids}))


def _kind(kind: RecordKind | str) -> RecordKind:
    try:
        return RecordKind(kind)
    except ValueError:
        raise CurationError(f"unknown record kind {kind!r}") from None


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CurationError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class Curation:
    """All reads and writes of the researcher's work, on one open :class:`Archive`."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.db = archive.db

    def _x(self, sql: str, params: Iterable = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, list(params))

    def _many(self, sql: str, rows: Iterable[Iterable]) -> None:
        self.db.conn.executemany(sql, rows)

    # == undo ================================================================

    def revert(self, change: Change) -> Change:
        """Undo ``change`` in one transaction; returns the change that redoes it."""
        with self.archive.transaction():
            return self._revert(change)

    def _revert(self, change: Change) -> Change:
        if change.empty and not isinstance(change, CompositeChange):
            return change
        if isinstance(change, CompositeChange):
            # The inverses, in the order they were applied: reverting them (last first)
            # redoes the parts in their original order.
            parts = tuple(self._revert(part) for part in reversed(change.parts))
            return CompositeChange(parts, change.text)
        if isinstance(change, QuoteTagsChange):
            return self._revert_quote_tags(change)
        if isinstance(change, TagRowsChange):
            if change.created:
                return self._delete_tag_rows(change.tags)
            self._insert_tag_rows(change.tags, change.links)
            return TagRowsChange(change.tags, (), created=True)
        if isinstance(change, TagsRenamed):
            self._rename_ids([(tag_id, old) for tag_id, old, _ in change.renames])
            return TagsRenamed(tuple((i, new, old) for i, old, new in change.renames))
        if isinstance(change, ValuesChange):
            return self._set_values(change.table, change.column, change.rows, reverse=True)
        if isinstance(change, CorrectionChange):
            values = {name: old for name, old, _ in change.fields}
            return self._correct(change.kind, change.record_id, values)
        if isinstance(change, SpeakerAuthorityChange):
            self._apply_speaker_state(
                [(s, om, oc) for s, om, oc, _, _ in change.speakers],
                [(q, os, ov) for q, os, ov, _, _ in change.quotes],
            )
            return SpeakerAuthorityChange(
                tuple((s, nm, nc, om, oc) for s, om, oc, nm, nc in change.speakers),
                tuple((q, ns, nv, os, ov) for q, os, ov, ns, nv in change.quotes),
                text=change.text,
            )
        if isinstance(change, SpeakerRowChange):
            if change.created:
                return self._delete_speaker(change.speaker)
            self._insert_speaker(change.speaker)
            return SpeakerRowChange(change.speaker, created=True)
        if isinstance(change, SavedSearchChange):
            self._write_saved_search(change.after, change.before)
            return SavedSearchChange(change.after, change.before)
        raise TypeError(f"cannot revert {change!r}")

    # == tags ================================================================

    def tags(self) -> list[TagInfo]:
        """Every tag with its number of quotes, by name (children follow their parent)."""
        rows = self._x(
            "SELECT t.id, t.name, t.color, count(qt.quote_id) FROM tags t"
            " LEFT JOIN quote_tags qt ON qt.tag_id = t.id"
            " GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.name"
        )
        return [TagInfo(*row) for row in rows]

    def tag(self, name: str) -> TagRow | None:
        """The tag called ``name`` (exactly, else ignoring case), or None."""
        name = normalize_tag_name(name)
        row = self._x("SELECT id, name, color FROM tags WHERE name = ?", [name]).fetchone()
        if row is None:
            row = self._x(
                "SELECT id, name, color FROM tags WHERE name = ? COLLATE NOCASE ORDER BY id",
                [name],
            ).fetchone()
        return TagRow(*row) if row else None

    def _require_tag(self, name: str) -> TagRow:
        row = self.tag(name)
        if row is None:
            raise CurationError(f"there is no tag {name!r}")
        return row

    def tags_of_quote(self, quote_id: int) -> list[TagRow]:
        rows = self._x(
            "SELECT t.id, t.name, t.color FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id"
            " WHERE qt.quote_id = ? ORDER BY t.name COLLATE NOCASE",
            [quote_id],
        )
        return [TagRow(*row) for row in rows]

    def tags_of_quotes(self, quote_ids: Iterable[int]) -> SelectionTags:
        """The tags the quotes carry, split into those all of them carry and the rest.

        One query whatever the number of quotes. An id that is no quote carries no tag
        (so no tag is carried by all); no ids at all: nothing is carried.
        """
        ids = _ids_json(quote_ids)
        wanted = len(json.loads(ids))
        rows = self._x(
            "SELECT t.id, t.name, t.color, count(*) FROM json_each(?) j"
            " JOIN quote_tags qt ON qt.quote_id = j.value JOIN tags t ON t.id = qt.tag_id"
            " GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.name",
            [ids],
        ).fetchall()
        every = tuple(TagRow(i, n, c) for i, n, c, k in rows if k == wanted)
        some = tuple(TagRow(i, n, c) for i, n, c, k in rows if k < wanted)
        return SelectionTags(every, some, {row[0]: row[3] for row in rows})

    def _subtree(self, name: str) -> list[TagRow]:
        """The tag ``name`` (if it exists) and every tag below it, by id."""
        rows = self._x(
            "SELECT id, name, color FROM tags WHERE name = ? OR name LIKE ? ESCAPE '\\'"
            " ORDER BY id",
            [name, like_escape(name) + "/%"],
        )
        return [TagRow(*row) for row in rows if row[1] == name or row[1].startswith(name + "/")]

    def create_tag(self, name: str, color: str | None = None) -> TagRowsChange:
        """A new tag; raises CurationError if one of that name exists."""
        name = normalize_tag_name(name)
        with self.archive.transaction():
            if self.tag(name) is not None:
                raise CurationError(f"a tag {name!r} already exists")
            tag_id = self._x(
                "INSERT INTO tags (name, color) VALUES (?, ?)", [name, color]
            ).lastrowid
        return TagRowsChange((TagRow(tag_id, name, color),), (), created=True)

    def _ensure_tag(self, name: str, color: str | None = None) -> tuple[TagRow, bool]:
        existing = self.tag(name)
        if existing is not None:
            return existing, False
        name = normalize_tag_name(name)
        tag_id = self._x("INSERT INTO tags (name, color) VALUES (?, ?)", [name, color]).lastrowid
        return TagRow(tag_id, name, color), True

    def rename_tag(self, old: str, new: str) -> TagsRenamed:
        """Rename a tag and every tag below it (``policy`` -> ``law`` renames ``policy/x``).

        ``old`` may also be a parent level that is not a tag of its own. Raises
        CurationError if a new name is taken by another tag (merge instead).
        """
        old_name, new_name = normalize_tag_name(old), normalize_tag_name(new)
        with self.archive.transaction():
            tag = self.tag(old_name)
            if tag is not None:
                old_name = tag.name
            subtree = self._subtree(old_name)
            if not subtree:
                raise CurationError(f"there is no tag {old!r}")
            if new_name == old_name:
                return TagsRenamed(())
            renames = [(t.id, t.name, new_name + t.name[len(old_name) :]) for t in subtree]
            moving = {t.id for t in subtree}
            for _, _, target in renames:
                clash = self._x(
                    "SELECT id, name FROM tags WHERE name = ? COLLATE NOCASE", [target]
                ).fetchall()
                if any(row[0] not in moving for row in clash):
                    raise CurationError(
                        f"a tag {clash[0][1]!r} already exists; merge the tags instead"
                    )
            self._rename_ids([(tag_id, target) for tag_id, _, target in renames])
        return TagsRenamed(tuple(renames))

    def _rename_ids(self, renames: list[tuple[int, str]]) -> None:
        # Two steps, so that names swapped within the batch never collide.
        self._many("UPDATE tags SET name = ? WHERE id = ?", [(f"\x00{i}", i) for i, _ in renames])
        self._many("UPDATE tags SET name = ? WHERE id = ?", [(name, i) for i, name in renames])

    def recolor_tag(self, name: str, color: str | None) -> ValuesChange:
        """Set a tag's colour (e.g. ``#cc3333``; None for none)."""
        with self.archive.transaction():
            tag = self._require_tag(name)
            return self._set_values("tags", "color", [(tag.id, tag.color, color)])

    def delete_tags(self, names: Iterable[str], recursive: bool = False) -> TagRowsChange:
        """Delete tags (and, if ``recursive``, the tags below them) from every quote."""
        with self.archive.transaction():
            rows: dict[int, TagRow] = {}
            for name in names:
                found = self._subtree(self._require_tag(name).name) if recursive else []
                for tag in found or [self._require_tag(name)]:
                    rows[tag.id] = tag
            return self._delete_tag_rows(tuple(rows.values()))

    def _delete_tag_rows(self, tags: tuple[TagRow, ...]) -> TagRowsChange:
        ids = _ids_json(tag.id for tag in tags)
        current = {
            row[0]: TagRow(*row)
            for row in self._x(
                "SELECT id, name, color FROM tags WHERE id IN (SELECT value FROM json_each(?))",
                [ids],
            )
        }
        links = tuple(
            (row[0], row[1])
            for row in self._x(
                "DELETE FROM quote_tags WHERE tag_id IN (SELECT value FROM json_each(?))"
                " RETURNING quote_id, tag_id",
                [ids],
            )
        )
        self._x("DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?))", [ids])
        kept = tuple(current[tag.id] for tag in tags if tag.id in current)
        return TagRowsChange(kept, tuple(sorted(links)), created=False)

    def _insert_tag_rows(self, tags: Iterable[TagRow], links: Iterable[tuple[int, int]]) -> None:
        self._many(
            "INSERT INTO tags (id, name, color) VALUES (?, ?, ?)",
            [(t.id, t.name, t.color) for t in tags],
        )
        self._x(
            "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)"
            " SELECT q.id, json_extract(j.value, '$[1]') FROM json_each(?) j"
            " JOIN quotes q ON q.id = json_extract(j.value, '$[0]')",
            [json.dumps([list(link) for link in links])],
        )

    def preview_merge_tags(self, sources: Iterable[str], target: str) -> TagMergePreview:
        """How many quotes a :meth:`merge_tags` with these arguments would change."""
        source_tags = [self._require_tag(name) for name in sources]
        target_tag = self.tag(target)
        ids = _ids_json(t.id for t in source_tags)
        (quotes,) = self._x(
            "SELECT count(DISTINCT quote_id) FROM quote_tags"
            " WHERE tag_id IN (SELECT value FROM json_each(?))",
            [ids],
        ).fetchone()
        gaining = quotes
        if target_tag is not None:
            (gaining,) = self._x(
                "SELECT count(DISTINCT quote_id) FROM quote_tags"
                " WHERE tag_id IN (SELECT value FROM json_each(?)) AND quote_id NOT IN"
                " (SELECT quote_id FROM quote_tags WHERE tag_id = ?)",
                [ids, target_tag.id],
            ).fetchone()
        names = tuple(t.name for t in source_tags if target_tag is None or t.id != target_tag.id)
        return TagMergePreview(quotes, gaining, names)

    def merge_tags(self, sources: Iterable[str], target: str) -> CompositeChange:
        """Give every quote tagged with a source the ``target`` tag (created if needed),
        then delete the sources. One undoable step."""
        with self.archive.transaction():
            source_tags = {t.id: t for t in (self._require_tag(name) for name in sources)}
            target_tag, created = self._ensure_tag(target)
            source_tags.pop(target_tag.id, None)
            if not source_tags:
                raise CurationError("choose at least one tag other than the target to merge")
            added = self._x(
                "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)"
                " SELECT DISTINCT quote_id, ? FROM quote_tags"
                " WHERE tag_id IN (SELECT value FROM json_each(?)) RETURNING quote_id",
                [target_tag.id, _ids_json(source_tags)],
            ).fetchall()
            tagged = QuoteTagsChange(
                target_tag, tuple(sorted(r[0] for r in added)), added=True, tag_row=created
            )
            deleted = self._delete_tag_rows(tuple(source_tags.values()))
        names = ", ".join(t.name for t in source_tags.values())
        return CompositeChange((tagged, deleted), f"Merge {names} into {target_tag.name}")

    # -- tagging quotes ---------------------------------------------------------

    def tag_quotes(
        self, quote_ids: Iterable[int], tag: str, color: str | None = None
    ) -> QuoteTagsChange:
        """Tag the quotes (the tag is created if it does not exist).

        The change lists the quotes that did not carry the tag before: exactly those
        an undo untags.
        """
        ids = _ids_json(quote_ids)
        with self.archive.transaction():
            row, created = self._ensure_tag(tag, color)
            added = self._x(
                "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)"
                " SELECT q.id, ? FROM json_each(?) j JOIN quotes q ON q.id = j.value"
                " RETURNING quote_id",
                [row.id, ids],
            ).fetchall()
        return QuoteTagsChange(row, tuple(sorted(r[0] for r in added)), added=True, tag_row=created)

    def untag_quotes(self, quote_ids: Iterable[int], tag: str) -> QuoteTagsChange:
        """Remove the tag from the quotes; the change lists the quotes that had it."""
        with self.archive.transaction():
            row = self.tag(tag)
            if row is None:
                return QuoteTagsChange(TagRow(0, normalize_tag_name(tag)), (), added=False)
            removed = self._x(
                "DELETE FROM quote_tags WHERE tag_id = ?"
                " AND quote_id IN (SELECT value FROM json_each(?)) RETURNING quote_id",
                [row.id, _ids_json(quote_ids)],
            ).fetchall()
        return QuoteTagsChange(row, tuple(sorted(r[0] for r in removed)), added=False)

    def tag_filtered(self, filters, tag: str, color: str | None = None) -> QuoteTagsChange:
        """Tag every quote matching ``filters`` (a RecordFilter) in one INSERT…SELECT:
        the ids never leave SQLite. The change lists the quotes newly tagged."""
        from archive_gui.core.store.archive import _where
        from archive_gui.core.store.schema import ID_EXPR, RECORD_TABLES

        where, params = _where(RecordKind.QUOTES, filters)
        kind = RecordKind.QUOTES
        with self.archive.transaction():
            row, created = self._ensure_tag(tag, color)
            added = self._x(
                "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)"
                f" SELECT {ID_EXPR[kind]}, ? FROM {RECORD_TABLES[kind]} {where}"
                " RETURNING quote_id",
                [row.id, *params],
            ).fetchall()
        return QuoteTagsChange(row, tuple(sorted(r[0] for r in added)), added=True, tag_row=created)

    def untag_filtered(self, filters, tag: str) -> QuoteTagsChange:
        """Remove the tag from every quote matching ``filters`` (a RecordFilter)."""
        from archive_gui.core.store.archive import _where
        from archive_gui.core.store.schema import ID_EXPR, RECORD_TABLES

        where, params = _where(RecordKind.QUOTES, filters)
        kind = RecordKind.QUOTES
        with self.archive.transaction():
            row = self.tag(tag)
            if row is None:
                return QuoteTagsChange(TagRow(0, normalize_tag_name(tag)), (), added=False)
            removed = self._x(
                "DELETE FROM quote_tags WHERE tag_id = ? AND quote_id IN"
                f" (SELECT {ID_EXPR[kind]} FROM {RECORD_TABLES[kind]} {where})"
                " RETURNING quote_id",
                [row.id, *params],
            ).fetchall()
        return QuoteTagsChange(row, tuple(sorted(r[0] for r in removed)), added=False)

    def quote_ids_matching(self, query: Query | str | None) -> list[int]:
        """The ids of the quotes the search ``query`` matches (every quote if None).

        Raises SearchSyntaxError for a query that does not parse.
        """
        return list(search_ids(self.db, RecordKind.QUOTES, query))

    def tag_matching(self, query: Query | str | None, tag: str) -> QuoteTagsChange:
        """Tag every quote the search ``query`` matches (every quote if None)."""
        return self.tag_quotes(self.quote_ids_matching(query), tag)

    def untag_matching(self, query: Query | str | None, tag: str) -> QuoteTagsChange:
        return self.untag_quotes(self.quote_ids_matching(query), tag)

    def _revert_quote_tags(self, change: QuoteTagsChange) -> QuoteTagsChange:
        ids = _ids_json(change.quote_ids)
        if change.added:
            self._x(
                "DELETE FROM quote_tags WHERE tag_id = ?"
                " AND quote_id IN (SELECT value FROM json_each(?))",
                [change.tag.id, ids],
            )
            tag_row = False
            if change.tag_row:
                (left,) = self._x(
                    "SELECT count(*) FROM quote_tags WHERE tag_id = ?", [change.tag.id]
                ).fetchone()
                if left == 0:
                    current = self._x(
                        "SELECT id, name, color FROM tags WHERE id = ?", [change.tag.id]
                    ).fetchone()
                    self._x("DELETE FROM tags WHERE id = ?", [change.tag.id])
                    tag_row = current is not None
                    tag = TagRow(*current) if current else change.tag
                    return QuoteTagsChange(tag, change.quote_ids, added=False, tag_row=tag_row)
            return QuoteTagsChange(change.tag, change.quote_ids, added=False, tag_row=False)
        if change.tag_row:
            self._insert_tag_rows([change.tag], [])
        self._x(
            "INSERT OR IGNORE INTO quote_tags (quote_id, tag_id)"
            " SELECT q.id, ? FROM json_each(?) j JOIN quotes q ON q.id = j.value",
            [change.tag.id, ids],
        )
        return QuoteTagsChange(change.tag, change.quote_ids, added=True, tag_row=change.tag_row)

    # == notes and review status ==================================================

    def set_note(
        self, record_id: int, note: str | None, kind: RecordKind | str = RecordKind.QUOTES
    ) -> ValuesChange:
        """Set (or, with None or blank text, clear) the note of a quote or operation."""
        kind = _kind(kind)
        note = note if note and note.strip() else None
        with self.archive.transaction():
            row = self._x(f"SELECT note FROM {_TABLE[kind]} WHERE id = ?", [record_id]).fetchone()
            if row is None:
                raise CurationError(f"there is no {kind.value[:-1]} {record_id}")
            return self._set_values(_TABLE[kind], "note", [(record_id, row[0], note)])

    def note(self, record_id: int, kind: RecordKind | str = RecordKind.QUOTES) -> str | None:
        row = self._x(
            f"SELECT note FROM {_TABLE[_kind(kind)]} WHERE id = ?", [record_id]
        ).fetchone()
        return row[0] if row else None

    def set_review_status(
        self, kind: RecordKind | str, ids: Iterable[int], status: str
    ) -> ValuesChange:
        """Set the review status of records; the change holds each one's previous status
        (``change.previous``), for the records whose status actually changed."""
        kind = _kind(kind)
        if status not in REVIEW_STATUSES:
            raise CurationError(f"review status is one of {', '.join(REVIEW_STATUSES)}")
        table = _TABLE[kind]
        with self.archive.transaction():
            changed = self._x(
                f"SELECT t.id, t.review_status FROM json_each(?) j JOIN {table} t"
                " ON t.id = j.value WHERE t.review_status <> ?",
                [_ids_json(ids), status],
            ).fetchall()
            return self._set_values(
                table, "review_status", [(i, old, status) for i, old in changed]
            )

    def review_statuses(self, kind: RecordKind | str, ids: Iterable[int]) -> dict[int, str]:
        table = _TABLE[_kind(kind)]
        rows = self._x(
            f"SELECT t.id, t.review_status FROM json_each(?) j JOIN {table} t ON t.id = j.value",
            [_ids_json(ids)],
        )
        return dict(rows.fetchall())

    def _set_values(
        self, table: str, column: str, rows: Iterable[tuple[int, Any, Any]], reverse: bool = False
    ) -> ValuesChange:
        """Set ``column`` of each (id, old, new) row to new (old if ``reverse``)."""
        if (table, column) not in _VALUE_FIELDS:
            raise CurationError(f"{table}.{column} cannot be set this way")
        rows = tuple((i, new, old) if reverse else (i, old, new) for i, old, new in rows)
        rows = tuple(row for row in rows if row[1] != row[2])
        by_value: dict[Any, list[int]] = {}
        for row_id, _, new in rows:
            by_value.setdefault(new, []).append(row_id)
        if len(by_value) <= 8:  # bulk edits set few distinct values: one statement each
            for value, ids in by_value.items():
                self._x(
                    f"UPDATE {table} SET {column} = ? WHERE id IN (SELECT value FROM json_each(?))",
                    [value, _ids_json(ids)],
                )
        else:
            self._many(
                f"UPDATE {table} SET {column} = ? WHERE id = ?", [(new, i) for i, _, new in rows]
            )
        return ValuesChange(table, column, rows)

    # == corrections ===========================================================

    def corrections(self, kind: RecordKind | str, record_id: int) -> dict[str, Correction]:
        """The fields of a record a person corrected, with the value extraction gave."""
        rows = self._x(
            "SELECT field, extracted_value, corrected_value, corrected_at FROM corrections"
            " WHERE record_kind = ? AND record_id = ? ORDER BY field",
            [_CORRECTION_KIND[_kind(kind)], record_id],
        )
        return {row[0]: Correction(*row) for row in rows}

    def correct_quote(self, quote_id: int, **fields: Any) -> CorrectionChange:
        """Correct fields of a quote: ``speaker_id`` (None for unattributed; see
        :meth:`create_speaker`), ``speaker_role``, ``speaker_affiliation``, and the
        boundaries ``start`` / ``end`` (the quote's text becomes ``article[start:end]``).

        Returns the change, whose ``previous`` holds the values before.
        """
        unknown = set(fields) - set(QUOTE_FIELDS)
        if unknown:
            raise CurationError(f"cannot correct {', '.join(sorted(unknown))} of a quote")
        with self.archive.transaction():
            return self._correct(RecordKind.QUOTES, quote_id, fields)

    def correct_operation(self, operation_id: int, **fields: Any) -> CorrectionChange:
        """Correct fields of an operation: ``count``, ``qualifier``, ``place_id`` (see
        :meth:`places` / :meth:`ensure_place`), ``period_text``, ``period_start``,
        ``period_end`` (dates or ISO strings) and ``agency``."""
        unknown = set(fields) - set(OPERATION_FIELDS)
        if unknown:
            raise CurationError(f"cannot correct {', '.join(sorted(unknown))} of an operation")
        with self.archive.transaction():
            return self._correct(RecordKind.OPERATIONS, operation_id, fields)

    def record_fields(self, kind: RecordKind | str, record_id: int) -> dict[str, Any]:
        """The correctable fields of a record as they are now, with its ``article_id``.

        A quote's ``speaker_id`` is the speaker it is attributed to as shown in its
        article (the variant, when merged). Raises CurationError for an unknown record.
        """
        return self._current(_kind(kind), record_id)

    def _current(self, kind: RecordKind, record_id: int) -> dict[str, Any]:
        if kind is RecordKind.QUOTES:
            sql = (
                "SELECT coalesce(q.speaker_variant_id, q.speaker_id) AS speaker_id,"
                ' q.speaker_role, q.speaker_affiliation, q.start, q."end", q.article_id'
                " FROM quotes q WHERE q.id = ?"
            )
        else:
            sql = (
                "SELECT count, qualifier, place_id, period_text, period_start, period_end,"
                " agency, article_id FROM operations WHERE id = ?"
            )
        cursor = self._x(sql, [record_id])
        row = cursor.fetchone()
        if row is None:
            noun = "quote" if kind is RecordKind.QUOTES else "operation"
            raise CurationError(f"there is no {noun} {record_id}")
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    def _validate(self, kind: RecordKind, current: dict, values: dict) -> dict[str, Any]:
        clean: dict[str, Any] = {}
        for name, value in values.items():
            if name in ("speaker_role", "speaker_affiliation", "period_text", "agency"):
                value = _blank_to_none(value)
                if value is not None and not isinstance(value, str):
                    raise CurationError(f"{name} must be text")
            elif name in ("speaker_id", "place_id"):
                if value is not None:
                    table = "speakers" if name == "speaker_id" else "places"
                    if self._x(f"SELECT 1 FROM {table} WHERE id = ?", [value]).fetchone() is None:
                        raise CurationError(f"there is no {table[:-1]} {value}")
                    value = int(value)
            elif name in ("start", "end", "count"):
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise CurationError(f"{name} must be a whole number, 0 or more")
            elif name == "qualifier":
                if value not in QUALIFIERS:
                    raise CurationError(f"qualifier is one of {', '.join(QUALIFIERS)}")
            elif name in ("period_start", "period_end"):
                value = _iso(value)
            clean[name] = value
        if kind is RecordKind.QUOTES and ("start" in clean or "end" in clean):
            start = clean.get("start", current["start"])
            end = clean.get("end", current["end"])
            (length,) = self._x(
                "SELECT length(text) FROM articles WHERE id = ?", [current["article_id"]]
            ).fetchone()
            if not 0 <= start < end <= length:
                raise CurationError(
                    f"quote boundaries {start}-{end} must lie within the article (0-{length})"
                    " and enclose at least one character"
                )
            (text,) = self._x(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                [start + 1, end - start, current["article_id"]],
            ).fetchone()
            if not text.strip():
                raise CurationError("the quote boundaries enclose only blank space")
        if kind is RecordKind.OPERATIONS:
            period_start = clean.get("period_start", current["period_start"])
            period_end = clean.get("period_end", current["period_end"])
            if period_start and period_end and period_end < period_start:
                raise CurationError("the period ends before it starts")
        return clean

    def _correct(self, kind: RecordKind, record_id: int, values: dict) -> CorrectionChange:
        current = self._current(kind, record_id)
        values = self._validate(kind, current, values)
        changed = tuple(
            (name, current[name], new)
            for name, new in sorted(values.items())
            if current[name] != new
        )
        if not changed:
            return CorrectionChange(kind, record_id, ())
        record_kind = _CORRECTION_KIND[kind]
        logged = self.corrections(kind, record_id)
        for name, old, new in changed:
            extracted = logged[name].extracted if name in logged else old
            if new == extracted:
                self._x(
                    "DELETE FROM corrections WHERE record_kind = ? AND record_id = ? AND field = ?",
                    [record_kind, record_id, name],
                )
            else:
                self._x(
                    "INSERT INTO corrections (record_kind, record_id, field, extracted_value,"
                    " corrected_value, corrected_at) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (record_kind, record_id, field) DO UPDATE SET"
                    " corrected_value = excluded.corrected_value,"
                    " corrected_at = excluded.corrected_at",
                    [record_kind, record_id, name, extracted, new, _now()],
                )
        self._write_fields(kind, record_id, {name: new for name, _, new in changed})
        return CorrectionChange(kind, record_id, changed)

    def _write_fields(self, kind: RecordKind, record_id: int, values: dict[str, Any]) -> None:
        """Write field values into the record row, with the columns derived from them."""
        sets: dict[str, Any] = {}
        for name, value in values.items():
            if name == "speaker_id":
                canonical = self._canonical(value) if value is not None else None
                sets["speaker_id"] = canonical
                sets["speaker_variant_id"] = value if value != canonical else None
            elif name == "place_id":
                sets["place_id"] = value
                kind_row = (
                    self._x("SELECT kind FROM places WHERE id = ?", [value]).fetchone()
                    if value is not None
                    else None
                )
                sets["city_id"] = value if kind_row and kind_row[0] == "city" else None
            else:
                sets[name] = value
        if "start" in sets or "end" in sets:
            row = self._x('SELECT article_id, start, "end" FROM quotes WHERE id = ?', [record_id])
            article_id, start, end = row.fetchone()
            start, end = sets.get("start", start), sets.get("end", end)
            (sets["text"],) = self._x(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                [start + 1, end - start, article_id],
            ).fetchone()
        assignments = ", ".join(f'"{name}" = ?' for name in sets)
        self._x(
            f"UPDATE {_TABLE[kind]} SET {assignments} WHERE id = ?", [*sets.values(), record_id]
        )

    # == places (for correcting an operation's place) ==================================

    def places(
        self, kind: str | None = None, search: str | None = None
    ) -> list[tuple[int, str, str]]:
        """``(id, label, kind)`` of the archive's places, by label; optionally filtered."""
        clauses, params = [], []
        if kind is not None:
            clauses.append("kind = ?")
            params.append(kind)
        if search:
            clauses.append("label LIKE ? ESCAPE '\\'")
            params.append("%" + like_escape(search.strip()) + "%")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [
            tuple(row)
            for row in self._x(
                f"SELECT id, label, kind FROM places {where} ORDER BY label COLLATE NOCASE", params
            )
        ]

    def ensure_place(self, place: Place) -> int:
        """The id of ``place``, creating it (and the places it nests in) if needed."""
        with self.archive.transaction():
            return self.archive._place_id(place)

    # == speakers: the authority list ==================================================

    def speakers(self, search: str | None = None, include_merged: bool = False) -> list[SpeakerRow]:
        """Speakers by name with their number of quotes; merged ones only if asked.

        A speaker shown on its own counts the quotes attributed to it (quotes point at
        canonical speakers only), read from ``speaker_quote_counts``, which triggers keep
        in step; a merged speaker counts the quotes it is the variant of.
        """
        clauses, params = [], []
        if not include_merged:
            clauses.append("s.canonical_id IS NULL")
        if search:
            clauses.append("s.name LIKE ? ESCAPE '\\'")
            params.append("%" + like_escape(search.strip()) + "%")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        if include_merged:
            variants = (
                " LEFT JOIN (SELECT speaker_variant_id AS id, count(*) AS quotes FROM quotes"
                " WHERE speaker_variant_id IS NOT NULL GROUP BY speaker_variant_id) v"
                " ON v.id = s.id AND s.canonical_id IS NOT NULL"
            )
            count = "CASE WHEN s.canonical_id IS NULL THEN coalesce(c.quotes, 0)"
            count += " ELSE coalesce(v.quotes, 0) END"
        else:
            variants, count = "", "coalesce(c.quotes, 0)"
        rows = self._x(
            "SELECT s.id, s.name, s.kind, s.role, s.affiliation, s.merged_into, s.canonical_id,"
            f" {count} FROM speakers s"
            " LEFT JOIN speaker_quote_counts c ON c.speaker_id = s.id AND s.canonical_id IS NULL"
            f"{variants} {where} ORDER BY s.name COLLATE NOCASE, s.id",
            params,
        )
        return [SpeakerRow(*row) for row in rows]

    def speaker(self, speaker_id: int) -> SpeakerRow:
        row = self._x(
            "SELECT id, name, kind, role, affiliation, merged_into, canonical_id FROM speakers"
            " WHERE id = ?",
            [speaker_id],
        ).fetchone()
        if row is None:
            raise CurationError(f"there is no speaker {speaker_id}")
        return SpeakerRow(*row)

    def speaker_variants(self, speaker_id: int) -> list[SpeakerRow]:
        """The speakers merged (directly or through another) into this one, by name."""
        rows = self._x(
            "SELECT s.id, s.name, s.kind, s.role, s.affiliation, s.merged_into, s.canonical_id,"
            " (SELECT count(*) FROM quotes WHERE speaker_variant_id = s.id)"
            " FROM speakers s WHERE s.canonical_id = ? ORDER BY s.name COLLATE NOCASE, s.id",
            [speaker_id],
        )
        return [SpeakerRow(*row) for row in rows]

    def _canonical(self, speaker_id: int) -> int:
        row = self._x(
            "SELECT coalesce(canonical_id, id) FROM speakers WHERE id = ?", [speaker_id]
        ).fetchone()
        if row is None:
            raise CurationError(f"there is no speaker {speaker_id}")
        return row[0]

    def create_speaker(
        self,
        name: str,
        kind: str = "person",
        role: str | None = None,
        affiliation: str | None = None,
    ) -> SpeakerRowChange:
        """A new speaker for the authority list (``change.speaker.id``); if one of that name
        and kind exists, the change is empty and names the existing one."""
        name = (name or "").strip()
        if not name:
            raise CurationError("a speaker needs a name")
        if kind not in SPEAKER_KINDS:
            raise CurationError(f"a speaker is a {' or an '.join(SPEAKER_KINDS)}")
        with self.archive.transaction():
            row = self._x(
                "SELECT id FROM speakers WHERE name = ? AND kind = ?", [name, kind]
            ).fetchone()
            if row is not None:
                return SpeakerRowChange(self.speaker(row[0]), created=True, noop=True)
            speaker_id = self._x(
                "INSERT INTO speakers (name, kind, role, affiliation) VALUES (?, ?, ?, ?)",
                [name, kind, _blank_to_none(role), _blank_to_none(affiliation)],
            ).lastrowid
            return SpeakerRowChange(self.speaker(speaker_id), created=True)

    def edit_speaker(self, speaker_id: int, **fields: Any) -> CompositeChange:
        """Change a speaker's ``name``, ``role`` or ``affiliation`` (the authority entry)."""
        unknown = set(fields) - {"name", "role", "affiliation"}
        if unknown:
            raise CurationError(f"cannot edit {', '.join(sorted(unknown))} of a speaker")
        with self.archive.transaction():
            current = self.speaker(speaker_id)
            parts = []
            for name, value in sorted(fields.items()):
                value = _blank_to_none(value)
                if name == "name":
                    if value is None:
                        raise CurationError("a speaker needs a name")
                    clash = self._x(
                        "SELECT 1 FROM speakers WHERE name = ? AND kind = ? AND id <> ?",
                        [value, current.kind, speaker_id],
                    ).fetchone()
                    if clash:
                        raise CurationError(f"a speaker {value!r} exists; merge them instead")
                old = getattr(current, name)
                parts.append(self._set_values("speakers", name, [(speaker_id, old, value)]))
        return CompositeChange(tuple(parts), f"Edit speaker {current.name}")

    def _insert_speaker(self, s: SpeakerRow) -> None:
        self._x(
            "INSERT INTO speakers (id, name, kind, role, affiliation, merged_into, canonical_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [s.id, s.name, s.kind, s.role, s.affiliation, s.merged_into, s.canonical_id],
        )

    def _delete_speaker(self, s: SpeakerRow) -> SpeakerRowChange:
        used = self._x(
            "SELECT 1 FROM quotes WHERE speaker_id = ? OR speaker_variant_id = ?"
            " UNION ALL SELECT 1 FROM speakers WHERE merged_into = ? LIMIT 1",
            [s.id, s.id, s.id],
        ).fetchone()
        if used:
            raise CurationError(f"speaker {s.name} is in use and cannot be removed")
        current = self.speaker(s.id)
        self._x("DELETE FROM speakers WHERE id = ?", [s.id])
        return SpeakerRowChange(current, created=False)

    def preview_merge_speakers(self, keep_id: int, merge_ids: Iterable[int]) -> SpeakerMergePreview:
        """How many quotes :meth:`merge_speakers` with these arguments would re-attribute."""
        merge = self._check_merge(keep_id, merge_ids)
        rows = self._x(
            "SELECT s.id, s.name, (SELECT count(*) FROM quotes WHERE speaker_id = s.id)"
            " FROM json_each(?) j JOIN speakers s ON s.id = j.value ORDER BY s.name",
            [_ids_json(merge)],
        ).fetchall()
        return SpeakerMergePreview(sum(r[2] for r in rows), tuple(tuple(r) for r in rows))

    def _check_merge(self, keep_id: int, merge_ids: Iterable[int]) -> list[int]:
        keep = self.speaker(keep_id)
        if keep.canonical_id is not None:
            raise CurationError(f"{keep.name} was merged into another speaker; keep that one")
        merge = sorted({int(i) for i in merge_ids} - {keep_id})
        if not merge:
            raise CurationError("choose at least one other speaker to merge")
        for speaker_id in merge:
            other = self.speaker(speaker_id)
            if other.canonical_id is not None:
                raise CurationError(f"{other.name} is already merged into another speaker")
        return merge

    def merge_speakers(self, keep_id: int, merge_ids: Iterable[int]) -> SpeakerAuthorityChange:
        """Merge speakers into ``keep_id``: their quotes are attributed to it (each keeping
        its role at the time and remembering the variant), and they leave the lists.

        Undo with :meth:`revert`; later, take one out again with :meth:`split_speaker`.
        """
        with self.archive.transaction():
            merge = self._check_merge(keep_id, merge_ids)
            ids = _ids_json(merge)
            speakers = [(i, None, None, keep_id, keep_id) for i in merge]
            speakers += [
                (i, merged_into, canonical, merged_into, keep_id)
                for i, merged_into, canonical in self._x(
                    "SELECT id, merged_into, canonical_id FROM speakers"
                    " WHERE canonical_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                    [ids],
                )
            ]
            quotes = [
                (q, sid, variant, keep_id, variant if variant is not None else sid)
                for q, sid, variant in self._x(
                    "SELECT id, speaker_id, speaker_variant_id FROM quotes"
                    " WHERE speaker_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                    [ids],
                )
            ]
            self._apply_speaker_state(
                [(s, nm, nc) for s, _, _, nm, nc in speakers],
                [(q, ns, nv) for q, _, _, ns, nv in quotes],
            )
            names = ", ".join(self.speaker(i).name for i in merge)
            keep = self.speaker(keep_id).name
        return SpeakerAuthorityChange(
            tuple(speakers), tuple(quotes), text=f"Merge {names} into {keep}"
        )

    def split_speaker(self, speaker_id: int) -> SpeakerAuthorityChange:
        """Take a merged speaker out again, with its quotes and the speakers merged into it."""
        with self.archive.transaction():
            speaker = self.speaker(speaker_id)
            if speaker.merged_into is None:
                raise CurationError(f"{speaker.name} is not merged into another speaker")
            root = speaker.canonical_id
            group = {
                i: parent
                for i, parent in self._x(
                    "SELECT id, merged_into FROM speakers WHERE canonical_id = ?", [root]
                )
            }

            def below(i: int) -> bool:
                seen = set()
                while i in group and i not in seen:
                    seen.add(i)
                    i = group[i]
                    if i == speaker_id:
                        return True
                return False

            moving = {i for i in group if below(i)}
            speakers = [(speaker_id, speaker.merged_into, root, None, None)]
            speakers += [(i, group[i], root, group[i], speaker_id) for i in sorted(moving)]
            variants = moving | {speaker_id}
            quotes = [
                (q, sid, variant, speaker_id, None if variant == speaker_id else variant)
                for q, sid, variant in self._x(
                    "SELECT id, speaker_id, speaker_variant_id FROM quotes WHERE speaker_id = ?"
                    " AND speaker_variant_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                    [root, _ids_json(variants)],
                )
            ]
            self._apply_speaker_state(
                [(s, nm, nc) for s, _, _, nm, nc in speakers],
                [(q, ns, nv) for q, _, _, ns, nv in quotes],
            )
            root_name = self.speaker(root).name
        return SpeakerAuthorityChange(
            tuple(speakers), tuple(quotes), text=f"Split {speaker.name} from {root_name}"
        )

    def _apply_speaker_state(
        self, speakers: list[tuple[int, Any, Any]], quotes: list[tuple[int, Any, Any]]
    ) -> None:
        self._many(
            "UPDATE speakers SET merged_into = ?, canonical_id = ? WHERE id = ?",
            [(m, c, i) for i, m, c in speakers],
        )
        self._many(
            "UPDATE quotes SET speaker_id = ?, speaker_variant_id = ? WHERE id = ?",
            [(s, v, q) for q, s, v in quotes],
        )

    # == saved searches ========================================================

    def saved_searches(self) -> list[SavedSearch]:
        rows = self._x(f"{_SAVED_SELECT} ORDER BY name COLLATE NOCASE").fetchall()
        return [_saved(row) for row in rows]

    def saved_search(self, key: int | str) -> SavedSearch | None:
        """A saved search by id or (ignoring case) by name."""
        column = "id" if isinstance(key, int) else "name"
        row = self._x(f"{_SAVED_SELECT} WHERE {column} = ?", [key]).fetchone()
        return _saved(row) if row else None

    def save_search(
        self,
        name: str,
        query: str = "",
        filters: Mapping[str, Any] | None = None,
        sort_key: str | None = None,
        descending: bool = False,
        kind: RecordKind | str | None = None,
    ) -> SavedSearchChange:
        """Save the current query, facet selections (JSON-able) and sort under ``name``."""
        name = (name or "").strip()
        if not name:
            raise CurationError("a saved search needs a name")
        with self.archive.transaction():
            if self.saved_search(name) is not None:
                raise CurationError(f"a saved search {name!r} already exists")
            now = _now()
            after = SavedSearch(
                0,
                name,
                query or "",
                dict(filters or {}),
                sort_key,
                bool(descending),
                _kind(kind).value if kind else None,
                now,
                now,
            )
            saved_id = self._write_saved_search(None, after)
            return SavedSearchChange(None, self.saved_search(saved_id))

    def update_saved_search(self, saved_id: int, **fields: Any) -> SavedSearchChange:
        """Change ``name``, ``query``, ``filters``, ``sort_key``, ``descending`` or ``kind``."""
        allowed = {"name", "query", "filters", "sort_key", "descending", "kind"}
        unknown = set(fields) - allowed
        if unknown:
            raise CurationError(f"cannot change {', '.join(sorted(unknown))} of a saved search")
        with self.archive.transaction():
            before = self.saved_search(int(saved_id))
            if before is None:
                raise CurationError(f"there is no saved search {saved_id}")
            if "name" in fields:
                fields["name"] = (fields["name"] or "").strip()
                if not fields["name"]:
                    raise CurationError("a saved search needs a name")
                other = self.saved_search(fields["name"])
                if other is not None and other.id != before.id:
                    raise CurationError(f"a saved search {fields['name']!r} already exists")
            if "filters" in fields:
                fields["filters"] = dict(fields["filters"] or {})
            if fields.get("kind") is not None:
                fields["kind"] = _kind(fields["kind"]).value
            if "descending" in fields:
                fields["descending"] = bool(fields["descending"])
            after = SavedSearch(**{**before.__dict__, **fields, "updated_at": _now()})
            self._write_saved_search(before, after)
            return SavedSearchChange(before, after)

    def rename_saved_search(self, saved_id: int, name: str) -> SavedSearchChange:
        return self.update_saved_search(saved_id, name=name)

    def delete_saved_search(self, saved_id: int) -> SavedSearchChange:
        with self.archive.transaction():
            before = self.saved_search(int(saved_id))
            if before is None:
                raise CurationError(f"there is no saved search {saved_id}")
            self._write_saved_search(before, None)
            return SavedSearchChange(before, None)

    def _write_saved_search(self, before: SavedSearch | None, after: SavedSearch | None) -> int:
        """Bring the table from ``before`` to ``after`` (either may be None)."""
        if after is None:
            assert before is not None
            self._x("DELETE FROM saved_searches WHERE id = ?", [before.id])
            return before.id
        values = [
            after.name,
            after.kind,
            after.query,
            json.dumps(dict(after.filters), sort_keys=True),
            after.sort_key,
            int(after.descending),
            after.created_at,
            after.updated_at,
        ]
        if before is None:
            try:
                return self._x(
                    "INSERT INTO saved_searches (id, name, kind, query, filters, sort_key,"
                    " descending, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [after.id or None, *values],
                ).lastrowid
            except (TypeError, ValueError) as exc:  # pragma: no cover - checked by json.dumps
                raise CurationError(f"filters must be JSON: {exc}") from exc
        self._x(
            "UPDATE saved_searches SET name = ?, kind = ?, query = ?, filters = ?, sort_key = ?,"
            " descending = ?, created_at = ?, updated_at = ? WHERE id = ?",
            [*values, before.id],
        )
        return before.id

    # == re-extraction ==========================================================

    def article_ids(self, stale_for: str | None = None) -> list[int]:
        """Every article's id; with ``stale_for``, those extracted by another version."""
        if stale_for is None:
            rows = self._x("SELECT id FROM articles ORDER BY id")
        else:
            rows = self._x(
                "SELECT id FROM articles WHERE extractor_version <> ? ORDER BY id", [stale_for]
            )
        return [row[0] for row in rows]

    def replace_extraction(
        self, article_id: int, extraction: Extraction, extractor_version: str
    ) -> ReextractReport:
        """Replace an article's machine records with a new extraction, keeping human work.

        New records are matched to old ones (same span, else same text, else the
        largest overlap); a matched record is updated in place, so its id, tags,
        note, review status and corrections stay, and its corrections are applied
        over the new values. An old record nobody worked on that is no longer found
        is deleted; one a person reviewed, corrected, tagged or annotated is kept
        and flagged ``orphaned``. One transaction.
        """
        report = ReextractReport(article_id)
        with self.archive.transaction():
            row = self._x("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
            if row is None:
                raise CurationError(f"there is no article {article_id}")
            text = row[0]
            self._replace_quotes(article_id, text, extraction.quotes, report)
            self._replace_operations(article_id, extraction.operations, report)
            self._x(
                "UPDATE articles SET extractor_version = ? WHERE id = ?",
                [extractor_version, article_id],
            )
        return report

    def _old_records(self, kind: RecordKind, article_id: int) -> list[dict]:
        table = _TABLE[kind]
        tagged = (
            "EXISTS (SELECT 1 FROM quote_tags WHERE quote_id = t.id)"
            if kind is RecordKind.QUOTES
            else "0"
        )
        text = "t.text" if kind is RecordKind.QUOTES else "t.count_text"
        cursor = self._x(
            f'SELECT t.id, t.start, t."end", {text} AS text, t.review_status, t.note,'
            f" {tagged} AS tagged FROM {table} t WHERE t.article_id = ? ORDER BY t.id",
            [article_id],
        )
        names = [d[0] for d in cursor.description]
        records = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        for record in records:
            record["corrections"] = self.corrections(kind, record["id"])
            spans = {(record["start"], record["end"])}
            fixes = record["corrections"]
            if "start" in fixes or "end" in fixes:
                start = fixes["start"].extracted if "start" in fixes else record["start"]
                end = fixes["end"].extracted if "end" in fixes else record["end"]
                spans.add((start, end))
            record["spans"] = spans
            record["human"] = bool(
                record["review_status"] != "unreviewed"
                or (record["note"] and record["note"].strip())
                or record["tagged"]
                or record["corrections"]
            )
        return records

    def _replace_quotes(
        self, article_id: int, text: str, quotes: list[Quote], report: ReextractReport
    ) -> None:
        old = self._old_records(RecordKind.QUOTES, article_id)
        matches = _match(old, quotes)
        for index, quote in enumerate(quotes):
            if index not in matches:
                self.archive._insert_quote(article_id, quote)
                report.quotes_added += 1
                continue
            record = matches[index]
            leaf = None
            if quote.speaker:
                leaf = self.archive._speaker_id(
                    quote.speaker,
                    quote.speaker_kind or "person",
                    quote.speaker_role,
                    quote.speaker_affiliation,
                )
            machine = {
                "speaker_id": leaf,
                "speaker_role": quote.speaker_role,
                "speaker_affiliation": quote.speaker_affiliation,
                "start": quote.start,
                "end": quote.end,
            }
            values = self._reapply(RecordKind.QUOTES, record, machine, report)
            if not 0 <= values["start"] < values["end"] <= len(text):  # pragma: no cover
                values["start"], values["end"] = quote.start, quote.end
            self._x(
                "UPDATE quotes SET mention_text = ?, mention_start = ?, mention_end = ?,"
                " rule = ?, confidence = ?, orphaned = 0 WHERE id = ?",
                [
                    quote.mention_text,
                    quote.mention_start,
                    quote.mention_end,
                    quote.rule,
                    quote.confidence,
                    record["id"],
                ],
            )
            self._write_fields(RecordKind.QUOTES, record["id"], values)
            report.quotes_kept += 1
        matched = {record["id"] for record in matches.values()}
        for record in old:
            if record["id"] in matched:
                continue
            if record["human"]:
                self._x("UPDATE quotes SET orphaned = 1 WHERE id = ?", [record["id"]])
                report.quotes_orphaned += 1
            else:
                self._x("DELETE FROM quotes WHERE id = ?", [record["id"]])
                report.quotes_removed += 1

    def _replace_operations(
        self, article_id: int, operations: list[Operation], report: ReextractReport
    ) -> None:
        old = self._old_records(RecordKind.OPERATIONS, article_id)
        matches = _match(old, operations)
        ids: list[int] = []
        for index, op in enumerate(operations):
            if index not in matches:
                ids.append(self.archive._insert_operation(article_id, op, None))
                report.operations_added += 1
                continue
            record = matches[index]
            place_id = self.archive._place_id(op.place) if op.place else None
            machine = {
                "count": op.count,
                "qualifier": op.qualifier,
                "place_id": place_id,
                "period_text": op.period_text,
                "period_start": op.period_start.isoformat() if op.period_start else None,
                "period_end": op.period_end.isoformat() if op.period_end else None,
                "agency": op.agency,
            }
            values = self._reapply(RecordKind.OPERATIONS, record, machine, report)
            self._x(
                'UPDATE operations SET count_text = ?, start = ?, "end" = ?, place_text = ?,'
                " place_start = ?, place_end = ?, rule = ?, confidence = ?, orphaned = 0"
                " WHERE id = ?",
                [
                    op.count_text,
                    op.start,
                    op.end,
                    op.place_text,
                    op.place_start,
                    op.place_end,
                    op.rule,
                    op.confidence,
                    record["id"],
                ],
            )
            self._write_fields(RecordKind.OPERATIONS, record["id"], values)
            ids.append(record["id"])
            report.operations_kept += 1
        matched = {record["id"] for record in matches.values()}
        for record in old:
            if record["id"] in matched:
                continue
            if record["human"]:
                self._x("UPDATE operations SET orphaned = 1 WHERE id = ?", [record["id"]])
                report.operations_orphaned += 1
            else:
                self._x("DELETE FROM operations WHERE id = ?", [record["id"]])
                report.operations_removed += 1
        self._many(
            "UPDATE operations SET part_of = ? WHERE id = ?",
            [
                (
                    ids[op.part_of]
                    if op.part_of is not None and 0 <= op.part_of < len(ids) and op.part_of != i
                    else None,
                    ids[i],
                )
                for i, op in enumerate(operations)
            ],
        )

    def _reapply(
        self, kind: RecordKind, record: dict, machine: dict[str, Any], report: ReextractReport
    ) -> dict[str, Any]:
        """The new machine values with the record's corrections applied over them; the
        corrections log the new extracted values."""
        values = dict(machine)
        for name, fix in record["corrections"].items():
            if name not in values:
                continue
            self._x(
                "UPDATE corrections SET extracted_value = ? WHERE record_kind = ?"
                " AND record_id = ? AND field = ?",
                [machine[name], _CORRECTION_KIND[kind], record["id"], name],
            )
            values[name] = fix.corrected
            report.corrections_applied += 1
        return values


_SAVED_SELECT = (
    "SELECT id, name, query, filters, sort_key, descending, kind, created_at, updated_at"
    " FROM saved_searches"
)


def _saved(row: tuple) -> SavedSearch:
    saved_id, name, query, filters, sort_key, descending, kind, created, updated = row
    return SavedSearch(
        saved_id,
        name,
        query,
        json.loads(filters),
        sort_key,
        bool(descending),
        kind,
        created,
        updated,
    )


def _match(old: list[dict], new: list[Quote] | list[Operation]) -> dict[int, dict]:
    """Pair new records (by index) with old ones: same span, else same text, else overlap.

    Greedy on the best pairs first; each old and each new record is used once.
    """
    candidates = []
    for index, record in enumerate(new):
        new_text = record.text if isinstance(record, Quote) else record.count_text
        for rank_old, item in enumerate(old):
            best = 0.0
            for start, end in item["spans"]:
                if (start, end) == (record.start, record.end):
                    best = max(best, 3.0)
                overlap = min(end, record.end) - max(start, record.start)
                if overlap > 0:
                    longest = max(end - start, record.end - record.start, 1)
                    best = max(best, 1.0 + overlap / longest)
            if best < 2.0 and new_text == item["text"]:
                best = 2.5 if best > 0 else 2.0  # same words; better still if overlapping
            if best > 0:
                candidates.append((-best, abs(item["start"] - record.start), rank_old, index, item))
    candidates.sort(key=lambda c: c[:4])
    pairs: dict[int, dict] = {}
    used: set[int] = set()
    for _, _, _, index, item in candidates:
        if index in pairs or item["id"] in used:
            continue
        pairs[index] = item
        used.add(item["id"])
    return pairs
