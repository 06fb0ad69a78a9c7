"""Trigger patterns on short sentences written for the test: frames, light verbs, nominal events,
coordination, statements and how certainly each is told."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.api import Coder
from eventwire.records import Article, Entity, Event

PUBLISHED = dt.date(2024, 6, 18)


def _code(coder: Coder, text: str) -> list[Event]:
    return [e for _, events in coder.code([Article(text=text, published=PUBLISHED)]) for e in events]


def _label(entities: tuple[Entity, ...]) -> str:
    return "+".join(sorted(e.country or e.org or e.name for e in entities))


def _summary(event: Event) -> tuple[str, str, str]:
    return _label(event.actor), _label(event.recipient), event.cameo.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # frames coded by the noun or clause they embed
        ("The United States threatened sanctions against Iran.", ("USA", "IRN", "1312")),
        ("Germany demanded the release of the detained sailors.", ("DEU", "detained sailors", "1053")),
        ("Egypt demanded that Israel withdraw its troops.", ("EGY", "ISR", "106")),
        ("China accused Japan of war crimes.", ("CHN", "JPN", "1124")),
        ("Japan appealed for humanitarian aid.", ("JPN", "", "0233")),
        ("Turkey called for a ceasefire.", ("TUR", "", "0256")),
        ("Iran refused to release the prisoners.", ("IRN", "prisoners", "1243")),
        ("Brazil offered to mediate between Peru and Chile.", ("BRA", "CHL+PER", "039")),
        # light verbs
        ("Police imposed a curfew in the capital.", ("Police", "capital", "1723")),
        ("India held talks with Nepal.", ("IND", "NPL", "046")),
        ("Israel launched strikes against Lebanon.", ("ISR", "LBN", "190")),
        ("The United States imposed sanctions on Cuba.", ("USA", "CUB", "163")),
        # object classes
        ("Ukraine declared a ceasefire.", ("UKR", "", "0871")),
        ("Canada sent military aid to Ukraine.", ("CAN", "UKR", "072")),
        ("Sweden lifted sanctions on Iraq.", ("SWE", "IRQ", "085")),
        # nominal events
        ("Putin's visit to Pyongyang was brief.", ("RUS", "PRK", "042")),
        ("The shelling of Kharkiv by Russian forces went on.", ("RUS", "Kharkiv", "194")),
        # passives and coordination
        ("Ukraine was shelled by Russia.", ("RUS", "UKR", "194")),
        ("Japan and Australia signed a trade agreement.", ("AUS+JPN", "AUS+JPN", "057")),
        # a name no table resolves still acts
        ("The Zorbian Liberation Front attacked Chad.", ("Zorbian Liberation Front", "TCD", "190")),
        # control through an adjective: "is willing to" is an intent
        ("Pakistan is willing to withdraw its troops from Kashmir.", ("PAK", "Kashmir", "0356")),
        # a clause the parser reads as a noun with a participle
        ("The Iraqi air force carried out air strikes in Mosul.", ("IRQ", "", "195")),
        # the parser's lemma repaired ("staged" -> "stage"), a repeated act coded as the act
        ("Farmers staged a protest against the government.", ("Farmers", "government", "141")),
        ("Israel reimposed a blockade on Gaza.", ("ISR", "Gaza", "191")),
        # another party's obligation reported by a speaker is the speaker's demand
        ("France said Iran must stop enriching uranium.", ("FRA", "IRN", "100")),
    ],
)
def test_triggers_dyad_and_code(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    summaries = [_summary(e) for e in _code(coder, text)]
    assert expected in summaries, summaries


def test_triggers_coordinated_actors_are_one_event(coder: Coder) -> None:
    events = _code(coder, "Japan and Australia signed a defence pact.")
    assert len(events) == 1 and len(events[0].actor) == 2


def test_triggers_frame_consumes_the_noun_it_embeds(coder: Coder) -> None:
    events = _code(coder, "The United States threatened sanctions against Iran.")
    assert [e.cameo.code for e in events] == ["1312"]


def test_triggers_reported_event_is_the_record_not_the_statement(coder: Coder) -> None:
    events = _code(coder, "The French foreign minister said Russia attacked Ukraine.")
    assert [_summary(e) for e in events] == [("RUS", "UKR", "190")]
    [attack] = events
    assert attack.attribution is not None and attack.attribution.country == "FRA"


def test_triggers_statement_without_a_reported_event(coder: Coder) -> None:
    [statement] = _code(coder, "The French foreign minister said the weather was fine.")
    assert statement.cameo.root == "01" and statement.actor[0].country == "FRA"


def test_triggers_statement_addressed_to_a_party_is_kept(coder: Coder) -> None:
    events = _code(coder, "Japan told China that Russia had attacked Ukraine.")
    assert ("JPN", "CHN", "010") in [_summary(e) for e in events]
    assert ("RUS", "UKR", "190") in [_summary(e) for e in events]


def test_triggers_statement_is_less_confident_than_the_event(coder: Coder) -> None:
    events = _code(coder, "Japan told China that Russia had attacked Ukraine.")
    best = max(events, key=lambda e: e.confidence)
    assert best.cameo.root == "19"


def test_triggers_pronoun_of_a_reported_clause_is_the_speaker(coder: Coder) -> None:
    [event] = [e for e in _code(coder, "Hungary says it will not accept refugees.") if e.cameo.root != "01"]
    assert event.actor[0].country == "HUN"
    assert event.cameo.root == "12" and event.modality == "asserted"  # a refusal, told as fact


def test_triggers_future_cooperation_is_an_intent(coder: Coder) -> None:
    [event] = _code(coder, "Finland will send humanitarian aid to Nepal.")
    assert (event.cameo.code, event.modality) == ("0333", "intended")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Russia reportedly attacked Ukraine.", "alleged"),
        ("Russia could attack Ukraine.", "hypothetical"),
        ("If talks fail, Russia would attack Ukraine.", "hypothetical"),
        ("Russia did not attack Ukraine.", "negated"),
        ("Russia denied that it attacked Ukraine.", "negated"),
        ("Officials said Russia attacked Ukraine.", "asserted"),
    ],
)
def test_triggers_modality_of_the_attack(coder: Coder, text: str, modality: str) -> None:
    [attack] = [e for e in _code(coder, text) if e.cameo.root == "19"]
    assert attack.modality == modality


def test_triggers_denial_is_not_a_separate_statement(coder: Coder) -> None:
    events = _code(coder, "Russia denied that it attacked Ukraine.")
    assert [e.cameo.root for e in events] == ["19"]


def test_triggers_embedded_only_rows_need_a_frame(coder: Coder) -> None:
    assert [e.cameo.code for e in _code(coder, "Kenya's reforms went on.")] == []
    assert [e.cameo.code for e in _code(coder, "Protesters demanded reforms.")] == ["104"]


@pytest.mark.parametrize(
    ("text", "recipient", "root"),
    [
        ("Three Ukrainian soldiers were killed near the border.", "UKR", "18"),
        ("A roadside bomb killed two Iraqi policemen.", "IRQ", "18"),
        ("Three Ukrainian soldiers were killed by a landmine.", "UKR", "18"),
        ("Dozens of Ukrainian prisoners were released on Monday.", "prisoners", "08"),
    ],
)
def test_triggers_agentless_event_with_a_known_recipient(
    coder: Coder, text: str, recipient: str, root: str
) -> None:
    [event] = [e for e in _code(coder, text) if e.cameo.root == root]
    assert event.actor == ()
    assert recipient in _label(event.recipient)


def test_triggers_agentless_event_needs_who_underwent_it(coder: Coder) -> None:
    assert _code(coder, "The storm was destroyed in the night.") == []


def test_triggers_agentless_event_is_weaker_than_an_event_with_an_actor(coder: Coder) -> None:
    events = _code(coder, "Three Ukrainian soldiers were killed after Russia attacked Kharkiv.")
    agentless = next(e for e in events if not e.actor)
    assert all(agentless.confidence < e.confidence for e in events if e.actor)


def test_triggers_obligation_of_the_speaker_itself_is_not_a_demand(coder: Coder) -> None:
    codes = [e.cameo.code for e in _code(coder, "Germany said it must send more aid to Ukraine.")]
    assert "100" not in codes and "070" in codes


@pytest.mark.parametrize(
    ("text", "code", "recipient"),
    [
        # the speaker's own stance, stated in the clause it reports, codes the statement
        ("The ministry said it is skeptical of the new tariff plan.", "012", "the new tariff plan"),
        ("Canada said it was optimistic about a deal with Mexico.", "013", "a deal with Mexico"),
        ("The union says it remains wary of the pension reform.", "012", "the pension reform"),
    ],
)
def test_stated_stance_codes_the_statement(coder: Coder, text: str, code: str, recipient: str) -> None:
    events = _code(coder, text)
    stances = [e for e in events if e.cameo.code == code]
    assert stances, [(e.cameo.code, e.trigger.text) for e in events]
    assert [r.text for r in stances[0].recipient] == [recipient]


def test_someone_elses_stance_is_no_stance_of_the_speaker(coder: Coder) -> None:
    events = _code(coder, "The ministry said the minister is optimistic about the new tariff plan.")
    assert all(e.cameo.code != "013" for e in events), [e.cameo.code for e in events]
