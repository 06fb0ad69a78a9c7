"""Gold items: what a gold file says the coder should find, one frozen record per sentence."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal

GoldFormat = Literal["petrarch", "plover", "conflibert-class", "conflibert-ner", "eventwire"]
Role = Literal["S", "T", "R", "O"]

GOLD_FORMATS: tuple[GoldFormat, ...] = (
    "petrarch",
    "plover",
    "conflibert-class",
    "conflibert-ner",
    "eventwire",
)


@dataclasses.dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event; a field is None where the gold file does not say it.

    ``actor`` and ``recipient`` hold actor labels: an ISO 3166-1 alpha-3 country, an organisation
    acronym, or a CAMEO actor code or its three-letter prefix (``IGO``); see ``scoring``.
    ``source_code`` and ``target_code`` are the whole CAMEO actor codes of a PETRARCH coding
    (``ARNGOV``; ``---`` for none, ``---GOV`` for a government of no known state).
    """

    actor: tuple[str, ...] | None = None
    recipient: tuple[str, ...] | None = None
    cameo: str | None = None
    plover: str | None = None
    modality: str | None = None
    source_code: str | None = None
    target_code: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class GoldSentence:
    """A sentence and the events expected in it (none: the coder should find no event)."""

    id: str
    text: str
    events: tuple[GoldEvent, ...] = ()
    published: dt.date | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class GoldClass:
    """A sentence and its ConfliBERT class: 0 statement, 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict."""

    id: str
    text: str
    label: int


@dataclasses.dataclass(frozen=True, slots=True)
class GoldTokens:
    """A tokenised sentence with source/target tags: ``spans`` are the tokens' character offsets in
    ``text``; ``roles`` says per token S (source), T (target), R (both) or O."""

    id: str
    text: str
    spans: tuple[tuple[int, int], ...]
    roles: tuple[Role, ...]


GoldItem = GoldSentence | GoldClass | GoldTokens


@dataclasses.dataclass(frozen=True, slots=True)
class GoldFile:
    """A gold file read: its name, format, content hash and items (all of them, or the first ``limit``)."""

    path: str
    name: str
    format: GoldFormat
    sha256: str
    items: tuple[GoldItem, ...]
    total: int  # items in the whole file, before any limit
