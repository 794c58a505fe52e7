"""FHIR R4: every resource validates with fhir.resources (R4B models), and
says what the score says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import mexsledai
from mexsledai.cli import main
from mexsledai.fhir import CODE_SYSTEM, code_system
from mexsledai.interop.fhir import effective_date_time
from tests.property.strategies import flat_assessments, policies

pytest.importorskip("fhir.resources")
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.observation import Observation


def _valid(resource: dict[str, Any]) -> None:
    Observation.model_validate(resource)


class TestObservation:
    def test_a_complete_score(self) -> None:
        result = mexsledai.score({"seizures": True, "leukocytes_per_mm3": 3200})
        resource = result.to_fhir(
            subject="P01", effective=dt.date(2025, 3, 1), identifier="v1"
        )
        _valid(resource)
        assert resource["status"] == "final"
        assert resource["category"][0]["coding"][0]["code"] == "survey"
        assert resource["code"]["coding"][0] == {
            "system": CODE_SYSTEM, "code": "total", "display": "MEX-SLEDAI total score",
        }  # fmt: skip
        assert resource["valueQuantity"] == {
            "value": 9, "unit": "{score}", "system": "http://unitsofmeasure.org",
            "code": "{score}",
        }  # fmt: skip
        assert resource["interpretation"][0]["coding"][0]["code"] == "moderate"
        assert "five-level" in resource["interpretation"][0]["text"]
        assert resource["subject"] == {"reference": "Patient/P01"}
        assert resource["effectiveDateTime"] == "2025-03-01"
        assert resource["identifier"] == [{"value": "v1"}]
        assert "J Rheumatol 1992" in resource["method"]["text"]
        assert "absent" in resource["method"]["text"]
        codes = [c["code"]["coding"][0]["code"] for c in resource["component"]]
        assert codes == [d.key for d in mexsledai.DESCRIPTORS]
        points = [c["valueQuantity"]["value"] for c in resource["component"]]
        assert points == [8, 0, 0, 0, 0, 0, 0, 0, 0, 1]

    def test_an_incomplete_score(self) -> None:
        result = mexsledai.score({"arthritis": True}, unrecorded="unknown")
        resource = result.to_fhir()
        _valid(resource)
        assert "valueQuantity" not in resource
        assert resource["valueRange"]["low"]["value"] == 2
        assert resource["valueRange"]["high"]["value"] == 32
        assert "interpretation" not in resource  # the range spans levels
        unknown = [c for c in resource["component"] if "dataAbsentReason" in c]
        assert len(unknown) == 9
        assert unknown[0]["dataAbsentReason"]["coding"][0]["code"] == "unknown"

    def test_notes_are_the_warnings(self) -> None:
        resource = mexsledai.score({}).to_fhir()
        _valid(resource)
        assert resource["note"] == [{"text": "nothing recorded"}]

    @pytest.mark.parametrize(
        ("subject", "reference"),
        [("P01", "Patient/P01"), ("Group/7", "Group/7")],
    )
    def test_subject(self, subject: str, reference: str) -> None:
        resource = mexsledai.score({}).to_fhir(subject=subject)
        assert resource["subject"] == {"reference": reference}

    @pytest.mark.parametrize(
        ("identifier", "expected"),
        [("x", [{"value": "x"}]), ({"system": "s", "value": "v"}, [{"system": "s", "value": "v"}]),
         ([{"value": "a"}, {"value": "b"}], [{"value": "a"}, {"value": "b"}])],
    )  # fmt: skip
    def test_identifier(self, identifier: object, expected: object) -> None:
        resource = mexsledai.score({}).to_fhir(identifier=identifier)
        _valid(resource)
        assert resource["identifier"] == expected

    def test_bad_identifier(self) -> None:
        with pytest.raises(ValueError, match="identifier must be"):
            mexsledai.score({}).to_fhir(identifier=5)

    @given(flat_assessments(), policies)
    def test_value_and_components(self, flat: dict[str, object], policy: Any) -> None:
        result = mexsledai.score(flat, unrecorded=policy)
        resource = result.to_fhir()
        if result.complete:
            assert resource["valueQuantity"]["value"] == result.total
            points = [c["valueQuantity"]["value"] for c in resource["component"]]
            assert sum(points) == result.total
        else:
            assert resource["valueRange"]["low"]["value"] == result.minimum
            assert resource["valueRange"]["high"]["value"] == result.maximum


class TestEffective:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (dt.date(2025, 3, 1), "2025-03-01"),
            (dt.datetime(2025, 3, 1), "2025-03-01"),  # naive midnight: a date
            (dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.timezone.utc), "2025-03-01T09:30:00+00:00"),
            ("2025", "2025"),
            ("2025-03", "2025-03"),
            ("2025-03-01T09:30:00Z", "2025-03-01T09:30:00Z"),
            ("2025-03-01T09:30:00.5-05:00", "2025-03-01T09:30:00.5-05:00"),
        ],
    )  # fmt: skip
    def test_accepted(self, value: object, text: str) -> None:
        assert effective_date_time(value) == text
        _valid(mexsledai.score({}).to_fhir(effective=value))

    @pytest.mark.parametrize(
        "value",
        [
            dt.datetime(2025, 3, 1, 9, 30),
            "2025-03-01T09:30:00",
            "01/03/2025",
            "2025-13-01",
            20250301,
        ],
    )
    def test_refused(self, value: object) -> None:
        with pytest.raises(ValueError, match="effective"):
            effective_date_time(value)


def test_code_system() -> None:
    resource = code_system()
    CodeSystem.model_validate(resource)
    assert resource["url"] == CODE_SYSTEM
    codes = [c["code"] for c in resource["concept"]]
    assert codes == ["total", *(d.key for d in mexsledai.DESCRIPTORS),
                     "none", "mild", "moderate", "severe", "very_severe"]  # fmt: skip
    assert resource["count"] == 16


def _sheet(path: Path) -> Path:
    path.write_text(
        "id,visit,date,seizures,arthritis,leukocytes_per_mm3\n"
        "P1,baseline,2025-03-01,x,,3200\n"
        "P1,day 22,2025-03-22,,x,\n"
        "P2,baseline,01/03/2025,x,,\n"
        "P3,baseline,2025-03-02,maybe,,\n"
        ",,,,,\n",
        encoding="utf-8",
    )
    return path


class TestCommand:
    def test_bundle(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        source = _sheet(tmp_path / "v.csv")
        target = tmp_path / "b.json"
        args = ["fhir", str(source), "-o", str(target), "--patient", "id",
                "--date", "date", "--visit", "visit"]  # fmt: skip
        assert main(args) == 1  # P2's date and P3's cell
        bundle = json.loads(target.read_text(encoding="utf-8"))
        Bundle.model_validate(bundle)
        assert bundle["type"] == "collection"
        entries = bundle["entry"]
        assert len(entries) == 2
        first = entries[0]
        assert first["fullUrl"] == f"urn:uuid:{first['resource']['id']}"
        assert first["resource"]["subject"] == {"reference": "Patient/P1"}
        assert first["resource"]["effectiveDateTime"] == "2025-03-01"
        assert first["resource"]["identifier"] == [
            {"system": f"{CODE_SYSTEM}/visit", "value": "baseline"}
        ]
        assert first["resource"]["valueQuantity"]["value"] == 9
        err = capsys.readouterr().err
        assert "row 4: row 4: date: effective must be" in err
        assert "row 5, column D 'seizures': 'maybe'" in err
        # the same rows give the same ids, whatever the file is called
        other = tmp_path / "copy.csv"
        other.write_bytes(source.read_bytes())
        main([*args[:1], str(other), "-o", str(tmp_path / "b2.json"), *args[4:]])
        again = json.loads((tmp_path / "b2.json").read_text(encoding="utf-8"))
        assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in entries]

    def test_ndjson(self, tmp_path: Path) -> None:
        source = _sheet(tmp_path / "v.csv")
        target = tmp_path / "o.ndjson"
        main(["fhir", str(source), "-o", str(target)])
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 3  # P2 scores without --date
        for line in lines:
            _valid(json.loads(line))

    def test_stdout_and_codesystem(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = _sheet(tmp_path / "v.csv")
        assert main(["fhir", str(source)]) == 1
        Bundle.model_validate(json.loads(capsys.readouterr().out))
        assert main(["fhir", "codesystem"]) == 0
        CodeSystem.model_validate(json.loads(capsys.readouterr().out))

    @pytest.mark.parametrize(
        ("extra", "fragment"),
        [
            (["-o", "x.xml"], "must end in .json"),
            (["--patient", "who"], "the patient column 'who'"),
        ],
    )
    def test_exit_2(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        extra: list[str],
        fragment: str,
    ) -> None:
        source = _sheet(tmp_path / "v.csv")
        extra = [str(tmp_path / e) if e.endswith(".xml") else e for e in extra]
        assert main(["fhir", str(source), *extra]) == 2
        assert fragment in capsys.readouterr().err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]
