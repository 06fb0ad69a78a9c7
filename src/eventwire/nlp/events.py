"""Event extraction (placeholder)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventExtractor:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
