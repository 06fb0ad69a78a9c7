"""The evaluation harness: gold readers, scorers, the baseline gate and `eventwire eval`.

Readers run on small gold snippets written here in each format; scorers on hand-built events, so
the figures are known exactly. One test (marked ``shared``) scores the real dev sets in ../shared
and holds them to eval/baseline.json: that is the accuracy gate CI runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import cli
from eventwire.api import Coder
from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.evaluate import (
    Counts,
    FileScore,
    GoldClass,
    GoldEvent,
    GoldFile,
    GoldSentence,
    GoldTokens,
    actor_code,
    evaluate,
    floor_of,
    gate,
    load_baseline,
    markdown,
    raise_floors,
    read_gold,
    root_class,
    score,
    splice,
)
from eventwire.records import (
    Article,
    ArticleRef,
    Cameo,
    Entity,
    Event,
    EventDate,
    Plover,
    Sentence,
    Trigger,
)
from tests.conftest import ROOT, shared_file

BASELINE = ROOT / "eval" / "baseline.json"
DEV_SETS = (
    "gold-dev/conflibert_cameo_class_train.tsv",
    "gold-dev/conflibert_cameo_ner_train.txt",
    "gold-dev/plover_gsr_cameo.json",
    "gold-dev/petr_unittest_records.xml",
)

PETRARCH_XML = """<Validation><Sentences>
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<!-- a comment with <actor> in it -->
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="---GOV" targetcode="GON" eventcode="1717"></EventCoding>
<Text>
Arnor restored ties
with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950102" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened in Arnor.</Text>
</Sentence>
<Sentence date="19950103" id="T-03" category="ERROR" sentence="true">
<EventCoding error="sentencediscard"></EventCoding>
<Text>Gondor played football.</Text>
</Sentence>
</Sentences></Validation>
"""

PLOVER_JSON = [
    {"id": "DOC-1", "event": "DOCUMENT", "eventText": "documentation"},
    {
        "id": "R-1",
        "date": "2001-02-03",
        "source": [{"actorText": "Freedonia", "code": "FRE"}, {"actorText": "Kosovo", "code": "KSV"}],
        "target": [{"actorText": "Sylvania", "code": "SYL"}],
        "event": "DEMAND",
        "text": "Freedonia and Kosovo demanded that Sylvania withdraw.",
    },
    {
        "id": "R-2",
        "source": [{"code": "SYL"}],
        "target": "",
        "event": "FIGHT",
        "text": "Sylvania shelled a town.",
    },
    {
        "id": "R-3",
        "source": [{"code": "FRE"}],
        "target": None,
        "event": "disapprove",
        "text": "Freedonia complained.",
    },
    {
        "id": "R-4",
        "source": [{"code": "FRE"}],
        "event": "INVESTIGATE",
        "text": "Freedonia opened an inquiry.",
    },
]

CLASS_TSV = "The minister said the talks went well.\t0\nTroops shelled the border town.\t4\n"

CONLL = """The O
Freedonian B-S
army I-S
shelled O
Sylvania B-T
's O
capital O
. O

