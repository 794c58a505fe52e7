"""The vectorised engine gives, row for row, what the exact path gives, on
generated frames of every input kind."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mexsledai.frames.engine import (
    INTEGER_COLUMNS,
    LazyColumn,
    NullableColumn,
    ValidityBits,
    score_columns,
)
from mexsledai.tables import score_rows
from tests import spec_tables

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

FINDING_CELLS: list[Any] = [
    True, False, 1, 0, 1.0, 0.0, None, math.nan, pd.NA, "sí", "no", "x", "tidak ada",
    "Presente", "sim", "", " ", "maybe", 2, "1,0", "0.0",
]  # fmt: skip
LAB_CELLS: dict[str, list[Any]] = {
    key: [
        None,
        math.nan,
        pd.NA,
        low,
        high,
        (low + high) / 2,
        str(high),
        "abc",
        True,
        -1,
    ]
    for key, (low, high) in spec_tables.RANGES.items()
}
for key, (_, threshold, _) in spec_tables.THRESHOLDS.items():
    LAB_CELLS[key] += [
        threshold,
        threshold - 0.1,
        threshold + 0.1,
        str(threshold).replace(".", ","),
    ]
LAB_CELLS["lymphocytes_per_mm3"] += [50, 100, 101]
LAB_CELLS["lymphocytes_percent"] += [20, 29.9, 30, "25"]
LAB_CELLS["hemoglobin_g_per_dl"] += [11.9, 12, 12.1]
LAB_CELLS["reticulocytes_corrected_percent"] += [2.9, 3, 3.1]


@st.composite
def frames(draw: st.DrawFn, *, typed: bool) -> tuple[list[str], list[list[Any]]]:
    """A header of random finding and lab columns (two units of a quantity
    now and then) and columns of cells."""
    names = draw(
        st.lists(
            st.sampled_from([*spec_tables.FINDINGS, *spec_tables.LAB_KEYS]),
            unique=True, min_size=1, max_size=18,
        )
    )  # fmt: skip
    count = draw(st.integers(1, 12))
    columns = []
    for name in names:
        if typed:
            pool: list[Any] = (
                # now and then a number that is no finding value: an error
                [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, math.nan, math.nan, 2.0, 0.5, -1.0]
                if name in spec_tables.FINDINGS
                else [
                    v
                    for v in LAB_CELLS[name]
                    if isinstance(v, float | int) and not isinstance(v, bool)
                ]
            )
        else:
            pool = FINDING_CELLS if name in spec_tables.FINDINGS else LAB_CELLS[name]
        columns.append([draw(st.sampled_from(pool)) for _ in range(count)])
    return names, columns


def _exact(
    names: list[str], columns: list[list[Any]], policy: str, decimal: str
) -> list[tuple[Any, ...]]:
    rows = [
        [None if (c is None or c is pd.NA or (isinstance(c, float) and math.isnan(c))) else c
         for c in row]
        for row in zip(*columns, strict=True)
    ]  # fmt: skip
    return [
        r.appended()
        for r in score_rows([names, *rows], unrecorded=policy, decimal=decimal)  # type: ignore[arg-type]
    ]


def _engine(
    names: list[str], arrays: list[Any], policy: str, decimal: str
) -> list[tuple[Any, ...]]:
    out = score_columns(names, arrays, unrecorded=policy, decimal=decimal)  # type: ignore[arg-type]
    rows = list(zip(*(c.tolist() for c in out.values()), strict=True))
    names_out = list(out)
    return [
        tuple(
            "" if (v is None and n in INTEGER_COLUMNS) else v
            for n, v in zip(names_out, row, strict=True)
        )
        for row in rows
    ]


@settings(max_examples=300)
@given(
    frames(typed=False),
    st.sampled_from(["absent", "unknown"]),
    st.sampled_from([".", ","]),
)
def test_object_columns(
    table: tuple[list[str], list[list[Any]]], policy: str, decimal: str
) -> None:
    names, columns = table
    arrays = [np.array(column, dtype=object) for column in columns]
    assert _engine(names, arrays, policy, decimal) == _exact(
        names, columns, policy, decimal
    )


@settings(max_examples=300)
@given(frames(typed=True), st.sampled_from(["absent", "unknown"]))
def test_typed_columns(table: tuple[list[str], list[list[Any]]], policy: str) -> None:
    names, columns = table
    arrays = [np.array(column, dtype=float) for column in columns]
    assert _engine(names, arrays, policy, ".") == _exact(names, columns, policy, ".")


@settings(max_examples=100)
@given(frames(typed=True))
def test_integer_and_boolean_columns(table: tuple[list[str], list[list[Any]]]) -> None:
    names, columns = table
    arrays = []
    exact_columns = []
    for name, column in zip(names, columns, strict=True):
        if name in spec_tables.FINDINGS:
            ints = [0 if math.isnan(v) else int(v) for v in column]
            arrays.append(
                np.array([bool(v) for v in ints]) if name < "m" else np.array(ints)
            )
            exact_columns.append([bool(v) for v in ints] if name < "m" else ints)
        else:
            arrays.append(np.array(column, dtype=float))
            exact_columns.append(column)
    assert _engine(names, arrays, "absent", ".") == _exact(
        names, exact_columns, "absent", "."
    )


# What may lie under a null in Arrow's buffers: anything.
UNDER_NULLS = [1.0, 0.0, -1.0, 5000.0, 38.5, math.inf, -math.inf, math.nan, 1e300]


@st.composite
def nullable(draw: st.DrawFn, column: list[Any]) -> tuple[NullableColumn, list[Any]]:
    """A column as Arrow holds it, with some cells null (NaN cells now and
    then among them) and any number under a null; and the cells the exact
    path reads (None for a null)."""
    nulls = [
        draw(st.booleans())
        or (isinstance(v, float) and math.isnan(v) and draw(st.booleans()))
        for v in column
    ]
    whole = all(
        isinstance(v, int | float) and math.isfinite(v) and v == int(v) for v in column
    )
    if whole and draw(st.booleans()):  # integers, as Arrow's int64
        column = [int(v) for v in column]  # read as integers by both paths
        under: list[Any] = [draw(st.sampled_from([1, 0, -1, 5000])) for _ in column]
        values = np.array(
            [u if n else int(v) for v, n, u in zip(column, nulls, under, strict=True)],
            dtype=np.int64,
        )
    else:
        under = [draw(st.sampled_from(UNDER_NULLS)) for _ in column]
        values = np.array(
            [u if n else v for v, n, u in zip(column, nulls, under, strict=True)],
            dtype=float,
        )
    cells = [None if n else v for v, n in zip(column, nulls, strict=True)]
    if draw(st.booleans()):  # as Arrow holds them: packed bits, from an offset
        offset = draw(st.integers(0, 11))
        valid = [draw(st.booleans()) for _ in range(offset)] + [not n for n in nulls]
        bits = np.packbits(np.array(valid, dtype=bool), bitorder="little")
        return NullableColumn(values, ValidityBits(bits, offset, len(nulls))), cells
    return NullableColumn(values, np.array(nulls, dtype=bool)), cells


@settings(max_examples=300)
@given(frames(typed=True), st.sampled_from(["absent", "unknown"]), st.data())
def test_nullable_columns(
    table: tuple[list[str], list[list[Any]]], policy: str, data: st.DataObject
) -> None:
    """A null is blank, whatever number lies under it (no NaN fill first)."""
    names, columns = table
    drawn = [data.draw(nullable(column)) for column in columns]
    arrays = [array for array, _ in drawn]
    under = [array.values.copy() for array in arrays]
    assert _engine(names, arrays, policy, ".") == _exact(
        names, [cells for _, cells in drawn], policy, "."
    )
    for array, before in zip(arrays, under, strict=True):  # not written into
        np.testing.assert_array_equal(array.values, before)


def _lazy(array: Any, seen: list[str], name: str) -> LazyColumn:
    def read() -> Any:
        seen.append(name)
        return array

    return LazyColumn(read, lambda rows: array[rows].tolist(), len(array))


@settings(max_examples=200)
@given(
    frames(typed=False),
    st.lists(st.sampled_from(["P1", "", " ", None, math.nan, 7]), min_size=12),
    st.sampled_from(["absent", "unknown"]),
)
def test_lazy_columns_are_read_only_where_needed(
    table: tuple[list[str], list[list[Any]]], ids: list[Any], policy: str
) -> None:
    """Columns given lazily: the same answers as given as arrays, and a
    column that is no finding or lab is never read whole (its cells are
    taken for the exact path's rows, which tell an empty row by them)."""
    names, columns = table
    names = ["patient", *names]
    arrays = [
        np.array(ids[: len(columns[0])], dtype=object),
        *[np.array(column, dtype=object) for column in columns],
    ]
    seen: list[str] = []
    lazy = [_lazy(array, seen, name) for array, name in zip(arrays, names, strict=True)]
    assert _engine(names, lazy, policy, ".") == _engine(names, arrays, policy, ".")
    assert "patient" not in seen
    assert sorted(seen) == sorted(names[1:])


def test_a_row_of_an_identifier_only_is_an_error_not_empty() -> None:
    ids = np.array(["P1", None], dtype=object)
    seizures = np.array([math.nan, math.nan])
    out = score_columns(
        ["patient", "seizures"],
        [
            LazyColumn(_no_read, lambda rows: ids[rows].tolist(), 2),
            LazyColumn(lambda: seizures, _no_take, 2),
        ],
    )
    statuses = out["mexsledai_status"].tolist()
    assert statuses == [row[4] for row in _exact(["patient", "seizures"],
                                                  [["P1", None], [None, None]],
                                                  "absent", ".")]  # fmt: skip
    assert statuses[0] == "error"  # nothing recorded, but not an empty row


def _no_read() -> Any:
    raise AssertionError


def _no_take(rows: list[int]) -> list[Any]:
    raise AssertionError(rows)


def test_row_names_in_messages() -> None:
    out = score_columns(
        ["arthritis"], [np.array(["maybe"], dtype=object)], row_names=["visit-7"]
    )
    assert out["mexsledai_message"][0].startswith(
        "row 'visit-7', column A 'arthritis': "
    )


@pytest.fixture
def exact_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the exact path scores, as they are scored."""
    from mexsledai.tables.rows import TableScorer  # noqa: PLC0415

    calls: list[int] = []
    original = TableScorer.score_row

    def spy(self: TableScorer, cells: Any, row: int) -> Any:
        calls.append(row)
        return original(self, cells, row)

    monkeypatch.setattr(TableScorer, "score_row", spy)
    return calls


def test_the_common_row_takes_no_exact_path(exact_rows: list[int]) -> None:
    count = 1000
    out = score_columns(
        ["seizures", "arthritis", "leukocytes_per_mm3"],
        [np.ones(count), np.zeros(count), np.full(count, 3200.0)],
    )
    assert exact_rows == []
    assert set(out["mexsledai_score"].tolist()) == {9}
    assert set(out["mexsledai_derived"].tolist()) == {
        "leukopenia (leukocytes_per_mm3 = 3200)"
    }


def test_many_rows_share_few_derived_texts() -> None:
    """Thousands of rows whose lab values repeat: each distinct combination
    is described once and every row gets its own (several findings in one
    row joined in registry order), as on the exact path."""
    rng = np.random.default_rng(7)
    count = 3000
    pools = {
        "leukocytes_per_mm3": [3999.0, 4000.0, 3200.0, 2500.5, math.nan],
        "lymphocytes_per_mm3": [1199.0, 1200.0, 900.0, math.nan],
        "platelets_10e9_per_l": [99.0, 100.0, 60.0, math.nan],
        "hemoglobin_g_per_dl": [11.9, 12.0, 10.5, math.nan],
        "reticulocytes_corrected_percent": [3.1, 3.0, 4.1, math.nan],
        "temperature_c": [38.1, 38.0, 39.5, math.nan],
    }
    names = ["seizures", "leukopenia", *pools]
    columns = [
        list(rng.choice([1.0, 0.0, math.nan], count)),
        [math.nan] * count,
        *(list(rng.choice(pool, count)) for pool in pools.values()),
    ]
    # The last row: every derivation present (the findings' order is the
    # registry's: hemolysis, thrombocytopenia, fever, leukopenia, lymphopenia).
    last = [math.nan, math.nan, 3200.0, 900.0, 60.0, 10.5, 4.1, 38.1]
    for column, value in zip(columns, last, strict=True):
        column.append(value)
    arrays = [np.array(column, dtype=float) for column in columns]
    engine = _engine(names, arrays, "absent", ".")
    assert engine == _exact(names, columns, "absent", ".")
    assert engine[-1][6] == (
        "hemolysis (hemoglobin_g_per_dl = 10.5, reticulocytes_corrected_percent = 4.1); "
        "thrombocytopenia (platelets_10e9_per_l = 60); fever (temperature_c = 38.1); "
        "leukopenia (leukocytes_per_mm3 = 3200); lymphopenia (lymphocytes_per_mm3 = 900)"
    )
    # hemolysis/thrombocytopenia 3, fever/fatigue 1, leukopenia/lymphopenia 1:
    # each descriptor once.
    assert engine[-1][:4] == (5, 5, 5, "mild")
    assert len({row[6] for row in engine}) > 50


def test_text_column_codes() -> None:
    from mexsledai.frames.engine import TextColumn  # noqa: PLC0415

    column = TextColumn(np.zeros(3, dtype=np.int64), [""])
    column.set(1, "error")
    column.set(2, "error")
    column.set(0, "")
    assert column.tolist() == ["", "error", "error"]
    assert column.labels == ["", "error"]
    assert column[1] == "error"


def test_a_derived_row_is_not_worded_as_its_neighbour() -> None:
    """Rows share a wording only when the same findings were derived from
    the same values: a row without a fever beside one with it."""
    out = score_columns(
        ["leukocytes_per_mm3", "temperature_c"],
        [np.array([3200.0, 5000.0, 3200.0]), np.array([np.nan, 39.5, 39.5])],
    )
    assert out["mexsledai_derived"].tolist() == [
        "leukopenia (leukocytes_per_mm3 = 3200)",
        "fever (temperature_c = 39.5)",
        "fever (temperature_c = 39.5); leukopenia (leukocytes_per_mm3 = 3200)",
    ]
    # fever/fatigue 1, leukopenia/lymphopenia 1
    assert out["mexsledai_score"].tolist() == [1, 1, 2]


def test_a_boolean_lab_cell_is_an_error_even_after_a_one() -> None:
    """True equals 1 in Python: a cache of read cells must not give the
    boolean the number's reading."""
    out = score_columns(
        ["psychosis", "platelets_10e9_per_l"],
        [np.array([True, True], dtype=object), np.array([1, True], dtype=object)],
    )
    assert out["mexsledai_status"].tolist() == ["scored", "error"]
    assert "a boolean: not a number" in out["mexsledai_message"][1]


def test_a_null_is_worded_by_its_cell_not_by_what_lies_under_it() -> None:
    """Two units of a quantity, each given in one row and null in the other,
    with the other row's value lying under the null: the rows share the
    numbers under them, not the wording (a platelet count below 100 x10^9/L
    or 100,000/mm3 derives thrombocytopenia)."""
    out = score_columns(
        ["platelets_per_mm3", "platelets_10e9_per_l"],
        [
            NullableColumn(np.array([50000.0, 50000.0]), np.array([False, True])),
            NullableColumn(np.array([50.0, 50.0]), np.array([True, False])),
        ],
    )
    assert out["mexsledai_derived"].tolist() == [
        "thrombocytopenia (platelets_per_mm3 = 50000)",
        "thrombocytopenia (platelets_10e9_per_l = 50)",
    ]
    # hemolysis/thrombocytopenia 3
    assert out["mexsledai_score"].tolist() == [3, 3]


def test_an_implausible_number_under_a_null_takes_no_exact_path(
    exact_rows: list[int],
) -> None:
    """What lies under a null is never read: infinities and numbers outside
    every plausible range there leave the row to the engine."""
    under = np.array([math.inf, -math.inf, 1e300, -1.0, 5.0, 0.5])
    nulls = np.ones(len(under), dtype=bool)
    out = score_columns(
        ["seizures", "leukopenia", "leukocytes_per_mm3", "temperature_c"],
        [
            np.ones(len(under)),
            NullableColumn(under.copy(), nulls),
            NullableColumn(under.copy(), nulls),
            NullableColumn(under.copy(), nulls),
        ],
    )
    assert exact_rows == []
    assert out["mexsledai_score"].tolist() == [8] * len(under)
    assert out["mexsledai_derived"].tolist() == [""] * len(under)
