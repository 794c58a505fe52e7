"""Reading OpenDocument spreadsheets (``.ods``, LibreOffice's format), streamed.

An ``.ods`` file is a ZIP whose ``content.xml`` holds every cell with its
value type (OpenDocument 1.2, part 1, §19.385 ``office:value-type``): the
standard library reads it, so no package is needed. Cells read as for xlsx:
numbers, dates, times and booleans keep their types, a formula reads as its
saved value, a number formatted as a percentage is a `PercentCell`, and a
formula saved without a value is an `UncachedFormula`.

Runs of repeated empty rows and cells (a sheet padded to its last row) are
not expanded unless a filled row or cell follows them.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from .cells import PercentCell, UncachedFormula
from .headers import TableError

__all__ = ["read_ods_rows"]

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T = f"{{{_TABLE}}}"
_O = f"{{{_OFFICE}}}"
_X = f"{{{_TEXT}}}"
_CELLS = (f"{_T}table-cell", f"{_T}covered-table-cell")
_DURATION = re.compile(r"-?P(?:\d+D)?T(\d+)H(\d+)M(\d+(?:\.\d+)?)S")


def _text(element: Element) -> str:
    """The text of a ``text:p`` with its spaces, tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_X}s":
            parts.append(" " * int(child.get(f"{_X}c", "1")))
        elif child.tag == f"{_X}tab":
            parts.append("\t")
        elif child.tag == f"{_X}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _value(cell: Element) -> object:
    """A cell's value, typed as its ``office:value-type`` says."""
    kind = cell.get(f"{_O}value-type")
    if kind in ("float", "currency"):
        return float(cell.get(f"{_O}value", "nan"))
    if kind == "percentage":
        return PercentCell(float(cell.get(f"{_O}value", "nan")))
    if kind == "boolean":
        return cell.get(f"{_O}boolean-value") == "true"
    if kind == "date":
        text = cell.get(f"{_O}date-value", "")
        return (
            dt.datetime.fromisoformat(text)
            if "T" in text
            else dt.date.fromisoformat(text)
        )
    if kind == "time":
        found = _DURATION.fullmatch(cell.get(f"{_O}time-value", ""))
        if found:
            hours, minutes, seconds = found.groups()
            second = float(seconds)
            return dt.time(
                int(hours) % 24, int(minutes), int(second), round(second % 1 * 1e6)
            )
    paragraphs = [_text(p) for p in cell.iter(f"{_X}p")]
    if kind is None and cell.get(f"{_T}formula"):
        return UncachedFormula(cell.get(f"{_T}formula", ""))
    if kind is None and not paragraphs:
        return None
    return "\n".join(paragraphs)


def _repeat(element: Element, attribute: str) -> int:
    return int(element.get(f"{_T}{attribute}", "1"))


def _rows_of_table(events: Iterator[tuple[str, Element]]) -> Iterator[list[object]]:
    """The rows of the table whose start was just read."""
    pending = 0  # empty rows seen, written only if a filled row follows
    row: list[object] = []
    empty_cells = 0
    for event, element in events:
        tag = element.tag
        if event == "end" and tag in _CELLS:
            value = _value(element) if tag == _CELLS[0] else None
            count = _repeat(element, "number-columns-repeated")
            if value is None or value == "":
                empty_cells += count
            else:
                row.extend([None] * empty_cells)
                empty_cells = 0
                row.extend([value] * count)
            element.clear()
        elif event == "end" and tag == f"{_T}table-row":
            count = _repeat(element, "number-rows-repeated")
            if row:
                yield from ([] for _ in range(pending))
                pending = 0
                for _ in range(count):
                    yield list(row)
            else:
                pending += count
            row, empty_cells = [], 0
            element.clear()
        elif event == "end" and tag == f"{_T}table":
            return


def read_ods_rows(
    path: Path, *, sheet: str | None
) -> tuple[str, Iterator[list[object]]]:
    """The name and the rows of a sheet of an ``.ods`` file: the first one
    unless ``sheet`` names one. Rows are lists of cell values, trailing empty
    cells trimmed.

    Raises:
        TableError: not an OpenDocument spreadsheet, or no such sheet.
    """
    try:
        archive = zipfile.ZipFile(path)
        stream: IO[bytes] = archive.open("content.xml")
    except (OSError, zipfile.BadZipFile, KeyError) as error:
        msg = f"cannot read {path} as an .ods spreadsheet: {error}"
        raise TableError(msg) from None
    events = iterparse(stream, events=("start", "end"))
    names: list[str] = []
    try:
        for event, element in events:
            if event == "start" and element.tag == f"{_T}table":
                name = element.get(f"{_T}name", "")
                names.append(name)
                if sheet is None or name == sheet:
                    return name, _closing(_rows_of_table(events), archive, stream)
    except SyntaxError as error:  # xml.etree.ElementTree.ParseError
        stream.close()
        archive.close()
        msg = f"cannot read {path} as an .ods spreadsheet: {error}"
        raise TableError(msg) from None
    stream.close()
    archive.close()
    if sheet is None:
        msg = f"{path} has no sheet"
    else:
        msg = f"no sheet named {sheet!r}; the sheets are: {', '.join(map(repr, names))}"
    raise TableError(msg)


def _closing(
    rows: Iterator[list[object]], archive: zipfile.ZipFile, stream: IO[bytes]
) -> Iterator[list[object]]:
    with archive, stream:
        try:
            yield from rows
        except SyntaxError as error:  # xml.etree.ElementTree.ParseError
            msg = f"the .ods file cannot be read past this point: {error}"
            raise TableError(msg) from None
