"""Tests of the PETRARCH/Phoenix dictionary importer (eventwire.nlp.petrarch_import) and its command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from eventwire import cli
from eventwire.api import Coder
from eventwire.config import Settings
from eventwire.evaluate import evaluate_file, read_gold
from eventwire.nlp.actor_data import load_tables
from eventwire.nlp.actors import ActorRecognizer
from eventwire.nlp.extensions import ACTORS_KEY
from eventwire.nlp.petrarch_import import (
    Restriction,
    import_actors,
    import_agents,
    people_path,
    read_actor_dictionary,
    read_agent_dictionary,
    write_imported,
)
from eventwire.records import Article, Entity
from tests.conftest import shared_file

# A hand-written actor dictionary in PETRARCH's format, with fictional countries (ARN, GON, HOB).
ACTORS = """\
<!-- A TEST DICTIONARY -->
<!--
# a comment block over several lines
# -->
ARNOR_  [ARN]  # pas 12/09/13
+CARDOLAN

GONDOR [GON]
+MINAS_TIRITH

IRENA_QUILLFEATHER_  # dated roles in a real country
+QUILLFEATHER
\t[RUSELI <20010120]
\t[RUSGOV 20010120-20090120]
\t[RUSMIL 20050101-20050201]  # listed after: never applies
\t[RUSELI]
BARTHOLOMEW_WREN_
\t[IGOUNO 000101-080801] [---]
PIPPIN_HOLLYBUCK
+HOLLYBUCK
\t[HOB <950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
RUSSIA [RUS]
+RUSSIAN
+RUSSKIYA_
ORODRUIN_VOLUNTEERS_(OV)_ [RUSREB]
UN_WATCHERS_ [IGOUNO]
ELVEN_COUNCIL_ [ELR/GAL]
NAZGUL [+++]
"""

AGENTS = """\
<!-- TEST AGENTS -->
!PERSON! = MAN, WOMAN
!MINST! = MINISTER, MINISTRY

GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]  # pas 16-Dec-2013
CATTLE!PERSON! [~AGR]
!MINST!_OF_SILLY_WALKS [~GOVSIL]
HUMAN_RIGHTS_BODY  [  NGO~]
PRESIDENT [~GOV]
WEATHER_WIZARD
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def imported_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    """The test dictionaries imported: organisation, people and sector files."""
    folder = tmp_path_factory.mktemp("imported")
    actors = import_actors([write(folder, "test.actors.txt", ACTORS)])
    agents = import_agents([write(folder, "test.agents.txt", AGENTS)])
    return (*write_imported(actors, folder / "actors.tsv"), *write_imported(agents, folder / "agents.tsv"))


def test_petrarch_import_reads_entries_synonyms_and_dated_codes(tmp_path: Path) -> None:
    entries, notes = read_actor_dictionary(write(tmp_path, "a.txt", ACTORS))
    by_name = {e.phrases[0]: e for e in entries}
    assert by_name["ARNOR_"].phrases == ("ARNOR_", "CARDOLAN")
    assert by_name["IRENA_QUILLFEATHER_"].codes == (
        Restriction("RUSELI", None, dt.date(2001, 1, 19)),
        Restriction("RUSGOV", dt.date(2001, 1, 20), dt.date(2009, 1, 20)),
        Restriction("RUSMIL", dt.date(2005, 1, 1), dt.date(2005, 2, 1)),
        Restriction("RUSELI"),
    )
    assert by_name["BARTHOLOMEW_WREN_"].codes == (
        Restriction("IGOUNO", dt.date(2000, 1, 1), dt.date(2008, 8, 1)),
        Restriction(None),
    )
    assert by_name["PIPPIN_HOLLYBUCK"].codes[1:] == (
        Restriction("HOBGOV", dt.date(1995, 6, 1), dt.date(1999, 8, 15)),
        Restriction("HOBREB", dt.date(1999, 8, 16), None),
    )
    assert "NAZGUL" not in by_name
    assert any("'+++' is not a CAMEO actor code" in n for n in notes)
    assert any("ELR/GAL only the first" in n for n in notes)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("[USA <950601]", Restriction("USA", None, dt.date(1995, 5, 31))),
        ("[USA >301231]", Restriction("USA", dt.date(2030, 12, 31), None)),
        ("[USA >311231]", Restriction("USA", dt.date(1931, 12, 31), None)),
        ("[usagov 20010120-20090120]", Restriction("USAGOV", dt.date(2001, 1, 20), dt.date(2009, 1, 20))),
        ("[USA 20121204]", Restriction("USA", dt.date(2012, 12, 4), None)),
        ("[USA 9008223-911221]", None),
        ("[USA 20090120-20010120]", None),
    ],
    ids=["before", "after-2030", "after-1931", "between", "bare-date", "bad-date", "reversed"],
)
def test_petrarch_import_reads_date_restrictions(tmp_path: Path, code: str, expected: Restriction) -> None:
    entries, notes = read_actor_dictionary(write(tmp_path, "a.txt", f"WIDGETLAND {code}\n"))
    assert [c for e in entries for c in e.codes] == ([expected] if expected else [])
    assert bool(notes) == (expected is None or "USA 2012" in code)


