"""The search syntax: parsing, errors that point at the problem, and the SQL it becomes."""

from __future__ import annotations

import pytest

from archive_gui.core.search import (
    And,
    Field,
    Not,
    Or,
    SearchSyntaxError,
    Text,
    highlight_spans,
    highlighter,
    parse,
)
from archive_gui.core.store import RecordKind
from archive_gui.core.store.curation import Curation
from archive_gui.core.store.search_sql import fts_errors, fts_query, search_clause, search_ids


def T(value, **kw):
    return Text(value, **kw)


def strip_positions(node):
    """The tree without positions, to compare shapes."""
    if isinstance(node, Text):
        return Text(node.value, node.phrase, node.prefix)
    if isinstance(node, Field):
        return Field(node.name, node.value, node.prefix)
    if isinstance(node, Not):
        return Not(strip_positions(node.item))
    return type(node)(tuple(strip_positions(item) for item in node.items))


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("ICE", T("ICE")),
        ("ICE raids", And((T("ICE"), T("raids")))),
        ("ICE AND raids", And((T("ICE"), T("raids")))),
        ('"sanctuary city"', T("sanctuary city", phrase=True)),
        ("“sanctuary city”", T("sanctuary city", phrase=True)),
        ("arrest*", T("arrest", prefix=True)),
        ('"about thir"*', T("about thir", phrase=True, prefix=True)),
        ("a OR b c", Or((T("a"), And((T("b"), T("c")))))),
        ("(a OR b) c", And((Or((T("a"), T("b"))), T("c")))),
        ("NOT a", Not(T("a"))),
        ("a -b", And((T("a"), Not(T("b"))))),
        ("a NOT NOT b", And((T("a"), Not(Not(T("b")))))),
        ("post-9/11", T("post-9/11")),
        ("and or not", And((T("and"), T("or"), T("not")))),  # only upper case is an operator
        ("speaker:Marin", Field("speaker", "Marin")),
        ('speaker:"David Marin"', Field("speaker", "David Marin")),
        ("Speaker:Mar*", Field("speaker", "Mar", prefix=True)),
        ("tag:policy/sanctuary", Field("tag", "policy/sanctuary")),
        (
            'city:"Los Angeles" OR city:Atlanta',
            Or((Field("city", "Los Angeles"), Field("city", "Atlanta"))),
        ),
        ("year:2017", Field("year", "2017")),
        ("year:2015..2017", Field("year", "2015..2017")),
        ("status:Verified", Field("status", "verified")),
        ("outlet:Times -year:2016", And((Field("outlet", "Times"), Not(Field("year", "2016"))))),
        ("10:30", T("10:30")),
        ("ICE - raids", And((T("ICE"), T("raids")))),  # a lone dash is punctuation
    ],
)
def test_queries_parse_into_trees(query, tree):
    assert strip_positions(parse(query).root) == tree


@pytest.mark.parametrize("query", ["", "   ", None])
def test_an_empty_query_is_no_filter(query):
    assert parse(query) is None
    assert search_clause(RecordKind.QUOTES, query) == ("", [])


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("(ICE raids", 0, "never closed"),
        ("ICE raids)", 9, "no ("),
        ('ICE "raids', 4, "quotation mark"),
        ("ICE OR", 4, "after"),
        ("OR ICE", 0, "before"),
        ("ICE AND OR raids", 8, "after"),
        ("ICE AND", 4, "after"),
        ("NOT", 0, "after"),
        ("a (NOT)", 3, "after"),
        ("()", 0, "empty"),
        ("ICE ( )", 4, "empty"),
        ("*", 0, "word before"),
        ("ar*rest", 2, "end"),
        ("speakr:Marin", 0, "unknown field"),
        ("speaker:", 0, "needs a value"),
        ('speaker:""', 0, "needs a value"),
        ("speaker:Ma*rin", 10, "end"),
        ("year:17", 5, "year"),
        ("year:2017*", 5, "year"),
        ("year:2018..2016", 5, "backwards"),
        ("status:done", 7, "status"),
    ],
)
def test_malformed_queries_say_what_and_where(query, position, words):
    with pytest.raises(SearchSyntaxError) as raised:
        parse(query)
    assert raised.value.position == position
    assert words in raised.value.message
    assert f"column {position + 1}" in str(raised.value)


