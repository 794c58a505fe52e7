"""Generated tables of delimited text for the faster command's tests (the
line path and the parts), and the check that two runs said the same."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from mexsledai.tables.files import FileSummary
from mexsledai.tables.lines import LineReader

#: The delimiters and line breaks of the generated files.
DELIMITERS = st.sampled_from([",", ";", "\t"])
NEWLINES = st.sampled_from(["\r\n", "\n"])


def examples(count: int) -> settings:
    """``count`` examples, each writing files (no deadline; the tmp_path and
    monkeypatch fixtures are shared by the examples, which is what they
    need)."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


HEADER = ["id", "arthritis", "fever", "leukopenia", "leukocytes_per_mm3",
          "temperature_c", "notes"]  # fmt: skip


@st.composite
def tables(
    draw: st.DrawFn,
    *,
    findings: list[str],
    leukocytes: list[str],
    temperatures: list[str],
    notes: list[str],
    most: int,
) -> list[list[str]]:
    """A header and up to ``most`` rows of cells drawn from the lists; now
    and then a short row, a long one, or an empty line."""
    rows = [HEADER]
    for number in range(draw(st.integers(0, most))):
        row = [
            f"P{number}",
            draw(st.sampled_from(findings)),
            draw(st.sampled_from(findings)),
            draw(st.sampled_from(findings)),
            draw(st.sampled_from(leukocytes)),
            draw(st.sampled_from(temperatures)),
            draw(st.sampled_from(notes)),
        ]
        shape = draw(st.integers(0, 16))
        if shape == 0:
            row = row[:3]  # a short row
        elif shape == 1:
            row = [*row, "extra"]  # a long row
        elif shape == 2:
            row = []  # an empty line
        rows.append(row)
    return rows


def csv_text(rows: list[list[str]], delimiter: str, newline: str) -> str:
    """The rows as a CSV writer writes them."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue()


def assert_same_summary(a: FileSummary, b: FileSummary) -> None:
    """The counts, the problems (in the order first seen) and the digest."""
    assert (a.rows, a.scored, a.incomplete, a.errors, a.empty) == (
        b.rows,
        b.scored,
        b.incomplete,
        b.errors,
        b.empty,
    )
    assert a.blank_counted_absent == b.blank_counted_absent
    assert a.problems == b.problems
    assert list(a.problems) == list(b.problems)
    assert a.digest() == b.digest()


def reader(
    text: str, *, delimiter: str = ",", newline: str = "\n", width: int = 2
) -> LineReader:
    """A line reader of ``text`` (the rows after a header), in batches of 10."""
    return LineReader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        newline=newline,
        width=width,
        batch=10,
    )
