"""Who an event acts on and which event is a sentence's main one, on sentences written for the test:
purpose clauses, proposals answered, documents that speak, particles read as prepositions, verbs
read as nouns, events told in passing."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.api import Coder
from eventwire.evaluate.scoring import main_event
from eventwire.records import Article, Event

PUBLISHED = dt.date(2024, 6, 18)


def _code(coder: Coder, text: str) -> list[Event]:
    return [e for _, events in coder.code([Article(text=text, published=PUBLISHED)]) for e in events]


def _main(coder: Coder, text: str) -> Event:
    event = main_event(_code(coder, text))
    assert event is not None, text
    return event


def _texts(event: Event) -> list[str]:
    return [r.text for r in event.recipient]


def test_recipients_purpose_clause_names_whom_aid_is_for(coder: Coder) -> None:
    event = _main(coder, "Japan provided 5 million dollars to help flood victims in Pakistan.")
    assert event.cameo.root == "07"
    assert [t.split()[:2] for t in _texts(event)] == [["flood", "victims"]]


def test_recipients_purpose_clause_keeps_the_codes_of_the_actor_it_heads(coder: Coder) -> None:
    event = _main(coder, "Norway gave 10 million euros to support the Afghan government.")
    assert [(r.text, r.country, r.sector) for r in event.recipient] == [
        ("the Afghan government", "AFG", "GOV")
    ]


def test_recipients_purpose_clause_does_not_code_a_place_it_mentions(coder: Coder) -> None:
    event = _main(coder, "Japan provided 5 million dollars to help flood victims in Pakistan.")
    assert [r.country for r in event.recipient] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry rejected the accusations.",
        "The rebels claimed the bombing.",
    ],
)
def test_recipients_what_is_said_or_done_is_no_recipient(coder: Coder, text: str) -> None:
    assert all(not e.recipient for e in _code(coder, text))


def test_recipients_a_rejected_accusation_answers_its_accuser(coder: Coder) -> None:
    event = _main(coder, "Ethiopia rejected accusations by the United States that its army committed abuses.")
    assert [(r.text, r.country) for r in event.recipient] == [("the United States", "USA")]


def test_recipients_accepted_demands_answer_who_made_them(coder: Coder) -> None:
    event = _main(coder, "The government accepted the demands of the protesters.")
    assert event.cameo.code == "083"
    assert _texts(event) and "protesters" in _texts(event)[0]


def test_recipients_a_document_speaks_for_who_issued_it(coder: Coder) -> None:
    event = _main(coder, "Amnesty International issued a statement calling on Egypt to free the activists.")
    assert event.cameo.root == "02"
    assert [a.name for a in event.actor] == ["Amnesty International"]
    assert [r.country for r in event.recipient] == ["EGY"]


def test_recipients_particle_read_as_preposition_still_takes_its_object(coder: Coder) -> None:
    events = _code(coder, "Human Rights Watch called on the Security Council to act.")
    assert [(e.trigger.text, e.cameo.root, _texts(e)) for e in events] == [
        ("called on", "02", ["the Security Council"])
    ]


def test_recipients_verb_read_as_noun_is_coded(coder: Coder) -> None:
    event = _main(coder, "EU and UN hand over medical supplies to Nigeria.")
    assert event.cameo.root == "07"
    assert [r.country for r in event.recipient] == ["NGA"]


def test_recipients_circumstance_is_no_event_of_the_verb(coder: Coder) -> None:
    events = _code(coder, "Indian police imposed a curfew in the city after clashes between rival gangs.")
    assert all(e.cameo.code != "190" for e in events if any(a.sector == "COP" for a in e.actor))


def test_recipients_two_named_parties_modifying_one_noun_are_joined(coder: Coder) -> None:
    event = _main(coder, "UK and EU negotiators agreed a trade deal.")
    assert _texts(event) == ["UK and EU negotiators"]


def test_recipients_two_parties_one_a_multiword_name_are_joined(coder: Coder) -> None:
    event = _main(coder, "Vietnam and the Eurasia Economic Union signed a free trade agreement.")
    assert _texts(event) == ["Vietnam and the Eurasia Economic Union"]


def test_recipients_conjunction_inside_one_name_joins_no_parties(coder: Coder) -> None:
    event = _main(coder, "The Minister of Trade and Industry signed an agreement.")
    assert not event.recipient


def test_main_event_is_told_by_the_main_clause(coder: Coder) -> None:
    event = _main(coder, "Germany criticised the deal, which China signed with Russia on Monday.")
    assert [a.country for a in event.actor] == ["DEU"]


def test_main_event_confidence_stays_within_bounds(coder: Coder) -> None:
    events = _code(
        coder, "Poland expelled three diplomats over a plot that officials say targeted its railways."
    )
    assert events and all(0.0 < e.confidence <= 1.0 for e in events)


def test_main_event_background_event_is_less_confident(coder: Coder) -> None:
    events = _code(coder, "Police fired tear gas at protesters, killing two students.")
    by_trigger = {e.trigger.text: e for e in events}
    assert by_trigger["killing"].confidence < by_trigger["fired"].confidence


def test_recipients_people_held_as_human_shields(coder: Coder) -> None:
    event = _main(coder, "The militants held hundreds of villagers as human shields in the old town.")
    assert event.cameo.code == "184"
    assert _texts(event) == ["hundreds of villagers"]


def test_recipients_irregular_past_of_overrun_is_coded(coder: Coder) -> None:
    event = _main(coder, "Al-Shabaab fighters overran an army base in southern Somalia.")
    assert event.cameo.code == "192"
    assert _texts(event) and _texts(event)[0].startswith("an army base")


def test_recipients_particle_that_carries_the_object(coder: Coder) -> None:
    event = _main(coder, "Egypt let free the jailed activists.")
    assert event.cameo.code == "0841"
    assert _texts(event) == ["the jailed activists"]


def test_recipients_passive_conjunct_takes_the_shared_subject(coder: Coder) -> None:
    event = _main(coder, "Two Greek sailors, held for months in Libya, have been freed by Libyan forces.")
    assert event.cameo.root == "08"
    assert _texts(event) and _texts(event)[0].startswith("Two Greek sailors")


def test_recipients_refuge_sought_in_a_country(coder: Coder) -> None:
    event = _main(coder, "Thousands of Afghans have sought refuge in Pakistan.")
    assert [r.country for r in event.recipient] == ["PAK"]


def test_recipients_an_act_aimed_at_a_target_keeps_its_phrase(coder: Coder) -> None:
    event = _main(coder, "The group claimed responsibility for the attack on the police station.")
    assert _texts(event) == ["the attack on the police station"]


def test_recipients_purpose_of_an_embedded_act_of_aid(coder: Coder) -> None:
    event = _main(coder, "Malaysia is considering sending doctors to help the earthquake victims.")
    assert _texts(event) == ["the earthquake victims"]


def test_main_event_clause_telling_who_did_an_agentless_passive_is_the_news(coder: Coder) -> None:
    event = _main(coder, "Two guards were killed when the rebels attacked the Iraqi embassy in Kabul.")
    assert event.cameo.root == "19"
    assert [(r.text, r.cameo) for r in event.recipient] == [("the Iraqi embassy in Kabul", "IRQGOV")]


def test_recipients_target_of_what_troops_are_mobilised_for(coder: Coder) -> None:
    event = _main(coder, "Azerbaijan mobilised its army for an offensive against Armenia.")
    assert [r.country for r in event.recipient] == ["ARM"]


def test_recipients_concern_expressed_to_an_addressee(coder: Coder) -> None:
    event = _main(coder, "The UN envoy expressed concern to the Security Council.")
    assert event.cameo.code == "012"
    assert _texts(event) == ["the Security Council"]


def test_recipients_preposition_after_the_object_completes_the_verb(coder: Coder) -> None:
    event = _main(coder, "The president pushed the parliament of Kyrgyzstan for changes to the constitution.")
    assert (event.trigger.text, event.cameo.root) == ("pushed", "02")
    assert [r.cameo for r in event.recipient] == ["KGZLEG"]


def test_recipients_date_after_the_object_completes_no_verb(coder: Coder) -> None:
    events = _code(coder, "Kenya called the ambassador on Monday.")
    assert [e.cameo.root for e in events] == ["04"]


def test_recipients_a_letter_speaks_to_its_addressee(coder: Coder) -> None:
    event = _main(
        coder, "The president sent a letter to the World Health Organization threatening to cut funding."
    )
    assert event.cameo.root == "13"
    assert [r.org for r in event.recipient] == ["WHO"]


def test_recipients_warning_given_to_someone(coder: Coder) -> None:
    event = _main(coder, "Brazil gave Venezuela a stern warning to stop the incursions.")
    assert event.cameo.root == "13"
    assert [r.country for r in event.recipient] == ["VEN"]


def test_recipients_aid_and_deals_suspended_with_a_country(coder: Coder) -> None:
    event = _main(coder, "Sweden suspended military aid and arms deals with Myanmar.")
    assert event.cameo.root == "16"
    assert [r.country for r in event.recipient] == ["MMR"]


def test_recipients_refused_request_answers_who_made_it(coder: Coder) -> None:
    event = _main(coder, "The ministry refused a request from the Red Cross to visit the prison.")
    assert _texts(event) == ["the Red Cross"]


def test_recipients_mediation_to_resolve_a_rift_is_between_its_parties(coder: Coder) -> None:
    event = _main(coder, "Kuwait launched a mediation effort to resolve the rift between Qatar and Bahrain.")
    assert sorted(r.country or "" for r in event.recipient) == ["BHR", "QAT"]


def test_recipients_joint_war_games_make_each_party_the_others_recipient(coder: Coder) -> None:
    event = _main(coder, "Peru and Chile held joint war games in the desert.")
    assert event.cameo.code == "062"
    assert sorted(r.country or "" for r in event.recipient) == ["CHL", "PER"]


def test_recipients_peacekeeping_extended_in_a_country(coder: Coder) -> None:
    event = _main(coder, "The Security Council extended the mandate of its peacekeeping mission in Mali.")
    assert event.cameo.code == "074"
    assert [r.country for r in event.recipient] == ["MLI"]


def test_triggers_word_inside_an_organisation_name_is_no_event(coder: Coder) -> None:
    events = _code(coder, "Russia refused to join the North Atlantic Treaty Organisation exercises.")
    assert all(e.trigger.text != "Treaty" for e in events)


def test_recipients_purpose_help_someone_do_something(coder: Coder) -> None:
    event = _main(
        coder, "Japan earmarked 2 million dollars in emergency aid to help Nepal cope with the floods."
    )
    assert [r.country for r in event.recipient] == ["NPL"]


def test_recipients_destination_after_coordinated_objects(coder: Coder) -> None:
    event = _main(coder, "France sent armoured vehicles and a team of paratroopers to Mali.")
    assert [r.country for r in event.recipient] == ["MLI"]


def test_events_of_a_sentence_come_in_text_order(coder: Coder) -> None:
    events = _code(coder, "During Putin's visit to Pyongyang, Russia signed a treaty with North Korea.")
    starts = [e.trigger.start for e in events]
    assert [e.trigger.text for e in events] == ["visit", "signed"]
    assert starts == sorted(starts)


def test_actor_of_an_act_that_is_the_subject(coder: Coder) -> None:
    event = _main(coder, "A car bombing by al-Shabaab killed twelve soldiers in Mogadishu.")
    assert event.trigger.text == "killed"
    assert [a.cameo for a in event.actor] == ["SOMREB"]
    assert _texts(event) and _texts(event)[0].startswith("twelve soldiers")
