"""Hostile content: user strings reach SQL only as bound parameters, and nothing in the
application opens a network connection."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive_gui.core.bundle import export_bundle, import_bundle
from archive_gui.core.export import FORMATS, export_records
from archive_gui.core.importer import import_paths
from archive_gui.core.records import ArticleMeta, Extraction, Operation, Place, Quote
from archive_gui.core.search import SearchSyntaxError
from archive_gui.core.store import Archive, RecordFilter, RecordKind
from archive_gui.core.store.curation import Curation, CurationError
from archive_gui.core.store.search_sql import search_ids
from tests.data.nasty.generate import HOSTILE_HTML
from tests.reliability.helpers import ROOT, child_env, python

MARK = "Zq9"  # in every hostile string: it must never appear in the text of an SQL statement
HOSTILE = (
    f"{MARK}'); DROP TABLE quotes; --",
    f'{MARK}" OR 1=1 --',
    f"{MARK}%' OR name LIKE '%",
    f"{MARK}]; ATTACH DATABASE '/tmp/x.db' AS x; --",
    f"{MARK}\x00nul",
    f"{MARK} ' || (SELECT sqlite_version()) || '",
)


class RecordingConnection:
    """A connection that keeps the text of every statement it is asked to run."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self.statements: list[str] = []

    def execute(self, sql, *args):
        self.statements.append(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql, *args):
        self.statements.append(sql)
        return self._conn.executemany(sql, *args)

    def executescript(self, sql):
        self.statements.append(sql)
        return self._conn.executescript(sql)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _hostile_extraction(text: str, name: str) -> Extraction:
    start = text.index("words")
    return Extraction(
        quotes=[
            Quote(
                text="words",
                start=start,
                end=start + 5,
                speaker=name,
                speaker_kind="person",
                speaker_role=name,
                speaker_affiliation=name,
                mention_text=None,
            )
        ],
        operations=[
            Operation(
                count=3,
                qualifier="exact",
                count_text="3",
                start=text.index("3"),
                end=text.index("3") + 1,
                place=Place(kind="city", name=name, state="ZZ"),
                place_text=name,
                agency=name,
            )
        ],
    )


def test_user_strings_reach_sql_only_as_bound_parameters(tmp_path):
    with Archive.open(tmp_path / "archive.db") as archive:
        recording = RecordingConnection(archive.db.conn)
        archive.db.conn = recording
        curation = Curation(archive)
        before = archive.db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        for n, name in enumerate(HOSTILE):
            text = f"Article {n}: 3 arrested. “words,” said {name}."
            meta = ArticleMeta(title=name, outlet=name, url=name, author=name, source_file=name)
            result = archive.add_article(text, meta, _hostile_extraction(text, name), name)
            quote_id = next(iter(archive.record_ids(RecordKind.QUOTES, RecordFilter())))
            curation.tag_quotes([quote_id], name.replace("/", "|").replace("\x00", ""))
            curation.set_note(quote_id, name)
            curation.create_speaker(name.replace("\x00", "") + " (authority)")
            curation.save_search(name, query=name.replace("\x00", ""))
            assert archive.speaker_ids(name) and archive.city_ids(name)
            assert result.created
        for name in HOSTILE:
            for kind in RecordKind:
                for query in (name, f'speaker:"{name}"', f"city:{name}", f'tag:"{name}"'):
                    with contextlib.suppress(SearchSyntaxError):
                        search_ids(archive.db, kind, query)
            with pytest.raises(KeyError):
                archive.record_ids(RecordKind.QUOTES, sort_key=name)
            assert archive.table_columns(name) == ()
            with pytest.raises(ValueError):
                export_records(archive, RecordKind.QUOTES, "json", tmp_path / "x", columns=[name])
            with pytest.raises((CurationError, ValueError, KeyError)):
                curation.correct_quote(1, **{name: 1})
        speakers = {s.name for s in curation.speakers(search=MARK)}
        assert {name for name in HOSTILE} <= speakers  # stored verbatim, found by search
        after = archive.db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    assert after == before  # nothing was dropped, attached or created
    assert len(recording.statements) > 100
    leaked = [sql for sql in recording.statements if MARK in sql]
    assert leaked == [], "a user string was written into an SQL statement"


