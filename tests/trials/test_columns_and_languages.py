"""Follow-up and frames read headers as the command does: names in the
clinic's language, names with units, and a column map."""

from __future__ import annotations

import math

import pytest

from mexsledai import follow_up
from mexsledai.tables import HeaderError

RECORDS = [
    {"paciente": "P1", "visita": "basal", "Convulsiones": "sí", "Leuco": "3000"},
    {"paciente": "P1", "visita": "día 22", "Convulsiones": "no", "Leuco": "5000"},
]


def test_follow_up_with_a_map_and_aliases() -> None:
    visits = follow_up(
        RECORDS,
        patient="paciente",
        visit="visita",
        baseline="basal",
        columns={"Leuco": "leukocytes_per_mm3"},
    )
    # baseline: seizures 8 + leukopenia 1; day 22: 0
    assert [v.score.total for v in visits if v.score] == [9, 0]
    assert [v.change for v in visits] == [0, -9]


def test_follow_up_stops_on_an_unplaced_column() -> None:
    records = [{**r, "Hemoglobina": "11"} for r in RECORDS]
    with pytest.raises(HeaderError, match="names hemoglobin without its unit"):
        follow_up(records, patient="paciente", visit="visita")


def test_score_frame_with_a_map() -> None:
    pd = pytest.importorskip("pandas")
    from mexsledai.pandas import score_frame  # noqa: PLC0415

    frame = pd.DataFrame(
        {"Convulsiones": [1.0, math.nan], "Leuco": [3000.0, 5000.0], "Fiebre": [0, 1]},
        index=["a", "b"],
    )
    scored = score_frame(frame, columns={"Leuco": "leukocytes_per_mm3"})
    assert list(scored["mexsledai_score"]) == [9, 1]
    assert list(scored.index) == ["a", "b"]
    with pytest.raises(HeaderError, match="did you mean 'leukocytes_per_mm3'"):
        score_frame(frame, columns={"Leuco": "leukocytes_per_mm"})
