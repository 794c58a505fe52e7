"""The baseline rules, on constructed trials worked out by hand.

Totals: seizures 8, arthritis 2, fatigue 1, vasculitis 4. Each case is one
patient, P, with visits baseline (day 0), day 22 and day 43, and one data
problem; a second patient, Q, is complete and fixes the visit order.
"""

from __future__ import annotations

from typing import Any

import pytest

from mexsledai import follow_up
from mexsledai.registry import FINDING_KEYS
from mexsledai.tables import TableError

Q = [
    {"id": "Q", "visit": "baseline", "day": 0, "fatigue": "x"},
    {"id": "Q", "visit": "day 22", "day": 22, "fatigue": "0"},
    {"id": "Q", "visit": "day 43", "day": 43, "fatigue": "0"},
]


def _p(visit: str, day: object, **findings: str) -> dict[str, object]:
    return {"id": "P", "visit": visit, "day": day, **findings}


# The audit's example: baseline 10 (seizures + arthritis), day 22 2, day 43 0.
LATER = [_p("day 22", 22, arthritis="x"), _p("day 43", 43, arthritis="0")]
CASES: dict[str, list[dict[str, object]]] = {
    "no baseline row": LATER,
    "a blank day": [_p("baseline", "", seizures="x", arthritis="x"), *LATER],
    "an unreadable cell": [_p("baseline", 0, seizures="maybe", arthritis="x"), *LATER],
    "a duplicated baseline": [
        _p("baseline", 0, seizures="x", arthritis="x"),
        _p("baseline", 1, seizures="x"),
        *LATER,
    ],
    "an incomplete baseline": [_p("baseline", 0, seizures="x"), *LATER],
}
# Where P's rows start (Q's three rows come first; the header is row 1).
FIRST = 5


def _run(case: str, **options: Any) -> list[Any]:
    rows = follow_up(
        [*Q, *CASES[case]], patient="id", visit="visit", day="day", **options
    )
    return [r for r in rows if r.patient == "P"]


