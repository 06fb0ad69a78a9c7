"""Hand-made articles and events for the store tests, and a stand-in coding engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from eventwire.records import (
    Article,
    ArticleRef,
    Cameo,
    Entity,
    Event,
    EventDate,
    Modality,
    Place,
    Plover,
    Sentence,
    Trigger,
    event_id,
)

COUNTRIES = {"RUS": "Russia", "UKR": "Ukraine", "FRA": "France", "CHN": "China", "IRN": "Iran"}
CODES = {
    "190": Cameo("190", "19", "Use conventional military force", -10.0, 4),
    "042": Cameo("042", "04", "Make a visit", 1.9, 1),
    "0421": Cameo("0421", "04", "Make a visit (official)", 1.9, 1),
    "043": Cameo("043", "04", "Host a visit", 2.8, 1),
    "112": Cameo("112", "11", "Accuse", -2.0, 3),
}
PLOVER = {"19": "ASSAULT", "04": "CONSULT", "11": "ACCUSE"}
KYIV = Place("Kyiv", "UKR", 50.45, 30.52, 703448)
UKRAINE = Place("Ukraine", "UKR")
PARIS = Place("Paris", "FRA", 48.85, 2.35, 2988507)


def entity(code: str) -> Entity:
    return Entity(COUNTRIES[code], COUNTRIES[code], country=code, sector=None, cameo=code)


def make_event(
    article: Article,
    *,
    actor: str = "RUS",
    recipient: str = "UKR",
    code: str = "190",
    day: dt.date | None = None,
    place: Place | None = None,
    modality: Modality = "asserted",
    offset: int = 0,
) -> Event:
    """One event of ``article`` (its whole text as the sentence), dated ``day`` if given."""
    cameo = CODES[code]
    date = EventDate(day.isoformat(), "day", None, day, day) if day else EventDate()
    return Event(
        id=event_id(article.id, offset, code, actor, recipient),
        article=ArticleRef.of(article),
        sentence=Sentence(0, article.text, 0, len(article.text)),
        trigger=Trigger(article.text.split()[1], offset, offset + 5),
        actor=(entity(actor),),
        recipient=(entity(recipient),),
        cameo=cameo,
        plover=Plover(PLOVER[cameo.root]),
        modality=modality,
        attribution=None,
        date=date,
        location=place,
        confidence=0.8,
    )


def article(text: str, *, url: str | None = None, published: dt.date | None = None) -> Article:
    return Article(text=text, url=url, published=published or dt.date(2024, 6, 18), source=url or "test")


class StandInEngine:
    """Codes each article as one RUS -> UKR assault on its publication date; counts what it codes."""

    def __init__(self) -> None:
        self.coded: list[Article] = []

    def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for item in articles:
            self.coded.append(item)
            yield item, [make_event(item)]
