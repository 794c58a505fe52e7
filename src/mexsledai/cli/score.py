"""``mexsledai score``: score a spreadsheet, one visit a row."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import EXIT_OK, EXIT_ROW_ERRORS, add_reading_options, reading, report

__all__ = ["add", "run"]

HELP = """\
Score a spreadsheet of visits, one visit a row, and write a copy with seven
columns appended: mexsledai_score, mexsledai_min, mexsledai_max,
mexsledai_category, mexsledai_status (scored, incomplete or error),
mexsledai_message (what to fix, or warnings) and mexsledai_derived (the
findings that lab values made present, with the values). --explain adds each
descriptor's points, the scheme, the policy and the version; --jsonl writes
one JSON object per row instead.

Columns are matched to MEX-SLEDAI keys by their header: the key itself (case,
accents and separators do not matter), a finding's name in English, Spanish,
Indonesian or Portuguese ("Convulsiones", "Demam"), or a lab quantity with
its unit ("Leucocitos (/mm3)", "WBC x10^9/L", "Hb g/dL", "Linfocitos %").
Every other column is copied unchanged. A header that looks clinical but
cannot be placed (a quantity without its unit, a near miss, a descriptor)
stops the run before anything is written; --columns maps headers yourself.
Finding cells: 1/0, yes/no, true/false, x, +/-, sí/no, sim/não, ya/tidak,
presente/ausente, positivo/negativo, ...; a blank cell is "not recorded".
Lab cells: plain numbers in the unit the header names.
"""

EPILOG = """\
examples:
  mexsledai score visits.csv                  writes visits.scored.csv
  mexsledai score export.csv --decimal ,      semicolons and decimal commas
  mexsledai score visits.xlsx --sheet Day22 -o day22.scored.xlsx
  mexsledai score visits.csv --unrecorded unknown   blanks give a range
  mexsledai score registry.csv --jobs 1       one process, even for a large file
"""


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    score = commands.add_parser(
        "score",
        help="score a spreadsheet (.csv, .tsv, .txt, .xlsx, .xls, .ods)",
        description=HELP,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="where to write (.csv, .tsv, .txt, .xlsx, .jsonl, or - for stdout); "
        "default: INPUT's name with .scored before the extension",
    )
    score.add_argument(
        "--jsonl",
        action="store_true",
        help="write JSON Lines, one object per row (default name: INPUT.scored.jsonl)",
    )
    score.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes that score a large plain text file in parts (on Linux; "
        "default: one per usable CPU, at most 8; 1 scores it in one process)",
    )
    add_reading_options(score)
    score.set_defaults(run=run)


def _jobs(text: str) -> int:
    """A --jobs value: a whole number from 1."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        msg = f"--jobs must be a whole number from 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return jobs


def run(args: argparse.Namespace) -> int:
    """Score the file and report."""
    from ..tables.files import score_file  # noqa: PLC0415

    summary = score_file(
        args.input, args.output, jsonl=args.jsonl, jobs=args.jobs, **reading(args)
    )
    report(summary)
    return EXIT_ROW_ERRORS if summary.errors else EXIT_OK
