"""Arrow tables: score a ``pyarrow.Table`` with the vectorised engine.

Arrow is the common currency of pandas, polars and Spark: this is also what
`mexsledai.spark` runs on its executors. Needs pyarrow (the ``arrow``
extra), imported only when a function here runs.

Examples:
    >>> import pyarrow as pa
    >>> table = pa.table({"seizures": [1.0, None], "leukocytes_per_mm3": [3200, 5000]})
    >>> score_table(table).column("mexsledai_score").to_pylist()
    [9, 0]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from ._bands import DEFAULT_SCHEME
from ._optional import require
from .frames.arrow_nulls import nullable_numbers
from .frames.engine import (
    INTEGER_COLUMNS,
    IntColumn,
    LazyColumn,
    numpy_module,
    score_columns,
)
from .tables.cells import Decimal
from .tables.headers import is_output_column

if TYPE_CHECKING:
    import pyarrow as pa

    from .schemes import CategoryScheme
    from .scoring import Unrecorded

__all__ = ["appended_fields", "score_table"]


def _pyarrow() -> Any:
    return require(
        "pyarrow", extra="arrow", packages="pyarrow", purpose="scoring Arrow tables"
    )


def appended_fields(names: Iterable[str]) -> list[Any]:
    """The Arrow fields of the appended columns: ``int64`` or ``string``,
    nullable."""
    pa = _pyarrow()
    return [
        pa.field(name, pa.int64() if name in INTEGER_COLUMNS else pa.string())
        for name in names
    ]


def kept_columns(names: Iterable[str]) -> list[str]:
    """The input columns written out: all but earlier ``mexsledai_*`` ones."""
    return [n for n in names if not is_output_column(n)]


def score_table(
    table: pa.Table,
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    explain: bool = False,
    first_row: int = 0,
) -> pa.Table:
    """``table`` with the appended columns of ``mexsledai score`` (with
    ``explain``, those of ``--explain``): integers as nullable ``int64``,
    text as ``string``. Earlier ``mexsledai_*`` columns are replaced; error
    messages name rows by their position (from ``first_row``).

    Raises:
        HeaderError: the names cannot be read safely (as the command says).
    """
    pa = _pyarrow()
    kept = kept_columns(table.column_names)
    appended = score_columns(
        kept,
        [_lazy(pa, table.column(c)) for c in kept],
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        column_map=columns,
        explain=explain,
        row_names=range(first_row, first_row + table.num_rows),
    )
    result = table.select(kept)
    for field, column in zip(appended_fields(appended), appended.values(), strict=True):
        if isinstance(column, IntColumn):
            array = pa.array(column.values, mask=column.mask, type=field.type)
        else:
            labels = pa.array(column.labels, type=field.type)
            array = labels.take(pa.array(column.codes))
        result = result.append_column(field, array)
    return result


def _lazy(pa: Any, column: pa.ChunkedArray) -> LazyColumn:
    """A column the engine converts only if it reads it."""
    return LazyColumn(
        partial(_numpy_column, pa, column),
        lambda rows: column.take(rows).to_pylist(),
        len(column),
    )


def _numpy_column(pa: Any, column: pa.ChunkedArray) -> Any:
    """A column as numpy; numbers with nulls as their values and validity
    bitmap, without the copy that filling the nulls would make."""
    if column.null_count and (
        pa.types.is_floating(column.type) or pa.types.is_integer(column.type)
    ):
        return nullable_numbers(numpy_module(), column)
    return column.to_numpy(zero_copy_only=False)
