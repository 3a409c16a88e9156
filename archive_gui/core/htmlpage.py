"""Saved web pages: the article text and its metadata.

The body is found by trafilatura (which drops navigation, ads, comments and
related links); this module decodes the bytes, removes active and embedded
content before trafilatura sees the page, renders the body as paragraphs
separated by blank lines, and fills metadata gaps from JSON-LD.

Nothing is ever fetched: the page is parsed from the bytes given, lxml's parser
runs with ``no_network``, trafilatura and htmldate get a parsed tree (never a
string that could be taken for a URL), and images, frames, objects and scripts
are removed from the tree, never resolved or run.

The stored text is the page's headline, a blank line, then the body paragraphs,
the same shape as a text file whose first line is the headline; the dateline
("OAKLAND, Calif. (AP) —") stays at the start of the first body paragraph.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
from lxml import etree

from archive_gui.core.records import ArticleMeta


class HtmlPageError(ValueError):
    """A page that cannot be imported as an article; the message says why."""


@dataclass
class HtmlPage:
    text: str  # headline, blank line, body paragraphs separated by blank lines
    meta: ArticleMeta  # what the page says about itself (source_file not set)


# --- decoding -------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# Labels that mean windows-1252 in a browser (WHATWG Encoding Standard).
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii", "cp1252"}


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, else ``<meta charset>`` / http-equiv, else UTF-8, else cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_or_fail(data[len(bom) :], encoding)
    if b"\x00" in data[:_PRESCAN_BYTES]:
        raise HtmlPageError("file looks binary (it contains NUL bytes), not a web page")
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration: saved pages are often re-encoded; guess below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def declared_encoding(data: bytes) -> str | None:
    """The Python codec the page declares in its first 4 KB, or None."""
    head = data[:_PRESCAN_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page without a BOM that says UTF-16 was re-saved as bytes: WHATWG
    return name


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise HtmlPageError(
            f"page is not valid text ({encoding} decoding failed at byte {exc.start})"
        ) from exc


# --- parsing and cleaning -------------------------------------------------------------------

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Removed with their content (tails kept): never run, fetched or read as article text.
_ACTIVE_AND_EMBEDDED = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "source",
    "track",
    "picture",
    "img",
    "map",
    "link",
    "input",
    "select",
    "option",
    "optgroup",
    "datalist",
    "textarea",
    "button",
    "label",
    "output",
)


def parse_html(html: str) -> lxml.html.HtmlElement:
    """A tree of the page, parsed offline (no DTDs, entities or anything else loaded)."""
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str with an encoding decl.
    if not html.strip():
        raise HtmlPageError("file is empty")
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlPageError(f"cannot parse the page: {exc}") from exc
    if tree is None:
        raise HtmlPageError("cannot parse the page")
    return tree


def strip_unsafe(tree: lxml.html.HtmlElement) -> None:
    """Remove scripts, styles, frames, objects, media, images and forms from the tree.

    A form is removed whole unless it holds most of the page's text (old ASP.NET
    pages wrap the entire page, article included, in one ``<form>``); its
    controls go either way.
    """
    etree.strip_elements(tree, *_ACTIVE_AND_EMBEDDED, with_tail=False)
    total = len(_text_of(tree))
    for form in list(tree.iter("form")):
        if len(_text_of(form)) * 2 < total:
            _drop(form)


def _drop(element: etree._Element) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # keeps the tail text, which belongs to the parent


def _text_of(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


# --- the body as paragraphs -----------------------------------------------------------------

# trafilatura's output tree: containers hold blocks; a leaf block is one paragraph.
_CONTAINERS = {"body", "doc", "main", "div", "table", "row", "cell", "list", "quote"}
_BLOCKS = _CONTAINERS | {"p", "head", "item", "code", "graphic", "fw", "note"}
_SPACES = re.compile(r"[^\S\n]+")
_AD_LABEL = re.compile(
    r"^(advertisement|advertising|ad|sponsored( content)?|publicidad|anuncio|story continues below"
    r"( advertisement)?)$",
    re.I,
)
_COPYRIGHT = re.compile(r"^(copyright\b|©|\(c\)\s)|\ball rights reserved\b", re.I)
_BYLINE = re.compile(r"^(by|por)\s+[A-Z\u00C0-\u024F]", re.I)
_STAMP = re.compile(r"^(published|updated|posted|last updated|release date)\b\s*:?", re.I)
_SENTENCE_END = re.compile(r"""[.!?:;)\]"'”’…]$""")
_LINKY = 0.6  # a block whose text is mostly link text is navigation


