"""Findings derived from laboratory values: strict thresholds in the unit given,
plausible ranges per unit, and the unit never guessed."""

from __future__ import annotations

import math

import pytest

import mexsledai
from mexsledai.labs import check_lab_value, derive, format_number
from tests import spec_tables


def _status(finding: str, flat: dict[str, object]) -> str:
    """The descriptor's status when the finding's siblings are recorded absent."""
    key = spec_tables.DESCRIPTOR_OF[finding]
    siblings = {f: False for f in spec_tables.DESCRIPTORS[key][1] if f != finding}
    result = mexsledai.score({**flat, **siblings}, unrecorded="unknown")
    return next(d.status for d in result.descriptors if d.key == key)


class TestThresholds:
    """Every threshold is strict: at the threshold the finding is absent."""

    @pytest.mark.parametrize(("key", "rule"), spec_tables.THRESHOLDS.items())
    def test_at_threshold_is_absent(
        self, key: str, rule: tuple[str, float, str]
    ) -> None:
        finding, threshold, _ = rule
        assert derive({key: float(threshold)})[finding].present is False
        assert _status(finding, {key: threshold}) == "absent"

    @pytest.mark.parametrize(("key", "rule"), spec_tables.THRESHOLDS.items())
    def test_just_past_threshold_is_present(
        self, key: str, rule: tuple[str, float, str]
    ) -> None:
        finding, threshold, side = rule
        past = math.nextafter(threshold, -math.inf if side == "below" else math.inf)
        assert derive({key: past})[finding] == (finding, True, (key,))
        result = mexsledai.score({key: past})
        weight = spec_tables.WEIGHT[spec_tables.DESCRIPTOR_OF[finding]]
        assert result.total == weight

    @pytest.mark.parametrize(("key", "rule"), spec_tables.THRESHOLDS.items())
    def test_on_the_normal_side_is_absent(
        self, key: str, rule: tuple[str, float, str]
    ) -> None:
        finding, threshold, side = rule
        normal = math.nextafter(threshold, math.inf if side == "below" else -math.inf)
        assert derive({key: normal})[finding].present is False
        assert mexsledai.score({key: normal}).total == 0

    @pytest.mark.parametrize(
        ("key", "value", "present"),
        [
            ("leukocytes_per_mm3", 3999, True),
            ("leukocytes_per_mm3", 4000, False),
            ("leukocytes_per_mm3", 4001, False),
            ("lymphocytes_per_mm3", 1199, True),
            ("lymphocytes_per_mm3", 1200, False),
            # 1,500 is the ACR classification threshold, not MEX-SLEDAI's
            ("lymphocytes_per_mm3", 1400, False),
            ("lymphocytes_10e9_per_l", 1.19, True),
            ("platelets_per_mm3", 99_999, True),
            ("platelets_per_mm3", 100_001, False),
            ("platelets_10e9_per_l", 99.9, True),
            ("urine_rbc_per_hpf", 5.1, True),
            ("urine_rbc_per_hpf", 4.9, False),
            ("urine_protein_g_per_l", 0.51, True),
            ("urine_protein_g_per_l", 0.49, False),
            ("temperature_c", 38.1, True),
            ("temperature_c", 37.9, False),
            ("temperature_f", 100.5, True),
            ("temperature_f", 100.3, False),
        ],
    )
    def test_worked_values(self, key: str, value: float, present: bool) -> None:
        finding = spec_tables.THRESHOLDS[key][0]
        assert derive({key: float(value)})[finding].present is present


class TestHemolysis:
    """Hemolysis: hemoglobin < 12 g/dL (120 g/L) and corrected reticulocytes > 3 %.
    One normal value rules it out; a low hemoglobin alone leaves it open."""

    @pytest.mark.parametrize(
        ("hb_key", "hb_threshold"), spec_tables.HEMOGLOBIN_THRESHOLDS.items()
    )
    @pytest.mark.parametrize(
        ("hb_side", "retic", "expected", "keys"),
        [
            ("below", 3.1, True, "both"),
            ("below", 3.0, False, "retic"),
            ("below", 2.9, False, "retic"),
            ("at", 3.1, False, "hb"),
            ("above", 3.1, False, "hb"),
            ("at", 3.0, False, "both"),
            ("below", None, None, "hb"),
            ("at", None, False, "hb"),
        ],
    )
    def test_rule(
        self,
        hb_key: str,
        hb_threshold: float,
        hb_side: str,
        retic: float | None,
        expected: bool | None,
        keys: str,
    ) -> None:
        hb = {
            "below": math.nextafter(hb_threshold, 0),
            "at": hb_threshold,
            "above": math.nextafter(hb_threshold, math.inf),
        }[hb_side]
        labs = {hb_key: hb}
        if retic is not None:
            labs["reticulocytes_corrected_percent"] = retic
        derivation = derive(labs)["hemolysis"]
        assert derivation.present is expected
        retic_key = "reticulocytes_corrected_percent"
        assert (
            set(derivation.keys)
            == {
                "both": {hb_key, retic_key},
                "hb": {hb_key},
                "retic": {retic_key},
            }[keys]
        )

    def test_reticulocytes_alone(self) -> None:
        assert (
            derive({"reticulocytes_corrected_percent": 3.0})["hemolysis"].present
            is False
        )
        assert (
            derive({"reticulocytes_corrected_percent": 3.1})["hemolysis"].present
            is None
        )

    def test_derived_from_lists_both_keys_when_present(self) -> None:
        result = mexsledai.score(
            {"hemoglobin_g_per_l": 95, "reticulocytes_corrected_percent": 5}
        )
        hemo = result.descriptors[3]
        assert hemo.status == "present"
        assert hemo.findings == ("hemolysis",)
        assert hemo.derived_from == (
            "hemoglobin_g_per_l",
            "reticulocytes_corrected_percent",
        )

    def test_undetermined_under_absent_policy_is_assumed_absent_with_a_warning(
        self,
    ) -> None:
        result = mexsledai.score({"hemoglobin_g_per_dl": 9.0})
        assert "hemolysis" in result.assumed_absent
        assert any("hemolysis not derived" in w for w in result.warnings)
        assert any("corrected reticulocytes" in w for w in result.warnings)


