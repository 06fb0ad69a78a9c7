"""The records eventwire produces: frozen dataclasses that are the output contract.

Every stage hands these records on; ``to_dict`` turns one into the JSON shape of
``CONTRACT.md`` (dates as ISO strings, tuples as lists).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Any, Literal

Modality = Literal["asserted", "alleged", "intended", "hypothetical", "negated"]
Precision = Literal["day", "month", "year"]

MODALITIES: tuple[Modality, ...] = ("asserted", "alleged", "intended", "hypothetical", "negated")


def text_hash(text: str) -> str:
    """A short, stable content hash of an article text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclasses.dataclass(frozen=True, slots=True)
class Article:
    """One article to code. ``id`` defaults to the hash of its text."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None  # where it was read from (file path, "<stdin>", URL)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_hash(self.text))


@dataclasses.dataclass(frozen=True, slots=True)
class ArticleRef:
    """What an event records of its article."""

    id: str
    title: str | None
    url: str | None
    published: dt.date | None

    @classmethod
    def of(cls, article: Article) -> ArticleRef:
        return cls(article.id, article.title, article.url, article.published)


@dataclasses.dataclass(frozen=True, slots=True)
class Entity:
    """An actor: a state, organisation, group or person, resolved to codes."""

    text: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    org: str | None = None  # acronym of an international organisation
    sector: str | None = None  # PLOVER sector (GOV, MIL, ...)
    cameo: str | None = None  # CAMEO actor code, e.g. RUSGOV
    start: int | None = None  # character offsets in the article text
    end: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int


@dataclasses.dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int
    end: int


@dataclasses.dataclass(frozen=True, slots=True)
class Cameo:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int


@dataclasses.dataclass(frozen=True, slots=True)
class Plover:
    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as precisely as the text says.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by ``precision``;
    ``earliest``/``latest`` bound the interval it stands for.
    """

    value: str | None = None
    precision: Precision | None = None
    text: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when, where and how certainly: one coded event."""

    id: str
    article: ArticleRef
    sentence: Sentence
    trigger: Trigger
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    cameo: Cameo
    plover: Plover
    modality: Modality
    attribution: Entity | None
    date: EventDate
    location: Place | None
    confidence: float


def event_id(article_id: str, trigger_start: int, cameo_code: str, actors: str, recipients: str) -> str:
    """A stable id: the same article text and the same event give the same id."""
    key = "|".join((article_id, str(trigger_start), cameo_code, actors, recipients))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """The JSON shape of a record (``CONTRACT.md``)."""
    result = _plain(record)
    assert isinstance(result, dict)
    return result
