"""Spreadsheets as clinics write them: headers in four languages, units in
headers, column maps, the words of each language, and what standard error
says. Every stop exits 2 and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest

from mexsledai.cli import main
from mexsledai.tables import score_rows
from mexsledai.tables.cells import CellError, read_finding, read_number
from tests.tables.test_files import appended, read, write


def _run(
    tmp_path: Path, rows: list[list[str]], *options: str, delimiter: str = ","
) -> tuple[int, Path, Path]:
    source = write(tmp_path / "in.csv", rows, delimiter=delimiter)
    target = tmp_path / "in.scored.csv"
    return main(["score", str(source), *options]), source, target


class TestTheIssuesSheets:
    """The sheets that scored too low, silently, before."""

    def test_a_mexican_clinics_sheet(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rows = [
            ["paciente", "convulsiones", "arthritis", "fiebre", "leucocitos_por_mm3"],
            ["P1", "sí", "sí", "sí", "3200"],
        ]
        code, _, target = _run(tmp_path, rows, delimiter=";")
        assert code == 0
        # seizures 8 + arthritis 2 + fever 1 + leukopenia (3200 < 4000) 1
        assert appended(read(target, delimiter=";")[1])["mexsledai_score"] == "12"
        err = capsys.readouterr().err
        assert "'convulsiones' → seizures" in err
        assert "'fiebre' → fever" in err
        assert "'leucocitos_por_mm3' → leukocytes_per_mm3" in err

    def test_a_laboratory_report(self, tmp_path: Path) -> None:
        rows = [
            ["id", "WBC x10^9/L", "Lymphs (x10^9/L)", "PLT 10^3/uL", "Hb g/dL",
             "Retic corrected %", "Temp (°F)"],
            ["A", "3.5", "2.0", "150", "13", "", "98.6"],  # leukopenia: 1
            ["B", "6.0", "1.0", "150", "13", "", "98.6"],  # lymphopenia: 1
            ["C", "6.0", "2.0", "80", "13", "", "98.6"],  # thrombocytopenia: 3
            ["D", "6.0", "2.0", "150", "13", "", "101.0"],  # fever: 1
        ]  # fmt: skip
        rows[0][5] = "Reticulocytes corrected %"
        code, _, target = _run(tmp_path, rows)
        assert code == 0
        scores = [appended(r)["mexsledai_score"] for r in read(target)[1:]]
        assert scores == ["1", "1", "3", "1"]

    def test_percentages_of_lymphocytes(self, tmp_path: Path) -> None:
        rows = [
            ["id", "Leucocitos (/mm³)", "Linfocitos %"],
            ["A", "4000", "30"],  # 1200: not lymphopenia
            ["B", "4000", "29,9"],  # 1196: lymphopenia
        ]
        code, _, target = _run(tmp_path, rows, "--decimal", ",", delimiter=";")
        assert code == 0
        out = read(target, delimiter=";")
        assert [appended(r)["mexsledai_score"] for r in out[1:]] == ["0", "1"]

    def test_a_percentage_typed_as_a_count_is_flagged(self, tmp_path: Path) -> None:
        rows = [["id", "lymphocytes_per_mm3"], ["A", "18"]]
        code, _, target = _run(tmp_path, rows)
        assert code == 0
        message = appended(read(target)[1])["mexsledai_message"]
        assert "record it as lymphocytes_percent" in message


class TestStopsWriteNothing:
    """Exit 2 before anything is written, naming the header."""

    @pytest.mark.parametrize(
        ("header", "fragment"),
        [
            ("Hemoglobina", "names hemoglobin without its unit"),
            ("Hemoglobina mmol/L", "a unit this library does not read"),
            ("Reticulocitos %", "without the word for corrected"),
            ("Proteinuria (g/L)", "is the finding proteinuria followed by"),
            ("Fiebre (sí/no)", "is the finding fever followed by"),
            ("convulsion", "close to 'convulsiones' (seizures)"),
            ("Ginjal", "is the descriptor renal"),
            ("Recuento de leucocitos", "contains 'leucocitos'"),
        ],
    )
    def test_stop(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        header: str,
        fragment: str,
    ) -> None:
        rows = [["id", "arthritis", header], ["A", "1", "1"]]
        code, _, target = _run(tmp_path, rows)
        assert code == 2
        assert not target.exists()
        assert list(tmp_path.iterdir()) == [tmp_path / "in.csv"]
        err = capsys.readouterr().err
        assert f"column C {header!r}" in err
        assert fragment in err

    def test_two_headers_reaching_one_key(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rows = [["id", "Convulsiones", "seizures"], ["A", "1", "1"]]
        code, _, target = _run(tmp_path, rows)
        assert code == 2
        assert not target.exists()
        assert "both name seizures" in capsys.readouterr().err

    def test_ignore_column_keeps_it(self, tmp_path: Path) -> None:
        rows = [["id", "arthritis", "Hemoglobina"], ["A", "1", "9"]]
        code, _, target = _run(tmp_path, rows, "--ignore-column", "hemoglobina")
        assert code == 0
        assert read(target)[1][:3] == ["A", "1", "9"]


class TestColumnsFile:
    """--columns FILE: CSV column,key or JSON; every map error exits 2."""

    ROWS: ClassVar = [["id", "Conv.", "Leuco", "Obs"], ["A", "1", "3000", "renal?"]]

    @pytest.mark.parametrize("kind", ["csv", "json"])
    def test_map(self, tmp_path: Path, kind: str) -> None:
        mapping = {"Conv.": "seizures", "Leuco": "leukocytes_per_mm3", "Obs": None}
        if kind == "csv":
            columns = tmp_path / "map.csv"
            lines = ["column,key", *(f"{c},{k or ''}" for c, k in mapping.items())]
            columns.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            columns = tmp_path / "map.json"
            columns.write_text(json.dumps(mapping), encoding="utf-8")
        code, _, target = _run(tmp_path, self.ROWS, "--columns", str(columns))
        assert code == 0
        assert appended(read(target)[1])["mexsledai_score"] == "9"  # 8 + 1

    @pytest.mark.parametrize(
        ("name", "text", "fragment"),
        [
            ("map.csv", "col,key\nConv.,seizures\n", "must start with the header row 'column,key'"),
            ("map.csv", "column,key\nConv.,seizures,x\n", "row 2 must have 2 cells, got 3"),
            ("map.csv", "column,key\nConv.,seizures\nConv.,arthritis\n", "names the column 'Conv.' twice"),
            ("map.csv", "", "got 'an empty file'"),
            ("map.json", "[1, 2]", 'must hold one object {"column": "key"}'),
            ("map.json", '{"Conv.": 8}', 'must hold one object {"column": "key"}'),
            ("map.json", '{"Conv.": "seizures"', "is not valid JSON"),
            ("map.json", '{"": "seizures"}', "an empty column name"),
            ("map.txt", "", "must be a .csv (column,key) or a .json file"),
            ("map.json", '{"Conv.": "siezures"}', "did you mean 'seizures'?"),
            ("map.json", '{"Conv.": "convulsiones"}', "write the key 'seizures'"),
            ("map.json", '{"Nope": "seizures"}', "'Nope', which is not a column"),
            ("map.json", '{"Conv.": "seizures", "Leuco": "seizures"}', "maps both"),
        ],
    )  # fmt: skip
    def test_errors(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        name: str,
        text: str,
        fragment: str,
    ) -> None:
        columns = tmp_path / name
        columns.write_text(text, encoding="utf-8")
        code, _, target = _run(tmp_path, self.ROWS, "--columns", str(columns))
        assert code == 2
        assert not target.exists()
        assert fragment in capsys.readouterr().err

    def test_missing_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, target = _run(
            tmp_path, self.ROWS, "--columns", str(tmp_path / "no.csv")
        )
        assert code == 2
        assert not target.exists()
        assert "cannot read --columns" in capsys.readouterr().err

    def test_map_and_ignore_together(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        columns = tmp_path / "map.json"
        columns.write_text('{"Conv.": "seizures"}', encoding="utf-8")
        code, _, _ = _run(
            tmp_path, self.ROWS, "--columns", str(columns), "--ignore-column", "Conv."
        )
        assert code == 2
        assert "both --columns and --ignore-column" in capsys.readouterr().err

    def test_score_rows_takes_a_map(self) -> None:
        (result,) = score_rows(self.ROWS, columns={"Conv.": "seizures", "Leuco": None})
        assert result.score is not None
        assert result.score.total == 8


class TestDigest:
    """Rows in error: the most frequent problems, counted, on standard error."""

    def test_forgotten_decimal_comma(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rows = [["id", "temperature_c", "arthritis"]]
        rows += [[f"P{i}", f"37,{i}", "1"] for i in range(2, 9)]
        rows += [["Q", "38", "maybe"], ["R", "39", "perhaps"]]
        code, _, target = _run(tmp_path, rows)
        assert code == 1
        assert target.exists()
        err = capsys.readouterr().err
        assert (
            "7 rows (first: row 2, '37,2'): column B 'temperature_c': has a decimal "
            "comma: pass --decimal , (no guessing)"
        ) in err
        assert (
            "2 rows (first: row 9, 'maybe'): column C 'arthritis': is not a finding value"
            in err
        )
        assert err.index("7 rows") < err.index("2 rows")

    def test_at_most_five(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        header = [
            "id",
            "seizures",
            "arthritis",
            "fever",
            "fatigue",
            "alopecia",
            "myositis",
        ]
        rows = [header, ["A", "a", "b", "c", "d", "e", "f"]]
        code, _, _ = _run(tmp_path, rows)
        assert code == 1
        assert capsys.readouterr().err.count("1 row (first: row 2") == 5


class TestWords:
    """The finding words of the four languages, in any case."""

    @pytest.mark.parametrize(
        ("word", "value"),
        [("presente", True), ("ausente", False), ("positivo", True), ("negativo", False),
         ("positif", True), ("negatif", False), ("ada", True), ("tidak ada", False),
         ("sim", True), ("não", False), ("nao", False), ("Tidak Ada", False),
         ("NÃO", False), ("Presente", True)],
    )  # fmt: skip
    def test_word(self, word: str, value: bool) -> None:
        assert read_finding(word, decimal=".") is value
        (result,) = score_rows([["id", "arthritis"], ["A", word]])
        assert result.score is not None
        assert result.score.total == (2 if value else 0)

    @pytest.mark.parametrize(
        ("decimal", "text", "message"),
        [
            (".", "abc", ("'abc' is not a number: write digits with '.' as the decimal "
             "mark, no units and no thousands separators")),
            (",", "abc", ("'abc' is not a number: write digits with ',' as the decimal "
             "mark, no units and no thousands separators")),
            (".", "4,5", "'4,5' has a decimal comma: pass --decimal , (no guessing)"),
            (",", "4.000", ("'4.000' has a dot, which is not a decimal mark under "
             "--decimal , (there 4.000 means four thousand): write the number without "
             "grouping")),
            (".", "30%", ("'30%' is not a number: write digits with '.' as the decimal "
             "mark, no units and no thousands separators")),
        ],
    )  # fmt: skip
    def test_lab_text_errors(self, decimal: str, text: str, message: str) -> None:
        with pytest.raises(CellError) as caught:
            read_number(text, decimal=decimal)  # type: ignore[arg-type]
        assert str(caught.value) == message

    @pytest.mark.parametrize(("text", "number"), [("30%", 30.0), ("29,9 %", 29.9), ("18", 18.0)])  # fmt: skip
    def test_percent_columns_take_a_percent_sign(
        self, text: str, number: float
    ) -> None:
        assert read_number(text, decimal=",", percent=True) == number
