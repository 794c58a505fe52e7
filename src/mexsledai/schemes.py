"""Activity categories: conventional bands over the MEX-SLEDAI total.

The original paper published the index, not bands; every band scheme in use is
a convention without validation behind it. The total is the primary output,
and the scheme is an explicit, named choice that every result reports.

Examples:
    >>> SCHEMES["five-level"].level_of(6)
    <ActivityLevel.MODERATE: 'moderate'>
    >>> SCHEMES["three-level-id"].level_of(6)
    <ActivityLevel.SEVERE: 'severe'>
    >>> SCHEMES["five-level"].category(10, 13) is ActivityLevel.SEVERE
    True
    >>> SCHEMES["five-level"].category(9, 10) is None
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from itertools import pairwise
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, model_validator
from typing_extensions import Self

from ._bands import BUILT_IN_BANDS, DEFAULT_SCHEME, DESCRIPTIONS, unknown_scheme
from .registry import MAX_TOTAL

__all__ = [
    "DEFAULT_SCHEME",
    "SCHEMES",
    "ActivityLevel",
    "Band",
    "CategoryScheme",
    "resolve_scheme",
]


class ActivityLevel(str, Enum):
    """An activity level, from no activity to very severe, in increasing order."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    VERY_SEVERE = "very_severe"

    def __str__(self) -> str:
        return self.value


_RANK = {level: rank for rank, level in enumerate(ActivityLevel)}


class Band(BaseModel):
    """An inclusive range of totals and its activity level.

    Examples:
        >>> Band(low=2, high=5, level=ActivityLevel.MILD).level
        <ActivityLevel.MILD: 'mild'>
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    low: int
    high: int
    level: ActivityLevel

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not 0 <= self.low <= self.high <= MAX_TOTAL:
            msg = (
                f"band must have 0 <= low <= high <= {MAX_TOTAL}, "
                f"got low={self.low}, high={self.high}"
            )
            raise ValueError(msg)
        return self


class CategoryScheme(BaseModel):
    """A named set of bands that covers every total from 0 to 32 once.

    Validated on construction: the first band starts at 0, the last ends at 32,
    each band starts one above the previous one's end, and levels strictly
    increase.

    Examples:
        >>> two = CategoryScheme(name="two-level", bands=(
        ...     Band(low=0, high=3, level=ActivityLevel.NONE),
        ...     Band(low=4, high=32, level=ActivityLevel.SEVERE),
        ... ))
        >>> two.level_of(4)
        <ActivityLevel.SEVERE: 'severe'>
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    name: str
    bands: tuple[Band, ...]
    description: str = ""

    @model_validator(mode="after")
    def _covers_range(self) -> Self:
        problems = []
        if not self.name.strip():
            problems.append("name must not be blank")
        if not self.bands:
            problems.append(f"bands must cover 0 to {MAX_TOTAL}, got no band")
        else:
            if self.bands[0].low != 0:
                problems.append(
                    f"the first band must start at 0, got {self.bands[0].low}"
                )
            if self.bands[-1].high != MAX_TOTAL:
                problems.append(
                    f"the last band must end at {MAX_TOTAL}, got {self.bands[-1].high}"
                )
            for before, band in pairwise(self.bands):
                if band.low != before.high + 1:
                    problems.append(
                        f"band {band.low}-{band.high} must start at {before.high + 1}, "
                        f"one above the previous band's end"
                    )
                if _RANK[band.level] <= _RANK[before.level]:
                    problems.append(
                        f"levels must strictly increase, got {before.level.value} "
                        f"then {band.level.value}"
                    )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def levels(self) -> tuple[ActivityLevel, ...]:
        """The levels the scheme uses, in increasing order."""
        return tuple(band.level for band in self.bands)

    def level_of(self, total: int) -> ActivityLevel:
        """The level of a total from 0 to 32."""
        for band in self.bands:
            if band.low <= total <= band.high:
                return band.level
        msg = f"total must be between 0 and {MAX_TOTAL}, got {total!r}"
        raise ValueError(msg)

    def category(self, minimum: int, maximum: int) -> ActivityLevel | None:
        """The level when the whole range ``minimum..maximum`` falls in one band."""
        low = self.level_of(minimum)
        return low if low is self.level_of(maximum) else None


def _built_in(name: str) -> CategoryScheme:
    return CategoryScheme(
        name=name,
        bands=tuple(
            Band(low=low, high=high, level=ActivityLevel(level))
            for low, high, level in BUILT_IN_BANDS[name]
        ),
        description=DESCRIPTIONS[name],
    )


SCHEMES: Mapping[str, CategoryScheme] = MappingProxyType(
    {name: _built_in(name) for name in BUILT_IN_BANDS}
)


def resolve_scheme(scheme: object) -> CategoryScheme:
    """The scheme named ``scheme``, or ``scheme`` itself when it is one.

    Raises:
        ValueError: for a name that is not in `SCHEMES`, naming the valid ones.
    """
    if isinstance(scheme, CategoryScheme):
        return scheme
    found = SCHEMES.get(scheme) if isinstance(scheme, str) else None
    if found is None:
        raise unknown_scheme(scheme)
    return found
