"""Reading a mapping of flat keys into validated findings and lab values.

This is the one place that checks flat input, for `score` and for
`Assessment.from_flat`. It collects every problem before raising.

A missing key, ``None``, NaN, ``pandas.NA`` and ``pandas.NaT`` all mean *not
recorded* (a pandas row's missing cells). A finding is ``True``/``False``
(numpy booleans too) or the number 1 or 0 (int or float, numpy too: a 0/1
column with blanks holds floats); a lab value is a finite real number.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping
from typing import Any, Final, Protocol, cast

from .errors import InvalidAssessmentError, Problem
from .labs import LAB_KEYS, LAB_UNIT_BY_KEY, QUANTITY_BY_NAME, check_lab_value
from .registry import DESCRIPTOR_BY_KEY, FINDING_KEYS

__all__ = ["FLAT_KEYS", "FlatInput", "SupportsItems", "is_missing", "read_flat"]


class SupportsItems(Protocol):
    """Anything with ``.items()``, as a pandas Series has."""

    def items(self) -> Any: ...


FLAT_KEYS: tuple[str, ...] = FINDING_KEYS + LAB_KEYS
_FINDING_INDEX: dict[str, int] = {key: i for i, key in enumerate(FINDING_KEYS)}
_LAB_KEY_SET = frozenset(LAB_KEYS)

#: Findings as a list in registry order (True, False or None), and the lab
#: values that were given, by key.
FlatInput = tuple[list[bool | None], dict[str, float]]


def _is_numpy_bool(value: object) -> bool:
    cls = type(value)
    return cls.__module__ == "numpy" and cls.__name__ in ("bool", "bool_")


_PANDAS_MISSING = frozenset({"NAType", "NaTType"})


def is_missing(value: object) -> bool:
    """Whether a value means *not recorded*: ``None``, NaN, ``pandas.NA`` or
    ``pandas.NaT``.

    Examples:
        >>> is_missing(None), is_missing(float("nan")), is_missing(0.0)
        (True, True, False)
    """
    if value is None:
        return True
    if type(value).__name__ in _PANDAS_MISSING:
        return True
    return isinstance(value, numbers.Real) and math.isnan(value)


_NOT_A_FINDING: Final = object()


def _finding_value(value: object) -> object:
    """The finding a value records (``True``, ``False``, ``None``), or
    ``_NOT_A_FINDING``."""
    if value is None or value is True or value is False:
        return value
    if _is_numpy_bool(value):
        return bool(value)
    if is_missing(value):
        return None
    if isinstance(value, numbers.Real) and (value == 1 or value == 0):  # noqa: PLR1714
        return value == 1  # booleans were taken above; numpy numbers too
    return _NOT_A_FINDING


def _unknown_key(key: object, value: object) -> Problem:
    if isinstance(key, str) and key in DESCRIPTOR_BY_KEY:
        findings = ", ".join(DESCRIPTOR_BY_KEY[key].finding_keys)
        msg = (
            f"unknown key {key!r}: {key} is a descriptor, not a finding; "
            f"record one of its findings instead: {findings}"
        )
        return Problem(key, value, msg, None, "descriptor_key")
    quantity = QUANTITY_BY_NAME.get(key) if isinstance(key, str) else None
    if quantity is not None:
        units = " or ".join(f"{u.key} ({u.unit})" for u in quantity.units)
        msg = f"unknown key {key!r}: the unit must be part of the key: use {units}"
        return Problem(str(key), value, msg, quantity.units[0].key, "missing_unit")
    suggestion = None
    msg = f"unknown key {key!r}"
    if isinstance(key, str):
        close = difflib.get_close_matches(key, FLAT_KEYS, n=1, cutoff=0.6)
        if close:
            suggestion = close[0]
            msg += f"; did you mean {suggestion!r}?"
        else:
            msg += "; valid keys are the 25 finding keys and the 14 laboratory keys"
    return Problem(str(key), value, msg, suggestion, "unknown_key")


_ALL_KEY_SET = frozenset(FLAT_KEYS)
_FINDING_TYPES = frozenset({bool, type(None)})


def read_flat(mapping: Mapping[str, object] | SupportsItems) -> FlatInput:
    """Validate a mapping of flat keys (or any object with ``.items()``).

    Raises:
        InvalidAssessmentError: listing every problem found.
    """
    # The common case, checked with set operations: known keys, findings that
    # are Python booleans or None, and valid lab values. Anything else takes
    # the full path below, which names every problem.
    if not isinstance(mapping, Mapping):
        mapping = dict(mapping.items())  # a pandas Series, or any .items()
    keys = mapping.keys()
    if _ALL_KEY_SET.issuperset(keys):
        values = [mapping.get(key) for key in FINDING_KEYS]
        if _FINDING_TYPES.issuperset(map(type, values)):
            lab_keys = _LAB_KEY_SET.intersection(keys)
            if not lab_keys:
                return values, {}  # type: ignore[return-value]
            labs = {}
            for key in lab_keys:
                value = mapping[key]
                if value is not None:
                    number, problem = check_lab_value(key, value)
                    if problem is not None:
                        break
                    labs[key] = number
            else:
                if len(labs) < 2 or not _twice(mapping):
                    return values, labs  # type: ignore[return-value]
    return _read_flat_checked(mapping)


def _read_flat_checked(mapping: Mapping[str, object]) -> FlatInput:
    values: list[bool | None] = [None] * len(FINDING_KEYS)
    labs: dict[str, float] = {}
    problems: list[Problem] = []
    for key, value in mapping.items():
        index = _FINDING_INDEX.get(key)
        if index is not None:
            finding = _finding_value(value)
            if finding is _NOT_A_FINDING:
                msg = (
                    f"{key} must be True, False, 1, 0 or None (not recorded), "
                    f"got {value!r}"
                )
                problems.append(Problem(key, value, msg, None, "not_a_boolean"))
            else:
                values[index] = cast("bool | None", finding)
        elif key in _LAB_KEY_SET:
            if is_missing(value):
                continue
            number, problem = check_lab_value(key, value)
            if problem is not None:
                problems.append(problem)
            else:
                labs[key] = number  # type: ignore[assignment]
        else:
            problems.append(_unknown_key(key, value))
    if len(labs) > 1:
        problems.extend(_twice(mapping))
    if problems:
        raise InvalidAssessmentError(problems)
    return values, labs


def _twice(mapping: Mapping[str, object]) -> list[Problem]:
    """A problem for each quantity given under two keys (values not None)."""
    by_quantity: dict[str, list[str]] = {}
    for key, value in mapping.items():
        if key in _LAB_KEY_SET and not is_missing(value):
            by_quantity.setdefault(LAB_UNIT_BY_KEY[key].quantity, []).append(key)
    problems = []
    for quantity, keys in by_quantity.items():
        if len(keys) > 1:
            named = ", ".join(f"{k}={mapping[k]!r}" for k in keys)
            msg = f"{quantity} must be given under one key, got two: {named}"
            problems.append(
                Problem(keys[-1], mapping[keys[-1]], msg, None, "quantity_given_twice")
            )
    return problems
