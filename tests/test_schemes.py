"""Activity categories: both built-in schemes at every total, user schemes
validated on construction."""

from __future__ import annotations

import pydantic
import pytest

import mexsledai
from mexsledai import SCHEMES, ActivityLevel, Band, CategoryScheme
from tests import spec_tables


@pytest.mark.parametrize("scheme", ["five-level", "three-level-id"])
@pytest.mark.parametrize("total", range(33))
def test_level_of_every_total(scheme: str, total: int) -> None:
    expected = spec_tables.LEVEL_OF[scheme](total)
    assert SCHEMES[scheme].level_of(total).value == expected


@pytest.mark.parametrize(
    ("scheme", "total", "level"),
    [
        # five-level edges: 1|2, 5|6, 9|10, 13|14
        ("five-level", 1, "none"),
        ("five-level", 2, "mild"),
        ("five-level", 5, "mild"),
        ("five-level", 6, "moderate"),
        ("five-level", 9, "moderate"),
        ("five-level", 10, "severe"),
        ("five-level", 13, "severe"),
        ("five-level", 14, "very_severe"),
        ("five-level", 32, "very_severe"),
        # three-level-id edges: 1|2, 5|6 (2-5 is "moderate" here, "mild" above)
        ("three-level-id", 0, "mild"),
        ("three-level-id", 1, "mild"),
        ("three-level-id", 2, "moderate"),
        ("three-level-id", 5, "moderate"),
        ("three-level-id", 6, "severe"),
    ],
)
def test_category_edges_through_score(scheme: str, total: int, level: str) -> None:
    # Build the total from whole descriptors: weights 8 6 4 3 3 2 2 2 1 1.
    findings: dict[int, dict[str, object]] = {
        1: {"fatigue": True},
        2: {"arthritis": True},
        5: {"arthritis": True, "myositis": True},
        6: {"hematuria": True},
        9: {"hematuria": True, "myositis": True},
        10: {"seizures": True, "alopecia": True},
        13: {"seizures": True, "arthritis": True, "myositis": True},
        14: {"seizures": True, "proteinuria": True},
        0: {},
    }
    flat: dict[str, object] = (
        dict.fromkeys(spec_tables.FINDINGS, True) if total == 32 else findings[total]
    )
    result = mexsledai.score(flat, scheme=scheme)
    assert result.total == total
    assert result.category == ActivityLevel(level)
    assert result.scheme == scheme


def test_range_within_one_band_has_a_category() -> None:
    assert SCHEMES["five-level"].category(10, 13) is ActivityLevel.SEVERE
    assert SCHEMES["five-level"].category(9, 10) is None
    assert SCHEMES["three-level-id"].category(6, 32) is ActivityLevel.SEVERE


def test_custom_scheme() -> None:
    two = CategoryScheme(
        name="two-level",
        bands=(
            Band(low=0, high=3, level=ActivityLevel.NONE),
            Band(low=4, high=32, level=ActivityLevel.SEVERE),
        ),
    )
    result = mexsledai.score({"vasculitis": True}, scheme=two)
    assert (result.total, result.category, result.scheme) == (
        4,
        ActivityLevel.SEVERE,
        "two-level",
    )
    assert (
        mexsledai.score({"myositis": True}, scheme=two).category is ActivityLevel.NONE
    )


def _bands(*rows: tuple[int, int, str]) -> tuple[Band, ...]:
    return tuple(Band(low=lo, high=hi, level=ActivityLevel(lv)) for lo, hi, lv in rows)


@pytest.mark.parametrize(
    ("bands", "fragment"),
    [
        (_bands((1, 32, "mild")), "start at 0"),
        (_bands((0, 31, "mild")), "end at 32"),
        (_bands((0, 5, "mild"), (7, 32, "severe")), "must start at 6"),  # gap
        (_bands((0, 5, "mild"), (5, 32, "severe")), "must start at 6"),  # overlap
        (_bands((0, 5, "severe"), (6, 32, "mild")), "strictly increase"),
        (_bands((0, 5, "mild"), (6, 32, "mild")), "strictly increase"),
        ((), "no band"),
    ],
)
def test_invalid_scheme(bands: tuple[Band, ...], fragment: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=fragment):
        CategoryScheme(name="bad", bands=bands)


@pytest.mark.parametrize(("low", "high"), [(-1, 3), (5, 4), (0, 33)])
def test_invalid_band(low: int, high: int) -> None:
    with pytest.raises(pydantic.ValidationError):
        Band(low=low, high=high, level=ActivityLevel.MILD)


def test_blank_name() -> None:
    with pytest.raises(pydantic.ValidationError, match="blank"):
        CategoryScheme(name=" ", bands=_bands((0, 32, "mild")))


def test_unknown_scheme_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="'five-level', 'three-level-id'") as caught:
        mexsledai.score({}, scheme="five_level")
    assert not isinstance(caught.value, mexsledai.InvalidAssessmentError)


def test_level_of_out_of_range() -> None:
    with pytest.raises(ValueError, match="between 0 and 32"):
        SCHEMES["five-level"].level_of(33)


def test_schemes_are_read_only() -> None:
    with pytest.raises(TypeError):
        SCHEMES["mine"] = SCHEMES["five-level"]  # type: ignore[index]


def test_activity_level_is_a_str_enum() -> None:
    assert isinstance(ActivityLevel.VERY_SEVERE, str)
    assert ActivityLevel("very_severe") is ActivityLevel.VERY_SEVERE
    assert str(ActivityLevel.MILD) == "mild"
    assert [level.value for level in ActivityLevel] == [
        "none",
        "mild",
        "moderate",
        "severe",
        "very_severe",
    ]
