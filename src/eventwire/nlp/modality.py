"""How certainly an event is told, and who tells it: modality and attribution from the parse."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from spacy.tokens import Token

from eventwire.errors import DataError
from eventwire.nlp.roles import headline_clause
from eventwire.records import MODALITIES, Modality
from eventwire.tables import bundled, read_table

# When several cues apply, the least certain wins.
RANK: dict[str, int] = {"negated": 4, "hypothetical": 3, "alleged": 2, "intended": 1, "asserted": 0}
KINDS = ("aux", "adv", "mark", "governor", "noun", "reporting")


@dataclasses.dataclass(frozen=True, slots=True)
class ModalityCues:
    """Cue words by kind (``aux``, ``adv``, ``mark``, ``governor``, ``reporting``) -> modality."""

    cues: dict[tuple[str, str], Modality]

    def get(self, kind: str, word: str) -> Modality | None:
        return self.cues.get((kind, word.lower()))

    @classmethod
    def load(cls, path: Path | None = None) -> ModalityCues:
        path = path or bundled("modality_cues.tsv")
        cues: dict[tuple[str, str], Modality] = {}
        for number, row in read_table(path, ("word", "kind", "modality")):
            modality = row["modality"]
            if row["kind"] not in KINDS:
                raise DataError(str(path), number, f"kind must be one of {', '.join(KINDS)}")
            if modality not in MODALITIES:
                raise DataError(str(path), number, f"modality must be one of {', '.join(MODALITIES)}")
            cues[(row["kind"], row["word"].lower())] = modality
        return cls(cues)


@functools.cache
def default_cues() -> ModalityCues:
    return ModalityCues.load()


@dataclasses.dataclass(frozen=True, slots=True)
class Certainty:
    modality: Modality
    source: Token | None  # the subject of the reporting verb, if any
    reporter: Token | None  # the reporting verb


def _own_cues(token: Token, cues: ModalityCues) -> list[Modality]:
    found: list[Modality] = []
    for child in token.children:
        if child.dep_ == "neg":
            found.append("negated")
        elif (
            (child.dep_ in ("aux", "auxpass") and (m := cues.get("aux", child.lower_)))
            or (child.dep_ == "advmod" and (m := cues.get("adv", child.lower_)))
            or (child.dep_ == "mark" and (m := cues.get("mark", child.lower_)))
        ):
            found.append(m)
    return found


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _climbs(token: Token) -> bool:
    """Whether the verb above ``token`` colours its modality."""
    if token.head is token:
        return False
    if token.dep_ in ("xcomp", "ccomp", "acomp"):
        return True
    if token.dep_ == "acl":  # "reports that Iran had supplied", "the prospect that ... will persuade"
        return token.head.pos_ == "NOUN" and not headline_clause(token)
    if token.dep_ == "conj":
        return not _has_subject(token)
    # "travelled ... to visit": a purpose clause shares its verb's certainty.
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def certainty(start: Token, cues: ModalityCues | None = None) -> Certainty:
    """The modality of the event whose clause is headed by ``start``, and who reports it.

    Walks up from the event's verb through complement clauses ("is suspected to have shipped",
    "will use his visit to sign", "sceptical that Russia would agree to hand over") collecting
    cues, and stops at a verb of speech, whose subject is the attribution.
    """
    cues = cues or default_cues()
    found: list[Modality] = _own_cues(start, cues)
    token = start
    while _climbs(token):
        came_by = token.dep_
        token = token.head
        reporting = cues.get("reporting", token.lemma_) if came_by == "ccomp" else None
        if reporting is not None:
            found.append(reporting)
            found.extend(m for m in _own_cues(token, cues) if m == "negated")
            return Certainty(_least_certain(found), _subject(token), token)
        if came_by == "acl":
            if m := cues.get("noun", token.lemma_):
                found.append(m)
        elif (m := cues.get("governor", token.lemma_)) or (m := cues.get("governor", token.lower_)):
            found.append(m)
        found.extend(_own_cues(token, cues))
    return Certainty(_least_certain(found), None, None)


def _least_certain(found: list[Modality]) -> Modality:
    return max(found, key=lambda m: RANK[m], default="asserted")
