from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding.cameo import CodeTable, default_table, quad_class_name
from eventwire.errors import DataError
from eventwire.records import Cameo, Plover

HEADER = "code\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\tplover_context\n"
GOOD_ROWS = "04\tConsult\t1.0\t1\tCONSULT\t\t\n042\tMake a visit\t1.9\t1\tCONSULT\tvisit\t\n"


def write_table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codes.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_cameo_bundled_table_has_every_code_and_root() -> None:
    table = default_table()
    assert len(table) == 311
    assert len(table.codes()) == 311
    assert table.roots() == [f"{n:02d}" for n in range(1, 21)]


def test_cameo_default_table_is_loaded_once() -> None:
    assert default_table() is default_table()


def test_cameo_make_a_visit() -> None:
    table = default_table()
    assert table.cameo("042") == Cameo(
        code="042", root="04", name="Make a visit", goldstein=1.9, quad_class=1
    )
    assert table.plover("042") == Plover(event="CONSULT", mode="visit", context=())


@pytest.mark.parametrize(
    ("code", "root", "quad", "goldstein", "event"),
    [
        ("01", "01", 1, 0.0, "SUPPORT"),
        ("0233", "02", 1, 3.4, "REQUEST"),
        ("057", "05", 1, 8.0, "SUPPORT"),
        ("073", "07", 2, 7.4, "AID"),
        ("0871", "08", 2, 9.0, "RETREAT"),
        ("112", "11", 3, -2.0, "ACCUSE"),
        ("1384", "13", 3, -7.0, "THREATEN"),
        ("173", "17", 4, -5.0, "COERCE"),
        ("190", "19", 4, -10.0, "ASSAULT"),
        ("2042", "20", 4, -10.0, "ASSAULT"),
    ],
)
def test_cameo_code_facts(code: str, root: str, quad: int, goldstein: float, event: str) -> None:
    table = default_table()
    cameo = table.cameo(code)
    assert (cameo.code, cameo.root, cameo.quad_class, cameo.goldstein) == (code, root, quad, goldstein)
    assert table.plover(code).event == event


def test_cameo_context_is_a_tuple_of_strings() -> None:
    assert default_table().plover("094") == Plover(
        event="ACCUSE", mode="investigate", context=("military", "legal")
    )


def test_cameo_every_code_has_a_plover_event_and_a_readable_name() -> None:
    table = default_table()
    for code in table.codes():
        cameo = table.cameo(code)
        assert cameo.root in table.roots()
        assert table.plover(code).event.isupper()
        assert cameo.name[0].isupper() and not cameo.name.isupper()
        assert "specified below" not in cameo.name


def test_cameo_leading_zeros_are_kept() -> None:
    table = default_table()
    assert "010" in table
    assert "10" in table
    assert "042" in table
    assert "42" not in table
    assert table.cameo("010").name != table.cameo("10").name
    assert all(isinstance(code, str) for code in table.codes())


def test_cameo_unknown_code_raises_a_clear_key_error() -> None:
    with pytest.raises(KeyError, match="unknown CAMEO event code '999'"):
        default_table().cameo("999")
    with pytest.raises(KeyError, match="'42'"):
        default_table().plover("42")


def test_cameo_load_reads_a_user_table(tmp_path: Path) -> None:
    table = CodeTable.load(write_table(tmp_path, "# a comment\n" + HEADER + GOOD_ROWS))
    assert table.codes() == ["04", "042"]
    assert table.roots() == ["04"]
    assert table.plover("042").mode == "visit"
    assert table.plover("04").mode is None


def test_cameo_load_accepts_rows_without_trailing_empty_fields(tmp_path: Path) -> None:
    table = CodeTable.load(write_table(tmp_path, HEADER + "04\tConsult\t1.0\t1\tCONSULT\n"))
    assert table.plover("04") == Plover(event="CONSULT", mode=None, context=())


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        ("042\tMake a visit\t1.9\t1\tCONSULT\tvisit\t\textra\n", 4, "8 fields"),
        ("042\tMake a visit\tmuch\t1\tCONSULT\tvisit\t\n", 4, "goldstein must be a number"),
        ("042\tMake a visit\t12\t1\tCONSULT\tvisit\t\n", 4, "-10..10"),
        ("042\tMake a visit\t1.9\t5\tCONSULT\tvisit\t\n", 4, "quad_class"),
        ("42a\tMake a visit\t1.9\t1\tCONSULT\tvisit\t\n", 4, "2 to 4 digits"),
        ("042\tMake a visit\t1.9\t1\t\tvisit\t\n", 4, "no PLOVER event"),
        ("042\tMake a visit\t1.9\t1\tCONSULT\tvisit\ta,,b\n", 4, "empty item"),
        ("04\tConsult\t1.0\t1\tCONSULT\t\t\n", 4, "repeats line 2"),
        ("0511\tPraise\t3.4\t1\tSUPPORT\t\t\n", 4, "no root row 05"),
    ],
)
def test_cameo_malformed_row_raises_data_error_naming_the_line(
    tmp_path: Path, rows: str, line: int, reason: str
) -> None:
    path = write_table(tmp_path, HEADER + GOOD_ROWS.splitlines(keepends=True)[0] + "\n" + rows)
    with pytest.raises(DataError, match=reason) as caught:
        CodeTable.load(path)
    assert caught.value.line == line
    assert f"{path}:{line}" in str(caught.value)


def test_cameo_wrong_header_is_a_data_error(tmp_path: Path) -> None:
    path = write_table(tmp_path, "# codes\ncode\tname\tgoldstein\n" + GOOD_ROWS)
    with pytest.raises(DataError, match="header lacks column") as caught:
        CodeTable.load(path)
    assert caught.value.line == 2


def test_cameo_empty_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no header row"):
        CodeTable.load(write_table(tmp_path, "# nothing here\n"))


def test_cameo_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read") as caught:
        CodeTable.load(tmp_path / "absent.tsv")
    assert caught.value.path == str(tmp_path / "absent.tsv")


@pytest.mark.parametrize(
    ("quad", "name"),
    [
        (1, "Verbal cooperation"),
        (2, "Material cooperation"),
        (3, "Verbal conflict"),
        (4, "Material conflict"),
    ],
)
def test_cameo_quad_class_names(quad: int, name: str) -> None:
    assert quad_class_name(quad) == name


def test_cameo_quad_class_name_rejects_unknown_classes() -> None:
    with pytest.raises(ValueError, match="1-4"):
        quad_class_name(0)
