"""Verb lemmas the parser got wrong, repaired against the lexicon ("staged" -> "stage"), and verbs the
tagger read as nouns ("EU and UN hand over supplies")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.coding.lexicon import Lexicon

__all__ = ["INFLECTED", "repair_lemmas"]

INFLECTED = frozenset(("VBD", "VBN", "VBG", "VBZ"))


def repair_lemmas(doc: Doc, lexicon: Lexicon) -> None:
    """Give verbs whose lemma the lexicon does not know the lemma it knows ("staged" -> "stage").

    The parser's lemmatiser sometimes strips a verb to a wrong stem; a verb whose lemma has no trigger
    row or verb class, but one of whose plain de-inflections has, takes that one. A repeated action is
    coded as the action: "reimposed" as "impose".
    """
    for token in doc:
        if _verb_read_as_noun(token, lexicon):
            token.pos_ = "VERB"
        if token.pos_ != "VERB" or lexicon.knows_verb(token.lemma_):
            continue
        stems = _stems(token.lower_) if token.tag_ in INFLECTED else []
        stems += [
            s[2:].lstrip("-") for s in (token.lemma_.lower(), *stems) if s.startswith("re")
        ]  # "reimposed"
        if (stem := next((s for s in stems if lexicon.knows_verb(s)), None)) is not None:
            token.lemma_ = stem


def _verb_read_as_noun(token: Token, lexicon: Lexicon) -> bool:
    """Whether the tagger read a clause's verb as a noun: the sentence's root, a known verb, with a
    subject and an object or particle of its own ("EU and UN hand over supplies to Nigeria")."""
    if token.pos_ != "NOUN" or token.dep_ != "ROOT" or not lexicon.knows_verb(token.lemma_):
        return False
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and bool(deps & {"dobj", "prt"})


def _stems(word: str) -> list[str]:
    """Candidate lemmas of an inflected verb form, for when the parser's lemma has no rule."""
    stems: list[str] = []
    for suffix, endings in (
        ("ied", ("y",)),
        ("ies", ("y",)),
        ("ed", ("e", "")),
        ("ing", ("e", "")),
        ("es", ("e", "")),
        ("s", ("",)),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            stems.extend(base + ending for ending in endings)
            if suffix in ("ed", "ing") and len(base) > 2 and base[-1] == base[-2]:
                stems.append(base[:-1])  # "planned" -> "plan"
            break
    return stems
