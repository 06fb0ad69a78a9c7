"""Recipients as whole noun phrases (eventwire.nlp.recipients, eventwire.nlp.actor_extent), on
sentences written for the test: resolved actors spread over the phrase acted on, unresolved things
and people kept with their words only, and mutual events."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from eventwire.api import Coder
from eventwire.nlp.actor_extent import whole_phrase
from eventwire.nlp.mutual import is_mutual
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


@pytest.mark.parametrize(
    ("text", "trigger", "phrase"),
    [
        # an event that acts on a place: the place it happens in is its recipient
        ("Rebel commanders declared a ceasefire in Darfur.", "declared", "Darfur"),
        ("Hundreds of fighters surrendered in the mountains of Kunar province.", "surrendered", None),
        # a frame's event: the place of the ceasefire, not the ceasefire itself
        ("The militia agreed to a truce in Somalia.", "agreed", "Somalia"),
        # "into" marks what an investigation looks into; a number of things is kept whole
        ("Prosecutors in Lyon opened an investigation into a shipping firm.", "investigation", None),
        ("Investigators opened investigations into four of the largest banks.", "investigations", None),
        # who made the charges denied
        ("The Serbian government denied accusations by Human Rights Watch.", "denied", None),
    ],
)
def test_recipient_at_new_markers(coder: Coder, text: str, trigger: str, phrase: str | None) -> None:
    expected = {
        "surrendered": "the mountains of Kunar province",
        "investigation": "a shipping firm",
        "investigations": "four of the largest banks",
        "denied": "Human Rights Watch",
    }
    (recipient,) = _recipients(coder, text, trigger)
    assert recipient.text == (phrase or expected[trigger])


def test_a_place_marker_takes_only_a_place(coder: Coder) -> None:
    """ "in a bid to ..." names no place: the ceasefire has no recipient."""
    events = _events(coder, "The army declared a truce in a bid to calm the valley.")
    assert events
    assert all("bid" not in r.text for e in events for r in e.recipient)


def test_expressed_feeling_takes_its_preposition(coder: Coder) -> None:
    (recipient,) = _recipients(
        coder, "The Mexican president expressed concern for the health of the pope.", "expressed"
    )
    assert recipient.text == "the health of the pope"


def test_a_meeting_keeps_its_actor_out_of_the_recipients(coder: Coder) -> None:
    """A met B is A -> B: listing A among the recipients would answer a query for A as recipient."""
    recipients = _recipients(coder, "The Spanish foreign minister met Moroccan officials in Rabat.", "met")
    assert [r.text for r in recipients] == ["Moroccan officials"]
    (one_sided,) = _recipients(coder, "Peru shared intelligence with Chile.", "shared")
    assert one_sided.country == "CHL"


@pytest.mark.parametrize(
    ("text", "trigger", "phrase"),
    [
        # one phrase joins the parties of a mutual event: it is their recipient
        (
            "Japanese and Australian troops agreed to hold joint drills.",
            "agreed",
            "Japanese and Australian troops",
        ),
    ],
)
def test_mutual_event_of_joined_parties(coder: Coder, text: str, trigger: str, phrase: str) -> None:
    (recipient,) = _recipients(coder, text, trigger)
    assert recipient.text == phrase
    assert recipient.country is None and recipient.cameo is None  # the phrase names several parties


def test_a_coordination_inside_a_name_joins_no_parties(coder: Coder) -> None:
    assert _recipients(coder, "The Minister of Trade and Industry signed an agreement.", "signed") == ()


def test_a_frames_of_phrase_is_the_accusation_not_the_accused(coder: Coder) -> None:
    (recipient,) = _recipients(coder, "The rights group accused the army of shelling the town.", "accused")
    assert recipient.text == "the army"


def test_where_a_person_is_met_is_no_part_of_the_person(coder: Coder) -> None:
    recipients = _recipients(coder, "The Spanish king met French President Emmanuel Macron in Paris.", "met")
    assert recipients[-1].text == "French President Emmanuel Macron"


def test_a_relative_clause_set_off_by_a_comma_ends_the_phrase(coder: Coder) -> None:
    text = "Rebels rejected any talks with the Kenyan government, which they call a puppet of foreign powers."
    (recipient,) = _recipients(coder, text, "rejected")
    assert recipient.text == "any talks with the Kenyan government"


def test_a_frame_takes_the_phrase_its_embedded_event_acts_on(coder: Coder) -> None:
    text = "The Danish government is considering sending aid to the flooded villages."
    (recipient,) = _recipients(coder, text, "considering")
    assert recipient.text == "the flooded villages"


def test_an_embedded_statement_acts_on_no_one(coder: Coder) -> None:
    assert _recipients(coder, "The minister declined to comment on the new budget.", "declined") == ()


@pytest.mark.parametrize(
    ("text", "trigger", "phrase"),
    [
        # "that": the subject of the clause a feeling is about
        (
            "Chile expressed concern that the new border fence would divide families.",
            "expressed",
            "the new border fence",
        ),
        (
            "The minister said she is optimistic that the vaccine rollout will speed up.",
            "optimistic",
            "the vaccine rollout",
        ),
    ],
)
def test_that_clause_subject_is_the_recipient(coder: Coder, text: str, trigger: str, phrase: str) -> None:
    (recipient,) = _recipients(coder, text, trigger)
    assert recipient.text == phrase


def test_a_list_inside_an_actor_phrase_gives_one_actor_each(coder: Coder) -> None:
    """One span covers "The ambassadors of France"; Germany's and Italy's ambassadors act too."""
    events = _events(coder, "The ambassadors of France, Germany and Italy condemned the shelling.")
    assert [a.cameo for a in events[0].actor] == ["FRAGOV", "DEUGOV", "ITAGOV"]
    (signed,) = _events(coder, "The navies of Chile and Peru signed a maritime accord.")
    assert [a.cameo for a in signed.actor] == ["CHLMIL", "PERMIL"]
    assert [r.cameo for r in signed.recipient] == ["CHLMIL", "PERMIL"]  # a mutual act: each the other's
