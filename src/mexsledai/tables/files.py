"""Scoring a spreadsheet file into a new one: every row out, in order.

The output is written to a temporary file beside its destination and moved
into place only when every row is written, so it appears whole or not at all;
standard output is spooled likewise. The input is never written.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._version import __version__
from . import parts
from .cells import Decimal
from .dialects import (
    TEXT_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Table,
    TextWriter,
    XlsxWriter,
    read_text,
    read_workbook,
)
from .fast import FastRows
from .headers import TableError
from .lines import AppendedText, LineReader
from .rows import EXPLAIN_COLUMNS, RowResult, TableScorer, splice_messages

if TYPE_CHECKING:
    from ..schemes import CategoryScheme
    from ..scoring import Unrecorded
    from .jsonl import JsonLinesWriter

__all__ = [
    "STDIO",
    "FileSummary",
    "default_output",
    "iter_scored_file",
    "score_file",
    "write_table",
]

#: The path that means standard input or standard output.
STDIO = "-"
# Rows scored together by the fast path. A batch is passed over column by
# column, so its rows (about 1 KB each as Python objects) should stay in a
# core's cache: 512 rows cost 10-20 % less per row than 2,048 here.
_BATCH = 512
_SUFFIXES = (*TEXT_SUFFIXES, ".xlsx")  # what can be written
_INPUT_SUFFIXES = (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES)


@dataclass
class FileSummary:
    """What a run read and wrote.

    Attributes:
        input: the input path, or ``"-"``.
        output: the output path, or ``"-"``.
        rows: data rows read (the header excluded).
        scored: rows with a complete score.
        incomplete: rows scored as a range (policy ``"unknown"``).
        errors: rows with an error (written with status ``error``).
        empty: rows whose cells were all blank (copied through, not scored).
        blank_counted_absent: blank finding cells counted absent.
        missing_keys: keys with no column (not recorded in any row).
        matched: how each column not written as a key was matched, e.g.
            ``"'Leucocitos (/mm³)' → leukocytes_per_mm3"``.
        problems: the problems of rows in error, grouped by column and
            problem: ``(where, what)`` → ``[count, first row, first value]``.
        scheme: the category scheme's name.
        unrecorded: the policy for findings not recorded.
    """

    input: str
    output: str
    scheme: str
    unrecorded: str
    rows: int = 0
    scored: int = 0
    incomplete: int = 0
    errors: int = 0
    empty: int = 0
    blank_counted_absent: int = 0
    missing_keys: tuple[str, ...] = field(default=())
    matched: tuple[str, ...] = field(default=())
    problems: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def count_problems(self, problems: list[tuple[int, str, str, str]]) -> None:
        """Count problems given as (row, where, what, value); empties the list."""
        for row, where, what, value in problems:
            entry = self.problems.get((where, what))
            if entry is None:
                self.problems[where, what] = [1, row, value]
            else:
                entry[0] += 1
        problems.clear()

    def digest(self, most: int = 5) -> list[str]:
        """The most frequent problems, each with its count and first row.

        Examples:
            >>> summary = FileSummary("in.csv", "out.csv", "five-level", "absent")
            >>> summary.count_problems([(2, "column B 'x'", "is bad", "?"),
            ...                         (5, "column B 'x'", "is bad", "!")])
            >>> summary.digest()
            ["2 rows (first: row 2, '?'): column B 'x': is bad"]
        """
        ranked = sorted(self.problems.items(), key=lambda item: -item[1][0])
        lines = []
        for (where, what), (count, row, value) in ranked[:most]:
            rows = "1 row" if count == 1 else f"{count} rows"
            first = f"row {row}, {value!r}" if value else f"row {row}"
            place = "" if where == "row" else f"{where}: "
            lines.append(f"{rows} (first: {first}): {place}{what}")
        return lines

    def merge(self, part: FileSummary) -> None:
        """Add the counts of a part of the same file that follows the rows
        counted so far (its problems' first rows come after these)."""
        self.count_batch(
            {
                "scored": part.scored,
                "incomplete": part.incomplete,
                "error": part.errors,
                "empty": part.empty,
            },
            part.blank_counted_absent,
        )
        for key, (count, row, value) in part.problems.items():
            entry = self.problems.get(key)
            if entry is None:
                self.problems[key] = [count, row, value]
            else:
                entry[0] += count

    def count_batch(self, statuses: dict[str, int], blank_counted_absent: int) -> None:
        """Add rows: their count by status, and their blank finding cells
        counted absent."""
        self.rows += sum(statuses.values())
        self.scored += statuses.get("scored", 0)
        self.incomplete += statuses.get("incomplete", 0)
        self.errors += statuses.get("error", 0)
        self.empty += statuses.get("empty", 0)
        self.blank_counted_absent += blank_counted_absent


def _suffix(path: str) -> str:
    return Path(path).suffix.lower()


def default_output(input_path: str, *, jsonl: bool = False) -> str:
    """``<input stem>.scored.<ext>`` next to the input (``.xlsx`` for ``.xls``
    and ``.ods`` input, ``.jsonl`` with ``jsonl``); ``-`` for ``-``.

    Examples:
        >>> default_output("data/visits.csv"), default_output("data/visits.ods")
        ('data/visits.scored.csv', 'data/visits.scored.xlsx')
        >>> default_output("data/visits.csv", jsonl=True)
        'data/visits.scored.jsonl'
    """
    if input_path == STDIO:
        return STDIO
    path = Path(input_path)
    suffix = ".xlsx" if path.suffix.lower() in (".xls", ".ods") else path.suffix
    if jsonl:
        suffix = ".jsonl"
    return str(path.with_name(f"{path.stem}.scored{suffix}"))


def _check_paths(input_path: str, output_path: str, *, jsonl: bool = False) -> None:
    if output_path != STDIO and _suffix(output_path) == ".json":
        msg = (
            f"the output {output_path!r}: one JSON document cannot be streamed; "
            "write JSON Lines, one object per row: name it .jsonl"
        )
        raise TableError(msg)
    if jsonl and output_path != STDIO and _suffix(output_path) != ".jsonl":
        msg = f"--jsonl writes JSON Lines: name the output .jsonl, not {output_path!r}"
        raise TableError(msg)
    if input_path != STDIO and _suffix(input_path) not in _INPUT_SUFFIXES:
        msg = (
            f"the input {input_path!r} must end in .csv, .tsv, .txt, .xlsx, .xls "
            "or .ods (or be '-' for standard input)"
        )
        raise TableError(msg)
    if output_path != STDIO and _suffix(output_path) not in (*_SUFFIXES, ".jsonl"):
        msg = (
            f"the output {output_path!r} must end in .csv, .tsv, .txt, .xlsx or "
            ".jsonl (or be '-' for standard output)"
        )
        raise TableError(msg)
    if STDIO not in (input_path, output_path):
        source, target = Path(input_path), Path(output_path)
        same = source.resolve() == target.resolve()
        with contextlib.suppress(OSError):
            same = same or (target.exists() and source.samefile(target))
        if same:
            msg = f"the output {output_path!r} is the input: choose another -o"
            raise TableError(msg)


def _check_options(
    input_path: str, *, sheet: str | None, delimiter: str | None, encoding: str | None
) -> None:
    """Refuse options that do not apply to the input, rather than ignore them."""
    xlsx = input_path != STDIO and _suffix(input_path) in WORKBOOK_SUFFIXES
    if sheet is not None and not xlsx:
        msg = (
            f"--sheet applies to .xlsx, .xls and .ods input only, not to {input_path!r}"
        )
        raise TableError(msg)
    for option, value in (("--delimiter", delimiter), ("--encoding", encoding)):
        if value is not None and xlsx:
            msg = f"{option} applies to text input only, not to {input_path!r}"
            raise TableError(msg)


@contextlib.contextmanager
def _open_table(
    input_path: str,
    *,
    sheet: str | None,
    delimiter: str | None,
    encoding: str | None,
    source: IO[bytes] | None = None,
    mapped: Collection[str] = (),
) -> Iterator[Table]:
    """The table of a file or of standard input (or of ``source``, a copy of
    standard input); ``mapped``: the headers a column map names."""
    if input_path != STDIO and _suffix(input_path) in WORKBOOK_SUFFIXES:
        workbook = read_workbook(Path(input_path), sheet=sheet)
        try:
            yield workbook
        finally:
            workbook.close()
        return
    if input_path == STDIO:
        stream = source if source is not None else sys.stdin.buffer
        table = read_text(stream, encoding=encoding, delimiter=delimiter, mapped=mapped)
        try:
            yield table
        finally:
            if table.text is not None:
                table.text.detach()  # standard input (or its copy) stays open
        return
    try:
        opened = open(input_path, "rb")  # noqa: SIM115, PTH123  (closed below)
    except OSError as error:
        msg = f"cannot read {input_path!r}: {error.strerror}"
        raise TableError(msg) from None
    with opened:
        table = read_text(opened, encoding=encoding, delimiter=delimiter, mapped=mapped)
        try:
            yield table
        finally:
            if table.text is not None:
                table.text.close()


@contextlib.contextmanager
def _open_scored(
    input_path: str,
    *,
    sheet: str | None,
    delimiter: str | None,
    encoding: str | None,
    decimal: Decimal,
    unrecorded: Unrecorded,
    scheme: str | CategoryScheme,
    ignore_columns: Iterable[str],
    columns: Mapping[str, str | None] | None = None,
) -> Iterator[tuple[Table, TableScorer]]:
    """The open table and its scorer (the header checked)."""
    _check_options(input_path, sheet=sheet, delimiter=delimiter, encoding=encoding)
    with _open_table(
        input_path,
        sheet=sheet,
        delimiter=delimiter,
        encoding=encoding,
        mapped=[c for c, key in (columns or {}).items() if key],
    ) as table:
        yield (
            table,
            TableScorer(
                table.header,
                decimal=decimal,
                unrecorded=unrecorded,
                scheme=scheme,
                ignore_columns=ignore_columns,
                columns=columns,
            ),
        )


@contextlib.contextmanager
def _atomic(output_path: str) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``output_path`` only if the block succeeds."""
    if output_path == STDIO:
        # Spooled to a temporary file, so that a failed run prints nothing.
        with tempfile.TemporaryFile() as spool:
            yield spool
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return
    target_path = Path(output_path)
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=target_path.parent, prefix=f".{target_path.name}.", suffix=".tmp"
        )
    except OSError as error:
        msg = f"cannot write {output_path!r}: {error.strerror}"
        raise TableError(msg) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        Path(temp_name).replace(target_path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise


def iter_scored_file(
    input_path: str,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: Decimal = ".",
    encoding: str | None = None,
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = "five-level",
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
) -> Iterator[RowResult]:
    """Read and score a file row by row, writing nothing.

    The options are those of `score_file`. The header is checked when the
    first result is requested.

    Raises:
        TableError: the file cannot be read or its header is unsafe.
    """
    with _open_scored(
        input_path,
        sheet=sheet,
        delimiter=delimiter,
        encoding=encoding,
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        columns=columns,
    ) as (table, scorer):
        number = 2
        while chunk := _next_chunk(table):
            for cells in chunk:
                yield scorer.score_row(cells, number)
                number += 1


def score_file(
    input_path: str,
    output_path: str | None = None,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: Decimal = ".",
    encoding: str | None = None,
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = "five-level",
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    explain: bool = False,
    jsonl: bool = False,
    jobs: int | None = None,
) -> FileSummary:
    """Score a spreadsheet into a new one, one visit a row.

    Every input row appears in the output, in order, with seven columns
    appended: ``mexsledai_score``, ``mexsledai_min``, ``mexsledai_max``,
    ``mexsledai_category``, ``mexsledai_status``, ``mexsledai_message``,
    ``mexsledai_derived``; with ``explain``, also each descriptor's points,
    the scheme, the policy and the version. A ``.jsonl`` output (or
    ``jsonl``) holds one JSON object per row instead.

    Args:
        input_path: a ``.csv``, ``.tsv``, ``.txt`` or ``.xlsx`` file, or ``"-"``
            for CSV on standard input.
        output_path: where to write; by default ``<stem>.scored.<ext>`` next to
            the input (standard output for ``"-"``).
        sheet: the xlsx sheet (default: the first).
        delimiter: the text delimiter (default: detected from the header).
        decimal: the decimal mark of number cells.
        encoding: the text encoding (default: UTF-8, or UTF-16 by its BOM).
        unrecorded: ``"absent"`` or ``"unknown"``.
        scheme: a category scheme name or a `CategoryScheme`.
        ignore_columns: headers to pass through on purpose.
        columns: the user's map of header text to key (``None``: pass the
            column through), which overrides the header rules for the
            headers it names (``--columns``).
        explain: append the ``--explain`` columns.
        jsonl: write JSON Lines (the output must then be ``.jsonl`` or ``-``).
        jobs: the processes that score a large plain text file in parts, on
            Linux (default: one per usable CPU, at most 8; 1: one process).
            The output is the same whatever their number.

    Returns:
        The `FileSummary`.

    Raises:
        TableError: nothing could be done (the file, the header, an option);
            no output is left behind.
    """
    if jobs is not None and jobs < 1:
        msg = f"jobs must be a whole number from 1, got {jobs!r}"
        raise TableError(msg)
    output_path = output_path or default_output(input_path, jsonl=jsonl)
    _check_paths(input_path, output_path, jsonl=jsonl)
    suffix = ".csv" if output_path == STDIO else _suffix(output_path)
    if jsonl:
        suffix = ".jsonl"
    with _open_scored(
        input_path,
        sheet=sheet,
        delimiter=delimiter,
        encoding=encoding,
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        columns=columns,
    ) as (table, scorer):
        summary = FileSummary(
            input_path,
            output_path,
            scorer.scheme_name,
            scorer.unrecorded,
            missing_keys=scorer.plan.missing,
            matched=scorer.plan.matches(),
        )
        with _atomic(output_path) as binary, paused_collector():
            if suffix == ".jsonl":
                from .jsonl import JsonLinesWriter  # noqa: PLC0415  (.jsonl only)

                with _text_stream(binary, "utf-8") as text:
                    _write_json_lines(
                        table, scorer, summary, JsonLinesWriter(text, scorer.plan)
                    )
            elif suffix == ".xlsx":
                xlsx = XlsxWriter(binary)
                try:
                    _write_rows(
                        table, scorer, summary, xlsx.write_rows, explain=explain
                    )
                except BaseException:
                    xlsx.abort()
                    raise
                xlsx.close()
            else:
                delimiter_out = "\t" if suffix == ".tsv" else table.delimiter
                encoding_out = "utf-8-sig" if table.bom else "utf-8"
                with _text_stream(binary, encoding_out) as text:
                    writer = TextWriter(
                        text, delimiter=delimiter_out, newline=table.newline
                    )
                    # Rows of text input are all text: the writer skips converting.
                    all_text = table.kind == "text"
                    write = writer.write_text_rows if all_text else writer.write_rows
                    lines = _line_reader(
                        input_path, table, scorer, delimiter_out, explain=explain
                    )
                    try:
                        if lines is None or not _in_parts(
                            input_path, table, scorer, summary, text, writer, jobs
                        ):
                            _write_rows(
                                table,
                                scorer,
                                summary,
                                write,
                                as_text=all_text,
                                plain=writer if all_text else None,
                                explain=explain,
                                lines=lines,
                            )
                    except (UnicodeDecodeError, csv.Error):
                        # Only the line path lets these through: the CSV
                        # reader names the row.
                        raise _unreadable(
                            input_path, table, encoding, columns
                        ) from None
    return summary


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector paused for a row loop.

    A row loop makes no reference cycles, but it makes many objects, and each
    pass of the collector walks every object alive, the caches included: on
    100,000 rows the passes cost a fifth of the run. Reference counting still
    frees every row; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _text_stream(binary: IO[bytes], encoding: str) -> Iterator[io.TextIOWrapper]:
    text = io.TextIOWrapper(binary, encoding=encoding, newline="", write_through=False)
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def _line_reader(
    input_path: str,
    table: Table,
    scorer: TableScorer,
    delimiter_out: str,
    *,
    explain: bool,
) -> LineReader | None:
    """The line path's reader, when the output is the input's text with
    columns appended: a text file (standard input keeps the CSV reader, which
    names a row it cannot read without reading twice), the same delimiter,
    every column kept, no ``--explain``."""
    if (
        input_path == STDIO
        or table.text is None
        or explain
        or delimiter_out != table.delimiter
        or scorer.plan.kept != tuple(range(scorer.width))
    ):
        return None
    return _lines_of(table.text, table, scorer)


def _lines_of(text: IO[str], table: Table, scorer: TableScorer) -> LineReader:
    """A line reader of a table's text (or of a part of it)."""
    return LineReader(
        text,
        delimiter=table.delimiter,
        newline=table.newline,
        width=scorer.width,
        batch=_BATCH,
    )


