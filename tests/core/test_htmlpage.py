"""Saved web pages: body text without boilerplate, metadata, decoding, nothing fetched."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from archive_gui.core.htmlpage import (
    HtmlPageError,
    declared_encoding,
    decode_html,
    read_html_page,
)
from archive_gui.core.records import ArticleMeta

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def page(name: str):
    return read_html_page((PAGES / name).read_bytes())


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


# name: (metadata, dateline start of the first body paragraph, sentences in, text out)
FIXTURES = {
    "wire-story.html": (
        ArticleMeta(
            title="Immigration agents arrest 212 in Northern California sweep",
            outlet="Western Press Wire",
            url="https://www.westernpresswire.example/news/"
            "immigration-agents-arrest-212-northern-california-sweep-7f3a21",
            published=date(2018, 2, 28),
            author="Marisol Vega",  # only in the JSON-LD
        ),
        "OAKLAND, Calif. (WPW) — Federal immigration agents arrested 212 people",
        [
            "“Our officers went out and did their jobs professionally and safely,” said Thomas "
            "Reyes, acting director of the agency’s San Francisco field office.",
            "“People are afraid to take their children to school,” Ortega said.",
            "The operation was the largest in Northern California since the start of the year, "
            "the agency said.",
        ],
        [
            "cookies",  # cookie banner
            "Politics",  # navigation
            "Refinance",  # ads
            "Top 10 vacation deals",
            "celebrity",
            "Court weighs challenge",  # inline related link
            "Senate vote",  # related stories
            "Send them all back",  # comments
            "heartbreaking",
            "Join the discussion",
            "Share on Facebook",
            "All rights reserved",
            "Photo by Staff",
            "MARISOL VEGA",  # byline
            "4:42 PM",
        ],
    ),
    "local-paper.html": (
        ArticleMeta(
            title="ICE arrests dozens in Los Angeles-area raids; "
            "families gather outside federal building",
            outlet="Inland Valley Courier",
            url="https://www.inlandvalleycourier.example/2019/07/18/"
            "ice-arrests-dozens-los-angeles-raids/",
            published=date(2019, 7, 18),
            author="Daniel Okafor",
        ),
        "LOS ANGELES — Federal immigration agents arrested 46 people",
        [
            "“These were targeted arrests of specific individuals,” Whitley said.",
            "By Wednesday afternoon, relatives of some of those detained had gathered",
            "The Coalition for Immigrant Rights said it had confirmed 19 of the arrests "
            "independently.",
        ],
        [
            "Subscribe",
            "Obituaries",
            "morning headlines",  # newsletter form
            "Email address",
            "Tags:",
            "County fair",  # previous/next links
            "Enforce the law. Simple",  # comments
            "thoughts on this story",
            "Most Read",
            "taco",
            "Valley Media Group",
            "6:00 a.m.",
        ],
    ),
    "broadcast.html": (
        ArticleMeta(
            title="Families separated after ICE arrests 58 in Houston-area operation",
            outlet="KVNT 7 Houston",
            url="https://www.kvnt7.example/article/news/local/ice-arrests-58-houston/285-5c1d0e2a",
            published=date(2019, 6, 25),  # NewsArticle in an @graph, not the VideoObject's
            author="Brianna Castillo",
        ),
        "HOUSTON (KVNT) — Immigration agents arrested 58 people in the Houston area",
        [
            "Many of them were parents.",
            "“We prioritize public safety threats,” ICE spokesman Luis Navarro said.",
            "Advocates said they would hold a vigil Wednesday night.",
        ],
        [
            "WEATHER ALERT",
            "Watch Live",
            "Raw video",  # iframe title and player config
            "does not support embedded video",
            "Watch: families",  # video caption
            "Advertisement",
            "Related Articles",
            "What to do if ICE",
            "FCC Public File",
            "Published:",
        ],
    ),
    "press-release.html": (
        ArticleMeta(
            title="ICE arrests 680 in nationwide operation targeting at-large criminal aliens",
            outlet="U.S. Immigration and Customs Enforcement",
            url="https://www.ice.example/news/releases/ice-arrests-680-nationwide-operation",
            published=date(2011, 9, 28),  # dcterms.date
            author=None,
        ),
        "WASHINGTON — U.S. Immigration and Customs Enforcement (ICE) officers arrested 680",
        [
            "“This operation shows our continued focus on the most serious public safety "
            "threats,” said Director Hale.",
            "ICE’s Atlanta field office made 74 of the arrests",
            "ICE is focused on smart, effective immigration enforcement",
        ],
        [
            "official website of the United States government",
            "Here’s how you know",
            "Careers",
            "News Releases",  # breadcrumbs
            "Office of Public Affairs",  # contact block
            "555-0199",
            "Fugitive Operations\n",
            "Related News Releases",
            "Honduras",
            "FOIA",
            "Updated:",
        ],
    ),
    "windows-1252.html": (
        ArticleMeta(
            title="Border-area arrests rise as agents sweep San Antonio neighborhoods",
            outlet="Rio Grande Sentinel",
            url="http://www.riograndesentinel.example/noticias/2014/05/16/san-antonio-arrests.html",
            published=date(2014, 5, 16),
            author="José Peña",
        ),
        "SAN ANTONIO — Immigration agents arrested 37 people in San Antonio this week",
        [
            "“They came at six in the morning, before anybody was awake,” said Guadalupe "
            "Ramírez, 54,",
            "“People are frightened, and fear is not a plan,” Ibáñez said.",
            "The café across the street",
        ],
        [
            "Secciones",  # layout-table sidebar
            "Clasificados",
            "Publicidad",
            "Mueblería",
            "Staff Writer",
            "derechos reservados",
        ],
    ),
    "scripts-forms.html": (
        ArticleMeta(
            title="Chicago immigrant groups report 25 arrests as enforcement surge begins",
            outlet="Lakeshore Chronicle",
            url="https://lakeshorechronicle.example/news/2025/09/09/chicago-enforcement-surge-arrests",
            published=date(2025, 9, 9),
            author="Priya Raman",
        ),
        "CHICAGO — Immigrant rights groups said Tuesday they had confirmed 25 arrests",
        [
            "“We are seeing people taken on their way to work,” said Elena Morales,",
            "“Chicago will not be intimidated,” he said at a news conference on Monday.",
            "Lawyers with the network said they expected the number of arrests to rise",
        ],
        [
            "SHOULD NOT APPEAR",  # scripts, noscript, style, forms, iframe, object, svg, alt
            "BROKEN JSON HEADLINE",
            "free articles",
            "Subscribe for",
            "http",
            "tracker",
            "Do you support",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_page_metadata(name):
    expected, _, _, _ = FIXTURES[name]
    assert page(name).meta == expected


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_body_is_the_article_without_boilerplate(name):
    expected, dateline, sentences, boilerplate = FIXTURES[name]
    text = page(name).text
    parts = paragraphs(text)
    assert parts[0] == expected.title  # headline first, as in a text file
    assert parts[1].startswith(dateline)  # the dateline opens the body (place resolution)
    for sentence in sentences:
        assert sentence in text
    for junk in boilerplate:
        assert junk not in text, junk


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_paragraphs_are_separated_by_blank_lines(name):
    text = page(name).text
    parts = paragraphs(text)
    assert len(parts) >= 7
    assert "\n\n\n" not in text and "\r" not in text and "\u00a0" not in text
    assert all(p == p.strip() and "\n" not in p for p in parts)
    assert text.endswith(".\n") or text.endswith("”\n")


def test_broadcast_page_keeps_its_one_line_paragraphs():
    parts = paragraphs(page("broadcast.html").text)
    assert parts[2:4] == [
        "Many of them were parents.",
        "Some children came home from summer camp to empty houses.",
    ]


def test_nothing_is_fetched(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    for name in FIXTURES:
        assert page(name).text


def test_page_without_an_article_body_says_so():
    html = (
        "<html><head><title>Log in</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sports'>Sports</a></nav>"
        "<form><label>User name</label><input name='u'><button>Log in</button></form>"
        "<footer>© 2020 Example Media</footer></body></html>"
    )
    with pytest.raises(HtmlPageError, match="no article text found in the page"):
        read_html_page(html.encode())


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html><body></body></html>"])
def test_empty_pages_are_refused(data):
    with pytest.raises(HtmlPageError):
        read_html_page(data)


BODY = (
    "<p>Federal immigration agents arrested 31 people in Denver on Monday, the agency said "
    "in a statement released late in the day.</p>"
)


def test_json_ld_fills_what_the_meta_tags_leave_empty():
    html = f"""<html><head><title>Page</title>
    <script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
      {{"@type": "Organization", "name": "Not the article"}},
      {{"@type": ["NewsArticle"], "headline": "Agents arrest 31 in Denver",
        "datePublished": "2020-03-04T22:00:00-07:00",
        "author": [{{"@type": "Person", "name": "Ann Lee"}}, "Bo Chan"],
        "publisher": {{"@type": "NewsMediaOrganization", "name": "Denver Daily Record"}},
        "mainEntityOfPage": {{"@id": "https://denverdaily.example/a/31-arrests"}}}}]}}
    </script></head><body><article>{BODY}</article></body></html>"""
    assert read_html_page(html.encode()).meta == ArticleMeta(
        title="Agents arrest 31 in Denver",
        outlet="Denver Daily Record",
        url="https://denverdaily.example/a/31-arrests",
        published=date(2020, 3, 4),
        author="Ann Lee; Bo Chan",
    )


def test_no_metadata_means_none_and_no_guessed_date():
    html = (
        f"<html><head></head><body><article>{BODY}</article>"
        "<footer>© 2021 Example Media. Updated 01/02/2021</footer></body></html>"
    )
    result = read_html_page(html.encode())
    assert result.meta == ArticleMeta()
    assert result.text == BODY[3:-4] + "\n"


def test_relative_or_non_web_urls_are_not_taken():
    html = (
        "<html><head><link rel='canonical' href='/a/31-arrests'>"
        "<meta property='og:url' content='javascript:alert(1)'></head>"
        f"<body><article>{BODY}</article></body></html>"
    )
    assert read_html_page(html.encode()).meta.url is None


def test_page_wrapped_in_one_form_keeps_its_article():
    # Old ASP.NET sites put the whole page, article included, inside <form>.
    html = (
        "<html><head><title>News</title></head><body><form id='aspnetForm' action='x.aspx'>"
        "<input type='hidden' name='__VIEWSTATE' value='dDwtMTA4'>"
        f"<div id='story'><h1>Agents arrest 31 in Denver</h1>{BODY}{BODY.replace('31', '12')}"
        "</div></form></body></html>"
    )
    text = read_html_page(html.encode()).text
    assert "arrested 31 people" in text and "arrested 12 people" in text
    assert "dDwtMTA4" not in text


def test_xhtml_with_an_xml_declaration():
    html = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Raid at a café</title></head>'
        f"<body><div>{BODY}<p>\x93We were scared,\x94 said José Ruiz, who works at the café."
        "</p></div></body></html>"
    )
    text = read_html_page(html.encode("latin-1")).text
    assert "“We were scared,” said José Ruiz, who works at the café." in text


# --- decoding ---------------------------------------------------------------------------------

SAMPLE = "<p>“Café,” she said — 5 €</p>"


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (b'<meta charset="windows-1252">' + SAMPLE.encode("cp1252"), "cp1252"),
        (b"<meta charset=ISO-8859-1>" + SAMPLE.encode("cp1252"), "cp1252"),  # WHATWG: 1252
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            + SAMPLE.encode("cp1252"),
            "cp1252",
        ),
        (b'<?xml version="1.0" encoding="windows-1252"?>' + SAMPLE.encode("cp1252"), "cp1252"),
        (b"<meta charset='utf-8'>" + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8"), None),
    ],
)
def test_declared_charset_is_followed(data, declared):
    assert declared_encoding(data) == declared
    assert SAMPLE in decode_html(data)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_bom_wins_over_the_declaration(encoding):
    text = "<meta charset='windows-1252'>" + SAMPLE
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_html(data) == text


def test_undeclared_non_utf8_falls_back_to_cp1252():
    assert decode_html(SAMPLE.encode("cp1252")) == SAMPLE


def test_a_wrong_declaration_falls_back():
    assert decode_html(b"<meta charset='utf-8'>" + SAMPLE.encode("cp1252")).endswith(SAMPLE)
    assert decode_html(b"<meta charset='no-such-codec'>" + SAMPLE.encode("utf-8")).endswith(SAMPLE)


def test_binary_is_refused():
    with pytest.raises(HtmlPageError, match="binary"):
        decode_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_windows_1252_fixture_is_really_1252():
    data = (PAGES / "windows-1252.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b'<meta charset="windows-1252">' in data


@pytest.mark.parametrize(
    ("head", "body_extra", "url", "published"),
    [
        ("<meta name='dc.date' content='2013-10-30'>", "", None, date(2013, 10, 30)),
        ("<meta itemprop='datePublished' content='Oct. 30, 2013'>", "", None, date(2013, 10, 30)),
        ("<meta name='sailthru.date' content='20131030'>", "", None, date(2013, 10, 30)),
        ("", "<time datetime='2013-10-30T08:00:00-04:00' pubdate>Oct. 30</time>", None,
         date(2013, 10, 30)),
        ("", "", "https://x.example/2013/10/30/raid.html", date(2013, 10, 30)),
        # Written as it was: the local date, not converted to UTC.
        ("<meta property='article:published_time' content='2013-10-30T22:30:00-07:00'>", "",
         None, date(2013, 10, 30)),
        # Day and month in doubt, or not a date at all: nothing rather than a guess.
        ("", "<p>Updated 03/04/2019</p>", None, None),
        ("<meta name='date' content='03/04/2019'>", "", None, None),
        ("<meta name='date' content='2099-01-01'>", "", None, None),  # in the future
    ],
)  # fmt: skip
def test_publication_date_sources(head, body_extra, url, published):
    canonical = f"<link rel='canonical' href='{url}'>" if url else ""
    html = (
        f"<html><head>{canonical}{head}</head>"
        f"<body><article>{body_extra}{BODY}</article></body></html>"
    )
    assert read_html_page(html.encode()).meta.published == published
