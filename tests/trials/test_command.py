"""`mexsledai trial`: rows with baseline and change, the summary file, the
printed table, the plot, the exit status."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from mexsledai.cli import main
from mexsledai.trials import STATISTICS
from tests.spec_tables import FINDINGS
from tests.trials.cases import EXPECTED, RECORDS

HEADER = ["id", "arm", "visit", "day", *FINDINGS]


def _write(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for record in RECORDS:
            writer.writerow([record.get(column, "") for column in HEADER])
    return path


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


ARGS = ["--patient", "id", "--visit", "visit", "--arm", "arm", "--day", "day",
        "--baseline", "baseline"]  # fmt: skip


def test_rows_summary_and_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "trial.csv")
    summary = tmp_path / "summary.csv"
    code = main(["trial", str(source), *ARGS, "--summary", str(summary)])
    assert code == 1  # rows were excluded
    rows = _read(tmp_path / "trial.scored.csv")
    assert len(rows) == len(RECORDS)
    columns = list(rows[0])
    assert columns[len(HEADER):] == [
        "mexsledai_score", "mexsledai_min", "mexsledai_max", "mexsledai_baseline",
        "mexsledai_change", "mexsledai_category", "mexsledai_status", "mexsledai_message",
        "mexsledai_derived",
    ]  # fmt: skip
    p1 = [r for r in rows if r["id"] == "P1"]
    assert [(r["mexsledai_baseline"], r["mexsledai_change"]) for r in p1] == [
        ("10", "0"),
        ("10", "-8"),
        ("10", "-10"),
    ]
    dup = [r for r in rows if r["id"] == "P4" and r["visit"] == "day 22"]
    assert all(r["mexsledai_status"] == "scored" for r in dup)  # keeps its status
    assert all("more than once" in r["mexsledai_message"] for r in dup)
    assert all(r["mexsledai_change"] == "" for r in dup)
    table = _read(summary)
    assert [(r["arm"], r["visit"]) for r in table] == list(EXPECTED)
    for row in table:
        expected = EXPECTED[(row["arm"], row["visit"])]
        assert int(row["n"]) == expected["n"]
        assert int(row["n_excluded"]) == expected["n_excluded"]
        for of in ("total", "change"):
            for name, value in zip(STATISTICS, expected[of], strict=True):  # type: ignore[call-overload]
                cell = row[f"{of}_{name}"]
                if value is None:
                    assert cell == ""
                else:
                    assert math.isclose(float(cell), value, abs_tol=1e-12)
        for level, count in expected["levels"].items():  # type: ignore[attr-defined]
            assert int(row[f"n_{level}"]) == count
    out = capsys.readouterr()
    assert "total ---" in out.out
    assert "8.00" in out.out  # arm A, baseline: mean 8, two decimals
    # P4's two day-22 rows, P5's two rows (arm change), P7 (no visit)
    assert "rows excluded from the summary: 5" in out.err


def test_plot_and_stdout(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    pytest.importorskip("matplotlib")
    source = _write(tmp_path / "trial.csv")
    code = main(
        ["trial", str(source), *ARGS, "-o", "-", "--plot", str(tmp_path / "t.png")]
    )
    assert code == 1
    captured = capsysbinary.readouterr()
    assert captured.out.decode().startswith("id,arm,visit,day")
    assert b"total ---" in captured.err  # the table goes to stderr with -o -
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"


def test_clean_trial_exits_zero(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text("id,visit,arthritis\nP,b,x\nP,d,0\n", encoding="utf-8")
    assert main(["trial", str(source), "--patient", "id", "--visit", "visit"]) == 0
    rows = _read(tmp_path / "t.scored.csv")
    assert [r["mexsledai_change"] for r in rows] == ["0", "-2"]


def test_missing_column_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "trial.csv")
    assert (
        main(["trial", str(source), "--patient", "patient_id", "--visit", "visit"]) == 2
    )
    assert "'patient_id' is not in the header" in capsys.readouterr().err
    assert not (tmp_path / "trial.scored.csv").exists()


def test_shipped_example(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent.parent / "examples" / "trial.csv"
    code = main(["trial", str(example), "--patient", "patient_id", "--visit", "visit",
                 "--arm", "arm", "--day", "day", "-o", str(tmp_path / "o.csv"),
                 "--summary", str(tmp_path / "s.csv")])  # fmt: skip
    assert code == 0
    summary = _read(tmp_path / "s.csv")
    assert [(r["arm"], r["visit"], r["n"]) for r in summary] == [
        (arm, visit, "15")
        for arm in ("placebo", "secretome")
        for visit in ("baseline", "day 22", "day 43")
    ]


def test_stdin_xlsx_output_and_problem_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io  # noqa: PLC0415

    openpyxl = pytest.importorskip("openpyxl")
    text = (
        "id;visit;day;arthritis;seizures\n"
        "P1;b;0;x;\n"
        "P1;d22;22;0\n"  # a short row: missing cells are blank
        ";d22;22;x;\n"  # no patient
        "P2;;0;x;\n"  # no visit
        "P3;b;soon;x;\n"  # a day that is not a number
        "P4;b;0;maybe;\n"  # a cell error
    )
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(text.encode())))
    )
    target = tmp_path / "out.xlsx"
    code = main(["trial", "-", "--patient", "id", "--visit", "visit", "--day", "day",
                 "-o", str(target)])  # fmt: skip
    assert code == 1
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][5:8] == ["mexsledai_score", "mexsledai_min", "mexsledai_max"]
    assert rows[1][5:10] == [2, 2, 2, 2, 0]  # score, min, max, baseline, change
    assert rows[2][5:10] == [0, 0, 0, 2, -2]
    messages = [row[12] for row in rows[3:]]
    assert "no patient" in messages[0]
    assert "no visit" in messages[1]
    assert "is not a number" in messages[2]
    assert "'maybe'" in messages[3]
    assert all("excluded from the summary" in m for m in messages)


def test_tsv_output_keeps_every_row(tmp_path: Path) -> None:
    source = _write(tmp_path / "trial.csv")
    target = tmp_path / "out.tsv"
    assert main(["trial", str(source), *ARGS, "-o", str(target)]) == 1
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(RECORDS) + 1
    assert "\t" in lines[0]


@pytest.mark.parametrize("target", ["input", "output"])
def test_summary_never_overwrites_the_input_or_the_rows(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "trial.csv")
    before = source.read_bytes()
    output = tmp_path / "rows.csv"
    summary = source if target == "input" else output
    argv = ["trial", str(source), *ARGS, "-o", str(output), "--summary", str(summary)]
    assert main(argv) == 2
    assert "already the input or another output" in capsys.readouterr().err
    assert source.read_bytes() == before
    assert not output.exists()


def test_summary_is_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write(tmp_path / "trial.csv")
    assert (
        main(["trial", str(source), *ARGS, "--summary", str(tmp_path / "s.xlsx")]) == 2
    )
    assert "name it .csv" in capsys.readouterr().err
    assert main(["trial", str(source), *ARGS, "--plot", str(tmp_path / "p.pdf")]) == 2
    assert ".png or .svg" in capsys.readouterr().err
    assert not (tmp_path / "trial.scored.csv").exists()  # refused before writing
