"""`eventwire ingest --actors/--verbs`: a user's actor and verb files code the stored events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from eventwire.cli import app

ORGS = "org\tcameo\tname\tvariants\tcountry\tsector\n\tVLMREB\tValmar Front\t\t\tREB\n"
VERBS = """\
--- SERENADE  [081]  ---
SERENADE
- * WITH PEACE OFFERINGS  [0871]
"""
TEXT = "The Valmar Front serenaded Peru with peace offerings on Monday."


def _ingest(tmp_path: Path, *options: str) -> list[dict[str, Any]]:
    source = tmp_path / "story.txt"
    source.write_text(TEXT, encoding="utf-8")
    store = tmp_path / f"store{len(options)}.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "ingest",
            str(source),
            "--store",
            str(store),
            "--workers",
            "1",
            "--published",
            "2024-03-04",
            *options,
        ],
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["events", "--store", str(store), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    return [json.loads(line) for line in listed.output.splitlines() if line.strip()]


def test_cli_ingest_codes_with_user_actor_and_verb_files(tmp_path: Path) -> None:
    actors = tmp_path / "orgs.tsv"
    actors.write_text(ORGS, encoding="utf-8")
    dictionary = tmp_path / "verbs.txt"
    dictionary.write_text(VERBS, encoding="utf-8")
    verbs = tmp_path / "verbs.tsv"
    imported = CliRunner().invoke(app, ["import-verbs", str(dictionary), "--output", str(verbs)])
    assert imported.exit_code == 0, imported.output

    bundled_only = _ingest(tmp_path)
    assert all(e["cameo"]["code"] != "0871" for e in bundled_only)

    (event,) = _ingest(tmp_path, "--actors", str(actors), "--verbs", str(verbs))
    assert event["cameo"]["code"] == "0871"
    assert [a["cameo"] for a in event["actor"]] == ["VLMREB"]
    assert [r["country"] for r in event["recipient"]] == ["PER"]
