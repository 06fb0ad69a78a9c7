"""When an event happened: date phrases resolved against the publication date.

``parse_date_phrase`` turns one phrase ("back in September", "over the past year") into an
:class:`~eventwire.records.EventDate`; ``resolve_event_date`` picks the phrase of a sentence that
governs an event trigger. Word lists (months, units, prefixes, future markers) live in
``data/date_phrases.tsv``; dateparser resolves what the small rules here leave to it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from dateparser.date import DateDataParser
from spacy.tokens import Span, Token

from eventwire.errors import DataError
from eventwire.records import EventDate
from eventwire.tables import bundled, read_table

Prefer = Literal["past", "future"]

_VALUED = ("month", "weekday", "number", "unit")
_PHRASES = ("prefix", "lead", "part_of_day", "deictic", "lookback", "lookahead", "since")
KINDS = (*_VALUED, *_PHRASES, "future_aux", "future_verb", "future_word")
# Two reference dates that differ only in the year: a phrase that resolves the same against both
# names its date outright; one that does not is relative and needs a publication date.
_PROBES = (dt.date(2001, 6, 15), dt.date(2011, 6, 15))
_VERBAL = ("VERB", "AUX")
_CLAUSE_DEPS = ("ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "parataxis", "csubj", "pcomp")
_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
_CLOCK = re.compile(
    r"\b(?:at\s+)?(?:around\s+|about\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\d{1,2}:\d{2}|noon|midnight)(?:\s+gmt|\s+utc)?"
)
_BETWEEN = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till)\s+(.+)$")
_DECADE = re.compile(r"^(?:the\s+)?(\d{3})0s$")
_WEEKEND = re.compile(r"^(?:(this|last|next|the)\s+)?weekend$")


@dataclasses.dataclass(frozen=True, slots=True)
class DateTables:
    """The date word lists of ``data/date_phrases.tsv``, by kind, and the patterns built from them."""

    words: Mapping[str, Mapping[str, str]]
    lookaround: re.Pattern[str]
    duration: re.Pattern[str]
    month_day: re.Pattern[str]
    mentions: re.Pattern[str]

    def kind(self, kind: str) -> Mapping[str, str]:
        return self.words.get(kind, {})

    @classmethod
    def load(cls, path: Path | None = None) -> DateTables:
        """Read a date phrase table (``kind``, ``phrase``, ``value`` columns)."""
        path = path or bundled("date_phrases.tsv")
        words: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        for number, row in read_table(path, ("kind", "phrase", "value")):
            kind, phrase, value = row["kind"], row["phrase"].lower(), row["value"]
            if kind not in KINDS:
                raise DataError(str(path), number, f"kind must be one of {', '.join(KINDS)}")
            numeric = kind in ("month", "weekday", "number")
            bad_unit = kind == "unit" and not re.fullmatch(r"\d+ (days|months|hours)", value)
            if (numeric and not value.isdigit()) or bad_unit:
                raise DataError(str(path), number, f"bad value {value!r} for kind {kind}")
            words[kind][phrase] = value

        def alt(*kinds: str) -> str:
            names = sorted({w for k in kinds for w in words[k]}, key=len, reverse=True)
            return "|".join(re.escape(w) for w in names) or "(?!)"

        count, unit = rf"(?:\d+|{alt('number')})", rf"(?:{alt('unit')})s?"
        lookaround = re.compile(
            rf"^(?P<the>the\s+)?(?P<dir>{alt('lookback', 'lookahead')})\s+"
            rf"(?:(?P<n>{count})\s+)?(?P<unit>{alt('unit')})s?$"
        )
        duration = re.compile(
            rf"^(?:(?:the|a|an)\s+)?{count}(?:\s+|-)(?:more\s+)?{unit}(?:\s+(?:long|old))?$"
        )
        month_day = re.compile(
            rf"^(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{alt('month')})\.?"
            rf"(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:\s+(?P<rel>last|this|next)\s+year)?$"
        )
        names = "|".join(
            re.escape(w.title()) for w in sorted({*words["month"], *words["weekday"]}, key=len)[::-1]
        )
        relative = rf"\b(?:{alt('deictic')})\b|\b(?:this|last|next)\s+(?:{alt('part_of_day', 'unit')})\b"
        mentions = re.compile(rf"\b(?:{names})\b|(?i:{relative})")
        return cls(words, lookaround, duration, month_day, mentions)


@functools.cache
def default_tables() -> DateTables:
    return DateTables.load()


def _day(day: dt.date, text: str) -> EventDate:
    return EventDate(day.isoformat(), "day", text, day, day)


def _month(year: int, month: int, text: str) -> EventDate:
    last = calendar.monthrange(year, month)[1]
    return EventDate(
        f"{year:04d}-{month:02d}", "month", text, dt.date(year, month, 1), dt.date(year, month, last)
    )


def _year(year: int, text: str) -> EventDate:
    return EventDate(f"{year:04d}", "year", text, dt.date(year, 1, 1), dt.date(year, 12, 31))


def _range(earliest: dt.date | None, latest: dt.date | None, text: str) -> EventDate:
    return EventDate(None, None, text, earliest, latest)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _shift(day: dt.date, count: int, unit_value: str) -> dt.date:
    """``day`` moved by ``count`` units of a unit table value ("7 days", "12 months", "1 hours")."""
    size, name = unit_value.split()
    amount = count * int(size)
    if name == "months":
        return _add_months(day, amount)
    return day + dt.timedelta(days=-(-amount // 24) if name == "hours" else amount)


def _normalise(text: str) -> str:
    phrase = text.lower().replace("\u2013", "-").replace("\u2014", "-").replace(",", " ")
    phrase = _CLOCK.sub(" ", phrase)
    phrase = re.sub(r"(?<=[a-z])-(?=[a-z0-9])", " ", phrase)
    phrase = re.sub(r"'s\b", "", phrase)
    return " ".join(phrase.split()).strip(" .;:!?\"'()[]")


def _strip_prefixes(phrase: str, tables: DateTables) -> str:
    prefixes = sorted(tables.kind("prefix"), key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for prefix in prefixes:
            if phrase.startswith(prefix + " "):
                phrase, stripped = phrase[len(prefix) + 1 :], True
                break
    words = phrase.split()
    if len(words) > 1 and words[-1] in tables.kind("part_of_day") and words[-2] not in ("this", "last"):
        phrase = " ".join(words[:-1])  # "monday morning" is Monday; "last night" stays for dateparser
    return phrase


# Pure in its arguments, and dateparser is slow: the same phrase recurs for every event of a sentence.
@functools.lru_cache(maxsize=8192)
def parse_date_phrase(text: str, published: dt.date | None, *, prefer: Prefer = "past") -> EventDate | None:
    """Resolve one date expression against the publication date.

    Args:
        text: the phrase as written ("back in September", "late on Thursday", "24 February 2022").
        published: the publication date relative phrases resolve against; without it only dates
            that name their year ("in 2019", "3 June 2024") resolve.
        prefer: whether a bare month or weekday means the last one ("past") or the next ("future").

    Returns:
        The date with its precision and bounds (a range has no value or precision), or None when
        the phrase is not a point or span in time (durations such as "for three days") or cannot
        be resolved.
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    try:
        return _parse(_normalise(text), text.strip(), published, prefer, default_tables())
    except (ValueError, OverflowError):  # a date out of range ("31 June", year 0)
        return None


