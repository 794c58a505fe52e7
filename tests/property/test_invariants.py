"""The invariants of the MEX-SLEDAI, stated as properties."""

from __future__ import annotations

import copy
import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import mexsledai
from mexsledai import Assessment, Score
from mexsledai.labs import derive
from mexsledai.scoring import Unrecorded
from tests import spec_tables
from tests.property.strategies import (
    Flat,
    flat_assessments,
    flat_findings,
    labs,
    policies,
    schemes,
)


class TestBounds:
    """Totals stay within 0 to 32 and the range is ordered."""

    @given(flat_assessments(), policies, schemes)
    def test_bounds(self, flat: Flat, policy: Unrecorded, scheme: str) -> None:
        result = mexsledai.score(flat, unrecorded=policy, scheme=scheme)
        assert 0 <= result.minimum <= result.maximum <= 32
        assert result.complete == (result.minimum == result.maximum)
        assert result.total == (result.minimum if result.complete else None)


class TestTotalIsSumOfPoints:
    """minimum = sum of points; maximum adds the weights of unknown descriptors."""

    @given(flat_assessments(), policies)
    def test_sum(self, flat: Flat, policy: Unrecorded) -> None:
        result = mexsledai.score(flat, unrecorded=policy)
        assert result.minimum == sum(d.points for d in result.descriptors)
        unknown = sum(
            spec_tables.WEIGHT[d.key]
            for d in result.descriptors
            if d.status == "unknown"
        )
        assert result.maximum == result.minimum + unknown
        for d in result.descriptors:
            assert d.points == (
                spec_tables.WEIGHT[d.key] if d.status == "present" else 0
            )
            assert (d.status == "present") == bool(d.findings)


class TestMonotone:
    """Setting a finding to True never lowers the total, minimum or maximum."""

    @given(flat_assessments(), st.sampled_from(spec_tables.FINDINGS), policies)
    def test_monotone(self, flat: Flat, finding: str, policy: Unrecorded) -> None:
        before = mexsledai.score(flat, unrecorded=policy)
        after = mexsledai.score({**flat, finding: True}, unrecorded=policy)
        assert after.minimum >= before.minimum
        assert after.maximum >= before.maximum
        if before.total is not None and after.total is not None:
            assert after.total >= before.total


class TestCountsOnce:
    """A descriptor counts once however many of its findings are present."""

    @given(flat_assessments(), st.sampled_from(list(spec_tables.DESCRIPTORS)), policies)
    def test_more_findings_same_points(
        self, flat: Flat, descriptor: str, policy: Unrecorded
    ) -> None:
        weight, findings = spec_tables.DESCRIPTORS[descriptor]
        one = mexsledai.score({**flat, findings[0]: True}, unrecorded=policy)
        every = mexsledai.score(
            {**flat, **dict.fromkeys(findings, True)},
            unrecorded=policy,
        )
        assert (one.minimum, one.maximum) == (every.minimum, every.maximum)
        scored = next(d for d in every.descriptors if d.key == descriptor)
        assert scored.points == weight


def _open_findings(flat: Flat) -> list[str]:
    """The findings neither recorded nor decided by a lab value."""
    lab_part = {
        k: float(v)
        for k, v in flat.items()
        if isinstance(v, float | int) and k in spec_tables.RANGES
    }
    derived = derive(lab_part)
    return [
        f
        for f in spec_tables.FINDINGS
        if flat.get(f) is None and (f not in derived or derived[f].present is None)
    ]


def _completions(flat: Flat) -> list[Flat]:
    """Every way to record the findings left undetermined (not recorded and not
    decided by a lab value)."""
    open_findings = _open_findings(flat)
    return [
        {**flat, **dict(zip(open_findings, values, strict=True))}
        for values in itertools.product((False, True), repeat=len(open_findings))
    ]


class TestRangeIsExact:
    """An incomplete assessment's range holds every completion; both ends are reached."""

    @given(
        flat_findings(values=st.sampled_from([True, False])),
        st.lists(st.sampled_from(spec_tables.FINDINGS), unique=True, max_size=7),
        labs(max_quantities=2),
    )
    def test_range(
        self, recorded: Flat, unrecorded: list[str], lab_values: dict[str, float]
    ) -> None:
        flat: Flat = dict.fromkeys(spec_tables.FINDINGS, False)
        flat.update(recorded)
        for finding in unrecorded:
            flat[finding] = None
        flat.update(lab_values)
        ranged = mexsledai.score(flat, unrecorded="unknown")
        totals = {mexsledai.score(c).total for c in _completions(flat)}
        assert min(totals) == ranged.minimum  # type: ignore[type-var]
        assert max(totals) == ranged.maximum  # type: ignore[type-var]
        assert all(ranged.minimum <= t <= ranged.maximum for t in totals)  # type: ignore[operator]
        levels = {mexsledai.score(c).category for c in _completions(flat)}
        assert ranged.category == (levels.pop() if len(levels) == 1 else None)


