"""``mexsledai template``: an empty spreadsheet with every key as a header."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._flat import FLAT_KEYS
from ..tables.files import write_table
from ._common import EXIT_OK, STDIO, add_lang

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    template = commands.add_parser(
        "template",
        help="write an empty spreadsheet with every key as a header",
        description="Write an empty spreadsheet: patient_id, visit, day, arm, then "
        "every MEX-SLEDAI finding and lab key as a header (with --lang, the names "
        "in that language, which read back as the keys).",
    )
    add_lang(template)
    template.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=STDIO,
        help=".csv or .xlsx (default: stdout)",
    )
    template.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the template."""
    from ..languages import template_header  # noqa: PLC0415

    headers = [template_header(key, args.lang) for key in FLAT_KEYS]
    write_table(args.output, [["patient_id", "visit", "day", "arm", *headers]])
    if args.output != STDIO:
        print(f"mexsledai: wrote {args.output}", file=sys.stderr)
    return EXIT_OK
