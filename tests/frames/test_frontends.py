"""Each front-end gives what pandas gives on the same data; Dask and Spark on
local clusters."""

from __future__ import annotations

import math
import os
import re
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mexsledai.frames.engine import INTEGER_COLUMNS
from mexsledai.tables import HeaderError
from mexsledai.tables.headers import OUTPUT_COLUMNS as OUTPUT
from tests.frames.test_engine import frames

pd = pytest.importorskip("pandas")

DATA: dict[str, list[Any]] = {
    "patient": ["P1", "P2", "P3", "P4", "P5", "P6"],
    "Convulsiones": [1.0, math.nan, 0.0, 1.0, 0.0, math.nan],
    "fever": [math.nan, 0.0, math.nan, 1.0, 0.0, math.nan],
    "Leucocitos (/mm³)": [3200.0, 5000.0, math.nan, 2.0, 4000.0, math.nan],
    "temperature_c": [37.0, 38.5, 39.0, math.nan, 36.5, math.nan],
}
# P1: 8 + leukopenia 1 (derived); P2: fever 0 vs 38.5 °C, a conflict; P3: fever
# derived from 39.0 °C; P4: 2/mm³ is implausible, an error; P5: 0; P6: nothing
EXPECTED_SCORES = [9, 0, 1, None, 0, None]


def _pandas_result(**options: Any) -> Any:
    from mexsledai.pandas import score_frame  # noqa: PLC0415

    return score_frame(pd.DataFrame(DATA, index=list("abcdef")), **options)


def _unnamed(message: str) -> str:
    """A message without the row's name (an index label or a position)."""
    return re.sub(r"^row [^,:]+", "row", message)


def _values(frame: Any, name: str) -> list[Any]:
    return [None if v is pd.NA or v is None else v for v in frame[name].tolist()]


class TestPandas:
    def test_values(self) -> None:
        result = _pandas_result()
        assert _values(result, "mexsledai_score") == EXPECTED_SCORES
        assert str(result["mexsledai_score"].dtype) == "Int64"
        assert list(result.index) == list("abcdef")
        assert list(result.columns[:5]) == list(DATA)
        assert _values(result, "mexsledai_derived")[:3] == [
            "leukopenia (leukocytes_per_mm3 = 3200)", "", "fever (temperature_c = 39)",
        ]  # fmt: skip
        assert "fever recorded False" in result.loc["b", "mexsledai_message"]
        assert result.loc["d", "mexsledai_message"].startswith("row 'd', column D")
        assert result.loc["f", "mexsledai_status"] == "error"

    def test_explain_and_old_columns_replaced(self) -> None:
        from mexsledai.pandas import score_frame  # noqa: PLC0415

        frame = pd.DataFrame(DATA).assign(mexsledai_score=99)
        result = score_frame(frame, explain=True)
        assert list(result.columns).count("mexsledai_score") == 1
        assert _values(result, "mexsledai_neurological")[0] == 8
        assert _values(result, "mexsledai_scheme")[0] == "five-level"

    def test_header_stop(self) -> None:
        from mexsledai.pandas import score_frame  # noqa: PLC0415

        with pytest.raises(HeaderError, match="names hemoglobin without its unit"):
            score_frame(pd.DataFrame({"Hemoglobina": [11.0], "fever": [1.0]}))


def test_polars() -> None:
    pl = pytest.importorskip("polars")
    from mexsledai.polars import score_frame  # noqa: PLC0415

    result = score_frame(pl.DataFrame(DATA))
    expected = _pandas_result()
    assert result.columns == [
        *DATA,
        *[c for c in expected.columns if c.startswith("mexsledai_")],
    ]
    assert result["mexsledai_score"].dtype == pl.Int64
    for name in expected.columns[len(DATA) :]:
        got = result[name].to_list()
        want = _values(expected, name)
        if name == "mexsledai_message":  # polars rows are named by position
            got = [_unnamed(m) for m in got]
            want = [_unnamed(m) for m in want]
        assert got == want, name


