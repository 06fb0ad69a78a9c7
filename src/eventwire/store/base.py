"""What a store holds and answers: its records, its query, and the protocol every back end follows.

A store keeps articles (keyed by the hash of their text), events (one per happening, merged across
articles by :mod:`eventwire.store.dedup`), the mentions that report each event, and the inputs that
could not be coded (the quarantine).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Literal, Protocol

from eventwire.errors import ConfigError
from eventwire.records import Article, Event, Modality

Period = Literal["week", "month"]


@dataclasses.dataclass(frozen=True, slots=True)
class Mention:
    """One report of a stored event: where an article tells it, and how certainly."""

    article: str  # the article's id
    sentence: int
    start: int  # character offsets of the sentence in the article text
    end: int
    modality: Modality
    confidence: float


@dataclasses.dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: the record of its first report, all its mentions and GDELT-style counts."""

    event: Event
    mentions: tuple[Mention, ...]
    num_mentions: int
    num_sources: int
    num_articles: int


@dataclasses.dataclass(frozen=True, slots=True)
class Quarantined:
    """An input that was not coded, and why."""

    source: str
    line: int | None
    kind: str  # unreadable, empty, not-english
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class DyadCount:
    """Events of a dyad in one period and quad class."""

    period: dt.date  # first day of the week (Monday) or month
    quad_class: int
    events: int
    mean_goldstein: float


@dataclasses.dataclass(frozen=True, slots=True)
class PairCount:
    """Events from one side to another (each side as its dedup key: codes between single spaces)."""

    actor: str
    recipient: str  # empty when the events have no recipient
    events: int
    cooperative: int  # events of quad classes 1 and 2
    conflictual: int  # events of quad classes 3 and 4
    mean_goldstein: float


@dataclasses.dataclass(frozen=True, slots=True)
class PlaceCount:
    """Events at one place."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    events: int
    mean_goldstein: float


@dataclasses.dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored; ``text`` is None for articles stored before texts were kept."""

    id: str
    hash: str  # SHA-256 of the text: the store's key
    title: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    outlet: str
    words: int
    events: int
    text: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Filters over stored events; codes match any actor's country, organisation or CAMEO code.

    Args:
        actor: a code one of the actors carries (``RUS``, ``RUSGOV``, ``UN``).
        recipient: a code one of the recipients carries.
        code: a CAMEO code; an event matches when its code starts with it (``19`` or ``190``).
        root: a CAMEO root code (two digits).
        plover: a PLOVER event type.
        modality: the modality of the event's first report.
        since: the event's day is on or after this date.
        until: the event's day is on or before this date.
        text: words one of the event's sentences contains (case-insensitive).
        limit: at most this many events.
    """

    actor: str | None = None
    recipient: str | None = None
    code: str | None = None
    root: str | None = None
    plover: str | None = None
    modality: Modality | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise ConfigError(f"limit must be >= 0, got {self.limit}")
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"since ({self.since}) is after until ({self.until})")


@dataclasses.dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    events: int
    mentions: int
    quarantined: int


class Store(Protocol):
    """The interface of every store back end (DuckDB, PostgreSQL)."""

    location: str

    def has_article(self, text_hash: str) -> bool:
        """Whether an article with this content hash is stored."""

    def add_article(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article and its events in one transaction; False if it was already stored."""

    def add_articles(self, batch: Sequence[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Store articles and their events in one transaction, exactly as ``add_article`` would one by
        one in order (events merge with those of earlier articles of the batch); for each, whether it
        was stored (False: its text was stored already, or earlier in the batch)."""

    def quarantine(self, item: Quarantined) -> bool:
        """Record an input that was not coded; False if it was already recorded."""

    def events(self, query: EventQuery | None = None) -> Iterator[StoredEvent]:
        """Stored events matching ``query``, by day then id."""

    def quarantined(self) -> list[Quarantined]:
        """The quarantined inputs, by source and line."""

    def dyad(self, actor: str, recipient: str, *, period: Period = "month") -> list[DyadCount]:
        """Counts and mean Goldstein of a dyad's events per period and quad class."""

    def counts(self) -> StoreCounts:
        """How many articles, events, mentions and quarantined inputs are stored."""

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many stored events match ``query`` (its limit aside)."""

    def event(self, event_id: str) -> StoredEvent | None:
        """The stored event with this id, or None."""

    def article(self, article_id: str) -> StoredArticle | None:
        """The article with this id (or content hash), with its text; the latest stored if several."""

    def articles(self, *, limit: int = 20, offset: int = 0) -> list[StoredArticle]:
        """Stored articles, latest stored first, without their texts."""

    def article_events(self, text_hash: str) -> list[StoredEvent]:
        """The events an article (by content hash) reports, by day then id."""

    def timeline(self, *, period: Period = "month") -> list[DyadCount]:
        """Counts and mean Goldstein of all dated events per period and quad class."""

    def pairs(self) -> list[PairCount]:
        """Events per (actor side, recipient side), most events first."""

    def places(self) -> list[PlaceCount]:
        """Events per place, most events first."""

    def close(self) -> None:
        """Close the connection."""
