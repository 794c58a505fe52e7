"""Laboratory values: units, plausible ranges, thresholds, and derived findings.

A finding that was not recorded may be derived from a laboratory value. Every
threshold is strict, as published, and is compared in the unit the value was
recorded in, against the threshold written in that unit, with no rounding or
conversion. The unit is part of the key and is never guessed from the number.

A derivation reads only the number: it cannot know the published conditions
"new onset", "other causes excluded" or "not drug-induced". A clinician who
knows another cause records the finding as absent, and a recorded finding
always wins over a derived one.

Source of the thresholds: Guzmán J et al., J Rheumatol 1992;19(10):1551-8
(leukocytes < 4,000/mm³, lymphocytes < 1,200/mm³, platelets < 100,000/mm³,
hemoglobin < 12 g/dL with corrected reticulocytes > 3 %, urine red cells > 5
per high-power field, proteinuria > 0.5 g/L, fever > 38 °C). Lymphocytes
given as a percentage of leukocytes are turned into a count exactly (the
project's documented rule, not the paper's: see ``lymphocytes_from_percent``).

Examples:
    >>> derive({"leukocytes_per_mm3": 3999.0})["leukopenia"]
    Derivation(finding='leukopenia', present=True, keys=('leukocytes_per_mm3',))
    >>> derive({"leukocytes_10e9_per_l": 4.0})["leukopenia"].present
    False
    >>> derive({"hemoglobin_g_per_dl": 9.0})["hemolysis"].present is None
    True
    >>> derive({"leukocytes_per_mm3": 4000.0, "lymphocytes_percent": 29.9})["lymphopenia"]
    Derivation(finding='lymphopenia', present=True, \
keys=('leukocytes_per_mm3', 'lymphocytes_percent'))
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from .errors import Problem

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "DERIVED_SEPARATOR",
    "LAB_KEYS",
    "LAB_RULES",
    "LAB_RULE_BY_FINDING",
    "LAB_UNIT_BY_KEY",
    "LOW_LYMPHOCYTE_COUNT",
    "PERCENT_KEY",
    "QUANTITIES",
    "QUANTITY_BY_NAME",
    "Derivation",
    "LabRule",
    "LabUnit",
    "Quantity",
    "check_lab_value",
    "conflict_warning",
    "derive",
    "derived_keys",
    "describe_derived",
    "describe_value",
    "format_number",
    "lab_notes",
    "lymphocytes_from_percent",
    "undetermined_warning",
]


@dataclass(frozen=True)
class LabUnit:
    """One way of recording a quantity: a key whose name carries the unit.

    Attributes:
        key: the flat key, e.g. ``"leukocytes_per_mm3"``.
        quantity: the quantity's name, e.g. ``"leukocytes"``.
        unit: the unit as people write it, e.g. ``"cells/mm³"``.
        low: the lowest plausible value, inclusive.
        high: the highest plausible value, inclusive.
        threshold: the published threshold, written in this unit (``None``
            for the lymphocyte percentage, which decides nothing alone).
    """

    key: str
    quantity: str
    unit: str
    low: float
    high: float
    threshold: float | None


@dataclass(frozen=True)
class Quantity:
    """A measured quantity, the side of its threshold that is abnormal, its units.

    Attributes:
        name: e.g. ``"leukocytes"``.
        label: e.g. ``"Leukocyte count"``.
        abnormal: ``"below"`` or ``"above"`` the threshold (strictly).
        units: the accepted keys, the first being the conventional unit.
    """

    name: str
    label: str
    abnormal: Literal["below", "above"]
    units: tuple[LabUnit, ...]

    def is_abnormal(self, unit: LabUnit, value: float) -> bool:
        """Whether ``value``, recorded in ``unit``, is strictly past the threshold
        (never, for a unit without a threshold of its own)."""
        if unit.threshold is None:
            return False
        if self.abnormal == "below":
            return value < unit.threshold
        return value > unit.threshold

    def describe_threshold(self, unit: LabUnit) -> str:
        """The threshold in words, e.g. ``"below 4000 cells/mm³"``."""
        if unit.threshold is None:
            return "no threshold of its own"
        return f"{self.abnormal} {format_number(unit.threshold)} {unit.unit}"


def _quantity(
    name: str,
    label: str,
    abnormal: Literal["below", "above"],
    *units: tuple[str, str, float, float, float | None],
) -> Quantity:
    return Quantity(
        name=name,
        label=label,
        abnormal=abnormal,
        units=tuple(
            LabUnit(key=key, quantity=name, unit=unit, low=low, high=high, threshold=t)
            for key, unit, low, high, t in units
        ),
    )


# The order is the order of the units table of the instrument's reference page.
# Each row: key, unit, plausible low, plausible high, published threshold.
QUANTITIES: tuple[Quantity, ...] = (
    _quantity(
        "leukocytes",
        "Leukocyte count",
        "below",
        ("leukocytes_per_mm3", "cells/mm³", 100, 500_000, 4_000),
        ("leukocytes_10e9_per_l", "×10⁹/L", 0.1, 500, 4.0),
    ),
    _quantity(
        "lymphocytes",
        "Lymphocyte count",
        "below",
        ("lymphocytes_per_mm3", "cells/mm³", 10, 500_000, 1_200),
        ("lymphocytes_10e9_per_l", "×10⁹/L", 0.01, 500, 1.2),
    ),
    _quantity(
        "platelets",
        "Platelet count",
        "below",
        ("platelets_per_mm3", "cells/mm³", 1_000, 5_000_000, 100_000),
        ("platelets_10e9_per_l", "×10⁹/L", 1, 5_000, 100),
    ),
    _quantity(
        "hemoglobin",
        "Hemoglobin",
        "below",
        ("hemoglobin_g_per_dl", "g/dL", 1, 30, 12),
        ("hemoglobin_g_per_l", "g/L", 10, 300, 120),
    ),
    _quantity(
        "lymphocyte_percentage",
        "Lymphocyte percentage",
        "below",
        ("lymphocytes_percent", "% of leukocytes", 0, 100, None),
    ),
    _quantity(
        "reticulocytes",
        "Corrected reticulocytes",
        "above",
        ("reticulocytes_corrected_percent", "%", 0, 100, 3),
    ),
    _quantity(
        "urine_rbc",
        "Urine red cells",
        "above",
        ("urine_rbc_per_hpf", "cells per high-power field", 0, 10_000, 5),
    ),
    _quantity(
        "urine_protein",
        "Urine protein (random sample)",
        "above",
        ("urine_protein_g_per_l", "g/L", 0, 100, 0.5),
    ),
    _quantity(
        "temperature",
        "Body temperature",
        "above",
        ("temperature_c", "°C", 25, 45, 38.0),
        ("temperature_f", "°F", 77, 113, 100.4),
    ),
)

QUANTITY_BY_NAME: dict[str, Quantity] = {q.name: q for q in QUANTITIES}
LAB_UNIT_BY_KEY: dict[str, LabUnit] = {u.key: u for q in QUANTITIES for u in q.units}
LAB_KEYS: tuple[str, ...] = tuple(LAB_UNIT_BY_KEY)

#: Lymphocytes as a percentage of leukocytes (MEX-SLEDAI.md, "Lymphocytes
#: given as a percentage"): with a leukocyte count it gives the lymphocyte
#: count, in the leukocyte count's unit.
PERCENT_KEY = "lymphocytes_percent"
#: The lymphocyte key of the same unit as each leukocyte key.
_LYMPHOCYTES_IN_UNIT_OF: dict[str, str] = {
    "leukocytes_per_mm3": "lymphocytes_per_mm3",
    "leukocytes_10e9_per_l": "lymphocytes_10e9_per_l",
}
#: A ``lymphocytes_per_mm3`` value at or below this is accepted (profound
#: lymphopenia exists) but may be a percentage typed in the wrong column.
LOW_LYMPHOCYTE_COUNT = 100


@dataclass(frozen=True)
class LabRule:
    """A finding derived present when every one of its quantities is abnormal.

    It is derived absent when any recorded quantity is normal (one suffices to
    rule it out), and stays undetermined when no recorded quantity is normal
    but some is missing.

    Attributes:
        finding: the finding key.
        quantities: the names of the quantities that must all be abnormal.
    """

    finding: str
    quantities: tuple[str, ...]


LAB_RULES: tuple[LabRule, ...] = (
    LabRule("hematuria", ("urine_rbc",)),
    LabRule("proteinuria", ("urine_protein",)),
    LabRule("hemolysis", ("hemoglobin", "reticulocytes")),
    LabRule("thrombocytopenia", ("platelets",)),
    LabRule("fever", ("temperature",)),
    LabRule("leukopenia", ("leukocytes",)),
    LabRule("lymphopenia", ("lymphocytes",)),
)
LAB_RULE_BY_FINDING: dict[str, LabRule] = {rule.finding: rule for rule in LAB_RULES}
# The lymphocyte percentage bears on what the lymphocyte count bears on.
_BEARS_ON: dict[str, str] = {"lymphocyte_percentage": "lymphocytes"}
# For each lab key, the positions in LAB_RULES of the rules it bears on.
_RULES_BY_KEY: dict[str, tuple[int, ...]] = {
    key: tuple(
        position
        for position, rule in enumerate(LAB_RULES)
        if _BEARS_ON.get(unit.quantity, unit.quantity) in rule.quantities
    )
    for key, unit in LAB_UNIT_BY_KEY.items()
}
_QUANTITY_OF_KEY: dict[str, Quantity] = {
    key: QUANTITY_BY_NAME[unit.quantity] for key, unit in LAB_UNIT_BY_KEY.items()
}


class Derivation(NamedTuple):
    """What the laboratory values say about one finding.

    Attributes:
        finding: the finding key.
        present: ``True`` or ``False`` when decided, ``None`` when undetermined.
        keys: the lab keys that decided it (all of them when present, the ones
            that ruled it out when absent); when undetermined, the keys that
            were recorded.
    """

    finding: str
    present: bool | None
    keys: tuple[str, ...]


def lymphocytes_from_percent(
    leukocytes_key: str, leukocytes: float, percent: float
) -> tuple[str, Fraction]:
    """The lymphocyte count from a leukocyte count and a lymphocyte percentage.

    Computed exactly on each value's shortest decimal text, in the leukocyte
    count's unit, so that a product equal to the threshold is never below it
    (MEX-SLEDAI.md, "Lymphocytes given as a percentage").

    Returns:
        The lymphocyte key of that unit, and the count.

    Examples:
        >>> from fractions import Fraction
        >>> key, count = lymphocytes_from_percent("leukocytes_10e9_per_l", 4.8, 25.0)
        >>> key, count, count < Fraction("1.2")
        ('lymphocytes_10e9_per_l', Fraction(6, 5), False)
    """
    count = _exact(leukocytes) * _exact(percent) / 100
    return _LYMPHOCYTES_IN_UNIT_OF[leukocytes_key], count


def _exact(value: float) -> Fraction:
    from fractions import Fraction  # noqa: PLC0415  (lymphocyte percentages only)

    return Fraction(format_number(value))


def _below_threshold(key: str, count: Fraction) -> bool:
    threshold = LAB_UNIT_BY_KEY[key].threshold
    assert threshold is not None
    return count < _exact(threshold)


def _leukocyte_key(labs: Mapping[str, float]) -> str | None:
    return next((key for key in _LYMPHOCYTES_IN_UNIT_OF if key in labs), None)


def derive(labs: Mapping[str, float]) -> dict[str, Derivation]:
    """Derive findings from validated laboratory values.

    Args:
        labs: lab key to value, at most one key per quantity, values validated.

    Returns:
        A `Derivation` for every finding that some given value bears on.
    """
    recorded: dict[str, tuple[str, bool]] = {}
    rules: set[int] = set()
    for key, value in labs.items():
        unit = LAB_UNIT_BY_KEY[key]
        recorded[unit.quantity] = (key, _QUANTITY_OF_KEY[key].is_abnormal(unit, value))
        rules.update(_RULES_BY_KEY[key])
    derived: dict[str, Derivation] = {}
    for position in sorted(rules):  # the rules' order: findings in registry order
        rule = LAB_RULES[position]
        if rule.finding == "lymphopenia" and "lymphocytes" not in recorded:
            # Only the percentage bears on it (an absolute count decides alone).
            derived["lymphopenia"] = _lymphopenia_from_percent(labs)
            continue
        seen = [recorded[q] for q in rule.quantities if q in recorded]
        if not seen:
            continue
        normal = tuple(key for key, abnormal in seen if not abnormal)
        if normal:
            derived[rule.finding] = Derivation(rule.finding, False, normal)
        else:
            keys = tuple(key for key, _ in seen)
            decided = len(seen) == len(rule.quantities)
            derived[rule.finding] = Derivation(
                rule.finding, True if decided else None, keys
            )
    return derived


def _lymphopenia_from_percent(labs: Mapping[str, float]) -> Derivation:
    leukocytes = _leukocyte_key(labs)
    if leukocytes is None:
        return Derivation("lymphopenia", None, (PERCENT_KEY,))
    key, count = lymphocytes_from_percent(
        leukocytes, labs[leukocytes], labs[PERCENT_KEY]
    )
    return Derivation(
        "lymphopenia", _below_threshold(key, count), (leukocytes, PERCENT_KEY)
    )


def derived_keys(
    findings: Iterable[str], values: Mapping[str, float]
) -> list[tuple[str, tuple[str, ...]]]:
    """Each of ``findings`` (made present by ``values``) with the lab keys
    that made it present, in the units table's order.

    Examples:
        >>> derived_keys(["lymphopenia"], {"leukocytes_per_mm3": 4000.0,
        ...                                "lymphocytes_percent": 20.0})
        [('lymphopenia', ('leukocytes_per_mm3', 'lymphocytes_percent'))]
    """
    derivations = derive(values)
    return [(finding, derivations[finding].keys) for finding in findings]


#: Between the findings of one row's ``mexsledai_derived`` text.
DERIVED_SEPARATOR: Final = "; "


def describe_derived(
    derived: Iterable[tuple[str, tuple[str, ...]]], values: Mapping[str, float]
) -> str:
    """The findings a lab value made present, with the values that did it,
    as the ``mexsledai_derived`` column writes them: ``finding (key = value[,
    key = value])``, joined by ``"; "``.

    Examples:
        >>> describe_derived([("leukopenia", ("leukocytes_per_mm3",)),
        ...                   ("hemolysis", ("hemoglobin_g_per_dl",
        ...                                  "reticulocytes_corrected_percent"))],
        ...                  {"leukocytes_per_mm3": 3200.0, "hemoglobin_g_per_dl": 10.5,
        ...                   "reticulocytes_corrected_percent": 4.1})
        'leukopenia (leukocytes_per_mm3 = 3200); hemolysis (hemoglobin_g_per_dl = \
10.5, reticulocytes_corrected_percent = 4.1)'
    """
    return DERIVED_SEPARATOR.join(
        f"{finding} ({', '.join(f'{k} = {format_number(values[k])}' for k in keys)})"
        for finding, keys in derived
    )


def format_number(value: float) -> str:
    """Write a number as a person would: ``4000`` not ``4000.0``, ``3.5`` as is.

    Examples:
        >>> format_number(4000.0), format_number(3.5), format_number(100000)
        ('4000', '3.5', '100000')
    """
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def _is_number(value: object) -> bool:
    # numbers.Real admits numpy's integer and floating types; bool is Integral
    # in Python and numpy.bool_ is not a Real, so only the Python bool needs
    # excluding.
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _valid(unit: LabUnit) -> str:
    low, high = format_number(unit.low), format_number(unit.high)
    return f"between {low} and {high} ({unit.unit})"


def check_lab_value(key: str, value: object) -> tuple[float | None, Problem | None]:
    """Validate one laboratory value given under ``key``.

    Returns:
        ``(value as float, None)`` when valid, or ``(None, problem)``.

    Examples:
        >>> check_lab_value("temperature_c", 38.5)
        (38.5, None)
        >>> print(check_lab_value("leukocytes_per_mm3", 3.5)[1].message)
        leukocytes_per_mm3 must be between 100 and 500000 (cells/mm³), got 3.5; \
