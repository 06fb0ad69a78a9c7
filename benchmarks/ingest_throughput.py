"""Throughput of coding and storing articles, next to spaCy's own ``nlp.pipe`` on the same texts.

Makes N articles of about W words (see Corpora), then, in the same run, on the identical texts, with
the same model and the same number of processes P:

1. spaCy alone: ``spacy.load(model)``, then ``nlp.pipe(texts, n_process=P, batch_size=B)`` with the
   bare model;
2. eventwire: start the local engine (the pipeline loaded once; its workers forked from this process
   when that is safe, else spawned), open a DuckDB store, then read, screen, code (model +
   eventwire's component) and store every article and its events, as ``eventwire ingest`` does.

Prints, for each: seconds, articles/s, words/s, CPU seconds (this process and its worker processes)
and peak memory (resident memory of this process and all its descendants, sampled every 0.1 s by a
separate process; pages forked workers share with their parent count once per process, so it is an
upper bound); the events eventwire coded per article; and the ratio of eventwire's throughput to
spaCy's, and the ratio of their CPU seconds. On a machine shared with other work the wall-clock
figures move from run to run (each side is slowed by whatever else runs meanwhile) and the CPU
seconds much less; ``--repeat R`` runs both R times, alternating, and compares the fastest run of
each (and the least CPU of each). Later runs start in a process that has run the others (its
imports and caches stay), so the first pair is the cleanest comparison, above all of memory.

Corpora (``--corpus``):

- ``realistic`` (the default): news-like articles. Each has 3 to 7 sentences of the hand-written
  demo corpus (``examples/demo/articles.jsonl``: reports of real diplomatic and military events, about
  one coded event a sentence), the first as its lede, and is filled up to W words with background
  sentences written for this script (figures, places, weather, prices: context that reports no
  event). That gives about 5 coded events per 400-word article (the mean is printed; 3 to 9 for
  most articles), the density of wire news, where most sentences are background, quotes and figures
  rather than one actor acting on another. (The demo articles themselves, written to be dense with
  events, give about 9 per 160 words.) Each article is dated as the demo article of its lede, so
  its relative dates resolve.
- ``synthetic``: every sentence is "<actor> <verb> <actor> <place> <day>" (or one of five fillers),
  so about 32 events an article of 400 words: several times what news carries. It weighs the
  per-event work (moving events between processes, deduplicating and storing them) far above what
  an ingest of news does; kept to measure that worst case (``benchmarks/dask_throughput.py`` uses it).

The default is the realistic corpus because the issue's target (eventwire at 0.8 of spaCy alone)
is about ingesting news. Both corpora are the same every run (the realistic one is drawn with
fixed seeds).

    .venv/bin/python benchmarks/ingest_throughput.py [--articles 2000] [--words 400] [--workers 2]
        [--corpus realistic|synthetic] [--repeat 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import re
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from peak_memory import PeakMemory  # the sibling module

from eventwire.api import cached_coder
from eventwire.config import Settings
from eventwire.dist.local import LocalEngine
from eventwire.records import Article
from eventwire.store.batch import ingest
from eventwire.store.duckdb import DuckDBStore

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo" / "articles.jsonl"

ACTORS = [
    "Russia", "Ukraine", "France", "China", "Iran", "Israel", "Germany", "Japan", "India", "Brazil",
    "the United Nations", "NATO", "the European Union", "Turkey", "Egypt", "Kenya", "Poland", "Canada",
]  # fmt: skip
VERBS = [
    "attacked", "visited", "criticized", "praised", "threatened", "accused", "met with", "condemned",
    "signed an agreement with", "sent aid to", "imposed sanctions on", "held talks with",
]  # fmt: skip
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "last week", "in March", "this evening", "on Friday"]
PLACES = ["in Geneva", "in Cairo", "near the border", "in the capital", "at the summit", "in Brussels"]
FILLERS = [
    "Officials said the situation remained tense and that further meetings were planned.",
    "The ministry did not respond to a request for comment on the report.",
    "Analysts said the move could change the balance of power in the region for years.",
    "Thousands of people gathered in the streets as the news spread across the country.",
    "The statement came after weeks of negotiations between the two delegations.",
]
# Background for the realistic corpus: what a news article says around its events.
BACKGROUND = [
    "The city of about two million people lies on a wide river and is an important rail hub.",
    "Prices of bread, cooking oil and fuel have risen sharply since the start of the year.",
    "The central bank's main interest rate stands at its highest level in more than a decade.",
    "Temperatures were expected to fall below freezing overnight in much of the region.",
    "The region has long been one of the poorest in the country, with unemployment above 20 percent.",
    "Turnout in the last election was just over 60 percent, according to official figures.",
    "The port handles about a third of the country's grain exports in a normal year.",
    "The currency has lost about a fifth of its value against the dollar this year.",
    "Many residents still rely on generators, as power cuts last for up to ten hours a day.",
    "The building, completed in the nineteenth century, was restored after a fire in 1998.",
    "Analysts said the figures pointed to a slowdown in the second half of the year.",
    "The population of the province has grown by almost a million people over the past decade.",
    "Schools in the capital remained closed for a second day because of the snow.",
    "The average monthly wage in the country is about four hundred dollars.",
    "It is not known how long the work will take or how much it will cost.",
    "The river is the main source of drinking water for several million people downstream.",
    "Inflation slowed to seven percent in the year to October, down from nine percent a month earlier.",
    "Much of the coastline is lined with fishing villages and small tourist resorts.",
    "The airport, which reopened last year after major repairs, handles about forty flights a day.",
    "The harvest is expected to be smaller than last year's because of the long drought.",
    "Local television showed long queues outside petrol stations and banks.",
    "The government's term ends next year, and opinion polls suggest a close race.",
    "The old city centre is a World Heritage site and draws visitors from around the world.",
    "Traffic on the bridge was reduced to a single lane while engineers inspected the damage.",
    "The mountain road to the border is often closed by snow for several weeks each winter.",
    "The report runs to more than three hundred pages and includes dozens of recommendations.",
    "Economists expect growth of about two percent this year, slightly below earlier forecasts.",
    "The country imports most of its natural gas through a single pipeline.",
    "Hospitals in the area have enough beds and supplies for the coming weeks.",
    "Most of the island's food and fuel arrives by sea.",
    "The vote count is expected to be completed by the end of the week.",
    "The parliament has three hundred seats, and no party has won a majority since 2005.",
    "Some two thousand people live in the village, most of them farmers.",
    "Shops and markets in the town reopened in the morning, and buses ran on their usual routes.",
    "The factory employs about four thousand workers and is the largest employer in the district.",
    "The weather service forecast strong winds and heavy rain along the coast through the weekend.",
    "Details of the plan were not made public, and it was not clear when it would take effect.",
    "Fuel shortages have left many farmers unable to plant part of their land.",
    "The stock market closed slightly higher, while the price of oil was little changed.",
    "The new railway line is due to open in two years and will cut the journey time by half.",
    "The festival, held every summer since 1950, attracts tens of thousands of visitors.",
    "The region's rivers have been at record lows for most of the summer.",
    "About a third of the households in the district still have no running water.",
    "The museum holds one of the largest collections of medieval manuscripts in Europe.",
    "Rents in the capital have doubled in five years, pushing many young families to the suburbs.",
    "The journey from the coast to the capital takes about six hours by road.",
    "Construction of the dam began in 2011 and was completed four years later.",
    "The area is known for its vineyards, and wine makes up a large share of local exports.",
]


def make_texts(count: int, words: int) -> list[str]:
    """The synthetic corpus: ``count`` different articles of about ``words`` words each."""
    texts = []
    for n in range(count):
        sentences: list[str] = []
        length = 0
        k = n
        while length < words:
            k = (k * 1103515245 + 12345) % 2**31
            actor, other = ACTORS[k % 18], ACTORS[(k // 18) % 18]
            if actor == other:
                sentence = FILLERS[k % 5]
            else:
                verb, day, place = VERBS[(k // 7) % 12], DAYS[(k // 11) % 7], PLACES[(k // 13) % 6]
                sentence = (
                    f"{actor[0].upper()}{actor[1:]} {verb} {other} {place} {day}, according to report {n}."
                )
            sentences.append(sentence)
            length += len(sentence.split())
        texts.append(" ".join(sentences))
    return texts


def demo_sentences() -> list[tuple[str, dt.date]]:
    """Every sentence of the demo corpus, with its article's publication date."""
    found = []
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        published = dt.date.fromisoformat(item["published"])
        found.extend((sentence, published) for sentence in split_sentences(item["text"]))
    return found


