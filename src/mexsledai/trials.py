"""Following patients over visits: change from baseline, and summaries by arm
and visit.

A trial scores each patient at several visits (e.g. baseline, day 22 and day
43) and compares the change from baseline between arms. `follow_up` scores
every record and links each patient's visits to a baseline; `summarize`
gives, for each arm and visit, the statistics of the totals and of the
changes. No threshold is applied to a change: MEX-SLEDAI has no published
flare or response definition.

Data problems never drop a row. A row without patient or visit (or, when a
day column is named, a usable day) is invalid; a patient with a visit twice,
or whose arm differs between rows, has those rows marked. Invalid and marked
rows are *excluded*: they have no change and are left out of the summaries'
statistics, but are counted (``n_excluded``).

The baseline is one visit of the trial, the same for every patient: the one
named, or the first in the visit order. A patient whose row there is missing,
invalid (a blank day included), excluded or incomplete keeps its rows, with
no change and a message on each saying why: no other visit is ever measured
in its place. Cohorts whose patients enter at different visits may instead
take each patient's earliest usable row (``per_patient_baseline=True``).

Examples:
    >>> records = [
    ...     {"id": "P1", "visit": "baseline", "arm": "A", "seizures": "x"},
    ...     {"id": "P1", "visit": "day 22", "arm": "A", "seizures": "0"},
    ... ]
    >>> rows = follow_up(records, patient="id", visit="visit", arm="arm")
    >>> [(r.visit, r.score.total, r.change) for r in rows]
    [('baseline', 8, 0), ('day 22', 0, -8)]
    >>> [(s.visit, s.n, s.total_mean, s.change_mean) for s in summarize(rows)]
    [('baseline', 1, 8, 0), ('day 22', 1, 0, -8)]
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ._bands import DEFAULT_SCHEME
from .tables.cells import CellError, Decimal, is_blank, read_number, text_of
from .tables.headers import TableError
from .tables.rows import TableScorer

if TYPE_CHECKING:
    from .schemes import CategoryScheme
    from .scoring import Score, Unrecorded

__all__ = ["SummaryRow", "VisitScore", "follow_up", "summarize"]


class _Items(Protocol):
    def items(self) -> Iterable[tuple[Any, Any]]: ...


class _Dated(Protocol):
    @property
    def visit(self) -> str | None: ...
    @property
    def day(self) -> float | None: ...


@dataclass(frozen=True)
class VisitScore:
    """One record: its visit, its score, and its change from baseline.

    Attributes:
        patient: the patient's identifier (``None`` if blank).
        arm: the record's arm (``None`` if blank or no arm column).
        visit: the visit label (``None`` if blank).
        day: the study day (``None`` without a day column or if unusable).
        score: the `Score`, or ``None`` when the row is invalid.
        baseline_total: the patient's baseline total, when usable.
        change: this visit's total minus the baseline total (0 at baseline);
            ``None`` when excluded, incomplete, or without a usable baseline.
        excluded: left out of the summaries' statistics (invalid or marked).
        problems: what is wrong with the row or its patient, in words.
        scheme: the name of the category scheme.
        levels: the scheme's levels, in order (for the summaries' counts).
        row: the record's number, counting the header as 1 (as a spreadsheet).
        is_baseline: this row is its patient's baseline.
    """

    patient: str | None
    arm: str | None
    visit: str | None
    day: float | None
    score: Score | None
    baseline_total: int | None
    change: int | None
    excluded: bool
    problems: tuple[str, ...]
    scheme: str = DEFAULT_SCHEME
    levels: tuple[str, ...] = ()
    row: int = 0
    is_baseline: bool = False

    @property
    def total(self) -> int | None:
        """The complete total, or ``None`` (invalid or incomplete)."""
        return self.score.total if self.score is not None else None

    @property
    def category(self) -> str | None:
        """The activity level's value, or ``None``."""
        if self.score is None or self.score.category is None:
            return None
        return self.score.category.value