it fits ×10⁹/L: did you mean leukocytes_10e9_per_l?
    """
    unit = LAB_UNIT_BY_KEY[key]
    if type(value) is not float and type(value) is not int and not _is_number(value):
        msg = f"{key} must be a finite number {_valid(unit)}, got {value!r}"
        return None, Problem(key, value, msg, None, "not_a_number")
    number = float(value)  # type: ignore[arg-type]
    if unit.low <= number <= unit.high:  # False for NaN
        return number, None
    if not math.isfinite(number):
        msg = f"{key} must be a finite number {_valid(unit)}, got {value!r}"
        return None, Problem(key, value, msg, None, "not_a_number")
    msg = f"{key} must be {_valid(unit)}, got {format_number(number)}"
    suggestion = None
    for other in QUANTITY_BY_NAME[unit.quantity].units:
        if other is not unit and other.low <= number <= other.high:
            suggestion = other.key
            msg += f"; it fits {other.unit}: did you mean {other.key}?"
            break
    return None, Problem(key, value, msg, suggestion, "implausible_value")


# Each key's threshold in words, worded once (warnings repeat them).
_THRESHOLD_WORDS: dict[str, str] = {
    u.key: q.describe_threshold(u) for q in QUANTITIES for u in q.units
}


@lru_cache(maxsize=8192)
def describe_value(key: str, value: float) -> str:
    """A lab value against its threshold, in words.

    Examples:
        >>> describe_value("leukocytes_per_mm3", 2500.0)
        'leukocytes_per_mm3 = 2500 is below 4000 cells/mm³'
    """
    unit = LAB_UNIT_BY_KEY[key]
    quantity = QUANTITY_BY_NAME[unit.quantity]
    negation = "" if quantity.is_abnormal(unit, value) else "not "
    return f"{key} = {format_number(value)} is {negation}{_THRESHOLD_WORDS[key]}"


def _facts(derivation: Derivation, labs: Mapping[str, float]) -> str:
    """The values behind a derivation, against their thresholds, in words."""
    if len(derivation.keys) == 1:
        return describe_value(derivation.keys[0], labs[derivation.keys[0]])
    if PERCENT_KEY in derivation.keys and len(derivation.keys) == 2:
        leukocytes = derivation.keys[0]
        return _percent_facts(leukocytes, labs[leukocytes], labs[PERCENT_KEY])
    return " and ".join(describe_value(key, labs[key]) for key in derivation.keys)


def _percent_facts(leukocytes_key: str, leukocytes: float, percent: float) -> str:
    key, count = lymphocytes_from_percent(leukocytes_key, leukocytes, percent)
    unit = LAB_UNIT_BY_KEY[key]
    negation = "" if _below_threshold(key, count) else "not "
    return (
        f"{leukocytes_key} = {format_number(leukocytes)} × {PERCENT_KEY} = "
        f"{format_number(percent)} % gives {format_number(float(count))} "
        f"{unit.unit}, {negation}{_THRESHOLD_WORDS[key]}"
    )


def conflict_warning(
    finding: str, recorded: bool, derivation: Derivation, labs: Mapping[str, float]
) -> str:
    """The warning for a recorded finding that a lab value contradicts."""
    facts = _facts(derivation, labs)
    return f"{finding} recorded {recorded}, but {facts}: the recorded value is used"


def undetermined_warning(
    finding: str, derivation: Derivation, labs: Mapping[str, float], policy: str
) -> str:
    """The warning for a finding a lab value bears on but cannot decide alone
    (a low hemoglobin without reticulocytes, a lymphocyte percentage without
    a leukocyte count), left to the ``policy``."""
    outcome = "counted absent" if policy == "absent" else "left unknown"
    if derivation.keys == (PERCENT_KEY,):
        return (
            f"{finding} not derived: {PERCENT_KEY} = "
            f"{format_number(labs[PERCENT_KEY])} needs a leukocyte count, and none "
            f"was recorded; {finding} {outcome} (not recorded)"
        )
    facts = _facts(derivation, labs)
    given = {LAB_UNIT_BY_KEY[key].quantity for key in derivation.keys}
    missing = " or ".join(
        QUANTITY_BY_NAME[q].label.lower()
        for q in LAB_RULE_BY_FINDING[finding].quantities
        if q not in given
    )
    return (
        f"{finding} not derived: {facts}, but no {missing} value was recorded; "
        f"{finding} {outcome} (not recorded)"
    )


def lab_notes(labs: Mapping[str, float]) -> list[str]:
    """Warnings about the lab values themselves (MEX-SLEDAI.md, "Lymphocytes
    given as a percentage"): a lymphocyte count so low it may be a percentage,
    and an absolute count that the percentage contradicts.

    Examples:
        >>> lab_notes({"lymphocytes_per_mm3": 18.0})
        ['lymphocytes_per_mm3 = 18 is at or below 100 cells/mm³: if it is a \
percentage of leukocytes, record it as lymphocytes_percent']
    """
    notes = []
    count = labs.get("lymphocytes_per_mm3")
    if count is not None and count <= LOW_LYMPHOCYTE_COUNT:
        notes.append(
            f"lymphocytes_per_mm3 = {format_number(count)} is at or below "
            f"{LOW_LYMPHOCYTE_COUNT} cells/mm³: if it is a percentage of "
            f"leukocytes, record it as {PERCENT_KEY}"
        )
    if PERCENT_KEY in labs:
        leukocytes = _leukocyte_key(labs)
        absolute = next(
            (k for k in _LYMPHOCYTES_IN_UNIT_OF.values() if k in labs), None
        )
        if leukocytes is not None and absolute is not None:
            key, computed = lymphocytes_from_percent(
                leukocytes, labs[leukocytes], labs[PERCENT_KEY]
            )
            unit = LAB_UNIT_BY_KEY[absolute]
            low = QUANTITY_BY_NAME[unit.quantity].is_abnormal(unit, labs[absolute])
            if low != _below_threshold(key, computed):
                notes.append(
                    f"{describe_value(absolute, labs[absolute])}, but "
                    f"{_percent_facts(leukocytes, labs[leukocytes], labs[PERCENT_KEY])}"
                    ": the absolute count is used"
                )
    return notes