def split_sentences(text: str) -> list[str]:
    """A text's sentences: a break after ``.``, ``!`` or ``?`` (closing quotes kept), unless the word
    is an initialism ("U.S.", "a.m.")."""
    sentences: list[str] = []
    current: list[str] = []
    for word in text.split():
        current.append(word)
        if re.search(r"[.!?][\"'”’)]*$", word) and not re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


def make_realistic(count: int, words: int) -> list[tuple[str, dt.date]]:
    """The realistic corpus: ``count`` different articles of about ``words`` words, with their dates."""
    reports = demo_sentences()
    articles: list[tuple[str, dt.date]] = []
    seen: set[str] = set()
    seed = 0
    while len(articles) < count:
        rng = random.Random(seed)  # seeded: the same corpus every run
        seed += 1
        picked = rng.sample(reports, 3 + rng.randrange(5))
        (lede, published), body = picked[0], [sentence for sentence, _ in picked[1:]]
        length = sum(len(sentence.split()) for sentence, _ in picked)
        for sentence in rng.sample(BACKGROUND, len(BACKGROUND)):
            if length >= words:
                break
            body.insert(rng.randrange(len(body) + 1), sentence)
            length += len(sentence.split())
        text = " ".join([lede, *body])
        if text not in seen:
            seen.add(text)
            articles.append((text, published))
    return articles


