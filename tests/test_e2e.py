"""The installed command, run as a user runs it, on real files; every cell
checked against `mexsledai.score` of values parsed here."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mexsledai
from tests import spec_tables

EXAMPLES = Path(__file__).parent.parent / "examples"


def _command() -> list[str]:
    installed = shutil.which("mexsledai", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "mexsledai"]


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*_command(), *args], input=stdin, capture_output=True, cwd=cwd, env=env,
        timeout=120, check=False,
    )  # fmt: skip


def _expected(row: dict[str, str]) -> mexsledai.Score:
    """The score of a trial row, parsed here: findings 1/0/blank, plain numbers."""
    flat: dict[str, object] = {}
    for key in spec_tables.FINDINGS:
        flat[key] = {"1": True, "0": False, "": None}[row[key]]
    for key in spec_tables.LAB_KEYS:
        if row.get(key):
            flat[key] = float(row[key])
    return mexsledai.score(flat)


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"mexsledai {mexsledai.__version__}"


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mexsledai", "definitions"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    assert b"Neurological disorder" in done.stdout


def test_scores_the_shipped_trial(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "trial.csv", tmp_path / "trial.csv")
    done = run("score", "trial.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"rows read: 90 (scored 90" in done.stderr
    with (tmp_path / "trial.csv").open(encoding="utf-8", newline="") as stream:
        source = list(csv.DictReader(stream))
    with (tmp_path / "trial.scored.csv").open(encoding="utf-8", newline="") as stream:
        scored = list(csv.DictReader(stream))
    assert len(scored) == len(source) == 90
    for original, written in zip(source, scored, strict=True):
        for column, value in original.items():
            assert written[column] == value
        expected = _expected(original)
        assert written["mexsledai_score"] == str(expected.total)
        assert written["mexsledai_min"] == str(expected.minimum)
        assert written["mexsledai_max"] == str(expected.maximum)
        assert written["mexsledai_category"] == expected.category.value  # type: ignore[union-attr]
        assert written["mexsledai_status"] == "scored"
        assert written["mexsledai_message"] == "; ".join(expected.warnings)


def test_indonesian_export_matches_the_plain_one(tmp_path: Path) -> None:
    done = run(
        "score",
        str(EXAMPLES / "trial-id.csv"),
        "--decimal",
        ",",
        "-o",
        str(tmp_path / "id.csv"),
    )
    assert done.returncode == 0, done.stderr.decode()
    plain = run("score", str(EXAMPLES / "trial.csv"), "-o", str(tmp_path / "plain.csv"))
    assert plain.returncode == 0
    with (tmp_path / "id.csv").open(encoding="utf-8-sig", newline="") as stream:
        id_rows = list(csv.reader(stream, delimiter=";"))
    with (tmp_path / "plain.csv").open(encoding="utf-8", newline="") as stream:
        plain_rows = list(csv.reader(stream))
    assert [r[-6:-1] for r in id_rows] == [r[-6:-1] for r in plain_rows]


def test_shipped_xlsx_matches_the_csv(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    done = run("score", str(EXAMPLES / "trial.xlsx"), "-o", str(tmp_path / "x.csv"))
    assert done.returncode == 0, done.stderr.decode()
    plain = run("score", str(EXAMPLES / "trial.csv"), "-o", str(tmp_path / "plain.csv"))
    assert plain.returncode == 0
    from_xlsx = (tmp_path / "x.csv").read_text(encoding="utf-8").splitlines()
    from_csv = (tmp_path / "plain.csv").read_text(encoding="utf-8").splitlines()
    assert from_xlsx == from_csv


def test_stdin_to_stdout() -> None:
    text = "id;arthritis;temperature_c\na;x;38,4\n"
    done = run("score", "-", "--decimal", ",", stdin=text.encode())
    assert done.returncode == 0, done.stderr.decode()
    rows = list(csv.reader(io.StringIO(done.stdout.decode()), delimiter=";"))
    # arthritis 2 + fever 1, derived from 38.4 °C
    assert rows[1] == ["a", "x", "38,4", "3", "3", "3", "mild", "scored", "",
                       "fever (temperature_c = 38.4)"]  # fmt: skip
    assert b"wrote standard output" in done.stderr


def test_stdout_gets_nothing_when_the_run_fails() -> None:
    done = run("score", "-", "-o", "-", stdin=b"id,arthritis\na,x\nb,\xff\n")
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"--encoding" in done.stderr


def test_exit_1_and_message_for_bad_rows(tmp_path: Path) -> None:
    (tmp_path / "v.csv").write_text("id,seizures\na,perhaps\n", encoding="utf-8")
    done = run("score", "v.csv", cwd=tmp_path)
    assert done.returncode == 1
    assert "perhaps" in (tmp_path / "v.scored.csv").read_text(encoding="utf-8")


def test_broken_pipe_is_quiet() -> None:
    big = "id,arthritis\n" + "a,x\n" * 200_000
    command = " ".join([*map(repr, _command()), "score", "-", "|", "head", "-n", "2"])
    done = subprocess.run(
        command,
        shell=True,
        input=big.encode(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert b"Traceback" not in done.stderr
