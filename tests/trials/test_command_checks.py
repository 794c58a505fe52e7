"""`mexsledai trial`: every check before anything is written, the printed
table, and the frames of the same rows."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from mexsledai import follow_up
from mexsledai.cli import main
from tests.trials.cases import EXPECTED, RECORDS
from tests.trials.test_command import ARGS, _write


def test_plot_without_matplotlib_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "trial.csv")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    code = main(["trial", str(source), *ARGS, "--plot", str(tmp_path / "p.png"),
                 "--summary", str(tmp_path / "s.csv")])  # fmt: skip
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trial.csv"]
    assert "pip install 'mexsledai[plot]'" in capsys.readouterr().err


def test_both_baseline_rules_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "trial.csv")
    with pytest.raises(SystemExit) as stop:
        main(["trial", str(source), *ARGS, "--per-patient-baseline"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trial.csv"]


def test_per_patient_baseline_on_the_command_line(tmp_path: Path) -> None:
    source = _write(tmp_path / "trial.csv")
    args = [a for a in ARGS if a not in ("--baseline", "baseline")]
    assert main(["trial", str(source), *args, "--per-patient-baseline"]) == 1
    text = (tmp_path / "trial.scored.csv").read_text(encoding="utf-8")
    # P6 has only day 22: its own baseline there, change 0
    (p6,) = [line for line in text.splitlines() if line.startswith("P6,")]
    assert "baseline taken at 'day 22': no usable row at 'baseline'" in p6


_STAT = re.compile(r"-|-?\d+\.\d\d")


@pytest.mark.parametrize(
    ("lang", "levels"),
    [("en", ["no activity", "mild", "moderate", "severe", "very severe"]),
     ("id", ["tidak aktif", "ringan", "sedang", "berat", "sangat berat"])],
)  # fmt: skip
def test_the_printed_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, levels: list[str]
) -> None:
    source = _write(tmp_path / "trial.csv")
    main(["trial", str(source), *ARGS, "--lang", lang])
    group, header, *rows = capsys.readouterr().out.splitlines()
    assert group.split() == ["total", "-" * len(group.split()[1]), "change",
                             group.split()[3]]  # fmt: skip
    assert header.startswith("arm  visit")
    assert header.split()[2:19] == ["n", "n_excluded", "n_change",
                                    *["mean", "sd", "median", "q1", "q3", "min", "max"] * 2]  # fmt: skip
    assert header.endswith("  ".join(levels)) or all(
        level in header for level in levels
    )
    assert len(rows) == len(EXPECTED)
    for line, (arm, visit) in zip(rows, EXPECTED, strict=True):
        cells = line.split()
        assert cells[0] == arm
        expected = EXPECTED[(arm, visit)]
        shift = len(visit.split())
        n, excluded, changed = cells[1 + shift : 4 + shift]
        assert (int(n), int(excluded), int(changed)) == (
            expected["n"], expected["n_excluded"], expected["n_change"],
        )  # fmt: skip
        statistics = cells[4 + shift : 18 + shift]
        assert all(_STAT.fullmatch(cell) for cell in statistics), statistics
        total_mean = expected["total"][0]  # type: ignore[index]
        assert statistics[0] == f"{total_mean:.2f}"


def test_frames() -> None:
    pd = pytest.importorskip("pandas")
    from mexsledai.pandas import adam_frame, follow_up_frame, summary_frame  # noqa: PLC0415

    frame = pd.DataFrame(RECORDS)
    tidy = follow_up_frame(frame, patient="id", visit="visit", arm="arm", day="day",
                           baseline="baseline")  # fmt: skip
    visits = follow_up(RECORDS, patient="id", visit="visit", arm="arm", day="day",
                       baseline="baseline")  # fmt: skip
    from_frame = summary_frame(tidy)
    from_list = summary_frame(visits)
    pd.testing.assert_frame_equal(from_frame, from_list)
    assert list(from_frame.columns)[-5:] == [
        "n_none", "n_mild", "n_moderate", "n_severe", "n_very_severe",
    ]  # fmt: skip
    adam = adam_frame(visits, study="S")
    assert list(adam.columns)[:4] == ["STUDYID", "USUBJID", "TRTP", "PARAMCD"]
    assert str(adam["AVAL"].dtype) == "Int64"
    assert len(adam) == 11 * sum(1 for v in visits if v.score is not None)
    with pytest.raises(ValueError, match="has no column 'excluded'"):
        summary_frame(tidy.drop(columns=["excluded"]))
