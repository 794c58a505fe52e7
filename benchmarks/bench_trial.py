"""Time `mexsledai trial` against `mexsledai score` on the same file of visits,
and compare their peak memory.

Run: ``python benchmarks/bench_trial.py [--rows N] [--repeats K]``.

The file is `bench_csv.py`'s (patients with three visits each, two arms).
Both commands run as whole processes, alternately; the medians are compared.
The trial command holds the rows in memory (a baseline may follow a visit in
the file), links each patient to a baseline and writes the summary too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_csv import PEAK, _command, make_csv


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def _peak(args: list[str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *args], check=True, capture_output=True, text=True
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("PEAK_KIB"))
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "visits.csv"
        make_csv(source, args.rows)
        score = ["score", str(source), "-o", str(work / "scored.csv")]
        trial = [
            "trial", str(source), "--patient", "patient_id", "--visit", "visit",
            "--arm", "arm", "-o", str(work / "trial.csv"),
            "--summary", str(work / "summary.csv"),
        ]  # fmt: skip
        _timed([*_command(), *score])  # warm-up
        _timed([*_command(), *trial])
        scores, trials = [], []
        for _ in range(args.repeats):
            scores.append(_timed([*_command(), *score]))
            trials.append(_timed([*_command(), *trial]))
        scored, trialled = statistics.median(scores), statistics.median(trials)
        print(f"rows: {args.rows}, repeats: {args.repeats} (medians)")
        print(f"mexsledai score: {scored:7.2f} s, peak {_peak(score):6.1f} MiB")
        print(f"mexsledai trial: {trialled:7.2f} s, peak {_peak(trial):6.1f} MiB")
        print(f"ratio: {trialled / scored:.2f}x score (goal: within 2x)")


if __name__ == "__main__":
    main()
