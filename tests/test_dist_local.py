"""The local engine: forked workers code what one process codes, start with the pipeline loaded, never
hold the store, and exit when their parent is killed; workers are spawned when forking is unsafe."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import pickle
import pickletools
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.dist.local import LocalEngine, start_method
from eventwire.records import Article, Entity, EventDate, Place
from eventwire.store import open_store
from eventwire.store.sql import open_stores
from tests.storekit import KYIV, article, make_event

# Run in a fresh interpreter: no thread and no store there, so the engine forks its workers.
PROBE = r"""
import gc, json, multiprocessing, os, sys
from eventwire.api import cached_coder
from eventwire.config import Settings
from eventwire.dist.local import LocalEngine, start_method
from eventwire.records import Article
from eventwire.store.batch import ingest
from eventwire.store.codec import dumps
from eventwire.store.duckdb import DuckDBStore

texts, folder = json.loads(sys.argv[1]), sys.argv[2]
articles = [Article(text=t, id=f"a{i}", published=None) for i, t in enumerate(texts)]


def loaded():  # in a worker: how many pipelines it holds
    return cached_coder.cache_info().currsize


def worker_files():
    found = set()
    for process in multiprocessing.active_children():
        for fd in os.listdir(f"/proc/{process.pid}/fd"):
            try:
                found.add(os.readlink(f"/proc/{process.pid}/fd/{fd}"))
            except OSError:
                pass
    return found


def stored(engine, name):
    store = DuckDBStore(os.path.join(folder, name))
    try:
        tally = ingest(iter(articles), store, engine)
        return tally.events, [dumps(s.event) for s in store.events()]
    finally:
        store.close()


report = {"method": start_method()}
with LocalEngine(Settings(n_process=2, batch_size=2)) as engine:
    report["started_by"] = engine.started_by
    report["frozen_while_running"] = gc.get_freeze_count() > 0
    report["loaded_in_workers"] = engine._pool.submit(loaded).result()
    two = stored(engine, "two.duckdb")
    report["store_in_workers"] = any(f.endswith("two.duckdb") for f in worker_files())
report["frozen_after"] = gc.get_freeze_count()
one = stored(LocalEngine(Settings(n_process=1, batch_size=2)), "one.duckdb")
report["same"] = two == one
report["events"] = one[0]
print(json.dumps(report))
"""

SLEEPER = r"""
import json, multiprocessing, sys, time
from eventwire.config import Settings
from eventwire.dist.local import LocalEngine
with LocalEngine(Settings(n_process=2), start=sys.argv[1]) as engine:
    busy = [engine._pool.submit(time.sleep, 60) for _ in range(2)]  # spawned workers start on demand
    print(json.dumps([p.pid for p in multiprocessing.active_children()]), flush=True)
    time.sleep(600)
"""

TEXTS = [
    "Russia attacked Ukraine on Monday, officials said.",
    "France condemned the attack on Tuesday.",
    "China hosted talks with Iran in Beijing on Wednesday.",
    "Germany sent aid to Poland last week.",
    "Japan criticized North Korea after the missile test.",
]


def test_dist_local_forked_workers_code_and_store_what_one_process_does(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(TEXTS), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["method"] == "fork"
    assert report["started_by"] == "fork"
    assert report["loaded_in_workers"] == 1  # inherited: loaded before any batch reached them
    assert report["events"] >= len(TEXTS)
    assert report["same"] is True
    assert report["store_in_workers"] is False  # forked before the store was opened
    assert report["frozen_while_running"] is True  # the collector leaves the pipeline alone meanwhile
    assert report["frozen_after"] == 0  # and gets it back when the engine stops


def test_dist_local_spawns_while_a_store_is_open(store_target: str) -> None:
    before = open_stores()
    store = open_store(store_target)
    try:
        assert open_stores() == before + 1
        assert start_method() == "spawn"
        with LocalEngine(Settings(n_process=2, batch_size=2)) as engine:
            assert engine.started_by == "spawn"
            coded = list(engine.code([article("Russia attacked Ukraine on Monday.")]))
        assert [a.text for a, _ in coded] == ["Russia attacked Ukraine on Monday."]
        assert coded[0][1]  # coded by a spawned worker
        assert store.counts().articles == 0
    finally:
        store.close()
    assert open_stores() == before


def test_dist_local_spawns_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_dist_local_workers_exit_when_the_parent_is_killed(start: str) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", SLEEPER, start], stdout=subprocess.PIPE, text=True
    ) as parent:
        try:
            assert parent.stdout is not None
            workers = json.loads(parent.stdout.readline())
            assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        finally:
            parent.send_signal(signal.SIGKILL)
            parent.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # not to leave them behind when the test fails
    assert left == []


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, exited but not yet reaped, does not)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def test_dist_local_records_cross_processes_compactly_and_whole() -> None:
    text = "Russia attacked Kyiv on Monday."
    base = make_event(article(text), day=dt.date(2024, 6, 17), place=KYIV)
    spokesman = Entity("a spokesman", "spokesman", country="RUS", start=0, end=11)
    event = dataclasses.replace(
        base,
        attribution=spokesman,
        date=EventDate("2024-06", "month", "in June", dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
        location=Place("Kyiv", "UKR"),
    )
    coded = [(Article(text=text, id="x", published=dt.date(2024, 6, 18), source="s:1"), [base, event])]
    data = bytes(ForkingPickler.dumps(coded))
    assert pickle.loads(data) == coded
    opcodes = {op.name for op, _, _ in pickletools.genops(data)}
    assert "BUILD" not in opcodes  # each record is rebuilt by calling its class, not field by field
