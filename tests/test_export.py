from __future__ import annotations

import datetime as dt
import io
import json
from importlib import resources
from typing import Any

import pytest

from eventwire.coding.cameo import default_table
from eventwire.export import FORMATS, gdelt, jsonl, plover, table, write_events
from eventwire.records import (
    ArticleRef,
    Entity,
    Event,
    EventDate,
    Place,
    Sentence,
    Trigger,
)

CONTRACT_KEYS = {
    "id",
    "article",
    "sentence",
    "trigger",
    "actor",
    "recipient",
    "cameo",
    "plover",
    "modality",
    "attribution",
    "date",
    "location",
    "confidence",
}

KREMLIN = Entity(text="the Kremlin", name="Russian government", country="RUS", sector="GOV", cameo="RUSGOV")
BEIJING = Entity(text="Beijing", name="China", country="CHN", cameo="CHN")
UN = Entity(text="the United Nations", name="United Nations", org="UN", cameo="IGOUNO")
PROTESTERS = Entity(text="protesters", name="protesters", sector="CVL")
PYONGYANG = Place(name="Pyongyang", country="PRK", lat=39.03385, lon=125.75432, geonameid=1871859)
NORTH_KOREA = Place(name="North Korea", country="PRK", geonameid=1873107)
SENTENCE = "Russian officials [said] the envoy made a visit to Pyongyang, Kim Jong Un’s capital, on Tuesday."


def make_event(
    *,
    event_id: str = "3f2a9c0b1d4e5f60718a",
    code: str = "042",
    actor: tuple[Entity, ...] = (KREMLIN,),
    recipient: tuple[Entity, ...] = (BEIJING,),
    date: EventDate | None = None,
    location: Place | None = PYONGYANG,
    sentence_index: int = 0,
    url: str | None = "https://news.example/visit",
    published: dt.date | None = dt.date(2024, 6, 19),
) -> Event:
    """A hand-built event with its CAMEO and PLOVER codes from the bundled table."""
    codes = default_table()
    return Event(
        id=event_id,
        article=ArticleRef(id="a1b2c3d4e5f60718", title="Envoy visits", url=url, published=published),
        sentence=Sentence(index=sentence_index, text=SENTENCE, start=120, end=120 + len(SENTENCE)),
        trigger=Trigger(text="made a visit", start=155, end=167),
        actor=actor,
        recipient=recipient,
        cameo=codes.cameo(code),
        plover=codes.plover(code),
        modality="asserted",
        attribution=Entity(text="Russian officials", name="Russian government", country="RUS", sector="GOV"),
        date=date or EventDate(value="2024-06-18", precision="day", text="on Tuesday"),
        location=location,
        confidence=0.8,
    )


def run(writer: Any, events: list[Event], **options: Any) -> tuple[int, str]:
    out = io.StringIO()
    count = writer(events, out, **options)
    return count, out.getvalue()


def gdelt_rows(events: list[Event], **options: Any) -> list[dict[str, str]]:
    count, text = run(gdelt.write, events, **options)
    lines = text.splitlines()
    assert count == len(lines) - (1 if options.get("header") else 0)
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 61 for row in rows)
    return [dict(zip(gdelt.GDELT_EVENT_COLUMNS, row, strict=True)) for row in rows]


# jsonl


def test_export_jsonl_writes_the_contract_record() -> None:
    events = [make_event(), make_event(event_id="0" * 20, code="190", recipient=())]
    count, text = run(jsonl.write, events)
    records = [json.loads(line) for line in text.splitlines()]
    assert count == 2
    assert [set(r) for r in records] == [CONTRACT_KEYS, CONTRACT_KEYS]
    assert records[0]["cameo"] == {
        "code": "042",
        "root": "04",
        "name": "Make a visit",
        "goldstein": 1.9,
        "quad_class": 1,
    }
    assert records[0]["plover"] == {"event": "CONSULT", "mode": "visit", "context": []}
    assert records[0]["article"]["published"] == "2024-06-19"
    assert records[1]["recipient"] == []
    assert records[1]["cameo"]["code"] == "190"


