"""pandas frames: score a DataFrame, follow patients, and summaries as tidy
frames.

Needs pandas (the ``pandas`` extra), imported only when a function here runs.
Cells are read as the spreadsheet layer reads them; NaN, NA and NaT are not
recorded.

Examples:
    >>> import pandas as pd
    >>> visits = pd.DataFrame({"seizures": ["x", None], "fatigue": [0, 1]},
    ...                       index=["a", "b"])
    >>> score_frame(visits)[["mexsledai_score", "mexsledai_category"]]
       mexsledai_score mexsledai_category
    a                8           moderate
    b                1               none
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._bands import BUILT_IN_BANDS, DEFAULT_SCHEME
from .frames.engine import IntColumn, LazyColumn, score_columns
from .tables.cells import Decimal
from .tables.headers import TableError, is_output_column
from .trials import STATISTICS, VisitScore, follow_up, summarize, summarize_points

if TYPE_CHECKING:
    import pandas as pd

    from .schemes import CategoryScheme
    from .scoring import Unrecorded

__all__ = ["adam_frame", "follow_up_frame", "score_frame", "summary_frame"]


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415, ICN001  (optional: imported only when used)
    except ImportError:
        msg = (
            "this needs pandas: pip install 'mexsledai[pandas]' (or pip install pandas)"
        )
        raise TableError(msg) from None
    return pandas


def _cell(value: object) -> object:
    """NaN, NA and NaT as not recorded; everything else as it is."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def score_frame(
    frame: pd.DataFrame,
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
    explain: bool = False,
) -> pd.DataFrame:
    """A copy of ``frame`` with the seven ``mexsledai_*`` columns of
    ``mexsledai score`` appended (with ``explain``, those of ``--explain``
    too).

    Columns are matched to keys by their names as ``mexsledai score`` matches
    headers (a near miss raises `HeaderError`); earlier ``mexsledai_*`` columns
    are replaced; ``columns`` maps column names to keys as ``--columns``
    does. The index and the other columns are kept. Totals and points are
    nullable integers (``<NA>`` when incomplete, unknown or in error).
    """
    pandas = _pandas()
    kept = [c for c in frame.columns if not is_output_column(c)]
    source = frame[kept]
    appended = score_columns(
        [str(c) for c in kept],
        [_lazy(source.iloc[:, i]) for i in range(len(kept))],
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        column_map=columns,
        explain=explain,
        row_names=frame.index,
    )
    result: pd.DataFrame = source.copy(deep=False)
    for name, column in appended.items():
        if isinstance(column, IntColumn):
            result[name] = pandas.arrays.IntegerArray(column.values, column.mask)
        else:
            labels = pandas.array(column.labels, dtype="string")
            result[name] = labels.take(column.codes)
    return result


def _lazy(series: pd.Series) -> LazyColumn:
    """A column the engine converts only if it reads it."""
    return LazyColumn(
        series.to_numpy, lambda rows: series.iloc[rows].tolist(), len(series)
    )


def _visit_rows(visit_scores: Sequence[VisitScore]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "patient", "arm", "visit", "day", "total", "minimum", "maximum", "category",
            "status", "baseline_total", "change", "excluded", "is_baseline",
            "problems", "scheme",
        )
    }  # fmt: skip
    for item in visit_scores:
        score = item.score
        status = (
            "invalid" if score is None else "scored" if score.complete else "incomplete"
        )
        for name, value in (
            ("patient", item.patient),
            ("arm", item.arm),
            ("visit", item.visit),
            ("day", item.day),
            ("total", item.total),
            ("minimum", score.minimum if score is not None else None),
            ("maximum", score.maximum if score is not None else None),
            ("category", item.category),
            ("status", status),
            ("baseline_total", item.baseline_total),
            ("change", item.change),
            ("excluded", item.excluded),
            ("is_baseline", item.is_baseline),
            ("problems", "; ".join(item.problems)),
            ("scheme", item.scheme),
        ):
            columns[name].append(value)
    return columns


