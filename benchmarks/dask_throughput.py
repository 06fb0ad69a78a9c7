"""Throughput of ingesting with the Dask engine on a local cluster of 1, then 2 workers, on one corpus.

Makes N articles of about W words from sentences written for this script, then, in the same run:

1. the local engine in this process (the reference);
2. for each worker count: a ``LocalCluster`` on 127.0.0.1 started (timed apart), the pipeline loaded
   on every worker by a warm-up partition, then the corpus coded and stored in a fresh DuckDB store
   as ``eventwire ingest --engine dask`` does.

Each is timed twice: coding alone (results taken and dropped), and coding + storing, where this
process loads every article and its events into the store while the workers code (the store's
writes are one process's work, so they bound the second figure). Prints articles/s and words/s of
each, the speed-up over one worker, and checks that every run stored the same events as the
reference.

    .venv/bin/python benchmarks/dask_throughput.py [--articles 1000] [--words 150] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ingest_throughput import make_texts  # the sibling script: one synthetic corpus for both

from eventwire.config import Settings
from eventwire.dist.dask import DaskEngine, code_partition
from eventwire.dist.local import LocalEngine
from eventwire.records import Article
from eventwire.store.batch import Engine, ingest
from eventwire.store.codec import dumps
from eventwire.store.duckdb import DuckDBStore


def make_articles(count: int, words: int) -> list[Article]:
    """``count`` different articles of about ``words`` words each (the ingest benchmark's corpus)."""
    return [Article(text=text, published=dt.date(2024, 6, 18)) for text in make_texts(count, words)]


def store_with(engine: Engine, articles: list[Article]) -> tuple[float, list[str]]:
    """Seconds to ingest ``articles`` into a fresh DuckDB store, and the stored events."""
    with tempfile.TemporaryDirectory() as folder:
        store = DuckDBStore(Path(folder) / "bench.duckdb")
        try:
            started = time.perf_counter()
            tally = ingest(iter(articles), store, engine)
            seconds = time.perf_counter() - started
            assert tally.stored == len(articles), tally
            return seconds, [dumps(s.event) for s in store.events()]
        finally:
            store.close()


def timed(start: Callable[[], object]) -> float:
    started = time.perf_counter()
    start()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=32, help="articles per partition")
    args = parser.parse_args()
    articles = make_articles(args.articles, args.words)
    words = sum(len(a.text.split()) for a in articles)
    settings = Settings.from_env(n_process=1, batch_size=args.batch_size)
    print(
        f"{len(articles)} articles, {words:,} words ({words / len(articles):.0f} an article); "
        f"model {settings.model}; partitions of {args.batch_size}; {os.cpu_count()} CPUs"
    )
    warm_up = make_articles(args.batch_size, 20)

    def report(name: str, seconds: float, note: str = "") -> float:
        rate = len(articles) / seconds
        print(f"{name:34} {seconds:7.1f} s {rate:8.1f} articles/s {words / seconds:9,.0f} words/s  {note}")
        return rate

    local = LocalEngine(settings)
    list(local.code(warm_up))
    report("local, 1 process: code only", code_only(local, articles))
    seconds, expected = store_with(local, articles)
    report("local, 1 process: code + store", seconds)
    coding: dict[int, float] = {}
    storing: dict[int, float] = {}
    for workers in args.workers:
        engine = DaskEngine(dataclasses.replace(settings, n_process=workers))
        startup = timed(engine.__enter__)
        try:
            loading = timed(functools.partial(_warm, engine, warm_up, workers))
            name = f"dask, {workers} worker{'s' if workers > 1 else ''}"
            coding[workers] = report(f"{name}: code only", code_only(engine, articles))
            seconds, events = store_with(engine, articles)
        finally:
            engine.__exit__(None, None, None)
        same = "same events" if events == expected else "EVENTS DIFFER"
        note = f"(cluster start {startup:.1f} s, pipeline load {loading:.1f} s; {same})"
        storing[workers] = report(f"{name}: code + store", seconds, note)
    if 1 in coding:
        for workers in args.workers:
            if workers != 1:
                print(
                    f"speed-up of {workers} workers over 1: code only {coding[workers] / coding[1]:.2f}x, "
                    f"code + store {storing[workers] / storing[1]:.2f}x"
                )


def code_only(engine: Engine, articles: list[Article]) -> float:
    """Seconds to code ``articles`` (results taken and dropped: no store)."""
    started = time.perf_counter()
    for _ in engine.code(iter(articles)):
        pass
    return time.perf_counter() - started


def _warm(engine: DaskEngine, warm_up: list[Article], workers: int) -> None:
    """Load the pipeline on every worker: one small partition pinned to each."""
    client = engine.client
    client.wait_for_workers(workers)
    futures = [
        client.submit(code_partition, warm_up, engine.settings, workers=[worker], pure=False)
        for worker in client.nthreads()
    ]
    client.gather(futures)


if __name__ == "__main__":
    main()