Both B-R
sides I-R
talked O
( O
again O
) O
. O
"""

EVENTWIRE_JSONL = [
    {
        "id": "s1",
        "text": "Freedonia attacked Sylvania.",
        "published": "2024-06-18",
        "events": [
            {
                "actor": "FRE",
                "recipient": ["SYL"],
                "cameo": "190",
                "plover": "assault",
                "modality": "asserted",
            }
        ],
    },
    {"text": "It rained all day.", "events": []},
]


def write(path: Path, content: str | object) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def write_jsonl(path: Path, records: Iterable[object]) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in records))


def entity(code: str, *, start: int | None = None, end: int | None = None, text: str = "") -> Entity:
    return Entity(text or code, code, country=code, cameo=code, start=start, end=end)


def event(
    code: str,
    *,
    plover: str = "ASSAULT",
    actor: Sequence[Entity] = (),
    recipient: Sequence[Entity] = (),
    confidence: float = 0.5,
    modality: str = "asserted",
) -> Event:
    """A hand-built event: only what the scorers look at varies."""
    article = Article(text="x")
    return Event(
        id=f"{code}-{confidence}",
        article=ArticleRef.of(article),
        sentence=Sentence(0, "x", 0, 1),
        trigger=Trigger("x", 0, 1),
        actor=tuple(actor),
        recipient=tuple(recipient),
        cameo=Cameo(code, code[:2], "name", 0.0, 1),
        plover=Plover(plover),
        modality=modality,  # type: ignore[arg-type]
        attribution=None,
        date=EventDate(),
        location=None,
        confidence=confidence,
    )


def gold_file(*items: GoldSentence | GoldClass | GoldTokens, fmt: str = "eventwire") -> GoldFile:
    return GoldFile("mem", "mem.jsonl", fmt, "0" * 64, tuple(items), len(items))  # type: ignore[arg-type]


def a_score(metrics: dict[str, float], *, sha: str = "a" * 64, name: str = "g.jsonl") -> FileScore:
    return FileScore(name, name, "eventwire", sha, 3, 3, metrics, {}, ())


# --- readers -------------------------------------------------------------------------------------


def test_evaluate_reads_petrarch_codings_and_noevents(tmp_path: Path) -> None:
    gold = read_gold(write(tmp_path / "unit.xml", PETRARCH_XML))
    assert gold.format == "petrarch" and gold.total == 3
    first, none, discard = gold.items
    assert isinstance(first, GoldSentence)
    assert first.text == "Arnor restored ties with Gondor."
    assert first.published is not None and first.published.isoformat() == "1995-01-01"
    assert first.events == (
        GoldEvent(actor=("ARN",), recipient=("GON",), cameo="064", source_code="ARNGOV", target_code="GON"),
        GoldEvent(actor=(), recipient=("GON",), cameo="1717", source_code="---GOV", target_code="GON"),
    )
    assert isinstance(none, GoldSentence) and none.events == ()
    assert isinstance(discard, GoldSentence) and discard.events == ()


def test_evaluate_reads_plover_gold_mapping_old_labels(tmp_path: Path) -> None:
    gold = read_gold(write(tmp_path / "gsr.json", PLOVER_JSON))
    assert gold.format == "plover"
    assert [i.id for i in gold.items] == ["R-1", "R-2", "R-3", "R-4"]  # DOCUMENT skipped
    events = [i.events[0] for i in gold.items if isinstance(i, GoldSentence)]
    assert [e.plover for e in events] == ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE"]
    assert events[0].actor == ("FRE", "XKX")  # CAMEO KSV is ISO XKX
    assert events[0].recipient == ("SYL",)
    assert events[1].recipient == () and events[2].recipient == ()


def test_evaluate_reads_conflibert_classes(tmp_path: Path) -> None:
    gold = read_gold(write(tmp_path / "classes.tsv", CLASS_TSV))
    assert gold.format == "conflibert-class"
    assert [(i.text, i.label) for i in gold.items if isinstance(i, GoldClass)] == [
        ("The minister said the talks went well.", 0),
        ("Troops shelled the border town.", 4),
    ]
    with pytest.raises(InputError, match=r"bad\.tsv:2"):
        read_gold(write(tmp_path / "bad.tsv", "fine\t1\nno label here\n"))


def test_evaluate_reads_conll_tags_with_offsets(tmp_path: Path) -> None:
    gold = read_gold(write(tmp_path / "ner.txt", CONLL))  # .txt: detected from the content
    assert gold.format == "conflibert-ner"
    first, second = gold.items
    assert isinstance(first, GoldTokens) and isinstance(second, GoldTokens)
    assert first.text == "The Freedonian army shelled Sylvania's capital."
    assert second.text == "Both sides talked (again)."
    assert [first.text[s:e] for s, e in first.spans] == [
        "The", "Freedonian", "army", "shelled", "Sylvania", "'s", "capital", ".",
    ]  # fmt: skip
    assert first.roles == ("O", "S", "S", "O", "T", "O", "O", "O")
    assert second.roles[:2] == ("R", "R")


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("Freedonia ’ s envoy left .", "Freedonia’s envoy left."),
        ("Sylvania 's army", "Sylvania's army"),
        ("al - Firefly and the Freedonia - Sylvania talks", "al-Firefly and the Freedonia-Sylvania talks"),
        ("gave 352 . 5 million ( FRE ) .", "gave 352.5 million (FRE)."),
        ("He said : - no", "He said: - no"),
    ],
)
def test_evaluate_rebuilds_conll_text_as_written(tmp_path: Path, tokens: str, text: str) -> None:
    lines = "".join(f"{token} O\n" for token in tokens.split())
    [item] = read_gold(write(tmp_path / "t.conll", lines)).items
    assert isinstance(item, GoldTokens) and item.text == text
    assert [item.text[s:e] for s, e in item.spans] == tokens.split()


def test_evaluate_reads_eventwire_jsonl(tmp_path: Path) -> None:
    gold = read_gold(write_jsonl(tmp_path / "mine.jsonl", EVENTWIRE_JSONL))
    assert gold.format == "eventwire"
    first, second = gold.items
    assert isinstance(first, GoldSentence) and isinstance(second, GoldSentence)
    assert first.events == (
        GoldEvent(actor=("FRE",), recipient=("SYL",), cameo="190", plover="ASSAULT", modality="asserted"),
    )
    assert second.events == () and second.id == "line-2"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"events": []}, "'text' string"),
        ({"text": "x", "events": [{"cameo": 190}]}, "2-4 digits"),
        ({"text": "x", "events": [{"root": "19"}]}, "unknown event field"),
        ({"text": "x", "events": [{"actor": 7}]}, "'actor' is a code"),
        ({"text": "x", "published": "June", "events": []}, "YYYY-MM-DD"),
    ],
)
def test_evaluate_rejects_malformed_jsonl(tmp_path: Path, line: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_gold(write_jsonl(tmp_path / "bad.jsonl", [line]))


def test_evaluate_limit_keeps_first_items_and_hash_of_whole_file(tmp_path: Path) -> None:
    path = write(tmp_path / "classes.tsv", CLASS_TSV)
    whole, first = read_gold(path), read_gold(path, limit=1)
    assert len(first.items) == 1 and first.total == 2
    assert first.sha256 == whole.sha256


def test_evaluate_unknown_format_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown gold format"):
        read_gold(write(tmp_path / "notes.txt", "just some words here\n"))


# --- scorers -------------------------------------------------------------------------------------


def test_evaluate_scores_event_levels() -> None:
    fre, syl = entity("FRE"), entity("SYL")
    gold = gold_file(
        GoldSentence("1", "a", (GoldEvent(("FRE",), ("SYL",), "190", "ASSAULT"),)),
        GoldSentence("2", "b", (GoldEvent(("SYL",), ("FRE",), "042", "CONSULT"),)),
        GoldSentence("3", "c", ()),
    )
    predictions = [
        [event("193", actor=[fre], recipient=[syl])],  # right root and dyad; 3-digit code wrong
        [],  # missed
        [event("112", plover="ACCUSE", actor=[syl])],  # coded where the gold has none
    ]
    result = score(gold, predictions)
    assert result.counts["root"] == Counts(tp=1, fp=1, fn=1)
    assert result.counts["code"] == Counts(tp=0, fp=2, fn=2)
    assert result.counts["dyad_root"] == Counts(tp=1, fp=1, fn=1)
    assert result.metrics["root.precision"] == pytest.approx(0.5)
    assert result.metrics["root.f1"] == pytest.approx(0.5)
    assert result.metrics["plover.hit_rate"] == pytest.approx(0.5)
    assert result.metrics["actor.recall"] == pytest.approx(0.5)
    assert {(c.gold, c.predicted) for c in result.confusions} == {("04", "(none)"), ("(none)", "11")}


def test_evaluate_compound_actor_is_one_event() -> None:
    gold = gold_file(
        GoldSentence("1", "a", (GoldEvent(("FRE",), ("SYL",), "190"), GoldEvent(("GRN",), ("SYL",), "190"))),
    )
    result = score(gold, [[event("190", actor=[entity("FRE"), entity("GRN")], recipient=[entity("SYL")])]])
    assert result.metrics["root.f1"] == 1.0 and result.metrics["dyad_root.f1"] == 1.0


def test_evaluate_matches_actors_by_org_or_cameo_prefix() -> None:
    un = Entity("the UN", "United Nations", org="UN", cameo="IGOUNO")
    official = Entity("officials", "officials", sector="GOV", cameo="GOV")
    gold = gold_file(
        GoldSentence("1", "a", (GoldEvent(("IGO",), (), plover="AID"),)),
        GoldSentence("2", "b", (GoldEvent(("UN",), (), plover="AID"),)),
        GoldSentence("3", "c", (GoldEvent(("KGZ",), (), plover="AID"),)),
    )
    result = score(
        gold, [[event("070", actor=[un])], [event("070", actor=[un])], [event("070", actor=[official])]]
    )
    assert result.counts["actor"] == Counts(tp=2, fp=0, fn=1)  # a bare sector is no actor label


def test_evaluate_scores_whole_petrarch_codings() -> None:
    arn_gov = Entity("the Arnor government", "Arnor", sector="GOV", cameo="ARNGOV")
    gon, government = (
        Entity("Gondor", "Gondor", cameo="GON"),
        Entity("officials", "x", sector="GOV", cameo="GOV"),
    )
    codings = (
        GoldEvent(("ARN",), ("GON",), "064", source_code="ARNGOVFRM", target_code="GON"),
        GoldEvent(("ARN",), (), "1717", source_code="---GOV", target_code="---"),
    )
    gold = gold_file(GoldSentence("1", "a", codings), fmt="petrarch")
    coded = [event("064", actor=[arn_gov], recipient=[gon]), event("1717", actor=[government])]
    result = score(gold, [coded])
    assert result.counts["coding"] == Counts(tp=2)  # six letters compared; an agent alone is ---GOV
    wrong = [event("064", actor=[gon], recipient=[arn_gov]), event("171", actor=[government])]
    assert score(gold, [wrong]).counts["coding"] == Counts(tp=0, fp=2, fn=2)  # roles swapped; 4th digit
    assert [actor_code(e) for e in (arn_gov, government, None)] == ["ARNGOV", "---GOV", "---"]


def test_evaluate_levels_need_every_gold_event_to_say_them() -> None:
    gold = gold_file(
        GoldSentence("1", "a", (GoldEvent(cameo="190", plover="ASSAULT"),)),
        GoldSentence("2", "b", (GoldEvent(plover="AID"),)),
    )
    result = score(gold, [[], []])
    assert (
        "plover.f1" in result.metrics and "root.f1" not in result.metrics and "actor.f1" not in result.metrics
    )


@pytest.mark.parametrize(
    ("root", "label"),
    [("01", 0), ("02", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_evaluate_root_classes(root: str, label: int) -> None:
    assert root_class(root) == label


def test_evaluate_class_is_that_of_the_most_confident_event() -> None:
    gold = gold_file(
        GoldClass("1", "a", 4),
        GoldClass("2", "b", 0),
        GoldClass("3", "c", 1),
        GoldClass("4", "d", 3),
        fmt="conflibert-class",
    )
    predictions = [
        [event("010", confidence=0.4), event("190", confidence=0.9)],  # 4: right
        [],  # no event is class 0: right
        [event("036", confidence=0.7), event("120", confidence=0.7)],  # the first of equals: 1, right
        [event("010", confidence=0.9), event("111", confidence=0.3)],  # 0 for 3: wrong
    ]
    result = score(gold, predictions)
    assert result.metrics["accuracy"] == pytest.approx(0.75)
    assert [(c.gold, c.predicted, c.count) for c in result.confusions] == [
        ("3 verbal conflict", "0 statement", 1)
    ]


def test_evaluate_token_spans_of_the_main_event() -> None:
    text = "The Freedonian army shelled Sylvania's capital."
    spans = ((0, 3), (4, 14), (15, 19), (20, 27), (28, 36), (36, 38), (39, 46), (46, 47))
    roles = ("O", "S", "S", "O", "T", "O", "O", "O")
    gold = gold_file(GoldTokens("1", text, spans, roles), GoldTokens("2", "Both sides talked.", ((0, 4), (5, 10), (11, 17), (17, 18)), ("R", "R", "O", "O")), fmt="conflibert-ner")  # fmt: skip
    main = event(
        "195",
        actor=[entity("FRE", start=4, end=14)],  # "Freedonian" only: 1 of 2 source tokens
        recipient=[entity("SYL", text="Sylvania")],  # no offsets: found in the text
        confidence=0.9,
    )
    other = event("190", actor=[entity("SYL", start=28, end=36)], confidence=0.1)
    result = score(gold, [[other, main], []])
    assert result.counts["source"] == Counts(tp=1, fp=0, fn=3)  # R tokens count for both roles
    assert result.counts["target"] == Counts(tp=1, fp=0, fn=2)
    assert result.metrics["source.recall"] == pytest.approx(0.25)


def test_evaluate_runs_a_coder_over_gold_items(tmp_path: Path) -> None:
    class Fake:
        def __init__(self) -> None:
            self.seen: list[Article] = []

        def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
            for article in articles:
                self.seen.append(article)
                hit = "attacked" in article.text
                yield article, [event("190", actor=[entity("FRE")], recipient=[entity("SYL")])] if hit else []

    fake = Fake()
    [result] = evaluate([write_jsonl(tmp_path / "g.jsonl", EVENTWIRE_JSONL)], fake)
    assert [a.text for a in fake.seen] == ["Freedonia attacked Sylvania.", "It rained all day."]
    assert fake.seen[0].published is not None
    assert result.metrics["root.f1"] == 1.0 and result.metrics["modality.f1"] == 1.0


# --- baseline and gate ---------------------------------------------------------------------------


def test_evaluate_gate_fails_below_a_floor_and_on_a_changed_gold_file() -> None:
    baseline = {"files": {"g.jsonl": {"sha256": "a" * 64, "floors": {"root.f1": 0.5, "actor.f1": 0.2}}}}
    assert gate([a_score({"root.f1": 0.5004, "actor.f1": 0.2})], baseline) == []
    [below] = gate([a_score({"root.f1": 0.4, "actor.f1": 0.2})], baseline)
    assert "root.f1 0.400 is below its floor 0.500" in below
    [changed] = gate([a_score({"root.f1": 0.9, "actor.f1": 0.9}, sha="b" * 64)], baseline)
    assert "gold file changed" in changed
    [missing] = gate([a_score({"root.f1": 0.9})], baseline)
    assert "actor.f1 was not measured" in missing
    [unknown] = gate([a_score({"root.f1": 0.9}, name="new.jsonl")], baseline)
    assert "no floors" in unknown


def test_evaluate_update_only_raises_floors_unless_allowed_with_a_reason() -> None:
    baseline = {
        "files": {"g.jsonl": {"sha256": "a" * 64, "floors": {"root.f1": 0.5, "actor.f1": 0.2}}},
        "lowered": [],
    }
    reached = a_score({"root.f1": 0.6129, "actor.f1": 0.1, "root.precision": 0.9})
    raised, refused = raise_floors([reached], baseline)
    assert raised["files"]["g.jsonl"]["floors"] == {"root.f1": 0.612, "actor.f1": 0.2}  # no precision floor
    assert refused == ["g.jsonl: actor.f1 0.100 is below its floor 0.200 (kept)"]
    assert baseline["files"]["g.jsonl"]["floors"]["root.f1"] == 0.5  # the input is not changed
    lowered, refused = raise_floors([reached], baseline, allow_lower=True, reason="new tokenizer")
    assert refused == [] and lowered["files"]["g.jsonl"]["floors"]["actor.f1"] == 0.1
    assert lowered["lowered"][0]["reason"] == "new tokenizer"
    assert "actor.f1 0.200 -> 0.100" in lowered["lowered"][0]["changes"][0]
    with pytest.raises(ValueError, match="reason"):
        raise_floors([reached], baseline, allow_lower=True, reason=" ")
    _, refused = raise_floors([a_score({"root.f1": 0.9}, sha="b" * 64)], baseline)
    assert "gold file changed" in refused[0]


def test_evaluate_floor_rounds_down() -> None:
    assert floor_of(0.42559) == 0.425 and floor_of(0.7) == 0.7 and floor_of(1.0) == 1.0


def test_evaluate_markdown_section_is_replaced_in_place() -> None:
    section = markdown([a_score({"root.f1": 0.5})], command="eventwire eval g.jsonl")
    assert "| root.f1 | 0.500 |" in section
    document = splice("# Accuracy\n\nintro\n", section)
    again = splice(document + "\n## Gold format\n", markdown([a_score({"root.f1": 0.25})], command="c"))
    assert again.count("root.f1") == 1 and "0.250" in again and again.endswith("## Gold format\n")


# --- command line --------------------------------------------------------------------------------


def test_evaluate_cli_json_gate_and_update(
    tmp_path: Path, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_load_coder", lambda settings: coder)
    runner = CliRunner()
    gold = str(write_jsonl(tmp_path / "mine.jsonl", EVENTWIRE_JSONL))
    baseline = tmp_path / "baseline.json"
    update = runner.invoke(cli.app, ["eval", gold, "--update-baseline", str(baseline)])
    assert update.exit_code == 0, update.output
    pinned = load_baseline(baseline)["files"]["mine.jsonl"]
    assert pinned["sha256"] == read_gold(gold).sha256 and "root.f1" in pinned["floors"]
    result = runner.invoke(cli.app, ["eval", gold, "--json", "--gate", str(baseline)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["gate"] == {"passed": True, "problems": []}
    headline = {m for m in data["files"][0]["metrics"] if not m.endswith((".precision", ".recall"))}
    assert set(pinned["floors"]) == headline and "plover.hit_rate" in headline
    pinned["floors"]["root.f1"] = 1.001
    baseline.write_text(json.dumps({"files": {"mine.jsonl": pinned}}), encoding="utf-8")
    failed = runner.invoke(cli.app, ["eval", gold, "--gate", str(baseline)])
    assert failed.exit_code == 1 and "root.f1" in failed.stderr and "below its floor 1.001" in failed.stderr
    assert "mine.jsonl" in failed.stdout  # the table


def test_evaluate_cli_codes_with_actor_files(
    tmp_path: Path, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[Settings] = []
    monkeypatch.setattr(cli, "_load_coder", lambda settings: loaded.append(settings) or coder)
    gold = str(write_jsonl(tmp_path / "mine.jsonl", EVENTWIRE_JSONL))
    actors = tmp_path / "mine.tsv"
    actors.write_text("org\tcameo\tname\tvariants\tcountry\tsector\n", encoding="utf-8")
    report = tmp_path / "ACCURACY.md"
    args = ["eval", gold, "--actors", str(actors), "--markdown", str(report)]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert [s.actors_files for s in loaded] == [(actors,)]
    assert f"--actors {actors}" in report.read_text(encoding="utf-8")  # the figures say how they were made


@pytest.mark.parametrize(
    "options",
    [
        ["--limit", "1", "--gate", "b.json"],
        ["--allow-lower", "--update-baseline", "b.json"],
        ["--reason", "why", "--gate", "b.json"],
        ["--actors", "{gold}", "--gate", "b.json"],
    ],
)
def test_evaluate_cli_usage_errors(tmp_path: Path, options: list[str]) -> None:
    gold = str(write_jsonl(tmp_path / "mine.jsonl", EVENTWIRE_JSONL))
    result = CliRunner().invoke(cli.app, ["eval", gold, *(o.format(gold=gold) for o in options)])
    assert result.exit_code == 2


# --- the accuracy gate on the dev sets -----------------------------------------------------------


@pytest.mark.shared
def test_evaluate_dev_sets_hold_the_baseline(coder: Coder) -> None:
    paths = [shared_file(name) for name in DEV_SETS]
    scores = evaluate(paths, coder)
    baseline = load_baseline(BASELINE)
    assert {s.name for s in scores} <= set(baseline["files"])
    assert gate(scores, baseline) == []


def test_evaluate_baseline_pins_every_dev_set() -> None:
    baseline = load_baseline(BASELINE)
    for name in DEV_SETS:
        pinned = baseline["files"][Path(name).name]
        assert len(pinned["sha256"]) == 64 and pinned["floors"]
