"""The ``mexsledai`` command: score spreadsheets, follow trials, score one
visit, print the instrument, speak FHIR and JSON Schema.

Each subcommand lives in its own module (``add`` puts it on the parser,
``run`` parses nothing more, makes one library call and formats the
result): rows go to files or standard output, diagnostics and the summary to
standard error. Exit status, decided here: 0 when every row scored, 1 when
any row had an error (the output is still written), 2 when nothing could be
done (nothing is written).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Final, NoReturn

from .._version import __version__
from ..tables.headers import TableError
from ._common import EXIT_FAILED

__all__ = ["build_parser", "command", "main"]


# The subcommands in the order of the help, each a module of this package
# of its name, imported when its parser is built.
_SUBCOMMANDS: Final = (
    "score", "trial", "visit", "template", "definitions", "fhir", "schema", "redcap"
)  # fmt: skip


def _subcommand(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``mexsledai`` command.

    Args:
        command: a subcommand's name: a parser that knows only it, which is
            all a run of it parses (importing every subcommand and building
            its arguments took 6 ms of each start); its help and errors are
            the same.
    """
    parser = argparse.ArgumentParser(
        prog="mexsledai",
        description=(
            "Score the MEX-SLEDAI lupus activity index (Guzmán J et al., "
            "J Rheumatol 1992;19(10):1551-8): ten descriptors, 0 to 32 points."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"mexsledai {__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (command,) if command in _SUBCOMMANDS else _SUBCOMMANDS:
        _subcommand(name).add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (TableError, ValueError) as error:
        print(f"mexsledai: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader of standard output went away (e.g. `| head`): stop quietly,
        # and keep Python from failing again when it flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def command() -> NoReturn:
    """The ``mexsledai`` console script and ``python -m mexsledai``: `main`
    on the process's arguments, then the process ends with its exit status.

    By then every file `main` wrote is closed. The standard streams are
    flushed and the process ends at once (`os._exit`), without the
    interpreter's teardown of every object it made: after scoring 100,000
    rows, the time from the end of `main` to the end of the process went
    from 8 ms to 2.5 ms. A stream whose reader went away (``| head``) makes
    a success exit 2, as `main` does.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            code = code or EXIT_FAILED
    os._exit(code)