def _parse(
    phrase: str, text: str, published: dt.date | None, prefer: Prefer, tables: DateTables
) -> EventDate | None:
    if not phrase:
        return None
    if between := _BETWEEN.match(phrase):
        return _between(between[1], between[2], text, published, prefer, tables)
    for since in sorted(tables.kind("since"), key=len, reverse=True):
        if phrase.startswith(since + " "):
            start = _parse(phrase[len(since) + 1 :], text, published, "past", tables)
            return _range(start.earliest, published, text) if start and start.earliest else None
    phrase = _strip_prefixes(phrase, tables)
    if decade := _DECADE.match(phrase):
        first = int(decade[1]) * 10
        return _range(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), text)
    if tables.duration.match(phrase) or phrase in tables.kind("part_of_day") or phrase in tables.kind("unit"):
        return None  # "four years", "20 hours", "morning": no point in time
    if phrase.isdigit() and len(phrase) != 4:
        return None  # dateparser reads "4" as April
    if published is None:
        return _absolute(phrase, text, prefer)
    return (
        _lookaround(phrase, text, published, tables)
        or _weekend(phrase, text, published, prefer)
        or _month_day(phrase, text, published, prefer, tables)
        or _weekday(phrase, text, published, prefer, tables)
        or _dateparser(phrase, text, published, prefer)
    )


def _between(
    first: str, second: str, text: str, published: dt.date | None, prefer: Prefer, tables: DateTables
) -> EventDate | None:
    end = _parse(second, text, published, prefer, tables)
    start = _parse(first, text, published, prefer, tables)
    if end is None or end.latest is None or start is None or start.earliest is None:
        return None
    if start.earliest > end.latest:  # "from March to May 2023": the start lies before the end
        start = _parse(first, text, end.latest, "past", tables)
        if start is None or start.earliest is None or start.earliest > end.latest:
            return None
    return _range(start.earliest, end.latest, text)