def _complete(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Every finding recorded: blanks absent, so the 'unknown' policy is exact
    except where a record leaves something blank on purpose."""
    return [{**dict.fromkeys(FINDING_KEYS, "0"), **r} for r in records]


class TestTheTrialsBaseline:
    """The default: the trial's first visit, the same for every patient."""

    @pytest.mark.parametrize(
        ("case", "why"),
        [
            ("no baseline row", "patient P has no row at the baseline visit 'baseline'"),
            ("a blank day", "patient P's row at the baseline visit 'baseline' (row 5) is excluded"),
            ("an unreadable cell", "patient P's row at the baseline visit 'baseline' (row 5) is excluded"),
            ("a duplicated baseline", "patient P's row at the baseline visit 'baseline' (rows 5, 6) is excluded"),
        ],
    )  # fmt: skip
    def test_no_usable_row_means_no_change(self, case: str, why: str) -> None:
        rows = _run(case)
        later = [r for r in rows if r.visit in ("day 22", "day 43")]
        # day 22 keeps its total (2) and day 43 (0), but no change: never -2
        assert [r.total for r in later] == [2, 0]
        assert [r.change for r in later] == [None, None]
        assert [r.baseline_total for r in rows] == [None] * len(rows)
        for row in rows:
            assert f"{why}: no change" in row.problems
        for row in later:
            assert not row.excluded  # still counted in the totals

    def test_an_incomplete_baseline_under_unknown(self) -> None:
        records = _complete([*Q, *CASES["an incomplete baseline"]])
        records[3]["arthritis"] = ""  # P's baseline: seizures, arthritis unknown
        rows = follow_up(records, patient="id", visit="visit", day="day",
                         unrecorded="unknown")  # fmt: skip
        p = [r for r in rows if r.patient == "P"]
        assert (p[0].total, p[0].score.minimum, p[0].score.maximum) == (None, 8, 10)  # type: ignore[union-attr]
        assert [r.total for r in p] == [None, 2, 0]
        assert [r.change for r in p] == [None, None, None]
        why = (
            "patient P's row at the baseline visit 'baseline' (row 5) has no "
            "complete total: no change"
        )
        assert all(why in r.problems for r in p)

    def test_an_arm_change(self) -> None:
        records = [{**r, "arm": "A"} for r in [*Q, *CASES["a blank day"]]]
        records = [*records[:3], {**records[3], "day": 0}, records[4],
                   {**records[5], "arm": "B"}]  # fmt: skip
        rows = follow_up(records, patient="id", visit="visit", day="day", arm="arm")
        p = [r for r in rows if r.patient == "P"]
        assert all(r.excluded for r in p)
        assert [r.change for r in p] == [None, None, None]
        assert [r.baseline_total for r in p] == [None, None, None]
        for row in p:
            assert "patient P is in more than one arm: 'A', 'B'" in row.problems

    def test_a_usable_baseline(self) -> None:
        records = [*Q, _p("baseline", 0, seizures="x", arthritis="x"), *LATER]
        rows = follow_up(records, patient="id", visit="visit", day="day")
        p = [r for r in rows if r.patient == "P"]
        assert [(r.total, r.baseline_total, r.change) for r in p] == [
            (10, 10, 0), (2, 10, -8), (0, 10, -10),
        ]  # fmt: skip
        assert [r.is_baseline for r in p] == [True, False, False]
        assert all(r.problems == () for r in p)

    def test_a_named_baseline(self) -> None:
        rows = _run("no baseline row", baseline="day 22")
        assert [(r.visit, r.change) for r in rows] == [("day 22", 0), ("day 43", -2)]

    def test_a_baseline_that_names_no_visit(self) -> None:
        with pytest.raises(TableError) as caught:
            _run("no baseline row", baseline="Baseline")
        assert str(caught.value) == (
            "the baseline 'Baseline' is not a visit label; the visits are: "
            "'baseline', 'day 22', 'day 43'"
        )

    def test_both_rules_is_an_error(self) -> None:
        with pytest.raises(ValueError, match="not both"):
            _run("no baseline row", baseline="baseline", per_patient_baseline=True)

    def test_excluded_rows_keep_the_baseline_but_no_change(self) -> None:
        records = [*Q, _p("baseline", 0, seizures="x"), _p("day 22", 22, fatigue="x"),
                   _p("day 22", 23, arthritis="x")]  # fmt: skip
        rows = follow_up(records, patient="id", visit="visit", day="day")
        p = [r for r in rows if r.patient == "P"]
        assert [(r.baseline_total, r.change, r.excluded) for r in p] == [
            (8, 0, False), (8, None, True), (8, None, True),
        ]  # fmt: skip


class TestPerPatientBaselines:
    """For cohorts: each patient's earliest usable row."""

    @pytest.mark.parametrize(
        "case",
        [
            "no baseline row",
            "a blank day",
            "an unreadable cell",
            "a duplicated baseline",
        ],
    )
    def test_the_earliest_usable_row(self, case: str) -> None:
        rows = _run(case, per_patient_baseline=True)
        later = [r for r in rows if r.visit in ("day 22", "day 43")]
        assert [(r.total, r.baseline_total, r.change) for r in later] == [
            (2, 2, 0), (0, 2, -2),
        ]  # fmt: skip
        assert [r.is_baseline for r in later] == [True, False]
        taken = "baseline taken at 'day 22': no usable row at 'baseline'"
        for row in rows:  # the baseline row itself says so too
            assert taken in row.problems

    def test_the_first_visit_needs_no_message(self) -> None:
        records = [*Q, _p("baseline", 0, seizures="x"), *LATER]
        rows = follow_up(records, patient="id", visit="visit", day="day",
                         per_patient_baseline=True)  # fmt: skip
        assert all(r.problems == () for r in rows)
        assert [r.change for r in rows if r.patient == "P"] == [0, -6, -8]

    def test_an_incomplete_first_row(self) -> None:
        records = _complete([*Q, *CASES["an incomplete baseline"]])
        records[3]["arthritis"] = ""
        rows = follow_up(records, patient="id", visit="visit", day="day",
                         unrecorded="unknown", per_patient_baseline=True)  # fmt: skip
        p = [r for r in rows if r.patient == "P"]
        assert [r.change for r in p] == [None, 0, -2]

    def test_the_lowest_day_wins_over_the_visit_order(self) -> None:
        records = [*Q, _p("day 43", 40, arthritis="x"), _p("day 22", 50, fatigue="x")]
        rows = follow_up(records, patient="id", visit="visit", day="day",
                         per_patient_baseline=True)  # fmt: skip
        p = [r for r in rows if r.patient == "P"]
        assert [(r.visit, r.change) for r in p] == [("day 43", 0), ("day 22", -1)]

    def test_ties_go_by_visit_order_then_input_order(self) -> None:
        records: list[dict[str, object]] = [
            *Q,
            {"id": "P", "visit": "day 43", "arthritis": "x"},
            {"id": "P", "visit": "day 22", "fatigue": "x"},
        ]
        rows = follow_up(
            records, patient="id", visit="visit", per_patient_baseline=True
        )
        p = [r for r in rows if r.patient == "P"]
        # without days: visit order (first appearance: baseline, day 22, day 43)
        assert [(r.visit, r.change) for r in p] == [("day 43", 1), ("day 22", 0)]

    def test_no_usable_row(self) -> None:
        records = [*Q, _p("baseline", "", seizures="x"), _p("day 22", "?", fatigue="x")]
        rows = follow_up(records, patient="id", visit="visit", day="day",
                         per_patient_baseline=True)  # fmt: skip
        p = [r for r in rows if r.patient == "P"]
        assert [r.change for r in p] == [None, None]
        assert all(
            "patient P has no usable row for a baseline: no change" in r.problems
            for r in p
        )
