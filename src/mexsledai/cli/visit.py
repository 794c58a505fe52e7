"""``mexsledai visit``: score one visit given on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .._bands import BUILT_IN_BANDS, DEFAULT_SCHEME
from ._common import EXIT_FAILED, EXIT_OK, add_lang

__all__ = ["add", "run"]

HELP = """\
Score one visit and print its report. Each KEY=VALUE names a finding or a lab
value the way a spreadsheet header may (a key, a name in English, Spanish,
Indonesian or Portuguese, a quantity with its unit) and gives its value the
way a cell may (sí, no, x, 3200, 38,5 with --decimal ,). --json reads one
flat JSON object with the Python API's values instead.
"""

EPILOG = """\
examples:
  mexsledai visit seizures=yes arthritis=x leukocytes_per_mm3=3200
  mexsledai visit convulsiones=sí "Leucocitos /mm3=3200" --lang es --format html > visita.html
  echo '{"arthritis": true}' | mexsledai visit --json - --format fhir
"""


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    visit = commands.add_parser(
        "visit",
        help="score one visit from KEY=VALUE pairs or JSON, and print its report",
        description=HELP,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    visit.add_argument("pairs", nargs="*", metavar="KEY=VALUE")
    visit.add_argument(
        "--json", metavar="FILE", help="a flat JSON object (- for stdin)"
    )
    visit.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json", "fhir"),
        default="text",
        help="the report's form (default: text)",
    )
    add_lang(visit)
    visit.add_argument(
        "--unrecorded", choices=("absent", "unknown"), default="absent",
        help="findings not given count as absent (default) or unknown",
    )  # fmt: skip
    visit.add_argument(
        "--scheme", choices=tuple(BUILT_IN_BANDS), default=DEFAULT_SCHEME,
        help="activity bands (conventional)",
    )  # fmt: skip
    visit.add_argument(
        "--decimal", choices=(".", ","), default=".",
        help="decimal mark of numbers in VALUEs (default: .)",
    )  # fmt: skip
    visit.set_defaults(run=run)


def _problems(error: Exception) -> int:
    problems = getattr(error, "problems", None)
    lines = [p.message for p in problems] if problems else [str(error)]
    print("mexsledai: the visit cannot be scored:", file=sys.stderr)
    for line in lines:
        print(f"- {line}", file=sys.stderr)
    return EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    """Score the visit and print the report in the chosen form."""
    from ..errors import InvalidAssessmentError  # noqa: PLC0415
    from ..scoring import score  # noqa: PLC0415
    from ..tables.pairs import score_pairs  # noqa: PLC0415

    options = {"unrecorded": args.unrecorded, "scheme": args.scheme}
    try:
        if args.json is not None:
            if args.pairs:
                msg = "give KEY=VALUE pairs or --json, not both"
                raise ValueError(msg)
            if args.json == "-":
                record = json.load(sys.stdin)
            else:
                with Path(args.json).open(encoding="utf-8") as stream:
                    record = json.load(stream)
            if not isinstance(record, dict):
                msg = f"--json must hold one JSON object of flat keys, got {type(record).__name__}"
                raise ValueError(msg)
            result = score(record, **options)
        else:
            result = score_pairs(args.pairs, decimal=args.decimal, **options)
    except (InvalidAssessmentError, ValueError, OSError) as error:
        return _problems(error)
    if args.format == "json":
        out = result.model_dump_json(indent=2) + "\n"
    elif args.format == "fhir":
        out = json.dumps(result.to_fhir(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "markdown":
        out = result.to_markdown(args.lang)
    elif args.format == "html":
        out = result.to_html(args.lang)
    else:
        out = result.to_text(args.lang)
    sys.stdout.write(out)
    return EXIT_OK
