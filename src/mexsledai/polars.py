"""polars frames: score a DataFrame with the vectorised engine.

Needs polars (the ``polars`` extra), imported only when a function here runs.

Examples:
    >>> import polars as pl
    >>> scored = score_frame(pl.DataFrame({"seizures": ["x", None], "fatigue": [0, 1]}))
    >>> scored["mexsledai_score"].to_list()
    [8, 1]
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from ._bands import DEFAULT_SCHEME
from ._optional import require
from .frames.arrow_nulls import nullable_numbers
from .frames.engine import (
    IntColumn,
    LazyColumn,
    NullableColumn,
    numpy_module,
    score_columns,
)
from .tables.cells import Decimal
from .tables.headers import is_output_column

if TYPE_CHECKING:
    import polars as pl

    from .schemes import CategoryScheme
    from .scoring import Unrecorded

__all__ = ["score_frame"]


def _polars() -> Any:
    return require(
        "polars", extra="polars", packages="polars", purpose="scoring polars frames"
    )


def score_frame(
    frame: pl.DataFrame,
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    explain: bool = False,
) -> pl.DataFrame:
    """``frame`` with the appended columns of ``mexsledai score`` (with
    ``explain``, those of ``--explain``): integers as nullable ``Int64``,
    text as ``Utf8``. Earlier ``mexsledai_*`` columns are replaced; error
    messages name rows by their position from 0.

    Raises:
        HeaderError: the names cannot be read safely (as the command says).
    """
    polars = _polars()
    kept = [c for c in frame.columns if not is_output_column(c)]
    appended = score_columns(
        kept,
        _numpy_columns(polars, frame.select(kept)),
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        column_map=columns,
        explain=explain,
        row_names=range(frame.height),
    )
    added: list[pl.Series] = []
    for name, column in appended.items():
        if isinstance(column, IntColumn):
            values = polars.Series(name, column.values, dtype=polars.Int64)
            if column.mask.any():
                missing = polars.Series(column.mask)
                values = polars.select(
                    polars.when(missing).then(None).otherwise(values).alias(name)
                ).to_series()
            added.append(values)
        else:
            labels = polars.Series(name, column.labels, dtype=polars.Utf8)
            added.append(labels.gather(column.codes))
    result: pl.DataFrame = frame.select(kept).hstack(added)
    return result


def _numpy_columns(polars: Any, frame: pl.DataFrame) -> list[Any]:
    """The columns as numpy. Numbers with nulls: with pyarrow, their values
    and validity bitmap as Arrow holds them (no copy); without it, floats' nulls
    become NaN in polars first, all columns in one query (ten times faster
    than letting ``to_numpy`` mask them). Both are blank to the engine."""
    arrow = importlib.util.find_spec("pyarrow") is not None  # to_arrow needs it
    np = numpy_module()
    columns: list[Any] = []
    nullable: list[str] = []
    for series in frame.get_columns():
        numbers = series.dtype.is_float() or series.dtype.is_integer()
        if arrow and numbers and series.null_count():
            columns.append(nullable_numbers(np, series.to_arrow()))
            continue
        if series.dtype.is_float() and series.null_count():
            nullable.append(series.name)
        columns.append(series)
    if nullable:
        filled = frame.select(polars.col(nullable).fill_null(float("nan")))
        columns = [filled[c.name] if c.name in nullable else c for c in columns]
    return [
        c
        if isinstance(c, NullableColumn)
        else LazyColumn(c.to_numpy, partial(_take, c), len(c))
        for c in columns
    ]


def _take(series: pl.Series, rows: list[int]) -> list[Any]:
    return series.gather(rows).to_list()
