from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.nlp.modality import certainty


def _verb(parser: Language, text: str, verb: str):
    doc = parser(text)
    return next(t for t in doc if t.text == verb)


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("The army shelled the border town.", "shelled", "asserted"),
        ("The army did not shell the border town.", "shell", "negated"),
        ("Ruritania is suspected to have shipped rifles to the rebels.", "shipped", "alleged"),
        ("The ministry is thought to be sending grain to the island.", "sending", "alleged"),
        ("The navy reportedly seized a tanker.", "seized", "alleged"),
        ("The president will visit Paris next week.", "visit", "intended"),
        ("The government plans to expel the envoy.", "expel", "intended"),
        ("The rebels vowed to attack the capital.", "attack", "intended"),
        ("The alliance could send troops to the region.", "send", "hypothetical"),
        ("If the talks fail, the army would attack the port.", "attack", "hypothetical"),
        (
            "Analysts remain sceptical that the king would ever agree to hand over the port.",
            "hand",
            "hypothetical",
        ),
        ("The minister denied that the army had attacked the village.", "attacked", "negated"),
        ("The leader will use the trip to sign a treaty with the queen.", "sign", "intended"),
    ],
)
def test_modality_of_event_clause(parser: Language, text: str, verb: str, expected: str) -> None:
    assert certainty(_verb(parser, text, verb)).modality == expected


def test_modality_purpose_clause_does_not_take_modal_of_main_clause(parser: Language) -> None:
    token = _verb(parser, "Observers will be watching as the minister landed in Rome.", "landed")
    assert certainty(token).modality == "asserted"


def test_modality_reporting_verb_gives_the_source(parser: Language) -> None:
    told = certainty(_verb(parser, "The spokesman said that the army attacked the convoy.", "attacked"))
    assert told.source is not None and told.source.text == "spokesman"
    assert told.modality == "asserted"


def test_modality_claim_makes_an_allegation(parser: Language) -> None:
    told = certainty(_verb(parser, "The rebels claimed that the army attacked the convoy.", "attacked"))
    assert told.modality == "alleged"
    assert told.source is not None and told.source.text == "rebels"


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Ministers discussed reports that the navy had seized a tanker.", "seized", "alleged"),
        ("The king invited the president to visit the capital.", "visit", "intended"),
        ("There is a risk that the army will attack the port.", "attack", "hypothetical"),
    ],
)
def test_modality_from_a_governing_noun_or_invitation(
    parser: Language, text: str, verb: str, expected: str
) -> None:
    assert certainty(_verb(parser, text, verb)).modality == expected
