from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding.cameo import default_table
from eventwire.coding.lexicon import Lexicon, default_lexicon
from eventwire.errors import DataError

HEADER = "# comment\ntrigger\tpos\tobject\tcameo\trecipient\tneeds_recipient\n"


def test_lexicon_codes_exist_in_the_code_table() -> None:
    codes = default_lexicon().codes()
    assert codes, "the lexicon is empty"
    assert sorted(c for c in codes if c not in default_table()) == []


def test_lexicon_reaches_every_root_and_two_hundred_codes() -> None:
    table = default_table()
    codes = default_lexicon().codes()
    assert {c[:2] for c in codes} == set(table.roots())
    assert len(codes) >= 200, len(codes)


def test_lexicon_every_code_maps_to_a_plover_event() -> None:
    table = default_table()
    assert all(table.plover(code).event for code in default_lexicon().codes())


def test_lexicon_most_specific_rule_first() -> None:
    rules = default_lexicon().rules_for("ship", "VERB")
    assert len(rules[0].object_classes) == 2
    assert rules[-1].object_classes == ()


@pytest.mark.parametrize(
    ("frame", "embedded", "code"),
    [
        ("intent", "07", "033"),
        ("intent", "073", "0333"),
        ("intent", "19", "138"),
        ("intent", "11", "030"),
        ("appeal", "073", "0233"),
        ("demand", "0841", "1053"),
        ("demand", "0871", "107"),
        ("threat", "163", "1312"),
        ("threat", "1723", "1323"),
        ("refuse", "085", "1244"),
        ("accuse", "20", "1124"),
    ],
)
def test_lexicon_frame_code_by_longest_prefix(frame: str, embedded: str, code: str) -> None:
    assert default_lexicon().frame_code(frame, embedded) == code


def test_lexicon_frame_code_without_fallback() -> None:
    lexicon = default_lexicon()
    assert lexicon.frame_code("future", "07") == "033"
    assert lexicon.frame_code("future", "11", fallback=False) is None


def test_lexicon_particle_verbs() -> None:
    rule = default_lexicon().rules_for("hand", "VERB")[0]
    assert rule.particle == "over"


def test_lexicon_verb_classes_are_data() -> None:
    lexicon = default_lexicon()
    assert lexicon.verb_is("hold", "light")
    assert lexicon.verb_is("persuade", "object_control")
    assert not lexicon.verb_is("attack", "light")


def test_lexicon_object_classes_combine(tmp_path: Path) -> None:
    path = tmp_path / "triggers.tsv"
    path.write_text(HEADER + "send\tVERB\taid+military\t072\tto\tno\nsend\tVERB\t!aid\t042\tto\tno\n")
    first, second = Lexicon.load(triggers=path).rules_for("send", "VERB")
    assert first.object_classes == ("aid", "military") and first.specificity == 2
    assert second.object_negated and second.specificity == 0


def test_lexicon_embedded_only_rows(tmp_path: Path) -> None:
    path = tmp_path / "triggers.tsv"
    path.write_text(HEADER + "reform\tNOUN\t\t083\t\tembedded\n")
    [rule] = Lexicon.load(triggers=path).rules_for("reform", "NOUN")
    assert rule.embedded_only and not rule.needs_recipient


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("visit\tADJ\t\t042\tobj\tyes", "pos must be"),
        ("visit\tVERB\t\t42x\tobj\tyes", "not a CAMEO code"),
        ("pay a visit\tVERB\t\t042\tobj\tyes", "trigger must be"),
        ("visit\tVERB\t\t042\tobj\tmaybe", "needs_recipient must be"),
        ("visit\tVERB\t=\t042\tobj\tno", "must name a frame"),
    ],
)
def test_lexicon_bad_row_names_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "triggers.tsv"
    path.write_text(HEADER + row + "\n")
    with pytest.raises(DataError) as error:
        Lexicon.load(triggers=path)
    assert f"{path}:3" in str(error.value)
    assert reason in str(error.value)


def test_lexicon_bad_frame_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "frames.tsv"
    path.write_text("frame\tembedded\tcode\nintent\t7x\t033\n")
    with pytest.raises(DataError) as error:
        Lexicon.load(frames=path)
    assert f"{path}:2" in str(error.value) and "embedded must be" in str(error.value)


def test_stance_words_have_codes_of_the_code_table() -> None:
    from eventwire.nlp.stances import stance_rules

    rules = stance_rules()
    assert {"skeptical", "optimistic"} <= set(rules)
    assert all(rule.cameo in default_table() and rule.recipient for rule in rules.values())


def test_lexicon_bundled_trigger_rows_are_not_repeated() -> None:
    from collections import Counter

    from eventwire.tables import bundled

    rows = [
        line
        for line in bundled("triggers.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert [row for row, n in Counter(rows).items() if n > 1] == []
