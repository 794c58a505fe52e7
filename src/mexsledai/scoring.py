"""Scoring one visit: the total, its range when incomplete, and why.

Rule (Guzmán J et al., J Rheumatol 1992;19(10):1551-8): each of the ten
descriptors scores its full weight when any one of its findings is present,
and zero otherwise; the total is the sum, 0 to 32. A finding not recorded is
first derived from a laboratory value where `mexsledai.labs` allows (a
recorded finding always wins), then resolved by the ``unrecorded`` policy:
``"absent"`` (the paper-form convention) or ``"unknown"`` (the result is then
a range, exact where the two ends agree).

Examples:
    >>> result = score({"seizures": True, "arthritis": True,
    ...                 "leukocytes_per_mm3": 3200})
    >>> result.total, result.category.value
    (11, 'severe')
    >>> [d.key for d in result.descriptors if d.status == "present"]
    ['neurological', 'arthritis', 'leukopenia_lymphopenia']
    >>> result.descriptors[-1].derived_from
    ('leukocytes_per_mm3',)
    >>> partial = score({"arthritis": True}, unrecorded="unknown")
    >>> partial.total, partial.minimum, partial.maximum, partial.category
    (None, 2, 32, None)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from ._flat import SupportsItems, read_flat
from .labs import (
    LAB_KEYS,
    PERCENT_KEY,
    conflict_warning,
    derive,
    lab_notes,
    undetermined_warning,
)
from .models import Assessment
from .registry import DESCRIPTORS, FINDING_KEYS, MAX_TOTAL
from .schemes import (
    DEFAULT_SCHEME,
    SCHEMES,
    ActivityLevel,
    CategoryScheme,
    resolve_scheme,
)

__all__ = ["DescriptorScore", "Score", "Status", "Unrecorded", "score"]

Status = Literal["present", "absent", "unknown"]
Unrecorded = Literal["absent", "unknown"]

_RESULT_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class DescriptorScore(BaseModel):
    """How one descriptor scored.

    Attributes:
        key: the descriptor key, e.g. ``"renal"``.
        label: its human label.
        weight: its published weight.
        status: ``"present"``, ``"absent"`` or ``"unknown"``.
        points: the weight when present, else 0.
        findings: the finding keys that are present, in registry order.
        derived_from: the lab keys whose values decided one of its findings
            and were not overridden by a recorded value.
    """

    model_config = _RESULT_CONFIG

    key: str
    label: str
    weight: int
    status: Status
    points: int
    findings: tuple[str, ...] = ()
    derived_from: tuple[str, ...] = ()


class Score(BaseModel):
    """The MEX-SLEDAI of one visit, with everything that explains it.

    Attributes:
        total: the total, 0 to 32; ``None`` when the assessment is incomplete.
        minimum: the lowest total any completion of the assessment could have.
        maximum: the highest total any completion could have.
        complete: ``minimum == maximum``.
        category: the activity level under ``scheme``; ``None`` only when the
            range spans levels.
        scheme: the name of the category scheme used.
        unrecorded: the policy used for findings that were not recorded.
        descriptors: all ten descriptor scores, in registry order.
        assumed_absent: the finding keys that ended absent by the ``"absent"``
            policy (not recorded and not decided by a lab value).
        conflicts: the finding keys whose recorded value disagrees with what
            a lab value indicates (the recorded value is used).
        warnings: human-readable notes: conflicts, "nothing recorded", and
            derivations a missing value left undecided.
        derived: the finding keys that a lab value made present (not
            recorded), in registry order.
        labs: the laboratory values that were recorded, by key, in the units
            table's order (what ``derived`` and ``derived_from`` refer to).
    """

    model_config = _RESULT_CONFIG

    total: int | None
    minimum: int
    maximum: int
    complete: bool
    category: ActivityLevel | None
    scheme: str
    unrecorded: Unrecorded = "absent"
    descriptors: tuple[DescriptorScore, ...]
    assumed_absent: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    labs: dict[str, float] = Field(default_factory=dict)

    @property
    def present(self) -> tuple[str, ...]:
        """The keys of the descriptors that scored, in registry order."""
        return tuple(d.key for d in self.descriptors if d.status == "present")

    @property
    def unknown(self) -> tuple[str, ...]:
        """The keys of the undetermined descriptors, in registry order."""
        return tuple(d.key for d in self.descriptors if d.status == "unknown")

    # The reports and FHIR live in their own modules, imported when asked for.

    def __str__(self) -> str:
        """The English text report (`repr` stays pydantic's)."""
        return self.to_text()

    def to_text(self, lang: str = "en") -> str:
        """The report as plain text in ``lang`` (en, es, id, pt)."""
        from .report import to_text  # noqa: PLC0415

        return to_text(self, lang)

    def to_markdown(self, lang: str = "en") -> str:
        """The report as Markdown in ``lang``."""
        from .report import to_markdown  # noqa: PLC0415

        return to_markdown(self, lang)

    def to_html(self, lang: str = "en") -> str:
        """The report as one self-contained printable HTML page in ``lang``."""
        from .report import to_html  # noqa: PLC0415

        return to_html(self, lang)

    def _repr_markdown_(self) -> str:
        """The Markdown report, for notebooks."""
        return self.to_markdown()

    def to_fhir(
        self,
        *,
        subject: str | None = None,
        effective: object = None,
        identifier: object = None,
    ) -> dict[str, Any]:
        """A FHIR R4 ``Observation`` as JSON-ready data (see
        `mexsledai.fhir`); no FHIR library is needed."""
        from .interop.fhir import observation  # noqa: PLC0415

        return observation(
            self, subject=subject, effective=effective, identifier=identifier
        )


_POLICIES: tuple[str, ...] = ("absent", "unknown")
#: The warning of an assessment with no finding and no lab value recorded.
NOTHING_RECORDED = "nothing recorded"
_BUILT_IN: dict[str, CategoryScheme] = dict(SCHEMES)
_FINDING_INDEX = {key: index for index, key in enumerate(FINDING_KEYS)}
_DESCRIPTOR_POSITION = {
    key: position for position, d in enumerate(DESCRIPTORS) for key in d.finding_keys
}

# One descriptor's outcome: its score, the points it adds to the minimum and
# to the maximum, and the findings it assumed absent.
_Outcome = tuple[DescriptorScore, int, int, tuple[str, ...]]

# An outcome depends only on the descriptor, the policy, its findings' values
# and the lab keys that decided them: a few thousand combinations in all.
# DescriptorScore is immutable, so equal outcomes are shared between results.
# Per policy, per descriptor: its position, a getter of its findings' values
# from the 25 (a bare value for one-finding descriptors, else a tuple), and
# the outcomes seen so far for values that no lab value decided.
_Table = tuple[
    tuple[int, Callable[[list[bool | None]], object], dict[object, _Outcome]], ...
]
_TABLES: dict[bool, _Table] = {
    assume_absent: tuple(
        (
            position,
            itemgetter(*(_FINDING_INDEX[key] for key in d.finding_keys)),
            {},
        )
        for position, d in enumerate(DESCRIPTORS)
    )
    for assume_absent in (True, False)
}
_DERIVED_OUTCOMES: dict[tuple[int, bool, object, tuple[str, ...]], _Outcome] = {}
_DERIVED_OUTCOME_LIMIT = 65_536


def _outcome(
    position: int,
    assume_absent: bool,
    chunk: object,
    derived_from: tuple[str, ...],
) -> _Outcome:
    descriptor = DESCRIPTORS[position]
    keys = descriptor.finding_keys
    values: tuple[bool | None, ...] = chunk if len(keys) > 1 else (chunk,)  # type: ignore[assignment]
    present = tuple(key for key, value in zip(keys, values, strict=True) if value)
    unrecorded = tuple(
        key for key, value in zip(keys, values, strict=True) if value is None
    )
    status: Status
    if present:
        status, low, high = "present", descriptor.weight, descriptor.weight
    elif unrecorded and not assume_absent:
        status, low, high = "unknown", 0, descriptor.weight
    else:
        status, low, high = "absent", 0, 0
    built = DescriptorScore(
        key=descriptor.key,
        label=descriptor.label,
        weight=descriptor.weight,
        status=status,
        points=low,
        findings=present,
        derived_from=derived_from,
    )
    return built, low, high, unrecorded if assume_absent else ()


def score(
    assessment: Assessment | Mapping[str, object] | SupportsItems,
    *,
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
) -> Score:
    """Score one visit's MEX-SLEDAI.

    Pure: no I/O, no global state that changes a result, never mutates its
    argument.

    Examples:
        >>> score({"hematuria": True, "proteinuria": True}).total
        6
        >>> score({}).warnings[0]
        'nothing recorded'

    Args:
        assessment: an `Assessment`, or a mapping of flat keys (the 25 finding
            keys, ``True``/``False``/1/0/``None``, and the 14 lab keys, finite
            numbers or ``None``), or any object with ``.items()`` (a pandas
            row). A missing key, ``None``, NaN, ``pandas.NA`` and
            ``pandas.NaT`` mean not recorded.
        unrecorded: ``"absent"`` (default) or ``"unknown"``.
        scheme: a name from `mexsledai.SCHEMES` or a `CategoryScheme`.

    Returns:
        The `Score`.

    Raises:
        InvalidAssessmentError: the mapping has unknown keys or invalid values;
            every problem is listed.
        ValueError: ``unrecorded`` or ``scheme`` is not a valid choice.
        TypeError: ``assessment`` is neither an `Assessment` nor a mapping.
    """
    if unrecorded not in _POLICIES:
        msg = f"unrecorded must be 'absent' or 'unknown', got {unrecorded!r}"
        raise ValueError(msg)
    # Exact-type checks first: isinstance against pydantic models and ABCs
    # costs more than the rest of a typical call.
    categories = _BUILT_IN.get(scheme) if type(scheme) is str else None
    if categories is None:
        categories = resolve_scheme(scheme)
    values, labs = _read(assessment)
    return _score(values, labs, unrecorded, categories)


def _read(assessment: object) -> tuple[list[bool | None], dict[str, float]]:
    """The findings and lab values of an `Assessment` or a flat mapping."""
    if type(assessment) is dict or (
        not isinstance(assessment, Assessment) and isinstance(assessment, Mapping)
    ):
        return read_flat(assessment)
    if isinstance(assessment, Assessment):
        return assessment.finding_values(), assessment.labs.given()
    if callable(getattr(assessment, "items", None)):
        return read_flat(cast("SupportsItems", assessment))  # a pandas Series
    msg = (
        "assessment must be an Assessment, a mapping of flat keys or an object "
        f"with .items(), got {type(assessment).__name__}"
    )
    raise TypeError(msg)


def _score(
    values: list[bool | None],
    labs: dict[str, float],
    unrecorded: Unrecorded,
    scheme: CategoryScheme,
) -> Score:
    """Score validated values; ``values`` is the caller's own list and is
    overwritten with the findings derived from ``labs``."""
    conflicts: list[str] = []
    warnings: list[str] = []
    derived: list[str] = []
    derived_from: dict[int, tuple[str, ...]] = {}
    if labs:
        for key, derivation in derive(labs).items():
            index = _FINDING_INDEX[key]
            recorded = values[index]
            if derivation.present is None:
                if recorded is None:
                    warnings.append(
                        undetermined_warning(key, derivation, labs, unrecorded)
                    )
            elif recorded is None:
                values[index] = derivation.present
                if derivation.present:
                    derived.append(key)
                position = _DESCRIPTOR_POSITION[key]
                used = derived_from.get(position)
                derived_from[position] = (
                    derivation.keys if used is None else _union(used, derivation.keys)
                )
            elif recorded is not derivation.present:
                conflicts.append(key)
                warnings.append(conflict_warning(key, recorded, derivation, labs))
        if "lymphocytes_per_mm3" in labs or PERCENT_KEY in labs:
            warnings.extend(lab_notes(labs))
    assume_absent = unrecorded == "absent"
    assumed: tuple[str, ...] = ()
    minimum = maximum = 0
    scores = []
    for position, getter, seen in _TABLES[assume_absent]:
        chunk = getter(values)
        if position in derived_from:
            used = derived_from[position]
            derived_key = (position, assume_absent, chunk, used)
            found = _DERIVED_OUTCOMES.get(derived_key)
            if found is None:
                found = _outcome(position, assume_absent, chunk, used)
                if len(_DERIVED_OUTCOMES) < _DERIVED_OUTCOME_LIMIT:
                    _DERIVED_OUTCOMES[derived_key] = found
        else:
            found = seen.get(chunk)
            if found is None:
                # At most 3**6 value combinations per descriptor: bounded.
                found = seen[chunk] = _outcome(position, assume_absent, chunk, ())
        descriptor_score, low, high, assumed_here = found
        scores.append(descriptor_score)
        minimum += low
        maximum += high
        if assumed_here:
            assumed += assumed_here
    # Nothing recorded leaves every finding assumed absent, or (under
    # "unknown") every descriptor unknown; only then are the values counted.
    if (len(assumed) == len(values) or maximum - minimum == MAX_TOTAL) and (
        not labs and values.count(None) == len(values)
    ):
        warnings.insert(0, NOTHING_RECORDED)
    levels = _levels(scheme)
    low_level = levels[minimum]
    return _trusted_score(
        {
            "total": minimum if minimum == maximum else None,
            "minimum": minimum,
            "maximum": maximum,
            "complete": minimum == maximum,
            "category": low_level if low_level is levels[maximum] else None,
            "scheme": scheme.name,
            "unrecorded": unrecorded,
            "descriptors": tuple(scores),
            "assumed_absent": assumed,
            "conflicts": tuple(conflicts),
            "warnings": tuple(warnings),
            "derived": tuple(derived),
            "labs": dict(sorted(labs.items(), key=_lab_order)) if labs else {},
        }
    )


_LAB_ORDER = {key: order for order, key in enumerate(LAB_KEYS)}


def _lab_order(item: tuple[str, float]) -> int:
    return _LAB_ORDER[item[0]]


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Lab keys of both, once each, in the units table's order."""
    return tuple(sorted(set(first) | set(second), key=_LAB_ORDER.__getitem__))


_SCORE_FIELDS = frozenset(Score.model_fields)


def _trusted_score(fields: dict[str, object]) -> Score:
    """A `Score` from values this module built and knows valid, without
    re-validating them: what ``Score.model_construct`` does, for a third of
    its cost. The tests hold it equal to a validated ``Score``."""
    built = Score.__new__(Score)
    object.__setattr__(built, "__dict__", fields)
    object.__setattr__(built, "__pydantic_fields_set__", set(_SCORE_FIELDS))
    object.__setattr__(built, "__pydantic_extra__", None)
    object.__setattr__(built, "__pydantic_private__", None)
    return built


# A scheme's level for each total 0..32, built once per scheme object. Keyed by
# identity (the entry keeps its scheme alive, so an id is never reused).
_LEVEL_TABLES: dict[int, tuple[CategoryScheme, tuple[ActivityLevel, ...]]] = {}


def _levels(scheme: CategoryScheme) -> tuple[ActivityLevel, ...]:
    entry = _LEVEL_TABLES.get(id(scheme))
    if entry is None or entry[0] is not scheme:
        if len(_LEVEL_TABLES) >= 64:
            _LEVEL_TABLES.clear()
        entry = (scheme, tuple(scheme.level_of(t) for t in range(MAX_TOTAL + 1)))
        _LEVEL_TABLES[id(scheme)] = entry
    return entry[1]
