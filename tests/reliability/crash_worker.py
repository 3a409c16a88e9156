"""A worker process the crash tests kill with SIGKILL at chosen moments.

    python -m tests.reliability.crash_worker import ARCHIVE FOLDER [slow]
    python -m tests.reliability.crash_worker tag ARCHIVE ROUNDS

It prints ``READY`` once the archive is open, then for each write ``B key`` before
the transaction and ``C key`` once it has committed (an article's SHA-256, or a
bulk tag's name), and ``DONE`` at the end. Every line is flushed: what the test
reads as committed was committed before the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_import(archive_path: Path, folder: Path, slow: bool = False) -> None:
    """``slow``: each multi-row insert of an article's records takes 3 ms more, as on a
    slow disk, so that a kill aimed just after ``B`` lands in the middle of the article.

    The import stores many articles to a transaction (``store.batch``): ``B`` is said
    as an article's rows begin, ``C`` once the transaction holding them has committed.
    """
    import time

    import archive_gui.core.importer as importer
    from archive_gui.core.store import Archive
    from archive_gui.core.store.archive import text_sha256
    from archive_gui.core.store.batch import ArticleBatch

    with Archive.open(archive_path) as archive:
        if slow:
            insert_rows = archive._insert_rows

            def slowly(*args):
                time.sleep(0.003)
                return insert_rows(*args)

            archive._insert_rows = slowly
        shas = {}
        add = ArticleBatch.add

        def logged_add(self, key, text, *args):
            shas[key] = sha = text_sha256(text)
            say(f"B {sha}")
            return add(self, key, text, *args)

        recorder = importer._recorder

        def logged_recorder(report):
            done = recorder(report)

            def logged_done(key, stored, failure):
                if stored is not None:
                    say(f"C {shas[key]}")
                done(key, stored, failure)

            return logged_done

        ArticleBatch.add = logged_add
        importer._recorder = logged_recorder
        say("READY")
        report = importer.import_paths(archive, [folder])
    say(f"DONE {report.added} {report.skipped} {len(report.failed)}")


def bulk_tag_ids(quote_ids: list[int], round_: int) -> list[int]:
    """The quotes round ``round_`` tags: a different large share each round."""
    return [q for q in quote_ids if (q * 7 + round_) % 5 != 0]


def run_tag(archive_path: Path, rounds: int) -> None:
    from archive_gui.core.store import Archive
    from archive_gui.core.store.curation import Curation

    with Archive.open(archive_path) as archive:
        curation = Curation(archive)
        quote_ids = [row[0] for row in archive.db.execute("SELECT id FROM quotes ORDER BY id")]
        done = {row[0] for row in archive.db.execute("SELECT name FROM tags")}
        say("READY")
        for round_ in range(rounds):
            name = f"bulk/round-{round_:03d}"
            if name in done:
                continue
            say(f"B {name}")
            curation.tag_quotes(bulk_tag_ids(quote_ids, round_), name)
            say(f"C {name}")
    say("DONE")


if __name__ == "__main__":
    mode, archive_arg, *rest = sys.argv[1:]
    if mode == "import":
        run_import(Path(archive_arg), Path(rest[0]), slow=rest[1:] == ["slow"])
    elif mode == "tag":
        run_tag(Path(archive_arg), int(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
