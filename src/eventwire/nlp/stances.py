"""Stances a speaker states of itself: "the ministry said it is skeptical of the plan".

A verb of saying whose reported clause tells the speaker's own stance, an adjective of
``data/stance_words.tsv`` ("skeptical", "optimistic"), is coded as CAMEO codes the stance (012
pessimistic comment, 013 optimistic comment) rather than as a neutral statement; what the stance is about,
the object of the adjective's preposition ("of the plan"), is the event's recipient.
"""

from __future__ import annotations

import dataclasses
import functools

from spacy.tokens import Token

from eventwire.coding.lexicon import TriggerRule
from eventwire.tables import bundled, read_table

__all__ = ["Stance", "stance_rules", "stated_stance"]

STANCE_TABLE = "stance_words.tsv"
_CLAUSE_VERBS = frozenset({"VERB", "AUX"})


@dataclasses.dataclass(frozen=True, slots=True)
class Stance:
    """A stance a reported clause states: its adjective and the rule that codes it."""

    word: Token
    rule: TriggerRule


@functools.cache
def stance_rules() -> dict[str, TriggerRule]:
    """The rules of ``data/stance_words.tsv`` by adjective lemma."""
    rows = read_table(bundled(STANCE_TABLE), ("adjective", "cameo", "recipient"))
    return {
        row["adjective"].lower(): TriggerRule(
            row["adjective"].lower(),
            None,
            "ADJ",
            row["cameo"],
            recipient=tuple(m for m in row["recipient"].split(",") if m),
        )
        for _, row in rows
    }


def stated_stance(verb: Token) -> Stance | None:
    """The stance the clause reported by ``verb`` states of the speaker ("said it is skeptical of"),
    or None: a clause about someone else ("said the minister is optimistic") states no stance of the
    speaker's."""
    rules = stance_rules()
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in _CLAUSE_VERBS or not _own(verb, clause):
            continue
        for word in clause.children:
            if word.dep_ == "acomp" and (rule := rules.get(word.lemma_.lower())) is not None:
                return Stance(word, rule)
    return None


def _own(verb: Token, clause: Token) -> bool:
    """Whether ``clause``'s subject is the speaker: a pronoun, or the words of ``verb``'s subject."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return subject is not None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return speaker is not None and speaker.lower_ == subject.lower_