def _in_parts(
    input_path: str,
    table: Table,
    scorer: TableScorer,
    summary: FileSummary,
    text: io.TextIOWrapper,
    writer: TextWriter,
    jobs: int | None,
) -> bool:
    """Score a large plain file in parts, one process each (`parts`), when it
    can be cut; say whether it was. Otherwise, or if a part failed, nothing
    has been written, and the caller scores the file as usual."""
    cuts = parts.cut(input_path, encoding=table.encoding, parts=jobs)
    if cuts is None:
        return False
    begun = text.tell()
    writer.write_text_rows([[*scorer.plan.output_header]])

    def score(part: parts.Part, stream: IO[str]) -> FileSummary:
        counts = FileSummary(summary.input, summary.output, "", "")
        part_writer = TextWriter(
            stream, delimiter=table.delimiter, newline=table.newline
        )
        with parts.text_of(input_path, part) as part_text:
            reader = _lines_of(part_text, table, scorer)
            _write_rows(
                table,
                scorer,
                counts,
                part_writer.write_text_rows,
                as_text=True,
                plain=part_writer,
                lines=reader,
                first_row=part.first_row,
            )
        if not reader.lines_are_rows:
            # The rows after this part would be misnumbered.
            raise parts.NotCut
        return counts

    try:
        results = parts.run_parts(
            cuts,
            text,
            score,
            folder=None
            if summary.output == STDIO
            else str(Path(summary.output).parent),
        )
    except parts.NotCut:
        results = None
    if results is None:
        text.seek(begun)
        text.truncate()
        return False
    for counts in results:
        summary.merge(counts)  # type: ignore[arg-type]
    return True