def test_export_jsonl_keeps_non_ascii_text() -> None:
    _, text = run(jsonl.write, [make_event()])
    assert "Kim Jong Un’s" in text


# gdelt


def test_export_gdelt_columns_are_the_61_of_gdelt_2() -> None:
    assert len(gdelt.GDELT_EVENT_COLUMNS) == 61
    assert len(set(gdelt.GDELT_EVENT_COLUMNS)) == 61
    assert gdelt.GDELT_EVENT_COLUMNS[0] == "GLOBALEVENTID"
    assert gdelt.GDELT_EVENT_COLUMNS[-1] == "SOURCEURL"


def test_export_gdelt_one_row_per_dyad() -> None:
    rows = gdelt_rows([make_event(actor=(KREMLIN, UN), recipient=(BEIJING,))])
    assert [(r["Actor1Code"], r["Actor2Code"]) for r in rows] == [("RUSGOV", "CHN"), ("IGOUNO", "CHN")]
    ids = [int(r["GLOBALEVENTID"]) for r in rows]
    assert ids[1] == ids[0] + 1


def test_export_gdelt_two_by_two_actors_give_four_rows() -> None:
    rows = gdelt_rows([make_event(actor=(KREMLIN, UN), recipient=(BEIJING, PROTESTERS))])
    assert len(rows) == 4
    assert len({r["GLOBALEVENTID"] for r in rows}) == 4


def test_export_gdelt_mutual_event_gives_no_dyad_of_a_party_with_itself() -> None:
    peru = Entity(text="Peru", name="Peru", country="PER", cameo="PER", start=0, end=4)
    chile = Entity(text="Chile", name="Chile", country="CHL", cameo="CHL", start=9, end=14)
    rows = gdelt_rows([make_event(code="057", actor=(peru, chile), recipient=(peru, chile))])
    assert [(r["Actor1Code"], r["Actor2Code"]) for r in rows] == [("PER", "CHL"), ("CHL", "PER")]


def test_export_gdelt_unresolved_recipient_has_its_words_as_name() -> None:
    fortress = Entity(text="the old fortress", name="old fortress", start=20, end=36)
    (row,) = gdelt_rows([make_event(code="190", recipient=(fortress,))])
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == ("", "OLD FORTRESS", "")


def test_export_gdelt_no_recipient_leaves_actor2_empty() -> None:
    (row,) = gdelt_rows([make_event(recipient=())])
    assert row["Actor1Code"] == "RUSGOV"
    assert all(row[c] == "" for c in gdelt.GDELT_EVENT_COLUMNS if c.startswith("Actor2"))


def test_export_gdelt_actor_and_event_fields() -> None:
    (row,) = gdelt_rows([make_event()])
    assert row["Actor1Name"] == "RUSSIAN GOVERNMENT"
    assert row["Actor1CountryCode"] == "RUS"
    assert row["Actor1Type1Code"] == "GOV"
    assert row["Actor2Code"] == "CHN"
    assert row["Actor2Type1Code"] == ""
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("042", "042", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "1.9")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["AvgTone"]) == ("1", "1", "1", "")
    assert row["IsRootEvent"] == "1"
    assert row["DATEADDED"] == "20240619000000"
    assert row["SOURCEURL"] == "https://news.example/visit"
    assert row["GLOBALEVENTID"] == str(int("3f2a9c0b1d4e5f6", 16))


def test_export_gdelt_codes_keep_leading_zeros() -> None:
    (row,) = gdelt_rows([make_event(code="0211")])
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0211", "021", "02")
    assert row["GoldsteinScale"] == "3.4"


def test_export_gdelt_organisation_actor() -> None:
    (row,) = gdelt_rows([make_event(actor=(UN,), recipient=())])
    assert (row["Actor1Code"], row["Actor1KnownGroupCode"], row["Actor1CountryCode"]) == ("IGOUNO", "UN", "")
    assert row["Actor1Name"] == "UNITED NATIONS"


