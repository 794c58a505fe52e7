"""FHIR R4: a score as an ``Observation``, the project's ``CodeSystem``, and
files of scored rows as a ``Bundle`` or as NDJSON.

No LOINC code exists for MEX-SLEDAI, so the Observation is coded in the
project's own CodeSystem, whose canonical URL is `CODE_SYSTEM`: the code
``total`` for the total score, each descriptor's key for its component, and
each ``ActivityLevel`` value for the interpretation. Plain dicts are built;
no FHIR library is needed at run time (the tests validate them with
``fhir.resources``).

Source of the structures: HL7 FHIR R4 (4.0.1), Observation, CodeSystem and
Bundle resources; the dateTime data type's regular expression.

Examples:
    >>> from mexsledai import score
    >>> resource = score({"arthritis": True}).to_fhir(subject="P01")
    >>> resource["valueQuantity"]["value"], resource["subject"]
    (2, {'reference': 'Patient/P01'})
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..languages import level_label
from ..registry import DESCRIPTORS, MAX_TOTAL, SOURCE

if TYPE_CHECKING:
    from ..scoring import Score

__all__ = [
    "CODE_SYSTEM",
    "code_system",
    "effective_date_time",
    "observation",
    "row_uuid",
]

#: The canonical URL of the project's CodeSystem (an identifier; it need not
#: resolve). Codes: ``total``, the ten descriptor keys, the activity levels.
CODE_SYSTEM = "https://mexsledai.readthedocs.io/fhir/CodeSystem/mex-sledai"
_UCUM = "http://unitsofmeasure.org"
_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
_LEVELS = ("none", "mild", "moderate", "severe", "very_severe")
# FHIR R4 dateTime: a year, a month or a day, or a time with its zone.
_DATE_TIME = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
    r"(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,9})?"
    r"(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?"
)
# Row identities are uuid5 names in this namespace: the same row, the same id.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, CODE_SYSTEM)


def _score_quantity(value: int) -> dict[str, Any]:
    return {"value": value, "unit": "{score}", "system": _UCUM, "code": "{score}"}


def effective_date_time(value: object) -> str:
    """A FHIR dateTime from a date, an aware datetime, a naive datetime at
    midnight (which becomes a date) or an ISO string FHIR accepts.

    Examples:
        >>> effective_date_time(dt.date(2025, 3, 1))
        '2025-03-01'
        >>> effective_date_time(dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.timezone.utc))
        '2025-03-01T09:30:00+00:00'

    Raises:
        ValueError: a naive datetime with a time (FHIR needs its zone), or
            a string or value that is no FHIR dateTime.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.isoformat()
        if value.time() == dt.time(0):
            return value.date().isoformat()
        msg = (
            f"effective {value.isoformat()!r} has a time but no time zone, which "
            "FHIR requires: give an aware datetime, or a date"
        )
        raise ValueError(msg)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE_TIME.fullmatch(value.strip()):
        return value.strip()
    msg = (
        f"effective must be a date, a datetime or a FHIR dateTime string "
        f"(YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a zone), got {value!r}"
    )
    raise ValueError(msg)


def _identifiers(identifier: object) -> list[dict[str, Any]]:
    if isinstance(identifier, str):
        return [{"value": identifier}]
    if isinstance(identifier, dict):
        return [identifier]
    if isinstance(identifier, list) and all(isinstance(i, dict) for i in identifier):
        return list(identifier)
    msg = f"identifier must be a str, a dict or a list of dicts, got {identifier!r}"
    raise ValueError(msg)


