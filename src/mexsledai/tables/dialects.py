"""File dialects: reading and writing CSV-like text and xlsx, streamed.

Text is decoded as UTF-8 (with or without BOM), as UTF-16 when it starts with
a UTF-16 BOM (Excel's "Unicode text"), or in the encoding the user names;
never guessed. The delimiter is the user's, or the one of ``,`` ``;`` tab whose
split of the header line names the most keys. xlsx needs openpyxl (the
``xlsx`` extra), imported only when an xlsx file is read or written.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .cells import PercentCell, UncachedFormula, needs_escape, text_of
from .headers import HeaderError, TableError, count_keys, match_header

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = [
    "DELIMITERS",
    "MAX_CELL_BYTES",
    "TEXT_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "Table",
    "TextWriter",
    "XlsxWriter",
    "detect_delimiter",
    "read_text",
    "read_workbook",
    "read_xlsx",
    "workbook_table",
]

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
_FIRST = itemgetter(0)
TEXT_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt")
#: Spreadsheet files read as workbooks (cached values, typed cells).
WORKBOOK_SUFFIXES: tuple[str, ...] = (".xlsx", ".xls", ".ods")
MAX_CELL_BYTES = 16 * 1024 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A formula-like cell after the first, in a row joined with NUL (a literal
# prefix the regex engine scans for fast): only then is each cell of the row
# checked (the common row has none).
_MAYBE_FORMULA = re.compile("\x00[=+\\-@\t\r]")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def require_openpyxl() -> Any:
    """openpyxl, or a `TableError` that says how to install it."""
    try:
        import openpyxl  # noqa: PLC0415  (optional: imported only when used)
    except ImportError:
        msg = (
            "reading or writing .xlsx needs openpyxl: "
            "pip install 'mexsledai[xlsx]' (or pip install openpyxl)"
        )
        raise TableError(msg) from None
    return openpyxl


def _unexpected(error: Exception) -> TableError:
    return TableError(f"the input cannot be read: {error}")


@dataclass
class Table:
    """A table being read: its header and an iterator over its other rows.

    Attributes:
        header: the header cells.
        rows: the data rows, in order (row 2 first).
        delimiter: the text delimiter (``","`` for xlsx input).
        bom: whether the input started with a byte-order mark.
        newline: the input's line ending (``"\\r\\n"`` when unknown).
        kind: ``"text"`` or ``"xlsx"``.
        text: the decoded text stream of a text table (to close or detach).
        encoding: the encoding a text table is decoded with.
        failed: turns an error raised while reading ``rows`` (a decoding or
            CSV error) into the `TableError` that names its row.
    """

    header: list[object]
    rows: Iterator[Sequence[object]]
    delimiter: str = ","
    bom: bool = False
    newline: str = "\r\n"
    kind: str = "text"
    text: io.TextIOWrapper | None = None
    encoding: str = "utf-8"
    failed: Callable[[Exception], TableError] = _unexpected

    def close(self) -> None:
        """Release what reading holds open (a workbook's file)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()


def detect_delimiter(line: str, mapped: Collection[str] = ()) -> str | None:
    """The delimiter among ``,`` ``;`` tab whose split of ``line`` names the
    most keys (the first on a tie), or ``None`` if no split names any. A
    header in ``mapped`` (a ``--columns`` entry) counts as a key.

    Examples:
        >>> detect_delimiter("id;seizures;arthritis")
        ';'
        >>> detect_delimiter("id,notes") is None
        True
    """
    best, best_count = None, 0
    for delimiter in DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        count = count_keys(cells, mapped)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def read_text(
    binary: IO[bytes],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    mapped: Collection[str] = (),
) -> Table:
    """Open a text table for streaming (``mapped``: the headers a ``--columns``
    map names, which count as keys when the delimiter is detected).

    Raises:
        TableError: an empty input, a header that cannot be decoded, or no
            delimiter that names a key.
    """
    if hasattr(binary, "peek"):
        head = binary.peek(4)[:4]
    elif binary.seekable():
        head = binary.read(4)
        binary.seek(-len(head), io.SEEK_CUR)
    else:  # pragma: no cover - every stream this package opens can peek
        binary = io.BytesIO(binary.read())
        head = binary.getvalue()[:4]
    bom = head.startswith(_UTF8_BOM) or head[:2] in _UTF16_BOMS
    if encoding is None:
        if head.startswith(_UTF8_BOM):
            encoding = "utf-8-sig"
        elif head[:2] in _UTF16_BOMS:
            encoding = "utf-16"
        else:
            encoding = "utf-8"
    elif encoding.replace("_", "-").lower() in ("utf-8", "utf8") and bom:
        encoding = "utf-8-sig"
    try:
        text = io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline="")
    except LookupError:
        msg = f"unknown encoding {encoding!r}: try utf-8, cp1252, latin-1 or utf-16"
        raise TableError(msg) from None
    try:
        first = text.readline()
    except UnicodeDecodeError as error:
        text.detach()
        raise TableError(_decode_message(encoding, 1, error)) from None
    if not first:
        text.detach()
        msg = "the input is empty: there is no header row"
        raise TableError(msg)
    newline = (
        "\r\n" if first.endswith("\r\n") else "\n" if first.endswith("\n") else "\r\n"
    )
    if delimiter is None:
        found = detect_delimiter(first.rstrip("\r\n"), mapped)
        if found is None:
            text.detach()
            msg = (
                "no MEX-SLEDAI key found in the header line when split at ',', ';' "
                "or tab: pass --delimiter, or check that the first line is the "
                f"header (it reads {first.rstrip()[:120]!r})"
            )
            raise TableError(msg + _near_misses(first.rstrip("\r\n"), mapped))
        delimiter = found
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    # The count advances only when the reader gives a row, so after a failure
    # its next value is the spreadsheet number of the row that failed.
    counter = itertools.count(1)
    rows = map(_FIRST, zip(reader, counter))  # noqa: B905  (the count is endless)
    table = Table([], rows, delimiter, bom, newline, "text", text, text.encoding)
    table.failed = functools.partial(_failure, encoding, counter)
    try:
        table.header = list(next(rows))
    except (UnicodeDecodeError, csv.Error) as error:
        text.detach()
        raise table.failed(error) from None
    return table


