"""Synthetic archives for measuring speed at scale: clearly fake, realistically skewed.

Every article is marked: its outlet is ``SYNTHETIC`` and its title starts with
``[SYNTHETIC]``. The shape follows real coverage: a few speakers and cities
dominate and a long tail is quoted once or twice (Zipf-like draws), publication
dates spread over fifteen years (a few unknown), about one operation and five
quotes per article, and tags on about 5% of quotes. Record offsets are exact:
``article.text[start:end]`` is the quote or count text, as for imported articles.

Written through :class:`archive_gui.core.store.bulk.BulkLoader`, so indexes and
full-text indexes are built once, after the rows are in::

    python -m archive_gui.core.synthetic --quotes 1000000 PATH
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from archive_gui.core.extract.gazetteer_data import CITIES, STATES
from archive_gui.core.store import Archive
from archive_gui.core.store.bulk import BulkLoader

GENERATOR_VERSION = 2  # bump when the archives written change: benchmarks rebuild theirs
SYNTHETIC_OUTLET = "SYNTHETIC"
SYNTHETIC_TITLE_PREFIX = "[SYNTHETIC]"
QUOTES_PER_ARTICLE = 5
OPERATIONS_PER_ARTICLE = 1
TAGGED_SHARE = 0.05
FIRST_DAY = date(2010, 1, 1)
DAYS = 15 * 365
BATCH = 20_000


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "Maria James Robert John Michael David William Richard Joseph Thomas Charles Daniel "
    "Matthew Anthony Mark Donald Steven Paul Andrew Joshua Linda Barbara Elizabeth "
    "Jennifer Patricia Susan Jessica Sarah Karen Nancy Lisa Betty Sandra Ashley Emily "
    "Donna Michelle Carmen Jose Luis Ana Rosa Juan Carlos Jorge Miguel Sofia Elena Ahmed "
    "Fatima Wei Mei Tomas Priya Raj Olga Ivan Grace Samuel"
)
_LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez "
    "Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King "
    "Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera "
    "Campbell Mitchell Carter Roberts Chen Patel Kim Singh Cohen Murphy Reyes Cruz Ortiz "
    "Morales Gutierrez Kowalski"
)
_ORGANIZATIONS = (
    "ICE",
    "ACLU",
    "Department of Homeland Security",
    "CBP",
    "National Immigration Law Center",
    "American Immigration Council",
    "Southern Poverty Law Center",
    "Migration Policy Institute",
)
_ROLES = (
    "spokesman",
    "spokeswoman",
    "organizer",
    "attorney",
    "field office director",
    "mayor",
    "resident",
    None,
)
_WORDS = _words(
    "we the are will and to of people in community families our this is not a for they "
    "have been agents enforcement officers law public safety threats operation arrests "
    "detained children workers fear schools church neighbors court judge order rights "
    "deportation removal policy federal local police sheriff cooperation sanctuary city "
    "state targeted criminal records warrants custody detention center lawyers hearing "
    "asylum border crossing raid worksite employers documents status visa green card "
    "citizens parents afraid home work stay leave continue priority mission every day"
)
_COUNT_FORMS = (
    ("exact", "{n}", 1),
    ("about", "about {n}", 1),
    ("nearly", "nearly {n}", 1),
    ("more_than", "more than {n}", 1),
    ("at_least", "at least {n}", 1),
    ("dozens", "dozens", 12),
    ("hundreds", "hundreds", 100),
)
_PERIODS = ("this week", "on Tuesday", "last month", "over the weekend", None)
_TAGS = (
    "follow-up",
    "verify",
    "official",
    "advocate",
    "children",
    "courts",
    "workplace",
    "detention",
    "schools",
    "policy",
    "contradiction",
    "key quote",
)


def _zipf_sampler(rng: random.Random, n: int, s: float = 1.07):
    """Draw 0..n-1 with probability proportional to 1 / (rank + 1) ** s."""
    weights = [1.0 / (rank + 1) ** s for rank in range(n)]
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]

    def draw() -> int:
        return min(bisect.bisect_left(cumulative, rng.random() * total), n - 1)

    return draw


def _speakers(count: int) -> list[tuple[str, str]]:
    """(name, kind) pairs: the organisations first (they are quoted most), then people."""
    people = [f"{first} {last}" for last in _LAST for first in _FIRST]
    random.Random(7).shuffle(people)
    names = [(org, "organization") for org in _ORGANIZATIONS]
    names += [(name, "person") for name in people]
    while len(names) < count:  # a long tail beyond the name lists
        names.append((f"{people[len(names) % len(people)]} {len(names)}", "person"))
    return names[:count]


def _places() -> tuple[list[tuple], list[int], list[int]]:
    """Place rows (nationwide, states, cities) and the ids of the cities and states."""
    rows: list[tuple] = [(1, "nationwide", "United States", None, None, None, "United States")]
    state_ids: dict[str, int] = {}
    for name, code, _abbrev in STATES:
        state_ids[code] = len(rows) + 1
        rows.append((state_ids[code], "state", name, code, None, 1, name))
    city_ids = []
    seen = set()
    for line in CITIES.strip().splitlines():
        name, code, *_office = line.split("|")
        name = name.split(",")[0]
        if (name, code) in seen or code not in state_ids:
            continue
        seen.add((name, code))
        city_ids.append(len(rows) + 1)
        rows.append((len(rows) + 1, "city", name, code, None, state_ids[code], f"{name}, {code}"))
    return rows, city_ids, list(state_ids.values())


def build_synthetic_archive(
    path: Path, quotes: int, seed: int = 1, progress=None
) -> dict[str, int | float]:
    """Create a new synthetic archive of about ``quotes`` quotes at ``path``; return its sizes."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; a synthetic archive is only written to a new file")
    rng = random.Random(seed)
    started = time.perf_counter()
    articles = max(1, quotes // QUOTES_PER_ARTICLE)
    place_rows, city_ids, state_ids = _places()
    speaker_names = _speakers(max(50, quotes // 200))
    draw_speaker = _zipf_sampler(rng, len(speaker_names))
    draw_city = _zipf_sampler(rng, len(city_ids), s=1.2)
    draw_word = _zipf_sampler(rng, len(_WORDS), s=0.9)
    draw_tag = _zipf_sampler(rng, len(_TAGS))
    labels = {row[0]: row[6] for row in place_rows}

    archive = Archive.open(path)
    quote_id = operation_id = 0
    with archive, BulkLoader(archive) as load:
        load.places(place_rows)
        load.speakers(
            (i + 1, name, kind, None, "ICE" if name == "ICE" else None)
            for i, (name, kind) in enumerate(speaker_names)
        )
        load.tags((i + 1, name, None) for i, name in enumerate(_TAGS))
        for first in range(1, articles + 1, BATCH):
            article_rows, quote_rows, operation_rows, tag_rows = [], [], [], []
            for article_id in range(first, min(first + BATCH, articles + 1)):
                n_quotes = QUOTES_PER_ARTICLE
                if article_id == articles:  # the last article takes the remainder
                    n_quotes = quotes - QUOTES_PER_ARTICLE * (articles - 1)
                n_operations = rng.choice((0, 1, 1, 1, 2)) if article_id > 1 else 1
                day = None if rng.random() < 0.02 else FIRST_DAY + timedelta(rng.randrange(DAYS))
                parts = [f"Synthetic article {article_id}. Not real news.\n\n"]
                offset = len(parts[0])
                first_city = None
                for _ in range(n_operations):
                    operation_id += 1
                    form, template, unit = _COUNT_FORMS[
                        0 if rng.random() < 0.6 else rng.randrange(len(_COUNT_FORMS))
                    ]
                    n = max(1, int(rng.paretovariate(1.3) * 8))
                    count_text = template.format(n=n)
                    count = unit if "{n}" not in template else n
                    if rng.random() < 0.85:
                        place_id = city_ids[draw_city()]
                        city_id = place_id
                    else:
                        place_id = rng.choice(state_ids)
                        city_id = None
                    first_city = first_city or labels[place_id]
                    place_text = labels[place_id].split(",")[0]
                    period = rng.choice(_PERIODS)
                    prefix = "Federal agents arrested "
                    sentence = f"{prefix}{count_text} people in {place_text}"
                    sentence += f" {period}.\n\n" if period else ".\n\n"
                    start = offset + len(prefix)
                    place_start = offset + sentence.index(place_text, len(prefix) + len(count_text))
                    operation_rows.append(
                        (
                            operation_id,
                            article_id,
                            count,
                            form,
                            count_text,
                            start,
                            start + len(count_text),
                            place_id,
                            city_id,
                            place_text,
                            place_start,
                            place_start + len(place_text),
                            period,
                            day.isoformat() if day and period else None,
                            day.isoformat() if day and period else None,
                            "ICE",
                            None,
                            "synthetic",
                            1.0,
                        )
                    )
                    parts.append(sentence)
                    offset += len(sentence)
                for _ in range(n_quotes):
                    quote_id += 1
                    speaker = draw_speaker()
                    name, _kind = speaker_names[speaker]
                    words = [_WORDS[draw_word()] for _ in range(rng.randrange(5, 18))]
                    text = " ".join(words).capitalize()
                    role = _ROLES[speaker % len(_ROLES)]
                    mention = f"{role} {name}" if role else name
                    sentence = f'"{text}," said {mention}.\n\n'
                    start = offset + 1
                    mention_start = offset + len(text) + 9
                    quote_rows.append(
                        (
                            quote_id,
                            article_id,
                            text,
                            start,
                            start + len(text),
                            speaker + 1,
                            role,
                            "ICE" if name == "ICE" else None,
                            mention,
                            mention_start,
                            mention_start + len(mention),
                            "synthetic",
                            round(0.6 + 0.4 * rng.random(), 2),
                        )
                    )
                    if rng.random() < TAGGED_SHARE:
                        tag_rows.append((quote_id, draw_tag() + 1))
                        if rng.random() < 0.3:
                            tag_rows.append((quote_id, draw_tag() + 1))
                    parts.append(sentence)
                    offset += len(sentence)
                headline = f"ICE arrests reported in {first_city}" if first_city else "Voices"
                article_rows.append(
                    (
                        article_id,
                        None,
                        f"{SYNTHETIC_TITLE_PREFIX} {headline} ({article_id})",
                        SYNTHETIC_OUTLET,
                        f"https://synthetic.invalid/{article_id}",
                        None,
                        day.isoformat() if day else None,
                        None,
                        None,
                        "synthetic",
                        "".join(parts),
                    )
                )
            load.articles(article_rows)
            load.operations(operation_rows)
            load.quotes(quote_rows)
            load.quote_tags(tag_rows)
            if progress is not None:
                progress(quote_id, quotes)
    return {
        "articles": articles,
        "quotes": quote_id,
        "operations": operation_id,
        "speakers": len(speaker_names),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic archive to a new file.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,} / {total:,} quotes", end="", file=sys.stderr, flush=True)

    sizes = build_synthetic_archive(args.path, args.quotes, args.seed, progress)
    print(file=sys.stderr)
    print(sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
