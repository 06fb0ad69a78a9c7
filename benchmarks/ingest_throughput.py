"""Throughput of coding and storing articles, next to spaCy's own ``nlp.pipe`` on the same texts.

Makes N articles of about W words from sentences written for this script (actors, verbs, places and
days combined), then, in the same run and with the same model and number of processes:

1. spaCy alone: ``nlp.pipe(texts, n_process=P)`` with the bare model;
2. eventwire: read, screen, code (model + eventwire's component) and store every article and its
   events in a DuckDB store, as ``eventwire ingest`` does.

Prints articles/s, words/s and peak memory (this process and its workers together) of each, and
the ratio of eventwire's throughput to spaCy's.

    .venv/bin/python benchmarks/ingest_throughput.py [--articles 2000] [--words 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import spacy

from eventwire.config import Settings
from eventwire.dist.local import LocalEngine
from eventwire.records import Article
from eventwire.store.batch import ingest
from eventwire.store.duckdb import DuckDBStore

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


def make_texts(count: int, words: int) -> list[str]:
    """``count`` different articles of about ``words`` words each."""
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


class PeakMemory:
    """Samples the resident memory of this process and all its descendants; keeps the peak (bytes)."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(self.every)


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        parents[int(entry)] = int(stat[1])
        rss[int(entry)] = int(statm[1]) * page
    total = 0
    for pid in rss:
        walker = pid
        while walker not in (root, 0, 1) and walker in parents:
            walker = parents[walker]
        if walker == root:
            total += rss[pid]
    return total


def measure(run: Callable[[], int]) -> tuple[float, int, int]:
    """Seconds, peak memory and the count ``run`` returns."""
    with PeakMemory() as memory:
        started = time.perf_counter()
        count = run()
        seconds = time.perf_counter() - started
    return seconds, memory.peak, count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts = make_texts(args.articles, args.words)
    words = sum(len(t.split()) for t in texts)
    settings = Settings.from_env(n_process=args.workers, batch_size=args.batch_size)
    print(
        f"{args.articles} articles, {words:,} words ({words / args.articles:.0f} a article); model {settings.model}"
    )
    print(f"{args.workers} processes, batches of {args.batch_size}")

    def spacy_alone() -> int:
        nlp = spacy.load(settings.model)
        return sum(1 for _ in nlp.pipe(texts, n_process=args.workers, batch_size=args.batch_size))

    def eventwire_ingest() -> int:
        with tempfile.TemporaryDirectory() as folder:
            store = DuckDBStore(Path(folder) / "bench.duckdb")
            articles: Iterator[Article] = (Article(text=t, published=dt.date(2024, 6, 18)) for t in texts)
            tally = ingest(articles, store, LocalEngine(settings))
            events = tally.events
            store.close()
        print(f"eventwire stored {tally.stored} articles and {events:,} events")
        return tally.stored

    results = {}
    for name, run in (("spaCy nlp.pipe", spacy_alone), ("eventwire ingest", eventwire_ingest)):
        seconds, peak, count = measure(run)
        results[name] = count / seconds
        print(
            f"{name:17} {seconds:8.1f} s  {count / seconds:8.1f} articles/s  {words / seconds:10,.0f} words/s  "
            f"peak memory {peak / 2**20:,.0f} MiB"
        )
    print(f"ratio eventwire / spaCy: {results['eventwire ingest'] / results['spaCy nlp.pipe']:.2f}")


if __name__ == "__main__":
    main()
