"""Find event triggers in a sentence and code them with the lexicon, with their actors and recipients."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon, TriggerRule
from eventwire.nlp.roles import (
    ActorIndex,
    agent_of_noun,
    direct_object,
    is_passive,
    recipient_tokens,
    subject_token,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger coded by the lexicon, before modality, date and place are added."""

    trigger: tuple[Token, ...]  # the trigger's words (a verb and its particle)
    clause: Token  # the verb whose clause carries the event's modality and date
    code: str
    actor: tuple[Span, ...]
    recipient: tuple[Span, ...]
    direct: bool  # the actor was found in the trigger's own clause
    rule: TriggerRule


def _particle(verb: Token, wanted: str | None) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prt" and (wanted is None or child.lower_ == wanted):
            return child
        if wanted is not None and child.i == verb.i + 1 and child.lower_ == wanted:
            return child
    return None


def _object_classes(token: Token, lexicon: Lexicon) -> frozenset[str]:
    obj = direct_object(token)
    if obj is None and token.pos_ == "VERB" and is_passive(token):
        obj = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if obj is None:
        return frozenset()
    classes: set[str] = set()
    for word in (obj, *obj.conjuncts):
        classes |= lexicon.classes_of(word.lemma_)
        for child in word.children:
            if child.dep_ in ("compound", "amod"):
                classes |= lexicon.classes_of(child.lemma_)
    return frozenset(classes)


def _embedded(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def choose_rule(token: Token, rules: tuple[TriggerRule, ...], lexicon: Lexicon) -> TriggerRule | None:
    """The most specific rule whose particle, object class and frame fit ``token``."""
    classes = _object_classes(token, lexicon)
    embedded = _embedded(token) if token.pos_ == "VERB" else None
    for rule in sorted(
        rules, key=lambda r: (r.frame is None) if embedded is not None else (r.frame is not None)
    ):
        if rule.particle is not None and _particle(token, rule.particle) is None:
            continue
        if rule.frame is not None and embedded is None and any(r.frame is None for r in rules):
            continue
        if rule.object_class is not None and (rule.object_class in classes) == rule.object_negated:
            continue
        return rule
    return None


class TriggerFinder:
    """Finds coded event candidates in sentences."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, sent: Span, actors: ActorIndex) -> Iterator[Candidate]:
        consumed: set[int] = set()
        for token in sent:
            if token.i in consumed or token.pos_ != "VERB":
                continue
            candidate = self._verb(token, actors, consumed)
            if candidate is not None:
                yield candidate
        for token in sent:
            if token.i in consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            candidate = self._noun(token, actors)
            if candidate is not None:
                yield candidate

    def _recipient(self, heads: list[Token], markers: tuple[str, ...], actors: ActorIndex) -> list[Span]:
        for head in heads:
            for token in recipient_tokens(head, markers):
                if spans := actors.phrase(token):
                    return spans
        return []

    def _verb(self, verb: Token, actors: ActorIndex, consumed: set[int]) -> Candidate | None:
        rule = choose_rule(verb, self.lexicon.rules_for(verb.lemma_, "VERB"), self.lexicon)
        if rule is None:
            return None
        code, heads = rule.cameo, [verb]
        recipient = self._recipient([verb], rule.recipient, actors)
        embedded = _embedded(verb) if rule.frame else None
        if embedded is not None:
            inner = choose_rule(embedded, self.lexicon.rules_for(embedded.lemma_, "VERB"), self.lexicon)
            if inner is not None and inner.frame is None:
                code = self.lexicon.frame_code(rule.frame or "", inner.cameo[:2]) or code
                if not recipient:
                    recipient = self._recipient([embedded], inner.recipient, actors)
                consumed.add(embedded.i)
                heads.append(embedded)
        subject, direct = subject_token(verb)
        actor = actors.phrase(subject) if subject is not None else []
        recipient = [r for r in recipient if r not in actor]
        if not actor or (rule.needs_recipient and not recipient):
            return None
        for head in heads:
            if (obj := direct_object(head)) is not None:
                consumed.add(obj.i)
        words = [verb]
        if rule.particle is not None and (particle := _particle(verb, rule.particle)) is not None:
            words.append(particle)
        return Candidate(tuple(words), verb, code, tuple(actor), tuple(recipient), direct, rule)

    def _noun(self, noun: Token, actors: ActorIndex) -> Candidate | None:
        rules = [r for r in self.lexicon.rules_for(noun.lemma_, "NOUN") if r.frame is None]
        rule = choose_rule(noun, tuple(rules), self.lexicon)
        if rule is None:
            return None
        agent, light = agent_of_noun(noun)
        actor = actors.phrase(agent) if agent is not None else []
        heads = [noun] if light is None else [noun, light]
        recipient = [r for r in self._recipient(heads, rule.recipient, actors) if r not in actor]
        if not actor or (rule.needs_recipient and not recipient):
            return None
        clause = light if light is not None else noun
        return Candidate((noun,), clause, rule.cameo, tuple(actor), tuple(recipient), light is None, rule)
