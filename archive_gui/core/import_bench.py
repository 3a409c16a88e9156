"""``python -m archive_gui.core.import_bench``: import throughput, extraction included.

Writes ``--articles`` text files of about 4 KB (the gold corpus articles, each padded with
paragraphs of the following ones and made unique by a numbered last line) to a temporary
folder, then imports them with :func:`import_paths` into a fresh archive file, once per
worker count given (``--workers 1 0``: one process, then the default). The clock covers the
whole call: finding the files, starting the worker processes (the first run with workers
also starts their server process, which loads and warms up extraction: see
``importer._pool_context``), reading, extraction and storing. This is a measurement, not a
test: the target in issue 6 is at least 300 articles per second on a 2-core machine.

Each run also reports the CPU time of the importing process per article (reading, checking
and storing; ``main_cpu_ms``), which, unlike articles per second, hardly depends on what
else the machine is running.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from archive_gui.core.evaluation import load_gold
from archive_gui.core.extract.bench import padded_articles
from archive_gui.core.importer import default_workers, import_paths


def write_articles(folder: Path, count: int) -> None:
    texts = padded_articles([a.text for a in load_gold()], count)
    for n, text in enumerate(texts):
        body = text + f"\nArchive copy {n} of this report.\n"
        (folder / f"article-{n:05d}.txt").write_text(body, encoding="utf-8")


def run(count: int, workers: int, folder: Path, scratch: Path) -> dict[str, float]:
    # Imported here: the worker processes' server loads this (main) module, without it.
    from archive_gui.core.store import Archive

    db = scratch / f"import-{workers}-{time.monotonic_ns()}.db"
    with Archive.open(db) as archive:
        started, cpu = time.perf_counter(), time.process_time()
        report = import_paths(archive, [folder], workers=workers)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if report.added != count or report.failed:
        raise SystemExit(f"import went wrong: {report.summary()} {report.failed[:3]}")
    return {
        "workers": workers,
        "articles": count,
        "seconds": elapsed,
        "articles_per_second": count / elapsed,
        "main_cpu_ms": 1000 * cpu / count,
        "quotes": report.quotes,
        "operations": report.operations,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m archive_gui.core.import_bench",
        description="Time importing ~4 KB text articles, extraction included.",
    )
    parser.add_argument("--articles", type=int, default=1000, help="article files to import")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 0],
        help="worker counts to measure, in order (0: the default, %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1 or any(w < 0 for w in args.workers):
        parser.error("--articles and --repeat must be positive, --workers not negative")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    results = []
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_articles(folder, args.articles)
        for workers in args.workers:
            count = workers or default_workers()
            for _ in range(args.repeat):
                result = run(args.articles, count, folder, Path(tmp))
                results.append(result)
                print(
                    f"workers={count}: {result['articles']} articles in {result['seconds']:.2f} s"
                    f" = {result['articles_per_second']:.0f} articles/s, importing process"
                    f" {result['main_cpu_ms']:.2f} ms CPU per article "
                    f"({result['quotes']} quotes, {result['operations']} operations)"
                )
    print(
        json.dumps(
            {"cores": os.cpu_count(), "load_before": load, "runs": results}, separators=(",", ":")
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