def test_petrarch_import_maps_codes_to_records(tmp_path: Path) -> None:
    imported = import_actors([write(tmp_path, "a.txt", ACTORS)])
    orgs = {row[2]: row for row in imported.organisations}  # org, cameo, name, variants, country, sector
    assert orgs["Arnor"] == ("", "ARN", "Arnor", "Cardolan", "", "")
    assert orgs["Orodruin Volunteers"] == ("", "RUSREB", "Orodruin Volunteers", "OV", "RUS", "REB")
    assert orgs["Un Watchers"][:2] == ("UN", "IGOUNO")
    # Russia and Russian are bundled: only the new variant is imported, under its own name.
    assert orgs["Russkiya"] == ("", "RUS", "Russkiya", "", "RUS", "")
    assert "Russia" not in orgs and imported.known == 2
    # Dated codes of a fictional country keep their dates: people rows with the code in `cameo`.
    assert "Pippin Hollybuck" not in orgs
    pippin = [(r[1], r[4], r[7], r[8], r[9]) for r in imported.people if r[0] == "Pippin Hollybuck"]
    assert pippin == [  # aliases, sector, start, end, cameo
        ("Hollybuck", "", "0001-01-01", "1995-05-31", "HOB"),
        ("Hollybuck", "GOV", "1995-06-01", "1999-08-15", "HOBGOV"),
        ("Hollybuck", "REB", "1999-08-16", "", "HOBREB"),
    ]


def test_petrarch_import_keeps_dated_roles_as_people_rows(tmp_path: Path) -> None:
    imported = import_actors([write(tmp_path, "a.txt", ACTORS)])
    roles = [(r[2], r[3], r[4], r[7], r[8], r[9]) for r in imported.people if r[0] == "Irena Quillfeather"]
    assert roles == [  # country, org, sector, start, end, cameo; the first dated code listed wins
        ("RUS", "", "ELI", "0001-01-01", "2001-01-19", "RUSELI"),
        ("RUS", "", "GOV", "2001-01-20", "2009-01-20", "RUSGOV"),  # both days of a range included
        ("RUS", "", "ELI", "2009-01-21", "", "RUSELI"),
    ]
    wren = [(r[3], r[7], r[8]) for r in imported.people if r[0] == "Bartholomew Wren"]
    assert wren == [("UN", "2000-01-01", "2008-08-01")]  # [---]: no actor outside that period


def test_petrarch_import_agents_expand_sets_and_plurals(tmp_path: Path) -> None:
    entries, notes = read_agent_dictionary(write(tmp_path, "g.txt", AGENTS))
    phrases = {e.phrases[0]: (e.phrases, e.code) for e in entries}
    assert phrases["GOLDEN_GOOSE"] == (("GOLDEN_GOOSE", "GOLDEN_GEESE"), "GGS")
    assert phrases["CATTLEMAN"] == (("CATTLEMAN", "CATTLEWOMAN"), "AGR")
    assert phrases["MINISTER_OF_SILLY_WALKS"][0][1] == "MINISTRY_OF_SILLY_WALKS"
    assert phrases["HUMAN_RIGHTS_BODY"][1] == "NGO"
    assert notes == [f"{tmp_path / 'g.txt'}:10: no agent code in 'WEATHER_WIZARD'"]
    imported = import_agents([tmp_path / "g.txt"])
    assert imported.sectors[0] == ("golden goose|golden geese", "GGS", "GGS", "")
    assert ("minister of silly walks|ministry of silly walks", "GOV", "GOVSIL", "") in imported.sectors
    assert all("president" not in row[0].split("|") for row in imported.sectors)  # bundled wins
    assert imported.known == 1
    only_known = import_agents([write(tmp_path, "known.txt", "PRESIDENT [~GOV]\n")])
    [written] = write_imported(only_known, tmp_path / "known.tsv")
    assert written.read_text(encoding="utf-8") == "words\tsector\tcameo\trole\n"


