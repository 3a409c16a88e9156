-- Schema version 4: the researcher's work on the archive -- review status, notes,
-- corrections, tag hierarchy, speaker authority and saved searches -- kept apart
-- from what extraction produces, so that re-running extraction never loses it.
--
-- Corrections are applied in place (the record row always shows the corrected
-- value, so lists, facets, views and exports need no change) and logged in
-- `corrections` with the value extraction gave; re-extraction refreshes the
-- extracted value and applies the corrected one again.

-- Review status of each record, settable in bulk and usable as a filter.
ALTER TABLE quotes ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (review_status IN ('unreviewed', 'verified', 'disputed', 'rejected'));
ALTER TABLE operations ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (review_status IN ('unreviewed', 'verified', 'disputed', 'rejected'));
CREATE INDEX quotes_review_status ON quotes(review_status);
CREATE INDEX operations_review_status ON operations(review_status);

-- A note on an operation, as quotes already have.
ALTER TABLE operations ADD COLUMN note TEXT;

-- 1 when the record is kept only because a person worked on it (reviewed,
-- corrected, tagged or annotated) and the latest extraction no longer finds it.
ALTER TABLE quotes ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1));
ALTER TABLE operations ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0
    CHECK (orphaned IN (0, 1));

-- Speaker authority. A merged speaker row stays (so a merge can be split again):
-- `merged_into` is the speaker it was merged into (the merge as the user made it,
-- possibly a chain) and `canonical_id` the end of that chain (NULL for a speaker
-- shown on its own). quotes.speaker_id always points at a canonical speaker, so
-- lists and facets need no change; quotes.speaker_variant_id keeps the speaker the
-- quote was attributed to before merging ("Mr. Marin"). quotes.speaker_role is per
-- quote: the role the speaker held at the time, untouched by merges.
ALTER TABLE speakers ADD COLUMN merged_into INTEGER REFERENCES speakers(id);
ALTER TABLE speakers ADD COLUMN canonical_id INTEGER REFERENCES speakers(id);
CREATE INDEX speakers_merged_into ON speakers(merged_into);
CREATE INDEX speakers_canonical ON speakers(canonical_id);
ALTER TABLE quotes ADD COLUMN speaker_variant_id INTEGER REFERENCES speakers(id);
CREATE INDEX quotes_speaker_variant ON quotes(speaker_variant_id);

-- A quote attributed (by import or a bundle) to a merged speaker goes to the
-- speaker it was merged into, remembering the variant.
CREATE TRIGGER quotes_merged_speaker_insert AFTER INSERT ON quotes
WHEN new.speaker_id IS NOT NULL
    AND (SELECT canonical_id FROM speakers WHERE id = new.speaker_id) IS NOT NULL
BEGIN
    UPDATE quotes SET
        speaker_variant_id = new.speaker_id,
        speaker_id = (SELECT canonical_id FROM speakers WHERE id = new.speaker_id)
    WHERE id = new.id;
END;

-- Human corrections of extracted fields, one row per record and field. Values keep
-- their SQLite type (the value columns have no declared type).
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    record_kind TEXT NOT NULL CHECK (record_kind IN ('quote', 'operation')),
    record_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    extracted_value,                        -- what extraction gave (latest run)
    corrected_value,                        -- what the researcher set
    corrected_at TEXT NOT NULL,             -- ISO timestamp, UTC
    UNIQUE (record_kind, record_id, field)
);
CREATE TRIGGER quotes_corrections_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM corrections WHERE record_kind = 'quote' AND record_id = old.id;
END;
CREATE TRIGGER operations_corrections_delete AFTER DELETE ON operations BEGIN
    DELETE FROM corrections WHERE record_kind = 'operation' AND record_id = old.id;
END;

-- Tags are hierarchical by name path: "policy/sanctuary" is a child of "policy"
-- (which need not exist as a tag of its own). Prefix lookups use this index.
CREATE INDEX tags_name_nocase ON tags(name COLLATE NOCASE);

-- Saved searches: a query, the facet selections (JSON) and the sort.
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT CHECK (kind IS NULL OR kind IN ('quotes', 'operations')),
    query TEXT NOT NULL DEFAULT '',
    filters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters)),
    sort_key TEXT,
    descending INTEGER NOT NULL DEFAULT 0 CHECK (descending IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