# -- no network ------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python opens a connection fails the test loudly."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    return attempts


def _hostile_pages(folder: Path) -> Path:
    folder.mkdir()
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    for page in (ROOT / "tests" / "data" / "html").glob("*.htm*"):
        shutil.copy(page, folder / page.name)
    return folder


def test_import_extraction_export_and_bundles_make_no_connection(no_network, tmp_path):
    pages = _hostile_pages(tmp_path / "pages")
    with Archive.open(tmp_path / "archive.db") as archive:
        report = import_paths(archive, [pages])
        assert report.added >= 1
        for fmt in FORMATS:
            for kind in RecordKind:
                export_records(archive, kind, fmt, tmp_path / f"out-{kind.value}.{fmt}")
        export_bundle(archive, tmp_path / "all.bundle")
    with Archive.open(tmp_path / "copy.db") as copy:
        import_bundle(copy, tmp_path / "all.bundle")
    assert no_network == []


def test_the_main_window_makes_no_connection_and_opens_no_link(no_network, tmp_path, qtbot):
    from PySide6.QtCore import QObject, Qt, QUrl, Slot
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QTableView

    from archive_gui.ui.main_window import MainWindow

    class Catcher(QObject):  # every URL Qt would hand to the desktop comes here instead
        opened: list[QUrl] = []

        @Slot(QUrl)
        def open(self, url):
            self.opened.append(url)

    catcher = Catcher()
    for scheme in ("http", "https", "file", "javascript", "mailto"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        with Archive.open(tmp_path / "archive.db") as archive:
            import_paths(archive, [_hostile_pages(tmp_path / "pages")])
            window = MainWindow(archive)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            for name in ("quotesTable", "operationsTable"):
                view = window.findChild(QTableView, name)
                window.tabs.setCurrentWidget(view)
                for row in range(min(view.model().rowCount(), 5)):
                    rect = view.visualRect(view.model().index(row, 1))
                    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            source = window.source.view
            qtbot.mouseClick(source.viewport(), Qt.MouseButton.LeftButton)  # a click on the text
            qtbot.wait(50)
            window.close()
    finally:
        for scheme in ("http", "https", "file", "javascript", "mailto"):
            QDesktopServices.unsetUrlHandler(scheme)
    assert no_network == [] and Catcher.opened == []
    assert not [m for m in sys.modules if m.startswith(("PySide6.QtNetwork", "PySide6.QtWeb"))]


_GUI_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableView
from archive_gui.core.store import Archive
from archive_gui.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
archive = Archive.open(sys.argv[1])
window = MainWindow(archive)
window.show()
def select():
    for name in ("quotesTable", "operationsTable"):
        view = window.findChild(QTableView, name)
        window.tabs.setCurrentWidget(view)
        view.selectRow(0)
QTimer.singleShot(300, select)
QTimer.singleShot(1200, app.quit)
app.exec()
archive.close()
"""


def test_no_process_of_the_application_connects_anywhere(tmp_path):
    """At the system-call level (strace): import, export and the window, as real processes."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed")
    pages = _hostile_pages(tmp_path / "pages")
    db = str(tmp_path / "archive.db")
    runs = [
        python("-m", "archive_gui", "import", "--db", db, str(pages)),
        python("-m", "archive_gui", "export", "--db", db, "--what", "quotes", "-o", "q.json"),
        python(
            "-m",
            "archive_gui",
            "export",
            "--db",
            db,
            "--what",
            "operations",
            "--format",
            "xlsx",
            "-o",
            "o.xlsx",
        ),  # fmt: skip
        python("-c", _GUI_SCRIPT, db),
    ]
    env = child_env() | {"QT_QPA_PLATFORM": "offscreen"}
    for n, command in enumerate(runs):
        log = tmp_path / f"strace-{n}.log"
        traced = [strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log)]
        result = subprocess.run(
            traced + command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        if n == 0 and "Operation not permitted" in result.stderr:
            pytest.skip("ptrace is not permitted here")
        assert result.returncode in (0, 1), result.stderr[-2000:]
        calls = log.read_text()
        network = re.findall(r".*AF_INET6?\b.*", calls)
        assert network == [], f"{command[1:4]} tried to connect: {network[:3]}"