def body_paragraphs(body: etree._Element) -> list[str]:
    """The paragraphs of trafilatura's body tree, boilerplate trimmed."""
    paragraphs = [text for text, link_share in _blocks(body) if link_share < _LINKY]
    paragraphs = [
        p
        for p in paragraphs
        if not _AD_LABEL.match(p) and not (_COPYRIGHT.search(p) and len(p) < 300)
    ]
    # bylines and time stamps above the first paragraph of prose
    while paragraphs and _is_stamp(paragraphs[0]):
        del paragraphs[0]
    # contact blocks, tag lists and the like after the last sentence
    while paragraphs and not _SENTENCE_END.search(paragraphs[-1]):
        del paragraphs[-1]
    return paragraphs


def _is_stamp(paragraph: str) -> bool:
    first_line = paragraph.split("\n", 1)[0]
    if len(paragraph) > 120 or (_SENTENCE_END.search(paragraph) and "\n" not in paragraph):
        return False
    return bool(_BYLINE.match(first_line) or _STAMP.match(first_line))


def _blocks(element: etree._Element) -> Iterator[tuple[str, float]]:
    """(text, share of it in links) for each leaf block under ``element``."""
    if element.tag in _CONTAINERS and any(child.tag in _BLOCKS for child in element):
        if element.text and element.text.strip():
            yield _clean(element.text), 0.0
        for child in element:
            yield from _blocks(child)
            if child.tail and child.tail.strip():
                yield _clean(child.tail), 0.0
        return
    text = _clean(_leaf_text(element))
    if text:
        links = sum(len(_clean(_leaf_text(ref))) for ref in element.iter("ref"))
        yield text, links / len(text)


