"""The command line: `eventwire code`, its exit codes, stderr messages and output formats.

Most tests run the CLI in-process with a stand-in coder that records the articles it is given and
codes one fixed event for each, so they check what the CLI must do (read, hand on, write, report)
whatever the NLP codes today. A few run the real pipeline, loaded once per module.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from eventwire import cli
from eventwire.config import Settings
from eventwire.errors import InputError, ModelError
from eventwire.ingest import read_sources
from eventwire.records import Article, Event
from tests.storekit import make_event

RAID = "Russia attacked Ukraine on Monday."
VISIT = "The president of France visited China on Tuesday."

runner = CliRunner()


class FakeCoder:
    """Stands in for eventwire.api.Coder: records what it codes, one fixed event per article."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.coded: list[Article] = []

    def code(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            self.coded.append(article)
            yield article, [make_event(article, offset=article.text.find(" ") + 1)]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list[FakeCoder]:
    """The stand-in coders the CLI loads during a test (one per run)."""
    made: list[FakeCoder] = []

    def load(settings: Settings) -> FakeCoder:
        made.append(FakeCoder(settings))
        return made[-1]

    monkeypatch.setattr(cli, "_load_coder", load)
    return made


def run(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(cli.app, list(args), input=stdin)


def json_lines(text: str) -> list[dict[str, Any]]:
    """Each stdout line parsed as a JSON object (fails on anything else)."""
    records = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    return records


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- reading and exit codes -----------------------------------------------------------------------------


def test_cli_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("eventwire ")
    assert result.stdout.split()[1][0].isdigit()


def test_cli_code_file_exit_0(tmp_path: Path, fake: list[FakeCoder]) -> None:
    path = write(tmp_path / "raid.txt", RAID)
    result = run("code", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    [record] = json_lines(result.stdout)
    assert record["article"] == {"id": Article(RAID).id, "title": None, "url": None, "published": None}
    assert [a.source for a in fake[0].coded] == [str(path)]


BAD = [
    # (file name, content or None for missing, what stderr says after "name:" or "name:line:")
    ("missing.txt", None, "no such file or directory"),
    ("empty.txt", "", "empty file"),
    ("blank.txt", " \n\n ", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    ("latin1.txt", "Le caf\u00e9.".encode("latin-1"), "not UTF-8 text (byte 0xe9); convert it to UTF-8"),
    (
        "notes.docx",
        "Russia attacked Ukraine.",
        "unsupported file type '.docx'; want .txt, .html, .htm or .jsonl",
    ),
    ("nav.html", "<html><body><nav></nav></body></html>", "no article text found"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[case[0] for case in BAD])
def test_cli_bad_input_exit_1_rest_coded(
    tmp_path: Path, fake: list[FakeCoder], name: str, content: str | bytes | None, message: str
) -> None:
    good = write(tmp_path / "raid.txt", RAID)
    bad = tmp_path / name
    if content is not None:
        write(bad, content)
    other = write(tmp_path / "visit.txt", VISIT)
    paths = [str(good), str(bad), str(other)]

    result = run("code", *paths)

    assert result.exit_code == 1
    line = 1 if name == "latin1.txt" else None
    where = f"{bad}:{line}" if line else str(bad)
    assert result.stderr == f"eventwire: error: {where}: {message}\n"
    assert [a.source for a in fake[0].coded] == [str(good), str(other)]
    records = json_lines(result.stdout)
    assert {r["article"]["id"] for r in records} == {Article(RAID).id, Article(VISIT).id}
    assert [a.source for a in read_sources(paths) if isinstance(a, Article)] == [str(good), str(other)]


def test_cli_malformed_jsonl_line_names_file_and_line(tmp_path: Path, fake: list[FakeCoder]) -> None:
    path = write(
        tmp_path / "news.jsonl",
        f'{{"id": "a", "text": "{RAID}"}}\n\n  \n{{"id": "b", "text": ""}}\n'
        f'not json\n{{"id": "c", "text": "{VISIT}"}}\n',
    )

    result = run("code", str(path))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"eventwire: error: {path}:4: empty 'text'",
        f"eventwire: error: {path}:5: malformed JSON (Expecting value: line 1 column 1)",
    ]
    assert [a.id for a in fake[0].coded] == ["a", "c"]
    assert [r["article"]["id"] for r in json_lines(result.stdout)] == ["a", "c"]


def test_cli_stdin(fake: list[FakeCoder]) -> None:
    result = run("code", "-", stdin=RAID + "\n")
    assert result.exit_code == 0, result.output
    [article] = fake[0].coded
    assert (article.source, article.text) == ("<stdin>", RAID + "\n")
    assert len(json_lines(result.stdout)) == 1


def test_cli_empty_stdin_is_an_input_error(fake: list[FakeCoder]) -> None:
    result = run("code", "-", stdin="")
    assert result.exit_code == 1
    assert result.stderr == "eventwire: error: <stdin>: empty input\n"
    assert result.stdout == ""


def test_cli_directory(tmp_path: Path, fake: list[FakeCoder]) -> None:
    write(tmp_path / "b.txt", VISIT)
    write(tmp_path / "a.jsonl", f'{{"id": "j1", "text": "{RAID}"}}\n')
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.txt", RAID + " Again.")
    write(tmp_path / "ignored.csv", "x,y")

    result = run("code", str(tmp_path))

    assert result.exit_code == 0, result.output
    assert [a.source for a in fake[0].coded] == [
        f"{tmp_path / 'a.jsonl'}:1",
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "c.txt"),
    ]
    assert len(json_lines(result.stdout)) == 3


def test_cli_published_applies_to_inputs_without_a_date(tmp_path: Path, fake: list[FakeCoder]) -> None:
    text = write(tmp_path / "raid.txt", RAID)
    lines = write(
        tmp_path / "news.jsonl",
        f'{{"text": "{VISIT}", "published": "2024-01-05"}}\n{{"text": "{RAID} Later."}}\n',
    )

    result = run("code", str(text), str(lines), "--published", "2024-06-18")

    assert result.exit_code == 0, result.output
    assert [a.published for a in fake[0].coded] == [
        dt.date(2024, 6, 18),
        dt.date(2024, 1, 5),
        dt.date(2024, 6, 18),
    ]
    published = [r["article"]["published"] for r in json_lines(result.stdout)]
    assert published == ["2024-06-18", "2024-01-05", "2024-06-18"]


@pytest.mark.parametrize("value", ["2024-13-01", "18/06/2024", "yesterday", "2024-06-18x"])
def test_cli_bad_published_is_usage_error(tmp_path: Path, fake: list[FakeCoder], value: str) -> None:
    path = write(tmp_path / "raid.txt", RAID)
    result = run("code", str(path), "--published", value)
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert f"not a date (want YYYY-MM-DD): {value!r}" in result.stderr
    assert result.stdout == ""
    assert fake == []  # nothing was loaded or coded


@pytest.mark.parametrize(
    "args",
    [
        ["code", "{path}", "--format", "xml"],
        ["code"],
        ["code", "{path}", "--actors", "{missing}"],
        ["nonsense"],
    ],
    ids=["unknown-format", "no-path", "missing-actors-file", "unknown-command"],
)
def test_cli_usage_errors_exit_2(tmp_path: Path, fake: list[FakeCoder], args: list[str]) -> None:
    path = write(tmp_path / "raid.txt", RAID)
    filled = [a.format(path=path, missing=tmp_path / "none.tsv") for a in args]
    result = run(*filled)
    assert result.exit_code == 2
    assert "Error" in result.stderr
    assert result.stdout == ""
    assert fake == []


def test_cli_actors_files_reach_the_settings(tmp_path: Path, fake: list[FakeCoder]) -> None:
    path = write(tmp_path / "raid.txt", RAID)
    one = write(tmp_path / "one.tsv", "")
    two = write(tmp_path / "two.tsv", "")
    result = run("code", str(path), "--actors", str(one), "--actors", str(two))
    assert result.exit_code == 0, result.output
    assert fake[0].settings.actors_files == (one, two)


def test_cli_model_error_is_one_line_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(settings: Settings) -> FakeCoder:
        raise ModelError(f"cannot load spaCy model {settings.model!r}\n(not installed)")

    monkeypatch.setattr(cli, "_load_coder", fail)
    monkeypatch.setenv("EVENTWIRE_MODEL", "no_such_model")
    result = run("code", str(write(tmp_path / "raid.txt", RAID)))
    assert result.exit_code == 1
    assert (
        result.stderr == "eventwire: error: [E002] cannot load spaCy model 'no_such_model' (not installed)\n"
    )
    assert result.stdout == ""


# --- formats --------------------------------------------------------------------------------------------


def test_cli_format_jsonl_is_the_default(tmp_path: Path, fake: list[FakeCoder]) -> None:
    path = write(tmp_path / "raid.txt", RAID)
    default, explicit = run("code", str(path)), run("code", str(path), "--format", "jsonl")
    assert default.stdout == explicit.stdout
    [record] = json_lines(default.stdout)
    assert record["cameo"] == {
        "code": "190",
        "root": "19",
        "name": "Use conventional military force",
        "goldstein": -10.0,
        "quad_class": 4,
    }


def test_cli_format_gdelt_has_61_fields(tmp_path: Path, fake: list[FakeCoder]) -> None:
    paths = [str(write(tmp_path / "raid.txt", RAID)), str(write(tmp_path / "visit.txt", VISIT))]
    result = run("code", *paths, "--format", "gdelt")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert len(rows) == 2
    assert all(len(row.split("\t")) == 61 for row in rows)
    assert all("190" in row.split("\t") for row in rows)


def test_cli_format_plover_is_json_lines(tmp_path: Path, fake: list[FakeCoder]) -> None:
    result = run("code", str(write(tmp_path / "raid.txt", RAID)), "--format", "plover")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    assert "ASSAULT" in json.dumps(record)


def test_cli_format_table_is_text(tmp_path: Path, fake: list[FakeCoder]) -> None:
    result = run("code", str(write(tmp_path / "raid.txt", RAID)), "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Russia" in result.stdout
    assert "190" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json_lines(result.stdout)


# --- progress and summary on a terminal ------------------------------------------------------------------


def test_cli_report_on_a_terminal_shows_progress_and_sums_up() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    report = cli._Report(console, progress=True)
    report.failed(InputError("x.jsonl", "malformed JSON", line=3))
    assert list(report.track(range(cli.PROGRESS_AFTER + 5))) == list(range(cli.PROGRESS_AFTER + 5))
    assert report._progress is not None  # shown once PROGRESS_AFTER articles were coded
    report.close()
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "eventwire: error: x.jsonl:3: malformed JSON" in out
    assert f"eventwire: coded {cli.PROGRESS_AFTER + 5} articles; 1 input failed" in out


def test_cli_report_off_a_terminal_is_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    report = cli._Report(None, progress=True)
    list(report.track(range(cli.PROGRESS_AFTER + 5)))
    report.close()
    assert report._progress is None
    assert capsys.readouterr().err == ""


# --- the real pipeline ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_coder() -> object:
    from eventwire.api import Coder

    return Coder(Settings())


def test_cli_real_pipeline_codes_good_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_coder: object
) -> None:
    monkeypatch.setattr(cli, "_load_coder", lambda settings: real_coder)
    good = write(tmp_path / "raid.txt", RAID + " " + VISIT)
    lines = write(tmp_path / "news.jsonl", f'{{"id": "n1", "text": "{VISIT}"}}\n{{"text": 1}}\n')

    result = run("code", str(good), str(lines), "--published", "2024-06-18")

    assert result.exit_code == 1
    assert result.stderr == f"eventwire: error: {lines}:2: 'text' must be a string, got a number\n"
    records = json_lines(result.stdout)
    assert {r["article"]["id"] for r in records} == {Article(RAID + " " + VISIT).id, "n1"}
    assert ("RUS", "UKR", "190") in {
        (r["actor"][0]["country"], r["recipient"][0]["country"], r["cameo"]["code"]) for r in records
    }


def test_cli_entry_point_end_to_end(tmp_path: Path) -> None:
    good = write(tmp_path / "raid.txt", RAID)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "eventwire", "code", str(good), str(tmp_path / "gone.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == f"eventwire: error: {tmp_path / 'gone.txt'}: no such file or directory\n"
    [record] = json_lines(proc.stdout)
    assert record["cameo"]["code"] == "190" and record["actor"][0]["country"] == "RUS"
