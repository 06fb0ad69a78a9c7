"""Scorers: coded events against gold items, as precision/recall/F1, accuracy and confusions.

Event levels compare, per sentence, the set of labels the gold events carry with the set the coded
events carry (so a compound actor coded as one event is not a miss); counts add up over sentences:

- ``root`` / ``code``: CAMEO root (2 digits) / 3-digit code;
- ``plover``: PLOVER event type; ``plover.hit_rate``: share of sentences where a coded event has a
  gold PLOVER type;
- ``actor``: actor labels (country, organisation or CAMEO actor prefix);
- ``dyad_root``: (actor, recipient, root) triples;
- ``modality``: modalities;
- ``coding``: whole PETRARCH codings, (source code, target code, event code) triples: the CAMEO
  actor codes compared on their first six letters, the actor and its primary role (``ARNGOVFRM`` is
  ``ARNGOV``), ``---`` standing for no actor (``---GOV``: a government of no named state; see
  :func:`actor_code`), and the event code whole. Its recall is the share of expected codings found.

A level is scored for a file only when every gold event in it carries what the level needs.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from eventwire.evaluate.gold import GoldClass, GoldEvent, GoldFile, GoldSentence, GoldTokens
from eventwire.records import Entity, Event

NONE = "(none)"
CLASS_NAMES = (
    "0 statement",
    "1 verbal coop.",
    "2 material coop.",
    "3 verbal conflict",
    "4 material conflict",
)
TOP_CONFUSIONS = 10


@dataclasses.dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one level."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def of(cls, gold: set[str], predicted: set[str]) -> Counts:
        hits = len(gold & predicted)
        return cls(hits, len(predicted) - hits, len(gold) - hits)


@dataclasses.dataclass(frozen=True, slots=True)
class Confusion:
    """How often a gold label was coded as another (``(none)``: missed, or coded where none was)."""

    gold: str
    predicted: str
    count: int


@dataclasses.dataclass(frozen=True, slots=True)
class FileScore:
    """The figures of one gold file: ``metrics`` maps a metric name to a value in 0..1."""

    name: str
    path: str
    format: str
    sha256: str
    items: int
    total: int
    metrics: Mapping[str, float]
    counts: Mapping[str, Counts]
    confusions: tuple[Confusion, ...]
    seconds: float = 0.0


def score(gold: GoldFile, predictions: Sequence[Sequence[Event]], *, seconds: float = 0.0) -> FileScore:
    """Score the coded events of each gold item (``predictions[i]`` for ``gold.items[i]``)."""
    if len(predictions) != len(gold.items):
        raise ValueError(f"{len(predictions)} predictions for {len(gold.items)} gold items")
    sentences = [(g, p) for g, p in zip(gold.items, predictions, strict=True) if isinstance(g, GoldSentence)]
    classes = [(g, p) for g, p in zip(gold.items, predictions, strict=True) if isinstance(g, GoldClass)]
    tokens = [(g, p) for g, p in zip(gold.items, predictions, strict=True) if isinstance(g, GoldTokens)]
    metrics: dict[str, float] = {}
    counts: dict[str, Counts] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    if sentences:
        score_events(sentences, metrics, counts, confusions)
    if classes:
        score_classes(classes, metrics, confusions)
    if tokens:
        score_spans(tokens, metrics, counts)
    top = tuple(Confusion(g, p, n) for (g, p), n in confusions.most_common(TOP_CONFUSIONS))
    return FileScore(
        gold.name,
        gold.path,
        gold.format,
        gold.sha256,
        len(gold.items),
        gold.total,
        metrics,
        counts,
        top,
        seconds,
    )


def levels(sentences: Iterable[GoldSentence]) -> tuple[str, ...]:
    """The event levels the gold events support: those whose fields every gold event carries."""
    events = [e for s in sentences for e in s.events]
    if not events:
        return ()
    cameo = all(e.cameo for e in events)
    actor = all(e.actor is not None for e in events)
    recipient = all(e.recipient is not None for e in events)
    wanted = {
        "root": cameo,
        "code": cameo,
        "plover": all(e.plover for e in events),
        "actor": actor,
        "dyad_root": cameo and actor and recipient,
        "modality": all(e.modality for e in events),
        "coding": cameo and all(e.source_code and e.target_code for e in events),
    }
    return tuple(level for level, ok in wanted.items() if ok)


def score_events(
    pairs: Sequence[tuple[GoldSentence, Sequence[Event]]],
    metrics: dict[str, float],
    counts: dict[str, Counts],
    confusions: Counter[tuple[str, str]],
) -> None:
    """Precision/recall/F1 per level, the PLOVER hit rate, and confusions at the first level."""
    scored = levels(g for g, _ in pairs)
    totals = {level: Counts() for level in scored}
    hits = sentences_with_plover = 0
    for gold, predicted in pairs:
        for level in scored:
            gold_labels, coded_labels = _labels(level, gold.events, predicted)
            totals[level] += Counts.of(gold_labels, coded_labels)
            if level == scored[0]:
                confusions.update(_confusions(gold_labels, coded_labels))
        if "plover" in scored and gold.events:
            sentences_with_plover += 1
            hits += bool({e.plover for e in gold.events} & {e.plover.event for e in predicted})
    for level, total in totals.items():
        counts[level] = total
        metrics.update(
            {f"{level}.precision": total.precision, f"{level}.recall": total.recall, f"{level}.f1": total.f1}
        )
    if "plover" in scored:
        metrics["plover.hit_rate"] = hits / sentences_with_plover if sentences_with_plover else 0.0


def _labels(level: str, gold: Sequence[GoldEvent], coded: Sequence[Event]) -> tuple[set[str], set[str]]:
    if level == "root":
        return {e.cameo[:2] for e in gold if e.cameo}, {e.cameo.root for e in coded}
    if level == "code":
        return {e.cameo[:3] for e in gold if e.cameo}, {e.cameo.code[:3] for e in coded}
    if level == "plover":
        return {e.plover for e in gold if e.plover}, {e.plover.event for e in coded}
    if level == "modality":
        return {e.modality for e in gold if e.modality}, {str(e.modality) for e in coded}
    if level == "coding":
        return {_coding(e.source_code, e.target_code, e.cameo) for e in gold}, {
            _coding(actor_code(a), actor_code(r), e.cameo.code)
            for e in coded
            for a, r in itertools.product(e.actor or (None,), e.recipient or (None,))
        }
    actors = {a for e in gold for a in e.actor or ()}
    if level == "actor":
        return actors, {label for e in coded for label in _entity_labels(e.actor, actors)}
    recipients = {r for e in gold for r in e.recipient or ()}
    gold_dyads = {
        f"{a}>{r} {e.cameo[:2]}"
        for e in gold
        if e.cameo
        for a, r in itertools.product(e.actor or ("-",), e.recipient or ("-",))
    }
    coded_dyads = {
        f"{a}>{r} {e.cameo.root}"
        for e in coded
        for a, r in itertools.product(
            _entity_labels(e.actor, actors) or ("-",), _entity_labels(e.recipient, recipients) or ("-",)
        )
    }
    return gold_dyads, coded_dyads


def _entity_labels(entities: Sequence[Entity], wanted: set[str]) -> tuple[str, ...]:
    """One label per entity: the first of its codes the gold names, else its first code.

    The codes are the country, the organisation and the CAMEO actor code (whole and its first three
    letters); a CAMEO code that only names a sector (``GOV``) says no actor and is left out.
    """
    labels = []
    for entity in entities:
        cameo = entity.cameo if entity.cameo and entity.cameo[:3] != entity.sector else None
        codes = [c for c in (entity.country, entity.org, cameo, (cameo or "")[:3]) if c]
        if codes:
            labels.append(next((c for c in codes if c in wanted), codes[0]))
    return tuple(labels)


# CAMEO actor codes are compared on the actor (3 letters) and its primary role (3 more).
CODE_LETTERS = 6


def actor_code(entity: Entity | None) -> str:
    """An entity's CAMEO actor code as PETRARCH writes it: ``---`` for none, ``---GOV`` for an agent
    of no named state or organisation (a bare ``the government``)."""
    if entity is None or not entity.cameo:
        return "---"
    agent_only = not entity.country and not entity.org and entity.sector
    if agent_only and entity.cameo.startswith(entity.sector or ""):
        return "---" + entity.cameo
    return entity.cameo


def _coding(source: str | None, target: str | None, code: str | None) -> str:
    return f"{(source or '---')[:CODE_LETTERS]}>{(target or '---')[:CODE_LETTERS]} {code}"


def _confusions(gold: set[str], coded: set[str]) -> Iterable[tuple[str, str]]:
    missed, extra = sorted(gold - coded), sorted(coded - gold)
    return itertools.zip_longest(missed, extra, fillvalue=NONE)


def main_event(events: Sequence[Event]) -> Event | None:
    """The most confident event (the first of equals), or None."""
    return max(events, key=lambda e: e.confidence) if events else None


def root_class(root: str) -> int:
    """ConfliBERT class of a CAMEO root: 01→0, 02-05→1, 06-09→2, 10-14→3, 15-20→4."""
    number = int(root)
    return 0 if number <= 1 else 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4


def score_classes(
    pairs: Sequence[tuple[GoldClass, Sequence[Event]]],
    metrics: dict[str, float],
    confusions: Counter[tuple[str, str]],
) -> None:
    """5-class accuracy: a sentence's class is its most confident event's; no event is class 0."""
    right = 0
    for gold, coded in pairs:
        event = main_event(coded)
        label = root_class(event.cameo.root) if event else 0
        right += label == gold.label
        if label != gold.label:
            confusions[CLASS_NAMES[gold.label], CLASS_NAMES[label]] += 1
    metrics["accuracy"] = right / len(pairs)


def score_spans(
    pairs: Sequence[tuple[GoldTokens, Sequence[Event]]], metrics: dict[str, float], counts: dict[str, Counts]
) -> None:
    """Token precision/recall/F1 of the main event's actor (source) and recipient (target) spans."""
    totals = {"source": Counts(), "target": Counts()}
    for gold, coded in pairs:
        event = main_event(coded)
        for role, tags, entities in (
            ("source", ("S", "R"), event.actor if event else ()),
            ("target", ("T", "R"), event.recipient if event else ()),
        ):
            gold_tokens = {str(i) for i, tag in enumerate(gold.roles) if tag in tags}
            coded_tokens = {str(i) for i in _covered(gold, entities)}
            totals[role] += Counts.of(gold_tokens, coded_tokens)
    for role, total in totals.items():
        counts[role] = total
        metrics.update(
            {f"{role}.precision": total.precision, f"{role}.recall": total.recall, f"{role}.f1": total.f1}
        )


def _covered(gold: GoldTokens, entities: Sequence[Entity]) -> set[int]:
    """Indexes of the tokens that the entities' character spans overlap."""
    covered: set[int] = set()
    for entity in entities:
        start, end = entity.start, entity.end
        if start is None or end is None:
            start = gold.text.find(entity.text)
            if start < 0 or not entity.text:
                continue
            end = start + len(entity.text)
        covered.update(i for i, (s, e) in enumerate(gold.spans) if s < end and start < e)
    return covered
