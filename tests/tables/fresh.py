"""Running the command or `score_file` in a fresh process, for the tests of
the parts: a file is scored in parts only by a process that runs one thread,
and the test process runs others (Spark's, Dask's, numpy's) by then.

The fresh process cuts files of any size into ``cpus`` parts, and says which
runs were scored in parts (the number of parts, or ``None`` when a part
failed and one process scored the file).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

DRIVER = """
import json, os, sys
from mexsledai.tables import files, parts

request = json.loads(sys.argv[1])
parts.MIN_BYTES = 0
parts.usable_cpus = lambda: request["cpus"]
ran = []
run_parts = parts.run_parts


def recorded(*args, **kwargs):
    outcome = run_parts(*args, **kwargs)
    ran.append(None if outcome is None else len(outcome))
    return outcome


parts.run_parts = recorded
if request["fail_here"]:
    # This process's own part fails (the forked ones do not).
    write_rows, parent = files._write_rows, os.getpid()

    def failing(*args, **kwargs):
        if os.getpid() == parent and kwargs.get("first_row") is not None:
            raise OSError("disk full")
        return write_rows(*args, **kwargs)

    files._write_rows = failing
result = {"ran": ran}
try:
    if request["argv"] is not None:
        from mexsledai.cli import main

        result["code"] = main(request["argv"])
    else:
        summary = files.score_file(request["input"], request["output"])
        result["summary"] = [
            summary.rows, summary.scored, summary.incomplete, summary.errors,
            summary.empty, summary.blank_counted_absent,
            [[list(key), value] for key, value in summary.problems.items()],
            summary.digest(),
        ]
except OSError as error:
    result["error"] = str(error)
with open(request["result"], "w", encoding="utf-8") as stream:
    json.dump(result, stream)
"""


def run(
    folder: Path,
    *,
    argv: list[str] | None = None,
    source: Path | None = None,
    target: Path | None = None,
    cpus: int = 3,
    fail_here: bool = False,
) -> tuple[dict[str, Any], subprocess.CompletedProcess[bytes]]:
    """Run the command (``argv``) or `score_file` (``source`` into
    ``target``) in a fresh process; its result, and the process (its
    standard output and error)."""
    result = folder / "fresh-result.json"
    request = {
        "argv": argv,
        "input": str(source),
        "output": str(target),
        "cpus": cpus,
        "fail_here": fail_here,
        "result": str(result),
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(request)],
        capture_output=True,
        check=False,
    )
    assert result.exists(), done.stderr.decode()
    answer: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    result.unlink()
    return answer, done


def summary_fields(summary: Any) -> list[Any]:
    """A `FileSummary` as the fresh process reports it."""
    return [
        summary.rows,
        summary.scored,
        summary.incomplete,
        summary.errors,
        summary.empty,
        summary.blank_counted_absent,
        [[list(key), value] for key, value in summary.problems.items()],
        summary.digest(),
    ]
