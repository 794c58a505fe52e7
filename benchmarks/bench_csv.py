"""Time `mexsledai score` on large CSVs against a bare csv copy (the I/O floor),
and compare peak memory at two sizes.

Run: ``python benchmarks/bench_csv.py [--rows N] [--repeats K] [--memory]
[--instructions ROWS]``.

Each measurement is a whole process, as a user runs it: the installed
``mexsledai score`` command, and a script that copies the same file with
``csv.reader`` into ``csv.writer`` and appends six constant columns. They run
alternately and the medians are compared, on two files: one with few warnings
(goal: within 1.5x the floor) and one where most rows carry a warning (goal:
within 2x). The package's bytecode is compiled first, as ``pip install``
does. With ``--memory`` the command's peak resident memory is measured at
10,000 and at 1,000,000 rows of each file. With ``--instructions ROWS``,
valgrind counts the instructions of the command (in one process) and of the
floor on files of ROWS rows: a ratio that does not move with the machine's
load.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mexsledai
from mexsledai.registry import FINDING_KEYS

SEED = 20251125
LABS = (
    "leukocytes_per_mm3",
    "lymphocytes_per_mm3",
    "platelets_10e9_per_l",
    "hemoglobin_g_per_dl",
    "temperature_c",
)
HEADER = ["patient_id", "visit", "arm", *FINDING_KEYS, *LABS]

FLOOR = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as i, \\
        open(sys.argv[2], "w", newline="", encoding="utf-8") as o:
    reader, writer = csv.reader(i), csv.writer(o)
    writer.writerow(next(reader) + ["a", "b", "c", "d", "e", "f"])
    extra = ["1", "1", "1", "none", "scored", ""]
    for row in reader:
        writer.writerow(row + extra)
"""

PEAK = """
import resource, sys
from mexsledai.cli import main
code = main(sys.argv[1:])
sys.stderr.write(f"PEAK_KIB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
raise SystemExit(code)
"""


# Findings a lab column decides, and when the lab value is abnormal.
_CONSISTENT = {
    "leukopenia": (0, lambda v: v < 4000),
    "lymphopenia": (1, lambda v: v < 1200),
    "thrombocytopenia": (2, lambda v: v < 100),
    "fever": (4, lambda v: v > 38.0),
}


def make_csv(
    path: Path, rows: int, seed: int = SEED, *, conflicts: float = 0.01
) -> None:
    """patient, visit, arm; 25 findings as 0/1/blank (about 15 % present, 5 %
    blank); five lab columns. Findings that a lab column decides agree with
    it, as a clinician records them, except for a share ``conflicts`` of them
    (1 by default: a drug-induced cytopenia recorded absent, say); with
    ``conflicts=1`` they are independent of the labs (every disagreement
    writes a warning)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for number in range(rows):
            labs = [
                rng.randint(2500, 9000),
                rng.randint(800, 3000),
                rng.randint(60, 400),
                round(rng.uniform(9, 15), 1),
                round(rng.uniform(36, 39.5), 1) if rng.random() < 0.7 else None,
            ]
            findings = []
            for key in FINDING_KEYS:
                draw = rng.random()
                cell = "" if draw < 0.05 else "1" if draw < 0.2 else "0"
                rule = _CONSISTENT.get(key)
                if (
                    cell
                    and rule
                    and labs[rule[0]] is not None
                    and rng.random() >= conflicts
                ):
                    cell = "1" if rule[1](labs[rule[0]]) else "0"  # type: ignore[no-untyped-call]
                findings.append(cell)
            writer.writerow(
                [
                    f"P{number // 3:06d}",
                    ("baseline", "day 22", "day 43")[number % 3],
                    "AB"[number // 3 % 2],
                    *findings,
                    *("" if v is None else str(v) for v in labs),
                ]
            )


def _command() -> list[str]:
    installed = shutil.which("mexsledai", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "mexsledai"]


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def peak_kib(source: Path, target: Path) -> int:
    """The command's peak resident memory, in KiB, scoring ``source``."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, "score", str(source), "-o", str(target)],
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("PEAK_KIB"))
    return int(line.split()[1])