@dataclass(frozen=True)
class SummaryRow:
    """Statistics of one arm at one visit.

    ``n`` counts the rows neither excluded nor incomplete (their totals are
    summarised); ``n_excluded`` every other row of the arm and visit;
    ``n_change`` the rows counted in ``n`` that have a change. Means use
    `statistics.mean`, standard deviations `statistics.stdev` (n - 1; ``None``
    below 2 values), medians `statistics.median`, quartiles
    `statistics.quantiles` with ``n=4, method="inclusive"`` (``None`` below 2
    values); every statistic is ``None`` when there is no value.
    """

    arm: str | None
    visit: str
    n: int
    n_excluded: int
    n_change: int
    total_mean: float | None
    total_sd: float | None
    total_median: float | None
    total_q1: float | None
    total_q3: float | None
    total_min: int | None
    total_max: int | None
    change_mean: float | None
    change_sd: float | None
    change_median: float | None
    change_q1: float | None
    change_q3: float | None
    change_min: int | None
    change_max: int | None
    levels: dict[str, int] = field(default_factory=dict)


# -- linking visits ------------------------------------------------------------


@dataclass(slots=True)
class Visit:
    """What linking needs of a row; filled in by `link`."""

    row: int
    patient: str | None
    arm: str | None
    visit: str | None
    day: float | None
    total: int | None  # None when not scored or incomplete
    scored: bool  # a score exists (complete or incomplete)
    category: str | None = None
    problems: list[str] | None = None  # a list only when there is one (memory)
    invalid: bool = False
    excluded: bool = False
    baseline_total: int | None = None
    change: int | None = None
    is_baseline: bool = False

    def add(self, problem: str) -> None:
        """Note a problem of this row."""
        if self.problems is None:
            self.problems = [problem]
        else:
            self.problems.append(problem)


def identity(value: object) -> str | None:
    """A patient, visit or arm cell as text, trimmed; ``None`` when blank."""
    if type(value) is str:
        # Interned: a patient's id and the visit and arm labels repeat.
        return sys.intern(value.strip()) or None
    if _missing(value) or is_blank(value):
        return None
    return text_of(value).strip()


def _missing(value: object) -> bool:
    """NaN, pandas NA and NaT read as blank, as in a spreadsheet."""
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def read_day(value: object, decimal: Decimal) -> tuple[float | None, str | None]:
    """A day cell: its number, or the problem."""
    if _missing(value) or is_blank(value):
        return None, "no day"
    try:
        day = read_number(value, decimal=decimal)
    except CellError as error:
        return None, f"day: {error}"
    return day, None


def visit_order(visits: Iterable[_Dated], by_day: bool) -> list[str]:
    """Visit labels in order: by median day, then label; else by first
    appearance."""
    labels: dict[str, list[float]] = {}
    for visit in visits:
        if visit.visit is not None:
            days = labels.setdefault(visit.visit, [])
            if visit.day is not None:
                days.append(visit.day)
    if not by_day:
        return list(labels)
    return sorted(
        labels,
        key=lambda label: (
            (0, statistics.median(labels[label])) if labels[label] else (1, 0.0),
            label,
        ),
    )


def arm_order(arms: Iterable[str | None]) -> list[str | None]:
    """Arms sorted as text, ``None`` last."""
    present = set(arms)
    return [
        *sorted(a for a in present if a is not None),
        *([None] if None in present else []),
    ]


def baseline_label(order: Sequence[str], baseline: str | None) -> str | None:
    """The trial's baseline visit: ``baseline`` (trimmed), or the first visit
    in the visit order (``None`` when there is no visit at all).

    Raises:
        TableError: ``baseline`` names no visit; the message lists the visits.
    """
    if baseline is None:
        return order[0] if order else None
    label = baseline.strip()
    if label not in order:
        listed = ", ".join(repr(v) for v in order) or "none"
        msg = (
            f"the baseline {baseline!r} is not a visit label; the visits are: {listed}"
        )
        raise TableError(msg)
    return label


def check_baseline_options(baseline: str | None, per_patient_baseline: bool) -> None:
    """Refuse both baseline rules at once.

    Raises:
        ValueError: ``baseline`` given with ``per_patient_baseline``.
    """
    if baseline is not None and per_patient_baseline:
        msg = (
            "give either a baseline visit (--baseline) or --per-patient-baseline, "
            "not both"
        )
        raise TableError(msg)


