"""score(): the rule, the policies for unrecorded findings, conflicts with lab
values, the explanation it gives, and the arguments it refuses."""

from __future__ import annotations

import copy
import itertools
import json
from types import MappingProxyType

import pytest

import mexsledai
from mexsledai import ActivityLevel, Assessment, Score
from tests import spec_tables


class TestEveryPattern:
    """All 2**10 present/absent patterns of the ten descriptors."""

    @pytest.mark.parametrize("scheme", ["five-level", "three-level-id"])
    def test_total_is_the_sum_of_present_weights(self, scheme: str) -> None:
        keys = list(spec_tables.DESCRIPTORS)
        for pattern in itertools.product((False, True), repeat=len(keys)):
            flat = {}
            expected = 0
            for key, present in zip(keys, pattern, strict=True):
                weight, findings = spec_tables.DESCRIPTORS[key]
                # the last finding of the descriptor, to vary which one counts
                flat[findings[-1]] = present
                expected += weight if present else 0
            result = mexsledai.score(flat, scheme=scheme)
            assert result.total == result.minimum == result.maximum == expected
            assert result.category == ActivityLevel(
                spec_tables.LEVEL_OF[scheme](expected)
            )
            assert [d.points for d in result.descriptors] == [
                spec_tables.WEIGHT[k] if p else 0
                for k, p in zip(keys, pattern, strict=True)
            ]


class TestEitherOr:
    """A descriptor scores its weight once however many findings are present."""

    @pytest.mark.parametrize("descriptor", list(spec_tables.DESCRIPTORS))
    def test_all_findings_score_once(self, descriptor: str) -> None:
        weight, findings = spec_tables.DESCRIPTORS[descriptor]
        result = mexsledai.score(dict.fromkeys(findings, True))
        assert result.total == weight
        (scored,) = [d for d in result.descriptors if d.status == "present"]
        assert scored.findings == findings
        assert scored.points == weight

    def test_two_renal_findings_score_6_not_12(self) -> None:
        assert mexsledai.score({"hematuria": True, "proteinuria": True}).total == 6

    def test_serositis_scores_once(self) -> None:
        flat = {"pleuritis": True, "pericarditis": True, "peritonitis": True}
        assert mexsledai.score(flat).total == 2


class TestUnrecordedAbsent:
    """Default policy: an unrecorded finding counts absent and is listed."""

    def test_nothing_recorded(self) -> None:
        result = mexsledai.score({})
        assert result.total == 0
        assert result.assumed_absent == spec_tables.FINDINGS
        assert result.warnings == ("nothing recorded",)

    def test_none_is_not_recorded(self) -> None:
        assert mexsledai.score({"seizures": None}) == mexsledai.score({})

    def test_siblings_of_present_descriptor_are_listed(self) -> None:
        result = mexsledai.score({"seizures": True})
        assert "psychosis" in result.assumed_absent
        assert "seizures" not in result.assumed_absent
        assert len(result.assumed_absent) == 24

    def test_lab_decided_findings_are_not_assumed(self) -> None:
        result = mexsledai.score({"temperature_c": 37.0})
        assert "fever" not in result.assumed_absent
        assert "fatigue" in result.assumed_absent
        assert result.descriptors[8].derived_from == ("temperature_c",)
        assert "nothing recorded" not in result.warnings

    def test_only_labs_is_something_recorded(self) -> None:
        result = mexsledai.score({"platelets_per_mm3": 250_000})
        assert result.warnings == ()


class TestUnrecordedUnknown:
    """Policy "unknown": a range, exact only when both ends agree."""

    def test_nothing_recorded_spans_0_to_32(self) -> None:
        result = mexsledai.score({}, unrecorded="unknown")
        assert (result.total, result.minimum, result.maximum) == (None, 0, 32)
        assert result.category is None
        assert not result.complete
        assert result.assumed_absent == ()
        assert result.warnings == ("nothing recorded",)

    def test_range_adds_undetermined_weights(self) -> None:
        flat: dict[str, object] = dict.fromkeys(spec_tables.FINDINGS, False)
        del flat["psychosis"], flat["fatigue"]
        flat["arthritis"] = True
        result = mexsledai.score(flat, unrecorded="unknown")
        assert (result.minimum, result.maximum) == (2, 2 + 8 + 1)
        assert result.unknown == ("neurological", "fever_fatigue")
        assert result.category is None

    def test_range_in_one_band_has_its_category(self) -> None:
        flat: dict[str, object] = dict.fromkeys(spec_tables.FINDINGS, False)
        flat.update(seizures=True, arthritis=True, fever=None)
        result = mexsledai.score(flat, unrecorded="unknown")
        assert (result.total, result.minimum, result.maximum) == (None, 10, 11)
        assert result.category is ActivityLevel.SEVERE

    def test_absent_total_is_unknown_minimum(self) -> None:
        flat = {"seizures": True, "arthritis": False, "hemoglobin_g_per_dl": 9.0}
        absent = mexsledai.score(flat)
        unknown = mexsledai.score(flat, unrecorded="unknown")
        assert absent.total == unknown.minimum == 8
        assert unknown.maximum == 32 - 2


