"""Events as PLOVER JSON lines, in the spirit of the PLOVER/POLECAT event record.

Each line is one event; ``data/plover_event.schema.json`` describes the lines (JSON Schema 2020-12).
``quad_code`` is the CAMEO quad class on PLOVER's scale (-2 material conflict, -1 verbal conflict,
1 verbal cooperation, 2 material cooperation) and ``event_scale`` the Goldstein score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TextIO

from eventwire.export.jsonl import write_json_lines
from eventwire.records import Entity, Event, Place

PLOVER_QUAD_CODES: Mapping[int, int] = MappingProxyType({1: 1, 2: 2, 3: -1, 4: -2})


def write(events: Iterable[Event], out: TextIO) -> int:
    """Write one PLOVER JSON object per event.

    Args:
        events: the events to write.
        out: a text stream.

    Returns:
        The number of lines written.
    """
    return write_json_lines((record(event) for event in events), out)


def record(event: Event) -> dict[str, Any]:
    """The PLOVER record of one event."""
    return {
        "id": event.id,
        "date": event.date.value,
        "actor": [_actor(e) for e in event.actor],
        "recipient": [_actor(e) for e in event.recipient],
        "event": event.plover.event,
        "mode": event.plover.mode,
        "context": list(event.plover.context),
        "event_text": event.trigger.text,
        "quad_code": PLOVER_QUAD_CODES[event.cameo.quad_class],
        "event_scale": event.cameo.goldstein,
        "modality": event.modality,
        "location": _location(event.location),
        "text": event.sentence.text,
        "text_info": {
            "article_id": event.article.id,
            "title": event.article.title,
            "url": event.article.url,
            "published": event.article.published.isoformat() if event.article.published else None,
            "sentence_start": event.sentence.start,
            "sentence_end": event.sentence.end,
        },
    }


def _actor(entity: Entity) -> dict[str, str | None]:
    return {
        "name": entity.name,
        "country": entity.country,
        "sector": entity.sector,
        "org": entity.org,
        "code": entity.cameo,
    }


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
    }
