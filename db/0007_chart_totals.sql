-- Schema version 7: the arrest totals of each speaker's articles and of each city, by
-- month and by place, kept by triggers.
--
-- A speaker filter reaches operations through the articles that quote the speaker. At a
-- million quotes the most quoted speaker's articles report 107,000 operations, and each
-- chart read and grouped all of them (about 100 ms each, twice that beside the other
-- readers of a click); the top city's 42,000 operations took about 50 ms per chart. With
-- one speaker or one city as the whole filter, the charts now read these few rows.
--
-- An operation counts for a speaker when its article has at least one quote by that
-- speaker, and for a city when its city_id is that city. The time chart leaves out
-- breakdowns (part_of) and undated operations, as filtering.arrests_over_time does; the
-- place chart leaves out operations with no place. Rows whose operations fall to zero
-- stay (with zero totals) and are skipped on reading.
--
-- The triggers add and subtract whole operations (OLD out, NEW in), so the order in
-- which SQLite fires them beside the sort-key triggers (which update a new row's
-- sort_published) does not matter. The views compute the same totals from scratch: the
-- migration and a bulk load fill the tables from them, and the tests compare the two.

CREATE VIEW speaker_month_totals_computed AS
SELECT s.speaker_id, substr(coalesce(o.period_start, o.sort_published), 1, 7) AS month,
    sum(o.count) AS total, count(*) AS operations,
    sum(o.qualifier <> 'exact') AS approximate
FROM (SELECT DISTINCT speaker_id, article_id FROM quotes WHERE speaker_id IS NOT NULL) s
JOIN operations o ON o.article_id = s.article_id
WHERE o.part_of IS NULL AND coalesce(o.period_start, o.sort_published) IS NOT NULL
GROUP BY s.speaker_id, month;

CREATE VIEW speaker_place_totals_computed AS
SELECT s.speaker_id, o.place_id, sum(o.count) AS total, count(*) AS operations,
    sum(o.qualifier <> 'exact') AS approximate
FROM (SELECT DISTINCT speaker_id, article_id FROM quotes WHERE speaker_id IS NOT NULL) s
JOIN operations o ON o.article_id = s.article_id
WHERE o.place_id IS NOT NULL
GROUP BY s.speaker_id, o.place_id;

CREATE TABLE speaker_month_totals (
    speaker_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    total INTEGER NOT NULL,
    operations INTEGER NOT NULL,
    approximate INTEGER NOT NULL,  -- operations whose count is not exact ("nearly 100")
    PRIMARY KEY (speaker_id, month)
) WITHOUT ROWID;

CREATE TABLE speaker_place_totals (
    speaker_id INTEGER NOT NULL,
    place_id INTEGER NOT NULL,
    total INTEGER NOT NULL,
    operations INTEGER NOT NULL,
    approximate INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, place_id)
) WITHOUT ROWID;

INSERT INTO speaker_month_totals SELECT * FROM speaker_month_totals_computed;
INSERT INTO speaker_place_totals SELECT * FROM speaker_place_totals_computed;