def _unreadable(
    input_path: str,
    table: Table,
    encoding: str | None,
    columns: Mapping[str, str | None] | None,
) -> TableError:
    """The error of the first row the CSV reader cannot read, found by
    reading the file again."""
    with _open_table(
        input_path,
        sheet=None,
        delimiter=table.delimiter,
        encoding=encoding,
        mapped=[c for c, key in (columns or {}).items() if key],
    ) as again:
        while _next_chunk(again):
            pass
    return TableError(f"{input_path!r} cannot be read")  # pragma: no cover


def _write_rows(
    table: Table,
    scorer: TableScorer,
    summary: FileSummary,
    write: Callable[[list[list[Any]]], None],
    *,
    as_text: bool = False,
    plain: TextWriter | None = None,
    explain: bool = False,
    lines: LineReader | None = None,
    first_row: int | None = None,
) -> None:
    """Score and write every row. With ``plain`` (text rows to a text writer),
    batches with nothing to escape are written in one call; with ``lines``
    too, plain lines are written back as they are (the line path). With
    ``explain``, every row takes the full path (it needs each descriptor's
    points) and gets the ``--explain`` columns. With ``first_row``, the rows
    are a part of a file, its first row numbered so, and no header is
    written."""
    plan = scorer.plan
    kept = plan.kept
    keys = {column for column, _ in (*plan.findings, *plan.labs)}
    others = [column for column in kept if column not in keys]
    width = scorer.width
    every_column = kept == tuple(range(width))
    text = table.kind == "text"
    if first_row is None:
        write([[*plan.output_header, *(EXPLAIN_COLUMNS if explain else ())]])
    fast = FastRows(scorer, as_text=as_text, all_text=text)
    appended_text = (
        AppendedText(table.delimiter, table.newline) if lines is not None else None
    )
    fill = "" if text else None
    number = 2 if first_row is None else first_row
    for block, chunk_lines in _chunks(table, lines):
        chunk = block
        if min(map(len, chunk)) < width:
            # Short rows are padded (with text for text input: every cell a str).
            chunk = [
                r if len(r) >= width else [*r, *[fill] * (width - len(r))]
                for r in chunk
            ]
        if explain:
            appended, statuses, blank = _explained(scorer, chunk, number, summary)
            if as_text:
                appended = [tuple(map(str, values)) for values in appended]
            fast.formula_cells = True  # finding cells are checked with the rest
            warned: list[int] = []  # each row's message is in its values
            messages: list[str] = []
        else:
            appended, statuses, blank, warned, messages = fast.batch_apart(
                chunk, number
            )
        summary.count_batch(statuses, blank)
        summary.count_problems(fast.problems)
        number += len(chunk)
        if chunk_lines is not None and appended_text is not None and plain:
            # The line path: each line as it is, then its appended text
            # (rows that share their values share their text; a message is
            # written between the texts around it).
            found = appended_text.texts_apart(appended, warned, messages)
            plain.write_lines(chunk_lines, found)
            continue
        if warned:
            splice_messages(appended, warned, messages)
        # The common case, at C speed: rows extended in place and written
        # together when no cell needs a formula escape. Lab cells that score
        # never look like a formula, the appended values never do, and the
        # fast path counts the finding cells that do: only the other columns
        # are read here.
        if (
            plain is not None
            and every_column
            and max(map(len, chunk)) == width
            and not fast.formula_cells
            and not _any_formula(chunk, others)
        ):
            list(map(list.extend, chunk, appended))
            plain.write_plain_rows(chunk)
            continue
        out: list[list[Any]] = []
        for read, values in zip(chunk, appended, strict=True):
            row = list(read[:width]) if every_column else [read[i] for i in kept]
            row.extend(values)
            row.extend(read[width:])  # a long row keeps its extra cells at the end
            out.append(row)
        write(out)


