"""The trigger lexicon: which words carry which CAMEO event, loaded from data tables.

The loader knows nothing of the content: adding a trigger is a row in ``data/triggers.tsv``, a word
class (objects that refine a code, nouns that can act, light and control verbs) a word in
``data/object_classes.tsv`` or ``data/verb_classes.tsv``, and a framed code a row in
``data/frame_codes.tsv``. User verb patterns (:mod:`eventwire.coding.verb_patterns`, ``--verbs``) ride
along: for the verbs they list they take the place of the trigger rows.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from eventwire.coding.verb_patterns import VerbPatterns
from eventwire.errors import DataError
from eventwire.tables import bundled, read_table

POS = ("VERB", "NOUN")
NEEDS = ("yes", "no", "embedded", "")
ROOT_LENGTH = 2


@dataclasses.dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    lemma: str
    particle: str | None  # "over" in "hand over"
    pos: str
    cameo: str
    object_classes: tuple[str, ...] = ()  # the object must belong to all these classes ...
    object_negated: bool = False  # ... or, when set, to none of them
    frame: str | None = None  # coded by the embedded event: intent, appeal, demand, threat, ...
    recipient: tuple[str, ...] = ()  # "obj", "dative", "clause" or prepositions
    needs_recipient: bool = False
    embedded_only: bool = False  # the row codes only an event that a frame embeds
    fixed: bool = False  # a user pattern's code: it stands as written, modality does not recode it

    @property
    def object_class(self) -> str | None:
        """The first object class (most rules name one)."""
        return self.object_classes[0] if self.object_classes else None

    @property
    def specificity(self) -> int:
        own = 0 if self.object_negated else len(self.object_classes)
        return (self.particle is not None) * 2 + own


@dataclasses.dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger rules by (lemma, pos), word classes by lemma, frame codes."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    object_classes: dict[str, frozenset[str]]
    frames: dict[tuple[str, str], str]
    verb_classes: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    patterns: VerbPatterns = dataclasses.field(default_factory=VerbPatterns)

    def rules_for(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        return self.rules.get((lemma.lower(), pos), ())

    def classes_of(self, lemma: str) -> frozenset[str]:
        return self.object_classes.get(lemma.lower(), frozenset())

    def verb_is(self, lemma: str, verb_class: str) -> bool:
        """Whether the verb ``lemma`` belongs to ``verb_class`` (light, raising, object_control)."""
        return verb_class in self.verb_classes.get(lemma.lower(), frozenset())

    def knows_verb(self, lemma: str) -> bool:
        """Whether ``lemma`` is a verb of the lexicon: a trigger or a member of a verb class."""
        return (
            bool(self.rules_for(lemma, "VERB"))
            or lemma.lower() in self.verb_classes
            or self.patterns.knows(lemma)
        )

    def with_patterns(self, paths: Sequence[str | Path]) -> Lexicon:
        """This lexicon with the verb-pattern and discard files ``paths`` (none: itself).

        Raises:
            DataError: a file is missing or malformed.
        """
        return dataclasses.replace(self, patterns=VerbPatterns.load(paths)) if paths else self

    def frame_code(self, frame: str, embedded: str | None, *, fallback: bool = True) -> str | None:
        """The code of a framed event, by the longest prefix of the embedded event's code.

        ``intent`` + an aid verb (07) -> 033; ``appeal`` + humanitarian aid (073) -> 0233. Without a
        row for the prefix, the frame's ``*`` row, unless ``fallback`` is false.
        """
        if embedded is not None:
            for length in range(len(embedded), ROOT_LENGTH - 1, -1):
                if (code := self.frames.get((frame, embedded[:length]))) is not None:
                    return code
        return self.frames.get((frame, "*")) if fallback else None

    def codes(self) -> frozenset[str]:
        """Every CAMEO code the lexicon can produce: its triggers' codes and its frame codes."""
        own = {rule.cameo for rules in self.rules.values() for rule in rules}
        return frozenset(own | set(self.frames.values()))

    @classmethod
    def load(
        cls,
        triggers: Path | None = None,
        objects: Path | None = None,
        frames: Path | None = None,
        verbs: Path | None = None,
    ) -> Lexicon:
        """Load the lexicon; paths default to the bundled tables."""
        return cls(
            rules=_load_rules(triggers or bundled("triggers.tsv")),
            object_classes=_load_classes(objects or bundled("object_classes.tsv")),
            frames=_load_frames(frames or bundled("frame_codes.tsv")),
            verb_classes=_load_classes(verbs or bundled("verb_classes.tsv")),
        )


@functools.cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once."""
    return Lexicon.load()


def _load_rules(path: Path) -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    rules: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
    columns = ("trigger", "pos", "object", "cameo", "recipient", "needs_recipient")
    for number, row in read_table(path, columns):
        words = row["trigger"].lower().split()
        if not words or len(words) > 2:
            raise DataError(
                str(path), number, f"trigger must be a word or a verb and particle: {row['trigger']!r}"
            )
        if row["pos"] not in POS:
            raise DataError(str(path), number, f"pos must be one of {', '.join(POS)}: {row['pos']!r}")
        code = row["cameo"]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise DataError(str(path), number, f"not a CAMEO code: {code!r}")
        if row["needs_recipient"] not in NEEDS:
            raise DataError(
                str(path), number, f"needs_recipient must be yes, no or embedded: {row['needs_recipient']!r}"
            )
        obj = row["object"]
        frame = obj[1:] if obj.startswith("=") else None
        if frame is not None and not frame:
            raise DataError(str(path), number, "'=' must name a frame")
        negated = obj.startswith("!")
        classes = () if frame or not obj else tuple(c for c in obj.lstrip("!").split("+") if c)
        rule = TriggerRule(
            lemma=words[0],
            particle=words[1] if len(words) == 2 else None,
            pos=row["pos"],
            cameo=code,
            object_classes=classes,
            object_negated=negated,
            frame=frame,
            recipient=tuple(m for m in row["recipient"].split(",") if m),
            needs_recipient=row["needs_recipient"] == "yes",
            embedded_only=row["needs_recipient"] == "embedded",
        )
        rules[(rule.lemma, rule.pos)].append(rule)
    return {key: tuple(sorted(group, key=lambda r: -r.specificity)) for key, group in rules.items()}


def _load_classes(path: Path) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for _, row in read_table(path, ("class", "lemmas")):
        for lemma in row["lemmas"].split("|"):
            if lemma:
                classes[lemma.lower()].add(row["class"])
    return {lemma: frozenset(names) for lemma, names in classes.items()}


def _load_frames(path: Path) -> dict[tuple[str, str], str]:
    frames: dict[tuple[str, str], str] = {}
    for number, row in read_table(path, ("frame", "embedded", "code")):
        embedded = row["embedded"]
        if not row["code"].isdigit():
            raise DataError(str(path), number, f"not a CAMEO code: {row['code']!r}")
        if embedded != "*" and not (embedded.isdigit() and ROOT_LENGTH <= len(embedded) <= 4):
            raise DataError(str(path), number, f"embedded must be a CAMEO code prefix or '*': {embedded!r}")
        if (row["frame"], embedded) in frames:
            raise DataError(str(path), number, f"frame {row['frame']} repeats {embedded}")
        frames[(row["frame"], embedded)] = row["code"]
    return frames
