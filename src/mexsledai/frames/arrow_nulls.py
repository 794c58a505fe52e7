"""Arrow's numbers with nulls, handed to the engine without a copy.

An Arrow (or polars) column of numbers keeps its values in one buffer and
its nulls in a bitmap beside it. Filling the nulls with NaN before the
engine reads the column writes the whole column again (about 8 MB a million
rows); instead, the engine takes the values and the bitmap as they lie, as
a `NullableColumn` with `ValidityBits`. Reads only the arrays it is given: it
imports no Arrow library.
"""

from __future__ import annotations

from typing import Any

from .engine import NullableColumn, ValidityBits

__all__ = ["nullable_numbers"]


def nullable_numbers(np: Any, array: Any) -> NullableColumn:
    """The values and validity bitmap of a ``pyarrow`` array (or chunked array) of
    integers or floats that has nulls; a column of several chunks is joined
    first (one copy)."""
    if hasattr(array, "num_chunks"):
        array = array.chunk(0) if array.num_chunks == 1 else array.combine_chunks()
    validity, data = array.buffers()
    start, count = array.offset, len(array)
    dtype = np.dtype(array.type.to_pandas_dtype())
    values = np.frombuffer(data, dtype=dtype, count=start + count)[start:]
    bits = np.frombuffer(validity, dtype=np.uint8)
    return NullableColumn(values, ValidityBits(bits, start, count))
