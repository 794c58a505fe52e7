"""A small constructed trial with every data problem, and its summary worked
out by hand (see test_summaries.py)."""

from __future__ import annotations

# Totals from whole descriptors: seizures 8, psychosis 8, hematuria 6,
# vasculitis 4, myositis 3, arthritis 2, fatigue 1.
RECORDS: list[dict[str, object]] = [
    # P1, arm A: 10 -> 2 -> 0
    {
        "id": "P1",
        "arm": "A",
        "visit": "baseline",
        "day": 0,
        "seizures": "x",
        "arthritis": "x",
    },
    {"id": "P1", "arm": "A", "visit": "day 22", "day": 22, "arthritis": "x"},
    {"id": "P1", "arm": "A", "visit": "day 43", "day": 43, "arthritis": "0"},
    # P2, arm A: 6 -> 6 -> 3
    {"id": "P2", "arm": "A", "visit": "baseline", "day": 0, "hematuria": "x"},
    {"id": "P2", "arm": "A", "visit": "day 22", "day": 21, "hematuria": "x"},
    {"id": "P2", "arm": "A", "visit": "day 43", "day": 44, "myositis": "x"},
    # P3, arm B: 4 -> 5
    {"id": "P3", "arm": "B", "visit": "baseline", "day": 0, "vasculitis": "x"},
    {
        "id": "P3",
        "arm": "B",
        "visit": "day 22",
        "day": 22,
        "vasculitis": "x",
        "fatigue": "x",
    },
    # P4, arm B: 8, day 22 twice (both excluded), then 1
    {"id": "P4", "arm": "B", "visit": "baseline", "day": 1, "psychosis": "x"},
    {"id": "P4", "arm": "B", "visit": "day 22", "day": 22, "psychosis": "x"},
    {"id": "P4", "arm": "B", "visit": "day 22", "day": 23, "fatigue": "x"},
    {"id": "P4", "arm": "B", "visit": "day 43", "day": 43, "fatigue": "x"},
    # P5 changes arm: every row excluded
    {"id": "P5", "arm": "A", "visit": "baseline", "day": 0, "arthritis": "x"},
    {"id": "P5", "arm": "B", "visit": "day 22", "day": 22, "arthritis": "x"},
    # P6, arm A: no baseline row: counted, no change
    {
        "id": "P6",
        "arm": "A",
        "visit": "day 22",
        "day": 22,
        "arthritis": "x",
        "fatigue": "x",
    },
    # P7: no visit label: invalid, in no summary row
    {"id": "P7", "arm": "A", "visit": "", "day": 22, "arthritis": "x"},
]

SQRT8 = 2.8284271247461903  # stdev of two values 4 apart

# (arm, visit): n, n_excluded, n_change, total stats, change stats, levels
EXPECTED: dict[tuple[str | None, str], dict[str, object]] = {
    ("A", "baseline"): {
        "n": 2, "n_excluded": 1, "n_change": 2,
        "total": (8, SQRT8, 8, 7, 9, 6, 10), "change": (0, 0, 0, 0, 0, 0, 0),
        "levels": {"none": 0, "mild": 0, "moderate": 1, "severe": 1, "very_severe": 0},
    },
    ("A", "day 22"): {
        "n": 3, "n_excluded": 0, "n_change": 2,
        "total": (11 / 3, 2.0816659994661326, 3, 2.5, 4.5, 2, 6),
        "change": (-4, 5.656854249492381, -4, -6, -2, -8, 0),
        "levels": {"none": 0, "mild": 2, "moderate": 1, "severe": 0, "very_severe": 0},
    },
    ("A", "day 43"): {
        "n": 2, "n_excluded": 0, "n_change": 2,
        "total": (1.5, 2.1213203435596424, 1.5, 0.75, 2.25, 0, 3),
        "change": (-6.5, 4.949747468305833, -6.5, -8.25, -4.75, -10, -3),
        "levels": {"none": 1, "mild": 1, "moderate": 0, "severe": 0, "very_severe": 0},
    },
    ("B", "baseline"): {
        "n": 2, "n_excluded": 0, "n_change": 2,
        "total": (6, SQRT8, 6, 5, 7, 4, 8), "change": (0, 0, 0, 0, 0, 0, 0),
        "levels": {"none": 0, "mild": 1, "moderate": 1, "severe": 0, "very_severe": 0},
    },
    ("B", "day 22"): {
        "n": 1, "n_excluded": 3, "n_change": 1,
        "total": (5, None, 5, None, None, 5, 5), "change": (1, None, 1, None, None, 1, 1),
        "levels": {"none": 0, "mild": 1, "moderate": 0, "severe": 0, "very_severe": 0},
    },
    ("B", "day 43"): {
        "n": 1, "n_excluded": 0, "n_change": 1,
        "total": (1, None, 1, None, None, 1, 1), "change": (-7, None, -7, None, None, -7, -7),
        "levels": {"none": 1, "mild": 0, "moderate": 0, "severe": 0, "very_severe": 0},
    },
}  # fmt: skip
