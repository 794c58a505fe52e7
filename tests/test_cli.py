"""The other commands: template, definitions, --version, --help."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import NoReturn

import pytest

import mexsledai
from mexsledai.cli import build_parser, main
from mexsledai.labs import QUANTITIES, format_number
from mexsledai.registry import DESCRIPTORS
from mexsledai.tables.headers import match_header
from tests import spec_tables

TEMPLATE_HEADER = [
    "patient_id",
    "visit",
    "day",
    "arm",
    *spec_tables.FINDINGS,
    *spec_tables.LAB_KEYS,
]


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
        csv.writer(stream).writerow(["P1", "baseline", "0", "A", "x", *[""] * 38])
    assert main(["score", str(target)]) == 0


def test_template_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "t.xlsx"
    assert main(["template", "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADER


@pytest.mark.parametrize(
    ("lang", "some"),
    [
        ("es", ["Convulsiones", "Fiebre", "Leucocitos (/mm³)", "Linfocitos (%)"]),
        ("id", ["Kejang", "Demam", "Leukosit (/mm³)", "Suhu (°C)"]),
        ("pt", ["Convulsões", "Febre", "Hemoglobina (g/dL)", "Temperatura (°F)"]),
    ],
)
def test_template_in_a_language(
    lang: str, some: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", "--lang", lang]) == 0
    header = next(csv.reader(capsys.readouterr().out.splitlines()))
    assert header[:4] == ["patient_id", "visit", "day", "arm"]
    assert len(header) == len(TEMPLATE_HEADER)
    for name in some:
        assert name in header
    # every header reads back as the English template's key, in order
    plan = match_header(header)
    keys = [k for _, k in sorted((*plan.findings, *plan.labs))]
    assert keys == TEMPLATE_HEADER[4:]


def test_template_bad_suffix(tmp_path: Path) -> None:
    assert main(["template", "-o", str(tmp_path / "t.docx")]) == 2


def test_definitions_print_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["definitions"]) == 0
    printed = capsys.readouterr().out
    out = _flat(printed)
    for descriptor in DESCRIPTORS:
        assert (
            f"{descriptor.weight:>6}  {descriptor.label} ({descriptor.key})" in printed
        )
        assert spec_tables.WEIGHT[descriptor.key] == descriptor.weight
        for finding in descriptor.findings:
            assert f"{finding.key}: " in out
    for quantity in QUANTITIES:
        for unit in quantity.units:
            if unit.threshold is not None:
                threshold = f"{quantity.abnormal} {format_number(unit.threshold)}"
                assert f"{unit.key} {threshold}" in out
            assert unit.key in out
    assert "J Rheumatol 1992" in out
    assert "0-1 none" in out
    assert "2-5 moderate" in out


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_definitions_state_the_window_and_what_derivations_cannot_know(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["definitions"]) == 0
    out = _flat(capsys.readouterr().out)
    assert "in the preceding 10 days" in out
    assert (
        "No MEX-SLEDAI source states a window; 10 days is the convention of SLEDAI"
        in out
    )
    assert (
        "cannot know 'new onset', 'other causes excluded' or 'not drug-induced'" in out
    )
    assert "not the 1992 paper's wording" in out
    assert "cranial neuropathy therefore scores here" in out
    assert "leukocytes × lymphocytes_percent / 100" in out


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        ("es", ["Trastorno neurológico (neurological)", "10 días", "leve", "muy severa",
                "Fuente:", "neuropatía craneal nueva puntúa aquí"]),
        ("id", ["Gangguan neurologis (neurological)", "10 hari", "ringan", "sangat berat",
                "Sumber:", "neuropati kranial baru dinilai di sini"]),
        ("pt", ["Distúrbio neurológico (neurological)", "10 dias", "leve", "muito grave",
                "Fonte:", "neuropatia craniana nova pontua aqui"]),
    ],
)  # fmt: skip
def test_definitions_in_a_language(
    lang: str, phrases: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["definitions", "--lang", lang]) == 0
    out = _flat(capsys.readouterr().out)
    for phrase in phrases:
        assert phrase in out
    for descriptor in DESCRIPTORS:  # keys and weights never change
        assert f"{descriptor.weight} " in out
        assert f"({descriptor.key})" in out
        for finding in descriptor.findings:
            assert f"{finding.key}: " in out


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["definitions", "--lang", "fr"])
    assert stop.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


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


SUBCOMMANDS = ("score", "trial", "visit", "template", "definitions", "fhir",
               "schema", "redcap")  # fmt: skip


def _said(
    parser_of: str | None, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[object, list[str], str]:
    code: object = None
    try:
        parsed = vars(build_parser(parser_of).parse_args(argv))
    except SystemExit as stop:
        code, parsed = stop.code, {}
    said = capsys.readouterr()
    return code, sorted(parsed), said.out + said.err


@pytest.mark.parametrize("name", SUBCOMMANDS)
@pytest.mark.parametrize("rest", [["--help"], ["--no-such-option"], []])
def test_a_parser_of_one_subcommand_says_what_the_whole_one_says(
    name: str, rest: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # `main` builds only the subcommand it runs; its help and errors are the
    # same as the whole parser's.
    whole = _said(None, [name, *rest], capsys)
    assert _said(name, [name, *rest], capsys) == whole
    if rest == ["--help"]:
        assert whole[0] == 0
        assert f"usage: mexsledai {name}" in whole[2]


def test_the_whole_parser_lists_every_subcommand(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["--help"], ["scor"]):
        text = _said(argv[0], argv, capsys)[2]
        assert all(name in text for name in SUBCOMMANDS)


class _Ended(Exception):
    pass


def _ended(code: int) -> NoReturn:
    raise _Ended(code)


@pytest.mark.parametrize(
    ("argv", "status"), [(["definitions"], 0), (["score", "no-such-file.csv"], 2)]
)
def test_the_console_script_flushes_and_ends_with_the_status(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], status: int
) -> None:
    from mexsledai.cli import command  # noqa: PLC0415

    flushed: list[str] = []
    monkeypatch.setattr(sys, "argv", ["mexsledai", *argv])
    monkeypatch.setattr("os._exit", _ended)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        monkeypatch.setattr(stream, "flush", lambda name=name: flushed.append(name))
    with pytest.raises(_Ended) as ended:
        command()
    assert ended.value.args == (status,)
    assert flushed[-2:] == ["stdout", "stderr"]


def test_a_reader_gone_at_the_end_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from mexsledai import cli  # noqa: PLC0415

    def gone() -> None:
        raise BrokenPipeError

    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.setattr("os._exit", _ended)
    monkeypatch.setattr(sys.stdout, "flush", gone)
    with pytest.raises(_Ended) as ended:
        cli.command()
    assert ended.value.args == (2,)
