"""The other commands: template, definitions, --version, --help."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import mexsledai
from mexsledai.cli import build_parser, main
from mexsledai.labs import QUANTITIES, format_number
from mexsledai.registry import DESCRIPTORS
from tests import spec_tables

TEMPLATE_HEADER = ["patient_id", "visit", *spec_tables.FINDINGS, *spec_tables.LAB_KEYS]


def test_template_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template"]) == 0
    out = capsys.readouterr().out
    assert next(csv.reader(out.splitlines())) == TEMPLATE_HEADER


def test_template_csv_can_be_scored(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    assert main(["template", "-o", str(target)]) == 0
    with target.open(encoding="utf-8", newline="") as stream:
        assert next(csv.reader(stream)) == TEMPLATE_HEADER
    with target.open("a", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerow(["P1", "baseline", "x", *[""] * 36])
    assert main(["score", str(target)]) == 0


def test_template_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADER


def test_template_bad_suffix(tmp_path: Path) -> None:
    assert main(["template", "-o", str(tmp_path / "t.docx")]) == 2


def test_definitions_print_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["definitions"]) == 0
    out = capsys.readouterr().out
    for descriptor in DESCRIPTORS:
        assert f"{descriptor.weight:>6}  {descriptor.label} ({descriptor.key})" in out
        assert spec_tables.WEIGHT[descriptor.key] == descriptor.weight
        for finding in descriptor.findings:
            assert f"{finding.key}: " in out
    for quantity in QUANTITIES:
        for unit in quantity.units:
            assert (
                f"{unit.key} {quantity.abnormal} {format_number(unit.threshold)}" in out
            )
    assert "J Rheumatol 1992" in out
    assert "0-1 none" in out
    assert "2-5 moderate" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"mexsledai {mexsledai.__version__}"


@pytest.mark.parametrize("command", ["score", "template", "definitions"])
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: mexsledai {command}")


def test_no_command_is_an_error() -> None:
    with pytest.raises(SystemExit) as stop:
        main([])
    assert stop.value.code == 2


def test_score_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["score", "--help"])
    text = capsys.readouterr().out
    for option in ("--sheet", "--delimiter", "--decimal", "--encoding", "--unrecorded",
                   "--scheme", "--ignore-column", "-o"):  # fmt: skip
        assert option in text
