-- Schema version 3: what keeps a million-quote archive instant.
--
-- Sort keys that live on another table (an article's date and title, a speaker's
-- name, a place's label) are copied onto the record rows and kept in step by
-- triggers. Every sortable column then has an index on the record table itself,
-- and a page of a sorted list is a keyset range scan of one index, never a join
-- sorted in full. The copies are derived data: nothing reads them but ORDER BY.

ALTER TABLE quotes ADD COLUMN sort_published TEXT;
ALTER TABLE quotes ADD COLUMN sort_title TEXT;
ALTER TABLE quotes ADD COLUMN sort_speaker TEXT;
ALTER TABLE operations ADD COLUMN sort_published TEXT;
ALTER TABLE operations ADD COLUMN sort_title TEXT;
ALTER TABLE operations ADD COLUMN sort_place TEXT;

UPDATE quotes SET
    sort_published = (SELECT published FROM articles WHERE id = quotes.article_id),
    sort_title = (SELECT title FROM articles WHERE id = quotes.article_id),
    sort_speaker = (SELECT name FROM speakers WHERE id = quotes.speaker_id);
UPDATE operations SET
    sort_published = (SELECT published FROM articles WHERE id = operations.article_id),
    sort_title = (SELECT title FROM articles WHERE id = operations.article_id),
    sort_place = (SELECT label FROM places WHERE id = operations.place_id);

CREATE TRIGGER quotes_sort_insert AFTER INSERT ON quotes BEGIN
    UPDATE quotes SET
        sort_published = (SELECT published FROM articles WHERE id = new.article_id),
        sort_title = (SELECT title FROM articles WHERE id = new.article_id),
        sort_speaker = (SELECT name FROM speakers WHERE id = new.speaker_id)
    WHERE id = new.id;
END;
CREATE TRIGGER quotes_sort_update AFTER UPDATE OF article_id, speaker_id ON quotes BEGIN
    UPDATE quotes SET
        sort_published = (SELECT published FROM articles WHERE id = new.article_id),
        sort_title = (SELECT title FROM articles WHERE id = new.article_id),
        sort_speaker = (SELECT name FROM speakers WHERE id = new.speaker_id)
    WHERE id = new.id;
END;
CREATE TRIGGER operations_sort_insert AFTER INSERT ON operations BEGIN
    UPDATE operations SET
        sort_published = (SELECT published FROM articles WHERE id = new.article_id),
        sort_title = (SELECT title FROM articles WHERE id = new.article_id),
        sort_place = (SELECT label FROM places WHERE id = new.place_id)
    WHERE id = new.id;
END;
CREATE TRIGGER operations_sort_update AFTER UPDATE OF article_id, place_id ON operations BEGIN
    UPDATE operations SET
        sort_published = (SELECT published FROM articles WHERE id = new.article_id),
        sort_title = (SELECT title FROM articles WHERE id = new.article_id),
        sort_place = (SELECT label FROM places WHERE id = new.place_id)
    WHERE id = new.id;
END;
CREATE TRIGGER articles_sort_update AFTER UPDATE OF published, title ON articles BEGIN
    UPDATE quotes SET sort_published = new.published, sort_title = new.title
        WHERE article_id = new.id;
    UPDATE operations SET sort_published = new.published, sort_title = new.title
        WHERE article_id = new.id;
END;
CREATE TRIGGER speakers_sort_update AFTER UPDATE OF name ON speakers BEGIN
    UPDATE quotes SET sort_speaker = new.name WHERE speaker_id = new.id;
END;
CREATE TRIGGER places_sort_update AFTER UPDATE OF label ON places BEGIN
    UPDATE operations SET sort_place = new.label WHERE place_id = new.id;
END;

-- One index per sort order (the rowid, the final tie-breaker, is implicit in each),
-- and the default order (by date) under each facet filter.
CREATE INDEX quotes_by_published ON quotes(sort_published, start);
CREATE INDEX quotes_by_speaker ON quotes(sort_speaker);
CREATE INDEX quotes_by_role ON quotes(speaker_role);
CREATE INDEX quotes_by_title ON quotes(sort_title);
CREATE INDEX quotes_by_text ON quotes(text);
CREATE INDEX quotes_speaker_by_published ON quotes(speaker_id, sort_published, start);

CREATE INDEX operations_by_published ON operations(sort_published, start);
CREATE INDEX operations_by_qualifier ON operations(qualifier);
CREATE INDEX operations_by_place ON operations(sort_place);
CREATE INDEX operations_by_period ON operations(period_start, coalesce(period_text, ''));
CREATE INDEX operations_by_agency ON operations(agency);
CREATE INDEX operations_by_title ON operations(sort_title);
CREATE INDEX operations_city_by_published ON operations(city_id, sort_published, start);

-- Covering indexes for the facet counts and the chart under a filter: a facet or
-- chart query reads index entries only, never the record rows.
CREATE INDEX quotes_article_speaker ON quotes(article_id, speaker_id);
CREATE INDEX operations_article_summary
    ON operations(article_id, city_id, place_id, count, qualifier);
CREATE INDEX operations_place_summary ON operations(place_id, count, qualifier);

-- Pre-aggregated: the number of quotes of each speaker, kept by triggers, for the
-- Speaker facet when no other filter applies (a million-row GROUP BY otherwise).
CREATE TABLE speaker_quote_counts (
    speaker_id INTEGER PRIMARY KEY REFERENCES speakers(id) ON DELETE CASCADE,
    quotes INTEGER NOT NULL
);
INSERT INTO speaker_quote_counts (speaker_id, quotes)
    SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id;
CREATE TRIGGER speaker_quote_counts_insert AFTER INSERT ON quotes
WHEN new.speaker_id IS NOT NULL BEGIN
    INSERT INTO speaker_quote_counts (speaker_id, quotes) VALUES (new.speaker_id, 1)
        ON CONFLICT (speaker_id) DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER speaker_quote_counts_delete AFTER DELETE ON quotes
WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE speaker_quote_counts SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id;
END;
CREATE TRIGGER speaker_quote_counts_update AFTER UPDATE OF speaker_id ON quotes
WHEN new.speaker_id IS NOT old.speaker_id BEGIN
    UPDATE speaker_quote_counts SET quotes = quotes - 1 WHERE speaker_id = old.speaker_id;
    INSERT INTO speaker_quote_counts (speaker_id, quotes)
        SELECT new.speaker_id, 1 WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id) DO UPDATE SET quotes = quotes + 1;
END;
