"""REDCap: the dictionary's formulas equal `score()`; its names and files are
what REDCap takes; exports read back; the audit finds every wrong total."""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mexsledai
from mexsledai.cli import main
from mexsledai.interop.redcap import (
    CALC_FIELDS,
    COLUMNS,
    FIELD_NAMES,
    data_dictionary,
    descriptor_formula,
    level_formula,
    total_formula,
)
from mexsledai.languages import LANGS
from mexsledai.redcap import audit
from mexsledai.tables import score_rows
from tests import spec_tables
from tests.interop.redcap_calc import BlankError, calctext, evaluate, tokens

FINDINGS = spec_tables.FINDINGS
LABS = spec_tables.LAB_KEYS


def _calc(
    record: dict[str, str], scheme: str = "five-level"
) -> tuple[list[int], Any, str]:
    """Each descriptor's points, the total and the level, as REDCap would."""
    values = dict.fromkeys(
        [*FIELD_NAMES.values(), *CALC_FIELDS.values()], ""
    )  # every field blank unless given
    values.update({FIELD_NAMES[k]: v for k, v in record.items()})
    points = []
    for key in spec_tables.DESCRIPTORS:
        value = evaluate(descriptor_formula(key), values)
        points.append(int(value))
        values[CALC_FIELDS[key]] = str(int(value))
    total = evaluate(total_formula(), values)
    values[CALC_FIELDS["total"]] = str(int(total))
    return points, int(total), calctext(level_formula(scheme), values)


def _flat(record: dict[str, str]) -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, text in record.items():
        if text == "":
            continue
        flat[key] = (text == "1") if key in FINDINGS else float(text)
    return flat


def _check(record: dict[str, str]) -> None:
    points, total, level = _calc(record)
    expected = mexsledai.score(_flat(record))  # the absent policy
    assert points == [d.points for d in expected.descriptors]
    assert total == expected.total
    assert level == expected.category.value  # type: ignore[union-attr]


class TestFormulasEqualScore:
    def test_every_descriptor_pattern(self) -> None:
        """All 1,024 present/absent patterns, one finding per descriptor."""
        for pattern in itertools.product((False, True), repeat=10):
            record = dict.fromkeys(FINDINGS, "0")
            for present, (_, (_, findings)) in zip(
                pattern, spec_tables.DESCRIPTORS.items(), strict=True
            ):
                if present:
                    record[findings[-1]] = "1"
            _check(record)

    def test_nothing_recorded(self) -> None:
        _check({})

    @settings(max_examples=500)
    @given(st.data())
    def test_generated_records(self, data: st.DataObject) -> None:
        record = {
            key: data.draw(st.sampled_from(["", "", "", "0", "1"])) for key in FINDINGS
        }
        quantities: dict[str, list[str]] = {}
        for key, quantity in spec_tables.QUANTITY.items():
            quantities.setdefault(quantity, []).append(key)
        for keys in quantities.values():
            if data.draw(st.booleans()):
                key = data.draw(st.sampled_from(keys))
                record[key] = data.draw(_lab_text(key))
        _check(record)

    @pytest.mark.parametrize(
        ("leukocytes", "percent"),
        [(("leukocytes_per_mm3", "4000"), "30"), (("leukocytes_per_mm3", "4000"), "29.9"),
         (("leukocytes_10e9_per_l", "6.0"), "20"), (("leukocytes_10e9_per_l", "6.0"), "19"),
         (("leukocytes_10e9_per_l", "4.8"), "25"), (("leukocytes_10e9_per_l", "4.8"), "24.9")],
    )  # fmt: skip
    def test_lymphocyte_percentage_at_the_threshold(
        self, leukocytes: tuple[str, str], percent: str
    ) -> None:
        _check({leukocytes[0]: leukocytes[1], "lymphocytes_percent": percent})

    @pytest.mark.parametrize("scheme", ["five-level", "three-level-id"])
    def test_levels(self, scheme: str) -> None:
        level_of = spec_tables.LEVEL_OF[scheme]
        for total in range(33):
            values = {CALC_FIELDS["total"]: str(total)}
            assert calctext(level_formula(scheme), values) == level_of(total)
        assert calctext(level_formula(scheme), {CALC_FIELDS["total"]: ""}) == ""

    def test_unguarded_formulas_would_fail(self) -> None:
        """The evaluator refuses a blank in a comparison: the guards matter."""
        with pytest.raises(BlankError):
            evaluate("[x] < 4000", {"x": ""})
        assert evaluate("[x] <> '' and [x] < 4000", {"x": ""}) is False


