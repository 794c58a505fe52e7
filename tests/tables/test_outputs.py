"""What every scored row says about itself: ``mexsledai_derived``,
``--explain``, and JSON Lines."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mexsledai
from mexsledai.cli import main
from mexsledai.tables import score_rows
from mexsledai.tables.rows import EXPLAIN_COLUMNS
from tests import spec_tables
from tests.tables.test_fast_teeth import CELLS, WORDS


def _derived(header: list[str], row: list[str]) -> str:
    (result,) = score_rows([header, row])
    return result.derived


class TestDerived:
    """Every finding a lab value made present, with the values that did it."""

    @pytest.mark.parametrize(
        ("header", "row", "text"),
        [
            (["leukocytes_per_mm3"], ["3200"], "leukopenia (leukocytes_per_mm3 = 3200)"),
            (["leukocytes_10e9_per_l"], ["3.50"], "leukopenia (leukocytes_10e9_per_l = 3.5)"),
            (["urine_protein_g_per_l"], ["0.6"], "proteinuria (urine_protein_g_per_l = 0.6)"),
            (["hemoglobin_g_per_dl", "reticulocytes_corrected_percent"], ["10.5", "4.1"],
             "hemolysis (hemoglobin_g_per_dl = 10.5, reticulocytes_corrected_percent = 4.1)"),
            (["leukocytes_per_mm3", "lymphocytes_percent"], ["4000", "29.9"],
             "lymphopenia (leukocytes_per_mm3 = 4000, lymphocytes_percent = 29.9)"),
            (["temperature_f", "platelets_per_mm3", "urine_rbc_per_hpf"], ["101", "85000", "6"],
             ("hematuria (urine_rbc_per_hpf = 6); thrombocytopenia (platelets_per_mm3 = 85000); "
             "fever (temperature_f = 101)")),
            (["leukocytes_per_mm3"], ["4000"], ""),  # at the threshold: not derived
            (["hemoglobin_g_per_dl"], ["9"], ""),  # undecided
        ],
    )  # fmt: skip
    def test_text(self, header: list[str], row: list[str], text: str) -> None:
        assert _derived(header, row) == text

    def test_recorded_true_is_not_listed(self) -> None:
        assert _derived(["leukopenia", "leukocytes_per_mm3"], ["1", "3200"]) == ""
        assert _derived(["leukopenia", "leukocytes_per_mm3"], ["0", "3200"]) == ""

    def test_listed_when_its_descriptor_is_present_anyway(self) -> None:
        text = _derived(["lymphopenia", "leukocytes_per_mm3"], ["x", "3200"])
        assert text == "leukopenia (leukocytes_per_mm3 = 3200)"

    def test_the_issues_example(self, tmp_path: Path) -> None:
        source = tmp_path / "v.csv"
        source.write_text("id,urine_protein_g_per_l\nA,0.6\n", encoding="utf-8")
        assert main(["score", str(source)]) == 0
        with (tmp_path / "v.scored.csv").open(encoding="utf-8", newline="") as stream:
            (row,) = list(csv.DictReader(stream))
        assert (row["mexsledai_score"], row["mexsledai_category"]) == ("6", "moderate")
        assert row["mexsledai_derived"] == "proteinuria (urine_protein_g_per_l = 0.6)"


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    columns = draw(st.lists(st.sampled_from([*spec_tables.FINDINGS, *spec_tables.LAB_KEYS]),
                            unique=True, min_size=1, max_size=15))  # fmt: skip
    rows = [
        ["P", *(draw(st.sampled_from(CELLS.get(c, WORDS))) for c in columns)]
        for _ in range(draw(st.integers(1, 8)))
    ]
    return ["id", *columns], rows


@settings(max_examples=150)
@given(tables(), st.sampled_from(["absent", "unknown"]))
def test_derived_names_exactly_the_findings_a_lab_value_made_present(
    table: tuple[list[str], list[list[str]]], policy: Any
) -> None:
    header, rows = table
    for result in score_rows([header, *rows], unrecorded=policy):
        if result.score is None:
            assert result.derived == ""
            continue
        named = [part.split(" (")[0] for part in result.derived.split("; ") if part]
        recorded = dict(zip(header, result.cells, strict=False))
        expected = [
            finding
            for d in result.score.descriptors
            for finding in d.findings
            if str(recorded.get(finding, "")).strip() == ""
        ]
        assert named == expected


@settings(max_examples=100)
@given(tables(), st.sampled_from(["absent", "unknown"]))
def test_explain_points_sum_to_the_score(
    table: tuple[list[str], list[list[str]]], policy: Any
) -> None:
    header, rows = table
    for result in score_rows([header, *rows], unrecorded=policy):
        explained = result.explained("five-level", policy, "v")
        points, rest = explained[:10], explained[10:]
        assert rest == ("five-level", policy, "v")
        if result.status == "scored":
            assert sum(points) == result.appended()[0]  # type: ignore[arg-type]
        if result.status == "error":
            assert points == ("",) * 10


class TestExplain:
    def test_columns(self, tmp_path: Path) -> None:
        source = tmp_path / "v.csv"
        source.write_text(
            "id,seizures,fever,arthritis\nA,x,,1\nB,maybe,,\n,,,\n", encoding="utf-8"
        )
        assert main(["score", str(source), "--explain", "--unrecorded", "unknown"]) == 1
        with (tmp_path / "v.scored.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        assert rows[0][-13:] == list(EXPLAIN_COLUMNS)
        first = dict(zip(rows[0], rows[1], strict=True))
        assert first["mexsledai_neurological"] == "8"
        assert first["mexsledai_arthritis"] == "2"
        assert first["mexsledai_fever_fatigue"] == ""  # unknown
        assert first["mexsledai_renal"] == ""  # no column, unknown
        assert (first["mexsledai_scheme"], first["mexsledai_unrecorded"]) == (
            "five-level", "unknown",
        )  # fmt: skip
        assert first["mexsledai_version"] == mexsledai.__version__
        error = dict(zip(rows[0], rows[2], strict=True))
        assert error["mexsledai_neurological"] == ""
        assert error["mexsledai_version"] == mexsledai.__version__
        assert rows[3] == [""] * len(rows[0])  # a blank row stays blank

    def test_escapes_still_apply(self, tmp_path: Path) -> None:
        source = tmp_path / "v.csv"
        source.write_text("id,arthritis\nA,-\n", encoding="utf-8")
        main(["score", str(source), "--explain"])
        text = (tmp_path / "v.scored.csv").read_text(encoding="utf-8")
        assert text.splitlines()[1].startswith("A,'-,0,")


class TestJsonLines:
    def _sheet(self, tmp_path: Path) -> Path:
        source = tmp_path / "v.csv"
        source.write_text(
            "id,arthritis,,id,leukocytes_per_mm3,mexsledai_score\n"
            "A,x,n1,a2,3200,9\nB,maybe,,,,\n,,,,,\nC,1,,,,,extra\n",
            encoding="utf-8",
        )
        return source

    def test_lines(self, tmp_path: Path) -> None:
        source = self._sheet(tmp_path)
        assert main(["score", str(source), "--jsonl"]) == 1
        lines = [
            json.loads(line)
            for line in (tmp_path / "v.scored.jsonl")
            .read_text(encoding="utf-8")
            .splitlines()
        ]
        assert [line["row"] for line in lines] == [2, 3, 4, 5]
        assert [line["status"] for line in lines] == [
            "scored",
            "error",
            "empty",
            "error",
        ]
        first = lines[0]
        assert first["cells"] == {
            "A": "A", "arthritis": "x", "C": "n1", "D": "a2", "leukocytes_per_mm3": "3200",
        }  # fmt: skip
        assert first["derived"] == "leukopenia (leukocytes_per_mm3 = 3200)"
        assert mexsledai.Score.model_validate(first["score"]).total == 3
        assert lines[1]["score"] is None
        assert "'maybe' is not a finding value" in lines[1]["message"]
        assert lines[3]["cells"]["G"] == "extra"  # a long row's extra cell

    def test_every_score_round_trips(self, tmp_path: Path) -> None:
        source = tmp_path / "trial.csv"
        source.write_bytes(
            (Path(__file__).parents[2] / "examples" / "trial.csv").read_bytes()
        )
        target = tmp_path / "out.jsonl"
        assert main(["score", str(source), "-o", str(target)]) == 0
        for line in target.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            score = mexsledai.Score.model_validate(record["score"])
            assert score.model_dump(mode="json") == record["score"]

    @pytest.mark.parametrize(
        ("args", "fragment"),
        [
            (["-o", "x.json"], "name it .jsonl"),
            (["--jsonl", "-o", "x.csv"], "--jsonl writes JSON Lines"),
        ],
    )
    def test_refused(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        args: list[str],
        fragment: str,
    ) -> None:
        source = self._sheet(tmp_path)
        args = [str(tmp_path / a) if "." in a else a for a in args]
        assert main(["score", str(source), *args]) == 2
        assert fragment in capsys.readouterr().err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]

    def test_stdout(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        source = self._sheet(tmp_path)
        main(["score", str(source), "--jsonl", "-o", "-"])
        assert len(capsys.readouterr().out.splitlines()) == 4