class TestNotDerived:
    """Casts, creatinine, myositis, arthritis and clinical findings have no lab."""

    @pytest.mark.parametrize(
        "finding",
        ["urinary_casts", "creatinine_increase", "myositis", "arthritis", "fatigue"],
    )
    def test_never_derived(self, finding: str) -> None:
        extreme = {
            "leukocytes_per_mm3": 500,
            "platelets_per_mm3": 5000,
            "urine_rbc_per_hpf": 100,
            "urine_protein_g_per_l": 5,
            "temperature_c": 40,
        }
        for derivation in derive({k: float(v) for k, v in extreme.items()}).values():
            assert derivation.finding != finding


class TestPlausibleRanges:
    """Ranges are inclusive; a number outside is an error naming key, value,
    range and, where it fits, the other unit."""

    @pytest.mark.parametrize(("key", "bounds"), spec_tables.RANGES.items())
    def test_edges_accepted(self, key: str, bounds: tuple[float, float]) -> None:
        for value in bounds:
            assert check_lab_value(key, value) == (float(value), None)
            mexsledai.Labs(**{key: value})

    @pytest.mark.parametrize(("key", "bounds"), spec_tables.RANGES.items())
    def test_just_outside_rejected(self, key: str, bounds: tuple[float, float]) -> None:
        low, high = bounds
        for value in (math.nextafter(low, -math.inf), math.nextafter(high, math.inf)):
            number, problem = check_lab_value(key, value)
            assert number is None
            assert problem is not None
            assert problem.code == "implausible_value"
            assert key in problem.message
            assert format_number(low) in problem.message
            assert format_number(high) in problem.message
            with pytest.raises(mexsledai.InvalidAssessmentError):
                mexsledai.score({key: value})

    @pytest.mark.parametrize(
        ("key", "value", "suggestion"),
        [
            ("leukocytes_per_mm3", 3.5, "leukocytes_10e9_per_l"),
            ("leukocytes_10e9_per_l", 3500, "leukocytes_per_mm3"),
            ("lymphocytes_per_mm3", 1.1, "lymphocytes_10e9_per_l"),
            ("platelets_per_mm3", 85, "platelets_10e9_per_l"),
            ("platelets_10e9_per_l", 85_000, "platelets_per_mm3"),
            ("hemoglobin_g_per_dl", 95, "hemoglobin_g_per_l"),
            ("hemoglobin_g_per_l", 9.5, "hemoglobin_g_per_dl"),
            ("temperature_c", 101, "temperature_f"),
            ("temperature_f", 38.5, "temperature_c"),
            ("platelets_per_mm3", -5, None),
            ("reticulocytes_corrected_percent", 150, None),
        ],
    )
    def test_unit_suggestion(
        self, key: str, value: float, suggestion: str | None
    ) -> None:
        _, problem = check_lab_value(key, value)
        assert problem is not None
        assert problem.suggestion == suggestion
        if suggestion:
            assert f"did you mean {suggestion}?" in problem.message
        else:
            assert "did you mean" not in problem.message

    @pytest.mark.parametrize(
        "value",
        [
            math.nan,
            math.inf,
            -math.inf,
            True,
            False,
            "38.5",
            None.__class__,
            [38.5],
            b"38",
        ],
    )
    def test_not_a_finite_number(self, value: object) -> None:
        _, problem = check_lab_value("temperature_c", value)
        assert problem is not None
        assert problem.code == "not_a_number"
        assert "temperature_c" in problem.message

    def test_two_units_of_one_quantity(self) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({"temperature_c": 38.5, "temperature_f": 101.3})
        (problem,) = caught.value.problems
        assert problem.code == "quantity_given_twice"
        assert "temperature_c" in problem.message
        assert "temperature_f" in problem.message

    def test_second_unit_none_is_not_a_value(self) -> None:
        result = mexsledai.score({"temperature_c": 38.5, "temperature_f": None})
        assert result.total == 1

    def test_int_and_float_agree(self) -> None:
        assert mexsledai.score({"platelets_per_mm3": 99_999}) == mexsledai.score(
            {"platelets_per_mm3": 99_999.0}
        )


class TestNumpyValues:
    """numpy numbers are numbers and numpy booleans are booleans."""

    def test_numpy(self) -> None:
        np = pytest.importorskip("numpy")
        flat = {
            "arthritis": np.bool_(True),
            "fever": np.bool_(False),
            "leukocytes_per_mm3": np.int64(3200),
            "temperature_c": np.float64(38.5),
        }
        result = mexsledai.score(flat)
        # arthritis 2 + leukopenia 1; fever recorded absent wins over 38.5 °C
        assert result.total == 2 + 1
        assert result.conflicts == ("fever",)
        assert mexsledai.Assessment.from_flat(flat).to_flat()["arthritis"] is True
        # NaN is a missing cell: not recorded
        assert mexsledai.score({"temperature_c": np.float64("nan")}).warnings == (
            "nothing recorded",
        )
        with pytest.raises(mexsledai.InvalidAssessmentError):
            mexsledai.score({"platelets_per_mm3": np.bool_(True)})
