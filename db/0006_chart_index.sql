-- Schema version 6: the charts under a quote filter read index entries only.
--
-- A speaker, tag or quote search filters operations by their article. Both charts
-- then read each matching operation's place, count and qualifier, and the time chart
-- also its dates and whether it is a breakdown of another count. The covering index of
-- version 3 lacked the dates and the breakdown link, so the time chart looked up every
-- operation row: at 200,000 operations, 171 ms under the most quoted speaker against
-- 99 ms from this index. It also serves the city and agency facets under such a filter,
-- and a full scan of it (a few megabytes) serves the time chart with no filter.
-- It replaces the narrower index (and the one on article_id alone: a prefix of it).

CREATE INDEX operations_article_charts ON operations(
    article_id, city_id, place_id, count, qualifier, part_of, period_start, sort_published,
    agency
);
DROP INDEX operations_article_summary;
DROP INDEX operations_article;
