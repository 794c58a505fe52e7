"""Fuzzing cell text and file structure: no traceback, every row out, in
order, pass-through cells unchanged but for formula escaping."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mexsledai.cli import main
from mexsledai.tables.cells import escape_formula
from tests import spec_tables

# Any text a spreadsheet cell may hold (no NUL, no lone surrogates).
cell_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=12,
)
finding_like = st.sampled_from(
    ["", "1", "0", "x", "yes", "no", "sí", "tidak", "-", "+", "maybe", " "]
)
number_like = st.sampled_from(
    ["", "3200", "3,5", "3.5", "38.6", "-5", "1e3", "abc", "4.000"]
)
pass_through_names = st.sampled_from(
    ["patient_id", "visit", "notes", "arm", "day", "Catatan"]
)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    key_names = st.sampled_from(
        [*spec_tables.FINDINGS, "leukocytes_per_mm3", "temperature_c"]
    )
    keys = draw(st.lists(key_names, min_size=1, max_size=6, unique=True))
    others = draw(st.lists(pass_through_names, max_size=3, unique=True))
    header = draw(st.permutations([*keys, *others]))
    rows = [list(header)]
    for _ in range(draw(st.integers(0, 8))):
        row = []
        for name in header:
            if name in spec_tables.FINDINGS:
                row.append(draw(st.one_of(finding_like, cell_text)))
            elif name in spec_tables.RANGES:
                row.append(draw(st.one_of(number_like, cell_text)))
            else:
                row.append(draw(cell_text))
        cut = draw(st.integers(0, len(row) + 2))  # ragged: short or long rows
        row = (
            row[:cut]
            if cut <= len(row)
            else [*row, *draw(st.lists(cell_text, max_size=2))]
        )
        rows.append(row)
    return rows


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables(), st.sampled_from([",", ";", "\t"]), st.sampled_from([".", ","]))
def test_every_row_out(
    tmp_path: Path, table: list[list[str]], delimiter: str, decimal: str
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(table)
    source = tmp_path / "fuzz.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    target = tmp_path / "fuzz.out.csv"
    code = main(["score", str(source), "-o", str(target), "--delimiter", delimiter,
                 "--decimal", decimal])  # fmt: skip
    assert code in (0, 1)
    with target.open(encoding="utf-8", newline="") as stream:
        out = list(csv.reader(stream, delimiter=delimiter))
    # csv writes an all-empty one-cell row as an empty line, read back as []
    data_in = table[1:]
    assert len(out) - 1 == len(data_in)
    width = len(table[0])
    for written, original in zip(out[1:], data_in, strict=True):
        padded = [*original[:width], *[""] * (width - len(original))]
        assert written[:width] == [escape_formula(cell) for cell in padded]
        assert written[width + 4] in ("scored", "incomplete", "error", "")
        assert written[width + 7 :] == [escape_formula(c) for c in original[width:]]