def _near_misses(line: str, mapped: Collection[str] = ()) -> str:
    """What the header's cells may have meant, split the way that gives most
    cells, and the ``--columns`` entries that name none of them."""
    splits = [next(csv.reader([line], delimiter=d), []) for d in DELIMITERS]
    cells = max(splits, key=len)
    hints = [
        f"--columns names {name!r}, which is not a column of the header"
        for name in mapped
        if name not in {cell.strip() for cell in cells}
    ]
    try:
        match_header(cells)
    except HeaderError as error:
        hints += [p for p in error.problems if "no column is named" not in p]
    return "".join(f"\n- {hint}" for hint in hints)


def _decode_message(encoding: str, row: int, error: UnicodeDecodeError) -> str:
    shown = encoding.replace("-sig", "")
    return (
        f"cannot decode the input as {shown} near row {row} "
        f"(byte {error.object[error.start : error.start + 1]!r}): pass --encoding, "
        "e.g. --encoding cp1252 for Excel on Windows, or --encoding latin-1"
    )


def _failure(encoding: str, counter: Iterator[int], error: Exception) -> TableError:
    """The `TableError` for a reader's failure at the row the counter is at."""
    row = next(counter)
    if isinstance(error, UnicodeDecodeError):
        return TableError(_decode_message(encoding, row, error))
    if "field larger than field limit" in str(error):
        limit = MAX_CELL_BYTES // (1024 * 1024)
        return TableError(
            f"row {row} has a cell larger than {limit} MiB: it cannot be read"
        )
    return TableError(f"row {row} cannot be read as delimited text: {error}")