def _lab_text(key: str) -> st.SearchStrategy[str]:
    low, high = spec_tables.RANGES[key]
    edges: list[float] = [low, high]
    if key in spec_tables.THRESHOLDS:
        t = spec_tables.THRESHOLDS[key][1]
        edges += [t, t - 0.1, t + 0.1]
    if key in spec_tables.HEMOGLOBIN_THRESHOLDS:
        t = spec_tables.HEMOGLOBIN_THRESHOLDS[key]
        edges += [t, t - 0.1, t + 0.1]
    if key == "reticulocytes_corrected_percent":
        edges += [3, 2.9, 3.1]
    if key == "lymphocytes_percent":
        edges += [20, 25, 29.9, 30, 30.1]
    return st.sampled_from([f"{v:g}" for v in edges if low <= v <= high])


class TestDictionary:
    def test_columns(self) -> None:
        assert len(COLUMNS) == 18
        assert COLUMNS[0] == "Variable / Field Name"
        assert COLUMNS[5] == "Choices, Calculations, OR Slider Labels"
        assert COLUMNS[-1] == "Field Annotation"

    def test_names(self) -> None:
        rows = data_dictionary()
        names = [row["Variable / Field Name"] for row in rows]
        assert names[0] == "record_id"
        assert len(set(names)) == len(names)
        for name in names:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
            assert len(name) <= 26, name
        assert set(FIELD_NAMES) == {*FINDINGS, *LABS}
        for key in (*FINDINGS, *LABS):
            assert names.count(FIELD_NAMES[key]) == 1

    def test_fields(self) -> None:
        rows = {r["Variable / Field Name"]: r for r in data_dictionary(lang="es")}
        assert rows["seizures"]["Field Type"] == "yesno"
        assert rows["seizures"]["Field Label"] == "Convulsiones"
        assert rows["psychosis"]["Section Header"] == "Trastorno neurológico (peso 8)"
        assert "inicio reciente" in rows["seizures"]["Field Note"]
        lab = rows["retic_corrected_pct"]
        assert (
            lab["Field Type"],
            lab["Text Validation Type OR Show Slider Number"],
        ) == ("text", "number")
        assert (lab["Text Validation Min"], lab["Text Validation Max"]) == ("0", "100")
        assert rows["mex_sledai_total"]["Field Type"] == "calc"
        assert rows["mex_sledai_level"]["Field Annotation"].startswith("@CALCTEXT(")
        for row in rows.values():
            assert set(row) == set(COLUMNS)

    def test_only_the_allowed_subset(self) -> None:
        for row in data_dictionary():
            formula = (
                row["Choices, Calculations, OR Slider Labels"]
                or row["Field Annotation"]
            )
            if formula:
                calls = re.findall(
                    r"\b[a-z]+\b(?=\s*\()", formula.replace("@CALCTEXT", "")
                )
                assert set(calls) - {"and", "or"} <= {"if", "isblankormissingcode"}
                evaluate_all = formula.removeprefix("@CALCTEXT(").removesuffix(")")
                assert evaluate_all  # parsed by the subset's evaluator below
                tokens(evaluate_all)

    def test_csv_and_zip(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["redcap", "dictionary"]) == 0
        rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        assert rows[0] == list(COLUMNS)
        assert rows[1][0] == "record_id"
        target = tmp_path / "mex.zip"
        assert (
            main(["redcap", "dictionary", "-o", str(target), "--form", "mexsledai_v1"])
            == 0
        )
        with zipfile.ZipFile(target) as archive:
            assert sorted(archive.namelist()) == ["OriginID.txt", "instrument.csv"]
            text = archive.read("instrument.csv").decode("utf-8-sig")
        inner = list(csv.reader(io.StringIO(text)))
        assert inner[0] == list(COLUMNS)
        assert inner[1][0] == "psychosis"  # no record_id in an instrument
        assert {row[1] for row in inner[1:]} == {"mexsledai_v1"}

    @pytest.mark.parametrize(
        ("args", "fragment"),
        [(["--form", "Bad Name"], "form name"), (["-o", "x.txt"], "must end in .csv")],
    )
    def test_refused(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        args: list[str],
        fragment: str,
    ) -> None:
        args = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
        assert main(["redcap", "dictionary", *args]) == 2
        assert fragment in capsys.readouterr().err


