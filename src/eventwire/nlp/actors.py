"""Actor recognition (placeholder until the actor recognizer lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.extensions import ACTORS_KEY


class ActorRecognizer:
    def __init__(self, nlp: Language, *, actors_files: list[str]) -> None:
        self.actors_files = actors_files

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[ACTORS_KEY] = []
        return doc
