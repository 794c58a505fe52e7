"""The ``mexsledai trial`` command's work: score a file of visits, link each
patient to a baseline, write the rows with baseline and change, and the
summary by arm and visit.

The rows are held in memory (a baseline may come after a visit in the file);
they are scored by the spreadsheet layer's fast path.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ._bands import DEFAULT_SCHEME
from ._version import __version__
from .tables.cells import Decimal
from .tables.dialects import TextWriter, XlsxWriter, require_openpyxl
from .tables.fast import FastRows
from .tables.files import (
    STDIO,
    FileSummary,
    _any_formula,
    _atomic,
    _check_options,
    _check_paths,
    _next_chunk,
    _open_table,
    _suffix,
    _text_stream,
    default_output,
    paused_collector,
)
from .tables.headers import OUTPUT_COLUMNS, TableError
from .tables.rows import EXPLAIN_COLUMNS, TableScorer
from .trials import (
    STATISTICS,
    SummaryRow,
    Visit,
    VisitScore,
    baseline_label,
    check_baseline_options,
    check_columns,
    identity,
    link,
    read_day,
    summarize_points,
)

if TYPE_CHECKING:
    from .schemes import CategoryScheme
    from .scoring import Score, Unrecorded

__all__ = [
    "TRIAL_COLUMNS",
    "TrialReport",
    "follow_up_file",
    "summary_table",
    "write_adam",
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
        scores: with ``keep_scores``, each row's `Score` (``None`` for a row
            in error or invalid), in input order; else empty.
        scheme: the scheme's name.
        baseline: the trial's baseline visit (``None`` with per-patient
            baselines).
        without_baseline: patients without a usable baseline (no change).
    """

    summary: FileSummary
    visits: list[Visit]
    summary_rows: list[SummaryRow]
    levels: tuple[str, ...]
    excluded: int = 0
    scores: list[Score | None] = field(default_factory=list)
    scheme: str = DEFAULT_SCHEME
    baseline: str | None = None
    without_baseline: int = 0

    def visit_scores(self) -> list[VisitScore]:
        """The rows as `mexsledai.follow_up` gives them (needs ``scores``)."""
        return [
            VisitScore(
                patient=v.patient, arm=v.arm, visit=v.visit, day=v.day,
                score=None if v.invalid else score,
                baseline_total=v.baseline_total, change=v.change,
                excluded=v.excluded, problems=tuple(v.problems or ()),
                scheme=self.scheme, levels=self.levels, row=v.row,
                is_baseline=v.is_baseline,
            )
            for v, score in zip(self.visits, self.scores, strict=True)
        ]  # fmt: skip


