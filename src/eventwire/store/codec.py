"""Event records to and from the JSON text a store keeps (the shape of ``records.to_dict``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, cast

from eventwire.records import (
    ArticleRef,
    Cameo,
    Entity,
    Event,
    EventDate,
    Modality,
    Place,
    Plover,
    Precision,
    Sentence,
    Trigger,
    to_dict,
)


def dumps(event: Event) -> str:
    """The JSON text of an event record."""
    return json.dumps(to_dict(event), ensure_ascii=False, sort_keys=True)


def loads(text: str) -> Event:
    """The event record of a JSON text made by :func:`dumps`."""
    data = json.loads(text)
    article = data["article"]
    date = data["date"]
    return Event(
        id=data["id"],
        article=ArticleRef(article["id"], article["title"], article["url"], _date(article["published"])),
        sentence=Sentence(**data["sentence"]),
        trigger=Trigger(**data["trigger"]),
        actor=tuple(Entity(**e) for e in data["actor"]),
        recipient=tuple(Entity(**e) for e in data["recipient"]),
        cameo=Cameo(**data["cameo"]),
        plover=Plover(data["plover"]["event"], data["plover"]["mode"], tuple(data["plover"]["context"])),
        modality=cast(Modality, data["modality"]),
        attribution=Entity(**data["attribution"]) if data["attribution"] else None,
        date=EventDate(
            value=date["value"],
            precision=cast("Precision | None", date["precision"]),
            text=date["text"],
            earliest=_date(date["earliest"]),
            latest=_date(date["latest"]),
        ),
        location=Place(**data["location"]) if data["location"] else None,
        confidence=float(data["confidence"]),
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
