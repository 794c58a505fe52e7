"""What `score()` accepts as values: missing cells, 0/1 findings, pandas rows,
and the exact problems it reports (CONTRACT.md, "Python API")."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mexsledai
from mexsledai.labs import LAB_KEYS
from mexsledai.scoring import Unrecorded
from tests import spec_tables
from tests.property.strategies import flat_assessments, policies

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")


class TestMissing:
    """None, NaN, pandas.NA and pandas.NaT mean not recorded."""

    @pytest.mark.parametrize(
        "missing", [None, math.nan, np.float64("nan"), np.float32("nan"), pd.NA, pd.NaT]
    )
    def test_as_finding_and_lab(self, missing: object) -> None:
        result = mexsledai.score(
            {"arthritis": True, "fever": missing, "temperature_c": missing}
        )
        assert result.total == 2
        assert "fever" in result.assumed_absent
        with_nothing = mexsledai.score({"fever": missing, "platelets_per_mm3": missing})
        assert with_nothing.warnings == ("nothing recorded",)

    def test_a_missing_value_is_not_a_second_unit(self) -> None:
        result = mexsledai.score(
            {"leukocytes_per_mm3": 3000, "leukocytes_10e9_per_l": math.nan}
        )
        assert result.total == 1


class TestZeroOneFindings:
    """1 and 0, int or float, numpy too, are findings; other numbers are not."""

    @pytest.mark.parametrize(
        ("value", "present"),
        [(1, True), (0, False), (1.0, True), (0.0, False), (np.int64(1), True),
         (np.float64(0.0), False), (np.bool_(True), True), (np.uint8(1), True)],
    )  # fmt: skip
    def test_accepted(self, value: object, present: bool) -> None:
        assert mexsledai.score({"arthritis": value}).total == (2 if present else 0)

    @pytest.mark.parametrize(
        "value", [2, -1, 0.5, np.int64(2), np.float64(0.99), "1", "yes", [1], math.inf]
    )
    def test_rejected(self, value: object) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({"arthritis": value})
        (problem,) = caught.value.problems
        assert (problem.key, problem.code) == ("arthritis", "not_a_boolean")
        assert problem.message == (
            f"arthritis must be True, False, 1, 0 or None (not recorded), got {value!r}"
        )

    def test_numpy_booleans_beside_python_values(self) -> None:
        flat = {
            "seizures": np.bool_(False),
            "arthritis": True,
            "fever": None,
            "fatigue": np.bool_(True),
            "pleuritis": np.int64(2),
        }
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score(flat)
        assert [(p.key, p.code) for p in caught.value.problems] == [
            ("pleuritis", "not_a_boolean")
        ]
        del flat["pleuritis"]
        result = mexsledai.score(flat)
        assert result.total == 2 + 1


class TestPandasRows:
    """Any object with .items() is accepted: a pandas row scores as its dict."""

    def test_series_with_blanks(self) -> None:
        frame = pd.DataFrame(
            {
                "arthritis": [1.0, math.nan],
                "seizures": [math.nan, 1.0],
                "leukocytes_per_mm3": [3200.0, math.nan],
            }
        )
        assert mexsledai.score(frame.iloc[0]).total == 2 + 1
        assert mexsledai.score(frame.iloc[1]).total == 8

    @given(flat_assessments(), policies, st.data())
    def test_row_equals_dict(
        self, flat: dict[str, Any], policy: Any, data: Any
    ) -> None:
        keys = [*spec_tables.FINDINGS, *spec_tables.LAB_KEYS]
        as_numbers = {
            k: (float(v) if isinstance(v, bool) else v)
            for k, v in flat.items()
            if v is not None
        }
        missing = data.draw(st.sampled_from([math.nan, pd.NA, None]))
        row = pd.Series({k: as_numbers.get(k, missing) for k in keys}, dtype=object)
        plain = {k: flat.get(k) for k in keys}
        assert mexsledai.score(row, unrecorded=policy) == mexsledai.score(
            plain, unrecorded=policy
        )

    def test_the_series_is_not_changed(self) -> None:
        row = pd.Series({"arthritis": 1.0, "fever": math.nan})
        before = row.copy()
        mexsledai.score(row)
        pd.testing.assert_series_equal(row, before)


class TestProblems:
    """Each problem names the key and, where useful, the key meant."""

    @pytest.mark.parametrize(
        ("key", "suggestion"),
        [("reticulocytes", "reticulocytes_corrected_percent"),
         ("urine_rbc", "urine_rbc_per_hpf"), ("leukocytes", "leukocytes_per_mm3")],
    )  # fmt: skip
    def test_missing_unit(self, key: str, suggestion: str) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({key: 5})
        (problem,) = caught.value.problems
        assert (problem.key, problem.code, problem.suggestion) == (
            key,
            "missing_unit",
            suggestion,
        )

    def test_quantity_given_twice_names_the_second_key_and_value(self) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({"temperature_c": 38.5, "temperature_f": 101.3})
        (problem,) = caught.value.problems
        assert (problem.key, problem.value, problem.code) == (
            "temperature_f",
            101.3,
            "quantity_given_twice",
        )
        assert problem.message == (
            "temperature must be given under one key, got two: "
            "temperature_c=38.5, temperature_f=101.3"
        )

    @pytest.mark.parametrize(
        ("key", "value", "suggestion"),
        [("hemoglobin_g_per_l", 1, "hemoglobin_g_per_dl"),  # g/dL's lowest value
         ("hemoglobin_g_per_dl", 300, "hemoglobin_g_per_l"),  # g/L's highest
         ("hemoglobin_g_per_l", 0.99, None), ("hemoglobin_g_per_dl", 300.5, None)],
    )  # fmt: skip
    def test_unit_suggestion_at_the_other_units_edges(
        self, key: str, value: float, suggestion: str | None
    ) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({key: value})
        (problem,) = caught.value.problems
        assert problem.suggestion == suggestion

    def test_every_lab_key_is_known(self) -> None:
        assert LAB_KEYS == spec_tables.LAB_KEYS


class TestLabWarnings:
    """A low hemoglobin alone: the warning says what the policy did."""

    @pytest.mark.parametrize(
        ("policy", "outcome"),
        [("absent", "counted absent"), ("unknown", "left unknown")],
    )
    def test_hemoglobin_without_reticulocytes(
        self, policy: Unrecorded, outcome: str
    ) -> None:
        result = mexsledai.score({"hemoglobin_g_per_dl": 9.5}, unrecorded=policy)
        assert result.warnings == (
            (
                "hemolysis not derived: hemoglobin_g_per_dl = 9.5 is below 12 g/dL, but "
                "no corrected reticulocytes value was recorded; hemolysis "
                f"{outcome} (not recorded)"
            ),
        )


class TestArguments:
    """Bad arguments are ValueErrors naming the choices."""

    @pytest.mark.parametrize("scheme", [["five-level"], {"x": 1}, 5, "ten-level"])
    def test_bad_scheme(self, scheme: object) -> None:
        with pytest.raises(ValueError, match="five-level"):
            mexsledai.score({}, scheme=scheme)  # type: ignore[arg-type]

    def test_one_total_band(self) -> None:
        level = mexsledai.ActivityLevel
        scheme = mexsledai.CategoryScheme(
            name="with-one-total-band",
            bands=(
                mexsledai.Band(low=0, high=4, level=level.NONE),
                mexsledai.Band(low=5, high=5, level=level.MILD),
                mexsledai.Band(low=6, high=32, level=level.SEVERE),
            ),
        )
        assert mexsledai.score({"arthritis": True, "fever": True, "pleuritis": True}, scheme=scheme).category == level.MILD  # fmt: skip


def test_every_definition_contains_its_note() -> None:
    for descriptor in mexsledai.registry.DESCRIPTORS:
        if descriptor.note:
            assert descriptor.note in descriptor.definition