@pytest.mark.parametrize(
    ("date", "sqldate", "month_year", "year", "fraction"),
    [
        (EventDate(value="2024-06-18", precision="day"), "20240618", "202406", "2024", "2024.4603"),
        (EventDate(value="2024-06", precision="month"), "20240601", "202406", "2024", "2024.4137"),
        (EventDate(value="2024", precision="year"), "20240101", "202401", "2024", "2024.0027"),
        (EventDate(), "", "", "", ""),
    ],
)
def test_export_gdelt_dates(date: EventDate, sqldate: str, month_year: str, year: str, fraction: str) -> None:
    (row,) = gdelt_rows([make_event(date=date)])
    assert (row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"]) == (
        sqldate,
        month_year,
        year,
        fraction,
    )


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (PYONGYANG, ("4", "Pyongyang", "PRK", "39.03385", "125.75432", "1871859")),
        (NORTH_KOREA, ("1", "North Korea", "PRK", "", "", "1873107")),
        (Place(name="North Korea", country="PRK"), ("1", "North Korea", "PRK", "", "", "PRK")),
        (None, ("", "", "", "", "", "")),
    ],
)
def test_export_gdelt_action_geography(place: Place | None, expected: tuple[str, ...]) -> None:
    (row,) = gdelt_rows([make_event(location=place)])
    fields = ("Type", "FullName", "CountryCode", "Lat", "Long", "FeatureID")
    assert tuple(row[f"ActionGeo_{f}"] for f in fields) == expected


def test_export_gdelt_without_url_or_publication_date() -> None:
    (row,) = gdelt_rows([make_event(url=None, published=None, sentence_index=3)])
    assert row["SOURCEURL"] == "a1b2c3d4e5f60718"
    assert row["DATEADDED"] == ""
    assert row["IsRootEvent"] == "0"


def test_export_gdelt_header_is_optional() -> None:
    _, plain = run(gdelt.write, [make_event()])
    rows = gdelt_rows([make_event()], header=True)
    assert not plain.startswith("GLOBALEVENTID")
    assert list(rows[0].values()) == list(gdelt.GDELT_EVENT_COLUMNS)
    assert len(rows) == 2


def test_export_gdelt_tabs_and_newlines_in_fields_do_not_split_rows() -> None:
    odd = Entity(text="odd", name="Line\tone\nline two")
    (row,) = gdelt_rows([make_event(actor=(odd,), recipient=())])
    assert row["Actor1Name"] == "LINE ONE LINE TWO"


def test_export_gdelt_event_id_that_is_not_hex_still_gives_a_stable_integer() -> None:
    first = gdelt.global_event_id("event-one")
    assert first == gdelt.global_event_id("event-one")
    assert first != gdelt.global_event_id("event-two")
    assert 0 <= first < 16**15


# plover


