"""One event per happening: when two articles report the same event, the store keeps one.

The rule. An event coded from an article merges into a stored event (becoming one more of its
mentions) when all of these hold:

1. the stored event has no mention from the same article (an article's own events stay apart);
2. the same dyad: the same set of actor codes and the same set of recipient codes (each entity
   counted by its CAMEO code, else its country, else its organisation, else its name);
3. the same CAMEO base code (the first three digits: ``0421`` and ``042`` match, ``042`` and ``043``
   do not);
4. dates within ``window_days``: the intervals the two dates stand for (a day, or a whole month
   for "in June"), each widened by ``window_days`` on both sides, overlap. An event whose date and
   article date are both unknown never merges;
5. compatible places: either has no place; or both name the same place (same geonames id, or
   the same name in the same country); or one is a whole country (no coordinates) that the other
   lies in. With ``same_place=True``, both must have the same place (or both none).

When several stored events qualify, the one with the smallest id takes the mention, so the
result does not depend on anything but the order articles are stored in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from eventwire.errors import ConfigError
from eventwire.records import Entity, Event, Place


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DedupRule:
    """When events from different articles merge (see the module docstring).

    Args:
        enabled: merge at all; when False, every coded event is stored as its own event.
        window_days: how many days apart two reports of one event may date it (0 to 366).
        same_place: require the same place, rather than compatible places.
    """

    enabled: bool = True
    window_days: int = 1
    same_place: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.window_days <= 366:
            raise ConfigError(f"window_days must be between 0 and 366, got {self.window_days}")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> DedupRule:
        """A rule from a mapping, rejecting keys that are not options of the rule."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(
                f"unknown dedup option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        return cls(**values)

    def widen(self, interval: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
        """An event's interval widened by the window: stored events that overlap it qualify."""
        window = dt.timedelta(days=self.window_days)
        return interval[0] - window, interval[1] + window

    def places_match(self, one: Place | None, other: Place | None) -> bool:
        """Whether two events' places allow them to be the same event."""
        if one is None or other is None:
            return one is other if self.same_place else True
        if one.geonameid is not None and one.geonameid == other.geonameid:
            return True
        same_country = one.country == other.country
        if same_country and one.name.casefold() == other.name.casefold():
            return True
        if self.same_place or not same_country or one.country is None:
            return False
        return _is_country(one) or _is_country(other)


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """A stored event an article's event might merge into."""

    id: str
    key: tuple[str, str, str]  # actor side, recipient side, base code
    interval: tuple[dt.date, dt.date]
    place: Place | None


def assign(
    events: Sequence[Event],
    candidates: Sequence[Candidate],
    rule: DedupRule,
    keys: Sequence[tuple[str, str, str]] | None = None,
) -> list[str | None]:
    """For each event of one article, the id of the stored event it merges into, or None (a new event).

    ``candidates`` are stored events sorted by id; each takes at most one mention from the article.
    ``keys``, when given, are the events' :func:`merge_key` (computed here otherwise).
    """
    taken: set[str] = set()
    targets: list[str | None] = []
    for index, event in enumerate(events):
        target = None
        span = interval(event)
        if rule.enabled and span is not None:
            low, high = rule.widen(span)
            key = keys[index] if keys is not None else merge_key(event)
            for candidate in candidates:
                if (
                    candidate.id not in taken
                    and candidate.key == key
                    and candidate.interval[0] <= high
                    and candidate.interval[1] >= low
                    and rule.places_match(candidate.place, event.location)
                ):
                    target = candidate.id
                    taken.add(target)
                    break
        targets.append(target)
    return targets


def merge_key(event: Event) -> tuple[str, str, str]:
    """What two events must share to merge: both sides of the dyad and the CAMEO base code."""
    return side_key(event.actor), side_key(event.recipient), base_code(event)


def entity_key(entity: Entity) -> str:
    """How an entity counts in a dyad: its CAMEO code, else country, else organisation, else sector.

    A party known only by its words ("the old fortress", "a police post") has no key: two reports of
    one attack that word its target differently still merge, as they did before such recipients were
    kept (the words differ from report to report; the codes of the other side and the event do not).
    """
    return entity.cameo or entity.country or entity.org or entity.sector or ""


def side_key(entities: tuple[Entity, ...]) -> str:
    """One side of a dyad: its entities' keys, sorted and distinct."""
    return " ".join(sorted({entity_key(e) for e in entities}))


def codes(entities: tuple[Entity, ...]) -> str:
    """Every code the entities of one side carry, space-delimited with a space at both ends (for search)."""
    found: set[str] = set()
    for entity in entities:
        found.update(c for c in (entity.country, entity.org, entity.cameo) if c)
    return f" {' '.join(sorted(found))} " if found else " "


def base_code(event: Event) -> str:
    """The CAMEO base code: the first three digits of the event code."""
    return event.cameo.code[:3]


def interval(event: Event) -> tuple[dt.date, dt.date] | None:
    """The days the event's date stands for; the article's date when the text gives none."""
    if event.date.earliest is not None:
        return event.date.earliest, event.date.latest or event.date.earliest
    if event.article.published is not None:
        return event.article.published, event.article.published
    return None


def _is_country(place: Place) -> bool:
    return place.lat is None and place.lon is None and place.geonameid is None