def follow_up_file(
    input_path: str,
    output_path: str | None = None,
    *,
    patient: str,
    visit: str,
    arm: str | None = None,
    day: str | None = None,
    baseline: str | None = None,
    per_patient_baseline: bool = False,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: Decimal = ".",
    encoding: str | None = None,
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    keep_scores: bool = False,
    explain: bool = False,
) -> TrialReport:
    """Score a file of visits and link each patient to a baseline.

    Writes the rows as ``score_file`` does, with ``mexsledai_baseline`` and
    ``mexsledai_change`` after ``mexsledai_max``; an excluded row keeps its
    score status and its message says why it was excluded. With
    ``keep_scores``, each row's full `Score` is kept too (for ADaM).

    Raises:
        TableError: nothing could be done (file, header, options, a named
            column missing); no output is left behind.
    """
    output_path = output_path or default_output(input_path)
    _check_paths(input_path, output_path)
    _check_options(input_path, sheet=sheet, delimiter=delimiter, encoding=encoding)
    check_baseline_options(baseline, per_patient_baseline)
    named = {"patient": patient, "visit": visit, "arm": arm, "day": day}
    options: dict[str, Any] = {
        "sheet": sheet,
        "delimiter": delimiter,
        "encoding": encoding,
        "mapped": [c for c, key in (columns or {}).items() if key],
    }
    # Two passes over the input (a baseline may follow a visit in the file):
    # the first scores and links, the second writes. Standard input is kept
    # in a temporary file between them.
    with paused_collector(), _spooled(input_path) as source:
        with _open_table(input_path, source=source, **options) as table:
            header = [str(h) if h is not None else "" for h in table.header]
            check_columns(header, named)
            where = {
                role: None if name is None else header.index(name)
                for role, name in named.items()
            }
            scorer = TableScorer(
                table.header,
                decimal=decimal,
                unrecorded=unrecorded,
                scheme=scheme,
                ignore_columns=[*ignore_columns, *(c for c in named.values() if c)],
                columns=columns,
            )
            summary = FileSummary(
                input_path, output_path, scorer.scheme_name, scorer.unrecorded,
                missing_keys=scorer.plan.missing, matched=scorer.plan.matches(),
            )  # fmt: skip
            fast = FastRows(scorer, all_text=table.kind == "text")
            appended: list[Any] = []
            visits: list[Visit] = []
            scores: list[Score | None] = []
            explained: list[tuple[int | str, ...]] = []
            finding_formulas: list[bool] = []  # per batch: a cell it may escape
            width = scorer.width
            while chunk := _next_chunk(table):
                if min(map(len, chunk)) < width:
                    chunk = [
                        r if len(r) >= width else [*r, *[None] * (width - len(r))]
                        for r in chunk
                    ]
                if keep_scores or explain:
                    results = [
                        scorer.score_row(cells, number)
                        for number, cells in enumerate(chunk, len(appended) + 2)
                    ]
                    if keep_scores:
                        scores.extend(r.score for r in results)
                    if explain:
                        explained.extend(
                            r.explained(
                                scorer.scheme_name, scorer.unrecorded, __version__
                            )
                            for r in results
                        )
                values, statuses, blank = fast.batch(chunk, len(appended) + 2)
                finding_formulas.append(fast.formula_cells)
                summary.count_batch(statuses, blank)
                summary.count_problems(fast.problems)
                visits.extend(_visits(chunk, len(appended) + 2, where, values, decimal))
                appended.extend(values)
        order = link(
            visits,
            by_day=day is not None,
            baseline=baseline,
            per_patient_baseline=per_patient_baseline,
        )
        patients = {v.patient for v in visits if v.patient is not None}
        based = {v.patient for v in visits if v.is_baseline}
        report = TrialReport(
            summary,
            visits,
            summarize_points(visits, scorer.level_names),
            scorer.level_names,
            excluded=sum(v.excluded for v in visits),
            scores=scores,
            scheme=scorer.scheme_name,
            baseline=None if per_patient_baseline else baseline_label(order, baseline),
            without_baseline=len(patients - based),
        )
        _write_trial(
            input_path,
            output_path,
            source,
            options,
            scorer,
            (appended, visits, finding_formulas, explained),
        )
    return report


@contextlib.contextmanager
def _spooled(input_path: str) -> Iterator[IO[bytes] | None]:
    """Standard input copied to a temporary file (to be read twice); ``None``
    for a file, which is simply opened again."""
    if input_path != STDIO:
        yield None
        return
    with tempfile.TemporaryFile() as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.seek(0)
        yield spool


def _write_trial(
    input_path: str,
    output_path: str,
    source: IO[bytes] | None,
    options: dict[str, Any],
    scorer: TableScorer,
    first_pass: tuple[list[Any], list[Visit], list[bool], list[tuple[Any, ...]]],
) -> None:
    """The second pass: every row with its score, baseline and change.

    The first pass gave each row's appended values and linked visit, per
    batch whether a finding cell (or any cell of a row the full path took)
    may need a formula escape (the other columns are checked here), and with
    ``--explain`` each row's explain columns.
    """
    appended, visits, finding_formulas, explained = first_pass
    if source is not None:
        source.seek(0)
    suffix = ".csv" if output_path == STDIO else _suffix(output_path)
    kept = scorer.plan.kept
    width = scorer.width
    with contextlib.ExitStack() as stack:
        table = stack.enter_context(_open_table(input_path, source=source, **options))
        binary = stack.enter_context(_atomic(output_path))
        text_in = table.kind == "text"
        xlsx = None
        if suffix == ".xlsx":
            xlsx = XlsxWriter(binary)
            write: Callable[[list[list[Any]]], None] = xlsx.write_rows
        else:
            encoding = "utf-8-sig" if table.bom else "utf-8"
            text = stack.enter_context(_text_stream(binary, encoding))
            delimiter = "\t" if suffix == ".tsv" else table.delimiter
            writer = TextWriter(text, delimiter=delimiter, newline=table.newline)
            # Rows of text input, with text appended, are all text.
            write = writer.write_text_rows if text_in else writer.write_rows
        write(
            [
                [
                    *(table.header[i] for i in kept),
                    *TRIAL_COLUMNS,
                    *(EXPLAIN_COLUMNS if explained else ()),
                ]
            ]
        )
        fill = "" if text_in else None
        at = 0
        every = kept == tuple(range(width))
        keys = {column for column, _ in (*scorer.plan.findings, *scorer.plan.labs)}
        others = [column for column in kept if column not in keys]
        texts: dict[tuple[Any, ...], list[object]] = {}
        batch = 0
        while chunk := _next_chunk(table):
            plain = (
                xlsx is None and text_in and every and max(map(len, chunk)) == width
                and not finding_formulas[batch] and not _any_formula(chunk, others)
            )  # fmt: skip
            batch += 1
            rows = []
            for read in chunk:
                row = (
                    read
                    if len(read) >= width
                    else [*read, *[fill] * (width - len(read))]
                )
                cells = list(row[:width]) if every else [row[i] for i in kept]
                item, values = visits[at], appended[at]
                if item.problems is None and not item.excluded and not values[5]:
                    # The usual row: its appended cells are shared with its likes.
                    key = (values, item.baseline_total, item.change)
                    shown = texts.get(key)
                    if shown is None:
                        shown = texts[key] = _appended(values, item, xlsx is None)
                    cells.extend(shown)
                else:
                    cells.extend(_appended(values, item, as_text=xlsx is None))
                if explained:
                    extra = explained[at]
                    cells.extend(map(str, extra) if xlsx is None else extra)
                cells.extend(row[width:])
                rows.append(cells)
                at += 1
            # The appended values never look like a formula (a change of -3
            # is a plain number): when the input cells need no escape, the
            # rows are written as they are.
            if plain:
                writer.write_plain_rows(rows)
            else:
                write(rows)
        if xlsx is not None:
            xlsx.close()