def test_free_text_is_quoted_for_fts5():
    assert fts_query(parse("NEAR(a b)").root) == '("NEAR" AND ("a" AND "b"))'
    assert fts_query(Text('say "no"')) == '"say ""no"""'
    query = parse('ICE OR arrest* -"this week"')
    assert fts_query(query.root) == '("ICE" OR (("arrest"*) NOT "this week"))'
    assert fts_query(parse("NOT ICE").root) is None  # FTS5 has no NOT on its own
    assert fts_query(parse("ICE speaker:x").root) is None


@pytest.mark.parametrize(
    ("hostile", "parses"),
    [
        ("NEAR(a b)", True),  # FTS5 syntax is plain words here
        ("col:a", False),  # an unknown field: a message, not an FTS column filter
        ("^start", True),
        ("a + b", True),
        ("{text}: routine", True),
        ("'; DROP TABLE quotes; --", False),  # a trailing "-" needs a term
        ('"a""b"', True),
        ("a AND (b OR (c AND NOT d))", True),
        ("%_\\", False),  # the backslash escapes nothing: the query ends too early
        ("speaker:%", True),
        ("tag:_", True),
    ],
)
def test_user_text_never_reaches_sql_or_fts_syntax(filled_archive, hostile, parses):
    for kind in RecordKind:
        if parses:
            ids = search_ids(filled_archive.db, kind, hostile)
            assert isinstance(ids, list)
        else:
            with pytest.raises(SearchSyntaxError):  # a message, never a crash
                search_ids(filled_archive.db, kind, hostile)
    if parses:
        assert parse(hostile) is not None
    else:
        with pytest.raises(SearchSyntaxError):
            parse(hostile)
    assert filled_archive.totals().quotes == 4
    assert search_ids(filled_archive.db, RecordKind.QUOTES, "speaker:%") == []
    assert search_ids(filled_archive.db, RecordKind.QUOTES, "tag:_") == []


def texts(archive, ids):
    return sorted(
        archive.db.execute(f"SELECT text FROM quotes WHERE id = {i}").fetchone()[0] for i in ids
    )


def counts(archive, ids):
    return sorted(
        archive.db.execute(f"SELECT count_text FROM operations WHERE id = {i}").fetchone()[0]
        for i in ids
    )


ALL_QUOTES = [
    "Nothing out of the ordinary,",
    "This is routine,",
    "We arrest people every day for the same reasons,",
    "We arrest people every day,",
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (None, ALL_QUOTES),
        ("arrest", [ALL_QUOTES[2], ALL_QUOTES[3]]),
        ("ARREST people", [ALL_QUOTES[2], ALL_QUOTES[3]]),
        ('"people every day for"', [ALL_QUOTES[2]]),
        ('"day for"', [ALL_QUOTES[2]]),
        ("ordin*", [ALL_QUOTES[0]]),
        ("routine OR ordinary", [ALL_QUOTES[0], ALL_QUOTES[1]]),
        ("arrest -reasons", [ALL_QUOTES[3]]),
        ("NOT arrest", [ALL_QUOTES[0], ALL_QUOTES[1]]),
        ("speaker:cox", [ALL_QUOTES[1], ALL_QUOTES[2], ALL_QUOTES[3]]),
        ('speaker:"David Marin"', [ALL_QUOTES[0]]),
        ("speaker:Dav*", [ALL_QUOTES[0]]),
        ("speaker:Marin* ", []),  # starts with
        ("speaker:cox -routine", [ALL_QUOTES[2], ALL_QUOTES[3]]),
        ("city:atlanta", [ALL_QUOTES[1], ALL_QUOTES[3]]),
        ('city:"Los Angeles, CA"', [ALL_QUOTES[0], ALL_QUOTES[2]]),
        ("outlet:daily", [ALL_QUOTES[1], ALL_QUOTES[3]]),
        ("year:2017", ALL_QUOTES),
        ("year:2010..2016", []),
        ("status:unreviewed", ALL_QUOTES),
        ("(city:atlanta OR speaker:marin) AND NOT routine", [ALL_QUOTES[0], ALL_QUOTES[3]]),
    ],
)
def test_searching_quotes(filled_archive, query, expected):
    ids = search_ids(filled_archive.db, RecordKind.QUOTES, query)
    assert texts(filled_archive, ids) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("arrested", ["About 30", "More than 160", "Nearly 100"]),
        ("Georgia", ["About 30", "Nearly 100"]),
        ("city:angeles", ["More than 160"]),
        ("speaker:marin", ["More than 160"]),  # through the article
        ("outlet:daily OR year:2020", ["About 30", "Nearly 100"]),
        ("routine", ["About 30", "Nearly 100"]),  # article text
        ("status:verified", []),
    ],
)
def test_searching_operations(filled_archive, query, expected):
    ids = search_ids(filled_archive.db, RecordKind.OPERATIONS, query)
    assert counts(filled_archive, ids) == expected