def _lookaround(phrase: str, text: str, published: dt.date, tables: DateTables) -> EventDate | None:
    """Ranges back or ahead from publication: "the past two weeks", "in recent months", "the coming days"."""
    match = tables.lookaround.match(phrase)
    if match is None:
        return None
    direction, count_word = match["dir"], match["n"]
    if not (match["the"] or count_word or direction in ("past", "recent", "coming")):
        return None  # "last year", "next week": calendar units, left to dateparser
    plural = phrase.endswith("s")
    if count_word is None:
        count = int(tables.kind("number").get("few", "3")) if plural else 1
    else:
        count = int(count_word) if count_word.isdigit() else int(tables.kind("number")[count_word])
    unit_value = tables.kind("unit")[match["unit"]]
    if direction in tables.kind("lookahead"):
        return _range(published, _shift(published, count, unit_value), text)
    return _range(_shift(published, -count, unit_value), published, text)


def _weekend(phrase: str, text: str, published: dt.date, prefer: Prefer) -> EventDate | None:
    match = _WEEKEND.match(phrase)
    if match is None:
        return None
    if match[1] == "next" or (prefer == "future" and match[1] != "last"):
        saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7)
        return _range(max(saturday, published), saturday + dt.timedelta(days=1), text)
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    return _range(saturday, min(saturday + dt.timedelta(days=1), published), text)


def _month_day(
    phrase: str, text: str, published: dt.date, prefer: Prefer, tables: DateTables
) -> EventDate | None:
    """Month names without a year: "September", "3 June", "June 3", "March last year"."""
    match = tables.month_day.match(phrase)
    if match is None:
        return None
    month = int(tables.kind("month")[match["month"]])
    day_text = match["d1"] or match["d2"]
    if match["rel"]:
        year = published.year + {"last": -1, "this": 0, "next": 1}[match["rel"]]
        return _day(dt.date(year, month, int(day_text)), text) if day_text else _month(year, month, text)
    if day_text is None:
        year = published.year
        if prefer == "past" and month > published.month:
            year -= 1
        elif prefer == "future" and month < published.month:
            year += 1
        return _month(year, month, text)
    day = int(day_text)
    year = published.year
    if prefer == "past" and (month, day) > (published.month, published.day):
        year -= 1
    elif prefer == "future" and (month, day) < (published.month, published.day):
        year += 1
    return _day(dt.date(year, month, day), text)


def _weekday(
    phrase: str, text: str, published: dt.date, prefer: Prefer, tables: DateTables
) -> EventDate | None:
    """A bare weekday: the last one (or the next one), the publication day itself if it matches."""
    if phrase not in tables.kind("weekday"):
        return None
    weekday = int(tables.kind("weekday")[phrase])
    if prefer == "future":
        return _day(published + dt.timedelta(days=(weekday - published.weekday()) % 7), text)
    return _day(published - dt.timedelta(days=(published.weekday() - weekday) % 7), text)


def _dateparser(
    phrase: str, text: str, published: dt.date, prefer: Prefer, *, require_year: bool = False
) -> EventDate | None:
    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    if require_year:
        settings["REQUIRE_PARTS"] = ["year"]
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    found: dt.datetime | None = data.date_obj
    if found is None:
        return None
    day = found.date()
    if data.period in ("day", "part_of_day"):
        return _day(day, text)
    if data.period == "month":
        return _month(day.year, day.month, text)
    if data.period == "year":
        return _year(day.year, text)
    if data.period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        sunday = monday + dt.timedelta(days=6)
        if monday <= published <= sunday:
            return _range(monday, published, text) if prefer == "past" else _range(published, sunday, text)
        return _range(monday, sunday, text)
    return None  # "time": a clock time or a count of hours, not a day


def _absolute(phrase: str, text: str, prefer: Prefer) -> EventDate | None:
    """A phrase read without a publication date: only what resolves the same on any reference date."""
    first, second = (_dateparser(phrase, text, probe, prefer, require_year=True) for probe in _PROBES)
    return first if first == second else None


def _clause(trigger: Token) -> list[Token]:
    """The trigger and the words that carry its clause: a verb over a noun trigger, governors of 'to'."""
    tokens, token = [trigger], trigger
    while token.head.i != token.i and (token.pos_ not in _VERBAL or token.dep_ == "xcomp"):
        token = token.head
        tokens.append(token)
    return tokens


def _governor(span: Span, trigger: Token) -> Token | None:
    """The trigger or the first verb above a date phrase in the dependency tree."""
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if token.i == trigger.i or token.pos_ in _VERBAL:
            return token
    return None


