"""The Dask engine: a local cluster on 127.0.0.1 stores exactly what one process stores, even when a worker dies."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from eventwire.api import cached_coder
from eventwire.cli import app
from eventwire.config import Settings
from eventwire.dist import parquet
from eventwire.dist.dask import LOCAL_HOST, DaskEngine
from eventwire.dist.local import LocalEngine
from eventwire.errors import EngineError
from eventwire.records import Article
from eventwire.store import open_store
from eventwire.store.base import Store
from eventwire.store.batch import Engine, Tally, ingest
from eventwire.store.codec import dumps
from tests.storekit import article, make_event

SUBJECTS = [
    "Russia", "Ukraine", "France", "China", "Iran", "Israel", "Germany", "Japan", "Brazil", "Egypt",
    "the United Nations", "NATO", "Turkey", "Kenya", "Poland",
]  # fmt: skip
ACTS = [
    "attacked", "visited", "criticized", "praised", "threatened", "accused", "met with", "condemned",
    "sent aid to", "imposed sanctions on", "held talks with", "signed an agreement with",
]  # fmt: skip
WHEN = ["on Monday", "on Tuesday", "last week", "in March", "this evening"]
WHERE = ["in Geneva", "near the border", "in Cairo", "at the summit"]
ASIDES = [
    "Officials said more meetings were planned.",
    "The ministry declined to comment.",
    "Analysts expected the dispute to last for months.",
]
ARTICLES = 300
PARTITION = 16  # articles per partition: 19 partitions over two workers


def corpus(count: int = ARTICLES) -> list[Article]:
    """``count`` short, different articles combined from the sentence parts above."""
    articles = []
    for n in range(count):
        k = n * 7919 + 13
        actor, other = SUBJECTS[k % 15], SUBJECTS[(k // 15 + 1 + k % 14) % 15]
        if actor == other:
            other = SUBJECTS[(k + 1) % 15]
        act, when, where = ACTS[(k // 3) % 12], WHEN[(k // 5) % 5], WHERE[(k // 11) % 4]
        lead = f"{actor[0].upper()}{actor[1:]} {act} {other} {where} {when}, dispatch {n} reported."
        articles.append(Article(text=f"{lead} {ASIDES[n % 3]}", published=dt.date(2024, 6, 18)))
    return articles


Snapshot = tuple[tuple[int, int, int], list[tuple[str, tuple[object, ...], int, int, int]]]


def snapshot(store: Store) -> Snapshot:
    """Everything stored: the counts, and each event with its mentions and GDELT counts."""
    counts = store.counts()
    events = [
        (dumps(s.event), s.mentions, s.num_mentions, s.num_sources, s.num_articles) for s in store.events()
    ]
    return (counts.articles, counts.events, counts.mentions), events


def ingest_into(path: Path, engine: Engine, **options: object) -> Snapshot:
    store = open_store(str(path))
    try:
        tally = ingest(corpus(), store, engine, **options)  # type: ignore[arg-type]
        assert tally.stored == ARTICLES
        return snapshot(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """The corpus ingested by the local engine in this process: the reference."""
    settings = Settings.from_env(n_process=1, batch_size=PARTITION)
    expected = ingest_into(tmp_path_factory.mktemp("one") / "one.duckdb", LocalEngine(settings))
    assert expected[0][0] == ARTICLES and expected[0][1] > ARTICLES // 2  # the corpus codes events
    return expected


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A cluster of two worker processes on 127.0.0.1, as ``dask scheduler`` + ``dask worker`` would run."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host=LOCAL_HOST,
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as local:
        yield local


def test_dist_dask_parquet_partition_round_trips(tmp_path: Path) -> None:
    first = article("Russia attacked Ukraine on Monday.", url="https://a.example/1")
    first = Article(first.text, title="Strikes", url=first.url, published=dt.date(2024, 6, 17), source="x:3")
    quiet = article("Nothing happened in Geneva today.")
    coded = [
        (first, [make_event(first, day=dt.date(2024, 6, 17)), make_event(first, code="112")]),
        (quiet, []),
    ]
    path = parquet.stage(parquet.to_parquet(coded), tmp_path / "part-000000.parquet")
    assert parquet.read(path) == coded
    assert [p.name for p in tmp_path.iterdir()] == ["part-000000.parquet"]  # nothing half-written left
    assert parquet.read(parquet.stage(parquet.to_parquet([]), tmp_path / "empty.parquet")) == []


def test_dist_dask_local_cluster_stores_single_process_events(
    single_process: Snapshot, tmp_path: Path
) -> None:
    settings = Settings.from_env(n_process=2, batch_size=PARTITION)
    with DaskEngine(settings) as engine:
        info = engine.client.scheduler_info()
        addresses = [info["address"], *info["workers"]]
        assert len(info["workers"]) == 2
        assert all(a.startswith(f"tcp://{LOCAL_HOST}:") for a in addresses), addresses
        got = ingest_into(tmp_path / "dask.duckdb", engine)
        loads = engine.client.run(cached_coder.cache_info)
    assert got == single_process
    # each worker coded partitions and loaded the pipeline once for all of them
    assert sorted((i.misses, i.hits > 0) for i in loads.values()) == [(1, True), (1, True)]


def test_dist_dask_worker_killed_midway_loses_and_repeats_nothing(
    single_process: Snapshot, cluster: LocalCluster, tmp_path: Path
) -> None:
    watcher = Client(cluster, set_as_default=False)
    killed: list[tuple[str, int, int]] = []  # (worker, its pid, partitions it held)

    def kill_a_busy_worker(tally: Tally) -> None:
        if killed or tally.stored < PARTITION:
            return
        busy = {w: tasks for w, tasks in watcher.processing().items() if tasks}
        if not busy:
            return
        worker, tasks = next(iter(busy.items()))
        pid = watcher.run(os.getpid, workers=[worker])[worker]
        killed.append((worker, pid, len(tasks)))
        os.kill(pid, signal.SIGKILL)

    try:
        before = set(watcher.run(os.getpid).values())
        settings = Settings.from_env(n_process=2, batch_size=PARTITION)
        with DaskEngine(settings, scheduler=cluster.scheduler_address) as engine:
            got = ingest_into(tmp_path / "killed.duckdb", engine, on_progress=kill_a_busy_worker)
        watcher.wait_for_workers(2, timeout=60)
        after = set(watcher.run(os.getpid).values())
    finally:
        watcher.close()
    assert len(killed) == 1 and killed[0][2] >= 1, "no worker was killed while it coded a partition"
    assert killed[0][1] in before and killed[0][1] not in after  # the nanny started a new worker
    runs = Counter(
        t.key
        for t in cluster.scheduler.transition_log
        if t.finish == "processing" and "partition" in str(t.key)
    )
    assert max(runs.values()) >= 2, "no partition was run again after the worker died"
    assert got == single_process


def test_dist_dask_cli_ingest_with_scheduler(cluster: LocalCluster, tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    items = [{"text": a.text, "published": "2024-06-18"} for a in corpus(40)]
    source.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    runner = CliRunner()
    stores = {}
    for name, options in (
        ("local", ["--workers", "1"]),
        ("dask", ["--engine", "dask", "--scheduler", cluster.scheduler_address]),
    ):
        target = str(tmp_path / f"{name}.duckdb")
        result = runner.invoke(app, ["ingest", str(source), "--store", target, "--batch-size", "8", *options])
        assert result.exit_code == 0, result.output
        store = open_store(target)
        stores[name] = snapshot(store)
        store.close()
    assert stores["dask"] == stores["local"]
    assert stores["dask"][0][0] == 40


def test_dist_dask_scheduler_needs_dask_engine(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Russia attacked Ukraine.", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(source), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def test_dist_dask_unreachable_scheduler_is_an_engine_error() -> None:
    engine = DaskEngine(Settings(), scheduler="tcp://127.0.0.1:9")  # the discard port: nothing listens
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(EngineError) as caught:
        engine.__enter__()
    assert caught.value.code == "E300" and "tcp://127.0.0.1:9" in caught.value.message
