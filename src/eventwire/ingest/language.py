"""Which language an article is in, by py3langid (its model ships inside the package).

eventwire codes English. A text is called "not English" only when the identifier is confident of
another language (probability at least ``CONFIDENT``); short or mixed texts it cannot place stay in.
"""

from __future__ import annotations

import dataclasses
import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

ENGLISH = "en"
CONFIDENT = 0.9
_SAMPLE = 4000  # characters: enough to tell a language, cheap on long articles


@dataclasses.dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1
    probability: float


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> Language:
    """The most probable language of ``text`` and its probability."""
    code, probability = _identifier().classify(text[:_SAMPLE])
    return Language(str(code), float(probability))


def foreign_language(text: str) -> Language | None:
    """The language of ``text`` when it is confidently not English, else None."""
    found = detect(text)
    if found.code != ENGLISH and found.probability >= CONFIDENT:
        return found
    return None
