"""xlsx in and out: cached formula values, real types, formula-like text kept
as text."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest

from mexsledai.cli import main
from mexsledai.tables import OUTPUT_COLUMNS

openpyxl = pytest.importorskip("openpyxl")

HEADER = ["patient_id", "visit_date", "seizures", "arthritis", "fatigue",
          "platelets_per_mm3", "notes"]  # fmt: skip


def make_workbook(
    path: Path, rows: list[list[object]], *, title: str = "visits"
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    other = book.create_sheet("second")
    other.append(["arthritis"])
    other.append([True])
    book.save(path)
    return path


ROWS: list[list[object]] = [
    list(HEADER),
    [
        "P1",
        dt.datetime(2025, 3, 1),
        True,
        1,
        0,
        85000,
        "=looks like a formula",
    ],  # 8+2+3
    ["P2", dt.datetime(2025, 3, 22, 9, 30), False, "sí", None, 250000.0, 3.5],  # 2
    [
        "P3",
        dt.date(2025, 4, 12),
        dt.datetime(2025, 1, 1),
        None,
        None,
        None,
        None,
    ],  # date: error
    ["P4", None, None, "=1+1", None, None, "=B2"],  # formulas without saved values
    [None, None, None, None, None, None, None],  # empty
]


def test_xlsx_to_xlsx_keeps_types(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "v.xlsx", ROWS)
    assert main(["score", str(source)]) == 1
    book = openpyxl.load_workbook(tmp_path / "v.scored.xlsx")
    sheet = book.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [*HEADER, *OUTPUT_COLUMNS]
    assert rows[1][:6] == ["P1", dt.datetime(2025, 3, 1), True, 1, 0, 85000]
    # thrombocytopenia derived: 85,000 < 100,000/mm³
    assert rows[1][7:] == [
        13, 13, 13, "severe", "scored", None,
        "thrombocytopenia (platelets_per_mm3 = 85000)",
    ]  # fmt: skip
    assert sheet.cell(row=2, column=7).data_type == "s"  # text, never a formula
    assert rows[1][6] == "=looks like a formula"
    assert rows[2][7:12] == [2, 2, 2, "mild", "scored"]
    assert rows[2][6] == 3.5
    assert rows[3][11] == "error"
    assert "a date" in rows[3][12]
    assert rows[4][11] == "error"
    assert "no saved value" in rows[4][12]
    assert rows[4][6] == "=B2"  # kept as its formula text
    assert sheet.cell(row=5, column=7).data_type == "s"
    assert len(rows) == 6
    assert rows[5] == [None] * 14


def test_xlsx_to_csv_writes_text(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "v.xlsx", ROWS)
    target = tmp_path / "v.csv"
    assert main(["score", str(source), "-o", str(target)]) == 1
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[1][:7] == [
        "P1",
        "2025-03-01",
        "TRUE",
        "1",
        "0",
        "85000",
        "'=looks like a formula",
    ]
    assert rows[1][7] == "13"
    assert rows[2][1] == "2025-03-22T09:30:00"
    assert rows[2][5:7] == ["250000", "3.5"]
    assert rows[3][1] == "2025-04-12"


def test_sheet_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make_workbook(tmp_path / "v.xlsx", ROWS)
    assert (
        main(["score", str(source), "--sheet", "second", "-o", str(tmp_path / "s.csv")])
        == 0
    )
    assert (tmp_path / "s.csv").read_text(encoding="utf-8").splitlines()[
        1
    ] == "TRUE,2,2,2,mild,scored,,"
    assert main(["score", str(source), "--sheet", "third"]) == 2
    assert "'visits', 'second'" in capsys.readouterr().err


def test_not_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("arthritis\nx\n", encoding="utf-8")
    assert main(["score", str(fake)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_empty_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.save(tmp_path / "e.xlsx")
    assert main(["score", str(tmp_path / "e.xlsx")]) == 2


def test_csv_to_xlsx(tmp_path: Path) -> None:
    source = tmp_path / "v.csv"
    source.write_text("id,arthritis,notes\n0042,x,=cmd\n", encoding="utf-8")
    assert main(["score", str(source), "-o", str(tmp_path / "v.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "v.xlsx").worksheets[0]
    assert [c.value for c in sheet[2]] == [
        "0042",
        "x",
        "=cmd",
        2,
        2,
        2,
        "mild",
        "scored",
        None,
        None,
    ]
    assert sheet["C2"].data_type == "s"


def test_control_characters_cannot_go_to_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "v.csv"
    source.write_text("id,arthritis\na\x01b,x\n", encoding="utf-8")
    assert main(["score", str(source), "-o", str(tmp_path / "v.xlsx")]) == 2
    assert "write .csv instead" in capsys.readouterr().err
    assert not (tmp_path / "v.xlsx").exists()


def test_missing_openpyxl_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make_workbook(tmp_path / "v.xlsx", ROWS)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl fails
    assert main(["score", str(source)]) == 2
    assert "pip install 'mexsledai[xlsx]'" in capsys.readouterr().err
    csv_source = tmp_path / "v.csv"
    csv_source.write_text("arthritis\nx\n", encoding="utf-8")
    assert main(["score", str(csv_source), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert main(["score", str(csv_source)]) == 0  # text needs no openpyxl


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--sheet", "visits"], "--sheet applies to .xlsx, .xls and .ods input only"),
        (["--delimiter", ";"], None),
        (["--encoding", "cp1252"], None),
    ],
)
def test_options_that_do_not_apply_are_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    fragment: str | None,
) -> None:
    text = tmp_path / "v.csv"
    text.write_text("arthritis\nx\n", encoding="utf-8")
    book = make_workbook(tmp_path / "v.xlsx", ROWS)
    if fragment is not None:  # an xlsx-only option on text input
        assert main(["score", str(text), *argv]) == 2
        assert fragment in capsys.readouterr().err
    else:  # a text-only option on xlsx input
        assert main(["score", str(book), *argv]) == 2
        assert "applies to text input only" in capsys.readouterr().err
