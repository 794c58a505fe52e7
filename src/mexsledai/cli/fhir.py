"""``mexsledai fhir``: scored rows as FHIR Observations, or the CodeSystem."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import EXIT_OK, EXIT_ROW_ERRORS, add_reading_options, reading

__all__ = ["add", "run"]

HELP = """\
Score a spreadsheet and write each scored row as a FHIR R4 Observation: a
Bundle of type collection (-o FILE.json, or standard output) or one
Observation per line (-o FILE.ndjson). Each Observation's id and fullUrl are a
uuid of the row's number and cells, the same on every run. Rows in error
give no Observation and are listed on standard error (exit 1).
`mexsledai fhir codesystem` prints the project's CodeSystem resource.
"""


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    fhir = commands.add_parser(
        "fhir",
        help="write scored rows as FHIR Observations, or print the CodeSystem",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fhir.add_argument("-o", "--output", metavar="OUT", help=".json (Bundle) or .ndjson")
    fhir.add_argument("--patient", metavar="COL", help="column filling subject")
    fhir.add_argument("--date", metavar="COL", help="column filling effectiveDateTime")
    fhir.add_argument("--visit", metavar="COL", help="column filling an identifier")
    add_reading_options(fhir)
    fhir.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the CodeSystem, or write the rows' Observations."""
    if args.input == "codesystem":
        from ..interop.fhir import code_system  # noqa: PLC0415

        sys.stdout.write(json.dumps(code_system(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    from ..interop.fhir_files import fhir_file  # noqa: PLC0415

    options = reading(args)
    del options["explain"]  # an Observation always holds every descriptor
    summary = fhir_file(
        args.input, args.output, patient=args.patient, date=args.date,
        visit=args.visit, **options,
    )  # fmt: skip
    where = args.output or "standard output"
    print(
        f"mexsledai: wrote {summary.observations} Observations of {summary.rows} "
        f"rows to {where}",
        file=sys.stderr,
    )
    for row, message in summary.errors:
        print(f"  row {row}: {message}", file=sys.stderr)
    return EXIT_ROW_ERRORS if summary.errors else EXIT_OK
