"""Dask DataFrames: score lazily, partition by partition, with
`mexsledai.pandas.score_frame` (the vectorised engine) on each.

Needs dask (the ``dask`` extra), imported only when a function here runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._bands import DEFAULT_SCHEME
from ._optional import require
from .tables.cells import Decimal

if TYPE_CHECKING:
    from .schemes import CategoryScheme
    from .scoring import Unrecorded

__all__ = ["score_frame"]


def _dask() -> Any:
    return require(
        "dask.dataframe",
        extra="dask",
        packages="'dask[dataframe]'",
        purpose="scoring Dask frames",
    )


def score_frame(
    frame: Any,
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    explain: bool = False,
) -> Any:
    """A lazy Dask DataFrame with the appended columns of ``mexsledai score``;
    its ``meta`` (the columns and their dtypes) is known before anything is
    computed, and the header is checked now (`HeaderError`).
    """
    _dask()
    from .pandas import score_frame as score_pandas  # noqa: PLC0415

    options: dict[str, Any] = {
        "decimal": decimal, "unrecorded": unrecorded, "scheme": scheme,
        "ignore_columns": list(ignore_columns), "columns": columns, "explain": explain,
    }  # fmt: skip
    meta = score_pandas(frame._meta, **options)  # checks the header now
    return frame.map_partitions(score_pandas, meta=meta, **options)