def observation(
    score: Score,
    *,
    subject: str | None = None,
    effective: object = None,
    identifier: object = None,
    resource_id: str | None = None,
) -> dict[str, Any]:
    """The FHIR R4 Observation of a score (CONTRACT.md, "FHIR").

    Args:
        score: the `Score`.
        subject: the patient: ``Patient/<subject>``, or kept as given when it
            already holds a ``/``.
        effective: a date, datetime or ISO string (see `effective_date_time`).
        identifier: a str, a dict or a list of dicts.
        resource_id: the Observation's ``id``.
    """
    resource: dict[str, Any] = {"resourceType": "Observation"}
    if resource_id is not None:
        resource["id"] = resource_id
    if identifier is not None:
        resource["identifier"] = _identifiers(identifier)
    resource |= {
        "status": "final",
        "category": [
            {"coding": [{"system": _CATEGORY, "code": "survey", "display": "Survey"}]}
        ],
        "code": {
            "coding": [
                {
                    "system": CODE_SYSTEM,
                    "code": "total",
                    "display": "MEX-SLEDAI total score",
                }
            ],
            "text": "MEX-SLEDAI total score",
        },
    }
    if subject is not None:
        reference = subject if "/" in subject else f"Patient/{subject}"
        resource["subject"] = {"reference": reference}
    if effective is not None:
        resource["effectiveDateTime"] = effective_date_time(effective)
    if score.complete:
        resource["valueQuantity"] = _score_quantity(score.minimum)
    else:
        resource["valueRange"] = {
            "low": _score_quantity(score.minimum),
            "high": _score_quantity(score.maximum),
        }
    if score.category is not None:
        level = score.category.value
        resource["interpretation"] = [
            {
                "coding": [
                    {
                        "system": CODE_SYSTEM,
                        "code": level,
                        "display": level_label(level),
                    }
                ],
                "text": f"{level_label(level)} ({score.scheme} scheme, conventional bands)",
            }
        ]
    if score.warnings:
        resource["note"] = [{"text": warning} for warning in score.warnings]
    resource["method"] = {
        "text": (
            f"MEX-SLEDAI ({SOURCE}); activity scheme {score.scheme} (conventional "
            f"bands); findings not recorded: {score.unrecorded}"
        )
    }
    resource["component"] = [
        {
            "code": {
                "coding": [{"system": CODE_SYSTEM, "code": d.key, "display": d.label}]
            },
            **(
                {
                    "dataAbsentReason": {
                        "coding": [
                            {"system": _ABSENT, "code": "unknown", "display": "Unknown"}
                        ]
                    }
                }
                if d.status == "unknown"
                else {"valueQuantity": _score_quantity(d.points)}
            ),
        }
        for d in score.descriptors
    ]
    return resource


def code_system() -> dict[str, Any]:
    """The CodeSystem resource: the total, the ten descriptors, the levels."""
    concepts = [
        {
            "code": "total",
            "display": "MEX-SLEDAI total score",
            "definition": (
                f"The MEX-SLEDAI total, 0 to {MAX_TOTAL}: the sum of the weights of "
                "the descriptors present."
            ),
        },
        *(
            {
                "code": d.key,
                "display": d.label,
                "definition": f"Weight {d.weight}. {d.definition}",
            }
            for d in DESCRIPTORS
        ),
        *(
            {
                "code": level,
                "display": level_label(level),
                "definition": (
                    f"Activity level {level_label(level)!r} under a conventional "
                    "band scheme (named with the result)."
                ),
            }
            for level in _LEVELS
        ),
    ]
    return {
        "resourceType": "CodeSystem",
        "id": "mex-sledai",
        "url": CODE_SYSTEM,
        "version": __version__,
        "name": "MexSledai",
        "title": "MEX-SLEDAI",
        "status": "active",
        "experimental": False,
        "description": (
            "Codes of the MEX-SLEDAI lupus disease activity index: the total "
            f"score, its ten descriptors, and activity levels. Source: {SOURCE}"
        ),
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def row_uuid(row: int, cells: Sequence[str]) -> str:
    """The stable uuid of an input row: a uuid5 of its number and its cells
    (not of the file's path), the same on every run.

    Examples:
        >>> row_uuid(2, ["P01", "1"]) == row_uuid(2, ["P01", "1"])
        True
    """
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join([str(row), *cells])))