-- An operation added: to every speaker its article quotes.
CREATE TRIGGER speaker_totals_operation_insert AFTER INSERT ON operations BEGIN
    INSERT INTO speaker_month_totals
        SELECT DISTINCT speaker_id, substr(coalesce(new.period_start, new.sort_published), 1, 7),
            new.count, 1, new.qualifier <> 'exact'
        FROM quotes WHERE article_id = new.article_id AND speaker_id IS NOT NULL
            AND new.part_of IS NULL AND coalesce(new.period_start, new.sort_published) IS NOT NULL
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT DISTINCT speaker_id, new.place_id, new.count, 1, new.qualifier <> 'exact'
        FROM quotes WHERE article_id = new.article_id AND speaker_id IS NOT NULL
            AND new.place_id IS NOT NULL
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- An operation removed: from every speaker its article quotes.
CREATE TRIGGER speaker_totals_operation_delete AFTER DELETE ON operations BEGIN
    INSERT INTO speaker_month_totals
        SELECT DISTINCT speaker_id, substr(coalesce(old.period_start, old.sort_published), 1, 7),
            -old.count, -1, -(old.qualifier <> 'exact')
        FROM quotes WHERE article_id = old.article_id AND speaker_id IS NOT NULL
            AND old.part_of IS NULL AND coalesce(old.period_start, old.sort_published) IS NOT NULL
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT DISTINCT speaker_id, old.place_id, -old.count, -1, -(old.qualifier <> 'exact')
        FROM quotes WHERE article_id = old.article_id AND speaker_id IS NOT NULL
            AND old.place_id IS NOT NULL
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- An operation changed in what the charts read: the old one out, the new one in.
CREATE TRIGGER speaker_totals_operation_update AFTER UPDATE OF
    article_id, count, qualifier, place_id, part_of, period_start, sort_published
ON operations
WHEN old.article_id IS NOT new.article_id OR old.count IS NOT new.count
    OR old.qualifier IS NOT new.qualifier OR old.place_id IS NOT new.place_id
    OR old.part_of IS NOT new.part_of OR old.period_start IS NOT new.period_start
    OR old.sort_published IS NOT new.sort_published
