"""JSON Schema (draft 2020-12): valid schemas; every valid golden vector
passes the input schema, type errors fail it; every result fits the result
schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

import mexsledai
from mexsledai.cli import main
from tests.property.strategies import flat_assessments, policies
from tests.test_golden import VECTORS

jsonschema = pytest.importorskip("jsonschema")
INPUT = jsonschema.Draft202012Validator(mexsledai.input_schema())
RESULT = jsonschema.Draft202012Validator(mexsledai.result_schema())


def test_the_schemas_are_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(mexsledai.input_schema())
    jsonschema.Draft202012Validator.check_schema(mexsledai.result_schema())
    assert (
        mexsledai.input_schema()["$schema"]
        == "https://json-schema.org/draft/2020-12/schema"
    )
    assert (
        mexsledai.result_schema()["$schema"]
        == "https://json-schema.org/draft/2020-12/schema"
    )


def test_descriptions() -> None:
    properties = mexsledai.input_schema()["properties"]
    assert len(properties) == 39
    assert "1,200/mm³ (not 1,500" in properties["lymphopenia"]["description"]
    assert "below 4000 cells/mm³" in properties["leukocytes_per_mm3"]["description"]


@pytest.mark.parametrize(
    "vector",
    [v for v in VECTORS if not v["expected"].get("error")],
    ids=lambda v: str(v["id"]),
)
def test_valid_vectors_pass(vector: dict[str, Any]) -> None:
    INPUT.validate(vector["input"])


@pytest.mark.parametrize(
    "record",
    [
        {"arthritis": "yes"},  # a string as a finding
        {"arthritis": 2},  # a number other than 0 or 1
        {"arthritis": 0.5},
        {"leukocytes_per_mm3": "3200"},  # a string as a lab value
        {"leukocytes_per_mm3": True},  # a boolean as a lab value
        {"leukocytes_per_mm3": 3.5},  # outside the plausible range
        {"lymphocytes_percent": 100.5},
        {"psycosis": True},  # an unknown key
        {"temperature_c": 38.5, "temperature_f": 101.3},  # one quantity twice
    ],
)
def test_errors_fail(record: dict[str, Any]) -> None:
    assert not INPUT.is_valid(record)
    with pytest.raises(mexsledai.InvalidAssessmentError):
        mexsledai.score(record)


def test_every_error_vector_fails() -> None:
    """Types, ranges, unknown keys and two units of a quantity are all in the
    schema, so every invalid golden vector fails it."""
    errors = [v for v in VECTORS if v["expected"].get("error")]
    assert len(errors) == 13
    for vector in errors:
        assert not INPUT.is_valid(vector["input"]), vector["id"]


def test_null_and_zero_one() -> None:
    INPUT.validate(
        {"arthritis": None, "fever": 1, "fatigue": 0.0, "leukocytes_per_mm3": None}
    )


@given(flat_assessments(), policies)
def test_results_fit_the_result_schema(flat: dict[str, object], policy: Any) -> None:
    result = mexsledai.score(flat, unrecorded=policy)
    RESULT.validate(json.loads(result.model_dump_json()))
    INPUT.validate(json.loads(json.dumps(flat)))


@pytest.mark.parametrize("result", [False, True])
def test_command(capsys: pytest.CaptureFixture[str], result: bool) -> None:
    assert main(["schema", *(["--result"] if result else [])]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == (
        mexsledai.result_schema() if result else mexsledai.input_schema()
    )
