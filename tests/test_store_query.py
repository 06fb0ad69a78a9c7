"""Queries over the store (filters, dyad counts), its commands, and its exports in their consumers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import cli
from eventwire.export.gdelt import GDELT_EVENT_COLUMNS
from eventwire.records import Article
from eventwire.store import EventQuery, Quarantined, Store
from eventwire.store.export import CSV_COLUMNS, export
from tests.storekit import KYIV, article, make_event
from tests.test_export import load_schema, schema_errors

runner = CliRunner()


def fill(store: Store) -> dict[str, Article]:
    """Four articles: a raid reported twice, a visit, an accusation, and a raid in another month."""
    raid = article("Russia attacked Ukraine near Kyiv on Monday.", url="https://one.example/raid")
    again = article("Russian forces attacked Ukraine on Monday.", url="https://two.example/raid")
    visit = article("France visited China on Tuesday.", url="https://one.example/visit")
    accuse = article("Iran accused France of spying.", url="https://three.example/accuse")
    july = article("Russia attacked Ukraine in July.", url="https://one.example/july")
    store.add_article(raid, [make_event(raid, day=dt.date(2024, 6, 17), place=KYIV)])
    store.add_article(again, [make_event(again, day=dt.date(2024, 6, 17), modality="alleged")])
    store.add_article(
        visit, [make_event(visit, actor="FRA", recipient="CHN", code="042", day=dt.date(2024, 6, 18))]
    )
    store.add_article(
        accuse,
        [
            make_event(
                accuse, actor="IRN", recipient="FRA", code="112", day=dt.date(2024, 6, 19), modality="alleged"
            )
        ],
    )
    store.add_article(july, [make_event(july, day=dt.date(2024, 7, 2))])
    store.quarantine(Quarantined("bad.txt", None, "empty", "empty file"))
    return {"raid": raid, "again": again, "visit": visit, "accuse": accuse, "july": july}


def codes(store: Store, **filters: object) -> list[str]:
    return [s.event.cameo.code for s in store.events(EventQuery(**filters))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["190", "042", "112", "190"]),
        ({"actor": "RUS"}, ["190", "190"]),
        ({"actor": "fra"}, ["042"]),
        ({"recipient": "FRA"}, ["112"]),
        ({"actor": "RUS", "recipient": "CHN"}, []),
        ({"code": "04"}, ["042"]),
        ({"root": "11"}, ["112"]),
        ({"root": "4"}, ["042"]),
        ({"plover": "assault"}, ["190", "190"]),
        ({"modality": "alleged"}, ["112"]),
        ({"since": dt.date(2024, 6, 18), "until": dt.date(2024, 6, 30)}, ["042", "112"]),
        ({"text": "SPYING"}, ["112"]),
        ({"text": "russian forces"}, ["190"]),  # the second report of the merged raid
        ({"limit": 2}, ["190", "042"]),
    ],
)
def test_store_events_filters(fresh_store: Store, filters: dict[str, object], expected: list[str]) -> None:
    fill(fresh_store)
    assert codes(fresh_store, **filters) == expected


def test_store_events_pages_through_many(fresh_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import sql

    monkeypatch.setattr(sql, "PAGE", 2)
    fill(fresh_store)
    assert len(list(fresh_store.events())) == 4
    assert codes(fresh_store, limit=3) == ["190", "042", "112"]


def test_store_dyad_counts_by_period(fresh_store: Store) -> None:
    fill(fresh_store)
    months = fresh_store.dyad("RUS", "UKR", period="month")
    assert [(r.period, r.quad_class, r.events, r.mean_goldstein) for r in months] == [
        (dt.date(2024, 6, 1), 4, 1, -10.0),
        (dt.date(2024, 7, 1), 4, 1, -10.0),
    ]
    weeks = fresh_store.dyad("RUS", "UKR", period="week")
    assert [r.period for r in weeks] == [dt.date(2024, 6, 17), dt.date(2024, 7, 1)]
    assert fresh_store.dyad("UKR", "RUS") == []


def test_store_cli_events_dyad_quarantine(fresh_store: Store, store_target: str) -> None:
    stories = fill(fresh_store)
    fresh_store.close()
    result = runner.invoke(cli.app, ["events", "--store", store_target, "--actor", "RUS", "--limit", "1"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["cameo"]["code"] == "190"
    assert (record["num_mentions"], record["num_sources"], record["num_articles"]) == (2, 2, 2)
    assert [m["article"] for m in record["mentions"]] == sorted([stories["raid"].id, stories["again"].id])
    assert set(record["mentions"][0]) == {"article", "sentence", "start", "end", "modality", "confidence"}

    result = runner.invoke(
        cli.app, ["events", "--store", store_target, "--dyad", "IRN", "FRA", "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["actor_codes"], r["recipient_codes"], r["cameo_code"]) for r in rows] == [
        ("IRN", "FRA", "112")
    ]

    result = runner.invoke(cli.app, ["events", "--store", store_target, "--format", "table"])
    assert result.exit_code == 0 and "Accuse" in result.stdout

    result = runner.invoke(cli.app, ["dyad", "RUS", "UKR", "--store", store_target, "--by", "month"])
    assert result.stdout.splitlines() == [
        "month\tquad_class\tevents\tmean_goldstein",
        "2024-06-01\t4\t1\t-10.00",
        "2024-07-01\t4\t1\t-10.00",
    ]
    result = runner.invoke(cli.app, ["quarantine", "--store", store_target])
    assert result.stdout == "bad.txt\tempty\tempty file\n"

    result = runner.invoke(cli.app, ["events", "--store", store_target, "--since", "2024-13-01"])
    assert result.exit_code == 2


def test_store_export_gdelt_loads_with_gdelt_columns(fresh_store: Store, tmp_path: Path) -> None:
    fill(fresh_store)
    path = tmp_path / "events.tsv"
    assert export(fresh_store.events(), path, format="gdelt") == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert {len(line.split("\t")) for line in lines} == {61}
    columns = {name: "VARCHAR" for name in GDELT_EVENT_COLUMNS}
    with duckdb.connect() as con:
        table = con.read_csv(str(path), delimiter="\t", header=False, columns=columns, quotechar="")
        rows = table.select("EventCode, NumMentions, NumSources, NumArticles, Actor1CountryCode").fetchall()
    assert rows[0] == ("190", "2", "2", "2", "RUS")
    assert [r[0] for r in rows] == ["190", "042", "112", "190"]


def test_store_export_parquet_reads_back(fresh_store: Store, tmp_path: Path) -> None:
    fill(fresh_store)
    path = tmp_path / "events.parquet"
    assert export(fresh_store.events(), path, format="parquet") == 4
    with duckdb.connect() as con:
        relation = con.read_parquet(str(path))
        assert tuple(relation.columns) == CSV_COLUMNS
        rows = relation.select("cameo_code, goldstein, num_mentions, published").fetchall()
    assert rows[0] == ("190", -10.0, 2, dt.date(2024, 6, 18))


def test_store_export_plover_validates(fresh_store: Store, store_target: str, tmp_path: Path) -> None:
    fill(fresh_store)
    fresh_store.close()
    path = tmp_path / "events.plover.jsonl"
    result = runner.invoke(
        cli.app, ["export", "--store", store_target, "--format", "plover", "--output", str(path)]
    )
    assert result.exit_code == 0, result.output
    schema = load_schema()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4
    for line in lines:
        assert schema_errors(line, schema, schema) == []


def test_store_export_csv_has_header_and_counts(fresh_store: Store, tmp_path: Path) -> None:
    fill(fresh_store)
    path = tmp_path / "events.csv"
    export(fresh_store.events(), path, format="csv")
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["num_mentions"] for r in rows] == ["2", "1", "1", "1"]
