"""The local engine: code articles in worker processes on this machine, in input order.

Each worker loads the pipeline once and codes whole batches (:func:`code_batch`, the per-batch
function any engine runs). At most ``2 * workers`` batches are in flight, so memory stays flat
however many articles come; results come back in the order the articles went in.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from eventwire.config import Settings
from eventwire.records import Article, Event

if TYPE_CHECKING:
    from eventwire.api import Coder

Coded = tuple[Article, list[Event]]
_PARENT_POLL = 0.5  # seconds between a worker's checks that its parent lives


def code_batch(articles: list[Article], settings: Settings) -> list[Coded]:
    """Code one batch of articles with the pipeline of ``settings`` (loaded once per process)."""
    return list(_coder(settings).code(articles))


def _coder(settings: Settings) -> Coder:
    from eventwire.api import cached_coder

    return cached_coder(dataclasses.replace(settings, n_process=1))


class LocalEngine:
    """Codes articles with ``settings.n_process`` processes, ``settings.batch_size`` articles a batch.

    With one process the pipeline runs in this process; with more, in that many worker processes
    (started fresh, so they share nothing with a parent that holds open files or connections).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """Code articles; yields each with its events, in input order."""
        if self.settings.n_process == 1:
            yield from _coder(self.settings).code(articles)
            return
        workers = self.settings.n_process
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
        )
        pending: deque[Future[list[Coded]]] = deque()
        try:
            for batch in batches(articles, self.settings.batch_size):
                pending.append(pool.submit(code_batch, batch, self.settings))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


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