def follow_up_frame(
    frame: pd.DataFrame,
    *,
    patient: str,
    visit: str,
    arm: str | None = None,
    day: str | None = None,
    baseline: str | None = None,
    columns: Mapping[str, str | None] | None = None,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
) -> pd.DataFrame:
    """`mexsledai.follow_up` on the rows of ``frame``, as a tidy frame with
    ``frame``'s index: patient, arm, visit, day, total, minimum, maximum,
    category, status (``scored``, ``incomplete`` or ``invalid``),
    baseline_total, change, excluded, problems."""
    pandas = _pandas()
    records = [
        {str(k): _cell(v) for k, v in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]
    visit_scores = follow_up(
        records,
        patient=patient,
        visit=visit,
        arm=arm,
        day=day,
        baseline=baseline,
        columns=columns,
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
    )
    tidy = _visit_rows(visit_scores)
    result: pd.DataFrame = pandas.DataFrame(tidy, index=frame.index)
    for name in ("total", "minimum", "maximum", "baseline_total", "change"):
        result[name] = pandas.array(tidy[name], dtype="Int64")
    result.attrs["mexsledai_levels"] = next(
        (v.levels for v in visit_scores if v.levels), ()
    )
    return result


@dataclass(frozen=True)
class _FramePoint:
    """A row of `follow_up_frame`'s frame, as `summarize_points` reads it."""

    arm: str | None
    visit: str | None
    day: float | None
    excluded: bool
    total: int | None
    change: int | None
    category: str | None


def _points(frame: pd.DataFrame) -> tuple[list[_FramePoint], tuple[str, ...]]:
    """The rows of a `follow_up_frame` frame, and the scheme's levels."""
    missing = [c for c in _POINT_COLUMNS if c not in frame.columns]
    if missing:
        msg = (
            "summary_frame takes the VisitScores of follow_up or the frame of "
            f"follow_up_frame; this frame has no column {', '.join(map(repr, missing))}"
        )
        raise TableError(msg)
    points = [
        _FramePoint(
            arm=_cell(arm),  # type: ignore[arg-type]
            visit=_cell(visit),  # type: ignore[arg-type]
            day=_cell(day),  # type: ignore[arg-type]
            excluded=bool(excluded),
            total=None if _cell(total) is None else int(total),
            change=None if _cell(change) is None else int(change),
            category=_cell(category),  # type: ignore[arg-type]
        )
        for arm, visit, day, excluded, total, change, category in frame[
            list(_POINT_COLUMNS)
        ].itertuples(index=False, name=None)
    ]
    levels = frame.attrs.get("mexsledai_levels")
    if levels is None:
        scheme = next((s for s in frame["scheme"] if _cell(s) is not None), None)
        bands = BUILT_IN_BANDS.get(str(scheme), ())
        levels = tuple(level for _, _, level in bands)
    return points, tuple(levels)


_POINT_COLUMNS = ("arm", "visit", "day", "excluded", "total", "change", "category")


def summary_frame(visits: Sequence[VisitScore] | pd.DataFrame) -> pd.DataFrame:
    """`mexsledai.summarize` as a frame: one row per arm and visit, the columns
    of the ``trial`` command's summary file (``n_<level>`` last).

    Args:
        visits: the `VisitScore` list of `mexsledai.follow_up`, or the frame
            that `follow_up_frame` returned.
    """
    pandas = _pandas()
    if isinstance(visits, pandas.DataFrame):
        points, levels = _points(visits)
        rows = summarize_points(points, levels)
    else:
        scores: Sequence[VisitScore] = visits  # type: ignore[assignment]
        rows = summarize(scores)
        levels = next((v.levels for v in scores if v.levels), ())
    names = [f"{of}_{name}" for of in ("total", "change") for name in STATISTICS]
    data = [
        {
            "arm": row.arm,
            "visit": row.visit,
            "n": row.n,
            "n_excluded": row.n_excluded,
            "n_change": row.n_change,
            **{name: getattr(row, name) for name in names},
            **{f"n_{level}": row.levels.get(level, 0) for level in levels},
        }
        for row in rows
    ]
    columns = [
        "arm",
        "visit",
        "n",
        "n_excluded",
        "n_change",
        *names,
        *(f"n_{lv}" for lv in levels),
    ]
    summary: pd.DataFrame = pandas.DataFrame(data, columns=columns)
    return summary


def adam_frame(
    visit_scores: Sequence[VisitScore], *, study: str | None = None
) -> pd.DataFrame:
    """`mexsledai.adam_records` as a frame, columns in ADaM order; PARAMN,
    AVISITN, AVAL, BASE and CHG as nullable integers."""
    from .adam import ADAM_COLUMNS, adam_records  # noqa: PLC0415

    pandas = _pandas()
    frame: pd.DataFrame = pandas.DataFrame(
        adam_records(visit_scores, study=study), columns=list(ADAM_COLUMNS)
    )
    for name in ("PARAMN", "AVISITN", "AVAL", "BASE", "CHG"):
        frame[name] = pandas.array(list(frame[name]), dtype="Int64")
    frame["ADY"] = pandas.array(
        [None if v is None else float(v) for v in frame["ADY"]], dtype="Float64"
    )
    return frame
