"""The ``mexsledai trial`` command's work: score a file of visits, link each
patient to a baseline, write the rows with baseline and change, and the
summary by arm and visit.

The rows are held in memory (a baseline may come after a visit in the file);
they are scored by the spreadsheet layer's fast path.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._bands import DEFAULT_SCHEME
from .tables.cells import Decimal
from .tables.dialects import TextWriter, XlsxWriter
from .tables.fast import FastRows
from .tables.files import (
    STDIO,
    FileSummary,
    _atomic,
    _check_options,
    _check_paths,
    _next_chunk,
    _open_table,
    _suffix,
    _text_stream,
    default_output,
)
from .tables.headers import OUTPUT_COLUMNS, TableError
from .tables.rows import TableScorer
from .trials import (
    STATISTICS,
    SummaryRow,
    Visit,
    identity,
    link,
    read_day,
    summarize_points,
)

if TYPE_CHECKING:
    from .schemes import CategoryScheme
    from .scoring import Unrecorded

__all__ = [
    "TRIAL_COLUMNS",
    "TrialReport",
    "follow_up_file",
    "summary_table",
    "write_summary",
]

#: The columns a trial output appends: the score columns with baseline and
#: change right after ``mexsledai_max``.
TRIAL_COLUMNS: tuple[str, ...] = (
    *OUTPUT_COLUMNS[:3],
    "mexsledai_baseline",
    "mexsledai_change",
    *OUTPUT_COLUMNS[3:],
)


@dataclass
class TrialReport:
    """What ``follow_up_file`` read and wrote.

    Attributes:
        summary: the rows read and their statuses, as for ``mexsledai score``.
        visits: each row's visit, total, baseline and change (input order).
        summary_rows: the statistics per arm and visit.
        levels: the scheme's levels (the summary's level columns).
        excluded: rows left out of the statistics.
    """

    summary: FileSummary
    visits: list[Visit]
    summary_rows: list[SummaryRow]
    levels: tuple[str, ...]
    excluded: int = 0


def follow_up_file(
    input_path: str,
    output_path: str | None = None,
    *,
    patient: str,
    visit: str,
    arm: str | None = None,
    day: str | None = None,
    baseline: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: Decimal = ".",
    encoding: str | None = None,
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
) -> TrialReport:
    """Score a file of visits and link each patient to a baseline.

    Writes the rows as ``score_file`` does, with ``mexsledai_baseline`` and
    ``mexsledai_change`` after ``mexsledai_max``; an excluded row keeps its
    score status and its message says why it was excluded.

    Raises:
        TableError: nothing could be done (file, header, options, a named
            column missing); no output is left behind.
    """
    output_path = output_path or default_output(input_path)
    _check_paths(input_path, output_path)
    named = {"patient": patient, "visit": visit, "arm": arm, "day": day}
    _check_options(input_path, sheet=sheet, delimiter=delimiter, encoding=encoding)
    with _open_table(
        input_path, sheet=sheet, delimiter=delimiter, encoding=encoding
    ) as table:
        header = [str(h) if h is not None else "" for h in table.header]
        where = {role: _column(header, role, name) for role, name in named.items()}
        scorer = TableScorer(
            table.header,
            decimal=decimal,
            unrecorded=unrecorded,
            scheme=scheme,
            ignore_columns=[
                *ignore_columns,
                *(c for c in named.values() if c is not None),
            ],
        )
        rows: list[list[Any]] = []
        while chunk := _next_chunk(table):
            rows.extend(chunk)
    width = scorer.width
    rows = [r if len(r) >= width else [*r, *[None] * (width - len(r))] for r in rows]
    summary = FileSummary(
        input_path, output_path, scorer.scheme_name, scorer.unrecorded,
        missing_keys=scorer.plan.missing,
    )  # fmt: skip
    appended, statuses, blank = FastRows(scorer).batch(rows, 2) if rows else ([], {}, 0)
    summary.count_batch(statuses, blank)
    visits = [
        _visit(row, number, where, values, decimal)
        for number, (row, values) in enumerate(
            zip(rows, appended, strict=True), start=2
        )
    ]
    link(visits, by_day=day is not None, baseline=baseline)
    report = TrialReport(
        summary,
        visits,
        summarize_points(visits, scorer.level_names),
        scorer.level_names,
        excluded=sum(v.excluded for v in visits),
    )
    out_header = [*(table.header[i] for i in scorer.plan.kept), *TRIAL_COLUMNS]
    suffix = ".csv" if output_path == STDIO else _suffix(output_path)
    out_rows = [
        _output_row(row, values, item, scorer.plan.kept, width)
        for row, values, item in zip(rows, appended, visits, strict=True)
    ]
    with _atomic(output_path) as binary:
        if suffix == ".xlsx":
            xlsx = XlsxWriter(binary)
            xlsx.write_rows([out_header, *out_rows])
            xlsx.close()
        else:
            out_delimiter = "\t" if suffix == ".tsv" else table.delimiter
            with _text_stream(binary, "utf-8-sig" if table.bom else "utf-8") as text:
                writer = TextWriter(
                    text, delimiter=out_delimiter, newline=table.newline
                )
                writer.write_rows([out_header, *out_rows])
    return report


def _column(header: Sequence[str], role: str, name: str | None) -> int | None:
    if name is None:
        return None
    if name not in header:
        listed = ", ".join(repr(h) for h in header)
        msg = f"the {role} column {name!r} is not in the header; the columns are: {listed}"
        raise TableError(msg)
    return header.index(name)


def _visit(
    row: Sequence[object],
    number: int,
    where: dict[str, int | None],
    values: Sequence[Any],
    decimal: Decimal,
) -> Visit:
    def cell(role: str) -> object:
        index = where[role]
        return None if index is None else row[index]

    patient, label = identity(cell("patient")), identity(cell("visit"))
    arm = identity(cell("arm")) if where["arm"] is not None else None
    total, _, _, category, status, message = values
    item = Visit(
        number,
        patient,
        arm,
        label,
        None,
        None,
        scored=status in ("scored", "incomplete"),
    )
    if status == "scored":
        item.total = total
        item.category = category or None
    elif status == "incomplete":
        item.category = category or None
    else:
        item.invalid = True
        if status == "error":
            item.problems.append(message)
        else:
            item.problems.append(
                f"row {number}: no MEX-SLEDAI finding or lab value recorded"
            )
    if patient is None:
        item.problems.append(f"row {number}: no patient")
        item.invalid = True
    if label is None:
        item.problems.append(f"row {number}: no visit")
        item.invalid = True
    if where["day"] is not None:
        item.day, problem = read_day(cell("day"), decimal)
        if problem is not None:
            item.problems.append(f"row {number}: {problem}")
            item.invalid = True
    return item


def _output_row(
    row: Sequence[object],
    values: Sequence[Any],
    item: Visit,
    kept: Sequence[int],
    width: int,
) -> list[object]:
    total, low, high, category, status, message = values
    notes = [message] if message else []
    for problem in item.problems:
        if problem not in notes:
            notes.append(problem)
    if item.excluded:
        notes.append("excluded from the summary")
    out: list[object] = [row[i] for i in kept]
    out.extend(
        (
            total,
            low,
            high,
            "" if item.baseline_total is None else item.baseline_total,
            "" if item.change is None else item.change,
            category,
            status,
            "; ".join(notes),
        )
    )
    out.extend(row[width:])
    return out


def _number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def summary_columns(levels: Sequence[str]) -> list[str]:
    """The columns of the summary file."""
    return [
        "arm", "visit", "n", "n_excluded", "n_change",
        *(f"{of}_{name}" for of in ("total", "change") for name in STATISTICS),
        *(f"n_{level}" for level in levels),
    ]  # fmt: skip


def _summary_cells(row: SummaryRow, levels: Sequence[str]) -> list[str]:
    stats = [
        _number(getattr(row, f"{of}_{name}"))
        for of in ("total", "change")
        for name in STATISTICS
    ]
    return [
        row.arm or "", row.visit, str(row.n), str(row.n_excluded), str(row.n_change),
        *stats, *(str(row.levels.get(level, 0)) for level in levels),
    ]  # fmt: skip


def write_summary(path: str, rows: Sequence[SummaryRow], levels: Sequence[str]) -> None:
    """Write the summary as CSV (always ``,`` and ``.``), numbers unrounded and
    empty where undefined, whole or not at all."""
    with _atomic(path) as binary, _text_stream(binary, "utf-8") as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(summary_columns(levels))
        writer.writerows(_summary_cells(row, levels) for row in rows)


def summary_table(rows: Sequence[SummaryRow], levels: Sequence[str]) -> str:
    """The summary as an aligned text table, numbers to 2 decimals."""

    def shown(value: object) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.2f}"
        return str(value)

    header = [
        "arm",
        "visit",
        "n",
        "excl",
        "total mean",
        "sd",
        "median",
        "change mean",
        "sd",
        "median",
        *levels,
    ]
    lines = [header]
    for row in rows:
        lines.append(
            [
                row.arm or "-", row.visit, str(row.n), str(row.n_excluded),
                shown(row.total_mean), shown(row.total_sd), shown(row.total_median),
                shown(row.change_mean), shown(row.change_sd), shown(row.change_median),
                *(str(row.levels.get(level, 0)) for level in levels),
            ]
        )  # fmt: skip
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    buffer = io.StringIO()
    for line in lines:
        buffer.write(
            "  ".join(
                cell.ljust(w) if i < 2 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
        buffer.write("\n")
    return buffer.getvalue()