csv.field_size_limit(MAX_CELL_BYTES)


def read_xlsx(path: Path, *, sheet: str | None = None) -> Table:
    """Open an xlsx sheet for streaming: the first one unless ``sheet`` names one.

    Formulas read as their saved values; a formula saved without one reads as
    an `UncachedFormula`.

    Raises:
        TableError: not a readable xlsx file, an unknown sheet, an empty sheet.
    """
    openpyxl = require_openpyxl()
    try:
        values_book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formula_book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001  (openpyxl raises many kinds for a bad file)
        msg = f"cannot read {path} as an xlsx workbook: {error}"
        raise TableError(msg) from None
    names = values_book.sheetnames
    if sheet is not None and sheet not in names:
        msg = f"no sheet named {sheet!r}; the sheets are: {', '.join(map(repr, names))}"
        raise TableError(msg)
    name = sheet if sheet is not None else names[0]
    values = map(_typed, values_book[name].iter_rows(min_row=1))
    formulas = formula_book[name].iter_rows(min_row=1, values_only=True)
    return workbook_table(name, _xlsx_rows(values, formulas))


def read_workbook(path: Path, *, sheet: str | None = None) -> Table:
    """Open a sheet of an ``.xlsx``, ``.xls`` or ``.ods`` file for streaming.

    Raises:
        TableError: the file cannot be read, an unknown sheet, an empty sheet.
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, sheet=sheet)
    if suffix == ".ods":
        from .ods import read_ods_rows  # noqa: PLC0415

        return workbook_table(*read_ods_rows(path, sheet=sheet))
    from .xls import read_xls_rows  # noqa: PLC0415

    return workbook_table(*read_xls_rows(path, sheet=sheet))


def workbook_table(name: str, rows: Iterator[list[object]]) -> Table:
    """The `Table` of a workbook sheet's rows (the first is the header).

    Raises:
        TableError: the sheet is empty.
    """
    header = next(rows, None)
    if header is None:
        msg = f"sheet {name!r} is empty: there is no header row"
        raise TableError(msg)
    trimmed = list(header)
    while trimmed and trimmed[-1] is None:
        trimmed.pop()
    return Table(trimmed, rows, ",", False, "\r\n", "xlsx")


def _typed(row: tuple[Any, ...]) -> list[object]:
    """An xlsx row's values; a number formatted as a percentage is a
    `PercentCell` (the format is the only sign of it)."""
    return [
        PercentCell(float(value))
        if type(value) in (int, float) and "%" in cell.number_format
        else value
        for cell in row
        for value in (cell.value,)
    ]


def _xlsx_rows(
    values: Iterator[list[object]], formulas: Iterator[tuple[object, ...]]
) -> Iterator[list[object]]:
    for row, formula_row in itertools.zip_longest(values, formulas, fillvalue=()):
        cells = list(row)
        for index, cell in enumerate(cells):
            if cell is None and index < len(formula_row):
                formula = formula_row[index]
                if isinstance(formula, str) and formula.startswith("="):
                    cells[index] = UncachedFormula(formula)
        while cells and cells[-1] is None:
            cells.pop()
        yield cells


class TextWriter:
    """Writes rows as delimited UTF-8 text, escaping formula-like cells."""

    def __init__(self, stream: IO[str], *, delimiter: str, newline: str) -> None:
        self._stream = stream
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator=newline)
        # Where `write_lines` may write UTF-8 bytes itself: below a UTF-8
        # text stream (not one that starts with a byte order mark).
        encoding = getattr(stream, "encoding", None)
        self._bytes: IO[bytes] | None = (
            getattr(stream, "buffer", None)
            if encoding and codecs.lookup(encoding).name == "utf-8"
            else None
        )

    def write(self, cells: Sequence[object]) -> None:
        """Write one row; cells that are not text are written as text."""
        self.write_text(
            [cell if type(cell) is str else text_of(cell) for cell in cells]
        )

    def write_text(self, row: list[str]) -> None:
        """Write one row whose cells are all text."""
        if (row and row[0].startswith(_FORMULA_STARTS)) or _MAYBE_FORMULA.search(
            "\x00".join(row)
        ):
            row = ["'" + cell if needs_escape(cell) else cell for cell in row]
        self._writer.writerow(row)

    def write_rows(self, rows: list[list[object]]) -> None:
        """Write rows; cells that are not text are written as text."""
        for row in rows:
            self.write(row)

    def write_text_rows(self, rows: list[list[str]]) -> None:
        """Write rows whose cells are all text, checked for formulas at once."""
        if self.any_formula(rows):
            for row in rows:
                self.write_text(row)
        else:
            self._writer.writerows(rows)

    @staticmethod
    def any_formula(rows: list[list[str]]) -> bool:
        """Whether any cell of these all-text rows needs a formula escape
        (may say yes for a cell that a closer look leaves alone)."""
        joined = "\x00".join(map("\x00".join, rows))
        return (
            joined.startswith(_FORMULA_STARTS)
            or _MAYBE_FORMULA.search(joined) is not None
        )

    def write_plain_rows(self, rows: Iterable[Sequence[str]]) -> None:
        """Write rows known to need no formula escape."""
        self._writer.writerows(rows)

    def write_lines(self, lines: list[str], ends: list[str]) -> None:
        """Write whole lines of delimited text as they are, each followed by
        its end (the appended text and the line break).

        All ASCII, they are written as one text. Otherwise each piece is
        encoded alone, below the text stream: the stream would first copy
        the whole block into the width of its widest character (``×10⁹/L``
        in a warning), then encode every character the slow way.
        """
        pieces = itertools.chain.from_iterable(zip(lines, ends, strict=True))
        if self._bytes is None or (
            all(map(str.isascii, ends)) and all(map(str.isascii, lines))
        ):
            self._stream.write("".join(pieces))
            return
        self._stream.flush()  # what the stream holds goes first
        self._bytes.write(b"".join(map(str.encode, pieces)))


class XlsxWriter:
    """Writes rows to one sheet of a write-only workbook, keeping cell types."""

    def __init__(self, stream: IO[bytes], *, title: str = "mexsledai") -> None:
        openpyxl = require_openpyxl()
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415

        self._stream = stream
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet: WriteOnlyWorksheet = self._book.create_sheet(title)
        self._cell = WriteOnlyCell
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._row = 0

    def write_rows(self, rows: list[list[object]]) -> None:
        """Write rows; text that looks like a formula stays text."""
        for row in rows:
            self.write(row)

    def write(self, cells: Sequence[object]) -> None:
        """Write one row; text that looks like a formula stays text."""
        self._row += 1
        row: list[object] = []
        for index, cell in enumerate(cells):
            value = cell.formula if isinstance(cell, UncachedFormula) else cell
            if isinstance(value, PercentCell):
                value = self._percent(value)
            elif isinstance(value, str):
                if self._illegal.search(value):
                    msg = (
                        f"row {self._row}, column {index + 1} holds a control character "
                        "that .xlsx cannot store: write .csv instead"
                    )
                    raise TableError(msg)
                if value.startswith("="):
                    text_cell = self._cell(self._sheet, value=value)
                    text_cell.data_type = "s"
                    value = text_cell
            row.append(value)
        self._sheet.append(row)

    def _percent(self, cell: PercentCell) -> object:
        """A percentage kept as one: its fraction, shown with its decimals."""
        shown = text_of(cell.percentage)
        decimals = len(shown.partition(".")[2])
        written = self._cell(self._sheet, value=cell.fraction)
        written.number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
        return written

    def close(self) -> None:
        """Finish the workbook into the stream."""
        self._book.save(self._stream)

    def abort(self) -> None:
        """Release the sheet's temporary file after a failed run."""
        with contextlib.suppress(Exception):
            self._sheet.close()
