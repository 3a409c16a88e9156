"""``python -m archive_gui.evaluate``: extraction accuracy on the gold corpus.

Prints quote span F1, speaker accuracy, attributed-quote F1 and operation F1 for the dev
and held-out splits, so an extractor change can be judged by its effect on dev while
held-out stays an unbiased check. ``--verbose`` lists each article's misses and false
positives for debugging.
"""

from __future__ import annotations

import argparse
import sys

from archive_gui.core.evaluation import SPLITS, ArticleResult, Scores, evaluate, load_gold, total

COLUMNS = ("quote span F1", "speaker acc.", "attributed F1", "operation F1")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m archive_gui.evaluate",
        description="Score quote and operation extraction against the gold corpus.",
    )
    parser.add_argument(
        "--split",
        choices=(*SPLITS, "all"),
        default="all",
        help="articles to score (default: all, reported per split and overall)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list misses and false positives per article"
    )
    return parser


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _row(label: str, articles: int, scores: Scores) -> str:
    figures = (
        (
            scores.quote_spans.f1,
            scores.speaker_accuracy,
            scores.attributed.f1,
            scores.operations.f1,
        )
        if articles
        else (None,) * 4  # no articles: nothing was measured, not a perfect score
    )
    cells = "".join(f"{_figure(value):>16}" for value in figures)
    return f"{label:<10}{articles:>9}{cells}"


def _detail(label: str, scores: Scores) -> str:
    spans, ops = scores.quote_spans, scores.operations
    return (
        f"  {label}: quotes P {spans.precision:.3f} R {spans.recall:.3f} "
        f"(tp {spans.tp}, fp {spans.fp}, fn {spans.fn}); "
        f"operations P {ops.precision:.3f} R {ops.recall:.3f} "
        f"(tp {ops.tp}, fp {ops.fp}, fn {ops.fn})"
    )


def _origin_rows(group: list[ArticleResult]) -> list[str]:
    """One row per blind writing round, when the held-out split holds more than one.

    Each round was written blind at a different time, so each is a separate test of
    generalisation; summing them alone would hide whether the newest still holds.
    """
    origins = sorted({r.origin or "?" for r in group})
    if len(origins) < 2:
        return []
    rows = []
    for origin in origins:
        part = [r for r in group if (r.origin or "?") == origin]
        rows.append(_row(f" {origin}", len(part), total(part)))
    return rows


def report(results: list[ArticleResult], split: str, verbose: bool) -> str:
    """The figures table (and with ``verbose`` the per-article errors) as text."""
    splits = SPLITS if split == "all" else (split,)
    groups = [(name, [r for r in results if r.split == name]) for name in splits]
    if split == "all":
        groups.append(("all", results))
    lines = [f"{'split':<10}{'articles':>9}" + "".join(f"{c:>16}" for c in COLUMNS)]
    for name, group in groups:
        lines.append(_row(name, len(group), total(group)))
        if name == "heldout":
            lines += _origin_rows(group)
    lines.append("")
    lines += [_detail(name, total(group)) for name, group in groups]
    if verbose:
        for result in results:
            if result.errors:
                lines.append("")
                lines.append(f"{result.file} ({result.split})")
                lines += [f"  {error}" for error in result.errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Imported here so that --help works even while an extractor module is broken.
    from archive_gui.core.extract import extract

    articles = [a for a in load_gold() if args.split == "all" or a.split == args.split]
    print(report(evaluate(articles, extract), args.split, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
