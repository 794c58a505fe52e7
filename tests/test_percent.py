"""Lymphocytes given as a percentage of leukocytes (MEX-SLEDAI.md, "Lymphocytes
given as a percentage"), and the warning on a count that may be a percentage.

Expected values are worked out from the reference page: the count is
leukocytes × percentage / 100 in the leukocyte count's unit, compared
strictly with 1,200/mm³ or 1.2 ×10⁹/L.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mexsledai
from mexsledai.labs import derive, lymphocytes_from_percent
from mexsledai.scoring import Unrecorded
from tests import spec_tables


def _descriptor(result: mexsledai.Score) -> mexsledai.DescriptorScore:
    return result.descriptors[-1]  # leukopenia or lymphopenia


class TestThresholdFromAPercentage:
    """Strictly below the threshold in the leukocyte count's unit."""

    @pytest.mark.parametrize(
        ("leukocytes", "percent", "lymphopenia"),
        [
            (("leukocytes_per_mm3", 4000), 30, False),  # 1200: at the threshold
            (("leukocytes_per_mm3", 4000), 29.9, True),  # 1196
            (("leukocytes_per_mm3", 4000), 30.1, False),  # 1204
            (("leukocytes_per_mm3", 4001), 30, False),  # 1200.3
            (("leukocytes_per_mm3", 3999), 30, True),  # 1199.7, and leukopenia
            (("leukocytes_10e9_per_l", 6.0), 20, False),  # 1.2: at the threshold
            (("leukocytes_10e9_per_l", 6.0), 19, True),  # 1.14
            (("leukocytes_10e9_per_l", 6.0), 20.1, False),  # 1.206
            (("leukocytes_10e9_per_l", 4.8), 25, False),  # exactly 1.2
            (("leukocytes_10e9_per_l", 4.8), 24.9, True),  # 1.1952
        ],
    )
    def test_edges(
        self, leukocytes: tuple[str, float], percent: float, lymphopenia: bool
    ) -> None:
        key, value = leukocytes
        result = mexsledai.score({key: value, "lymphocytes_percent": percent})
        assert (
            derive({key: value, "lymphocytes_percent": percent})["lymphopenia"].present
            is lymphopenia
        )
        leukopenia = value < spec_tables.THRESHOLDS[key][1]
        assert result.total == (1 if lymphopenia or leukopenia else 0)
        assert "lymphopenia" not in result.assumed_absent
        assert result.warnings == ()

    def test_derived_from_names_both_keys_once(self) -> None:
        result = mexsledai.score(
            {"leukocytes_per_mm3": 4000, "lymphocytes_percent": 29.9}
        )
        descriptor = _descriptor(result)
        assert descriptor.findings == ("lymphopenia",)
        assert descriptor.derived_from == ("leukocytes_per_mm3", "lymphocytes_percent")

    def test_computed_exactly(self) -> None:
        key, count = lymphocytes_from_percent("leukocytes_10e9_per_l", 4.8, 25.0)
        assert key == "lymphocytes_10e9_per_l"
        assert count == Fraction(6, 5)

    @given(
        st.integers(100, 500_000),
        st.integers(0, 1000).map(lambda tenths: tenths / 10),
    )
    def test_equals_integer_arithmetic(self, leukocytes: int, percent: float) -> None:
        """leukocytes × percent / 100 < 1200 ⇔ leukocytes × tenths < 1,200,000."""
        tenths = round(percent * 10)
        expected = (
            leukocytes * tenths
            < spec_tables.LYMPHOCYTE_THRESHOLD_IN_UNIT_OF["leukocytes_per_mm3"] * 1000
        )
        derived = derive(
            {"leukocytes_per_mm3": float(leukocytes), "lymphocytes_percent": percent}
        )
        assert derived["lymphopenia"].present is expected


class TestPercentageAlone:
    """Without a leukocyte count a percentage decides nothing, and says so."""

    @pytest.mark.parametrize(
        ("policy", "outcome"),
        [("absent", "counted absent"), ("unknown", "left unknown")],
    )
    def test_warning(self, policy: Unrecorded, outcome: str) -> None:
        result = mexsledai.score({"lymphocytes_percent": 10}, unrecorded=policy)
        assert result.warnings == (
            (
                "lymphopenia not derived: lymphocytes_percent = 10 needs a leukocyte "
                f"count, and none was recorded; lymphopenia {outcome} (not recorded)"
            ),
        )

    def test_absent_policy_assumes_it_absent(self) -> None:
        result = mexsledai.score({"lymphocytes_percent": 10})
        assert result.total == 0
        assert "lymphopenia" in result.assumed_absent

    def test_unknown_policy_leaves_a_range(self) -> None:
        result = mexsledai.score(
            {"lymphocytes_percent": 10, "leukopenia": False}, unrecorded="unknown"
        )
        assert _descriptor(result).status == "unknown"

    def test_recorded_lymphopenia_needs_no_warning(self) -> None:
        result = mexsledai.score({"lymphocytes_percent": 10, "lymphopenia": True})
        assert result.warnings == ()


