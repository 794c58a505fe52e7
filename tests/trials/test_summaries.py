"""follow_up and summarize on a constructed trial, every number by hand."""

from __future__ import annotations

import math

import pytest

import mexsledai
from mexsledai import SummaryRow, follow_up, summarize
from mexsledai.trials import STATISTICS
from tests.trials.cases import EXPECTED, RECORDS


@pytest.fixture
def rows() -> list[mexsledai.VisitScore]:
    return follow_up(RECORDS, patient="id", visit="visit", arm="arm", day="day",
                     baseline="baseline")  # fmt: skip


def _close(actual: float | None, expected: float | None) -> bool:
    if expected is None:
        return actual is None
    return actual is not None and math.isclose(actual, expected, abs_tol=1e-12)


def test_every_record_in_order(rows: list[mexsledai.VisitScore]) -> None:
    assert len(rows) == len(RECORDS)
    assert [r.patient for r in rows] == [r["id"] or None for r in RECORDS]
    assert [r.row for r in rows] == list(range(2, len(RECORDS) + 2))


def test_changes(rows: list[mexsledai.VisitScore]) -> None:
    changes = {(r.patient, r.visit, r.day): r.change for r in rows}
    assert changes[("P1", "baseline", 0)] == 0
    assert changes[("P1", "day 22", 22)] == 2 - 10
    assert changes[("P1", "day 43", 43)] == 0 - 10
    assert changes[("P2", "day 43", 44)] == 3 - 6
    assert changes[("P3", "day 22", 22)] == 5 - 4
    assert changes[("P4", "day 43", 43)] == 1 - 8
    assert [r.baseline_total for r in rows if r.patient == "P1"] == [10, 10, 10]


def test_duplicates_mark_both_rows(rows: list[mexsledai.VisitScore]) -> None:
    dup = [r for r in rows if r.patient == "P4" and r.visit == "day 22"]
    assert len(dup) == 2
    for r in dup:
        assert r.excluded
        assert r.change is None
        assert r.score is not None  # scored, yet left out of the statistics
        assert any("more than once" in p for p in r.problems)


def test_arm_change_marks_every_row(rows: list[mexsledai.VisitScore]) -> None:
    p5 = [r for r in rows if r.patient == "P5"]
    assert all(r.excluded and r.change is None for r in p5)
    assert all(any("more than one arm" in p for p in r.problems) for r in p5)


def test_missing_baseline_keeps_the_row(rows: list[mexsledai.VisitScore]) -> None:
    (p6,) = [r for r in rows if r.patient == "P6"]
    assert not p6.excluded
    assert p6.change is None
    assert p6.total == 3
    assert p6.problems == (
        "patient P6 has no row at the baseline visit 'baseline': no change",
    )


def test_invalid_row(rows: list[mexsledai.VisitScore]) -> None:
    (p7,) = [r for r in rows if r.patient == "P7"]
    assert p7.excluded
    assert p7.score is None
    assert p7.visit is None
    assert any("no visit" in p for p in p7.problems)


def test_summary_by_hand(rows: list[mexsledai.VisitScore]) -> None:
    summary = summarize(rows)
    assert [(s.arm, s.visit) for s in summary] == list(EXPECTED)
    for row in summary:
        expected = EXPECTED[(row.arm, row.visit)]
        assert (row.n, row.n_excluded, row.n_change) == (
            expected["n"],
            expected["n_excluded"],
            expected["n_change"],
        )
        for of in ("total", "change"):
            for name, value in zip(STATISTICS, expected[of], strict=True):  # type: ignore[call-overload]
                assert _close(getattr(row, f"{of}_{name}"), value), (
                    row.arm,
                    row.visit,
                    of,
                    name,
                )
        assert row.levels == expected["levels"]


def test_summary_rows_are_typed(rows: list[mexsledai.VisitScore]) -> None:
    assert all(isinstance(s, SummaryRow) for s in summarize(rows))


class TestBaselineRules:
    """Baseline: the labelled visit, else each patient's earliest."""

    def test_earliest_by_day(self) -> None:
        records = [
            {"id": "P", "visit": "late", "day": "43", "arthritis": "x"},
            {"id": "P", "visit": "early", "day": "0", "seizures": "x"},
        ]
        rows = follow_up(records, patient="id", visit="visit", day="day")
        assert [(r.visit, r.change) for r in rows] == [("late", 2 - 8), ("early", 0)]

    def test_earliest_in_order_without_days(self) -> None:
        records = [
            {"id": "Q", "visit": "v1", "arthritis": "x"},
            {"id": "P", "visit": "v2", "seizures": "x"},
            {"id": "P", "visit": "v1", "arthritis": "x"},
        ]
        rows = follow_up(records, patient="id", visit="visit")
        # Visit order is first appearance: v1 then v2, so P's baseline is v1.
        assert [r.change for r in rows] == [0, 8 - 2, 0]

    def test_label_is_trimmed(self) -> None:
        records = [
            {"id": "P", "visit": " Baseline ", "arthritis": "x"},
            {"id": "P", "visit": "d22", "arthritis": "0"},
        ]
        rows = follow_up(records, patient="id", visit="visit", baseline="Baseline")
        assert [r.change for r in rows] == [0, -2]

    def test_incomplete_baseline(self) -> None:
        records: list[dict[str, object]] = [
            {"id": "P", "visit": "b", "arthritis": "x"},
            {"id": "P", "visit": "d22", "arthritis": "x", "seizures": False},
        ]
        rows = follow_up(records, patient="id", visit="visit", unrecorded="unknown")
        assert all(r.change is None for r in rows)
        assert all(not r.excluded for r in rows)
        assert any("no complete total" in p for p in rows[1].problems)

    def test_bad_day_is_invalid(self) -> None:
        records = [
            {"id": "P", "visit": "b", "day": "first", "arthritis": "x"},
            {"id": "P", "visit": "d", "day": "", "arthritis": "x"},
        ]
        rows = follow_up(records, patient="id", visit="visit", day="day")
        assert all(r.excluded for r in rows)
        assert "is not a number" in rows[0].problems[0]
        assert "no day" in rows[1].problems[0]

    def test_missing_column(self) -> None:
        with pytest.raises(
            mexsledai.TableError, match="'patient_id' is not in the header"
        ):
            follow_up([{"id": "P", "visit": "b", "arthritis": "x"}],
                      patient="patient_id", visit="visit")  # fmt: skip

    def test_near_miss_column(self) -> None:
        with pytest.raises(mexsledai.HeaderError):
            follow_up(
                [{"id": "P", "visit": "b", "psycosis": "x"}],
                patient="id",
                visit="visit",
            )


def test_cell_errors_make_the_row_invalid() -> None:
    rows = follow_up(
        [{"id": "P", "visit": "b", "arthritis": "maybe"}], patient="id", visit="visit"
    )
    assert rows[0].excluded
    assert rows[0].score is None
    assert "'maybe'" in rows[0].problems[0]


def test_nan_is_not_recorded() -> None:
    record: dict[str, object] = {
        "id": "P",
        "visit": "b",
        "arthritis": "x",
        "fatigue": math.nan,
    }
    rows = follow_up([record], patient="id", visit="visit")
    assert rows[0].total == 2