def test_petrarch_import_files_load_beside_the_bundled_tables(imported_files: tuple[Path, ...]) -> None:
    organisations, people, _ = imported_files
    assert people == people_path(organisations) and people.name == "actors.people.tsv"
    tables = load_tables(imported_files)
    assert tables.organisations["Gondor"].cameo == "GON"
    assert len(tables.people["Irena Quillfeather"].roles) == 3
    word, _ = tables.sectors["golden geese"]
    assert (word.sector, word.cameo) == ("GGS", "GGS")


@pytest.mark.parametrize(
    ("published", "expected", "pippin"),
    [
        ("1995-05-01", ("RUS", "ELI", "RUSELI"), "HOB"),
        ("1999-05-01", ("RUS", "ELI", "RUSELI"), "HOBGOV"),
        ("2004-06-18", ("RUS", "GOV", "RUSGOV"), "HOBREB"),
        ("2015-02-01", ("RUS", "ELI", "RUSELI"), "HOBREB"),
    ],
)
def test_petrarch_import_dated_roles_resolve_by_publication_date(
    parser: Language,
    imported_files: tuple[Path, ...],
    published: str,
    expected: tuple[str, ...],
    pippin: str,
) -> None:
    recognizer = ActorRecognizer(parser, actors_files=imported_files)
    doc = parser("Irena Quillfeather met the golden geese near Minas Tirith, and so did Pippin Hollybuck.")
    doc._.published = dt.date.fromisoformat(published)
    found = {span.text: span._.entity for span in recognizer(doc).spans[ACTORS_KEY]}
    person = found["Irena Quillfeather"]
    assert (person.country, person.sector, person.cameo) == expected
    assert found["Pippin Hollybuck"].cameo == pippin  # a fictional country's dated codes
    assert (found["the golden geese"].sector, found["the golden geese"].cameo) == ("GGS", "GGS")
    assert found["Minas Tirith"].cameo == "GON"


def test_petrarch_import_codes_fictional_actors_through_the_pipeline(
    imported_files: tuple[Path, ...],
) -> None:
    coder = Coder(Settings(actors_files=imported_files))
    [(_, events)] = list(coder.code([Article(text="Arnor attacked Gondor.", published=None)]))
    assert events, "no event coded"
    actor, recipient = events[0].actor, events[0].recipient
    assert [(e.text, e.cameo, e.country) for e in actor] == [("Arnor", "ARN", None)]
    assert [(e.text, e.cameo, e.country) for e in recipient] == [("Gondor", "GON", None)]


def test_petrarch_import_command_writes_actor_and_agent_files(tmp_path: Path) -> None:
    runner = CliRunner()
    actors = write(tmp_path, "a.txt", ACTORS)
    result = runner.invoke(cli.app, ["import-actors", str(actors), "--output", str(tmp_path / "out.tsv")])
    assert result.exit_code == 0, result.output
    assert "note:" in result.stderr and "--actors" in result.stderr and result.stdout == ""
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8").startswith("org\tcameo\tname")
    assert (tmp_path / "out.people.tsv").is_file()
    agents = write(tmp_path, "g.txt", AGENTS)
    args = ["import-actors", str(agents), "--kind", "agents", "--output", str(tmp_path / "g.tsv")]
    assert runner.invoke(cli.app, args).exit_code == 0
    assert (tmp_path / "g.tsv").read_text(encoding="utf-8").startswith("words\tsector\tcameo\trole")
    missing = ["import-actors", str(actors), "--output", str(tmp_path / "no" / "dir.tsv")]
    failed = runner.invoke(cli.app, missing)
    assert failed.exit_code == 1 and "cannot write" in failed.stderr


@pytest.fixture(scope="module")
def phoenix_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    """Phoenix's country, international and non-state actor dictionaries and its agents, imported."""
    folder = "reference/petrarch2_dictionaries"
    names = (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    )
    imported = import_actors([shared_file(f"{folder}/{name}") for name in names])
    agents = import_agents([shared_file(f"{folder}/Phoenix.agents.txt")])
    assert len(imported.organisations) > 10_000 and len(imported.people) > 20_000
    assert len(agents.sectors) > 2_000
    out = tmp_path_factory.mktemp("phoenix")
    return (*write_imported(imported, out / "phoenix.tsv"), *write_imported(agents, out / "agents.tsv"))


