"""Write an archive of every earlier schema version, for the migration tests.

    python tests/data/archives/make_archives.py

For each version N below the newest, ``schema_vN.sqlite`` gets migrations 0001..N
from ``db/`` and a little data written with the columns of version 1 (articles,
speakers, places, quotes with a note and tags, operations with a breakdown). Run it
when a migration is added, and commit the new file: once written, a fixture stands
for archives that users already have, so an existing one is not rewritten unless
``--force`` is given (an archive of that version would be rewritten only if the
migration itself changed before it was released).

The files are named ``.sqlite`` rather than ``.db`` (which .gitignore leaves out).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

ARTICLES = (
    (
        "ICE arrests nearly 100 in Atlanta",
        "Atlanta Daily",
        "https://news.example/atlanta",
        "2019-07-18",
        "Federal agents arrested nearly 100 people in Atlanta this week, officials said.\n\n"
        "“We are targeting public safety threats first,” said ICE spokesman Bryan Cox.\n\n"
        "Including about 30 in the Atlanta area, the agency said.",
    ),
    (
        "Families fear raids in Chicago",
        None,
        None,
        None,
        "Immigration officers arrested more than 200 people in Chicago.\n\n"
        "“Families are terrified,” said Maria Lopez, an organizer. “We will keep going.”",
    ),
    (
        "Ünïcödé, emoji 📰 and RTL: اعتقال",
        "Diario",
        "https://news.example/u",
        "2020-02-29",
        "“No comment,” said the ACLU. Agents detained 7 in Los Angeles, CA.",
    ),
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


# The columns of schema version 1, named: later versions add columns to these tables.
PLACES = "(id, kind, name, state, area, parent_id, label)"
SPEAKERS = "(id, name, kind, role, affiliation)"
ARTICLE_COLUMNS = (
    "(id, sha256, title, outlet, url, author, published, imported_at, source_file,"
    " extractor_version, text)"
)


def fill(conn: sqlite3.Connection) -> None:
    """Data in the columns schema version 1 has (every later version keeps them)."""
    x = conn.execute
    place = f"INSERT INTO places {PLACES} VALUES "
    speaker = f"INSERT INTO speakers {SPEAKERS} VALUES "
    x(place + "(1, 'nationwide', 'United States', NULL, NULL, NULL,"
      " 'United States')")  # fmt: skip
    x(place + "(2, 'state', 'Georgia', 'GA', 'Atlanta', 1, 'Georgia')")
    x(place + "(3, 'city', 'Atlanta', 'GA', 'Atlanta', 2, 'Atlanta, GA')")
    x(place + "(4, 'state', 'Illinois', 'IL', 'Chicago', 1, 'Illinois')")
    x(place + "(5, 'city', 'Chicago', 'IL', 'Chicago', 4, 'Chicago, IL')")
    x(place + "(6, 'area', 'Atlanta', NULL, 'Atlanta', 1,"
      " 'Atlanta area of operations')")  # fmt: skip
    x(speaker + "(1, 'Bryan Cox', 'person', 'spokesman', 'ICE')")
    x(speaker + "(2, 'Maria Lopez', 'person', 'organizer', NULL)")
    x(speaker + "(3, 'ACLU', 'organization', NULL, NULL)")
    for n, (title, outlet, url, published, text) in enumerate(ARTICLES, start=1):
        x(
            f"INSERT INTO articles {ARTICLE_COLUMNS} VALUES (?, ?, ?, ?, ?, NULL, ?,"
            " '2024-01-01T00:00:00+00:00', ?, '1', ?)",
            [n, hashlib.sha256(text.encode()).hexdigest(), title, outlet, url, published,
             f"article-{n}.txt", text],
        )  # fmt: skip
    a1, a2, a3 = (a[4] for a in ARTICLES)
    quotes = (
        (1, 1, a1, "We are targeting public safety threats first", 1, "ICE spokesman Bryan Cox"),
        (2, 2, a2, "Families are terrified", 2, "Maria Lopez"),
        (3, 2, a2, "We will keep going.", 2, None),
        (4, 3, a3, "No comment", 3, "the ACLU"),
    )
    for quote_id, article_id, text, words, speaker, mention in quotes:
        start, end = _span(text, words)
        m_start, m_end = _span(text, mention) if mention else (None, None)
        x(
            'INSERT INTO quotes (id, article_id, text, start, "end", speaker_id, speaker_role,'
            " speaker_affiliation, mention_text, mention_start, mention_end, rule, confidence,"
            " note) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 'fixture', 0.9, ?)",
            [quote_id, article_id, words, start, end, speaker, mention, m_start, m_end,
             "checked against the print edition" if quote_id == 1 else None],
        )  # fmt: skip
    operations = (
        (1, 1, a1, "nearly 100", 100, "nearly", 3, 3, "Atlanta", None),
        (2, 1, a1, "about 30", 30, "about", 6, None, "the Atlanta area", 1),
        (3, 2, a2, "more than 200", 200, "more_than", 5, 5, "Chicago", None),
        (4, 3, a3, "7", 7, "exact", None, None, None, None),
    )
    for (
        op_id,
        article_id,
        text,
        words,
        count,
        qualifier,
        place,
        city,
        place_text,
        part,
    ) in operations:
        start, end = _span(text, words)
        p_start, p_end = _span(text, place_text) if place_text else (None, None)
        x(
            'INSERT INTO operations (id, article_id, count, qualifier, count_text, start, "end",'
            " place_id, city_id, place_text, place_start, place_end, period_text, period_start,"
            " period_end, agency, part_of, rule, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ICE', ?, 'fixture', 1.0)",
            [op_id, article_id, count, qualifier, words, start, end, place, city, place_text,
             p_start, p_end, "this week" if op_id == 1 else None,
             "2019-07-15" if op_id == 1 else None, "2019-07-21" if op_id == 1 else None, part],
        )  # fmt: skip
    x("INSERT INTO tags (id, name, color) VALUES (1, 'policy', '#ff0000')")
    x("INSERT INTO tags (id, name, color) VALUES (2, 'people/families', NULL)")
    x("INSERT INTO quote_tags (quote_id, tag_id) VALUES (1, 1)")
    x("INSERT INTO quote_tags (quote_id, tag_id) VALUES (2, 1)")
    x("INSERT INTO quote_tags (quote_id, tag_id) VALUES (2, 2)")


def make(version: int, target: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from archive_gui.core.store.migrations import _apply, available_migrations

    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA page_size = 1024")
    for migration in available_migrations(ROOT / "db")[:version]:
        _apply(conn, migration)
    conn.execute("BEGIN")
    fill(conn)
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rewrite existing fixtures too")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from archive_gui.core.store.migrations import available_migrations

    latest = available_migrations(ROOT / "db")[-1].version
    for version in range(1, latest):
        target = HERE / f"schema_v{version}.sqlite"
        if target.exists() and not args.force:
            print(f"{target.name}: kept")
            continue
        make(version, target)
        print(f"{target.name}: written ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
