"""End to end on the seed article (../shared/examples, published 2024-06-18): the foundation's acceptance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventwire.api import Coder
from eventwire.records import Article, Event
from tests.conftest import SEED, shared_file


@pytest.fixture(scope="module")
def seed_events(coder: Coder) -> list[Event]:
    text = shared_file(SEED).read_text(encoding="utf-8")
    article = Article(text=text, published=dt.date(2024, 6, 18))
    return [e for _, events in coder.code([article]) for e in events]


def _dyad(event: Event, actor: str, recipient: str) -> bool:
    return any(a.country == actor for a in event.actor) and any(
        r.country == recipient for r in event.recipient
    )


def _match(events: list[Event], test: Callable[[Event], bool]) -> list[Event]:
    return [e for e in events if test(e)]


EXPECTED: dict[str, Callable[[Event], bool]] = {
    "the visit, this evening": lambda e: (
        _dyad(e, "RUS", "PRK")
        and (e.cameo.root == "04" or e.plover.event == "CONSULT")
        and e.modality == "asserted"
        and e.date.value == "2024-06-18"
        and "Putin landed in North Korea this evening" in e.sentence.text
    ),
    "Kim's visit back in September": lambda e: (
        _dyad(e, "PRK", "RUS")
        and (e.cameo.root == "04" or e.plover.event == "CONSULT")
        and e.modality == "asserted"
        and e.date.value == "2023-09"
        and "Back in September" in e.sentence.text
    ),
    "the limousine in February": lambda e: (
        _dyad(e, "RUS", "PRK")
        and e.cameo.root in ("05", "06", "07")
        and e.modality == "asserted"
        and e.date.value == "2024-02"
    ),
    "shells, alleged": lambda e: (
        _dyad(e, "PRK", "RUS")
        and (e.cameo.root in ("06", "07") or e.plover.event in ("COOPERATE", "AID"))
        and e.modality == "alleged"
        and "suspected to have shipped" in e.sentence.text
    ),
    "cash and aid, alleged": lambda e: (
        _dyad(e, "RUS", "PRK")
        and (e.cameo.root == "07" or e.plover.event == "AID")
        and e.modality == "alleged"
        and "thought to be sending" in e.sentence.text
    ),
    "vowed to help, September": lambda e: (
        _dyad(e, "RUS", "PRK")
        and e.cameo.root == "03"
        and e.date.value == "2023-09"
        and "vowed to help" in e.sentence.text
    ),
    "the treaty, intended": lambda e: (
        _dyad(e, "RUS", "PRK")
        and (e.cameo.root in ("03", "05") or e.plover.event == "AGREE")
        and e.modality == "intended"
        and "strategic partnership treaty" in e.sentence.text
    ),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_seed_article_has_expected_event(seed_events: list[Event], name: str) -> None:
    assert _match(seed_events, EXPECTED[name]), f"no event for {name}"


def test_seed_article_scepticism_is_not_an_event_that_happened(seed_events: list[Event]) -> None:
    sceptical = [e for e in seed_events if "sceptical that Russia" in e.sentence.text]
    assert not [e for e in sceptical if e.cameo.root in ("06", "07") and e.modality == "asserted"]


def test_seed_article_treaty_is_attributed_to_ushakov(seed_events: list[Event]) -> None:
    treaty = _match(seed_events, EXPECTED["the treaty, intended"])
    assert any(e.attribution is not None and "Ushakov" in e.attribution.text for e in treaty)


def test_seed_article_evidence_offsets_point_into_the_text(seed_events: list[Event]) -> None:
    text = shared_file(SEED).read_text(encoding="utf-8")
    for event in seed_events:
        assert text[event.sentence.start : event.sentence.end] == event.sentence.text
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for entity in (*event.actor, *event.recipient):
            assert entity.start is not None and text[entity.start : entity.end] == entity.text
