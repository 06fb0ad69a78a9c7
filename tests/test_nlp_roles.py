"""Recipients as whole noun phrases (eventwire.nlp.recipients, eventwire.nlp.actor_extent), on
sentences written for the test: resolved actors spread over the phrase acted on, unresolved things
and people kept with their words only, and mutual events."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from eventwire.api import Coder
from eventwire.nlp.actor_extent import whole_phrase
from eventwire.nlp.recipients import is_mutual
from eventwire.records import Article, Entity, Event

PUBLISHED = dt.date(2024, 6, 18)


def _events(coder: Coder, text: str) -> list[Event]:
    return [e for _, events in coder.code([Article(text=text, published=PUBLISHED)]) for e in events]


def _recipients(coder: Coder, text: str, trigger: str) -> tuple[Entity, ...]:
    events = [e for e in _events(coder, text) if e.trigger.text == trigger]
    assert events, [e.trigger.text for e in _events(coder, text)]
    return events[0].recipient


def _codes(entity: Entity) -> tuple[str | None, str | None, str | None, str | None]:
    return entity.country, entity.org, entity.sector, entity.cameo


@pytest.mark.parametrize(
    ("text", "trigger", "phrase", "country"),
    [
        # a possessor: the phrase is what the trigger acts on, the codes are the possessor's
        (
            "The Dutch court rejected the Belgian government's appeal.",
            "rejected",
            "the Belgian government's appeal",
            "BEL",
        ),
        # an "of" phrase: the depot of the army
        (
            "Rebels shelled a fuel depot of the Malian army.",
            "shelled",
            "a fuel depot of the Malian army",
            "MLI",
        ),
        # a recipient marker on a participle inside the object
        ("Norway lifted sanctions imposed on Belarus.", "lifted", "Belarus", "BLR"),
    ],
)
def test_resolved_recipient_spreads_over_its_phrase(
    coder: Coder, text: str, trigger: str, phrase: str, country: str
) -> None:
    (recipient,) = _recipients(coder, text, trigger)
    assert recipient.text == phrase
    assert recipient.country == country
    assert recipient.start is not None and recipient.end is not None
    assert text[recipient.start : recipient.end] == phrase


@pytest.mark.parametrize(
    ("text", "trigger", "phrase", "name"),
    [
        # a thing acted on that no table knows; the date closing the clause is no part of it
        ("Troops stormed the old fortress on Monday.", "stormed", "the old fortress", "old fortress"),
        # a participle belongs to the phrase; the name is the words up to the noun
        (
            "The senate rejected the draft budget proposed by the finance ministry.",
            "rejected",
            "the draft budget proposed by the finance ministry",
            "draft budget",
        ),
        # an acronym in brackets belongs to the name it follows
        (
            "The court banned the Northern Liberation Movement (NLM).",
            "banned",
            "the Northern Liberation Movement (NLM)",
            "Northern Liberation Movement",
        ),
        # the object of "provided" is the aid: the recipient is the "to" phrase
        ("Japan provided emergency food aid to flood victims.", "provided", "flood victims", "flood victims"),
    ],
)
def test_unresolved_recipient_keeps_its_words_only(
    coder: Coder, text: str, trigger: str, phrase: str, name: str
) -> None:
    (recipient,) = _recipients(coder, text, trigger)
    assert (recipient.text, recipient.name) == (phrase, name)
    assert _codes(recipient) == (None, None, None, None)
    assert recipient.start is not None and text[recipient.start : recipient.end] == phrase


@pytest.mark.parametrize(
    ("text", "trigger", "phrase"),
    [
        # a relative clause is no part of the phrase
        ("Gunmen killed a farmer who had refused to pay.", "killed", "a farmer"),
        # the charge of "accused X of" is the event's object, not part of the accused
        ("The army accused the rebel commander of war crimes.", "accused", "the rebel commander"),
        # a demanded release: who is to be released, not the release
        ("Activists demanded the release of the jailed journalists.", "demanded", "the jailed journalists"),
    ],
)
def test_recipient_phrase_stops_where_the_event_begins(
    coder: Coder, text: str, trigger: str, phrase: str
) -> None:
    (recipient,) = _recipients(coder, text, trigger)
    assert recipient.text == phrase


def test_mutual_event_makes_each_actor_the_others_recipient(coder: Coder) -> None:
    (event,) = _events(coder, "Peru and Chile signed a fisheries agreement.")
    assert [a.country for a in event.actor] == ["PER", "CHL"]
    assert [r.country for r in event.recipient] == ["PER", "CHL"]


def test_a_one_sided_act_done_together_is_not_mutual(coder: Coder) -> None:
    events = _events(coder, "Peru and Chile condemned the bombing of the embassy.")
    assert events
    assert all(r.country not in ("PER", "CHL") for e in events for r in e.recipient)


@pytest.mark.parametrize(
    ("code", "mutual"),
    [
        ("057", True),
        ("0314", True),
        ("0356", True),
        ("040", True),
        ("042", False),
        ("0333", False),
        ("190", False),
    ],
)
def test_mutual_codes_come_from_the_table(code: str, mutual: bool) -> None:
    assert is_mutual(code) is mutual


def test_unresolved_recipient_does_not_raise_confidence(coder: Coder) -> None:
    """The main event of a sentence does not change because a thing acted on was found."""
    (event,) = _events(coder, "Troops stormed the old fortress.")
    (party,) = _events(coder, "Troops stormed the Malian embassy.")
    assert event.recipient and party.recipient
    assert party.confidence - event.confidence == pytest.approx(0.15)


def test_whole_phrase_leaves_other_conjuncts_out(parser: Language) -> None:
    doc = parser("Rebels attacked a convoy and a bridge near the border.")
    convoy = next(t for t in doc if t.text == "convoy")
    start, end = whole_phrase(convoy)
    assert doc[start:end].text == "a convoy"
    bridge = next(t for t in doc if t.text == "bridge")
    start, end = whole_phrase(bridge)
    assert doc[start:end].text.startswith("a bridge")
