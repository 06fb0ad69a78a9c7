"""Batch ingestion into the store: idempotence, quarantine, the DuckDB lock, and resuming after SIGKILL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.dist.local import LocalEngine
from eventwire.errors import InputError, StoreLockedError
from eventwire.ingest.sources import count_inputs, read_any
from eventwire.store import EventQuery, Store, open_store
from eventwire.store.batch import ingest
from eventwire.store.duckdb import DuckDBStore
from eventwire.store.sql import open_stores
from tests.storekit import StandInEngine, article, make_event

GERMAN = (
    "Die Bundesregierung hat am Montag in Berlin neue Sanktionen gegen Russland beschlossen. "
    "Der Kanzler sagte, man werde die Ukraine weiter unterstützen und die Lieferungen erhöhen."
)


def write_inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("Russia attacked Ukraine on Monday.\n", encoding="utf-8")
    (folder / "b.txt").write_text("France condemned the attack on Tuesday.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    (folder / "latin1.txt").write_bytes("Der Präsident sprach in Zürich.".encode("latin-1"))
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    lines = [
        json.dumps({"id": "j1", "text": "China hosted talks on Wednesday.", "published": "2024-06-19"}),
        "{not json",
        json.dumps({"id": "j3", "title": "no text"}),
    ]
    (folder / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_store_ingest_again_adds_nothing(fresh_store: Store, tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    engine = StandInEngine()
    first = ingest(read_any([str(inputs)]), fresh_store, engine)
    counts = fresh_store.counts()
    assert (first.stored, counts.articles, counts.events) == (3, 3, 3)

    again = StandInEngine()
    second = ingest(read_any([str(inputs)]), fresh_store, again)
    assert second.stored == 0
    assert second.skipped == 3
    assert again.coded == []  # stored articles are not even coded again
    assert fresh_store.counts() == counts


def test_store_same_text_from_two_sources_is_one_article(fresh_store: Store) -> None:
    one = article("Russia attacked Ukraine.", url="https://a.example/1")
    assert fresh_store.add_article(one, [make_event(one)]) is True
    copy = article("Russia attacked Ukraine.", url="https://b.example/2")
    assert fresh_store.add_article(copy, [make_event(copy)]) is False
    assert fresh_store.counts().articles == 1


def test_store_bad_inputs_quarantined_with_reasons(fresh_store: Store, tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    tally = ingest(read_any([str(inputs), str(tmp_path / "missing.txt")]), fresh_store, StandInEngine())
    assert tally.stored == 3
    found = {(Path(q.source).name, q.line): (q.kind, q.reason) for q in fresh_store.quarantined()}
    assert found[("empty.txt", None)] == ("empty", "empty file")
    assert found[("binary.txt", None)] == ("unreadable", "binary file, not text")
    assert found[("latin1.txt", 1)][0] == "unreadable"
    assert "not UTF-8" in found[("latin1.txt", 1)][1]
    assert found[("missing.txt", None)] == ("unreadable", "no such file or directory")
    assert found[("items.jsonl", 2)][0] == "unreadable"
    assert "malformed JSON" in found[("items.jsonl", 2)][1]
    assert found[("items.jsonl", 3)] == ("unreadable", "no 'text' field")
    kind, reason = found[("german.txt", None)]
    assert kind == "not-english"
    assert "'de'" in reason
    assert len(found) == 7 == tally.quarantined
    # Quarantining is idempotent too.
    ingest(read_any([str(inputs)]), fresh_store, StandInEngine())
    assert len(fresh_store.quarantined()) == 7


def test_store_count_inputs_counts_files_and_lines(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    assert count_inputs([str(inputs)]) == 9  # six files and three JSON lines
    assert count_inputs([str(inputs), "https://example.org/feed"]) is None


def test_store_duckdb_locked_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('ok', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreLockedError) as caught:
            DuckDBStore(path)
        assert str(path) in str(caught.value)
        assert f"process {holder.pid}" in str(caught.value)
        result = subprocess.run(
            [sys.executable, "-m", "eventwire", "events", "--store", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert f"the store {path} is in use by another process" in result.stderr
        assert result.stdout == ""
    finally:
        holder.communicate("")


def test_store_input_error_values_pass_through(fresh_store: Store) -> None:
    items = [InputError("feed.xml", "HTTP 404 Not Found"), article("Russia attacked Ukraine.")]
    tally = ingest(items, fresh_store, StandInEngine())
    assert (tally.stored, tally.quarantined) == (1, 1)
    assert fresh_store.quarantined()[0].reason == "HTTP 404 Not Found"


# Resuming after SIGKILL: the real pipeline in a subprocess.

SUBJECTS = ["Russia", "France", "China", "Iran", "Germany", "Japan"]
OBJECTS = ["Ukraine", "Poland", "India", "Brazil", "Egypt", "Kenya"]
VERBS = ["attacked", "visited", "criticized", "praised", "threatened", "accused"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus(count: int) -> list[dict[str, str]]:
    """Short articles of our own sentences, each different."""
    items = []
    for n in range(count):
        subject, obj = SUBJECTS[n % 6], OBJECTS[(n // 6) % 6]
        verb, day = VERBS[(n * 5) % 6], DAYS[n % 5]
        text = (
            f"{subject} {verb} {obj} on {day}, officials said in report number {n}. "
            f"{obj} {VERBS[(n + 2) % 6]} {subject} a day later. "
            f"The talks between {subject} and {obj} ended without agreement."
        )
        items.append({"id": f"a{n:03d}", "text": text, "published": "2024-06-18"})
    return items


def stored_articles(target: str) -> int:
    if target.startswith("postgresql://"):
        store = open_store(target)
        try:
            return store.counts().articles
        finally:
            store.close()
    wal = Path(target + ".wal")  # DuckDB is locked while written: its log grows with each commit
    return 1 if wal.exists() and wal.stat().st_size > 0 else 0


def ingest_command(source: Path, target: str, workers: int) -> list[str]:
    command = [sys.executable, "-m", "eventwire", "ingest", str(source), "--store", target]
    return [*command, "--batch-size", "2", "--workers", str(workers)]


def run_ingest(source: Path, target: str, workers: int) -> None:
    result = subprocess.run(
        ingest_command(source, target, workers), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def snapshot(target: str) -> tuple[int, list[tuple[str, int, int, tuple[tuple[str, int], ...]]]]:
    store = open_store(target)
    try:
        events = [
            (s.event.id, s.num_mentions, s.num_articles, tuple((m.article, m.sentence) for m in s.mentions))
            for s in store.events(EventQuery())
        ]
        return store.counts().articles, sorted(events)
    finally:
        store.close()


def test_store_sigkill_midway_then_rerun_equals_uninterrupted(store_target: str, tmp_path: Path) -> None:
    count = 150  # long enough a run that the kill lands midway, with workers that start at once
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps(item) + "\n" for item in corpus(count)), encoding="utf-8")
    reference = str(tmp_path / "reference.duckdb")
    run_ingest(source, reference, workers=1)
    expected = snapshot(reference)
    assert expected[0] == count and len(expected[1]) > count // 2  # the corpus codes events

    open_store(store_target).close()  # the tables exist before the run, so its log holds only articles
    killed = subprocess.Popen(
        ingest_command(source, store_target, workers=2), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while stored_articles(store_target) == 0 and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    partial = snapshot(store_target)
    assert 0 < partial[0] < count, f"not killed midway: {partial[0]} of {count} articles stored"

    run_ingest(source, store_target, workers=1)
    assert snapshot(store_target) == expected


def test_store_cli_ingest_starts_the_engine_before_it_opens_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the local engine can fork its workers: none may inherit the store's connection."""
    stores_open: list[int] = []
    start = LocalEngine._start

    def watched(engine: LocalEngine) -> ProcessPoolExecutor:
        stores_open.append(open_stores())
        return start(engine)

    monkeypatch.setattr(LocalEngine, "_start", watched)
    source = tmp_path / "a.txt"
    source.write_text("Russia attacked Ukraine on Monday.\n", encoding="utf-8")
    target = str(tmp_path / "store.duckdb")
    before = open_stores()
    result = CliRunner().invoke(app, ["ingest", str(source), "--store", target, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert stores_open == [before]
    assert snapshot(target)[0] == 1
