"""JSON Schema (draft 2020-12) of what `mexsledai.score` takes and gives.

`input_schema` describes the flat record `score` accepts from JSON: the 39
keys, findings as ``true``/``false``, 0, 1 or ``null``, lab values as numbers
within their plausible range or ``null``, no other key, and one quantity
under one key only. Each key's definition (findings) or unit and threshold
(labs) is its ``description``. `result_schema` is the schema of `Score`'s
JSON.

Examples:
    >>> schema = input_schema()
    >>> schema["properties"]["leukocytes_per_mm3"]["anyOf"][0]["maximum"]
    500000
    >>> schema["additionalProperties"]
    False
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from ..labs import LAB_UNIT_BY_KEY, QUANTITIES, QUANTITY_BY_NAME, format_number
from ..registry import FINDINGS

__all__ = ["DRAFT", "input_schema", "result_schema"]

#: The JSON Schema dialect of both schemas.
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _lab_description(key: str) -> str:
    unit = LAB_UNIT_BY_KEY[key]
    quantity = QUANTITY_BY_NAME[unit.quantity]
    plausible = f"plausible {format_number(unit.low)} to {format_number(unit.high)}"
    if unit.threshold is None:
        return (
            f"{quantity.label} ({unit.unit}); {plausible}. With a leukocyte count "
            "it gives the lymphocyte count (leukocytes × percentage / 100), "
            "compared with the lymphopenia threshold in the leukocyte count's unit."
        )
    return (
        f"{quantity.label} ({unit.unit}); {plausible}; abnormal when "
        f"{quantity.describe_threshold(unit)} (strict)."
    )


def input_schema() -> dict[str, Any]:
    """The JSON Schema of a flat record for `mexsledai.score`."""
    properties: dict[str, Any] = {
        finding.key: {
            "title": finding.label,
            "description": finding.definition,
            "anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "null"}],
        }
        for finding in FINDINGS
    }
    for key, unit in LAB_UNIT_BY_KEY.items():
        properties[key] = {
            "title": f"{QUANTITY_BY_NAME[unit.quantity].label} ({unit.unit})",
            "description": _lab_description(key),
            "anyOf": [
                {
                    "type": "number",
                    "minimum": _number(unit.low),
                    "maximum": _number(unit.high),
                },
                {"type": "null"},
            ],
        }
    once = [
        {
            "not": {
                "required": [first.key, second.key],
                "properties": {
                    first.key: {"type": "number"},
                    second.key: {"type": "number"},
                },
            }
        }
        for quantity in QUANTITIES
        for first, second in combinations(quantity.units, 2)
    ]
    return {
        "$schema": DRAFT,
        "title": "MEX-SLEDAI visit (flat keys)",
        "description": (
            "One visit for mexsledai.score(): each finding true, false, 1, 0 or "
            "null (not recorded); each lab value a number in the unit its key "
            "names, or null; a missing key is not recorded. One quantity under "
            "one key only."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "allOf": once,
    }


def result_schema() -> dict[str, Any]:
    """The JSON Schema of a `Score` as ``Score.model_dump(mode="json")`` gives it."""
    from ..scoring import Score  # noqa: PLC0415  (builds the models)

    schema: dict[str, Any] = {"$schema": DRAFT}
    schema |= Score.model_json_schema(mode="serialization")
    return schema