def _leaf_text(element: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _clean(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


# --- metadata -------------------------------------------------------------------------------

_NEWS_TYPES = {
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "PressRelease",
    "WebPage",  # last resort: only fills what the article types left empty
}
_LD_SCRIPTS = etree.XPath(
    "//script[translate(@type, 'APPLICATONJSD+', 'applicatonjsd+')='application/ld+json']"
)


def json_ld_articles(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """The article objects in the page's JSON-LD, article types before WebPage."""
    found: list[dict[str, Any]] = []
    for script in _LD_SCRIPTS(tree):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the meta tags may still do
        found.extend(obj for obj in _ld_objects(data) if _ld_types(obj) & _NEWS_TYPES)
    found.sort(key=lambda obj: "WebPage" in _ld_types(obj) and not _ld_types(obj) - {"WebPage"})
    return found


def _ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_objects(data["@graph"], depth + 1)


def _ld_types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _ld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    if isinstance(value, list):
        names = [name for name in map(_ld_name, value) if name]
        return "; ".join(dict.fromkeys(names)) or None
    return None


def _ld_url(value: Any) -> str | None:
    if isinstance(value, str):
        return _absolute_url(value)
    if isinstance(value, dict):
        return _ld_url(value.get("@id")) or _ld_url(value.get("url"))
    return None


def _absolute_url(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if re.match(r"https?://[^\s/]+", value, re.I) else None


_ISO_DATE = re.compile(r"\s*((?:19|20)\d\d)[-/]?(\d\d)[-/]?(\d\d)(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_WORD_DATE = re.compile(r"\s*([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")
# Meta tags that carry the publication date (compared lower-case), most specific first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "publication_date",
    "original-publish-date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "citation_publication_date",
    "date",
)
_META_DATES = etree.XPath("//meta[@content][@property or @name or @itemprop]")
_TIME_ELEMENTS = etree.XPath("//time[@datetime]")


def _parse_date(value: Any) -> date | None:
    """A date written unambiguously: ISO (2019-07-18T06:00-07:00, 20190718) or "July 18, 2019".

    The date is the one written, not converted to another time zone; numeric
    dates with the day and month in doubt (03/04/2019) are not read at all.
    """
    if not isinstance(value, str):
        return None
    if match := _ISO_DATE.match(value):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif (match := _WORD_DATE.match(value)) and match[1].lower() in _MONTHS:
        year, month, day = int(match[3]), _MONTHS[match[1].lower()], int(match[2])
    else:
        return None
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if date(1990, 1, 1) <= parsed <= date.today() else None


def _published(tree: lxml.html.HtmlElement, articles: list[dict[str, Any]], url: str | None):
    """The publication date from JSON-LD, meta tags, ``<time>`` or a dated URL path."""
    for obj in articles:
        if day := _parse_date(obj.get("datePublished")) or _parse_date(obj.get("dateCreated")):
            return day
    metas: dict[str, str] = {}
    for meta in _META_DATES(tree):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        metas.setdefault(key.strip(), meta.get("content") or "")
    for key in _DATE_META:
        if key in metas and (day := _parse_date(metas[key])):
            return day
    times = _TIME_ELEMENTS(tree)
    marked = [t for t in times if t.get("itemprop") == "datePublished" or "pubdate" in t.attrib]
    for element in marked or times[:1]:
        if day := _parse_date(element.get("datetime")):
            return day
    if url and (match := _URL_DATE.search(url)):
        return _parse_date("-".join(match.groups()))
    return None


def _clean_title(value: str | None) -> str | None:
    value = _SPACES.sub(" ", (value or "").replace("\n", " ")).strip()
    return value or None


def page_metadata(tree: lxml.html.HtmlElement) -> ArticleMeta:
    """Headline, outlet, canonical URL, publication date and author of the page.

    trafilatura reads meta tags (og:, article:, twitter:, Dublin Core, name=author,
    ...) and JSON-LD for headline, outlet, author and URL; what it leaves empty
    is filled from the page's JSON-LD article object. The date is read here from
    JSON-LD, meta tags and ``<time datetime>``: htmldate (trafilatura's date
    reader) also takes dates from the visible text and reads 03/04/2019 day
    first, which is wrong for U.S. news, so its answer is not used.
    """
    from trafilatura import extract_metadata

    found = extract_metadata(tree, extensive=False)
    meta = ArticleMeta(
        title=_clean_title(found.title),
        outlet=_clean_title(found.sitename),
        url=_absolute_url(found.url),
        author=_clean_title(found.author),
    )
    articles = json_ld_articles(tree)
    for obj in articles:
        meta.title = meta.title or _clean_title(_ld_name(obj.get("headline")))
        meta.outlet = meta.outlet or _ld_name(obj.get("publisher"))
        meta.url = meta.url or _ld_url(obj.get("url")) or _ld_url(obj.get("mainEntityOfPage"))
        meta.author = meta.author or _ld_name(obj.get("author"))
    meta.published = _published(tree, articles, meta.url)
    return meta


# --- the page -------------------------------------------------------------------------------


def read_html_page(data: bytes) -> HtmlPage:
    """The article in a saved web page: its text and metadata.

    Raises HtmlPageError when the page has no article body.
    """
    from trafilatura import bare_extraction

    tree = parse_html(decode_html(data))
    meta = page_metadata(tree)  # before cleaning: JSON-LD lives in <script>
    strip_unsafe(tree)
    document = bare_extraction(
        tree,
        url=None,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=True,  # as <ref>: lets link-heavy blocks be dropped as navigation
        include_formatting=False,
        deduplicate=False,
    )
    body = getattr(document, "body", None)
    paragraphs = body_paragraphs(body) if body is not None else []
    if paragraphs and meta.title and _same_text(paragraphs[0], meta.title):
        del paragraphs[0]  # trafilatura keeps the <h1>; the headline goes first below
    if not any(len(p) >= 40 for p in paragraphs):
        raise HtmlPageError("no article text found in the page")
    head = [meta.title] if meta.title else []
    return HtmlPage(text="\n\n".join(head + paragraphs) + "\n", meta=meta)


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).casefold() == re.sub(r"\W+", "", b).casefold()
