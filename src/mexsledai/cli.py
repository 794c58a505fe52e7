"""The ``mexsledai`` command: score spreadsheets, write a template, print the
definitions.

Each subcommand parses its options, makes one library call and formats the
result: rows go to files or standard output, diagnostics and the summary to
standard error. Exit status: 0 when every row scored, 1 when any row had an
error (the output is still written), 2 when nothing could be done.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from ._bands import BUILT_IN_BANDS, DEFAULT_SCHEME
from ._flat import FLAT_KEYS
from ._version import __version__
from .languages import LANGS
from .tables.files import STDIO, FileSummary, score_file, write_table
from .tables.headers import TableError

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_ROW_ERRORS, EXIT_FAILED = 0, 1, 2

_SCORE_HELP = """\
Score a spreadsheet of visits, one visit a row, and write a copy with six
columns appended: mexsledai_score, mexsledai_min, mexsledai_max,
mexsledai_category, mexsledai_status (scored, incomplete or error) and
mexsledai_message (what to fix, or warnings).

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

_SCORE_EPILOG = """\
examples:
  mexsledai score visits.csv                  writes visits.scored.csv
  mexsledai score export.csv --decimal ,      semicolons and decimal commas
  mexsledai score visits.xlsx --sheet Day22 -o day22.scored.xlsx
  mexsledai score visits.csv --unrecorded unknown   blanks give a range
"""


_TRIAL_HELP = """\
Score a spreadsheet of visits, link each patient's visits to a baseline, and
summarise the totals and the changes from baseline per arm and visit.

The baseline is one visit of the trial, the same for every patient: --baseline
LABEL, or the first visit in the visit order. A patient without a usable row
there has no change, and every one of their rows says why; no other visit is
measured in its place. Cohorts whose patients enter at different visits may
use --per-patient-baseline instead.

The output is the scored spreadsheet (as for `mexsledai score`) with
mexsledai_baseline and mexsledai_change after mexsledai_max. Rows with a
problem (no patient or visit, a visit given twice, a patient in two arms) are
kept, explained in mexsledai_message, and left out of the summary's
statistics (counted as excluded). The summary is printed; --summary writes it.
"""

_TRIAL_EPILOG = """\
example:
  mexsledai trial examples/trial.csv --patient patient_id --visit visit \\
      --arm arm --day day --baseline baseline --summary summary.csv \\
      --plot trial.png --adam adsl.csv --study SECRETOME-01
"""


