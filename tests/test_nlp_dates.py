"""Dates of events: phrases resolved against the publication date, and the phrase a trigger governs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from eventwire.config import DEFAULT_MODEL
from eventwire.errors import DataError
from eventwire.nlp.dates import (
    _DATE_LABELS,
    DateTables,
    Prefer,
    _entities,
    parse_date_phrase,
    resolve_event_date,
)

TUESDAY = dt.date(2024, 6, 18)
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(DEFAULT_MODEL)


@pytest.mark.parametrize(
    ("text", "published", "prefer", "value", "precision", "earliest", "latest"),
    [
        ("this evening", TUESDAY, "past", "2024-06-18", "day", "2024-06-18", "2024-06-18"),
        ("this morning", TUESDAY, "past", "2024-06-18", "day", "2024-06-18", "2024-06-18"),
        ("yesterday", TUESDAY, "past", "2024-06-17", "day", "2024-06-17", "2024-06-17"),
        ("last night", TUESDAY, "past", "2024-06-17", "day", "2024-06-17", "2024-06-17"),
        ("on Monday", TUESDAY, "past", "2024-06-17", "day", "2024-06-17", "2024-06-17"),
        ("on Tuesday", TUESDAY, "past", "2024-06-18", "day", "2024-06-18", "2024-06-18"),
        ("on Monday", TUESDAY, "future", "2024-06-24", "day", "2024-06-24", "2024-06-24"),
        ("Friday", TUESDAY, "future", "2024-06-21", "day", "2024-06-21", "2024-06-21"),
        ("late on Thursday", TUESDAY, "past", "2024-06-13", "day", "2024-06-13", "2024-06-13"),
        ("Sunday night", TUESDAY, "past", "2024-06-16", "day", "2024-06-16", "2024-06-16"),
        ("June 3", TUESDAY, "past", "2024-06-03", "day", "2024-06-03", "2024-06-03"),
        ("June 30", TUESDAY, "past", "2023-06-30", "day", "2023-06-30", "2023-06-30"),
        ("June 30", TUESDAY, "future", "2024-06-30", "day", "2024-06-30", "2024-06-30"),
        ("3 June 2024", TUESDAY, "past", "2024-06-03", "day", "2024-06-03", "2024-06-03"),
        ("on 24 February 2022", TUESDAY, "past", "2022-02-24", "day", "2022-02-24", "2022-02-24"),
        ("in February", TUESDAY, "past", "2024-02", "month", "2024-02-01", "2024-02-29"),
        ("back in September", TUESDAY, "past", "2023-09", "month", "2023-09-01", "2023-09-30"),
        ("in September", TUESDAY, "future", "2024-09", "month", "2024-09-01", "2024-09-30"),
        ("in February", TUESDAY, "future", "2025-02", "month", "2025-02-01", "2025-02-28"),
        ("last month", TUESDAY, "past", "2024-05", "month", "2024-05-01", "2024-05-31"),
        ("earlier this month", TUESDAY, "past", "2024-06", "month", "2024-06-01", "2024-06-30"),
        ("mid-October", D("2024-11-02"), "past", "2024-10", "month", "2024-10-01", "2024-10-31"),
        ("in early March", TUESDAY, "past", "2024-03", "month", "2024-03-01", "2024-03-31"),
        ("the end of November", TUESDAY, "past", "2023-11", "month", "2023-11-01", "2023-11-30"),
        ("in March last year", TUESDAY, "past", "2023-03", "month", "2023-03-01", "2023-03-31"),
        ("in 2019", TUESDAY, "past", "2019", "year", "2019-01-01", "2019-12-31"),
        ("last year", TUESDAY, "past", "2023", "year", "2023-01-01", "2023-12-31"),
        ("four years ago", TUESDAY, "past", "2020", "year", "2020-01-01", "2020-12-31"),
        ("over the past year", TUESDAY, "past", None, None, "2023-06-18", "2024-06-18"),
        ("in the past two weeks", TUESDAY, "past", None, None, "2024-06-04", "2024-06-18"),
        ("the past 24 hours", TUESDAY, "past", None, None, "2024-06-17", "2024-06-18"),
        ("over the next three days", TUESDAY, "future", None, None, "2024-06-18", "2024-06-21"),
        ("since January", TUESDAY, "past", None, None, "2024-01-01", "2024-06-18"),
        ("since Monday", TUESDAY, "past", None, None, "2024-06-17", "2024-06-18"),
        ("between March and May", TUESDAY, "past", None, None, "2024-03-01", "2024-05-31"),
        ("between November and February", TUESDAY, "past", None, None, "2023-11-01", "2024-02-29"),
        ("from April to June 2021", TUESDAY, "past", None, None, "2021-04-01", "2021-06-30"),
        ("this week", TUESDAY, "past", None, None, "2024-06-17", "2024-06-18"),
        ("over the weekend", TUESDAY, "past", None, None, "2024-06-15", "2024-06-16"),
        ("the 1980s", TUESDAY, "past", None, None, "1980-01-01", "1989-12-31"),
    ],
)
def test_nlp_dates_phrase_resolves_with_precision(
    text: str,
    published: dt.date,
    prefer: Prefer,
    value: str | None,
    precision: str | None,
    earliest: str,
    latest: str,
) -> None:
    date = parse_date_phrase(text, published, prefer=prefer)
    assert date is not None
    assert (date.value, date.precision, date.earliest, date.latest) == (
        value,
        precision,
        D(earliest),
        D(latest),
    )
    assert date.text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("24 February 2022", "2022-02-24"),
        ("in 2019", "2019"),
        ("March 2020", "2020-03"),
        ("mid-2017", "2017"),
    ],
)
def test_nlp_dates_absolute_phrase_needs_no_publication_date(text: str, value: str) -> None:
    date = parse_date_phrase(text, None)
    assert date is not None and date.value == value


def test_nlp_dates_open_range_without_publication_date() -> None:
    date = parse_date_phrase("since 2019", None)
    assert date is not None and (date.earliest, date.latest) == (D("2019-01-01"), None)


@pytest.mark.parametrize(
    "text", ["yesterday", "on Monday", "back in September", "last year", "over the past year", "June 3"]
)
def test_nlp_dates_relative_phrase_needs_publication_date(text: str) -> None:
    assert parse_date_phrase(text, TUESDAY) is not None
    assert parse_date_phrase(text, None) is None


@pytest.mark.parametrize(
    "text",
    [
        "for three days",
        "in four years",
        "20 hours",
        "a 24-year",
        "at 5 p.m.",
        "morning",
        "the first time",
        "4",
        "",
        "   ",
        "June 31",
        "29 February 2023",
        "0000",
        "x" * 1000,
        "between yesterday and",
        "since",
    ],
)
def test_nlp_dates_durations_and_odd_input_give_none(text: str) -> None:
    assert parse_date_phrase(text, TUESDAY) is None


@pytest.mark.parametrize(
    ("sentence", "trigger", "published", "expected"),
    [
        ("The envoy arrived in Rome this evening.", "arrived", TUESDAY, ("2024-06-18", "day")),
        ("Back in September, the general flew to Oslo.", "flew", TUESDAY, ("2023-09", "month")),
        (
            "In February, the cabinet dispatched an envoy to Lima.",
            "dispatched",
            TUESDAY,
            ("2024-02", "month"),
        ),
        ("The king will tour Kenya in October.", "tour", TUESDAY, ("2024-10", "month")),
        ("The premier is expected to visit Hanoi in March.", "visit", TUESDAY, ("2025-03", "month")),
        ("The queen is to open the bridge in March.", "open", TUESDAY, ("2025-03", "month")),
        ("The minister plans to fly to Lagos on Friday.", "fly", TUESDAY, ("2024-06-21", "day")),
        (
            "The negotiations, the first in six years, took place on Monday.",
            "took",
            TUESDAY,
            ("2024-06-17", "day"),
        ),
        ("Late on Thursday the navy seized the tanker.", "seized", TUESDAY, ("2024-06-13", "day")),
        ("Militants raided the village in mid-October.", "raided", D("2024-11-02"), ("2024-10", "month")),
        ("Earlier this month, the envoys gathered in Vienna.", "gathered", TUESDAY, ("2024-06", "month")),
        (
            "The two sides met for the first time in 24 years on 24 February 2022.",
            "met",
            None,
            ("2022-02-24", "day"),
        ),
        (
            "The rebels, who attacked the port in 2019, will hold talks next month.",
            "hold",
            TUESDAY,
            ("2024-07", "month"),
        ),
        ("The president paid a visit to Accra on Monday morning.", "visit", TUESDAY, ("2024-06-17", "day")),
        ("The truce, agreed in May, broke down on Sunday.", "broke", TUESDAY, ("2024-06-16", "day")),
        ("The truce, agreed in May, broke down on Sunday.", "agreed", TUESDAY, ("2024-05", "month")),
    ],
)
def test_nlp_dates_event_date_of_trigger(
    nlp: Language, sentence: str, trigger: str, published: dt.date | None, expected: tuple[str, str]
) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    date = resolve_event_date(token.sent, token, published)
    assert date is not None
    assert (date.value, date.precision) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "earliest", "latest"),
    [
        (
            "Over the past year, the state is suspected to have sent drones to its ally.",
            "sent",
            "2023-06-18",
            "2024-06-18",
        ),
        ("The army has shelled the valley since January.", "shelled", "2024-01-01", "2024-06-18"),
        ("Police detained 30 protesters between March and May.", "detained", "2024-03-01", "2024-05-31"),
    ],
)
def test_nlp_dates_event_range_of_trigger(
    nlp: Language, sentence: str, trigger: str, earliest: str, latest: str
) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    date = resolve_event_date(token.sent, token, TUESDAY)
    assert date is not None
    assert (date.value, date.earliest, date.latest) == (None, D(earliest), D(latest))


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The leaders met for the first time in 24 years.", "met"),
        ("Negotiators talked for 20 hours in a hotel.", "talked"),
        ("The troops fought for three days.", "fought"),
        ("The king, who visited Japan in 2019, will travel to Seoul.", "travel"),
        ("The navy seized the tanker.", "seized"),
    ],
)
def test_nlp_dates_no_date_for_trigger(nlp: Language, sentence: str, trigger: str) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert resolve_event_date(token.sent, token, TUESDAY) is None


def test_nlp_dates_relcl_date_stays_with_its_own_verb(nlp: Language) -> None:
    doc = nlp("The king, who visited Japan in 2019, will travel to Seoul next week.")
    visited, travel = (next(t for t in doc if t.text == w) for w in ("visited", "travel"))
    own = resolve_event_date(doc[:], visited, TUESDAY)
    later = resolve_event_date(doc[:], travel, TUESDAY)
    assert own is not None and own.value == "2019"
    assert later is not None and (later.earliest, later.latest) == (D("2024-06-24"), D("2024-06-30"))


def test_nlp_dates_table_rejects_unknown_kind(tmp_path: Path) -> None:
    table = tmp_path / "dates.tsv"
    table.write_text("kind\tphrase\tvalue\nseason\tspring\t3\n", encoding="utf-8")
    with pytest.raises(DataError, match="kind must be one of"):
        DateTables.load(table)


def test_nlp_dates_table_rejects_bad_unit(tmp_path: Path) -> None:
    table = tmp_path / "dates.tsv"
    table.write_text("kind\tphrase\tvalue\nunit\tweek\tseven days\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad value"):
        DateTables.load(table)


def test_nlp_dates_table_words_drive_the_rules(tmp_path: Path) -> None:
    table = tmp_path / "dates.tsv"
    table.write_text("kind\tphrase\tvalue\nmonth\tbrumaire\t11\nunit\tmoon\t1 months\n", encoding="utf-8")
    tables = DateTables.load(table)
    assert tables.month_day.match("brumaire") and not tables.month_day.match("november")
    assert tables.duration.match("three moons") is None  # "three" is no number word in this table
    assert tables.duration.match("3 moons")


def test_date_entities_of_a_sentence_are_those_spacy_finds(nlp: Language) -> None:
    """The sentence's DATE/TIME entities, read from token tags, are exactly spaCy's (sent.ents)."""
    doc = nlp(
        "On Monday morning the envoy arrived in Cairo. Talks ran until 9 p.m. on 3 May 2024. "
        "The two sides last met in the spring of 2019, officials said on Tuesday."
    )
    for sent in doc.sents:
        expected = [(e.start, e.end) for e in sent.ents if e.label_ in ("DATE", "TIME")]
        assert [(e.start, e.end) for e in _entities(sent, _DATE_LABELS)] == expected
    assert sum(len(_entities(s, _DATE_LABELS)) for s in doc.sents) >= 4
