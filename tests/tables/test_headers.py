"""Matching headers to keys; near misses stop the run."""

from __future__ import annotations

import pytest

from mexsledai.registry import FINDING_KEYS
from mexsledai.tables.headers import (
    OUTPUT_COLUMNS,
    HeaderError,
    column_letter,
    match_header,
    normalize_header,
)
from tests import spec_tables


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("seizures", "seizures"),
        ("SEIZURES", "seizures"),
        ("  Seizures ", "seizures"),
        ("Malar rash", "malar_rash"),
        ("malar-rash", "malar_rash"),
        ("Leukocytes per mm3", "leukocytes_per_mm3"),
        ("Temperature-C", "temperature_c"),
        ("temperature_c\xa0", "temperature_c"),
    ],
)
def test_headers_match_keys(header: str, key: str) -> None:
    plan = match_header(["id", header])
    assert [k for _, k in (*plan.findings, *plan.labs)] == [key]
    assert normalize_header(header) == key


def test_every_key_matches_itself_in_order() -> None:
    header = ["patient_id", "visit", *spec_tables.FINDINGS, *spec_tables.LAB_KEYS]
    plan = match_header(header)
    assert [k for _, k in plan.findings] == list(FINDING_KEYS)
    assert [k for _, k in plan.labs] == list(spec_tables.LAB_KEYS)
    assert plan.missing == ()
    assert plan.output_header == (*header, *OUTPUT_COLUMNS)


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ("psycosis", "close to 'psychosis'"),
        ("seizure", "close to 'seizures'"),
        ("leukopaenia", "close to 'leukopenia'"),
        ("leukocytes_per_ul", "close to 'leukocytes_per_mm3'"),
        ("leukocytes", "without its unit"),
        ("Platelets", "without its unit"),
        ("hemoglobin", "without its unit"),
        ("Hb", "without its unit"),
        ("temperature", "without its unit"),
        ("temp", "without its unit"),
        ("WBC", "without its unit"),
        ("renal", "is a descriptor"),
        ("Neurological", "is a descriptor"),
        ("fever_fatigue", "is a descriptor"),
        ("leukopenia lymphopenia", "is a descriptor"),
    ],
)
def test_near_misses_stop_the_run(header: str, fragment: str) -> None:
    with pytest.raises(HeaderError) as caught:
        match_header(["patient_id", "seizures", header])
    (problem,) = caught.value.problems
    assert fragment in problem
    assert f"column C {header!r}" in problem
    assert f"--ignore-column {header.strip()!r}" in problem


@pytest.mark.parametrize("header", ["leukocytes", "psycosis", "renal", "seizures"])
def test_ignore_column_passes_it_through(header: str) -> None:
    plan = match_header(["id", "arthritis", header], ignore_columns=[header.upper()])
    assert [k for _, k in plan.findings] == ["arthritis"]
    assert plan.kept == (0, 1, 2)


def test_ignore_column_must_name_a_column() -> None:
    with pytest.raises(HeaderError, match="names no column"):
        match_header(["arthritis"], ignore_columns=["arthritsi"])


@pytest.mark.parametrize(
    "header",
    [
        "patient_id",
        "visit",
        "arm",
        "day",
        "notes",
        "date",
        "site",
        "",
        "Nombre",
        "catatan",
    ],
)
def test_ordinary_columns_pass_through(header: str) -> None:
    plan = match_header([header, "arthritis"])
    assert plan.kept == (0, 1)


def test_two_columns_for_one_key() -> None:
    with pytest.raises(HeaderError, match="both name 'arthritis'"):
        match_header(["Arthritis", "arthritis "])


def test_no_key_at_all() -> None:
    with pytest.raises(HeaderError, match="no column is named after"):
        match_header(["patient", "visit", "notes"])


def test_every_problem_at_once() -> None:
    with pytest.raises(HeaderError) as caught:
        match_header(["psycosis", "renal", "temp", "arthritis"])
    assert len(caught.value.problems) == 3


def test_earlier_scores_are_dropped() -> None:
    header = ["id", "arthritis", *OUTPUT_COLUMNS, "mexsledai_change", "notes"]
    plan = match_header(header)
    assert plan.kept == (0, 1, 9)
    assert plan.output_header == ("id", "arthritis", "notes", *OUTPUT_COLUMNS)


def test_missing_keys_count_a_quantity_once() -> None:
    plan = match_header(["arthritis", "leukocytes_10e9_per_l"])
    assert "arthritis" not in plan.missing
    assert "leukocytes_per_mm3" not in plan.missing
    assert "temperature_c" in plan.missing
    assert "temperature_f" in plan.missing
    assert "seizures" in plan.missing


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (2, "C"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])  # fmt: skip
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters
