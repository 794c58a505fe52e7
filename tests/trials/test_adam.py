"""CDISC ADaM records: a small trial checked field by field, the command's
--adam output, and properties over generated trials."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mexsledai import adam_records, follow_up
from mexsledai.adam import ADAM_COLUMNS, PARAMETERS
from mexsledai.cli import main
from mexsledai.registry import DESCRIPTORS
from tests.trials.test_command import ARGS, _write
from tests.trials.test_properties import trials

# P1: baseline 10 (seizures 8 + arthritis 2), day 22: 2; P2: no baseline row;
# P3: a day-22 row with an unreadable cell (no score, no records).
RECORDS = [
    {"id": "P1", "arm": "A", "visit": "baseline", "day": 0, "seizures": "x", "arthritis": "x"},
    {"id": "P1", "arm": "A", "visit": "day 22", "day": 22, "arthritis": "x"},
    {"id": "P2", "arm": "B", "visit": "day 22", "day": 21, "fatigue": "x"},
    {"id": "P3", "arm": "B", "visit": "day 22", "day": 22, "fatigue": "maybe"},
]  # fmt: skip


def _records(**options: Any) -> list[dict[str, object]]:
    visits = follow_up(RECORDS, patient="id", visit="visit", arm="arm", day="day")
    return adam_records(visits, **options)


class TestRecords:
    def test_parameters(self) -> None:
        codes = [code for code, _, _ in PARAMETERS]
        assert codes == ["MXSLTOT", "MXNEURO", "MXRENAL", "MXVASC", "MXHEMTHR",
                         "MXMYOS", "MXARTH", "MXMUCO", "MXSERO", "MXFEVFAT",
                         "MXLEULYM"]  # fmt: skip
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]{0,7}", code) for code in codes)
        assert [key for _, _, key in PARAMETERS[1:]] == [d.key for d in DESCRIPTORS]
        assert PARAMETERS[0][1] == "MEX-SLEDAI Total Score"
        assert PARAMETERS[2][1] == "MEX-SLEDAI Renal disorder Points"

    def test_eleven_records_per_scored_row_in_row_order(self) -> None:
        records = _records()
        assert len(records) == 3 * 11  # P3's row has no score
        assert [r["USUBJID"] for r in records[::11]] == ["P1", "P1", "P2"]
        assert [r["PARAMN"] for r in records[:11]] == list(range(1, 12))
        assert all(list(r) == list(ADAM_COLUMNS) for r in records)

    def test_the_baseline_row(self) -> None:
        total, neuro, *rest = _records(study="S-1")[:11]
        assert total == {
            "STUDYID": "S-1", "USUBJID": "P1", "TRTP": "A", "PARAMCD": "MXSLTOT",
            "PARAM": "MEX-SLEDAI Total Score", "PARAMN": 1, "AVISIT": "baseline",
            "AVISITN": 1, "ADY": 0, "AVAL": 10, "AVALC": "severe", "BASE": 10,
            "CHG": 0, "ABLFL": "Y", "ANL01FL": "Y",
        }  # fmt: skip
        assert (neuro["AVAL"], neuro["BASE"], neuro["CHG"], neuro["AVALC"]) == (
            8,
            8,
            0,
            "",
        )
        arthritis = rest[4]
        assert (arthritis["PARAMCD"], arthritis["AVAL"]) == ("MXARTH", 2)
        assert all(r["ABLFL"] == "Y" for r in rest)

    def test_a_later_visit(self) -> None:
        records = _records()[11:22]
        total, neuro = records[0], records[1]
        assert (total["AVISIT"], total["AVISITN"], total["ADY"]) == ("day 22", 2, 22)
        assert (total["AVAL"], total["AVALC"], total["BASE"], total["CHG"]) == (
            2,
            "mild",
            10,
            -8,
        )
        assert (neuro["AVAL"], neuro["BASE"], neuro["CHG"]) == (0, 8, -8)
        assert records[6]["CHG"] == 0  # arthritis 2 at both visits
        assert all(r["ABLFL"] == "" and r["ANL01FL"] == "Y" for r in records)
        assert all(r["STUDYID"] == "" for r in records)

    def test_no_baseline_means_empty_base_and_chg(self) -> None:
        records = _records()[22:]
        assert all(r["BASE"] is None and r["CHG"] is None for r in records)
        assert records[0]["AVAL"] == 1
        assert all(r["ANL01FL"] == "Y" for r in records)  # counted in n

    def test_excluded_rows_keep_base_without_chg(self) -> None:
        records = [*RECORDS[:2], {**RECORDS[1], "day": 23}]
        visits = follow_up(records, patient="id", visit="visit", arm="arm", day="day")
        excluded = adam_records(visits)[11:]
        assert all(r["BASE"] is not None and r["CHG"] is None for r in excluded)
        assert all(r["ANL01FL"] == "" for r in excluded)

    def test_unknown_points_are_empty(self) -> None:
        visits = follow_up([{"id": "P", "visit": "v", "arthritis": "x"}],
                           patient="id", visit="visit", unrecorded="unknown")  # fmt: skip
        total, neuro = adam_records(visits)[:2]
        assert (total["AVAL"], total["AVALC"], total["CHG"], total["ANL01FL"]) == (
            None,
            "",
            None,
            "",
        )
        assert neuro["AVAL"] is None
        assert adam_records(visits)[6]["AVAL"] == 2  # arthritis is known

    def test_no_day_column(self) -> None:
        visits = follow_up(RECORDS[:2], patient="id", visit="visit")
        assert {r["ADY"] for r in adam_records(visits)} == {None}


class TestCommand:
    def test_csv(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        source = _write(tmp_path / "trial.csv")
        adam = tmp_path / "adam.csv"
        code = main(["trial", str(source), *ARGS, "--adam", str(adam), "--study", "X1"])
        assert code == 1
        with adam.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        assert rows[0] == list(ADAM_COLUMNS)
        p1 = [r for r in rows[1:] if r[1] == "P1" and r[3] == "MXSLTOT"]
        assert [(r[0], r[6], r[7], r[8], r[9], r[11], r[12], r[13]) for r in p1] == [
            ("X1", "baseline", "1", "0", "10", "10", "0", "Y"),
            ("X1", "day 22", "2", "22", "2", "10", "-8", ""),
            ("X1", "day 43", "3", "43", "0", "10", "-10", ""),
        ]
        err = capsys.readouterr().err
        assert "wrote the ADaM dataset" in err
        assert "rows without a score, so without ADaM records: 1" in err  # P7

    def test_same_records_as_the_api(self, tmp_path: Path) -> None:
        from tests.trials.cases import RECORDS as CASE  # noqa: PLC0415

        source = _write(tmp_path / "trial.csv")
        adam = tmp_path / "adam.csv"
        main(["trial", str(source), *ARGS, "--adam", str(adam)])
        with adam.open(newline="", encoding="utf-8") as stream:
            written = list(csv.DictReader(stream))
        visits = follow_up(CASE, patient="id", visit="visit", arm="arm", day="day",
                           baseline="baseline")  # fmt: skip
        expected = [
            {k: "" if v is None else str(v) for k, v in r.items()}
            for r in adam_records(visits)
        ]
        assert written == expected

    def test_xlsx(self, tmp_path: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        source = _write(tmp_path / "trial.csv")
        adam = tmp_path / "adam.xlsx"
        main(["trial", str(source), *ARGS, "--adam", str(adam)])
        sheet = openpyxl.load_workbook(adam).worksheets[0]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0] == list(ADAM_COLUMNS)
        assert rows[1][3:10] == [
            "MXSLTOT",
            "MEX-SLEDAI Total Score",
            1,
            "baseline",
            1,
            0,
            10,
        ]

    @pytest.mark.parametrize(
        ("extra", "fragment"),
        [
            (["--study", "X"], "it needs --adam FILE"),
            (["--adam", "a.txt"], "must end in .csv or .xlsx"),
            (["--adam", "trial.csv"], "is already the input or another output"),
            (
                ["--baseline", "Baseline"],
                "the visits are: 'baseline', 'day 22', 'day 43'",
            ),
        ],
    )
    def test_exit_2_writes_nothing(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        extra: list[str],
        fragment: str,
    ) -> None:
        source = _write(tmp_path / "trial.csv")
        args = [a for a in ARGS if a not in ("--baseline", "baseline")]
        extra = [
            str(tmp_path / e) if e.endswith((".txt", ".csv")) else e for e in extra
        ]
        code = main(["trial", str(source), *args, *extra, "--summary",
                     str(tmp_path / "s.csv")])  # fmt: skip
        assert code == 2
        assert sorted(p.name for p in tmp_path.iterdir()) == ["trial.csv"]
        assert fragment in capsys.readouterr().err


@given(
    trials(),
    st.sampled_from(
        [{"day": "day"}, {"day": "day", "baseline": "v0"},
         {"day": "day", "per_patient_baseline": True}]
    ),
)  # fmt: skip
def test_properties(records: list[dict[str, object]], options: dict[str, Any]) -> None:
    visits = follow_up(records, patient="id", visit="visit", arm="arm", **options)
    records_ = adam_records(visits)
    flagged: dict[tuple[object, object], int] = {}
    by_row: dict[int, list[dict[str, object]]] = {}
    for index, record in enumerate(records_):
        by_row.setdefault(index // 11, []).append(record)
        if record["ABLFL"] == "Y":
            key = (record["USUBJID"], record["PARAMCD"])
            flagged[key] = flagged.get(key, 0) + 1
        if (
            record["AVAL"] is not None
            and record["BASE"] is not None
            and record["CHG"] is not None
        ):
            assert record["CHG"] == record["AVAL"] - record["BASE"]  # type: ignore[operator]
        assert record["ABLFL"] in ("Y", "")
        assert record["ANL01FL"] in ("Y", "")
    assert set(flagged.values()) <= {1}
    for group in by_row.values():
        total, *points = group
        if total["AVAL"] is not None:
            assert total["AVAL"] == sum(p["AVAL"] for p in points)  # type: ignore[misc]
    # with the visit order fixed by days (AVISITN; without days it is the
    # order of first appearance), shuffling the rows changes no record
    # (compared as a set)
    shuffled = list(reversed(records))
    again = adam_records(follow_up(shuffled, patient="id", visit="visit", arm="arm",
                                   **options))  # fmt: skip
    as_set = {tuple(r.values()) for r in records_}
    assert {tuple(r.values()) for r in again} == as_set
