"""``python -m archive_gui.core.extract.bench``: extraction throughput on one core.

Times ``extract()`` (quotes and operations) over the gold corpus articles, each padded to
about 4 KB with paragraphs of the following articles (cycling), in a single process.
The one-time setup of the first call (the lazily loaded city gazetteer) is reported
separately and kept out of the rate. This is a measurement, not a test: the target in
issue 3 is at least 300 articles per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date

from archive_gui.core.evaluation import load_gold
from archive_gui.core.extract import extract, native
from archive_gui.core.extract.operations import extract_operations
from archive_gui.core.extract.quotes import extract_quotes

TARGET_BYTES = 4096


def padded_articles(texts: list[str], count: int, size: int = TARGET_BYTES) -> list[str]:
    """``count`` articles of about ``size`` UTF-8 bytes: each corpus article, cycled,
    followed by whole paragraphs of the next ones until it reaches ``size``."""
    paragraphs = [p for text in texts for p in text.split("\n") if p.strip()]
    articles = []
    offset = 0
    for index in range(count):
        article = texts[index % len(texts)].rstrip("\n")
        length = len(article.encode("utf-8"))
        while length < size:
            paragraph = paragraphs[offset % len(paragraphs)]
            offset += 1
            article += "\n\n" + paragraph
            length += len(paragraph.encode("utf-8")) + 2
        articles.append(article + "\n")
    return articles


EXTRACTORS: dict[str, Callable[[str, date | None], object]] = {
    "all": extract,
    "operations": extract_operations,
    "quotes": lambda text, day: extract_quotes(text),
}


def run(count: int, repeat: int, part: str = "all") -> dict[str, float]:
    """Wall-clock rate of ``part`` and its CPU time per article (``time.process_time``,
    steadier than the wall clock on a machine shared with other work)."""
    extractor = EXTRACTORS[part]
    gold = load_gold()
    articles = padded_articles([a.text for a in gold], count)
    published = [gold[i % len(gold)].published for i in range(count)]
    started = time.perf_counter()
    extractor(articles[0], published[0])
    setup = time.perf_counter() - started
    times, cpu_times = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        for text, day in zip(articles, published, strict=True):
            extractor(text, day)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - started_cpu)
    best, best_cpu = min(times), min(cpu_times)
    total_bytes = sum(len(a.encode("utf-8")) for a in articles)
    return {
        "articles": count,
        "mean_bytes": total_bytes / count,
        "seconds": best,
        "articles_per_second": count / best,
        "kb_per_second": total_bytes / 1024 / best,
        "setup_seconds": setup,
        "cpu_ms_per_article": best_cpu / count * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m archive_gui.core.extract.bench",
        description="Time quote and operation extraction on ~4 KB articles (one process).",
    )
    parser.add_argument("--articles", type=int, default=1000, help="articles per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported")
    parser.add_argument(
        "--part",
        choices=sorted(EXTRACTORS),
        default="all",
        help="time quotes and operations together (all) or one extractor alone",
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be positive")
    result = run(args.articles, args.repeat, args.part)
    print(
        f"{result['articles']} articles of {result['mean_bytes'] / 1024:.1f} KB on average: "
        f"{result['articles_per_second']:.0f} articles/s, {result['kb_per_second']:.0f} KB/s "
        f"(best of {args.repeat} runs, {result['seconds']:.2f} s; "
        f"first-call setup {result['setup_seconds']:.2f} s); "
        f"{result['cpu_ms_per_article']:.2f} ms CPU per article ({args.part}); "
        f"extraction {native.mode}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