class TestAbsoluteCountAndPercentage:
    """An absolute count decides; a percentage on the other side is named."""

    def test_absolute_wins_with_a_warning(self) -> None:
        result = mexsledai.score(
            {
                "leukocytes_per_mm3": 5000,
                "lymphocytes_per_mm3": 1500,
                "lymphocytes_percent": 10,
            }
        )
        assert result.total == 0
        assert _descriptor(result).derived_from == (
            "leukocytes_per_mm3",
            "lymphocytes_per_mm3",
        )
        assert result.warnings == (
            (
                "lymphocytes_per_mm3 = 1500 is not below 1200 cells/mm³, but "
                "leukocytes_per_mm3 = 5000 × lymphocytes_percent = 10 % gives 500 "
                "cells/mm³, below 1200 cells/mm³: the absolute count is used"
            ),
        )

    def test_agreeing_values_need_no_warning(self) -> None:
        result = mexsledai.score(
            {
                "leukocytes_10e9_per_l": 5.0,
                "lymphocytes_10e9_per_l": 0.5,
                "lymphocytes_percent": 10,
            }
        )
        assert result.total == 1
        assert result.warnings == ()

    def test_units_may_differ(self) -> None:
        # 5.0 ×10⁹/L × 30 % = 1.5 ×10⁹/L: not low; the absolute 900/mm³ is
        result = mexsledai.score(
            {
                "leukocytes_10e9_per_l": 5.0,
                "lymphocytes_per_mm3": 900,
                "lymphocytes_percent": 30,
            }
        )
        assert result.total == 1
        assert len(result.warnings) == 1
        assert "gives 1.5 ×10⁹/L, not below 1.2 ×10⁹/L" in result.warnings[0]

    def test_conflict_names_the_computation(self) -> None:
        result = mexsledai.score(
            {
                "leukocytes_per_mm3": 5000,
                "lymphocytes_percent": 10,
                "lymphopenia": False,
            }
        )
        assert result.conflicts == ("lymphopenia",)
        assert result.warnings == (
            (
                "lymphopenia recorded False, but leukocytes_per_mm3 = 5000 × "
                "lymphocytes_percent = 10 % gives 500 cells/mm³, below 1200 cells/mm³: "
                "the recorded value is used"
            ),
        )


class TestLowCountMayBeAPercentage:
    """lymphocytes_per_mm3 ≤ 100 is accepted with a warning."""

    @pytest.mark.parametrize(("value", "warned"), [(10, True), (18, True), (100, True), (100.5, False), (101, False)])  # fmt: skip
    def test_edge(self, value: float, warned: bool) -> None:
        result = mexsledai.score({"lymphocytes_per_mm3": value})
        assert result.total == 1  # lymphopenia all the same
        expected = (
            f"lymphocytes_per_mm3 = {value:g} is at or below 100 cells/mm³: if it "
            "is a percentage of leukocytes, record it as lymphocytes_percent"
        )
        assert result.warnings == ((expected,) if warned else ())

    def test_not_in_other_units(self) -> None:
        assert mexsledai.score({"lymphocytes_10e9_per_l": 0.05}).warnings == ()


class TestRange:
    """0 to 100 %, inclusive."""

    @pytest.mark.parametrize("value", [0, 0.0, 100, 55.5])
    def test_valid(self, value: float) -> None:
        mexsledai.score({"lymphocytes_percent": value, "leukocytes_per_mm3": 5000})

    @pytest.mark.parametrize("value", [-0.1, 100.5, 1000])
    def test_invalid(self, value: float) -> None:
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score({"lymphocytes_percent": value})
        (problem,) = caught.value.problems
        assert problem.code == "implausible_value"
        assert "between 0 and 100 (% of leukocytes)" in problem.message

    def test_percentage_and_count_are_not_one_quantity_twice(self) -> None:
        mexsledai.score({"lymphocytes_percent": 20, "lymphocytes_per_mm3": 900})
