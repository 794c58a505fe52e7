"""`mexsledai visit`: one visit on the command line, keys as any alias,
values as cells, every problem listed."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mexsledai
from mexsledai.cli import main
from tests import language_tables


def test_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["visit", "convulsiones=sí", "Leucocitos /mm3=3200", "--format", "json"])
        == 0
    )
    result = mexsledai.Score.model_validate_json(capsys.readouterr().out)
    assert result == mexsledai.score({"seizures": True, "leukocytes_per_mm3": 3200})


def test_split_at_the_last_equals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["visit", "a=b=c"]) == 2
    assert "'a=b' is not a MEX-SLEDAI key" in capsys.readouterr().err


def test_every_problem_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["visit", "psycosis=1", "sezures=x", "arthritis=maybe", "temperature_c=38,5",
                 "fiebre=1", "fever=0", "nope"])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "'psycosis' is not a MEX-SLEDAI key but is close to 'psychosis'" in err
    assert "'sezures' is not a MEX-SLEDAI key but is close to 'seizures'" in err
    assert "arthritis=maybe: is not a finding value" in err
    assert "temperature_c=38,5: has a decimal comma: pass --decimal ," in err
    assert "'fiebre' and 'fever' both give fever" in err
    assert "'nope' is not KEY=VALUE" in err
    assert capsys.readouterr().out == ""


def test_decimal_comma(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["visit", "temperature_c=38,5", "--decimal", ",", "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_nothing_recorded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["visit"]) == 0
    out = capsys.readouterr().out
    assert "Total: 0 of 32 points" in out
    assert "- nothing recorded" in out


def test_json_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"arthritis": true}'))
    )
    assert main(["visit", "--json", "-", "--format", "fhir"]) == 0
    assert json.loads(capsys.readouterr().out)["valueQuantity"]["value"] == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [('{"arthritis": "yes"}', "arthritis must be True, False, 1, 0 or None"),
     ('[1]', "one JSON object"), ("{", "Expecting")],
)  # fmt: skip
def test_json_problems(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], text: str, fragment: str
) -> None:
    path = tmp_path / "v.json"
    path.write_text(text, encoding="utf-8")
    assert main(["visit", "--json", str(path)]) == 2
    assert fragment in capsys.readouterr().err


def test_json_and_pairs_together(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.json"
    path.write_text("{}", encoding="utf-8")
    assert main(["visit", "arthritis=1", "--json", str(path)]) == 2
    assert "not both" in capsys.readouterr().err


@pytest.mark.parametrize("form", ["text", "markdown", "html"])
def test_forms_and_language(capsys: pytest.CaptureFixture[str], form: str) -> None:
    assert main(["visit", "seizures=yes", "--format", form, "--lang", "pt"]) == 0
    assert "8 de 32 pontos" in capsys.readouterr().out


@given(
    case=st.sampled_from(language_tables.FINDING_ALIASES),
    value=st.sampled_from(["1", "0", "x", "no", ""]),
)
def test_any_alias_gives_what_the_key_gives(
    case: tuple[str, str, str], value: str
) -> None:
    from mexsledai.tables.pairs import score_pairs  # noqa: PLC0415

    _, alias, key = case
    recorded = {"1": True, "x": True, "0": False, "no": False, "": None}[value]
    assert score_pairs([f"{alias}={value}"]) == mexsledai.score({key: recorded})
