"""Readers of gold files, one per format, and the detection of a file's format.

- ``petrarch``: PETRARCH unit-test XML (``<Sentence>`` with ``<Text>`` and ``<EventCoding sourcecode
  targetcode eventcode>``, or ``noevents``/``error``, which expect no event).
- ``plover``: the PLOVER gold-standard JSON (a list of records with ``text``, ``event``, ``source``,
  ``target``); its PLOVER 0.5b1 labels are mapped to PLOVER 2.0.
- ``conflibert-class``: ConfliBERT's ``sentence<TAB>label`` TSV, labels 0-4.
- ``conflibert-ner``: ConfliBERT's CoNLL ``token tag`` lines (B/I-S source, B/I-T target, B/I-R both),
  sentences separated by blank lines.
- ``eventwire``: our own JSONL, one sentence a line (see ``docs/ACCURACY.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluate.gold import (
    GoldClass,
    GoldEvent,
    GoldFile,
    GoldFormat,
    GoldItem,
    GoldSentence,
    GoldTokens,
    Role,
)
from eventwire.tables import bundled, read_table

# PLOVER 0.5b1 event types that PLOVER 2.0 renamed or merged.
PLOVER_05_TO_20 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

SUFFIX_FORMATS: dict[str, GoldFormat] = {
    ".xml": "petrarch",
    ".json": "plover",
    ".tsv": "conflibert-class",
    ".conll": "conflibert-ner",
    ".jsonl": "eventwire",
}
NER_TAGS = frozenset({"O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R"})
# CoNLL tokens written without a space before them / after them when the sentence text is rebuilt.
NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ";",
        ":",
        "!",
        "?",
        ")",
        "]",
        "}",
        "%",
        "'s",
        "'",
        "n't",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
        "''",
        "’s",
        "ʼs",
    }
)
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})
APOSTROPHES = frozenset({"’", "'"})


def read_gold(path: str | Path, *, limit: int | None = None, format: GoldFormat | None = None) -> GoldFile:
    """Read a gold file.

    Args:
        path: the file.
        limit: keep only its first ``limit`` items (all when None).
        format: the gold format; detected from the name and content when None.

    Returns:
        The file's items with its name, format and sha256.

    Raises:
        InputError: the file cannot be read, its format is not known, or an item is malformed.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason})") from exc
    kind = format or detect_format(path, text)
    items = tuple(READERS[kind](str(path), text))
    kept = items if limit is None else items[: max(limit, 0)]
    return GoldFile(
        path=str(path),
        name=path.name,
        format=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        items=kept,
        total=len(items),
    )


def detect_format(path: Path, text: str) -> GoldFormat:
    """The gold format of a file, from its suffix, else from its first line."""
    if path.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[path.suffix.lower()]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    fields = first.split()
    if first.startswith("<"):
        return "petrarch"
    if first.startswith("["):
        return "plover"
    if first.startswith("{"):
        return "eventwire"
    if len(fields) == 2 and fields[1] in NER_TAGS:
        return "conflibert-ner"
    if re.fullmatch(r".+\t[0-4]", first):
        return "conflibert-class"
    raise InputError(
        str(path),
        "unknown gold format (want PETRARCH .xml, PLOVER .json, ConfliBERT .tsv or "
        "CoNLL, or eventwire .jsonl)",
    )


def read_petrarch(path: str, text: str) -> Iterator[GoldSentence]:
    """Sentences of PETRARCH unit-test records; the actor labels are the codes' first three letters."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(path, f"not well-formed XML ({exc})", line=exc.position[0]) from exc
    for number, sentence in enumerate(root.iter("Sentence"), start=1):
        ident = sentence.get("id") or f"sentence-{number}"
        body = " ".join((sentence.findtext("Text") or "").split())
        if not body:
            raise InputError(path, f"sentence {ident} has no <Text>")
        events = tuple(
            GoldEvent(
                actor=_petrarch_actor(coding.get("sourcecode")),
                recipient=_petrarch_actor(coding.get("targetcode")),
                cameo=code,
                source_code=_petrarch_code(coding.get("sourcecode")),
                target_code=_petrarch_code(coding.get("targetcode")),
            )
            for coding in sentence.iter("EventCoding")
            if (code := coding.get("eventcode"))
        )
        yield GoldSentence(ident, body, events, published=_compact_date(sentence.get("date")))


def _petrarch_actor(code: str | None) -> tuple[str, ...]:
    country = (code or "")[:3]
    return (country,) if country.isalpha() else ()


def _petrarch_code(code: str | None) -> str:
    return (code or "").strip().upper() or "---"


def _compact_date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(value or "", "%Y%m%d").date()
    except ValueError:
        return None


def read_plover(path: str, text: str) -> Iterator[GoldSentence]:
    """Sentences of the PLOVER gold records, one event each; documentation records are skipped."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON ({exc.msg})", line=exc.lineno) from exc
    if not isinstance(records, list):
        raise InputError(path, "a PLOVER gold file is a JSON list of records")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(path, f"record {number} is not an object")
        body, event = record.get("text"), record.get("event")
        if not isinstance(body, str) or not body.strip() or not isinstance(event, str):
            continue  # the DOCUMENT record and others without a sentence
        gold = GoldEvent(
            actor=_plover_actors(record.get("source")),
            recipient=_plover_actors(record.get("target")),
            plover=PLOVER_05_TO_20.get(event.upper(), event.upper()),
        )
        published = _iso_date(record.get("date"))
        yield GoldSentence(str(record.get("id") or f"record-{number}"), body.strip(), (gold,), published)


