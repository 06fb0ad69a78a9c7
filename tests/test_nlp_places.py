from __future__ import annotations

from spacy.language import Language

from eventwire.nlp.places import default_gazetteer, locate


def test_places_city_resolves_with_coordinates() -> None:
    place = default_gazetteer().place("Kharkiv")
    assert place is not None and place.country == "UKR"
    assert place.lat is not None and 49 < place.lat < 51 and place.geonameid is not None


def test_places_country_resolves_to_its_code() -> None:
    place = default_gazetteer().place("the Netherlands")
    assert place is not None and place.country == "NLD" and place.lat is None


def test_places_unknown_name_is_none() -> None:
    assert default_gazetteer().place("Atlantis Prime") is None


def test_places_locative_phrase_of_the_trigger(parser: Language) -> None:
    doc = parser("The envoys met in Geneva on Friday.")
    met = next(t for t in doc if t.text == "met")
    place = locate(met, {})
    assert place is not None and place.name == "Geneva" and place.country == "CHE"


def test_places_a_possessor_known_as_an_actor_gives_the_country(parser: Language) -> None:
    doc = parser("The leader travelled to meet the president in Freedonia's far east.")
    meet = next(t for t in doc if t.text == "meet")
    freedonia = next(t for t in doc if t.text == "Freedonia")
    place = locate(meet, {freedonia.i: "FRD"})
    assert place is not None and place.country == "FRD"
