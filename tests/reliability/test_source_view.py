"""The source view shows an article as text: no markup is interpreted, no resource is
fetched, and no link exists to be opened."""

from __future__ import annotations

import pytest

from archive_gui.core.store import RecordKind
from archive_gui.core.store.archive import ArticleRecord

HOSTILE_TEXT = (
    "<script>alert('xss')</script><style>body{background:url(http://attacker.invalid/bg)}</style>\n"
    '<img src="http://attacker.invalid/pixel.gif" onerror="alert(1)">'
    '<a href="http://attacker.invalid/">a link</a> <a href="javascript:alert(2)">js</a>\n'
    '<iframe src="https://attacker.invalid/frame"></iframe><form action="http://x.invalid">\n'
    "<table background='http://attacker.invalid/t.png'><tr><td>cell</td></tr></table>\n"
    "&lt;entity&gt; &amp; <b>bold</b> https://bare.invalid/url "
    "Federal agents arrested 40 people, officials said."
)


@pytest.fixture
def loads(monkeypatch):
    """Every resource the view is asked to load."""
    from archive_gui.ui.source import SourceView

    asked = []
    real = SourceView.loadResource

    def spy(self, resource_type, url):
        asked.append(url.toString())
        return real(self, resource_type, url)

    monkeypatch.setattr(SourceView, "loadResource", spy)
    return asked


def _fragments(document):
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def test_hostile_markup_is_shown_as_text_and_fetches_nothing(qtbot, loads):
    from archive_gui.ui.source import SourcePanel

    panel = SourcePanel()
    qtbot.addWidget(panel)
    panel.show()
    article = ArticleRecord(
        id=1,
        title="<img src=http://attacker.invalid/title.png>Title",
        outlet="<a href='http://attacker.invalid'>Outlet</a>",
        url="javascript:alert(3)",
        author="<script>alert(4)</script>",
        published="2025-01-01",
        source_file="x.html",
        sha256="0" * 64,
        text=HOSTILE_TEXT,
    )
    start = HOSTILE_TEXT.index("40")
    record = {"start": start, "end": start + 2, "count_text": "40", "qualifier": "exact",
              "count": 40, "place_start": None, "place_end": None}  # fmt: skip
    panel.show_record(RecordKind.OPERATIONS, record, article)
    qtbot.wait(20)
    view = panel.view
    assert view.toPlainText() == HOSTILE_TEXT  # every character shown, none interpreted
    fragments = list(_fragments(view.document()))
    assert fragments and not any(f.charFormat().isImageFormat() for f in fragments)
    assert not any(f.charFormat().isAnchor() for f in fragments)
    assert "<img" not in view.document().toHtml() and "<a href" not in view.document().toHtml()
    assert not view.openLinks() and not view.openExternalLinks()
    assert loads == []
    for label in (panel.title_label, panel.meta_label, panel.url_label):
        assert label.textFormat().name == "PlainText"
        assert not label.openExternalLinks()
    assert panel.title_label.text() == article.title


def test_the_spy_would_see_a_fetch_if_markup_were_rendered(qtbot, loads):
    """The control: the same view given HTML asks for the image, so the test above can fail."""
    from archive_gui.ui.source import SourceView

    view = SourceView()
    qtbot.addWidget(view)
    view.show()
    view.setHtml('<img src="http://attacker.invalid/pixel.gif">')
    qtbot.wait(20)
    assert "http://attacker.invalid/pixel.gif" in loads