_DATE_LABELS = frozenset(("DATE", "TIME"))


def _entities(sent: Span, labels: frozenset[str]) -> list[Span]:
    """The named entities of a sentence with one of ``labels``, read from the tokens' IOB tags
    (``sent.ents`` builds a span for every entity of the whole doc, at each sentence)."""
    doc, found, start = sent.doc, [], None
    for token in sent:
        if start is not None and token.ent_iob_ != "I":
            found.append(doc[start : token.i])
            start = None
        if token.ent_iob_ == "B" and token.ent_type_ in labels:
            start = token.i
    if start is not None:
        found.append(doc[start : sent.end])
    return found


def _candidates(sent: Span, tables: DateTables) -> list[Span]:
    """Date phrases of a sentence: DATE/TIME entities and table words, widened over leading words."""
    doc, spans = sent.doc, _entities(sent, _DATE_LABELS)
    for match in tables.mentions.finditer(sent.text):
        span = doc.char_span(
            sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand"
        )
        if span is not None and span[0].pos_ not in _VERBAL:  # "May" the modal is no month
            spans.append(span)
    lead = tables.kind("lead")
    widened: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        start = span.start
        while start > sent.start and span.start - start < 3 and doc[start - 1].lower_ in lead:
            start -= 1
        if widened and span.start <= widened[-1][1]:  # "Monday" + "morning"; not "in 24 years" + "on 3 May"
            widened[-1] = (widened[-1][0], max(widened[-1][1], span.end))
        else:
            widened.append((start, span.end))
    return [doc[start:end] for start, end in widened]


def _is_future(clause: list[Token], tables: DateTables) -> bool:
    for token in clause:
        if any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in tables.kind("future_aux") for c in token.children
        ):
            return True
        if token is not clause[0] and token.lemma_.lower() in tables.kind("future_verb"):
            return True
    return False


def date_phrases(sent: Span) -> list[Span]:
    """The date phrases of a sentence, to reuse for each of its events."""
    return _candidates(sent, default_tables())


def resolve_event_date(
    sent: Span, trigger: Token, published: dt.date | None, *, phrases: Sequence[Span] | None = None
) -> EventDate | None:
    """The date a sentence gives for the event its trigger names.

    A date phrase attached to the trigger's clause wins (the most precise, then the nearest);
    otherwise the nearest phrase that hangs on no other clause and has no other clause's verb
    between it and the trigger. Durations ("for three days", "the first in four years") never count.

    Args:
        sent: the sentence holding the trigger.
        trigger: the word that carries the event.
        published: the publication date relative phrases resolve against.
        phrases: the sentence's date phrases from :func:`date_phrases`, when already found.

    Returns:
        The resolved date, or None when the sentence gives none for this event.
    """
    tables = default_tables()
    clause = _clause(trigger)
    clause_ids = {t.i for t in clause}
    ancestors = {t.i for t in trigger.ancestors}
    future = _is_future(clause, tables)
    best: tuple[bool, int, int, EventDate] | None = None
    for span in _candidates(sent, tables) if phrases is None else phrases:
        if span.start <= trigger.i < span.end:
            continue
        governor = _governor(span, trigger)
        attached = governor is not None and governor.i in clause_ids
        if not attached:
            if governor is not None and governor.i not in ancestors:
                continue  # the date of another clause ("who visited Japan in 2019")
            low, high = sorted((span.start, trigger.i))
            between = sent.doc[low:high]
            if any(t.pos_ == "VERB" and t.dep_ in _CLAUSE_DEPS and t.i not in clause_ids for t in between):
                continue
        ahead = future or any(t.lower_ in tables.kind("future_word") for t in span)
        date = parse_date_phrase(span.text, published, prefer="future" if ahead else "past")
        if date is None:
            continue
        distance = min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))
        key = (not attached, _RANK[date.precision], distance, date)
        if best is None or key[:3] < best[:3]:
            best = key
    return best[3] if best else None


def fronted_date(
    sent: Span, published: dt.date | None, *, phrases: Sequence[Span] | None = None
) -> EventDate | None:
    """The date of a sentence-initial adverbial set off by a comma ("In February, ..."), which scopes
    over every clause of the sentence, however the parser attached it."""
    spans = _candidates(sent, default_tables()) if phrases is None else phrases
    if not spans:
        return None
    first = spans[0]
    opening = [t for t in sent.doc[sent.start : first.start] if not (t.is_punct or t.is_space)]
    if len(opening) > 1 or first.end >= sent.end or sent.doc[first.end].text != ",":
        return None
    return parse_date_phrase(first.text, published)