@pytest.mark.shared
def test_petrarch_import_phoenix_dictionaries_add_actors(
    parser: Language, phoenix_files: tuple[Path, ...]
) -> None:
    text = "Serzh Sarkisyan said the Anarchist Street Patrol and Kwilu cattlemen had met."
    found: list[dict[str, Entity]] = []
    for actors_files in ((), phoenix_files):
        recognizer = ActorRecognizer(parser, actors_files=actors_files)  # registers doc._.published
        doc = parser(text)
        doc._.published = dt.date(2010, 6, 1)
        recognized = recognizer(doc)
        found.append({span.text: span._.entity for span in recognized.spans[ACTORS_KEY]})
    before, after = found
    assert "Serzh Sarkisyan" not in before and "the Anarchist Street Patrol" not in before
    assert after["Serzh Sarkisyan"].cameo == "ARMGOV"  # Phoenix: ARMGOV from 2008-04-09
    patrol = after["the Anarchist Street Patrol"]
    assert (patrol.country, patrol.cameo) == ("GRC", "GRCREB")
    assert len(after) > len(before)


@pytest.mark.shared
def test_petrarch_import_phoenix_dictionaries_change_the_figures(
    coder: Coder, phoenix_files: tuple[Path, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """The PLOVER gold's actor figures without and with Phoenix's dictionaries, side by side."""
    gold = read_gold(shared_file("gold-dev/plover_gsr_cameo.json"))
    bundled = evaluate_file(gold, coder)
    phoenix = evaluate_file(gold, Coder(Settings(actors_files=phoenix_files)))
    with capsys.disabled():
        print(f"\n{gold.name}: metric, bundled actors only, with Phoenix's dictionaries")
        for metric in ("actor.precision", "actor.recall", "actor.f1", "plover.f1"):
            print(f"  {metric:16} {bundled.metrics[metric]:.3f}  {phoenix.metrics[metric]:.3f}")
    # Phoenix names actors the bundled tables lack (more gold actors found), without costing F1.
    assert phoenix.counts["actor"].tp > bundled.counts["actor"].tp
    assert phoenix.metrics["actor.f1"] >= bundled.metrics["actor.f1"]


# Names the bundled tables know, some coded otherwise (a dictionary of its own conventions).
OVERRIDING = """\
NORWAY [NOR]
PERU [PRU]
+LIMA
CHILE [CHL]
+SANTIAGO
ALPINE_GUARD_(PERU) [CHEMIL]
PERU_ [XXX]
NATO_FORCES [IGOWSTNATMIL]
+NATO
"""


def test_petrarch_import_writes_names_the_bundled_tables_code_otherwise(tmp_path: Path) -> None:
    imported = import_actors([write(tmp_path, "o.txt", OVERRIDING)])
    orgs = {row[2]: row for row in imported.organisations}  # org, cameo, name, variants, country, sector
    assert "Norway" not in orgs  # the same code: left to the bundled tables
    assert orgs["Peru"][:4] == ("", "PRU", "Peru", "Lima")  # coded otherwise: written, with its capital
    assert orgs["Peru"][4] == "PER"  # the bundled country it names is kept where the code names none
    assert orgs["Santiago"][1:3] == ("CHL", "Santiago")  # a capital the dictionary codes as its country
    assert "Chile" not in orgs
    assert orgs["Alpine Guard"][1] == "CHEMIL"
    assert "PERU" not in {v for row in orgs.values() for v in row[3].split("|")}  # a (PARENS) acronym
    assert all(row[1] != "XXX" for row in orgs.values())  # the first entry to name Peru wins
    assert orgs["Nato Forces"][0] == "NATO"  # a variant names a bundled organisation: the same one

    tables = load_tables(write_imported(imported, tmp_path / "o.tsv"))
    assert {n.key for n in tables.names["peru"]} == {"Peru"}  # the user's row replaces the country
    assert tables.organisations["Peru"].cameo == "PRU"


def test_petrarch_import_agent_coded_otherwise_keeps_its_office(tmp_path: Path) -> None:
    imported = import_agents([write(tmp_path, "g.txt", "PRESIDENT [~GOVPRE]\nTROOPS [~MIL]\n")])
    assert imported.sectors == (("president", "GOV", "GOVPRE", "president"),)