def _visits(
    chunk: Sequence[Sequence[object]],
    first: int,
    where: dict[str, int | None],
    appended: Sequence[Sequence[Any]],
    decimal: Decimal,
) -> list[Visit]:
    """The identity and score of each row, for linking."""
    visits = []
    patients, labels, arms, days = (
        [None] * len(chunk)
        if where[role] is None
        else list(map(itemgetter(where[role]), chunk))
        for role in ("patient", "visit", "arm", "day")
    )
    by_day = where["day"] is not None
    for at, values in enumerate(appended):
        number = first + at
        total, _, _, category, status, message, _ = values
        item = Visit(
            number,
            identity(patients[at]),
            identity(arms[at]),
            identity(labels[at]),
            None,
            total if status == "scored" else None,
            scored=status in ("scored", "incomplete"),
            category=category or None,
        )
        if not item.scored:
            item.invalid = True
            item.add(
                message or f"row {number}: no MEX-SLEDAI finding or lab value recorded"
            )
        if item.patient is None:
            item.invalid = True
            item.add(f"row {number}: no patient")
        if item.visit is None:
            item.invalid = True
            item.add(f"row {number}: no visit")
        if by_day:
            item.day, problem = read_day(days[at], decimal)
            if problem is not None:
                item.invalid = True
                item.add(f"row {number}: {problem}")
        visits.append(item)
    return visits


_TEXT_OF = {n: str(n) for n in range(-40, 41)}


def _appended(values: Sequence[Any], item: Visit, as_text: bool) -> list[object]:
    """The columns a trial appends to one row."""
    total, low, high, category, status, message, derived = values
    base = "" if item.baseline_total is None else item.baseline_total
    change = "" if item.change is None else item.change
    if message or item.problems or item.excluded:
        notes = [message] if message else []
        notes.extend(p for p in item.problems or () if p != message)
        if item.excluded:
            notes.append("excluded from the summary")
        message = "; ".join(notes)
    cells: list[object] = [
        total, low, high, base, change, category, status, message, derived,
    ]  # fmt: skip
    if as_text:
        return [c if type(c) is str else _TEXT_OF.get(c) or str(c) for c in cells]  # type: ignore[call-overload]
    return cells


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


def check_side_files(
    input_path: str,
    output_path: str | None,
    summary: str | None,
    plot: str | None,
    adam: str | None = None,
) -> None:
    """Before anything is written: refuse a summary, plot or ADaM file that
    would overwrite the input, the rows' output or each other, a summary not
    named as CSV, a plot that is neither .png nor .svg, an ADaM file that is
    neither .csv nor .xlsx, and an output whose package is not installed
    (matplotlib for the plot, openpyxl for .xlsx)."""
    if summary is not None and _suffix(summary) in (".xlsx", ".tsv"):
        msg = f"the summary {summary!r} is written as CSV: name it .csv (or .txt)"
        raise TableError(msg)
    if plot is not None and _suffix(plot) not in (".png", ".svg"):
        msg = f"the plot {plot!r} must end in .png or .svg"
        raise TableError(msg)
    if adam is not None and _suffix(adam) not in (".csv", ".xlsx"):
        msg = f"the ADaM dataset {adam!r} must end in .csv or .xlsx"
        raise TableError(msg)
    output = output_path or default_output(input_path)
    taken = {Path(p).resolve() for p in (input_path, output) if p != STDIO}
    for other in (summary, plot, adam):
        if other is None or other == STDIO:
            continue
        resolved = Path(other).resolve()
        if resolved in taken:
            msg = (
                f"{other!r} is already the input or another output: choose another name"
            )
            raise TableError(msg)
        taken.add(resolved)
    if plot is not None:
        from .plot import require_matplotlib  # noqa: PLC0415

        require_matplotlib()
    if any(p is not None and _suffix(p) == ".xlsx" for p in (output, adam)):
        require_openpyxl()


