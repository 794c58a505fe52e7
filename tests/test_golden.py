"""Every shared worked case, through `score()` and through `Assessment.from_flat`.

The vectors in ``golden.jsonl`` are a verbatim copy of the project's shared
test vectors; each states its input, the ``unrecorded`` policy, and either an
error or the expected total, range, category per scheme, present and unknown
descriptors, conflicts and findings assumed absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mexsledai

VECTORS_PATH = Path(__file__).with_name("golden.jsonl")
VECTORS: list[dict[str, Any]] = [
    json.loads(line) for line in VECTORS_PATH.read_text(encoding="utf-8").splitlines()
]


def _ids(vector: dict[str, Any]) -> str:
    return str(vector["id"])


def test_the_copy_has_every_vector() -> None:
    ids = [v["id"] for v in VECTORS]
    assert len(ids) == 92
    assert len(set(ids)) == len(ids)


def _check(result: mexsledai.Score, expected: dict[str, Any], scheme: str) -> None:
    assert result.total == expected["total"]
    assert result.minimum == expected["minimum"]
    assert result.maximum == expected["maximum"]
    assert result.complete == (expected["total"] is not None)
    level = expected["category"][scheme]
    assert result.category == (
        None if level is None else mexsledai.ActivityLevel(level)
    )
    assert result.scheme == scheme
    assert list(result.present) == expected["present"]
    assert list(result.unknown) == expected["unknown"]
    assert list(result.conflicts) == expected["conflicts"]
    assert list(result.assumed_absent) == expected["assumed_absent"]
    assert len(result.warnings) >= len(expected["conflicts"])


@pytest.mark.parametrize("vector", VECTORS, ids=_ids)
@pytest.mark.parametrize("scheme", ["five-level", "three-level-id"])
def test_score_of_flat_input(vector: dict[str, Any], scheme: str) -> None:
    expected = vector["expected"]
    if expected.get("error"):
        with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
            mexsledai.score(
                vector["input"], unrecorded=vector["unrecorded"], scheme=scheme
            )
        assert caught.value.problems
        return
    result = mexsledai.score(
        vector["input"], unrecorded=vector["unrecorded"], scheme=scheme
    )
    _check(result, expected, scheme)


@pytest.mark.parametrize("vector", VECTORS, ids=_ids)
def test_score_of_nested_model(vector: dict[str, Any]) -> None:
    expected = vector["expected"]
    if expected.get("error"):
        with pytest.raises(mexsledai.InvalidAssessmentError):
            mexsledai.Assessment.from_flat(vector["input"])
        return
    assessment = mexsledai.Assessment.from_flat(vector["input"])
    result = mexsledai.score(assessment, unrecorded=vector["unrecorded"])
    _check(result, expected, "five-level")
    assert result == mexsledai.score(vector["input"], unrecorded=vector["unrecorded"])


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS if v["expected"].get("error")], ids=_ids
)
def test_every_error_names_the_offending_key(vector: dict[str, Any]) -> None:
    with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
        mexsledai.score(vector["input"])
    keys = {problem.key for problem in caught.value.problems}
    # Every key of the input that is at fault appears in a problem; the two-unit
    # case names one of the two keys (its message names both).
    assert keys <= set(vector["input"])
    for problem in caught.value.problems:
        assert problem.key in str(caught.value)


def test_every_problem_at_once() -> None:
    vector = next(v for v in VECTORS if v["id"] == "bad-several")
    with pytest.raises(mexsledai.InvalidAssessmentError) as caught:
        mexsledai.score(vector["input"])
    assert {p.key for p in caught.value.problems} == {"psycosis", "platelets_per_mm3"}
    assert {p.code for p in caught.value.problems} == {
        "unknown_key",
        "implausible_value",
    }
