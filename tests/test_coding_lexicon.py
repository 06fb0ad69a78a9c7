from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding.cameo import default_table
from eventwire.coding.lexicon import Lexicon, default_lexicon
from eventwire.errors import DataError


def test_lexicon_codes_exist_in_the_code_table() -> None:
    table = default_table()
    lexicon = default_lexicon()
    codes = {rule.cameo for rules in lexicon.rules.values() for rule in rules} | set(lexicon.frames.values())
    assert codes, "the lexicon is empty"
    assert sorted(c for c in codes if c not in table) == []


def test_lexicon_most_specific_rule_first() -> None:
    rules = default_lexicon().rules_for("ship", "VERB")
    assert rules[0].object_class is not None
    assert rules[-1].object_class is None


def test_lexicon_frame_code_by_embedded_root() -> None:
    lexicon = default_lexicon()
    assert lexicon.frame_code("intent", "07") == "033"
    assert lexicon.frame_code("intent", "19") == "030"
    assert lexicon.frame_code("threat", "19") == "138"


def test_lexicon_particle_verbs(tmp_path: Path) -> None:
    rule = default_lexicon().rules_for("hand", "VERB")[0]
    assert rule.particle == "over"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("visit\tADJ\t\t042\tobj\tyes", "pos must be"),
        ("visit\tVERB\t\t42x\tobj\tyes", "not a CAMEO code"),
        ("pay a visit\tVERB\t\t042\tobj\tyes", "trigger must be"),
    ],
)
def test_lexicon_bad_row_names_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "triggers.tsv"
    path.write_text("# comment\ntrigger\tpos\tobject\tcameo\trecipient\tneeds_recipient\n" + row + "\n")
    with pytest.raises(DataError) as error:
        Lexicon.load(triggers=path)
    assert f"{path}:3" in str(error.value)
    assert reason in str(error.value)
