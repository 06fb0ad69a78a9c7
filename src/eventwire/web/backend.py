"""What the web application serves from: its settings, and one store used by one request at a time."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from eventwire.config import Settings
from eventwire.errors import ConfigError, InputError
from eventwire.records import Article
from eventwire.store import Quarantined, Store
from eventwire.store.batch import Engine, Tally, ingest

T = TypeVar("T")

DEFAULT_MAX_BODY = 2 * 1024 * 1024  # bytes of a request body


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class WebSettings:
    """How the web application runs.

    Args:
        token: the bearer token that writes need; None disables writes.
        max_body: the largest request body accepted, in bytes.
        max_page: the most events or articles one request returns.
        fetch_urls: whether ingest may fetch the pages of URLs it is given.
    """

    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    max_page: int = 1000
    fetch_urls: bool = True

    def __post_init__(self) -> None:
        if self.max_body < 1:
            raise ConfigError(f"max_body must be >= 1, got {self.max_body}")
        if self.max_page < 1:
            raise ConfigError(f"max_page must be >= 1, got {self.max_page}")
        if self.token is not None and not self.token.strip():
            raise ConfigError("the token must not be blank")

    def __repr__(self) -> str:  # keeps the token out of logs and tracebacks
        return f"WebSettings(token={'***' if self.token else None}, max_body={self.max_body})"


@dataclasses.dataclass(slots=True)
class IngestResult:
    """What one ingest request did."""

    tally: Tally
    articles: list[str]  # ids of the articles read, stored or already there
    quarantined: list[Quarantined]


class Backend:
    """One store shared by the requests of a server, used by one of them at a time.

    Args:
        store: the open store (closed by :meth:`close`).
        engine: codes articles for ingest; default: the local pipeline in this process, loaded at
            the first ingest.
    """

    def __init__(self, store: Store, *, engine: Engine | None = None) -> None:
        self.store = store
        self._engine = engine
        self._lock = threading.Lock()

    def read(self, query: Callable[[Store], T]) -> T:
        """The result of ``query`` over the store, run while no other request uses it."""
        with self._lock:
            return query(self.store)

    def ingest(self, items: Iterable[Article | InputError]) -> IngestResult:
        """Code and store articles (see :func:`eventwire.store.batch.ingest`)."""
        seen: list[str] = []
        quarantined: list[Quarantined] = []

        def noted() -> Iterable[Article | InputError]:
            for item in items:
                if isinstance(item, Article):
                    seen.append(item.id)
                yield item

        with self._lock:
            tally = ingest(noted(), self.store, self.engine, on_quarantine=quarantined.append)
        return IngestResult(tally, seen, quarantined)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from eventwire.dist.local import LocalEngine

            self._engine = LocalEngine(Settings.from_env(n_process=1))
        return self._engine

    def close(self) -> None:
        with self._lock:
            self.store.close()