def link(
    visits: Sequence[Visit],
    *,
    by_day: bool,
    baseline: str | None,
    per_patient_baseline: bool = False,
) -> list[str]:
    """Mark duplicates and arm changes, find each patient's baseline, and
    compute changes, in place. Returns the visit order.

    Raises:
        TableError: ``baseline`` names no visit, or both rules are asked for.
    """
    check_baseline_options(baseline, per_patient_baseline)
    patients: dict[str, list[Visit]] = {}
    for visit in visits:
        if visit.invalid:
            visit.excluded = True
        if visit.patient is not None:
            own = patients.get(visit.patient)
            if own is None:
                patients[visit.patient] = [visit]
            else:
                own.append(visit)
    order = visit_order(visits, by_day)
    label = baseline_label(order, baseline)
    rank = {name: index for index, name in enumerate(order)}
    for patient, own in patients.items():
        if len(own) > 1:
            _mark(patient, own)
        if per_patient_baseline:
            base = _cohort_baseline(patient, own, rank, order, by_day=by_day)
        else:
            base = _trial_baseline(patient, own, label)
        if base is not None:
            _changes(own, base)
    return order


def _mark(patient: str, own: list[Visit]) -> None:
    """Exclude a patient's duplicated visits, and every row if its arm differs."""
    labels = [visit.visit for visit in own if visit.visit is not None]
    if len(set(labels)) < len(labels):
        for label in dict.fromkeys(labels):
            same = [visit for visit in own if visit.visit == label]
            if len(same) > 1:
                where = ", ".join(str(v.row) for v in same)
                for visit in same:
                    visit.excluded = True
                    visit.add(
                        f"patient {patient} has visit {label!r} more than once "
                        f"(rows {where})"
                    )
    arms = {visit.arm for visit in own}
    if len(arms) > 1:
        named = ", ".join(
            repr(a) if a is not None else "blank" for a in arm_order(arms)
        )
        for visit in own:
            visit.excluded = True
            visit.add(f"patient {patient} is in more than one arm: {named}")


def _no_change(own: list[Visit], problem: str) -> None:
    for visit in own:
        visit.add(f"{problem}: no change")


def _trial_baseline(patient: str, own: list[Visit], label: str | None) -> Visit | None:
    """The patient's row at the trial's baseline visit, if usable; otherwise
    every row says why there is no change."""
    at = [visit for visit in own if visit.visit == label]
    rows = ("row " if len(at) == 1 else "rows ") + ", ".join(str(v.row) for v in at)
    if not at:
        _no_change(own, f"patient {patient} has no row at the baseline visit {label!r}")
        return None
    if len(at) > 1 or at[0].excluded:
        _no_change(
            own,
            f"patient {patient}'s row at the baseline visit {label!r} ({rows}) "
            "is excluded",
        )
        return None
    if at[0].total is None:
        _no_change(
            own,
            f"patient {patient}'s row at the baseline visit {label!r} ({rows}) "
            "has no complete total",
        )
        return None
    return at[0]


def _cohort_baseline(
    patient: str,
    own: list[Visit],
    rank: dict[str, int],
    order: Sequence[str],
    *,
    by_day: bool,
) -> Visit | None:
    """The patient's earliest usable row (valid, not excluded, complete):
    lowest day, else earliest visit; ties by visit order, then input order."""
    usable = [v for v in own if not v.excluded and v.total is not None]
    if not usable:
        _no_change(own, f"patient {patient} has no usable row for a baseline")
        return None
    base = min(
        usable,
        key=lambda v: (
            v.day if by_day and v.day is not None else 0.0,
            rank.get(v.visit or "", len(rank)),
            v.row,
        ),
    )
    first = order[0]
    if base.visit != first:
        if any(v.visit == first for v in usable):
            reason = f"its day is the patient's earliest, before {first!r}"
        else:
            reason = f"no usable row at {first!r}"
        for visit in own:
            visit.add(f"baseline taken at {base.visit!r}: {reason}")
    return base


