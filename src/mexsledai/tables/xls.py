"""Reading Excel 97-2003 workbooks (``.xls``) with xlrd (the ``xls`` extra).

xlrd reads each cell's number format (``formatting_info=True``), which the
percentage rule needs: a number shown as a percentage is a `PercentCell`.
Formulas read as their saved values (an ``.xls`` file always stores them);
dates become datetimes, booleans booleans, error cells their text (``#N/A``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .cells import PercentCell
from .headers import TableError

__all__ = ["read_xls_rows"]


def _require_xlrd() -> Any:
    try:
        import xlrd  # noqa: PLC0415  (optional: imported only when used)
    except ImportError:
        msg = (
            "reading .xls needs xlrd: pip install 'mexsledai[xls]' "
            "(or pip install xlrd), or save the file as .xlsx or .ods"
        )
        raise TableError(msg) from None
    return xlrd


def read_xls_rows(
    path: Path, *, sheet: str | None
) -> tuple[str, Iterator[list[object]]]:
    """The name and the rows of a sheet of an ``.xls`` file: the first one
    unless ``sheet`` names one; trailing empty cells trimmed.

    Raises:
        TableError: not a readable ``.xls`` workbook, or no such sheet.
    """
    xlrd = _require_xlrd()
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as error:  # noqa: BLE001  (xlrd raises many kinds for a bad file)
        msg = f"cannot read {path} as an .xls workbook: {error}"
        raise TableError(msg) from None
    names: list[str] = book.sheet_names()
    if sheet is not None and sheet not in names:
        book.release_resources()
        msg = f"no sheet named {sheet!r}; the sheets are: {', '.join(map(repr, names))}"
        raise TableError(msg)
    name = sheet if sheet is not None else names[0]
    return name, _rows(xlrd, book, book.sheet_by_name(name))


def _rows(xlrd: Any, book: Any, sheet: Any) -> Iterator[list[object]]:
    percent_xf = {
        index
        for index, xf in enumerate(book.xf_list)
        if "%" in book.format_map[xf.format_key].format_str.replace('"%"', "")
    }
    try:
        for number in range(sheet.nrows):
            cells = [_value(xlrd, book, cell, percent_xf) for cell in sheet.row(number)]
            while cells and cells[-1] is None:
                cells.pop()
            yield cells
    finally:
        book.release_resources()


def _value(xlrd: Any, book: Any, cell: Any, percent_xf: set[int]) -> object:
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        number = float(cell.value)
        return PercentCell(number) if cell.xf_index in percent_xf else number
    if kind == xlrd.XL_CELL_DATE:
        moment: dt.datetime = xlrd.xldate_as_datetime(cell.value, book.datemode)
        return moment
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_by_code.get(cell.value, "#ERROR"))
    return str(cell.value)
