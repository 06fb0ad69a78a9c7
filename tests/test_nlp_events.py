"""The event extractor on short sentences written for the test: triggers, roles, codes, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.api import Coder
from eventwire.records import Article, Event

PUBLISHED = dt.date(2024, 6, 18)  # a Tuesday


def _code(coder: Coder, text: str) -> list[Event]:
    return [e for _, events in coder.code([Article(text=text, published=PUBLISHED)]) for e in events]


def _summary(event: Event) -> tuple[str, str, str]:
    actors = "+".join(sorted(a.country or a.org or a.name for a in event.actor))
    recipients = "+".join(sorted(r.country or r.org or r.name for r in event.recipient))
    return actors, recipients, event.cameo.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine on Monday.", ("RUS", "UKR", "190")),
        ("Ukraine was attacked by Russia on Monday.", ("RUS", "UKR", "190")),
        ("The Indian prime minister arrived in Tokyo this morning.", ("IND", "JPN", "042")),
        ("Germany expelled four Russian diplomats.", ("DEU", "RUS", "166")),
        ("The United States imposed sanctions on Iran.", ("USA", "IRN", "163")),
        ("Japan and Australia signed a defence treaty with the Philippines.", ("AUS+JPN", "PHL", "057")),
        ("France vowed to send humanitarian aid to Lebanon.", ("FRA", "LBN", "0333")),
        ("Iran threatened to attack Israel.", ("IRN", "ISR", "1384")),
        ("Egypt is suspected to have shipped rockets to Libya.", ("EGY", "LBY", "062")),
        ("Turkey's visit to Greece was brief.", ("TUR", "GRC", "042")),
        ("China condemned the Philippines.", ("CHN", "PHL", "111")),
    ],
)
def test_events_dyad_and_code(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    summaries = [_summary(e) for e in _code(coder, text)]
    assert expected in summaries, summaries


def test_events_frame_consumes_the_embedded_verb(coder: Coder) -> None:
    events = _code(coder, "France vowed to send humanitarian aid to Lebanon.")
    assert [e.cameo.code for e in events] == ["0333"]


def test_events_modality_and_attribution(coder: Coder) -> None:
    events = _code(coder, "The Kremlin said that Russia will sign a treaty with Belarus.")
    [signing] = [e for e in events if e.trigger.text == "sign"]
    assert signing.cameo.root == "03"  # a signing told as intended is an intent to cooperate
    assert signing.modality == "intended"
    assert signing.attribution is not None and signing.attribution.country == "RUS"


def test_events_dates_resolve_against_publication(coder: Coder) -> None:
    [event] = [e for e in _code(coder, "Back in September, Japan sent aid to Nepal.") if e.cameo.root == "07"]
    assert (event.date.value, event.date.precision) == ("2023-09", "month")


def test_events_without_a_date_take_the_publication_day(coder: Coder) -> None:
    [event] = _code(coder, "Russia attacked Ukraine.")
    assert event.date.value == "2024-06-18" and event.date.text is None


def test_events_location_from_a_locative_phrase(coder: Coder) -> None:
    [event] = _code(coder, "The Indian prime minister arrived in Tokyo this morning.")
    assert event.location is not None and event.location.country == "JPN"
    assert event.location.lat is not None and event.location.geonameid is not None


def test_events_no_event_without_an_actor(coder: Coder) -> None:
    assert _code(coder, "The weather attacked the crops.") == []


def test_events_ids_are_stable(coder: Coder) -> None:
    text = "Russia attacked Ukraine on Monday."
    assert [e.id for e in _code(coder, text)] == [e.id for e in _code(coder, text)]
