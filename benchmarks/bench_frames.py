"""Time `mexsledai.pandas.score_frame` (and the polars and Arrow front-ends)
on typed columns against a hand-written numpy weight sum measured in the same
run (the floor: OR per descriptor, weights summed).

Run: ``python benchmarks/bench_frames.py [--rows N] [--repeats K] [--conflicts F]``.

The frame: the 25 findings as 0/1 floats with NaN (about 5 % blank), and
five lab columns as floats with NaN. Findings that a lab column decides
agree with it, as a clinician records them, except for a share
``--conflicts`` (a conflict is worded, so such rows take the exact path).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from mexsledai.registry import DESCRIPTORS, FINDING_KEYS

LABS = {
    "leukocytes_per_mm3": (2500, 9000, "leukopenia", 4000, -1),
    "lymphocytes_per_mm3": (800, 3000, "lymphopenia", 1200, -1),
    "platelets_10e9_per_l": (60, 400, "thrombocytopenia", 100, -1),
    # hemoglobin >= 12 g/dL rules hemolysis out, whatever the reticulocytes
    "hemoglobin_g_per_dl": (12.5, 15, "hemolysis", 12, -1),
    "temperature_c": (36, 39.5, "fever", 38.0, 1),
}


def make_frame(rows: int, conflicts: float, seed: int = 20251202) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data: dict[str, Any] = {}
    for key in FINDING_KEYS:
        draw = rng.random(rows)
        data[key] = np.where(draw < 0.05, np.nan, (draw < 0.2).astype(float))
    for key, (low, high, finding, threshold, side) in LABS.items():
        values = np.round(rng.uniform(low, high, rows), 1)
        values[rng.random(rows) < 0.2] = np.nan
        data[key] = values
        decided = ~np.isnan(values) & ~np.isnan(data[finding])
        agree = decided & (rng.random(rows) >= conflicts)
        abnormal = values[agree] < threshold if side < 0 else values[agree] > threshold
        data[finding][agree] = abnormal.astype(float)
    frame: pd.DataFrame = pd.DataFrame(data)
    return frame


def floor(frame: pd.DataFrame) -> np.ndarray:
    """The hand-written weight sum: a descriptor's weight when any of its
    findings is 1."""
    total = np.zeros(len(frame), dtype=np.int64)
    for descriptor in DESCRIPTORS:
        present = np.zeros(len(frame), dtype=bool)
        for key in descriptor.finding_keys:
            present |= frame[key].to_numpy() == 1
        total += present * descriptor.weight
    return total


def interleaved(
    runs: dict[str, Callable[[], object]], repeats: int
) -> dict[str, float]:
    """The median time of each run, the runs taken in turn within each
    repeat so that a busy moment of a shared machine falls on all alike."""
    for run in runs.values():
        run()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(taken) for name, taken in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--conflicts", type=float, default=0.001)
    args = parser.parse_args()
    from mexsledai.pandas import score_frame  # noqa: PLC0415

    frame = make_frame(args.rows, args.conflicts)
    runs: dict[str, Callable[[], object]] = {
        "floor": lambda: floor(frame),
        "pandas": lambda: score_frame(frame),
    }
    try:
        import polars as pl  # noqa: PLC0415
        import pyarrow as pa  # noqa: PLC0415

        from mexsledai.arrow import score_table  # noqa: PLC0415
        from mexsledai.polars import score_frame as score_polars  # noqa: PLC0415
    except ImportError:
        pass
    else:
        polars_frame = pl.from_pandas(frame)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        runs["polars"] = lambda: score_polars(polars_frame)
        runs["arrow"] = lambda: score_table(table)
    taken = interleaved(runs, args.repeats)
    base, pandas_time = taken["floor"], taken["pandas"]
    print(
        f"rows: {args.rows}, conflicts: {args.conflicts}, repeats: {args.repeats} "
        "(medians, runs interleaved)"
    )
    print(f"floor (numpy weight sum):        {base:.3f} s")
    print(f"pandas score_frame:              {pandas_time:.3f} s, "
          f"{args.rows / pandas_time:,.0f} rows/s, {pandas_time / base:.1f}x the floor "
          "(goals: 1,000,000 rows/s, within 15x)")  # fmt: skip
    for name, label in (
        ("polars", "polars score_frame"),
        ("arrow", "arrow score_table"),
    ):
        if name in taken:
            print(
                f"{label + ':':<33}{taken[name]:.3f} s "
                f"({taken[name] / pandas_time:.2f}x pandas)"
            )


if __name__ == "__main__":
    main()