# Pairs of keys for one quantity and the exact factor from the first unit to
# the second; temperature is handled apart (an offset).
_FACTORS = {
    ("leukocytes_per_mm3", "leukocytes_10e9_per_l"): Fraction(1, 1000),
    ("lymphocytes_per_mm3", "lymphocytes_10e9_per_l"): Fraction(1, 1000),
    ("platelets_per_mm3", "platelets_10e9_per_l"): Fraction(1, 1000),
    ("hemoglobin_g_per_l", "hemoglobin_g_per_dl"): Fraction(1, 10),
}


@st.composite
def equivalent_values(draw: st.DrawFn) -> tuple[str, float, str, float]:
    """One quantity in two units, the same amount in both (correctly rounded)."""
    choice = draw(st.sampled_from([*_FACTORS, ("temperature_c", "temperature_f")]))
    first, second = choice
    if first == "temperature_c":
        # tenths of a degree Celsius
        celsius = Fraction(draw(st.integers(250, 450)), 10)
        return first, float(celsius), second, float(celsius * Fraction(9, 5) + 32)
    low, high = spec_tables.RANGES[first]
    amount = Fraction(draw(st.integers(int(low), int(high))))
    return first, float(amount), second, float(amount * _FACTORS[choice])


class TestUnitsAreEquivalent:
    """Equivalent values in two units give the same total, range, category, statuses."""

    @given(flat_findings(), equivalent_values(), policies, st.booleans())
    def test_same_result(
        self,
        flat: Flat,
        pair: tuple[str, float, str, float],
        policy: Unrecorded,
        retic: bool,
    ) -> None:
        first, a, second, b = pair
        extra: Flat = {"reticulocytes_corrected_percent": 4.0} if retic else {}
        one = mexsledai.score({**flat, **extra, first: a}, unrecorded=policy)
        two = mexsledai.score({**flat, **extra, second: b}, unrecorded=policy)
        assert (one.total, one.minimum, one.maximum, one.category) == (
            two.total,
            two.minimum,
            two.maximum,
            two.category,
        )
        assert [d.status for d in one.descriptors] == [
            d.status for d in two.descriptors
        ]
        assert one.conflicts == two.conflicts
        assert one.assumed_absent == two.assumed_absent


class TestRoundTrips:
    """JSON and flat <-> nested round trips are exact."""

    @given(flat_assessments(), policies, schemes)
    def test_score_json(self, flat: Flat, policy: Unrecorded, scheme: str) -> None:
        result = mexsledai.score(flat, unrecorded=policy, scheme=scheme)
        assert Score.model_validate_json(result.model_dump_json()) == result
        assert Score.model_validate(result.model_dump()) == result

    @given(flat_assessments())
    def test_flat_nested_flat(self, flat: Flat) -> None:
        assessment = Assessment.from_flat(flat)
        full = assessment.to_flat()
        assert {k: full[k] for k in flat} == flat
        assert all(v is None for k, v in full.items() if k not in flat)
        assert Assessment.from_flat(full) == assessment
        assert (
            Assessment.model_validate_json(assessment.model_dump_json()) == assessment
        )

    @given(flat_assessments(), policies)
    def test_model_and_mapping_score_alike(
        self, flat: Flat, policy: Unrecorded
    ) -> None:
        assert mexsledai.score(
            Assessment.from_flat(flat), unrecorded=policy
        ) == mexsledai.score(
            flat,
            unrecorded=policy,
        )


class TestPure:
    """score never mutates its input."""

    @given(flat_assessments(), policies)
    def test_input_unchanged(self, flat: Flat, policy: Unrecorded) -> None:
        before = copy.deepcopy(flat)
        assessment = Assessment.from_flat(flat)
        model_before = assessment.model_copy(deep=True)
        mexsledai.score(flat, unrecorded=policy)
        mexsledai.score(assessment, unrecorded=policy)
        assert flat == before
        assert assessment == model_before


class TestPolicies:
    """The "absent" total is the "unknown" minimum; derivation precedes policy."""

    @given(flat_assessments())
    def test_absent_is_unknown_minimum(self, flat: Flat) -> None:
        assert (
            mexsledai.score(flat).total
            == mexsledai.score(flat, unrecorded="unknown").minimum
        )

    @given(flat_assessments())
    def test_assumed_absent_are_exactly_the_open_findings(self, flat: Flat) -> None:
        result = mexsledai.score(flat)
        assert result.assumed_absent == tuple(_open_findings(flat))


@given(flat_assessments())
def test_nothing_recorded_warning_only_when_nothing_is(flat: Flat) -> None:
    result = mexsledai.score(flat)
    nothing = all(v is None for v in flat.values())
    assert ("nothing recorded" in result.warnings) == nothing