def _plover_actors(value: Any) -> tuple[str, ...]:
    actors = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    codes = (str(a.get("code") or "").upper() for a in actors if isinstance(a, dict))
    return tuple(_cameo_to_iso().get(c, c) for c in codes if c and c != "---")


@functools.lru_cache(maxsize=1)
def _cameo_to_iso() -> dict[str, str]:
    """CAMEO country codes that differ from the ISO code, from the bundled country table."""
    rows = read_table(bundled("countries.tsv"), ("iso3", "cameo"))
    return {row["cameo"]: row["iso3"] for _, row in rows if row["cameo"] and row["cameo"] != row["iso3"]}


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def read_conflibert_class(path: str, text: str) -> Iterator[GoldClass]:
    """Sentences of a ConfliBERT ``sentence<TAB>label`` file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        body, _, label = line.rpartition("\t")
        if not body.strip() or label.strip() not in {"0", "1", "2", "3", "4"}:
            raise InputError(path, "want sentence<TAB>label with a label 0-4", line=number)
        yield GoldClass(f"line-{number}", body.strip(), int(label))


def read_conflibert_ner(path: str, text: str) -> Iterator[GoldTokens]:
    """Sentences of a CoNLL ``token tag`` file; the text is rebuilt from the tokens."""
    tokens: list[tuple[str, Role]] = []
    first = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if not line.strip():
            if tokens:
                yield _tokens_item(f"line-{first}", tokens)
            tokens = []
            continue
        fields = line.split()
        if len(fields) != 2 or fields[1] not in NER_TAGS:
            raise InputError(
                path, f"want 'token tag' with a tag in {', '.join(sorted(NER_TAGS))}", line=number
            )
        if not tokens:
            first = number
        tokens.append((fields[0], _role(fields[1])))


def _role(tag: str) -> Role:
    kind = tag[-1]
    return "S" if kind == "S" else "T" if kind == "T" else "R" if kind == "R" else "O"


def _tokens_item(ident: str, tokens: list[tuple[str, Role]]) -> GoldTokens:
    words = [token for token, _ in tokens]
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for i, token in enumerate(words):
        if i and not _joined(words, i):
            parts.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return GoldTokens(ident, "".join(parts), tuple(spans), tuple(role for _, role in tokens))


def _joined(words: list[str], i: int) -> bool:
    """Whether token ``i`` was written without a space before it: after an opening bracket, before a
    closing one or punctuation, and inside words the tokenizer split (``Iran ’ s``, ``al - Assad``,
    ``352 . 5``), which the parser would otherwise read as separate words."""
    before, token = words[i - 1], words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    if token in NO_SPACE_BEFORE or before in NO_SPACE_AFTER:
        return True
    if (token in APOSTROPHES and after == "s") or (before in APOSTROPHES and token == "s"):
        return True
    for mark, kind in (("-", str.isalnum), (".", str.isdigit)):
        if token == mark:
            left, right = before, after
        elif before == mark and i >= 2:
            left, right = words[i - 2], token
        else:
            continue
        if kind(left[-1:]) and kind(right[:1]):
            return True
    return False


def read_eventwire(path: str, text: str) -> Iterator[GoldSentence]:
    """Sentences of eventwire's JSONL gold format (``docs/ACCURACY.md``)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON ({exc.msg})", line=number) from exc
        body = record.get("text") if isinstance(record, dict) else None
        events = record.get("events", []) if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip() or not isinstance(events, list):
            raise InputError(path, "want an object with a 'text' string and an 'events' list", line=number)
        published = record.get("published")
        date = _iso_date(published)
        if published and date is None:
            raise InputError(path, f"'published' is not YYYY-MM-DD: {published!r}", line=number)
        gold = tuple(_eventwire_event(path, number, e) for e in events)
        yield GoldSentence(str(record.get("id") or f"line-{number}"), body, gold, date)


def _eventwire_event(path: str, line: int, value: Any) -> GoldEvent:
    if not isinstance(value, dict):
        raise InputError(path, "each of 'events' is an object", line=line)
    unknown = sorted(set(value) - {"actor", "recipient", "cameo", "plover", "modality"})
    if unknown:
        raise InputError(path, f"unknown event field(s): {', '.join(unknown)}", line=line)
    cameo = value.get("cameo")
    if cameo is not None and not (isinstance(cameo, str) and re.fullmatch(r"\d{2,4}", cameo)):
        raise InputError(path, f"'cameo' is a code of 2-4 digits as a string: {cameo!r}", line=line)
    return GoldEvent(
        actor=_labels(path, line, value, "actor"),
        recipient=_labels(path, line, value, "recipient"),
        cameo=None if cameo is None else str(cameo),
        plover=None if value.get("plover") is None else str(value["plover"]).upper(),
        modality=None if value.get("modality") is None else str(value["modality"]),
    )


def _labels(path: str, line: int, event: dict[str, Any], key: str) -> tuple[str, ...] | None:
    if key not in event:
        return None
    value = event[key]
    items = [] if value is None else [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise InputError(path, f"'{key}' is a code or a list of codes", line=line)
    return tuple(v.upper() for v in items if v)


READERS: dict[GoldFormat, Callable[[str, str], Iterator[GoldItem]]] = {
    "petrarch": read_petrarch,
    "plover": read_plover,
    "conflibert-class": read_conflibert_class,
    "conflibert-ner": read_conflibert_ner,
    "eventwire": read_eventwire,
}
