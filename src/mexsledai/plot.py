"""A picture of a trial in two panels: the MEX-SLEDAI total, and its change
from baseline, each as mean ± SD per visit, one line per arm, with each
patient's trajectory faint behind.

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
from .trials import Point, SummaryRow, arm_order, summarize_points, visit_order

__all__ = ["plot_trial", "require_matplotlib"]

_FORMATS = {".png": "png", ".svg": "svg"}


class _PatientPoint(Point, Protocol):
    @property
    def patient(self) -> str | None: ...


def require_matplotlib() -> Any:
    """matplotlib's Figure and Agg canvas, or a `TableError` that says how to
    install it."""
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
    """Draw two panels, the total and the change from baseline, each as mean
    ± SD per visit and arm with each patient's trajectory, into a ``.png`` or
    ``.svg`` file.

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
    figure_class, canvas_class = require_matplotlib()
    by_day = any(v.day is not None for v in visits)
    order = visit_order(visits, by_day)
    position = _positions(visits, order, by_day)
    figure = figure_class(figsize=(12, 5), dpi=100)
    canvas_class(figure)
    total_axes, change_axes = figure.subplots(1, 2)
    arms = arm_order(v.arm for v in visits if v.visit is not None)
    colour_of = {arm: f"C{i % 10}" for i, arm in enumerate(arms)}
    summary = summarize_points(visits, ())
    patients: dict[str | None, set[str | None]] = {}
    for v in visits:
        if not v.excluded and v.total is not None:
            patients.setdefault(v.arm, set()).add(v.patient)
    for axes, of in ((total_axes, "total"), (change_axes, "change")):
        _panel(axes, visits, summary, of, position, colour_of, patients)
        axes.set_xticks([position[label] for label in order])
        axes.set_xticklabels(order)
        axes.set_xlabel("Visit (placed at its median study day)" if by_day else "Visit")
        axes.grid(axis="y", alpha=0.3)
    total_axes.set_ylabel(f"MEX-SLEDAI total (points, 0–{MAX_TOTAL})")
    total_axes.set_ylim(0, MAX_TOTAL)
    total_axes.set_title("Total")
    change_axes.set_ylabel("Change from baseline (points)")
    change_axes.axhline(0, color="0.5", linewidth=0.8)
    change_axes.set_title("Change from baseline")
    total_axes.legend(loc="upper right", frameon=False)
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(target, format=kind)


def _panel(
    axes: Any,
    visits: Sequence[_PatientPoint],
    summary: Sequence[SummaryRow],
    of: str,
    position: dict[str, float],
    colour_of: dict[str | None, str],
    patients: dict[str | None, set[str | None]],
) -> None:
    """One panel: each patient's trajectory of ``of`` (``"total"`` or
    ``"change"``) faint, and the mean ± SD per visit and arm in bold."""
    trajectories: dict[tuple[str | None, str | None], list[tuple[float, int]]] = {}
    for v in visits:
        value = v.total if of == "total" else v.change
        if not v.excluded and value is not None and v.visit in position:
            trajectories.setdefault((v.arm, v.patient), []).append(
                (position[v.visit], value)
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
    # Arms side by side at each visit, so that their error bars stay apart.
    span = (max(position.values()) - min(position.values())) if position else 0.0
    dodge = (span or 1.0) * 0.012
    for index, (arm, colour) in enumerate(colour_of.items()):
        shift = (index - (len(colour_of) - 1) / 2) * dodge
        rows = [
            r for r in summary if r.arm == arm and getattr(r, f"{of}_mean") is not None
        ]
        if not rows:
            continue
        name = arm if arm is not None else "no arm"
        axes.errorbar(
            [position[r.visit] + shift for r in rows],
            [float(getattr(r, f"{of}_mean")) for r in rows],
            yerr=[float(getattr(r, f"{of}_sd") or 0.0) for r in rows],
            color=colour,
            linewidth=2.2,
            marker="o",
            capsize=4,
            label=f"{name} (mean ± SD, n = {len(patients.get(arm, ()))} patients)",
        )


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