def write_adam(
    path: str, visit_scores: Sequence[VisitScore], *, study: str | None = None
) -> int:
    """Write the ADaM BDS dataset as ``.csv`` (``,`` and ``.``) or ``.xlsx``,
    whole or not at all.

    Returns:
        How many rows had no score, and so no records.
    """
    from .adam import ADAM_COLUMNS, adam_records  # noqa: PLC0415

    records = adam_records(visit_scores, study=study)
    rows = [[record[c] for c in ADAM_COLUMNS] for record in records]
    with _atomic(path) as binary:
        if _suffix(path) == ".xlsx":
            xlsx = XlsxWriter(binary, title="ADaM")
            xlsx.write(list(ADAM_COLUMNS))
            xlsx.write_rows([[("" if v is None else v) for v in row] for row in rows])
            xlsx.close()
        else:
            with _text_stream(binary, "utf-8") as text:
                writer = csv.writer(text, lineterminator="\r\n")
                writer.writerow(ADAM_COLUMNS)
                writer.writerows([_number(v) for v in row] for row in rows)
    return sum(1 for v in visit_scores if v.score is None)


def write_summary(path: str, rows: Sequence[SummaryRow], levels: Sequence[str]) -> None:
    """Write the summary as CSV (always ``,`` and ``.``), numbers unrounded and
    empty where undefined, whole or not at all."""
    with _atomic(path) as binary, _text_stream(binary, "utf-8") as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(summary_columns(levels))
        writer.writerows(_summary_cells(row, levels) for row in rows)


def summary_table(
    rows: Sequence[SummaryRow], levels: Sequence[str], lang: str = "en"
) -> str:
    """The summary as an aligned text table: counts as integers, every
    statistic with exactly two decimals (``-`` where undefined), a first
    header line grouping the total's and the change's statistics, and the
    level names in ``lang``.

    Examples:
        >>> from mexsledai import follow_up, summarize
        >>> rows = summarize(follow_up(
        ...     [{"id": "P1", "v": "baseline", "seizures": "x"},
        ...      {"id": "P1", "v": "day 22", "seizures": "0"}], patient="id", visit="v"))
        >>> print(summary_table(rows, ["none", "mild"], "es"), end="")
                                                total ------------------------------  change --------------------------------
        arm  visit     n  n_excluded  n_change  mean  sd  median  q1  q3   min   max   mean  sd  median  q1  q3    min    max  sin actividad  leve
        -    baseline  1           0         1  8.00   -    8.00   -   -  8.00  8.00   0.00   -    0.00   -   -   0.00   0.00              0     0
        -    day 22    1           0         1  0.00   -    0.00   -   -  0.00  0.00  -8.00   -   -8.00   -   -  -8.00  -8.00              1     0
    """
    from .languages import level_label  # noqa: PLC0415

    def shown(value: object) -> str:
        return "-" if value is None else f"{float(value):.2f}"  # type: ignore[arg-type]

    header = [
        "arm", "visit", "n", "n_excluded", "n_change",
        *STATISTICS, *STATISTICS, *(level_label(level, lang) for level in levels),
    ]  # fmt: skip
    lines = [header]
    for row in rows:
        lines.append(
            [
                row.arm or "-", row.visit, str(row.n), str(row.n_excluded),
                str(row.n_change),
                *(shown(getattr(row, f"total_{name}")) for name in STATISTICS),
                *(shown(getattr(row, f"change_{name}")) for name in STATISTICS),
                *(str(row.levels.get(level, 0)) for level in levels),
            ]
        )  # fmt: skip
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    # The group line: "total" over the total's statistics, "change" over the
    # change's, each starting where its first column starts.
    starts = [sum(w + 2 for w in widths[:i]) for i in range(len(widths))]
    group = ""
    for name, first in (("total", 5), ("change", 5 + len(STATISTICS))):
        last = first + len(STATISTICS) - 1
        span = starts[last] + widths[last] - starts[first]
        group = group.ljust(starts[first]) + f"{name} ".ljust(span, "-")
    buffer = io.StringIO()
    buffer.write(group + "\n")
    for line in lines:
        cells = (
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        buffer.write("  ".join(cells).rstrip() + "\n")
    return buffer.getvalue()