BEGIN
    INSERT INTO speaker_month_totals
        SELECT DISTINCT speaker_id, substr(coalesce(old.period_start, old.sort_published), 1, 7),
            -old.count, -1, -(old.qualifier <> 'exact')
        FROM quotes WHERE article_id = old.article_id AND speaker_id IS NOT NULL
            AND old.part_of IS NULL AND coalesce(old.period_start, old.sort_published) IS NOT NULL
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT DISTINCT speaker_id, old.place_id, -old.count, -1, -(old.qualifier <> 'exact')
        FROM quotes WHERE article_id = old.article_id AND speaker_id IS NOT NULL
            AND old.place_id IS NOT NULL
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_month_totals
        SELECT DISTINCT speaker_id, substr(coalesce(new.period_start, new.sort_published), 1, 7),
            new.count, 1, new.qualifier <> 'exact'
        FROM quotes WHERE article_id = new.article_id AND speaker_id IS NOT NULL
            AND new.part_of IS NULL AND coalesce(new.period_start, new.sort_published) IS NOT NULL
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT DISTINCT speaker_id, new.place_id, new.count, 1, new.qualifier <> 'exact'
        FROM quotes WHERE article_id = new.article_id AND speaker_id IS NOT NULL
            AND new.place_id IS NOT NULL
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- A speaker's first quote in an article: the article's operations count for the speaker.
CREATE TRIGGER speaker_totals_quote_insert AFTER INSERT ON quotes
WHEN new.speaker_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM quotes
    WHERE article_id = new.article_id AND speaker_id = new.speaker_id AND id <> new.id
)
BEGIN
    INSERT INTO speaker_month_totals
        SELECT new.speaker_id, substr(coalesce(period_start, sort_published), 1, 7) AS month,
            sum(count), count(*), sum(qualifier <> 'exact')
        FROM operations WHERE article_id = new.article_id AND part_of IS NULL
            AND coalesce(period_start, sort_published) IS NOT NULL
        GROUP BY month
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT new.speaker_id, place_id, sum(count), count(*), sum(qualifier <> 'exact')
        FROM operations WHERE article_id = new.article_id AND place_id IS NOT NULL
        GROUP BY place_id
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- A speaker's last quote in an article gone: its operations no longer count for them.
CREATE TRIGGER speaker_totals_quote_delete AFTER DELETE ON quotes
WHEN old.speaker_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM quotes WHERE article_id = old.article_id AND speaker_id = old.speaker_id
)
BEGIN
    INSERT INTO speaker_month_totals
        SELECT old.speaker_id, substr(coalesce(period_start, sort_published), 1, 7) AS month,
            -sum(count), -count(*), -sum(qualifier <> 'exact')
        FROM operations WHERE article_id = old.article_id AND part_of IS NULL
            AND coalesce(period_start, sort_published) IS NOT NULL
        GROUP BY month
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT old.speaker_id, place_id, -sum(count), -count(*), -sum(qualifier <> 'exact')
        FROM operations WHERE article_id = old.article_id AND place_id IS NOT NULL
        GROUP BY place_id
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- A quote moved to another speaker (a merge, a correction) or article: as a delete of
-- the old quote and an insert of the new one.
CREATE TRIGGER speaker_totals_quote_update AFTER UPDATE OF speaker_id, article_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id OR old.article_id IS NOT new.article_id
BEGIN
    INSERT INTO speaker_month_totals
        SELECT old.speaker_id, substr(coalesce(period_start, sort_published), 1, 7) AS month,
            -sum(count), -count(*), -sum(qualifier <> 'exact')
        FROM operations WHERE article_id = old.article_id AND part_of IS NULL
            AND coalesce(period_start, sort_published) IS NOT NULL
            AND old.speaker_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM quotes
                WHERE article_id = old.article_id AND speaker_id = old.speaker_id
            )
        GROUP BY month
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT old.speaker_id, place_id, -sum(count), -count(*), -sum(qualifier <> 'exact')
        FROM operations WHERE article_id = old.article_id AND place_id IS NOT NULL
            AND old.speaker_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM quotes
                WHERE article_id = old.article_id AND speaker_id = old.speaker_id
            )
        GROUP BY place_id
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_month_totals
        SELECT new.speaker_id, substr(coalesce(period_start, sort_published), 1, 7) AS month,
            sum(count), count(*), sum(qualifier <> 'exact')
        FROM operations WHERE article_id = new.article_id AND part_of IS NULL
            AND coalesce(period_start, sort_published) IS NOT NULL
            AND new.speaker_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM quotes
                WHERE article_id = new.article_id AND speaker_id = new.speaker_id
                    AND id <> new.id
            )
        GROUP BY month
        ON CONFLICT (speaker_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO speaker_place_totals
        SELECT new.speaker_id, place_id, sum(count), count(*), sum(qualifier <> 'exact')
        FROM operations WHERE article_id = new.article_id AND place_id IS NOT NULL
            AND new.speaker_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM quotes
                WHERE article_id = new.article_id AND speaker_id = new.speaker_id
                    AND id <> new.id
            )
        GROUP BY place_id
        ON CONFLICT (speaker_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- Per city: an operation counts for its own city_id, so only operations are watched.

CREATE VIEW city_month_totals_computed AS
SELECT city_id, substr(coalesce(period_start, sort_published), 1, 7) AS month,
    sum(count) AS total, count(*) AS operations, sum(qualifier <> 'exact') AS approximate
FROM operations
WHERE city_id IS NOT NULL AND part_of IS NULL
    AND coalesce(period_start, sort_published) IS NOT NULL
GROUP BY city_id, month;

CREATE VIEW city_place_totals_computed AS
SELECT city_id, place_id, sum(count) AS total, count(*) AS operations,
    sum(qualifier <> 'exact') AS approximate
FROM operations
WHERE city_id IS NOT NULL AND place_id IS NOT NULL
GROUP BY city_id, place_id;

CREATE TABLE city_month_totals (
    city_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    total INTEGER NOT NULL,
    operations INTEGER NOT NULL,
    approximate INTEGER NOT NULL,
    PRIMARY KEY (city_id, month)
) WITHOUT ROWID;

CREATE TABLE city_place_totals (
    city_id INTEGER NOT NULL,
    place_id INTEGER NOT NULL,
    total INTEGER NOT NULL,
    operations INTEGER NOT NULL,
    approximate INTEGER NOT NULL,
    PRIMARY KEY (city_id, place_id)
) WITHOUT ROWID;

INSERT INTO city_month_totals SELECT * FROM city_month_totals_computed;
INSERT INTO city_place_totals SELECT * FROM city_place_totals_computed;

CREATE TRIGGER city_totals_operation_insert AFTER INSERT ON operations
WHEN new.city_id IS NOT NULL BEGIN
    INSERT INTO city_month_totals
        SELECT new.city_id, substr(coalesce(new.period_start, new.sort_published), 1, 7),
            new.count, 1, new.qualifier <> 'exact'
        WHERE new.part_of IS NULL AND coalesce(new.period_start, new.sort_published) IS NOT NULL
        ON CONFLICT (city_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO city_place_totals
        SELECT new.city_id, new.place_id, new.count, 1, new.qualifier <> 'exact'
        WHERE new.place_id IS NOT NULL
        ON CONFLICT (city_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

CREATE TRIGGER city_totals_operation_delete AFTER DELETE ON operations
WHEN old.city_id IS NOT NULL BEGIN
    INSERT INTO city_month_totals
        SELECT old.city_id, substr(coalesce(old.period_start, old.sort_published), 1, 7),
            -old.count, -1, -(old.qualifier <> 'exact')
        WHERE old.part_of IS NULL AND coalesce(old.period_start, old.sort_published) IS NOT NULL
        ON CONFLICT (city_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO city_place_totals
        SELECT old.city_id, old.place_id, -old.count, -1, -(old.qualifier <> 'exact')
        WHERE old.place_id IS NOT NULL
        ON CONFLICT (city_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

CREATE TRIGGER city_totals_operation_update AFTER UPDATE OF
    city_id, count, qualifier, place_id, part_of, period_start, sort_published
ON operations
WHEN old.city_id IS NOT new.city_id OR old.count IS NOT new.count
    OR old.qualifier IS NOT new.qualifier OR old.place_id IS NOT new.place_id
    OR old.part_of IS NOT new.part_of OR old.period_start IS NOT new.period_start
    OR old.sort_published IS NOT new.sort_published
BEGIN
    INSERT INTO city_month_totals
        SELECT old.city_id, substr(coalesce(old.period_start, old.sort_published), 1, 7),
            -old.count, -1, -(old.qualifier <> 'exact')
        WHERE old.city_id IS NOT NULL AND old.part_of IS NULL
            AND coalesce(old.period_start, old.sort_published) IS NOT NULL
        ON CONFLICT (city_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO city_place_totals
        SELECT old.city_id, old.place_id, -old.count, -1, -(old.qualifier <> 'exact')
        WHERE old.city_id IS NOT NULL AND old.place_id IS NOT NULL
        ON CONFLICT (city_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO city_month_totals
        SELECT new.city_id, substr(coalesce(new.period_start, new.sort_published), 1, 7),
            new.count, 1, new.qualifier <> 'exact'
        WHERE new.city_id IS NOT NULL AND new.part_of IS NULL
            AND coalesce(new.period_start, new.sort_published) IS NOT NULL
        ON CONFLICT (city_id, month) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
    INSERT INTO city_place_totals
        SELECT new.city_id, new.place_id, new.count, 1, new.qualifier <> 'exact'
        WHERE new.city_id IS NOT NULL AND new.place_id IS NOT NULL
        ON CONFLICT (city_id, place_id) DO UPDATE SET total = total + excluded.total,
            operations = operations + excluded.operations,
            approximate = approximate + excluded.approximate;
END;

-- Quotes by article, with what the quote facets and the quote list read: a filter on
-- operations (a city, a state, an agency) reaches quotes through their articles, and
-- its facet sample, first page and page anchors then read each quote's speaker, date,
-- position and review status from the index instead of the quote's row (the top city
-- at 1M: 203,000 quotes, 25,000 sampled for the facets). It replaces the two indexes
-- it begins with.
CREATE INDEX quotes_article_keys
    ON quotes(article_id, speaker_id, sort_published, start, review_status);
DROP INDEX quotes_article_speaker;
DROP INDEX quotes_article;
