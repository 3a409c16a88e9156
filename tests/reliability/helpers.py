"""Shared by the reliability tests and the worker processes they kill."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project folder: `tests` imports from here

CITIES = (
    ("Chicago", "Illinois"),
    ("Atlanta", "Georgia"),
    ("Los Angeles", "California"),
    ("Houston", "Texas"),
    ("Denver", "Colorado"),
    ("Newark", "New Jersey"),
    ("Miami", "Florida"),
    ("Phoenix", "Arizona"),
)
SPEAKERS = (
    "said ICE spokesman Bryan Cox",
    "said Maria Lopez, an organizer",
    "Tom Homan said",
    "said the ACLU",
    "said David Marin, the field office director",
)
QUALIFIERS = ("", "nearly ", "more than ", "about ", "at least ")


def heavy() -> bool:
    """ARCHIVE_GUI_HEAVY=1 runs the heavy variants (many more kill points and examples)."""
    return os.environ.get("ARCHIVE_GUI_HEAVY", "") not in ("", "0")


def crash_article(n: int, rng: random.Random) -> str:
    """One of a few hundred generated articles: a headline, counts, places and quotes."""
    city, state = rng.choice(CITIES)
    other, _ = rng.choice(CITIES)
    lines = [f"Immigration raids, report {n}: arrests in {city}", ""]
    lines.append(
        f"Federal agents arrested {rng.choice(QUALIFIERS)}{20 + n} people in {city}, {state}, "
        f"this week, officials said on Tuesday."
    )
    for k in range(rng.randrange(1, 4)):
        words = rng.choice(
            (
                "We are targeting public safety threats first",
                "Families are terrified and children are staying home from school",
                "This operation will continue in every state",
                "Nothing about this is out of the ordinary",
            )
        )
        speaker = rng.choice(SPEAKERS)
        if speaker.endswith("said"):
            lines += ["", f"{speaker.rsplit(' ', 1)[0]} said: “{words}, report {n}-{k}.”"]
        else:
            lines += ["", f"“{words} (report {n}-{k}),” {speaker}."]
    if rng.random() < 0.6:
        lines += ["", f"In {other}, officers detained {rng.randrange(2, 90)} more on Monday."]
    lines += ["", "Filler paragraph for length. " * rng.randrange(5, 60)]
    return "\n".join(lines) + "\n"


def write_crash_corpus(folder: Path, count: int = 300, seed: int = 11) -> dict[str, Path]:
    """``count`` article files in ``folder`` (a few in subfolders); name -> path."""
    rng = random.Random(seed)
    files = {}
    for n in range(count):
        sub = folder / f"batch-{n % 4}" if n % 5 == 0 else folder
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"article-{n:04d}.txt"
        path.write_text(crash_article(n, rng), encoding="utf-8")
        files[path.name] = path
    return files


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("ARCHIVE_GUI_HEAVY", None)
    return env


def unprivileged(command: list[str]) -> list[str] | None:
    """``command`` run so that file permissions apply to it, or None if that is impossible.

    Tests run as root in CI, and root reads and writes any file whatever its mode. Root
    without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (dropped with util-linux's setpriv)
    is held to file permissions like anyone else.
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    wrapped = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    probe = subprocess.run([*wrapped[: -len(command)], "true"], capture_output=True)
    return wrapped if probe.returncode == 0 else None


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def check_archive_file(path: Path) -> sqlite3.Connection:
    """A plain connection to the archive after SQLite's checks all pass (the caller closes it)."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for fts in ("quotes_fts", "articles_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    return conn


def die(*_args) -> None:
    """Stands in for extraction in a child process that dies (as on a segfault)."""
    os._exit(70)