def _chunks(
    table: Table, lines: LineReader | None
) -> Iterator[tuple[list[Any], list[str] | None]]:
    """The rows in batches, with their lines when the line path can write
    them as they are."""
    if lines is not None:
        for block in lines.blocks():
            yield block.rows, block.lines
        if lines.csv_rows is None:
            return
        rows: Iterator[Any] = lines.csv_rows
        while chunk := list(itertools.islice(rows, _BATCH)):
            yield chunk, None
        return
    while chunk := _next_chunk(table):
        yield chunk, None


def _explained(
    scorer: TableScorer, chunk: list[Any], first: int, summary: FileSummary
) -> tuple[list[tuple[int | str, ...]], dict[str, int], int]:
    """The appended and ``--explain`` values of rows scored on the full path,
    their count by status, and their blank finding cells counted absent."""
    results = [scorer.score_row(cells, n) for n, cells in enumerate(chunk, first)]
    summary.count_problems(
        [(r.row, *problem) for r in results for problem in r.problems]
    )
    appended = [
        (
            *r.appended(),
            *r.explained(scorer.scheme_name, scorer.unrecorded, __version__),
        )
        for r in results
    ]
    statuses: dict[str, int] = dict(Counter(r.status for r in results))
    return appended, statuses, sum(r.blank_counted_absent for r in results)