def test_tag_terms_match_a_tag_and_its_children(filled_archive):
    cur = Curation(filled_archive)
    quotes = search_ids(filled_archive.db, RecordKind.QUOTES, None)
    cur.tag_quotes(quotes[:1], "policy")
    cur.tag_quotes(quotes[1:2], "policy/sanctuary")
    cur.tag_quotes(quotes[2:3], "policymakers")
    assert search_ids(filled_archive.db, "quotes", "tag:policy") == quotes[:2]
    assert search_ids(filled_archive.db, "quotes", "tag:POLICY/sanctuary") == quotes[1:2]
    assert search_ids(filled_archive.db, "quotes", "tag:policy*") == quotes[:3]
    assert search_ids(filled_archive.db, "quotes", "-tag:policy") == quotes[2:]
    ops = search_ids(filled_archive.db, "operations", "tag:policy/sanctuary")
    article = filled_archive.db.execute(
        "SELECT article_id FROM quotes WHERE id = ?", [quotes[1]]
    ).fetchone()[0]
    assert ops == [
        r[0]
        for r in filled_archive.db.execute(
            "SELECT id FROM operations WHERE article_id = ? ORDER BY id", [article]
        )
    ]
    cur.set_review_status("quotes", quotes[:1], "verified")
    assert search_ids(filled_archive.db, "quotes", "status:verified") == quotes[:1]


def test_a_merged_speakers_name_still_finds_their_quotes(filled_archive):
    cur = Curation(filled_archive)
    cox = filled_archive.speaker_ids("Bryan Cox")[0]
    marin = filled_archive.speaker_ids("David Marin")[0]
    assert len(search_ids(filled_archive.db, "quotes", "speaker:cox")) == 3
    cur.merge_speakers(marin, [cox])  # one person: either name finds all their quotes
    assert len(search_ids(filled_archive.db, "quotes", "speaker:cox")) == 4
    assert len(search_ids(filled_archive.db, "quotes", "speaker:marin")) == 4


def test_the_clause_fits_the_list_queries_from_clause(filled_archive):
    from archive_gui.core.store.schema import FROM_CLAUSES, ID_EXPR

    for kind in RecordKind:
        clause, params = search_clause(kind, "arrest* OR speaker:cox")
        sql = f"SELECT {ID_EXPR[kind]} FROM {FROM_CLAUSES[kind]} WHERE {clause}"
        assert filled_archive.db.execute(sql, params).fetchall()


def test_fts_errors_become_search_syntax_errors(filled_archive):
    with pytest.raises(SearchSyntaxError), fts_errors("x"):
        filled_archive.db.execute(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", ['"unterminated']
        ).fetchall()
    with pytest.raises(Exception, match="no such table"), fts_errors("x"):
        filled_archive.db.execute("SELECT * FROM no_such_table")


def test_highlight_spans_follow_the_free_text_terms():
    text = "ICE arrested about 30 people; arrests continue. Not ice cream."
    query = parse('arrest* "about 30" -cream')
    spans = highlight_spans(query, text)
    assert [text[s:e] for s, e in spans] == ["arrested", "about 30", "arrests"]
    assert highlight_spans(parse("speaker:Marin"), text) == []
    assert highlight_spans(None, text) == []
    assert [text[s:e] for s, e in highlight_spans(parse("ice"), text)] == ["ICE", "ice"]
    query = parse("arrest* OR arrested")
    assert [text[s:e] for s, e in highlight_spans(query, text)] == ["arrested", "arrests"]
    assert [f.name for f in parse("speaker:a city:b x").fields()] == ["speaker", "city"]


def test_a_prepared_highlighter_is_reused_across_texts():
    query = parse('arrest* "about 30" -cream speaker:Marin')
    matcher = highlighter(query)
    assert matcher  # has free-text terms
    for text in ("ICE arrested about 30 people.", "Not ice cream.", "", "Arrests: about  30"):
        assert matcher.spans(text) == highlight_spans(query, text)
    assert matcher.spans("Arrests: about  30") == [(0, 7), (9, 18)]
    assert not highlighter(parse("speaker:Marin")) and not highlighter(None)
    assert highlighter(None).spans("anything") == []
