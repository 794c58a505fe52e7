"""``mexsledai schema``: the JSON Schema of the input, or of the result."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import EXIT_OK

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of a visit, or of a result",
        description="Print the JSON Schema (draft 2020-12) of the flat record "
        "that score() accepts, or with --result of the Score it returns.",
    )
    schema.add_argument(
        "--result", action="store_true", help="the schema of the result instead"
    )
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    from ..interop.schema import input_schema, result_schema  # noqa: PLC0415

    chosen = result_schema() if args.result else input_schema()
    sys.stdout.write(json.dumps(chosen, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