def _delimiter(text: str) -> str:
    if text in ("tab", "\\t", "\t"):
        return "\t"
    if len(text) != 1:
        msg = f"must be one character (or 'tab'), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return text


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    """The input and the options that say how to read it (score and trial)."""
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


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default="en",
        help="language of the human text: en (default), es, id or pt",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mexsledai`` command."""
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

    score = commands.add_parser(
        "score",
        help="score a spreadsheet (.csv, .tsv, .txt, .xlsx)",
        description=_SCORE_HELP,
        epilog=_SCORE_EPILOG,
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
    _add_reading_options(score)
    score.set_defaults(run=_run_score)

    trial = commands.add_parser(
        "trial",
        help="follow patients over visits: change from baseline, summary by arm",
        description=_TRIAL_HELP,
        epilog=_TRIAL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    trial.add_argument(
        "--patient", required=True, metavar="COL", help="column of patient ids"
    )
    trial.add_argument(
        "--visit", required=True, metavar="COL", help="column of visit labels"
    )
    trial.add_argument(
        "--arm", metavar="COL", help="column of arms (groups to compare)"
    )
    trial.add_argument(
        "--day",
        metavar="COL",
        help="column of study days (orders visits, finds baselines)",
    )
    rule = trial.add_mutually_exclusive_group()
    rule.add_argument(
        "--baseline",
        metavar="LABEL",
        help="the trial's baseline visit, the same for every patient "
        "(default: the first visit in the visit order)",
    )
    rule.add_argument(
        "--per-patient-baseline",
        action="store_true",
        help="for cohorts: each patient's earliest usable row is their baseline",
    )
    trial.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="where to write the rows (as for score)",
    )
    trial.add_argument(
        "--summary", metavar="FILE", help="write the summary per arm and visit as CSV"
    )
    trial.add_argument(
        "--plot",
        metavar="FILE",
        help="draw the total and the change from baseline, mean ± SD per visit "
        "and arm (.png or .svg)",
    )
    trial.add_argument(
        "--adam",
        metavar="FILE",
        help="write a CDISC ADaM BDS dataset (.csv or .xlsx): the total and the "
        "ten descriptors per visit, with BASE, CHG, ABLFL, ANL01FL",
    )
    trial.add_argument(
        "--study", metavar="ID", help="STUDYID of the ADaM dataset (needs --adam)"
    )
    _add_lang(trial)
    _add_reading_options(trial)
    trial.set_defaults(run=_run_trial)

    template = commands.add_parser(
        "template",
        help="write an empty spreadsheet with every key as a header",
        description="Write an empty spreadsheet: patient_id, visit, day, arm, then "
        "every MEX-SLEDAI finding and lab key as a header (with --lang, the names "
        "in that language, which read back as the keys).",
    )
    _add_lang(template)
    template.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=STDIO,
        help=".csv or .xlsx (default: stdout)",
    )
    template.set_defaults(run=_run_template)

    definitions = commands.add_parser(
        "definitions",
        help="print the descriptors, weights, definitions and thresholds",
        description="Print the MEX-SLEDAI descriptor table, the time window, lab "
        "thresholds and what a derivation cannot know, units, activity schemes "
        "and source.",
    )
    _add_lang(definitions)
    definitions.set_defaults(run=_run_definitions)
    return parser


def _report(summary: FileSummary) -> None:
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


def _reading(args: argparse.Namespace) -> dict[str, Any]:
    """The reading options of a command, as keyword arguments (the
    ``--columns`` file read)."""
    from .tables.columns import load_columns  # noqa: PLC0415

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


def _run_score(args: argparse.Namespace) -> int:
    summary = score_file(
        args.input,
        args.output,
        jsonl=args.jsonl,
        **_reading(args),
    )
    _report(summary)
    return EXIT_ROW_ERRORS if summary.errors else EXIT_OK


def _run_trial(args: argparse.Namespace) -> int:
    from .trial_files import (  # noqa: PLC0415
        check_side_files,
        follow_up_file,
        summary_table,
        write_adam,
        write_summary,
    )

    if args.study is not None and args.adam is None:
        msg = "--study names the STUDYID of the ADaM dataset: it needs --adam FILE"
        raise TableError(msg)
    check_side_files(args.input, args.output, args.summary, args.plot, args.adam)
    report = follow_up_file(
        args.input,
        args.output,
        patient=args.patient,
        visit=args.visit,
        arm=args.arm,
        day=args.day,
        baseline=args.baseline,
        per_patient_baseline=args.per_patient_baseline,
        keep_scores=args.adam is not None,
        **_reading(args),
    )
    if args.summary:
        write_summary(args.summary, report.summary_rows, report.levels)
    if args.plot:
        from .plot import plot_trial  # noqa: PLC0415  (checked above)

        plot_trial(report.visits, args.plot)
    without = 0
    if args.adam:
        without = write_adam(args.adam, report.visit_scores(), study=args.study)
    table = summary_table(report.summary_rows, report.levels, args.lang)
    out = sys.stderr if report.summary.output == STDIO else sys.stdout
    out.write(table)
    _report(report.summary)
    if report.baseline is not None:
        rule = f"visit {report.baseline!r}, the same for every patient"
    else:
        rule = "each patient's earliest usable row (--per-patient-baseline)"
    print(
        f"  baseline: {rule}; patients without a usable baseline (no change): "
        f"{report.without_baseline}",
        file=sys.stderr,
    )
    if report.excluded:
        print(
            f"  rows excluded from the summary: {report.excluded} (see mexsledai_message)",
            file=sys.stderr,
        )
    for path, what in (
        (args.summary, "the summary"),
        (args.plot, "the plot"),
        (args.adam, "the ADaM dataset"),
    ):
        if path:
            print(f"mexsledai: wrote {what} to {path}", file=sys.stderr)
    if args.adam and without:
        print(
            f"  rows without a score, so without ADaM records: {without}",
            file=sys.stderr,
        )
    return EXIT_ROW_ERRORS if report.summary.errors or report.excluded else EXIT_OK


def _run_template(args: argparse.Namespace) -> int:
    from .languages import template_header  # noqa: PLC0415

    headers = [template_header(key, args.lang) for key in FLAT_KEYS]
    write_table(args.output, [["patient_id", "visit", "day", "arm", *headers]])
    if args.output != STDIO:
        print(f"mexsledai: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _run_definitions(args: argparse.Namespace) -> int:
    from .definitions import definitions_text  # noqa: PLC0415  (builds the schemes)

    sys.stdout.write(definitions_text(args.lang))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())
