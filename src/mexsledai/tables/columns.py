"""The user's own column map (``--columns FILE``): header text → key.

FILE is ``.csv`` with the header row ``column,key``, or ``.json`` holding one
object ``{"column": "key"}``. An empty key (or JSON ``null``) passes the
column through. The map's entries are checked against the header by
`mexsledai.tables.headers.match_header`; this module only reads the file.

Examples:
    >>> import io
    >>> read_columns_csv(io.StringIO("column,key\\nConv.,seizures\\nNotas,\\n"), "m.csv")
    {'Conv.': 'seizures', 'Notas': None}
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO

from .headers import TableError

__all__ = ["ColumnMap", "load_columns", "read_columns_csv"]

#: Header text → key, or ``None`` to pass the column through.
ColumnMap = dict[str, str | None]


def load_columns(path: str) -> ColumnMap:
    """Read a column map from a ``.csv`` or ``.json`` file.

    Raises:
        TableError: the file cannot be read or is malformed (a wrong header
            row, a row without two cells, a column given twice, JSON that is
            not one object of strings).
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".json"):
        msg = f"--columns {path!r} must be a .csv (column,key) or a .json file"
        raise TableError(msg)
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as stream:
            if suffix == ".csv":
                return read_columns_csv(stream, path)
            return _read_json(stream, path)
    except OSError as error:
        msg = f"cannot read --columns {path!r}: {error.strerror}"
        raise TableError(msg) from None
    except UnicodeDecodeError:
        msg = f"--columns {path!r} is not UTF-8 text"
        raise TableError(msg) from None


def read_columns_csv(stream: IO[str], path: str) -> ColumnMap:
    """Read a ``column,key`` CSV map (see `load_columns`)."""
    rows = list(csv.reader(stream))
    header = [cell.strip().casefold() for cell in rows[0]] if rows else []
    if header != ["column", "key"]:
        msg = (
            f"--columns {path!r} must start with the header row 'column,key', "
            f"got {','.join(rows[0]) if rows else 'an empty file'!r}"
        )
        raise TableError(msg)
    entries: ColumnMap = {}
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            msg = f"--columns {path!r} row {number} must have 2 cells, got {len(row)}"
            raise TableError(msg)
        _add(entries, row[0], row[1].strip() or None, path)
    return entries


class _Pairs(list[tuple[str, object]]):
    """A JSON object's entries, in order, duplicates kept."""


def _read_json(stream: IO[str], path: str) -> ColumnMap:
    try:
        loaded = json.load(stream, object_pairs_hook=_Pairs)
    except json.JSONDecodeError as error:
        msg = f"--columns {path!r} is not valid JSON: {error}"
        raise TableError(msg) from None
    if not isinstance(loaded, _Pairs) or any(
        not (value is None or isinstance(value, str)) for _, value in loaded
    ):
        msg = (
            f'--columns {path!r} must hold one object {{"column": "key"}} whose '
            "values are keys (or null to pass a column through)"
        )
        raise TableError(msg)
    entries: ColumnMap = {}
    for column, key in loaded:
        _add(entries, column, (str(key or "")).strip() or None, path)
    return entries


def _add(entries: ColumnMap, column: str, key: str | None, path: str) -> None:
    column = column.strip()
    if not column:
        msg = f"--columns {path!r} has an entry with an empty column name"
        raise TableError(msg)
    if column in entries:
        msg = f"--columns {path!r} names the column {column!r} twice"
        raise TableError(msg)
    entries[column] = key
