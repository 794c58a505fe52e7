"""``mexsledai redcap``: the instrument's data dictionary, and the audit of an
export's stored totals."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._bands import BUILT_IN_BANDS, DEFAULT_SCHEME
from ._common import EXIT_OK, EXIT_ROW_ERRORS, STDIO, add_lang

__all__ = ["add", "run_audit", "run_dictionary"]

HELP = """\
Build the MEX-SLEDAI instrument for REDCap, or audit the totals an export
holds. `dictionary` writes a data dictionary (.csv, starting with record_id,
to start a new project; .zip, an instrument to add to an existing one) whose
calculated fields implement the score. `audit` recomputes every row of an
export and says which stored totals agree, differ, are missing, or cannot be
checked.
"""


def add(commands: Any) -> None:
    """Add the subcommand (and its two) to the parser's subcommands."""
    redcap = commands.add_parser(
        "redcap",
        help="build the REDCap instrument, or audit an export's stored totals",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = redcap.add_subparsers(dest="action", metavar="ACTION", required=True)
    dictionary = actions.add_parser(
        "dictionary", help="write the data dictionary (.csv) or instrument (.zip)"
    )
    dictionary.add_argument(
        "-o", "--output", metavar="FILE", default=STDIO,
        help=".csv (a new project) or .zip (an instrument); default: stdout (CSV)",
    )  # fmt: skip
    add_lang(dictionary)
    dictionary.add_argument(
        "--form", default="mex_sledai", metavar="NAME",
        help="the instrument's name (default: mex_sledai)",
    )  # fmt: skip
    dictionary.add_argument(
        "--scheme", choices=tuple(BUILT_IN_BANDS), default=DEFAULT_SCHEME,
        help="the activity scheme of the level field",
    )  # fmt: skip
    dictionary.set_defaults(run=run_dictionary)
    audit = actions.add_parser(
        "audit", help="recompute an export's totals and report each row"
    )
    audit.add_argument(
        "export", metavar="EXPORT", help="the REDCap export (raw or labels)"
    )
    audit.add_argument(
        "--total-field", default="mex_sledai_total", metavar="NAME",
        help="the stored total's field (default: mex_sledai_total)",
    )  # fmt: skip
    audit.add_argument(
        "-o", "--output", metavar="REPORT", default=STDIO,
        help="the report (CSV; default: stdout)",
    )  # fmt: skip
    audit.add_argument("--sheet", metavar="NAME")
    audit.add_argument("--delimiter", metavar="CHAR")
    audit.add_argument("--decimal", choices=(".", ","), default=".")
    audit.add_argument("--encoding", metavar="NAME")
    audit.add_argument("--ignore-column", action="append", default=[], metavar="COL")
    audit.set_defaults(run=run_audit)


def run_dictionary(args: argparse.Namespace) -> int:
    """Write the dictionary."""
    from ..interop.redcap import write_dictionary  # noqa: PLC0415

    write_dictionary(args.output, lang=args.lang, form=args.form, scheme=args.scheme)
    if args.output != STDIO:
        print(f"mexsledai: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def run_audit(args: argparse.Namespace) -> int:
    """Audit the export and write the report."""
    from ..interop.redcap_audit import audit, write_report  # noqa: PLC0415

    summary = audit(
        args.export, total_field=args.total_field, sheet=args.sheet,
        delimiter=args.delimiter, decimal=args.decimal, encoding=args.encoding,
        ignore_columns=args.ignore_column,
    )  # fmt: skip
    write_report(args.output, summary)
    counts = summary.counts()
    print(
        f"mexsledai: checked {len(summary.rows)} rows (skipped {summary.skipped} "
        "rows of other instruments): "
        + ", ".join(f"{status} {n}" for status, n in counts.items()),
        file=sys.stderr,
    )
    return EXIT_OK if counts["agrees"] == len(summary.rows) else EXIT_ROW_ERRORS