def _changes(own: list[Visit], base: Visit) -> None:
    """Each row's change from ``base``; excluded rows keep the baseline total
    but have no change."""
    base.is_baseline = True
    total = base.total
    for visit in own:
        visit.baseline_total = total
        if visit.excluded:
            continue
        if visit.total is None:
            visit.add("the score is incomplete: no change")
        else:
            visit.change = visit.total - total  # type: ignore[operator]


# -- the Python API ------------------------------------------------------------


def _header_of(records: Sequence[Mapping[Any, Any] | _Items]) -> list[str]:
    header: dict[str, None] = {}
    for record in records:
        for key, _ in record.items():  # noqa: PERF102  (anything with items())
            header.setdefault(str(key), None)
    return list(header)


def check_columns(header: Sequence[str], named: Mapping[str, str | None]) -> list[str]:
    """The named columns (patient, visit, arm, day) that are given, each in the
    header.

    Raises:
        TableError: a named column that is not in the header.
    """
    columns = []
    for role, column in named.items():
        if column is None:
            continue
        if column not in header:
            listed = ", ".join(repr(h) for h in header)
            msg = (
                f"the {role} column {column!r} is not in the header; "
                f"the columns are: {listed}"
            )
            raise TableError(msg)
        columns.append(column)
    return columns


def follow_up(
    records: Iterable[Mapping[Any, Any] | _Items],
    *,
    patient: str,
    visit: str,
    arm: str | None = None,
    day: str | None = None,
    baseline: str | None = None,
    per_patient_baseline: bool = False,
    columns: Mapping[str, str | None] | None = None,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
) -> list[VisitScore]:
    """Score every record and link each patient's visits to a baseline.

    Args:
        records: mappings or anything with ``.items()`` (dicts, spreadsheet
            rows, pandas rows); cells are read as the spreadsheet layer reads
            them (finding words, numbers with ``decimal``; blank, NaN or NA is
            not recorded). Columns other than those named below follow the
            header rules of ``mexsledai score``: a near miss is an error.
        patient: the column of patient identifiers.
        visit: the column of visit labels.
        arm: the column of arms, if any.
        day: the column of study days, if any (orders visits, finds baselines).
        baseline: the label of the trial's baseline visit, the same for every
            patient; by default the first visit in the visit order. A patient
            with no usable row there has no change (every row says why); no
            other visit stands in for it.
        per_patient_baseline: for cohorts whose patients enter at different
            visits: each patient's earliest usable row (valid, not excluded,
            complete; lowest day, else earliest visit) is their baseline, and
            their rows say which visit it is when it is not the first.
        columns: a map of column names to keys (``None``: pass through), as
            ``--columns``; it overrides the header rules for those columns.
        decimal: the decimal mark of number cells.
        unrecorded: ``"absent"`` or ``"unknown"``.
        scheme: a category scheme name or a `CategoryScheme`.

    Returns:
        One `VisitScore` per record, in input order.

    Raises:
        TableError: a named column is missing, the columns cannot be read
            safely (`HeaderError`), ``baseline`` names no visit, or both
            ``baseline`` and ``per_patient_baseline`` are given.
    """
    check_baseline_options(baseline, per_patient_baseline)
    listed = list(records)
    header = _header_of(listed)
    named = {"patient": patient, "visit": visit, "arm": arm, "day": day}
    scorer = TableScorer(
        header,
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=check_columns(header, named),
        columns=columns,
    )
    levels = scorer.level_names
    linked: list[Visit] = []
    scores: list[Score | None] = []
    for number, record in enumerate(listed, start=2):
        values = {str(k): v for k, v in record.items()}
        cells = [None if _missing(values.get(h)) else values.get(h) for h in header]
        result = scorer.score_row(cells, number)
        item = _visit_of(values, number, named, decimal)
        if result.status in ("error", "empty"):
            item.invalid = True
            item.add(result.message or "no MEX-SLEDAI finding or lab value recorded")
        else:
            item.scored = True
            item.total = result.score.total if result.score is not None else None
        linked.append(item)
        scores.append(result.score if not item.invalid else None)
    link(
        linked,
        by_day=day is not None,
        baseline=baseline,
        per_patient_baseline=per_patient_baseline,
    )
    return [
        VisitScore(
            patient=item.patient,
            arm=item.arm,
            visit=item.visit,
            day=item.day,
            score=score,
            baseline_total=item.baseline_total,
            change=item.change,
            excluded=item.excluded,
            problems=tuple(item.problems or ()),
            scheme=scorer.scheme_name,
            levels=levels,
            row=item.row,
            is_baseline=item.is_baseline,
        )
        for item, score in zip(linked, scores, strict=True)
    ]