def load_schema() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("data/plover_event.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert isinstance(schema, dict)
    return schema


TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    """A tiny JSON Schema checker: type, enum, required, properties, additionalProperties, items,
    minimum/maximum, oneOf and local $ref: enough for the PLOVER schema."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return schema_errors(value, target, root, where)
    if "oneOf" in schema:
        matches = [s for s in schema["oneOf"] if not schema_errors(value, s, root, where)]
        return [] if len(matches) == 1 else [f"{where}: matches {len(matches)} of oneOf"]
    errors: list[str] = []
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        is_bool = isinstance(value, bool)
        if not any(isinstance(value, TYPES[n]) and (n == "boolean" or not is_bool) for n in names):
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{where}: missing {key}" for key in schema.get("required", []) if key not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{where}: unexpected {key}" for key in value if key not in properties]
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{where}[{index}]")
    return errors


def plover_lines(events: list[Event]) -> list[dict[str, Any]]:
    count, text = run(plover.write, events)
    lines = [json.loads(line) for line in text.splitlines()]
    assert count == len(lines)
    return lines


def test_export_plover_schema_is_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"


def test_export_plover_lines_validate_against_the_schema() -> None:
    schema = load_schema()
    events = [
        make_event(),
        make_event(code="190", actor=(KREMLIN, UN), recipient=(), location=None, date=EventDate()),
        make_event(code="0211", url=None, published=None, actor=(PROTESTERS,)),
    ]
    for line in plover_lines(events):
        assert schema_errors(line, schema, schema) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda r: r.pop("event"), "missing event"),
        (lambda r: r.update(event="VISIT"), "not in"),
        (lambda r: r.update(quad_code=3), "not in"),
        (lambda r: r.update(event_scale="1.9"), "is not number"),
        (lambda r: r["actor"][0].pop("code"), "$.actor[0]: missing code"),
        (lambda r: r["text_info"].update(sentence_start=None), "is not integer"),
        (lambda r: r.update(extra=1), "unexpected extra"),
    ],
)
def test_export_plover_schema_checker_catches_broken_lines(change: Any, error: str) -> None:
    schema = load_schema()
    (line,) = plover_lines([make_event()])
    change(line)
    assert any(error in message for message in schema_errors(line, schema, schema))


def test_export_plover_record_fields() -> None:
    (line,) = plover_lines([make_event()])
    assert line["event"] == "CONSULT"
    assert line["mode"] == "visit"
    assert line["context"] == []
    assert line["event_text"] == "made a visit"
    assert line["event_scale"] == 1.9
    assert line["text"] == SENTENCE
    assert line["actor"] == [
        {"name": "Russian government", "country": "RUS", "sector": "GOV", "org": None, "code": "RUSGOV"}
    ]
    assert line["text_info"] == {
        "article_id": "a1b2c3d4e5f60718",
        "title": "Envoy visits",
        "url": "https://news.example/visit",
        "published": "2024-06-19",
        "sentence_start": 120,
        "sentence_end": 120 + len(SENTENCE),
    }


@pytest.mark.parametrize(("code", "quad_code"), [("042", 1), ("073", 2), ("112", -1), ("190", -2)])
def test_export_plover_quad_code_follows_plover_scale(code: str, quad_code: int) -> None:
    (line,) = plover_lines([make_event(code=code)])
    assert line["quad_code"] == quad_code


def test_export_plover_schema_allows_every_event_of_the_code_table() -> None:
    allowed = set(load_schema()["properties"]["event"]["enum"])
    codes = default_table()
    assert {codes.plover(code).event for code in codes.codes()} <= allowed


# table


def test_export_table_shows_codes_and_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(variable, raising=False)
    count, text = run(
        table.write, [make_event(), make_event(code="190", actor=(PROTESTERS,), recipient=(UN,))]
    )
    assert count == 2
    for expected in ("RUSGOV", "CHN", "IGOUNO", "protesters", "042", "Make a visit", "CONSULT", "ASSAULT"):
        assert expected in text
    assert "2024-06-18" in text
    assert "[said]" in text  # article text is never read as rich markup
    assert "\x1b[" not in text  # no colour codes when not writing to a terminal
    assert max(len(line) for line in text.splitlines()) <= 160


def test_export_table_without_events_writes_no_rows() -> None:
    count, text = run(table.write, [])
    assert count == 0
    assert "trigger" in text


# write_events


@pytest.mark.parametrize("name", ["jsonl", "table", "gdelt", "plover"])
def test_export_write_events_dispatches_on_format(name: str) -> None:
    out = io.StringIO()
    assert write_events([make_event()], out, format=name) == 1
    expected = io.StringIO()
    FORMATS[name]([make_event()], expected)
    assert out.getvalue() == expected.getvalue()


def test_export_write_events_accepts_a_generator() -> None:
    out = io.StringIO()
    assert write_events((make_event() for _ in range(3)), out, format="jsonl") == 3
    assert len(out.getvalue().splitlines()) == 3


def test_export_write_events_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'csv'; known: gdelt, jsonl, plover, table"):
        write_events([], io.StringIO(), format="csv")


def test_export_table_shows_a_date_range_when_the_text_gives_only_bounds() -> None:
    span = EventDate(text="over the past year", earliest=dt.date(2023, 6, 18), latest=dt.date(2024, 6, 18))
    out = io.StringIO()
    table.write([make_event(date=span)], out)
    assert "2023-06-18..2024-06-18" in out.getvalue()