def _write_json_lines(
    table: Table, scorer: TableScorer, summary: FileSummary, writer: JsonLinesWriter
) -> None:
    """Score every row on the full path and write its JSON line."""
    number = 2
    while chunk := _next_chunk(table):
        results = [scorer.score_row(cells, n) for n, cells in enumerate(chunk, number)]
        summary.count_batch(
            dict(Counter(r.status for r in results)),
            sum(r.blank_counted_absent for r in results),
        )
        summary.count_problems(
            [(r.row, *problem) for r in results for problem in r.problems]
        )
        writer.write(results)
        number += len(chunk)


def _any_formula(rows: list[list[str]], columns: list[int]) -> bool:
    """Whether a cell of these columns may need a formula escape."""
    if not columns:
        return False
    if len(columns) == 1:
        return TextWriter.any_formula([list(map(itemgetter(columns[0]), rows))])
    return TextWriter.any_formula(list(map(itemgetter(*columns), rows)))


def _next_chunk(table: Table) -> list[Any]:
    try:
        return list(itertools.islice(table.rows, _BATCH))
    except (UnicodeDecodeError, csv.Error) as error:
        raise table.failed(error) from None


def write_table(output_path: str, rows: Iterable[list[object]]) -> None:
    """Write rows to a ``.csv``, ``.tsv``, ``.txt`` or ``.xlsx`` file (or ``"-"``),
    whole or not at all.

    Raises:
        TableError: an unsupported suffix or an unwritable place.
    """
    suffix = ".csv" if output_path == STDIO else _suffix(output_path)
    if suffix not in _SUFFIXES:
        msg = f"the output {output_path!r} must end in .csv, .tsv, .txt or .xlsx"
        raise TableError(msg)
    with _atomic(output_path) as binary:
        if suffix == ".xlsx":
            xlsx = XlsxWriter(binary)
            for row in rows:
                xlsx.write(row)
            xlsx.close()
            return
        with _text_stream(binary, "utf-8") as text:
            writer = TextWriter(
                text, delimiter="\t" if suffix == ".tsv" else ",", newline="\r\n"
            )
            for row in rows:
                writer.write(row)
