"""The Dask engine: code articles on a Dask cluster, with the same per-batch function as the local engine.

Articles go out in partitions of ``settings.batch_size``. Each worker loads the pipeline once (the
per-process cache behind :func:`~eventwire.dist.local.code_batch`) and codes a partition with
``code_batch``, the function the local engine runs, so both engines give the same records. A coded
partition comes back as Parquet, is staged on this machine's disk atomically, and is read from there
and handed on (to the store, by :func:`eventwire.store.batch.ingest`) in input order, once.

Failures: a worker that dies mid-run (killed, out of memory, its machine gone) has the partitions it
held run again on another worker by the Dask scheduler (``distributed.scheduler.allowed-failures``
times, 3 by default). Coding a partition has no side effect, and each partition's result is taken
once, so nothing is lost or stored twice; the store's content-hash keys make a rerun idempotent too.

Without a scheduler address, a ``LocalCluster`` of ``settings.n_process`` worker processes (one
thread each) is started on this machine, bound to 127.0.0.1 only, with no dashboard.
"""

from __future__ import annotations

import tempfile
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from distributed import Client, Future, LocalCluster
from distributed.scheduler import KilledWorker

from eventwire.config import Settings
from eventwire.dist import parquet
from eventwire.dist.local import Coded, batches, code_batch
from eventwire.errors import EngineError
from eventwire.records import Article

LOCAL_HOST = "127.0.0.1"


def code_partition(articles: list[Article], settings: Settings) -> bytes:
    """On a worker: code one partition with ``code_batch``; returns it as Parquet bytes."""
    return parquet.to_parquet(code_batch(articles, settings))


class DaskEngine:
    """Codes articles on a Dask cluster: the one at ``scheduler``, or a local one of ``n_process`` workers.

    Use it as a context manager to keep one cluster for several calls of :meth:`code`; otherwise
    each call connects (or starts a local cluster) and closes it when done.

    Args:
        settings: the pipeline's settings; ``batch_size`` is the partition size, ``n_process`` the
            number of workers of a local cluster.
        scheduler: the address of a running Dask scheduler (``tcp://host:8786``); None starts a
            ``LocalCluster`` bound to 127.0.0.1.
        staging: the folder where coded partitions are staged before they are handed on (default: a
            temporary folder, removed afterwards).
    """

    def __init__(
        self, settings: Settings, *, scheduler: str | None = None, staging: Path | None = None
    ) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.staging = staging
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None

    @property
    def client(self) -> Client:
        """The connected Dask client (inside ``with engine:``)."""
        if self._client is None:
            raise EngineError("the Dask engine is not open; use it inside 'with DaskEngine(...)'")
        return self._client

    def __enter__(self) -> DaskEngine:
        if self._client is not None:
            return self
        try:
            if self.scheduler is None:
                self._cluster = LocalCluster(
                    n_workers=self.settings.n_process,
                    threads_per_worker=1,
                    processes=True,
                    host=LOCAL_HOST,
                    dashboard_address=f"{LOCAL_HOST}:0",  # its health routes only: no dashboard
                    worker_dashboard_address=None,
                    scheduler_kwargs={"dashboard": False},
                )
                self._client = Client(self._cluster, set_as_default=False)
            else:
                self._client = Client(self.scheduler, set_as_default=False)
        except OSError as exc:  # TimeoutError included: no scheduler answered
            self.__exit__(None, None, None)
            where = self.scheduler or f"a local cluster on {LOCAL_HOST}"
            raise EngineError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
        except RuntimeError as exc:
            self.__exit__(None, None, None)
            raise EngineError(
                f"cannot start a local Dask cluster: {exc} (in a script, start it under "
                "'if __name__ == \"__main__\":', as its worker processes import the script)"
            ) from exc
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def code(self, articles: Iterable[Article]) -> Iterator[Coded]:
        """Code articles on the cluster; yields each with its events, in input order."""
        if self._client is not None:
            yield from self._code(self._client, articles)
            return
        with self:
            yield from self._code(self.client, articles)

    def _code(self, client: Client, articles: Iterable[Article]) -> Iterator[Coded]:
        run = uuid.uuid4().hex[:12]
        pending: deque[tuple[int, Future[bytes]]] = deque()
        with tempfile.TemporaryDirectory(prefix="eventwire-dask-", dir=self.staging) as folder:
            staging = Path(folder)
            try:
                for number, batch in enumerate(batches(articles, self.settings.batch_size)):
                    future = client.submit(
                        code_partition,
                        batch,
                        self.settings,
                        key=f"eventwire-partition-{run}-{number}",
                        priority=-number,  # earlier partitions first: results are handed on in order
                        pure=False,
                    )
                    pending.append((number, future))
                    while len(pending) >= _window(client):
                        yield from _take(*pending.popleft(), staging)
                while pending:
                    yield from _take(*pending.popleft(), staging)
            finally:
                for _, future in pending:
                    future.cancel()


def _take(number: int, future: Future[bytes], staging: Path) -> Iterator[Coded]:
    """Stage one partition's result, hand its articles on, then remove it."""
    try:
        data = future.result()
    except KilledWorker as exc:
        raise EngineError(f"partition {number} killed every worker that coded it: {exc}") from exc
    finally:
        future.release()
    path = parquet.stage(data, staging / f"part-{number:06d}.parquet")
    yield from parquet.read(path)
    path.unlink()


def _window(client: Client) -> int:
    """How many partitions may be in flight: two for each worker thread, so none waits for work."""
    threads: dict[str, int] = client.nthreads()
    return 2 * max(1, sum(threads.values()))
