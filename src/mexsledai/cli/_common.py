"""What the subcommands share: the reading options, the language option, the
summary on standard error, and the exit codes."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, Any

from .._bands import BUILT_IN_BANDS, DEFAULT_SCHEME
from ..languages import LANGS

if TYPE_CHECKING:
    from ..tables.files import FileSummary

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_ROW_ERRORS",
    "STDIO",
    "add_lang",
    "add_reading_options",
    "reading",
    "report",
]

EXIT_OK, EXIT_ROW_ERRORS, EXIT_FAILED = 0, 1, 2
#: The path that means standard input or standard output.
STDIO = "-"


def _delimiter(text: str) -> str:
    if text in ("tab", "\\t", "\t"):
        return "\t"
    if len(text) != 1:
        msg = f"must be one character (or 'tab'), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return text


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """The input and the options that say how to read it (score, trial, fhir)."""
    parser.add_argument(
        "input", metavar="INPUT", help="the file to score, or - for CSV on stdin"
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help="xlsx sheet to read (default: the first)"
    )
    parser.add_argument(
        "--delimiter",
        type=_delimiter,
        metavar="CHAR",
        help="column delimiter of text input (default: detected from the header: , ; or tab)",
    )
    parser.add_argument(
        "--decimal",
        choices=(".", ","),
        default=".",
        help="decimal mark of numbers (default: .); with , a dot in a number is an error",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="text encoding (default: UTF-8, or UTF-16 by its byte-order mark); "
        "e.g. cp1252 for older Excel exports",
    )
    parser.add_argument(
        "--unrecorded",
        choices=("absent", "unknown"),
        default="absent",
        help="blank finding cells count as absent (default, like a paper form) "
        "or as unknown (the score becomes a range)",
    )
    parser.add_argument(
        "--scheme",
        choices=tuple(BUILT_IN_BANDS),
        default=DEFAULT_SCHEME,
        help="activity bands (conventional): five-level (default) or "
        "three-level-id (Indonesian ringan/sedang/berat)",
    )
    parser.add_argument(
        "--ignore-column",
        action="append",
        default=[],
        metavar="COL",
        help="copy this column unchanged even if it looks like a key (repeatable)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also append each descriptor's points, the scheme, the policy and "
        "the version (an audit trail that survives merging files)",
    )
    parser.add_argument(
        "--columns",
        metavar="FILE",
        help="your own map of headers to keys: a .csv with the header row "
        "column,key (an empty key passes the column through) or a .json object",
    )


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the human text: en (default), es, id or pt",
    )


def report(summary: FileSummary) -> None:
    lines = [
        f"mexsledai: wrote {'standard output' if summary.output == STDIO else summary.output}",
        (
            f"  rows read: {summary.rows} (scored {summary.scored}, incomplete "
            f"{summary.incomplete}, errors {summary.errors}, empty {summary.empty})"
        ),
    ]
    lines.append(
        f"  blank finding cells counted absent: {summary.blank_counted_absent}"
    )
    if summary.matched:
        lines.append("  columns matched by name:")
        lines.extend(f"    {match}" for match in summary.matched)
    if summary.missing_keys:
        missing = ", ".join(summary.missing_keys)
        lines.append(
            f"  keys with no column ({len(summary.missing_keys)}, not recorded):"
        )
        lines.extend(
            textwrap.wrap(missing, 88, initial_indent="    ", subsequent_indent="    ")
        )
    lines.append(
        f"  scheme: {summary.scheme} (conventional bands); "
        f"findings not recorded: {summary.unrecorded}"
    )
    if summary.errors:
        lines.append(
            "  rows with errors have status 'error' and say why in mexsledai_message;"
            " the most frequent problems:"
        )
        lines.extend(f"    {line}" for line in summary.digest())
    print("\n".join(lines), file=sys.stderr)


def reading(args: argparse.Namespace) -> dict[str, Any]:
    """The reading options of a command, as keyword arguments (the
    ``--columns`` file read)."""
    from ..tables.columns import load_columns  # noqa: PLC0415

    return {
        "columns": None if args.columns is None else load_columns(args.columns),
        "sheet": args.sheet,
        "delimiter": args.delimiter,
        "decimal": args.decimal,
        "encoding": args.encoding,
        "unrecorded": args.unrecorded,
        "scheme": args.scheme,
        "ignore_columns": args.ignore_column,
        "explain": args.explain,
    }