def test_arrow() -> None:
    pa = pytest.importorskip("pyarrow")
    from mexsledai.arrow import score_table  # noqa: PLC0415

    result = score_table(pa.table(DATA), explain=True)
    expected = _pandas_result(explain=True)
    assert result.schema.field("mexsledai_score").type == pa.int64()
    for name in expected.columns[len(DATA) :]:
        got = result.column(name).to_pylist()
        want = _values(expected, name)
        if name == "mexsledai_message":  # Arrow rows are named by position
            got = [_unnamed(m) for m in got]
            want = [_unnamed(m) for m in want]
        assert got == want, name


def _arrow_table(
    pa: Any, names: list[str], columns: list[list[Any]], data: st.DataObject
) -> tuple[Any, list[list[Any]]]:
    """Columns as an Arrow table that holds its numbers as Arrow does: NaN
    cells null (or, now and then, NaN values), whole numbers as int64 now and
    then, columns in several chunks, the table a slice (its arrays with an
    offset). Also the cells the exact path reads."""
    arrays, cells = [], []
    for column in columns:
        nulls = [
            isinstance(v, float) and math.isnan(v) and data.draw(st.booleans())
            for v in column
        ]
        whole = all(not isinstance(v, float) or v.is_integer() for v in column)
        kind = pa.int64() if whole and data.draw(st.booleans()) else pa.float64()
        values = [
            None if n else int(v) if kind == pa.int64() else float(v)
            for v, n in zip(column, nulls, strict=True)
        ]
        # A frame's NaN is blank, as a null is; an int64 column holds integers.
        cells.append(
            [
                None
                if isinstance(v, float) and math.isnan(v)
                else int(v)
                if kind == pa.int64()
                else v
                for v in column
            ]
        )
        # One row before the first, sliced off below; then chunks.
        values = [None if data.draw(st.booleans()) else values[0], *values]
        cuts = sorted(data.draw(st.sets(st.integers(1, len(values) - 1), max_size=2)))
        pieces = [
            values[a:b] for a, b in zip([0, *cuts], [*cuts, len(values)], strict=True)
        ]
        arrays.append(
            pa.chunked_array([pa.array(piece, type=kind) for piece in pieces])
        )
    table = pa.table(dict(zip(names, arrays, strict=True))).slice(1)
    return table, cells


def _numbers_unnamed(message: str) -> str:
    """A message without the numbers of its rows (every mention)."""
    return re.sub(r"\brow \d+", "row", message)


def _exact_columns(
    names: list[str], cells: list[list[Any]], **options: Any
) -> dict[str, list[Any]]:
    """The appended columns the exact path gives, integers None when blank,
    messages without the row's name."""
    from mexsledai.tables import score_rows  # noqa: PLC0415

    rows = list(zip(*cells, strict=True))
    results = [r.appended() for r in score_rows([names, *rows], **options)]
    out: dict[str, list[Any]] = {}
    for at, name in enumerate(OUTPUT):
        values: list[Any] = [r[at] for r in results]
        if name in INTEGER_COLUMNS:
            values = [None if v == "" else v for v in values]
        out[name] = (
            [_numbers_unnamed(v) for v in values]
            if name == "mexsledai_message"
            else values
        )
    return out


@settings(max_examples=150, deadline=None)
@given(frames(typed=True), st.sampled_from(["absent", "unknown"]), st.data())
def test_arrow_nulls_chunks_and_offsets(
    table: tuple[list[str], list[list[Any]]], policy: str, data: st.DataObject
) -> None:
    pa = pytest.importorskip("pyarrow")
    from mexsledai.arrow import score_table  # noqa: PLC0415

    names, columns = table
    arrow_table, cells = _arrow_table(pa, names, columns, data)
    result = score_table(arrow_table, unrecorded=policy)  # type: ignore[arg-type]
    want = _exact_columns(names, cells, unrecorded=policy)
    for name in OUTPUT:
        got = result.column(name).to_pylist()
        if name == "mexsledai_message":
            got = [_numbers_unnamed(m) for m in got]
        assert got == want[name], name