class TestConflicts:
    """A recorded finding wins over a lab value; a disagreement is reported."""

    def test_recorded_false_beats_low_count(self) -> None:
        result = mexsledai.score({"leukopenia": False, "leukocytes_per_mm3": 2500})
        assert result.total == 0
        assert result.conflicts == ("leukopenia",)
        (warning,) = result.warnings
        assert "leukopenia recorded False" in warning
        assert "leukocytes_per_mm3 = 2500" in warning
        assert result.descriptors[9].derived_from == ()

    def test_recorded_true_beats_normal_count(self) -> None:
        result = mexsledai.score(
            {"thrombocytopenia": True, "platelets_10e9_per_l": 250}
        )
        assert result.total == 3
        assert result.conflicts == ("thrombocytopenia",)
        assert "platelets_10e9_per_l = 250 is not below 100" in result.warnings[0]

    def test_agreement_is_no_conflict(self) -> None:
        result = mexsledai.score({"fever": True, "temperature_f": 101.3})
        assert result.conflicts == () == result.warnings
        assert result.descriptors[8].derived_from == ()

    def test_undetermined_derivation_never_conflicts(self) -> None:
        result = mexsledai.score({"hemolysis": False, "hemoglobin_g_per_dl": 9.0})
        assert result.conflicts == ()

    def test_conflicts_in_registry_order(self) -> None:
        flat = {
            "lymphopenia": True,
            "lymphocytes_per_mm3": 2000,
            "hematuria": False,
            "urine_rbc_per_hpf": 20,
            "fever": False,
            "temperature_c": 39.0,
        }
        result = mexsledai.score(flat)
        assert result.conflicts == ("hematuria", "fever", "lymphopenia")
        assert len(result.warnings) == 3


class TestResult:
    def test_descriptors_in_registry_order_with_labels(self) -> None:
        result = mexsledai.score({"myositis": True})
        assert [d.key for d in result.descriptors] == list(spec_tables.DESCRIPTORS)
        assert [d.weight for d in result.descriptors] == list(
            spec_tables.WEIGHT.values()
        )
        assert all(d.label for d in result.descriptors)

    def test_json_round_trip(self) -> None:
        result = mexsledai.score(
            {"seizures": True, "thrombocytopenia": False, "platelets_per_mm3": 50_000},
            unrecorded="unknown",
        )
        text = result.model_dump_json()
        assert Score.model_validate_json(text) == result
        data = json.loads(text)
        assert data["category"] is None or isinstance(data["category"], str)
        assert data["descriptors"][0]["status"] == "present"

    def test_equal_to_a_validated_score(self) -> None:
        result = mexsledai.score({"alopecia": True, "temperature_c": 38.5})
        validated = Score.model_validate(result.model_dump())
        assert validated == result
        assert result.model_fields_set == validated.model_fields_set
        assert repr(validated) == repr(result)

    def test_result_is_frozen(self) -> None:
        result = mexsledai.score({})
        with pytest.raises(ValueError, match="frozen"):
            result.total = 3

    def test_model_and_mapping_agree(self) -> None:
        flat = {
            "pleuritis": True,
            "hemoglobin_g_per_l": 95,
            "reticulocytes_corrected_percent": 5,
        }
        assert mexsledai.score(Assessment.from_flat(flat)) == mexsledai.score(flat)


class TestPurity:
    def test_does_not_mutate_input(self) -> None:
        flat = {"seizures": True, "leukocytes_per_mm3": 3200, "fever": None}
        before = copy.deepcopy(flat)
        mexsledai.score(flat, unrecorded="unknown")
        assert flat == before

    def test_same_input_same_output(self) -> None:
        flat = {"hematuria": False, "urine_rbc_per_hpf": 12}
        assert mexsledai.score(flat) == mexsledai.score(dict(flat))

    def test_mapping_types(self) -> None:
        assert mexsledai.score(MappingProxyType({"vasculitis": True})).total == 4


class TestArguments:
    @pytest.mark.parametrize("policy", ["Absent", "missing", None, ""])
    def test_bad_policy(self, policy: object) -> None:
        with pytest.raises(ValueError, match="'absent' or 'unknown'"):
            mexsledai.score({}, unrecorded=policy)  # type: ignore[arg-type]

    @pytest.mark.parametrize("scheme", ["5-level", None, 3])
    def test_bad_scheme(self, scheme: object) -> None:
        with pytest.raises(ValueError, match="scheme must be one of"):
            mexsledai.score({}, scheme=scheme)  # type: ignore[arg-type]

    @pytest.mark.parametrize("assessment", [None, [("seizures", True)], "seizures"])
    def test_not_a_mapping(self, assessment: object) -> None:
        with pytest.raises(
            TypeError,
            match=r"Assessment, a mapping of flat keys or an object with \.items\(\)",
        ):
            mexsledai.score(assessment)  # type: ignore[arg-type]
