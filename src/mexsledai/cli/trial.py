"""``mexsledai trial``: follow patients over visits, summarise by arm."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..tables.headers import TableError
from ._common import (
    EXIT_OK,
    EXIT_ROW_ERRORS,
    STDIO,
    add_lang,
    add_reading_options,
    reading,
    report,
)

__all__ = ["add", "run"]

HELP = """\
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

EPILOG = """\
example:
  mexsledai trial examples/trial.csv --patient patient_id --visit visit \\
      --arm arm --day day --baseline baseline --summary summary.csv \\
      --plot trial.png --adam adsl.csv --study SECRETOME-01
"""


def add(commands: Any) -> None:
    """Add the subcommand to the parser's subcommands."""
    trial = commands.add_parser(
        "trial",
        help="follow patients over visits: change from baseline, summary by arm",
        description=HELP,
        epilog=EPILOG,
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
    add_lang(trial)
    add_reading_options(trial)
    trial.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Follow the patients, write the outputs and print the summary."""
    from ..trial_files import (  # noqa: PLC0415
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
    trial = follow_up_file(
        args.input,
        args.output,
        patient=args.patient,
        visit=args.visit,
        arm=args.arm,
        day=args.day,
        baseline=args.baseline,
        per_patient_baseline=args.per_patient_baseline,
        keep_scores=args.adam is not None,
        **reading(args),
    )
    if args.summary:
        write_summary(args.summary, trial.summary_rows, trial.levels)
    if args.plot:
        from ..plot import plot_trial  # noqa: PLC0415  (checked above)

        plot_trial(trial.visits, args.plot)
    without = 0
    if args.adam:
        without = write_adam(args.adam, trial.visit_scores(), study=args.study)
    table = summary_table(trial.summary_rows, trial.levels, args.lang)
    out = sys.stderr if trial.summary.output == STDIO else sys.stdout
    out.write(table)
    report(trial.summary)
    if trial.baseline is not None:
        rule = f"visit {trial.baseline!r}, the same for every patient"
    else:
        rule = "each patient's earliest usable row (--per-patient-baseline)"
    print(
        f"  baseline: {rule}; patients without a usable baseline (no change): "
        f"{trial.without_baseline}",
        file=sys.stderr,
    )
    if trial.excluded:
        print(
            f"  rows excluded from the summary: {trial.excluded} (see mexsledai_message)",
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
    return EXIT_ROW_ERRORS if trial.summary.errors or trial.excluded else EXIT_OK
