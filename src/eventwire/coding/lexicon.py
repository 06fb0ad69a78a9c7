"""The trigger lexicon: which words carry which CAMEO event, loaded from data tables.

The loader knows nothing of the content: adding a trigger is a row in ``data/triggers.tsv``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from pathlib import Path

from eventwire.errors import DataError
from eventwire.tables import bundled, read_table

POS = ("VERB", "NOUN")


@dataclasses.dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    lemma: str
    particle: str | None  # "over" in "hand over"
    pos: str
    cameo: str
    object_class: str | None = None  # the object must belong to this class ...
    object_negated: bool = False  # ... or, when set, must not
    frame: str | None = None  # coded by the embedded verb: intent, appeal, demand, threat, refuse
    recipient: tuple[str, ...] = ()  # "obj", "dative" or prepositions
    needs_recipient: bool = False

    @property
    def specificity(self) -> int:
        return (self.particle is not None) * 2 + (self.object_class is not None and not self.object_negated)


@dataclasses.dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger rules by (lemma, pos), object classes by lemma, frame codes."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    object_classes: dict[str, frozenset[str]]
    frames: dict[tuple[str, str], str]

    def rules_for(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        return self.rules.get((lemma.lower(), pos), ())

    def classes_of(self, lemma: str) -> frozenset[str]:
        return self.object_classes.get(lemma.lower(), frozenset())

    def frame_code(self, frame: str, embedded_root: str | None) -> str | None:
        """The code of a framed event: ``intent`` + an aid verb (root 07) -> 033."""
        if embedded_root is not None and (frame, embedded_root) in self.frames:
            return self.frames[(frame, embedded_root)]
        return self.frames.get((frame, "*"))

    @classmethod
    def load(
        cls, triggers: Path | None = None, objects: Path | None = None, frames: Path | None = None
    ) -> Lexicon:
        """Load the lexicon; paths default to the bundled tables."""
        return cls(
            rules=_load_rules(triggers or bundled("triggers.tsv")),
            object_classes=_load_objects(objects or bundled("object_classes.tsv")),
            frames=_load_frames(frames or bundled("frame_codes.tsv")),
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
        obj = row["object"]
        frame = obj[1:] if obj.startswith("=") else None
        negated = obj.startswith("!")
        object_class = None if frame or not obj else obj.lstrip("!")
        rule = TriggerRule(
            lemma=words[0],
            particle=words[1] if len(words) == 2 else None,
            pos=row["pos"],
            cameo=code,
            object_class=object_class,
            object_negated=negated,
            frame=frame,
            recipient=tuple(m for m in row["recipient"].split(",") if m),
            needs_recipient=row["needs_recipient"] == "yes",
        )
        rules[(rule.lemma, rule.pos)].append(rule)
    return {key: tuple(sorted(group, key=lambda r: -r.specificity)) for key, group in rules.items()}


def _load_objects(path: Path) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for _, row in read_table(path, ("class", "lemmas")):
        for lemma in row["lemmas"].split("|"):
            if lemma:
                classes[lemma.lower()].add(row["class"])
    return {lemma: frozenset(names) for lemma, names in classes.items()}


def _load_frames(path: Path) -> dict[tuple[str, str], str]:
    frames: dict[tuple[str, str], str] = {}
    for number, row in read_table(path, ("frame", "embedded_root", "code")):
        if not row["code"].isdigit():
            raise DataError(str(path), number, f"not a CAMEO code: {row['code']!r}")
        frames[(row["frame"], row["embedded_root"])] = row["code"]
    return frames