@settings(max_examples=100, deadline=None)
@given(frames(typed=True), st.data(), st.booleans())
def test_polars_nulls_with_and_without_pyarrow(
    table: tuple[list[str], list[list[Any]]], data: st.DataObject, arrow: bool
) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    import importlib.util  # noqa: PLC0415

    from mexsledai.polars import score_frame  # noqa: PLC0415

    names, columns = table
    arrow_table, cells = _arrow_table(pa, names, columns, data)
    frame = pl.from_arrow(arrow_table)
    want = _exact_columns(names, cells)
    find_spec = importlib.util.find_spec
    with pytest.MonkeyPatch.context() as patch:
        if not arrow:  # polars without pyarrow fills nulls itself
            patch.setattr(
                importlib.util,
                "find_spec",
                lambda name, *a: None if name == "pyarrow" else find_spec(name, *a),
            )
        result = score_frame(frame)
    for name in OUTPUT:
        got = result[name].to_list()
        if name == "mexsledai_message":
            got = [_numbers_unnamed(m) for m in got]
        assert got == want[name], name


def test_dask_on_a_local_cluster() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    from mexsledai.dask import score_frame  # noqa: PLC0415

    frame = dd.from_pandas(pd.DataFrame(DATA, index=list("abcdef")), npartitions=2)
    lazy = score_frame(frame)
    assert list(lazy.columns) == list(
        _pandas_result().columns
    )  # the meta, before computing
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        computed = lazy.compute()
    expected = _pandas_result()
    appended = [c for c in expected.columns if c.startswith("mexsledai_")]
    # dask turns text columns into its own string dtype; the appended columns
    # keep theirs
    pd.testing.assert_frame_equal(
        computed[appended], expected[appended], check_index_type=False
    )
    assert computed["patient"].tolist() == DATA["patient"]
    with pytest.raises(HeaderError):
        score_frame(dd.from_pandas(pd.DataFrame({"temp": [37.0]}), npartitions=1))


def test_spark_on_local_2() -> None:
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    from pyspark.sql import SparkSession  # noqa: PLC0415

    from mexsledai.spark import score_dataframe  # noqa: PLC0415

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("mexsledai-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        rows = [
            tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
            for row in zip(*DATA.values(), strict=True)
        ]
        schema = ("patient string, Convulsiones double, fever double, "
                  "`Leucocitos (/mm³)` double, temperature_c double")  # fmt: skip
        frame = spark.createDataFrame(rows, schema).repartition(2)
        lazy = score_dataframe(frame)
        assert lazy.schema["mexsledai_score"].dataType.typeName() == "long"
        assert lazy.schema["mexsledai_derived"].dataType.typeName() == "string"
        got = {r["patient"]: r.asDict() for r in lazy.collect()}
        expected = _pandas_result()
        for name in ("mexsledai_score", "mexsledai_category", "mexsledai_status",
                     "mexsledai_derived"):  # fmt: skip
            want = dict(zip(DATA["patient"], _values(expected, name), strict=True))
            assert {p: got[p][name] for p in DATA["patient"]} == want, name
        with pytest.raises(HeaderError):
            score_dataframe(spark.createDataFrame([(37.0,)], "temp double"))
    finally:
        spark.stop()


@pytest.mark.parametrize(
    ("module", "function", "missing", "hint"),
    [
        ("mexsledai.polars", "score_frame", "polars", "mexsledai[polars]"),
        ("mexsledai.arrow", "score_table", "pyarrow", "mexsledai[arrow]"),
        ("mexsledai.dask", "score_frame", "dask.dataframe", "mexsledai[dask]"),
        ("mexsledai.spark", "score_dataframe", "pyspark.sql.types", "mexsledai[spark]"),
    ],
)
def test_missing_packages_say_what_to_install(
    monkeypatch: pytest.MonkeyPatch, module: str, function: str, missing: str, hint: str
) -> None:
    import importlib  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, missing, None)
    with pytest.raises(ImportError, match=re.escape(hint)):
        getattr(importlib.import_module(module), function)(None)
