"""Input models: strict, frozen, no unknown fields, exact flat round trips."""

from __future__ import annotations

import pydantic
import pytest

import mexsledai
from mexsledai import Assessment, Labs, NeurologicalDisorder, RenalDisorder
from tests import spec_tables


class TestStrictValues:
    """A finding is True, False or None; a lab value a finite number."""

    @pytest.mark.parametrize("value", [1, 0, "yes", "true", 1.0, [], "x"])
    def test_finding_model_rejects_non_booleans(self, value: object) -> None:
        with pytest.raises(pydantic.ValidationError):
            RenalDisorder(hematuria=value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [2, "yes", 0.5, -1, "1"])
    def test_flat_rejects_non_booleans(self, value: object) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            Assessment.from_flat({"hematuria": value})
        (problem,) = caught.value.problems
        assert (problem.key, problem.value, problem.code) == (
            "hematuria",
            value,
            "not_a_boolean",
        )
        assert "True, False, 1, 0 or None" in problem.message

    @pytest.mark.parametrize("value", [True, "4000", float("nan"), float("inf")])
    def test_labs_model_rejects_non_numbers(self, value: object) -> None:
        with pytest.raises(pydantic.ValidationError):
            Labs(leukocytes_per_mm3=value)  # type: ignore[arg-type]

    def test_labs_model_checks_plausibility_with_the_same_message(self) -> None:
        with pytest.raises(pydantic.ValidationError) as caught:
            Labs(leukocytes_per_mm3=3.5)
        (error,) = caught.value.errors()
        assert error["type"] == "implausible_value"
        assert "did you mean leukocytes_10e9_per_l?" in error["msg"]

    def test_labs_model_rejects_two_units(self) -> None:
        with pytest.raises(pydantic.ValidationError) as caught:
            Labs(hemoglobin_g_per_dl=10, hemoglobin_g_per_l=100)
        assert caught.value.errors()[0]["type"] == "quantity_given_twice"

    def test_validation_error_is_a_value_error(self) -> None:
        assert issubclass(pydantic.ValidationError, ValueError)
        assert issubclass(mexsledai.InvalidAssessmentError, ValueError)


class TestFrozenAndClosed:
    def test_frozen(self) -> None:
        neuro = NeurologicalDisorder(seizures=True)
        with pytest.raises(pydantic.ValidationError):
            neuro.seizures = False

    def test_unknown_field(self) -> None:
        with pytest.raises(pydantic.ValidationError):
            NeurologicalDisorder(lupus_headache=True)  # type: ignore[call-arg]
        with pytest.raises(pydantic.ValidationError):
            Assessment(renal_disorder=RenalDisorder())  # type: ignore[call-arg]

    def test_defaults_are_not_recorded(self) -> None:
        assert all(value is None for value in Assessment().to_flat().values())


class TestFlatRoundTrip:
    """from_flat and to_flat are inverse; to_flat lists all 38 keys in order."""

    def test_key_order(self) -> None:
        assert (
            tuple(Assessment().to_flat()) == spec_tables.FINDINGS + spec_tables.LAB_KEYS
        )

    def test_nested_fields_from_flat_keys(self) -> None:
        assessment = Assessment.from_flat(
            {"pericarditis": True, "fatigue": False, "platelets_10e9_per_l": 85}
        )
        assert assessment.serositis.pericarditis is True
        assert assessment.fever_fatigue.fatigue is False
        assert assessment.labs.platelets_10e9_per_l == 85
        assert assessment.serositis.pleuritis is None

    def test_round_trip(self) -> None:
        flat = dict.fromkeys(spec_tables.FINDINGS + spec_tables.LAB_KEYS)
        flat.update({"seizures": True, "hematuria": False, "temperature_f": 101.3})
        assert Assessment.from_flat(flat).to_flat() == flat
        assessment = Assessment.from_flat(flat)
        assert Assessment.from_flat(assessment.to_flat()) == assessment

    def test_json_round_trip(self) -> None:
        assessment = Assessment.from_flat({"alopecia": True, "hemoglobin_g_per_l": 95})
        assert (
            Assessment.model_validate_json(assessment.model_dump_json()) == assessment
        )

    def test_from_flat_collects_every_problem(self) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            Assessment.from_flat(
                {"psycosis": True, "arthritis": "yes", "temperature_c": 101}
            )
        assert [p.key for p in caught.value.problems] == [
            "psycosis",
            "arthritis",
            "temperature_c",
        ]


class TestUnknownKeys:
    """A misspelling is never ignored; the error suggests the closest key."""

    @pytest.mark.parametrize(
        ("key", "suggestion"),
        [
            ("psycosis", "psychosis"),
            ("seizure", "seizures"),
            ("Arthritis", "arthritis"),  # keys are case-sensitive
            ("leukocytes_per_mm", "leukocytes_per_mm3"),
            ("hematuria ", "hematuria"),
            ("xyz", None),
        ],
    )
    def test_suggestion(self, key: str, suggestion: str | None) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({key: True})
        (problem,) = caught.value.problems
        assert problem.code == "unknown_key"
        assert problem.key == key
        assert problem.suggestion == suggestion
        assert repr(key) in problem.message

    @pytest.mark.parametrize(
        ("quantity", "units"),
        [
            ("temperature", ["temperature_c", "temperature_f"]),
            ("leukocytes", ["leukocytes_per_mm3", "leukocytes_10e9_per_l"]),
            ("hemoglobin", ["hemoglobin_g_per_dl", "hemoglobin_g_per_l"]),
            ("platelets", ["platelets_per_mm3", "platelets_10e9_per_l"]),
        ],
    )
    def test_quantity_without_unit(self, quantity: str, units: list[str]) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({quantity: 38.5})
        (problem,) = caught.value.problems
        assert problem.code == "missing_unit"
        for unit_key in units:
            assert unit_key in problem.message

    @pytest.mark.parametrize(
        "descriptor",
        [
            "neurological",
            "renal",
            "hemolysis_thrombocytopenia",
            "mucocutaneous",
            "serositis",
            "fever_fatigue",
            "leukopenia_lymphopenia",
        ],
    )
    def test_descriptor_key_lists_its_findings(self, descriptor: str) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({descriptor: True})
        (problem,) = caught.value.problems
        assert problem.code == "descriptor_key"
        for finding in spec_tables.DESCRIPTORS[descriptor][1]:
            assert finding in problem.message

    @pytest.mark.parametrize("key", ["vasculitis", "myositis", "arthritis"])
    def test_descriptor_that_is_also_a_finding_is_valid(self, key: str) -> None:
        assert mexsledai.score({key: True}).total == spec_tables.WEIGHT[key]

    def test_non_string_key(self) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({1: True})
        assert caught.value.problems[0].code == "unknown_key"
