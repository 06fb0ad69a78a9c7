"""The local engine: code articles in worker processes on this machine, in input order.

Each worker codes whole batches (:func:`code_batch`, the per-batch function any engine runs) with a
pipeline loaded once. At most ``2 * workers`` batches are in flight, so memory stays flat however
many articles come; results come back in the order the articles went in.

Workers are *forked* from this process after it has loaded the pipeline, when that is safe (see
:func:`start_method`): they start at once and share the loaded pipeline's memory, as spaCy's own
``nlp.pipe(n_process=...)`` does. Otherwise they are *spawned* (fresh interpreters that each load
the pipeline), which shares nothing with a parent holding connections or running threads.
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import multiprocessing
import operator
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.reduction import ForkingPickler
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from eventwire import records
from eventwire.config import Settings
from eventwire.records import Article, Event
from eventwire.store.sql import open_stores

if TYPE_CHECKING:
    from eventwire.api import Coder

Coded = tuple[Article, list[Event]]
StartMethod = Literal["fork", "spawn"]
_PARENT_POLL = 0.5  # seconds between a worker's checks that its parent lives


def code_batch(articles: list[Article], settings: Settings) -> list[Coded]:
    """Code one batch of articles with the pipeline of ``settings`` (loaded once per process)."""
    return list(_coder(settings).code(articles))


def _coder(settings: Settings) -> Coder:
    from eventwire.api import cached_coder

    return cached_coder(dataclasses.replace(settings, n_process=1))


def start_method() -> StartMethod:
    """How to start workers here: ``fork`` where it is safe, else ``spawn``.

    Forking is safe on Linux when this process runs no other thread (a thread holding a lock at
    the fork would leave it held in the worker forever) and has no store open (DuckDB runs threads
    of its own, and a worker must not share the parent's database connection).
    """
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    if threading.active_count() > 1 or open_stores():
        return "spawn"
    return "fork"


class LocalEngine:
    """Codes articles with ``settings.n_process`` processes, ``settings.batch_size`` articles a batch.

    With one process the pipeline runs in this process; with more, in that many worker processes.
    Used as a context manager, the workers start on entering (open the engine *before* the store,
    so they can be forked) and serve every :meth:`code` call until the block ends; otherwise each
    call starts and stops its own.

    Args:
        settings: the pipeline's settings.
        start: ``fork`` or ``spawn`` the workers; None picks by :func:`start_method` when they start.
    """

    def __init__(self, settings: Settings, *, start: StartMethod | None = None) -> None:
        self.settings = settings
        self.start = start
        self.started_by: StartMethod | None = None  # how the running workers were started
        self._pool: ProcessPoolExecutor | None = None
        self._frozen = False  # whether this engine froze the collector (see _freeze)

    def __enter__(self) -> LocalEngine:
        if self.settings.n_process > 1 and self._pool is None:
            self._pool = self._start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (after the batches they are coding)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._thaw()

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """Code articles; yields each with its events, in input order."""
        if self.settings.n_process == 1:
            yield from _coder(self.settings).code(articles)
            return
        if self._pool is not None:
            yield from self._code(self._pool, articles)
            return
        self._pool = self._start()
        try:
            yield from self._code(self._pool, articles)
        finally:
            self.close()

    def _code(self, pool: ProcessPoolExecutor, articles: Iterable[Article]) -> Iterator[Coded]:
        workers = self.settings.n_process
        pending: deque[Future[list[Coded]]] = deque()
        try:
            for batch in batches(articles, self.settings.batch_size):
                pending.append(pool.submit(code_batch, batch, self.settings))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool:
            self._pool = None  # a worker died: the next call starts new ones
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            for future in pending:
                future.cancel()

    def _start(self) -> ProcessPoolExecutor:
        method = self.start or start_method()
        if method == "fork":
            _coder(self.settings)  # loaded here, once: the forked workers inherit it
            self._frozen = _freeze()
        try:
            pool = ProcessPoolExecutor(
                max_workers=self.settings.n_process,
                mp_context=multiprocessing.get_context(method),
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
            if method == "fork":
                pool.submit(os.getpid).result()  # forks every worker now, before any thread starts
        except BaseException:
            self._thaw()
            raise
        self.started_by = method
        return pool

    def _thaw(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


def _freeze() -> bool:
    """Before forking: leave every object this process holds (the pipeline above all) out of the
    collector's passes, in the workers (whose collectors then leave the pages they share with this
    process alone) and in this process while the workers run (which then does not walk the pipeline
    each time unpacking results sets off a full collection). Returns whether the engine should undo
    it when it stops; not when something else had frozen objects already (its choice is kept)."""
    own = gc.get_freeze_count() == 0
    gc.collect()
    gc.freeze()
    return own


def _compact(cls: type[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """How a record pickles on its way between processes: its class and field values, rebuilt by
    calling the class (a frozen dataclass with slots otherwise pickles its fields as a list that a
    Python loop sets one by one on unpickling: several times slower, for the same record)."""
    values = operator.attrgetter(*(field.name for field in dataclasses.fields(cls)))
    return lambda record: (cls, values(record))


for _record in (
    records.Article, records.ArticleRef, records.Entity, records.Sentence, records.Trigger,
    records.Cameo, records.Plover, records.EventDate, records.Place, records.Event,
):  # fmt: skip
    ForkingPickler.register(_record, _compact(_record))


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the parent process is gone (killed, say), rather than linger."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