def cpu_seconds() -> float:
    """CPU seconds of this process and of its child processes that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(run: Callable[[], int]) -> tuple[float, float, int, int]:
    """Seconds, CPU seconds, peak memory and the count ``run`` returns."""
    with PeakMemory() as memory:
        cpu = cpu_seconds()
        started = time.perf_counter()
        count = run()
        seconds = time.perf_counter() - started
    return seconds, cpu_seconds() - cpu - memory.cpu, memory.peak, count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--corpus", choices=["realistic", "synthetic"], default="realistic")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run both this many times, alternating; compare the fastest"
    )
    args = parser.parse_args()
    if args.corpus == "realistic":
        corpus = make_realistic(args.articles, args.words)
    else:
        corpus = [(text, dt.date(2024, 6, 18)) for text in make_texts(args.articles, args.words)]
    texts = [text for text, _ in corpus]
    words = sum(len(t.split()) for t in texts)
    settings = Settings.from_env(n_process=args.workers, batch_size=args.batch_size)
    print(
        f"{args.articles} articles ({args.corpus} corpus), {words:,} words "
        f"({words / args.articles:.0f} an article); model {settings.model}"
    )
    print(f"{args.workers} processes, batches of {args.batch_size}")

    def spacy_alone() -> int:
        nlp = spacy.load(settings.model)
        return sum(1 for _ in nlp.pipe(texts, n_process=args.workers, batch_size=args.batch_size))

    def eventwire_ingest() -> int:
        with tempfile.TemporaryDirectory() as folder, LocalEngine(settings) as engine:
            store = DuckDBStore(Path(folder) / "bench.duckdb")
            try:
                articles: Iterator[Article] = (Article(text=t, published=p) for t, p in corpus)
                tally = ingest(articles, store, engine)
            finally:
                store.close()
            started_by = engine.started_by
        print(
            f"eventwire stored {tally.stored} articles and coded {tally.events:,} events "
            f"({tally.events / max(tally.stored, 1):.1f} an article); workers started by {started_by or '-'}"
        )
        return tally.stored

    rates: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for name, run in (("spaCy nlp.pipe", spacy_alone), ("eventwire ingest", eventwire_ingest)):
            seconds, cpu, peak, count = measure(run)
            rates.setdefault(name, []).append(count / seconds)
            cpus.setdefault(name, []).append(cpu)
            print(
                f"{name:17} {seconds:8.1f} s  {count / seconds:8.1f} articles/s  {words / seconds:10,.0f} words/s  "
                f"CPU {cpu:7.1f} s  peak memory {peak / 2**20:,.0f} MiB",
                flush=True,
            )
            cached_coder.cache_clear()  # each run loads its pipeline anew, and none forks with another's
            gc.collect()
    ours, theirs = "eventwire ingest", "spaCy nlp.pipe"
    best = f" (fastest of {args.repeat} runs each)" if args.repeat > 1 else ""
    print(f"ratio eventwire / spaCy: {max(rates[ours]) / max(rates[theirs]):.2f}{best}")
    print(f"CPU seconds, spaCy / eventwire: {min(cpus[theirs]) / min(cpus[ours]):.2f}")


if __name__ == "__main__":
    main()
