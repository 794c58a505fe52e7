"""A picture of a trial: the mean ± SD of the MEX-SLEDAI total at each visit,
one line per arm, with each patient's trajectory faint behind.

Needs matplotlib (the ``plot`` extra), imported only when a plot is drawn. The
figure is drawn without a display and without touching matplotlib's global
backend.

Examples:
    >>> from mexsledai import follow_up
    >>> rows = follow_up([{"id": "P1", "v": "baseline", "arthritis": "x"},
    ...                   {"id": "P1", "v": "day 22", "arthritis": "0"}],
    ...                  patient="id", visit="v")
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "trial.png"
    ...     plot_trial(rows, path)
    ...     path.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from .registry import MAX_TOTAL
from .tables.headers import TableError
from .trials import Point, arm_order, summarize_points, visit_order

__all__ = ["plot_trial"]

_FORMATS = {".png": "png", ".svg": "svg"}


class _PatientPoint(Point, Protocol):
    @property
    def patient(self) -> str | None: ...


def _require_matplotlib() -> Any:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError:
        msg = (
            "drawing a plot needs matplotlib: "
            "pip install 'mexsledai[plot]' (or pip install matplotlib)"
        )
        raise TableError(msg) from None
    return Figure, FigureCanvasAgg


def plot_trial(
    visits: Sequence[_PatientPoint],
    path: str | Path,
    *,
    title: str = "MEX-SLEDAI over the visits",
) -> None:
    """Draw the mean ± SD of the total per visit and arm, and each patient's
    trajectory, into a ``.png`` or ``.svg`` file.

    Args:
        visits: `VisitScore`s from `mexsledai.follow_up` (or the rows of the
            ``trial`` command); excluded and incomplete rows are left out.
        path: the file to write; its suffix picks the format.
        title: the figure's title.

    Raises:
        TableError: an unsupported suffix, or matplotlib is not installed.
    """
    target = Path(path)
    kind = _FORMATS.get(target.suffix.lower())
    if kind is None:
        msg = f"the plot {str(path)!r} must end in .png or .svg"
        raise TableError(msg)
    figure_class, canvas_class = _require_matplotlib()
    by_day = any(v.day is not None for v in visits)
    order = visit_order(visits, by_day)
    position = _positions(visits, order, by_day)
    figure = figure_class(figsize=(8, 5), dpi=100)
    canvas_class(figure)
    axes = figure.add_subplot()
    colours = [f"C{i}" for i in range(10)]
    arms = arm_order(v.arm for v in visits if v.visit is not None)
    colour_of = {arm: colours[i % len(colours)] for i, arm in enumerate(arms)}
    # Each patient's trajectory, faint.
    trajectories: dict[tuple[str | None, str | None], list[tuple[float, int]]] = {}
    for v in visits:
        if not v.excluded and v.total is not None and v.visit in position:
            trajectories.setdefault((v.arm, v.patient), []).append(
                (position[v.visit], v.total)
            )
    for (arm, _), points in trajectories.items():
        points.sort()
        axes.plot(
            [x for x, _ in points],
            [y for _, y in points],
            color=colour_of[arm],
            alpha=0.15,
            linewidth=0.8,
        )
    # Mean ± SD per arm, bold.
    summary = summarize_points(visits, ())
    # Arms side by side at each visit, so that their error bars stay apart.
    span = (max(position.values()) - min(position.values())) if position else 0.0
    dodge = (span or 1.0) * 0.012
    for index, arm in enumerate(arms):
        shift = (index - (len(arms) - 1) / 2) * dodge
        rows = [s for s in summary if s.arm == arm and s.total_mean is not None]
        if not rows:
            continue
        axes.errorbar(
            [position[s.visit] + shift for s in rows],
            [float(s.total_mean) for s in rows],  # type: ignore[arg-type]
            yerr=[float(s.total_sd or 0.0) for s in rows],
            color=colour_of[arm],
            linewidth=2.2,
            marker="o",
            capsize=4,
            label=f"{arm if arm is not None else 'no arm'} (mean ± SD, n = {rows[0].n})",
        )
    axes.set_xticks([position[label] for label in order])
    axes.set_xticklabels(order)
    axes.set_xlabel("Visit (placed at its median study day)" if by_day else "Visit")
    axes.set_ylabel(f"MEX-SLEDAI total (points, 0–{MAX_TOTAL})")
    axes.set_ylim(0, MAX_TOTAL)
    axes.set_title(title)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="upper right", frameon=False)
    figure.tight_layout()
    figure.savefig(target, format=kind)


def _positions(
    visits: Sequence[Point], order: list[str], by_day: bool
) -> dict[str, float]:
    """Where each visit stands on the x axis: its median day, or its rank."""
    if not by_day:
        return {label: float(index) for index, label in enumerate(order)}
    days: dict[str, list[float]] = {}
    for v in visits:
        if v.visit is not None and v.day is not None:
            days.setdefault(v.visit, []).append(v.day)
    last = max((max(d) for d in days.values()), default=0.0)
    position = {}
    for label in order:
        if label in days:
            position[label] = statistics.median(days[label])
        else:  # a visit with no usable day: after the others
            last += 1.0
            position[label] = last
    return position