def compare(work: Path, name: str, rows: int, conflicts: float, repeats: int) -> float:
    """Time the floor and the command alternately on one generated file;
    print and return the ratio of their medians."""
    source = work / f"{name}.csv"
    make_csv(source, rows, conflicts=conflicts)
    floor_args = [sys.executable, "-c", FLOOR, str(source), str(work / "floor.csv")]
    ours_args = [*_command(), "score", str(source), "-o", str(work / "ours.csv")]
    _timed(floor_args)  # warm-up: the file cache, the interpreter
    _timed(ours_args)
    floors, ours = [], []
    for _ in range(repeats):
        floors.append(_timed(floor_args))
        ours.append(_timed(ours_args))
    floor, scored = statistics.median(floors), statistics.median(ours)
    size = source.stat().st_size / 1e6
    print(f"{name}: {rows} rows, {size:.1f} MB, conflicts {conflicts}")
    print(f"  floor (csv.reader -> csv.writer, 6 columns): {floor:6.2f} s")
    print(f"  mexsledai score:                            {scored:6.2f} s")
    return scored / floor


def instructions(args: list[str]) -> int:
    """The instructions a process runs, counted by valgrind's callgrind (the
    same on a quiet and on a busy machine)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    line = next(x for x in done.stderr.splitlines() if "Collected" in x)
    return int(line.split()[-1])


def count_instructions(work: Path, rows: int) -> None:
    """Instructions of the command in one process (``--jobs 1``) against the
    floor's, on both files: a measure that a shared machine's load leaves
    alone (it weighs every instruction alike, memory stalls not at all)."""
    for name, conflicts in (("few-warnings", 0.01), ("warning-heavy", 1.0)):
        source = work / f"{name}.{rows}.csv"
        make_csv(source, rows, conflicts=conflicts)
        floor = instructions(
            [sys.executable, "-c", FLOOR, str(source), str(work / "floor.csv")]
        )
        ours = instructions(
            [*_command(), "score", str(source), "-o", str(work / "ours.csv"),
             "--jobs", "1"]
        )  # fmt: skip
        print(
            f"{name}, {rows} rows, one process: floor {floor / 1e6:,.0f} M "
            f"instructions, mexsledai score {ours / 1e6:,.0f} M: {ours / floor:.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--memory", action="store_true", help="also measure memory")
    parser.add_argument(
        "--instructions",
        type=int,
        metavar="ROWS",
        help="also count instructions (valgrind) on files of ROWS rows, one process",
    )
    parser.add_argument(
        "--conflicts",
        type=float,
        default=0.01,
        help="share of lab-decided findings that disagree with the lab in the "
        "file with few warnings (default 0.01)",
    )
    args = parser.parse_args()
    compileall.compile_dir(Path(mexsledai.__file__).parent, quiet=1)
    files = (
        ("few-warnings", args.conflicts, 1.5),
        # Findings independent of the labs: a warning on most rows.
        ("warning-heavy", 1.0, 2.0),
    )
    print(f"repeats: {args.repeats} (medians)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, conflicts, goal in files:
            ratio = compare(work, name, args.rows, conflicts, args.repeats)
            print(f"  ratio: {ratio:.2f}x the floor (goal: within {goal}x)")
        if args.instructions:
            count_instructions(work, args.instructions)
        if args.memory:
            for name, conflicts, _ in files:
                small, large = work / "small.csv", work / "large.csv"
                make_csv(small, 10_000, conflicts=conflicts)
                make_csv(large, 1_000_000, conflicts=conflicts)
                small_peak = peak_kib(small, work / "small.out.csv")
                large_peak = peak_kib(large, work / "large.out.csv")
                print(f"{name}: peak memory")
                print(f"  10,000 rows:    {small_peak / 1024:7.1f} MiB")
                print(f"  1,000,000 rows: {large_peak / 1024:7.1f} MiB")
                print(
                    f"  difference: {(large_peak - small_peak) / 1024:.1f} MiB "
                    "(goal: at most 20 MiB)"
                )


if __name__ == "__main__":
    main()