def _export(rows: list[list[str]], header: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue()


class TestExportsReadBack:
    @pytest.mark.parametrize("lang", LANGS)
    def test_labels_score_as_raw(self, lang: str) -> None:
        dictionary = [
            r
            for r in data_dictionary(lang=lang)
            if r["Field Type"] in ("yesno", "text")
        ][1:]
        raw = [r["Variable / Field Name"] for r in dictionary]
        labels = [r["Field Label"] for r in dictionary]
        values = []
        for r in dictionary:
            if r["Field Type"] == "yesno":
                values.append(
                    "1" if r["Variable / Field Name"] in ("seizures", "fever") else "0"
                )
            else:
                values.append({"leukocytes_per_mm3": "3200", "temperature_c": "38.5"}.get(
                    r["Variable / Field Name"], ""))  # fmt: skip
        worded = [("Yes" if v == "1" else "No") if r["Field Type"] == "yesno" else v
                  for v, r in zip(values, dictionary, strict=True)]  # fmt: skip
        (from_raw,) = score_rows(
            [["record_id", *raw, "mex_sledai_total"], ["1", *values, ""]]
        )
        (from_labels,) = score_rows(
            [["Record ID", *labels, "MEX-SLEDAI total"], ["1", *worded, ""]]
        )
        assert from_raw.score == from_labels.score
        assert from_raw.score is not None
        # seizures 8 + fever 1; leukopenia recorded No beats 3200/mm³
        assert from_raw.score.total == 8 + 1


HEADER = ["record_id", "redcap_event_name", "redcap_repeat_instrument",
          "redcap_repeat_instance", "seizures", "arthritis", "leukocytes_per_mm3",
          "other_form_field", "mex_sledai_neuro", "mex_sledai_arthritis",
          "mex_sledai_leuk_lymph", "mex_sledai_total", "mex_sledai_complete"]  # fmt: skip


class TestAudit:
    def test_constructed_export(self, tmp_path: Path) -> None:
        rows = [
            [
                "1",
                "baseline_arm_1",
                "",
                "",
                "1",
                "0",
                "3200",
                "",
                "8",
                "0",
                "1",
                "9",
                "2",
            ],  # agrees
            [
                "1",
                "day22_arm_1",
                "",
                "",
                "0",
                "1",
                "",
                "",
                "0",
                "2",
                "0",
                "",
                "2",
            ],  # blank total
            [
                "2",
                "baseline_arm_1",
                "",
                "",
                "1",
                "1",
                "",
                "",
                "8",
                "0",
                "0",
                "8",
                "2",
            ],  # stale: arthritis since
            [
                "2",
                "day22_arm_1",
                "",
                "",
                "0",
                "1",
                "",
                "",
                "0",
                "2",
                "0",
                "12",
                "2",
            ],  # hand-edited total
            [
                "3",
                "baseline_arm_1",
                "",
                "",
                "maybe",
                "0",
                "",
                "",
                "",
                "",
                "",
                "8",
                "0",
            ],  # unreadable
            [
                "3",
                "baseline_arm_1",
                "labs",
                "1",
                "",
                "",
                "",
                "x",
                "",
                "",
                "",
                "",
                "",
            ],  # other instrument
            [
                "3",
                "baseline_arm_1",
                "",
                "",
                "1",
                "0",
                "",
                "",
                "8",
                "0",
                "0",
                "8.5",
                "2",
            ],  # not an integer
            [
                "4",
                "baseline_arm_1",
                "",
                "",
                "1",
                "1",
                "",
                "",
                "8",
                "2",
                "0",
                "40",
                "2",
            ],  # outside 0-32
        ]
        source = tmp_path / "export.csv"
        source.write_text(_export(rows, HEADER), encoding="utf-8")
        summary = audit(str(source))
        assert summary.skipped == 1
        assert summary.identifiers == ("record_id", "redcap_event_name",
                                       "redcap_repeat_instrument", "redcap_repeat_instance")  # fmt: skip
        got = [
            (r.row, r.stored_total, r.recomputed_total, r.status) for r in summary.rows
        ]
        assert got == [
            (2, "9", 9, "agrees"),
            (3, "", 2, "not_stored"),
            (4, "8", 10, "differs"),
            (5, "12", 2, "differs"),
            (6, "8", None, "error"),
            (8, "8.5", 8, "error"),
            (9, "40", 10, "differs"),
        ]
        details = {r.row: r.detail for r in summary.rows}
        assert details[4] == "arthritis stored 0, recomputed 2"
        assert details[5] == "stored total ≠ sum of stored descriptor points"
        assert "'maybe' is not a finding value" in details[6]
        assert details[8] == "the stored total '8.5' is not a whole number"
        assert details[9].startswith("the stored total 40 is outside 0-32")
        assert summary.counts() == {
            "agrees": 1,
            "differs": 3,
            "not_stored": 1,
            "error": 2,
        }

    def test_without_stored_descriptor_fields(self, tmp_path: Path) -> None:
        source = tmp_path / "export.csv"
        source.write_text(_export([["1", "1", "1", "7"]],
                                  ["record_id", "seizures", "arthritis", "mex_sledai_total"]),
                          encoding="utf-8")  # fmt: skip
        (row,) = audit(str(source)).rows
        assert (row.status, row.detail) == (
            "differs", "stored 7, recomputed 10 (neurological 8, arthritis 2)",
        )  # fmt: skip

    def test_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        source = tmp_path / "export.csv"
        source.write_text(
            _export(
                [
                    [
                        "1",
                        "baseline_arm_1",
                        "",
                        "",
                        "1",
                        "0",
                        "",
                        "",
                        "8",
                        "0",
                        "0",
                        "8",
                        "2",
                    ]
                ],
                HEADER,
            ),
            encoding="utf-8",
        )
        report = tmp_path / "report.csv"
        assert main(["redcap", "audit", str(source), "-o", str(report)]) == 0
        with report.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        assert rows[0] == ["record_id", "redcap_event_name", "redcap_repeat_instrument",
                           "redcap_repeat_instance", "stored_total", "recomputed_total",
                           "status", "detail"]  # fmt: skip
        assert rows[1][4:7] == ["8", "8", "agrees"]
        assert "agrees 1, differs 0, not_stored 0, error 0" in capsys.readouterr().err
        source.write_text(
            _export(
                [
                    [
                        "1",
                        "baseline_arm_1",
                        "",
                        "",
                        "1",
                        "0",
                        "",
                        "",
                        "8",
                        "0",
                        "0",
                        "",
                        "2",
                    ]
                ],
                HEADER,
            ),
            encoding="utf-8",
        )
        assert main(["redcap", "audit", str(source)]) == 1

    def test_no_total_column(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = tmp_path / "export.csv"
        source.write_text(
            _export([["1", "1"]], ["record_id", "seizures"]), encoding="utf-8"
        )
        assert main(["redcap", "audit", str(source)]) == 2
        assert "--total-field" in capsys.readouterr().err

    def test_custom_total_field_and_labels(self, tmp_path: Path) -> None:
        source = tmp_path / "export.csv"
        source.write_text(_export([["1", "Yes", "No", "8"]],
                                  ["Record ID", "Seizures", "Arthritis", "Stored MXS"]),
                          encoding="utf-8")  # fmt: skip
        (row,) = audit(str(source), total_field="Stored MXS").rows
        assert row.status == "agrees"
