"""The row loop: every row gives a result; the table path scores exactly as
`mexsledai.score` does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mexsledai
from mexsledai.tables import RowResult, TableError, TableScorer, score_rows
from mexsledai.tables.cells import read_finding, read_number
from tests import spec_tables
from tests.property.strategies import flat_assessments, policies

HEADER = ["patient", "seizures", "arthritis", "fatigue", "leukocytes_per_mm3",
          "leukocytes_10e9_per_l", "notes"]  # fmt: skip


@pytest.fixture
def scorer() -> TableScorer:
    return TableScorer(HEADER)


def test_scored_row(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "x", "no", "", "3200", "", "first visit"], row=2)
    assert result.status == "scored"
    assert result.score is not None
    assert result.score.total == 8 + 1
    # seizures 8 + leukopenia 1: 3200 < 4000 cells/mm³, derived
    assert result.appended() == (
        9, 9, 9, "moderate", "scored", "", "leukopenia (leukocytes_per_mm3 = 3200)"
    )  # fmt: skip
    assert result.blank_counted_absent == 1  # fatigue


def test_warnings_become_the_message(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "", "", "", "", "3.1", ""], row=2)
    assert result.score is not None
    assert result.score.total == 1  # 3.1 ×10⁹/L derives leukopenia, no warning
    assert result.message == ""
    flagged = TableScorer(["leukopenia", "leukocytes_per_mm3"]).score_row(
        ["0", "2500"], 2
    )
    assert "leukopenia recorded False" in flagged.message


def test_incomplete_under_unknown_policy() -> None:
    scorer = TableScorer(["arthritis", "seizures"], unrecorded="unknown")
    result = scorer.score_row(["x", ""], row=2)
    assert result.status == "incomplete"
    assert result.appended() == ("", 2, 32, "", "incomplete", "", "")


def test_errors_name_row_column_and_value(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "maybe", "x", "", "3,5", "", ""], row=7)
    assert result.status == "error"
    assert result.score is None
    assert "row 7, column B 'seizures': 'maybe'" in result.message
    assert "row 7, column E 'leukocytes_per_mm3': '3,5'" in result.message
    assert result.appended() == ("", "", "", "", "error", result.message, "")


def test_implausible_value_suggests_the_unit(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "", "", "", "3.5", "", ""], row=2)
    assert "did you mean leukocytes_10e9_per_l?" in result.message


def test_two_units_in_one_row(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "", "", "", "3500", "3.5", ""], row=2)
    assert result.status == "error"
    assert "leukocytes is also given in column E" in result.message


def test_short_row_reads_missing_cells_as_blank(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "yes"], row=2)
    assert result.status == "scored"
    assert len(result.cells) == len(HEADER)


def test_long_row_is_an_error_that_keeps_its_cells(scorer: TableScorer) -> None:
    row = ["P1", "yes", "", "", "", "", "", "stray", "cells"]
    result = scorer.score_row(row, row=4)
    assert result.status == "error"
    assert "row 4 has 9 cells but the header has 7" in result.message
    assert result.cells == tuple(row)


def test_blank_extra_cells_are_a_long_row_too(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "yes", "", "", "", "", "", ""], row=2)
    assert result.status == "error"
    assert result.cells[-1] == ""


@pytest.mark.parametrize("row", [[], [""] * 7, ["", " ", "\xa0"], [None] * 3])
def test_blank_row_is_empty_not_an_error(
    scorer: TableScorer, row: list[object]
) -> None:
    result = scorer.score_row(row, row=3)
    assert result.status == "empty"
    assert result.appended() == ("", "", "", "", "", "", "")


def test_row_without_any_key_value_is_an_error(scorer: TableScorer) -> None:
    result = scorer.score_row(["P1", "", "", "", "", "", "see chart"], row=5)
    assert result.status == "error"
    assert result.message == "row 5: no MEX-SLEDAI finding or lab value recorded"


def test_unhashable_cell_is_an_error_not_a_crash() -> None:
    result = TableScorer(["arthritis"]).score_row([["x"]], row=2)
    assert result.status == "error"


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="decimal"):
        TableScorer(HEADER, decimal=";")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unrecorded"):
        TableScorer(HEADER, unrecorded="blank")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scheme"):
        TableScorer(HEADER, scheme="four-level")


def test_score_rows_checks_the_header_at_once() -> None:
    with pytest.raises(TableError):
        score_rows([["psycosis"]])
    with pytest.raises(TableError, match="no header"):
        score_rows([])


def test_score_rows_numbers_rows_as_a_spreadsheet() -> None:
    results = list(score_rows([["fatigue"], ["ya"], [""], ["tidak"]]))
    assert [(r.row, r.status) for r in results] == [
        (2, "scored"),
        (3, "empty"),
        (4, "scored"),
    ]


FULL_HEADER = [*spec_tables.FINDINGS, *spec_tables.LAB_KEYS]


def _cells_of(flat: dict[str, object], decimal: str) -> list[str]:
    cells = []
    for key in FULL_HEADER:
        value = flat.get(key)
        if value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append("yes" if value else "no")
        else:
            text = repr(float(value))  # type: ignore[arg-type]
            cells.append(text.replace(".", ",") if decimal == "," else text)
    return cells


class TestSameAsScore:
    """A row scores exactly as `mexsledai.score` scores its parsed values."""

    @given(flat_assessments(), policies, st.sampled_from([".", ","]))
    def test_equivalent(
        self, flat: dict[str, object], policy: str, decimal: str
    ) -> None:
        scorer = TableScorer(FULL_HEADER, unrecorded=policy, decimal=decimal)  # type: ignore[arg-type]
        cells = _cells_of(flat, decimal)
        result: RowResult = scorer.score_row(cells, row=2)
        parsed: dict[str, object] = {}
        for key, cell in zip(FULL_HEADER, cells, strict=True):
            reader = read_finding if key in spec_tables.FINDINGS else read_number
            parsed[key] = reader(cell, decimal=decimal)  # type: ignore[arg-type]
        if all(v is None for v in parsed.values()):
            assert result.status == "empty"  # every cell of the row is blank
            return
        expected = mexsledai.score(parsed, unrecorded=policy)  # type: ignore[arg-type]
        assert result.score == expected
        assert result.status == ("scored" if expected.complete else "incomplete")
        assert result.message == "; ".join(expected.warnings)
