"""The fast path gives, for every row, exactly what the full path gives."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from mexsledai.scoring import Unrecorded
from mexsledai.tables.fast import FastRows
from mexsledai.tables.rows import TableScorer
from tests import spec_tables
from tests.property.strategies import policies

# Every finding, labs in two units of one quantity and in plain ones, and
# ordinary columns; some findings left without a column.
HEADER = [
    "patient", *spec_tables.FINDINGS[:-3], "leukocytes_per_mm3", "leukocytes_10e9_per_l",
    "lymphocytes_per_mm3", "platelets_10e9_per_l", "hemoglobin_g_per_dl",
    "reticulocytes_corrected_percent", "urine_rbc_per_hpf", "temperature_c", "notes",
]  # fmt: skip
words = st.sampled_from(
    ["", "", "0", "0", "0", "1", "x", "no", "sí", "tidak", "-", "+"]
)
numbers = {
    # Leading zeros, a final or a doubled mark, an exponent, white space and
    # other scripts' digits, beside the plain numbers the fast path reads.
    "leukocytes_per_mm3": [
        "",
        "",
        "3999",
        "4000",
        "4001",
        "2500",
        "04001",
        "3999.",
        "3999,",
        "3999.5",
        "3999,5",
        "4.0e3",
        " 4001",
        "4001 ",
        "٣٩٩٩",
        "4,000.0",
        "'4001",
    ],
    "leukocytes_10e9_per_l": ["", "", "", "", "3.9", "4.0"],
    "lymphocytes_per_mm3": ["", "1199", "1200", "900"],
    "platelets_10e9_per_l": ["", "99", "100", "101"],
    "hemoglobin_g_per_dl": ["", "11.9", "12", "12.1"],
    "reticulocytes_corrected_percent": ["", "", "3", "3.1", "2.9"],
    "urine_rbc_per_hpf": ["", "5", "6", "0"],
    "temperature_c": ["", "38", "38.1", "37.5", "38.", "38,1", "038,10", ".38"],
}
DERIVABLE = {"hematuria", "proteinuria", "hemolysis", "thrombocytopenia", "fever"}
# Cells the fast path hands to the full path: not a finding, not a number,
# implausible, a decimal comma without the option.
bad_cells = st.sampled_from(["maybe", "=1", "abc", "3,5", "-5", "101", "9,5"])


@st.composite
def rows(draw: st.DrawFn) -> list[str]:
    row = [draw(st.sampled_from(["P1", "", "=cmd"]))]
    for name in HEADER[1:-1]:
        if name in numbers:
            row.append(draw(st.sampled_from(numbers[name])))
        elif name in DERIVABLE:  # mostly blank: left to the lab value
            row.append(draw(st.sampled_from(["", "", "", "0", "1"])))
        else:
            row.append(draw(words))
    row.append(draw(st.sampled_from(["", "note", "@x"])))
    if draw(st.integers(0, 9)) == 0:  # now and then, one bad cell
        row[draw(st.integers(1, len(row) - 2))] = draw(bad_cells)
    cut = draw(st.sampled_from([len(row), len(row), len(row), 5, len(row) + 1]))
    return row[:cut] if cut <= len(row) else [*row, "extra"]


@settings(max_examples=200)
@given(st.lists(rows(), min_size=5, max_size=40), policies, st.sampled_from([".", ","]),
       st.sampled_from(["five-level", "three-level-id"]), st.booleans())  # fmt: skip
def test_same_as_the_full_path(
    table: list[list[str]], policy: Unrecorded, decimal: str, scheme: str, as_text: bool
) -> None:
    scorer = TableScorer(HEADER, unrecorded=policy, decimal=decimal, scheme=scheme)  # type: ignore[arg-type]
    fast = FastRows(scorer, as_text=as_text)
    # Twice: the second batch reads from the caches the first one filled.
    for _ in range(2):
        appended, statuses, blank = fast.batch([list(r) for r in table], 2)
        full = [
            scorer.score_row(row, number) for number, row in enumerate(table, start=2)
        ]
        expected = [r.appended() for r in full]
        if as_text:
            expected = [tuple(str(v) for v in values) for values in expected]
        assert appended == expected
        assert statuses == dict(Counter(r.status for r in full))
        assert blank == sum(r.blank_counted_absent for r in full)


# Spreadsheet values: booleans and the numbers 1 and 0 are finding values;
# in lab columns, plausible numbers, and booleans, which are no numbers though
# True equals 1 (a plausible platelet count in 10^9/L).
typed_findings = st.sampled_from([None, None, None, True, False, False, 1, 0, 1.0, 0.0])
typed_numbers: dict[str, list[object]] = {
    "leukocytes_per_mm3": [None, 3200, 3999.5, 4000, True],
    "leukocytes_10e9_per_l": [None, None, None, 3.9, False],
    "lymphocytes_per_mm3": [None, 1100, 1200.0, True],
    "platelets_10e9_per_l": [None, 1, 1.0, True, 85.0, 150, False],
    "hemoglobin_g_per_dl": [None, 11.9, 12, 13.5],
    "reticulocytes_corrected_percent": [None, None, 3, 3.5, 1, True],
    "urine_rbc_per_hpf": [None, 0, 6, 1, True],
    "temperature_c": [None, 38.5, 37],
}


@st.composite
def typed_rows(draw: st.DrawFn) -> list[object]:
    """Rows as an xlsx sheet gives them: booleans, numbers, dates, None."""
    row: list[object] = [draw(st.sampled_from(["P1", None, dt.datetime(2025, 3, 1)]))]
    for name in HEADER[1:-1]:
        if name in typed_numbers:
            row.append(draw(st.sampled_from(typed_numbers[name])))
        else:
            row.append(draw(typed_findings))
    row.append(draw(st.sampled_from([None, "note", dt.date(2025, 1, 2), 3.5])))
    if draw(st.integers(0, 9)) == 0:  # now and then, a finding that is no word
        row[draw(st.integers(1, 22))] = draw(st.sampled_from([2, dt.date(2025, 1, 1)]))
    return row


@settings(max_examples=150)
@given(st.lists(typed_rows(), min_size=1, max_size=30), policies)
def test_same_as_the_full_path_for_spreadsheet_values(
    table: list[list[object]], policy: Unrecorded
) -> None:
    scorer = TableScorer(HEADER, unrecorded=policy)
    appended, statuses, blank = FastRows(scorer).batch([list(r) for r in table], 2)
    full = [scorer.score_row(row, number) for number, row in enumerate(table, start=2)]
    assert appended == [r.appended() for r in full]
    assert statuses == dict(Counter(r.status for r in full))
    assert blank == sum(r.blank_counted_absent for r in full)
