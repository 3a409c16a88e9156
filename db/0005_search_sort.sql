-- Schema version 5: the first page of a search, sorted by date, read from an index.
--
-- A free-text search with few matches (a rare word: tens of thousands of quotes) is
-- read from the full-text index and its matches sorted by the default sort key (date,
-- then position). Reading each match's sort key from its quote row is a random read
-- of the quotes table (a gigabyte at a million quotes): 40,000 of them take about a
-- second when the rows are not in the OS cache. This index holds the sort keys of
-- every quote by id (a few tens of megabytes), so the sort reads index entries only.
-- The list queries name it with INDEXED BY (SQLite would otherwise look the quote
-- up by its rowid).

CREATE INDEX quotes_sort_keys ON quotes(id, sort_published, start);
