"""``mexsledai definitions``: the instrument, printed from the registry."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import EXIT_OK, add_lang

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    definitions = commands.add_parser(
        "definitions",
        help="print the descriptors, weights, definitions and thresholds",
        description="Print the MEX-SLEDAI descriptor table, the time window, lab "
        "thresholds and what a derivation cannot know, units, activity schemes "
        "and source.",
    )
    add_lang(definitions)
    definitions.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the definitions."""
    from ..definitions import definitions_text  # noqa: PLC0415  (builds the schemes)

    sys.stdout.write(definitions_text(args.lang))
    return EXIT_OK
