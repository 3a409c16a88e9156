-- Schema version 1: articles, the records extracted from them, and the
-- entities they refer to. Applied inside one transaction by
-- archive_gui.core.store.migrations; PRAGMA user_version is set by the runner.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,            -- of the UTF-8 text: re-imports are no-ops
    title TEXT,
    outlet TEXT,
    url TEXT,
    author TEXT,
    published TEXT,                         -- ISO date, NULL when unknown
    imported_at TEXT NOT NULL,              -- ISO timestamp, UTC
    source_file TEXT,
    extractor_version TEXT NOT NULL,
    text TEXT NOT NULL                      -- verbatim; every record span indexes into it
);
CREATE INDEX articles_published ON articles(published);

-- Places nest: city -> state -> nationwide; an ICE area of operations -> nationwide.
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('city', 'state', 'area', 'nationwide')),
    name TEXT NOT NULL,
    state TEXT,                             -- two-letter code for a city or a state
    area TEXT,                              -- ICE area of operations the place belongs to
    parent_id INTEGER REFERENCES places(id),
    label TEXT NOT NULL                     -- what the UI shows, e.g. "Atlanta, GA"
);
CREATE UNIQUE INDEX places_identity ON places(kind, name, coalesce(state, ''));
CREATE INDEX places_parent ON places(parent_id);

-- One row per person or organisation; role/affiliation as last seen.
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
    role TEXT,
    affiliation TEXT
);
CREATE UNIQUE INDEX speakers_identity ON speakers(name, kind);

CREATE TABLE operations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    count INTEGER NOT NULL,
    qualifier TEXT NOT NULL CHECK (qualifier IN (
        'exact', 'about', 'nearly', 'more_than', 'at_least', 'up_to',
        'dozens', 'hundreds', 'thousands')),
    count_text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    place_id INTEGER REFERENCES places(id),
    city_id INTEGER REFERENCES places(id),  -- place_id when the place is a city: the City facet
    place_text TEXT,
    place_start INTEGER,
    place_end INTEGER,
    period_text TEXT,
    period_start TEXT,
    period_end TEXT,
    agency TEXT,
    part_of INTEGER REFERENCES operations(id) ON DELETE SET NULL,
    rule TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0,
    CHECK (start <= "end")
);
CREATE INDEX operations_article ON operations(article_id);
CREATE INDEX operations_place ON operations(place_id, count);
CREATE INDEX operations_city ON operations(city_id, article_id);
CREATE INDEX operations_count ON operations(count);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_id INTEGER REFERENCES speakers(id),
    speaker_role TEXT,                      -- the role the speaker held in this article
    speaker_affiliation TEXT,
    mention_text TEXT,                      -- the mention the speaker was resolved through
    mention_start INTEGER,
    mention_end INTEGER,
    rule TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0,
    note TEXT,
    CHECK (start <= "end")
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id, article_id);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    color TEXT
);

CREATE TABLE quote_tags (
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX quote_tags_tag ON quote_tags(tag_id, quote_id);

-- Full-text search over quote and article text (external content, kept in
-- step by triggers).
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
