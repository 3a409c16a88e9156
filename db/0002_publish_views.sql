-- Schema version 2: readable views for publishing an archive as it is (Datasette,
-- `archive-gui serve`), so the archive file itself carries them. Each joins a record
-- to its speaker, places and article; list-valued columns (tags, cities, speakers)
-- are JSON arrays of strings, which Datasette facets as arrays.

CREATE VIEW quote_view AS
SELECT
    q.id,
    q.text,
    s.name AS speaker,
    s.kind AS speaker_kind,
    q.speaker_role,
    q.speaker_affiliation,
    (SELECT json_group_array(name) FROM (
        SELECT t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id
        WHERE qt.quote_id = q.id ORDER BY t.name)) AS tags,
    q.note,
    -- a quote's cities are those of the operations its article reports
    (SELECT json_group_array(label) FROM (
        SELECT DISTINCT p.label FROM operations o JOIN places p ON p.id = o.city_id
        WHERE o.article_id = q.article_id ORDER BY p.label)) AS cities,
    a.title AS article_title,
    a.outlet AS article_outlet,
    a.published,
    a.url AS article_url,
    q.article_id,
    a.sha256 AS article_sha256,
    q.start,
    q."end",
    q.mention_text,
    q.rule,
    q.confidence
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id;

CREATE VIEW operation_view AS
SELECT
    o.id,
    o.count,
    o.qualifier,
    o.count_text,
    p.label AS place,
    p.kind AS place_kind,
    c.label AS city,
    CASE WHEN p.kind IN ('city', 'state') THEN p.state END AS state,
    CASE WHEN p.kind = 'area' THEN p.name ELSE p.area END AS area,
    o.place_text,
    o.period_text,
    o.period_start,
    o.period_end,
    o.agency,
    o.part_of,
    -- an operation's speakers are those quoted in its article
    (SELECT json_group_array(name) FROM (
        SELECT DISTINCT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id
        WHERE q.article_id = o.article_id ORDER BY s.name)) AS speakers,
    a.title AS article_title,
    a.outlet AS article_outlet,
    a.published,
    a.url AS article_url,
    o.article_id,
    a.sha256 AS article_sha256,
    o.start,
    o."end",
    o.rule,
    o.confidence
FROM operations o
JOIN articles a ON a.id = o.article_id
LEFT JOIN places p ON p.id = o.place_id
LEFT JOIN places c ON c.id = o.city_id;