def _visit_of(
    values: Mapping[str, object],
    row: int,
    named: Mapping[str, str | None],
    decimal: Decimal,
) -> Visit:
    """The identity of a row: patient, arm, visit and day, and its problems."""
    patient = identity(values.get(named["patient"] or ""))
    label = identity(values.get(named["visit"] or ""))
    arm = identity(values.get(named["arm"])) if named["arm"] else None
    item = Visit(row, patient, arm, label, None, None, scored=False)
    if patient is None:
        item.add(f"row {row}: no patient in column {named['patient']!r}")
        item.invalid = True
    if label is None:
        item.add(f"row {row}: no visit in column {named['visit']!r}")
        item.invalid = True
    if named["day"]:
        item.day, problem = read_day(values.get(named["day"]), decimal)
        if problem is not None:
            item.add(f"row {row}: {problem} in column {named['day']!r}")
            item.invalid = True
    return item


#: The statistics of a summary, in the order of its columns.
STATISTICS = ("mean", "sd", "median", "q1", "q3", "min", "max")


def _stats(values: list[int]) -> tuple[Any, ...]:
    """mean, sd, median, q1, q3, min, max of ``values`` (None where undefined)."""
    if not values:
        return (None,) * 7
    mean = statistics.mean(values)
    median = statistics.median(values)
    if len(values) < 2:
        return (mean, None, median, None, None, min(values), max(values))
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return (mean, statistics.stdev(values), median, q1, q3, min(values), max(values))


class Point(Protocol):
    """What a summary reads of a row (a `VisitScore`, or the command's rows)."""

    @property
    def arm(self) -> str | None: ...
    @property
    def visit(self) -> str | None: ...
    @property
    def day(self) -> float | None: ...
    @property
    def excluded(self) -> bool: ...
    @property
    def total(self) -> int | None: ...
    @property
    def change(self) -> int | None: ...
    @property
    def category(self) -> str | None: ...


def summarize(visit_scores: Sequence[VisitScore]) -> list[SummaryRow]:
    """Summary statistics of the totals and changes, per arm and visit.

    One row per (arm, visit) that has a record, arms sorted as text (``None``
    last), visits in order (by median day when the records have days, else by
    first appearance). Records without a visit label belong to no row. The
    level counts are those of the records' scheme.
    """
    levels: tuple[str, ...] = next((v.levels for v in visit_scores if v.levels), ())
    return summarize_points(visit_scores, levels)


def summarize_points(
    points: Sequence[Point], levels: Sequence[str]
) -> list[SummaryRow]:
    """`summarize` for any rows that carry what it reads."""
    by_day = any(p.day is not None for p in points)
    order = visit_order(points, by_day)
    groups: dict[tuple[str | None, str], list[Point]] = {}
    for point in points:
        if point.visit is not None:
            groups.setdefault((point.arm, point.visit), []).append(point)
    summary = []
    for arm in arm_order(a for a, _ in groups):
        for label in order:
            rows = groups.get((arm, label))
            if not rows:
                continue
            counted = [r for r in rows if not r.excluded and r.total is not None]
            totals = [r.total for r in counted if r.total is not None]
            changes = [r.change for r in counted if r.change is not None]
            counts = dict.fromkeys(levels, 0)
            for r in counted:
                if r.category is not None:
                    counts[r.category] = counts.get(r.category, 0) + 1
            stats = {
                f"{of}_{name}": value
                for of, values in (("total", totals), ("change", changes))
                for name, value in zip(STATISTICS, _stats(values), strict=True)
            }
            summary.append(
                SummaryRow(
                    arm=arm,
                    visit=label,
                    n=len(counted),
                    n_excluded=len(rows) - len(counted),
                    n_change=len(changes),
                    levels=counts,
                    **stats,
                )
            )
    return summary
