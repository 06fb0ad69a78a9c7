"""Batch ingestion: read, screen, code and store articles, each with its events in one transaction.

Idempotent and resumable: an article whose text is stored already is passed over before it is
coded, so running the same batch again, or again after it was killed, stores only what is missing.
Bad inputs are quarantined with their reason and never stop the batch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from eventwire.errors import InputError
from eventwire.ingest.language import foreign_language
from eventwire.ingest.web import is_url
from eventwire.records import Article, Event
from eventwire.store.base import Quarantined, Store
from eventwire.store.sql import content_hash

T = TypeVar("T")


class Engine(Protocol):
    """Codes articles, yielding each with its events in input order."""

    def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclasses.dataclass(slots=True)
class Tally:
    """What a batch did so far."""

    stored: int = 0
    events: int = 0
    skipped: int = 0  # already stored
    quarantined: int = 0

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.quarantined


def quarantine_kind(reason: str) -> str:
    """The kind of a bad input from the reason it could not be read: empty or unreadable."""
    lowered = reason.lower()
    return "empty" if "empty" in lowered or "no article text" in lowered else "unreadable"


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    engine: Engine,
    *,
    on_progress: Callable[[Tally], object] | None = None,
    on_quarantine: Callable[[Quarantined], object] | None = None,
    batch_size: int = 32,
) -> Tally:
    """Code and store articles; quarantine bad inputs and text that is not English.

    Args:
        items: articles and the errors of inputs that could not be read (as ``read_sources`` gives).
        store: where the articles, events and quarantined inputs go.
        engine: codes the articles.
        on_progress: called after each article or input is dealt with.
        on_quarantine: called with each input put in quarantine.
        batch_size: at most this many coded articles are written in one transaction (each article
            whole, with its events). They are written as soon as the engine asks for more input, so
            none waits on input that is slow to come (a feed being followed).

    Returns:
        The counts of articles stored, passed over and quarantined, and of events stored.
    """
    tally = Tally()
    in_flight: set[str] = set()
    coded: list[tuple[Article, list[Event]]] = []

    def report() -> None:
        if on_progress is not None:
            on_progress(tally)

    def put_aside(item: Quarantined) -> None:
        store.quarantine(item)
        tally.quarantined += 1
        if on_quarantine is not None:
            on_quarantine(item)
        report()

    def write() -> None:
        if not coded:
            return
        for (article, events), stored in zip(coded, store.add_articles(coded), strict=True):
            if stored:
                tally.stored += 1
                tally.events += len(events)
            else:
                tally.skipped += 1
            in_flight.discard(content_hash(article.text))
            report()
        coded.clear()

    def admitted() -> Iterator[Article]:
        for item in _written_between(items, write):
            if isinstance(item, InputError):
                put_aside(Quarantined(item.path, item.line, quarantine_kind(item.reason), item.reason))
                continue
            key = content_hash(item.text)
            if key in in_flight or store.has_article(key):
                tally.skipped += 1
                report()
                continue
            language = foreign_language(item.text)
            if language is not None:
                source, line = _where(item)
                reason = f"not English (detected '{language.code}', p={language.probability:.2f})"
                put_aside(Quarantined(source, line, "not-english", reason))
                continue
            in_flight.add(key)
            yield item

    for article, events in engine.code(admitted()):
        coded.append((article, events))
        if len(coded) >= batch_size:
            write()
    write()
    return tally


def _written_between(items: Iterable[T], write: Callable[[], None]) -> Iterator[T]:
    """The items, calling ``write`` before each is read (and after the last)."""
    iterator = iter(items)
    while True:
        write()
        try:
            item = next(iterator)
        except StopIteration:
            return
        yield item


def _where(article: Article) -> tuple[str, int | None]:
    source = article.source or article.url or article.id
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit() and not is_url(source):
        return path, int(line)
    return source, None
