"""Spark DataFrames: score lazily on the executors, in Arrow batches.

`score_dataframe` declares its output schema (the input's columns, then the
appended ones: ``bigint`` or ``string``) and maps each Arrow record batch
through `mexsledai.arrow.score_table`, so pandas is not needed on the
executors. The header is checked on the driver, before anything runs. Needs
pyspark and pyarrow (the ``spark`` extra); the executors need mexsledai
installed in their Python.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._bands import DEFAULT_SCHEME
from ._optional import require
from .tables.cells import Decimal

if TYPE_CHECKING:
    from .schemes import CategoryScheme
    from .scoring import Unrecorded

__all__ = ["score_dataframe"]


def _spark_types() -> Any:
    return require(
        "pyspark.sql.types",
        extra="spark",
        packages="pyspark pyarrow",
        purpose="scoring Spark DataFrames",
    )


def score_dataframe(
    frame: Any,
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    explain: bool = False,
) -> Any:
    """A lazy Spark DataFrame with the appended columns of ``mexsledai score``.

    Raises:
        HeaderError: the names cannot be read safely (checked on the driver).
    """
    types = _spark_types()
    from .arrow import kept_columns  # noqa: PLC0415
    from .frames.engine import INTEGER_COLUMNS  # noqa: PLC0415
    from .tables.headers import OUTPUT_COLUMNS  # noqa: PLC0415
    from .tables.rows import EXPLAIN_COLUMNS, TableScorer  # noqa: PLC0415

    kept = kept_columns(frame.columns)
    options: dict[str, Any] = {
        "decimal": decimal, "unrecorded": unrecorded, "scheme": scheme,
        "ignore_columns": list(ignore_columns), "columns": columns, "explain": explain,
    }  # fmt: skip
    TableScorer(  # the header is checked now, on the driver
        kept, decimal=decimal, unrecorded=unrecorded, scheme=scheme,
        ignore_columns=options["ignore_columns"], columns=columns,
    )  # fmt: skip
    names = [*OUTPUT_COLUMNS, *(EXPLAIN_COLUMNS if explain else ())]
    schema = types.StructType(
        [
            *(frame.schema[name] for name in kept),
            *(
                types.StructField(
                    name,
                    types.LongType() if name in INTEGER_COLUMNS else types.StringType(),
                    nullable=True,
                )
                for name in names
            ),
        ]
    )

    def batches(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa  # noqa: PLC0415  (on the executor)

        from mexsledai.arrow import score_table  # noqa: PLC0415

        for batch in batches:
            scored = score_table(pa.Table.from_batches([batch]), **options)
            yield from scored.to_batches()

    with warnings.catch_warnings():
        # mapInArrow checks the pandas version although Arrow batches need no
        # pandas: its warning about pandas >= 3 does not apply here.
        warnings.filterwarnings(
            "ignore", "PySpark does not yet fully support pandas", FutureWarning
        )
        return frame.select(*kept).mapInArrow(batches, schema)
